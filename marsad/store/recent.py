"""The newest canonical events matching the browse filters (the Atom feed of ``marsad serve``).

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
