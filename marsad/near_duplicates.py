"""Near-duplicate articles: the same wire dispatch republished by many outlets.

A document's *sketch* is the bottom-k of the hashes of its word shingles (after
normalization, so hamza, diacritics and digits do not matter). Two sketches estimate
the Jaccard similarity of the shingle sets; at :data:`NEAR_DUPLICATE` or more the later
document is a copy of the earlier one: it is stored as a source of the same record,
not extracted again.
"""
from __future__ import annotations

import heapq
import re
import zlib

from .text.normalize import normalize_text

# Four-word shingles: short enough that a changed sentence breaks few of them, long
# enough that two different reports of one operation share few.
SHINGLE_WORDS = 4
# Hashes kept per document; the similarity estimate's error is about 1/sqrt(SKETCH_SIZE).
SKETCH_SIZE = 64
# A MAP dispatch republished with other chrome scores 0.9 and more; two outlets' own
# reports of the same operation stay well below 0.5.
NEAR_DUPLICATE = 0.8
# Below this many words a text has too few shingles to compare.
MIN_WORDS = 20

_WORD = re.compile(r"\w+")


def sketch(text: str) -> tuple[int, ...]:
    """The bottom-k sketch of a text (sorted hashes); empty for very short texts."""
    words = _WORD.findall(normalize_text(text))
    if len(words) < MIN_WORDS:
        return ()
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    return tuple(heapq.nsmallest(SKETCH_SIZE, {zlib.crc32(s.encode("utf-8")) for s in shingles}))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the texts behind two sketches (0 when either is empty)."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, set(a) | set(b))
    common = set(a) & set(b)
    return sum(1 for h in union if h in common) / len(union)


def is_near_duplicate(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return similarity(a, b) >= NEAR_DUPLICATE
