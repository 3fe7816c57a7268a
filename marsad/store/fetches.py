"""The crawler's memory: one row per URL in the ``fetches`` table (schema version 2).

A row is *queued* (found on a listing, ``fetched_at`` NULL), *done* (the last
attempt got an answer that trying again will not change: 2xx, 304, a 4xx, a page
too large, a refused redirect) or *to retry* (no answer, 5xx, 408 or 429).
:class:`FetchesMixin` gives :class:`marsad.store.Store` the methods the crawler
uses; each writes in its own short transaction.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable

from ..errors import StoreError
from .locking import begin_write

RETRY_STATUSES = (408, 429)  # with every 5xx and no answer at all: worth another try
_COLUMNS = ("url", "kind", "status", "etag", "last_modified", "content_hash", "fetched_at",
            "document_id", "error", "found_on")
_NEEDS_FETCH_SQL = ("fetched_at IS NULL OR (error IS NOT NULL AND (status IS NULL OR status >= 500 "
                    f"OR status IN {RETRY_STATUSES}))")


@dataclass
class FetchState:
    """One ``fetches`` row (see the module doc and the migration for each column)."""

    url: str
    kind: str = "page"
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    fetched_at: str | None = None
    document_id: str | None = None
    error: str | None = None
    found_on: str | None = None

    @property
    def fetched(self) -> bool:
        """True when the URL was fetched with an answer worth keeping (no retry needed)."""
        return self.fetched_at is not None and not self.needs_retry

    @property
    def needs_retry(self) -> bool:
        return self.error is not None and (self.status is None or self.status >= 500
                                           or self.status in RETRY_STATUSES)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class FetchesMixin:
    """Crawl state methods of :class:`marsad.store.Store` (needs ``self.conn``, ``self.path``)."""

    conn: sqlite3.Connection
    path: str

    def fetch_state(self, url: str) -> FetchState | None:
        """The row of ``url``, or None when it was never seen."""
        row = self._fetches_call(lambda c: c.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM fetches WHERE url = ?", (url,)).fetchone())
        return FetchState(**dict(zip(_COLUMNS, row))) if row else None

    def record_fetch(self, state: FetchState) -> None:
        """Insert or replace the row of ``state.url``; ``fetched_at`` defaults to now."""
        if state.fetched_at is None:
            state.fetched_at = now()
        self._fetches_call(lambda c: c.execute(
            f"INSERT OR REPLACE INTO fetches ({', '.join(_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_COLUMNS))})", [getattr(state, k) for k in _COLUMNS]),
            transaction=True)

    def queue_pages(self, urls: Iterable[str], found_on: str) -> None:
        """Remember pages found on a listing, leaving rows of known URLs as they are."""
        rows = [(url, found_on) for url in urls]
        if not rows:
            return
        self._fetches_call(lambda c: c.executemany(
            "INSERT OR IGNORE INTO fetches (url, kind, found_on) VALUES (?, 'page', ?)", rows),
            transaction=True)

    def pages_to_fetch(self, found_on: str) -> list[str]:
        """Pages first found on ``found_on`` that are queued or need a retry, oldest first."""
        rows = self._fetches_call(lambda c: c.execute(
            f"SELECT url FROM fetches WHERE found_on = ? AND kind = 'page' AND ({_NEEDS_FETCH_SQL}) "
            "ORDER BY rowid", (found_on,)).fetchall())
        return [r[0] for r in rows]

    def fetch_counts(self) -> dict[str, int]:
        """Rows by state: ``done``, ``queued``, ``to_retry``."""
        row = self._fetches_call(lambda c: c.execute(
            "SELECT COUNT(*), SUM(fetched_at IS NULL), "
            f"SUM(fetched_at IS NOT NULL AND ({_NEEDS_FETCH_SQL})) FROM fetches").fetchone())
        total, queued, retry = (v or 0 for v in row)
        return {"done": total - queued - retry, "queued": queued, "to_retry": retry}

    def _fetches_call(self, call: Any, transaction: bool = False) -> Any:
        try:
            if not transaction:
                return call(self.conn)
            begin_write(self.conn)
            try:
                result = call(self.conn)
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            return result
        except sqlite3.Error as e:
            raise StoreError(f"cannot read or write the crawl state in {self.name}: {e}") from e

