"""Scoring SPEC records against gold records, counted exactly as the contract's scorer counts.

The contract's scorer (``eval/score.py`` in the shared folder) is not shipped with
marsad, so this module carries the same rules for ``marsad eval`` and for anyone
measuring marsad on their own annotated articles:

* events are matched per document, greedily, on an affinity of type (``arrest`` and
  ``cell_dismantled`` may match each other), places, date, arrested count and
  background; claims are matched on metric and value;
* every field of a matched pair is then a slot: a right value is a true positive, a
  wrong one a false positive and a false negative, a missing one a false negative, a
  spurious one a false positive; an unmatched event counts all its slots;
* in gold, ``a|b`` accepts either value and a trailing ``?`` marks a scalar or a list
  item optional; a predicted date is right when its interval lies inside the gold's
  (``2020-09`` holds ``2020-09-10``); place ids are compared through a few spelling
  aliases (fez = fes); a claim's ``source`` and an event's ``cell_name`` in Arabic are
  compared as sets of normalized tokens.

:func:`score_records` returns a :class:`Report`: the counts (``Report.summary()`` is
the scorer's ``--json`` summary, key for key) and one :class:`Mismatch` per missed,
wrong or spurious value with the sentences of the text behind it.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError
from .text.normalize import normalize
from .text.tokens import sentence_bounds

SET_FIELDS = ("places", "affiliation", "agencies", "partners", "seized", "plot", "targets")
SCALAR_FIELDS = ("type", "background", "date", "arrested", "killed", "age_min", "age_max", "cell_name")
CLAIM_FIELDS = ("qualifier", "since", "until", "period", "subset", "source")
DATE_FIELDS = frozenset({"date", "since", "until", "period"})
CELL_OR_ARREST = frozenset({"cell_dismantled", "arrest"})
# Fields a Mismatch may name: whole events and claims, the document's relevance and
# publication date, then every event and claim field.
ERROR_FIELDS = ("event", "claim", "relevant", "published", *SCALAR_FIELDS, *SET_FIELDS, *CLAIM_FIELDS)

PLACE_ALIASES = {
    "fez": "fes", "tangiers": "tangier", "tanger": "tangier", "marrakech": "marrakesh",
    "ouledteima": "ouladteima", "elaaiun": "laayoune", "layoune": "laayoune", "alayoun": "laayoune",
    "salealjadida": "sale", "salaaljadida": "sale", "sala": "sale", "daralbeida": "casablanca",
    "meknas": "meknes", "errachidiya": "errachidia", "rachidia": "errachidia", "tetuan": "tetouan",
    "kenitra": "kenitra", "eljadida": "eljadida", "temara": "temara", "tetouane": "tetouan",
}
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
CONTEXT_CHARS = 200  # a sentence shown with an error is cut to about this many characters


# -- values --------------------------------------------------------------------------------------

def ascii_key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in s if not unicodedata.combining(c)))


def place_key(s: str) -> str:
    """A place id compared the scorer's way: ASCII letters and digits, a few aliases folded."""
    k = ascii_key(s)
    return PLACE_ALIASES.get(k, k)


def ar_tokens(s: str) -> set[str]:
    """Tokens longer than two letters, Arabic alef/ta marbuta/ya folded, diacritics dropped."""
    s = re.sub(r"[\u064B-\u0652]", "", s).translate(_AR_FOLD)
    return {t for t in re.split(r"\W+", s.lower()) if len(t) > 2}


def split_gold(v: Any) -> tuple[list[Any], bool]:
    """``(alternatives, optional)`` of one gold scalar or list item (``"a|b?"``)."""
    if isinstance(v, str):
        optional = v.endswith("?")
        v = v[:-1] if optional else v
        return v.split("|"), optional
    return [v], False


def _bound(s: str, end: bool) -> dt.date:
    parts = [int(p) for p in s.strip().split("-")]
    y = parts[0]
    m = parts[1] if len(parts) > 1 else (12 if end else 1)
    d = parts[2] if len(parts) > 2 else (calendar.monthrange(y, m)[1] if end else 1)
    return dt.date(y, m, d)


def date_interval(s: Any) -> tuple[dt.date, dt.date] | None:
    """First and last day of ``YYYY[-MM[-DD]]`` or ``A/B``; None when it is not a date."""
    if s is None or s == "null":
        return None
    a, _, b = str(s).partition("/")
    try:
        return _bound(a, False), _bound(b or a, True)
    except (ValueError, IndexError):
        return None


