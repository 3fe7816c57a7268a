"""Language patterns: possessive space quantifiers keep every pattern linear on runs of spaces."""
from __future__ import annotations

import time

import pytest

from marsad.pipeline import claims
from marsad.text import dates
from marsad.text.patterns import compile_pattern, possessive_spaces


@pytest.mark.parametrize("pattern, expected", [
    (r"من\s+(?:سنه)?\s*(?P<a>\d{4})", r"من\s++(?:سنه)?\s*+(?P<a>\d{4})"),
    (r"since\s+the", r"since\s++the"),
    (r"\s*?x", r"\s*?x"),          # lazy: left alone
    (r"\s++x\s*+", r"\s++x\s*+"),  # already possessive
    (r"\s{1,3}x", r"\s{1,3}x"),    # counted: left alone
    (r"\\s+", r"\\s+"),            # a backslash and an s, not a space class
    (r"[\s,]*x", r"[\s,]*x"),      # a class: left alone
])
def test_possessive_spaces(pattern, expected):
    assert possessive_spaces(pattern) == expected


@pytest.mark.parametrize("pattern, text, found", [
    (r"منذ\s+(?:سنه|عام)?\s*(\d{4})", "منذ  سنه 2002", "2002"),
    (r"منذ\s+(?:سنه|عام)?\s*(\d{4})", "منذ\n\n2002", "2002"),
    (r"(\d+)\s*,?\s*(?:and|et)\s+(\d+)", "7 ,  and 9", "7"),
    (r"since\s+(?:[^\d.]{0,20}?)(\d{4})", "since the  end of 2015", "2015"),
])
def test_matches_are_unchanged(pattern, text, found):
    import re
    assert re.search(pattern, text).group(1) == compile_pattern(pattern).search(text).group(1) == found


def _openers() -> list[tuple[str, str]]:
    return [("ar", w) for w in ("منذ", "من", "متزامن", "ابتداء من")] + \
           [("en", w) for w in ("since", "from", "between")] + [("fr", w) for w in ("depuis", "de", "entre")]


@pytest.mark.parametrize("lang, opener", _openers())
@pytest.mark.parametrize("run", ["\n", " ", " \n"], ids=["line breaks", "spaces", "mixed"])
def test_period_and_date_patterns_are_linear_on_runs_after_an_opening_word(lang, opener, run):
    # «منذ» then 20,000 line breaks took 289 s in one period pattern («منذ\s+(?:[^\d.]{0,120}?)…\s*YEAR»)
    text = f"فككت خلية {opener} 2002" + run * (20_000 // len(run)) + "." if lang == "ar" \
        else f"a cell {opener} 2002" + run * (20_000 // len(run)) + "."
    start = time.process_time()
    for _, rx in claims._period_patterns(lang):
        list(rx.finditer(text))
    g = dates.grammar(lang)
    for rx in (getattr(g, f) for f in g.__dataclass_fields__ if f.endswith("_re")):
        list(rx.finditer(text))
    assert time.process_time() - start < 0.5  # generous: linear takes ~1 ms
