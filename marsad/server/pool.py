"""Read-only connections for request handlers, one per request at a time.

sqlite3 connections must not be used by two threads at once; FastAPI runs each
request in a worker thread. :class:`ReadPool` hands every request its own
connection (opened ``mode=ro`` and ``query_only``, so no request can write) and
keeps a few idle ones for the next requests. In WAL mode readers never wait for
a writer (``marsad ingest`` or a write endpoint) and see the last committed state.

On PostgreSQL (a ``postgresql://`` DSN), :class:`PgReadPool` does the same with a
psycopg_pool connection pool: read-only sessions whose transactions (the request's
``BEGIN``) each hold one snapshot.
"""
from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import StoreError

IDLE_CONNECTIONS = 16
PRE_OPENED = 4  # PostgreSQL connections a worker opens at start: its request threads' (app.THREADS) and spare
BUSY_TIMEOUT_S = 5
MMAP_BYTES = 1 << 30  # read pages through the OS cache, shared by every connection


def connect_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection to ``path`` usable from any one thread at a time."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = 1")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    except sqlite3.Error as e:
        raise StoreError(f"cannot open {path} for reading: {e}") from e
    return conn


class ReadPool:
    """Read-only connections to one database, lent out one request at a time."""

    def __init__(self, path: str, idle: int = IDLE_CONNECTIONS) -> None:
        self.path = path
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=idle)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for the caller alone; back to the pool (or closed) afterwards."""
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = connect_readonly(self.path)
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            try:
                self._idle.put_nowait(conn)
            except queue.Full:
                conn.close()

    def close(self) -> None:
        """Close the idle connections (lent ones close when given back after this)."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class PgReadPool:
    """:class:`ReadPool` over a PostgreSQL database (psycopg_pool), same interface."""

    def __init__(self, dsn: str, idle: int = IDLE_CONNECTIONS) -> None:
        from psycopg_pool import ConnectionPool

        from ..store.pg import configure_reader, redact
        self.path = dsn
        # opened at start, not grown under load: a request waiting for the pool to grow waited up to
        # seconds on a busy machine (bench_api: the cached /api/meta's p99 978 ms against 8 ms)
        self._pool = ConnectionPool(dsn, min_size=min(idle, PRE_OPENED), max_size=idle, open=True,
                                    configure=configure_reader,
                                    name=f"marsad-read {redact(dsn)}")

    @contextmanager
    def connection(self) -> Iterator[Any]:
        from ..store.pg import PgConnection
        with self._pool.connection() as raw:
            conn = PgConnection(self.path, raw=raw)
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")

    def close(self) -> None:
        self._pool.close()


def connect_reader(target: str) -> Any:
    """One read-only connection to a SQLite file or a PostgreSQL DSN (the event index's)."""
    from ..store.pg import PgConnection, configure_reader, is_dsn
    if not is_dsn(target):
        return connect_readonly(target)
    conn = PgConnection(target, create=False)
    configure_reader(conn.raw)
    return conn


def read_pool(target: str) -> ReadPool | PgReadPool:
    """The pool for a SQLite file or a PostgreSQL DSN."""
    from ..store.pg import is_dsn
    return PgReadPool(target) if is_dsn(target) else ReadPool(target)
