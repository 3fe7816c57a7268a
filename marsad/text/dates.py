"""Date expressions: absolute dates, years, and relative dates resolved against ``published``.

Finds spans in normalized text (see :mod:`marsad.text.normalize`) and resolves them
to SPEC date strings (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``A/B``):

    «الأربعاء 19 فبراير 2025» -> 2025-02-19      «16ماي2003» -> 2003-05-16
    «فاتح يناير 2020» -> 2020-01-01               «03/05/2016» -> 2016-05-03
    «أمس الخميس» (published 2019-03-01) -> 2019-02-28
    «نهاية الأسبوع الماضي» (published 2021-12-21) -> 2021-12-17/2021-12-19

A relative date with no publication date resolves to None, never to a guess.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .. import resources
from .normalize import normalize_text
from .numbers import parse_number
from .patterns import compile_pattern
from .spans import Spans
from .tokens import Match, PhraseMatcher, Token, stems, tokenize

_YEAR = r"(?:19[4-9]\d|20[0-4]\d)"
_YEAR_RE = re.compile(_YEAR)
# Words this long in a relative-date phrase still match with one inner letter missing.
TYPO_MIN_LETTERS = 6


class DateMention(NamedTuple):
    """A date expression at ``[start, end)`` of the normalized text."""

    start: int
    end: int
    kind: str  # "day", "month", "year", "relative", "after"
    value: str | None  # resolved SPEC date string (None: needs an anchor it does not have)
    rule: dict | None = None  # for "after": the offsets to apply to an anchor date


@dataclass(frozen=True)
class DateGrammar:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, dict]
    day_re: re.Pattern
    day_names: dict[str, int]  # a day of the month in words: «فاتح» (the first), «العاشر» (the tenth)
    day_range_re: re.Pattern
    month_year_re: re.Pattern
    month_first_re: re.Pattern  # «May 16, 2003» where the language writes it so
    month_only_re: re.Pattern  # «في فبراير», «in February»: the year is the publication's
    numeric_dmy_re: re.Pattern
    numeric_ymd_re: re.Pattern
    day_words: frozenset[str]
    past_suffixes: frozenset[str]
    relative_clitics: frozenset[str]  # letters the press glues before a relative phrase («وبعد أيام»)
    announce_verbs: frozenset[str] = frozenset()  # «أعلنت السلطات الأربعاء»: a weekday after the subject
    operation_verbs: frozenset[str] = frozenset()  # «أوقفت الخميس»: the same, the operation's day
    announce_reach: int = 0
    operation_reach: int = 0  # the reach after an operation verb (the announce reach when the data gives none)
    announce_article: str = ""
    not_today_before: frozenset[str] = frozenset()
    since_re: re.Pattern | None = None  # «منذ (سنة)» right before a year: a period's start
    current_month_day_re: re.Pattern | None = None  # «le 12 du mois courant», «12 من الشهر الجاري»
    current_month_words: tuple[str, ...] = ()  # its words: a text with none of them has no such date
    numeral_weekdays: frozenset[str] = frozenset()  # «اثنين», «احد»: also numbers; weekdays after «يوم» only
    night_words: frozenset[str] = frozenset()  # «ليلة السبت إلى الأحد», «la nuit de samedi à dimanche»: both days
    night_to: frozenset[str] = frozenset()
    strict_day_words: frozenset[str] = frozenset()  # "last Wednesday": before the reference day, never it
    counted_units: dict[str, tuple[int, int]] | None = None  # "days": (1, 0), "weeks": (7, 2): days each, slack
    counted_after: tuple[tuple[str, ...], ...] = ()  # "later", «plus tard» after the unit
    counted_before: tuple[tuple[str, ...], ...] = ()  # «بعد», «بعد مرور» before the number
    # «- Janvier : le 14, …», "■ October: on the 14th …": a month labelling a chronology's line, and the days of it
    # the line gives after the label («le 14», "on the 14th", «يوم 14»)
    month_label_re: re.Pattern | None = None
    label_day_re: re.Pattern | None = None
    period_start_re: re.Pattern | None = None  # «à partir du», "starting on", «ابتداء من» right before a date
    # what may stand between a month and the relative year it belongs to: «فبراير من العام الماضي», "February of
    # last year", «février de l'an dernier»
    of_gap_re: re.Pattern | None = None


def _alternation(words) -> str:
    """Regex alternation of the words, longest first; one that never matches when empty."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) if words else r"(?!x)x"


