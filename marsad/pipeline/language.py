"""Language of a document: ar, fr or en (others as "other"), offline, from its letters and words."""
from __future__ import annotations

import re

from ..resources import language_data

_ARABIC = re.compile(r"[\u0600-\u06FF]+")
_LATIN = re.compile(r"[a-zA-ZÀ-ÿ]+")
_LATIN_WORD = re.compile(r"[a-zA-ZÀ-ÿ]+")


def detect_language(text: str) -> str:
    """'ar' when Arabic letters dominate, else 'fr' or 'en' by their function words."""
    sample = text[:600]
    arabic = len(sample) - len(_ARABIC.sub("", sample))
    latin = len(sample) - len(_LATIN.sub("", sample))
    if arabic > 20 and arabic >= latin * 0.5:
        return "ar"
    words = [w.lower() for w in _LATIN_WORD.findall(text[:3000])]
    if not words:
        return "ar" if arabic else "other"
    scores = {}
    for lang in ("en", "fr"):
        stop = set(language_data(lang, "stopwords").get("words", []))
        scores[lang] = sum(w in stop for w in words)
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else "other"
