"""Tests for ``marsad eval`` (click's CliRunner, stdout and stderr apart)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from marsad.evaluation import load_corpus, predict, write_jsonl
from marsad.scoring import score_records
from test_cli import run

HERE = Path(__file__).parent
CORPUS = HERE / "corpus" / "en"

ARTICLE = ("The BCIJ dismantled a cell of four in Tangier on Monday. "
           "Police seized knives and a flag in Tetouan.")
GOLD = {"id": "a1", "relevant": True, "claims": [], "events": [
    {"type": "cell_dismantled", "background": False, "date": "2024-03-04", "places": ["tangier"],
     "arrested": 5, "agencies": ["bcij"], "seized": ["bladed-weapons"]}]}
PRED = {"id": "a1", "relevant": True, "claims": [], "events": [
    {"type": "cell_dismantled", "background": False, "date": "2024-03-04",
     "places": ["tangier", "tetouan"], "arrested": 4, "agencies": ["bcij"],
     "seized": ["bladed-weapons"], "evidence": [[0, 56], [57, 100]]}]}


@pytest.fixture
def files(tmp_path):
    gold, pred, docs = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "docs.jsonl"
    write_jsonl([GOLD], gold)
    write_jsonl([PRED], pred)
    write_jsonl([{"id": "a1", "text": ARTICLE, "published": "2024-03-05"}], docs)
    return gold, pred, docs


def test_table_scores_then_errors_with_their_sentences(files):
    gold, pred, docs = files
    result = run("eval", str(gold), str(pred), "--docs", str(docs))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "docs 1 (missing from predictions: 0)  relevant accuracy 1.0"
    assert lines[2].split() == ["events", "1.000", "1.000", "1.000", "1", "0", "0"]
    assert "-- arrested: 1 error (1 wrong)" in lines
    assert ("a1/event0  arrested  expected 5  found 4  | The BCIJ dismantled a cell of ⟦four⟧ in "
            "Tangier on Monday.  (+1 more)") in lines
    assert "a1/event0  places  expected —  found tetouan  | Police seized knives and a flag in " \
           "⟦Tetouan⟧.  (+1 more)" in lines


def test_field_and_no_errors(files):
    gold, pred, docs = files
    only = run("eval", str(gold), str(pred), "--field", "places").stdout.splitlines()
    assert [l for l in only if l.startswith("a1/")] == ["a1/event0  places  expected —  found tetouan"]
    quiet = run("eval", str(gold), str(pred), "--no-errors").stdout
    assert "a1/" not in quiet and "-- claim fields" in quiet


def test_json(files):
    gold, pred, docs = files
    result = run("eval", str(gold), str(pred), "--docs", str(docs), "--format", "json", "--field",
                 "arrested")
    out = json.loads(result.stdout)
    assert out["summary"] == score_records([GOLD], [PRED]).summary()
    assert out["summary"]["fields"]["arrested"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    [err] = out["errors"]
    assert {k: err[k] for k in ("doc", "where", "field", "kind", "expected", "found")} == {
        "doc": "a1", "where": "event0", "field": "arrested", "kind": "wrong", "expected": 5, "found": 4}
    first = err["sentences"][0]
    assert first["text"][slice(*first["highlight"])] == "four"
    assert "errors" not in json.loads(run("eval", str(gold), str(pred), "--format", "json",
                                          "--no-errors").stdout)


def test_corpus_folder_is_extracted_when_pred_is_omitted():
    result = run("eval", str(CORPUS), "--format", "json", "--no-errors")
    assert result.exit_code == 0, result.stderr
    docs, golds = load_corpus(CORPUS)
    assert json.loads(result.stdout)["summary"] == score_records(golds, predict(docs)).summary()


def test_gold_and_docs_are_extracted_when_pred_is_omitted(tmp_path):
    docs, golds = load_corpus(CORPUS)
    write_jsonl(golds, tmp_path / "gold.jsonl")
    write_jsonl([{"id": d.id, "text": d.text, "published": d.published} for d in docs],
                tmp_path / "docs.jsonl")
    result = run("eval", str(tmp_path / "gold.jsonl"), "--docs", str(tmp_path / "docs.jsonl"),
                 "--format", "json")
    out = json.loads(result.stdout)
    report = score_records(golds, predict(docs), {d.id: d.text for d in docs})
    assert out["summary"] == report.summary()
    assert out["errors"] == [e.to_dict() for e in report.errors]


def test_corpus_folder_with_predictions_knows_the_texts(tmp_path):
    docs, _ = load_corpus(CORPUS)
    preds = predict(docs)
    for r in preds:
        for e in r["events"]:
            e["arrested"] = 99  # a wrong value in every event, to see its sentence
    write_jsonl(preds, tmp_path / "pred.jsonl")
    out = json.loads(run("eval", str(CORPUS), str(tmp_path / "pred.jsonl"), "--format", "json",
                         "--field", "arrested").stdout)
    assert out["errors"] and all(e["found"] == 99 and e["sentences"] for e in out["errors"])


@pytest.mark.parametrize("gold_text, message", [
    ('{"id": "a1"}\n{"id": "a2", }\n', "GOLD:2: invalid JSON: Expecting property name enclosed in "
                                      "double quotes (column 14)"),
    ('{"id": "a1"}\n{"events": []}\n', "GOLD:2: record without an id"),
    ('"a1"\n', "GOLD:1: not a JSON object"),
])
def test_bad_gold_is_one_line_and_status_2(files, gold_text, message):
    gold, pred, _ = files
    gold.write_text(gold_text, encoding="utf-8")
    result = run("eval", str(gold), str(pred))
    assert result.exit_code == 2
    assert result.stderr == f"marsad: error: {message.replace('GOLD', str(gold))}\n"
    assert result.stdout == ""


def test_missing_files_and_predictions(files, tmp_path):
    gold, pred, docs = files
    cases = [
        (("eval", str(tmp_path / "nope.jsonl"), str(pred)), f"{tmp_path / 'nope.jsonl'}: no such file"),
        (("eval", str(gold), str(tmp_path / "p.jsonl")), f"{tmp_path / 'p.jsonl'}: no such file"),
        (("eval", str(gold), "--docs", str(tmp_path / "d.jsonl")), f"{tmp_path / 'd.jsonl'}: no such file"),
        (("eval", str(gold)), f"{gold}: no predictions to score: give PRED, or --docs to extract them"),
    ]
    for args, message in cases:
        result = run(*args)
        assert (result.exit_code, result.stderr) == (2, f"marsad: error: {message}\n"), args


def test_bad_docs_and_bad_corpus(files, tmp_path):
    gold, _, docs = files
    docs.write_text('{"id": "a1"}\n', encoding="utf-8")
    result = run("eval", str(gold), "--docs", str(docs))
    assert (result.exit_code, result.stderr) == (
        2, f"marsad: error: {docs}:1: missing field 'text' (or 'html')\n")
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    (folder / "en_02.json").write_text('{"input": {}, "expected": {"id": "en_02"', encoding="utf-8")
    result = run("eval", str(folder))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"marsad: error: {folder / 'en_02.json'}:1: invalid JSON:")
    (folder / "en_02.json").write_text('{"input": {}, "expected": {"id": "other"}}', encoding="utf-8")
    result = run("eval", str(folder))
    assert result.stderr == (f"marsad: error: {folder / 'en_02.json'}: expected.id 'other' is not "
                             "the file's name 'en_02'\n")
