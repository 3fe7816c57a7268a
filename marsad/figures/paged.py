"""A page of checks, from the claims' stored footing (issue 15: answers in under a second on
100 k claims).

The store groups the placed claims by metric, subset and period in SQL (a :class:`Facts` per
group: how many figures, their least and greatest bounds, whether all end on their publication
day). That is all :func:`.compare.check_groups` asks to decide which checks there are, in what
order and with what verdict (:func:`skeleton`, the same rules on the aggregates); the filters
keep checks by the same rules as :func:`.report.checked`. Only the checks of the page are then
made for real: their groups' figures are read and compared by :mod:`.compare` itself, and
written out by :mod:`.report`, so a page is the same as the same slice of :func:`.report.check`.

The store side is a ``reader`` (duck-typed, :class:`marsad.store.Store` gives one as
``store.footing_reader()``): ``groups(metric, sources)``, ``sources(metric)`` and
``figures(periods)`` (:mod:`marsad.store.tallies`).
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any, Protocol

import orjson

from .compare import (Check, PeriodGroup, growth_verdict, nested_check, same_period_check, series_check, sum_check,
                      verdict_of)
from .footing import Figure
from .record import RecordTally
from .report import _NONE, VERDICTS, Checked, _bound, _kept, _matches, _Output, paused_gc, series_key
from ..errors import InputError
from ..models import CLAIM_METRICS
from ..sources import source_entity


VERDICT_ORDER = ("conflict", "superseded", "compatible", "agree")  # order=verdict (the dashboard's table)


class Reader(Protocol):
    def groups(self, metric: str | None, sources: list[str] | None = None) -> list[tuple]: ...
    def sources(self, metric: str | None) -> list[str]: ...
    def figures(self, periods: list[tuple[str, str, str]] | None) -> list[tuple]: ...


@dataclass(slots=True)
class Facts:
    """What the store says of one group of placed figures (one metric, subset and period)."""

    metric: str
    subset: str | None
    start: dt.date
    end: dt.date
    figures: int
    min_low: int
    max_low: int
    min_high: int | None  # None: no figure has a bound
    max_high: int | None
    highs: int  # figures with a bound
    by_publication: int  # figures closed by their publication day
    first_id: int
    series_key: str = ""  # :func:`.report.series_key`: 'year' or the first day
    stored_key: tuple = ()  # (metric, subset or '', first day, last day) as the store writes them
    stated: bool = False
    interval: tuple | None = None
    whole_year: int | None = None
    verdict: str = ""  # of the figures of this period among themselves

    def settle(self) -> Facts:
        """As :meth:`.compare.PeriodGroup.settle` and :func:`.compare.verdict_of` on the figures."""
        self.stated = self.by_publication < self.figures
        low, high = max(0, self.max_low), self.min_high
        self.interval = None if high is not None and high < low else (low, high)
        s, e = self.start, self.end
        self.whole_year = s.year if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year else None
        if self.whole_year is not None:
            self.series_key = "year"
        if self.highs and self.min_high < self.max_low:
            self.verdict = "conflict"
        elif self.min_low == self.max_low and (not self.highs or (
                self.highs == self.figures and self.min_high == self.max_high)):
            self.verdict = "agree"
        else:
            self.verdict = "compatible"
        return self

    @property
    def key(self) -> tuple:
        return self.metric, self.subset or "", self.start, self.end


# a check before it is made: (kind, verdict, the groups whose figures it lists, other groups it reads)
Entry = tuple[str, str, tuple[Facts, ...], tuple[Facts, ...]]


def facts(rows: list[tuple]) -> list[Facts]:
    """The groups of :func:`marsad.store.tallies.footing_groups`' rows, settled, in
    :func:`.compare.group_by_period`'s order (a subset stored as NULL and as '' are one)."""
    merged: dict[tuple, tuple] = {}
    for row in rows:
        key = (row[0], row[1] or "", row[2], row[3])
        seen = merged.get(key)
        merged[key] = row if seen is None else _merged(seen, row)
    days: dict[str, dt.date] = {}
    out = []
    for key in sorted(merged):
        metric, subset, first, last, n, min_low, max_low, min_high, max_high, highs, by_pub, first_id = merged[key]
        start = days.get(first) or days.setdefault(first, dt.date.fromisoformat(first))
        end = days.get(last) or days.setdefault(last, dt.date.fromisoformat(last))
        out.append(Facts(metric, subset, start, end, n, min_low, max_low, min_high, max_high, highs, by_pub or 0,
                         first_id, first, key).settle())
    return out


