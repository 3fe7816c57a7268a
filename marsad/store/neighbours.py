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

Bounds, so that adding a document to a big store costs what it costs in an empty one
(issue 13): a block (one place, dated or undated) gives at most :data:`CANDIDATE_LIMIT`
candidates, read along the index outwards from the mention's week (undated ones: the
most recently stored); links are followed :data:`LINK_DEPTH` steps from the seeds (the
mentions they link to, and the mentions those link to), and grow the set to at most
:data:`NEIGHBOURHOOD_LIMIT` mentions, strongest links first, each linked mention counted
with its whole current group. Groups and must-links are always closed (resolving part
of a group would tear it apart), so a set may exceed the limit by the strongest link's
group and the must-links it meets. A bound only binds where a town holds more than
:data:`CANDIDATE_LIMIT` mentions of one family within a mention's date window, or a
chain of links is longer than :data:`LINK_DEPTH` steps or gathers more than
:data:`NEIGHBOURHOOD_LIMIT` mentions: then a match beyond it is left out (its group
unchanged) and the result may differ from resolving everything, where it would
otherwise be exact (bench/bench_growth.py --check measures how far). Reports of one operation are published within days of each other
(at most 3 days apart in the dev/dev2/dev3 gold), so the nearest ones are those that
matter; recalls of a well-known attack, years apart, meet under its ``known:`` block and
bring their whole group along.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from ..resolve import BLOCK_DAYS, DAY_WINDOW, LINK_THRESHOLD, OPERATION_TYPES, Mention, linked_pairs, pair_score
from ..text.dates import shift_within

UNDATED = -1  # week of an undated mention in mention_blocks
# Bounds on the work of resolving new mentions in a big store (module doc): candidates read
# per block (one place, dated or undated), and mentions a neighbourhood grows to by links.
CANDIDATE_LIMIT = 24
_LAST_WEEK = 10**6  # beyond any week of a real date (year 9999 is week 521,722)
NEIGHBOURHOOD_LIMIT = 48
# Steps of links followed from the seeds: a third step rarely changes a group (bench_growth
# --check) and, in a busy city, costs as much as the first two.
LINK_DEPTH = 2
# Below this many pairs, scoring them one by one is faster than building arrays.
BULK_PAIRS = 150
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
                   new=bool(record.get("new")), seized=frozenset(record.get("seized") or ()),
                   partners=frozenset(record.get("partners") or ()), country=record.get("country"))


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


def candidates(conn: sqlite3.Connection, m: Mention, limit: int | None = CANDIDATE_LIMIT) -> set[int]:
    """Ids of stored mentions blocked with ``m``: every mention it can link to, or, when a
    block holds more, the ``limit`` nearest in time of each block (module doc).

    Each block is read along the primary key from ``m``'s week outwards, so the lookup
    costs the same in a store of a hundred or of a million mentions."""
    fam, span = family(m.type), weeks(m)
    # an undated mention meets any time: the latest weeks first
    middle = (span.start + span.stop - 1) // 2 if span is not None else _LAST_WEEK
    window = span or range(0, _LAST_WEEK + 1)
    out: set[int] = set()
    if m.known:
        out |= _undated(conn, fam, KNOWN_PREFIX + m.known, limit)
    # mentions with neither place nor date meet others only by an age range (or a known attack)
    loose = span is not None or bool(m.identities)
    blocks: list[tuple[str | None, bool, bool]] = [(None, loose, bool(m.identities))]
    if m.places:  # the places (any time when undated) and, when dated, the mentions without places
        blocks = [(p, True, True) for p in sorted(m.places)] + [("", loose, bool(m.identities))]
    for place, dated, undated in blocks:
        if dated:
            out |= _dated(conn, fam, place, window, middle, limit)
        if undated:
            out |= _undated(conn, fam, place, limit)
    return out


def _where(fam: str, place: str | None) -> tuple[str, list[Any], str]:
    """The condition of a block, its parameters, and the order of a week's rows in its index."""
    if place is None:  # ordered as the index on (family, week) holds them
        return "family = ?", [fam], "place, mention_id"
    return "family = ? AND place = ?", [fam, place], "mention_id"


def _dated(conn: sqlite3.Connection, fam: str, place: str | None, span: range, middle: int,
           limit: int | None) -> set[int]:
    """Dated mentions of a block (a place, or every place when None) in weeks ``span``, the
    ``limit`` nearest to week ``middle`` on each side: two index range scans, outwards."""
    where, params, order = _where(fam, place)
    sql = f"SELECT mention_id FROM mention_blocks WHERE {where} AND week BETWEEN ? AND ? ORDER BY week"
    later = conn.execute(f"{sql}, {order}", [*params, middle, span.stop - 1])
    down = ", ".join(f"{c} DESC" for c in order.split(", "))
    earlier = conn.execute(f"{sql} DESC, {down}", [*params, span.start, middle - 1])
    return _first(later, limit) | _first(earlier, limit)


def _undated(conn: sqlite3.Connection, fam: str, place: str | None, limit: int | None) -> set[int]:
    """Undated mentions of a block, the ``limit`` most recently stored."""
    where, params, order = _where(fam, place)
    down = ", ".join(f"{c} DESC" for c in order.split(", "))
    return _first(conn.execute(f"SELECT mention_id FROM mention_blocks WHERE {where} AND week = ? "
                               f"ORDER BY {down}", [*params, UNDATED]), limit)


