"""``marsad bulk``: read, extract and store many documents on a Dask cluster.

The pipeline, one stage per function:

1. :func:`plan` splits the inputs into :class:`Part` values of about ``part_bytes``: a
   JSONL file into byte ranges that start a line (numbered, so problems name the file's
   own line), a Parquet file into row groups, small files (.txt, .html, .json, web
   archives, gzipped JSONL) into bundles; a gzipped file or an archive is one part.
2. :func:`extract_part` runs on a worker: it reads its part with the readers of
   :mod:`marsad.readers` and extracts each document, except a text the store already
   holds (:func:`stored_keys`, sent to every worker once), which is passed on unextracted.
3. The client writes the parts' documents **in input order** through one Store, with the
   same call ``marsad ingest`` makes (:func:`marsad.ingest.handle_item`): the store still
   decides what a document is (added, unchanged, a copy, updated), and the same documents
   in the same order give the same store as ``marsad ingest``.
4. Canonical resolution runs once at the end (:meth:`Store.resolve` of the documents
   written, and of any mention a crashed run left ungrouped).

A rerun skips what is stored: stored texts are not extracted again, only counted
unchanged. When the target's store can take writers on many machines
(:attr:`StoreTarget.writes_in_workers`, PostgreSQL), step 3 runs in the workers instead
(:func:`store_part`), each part in its own transactions.
"""
from __future__ import annotations

import logging
import sys
import threading
import warnings
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import MarsadError
from .ingest import IngestSummary, ProblemHandler, handle_item
from .models import Document, Record
from .pipeline.extract import extract
from .readers import (ARCHIVE_SUFFIXES, BOMS, FOLDER_SUFFIXES, PARQUET_SUFFIX, STDIN,
                      WARNING, InputProblem, _binary_head, _duplicate, _kind, _scan_folder,
                      read_documents, read_jsonl_part, read_parquet_rows)
from .store import Store

PART_BYTES = 2_000_000  # about a minute of extraction on one core: small enough to spread
MAX_FILES_PER_PART = 500
SCAN_CHUNK = 1 << 20
CONNECT_TIMEOUT = "20s"


class ClusterError(MarsadError):
    """The Dask scheduler cannot be reached."""


@dataclass(frozen=True)
class Part:
    """One task's input: a byte range of a JSONL file (``kind="jsonl"``), row groups of a
    Parquet file (``"parquet"``), or whole files (``"files"``)."""

    index: int
    kind: str
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    whole: bool = True  # the part is its whole file (file-level checks, duplicates)
    row_groups: tuple[int, ...] = ()
    files: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.kind == "jsonl":
            return f"{self.path} (bytes {self.start}-{self.end}, from line {self.first_line})"
        if self.kind == "parquet" and not self.row_groups:
            return self.path
        if self.kind == "parquet":
            return f"{self.path} (row groups {self.row_groups[0]}-{self.row_groups[-1]})"
        return self.files[0] + (f" and {len(self.files) - 1} more files" if len(self.files) > 1 else "")


@dataclass(frozen=True)
class StoreTarget:
    """Where the documents go: a SQLite file or (with :func:`marsad.store.open_store`)
    a database URL. ``workers_write`` overrides :attr:`writes_in_workers`."""

    location: str
    workers_write: bool | None = None

    @property
    def writes_in_workers(self) -> bool:
        """Whether each worker opens the store and writes its parts itself: for stores
        that take concurrent writers from many machines (PostgreSQL); SQLite goes
        through one writer, the client."""
        if self.workers_write is not None:
            return self.workers_write
        return self.location.startswith(("postgresql://", "postgres://"))

    def open(self) -> Any:
        try:
            from .store import open_store  # type: ignore[attr-defined]
        except ImportError:  # before PostgreSQL support: SQLite only
            return Store(self.location)
        return open_store(self.location)


