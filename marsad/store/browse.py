"""Browsing canonical events: filters, sorted keyset pages, statistics, documents and claims.

The read side of ``marsad serve`` (:mod:`marsad.server`), over one read connection.
Every function returns plain dicts and raises InputError for a bad filter or cursor,
NotFoundError for an unknown id.

Filters (:class:`Filters`) mean what they mean for ``marsad events``
(:func:`marsad.store.queries.event_filters`): an event matches a date filter when the
interval it is known to lie in overlaps it (``date_earliest`` to ``date_latest``: its reported
date, or for an undated event the days before its earliest report, :func:`marsad.canonical.date_interval`;
``exact`` leaves out the events whose reports name no day or month), a value filter when the value is in
its record's list (``region``: one of its places lies in that region), ``q`` when one
of its source documents holds every word (Arabic-aware full text, :mod:`.search`).

Pages are *keyset* pages: a cursor is an opaque token holding the sort key and rowid of
the last row shown, so a page costs the same wherever it is and rows never repeat or
vanish between pages. Events without the sort value (undated, unknown arrests) come
last in both directions. Each page query follows one of two plans, chosen from the
rollup counts (:func:`plan`): walk the sort index and check the filters row by row,
or gather the few matching rows through the most selective filter and sort them.

Statistics (:func:`stats`) read the rollups of schema version 5 (``stats_events``,
``stats_values``, kept by triggers) when the filters allow it: no text query, at most one
value filter, date bounds on month boundaries. Otherwise they aggregate the matching
events live. All SQL uses bound parameters; sort keys and plans come from fixed tables.

Pages, exports and statistics take an optional :class:`~.event_index.EventIndex` built at
the store's current version (``marsad serve`` keeps one per worker): with it, the matching
events are found and counted in memory, and SQL only reads the page's records and the
document counts. The answers are the same either way.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..errors import InputError, NotFoundError
from ..sources import source_entity, source_label
from ..text.headline import headline
from . import canonical_queries, queries
from .queries import source_condition
from .dates import query_bounds
from .event_index import PLACE_KEYS, Counts, EventIndex
from .migrations import browse_rebuild_sql, pg_rebuild_sql
from .search import fts_query

TYPES = ("cell_dismantled", "arrest", "attack", "seizure")  # SPEC event types
CONTEXT_CHARS = 160  # text shown before and after an evidence span
TITLE_SOURCE_CHARS = 1500  # of a document's text, for a title when it has none (past a page's chrome)
MAX_LIMIT = 500
RECORD_FIELDS = ("type", "date", "date_earliest", "date_latest", "time_precision", "date_rule", "background",
                 "country", "places", "arrested", "killed", "age_min", "age_max", "affiliation", "agencies",
                 "partners", "cell_name", "seized", "plot", "targets")
LIST_FIELDS = ("places", "affiliation", "agencies", "partners", "seized", "plot", "targets")
# filter name -> rollup field (stats_values.field)
VALUE_FIELDS = {"place": "places", "region": "region", "org": "affiliation", "agency": "agencies",
                "partner": "partners"}
_VALUE_WHERE = {  # filter name -> condition on canonical event c, one bound parameter
    "place": "EXISTS (SELECT 1 FROM canonical_values v WHERE v.canonical_id = c.id "
             "AND v.field = 'places' AND v.value = ?)",
    "org": "EXISTS (SELECT 1 FROM canonical_values v WHERE v.canonical_id = c.id "
           "AND v.field = 'affiliation' AND v.value = ?)",
    "agency": "EXISTS (SELECT 1 FROM canonical_values v WHERE v.canonical_id = c.id "
              "AND v.field = 'agencies' AND v.value = ?)",
    "region": "EXISTS (SELECT 1 FROM canonical_values v CROSS JOIN places p ON p.id = v.value "
              "WHERE v.canonical_id = c.id AND v.field = 'places' AND p.region = ?)",
    "partner": "EXISTS (SELECT 1 FROM canonical_partners p WHERE p.canonical_id = c.id "
               "AND p.partner = ?)",
    # the documents matching (copies: their originals) are gathered once per query
    "q": "EXISTS (SELECT 1 FROM canonical_members m JOIN event_mentions e ON e.id = m.mention_id "
         "WHERE m.canonical_id = c.id AND e.document_id IN (SELECT coalesce(d.copy_of, d.id) "
         "FROM documents_fts f JOIN documents d ON d.id = f.document_id WHERE documents_fts MATCH ?))",
}
PROBE_COST = 2.5  # checking a walked row against the filters, in rows gathered and sorted (measured
#                  on 1,000,000 events: ~4.8 µs a walked row, ~1.8 µs a gathered one)
# a row gathered through a region costs more than through a place (its places' rows, made
# distinct; measured on 1,000,000 events: ~4.8 µs against ~2.8 µs)
GATHER_COST = {"region": 1.7}
TEXT_SAMPLE = 5000  # matching documents counted at most, to estimate a text query's selectivity
# Canonical events whose source documents (copies: their originals) match an FTS query.
_TEXT_IDS = ("SELECT DISTINCT m.canonical_id FROM documents_fts f "
             "JOIN documents d ON d.id = f.document_id "
             "JOIN event_mentions e ON e.document_id = coalesce(d.copy_of, d.id) "
             "JOIN canonical_members m ON m.mention_id = e.id WHERE documents_fts MATCH ?")
_DRIVERS = {  # filter name -> ids of the canonical events it matches (one bound parameter)
    "place": "SELECT canonical_id FROM canonical_values WHERE field = 'places' AND value = ?",
    "org": "SELECT canonical_id FROM canonical_values WHERE field = 'affiliation' AND value = ?",
    "agency": "SELECT canonical_id FROM canonical_values WHERE field = 'agencies' AND value = ?",
    "region": "SELECT DISTINCT v.canonical_id FROM places p CROSS JOIN canonical_values v "
              "ON v.field = 'places' AND v.value = p.id WHERE p.region = ?",
    "partner": "SELECT canonical_id FROM canonical_partners WHERE partner = ?",
    "q": _TEXT_IDS,
}


def bounds(value: str | None, name: str) -> tuple[str | None, str | None]:
    """The first and last day of a date filter (:func:`marsad.store.dates.query_bounds`);
    InputError for anything that is not a SPEC date from year 1 on."""
    if value is not None and value[:4] == "0000":
        raise InputError(f"invalid {name} date {value!r}: years start at 0001")
    try:
        return query_bounds(value, name)
    except ValueError:
        raise InputError(f"invalid {name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from None


@dataclass(frozen=True)
class Filters:
    """The filters of ``/api/events``, ``/api/stats`` and the exports; None: no filter."""

    type: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    region: str | None = None
    org: str | None = None
    agency: str | None = None
    partner: str | None = None
    background: bool | None = None
    q: str | None = None
    exact: bool | None = None  # True: only events whose reports name their day or month

    def __post_init__(self) -> None:
        bounds(self.since, "since")  # InputError when not a SPEC date
        bounds(self.until, "until")
        if self.q is not None and fts_query(self.q) is None:
            raise InputError(f"q has no words to search for: {self.q!r}")

    @property
    def start(self) -> str | None:
        """The first day ``since`` covers (YYYY-MM-DD), or None."""
        return bounds(self.since, "since")[0]

    @property
    def end(self) -> str | None:
        """The last day ``until`` covers (YYYY-MM-DD), or None."""
        return bounds(self.until, "until")[1]

    def values(self) -> dict[str, str]:
        """The value filters given: ``{"place": "fes", ...}``."""
        return {name: getattr(self, name) for name in VALUE_FIELDS if getattr(self, name) is not None}

    def given(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))


@dataclass(frozen=True)
class Sort:
    """A sort of canonical events: key columns, their index, and whether they can be null."""

    columns: tuple[str, ...]
    index: str
    type_index: str | None = None  # an index on (type, columns...) when there is one
    nullable: bool = True


SORTS = {
    "date": Sort(("date_start", "date_end"), "canonical_events_dates", "canonical_events_type_dates"),
    "arrested": Sort(("arrested",), "canonical_events_arrested", "canonical_events_type_arrested"),
    "sources": Sort(("source_count",), "canonical_events_sources", "canonical_events_type_sources",
                    nullable=False),
}
SORT_NAMES = tuple(f"{sign}{name}" for name in SORTS for sign in ("", "-"))


# -- cursors -----------------------------------------------------------------------------------

def encode_cursor(sort: str, key: list[Any] | None, tiebreak: int) -> str:
    """An opaque token for the row after which the next page starts."""
    raw = json.dumps({"s": sort, "k": key, "r": tiebreak}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str, sort: str, width: int) -> tuple[list[Any] | None, int]:
    """``(key or None in the null part, tiebreak)`` of a cursor made for ``sort``; InputError
    for anything else."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InputError("invalid cursor: pass next_cursor from the previous page") from None
    ok = (isinstance(data, dict) and data.get("s") == sort and _is_int(data.get("r"))
          and (data.get("k") is None or (isinstance(data["k"], list) and len(data["k"]) == width
                                         and all(_is_scalar(v) for v in data["k"]))))
    if not ok:
        raise InputError(f"invalid cursor for sort {sort!r}: pass next_cursor from the previous page")
    return data["k"], data["r"]


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and abs(v) < 2 ** 63


