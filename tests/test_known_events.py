"""Well-known attacks: one key across languages, a date borrowed by the canonical event."""
from __future__ import annotations

import json

import pytest

from marsad.known_events import known_date, known_key
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.resources import language_data
from marsad.store import Store

LANGS = ("ar", "en", "fr")


def test_the_three_languages_list_the_same_attacks_once_each():
    keys = {}
    for lang in LANGS:
        attacks = language_data(lang, "known_attacks")["attacks"]
        dates = [a["date"] for a in attacks]
        assert len(dates) == len(set(dates)), f"{lang}: two attacks share a date, so a key"
        keys[lang] = {known_key(a) for a in attacks}
    assert keys["ar"] == keys["en"] == keys["fr"]
    assert all(known_date(k) for k in keys["ar"])


# Articles written for this test: news of a cell, recalling an attack by its name only.
RECALLS = [
    ("ar", "2025-03-04", "فككت المصالح الأمنية بمدينة طنجة، يوم الاثنين، خلية إرهابية تتكون من أربعة عناصر "
                         "موالين لتنظيم داعش. وتعيد هذه العملية إلى الأذهان أحداث 16 ماي الإرهابية."),
    ("en", "2023-05-17", "Moroccan police dismantled a four-member cell loyal to ISIS in Tangier on Tuesday, "
                         "days before the anniversary of the May 16 bombings in Casablanca."),
    ("fr", "2024-05-16", "Les services de sécurité ont démantelé lundi à Tanger une cellule terroriste de quatre "
                         "membres. Cette opération rappelle les attentats du 16 mai qui avaient frappé Casablanca."),
]


@pytest.mark.parametrize("lang, published, text", RECALLS)
def test_a_recalled_attack_carries_its_key_and_no_date_from_its_name(lang, published, text):
    record = extract(Document(id=f"{lang}-recall", text=text, lang=lang, published=published))
    attack = next(e for e in record.events if e.type == "attack")
    assert attack.background and attack.known == "attack@2003-05-16"
    assert attack.date is None  # «16 ماي» without a year names the attack; publication would pick a wrong year
    assert "known" not in attack.to_dict() and attack.to_store_dict()["known"] == attack.known
    news = next(e for e in record.events if e.type != "attack")
    assert news.date and news.date.startswith(published[:4]) and news.places == ["tangier"]


def ingest(store: Store, docs: list[Document]) -> None:
    for doc in docs:
        store.add(doc, extract(doc))
        store.resolve([doc.id])


def attack_events(store: Store) -> list[dict]:
    return [e for e in store.canonical_events(type="attack")]


def test_recalls_in_three_languages_are_one_event_that_borrows_the_date(tmp_path):
    with Store(tmp_path / "m.db") as store:
        ingest(store, [Document(id=f"{lang}-recall", text=text, lang=lang, published=published)
                       for lang, published, text in RECALLS])
        (attack,) = attack_events(store)
        assert attack["source_count"] == 3 and attack["date"] == "2003-05-16"
        assert attack["date_from"] == "known_events"
        assert len(store.canonical_events(type="attack", since="2003-05", until="2003-05")) == 1


def test_a_dated_report_of_the_attack_joins_its_recalls(tmp_path):
    report = Document(id="ar-2003", lang="ar", published="2003-05-17", text=(
        "هزت تفجيرات انتحارية مساء أمس الجمعة مدينة الدار البيضاء، وأسفرت عن مقتل 33 شخصا "
        "في هجمات متزامنة استهدفت مطعما وفندقا ومقرا اجتماعيا."))
    with Store(tmp_path / "m.db") as store:
        ingest(store, [report] + [Document(id=f"{lang}-recall", text=text, lang=lang, published=published)
                                  for lang, published, text in RECALLS])
        attacks = attack_events(store)
        assert len(attacks) == 1, [(a["date"], a["mention_keys"]) for a in attacks]
        assert attacks[0]["date"] == "2003-05-16" and "date_from" not in attacks[0]
        assert attacks[0]["source_count"] == 4


