"""The record's totals over the claims' periods, kept current (table record_totals,
marsad/store/migrations.py): what :class:`marsad.figures.record.RecordTally` answers for a period
(the record's count, documents, outlets and months), kept so that a check reads its page's
totals instead of every tally of the record.

While totals are kept, every change of record_days and record_documents is logged
(record_changes, by triggers); :func:`catch_up` applies the logged changes to every kept total
in the next check's write transaction: counts and documents by adding the changes over the
period, outlets and months by asking whether each outlet or month touched had documents in the
period before and after (record_outlets: documents by outlet and day). A period no total is kept
for is worked out by :func:`period_totals` (a few) or by the caller's RecordTally (many).
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from itertools import accumulate
from typing import Any

import orjson

from ..errors import StoreError
from ..figures.record import METRIC_TYPES, RecordTally
from .tallies import _host, _tuples

LOG_LIMIT = 50_000  # logged changes: past this the kept totals are dropped and worked out again
FEW = 20  # periods missing: worked out one by one in SQL (more: the caller builds a RecordTally)
_KEYS = 300  # periods a query names

Key = tuple[str, str, str]  # (metric, first day, last day)
Totals = tuple  # (count or None, documents, outlets, months)


def data_version(conn: Any) -> int:
    """The store's version (browse_meta.version): it moves on with any change of events or documents."""
    return conn.execute("SELECT version FROM browse_meta").fetchone()[0]


def kept(conn: Any, periods: list[Key]) -> dict[Key, Totals]:
    """{(metric, first day, last day): (count, documents, outlets, months)} of those of ``periods``
    a total is kept for (current once :func:`catch_up` ran in this transaction)."""
    out: dict[Key, Totals] = {}
    for i in range(0, len(periods), _KEYS):
        batch = periods[i:i + _KEYS]
        rows = _tuples(conn,
            f"WITH k (metric, first_day, last_day) AS (VALUES {', '.join('(?, ?, ?)' for _ in batch)}) "
            "SELECT t.metric, t.first_day, t.last_day, t.count, t.documents, t.outlets, t.months FROM k "
            "JOIN record_totals t ON t.metric = k.metric AND t.first_day = k.first_day AND t.last_day = k.last_day",
            [x for p in batch for x in p])
        out.update({r[:3]: r[3:] for r in rows})
    return out


def keep(conn: Any, totals: dict[Key, Totals]) -> None:
    """Store ``totals``, in the caller's write transaction (record_outlets first made when no total
    was kept: the log and it start together)."""
    if not totals:
        return
    start_keeping(conn)
    _in_batches(conn, "INSERT INTO record_totals (metric, first_day, last_day, version, count, documents, outlets, "
                      "months) SELECT metric, first_day, last_day, 0, count, documents, outlets, months FROM v "
                      "WHERE true ON CONFLICT (metric, first_day, last_day) DO UPDATE SET count = excluded.count, "
                      "documents = excluded.documents, outlets = excluded.outlets, months = excluded.months", totals)


# rows of totals as a table v, passed as one JSON parameter (executemany on PostgreSQL takes a round
# trip a row, 0.3 s for 7 k rows, and a VALUES list of thousands of placeholders is slow to parse)
_V_SQLITE = ("WITH v AS (SELECT value ->> 0 AS metric, value ->> 1 AS first_day, value ->> 2 AS last_day, "
             "value ->> 3 AS count, value ->> 4 AS documents, value ->> 5 AS outlets, value ->> 6 AS months "
             "FROM json_each(?)) ")
_V_PG = ("WITH v AS (SELECT (x ->> 0) COLLATE \"C\" AS metric, (x ->> 1) COLLATE \"C\" AS first_day, "
         "(x ->> 2) COLLATE \"C\" AS last_day, (x ->> 3)::bigint AS count, (x ->> 4)::bigint AS documents, "
         "(x ->> 5)::bigint AS outlets, (x ->> 6)::bigint AS months FROM jsonb_array_elements(CAST(? AS jsonb)) x) ")


def _in_batches(conn: Any, sql: str, totals: dict[Key, Totals]) -> None:
    """Run ``sql`` (reading the table v) over ``totals``."""
    if totals:
        table = _V_PG if getattr(conn, "dialect", None) == "postgresql" else _V_SQLITE
        conn.execute(table + sql, (orjson.dumps([(*k, *v) for k, v in totals.items()]).decode(),))


def start_keeping(conn: Any) -> None:
    """When no total is kept (nothing logged since): record_outlets made again, the log emptied."""
    if conn.execute("SELECT 1 FROM record_totals LIMIT 1").fetchone() is None:
        _fill_outlets(conn)
        conn.execute("DELETE FROM record_changes")