def date_ok(pred: Any, gold: Any) -> bool:
    """The predicted date's interval lies inside the gold's."""
    p, g = date_interval(pred), date_interval(gold)
    return p is not None and g is not None and g[0] <= p[0] and p[1] <= g[1]


def dates_overlap(a: Any, b: Any) -> bool:
    p, g = date_interval(a), date_interval(b)
    return p is not None and g is not None and p[0] <= g[1] and g[0] <= p[1]


def norm_value(name: str, v: Any) -> Any:
    if v is None:
        return None
    if name == "places":
        return place_key(str(v))
    if name == "source":
        return str(v).strip()
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and re.fullmatch(r"-?\d+", v.strip()):
        return int(v)
    return v.strip().lower() if isinstance(v, str) and name != "cell_name" else v


def scalar_match(name: str, pred: Any, gold_alt: Any) -> bool:
    """Whether a predicted scalar equals one gold alternative."""
    if name in DATE_FIELDS:
        return date_ok(pred, gold_alt)
    p, g = norm_value(name, pred), norm_value(name, gold_alt)
    if name == "source":
        if p is None:
            return False
        if re.fullmatch(r"[a-z0-9-]+", str(g)):
            return str(p).lower() == str(g)
        return bool(ar_tokens(str(p)) & ar_tokens(str(g)))
    if name == "cell_name":
        return p is not None and ar_tokens(str(p)) == ar_tokens(str(g))
    return p == g


# -- matching ------------------------------------------------------------------------------------

def _gold_places(e: dict, required_only: bool = False) -> set[str]:
    return {place_key(a) for item in e.get("places") or [] for a in split_gold(item)[0]
            if not (required_only and split_gold(item)[1])}


def event_affinity(p: dict, g: dict) -> float:
    """How well a predicted event fits a gold one; 0 when they cannot be the same event."""
    pt, gt = p.get("type"), g.get("type")
    if pt != gt and not {pt, gt} <= CELL_OR_ARREST:
        return 0.0
    pp = {place_key(x) for x in p.get("places") or []}
    gp = _gold_places(g)
    gdate = (g.get("date") or "").rstrip("?") or None
    date_hit = any(dates_overlap(p.get("date"), a) for a in split_gold(gdate)[0]) if gdate else False
    place_hit = bool(pp & gp)
    if not (place_hit or date_hit or (not pp and not _gold_places(g, required_only=True))):
        return 0.0
    s = 1.0 + (1.0 if pt == gt else 0.0) + 2.0 * place_hit + 2.0 * date_hit
    s += 1.0 if p.get("arrested") is not None and p.get("arrested") == g.get("arrested") else 0.0
    s += 0.5 if bool(p.get("background")) == bool(g.get("background")) else 0.0
    return s


def claim_affinity(p: dict, g: dict) -> float:
    if p.get("metric") != g.get("metric"):
        return 0.0
    gv = [norm_value("value", a) for a in split_gold(g.get("value"))[0]]
    return 2.0 if norm_value("value", p.get("value")) in gv else 0.0


def greedy_match(preds: list, golds: list, affinity) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (pred index, gold index) best affinity first, then the unmatched of each side."""
    pairs = sorted(((affinity(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)),
                   reverse=True)
    used_p, used_g, out = set(), set(), []
    for s, i, j in pairs:
        if s <= 0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return (out, [i for i in range(len(preds)) if i not in used_p],
            [j for j in range(len(golds)) if j not in used_g])


# -- the report ----------------------------------------------------------------------------------

@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"p": round(self.precision, 3), "r": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document (cut to about CONTEXT_CHARS), with ``text[start:end]`` the
    part to highlight: the value when it was found in the sentence, else the evidence span."""

    text: str
    start: int
    end: int

    def marked(self, left: str = "⟦", right: str = "⟧") -> str:
        return f"{self.text[:self.start]}{left}{self.text[self.start:self.end]}{right}{self.text[self.end:]}"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "highlight": [self.start, self.end]}


