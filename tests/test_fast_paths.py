"""The fast paths of extraction give what the plain code they replace gives, on every article at
hand (tests/corpus, bench/ordinary_news.jsonl and, when present, ../shared's seeds and gold sets):
records must stay byte-identical when extraction is made faster."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from marsad.evaluation import load_corpus
from marsad.models import Document
from marsad.text import normalize as N

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_FILES = ("seeds/seeds.jsonl", "eval/dev/docs.jsonl", "eval/dev2/docs.jsonl", "eval/dev3/docs.jsonl")


@lru_cache(maxsize=None)
def _articles() -> tuple[Document, ...]:
    """Every article at hand: the test corpus, the ordinary news and the shared sets when present."""
    docs = list(load_corpus(ROOT / "tests" / "corpus")[0])
    paths = [ROOT / "bench" / "ordinary_news.jsonl"] + [SHARED / f for f in SHARED_FILES if (SHARED / f).is_file()]
    for p in paths:
        docs += [Document.from_dict(json.loads(line)) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple(docs)


def test_fold_is_translate():
    """normalize's replacement of the characters a text holds is str.translate with the table."""
    assert not N._CHAINED  # else _fold is translate itself and the test proves nothing
    every = "".join(N._KEYS)
    samples = [every, every[::-1], "x" + "\u064e".join(every) + "Y", ""] + [d.text for d in _articles()]
    for text in samples:
        assert N._fold(text) == text.translate(N._TABLE)
    assert len(_articles()) > 500
