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

Then, on two mixes of ``--mix-docs`` documents (distinct ids):
  real      the real articles of ../shared (seeds/seeds.jsonl, eval/dev, dev2, dev3 docs.jsonl),
            skipped with a message when that folder is absent;
  ordinary  90% ordinary news (bench/ordinary_news.jsonl, not counter-terrorism) and 10% the real mix;
it reports articles/s and characters/s of ``marsad.pipeline.extract.extract`` in process (and with
its pre-filter off: every article through every stage, as before the pre-filter) beside floors measured in the same run on the same texts: one regular-expression tokenisation, and one
Aho-Corasick pass over every phrase string of the package (language data and gazetteer names;
needs ``pyahocorasick``, the ``bench`` extra, else skipped) over the normalized text, with and
without the normalization. Last, ``marsad extract --jobs 1`` and ``--jobs 2`` on the real mix
through the CLI as a subprocess (with start-up), and the start-up of ``marsad --version`` beside
that of a bare ``python -c pass``. ``--json`` prints the figures as one JSON object instead.

    python bench/bench_extract.py [--docs 3000] [--repeat 3] [--jobs 2] [--mix-docs 2000] [--json]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.evaluation import load_corpus  # noqa: E402
from marsad.models import Document  # noqa: E402
from marsad.pipeline.extract import extract  # noqa: E402

SHARED = ROOT.parent / "shared"
REAL_FILES = ("seeds/seeds.jsonl", "eval/dev/docs.jsonl", "eval/dev2/docs.jsonl", "eval/dev3/docs.jsonl")
ORDINARY = ROOT / "bench" / "ordinary_news.jsonl"
_REGEX_META = re.compile(r"[\\()\[\]{}*+?|^$]")
_WORD_RE = re.compile(r"\w+|[^\w\s]")


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


# --- the mixes -------------------------------------------------------------------------------

def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def real_articles(shared: Path) -> list[dict]:
    """The real articles of ``shared`` (seeds, dev, dev2, dev3); empty when none is there."""
    return [d for rel in REAL_FILES if (shared / rel).is_file() for d in read_jsonl(shared / rel)]


def repeated(articles: list[dict], n: int, tag: str) -> list[dict]:
    """``articles`` repeated to ``n`` documents with distinct ids."""
    return [{**a, "id": f"{tag}{i}-{a['id']}"} for i, a in
            ((i, articles[i % len(articles)]) for i in range(n))]


def ordinary_mix(ordinary: list[dict], real: list[dict], n: int) -> list[dict]:
    """``n`` documents, 9 in 10 ordinary news and 1 in 10 real security news, interleaved."""
    n_real = n // 10
    o, r = repeated(ordinary, n - n_real, "o"), repeated(real, n_real, "r")
    out = []
    for i in range(n):
        out.append(r.pop() if (i % 10 == 9 and r) else (o.pop() if o else r.pop()))
    return out


# --- the floors ------------------------------------------------------------------------------