@dataclass
class Mismatch:
    """One missed, wrong or spurious value.

    ``where`` is ``event<j>`` / ``claim<j>`` (index of the gold event or claim), or
    ``spurious<i>`` / ``spurious_claim<i>`` (index of an unmatched prediction), or ``""``
    for a document-level field. ``expected`` is the gold value as written (with its
    ``|`` alternatives and ``?``), None when nothing was expected; ``found`` is the
    predicted value, None when nothing was found. ``sentences``: for a found value the
    sentences of the prediction's evidence; for a missed one the gold's evidence, else
    the matched prediction's; the one naming the value first.
    """

    doc: str
    where: str
    field: str
    expected: Any
    found: Any
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "missed" if self.found is None else "spurious" if self.expected is None else "wrong"

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "where": self.where, "field": self.field, "kind": self.kind,
                "expected": self.expected, "found": self.found,
                "sentences": [s.to_dict() for s in self.sentences]}


@dataclass
class Report:
    """Counts and mismatches of a set of predictions scored against gold records."""

    docs: int = 0
    docs_missing: list[str] = field(default_factory=list)
    relevant_right: int = 0
    events: Counts = field(default_factory=Counts)
    events_main: Counts = field(default_factory=Counts)  # gold news events, predicted non-background
    claims: Counts = field(default_factory=Counts)
    fields: dict[str, Counts] = field(default_factory=dict)  # event fields (and "published")
    claim_fields: dict[str, Counts] = field(default_factory=dict)
    errors: list[Mismatch] = field(default_factory=list)

    @property
    def relevant_acc(self) -> float | None:
        return self.relevant_right / self.docs if self.docs else None

    @property
    def slots(self) -> Counts:
        """Every event field but ``published``, added up."""
        total = Counts()
        for name, c in self.fields.items():
            if name != "published":
                total.add(c.tp, c.fp, c.fn)
        return total

    def summary(self) -> dict[str, Any]:
        """The contract scorer's ``--json`` summary."""
        acc = self.relevant_acc
        return {
            "docs": self.docs, "docs_missing": len(self.docs_missing),
            "relevant_acc": round(acc, 3) if acc is not None else None,
            "events": self.events.to_dict(), "events_main": self.events_main.to_dict(),
            "slots": self.slots.to_dict(), "claims": self.claims.to_dict(),
            "fields": {f: self.fields[f].to_dict() for f in sorted(self.fields)},
            "claim_fields": {f: self.claim_fields[f].to_dict() for f in sorted(self.claim_fields)},
        }

    def to_dict(self, errors: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"summary": self.summary(), "docs_missing": self.docs_missing}
        if errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out


# -- scoring -------------------------------------------------------------------------------------

def score_records(gold: Mapping[str, dict] | Iterable[dict], pred: Mapping[str, dict] | Iterable[dict],
                  texts: Mapping[str, str] | None = None) -> Report:
    """Score predicted SPEC records against gold records (both keyed by, or carrying, ``id``).

    ``texts`` (document id -> text) lets each mismatch carry the sentences behind it.
    Only documents in ``gold`` are scored; a gold id missing from ``pred`` counts as a
    document with no events, no claims and ``relevant`` None.
    """
    gold, pred = _by_id(gold), _by_id(pred)
    return _Scorer(texts or {}).run(gold, pred)


def _by_id(records: Mapping[str, dict] | Iterable[dict]) -> dict[str, dict]:
    if isinstance(records, Mapping):
        return dict(records)
    return {str(r.get("id")): r for r in records}


