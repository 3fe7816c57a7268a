"""The newest canonical events and figures matching the browse filters (the Atom feeds of
``marsad serve``).

An event is as new as its row: ``created_at`` is when resolution first wrote an event of
that id (a merge keeps the surviving id's time; an id that changes, when a report with a
smaller key joins, starts anew).
"""
from __future__ import annotations

import sqlite3
from typing import Any

from . import browse


def recent_events(conn: sqlite3.Connection, f: browse.Filters, limit: int = 50) -> list[dict[str, Any]]:
    """The ``limit`` events matching ``f`` created last, newest first: event dicts
    (:func:`marsad.store.browse.event_dicts`) with ``created_at`` and ``updated_at``."""
    where, params = browse.where_sql(conn, f)
    rows = conn.execute(
        "SELECT c.rowid AS rid, c.id, c.record, c.source_count, c.created_at, c.updated_at "
        f"FROM canonical_events c WHERE {' AND '.join(where) or '1'} "
        "ORDER BY c.created_at DESC, c.rowid DESC LIMIT ?", [*params, limit]).fetchall()
    events = browse.event_dicts(conn, rows)
    for event, row in zip(events, rows):
        event.update(created_at=row["created_at"], updated_at=row["updated_at"])
    return events


def recent_claims(conn: sqlite3.Connection, metric: str | None = None, source: str | None = None,
                  since: str | None = None, until: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The ``limit`` figures (claims) stored last matching the filters of ``/api/claims``,
    newest first: claim dicts (:func:`marsad.store.browse.claim_dicts`) with ``stored_at``
    (when their document was stored)."""
    where, params = browse.claim_where(conn, metric, source, since, until)
    rows = conn.execute(
        "SELECT c.*, d.published, d.url, d.outlet, d.ingested_at FROM claims c JOIN documents d "
        f"ON d.id = c.document_id WHERE {' AND '.join(where) or '1'} ORDER BY c.id DESC LIMIT ?",
        [*params, limit]).fetchall()
    claims = browse.claim_dicts(conn, rows)
    for claim, row in zip(claims, rows):
        claim["stored_at"] = row["ingested_at"]
    return claims