def phrase_strings() -> list[str]:
    """Every phrase of the package, normalized: the string leaves and keys of every language data
    file (regular expressions left out) and every gazetteer name."""
    from importlib import resources

    from marsad.gazetteer import load_gazetteer
    from marsad.resources import language_data
    from marsad.text.normalize import normalize_text

    found: set[str] = set()

    def walk(v) -> None:
        if isinstance(v, str):
            if not _REGEX_META.search(v):
                found.add(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                if k != "_doc":
                    walk(k)
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    data = resources.files("marsad") / "data"
    for lang in ("ar", "fr", "en", "other"):
        for f in (data / lang).iterdir():
            if f.name.endswith(".json"):
                walk(language_data(lang, f.name[:-5]))
    found.update(name for name, _ in load_gazetteer().entries)
    return sorted({s for s in (normalize_text(x).strip() for x in found) if s})


def automaton(strings: list[str]):
    """A pyahocorasick automaton over ``strings``, or None when the package is missing."""
    try:
        import ahocorasick
    except ImportError:
        return None
    a = ahocorasick.Automaton()
    for i, s in enumerate(strings):
        a.add_word(s, i)
    a.make_automaton()
    return a


def run_extract(docs: list[Document], prefilter: bool = True) -> None:
    for d in docs:
        extract(d, prefilter=prefilter)


def run_regex(texts: list[str]) -> None:
    for t in texts:
        _WORD_RE.findall(t)


def run_automaton(auto, texts: list[str]) -> None:
    for t in texts:
        for _ in auto.iter(t):
            pass


def run_normalize_automaton(auto, texts: list[str]) -> None:
    from marsad.text.normalize import normalize_text
    for t in texts:
        for _ in auto.iter(normalize_text(t)):
            pass


def measure_mix(name: str, articles: list[dict], auto, repeat: int) -> list[dict]:
    """Rows (what, articles/s, characters/s) for one mix: extract and its floors, same texts."""
    from marsad.text.normalize import normalize_text

    docs = [Document.from_dict(a) for a in articles]
    texts = [d.text for d in docs]
    normalized = [normalize_text(t) for t in texts]
    chars = sum(map(len, texts))
    runs = [("extract (in process)", lambda: run_extract(docs)),
            ("extract, pre-filter off", lambda: run_extract(docs, prefilter=False)),
            ("floor: regex tokenisation", lambda: run_regex(texts))]
    if auto is not None:
        runs += [("floor: automaton pass", lambda: run_automaton(auto, normalized)),
                 ("floor: normalize + automaton", lambda: run_normalize_automaton(auto, texts))]
    rows = []
    # round-robin, not one after the other: on a loaded machine each gets the same share of the load
    times: dict[str, list[float]] = {what: [] for what, _ in runs}
    for _ in range(repeat):
        for what, fn in runs:
            t = time.perf_counter()
            fn()
            times[what].append(time.perf_counter() - t)
    for what, _ in runs:
        t = sorted(times[what])[repeat // 2]
        rows.append({"mix": name, "what": what, "docs": len(docs), "chars": chars, "seconds": t,
                     "articles_per_s": len(docs) / t, "chars_per_s": chars / t})
    base = rows[0]["seconds"]
    for r in rows:
        r["x_extract"] = base / r["seconds"]
    return rows


# --- the CLI as a subprocess -----------------------------------------------------------------

def marsad_command() -> list[str]:
    script = Path(sys.executable).parent / "marsad"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from marsad.cli import main; main()"]


def cli_rows(articles: list[dict], repeat: int) -> list[dict]:
    """``marsad extract --jobs 1`` and ``--jobs 2`` on ``articles`` through the CLI, with start-up."""
    chars = sum(len(a["text"]) for a in articles)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "mix.jsonl"
        src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        for jobs in (1, 2):
            cmd = marsad_command() + ["extract", "--jobs", str(jobs), "-i", str(src), "-o", os.devnull]
            t = _median(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL), repeat)
            rows.append({"mix": "real", "what": f"marsad extract --jobs {jobs} (CLI)", "docs": len(articles),
                         "chars": chars, "seconds": t, "articles_per_s": len(articles) / t,
                         "chars_per_s": chars / t})
    return rows


def startup_rows(repeat: int) -> list[dict]:
    """Wall time of ``marsad --version`` beside a bare interpreter start-up, median of runs."""
    rows = []
    for what, cmd in (("python -c pass", [sys.executable, "-c", "pass"]),
                      ("marsad --version", marsad_command() + ["--version"])):
        t = _median(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL), max(repeat, 5))
        rows.append({"what": what, "seconds": t})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="also compare N worker processes with one")
    ap.add_argument("--mix-docs", type=int, default=2000, help="documents in each mix (0: skip the mixes)")
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder with seeds/ and eval/")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    say = (lambda *a, **k: None) if args.json else print
    data = make_input(args.docs)
    chars = sum(len(json.loads(line)["text"]) for line in data.splitlines())
    extract(Document(id="warm-up", text="تفكيك خلية إرهابية بطنجة"))  # load data files once
    n, tb = timed(baseline, data)
    runs = sorted(timed(full, data)[1] for _ in range(args.repeat))
    tf = runs[len(runs) // 2]
    result: dict = {"corpus": {"docs": n, "mean_chars": chars // n, "baseline_articles_per_s": n / tb,
                               "extract_articles_per_s": n / tf, "extract_runs": [n / t for t in runs]}}
    say(f"documents: {n}, mean length {chars // n} characters")
    say(f"baseline (read + parse JSONL): {n / tb:10.0f} articles/s")
    say(f"extract  (full pipeline)     : {n / tf:10.0f} articles/s  ({tf / n * 1000:.2f} ms/article,"
        f" median of {len(runs)}: {', '.join(f'{n / t:.0f}' for t in runs)})")
    if args.jobs > 1:
        by_jobs = {jobs: _median(lambda: _extract_file(data, jobs), args.repeat) for jobs in (1, args.jobs)}
        for jobs, t in by_jobs.items():
            say(f"extract_file --jobs {jobs:<2}         : {n / t:10.0f} articles/s")
        say(f"--jobs {args.jobs} vs --jobs 1           : {by_jobs[1] / by_jobs[args.jobs]:10.2f}x")
        result["corpus"]["extract_file_articles_per_s"] = {str(j): n / t for j, t in by_jobs.items()}
    if args.mix_docs > 0:
        result.update(mixes(args, say))
    if args.json:
        print(json.dumps(result, indent=1))


def mixes(args, say) -> dict:
    """The real and the 90%-ordinary mixes, the CLI runs and the start-up, as one table."""
    out: dict = {"notes": []}

    def note(msg: str) -> None:
        out["notes"].append(msg)
        say(f"note: {msg}")

    real = real_articles(args.shared)
    ordinary = read_jsonl(ORDINARY)
    strings = phrase_strings()
    auto = automaton(strings)
    out["phrase_strings"] = len(strings)
    if auto is None:
        note("pyahocorasick is not installed (pip install -e '.[bench]'): automaton floors skipped")
    rows: list[dict] = []
    if not real:
        note(f"no real articles under {args.shared} (seeds/, eval/dev*/): real mix and CLI runs skipped")
    else:
        rows += measure_mix("real", repeated(real, args.mix_docs, "x"), auto, args.repeat)
    rows += measure_mix("90% ordinary" if real else "ordinary only",
                        ordinary_mix(ordinary, real or ordinary, args.mix_docs), auto, args.repeat)
    if real:
        cli = cli_rows(repeated(real, args.mix_docs, "x"), args.repeat)
        cli[1]["x_jobs1"] = cli[0]["seconds"] / cli[1]["seconds"]
        rows += cli
    start = startup_rows(args.repeat)
    out.update(rows=rows, startup=start, real_articles=len(real), ordinary_articles=len(ordinary),
               mean_chars={r["mix"]: r["chars"] // r["docs"] for r in rows})
    say("")
    say(f"mixes of {args.mix_docs} documents; {len(real)} real articles (repeated), {len(ordinary)} ordinary;"
        f" automaton over {len(strings)} phrase strings; one core unless --jobs; median of {args.repeat}")
    say(f"{'mix':<13} {'what':<34} {'articles/s':>11} {'chars/s':>12} {'vs extract':>11}")
    for r in rows:
        ratio = (f"{r['x_extract']:10.1f}x" if "x_extract" in r
                 else f"{r['x_jobs1']:6.2f}x j1" if "x_jobs1" in r else "")
        say(f"{r['mix']:<13} {r['what']:<34} {r['articles_per_s']:11.0f} {r['chars_per_s']:12.0f} {ratio:>11}")
    for r in start:
        say(f"{'start-up':<13} {r['what']:<34} {r['seconds']:10.3f}s")
    return out


def _extract_file(data: str, jobs: int) -> None:
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
