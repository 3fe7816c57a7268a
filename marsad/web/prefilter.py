"""A cheap first look at a page: does its text use counter-terrorism vocabulary at all?

:func:`looks_relevant` matches the ``ct`` word lists of every supported language
(``marsad/data/<lang>/lexicon.json``) against the normalized text with the
project's clitic-aware phrase matcher: ``إرهاب*`` matches «والإرهابيين», ``terror*``
matches «Terrorists». Pages without any such word (sport, weather, prices) are
stored but not sent through event extraction. The lists are data; adding a
language adds its lexicon, not code.
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import SUPPORTED_LANGUAGES, language_data
from ..text.normalize import normalize_text
from ..text.tokens import PhraseMatcher, tokenize

LEXICON_KEY = "ct"


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher:
    phrases = {phrase for lang in SUPPORTED_LANGUAGES
               for phrase in language_data(lang, "lexicon").get(LEXICON_KEY, [])
               if isinstance(phrase, str)}
    return PhraseMatcher((phrase, LEXICON_KEY, None) for phrase in sorted(phrases))


def looks_relevant(text: str) -> bool:
    """True when ``text`` contains a counter-terrorism word or phrase in ar, en or fr."""
    tokens, _ = tokenize(normalize_text(text))
    return bool(_matcher().find(tokens))
