"""The claims' footing, stored (table claim_footing, marsad/store/migrations.py): each claim as
the figures check compares it (:mod:`marsad.figures.footing`), so that a page of checks is
grouped and counted in SQL and only the figures it shows are read.

Written with each claim (:func:`write_footing`); :func:`fill_footing` fills in the claims stored
before the table existed (or by a writer that bypassed :mod:`marsad.store.write`), and
:func:`footing_complete` tells a reader whether it may trust the table.
"""
from __future__ import annotations

from typing import Any

from ..figures.footing import period_days, value_interval

_INSERT = ("INSERT INTO claim_footing (claim_id, metric, subset, source, low, high, first_day, last_day, "
           "by_publication) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_CLAIMS = ("SELECT c.id, c.metric, c.subset, c.source, c.value, c.qualifier, c.period, c.since, c.until, "
           "d.published FROM claims c LEFT JOIN documents d ON d.id = c.document_id")
_BATCH = 5000


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
