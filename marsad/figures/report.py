"""The figures check as one call: stored claims and record tallies in, figures and checks out.

:func:`checked` puts every claim on its footing, compares them (:mod:`.compare`) and keeps
what the filters ask for; :meth:`Checked.json` gives each kept figure and check the record's
own count over its period (:mod:`.record`) as plain JSON-ready dicts, the same for the CLI
(`marsad check`) and the API (`GET /api/checks`). :func:`check` is both.
"""
from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson

from ..errors import InputError
from ..models import CLAIM_METRICS
from ..text.dates import date_bounds
from .compare import Check, PeriodGroup, check_groups
from .footing import Figure, period_days, value_interval
from .record import RecordTally
from ..sources import matches_source, source_entity, source_label

VERDICTS = ("agree", "compatible", "conflict", "superseded")
# a claim as a row (marsad.store.tallies.figure_rows reads them in this order; evidence as JSON text)
ROW = ("id", "document_id", "metric", "value", "qualifier", "since", "until", "period", "subset", "source",
       "evidence", "published", "url")
_NONE = object()


def check(claims: Sequence[dict[str, Any] | tuple], tally: RecordTally, metric: str | None = None,
          since: str | None = None, until: str | None = None, source: str | None = None,
          verdict: str | None = None) -> dict[str, Any]:
    """``{"figures": [...], "checks": [...]}`` for the stored ``claims`` (see :func:`checked`)."""
    with paused_gc():
        return checked(claims, metric, since, until, source, verdict).json(tally)


@dataclass
class Checked:
    """The figures and the checks the filters keep, before they are written out."""

    figures: list[Figure]
    checks: list[Check]

    def json(self, tally: RecordTally, figures: str = "all", listed: int | None = None) -> dict[str, Any]:
        """``{"figures": [...], "checks": [...]}`` with the record's count over each period.

        ``figures``: ``all``; ``none`` (the checks alone); or the figures of one series of
        :meth:`series` (its key, or ``first`` for the first). ``listed``: each check's
        ``figures`` only its first ``listed`` (its ``claim_ids`` all of them)."""
        out = _Output(tally)
        if figures == "first":
            figures = next((s["key"] for s in self.series()), "none")
        shown = (self.figures if figures == "all" else [] if figures == "none"
                 else [f for f in self.figures if series_key(f) == figures])
        with paused_gc():
            return {"figures": [out.figure(f) for f in shown], "checks": [out.check(c, listed) for c in self.checks]}

    def series(self) -> list[dict[str, Any]]:
        """``[{"key", "figures"}]``: how many figures each series holds (:func:`series_key`),
        running totals first, the most stated first, then the one-year figures."""
        counts: dict[str, int] = {}
        for f in self.figures:
            key = series_key(f)
            if key is not None:
                counts[key] = counts.get(key, 0) + 1
        order = sorted(counts, key=lambda k: (k == "year", -counts[k], k))
        return [{"key": k, "figures": counts[k]} for k in order]


def series_key(f: Figure) -> str | None:
    """The series of a placed figure as the dashboard charts it: ``year`` for one calendar
    year, else its first day (``2002-01-01``: the running totals "since 2002")."""
    s, e = f.start, f.end
    if s is None or e is None:
        return None
    if s.year == e.year and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        return "year"
    return s.isoformat()


