"""Event resolution: group event mentions from many documents into canonical events.

Ten outlets report one BCIJ operation, in three languages, on different days, with
different counts and city lists. Two mentions are *compatible* when nothing says they
are different operations (types, dates within a window that depends on each date's
precision and on publication lag, overlapping places, close counts, same group, same
cell name) and *linked* when, on top, enough of what they say agrees. Groups grow by
linking the strongest pairs first, and a group never holds two incompatible mentions;
the result depends only on the set of mentions, not on the order they were ingested.

Analyst corrections are constraints: a manual merge is a link that always holds, a
split a pair that never links.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from .text.dates import date_bounds, parse_iso

# How far apart two reports of one operation may date it, by the coarser precision.
DAY_WINDOW = dt.timedelta(days=5)  # a report days later may date it by its own publication
# An undated mention happened at most this long before its article was published.
PUBLICATION_LAG = dt.timedelta(days=10)
# Counts of one operation differ by at most this share («a cell of 6» / «seven members»).
COUNT_TOLERANCE = 0.35
# Score a pair needs to link (see :func:`pair_score`).
LINK_THRESHOLD = 3.0
# Days per blocking bucket (see _blocks).
BLOCK_DAYS = 7
# Types that can report one operation: a cell dismantled and the arrest of its members.
OPERATION_TYPES = frozenset({"cell_dismantled", "arrest"})


@dataclass(frozen=True)
class Mention:
    """One event mention, with what resolution needs of its document."""

    key: str  # stable: "<document id>#<ordinal>"
    type: str
    background: bool
    date: str | None
    published: str | None
    places: frozenset[str] = frozenset()
    arrested: int | None = None
    killed: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    affiliation: frozenset[str] = frozenset()
    cell_name: str | None = None  # names agree only within a language, so a difference proves nothing
    known: str | None = None  # a well-known attack's key, when the text names one

    @cached_property
    def group_roots(self) -> frozenset[str]:
        """Groups without their branch: «isis-sahel» is «isis»."""
        return frozenset(g.split("-")[0] for g in self.affiliation)

    @cached_property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """When it happened, as far as the mention tells: its date, else before publication."""
        bounds = date_bounds(self.date)
        if bounds:
            return bounds
        pub = parse_iso(self.published)
        if pub and not self.background:
            return pub - PUBLICATION_LAG, pub
        return None


def _dates_compatible(a: Mention, b: Mention) -> bool | None:
    """True/False when the dates say, None when one of them says nothing."""
    sa, sb = a.span, b.span
    if sa is None or sb is None:
        return None
    return sa[0] - DAY_WINDOW <= sb[1] and sb[0] - DAY_WINDOW <= sa[1]


def _counts_compatible(x: int | None, y: int | None) -> bool | None:
    if x is None or y is None:
        return None
    return abs(x - y) <= max(1, COUNT_TOLERANCE * max(x, y))


def _groups_compatible(a: "Mention", b: "Mention") -> bool | None:
    if not a.affiliation or not b.affiliation:
        return None
    return bool(a.group_roots & b.group_roots)


def compatible(a: Mention, b: Mention, places: bool = True) -> bool:
    """Nothing says these are two different events (``places=False`` leaves places out:
    a group compares them as a whole, since outlets name different cities of one operation)."""
    if a.type != b.type and not {a.type, b.type} <= OPERATION_TYPES:
        return False
    if a.known and b.known and a.known != b.known:
        return False
    if places and a.places and b.places and not a.places & b.places:
        return False
    for check in (_dates_compatible(a, b), _counts_compatible(a.arrested, b.arrested),
                  _counts_compatible(a.killed, b.killed), _groups_compatible(a, b)):
        if check is False:
            return False
    return True


def pair_score(a: Mention, b: Mention) -> float:
    """How strongly two compatible mentions say they are one event (0 when incompatible)."""
    if not compatible(a, b):
        return 0.0
    score = 0.0
    if a.known and a.known == b.known:
        score += 4.0
    if a.cell_name and a.cell_name == b.cell_name:
        score += 4.0
    if a.places & b.places:
        score += 1.0 + min(len(a.places & b.places), 3) * 0.5
    if _dates_compatible(a, b):
        same_day = a.date and a.date == b.date and len(a.date) == 10
        score += 2.5 if same_day else 1.5 if a.date and b.date else 0.5
    if a.type == b.type == "attack" and a.places & b.places:
        score += 1.0  # attacks are rare: one place and one time is nearly proof
    if _counts_compatible(a.arrested, b.arrested):
        score += 1.0 if a.arrested == b.arrested else 0.5
    if _counts_compatible(a.killed, b.killed):
        score += 1.0
    if _groups_compatible(a, b):
        score += 0.5
    if a.age_min is not None and (a.age_min, a.age_max) == (b.age_min, b.age_max):
        score += 1.0
    if a.type == b.type:
        score += 0.5
    return score


@dataclass
class Constraints:
    """Analyst corrections: pairs that must be one event, pairs that must not."""

    must_link: set[frozenset[str]] = field(default_factory=set)
    cannot_link: set[frozenset[str]] = field(default_factory=set)


def resolve(mentions: Iterable[Mention], constraints: Constraints | None = None) -> list[list[Mention]]:
    """Group mentions into canonical events (each group sorted by key; groups sorted by first key)."""
    ms = sorted(mentions, key=lambda m: m.key)
    constraints = constraints or Constraints()
    index = {m.key: i for i, m in enumerate(ms)}
    parent = list(range(len(ms)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(ms))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def can_join(ri: int, rj: int) -> bool:
        pi = frozenset().union(*(ms[x].places for x in members[ri]))
        pj = frozenset().union(*(ms[y].places for y in members[rj]))
        if pi and pj and not pi & pj and not any(
                frozenset((ms[x].key, ms[y].key)) in constraints.must_link for x in members[ri] for y in members[rj]):
            return False
        for x in members[ri]:
            for y in members[rj]:
                pair = frozenset((ms[x].key, ms[y].key))
                if pair in constraints.cannot_link:
                    return False
                if pair not in constraints.must_link and not compatible(ms[x], ms[y], places=False):
                    return False
        return True

    def join(ri: int, rj: int) -> None:
        keep, gone = min(ri, rj), max(ri, rj)
        parent[gone] = keep
        members[keep] += members.pop(gone)

    for pair in sorted(constraints.must_link, key=sorted):
        a, b = sorted(pair)
        if a in index and b in index and find(index[a]) != find(index[b]):
            join(find(index[a]), find(index[b]))
    edges = []
    for i, j in _candidate_pairs(ms):
        score = pair_score(ms[i], ms[j])
        if score >= LINK_THRESHOLD:
            edges.append((-score, ms[i].key, ms[j].key, i, j))
    for _, _, _, i, j in sorted(edges):
        ri, rj = find(i), find(j)
        if ri != rj and can_join(ri, rj):
            join(ri, rj)
    groups = [sorted((ms[i] for i in group), key=lambda m: m.key) for group in members.values()]
    return sorted(groups, key=lambda g: g[0].key)


def _blocks(m: Mention) -> set[tuple]:
    """Blocking keys: two mentions are scored only when they share one (same type family,
    a common place or a placeless side, and overlapping weeks), so large sets stay fast."""
    family = "op" if m.type in OPERATION_TYPES else m.type
    keys: set[tuple] = set()
    if m.known:
        keys.add((family, "known", m.known))
    span = m.span
    if span is None:
        # Undated: met through its places at any time; with no place either, only through
        # a well-known attack's name (too little to tell one operation from another).
        keys.update((family, "undated", place) for place in m.places)
        return keys
    first = (span[0] - DAY_WINDOW).toordinal() // BLOCK_DAYS
    last = (span[1] + DAY_WINDOW).toordinal() // BLOCK_DAYS
    for week in range(first, last + 1):
        keys.add((family, "*", week))  # meets placeless mentions, and they meet everyone
        for place in m.places:
            keys.add((family, place, week))
    return keys


def _candidate_pairs(ms: list[Mention]) -> Iterable[tuple[int, int]]:
    """Pairs worth scoring (see :func:`_blocks`), each once, in a fixed order.

    Mentions sharing a place block meet each other; a placeless mention meets every
    mention of its weeks, and an undated one every mention sharing one of its places —
    but two placed mentions never meet through those wide blocks.
    """
    narrow: dict[tuple, list[int]] = {}  # (family, place, week) and (family, known, key)
    wide: dict[tuple, list[int]] = {}  # (family, "*", week): every mention of the week
    loose: dict[tuple, list[int]] = {}  # the placeless (or undated) members of a wide block
    undated: list[tuple[int, str]] = []  # (mention, place)
    by_place: dict[tuple[str, str], set[int]] = {}
    for i, m in enumerate(ms):
        for key in _blocks(m):
            if key[1] == "*":
                wide.setdefault(key, []).append(i)
                if not m.places:
                    loose.setdefault(key, []).append(i)
            elif key[1] == "undated":
                undated.append((i, key[2]))
            else:
                narrow.setdefault(key, []).append(i)
                if key[1] != "known":
                    by_place.setdefault((key[0], key[1]), set()).add(i)
    seen: set[tuple[int, int]] = set()

    def emit(i: int, j: int):
        pair = (i, j) if i < j else (j, i)
        if i != j and pair not in seen:
            seen.add(pair)
            return pair
        return None

    out: list[tuple[int, int]] = []
    for idx in narrow.values():
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                pair = emit(idx[a], idx[b])
                if pair:
                    out.append(pair)
    for key, members in loose.items():
        for i in members:
            for j in wide[key]:
                pair = emit(i, j)
                if pair:
                    out.append(pair)
    for i, place in undated:
        family = "op" if ms[i].type in OPERATION_TYPES else ms[i].type
        for j in sorted(by_place.get((family, place), set()) | {u for u, p in undated if p == place}):
            pair = emit(i, j)
            if pair:
                out.append(pair)
    return sorted(out)


def canonical_id(group: list[Mention]) -> str:
    """A stable id for a group: from its earliest mention key, so it survives re-resolution
    as long as that mention stays in the group."""
    first = min(m.key for m in group)
    return "ev-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:12]


def pairwise_scores(groups: list[list[Mention]], gold: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of «these two mentions are the same event» against a
    gold mapping from mention key to canonical key."""
    predicted = {m.key: gi for gi, g in enumerate(groups) for m in g}
    keys = sorted(k for k in gold if k in predicted)
    tp = fp = fn = 0
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            same_pred = predicted[keys[i]] == predicted[keys[j]]
            same_gold = gold[keys[i]] == gold[keys[j]]
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall
