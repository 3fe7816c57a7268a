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
  check        `marsad check` as a Python call (claims read as rows and tallies from schema 7's
               rollups, comparisons, counts, every figure and check as JSON);
  cli          `marsad check` as a process (its table of checks), the command a user types;
  api          GET /api/checks (first answer, then the cached one), in process: a metric's every
               figure (as before), and what the dashboard asks (one series, 8 figures a check).
  paged        what a user waits for since the answers are paged (from the claims' stored footing):
               `marsad check` (its first 50 checks) and `marsad check --metric cells_dismantled` as
               processes; GET /api/checks (first page), a filtered page and the dashboard's request,
               each the first answer of a fresh app; the first page as a Python call; beside them
               the baselines of the same run: reading the footing rows, and a `marsad claims` process.

Times are wall clock, best of a few runs, with the CPU time of that run beside them (on a
shared machine the CPU time moves less with the load).

    python bench/bench_checks.py [--events 1000000] [--claims 100000] [--db PATH] [--rebuild] [--profile]
                                 [--pg postgresql://user@host:port/postgres] [--before DIR] [--paged-only]

--paged-only times the paged answers alone (not the whole check, its older forms or --before).

With --pg, the same store is also copied into a new PostgreSQL database (``marsad_bench_checks``
on that server: the documents, canonical events and claims the check reads, written with
triggers set aside, then the rollups computed as the migration does) and timed there.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import sqlite3
import subprocess
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
    conn.execute("DELETE FROM claim_footing")  # (no foreign keys on this connection: no cascade)
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


def run_check(store: Store, **filters) -> dict:
    """`marsad check` as a Python call: the claims as rows, the tallies, the whole answer."""
    with paused_gc():
        return check(store.figure_rows(), RecordTally(*store.figure_tallies()), **filters)


def timings(target: str) -> dict[str, object]:
    """Best-of-three times of the baseline, the check and its filtered form on ``target``."""
    with Store(target, create=False) as store:
        base, _ = best(lambda: store.claims())
        full, result = best(lambda: run_check(store))
        conflict, _ = best(lambda: run_check(store, verdict="conflict", source="khiame"))
    return {"base": base, "full": full, "conflict": conflict, "result": result}


def best(fn, repeat: int = 3) -> tuple[tuple[float, float], object]:
    """((wall, cpu) of the fastest run, its result)."""
    out, times = None, []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        times.append((time.perf_counter() - t, time.process_time() - c))
    return min(times), out


def cli(db: Path, repeat: int = 3) -> tuple[float, float]:
    """(wall, cpu) of the fastest `marsad check --db DB` process (its table to /dev/null)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        before = os.times()
        subprocess.run([sys.executable, "-c", "import sys; from marsad.cli import main; sys.exit(main())",
                        "check", "--db", str(db)], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        after = os.times()
        times.append((time.perf_counter() - t, after.children_user - before.children_user
                      + after.children_system - before.children_system))
    return min(times)


def api(target, params: dict) -> tuple[tuple[float, float], float, int]:
    """((wall, cpu) of the first answer in a fresh app, wall of the cached one, bytes)."""
    from fastapi.testclient import TestClient

    from marsad.server.app import create_app
    with TestClient(create_app(target, index="off")) as client:
        t, c = time.perf_counter(), time.process_time()
        r = client.get("/api/checks", params=params)
        first = (time.perf_counter() - t, time.process_time() - c)
        assert r.status_code == 200, r.text[:200]
        cached, _ = best(lambda: client.get("/api/checks", params=params))
    return first, cached[0], len(r.content)


# a command as a user runs it: with Python's bytecode cache (PYTHONDONTWRITEBYTECODE, set on some
# machines, would have every process compile marsad's sources again: ~0.2 s of CPU)
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def process(args: list[str], repeat: int = 3) -> tuple[float, float]:
    """(wall, cpu) of the fastest `marsad ARGS` process (its output to /dev/null)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "marsad")], env=USER_ENV,
                   stdout=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        before = os.times()
        subprocess.run([sys.executable, "-c", "import sys; from marsad.cli import main; sys.exit(main())", *args],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=USER_ENV)
        after = os.times()
        times.append((time.perf_counter() - t, after.children_user - before.children_user
                      + after.children_system - before.children_system))
    return min(times)