class _Scorer:
    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self.report = Report()

    def run(self, gold: dict[str, dict], pred: dict[str, dict]) -> Report:
        rep = self.report
        for doc_id, g in gold.items():
            if doc_id not in pred:
                rep.docs_missing.append(doc_id)
            p = pred.get(doc_id, {"events": [], "claims": [], "relevant": None})
            self.doc = _Doc(doc_id, self.texts.get(doc_id))
            first_error = len(rep.errors)
            rep.docs += 1
            if bool(p.get("relevant")) == bool(g.get("relevant")):
                rep.relevant_right += 1
            else:
                rep.errors.append(Mismatch(doc_id, "", "relevant", bool(g.get("relevant")),
                                           bool(p.get("relevant"))))
            if "published" in g:
                self.scalar(rep.fields, "published", p.get("published"), g.get("published"), "", None, None)
            self.events(p.get("events") or [], g.get("events") or [])
            self.claims(p.get("claims") or [], g.get("claims") or [])
            rep.errors[first_error:] = sorted(rep.errors[first_error:], key=_where_order)
        return rep

    def events(self, pe: list[dict], ge: list[dict]) -> None:
        rep, doc_id = self.report, self.doc.id
        pairs, up, ug = greedy_match(pe, ge, event_affinity)
        for i, j in pairs:
            rep.events.add(tp=1)
            if not ge[j].get("background"):
                rep.events_main.add(tp=1)
            self.event_fields(pe[i], ge[j], f"event{j}")
        for i in up:
            rep.events.add(fp=1)
            if not pe[i].get("background"):
                rep.events_main.add(fp=1)
            rep.errors.append(Mismatch(doc_id, f"spurious{i}", "event", None, _event_label(pe[i]),
                                       self.doc.sentences(pe[i].get("evidence"))))
            self.event_fields(pe[i], None, f"spurious{i}")
        for j in ug:
            rep.events.add(fn=1)
            if not ge[j].get("background"):
                rep.events_main.add(fn=1)
            rep.errors.append(Mismatch(doc_id, f"event{j}", "event", _event_label(ge[j]), None,
                                       self.doc.sentences(ge[j].get("evidence"))))
            self.event_fields(None, ge[j], f"event{j}")

    def event_fields(self, pred: dict | None, gold: dict | None, where: str) -> None:
        fields = self.report.fields
        p, g = pred or {}, gold or {}
        for name in SCALAR_FIELDS:
            pv, gv = p.get(name), g.get(name)
            if name == "background":
                pv, gv = bool(pv) if p else None, bool(gv) if g else None
            self.scalar(fields, name, pv, gv, where, p, g)
        for name in SET_FIELDS:
            self.set_field(fields, name, p.get(name), g.get(name), where, p, g)

    def claims(self, pc: list[dict], gc: list[dict]) -> None:
        rep, doc_id = self.report, self.doc.id
        pairs, up, ug = greedy_match(pc, gc, claim_affinity)
        rep.claims.add(tp=len(pairs), fp=len(up), fn=len(ug))
        for i, j in pairs:
            for name in CLAIM_FIELDS:
                self.scalar(rep.claim_fields, name, pc[i].get(name), gc[j].get(name), f"claim{j}", pc[i], gc[j])
        for i in up:
            rep.errors.append(Mismatch(doc_id, f"spurious_claim{i}", "claim", None, _claim_label(pc[i]),
                                       self.doc.sentences(pc[i].get("evidence"), "value", pc[i].get("value"))))
        for j in ug:
            rep.errors.append(Mismatch(doc_id, f"claim{j}", "claim", _claim_label(gc[j]), None,
                                       self.doc.sentences(gc[j].get("evidence"), "value", gc[j].get("value"))))

    # one slot
    def scalar(self, tally: dict[str, Counts], name: str, pred: Any, gold: Any, where: str,
               p: dict | None, g: dict | None) -> None:
        if gold is None:
            if pred is not None:
                _add(tally, name, fp=1)
                self.mismatch(name, where, None, pred, p, g)
            return
        alts, optional = split_gold(gold)
        if alts == ["null"]:
            if pred is not None and not optional:
                _add(tally, name, fp=1)
                self.mismatch(name, where, gold, pred, p, g)
            return
        if pred is None:
            if not optional:
                _add(tally, name, fn=1)
                self.mismatch(name, where, gold, None, p, g)
            return
        if any(scalar_match(name, pred, a) for a in alts):
            _add(tally, name, tp=1)
        else:
            _add(tally, name, fp=1, fn=0 if optional else 1)
            self.mismatch(name, where, gold, pred, p, g)

    def set_field(self, tally: dict[str, Counts], name: str, pred: Any, gold: Any, where: str,
                  p: dict, g: dict) -> None:
        raw = {}  # normalized value -> the value as predicted, to show it
        for v in pred or []:
            raw.setdefault(norm_value(name, v), v)
        remaining = set(raw)
        for item in gold or []:
            alts, optional = split_gold(item)
            keys = [norm_value(name, a) for a in alts]
            hit = next((k for k in keys if k in remaining), None)
            if hit is not None:
                remaining.discard(hit)
                _add(tally, name, tp=1)
            elif not optional:
                _add(tally, name, fn=1)
                self.mismatch(name, where, item, None, p, g)
        for k in [k for k in raw if k in remaining]:  # in the predicted order
            _add(tally, name, fp=1)
            self.mismatch(name, where, None, raw[k], p, g)

    def mismatch(self, name: str, where: str, expected: Any, found: Any,
                 p: dict | None, g: dict | None) -> None:
        pred_ev, gold_ev = (p or {}).get("evidence"), (g or {}).get("evidence")
        if found is not None:
            spans, value = pred_ev or gold_ev, found
        else:
            spans, value = gold_ev or pred_ev, expected
        self.report.errors.append(Mismatch(self.doc.id, where, name, expected, found,
                                           self.doc.sentences(spans, name, value)))


