"""A small LRU cache of rendered answers, one per app, keyed by the store's version.

``browse_meta.version`` changes with every change of canonical events or documents
(triggers of schema version 5), so an answer cached under one version is never
served once the store has changed; a dashboard asking the same page or statistics
again (every visitor of the overview does) gets it without touching the rollups.
Requests for an answer being computed wait for it rather than compute it again (a
dashboard opened by many at once asks for the same statistics at the same moment).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

ENTRIES = 1024  # answers kept (a page of 50 events is ~50 kB)


class VersionedCache:
    """``get(version, key, compute)``: the cached answer for ``key`` at ``version``, or computed."""

    def __init__(self, entries: int = ENTRIES) -> None:
        self._entries = entries
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Event] = {}

    def get(self, version: int, key: Hashable, compute: Callable[[], Any]) -> Any:
        full = (version, key)
        while True:
            with self._lock:
                if full in self._data:
                    self._data.move_to_end(full)
                    return self._data[full]
                pending = self._computing.get(full)
                if pending is None:
                    pending = self._computing[full] = threading.Event()
                    break
            pending.wait()  # another request computes it; if it failed, compute it here
        try:
            value = compute()
            with self._lock:
                self._data[full] = value
                while len(self._data) > self._entries:
                    self._data.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._computing[full]
            pending.set()