@pytest.mark.parametrize("lang, text, places", [
    # the press places the Imlil murders in Imlil or in Marrakesh's region: either is kept
    ("ar", "وتعود هذه القضية الإرهابية إلى جريمة قتل سائحتين إسكندنافيتين على يد متطرفين موالين لداعش بمنطقة إمليل "
           "في دجنبر 2018.", ["imlil"]),
    ("ar", "وتعود هذه القضية الإرهابية إلى جريمة قتل سائحتين إسكندنافيتين على يد متطرفين موالين لداعش بضواحي مراكش "
           "في دجنبر 2018.", ["marrakesh"]),
    ("en", "The terrorism case goes back to the killing of two Scandinavian women by Islamic State sympathisers near "
           "Marrakesh in December 2018.", ["marrakesh"]),
    # none named: the data's first place
    ("en", "The Moroccan terrorism case goes back to the killing of two Scandinavian women by Islamic State sympathisers in "
           "December 2018.", ["imlil"]),
])
def test_a_known_attack_keeps_whichever_of_its_places_the_text_names(lang, text, places):
    record = extract(Document(id=f"{lang}-imlil", text=text, lang=lang, published="2019-06-04"))
    attack = next(e for e in record.events if e.type == "attack")
    assert attack.known == "attack@2018-12-17" and attack.places == places


@pytest.mark.parametrize("text, lang", [
    # a well-known attack's plot is the data's, whatever word the article uses for it
    ("Le Maroc n'a plus connu d'attentat depuis l'assassinat de deux touristes scandinaves près d'Imlil, en "
     "décembre 2018. Mardi, le BCIJ a interpellé à Fès un partisan de Daech.", "fr"),
    ("Morocco has seen no attack since the assassination of two Scandinavian hikers near Imlil in December 2018. "
     "On Tuesday the BCIJ arrested an ISIS supporter in Fez.", "en"),
])
def test_a_well_known_attack_keeps_the_plot_its_data_gives(text, lang):
    events = extract(Document(id="k", text=text, lang=lang, published="2026-03-12")).events
    [attack] = [e for e in events if e.type == "attack"]
    assert (attack.date[:7], attack.plot) == ("2018-12", [])


@pytest.mark.parametrize("text", [
    # "respectively" gives each listed attack its toll, in order (wire boilerplate)
    "Morocco has been spared major attacks since the deadly bombings in Casablanca in 2003 and in Marrakesh in "
    "2011, which killed 45 and 17 people respectively. On Tuesday the BCIJ arrested an ISIS supporter in Fes.",
    "The kingdom suffered suicide bombings in Casablanca in 2003 and a bombing in Marrakesh in 2011, which left 45 "
    "and 17 dead, respectively. On Tuesday the BCIJ arrested an ISIS supporter in Fes.",
])
def test_respectively_gives_each_listed_attack_its_toll(text):
    events = extract(Document(id="r", text=text, lang="en", published="2026-12-03")).events
    assert [(e.places, e.date, e.killed) for e in events if e.type == "attack"] == [
        (["casablanca"], "2003", 45), (["marrakesh"], "2011", 17)]


@pytest.mark.parametrize("lang, text", [
    # the wire copy's description of the attack, not its name, is the attack too: one event, its place
    ("en", "Moroccan police arrested four suspected militants in Tangier on Monday. Morocco has not suffered a major "
           "attack since the 2011 bombing of a cafe in Marrakech that killed 17 people."),
    ("fr", "La police a interpellé lundi à Tanger quatre partisans de Daech. Le Maroc n'a pas connu d'attaque "
           "majeure depuis l'attentat contre un café de Marrakech en 2011, qui avait fait 17 morts."),
    ("en", "Police arrested four suspected militants in Tangier on Monday. Morocco, which has not suffered a major attack "
           "since a 2011 bombing at a cafe in Marrakech that killed 17 people, regularly dismantles cells."),
    ("ar", "أوقفت المصالح الأمنية، يوم الاثنين بطنجة، أربعة موالين لتنظيم داعش. ولم يعرف المغرب هجوما كبيرا منذ "
           "تفجير مقهى بمراكش سنة 2011، الذي خلف 17 قتيلا."),
])
def test_a_described_attack_is_the_known_one(lang, text):
    record = extract(Document(id="d", text=text, lang=lang, published="2026-01-21"))
    attacks = [e for e in record.events if e.type == "attack"]
    assert [(e.known, e.places, e.killed) for e in attacks] == [("attack@2011-04-28", ["marrakesh"], 17)]
