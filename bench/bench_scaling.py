#!/usr/bin/env python3
"""Does extraction time grow linearly with the text? Seconds per KB, on one core.

Builds real-style text from the project's own articles (samples/articles.jsonl and
tests/corpus, one language at a time, a blank line between articles:
tests/scaling_inputs.py) at 10 KB, 100 KB, 1 MB and 5 MB, and reports CPU seconds per
KB of input for:
  baseline  normalizing and tokenizing the text (what any extraction must do);
  extract   the full pipeline on the text as one document.
Then the same for three harder shapes at 1 MB (no line breaks; no line breaks and no
sentence punctuation; sentences packed with operations, places, dates and attacks), and the time of each adversarial run (20,000 spaces after a
sentence, 12,000 «, runs of tabs, quotes, brackets, dashes, …: issue 16).

Targets (issue 16): seconds per KB at 5 MB within 2x of seconds per KB at 10 KB; each
adversarial run under 0.1 s. Each time is the best of a few runs (a busy machine only
slows a run down); "max RSS" is the process's peak so far.

    python bench/bench_scaling.py [--quick] [--langs ar,en,fr]

--quick stops at 1 MB (the shapes at 100 KB) and runs each size fewer times.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from scaling_inputs import adversarial_runs, real_style_text  # noqa: E402

from marsad.models import Document  # noqa: E402
from marsad.pipeline.extract import extract  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.tokens import tokenize  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000, 5_000_000)
QUICK_SIZES = (10_000, 100_000, 1_000_000)
RATIO_TARGET = 2.0  # s/KB at the largest size over s/KB at 10 KB
RUN_TARGET = 0.1  # seconds for one adversarial run


def cpu_best(fn, repeat: int) -> float:
    """Least CPU time of ``repeat`` calls of ``fn``."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def repeats(size: int, quick: bool) -> int:
    """Runs per size: more for the small ones, whose times are short and noisy."""
    budget = 300_000 if quick else 1_000_000
    return max(1, min(20, budget // size))


def max_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(lang: str, text: str, repeat: int) -> tuple[float, float]:
    """(baseline, extract) CPU seconds per KB of ``text``."""
    kb = len(text.encode("utf-8")) / 1000
    base = cpu_best(lambda: tokenize(normalize(text).text), repeat)
    full = cpu_best(lambda: extract(Document(id="scaling", text=text, lang=lang)), repeat)
    return base / kb, full / kb


def real_style(langs: list[str], sizes: tuple[int, ...], quick: bool) -> bool:
    print(f"{'text':28s} {'size':>8s} {'baseline ms/KB':>15s} {'extract ms/KB':>14s} {'vs 10 KB':>9s} {'max RSS':>8s}")
    ok = True
    for lang in langs:
        first = None
        for size in sizes:
            base, full = measure(lang, real_style_text(lang, size), repeats(size, quick))
            first = full if first is None else first
            ratio = full / first
            ok &= size != sizes[-1] or ratio <= RATIO_TARGET
            print(f"{lang + ' articles':28s} {_size(size):>8s} {base * 1000:15.3f} {full * 1000:14.3f} "
                  f"{ratio:9.2f} {max_rss_mb():6d} MB", flush=True)
    return ok


def shapes(langs: list[str], quick: bool) -> None:
    size = 100_000 if quick else 1_000_000
    for shape in ("one_line", "no_stops", "dense"):
        for lang in langs:
            base, full = measure(lang, real_style_text(lang, size, shape), repeats(size, quick))
            print(f"{lang + ' ' + shape.replace('_', ' '):28s} {_size(size):>8s} {base * 1000:15.3f} "
                  f"{full * 1000:14.3f} {'':9s} {max_rss_mb():6d} MB", flush=True)


def adversarial(quick: bool) -> bool:
    print(f"\n{'adversarial run':40s} {'chars':>7s} {'baseline s':>11s} {'extract s':>10s}")
    ok = True
    for name, (lang, text) in adversarial_runs().items():
        repeat = 2 if quick else 5
        base = cpu_best(lambda: tokenize(normalize(text).text), repeat)
        full = cpu_best(lambda: extract(Document(id="run", text=text, lang=lang)), repeat)
        ok &= full < RUN_TARGET
        print(f"{name:40s} {len(text):7d} {base:11.4f} {full:10.4f}{'' if full < RUN_TARGET else '  over target'}",
              flush=True)
    return ok


def _size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="up to 1 MB, fewer runs")
    ap.add_argument("--langs", default="ar,en,fr", help="languages of the real-style text")
    args = ap.parse_args()
    langs = [x for x in args.langs.split(",") if x]
    extract(Document(id="warm-up", text="تفكيك خلية إرهابية بطنجة"))  # load data files once
    ok = real_style(langs, QUICK_SIZES if args.quick else SIZES, args.quick)
    shapes(langs, args.quick)
    ok &= adversarial(args.quick)
    print(f"\ntargets: extract s/KB at the largest size <= {RATIO_TARGET}x that at 10 KB; "
          f"each adversarial run < {RUN_TARGET} s: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
