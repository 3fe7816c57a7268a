"""bench/ordinary_news.jsonl: ordinary (not counter-terrorism) news for the speed bench's 90%
mix and for the rejection of look-alikes; well-formed SPEC inputs that extraction leaves out."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections import Counter
from pathlib import Path

from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.pipeline.language import detect_language

ROOT = Path(__file__).resolve().parents[1]
PATH = ROOT / "bench" / "ordinary_news.jsonl"


def _articles() -> list[dict]:
    return [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines()]


def test_ordinary_news_is_well_formed():
    arts = _articles()
    assert Counter(a["lang"] for a in arts) == {"ar": 70, "fr": 70, "en": 70}
    assert len({a["id"] for a in arts}) == len(arts)
    assert len({a["text"] for a in arts}) == len(arts)
    for a in arts:
        assert set(a) == {"id", "text", "lang", "published"}, a["id"]
        dt.date.fromisoformat(a["published"])
        assert 60 <= len(a["text"].split()) <= 180, a["id"]
        assert detect_language(a["text"]) == a["lang"], a["id"]
        assert Document.from_dict(a).id == a["id"]


def test_extraction_finds_nearly_no_ordinary_article_relevant():
    """Look-alikes («خلية أزمة», «cellule de crise», a football attack, drug arrests) are not
    counter-terrorism news: at most 1 in 50 may be taken as relevant (none at writing)."""
    arts = _articles()
    relevant = [a["id"] for a in arts if extract(Document.from_dict(a)).relevant]
    assert len(relevant) <= len(arts) // 50, relevant


def test_bench_mixes_have_distinct_ids_and_one_real_in_ten():
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "bench_extract.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    ordinary = _articles()
    real = [{"id": "r1", "text": "تفكيك خلية إرهابية بطنجة"}, {"id": "r2", "text": "BCIJ"}]
    mix = bench.ordinary_mix(ordinary, real, 200)
    assert len(mix) == 200 and len({a["id"] for a in mix}) == 200
    assert sum(a["text"] in {r["text"] for r in real} for a in mix) == 20
    assert len({a["id"] for a in bench.repeated(real, 50, "x")}) == 50
