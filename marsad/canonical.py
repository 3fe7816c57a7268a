"""The canonical record of one real-world event, chosen from its mentions by stated rules.

:func:`canonical_record` takes the mentions :func:`marsad.resolve.resolve` grouped
(each a SPEC Event dict plus ``key``, ``document_id`` and ``published``) and the
documents reporting them, and returns one SPEC Event dict. Mentions are read in
*first-seen* order: by publication date (undated last), then by mention key, so the
record depends only on the set of mentions, never on the order they were stored.

Rules, field by field:

- ``type``: the most specific type reported, in the order attack, cell_dismantled,
  arrest, seizure; except that cell_dismantled gives way to arrest when a mention says
  arrest and the chosen ``arrested`` is 1 (a cell is two or more persons).
- ``date``: the narrowest date whose interval lies inside every other mention's date
  interval; when none does (reports disagree), the narrowest date, the earliest of
  equally narrow ones. Undated mentions do not vote; a mention naming a well-known attack
  votes for the attack's date when its own contradicts it (:func:`attack_dated`). When no
  mention gives a date and one names a well-known attack, the attack's date
  (``date_from: "known_events"``).
- ``places``: the union, in first-seen order.
- ``country``: the value most mentions give; ties go to the first seen.
- ``arrested``: the value most mentions agree on; a tie goes to the value of a mention
  citing an official source (an agency in :data:`OFFICIAL_AGENCIES`) when exactly one
  tied value has one, else to the larger. ``arrested_reported`` is
  ``{value: [document ids]}`` when mentions disagree, else null.
- ``killed`` and ``killed_reported``: the same rule.
- ``age_min`` / ``age_max``: the minimum / maximum over the mentions.
- ``affiliation``, ``agencies``, ``partners``, ``seized``, ``plot``, ``targets``: the
  union in first-seen order; a specific group drops the group it belongs to
  (:data:`SUBSUMED`: ``isis-sahel`` drops ``isis``).
- ``cell_name``: the first non-null, first seen.
- ``background``: false when any mention reports the event as news.
- ``date_earliest``, ``date_latest``, ``time_precision``, ``date_rule``: the days the event is
  known to lie between, how precisely (ACLED's codes), and the rule that gave them
  (:func:`date_interval`); every event has them, dated or not.
- ``evidence`` stays with the mentions (spans index one document each); the record lists
  ``mention_keys`` (sorted) and ``sources`` (see :func:`sort_sources`).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from .known_events import attack_dated, known_date
from .resolve import PUBLICATION_LAG
from .text.dates import date_bounds

# Agencies whose statement is the official figure when reports are tied.
OFFICIAL_AGENCIES = frozenset({"bcij", "dgst", "interior-ministry"})
# A specific group -> the broader one it makes redundant in a union.
SUBSUMED = {"isis-sahel": "isis"}
TYPE_SPECIFICITY = ("attack", "cell_dismantled", "arrest", "seizure")
LIST_FIELDS = ("places", "affiliation", "agencies", "partners", "seized", "plot", "targets")
# Scalar fields whose differing values :func:`disagreements` reports.
COMPARED_FIELDS = ("type", "background", "date", "country", "arrested", "killed", "age_min",
                   "age_max", "cell_name")
SOURCE_KEYS = ("document_id", "outlet", "url", "lang", "published")
# An undated event told as background (or known only from when marsad stored its report)
# happened before its report, at most this many years before: marsad's period begins
# with the 1994 Marrakech attack.
LOOKBACK_YEARS = 40
# Rules of :func:`date_interval`, in the order they are tried.
DATE_RULES = ("reported", "known_event", "publication_lag", "background", "stored")


def first_seen(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions by publication date (undated last), then key."""
    return sorted(mentions, key=lambda m: (m.get("published") is None, m.get("published") or "",
                                           m["key"]))


