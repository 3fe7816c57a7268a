"""Evaluation helpers: golden-file corpora and the contract's scorer.

A corpus folder holds, per article, ``<id>.txt`` (the text) and ``<id>.json``
(``{"input": {"published", "url"}, "expected": <SPEC record>}``). The scorer is the
contract's ``eval/score.py`` in the shared folder beside the repository; it is run
as a separate program so that its verdict is the one users see.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Iterable

from .models import Document
from .pipeline.extract import extract


def load_corpus(folder: str | Path) -> tuple[list[Document], list[dict]]:
    """Documents and gold records of a golden-file corpus folder (recursively, sorted)."""
    docs, golds = [], []
    for meta in sorted(Path(folder).rglob("*.json")):
        text_path = meta.with_suffix(".txt")
        if not text_path.exists():
            continue
        spec = json.loads(meta.read_text(encoding="utf-8"))
        inp = spec.get("input", {})
        docs.append(Document(id=meta.stem, text=text_path.read_text(encoding="utf-8"),
                             published=inp.get("published"), url=inp.get("url"), lang=inp.get("lang")))
        golds.append(spec["expected"])
    return docs, golds


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
