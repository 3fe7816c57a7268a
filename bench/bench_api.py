#!/usr/bin/env python3
"""Latency of ``marsad serve`` under concurrent load on loopback (issue 4's benchmark).

What it measures: the real app (``marsad serve``: FastAPI on uvicorn, ``--workers`` worker
processes, by default as many as ``marsad serve`` starts: one per core, at most four)
over a synthetic store of N canonical events (bench/synthetic_store.py, default
1,000,000), driven by ``wrk`` (Debian's package; ``apt-get install -y wrk``) from its
own process, or by a Python asyncio/httpx load generator in its own process when wrk is
not installed. Each scenario runs ``--connections`` concurrent keep-alive connections
for ``--duration`` seconds, rotating through a list of URLs:

  events        /api/events with a mix of filters: none; type; a since/until year range;
                a place (a busy one and a quiet one); an org; a region; type+place+year;
                sorted by -arrested; second pages (the next_cursor of a first request);
  events-cold   /api/events over ~5,000 distinct filter and sort combinations (the shapes
                of stats-cold below, sorts rotating), so every request computes its page;
  stats         /api/stats with the same filters; the app caches stats answers per store
                version (marsad/server/cache.py), so repeated filters are cache hits;
  stats-cold    /api/stats over ~5,000 distinct filter combinations (same shapes, varied
                places, orgs, types and years), more than the workers cache (1,024 answers each),
                so every request computes its answer;
  details       the dashboard's event and document pages (/api/events/ID, /api/documents/ID)
                of 200 events and 200 documents spread over the store (never cached);
  claims        /api/claims?limit=500 (the claims page), with and without a metric, a source or a
                date, and later pages of one metric from real next_cursors;
  search        /api/search (the search page) with Arabic, English and French words;
  events-q      /api/events?q= (the events page with words: events whose sources hold them);
  baseline      GET /api/meta: a cached answer of about the size of an events page (~45 KB
                of JSON), so the framework's own cost per request without any query;
  static        GET /static/favicon.svg (a 231-byte file): the floor of HTTP + ASGI.

Printed per scenario: requests, throughput (req/s), p50/p95/p99 latency in ms, errors
(non-2xx answers plus socket errors and timeouts), the server's CPU use, and PASS/FAIL
against the target. Before the load, every URL is checked to answer 200, and each URL
of the events and stats mixes is timed alone (unloaded: median of a few requests; for
stats the first, uncached request too), to point at a slow filter when a scenario fails.

The server keeps its in-memory event index (marsad/store/event_index.py) unless run with
``--no-index``; the load starts once /api/health says the index is ready in every worker.

Target (issue 4): p95 under 50 ms for /api/events with filters and /api/stats on
1,000,000 events.

    python bench/bench_api.py                 # 1,000,000 events, 20 s per scenario, 8 connections
    python bench/bench_api.py --quick         # 100,000 events, 5 s per scenario
    python bench/bench_api.py --db postgresql://marsad@127.0.0.1:5432/bench --both
                                              # SQLite and its PostgreSQL copy in one run
    python bench/bench_api.py [--events N] [--claims N] [--seed 1] [--store PATH] [--cache-dir DIR]
                              [--connections 8] [--duration 20] [--threads 1]
                              [--scenarios events,events-cold,stats,stats-cold,details,claims,baseline,static,search,events-q]
                              [--db postgresql://… [--both]]
                              [--workers N] [--loadgen wrk|python] [--no-index]

The store is built once and reused: its file name under ``--cache-dir`` (default
/tmp/marsad-bench) holds N, the numbers of documents and claims, the seed and a hash of the
schema version (so a store of an older schema is not reused); with
``--store PATH`` that file is used when it holds N events, else built there.
With ``--db DSN`` the store is copied into that PostgreSQL database (unless it holds N
events already) and served from there; with ``--both`` as well, both stores are served at
once and each scenario runs on one then the other (alternating which goes first), so the
two backends are compared under the same load in the same run.
Server and load generator share this machine's cores (the output says how many).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

TARGET_P95_MS = 50.0
COLD_STATS_URLS = 5000  # > the answers all workers cache (1,024 each), cycled in order: misses
SINGLE_REPEATS = 5
COLD_CHECKED = 300  # cold URLs checked (and timed) one at a time before the load


# -- the store ---------------------------------------------------------------------------------

def _schema_version() -> str:
    """The schema this checkout writes: its version and a hash of the migrations' text, so a
    store built by other migrations is built anew."""
    import hashlib

    from marsad.store.migrations import MIGRATIONS
    return f"{len(MIGRATIONS)}-{hashlib.sha1(''.join(MIGRATIONS).encode()).hexdigest()[:8]}"


def _store_events(path: Path) -> int | None:
    """Canonical events in the store at ``path`` (None when it is not a usable store)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def ensure_store(args: argparse.Namespace) -> Path:
    """The synthetic store for ``args`` (built unless a right one is there); prints the build time."""
    if args.store:
        path = Path(args.store)
    else:
        cache = Path(args.cache_dir)
        cache.mkdir(parents=True, exist_ok=True)
        path = cache / (f"marsad-synthetic-{args.events}ev-{args.documents}docs-{args.claims}claims"
                        f"-seed{args.seed}-v{_schema_version()}.db")
    info = Path(f"{path}.build.json")
    if path.is_file() and _store_events(path) == args.events:
        built = json.loads(info.read_text()) if info.is_file() else {}
        took = f"; it took {built['seconds']:.1f} s to build" if "seconds" in built else ""
        print(f"store: reusing {path} ({args.events:,} events, "
              f"{path.stat().st_size / 1e6:.0f} MB{took})", flush=True)
        return path
    from bench import synthetic_store
    print(f"store: building {args.events:,} events, {args.documents:,} documents, {args.claims:,} claims "
          f"-> {path} ...",
          flush=True)
    tmp = path.with_name(path.name + ".building")
    started = time.perf_counter()
    synthetic_store.build(tmp, events=args.events, documents=args.documents, seed=args.seed, claims=args.claims)
    seconds = time.perf_counter() - started
    conn = sqlite3.connect(tmp)  # fold any WAL into the file before it is moved
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    info.write_text(json.dumps({"seconds": seconds, "events": args.events, "documents": args.documents,
                                "claims": args.claims, "seed": args.seed}))
    print(f"store: built in {seconds:.1f} s ({path.stat().st_size / 1e6:.0f} MB)", flush=True)
    return path


