#!/usr/bin/env python3
"""Throughput of web pages through marsad, on one core, fetching excluded.

Wraps the project's own articles (tests/corpus/ar, en, fr) in the chrome of a news
site (menu, ad scripts, cookie banner, share buttons, other headlines, comments,
footer: ``wrap_page`` of tests/test_web_html.py), as UTF-8 bytes, repeated to N
pages, and reports pages per second for:
  baseline  decoding the bytes and parsing the HTML (what any reader must do);
  full      decode -> main text and metadata -> Document -> extract -> JSON record.
Each is run ``--repeat`` times in this one process and the median is reported.

    python bench/bench_html.py [--pages 1200] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_web_html import CORPUS_DOCS, page_of  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from marsad.pipeline.extract import extract  # noqa: E402
from marsad.web.encoding import decode_page  # noqa: E402
from marsad.web.html import page_document  # noqa: E402

TARGET = 100  # pages per second the full path must reach (issue 3)


def make_pages(n: int) -> list[tuple[str, bytes]]:
    pages = [(d.id, page_of(d).encode("utf-8")) for d in CORPUS_DOCS]
    return [(f"{pages[i % len(pages)][0]}-{i}", pages[i % len(pages)][1]) for i in range(n)]


def baseline(pages: list[tuple[str, bytes]]) -> int:
    return sum(1 for _, data in pages if load_html(decode_page(data)[0]) is not None)


def full(pages: list[tuple[str, bytes]]) -> int:
    out = []
    for doc_id, data in pages:
        html, _ = decode_page(data)
        record = extract(page_document(html, doc_id))
        out.append(json.dumps(record.to_dict(), ensure_ascii=False))
    return len(out)


def median_rate(fn, pages: list[tuple[str, bytes]], repeat: int) -> tuple[float, list[float]]:
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        n = fn(pages)
        rates.append(n / (time.perf_counter() - start))
    return statistics.median(rates), rates


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pages = make_pages(args.pages)
    full(pages[:5])  # load data files and trafilatura once
    size = sum(len(data) for _, data in pages) // len(pages)
    base, _ = median_rate(baseline, pages, args.repeat)
    rate, rates = median_rate(full, pages, args.repeat)
    print(f"pages: {len(pages)} ({len(CORPUS_DOCS)} articles in chrome), mean size {size:,} bytes")
    print(f"baseline (decode + parse HTML)      : {base:8.0f} pages/s")
    print(f"full (HTML -> Document -> record)   : {rate:8.0f} pages/s  ({1000 / rate:.2f} ms/page, "
          f"median of {len(rates)}: {', '.join(f'{r:.0f}' for r in rates)}; target {TARGET})")


if __name__ == "__main__":
    main()
