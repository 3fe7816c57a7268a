"""Crawl on a schedule: the library behind ``marsad watch``.

:func:`watch` calls ``run_round`` (one crawl) every ``every`` seconds, counted from
the start of each round, so rounds keep their rhythm however long a crawl takes,
and never overlap. It returns after ``max_rounds`` rounds, or never: stopping it is
the caller's job (Ctrl-C raises KeyboardInterrupt through it, which the CLI turns
into a clean exit). All state lives in the store, so a watch stopped and started
again refetches nothing.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def watch(run_round: Callable[[], T], every: float, max_rounds: int | None = None,
          on_round: Callable[[int, T], None] | None = None,
          sleep: Callable[[float], None] = time.sleep,
          clock: Callable[[], float] = time.monotonic) -> int:
    """Run ``run_round`` repeatedly (see the module doc); return the number of rounds run."""
    rounds = 0
    while max_rounds is None or rounds < max_rounds:
        started = clock()
        result = run_round()
        rounds += 1
        if on_round is not None:
            on_round(rounds, result)
        if max_rounds is not None and rounds >= max_rounds:
            break
        sleep(max(0.0, started + every - clock()))
    return rounds