def ensure_postgresql(source: Path, dsn: str, events: int) -> str:
    """The PostgreSQL database ``dsn`` holding the synthetic store ``source`` (copied unless it
    holds ``events`` canonical events already); prints the copy time."""
    from bench import synthetic_store
    from marsad.store import pg

    try:
        import psycopg
        with psycopg.connect(dsn) as conn:
            held = conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    except Exception:  # no database or no schema yet
        held = None
    if held == events:
        print(f"store: reusing {pg.redact(dsn)} ({events:,} events)", flush=True)
        return dsn
    started = time.perf_counter()
    copied = synthetic_store.to_postgresql(source, dsn)
    print(f"store: copied {copied:,} events into {pg.redact(dsn)} in {time.perf_counter() - started:.1f} s",
          flush=True)
    return dsn


# -- the URLs ----------------------------------------------------------------------------------

def _values(db: Path) -> dict:
    """Filter values from the store: busy and quiet places, the busiest region, orgs, years."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        # Moroccan places only (with a region): synthetic_store.py also picks foreign cities
        places = [r[0] for r in conn.execute(
            "SELECT v.value FROM canonical_values v JOIN places p ON p.id = v.value "
            "WHERE v.field = 'places' AND p.country = 'MA' AND coalesce(p.region, '') != '' "
            "GROUP BY v.value ORDER BY count(*) DESC, v.value")]
        regions = [r[0] for r in conn.execute(
            "SELECT p.region FROM canonical_values v JOIN places p ON p.id = v.value "
            "WHERE v.field = 'places' AND coalesce(p.region, '') != '' GROUP BY p.region "
            "ORDER BY count(*) DESC, p.region")]
        orgs = [r[0] for r in conn.execute(
            "SELECT value FROM canonical_values WHERE field = 'affiliation' GROUP BY value "
            "ORDER BY count(*) DESC, value")]
        low, high = conn.execute(
            "SELECT min(substr(date_start, 1, 4)), max(substr(date_start, 1, 4)) FROM canonical_events "
            "WHERE date_start IS NOT NULL").fetchone()
    finally:
        conn.close()
    return {"places": places, "regions": regions, "orgs": orgs, "years": list(range(int(low), int(high) + 1))}


def _url(path: str, **params: object) -> str:
    return path + ("?" + urlencode(params) if params else "")


def filter_mix(v: dict) -> list[tuple[str, dict]]:
    """(label, params) of the filter mix shared by /api/events and /api/stats."""
    busy, quiet = v["places"][0], v["places"][min(len(v["places"]) - 1, 60)]
    mid = v["years"][len(v["years"]) // 2]
    return [
        ("no filter", {}),
        ("type=cell_dismantled", {"type": "cell_dismantled"}),
        ("type=attack", {"type": "attack"}),
        (f"since={mid - 3}&until={mid - 1}", {"since": mid - 3, "until": mid - 1}),
        (f"since={mid}-03-15&until={mid}-06-10", {"since": f"{mid}-03-15", "until": f"{mid}-06-10"}),
        (f"place={busy} (busiest MA)", {"place": busy}),
        (f"place={quiet} (61st MA)", {"place": quiet}),
        (f"org={v['orgs'][0]}", {"org": v["orgs"][0]}),
        (f"org={v['orgs'][-1]}", {"org": v["orgs"][-1]}),
        (f"region={v['regions'][0]}", {"region": v["regions"][0]}),
        (f"type+place={busy}+year={mid}", {"type": "cell_dismantled", "place": busy, "since": mid, "until": mid}),
        (f"org+place={busy}", {"org": v["orgs"][0], "place": busy}),
    ]


def events_urls(client: httpx.Client, v: dict) -> list[tuple[str, str]]:
    """(label, url) of the /api/events mix, with second pages from real next_cursors."""
    busy = v["places"][0]
    out = [(label, _url("/api/events", **params)) for label, params in filter_mix(v)]
    out += [("sort=-arrested", _url("/api/events", sort="-arrested")),
            (f"sort=-arrested&place={busy}", _url("/api/events", sort="-arrested", place=busy)),
            ("sort=-sources&type=arrest", _url("/api/events", sort="-sources", type="arrest"))]
    for label, params in [("page 2: no filter", {}),
                          (f"page 2: org={v['orgs'][0]}", {"org": v["orgs"][0]}),
                          ("page 2: sort=-arrested", {"sort": "-arrested"})]:
        first = client.get(_url("/api/events", **params))
        first.raise_for_status()
        cursor = first.json()["next_cursor"]
        if cursor is None:
            raise SystemExit(f"no next_cursor for {params}: the store is too small for a second page")
        out.append((label, _url("/api/events", **params, cursor=cursor)))
    return out


def stats_urls(v: dict) -> list[tuple[str, str]]:
    return [(label, _url("/api/stats", **params)) for label, params in filter_mix(v)]


EVENT_SORTS = ("-date", "-arrested", "-sources", "date")
COLD_SHAPES = ("place", "type+year range", "org+since", "region+until+type", "type+place+year",
               "since/until mid-month (no rollup)")


def cold_stats_urls(v: dict, n: int = COLD_STATS_URLS, path: str = "/api/stats") -> list[tuple[str, str]]:
    """``n`` distinct (shape, URL of ``path``) of the mix's shapes with varied values (and, for
    /api/events, rotating sorts)."""
    types = ("cell_dismantled", "arrest", "seizure", "attack")
    years, places, orgs, regions = v["years"], v["places"], v["orgs"], v["regions"]
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    i = 0
    while len(out) < n:
        y = years[i % len(years)]
        shapes = [
            {"place": places[i % len(places)]},
            {"type": types[i % 4], "since": y, "until": y + i // len(years) % 4},
            {"org": orgs[i % len(orgs)], "since": y},
            {"region": regions[i % len(regions)], "until": y, "type": types[(i // 7) % 4]},
            {"type": types[i % 4], "place": places[(i * 7) % len(places)], "since": y, "until": y},
            {"since": f"{y}-{1 + i % 12:02d}-{1 + i % 27:02d}", "until": f"{y}-{1 + i % 12:02d}-28"},
        ]
        shape = shapes[i % len(shapes)]
        if path == "/api/events":
            shape = {**shape, "sort": EVENT_SORTS[(i // len(shapes)) % len(EVENT_SORTS)]}
        url = _url(path, **shape)
        if url not in seen:
            seen.add(url)
            out.append((COLD_SHAPES[i % len(shapes)], url))
        i += 1
        if i > 100 * n:
            break
    return out


# -- the server --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int | None, index: bool = True,
                 timeout: float = 900) -> subprocess.Popen:
    """``marsad serve --db DB --port PORT [--workers N] [--no-index]`` until /api/meta answers
    200 and, with the index, until every worker's event index is ready."""
    cmd = [sys.executable, "-c", "from marsad.cli import main; main()",
           "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    if workers:
        cmd += ["--workers", str(workers)]
    if not index:
        cmd.append("--no-index")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode} before it was ready")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=5).status_code == 200:
                print(f"server: marsad serve (uvicorn, {workers or 'default'} workers, pid {proc.pid}) ready on "
                      f"127.0.0.1:{port} after {time.perf_counter() - started:.1f} s", flush=True)
                if index:
                    wait_for_index(port, started, timeout)
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server was not ready in time")


