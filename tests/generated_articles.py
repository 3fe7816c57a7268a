"""Short counter-terrorism news articles, generated: distinct ids and distinct texts.

``articles(prefix, n)`` gives ``n`` JSONL-ready dicts in Arabic, French and English
built from a few sentences of wire-style reporting with their slots (city, agency,
count, ages, organisation, seized items, date) filled from the article's number, so
every article has its own text and no two are near duplicates of each other
(:mod:`marsad.near_duplicates`): they are meant to be stored as ``n`` new articles.
Used by the concurrent-writer tests and for ingesting thousands of articles by hand:

    python3 tests/generated_articles.py PREFIX N > articles.jsonl
"""
from __future__ import annotations

import json
import random
import sys
import zlib

CITIES = {
    "ar": ["طنجة", "تطوان", "فاس", "مكناس", "سلا", "الدار البيضاء", "مراكش", "أكادير", "وجدة",
           "الناظور", "العرائش", "القنيطرة", "بني ملال", "تازة", "الرشيدية", "آسفي", "الجديدة",
           "خريبكة", "سطات", "الحسيمة", "تارودانت", "الصويرة", "ورزازات", "تزنيت"],
    "fr": ["Tanger", "Tétouan", "Fès", "Meknès", "Salé", "Casablanca", "Marrakech", "Agadir",
           "Oujda", "Nador", "Larache", "Kénitra", "Béni Mellal", "Taza", "Errachidia", "Safi",
           "El Jadida", "Khouribga", "Settat", "Al Hoceima", "Taroudant", "Essaouira",
           "Ouarzazate", "Tiznit"],
}
CITIES["en"] = CITIES["fr"]
AGENCIES = {
    "ar": ["المكتب المركزي للأبحاث القضائية", "المديرية العامة للأمن الوطني",
           "عناصر الدرك الملكي", "المديرية العامة لمراقبة التراب الوطني"],
    "fr": ["le Bureau central d'investigations judiciaires", "la Direction générale de la sûreté nationale",
           "la Gendarmerie royale", "la Direction générale de la surveillance du territoire"],
    "en": ["the Central Bureau of Judicial Investigation", "the General Directorate for National Security",
           "the Royal Gendarmerie", "the General Directorate for Territorial Surveillance"],
}
ORGS = {"ar": ["داعش", "تنظيم القاعدة", "الدولة الإسلامية في الساحل"],
        "fr": ["Daech", "Al-Qaïda", "l'État islamique au Sahel"],
        "en": ["ISIS", "Al-Qaeda", "Islamic State in the Sahel"]}
ITEMS = {
    "ar": ["أسلحة بيضاء", "أجهزة إلكترونية", "دعامات رقمية", "مواد كيماوية", "راية ترمز للتنظيم",
           "بذلة عسكرية", "مبالغ مالية", "وثائق مزورة", "هواتف محمولة"],
    "fr": ["des armes blanches", "des appareils électroniques", "des supports numériques",
           "des produits chimiques", "un drapeau de l'organisation", "une tenue militaire",
           "des sommes d'argent", "de faux documents", "des téléphones portables"],
    "en": ["bladed weapons", "electronic devices", "digital media", "chemical products",
           "a flag of the group", "a military uniform", "sums of money", "forged documents",
           "mobile phones"],
}
MONTHS = {
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
           "نونبر", "دجنبر"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}
