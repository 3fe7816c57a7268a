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

import math
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
    return " & ".join(tsquery_term(t, star) for t, star in _query_terms(text)) or None


def tsquery_term(token: str, prefix: bool) -> str:
    return f"'{token}'" + (":*" if prefix else "")


def query_terms(text: str) -> list[tuple[str, bool]]:
    """The shadow tokens of a query, each with whether it is a prefix (``word*``)."""
    return _query_terms(text)


BM25_K1, BM25_B = 1.2, 0.75


def bm25(body: str, terms: list[tuple[str, bool]], hits: list[int], rows: int, tokens: int) -> float:
    """FTS5's ``rank`` (minus its bm25 score) of the indexed text ``body`` for the query
    ``terms`` (shadow token, prefix?), given how many of the ``rows`` indexed texts match each
    term (``hits``) and how many ``tokens`` they hold in all: the same arithmetic as SQLite's
    fts5_aux.c, so that PostgreSQL orders hits as SQLite does."""
    words = body.split(" ") if body else []
    avgdl = tokens / rows
    score = 0.0
    for (term, prefix), n in zip(terms, hits):
        idf = math.log((rows - n + 0.5) / (n + 0.5))
        if idf <= 0.0:
            idf = 1e-6
        freq = float(sum(w.startswith(term) for w in words) if prefix else words.count(term))
        score += idf * ((freq * (BM25_K1 + 1.0)) / (freq + BM25_K1 * (1 - BM25_B + BM25_B * len(words) / avgdl)))
    return -1.0 * score


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