def checked(claims: Sequence[dict[str, Any] | tuple], metric: str | None = None, since: str | None = None,
            until: str | None = None, source: str | None = None, verdict: str | None = None) -> Checked:
    """The figures and checks of the stored ``claims`` (dicts as :meth:`marsad.store.Store.claims`
    gives, or rows in :data:`ROW` order as :meth:`marsad.store.Store.figure_rows` gives).

    Filters: ``metric``; ``since``/``until`` (SPEC dates) keep figures whose period meets
    those days; ``source`` keeps figures stated by the entity it names (any of its names,
    in any script); ``verdict`` keeps checks with that verdict. A check is kept when one
    of its figures is. InputError for a metric, verdict or date that is not one.
    """
    if metric is not None and metric not in CLAIM_METRICS:
        raise InputError(f"unknown metric {metric!r}: use one of {', '.join(CLAIM_METRICS)}")
    if verdict is not None and verdict not in VERDICTS:
        raise InputError(f"unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
    lo = _bound(since, "since", 0)
    hi = _bound(until, "until", 1)
    with paused_gc():
        figures, groups = _footed(claims, metric)
        checks = check_groups([groups[k].settle() for k in sorted(groups)])
        if verdict is not None:
            checks = [c for c in checks if c.verdict == verdict]
        if source is not None or lo is not None or hi is not None:
            figures = [f for f in figures if _kept(f, lo, hi, source)]
            kept = {f.claim_id for f in figures}
            checks = [c for c in checks if any(f.claim_id in kept for f in c.figures)]
        return Checked(figures, checks)


def _footed(claims: Sequence[dict[str, Any] | tuple],
            metric: str | None) -> tuple[list[Figure], dict[tuple, PeriodGroup]]:
    """The claims of ``metric`` (all when None) as figures (:func:`.footing.figure`), and the
    placed ones by period as :func:`.compare.group_by_period` groups them, in one pass: the
    footing of each distinct period, value and source is worked out once."""
    if claims and isinstance(claims[0], dict):
        claims = [tuple(c.get(k) for k in ROW) for c in claims]
    periods: dict[tuple, tuple] = {}
    values: dict[tuple, tuple] = {}
    sources: dict[str | None, str | None] = {}
    figures: list[Figure] = []
    groups: dict[tuple, PeriodGroup] = {}
    append = figures.append
    for cid, doc, m, value, qualifier, since, until, period, subset, source, evidence, published, url in claims:
        if metric is not None and m != metric:
            continue
        interval = values.get((value, qualifier))
        if interval is None:
            interval = values[(value, qualifier)] = (int(value), *value_interval(int(value), qualifier))
        key = (period, since, until)
        days = periods.get(key)
        if days is None:
            days = periods[key] = period_days(period, since, until, None)
        if days[0] is not None and days[1] is None:  # open: it ends on the publication day
            key += (published,)
            days = periods.get(key) or periods.setdefault(key, period_days(*key))
        source_id = sources.get(source, _NONE)
        if source_id is _NONE:
            source_id = sources[source] = source_entity(source)
        start, end = days[0], days[1]
        f = Figure(cid, doc, m, subset, interval[0], qualifier, interval[1], interval[2], start, end,
                   source, source_id, published, days[2], evidence, url)
        append(f)
        if end is not None and start is not None:  # placed
            key = (m, subset or "", start, end)
            group = groups.get(key)
            if group is None:
                group = groups[key] = PeriodGroup(m, subset, start, end)
            group.figures.append(f)
    return figures, groups


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while many small objects are made that hold no cycles
    (a check makes some for each of 100 k figures: collections would double its time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class _Output:
    """Figures and checks as JSON-ready dicts; what many share (a period's record and coverage,
    a date's text, a source's label, a figure as a check lists it) is made once."""

    def __init__(self, tally: RecordTally | Callable[[], RecordTally]) -> None:
        self.tally = tally  # or how to make it, when a record is first asked for
        self.records: dict[tuple, dict[str, Any]] = {}
        self.coverages: dict[tuple, Any] = {}
        self.refs: dict[int, dict[str, Any]] = {}
        self.isos: dict[dt.date | None, str | None] = {None: None}
        self.labels: dict[str | None, str | None] = {}

    def iso(self, d: dt.date | None) -> str | None:
        text = self.isos.get(d, _NONE)
        if text is _NONE:
            text = self.isos[d] = d.isoformat()
        return text

    def label(self, source_id: str | None) -> str | None:
        text = self.labels.get(source_id, _NONE)
        if text is _NONE:
            text = self.labels[source_id] = source_label(source_id)
        return text

    def figure(self, f: Figure) -> dict[str, Any]:
        """A figure with its footing, its evidence and the record over its period."""
        start, end, isos, labels = f.start, f.end, self.isos, self.labels
        start_text, end_text = isos.get(start) or self.iso(start), isos.get(end) or self.iso(end)
        label = labels.get(f.source_id, _NONE)
        if label is _NONE:
            label = self.label(f.source_id)
        return {"claim_id": f.claim_id, "document_id": f.document_id, "metric": f.metric, "subset": f.subset,
                "value": f.value, "qualifier": f.qualifier, "low": f.low, "high": f.high, "start": start_text,
                "end": end_text, "ended_by_publication": f.ended_by_publication, "source": f.source,
                "source_id": f.source_id, "source_label": label, "published": f.published,
                "url": f.url, "evidence": _evidence(f),
                "record": None if start is None or end is None else (
                    self.records.get((f.metric, start, end)) or self.record(f.metric, start, end))}

    def check(self, c: Check, listed: int | None = None) -> dict[str, Any]:
        first = c.periods[0]
        isos, refs, labels = self.isos, self.refs, self.labels
        figures = []
        for f in c.figures if listed is None else c.figures[:listed]:  # each as the check lists it, made once
            ref = refs.get(f.claim_id)
            if ref is None:
                label = labels.get(f.source_id, _NONE)
                if label is _NONE:
                    label = self.label(f.source_id)
                ref = refs[f.claim_id] = {
                    "claim_id": f.claim_id, "document_id": f.document_id, "value": f.value,
                    "qualifier": f.qualifier, "start": isos.get(f.start) or self.iso(f.start),
                    "end": isos.get(f.end) or self.iso(f.end), "source_label": label, "evidence": _evidence(f)}
            figures.append(ref)
        return {"kind": c.kind, "metric": c.metric, "subset": c.subset, "verdict": c.verdict,
                "periods": [[isos.get(s) or self.iso(s), isos.get(e) or self.iso(e)] for s, e in c.periods],
                "reason": c.reason, "claim_ids": [f.claim_id for f in c.figures], "figures": figures,
                "record": self.records.get((c.metric, *first)) or self.record(c.metric, *first)}

    def record(self, metric: str, start: dt.date, end: dt.date) -> dict[str, Any]:
        """The record's count of ``metric`` over the period, with its coverage."""
        key = (metric, start, end)
        out = self.records.get(key)
        if out is None:
            if not isinstance(self.tally, RecordTally):
                self.tally = self.tally()
            cov = self.coverages.get((start, end))
            if cov is None:
                cov = self.coverages[(start, end)] = self.tally.coverage(start, end)
            out = self.records[key] = {
                "count": self.tally.count(metric, start, end), "documents": cov.documents,
                "outlets": cov.outlets, "months": cov.months, "undated_events": cov.undated_events}
        return out


def _evidence(f: Figure) -> list:
    """The figure's evidence spans (rows hold them as the stored JSON text)."""
    evidence = f.evidence
    return (orjson.loads(evidence) if isinstance(evidence, str) else evidence) or []


def _kept(f: Figure, lo: dt.date | None, hi: dt.date | None, source: str | None) -> bool:
    if source is not None and not _matches(source, f.source):
        return False
    if lo is None and hi is None:
        return True
    if not f.placed:
        return False
    return (lo is None or f.end >= lo) and (hi is None or f.start <= hi)


@lru_cache(maxsize=4096)
def _matches(query: str, source: str | None) -> bool:
    return matches_source(query, source)


def _bound(value: str | None, name: str, side: int) -> dt.date | None:
    if value is None:
        return None
    bounds = date_bounds(value)
    if bounds is None:
        raise InputError(f"--{name} must be a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
    return bounds[side]
