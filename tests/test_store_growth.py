"""Resolving a new document costs the same in a small and in a big store (issue 13, Benchmarks).

The work counted is the candidates a new document's neighbourhood loads and scores
(:func:`marsad.store.neighbours.neighbourhood`), not time: it must not grow with the
store, even when one town dominates it (a month of Casablanca reports). Before the
bound, every same-town mention of the month was a candidate, so ten times the store
was ten times the work.
"""
from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from marsad.models import Document, Event, Record
from marsad.places import load_places
from marsad.store import Store, neighbours
from marsad.store.write import write_document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def casablanca_month(n: int, seed: int) -> list[tuple[Document, Record]]:
    """``n`` reports of operations in Casablanca in March 2024, a few reports each."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        day, arrested, kind = rng.randint(1, 28), rng.randint(2, 15), rng.choice(["cell_dismantled", "arrest"])
        for _ in range(rng.randint(1, 4)):
            doc_id = f"cas-{len(out):05d}"
            event = Event(type=kind, date=f"2024-03-{day:02d}", places=["casablanca"], arrested=arrested,
                          affiliation=[rng.choice(["isis", "al-qaeda"])])
            doc = Document(id=doc_id, text=f"report {doc_id}", published=f"2024-03-{day:02d}")
            out.append((doc, Record(doc_id, "en", doc.published, True, [event])))
    return out[:n]


def store_of(path: Path, items: list[tuple[Document, Record]]) -> Store:
    """A store holding ``items`` (written in one transaction), resolved as a whole."""
    store = Store(path)
    store.conn.execute("BEGIN")
    for doc, record in items:
        write_document(store.conn, doc, record, load_places())
    store.conn.execute("COMMIT")
    store.resolve()
    return store


def work_of_adding(store: Store, doc: Document, record: Record) -> Counter:
    """Store ``doc``, count the work of its neighbourhood, then resolve it as ingest does."""
    store.add(doc, record)
    seeds = {r[0] for r in store.conn.execute("SELECT id FROM event_mentions WHERE document_id = ?", (doc.id,))}
    work: Counter = Counter()
    neighbours.neighbourhood(store.conn, seeds, work=work)
    store.resolve([doc.id])
    return work


def assert_every_mention_in_one_event(store: Store) -> None:
    members = dict(store.conn.execute("SELECT mention_id, canonical_id FROM canonical_members"))
    assert len(members) == store.conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    for cid, record in store.conn.execute("SELECT id, record FROM canonical_events"):
        ids = neighbours.ids_of_keys(store.conn, json.loads(record)["mention_keys"])
        assert {members[i] for i in ids} == {cid}


def new_report(day: int = 14) -> tuple[Document, Record]:
    event = Event(type="cell_dismantled", date=f"2024-03-{day:02d}", places=["casablanca"], arrested=5,
                  affiliation=["isis"])
    doc = Document(id="new-report", text="a new report", published=f"2024-03-{day:02d}")
    return doc, Record(doc.id, "en", doc.published, True, [event])


def test_candidates_of_a_new_report_do_not_grow_with_same_town_mentions(tmp_path):
    work = {}
    for n in (200, 2000):
        with store_of(tmp_path / f"cas{n}.db", casablanca_month(n, seed=5)) as store:
            work[n] = work_of_adding(store, *new_report())
            assert_every_mention_in_one_event(store)
            [event] = store.conn.execute(
                "SELECT e.record FROM canonical_events e JOIN canonical_members m ON m.canonical_id = e.id "
                "JOIN event_mentions x ON x.id = m.mention_id WHERE x.document_id = 'new-report'").fetchall()
            assert "new-report" in event[0]
    small, big = work[200], work[2000]
    assert small["candidates"] > 50, small  # the small store is already crowded enough to bind
    assert big["candidates"] <= 1.5 * small["candidates"], work
    # (the mentions resolved again also hold the whole current groups met, as large as the
    # month makes them: those are not bounded, see marsad.store.neighbours)


def test_without_bounds_the_same_town_is_examined_whole(tmp_path):
    """The counter measures what it should: unbounded, the month's mentions are all candidates."""
    with store_of(tmp_path / "cas.db", casablanca_month(300, seed=5)) as store:
        doc, record = new_report()
        store.add(doc, record)
        seeds = {r[0] for r in store.conn.execute("SELECT id FROM event_mentions WHERE document_id = ?", (doc.id,))}
        work: Counter = Counter()
        neighbours.neighbourhood(store.conn, seeds, limit=None, candidate_limit=None, depth=None, work=work)
        assert work["candidates"] >= 300, work  # every mention of the month, some more than once


