"""Stored mentions as resolver mentions, and the SQL blocking behind neighbourhoods."""
from __future__ import annotations

import pytest

from marsad.resolve import LINK_THRESHOLD, pair_score
from marsad.store import Store
from marsad.store import neighbours
from test_store_canonical import synthetic


@pytest.fixture
def store(tmp_path, make_target):
    with Store(make_target("m.db")) as s:
        for doc, record in synthetic(80, seed=7):
            s.add(doc, record)
        s.resolve()
        yield s


def test_a_stored_mention_keeps_its_key_fields_and_publication_date(store):
    [(row_id, doc_id)] = store.conn.execute(
        "SELECT id, document_id FROM event_mentions WHERE document_id = 's005'").fetchall()
    stored = neighbours.load(store.conn, [row_id])[row_id]
    event = store.event(row_id)
    assert stored.key == "s005#0" == event["key"]
    assert stored.mention.published == event["published"]
    assert stored.mention.places == frozenset(event["places"]) and stored.mention.arrested == event["arrested"]
    assert neighbours.ids_of_keys(store.conn, ["s005#0", "nope#0", "bad"]) == {row_id}


def test_sql_blocking_finds_every_mention_a_mention_can_link_to(store):
    ids = [r[0] for r in store.conn.execute("SELECT id FROM event_mentions")]
    mentions = neighbours.load(store.conn, ids)
    for i, m in mentions.items():
        linkable = {j for j, o in mentions.items()
                    if j != i and pair_score(m.mention, o.mention) >= LINK_THRESHOLD}
        assert linkable <= neighbours.candidates(store.conn, m.mention), m.key


def test_a_neighbourhood_is_closed_under_links_and_groups(store):
    seed = store.conn.execute("SELECT id FROM event_mentions ORDER BY id LIMIT 1").fetchone()[0]
    around = neighbours.neighbourhood(store.conn, [seed])
    everything = neighbours.load(store.conn, [r[0] for r in store.conn.execute("SELECT id FROM event_mentions")])
    for i in around:
        for j, o in everything.items():
            if pair_score(everything[i].mention, o.mention) >= LINK_THRESHOLD:
                assert j in around
    assert neighbours.group_members(store.conn, around) <= set(around)


def identity_store(make_target, name: str, order: int):
    """Reports of a few cells with age ranges (and cell names); a third give neither place nor
    publication date, so only their identities (marsad.resolve.Mention.identities) block them."""
    import random

    from marsad.models import Document, Event, Record

    rng = random.Random(11)
    ops = [(rng.choice(["fes", "nador", "taourirt"]), rng.randrange(60), rng.randint(2, 6),
            rng.choice([(19, 24), (22, 35), (30, 41)]), rng.choice([None, "ashbal"])) for _ in range(8)]
    items = []
    for i in range(36):
        town, day, arrested, ages, cell = rng.choice(ops)
        bare = rng.random() < 0.35
        published = None if bare else f"2024-{3 + day // 28:02d}-{1 + day % 28:02d}"
        event = Event(type="cell_dismantled", date=None, places=[] if bare else [town], arrested=arrested,
                      age_min=ages[0], age_max=ages[1], affiliation=["isis"],
                      cell_name=cell if rng.random() < 0.5 else None)
        items.append((Document(id=f"i{i:03d}", text=f"identity {i}", published=published),
                      Record(f"i{i:03d}", "ar", published, True, [event])))
    rng.shuffle(items)
    store = Store(make_target(f"{name}.db"))
    for doc, record in (items if order else sorted(items, key=lambda x: x[0].id)):
        store.add(doc, record)
        if order:
            store.resolve([doc.id])
    if not order:
        store.resolve()
    return store


def test_sql_blocking_finds_mentions_linked_by_an_age_range(make_target):
    with identity_store(make_target, "ids", 0) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM event_mentions")]
        mentions = neighbours.load(store.conn, ids)
        bare_links = 0
        for i, m in mentions.items():
            linkable = {j for j, o in mentions.items()
                        if j != i and pair_score(m.mention, o.mention) >= LINK_THRESHOLD}
            assert linkable <= neighbours.candidates(store.conn, m.mention), m.key
            bare_links += bool(linkable) and not m.mention.places and m.mention.span is None
        assert bare_links, "some mentions with neither place nor date should link"
        full = sorted(sorted(e["mention_keys"]) for e in store.canonical_events())
    with identity_store(make_target, "incremental", 1) as store:
        assert sorted(sorted(e["mention_keys"]) for e in store.canonical_events()) == full
