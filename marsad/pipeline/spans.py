"""Stage 6b: field-level evidence — each value of an event or a claim with the characters it
was read from.

``evidence`` gives the sentences that support an event or a claim; ``spans`` says which words
gave each value: ``{"date": [start, end], "arrested": [start, end], "places": {"tangier":
[start, end]}, …}`` for an event (and ``country`` for another country's arrests), ``{"value": …,
"qualifier": …, "period": …, "source": …}`` for a claim, as ``[start, end)`` offsets of the
document's text. A scalar field maps to one span, a list field to a span per value. A value the
text does not spell (a count summed over towns, a well-known attack's places, a period carried
from the figure before) has the words it was computed from when there is one place for them,
else no span. Spans are a reading aid; they never change a value.
"""
from __future__ import annotations

from typing import Any

from ..models import Claim, Event
from ..text.normalize import normalize_text
from ..text.tokens import stems
from .drafts import _cue_words
from .mentions import Analysis, Mention

Span = list[int]

# Event list fields and the mention kind each value is read from.
LIST_KINDS = {"places": "place", "affiliation": "org", "agencies": "agency", "partners": "partner",
              "seized": "item", "plot": "plot", "targets": "target"}
LIST_VALUE_KINDS = frozenset(LIST_KINDS.values())
# Item ids read from another item's words.
READ_AS = {"explosive-precursors": "explosives"}
# Event scalar fields with spans (besides the date and the trigger).
COUNT_KINDS = {"arrested": "persons", "killed": "killed"}


def _mention_id(m: Mention) -> Any:
    return getattr(m.value, "id", m.value)


def _nearest(mentions, pos: int):
    """The mention nearest to token ``pos`` (the first of equals)."""
    return min(mentions, key=lambda m: abs(m.start - pos), default=None)


def event_spans(a: Analysis, ev: Event, d) -> dict[str, Any]:
    """The spans of ``ev``'s values among what its draft ``d`` (marsad.pipeline.drafts.Draft)
    gathered: its mentions, dates, counts and cell name; the nearest to its trigger wins."""
    out: dict[str, Any] = {}
    if 0 <= d.position < len(a.tokens):
        out["type"] = list(a.token_span(d.position, d.position + 1))
    by_value: dict[tuple, list[Mention]] = {}
    for m in d.mentions:
        if m.kind in LIST_VALUE_KINDS:
            by_value.setdefault((m.kind, _mention_id(m)), []).append(m)
    for field, kind in LIST_KINDS.items():
        values = getattr(ev, field)
        if not values:
            continue
        found = {}
        for value in values:
            m = _nearest(by_value.get((kind, value), ()), d.position)
            if m is None:  # a value another stage gave (a partner from a joint operation's other side)
                m = _nearest([m for si in sorted(d.sentences) for m in a.by_sentence.get(si, ())
                              if m.kind == kind and _mention_id(m) == value], d.position)
            if m is None and field == "affiliation":
                m = _nearest([m for m in a.of_kind("org") if m.value == value
                              and m.start <= d.position], d.position)  # «التنظيم المذكور»: the group named before
            if m is None and value in READ_AS:  # «مواد تدخل في صناعة المتفجرات»: the explosives named
                m = _nearest([m for m in d.mentions if m.kind == kind and m.value == READ_AS[value]], d.position)
            if m is None and field == "partners":  # the other side of a joint operation, by its town
                m = _nearest([m for m in d.mentions if m.kind == "place" and m.value.country == value], d.position)
            if m is None and d.known_attack and field in ("places", "plot", "targets"):
                m = next((m for m in d.mentions if m.kind == "known_attack"), None)  # the attack's name says them
            if m is not None:
                found[value] = list(a.token_span(m.start, m.end))
        if found:
            out[field] = found
    if ev.country != "MA":  # another country's arrests: the words that say whose
        m = _nearest([m for si in sorted(d.sentences) for m in a.by_sentence.get(si, ())
                      if (m.kind == "partner" and m.value == ev.country)
                      or (m.kind == "place" and m.value.country == ev.country)], d.position)
        if m is not None:
            out["country"] = list(a.token_span(m.start, m.end))
    if ev.date is not None:
        dm = _nearest_date(a, d, ev.date)
        if dm is not None:
            out["date"] = list(a.nt.original_span(dm.start, dm.end))
    for field, kind in COUNT_KINDS.items():
        value = getattr(ev, field)
        if value is None:
            continue
        q = _nearest_quantity(a, d, kind, lambda q: q.low == value)
        if q is not None:
            out[field] = list(a.nt.original_span(q.start, q.end))
        elif field == "arrested":
            # one, told by no count: the singular noun, else the trigger that took no plural («توقيفه»)
            span = _parts_span(a, d, value) or (
                (_singular_span(a, d) or out.get("type")) if value == 1 else None)
            if span is not None:
                out[field] = span
    if ev.age_min is not None:
        q = _nearest_quantity(a, d, "age", lambda q: q.low == ev.age_min)
        if q is not None:
            out["age_min"] = list(a.nt.original_span(q.start, q.end))
    if ev.age_max is not None:
        q = _nearest_quantity(a, d, "age", lambda q: q.high == ev.age_max)
        if q is not None:
            out["age_max"] = list(a.nt.original_span(q.start, q.end))
    if ev.cell_name is not None:
        if d.cell_name is not None:
            out["cell_name"] = list(a.nt.original_span(*d.cell_name))
        else:  # a name read from the headline
            key = normalize_text(ev.cell_name)
            at = a.nt.text.find(key) if key else -1
            if at >= 0:
                out["cell_name"] = list(a.nt.original_span(at, at + len(key)))
    return out


