#!/usr/bin/env python3
"""Rebuild marsad/data/other/decimal_digits.json: the zero of every run of Unicode decimal
digits (category Nd comes in runs of ten, 0 to 9), which normalization folds to ASCII.

    python scripts/build_decimal_digits.py          # write the file
    python scripts/build_decimal_digits.py --check  # exit 1 when the file is stale
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "marsad" / "data" / "other" / "decimal_digits.json"


def decimal_zeros() -> list[int]:
    """Code points of every non-ASCII decimal digit zero, by Python's Unicode database."""
    return [cp for cp in range(0x80, 0x110000) if unicodedata.decimal(chr(cp), None) == 0]


def build() -> dict:
    return {"_comment": "Zeros of the runs of ten Unicode decimal digits (0-9) other than ASCII; "
                        "built by scripts/build_decimal_digits.py",
            "unicode_version": unicodedata.unidata_version,
            "zeros": [f"U+{cp:04X}" for cp in decimal_zeros()]}


def main(argv: list[str]) -> int:
    data = build()
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if "--check" in argv:
        stale = not OUT.exists() or OUT.read_text(encoding="utf-8") != text
        print(f"{OUT}: {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {len(data['zeros'])} runs of decimal digits")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
