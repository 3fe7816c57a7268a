"""The revision log of canonical events: what changed, when, and who made it change.

:func:`diff` compares the canonical records of a resolved neighbourhood before and
after and names each change:

- ``created``: a new event whose mentions belonged to no event before;
- ``merged``: an event whose mentions come from two or more former events;
- ``split``: an event that lost surviving mentions to another event, or a new event
  made of mentions taken from one former event that lives on;
- ``updated``: any other change of the record (a new mention, a new source, a chosen
  value); an event whose id changed (a mention with a smaller key joined) is an update
  of the former id's record, which gets ``deleted`` with ``into`` naming the new id;
- ``deleted``: a former event none of whose id survives.

``changes`` is ``{"before": {field: value}, "after": {field: value}}`` with the
fields that differ (all of them for created and deleted events), plus ``from`` (the
former event ids, for merges, splits and renames) or ``into`` (for deletions).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..errors import InputError

ACTIONS = ("created", "updated", "merged", "split", "deleted")


@dataclass
class Change:
    """One revision to write: an event, what happened to it and the fields that changed."""

    canonical_id: str
    action: str
    changes: dict[str, Any] = field(default_factory=dict)


def now() -> str:
    """The current UTC time as stored in the log: ``YYYY-MM-DDTHH:MM:SS.ffffffZ``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(value: str, name: str = "--since") -> str:
    """A user's date or time as a stored timestamp (UTC; a naive time is taken as UTC)."""
    try:
        t = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"invalid {name} timestamp {value!r}: use YYYY-MM-DD or "
                         "YYYY-MM-DDTHH:MM:SSZ (UTC)") from None
    if t.tzinfo is not None:
        t = t.astimezone(timezone.utc).replace(tzinfo=None)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[Change]:
    """The changes from ``old`` to ``new`` records (both ``{canonical id: record}``), by id."""
    old_of = {k: cid for cid, rec in old.items() for k in rec["mention_keys"]}
    new_of = {k: cid for cid, rec in new.items() for k in rec["mention_keys"]}
    out = []
    for cid in sorted(new):
        record = _plain(new[cid])
        came_from = sorted({old_of[k] for k in record["mention_keys"] if k in old_of})
        base = old.get(cid) or (old[came_from[0]] if len(came_from) == 1 else None)
        if base is not None and _plain(base) == record:
            continue
        action = _action(cid, came_from, old, new_of)
        changes = _fields(base or {}, record)
        if came_from and came_from != [cid]:
            changes["from"] = came_from
        out.append(Change(cid, action, changes))
    for cid in sorted(set(old) - set(new)):
        into = sorted({new_of[k] for k in old[cid]["mention_keys"] if k in new_of})
        out.append(Change(cid, "deleted", {"before": old[cid], "after": {}, "into": into}))
    return out


def _action(cid: str, came_from: list[str], old: dict[str, dict], new_of: dict[str, str]) -> str:
    if not came_from:
        return "created"
    if len(came_from) > 1:
        return "merged"
    left = [k for k in old[came_from[0]]["mention_keys"] if k in new_of and new_of[k] != cid]
    return "split" if left else "updated"


def _fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    names = [k for k in dict.fromkeys([*after, *before]) if before.get(k) != after.get(k)]
    return {"before": {k: before[k] for k in names if k in before},
            "after": {k: after[k] for k in names if k in after}}


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """The record as it reads back from JSON (lists, string keys)."""
    return json.loads(json.dumps(record, ensure_ascii=False))


def write(conn: sqlite3.Connection, changes: list[Change], at: str, who: str) -> None:
    conn.executemany(
        "INSERT INTO canonical_revisions (canonical_id, at, action, changes, who) VALUES (?, ?, ?, ?, ?)",
        [(c.canonical_id, at, c.action, json.dumps(c.changes, ensure_ascii=False), who)
         for c in changes])


def revisions(conn: sqlite3.Connection, since: str | None = None, event: str | None = None,
              limit: int | None = None) -> list[dict[str, Any]]:
    """Logged revisions, oldest first; ``since`` (a date or time, UTC) is inclusive."""
    where, params = [], []
    if since is not None:
        where.append("at >= ?")
        params.append(parse_timestamp(since))
    if event is not None:
        where.append("canonical_id = ?")
        params.append(event)
    sql = ("SELECT id, canonical_id, at, action, who, changes FROM canonical_revisions"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [{"id": r[0], "event": r[1], "at": r[2], "action": r[3], "who": r[4],
             "changes": json.loads(r[5])} for r in conn.execute(sql, params)]
