"""The family fixtures (tests/corpus/families/README.md): the gold is well formed.

No floors here (the lead sets them): this checks the folder's shape and that the gold
is self-consistent, i.e. a prediction built from it (first alternative, optional values
left out) scores 1.0 on every field with the contract's scorer. A malformed value, such as
an alternative the scorer does not split, fails it.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from marsad.evaluation import find_scorer, load_corpus, score, write_jsonl

HERE = Path(__file__).parent
FOLDER = HERE / "corpus" / "families"
SCORER = find_scorer(HERE.parent)


def _first(value):
    """The gold's first alternative, as a predicted value would be written."""
    first = value.split("|")[0]
    return int(first) if first.isdigit() else first


def _prediction_from_gold(gold: dict) -> dict:
    pred = json.loads(json.dumps(gold))
    for item in pred["events"] + pred["claims"]:
        for key, value in item.items():
            if isinstance(value, list):
                item[key] = [_first(v) if isinstance(v, str) else v
                             for v in value if not (isinstance(v, str) and v.endswith("?"))]
            elif isinstance(value, str):
                item[key] = None if value.split("|")[0].endswith("?") else (
                    value.split("|")[0] if key in ("date", "since", "until", "period") else _first(value))
    return pred


def test_fifteen_articles_five_per_language():
    docs, golds = load_corpus(FOLDER)
    assert Counter(d.lang for d in docs) == {"ar": 5, "fr": 5, "en": 5}
    for doc, gold in zip(docs, golds):
        assert gold["id"] == doc.id and gold["lang"] == doc.lang and gold["published"] == doc.published
        assert 120 <= len(doc.text.split()) <= 300, doc.id


@pytest.mark.skipif(SCORER is None, reason="../shared/eval/score.py not found")
def test_gold_built_prediction_scores_one_on_every_field(tmp_path):
    _, golds = load_corpus(FOLDER)
    write_jsonl(golds, tmp_path / "gold.jsonl")
    write_jsonl([_prediction_from_gold(g) for g in golds], tmp_path / "pred.jsonl")
    summary = score(tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", SCORER)
    fields = {**summary["fields"], **summary["claim_fields"]}
    below = {k: v["f1"] for k, v in fields.items() if v["f1"] != 1.0}
    assert summary["events"]["f1"] == summary["claims"]["f1"] == summary["relevant_acc"] == 1.0
    assert not below, f"fields below 1.0: {below}"
