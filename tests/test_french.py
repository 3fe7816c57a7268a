"""French press vocabulary: the inflections and synonyms the Moroccan French-language press uses
for counter-terrorism operations (marsad/data/fr/*.json), each checked on a short sentence."""
from __future__ import annotations

import pytest

from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.text.dates import find_dates
from marsad.text.normalize import normalize_text

PUBLISHED = "2024-03-14"  # a Thursday
# A neutral closing sentence, so that a one-line probe is long enough to be read as French.
TAIL = " Selon la même source, les investigations se poursuivent sous la supervision du parquet."


def _news(text: str, published: str = PUBLISHED):
    rec = extract(Document(id="t", text=text + TAIL, published=published))
    assert rec.lang == "fr"
    news = [e for e in rec.events if not e.background]
    assert news, f"no news event in {text!r}"
    return news[0]


@pytest.mark.parametrize("text, expected", [
    # feminine and plural past participles, present tense of headlines, noun phrases
    ("Trois partisanes de Daech ont été appréhendées mercredi à Fès par le BCIJ.", "cell_dismantled"),
    ("Une extrémiste a été capturée mercredi à Fès par le BCIJ.", "arrest"),
    ("Une partisane de Daech a été écrouée mercredi à Fès par le BCIJ.", "arrest"),
    ("Le BCIJ met hors d'état de nuire une cellule terroriste à Fès.", "cell_dismantled"),
    ("Mise hors d'état de nuire d'une cellule terroriste à Fès par le BCIJ.", "cell_dismantled"),
    ("Le BCIJ neutralise une cellule terroriste à Fès.", "cell_dismantled"),
    ("Le BCIJ démantèle une cellule terroriste à Fès.", "cell_dismantled"),
    ("Le BCIJ interpelle un extrémiste à Fès.", "arrest"),
    ("Le Bureau central d'investigations judiciaires (BCIJ) a procédé mercredi à Fès à la neutralisation d'une cellule terroriste.", "cell_dismantled"),
    ("Le BCIJ a mené mercredi un coup de filet contre une cellule terroriste de quatre membres à Fès.", "cell_dismantled"),
])
def test_trigger_forms(text, expected):
    assert _news(text).type == expected


@pytest.mark.parametrize("text, expected", [
    ("Trois partisanes de Daech ont été appréhendées mercredi à Fès par le BCIJ.", 3),
    ("Le BCIJ a démantelé mercredi à Fès une cellule terroriste de trois partisanes de Daech.", 3),
    ("Le BCIJ a démantelé mercredi à Fès une cellule terroriste de quatre sympathisantes de Daech.", 4),
    ("Dix femmes, dont quatre mineures, ont été interpellées mercredi à Fès par le BCIJ.", 10),
    # the accused of a court story, past an adjective
    ("Les quatre principaux accusés ont été interpellés mercredi à Fès par le BCIJ.", 4),
])
def test_feminine_person_nouns_count(text, expected):
    assert _news(text).arrested == expected


@pytest.mark.parametrize("text", [
    # the feminine anaphor refers back to the suspects as the masculine does
    "Le BCIJ a démantelé mercredi une cellule de quatre femmes à Kénitra. Les suspectes, qui avaient fait "
    "allégeance à Daech, projetaient des attentats.",
    "Le BCIJ a démantelé mercredi une cellule de quatre femmes à Kénitra. Ces suspectes avaient prêté allégeance "
    "à Daech.",
    "Le BCIJ a démantelé mercredi une cellule de quatre femmes à Kénitra. Les mises en cause avaient fait "
    "allégeance à Daech.",
])
def test_feminine_anaphors_carry_the_suspects_allegiance(text):
    assert _news(text).affiliation == ["isis"]


@pytest.mark.parametrize("group, expected", [
    ("de l'État islamique au Grand Sahara", "isis-sahel"),
    ("de l'EI au Grand Sahara", "isis-sahel"),
    ("de l'État islamique dans le Sahel", "isis-sahel"),
    ("de l'organisation terroriste dite « État islamique »", "isis"),
    ("d'AQMI", "aqim"),
])
def test_group_names(group, expected):
    ev = _news(f"Le BCIJ a interpellé mercredi à Fès un extrémiste partisan {group}.")
    assert expected in ev.affiliation


SEIZED = "Le BCIJ a démantelé mercredi à Fès une cellule terroriste de trois membres. Les perquisitions ont permis la saisie {}."


