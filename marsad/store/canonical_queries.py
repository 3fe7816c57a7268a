"""Read queries over canonical events, returning plain dicts.

A canonical event dict is the chosen record (:func:`marsad.canonical.canonical_record`:
SPEC Event fields, ``arrested_reported``, ``killed_reported``, ``sources``,
``mention_keys``) plus ``id``, ``source_count``, ``mentions`` (the row ids of its
event mentions, for ``marsad show``), ``created_at``, ``updated_at`` and
``places_detail`` (as for mentions). Filters mean what they mean for mentions
(:func:`marsad.store.queries.events`), applied to the chosen record.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..canonical import disagreements
from ..errors import NotFoundError
from . import queries

_SELECT = ("SELECT c.id, c.record, c.source_count, c.created_at, c.updated_at "
           "FROM canonical_events c")
_VALUE_FILTERS = {"place": "places", "org": "affiliation", "agency": "agencies"}
CANONICAL_PREFIX = "ev-"
# An undated event only known to precede its reports (marsad.canonical.date_interval's
# "background" and "stored" rules: from 1 January, decades back): listed after the rest.
_ONLY_BOUNDED = ("(c.date IS NULL AND substr(c.date_start, 6) = '01-01' "
                 "AND substr(c.date_start, 1, 4) <> substr(c.date_end, 1, 4))")


def canonical_events(conn: sqlite3.Connection, type: str | None = None, since: str | None = None,
                     until: str | None = None, place: str | None = None, org: str | None = None,
                     agency: str | None = None, background: bool | None = None,
                     limit: int | None = None, exact: bool | None = None) -> list[dict[str, Any]]:
    """Canonical events matching every given filter, oldest first by the interval each
    is known to lie in, those only known to precede their reports last. A date filter matches
    the interval each event is known to lie in (``date_earliest`` to ``date_latest``);
    ``exact``: only events whose reports name their day or month."""
    where, params = queries.event_filters("c", type, since, until, background, exact)
    for name, value in (("place", place), ("org", org), ("agency", agency)):
        if value is not None:
            where.append("EXISTS (SELECT 1 FROM canonical_values v WHERE v.canonical_id = c.id "
                         "AND v.field = ? AND v.value = ?)")
            params += [_VALUE_FILTERS[name], value]
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += f" ORDER BY {_ONLY_BOUNDED}, c.date_start, c.id" + queries._limit(limit, params)
    return _dicts(conn, conn.execute(sql, params).fetchall())


def canonical_event(conn: sqlite3.Connection, canonical_id: str) -> dict[str, Any]:
    """One canonical event with ``mention_records`` (its mentions as event dicts, first seen
    first) and ``reported`` (``{field: {value: [document ids]}}`` where mentions disagree).
    Raise NotFoundError when there is none."""
    return event_and_documents(conn, canonical_id)[0]


def event_and_documents(conn: sqlite3.Connection, canonical_id: str,
                        texts: bool = False) -> tuple[dict[str, Any], list[Any]]:
    """:func:`canonical_event`, and the rows of its mentions' documents and their copies (id,
    url, outlet, published, lang, copy_of; with ``texts``, title and text too). Its four reads
    (the event, its mentions, their places, their documents) each name only the event's id: on
    PostgreSQL they go in one round trip, whatever the number of mentions."""
    # its mentions' documents and their copies (a UNION: PostgreSQL scans every document for an OR)
    of_event = ("SELECT e.document_id FROM canonical_members m JOIN event_mentions e ON e.id = m.mention_id "
                "WHERE m.canonical_id = ? UNION SELECT c.id FROM canonical_members m "
                "JOIN event_mentions e ON e.id = m.mention_id JOIN documents c ON c.copy_of = e.document_id "
                "WHERE m.canonical_id = ?")
    rows, mention_rows, place_rows, document_rows = queries.execute_all(conn, [
        (_SELECT + " WHERE c.id = ?", (canonical_id,)),
        (queries._EVENT_SELECT + " JOIN canonical_members m ON m.mention_id = e.id WHERE m.canonical_id = ? "
         "ORDER BY d.published IS NULL, d.published, e.document_id, e.ordinal", (canonical_id,)),
        ("SELECT ep.event_id, p.* FROM canonical_members m JOIN event_places ep ON ep.event_id = m.mention_id "
         "JOIN places p ON p.id = ep.place_id WHERE m.canonical_id = ?", (canonical_id,)),
        (f"SELECT id, url, outlet, published, lang, copy_of{', title, text' if texts else ''} FROM documents "
         f"WHERE id IN ({of_event}) " + queries.SOURCES_ORDER, (canonical_id, canonical_id)),
    ])
    if not rows:
        hint = "" if str(canonical_id).startswith(CANONICAL_PREFIX) else \
            f": canonical ids start with {CANONICAL_PREFIX!r}"
        raise NotFoundError(f"no canonical event with id {canonical_id!r}{hint}")
    details = {(r["event_id"], r["id"]): {k: r[k] for k in queries._PLACE_KEYS} for r in place_rows}
    known = {place: d for (_, place), d in details.items()}
    event = _dicts(conn, rows, {canonical_id: sorted(r["id"] for r in mention_rows)}, known)[0]
    mentions = queries._event_dicts(conn, mention_rows, details,
                                    queries.sources_in(document_rows, {r["document_id"] for r in mention_rows}))
    event["mention_records"] = mentions
    event["reported"] = disagreements(mentions)
    return event, document_rows


def _dicts(conn: sqlite3.Connection, rows: list[sqlite3.Row], members: dict[str, list[int]] | None = None,
           known: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Event dicts of canonical rows; ``members`` (their mention ids, sorted) and ``known`` (place
    dicts by id) when the caller has read them already."""
    if members is None:
        members = {}
        for cid, mid in conn.execute(
                "SELECT canonical_id, mention_id FROM canonical_members WHERE canonical_id IN "
                "(SELECT value FROM json_each(?)) ORDER BY mention_id", (json.dumps([r["id"] for r in rows]),)):
            members.setdefault(cid, []).append(mid)
    wanted = {p for r in rows for p in json.loads(r["record"]).get("places") or ()}
    places = {p: known[p] for p in wanted if p in (known or {})}
    if wanted - places.keys():
        places.update(_places(conn, wanted - places.keys()))
    out = []
    for r in rows:
        d = {"id": r["id"], **json.loads(r["record"]), "source_count": r["source_count"],
             "mentions": members.get(r["id"], []), "created_at": r["created_at"],
             "updated_at": r["updated_at"]}
        d["places_detail"] = [places[p] for p in d.get("places") or () if p in places]
        out.append(d)
    return out


def _places(conn: sqlite3.Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    rows = conn.execute("SELECT * FROM places WHERE id IN (SELECT value FROM json_each(?))",
                        (json.dumps(sorted(ids)),))
    return {r["id"]: {k: r[k] for k in queries._PLACE_KEYS} for r in rows}