@dataclass
class BulkSummary(IngestSummary):
    """:class:`IngestSummary` (printed the same way) and the parts the run was split into."""

    parts: int = 0
    parts_failed: int = 0
    resolved: Any = None  # the ResolveSummary of the final resolution
    written: list[str] = field(default_factory=list, repr=False)  # ids to resolve


# -- 1. plan -------------------------------------------------------------------------------

def plan(paths: Iterable[str | Path], part_bytes: int = PART_BYTES,
         ) -> tuple[list[Part], list[InputProblem]]:
    """The parts of ``paths`` in input order, and the problems met listing them (folders
    that cannot be read, missing paths, stdin; files of another type as SKIPPED)."""
    parts: list[Part] = []
    problems: list[InputProblem] = []
    bundle: list[str] = []
    bundle_bytes = 0

    def close_bundle() -> None:
        nonlocal bundle, bundle_bytes
        if bundle:
            parts.append(Part(len(parts), "files", files=tuple(bundle)))
        bundle, bundle_bytes = [], 0

    for path in paths:
        if str(path) == STDIN:
            problems.append(InputProblem("<stdin>", None, "marsad bulk reads files and folders, "
                                                          "not stdin: use `marsad ingest -`"))
            continue
        p = Path(path)
        if p.is_dir():
            files, found = _scan_folder(p)
            problems.extend(found)
        elif p.exists():
            files = [p]
        else:
            problems.append(InputProblem(str(path), None, "no such file or directory"))
            continue
        for f in files:
            kind = _kind(f)
            size = _size(f)
            if kind == ".jsonl" and size > part_bytes:
                close_bundle()
                for start, end, line, whole in _jsonl_ranges(f, part_bytes):
                    parts.append(Part(len(parts), "jsonl", str(f), start, end, line, whole))
            elif kind == PARQUET_SUFFIX:
                close_bundle()
                for groups in _row_group_ranges(f, part_bytes):
                    parts.append(Part(len(parts), "parquet", str(f), row_groups=groups,
                                      whole=len(groups) == 0))
            else:
                if bundle and (bundle_bytes + size > part_bytes or len(bundle) >= MAX_FILES_PER_PART
                               or kind in (*ARCHIVE_SUFFIXES, ".jsonl.gz")):
                    close_bundle()
                bundle.append(str(f))
                bundle_bytes += size
                if kind not in FOLDER_SUFFIXES or kind in (*ARCHIVE_SUFFIXES, ".jsonl.gz"):
                    close_bundle()
    close_bundle()
    return parts, problems


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def _jsonl_ranges(p: Path, part_bytes: int) -> list[tuple[int, int, int, bool]]:
    """``(start, end, first line, whole)`` ranges of about ``part_bytes`` that end after a
    newline. A file with a byte-order mark or a binary head stays whole (the reader's
    file-level checks need it)."""
    size = _size(p)
    try:
        with p.open("rb") as f:
            head = f.read(4096)
            if any(head.startswith(b) for b, _ in BOMS) or _binary_head(head):
                return [(0, size, 1, True)]
            f.seek(0)
            ranges, start, line, pos = [], 0, 1, 0
            lines_in_range = 0
            while chunk := f.read(SCAN_CHUNK):
                offset = 0
                while True:
                    want = start + part_bytes - (pos + offset)  # bytes until the range is full
                    if want > len(chunk) - offset:
                        lines_in_range += chunk.count(b"\n", offset)
                        break
                    nl = chunk.find(b"\n", offset + max(want - 1, 0))
                    if nl == -1:
                        lines_in_range += chunk.count(b"\n", offset)
                        break
                    lines_in_range += chunk.count(b"\n", offset, nl + 1)
                    end = pos + nl + 1
                    ranges.append((start, end, line, False))
                    start, line, lines_in_range, offset = end, line + lines_in_range, 0, nl + 1
                pos += len(chunk)
    except OSError:
        return [(0, size, 1, True)]
    if start < size or not ranges:
        ranges.append((start, size, line, False))
    if len(ranges) == 1:
        return [(0, size, 1, True)]
    return ranges