def _nearest_date(a: Analysis, d, value: str):
    """The draft's date expression that reads ``value``, else the one it was computed from (a
    single "after" or relative expression)."""
    pos = a.tokens[d.position].start if d.position < len(a.tokens) else 0
    same = [dm for _, dm in d.dates if dm.value == value]
    if same:
        return min(same, key=lambda dm: abs(dm.start - pos))
    computed = [dm for _, dm in d.dates if dm.value is None or dm.kind in ("after", "relative")]
    return computed[0] if len(computed) == 1 else None


def _parts_span(a: Analysis, d, value: int) -> Span | None:
    """A count and the numbers after it in its sentence that add up to ``value`` («ثلاثة متطرفين
    بطنجة واثنين آخرين بتطوان», "three … and two …"): from the first to the last."""
    for q in sorted((q for q in d.quantities if q.kind == "persons" and q.low < value), key=lambda q: q.start):
        total, k = q.low, a.token_at(q.end - 1) + 1
        last = a.sentences[q.sentence].last_token
        for i in sorted(n for n in a.numbers if k <= n <= last):
            total += a.numbers[i][0]
            if total == value:
                return list(a.nt.original_span(q.start, a.tokens[a.numbers[i][1] - 1].end))
            if total > value:
                break
    return None


# How far after its trigger the noun of one person arrested is looked for («توقيف شخص»).
SINGULAR_REACH = 18


def _singular_span(a: Analysis, d) -> Span | None:
    """The noun of the one person arrested: the first singular person word after the trigger in
    its sentence (or just before it, "a suspect arrested")."""
    s = a.sentences[d.sentence]
    singular = _cue_words(a.lang, "person_singular")
    for k in list(range(d.position + 1, min(d.position + SINGULAR_REACH, s.last_token + 1, len(a.tokens)))) + \
            list(range(max(s.first_token, d.position - 3), d.position)):
        if any(x in singular for x in stems(a.tokens[k].text)):
            return list(a.token_span(k, k + 1))
    return None


def _nearest_quantity(a: Analysis, d, kind: str, match):
    pos = a.tokens[d.position].start if d.position < len(a.tokens) else 0
    qs = [q for q in d.quantities if q.kind == kind and match(q)]
    return min(qs, key=lambda q: abs(q.start - pos), default=None)