def _fill_outlets(conn: Any) -> None:
    """record_outlets from record_documents."""
    conn.execute("DELETE FROM record_outlets")
    rows: dict[tuple, int] = defaultdict(int)
    for day, outlet, url, n in _tuples(conn, "SELECT day, outlet, url, documents FROM record_documents"):
        key = outlet or _host(url)
        if day and key is not None:
            rows[(key, day[:10])] += n
    conn.executemany("INSERT INTO record_outlets VALUES (?, ?, ?)", [(*k, n) for k, n in rows.items() if n])


def _all_totals(conn: Any, tally: RecordTally) -> dict[Key, Totals]:
    """The totals of every claim period (claim_footing) by ``tally``."""
    out: dict[Key, Totals] = {}
    days: dict[str, dt.date] = {}
    for metric, lo, hi in _tuples(conn, "SELECT DISTINCT metric, first_day, last_day FROM claim_footing "
                                        "WHERE first_day IS NOT NULL AND last_day IS NOT NULL"):
        start = days.get(lo) or days.setdefault(lo, dt.date.fromisoformat(lo))
        end = days.get(hi) or days.setdefault(hi, dt.date.fromisoformat(hi))
        cover = tally.coverage(start, end)
        out[(metric, lo, hi)] = (tally.count(metric, start, end), cover.documents, cover.outlets, cover.months)
    return out


def period_totals(conn: Any, key: Key) -> Totals:
    """What RecordTally answers for one period, from the tables (for a few periods: each long one
    reads its range of the record's days)."""
    metric, lo, hi = key
    count = None
    if metric in METRIC_TYPES:
        types, what = METRIC_TYPES[metric]
        column = "events" if what == "events" else "arrested"
        count = conn.execute(
            f"SELECT coalesce(sum({column}), 0) FROM record_days WHERE type IN ({', '.join('?' * len(types))}) "
            "AND date_end >= ? AND date_end <= ? AND date_start >= ?", (*types, lo, hi, lo)).fetchone()[0]
    documents, months = conn.execute(
        "SELECT coalesce(sum(documents), 0), count(DISTINCT substr(day, 1, 7)) FROM record_documents "
        "WHERE day >= ? AND day <= ? AND day <> ''", (lo, hi)).fetchone()
    outlets = conn.execute("SELECT count(DISTINCT outlet) FROM record_outlets WHERE day >= ? AND day <= ?",
                           (lo, hi)).fetchone()[0]
    return int(count) if count is not None else None, int(documents), outlets, months


def catch_up(conn: Any) -> int:
    """Apply the logged changes of the record to every kept total and record_outlets, in the
    caller's write transaction; how many changes."""
    changes = _tuples(conn, "SELECT type, first_day, last_day, events, arrested, day, outlet, url, documents "
                            "FROM record_changes")
    if not changes:
        return 0
    conn.execute("DELETE FROM record_changes")
    if len(changes) > LOG_LIMIT:  # cheaper worked out again
        conn.execute("DELETE FROM record_totals")
        return len(changes)
    event_sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    doc_sums: dict[tuple, int] = defaultdict(int)
    for type_, first, last, n, arrested, day, outlet, url, documents in changes:
        if type_ is not None:
            s = event_sums[(type_, first, last)]
            s[0] += n
            s[1] += arrested or 0
        elif day:
            doc_sums[(day[:10], outlet or _host(url))] += documents
    events = [(*k, n, a) for k, (n, a) in event_sums.items() if n or a]
    docs = {k: n for k, n in doc_sums.items() if n}
    if not events and not docs:
        return len(changes)
    by_outlet: dict[tuple, int] = defaultdict(int)  # (outlet, day): documents more or fewer
    for (day, outlet), n in docs.items():
        if outlet is not None:
            by_outlet[(outlet, day)] += n
    _apply_outlets(conn, by_outlet)
    days = [e[1] for e in events] + [e[2] for e in events] + [day for day, _ in docs]
    kept_rows = _tuples(conn, "SELECT metric, first_day, last_day, count, documents, outlets, months FROM record_totals "
                              "WHERE first_day <= ? AND last_day >= ?", (max(days), min(days)))  # those it may touch
    updated = _Changes(conn, events, docs).apply(kept_rows)
    _in_batches(conn, "UPDATE record_totals SET count = v.count, documents = v.documents, outlets = v.outlets, "
                      "months = v.months FROM v WHERE record_totals.metric = v.metric AND "
                      "record_totals.first_day = v.first_day AND record_totals.last_day = v.last_day", updated)
    return len(changes)


def _apply_outlets(conn: Any, by_outlet: dict[tuple, int]) -> None:
    if not by_outlet:
        return
    conn.executemany("INSERT INTO record_outlets VALUES (?, ?, ?) ON CONFLICT (outlet, day) DO UPDATE SET "
                     "documents = record_outlets.documents + excluded.documents",
                     [(*k, n) for k, n in by_outlet.items()])
    conn.execute("DELETE FROM record_outlets WHERE documents <= 0")


