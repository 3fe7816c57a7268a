"""Language patterns compiled so that a run of spaces costs linear time.

A pattern such as ``من\\s+(?:سنه)?\\s*(?P<a>YEAR)`` has two quantifiers over the same
spaces: on «من» followed by 17,000 newlines and no year, the engine tries every way of
sharing the run between them, each to the end of the run: quadratic time. Possessive
quantifiers (``\\s++``, ``\\s*+``, Python 3.11) take the whole run once and never give
it back. No pattern of ours needs a space given back (none puts a space right after a
``\\s+``), so matches are unchanged; tests/test_patterns.py checks both.
"""
from __future__ import annotations

import re
from re import _constants, _parser

_SPACE_QUANTIFIER = re.compile(r"(?<!\\)(\\s[+*])(?![+?{])")


def possessive_spaces(pattern: str) -> str:
    """``pattern`` with every greedy ``\\s+`` and ``\\s*`` made possessive."""
    return _SPACE_QUANTIFIER.sub(r"\1+", pattern)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile`` of :func:`possessive_spaces` of ``pattern``."""
    return re.compile(possessive_spaces(pattern), flags)


# A guard of more words than this costs about as much as the scan it would save.
MAX_GUARD_WORDS = 16
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)


def required_words(rx: re.Pattern) -> tuple[str, ...]:
    """Literal strings one of which every match of ``rx`` holds in the text it consumes
    (not in a lookaround), or () when the pattern gives no such set of at most
    MAX_GUARD_WORDS: «(?P<n>\\d+)\\s*(?:قتلي|ضحايا)» needs «قتلي» or «ضحايا». A scan of a text
    holding none of them can be skipped (:func:`may_match`): it would find nothing.

    Read from the parsed pattern: a run of literal characters, a group, a repeat taken at
    least once, or an alternation whose every branch has such words; of several, the one
    whose shortest word is longest. Case-insensitive parts give none."""
    if rx.flags & re.IGNORECASE:
        return ()
    try:
        words = _required(_parser.parse(rx.pattern, rx.flags))
    except (re.error, TypeError, ValueError):  # a bytes pattern, a parser this code does not know
        return ()
    return tuple(sorted(words)) if words else ()


def _required(seq) -> frozenset[str] | None:
    """Words one of which every match of the parsed sequence ``seq`` holds, or None."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in list(seq) + [(None, None)]:
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is _constants.SUBPATTERN and not av[1] & re.IGNORECASE:
            found.append(_required(av[3]))
        elif op is _constants.BRANCH:
            branches = [_required(b) for b in av[1]]
            if all(branches):
                found.append(frozenset().union(*branches))
        elif op in _REPEATS and av[0] >= 1:
            found.append(_required(av[2]))
        elif op is _constants.ATOMIC_GROUP:
            found.append(_required(av))
    found = [f for f in found if f and len(f) <= MAX_GUARD_WORDS]  # a union only grows: a larger set is no use
    return max(found, key=lambda f: (min(map(len, f)), -len(f))) if found else None


def guarded(patterns) -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """Each pattern with its :func:`required_words`, for :func:`may_match` before a scan."""
    return tuple((rx, required_words(rx)) for rx in patterns)


def may_match(words: tuple[str, ...], text: str, lo: int = 0, hi: int | None = None) -> bool:
    """False only when a pattern whose :func:`required_words` are ``words`` cannot match
    inside ``text[lo:hi]``: none of them is there (``words`` empty: it may)."""
    if not words:
        return True
    if hi is None:
        hi = len(text)
    for w in words:
        if text.find(w, lo, hi) >= 0:
            return True
    return False