def give_partner_span(home: Event, foreign: Event) -> None:
    """``home`` names ``foreign``'s country as a partner by the words of the foreign side: its town
    names its country, else its trigger tells its part."""
    span = foreign.spans.get("country") or foreign.spans.get("type")
    if span is not None:
        home.spans.setdefault("partners", {}).setdefault(foreign.country, list(span))


def merge_spans(kept: Event, other: Event) -> None:
    """Before coreference merges ``other`` into ``kept``: each value keeps the span of the
    mention that gave it (``kept``'s first); of a joint operation's two sides, the foreign
    side's trigger is its country's part (the partner)."""
    if kept.country != other.country:
        give_partner_span(kept, other if kept.country == "MA" else kept)
    for field, spans in other.spans.items():
        if isinstance(spans, dict):
            mine = kept.spans.setdefault(field, {})
            for value, span in spans.items():
                mine.setdefault(value, span)
        elif field not in kept.spans:
            kept.spans[field] = list(spans)


def prune_event_spans(ev: Event) -> None:
    """Drop the spans of values the event no longer has (items made specific, values out of
    bounds, a date another report's replaced)."""
    for field in list(ev.spans):
        spans = ev.spans[field]
        if isinstance(spans, dict):
            kept = {v: s for v, s in spans.items() if v in (getattr(ev, field) or ())}
            if kept:
                ev.spans[field] = kept
            else:
                del ev.spans[field]
        elif field == "country" and ev.country == "MA":
            del ev.spans[field]  # one joint operation now: its other country is a partner
        elif field not in ("type", "country") and getattr(ev, field, None) is None:
            del ev.spans[field]


def claim_spans(a: Analysis, claim: Claim, i: int, j: int, qualifier: Mention | None,
                periods: list) -> dict[str, Span]:
    """The spans of a claim read at figure tokens[i:j]: the figure, its qualifier, the period
    expression nearest to it that reads the claim's period, and its source's words."""
    out: dict[str, Span] = {"value": list(a.token_span(i, j))}
    if qualifier is not None and claim.qualifier != "exact":
        out["qualifier"] = list(a.token_span(qualifier.start, qualifier.end))
    if claim.since or claim.until or claim.period:
        pos = a.tokens[i].start
        same = [p for p in periods if (p.since, p.until, p.period) == (claim.since, claim.until, claim.period)
                or (claim.since and p.since == claim.since) or (claim.until and p.until == claim.until)
                or (claim.period and p.period == claim.period)]
        p = min(same, key=lambda p: abs(p.start - pos), default=None)
        if p is not None and p.end > p.start:
            out["period"] = list(a.nt.original_span(p.start, p.end))
    if claim.source is not None:
        span = _source_span(a, claim.source, i)
        if span is not None:
            out["source"] = span
    return out


def _source_span(a: Analysis, source: str, i: int) -> Span | None:
    """The words naming ``source``: its last mention up to the figure, else its first after
    («…، حسب وزارة الداخلية»); a person by the last telling of the name before the figure."""
    named = [m for m in a.of_kind("source") if m.value == source]
    # the one an attribution word introduces in the figure's sentence ("…, according to the Interior
    # Ministry", «حسب وزارة الداخلية»), else the last up to the figure, else the first after it
    si = a.tokens[i].sentence
    verbs = {v.end for v in a.in_sentence(si, "attribution_verb")}
    m = (next((m for m in named if m.sentence == si and (m.start in verbs or m.start - 1 in verbs)), None)
         or max((m for m in named if m.start <= i), key=lambda m: m.start, default=None)
         or (named[0] if named else None))
    if m is not None:
        return list(a.token_span(m.start, m.end))
    key = normalize_text(source)
    pos = a.tokens[i].start
    at = a.nt.text.rfind(key, 0, pos)
    if at < 0:
        at = a.nt.text.find(key)
    return list(a.nt.original_span(at, at + len(key))) if at >= 0 and key else None
