"""The publication date: the input's, else a dateline in the text.

A dateline is a full date (day, month, year) after a label on a short line («تاريخ النشر:»,
«نشر في»), on a short header line at the top, before the body starts («الثلاثاء 21 ديسمبر
2021 على الساعة 13:05»), or
after a word meaning today («صباح اليوم الجمعة 25 يوليوز 2025»). A bare year in the
body is never a publication date.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Document
from ..resources import language_data
from ..text.dates import DateMention, scan_dates
from ..text.normalize import normalize_text

# A header line (date and time, outlet) is short; body sentences are longer.
HEADER_LINE_MAX = 80
HEADER_LINES = 12
# A line this long is body text, whatever its end.
BODY_LINE_MIN = 160
# How far after a label or a «today» word the date may start.
LABEL_REACH = 40
TODAY_REACH = 25
SCAN_CHARS = 1500


@lru_cache(maxsize=None)
def _words(lang: str, name: str) -> tuple[str, ...]:
    return tuple(normalize_text(w) for w in language_data(lang, "dateline").get(name, []))


def _full(value: str | None) -> bool:
    return bool(value) and re.fullmatch(r"\d{4}-\d\d-\d\d", value) is not None


def published_date(doc: Document, lang: str, text: str | None = None,
                   dates: list[DateMention] | None = None) -> tuple[str | None, str | None]:
    """(date, where it came from): "input", "label", "header", "today" — or (None, None).

    ``text`` and ``dates`` may pass the document's normalized text and the dates already
    scanned in it, to save scanning twice.
    """
    if doc.published:
        return doc.published, "input"
    if text is None or dates is None:
        text = normalize_text(doc.text[:SCAN_CHARS])
        dates = scan_dates(text, lang)
    text = text[:SCAN_CHARS]
    dates = [d for d in dates if d.start < SCAN_CHARS and d.kind == "day" and _full(d.value)]
    if not dates:
        return None, None
    for label in _words(lang, "labels"):
        for m in re.finditer(re.escape(label), text):
            if not _on_short_line(text, m.start()):
                continue  # «قد نشر في 12 مارس 2019 شريطا» in a body paragraph is no label
            hit = next((d for d in dates if 0 <= d.start - m.end() <= LABEL_REACH), None)
            if hit:
                return hit.value, "label"
    for start, end in _header_lines(text):
        hit = next((d for d in dates if start <= d.start < end), None)
        if hit:
            return hit.value, "header"
    for word in _words(lang, "today"):
        for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
            hit = next((d for d in dates if 0 <= d.start - m.end() <= TODAY_REACH), None)
            if hit:
                return hit.value, "today"
    return None, None


def _header_lines(text: str):
    """Spans of the short lines at the top, before the first body paragraph.

    At most HEADER_LINES non-blank lines; the first body paragraph ends the header, except
    on the first line, which may be a long headline. A long line is a body paragraph when
    it ends a sentence or runs past BODY_LINE_MIN (a list of other headlines does neither).
    """
    line_start, seen = 0, 0
    for line in text.split("\n"):
        end = line_start + len(line)
        if line.strip():
            body = len(line.strip()) > BODY_LINE_MIN or (
                len(line.strip()) > HEADER_LINE_MAX and line.strip()[-1] in ".!?؟:")
            if seen >= HEADER_LINES or (seen and body):
                return
            seen += 1
            if len(line.strip()) <= HEADER_LINE_MAX:
                yield line_start, end
        line_start = end + 1


def _on_short_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is short (a label or header line, not body text)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return len(text[start:end if end >= 0 else len(text)].strip()) <= HEADER_LINE_MAX