def _first(rows: sqlite3.Cursor, limit: int | None) -> set[int]:
    """The first ``limit`` distinct mention ids of ``rows`` (a mention has a row per week),
    reading no further."""
    out: set[int] = set()
    for (mention_id,) in rows:
        if limit is not None and len(out) >= limit and mention_id not in out:
            break
        out.add(mention_id)
    rows.close()
    return out


def group_members(conn: sqlite3.Connection, ids: Iterable[int]) -> set[int]:
    """Every mention of the canonical events these mentions belong to."""
    # each group once: joining member to member would return a group of n members n times
    return {r[0] for r in conn.execute(
        "SELECT mention_id FROM canonical_members WHERE canonical_id IN (SELECT canonical_id "
        "FROM canonical_members WHERE mention_id IN (SELECT value FROM json_each(?)))",
        (json.dumps(list(ids)),))}


def groups_of(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, set[int]]:
    """Each of these mentions with every mention of its canonical event (itself alone when
    it has none)."""
    ids = list(ids)
    event_of = dict(conn.execute("SELECT mention_id, canonical_id FROM canonical_members "
                                 "WHERE mention_id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)))
    members: dict[str, set[int]] = {}
    for canonical_id, mention_id in conn.execute(
            "SELECT canonical_id, mention_id FROM canonical_members WHERE canonical_id IN "
            "(SELECT value FROM json_each(?))", (json.dumps(sorted(set(event_of.values()))),)):
        members.setdefault(canonical_id, set()).add(mention_id)
    return {i: members[event_of[i]] if i in event_of else {i} for i in ids}


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


def neighbourhood(conn: sqlite3.Connection, seeds: Iterable[int], limit: int | None = NEIGHBOURHOOD_LIMIT,
                  candidate_limit: int | None = CANDIDATE_LIMIT, depth: int | None = LINK_DEPTH,
                  work: Counter | None = None) -> dict[int, StoredMention]:
    """The seeds and the stored mentions resolution could group with them (module doc):
    closed under groups and must-links always, under links ``depth`` steps from the seeds
    until ``limit`` mentions (strongest links first, each with its group); None: no bound.
    ``work`` counts the candidates loaded and scored."""
    cache: dict[int, StoredMention] = {}
    members: set[int] = set()
    frontier = set(seeds)
    level = 0
    while frontier:
        frontier = _closed(conn, frontier, members, cache)
        members |= frontier
        room = None if limit is None else limit - len(members)
        if (room is not None and room <= 0) or (depth is not None and level >= depth):
            break
        level += 1
        found = set().union(*(candidates(conn, cache[i].mention, candidate_limit) for i in frontier)) - members
        cache.update(load(conn, found - cache.keys()))
        found &= cache.keys()
        if work is not None:
            work["candidates"] += len(found)
        best = _linked(cache, sorted(frontier), sorted(found))
        frontier = _strongest(conn, best, cache, members, room)
    if work is not None:
        work["mentions"] += len(members)
    return {i: cache[i] for i in members}


def _strongest(conn: sqlite3.Connection, best: dict[int, float], cache: dict[int, StoredMention],
               members: set[int], room: int | None) -> set[int]:
    """The linked mentions to grow the neighbourhood by, strongest links first, each with its
    current group, until they fill ``room`` mentions (the strongest one's group always: a
    group counts whole, as resolving brings all of it)."""
    order = sorted(best, key=lambda o: (-best[o], cache[o].key))
    if room is None:
        return set(order)
    out: set[int] = set()
    for o, group in groups_of(conn, order).items():  # in the order given
        extra = group - members - out
        if out and len(out) + len(extra) > room:
            continue
        out |= extra
    return out


def _linked(cache: dict[int, StoredMention], frontier: list[int], found: list[int]) -> dict[int, float]:
    """The mentions of ``found`` linked to one of ``frontier``, with their best score: pair
    by pair when they are few, in bulk (:func:`marsad.links.links`) when many."""
    best: dict[int, float] = {}
    if len(frontier) * len(found) <= BULK_PAIRS:
        for i in frontier:
            for o in found:
                score = pair_score(cache[i].mention, cache[o].mention)
                if score >= LINK_THRESHOLD:
                    best[o] = max(score, best.get(o, 0.0))
        return best
    ids = frontier + found
    for score, i, j in linked_pairs([cache[k].mention for k in ids]):
        for a, b in ((i, j), (j, i)):
            if a < len(frontier) <= b:
                best[ids[b]] = max(score, best.get(ids[b], 0.0))
    return best


def _closed(conn: sqlite3.Connection, ids: set[int], members: set[int],
            cache: dict[int, StoredMention]) -> set[int]:
    """``ids`` (the stored ones) with every mention of their current groups and every mention
    must-linked to them, transitively, leaving out ``members``: resolving a set without
    these would tear a group apart or break an analyst's merge."""
    out: set[int] = set()
    while ids:
        cache.update(load(conn, ids - cache.keys()))
        ids = (ids & cache.keys()) - members - out
        out |= ids
        ids = (group_members(conn, ids) | must_linked(conn, (cache[i].key for i in ids))) - members - out
    return out
