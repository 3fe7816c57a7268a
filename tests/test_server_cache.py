"""The answer cache of marsad serve: versioned, bounded, and one computation per answer."""
from __future__ import annotations

import threading
import time

import pytest

from marsad.server.cache import VersionedCache


def test_concurrent_requests_for_one_answer_compute_it_once():
    cache, calls = VersionedCache(), []

    def compute():
        calls.append(1)
        time.sleep(0.2)
        return b"answer"

    got = []
    threads = [threading.Thread(target=lambda: got.append(cache.get(1, "stats", compute))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [b"answer"] * 8 and len(calls) == 1


def test_a_failed_computation_is_not_cached_and_a_waiter_computes_again():
    cache, started = VersionedCache(), threading.Event()

    def failing():
        started.set()
        time.sleep(0.1)
        raise RuntimeError("database locked")

    errors, got = [], []

    def first():
        try:
            cache.get(1, "k", failing)
        except RuntimeError as e:
            errors.append(e)

    t = threading.Thread(target=first)
    t.start()
    started.wait()
    got.append(cache.get(1, "k", lambda: b"second"))
    t.join()
    assert len(errors) == 1 and got == [b"second"]
    assert cache.get(1, "k", lambda: pytest.fail("cached")) == b"second"


def test_a_new_store_version_recomputes_and_old_answers_are_evicted():
    cache = VersionedCache(entries=2)
    assert cache.get(1, "a", lambda: 1) == 1
    assert cache.get(2, "a", lambda: 2) == 2  # the store changed
    cache.get(2, "b", lambda: 3)
    assert cache.get(1, "a", lambda: "recomputed") == "recomputed"  # evicted: two entries at most
