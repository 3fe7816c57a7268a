"""Names compared loosely, whatever the script or spelling (sources, places, groups)."""
from __future__ import annotations

import re
import unicodedata

from .normalize import normalize_text

_SEPARATORS = re.compile(r"[\s\-‐-―_'’`´.,:;()\"«»]+")


def fold(name: str) -> str:
    """A name compared loosely: Arabic letter forms and diacritics folded, Latin case and
    accents dropped, hyphens and apostrophes as spaces, a word repeated in a row once."""
    text = normalize_text(name).lower()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = [w for w in _SEPARATORS.split(text.replace("*", " ")) if w]
    return " ".join(w for i, w in enumerate(words) if i == 0 or w != words[i - 1])