def canonical_record(mentions: list[dict[str, Any]], sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The canonical SPEC Event of a group of mentions (rules in the module docstring).

    ``sources`` are the documents reporting it (``SOURCE_KEYS``, copies included).
    Raises ValueError on an empty group.
    """
    if not mentions:
        raise ValueError("a canonical event needs at least one mention")
    ms = first_seen(mentions)
    reported = disagreements(ms)
    arrested = _count(ms, "arrested")
    record: dict[str, Any] = {
        "type": choose_type(ms, arrested),
        "background": all(bool(m.get("background")) for m in ms),
        "date": choose_date([m.get("date") and attack_dated(m["date"], m.get("known")) for m in ms]),
        "places": _union(ms, "places"),
        "country": _most_common([m.get("country") for m in ms]),
        "arrested": arrested,
        "killed": _count(ms, "killed"),
        "age_min": min((m["age_min"] for m in ms if m.get("age_min") is not None), default=None),
        "age_max": max((m["age_max"] for m in ms if m.get("age_max") is not None), default=None),
    }
    for name in LIST_FIELDS[1:]:
        record[name] = _union(ms, name)
    record["affiliation"] = [g for g in record["affiliation"]
                             if not any(SUBSUMED.get(o) == g for o in record["affiliation"])]
    record["cell_name"] = next((m["cell_name"] for m in ms if m.get("cell_name")), None)
    if record["date"] is None:  # «أحداث 16 ماي» dates itself: the well-known attack's date
        record["date"] = next((d for m in ms if (d := known_date(m.get("known")))), None)
        if record["date"]:
            record["date_from"] = "known_events"
    record.update(date_interval(record["date"], record.get("date_from"), record["background"], sources))
    record["arrested_reported"] = reported.get("arrested")
    record["killed_reported"] = reported.get("killed")
    record["sources"] = sort_sources(sources)
    record["mention_keys"] = sorted(m["key"] for m in ms)
    return record


def date_interval(date: str | None, date_from: str | None, background: bool,
                  sources: list[dict[str, Any]]) -> dict[str, Any]:
    """``date_earliest``, ``date_latest`` (YYYY-MM-DD), ``time_precision`` and ``date_rule`` of
    an event with the chosen ``date`` (``date_from`` as :func:`canonical_record` sets it),
    reported by ``sources`` (``published``, and ``ingested_at`` when marsad stored them).

    The event happened by its earliest report's publication day (``published``; without any,
    the day marsad first stored a report, ``ingested_at``). The rules, first that applies:

    - ``reported``: the reports date it (a day, a month, a year, an interval): the days that
      date covers, ending at the earliest publication when that falls inside;
    - ``known_event``: the same with the date of the well-known attack they name;
    - ``publication_lag``: undated news happened at most :data:`marsad.resolve.PUBLICATION_LAG`
      (10 days) before its earliest report, the lag resolution assumes too;
    - ``background``: undated background happened before its earliest report, at most
      :data:`LOOKBACK_YEARS` before (from 1 January of that year);
    - ``stored``: no report has a publication date: before marsad first stored one, at most
      :data:`LOOKBACK_YEARS` before.

    ``time_precision`` is ACLED's code for the interval's length: 1 one day, 2 up to 31 days
    (a week, a month), 3 longer (a year or coarser). All four are None only when no report
    has a publication or storage date and the reports give none (never from the store)."""
    published = _first_day(s.get("published") for s in sources)
    latest = published or _first_day(s.get("ingested_at") for s in sources)
    start, end = date_bounds(date) or (None, None)
    if start is not None and end is not None and start <= end:
        rule = "known_event" if date_from == "known_events" else "reported"
        if latest is not None and start <= dt.date.fromisoformat(latest) < end:
            end = dt.date.fromisoformat(latest)
    elif latest is not None:
        end = dt.date.fromisoformat(latest)
        if published is not None and not background:
            rule, start = "publication_lag", dt.date.fromordinal(max(1, end.toordinal() - PUBLICATION_LAG.days))
        else:
            rule = "background" if published is not None else "stored"
            start = dt.date(max(1, end.year - LOOKBACK_YEARS), 1, 1)
    else:
        return {"date_earliest": None, "date_latest": None, "time_precision": None, "date_rule": None}
    return {"date_earliest": start.isoformat(), "date_latest": end.isoformat(),
            "time_precision": time_precision(start, end), "date_rule": rule}


def time_precision(start: dt.date, end: dt.date) -> int:
    """ACLED's time precision of the days ``start`` to ``end``: 1 a day, 2 up to 31 days, 3 more."""
    days = (end - start).days + 1
    return 1 if days == 1 else 2 if days <= 31 else 3