def api_first(target, requests: list[dict], repeat: int = 3) -> list[tuple[tuple[float, float], int]]:
    """For each request, ((wall, cpu) of the fastest first answer in a fresh app, bytes): each
    round opens a new app (nothing cached) and asks the requests in turn."""
    from fastapi.testclient import TestClient

    from marsad.server.app import create_app
    best_of: list[list] = [[] for _ in requests]
    size = [0] * len(requests)
    for _ in range(repeat):
        with TestClient(create_app(target, index="off")) as client:
            for i, params in enumerate(requests):
                t, c = time.perf_counter(), time.process_time()
                r = client.get("/api/checks", params=params)
                best_of[i].append((time.perf_counter() - t, time.process_time() - c))
                assert r.status_code == 200, r.text[:200]
                size[i] = len(r.content)
    return [(min(b), n) for b, n in zip(best_of, size)]


PAGED_API = [("GET /api/checks (first page: 100 checks)", {}),
             ("GET /api/checks?source=khiame&verdict=conflict", {"source": "khiame", "verdict": "conflict"}),
             ("GET /api/checks (the dashboard's)", {"metric": "cells_dismantled", "figures": "first", "per_check": 8,
                                                    "order": "verdict", "limit": 100})]


CITIES = ["Oujda", "Tangier", "Fes", "Agadir", "Tetouan", "Nador", "Meknes", "Safi"]


def ingest_one(target, n: int) -> tuple[float, float]:
    """`marsad ingest` of one new article reporting an operation (a document, an event mention and
    its canonical event: the record changes); (wall, cpu) of that process."""
    path = Path(f"/tmp/bench_checks_article_{os.getpid()}_{n}.jsonl")
    stamp = f"{time.time_ns()}-{n}"
    path.write_text(json.dumps({
        "id": f"bench-op-{stamp}", "lang": "en", "published": f"2019-{1 + n % 12:02d}-{10 + n % 15}",
        "url": f"https://bench{n}.example/op/{stamp}",
        "text": f"RABAT - Moroccan police on Monday dismantled a terrorist cell of {3 + n % 5} members loyal to the "
                f"Islamic State in {CITIES[n % len(CITIES)]}, the Interior Ministry said ({stamp})."}) + "\n")
    try:
        return process(["ingest", "--db", str(target), "-j", "1", str(path)], repeat=1)
    finally:
        path.unlink()


def after_change(target) -> None:
    """The first `marsad check` after the record changed, as a user meets it: each round ingests
    an article, then times one check (the kept totals catch up with the logged changes); beside
    it, in the same run, the same check when no totals are kept (as before: the record's tallies
    read and every claim period's total worked out), and a check at an unchanged store."""
    caught_up, rebuilt, steady = [], [], []
    for n in range(3):
        ingest_one(target, n)
        caught_up.append(process(["check", "--db", str(target)], repeat=1))
        steady.append(process(["check", "--db", str(target)], repeat=1))
        with Store(target, create=False) as store:
            store.conn.execute("DELETE FROM record_totals")
        rebuilt.append(process(["check", "--db", str(target)], repeat=1))
    line("baseline: marsad check, the store unchanged", min(steady))
    line("baseline: marsad check, no totals kept (tallies read)", min(rebuilt), "(what every first check after "
         "a change paid before)")
    line("marsad check, the first after an ingest", min(caught_up), "(kept totals catch up)")
    return min(caught_up)


