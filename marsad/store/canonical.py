"""Canonical events in the store: one per real-world operation, from the mentions of many documents.

:class:`CanonicalMixin` gives :class:`marsad.store.Store` its resolution methods:

- :meth:`~CanonicalMixin.resolve` groups stored mentions with :func:`marsad.resolve.resolve`
  and the stored analyst constraints, chooses each group's record
  (:mod:`marsad.canonical`) and writes only the events that changed, each with a
  revision (:mod:`marsad.store.revisions`). Given document ids it resolves their
  *neighbourhood* (:func:`marsad.store.neighbours.neighbourhood`: every mention they
  could be grouped with, closed under links, must-links and current groups), which
  gives the same groups as resolving the whole store; so the groups and ids depend only
  on the stored mentions and constraints, never on the order documents came in — up to
  the bounds that keep a neighbourhood small in a crowded town and month
  (:mod:`marsad.store.neighbours`; ``marsad resolve`` groups everything exactly).
  Mentions never resolved (stored by a writer that did not call it) are resolved
  along; without ids it resolves everything.
- :meth:`~CanonicalMixin.merge` and :meth:`~CanonicalMixin.split` record analyst
  constraints between mention keys (``"<document id>#<ordinal>"``, stable across
  re-ingestion) and resolve the events they touch again; the constraints hold for every
  later resolution, and :meth:`~CanonicalMixin.constraints` /
  :meth:`~CanonicalMixin.add_constraints` carry them to another store.
- :meth:`~CanonicalMixin.undo` takes back the newest correction (merge, split or import)
  not yet undone (:mod:`marsad.store.corrections` keeps them as a stack).

A canonical event's id is :func:`marsad.resolve.canonical_id` of its group: it is kept
as long as the group's smallest mention key stays in it. Near-duplicate copies add
sources to their original's events, not mentions. Every method writes in one transaction.
Stored groups and the blocking index follow the resolution rules of the time they were
written: after changing :mod:`marsad.resolve`, resolve everything (``marsad resolve``).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..canonical import canonical_record
from ..errors import InputError, NotFoundError, StoreError
from ..resolve import Constraints, canonical_id, resolve
from . import canonical_queries, corrections, neighbours, revisions
from .dates import date_bounds
from .neighbours import StoredMention

CONSTRAINT_KINDS = ("must_link", "cannot_link")
# When more than this share of the stored mentions was never resolved, resolving them
# all at once is faster than growing a neighbourhood around each.
FULL_RESOLUTION_SHARE = 0.5
_FILTER_FIELDS = ("places", "affiliation", "agencies")


@dataclass
class ResolveSummary:
    """What a resolution did: mentions and events looked at, and revisions written by action."""

    mentions: int = 0
    events: int = 0
    actions: dict[str, int] = field(default_factory=dict)
    full: bool = False
    created: list[str] = field(default_factory=list)  # ids of the events it created (new operations)

    def __str__(self) -> str:
        done = ", ".join(f"{n} {a}" for a, n in self.actions.items() if n) or "nothing changed"
        scope = "" if self.full else " (neighbourhood)"
        mentions = f"{self.mentions} mention{'s' * (self.mentions != 1)}"
        events = f"{self.events} event{'s' * (self.events != 1)}"
        return f"resolved {mentions} into {events}{scope}: {done}"


class CanonicalMixin:
    """Canonical event methods of :class:`marsad.store.Store` (needs ``conn``, ``path``, ``_transaction``)."""

    conn: sqlite3.Connection
    path: str

    # -- resolution ----------------------------------------------------------------------

    def resolve(self, document_ids: Iterable[str] | None = None) -> ResolveSummary:
        """Resolve the mentions of these documents (copies: of their originals) with their
        neighbourhood, or every stored mention when ``document_ids`` is None."""
        with self._store_call("resolve events in"):
            if document_ids is None:
                return self._resolve_all("resolver")
            return self._resolve_seeds(self._document_mentions(list(document_ids)), "resolver")

    def resolve_pending(self) -> ResolveSummary:
        """Resolve the mentions never resolved (documents stored without :meth:`resolve`,
        e.g. by the crawler), with their neighbourhoods."""
        return self.resolve([])

    def merge(self, canonical_ids: Iterable[str]) -> str:
        """Make these canonical events one (a must-link between their mentions); return its id."""
        ids = list(dict.fromkeys(canonical_ids))
        if len(ids) < 2:
            raise InputError("merge needs two different canonical event ids")
        with self._store_call("merge events in"):
            keys = {cid: self._member_keys(cid) for cid in ids}
            self._correct("merge", ids, [(x, y, "must_link") for i, a in enumerate(ids) for b in ids[i + 1:]
                                         for x in keys[a] for y in keys[b]])
            self._resolve_seeds(neighbours.ids_of_keys(self.conn, _flat(keys.values())), "analyst")
            return self._event_of(keys[ids[0]][0])

    def split(self, canonical_id_: str, mention_keys: Iterable[str]) -> tuple[str, str]:
        """Take these mentions out of the event into an event of their own (a cannot-link to
        every other mention of it, a must-link among them); return ``(rest id, split id)``.

        The split mentions may still join another event they link to. InputError when a
        key is not a mention of the event, or when all of them would leave."""
        wanted = list(dict.fromkeys(mention_keys))
        with self._store_call("split an event in"):
            members = self._member_keys(canonical_id_)
            strangers = [k for k in wanted if k not in members]
            if strangers or not wanted:
                raise InputError(f"not mentions of {canonical_id_}: {', '.join(strangers) or 'none given'}; "
                                 f"its mentions are {', '.join(members)}")
            rest = [k for k in members if k not in wanted]
            if not rest:
                raise InputError(f"cannot split every mention out of {canonical_id_}")
            self._correct("split", [canonical_id_],
                          [(a, b, "cannot_link") for a in wanted for b in rest]
                          + [(a, b, "must_link") for i, a in enumerate(wanted) for b in wanted[i + 1:]])
            self._resolve_seeds(neighbours.ids_of_keys(self.conn, members), "analyst")
            return self._event_of(rest[0]), self._event_of(wanted[0])

    def undo(self) -> corrections.Undone:
        """Take back the newest correction (merge, split or import) not yet undone: its
        constraints go back to what they were before it and its mentions are resolved
        again (the revision log says what changed, by ``analyst``). InputError when there is
        nothing to undo."""
        with self._store_call("undo a correction in"):
            last = corrections.last_open(self.conn)
            if last is None:
                raise InputError("no correction to undo (merges, splits and imported constraints "
                                 "can be undone, newest first)")
            keys = corrections.restore(self.conn, last, revisions.now())
            summary = self._resolve_seeds(neighbours.ids_of_keys(self.conn, keys), "analyst")
            events = sorted({e for e in map(self._event_of, keys) if e})
            last["pairs"] = len(last["pairs"])
            return corrections.Undone(last, events, summary.actions)

    def corrections(self, limit: int | None = None, undone: bool = True) -> list[dict[str, Any]]:
        """The corrections, newest first (see :func:`marsad.store.corrections.listing`)."""
        with self._store_call("read", transaction=False):
            return corrections.listing(self.conn, limit, undone)

    def constraints(self) -> list[dict[str, str]]:
        """Every analyst constraint: ``{"a": key, "b": key, "kind": must_link|cannot_link}``."""
        with self._store_call("read constraints from", transaction=False):
            return [{"a": a, "b": b, "kind": k} for a, b, k in self.conn.execute(
                "SELECT key_a, key_b, kind FROM resolution_constraints ORDER BY key_a, key_b")]

    def add_constraints(self, rows: Iterable[dict[str, str]]) -> ResolveSummary:
        """Store constraints (as :meth:`constraints` lists them) and resolve the mentions they name."""
        rows = list(rows)
        for row in rows:
            if row.get("kind") not in CONSTRAINT_KINDS or not row.get("a") or not row.get("b"):
                raise InputError(f"bad constraint {row!r}: need a, b and kind must_link or cannot_link")
        with self._store_call("store constraints in"):
            self._correct("import", [], [(r["a"], r["b"], r["kind"]) for r in rows])
            seeds = neighbours.ids_of_keys(self.conn, _flat((r["a"], r["b"]) for r in rows))
            return self._resolve_seeds(seeds, "analyst")

    # -- reading -------------------------------------------------------------------------

    def canonical_events(self, type: str | None = None, since: str | None = None,
                         until: str | None = None, place: str | None = None, org: str | None = None,
                         agency: str | None = None, background: bool | None = None,
                         limit: int | None = None, exact: bool | None = None) -> list[dict[str, Any]]:
        """Canonical events matching all filters, as :meth:`events` filters mentions (see
        :func:`marsad.store.canonical_queries.canonical_events`)."""
        with self._store_call("read", transaction=False):
            return canonical_queries.canonical_events(
                self.conn, type=type, since=since, until=until, place=place, org=org,
                agency=agency, background=background, limit=limit, exact=exact)

    def event_batches(self, filters: Any = None, sort: str = "date",
                      batch: int = 1000) -> Iterator[list[dict[str, Any]]]:
        """Canonical events matching ``filters`` (a :class:`marsad.store.browse.Filters`: the
        API's, more than :meth:`canonical_events` takes) as the API's event dicts, ``batch`` at
        a time in ``sort`` order, read in one transaction (the exports)."""
        from . import browse
        with self._store_call("read", transaction=False):
            self.conn.execute("BEGIN")
            try:
                yield from browse.iter_events(self.conn, filters or browse.Filters(), sort, batch)
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")

    def events_by_id(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The API's event dicts (:func:`marsad.store.browse.event_dicts`) of these canonical
        events, in the order given; ids no longer stored are left out."""
        from . import browse
        wanted = list(dict.fromkeys(ids))
        with self._store_call("read", transaction=False):
            rows = {r["id"]: r for r in self.conn.execute(
                "SELECT id, record, source_count FROM canonical_events WHERE id IN "
                "(SELECT value FROM json_each(?))", (json.dumps(wanted),))}
            return browse.event_dicts(self.conn, [rows[i] for i in wanted if i in rows])

    def canonical_event(self, canonical_id_: str) -> dict[str, Any]:
        """One canonical event with its mentions; NotFoundError when absent."""
        with self._store_call("read", transaction=False):
            return canonical_queries.canonical_event(self.conn, canonical_id_)

    def revisions(self, since: str | None = None, event: str | None = None,
                  limit: int | None = None) -> list[dict[str, Any]]:
        """The revision log, oldest first (see :func:`marsad.store.revisions.revisions`)."""
        with self._store_call("read", transaction=False):
            return revisions.revisions(self.conn, since=since, event=event, limit=limit)

    def unresolved(self) -> int:
        """How many stored mentions belong to no canonical event (``marsad resolve`` fixes it)."""
        with self._store_call("read", transaction=False):
            return self._unresolved()

    # -- internals -----------------------------------------------------------------------

    @contextmanager
    def _store_call(self, what: str, transaction: bool = True) -> Iterator[None]:
        """A transaction (when asked) in which SQLite errors become StoreError."""
        try:
            if transaction:
                with self._transaction():  # type: ignore[attr-defined]
                    yield
            else:
                yield
        except sqlite3.Error as e:
            raise StoreError(f"cannot {what} {self.name}: {e}") from e

    def _resolve_seeds(self, seeds: set[int], who: str) -> ResolveSummary:
        """Resolve around ``seeds`` and every mention never resolved (stored by another
        writer, or before schema version 4); everything when those are most of the store."""
        fresh = self._unresolved_among(seeds)
        if self._unresolved() > len(fresh):
            fresh = [r[0] for r in self.conn.execute(
                "SELECT e.id FROM event_mentions e WHERE NOT EXISTS "
                "(SELECT 1 FROM canonical_members m WHERE m.mention_id = e.id)")]
            total = self.conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
            if len(fresh) > FULL_RESOLUTION_SHARE * total:
                return self._resolve_all(who)
        neighbours.index_mentions(self.conn, neighbours.load(self.conn, fresh).values())
        return self._resolve_around(set(seeds) | set(fresh), who)

    def _resolve_all(self, who: str) -> ResolveSummary:
        ids = [r[0] for r in self.conn.execute("SELECT id FROM event_mentions")]
        mentions = neighbours.load(self.conn, ids)
        self.conn.execute("DELETE FROM mention_blocks")
        neighbours.index_mentions(self.conn, mentions.values())
        old = [r[0] for r in self.conn.execute("SELECT id FROM canonical_events")]
        summary = self._apply(mentions, old, who)
        summary.full = True
        return summary

    def _resolve_around(self, seeds: Iterable[int], who: str) -> ResolveSummary:
        stale = [r[0] for r in self.conn.execute("SELECT id FROM canonical_events WHERE stale")]
        seeds = set(seeds) | {r[0] for r in self.conn.execute(
            "SELECT mention_id FROM canonical_members WHERE canonical_id IN "
            "(SELECT value FROM json_each(?))", (json.dumps(stale),))}
        mentions = neighbours.neighbourhood(self.conn, seeds)
        old = stale + [r[0] for r in self.conn.execute(
            "SELECT DISTINCT canonical_id FROM canonical_members WHERE mention_id IN "
            "(SELECT value FROM json_each(?))", (json.dumps(list(mentions)),))]
        return self._apply(mentions, old, who)

    def _apply(self, mentions: dict[int, StoredMention], old_ids: list[str], who: str) -> ResolveSummary:
        """Resolve ``mentions`` (a closed set) and replace the events ``old_ids`` with the result."""
        by_key = {s.key: s for s in mentions.values()}
        groups = resolve([s.mention for s in mentions.values()], self._constraints_among(by_key))
        sources = self._sources({s.record["document_id"] for s in mentions.values()})
        new = {}
        for group in groups:
            cid = canonical_id(group)
            records = [by_key[m.key].record for m in group]
            docs = dict.fromkeys(r["document_id"] for r in records)
            new[cid] = {"id": cid, **canonical_record(records, [s for d in docs for s in sources.get(d, [])])}
        old = self._records(old_ids)
        changes = revisions.diff(old, new)
        at = revisions.now()
        for change in changes:
            if change.action != "deleted":
                self._write_event(new[change.canonical_id], at)
        self._write_members({s.id: new_id for new_id, rec in new.items() for s in
                             (by_key[k] for k in rec["mention_keys"])})
        gone = [c.canonical_id for c in changes if c.action == "deleted"]
        self.conn.execute("DELETE FROM canonical_events WHERE id IN (SELECT value FROM json_each(?))",
                          (json.dumps(gone),))
        self.conn.execute("UPDATE canonical_events SET stale = 0 WHERE id IN "
                          "(SELECT value FROM json_each(?))", (json.dumps(list(new)),))
        revisions.write(self.conn, changes, at, who)
        counts = {a: sum(c.action == a for c in changes) for a in revisions.ACTIONS}
        return ResolveSummary(len(mentions), len(new), counts,
                              created=[c.canonical_id for c in changes if c.action == "created"])

    def _write_event(self, record: dict[str, Any], at: str) -> None:
        # the filters' columns hold the interval the event is known to lie in, dated or not
        start, end = record.get("date_earliest"), record.get("date_latest")
        self.conn.execute(
            "INSERT INTO canonical_events (id, type, background, date, date_start, date_end, "
            "source_count, record, stale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET type = excluded.type, background = excluded.background, "
            "date = excluded.date, date_start = excluded.date_start, date_end = excluded.date_end, "
            "source_count = excluded.source_count, record = excluded.record, stale = 0, "
            "updated_at = excluded.updated_at",
            (record["id"], record["type"], int(record["background"]), record["date"], start, end,
             len(record["sources"]), json.dumps(record, ensure_ascii=False), at, at))
        self.conn.execute("DELETE FROM canonical_values WHERE canonical_id = ?", (record["id"],))
        self.conn.executemany(
            "INSERT OR IGNORE INTO canonical_values (canonical_id, field, value) VALUES (?, ?, ?)",
            [(record["id"], f, v) for f in _FILTER_FIELDS for v in record[f]])

    def _write_members(self, assignment: dict[int, str]) -> None:
        current = dict(self.conn.execute(
            "SELECT mention_id, canonical_id FROM canonical_members WHERE mention_id IN "
            "(SELECT value FROM json_each(?))", (json.dumps(list(assignment)),)).fetchall())
        self.conn.executemany(
            "INSERT INTO canonical_members (mention_id, canonical_id) VALUES (?, ?) "
            "ON CONFLICT(mention_id) DO UPDATE SET canonical_id = excluded.canonical_id",
            [(m, c) for m, c in assignment.items() if current.get(m) != c])

    def _records(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        return {r[0]: json.loads(r[1]) for r in self.conn.execute(
            "SELECT id, record FROM canonical_events WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(dict.fromkeys(ids))),))}

    def _sources(self, document_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
        """Each document and its near-duplicate copies, by original document id."""
        out: dict[str, list[dict[str, Any]]] = {}
        for r in self.conn.execute(
                "SELECT id, outlet, url, lang, published, copy_of, ingested_at FROM documents WHERE id IN "
                "(SELECT value FROM json_each(?1)) OR copy_of IN (SELECT value FROM json_each(?1))",
                (json.dumps(sorted(document_ids)),)):
            out.setdefault(r["copy_of"] or r["id"], []).append(
                {"document_id": r["id"], "outlet": r["outlet"], "url": r["url"], "lang": r["lang"],
                 "published": r["published"], "ingested_at": r["ingested_at"]})
        return out

    def _constraints_among(self, keys: dict[str, Any]) -> Constraints:
        out = Constraints()
        for a, b, kind in self.conn.execute(
                "SELECT key_a, key_b, kind FROM resolution_constraints WHERE key_a IN "
                "(SELECT value FROM json_each(?1)) AND key_b IN (SELECT value FROM json_each(?1))",
                (json.dumps(list(keys)),)):
            getattr(out, kind).add(frozenset((a, b)))
        return out

    def _correct(self, kind: str, events: list[str], rows: list[tuple[str, str, str]]) -> None:
        """Set the constraints ``(key, key, kind)`` as one correction :meth:`undo` can take back."""
        pairs = corrections.pairs_of(rows)
        corrections.record(self.conn, kind, events, pairs, revisions.now())
        for constraint in CONSTRAINT_KINDS:
            self._constrain([p for p, k in pairs.items() if k == constraint], constraint)

    def _constrain(self, pairs: list[tuple[str, str]], kind: str) -> None:
        at = revisions.now()
        self.conn.executemany(
            "INSERT INTO resolution_constraints (key_a, key_b, kind, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key_a, key_b) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at",
            [(min(a, b), max(a, b), kind, at) for a, b in pairs if a != b])

    def _document_mentions(self, document_ids: list[str]) -> set[int]:
        """Mentions of these documents, or of their originals for near-duplicate copies."""
        return {r[0] for r in self.conn.execute(
            "SELECT e.id FROM event_mentions e WHERE e.document_id IN (SELECT value FROM json_each(?1)) "
            "OR e.document_id IN (SELECT copy_of FROM documents WHERE id IN (SELECT value FROM json_each(?1)))",
            (json.dumps(document_ids),))}

    def _unresolved(self) -> int:
        """Mentions in no canonical event, from the counts triggers keep (schema version 6)."""
        return self.conn.execute("SELECT mentions - members FROM mention_counts").fetchone()[0]

    def _unresolved_among(self, ids: set[int]) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT value FROM json_each(?) WHERE NOT EXISTS (SELECT 1 FROM canonical_members m "
            "WHERE m.mention_id = value)", (json.dumps(sorted(ids)),))]

    def _member_keys(self, canonical_id_: str) -> list[str]:
        row = self.conn.execute("SELECT record FROM canonical_events WHERE id = ?",
                                (canonical_id_,)).fetchone()
        if row is None:
            raise NotFoundError(f"no canonical event with id {canonical_id_!r}; "
                                "`marsad events` lists them")
        return json.loads(row[0])["mention_keys"]

    def _event_of(self, key: str) -> str:
        ids = neighbours.ids_of_keys(self.conn, [key])
        row = self.conn.execute("SELECT canonical_id FROM canonical_members WHERE mention_id = ?",
                                (min(ids),)).fetchone() if ids else None
        return row[0] if row else ""


def _flat(groups: Iterable[Iterable[str]]) -> list[str]:
    return [k for g in groups for k in g]
