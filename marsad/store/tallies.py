"""Aggregate rows for the figures check (:mod:`marsad.figures.record`): the record's events
and documents by day, small enough to hold in memory for any store, read from the rollups
the store keeps as it is written (schema version 7, marsad/store/migrations.py)."""
from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import urlsplit

import orjson

CLAIM_COLUMNS = ("id", "document_id", "metric", "value", "qualifier", "since", "until", "period", "subset",
                 "source", "evidence", "published", "url")


def _tuples(conn: Any, sql: str, params: Any = ()) -> list[tuple]:
    """The rows of ``sql`` as plain tuples (a SQLite store's rows are sqlite3.Row: making them and
    then tuples of them costs more than the query on the large reads here)."""
    cur = conn.execute(sql, params)
    if isinstance(cur, sqlite3.Cursor):
        cur.row_factory = None
        return cur.fetchall()
    return [tuple(r) for r in cur.fetchall()]


def figure_rows(conn: Any, metric: str | None = None) -> list[tuple]:
    """The claims with ``metric`` (all when None) as tuples in :data:`CLAIM_COLUMNS` order, in id
    order, read with their documents' dates and URLs from claim_documents; ``evidence`` is the
    stored JSON text (the check parses it only for the figures it shows)."""
    sql = ("SELECT c.id, c.document_id, c.metric, c.value, c.qualifier, c.since, c.until, c.period, c.subset, "
           "c.source, c.evidence, f.published, f.url FROM claims c LEFT JOIN claim_documents f ON f.claim_id = c.id"
           + (" WHERE c.metric = ?" if metric is not None else "") + " ORDER BY c.id")
    return conn.execute(sql, () if metric is None else (metric,)).fetchall()


def figure_claims(conn: Any, metric: str | None = None) -> list[dict[str, Any]]:
    """:func:`figure_rows` as :func:`marsad.store.queries.claims` gives them (dicts, evidence
    parsed). The callers read and check under :func:`marsad.figures.report.paused_gc` (100 k
    dicts holding no cycles: collections would double the time)."""
    out = []
    for row in figure_rows(conn, metric):
        d = dict(zip(CLAIM_COLUMNS, row))
        d["evidence"] = orjson.loads(d["evidence"])
        out.append(d)
    return out


def event_tallies(conn: Any) -> list[tuple]:
    """(type, first day, last day, events, persons arrested) for dated canonical events."""
    return _tuples(conn, "SELECT type, date_start, date_end, events, arrested FROM record_days")


def undated_events(conn: Any) -> int:
    return conn.execute("SELECT COUNT(*) FROM canonical_events WHERE date_start IS NULL").fetchone()[0]


def document_tallies(conn: Any) -> list[tuple]:
    """(publication day, outlet, documents) for documents with a publication date; the
    outlet is the site name of a web page, else the host of the document's URL (None
    when it has neither)."""
    rows: dict[tuple, int] = {}
    for day, outlet, url, n in _tuples(conn, "SELECT day, outlet, url, documents FROM record_documents"):
        key = (day, outlet or _host(url))
        rows[key] = rows.get(key, 0) + n
    return [(day, outlet, n) for (day, outlet), n in rows.items()]


def tallies_from_scratch(conn: Any) -> tuple[list[tuple], list[tuple]]:
    """(event rows, document rows) as :func:`event_tallies` and the documents' tallies give
    them, grouped from the canonical events and documents themselves (as schema 6 read them):
    what the rollups must always equal, for the tests and the bench."""
    events = [tuple(r) for r in conn.execute(
        "SELECT type, date_start, date_end, COUNT(*), COALESCE(SUM(arrested), 0) FROM canonical_events "
        "WHERE date_start IS NOT NULL AND date_end IS NOT NULL GROUP BY type, date_start, date_end")]
    docs: dict[tuple, int] = {}
    for day, outlet, url, n in conn.execute(
            "SELECT substr(published, 1, 10), outlet, CASE WHEN outlet IS NULL THEN url END, COUNT(*) "
            "FROM documents WHERE published IS NOT NULL GROUP BY 1, 2, 3"):
        key = (day, outlet or _host(url))
        docs[key] = docs.get(key, 0) + n
    return events, [(d, o, n) for (d, o), n in docs.items()]


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


