"""Disjoint spans taken by earlier matches, queried in logarithmic time.

Several stages keep the first match at each place and drop later ones that overlap it
(dates, periods, ages). Testing each new match against every span taken is quadratic on
a long text; the spans taken are disjoint, so kept sorted by start their ends are sorted
too, and one bisection answers.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right


class Spans:
    """Disjoint half-open spans ``[start, end)``, sorted."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span taken overlaps ``[start, end)`` (``a < end and start < b``)."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._spans[i - 1][1] > start

    def take(self, start: int, end: int) -> bool:
        """Take ``[start, end)`` unless it overlaps a span taken; whether it was taken."""
        if self.overlaps(start, end):
            return False
        i = bisect_right(self._spans, (start, end))
        self._spans.insert(i, (start, end))
        self._starts.insert(i, start)
        return True

    def starts_within(self, lo: int, hi: int) -> bool:
        """Whether a span taken starts in ``[lo, hi]``."""
        i = bisect_left(self._starts, lo)
        return i < len(self._starts) and self._starts[i] <= hi
