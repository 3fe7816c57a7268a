#!/usr/bin/env python3
"""Long robustness runs: mutated articles through reader, extract and store (marsad.fuzzing).

    python scripts/fuzz.py --count 1000000 --jobs 2            # resumable: rerun to go on
    python scripts/fuzz.py --replay 123456                     # run one input again, verbose

Input ``i`` is a pure function of (seed, i), so the state file only records which chunks
are done; a rerun with the same seed skips them. Each violation goes to the findings file
(JSON Lines: input number, violation, the input line) and a summary is printed at the end
and every ``--report-every`` chunks. Exit status 1 when any input broke the contract.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from marsad import fuzzing  # noqa: E402

_ARTICLES: list = []


def _init(roots: list[str]) -> None:
    global _ARTICLES
    _ARTICLES = fuzzing.seed_articles(Path(r) for r in roots)


def run_chunk(seed: int, chunk: int, size: int, store_every: int) -> dict:
    """Inputs ``chunk*size .. +size``: counts, the worst rates and every violation."""
    from marsad.store import Store

    totals = {"inputs": 0, "documents": 0, "problems": 0, "events": 0, "claims": 0,
              "cpu_s": 0.0, "chars": 0}
    worst = {"rate": math.nan, "input": None, "cpu_s": 0.0, "slowest": None}
    findings = []
    with Store(":memory:") as store:
        for i in range(chunk * size, (chunk + 1) * size):
            line = fuzzing.make_line(_ARTICLES, seed, i)
            out = fuzzing.check_line(line, store if i % store_every == 0 else None)
            totals["inputs"] += 1
            for k in ("documents", "problems", "events", "claims", "chars"):
                totals[k] += getattr(out, k)
            totals["cpu_s"] += out.cpu_s
            if out.chars >= 10_000:
                rate = out.cpu_s * 100_000 / out.chars
                if not rate <= worst["rate"]:
                    worst["rate"], worst["input"] = rate, i
            if out.cpu_s > worst["cpu_s"]:
                worst["cpu_s"], worst["slowest"] = out.cpu_s, i
            for v in out.violations:
                findings.append({"input": i, "violation": v,
                                 "line": line[:2000].decode("utf-8", "backslashreplace")})
    return {"chunk": chunk, "totals": totals, "worst": worst, "findings": findings}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=1_000_000, help="inputs in the run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--chunk", type=int, default=1000, help="inputs per unit of work")
    ap.add_argument("--store-every", type=int, default=1,
                    help="store every Nth record in an in-memory database (1: all)")
    ap.add_argument("--state", default="fuzz-state.json", help="resumable progress")
    ap.add_argument("--findings", default="fuzz-findings.jsonl")
    ap.add_argument("--root", action="append", help="folders/files of seed articles "
                    "(default: samples, tests/corpus and ../shared when present)")
    ap.add_argument("--replay", type=int, help="run one input and print what it did")
    ap.add_argument("--recheck", metavar="FINDINGS",
                    help="run again every input of a findings file (after a fix): what still fails")
    args = ap.parse_args(argv)
    roots = args.root or [str(p) for p in fuzzing.default_roots(CHECKOUT)]
    _init(roots)
    if not _ARTICLES:
        print("no seed articles found under: " + ", ".join(roots), file=sys.stderr)
        return 2
    if args.replay is not None:
        line = fuzzing.make_line(_ARTICLES, args.seed, args.replay)
        out = fuzzing.check_line(line)
        print(line[:1000].decode("utf-8", "backslashreplace"))
        print(json.dumps(out.__dict__, ensure_ascii=False, indent=1))
        return 1 if out.violations else 0

    if args.recheck:
        return recheck(Path(args.recheck), args.seed)

    state_path = Path(args.state)
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    if state and (state.get("seed"), state.get("chunk")) != (args.seed, args.chunk):
        print(f"{state_path}: a run with another seed or chunk size; remove it to start over",
              file=sys.stderr)
        return 2
    state.setdefault("seed", args.seed)
    state.setdefault("chunk", args.chunk)
    state.setdefault("done", [])
    state.setdefault("totals", {})
    state.setdefault("violations", 0)
    state.setdefault("worst_rate", None)
    state.setdefault("slowest", None)
    done = set(state["done"])
    todo = [c for c in range(math.ceil(args.count / args.chunk)) if c not in done]
    print(f"{len(_ARTICLES)} seed articles; {len(todo)} chunks of {args.chunk} to run "
          f"({len(done)} done before)", file=sys.stderr)
    started = time.time()
    with open(args.findings, "a", encoding="utf-8") as findings, \
            ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(roots,)) as pool:
        futures = [pool.submit(run_chunk, args.seed, c, args.chunk, args.store_every) for c in todo]
        try:
            for n, fut in enumerate(as_completed(futures), 1):
                result = fut.result()
                for f in result["findings"]:
                    findings.write(json.dumps(f, ensure_ascii=False) + "\n")
                findings.flush()
                _fold(state, result)
                state["done"].append(result["chunk"])
                state_path.write_text(json.dumps(state))
                if n % 10 == 0 or n == len(todo):
                    _print(state, n, len(todo), started)
        except KeyboardInterrupt:
            pool.shutdown(cancel_futures=True)
            print("interrupted; rerun the same command to go on", file=sys.stderr)
            return 130
    _print(state, len(todo), len(todo), started)
    return 1 if state["violations"] else 0


def recheck(findings: Path, seed: int) -> int:
    """Run each input of ``findings`` again; a slow one is timed three times and its best
    time counts (one slow run among fast ones is the collector, not the input)."""
    inputs = sorted({json.loads(line)["input"] for line in findings.open(encoding="utf-8") if line.strip()})
    fuzzing.check_line(fuzzing.make_line(_ARTICLES, seed, 0))  # warm the caches
    still = 0
    for i in inputs:
        line = fuzzing.make_line(_ARTICLES, seed, i)
        outs = [fuzzing.check_line(line)]
        while any(v.startswith("slow:") for v in outs[-1].violations) and len(outs) < 3:
            outs.append(fuzzing.check_line(line))
        best = min(outs, key=lambda o: o.cpu_s)
        if best.violations:
            still += 1
            print(f"input {i}: " + "; ".join(best.violations), file=sys.stderr)
    print(f"{len(inputs)} inputs run again: {still} still break the contract", file=sys.stderr)
    return 1 if still else 0


def _fold(state: dict, result: dict) -> None:
    for k, v in result["totals"].items():
        state["totals"][k] = state["totals"].get(k, 0) + v
    state["violations"] += len(result["findings"])
    w = result["worst"]
    if w["input"] is not None and (state["worst_rate"] is None or w["rate"] > state["worst_rate"][0]):
        state["worst_rate"] = [w["rate"], w["input"]]
    if w["slowest"] is not None and (state["slowest"] is None or w["cpu_s"] > state["slowest"][0]):
        state["slowest"] = [w["cpu_s"], w["slowest"]]


def _print(state: dict, n: int, total: int, started: float) -> None:
    t = state["totals"]
    rate = state["worst_rate"]
    slow = state["slowest"]
    print(f"[{n}/{total} chunks, {time.time() - started:.0f} s] inputs {t.get('inputs', 0):,}; "
          f"documents {t.get('documents', 0):,}, problems {t.get('problems', 0):,}, "
          f"events {t.get('events', 0):,}, claims {t.get('claims', 0):,}; "
          f"violations {state['violations']}; worst CPU per 100 KB "
          f"{'-' if rate is None else f'{rate[0]:.3f} s (input {rate[1]})'}; slowest input "
          f"{'-' if slow is None else f'{slow[0]:.2f} s (input {slow[1]})'}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
