#!/usr/bin/env python3
"""How long does the figures check take on a big store? (issue 15: under 1 s on 1 M events
and 100 k claims.)

Builds (or reuses) a synthetic store (bench/synthetic_store.py) and adds claims spread as
the press states them: running totals since 2002 or 2015 closed by their publication day
or a stated year, one-year figures, qualifiers, subsets, and sources among the officials
and institutions of marsad/data (in several spellings) and unknown names. Then times, best
of a few runs, on one core:
  baseline     reading every claim from the store (``Store.claims``, what `marsad claims` reads);
  as before    the check over those claims and the tallies grouped from the events and
               documents tables (the queries of schema 6, run here on the same store);
  check        `marsad check` as a Python call (claims and tallies as the check reads them
               from schema 7's rollups, comparisons, counts);
  api          GET /api/checks (first answer, then the cached one), in process.

    python bench/bench_checks.py [--events 1000000] [--claims 100000] [--db PATH] [--rebuild] [--profile]
                                 [--pg postgresql://user@host:port/postgres]

With --pg, the same store is also copied into a new PostgreSQL database (``marsad_bench_checks``
on that server: the documents, canonical events and claims the check reads, written with
triggers set aside, then the rollups computed as the migration does) and timed there.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synthetic_store  # noqa: E402

from marsad.figures.record import RecordTally  # noqa: E402
from marsad.figures.report import check, paused_gc  # noqa: E402
from marsad.store import Store, tallies  # noqa: E402
from marsad.store.migrations import pg_record_rebuild_sql  # noqa: E402

SOURCES = ["Abdelhak Khiame", "عبد الحق الخيام", "El Khiame", "Abdelhak Al Khayam", "الخيام", "bcij",
           "interior-ministry", "dgsn", "us-state-department", "Habboub Cherkaoui", "حبوب الشرقاوي",
           "media", None, None] + [f"Expert {i}" for i in range(40)]
METRICS = ["cells_dismantled", "persons_arrested", "plots_foiled", "attacks"]
QUALIFIERS = ["exact"] * 6 + ["more_than", "more_than", "at_least", "about"]
SUBSETS = [None] * 8 + ["isis-linked", "sahel-linked"]


def add_claims(db: Path, n: int, seed: int = 1) -> None:
    """Insert ``n`` claims spread over the store's documents."""
    rng = random.Random(seed)
    conn = sqlite3.connect(db, isolation_level=None)
    docs = conn.execute("SELECT id, published FROM documents WHERE published >= '2004'").fetchall()
    conn.execute("BEGIN")
    conn.execute("DELETE FROM claims")
    rows = []
    for i in range(n):
        doc, published = rng.choice(docs)
        year = int(published[:4])
        shape = rng.random()
        since = until = period = None
        if shape < 0.45:
            since = rng.choice(["2002", "2002", "2015"])
            if rng.random() < 0.3 and year > int(since) + 1:
                until = str(rng.randrange(int(since) + 1, year))
        elif shape < 0.85:
            period = str(rng.randrange(2002, year + 1))
        metric = rng.choice(METRICS)
        value = rng.randrange(1, 40) if period else rng.randrange(50, 4000)
        rows.append((doc, i, metric, value, rng.choice(QUALIFIERS), since, until, period, rng.choice(SUBSETS),
                     rng.choice(SOURCES), json.dumps([[0, 10]])))
    conn.executemany("INSERT INTO claims (document_id, ordinal, metric, value, qualifier, since, until, period, "
                     "subset, source, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.close()


def old_tallies(conn) -> tuple[list, list, int]:
    """The record's tallies as schema 6 read them: grouped from the events and documents tables."""
    return (*tallies.tallies_from_scratch(conn), tallies.undated_events(conn))


def copy_to_pg(db: Path, server: str, name: str = "marsad_bench_checks") -> str:
    """A new PostgreSQL store holding ``db``'s documents, canonical events and claims; its DSN."""
    import psycopg
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    dsn = server.rsplit("/", 1)[0] + "/" + name
    Store(dsn).close()  # the schema, at the current version
    src = sqlite3.connect(db)
    with psycopg.connect(dsn) as pg:
        pg.execute("SET session_replication_role = replica")  # no triggers: the rollups are computed after
        for table in ("documents", "canonical_events", "claims"):
            theirs = {r[0] for r in pg.execute("SELECT column_name FROM information_schema.columns "
                                               "WHERE table_name = %s", (table,))}
            columns = [r[1] for r in src.execute(f"PRAGMA table_info({table})") if r[1] in theirs]
            with pg.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    copy.write_row(row)
        pg.execute(pg_record_rebuild_sql())
        pg.execute("ANALYZE")
    src.close()
    return dsn


def timings(target: str) -> dict[str, object]:
    """Best-of-three times of the baseline, the check and its filtered form on ``target``."""
    with Store(target, create=False) as store:
        base, _ = best(lambda: store.claims())

        def run():
            with paused_gc():
                return check(store.figure_claims(), RecordTally(*store.figure_tallies()))

        def run_conflict():
            with paused_gc():
                return check(store.figure_claims(), RecordTally(*store.figure_tallies()), verdict="conflict",
                             source="khiame")
        full, result = best(run)
        conflict, _ = best(run_conflict)
    return {"base": base, "full": full, "conflict": conflict, "result": result}


def best(fn, repeat: int = 3) -> tuple[float, object]:
    out, times = None, []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--documents", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/marsad-bench-checks.db"))
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--profile", action="store_true", help="print where `marsad check` spends its time")
    ap.add_argument("--pg", metavar="DSN", help="also time the check on a copy in PostgreSQL (a server's DSN)")
    args = ap.parse_args()
    if args.rebuild or not args.db.exists():
        t = time.perf_counter()
        synthetic_store.build(args.db, events=args.events, documents=args.documents)
        print(f"built {args.db}: {args.events:,} events, {args.documents:,} documents in {time.perf_counter() - t:.0f} s")
    add_claims(args.db, args.claims)
    with Store(args.db, create=False) as store:
        events = store.conn.execute("SELECT COUNT(*) FROM canonical_events").fetchone()[0]
        print(f"store: {events:,} canonical events, {args.claims:,} claims")
        base, claims = best(lambda: store.claims())

        def before():
            return check(store.claims(), RecordTally(*old_tallies(store.conn)))

        def run():  # as `marsad check` runs it
            with paused_gc():
                return check(store.figure_claims(), RecordTally(*store.figure_tallies()))
        old, old_result = best(before, repeat=1)
        full, result = best(run)
        assert json.dumps(old_result) == json.dumps(result), "the answer changed"
        def run_conflict():
            with paused_gc():
                return check(store.figure_claims(), RecordTally(*store.figure_tallies()), verdict="conflict",
                             source="khiame")
        conflict, _ = best(run_conflict)
        if args.profile:
            cProfile.runctx("run()", globals(), {"run": run}, "/tmp/bench_checks.prof")
            pstats.Stats("/tmp/bench_checks.prof").sort_stats("cumtime").print_stats(25)
    from fastapi.testclient import TestClient

    from marsad.server.app import create_app
    with TestClient(create_app(args.db, index="off")) as client:
        t = time.perf_counter()
        r = client.get("/api/checks", params={"metric": "cells_dismantled"})
        first = time.perf_counter() - t
        assert r.status_code == 200, r.text[:200]
        cached, _ = best(lambda: client.get("/api/checks", params={"metric": "cells_dismantled"}))
    print(f"{'baseline: read every claim':42s} {base:7.3f} s")
    print(f"{'as before: check over schema 6 queries':42s} {old:7.3f} s   (the same answer)")
    print(f"{'marsad check (all metrics)':42s} {full:7.3f} s   {len(result['figures']):,} figures, "
          f"{len(result['checks']):,} checks")
    print(f"{'marsad check --source khiame --verdict conflict':42s} {conflict:7.3f} s")
    print(f"{'GET /api/checks?metric=cells_dismantled':42s} {first:7.3f} s first, {cached:.3f} s cached")
    print(f"goal (issue 15): check and /api/checks under 1 s: {'met' if max(full, first) < 1 else 'NOT met'}")
    if args.pg:
        t = time.perf_counter()
        dsn = copy_to_pg(args.db, args.pg)
        print(f"copied to PostgreSQL in {time.perf_counter() - t:.0f} s")
        pg = timings(dsn)
        assert json.dumps(pg["result"]) == json.dumps(result), "PostgreSQL's answer differs from SQLite's"
        with TestClient(create_app(dsn, index="off")) as client:
            t = time.perf_counter()
            r = client.get("/api/checks", params={"metric": "cells_dismantled"})
            pg_first = time.perf_counter() - t
            assert r.status_code == 200, r.text[:200]
        print(f"{'PostgreSQL baseline: read every claim':42s} {pg['base']:7.3f} s")
        print(f"{'PostgreSQL marsad check (all metrics)':42s} {pg['full']:7.3f} s   (the same answer as SQLite's)")
        print(f"{'PostgreSQL check --source khiame --verdict conflict':42s} {pg['conflict']:7.3f} s")
        print(f"{'PostgreSQL GET /api/checks?metric=cells_dismantled':42s} {pg_first:7.3f} s first")


if __name__ == "__main__":
    main()
