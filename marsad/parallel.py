"""Extraction of a batch on several cores: the documents read go to a pool of worker
processes in windows, and come back in input order with their records.

:func:`extracted` is what ``marsad extract --jobs N`` and ``marsad ingest --jobs N`` use:
every item read (a document or a reader's problem) comes out once, in the order it was
read, with what extracting it gave: its record, the exception it raised, or None (a
problem, or a document the caller said need not be extracted). With one job, or a batch
too small to be worth starting processes, everything runs in this process; the records
are the same either way.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .models import Document, Record
from .readers import InputProblem

Item = Document | InputProblem
Outcome = Record | Exception | None

WINDOW_PER_JOB = 64  # documents in flight per worker: keeps memory flat on any batch size
MIN_POOL_DOCUMENTS = 8  # below this, starting processes costs more than it gains


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extracted(items: Iterable[Item], extract: Callable[[Document], Record], jobs: int = 1,
              needs_record: Callable[[Document], bool] = lambda doc: True) -> Iterator[tuple[Item, Outcome]]:
    """Each item of ``items`` with the outcome of ``extract`` on it, in input order.

    ``needs_record(doc)`` False spares a document's extraction (its outcome is None)."""
    stream = iter(items)
    window = list(islice(stream, max(jobs, 1) * WINDOW_PER_JOB))
    documents = sum(isinstance(item, Document) for item in window)
    if jobs <= 1 or documents < MIN_POOL_DOCUMENTS:
        for item in _chain(window, stream):
            yield item, (_extract_one(extract, item) if _wanted(item, needs_record) else None)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                          else "spawn")
    with context.Pool(jobs, initializer=_set_extract, initargs=(extract,)) as pool:
        while window:
            tasks = [item if _wanted(item, needs_record) else None for item in window]
            outcomes = pool.map(_work, tasks, chunksize=max(1, len(tasks) // (jobs * 4)))
            yield from zip(window, outcomes)
            window = list(islice(stream, jobs * WINDOW_PER_JOB))


def _chain(window: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from window
    yield from rest


def _wanted(item: Item, needs_record: Callable[[Document], bool]) -> bool:
    return isinstance(item, Document) and needs_record(item)


def _extract_one(extract: Callable[[Document], Record], doc: Document) -> Outcome:
    try:
        return extract(doc)
    except Exception as e:  # one bad document must not stop the batch
        return e


_worker_extract: Callable[[Document], Record] | None = None


def _set_extract(extract: Callable[[Document], Record]) -> None:
    global _worker_extract
    _worker_extract = extract


def _work(doc: Document | None) -> Outcome:
    """In a worker: the record of ``doc``, or the exception it raised (one that can travel
    back to the parent: an exception that cannot be pickled becomes a RuntimeError)."""
    if doc is None:
        return None
    assert _worker_extract is not None  # set by the pool's initializer
    outcome = _extract_one(_worker_extract, doc)
    if isinstance(outcome, Exception):
        try:
            pickle.loads(pickle.dumps(outcome))
        except Exception:
            return RuntimeError(f"{type(outcome).__name__}: {outcome}")
    return outcome
