"""Stored mentions as resolver mentions, and the SQL blocking behind neighbourhoods."""
from __future__ import annotations

import pytest

from marsad.resolve import LINK_THRESHOLD, pair_score
from marsad.store import Store
from marsad.store import neighbours
from test_store_canonical import synthetic


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "m.db") as s:
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
