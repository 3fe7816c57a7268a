"""Evaluation helpers: golden-file corpora, ``marsad eval`` and the contract's scorer.

A corpus folder holds, per article, ``<id>.txt`` (the text) and ``<id>.json``
(``{"input": {"published", "url"}, "expected": <SPEC record>}``). :func:`evaluate`
scores predictions (a file, or extracted on the spot) against a gold file or corpus
with :mod:`marsad.scoring`, which counts as the contract's ``eval/score.py`` does.
That scorer, in the shared folder beside the repository, is run by :func:`score` as a
separate program so that its verdict is the one the project's gate sees.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .models import Document
from .pipeline.extract import extract
from .readers import ERROR, InputProblem, read_documents
from .scoring import Report, check_record, read_records, score_records


def load_corpus(folder: str | Path) -> tuple[list[Document], list[dict]]:
    """Documents and gold records of a golden-file corpus folder (recursively, sorted).

    Raises InputError naming the file for a ``.json`` that is not JSON, has no
    ``expected`` record, or whose text is not UTF-8.
    """
    docs, golds = [], []
    for meta in sorted(Path(folder).rglob("*.json")):
        text_path = meta.with_suffix(".txt")
        if not text_path.exists():
            continue
        try:
            spec = json.loads(_utf8(meta))
        except json.JSONDecodeError as e:
            raise InputError(f"{meta}:{e.lineno}: invalid JSON: {e.msg} (column {e.colno})") from None
        text = _utf8(text_path)
        if not isinstance(spec, dict) or not isinstance(spec.get("expected"), dict):
            raise InputError(f"{meta}: no \"expected\" record")
        inp = spec.get("input") or {}
        try:
            docs.append(Document(id=meta.stem, text=text, published=inp.get("published"),
                                 url=inp.get("url"), lang=inp.get("lang")))
        except ValueError as e:  # a published that is no calendar day
            raise InputError(f"{meta}: input.{e}") from None
        golds.append(spec["expected"])
    return docs, golds


def _utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None


def write_jsonl(rows: Iterable[dict], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def predict(docs: Iterable[Document]) -> list[dict]:
    return [extract(d).to_dict() for d in docs]


def find_scorer(start: str | Path | None = None) -> Path | None:
    """``../shared/eval/score.py`` beside the repository, if present."""
    here = Path(start or Path(__file__).resolve().parents[1])
    for base in (here, *here.parents):
        cand = base.parent / "shared" / "eval" / "score.py"
        if cand.exists():
            return cand
    return None


def score(gold_path: str | Path, pred_path: str | Path, scorer: str | Path) -> dict:
    """The scorer's JSON summary for a gold and a prediction file."""
    out = subprocess.run([sys.executable, str(scorer), str(gold_path), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def load_gold(path: str | Path) -> tuple[dict[str, dict], dict[str, Document]]:
    """Gold records by id, and the documents when known, from a JSON Lines file of gold
    records or from a corpus folder (whose texts are then known)."""
    p = Path(path)
    if not p.is_dir():
        return read_records(p), {}
    docs, golds = load_corpus(p)
    if not golds:
        raise InputError(f"{path}: no gold articles (<id>.txt beside <id>.json) in this folder")
    gold = {}
    for doc, g in zip(docs, golds):
        where = str(p / f"{doc.id}.json") if (p / f"{doc.id}.json").exists() else doc.id
        check_record(g, where)
        if str(g["id"]) != doc.id:
            raise InputError(f"{where}: expected.id {g['id']!r} is not the file's name {doc.id!r}")
        gold[doc.id] = g
    return gold, {d.id: d for d in docs}


def load_documents(path: str | Path) -> dict[str, Document]:
    """Documents by id from any input ``marsad extract`` reads; InputError on the first problem."""
    if not Path(path).exists():
        raise InputError(f"{path}: no such file")
    docs = {}
    for item in read_documents([path]):
        if isinstance(item, InputProblem):
            if item.level == ERROR:
                raise InputError(str(item))
            continue
        docs[item.id] = item
    return docs


def evaluate(gold_path: str | Path, pred_path: str | Path | None = None,
             docs_path: str | Path | None = None) -> Report:
    """Score predictions against gold: ``marsad eval`` without the printing.

    ``gold_path`` is a JSON Lines file of gold records or a corpus folder;
    ``docs_path`` (SPEC input) gives the texts, which the mismatches quote. Without
    ``pred_path`` the documents of the gold ids are extracted now.
    """
    gold, docs = load_gold(gold_path)
    if docs_path is not None:
        docs.update(load_documents(docs_path))
    if pred_path is not None:
        pred = read_records(pred_path)
    elif docs:
        pred = {r["id"]: r for r in predict(docs[i] for i in gold if i in docs)}
    else:
        raise InputError(f"{gold_path}: no predictions to score: give PRED, or --docs to extract them")
    return score_records(gold, pred, {i: d.text for i, d in docs.items()})
