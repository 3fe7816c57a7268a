"""Waiting for the write lock of a database file that other processes write too.

SQLite lets one connection write at a time; the others wait in the busy handler for
:data:`BUSY_TIMEOUT_S`. Several ingests, crawls and watches on one file can keep a
writer waiting longer than that while every one of them is making progress (the
busy handler polls, it does not queue), so :func:`begin_write` waits as long as other
connections keep committing and gives up only after :data:`BUSY_TIMEOUT_S` without any
commit: then a writer is stuck, and the caller reports it.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import Any

BUSY_TIMEOUT_S = 30  # wait this long without any commit by another writer before failing


def begin_write(conn: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE`` on an autocommit connection, waiting while other writers progress.

    The connection's own busy timeout is one round of waiting; ``PRAGMA data_version``
    changes when another connection committed meanwhile, and then it waits again.
    Raises sqlite3.OperationalError (database is locked) after a round without commits.
    """
    if getattr(conn, "dialect", None) == "postgresql":  # marsad.store.pg: an advisory lock
        conn.begin_write()
        return
    seen = _data_version(conn)
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if not is_busy(e):
                raise
            now = _data_version(conn)
            if now == seen:
                raise
            seen = now


def retry_busy(call: Callable[[], Any], timeout: float = BUSY_TIMEOUT_S) -> Any:
    """``call()``, tried again while SQLite answers busy, for up to ``timeout`` seconds.

    The busy timeout covers most waits, but SQLite answers busy at once where waiting
    could deadlock: two connections switching a new file to WAL at the same moment.
    """
    deadline, pause = time.monotonic() + timeout, 0.01
    while True:
        try:
            return call()
        except sqlite3.OperationalError as e:
            if not is_busy(e) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


def is_busy(error: sqlite3.Error) -> bool:
    """True for SQLITE_BUSY and its extended codes (database is locked)."""
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY


def _data_version(conn: sqlite3.Connection) -> int:
    return retry_busy(lambda: conn.execute("PRAGMA data_version").fetchone()[0])
