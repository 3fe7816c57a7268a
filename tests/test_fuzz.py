"""The robustness contract as properties: any input gives a record or a one-line problem.

Bounded runs of marsad.fuzzing's mutations (the long runs are ``scripts/fuzz.py``) and
hypothesis-generated texts, dates and JSON lines through the reader, ``extract`` and the
store. Time is not asserted here (tests/test_scaling.py guards growth).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad import fuzzing
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.readers import InputProblem, read_documents
from marsad.store import Store

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = fuzzing.seed_articles(fuzzing.default_roots(ROOT))
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@pytest.fixture(scope="module")
def store():
    with Store(":memory:") as s:
        yield s


def _contract(outcome: fuzzing.Outcome) -> list[str]:
    return [v for v in outcome.violations if not v.startswith("slow:")]


def test_seed_articles_bundled():
    ids = {a["id"] for a in ARTICLES}
    assert len(ARTICLES) >= 100 and "ar_a01" in ids  # samples and tests/corpus at least


@settings(max_examples=250, **SETTINGS)
@given(i=st.integers(min_value=0, max_value=10**9))
def test_mutated_articles_keep_the_contract(store, i):
    line = fuzzing.make_line(ARTICLES, seed=7, i=i)
    assert _contract(fuzzing.check_line(line, store)) == [], line[:300]


@pytest.mark.parametrize("mutate", fuzzing.TEXT_MUTATIONS, ids=lambda f: f.__name__)
def test_each_text_mutation_keeps_the_contract(store, mutate):
    import random
    for k in range(8):
        rng = random.Random(f"{mutate.__name__}:{k}")
        text = mutate(rng, ARTICLES[k * 7 % len(ARTICLES)]["text"], ARTICLES)
        line = json.dumps({"id": f"m{k}", "text": text}).encode()
        assert _contract(fuzzing.check_line(line, store)) == [], (mutate.__name__, k)


@pytest.mark.parametrize("mutate", fuzzing.LINE_MUTATIONS, ids=lambda f: f.__name__)
def test_each_line_mutation_keeps_the_contract(store, mutate):
    import random
    for k in range(8):
        rng = random.Random(f"{mutate.__name__}:{k}")
        base = json.dumps({"id": f"l{k}", "text": ARTICLES[k]["text"]}).encode()
        assert _contract(fuzzing.check_line(mutate(rng, base), store)) == [], (mutate.__name__, k)


_HOSTILE = st.sampled_from(fuzzing.ODD_DIGITS + fuzzing.HUGE_NUMBERS + fuzzing.EDGE_DATES
                           + fuzzing.CONTROL + fuzzing.MARKUP + fuzzing.WORDS)
_ANY_CHAR = st.characters(codec=None, exclude_categories=())  # surrogates included
_TEXTS = st.lists(_HOSTILE | st.text(_ANY_CHAR, max_size=30) | st.sampled_from(fuzzing.RUN_CHARS),
                  max_size=40).map(" ".join)
_PUBLISHED = st.none() | st.dates().map(lambda d: d.isoformat())


@settings(max_examples=300, **SETTINGS)
@given(text=_TEXTS, published=_PUBLISHED, lang=st.sampled_from([None, "ar", "en", "fr"]))
def test_extract_gives_a_valid_record_for_any_text(text, published, lang):
    doc = Document(id="h", text=text, published=published, lang=lang)
    record = extract(doc)
    assert fuzzing.record_violations(record, doc) == []


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(_ANY_CHAR),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
_OBJECTS = st.fixed_dictionaries({"id": _JSON, "text": st.text(_ANY_CHAR, max_size=200) | _JSON},
                                 optional={"published": _JSON | _PUBLISHED, "lang": _JSON,
                                           "html": st.text(max_size=100), "url": _JSON})


@settings(max_examples=300, **SETTINGS)
@given(obj=_OBJECTS, ensure_ascii=st.booleans())
def test_any_json_line_is_a_document_or_one_problem(store, obj, ensure_ascii):
    line = json.dumps(obj, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
    items = list(read_documents(["-"], stdin=io.BytesIO(line + b"\n")))
    assert len(items) == 1
    assert isinstance(items[0], (Document, InputProblem))
    assert _contract(fuzzing.check_line(line, store)) == []