INDEX_CHECKS = 30  # consecutive answers (new connections, spread over the workers) saying "ready"


def wait_for_index(port: int, started: float, timeout: float) -> None:
    """Until /api/health says the event index is ready on :data:`INDEX_CHECKS` new connections
    in a row (the kernel hands new connections to the workers in turn)."""
    ready = 0
    while ready < INDEX_CHECKS:
        if time.perf_counter() - started > timeout:
            raise SystemExit("the event index was not ready in time")
        state = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=30).json()["index"]
        if state in ("off", "refused"):
            raise SystemExit(f"the event index is {state}")
        ready = ready + 1 if state == "ready" else 0
        time.sleep(0.01 if state == "ready" else 0.5)
    print(f"server: event index ready in every worker after {time.perf_counter() - started:.1f} s", flush=True)


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its worker processes (Linux /proc)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return _own_cpu_seconds(pid) + sum(cpu_seconds(int(c)) for c in children)


def _own_cpu_seconds(pid: int) -> float:
    try:
        parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


# -- checks and single-request timings ---------------------------------------------------------

def check_all(client: httpx.Client, urls: list[str]) -> list[float]:
    """Every URL answers 200 (SystemExit otherwise); the ms each took."""
    bad, times = [], []
    for url in urls:
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            bad.append(f"{r.status_code} {url}: {r.text[:200]}")
    if bad:
        raise SystemExit("URLs that do not answer 200:\n  " + "\n  ".join(bad))
    return times


