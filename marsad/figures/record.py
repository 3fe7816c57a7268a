"""marsad's own count over a figure's period, and the coverage it rests on.

A claim says "more than 200 cells since 2002"; the record holds the canonical events
the ingested press reported. Over the same days the record counts: ``cells_dismantled``
the operations of that type, ``persons_arrested`` the persons arrested in cell
dismantlings and arrests, ``attacks`` the attacks. ``plots_foiled`` is not counted (the
record does not tell a plot foiled from a cell dismantled). An event counts when every
day its date covers lies in the period; undated events count nowhere, and the coverage
says how many there are, with how many documents, outlets and months the store holds
for the period: the record is only as complete as the press ingested.

:class:`RecordTally` is built once from aggregate rows (:meth:`marsad.store.Store.figure_tallies`)
and answers each period by bisection.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate

METRIC_TYPES = {  # metric -> (event types, what is counted)
    "cells_dismantled": (("cell_dismantled",), "events"),
    "persons_arrested": (("cell_dismantled", "arrest"), "arrested"),
    "attacks": (("attack",), "events"),
}


SHORT_DAYS = 366  # the longest date of one year


def _days_between(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days


@dataclass(frozen=True)
class Coverage:
    """What the store holds for a period."""

    documents: int
    outlets: int
    months: int
    undated_events: int  # in the whole store: they cannot be placed in any period


class RecordTally:
    """Counts of canonical events and documents over any period.

    ``events``: (type, first day, last day, events, persons arrested) rows, days as
    ``YYYY-MM-DD``; ``documents``: (publication day, outlet, documents) rows;
    ``undated``: canonical events with no date.

    An event lies in [lo, hi] when it ends by ``hi`` and neither ends before ``lo`` nor
    starts before it while ending within it; so a count is two bisections over the events
    by last day, less the few dates of more than a day that straddle ``lo`` (kept per
    ``lo``: the claims of a store share a handful of first days). Coverage is the same
    way: documents by day, and an outlet's first day from ``lo`` on, per ``lo``.
    """

    def __init__(self, events, documents, undated: int = 0) -> None:
        self.undated = undated
        by_end: dict[str, list[tuple]] = defaultdict(list)
        spans: dict[str, list[tuple]] = defaultdict(list)  # dates of more than a day, by first day
        self._long: dict[str, list[tuple]] = defaultdict(list)  # those of more than a year
        for type_, first, last, n, arrested in events:
            if first is None or last is None:
                continue
            row = (first, last, n, arrested or 0)
            by_end[type_].append(row)
            if first != last:
                (self._long if _days_between(first, last) > SHORT_DAYS else spans)[type_].append(row)
        self._by_end = {t: _summed(rows, key=1) for t, rows in by_end.items()}
        self._spans = {t: ([r[0] for r in rows], rows) for t, rows in ((t, sorted(rs)) for t, rs in spans.items())}
        self._straddling: dict[tuple, tuple] = {}
        by_day: dict[str, int] = defaultdict(int)
        outlet_days: dict[str, set] = defaultdict(set)
        for day, outlet, n in documents:
            if day:
                by_day[day[:10]] += n
                if outlet is not None:
                    outlet_days[outlet].add(day[:10])
        self._doc_days = sorted(by_day)
        self._doc_prefix = [0, *accumulate(by_day[d] for d in self._doc_days)]
        self._outlet_days = [sorted(days) for days in outlet_days.values()]
        self._outlets_from: dict[str, list[str]] = {}
        self._months = sorted({d[:7] for d in self._doc_days})

    def count(self, metric: str, start: dt.date, end: dt.date) -> int | None:
        """The record's count of ``metric`` over [start, end]; None for a metric it does not count."""
        if metric not in METRIC_TYPES:
            return None
        types, what = METRIC_TYPES[metric]
        col = 2 if what == "events" else 3
        lo, hi = start.isoformat(), end.isoformat()
        total = 0
        for t in types:
            if t not in self._by_end:
                continue
            ends, _, sums = self._by_end[t]
            total += sums[col][bisect_right(ends, hi)] - sums[col][bisect_left(ends, lo)]
            s_ends, _, s_sums = self._straddle(t, start)
            total -= s_sums[col][bisect_right(s_ends, hi)]
        return total

    def _straddle(self, type_: str, start: dt.date) -> tuple:
        """The dates of ``type_`` that start before ``start`` and end on it or later, by last day."""
        key = (type_, start)
        if key not in self._straddling:
            lo = start.isoformat()
            near = (start - dt.timedelta(days=SHORT_DAYS)).isoformat()  # a short date starts within a year
            firsts, rows = self._spans.get(type_, ([], []))
            hits = [r for r in rows[bisect_left(firsts, near):bisect_left(firsts, lo)] if r[1] >= lo]
            hits += [r for r in self._long.get(type_, ()) if r[0] < lo <= r[1]]
            self._straddling[key] = _summed(hits, key=1)
        return self._straddling[key]

    def coverage(self, start: dt.date, end: dt.date) -> Coverage:
        lo, hi = start.isoformat(), end.isoformat()
        i, j = bisect_left(self._doc_days, lo), bisect_right(self._doc_days, hi)
        if lo not in self._outlets_from:  # each outlet's first day from lo on
            self._outlets_from[lo] = sorted(days[k] for days in self._outlet_days
                                            if (k := bisect_left(days, lo)) < len(days))
        outlets = bisect_right(self._outlets_from[lo], hi)
        if i == j:
            months = 0
        else:  # months between the first and the last day with a document, each holding one
            first, last = self._doc_days[i][:7], self._doc_days[j - 1][:7]
            months = bisect_right(self._months, last) - bisect_left(self._months, first)
        return Coverage(documents=self._doc_prefix[j] - self._doc_prefix[i], outlets=outlets,
                        months=months, undated_events=self.undated)


def _summed(rows: list[tuple], key: int) -> tuple[list, list, dict[int, list[int]]]:
    """``rows`` sorted by column ``key``: (that column, the rows, running sums of columns 2 and 3)."""
    rows = sorted(rows, key=lambda r: r[key])
    return [r[key] for r in rows], rows, {col: [0, *accumulate(r[col] for r in rows)] for col in (2, 3)}
