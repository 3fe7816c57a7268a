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

_SPACE_QUANTIFIER = re.compile(r"(?<!\\)(\\s[+*])(?![+?{])")


def possessive_spaces(pattern: str) -> str:
    """``pattern`` with every greedy ``\\s+`` and ``\\s*`` made possessive."""
    return _SPACE_QUANTIFIER.sub(r"\1+", pattern)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile`` of :func:`possessive_spaces` of ``pattern``."""
    return re.compile(possessive_spaces(pattern), flags)
