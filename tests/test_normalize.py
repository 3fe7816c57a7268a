"""marsad.text.normalize: the folding table, and the map back to the original text."""
from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import normalize, normalize_text, strip_diacritics


def offsets_of(nt) -> tuple[int, ...]:
    """The offset map, with the identity spelled out (``offsets`` is None when nothing was dropped)."""
    return tuple(range(len(nt.text))) if nt.offsets is None else nt.offsets


@pytest.mark.parametrize("raw, expected", [
    # decimal digits of every script are ASCII digits, one for one (issue 16: «201߃» read as a year)
    ("سنة 200१", "سنه 2001"),
    ("201߃", "2013"),
    ("𝟐𝟎𝟏𝟗", "2019"),
    ("৩ خلايا", "3 خلايا"),
    ("²", "²"),  # a superscript is no decimal digit: left as it is
    # hamza and alef forms fold to a bare alef; hamza on waw/ya folds to the letter
    ("أحمد", "احمد"),
    ("إرهابي", "ارهابي"),
    ("آلاف", "الاف"),
    ("ٱلله", "الله"),
    ("مؤامرة", "موامره"),
    ("رئيس", "رييس"),
    ("سماء", "سماء"),  # a lone hamza is a letter, kept
    # alef maqsura and Persian ya
    ("مستشفى", "مستشفي"),
    ("على", "علي"),
    ("فارسی", "فارسي"),
    # ta marbuta
    ("خلية إرهابية", "خليه ارهابيه"),
    ("مدينة", "مدينه"),
    # tatweel
    ("الإرهـــاب", "الارهاب"),
    ("مـغـرب", "مغرب"),
    # diacritics: harakat, tanwin, shadda, sukun, dagger alef
    ("مُحَمَّد", "محمد"),
    ("إرهابيًّا", "ارهابيا"),
    ("الدَّارُ البَيْضَاءِ", "الدار البيضاء"),
    ("هٰذا", "هذا"),
    # Eastern Arabic and Persian digits, Arabic decimal and thousands separators
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
    ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
    ("٣٬١٢٩", "3,129"),
    ("٢٫٥", "2.5"),
    ("١٦ ماي ٢٠٠٣", "16 ماي 2003"),
    # typographic quotes and dashes
    ("«داعش»", '"داعش"'),
    ("“Daech”", '"daech"'),
    ("‘Tanger’", "'tanger'"),
    ("2002–2018", "2002-2018"),
    ("الرباط — طنجة", "الرباط - طنجه"),
    # odd spaces become plain spaces; invisible marks disappear
    ("طنجة\u00a0تطوان", "طنجه تطوان"),
    ("طنجة\tتطوان", "طنجه تطوان"),
    ("دا\u200cعش", "داعش"),
    ("\u200fالرباط\u200e", "الرباط"),
    ("\ufeffسلا", "سلا"),
    # Latin: lower case, accents stripped, length kept
    ("Fès", "fes"),
    ("LAÂYOUNE", "laayoune"),
    ("Béni Mellal", "beni mellal"),
    ("Kénitra", "kenitra"),
    ("Ça", "ca"),
    ("DGST", "dgst"),
    # decomposed accents (NFD input) are dropped too
    (unicodedata.normalize("NFD", "Fès"), "fes"),
    (unicodedata.normalize("NFD", "Laâyoune"), "laayoune"),
])
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw", ["الرباط", "Tanger", "16 ماي 2003", ""])
def test_untouched_text_needs_no_offset_map(raw):
    nt = normalize(normalize_text(raw))
    assert nt.original_span(0, len(nt.text)) == (0, len(nt.text))


@pytest.mark.parametrize("raw, needle, original", [
    ("قُتِلَ في الدَّارِ البَيْضَاءِ أمس", "الدار البيضاء", "الدَّارِ البَيْضَاء"),
    ("أوقفت المصالح الأمنيـــة شخصين", "الامنيه", "الأمنيـــة"),
    ("عناصر ‹داعش› الـ«إرهابيّة»", "ارهابيه", "إرهابيّة"),
    ("بتاريخ ١٩ فبراير ٢٠٢٥ بمدينة طنجة", "19 فبراير 2025", "١٩ فبراير ٢٠٢٥"),
    ("اعتقال\u200c ثلاثة \u200fأشخاص", "ثلاثه اشخاص", "ثلاثة \u200fأشخاص"),
    ("à LAÂYOUNE, dans le Sud", "laayoune", "LAÂYOUNE"),
    (unicodedata.normalize("NFD", "arrêté à Fès hier"), "fes", unicodedata.normalize("NFD", "Fès")),
])
def test_span_in_normalized_text_maps_back_to_original(raw, needle, original):
    nt = normalize(raw)
    start = nt.text.index(needle)
    a, b = nt.original_span(start, start + len(needle))
    assert raw[a:b] == original


def test_empty_span_maps_to_a_position():
    raw = "ـالرباط"  # a dropped tatweel first
    nt = normalize(raw)
    assert nt.original_span(0, 0) == (1, 1)
    assert nt.original_span(len(nt.text), len(nt.text)) == (len(raw), len(raw))
    assert nt.original_index(len(nt.text)) == len(raw)


def test_strip_diacritics_keeps_letters_as_written():
    assert strip_diacritics("إِرْهَابِيَّة") == "إرهابية"
    assert strip_diacritics("الإرهـــاب") == "الإرهاب"


# Random text mixing what the press writes: letters in all their forms, diacritics,
# tatweel, invisible marks, three digit sets, Latin with accents, spaces and punctuation.
_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "أإآٱءؤئىةیک"
    + "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0640"
    + "\u200c\u200f\ufeff"
    + "0123456789" + "٠١٢٣٤٥٦٧٨٩" + "۰۱۲۳۴۵۶۷۸۹" + "٫٬"
    + "aeFÈéâÇ" + "\u0301\u0300"
    + " \u00a0\t.,،«»–"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_offset_map_property(raw):
    nt = normalize(raw)
    offsets = offsets_of(nt)
    assert nt.text == normalize_text(raw)
    assert nt.original_length == len(raw)
    assert len(offsets) == len(nt.text)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))
    for i, o in enumerate(offsets):
        assert normalize_text(raw[o]) == nt.text[i]
    # Every original character not in the map is one that normalization drops.
    kept = set(offsets)
    assert all(normalize_text(c) == "" for k, c in enumerate(raw) if k not in kept)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=60), st.data())
def test_any_normalized_span_maps_back_to_what_produced_it(raw, data):
    nt = normalize(raw)
    if not nt.text:
        return
    start = data.draw(st.integers(0, len(nt.text) - 1))
    end = data.draw(st.integers(start + 1, len(nt.text)))
    a, b = nt.original_span(start, end)
    assert 0 <= a < b <= len(raw)
    assert normalize_text(raw[a:b]) == nt.text[start:end]


def test_decimal_digit_data_is_not_stale():
    import subprocess
    import sys
    import unicodedata
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    data = json.loads((root / "marsad" / "data" / "other" / "decimal_digits.json").read_text(encoding="utf-8"))
    if data["unicode_version"] != unicodedata.unidata_version:
        pytest.skip(f"built with Unicode {data['unicode_version']}, this Python has {unicodedata.unidata_version}")
    done = subprocess.run([sys.executable, str(root / "scripts" / "build_decimal_digits.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    # every decimal digit the file names folds to its ASCII value
    for zero in data["zeros"]:
        digits = "".join(chr(int(zero[2:], 16) + i) for i in range(10))
        assert normalize_text(digits) == "0123456789", zero