# -- the claims' footing (claim_footing), for a page of checks (marsad.figures.paged) ----------
# a footing group: (metric, subset, first day, last day, figures, least and greatest low, least
# and greatest high, figures with a high, figures closed by their publication day, first claim id)
_GROUPS = ("SELECT metric, subset, first_day, last_day, count(*), min(low), max(low), min(high), max(high), "
           "count(high), sum(by_publication), min(claim_id) FROM claim_footing "
           "WHERE first_day IS NOT NULL AND last_day IS NOT NULL")
# a figure: ROW's columns (marsad.figures.report) then low, high, first day, last day, by publication
_FIGURES = ("SELECT f.claim_id, c.document_id, f.metric, c.value, c.qualifier, c.since, c.until, c.period, "
            "f.subset, f.source, c.evidence, d.published, d.url, f.low, f.high, f.first_day, f.last_day, "
            "f.by_publication FROM claim_footing f JOIN claims c ON c.id = f.claim_id "
            "LEFT JOIN claim_documents d ON d.claim_id = f.claim_id")
_KEYS_BATCH = 300


# the same groups as claim_groups keeps them (migration 13): read, not grouped
_KEPT_GROUPS = ("SELECT metric, first_subset, first_day, last_day, figures, min_low, max_low, min_high, max_high, "
                "highs, by_publication, first_id FROM claim_groups")


def footing_groups(conn: Any, metric: str | None = None, sources: list[str] | None = None) -> list[tuple]:
    """The placed claims by (metric, subset, period), as the comment above says (only those whose
    source is one of ``sources`` when given: grouped then; else read from claim_groups)."""
    if sources is None:
        # in no order: facts() sorts them (PostgreSQL would sort 22 k rows by four texts in 0.17 s)
        return _tuples(conn, _KEPT_GROUPS + (" WHERE metric = ?" if metric is not None else ""),
                       () if metric is None else (metric,))
    sql, params = _GROUPS, []
    if metric is not None:
        sql, params = sql + " AND metric = ?", [metric]
    if sources is not None:
        if not sources:
            return []
        sql += f" AND source IN ({', '.join('?' * len(sources))})"
        params += sources
    # in the order of the index claim_footing_groups: no sort before grouping
    return _tuples(conn, sql + " GROUP BY metric, first_day, last_day, subset", params)


def footing_sources(conn: Any, metric: str | None = None) -> list[str]:
    """The sources the claims name (each once)."""
    sql = "SELECT DISTINCT source FROM claim_footing WHERE source IS NOT NULL"
    return [r[0] for r in conn.execute(sql + (" AND metric = ?" if metric else ""), (metric,) if metric else ())]


def footing_figures(conn: Any, periods: list[tuple[str, str, str]] | None) -> list[tuple]:
    """The claims of the given (metric, first day, last day) periods (every claim when None) as
    figure rows (the comment above), in claim id order."""
    if periods is None:
        return _tuples(conn, _FIGURES + " ORDER BY f.claim_id")
    out: list[tuple] = []
    for i in range(0, len(periods), _KEYS_BATCH):
        batch = periods[i:i + _KEYS_BATCH]
        values = ", ".join("(?, ?, ?)" for _ in batch)
        out += _tuples(conn, f"WITH k (metric, first_day, last_day) AS (VALUES {values}) " + _FIGURES.replace(
            " FROM claim_footing f", " FROM k JOIN claim_footing f ON f.metric = k.metric AND "
            "f.first_day = k.first_day AND f.last_day = k.last_day"), [x for key in batch for x in key])
    return sorted(out)


class FootingReader:
    """The footing reads of one connection, as :mod:`marsad.figures.paged` asks for them."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def groups(self, metric: str | None, sources: list[str] | None = None) -> list[tuple]:
        return footing_groups(self.conn, metric, sources)

    def sources(self, metric: str | None) -> list[str]:
        return footing_sources(self.conn, metric)

    def figures(self, periods: list[tuple[str, str, str]] | None) -> list[tuple]:
        return footing_figures(self.conn, periods)