def time_single(client: httpx.Client, labelled: list[tuple[str, str]]) -> list[tuple[str, float, float]]:
    """(label, first request ms, median ms of the next few) for each URL, one request at a time."""
    out = []
    for label, url in labelled:
        times = []
        for _ in range(1 + SINGLE_REPEATS):
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{r.status_code} {url}: {r.text[:200]}")
        out.append((label, times[0], statistics.median(times[1:])))
    return out


# -- load: wrk ---------------------------------------------------------------------------------

WRK_LUA = """\
local paths = {%(paths)s}
local counter = 0
errors = 0  -- global: done() reads it from each thread with thread:get
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = math.floor(tid * #paths / %(threads)d)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  if status < 200 or status > 299 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local non2xx = 0
  for _, t in ipairs(threads) do non2xx = non2xx + t:get("errors") end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %%d, "duration_us": %%d, "non2xx": %%d, "socket_errors": %%d, ' ..
    '"timeouts": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d, "mean_us": %%f}\\n',
    summary.requests, summary.duration, non2xx, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
"""


def run_wrk(base: str, paths: list[str], args: argparse.Namespace) -> dict:
    threads = max(1, min(args.threads, args.connections))
    lua = WRK_LUA % {"paths": ",\n  ".join(json.dumps(p) for p in paths), "threads": threads}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
        script = f.name
    try:
        cmd = ["wrk", "-t", str(threads), "-c", str(args.connections), "-d", f"{args.duration}s",
               "--timeout", "10s", "--latency", "-s", script, base]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    finally:
        os.unlink(script)
    for line in out.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            r = json.loads(line.split(" ", 1)[1])
            return {"requests": r["requests"], "seconds": r["duration_us"] / 1e6,
                    "errors": r["non2xx"] + r["socket_errors"] + r["timeouts"],
                    "p50": r["p50_us"] / 1000, "p95": r["p95_us"] / 1000, "p99": r["p99_us"] / 1000,
                    "max": r["max_us"] / 1000}
    raise SystemExit(f"wrk gave no result (status {out.returncode}):\n{out.stdout}\n{out.stderr}")


