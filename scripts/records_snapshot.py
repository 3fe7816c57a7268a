#!/usr/bin/env python3
"""Records of every article at hand, to check that a change to extraction's speed changes no
output: run it before the change (``--write``), then after (``--compare``).

The articles: tests/corpus (every golden-file folder), bench/ordinary_news.jsonl and, when
present, ../shared's seeds and gold sets (seeds, dev, dev2, dev3). Each is extracted in process
four ways: as given and without its publication date (the date is then looked for in the text),
each with the pre-filter on and off (off: every stage runs, also on ordinary news). One JSON
line per (article, way), keys sorted.

    python scripts/records_snapshot.py --write /tmp/before.jsonl    # with the code before
    python scripts/records_snapshot.py --compare /tmp/before.jsonl  # exit 1 on a difference
    python scripts/records_snapshot.py --write FILE --root OTHER_CHECKOUT   # another checkout's code
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_FILES = ("seeds/seeds.jsonl", "eval/dev/docs.jsonl", "eval/dev2/docs.jsonl", "eval/dev3/docs.jsonl")


def lines(shared: Path) -> list[str]:
    """The snapshot's lines, with the marsad package importable now."""
    from marsad.evaluation import load_corpus
    from marsad.models import Document
    from marsad.pipeline.extract import extract

    docs = list(load_corpus(ROOT / "tests" / "corpus")[0])
    for p in [ROOT / "bench" / "ordinary_news.jsonl"] + [shared / f for f in SHARED_FILES if (shared / f).is_file()]:
        docs += [Document.from_dict(json.loads(x)) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = []
    for doc in docs:
        for d in [doc] + ([dataclasses.replace(doc, published=None)] if doc.published else []):
            for prefilter in (True, False):
                rec = extract(d, prefilter=prefilter).to_dict()
                out.append(json.dumps({"prefilter": prefilter, "published_given": d.published is not None,
                                       "record": rec}, ensure_ascii=False, sort_keys=True))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the snapshot here")
    group.add_argument("--compare", type=Path, help="compare with this snapshot; exit 1 on a difference")
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose marsad package extracts")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the folder with seeds/ and eval/")
    args = ap.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    import marsad

    if not Path(marsad.__file__).resolve().is_relative_to(args.root.resolve()):
        print(f"marsad is imported from {marsad.__file__}, not from {args.root}")
        return 2
    now = lines(args.shared)
    if args.write:
        args.write.write_text("".join(x + "\n" for x in now), encoding="utf-8")
        print(f"{len(now)} records written to {args.write}")
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    differ = [i for i, (a, b) in enumerate(zip(before, now)) if a != b]
    if len(before) != len(now) or differ:
        first = json.loads(now[differ[0]])["record"]["id"] if differ else "-"
        print(f"{len(differ)} of {len(now)} records differ (first: {first}); {len(before)} lines before, {len(now)} now")
        return 1
    print(f"{len(now)} records identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
