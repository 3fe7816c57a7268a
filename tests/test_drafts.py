"""The drafts stage's lookups answer as their definitions (issue 16: dense sentences).

A sentence of many anchors, mentions and dates was scored anchors × mentions × dates;
the lookups now go through indexes (anchors sorted by position, attack words by start
and end). Each is checked here against the plain definition it replaced, on a real
analysis and random anchors and dates.
"""
from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.models import Document
from marsad.pipeline.drafts import (ATTACK_DATE_REACH, ATTACK_KINDS, REASON_PENALTY, Anchor, _dates_an_attack,
                                    _distance, _nearest_anchor, _reason_between)
from marsad.pipeline.mentions import Analysis, analyze
from marsad.text.dates import DateMention

TEXT = ("Police arrested three men in Safi over the Marrakech cafe bombing, after the Casablanca attack, "
        "and the BCIJ dismantled a cell in Tangier on 3 March, two days after the blast in Fes, "
        "then arrested a fourth suspect in Oujda over the bombing.")


@lru_cache(maxsize=1)
def analysis() -> Analysis:
    return analyze(Document(id="drafts", text=TEXT, lang="en"), "en", "2024-03-05")


def nearest_by_definition(a: Analysis, anchors: list[Anchor], pos: int) -> Anchor:
    """The anchor of least distance to pos (a word naming what the arrested are suspected
    of counting as a clause; an "after" between an anchor and pos, with an anchor past it,
    as a reason word), the one before on a tie, the first listed on a full tie."""
    afters = [k for k, t in enumerate(a.tokens) if t.text == "after" and any(x.position > k for x in anchors)]

    def after_between(an: Anchor) -> int:
        return REASON_PENALTY if any(an.position < k < pos for k in afters) else 0

    return min(anchors, key=lambda an: (_distance(a, an.position, pos) + _reason_between(a, an.position, pos)
                                        + after_between(an), an.position > pos))


def attack_date_by_definition(a: Analysis, si: int, first: int, last: int, own: int | None) -> bool:
    return any(m.kind in ATTACK_KINDS and m.start != own and (0 < m.start - last <= ATTACK_DATE_REACH
                                                              or 0 < first - m.end + 1 <= ATTACK_DATE_REACH)
               for m in a.by_sentence.get(si, ()))


def test_the_sentence_has_attack_words_to_test_with():
    a = analysis()
    assert len(a.sentences) == 1
    assert sum(m.kind in ATTACK_KINDS for m in a.by_sentence[0]) >= 3


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["op", "ref", "attack"])), min_size=1, max_size=12),
       st.integers(0, 60))
def test_nearest_anchor_is_the_nearest_by_definition(spec, pos):
    a = analysis()
    n = len(a.tokens)
    anchors = [Anchor(kind=kind, position=p % n, sentence=0) for p, kind in spec]
    assert _nearest_anchor(a, anchors, pos % n) is nearest_by_definition(a, anchors, pos % n)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 60), st.integers(0, 3), st.one_of(st.none(), st.integers(0, 60)))
def test_a_date_beside_an_attack_word_by_definition(first, width, own):
    a = analysis()
    n = len(a.tokens)
    first = first % n
    last = min(n - 1, first + width)
    dm = DateMention(start=a.tokens[first].start, end=a.tokens[last].end, kind="day", value="2024-03-03")
    anchoring = None if own is None else ([], Anchor(kind="op", position=own % n, sentence=0))
    own_position = None if own is None else own % n
    assert _dates_an_attack(a, 0, dm, anchoring) == attack_date_by_definition(a, 0, first, last, own_position)
