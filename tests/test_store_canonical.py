"""Canonical events in the store (marsad.store.canonical) on the issue 5 corpus (tests/corpus/events).

54 articles in ar/fr/en report 22 real operations and 9 declared composites; each gold
event names its operation with a ``canonical`` key. The articles go through the real pipeline into temporary stores.
"""
from __future__ import annotations

import importlib.util
import json
import random
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

import pytest

from marsad.evaluation import find_scorer, load_corpus, write_jsonl
from marsad.ingest import ingest_paths
from marsad.models import Document, Event, Record
from marsad.pipeline.extract import extract
from marsad.resolve import canonical_id, pairwise_scores
from marsad.store import Store

HERE = Path(__file__).parent
EVENTS = HERE / "corpus" / "events"
SCORER = find_scorer(HERE.parent)
# Pairwise same-event precision and recall of the stored grouping of *extracted* mentions,
# aligned to gold with the scorer's matching: measured 0.98 / 0.92 (see the test's output);
# the floors are issue 5's targets.
FLOORS = {"precision": 0.95, "recall": 0.90}
TIMESTAMPS = ("created_at", "updated_at", "mentions")  # row ids and times differ between stores


@pytest.fixture(scope="module")
def corpus():
    docs, golds = load_corpus(EVENTS)
    return docs, golds, {d.id: extract(d) for d in docs}


def fill(store: Store, docs: list[Document], records: dict[str, Record]) -> None:
    """What ingest does per document, without extracting again."""
    for doc in docs:
        store.add(doc, records[doc.id])
        store.resolve([doc.id])


def grouping(store: Store) -> dict[str, list[str]]:
    return {e["id"]: e["mention_keys"] for e in store.canonical_events()}


def chosen(store: Store) -> dict[str, dict]:
    return {e["id"]: {k: v for k, v in e.items() if k not in TIMESTAMPS} for e in store.canonical_events()}


def group_of(store: Store, key: str) -> list[str]:
    return next(keys for keys in grouping(store).values() if key in keys)