def _merged(a: tuple, b: tuple) -> tuple:
    """Two groups' rows as one (a NULL and a '' subset): the subset of the first claim."""
    def least(x, y):
        return y if x is None else x if y is None else min(x, y)

    def most(x, y):
        return y if x is None else x if y is None else max(x, y)
    return (a[0], a[1] if a[11] < b[11] else b[1], a[2], a[3], a[4] + b[4], min(a[5], b[5]), max(a[6], b[6]),
            least(a[7], b[7]), most(a[8], b[8]), a[9] + b[9], (a[10] or 0) + (b[10] or 0), min(a[11], b[11]))


def skeleton(groups: list[Facts]) -> list[Entry]:
    """The checks :func:`.compare.check_groups` makes of these groups, in its order, unmade."""
    out: list[Entry] = [("same_period", g.verdict, (g,), ()) for g in groups if g.figures > 1]
    by_series: dict[tuple, list[Facts]] = {}
    by_metric: dict[tuple, list[Facts]] = {}
    for g in groups:
        by_series.setdefault((g.metric, g.subset or "", g.start), []).append(g)
        by_metric.setdefault((g.metric, g.subset or ""), []).append(g)
    for series in by_series.values():
        series.sort(key=lambda g: g.end)
        for a, b in zip(series, series[1:]):
            if a.interval is not None and b.interval is not None:
                out.append(("series", growth_verdict(a.interval, b.interval), (a, b), ()))
    for same in by_metric.values():
        stated = [g for g in same if g.stated]
        for inner in stated:
            for outer in stated:
                if outer is inner or outer.start == inner.start:
                    continue
                if not (outer.start <= inner.start and inner.end <= outer.end):
                    continue
                ii, io = inner.interval, outer.interval
                if ii is None or io is None or io[1] is None or io[1] >= ii[0]:
                    continue
                out.append(("nested", "conflict", (inner, outer), ()))
        years = {y: g for g in stated if (y := g.whole_year) is not None and g.interval is not None}
        for span in stated:
            first, last = span.start.year, span.end.year
            if (span.whole_year is not None or span.interval is None or (span.start.month, span.start.day) != (1, 1)
                    or (span.end.month, span.end.day) != (12, 31)
                    or not all(y in years for y in range(first, last + 1))):
                continue
            parts = tuple(years[y] for y in range(first, last + 1))
            total = (sum(p.interval[0] for p in parts),
                     None if any(p.interval[1] is None for p in parts) else sum(p.interval[1] for p in parts))
            out.append(("sum", verdict_of([total, span.interval]), (span,), parts))
    return out


@dataclass
class Page:
    """One page of checks: the checks made, how many match in all, where the next page starts."""

    checks: list[Check]
    total: int
    next_offset: int | None
    series: list[dict[str, Any]]
    figures: list[Figure] | None  # what ``figures=`` asked for (None: the page's own figures)
    figures_of: str | None
    conflicts: set[tuple]  # (metric, subset or "", start, end) of the periods a kept conflict compares
    start: int = 0  # where the page starts among the checks kept
    next_cursor: str | None = None  # :func:`cursor` of the page's last check, when more follow