# Sentences of a report, each with the slots it uses; an article takes the lead and
# three of the others, in order.
SENTENCES = {
    "ar": [
        "أعلن {agency} يوم {day} {month} {year} عن تفكيك خلية إرهابية موالية لـ{org} تنشط بمدينة {city} "
        "وتوقيف {count} أشخاص تتراوح أعمارهم بين {young} و{old} سنة.",
        "وأوضح بلاغ في الموضوع أن عمليات التفتيش بمنازل الموقوفين في {city} و{city2} مكنت من حجز "
        "{item} و{item2}.",
        "وأضاف المصدر أن المشتبه فيهم كانوا يخططون لتنفيذ اعتداءات تستهدف منشآت حيوية بمدينة {city2} "
        "بعد أن تواصلوا مع قياديين في {org}.",
        "وقد تم الاحتفاظ بالموقوفين تحت تدبير الحراسة النظرية رهن البحث الذي تشرف عليه النيابة العامة "
        "المكلفة بقضايا الإرهاب، والذي يتابع ملفه رقم {ref}.",
        "وتندرج هذه العملية في إطار المجهودات التي تبذلها المصالح الأمنية بجهة {city} لتحييد التهديدات "
        "المرتبطة بالتطرف العنيف، وهي العملية {nth} هذا العام.",
        "وكان أحد الموقوفين البالغ من العمر {old} سنة قد سبق أن اعتقل سنة {past} في قضية مماثلة "
        "بمدينة {city2}.",
    ],
    "fr": [
        "{agency} a annoncé le {day} {month} {year} le démantèlement d'une cellule terroriste liée à "
        "{org} active à {city} et l'interpellation de {count} individus âgés de {young} à {old} ans.",
        "Selon un communiqué, les perquisitions menées aux domiciles des suspects à {city} et à {city2} "
        "ont permis la saisie {item_de} et {item2_de}.",
        "Les suspects projetaient des attentats visant des installations sensibles à {city2} après "
        "avoir été en contact avec des cadres de {org}.",
        "Les mis en cause ont été placés en garde à vue dans le cadre de l'enquête menée sous la "
        "supervision du parquet chargé des affaires de terrorisme, dossier numéro {ref}.",
        "Cette opération s'inscrit dans les efforts des services de sécurité de la région de {city} "
        "pour neutraliser les menaces liées à l'extrémisme violent; c'est la {nth}e de l'année.",
        "L'un des suspects, âgé de {old} ans, avait déjà été arrêté en {past} dans une affaire "
        "similaire à {city2}.",
    ],
    "en": [
        "{agency} announced on {month} {day}, {year} that it had dismantled a terrorist cell loyal to "
        "{org} operating in {city} and arrested {count} suspects aged between {young} and {old}.",
        "According to a statement, searches of the suspects' homes in {city} and {city2} led to the "
        "seizure of {item} and {item2}.",
        "The suspects were planning attacks on sensitive facilities in {city2} after contacting "
        "leaders of {org}.",
        "The detainees were placed in police custody for the investigation supervised by the "
        "prosecutor in charge of terrorism cases, file number {ref}.",
        "The operation is part of the efforts of the security services of the {city} region to "
        "counter threats linked to violent extremism; it is operation number {nth} this year.",
        "One of the suspects, aged {old}, had already been arrested in {past} in a similar case "
        "in {city2}.",
    ],
}
LANGS = ("ar", "fr", "en")


def article(prefix: str, number: int) -> dict[str, str]:
    """Article ``number`` of the set ``prefix``: a dict with id, text, lang and published."""
    rng = random.Random(zlib.crc32(f"{prefix}-{number}".encode("utf-8")))
    lang = LANGS[number % len(LANGS)]
    cities = rng.sample(CITIES[lang], 2)
    items = rng.sample(range(len(ITEMS[lang])), 2)
    year, month, day = rng.randint(2014, 2025), rng.randint(1, 12), rng.randint(1, 28)
    young = rng.randint(18, 30)
    slots = {
        "agency": rng.choice(AGENCIES[lang]), "org": rng.choice(ORGS[lang]),
        "city": cities[0], "city2": cities[1],
        "item": ITEMS[lang][items[0]], "item2": ITEMS[lang][items[1]],
        "day": day, "month": MONTHS[lang][month - 1], "year": year,
        "count": rng.randint(2, 9), "young": young, "old": young + rng.randint(5, 30),
        "ref": f"{prefix}/{number}/{rng.randint(100, 999)}", "nth": rng.randint(2, 40),
        "past": year - rng.randint(2, 10),
    }
    slots["item_de"], slots["item2_de"] = (_de(slots["item"]), _de(slots["item2"]))
    lead, *rest = SENTENCES[lang]
    body = [lead] + sorted(rng.sample(rest, 3), key=rest.index)
    text = " ".join(s.format(**slots) for s in body)
    text = "الرباط - " + text if lang == "ar" else text[0].upper() + text[1:]
    return {"id": f"{prefix}-{number:05d}", "text": text, "lang": lang,
            "published": f"{year:04d}-{month:02d}-{day:02d}"}


def _de(item: str) -> str:
    """French «la saisie de/d'» + an item starting with an article (des, un, une, de)."""
    for article_, after in (("des ", "de "), ("de ", "de "), ("un ", "d'un "), ("une ", "d'une ")):
        if item.startswith(article_):
            return after + item[len(article_):]
    return "de " + item


def articles(prefix: str, n: int, start: int = 0) -> list[dict[str, str]]:
    """Articles ``start`` … ``start + n - 1`` of the set ``prefix``."""
    return [article(prefix, i) for i in range(start, start + n)]


def write_jsonl(path, rows) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for row in articles(sys.argv[1], int(sys.argv[2])):
        print(json.dumps(row, ensure_ascii=False))
