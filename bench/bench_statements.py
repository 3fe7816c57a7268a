#!/usr/bin/env python3
"""Statements and time per dashboard request, on SQLite and PostgreSQL (issue 13).

For each request the dashboard makes (the events page first, by year, by place, by words, a
second page; the overview's and events page's /api/stats, whose by_month and by_town are the
timeline and the map; event and document pages; meta, claims, search), it prints the number
of SQL statements the request ran on each store (transaction statements included), the time
spent waiting on them, and the request's median time over ``--repeats`` uncached requests
(the app's answer cache is emptied before each; the stores take turns, so that both are timed
under the same load), all in this process (no HTTP, one request at a time: what a request
costs, not how it behaves under load; bench_api.py measures that).

Counting: SQLite's trace callback on each pooled connection; on PostgreSQL every statement the
store's code sends through ``PgConnection`` and, in brackets, the round trips they take (a BEGIN
goes with the statement after it; ``execute_all`` sends several in one).

    python bench/bench_statements.py --store STORE.db [--db postgresql://…] [--repeats 5]
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlencode

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.server import app as app_module, pool  # noqa: E402
from marsad.server.cache import VersionedCache  # noqa: E402
from marsad.store import pg  # noqa: E402


class Tally:
    """Statements run, round trips to a server, and seconds spent in them, since the last reset."""

    def __init__(self) -> None:
        self.count = self.trips = 0
        self.seconds = 0.0
        self.texts: Counter[str] = Counter()

    def reset(self) -> None:
        self.count = self.trips = 0
        self.seconds = 0.0
        self.texts.clear()

    def add(self, sql: str, seconds: float = 0.0, trip: bool = True) -> None:
        self.count += 1
        self.trips += trip
        self.seconds += seconds
        self.texts[" ".join(sql.split())[:110]] += 1


TALLY = Tally()


@contextmanager
def counting() -> Iterator[Tally]:
    """Count the statements of every read connection opened meanwhile (both dialects)."""
    sqlite_connect, pg_execute = pool.connect_readonly, pg.PgConnection.execute
    pg_many, pg_all = pg.PgConnection.executemany, getattr(pg.PgConnection, "execute_all", None)

    def traced(path: str) -> sqlite3.Connection:
        conn = sqlite_connect(path)
        # statements of the request's own, not those a virtual table (FTS5) runs inside them ("-- …")
        conn.set_trace_callback(lambda sql: None if sql.startswith("--") else TALLY.add(sql, trip=False))
        return conn

    def execute(self: pg.PgConnection, sql: str, params: Any = None) -> Any:
        start, waiting = time.perf_counter(), getattr(self, "_begin", False)
        try:
            return pg_execute(self, sql, params)
        finally:
            # a BEGIN that waits for the next statement (and goes with it), or the ROLLBACK of a
            # transaction that never started, reach no server: not counted
            if not ((sql == "BEGIN" and getattr(self, "_begin", False)) or (sql in ("ROLLBACK", "COMMIT") and waiting)):
                TALLY.add(sql, time.perf_counter() - start)

    def executemany(self: pg.PgConnection, sql: str, seq: Any) -> None:
        start = time.perf_counter()
        try:
            return pg_many(self, sql, seq)
        finally:
            TALLY.add(sql, time.perf_counter() - start)

    def execute_all(self: pg.PgConnection, statements: Any) -> Any:
        start = time.perf_counter()
        try:
            return pg_all(self, statements)
        finally:  # one round trip for all of them
            for i, (sql, _) in enumerate(statements):
                TALLY.add(sql, 0.0 if i else time.perf_counter() - start, trip=not i)

    pool.connect_readonly = traced  # type: ignore[assignment]
    pg.PgConnection.execute = execute  # type: ignore[method-assign]
    pg.PgConnection.executemany = executemany  # type: ignore[method-assign]
    if pg_all is not None:  # (a store of before it: none)
        pg.PgConnection.execute_all = execute_all  # type: ignore[method-assign]
    try:
        yield TALLY
    finally:
        pool.connect_readonly = sqlite_connect  # type: ignore[assignment]
        pg.PgConnection.execute = pg_execute  # type: ignore[method-assign]
        pg.PgConnection.executemany = pg_many  # type: ignore[method-assign]
        if pg_all is not None:
            pg.PgConnection.execute_all = pg_all  # type: ignore[method-assign]


def urls(client: TestClient, db: str) -> list[tuple[str, str]]:
    """(label, url) of the dashboard's requests over the store ``db`` (ids and values read from it)."""
    meta = client.get("/api/meta").json()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True) if not pg.is_dsn(db) else pg.PgConnection(db, create=False)
    try:
        place = conn.execute("SELECT value FROM canonical_values WHERE field = 'places' "
                             "GROUP BY value ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        events = [r[0] for r in conn.execute("SELECT id FROM canonical_events ORDER BY rowid LIMIT 3")]
        sourced = conn.execute("SELECT canonical_id FROM canonical_members GROUP BY canonical_id "
                               "ORDER BY count(*) DESC, canonical_id LIMIT 1").fetchone()[0]
        docs = [r[0] for r in conn.execute(
            "SELECT document_id FROM event_mentions GROUP BY document_id ORDER BY count(*) DESC, document_id LIMIT 2")]
    finally:
        conn.close()
    low, high = (int(meta["date_range"][k][:4]) for k in ("min", "max"))
    year = str((low + high) // 2)
    word = "داعش"
    page = client.get("/api/events?" + urlencode({"limit": 25})).json()
    out = [("events (first page of 25)", {"limit": 25}),
           ("events limit=100", {"limit": 100}),
           ("events limit=500", {"limit": 500}),
           ("events page 2", {"limit": 25, "cursor": page["next_cursor"]}),
           (f"events since/until={year}", {"limit": 25, "since": year, "until": year}),
           (f"events place={place}", {"limit": 25, "place": place}),
           (f"events q={word}", {"limit": 25, "q": word}),
           ("stats", {}), (f"stats year={year}", {"since": year, "until": year}),
           (f"stats place={place}", {"place": place}), (f"stats q={word}", {"q": word})]
    listed = [(label, ("/api/stats?" if label.startswith("stats") else "/api/events?") + urlencode(params))
              for label, params in out]
    listed += [(f"event {e}", f"/api/events/{e}") for e in dict.fromkeys([*events, sourced])]
    listed += [(f"document {d}", f"/api/documents/{d}") for d in docs]
    listed += [("meta", "/api/meta"), ("claims limit=500", "/api/claims?limit=500"),
               (f"search q={word}", "/api/search?" + urlencode({"q": word, "limit": 50}))]
    return listed


def measure(stores: list[str], repeats: int, show: bool) -> None:
    """Print, per request, each store's statements (and round trips) and its median time; the
    stores take turns at each repeat of each request, so that both are timed under the same load."""
    with counting() as tally, ExitStack() as stack:
        apps, clients = [], []
        for db in stores:
            app = app_module.create_app(db, index="sync")
            client = stack.enter_context(TestClient(app))
            t0 = time.perf_counter()
            client.get("/api/health").raise_for_status()
            print(f"{pg.redact(db)}: event index ready in {time.perf_counter() - t0:.1f} s", flush=True)
            apps.append(app)
            clients.append(client)
        print("\nrequest" + "".join(f" | {('SQLite' if not pg.is_dsn(db) else 'PostgreSQL'):>10}: statements"
                                      f" (round trips)  median ms" for db in stores)
              + ("   ratio" if len(stores) == 2 else ""))
        for label, url in urls(clients[0], stores[0]):
            times: list[list[float]] = [[] for _ in stores]
            counts: list[tuple[int, int]] = [(0, 0)] * len(stores)
            texts: list[Counter[str]] = [Counter() for _ in stores]
            for _ in range(repeats):
                for i, (app, client) in enumerate(zip(apps, clients)):
                    app.state.cache = VersionedCache()  # every request computes its answer
                    tally.reset()
                    start = time.perf_counter()
                    client.get(url).raise_for_status()
                    times[i].append(1000 * (time.perf_counter() - start))
                    counts[i] = (tally.count, tally.trips)
                    texts[i] = Counter(tally.texts)
            medians = [statistics.median(t) for t in times]
            line = f"  {label:36s}" + "".join(
                f" | {n:10d} ({'-' if not pg.is_dsn(db) else trips:>2}) {ms:8.1f}"
                for db, (n, trips), ms in zip(stores, counts, medians))
            if len(stores) == 2:
                line += f"   {medians[1] / medians[0]:5.2f}×"
            print(line, flush=True)
            if show:
                for db, text in zip(stores, texts):
                    for sql, n in text.most_common(8):
                        print(f"      {'sqlite' if not pg.is_dsn(db) else 'pg':6s} {n:4d}× {sql}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, help="a SQLite store")
    parser.add_argument("--db", help="its PostgreSQL copy")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="the statements most run per request")
    args = parser.parse_args()
    measure([args.store] + ([args.db] if args.db else []), args.repeats, args.show)

if __name__ == "__main__":
    main()
