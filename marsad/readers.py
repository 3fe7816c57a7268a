"""Reading input files into :class:`~marsad.models.Document` values.

:func:`read_documents` takes files, folders and ``-`` (standard input, JSON Lines)
and yields a :class:`Document` for every readable article and an
:class:`InputProblem` for everything else. It never raises on bad input: an
empty, binary, oversized or malformed file or line becomes a problem naming the
file (and line) and the batch goes on.

Accepted inputs (SPEC section 1):

* ``.txt``: one article; ``id`` is the file stem, ``text`` the whole content.
* ``.jsonl``: one SPEC input object per line, streamed (constant memory).
* ``.json``: one SPEC input object, or a list of them.
* folders: searched recursively for the above, in sorted path order; other
  files are skipped silently (``.html`` is reported as not supported yet).

Text is decoded as UTF-8 (with or without BOM), UTF-16/32 with a BOM, or, when
the bytes are not UTF-8 and read as Windows-1256 they are mostly Arabic letters,
as Windows-1256 (common for Arabic pages saved on Windows).
"""
from __future__ import annotations

import codecs
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .models import Document

MAX_ARTICLE_BYTES = 5_000_000  # one article (a .txt file or a JSONL line); real articles are < 200 KB
MAX_JSON_BYTES = 200_000_000  # a whole .json file is parsed in memory; past this use JSON Lines
CHUNK_BYTES = 1 << 20  # read size when streaming JSON Lines
SNIFF_CHARS = 65_536  # how much of a file the encoding and binary checks look at
MAX_NUL_RATIO = 0.01  # more NUL bytes than this in the sniffed part: a binary file
MAX_CONTROL_RATIO = 0.01  # more control characters than this after decoding: binary
MIN_ARABIC_RATIO = 0.7  # share of letters that must be Arabic to accept a Windows-1256 guess