def paged(db: Path, target=None) -> float:
    """Time the paged answers on ``db`` (and the API on ``target`` when given); the slowest wall time."""
    from marsad.figures.paged import check_page, page_json
    target = target or db
    with Store(target, create=False) as store:
        t = time.perf_counter()
        filled = store.fill_footing()
        if filled:
            print(f"footing of {filled:,} claims written in {time.perf_counter() - t:.1f} s (once)")
        footing, rows = best(lambda: store.conn.execute("SELECT * FROM claim_footing").fetchall())

        def first_page():
            with paused_gc():
                return page_json(check_page(store.footing_reader(), limit=50, figures="none"),
                                 RecordTally(*store.figure_tallies()), listed=6)
        call, page = best(first_page)
    line("baseline: read the footing rows (SELECT claim_footing)", footing, f"{len(rows):,} rows")
    line("first page as a Python call (50 checks, tallies read)", call, f"of {page['total']:,} checks")
    slowest = call[0]
    print(f"load: {os.getloadavg()[0]:.2f}")
    claims = process(["claims", "--db", str(target), "--limit", "50"])
    line("baseline: marsad claims --limit 50 (process)", claims)
    for label, args in (("marsad check (process: the first 50 checks)", []),
                        ("marsad check --metric cells_dismantled (process)", ["--metric", "cells_dismantled"]),
                        ("marsad check --source khiame --verdict conflict", ["--source", "khiame", "--verdict",
                                                                             "conflict"]),
                        ("marsad check --source khiame (process)", ["--source", "khiame"])):
        t = process(["check", "--db", str(target), *args])
        line(label, t)
        slowest = max(slowest, t[0])
    print(f"load: {os.getloadavg()[0]:.2f}")
    slowest = max(slowest, after_change(target)[0])
    print(f"load: {os.getloadavg()[0]:.2f}")
    for (label, _), (t, size) in zip(PAGED_API, api_first(target, [p for _, p in PAGED_API])):
        line(label, t, f"first answer of a fresh app; {size / 1e6:.2f} MB")
        slowest = max(slowest, t[0])
    return slowest


def line(label: str, t: tuple[float, float], note: str = "") -> None:
    print(f"{label:50s} {t[0]:7.3f} s  (cpu {t[1]:6.3f} s){'   ' + note if note else ''}")


DASHBOARD = PAGED_API[2][1]

# Times one checkout's check on a store, in a fresh process: python -c PROBE ROOT DB -> JSON
# {step: [wall, cpu]} (best of three). It runs an older checkout too (Store.figure_rows is new:
# an older one reads Store.figure_claims).
PROBE = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from fastapi.testclient import TestClient
from marsad.figures.record import RecordTally
from marsad.figures.report import check, paused_gc
from marsad.server.app import create_app
from marsad.store import Store

def best(fn):
    out = []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - t, time.process_time() - c))
    return min(out)

def run(store, **filters):
    read = getattr(store, "figure_rows", None) or store.figure_claims
    with paused_gc():
        return check(read(), RecordTally(*store.figure_tallies()), **filters)

res = {}
with Store(sys.argv[2], create=False) as store:
    res["baseline"] = best(store.claims)
    res["check"] = best(lambda: run(store))
    res["check --source khiame --verdict conflict"] = best(lambda: run(store, source="khiame", verdict="conflict"))
with TestClient(create_app(sys.argv[2], index="off")) as client:
    t, c = time.perf_counter(), time.process_time()
    assert client.get("/api/checks", params={"metric": "cells_dismantled"}).status_code == 200
    res["api ?metric=cells_dismantled (first answer)"] = (time.perf_counter() - t, time.process_time() - c)
