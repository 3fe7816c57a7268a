"""The figures check as one call: stored claims and record tallies in, figures and checks out.

:func:`check` puts every claim on its footing, compares them (:mod:`.compare`), gives
each placed figure the record's own count over its period (:mod:`.record`) and keeps
what the filters ask for. The result is plain JSON-ready dicts, the same for the CLI
(`marsad check`) and the API (`GET /api/checks`).
"""
from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from ..errors import InputError
from ..models import CLAIM_METRICS
from ..text.dates import date_bounds
from .compare import Check, check_figures
from .footing import Figure, period_days, value_interval
from .record import RecordTally
from ..sources import matches_source, source_entity, source_label

VERDICTS = ("agree", "compatible", "conflict", "superseded")


def check(claims: list[dict[str, Any]], tally: RecordTally, metric: str | None = None,
          since: str | None = None, until: str | None = None, source: str | None = None,
          verdict: str | None = None) -> dict[str, Any]:
    """``{"figures": [...], "checks": [...]}`` for the stored ``claims``.

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
        figures, shown = _footed(claims, metric)
        kept = {f.claim_id for f in figures if _kept(f, lo, hi, source)}
        checks = [c for c in check_figures(figures)
                  if any(f.claim_id in kept for f in c.figures) and (verdict is None or c.verdict == verdict)]
        out = _Output(tally)
        records = out.records
        for f, d in zip(figures, shown):
            if f.start is not None and f.end is not None:  # placed
                d["record"] = records.get((f.metric, f.start, f.end)) or out.record(f.metric, f.start, f.end)
        return {"figures": [d for f, d in zip(figures, shown) if f.claim_id in kept],
                "checks": [out.check(c) for c in checks]}


def _footed(claims: list[dict[str, Any]], metric: str | None) -> tuple[list[Figure], list[dict[str, Any]]]:
    """The claims of ``metric`` (all when None) as figures (:func:`.footing.figure`) and as JSON
    (the record to come), in one pass: the footing of each distinct period, value and source
    is worked out once."""
    periods: dict[tuple, tuple] = {}
    sources: dict[str | None, tuple] = {}
    figures, shown = [], []
    for c in claims:
        m = c["metric"]
        if metric is not None and m != metric:
            continue
        get = c.get
        value, qualifier, source, published = int(c["value"]), c["qualifier"], get("source"), get("published")
        low, high = value_interval(value, qualifier)
        key = (get("period"), get("since"), get("until"))
        period = periods.get(key)
        if period is None:
            period = periods[key] = _period_texts(*key, None)
        if period[0] is not None and period[1] is None:  # open: it ends on the publication day
            key += (published,)
            period = periods.get(key) or periods.setdefault(key, _period_texts(*key))
        start, end, by_publication, start_text, end_text = period
        entity = sources.get(source)
        if entity is None:
            source_id = source_entity(source)
            entity = sources[source] = (source_id, source_label(source_id))
        source_id, label = entity
        subset, evidence, url = get("subset"), get("evidence") or [], get("url")
        figures.append(Figure(c["id"], c["document_id"], m, subset, value, qualifier, low, high, start, end,
                              source, source_id, published, by_publication, evidence, url))
        shown.append({"claim_id": c["id"], "document_id": c["document_id"], "metric": m, "subset": subset,
                      "value": value, "qualifier": qualifier, "low": low, "high": high, "start": start_text,
                      "end": end_text, "ended_by_publication": by_publication, "source": source,
                      "source_id": source_id, "source_label": label, "published": published, "url": url,
                      "evidence": evidence, "record": None})
    return figures, shown


def _period_texts(period: str | None, since: str | None, until: str | None, published: str | None) -> tuple:
    start, end, by_publication = period_days(period, since, until, published)
    return start, end, by_publication, start and start.isoformat(), end and end.isoformat()


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
    a date's text, a figure as a check lists it) is made once."""

    def __init__(self, tally: RecordTally) -> None:
        self.tally = tally
        self.records: dict[tuple, dict[str, Any]] = {}
        self.coverages: dict[tuple, Any] = {}
        self.refs: dict[int, dict[str, Any]] = {}
        self.isos: dict[dt.date, str] = {}

    def iso(self, d: dt.date | None) -> str | None:
        if d is None:
            return None
        text = self.isos.get(d)
        if text is None:
            text = self.isos[d] = d.isoformat()
        return text

    def ref(self, f: Figure) -> dict[str, Any]:
        """A figure as a check lists it."""
        out = self.refs.get(f.claim_id)
        if out is None:
            out = self.refs[f.claim_id] = {
                "claim_id": f.claim_id, "document_id": f.document_id, "value": f.value, "qualifier": f.qualifier,
                "start": self.iso(f.start), "end": self.iso(f.end), "source_label": source_label(f.source_id)}
        return out

    def check(self, c: Check) -> dict[str, Any]:
        first = c.periods[0]
        return {"kind": c.kind, "metric": c.metric, "subset": c.subset, "verdict": c.verdict,
                "periods": [[self.iso(s), self.iso(e)] for s, e in c.periods], "reason": c.reason,
                "claim_ids": [f.claim_id for f in c.figures], "figures": [self.ref(f) for f in c.figures],
                "record": self.record(c.metric, first[0], first[1])}

    def record(self, metric: str, start: dt.date, end: dt.date) -> dict[str, Any]:
        """The record's count of ``metric`` over the period, with its coverage."""
        key = (metric, start, end)
        out = self.records.get(key)
        if out is None:
            cov = self.coverages.get((start, end))
            if cov is None:
                cov = self.coverages[(start, end)] = self.tally.coverage(start, end)
            out = self.records[key] = {
                "count": self.tally.count(metric, start, end), "documents": cov.documents,
                "outlets": cov.outlets, "months": cov.months, "undated_events": cov.undated_events}
        return out


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
