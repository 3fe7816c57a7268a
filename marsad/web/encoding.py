"""Bytes to text: web pages (:func:`decode_page`) and text files (:func:`decode_text`).

Pages, in this order; the first that gives sensible text wins:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
2. valid UTF-8 (whatever the page declares: a UTF-8 page declaring iso-8859-1 is UTF-8),
   or UTF-8 with a few invalid bytes (a character cut in two, an encoded lone
   surrogate: at most MAX_BAD_UTF8_RATIO of its other characters), each replaced
   by U+FFFD rather than the whole text read in another encoding;
3. the declared encoding (HTTP ``charset`` or ``<meta charset>``), only when the
   text it gives is sensible: no control characters, and not letters that are
   mostly accented Latin (what Arabic bytes read as Latin-1 look like), so a
   ``<meta charset>`` that lies never wins;
4. Windows-1256 or ISO-8859-6, when one of them reads most of the page's letters
   (outside tags) as Arabic: the one that reads more; Windows-1256 on a tie;
5. charset-normalizer's best guess, under the same sensibility test.

UTF-8 text is then checked for mojibake (UTF-8 bytes once read as Windows-1252 or
Latin-1 and saved again: «Ø§Ù„Ù…ØºØ±Ø¨» for «المغرب») and repaired run by run
(:func:`repair_mojibake`). A page nothing decodes raises
``InputError("undecodable page (…)")``.

Text files (:func:`decode_text`) are stricter, as they always were: BOM, UTF-8 (with
a few invalid bytes, as above), or an Arabic single-byte encoding; anything else is
reported rather than guessed. :func:`replaced_bytes` tells how many U+FFFD a
decoding put in.
"""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

SNIFF_CHARS = 65_536  # how much of a text the encoding and binary checks look at
META_SNIFF_BYTES = 4096  # where a <meta charset> must be (HTML says 1024; pages are sloppy)
MAX_NUL_RATIO = 0.01  # more NUL bytes than this in the sniffed part: a binary file
MAX_CONTROL_RATIO = 0.01  # more control characters than this after decoding: binary
MIN_ARABIC_RATIO = 0.7  # share of the readable letters that must be Arabic to accept cp1256/8859-6
# Share of letters that may be accented Latin in a page read with a declared encoding.
# French prose has about 4 %; Arabic or UTF-8 bytes read as Latin-1 give close to 100 %.
MAX_ACCENTED_RATIO = 0.3
# Invalid UTF-8 sequences per non-ASCII character that still make a text UTF-8 (cut
# characters, stray bytes). Arabic single-byte text read as UTF-8 is almost all invalid.
MAX_BAD_UTF8_RATIO = 0.1
MOJIBAKE_PASSES = 2  # text encoded wrongly twice («Ã˜Â§») needs a second pass

BINARY = "binary file, not text"
ARABIC_ENCODINGS = ("cp1256", "iso8859-6")  # preferred first on a tie
BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Every character a mojibake sequence starts with (U+00C2-U+00F4) is C3 xx in UTF-8.
_LATIN1_IN_UTF8 = b"\xc3"
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Control characters (Unicode category Cc) but tab and line breaks, and U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.I | re.S)


