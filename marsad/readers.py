"""Reading input files into :class:`~marsad.models.Document` values.

:func:`read_documents` takes files, folders and ``-`` (standard input, JSON Lines)
and yields a :class:`Document` for every readable article and an
:class:`InputProblem` for everything else. It never raises on bad input: an
empty, binary, oversized or malformed file, line or archive record becomes a
problem naming the file (and line or record offset) and the batch goes on.

Accepted inputs (SPEC section 1):

* ``.txt``: one article; ``id`` is the file stem, ``text`` the whole content.
* ``.html`` / ``.htm``: one web page; ``id`` is the file stem; the text, title,
  publication date (from the page's metadata only), canonical URL and language
  come from the page (:func:`marsad.web.html.page_document`).
* ``.jsonl``: one SPEC input object per line, streamed (memory grows only with the
  ids seen, to report a duplicate); an object with ``html`` and no ``text`` is read as
  a page, its own fields winning. A line holding NUL bytes, invalid or too deeply nested
  JSON is a problem of its own line; a second line with an id seen before in the file
  is a problem too, and the first is kept.
* ``.jsonl.gz``: the same, gzipped; a damaged stream ends with one problem.
* ``.json``: one SPEC input object, or a list of them (duplicate ids as in JSONL).
* ``.parquet`` (needs pyarrow, ``marsad[scale]``): one SPEC input object per row (string
  columns ``id``, ``text`` or ``html``, ``published`` (or a date), ``url``, ``lang``,
  ``title``); problems name the row (``file:ROW``, from 1), duplicate ids as in JSONL.
* ``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``: web archives, streamed record by
  record; each HTML response with status 200 is a page whose ``id`` is
  ``warc-`` and 16 hex digits of the SHA-1 of its URL, ``url`` its target URI and
  ``published`` its metadata date or None (the WARC-Date is when it was fetched:
  it goes in ``source`` only). Other records are skipped silently; a corrupt
  archive is one problem naming the offset, after the pages read before it.
* folders: searched recursively for the above, in sorted path order, following
  links to folders once; hidden files are ignored. A folder that cannot be read, a
  broken link or a link loop is a problem; a file of another type is reported as
  skipped (``level="skipped"``), for the caller's summary.

Lone surrogates (``"\\ud800"`` escapes, which no UTF-8 text can hold) in any field
are replaced by U+FFFD, one for one, and so are the few invalid bytes of a text that is
otherwise UTF-8 (a character cut in two); the document comes with a warning
(``level="warning"``) just before it.

Text files are decoded by :func:`marsad.web.encoding.decode_text` (BOM, UTF-8 or an
Arabic single-byte encoding), pages by :func:`marsad.web.encoding.decode_page`.
"""
from __future__ import annotations

import codecs
import contextlib
import errno
import hashlib
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .models import Document, replace_surrogates
from .web.encoding import (BINARY, BOMS, MAX_NUL_RATIO, arabic_single_byte, decode_page, decode_text,
                           mostly_utf8, replaced_bytes)

MAX_ARTICLE_BYTES = 5_000_000  # one article (.txt file or JSONL line); real ones are < 200 KB
MAX_PAGE_BYTES = 20_000_000  # one HTML page; trafilatura refuses larger ones too
MAX_JSON_BYTES = 200_000_000  # a whole .json file is parsed in memory; past this use JSON Lines
CHUNK_BYTES = 1 << 20  # read size when streaming JSON Lines
ARCHIVE_BYTES_PER_PAGE = 50_000  # rough size of one archived page, to estimate progress only
ARCHIVE_ID_HEX = 16  # hex digits of the URL's SHA-1 in an archived page's id (64 bits)

STDIN = "-"
STDIN_NAME = "<stdin>"
HTML_SUFFIXES = (".html", ".htm")
ARCHIVE_SUFFIXES = (".warc.gz", ".arc.gz", ".warc", ".arc")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
PARQUET_SUFFIX = ".parquet"
FOLDER_SUFFIXES = (".txt", *JSONL_SUFFIXES, ".json", *HTML_SUFFIXES, *ARCHIVE_SUFFIXES,
                   PARQUET_SUFFIX)
HTML_TYPES = ("text/html", "application/xhtml+xml")
LANGS = ("ar", "en", "fr")

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
ERROR, WARNING, SKIPPED = "error", "warning", "skipped"


