"""The store: documents, event mentions, claims, places and a search index, in a SQLite
file or a PostgreSQL database (:mod:`marsad.store.pg`).

``Store(path)`` opens (and with ``create=True`` creates) the database, turns on
WAL and foreign keys and applies pending migrations. :meth:`Store.add` writes
one document with its record in one transaction; the query methods return plain
dicts (see :mod:`marsad.store.queries`).

Any number of processes may write one database at once: every write is one
``BEGIN IMMEDIATE`` transaction (the write lock is taken first, others wait while
it is held: :mod:`marsad.store.locking`; on PostgreSQL an advisory lock), and what a
document becomes (added, unchanged, a copy, updated) is decided inside that
transaction, never from a read made before it.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import NoDatabaseError, RecordError, StoreError
from ..models import Document, Record
from . import footing, kept_totals, pg, queries, tallies, write
from .canonical import CanonicalMixin
from .copies import CopiesMixin, write_sketch
from .fetches import FetchesMixin
from .locking import BUSY_TIMEOUT_S, begin_write, retry_busy
from .migrations import migrate, migrate_pg


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add` did with a document.

    ``status``: ``added`` (new), ``unchanged`` (this id already holds this text),
    ``copy`` (another stored article has the same or nearly the same text: the document
    is stored as a copy of ``copy_of``, a source of its record, see
    :mod:`marsad.store.copies`), ``updated`` (the id was stored with another text,
    which this one replaced). ``document_id`` is the document's own id.
    """

    status: Literal["added", "unchanged", "copy", "updated"]
    document_id: str
    events: int = 0
    claims: int = 0
    copy_of: str | None = None