def _is_scalar(v: Any) -> bool:
    return v is None or _is_int(v) or (isinstance(v, str) and len(v) <= 64)


# -- filters and plans -------------------------------------------------------------------------

def where_sql(conn: sqlite3.Connection, f: Filters, skip: str | None = None) -> tuple[list[str], list[Any]]:
    """Conditions on canonical event ``c`` for ``f``; with ``skip`` (a driver filter, see
    :func:`_source`), without any value or text filter: the driver's query checks them."""
    where, params = queries.event_filters("c", f.type, f.since, f.until, f.background, f.exact)
    if f.since is not None:  # implied by date_end >= since; bounds the date index scan
        where.append("c.date_start >= ?")
        params.append(_earliest_start(conn, f.start))
    if skip is None:
        value_where, value_params = _value_where(f, None, "c.id")
        where += value_where
        params += value_params
    return where, params


def _value_where(f: Filters, skip: str | None, id_column: str) -> tuple[list[str], list[Any]]:
    """Conditions for the value and text filters of ``f`` but ``skip`` on the canonical event
    whose id is ``id_column``."""
    where: list[str] = []
    params: list[Any] = []
    for name, value in f.values().items():
        if name != skip:
            where.append(_VALUE_WHERE[name].replace("= c.id", f"= {id_column}"))
            params.append(value)
    if f.q is not None and skip != "q":
        where.append(_VALUE_WHERE["q"].replace("= c.id", f"= {id_column}"))
        params.append(fts_query(f.q))
    return where, params


def _earliest_start(conn: sqlite3.Connection, since: str) -> str:
    """The earliest date_start an event ending on or after ``since`` can have."""
    span = conn.execute("SELECT max_span_days FROM browse_meta").fetchone()[0]
    try:
        return (date.fromisoformat(since) - timedelta(days=math.ceil(span))).isoformat()
    except (ValueError, OverflowError):  # before year 1
        return "0000-00-00"


def _rollup_where(f: Filters, grain: str = "month") -> tuple[list[str], list[Any]]:
    """Conditions on a rollup row for type, background and the months (or years) of the date
    filters: exact when the bounds fall on month (year) boundaries, else a superset."""
    where: list[str] = []
    params: list[Any] = []
    width = 7 if grain == "month" else 4
    if f.type is not None:
        where.append("type = ?")
        params.append(f.type)
    if f.background is not None:
        where.append("background = ?")
        params.append(int(f.background))
    if f.exact:  # stats_events and stats_values only: the others have no monthly column
        where.append("monthly = 1")
    if f.since is not None:
        where.append(f"end_{grain} >= ?")
        params.append(f.start[:width])
    if f.until is not None:
        where.append(f"start_{grain} <= ? AND start_{grain} <> ''")
        params.append(f.end[:width])
    return where, params


def months_aligned(f: Filters) -> bool:
    """Whether the date filters start and end on month boundaries (the rollups are exact)."""
    since, until = f.start, f.end
    return ((since is None or since.endswith("-01"))
            and (until is None or until == bounds(until[:7], "until")[1]))


def estimates(conn: sqlite3.Connection, f: Filters) -> dict[str, int]:
    """Estimates of how many events each filter lets through together with the type,
    background and date filters: ``{"all": every event, "dates": type, background and dates
    alone, "range": type and dates alone (what the date indexes cover), "type": the type
    alone, "place": ..., "q": ...}``, and alone (``"place:all"`` …:
    what gathering through that filter reads) (from the rollups; ``q`` from the share of
    documents
    matching, counted up to :data:`TEXT_SAMPLE`)."""
    where, params = _rollup_where(f)
    cond = " AND ".join(where) or "1"
    ranged, ranged_params = _rollup_where(replace(f, background=None))
    row = conn.execute(
        f"SELECT sum(events), sum(CASE WHEN {' AND '.join(ranged) or '1'} THEN events END), "
        f"sum(CASE WHEN type = ? THEN events END), sum(CASE WHEN {cond} THEN events END) "
        "FROM stats_events", [*ranged_params, f.type, *params]).fetchone()
    out = dict(zip(("all", "range", "type", "dates"), (n or 0 for n in row)))
    for name, value in f.values().items():
        within, overall = conn.execute(
            f"SELECT coalesce(sum(CASE WHEN {cond} THEN events END), 0), coalesce(sum(events), 0) "
            "FROM stats_values WHERE field = ? AND value = ?", [*params, VALUE_FIELDS[name], value]).fetchone()
        out[name], out[f"{name}:all"] = within, overall
    if f.q is not None:
        documents = _one(conn, "SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts "
                               "MATCH ? LIMIT ?)", (fts_query(f.q), TEXT_SAMPLE))
        stored = max(_one(conn, "SELECT coalesce(max(rowid), 1) FROM documents", ()), 1)
        share = 1.0 if documents >= TEXT_SAMPLE else documents / stored
        out["q"] = math.ceil(out["dates"] * share)
        out["q:all"] = math.ceil(out["all"] * share)
    return out


@dataclass(frozen=True)
class Plan:
    """How to read matching events: ``driver`` None walks ``index``; else the ids the driver
    filter gives are looked up and sorted (``index`` then serves the date driver)."""

    driver: str | None
    index: str | None


def plan(conn: sqlite3.Connection, f: Filters, sort: Sort | None, limit: int) -> Plan:
    """The cheaper plan for a page of ``limit`` rows in ``sort`` order (None: all rows, no order).

    Walking the sort index visits about ``limit x rows in its range / matching rows`` rows;
    gathering visits every row the most selective filter lets through. Matching rows are
    estimated from the rollups, filters taken as independent."""
    est = estimates(conn, f)
    total, window, of_type = max(est.pop("all"), 1), max(est.pop("dates"), 1), max(est.pop("type"), 1)
    in_range = max(est.pop("range"), 1)
    gathered = {name: est.pop(f"{name}:all") * GATHER_COST.get(name, 1.0) for name in list(est)
                if f"{name}:all" in est}
    matching = window * math.prod(min(n / window, 1.0) for n in est.values())
    dates_index = SORTS["date"].type_index if f.type is not None else SORTS["date"].index
    drivers = gathered  # rows read when gathering through each filter
    if f.type is not None or f.since is not None or f.until is not None:
        # every row of the date range is read from the table (its sort key, the other filters)
        # as a walked row is, not from a covering index as a gathered id is
        drivers["dates"] = in_range * PROBE_COST
    best = min(drivers, key=lambda name: drivers[name]) if drivers else None
    if sort is None:
        return Plan(None, dates_index if best == "dates" else None) if best in (None, "dates") \
            else Plan(best, None)
    walk_index = sort.type_index if f.type is not None and sort.type_index else sort.index
    visited = in_range if sort is SORTS["date"] else of_type if f.type is not None else total
    walk_cost = PROBE_COST * min(visited, (limit + 1) * visited / max(matching, 1.0))
    if best is None or drivers[best] >= walk_cost or (best == "dates" and walk_index == dates_index):
        return Plan(None, walk_index)
    return Plan(None, dates_index) if best == "dates" else Plan(best, None)