@dataclass(frozen=True)
class InputProblem:
    """A file or line that could not be read as a document, and why.

    ``level`` is ERROR (nothing read from it), WARNING (the document that follows was read,
    but something in it was repaired) or SKIPPED (a file of a type no reader takes, met in
    a folder: ``message`` is its type, for the caller's summary).
    """

    source: str
    line: int | None
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {'warning: ' if self.level == WARNING else ''}{self.message}"


def skipped_summary(kinds: Counter) -> str:
    """``2 files skipped: unsupported type .bin`` for SKIPPED problems counted by type."""
    total = sum(kinds.values())
    order = sorted(kinds, key=lambda k: (-kinds[k], k == "", k))
    names = [k or "no extension" for k in order]
    if len(names) > 1:
        names = [f"{n} ({kinds[k]})" for n, k in zip(names, order)]
    return f"{total} file{'s' * (total != 1)} skipped: unsupported type {', '.join(names)}"


class _Problem(Exception):
    """Internal: the message of an :class:`InputProblem` for the current file."""


def read_documents(paths: Iterable[str | Path], stdin: BinaryIO | None = None,
                   ) -> Iterator[Document | InputProblem]:
    """Yield a Document or an InputProblem for each article found in ``paths``.

    ``-`` reads JSON Lines from ``stdin`` (default: the process's standard input).
    Never raises for bad input; the order of the output is deterministic.
    """
    for item in _read_paths(paths, stdin):
        if isinstance(item, Document) and item.replaced:
            yield InputProblem(item.source or item.id, None, _replaced_message(item), WARNING)
        yield item


def _read_paths(paths: Iterable[str | Path], stdin: BinaryIO | None,
                ) -> Iterator[Document | InputProblem]:
    for path in paths:
        if str(path) == STDIN:
            yield from _read_jsonl(stdin or sys.stdin.buffer, STDIN_NAME)
            continue
        p = Path(path)
        if p.is_dir():
            files, problems = _scan_folder(p)
            yield from (x for x in problems if x.level != SKIPPED)
            for f in files:
                yield from _read_file(f)
            yield from (x for x in problems if x.level == SKIPPED)
        elif p.exists():
            yield from _read_file(p, explicit=True)
        else:
            yield InputProblem(str(path), None, "no such file or directory")


def _replaced_message(doc: Document) -> str:
    n = doc.replaced
    return (f"document {doc.id!r}: {n} character{'s' * (n != 1)} that UTF-8 cannot hold "
            f"(lone surrogates, invalid bytes) replaced by U+FFFD")


def count_documents(paths: Iterable[str | Path]) -> int | None:
    """A quick estimate of how many documents ``paths`` hold (None for stdin).

    Counts ``.txt``/``.json``/``.html`` files as one, JSONL files by their newlines
    and archives by their size; used to size progress bars, never to validate.
    """
    total = 0
    for path in paths:
        if str(path) == STDIN:
            return None
        p = Path(path)
        files = _scan_folder(p)[0] if p.is_dir() else [p]
        total += sum(_estimate(f) for f in files)
    return total


def document_from_json(obj: Any, source: str | None = None) -> Document:
    """Turn one SPEC input object into a Document; raise InputError when it is not one.

    An object with ``html`` and no ``text`` is a web page: its main text becomes
    ``text`` and its metadata fills the fields the object leaves out.
    """
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {_type_name(obj)}")
    obj, replaced = _without_surrogates(obj)
    doc_id, text, html = obj.get("id"), obj.get("text"), obj.get("html")
    if doc_id is None:
        raise InputError("missing field 'id'")
    _check_type(obj, "id", str)
    if not doc_id.strip():
        raise InputError("field 'id' is empty")
    if text is None and html is None:
        raise InputError("missing field 'text' (or 'html')")
    for name in ("text", "html", "published", "url", "lang", "title"):
        _check_type(obj, name, str)
    field = "text" if text is not None else "html"
    if not obj[field].strip():
        raise InputError(f"field {field!r} is empty")
    published, lang = obj.get("published"), obj.get("lang")
    if published is not None and not _is_iso_date(published):
        raise InputError(f"field 'published' must be a YYYY-MM-DD date, got {published!r}")
    if lang is not None and lang not in LANGS:
        raise InputError(f"field 'lang' must be one of {', '.join(LANGS)}, got {lang!r}")
    if text is None:
        doc = _page(html, doc_id, url=obj.get("url"), published=published, lang=lang,
                    title=obj.get("title"), source=source)
    else:
        doc = Document(id=doc_id, text=text, published=published, url=obj.get("url"),
                       lang=lang, title=obj.get("title"), source=source,
                       published_from="input" if published else None)
    doc.replaced += replaced
    return doc