def check_page(reader: Reader, metric: str | None = None, since: str | None = None, until: str | None = None,
               source: str | None = None, verdict: str | None = None, offset: int = 0, limit: int | None = 100,
               figures: str = "page", order: str = "check", series: bool = True, after: str | None = None) -> Page:
    """The checks ``offset`` .. ``offset + limit`` (all from ``offset`` when ``limit`` is None) of
    what :func:`.report.checked` keeps with these filters, in its order.

    ``figures``: ``page`` (the figures of the page's checks), ``none``, ``all`` (every figure kept,
    as :func:`.report.checked`: this one reads every claim), a series key (:func:`.report.series_key`)
    or ``first`` (the first of the answer's series). ``order``: ``check`` (as :func:`.report.checked`)
    or ``verdict`` (conflicts first, then superseded, compatible, agree; by kind within each).
    ``series``: count the figures of each series (:meth:`.report.Checked.series`; the table has none).
    ``after``: a cursor (:attr:`Page.next_cursor`): the page starts past the check it names (where
    that check is or would be now: writes meanwhile shift nothing), then skips ``offset``."""
    if metric is not None and metric not in CLAIM_METRICS:
        raise InputError(f"unknown metric {metric!r}: use one of {', '.join(CLAIM_METRICS)}")
    if verdict is not None and verdict not in VERDICTS:
        raise InputError(f"unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
    lo, hi = _bound(since, "since", 0), _bound(until, "until", 1)
    with paused_gc():
        groups = facts(reader.groups(metric))
        entries = skeleton(groups)
        if verdict is not None:
            entries = [e for e in entries if e[1] == verdict]
        kept_counts: dict[tuple, int] | None = None  # figures kept by group, when a source is asked for
        if source is not None:
            names = [s for s in reader.sources(metric) if _matches(source, s)]
            kept_counts = {}
            for m, subset, first, last, n, *_ in reader.groups(metric, names):
                key = (m, subset or "", first, last)
                kept_counts[key] = kept_counts.get(key, 0) + n

        def kept(g: Facts) -> bool:
            return ((lo is None or g.end >= lo) and (hi is None or g.start <= hi)
                    and (kept_counts is None or g.stored_key in kept_counts))
        if kept_counts is not None or lo is not None or hi is not None:
            entries = [e for e in entries if any(kept(g) for g in e[2])]
        if order == "verdict":
            entries.sort(key=lambda e: (VERDICT_ORDER.index(e[1]), e[0]))
        # (only the figures listed are marked: none for the table)
        conflicts = set() if figures == "none" else {g.key for e in entries if e[1] == "conflict" for g in e[2]}
        if after is not None:
            offset += bisect_right(entries, _from_cursor(after, order), key=lambda e: _entry_key(e, order))
        stop = len(entries) if limit is None else offset + limit
        shown = entries[offset:stop]
        counts = _series([g for g in groups if kept(g)], kept_counts) if series or figures == "first" else []
        figures_of = (counts[0]["key"] if counts else None) if figures == "first" else figures
        wanted = {g.key: g for e in shown for g in (*e[2], *e[3])}
        listed: list[Figure] | None = None
        if figures == "all":
            made_one = _Figures()
            listed = [f for r in reader.figures(None) if (metric is None or r[2] == metric)
                      and _kept(f := made_one(r), lo, hi, source)]
        elif figures not in ("page", "none"):
            in_series = [g for g in groups if kept(g) and g.series_key == figures_of]
            wanted.update((g.key, g) for g in in_series)
        made = _made(reader, wanted)
        if figures not in ("all", "page", "none"):
            listed = [f for g in in_series for f in made[g.key].figures
                      if kept_counts is None or _matches(source, f.source)]
            listed.sort(key=lambda f: f.claim_id)
        checks = [_check(e, made) for e in shown]
        more = stop < len(entries) and bool(shown)
        return Page(checks, len(entries), stop if stop < len(entries) else None, counts,
                    [] if figures == "none" else listed, figures_of if figures not in ("all", "page", "none") else None,
                    conflicts, offset, _to_cursor(_entry_key(shown[-1], order), order) if more else None)


# -- cursors: a page starts past the last check of the one before, found by its place in the order
# of :func:`.compare.check_groups` (same-period checks, then series, then by metric and subset the
# nested and summed ones; each by its periods), so that a write between two pages shifts none.
def check_key(kind: str, metric: str, subset: str | None, periods: list[tuple[str, str]]) -> tuple:
    """Where a check stands in :func:`.report.checked`'s order (``periods`` as ISO days)."""
    sub = subset or ""
    if kind == "same_period":
        return (0, metric, sub, *periods[0])
    if kind == "series":
        return (1, metric, sub, *periods[0])
    if kind == "nested":
        return (2, metric, sub, 0, *periods[0], *periods[1])
    return (2, metric, sub, 1, *periods[0])


def _ordered(key: tuple, kind: str, verdict: str, order: str) -> tuple:
    return (VERDICT_ORDER.index(verdict), kind, *key) if order == "verdict" else key


def _entry_key(entry: Entry, order: str) -> tuple:
    kind, verdict, groups, _ = entry
    return _ordered(check_key(kind, groups[0].metric, groups[0].subset,
                              [g.stored_key[2:] for g in groups]), kind, verdict, order)


def checked_key(c: Check, order: str) -> tuple:
    """:func:`check_key` of a made check, in ``order``."""
    return _ordered(check_key(c.kind, c.metric, c.subset, [(s.isoformat(), e.isoformat()) for s, e in c.periods]),
                    c.kind, c.verdict, order)


def _to_cursor(key: tuple, order: str) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([order, *key])).decode().rstrip("=")


