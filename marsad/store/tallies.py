"""Aggregate rows for the figures check (:mod:`marsad.figures.record`): the record's events
and documents by day, small enough to hold in memory for any store."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def event_tallies(conn: Any) -> list[tuple]:
    """(type, first day, last day, events, persons arrested) for dated canonical events."""
    return [tuple(r) for r in conn.execute(
        "SELECT type, date_start, date_end, COUNT(*), COALESCE(SUM(arrested), 0) FROM canonical_events "
        "WHERE date_start IS NOT NULL AND date_end IS NOT NULL GROUP BY type, date_start, date_end")]


def undated_events(conn: Any) -> int:
    return conn.execute("SELECT COUNT(*) FROM canonical_events WHERE date_start IS NULL").fetchone()[0]


def document_tallies(conn: Any) -> list[tuple]:
    """(publication day, outlet, documents) for documents with a publication date; the
    outlet is the site name of a web page, else the host of the document's URL (None
    when it has neither)."""
    rows: dict[tuple, int] = {}
    for day, outlet, url, n in conn.execute(
            "SELECT substr(published, 1, 10), outlet, CASE WHEN outlet IS NULL THEN url END, COUNT(*) "
            "FROM documents WHERE published IS NOT NULL GROUP BY 1, 2, 3"):
        key = (day, outlet or _host(url))
        rows[key] = rows.get(key, 0) + n
    return [(day, outlet, n) for (day, outlet), n in rows.items()]


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