@lru_cache(maxsize=None)
def grammar(lang: str = "ar") -> DateGrammar:
    """Compiled date patterns of one language, built from its data files."""
    months = {normalize_text(k): v for k, v in resources.language_data(lang, "months").items() if not k.startswith("_")}
    weekdays = {normalize_text(k): v for k, v in resources.language_data(lang, "weekdays").items() if not k.startswith("_")}
    rel_data = resources.language_data(lang, "relative_dates")
    # A phrase is matched as the words the tokenizer makes of it: «aujourd'hui» is «aujourd hui».
    relative = {" ".join(t.text for t in tokenize(normalize_text(k))[0]): v for k, v in rel_data.get("phrases", {}).items()}
    first = [normalize_text(w) for w in rel_data.get("first_of_month", [])]
    ordinal_days = {normalize_text(k): v for k, v in rel_data.get("ordinal_days", {}).items()}
    year_words = [normalize_text(w) for w in rel_data.get("year_words", [])]
    day_words = [normalize_text(w) for w in rel_data.get("day_words", [])]
    of_words = [normalize_text(w) for w in rel_data.get("of_words", ["من"])]
    ordinal_suffix = rel_data.get("ordinal_suffix", "")
    M = _alternation(months)
    F = _alternation(first + list(ordinal_days))
    Y = _alternation(year_words) if year_words else r"(?!x)x"
    OF = _alternation(of_words)
    nl = r"(?![^\W\d_])"  # not followed by a letter
    day = rf"(?P<day>\d{{1,2}}{ordinal_suffix}|{F})"
    month = rf"(?P<month>{M}){nl}(?:\s*[/(]?\s*(?:{M}){nl}\s*\)?)?"
    year = rf"(?:\s*[,،]?\s*(?:(?:{OF})\s+)?(?:(?:{Y})\s*)?(?P<year>{_YEAR})(?!\d))?"
    prefixes = _alternation(normalize_text(w) for w in rel_data.get("month_only_prefixes", []))
    # the conjunctions glued to a prefix («وفي فبراير», «ففي أبريل»); a hyphen joins "mid-October", «mi-octobre»
    clitics = _alternation(normalize_text(c) for c in rel_data.get("clitics", []))
    month_first = (rf"(?<![^\W\d_])(?P<month>{M}){nl}\.?\s*(?P<day>\d{{1,2}}){ordinal_suffix}(?!\d)"
                   rf"(?:\s*,?\s*(?P<year>{_YEAR})(?!\d))?" if rel_data.get("month_first") else r"(?!x)x")
    return DateGrammar(
        months=months, weekdays=weekdays, relative=relative, day_names={**dict.fromkeys(first, 1), **ordinal_days},
        month_first_re=compile_pattern(month_first),
        # (not before its day or year, «avril 2025», "April 19"; past a comma only a year is the month's: «In April,
        # 19 people were rounded up» is April)
        month_only_re=compile_pattern(rf"(?<![^\W\d_])(?:{clitics})?(?:{prefixes})(?:\s+|-)(?:شهر\s+)?(?P<month>{M}){nl}"
                                 rf"(?!\s*(?:(?:{OF})\s+)?(?:(?:{Y})\s*)?\d)(?!\s*[,،]\s*(?:(?:{OF})\s+)?(?:(?:{Y})\s*)?\d{{4}})"),
        # A day may follow a glued «و» («16 ماي و19 يونيو»), no other letter or digit.
        day_re=compile_pattern(rf"(?<![^\Wو]){day}\s*(?:(?:{OF})\s+)?(?:شهر\s+)?{month}{year}"),
        day_range_re=compile_pattern(rf"(?<!\d)(?P<d1>\d{{1,2}})\s*(?:الي|و|-|a|au|to|and|et)\s*(?P<day>\d{{1,2}})\s*(?:(?:{OF})\s+)?(?:شهر\s+)?{month}{year}"),
        month_year_re=compile_pattern(rf"(?<![^\W\d_])(?:شهر\s+)?(?P<month>{M}){nl}(?:\s*[/(]?\s*(?:{M}){nl}\s*\)?)?\s*[,،]?\s*(?:(?:{OF})\s+)?(?:(?:{Y})\s*)?(?P<year>{_YEAR})(?!\d)"),
        numeric_dmy_re=re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>(?:19|20)\d\d)(?![\d/])"),
        numeric_ymd_re=re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)[/.-](?P<month>\d{1,2})[/.-](?P<day>\d{1,2})(?![\d/])"),
        day_words=frozenset(day_words),
        past_suffixes=frozenset(normalize_text(w) for w in rel_data.get("past_weekday_suffix", [])),
        relative_clitics=frozenset([""] + [normalize_text(c) for c in rel_data.get("clitics", [])]),
        announce_verbs=frozenset(normalize_text(w) for w in rel_data.get("announce_verbs", [])),
        operation_verbs=frozenset(normalize_text(w) for w in rel_data.get("operation_verbs", [])),
        announce_reach=int(rel_data.get("announce_reach", 0)),
        operation_reach=int(rel_data.get("operation_reach", rel_data.get("announce_reach", 0))),
        announce_article=normalize_text(rel_data.get("announce_article", "")),
        not_today_before=frozenset(normalize_text(w) for w in rel_data.get("not_today_before", [])),
        since_re=compile_pattern(rf"(?<![^\W\d_])(?:{_alternation(normalize_text(w) for w in rel_data.get('since_words', []))})"
                            rf"\s+(?:(?:{Y})\s*)?$") if rel_data.get("since_words") else None,
        current_month_day_re=compile_pattern(
            rf"(?<!\d)(?P<day>\d{{1,2}}){ordinal_suffix}\s+"
            rf"(?:{_alternation(normalize_text(w) for w in rel_data['current_month'])}){nl}")
        if rel_data.get("current_month") else None,
        current_month_words=tuple(w for w in (normalize_text(w) for w in rel_data.get("current_month", [])) if w),
        numeral_weekdays=frozenset(normalize_text(w) for w in rel_data.get("numeral_weekdays", [])),
        night_words=frozenset(normalize_text(w) for w in rel_data.get("night", {}).get("words", [])),
        night_to=frozenset(normalize_text(w) for w in rel_data.get("night", {}).get("to", [])),
        strict_day_words=frozenset(normalize_text(w) for w in rel_data.get("strict_day_words", [])),
        **_counted(rel_data.get("counted_after")),
        month_label_re=compile_pattern(rf"(?m)^[ \t]*(?:[-–—•*▪■|][ \t]*)?(?P<month>{M}){nl}(?:\s+(?P<year>{_YEAR}))?"
                                       rf"[ \t]*(?:[:：|]|[–—-](?=[ \t]))"),
        label_day_re=compile_pattern(rel_data["label_day"]) if rel_data.get("label_day") else None,
        of_gap_re=compile_pattern(rf"\s*(?:(?:{OF})\s+)?"),
        period_start_re=compile_pattern(rf"(?<![^\W\d_])(?:{_alternation(normalize_text(w) for w in rel_data['period_start_words'])})"
                                        rf"\s+$") if rel_data.get("period_start_words") else None,
    )