@pytest.mark.parametrize("item, expected", [
    ("de puces téléphoniques", "electronic-devices"),
    ("d'une tenue de type militaire", "military-uniform"),
    ("de l'emblème de l'État islamique", "isis-flag"),
    ("d'armes tranchantes", "bladed-weapons"),
    ("de produits chimiques destinés à la confection de ceintures explosives", "explosive-precursors"),
])
def test_seized_items(item, expected):
    assert expected in _news(SEIZED.format(item)).seized


def test_belt_precursors_are_not_explosives():
    ev = _news(SEIZED.format("de produits chimiques destinés à la confection de ceintures explosives"))
    assert "explosives" not in ev.seized


PLOT = "Le BCIJ a démantelé mercredi à Fès une cellule terroriste de trois membres qui {}."


@pytest.mark.parametrize("clause, expected, absent", [
    ("projetait un attentat-suicide", "suicide-attack", "bombing"),
    ("projetait des attentats suicides", "suicide-attack", "bombing"),
    ("diffusait la propagande de Daech", "propaganda", None),
    # sending recruits to fight in a conflict area is joining one
    ("recrutait des jeunes pour les envoyer combattre dans la zone sahélo-saharienne", "join-conflict-zone", None),
])
def test_plots(clause, expected, absent):
    ev = _news(PLOT.format(clause))
    assert expected in ev.plot
    assert absent is None or absent not in ev.plot


def test_consuming_propaganda_is_no_plot():
    ev = _news("Le BCIJ a interpellé mercredi à Fès un extrémiste qui avait adhéré à la propagande de Daech.")
    assert "propaganda" not in ev.plot


TARGET = "Le BCIJ a démantelé mercredi à Fès une cellule terroriste de trois membres qui projetait des attentats contre {}."


@pytest.mark.parametrize("target, expected", [
    ("des établissements hôteliers", "tourist-sites"),
    ("des agents d'autorité", "security-forces"),
    ("des édifices sécuritaires", "security-forces"),
    ("des installations stratégiques", "public-buildings"),
    ("des sièges administratifs", "public-buildings"),
])
def test_targets(target, expected):
    assert expected in _news(TARGET.format(target)).targets


def test_killed_by_participle_tuant_un():
    ev = _news("Trois kamikazes se sont fait exploser mardi à Casablanca lors d'une opération de police, tuant un policier.")
    assert (ev.type, ev.killed) == ("attack", 1)


def test_helping_foil_plural_attacks_abroad_is_no_operation():
    text = ("La DGST a fourni des informations utiles aux États-Unis, qui ont réussi à déjouer des attentats "
            "contre des soldats américains. Un soldat radicalisé a été arrêté aux États-Unis.")
    rec = extract(Document(id="t", text=text + TAIL, published=PUBLISHED))
    assert not [e for e in rec.events if e.country == "MA" and e.type == "cell_dismantled"]


@pytest.mark.parametrize("phrase, expected", [
    ("aujourd'hui", "2024-03-14"),
    ("aujourd’hui", "2024-03-14"),
    ("l'an dernier", "2023"),
    ("l'année dernière", "2023"),
    ("l'année écoulée", "2023"),
    ("l’an écoulé", "2023"),
    ("l'année en cours", "2024"),
    ("cet après-midi", "2024-03-14"),
    ("la veille", "2024-03-13"),
])
def test_relative_dates_with_apostrophes_and_hyphens(phrase, expected):
    found = find_dates(normalize_text(f"Il a été arrêté {phrase} à Fès."), PUBLISHED, "fr")
    assert [d.value for d in found] == [expected]


def test_la_ville_is_not_la_veille():
    assert find_dates(normalize_text("Il a été arrêté dans la ville de Fès."), PUBLISHED, "fr") == []


def test_today_dates_the_arrest():
    ev = _news("Trois suspects ont été interpellés aujourd'hui par le BCIJ dans la ville de Marrakech.", "2018-12-20")
    assert ev.date == "2018-12-20"


def _claims(text: str):
    rec = extract(Document(id="t", text=text + TAIL, published="2025-03-05"))
    return [(c.metric, c.value, c.qualifier, c.since, c.source) for c in rec.claims]


