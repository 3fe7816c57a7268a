"""Evaluation gate: scores on gold sets must stay above the floors pinned in eval_floors.json.

The project's own articles (tests/corpus) are always scored; the seeds and the dev set
and dev2/dev3 are scored when ../shared is present. Scoring uses the contract's scorer
(../shared/eval/score.py); without it the gate is skipped with a message.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.evaluation import find_scorer, load_corpus, predict, score, write_jsonl
from marsad.models import Document

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "eval_floors.json").read_text(encoding="utf-8"))
SCORER = find_scorer(HERE.parent)
SHARED = SCORER.parents[1] if SCORER else None

needs_scorer = pytest.mark.skipif(SCORER is None, reason="../shared/eval/score.py not found: evaluation gate skipped")


def _docs_from_jsonl(path: Path) -> list[Document]:
    return [Document.from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _check(name: str, summary: dict) -> None:
    floors = FLOORS[name]
    got = {"events_main": summary["events_main"]["f1"], "slots": summary["slots"]["f1"],
           "claims": summary["claims"]["f1"], "relevant_acc": summary["relevant_acc"]}
    low = {k: (got[k], v) for k, v in floors.items() if got[k] < v}
    assert not low, f"{name}: scores below their floors (got, floor): {low}"


def _score_docs(tmp_path: Path, docs: list[Document], gold_rows: list[dict] | None, gold_path: Path | None) -> dict:
    pred = tmp_path / "pred.jsonl"
    write_jsonl(predict(docs), pred)
    if gold_path is None:
        gold_path = tmp_path / "gold.jsonl"
        write_jsonl(gold_rows, gold_path)
    return score(gold_path, pred, SCORER)


@needs_scorer
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_own_corpus_above_floors(tmp_path, lang):
    folder = HERE / "corpus" / lang
    docs, golds = load_corpus(folder)
    assert docs, f"no articles in {folder}"
    _check(f"corpus_{lang}", _score_docs(tmp_path, docs, golds, None))


@needs_scorer
def test_held_out_batch_above_floors(tmp_path):
    """The batch written blind for issue 12 (tests/corpus/heldout/README.md): first scored unseen,
    now a gate like dev2 and dev3."""
    docs, golds = load_corpus(HERE / "corpus" / "heldout")
    assert len(docs) == 33
    _check("corpus_heldout", _score_docs(tmp_path, docs, golds, None))


@needs_scorer
@pytest.mark.parametrize("name, docs_rel, gold_rel", [
    ("seeds", "seeds/seeds.jsonl", "eval/seeds.gold.jsonl"),
    ("dev", "eval/dev/docs.jsonl", "eval/dev/gold.jsonl"),
    ("dev2", "eval/dev2/docs.jsonl", "eval/dev2/gold.jsonl"),
    ("dev3", "eval/dev3/docs.jsonl", "eval/dev3/gold.jsonl"),
])
def test_shared_sets_above_floors(tmp_path, name, docs_rel, gold_rel):
    docs_path, gold_path = SHARED / docs_rel, SHARED / gold_rel
    if not docs_path.exists():
        pytest.skip(f"{docs_path} not found")
    _check(name, _score_docs(tmp_path, _docs_from_jsonl(docs_path), None, gold_path))
