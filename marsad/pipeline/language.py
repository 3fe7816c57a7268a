"""Language of a document: "ar", "fr", "en" or "other", offline, from its letters and words.

Arabic when Arabic letters dominate the start of the text. Otherwise the Latin
words of the start are matched against the function words of English and French
(``data/<lang>/stopwords.json``) and of languages marsad does not extract
(``data/other/stopwords.json``: Spanish, Italian, German, Portuguese, Dutch); the
language with most matches wins, English or French on a tie, and anything but
English or French is "other". With too few matches to tell, the ``hint`` (the
language a web page declares) is taken when it is "en" or "fr", else "other".
One pass over at most SCAN_CHARS characters: this runs on every document.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import language_data

SUPPORTED = ("en", "fr")  # Latin-script languages the extractor reads; ties go to them
LETTER_SAMPLE = 600  # characters whose letters decide between Arabic and Latin script
SCAN_CHARS = 3000  # characters whose words are matched against function words
MIN_ARABIC_LETTERS = 20  # fewer Arabic letters than this is not enough to say Arabic
ARABIC_TO_LATIN = 0.5  # Arabic wins when its letters are at least half the Latin ones
MIN_FUNCTION_WORDS = 3  # fewer matches than this cannot tell a language

_ARABIC = re.compile(r"[\u0600-\u06FF]+")
_LATIN = re.compile(r"[a-zA-ZÀ-ÿ]+")


def detect_language(text: str, hint: str | None = None) -> str:
    """'ar' when Arabic letters dominate, else 'fr', 'en' or 'other' by function words.

    ``hint`` decides only a text whose words are too few to tell (see the module doc).
    """
    sample = text[:LETTER_SAMPLE]
    arabic = len(sample) - len(_ARABIC.sub("", sample))
    latin = len(sample) - len(_LATIN.sub("", sample))
    if arabic > MIN_ARABIC_LETTERS and arabic >= latin * ARABIC_TO_LATIN:
        return "ar"
    words = _LATIN.findall(text[:SCAN_CHARS])
    undecided = hint if hint in SUPPORTED else "other"
    if not words:
        return "ar" if arabic else undecided
    scores = dict.fromkeys(_function_words()[1], 0)
    index = _function_words()[0]
    for word in words:
        for lang in index.get(word.lower(), ()):
            scores[lang] += 1
    best = max(scores, key=lambda lang: (scores[lang], lang in SUPPORTED))
    if scores[best] < MIN_FUNCTION_WORDS:
        return undecided
    return best if best in SUPPORTED else "other"


@lru_cache(maxsize=1)
def _function_words() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """(word -> languages it is a function word of, all languages), built once."""
    lists = {lang: language_data(lang, "stopwords").get("words", []) for lang in SUPPORTED}
    lists.update(language_data("other", "stopwords").get("languages", {}))
    index: dict[str, tuple[str, ...]] = {}
    for lang, words in lists.items():
        for word in set(words):
            index[word] = index.get(word, ()) + (lang,)
    return index, tuple(lists)