# -- load: Python (when wrk is missing) --------------------------------------------------------

def _python_load_main() -> None:
    """Child process: ``--python-load BASE CONNECTIONS DURATION PATHS_FILE`` -> one JSON line."""
    base, connections, duration, paths_file = sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    paths = json.loads(Path(paths_file).read_text())
    latencies: list[float] = []
    errors = 0
    counter = 0

    async def worker(client: httpx.AsyncClient, stop: float) -> None:
        nonlocal errors, counter
        while time.perf_counter() < stop:
            counter += 1
            path = paths[counter % len(paths)]
            t = time.perf_counter()
            try:
                r = await client.get(path)
                if not 200 <= r.status_code < 300:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
                continue
            latencies.append(time.perf_counter() - t)

    async def run() -> float:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
            started = time.perf_counter()
            await asyncio.gather(*(worker(client, started + duration) for _ in range(connections)))
            return time.perf_counter() - started

    seconds = asyncio.run(run())
    q = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [0.0] * 99
    print(json.dumps({"requests": len(latencies) + errors, "seconds": seconds, "errors": errors,
                      "p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000,
                      "max": max(latencies, default=0) * 1000}))


def run_python_load(base: str, paths: list[str], args: argparse.Namespace) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(paths, f)
        paths_file = f.name
    try:
        out = subprocess.run([sys.executable, __file__, "--python-load", base, str(args.connections),
                              str(args.duration), paths_file], capture_output=True, text=True, check=True)
    finally:
        os.unlink(paths_file)
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- main --------------------------------------------------------------------------------------

def detail_urls(db: Path, n: int = 200) -> list[tuple[str, str]]:
    """(label, url) of the dashboard's detail pages: ``n`` canonical events and ``n`` documents
    spread over the store (their pages read the store on every request: not cached)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ev, dc = [], []
        for table, out in (("canonical_events", ev), ("documents", dc)):
            high = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
            for i in range(n):
                row = conn.execute(f"SELECT id FROM {table} WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                                   (1 + i * high // n,)).fetchone()
                if row and row[0] not in out:
                    out.append(row[0])
    finally:
        conn.close()
    return ([("event detail", f"/api/events/{e}") for e in ev]
            + [("document", f"/api/documents/{d}") for d in dc])


def search_urls() -> list[tuple[str, str]]:
    """(label, url) of the search page's requests: Arabic, English and French words."""
    return [(f"search q={w}", _url("/api/search", q=w, limit=50)) for w in SEARCH_WORDS]


