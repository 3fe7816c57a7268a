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
    """

    def __init__(self, events, documents, undated: int = 0) -> None:
        self.undated = undated
        # dates of more than a year (few), and by (type, one day or not) the days and the
        # dates of a week, a month or a year: rows (first, last, events, arrested)
        self._long: dict[str, list[tuple]] = defaultdict(list)
        short: dict[tuple, list[tuple]] = defaultdict(list)
        for type_, first, last, n, arrested in events:
            if first is None or last is None:
                continue
            row = (first, last, n, arrested or 0)
            if _days_between(first, last) > SHORT_DAYS:
                self._long[type_].append(row)
            else:
                short[(type_, first == last)].append(row)
        # the short ones by first day, with running sums of each value column, so that a
        # period counts them by bisection, less the dates of its last year that end after it
        self._short = {}
        for key, rows in short.items():
            rows.sort()
            self._short[key] = ([r[0] for r in rows], rows,
                                {col: [0, *accumulate(r[col] for r in rows)] for col in (2, 3)})
        by_day: dict[str, int] = defaultdict(int)
        outlet_days: dict[str, set] = defaultdict(set)
        for day, outlet, n in documents:
            if day:
                by_day[day[:10]] += n
                if outlet is not None:
                    outlet_days[outlet].add(day[:10])
        self._doc_days = sorted(by_day)
        self._doc_prefix = [0, *accumulate(by_day[d] for d in self._doc_days)]
        # an outlet is in a period when one of its days is: a bisection per outlet (outlets
        # are few, days many)
        self._outlet_days = [sorted(days) for days in outlet_days.values()]
        self._months = sorted({d[:7] for d in self._doc_days})

    def count(self, metric: str, start: dt.date, end: dt.date) -> int | None:
        """The record's count of ``metric`` over [start, end]; None for a metric it does not count."""
        if metric not in METRIC_TYPES:
            return None
        types, what = METRIC_TYPES[metric]
        col = 2 if what == "events" else 3
        lo, hi = start.isoformat(), end.isoformat()
        near = (end - dt.timedelta(days=SHORT_DAYS)).isoformat()
        total = 0
        for t in types:
            for one_day in (True, False):
                if (t, one_day) not in self._short:
                    continue
                firsts, rows, sums = self._short[(t, one_day)]
                i, j = bisect_left(firsts, lo), bisect_right(firsts, hi)
                total += sums[col][j] - sums[col][i]
                if not one_day:  # only a date that starts within a year of the period's end can end after it
                    total -= sum(r[col] for r in rows[max(i, bisect_left(firsts, near)):j] if r[1] > hi)
            total += sum(r[col] for r in self._long.get(t, ()) if lo <= r[0] and r[1] <= hi)
        return total

    def coverage(self, start: dt.date, end: dt.date) -> Coverage:
        lo, hi = start.isoformat(), end.isoformat()
        i, j = bisect_left(self._doc_days, lo), bisect_right(self._doc_days, hi)
        outlets = sum(1 for days in self._outlet_days if bisect_right(days, hi) > bisect_left(days, lo))
        if i == j:
            months = 0
        else:  # months between the first and the last day with a document, each holding one
            first, last = self._doc_days[i][:7], self._doc_days[j - 1][:7]
            months = bisect_right(self._months, last) - bisect_left(self._months, first)
        return Coverage(documents=self._doc_prefix[j] - self._doc_prefix[i], outlets=outlets,
                        months=months, undated_events=self.undated)
