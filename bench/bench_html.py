#!/usr/bin/env python3
"""Throughput of web pages through marsad, on one core, fetching excluded.

Wraps the project's own articles (tests/corpus/ar, en, fr) in the chrome of a news
site (menu, ad scripts, cookie banner, share buttons, other headlines, comments,
footer: ``wrap_page`` of tests/test_web_html.py), as UTF-8 bytes, repeated to N
pages, and reports pages per second for:
  baseline  decoding the bytes and parsing the HTML (what any reader must do);
  full      decode -> main text and metadata -> Document -> extract -> JSON record.
Two page sizes: "light" (the chrome alone, ~6 KB) and "heavy" (padded like a real
news page, ~180 KB: a large inline configuration script and a long list of related
stories). Each is run ``--repeat`` times in this one process; the median is reported.

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

from test_web_html import CORPUS_DOCS, split_article, wrap_page  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from marsad.pipeline.extract import extract  # noqa: E402
from marsad.web.encoding import decode_page  # noqa: E402
from marsad.web.html import page_document  # noqa: E402

TARGET = 100  # pages per second the full path must reach (issue 3)


HEAVY_SCRIPT = ("<script>window.siteConfig = "
                + json.dumps({f"slot_{i}": "x" * 40 for i in range(3000)}) + ";</script>")
HEAVY_LIST = ('<aside class="related"><ul>' + "".join(
    f'<li><a href="/news/{i}">خبر آخر رقم {i} عن الرياضة والاقتصاد والسياسة</a>'
    f'<time datetime="2020-01-01">2020</time></li>' for i in range(150)) + "</ul></aside>")


def make_pages(n: int, heavy: bool) -> list[tuple[str, bytes]]:
    pages = []
    for d in CORPUS_DOCS:
        title, paragraphs = split_article(d.text)
        html = wrap_page(title, paragraphs, d.id[:2], published=d.published, url=d.url,
                         head=HEAVY_SCRIPT if heavy else "")
        if heavy:
            html = html.replace("</main>", HEAVY_LIST + "</main>")
        pages.append((d.id, html.encode("utf-8")))
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
    full(make_pages(5, False))  # load data files and trafilatura once
    for heavy in (False, True):
        pages = make_pages(args.pages, heavy)
        size = sum(len(data) for _, data in pages) // len(pages)
        base, _ = median_rate(baseline, pages, args.repeat)
        rate, rates = median_rate(full, pages, args.repeat)
        print(f"{'heavy' if heavy else 'light'} pages: {len(pages)} ({len(CORPUS_DOCS)} articles "
              f"in chrome), mean size {size:,} bytes")
        print(f"  baseline (decode + parse HTML)    : {base:8.0f} pages/s")
        print(f"  full (HTML -> Document -> record) : {rate:8.0f} pages/s  ({1000 / rate:.2f} ms/page, "
              f"median of {len(rates)}: {', '.join(f'{r:.0f}' for r in rates)}; target {TARGET})")


if __name__ == "__main__":
    main()
