"""A claim on a footing where it can be compared: an interval of values over a period of days.

The qualifier becomes an interval of whole numbers: ``exact`` N is [N, N], ``more_than``
N is [N+1, ∞), ``at_least`` N is [N, ∞), ``at_most`` N is [0, N], ``about`` N is N give
or take ABOUT_TOLERANCE of it (at least 1). The period becomes first and last days:
``period`` (one year or month) covers itself; ``since`` opens it on its first day;
``until`` closes it on its last day; a figure "since" a date with no end is a count up
to the day it was said, its document's publication date (unknown when that is).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..text.dates import date_bounds
from ..sources import source_entity

# the same years and publication days recur across claims and their periods
_bounds = lru_cache(maxsize=1 << 16)(date_bounds)

ABOUT_TOLERANCE = 0.10  # «نحو 360», "some 360", «environ 360»: 324 to 396


@dataclass(slots=True)
class Figure:
    """One stored claim, comparable: ``low``..``high`` (None: no upper bound) over
    ``start``..``end`` (None: not known)."""

    claim_id: int
    document_id: str
    metric: str
    subset: str | None
    value: int
    qualifier: str
    low: int
    high: int | None
    start: dt.date | None
    end: dt.date | None
    source: str | None  # as the article wrote it
    source_id: str | None  # the entity (marsad.sources)
    published: str | None
    ended_by_publication: bool = False  # "since 2002" with no end: counted up to the day it was said
    evidence: list | str = field(default_factory=list, compare=False)  # spans, or their stored JSON text
    url: str | None = field(default=None, compare=False)

    @property
    def placed(self) -> bool:
        """Whether the period is known at both ends (only such figures are compared)."""
        return self.start is not None and self.end is not None


@lru_cache(maxsize=1 << 16)
def value_interval(value: int, qualifier: str) -> tuple[int, int | None]:
    """The whole numbers a qualified value allows: (low, high), high None for no bound."""
    if qualifier == "more_than":
        return value + 1, None
    if qualifier == "at_least":
        return value, None
    if qualifier == "at_most":
        return 0, value
    if qualifier == "about":
        spread = max(1, math.ceil(value * ABOUT_TOLERANCE))
        return max(0, value - spread), value + spread
    return value, value  # exact, or a qualifier this version does not know


def claim_period(claim: dict[str, Any]) -> tuple[dt.date | None, dt.date | None, bool]:
    """(first day, last day, ended by publication) of a stored claim's period."""
    return period_days(claim.get("period"), claim.get("since"), claim.get("until"), claim.get("published"))


@lru_cache(maxsize=1 << 17)  # the same few years and publication days recur across claims
def period_days(period: str | None, since: str | None, until: str | None,
                published: str | None) -> tuple[dt.date | None, dt.date | None, bool]:
    """:func:`claim_period` of a claim's period, since, until and its document's publication date."""
    bounds = _bounds(period)
    if bounds is not None:
        return bounds[0], bounds[1], False
    since_b, until_b = _bounds(since), _bounds(until)
    start = since_b[0] if since_b else None
    end = until_b[1] if until_b else None
    by_publication = False
    if end is None and start is not None:
        published_b = _bounds(published)
        end, by_publication = (published_b[1], True) if published_b else (None, False)
    if start is not None and end is not None and end < start:
        return None, None, False  # a period that ends before it starts is not one
    return start, end, by_publication


def figure(claim: dict[str, Any]) -> Figure:
    """The figure of a stored claim (a dict as :meth:`marsad.store.Store.claims` gives)."""
    value, qualifier, source = int(claim["value"]), claim["qualifier"], claim.get("source")
    low, high = value_interval(value, qualifier)
    start, end, by_publication = claim_period(claim)
    return Figure(claim["id"], claim["document_id"], claim["metric"], claim.get("subset"), value, qualifier,
                  low, high, start, end, source, source_entity(source), claim.get("published"), by_publication,
                  claim.get("evidence") or [], claim.get("url"))


def overlap(a: tuple[int, int | None], b: tuple[int, int | None]) -> tuple[int, int | None] | None:
    """The values both intervals allow, None when they allow none in common."""
    low = max(a[0], b[0])
    highs = [h for h in (a[1], b[1]) if h is not None]
    high = min(highs) if highs else None
    return None if high is not None and high < low else (low, high)


def add(a: tuple[int, int | None], b: tuple[int, int | None]) -> tuple[int, int | None]:
    """The interval of a sum."""
    return a[0] + b[0], None if a[1] is None or b[1] is None else a[1] + b[1]
