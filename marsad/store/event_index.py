"""Canonical events as columns in memory, for browsing a large store in milliseconds.

SQLite answers a filtered page or a statistic by walking its indexes row by row; over a
million events, the filters its rollups do not cover (two values, a date inside a month,
a region with a type and a sort) cost tens of milliseconds each. :class:`EventIndex`
holds what the filters, sorts and statistics of :mod:`.browse` read (type, background,
dates, counts, each list value's events) as numpy arrays, read in one transaction and
tagged with the store's ``browse_meta.version``; it gives the same answers as browse's
SQL (tests compare the two on random filters, sorts and cursors), vectorised.

Events sit in (type, start, end, rowid) order, so that a type and a date window are a
run of positions: their counts come from prefix sums kept every :data:`BLOCK` positions
plus the two partial blocks, whatever the window's length. A value filter's events are a
sorted list of positions, cut to the type and dates by binary search.

It is an accelerator, never the truth: browse uses it only when handed one built at the
store's current version, and answers with SQL what it cannot place (a cursor holding a key
this store's pages never give out). :meth:`EventIndex.load` refuses (None) a store whose
dates are not plain ``YYYY-MM-DD`` ranges or whose counts are not integers, where SQL's
comparisons would differ from these.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

# filter name -> facet field (the names of browse.VALUE_FIELDS and of the stats facets)
FIELDS = {"place": "places", "org": "affiliation", "agency": "agencies", "partner": "partners",
          "region": "region"}
SORT_NAMES = ("date", "arrested", "sources")
PLACE_KEYS = ("name_ar", "name_en", "name_fr", "lat", "lon", "region")  # what statistics show of a town
EPOCH = date(1970, 1, 1).toordinal()
NO_START = np.iinfo(np.int32).max  # an undated event's start: after every bound (never <= until)
NO_END = np.iinfo(np.int32).min  # and end: before every bound (never >= since)
DAY_BITS = 22  # a day ordinal (up to 9999-12-31: 3,652,059) fits in 22 bits
BLOCK = 4096  # positions between two prefix sums of the statistics
POSTING_BLOCK = 1024  # entries of a value's list between two prefix sums of its facet counts
POSTING_CELL_BLOCK = 16384  # and of its counts by cell (a cell row is ~20 times longer)
MEMBER_SEARCH = 8  # test membership by binary search when the other list is this many times longer
WALK_FIRST = 1024  # rows of the sort order checked in the first step of a walk (then doubling)
WALK_LAST = 65536
WALK_ROW_COST = 0.25  # checking a walked row, in gathered rows (a gathered row is ranked and sorted)
_SAFE = ("SELECT count(*) FROM canonical_events WHERE "
         "(date_start IS NOT NULL AND (length(date_start) <> 10 OR date(date_start) IS NOT date_start)) "
         "OR (date_end IS NOT NULL AND (length(date_end) <> 10 OR date(date_end) IS NOT date_end)) "
         "OR (date_start IS NULL) <> (date_end IS NULL) OR date_end < date_start "
         "OR typeof(arrested) NOT IN ('integer', 'null') OR typeof(killed) NOT IN ('integer', 'null') "
         "OR typeof(source_count) <> 'integer' OR typeof(background) <> 'integer'")
_COLUMNS = (
    "SELECT group_concat(rid), group_concat(type, char(31)), group_concat(background), "
    "group_concat(coalesce(CAST(julianday(date_start) - 1721424.5 AS INTEGER), ?)), "
    "group_concat(coalesce(CAST(julianday(date_end) - 1721424.5 AS INTEGER), ?)), "
    "group_concat(month IS NOT NULL), group_concat(coalesce(arrested, -1)), "
    "group_concat(coalesce(killed, -1)), group_concat(source_count) FROM (SELECT rowid AS rid, "
    "type, background, date_start, date_end, month, arrested, killed, source_count "
    "FROM canonical_events ORDER BY rowid)")
# (value, comma-separated rowids of its events) of one list field of canonical_values, and of partners
_VALUE_POSTINGS = ("SELECT v.value, group_concat(c.rowid) FROM canonical_values v INDEXED BY canonical_values_value "
                   "CROSS JOIN canonical_events c ON c.id = v.canonical_id WHERE v.field = ? GROUP BY v.value")
_PARTNER_POSTINGS = ("SELECT p.partner, group_concat(c.rowid) FROM canonical_partners p CROSS JOIN canonical_events c "
                     "ON c.id = p.canonical_id GROUP BY p.partner")
# (document rowid, comma-separated rowids of the canonical events its mentions belong to)
_DOCUMENT_EVENTS = ("SELECT d.rowid, group_concat(c.rowid) FROM event_mentions e CROSS JOIN documents d "
                    "ON d.id = e.document_id CROSS JOIN canonical_members m ON m.mention_id = e.id "
                    "CROSS JOIN canonical_events c ON c.id = m.canonical_id GROUP BY e.document_id")


# The same reads in PostgreSQL's dialect (its columns are typed: only the dates are checked;
# a day's ordinal is its distance from 0001-01-01 plus one, as julianday gives it above).
_PG_DAY = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"
_PG_SAFE = ("SELECT count(*) FROM canonical_events WHERE "
            f"(date_start IS NOT NULL AND (date_start !~ {_PG_DAY} OR marsad_span_days(date_start, date_start) IS NULL)) "
            f"OR (date_end IS NOT NULL AND (date_end !~ {_PG_DAY} OR marsad_span_days(date_end, date_end) IS NULL)) "
            "OR (date_start IS NULL) <> (date_end IS NULL) OR date_end < date_start")
_PG_COLUMNS = (
    "SELECT string_agg(rowid::text, ',' ORDER BY rowid), string_agg(type, chr(31) ORDER BY rowid), "
    "string_agg(background::text, ',' ORDER BY rowid), "
    "string_agg(coalesce(date_start::date - DATE '0001-01-01' + 1, ?)::text, ',' ORDER BY rowid), "
    "string_agg(coalesce(date_end::date - DATE '0001-01-01' + 1, ?)::text, ',' ORDER BY rowid), "
    "string_agg((month IS NOT NULL)::int::text, ',' ORDER BY rowid), "
    "string_agg(coalesce(arrested, -1)::text, ',' ORDER BY rowid), "
    "string_agg(coalesce(killed, -1)::text, ',' ORDER BY rowid), "
    "string_agg(source_count::text, ',' ORDER BY rowid) FROM canonical_events")
_PG_VALUE_POSTINGS = ("SELECT v.value, string_agg(c.rowid::text, ',') FROM canonical_values v "
                      "JOIN canonical_events c ON c.id = v.canonical_id WHERE v.field = ? GROUP BY v.value")
_PG_PARTNER_POSTINGS = ("SELECT p.partner, string_agg(c.rowid::text, ',') FROM canonical_partners p "
                        "JOIN canonical_events c ON c.id = p.canonical_id GROUP BY p.partner")
_PG_DOCUMENT_EVENTS = ("SELECT d.rowid, string_agg(c.rowid::text, ',') FROM event_mentions e JOIN documents d "
                       "ON d.id = e.document_id JOIN canonical_members m ON m.mention_id = e.id "
                       "JOIN canonical_events c ON c.id = m.canonical_id GROUP BY d.rowid")


def _ints(text: str | None, dtype: Any = np.int64) -> np.ndarray:
    """The comma-separated integers of a group_concat (None: none)."""
    if not text:
        return np.zeros(0, dtype=dtype)
    return np.array(text.split(","), dtype=np.int64).astype(dtype)


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


@dataclass
class Counts:
    """Statistics of a set of events: totals, and (events, arrested) by (month, type) of the
    events dated to a month or a day, by year of those known to lie within one year, by type,
    and by facet field and value."""

    events: int = 0
    arrested: int = 0
    killed: int = 0
    by_month: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    by_year: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_facet: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)


@dataclass
class Selection:
    """Events matching filters: whole runs of positions ``[lo, hi)`` and single positions."""

    runs: list[tuple[int, int]] = field(default_factory=list)
    points: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    # (field, value, i, k): the events of a value's posting list from its i-th to before its k-th
    cuts: list[tuple[str, str, int, int]] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(hi - lo for lo, hi in self.runs) + len(self.points) + sum(k - i for _, _, i, k in self.cuts)


@dataclass(frozen=True)
class Facet:
    """One list field: each value's events (sorted positions), and each event's values
    (event i's value codes are ``codes[offsets[i]:offsets[i + 1]]``)."""

    values: list[str]
    postings: dict[str, np.ndarray]
    offsets: np.ndarray
    codes: np.ndarray
    owners: np.ndarray  # the event of each (event, value) pair
    # value -> prefix sums of its events' facet counts, and of their counts by cell
    blocks: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    cell_blocks: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def from_postings(cls, postings: dict[str, np.ndarray], n: int) -> Facet:
        values = sorted(postings)
        owners = np.concatenate([postings[v] for v in values]) if values else np.zeros(0, np.int32)
        codes = np.repeat(np.arange(len(values), dtype=np.int16 if len(values) < 1 << 15 else np.int32),
                          [len(postings[v]) for v in values])
        order = np.argsort(owners, kind="stable")
        owners, codes = owners[order], codes[order]
        offsets = np.zeros(n + 1, dtype=np.int32 if len(owners) < 1 << 31 else np.int64)
        np.cumsum(np.bincount(owners, minlength=n), out=offsets[1:])
        return cls(values, postings, offsets, codes, owners.astype(np.int32))

    def pairs(self, positions: np.ndarray) -> np.ndarray:
        """The indexes into ``codes``/``owners`` of the values of the events at ``positions``."""
        first = self.offsets[positions]
        sizes = self.offsets[positions + 1] - first
        return np.repeat(first - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))


