"""The claims' footing, stored (table claim_footing, marsad/store/migrations.py): each claim as
the figures check compares it (:mod:`marsad.figures.footing`), so that a page of checks is
grouped and counted in SQL and only the figures it shows are read.

Written with each claim (:func:`write_footing`); :func:`fill_footing` fills in the claims stored
before the table existed (or by a writer that bypassed :mod:`marsad.store.write`), and
:func:`footing_complete` tells a reader whether it may trust the table.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from ..errors import StoreError
from ..figures.footing import period_days, value_interval

_INSERT = ("INSERT INTO claim_footing (claim_id, metric, subset, source, low, high, first_day, last_day, "
           "by_publication) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_CLAIMS = ("SELECT c.id, c.metric, c.subset, c.source, c.value, c.qualifier, c.period, c.since, c.until, "
           "d.published FROM claims c LEFT JOIN documents d ON d.id = c.document_id")
_BATCH = 5000
_KEYS = 300  # periods a query names


def footing_row(claim_id: int, metric: str, subset: str | None, source: str | None, value: int, qualifier: str,
                period: str | None, since: str | None, until: str | None, published: str | None) -> tuple:
    """The claim_footing row of a claim (its document published on ``published``)."""
    low, high = value_interval(int(value), qualifier)
    start, end, by_publication = period_days(period, since, until, published)
    return (claim_id, metric, subset, source, low, high, start.isoformat() if start else None,
            end.isoformat() if end else None, int(by_publication))


def write_footing(conn: Any, claim_id: int) -> None:
    """Store the footing of the claim just written."""
    row = conn.execute(_CLAIMS + " WHERE c.id = ?", (claim_id,)).fetchone()
    conn.execute(_INSERT, footing_row(*row))


def footing_complete(conn: Any) -> bool:
    """Whether every claim has its footing (rows go with their claims: ON DELETE CASCADE)."""
    return conn.execute("SELECT (SELECT count(*) FROM claims) = (SELECT count(*) FROM claim_footing)").fetchone()[0] \
        in (1, True)


def fill_footing(conn: Any) -> int:
    """Write the footing of every claim that has none, in the caller's transaction; how many."""
    rows = conn.execute(_CLAIMS + " WHERE NOT EXISTS (SELECT 1 FROM claim_footing f WHERE f.claim_id = c.id)"
                        ).fetchall()
    for i in range(0, len(rows), _BATCH):
        conn.executemany(_INSERT, [footing_row(*r) for r in rows[i:i + _BATCH]])
    return len(rows)


def data_version(conn: Any) -> int:
    """The store's version (browse_meta.version): it moves on with any change of events or documents."""
    return conn.execute("SELECT version FROM browse_meta").fetchone()[0]


def record_totals(conn: Any, version: int, periods: list[tuple[str, str, str]]) -> dict[tuple, tuple]:
    """{(metric, first day, last day): (count, documents, outlets, months)} kept at ``version``
    for those of ``periods`` it holds."""
    out: dict[tuple, tuple] = {}
    for i in range(0, len(periods), _KEYS):
        batch = periods[i:i + _KEYS]
        rows = conn.execute(
            f"WITH k (metric, first_day, last_day) AS (VALUES {', '.join('(?, ?, ?)' for _ in batch)}) "
            "SELECT t.metric, t.first_day, t.last_day, t.count, t.documents, t.outlets, t.months FROM k "
            "JOIN record_totals t ON t.metric = k.metric AND t.first_day = k.first_day AND t.last_day = k.last_day "
            "WHERE t.version = ?", [*(x for p in batch for x in p), version]).fetchall()
        out.update({tuple(r[:3]): tuple(r[3:]) for r in rows})
    return out


def keep_record_totals(conn: Any, version: int, totals: dict[tuple, tuple]) -> None:
    """Store ``totals`` (as :func:`record_totals` gives them) for ``version``, in the caller's transaction."""
    conn.executemany(
        "INSERT INTO record_totals (metric, first_day, last_day, version, count, documents, outlets, months) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (metric, first_day, last_day) DO UPDATE SET "
        "version = excluded.version, count = excluded.count, documents = excluded.documents, "
        "outlets = excluded.outlets, months = excluded.months",
        [(*k, version, *v) for k, v in totals.items()])


class KeptTotals:
    """:func:`record_totals` and :func:`keep_record_totals` at the store's current version, as
    :func:`marsad.figures.paged.page_json` asks for them; ``write`` runs a write transaction."""

    def __init__(self, conn: Any, write: Callable[[], Any]) -> None:
        self.conn, self.write, self.version = conn, write, None

    def get(self, periods: list[tuple[str, str, str]]) -> tuple[dict[tuple, tuple], int]:
        self.version = data_version(self.conn)
        undated = self.conn.execute("SELECT COUNT(*) FROM canonical_events WHERE date_start IS NULL").fetchone()[0]
        return record_totals(self.conn, self.version, periods), undated

    def keep(self, totals: dict[tuple, tuple]) -> None:
        try:
            with self.write():
                keep_record_totals(self.conn, self.version, totals)
        except (sqlite3.Error, StoreError):
            pass  # a store that cannot be written now: the counts are worked out again next time