_WHERE_ORDER = {"": 0, "event": 1, "spurious": 2, "claim": 3, "spurious_claim": 4}


def _where_order(e: Mismatch) -> tuple[int, int]:
    """Document-level errors, then gold events, spurious events, gold claims, spurious claims."""
    m = re.fullmatch(r"([a-z_]*?)(\d*)", e.where)
    return _WHERE_ORDER.get(m.group(1), 5), int(m.group(2) or 0)


def _add(tally: dict[str, Counts], name: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
    """Count into ``tally[name]``; a field appears in a tally once something is counted."""
    tally.setdefault(name, Counts()).add(tp, fp, fn)


def _event_label(e: dict) -> str:
    bits = [str(e.get("type")), str(e.get("date") or "no date"),
            ",".join(str(x) for x in e.get("places") or []) or "no place"]
    if e.get("background"):
        bits.append("(background)")
    return " ".join(bits)


def _claim_label(c: dict) -> str:
    return f"{c.get('metric')}={c.get('value')}"


# -- the sentences behind a value ----------------------------------------------------------------

class _Doc:
    """One document's text, split into sentences on first use."""

    def __init__(self, doc_id: str, text: str | None) -> None:
        self.id, self.text = doc_id, text
        self._bounds: list[tuple[int, int]] | None = None

    def sentences(self, spans: Any, name: str | None = None, value: Any = None) -> list[Sentence]:
        """The sentences holding ``spans`` (``[[start, end], ...]``), those naming ``value`` first."""
        if not self.text or not isinstance(spans, list):
            return []
        if self._bounds is None:
            self._bounds = sentence_bounds(self.text) or [(0, len(self.text))]
        starts = [s for s, _ in self._bounds]
        seen: dict[tuple[int, int], tuple[int, int]] = {}  # sentence -> span part inside it
        for span in spans:
            if not (isinstance(span, (list, tuple)) and len(span) == 2
                    and all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
                continue
            a, b = span
            if not 0 <= a <= b <= len(self.text):
                continue
            k = max(bisect.bisect_right(starts, a) - 1, 0)
            while k < len(self._bounds) and self._bounds[k][0] < max(b, a + 1):
                s, e = self._bounds[k]
                if e > a or (a == b and s <= a <= e):
                    seen.setdefault((s, e), (max(a, s), min(max(b, a), e)))
                k += 1
        found, others = [], []
        forms = value_forms(name, value) if name else ()
        for (s, e), (a, b) in seen.items():
            hit = _find_forms(self.text[s:e], forms) if forms else None
            if hit:
                found.append(_cut(self.text, s, e, s + hit[0], s + hit[1]))
            else:
                others.append(_cut(self.text, s, e, a, b))
        return found + others


def _cut(text: str, s: int, e: int, a: int, b: int, width: int = CONTEXT_CHARS) -> Sentence:
    """Sentence ``text[s:e]`` cut to about ``width`` characters around ``[a, b)``, on one line."""
    if e - s > width:
        if b - a > width * 3 // 4:  # a long highlight keeps its start, cut after a word
            cut = a + width * 3 // 4
            space = text.rfind(" ", a + 1, cut)
            b = space if space > 0 else cut
        room = max(width - (b - a), 0)
        left = max(s, a - room // 2)
        right = min(e, left + max(width, b - left))
        left = max(s, min(left, right - width))
    else:
        left, right = s, e
    head, mid, tail = text[left:a], text[a:b], text[b:right]
    head = ("…" if left > s else "") + " ".join(head.split()) + (" " if head[-1:].isspace() else "")
    mid = " ".join(mid.split())
    tail = (" " if tail[:1].isspace() else "") + " ".join(tail.split()) + ("…" if right < e else "")
    head = head.lstrip()
    return Sentence(head + mid + tail, len(head), len(head) + len(mid))


_LEXICON_KIND = {"agencies": "agency", "affiliation": "org", "partners": "partner", "seized": "item",
                 "plot": "plot", "targets": "target", "source": "source", "subset": "subset"}
_NUMBER_FIELDS = frozenset({"arrested", "killed", "age_min", "age_max", "value"})


def value_forms(name: str | None, value: Any) -> tuple[str, ...]:
    """Normalized words that may name ``value`` of field ``name`` in a text, longest first.

    Vocabulary ids take their surface forms from the language data (the lexicon, the
    places list); numbers their digits, thousands groupings and number words. A gold
    value's alternatives all count; ``?`` is dropped.
    """
    if value is None or isinstance(value, bool) or name is None:
        return ()
    alts = split_gold(value)[0] if isinstance(value, str) else [value]
    forms: set[str] = set()
    for alt in alts:
        forms.update(_forms(name, str(alt).strip()))
    return tuple(sorted((f for f in forms if f), key=len, reverse=True))


@cache
def _forms(name: str, value: str) -> frozenset[str]:
    from .places import load_places
    from .resources import language_data
    norm = normalize(value).text
    out = set()
    if name in _NUMBER_FIELDS and re.fullmatch(r"\d+", value):
        n = int(value)
        out.add(value)
        if n >= 1000:
            for sep in (",", ".", " "):
                out.add(f"{n:,}".replace(",", sep))
        for lang in ("ar", "en", "fr"):
            out.update(normalize(w).text for w, v in language_data(lang, "numbers").get("units", {}).items()
                       if v == n)
    elif name == "places":
        place = load_places().get(value)
        names = place.names if place else (value.replace("-", " "),)
        out.update(normalize(n).text for n in names)
    elif name in _LEXICON_KIND:
        for lang in ("ar", "en", "fr"):
            phrases = language_data(lang, "lexicon").get(_LEXICON_KIND[name], {})
            if isinstance(phrases, dict):
                out.update(normalize(p.rstrip("*")).text for p in phrases.get(value, []) if "~" not in p)
        if name in ("source", "subset") or not out:
            out.add(norm)
    elif name == "cell_name":
        out.add(norm)
    return frozenset(f for f in out if len(f) > 1 or f.isdigit())


SHORT_ARABIC = 4  # Arabic forms this short must be whole words: «ست» (six) is in «مؤسسات»


def _find_forms(sentence: str, forms: tuple[str, ...]) -> tuple[int, int] | None:
    """The first place in ``sentence`` where one of ``forms`` (normalized) is written."""
    nt = normalize(sentence)
    best = None
    for f in forms:
        if f[:1].isascii():
            pat = r"(?<!\w)(" + re.escape(f) + (r")(?!\w)" if f[-1:].isascii() else ")")
        elif len(f) <= SHORT_ARABIC:  # a whole word, after clitics only («وثلاثة», «بالرباط»)
            pat = r"(?<!\w)(?:[وفبلك]{0,2}(?:ال)?)(" + re.escape(f) + r")(?!\w)"
        else:
            pat = "(" + re.escape(f) + ")"
        m = re.search(pat, nt.text)
        if m and (best is None or m.start(1) < best[0]):
            best = m.span(1)
    return nt.original_span(*best) if best else None


# -- reading files -------------------------------------------------------------------------------

def read_records(path: str | Path) -> dict[str, dict]:
    """id -> record of a JSON Lines file of SPEC records (gold or predicted).

    Raises :class:`~marsad.errors.InputError` naming the file (and line) for a missing
    or unreadable file, a line that is not a JSON object, a record without ``id``, a
    repeated id, or ``events``/``claims`` that are not lists of objects.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a folder, not a JSON Lines file")
    out: dict[str, dict] = {}
    try:
        with p.open(encoding="utf-8-sig") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}:{n}: invalid JSON: {e.msg} (column {e.colno})") from None
                check_record(r, f"{path}:{n}")
                doc_id = str(r["id"])
                if doc_id in out:
                    raise InputError(f"{path}:{n}: id {doc_id!r} already given on an earlier line")
                out[doc_id] = r
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    return out


def check_record(r: Any, where: str) -> None:
    """Raise InputError(``where: …``) unless ``r`` is a record the scorer can read."""
    if not isinstance(r, dict):
        raise InputError(f"{where}: not a JSON object")
    if r.get("id") in (None, ""):
        raise InputError(f"{where}: record without an id")
    for key in ("events", "claims"):
        items = r.get(key)
        if items is not None and not (isinstance(items, list) and all(isinstance(x, dict) for x in items)):
            raise InputError(f"{where}: {key} must be a list of objects")
    for i, e in enumerate(r.get("events") or []):
        for name in SET_FIELDS:
            v = e.get(name)
            if v is not None and not (isinstance(v, list) and all(isinstance(x, (str, int)) for x in v)):
                raise InputError(f"{where}: events[{i}].{name} must be a list of values")
