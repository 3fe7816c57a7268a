"""The publication date: the input's, else a dateline in the text.

A dateline is a full date (day, month, year) after a label on a short line («تاريخ النشر:»,
«نشر في»), on a short header line at the top, before the body starts (a byline's first, then
a timestamp's) («الثلاثاء 21 ديسمبر
2021 على الساعة 13:05»), or
after a word meaning today («صباح اليوم الجمعة 25 يوليوز 2025»), or in a wire dateline,
before the agency's name in brackets («CASABLANCA, 17 mai 2003 (AFP) -»). A bare year in the
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
# A byline may run longer («Par La rédaction | Publié le 30/05/2023 à 09h41 | Mis à jour le …»),
# but does not end a sentence.
LABEL_LINE_MAX = 140
# A time of day right after a date: a timestamp («30 May 2023 - 10:05», «03/03/2023 à 14h20»).
_TIME_AFTER = re.compile(r"\W{0,4}(?:a |at |-\s*)?\d{1,2}\s*[:h]\s*\d\d\b")
TIME_REACH = 12
HEADER_LINES = 12
# A line this long is body text, whatever its end.
BODY_LINE_MIN = 160
# How far after a label or a «today» word the date may start.
LABEL_REACH = 40
TODAY_REACH = 25
WIRE_REACH = 20  # after the date, the agency's name in brackets
SCAN_CHARS = 1500


@lru_cache(maxsize=None)
def _words(lang: str, name: str) -> tuple[str, ...]:
    return tuple(normalize_text(w) for w in language_data(lang, "dateline").get(name, []))


def _full(value: str | None) -> bool:
    return bool(value) and re.fullmatch(r"\d{4}-\d\d-\d\d", value) is not None


def published_date(doc: Document, lang: str, text: str | None = None,
                   dates: list[DateMention] | None = None) -> tuple[str | None, str | None]:
    """(date, where it came from): "input", "label", "wire", "header", "dispatch", "today" — or
    (None, None).

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
            if not _on_label_line(text, m.start()):
                continue  # «قد نشر في 12 مارس 2019 شريطا» in a body paragraph is no label
            hit = next((d for d in dates if 0 <= d.start - m.end() <= LABEL_REACH), None)
            if hit:
                return hit.value, "label"
    wire = wire_dateline(lang, text, dates)
    if wire is not None:
        return wire.value, "wire"
    # a header date with its time of day is the page's timestamp; a bare one may be the day the
    # page was viewed («Jeudi 1 juin 2023 | Casablanca 24°» above «… 30/05/2023 à 09h41»)
    # («Jeudi 6 février 2020 - 09:12» above «Par La Rédaction - 4 février 2020»): a byline's date wins
    in_header = [d for start, end in _header_lines(text) for d in dates if start <= d.start < end]
    hit = next((d for d in in_header if _on_byline(text, d.start, lang)), None) or next(
        (d for d in in_header if _TIME_AFTER.match(text, d.end, d.end + TIME_REACH)), None)
    if hit or in_header:
        # of bare dates, the one nearest the body: a masthead's day of viewing («Sunday 09 October
        # 2022» above the menu) comes before the headline, the article's own under it
        return (hit or in_header[-1]).value, "header"
    for d in dates:
        if _is_dispatch(text, d.start, d.end):
            return d.value, "dispatch"  # «CASABLANCA, March 12 (Wire) -», «Rabat, 11 janvier 2023 -»
    for word in _words(lang, "today"):
        for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
            hit = next((d for d in dates if 0 <= d.start - m.end() <= TODAY_REACH), None)
            if hit:
                return hit.value, "today"
    return None, None


def wire_agencies(lang: str) -> tuple[str, ...]:
    """The wire agencies' names, normalized (dateline data ``wire_agencies``)."""
    return _words(lang, "wire_agencies")


def wire_dateline(lang: str, text: str, dates: list[DateMention]) -> DateMention | None:
    """The full date of a wire dateline, before the agency's name in brackets
    («CASABLANCA, 17 mai 2003 (AFP) -», «الرباط 12 مارس 2024 (و م ع) -»): the filing date,
    which dates the dispatch, not the events it reports."""
    wire = "|".join(re.escape(w) for w in _words(lang, "wire_agencies"))
    if not wire:
        return None
    return next((d for d in dates if d.start < SCAN_CHARS and d.kind == "day" and _full(d.value)
                 and re.match(rf"\W{{0,3}}\((?:{wire})\)", text[d.end:d.end + WIRE_REACH])), None)


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


def _on_byline(text: str, pos: int, lang: str) -> bool:
    """Whether the line holding ``pos`` is a byline: it opens on «Par», "By", «بقلم» and a name."""
    start = text.rfind("\n", 0, pos) + 1
    words = text[start:pos].split()
    return len(words) >= 2 and words[0] in _words(lang, "byline")


def _on_label_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a label or byline line, not body text: short, or
    up to LABEL_LINE_MAX characters without ending a sentence."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)].strip()
    return len(line) <= HEADER_LINE_MAX or (len(line) <= LABEL_LINE_MAX and not line.endswith((".", "!", "?", "؟")))


# After a dispatch's date: «(AFP) -», «- », «(و م ع)».
_DISPATCH_AFTER = ("(", "-", "–", "—")
DISPATCH_PREFIX_WORDS = 3


