"""Tests for marsad.scoring: the contract scorer's counting, rule by rule, and agreement with it.

Hand-made (gold, pred) tables exercise each rule; when ../shared/eval/score.py is
present every table, generated records and the seeds, dev, dev2, dev3 and the own
corpus are also scored by it, and its ``--json`` summary must equal ours key for key.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import signal
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.evaluation import find_scorer, load_corpus, predict, write_jsonl
from marsad.models import Document
from marsad.scoring import (CONTEXT_CHARS, date_ok, read_records, score_records, split_gold,
                            value_forms)

HERE = Path(__file__).parent
SCORER = find_scorer(HERE.parent)
SHARED = SCORER.parents[1] if SCORER else None
needs_scorer = pytest.mark.skipif(SCORER is None,
                                  reason="../shared/eval/score.py not found: agreement not checked")


def _scorer_module():
    spec = importlib.util.spec_from_file_location("contract_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SCORE_PY = _scorer_module() if SCORER else None


def contract_summary(gold: list[dict], pred: list[dict]) -> dict:
    """score.py --json on the records (in process: its main() on two temporary files)."""
    with tempfile.TemporaryDirectory() as tmp:
        g, p = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        write_jsonl(gold, g)
        write_jsonl(pred, p)
        out = io.StringIO()
        sigpipe = signal.getsignal(signal.SIGPIPE)  # main() resets it for the whole process
        try:
            with contextlib.redirect_stdout(out):
                SCORE_PY.main([str(g), str(p), "--json"])
        finally:
            signal.signal(signal.SIGPIPE, sigpipe)
    return json.loads(out.getvalue())


def check_agrees(gold: list[dict], pred: list[dict]) -> None:
    if SCORE_PY is not None:
        assert score_records(gold, pred).summary() == contract_summary(gold, pred)


def ev(**kw) -> dict:
    e = {"type": "cell_dismantled", "background": False, "date": "2020-01-01", "places": [],
         "country": "MA", "arrested": None, "killed": None, "age_min": None, "age_max": None,
         "affiliation": [], "agencies": [], "partners": [], "cell_name": None, "seized": [],
         "plot": [], "targets": []}
    e.update(kw)
    return e


def claim(**kw) -> dict:
    c = {"metric": "persons_arrested", "value": 100, "qualifier": "exact", "since": None,
         "until": None, "period": None, "subset": None, "source": None}
    c.update(kw)
    return c


def rec(doc_id: str = "d1", events=(), claims=(), relevant: bool = True, **kw) -> dict:
    return {"id": doc_id, "relevant": relevant, "events": list(events), "claims": list(claims), **kw}


def counts(c) -> tuple[int, int, int]:
    return c.tp, c.fp, c.fn


# -- one rule at a time --------------------------------------------------------------------------

@pytest.mark.parametrize("field, pred, gold, expected", [
    ("arrested", 5, 5, (1, 0, 0)),
    ("arrested", "5", 5, (1, 0, 0)),              # digits as text are numbers
    ("arrested", 3, "5|3", (1, 0, 0)),            # either alternative
    ("arrested", 4, "5|3", (0, 1, 1)),
    ("arrested", None, "5?", (0, 0, 0)),          # optional: nothing to find
    ("arrested", 4, "5?", (0, 1, 0)),             # optional and wrong: a false positive only
    ("arrested", 5, "5?", (1, 0, 0)),
    ("arrested", None, 5, (0, 0, 1)),
    ("arrested", 5, None, (0, 1, 0)),
    ("arrested", 5, "null", (0, 1, 0)),
    ("arrested", 5, "null?", (0, 0, 0)),          # "nothing, or anything"
    ("date", "2020-09-10", "2020-09", (1, 0, 0)),  # inside the gold month
    ("date", "2020-09", "2020-09-10", (0, 1, 1)),  # wider than the gold day
    ("date", "2020-09-10", "2020-09-08/2020-09-12", (1, 0, 0)),
    ("date", "2020-09-13", "2020-09-08/2020-09-12", (0, 1, 1)),
    ("date", "2020-02", "2020", (1, 0, 0)),
    ("date", "2020-09-10", "2020-09-11?", (0, 1, 0)),
    ("date", "2020-09-11", "2020-09-10|2020-09-11", (1, 0, 0)),
    ("cell_name", "أسود الخلافة", "اسود الخلافه", (1, 0, 0)),       # Arabic letters folded
    ("cell_name", "أسود الخلافة في المغرب", "أسود الخلافة", (0, 1, 1)),  # same token set needed
    ("killed", 33, "33|45", (1, 0, 0)),
    ("type", "arrest", "cell_dismantled", (0, 1, 1)),  # arrest and cell events still match
])
def test_event_scalar(field, pred, gold, expected):
    g, p = rec(events=[ev(**{field: gold})]), rec(events=[ev(**{field: pred})])
    report = score_records([g], [p])
    assert counts(report.events) == (1, 0, 0)
    assert counts(report.fields.get(field) or _zero()) == expected
    check_agrees([g], [p])


def _zero():
    from marsad.scoring import Counts
    return Counts()


@pytest.mark.parametrize("field, pred, gold, expected", [
    ("places", ["fez", "tangier"], ["fes", "tanger"], (2, 0, 0)),  # spelling aliases
    ("places", ["Salé"], ["sale"], (1, 0, 0)),                     # accents and case
    ("places", ["skhirate"], ["skhirat|skhirate"], (1, 0, 0)),
    ("places", [], ["rabat?"], (0, 0, 0)),
    ("places", ["rabat"], ["sale"], (0, 1, 1)),
    ("places", ["rabat", "sale"], ["sale", "rabat?"], (2, 0, 0)),
    ("agencies", ["bcij", "dgst"], ["bcij", "dgst?", "dgsn?"], (2, 0, 0)),
    ("agencies", ["bcij", "bcij"], ["bcij"], (1, 0, 0)),       # a repeated value counts once
    ("agencies", ["dgsn"], ["bcij"], (0, 1, 1)),
    ("seized", ["explosives"], ["explosive-precursors|explosives"], (1, 0, 0)),
    ("plot", ["bombing", "suicide-attack"], ["bombing"], (1, 1, 0)),
])
def test_event_set(field, pred, gold, expected):
    g, p = rec(events=[ev(**{field: gold})]), rec(events=[ev(**{field: pred})])
    report = score_records([g], [p])
    assert counts(report.events) == (1, 0, 0)
    assert counts(report.fields.get(field) or _zero()) == expected
    check_agrees([g], [p])


@pytest.mark.parametrize("field, pred, gold, expected", [
    ("source", "bcij", "bcij|dgst", (1, 0, 0)),
    ("source", "BCIJ", "bcij", (1, 0, 0)),
    ("source", "المكتب المركزي للأبحاث القضائية", "مدير المكتب المركزي", (1, 0, 0)),  # a shared token
    ("source", "الخبير", "وزارة الداخلية", (0, 1, 1)),
    ("source", None, "bcij?", (0, 0, 0)),
    ("since", "2015", "2015?", (1, 0, 0)),
    ("since", "2015-06", "2015", (1, 0, 0)),
    ("period", "2015/2020", "2015/2020", (1, 0, 0)),
    ("qualifier", "more_than", "more_than|at_least", (1, 0, 0)),
    ("qualifier", "about", "exact", (0, 1, 1)),
    ("subset", "women", None, (0, 1, 0)),
])
def test_claim_field(field, pred, gold, expected):
    g, p = rec(claims=[claim(**{field: gold})]), rec(claims=[claim(**{field: pred})])
    report = score_records([g], [p])
    assert counts(report.claims) == (1, 0, 0)
    assert counts(report.claim_fields.get(field) or _zero()) == expected
    check_agrees([g], [p])


def test_unmatched_events_count_every_slot():
    g = rec(events=[ev(type="cell_dismantled", places=["tangier"], arrested=5, agencies=["bcij"])])
    p = rec(events=[ev(type="attack", places=["tangier"], killed=2)])
    report = score_records([g], [p])
    assert counts(report.events) == (0, 1, 1)
    assert counts(report.fields["arrested"]) == (0, 0, 1)
    assert counts(report.fields["killed"]) == (0, 1, 0)
    assert counts(report.fields["places"]) == (0, 1, 1)
    assert {(e.where, e.field, e.kind) for e in report.errors if e.field == "event"} == {
        ("spurious0", "event", "spurious"), ("event0", "event", "missed")}
    check_agrees([g], [p])


def test_events_without_common_place_or_date_do_not_match():
    g = rec(events=[ev(places=["tangier"], date="2020-09-10")])
    p = rec(events=[ev(places=["oujda"], date="2021-01-05")])
    assert counts(score_records([g], [p]).events) == (0, 1, 1)
    check_agrees([g], [p])


def test_greedy_matching_pairs_the_best_fits():
    news = ev(places=["tangier", "temara"], date="2020-09-10", arrested=5)
    old = ev(places=["nador"], date="2020-07", arrested=4, background=True)
    g = rec(events=[news, old])
    p = rec(events=[dict(old, date="2020-07-07"), dict(news, places=["temara"])])
    report = score_records([g], [p])
    assert counts(report.events) == (2, 0, 0)
    assert counts(report.events_main) == (1, 0, 0)  # news events: the background one is left out
    assert counts(report.fields["arrested"]) == (2, 0, 0)
    assert [(e.where, e.field, e.expected) for e in report.errors] == [("event0", "places", "tangier")]
    check_agrees([g], [p])


def test_news_events_count_gold_news_and_predicted_news():
    g = rec(events=[ev(places=["nador"], background=True)])
    p = rec(events=[ev(places=["oujda"], date="2024-05-01")])
    report = score_records([g], [p])
    assert counts(report.events_main) == (0, 1, 0)
    assert counts(report.events) == (0, 1, 1)
    check_agrees([g], [p])


def test_claims_match_on_metric_and_value():
    g = rec(claims=[claim(value="3000|3129"), claim(metric="cells_dismantled", value=200)])
    p = rec(claims=[claim(value=3129), claim(metric="plots_foiled", value=200)])
    report = score_records([g], [p])
    assert counts(report.claims) == (1, 1, 1)
    assert sorted((e.where, e.expected, e.found) for e in report.errors) == [
        ("claim1", "cells_dismantled=200", None), ("spurious_claim1", None, "plots_foiled=200")]
    check_agrees([g], [p])


def test_documents_relevance_and_publication_date():
    golds = [rec("a", published="2020-01-02"), rec("b", relevant=False), rec("c")]
    preds = [rec("a", published="2020-01-03"), rec("b", relevant=True)]
    report = score_records(golds, preds)
    assert report.docs == 3 and report.docs_missing == ["c"]
    assert report.summary()["relevant_acc"] == 0.333
    assert counts(report.fields["published"]) == (0, 1, 1)
    assert counts(report.slots) == (0, 0, 0)  # the publication date is not an event slot
    assert [(e.doc, e.field) for e in report.errors] == [("a", "published"), ("b", "relevant"),
                                                         ("c", "relevant")]
    check_agrees(golds, preds)


def test_a_field_appears_once_it_is_counted():
    g, p = rec(events=[ev()]), rec(events=[ev()])
    report = score_records([g], [p])
    assert set(report.fields) == {"type", "background", "date"}
    assert report.claim_fields == {}
    check_agrees([g], [p])


@pytest.mark.parametrize("value, alternatives, optional", [
    ("a|b", ["a", "b"], False), ("a?", ["a"], True), ("a|b?", ["a", "b"], True), (5, [5], False)])
def test_split_gold(value, alternatives, optional):
    assert split_gold(value) == (alternatives, optional)


@pytest.mark.parametrize("pred, gold, ok", [
    ("2020-02-29", "2020-02", True), ("2020-03-01", "2020-02", False), ("2020", "2020-01/2020-12", True),
    (None, "2020", False), ("2020-13", "2020", False)])
def test_date_containment(pred, gold, ok):
    assert date_ok(pred, gold) is ok


# -- generated records: the two scorers agree on any mix of the rules ----------------------------

_PLACES = st.sampled_from(["tangier", "tanger", "fes", "fez", "rabat", "sale", "nador", "rabat?",
                           "skhirat|skhirate"])
_DATES = st.sampled_from([None, "2020", "2020-09", "2020-09-10", "2020-09-11", "2020-09-08/2020-09-12",
                          "2020-09-10?", "2019"])
_COUNTS = st.sampled_from([None, 1, 3, 5, "5|3", "5?", "null?"])
_event = st.fixed_dictionaries({
    "type": st.sampled_from(["cell_dismantled", "arrest", "attack"]), "background": st.booleans(),
    "date": _DATES, "places": st.lists(_PLACES, max_size=3), "arrested": _COUNTS, "killed": _COUNTS,
    "agencies": st.lists(st.sampled_from(["bcij", "dgst", "dgst?", "dgsn"]), max_size=2),
    "cell_name": st.sampled_from([None, "أسود الخلافة", "اسود الخلافه"])})
_claim = st.fixed_dictionaries({
    "metric": st.sampled_from(["persons_arrested", "cells_dismantled"]),
    "value": st.sampled_from([10, 200, "200|210"]), "since": _DATES,
    "source": st.sampled_from([None, "bcij", "bcij|dgst", "وزارة الداخلية", "الداخلية"])})
_record = st.fixed_dictionaries({"relevant": st.booleans(), "events": st.lists(_event, max_size=3),
                                 "claims": st.lists(_claim, max_size=2)})


@needs_scorer
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_record, st.one_of(st.none(), _record)), min_size=1, max_size=3))
def test_agrees_with_the_contract_scorer_on_generated_records(pairs):
    golds = [dict(g, id=f"d{i}") for i, (g, _) in enumerate(pairs)]
    preds = [dict(p, id=f"d{i}") for i, (_, p) in enumerate(pairs) if p is not None]
    assert score_records(golds, preds).summary() == contract_summary(golds, preds)


# -- the gold sets -------------------------------------------------------------------------------

def _error_keys(errors) -> list[tuple[str, str]]:
    """(document, field) of each error, named as score.py names them."""
    return sorted((str(w).split("/")[0], str(f).lower()) for w, f, *_ in errors)


def _agree_on(golds: list[dict], preds: list[dict]) -> None:
    report = score_records(golds, preds)
    assert report.summary() == contract_summary(golds, preds)
    # and the same errors, field by field (relevance is a score, not an error, for score.py)
    *_, fields, cfields, _, _ = SCORE_PY.score({g["id"]: g for g in golds}, {p["id"]: p for p in preds})
    ours = sorted((e.doc, e.field) for e in report.errors if e.field != "relevant")
    claims_errors = [e for e in report.errors if e.field == "claim"]
    assert ours == sorted(_error_keys(fields.errors + cfields.errors)
                          + [(e.doc, "claim") for e in claims_errors])


@needs_scorer
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_agrees_on_own_corpus(lang):
    docs, golds = load_corpus(HERE / "corpus" / lang)
    _agree_on(golds, predict(docs))


@needs_scorer
@pytest.mark.parametrize("docs_rel, gold_rel", [
    ("seeds/seeds.jsonl", "eval/seeds.gold.jsonl"),
    ("eval/dev/docs.jsonl", "eval/dev/gold.jsonl"),
    ("eval/dev2/docs.jsonl", "eval/dev2/gold.jsonl"),
    ("eval/dev3/docs.jsonl", "eval/dev3/gold.jsonl"),
])
def test_agrees_on_shared_sets(docs_rel, gold_rel):
    docs_path, gold_path = SHARED / docs_rel, SHARED / gold_rel
    if not docs_path.exists():
        pytest.skip(f"{docs_path} not found")
    docs = [Document.from_dict(json.loads(l)) for l in docs_path.read_text(encoding="utf-8").splitlines()
            if l.strip()]
    golds = list(read_records(gold_path).values())
    _agree_on(golds, predict(docs))


# -- the sentences behind an error --------------------------------------------------------------

TEXT = ("The BCIJ dismantled a cell of five in Tangier on Thursday. "
        "Police also searched a house in Temara where knives were seized. "
        "The suspects are aged 29 to 43.")


def _span(sentence: str) -> list[int]:
    start = TEXT.index(sentence)
    return [start, start + len(sentence)]


def test_a_found_value_shows_the_evidence_sentence_naming_it():
    evidence = [_span("The BCIJ dismantled a cell of five in Tangier on Thursday."),
                _span("Police also searched a house in Temara where knives were seized.")]
    g = rec(events=[ev(places=["tangier"])])
    p = rec(events=[ev(places=["tangier", "temara"], evidence=evidence)])
    [err] = score_records([g], [p], {"d1": TEXT}).errors
    assert (err.field, err.expected, err.found, err.kind) == ("places", None, "temara", "spurious")
    first = err.sentences[0]
    assert first.marked() == "Police also searched a house in ⟦Temara⟧ where knives were seized."
    assert len(err.sentences) == 2  # the other evidence sentence follows


def test_a_missed_value_shows_the_gold_evidence_else_the_matched_prediction():
    evidence = [_span("The BCIJ dismantled a cell of five in Tangier on Thursday.")]
    gold_evidence = [_span("The suspects are aged 29 to 43.")]
    g = rec(events=[ev(age_min=29, arrested=5, evidence=gold_evidence)])
    p = rec(events=[ev(evidence=evidence)])
    errors = {e.field: e for e in score_records([g], [p], {"d1": TEXT}).errors}
    assert errors["age_min"].sentences[0].marked() == "The suspects are aged ⟦29⟧ to 43."
    g["events"][0].pop("evidence")
    errors = {e.field: e for e in score_records([g], [p], {"d1": TEXT}).errors}
    assert errors["arrested"].sentences[0].marked() == \
        "The BCIJ dismantled a cell of ⟦five⟧ in Tangier on Thursday."  # a number word
    assert errors["age_min"].sentences[0].text == "The BCIJ dismantled a cell of five in Tangier on Thursday."


def test_no_text_or_no_evidence_means_no_sentence():
    g = rec(events=[ev(arrested=5)])
    p = rec(events=[ev(arrested=4, evidence=[[0, 10]])])
    assert score_records([g], [p]).errors[0].sentences == []
    assert score_records([g], [rec(events=[ev(arrested=4)])], {"d1": TEXT}).errors[0].sentences == []


def test_bad_evidence_spans_are_ignored():
    p = rec(events=[ev(arrested=4, evidence=[[50, 10], [0, 10_000], "x", [True, 3], [4, 8]])])
    [err] = score_records([rec(events=[ev(arrested=5)])], [p], {"d1": TEXT}).errors
    assert [s.text for s in err.sentences] == ["The BCIJ dismantled a cell of five in Tangier on Thursday."]


def test_long_sentences_are_cut_around_the_value():
    filler = "word " * 120
    text = f"{filler}the cell was dismantled in Oujda by the BCIJ {filler}."
    p = rec(events=[ev(places=["oujda"], evidence=[[0, len(text)]])])
    [err] = score_records([rec(events=[ev()])], [p], {"d1": text}).errors
    s = err.sentences[0]
    assert s.text[s.start:s.end] == "Oujda"
    assert len(s.text) <= CONTEXT_CHARS + 4 and s.text.startswith("…") and s.text.endswith("…")


@pytest.mark.parametrize("field, value, sentence, named", [
    ("agencies", "bcij", "أعلن المكتب المركزي للأبحاث القضائية تفكيك خلية.", "المكتب المركزي للأبحاث القضائية"),
    ("affiliation", "isis", "Une cellule liée à Daech a été démantelée.", "Daech"),
    ("places", "tangier", "وتم توقيف المشتبه فيه بطنجة أمس.", "طنجة"),
    ("arrested", 3129, "plus de 3.129 personnes ont été arrêtées.", "3.129"),
    ("arrested", 6, "شملت العملية مؤسسات عمومية وستة أشخاص.", "ستة"),  # not «ست» inside «مؤسسات»
])
def test_values_are_found_in_sentences_in_every_language(field, value, sentence, named):
    p = rec(events=[ev(**{field: [value] if field in ("agencies", "affiliation", "places") else value},
                       evidence=[[0, len(sentence)]])])
    [err] = [e for e in score_records([rec(events=[ev()])], [p], {"d1": sentence}).errors
             if e.field == field]
    s = err.sentences[0]
    assert s.text[s.start:s.end] == named


def test_value_forms_use_the_language_data():
    assert "daech" in value_forms("affiliation", "isis")
    assert value_forms("type", "arrest") == ()


# -- reading files -------------------------------------------------------------------------------

@pytest.mark.parametrize("content, message", [
    ('{"id": "a"}\n{bad\n', "f.jsonl:2: invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
    ('{"id": "a"}\n\n{"events": []}\n', "f.jsonl:3: record without an id"),
    ('{"id": "a"}\n{"id": "a"}\n', "f.jsonl:2: id 'a' already given on an earlier line"),
    ('[1, 2]\n', "f.jsonl:1: not a JSON object"),
    ('{"id": "a", "events": {"type": "arrest"}}\n', "f.jsonl:1: events must be a list of objects"),
    ('{"id": "a", "events": [{"places": [["rabat"]]}]}\n', "f.jsonl:1: events[0].places must be a list of values"),
])
def test_read_records_names_the_bad_line(tmp_path, content, message):
    path = tmp_path / "f.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_records(path)
    assert str(e.value) == f"{tmp_path}/{message}"


def test_read_records(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text('\ufeff{"id": 7, "events": []}\n\n{"id": "b"}\n', encoding="utf-8")
    assert list(read_records(path)) == ["7", "b"]
    with pytest.raises(InputError, match="no such file"):
        read_records(tmp_path / "missing.jsonl")