print(json.dumps(res))
"""


def before_after(db: Path, before: Path, rounds: int = 3) -> None:
    """``before``'s check and this checkout's on ``db``, in fresh processes taking turns (the
    load of a shared machine falls on both alike); the best of each step, and after / before."""
    runs: dict[str, dict[str, list]] = {"before": {}, "after": {}}
    for _ in range(rounds):
        for name, root in (("before", before), ("after", ROOT)):
            out = subprocess.run([sys.executable, "-c", PROBE, str(root), str(db)], check=True, capture_output=True,
                                 text=True, cwd=root)
            for step, t in json.loads(out.stdout.strip().splitlines()[-1]).items():
                runs[name].setdefault(step, []).append(t)
    print(f"before ({before}) and after (this checkout), {rounds} rounds taking turns; best wall (its cpu):")
    for step in runs["after"]:
        b, a = min(runs["before"][step]), min(runs["after"][step])
        print(f"  {step:45s} before {b[0]:7.3f} s (cpu {b[1]:6.3f})   after {a[0]:7.3f} s (cpu {a[1]:6.3f})"
              f"   after/before {a[0] / b[0]:.2f} (cpu {a[1] / b[1]:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--documents", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/marsad-bench-checks.db"))
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--profile", action="store_true", help="print where `marsad check` spends its time")
    ap.add_argument("--pg", metavar="DSN", help="also time the check on a copy in PostgreSQL (a server's DSN)")
    ap.add_argument("--before", type=Path, metavar="DIR", help="also time an older checkout's check on the same "
                    "store, taking turns with this one's (e.g. `git archive main | tar -x -C DIR`)")
    ap.add_argument("--paged-only", action="store_true", help="time the paged answers alone")
    args = ap.parse_args()
    if args.rebuild or not args.db.exists():
        t = time.perf_counter()
        synthetic_store.build(args.db, events=args.events, documents=args.documents)
        print(f"built {args.db}: {args.events:,} events, {args.documents:,} documents in {time.perf_counter() - t:.0f} s")
    add_claims(args.db, args.claims)
    slowest = paged(args.db)
    print(f"goal (issue 15): marsad check and /api/checks (paged) under 1 s: {'met' if slowest < 1 else 'NOT met'} "
          f"(slowest {slowest:.2f} s wall)")
    if args.paged_only:
        if args.pg:
            t = time.perf_counter()
            dsn = copy_to_pg(args.db, args.pg)
            print(f"copied to PostgreSQL in {time.perf_counter() - t:.0f} s")
            print("PostgreSQL:")
            paged(args.db, dsn)
        return
    with Store(args.db, create=False) as store:
        events = store.conn.execute("SELECT COUNT(*) FROM canonical_events").fetchone()[0]
        print(f"store: {events:,} canonical events, {args.claims:,} claims")
        base, claims = best(lambda: store.claims())

        def before():
            return check(store.claims(), RecordTally(*old_tallies(store.conn)))
        old, old_result = best(before, repeat=1)
        full, result = best(lambda: run_check(store))
        assert json.dumps(old_result) == json.dumps(result), "the answer changed"
        conflict, _ = best(lambda: run_check(store, verdict="conflict", source="khiame"))
        if args.profile:
            cProfile.runctx("run_check(store)", globals(), {"run_check": run_check, "store": store},
                            "/tmp/bench_checks.prof")
            pstats.Stats("/tmp/bench_checks.prof").sort_stats("cumtime").print_stats(25)
    process = cli(args.db)
    every = api(args.db, {"metric": "cells_dismantled", "figures": "all", "limit": 1000})
    dash = api(args.db, DASHBOARD)
    line("baseline: read every claim (Store.claims)", base)
    line("as before: check over schema 6 queries", old, "(the same answer)")
    line("marsad check (all metrics, Python call)", full,
         f"{len(result['figures']):,} figures, {len(result['checks']):,} checks")
    line("marsad check --source khiame --verdict conflict", conflict)
    line("marsad check (process, table)", process)
    line("GET /api/checks?metric=cells_dismantled&figures=all&limit=1000", every[0],
         f"first; {every[1]:.3f} s cached; {every[2] / 1e6:.1f} MB")
    line("GET /api/checks?" + "&".join(f"{k}={v}" for k, v in DASHBOARD.items()), dash[0],
         f"first; {dash[1]:.3f} s cached; {dash[2] / 1e6:.1f} MB (the dashboard's)")
    print(f"ratios to the baseline: check {full[0] / base[0]:.2f} (cpu {full[1] / base[1]:.2f}), "
          f"process {process[0] / base[0]:.2f}, api {every[0][0] / base[0]:.2f}, dashboard's api "
          f"{dash[0][0] / base[0]:.2f}")
    slowest = max(full[0], process[0], every[0][0], dash[0][0])
    print(f"the whole answer (every figure and check): {slowest:.2f} s wall at the slowest")
    if args.before:
        before_after(args.db, args.before)
    if args.pg:
        t = time.perf_counter()
        dsn = copy_to_pg(args.db, args.pg)
        print(f"copied to PostgreSQL in {time.perf_counter() - t:.0f} s")
        pg = timings(dsn)
        assert json.dumps(pg["result"]) == json.dumps(result), "PostgreSQL's answer differs from SQLite's"
        pg_every = api(dsn, {"metric": "cells_dismantled", "figures": "all", "limit": 1000})
        pg_dash = api(dsn, DASHBOARD)
        line("PostgreSQL baseline: read every claim", pg["base"])
        line("PostgreSQL marsad check (all metrics)", pg["full"], "(the same answer as SQLite's)")
        line("PostgreSQL check --source khiame --verdict conflict", pg["conflict"])
        line("PostgreSQL GET /api/checks?metric=cells_dismantled", pg_every[0], "first")
        line("PostgreSQL GET /api/checks (the dashboard's)", pg_dash[0], "first")


if __name__ == "__main__":
    main()