def is_header_date(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` stamps the page rather than the news: a
    dispatch's dateline («CASABLANCA, 17 mai 2003 (AFP) -», «CASABLANCA, March 12 (Wire) -»)
    or a short byline or timestamp line («15 مارس 2023، 8:04 م», «الجمعة 25 أكتوبر 2019 - 11:40»).
    Such a date is the publication's, not the day of the operation it reports."""
    if _is_dispatch(text, start, end):
        return True
    line_start, line_end = _line_start(text, start), _line_end(text, end)
    if line_start is None or line_end is None:
        return False
    before = text[line_start:start].strip(" ,،:")
    after = text[end:line_end].lstrip(" ,،")
    line = text[line_start:line_end].strip()
    return len(line) <= HEADER_LINE_MAX and not line.endswith((".", "!", "?", "؟")) and len(before) + len(after) <= 40


# Characters between an update note's label and its date («MISE À JOUR — jeudi 22 …», «تحيين (الخميس 16 …»).
UPDATE_LABEL_GAP = 4


def is_update_stamp(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the date at ``text[start:end]`` stamps an update note (dateline data ``update_labels``:
    «MISE À JOUR — jeudi 22 janvier 2026, 15h40 : le nombre…», «تحيين (الخميس 16 أكتوبر 2025 - 11:40):»,
    "UPDATE (March 12):"): the day the page was updated, not the day of what the note tells."""
    line_start = _line_start(text, start)
    if line_start is None:
        return False
    line = text[line_start:start]
    for label in _words(lang, "update_labels"):
        k = line.find(label)
        if k < 0 or line[:k].strip(" *#[") or len(line[:k]) > UPDATE_LABEL_GAP:
            continue
        # a weekday may stand between the label and the date («MISE À JOUR — jeudi 22 janvier»)
        if len(line[k + len(label):].strip(" ,،:(—–-").split()) <= 1:
            return True
    return False


def _is_dispatch(text: str, start: int, end: int) -> bool:
    """A date in a dispatch's dateline: at most a place name before it on its line, and the
    agency or the dash right after («CASABLANCA, March 12 (Wire) -», «الرباط في 15 مارس 2023 (و م ع) -»)."""
    line_start = _line_start(text, start)
    if line_start is None:
        return False
    before = text[line_start:start].strip(" ,،:")
    if before and not any(c.isalpha() for c in before):
        return False  # «• 19 février – …», «- 25 أكتوبر 2019: …»: a list's item dated by its first words
    after = text[end:end + 40].lstrip(" ,،")
    if not before and after.startswith(_DISPATCH_AFTER) and len(chronology_lines(text)) >= 2:
        return False  # "10 September 2020 – Five suspects arrested …" under "Timeline": a chronology's line
    return len(before.split()) <= DISPATCH_PREFIX_WORDS and after.startswith(_DISPATCH_AFTER)


@lru_cache(maxsize=None)
def _chronology_line_re() -> re.Pattern:
    """A line opening on a date and a dash: a day and its month, maybe a year ("10 September 2020 – …", «19 février –
    …», "March 18 – Beni Mellal: …"), or a month alone ("January – Had Soualem: …"); or a table's row opening on its
    date cell («| 19 February | Laayoune, Fez | 12 |», «Janvier | Had Soualem | 4 |»); the months of the three
    languages."""
    from ..text.dates import grammar
    months = sorted({m for lang in ("ar", "fr", "en") for m in grammar(lang).months}, key=len, reverse=True)
    m = "|".join(re.escape(x) for x in months)
    return re.compile(rf"(?m)^[ \t]*(?:[-–—•*▪■|][ \t]*)?(?:\d{{1,2}}(?:er)?\s+(?:{m})\.?|(?:{m})\.?(?:\s+\d{{1,2}})?,?)"
                      rf"(?:\s+(?:19|20)\d\d)?[ \t]*[–—|-][ \t]+\S")


@lru_cache(maxsize=64)
def chronology_lines(text: str) -> tuple[int, ...]:
    """Where the lines of a chronology start: lines opening on a date and a dash (a "Timeline" sidebar, a month-by-month
    review), two of them at least (else none)."""
    found = tuple(m.start() for m in _chronology_line_re().finditer(text))
    return found if len(found) >= 2 else ()


# How far from a date its line is looked for: a header or dateline is a short line, and a
# text with no line breaks must not make each of its dates read the whole text (quadratic).
LINE_LOOK = 1000


def _line_start(text: str, pos: int) -> int | None:
    """Where the line holding ``pos`` starts; None when that is more than LINE_LOOK
    characters before ``pos`` (no dateline or header runs that long before its date)."""
    nl = text.rfind("\n", max(0, pos - LINE_LOOK), pos)
    return None if nl < 0 and pos > LINE_LOOK else nl + 1


def _line_end(text: str, pos: int) -> int | None:
    """Where the line holding ``pos`` ends; None when that is more than LINE_LOOK
    characters after ``pos``."""
    nl = text.find("\n", pos, pos + LINE_LOOK + 1)
    if nl >= 0:
        return nl
    return len(text) if len(text) - pos <= LINE_LOOK else None