def test_the_mentions_resolved_again_stay_bounded_counting_whole_groups(tmp_path):
    """A new report in a crowded month re-resolves at most NEIGHBOURHOOD_LIMIT mentions plus
    one group (the strongest link's, always whole), however many its links reach."""
    with store_of(tmp_path / "cas.db", casablanca_month(1000, seed=5)) as store:
        doc, record = new_report()
        store.add(doc, record)
        seeds = {r[0] for r in store.conn.execute("SELECT id FROM event_mentions WHERE document_id = ?", (doc.id,))}
        around = set(neighbours.neighbourhood(store.conn, seeds))
        groups = neighbours.groups_of(store.conn, around)
        assert all(group <= around for group in groups.values())  # closed under groups
        assert len(around) <= neighbours.NEIGHBOURHOOD_LIMIT + max(len(g) for g in groups.values()), len(around)
        unbounded = neighbours.neighbourhood(store.conn, seeds, limit=None, candidate_limit=None, depth=None)
        assert len(unbounded) > 2 * len(around)  # the bound is what keeps it small here
        assert seeds <= around <= set(unbounded)


def real_reports(n: int) -> list[tuple[Document, Record]]:
    """``n`` reports made from the events the extractor finds in ../shared/eval/dev3, each
    stored again under a new id on a nearby day (the same towns, ever more crowded)."""
    from marsad.pipeline.extract import extract

    docs = [json.loads(line) for line in (SHARED / "dev3" / "docs.jsonl").open(encoding="utf-8")]
    records = [extract(Document(id=d["id"], text=d["text"], lang=d.get("lang"), published=d.get("published")))
               for d in docs]
    events = [e for r in records for e in r.events if e.date and len(e.date) == 10 and e.places]
    rng = random.Random(3)
    out = []
    for i in range(n):
        base = rng.choice(events)
        day = int(base.date[8:]) % 28 + 1
        event = Event(type=base.type, date=f"{base.date[:8]}{day:02d}", places=list(base.places),
                      arrested=rng.randint(2, 15), affiliation=list(base.affiliation))
        doc = Document(id=f"real-{i:05d}", text=f"report {i}", published=event.date)
        out.append((doc, Record(doc.id, "ar", doc.published, True, [event])))
    return out


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/eval (not in a user's clone)")
def test_candidates_stay_bounded_in_a_store_made_from_real_reports(tmp_path):
    items = real_reports(2100)
    work = {}
    for n in (200, 2000):
        with store_of(tmp_path / f"real{n}.db", items[:n]) as store:
            doc, record = items[-1]
            work[n] = work_of_adding(store, doc, record)
            assert_every_mention_in_one_event(store)
    assert work[2000]["candidates"] <= 1.5 * max(work[200]["candidates"], 4 * neighbours.CANDIDATE_LIMIT), work


def counted_unresolved(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM event_mentions e WHERE NOT EXISTS "
                              "(SELECT 1 FROM canonical_members m WHERE m.mention_id = e.id)").fetchone()[0]


# what schema versions 7 and 8 add (the figures check's rollups, the claims' spans), dropped to make
# an older store
V7_OBJECTS = "".join(f"DROP TRIGGER {t};" for t in (
    "record_days_insert", "record_days_update", "record_days_delete", "record_documents_insert",
    "record_documents_delete", "claim_documents_insert", "claim_documents_delete")) + "".join(
    f"DROP TABLE {t};" for t in ("record_days", "record_documents", "claim_documents")) + (
    "ALTER TABLE claims DROP COLUMN spans;")


def test_the_count_of_unresolved_mentions_is_kept_without_counting_the_store(tmp_path):
    """Resolving a document asks whether other mentions await resolution; the answer comes
    from counts the triggers keep (schema version 6), and stays true through adding,
    resolving, replacing and merging, and when an older store is migrated."""
    items = casablanca_month(60, seed=2)
    with Store(tmp_path / "m.db") as store:
        for k, (doc, record) in enumerate(items):
            store.add(doc, record)
            if k < 50 and k % 3:  # the last ten wait for resolution
                store.resolve([doc.id])
            assert store.unresolved() == counted_unresolved(store)
        assert store.unresolved() > 0
        doc, record = items[4]
        store.add(Document(id=doc.id, text="replaced text", published=doc.published), record)
        assert store.unresolved() == counted_unresolved(store)
        store.resolve_pending()
        assert store.unresolved() == counted_unresolved(store) == 0
        events = [e["id"] for e in store.canonical_events()][:2]
        store.merge(events)
        assert store.unresolved() == counted_unresolved(store) == 0
        store.add(*new_report())
        expected = counted_unresolved(store)
        # a store of schema version 5 holding mentions: the migration counts them once
        store.conn.executescript("DROP TABLE mention_counts; PRAGMA user_version = 5;" + "".join(
            f"DROP TRIGGER mention_counts_{t};" for t in ("mention_added", "mention_deleted", "member_added",
                                                          "member_deleted")) + V7_OBJECTS)
    with Store(tmp_path / "m.db") as store:
        assert store.unresolved() == expected == 1