def decode_page(data: bytes, declared: str | None = None, *,
                source: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a web page's bytes (see the module doc).

    ``declared`` is the HTTP ``Content-Type`` charset, if any; the page's own
    ``<meta charset>`` is read here. ``source`` (a URL or file name) prefixes the
    error message. Raises InputError for an empty or undecodable page.
    """
    where = f"{source}: " if source else ""
    if not data:
        raise InputError(f"{where}empty page")
    try:
        found = _by_bom(data)
    except InputError as e:
        raise InputError(f"{where}undecodable page ({e})") from None
    if found is None:
        found = _utf8(data) or mostly_utf8(data)
    if found is None:
        for name in (declared, declared_charset(data)):
            if (found := _declared(data, name)) is not None:
                break
    if found is None:
        found = arabic_single_byte(data) or _guess(data)
    if found is None:
        raise InputError(f"{where}undecodable page ({_why(data)})")
    text, encoding = found
    if encoding == "utf-8" and _LATIN1_IN_UTF8 in data:  # else no «Ø§»-style mojibake can be there
        text = repair_mojibake(text)
    if control_ratio(text) > MAX_CONTROL_RATIO:  # valid UTF-8 can still be binary (NULs)
        raise InputError(f"{where}undecodable page (binary data, not text)")
    return text, encoding


def decode_text(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a text file: BOM, UTF-8, or Arabic single-byte.

    Raises InputError ("empty file", "binary file, not text", "unknown text
    encoding …") for anything else.
    """
    if not data:
        raise InputError("empty file")
    found = _by_bom(data)
    if found is None:
        if _nul_ratio(data) > MAX_NUL_RATIO:
            raise InputError(BINARY)
        found = _utf8(data) or mostly_utf8(data) or arabic_single_byte(data)
    if found is not None:
        return found
    if control_ratio(data[:SNIFF_CHARS].decode("cp1256", errors="replace")) > MAX_CONTROL_RATIO:
        raise InputError(BINARY)
    raise InputError("unknown text encoding (not UTF-8, UTF-16 or Windows-1256); "
                     "convert the file to UTF-8")


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` (or ``http-equiv`` content charset) near the top of a page."""
    m = _META_CHARSET.search(data[:META_SNIFF_BYTES])
    return m[1].decode("ascii").lower() if m else None


def arabic_single_byte(data: bytes) -> tuple[str, str] | None:
    """Windows-1256 or ISO-8859-6, whichever reads more of the letters as Arabic.

    None unless the winner reads at least MIN_ARABIC_RATIO of them as Arabic and
    the text has no binary noise. Windows-1256 wins a tie.
    """
    best: tuple[float, str, str] | None = None
    for encoding in ARABIC_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        ratio = _arabic_ratio(text)
        if best is None or ratio > best[0]:
            best = (ratio, text, encoding)
    if best is None or best[0] < MIN_ARABIC_RATIO or control_ratio(best[1]) > MAX_CONTROL_RATIO:
        return None
    return best[1], best[2]


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252/Latin-1: «Ø§Ù„Ø±Ø¨Ø§Ø·» -> «الرباط».

    Each group of characters shaped like one UTF-8 sequence read as Windows-1252
    or Latin-1 bytes («Ø§» for «ا») is encoded back and decoded as UTF-8, and
    replaced only when that gives a plausible character (Arabic, Latin-1,
    punctuation), so genuine accented text («été», «L'ÉTÉ»») is left alone.
    Cheap when there is nothing to repair.
    """
    for _ in range(MOJIBAKE_PASSES):
        if not _MOJIBAKE_HINT.search(text):
            break
        text = _MOJIBAKE.sub(_repair_one, text)
    return text


def control_ratio(text: str) -> float:
    """Share of control and replacement characters in the first SNIFF_CHARS of ``text``."""
    sample = text[:SNIFF_CHARS]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


# -- the steps ---------------------------------------------------------------------------------

def _by_bom(data: bytes) -> tuple[str, str] | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"invalid {encoding.upper()} text after its byte-order mark") \
                    from None
    return None


def _utf8(data: bytes) -> tuple[str, str] | None:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few invalid sequences, each read as U+FFFD; None for other text."""
    text = data.decode("utf-8", errors="replace")
    bad = replaced_bytes(data, text)
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - bad
    return (text, "utf-8") if 0 < bad <= non_ascii * MAX_BAD_UTF8_RATIO else None


def replaced_bytes(data: bytes, text: str) -> int:
    """How many U+FFFD the decoding of ``data`` into ``text`` put in (0 for non-UTF-8 text)."""
    return max(0, text.count("\ufffd") - data.count("\ufffd".encode("utf-8")))


def _declared(data: bytes, name: str | None) -> tuple[str, str] | None:
    """The declared encoding's text, when the name is known and the text is sensible."""
    if not name:
        return None
    try:
        encoding = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if encoding.startswith(("utf-8", "utf-16", "utf-32")) and _nul_ratio(data) <= MAX_NUL_RATIO:
        return None  # UTF-8 was tried already; UTF-16/32 without a BOM would have NULs
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if _sensible(text) else None


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, when it gives sensible text."""
    from charset_normalizer import from_bytes  # imported late: only odd pages get here

    if _nul_ratio(data) > MAX_NUL_RATIO:
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return (text, best.encoding) if _sensible(text) else None


def _why(data: bytes) -> str:
    if _nul_ratio(data) > MAX_NUL_RATIO or \
            control_ratio(data[:SNIFF_CHARS].decode("latin-1")) > MAX_CONTROL_RATIO:
        return "binary data, not text"
    return "not UTF-8, UTF-16, Windows-1256 or ISO-8859-6, and no declared encoding fits"


# -- measures ------------------------------------------------------------------------------------

def _visible(text: str) -> str:
    """Roughly the readable text of a page: tags, scripts and styles removed."""
    return _TAGS.sub(" ", text[:SNIFF_CHARS * 4])[:SNIFF_CHARS]


def _sensible(text: str) -> bool:
    """No binary noise, and letters that are not mostly accented Latin (mojibake)."""
    if control_ratio(text) > MAX_CONTROL_RATIO:
        return False
    letters = [c for c in _visible(text) if c.isalpha()]
    accented = sum(1 for c in letters if "\u00c0" <= c <= "\u024f")
    return accented <= MAX_ACCENTED_RATIO * len(letters)


def _arabic_ratio(text: str) -> float:
    letters = [c for c in _visible(text) if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _is_arabic(c)) / len(letters)


def _is_arabic(c: str) -> bool:
    return "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"


def _nul_ratio(data: bytes) -> float:
    sample = data[:SNIFF_CHARS]
    return sample.count(0) / len(sample) if sample else 0.0


# -- mojibake ---------------------------------------------------------------------------------

def _single_byte_table() -> dict[str, int]:
    """Each character Windows-1252 or Latin-1 shows for a byte >= 0x80, to that byte."""
    table = {}
    for b in range(0x80, 0x100):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            pass  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252, kept by Latin-1 below
        table.setdefault(chr(b), b)
    return table


_BYTE_OF = _single_byte_table()
_CONT = "[" + "".join(re.escape(c) for c, b in _BYTE_OF.items() if b < 0xC0) + "]"
# One UTF-8 sequence read as single bytes: a lead byte (0xC2-0xF4, shown as «Â»-«ô»)
# followed by as many continuation bytes (0x80-0xBF) as it announces.
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}"
                       f"|[\u00f0-\u00f4]{_CONT}{{3}}")
# The cheap test first: any lead byte followed by a continuation byte (one scan, no branches).
_MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4]{_CONT}")


def _repair_one(m: re.Match) -> str:
    try:
        fixed = bytes(_BYTE_OF[c] for c in m.group()).decode("utf-8")
    except UnicodeDecodeError:
        return m.group()
    return fixed if _plausible(fixed) else m.group()


def _plausible(c: str) -> bool:
    """Characters a repaired run may contain: Arabic, Latin-1 and Latin-A letters, punctuation."""
    return (_is_arabic(c) or "\u00a0" <= c <= "\u017f" or "\u2010" <= c <= "\u205e"
            or c in "\u20ac\u2122")
