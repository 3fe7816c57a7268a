"""Which figures can be compared, and whether they agree.

Figures compare when they count the same metric of the same subset and their periods
are known at both ends (:attr:`Figure.placed`). They are grouped by period; then:

- **same period**: the figures of one period. ``agree`` when they allow the same values,
  ``compatible`` when their intervals overlap, ``conflict`` when two of them cannot both
  be true.
- **series**: the periods of one series (same start, e.g. "since 2002"), each with the
  next one to end. A count over a longer period cannot be smaller: ``conflict`` when the
  later figure's highest value is under the earlier one's lowest; ``superseded`` when it
  is over the earlier one's highest (the total grew: the later figure replaces it);
  otherwise ``agree`` or ``compatible`` as for one period.
- **nested**: a stated period inside another of another start ("90 cells in 2020" within
  "80 cells from 2015 to 2022"): a ``conflict`` when the longer one's highest value is
  under the shorter one's lowest. Only conflicts are reported: every year of a span fits
  in it, and listing each such pair would bury the few that do not.
- **sum**: a figure for each year of a stated span of whole years against the span's
  figure: the sum's interval compared as for one period (the check lists the span's
  figures; the years are its other periods).

Only periods stated in the text are nested or summed; a period that ends on its
document's publication day takes part in its series only.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .footing import Figure, add

Interval = tuple[int, "int | None"]
Period = tuple[dt.date, dt.date]


@dataclass(slots=True)
class PeriodGroup:
    """The placed figures of one metric, subset and period; what the comparisons ask of them
    is worked out once, by :meth:`settle`, when every figure is in."""

    metric: str
    subset: str | None
    start: dt.date
    end: dt.date
    figures: list[Figure] = field(default_factory=list)
    stated: bool = False  # some figure's text states the end (it is not only the publication day)
    interval: Interval | None = None  # the values every figure allows, None when they conflict
    whole_year: int | None = None  # the year, when the period is one calendar year

    def settle(self) -> PeriodGroup:
        figures = self.figures
        if len(figures) == 1:  # most periods that end on a publication day
            f = figures[0]
            self.stated = not f.ended_by_publication
            low = max(0, f.low)
            self.interval = None if f.high is not None and f.high < low else (low, f.high)
        else:
            self.stated = not all(f.ended_by_publication for f in figures)
            self.interval = _common(figures)
        s, e = self.start, self.end
        self.whole_year = s.year if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year else None
        return self


def _common(figures: list[Figure]) -> Interval | None:
    """The values every figure allows, from 0 up (intervals on a line share a value when each
    two do)."""
    low = max(0, max(f.low for f in figures))
    highs = [f.high for f in figures if f.high is not None]
    high = min(highs) if highs else None
    if high is not None and high < low:
        return None
    return low, high


@dataclass
class Check:
    """A comparison of figures: what was compared, and the verdict."""

    kind: str  # same_period, series, nested, sum
    metric: str
    subset: str | None
    verdict: str  # agree, compatible, conflict, superseded
    periods: list[Period]
    figures: list[Figure]
    reason: str


def group_by_period(figures: list[Figure]) -> list[PeriodGroup]:
    """Placed figures by (metric, subset, period), in a stable order."""
    groups: dict[tuple, PeriodGroup] = {}
    for f in figures:
        if f.start is not None and f.end is not None:  # placed
            key = (f.metric, f.subset or "", f.start, f.end)
            group = groups.get(key)
            if group is None:
                group = groups[key] = PeriodGroup(f.metric, f.subset, f.start, f.end)
            group.figures.append(f)
    return [groups[k].settle() for k in sorted(groups)]


def verdict_of(intervals: list[Interval]) -> str:
    """agree (all the same), compatible (all overlap pairwise), conflict (two cannot both hold).

    Intervals on a line overlap pairwise exactly when the greatest low is within the least
    high (an empty interval, low over high, overlaps none), so one pass tells."""
    low = max(i[0] for i in intervals)
    highs = [i[1] for i in intervals if i[1] is not None]
    if highs and min(highs) < low:
        return "conflict"
    return "agree" if len(set(intervals)) == 1 else "compatible"


def growth_verdict(earlier: Interval, later: Interval) -> str:
    """A count over a longer period (``later``) against one over a shorter (``earlier``)."""
    if later[1] is not None and later[1] < earlier[0]:
        return "conflict"
    if earlier[1] is not None and later[0] > earlier[1]:
        return "superseded"
    return verdict_of([earlier, later])


def check_figures(figures: list[Figure]) -> list[Check]:
    """Every comparison the figures allow (see the module's docstring)."""
    return check_groups(group_by_period(figures))


def check_groups(groups: list[PeriodGroup]) -> list[Check]:
    """Every comparison the period groups allow (settled, in :func:`group_by_period`'s order)."""
    checks = [same_period_check(g) for g in groups if len(g.figures) > 1]
    by_series: dict[tuple, list[PeriodGroup]] = defaultdict(list)
    by_metric: dict[tuple, list[PeriodGroup]] = defaultdict(list)
    for g in groups:
        by_series[(g.metric, g.subset or "", g.start)].append(g)
        by_metric[(g.metric, g.subset or "")].append(g)
    for series in by_series.values():
        series.sort(key=lambda g: g.end)
        checks += [c for a, b in zip(series, series[1:]) if (c := series_check(a, b)) is not None]
    for same in by_metric.values():
        stated = [g for g in same if g.stated]
        checks += _nested(stated)
        checks += _sums(stated)
    return checks


def same_period_check(g: PeriodGroup) -> Check:
    verdict = verdict_of([(f.low, f.high) for f in g.figures])
    values = ", ".join(sorted({_written(q, v) for q, v in {(f.qualifier, f.value) for f in g.figures}}))
    return Check("same_period", g.metric, g.subset, verdict, [(g.start, g.end)], list(g.figures),
                 f"{len(g.figures)} figures for one period: {values}")


def series_check(a: PeriodGroup, b: PeriodGroup) -> Check | None:
    ia, ib = a.interval, b.interval
    if ia is None or ib is None:
        return None  # a period in conflict with itself is reported as such
    verdict = growth_verdict(ia, ib)
    reason = {"conflict": "the count over the longer period is smaller",
              "superseded": "the total grew: the later figure replaces the earlier one"}.get(
        verdict, "the later figure allows the earlier one's values")
    return Check("series", a.metric, a.subset, verdict, [(a.start, a.end), (b.start, b.end)],
                 a.figures + b.figures, reason)


def _nested(groups: list[PeriodGroup]) -> list[Check]:
    out = []
    for inner in groups:
        for outer in groups:
            if outer is inner or outer.start == inner.start:
                continue  # same start: a series
            if not (outer.start <= inner.start and inner.end <= outer.end):
                continue
            ii, io = inner.interval, outer.interval
            if ii is None or io is None or io[1] is None or io[1] >= ii[0]:
                continue  # it fits
            out.append(nested_check(inner, outer))
    return out


def nested_check(inner: PeriodGroup, outer: PeriodGroup) -> Check:
    """The conflict of a stated period inside a longer one whose count is smaller."""
    return Check("nested", inner.metric, inner.subset, "conflict", [(inner.start, inner.end), (outer.start, outer.end)],
                 inner.figures + outer.figures, "the count over the longer period is smaller")


def _sums(groups: list[PeriodGroup]) -> list[Check]:
    years = {y: g for g in groups if (y := g.whole_year) is not None and g.interval is not None}
    out = []
    for span in groups:
        first, last = span.start.year, span.end.year
        if (span.whole_year is not None or span.interval is None or (span.start.month, span.start.day) != (1, 1)
                or (span.end.month, span.end.day) != (12, 31)
                or not all(y in years for y in range(first, last + 1))):
            continue
        out.append(sum_check(span, [years[y] for y in range(first, last + 1)]))
    return out


def sum_check(span: PeriodGroup, parts: list) -> Check:
    """A span of whole years against the sum of its years' figures (``parts``: each year's
    settled group, or anything with its ``interval``, ``start`` and ``end``)."""
    total: Interval = (0, 0)
    for g in parts:
        total = add(total, g.interval)
    return Check("sum", span.metric, span.subset, verdict_of([total, span.interval]),
                 [(span.start, span.end)] + [(g.start, g.end) for g in parts], list(span.figures),
                 f"the yearly figures of {span.start.year}-{span.end.year} add up to {_interval_text(total)}")


_SIGNS = {"more_than": "more than ", "at_least": "at least ", "about": "about ", "at_most": "at most "}


def _written(qualifier: str, value: int) -> str:
    return _SIGNS.get(qualifier, "") + str(value)


def _interval_text(i: Interval) -> str:
    low, high = i
    return f"{low} or more" if high is None else str(low) if low == high else f"{low} to {high}"