class EventIndex:
    """The browse columns of every canonical event at one store version, in (type, start,
    end, rowid) order. Build it with :meth:`load`."""

    def __init__(self, version: int, rowids: np.ndarray, types: list[str], type_codes: np.ndarray,
                 background: np.ndarray, starts: np.ndarray, ends: np.ndarray, monthly: np.ndarray,
                 arrested: np.ndarray, killed: np.ndarray, sources: np.ndarray,
                 postings: dict[str, dict[str, np.ndarray]], places: dict[str, dict[str, Any]],
                 blocks: tuple[int, int, int] = (BLOCK, POSTING_BLOCK, POSTING_CELL_BLOCK),
                 documents: dict[int, np.ndarray] | None = None) -> None:
        """Columns in any order of events; ``postings``: field -> value -> the indexes (in
        that order) of the events holding it; ``places``: id -> the place's names, position
        and region (:data:`PLACE_KEYS`); ``blocks``: the spacing of the prefix sums (tests
        make it small); ``documents``: document rowid -> the rowids of the events it reports
        (for text queries, :meth:`rowids_of_documents`; None: browse asks SQL). Positions are
        int32: fewer than 2**31 events."""
        self.version = version
        self.documents = None
        if documents is not None:  # as sorted document rowids and slices of one array
            keys = np.array(sorted(documents), dtype=np.int64)
            lists = [documents[k] for k in keys.tolist()]
            offsets = np.zeros(len(lists) + 1, dtype=np.int64)
            np.cumsum([len(x) for x in lists], out=offsets[1:])
            flat = np.concatenate(lists).astype(np.int64) if lists else np.zeros(0, np.int64)
            owner = np.repeat(np.arange(len(lists)), np.diff(offsets))
            self.documents = (keys, offsets, flat[np.lexsort((flat, owner))])  # each one's rowids in order
        self.places = places
        self.block, self.posting_block, self.posting_cell_block = blocks
        self.n = n = len(rowids)
        perm = np.lexsort((rowids, ends, starts, type_codes))
        moved = np.empty(n, dtype=np.int32)
        moved[perm] = np.arange(n, dtype=np.int32)
        self.rowids = rowids[perm]
        self.types = types
        self.type_codes, self.background = type_codes[perm], background[perm]
        self.starts, self.ends = starts[perm], ends[perm]
        self.monthly = monthly[perm].astype(bool)  # the reports name its day or month (--exact-dates)
        self.arrested, self.sources = arrested[perm], sources[perm]
        self.by_rowid = np.argsort(self.rowids).astype(np.int32)
        self._position_table: np.ndarray | None = None  # made by positions_of on first need
        self.sorted_rowids = self.rowids[self.by_rowid]
        self.facets = {f: Facet.from_postings({v: np.sort(moved[p]) for v, p in values.items() if len(p)}, n)
                       for f, values in postings.items()}
        # each type's run of positions, and where its undated events begin
        bounds = np.searchsorted(self.type_codes, np.arange(len(types) + 1))
        self.type_runs = [(int(bounds[t]), int(bounds[t + 1])) for t in range(len(types))]
        self.dated_ends = [lo + int(np.searchsorted(self.starts[lo:hi], NO_START)) for lo, hi in self.type_runs]
        dated = self.starts != NO_START
        self.max_span = int((self.ends[dated] - self.starts[dated]).max()) if dated.any() else 0
        # months since 1970 of each start; statistics are counted by cell (month, type, monthly)
        months = np.where(dated, (np.where(dated, self.starts, EPOCH).astype(np.int64) - EPOCH)
                          .astype("datetime64[D]").astype("datetime64[M]").astype(np.int64), 0)
        self.first_month = int(months[dated].min()) if dated.any() else 0
        month_codes = np.where(dated, months - self.first_month + 1, 0)
        # grain (browse.GRAIN_SQL): 1 a month or day named, 0 else within one year, 2 across years
        years = [(np.where(dated, a, EPOCH).astype(np.int64) - EPOCH).astype("datetime64[D]").astype("datetime64[Y]")
                 for a in (self.starts, self.ends)]
        grain = np.where(self.monthly, 1, np.where(years[0] == years[1], 0, 2))
        self.cell_keys = ((month_codes * len(types) + self.type_codes) * 3 + grain).astype(np.int32)
        self.cell_count = (int(month_codes.max(initial=0)) + 1) * len(types) * 3
        self.arrested0 = np.where(self.arrested < 0, 0, self.arrested).astype(np.float64)
        self.killed0 = np.where(killed[perm] < 0, 0, killed[perm]).astype(np.float64)
        self.span_codes, self.span_keys = self._span_codes()
        self.span_positions = np.flatnonzero(self.span_codes >= 0).astype(np.int32)
        self.orders = {name: self._order(name) for name in SORT_NAMES}
        self.dated_starts = (self.orders["date"][2] >> DAY_BITS).astype(np.int32)  # in date order
        self.prefix = self._prefix_sums()
        for facet in self.facets.values():
            for value, posting in facet.postings.items():
                if len(posting) >= 2 * self.posting_block:
                    facet.blocks[value] = self._posting_sums(posting)
                if len(posting) >= 2 * self.posting_cell_block:
                    facet.cell_blocks[value] = self._posting_cell_sums(posting)

    @classmethod
    def load(cls, conn: sqlite3.Connection, **options: Any) -> EventIndex | None:
        """The index of the store behind ``conn`` (read in one transaction), or None when its
        stored values are not all plain date ranges and integers (then SQL answers alone)."""
        own = not conn.in_transaction
        pg = getattr(conn, "dialect", None) == "postgresql"
        safe, columns, value_postings, partner_postings = (
            (_PG_SAFE, _PG_COLUMNS, _PG_VALUE_POSTINGS, _PG_PARTNER_POSTINGS) if pg
            else (_SAFE, _COLUMNS, _VALUE_POSTINGS, _PARTNER_POSTINGS))
        if own:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ" if pg else "BEGIN")
        try:
            if conn.execute(safe).fetchone()[0]:
                return None
            version = conn.execute("SELECT version FROM browse_meta").fetchone()[0]
            row = conn.execute(columns, (int(NO_START), int(NO_END))).fetchone()
            rowids = _ints(row[0])
            postings: dict[str, dict[str, np.ndarray]] = {}
            for name in ("places", "affiliation", "agencies", "partners"):
                rows = conn.execute(*((partner_postings,) if name == "partners" else (value_postings, (name,))))
                postings[name] = {value: np.searchsorted(rowids, _ints(ids)) for value, ids in rows}
            regions: dict[str, list[np.ndarray]] = {}
            for place, region in conn.execute("SELECT id, region FROM places WHERE region IS NOT NULL"):
                if place in postings["places"]:
                    regions.setdefault(region, []).append(postings["places"][place])
            postings["region"] = {r: np.unique(np.concatenate(lists)) for r, lists in regions.items()}
            places = {r[0]: dict(zip(PLACE_KEYS, r[1:])) for r in conn.execute(
                f"SELECT id, {', '.join(PLACE_KEYS)} FROM places")}
            documents = {int(d): _ints(ids) for d, ids in conn.execute(_PG_DOCUMENT_EVENTS if pg else _DOCUMENT_EVENTS)}
        finally:
            if own:
                conn.execute("COMMIT")
        types, type_codes = np.unique(np.array(row[1].split("\x1f") if row[1] else [], dtype=object),
                                      return_inverse=True)
        return cls(version, rowids, [str(t) for t in types], type_codes.astype(np.int16),
                   _ints(row[2], np.int8), _ints(row[3], np.int32), _ints(row[4], np.int32),
                   _ints(row[5], np.int8), _ints(row[6]), _ints(row[7]), _ints(row[8]), postings,
                   places, documents=documents, **options)

    def _order(self, sort: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """``(positions in ascending sort order, the rank of each position in it, the packed keys
        of its non-null part, how many are non-null)``. Null keys come last in both directions,
        by rowid, as browse's SQL pages them (:meth:`_flip`)."""
        if sort == "date":
            key = (self.starts.astype(np.int64) << DAY_BITS) | (self.ends.astype(np.int64) & ((1 << DAY_BITS) - 1))
            nonnull = self.starts != NO_START
        elif sort == "arrested":
            key, nonnull = self.arrested.astype(np.int64), self.arrested >= 0
        else:
            key, nonnull = self.sources.astype(np.int64), np.ones(self.n, dtype=bool)
        order = np.lexsort((self.rowids, np.where(nonnull, key, 0), ~nonnull)).astype(np.int32)
        ranks = np.empty(self.n, dtype=np.int32)
        ranks[order] = np.arange(self.n, dtype=np.int32)
        count = int(nonnull.sum())
        return order, ranks, key[order[:count]], count

    def _flip(self, ranks: np.ndarray, count: int) -> np.ndarray:
        """Ascending ranks as descending ones, and back: the non-null part reversed, then the
        null part reversed."""
        return np.where(ranks < count, count - 1 - ranks, count + self.n - 1 - ranks)

    def _prefix_sums(self) -> dict[str, np.ndarray]:
        """Counts of the positions before each multiple of :data:`BLOCK`: by cell (events,
        arrested, killed) and by facet value (events, arrested)."""
        blocks = self.n // self.block
        if not blocks:
            return {}
        cut = blocks * self.block
        out = self._cumulative(self.cell_keys[:cut], np.arange(cut) // self.block, blocks, self.cell_count,
                               {"cells": None, "cells_arrested": self.arrested0[:cut],
                                "cells_killed": self.killed0[:cut]})
        for name, facet in self.facets.items():
            owners = facet.owners[:int(facet.offsets[cut])]
            out.update(self._cumulative(facet.codes[:len(owners)], owners // self.block, blocks,
                                        max(len(facet.values), 1),
                                        {name: None, name + "_arrested": self.arrested0[owners]}))
        return out

    def _posting_sums(self, posting: np.ndarray) -> dict[str, np.ndarray]:
        """Facet counts (events, arrested) of a posting list's events before each multiple of
        :data:`POSTING_BLOCK` of its entries."""
        blocks = len(posting) // self.posting_block
        at = posting[:blocks * self.posting_block]
        block_of = np.arange(len(at)) // self.posting_block
        out = {}
        for name, facet in self.facets.items():
            pairs = facet.pairs(at)
            out.update(self._cumulative(facet.codes[pairs], np.repeat(block_of, facet.offsets[at + 1] - facet.offsets[at]),
                                        blocks,
                                        max(len(facet.values), 1),
                                        {name: None, name + "_arrested": self.arrested0[facet.owners[pairs]]}))
        return out

    def _posting_cell_sums(self, posting: np.ndarray) -> dict[str, np.ndarray]:
        """Counts by cell (events, arrested, killed) of a posting list's events before each
        multiple of :data:`POSTING_CELL_BLOCK` of its entries."""
        blocks = len(posting) // self.posting_cell_block
        at = posting[:blocks * self.posting_cell_block]
        return self._cumulative(self.cell_keys[at], np.arange(len(at)) // self.posting_cell_block, blocks,
                                self.cell_count, {"cells": None, "cells_arrested": self.arrested0[at],
                                                  "cells_killed": self.killed0[at]})

    @staticmethod
    def _cumulative(keys: np.ndarray, block_of: np.ndarray, blocks: int, width: int,
                    weights: dict[str, np.ndarray | None]) -> dict[str, np.ndarray]:
        """For each name of ``weights``: the sums by key (counts when None) of the entries of
        the blocks before each block, as a ``(blocks + 1, width)`` array."""
        out = {}
        for name, w in weights.items():
            counts = np.bincount(block_of * width + keys, weights=w, minlength=blocks * width)
            sums = np.zeros((blocks + 1, width), dtype=np.int64)
            np.cumsum(counts.reshape(blocks, width).round().astype(np.int64), axis=0, out=sums[1:])
            out[name] = sums
        return out

    # -- selecting -----------------------------------------------------------------------------

    def positions(self, selection: Selection) -> np.ndarray:
        """The positions of the selected events (each once, in no particular order)."""
        cuts = [self.facets[name].postings[value][i:k] for name, value, i, k in selection.cuts]
        return np.concatenate([*(np.arange(lo, hi, dtype=np.int32) for lo, hi in selection.runs),
                               selection.points, *cuts])

    def rowids_of_documents(self, document_rowids: np.ndarray) -> np.ndarray:
        """The rowids of the events the documents of ``document_rowids`` report (repeats
        possible; documents with none are left out)."""
        keys, offsets, flat = self.documents  # type: ignore[misc]
        if not len(keys) or not len(document_rowids):
            return np.zeros(0, dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, document_rowids), len(keys) - 1)
        at = at[keys[at] == document_rowids]
        starts, ends = offsets[at], offsets[at + 1]
        sizes = ends - starts
        if not sizes.sum():
            return np.zeros(0, dtype=np.int64)
        return flat[np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))]

    def positions_of(self, rowids: np.ndarray) -> np.ndarray:
        """The positions of the events of ``rowids`` (rowids not stored are left out)."""
        if not self.n:
            return np.zeros(0, dtype=np.int32)
        if len(rowids) > 1024 and int(self.sorted_rowids[-1]) < 4 * self.n + (1 << 20):
            if self._position_table is None:  # rowid -> position, -1 for none (dense rowids only)
                table = np.full(int(self.sorted_rowids[-1]) + 1, -1, dtype=np.int32)
                table[self.rowids] = np.arange(self.n, dtype=np.int32)
                self._position_table = table
            inside = rowids[(rowids >= 0) & (rowids < len(self._position_table))]
            found = self._position_table[inside]
            return found[found >= 0]
        at = np.minimum(np.searchsorted(self.sorted_rowids, rowids), self.n - 1)
        return self.by_rowid[at[self.sorted_rowids[at] == rowids]]

    def _lists(self, f: Any, text_rowids: np.ndarray | None) -> list[tuple[str | None, str | None, np.ndarray]]:
        """``(field, value, sorted positions of its events)`` of each value filter of ``f``,
        and ``(None, None, positions)`` of a text query's events."""
        out: list[tuple[str | None, str | None, np.ndarray]] = []
        for name, field_name in FIELDS.items():
            value = getattr(f, name)
            if value is not None:
                out.append((field_name, value, self.facets[field_name].postings.get(value, np.zeros(0, np.int32))))
        if text_rowids is not None:
            seen = np.zeros(self.n, dtype=bool)  # sorted and unique in one pass (np.unique hashes: seconds at 1 M)
            seen[self.positions_of(text_rowids)] = True
            out.append((None, None, np.flatnonzero(seen).astype(np.int32)))
        return out

    def _windows(self, f: Any) -> list[tuple[int, int, int]]:
        """``(lo, mid, hi)`` per type ``f`` lets through: positions ``[mid, hi)`` pass its type and
        dates; those of ``[lo, mid)`` start before ``since`` and pass if they end after it."""
        if f.type is not None and f.type not in self.types:
            return []
        codes = [self.types.index(f.type)] if f.type is not None else range(len(self.types))
        since, until = f.start, f.end
        since, until = since and _day(since), until and _day(until)
        out = []
        for code in codes:
            lo, hi = self.type_runs[code]
            if since is None and until is None:
                out.append((lo, lo, hi))
                continue
            dated_end = self.dated_ends[code]
            starts = self.starts[lo:dated_end]
            first = lo + (0 if since is None else int(np.searchsorted(starts, since - self.max_span)))
            mid = lo + (0 if since is None else int(np.searchsorted(starts, since)))
            last = dated_end if until is None else lo + int(np.searchsorted(starts, until, side="right"))
            mid = min(mid, last)
            out.append((min(first, mid), mid, last))
        return out

    def select(self, f: Any, text_rowids: np.ndarray | None = None) -> Selection:
        """The events matching ``f``; ``text_rowids``: the rowids of the events a text query
        matched (browse asks SQLite's full-text index)."""
        since = None if f.start is None else _day(f.start)
        lists = sorted(self._lists(f, text_rowids), key=lambda item: len(item[2]))
        out = Selection()
        parts: list[np.ndarray] = []
        if lists:
            field_name, value, chosen = lists[0]
            for _, _, other in lists[1:]:
                chosen = chosen[self._members(chosen, other)]
            whole = (len(lists) == 1 and field_name is not None and f.background is None
                     and not getattr(f, "exact", None))
            for lo, mid, hi in self._windows(f):
                i, j, k = np.searchsorted(chosen, [lo, mid, hi]).tolist()
                if j > i:
                    head = chosen[i:j]
                    parts.append(head[self.ends[head] >= since])
                if whole and k > j:  # a run of one posting list: its prefix sums count it
                    if out.cuts and out.cuts[-1][3] == j:  # the previous type's run goes on
                        j = out.cuts.pop()[2]
                    out.cuts.append((field_name, value, j, k))
                else:
                    parts.append(chosen[j:k])
        else:
            for lo, mid, hi in self._windows(f):
                if mid > lo:
                    parts.append(lo + np.flatnonzero(self.ends[lo:mid] >= since))
                if hi > mid:
                    if out.runs and out.runs[-1][1] == mid:  # the previous type's run goes on
                        mid = out.runs.pop()[0]
                    out.runs.append((mid, hi))
        if f.background is not None or getattr(f, "exact", None):
            parts = [p[self._kept(f, p)] for p in parts]
            parts += [lo + np.flatnonzero(self._kept(f, slice(lo, hi))) for lo, hi in out.runs]
            out.runs = []
        if parts:
            out.points = np.concatenate(parts).astype(np.int32)
        return out

    def _members(self, positions: np.ndarray, sorted_list: np.ndarray, search: bool = False) -> np.ndarray:
        """Which of ``positions`` are in ``sorted_list`` (``search``: by binary search)."""
        if not len(sorted_list):
            return np.zeros(len(positions), dtype=bool)
        if search or len(sorted_list) > MEMBER_SEARCH * len(positions):
            at = np.searchsorted(sorted_list, positions)
            return sorted_list[np.minimum(at, len(sorted_list) - 1)] == positions
        mask = np.zeros(self.n, dtype=bool)
        mask[sorted_list] = True
        return mask[positions]

    def _kept(self, f: Any, at: slice | np.ndarray) -> np.ndarray:
        """Which events ``at`` pass the background and exact-date filters of ``f``."""
        keep = np.ones(len(self.background[at]), dtype=bool)
        if f.background is not None:
            keep &= self.background[at] == int(f.background)
        if getattr(f, "exact", None):
            keep &= self.monthly[at]
        return keep

    def _passes(self, f: Any, positions: np.ndarray) -> np.ndarray | None:
        """Which of ``positions`` pass the type, background and date filters (None: all)."""
        masks = []
        if f.type is not None:
            masks.append(self.type_codes[positions] == (self.types.index(f.type) if f.type in self.types else -1))
        if f.background is not None:
            masks.append(self.background[positions] == int(f.background))
        if getattr(f, "exact", None):
            masks.append(self.monthly[positions])
        since, until = f.start, f.end
        if since is not None:
            masks.append(self.ends[positions] >= _day(since))
        if until is not None:
            masks.append(self.starts[positions] <= _day(until))
        return np.logical_and.reduce(masks) if masks else None

    # -- pages ---------------------------------------------------------------------------------

    def page(self, f: Any, sort: str, limit: int, key: list[Any] | None, tiebreak: int | None,
             after: bool, text_rowids: np.ndarray | None = None) -> np.ndarray | None:
        """The rowids of up to ``limit + 1`` events matching ``f`` in ``sort`` order (``-date``,
        ``arrested`` …) after the cursor ``(key, tiebreak)`` (``after``: a cursor was given);
        None when the cursor's key is not one this index can place (browse's SQL then answers).

        Ranks below are in the page's direction. The page either walks the sort order from the
        cursor, checking each event, or ranks every selected event and keeps the first: the
        cheaper, from the selection's size."""
        name, desc = sort.lstrip("-"), sort.startswith("-")
        order, ranks, keys, count = self.orders[name]
        start = 0
        if after:
            start = self._cursor_rank(name, desc, keys, count, order, key, tiebreak)
            if start is None:
                return None
        selection = self.select(f, text_rowids)
        size = len(selection)
        stop = self.n
        if name == "date" and (f.start is not None or f.end is not None):
            lo, hi = self._date_ranks(f)  # the window is a run of the sort order
            start, stop = max(start, count - hi if desc else lo), (count - lo if desc else hi)
        walked = (limit + 1) * max(stop - start, 0) / max(size, 1)
        if size and walked * WALK_ROW_COST < size:
            # matches may gather at the far end of the order: give up past the cost of ranking
            found = self._walk(f, order, count, desc, start, stop, limit + 1, text_rowids,
                               budget=int(size / WALK_ROW_COST))
            if found is not None:
                return self.rowids[found]
        r = ranks[self.positions(selection)]
        if desc:
            r = self._flip(r, count)
        r = r[r >= start]
        if len(r) > limit + 1:
            r = np.partition(r, limit)[:limit + 1]
        r = np.sort(r)
        return self.rowids[order[self._flip(r, count) if desc else r]]

    def _date_ranks(self, f: Any) -> tuple[int, int]:
        """The ranks ``[lo, hi)`` in ascending date order of the events starting within
        ``[since - longest span, until]``."""
        starts = self.dated_starts
        lo = 0 if f.start is None else int(np.searchsorted(starts, _day(f.start) - self.max_span))
        hi = len(starts) if f.end is None else int(np.searchsorted(starts, _day(f.end), side="right"))
        return lo, max(lo, hi)

    def _walk(self, f: Any, order: np.ndarray, count: int, desc: bool, start: int, stop: int, wanted: int,
              text_rowids: np.ndarray | None, budget: int) -> np.ndarray | None:
        """Positions of the first ``wanted`` matching events ranked ``start`` to ``stop`` in the
        page's direction, checked a step at a time; None once more than ``budget`` events
        were checked."""
        lists = self._lists(f, text_rowids)
        found: list[np.ndarray] = []
        got, step, at = 0, WALK_FIRST, start
        while got < wanted and at < stop:
            if at - start > budget:
                return None
            r = np.arange(at, min(at + step, stop))
            chunk = order[self._flip(r, count) if desc else r]
            ok = self._passes(f, chunk)
            for _, _, sorted_list in lists:
                member = self._members(chunk, sorted_list, search=True)
                ok = member if ok is None else ok & member
            hits = chunk if ok is None else chunk[ok]
            found.append(hits[:wanted - got])
            got += len(found[-1])
            at += step
            step = min(step * 2, WALK_LAST)
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int32)

    def _cursor_rank(self, name: str, desc: bool, keys: np.ndarray, count: int, order: np.ndarray,
                     key: list[Any] | None, tiebreak: int) -> int | None:
        """The rank, in the page's direction, of the first event after the cursor."""
        if key is None:  # within the null keys, ordered by rowid
            null_rowids = self.rowids[order[count:]]
            if desc:
                return count + int(len(null_rowids) - np.searchsorted(null_rowids, tiebreak, side="left"))
            return count + int(np.searchsorted(null_rowids, tiebreak, side="right"))
        packed = self._packed(name, key)
        if packed is None:
            return None
        lo, hi = int(np.searchsorted(keys, packed, "left")), int(np.searchsorted(keys, packed, "right"))
        rowids = self.rowids[order[lo:hi]]
        if desc:  # the events before (key, tiebreak) in ascending order come after it
            return count - (lo + int(np.searchsorted(rowids, tiebreak, side="left")))
        return lo + int(np.searchsorted(rowids, tiebreak, side="right"))

    @staticmethod
    def _packed(name: str, key: list[Any]) -> int | None:
        """A cursor key packed as the sort's keys are; None when it is not one (not a plain
        date, not a non-negative integer)."""
        if name == "date":
            if not all(isinstance(k, str) and len(k) == 10 for k in key):
                return None
            try:
                days = [_day(k) for k in key]
            except ValueError:
                return None
            if any(date.fromordinal(d).isoformat() != k for d, k in zip(days, key)):
                return None
            return (days[0] << DAY_BITS) | days[1]
        value = key[0]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << 62:
            return None
        return value

    def sort_key(self, sort: str, rowid: int) -> list[Any] | None:
        """The cursor key of the event ``rowid`` for ``sort`` (None: its key is null)."""
        i = int(self.positions_of(np.array([rowid]))[0])
        name = sort.lstrip("-")
        if name == "date":
            if self.starts[i] == NO_START:
                return None
            return [date.fromordinal(int(self.starts[i])).isoformat(), date.fromordinal(int(self.ends[i])).isoformat()]
        if name == "arrested":
            return None if self.arrested[i] < 0 else [int(self.arrested[i])]
        return [int(self.sources[i])]

    # -- statistics ----------------------------------------------------------------------------

    def spans(self, selection: Selection) -> list[tuple[str, str, str, int]]:
        """``(first month, last month, type, events)`` of the selected events not counted by
        month (no month or day named) that have a date interval (as browse.spans)."""
        if not self.span_keys:
            return []
        coarse = self.span_positions
        parts = [self.span_codes[coarse[i:j]] for lo, hi in selection.runs
                 for i, j in [np.searchsorted(coarse, [lo, hi]).tolist()]]
        parts += [self.span_codes[selection.points]]
        parts += [self.span_codes[self.facets[name].postings[value][i:k]] for name, value, i, k in selection.cuts]
        codes = np.concatenate(parts)
        counts = np.bincount(codes[codes >= 0], minlength=len(self.span_keys)).tolist()
        return [(*key, n) for key, n in zip(self.span_keys, counts) if n]

    def _span_codes(self) -> tuple[np.ndarray, list[tuple[str, str, str]]]:
        """Each event's (first month, last month, type) of its interval as a code into the
        list returned (-1: counted by month, or no interval), for :meth:`spans`."""
        coarse = np.flatnonzero(~self.monthly & (self.starts != NO_START))
        codes = np.full(self.n, -1, dtype=np.int32)
        if not len(coarse):
            return codes, []
        # months since year 0 (non-negative, under 2**20 up to year 9999), packed with the type
        def month(days: np.ndarray) -> np.ndarray:
            since_1970 = (days.astype(np.int64) - EPOCH).astype("datetime64[D]").astype("datetime64[M]")
            return since_1970.astype(np.int64) + 1970 * 12

        packed = ((month(self.starts[coarse]) * (1 << 20) + month(self.ends[coarse])) * len(self.types)
                  + self.type_codes[coarse])
        unique, inverse = np.unique(packed, return_inverse=True)
        codes[coarse] = inverse
        label = lambda m: f"{m // 12:04d}-{m % 12 + 1:02d}"  # noqa: E731
        keys = [(label(k // len(self.types) >> 20), label(k // len(self.types) & ((1 << 20) - 1)),
                 self.types[k % len(self.types)]) for k in unique.tolist()]
        return codes, keys

    def aggregate(self, selection: Selection) -> Counts:
        """The statistics of the selected events."""
        sums = {name: np.zeros(self.cell_count, dtype=np.int64)
                for name in ("cells", "cells_arrested", "cells_killed")}
        for name, facet in self.facets.items():
            sums[name] = np.zeros(len(facet.values), dtype=np.int64)
            sums[name + "_arrested"] = np.zeros(len(facet.values), dtype=np.int64)
        for lo, hi in selection.runs:
            for a, b in self._add_blocks(sums, self.prefix, self.block, lo, hi):
                self._count(sums, slice(a, b))
        if len(selection.points):
            self._count(sums, selection.points)
        for name, value, i, k in selection.cuts:  # a long list's own prefix sums, then its edges
            facet = self.facets[name]
            posting = facet.postings[value]
            for a, b in self._add_blocks(sums, facet.cell_blocks.get(value), self.posting_cell_block, i, k):
                self._count(sums, posting[a:b], facets=False)
            for a, b in self._add_blocks(sums, facet.blocks.get(value), self.posting_block, i, k):
                self._count(sums, posting[a:b], cells=False)
        return self._counts(sums)

    @staticmethod
    def _add_blocks(sums: dict[str, np.ndarray], tables: dict[str, np.ndarray] | None, block: int,
                    lo: int, hi: int) -> list[tuple[int, int]]:
        """Add to ``sums`` what the prefix sums ``tables`` (every ``block`` entries) say of the
        whole blocks in ``[lo, hi)``; the ranges left to count one by one."""
        first, last = -(-lo // block), hi // block
        if not tables or last <= first:
            return [(lo, hi)] if hi > lo else []
        for name, table in tables.items():
            sums[name] += table[last] - table[first]
        return [(a, b) for a, b in ((lo, first * block), (last * block, hi)) if b > a]

    def _counts(self, sums: dict[str, np.ndarray]) -> Counts:
        """:class:`Counts` from the sums by cell and facet value."""
        shape = (len(sums["cells"]) // (3 * len(self.types)) if self.types else 0, len(self.types), 3)
        events, arrested = sums["cells"].reshape(shape), sums["cells_arrested"].reshape(shape)
        out = Counts(int(events.sum()), int(arrested.sum()), int(sums["cells_killed"].sum()))
        by_type = events.sum(axis=(0, 2)).tolist(), arrested.sum(axis=(0, 2)).tolist()
        out.by_type = {self.types[t]: (by_type[0][t], by_type[1][t]) for t in np.flatnonzero(by_type[0]).tolist()}
        month_labels = [""] + [f"{1970 + m // 12:04d}-{m % 12 + 1:02d}"
                               for m in range(self.first_month, self.first_month + shape[0] - 1)]
        monthly = events[:, :, 1], arrested[:, :, 1]
        for m, t in zip(*(a.tolist() for a in np.nonzero(monthly[0][1:]))):
            out.by_month[(month_labels[m + 1], self.types[t])] = (int(monthly[0][m + 1, t]), int(monthly[1][m + 1, t]))
        per_month = events[1:, :, :2].sum(axis=(1, 2)), arrested[1:, :, :2].sum(axis=(1, 2))  # within a year
        year_of = np.array([int(label[:4]) for label in month_labels[1:]], dtype=np.int64)
        if len(year_of):
            first_year = int(year_of[0])
            years_n = np.bincount(year_of - first_year, weights=per_month[0]).round().astype(np.int64).tolist()
            years_a = np.bincount(year_of - first_year, weights=per_month[1]).round().astype(np.int64).tolist()
            out.by_year = {f"{first_year + y:04d}": (years_n[y], years_a[y]) for y in range(len(years_n)) if years_n[y]}
        for name, facet in self.facets.items():
            counts, arrested_by_value = sums[name].tolist(), sums[name + "_arrested"].tolist()
            out.by_facet[name] = {facet.values[c]: (counts[c], arrested_by_value[c])
                                  for c in np.flatnonzero(sums[name]).tolist()}
        return out

    def _count(self, sums: dict[str, np.ndarray], at: slice | np.ndarray, cells: bool = True,
               facets: bool = True) -> None:
        """Add the counts by cell and by facet value of the events ``at`` (a run as a slice, or
        positions) to ``sums``."""
        if cells:
            keys, arrested, killed = self.cell_keys[at], self.arrested0[at], self.killed0[at]
            sums["cells"] += np.bincount(keys, minlength=self.cell_count)
            sums["cells_arrested"] += np.bincount(keys, weights=arrested,
                                                  minlength=self.cell_count).round().astype(np.int64)
            sums["cells_killed"] += np.bincount(keys, weights=killed,
                                                minlength=self.cell_count).round().astype(np.int64)
        for name, facet in self.facets.items() if facets else ():
            if isinstance(at, slice):
                pairs = slice(int(facet.offsets[at.start]), int(facet.offsets[at.stop]))
            else:
                pairs = facet.pairs(at)
            codes, owners = facet.codes[pairs], facet.owners[pairs]
            width = len(facet.values)
            sums[name] += np.bincount(codes, minlength=width)
            sums[name + "_arrested"] += np.bincount(codes, weights=self.arrested0[owners],
                                                    minlength=width).round().astype(np.int64)
