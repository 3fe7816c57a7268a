"""marsad.gazetteer: place names in tokens, with clitics, cues and homonyms."""
from __future__ import annotations

import pytest

from marsad.gazetteer import load_gazetteer
from marsad.models import Document
from marsad.pipeline.mentions import analyze
from marsad.text.normalize import normalize
from marsad.text.tokens import tokenize


def place_matches(s: str):
    tokens, _ = tokenize(normalize(s).text)
    return load_gazetteer().match(tokens)


def place_ids(s: str) -> list[str]:
    return [m.value.id for m in place_matches(s)]


def analyzed_places(s: str) -> list[str]:
    return [m.value.id for m in analyze(Document("g", s), "ar").mentions if m.kind == "place"]


@pytest.mark.parametrize("raw, expected", [
    ("اعتقل بمدينة الدار البيضاء", ["casablanca"]),
    ("وبالدار البيضاء", ["casablanca"]),
    ("بالبيضاء", ["casablanca"]),
    ("وبالرباط", ["rabat"]),
    ("والعيون", ["laayoune"]),
    ("بحي مولاي رشيد بالبيضاء", ["casablanca", "casablanca"]),
    ("في سلا الجديدة", ["sale"]),           # a district of Salé, not El Jadida
    ("بمدينة سلا", ["sale"]),
    ("بإقليم الراشيدية", ["errachidia"]),
    ("بمدن فاس ومكناس", ["fes", "meknes"]),  # two towns, not the region
    ("بمدينتي طنجة وتطوان", ["tangier", "tetouan"]),
    ("تطوانوأكادير", ["tetouan", "agadir"]),  # glued, the space lost
    ("في أولاد تايمة", ["oulad-teima"]),
    ("بأولاد تايمة", ["oulad-teima"]),
    ("في تامسنا", ["tamesna"]),
    ("بمدينة الجديدة", ["el-jadida"]),       # with a cue it is the town
    ("arrêté à Fès", ["fes"]),
    ("à Tanger", ["tangier"]),
    ("Marrakech", ["marrakesh"]),
    ("Laâyoune", ["laayoune"]),
    ("LAAYOUNE", ["laayoune"]),
    ("in Fez", ["fes"]),
    ("in Tangier", ["tangier"]),
    ("Casablanca and Rabat", ["casablanca", "rabat"]),
    ("an IS sympathizer in Boujad", ["bejaad"]),   # the press's spelling of Bejaad (batches 48, 50)
    ("à Boujad, non loin de Béni Mellal", ["bejaad", "beni-mellal"]),
    ("He stabbed three people in central Liege", ["liege"]),  # a foreign town after "in central", "in northern"
    ("arrested in northern Liege", ["liege"]),
])
def test_places(raw, expected):
    assert place_ids(raw) == expected


@pytest.mark.parametrize("raw, kind", [
    ("بحي مولاي رشيد", "district"),
    ("في سلا الجديدة", "district"),
    ("بمدينة طنجة", "town"),
])
def test_place_kind(raw, kind):
    assert [m.value.kind for m in place_matches(raw)] == [kind]


@pytest.mark.parametrize("raw, expected", [
    # a region named with its word for region, or hyphenated, is the region (its capital, kind region),
    # not the towns in its name («Béni Mellal-Khénifra» is not Khénifra)
    ("in the central Beni Mellal-Khenifra region", [("beni-mellal", "region")]),
    ("dans la région de Béni Mellal-Khénifra", [("beni-mellal", "region")]),
    ("بجهة بني ملال خنيفرة", [("beni-mellal", "region")]),
    ("across the Souss-Massa region", [("agadir", "region")]),
    ("dans la région de Casablanca-Settat", [("casablanca", "region")]),
    # the towns themselves stay towns
    ("in Beni Mellal and Khenifra", [("beni-mellal", "town"), ("khenifra", "town")]),
    ("بمدن فاس ومكناس", [("fes", "town"), ("meknes", "town")]),
])
def test_regions(raw, expected):
    assert [(m.value.id, m.value.kind) for m in place_matches(raw)] == expected


@pytest.mark.xfail(strict=False, reason="gazetteer.py keeps one reference per surface form and ranks a town "
                   "above a province, so «إقليم الراشيدية» resolves to the town; «إقليم» does not select the "
                   "province entry (needs a change in marsad/gazetteer.py, outside these tests' files)")
def test_province_after_iqlim_has_kind_province():
    assert [(m.value.id, m.value.kind) for m in place_matches("بإقليم الراشيدية")] == [("errachidia", "province")]


def test_match_spans_cover_the_name():
    tokens, _ = tokenize(normalize("تم توقيفه بمدينة الدار البيضاء أمس").text)
    [m] = load_gazetteer().match(tokens)
    assert [t.text for t in tokens[m.start:m.end]] == ["الدار", "البيضاء"]


def test_match_respects_the_window():
    tokens, _ = tokenize(normalize("من طنجة إلى وجدة").text)
    g = load_gazetteer()
    assert [m.value.id for m in g.match(tokens)] == ["tangier", "oujda"]
    assert [m.value.id for m in g.match(tokens, 2)] == ["oujda"]
    assert [m.value.id for m in g.match(tokens, 0, 2)] == ["tangier"]


@pytest.mark.parametrize("raw", [
    "السلطات المحلية",               # not Settat
    "وصرحت السلطات",
    "المساعدة التقنية",
    "قدم المساعدة للمشتبه فيهم",
    "الاستراتيجية الجديدة",          # not El Jadida without a cue
    "المقاربة الجديدة",
    "الرابطة المحمدية للعلماء",       # not Mohammedia
    "الرابطة المحمدية",
    "الجمعة",
    "المكتب المركزي للأبحاث القضائية",
])
def test_not_places(raw):
    assert place_ids(raw) == []
    assert analyzed_places(raw) == []


@pytest.mark.parametrize("raw", ["حجز الأسلحة البيضاء", "وأسلحة بيضاء", "بالأسلحة البيضاء"])
def test_white_weapons_are_not_casablanca(raw):
    # the gazetteer alone sees «البيضاء»; the mention stage hides it behind the item
    assert analyzed_places(raw) == []


def test_casablanca_next_to_white_weapons_still_counts():
    assert analyzed_places("حجز أسلحة بيضاء بالدار البيضاء") == ["casablanca"]


def test_french_towns_of_tip_off_reports_have_their_arabic_names():
    # «أوقفت المصالح الأمنية الفرنسية … بمدينة ليون» (blind batch 10 ar07): the foreign towns' generated rows carry no Arabic
    from marsad.models import Document
    from marsad.pipeline.extract import extract
    text = ("أوقفت المصالح الأمنية الفرنسية، أمس الخميس بمدينة ليون، شابا في التاسعة عشرة من عمره موال لتنظيم داعش، وذلك "
            "بناء على معلومات دقيقة قدمتها المديرية العامة لمراقبة التراب الوطني لنظيرتها الفرنسية.")
    [ev] = extract(Document(id="t", text=text, published="2026-11-06", lang="ar")).events
    assert (ev.places, ev.country, ev.agencies, ev.partners) == (["lyon"], "FR", ["dgst"], ["FR"])