def _counted(data: dict | None) -> dict:
    """The grammar's fields for "six days later", «بعد ستة أيام» (``counted_after`` in the data)."""
    if not data:
        return {}
    def words(phrases):
        return tuple(tuple(t.text for t in tokenize(normalize_text(p))[0]) for p in phrases)

    return {"counted_units": {normalize_text(k): tuple(v) for k, v in data["units"].items()},
            "counted_after": words(data.get("after", [])), "counted_before": words(data.get("before", []))}


def _iso(d: dt.date) -> str:
    return d.isoformat()


def shift(day: dt.date, days: int) -> dt.date | None:
    """``day`` moved by ``days``; None when that leaves the calendar (year 1 to 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def shift_within(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the calendar's first or last day: for comparisons."""
    return shift(day, days) or (dt.date.max if days > 0 else dt.date.min)


def _valid_year(year: int) -> bool:
    return dt.MINYEAR <= year <= dt.MAXYEAR


def parse_iso(value: str | None) -> dt.date | None:
    """The first day of a SPEC date string (``2021-12``, ``2021-12-18/2021-12-19``)."""
    if not value:
        return None
    a = value.split("/")[0]
    parts = [int(p) for p in a.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a SPEC date string."""
    if not value:
        return None
    a, _, b = value.partition("/")

    def bound(s: str, end: bool) -> dt.date:
        p = [int(x) for x in s.split("-")]
        y, m = p[0], p[1] if len(p) > 1 else (12 if end else 1)
        d = p[2] if len(p) > 2 else (calendar.monthrange(y, m)[1] if end else 1)
        return dt.date(y, m, d)

    try:
        return bound(a, False), bound(b or a, True)
    except (ValueError, IndexError):
        return None


def dates_may_overlap(x: str | None, y: str | None) -> bool:
    """Whether two SPEC dates can name the same time: their intervals meet, or one is unknown."""
    bx, by = date_bounds(x), date_bounds(y)
    return bx is None or by is None or (bx[0] <= by[1] and by[0] <= bx[1])


# A day and month without a year up to this many days after publication are this year's (an
# election, a hearing the article announces: «الجمعة 7 أكتوبر الجاري» three days ahead), not
# the same day of the year before.
UPCOMING_DAYS = 14


def _infer_year(month: int, day: int, published: dt.date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    try:
        if dt.date(year, month, day) > shift_within(published, UPCOMING_DAYS):
            year -= 1
    except ValueError:
        return None
    return year if _valid_year(year) else None


def year_of_month(month: int, published: dt.date | None) -> int | None:
    """The year of a month told without one: the publication's, the year before when the month is
    still to come (as a month-only date is resolved)."""
    return _infer_year(month, 1, published)


def find_dates(text: str, published: str | None, lang: str = "ar") -> list[DateMention]:
    """Every date expression in normalized ``text``, resolved where possible, in text order."""
    return resolve_dates(scan_dates(text, lang), published)


def date_phrases(lang: str = "ar") -> list[tuple[str, str, object]]:
    """Month names, weekday names and relative-date phrases as phrase-matcher entries."""
    g = grammar(lang)
    entries: list[tuple[str, str, object]] = [(m, "date:month", n) for m, n in g.months.items()]
    entries += [(w, "date:weekday", n) for w, n in g.weekdays.items()]
    entries += [(p, "date:relative", (p.split()[0], rule)) for p, rule in g.relative.items()]
    # A letter the press drops in a long word («نهاية الأسوع الماضي») must not lose the date:
    # multiword phrases also match with one letter missing from one of their long words, in
    # the languages whose data allow it (French: «la veille» less a letter is «la ville»).
    typos = resources.language_data(lang, "relative_dates").get("typo_variants", True)
    for phrase, rule in g.relative.items() if typos else ():
        words = phrase.split()
        if len(words) < 2:
            continue
        for k, word in enumerate(words):
            if len(word) < TYPO_MIN_LETTERS:
                continue
            for cut in range(1, len(word) - 1):
                variant = " ".join(words[:k] + [word[:cut] + word[cut + 1:]] + words[k + 1:])
                if variant not in g.relative:
                    entries.append((variant, "date:relative", (variant.split()[0], rule)))
    return entries


@lru_cache(maxsize=None)
def _date_matcher(lang: str) -> PhraseMatcher:
    return PhraseMatcher(date_phrases(lang))


def scan_dates(text: str, lang: str = "ar", tokens: list[Token] | None = None,
               marks: list[Match] | None = None) -> list[DateMention]:
    """Every date expression in normalized ``text``, in text order, not yet resolved.

    Absolute dates with their year carry their value; the others (relative dates, a
    weekday, a day and month without a year) carry the ``rule`` that
    :func:`resolve_dates` applies once the publication date is known. ``tokens`` and
    ``marks`` (matches of :func:`date_phrases` over them) may be passed to save a pass.
    """
    g = grammar(lang)
    if tokens is None or marks is None:
        tokens = tokenize(text)[0]
        marks = _date_matcher(lang).find(tokens)
    marks = sorted(marks, key=lambda m: (m.start, -(m.end - m.start)))
    found: list[DateMention] = []
    taken = Spans()

    def add(s, e, kind, value, rule=None):
        if taken.take(s, e):
            found.append(DateMention(s, e, kind, value, rule))

    windows = _month_windows(text, [(tokens[m.start].start, tokens[m.end - 1].end)
                                    for m in marks if m.label == "date:month"])
    for m in _scan(g.day_range_re, text, windows):
        month, day, year = _day_parts(g, m)
        d1 = int(m.group("d1"))
        if d1 < day:
            add(m.start(), m.end(), "day", _day_iso(year, month, day, d1), {"month": month, "day": day, "from": d1})
    for m in _scan(g.day_re, text, windows):
        month, day, year = _day_parts(g, m)
        add(m.start(), m.end(), "day", _day_iso(year, month, day), {"month": month, "day": day})
    numeric = _NUMERIC_HINT.search(text) is not None
    for rx in (g.numeric_dmy_re, g.numeric_ymd_re) if numeric else ():
        for m in rx.finditer(text):
            try:
                add(m.start(), m.end(), "day", _iso(dt.date(int(m.group("year")), int(m.group("month")), int(m.group("day")))))
            except ValueError:
                pass
    for m in _scan(g.month_first_re, text, windows):
        month, day, year = g.months[m.group("month")], int(m.group("day")), m.group("year")
        add(m.start(), m.end(), "day", _day_iso(int(year) if year else None, month, day), {"month": month, "day": day})
    for m in _scan(g.month_year_re, text, windows):
        add(m.start(), m.end(), "month", f"{int(m.group('year')):04d}-{g.months[m.group('month')]:02d}")
    for m in _scan(g.month_only_re, text, windows):
        add(m.start("month"), m.end(), "month", None, {"month": g.months[m.group("month")]})
    if g.month_label_re is not None:
        for m in g.month_label_re.finditer(text):
            month, year = g.months[m.group("month")], m.group("year")
            line_end = text.find("\n", m.end())
            days = list(g.label_day_re.finditer(text, m.end(), len(text) if line_end < 0 else line_end)) \
                if g.label_day_re is not None else []
            if days:  # «- Octobre : … le 14 (…) puis le 21 (…)»: each day of the labelled month
                for d in days:
                    add(d.start(), d.end(), "day", _day_iso(int(year) if year else None, month, int(d.group("day"))),
                        {"month": month, "day": int(d.group("day"))})
            else:
                add(m.start("month"), m.end("month"), "month", f"{int(year):04d}-{month:02d}" if year else None,
                    None if year else {"month": month})
    # the pattern starts with a digit, which the regex engine tries at every character: first ask
    # whether the text holds one of its words at all (most do not)
    for m in (g.current_month_day_re.finditer(text) if g.current_month_day_re is not None
              and any(w in text for w in g.current_month_words) else ()):
        add(m.start(), m.end(), "relative", None, {"month": 0, "day": int(m.group("day"))})
    if g.counted_units and any(u in text for u in g.counted_units):
        for s, e, rule in _counted_intervals(g, tokens, lang):
            add(s, e, "after", None, rule)
    weekday_at = {m.start: m for m in marks if m.label == "date:weekday"}
    nights = _nights(g, tokens, weekday_at)
    night_words = {word for _, word in nights.values()}
    for m in marks:
        if m.label != "date:relative":
            continue
        if m.start in night_words:
            continue  # "overnight from Saturday to Sunday": the night's weekdays date it
        first_word, rule = m.value
        word = tokens[m.start].text
        clitic = word[:len(word) - len(first_word)] if word.endswith(first_word) else None
        if clitic is not None and clitic not in g.relative_clitics and clitic.endswith("ال"):
            clitic = clitic[:-2] if clitic[:-2] in g.relative_clitics else None  # «بالأمس»
        if clitic not in g.relative_clitics:
            continue  # «كالأمس» is «like yesterday»
        if rule.get("days") == 0 and m.start > 0 and tokens[m.start - 1].text in g.not_today_before:
            continue  # «في ذلك اليوم» is that day, not today
        if (rule.get("days") == 0 and m.end == m.start + 1 and m.end < len(tokens) and tokens[m.end].is_number
                and not (m.end + 1 < len(tokens) and any(x in g.months for x in stems(tokens[m.end + 1].text)))):
            continue  # «اليوم 24», a newspaper's name; «اليوم 24 أكتوبر» is a date
        end = m.end
        if end in weekday_at:  # «أمس الاثنين», «اليوم الأربعاء»
            end = weekday_at[end].end
        add(tokens[m.start].start + len(clitic), tokens[end - 1].end, "after" if "after" in rule else "relative", None, rule)
    seconds = {second for second, _ in nights.values()}
    for m in weekday_at.values():
        if m.start in seconds:
            continue  # the night's second day («ليلة السبت إلى الأحد»): told with the first
        start, end = tokens[m.start].start, tokens[m.end - 1].end
        if m.start in nights:
            second = weekday_at[nights[m.start][0]]
            add(start, tokens[second.end - 1].end, "relative", None, {"weekday": m.value, "strict": False, "span": 1})
            continue
        if taken.starts_within(end, end + 4):
            continue  # «الأربعاء 19 فبراير 2025»: the weekday of a full date
        day_word = m.start > 0 and tokens[m.start - 1].sentence == tokens[m.start].sentence and any(
            x in g.day_words for x in stems(tokens[m.start - 1].text))
        past = m.end < len(tokens) and tokens[m.end].soft_before and any(
            x in g.past_suffixes for x in stems(tokens[m.end].text))
        if past:
            end = tokens[m.end].end
        # «Mercredi encore, le BCIJ a démantelé»: a weekday opening its sentence is its adverb of
        # time («Thursday's raids» is a possessive, not a date of the sentence's event)
        opening = (m.start == 0 or tokens[m.start - 1].sentence != tokens[m.start].sentence) and (
            text[end:end + 1] not in ("'", "’")) and tokens[m.start].text.startswith(g.announce_article)
        # "…, the ministry said in a statement Friday.": a weekday closing its clause, as English
        # and French wire copy write the day of the event or statement
        closing = not g.announce_article and text[end:end + 1] in (".", ",", ";") and m.start > 0 \
            and tokens[m.start - 1].sentence == tokens[m.start].sentence
        if not (day_word or past or opening or closing or _isolated(text, start, end) or _announced(g, tokens, m.start)):
            continue
        word = tokens[m.start].text
        if not day_word and "ال" not in word[:3] and any(x in g.numeral_weekdays for x in stems(word)):
            continue  # «، واثنين بفاس،»: and two in Fes, not Monday (which takes the article)
        strict = past or (day_word and tokens[m.start - 1].text in g.strict_day_words)
        add(start, end, "relative", None, {"weekday": m.value, "strict": strict})
    for t in tokens:  # a year: a four-digit token from 1940 to 2049, not part of «03/05/2016»
        word = t[0]
        if (len(word) == 4 and _YEAR_RE.fullmatch(word) and text[t.start - 1:t.start] not in ("/", ".", ",", "-")
                and text[t.end:t.end + 1] != "/"):
            add(t.start, t.end, "year", word)
    found.sort(key=lambda d: d.start)
    return _months_of_a_told_year(g, text, found)


def _months_of_a_told_year(g: DateGrammar, text: str, found: list[DateMention]) -> list[DateMention]:
    """A month named without its year, then the year told relative to publication («ففي فبراير من العام الماضي»,
    "in February last year", «en février de l'an dernier»): one month, of that year (not the publication's)."""
    out: list[DateMention] = []
    for d in found:
        last = out[-1] if out else None
        if (last is not None and d.kind == "relative" and d.rule and set(d.rule) == {"year"}
                and last.kind == "month" and last.value is None and last.rule and set(last.rule) == {"month"}
                and g.of_gap_re.fullmatch(text, last.end, d.start)):
            out[-1] = DateMention(last.start, d.end, "month", None, {"month": last.rule["month"], "year": d.rule["year"]})
            continue
        out.append(d)
    return out


# Tokens from a word for night to the weekday it names («dans la nuit de samedi», "overnight from Saturday").
NIGHT_REACH = 3


def _nights(g: DateGrammar, tokens: list, weekday_at: dict) -> dict[int, tuple[int, int]]:
    """The nights told from one weekday to the next («ليلة السبت إلى الأحد», «dans la nuit de samedi à dimanche»,
    "overnight from Saturday to Sunday"): the first weekday's token -> (the second's, the word for night's). The
    operation took both days."""
    out = {}
    if not g.night_words:
        return out
    for k, m in weekday_at.items():
        second = weekday_at.get(m.end + 1)
        if (second is None or m.end >= len(tokens) or tokens[m.end].text not in g.night_to
                or second.value != (m.value + 1) % 7 or tokens[second.start].sentence != tokens[k].sentence):
            continue
        word = next((i for i in range(max(0, k - NIGHT_REACH), k) if tokens[i].sentence == tokens[k].sentence
                     and any(x in g.night_words for x in stems(tokens[i].text))), None)
        if word is not None:
            out[k] = (second.start, word)
    return out


def resolve_dates(dates: list[DateMention], published: str | None) -> list[DateMention]:
    """Give relative dates and days without a year their value against ``published``."""
    pub = parse_iso(published)
    out = []
    for d in dates:
        if d.value is None and d.rule is not None and d.kind == "relative":
            d = DateMention(d.start, d.end, d.kind, resolve_relative_date(d.rule, pub), d.rule)
        elif d.value is None and d.kind == "month" and d.rule is not None:
            if "year" in d.rule:  # «فبراير من العام الماضي»: the year is told
                year = pub.year + d.rule["year"] if pub and _valid_year(pub.year + d.rule["year"]) else None
            else:
                year = _infer_year(d.rule["month"], 1, pub)
            d = DateMention(d.start, d.end, d.kind, f"{year:04d}-{d.rule['month']:02d}" if year else None, d.rule)
        elif d.value is None and d.kind == "day" and d.rule is not None:
            year = _infer_year(d.rule["month"], d.rule["day"], pub)
            d = DateMention(d.start, d.end, d.kind, _day_iso(year, d.rule["month"], d.rule["day"], d.rule.get("from")), d.rule)
        out.append(d)
    return out


def _day_parts(g: DateGrammar, m: re.Match) -> tuple[int, int, int | None]:
    day_s = m.group("day")
    day = int(re.sub(r"\D", "", day_s)) if day_s[0].isdecimal() else g.day_names[day_s]
    return g.months[m.group("month")], day, int(m.group("year")) if m.group("year") else None


def _day_iso(year: int | None, month: int, day: int, first_day: int | None = None) -> str | None:
    """``YYYY-MM-DD`` (or the interval from ``first_day``), None without a year or for a bad day."""
    if year is None:
        return None
    try:
        last = _iso(dt.date(year, month, day))
        if first_day is None:
            return last
        return f"{_iso(dt.date(year, month, first_day))}/{last}"
    except ValueError:
        return None


_NUMERIC_HINT = re.compile(r"\d[/.-]\d")
# How far before and after a month name a date around it may reach («الأربعاء 19 … 2025»,
# «18 إلى 19 من شهر دجنبر»).
_BEFORE_MONTH, _AFTER_MONTH = 24, 40


def _month_windows(text: str, months: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of text around month names: the only places a day or month date can be."""
    windows: list[tuple[int, int]] = []
    for start, end in sorted(months):
        lo, hi = max(0, start - _BEFORE_MONTH), min(len(text), end + _AFTER_MONTH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _scan(rx: re.Pattern, text: str, windows: list[tuple[int, int]]):
    for lo, hi in windows:
        yield from rx.finditer(text, lo, hi)


def _announced(g: DateGrammar, tokens: list[Token], i: int) -> bool:
    """A weekday named on its own a few words after a verb of announcing or of the operation,
    past its subject: «أعلنت السلطات المغربية الأربعاء», «ذكرته الشرطة الأربعاء»."""
    if not tokens[i].text.startswith(g.announce_article):
        return False  # «أوقفت أحد أعضاء الخلية»: «أحد» is «one»
    return _verb_before(g, tokens, i, g.announce_verbs) or _verb_before(g, tokens, i, g.operation_verbs,
                                                                         g.operation_reach)


def _verb_before(g: DateGrammar, tokens: list[Token], i: int, verbs: frozenset[str], reach: int | None = None,
                 stop: frozenset[str] = frozenset()) -> bool:
    """One of ``verbs`` within ``reach`` words before token ``i``, in its sentence, and none of ``stop`` between."""
    sentence = tokens[i].sentence
    reach = g.announce_reach if reach is None else reach
    if i > 0 and tokens[i - 1].sentence == sentence and tokens[i - 1].text in g.day_words:
        reach += 1  # «أعلن عنها المكتب … يوم الأربعاء», "said on Wednesday": the day word is the date's
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if tokens[j].sentence != sentence:
            return False
        forms = _verb_forms(tokens[j].text)
        if any(x in verbs for x in forms):
            return True
        if any(x in stop for x in forms):
            return False
    return False


@lru_cache(maxsize=100_000)
def _verb_forms(word: str) -> tuple[str, ...]:
    """The word's stems, and each without an object pronoun («ذكرته» is «ذكرت» + «ه»)."""
    out = list(stems(word))
    out += [s[:-1] for s in out if len(s) > 3 and s.endswith("ه")]
    return tuple(out)


def announced(tokens: list[Token], i: int, lang: str = "ar") -> bool:
    """Whether the date starting at token ``i`` follows a verb of announcing within a few words:
    the day of a statement («قالت الشرطة الأربعاء», «a annoncé mardi le ministère»)."""
    g = grammar(lang)
    # ("Police said two were arrested Tuesday": the nearer verb, the arrest's, owns the day)
    return _verb_before(g, tokens, i, g.announce_verbs, stop=g.operation_verbs)


def after_period_start(text: str, start: int, lang: str = "ar") -> bool:
    """Whether the date at normalized ``start`` comes right after «à partir du», "starting on", «ابتداء من»: the
    start of something that lasts (a tournament the country hosts «à partir du 21 décembre»), no day of an event."""
    rx = grammar(lang).period_start_re
    return rx is not None and rx.search(text, max(0, start - 30), start) is not None


def after_since(text: str, start: int, lang: str = "ar") -> bool:
    """Whether the date at normalized ``start`` comes right after «منذ», «since», «depuis»
    (a year word allowed between): «منذ سنة 2002» starts a period, it dates no event."""
    rx = grammar(lang).since_re
    return rx is not None and rx.search(text, max(0, start - 30), start) is not None


def _isolated(text: str, s: int, e: int) -> bool:
    """A bare weekday set off by commas or parentheses («، الاثنين ،»)."""
    before = text[max(0, s - 3):s].strip()
    after = text[e:e + 3].strip()
    return before.endswith((",", "،", "(")) or after.startswith((",", "،", ")"))


def _counted_intervals(g: DateGrammar, tokens: list[Token], lang: str):
    """"six days later", «six jours plus tard», «بعد ستة أيام»: (start, end, rule) of an interval
    counted in days or weeks after an anchor the text told before (resolved as "after")."""
    def words_at(i: int, phrases) -> int | None:  # the end of the phrase starting at token i
        for p in phrases:
            if i + len(p) <= len(tokens) and all(
                    w in stems(tokens[i + k].text) for k, w in enumerate(p)):
                return i + len(p)
        return None

    def words_ending_at(i: int, phrases) -> int | None:  # the start of the phrase ending before token i
        for p in phrases:
            j = i - len(p)
            if j >= 0 and all(w in stems(tokens[j + k].text) for k, w in enumerate(p)):
                return j
        return None

    for i, t in enumerate(tokens):
        unit = g.counted_units.get(t.text)
        if unit is None:
            continue
        for j in range(i - 1, max(i - 4, -1), -1):
            parsed = parse_number(tokens, j, lang)
            # (an Arabic number takes its counted noun with it: «ستة أيام» ends past «أيام»)
            if parsed is not None and parsed[1] in (i, i + 1) and tokens[j].sentence == t.sentence:
                break
        else:
            continue
        n = parsed[0]
        if not 1 <= n <= 60:
            continue
        end, start = words_at(i + 1, g.counted_after), words_ending_at(j, g.counted_before)
        if end is not None:
            start = j
        elif start is not None:
            end = i + 1
        else:
            continue
        per, slack = unit
        yield tokens[start].start, tokens[end - 1].end, {"after": [n * per - slack, n * per + slack]}


def resolve_relative_date(rule: dict, published: dt.date | None) -> str | None:
    """Resolve one relative-date rule (see ``relative_dates.json``) against ``published``."""
    if published is None:
        return None
    if "days" in rule:
        return _iso_or_none(shift(published, rule["days"]))
    if "interval" in rule:
        a, b = rule["interval"]
        return _interval(shift(published, a), shift(published, b))
    if "week" in rule:
        monday = shift(published, -(published.weekday() + 7))
        a, b = rule["week"]
        return _interval(monday and shift(monday, a), monday and shift(monday, b))
    if "weekday" in rule:
        back = (published.weekday() - rule["weekday"]) % 7
        if back == 0 and rule.get("strict"):
            back = 7
        if rule.get("span"):  # a night from that weekday to the next, ended by the publication
            back = back or 7
            return _interval(shift(published, -back), shift(published, -back + rule["span"]))
        return _iso_or_none(shift(published, -back))
    if "month" in rule:
        y, m = published.year, published.month + rule["month"]
        while m < 1:
            y, m = y - 1, m + 12
        while m > 12:
            y, m = y + 1, m - 12
        if "day" in rule:  # «le 12 du mois courant»: that day of the month
            return _day_iso(y, m, rule["day"]) if _valid_year(y) else None
        return f"{y:04d}-{m:02d}" if _valid_year(y) else None
    if "year" in rule:
        y = published.year + rule["year"]
        return f"{y:04d}" if _valid_year(y) else None
    return None


def _iso_or_none(day: dt.date | None) -> str | None:
    return None if day is None else _iso(day)


def _interval(a: dt.date | None, b: dt.date | None) -> str | None:
    """``a/b`` as a SPEC interval; None when either end left the calendar."""
    return None if a is None or b is None else f"{_iso(a)}/{_iso(b)}"


def resolve_after(rule: dict, anchor: str | None) -> str | None:
    """An interval some days after an anchor date («بعد أيام» of an operation)."""
    start = parse_iso(anchor)
    if start is None or not rule or "after" not in rule:
        return None
    bounds = date_bounds(anchor)
    a, b = rule["after"]
    lo = shift(start, a)
    hi = shift(bounds[1] if bounds else start, b)
    if lo is None or hi is None:
        return None
    return _iso(lo) if lo == hi else f"{_iso(lo)}/{_iso(hi)}"