def _without_surrogates(obj: dict) -> tuple[dict, int]:
    """The object with lone surrogates replaced in its string fields, and how many there were.

    Done before the fields are used: an HTML parser stops reading at the first one.
    """
    total, out = 0, obj
    for name in _STRING_FIELDS:
        value, n = replace_surrogates(obj.get(name))
        if n:
            out = dict(out) if out is obj else out
            out[name] = value
            total += n
    return out, total


_STRING_FIELDS = ("id", "text", "html", "published", "url", "lang", "title")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole text file: :func:`marsad.web.encoding.decode_text` (raises InputError)."""
    return decode_text(data)


# -- files -----------------------------------------------------------------------------

def _kind(p: Path) -> str:
    """The file's type: its known (possibly double) suffix, else its last suffix."""
    name = p.name.lower()
    return next((s for s in FOLDER_SUFFIXES if name.endswith(s)), p.suffix.lower())


def _scan_folder(root: Path) -> tuple[list[Path], list[InputProblem]]:
    """Input files under ``root`` in sorted path order, and what could not be or was not read.

    Recursive, hidden names ignored; a link to a folder is followed, once: a folder met
    again (by another link) is not read twice. Problems: folders that cannot be listed,
    broken links, link loops (ERROR), and files of another type (SKIPPED, ``message``
    their type).
    """
    files: list[Path] = []
    problems: list[InputProblem] = []
    seen: set[tuple[int, int]] = set()
    above: list[tuple[int, int]] = []  # the folders being visited, root first

    def visit(folder: Path) -> None:
        try:
            st = folder.stat()
            key = (st.st_dev, st.st_ino)
            if key in above:
                problems.append(InputProblem(str(folder), None, "link loop (a link to a folder "
                                                                "holding it), skipped"))
            if key in seen:
                return
            seen.add(key)
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            problems.append(InputProblem(str(folder), None, f"cannot read folder: {e.strerror or e}"))
            return
        above.append(key)
        for entry in entries:
            if not entry.name.startswith("."):
                _visit_entry(entry, visit, files, problems)
        above.pop()

    visit(root)
    return files, problems


def _visit_entry(entry: os.DirEntry, visit: Any, files: list[Path],
                 problems: list[InputProblem]) -> None:
    """File one folder entry: an input file, a folder to visit, or a problem."""
    p = Path(entry.path)
    try:
        os.stat(entry.path)  # follows links: a broken one or a loop raises
        if entry.is_dir():
            visit(p)
        elif not entry.is_file():
            problems.append(InputProblem(str(p), None, "not a regular file, skipped"))
        elif _kind(p) in FOLDER_SUFFIXES:
            files.append(p)
        else:
            problems.append(InputProblem(str(p), None, _kind(p), SKIPPED))
    except OSError as e:
        if e.errno == errno.ELOOP:
            reason = "link loop, skipped"
        elif entry.is_symlink() and e.errno == errno.ENOENT:
            reason = "broken link (its target does not exist), skipped"
        else:
            reason = f"cannot read: {e.strerror or e}"
        problems.append(InputProblem(str(p), None, reason))


def _read_file(p: Path, explicit: bool = False) -> Iterator[Document | InputProblem]:
    """Dispatch one file on its extension; turn read errors into problems."""
    kind = _kind(p)
    try:
        if kind == ".txt":
            yield _read_txt(p)
        elif kind == ".jsonl":
            with p.open("rb") as f:
                yield from _read_jsonl(f, str(p))
        elif kind == ".jsonl.gz":
            yield from _read_jsonl_gz(p)
        elif kind == PARQUET_SUFFIX:
            yield from read_parquet_rows(p)
        elif kind == ".json":
            yield from _read_json(p)
        elif kind in HTML_SUFFIXES:
            yield _read_html(p)
        elif kind in ARCHIVE_SUFFIXES:
            yield from _read_archive(p)
        elif explicit:
            yield InputProblem(str(p), None, f"unsupported file type {kind or '(none)'!r}; "
                                             "use .txt, .jsonl(.gz), .json, .html, .warc(.gz) "
                                             "or .parquet")
    except (_Problem, InputError) as e:
        yield InputProblem(str(p), None, str(e))
    except OSError as e:
        yield InputProblem(str(p), None, f"cannot read file: {e.strerror or e}")


