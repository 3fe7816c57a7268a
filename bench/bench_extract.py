#!/usr/bin/env python3
"""Throughput of ``marsad extract`` on plain-text articles, on one core.

Reads the project's own test articles (tests/corpus), repeats them to N documents
with distinct ids, and reports articles per second for:
  baseline  reading the JSONL input and building Documents (what any run must do);
  extract   the same plus the full extraction pipeline and JSON output.
Both are measured in the same run, in this one process (one core); each is run
``--repeat`` times and the median is reported (a busy machine only slows a run down).
With ``--jobs N``, also ``marsad extract``'s library call (:func:`marsad.ingest.extract_file`)
with one job and with N worker processes on the same input, and their ratio.

    python bench/bench_extract.py [--docs 3000] [--repeat 3] [--jobs 2]
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.evaluation import load_corpus  # noqa: E402
from marsad.models import Document  # noqa: E402
from marsad.pipeline.extract import extract  # noqa: E402


def make_input(n: int) -> str:
    docs, _ = load_corpus(ROOT / "tests" / "corpus")
    lines = []
    for i in range(n):
        d = docs[i % len(docs)]
        lines.append(json.dumps({"id": f"{d.id}-{i}", "text": d.text, "published": d.published}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def baseline(data: str) -> int:
    return sum(1 for line in io.StringIO(data) if Document.from_dict(json.loads(line)))


def full(data: str) -> int:
    out = io.StringIO()
    n = 0
    for line in io.StringIO(data):
        rec = extract(Document.from_dict(json.loads(line)))
        out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def timed(fn, data: str) -> tuple[int, float]:
    t = time.perf_counter()
    n = fn(data)
    return n, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="also compare N worker processes with one")
    args = ap.parse_args()
    data = make_input(args.docs)
    chars = sum(len(json.loads(line)["text"]) for line in data.splitlines())
    extract(Document(id="warm-up", text="تفكيك خلية إرهابية بطنجة"))  # load data files once
    n, tb = timed(baseline, data)
    runs = sorted(timed(full, data)[1] for _ in range(args.repeat))
    tf = runs[len(runs) // 2]
    print(f"documents: {n}, mean length {chars // n} characters")
    print(f"baseline (read + parse JSONL): {n / tb:10.0f} articles/s")
    print(f"extract  (full pipeline)     : {n / tf:10.0f} articles/s  ({tf / n * 1000:.2f} ms/article,"
          f" median of {len(runs)}: {', '.join(f'{n / t:.0f}' for t in runs)})")
    if args.jobs > 1:
        by_jobs = {jobs: _median(lambda: _extract_file(data, jobs), args.repeat) for jobs in (1, args.jobs)}
        for jobs, t in by_jobs.items():
            print(f"extract_file --jobs {jobs:<2}         : {n / t:10.0f} articles/s")
        print(f"--jobs {args.jobs} vs --jobs 1           : {by_jobs[1] / by_jobs[args.jobs]:10.2f}x")


def _extract_file(data: str, jobs: int) -> None:
    import tempfile

    from marsad.ingest import extract_file

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        extract_file([f.name], io.StringIO(), jobs=jobs)


def _median(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


if __name__ == "__main__":
    main()
