"""Undoing the analyst's corrections (Store.undo, marsad.store.corrections) on both backends.

Articles of tests/corpus/events go through the real pipeline into a store; corrections are
made and undone, and the grouping, the constraints and the revision log are compared with
what they were before.
"""
from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.evaluation import load_corpus
from marsad.pipeline.extract import extract
from marsad.store import Store

from test_store_canonical import EVENTS, grouping

ARTICLES = 16  # enough for events with several reports, and quick


@pytest.fixture(scope="module")
def articles():
    docs = load_corpus(EVENTS)[0][:ARTICLES]
    return [(d, extract(d)) for d in docs]


def state(store: Store) -> tuple[dict, list]:
    return grouping(store), store.constraints()


def test_undo_takes_corrections_back_newest_first(articles, make_target):
    with Store(make_target()) as store:
        for doc, record in articles:
            store.add(doc, record)
            store.resolve([doc.id])
        before = state(store)
        events = sorted(before[0].items(), key=lambda e: (-len(e[1]), e[0]))
        (a, a_keys), (b, b_keys) = events[0], events[-1]
        assert len(a_keys) >= 2 and a != b
        merged = store.merge([a, b])
        after_merge = state(store)
        assert set(a_keys + b_keys) <= set(after_merge[0][merged])
        # the split overrides some of the merge's must-links with cannot-links
        rest, alone = store.split(merged, b_keys)
        assert set(grouping(store)[alone]) >= set(b_keys) and not set(grouping(store)[rest]) & set(b_keys)
        logged = len(store.revisions())
        assert [(c["kind"], c["events"], c["undone_at"]) for c in store.corrections()] == [
            ("split", [merged], None), ("merge", [a, b], None)]

        undone = store.undo()
        assert (undone.correction["kind"], undone.correction["events"]) == ("split", [merged])
        assert state(store) == after_merge, "the merge's must-links are back, not dropped"
        assert undone.events == [merged]
        new = store.revisions()[logged:]
        assert new and {r["who"] for r in new} == {"analyst"} and "merged" in {r["action"] for r in new}

        undone = store.undo()
        assert undone.correction["kind"] == "merge"
        assert state(store) == before
        assert sorted(undone.events) == sorted([a, b]), "both events are back under their own ids"
        assert [c["undone_at"] is not None for c in store.corrections()] == [True, True]
        assert store.corrections(undone=False) == []
        with pytest.raises(InputError, match="no correction to undo"):
            store.undo()
        assert state(store) == before


def test_an_undone_import_drops_only_the_constraints_it_added(articles, make_target):
    with Store(make_target()) as store:
        for doc, record in articles[:6]:
            store.add(doc, record)
        store.resolve()
        (a, a_keys), (b, b_keys) = sorted(grouping(store).items())[:2]
        store.merge([a, b])
        kept = state(store)
        store.add_constraints([{"a": a_keys[0], "b": b_keys[0], "kind": "cannot_link"},
                               {"a": "nowhere#0", "b": "nowhere#1", "kind": "must_link"}])
        assert store.corrections(limit=1)[0]["kind"] == "import"
        assert len(store.constraints()) == len(kept[1]) + 1
        store.undo()
        assert state(store) == kept
