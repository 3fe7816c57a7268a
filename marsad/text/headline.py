"""The headline of an article given as plain text: the first line at its top that is a
headline by its shape, not page chrome.

A scraped page opens on what is not its headline: the site's name and menu («Accueil |
Politique | Société»), the day it was viewed («Jeudi 1 juin 2023 | Casablanca 24°», a Hijri
date), a section label («Société»), a byline («Par La Rédaction - 4 février 2020», "By MWN
Staff - Jan 30, 2024»), a teaser for another story («Lire aussi : …»). A headline is a line of
a few words or more that is none of these. The cues are the languages' data (bylines in
``dateline.json``, teasers in ``patterns.json``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import language_data
from .normalize import normalize_text
from .patterns import compile_pattern

LANGS = ("ar", "en", "fr")
HEAD_LINES = 10  # a headline stands among the first lines
HEADLINE_MIN_WORDS = 4  # «Société», «MAGHREB», a site's name are shorter
HEADLINE_MAX_CHARS = 250  # a longer line is the body's first paragraph
DATE_LINE_WORDS = 10  # a line this short with a year or a time is a date, byline or timestamp
TITLE_CHARS = 200

_YEAR = re.compile(r"(?<!\d)(?:19\d\d|20\d\d|1[34]\d\d)(?!\d)")  # Gregorian or Hijri
_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d\d\b")
_SEPARATORS = re.compile(r"[|•·]")


@lru_cache(maxsize=None)
def _bylines() -> frozenset[str]:
    return frozenset(normalize_text(w) for lang in LANGS for w in language_data(lang, "dateline").get("byline", []))


@lru_cache(maxsize=None)
def _line_patterns(name: str) -> tuple[re.Pattern, ...]:
    """The languages' patterns of lines that are never a headline: teasers, page chrome."""
    return tuple(compile_pattern(p) for lang in LANGS for p in language_data(lang, "patterns").get(name, []))


@lru_cache(maxsize=None)
def _month_names() -> re.Pattern:
    names = {normalize_text(k) for lang in LANGS for k in language_data(lang, "months") if not k.startswith("_")}
    names |= {normalize_text(k) for lang in LANGS for k in language_data(lang, "dateline").get("hijri_months", [])}
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")


MENU_ITEMS = 4  # a site's name, a separator and this many section names make a menu


def _menu_after_separator(text: str) -> bool:
    """«Morocco World News | News  Politics  Economy  Society», «اليوم 24 | أخبار  سياسة  مجتمع»:
    after a separator, items set apart by wide spaces, or capitalised words one after another."""
    parts = _SEPARATORS.split(text, maxsplit=1)
    if len(parts) < 2:
        return False
    items = parts[1].split()
    return len(items) >= MENU_ITEMS and (len(re.findall(r"\S\s{2,}(?=\S)", parts[1])) >= MENU_ITEMS - 1
                                        or all(w[:1].isupper() for w in items))


def is_headline(line: str) -> bool:
    """Whether a line of the top of a page reads as a headline (see the module docstring)."""
    text = line.strip()
    words = text.split()
    if len(words) < HEADLINE_MIN_WORDS or len(text) > HEADLINE_MAX_CHARS:
        return False
    if len(_SEPARATORS.findall(text)) >= 2 or _menu_after_separator(text):
        return False  # a menu, or a byline with its date and time
    norm = normalize_text(text)
    if norm.split()[0] in _bylines():
        return False
    if len(words) <= DATE_LINE_WORDS and _TIME.search(text) or (_YEAR.search(text) and _month_names().search(norm)):
        return False  # a date, a timestamp: «Jeudi 1 juin 2023 | Casablanca 24°», not «حصيلة 2019.. …»
    return not any(p.search(norm) for name in ("teaser_line", "chrome_line") for p in _line_patterns(name))


def headline(text: str) -> str | None:
    """The first line of the top of ``text`` that is a headline, shortened to TITLE_CHARS; None
    when none is."""
    lines = [s.strip() for s in text.splitlines() if s.strip()][:HEAD_LINES]
    found = next((s for s in lines if is_headline(s)), None)
    if found is None:
        return None
    return found if len(found) <= TITLE_CHARS else found[:TITLE_CHARS - 1] + "…"