def _row_group_ranges(p: Path, part_bytes: int) -> list[tuple[int, ...]]:
    """Runs of consecutive row groups of about ``part_bytes`` (one run, all of them, when the
    file cannot be read: the reader reports it)."""
    try:
        import pyarrow.parquet as pq
        meta = pq.ParquetFile(p).metadata
    except Exception:
        return [()]
    runs: list[tuple[int, ...]] = []
    run: list[int] = []
    size = 0
    for i in range(meta.num_row_groups):
        run.append(i)
        size += meta.row_group(i).total_byte_size
        if size >= part_bytes:
            runs.append(tuple(run))
            run, size = [], 0
    if run:
        runs.append(tuple(run))
    return runs if len(runs) > 1 else [()]


# -- 2. extract (on a worker) -------------------------------------------------------------

@dataclass(frozen=True)
class Failure:
    """An exception extraction raised on a worker, carried back to the writer by name."""

    type_name: str
    message: str

    def raise_again(self) -> None:
        # The same type name in the writer's message as `marsad ingest` prints.
        raise type(self.type_name, (Exception,), {})(self.message)


Item = InputProblem | tuple[Document, Record | Failure | None]


def read_part(part: Part) -> Iterator[Document | InputProblem]:
    """The documents and problems of one part, as :func:`read_documents` gives them."""
    if part.kind == "jsonl":
        return read_jsonl_part(part.path, part.start, part.end, part.first_line, part.whole)
    if part.kind == "parquet":
        return read_parquet_rows(Path(part.path), list(part.row_groups) or None)
    return read_documents(part.files)


def extract_part(part: Part, stored: Any = None) -> list[Item]:
    """Read one part and extract each document whose text ``stored`` (:func:`stored_keys`)
    does not hold; a stored text comes back with no record (the writer counts it)."""
    out: list[Item] = []
    for item in read_part(part):
        if isinstance(item, InputProblem):
            out.append(item)
        elif is_stored(item.text, stored):
            out.append((item, None))
        else:
            try:
                out.append((item, extract(item)))
            except Exception as e:  # one bad document must not stop the part
                out.append((item, Failure(type(e).__name__, str(e))))
    return out


def stored_keys(store: Any) -> Any:
    """The stored documents' text hashes (64 bits each, sorted numpy array) for
    :func:`is_stored`: what a rerun need not extract again."""
    import numpy as np

    return np.unique(np.array([int(h[:16], 16) for h in store.text_hashes()], dtype=np.uint64))


def is_stored(text: str, stored: Any) -> bool:
    """Whether a stored document has this text (a 64-bit key: a rare false positive is
    only extracted by the writer instead)."""
    if stored is None or len(stored) == 0:
        return False
    import numpy as np

    from .store.write import text_hash

    key = np.uint64(int(text_hash(text)[:16], 16))
    i = int(np.searchsorted(stored, key))
    return i < len(stored) and stored[i] == key


# -- 3. write --------------------------------------------------------------------------------