def events_q_urls(v: dict) -> list[tuple[str, str]]:
    """(label, url) of the events page with words (events whose sources hold them)."""
    return ([(f"events q={w}", _url("/api/events", q=w)) for w in SEARCH_WORDS[:4]]
            + [(f"events q={SEARCH_WORDS[0]}+place", _url("/api/events", q=SEARCH_WORDS[0], place=v["places"][0]))])


SEARCH_WORDS = ("تفكيك", "خلية إرهابية", "داعش", "cell dismantled", "cellule", "BCIJ", "المكتب المركزي",
                "Maroc terroriste")


def claims_urls(client: httpx.Client) -> list[tuple[str, str]]:
    """(label, url) of the claims page's requests: first pages of 500 (all, by metric, by
    source, since a year) and later pages of one metric, from real next_cursors (the page
    reads every page of a metric)."""
    out = [("claims", _url("/api/claims", limit=500))]
    out += [(f"claims metric={m}", _url("/api/claims", metric=m, limit=500))
            for m in ("persons_arrested", "cells_dismantled")]
    out += [("claims source=interior-ministry", _url("/api/claims", source="interior-ministry", limit=500)),
            ("claims since=2015", _url("/api/claims", since=2015, limit=500))]
    cursor, page = None, 1
    while page < 10:
        params = {"metric": "persons_arrested", "limit": 500, **({"cursor": cursor} if cursor else {})}
        r = client.get(_url("/api/claims", **params))
        r.raise_for_status()
        cursor, page = r.json()["next_cursor"], page + 1
        if cursor is None:
            break
        if page in (2, 10):
            out.append((f"claims metric=persons_arrested page {page}",
                        _url("/api/claims", metric="persons_arrested", limit=500, cursor=cursor)))
    return out