def _read_txt(p: Path) -> Document:
    """One article per file; raises _Problem for empty, binary or oversized files."""
    data = _read_bytes(p, MAX_ARTICLE_BYTES, "one article")
    text, _ = decode_text(data)
    if not text.strip():
        raise _Problem("empty file")
    doc = Document(id=p.stem, text=text, source=str(p))
    doc.replaced += replaced_bytes(data, text)
    return doc


def _read_html(p: Path) -> Document:
    """One web page per file; raises _Problem/InputError for empty or unreadable pages."""
    data = _read_bytes(p, MAX_PAGE_BYTES, "one page")
    if not data.strip():
        raise _Problem("empty file")
    html, _ = decode_page(data)
    doc = _page(html, p.stem, source=str(p))
    doc.replaced += replaced_bytes(data, html)
    return doc


def _read_bytes(p: Path, limit: int, what: str) -> bytes:
    size = p.stat().st_size
    if size > limit:
        raise _Problem(f"file too large for {what} ({_mb(size)} > {_mb(limit)})")
    return p.read_bytes()


def _page(html: str, doc_id: str, **fields: Any) -> Document:
    """:func:`marsad.web.html.page_document` (imported on first use: it loads trafilatura).

    Raises InputError for any page it cannot read, whatever the HTML parser raised.
    """
    from .web.html import page_document

    try:
        return page_document(html, doc_id, **fields)
    except InputError:
        raise
    except Exception as e:  # a parser failing on one malformed page must not stop the batch
        raise InputError(f"cannot read the page: {_reason(e)}") from None