class Writer:
    """Stores the parts' items through one Store in input order (see module docstring)."""

    def __init__(self, store: Any, summary: BulkSummary, on_problem: ProblemHandler | None,
                 progress: Callable[[Any], None] | None = None) -> None:
        self.store, self.summary, self.on_problem = store, summary, on_problem
        self.progress = progress
        self.first_seen: dict[str, dict[str, int]] = {}  # split file -> id -> line or row

    def write(self, part: Part, items: list[Item]) -> None:
        for item in items:
            if isinstance(item, InputProblem):
                handle_item(item, self.store, self.summary, self.on_problem, self.progress)
                continue
            doc, outcome = item
            if not part.whole and (dup := self._duplicate(part, doc)) is not None:
                handle_item(dup, self.store, self.summary, self.on_problem, self.progress)
                continue
            result = handle_item(doc, self.store, self.summary, self.on_problem, self.progress,
                                 make_record=_record_of(outcome), resolve=False,
                                 record=outcome if isinstance(outcome, Record) else None)
            if result is not None and result.status != "unchanged":
                self.summary.written.append(doc.id)

    def _duplicate(self, part: Part, doc: Document) -> InputProblem | None:
        """A later line of a split file with an id read before, as the reader says it."""
        seen = self.first_seen.setdefault(part.path, {})
        where = int((doc.source or "").rsplit(":", 1)[-1] or 0)
        if doc.id in seen:
            unit = "line" if part.kind == "jsonl" else "row"
            return InputProblem(part.path, where, _duplicate(doc.id, f"{unit} {seen[doc.id]}"))
        seen[doc.id] = where
        return None

    def fail_part(self, part: Part, error: BaseException) -> None:
        """A part the cluster could not process (its worker died too often, …): one problem."""
        self.summary.parts_failed += 1
        problem = InputProblem(str(part), None, f"not processed: {type(error).__name__}: {error}; "
                                                "run again to retry it")
        handle_item(problem, self.store, self.summary, self.on_problem, self.progress)


def _record_of(outcome: Record | Failure | None) -> Callable[[Document], Record]:
    def make_record(doc: Document) -> Record:
        if isinstance(outcome, Failure):
            outcome.raise_again()
        return outcome if outcome is not None else extract(doc)  # type: ignore[return-value]
    return make_record


# -- in the workers, for stores that take many writers -------------------------------------

_WORKER_STORES: dict[str, Any] = {}


def store_part(part: Part, target: StoreTarget, stored: Any = None) -> BulkSummary:
    """Extract and store one part in the worker (:attr:`StoreTarget.writes_in_workers`);
    the store is opened once per worker process. An id repeated across the parts of one
    file is not reported as a duplicate here: the store keeps the last written."""
    store = _WORKER_STORES.get(target.location)
    if store is None:
        store = _WORKER_STORES[target.location] = target.open()
    summary = BulkSummary()
    Writer(store, summary, None).write(Part(part.index, part.kind, whole=True), extract_part(part, stored))
    return summary


def _merge(into: BulkSummary, part: BulkSummary, on_problem: ProblemHandler | None) -> None:
    for name in ("added", "unchanged", "failed", "updated", "copies", "warnings"):
        setattr(into, name, getattr(into, name) + getattr(part, name))
    into.skipped.update(part.skipped)
    into.written.extend(part.written)
    for problem in part.problems:
        into.problems.append(problem)
        if on_problem is not None:
            on_problem(problem)


# -- the run --------------------------------------------------------------------------------

