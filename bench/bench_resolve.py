#!/usr/bin/env python3
"""Speed of event resolution (:func:`marsad.resolve.resolve`) on synthetic mentions, on one core.

Builds N synthetic mentions with a realistic spread: operations over ~20 years in ~150
places (a few big cities much more often), each reported 1–10 times with noise on the
count (±1 now and then, or missing), the date (a day or two off, a month or a year only,
undated) and the places (a subset, an extra town, none); one in ten is a background
mention published months or years later. Reports:
  baseline  building the Mention objects from plain dicts (what any run must do);
  resolve   the same plus one call of resolve() over all of them.
Each is run ``--repeat`` times and the median is reported. Target: 100,000 mentions
in under a minute.

    python bench/bench_resolve.py [--mentions 100000] [--repeat 1] [--seed 1] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.resolve import Mention, resolve  # noqa: E402

YEARS = 20
PLACES = [f"town-{i:03d}" for i in range(150)]
TYPES = [("cell_dismantled", 0.55), ("arrest", 0.3), ("seizure", 0.1), ("attack", 0.05)]
GROUPS = ["isis", "isis-sahel", "al-qaeda", "aqim", "jnim"]
START = dt.date(2005, 1, 1)
# Shares of reports naming no place, and giving no date, as in the extracted events corpus
# (tests/corpus/events: 14 of 78 mentions without places, 4 undated of which background).
PLACELESS = 0.15
UNDATED = 0.1  # a background one of these has no time at all; a news one, its publication


def operations(n_mentions: int, rng: random.Random) -> list[dict]:
    """Synthetic operations, each with how many times it is reported."""
    ops, total = [], 0
    weights = [1 / (i + 1) for i in range(len(PLACES))]  # Zipf-like: Casablanca is busier than Tata
    while total < n_mentions:
        kind = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
        places = set(rng.choices(PLACES, weights, k=rng.choice([1, 1, 1, 2, 3, 5, 9])))
        arrested = None if kind == "attack" else (1 if kind == "arrest" else rng.randint(2, 15))
        reports = rng.randint(1, 10)
        ops.append({"type": kind, "day": START + dt.timedelta(days=rng.randrange(YEARS * 365)),
                    "places": sorted(places), "arrested": arrested,
                    "killed": rng.randint(1, 40) if kind == "attack" else None,
                    "group": rng.choice(GROUPS), "reports": reports})
        total += reports
    return ops


def report(op: dict, i: int, rng: random.Random) -> dict:
    """One outlet's mention of an operation, with the usual noise."""
    day = op["day"] + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, -1, 2]))
    background = rng.random() < 0.1  # recalled as history, months or years later
    lag = rng.randint(30, 3000) if background else rng.choice([0, 0, 1, 1, 2, 5])
    published = day + dt.timedelta(days=lag)
    r = rng.random()
    date = (None if r < UNDATED else f"{day:%Y}" if r < UNDATED + 0.05 else f"{day:%Y-%m}" if r < UNDATED + 0.15
            else day.isoformat())
    places = [p for p in op["places"] if rng.random() < 0.8] or op["places"][:1]
    if rng.random() < 0.05:
        places.append(rng.choice(PLACES))
    if rng.random() < PLACELESS:
        places = []
    arrested = op["arrested"]
    if arrested and rng.random() < 0.2:
        arrested = max(1, arrested + rng.choice([-1, 1]))
    return {"key": f"doc{i:07d}#0", "type": op["type"], "background": background,
            "date": date, "published": published.isoformat(), "places": places,
            "arrested": arrested if rng.random() < 0.85 else None, "killed": op["killed"],
            "affiliation": [op["group"]] if rng.random() < 0.7 else []}


def make_mentions(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for op in operations(n, rng):
        for _ in range(op["reports"]):
            out.append(report(op, len(out), rng))
    return out[:n]


def build(rows: list[dict]) -> list[Mention]:
    return [Mention(key=r["key"], type=r["type"], background=r["background"], date=r["date"],
                    published=r["published"], places=frozenset(r["places"]), arrested=r["arrested"],
                    killed=r["killed"], affiliation=frozenset(r["affiliation"])) for r in rows]


def timed(fn, rows: list[dict]) -> tuple[int, float]:
    t = time.perf_counter()
    n = fn(rows)
    return n, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profile", action="store_true", help="Profile one resolve() call.")
    args = ap.parse_args()
    rows = make_mentions(args.mentions, args.seed)
    results = {}
    for name, fn in (("baseline", lambda r: len(build(r))), ("resolve", lambda r: len(resolve(build(r))))):
        runs = [timed(fn, rows) for _ in range(args.repeat)]
        results[name] = (runs[0][0], statistics.median(t for _, t in runs))
    n = len(rows)
    for name, (count, seconds) in results.items():
        what = f"{count} events" if name == "resolve" else f"{count} mentions built"
        print(f"{name:9s} {n / seconds:12,.0f} mentions/s  {seconds:8.2f} s  ({what})")
    if args.profile:
        mentions = build(rows)
        cProfile.runctx("resolve(mentions)", globals(), {"mentions": mentions, "resolve": resolve},
                        "/tmp/bench_resolve.prof")
        pstats.Stats("/tmp/bench_resolve.prof").sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