@pytest.mark.parametrize("text, expected", [
    ("Près de 1.000 extrémistes ont été arrêtés au Maroc depuis 2015, rapporte le BCIJ.",
     ("persons_arrested", 1000, "about", "2015", "bcij")),
    ("Plus de 200 cellules terroristes ont été démantelées au Maroc depuis 2002, fait savoir la DGSN.",
     ("cells_dismantled", 200, "more_than", "2002", "dgsn")),
    ("Plus de 200 cellules terroristes ont été démantelées au Maroc depuis 2002, selon un bilan de la DGSN.",
     ("cells_dismantled", 200, "more_than", "2002", "dgsn")),
    ("Plus de 200 cellules terroristes ont été démantelées au Maroc depuis 2002, apprend-on auprès de la DGSN.",
     ("cells_dismantled", 200, "more_than", "2002", "dgsn")),
    ("Plus de 200 cellules terroristes ont été démantelées au Maroc depuis 2002, a martelé le ministre de l'Intérieur.",
     ("cells_dismantled", 200, "more_than", "2002", "interior-ministry")),
    ("Plus de 200 cellules terroristes ont été démantelées au Maroc depuis 2002, a-t-on appris auprès du BCIJ.",
     ("cells_dismantled", 200, "more_than", "2002", "bcij")),
    ("Le BCIJ a permis d'arrêter au Maroc près de 1.500 éléments radicalisés depuis 2015, selon le BCIJ.",
     ("persons_arrested", 1500, "about", "2015", "bcij")),
    ("Pas moins de 3.500 personnes ont été interpellées au Maroc depuis 2002, selon le BCIJ.",
     ("persons_arrested", 3500, "at_least", "2002", "bcij")),
])
def test_claim_attribution(text, expected):
    assert expected in _claims(text)


def test_subset_with_affilies():
    rec = extract(Document(id="t", text=(
        "Le chef du BCIJ a déclaré que le Maroc avait démantelé, depuis 2002, 127 réseaux terroristes, "
        "dont 51 étaient affiliés à Daech." + TAIL), published="2025-03-05"))
    assert ("cells_dismantled", 51, "isis-linked") in [(c.metric, c.value, c.subset) for c in rec.claims]


@pytest.mark.parametrize("dateline, expected", [
    ("RABAT, 3 oct 2016 (AFP) -", "2016-10-03"),
    ("RABAT, 5 jan 2011 (AFP) -", "2011-01-05"),
    ("PARIS, 12 déc 2016 (AFP) -", "2016-12-12"),
    ("RABAT, 12 fév 2016 (AFP) -", "2016-02-12"),
    ("RABAT, 1er nov 2016 (AFP) -", "2016-11-01"),
])
def test_wire_month_abbreviations_without_a_dot(dateline, expected):
    assert [d.value for d in find_dates(normalize_text(dateline), None, "fr")] == [expected]


def test_sept_the_number_is_no_month():
    assert find_dates(normalize_text("Il avait été condamné depuis sept ans."), "2017-01-01", "fr") == []


def test_found_dead_counts_the_killed():
    text = ("Deux randonneuses scandinaves retrouvées mortes près d'Imlil : le parquet parle d'un acte terroriste "
            "lié à l'État islamique, au Maroc.")
    rec = extract(Document(id="t", text=text + TAIL, published="2018-12-20"))
    assert [e.killed for e in rec.events if e.type == "attack"] == [2]


def test_bulletproof_vests_are_gear_not_bullets():
    ev = _news(SEIZED.format("de gilets pare-balles"))
    assert "military-uniform" in ev.seized and "ammunition" not in ev.seized


@pytest.mark.parametrize("text, field, expected", [
    (PLOT.format("projetait d'attenter à la vie de personnalités"), "plot", "assassination"),
    ("Le BCIJ a interpellé mercredi à Fès un extrémiste daechien.", "affiliation", "isis"),
    (SEIZED.format("de poudre noire"), "seized", "explosive-precursors"),
])
def test_more_french_words(text, field, expected):
    assert expected in getattr(_news(text), field)


def test_cleft_announcement_dates_the_previous_sentence():
    text = ("Une cache d'armes et de munitions a été découverte dans la province d'Errachidia. "
            "C'est ce qu'a annoncé ce lundi le directeur du BCIJ lors d'une conférence de presse.")
    ev = _news(text, "2025-02-24")
    assert (ev.type, ev.date) == ("seizure", "2025-02-24")