STDIN = "-"
STDIN_NAME = "<stdin>"
FOLDER_SUFFIXES = (".txt", ".jsonl", ".json", ".html", ".htm")
LANGS = ("ar", "en", "fr")
HTML_NOT_SUPPORTED = "html input not supported yet (issue 3)"
BINARY = "binary file, not text"

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class InputProblem:
    """A file or line that could not be read as a document, and why."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class _Problem(Exception):
    """Internal: the message of an :class:`InputProblem` for the current file."""


def read_documents(paths: Iterable[str | Path], stdin: BinaryIO | None = None,
                   ) -> Iterator[Document | InputProblem]:
    """Yield a Document or an InputProblem for each article found in ``paths``.

    ``-`` reads JSON Lines from ``stdin`` (default: the process's standard input).
    Never raises for bad input; the order of the output is deterministic.
    """
    for path in paths:
        if str(path) == STDIN:
            yield from _read_jsonl(stdin or sys.stdin.buffer, STDIN_NAME)
            continue
        p = Path(path)
        if p.is_dir():
            for f in _folder_files(p):
                yield from _read_file(f)
        elif p.exists():
            yield from _read_file(p, explicit=True)
        else:
            yield InputProblem(str(path), None, "no such file or directory")


def count_documents(paths: Iterable[str | Path]) -> int | None:
    """A quick estimate of how many documents ``paths`` hold (None for stdin).

    Counts ``.txt``/``.json`` files as one and JSONL files by their newlines;
    used to size progress bars, never to validate.
    """
    total = 0
    for path in paths:
        if str(path) == STDIN:
            return None
        p = Path(path)
        files = _folder_files(p) if p.is_dir() else [p]
        total += sum(_estimate(f) for f in files)
    return total


def document_from_json(obj: Any, source: str | None = None) -> Document:
    """Turn one SPEC input object into a Document; raise InputError when it is not one."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {_type_name(obj)}")
    doc_id, text = obj.get("id"), obj.get("text")
    if doc_id is None:
        raise InputError("missing field 'id'")
    _check_type(obj, "id", str)
    if not doc_id.strip():
        raise InputError("field 'id' is empty")
    if text is None:
        if obj.get("html") is not None:
            raise InputError(HTML_NOT_SUPPORTED)
        raise InputError("missing field 'text' (or 'html')")
    for name in ("text", "published", "url", "lang", "title"):
        _check_type(obj, name, str)
    if not text.strip():
        raise InputError("field 'text' is empty")
    published, lang = obj.get("published"), obj.get("lang")
    if published is not None and not _is_iso_date(published):
        raise InputError(f"field 'published' must be a YYYY-MM-DD date, got {published!r}")
    if lang is not None and lang not in LANGS:
        raise InputError(f"field 'lang' must be one of {', '.join(LANGS)}, got {lang!r}")
    return Document(id=doc_id, text=text, published=published, url=obj.get("url"), lang=lang,
                    title=obj.get("title"), source=source,
                    published_from="input" if published else None)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole file; return ``(text, encoding)`` or raise InputError (see module doc)."""
    try:
        return _decode(data)
    except _Problem as e:
        raise InputError(str(e)) from None


# -- files -----------------------------------------------------------------------------

def _folder_files(root: Path) -> list[Path]:
    """Readable files under ``root``, recursively, hidden ones skipped, in sorted order."""
    found = []
    for p in root.rglob("*"):
        parts = p.relative_to(root).parts
        if p.suffix.lower() in FOLDER_SUFFIXES and not any(s.startswith(".") for s in parts) \
                and p.is_file():
            found.append((parts, p))
    return [p for _, p in sorted(found)]


def _read_file(p: Path, explicit: bool = False) -> Iterator[Document | InputProblem]:
    """Dispatch one file on its extension; turn read errors into problems."""
    suffix = p.suffix.lower()
    try:
        if suffix == ".txt":
            yield _read_txt(p)
        elif suffix == ".jsonl":
            with p.open("rb") as f:
                yield from _read_jsonl(f, str(p))
        elif suffix == ".json":
            yield from _read_json(p)
        elif suffix in (".html", ".htm"):
            yield InputProblem(str(p), None, HTML_NOT_SUPPORTED)
        elif explicit:
            yield InputProblem(str(p), None, f"unsupported file type {suffix or '(none)'!r}; "
                                             "use .txt, .jsonl or .json")
    except _Problem as e:
        yield InputProblem(str(p), None, str(e))
    except OSError as e:
        yield InputProblem(str(p), None, f"cannot read file: {e.strerror or e}")


def _read_txt(p: Path) -> Document:
    """One article per file; raises _Problem for empty, binary or oversized files."""
    size = p.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise _Problem(f"file too large for one article ({_mb(size)} > {_mb(MAX_ARTICLE_BYTES)})")
    text, _ = _decode(p.read_bytes())
    if not text.strip():
        raise _Problem("empty file")
    return Document(id=p.stem, text=text, source=str(p))


def _read_json(p: Path) -> Iterator[Document | InputProblem]:
    """One SPEC object or a list of them; list items are named ``file[i]``."""
    size = p.stat().st_size
    if size > MAX_JSON_BYTES:
        raise _Problem(f"file too large for .json ({_mb(size)} > {_mb(MAX_JSON_BYTES)}); "
                       "use JSON Lines (.jsonl)")
    text, _ = _decode(p.read_bytes())
    if not text.strip():
        raise _Problem("empty file")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Problem(f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    if not isinstance(obj, list):
        yield _to_document(obj, str(p), None, str(p))
        return
    for i, item in enumerate(obj):
        doc = _to_document(item, str(p), None, f"{p}[{i}]")
        if isinstance(doc, InputProblem):
            doc = InputProblem(doc.source, None, f"item {i}: {doc.message}")
        yield doc


def _to_document(obj: Any, source: str, line: int | None, doc_source: str,
                 ) -> Document | InputProblem:
    try:
        return document_from_json(obj, doc_source)
    except InputError as e:
        return InputProblem(source, line, str(e))


def _estimate(p: Path) -> int:
    suffix = p.suffix.lower()
    if suffix != ".jsonl":
        return 1 if suffix in FOLDER_SUFFIXES else 0
    try:
        with p.open("rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(CHUNK_BYTES), b"")) + 1
    except OSError:
        return 1


# -- JSON Lines --------------------------------------------------------------------------

def _read_jsonl(f: BinaryIO, source: str) -> Iterator[Document | InputProblem]:
    """Stream a JSONL byte stream; one Document or InputProblem per non-blank line."""
    head = f.read(4096)
    if not head:
        yield InputProblem(source, None, "empty file")
        return
    bom, bom_encoding = next(((b, e) for b, e in _BOMS if head.startswith(b)), (b"", None))
    head = head[len(bom):]
    if bom_encoding is None and head.count(0) > len(head) * MAX_NUL_RATIO:
        yield InputProblem(source, None, BINARY)
        return
    seen = False
    for lineno, raw in _lines(f, head, bom_encoding):
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
            yield _parse_line(line, source, lineno)
    if not seen:
        yield InputProblem(source, None, "empty file")


def _lines(f: BinaryIO, head: bytes, encoding: str | None) -> Iterator[tuple[int, Any]]:
    """Split a stream into numbered lines: bytes, or str for UTF-16/32; None when too long."""
    def chunks() -> Iterator[bytes]:
        yield head
        while chunk := f.read(CHUNK_BYTES):
            yield chunk

    if encoding is None or encoding == "utf-8":
        return _split(chunks(), b"\n")
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    texts = (decoder.decode(c) for c in chunks())
    return _split(texts, "\n")


def _split(chunks: Iterable[Any], sep: Any) -> Iterator[tuple[int, Any]]:
    """Yield ``(line number, line)``, the line None when it exceeds MAX_ARTICLE_BYTES."""
    lineno, buf, too_long = 1, [], False
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
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1256", errors="replace")
        return text if _mostly_arabic(text) else _Problem("line is not valid UTF-8 text")


def _parse_line(line: str, source: str, lineno: int) -> Document | InputProblem:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return InputProblem(source, lineno, f"invalid JSON: {e.msg} (column {e.colno})")
    return _to_document(obj, source, lineno, f"{source}:{lineno}")


# -- decoding ------------------------------------------------------------------------------

def _decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes (see module doc); raise _Problem for binary or unknown encodings."""
    if not data:
        raise _Problem("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError:
                raise _Problem(f"invalid {encoding.upper()} text after its byte-order mark") \
                    from None
    sample = data[:SNIFF_CHARS]
    if sample.count(0) > len(sample) * MAX_NUL_RATIO:
        raise _Problem(BINARY)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    if _mostly_arabic(text):
        return text, "cp1256"
    if _control_ratio(text[:SNIFF_CHARS]) > MAX_CONTROL_RATIO:
        raise _Problem(BINARY)
    raise _Problem("unknown text encoding (not UTF-8, UTF-16 or Windows-1256); "
                   "convert the file to UTF-8")


def _mostly_arabic(text: str) -> bool:
    """True when the text has no binary noise and most of its letters are Arabic."""
    sample = text[:SNIFF_CHARS]
    letters = [c for c in sample if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return (bool(letters) and arabic >= MIN_ARABIC_RATIO * len(letters)
            and _control_ratio(sample) <= MAX_CONTROL_RATIO)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if c == "\ufffd"
              or (c not in "\t\n\r\f\v" and unicodedata.category(c) == "Cc"))
    return bad / len(text)


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