def _from_cursor(text: str, order: str) -> tuple:
    try:
        value = orjson.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError, orjson.JSONDecodeError):
        value = None
    if not isinstance(value, list) or len(value) < 4 or value[0] != order:
        raise InputError(f"not a cursor of this list of checks (order={order}): {text[:40]!r}; "
                         "use the next cursor a page gave")
    return tuple(value[1:])


class Totals(Protocol):
    """The record's counts a store keeps for its current version (:mod:`marsad.store.footing`)."""

    def get(self, periods: list[tuple[str, str, str]]) -> tuple[dict[tuple, tuple], int]: ...
    def keep(self, totals: dict[tuple, tuple], tally: RecordTally | None = None) -> None: ...


def page_json(page: Page, tally: RecordTally | Callable[[], RecordTally], listed: int | None = None,
              totals: Totals | None = None) -> dict[str, Any]:
    """``{"figures", "checks", "series", "figures_of", "total", "in_conflict"}``, figures and checks
    as :meth:`.report.Checked.json` writes them. ``tally``: the record's tallies, or how to read
    them (read only when a count is not among the ``totals`` the store kept; those worked out
    are kept)."""
    out = _Output(tally)
    figures = page.figures
    if figures is None:  # the page's own figures, each once
        seen: dict[int, Figure] = {}
        for c in page.checks:
            for f in c.figures:
                seen.setdefault(f.claim_id, f)
        figures = [seen[k] for k in sorted(seen)]
    known: set[tuple] = set()
    if totals is not None:
        periods = {(c.metric, *c.periods[0]) for c in page.checks} | {
            (f.metric, f.start, f.end) for f in figures if f.start is not None and f.end is not None}
        rows, undated = totals.get(sorted((m, s.isoformat(), e.isoformat()) for m, s, e in periods))
        for (m, s, e), (count, documents, outlets, months) in rows.items():
            out.records[(m, dt.date.fromisoformat(s), dt.date.fromisoformat(e))] = {
                "count": count, "documents": documents, "outlets": outlets, "months": months, "undated_events": undated}
        known = set(out.records)
    conflicts = page.conflicts
    with paused_gc():
        answer = {"figures": [out.figure(f) for f in figures], "checks": [out.check(c, listed) for c in page.checks],
                  "series": page.series, "figures_of": page.figures_of, "total": page.total,
                  "in_conflict": [f.claim_id for f in figures
                                  if (f.metric, f.subset or "", f.start, f.end) in conflicts]}
    if totals is not None and len(out.records) > len(known):
        totals.keep({(m, s.isoformat(), e.isoformat()): (r["count"], r["documents"], r["outlets"], r["months"])
                     for (m, s, e), r in out.records.items() if (m, s, e) not in known},
                    out.tally if isinstance(out.tally, RecordTally) else None)
    return answer


