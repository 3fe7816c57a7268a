#!/usr/bin/env python3
"""Validate marsad/data/other/sources.json (the people who state figures, marsad.sources).

Each person has a label in ar, en and fr, a role and at least one name; no two names of
different people, and no person's name and an institution's name, fold alike (they would
make one entity of two). Prints each problem and exits 1, or prints a summary.

    python scripts/check_sources.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.sources import _people, entity_names, fold  # noqa: E402


def problems() -> list[str]:
    out = []
    owner: dict[str, str] = {}
    people = _people()
    for entity, names in entity_names().items():
        for name in (entity, *names):
            key = fold(name)
            if not key:
                out.append(f"{entity}: name {name!r} folds to nothing")
                continue
            first = owner.setdefault(key, entity)
            if first != entity and (entity in people or first in people):
                out.append(f"{name!r} names both {first} and {entity}")
    for person, entry in people.items():
        missing = [lang for lang in ("ar", "en", "fr") if not entry.get("label", {}).get(lang)]
        if missing:
            out.append(f"{person}: no label in {', '.join(missing)}")
        if not entry.get("role"):
            out.append(f"{person}: no role")
        if not entry.get("names"):
            out.append(f"{person}: no names")
    return out


def main() -> int:
    found = problems()
    for p in found:
        print(f"sources.json: {p}")
    if not found:
        print(f"sources.json: {len(_people())} people, {sum(len(e['names']) for e in _people().values())} names, no clash")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
