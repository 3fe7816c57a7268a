"""Stored mentions as :class:`marsad.resolve.Mention` values, and their neighbourhoods.

A mention's key is ``"<document id>#<ordinal>"``; its fields come from its record
JSON, ``published`` from its document. ``mention_blocks`` indexes every mention by
type family, place ('' when it has none) and the weeks its date window touches (-1
when undated), and a well-known attack's mentions under ``known:<key>`` as well, as
:mod:`marsad.links` blocks them, so that SQL finds every stored
mention that could link to a given one. Mentions that meet by an age range
(:attr:`marsad.resolve.Mention.identities`) need no rows of their own: two
mentions with places must share one to be compatible, and a mention without places
is found under place '' and finds every mention of its family.

:func:`neighbourhood` grows a set of seed mentions until it is closed under links
(pairs scoring at least ``LINK_THRESHOLD``), must-link constraints and the current
canonical groups. Resolution only joins mentions along links and must-links, so a
closed set resolves exactly as it would within the whole store: resolving it alone
gives the same groups as resolving everything.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable

from ..resolve import BLOCK_DAYS, DAY_WINDOW, LINK_THRESHOLD, OPERATION_TYPES, Mention, pair_score
from ..text.dates import shift_within

UNDATED = -1  # week of an undated mention in mention_blocks
KNOWN_PREFIX = "known:"  # place column of a well-known attack's block
_LOAD_SQL = ("SELECT e.id, e.document_id, e.ordinal, e.record, d.published FROM event_mentions e "
             "JOIN documents d ON d.id = e.document_id WHERE e.id IN (SELECT value FROM json_each(?))")


@dataclass(frozen=True)
class StoredMention:
    """A stored mention: its row id, its :class:`Mention` and its full record dict."""

    id: int
    mention: Mention
    record: dict[str, Any]  # the SPEC Event dict plus key, document_id and published

    @property
    def key(self) -> str:
        return self.mention.key


def mention_key(document_id: str, ordinal: int) -> str:
    return f"{document_id}#{ordinal}"


def family(event_type: str) -> str:
    return "op" if event_type in OPERATION_TYPES else event_type


def to_mention(key: str, record: dict[str, Any], published: str | None) -> Mention:
    """The resolver's view of one stored mention."""
    return Mention(key=key, type=record["type"], background=bool(record.get("background")),
                   date=record.get("date"), published=published,
                   places=frozenset(record.get("places") or ()), arrested=record.get("arrested"),
                   killed=record.get("killed"), age_min=record.get("age_min"),
                   age_max=record.get("age_max"),
                   affiliation=frozenset(record.get("affiliation") or ()),
                   cell_name=record.get("cell_name"), known=record.get("known"),
                   new=bool(record.get("new")), seized=frozenset(record.get("seized") or ()))


def load(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, StoredMention]:
    """Stored mentions by row id (ids that are not stored are left out)."""
    ids = list(ids)
    if not ids:
        return {}
    out = {}
    for row in conn.execute(_LOAD_SQL, (json.dumps(ids),)):
        key = mention_key(row["document_id"], row["ordinal"])
        record = json.loads(row["record"])
        record.update(key=key, document_id=row["document_id"], published=row["published"])
        out[row["id"]] = StoredMention(row["id"], to_mention(key, record, row["published"]), record)
    return out


