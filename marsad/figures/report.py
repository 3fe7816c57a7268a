"""The figures check as one call: stored claims and record tallies in, figures and checks out.

:func:`check` puts every claim on its footing, compares them (:mod:`.compare`), gives
each placed figure the record's own count over its period (:mod:`.record`) and keeps
what the filters ask for. The result is plain JSON-ready dicts, the same for the CLI
(`marsad check`) and the API (`GET /api/checks`).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import InputError
from ..models import CLAIM_METRICS
from ..text.dates import date_bounds
from .compare import Check, check_figures
from .footing import Figure, figure
from .record import RecordTally
from ..sources import matches_source, source_label

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
    figures = [figure(c) for c in claims if metric is None or c["metric"] == metric]
    kept = {f.claim_id for f in figures if _kept(f, lo, hi, source)}
    checks = [c for c in check_figures(figures)
              if any(f.claim_id in kept for f in c.figures) and (verdict is None or c.verdict == verdict)]
    records: dict[tuple, dict[str, Any]] = {}  # many figures share a period
    return {"figures": [figure_dict(f, tally, records) for f in figures if f.claim_id in kept],
            "checks": [check_dict(c, tally, records) for c in checks]}


def figure_dict(f: Figure, tally: RecordTally, records: dict | None = None) -> dict[str, Any]:
    """A figure as JSON: the claim, its interval, period, source entity and the record's count."""
    out = {"claim_id": f.claim_id, "document_id": f.document_id, "metric": f.metric, "subset": f.subset,
           "value": f.value, "qualifier": f.qualifier, "low": f.low, "high": f.high,
           "start": _iso(f.start), "end": _iso(f.end), "ended_by_publication": f.ended_by_publication,
           "source": f.source, "source_id": f.source_id, "source_label": source_label(f.source_id),
           "published": f.published, "url": f.url, "evidence": f.evidence, "record": None}
    if f.placed:
        out["record"] = _record(f.metric, f.start, f.end, tally, records)
    return out


def check_dict(c: Check, tally: RecordTally, records: dict | None = None) -> dict[str, Any]:
    first = c.periods[0]
    return {"kind": c.kind, "metric": c.metric, "subset": c.subset, "verdict": c.verdict,
            "periods": [[_iso(s), _iso(e)] for s, e in c.periods], "reason": c.reason,
            "claim_ids": [f.claim_id for f in c.figures],
            "figures": [{"claim_id": f.claim_id, "document_id": f.document_id, "value": f.value,
                         "qualifier": f.qualifier, "start": _iso(f.start), "end": _iso(f.end),
                         "source_label": source_label(f.source_id)} for f in c.figures],
            "record": _record(c.metric, first[0], first[1], tally, records)}


def _record(metric: str, start: dt.date, end: dt.date, tally: RecordTally,
            records: dict | None = None) -> dict[str, Any]:
    key = (metric, start, end)
    if records is not None and key in records:
        return records[key]
    cov = tally.coverage(start, end)
    out = {"count": tally.count(metric, start, end), "documents": cov.documents, "outlets": cov.outlets,
           "months": cov.months, "undated_events": cov.undated_events}
    if records is not None:
        records[key] = out
    return out


def _kept(f: Figure, lo: dt.date | None, hi: dt.date | None, source: str | None) -> bool:
    if source is not None and not matches_source(source, f.source):
        return False
    if lo is None and hi is None:
        return True
    if not f.placed:
        return False
    return (lo is None or f.end >= lo) and (hi is None or f.start <= hi)


def _bound(value: str | None, name: str, side: int) -> dt.date | None:
    if value is None:
        return None
    bounds = date_bounds(value)
    if bounds is None:
        raise InputError(f"--{name} must be a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
    return bounds[side]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