@pytest.mark.parametrize("text, expected", [
    ("Trois kamikazes présumés se sont fait exploser mardi à Casablanca lors d'une opération de police.", "2024-03-12"),
    ("Trois partisanes de Daech ont été interpellées mardi à Fès par le BCIJ.", "2024-03-12"),
    ("Trois extrémistes ont été appréhendés mardi à Fès par le BCIJ.", "2024-03-12"),
])
def test_weekday_after_inflected_participle(text, expected):
    assert _news(text).date == expected


@pytest.mark.parametrize("phrase, expected", [
    ("il y a une semaine", "2024-03-07"),
    ("il y a dix jours", "2024-03-04"),
    ("au cours de la nuit de mardi", "2024-03-12"),
])
def test_more_relative_dates(phrase, expected):
    found = find_dates(normalize_text(f"Il a été arrêté {phrase} à Fès."), PUBLISHED, "fr")
    assert [d.value for d in found] == [expected]


def test_questioned_in_parliament_is_no_arrest():
    # «interpeller» is also to question a minister in parliament (blind batch 10 fr05, a parliamentary report)
    text = ("Lutte antiterroriste : Laftit face aux députés\n\nInterpellé lundi à la Chambre des représentants lors de la "
            "séance des questions orales, le ministre de l'Intérieur a défendu la stratégie sécuritaire du Royaume face à "
            "la menace terroriste de Daech au Sahel.\n\nSelon le ministre, les services de sécurité marocains ont "
            "démantelé plus de 230 cellules terroristes depuis 2002, dont neuf en 2025.")
    rec = extract(Document(id="t", text=text, published="2026-11-11", lang="fr"))
    assert rec.events == [] and [(c.metric, c.value) for c in rec.claims] == [("cells_dismantled", 230), ("cells_dismantled", 9)]


@pytest.mark.parametrize("text, places", [
    # a Moroccan service that «frappe» in towns raids them: an operation (batches 19 and 27: Le Monde, Jeune Afrique)
    ("Le 3 mars, à l'aube, les équipes du BCIJ, bras judiciaire de la DGST, frappent simultanément à Fès et à Meknès. "
     "Quatre partisans de Daech sont interpellés.", ["fes", "meknes"]),
    ("Mardi, les hommes du Bureau central d'investigations judiciaires ont frappé à Tanger et Tétouan, où trois "
     "partisans présumés de l'État islamique ont été arrêtés.", ["tangier", "tetouan"]),
])
def test_a_service_that_strikes_in_towns_raids_them(text, places):
    [ev] = [e for e in extract(Document(id="t", text=text, published="2025-03-06", lang="fr")).events
            if e.type != "attack"]
    assert (ev.type, sorted(ev.places), "bcij" in ev.agencies) == ("cell_dismantled", sorted(places), True)


def test_a_bomb_that_struck_a_town_is_still_an_attack():
    text = ("Le BCIJ a démantelé mardi une cellule de Daech à Fès. Le 16 mai 2003, cinq explosions avaient frappé "
            "Casablanca, faisant 33 victimes.")
    events = extract(Document(id="t", text=text, published="2025-03-06", lang="fr")).events
    assert sorted((e.type, e.places[0]) for e in events) == [("attack", "casablanca"), ("cell_dismantled", "fes")]


@pytest.mark.parametrize("text, ages", [
    # «un Ajaccien de 29 ans», «un Liégeois de 29 ans»: a demonym or a trade with its age is a person's age
    ("Un Ajaccien de 29 ans a été arrêté à l'aéroport de Marrakech, soupçonné de vouloir rejoindre l'État "
     "islamique.", (29, 29)),
    ("Le BCIJ a interpellé à Fès un Liégeois de 29 ans, partisan présumé de Daech.", (29, 29)),
    # a sentence, a contract or an organisation's age is no one's
    ("Le BCIJ a démantelé une cellule de quatre partisans de Daech à Fès. Le chef avait purgé une peine de 10 ans "
     "de prison.", (None, None)),
    ("Le BCIJ a démantelé une cellule de quatre partisans de Daech à Fès, un réseau de 12 ans d'existence.",
     (None, None)),
])
def test_a_person_s_age_after_a_demonym(text, ages):
    [ev] = extract(Document(id="t", text=text, published="2025-06-17", lang="fr")).events
    assert (ev.age_min, ev.age_max) == ages
