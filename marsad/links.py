"""Every pair of mentions that links, with its score, computed over arrays.

:func:`links` returns what scoring every pair with :func:`marsad.resolve.pair_score`
would keep (pairs at or above the threshold), without looking at every pair: only
pairs that can be compatible are generated, and they are scored in bulk.

Candidates, as :mod:`marsad.resolve` blocks them:
- mentions of one type family sharing a place, whose date windows meet (a sweep over
  their spans sorted by start), or of which one is undated (it meets the place's mentions
  at any time);
- a mention without places meets every dated mention of its family whose window meets
  its own (an undated one without places meets nobody: too little to tell);
- mentions naming the same well-known attack, or giving the same age range
  (:attr:`marsad.resolve.Mention.identities`), whatever their places and dates.
The number of places two mentions share is the number of place blocks that produced
the pair, so one pass both finds the pairs and counts their common places (and, from
the blocks of uncommon places, how many of those are not big cities; and, from each
member's flag in the block, how many are a town for both rather than a province label,
:attr:`marsad.resolve.Mention.province_labels`, of either).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:
    from .resolve import Mention

_CHUNK = 1 << 21  # pairs scored at once: bounds memory on large sets


class MentionArrays:
    """The fields scoring needs, one array per field, indexed like the mention list."""

    def __init__(self, ms: Sequence["Mention"], operation_types: frozenset[str]) -> None:
        n = len(ms)
        ids: dict[object, int] = {}

        def code(value: object) -> int:
            return -1 if value is None else ids.setdefault(value, len(ids))

        self.type = np.array([code(("type", m.type)) for m in ms], dtype=np.int64)
        self.family = np.array([code(("family", "op" if m.type in operation_types else m.type))
                                for m in ms], dtype=np.int64)
        self.is_attack = np.array([m.type == "attack" for m in ms], dtype=bool)
        self.operation = np.array([m.type in operation_types for m in ms], dtype=bool)
        self.known = np.array([code(("known", m.known)) if m.known else -1 for m in ms], dtype=np.int64)
        self.cell = np.array([code(("cell", m.cell_name)) if m.cell_name else -1 for m in ms],
                             dtype=np.int64)
        self.has_places = np.array([bool(m.places) for m in ms], dtype=bool)
        self.new = np.array([m.new for m in ms], dtype=bool)
        spans = [m.span for m in ms]
        self.has_span = np.array([s is not None for s in spans], dtype=bool)
        self.start = np.array([s[0].toordinal() if s else 0 for s in spans], dtype=np.int64)
        self.end = np.array([s[1].toordinal() if s else 0 for s in spans], dtype=np.int64)
        self.dated = np.array([bool(m.date) for m in ms], dtype=bool)
        self.day = np.array([code(("day", m.when)) if m.date and len(m.when) == 10 else -1
                             for m in ms], dtype=np.int64)
        # an undated report's publication, and the day(s) another report is close to:
        # its publication when undated too, else its span
        pubs = [m.published_on for m in ms]
        self.has_pub = np.array([p is not None for p in pubs], dtype=bool)
        self.pub = np.array([p.toordinal() if p else 0 for p in pubs], dtype=np.int64)
        self.ref_start = np.where(self.has_pub, self.pub, self.start)
        self.ref_end = np.where(self.has_pub, self.pub, self.end)
        self.arrested = _counts([m.arrested for m in ms])
        self.joint = np.array([m.joint for m in ms], dtype=bool)
        self.killed = _counts([m.killed for m in ms])
        ages = [m.age_range or (-1, -1) for m in ms]
        self.age_lo = np.array([x[0] for x in ages], dtype=np.int64)
        self.age_hi = np.array([x[1] for x in ages], dtype=np.int64)
        self.n_places = np.array([len(m.places) for m in ms], dtype=np.int64)
        self.has_labels = np.array([bool(m.province_labels) for m in ms], dtype=bool)
        self.seized = _BitSets([m.seized for m in ms])
        roots = sorted({r for m in ms for r in m.group_roots})
        # Affiliation roots as bit sets; beyond 63 roots, a root shares its bit with others
        # (then two different groups may look alike: only a missed "incompatible").
        bit = {r: 1 << (i % 63) for i, r in enumerate(roots)}
        self.roots = np.array([sum(bit[r] for r in m.group_roots) for m in ms], dtype=np.int64)
        self.exact_roots = len(roots) <= 63
        self.n = n


def _counts(values: list[int | None]) -> np.ndarray:
    return np.array([-1 if v is None else v for v in values], dtype=np.int64)


class _BitSets:
    """Sets of values as 63-bit masks, for counting common values of many pairs at once;
    with more than 63 distinct values, counts are taken from the sets themselves."""

    def __init__(self, sets: list[frozenset[str]]) -> None:
        values = sorted({v for x in sets for v in x})
        self.sets = sets
        self.exact = len(values) <= 63
        bit = {v: 1 << i for i, v in enumerate(values)} if self.exact else {}
        self.bits = np.array([sum(bit[v] for v in x) if self.exact else 0 for x in sets], dtype=np.int64)

    def common(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """How many values each pair ``(i, j)`` has in common."""
        if not self.exact:
            return np.array([len(self.sets[x] & self.sets[y]) for x, y in zip(i.tolist(), j.tolist())],
                            dtype=np.int64)
        both = (self.bits[i] & self.bits[j]).astype(np.uint64)
        return _BYTE_BITS[both.view(np.uint8).reshape(-1, 8)].sum(axis=1).astype(np.int64)


_BYTE_BITS = np.array([bin(b).count("1") for b in range(256)], dtype=np.int64)


def links(ms: Sequence["Mention"], threshold: float, day_window: int, count_tolerance: float,
          operation_types: frozenset[str], new_gap: int, published_close: int,
          long_list: int, coarse_days: int) -> list[tuple[float, int, int]]:
    """``(score, i, j)`` for every pair ``i < j`` scoring at least ``threshold``, strongest
    first, then by ``i`` and ``j`` (the mention list is in key order)."""
    a = MentionArrays(ms, operation_types)
    i, j, shared, shared_uncommon, shared_towns = _candidates(ms, a, day_window)
    out_i, out_j, out_s = [], [], []
    for lo in range(0, len(i), _CHUNK):
        ci, cj, cs, cu, ct = (x[lo:lo + _CHUNK] for x in (i, j, shared, shared_uncommon, shared_towns))
        score = _scores(a, ci, cj, cs, cu, ct, day_window, count_tolerance, new_gap, published_close, long_list,
                        coarse_days)
        keep = score >= threshold
        if not a.exact_roots:
            keep &= _roots_exact(ms, ci, cj)
        out_i.append(ci[keep])
        out_j.append(cj[keep])
        out_s.append(score[keep])
    if not out_i:
        return []
    i, j, s = np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)
    order = np.lexsort((j, i, -s))
    return list(zip(s[order].tolist(), i[order].tolist(), j[order].tolist()))


def _candidates(ms: Sequence["Mention"], a: MentionArrays,
                window: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Unique candidate pairs ``i < j``, how many places each pair shares, how many of those
    are uncommon (:func:`marsad.resolve.common_place`), and how many are a town for both (not
    a province label, :attr:`marsad.resolve.Mention.province_labels`, of either)."""
    pairs_i: list[np.ndarray] = []
    pairs_j: list[np.ndarray] = []
    weight: list[np.ndarray] = []  # 1 per place block producing the pair, 0 otherwise
    uncommon: list[np.ndarray] = []  # 1 per block of an uncommon place producing the pair
    label_i: list[np.ndarray] = []  # pairs produced by a place block where either names the place
    label_j: list[np.ndarray] = []  # as a province: the place is no town in common for them

    def add(pi: np.ndarray, pj: np.ndarray, w: int, rare: int = 0, labels: np.ndarray | None = None,
            idx: np.ndarray | None = None) -> None:
        if len(pi):
            pairs_i.append(pi), pairs_j.append(pj)
            weight.append(np.full(len(pi), w, np.int64)), uncommon.append(np.full(len(pi), rare, np.int64))
            if labels is not None:  # idx is sorted: a member's flag by its position in idx
                either = labels[np.searchsorted(idx, pi)] | labels[np.searchsorted(idx, pj)]
                label_i.append(pi[either]), label_j.append(pj[either])

    blocks: dict[tuple, list[int]] = {}
    for k, m in enumerate(ms):
        for place in m.places:
            blocks.setdefault((a.family[k], place), []).append(k)
        if m.known:
            blocks.setdefault((a.family[k], None, m.known), []).append(k)
        for identity in m.identities:
            blocks.setdefault((a.family[k], None, identity), []).append(k)
    for key, members in blocks.items():
        idx = np.array(members, dtype=np.int64)
        if len(key) == 3:  # a well-known attack, an age range: everyone meets everyone
            add(*_all_pairs(idx), 0)
            continue
        rare = int(key[1] in ms[members[0]].uncommon_places)
        labels = None
        if a.has_labels[idx].any():
            labels = np.array([key[1] in ms[k].province_labels for k in members], dtype=bool)
            labels = labels if labels.any() else None
        spanned, undated = idx[a.has_span[idx]], idx[~a.has_span[idx]]
        add(*_sweep(spanned, spanned, a, window), 1, rare, labels, idx)
        if len(undated):
            add(*_cross(undated, spanned), 1, rare, labels, idx)
            add(*_all_pairs(undated), 1, rare, labels, idx)
    placeless = ~a.has_places
    for fam in np.unique(a.family):
        members = np.flatnonzero((a.family == fam) & a.has_span)
        loose = members[placeless[members]]
        if len(loose):
            add(*_sweep(loose, members, a, window), 0)
            add(*_sweep(members[~placeless[members]], loose, a, window), 0)
    if not pairs_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty, empty
    i, j, w, r = (np.concatenate(x) for x in (pairs_i, pairs_j, weight, uncommon))
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keys, inverse = np.unique(lo * a.n + hi, return_inverse=True)
    shared = np.bincount(inverse, weights=w, minlength=len(keys)).astype(np.int64)
    shared_uncommon = np.bincount(inverse, weights=r, minlength=len(keys)).astype(np.int64)
    shared_towns = shared
    if label_i:
        li, lj = np.concatenate(label_i), np.concatenate(label_j)
        at = np.searchsorted(keys, np.minimum(li, lj) * a.n + np.maximum(li, lj))
        shared_towns = shared - np.bincount(at, minlength=len(keys))
    return keys // a.n, keys % a.n, shared, shared_uncommon, shared_towns


