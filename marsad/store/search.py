"""The search form of text: what the full-text index stores and queries are turned into.

SQLite's ``unicode61`` tokenizer folds case and Latin accents but knows nothing
of Arabic: «الإرهابية» and «والارهابية» are different tokens to it. So the
index holds a *shadow* of each document: every token normalized with
:func:`marsad.text.normalize.normalize_text` and stripped of Arabic clitic
prefixes (و ف ب ل ك and the article ال, in any combination: وال، بال، لل، فال،
وبال ...). Queries go through the same function, so «إرهاب» finds «الإرهاب» and
«بالإرهاب».

Stripping is repeated one prefix at a time while at least ``MIN_STEM`` letters
stay, which makes it consistent: ``shadow(prefix + word) == shadow(word)`` for any
clitic prefix. The price is that words which merely start with one of these
letters (بيت، كتاب) lose it too — on both sides, so matches are not lost, only a
little precision.
"""
from __future__ import annotations

import re

from ..text.normalize import normalize

MIN_STEM = 2  # never strip a prefix if fewer letters would remain (ولد stays لد, not د)
SNIPPET_CHARS = 80  # characters of context on each side of the first match
_TOKEN_RE = re.compile(r"[^\W_]+")
_CLITICS = "وفبلك"
_ARTICLE = "ال"


def shadow_token(token: str) -> str:
    """Strip Arabic clitic prefixes from one *normalized* token (see module doc)."""
    while True:
        if token.startswith(_ARTICLE) and len(token) - 2 >= MIN_STEM:
            token = token[2:]
        elif token and token[0] in _CLITICS and len(token) - 1 >= MIN_STEM:
            token = token[1:]
        else:
            return token


def shadow_text(text: str) -> str:
    """The indexed form of ``text``: shadow tokens separated by spaces."""
    norm = normalize(text).text
    return " ".join(shadow_token(t) for t in _TOKEN_RE.findall(norm))


def fts_query(text: str) -> str | None:
    """An FTS5 query matching documents that hold every word of ``text`` (None if no words).

    Each word becomes a quoted shadow token, so FTS5 syntax in user input is inert;
    a word ending in ``*`` is a prefix query.
    """
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        for token in _TOKEN_RE.findall(normalize(word).text):
            terms.append(f'"{shadow_token(token)}"')
        if prefix and terms:
            terms[-1] += "*"
    return " ".join(terms) or None


def tsquery(text: str) -> str | None:
    """:func:`fts_query` for PostgreSQL: a ``tsquery`` of the same shadow tokens, all
    required (``&``), quoted as lexemes (no parsing, no stemming), ``:*`` for a prefix."""
    terms = [f"'{token}'" + (":*" if star else "") for token, star in _query_terms(text)]
    return " & ".join(terms) or None


def snippet(text: str, query: str, mark: tuple[str, str] = ("⟦", "⟧")) -> str:
    """A short excerpt of ``text`` around the first word that matches ``query``, marked.

    Falls back to the start of the text when no word matches (e.g. a title-only hit).
    """
    wanted = _query_terms(query)
    norm = normalize(text)
    for m in _TOKEN_RE.finditer(norm.text):
        shadow = shadow_token(m.group())
        if any(shadow == w or (star and shadow.startswith(w)) for w, star in wanted):
            start, end = norm.original_span(m.start(), m.end())
            return _excerpt(text, start, end, mark)
    return _oneline(text[:2 * SNIPPET_CHARS]) + ("…" if len(text) > 2 * SNIPPET_CHARS else "")


def _query_terms(query: str) -> list[tuple[str, bool]]:
    terms = []
    for word in query.split():
        tokens = _TOKEN_RE.findall(normalize(word).text)
        for i, token in enumerate(tokens):
            terms.append((shadow_token(token), word.endswith("*") and i == len(tokens) - 1))
    return terms


def _excerpt(text: str, start: int, end: int, mark: tuple[str, str]) -> str:
    left = max(0, start - SNIPPET_CHARS)
    right = min(len(text), end + SNIPPET_CHARS)
    if left > 0 and (space := text.find(" ", left, start)) != -1:
        left = space + 1
    if right < len(text) and (space := text.rfind(" ", end, right)) != -1:
        right = space
    body = text[left:start] + mark[0] + text[start:end] + mark[1] + text[end:right]
    return ("…" if left > 0 else "") + _oneline(body) + ("…" if right < len(text) else "")


def _oneline(s: str) -> str:
    return " ".join(s.split())
