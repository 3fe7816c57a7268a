"""Cheap rejection: whether a document can be relevant at all, from one look at its words.

:func:`~.relevance.is_relevant` takes a document only when one of its mentions is
counter-terrorism vocabulary (``relevance.CT_KINDS``: the lexicon's «ct» and «org» phrases,
the known attacks). A mention is a phrase of :func:`~.mentions.lexicon_entries` matched word
after word on consecutive tokens of :func:`~.mentions.document_text` (later stages only drop
mentions), and a word matches a token when it is one of the token's :func:`stems`: the token,
the token less a clitic prefix, or «ال» and that rest («للأبحاث» is «الأبحاث»). So a phrase of
those kinds can only match in a text that holds

1. each of its plain words as a token, bare or behind a clitic prefix (for «الX», X may stand
   behind the prefix): looked up in the set of the text's runs of letters, which are its
   letter tokens;
2. each prefix word («إرهاب*», less «ال») and each word with digits, as a string;
3. the whole phrase (when it has no ``~`` gap): those tokens one after the other, apart by
   non-word characters only (a regular expression built from 1 and 2).

A document in which no such phrase passes cannot be relevant. The test is looser than the
matcher (it lets through «terrorisme» in a caption, a phrase across two sentences), never
stricter: what it rejects, relevance rejects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.tokens import GAP, _PREFIXES, _phrase_words
from .mentions import lexicon_entries
from .relevance import CT_KINDS, CT_SERVICES

ARTICLE = "ال"
_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters: tokens.tokenize cuts its letter tokens the same way
_ALL_LETTERS = re.compile(r"[^\W\d_]+\Z")
_CLITIC = "(?:" + "|".join(map(re.escape, sorted(_PREFIXES, key=len, reverse=True))) + ")?"
_TOKEN_START, _TOKEN_END = r"(?<![^\W\d_])", r"(?![^\W\d_])"  # a run of letters' edges
_BETWEEN = r"[\W_]*"  # what may part two consecutive tokens


def _cores(word: str) -> tuple[str, ...]:
    """What follows a token's clitic prefix when ``word`` is one of the token's stems: the word
    itself, or, for «الX», X alone (``stems`` puts «ال» back before it)."""
    return (word, word[len(ARTICLE):]) if word.startswith(ARTICLE) and len(word) > len(ARTICLE) else (word,)


def _forms(word: str) -> set[str]:
    """Every token that may have the plain word ``word`` among its stems."""
    return {p + core for core in _cores(word) for p in ("", *_PREFIXES)}


def _alternation(strings) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(set(strings), key=len, reverse=True))) + ")"


@dataclass
class _Phrase:
    """What a text must hold for one phrase to match in it (see the module doc)."""

    words: frozenset[str]  # plain words, among the text's words
    needles: tuple[str, ...]  # strings inside the text
    source: str | None  # the phrase as a whole, a regular expression; None with a gap (its words alone are asked)
    _pattern: re.Pattern | None = None  # compiled when first needed: most phrases never are

    def may_match(self, present: set[str], text: str) -> bool:
        if not (self.words <= present and all(n in text for n in self.needles)):
            return False
        if self.source is None:
            return True
        if self._pattern is None:
            self._pattern = re.compile(self.source)
        return self._pattern.search(text) is not None


def _phrase(words: tuple[str, ...]) -> _Phrase:
    plain, needles, pieces = set(), [], []
    for w in words:
        if w == GAP:
            pieces = None
            continue
        if w.endswith("*"):  # a prefix: some stem of the token starts with it
            x = w[:-1]
            cores = set(_cores(x)) | ({""} if ARTICLE.startswith(x) else set())  # «ا*»: «ال» + anything
            shortest = min(cores, key=len)
            if shortest:
                needles.append(shortest)
            piece = _TOKEN_START + _CLITIC + _alternation(cores) + r"[^\W\d_]*"
        elif _ALL_LETTERS.match(w):
            plain.add(w)
            piece = _TOKEN_START + _CLITIC + _alternation(_cores(w)) + _TOKEN_END
        else:  # digits (a number token equals the word), or a mark no token holds: found as a string
            needles.append(w)
            piece = re.escape(w)
        if pieces is not None:
            pieces.append(piece)
    return _Phrase(frozenset(plain), tuple(needles), _BETWEEN.join(pieces) if pieces else None)


class Prefilter:
    """The counter-terrorism phrases of one language, compiled for :meth:`may_be_relevant`."""

    def __init__(self, phrases: list[tuple[str, ...]]):
        self.forms: dict[str, set[str]] = {}  # a token -> the plain words it may stand for
        self.by_word: dict[str, list[_Phrase]] = {}  # a phrase under its longest plain word
        self.loose: list[_Phrase] = []  # phrases without a plain word, always tried
        for words in dict.fromkeys(phrases):
            ph = _phrase(words)
            for w in ph.words:
                for form in _forms(w):
                    self.forms.setdefault(form, set()).add(w)
            if ph.words:
                self.by_word.setdefault(max(sorted(ph.words), key=len), []).append(ph)
            else:
                self.loose.append(ph)
        self._form_keys = frozenset(self.forms)

    def may_be_relevant(self, text: str) -> bool:
        """False when no counter-terrorism phrase can match in the normalized ``text``."""
        present: set[str] = set()
        for token in self._form_keys.intersection(_LETTERS.findall(text)):
            present.update(self.forms[token])
        if any(ph.may_match(present, text) for ph in self.loose):
            return True
        return any(ph.may_match(present, text) for w in present for ph in self.by_word.get(w, ()))


@lru_cache(maxsize=None)
def prefilter(lang: str) -> Prefilter:
    """The pre-filter of a language: every phrase the mention stage labels with a ``CT_KINDS`` kind, and the
    counter-terrorism services' names."""
    # (and the names of the counter-terrorism services: an arms cache found on their intelligence is relevant
    # with no word of terrorism, relevance._a_cache_for_the_intelligence_service)
    words = (_phrase_words(phrase) for phrase, label, value in lexicon_entries(lang)
             if label in CT_KINDS or label == "agency" and value in CT_SERVICES)
    return Prefilter([w for w in words if w])  # a phrase of no words matches nothing


def may_be_relevant(text: str, lang: str) -> bool:
    """Whether a document whose :func:`~.mentions.document_text` is ``text`` may be relevant
    (False: :func:`~.relevance.is_relevant` would say no)."""
    return prefilter(lang).may_be_relevant(text)