@dataclass
class Backend:
    """One served store: its label, what ``--db`` names, and its running server."""
    name: str
    target: str | Path
    proc: subprocess.Popen | None = None
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--python-load":
        _python_load_main()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, help="canonical events in the store (default 1,000,000; "
                                                    "--quick: 100,000)")
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--claims", type=int, help="statistical claims in the store (default: a tenth "
                        "of the events)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store", help="use (or build) the store at this path")
    parser.add_argument("--db", help="serve from this PostgreSQL database (postgresql://…): the SQLite "
                        "store is copied into it unless it holds as many events already")
    parser.add_argument("--both", action="store_true", help="with --db: serve the SQLite store and its "
                        "PostgreSQL copy in one run, each scenario on both (in turn, alternating which "
                        "goes first)")
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir()) / "marsad-bench"))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, help="server worker processes (default: marsad serve's)")
    parser.add_argument("--duration", type=float, help="seconds per scenario (default 20; --quick: 5)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1, to leave the "
                                                               "server the other core)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--loadgen", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--quick", action="store_true", help="100,000 events, 5 s per scenario")
    parser.add_argument("--no-index", action="store_true", help="serve with --no-index (SQL answers alone)")
    args = parser.parse_args()
    args.events = args.events or (100_000 if args.quick else 1_000_000)
    args.claims = args.events // 10 if args.claims is None else args.claims
    args.duration = args.duration or (5 if args.quick else 20)
    if args.duration != int(args.duration):
        args.duration = int(round(args.duration))
    args.duration = int(args.duration)
    if args.both and not args.db:
        parser.error("--both needs --db postgresql://…")
    loadgen = args.loadgen
    if loadgen == "auto":
        loadgen = "wrk" if shutil.which("wrk") else "python"
    if loadgen == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk), or use --loadgen python")
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))} (known: {', '.join(SCENARIOS)})")

    cores = os.cpu_count() or 1
    print(textwrap.dedent(f"""\
        marsad serve under load: {args.events:,} events, {args.connections} connections,
        {args.duration} s per scenario, load by {loadgen}{f' ({args.threads} thread)' if loadgen == 'wrk' else ''}.
        Machine: {cores} cores, shared by the server ({args.workers or 'default'} uvicorn workers) and the load generator
        on loopback; figures include the load generator's own CPU use.
        Event index: {'off (--no-index: SQL answers alone)' if args.no_index else 'on (each worker builds it at start)'}."""),
          flush=True)

    db = ensure_store(args)
    values = _values(db)
    backends = []
    if args.both or not args.db:
        backends.append(Backend("sqlite", db))
    if args.db:
        backends.append(Backend("postgresql", ensure_postgresql(db, args.db, args.events)))
    if len(backends) > 1:
        print("backends: SQLite and PostgreSQL served at once (the idle one waits); each scenario "
              "runs on both in turn, the first one alternating", flush=True)
    results: list[tuple[str, str, dict]] = []
    try:
        for b in backends:
            b.port = free_port()
            print(f"{b.name}: ", end="", flush=True)
            b.proc = start_server(b.target, b.port, args.workers, index=not args.no_index)
        mixes, titles = prepare(backends, values, db, scenarios)
        for i, name in enumerate(scenarios):
            for b in (backends if i % 2 == 0 else backends[::-1]):
                print(f"\nrunning {name} on {b.name}: {titles[name]} ...", flush=True)
                cpu = cpu_seconds(b.proc.pid)
                r = (run_wrk if loadgen == "wrk" else run_python_load)(b.base, mixes[name], args)
                r["cpu"] = (cpu_seconds(b.proc.pid) - cpu) / r["seconds"] * 100
                results.append((name, b.name, r))
    finally:
        for b in backends:
            if b.proc is not None:
                stop_server(b.proc)

    print(f"\nresults: {args.events:,} events, {args.connections} connections, {args.duration} s each, "
          f"{loadgen}, {cores} cores shared by server and load generator")
    head = (f"{'scenario':<11} {'backend':<10} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8} {'max ms':>8} {'errors':>7} {'srv CPU':>8}  p95<{TARGET_P95_MS:.0f}ms")
    print(head)
    print("-" * len(head))
    failed = False
    for name, backend, r in results:
        ok = r["p95"] < TARGET_P95_MS and r["errors"] == 0
        failed |= not ok and name not in ("baseline", "static")
        print(f"{name:<11} {backend:<10} {r['requests']:>9} {r['requests'] / r['seconds']:>8.1f} {r['p50']:>8.1f} "
              f"{r['p95']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} {r['errors']:>7} {r['cpu']:>7.0f}%  "
              f"{'PASS' if ok else 'FAIL'}")
    print("(srv CPU: the server processes' CPU time over the run, 100% = one core)")
    if len(backends) > 1:
        print("\np95 PostgreSQL / SQLite, same run:")
        p95 = {(n, b): r["p95"] for n, b, r in results}
        for name in scenarios:
            if p95[name, "sqlite"] > 0:
                print(f"  {name:<11} {p95[name, 'postgresql'] / p95[name, 'sqlite']:5.2f}x")
    sys.exit(1 if failed else 0)


# slow ones last: a scenario whose requests outlast it keeps the server busy into the next one
SCENARIOS = ("events", "events-cold", "stats", "stats-cold", "details", "claims", "baseline", "static", "search",
             "events-q")