def _series(groups: list[Facts], kept_counts: dict[tuple, int] | None) -> list[dict[str, Any]]:
    """As :meth:`.report.Checked.series` over the kept figures of the kept groups."""
    counts: dict[str, int] = {}
    for g in groups:
        n = g.figures if kept_counts is None else kept_counts[g.stored_key]
        counts[g.series_key] = counts.get(g.series_key, 0) + n
    order = sorted(counts, key=lambda k: (k == "year", -counts[k], k))
    return [{"key": k, "figures": counts[k]} for k in order]


class _Figures:
    """Figures of the store's figure rows (:func:`marsad.store.tallies.footing_figures`); the
    days and source entities many share made once."""

    def __init__(self) -> None:
        self.days: dict[str | None, dt.date | None] = {None: None}
        self.sources: dict[str | None, str | None] = {}

    def day(self, text: str | None) -> dt.date | None:
        d = self.days.get(text, _NONE)
        if d is _NONE:
            d = self.days[text] = dt.date.fromisoformat(text)
        return d

    def __call__(self, row: tuple) -> Figure:
        (cid, doc, m, value, qualifier, _since, _until, _period, subset, source, evidence, published, url,
         low, high, first, last, by_pub) = row
        source_id = self.sources.get(source, _NONE)
        if source_id is _NONE:
            source_id = self.sources[source] = source_entity(source)
        return Figure(cid, doc, m, subset, int(value), qualifier, low, high, self.day(first), self.day(last),
                      source, source_id, published, bool(by_pub), evidence, url)


def _made(reader: Reader, wanted: dict[tuple, Facts]) -> dict[tuple, PeriodGroup]:
    """The period groups of ``wanted`` with their figures read from the store, settled."""
    periods = sorted({(g.metric, g.start.isoformat(), g.end.isoformat()) for g in wanted.values()})
    made = {k: PeriodGroup(g.metric, g.subset, g.start, g.end) for k, g in wanted.items()}
    figure = _Figures()
    for row in reader.figures(periods) if periods else ():
        f = figure(row)
        group = made.get((f.metric, f.subset or "", f.start, f.end))
        if group is not None:
            group.figures.append(f)
    for g in made.values():
        g.figures.sort(key=lambda f: f.claim_id)
        g.settle()
    return made


def _check(entry: Entry, made: dict[tuple, PeriodGroup]) -> Check:
    """The check of ``entry``, made by :mod:`.compare` from its groups' figures."""
    kind, _verdict_, groups, parts = entry
    real = [made[g.key] for g in groups]
    if kind == "same_period":
        return same_period_check(real[0])
    if kind == "series":
        check = series_check(real[0], real[1])
        assert check is not None
        return check
    if kind == "nested":
        return nested_check(real[0], real[1])
    return sum_check(real[0], list(parts))


def page_of(found: Checked, offset: int = 0, limit: int | None = 100, figures: str = "page",
            order: str = "check", after: str | None = None) -> Page:
    """The same page as :func:`check_page`, cut from a whole check (:func:`.report.checked`):
    for a store whose footing is not complete."""
    if order == "verdict":
        found = Checked(found.figures, sorted(found.checks, key=lambda c: (VERDICT_ORDER.index(c.verdict), c.kind)))
    conflicts = {(f.metric, f.subset or "", f.start, f.end) for c in found.checks if c.verdict == "conflict"
                 for f in c.figures}
    if after is not None:
        offset += bisect_right(found.checks, _from_cursor(after, order), key=lambda c: checked_key(c, order))
    stop = len(found.checks) if limit is None else offset + limit
    series = found.series()
    key = (series[0]["key"] if series else None) if figures == "first" else figures
    listed = (None if figures == "page" else [] if figures == "none" else found.figures if figures == "all"
              else [f for f in found.figures if series_key(f) == key])
    shown = found.checks[offset:stop]
    more = stop < len(found.checks) and bool(shown)
    return Page(shown, len(found.checks), stop if stop < len(found.checks) else None, series,
                listed, key if figures not in ("all", "page", "none") else None, conflicts, offset,
                _to_cursor(checked_key(shown[-1], order), order) if more else None)
