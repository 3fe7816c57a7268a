"""Normalization for matching, with a map back to the original characters.

``normalize("وبالدار البيضاءِ")`` folds hamza/alef forms, alef maqsura, ta marbuta,
drops tatweel and diacritics, turns Eastern Arabic and Persian digits into ASCII,
typographic quotes and dashes into plain ones, lowercases Latin letters and strips
their accents. Every character of the result knows the index of the character it
came from, so a match found in the normalized text is reported as a span of the
text the user gave.
"""
from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from ..resources import data_text

# Characters dropped entirely: Arabic diacritics (harakat, shadda, sukun, dagger alef),
# tatweel, zero-width and directional marks.
_DROPPED = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u06E1", "\u06E2", "\u06ED", "\u0610", "\u0611", "\u0612", "\u0613",
       "\u0614", "\u0615", "\u0616", "\u0617", "\u0618", "\u0619", "\u061A"]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
       "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad"]
    # Combining accents of decomposed Latin text («Fe\u0300s»): the precomposed forms fold below.
    + [chr(c) for c in range(0x0300, 0x0370)]
)
# Characters replaced one for one.
_FOLDED = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه", "ۀ": "ه", "ہ": "ه", "ك": "ك", "ک": "ك",
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "‒": "-", "―": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\t": " ",
    "٫": ".", "٬": ",",
}
# Decimal digits of every script, one for one: Eastern Arabic ٠-٩ and Persian ۰-۹ first of
# all, and the others (Devanagari «१», NKo «߃», mathematical «𝟗»), which a pattern's \d
# takes for digits: unfolded, «201߃» would be a year no code can read.
_FOLDED.update({chr(int(zero[2:], 16) + i): str(i)
                for zero in json.loads(data_text("other", "decimal_digits.json"))["zeros"]
                for i in range(10)})

_DROP_RE = re.compile("[" + "".join(re.escape(c) for c in _DROPPED) + "]+")


@lru_cache(maxsize=None)
def _fold_latin(c: str) -> str:
    """Lowercase and strip accents from one Latin character, keeping length 1."""
    base = unicodedata.normalize("NFD", c.lower())[0]
    return base if len(base) == 1 else c


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _DROPPED}
    table.update({ord(k): v for k, v in _FOLDED.items()})
    for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)):
        c = chr(cp)
        if c.isalpha():
            table[cp] = _fold_latin(c)
    return table


_TABLE = _table()
# str.translate looks each character of a text up in the table; most of a text's characters
# are not in it, so replacing the few distinct ones a text holds is about twice as fast. The
# result is the same because no character is mapped to one the table changes (checked here;
# otherwise translate is used).
_REPLACE = {chr(k): v or "" for k, v in _TABLE.items()}
_KEYS = frozenset(_REPLACE)
_CHAINED = any(_REPLACE.get(c, c) != c for v in _REPLACE.values() for c in v)


def _fold(text: str) -> str:
    """``text.translate(_TABLE)``, faster (see above)."""
    if _CHAINED:
        return text.translate(_TABLE)
    for c in _KEYS.intersection(text):
        text = text.replace(c, _REPLACE[c])
    return text


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus the map from its characters back to the original ones.

    The map is kept as runs, not one index per character: a normalized character
    ``i`` in the run starting at normalized ``a`` and original ``o`` came from
    original ``o + i - a`` (a tuple of indexes took 40 bytes a character).
    """

    text: str
    runs: tuple[tuple[int, int], ...] | None  # (normalized start, original start); None: identity
    original_length: int

    @property
    def offsets(self) -> tuple[int, ...] | None:
        """The original index of every character (None: identity); for tests and debugging."""
        if self.runs is None:
            return None
        return tuple(self.original_index(i) for i in range(len(self.text)))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of :attr:`text` to a span of the original text."""
        if self.runs is None:
            return start, end
        if start >= end:
            pos = self.original_index(start)
            return pos, pos
        return self.original_index(start), self.original_index(end - 1) + 1

    def original_index(self, i: int) -> int:
        if self.runs is None:
            return i
        if i >= len(self.text):
            return self.original_length
        a, o = self.runs[bisect_right(self.runs, i, key=_FIRST) - 1]
        return o + i - a


_FIRST = itemgetter(0)


def normalize(text: str) -> NormalizedText:
    """Normalize ``text`` for matching and keep the offset map (see module doc)."""
    folded = _fold(text)
    if len(folded) == len(text):
        return NormalizedText(folded, None, len(text))
    runs, prev, size = [], 0, 0  # size: normalized characters so far
    for m in _DROP_RE.finditer(text):
        if m.start() > prev:
            runs.append((size, prev))
            size += m.start() - prev
        prev = m.end()
    if prev < len(text):
        runs.append((size, prev))
    return NormalizedText(folded, tuple(runs), len(text))


def normalize_text(text: str) -> str:
    """The normalized string alone (for keys and the search index)."""
    return _fold(text)


def strip_diacritics(text: str) -> str:
    """Drop Arabic diacritics and tatweel only, keeping letters as written."""
    return _DROP_RE.sub("", text)