class Store(FetchesMixin, CopiesMixin, CanonicalMixin):
    """A marsad database: a SQLite file, or a PostgreSQL database named by a
    ``postgresql://`` DSN (:mod:`marsad.store.pg`: the same queries through an adapter, created
    when missing). Use as a context manager or call :meth:`close`.

    The crawl state methods (``fetch_state``, ``record_fetch`` …) come from
    :class:`marsad.store.fetches.FetchesMixin`; canonical events (``resolve``,
    ``canonical_events``, ``merge``, ``split``, ``revisions`` …) from
    :class:`marsad.store.canonical.CanonicalMixin`. :meth:`add` stores mentions;
    :meth:`resolve` groups them into canonical events.

    Raises NoDatabaseError when ``create`` is false and ``path`` does not exist,
    StoreError when the file is not a marsad database or cannot be migrated.
    """

    def __init__(self, path: str | Path = "marsad.db", create: bool = True) -> None:
        self.path = str(path)
        self._places: dict[str, Any] | None = None
        self.dialect = "postgresql" if pg.is_dsn(self.path) else "sqlite"
        if self.dialect == "postgresql":
            self._open_pg(create)
            return
        if not create and self.path != ":memory:" and not Path(self.path).exists():
            raise NoDatabaseError(f"no database at {self.name}; run `marsad ingest` first")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None,
                                        timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open {self.name}: {e}") from e
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            retry_busy(lambda: self.conn.execute("PRAGMA journal_mode = WAL"))
            migrate(self.conn, self.path)
        except (sqlite3.Error, StoreError) as e:
            self.conn.close()
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"cannot open {self.name} as a marsad database: {e}") from e

    def _open_pg(self, create: bool) -> None:
        """Connect to a PostgreSQL database (created when missing and ``create``) and migrate it."""
        name = pg.redact(self.path)
        try:
            self.conn = pg.PgConnection(self.path, create=create)
        except ImportError as e:
            raise StoreError(f"cannot open {name}: PostgreSQL needs psycopg "
                             "(pip install 'marsad[postgresql]')") from e
        except sqlite3.Error as e:
            if not create and "does not exist" in str(e):
                raise NoDatabaseError(f"no database at {name}; run `marsad ingest` first") from e
            raise StoreError(f"cannot open {name}: {e}") from e
        try:
            migrate_pg(self.conn, name, create=create)
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def name(self) -> str:
        """The database as messages name it (a DSN without its password)."""
        return pg.redact(self.path)

    def close(self) -> None:
        self.conn.close()

    # -- writing -------------------------------------------------------------------------

    def find_duplicate(self, doc: Document) -> str | None:
        """Id of a stored document with the same text (after normalization), or None."""
        row = self.conn.execute("SELECT id FROM documents WHERE text_hash = ?",
                                (write.text_hash(doc.text),)).fetchone()
        return row[0] if row else None

    def text_hashes(self) -> list[str]:
        """The text hash of every stored document (what a rerun of a batch need not extract)."""
        return self._read(lambda conn: [r[0] for r in conn.execute("SELECT text_hash FROM documents")])

    def add(self, doc: Document, record: Record) -> AddResult:
        """Store ``doc`` and its ``record`` in one transaction (see :class:`AddResult`).

        Re-adding a stored text changes nothing; the same or nearly the same text under
        another id is stored as a copy (``record`` unused). On any error nothing of this
        document is written; StoreError wraps SQLite errors, others propagate.
        """
        result = self._add(doc, record)
        assert result is not None  # a record was given
        return result

    def add_document(self, doc: Document, make_record: Callable[[Document], Record]) -> AddResult:
        """Like :meth:`add`, calling ``make_record(doc)`` for the record only when the text is new.

        A stored text (unchanged) or a copy is told before extraction, outside the write
        lock; the decision is taken again inside it (another process may have stored the
        text meanwhile), so the record is made outside any transaction and possibly
        unused. RecordError when ``make_record`` raises; StoreError as :meth:`add`.
        """
        status, _ = self._classify(doc)
        record = None
        while True:
            if status == "new" and record is None:
                try:
                    record = make_record(doc)
                except Exception as e:
                    raise RecordError(str(e)) from e
            result = self._add(doc, record)
            if result is not None:
                return result
            status = "new"  # no longer a copy: the stored original went meanwhile

    def _add(self, doc: Document, record: Record | None) -> AddResult | None:
        """:meth:`add`; None, writing nothing, when the text is new and ``record`` is None."""
        try:
            with self._transaction():
                status, original = self.classify(doc)
                if status == "unchanged":
                    return AddResult("unchanged", doc.id)
                if status == "copy":
                    self._insert_copy(doc, original, doc.outlet)
                    return AddResult("copy", doc.id, copy_of=original)
                if record is None:
                    return None
                existed = self.has_document(doc.id)
                if existed:
                    write.delete_document(self.conn, doc.id)
                counts = write.write_document(self.conn, doc, record, self._gazetteer(record))
                write_sketch(self.conn, doc.id, doc.text)
        except sqlite3.Error as e:
            raise StoreError(f"cannot store document {doc.id!r}: {e}") from e
        return AddResult("updated" if existed else "added", doc.id, *counts)

    def _classify(self, doc: Document) -> tuple[str, str | None]:
        try:
            return self.classify(doc)
        except sqlite3.Error as e:
            raise StoreError(f"cannot store document {doc.id!r}: {e}") from e

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        begin_write(self.conn)
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:  # SQLite may have rolled back already
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _gazetteer(self, record: Record) -> dict[str, Any]:
        """Gazetteer entries for the record's places.

        Empty when ``marsad.places`` or its data files are missing: the place rows are
        then stored with null names and coordinates, and filled in by a later add.
        """
        if self._places is None:
            try:
                from ..places import load_places
                self._places = load_places()
            except (ImportError, OSError):
                self._places = {}
        return {p: self._places[p] for e in record.events for p in e.places
                if p in self._places}

    # -- reading -------------------------------------------------------------------------

    def _read(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return query(self.conn, *args, **kwargs)
        except sqlite3.Error as e:
            raise StoreError(f"cannot read {self.name}: {e}") from e

    def events(self, type: str | None = None, since: str | None = None,
               until: str | None = None, place: str | None = None, org: str | None = None,
               agency: str | None = None, background: bool | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Event mentions matching all filters (see :func:`queries.events`)."""
        return self._read(queries.events, type=type, since=since, until=until, place=place,
                          org=org, agency=agency, background=background, limit=limit)

    def event(self, event_id: int) -> dict[str, Any]:
        """One event mention; NotFoundError when absent."""
        return self._read(queries.event, event_id)

    def claims(self, metric: str | None = None, source: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Claims matching the filters (see :func:`queries.claims`)."""
        return self._read(queries.claims, metric=metric, source=source, limit=limit)

    def document(self, document_id: str) -> dict[str, Any]:
        """One stored document with its text; NotFoundError when absent."""
        return self._read(queries.document, document_id)

    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over documents (see :func:`queries.search`)."""
        return self._read(queries.search, text, limit=limit)

    def stats(self) -> dict[str, Any]:
        """Row counts (see :func:`queries.stats`)."""
        return self._read(queries.stats)

    def figure_claims(self, metric: str | None = None) -> list[dict[str, Any]]:
        """The claims the figures check reads (see :func:`tallies.figure_claims`): what
        :meth:`claims` gives, read faster."""
        return self._read(tallies.figure_claims, metric=metric)

    def figure_rows(self, metric: str | None = None) -> list[tuple]:
        """The claims as tuples, for :func:`marsad.figures.report.check` (see :func:`tallies.figure_rows`)."""
        return self._read(tallies.figure_rows, metric=metric)

    def figure_tallies(self) -> tuple[list[tuple], list[tuple], int]:
        """(event rows, document rows, undated events) for the figures check (see
        :mod:`marsad.store.tallies` and :class:`marsad.figures.record.RecordTally`)."""
        return (self._read(tallies.event_tallies), self._read(tallies.document_tallies),
                self._read(tallies.undated_events))

    def fill_footing(self) -> int:
        """Store the footing of the claims that have none (:mod:`marsad.store.footing`: after the
        migration that made the table, or claims written around :mod:`.write`); how many."""
        if self._read(footing.footing_complete):
            return 0
        with self._transaction():
            return footing.fill_footing(self.conn)

    def footing_reader(self) -> tallies.FootingReader:
        """The reads a page of checks makes (:func:`marsad.figures.paged.check_page`)."""
        return tallies.FootingReader(self.conn)

    def record_totals(self) -> kept_totals.KeptTotals:
        """The record's totals the store keeps current (:func:`marsad.figures.paged.page_json`)."""
        return kept_totals.KeptTotals(self.conn, self._transaction)


def open_store(target: str | Path = "marsad.db", create: bool = True) -> Store:
    """The store at ``target``: a SQLite file path, or a ``postgresql://`` DSN."""
    return Store(target, create=create)