def weeks(m: Mention) -> range | None:
    """Weeks (ordinal // BLOCK_DAYS) the mention's date window touches; None when undated."""
    span = m.span
    if span is None:
        return None
    return range(shift_within(span[0], -DAY_WINDOW.days).toordinal() // BLOCK_DAYS,
                 shift_within(span[1], DAY_WINDOW.days).toordinal() // BLOCK_DAYS + 1)


def block_rows(mention_id: int, m: Mention) -> list[tuple[str, str, int, int]]:
    span = weeks(m)
    rows = [(family(m.type), place, week, mention_id)
            for place in (sorted(m.places) or [""]) for week in (span or [UNDATED])]
    if m.known:  # reports of a well-known attack meet whatever place they give it
        rows.append((family(m.type), KNOWN_PREFIX + m.known, UNDATED, mention_id))
    return rows


def index_mentions(conn: sqlite3.Connection, mentions: Iterable[StoredMention]) -> None:
    """(Re)write the block rows of these mentions."""
    mentions = list(mentions)
    conn.execute("DELETE FROM mention_blocks WHERE mention_id IN (SELECT value FROM json_each(?))",
                 (json.dumps([s.id for s in mentions]),))
    conn.executemany("INSERT OR IGNORE INTO mention_blocks (family, place, week, mention_id) "
                     "VALUES (?, ?, ?, ?)", [r for s in mentions for r in block_rows(s.id, s.mention)])


def candidates(conn: sqlite3.Connection, m: Mention) -> set[int]:
    """Ids of stored mentions blocked with ``m``: a superset of those it can link to."""
    where, params = ["family = ?"], [family(m.type)]
    if m.places:
        known = [KNOWN_PREFIX + m.known] if m.known else []
        where.append("place IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(m.places) + [""] + known))
    span = weeks(m)
    if span is not None:
        where.append("(week BETWEEN ? AND ? OR week = ?)")
        params += [span.start, span.stop - 1, UNDATED]
    sql = "SELECT DISTINCT mention_id FROM mention_blocks WHERE " + " AND ".join(where)
    return {r[0] for r in conn.execute(sql, params)}


def group_members(conn: sqlite3.Connection, ids: Iterable[int]) -> set[int]:
    """Every mention of the canonical events these mentions belong to."""
    return {r[0] for r in conn.execute(
        "SELECT o.mention_id FROM canonical_members m JOIN canonical_members o "
        "ON o.canonical_id = m.canonical_id WHERE m.mention_id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),))}


def must_linked(conn: sqlite3.Connection, keys: Iterable[str]) -> set[int]:
    """Ids of the stored mentions must-linked to any of these keys."""
    partners = {r[0] for r in conn.execute(
        "WITH k(key) AS (SELECT value FROM json_each(?)) "
        "SELECT key_b FROM resolution_constraints JOIN k ON key_a = k.key WHERE kind = 'must_link' "
        "UNION SELECT key_a FROM resolution_constraints JOIN k ON key_b = k.key "
        "WHERE kind = 'must_link'", (json.dumps(list(keys)),))}
    return ids_of_keys(conn, partners)


def ids_of_keys(conn: sqlite3.Connection, keys: Iterable[str]) -> set[int]:
    """Row ids of the stored mentions with these keys (unknown keys are left out)."""
    pairs = []
    for key in keys:
        document_id, sep, ordinal = key.rpartition("#")
        if sep and ordinal.isdigit():
            pairs.append([document_id, int(ordinal)])
    if not pairs:
        return set()
    return {r[0] for r in conn.execute(
        "SELECT e.id FROM json_each(?) j JOIN event_mentions e "
        "ON e.document_id = json_extract(j.value, '$[0]') AND e.ordinal = json_extract(j.value, '$[1]')",
        (json.dumps(pairs),))}


def neighbourhood(conn: sqlite3.Connection, seeds: Iterable[int]) -> dict[int, StoredMention]:
    """The seeds and every stored mention resolution could group with them (module doc)."""
    cache: dict[int, StoredMention] = {}
    members: set[int] = set()
    frontier = set(seeds)
    while frontier:
        cache.update(load(conn, frontier - cache.keys()))
        frontier &= cache.keys()
        members |= frontier
        found = group_members(conn, frontier) | must_linked(conn, (cache[i].key for i in frontier))
        blocked = {i: candidates(conn, cache[i].mention) - members for i in frontier}
        cache.update(load(conn, set().union(*blocked.values()) - cache.keys()))
        for i, others in blocked.items():
            found |= {o for o in others if o in cache
                      and pair_score(cache[i].mention, cache[o].mention) >= LINK_THRESHOLD}
        frontier = found - members
    return {i: cache[i] for i in members}