def _sweep(left: np.ndarray, right: np.ndarray, a: MentionArrays,
           window: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (l, r), l from ``left`` and r from ``right``, whose date windows meet and where
    r comes after l in (start, index) order; with left == right, each meeting pair once."""
    if not len(left) or not len(right):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    right = right[np.lexsort((right, a.start[right]))]
    order_key = a.start[right] * (a.n + 1) + right  # (start, index) as one sortable int
    first = np.searchsorted(order_key, a.start[left] * (a.n + 1) + left, side="right")
    # r starts no earlier than l, so the windows meet when r starts by l's end + window
    last = np.searchsorted(a.start[right], a.end[left] + window, side="right")
    counts = np.maximum(last - first, 0)
    total = int(counts.sum())
    if not total:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    li = np.repeat(left, counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return li, right[np.repeat(first, counts) + offsets]


def _cross(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.repeat(left, len(right)), np.tile(right, len(left))


def _all_pairs(idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.triu_indices(len(idx), k=1)
    return idx[x], idx[y]


def _counts_compatible(x: np.ndarray, y: np.ndarray, tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """(known, compatible): both counts given, and they are close enough."""
    known = (x >= 0) & (y >= 0)
    close = np.abs(x - y) <= np.maximum(1.0, tolerance * np.maximum(x, y))
    return known, known & close


def _scores(a: MentionArrays, i: np.ndarray, j: np.ndarray, shared: np.ndarray, shared_uncommon: np.ndarray,
            shared_towns: np.ndarray, window: int, tolerance: float, new_gap: int, published_close: int,
            long_list: int, coarse_days: int) -> np.ndarray:
    """:func:`marsad.resolve.pair_score` of each pair (0 where incompatible)."""
    same_type = a.type[i] == a.type[j]
    ok = same_type | (a.family[i] == a.family[j])
    ok &= ~((a.known[i] >= 0) & (a.known[j] >= 0) & (a.known[i] != a.known[j]))
    same_known = (a.known[i] >= 0) & (a.known[i] == a.known[j])
    ok &= ~(a.has_places[i] & a.has_places[j] & (shared == 0) & ~same_known)
    spans = a.has_span[i] & a.has_span[j]
    day = (a.start[i] == a.end[i]) | (a.start[j] == a.end[j])  # the window is for a day (resolve._dates_compatible)
    w = np.where(day, window, 0)
    dates_ok = (a.start[i] - w <= a.end[j]) & (a.start[j] - w <= a.end[i])
    ok &= ~spans | dates_ok
    ok &= ~(spans & ((a.new[i] & (a.end[j] < a.start[i] - new_gap)) | (a.new[j] & (a.end[i] < a.start[j] - new_gap))))
    arrested_known, arrested_ok = _counts_compatible(a.arrested[i], a.arrested[j], tolerance)
    killed_known, killed_ok = _counts_compatible(a.killed[i], a.killed[j], tolerance)
    same_day = (a.day[i] >= 0) & (a.day[i] == a.day[j])
    operations = a.operation[i] & a.operation[j]
    towns = (shared > 0) & (shared_towns > 0)  # a town in common, not only a province
    # a well-known attack's arrests grow by the day; a joint operation's reports count both sides
    # or one; one day's reports in one town count a town's or the total (resolve._same_day_town)
    # a report naming no partner may count one side of a joint operation, fewer (resolve._a_side_of)
    side = operations & ~((a.day[i] >= 0) & (a.day[j] >= 0)) & (a.known[i] < 0) & (a.known[j] < 0) & (
        (a.joint[i] & ~a.joint[j] & (a.arrested[j] < a.arrested[i])) | (a.joint[j] & ~a.joint[i] & (a.arrested[i] < a.arrested[j])))
    ok &= ~arrested_known | arrested_ok | same_known | (a.joint[i] & a.joint[j]) | (operations & same_day & (shared > 0)) \
        | side
    ok &= ~killed_known | killed_ok
    groups_known = (a.roots[i] != 0) & (a.roots[j] != 0)
    groups_ok = groups_known & ((a.roots[i] & a.roots[j]) != 0)
    ok &= ~groups_known | groups_ok
    ages = (a.age_lo[i] >= 0) & (a.age_lo[j] >= 0)
    nested = ((a.age_lo[i] <= a.age_lo[j]) & (a.age_hi[j] <= a.age_hi[i])) | (
        (a.age_lo[j] <= a.age_lo[i]) & (a.age_hi[i] <= a.age_hi[j]))
    ranges = ages & (a.age_lo[i] < a.age_hi[i]) & (a.age_lo[j] < a.age_hi[j])
    both_joint = a.joint[i] & a.joint[j]
    # two age ranges, neither inside the other: two groups of suspects, unless one day's reports in one town
    ok &= ~(ranges & ~nested) | both_joint | (operations & same_day & (shared > 0))
    score = np.zeros(len(i))
    score += np.where(same_known, 4.0, 0.0)
    score += np.where((a.cell[i] >= 0) & (a.cell[i] == a.cell[j]), 4.0, 0.0)
    score += np.where(towns, 1.0 + np.minimum(shared, 3) * 0.5, np.where(shared > 0, 0.5, 0.0))
    both_attacks = a.is_attack[i] & a.is_attack[j]
    score -= np.where(towns & (shared_uncommon == 0) & ~both_attacks, 0.5, 0.0)
    score -= np.where(towns & (a.n_places[i] > shared) & (a.n_places[j] > shared), 0.5, 0.0)
    score -= np.where(towns & (np.maximum(a.n_places[i], a.n_places[j]) - shared >= long_list), 0.5, 0.0)
    coarse = operations & (((a.end[i] - a.start[i]) > coarse_days) | ((a.end[j] - a.start[j]) > coarse_days))  # _coarse
    date_points = np.where(same_day, 2.5, np.where(a.dated[i] & a.dated[j] & ~coarse, 1.5, 0.5))
    score += np.where(spans & dates_ok, date_points, 0.0)
    close = _published_close(a, i, j, published_close) | _published_close(a, j, i, published_close)
    score += np.where(spans & dates_ok & close, 0.5, 0.0)
    score += np.where(both_attacks & (shared > 0), 1.0, 0.0)
    equal = a.arrested[i] == a.arrested[j]
    score += np.where(arrested_ok, np.where(equal & (a.arrested[i] > 1), 1.0,
                                            np.where(equal | (spans & dates_ok), 0.5, 0.0)), 0.0)
    score += np.where(killed_ok, 1.0, 0.0)
    score += np.where(groups_ok, 0.5, 0.0)
    same_ages = ages & (a.age_lo[i] == a.age_lo[j]) & (a.age_hi[i] == a.age_hi[j])
    a_year_apart = ages & (a.age_lo[i] == a.age_hi[i]) & (a.age_lo[j] == a.age_hi[j]) & (
        np.abs(a.age_lo[i] - a.age_lo[j]) == 1)  # resolve._a_year_apart
    score += np.where(same_ages, 1.0, np.where(ages & ~nested & ~both_joint & ~a_year_apart, -1.5, 0.0))
    score += np.minimum(np.maximum(a.seized.common(i, j) - 1, 0), 2) * 0.5
    score += np.where(same_type, 0.5, 0.0)
    return np.where(ok, score, 0.0)


def _published_close(a: MentionArrays, u: np.ndarray, o: np.ndarray, days: int) -> np.ndarray:
    """:func:`marsad.resolve._published_close` of each pair (``u`` the undated one)."""
    return a.has_pub[u] & a.has_span[o] & (a.ref_start[o] <= a.pub[u]) & (a.pub[u] <= a.ref_end[o] + days)


def _roots_exact(ms: Sequence["Mention"], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Recheck shared affiliation roots exactly when bits were shared (> 63 roots)."""
    return np.array([not (ms[x].group_roots and ms[y].group_roots) or bool(ms[x].group_roots & ms[y].group_roots)
                     for x, y in zip(i.tolist(), j.tolist())], dtype=bool)