def _source(p: Plan, params: list[Any], f: Filters) -> str:
    """The FROM clause of plan ``p`` (appending the parameters): with a driver, the ids it
    gives that pass the other value and text filters too (checked before the event is read)."""
    if p.driver in _DRIVERS:
        params.append(fts_query(f.q) if p.driver == "q" else getattr(f, p.driver))
        others, other_params = _value_where(f, p.driver, "drv.canonical_id")
        params += other_params
        return (f"(SELECT canonical_id FROM ({_DRIVERS[p.driver]}) drv WHERE {' AND '.join(others) or '1'}) s "
                "CROSS JOIN canonical_events c INDEXED BY canonical_events_browse ON c.id = s.canonical_id")
    return f"canonical_events c INDEXED BY {p.index}" if p.index else "canonical_events c"


# -- event pages -------------------------------------------------------------------------------

def events_page(conn: sqlite3.Connection, f: Filters, sort: str = "-date", limit: int = 50,
                cursor: str | None = None, index: EventIndex | None = None) -> dict[str, Any]:
    """``{"items": [event dicts], "next_cursor": token or None}``: the next ``limit`` events
    matching ``f`` in ``sort`` order (``date``, ``-date``, ``arrested``, ``-arrested``,
    ``sources``, ``-sources``), after ``cursor``. ``index``: an :class:`EventIndex` of the
    store at its current version, to find the page without SQL."""
    rows, next_cursor = _page_rows(conn, f, sort, limit, cursor, index)
    return {"items": event_dicts(conn, rows), "next_cursor": next_cursor}


def iter_events(conn: sqlite3.Connection, f: Filters, sort: str = "-date",
                batch: int = 1000, index: EventIndex | None = None) -> Iterator[list[dict[str, Any]]]:
    """Every event matching ``f`` in ``sort`` order, ``batch`` at a time (for exports)."""
    cursor = None
    while True:
        rows, cursor = _page_rows(conn, f, sort, batch, cursor, index)
        if rows:
            yield event_dicts(conn, rows)
        if cursor is None:
            return