@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None,
            dashboard: str | None = ":8787") -> Iterator[Any]:
    """A Dask client: of the scheduler at ``scheduler``, else of a LocalCluster of
    ``workers`` processes (one thread each: extraction is pure Python)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as e:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: "
                               f"{' '.join(str(e).split()) or type(e).__name__}") from None
        with client:
            yield client
        return
    with warnings.catch_warnings():  # a busy port: another is taken, and its link printed
        warnings.filterwarnings("ignore", message=r"Port \d+ is already in use")
        # Dask's own logs (a heartbeat lost at shutdown on a busy machine) are not the
        # user's problems: failed parts are reported by the run itself.
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                               dashboard_address=dashboard, silence_logs=logging.CRITICAL)
    with cluster, Client(cluster) as client:
        yield client


def bulk_ingest(paths: Iterable[str | Path], target: StoreTarget, client: Any,
                part_bytes: int = PART_BYTES, on_problem: ProblemHandler | None = None,
                show_progress: bool = False) -> BulkSummary:
    """Read, extract and store ``paths`` on the cluster of ``client``; resolve at the end.

    Problems (file and line) go to ``on_problem`` as they are met, and into the summary;
    a part the cluster fails to process is one problem (a rerun retries it)."""
    from distributed import as_completed

    parts, problems = plan(paths, part_bytes)
    summary = BulkSummary(parts=len(parts))
    with target.open() as store:
        shown = _StoreProgress() if show_progress else None
        writer = Writer(store, summary, on_problem, shown)
        for problem in problems:
            handle_item(problem, store, summary, on_problem)
        run = uuid.uuid4().hex[:8]
        # A task, not scattered data: the scheduler can make it again when every worker
        # holding it died (scattered data would be lost, and every part waiting on it).
        with warnings.catch_warnings():  # 8 bytes a stored document: big by Dask's measure
            warnings.filterwarnings("ignore", message="Sending large graph")
            stored = client.submit(_same, stored_keys(store), key=f"marsad-stored-{run}")
        if target.writes_in_workers:
            futures = [client.submit(store_part, part, target, stored, key=f"marsad-part-{run}-{part.index}")
                       for part in parts]
        else:
            futures = [client.submit(extract_part, part, stored, key=f"marsad-part-{run}-{part.index}")
                       for part in parts]
        if shown is not None and futures:
            shown.bar = _progress_bar(futures)
        index = {f.key: part for f, part in zip(futures, parts)}
        done: dict[int, Any] = {}
        next_part = 0
        for future in as_completed(futures):
            part = index[future.key]
            try:
                done[part.index] = future.result()
            except Exception as e:  # noqa: BLE001 - a part lost on the cluster is its problem
                done[part.index] = e
            future.release()
            while next_part in done:  # write in input order
                result = done.pop(next_part)
                if isinstance(result, BaseException):
                    writer.fail_part(parts[next_part], result)
                elif target.writes_in_workers:
                    _merge(summary, result, on_problem)
                else:
                    writer.write(parts[next_part], result)
                next_part += 1
        if shown is not None:
            shown.close()
        _resolve(store, summary, on_problem)
    return summary


def _same(value: Any) -> Any:
    return value


def _resolve(store: Any, summary: BulkSummary, on_problem: ProblemHandler | None) -> None:
    """Group the written documents' mentions (and any a crashed run left) into events."""
    try:
        summary.resolved = store.resolve(summary.written)
    except Exception as e:  # the documents are stored: grouping waits for `marsad resolve`
        problem = InputProblem(store.path, None, f"documents stored, but not grouped into events "
                                                 f"(run `marsad resolve`): {type(e).__name__}: {e}",
                               WARNING)
        summary.warnings += 1
        summary.problems.append(problem)
        if on_problem is not None:
            on_problem(problem)


def _progress_bar(futures: list[Any]) -> threading.Thread:
    """Dask's text progress bar (parts extracted), drawn from a thread while the client writes."""
    from distributed.diagnostics.progressbar import progress

    thread = threading.Thread(target=progress, args=(futures,), kwargs={"multi": False},
                              daemon=True)
    thread.start()
    return thread


class _StoreProgress:
    """Once Dask's bar is done (every part extracted), a count of the documents the writer
    has stored, on the same terminal line: the writer is often the slower."""

    def __init__(self) -> None:
        self.bar: threading.Thread | None = None
        self.count = 0
        self.drawn = False

    def __call__(self, item: Any) -> None:
        self.count += 1
        if self.count % 50 == 0 and self.bar is not None and not self.bar.is_alive():
            sys.stdout.write(f"\r\33[2Kstoring: {self.count} documents and problems handled")
            sys.stdout.flush()
            self.drawn = True

    def close(self) -> None:
        if self.bar is not None:
            self.bar.join(timeout=1)
        if self.drawn:
            sys.stdout.write("\r\33[2K")
            sys.stdout.flush()


__all__ = ["BulkSummary", "Part", "StoreTarget", "bulk_ingest", "connect", "extract_part",
           "plan", "read_part", "store_part", "stored_keys"]
