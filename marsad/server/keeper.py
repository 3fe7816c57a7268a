"""The in-memory event index of a served store, kept at the store's latest version.

Each worker process of ``marsad serve`` holds one :class:`~marsad.store.event_index.EventIndex`
(about 250 bytes an event: ~250 MB for a million events). :class:`IndexKeeper` builds it
in a background thread when the app starts and again whenever a request sees a newer
``browse_meta.version`` (after ``marsad ingest`` or a write endpoint). Until it is ready,
and for a store it refuses, requests are answered from SQL alone: the same answers, slower.

Modes: ``background`` (the default), ``sync`` (built inside the request that needs it:
tests), ``off`` (SQL only: ``marsad serve --no-index``).
"""
from __future__ import annotations

import logging
import threading

from ..store.event_index import EventIndex
from ..store.pg import redact
from .pool import connect_reader

MODES = ("background", "sync", "off")
log = logging.getLogger("marsad.serve")


class IndexKeeper:
    """``current(version)``: the event index of the store at ``path`` if built at ``version``."""

    def __init__(self, path: str, mode: str = "background") -> None:
        if mode not in MODES:
            raise ValueError(f"index mode must be one of {', '.join(MODES)}, got {mode!r}")
        self.path = path
        self.mode = mode
        self._index: EventIndex | None = None
        self._lock = threading.Lock()
        self._building = False
        self._refused: int | None = None  # a version EventIndex.load refused or failed on

    def state(self, version: int) -> str:
        """``ready`` (built at ``version``), ``building``, ``off``, ``refused`` (the store's values
        do not allow it, or building failed) or ``none`` (not built for ``version``)."""
        if self.mode == "off":
            return "off"
        if self._index is not None and self._index.version == version:
            return "ready"
        if self._building:
            return "building"
        return "refused" if self._refused == version else "none"

    def start(self) -> None:
        """Begin building (background mode), so that the first requests find it ready."""
        if self.mode == "background":
            self._begin()

    def current(self, version: int) -> EventIndex | None:
        """The index when it was built at ``version``; else None (and, unless that version was
        refused, a build of the latest version begins)."""
        index = self._index
        if index is not None and index.version == version:
            return index
        if self.mode == "off" or self._refused == version or (index is not None and index.version > version):
            return None  # (a request still reading an older snapshot than the index's)
        if self.mode == "sync":
            with self._lock:
                if self._index is None or self._index.version != version:
                    self._build()
            index = self._index
            return index if index is not None and index.version == version else None
        self._begin()
        return None

    def _begin(self) -> None:
        with self._lock:
            if self._building:
                return
            self._building = True
        threading.Thread(target=self._run, name="marsad-index", daemon=True).start()

    def _run(self) -> None:
        try:
            with self._lock:
                self._index = None  # the old one answers no version any more: free it first
            self._build()
        finally:
            self._building = False

    def _build(self) -> None:
        conn = connect_reader(self.path)
        version = None
        try:
            version = conn.execute("SELECT version FROM browse_meta").fetchone()[0]
            index = EventIndex.load(conn)
        except Exception:  # noqa: BLE001 - SQL answers instead; the reason goes to the log
            log.exception("building the event index of %s failed; answering from SQL", redact(self.path))
            self._refused = version
            return
        finally:
            conn.close()
        if index is None:
            log.warning("%s holds dates or counts the event index cannot read; answering from SQL", redact(self.path))
            self._refused = version
        self._index = index