def _scorer():
    spec = importlib.util.spec_from_file_location("marsad_contract_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def aligned_gold(store: Store, golds: list[dict]) -> tuple[dict[str, str], dict[tuple, str]]:
    """Gold canonical key of each stored mention (its own key when unmatched), and the stored
    mention matched to each gold mention ``(document id, index)``."""
    score = _scorer()
    mentions: dict[str, list[dict]] = {}
    for e in store.events():
        mentions.setdefault(e["document_id"], []).append(e)
    gold, matched = {}, {}
    for record in golds:
        preds = sorted(mentions.get(record["id"], []), key=lambda e: int(e["key"].rpartition("#")[2]))
        pairs, _, _ = score.greedy_match(preds, record["events"], score.event_affinity)
        for e in preds:
            gold[e["key"]] = e["key"]
        for i, j in pairs:
            gold[preds[i]["key"]] = record["events"][j]["canonical"]
            matched[(record["id"], j)] = preds[i]["key"]
    return gold, matched


@pytest.mark.skipif(SCORER is None, reason="../shared/eval/score.py not found: no gold alignment, "
                                           "pairwise measurement skipped")
def test_pairwise_precision_and_recall_of_the_stored_grouping(tmp_path, corpus, make_target):
    docs, golds, _ = corpus
    inputs = tmp_path / "events.jsonl"
    write_jsonl(({"id": d.id, "text": d.text, "published": d.published, "url": d.url, "lang": d.lang}
                 for d in docs), inputs)
    with Store(make_target("m.db")) as store:
        summary = ingest_paths([inputs], store)
        assert (summary.added, summary.failed) == (len(docs), 0)
        assert store.unresolved() == 0
        gold, matched = aligned_gold(store, golds)
        groups = [[SimpleNamespace(key=k) for k in keys] for keys in grouping(store).values()]
        precision, recall = pairwise_scores(groups, gold)
        group = {k: cid for cid, keys in grouping(store).items() for k in keys}
    gold_pairs = [(a, b) for a, b in combinations(
        [(r["id"], j, e["canonical"]) for r in golds for j, e in enumerate(r["events"])], 2) if a[2] == b[2]]
    found = sum(1 for a, b in gold_pairs if (a[:2] in matched and b[:2] in matched
                                            and group[matched[a[:2]]] == group[matched[b[:2]]]))
    print(f"\nstored grouping of {len(gold)} extracted mentions ({sum(k != v for k, v in gold.items())} "
          f"aligned to gold): pairwise precision {precision:.3f} recall {recall:.3f}; "
          f"{found} of {len(gold_pairs)} gold same-event pairs recovered")
    assert precision >= FLOORS["precision"] and recall >= FLOORS["recall"], (precision, recall)


def test_groups_and_ids_do_not_depend_on_the_ingestion_order(tmp_path, corpus, make_target):
    docs, _, records = corpus
    shuffled = docs[:]
    random.Random(5).shuffle(shuffled)
    results = []
    for name, order in (("forward", docs), ("backward", docs[::-1]), ("shuffled", shuffled)):
        with Store(make_target(f"{name}.db")) as store:
            fill(store, order, records)
            results.append(chosen(store))
            assert str(store.resolve()).endswith("nothing changed")  # incremental == full
    assert results[0] == results[1] == results[2]
    assert len(results[0]) > 15
    for cid, record in results[0].items():
        assert cid == canonical_id([SimpleNamespace(key=k) for k in record["mention_keys"]])


def test_one_more_article_touches_only_its_groups(tmp_path, corpus, make_target):
    docs, _, records = corpus
    late = next(d for d in docs if d.id == "ev_31")  # Safi, March 2023: reported by ev_29, ev_30
    with Store(make_target("m.db")) as store:
        fill(store, [d for d in docs if d is not late], records)
        before = {e["id"]: e["updated_at"] for e in store.canonical_events()}
        logged = len(store.revisions())
        store.resolve([late.id])
        assert str(store.resolve([late.id])).endswith("nothing changed")
        fill(store, [late], records)
        touched = {cid for cid, keys in grouping(store).items() if any(k.startswith("ev_31#") for k in keys)}
        revised = {r["event"] for r in store.revisions()[logged:]}
        updated = {e["id"] for e in store.canonical_events() if before.get(e["id"]) != e["updated_at"]}
    assert touched and revised == touched and updated == touched


def test_a_near_duplicate_copy_adds_a_source_not_a_mention(tmp_path, corpus, make_target):
    docs, _, records = corpus
    with Store(make_target("m.db")) as store:
        fill(store, docs[:3], records)
        event = next(e for e in store.canonical_events() if "ev_01#0" in e["mention_keys"])
        copy = Document(id="copy-of-ev_01", text="عاجل |\n" + docs[0].text, published="2025-02-20",
                        url="https://copies.invalid/1", outlet="copies.invalid")
        path = tmp_path / "copy.jsonl"
        write_jsonl([{"id": copy.id, "text": copy.text, "published": copy.published, "url": copy.url}], path)
        assert ingest_paths([path], store).copies == 1
        after = store.canonical_event(event["id"])
        assert after["mention_keys"] == event["mention_keys"]
        assert after["source_count"] == event["source_count"] + 1
        assert "copy-of-ev_01" in [s["document_id"] for s in after["sources"]]
        last = store.revisions()[-1]
        assert (last["event"], last["action"]) == (event["id"], "updated")
        assert set(last["changes"]["after"]) == {"sources"}


def corrections(store: Store) -> tuple[list[str], str, list[str]]:
    """A merge of two unrelated events and a split of one mention out of a third."""
    events = sorted(grouping(store).items())
    (a, a_keys), (b, b_keys) = events[0], events[-1]
    third, keys = next((cid, k) for cid, k in events[1:-1] if len(k) >= 3)
    merged = store.merge([a, b])
    rest, alone = store.split(third, [keys[-1]])
    assert rest != alone and keys[-1] in grouping(store)[alone]
    assert set(a_keys + b_keys) <= set(grouping(store)[merged])
    return a_keys + b_keys, keys[-1], keys[:-1]


def assert_corrections_hold(store: Store, merged: list[str], alone: str, rest: list[str]) -> None:
    assert set(merged) <= set(group_of(store, merged[0]))
    assert not set(group_of(store, alone)) & set(rest)


def test_merge_and_split_survive_resolution_and_reingestion(tmp_path, corpus, make_target):
    docs, _, records = corpus
    with Store(make_target("m.db")) as store:
        fill(store, docs, records)
        merged, alone, rest = corrections(store)
        actions = {r["action"] for r in store.revisions() if r["who"] == "analyst"}
        assert {"merged", "split"} <= actions
        store.resolve()
        assert_corrections_hold(store, merged, alone, rest)
        saved, expected = store.constraints(), chosen(store)
    with Store(make_target("fresh.db")) as fresh:  # corrections first, then the same documents
        fresh.add_constraints(saved)
        fill(fresh, docs[::-1], records)
        assert_corrections_hold(fresh, merged, alone, rest)
        assert chosen(fresh) == expected
    with Store(make_target("later.db")) as later:  # the documents first, then the corrections
        fill(later, docs, records)
        later.add_constraints(saved)
        assert chosen(later) == expected


def test_a_replaced_document_leaves_no_trace_in_its_old_groups(tmp_path, corpus, make_target):
    docs, _, records = corpus
    first = docs[0]
    with Store(make_target("m.db")) as store:
        fill(store, docs[:4], records)
        changed = Document(id=first.id, text=first.text + "\nتحديث.", published=first.published)
        empty = Record(first.id, "ar", first.published, False)
        assert store.add(changed, empty).status == "updated"
        store.resolve([first.id])
        keys = [k for keys in grouping(store).values() for k in keys]
        assert not [k for k in keys if k.startswith(f"{first.id}#")]
        assert store.conn.execute("SELECT count(*) FROM canonical_events WHERE stale").fetchone()[0] == 0
        assert str(store.resolve()).endswith("nothing changed")


@pytest.mark.parametrize("resolved, unresolved", [(0, 6), (14, 4)])
def test_mentions_stored_without_resolution_are_resolved_along(tmp_path, corpus, resolved, unresolved, make_target):
    docs, _, records = corpus
    docs = docs[:resolved + unresolved + 2]
    with Store(make_target("m.db")) as store:
        fill(store, docs[:resolved], records)
        for doc in docs[resolved:-2]:  # as a writer that does not resolve (an old marsad)
            store.add(doc, records[doc.id])
        assert store.unresolved() > 0
        fill(store, docs[-2:], records)  # resolving one document resolves them too
        assert store.unresolved() == 0
        assert chosen(store) == _fresh_resolution(make_target, docs, records)
        assert str(store.resolve_pending()).endswith("nothing changed")


def _fresh_resolution(make_target, docs: list[Document], records: dict[str, Record]) -> dict:
    with Store(make_target("fresh.db")) as store:
        for doc in docs:
            store.add(doc, records[doc.id])
        store.resolve()
        return chosen(store)


def synthetic(n: int, seed: int) -> list[tuple[Document, Record]]:
    """Small documents reporting random operations in a few towns over a few weeks."""
    rng = random.Random(seed)
    towns = ["fes", "tangier", "oujda", "sale", "tetouan"]
    ops = [(rng.choice(["cell_dismantled", "arrest", "seizure"]), rng.randrange(40),
            rng.sample(towns, rng.randint(1, 2)), rng.randint(1, 9)) for _ in range(n // 3)]
    out = []
    for i in range(n):
        kind, day, places, arrested = rng.choice(ops)
        date = None if rng.random() < 0.15 else f"2024-03-{1 + (day + rng.choice([0, 0, 1])) % 28:02d}"
        events = [Event(type=kind, date=date, places=rng.sample(places, 1) if rng.random() < 0.3 else places,
                        arrested=arrested if rng.random() < 0.8 else None, background=rng.random() < 0.1)]
        published = f"2024-{3 + day // 28:02d}-{1 + day % 28:02d}"
        out.append((Document(id=f"s{i:03d}", text=f"synthetic {i}", published=published),
                    Record(f"s{i:03d}", "ar", published, True, events)))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_resolution_equals_resolving_everything(tmp_path, seed, make_target):
    items = synthetic(60, seed)
    rng = random.Random(seed)
    rng.shuffle(items)
    with Store(make_target("m.db")) as store:
        for doc, record in items:
            store.add(doc, record)
            store.resolve([doc.id])
        incremental = chosen(store)
        assert str(store.resolve()).endswith("nothing changed")
    assert chosen_from_scratch(make_target, items) == incremental


def chosen_from_scratch(make_target, items: list[tuple[Document, Record]]) -> dict:
    with Store(make_target("scratch.db")) as store:
        for doc, record in sorted(items, key=lambda x: x[0].id):
            store.add(doc, record)
        store.resolve()
        return chosen(store)


def test_revisions_since_a_time_and_of_one_event(tmp_path, corpus, make_target):
    docs, _, records = corpus
    with Store(make_target("m.db")) as store:
        fill(store, docs[:3], records)
        cut = store.revisions()[-1]["at"]
        fill(store, docs[3:6], records)
        since = store.revisions(since=cut)
        assert since and all(r["at"] >= cut for r in since)
        assert len(since) < len(store.revisions())
        one = since[-1]["event"]
        assert {r["event"] for r in store.revisions(event=one)} == {one}
        created = store.revisions(event=one)[0]
        assert created["action"] == "created" and created["changes"]["before"] == {}
        assert created["changes"]["after"]["id"] == one
        assert store.revisions(since="2999-01-01") == []


def test_filters_apply_to_the_chosen_record(tmp_path, corpus, make_target):
    docs, _, records = corpus
    with Store(make_target("m.db")) as store:
        fill(store, docs, records)
        everything = store.canonical_events()
        tangier = store.canonical_events(place="tangier", since="2023", type="cell_dismantled")
        assert tangier and all("tangier" in e["places"] and e["date"] >= "2023" for e in tangier)
        assert all("bcij" in e["agencies"] for e in store.canonical_events(agency="bcij"))
        assert all(not e["background"] for e in store.canonical_events(background=False))
        assert all("isis-sahel" in e["affiliation"] for e in store.canonical_events(org="isis-sahel"))
        assert len(store.canonical_events(limit=3)) == 3 and len(everything) > 15
        assert json.loads(json.dumps(everything))  # plain JSON
        assert all(e["source_count"] == len(e["sources"]) and e["mentions"] for e in everything)
