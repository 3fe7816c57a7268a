"""Near-duplicate detection on articles written for the tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.near_duplicates import NEAR_DUPLICATE, is_near_duplicate, similarity, sketch

CORPUS = Path(__file__).parent / "corpus" / "ar"


def _article(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def test_identical_texts_are_duplicates():
    text = _article("ar_a01")
    assert similarity(sketch(text), sketch(text)) == 1.0


def test_same_dispatch_with_other_chrome_is_a_near_duplicate():
    text = _article("ar_a01")
    copy_a = "الرئيسية | أخبار وطنية\n" + text + "\nشارك المقال عبر فيسبوك"
    copy_b = "آخر الأخبار\n" + text.replace("أعلن", "أفاد").replace("٢", "2") + "\nجميع الحقوق محفوظة"
    assert is_near_duplicate(sketch(copy_a), sketch(copy_b))


def test_diacritics_and_hamza_do_not_matter():
    text = _article("ar_b01")
    variant = text.replace("أ", "ا").replace("ة", "ه").replace("ي", "ى")
    assert similarity(sketch(text), sketch(variant)) >= NEAR_DUPLICATE


@pytest.mark.parametrize("a, b", [("ar_a01", "ar_b01"), ("ar_a04", "ar_c04"), ("ar_a10", "ar_c09")])
def test_different_reports_are_not_duplicates(a, b):
    # ar_a04/ar_c04 and ar_a10/ar_c09 report the same operations in different words.
    assert not is_near_duplicate(sketch(_article(a)), sketch(_article(b)))


def test_short_texts_have_no_sketch():
    assert sketch("توقيف متطرف بطنجة") == ()
    assert similarity((), sketch(_article("ar_a01"))) == 0.0
