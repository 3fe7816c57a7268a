#!/usr/bin/env python3
"""``marsad ingest`` vs ``marsad bulk --workers 1`` vs ``--workers 2`` in one run (issue 13).

Makes ``--count`` articles (default 100,000) of real-style text: each is 4 to 9
sentences of the project's own articles (samples/articles.jsonl, tests/corpus/*/*.txt),
drawn from two to four articles of one language, with its own id, publication date and
numbers (every digit run varied), so no two are near duplicates of each other
(:mod:`marsad.near_duplicates`: they are all new articles). Then times, each into an
empty SQLite store, the commands as a user runs them (a new process each, cluster start-up
included): ``marsad ingest``, ``marsad bulk --workers 1`` and ``marsad bulk --workers 2``,
and prints articles/s and the ratios. The stored counts are compared after a
``marsad resolve`` of ingest's store (untimed): ingest groups each new document's
neighbourhood, within bounds; bulk resolves everything once, as ``marsad resolve`` does. Goal (issue 13): bulk on one worker no slower than
ingest; two workers at least 1.8x one (on a store the workers write to themselves).

    python bench/bench_scale.py [--count 100000] [--seed 1] [--keep DIR] [--only ingest,bulk1,bulk2]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARSAD = str(Path(sys.executable).parent / "marsad")
_SENTENCE = re.compile(r"(?<=[.!?؟])\s+|\n+")
_DIGITS = re.compile(r"\d+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_FRENCH = re.compile(r"\b(le|la|les|des|du|une|et|à|été)\b", re.IGNORECASE)


def pool() -> dict[str, list[list[str]]]:
    """The project's articles as lists of sentences, by language."""
    texts = [json.loads(line)["text"] for line in
             (ROOT / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*/*.txt"))]
    out: dict[str, list[list[str]]] = {"ar": [], "fr": [], "en": []}
    for text in texts:
        sentences = [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) > 20]
        if len(sentences) >= 2:
            out[_lang(text)].append(sentences)
    return out


def _lang(text: str) -> str:
    if len(_ARABIC.findall(text)) > len(text) / 4:
        return "ar"
    return "fr" if len(_FRENCH.findall(text)) > len(text.split()) / 20 else "en"


def articles(n: int, seed: int) -> list[dict]:
    """``n`` JSONL-ready articles (see the module docstring)."""
    rng = random.Random(seed)
    by_lang = pool()
    langs = [lang for lang, arts in by_lang.items() for _ in arts]  # as often as in the pool
    out = []
    for i in range(n):
        lang = rng.choice(langs)
        sources = rng.sample(by_lang[lang], min(len(by_lang[lang]), rng.randint(2, 4)))
        sentences = [s for src in sources for s in src]
        picked = rng.sample(sentences, min(len(sentences), rng.randint(4, 9)))
        text = " ".join(picked)
        text = _DIGITS.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-3, 3)))
                           if len(m.group()) < 4 else m.group(), text)
        day = f"{2005 + i % 20}-{1 + (i // 20) % 12:02d}-{1 + (i // 240) % 28:02d}"
        out.append({"id": f"scale-{seed}-{i:07d}", "text": text, "published": day, "lang": lang,
                    "url": f"https://news.invalid/{lang}/{i}"})
    return out


def timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout.strip().splitlines()[-1]


def stored(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("documents", "event_mentions", "canonical_events"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the input and stores here (kept)")
    parser.add_argument("--only", default="ingest,bulk1,bulk2")
    opts = parser.parse_args()
    folder = opts.keep or Path(tempfile.mkdtemp(prefix="marsad-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "articles.jsonl"
    made = articles(opts.count, opts.seed)
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in made), encoding="utf-8")
    size = source.stat().st_size
    print(f"{opts.count} articles, {size / 1e6:.1f} MB ({size / opts.count / 1000:.1f} KB each); "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    runs = {"ingest": ["ingest", str(source)],
            "bulk1": ["bulk", str(source), "--workers", "1"],
            "bulk2": ["bulk", str(source), "--workers", "2"]}
    times: dict[str, float] = {}
    counts = {}
    for name in opts.only.split(","):
        db = folder / f"{name}.db"
        for f in folder.glob(f"{name}.db*"):
            f.unlink()
        times[name], summary = timed([MARSAD, *runs[name], "--db", str(db)])
        counts[name] = stored(db)
        print(f"{name:7s} {times[name]:8.1f} s  {opts.count / times[name]:8.1f} articles/s   "
              f"stored {counts[name][0]} documents, {counts[name][1]} mentions, "
              f"{counts[name][2]} canonical events   ({summary})", flush=True)
        if name == "ingest":  # not timed: ingest groups each document's neighbourhood, bulk
            # resolves once at the end, exactly as `marsad resolve` does
            _, resolved = timed([MARSAD, "resolve", "--db", str(db)])
            counts[name] = stored(db)
            print(f"        then `marsad resolve`: {resolved}; {counts[name][2]} canonical events")
    if len(set(counts.values())) > 1:
        print("warning: the runs stored different counts")
    if "ingest" in times and "bulk1" in times:
        print(f"bulk --workers 1 / ingest: {times['ingest'] / times['bulk1']:.2f}x the speed")
    if "bulk1" in times and "bulk2" in times:
        print(f"bulk --workers 2 / --workers 1: {times['bulk1'] / times['bulk2']:.2f}x the speed")
    if "ingest" in times and "bulk2" in times:
        print(f"bulk --workers 2 / ingest: {times['ingest'] / times['bulk2']:.2f}x the speed")
    if not opts.keep:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