class _Series:
    """Sums of (day, n) rows over any range of days."""

    def __init__(self, rows) -> None:
        rows = sorted(rows)
        self.days = [d for d, _ in rows]
        self.sums = [0, *accumulate(n for _, n in rows)]

    def over(self, lo: str, hi: str) -> int:
        return self.sums[bisect_right(self.days, hi)] - self.sums[bisect_left(self.days, lo)]


class _Changes:
    """The logged changes, and the record's documents now, for the outlets and months they touch."""

    def __init__(self, conn: Any, events: list[tuple], docs: dict[tuple, int]) -> None:
        self.events = RecordTally(events, []) if events else None
        self.first_end = min((e[2] for e in events), default=None)
        self.docs = _Series(((day, n) for (day, _), n in docs.items()))
        outlet_rows: dict[str, list] = defaultdict(list)
        month_rows: dict[str, list] = defaultdict(list)
        for (day, outlet), n in docs.items():
            month_rows[day[:7]].append((day, n))
            if outlet is not None:
                outlet_rows[outlet].append((day, n))
        self.outlet_changes = {o: _Series(rows) for o, rows in outlet_rows.items()}
        self.month_changes = {m: _Series(rows) for m, rows in month_rows.items()}
        self.outlets_now = {o: _Series(_tuples(conn, "SELECT day, documents FROM record_outlets WHERE outlet = ?", (o,)))
                            for o in outlet_rows}
        self.months_now = {m: _Series(_tuples(
            conn, "SELECT day, sum(documents) FROM record_documents WHERE day >= ? AND day < ? GROUP BY day",
            (m, m + "~"))) for m in month_rows}
        self.dates: dict[str, dt.date] = {}

    def _date(self, day: str) -> dt.date:
        d = self.dates.get(day)
        if d is None:
            d = self.dates[day] = dt.date.fromisoformat(day)
        return d

    def apply(self, rows: list[tuple]) -> dict[Key, Totals]:
        out: dict[Key, Totals] = {}
        for metric, lo, hi, count, documents, outlets, months in rows:
            before = (count, documents, outlets, months)
            if count is not None and self.events is not None and hi >= self.first_end:
                count += self.events.count(metric, self._date(lo), self._date(hi)) or 0
            i = bisect_left(self.docs.days, lo)
            if i < len(self.docs.days) and self.docs.days[i] <= hi:  # documents changed in the period
                documents += self.docs.over(lo, hi)
                outlets += _touched(self.outlet_changes, self.outlets_now, lo, hi)
                months += _touched(self.month_changes, self.months_now, lo, hi)
            if (count, documents, outlets, months) != before:
                out[(metric, lo, hi)] = (count, documents, outlets, months)
        return out


def _touched(changes: dict[str, _Series], now: dict[str, _Series], lo: str, hi: str) -> int:
    """How many more of the changed outlets (or months) have documents in lo..hi than before."""
    moved = 0
    for name, change in changes.items():
        delta = change.over(lo, hi)
        if delta:
            after = now[name].over(lo, hi)
            moved += (after > 0) - (after - delta > 0)
    return moved


class KeptTotals:
    """The record's totals kept by the store, as :func:`marsad.figures.paged.page_json` asks for
    them: :meth:`get` catches up with the record's changes and works out a few missing periods;
    :meth:`keep` stores what the caller worked out (from a RecordTally) if the record has not
    changed meanwhile. ``write`` runs a write transaction."""

    def __init__(self, conn: Any, write: Callable[[], Any]) -> None:
        self.conn, self.write, self.version = conn, write, None

    def get(self, periods: list[Key]) -> tuple[dict[Key, Totals], int]:
        undated = self.conn.execute("SELECT COUNT(*) FROM canonical_events WHERE date_start IS NULL").fetchone()[0]
        if self.conn.execute("SELECT 1 FROM record_changes LIMIT 1").fetchone() is None:
            self.version = data_version(self.conn)
            found = kept(self.conn, periods)
            if len(found) == len(periods):  # current, all there: no write lock taken
                return found, undated
        try:
            with self.write():
                catch_up(self.conn)
                self.version = data_version(self.conn)
                found = kept(self.conn, periods)
                missing = [p for p in periods if p not in found]
                if missing and len(missing) <= FEW:
                    start_keeping(self.conn)
                    made = {p: period_totals(self.conn, p) for p in missing}
                    keep(self.conn, made)
                    found.update(made)
        except (sqlite3.Error, StoreError):  # a store that cannot be written now: worked out by the caller
            self.version, found = None, {}
        return found, undated

    def keep(self, totals: dict[Key, Totals], tally: RecordTally | None = None) -> None:
        """Keep ``totals``; with the ``tally`` they came from, every claim period's (0.15 s at 20 k
        periods: no other page or filter will then miss one)."""
        if self.version is None:
            return
        try:
            with self.write():
                if data_version(self.conn) != self.version:  # worked out on a record since changed
                    return
                if tally is not None:
                    totals = {**_all_totals(self.conn, tally), **totals}
                keep(self.conn, totals)
        except (sqlite3.Error, StoreError):
            pass  # worked out again next time
