#!/usr/bin/env python3
"""Rebuild ``samples/articles.jsonl`` (the README demo input) from the test corpus.

The sample articles are the project's own test articles (written for the project, not
copied from any outlet), in SPEC input form: id, text, published, url.

    python scripts/build_samples.py           # write
    python scripts/build_samples.py --check   # exit 1 when the committed file is stale
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_IDS = ["ar_a01", "ar_a02", "ar_a03", "ar_a04", "ar_a06", "ar_a07", "ar_a10", "ar_b01", "ar_b02",
              "ar_b04", "ar_b09", "ar_b10", "ar_c01", "ar_c02", "ar_c05", "ar_c09", "ar_c12"]
OUT = ROOT / "samples" / "articles.jsonl"


def render() -> str:
    lines = []
    for sid in SAMPLE_IDS:
        folder = ROOT / "tests" / "corpus" / sid.split("_")[0]
        meta = json.loads((folder / f"{sid}.json").read_text(encoding="utf-8"))
        text = (folder / f"{sid}.txt").read_text(encoding="utf-8")
        row = {"id": sid, "text": text, "published": meta["input"].get("published"),
               "url": meta["input"].get("url")}
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main() -> int:
    content = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != content:
            print(f"{OUT} is stale: run python scripts/build_samples.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(content, encoding="utf-8")
    print(f"wrote {len(SAMPLE_IDS)} articles to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