def _first_day(values: Any) -> str | None:
    """The earliest valid YYYY-MM-DD among ISO dates or timestamps (None: none)."""
    days = []
    for v in values:
        try:
            days.append(dt.date.fromisoformat(str(v)[:10]).isoformat())
        except ValueError:
            continue
    return min(days, default=None)


def choose_type(ms: list[dict[str, Any]], arrested: int | None) -> str:
    types = {m["type"] for m in ms}
    best = min(types, key=lambda t: (TYPE_SPECIFICITY.index(t) if t in TYPE_SPECIFICITY
                                     else len(TYPE_SPECIFICITY), t))
    if best == "cell_dismantled" and "arrest" in types and arrested == 1:
        return "arrest"
    return best


def choose_date(dates: list[str | None]) -> str | None:
    """The narrowest date inside every other one's interval; else the earliest narrowest."""
    spans = {d: b for d in dict.fromkeys(x for x in dates if x) if (b := date_bounds(d))}
    if not spans:
        return next((d for d in dates if d), None)

    def narrow(d: str) -> tuple:
        start, end = spans[d]
        return (end - start).days, start, d

    inside_all = [d for d, (s, e) in spans.items()
                  if all(o[0] <= s and e <= o[1] for o in spans.values())]
    return min(inside_all or spans, key=narrow)


def disagreements(mentions: list[dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """``{field: {value: [document ids]}}`` for each compared field with several values.

    Values are JSON object keys (strings); documents in first-seen order."""
    out: dict[str, dict[str, list[str]]] = {}
    for name in COMPARED_FIELDS:
        values: dict[str, list[str]] = {}
        for m in first_seen(mentions):
            value = m.get(name)
            if value is None:
                continue
            key = str(value).lower() if isinstance(value, bool) else str(value)
            docs = values.setdefault(key, [])
            if m["document_id"] not in docs:
                docs.append(m["document_id"])
        if len(values) > 1:
            out[name] = values
    return out


def sort_sources(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per document (``SOURCE_KEYS``), by publication date (undated last), then id."""
    unique = {s["document_id"]: {k: s.get(k) for k in SOURCE_KEYS} for s in sources}
    return sorted(unique.values(), key=lambda s: (s["published"] is None, s["published"] or "",
                                                  s["document_id"]))


def _count(ms: list[dict[str, Any]], name: str) -> int | None:
    votes = Counter(m[name] for m in ms if m.get(name) is not None)
    if not votes:
        return None
    top = max(votes.values())
    tied = [v for v, n in votes.items() if n == top]
    official = {m[name] for m in ms if m.get(name) in tied
                and OFFICIAL_AGENCIES & set(m.get("agencies") or ())}
    if len(tied) > 1 and len(official) == 1:
        return official.pop()
    return max(tied)


def _most_common(values: list[Any]) -> Any:
    votes = Counter(v for v in values if v is not None)
    if not votes:
        return None
    top = max(votes.values())
    return next(v for v in values if v is not None and votes[v] == top)


def _union(ms: list[dict[str, Any]], name: str) -> list[str]:
    return list(dict.fromkeys(v for m in ms for v in m.get(name) or ()))