def prepare(backends: list[Backend], values: dict, db: Path,
            scenarios: list[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The URL mix of each scenario, every URL checked to answer 200 on every backend; prints the
    unloaded single-request timings (per URL, per backend) and the cold samples' timings."""
    with httpx.Client(base_url=backends[0].base, timeout=120) as client:
        ev = events_urls(client, values)  # next_cursors: the same on every backend
        claims = claims_urls(client)
    st = stats_urls(values)
    cold = cold_stats_urls(values)
    cold_events = cold_stats_urls(values, path="/api/events")
    details, search, events_q = detail_urls(db), search_urls(), events_q_urls(values)
    base_urls, static_urls = ["/api/meta"], ["/static/favicon.svg"]
    # A sample of every cold shape (checking thousands of slow URLs one at a time would take
    # long), left out of the load so that checking caches none of its URLs.
    samples = {}
    for name, urls in (("stats-cold", cold), ("events-cold", cold_events)):
        if name in scenarios:
            samples[name] = urls[::max(1, len(urls) // COLD_CHECKED)][:COLD_CHECKED]
            urls[:] = [u for u in urls if u not in set(samples[name])]
    singles: dict[str, dict[str, list]] = {}
    for b in backends:
        with httpx.Client(base_url=b.base, timeout=120) as client:
            # timed first (each raises unless 200), so that a stats URL's first request is uncached
            singles[b.name] = {"events": time_single(client, ev), "stats": time_single(client, st),
                               "details": time_single(client, details[::20]), "claims": time_single(client, claims),
                               "search": time_single(client, search)}
            if "events-q" in scenarios:  # each first request can take seconds
                singles[b.name]["events-q"] = time_single(client, events_q)
            check_all(client, base_urls + static_urls + [u for _, u in details])
            print(f"check ({b.name}): {len(ev) + len(st) + len(details) + len(search) + len(claims) + 2} URLs "
                  "of the mixes answer 200", flush=True)
            for name, sample in samples.items():
                times = check_all(client, [u for _, u in sample])
                print(f"check ({b.name}): {len(sample)} more distinct {name} URLs answer 200; "
                      f"one at a time, uncached (ms: median, p95, max by filter shape):", flush=True)
                for shape in COLD_SHAPES:
                    ms = sorted(t for (s, _), t in zip(sample, times) if s == shape)
                    if ms:
                        print(f"  {statistics.median(ms):8.1f} {ms[int(0.95 * (len(ms) - 1))]:8.1f} "
                              f"{ms[-1]:8.1f}   {shape} ({len(ms)} URLs)")
    for name in singles[backends[0].name]:
        cached_note = name == "stats"
        print(f"\nsingle requests, unloaded, /api/{name} (ms; first = first request"
              f"{', uncached' if cached_note else ''}; median of the next {SINGLE_REPEATS}"
              f"{', cached' if cached_note else ''}){'; per backend: ' + ', '.join(b.name for b in backends) if len(backends) > 1 else ''}:")
        rows = list(zip(*(singles[b.name][name] for b in backends)))
        for row in rows:
            print("  " + "  |".join(f"{first:8.1f} {median:8.1f}" for _, first, median in row) + f"   {row[0][0]}")
    mixes = {"events": [u for _, u in ev], "stats": [u for _, u in st], "stats-cold": [u for _, u in cold],
             "events-cold": [u for _, u in cold_events], "details": [u for _, u in details],
             "search": [u for _, u in search], "events-q": [u for _, u in events_q],
             "claims": [u for _, u in claims],
             "baseline": base_urls, "static": static_urls}
    titles = {"events": f"/api/events, {len(ev)} filter/sort/page URLs",
              "stats": f"/api/stats, {len(st)} filter URLs (repeated: cache hits)",
              "stats-cold": f"/api/stats, {len(cold)} distinct filters (cache misses)",
              "events-cold": f"/api/events, {len(cold_events)} distinct filters and sorts (cache misses)",
              "details": f"/api/events/ID and /api/documents/ID, {len(details)} pages (not cached)",
              "search": f"/api/search, {len(search)} URLs",
              "events-q": f"/api/events?q=, {len(events_q)} URLs (text filter)",
              "claims": f"/api/claims?limit=500, {len(claims)} filter and page URLs (not cached)",
              "baseline": "/api/meta (cached, ~45 KB JSON; framework overhead)",
              "static": "/static/favicon.svg (231 bytes; HTTP + ASGI floor)"}
    return mixes, titles


if __name__ == "__main__":
    main()