def _read_json(p: Path) -> Iterator[Document | InputProblem]:
    """One SPEC object or a list of them; list items are named ``file[i]``."""
    size = p.stat().st_size
    if size > MAX_JSON_BYTES:
        raise _Problem(f"file too large for .json ({_mb(size)} > {_mb(MAX_JSON_BYTES)}); "
                       "use JSON Lines (.jsonl)")
    data = p.read_bytes()
    text, _ = decode_text(data)
    if not text.strip():
        raise _Problem("empty file")
    if replaced := replaced_bytes(data, text):
        yield InputProblem(str(p), None, f"{replaced} invalid UTF-8 byte sequence"
                                         f"{'s' * (replaced != 1)} replaced by U+FFFD", WARNING)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Problem(f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    except (RecursionError, ValueError) as e:
        raise _Problem(_json_failure(e)) from None
    if not isinstance(obj, list):
        yield _to_document(obj, str(p), None, str(p))
        return
    first: dict[str, int] = {}
    for i, item in enumerate(obj):
        doc = _to_document(item, str(p), None, f"{p}[{i}]")
        if isinstance(doc, Document) and doc.id in first:
            doc = InputProblem(doc.source, None, _duplicate(doc.id, f"item {first[doc.id]}"))
        elif isinstance(doc, Document):
            first[doc.id] = i
        if isinstance(doc, InputProblem):
            doc = InputProblem(str(p), None, f"item {i}: {doc.message}")
        yield doc


def _duplicate(doc_id: str, first: str) -> str:
    return f"duplicate id {doc_id!r} (first at {first}): the first kept, this one skipped"


def _json_failure(error: Exception) -> str:
    """The problem of JSON that Python's parser refuses without a JSONDecodeError."""
    if isinstance(error, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {' '.join(str(error).split())}"  # e.g. a number of over 4,300 digits


def _to_document(obj: Any, source: str, line: int | None, doc_source: str,
                 ) -> Document | InputProblem:
    try:
        return document_from_json(obj, doc_source)
    except InputError as e:
        return InputProblem(source, line, str(e))


def _estimate(p: Path) -> int:
    kind = _kind(p)
    try:
        if kind in ARCHIVE_SUFFIXES:
            return max(1, p.stat().st_size // ARCHIVE_BYTES_PER_PAGE)
        if kind == PARQUET_SUFFIX:
            import pyarrow.parquet as pq
            return pq.ParquetFile(p).metadata.num_rows
        if kind == ".jsonl.gz":
            return max(1, p.stat().st_size // 1000)  # compressed size, a rough estimate
        if kind != ".jsonl":
            return 1 if kind in FOLDER_SUFFIXES else 0
        with p.open("rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(CHUNK_BYTES), b"")) + 1
    except (OSError, ImportError, ValueError):
        return 1


# -- JSON Lines --------------------------------------------------------------------------

def _read_jsonl(f: BinaryIO, source: str, first_line: int = 1,
                whole: bool = True) -> Iterator[Document | InputProblem]:
    """Stream a JSONL byte stream; one Document or InputProblem per non-blank line.

    ``whole=False`` reads a part of a file that starts at line ``first_line`` (see
    :func:`read_jsonl_part`): the file-level checks (empty, binary, BOM) are the first
    part's, and duplicate ids are told only within the part."""
    head = f.read(4096)
    if not head:
        if whole:
            yield InputProblem(source, None, "empty file")
        return
    bom, bom_encoding = (next(((b, e) for b, e in BOMS if head.startswith(b)), (b"", None))
                         if first_line == 1 else (b"", None))
    head = head[len(bom):]
    if bom_encoding is None and first_line == 1 and _binary_head(head):
        yield InputProblem(source, None, BINARY)
        return
    seen = not whole
    first: dict[str, int] = {}  # id -> the line it was first read on
    for lineno, raw in _lines(f, head, bom_encoding, first_line):
        if raw is None:
            yield InputProblem(source, lineno, f"line too long for one article "
                                               f"(> {_mb(MAX_ARTICLE_BYTES)})")
            seen = True
            continue
        line = raw if isinstance(raw, str) else _decode_line(raw)
        if isinstance(line, _Problem):
            yield InputProblem(source, lineno, str(line))
            seen = True
        elif line.strip():
            seen = True
            item = _parse_line(line, source, lineno)
            if isinstance(item, Document):
                item.replaced += 0 if isinstance(raw, str) else replaced_bytes(raw, line)
                if item.id in first:
                    item = InputProblem(source, lineno,
                                        _duplicate(item.id, f"line {first[item.id]}"))
                else:
                    first[item.id] = lineno
            yield item
    if not seen:
        yield InputProblem(source, None, "empty file")


def read_jsonl_part(path: str | Path, start: int, end: int, first_line: int,
                    whole: bool = False) -> Iterator[Document | InputProblem]:
    """The documents of bytes ``start`` to ``end`` of a JSONL file, a part that starts a line
    (numbered ``first_line``) and ends after a newline or at the end of the file; as
    :func:`read_documents` reads them, replaced-character warnings included."""
    p = Path(path)
    try:
        with p.open("rb") as f:
            f.seek(start)
            data = f.read(end - start)
    except OSError as e:
        yield InputProblem(str(p), None, f"cannot read file: {e.strerror or e}")
        return
    for item in _read_jsonl(io.BytesIO(data), str(p), first_line, whole):
        if isinstance(item, Document) and item.replaced:
            yield InputProblem(item.source or item.id, None, _replaced_message(item), WARNING)
        yield item


def _read_jsonl_gz(p: Path) -> Iterator[Document | InputProblem]:
    """A gzipped JSONL file, streamed; a damaged stream ends it with one problem."""
    import gzip
    import zlib

    try:
        with gzip.open(p, "rb") as f:
            yield from _read_jsonl(f, str(p))  # type: ignore[arg-type]
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        yield InputProblem(str(p), None, f"corrupt gzip stream: {_reason(e)}")


def read_parquet_rows(p: Path, row_groups: list[int] | None = None,
                      ) -> Iterator[Document | InputProblem]:
    """Documents of a Parquet file of SPEC input rows (``id``, ``text`` or ``html``,
    ``published``, ``url``, ``lang``, ``title``); each row is read as a JSONL line is, its
    problems named ``file:ROW`` (rows counted from 1 over the whole file). ``row_groups``:
    only these (for a part of the file)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputProblem(str(p), None, "reading Parquet needs pyarrow: "
                                         "pip install 'marsad[scale]'")
        return
    try:
        f = pq.ParquetFile(p)
        groups = range(f.num_row_groups) if row_groups is None else row_groups
        offsets = [0]
        for i in range(f.num_row_groups):
            offsets.append(offsets[-1] + f.metadata.row_group(i).num_rows)
        columns = [c for c in _STRING_FIELDS if c in f.schema_arrow.names]
        first: dict[str, int] = {}
        for group in groups:
            rows = f.read_row_group(group, columns=columns).to_pylist()
            for i, row in enumerate(rows, offsets[group] + 1):
                obj = {k: v for k, v in row.items() if v is not None}
                if isinstance(obj.get("published"), date):
                    obj["published"] = obj["published"].isoformat()
                item = _to_document(obj, str(p), i, f"{p}:{i}")
                if isinstance(item, Document) and item.id in first:
                    item = InputProblem(str(p), i, _duplicate(item.id, f"row {first[item.id]}"))
                elif isinstance(item, Document):
                    first[item.id] = i
                if isinstance(item, Document) and item.replaced:
                    yield InputProblem(item.source or item.id, None, _replaced_message(item),
                                       WARNING)
                yield item
    except Exception as e:  # pyarrow raises many types for a damaged file
        yield InputProblem(str(p), None, f"cannot read Parquet: {_reason(e)}")


def _binary_head(head: bytes) -> bool:
    """Whether a JSONL stream's first bytes are binary: many NUL bytes, and its first line
    with them (a text file whose later lines hold NULs is read line by line)."""
    if head.count(0) <= len(head) * MAX_NUL_RATIO:
        return False
    first = head.lstrip(b" \t\r\n").split(b"\n", 1)[0]
    return b"\0" in first or not first.startswith(b"{")


def _lines(f: BinaryIO, head: bytes, encoding: str | None,
           first_line: int = 1) -> Iterator[tuple[int, Any]]:
    """Split a stream into numbered lines: bytes, or str for UTF-16/32; None when too long."""
    def chunks() -> Iterator[bytes]:
        yield head
        while chunk := f.read(CHUNK_BYTES):
            yield chunk

    if encoding is None or encoding == "utf-8":
        return _split(chunks(), b"\n", first_line)
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    texts = (decoder.decode(c) for c in chunks())
    return _split(texts, "\n", first_line)


def _split(chunks: Iterable[Any], sep: Any, first_line: int = 1) -> Iterator[tuple[int, Any]]:
    """Yield ``(line number, line)``, the line None when it exceeds MAX_ARTICLE_BYTES."""
    lineno, buf, too_long = first_line, [], False
    size = 0
    for chunk in chunks:
        start = 0
        while (nl := chunk.find(sep, start)) != -1:
            if not too_long and size + nl - start <= MAX_ARTICLE_BYTES:
                yield lineno, sep[:0].join(buf) + chunk[start:nl]
            else:
                yield lineno, None
            lineno, buf, size, too_long, start = lineno + 1, [], 0, False, nl + 1
        if not too_long:
            buf.append(chunk[start:])
            size += len(chunk) - start
            if size > MAX_ARTICLE_BYTES:
                too_long, buf = True, []
    if buf and any(buf) or too_long:
        yield lineno, None if too_long else sep[:0].join(buf)


def _decode_line(raw: bytes) -> str | _Problem:
    if b"\0" in raw:
        return _Problem(_NUL_LINE)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        found = mostly_utf8(raw) or arabic_single_byte(raw)
        return found[0] if found else _Problem("line is not valid UTF-8 text")


_NUL_LINE = "line holds NUL bytes (binary data, not text)"


def _parse_line(line: str, source: str, lineno: int) -> Document | InputProblem:
    if "\0" in line:  # a UTF-16/32 stream's line
        return InputProblem(source, lineno, _NUL_LINE)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return InputProblem(source, lineno, f"invalid JSON: {e.msg} (column {e.colno})")
    except (RecursionError, ValueError) as e:
        return InputProblem(source, lineno, _json_failure(e))
    return _to_document(obj, source, lineno, f"{source}:{lineno}")


# -- web archives ---------------------------------------------------------------------------

def _read_archive(p: Path) -> Iterator[Document | InputProblem]:
    """Stream a WARC/ARC file (gzipped or not): one Document per HTML page with status 200.

    Other records are skipped. A record that cannot be read is a problem naming its
    offset; an archive that cannot be parsed further ends with one problem.
    """
    from warcio.archiveiterator import ArchiveIterator  # imported on first use

    if p.stat().st_size == 0:
        raise _Problem("empty file")
    with p.open("rb") as f:
        records = ArchiveIterator(f, arc2warc=_kind(p).startswith(".arc"))
        seen, reported = 0, False
        while True:
            try:
                record, warned = _next_record(records)
            except Exception as e:  # warcio raises many types for a damaged archive
                yield InputProblem(str(p), None, f"corrupt archive at record offset "
                                                 f"{records.offset}: {_reason(e)}")
                return
            if warned and not reported:  # after a record's own problem it says nothing new
                yield InputProblem(str(p), None, f"record before offset {records.offset} is "
                                                 "longer than its Content-Length says", WARNING)
            reported = reported or warned
            if record is None:
                break
            if record.rec_type is None:
                continue  # blank lines between records
            if record.format == "arc" and not _kind(p).startswith(".arc"):
                yield InputProblem(str(p), None, f"corrupt archive at record offset "
                                                 f"{records.offset}: not a WARC record")
                return
            seen += 1
            item = _archive_page(record, p, records.offset)
            reported = reported or isinstance(item, InputProblem)
            if item is not None:
                yield item
    if not seen:
        yield InputProblem(str(p), None, "no archive records found (not a WARC or ARC file?)")


def _next_record(records: Any) -> tuple[Any, bool]:
    """The archive's next record (None at its end), and whether warcio warned on the way.

    warcio writes a warning to stderr, with up to megabytes of the stray bytes, when a record
    is longer than it says (a damaged or decompression-bomb archive); it is caught here so
    that the caller reports it in one line.
    """
    caught = io.StringIO()
    with contextlib.redirect_stderr(caught):
        record = next(records, None)
    return record, bool(caught.getvalue())


def _archive_page(record: Any, p: Path, offset: int) -> Document | InputProblem | None:
    """The page of one archive record, a problem, or None for a record that is no page."""
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    mime, _, params = (http.get_header("Content-Type") or "").partition(";")
    if mime.strip().lower() not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    fetched = record.rec_headers.get_header("WARC-Date")
    where = f"record at offset {offset}" + (f" ({url})" if url else "")
    try:
        data = record.content_stream().read(MAX_PAGE_BYTES + 1)
        if len(data) > MAX_PAGE_BYTES:
            return InputProblem(str(p), None, f"{where}: page too large (> {_mb(MAX_PAGE_BYTES)})")
        if getattr(record.raw_stream, "limit", 0):  # bytes the record announced but lacks
            return InputProblem(str(p), None, f"{where}: truncated record (archive cut short)")
        html, _ = decode_page(data, _charset(params))
        key = url or f"{p.name}@{offset}"
        doc_id = "warc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:ARCHIVE_ID_HEX]
        source = f"{p}@{offset}" + (f" (fetched {fetched})" if fetched else "")
        doc = _page(html, doc_id, url=url, source=source)
        doc.replaced += replaced_bytes(data, html)
        return doc
    except InputError as e:
        return InputProblem(str(p), None, f"{where}: {e}")
    except Exception as e:  # a damaged body (bad chunking, bad gzip) is this record's problem
        return InputProblem(str(p), None, f"{where}: unreadable content ({_reason(e)})")


def _charset(params: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header's parameters."""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# -- small helpers ---------------------------------------------------------------------------

def _check_type(obj: dict, name: str, kind: type) -> None:
    value = obj.get(name)
    if value is not None and not isinstance(value, kind):
        raise InputError(f"field {name!r} must be a string, got {_type_name(value)}")


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _is_iso_date(s: str) -> bool:
    if not _DATE_RE.fullmatch(s):
        return False
    try:
        date.fromisoformat(s)
    except ValueError:
        return False
    return True


def _mb(n: int) -> str:
    """``52.4 MB`` style sizes (decimal megabytes, one decimal unless whole)."""
    mb = n / 1_000_000
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
