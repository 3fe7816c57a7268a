#!/usr/bin/env python3
"""Adding articles to a big store costs what it costs on an empty one (issue 13, Benchmarks).

Times storing and resolving ``--new`` articles one by one, as ``marsad ingest`` does
(:meth:`Store.add`, then :meth:`Store.resolve` of the document: near-duplicate check,
write, canonical resolution of its neighbourhood), with records made beforehand so that
extraction, which costs the same in any store, is left out. Two sets of new articles:
  spread    operations over 20 years in the gazetteer's 150 busiest towns (Zipf: a few
            big cities far busier), as bench/bench_resolve.py makes them;
  dominant  a month of Casablanca reports: every new article in one town and one month.
Each set goes into an empty store and into a big store of ``--stored`` articles made the
same way (spread), plus ``--dominant-stored`` Casablanca reports of that month (so the
dominant articles meet a crowded month), in one run; the empty and the big store take
turns, 25 articles at a time, so a shared machine's load weighs on both alike. Goal: the
big store's rate at least 0.7x the empty store's, for both sets. ``--check`` also compares
the big store's groups after the additions (bounded neighbourhoods) with resolving it whole.

    python bench/bench_growth.py [--stored 20000] [--dominant-stored 2000] [--new 1000] [--big FILE] [--check] [--profile SET]
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from math import comb
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.models import Document, Event, Record  # noqa: E402
from marsad.places import load_places  # noqa: E402
from marsad.store import Store, neighbours  # noqa: E402
from marsad.store.copies import write_sketch  # noqa: E402
from marsad.store.write import write_document  # noqa: E402

YEARS = 20
START = dt.date(2005, 1, 1)
MONTH = dt.date(2024, 3, 1)  # the crowded month of the dominant set
TYPES = [("cell_dismantled", 0.55), ("arrest", 0.3), ("seizure", 0.1), ("attack", 0.05)]
GROUPS = ["isis", "isis-sahel", "al-qaeda", "aqim", "jnim"]
WORDS = ("cell dismantled arrested suspects bureau investigation seized weapons plot attack "
         "cellule démantelée suspects armes تفكيك خلية إرهابية توقيف حجز").split()


def towns(n: int = 150) -> list[str]:
    places = sorted((p for p in load_places().values() if p.kind == "town" and p.country == "MA"),
                    key=lambda p: -(p.population or 0))
    return [p.id for p in places[:n]]


def operations(n: int, rng: random.Random, places: list[str], town: str | None) -> list[dict]:
    """Operations reported ``n`` times in all; all in ``town`` and in MONTH when given."""
    weights = [1 / (i + 1) for i in range(len(places))]
    ops, total = [], 0
    while total < n:
        kind = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
        where = [town] if town else sorted(set(rng.choices(places, weights, k=rng.choice([1, 1, 1, 2, 3]))))
        day = MONTH + dt.timedelta(days=rng.randrange(28)) if town else \
            START + dt.timedelta(days=rng.randrange(YEARS * 365))
        reports = rng.randint(1, 8)
        ops.append({"type": kind, "day": day, "places": where, "reports": reports,
                    "arrested": None if kind in ("attack", "seizure") else
                    (1 if kind == "arrest" else rng.randint(2, 15)),
                    "killed": rng.randint(1, 30) if kind == "attack" else None,
                    "group": rng.choice(GROUPS), "ages": rng.randint(18, 30)})
        total += reports
    return ops


def articles(prefix: str, n: int, seed: int, town: str | None = None) -> list[tuple[Document, Record]]:
    """``n`` one-event articles reporting synthetic operations, with the usual noise."""
    rng = random.Random(seed)
    places = towns()
    out: list[tuple[Document, Record]] = []
    for op in operations(n, rng, places, town):
        for _ in range(op["reports"]):
            day = op["day"] + dt.timedelta(days=rng.choice([0, 0, 0, 1, -1, 2]))
            background = rng.random() < 0.1
            published = day + dt.timedelta(days=rng.randint(30, 3000) if background else rng.choice([0, 0, 1, 2]))
            r = rng.random()
            date = None if r < 0.08 else f"{day:%Y-%m}" if r < 0.18 else day.isoformat()
            where = [p for p in op["places"] if rng.random() < 0.8] or op["places"][:1]
            if rng.random() < 0.12:
                where = []
            arrested = op["arrested"]
            if arrested and rng.random() < 0.2:
                arrested = max(1, arrested + rng.choice([-1, 1]))
            event = Event(type=op["type"], background=background, date=date, places=where,
                          arrested=arrested if rng.random() < 0.85 else None, killed=op["killed"],
                          affiliation=[op["group"]] if rng.random() < 0.7 else [],
                          age_min=op["ages"] if rng.random() < 0.3 else None)
            doc_id = f"{prefix}-{len(out):06d}"
            text = f"{doc_id} " + " ".join(rng.choices(WORDS, k=60)) + f" {rng.random()}"
            doc = Document(id=doc_id, text=text, published=published.isoformat(), lang="en")
            out.append((doc, Record(doc_id, "en", doc.published, True, [event])))
    return out[:n]


def build(path: Path, items: list[tuple[Document, Record]]) -> None:
    """A store holding ``items``, written in one transaction, then resolved as a whole."""
    with Store(path) as store:
        places = load_places()
        store.conn.execute("BEGIN")
        for doc, record in items:
            write_document(store.conn, doc, record, places)
            write_sketch(store.conn, doc.id, doc.text)
        store.conn.execute("COMMIT")
        store.resolve()


def add_interleaved(paths: dict[str, Path], items: list[tuple[Document, Record]], chunk: int = 25,
                    profile: str | None = None) -> dict[str, float]:
    """Seconds to add and resolve ``items`` one by one, as ``marsad ingest`` does, into each
    store; the stores take turns, ``chunk`` articles at a time, so that the load of a shared
    machine weighs on all of them alike. ``profile``: the store whose turns are profiled."""
    stores = {where: Store(path) for where, path in paths.items()}
    seconds = dict.fromkeys(paths, 0.0)
    prof = cProfile.Profile() if profile else None
    try:
        for lo in range(0, len(items), chunk):
            for where, store in stores.items():
                if where == profile:
                    prof.enable()
                started = time.perf_counter()
                for doc, record in items[lo:lo + chunk]:
                    store.add(doc, record)
                    store.resolve([doc.id])
                seconds[where] += time.perf_counter() - started
                if where == profile:
                    prof.disable()
    finally:
        for store in stores.values():
            store.close()
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    return seconds


def groups(path: Path) -> dict[int, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT mention_id, canonical_id FROM canonical_members"))


def agreement(path: Path) -> dict[str, float]:
    """Pairs of mentions grouped together after adding one by one (bounded neighbourhoods)
    against resolving the whole store at once (exact): precision and recall."""
    exact_path = path.with_suffix(".exact.db")
    shutil.copyfile(path, exact_path)
    with Store(exact_path) as store:
        store.resolve()
    mine, exact = groups(path), groups(exact_path)
    exact_path.unlink()
    both = Counter((mine[m], exact[m]) for m in exact if m in mine)
    same = sum(comb(n, 2) for n in both.values())
    pm = sum(comb(n, 2) for n in Counter(mine.values()).values())
    pe = sum(comb(n, 2) for n in Counter(exact.values()).values())
    return {"precision": round(same / pm, 4) if pm else 1.0, "recall": round(same / pe, 4) if pe else 1.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stored", type=int, default=20_000)
    ap.add_argument("--dominant-stored", type=int, default=2_000)
    ap.add_argument("--new", type=int, default=1_000)
    ap.add_argument("--big", type=Path, help="keep the big store in this file and reuse it when it exists "
                    "(built with the --stored and --dominant-stored given)")
    ap.add_argument("--check", action="store_true", help="compare the groups of the big store after the "
                    "additions with resolving it whole (slow on a big store)")
    ap.add_argument("--profile", choices=("spread", "dominant"), help="profile adding this set to the big store")
    args = ap.parse_args()
    new = {"spread": articles("new", args.new, 2), "dominant": articles("cas", args.new, 3, "casablanca")}
    with tempfile.TemporaryDirectory(dir=args.big.parent if args.big else None) as tmp:
        big = args.big or Path(tmp) / "big.db"
        started = time.perf_counter()
        if not big.exists():
            build(big, articles("old", args.stored, 1) + articles("old-cas", args.dominant_stored, 4, "casablanca"))
        with sqlite3.connect(big) as conn:
            mentions = conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
        print(f"big store: {mentions} mentions, {big.stat().st_size >> 20} MB, ready in "
              f"{time.perf_counter() - started:.0f} s")
        print(f"neighbourhood limits: {getattr(neighbours, 'CANDIDATE_LIMIT', None)} candidates a block, "
              f"{getattr(neighbours, 'NEIGHBOURHOOD_LIMIT', None)} mentions, "
              f"{getattr(neighbours, 'LINK_DEPTH', None)} steps of links")
        for name, items in new.items():
            paths = {"empty": Path(tmp) / f"{name}-empty.db", "big": Path(tmp) / f"{name}-big.db"}
            shutil.copyfile(big, paths["big"])
            seconds = add_interleaved(paths, items, profile="big" if args.profile == name else None)
            rates = {where: len(items) / s for where, s in seconds.items()}
            for where, rate in rates.items():
                print(f"{name:8s} into {where:5s} store: {rate:7.1f} articles/s "
                      f"({1000 * seconds[where] / len(items):6.1f} ms each)")
            print(f"{name:8s} big/empty: {rates['big'] / rates['empty']:.2f}x (goal >= 0.7x)")
            result = {"set": name, "empty": round(rates["empty"], 1), "big": round(rates["big"], 1),
                      "ratio": round(rates["big"] / rates["empty"], 2)}
            if args.check:
                result["incremental_vs_exact"] = agreement(paths["big"])
            print(json.dumps(result))
            for path in paths.values():
                path.unlink()


if __name__ == "__main__":
    main()
