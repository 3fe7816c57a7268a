"""Event resolution: group event mentions from many documents into canonical events.

Ten outlets report one BCIJ operation, in three languages, on different days, with
different counts and city lists. Two mentions are *compatible* when nothing says they
are different operations (types, dates within a window that depends on each date's
precision and on publication lag, overlapping places, close counts, same group, same
cell name, no report calling itself a new operation after the other, no two age ranges
of which neither holds the other) and *linked* when,
on top, enough of what they say agrees. Groups grow by linking the strongest pairs
first, and a group never holds two incompatible mentions; the result depends only on
the set of mentions, not on the order they were ingested. :mod:`marsad.links` finds and
scores the candidate pairs in bulk; groups keep summaries (date bounds, count extremes,
place unions) so accepting a link costs the same whatever their size.

The score (:func:`pair_score`, :data:`LINK_THRESHOLD` to link) adds evidence for and
against, so that one wrong field does not split two reports and one shared field does
not join two operations:

- identity: the same well-known attack (+4), the same cell name (+4, within a language);
- places: a common place +1, +0.5 per common place up to three; -0.5 when the only
  common places are big cities (:data:`COMMON_PLACE_POPULATION`: many cells are
  dismantled in Casablanca or Tangier, so sharing one says little; attacks are rare
  everywhere and keep the full weight); -0.5 when each names a town the other does not
  (two different lists, not one list cut short); -0.5 when one names :data:`LONG_LIST`
  places or more that the other does not (a long list meets many reports by chance: the
  Oujda/Casablanca/Fes/Lagfaf cell and a Casablanca cell of three, dev3 n3-07~n8-04,
  dev d27~dev2 h04/h16/h39). Only +0.5 in all when the common places are only
  the town a province is named after, which one of them names beside another town of
  that province (:attr:`Mention.province_labels`: «Beni Ansar, in Nador» names the
  province, as the gold's convention codes it: «province + locality: the locality is
  required, the province capital optional», dev2 h14/h15/h18/h34, dev3 n3-01/n5-05). The
  other's town is then only in the same province, not the same town: the Beni
  Bouifrour/Beni Ansar cell of dev3 n5-05 against the Nador cell of n3-01/n3-10. No common place
  at all is incompatible;
- time: dates that meet +1.5 (+2.5 the same day; +0.5 when one gives no date of its
  own and is dated by its publication or an attack, or only a year: :data:`COARSE_DAYS`), +0.5 more when an undated report
  was published within :data:`PUBLISHED_CLOSE` of the other's date; a mention naming a well-known attack is
  dated by the attack when its own date contradicts it (:attr:`Mention.when`: a page,
  publication or recall date the extractor took); two attacks sharing a place +1;
- counts: arrested equal and above one +1, close +0.5 only when the dates meet (a later
  report counts the arrests made since; with nothing to date one of them, «six» and
  «seven» are two cells of a like size: on dev2/dev3 every such pair the rule changes is
  two operations, e.g. h21~h08/h27, n5-06~n8-05, n3-05~n5-07); killed close +1. Two reports
  of a joint operation (:attr:`Mention.joint`: a foreign partner, a side abroad or a town
  abroad named) may count differently: one gives the total of both sides, another one side;
  and give different ages: one side's suspects' or both sides'. One day's reports in one town
  (:func:`_same_day_town`) are one operation whatever counts and ages they give (a town's share
  or the total; one outlet's ages of some suspects), and a report dated only by a month around
  that day meets them when it gives their total, their largest count;
- suspects: the same age range +1 (one suspect's age a year apart is no evidence either way: outlets give
  the age at the arrest or at the report); two ranges (youngest and oldest differ) of which
  neither holds the other (apart or overlapping) are incompatible (two groups of suspects: a shared town
  and count do not make them one cell: dev3 n5-07 (24-36) against the Tangier cell of
  n3-01/n3-02 (29-43), dev2 h35~h37; not one day's reports in one town: batch 58's 16-41 and
  21-43 for one cell of Fes, Taza and Guercif); groups check every member's range, so a report
  without ages cannot bridge them); one age outside the other's range -1.5; one range
  inside the other says nothing (an outlet gives one suspect's age);
- what they did: a common affiliation root +0.5, each seized item in common beyond the
  first +0.5 (at most +1: a raid's haul is its own, but knives and phones are found in
  most); the same type +0.5. A common plot is no evidence: on the gold sets it joined
  only different cells (recruitment, bombing are said of most).

An age range (:attr:`Mention.identities`) makes two mentions candidates even when
neither a place nor a date does: a report naming no town and no date meets the
reports of the same cell through it.

Analyst corrections are constraints: a manual merge is a link that always holds, a
split a pair that never links.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Iterable

from .known_events import attack_dated
from .places import load_places
from .text.dates import date_bounds, parse_iso, shift_within

# How far apart two reports of one operation may date it, by the coarser precision.
DAY_WINDOW = dt.timedelta(days=5)  # a report days later may date it by its own publication
# An undated mention happened at most this long before its article was published.
PUBLICATION_LAG = dt.timedelta(days=10)
# Counts of one operation differ by at most this share («a cell of 6» / «seven members»).
COUNT_TOLERANCE = 0.35
# A mention told as new is another operation than one ending this long before it starts.
NEW_GAP = dt.timedelta(days=1)
# Score a pair needs to link (see :func:`pair_score`).
LINK_THRESHOLD = 3.0
# A town this populous sees many operations: sharing only such towns is weaker evidence.
COMMON_PLACE_POPULATION = 500_000
# An undated report published this many days after the other's date (or publication) is
# close in time: outlets report an operation the day it is announced or the next days.
PUBLISHED_CLOSE = dt.timedelta(days=2)
# A place list naming this many places the other does not meets many reports by chance.
LONG_LIST = 3
# Days per blocking bucket of the store's mention index (marsad.store.neighbours).
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
    new: bool = False  # the text calls it a new or another operation: none dated before it
    seized: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()
    country: str | None = None

    @cached_property
    def group_roots(self) -> frozenset[str]:
        """Groups without their branch: «isis-sahel» is «isis»."""
        return frozenset(g.split("-")[0] for g in self.affiliation)

    @cached_property
    def when(self) -> str | None:
        """The date resolution goes by: the mention's, or the well-known attack's it names
        when the mention gives none or one that contradicts it (:func:`attack_dated`)."""
        return attack_dated(self.date, self.known)

    @cached_property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """When it happened, as far as the mention tells: its date, else before publication."""
        bounds = date_bounds(self.when)
        if bounds:
            return bounds
        pub = self.published_on
        if pub:
            return shift_within(pub, -PUBLICATION_LAG.days), pub
        return None

    @cached_property
    def published_on(self) -> dt.date | None:
        """Its publication date when that dates it (undated news, no well-known attack)."""
        return None if self.when or self.background else parse_iso(self.published)

    @cached_property
    def uncommon_places(self) -> frozenset[str]:
        return frozenset(p for p in self.places if not common_place(p))

    @cached_property
    def province_labels(self) -> frozenset[str]:
        """Places named as the province of another place the mention names: the town a
        province is named after, beside another town of that province («Beni Ansar, in
        Nador»), stands for the province. When two listed towns both name it (Skhirate and
        Temara, of Skhirate-Temara) neither is known to be the label."""
        out = set()
        for p in self.places:
            province = _province(p)
            if province and _names_province(p) and any(q != p and _province(q) == province for q in self.places) \
                    and not any(q != p and _province(q) == province and _names_province(q) for q in self.places):
                out.add(p)
        return frozenset(out)

    @cached_property
    def age_range(self) -> tuple[int, int] | None:
        """Youngest and oldest suspect (one age: both)."""
        if self.age_min is None and self.age_max is None:
            return None
        low = self.age_min if self.age_min is not None else self.age_max
        high = self.age_max if self.age_max is not None else self.age_min
        return min(low, high), max(low, high)

    @cached_property
    def joint(self) -> bool:
        """It reports a joint operation or a side of one (an operation naming a foreign partner,
        made abroad, or naming a town abroad): two reports of one joint operation may count
        different arrests, one the total of both sides, another one side only (dev3 n7-10;
        batch 4 hg_en04/05: 11 and 2; batch 10 fr02: 2 and 5; batch 11: a partner's side of 2,
        the Moroccan side of 2 and an op-ed naming the partner's towns, beside the total of 4)."""
        return self.type in OPERATION_TYPES and not self.known and (
            bool(self.partners) or self.country not in (None, "MA") or any(_abroad(p) for p in self.places))

    @cached_property
    def identities(self) -> frozenset[tuple]:
        """What names one group of suspects wherever and whenever it is told: their age
        range. Mentions sharing one are scored even without a common place or a date. (A
        cell name is not one: extracted names are still often a stray phrase, «très
        dangereuse», that unrelated reports share.)"""
        if self.age_range and self.age_range[0] < self.age_range[1]:
            return frozenset({("ages", *self.age_range)})
        return frozenset()


@cache
def common_place(place: str) -> bool:
    """A town of :data:`COMMON_PLACE_POPULATION` or more (gazetteer population)."""
    found = load_places().get(place)
    return bool(found and (found.population or 0) >= COMMON_PLACE_POPULATION)


@cache
def _abroad(place: str) -> bool:
    """A place of the gazetteer in another country than Morocco."""
    found = load_places().get(place)
    return bool(found and found.country and found.country != "MA")


@cache
def _province(place: str) -> str | None:
    found = load_places().get(place)
    return found.province or None if found else None


@cache
def _names_province(place: str) -> bool:
    """The province (or prefecture) is named after the place: Nador of Nador, Skhirate and
    Temara of Skhirate-Temara, Figuig of Figuig (whose seat is Bouarfa)."""
    province = _province(place)
    return bool(province and f"-{place}-" in f"-{province}-")


def _dates_compatible(a: Mention, b: Mention) -> bool | None:
    """True/False when the dates say, None when one of them says nothing."""
    sa, sb = a.span, b.span
    if sa is None or sb is None:
        return None
    # the window is for a day one report gives and another dates by its publication; two months
    # (September, October) are two different times
    window = DAY_WINDOW.days if sa[0] == sa[1] or sb[0] == sb[1] else 0
    return (shift_within(sa[0], -window) <= sb[1]
            and shift_within(sb[0], -window) <= sa[1])


def _counts_compatible(x: int | None, y: int | None) -> bool | None:
    if x is None or y is None:
        return None
    return abs(x - y) <= max(1, COUNT_TOLERANCE * max(x, y))


def _groups_compatible(a: "Mention", b: "Mention") -> bool | None:
    if not a.affiliation or not b.affiliation:
        return None
    return bool(a.group_roots & b.group_roots)


def _ages_apart(a: "Mention", b: "Mention") -> bool:
    """Both give an age range (youngest and oldest differ) and neither range holds the other:
    two groups of suspects, whatever else they share; not two reports of a joint operation
    (one gives a side's suspects' ages, the other the other side's or both)."""
    x, y = a.age_range, b.age_range
    return bool(x and y and x[0] < x[1] and y[0] < y[1] and not _nested(x, y) and not (a.joint and b.joint))


def _follows(new: Mention, other: Mention) -> bool:
    """«a new cell», «six other suspects»: ``new`` says it is not ``other``, told as earlier."""
    return bool(new.new and new.span and other.span and other.span[1] < shift_within(new.span[0], -NEW_GAP.days))


def compatible(a: Mention, b: Mention, places: bool = True, counts: bool = True, ages: bool = True) -> bool:
    """Nothing says these are two different events (``places=False`` leaves places out:
    a group compares them as a whole, since outlets name different cities of one operation;
    ``counts=False`` and ``ages=False`` leave arrest counts and age ranges out: the groups are of one day,
    :func:`_same_day_town`)."""
    if a.type != b.type and not {a.type, b.type} <= OPERATION_TYPES:
        return False
    if a.known and b.known and a.known != b.known:
        return False
    if places and a.places and b.places and not a.places & b.places and not (a.known and a.known == b.known):
        return False  # outlets place a well-known attack at the village or at the nearest city
    if _follows(a, b) or _follows(b, a) or (ages and _ages_apart(a, b) and not _same_day_town(a, b)):
        return False
    # the reports of a well-known attack count the arrests made by their day, and those of a
    # joint operation both sides or one: not one number; nor those of one day in one town
    one_count = (a.known and a.known == b.known) or (a.joint and b.joint) or not counts or _same_day_town(a, b) \
        or _a_side_of(a, b) or _a_side_of(b, a)
    arrested = None if one_count else _counts_compatible(a.arrested, b.arrested)
    for check in (_dates_compatible(a, b), arrested, _counts_compatible(a.killed, b.killed), _groups_compatible(a, b)):
        if check is False:
            return False
    return True


def _a_side_of(joint: Mention, side: Mention) -> bool:
    """``side`` counts fewer arrests than the joint operation ``joint`` reports and names no partner: one side's
    share, told by an outlet that reports that side alone (batch 56: «اثنان» in Nador and Tangier beside the recap's
    joint cell of six, arrests in Spain included), when one of them gives no day."""
    return bool(joint.joint and not side.joint and side.type in OPERATION_TYPES and not side.known
                and joint.arrested is not None
                and side.arrested is not None and side.arrested < joint.arrested
                # (two days given are compared as they are: "five" in Tangier on the 14th and "two" there on the
                # 16th are two operations, a partner named or not)
                and not (len(joint.when or "") == 10 and len(side.when or "") == 10))


def _same_day_town(a: Mention, b: Mention) -> bool:
    """Two operations (cells, arrests) both dated to the same day, with a place in common:
    one operation whatever counts they give. Outlets count one town's arrests, or the first
    day's, beside the total (batches 17–23: Taza 3 of 7, Martil 2 of 4, 3 of 9 in five
    towns); on every gold set, two operations of one day sharing a place are only the two
    legs of a joint operation, which counts exempt already. Groups apply it to all their
    members when every member dated to a day gives that day (:meth:`_Group.one_day_with`)."""
    return bool({a.type, b.type} <= OPERATION_TYPES and a.date and b.date
                and a.when == b.when and len(a.when or "") == 10 and a.places & b.places)


def pair_score(a: Mention, b: Mention) -> float:
    """How strongly two compatible mentions say they are one event (0 when incompatible).

    Evidence for (points) and against (negative points), field by field; see the module
    docstring for why each weighs what it does."""
    if not compatible(a, b):
        return 0.0
    score = 0.0
    if a.known and a.known == b.known:
        score += 4.0
    if a.cell_name and a.cell_name == b.cell_name:
        score += 4.0
    shared = a.places & b.places
    if shared and not shared - a.province_labels - b.province_labels:
        score += 0.5  # only a province in common: one names its seat, the other a town of it
    elif shared:
        score += 1.0 + min(len(shared), 3) * 0.5
        if not shared & a.uncommon_places and not a.type == b.type == "attack":
            score -= 0.5  # only big cities in common, where many cells are dismantled (attacks are rare)
        if len(a.places) > len(shared) and len(b.places) > len(shared):
            score -= 0.5  # each names a town the other does not: two lists, not one list cut short
        if max(len(a.places), len(b.places)) - len(shared) >= LONG_LIST:
            score -= 0.5  # a long list meets many reports by chance
    if _dates_compatible(a, b):
        same_day = a.date and b.date and a.when == b.when and len(a.when) == 10
        # (a year is no time in common: "arrests in 2025" meets every day of the year)
        score += 2.5 if same_day else 1.5 if a.date and b.date and not _coarse(a, b) else 0.5
        if _published_close(a, b) or _published_close(b, a):
            score += 0.5
    if a.type == b.type == "attack" and shared:
        score += 1.0  # attacks are rare: one place and one time is nearly proof
    if _counts_compatible(a.arrested, b.arrested):
        if a.arrested == b.arrested and a.arrested > 1:
            score += 1.0
        elif a.arrested == b.arrested or _dates_compatible(a, b):
            score += 0.5  # «one arrest» is no clue; a close count is one only in time (below)
    if _counts_compatible(a.killed, b.killed):
        score += 1.0
    if _groups_compatible(a, b):
        score += 0.5
    if a.age_range and b.age_range:
        score += 1.0 if a.age_range == b.age_range else 0.0 if _nested(a.age_range, b.age_range) or (
            a.joint and b.joint) or _a_year_apart(a.age_range, b.age_range) else -1.5
    score += min(max(len(a.seized & b.seized) - 1, 0), 2) * 0.5
    if a.type == b.type:
        score += 0.5
    return score


def linked_pairs(mentions: list[Mention]) -> list[tuple[float, int, int]]:
    """``(score, i, j)`` of every pair of ``mentions`` whose :func:`pair_score` reaches
    :data:`LINK_THRESHOLD`, scored in bulk (:func:`marsad.links.links`)."""
    from .links import links  # numpy: imported when resolving, not by every command that opens a store
    return links(mentions, LINK_THRESHOLD, DAY_WINDOW.days, COUNT_TOLERANCE, OPERATION_TYPES, NEW_GAP.days,
                 PUBLISHED_CLOSE.days, LONG_LIST, COARSE_DAYS)


# A date span longer than this (a year, a season) gives two reports no time in common worth a point.
COARSE_DAYS = 31


def _coarse(a: Mention, b: Mention) -> bool:
    """Two operations, one dated no finer than a season ("arrests in 2025", «l'an dernier»): many operations meet
    a year (attacks are rare: a year in common still says much)."""
    return {a.type, b.type} <= OPERATION_TYPES and any(
        s is not None and (s[1] - s[0]).days > COARSE_DAYS for s in (a.span, b.span))


def _a_year_apart(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """One suspect's age, a year apart between two reports (18 and 19): outlets give the age at the arrest or at the
    report, or round it; no evidence of two persons."""
    return x[0] == x[1] and y[0] == y[1] and abs(x[0] - y[0]) == 1


def _nested(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """One age range inside the other (an outlet gives one suspect's age, or fewer)."""
    return (x[0] <= y[0] and y[1] <= x[1]) or (y[0] <= x[0] and x[1] <= y[1])


def _published_close(undated: Mention, other: Mention) -> bool:
    """``undated`` is dated by its publication, within :data:`PUBLISHED_CLOSE` after the
    other's date (or publication, when the other is undated too)."""
    pub = undated.published_on
    if pub is None or other.span is None:
        return False
    start, end = (other.published_on,) * 2 if other.published_on else other.span
    return start <= pub <= shift_within(end, PUBLISHED_CLOSE.days)


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
    constrained = {k for pair in constraints.must_link | constraints.cannot_link for k in pair}
    parent = list(range(len(ms)))
    groups = {i: _Group.of(i, m, m.key in constrained) for i, m in enumerate(ms)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def can_join(a: _Group, b: _Group) -> bool:
        if not (a.constrained or b.constrained):
            return a.compatible(b)
        pairs = [(ms[x], ms[y], frozenset((ms[x].key, ms[y].key))) for x in a.members for y in b.members]
        if a.places_apart(b) and not any(p in constraints.must_link for _, _, p in pairs):
            return False
        return not any(p in constraints.cannot_link or (
            p not in constraints.must_link and not compatible(x, y, places=False)) for x, y, p in pairs)

    def join(ri: int, rj: int) -> None:
        keep, gone = min(ri, rj), max(ri, rj)
        parent[gone] = keep
        groups[keep].absorb(groups.pop(gone))

    for pair in sorted(constraints.must_link, key=sorted):
        a, b = sorted(pair)
        if a in index and b in index and find(index[a]) != find(index[b]):
            join(find(index[a]), find(index[b]))
    # Pairs of groups found apart, each as (root, size): a group changes only by growing, so
    # the many links between two unchanged groups are checked once.
    apart: set[tuple[int, int, int, int]] = set()
    for _, i, j in linked_pairs(ms):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        lo, hi = min(ri, rj), max(ri, rj)
        state = (lo, len(groups[lo].members), hi, len(groups[hi].members))
        if state in apart:
            continue
        if can_join(groups[ri], groups[rj]):
            join(ri, rj)
        else:
            apart.add(state)
    out = [sorted((ms[i] for i in g.members), key=lambda m: m.key) for g in groups.values()]
    return sorted(out, key=lambda g: g[0].key)


@dataclass
class _Group:
    """A growing group and what :func:`compatible` needs of it to accept another group.

    Every cross pair of two groups is compatible exactly when these summaries are: date
    windows all meet when the latest start meets the earliest end, and counts are all
    close when the extreme cross pairs are (a closer pair is closer relatively too).
    """

    members: list[int]
    constrained: bool  # a member is in an analyst constraint: check pair by pair
    places: frozenset[str]
    types: frozenset[str]
    known: frozenset[str]
    latest_start: dt.date | None
    earliest_end: dt.date | None
    # the same of the members dated to one day (a report days later may date that day by its
    # publication: DAY_WINDOW) and of those dated to a month or more (two months are two times)
    day_start: dt.date | None
    day_end: dt.date | None
    span_start: dt.date | None
    span_end: dt.date | None
    # smallest and largest count its members give: those naming no well-known attack, apart by whether they
    # report a joint operation and whether they are dated to a day; and those naming one
    arrested: dict[tuple[bool, bool], tuple[int, int]]
    arrested_known: tuple[int, int] | None
    killed: tuple[int, int] | None
    roots: frozenset[frozenset[str]]  # each member's affiliation roots, when it names any
    new_start: dt.date | None  # the latest start of a member told as new
    # the age ranges its members give (youngest and oldest differ), apart for those reporting a
    # joint operation (True) and the others (False)
    ages: dict[bool, frozenset[tuple[int, int]]]
    # its members' documents, each with the places its members there give
    documents: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, i: int, m: Mention, constrained: bool) -> "_Group":
        span = m.span
        day = bool(span) and span[0] == span[1]
        return cls([i], constrained, m.places, frozenset({m.type}),
                   frozenset({m.known} if m.known else ()), span and span[0], span and span[1],
                   span[0] if day else None, span[1] if day else None,
                   span[0] if span and not day else None, span[1] if span and not day else None,
                   {} if m.arrested is None or m.known else {(m.joint, day): (m.arrested, m.arrested)},
                   None if m.arrested is None or not m.known else (m.arrested, m.arrested),
                   None if m.killed is None else (m.killed, m.killed),
                   frozenset({m.group_roots}) if m.group_roots else frozenset(),
                   span[0] if span and m.new else None,
                   {m.joint: frozenset({m.age_range})} if m.age_range and m.age_range[0] < m.age_range[1] else {},
                   {m.key.rpartition("#")[0]: m.places})

    def places_apart(self, other: "_Group") -> bool:
        """No common place, and not one well-known attack (placed at a village or a city)."""
        return bool(self.places and other.places and not self.places & other.places
                    and not (len(self.known) == 1 and self.known == other.known))

    def compatible(self, other: "_Group") -> bool:
        if self.places_apart(other):
            return False
        if any(doc in other.documents and places and other.documents[doc] and not places & other.documents[doc]
               for doc, places in self.documents.items()):
            return False  # one document told them apart, in other places: two operations (a same-day one elsewhere)
        if any(x != y and not {x, y} <= OPERATION_TYPES for x in self.types for y in other.types):
            return False
        if self.known and other.known and len(self.known | other.known) > 1:
            return False
        if self.latest_start and other.latest_start and not (self._dates_meet(other) and other._dates_meet(self)):
            return False
        for new, other_end in ((self.new_start, other.earliest_end), (other.new_start, self.earliest_end)):
            if new and other_end and other_end < shift_within(new, -NEW_GAP.days):
                return False
        # two reports of one well-known attack may give any arrests (made by their day)
        one_attack = len(self.known) == 1 and self.known == other.known
        mine_all, theirs_all = _extremes(*self.arrested.values()), _extremes(*other.arrested.values())
        counts = [(mine_all, other.arrested_known), (self.arrested_known, theirs_all), (self.killed, other.killed)]
        # two reports of a joint operation may count both sides or one, and a report naming no partner one side of
        # it, fewer, when the two do not both give a day (_a_side_of): of those, only the pairs where the side counts
        # as many or more are checked, the farthest being its largest count against the joint one's smallest
        for (joint, day), mine in self.arrested.items():
            for (other_joint, other_day), theirs in other.arrested.items():
                if joint and other_joint:
                    continue
                if joint != other_joint and not (day and other_day):
                    whole, side = (mine, theirs) if joint else (theirs, mine)
                    if side[1] >= whole[0]:
                        counts.append(((whole[0], whole[0]), (side[1], side[1])))
                    continue
                if day != other_day and (self if day else other)._one_day_within(other if day else self):
                    # one day's reports in one town count a town's share or the total (_same_day_town): a report
                    # dated no finer than a month around that day counts the total, its largest count
                    whole, told = (mine, theirs) if day else (theirs, mine)
                    counts.append(((whole[1], whole[1]), told))
                    continue
                counts.append((mine, theirs))
        if not one_attack:
            counts.append((self.arrested_known, other.arrested_known))
        one_day = self.one_day_with(other)
        if one_day:
            counts = [(self.killed, other.killed)]
        for mine, theirs in counts:
            if mine and theirs and not (_counts_compatible(mine[0], theirs[1])
                                        and _counts_compatible(theirs[0], mine[1])):
                return False
        if not one_day and any(not _nested(x, y) for joint, xs in self.ages.items()
                               for other_joint, ys in other.ages.items()
                               if not (joint and other_joint) for x in xs for y in ys):
            return False
        return all(x & y for x in self.roots for y in other.roots)

    def one_day_with(self, other: "_Group") -> bool:
        """Both are operations that every member dated to a day dates to one same day, and
        they share a place: their counts may differ (:func:`_same_day_town`)."""
        day = self.day_start
        return bool(day is not None and day == self.day_end == other.day_start == other.day_end
                    and self.places & other.places and self.types | other.types <= OPERATION_TYPES)

    def _one_day_within(self, other: "_Group") -> bool:
        """Every member of ``self`` dated to a day gives one same day, which ``other``'s members dated no finer than a
        month or more all hold, and they share a place: operations both."""
        day = self.day_start
        return bool(day is not None and day == self.day_end and other.span_start is not None
                    and other.span_start <= day <= other.span_end
                    and self.places & other.places and self.types | other.types <= OPERATION_TYPES)

    def _dates_meet(self, other: "_Group") -> bool:
        """Every member of ``self`` starts before every member of ``other`` ends (:func:`_dates_compatible`)."""
        for start, is_day in ((self.day_start, True), (self.span_start, False)):
            if start is None:
                continue
            for end, other_day in ((other.day_end, True), (other.span_end, False)):
                window = DAY_WINDOW.days if is_day or other_day else 0
                if end is not None and shift_within(start, -window) > end:
                    return False
        return True

    def absorb(self, other: "_Group") -> None:
        self.members += other.members
        for doc, places in other.documents.items():
            self.documents[doc] = self.documents.get(doc, frozenset()) | places
        self.constrained |= other.constrained
        self.places |= other.places
        self.types |= other.types
        self.known |= other.known
        if other.latest_start:
            self.latest_start = max(filter(None, (self.latest_start, other.latest_start)))
            self.earliest_end = min(filter(None, (self.earliest_end, other.earliest_end)))
        self.day_start = max(filter(None, (self.day_start, other.day_start)), default=None)
        self.day_end = min(filter(None, (self.day_end, other.day_end)), default=None)
        self.span_start = max(filter(None, (self.span_start, other.span_start)), default=None)
        self.span_end = min(filter(None, (self.span_end, other.span_end)), default=None)
        for key, counts in other.arrested.items():
            self.arrested[key] = _extremes(self.arrested.get(key), counts)
        self.arrested_known = _extremes(self.arrested_known, other.arrested_known)
        self.killed = _extremes(self.killed, other.killed)
        self.roots |= other.roots
        self.new_start = max(filter(None, (self.new_start, other.new_start)), default=None)
        for joint, ranges in other.ages.items():
            self.ages[joint] = self.ages.get(joint, frozenset()) | ranges


def _extremes(*ranges: tuple[int, int] | None) -> tuple[int, int] | None:
    """The smallest low and largest high of the ranges given (None when none is)."""
    given = [r for r in ranges if r is not None]
    if not given:
        return None
    return min(r[0] for r in given), max(r[1] for r in given)


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
