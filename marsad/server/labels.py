"""Display labels of vocabulary ids (types, orgs, agencies, partners …) in Arabic and English.

Curated names for the SPEC vocabularies; for other ids of the package lexicon
(``marsad/data/<lang>/lexicon.json``: items, plots, targets, other groups) the first
plain phrase listed for the id. Ids without either have no label (the dashboard
shows the id).
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import language_data

LANGS = ("ar", "en")
_LEXICON_KINDS = ("org", "agency", "partner", "item", "plot", "target")
_CURATED = {
    "ar": {
        "cell_dismantled": "تفكيك خلية", "arrest": "توقيف", "attack": "هجوم", "seizure": "حجز",
        "isis": "داعش", "isis-sahel": "داعش في الساحل", "al-qaeda": "القاعدة",
        "aqim": "القاعدة في بلاد المغرب الإسلامي", "aq-iraq": "القاعدة في العراق",
        "jnim": "جماعة نصرة الإسلام والمسلمين",
        "bcij": "المكتب المركزي للأبحاث القضائية", "dgst": "المديرية العامة لمراقبة التراب الوطني",
        "dgsn": "المديرية العامة للأمن الوطني", "bnpj": "الفرقة الوطنية للشرطة القضائية",
        "interior-ministry": "وزارة الداخلية", "royal-gendarmerie": "الدرك الملكي",
        "MA": "المغرب", "US": "الولايات المتحدة", "ES": "إسبانيا", "FR": "فرنسا", "BE": "بلجيكا", "DE": "ألمانيا",
        "NL": "هولندا", "IT": "إيطاليا", "GB": "المملكة المتحدة", "DK": "الدنمارك", "SE": "السويد",
        "AT": "النمسا", "TN": "تونس", "DZ": "الجزائر", "JO": "الأردن", "EG": "مصر", "LY": "ليبيا",
        "SY": "سوريا", "IQ": "العراق", "SA": "السعودية", "MR": "موريتانيا", "ML": "مالي",
        "TR": "تركيا", "RU": "روسيا", "CH": "سويسرا", "CA": "كندا", "NE": "النيجر",
        # claim subsets (SPEC's free slugs the extractor gives)
        "sahel-linked": "مرتبطة بالساحل", "isis-linked": "مرتبطة بداعش", "conflict-zone-linked": "مرتبطة ببؤر التوتر",
        "al-qaeda-linked": "مرتبطة بالقاعدة", "fay-wa-istihlal": "الفيء والاستحلال", "women": "نساء",
        "minors": "قاصرون", "criminal-record": "من ذوي السوابق", "returnees": "عائدون",
    },
    "en": {
        "cell_dismantled": "Cell dismantled", "arrest": "Arrest", "attack": "Attack",
        "seizure": "Seizure",
        "isis": "Islamic State (ISIS)", "isis-sahel": "Islamic State in the Sahel",
        "al-qaeda": "Al-Qaeda", "aqim": "Al-Qaeda in the Islamic Maghreb (AQIM)",
        "aq-iraq": "Al-Qaeda in Iraq", "jnim": "JNIM",
        "bcij": "Central Bureau of Judicial Investigation (BCIJ)",
        "dgst": "General Directorate for Territorial Surveillance (DGST)",
        "dgsn": "General Directorate of National Security (DGSN)",
        "bnpj": "National Brigade of Judicial Police (BNPJ)",
        "interior-ministry": "Interior Ministry", "royal-gendarmerie": "Royal Gendarmerie",
        "MA": "Morocco", "US": "United States", "ES": "Spain", "FR": "France", "BE": "Belgium", "DE": "Germany",
        "NL": "Netherlands", "IT": "Italy", "GB": "United Kingdom", "DK": "Denmark",
        "SE": "Sweden", "AT": "Austria", "TN": "Tunisia", "DZ": "Algeria", "JO": "Jordan",
        "EG": "Egypt", "LY": "Libya", "SY": "Syria", "IQ": "Iraq", "SA": "Saudi Arabia",
        "MR": "Mauritania", "ML": "Mali", "TR": "Turkey", "RU": "Russia", "CH": "Switzerland",
        "CA": "Canada", "NE": "Niger",
        "sahel-linked": "linked to the Sahel", "isis-linked": "linked to ISIS",
        "conflict-zone-linked": "linked to conflict zones", "al-qaeda-linked": "linked to al-Qaeda",
        "fay-wa-istihlal": "Fay' wa-Istihlal", "women": "women", "minors": "minors",
        "criminal-record": "with a criminal record", "returnees": "returnees",
    },
}


@lru_cache(maxsize=None)
def labels(lang: str) -> dict[str, str]:
    """``{id: label}`` in ``lang`` (``ar`` or ``en``)."""
    out: dict[str, str] = {}
    lexicon = language_data(lang, "lexicon")
    for kind in _LEXICON_KINDS:
        for id_, phrases in (lexicon.get(kind) or {}).items():
            plain = next((p for p in phrases if "~" not in p and "*" not in p), None)
            if plain:
                out[id_] = plain
    out.update(_CURATED.get(lang, {}))
    return out


def all_labels() -> dict[str, dict[str, str]]:
    """``{lang: {id: label}}`` for every interface language."""
    return {lang: labels(lang) for lang in LANGS}
