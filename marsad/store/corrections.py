"""The analyst's corrections as a stack that can be undone, one at a time, newest first.

A correction (a merge, a split, an import of constraints) sets constraints between mention
keys (:mod:`marsad.store.canonical`). The ``corrections`` table keeps, for each pair of keys
it set, the kind it set and what the pair held before (nothing, or a kind and its time), so
that :func:`restore` puts every pair back as it was. Corrections are undone newest first, so
a pair two corrections set comes back to what the older one found. Corrections made before
schema version 9 are not in the table and cannot be undone (their constraints stay).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

KINDS = ("merge", "split", "import")
Pair = tuple[str, str]  # (key_a, key_b) with key_a < key_b, as resolution_constraints keys them


@dataclass
class Undone:
    """What :meth:`marsad.store.Store.undo` took back: the correction, the events now holding
    its mentions, and the revisions written by action."""

    correction: dict[str, Any]
    events: list[str]
    actions: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        c = self.correction
        done = ", ".join(f"{n} {a}" for a, n in self.actions.items() if n) or "nothing changed"
        return (f"undid correction {c['id']} ({c['kind']} of {', '.join(c['events']) or 'constraints'}, "
                f"{c['at']}): its mentions are now in {', '.join(self.events) or 'no event'}; {done}")


def pairs_of(rows: list[tuple[str, str, str]]) -> dict[Pair, str]:
    """``(a, b, kind)`` rows as ``{(smaller key, larger key): kind}`` (the last of a pair wins;
    a key paired with itself is left out)."""
    return {(min(a, b), max(a, b)): kind for a, b, kind in rows if a != b}


def record(conn: sqlite3.Connection, kind: str, events: list[str], pairs: dict[Pair, str], at: str) -> None:
    """Log a correction that is about to set ``pairs``, with what each pair holds now."""
    firsts = sorted({a for a, _ in pairs})
    seconds = sorted({b for _, b in pairs})
    held = {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
        "SELECT key_a, key_b, kind, created_at FROM resolution_constraints WHERE "
        "key_a IN (SELECT value FROM json_each(?)) AND key_b IN (SELECT value FROM json_each(?))",
        (json.dumps(firsts), json.dumps(seconds)))}
    rows = [[a, b, k, *held.get((a, b), (None, None))] for (a, b), k in sorted(pairs.items())]
    conn.execute("INSERT INTO corrections (at, kind, events, pairs) VALUES (?, ?, ?, ?)",
                 (at, kind, json.dumps(events, ensure_ascii=False), json.dumps(rows, ensure_ascii=False)))


def last_open(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The newest correction not undone, with its pairs; None when there is none."""
    row = conn.execute("SELECT id, at, kind, events, pairs, undone_at FROM corrections "
                       "WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else {**_public(row), "pairs": json.loads(row[4])}


def restore(conn: sqlite3.Connection, correction: dict[str, Any], at: str) -> list[str]:
    """Put back what the correction's pairs held before it and mark it undone (``correction``
    too); return the mention keys it named."""
    drop = [[a, b] for a, b, _, before, _ in correction["pairs"] if before is None]
    back = [(a, b, before, since) for a, b, _, before, since in correction["pairs"] if before is not None]
    conn.executemany("DELETE FROM resolution_constraints WHERE key_a = ? AND key_b = ?", drop)
    conn.executemany(
        "INSERT INTO resolution_constraints (key_a, key_b, kind, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(key_a, key_b) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at",
        back)
    conn.execute("UPDATE corrections SET undone_at = ? WHERE id = ?", (at, correction["id"]))
    correction["undone_at"] = at
    return sorted({k for a, b, *_ in correction["pairs"] for k in (a, b)})


def listing(conn: sqlite3.Connection, limit: int | None = None, undone: bool = True) -> list[dict[str, Any]]:
    """Corrections newest first (without their pairs; ``pairs`` is how many): ``undone=False``
    keeps only those that still hold."""
    sql = "SELECT id, at, kind, events, pairs, undone_at FROM corrections"
    if not undone:
        sql += " WHERE undone_at IS NULL"
    sql += " ORDER BY id DESC"
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_public(r) for r in conn.execute(sql, params)]


def _public(row: Any) -> dict[str, Any]:
    return {"id": row[0], "at": row[1], "kind": row[2], "events": json.loads(row[3]),
            "pairs": len(json.loads(row[4])), "undone_at": row[5]}
