"""The library calls behind ``marsad extract`` and ``marsad ingest``.

Both read inputs with :func:`marsad.readers.read_documents`, run
:func:`marsad.pipeline.extract.extract` on each document and go on past bad
documents: a reader problem or an exception while extracting or storing one
document becomes an :class:`InputProblem` in the summary (and is passed to
``on_problem`` as it happens), never an exception out of the batch. A warning (a
document read, but repaired) is passed on and counted the same way; files of an
unsupported type found in a folder are only counted, by type, in ``skipped``.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .errors import RecordError, StoreError
from .models import Document, Record
from .parallel import extracted
from .pipeline.extract import extract
from .readers import ERROR, SKIPPED, WARNING, InputProblem, read_documents, skipped_summary
from .store import AddResult, Store
from .store.write import text_hash

ProblemHandler = Callable[[InputProblem], None]
Progress = Callable[[Document | InputProblem], None]


@dataclass
class Summary:
    """What :func:`extract_file` did: records written and problems met."""

    records: int = 0
    problems: list[InputProblem] = field(default_factory=list)  # errors and warnings
    skipped: Counter = field(default_factory=Counter)  # files of another type, by type

    @property
    def failed(self) -> int:
        return sum(p.level == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.level == WARNING for p in self.problems)


@dataclass
class IngestSummary:
    """What :func:`ingest_paths` did (see :class:`marsad.store.AddResult` for the statuses)."""

    added: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    updated: int = 0
    copies: int = 0  # near duplicates stored as copies of a stored article
    warnings: int = 0  # documents stored after a repair (see marsad.readers.WARNING)
    skipped: Counter = field(default_factory=Counter)  # files of another type, by type

    @property
    def ingested(self) -> int:
        return self.added + self.unchanged + self.updated + self.copies

    def __str__(self) -> str:
        parts = [f"{self.added} added", f"{self.unchanged} unchanged"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.copies:
            parts.append(f"{self.copies} {'copy' if self.copies == 1 else 'copies'} of stored articles")
        parts.append(f"{self.failed} failed")
        if self.warnings:
            parts.append(f"{self.warnings} warning{'s' * (self.warnings != 1)}")
        noun = "document" if self.ingested == 1 else "documents"
        line = f"ingested {self.ingested} {noun}: " + ", ".join(parts)
        return line + (f"; {skipped_summary(self.skipped)}" if self.skipped else "")


def extract_file(inputs: Iterable[str | Path], output: str | Path | IO[str],
                 on_problem: ProblemHandler | None = None, jobs: int = 1) -> Summary:
    """Extract a SPEC record from every document in ``inputs``, written as JSON Lines.

    ``output`` is a path or an open text stream (left open). Records are written in
    input order and flushed as they come, so output streams as input is read; ``jobs``
    worker processes extract (:func:`marsad.parallel.extracted`), with the same records.
    """
    if isinstance(output, (str, Path)):
        with open(output, "w", encoding="utf-8") as f:
            return extract_file(inputs, f, on_problem, jobs)
    summary = Summary()
    for item, outcome in extracted(read_documents(inputs), extract, jobs):
        if isinstance(item, InputProblem) and item.level == SKIPPED:
            summary.skipped[item.message] += 1
            continue
        if not isinstance(item, InputProblem):
            if isinstance(outcome, Exception):  # one bad document must not stop the batch
                item = _failure(item, "extraction failed", outcome)
            else:
                output.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")
                output.flush()
                summary.records += 1
                continue
        _report(summary.problems, item, on_problem)
    return summary


def ingest_paths(paths: Iterable[str | Path], store: Store,
                 progress: Progress | None = None,
                 on_problem: ProblemHandler | None = None, jobs: int = 1) -> IngestSummary:
    """Read, extract and store every document in ``paths``; one transaction per document.

    Each stored document's mentions are then grouped into canonical events with
    :meth:`Store.resolve` (its neighbourhood only); a near-duplicate copy adds a source
    to its original's events. A text already in the store is counted unchanged without
    being extracted again.
    ``progress`` is called once per document or problem, after it is handled. ``jobs``
    worker processes extract the texts the store does not hold; this process alone writes,
    in input order, so the store ends as with one job.
    """
    summary = IngestSummary()
    items = read_documents(paths)
    if jobs <= 1:
        for item in items:
            handle_item(item, store, summary, on_problem, progress)
        return summary
    stored = set(store.text_hashes())
    for item, outcome in extracted(items, extract, jobs,
                                   needs_record=lambda doc: text_hash(doc.text) not in stored):
        handle_item(item, store, summary, on_problem, progress, make_record=_made(outcome))
    return summary


def _made(outcome: Record | Exception | None) -> Callable[[Document], Record]:
    """A ``make_record`` that gives what a worker made, or extracts here when it made nothing
    (a text thought stored that is new after all)."""
    def make_record(doc: Document) -> Record:
        if isinstance(outcome, Exception):
            raise outcome
        return outcome if outcome is not None else extract(doc)
    return make_record


def handle_item(item: Document | InputProblem, store: Store, summary: IngestSummary,
                on_problem: ProblemHandler | None = None, progress: Progress | None = None,
                make_record: Callable[[Document], Record] | None = None,
                resolve: bool = True, record: Record | None = None) -> AddResult | None:
    """What :func:`ingest_paths` does with one item read: store a document (and count it),
    count and pass on a problem. ``make_record`` (default: extract) makes a new text's
    record, unless the caller made it already (``record``); ``resolve=False`` leaves grouping into events to the caller (``marsad bulk``
    resolves once at the end). Returns what the store did, None for a problem."""
    result = None
    if isinstance(item, InputProblem) and item.level != ERROR:
        _note(summary, item, on_problem)
        return None
    if not isinstance(item, InputProblem):
        doc = item
        item, result = store_one(doc, store, summary, make_record, record)
        if resolve and result is not None and result.status != "unchanged":
            item = _resolve(doc, store)
    if isinstance(item, InputProblem) and item.level == WARNING:  # stored, not grouped
        _note(summary, item, on_problem)
    elif isinstance(item, InputProblem):
        _report(summary.problems, item, on_problem)
        summary.failed += 1
    if progress is not None:
        progress(item)
    return result


def store_one(doc: Document, store: Store, summary: IngestSummary,
              make_record: Callable[[Document], Record] | None = None,
              record: Record | None = None) -> tuple[Document | InputProblem, AddResult | None]:
    """Store one document and count it; a problem (and None) instead when it fails.

    With ``record`` (extracted beforehand, e.g. on a Dask worker) the store decides what
    the document is once, under the write lock (:meth:`Store.add`).

    :meth:`Store.add_document` extracts only a text it does not hold and decides what the
    document is under the write lock, so concurrent ingests count and store alike."""
    try:
        if record is not None:
            result = store.add(doc, record)
        else:
            result = store.add_document(doc, make_record or extract)
    except RecordError as e:  # one bad document must not stop the batch
        return _failure(doc, "extraction failed", e.__cause__ or e), None
    except StoreError as e:
        return _failure(doc, "not stored", e, with_type=False), None
    except Exception as e:
        return _failure(doc, "not stored", e), None
    if result.status == "copy":  # the same dispatch again: a new source, not a new record
        summary.copies += 1
    else:
        setattr(summary, result.status, getattr(summary, result.status) + 1)
    return doc, result


def _resolve(doc: Document, store: Store) -> Document | InputProblem:
    """Group the stored document's mentions (or its original's, for a copy) into events.

    A failure here is a WARNING: the document is stored (and counted so), its grouping
    waits for the next ``marsad resolve``."""
    try:
        store.resolve([doc.id])
    except Exception as e:  # one document's grouping must not stop the batch
        problem = _failure(doc, "stored, but not grouped into events (run `marsad resolve`)", e,
                           with_type=not isinstance(e, StoreError))
        return InputProblem(problem.source, problem.line, problem.message, WARNING)
    return doc


def _failure(doc: Document, what: str, error: Exception, with_type: bool = True) -> InputProblem:
    detail = f"{type(error).__name__}: {error}" if with_type else str(error)
    return InputProblem(doc.source or doc.id, None, f"document {doc.id!r}: {what}: {detail}")


def _note(summary: IngestSummary, item: InputProblem, on_problem: ProblemHandler | None) -> None:
    """Count a warning (and pass it on) or a skipped file."""
    if item.level == SKIPPED:
        summary.skipped[item.message] += 1
        return
    summary.warnings += 1
    _report(summary.problems, item, on_problem)


def _report(problems: list[InputProblem], problem: InputProblem,
            on_problem: ProblemHandler | None) -> None:
    problems.append(problem)
    if on_problem is not None:
        on_problem(problem)