def _page_rows(conn: sqlite3.Connection, f: Filters, sort: str, limit: int,
               cursor: str | None, index: EventIndex | None = None) -> tuple[list[sqlite3.Row], str | None]:
    if sort not in SORT_NAMES:
        raise InputError(f"invalid sort {sort!r}: use one of {', '.join(SORT_NAMES)}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InputError(f"limit must be a positive integer, got {limit!r}")
    spec, desc = SORTS[sort.lstrip("-")], sort.startswith("-")
    cursor = cursor or None  # an empty cursor is no cursor: the first page
    key, tiebreak = decode_cursor(cursor, sort, len(spec.columns)) if cursor else (None, None)
    if index is not None:
        rowids = index.page(f, sort, limit, key, tiebreak, cursor is not None, text_rowids(conn, f, index))
        if rowids is not None:
            keys = [{"rid": int(r)} for r in rowids[:limit]]
            next_cursor = None
            if len(rowids) > limit:
                last = keys[-1]["rid"]
                next_cursor = encode_cursor(sort, index.sort_key(sort, last), last)
            return _event_rows(conn, keys), next_cursor
    p = plan(conn, f, spec, limit)
    rows: list[sqlite3.Row] = []
    if cursor is None or key is not None:
        rows = _phase(conn, f, p, spec, desc, key, tiebreak, limit + 1, nulls=False)
    undated_excluded = spec is SORTS["date"] and (f.since is not None or f.until is not None)
    if spec.nullable and len(rows) <= limit and not undated_excluded:  # no undated event matches dates
        after = tiebreak if cursor is not None and key is None else None
        rows += _phase(conn, f, p, spec, desc, None, after, limit + 1 - len(rows), nulls=True)
    if len(rows) <= limit:
        return _event_rows(conn, rows), None
    last = rows[limit - 1]
    last_key = None if spec.nullable and last[spec.columns[0]] is None else [last[c] for c in spec.columns]
    return _event_rows(conn, rows[:limit]), encode_cursor(sort, last_key, last["rid"])


_TEXT_DOCUMENTS = ("SELECT DISTINCT o.rowid FROM documents_fts f JOIN documents d ON d.id = f.document_id "
                   "JOIN documents o ON o.id = coalesce(d.copy_of, d.id) WHERE documents_fts MATCH ?")


def text_rowids(conn: sqlite3.Connection, f: Filters, index: EventIndex | None = None) -> np.ndarray | None:
    """The rowids of the canonical events a text query matches (None without one). With an
    index that maps documents to their events, only the matching documents are read (a
    common word's events are most of the store: joining them in SQL took seconds)."""
    if f.q is None:
        return None
    if index is not None and index.documents is not None:
        docs = np.array([r[0] for r in conn.execute(_TEXT_DOCUMENTS, (fts_query(f.q),))], dtype=np.int64)
        return index.rowids_of_documents(docs)
    return np.array([r[0] for r in conn.execute(
        f"SELECT c.rowid FROM ({_TEXT_IDS}) t CROSS JOIN canonical_events c ON c.id = t.canonical_id",
        (fts_query(f.q),))], dtype=np.int64)


def _phase(conn: sqlite3.Connection, f: Filters, p: Plan, spec: Sort, desc: bool,
           key: list[Any] | None, tiebreak: int | None, limit: int, nulls: bool) -> list[sqlite3.Row]:
    """Rows with (``nulls``) or without a null sort key, after ``(key, tiebreak)``."""
    params: list[Any] = []
    source = _source(p, params, f)
    where, filter_params = where_sql(conn, f, skip=p.driver)
    params += filter_params
    op, direction = ("<", "DESC") if desc else (">", "ASC")
    columns = [f"c.{c}" for c in spec.columns]
    if nulls:
        where.append(f"{columns[0]} IS NULL")
        order = f"c.rowid {direction}"
        if tiebreak is not None:
            where.append(f"c.rowid {op} ?")
            params.append(tiebreak)
    else:
        if spec.nullable:
            where.append(f"{columns[0]} IS NOT NULL")
        order = ", ".join(f"{c} {direction}" for c in [*columns, "c.rowid"])
        if key is not None:
            where.append(f"({', '.join(columns)}, c.rowid) {op} ({', '.join('?' * (len(key) + 1))})")
            params += [*key, tiebreak]
    sql = (f"SELECT c.rowid AS rid, {', '.join(columns)} FROM {source} "
           f"WHERE {' AND '.join(where) or '1'} ORDER BY {order} LIMIT ?")
    return conn.execute(sql, [*params, limit]).fetchall()


def _event_rows(conn: sqlite3.Connection, keys: list[sqlite3.Row]) -> list[sqlite3.Row]:
    """The stored rows (rid, id, record, source_count) of page ``keys``, in their order."""
    rows = {r["rid"]: r for r in conn.execute(
        "SELECT rowid AS rid, id, record, source_count FROM canonical_events "
        "WHERE rowid IN (SELECT value FROM json_each(?))", (json.dumps([k["rid"] for k in keys]),))}
    return [rows[k["rid"]] for k in keys if k["rid"] in rows]


def event_dicts(conn: sqlite3.Connection, rows: list[sqlite3.Row],
                places: dict[str, dict[str, Any]] | None = None,
                titles: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """Event dicts of canonical event rows (id, record, source_count): the SPEC fields, ``id``,
    ``source_count``, ``title``, ``places_detail`` and ``sources`` (of the record). ``places``
    (place dicts by id) and ``titles`` (``first_line=False`` titles by document id) when the
    caller has read them; a page costs the same few statements whatever its length."""
    records = [json.loads(r["record"]) for r in rows]
    if places is None:
        places = canonical_queries._places(conn, {p for rec in records for p in rec.get("places") or ()})
    if titles is None:
        titles = document_titles(conn, {rec["sources"][0]["document_id"] for rec in records
                                        if rec.get("sources")}, first_line=False)
    firsts = [rec["sources"][0]["document_id"] if rec.get("sources") else None for rec in records]
    evidence = _evidence_titles(conn, {(row["id"], first) for row, first in zip(rows, firsts)
                                       if first and not titles.get(first)})
    out = []
    for row, rec, first in zip(rows, records, firsts):
        event = {"id": row["id"], **{k: rec.get(k) for k in RECORD_FIELDS}}
        for name in LIST_FIELDS:
            event[name] = event[name] or []
        event["source_count"] = row["source_count"]
        event["places_detail"] = [places[p] for p in event["places"] if p in places]
        event["sources"] = rec.get("sources") or []
        event["title"] = titles.get(first) or evidence.get((row["id"], first))
        out.append(event)
    return out


def _evidence_titles(conn: sqlite3.Connection, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """``{(canonical id, document id): title}`` for events whose article has neither a title nor a
    headline-shaped line: the first sentence of the event's first evidence in it (by the
    mention's ordinal), else the article's first line. One query for every pair, not one per
    event."""
    if not pairs:
        return {}
    firsts: dict[tuple[str, str], Any] = {}
    for r in conn.execute("SELECT m.canonical_id, e.document_id, e.evidence, d.text FROM event_mentions e "
                          "JOIN canonical_members m ON m.mention_id = e.id JOIN documents d ON d.id = e.document_id "
                          "WHERE m.canonical_id IN (SELECT value FROM json_each(?)) "
                          "AND e.document_id IN (SELECT value FROM json_each(?)) ORDER BY e.ordinal",
                          (json.dumps(sorted({c for c, _ in pairs})), json.dumps(sorted({d for _, d in pairs})))):
        pair = (r["canonical_id"], r["document_id"])
        if pair in pairs and pair not in firsts:
            firsts[pair] = r
    out = {}
    for pair, r in firsts.items():
        text = r["text"]
        spans = json.loads(r["evidence"])
        if not spans:
            out[pair] = queries.untitled_title(text)
            continue
        a, b = spans[0]
        sentence = " ".join(text[a:b].split())
        out[pair] = sentence if len(sentence) <= queries.TITLE_CHARS else sentence[:queries.TITLE_CHARS - 1] + "…"
    return out


def document_titles(conn: sqlite3.Connection, ids: set[str], first_line: bool = True) -> dict[str, str | None]:
    """``{document id: title}``, the headline at the top of the text for documents without a
    title (:func:`marsad.store.queries.untitled_title`); with ``first_line=False``, None when the
    text has no headline-shaped line either (the caller has better words)."""
    return {d: title_of(title, head, first_line) for d, (title, head) in title_heads(conn, ids).items()}


def title_heads(conn: sqlite3.Connection, ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
    """``{document id: (title, head)}``: what :func:`title_of` reads (the head only for an untitled one)."""
    rows = conn.execute(f"SELECT id, title, CASE WHEN title IS NULL OR title = '' "
                        f"THEN substr(text, 1, {TITLE_SOURCE_CHARS}) END AS head "
                        "FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                        (json.dumps(sorted(ids)),))
    return {r["id"]: (r["title"], r["head"]) for r in rows}


def title_of(title: str | None, head: str | None, first_line: bool = True) -> str | None:
    """A document's title, or for one without a title the headline at the top of ``head`` (its
    first :data:`TITLE_SOURCE_CHARS` characters; see :func:`document_titles`)."""
    if title:
        return title
    return queries.untitled_title(head) if first_line else headline(head or "")


# -- one event, one document ---------------------------------------------------------------------

def event_detail(conn: sqlite3.Connection, canonical_id: str) -> dict[str, Any]:
    """One canonical event: the event dict, ``arrested_reported``, ``killed_reported``,
    ``reported`` (values its reports disagree on), ``mention_keys`` and ``sources``, each with
    its title, mention keys and evidence spans in context. NotFoundError when absent."""
    # the event, its mentions, their places and their documents with texts: one round trip on
    # PostgreSQL; the record's sources are those documents and their copies
    ev, document_rows = canonical_queries.event_and_documents(conn, canonical_id, texts=True)
    row = {"id": ev["id"], "record": json.dumps(ev, ensure_ascii=False),
           "source_count": ev["source_count"]}
    docs = {r["id"]: r for r in document_rows}
    listed = {s["document_id"] for s in ev.get("sources") or ()}
    texts = {d: r["text"] for d, r in docs.items()}
    heads = {d: (r["title"], None if r["title"] else r["text"][:TITLE_SOURCE_CHARS]) for d, r in docs.items()}
    if listed - heads.keys():  # a source that is none of its mentions' documents (none is, as written)
        heads.update(title_heads(conn, listed - heads.keys()))
    titles = {d: title_of(*heads[d]) for d in listed if d in heads}
    first_titles = {d: title_of(*heads[d], first_line=False) for d in listed if d in heads}
    out = event_dicts(conn, [row], {p["id"]: p for p in ev.get("places_detail") or ()},  # type: ignore[list-item]
                      first_titles)[0]
    sources = []
    for source in out["sources"]:
        mentions = [m for m in ev["mention_records"] if m["document_id"] == source["document_id"]]
        text = texts.get(source["document_id"], "")
        spans = sorted({tuple(s) for m in mentions for s in m.get("evidence") or ()})
        values = {(v["field"], json.dumps(v["value"]), tuple(v["span"])): v
                  for m in mentions for v in _mention_values(m)}
        sources.append({**source, "title": titles.get(source["document_id"]),
                        "mentions": [m["key"] for m in mentions],
                        "evidence": [evidence_in_context(text, a, b) for a, b in spans],
                        "values": list(values.values())})
    out.update(arrested_reported=ev.get("arrested_reported"), killed_reported=ev.get("killed_reported"),
               reported=ev.get("reported") or {}, mention_keys=ev.get("mention_keys") or [],
               sources=sources)
    return out


def evidence_in_context(text: str, start: int, end: int) -> dict[str, Any]:
    """A span with its text and up to :data:`CONTEXT_CHARS` characters on each side."""
    return {"start": start, "end": end, "text": text[start:end],
            "before": text[max(0, start - CONTEXT_CHARS):start], "after": text[end:end + CONTEXT_CHARS]}


def document(conn: sqlite3.Connection, document_id: str) -> dict[str, Any]:
    """A document with its text, the canonical events its mentions belong to (with their
    evidence spans) and its claims. A near-duplicate copy lists its original's events and
    claims without spans (they index the original's text). NotFoundError when absent."""
    # the document, and its original's events and claims (of the original a copy names): three
    # reads that each name only its id, one round trip on PostgreSQL
    origin_of = "(SELECT coalesce(copy_of, id) FROM documents WHERE id = ?)"
    rows, event_rows, claim_rows = queries.execute_all(conn, [
        ("SELECT id, title, text, lang, published, url, outlet, copy_of FROM documents WHERE id = ?", (document_id,)),
        ("SELECT m.canonical_id, e.ordinal, e.evidence, e.record, c.type, c.date FROM event_mentions e "
         "JOIN canonical_members m ON m.mention_id = e.id JOIN canonical_events c ON c.id = m.canonical_id "
         f"WHERE e.document_id = {origin_of} ORDER BY e.ordinal", (document_id,)),
        (f"SELECT * FROM claims WHERE document_id = {origin_of} ORDER BY ordinal", (document_id,))])
    if not rows:
        raise NotFoundError(f"no document with id {document_id!r}")
    doc = dict(rows[0])
    doc["title"] = doc["title"] or queries.untitled_title(doc["text"])
    origin = doc["copy_of"] or doc["id"]
    spans = doc["copy_of"] is None
    doc["events"] = [
        {"id": r["canonical_id"], "key": f"{origin}#{r['ordinal']}", "type": r["type"],
         "date": r["date"], "evidence": json.loads(r["evidence"]) if spans else [],
         "values": _mention_values(json.loads(r["record"])) if spans else []}
        for r in event_rows]
    doc["claims"] = [{**_claim(r), "evidence": _claim(r)["evidence"] if spans else [],
                      "spans": _claim(r)["spans"] if spans else {}}
                     for r in claim_rows]
    return doc


def _claim(row: sqlite3.Row) -> dict[str, Any]:
    return {k: row[k] for k in ("id", "metric", "value", "qualifier", "since", "until", "period",
                                "subset", "source")} | {"evidence": json.loads(row["evidence"]),
                                                        "spans": json.loads(row["spans"]) if row["spans"] else {}}


def _mention_values(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A mention's values with their own words: ``[{field, value, span}]`` in the record's field
    order (marsad.pipeline.spans; empty for mentions stored before spans)."""
    out = []
    for field, spans in (record.get("spans") or {}).items():
        if isinstance(spans, dict):
            out += [{"field": field, "value": value, "span": span} for value, span in spans.items()]
        else:
            out.append({"field": field, "value": record.get(field) if field != "type" else record.get("type"),
                        "span": spans})
    return out


# -- claims and search ---------------------------------------------------------------------------

def claims_page(conn: sqlite3.Connection, metric: str | None = None, source: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 50,
                cursor: str | None = None) -> dict[str, Any]:
    """``{"items": [claim dicts], "next_cursor": ...}``: claims by the publication date of
    their document (undated last), then id; ``since``/``until`` bound that date."""
    where, params = claim_where(conn, metric, source, since, until, published="f.published")
    start, end = bounds(since, "since")[0], bounds(until, "until")[1]
    key, tiebreak = decode_cursor(cursor, "published", 1) if cursor else (None, None)
    rows: list[sqlite3.Row] = []
    if cursor is None or key is not None:
        rows = _claim_rows(conn, where, params, key, tiebreak, limit + 1, nulls=False)
    if len(rows) <= limit and start is None and end is None:
        after = tiebreak if cursor is not None and key is None else None
        rows += _claim_rows(conn, where, params, None, after, limit + 1 - len(rows), nulls=True)
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor("published", None if last["published"] is None
                                    else [last["published"]], last["id"])
    return {"items": claim_dicts(conn, rows[:limit]), "next_cursor": next_cursor}


def claim_where(conn: sqlite3.Connection, metric: str | None = None, source: str | None = None,
                since: str | None = None, until: str | None = None,
                published: str = "d.published") -> tuple[list[str], list[Any]]:
    """Conditions on claim ``c`` and its document ``d`` for the filters of ``/api/claims``
    (``published``: the column holding the document's publication date)."""
    where: list[str] = []
    params: list[Any] = []
    if metric is not None:
        where.append("c.metric = ?")
        params.append(metric)
    if source is not None:
        where.append(source_condition(conn, source, params))
    start, end = bounds(since, "since")[0], bounds(until, "until")[1]
    if start is not None:
        where.append(f"{published} >= ?")
        params.append(start)
    if end is not None:
        where.append(f"{published} <= ?")
        params.append(end)
    return where, params


def _claim_rows(conn: sqlite3.Connection, where: list[str], params: list[Any], key: list[Any] | None,
                tiebreak: int | None, limit: int, nulls: bool) -> list[sqlite3.Row]:
    """A page of claims in (publication date, id) order, read in that order from
    claim_documents' index (its ``published`` is the document's) and stopped at ``limit``,
    rather than every matching claim joined and sorted."""
    where, params = list(where), list(params)
    if nulls:
        where.append("f.published IS NULL")
        if tiebreak is not None:
            where.append("f.claim_id > ?")
            params.append(tiebreak)
        order = "f.claim_id"
    else:
        where.append("f.published IS NOT NULL")
        if key is not None:
            where.append("(f.published, f.claim_id) > (?, ?)")
            params += [key[0], tiebreak]
        order = "f.published, f.claim_id"
    sql = ("SELECT c.*, d.published, d.url, d.outlet FROM claim_documents f "
           "CROSS JOIN claims c ON c.id = f.claim_id CROSS JOIN documents d ON d.id = c.document_id "
           f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?")
    return conn.execute(sql, [*params, limit]).fetchall()


def claim_dicts(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Claim dicts with their document's date, URL, outlet, title and evidence sentence."""
    documents = conn.execute("SELECT id, title, text FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                             (json.dumps(sorted({r["document_id"] for r in rows})),)).fetchall()
    texts = {d["id"]: d["text"] for d in documents}  # and their titles from the same read
    titles = {d["id"]: title_of(d["title"], None if d["title"] else d["text"][:TITLE_SOURCE_CHARS]) for d in documents}
    out = []
    for r in rows:
        claim = _claim(r)
        text = texts.get(r["document_id"], "")
        entity = source_entity(claim["source"])
        claim.update(document_id=r["document_id"], published=r["published"], url=r["url"],
                     outlet=r["outlet"], title=titles.get(r["document_id"]),
                     sentence=" … ".join(" ".join(text[a:b].split()) for a, b in claim["evidence"]),
                     source_entity=entity,
                     source_label={lang: source_label(entity, lang) for lang in ("ar", "en")} if entity else None)
        out.append(claim)
    return out


def search(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents holding every word of ``text`` (:func:`marsad.store.queries.search`), each
    with ``events``: the canonical events it reports (a copy: its original's)."""
    hits = queries.search(conn, text, limit=limit)
    events: dict[str, list[str]] = {}
    for doc_id, canonical_id in conn.execute(
            "SELECT d.id, m.canonical_id FROM documents d "
            "JOIN event_mentions e ON e.document_id = coalesce(d.copy_of, d.id) "
            "JOIN canonical_members m ON m.mention_id = e.id "
            "WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY e.ordinal",
            (json.dumps([h["document_id"] for h in hits]),)):
        events.setdefault(doc_id, [])
        if canonical_id not in events[doc_id]:
            events[doc_id].append(canonical_id)
    return [{**h, "events": events.get(h["document_id"], [])} for h in hits]


# -- statistics ------------------------------------------------------------------------------------

FACETS = {"places": "by_town", "region": "by_region", "affiliation": "by_org", "agencies": "by_agency",
          "partners": "by_partner"}
Cell = tuple[str, str, int, int, int, int]  # start_month ('' undated), type, grain, events, arrested, killed
# grain of a rollup row: 1 the date names a month or day (counted by month and year), 0 else
# known to lie within one year (by year), 2 its interval spans years (in the totals and by_span)
GRAIN_SQL = ("CASE WHEN monthly = 1 THEN 1 WHEN substr(start_month, 1, 4) = substr(end_month, 1, 4) "
             "THEN 0 ELSE 2 END")
Facet = tuple[str, str, int, int]  # field, value, events, arrested


def stats(conn: sqlite3.Connection, f: Filters, index: EventIndex | None = None) -> dict[str, Any]:
    """Totals (events, arrested, killed), counts by month (and type), year, type, town, region,
    org, agency and partner of the events matching ``f``, and the documents and claims
    published within its dates. Undated events count in the totals only.

    With ``index`` (an :class:`EventIndex` at the store's version), counted from it. Else
    read from the rollups when there is no text query, at most one value filter and date
    bounds on month boundaries (with a value filter, for the breakdowns by facet: on year
    boundaries); everything else is aggregated over the matching events."""
    if index is not None:
        selection = index.select(f, text_rowids(conn, f, index))
        counts = index.aggregate(selection)
        return {**_shape(conn, counts, index.places), "by_span": _span_dicts(index.spans(selection)),
                **_documents_and_claims(conn, f)}
    values = f.values()
    dated = f.since is not None or f.until is not None
    if f.exact:  # the rollups by year and pair keep no monthly column
        cells, facets = _live(conn, f)
    elif f.q is None and not values and not months_aligned(f) and (f.start or "") <= (f.end or "9999-99-99"):
        cells, facets = _edge_months(conn, f)
    elif f.q is not None or len(values) > 1 or not months_aligned(f):
        cells, facets = _live(conn, f)
    else:
        name, value = next(iter(values.items()), (None, None))
        cells = _rollup_cells(conn, f, name, value)
        if not dated:
            facets = _pair_facets(conn, f, name, value)
        elif name is None:
            facets = _year_window_facets(conn, f) if years_aligned(f) else _month_facets(conn, f)
        elif years_aligned(f):
            facets = _year_window_facets(conn, f, name, value)
        else:
            facets = _live(conn, f, cells=False)[1]
    return {**_shape(conn, _counts(cells, facets)), "by_span": _span_dicts(spans(conn, f)),
            **_documents_and_claims(conn, f)}


# -- events by the span of their date interval (the timeline's coarse events) --------------------

def spans(conn: sqlite3.Connection, f: Filters, live: bool = False) -> list[tuple[str, str, str, int]]:
    """``(first month, last month, type, events)`` of the matching events that by_month leaves
    out (dated by a year, their publication or as background: ``time_precision`` from the
    interval, no month named), by the months their interval spans: from the rollups when they
    are exact (at most one value filter, no text, months aligned), else (or ``live``) counted."""
    if f.exact:
        return []
    values = f.values()
    if not live and f.q is None and len(values) <= 1 and months_aligned(f):
        where, params = _rollup_where(f)
        table = "stats_events"
        if values:
            (name, value), = values.items()
            table, where, params = "stats_values", ["field = ?", "value = ?", *where], [VALUE_FIELDS[name], value, *params]
        return [tuple(r) for r in conn.execute(
            f"SELECT start_month, end_month, type, sum(events) FROM {table} WHERE monthly = 0 "
            f"AND start_month <> '' AND {' AND '.join(where) or '1'} GROUP BY start_month, end_month, type",
            params)]
    where, params = where_sql(conn, f)
    return [tuple(r) for r in conn.execute(
        "SELECT substr(c.date_start, 1, 7), substr(c.date_end, 1, 7), c.type, count(*) FROM canonical_events c "
        f"WHERE c.month IS NULL AND c.date_start IS NOT NULL AND {' AND '.join(where) or '1'} GROUP BY 1, 2, 3",
        params)]


def _span_dicts(rows: list[tuple[str, str, str, int]]) -> list[dict[str, Any]]:
    return [{"start": a, "end": b, "type": t, "events": n} for a, b, t, n in sorted(rows) if n]


def years_aligned(f: Filters) -> bool:
    """Whether the date filters start on 1 January and end on 31 December."""
    since, until = f.start, f.end
    return (since is None or since.endswith("-01-01")) and (until is None or until.endswith("-12-31"))


def _rollup_cells(conn: sqlite3.Connection, f: Filters, name: str | None, value: str | None) -> list[Cell]:
    """Counts by start month, type and monthly from stats_events (all events) or stats_values
    (the events whose facet ``name`` has ``value``)."""
    where, params = _rollup_where(f)
    if f.since is not None:  # implied: no event spans more than max_span_days (a range of the key)
        where.append("start_month >= ?")
        params.append(_earliest_start(conn, f.start)[:7])
    table = "stats_events"
    if name is not None:
        table = "stats_values"
        where, params = ["field = ?", "value = ?", *where], [VALUE_FIELDS[name], value, *params]
    return [tuple(r) for r in conn.execute(
        f"SELECT start_month, type, {GRAIN_SQL} AS grain, sum(events), sum(arrested), sum(killed) "
        f"FROM {table} WHERE {' AND '.join(where) or '1'} GROUP BY start_month, type, grain", params)]


def _pair_facets(conn: sqlite3.Connection, f: Filters, name: str | None, value: str | None) -> list[Facet]:
    """Counts by facet value of all events, or of the events whose facet ``name`` has ``value``
    (type and background filters only)."""
    where, params = _rollup_where(f)
    field = VALUE_FIELDS[name] if name is not None else ""
    return [tuple(r) for r in conn.execute(
        "SELECT field2, value2, sum(events), sum(arrested) FROM stats_pairs WHERE field = ? AND value = ? "
        f"AND {' AND '.join(where) or '1'} GROUP BY field2, value2", [field, value or "", *params])]


def _year_window_facets(conn: sqlite3.Connection, f: Filters, name: str | None = None,
                        value: str | None = None) -> list[Facet]:
    """Counts by facet value (of the events whose facet ``name`` has ``value``) under date
    filters that are whole years, from stats_years (stats_pair_years). A window covering most
    years is counted as everything (stats_pairs) minus the years outside it."""
    if name is None:
        table, key, prefix, prefix_params = ("stats_years", "field, value",
                                             f"field IN ({', '.join('?' * len(FACETS))})", list(FACETS))
    else:
        table, key, prefix, prefix_params = ("stats_pair_years", "field2, value2", "field = ? AND value = ?",
                                              [VALUE_FIELDS[name], value])
    kind, kind_params = _rollup_where(replace(f, since=None, until=None), "year")

    def sums(conditions: list[str], params: list[Any]) -> list[Facet]:
        return [tuple(r) for r in conn.execute(
            f"SELECT {key}, sum(events), sum(arrested) FROM {table} WHERE {prefix} AND "
            f"{' AND '.join([*kind, *conditions]) or '1'} GROUP BY {key}", [*prefix_params, *kind_params, *params])]

    since, until = f.start and f.start[:4], f.end and f.end[:4]
    first, last = _years(conn)
    inside = int(min(until or last, last)) - int(max(since or first, first)) + 1
    if inside <= (int(last) - int(first) + 1) - inside:
        where, params = _rollup_where(f, "year")
        return sums(where[len(kind):], params[len(kind_params):])
    outside: list[Facet] = []
    if since is not None:  # undated events too: '' sorts first
        outside += sums(["end_year < ?"], [since])
    else:
        outside += sums(["end_year = ''"], [])
    if until is not None:
        outside += sums(["end_year > ?", "start_year > ?"], [until, until])
    return _minus(_pair_facets(conn, replace(f, since=None, until=None), name, value), outside)


def _years(conn: sqlite3.Connection) -> tuple[str, str]:
    """The first and last year events start in (from the rollups)."""
    row = conn.execute("SELECT min(start_month), max(start_month) FROM stats_events "
                       "WHERE start_month <> ''").fetchone()
    return (row[0] or "0001")[:4], (row[1] or "0001")[:4]


def _minus(total: list[Facet], outside: list[Facet]) -> list[Facet]:
    """Facet counts of ``total`` less those of ``outside`` (zeros dropped)."""
    counts: dict[tuple[str, str], list[int]] = {(fd, v): [n, a] for fd, v, n, a in total}
    for fd, v, n, a in outside:
        counts[(fd, v)][0] -= n
        counts[(fd, v)][1] -= a
    return [(fd, v, n, a) for (fd, v), (n, a) in counts.items() if n]


def _month_facets(conn: sqlite3.Connection, f: Filters) -> list[Facet]:
    """Counts by facet value under date filters on month boundaries."""
    where, params = _rollup_where(f)
    if f.since is not None:  # implied: no event spans more than max_span_days
        where.append("start_month >= ?")
        params.append(_earliest_start(conn, f.start)[:7])
    return _values_sums(conn, where, params)


def _values_sums(conn: sqlite3.Connection, where: list[str], params: list[Any]) -> list[Facet]:
    """Counts by facet value of the stats_values rows under ``where`` (on its type, background,
    start_month and end_month), read facet value by facet value, so that a range of start
    months is a range of each value's rows rather than a scan of the table."""
    return [tuple(r) for r in conn.execute(
        "SELECT v.field, v.value, sum(v.events), sum(v.arrested) FROM (SELECT DISTINCT field2 AS field, "
        "value2 AS value FROM stats_pairs WHERE field = '' AND value = '') k CROSS JOIN stats_values v "
        f"ON v.field = k.field AND v.value = k.value WHERE {' AND '.join(where) or '1'} "
        "GROUP BY v.field, v.value", params)]


EDGE_SIDE: str | None = None  # "inside" or "outside": the way :func:`_edge_months` takes (tests)


def _edge_months(conn: sqlite3.Connection, f: Filters) -> tuple[list[Cell], list[Facet]]:
    """Cells and facet counts under date bounds inside months (no value or text filter): the
    whole months from the rollups, the two edge months counted live. Either the events of the
    edge months that match are counted and added to the rollups' months strictly inside the
    bounds ("inside"), or those that do not are counted and taken from the rollups of the
    whole months around the bounds ("outside"), whichever covers fewer days."""
    start, end = f.start, f.end
    first = date.fromisoformat(start[:7] + "-01") if start else None  # of the edge months
    last = date.fromisoformat(bounds(end[:7], "until")[1]) if end else None
    s, e = (date.fromisoformat(start) if start else None), (date.fromisoformat(end) if end else None)
    outside = ((s - first).days if s else 0) + ((last - e).days if e else 0)
    first_end = bounds(start[:7], "until")[1] if start else None  # the last day of the first month
    if s and e and start[:7] == end[:7]:
        inside = (e - s).days + 1
    else:
        inside = (((date.fromisoformat(first_end) - s).days + 1 if s else 0)
                  + ((e - date.fromisoformat(end[:7] + "-01")).days + 1 if e else 0))
    kind, kind_params = queries.event_filters("c", f.type, None, None, f.background)
    source = f"canonical_events c INDEXED BY {SORTS['date'].type_index if f.type is not None else SORTS['date'].index}"
    parts: list[tuple[list[str], list[Any]]] = []  # live conditions of disjoint sets of events
    if (EDGE_SIDE or ("outside" if outside <= inside else "inside")) == "outside":
        envelope = replace(f, since=start and start[:7], until=end and end[:7])
        cells = _rollup_cells(conn, envelope, None, None)
        facets = _year_window_facets(conn, envelope) if years_aligned(envelope) else _month_facets(conn, envelope)
        if s and s > first:  # ending in the first month, before the start
            parts.append((["c.date_start >= ?", "c.date_start < ?", "c.date_end >= ?", "c.date_end < ?"],
                          [_earliest_start(conn, first.isoformat()), start, first.isoformat(), start]))
        if e and e < last:  # starting in the last month, after the end
            parts.append((["c.date_start > ?", "c.date_start <= ?"], [end, last.isoformat()]))
        minus = _live_parts(conn, source, kind, kind_params, parts)
        return _minus_cells(cells, minus[0]), _minus(facets, minus[1])
    where, params = _rollup_where(replace(f, since=None, until=None))
    if e:  # starting before the last month
        where.append("start_month < ? AND start_month <> ''")
        params.append(end[:7])
    if s:  # ending after the first month
        where.append("end_month > ?")
        params.append(start[:7])
    cond = " AND ".join(where) or "1"
    cells = [tuple(r) for r in conn.execute(
        f"SELECT start_month, type, {GRAIN_SQL} AS grain, sum(events), sum(arrested), sum(killed) "
        f"FROM stats_events WHERE {cond} GROUP BY start_month, type, grain", params)]
    if s:
        where.append("start_month >= ?")
        params.append(_earliest_start(conn, start)[:7])
    facets = _values_sums(conn, where, params)
    if e:  # starting in the last month, up to the end (and ending from the start on)
        parts.append((["c.date_start >= ?", "c.date_start <= ?", *(["c.date_end >= ?"] if s else [])],
                      [end[:7] + "-01", end, *([start] if s else [])]))
    if s:  # ending in the first month, from the start on, starting before the last month
        parts.append((["c.date_start >= ?", *(["c.date_start < ?"] if e else []), "c.date_end >= ?",
                       "c.date_end <= ?"],
                      [_earliest_start(conn, start), *([end[:7] + "-01"] if e else []), start, first_end]))
    plus = _live_parts(conn, source, kind, kind_params, parts)
    return cells + plus[0], facets + plus[1]


def _live_parts(conn: sqlite3.Connection, source: str, kind: list[str], kind_params: list[Any],
                parts: list[tuple[list[str], list[Any]]]) -> tuple[list[Cell], list[Facet]]:
    """Cells and facet counts of the events of ``source`` under each of ``parts`` (conditions
    and parameters; disjoint sets of events) and the conditions ``kind``."""
    out: tuple[list[Cell], list[Facet]] = ([], [])
    for where, params in parts:
        cells, facets = _aggregate(conn, source, [*kind, *where], [*kind_params, *params])
        out[0].extend(cells)
        out[1].extend(facets)
    return out


def _minus_cells(total: list[Cell], outside: list[Cell]) -> list[Cell]:
    """Cells of ``total`` less those of ``outside`` (empty cells dropped)."""
    counts: dict[tuple[str, str, int], list[int]] = {}
    for m, t, monthly, n, a, k in total:
        c = counts.setdefault((m, t, monthly), [0, 0, 0])
        c[0], c[1], c[2] = c[0] + n, c[1] + a, c[2] + k
    for m, t, monthly, n, a, k in outside:
        c = counts[(m, t, monthly)]
        c[0], c[1], c[2] = c[0] - n, c[1] - a, c[2] - k
    return [(m, t, monthly, n, a, k) for (m, t, monthly), (n, a, k) in counts.items() if n]


def _live(conn: sqlite3.Connection, f: Filters, cells: bool = True) -> tuple[list[Cell], list[Facet]]:
    """Cells and facet counts aggregated over the matching events, in one statement."""
    p = plan(conn, f, None, 0)
    params: list[Any] = []
    source = _source(p, params, f)
    where, filter_params = where_sql(conn, f, skip=p.driver)
    return _aggregate(conn, source, where, [*params, *filter_params], cells)


def _aggregate(conn: sqlite3.Connection, source: str, where: list[str], params: list[Any],
               cells: bool = True) -> tuple[list[Cell], list[Facet]]:
    """Cells and facet counts of the events ``c`` of ``source`` under ``where``, in one statement."""
    sel = ("SELECT c.id, c.type, coalesce(substr(c.date_start, 1, 7), '') AS start_month, "
           "CASE WHEN c.month IS NOT NULL THEN 1 WHEN substr(coalesce(c.date_start, ''), 1, 4) = "
           "substr(coalesce(c.date_end, ''), 1, 4) "
           "THEN 0 ELSE 2 END AS monthly, coalesce(c.arrested, 0) AS arrested, "
           f"coalesce(c.killed, 0) AS killed FROM {source} WHERE {' AND '.join(where) or '1'}")
    parts = ["SELECT 'cell', start_month, type, monthly, count(*), sum(arrested), sum(killed) FROM sel "
             "GROUP BY start_month, type, monthly"] if cells else []
    parts += [
        "SELECT 'facet', field, value, NULL, count(*), sum(arrested), 0 FROM fv GROUP BY field, value",
        "SELECT 'facet', 'partners', p.partner, NULL, count(*), sum(s.arrested), 0 FROM sel s "
        "CROSS JOIN canonical_partners p ON p.canonical_id = s.id GROUP BY p.partner",
        "SELECT 'facet', 'region', region, NULL, count(*), sum(arrested), 0 FROM "
        "(SELECT DISTINCT f.id, pl.region, f.arrested FROM fv f CROSS JOIN places pl ON pl.id = f.value "
        "WHERE f.field = 'places' AND pl.region IS NOT NULL) GROUP BY region"]
    # the list values of the selected events, read once for their counts and their regions
    # (one seek per event: '+' keeps the field out of the key)
    values = ("fv AS MATERIALIZED (SELECT s.id, s.arrested, v.field, v.value FROM sel s CROSS JOIN "
              "canonical_values v ON v.canonical_id = s.id WHERE +v.field IN ('places', 'affiliation', "
              "'agencies'))")
    out: tuple[list[Cell], list[Facet]] = ([], [])
    for kind, a, b, c, events, arrested, killed in conn.execute(
            f"WITH sel AS MATERIALIZED ({sel}), {values} " + " UNION ALL ".join(parts), params):
        if kind == "cell":
            out[0].append((a, b, c, events, arrested, killed))
        else:
            out[1].append((a, b, events, arrested))
    return out


def _counts(cells: list[Cell], facets: list[Facet]) -> Counts:
    """:class:`Counts` from cells and facet counts."""
    def add(table: dict, key: Any, events: int, arrested: int) -> None:
        n, a = table.get(key, (0, 0))
        table[key] = (n + events, a + arrested)

    out = Counts(sum(c[3] for c in cells), sum(c[4] for c in cells), sum(c[5] for c in cells))
    for start_month, type_, monthly, events, arrested, _ in cells:
        add(out.by_type, type_, events, arrested)
        if start_month and monthly != 2:  # known to lie within one year
            add(out.by_year, start_month[:4], events, arrested)
            if monthly == 1:
                add(out.by_month, (start_month, type_), events, arrested)
    for field, value, events, arrested in facets:
        add(out.by_facet.setdefault(field, {}), value, events, arrested)
    return out


def _shape(conn: sqlite3.Connection, counts: Counts, places: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The stats dict from :class:`Counts` (``places``: every place's :data:`PLACE_KEYS`, else read)."""
    by_count = lambda table: sorted(table.items(), key=lambda kv: (-kv[1][0], str(kv[0])))  # noqa: E731
    out: dict[str, Any] = {
        "events": counts.events, "arrested": counts.arrested, "killed": counts.killed,
        "by_month": [{"month": m, "type": t, "events": n, "arrested": a}
                     for (m, t), (n, a) in sorted(counts.by_month.items())],
        "by_year": [{"year": y, "events": n, "arrested": a} for y, (n, a) in sorted(counts.by_year.items())],
        "by_type": [{"type": t, "events": n, "arrested": a} for t, (n, a) in by_count(counts.by_type)],
    }
    per_field = {field: counts.by_facet.get(field, {}) for field in FACETS}
    out["by_region"] = [{"region": r, "events": n, "arrested": a} for r, (n, a) in by_count(per_field["region"])]
    for field, name in (("affiliation", "org"), ("agencies", "agency"), ("partners", "partner")):
        out[f"by_{name}"] = [{name: v, "events": n} for v, (n, _) in by_count(per_field[field])]
    towns = by_count(per_field["places"])
    if places is None:
        places = {p: {k: d[k] for k in PLACE_KEYS}
                  for p, d in canonical_queries._places(conn, {p for p, _ in towns}).items()}
    unknown = dict.fromkeys(PLACE_KEYS)
    out["by_town"] = [{"place": p, **places.get(p, unknown), "events": n, "arrested": a} for p, (n, a) in towns]
    return out


def _documents_and_claims(conn: sqlite3.Connection, f: Filters) -> dict[str, int]:
    """Documents and claims published within the date filters (all of them without): from the
    monthly rollup when the bounds are months, else counted."""
    start, end = f.start, f.end
    if months_aligned(f):
        where, params = [], []
        if start is not None:
            where.append("month >= ?")
            params.append(start[:7])
        if end is not None:
            where.append("month <= ? AND month <> ''")
            params.append(end[:7])
        row = conn.execute("SELECT coalesce(sum(documents), 0), coalesce(sum(claims), 0) FROM stats_documents "
                           f"WHERE {' AND '.join(where) or '1'}", params).fetchone()
        return {"documents": row[0], "claims": row[1]}
    return {"documents": _one(conn, "SELECT count(*) FROM documents WHERE published BETWEEN ? AND ?",
                              (start or "", end or "9999-99-99")),
            # claim_documents holds each claim's document's date: a range of its index
            "claims": _one(conn, "SELECT count(*) FROM claim_documents WHERE published BETWEEN ? AND ?",
                           (start or "", end or "9999-99-99"))}


def rebuild_rollups(conn: sqlite3.Connection) -> None:
    """Compute the browse columns and rollups again from the stored events (in the caller's
    transaction); needed only after ``browse_meta.rollups_stale`` was set."""
    if getattr(conn, "dialect", None) == "postgresql":
        conn.script(pg_rebuild_sql())
        return
    statement = ""
    for piece in browse_rebuild_sql().split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                conn.execute(statement)
            statement = ""


def rollups_stale(conn: sqlite3.Connection) -> bool:
    return bool(_one(conn, "SELECT rollups_stale FROM browse_meta", ()))


# -- vocabulary ------------------------------------------------------------------------------------

def meta(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the filters can take: types, orgs, agencies, regions and partners present (most
    events first), places, and the range of event dates."""
    values = {field: [r[0] for r in conn.execute(
        "SELECT value2 FROM stats_pairs WHERE field = '' AND value = '' AND field2 = ? "
        "GROUP BY value2 ORDER BY sum(events) DESC, value2", (field,))] for field in FACETS}
    present = [r[0] for r in conn.execute("SELECT DISTINCT type FROM stats_events ORDER BY type")]
    first = _one(conn, "SELECT min(date_start) FROM canonical_events WHERE date_start IS NOT NULL", ())
    last_start = _one(conn, "SELECT max(date_start) FROM canonical_events", ())
    last = None
    if last_start is not None:
        last = _one(conn, "SELECT max(date_end) FROM canonical_events WHERE date_start >= ?",
                    (_earliest_start(conn, last_start),))
    return {
        "types": list(TYPES) + [t for t in present if t not in TYPES],
        "orgs": values["affiliation"], "agencies": values["agencies"], "regions": values["region"],
        "partners": values["partners"],
        "places": [dict(r) for r in conn.execute(
            "SELECT id, name_ar, name_en, name_fr, region FROM places ORDER BY coalesce(name_en, id)")],
        "date_range": {"min": first, "max": last},
    }


def version(conn: sqlite3.Connection) -> int:
    """A number that changes whenever canonical events (or documents) change, for caches."""
    return _one(conn, "SELECT version FROM browse_meta", ())


def _one(conn: sqlite3.Connection, sql: str, params: Any) -> Any:
    return conn.execute(sql, params).fetchone()[0]
