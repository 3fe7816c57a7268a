"""In-document event coreference (marsad.pipeline.coreference) and background from time,
on short passages written for these tests in the three languages of the press."""
from __future__ import annotations

import pytest

from marsad.models import Document, Event
from marsad.pipeline.events import _news_of_nowhere
from marsad.pipeline.extract import extract


def _events(text: str, published: str | None = None):
    return extract(Document(id="t", text=text, published=published)).events


def _news(events):
    return [e for e in events if not e.background]


# (text, published, number of news events, number of background events, facts of the first news event)
ONE_OPERATION = [
    pytest.param(  # headline, lead, body that restates it, closing paragraph on the haul
        "تفكيك خلية إرهابية موالية لداعش\n"
        "تمكن المكتب المركزي للأبحاث القضائية، صباح اليوم الثلاثاء، من تفكيك خلية إرهابية تتكون من أربعة عناصر.\n"
        "وقد جرى توقيف المشتبه فيهم بمدينتي طنجة وتطوان.\n"
        "وأسفرت عمليات التفتيش عن حجز أسلحة بيضاء وأجهزة إلكترونية.",
        "2024-03-12", 1, 0, {"arrested": 4, "places": {"tangier", "tetouan"}, "date": "2024-03-12"},
        id="ar-headline-lead-body"),
    pytest.param(  # wire copy: the ministry's statement, then the same cell in the spokesman's words
        "Morocco busts ISIS-linked cell\n"
        "RABAT - Moroccan police on Wednesday dismantled a cell of three suspected militants loyal to "
        "the Islamic State group, the interior ministry said.\n"
        "The three men were arrested in the northern city of Nador, a ministry spokesman added.\n"
        "Knives and a black flag were seized during the raids.",
        "2023-06-15", 1, 0, {"arrested": 3, "places": {"nador"}, "date": "2023-06-14"},
        id="en-wire-restated"),
    pytest.param(  # a headline that names the region, the body the towns
        "Le BCIJ démantèle une cellule terroriste dans le nord\n"
        "Le Bureau central d'investigations judiciaires a démantelé jeudi une cellule de cinq "
        "extrémistes partisans de Daech, actifs à Fnideq et à Martil.\n"
        "Les perquisitions ont permis la saisie d'armes blanches.",
        "2022-10-07", 1, 0, {"arrested": 5, "places": {"fnideq", "martil"}},
        id="fr-headline-region"),
    pytest.param(  # a caption dated by the press conference; the raid the day before
        "Morocco busts Daesh-linked cell\n"
        "A picture taken on March 15, 2023, during a press conference shows weapons seized after the "
        "dismantling of a Daesh-affiliated cell.\n"
        "Four extremists were detained on Tuesday in simultaneous raids in Fez and Meknes, the BCIJ said.",
        "2023-03-15", 1, 0, {"arrested": 4, "places": {"fes", "meknes"}, "date": "2023-03-14"},
        id="en-caption-dated-by-announcement-simultaneous-raids"),
    pytest.param(
        "Quatre partisans de Daech ont été interpellés lors d'opérations simultanées à Fès et à Meknès.",
        "2023-03-15", 1, 0, {"arrested": 4, "places": {"fes", "meknes"}}, id="fr-simultaneous-operations"),
    pytest.param(
        "أسفرت العمليات الأمنية المتزامنة عن توقيف أربعة متطرفين موالين لداعش بمدينتي فاس ومكناس.",
        "2023-03-15", 1, 0, {"arrested": 4, "places": {"fes", "meknes"}}, id="ar-simultaneous-operations"),
    pytest.param(  # a headline whose town is the wire's dateline city
        "الرباط/ الأناضول أعلن الأمن المغربي، الأربعاء، توقيف ثلاثة أشخاص موالين لتنظيم داعش.\n"
        "وقال البيان إن عناصر الشرطة القضائية بمدينة فاس تمكنت من توقيف ثلاثة متطرفين موالين لتنظيم داعش.",
        "2023-03-16", 1, 0, {"arrested": 3, "places": {"fes"}}, id="ar-wire-dateline-slash"),
]

ONE_OPERATION += [
    pytest.param(  # "N of its members" in the lead, a town's share in the body, «the nine» in a quote
        "أسفرت عملية أمنية مشتركة بين المديرية العامة لمراقبة التراب الوطني والشرطة الإسبانية، أمس الجمعة، عن تفكيك "
        "خلية إرهابية موالية لتنظيم داعش، وإيقاف تسعة من أعضائها.\n"
        "وجرى توقيف ثلاثة مشتبه فيهم بكل من تطوان والفنيدق.\n"
        "وأكدت المديرية، في بلاغ لها، أن توقيف العناصر التسعة جاء ثمرة تنسيق ميداني مع نظيرتها الإسبانية.",
        "2024-11-23", 1, 0, {"arrested": 9, "places": {"tetouan", "fnideq"}}, id="ar-lead-total-town-share-the-nine"),
    pytest.param(
        "Une opération conjointe de la DGST et de la police espagnole a permis vendredi de démanteler une cellule "
        "liée à Daech et d'interpeller neuf de ses membres.\n"
        "Trois suspects ont été arrêtés à Tétouan et à Fnideq.\n"
        "L'arrestation des neuf membres est le fruit d'un échange de renseignements, selon la DGST.",
        "2024-11-23", 1, 0, {"arrested": 9, "places": {"tetouan", "fnideq"}}, id="fr-lead-total-town-share-the-nine"),
    pytest.param(
        "A joint operation by the DGST and Spanish police on Friday dismantled an Islamic State-linked cell and "
        "arrested nine of its members.\n"
        "Three suspects were detained in Tetouan and Fnideq.\n"
        "The arrest of the nine members followed an exchange of intelligence, the DGST said.",
        "2024-11-23", 1, 0, {"arrested": 9, "places": {"tetouan", "fnideq"}}, id="en-lead-total-town-share-the-nine"),
]

TWO_OPERATIONS = [
    pytest.param(  # a follow-up arrest of «another» suspect is its own event
        "تمكنت المصالح الأمنية بمدينة وجدة من توقيف شخص موال لتنظيم داعش.\n"
        "ومكن البحث الجاري معه من توقيف عنصر آخر بمدينة الناظور.",
        None, 2, 0, {"places": {"oujda"}}, id="ar-followup-another"),
    pytest.param(  # English past perfect: a cell told as earlier than the news
        "Moroccan police arrested two suspected militants in Agadir on Monday, the DGSN said.\n"
        "Last spring, the BCIJ had dismantled a cell of six in Safi.",
        "2024-10-29", 1, 1, {"arrested": 2, "places": {"agadir"}}, id="en-pluperfect-history"),
    pytest.param(  # French plus-que-parfait, same
        "La police a interpellé mardi à Salé un partisan présumé de Daech.\n"
        "Les services de sécurité avaient démantelé une cellule de quatre membres à Kénitra.",
        "2021-02-17", 1, 1, {"places": {"sale"}}, id="fr-pluperfect-history"),
    pytest.param(  # Arabic pluperfect with its subject between «كانت» and «قد»
        "أوقفت عناصر الأمن بمدينة وجدة، أمس الثلاثاء، أربعة متطرفين موالين لتنظيم داعش.\n"
        "كما كانت المصالح الأمنية ذاتها قد فككت خلية إرهابية بمدينة تطوان.",
        "2021-03-24", 1, 1, {"arrested": 4, "places": {"oujda"}}, id="ar-split-pluperfect-history"),
    pytest.param(  # an operation months before the news one is history, dated by the text
        "Security services dismantled a five-member terrorist cell in Tangier and Tiflet on September 10.\n"
        "In July, a cell of four was dismantled in Nador.",
        "2020-09-11", 1, 1, {"arrested": 5}, id="en-earlier-operation"),
    pytest.param(  # a closing paragraph that recalls an attack with a bare year
        "Police arrested three suspected militants loyal to the Islamic State in Safi on Thursday.\n"
        "In 2011, a bombing at a cafe in Marrakesh killed 17 people.",
        None, 1, 1, {"places": {"safi"}}, id="en-recalled-attack-bare-year"),
    pytest.param(
        "La police a démantelé une cellule terroriste de quatre membres à Oujda.\n"
        "En 2003, des attentats suicides à Casablanca avaient fait 33 morts.",
        None, 1, 1, {"places": {"oujda"}}, id="fr-recalled-attack-bare-year"),
]


SUSPECTED_OF = [
    pytest.param(  # the arrests are the news; the murder they are for came before
        "أوقفت المصالح الأمنية بمدينة الدار البيضاء ثلاثة أشخاص موالين لتنظيم داعش للاشتباه في تورطهم في قتل شرطي.",
        "2023-03-15", 1, 1, {"arrested": 3}, id="ar-suspected-of-murder"),
    pytest.param(
        "Police in Fes arrested two suspected Islamic State supporters in connection with the stabbing of a "
        "police officer, the DGSN said.",
        "2022-06-02", 1, 1, {"arrested": 2}, id="en-in-connection-with-stabbing"),
    pytest.param(
        "La police a interpellé à Tanger trois partisans présumés de Daech, soupçonnés d'être impliqués dans le "
        "meurtre d'un agent d'autorité.",
        "2021-09-20", 1, 1, {"arrested": 3}, id="fr-suspected-of-murder"),
]

HISTORY_ONLY = [
    pytest.param(  # an analysis piece that only recalls an attack: no news at all
        "Le Maroc reste vigilant face à la menace terroriste. En 2003, cinq attentats suicides ont tué 33 "
        "personnes à Casablanca.", None, 0, 1, {}, id="fr-only-a-recalled-attack"),
    pytest.param(
        "يواصل المغرب تعزيز مقاربته الأمنية الاستباقية. وفي عام 2016 فككت السلطات خلية إرهابية من عشرة عناصر "
        "موالية لداعش.", None, 0, 1, {}, id="ar-only-a-recalled-cell"),
]

AFTER_THE = [
    pytest.param(  # «بعد تفكيك خلية …»: what followed an operation already known
        "بعد تفكيك خلية \"أسود الخلافة\" الإرهابية.. العثور على مخبأ للأسلحة بإقليم الراشيدية\n"
        "عثرت عناصر المكتب المركزي للأبحاث القضائية على مخبأ للأسلحة النارية والذخيرة بضواحي بوذنيب.",
        "2025-02-21", 1, 1, {"type": "seizure"}, id="ar-after-the-dismantling"),
]

# the word for arrests, with nothing to tell which operation, is no event
GENERIC_ARRESTS = [
    pytest.param("Morocco's doctrine of pre-emptive arrests has kept it safe from large terrorist attacks.",
                 None, 0, 0, {}, id="en-doctrine-of-arrests"),
    pytest.param("وأفاد التقرير أن السلطات استخدمت قوانين مكافحة الإرهاب لاعتقال الصحفيين ومعاقبتهم.",
                 None, 0, 0, {}, id="ar-purpose-of-arrest"),
]

# a count in the hundreds is a tally over years, not one operation: no event
TALLIES = [
    pytest.param("The BCIJ chief said that 640 people were arrested for terrorism-related offences since 2015, "
                 "including 20 women.", None, 0, 0, {}, id="en-tally-hundreds"),
    pytest.param("Plus de 1 200 personnes ont été arrêtées par les services antiterroristes marocains au cours de "
                 "la dernière décennie.", None, 0, 0, {}, id="fr-tally-thousands"),
    pytest.param("وأوضح مدير المكتب أن عدد الخلايا الإرهابية التي تم تفكيكها هذه السنة بلغ تسع خلايا.",
                 None, 0, 0, {}, id="ar-cells-that-were-dismantled"),
]


@pytest.mark.parametrize("text, published, n_news, n_background, facts",
                         ONE_OPERATION + TWO_OPERATIONS + SUSPECTED_OF + HISTORY_ONLY + AFTER_THE + GENERIC_ARRESTS
                         + TALLIES)
def test_operations_of_one_article(text, published, n_news, n_background, facts):
    events = _events(text, published)
    news = _news(events)
    assert (len(news), len(events) - len(news)) == (n_news, n_background), [e.to_dict() for e in events]
    for field, value in facts.items():
        first = news[0]
        got = getattr(first, field)
        assert (set(got) if isinstance(value, set) else got) == value, (field, first.to_dict())


@pytest.mark.parametrize("text, published", [
    # reported speech backshifts the news itself: not history
    ("Moroccan authorities said on Thursday they had arrested three suspected militants of a terrorist cell "
     "in Safi.", "2011-05-06"),
    ("Les autorités ont annoncé qu'elles avaient arrêté trois membres présumés d'une cellule terroriste à Safi.",
     "2011-05-06"),
])
def test_pluperfect_in_reported_speech_is_news(text, published):
    events = _events(text, published)
    assert events and not any(e.background for e in events), [e.to_dict() for e in events]


def test_merged_event_unites_the_facts_of_its_reports():
    text = ("أعلنت وزارة الداخلية عن تفكيك خلية إرهابية بمدينة القنيطرة تتكون من ثلاثة أشخاص.\n"
            "وتتراوح أعمارهم بين 22 و30 سنة، وكانوا يخططون لتنفيذ عمليات تفجيرية.\n"
            "وتم حجز أجهزة إلكترونية ومخطوطات متطرفة خلال العملية.")
    [ev] = _events(text, "2022-01-05")
    assert (ev.arrested, ev.age_min, ev.age_max) == (3, 22, 30)
    assert ev.places == ["kenitra"] and "bombing" in ev.plot and "electronic-devices" in ev.seized


# --- the rule alone, on plain events ------------------------------------------------

from dataclasses import dataclass, field  # noqa: E402

from marsad.models import Event  # noqa: E402
from marsad.pipeline.coreference import corefer, one_operation  # noqa: E402
from marsad.pipeline.mentions import Quantity  # noqa: E402


@dataclass
class Told:
    sentence: int
    sentences: set = field(default_factory=set)
    known_attack: dict | None = None
    quantities: list = field(default_factory=list)
    recalled: bool = False
    part_of_told: bool = False
    same_cell: bool = False
    statement_dated: bool = False


def _persons(*counts: int) -> list[Quantity]:
    return [Quantity("persons", n, n, 0, 1, 0) for n in counts]


def _ev(type="cell_dismantled", **kw) -> Event:
    return Event(type=type, **kw)


# (first event, its sentence, later event, its sentence, one operation?)
PAIRS = [
    (_ev(date="2024-11-22", places=["tetouan"]), 3, _ev(date="2024-11", places=["tetouan", "fnideq"]), 5, True),
    (_ev(places=["tangier"], arrested=5), 2, _ev(arrested=5), 6, True),  # an echo: no date, no place
    (_ev(places=["tangier"], arrested=5), 2, _ev(places=["tangier"], arrested=3), 6, False),  # counts differ
    (_ev(date="2020-03-02"), 2, _ev(date="2020-07-07"), 3, False),  # dates cannot overlap
    (_ev(places=["nador"]), 3, _ev(places=["oujda"]), 4, False),  # two towns, body and body
    (_ev(places=["rabat"], arrested=3), 0, _ev(places=["casablanca"], arrested=3), 2, True),  # headline and body
    (_ev(places=["tangier"], affiliation=["isis"]), 2, _ev(places=["tangier"], affiliation=["al-qaeda"]), 4, False),
    (_ev(places=["tangier"], affiliation=["isis"]), 2, _ev(places=["tangier"], affiliation=["isis-sahel"]), 4, True),
    (_ev(places=["tangier"]), 2, _ev(places=["tangier"], new=True), 4, False),  # «خلية أخرى»
    (_ev(places=["tangier"]), 2, _ev(places=["tangier"], background=True), 4, False),
    (_ev(places=["tetouan"]), 2, _ev(places=["tetouan", "madrid"]), 4, True),  # a joint operation's two legs
    # a partner's arrests join a Moroccan cell told days apart, not one of three months before
    (_ev(date="2025-02-19", places=["laayoune"]), 2, _ev(date="2025-02-21", country="ES", places=["madrid"]), 4, True),
    (_ev(date="2025-02-19", places=["laayoune"]), 2, _ev(date="2024-11", country="ES", places=["madrid"]), 4, False),
    # each side's arrests told apart: the Spanish leg is its own event (SPEC)
    (_ev(places=["tetouan"]), 2, _ev(places=["madrid"]), 4, False),
    (_ev(places=["sale"]), 2, _ev("seizure", places=["sale"], seized=["firearms"]), 5, True),  # the raid's haul
    (_ev("seizure", places=["sale"]), 2, _ev(places=["sale"]), 5, False),  # a cache first, then an operation
    (_ev("attack", places=["marrakesh"]), 2, _ev(places=["marrakesh"]), 4, False),
]


@pytest.mark.parametrize("first, s1, later, s2, same", PAIRS)
def test_one_operation_rule(first, s1, later, s2, same):
    assert one_operation((first, Told(s1)), (later, Told(s2)), [(first, Told(s1))]) is same


# a lead's total beside a town's share: the count told again later is the same operation
@pytest.mark.parametrize("told, same", [((9, 3), True), ((3,), False)])
def test_a_count_the_first_report_told_is_the_same_operation(told, same):
    first, later = _ev(places=["tetouan"], arrested=3), _ev(arrested=9)
    first_told = Told(1, quantities=_persons(*told))
    assert one_operation((first, first_told), (later, Told(4)), [(first, first_told)]) is same


# «الخلية تتكون من خمسة أشخاص. ثلاثة منهم أوقفوا ببني ملال»: a part of the persons told is of their operation
@pytest.mark.parametrize("part, same", [(True, True), (False, False)])
def test_a_part_of_the_persons_told_before_is_the_same_operation(part, same):
    first = _ev(places=["fquih-ben-salah"], arrested=5, date="2022-06-21")
    later = _ev("arrest", places=["beni-mellal", "fquih-ben-salah"], arrested=3)
    assert one_operation((first, Told(2)), (later, Told(3, part_of_told=part)), [(first, Told(2))]) is same


def test_corefer_unites_facts_and_keeps_distinct_operations_in_order():
    head = (_ev("arrest", arrested=None, places=["rabat"]), Told(0, {0}))
    body = (_ev(places=["fes"], arrested=4, date="2023-03-15", seized=["weapons"]), Told(2, {2, 3}))
    haul = (_ev("seizure", seized=["firearms"]), Told(4, {4}))
    other = (_ev(places=["nador"], date="2022-07-01", background=True), Told(6, {6}))
    merged = corefer([head, body, haul, other])
    assert [e.places for e, _ in merged] == [["rabat", "fes"], ["nador"]]
    ev, told = merged[0]
    assert (ev.type, ev.arrested, ev.date, told.sentences) == ("cell_dismantled", 4, "2023-03-15", {0, 2, 3, 4})
    assert set(ev.seized) == {"weapons", "firearms"}


@pytest.mark.parametrize("text", [
    "La police a démantelé une cellule terroriste à Tanger. Le Maroc a connu des attentats meurtriers à "
    "Casablanca (en 2003) et à Marrakech (en 2011).",
    # the same list told date first, as AFP's closing line has it
    "La police a démantelé une cellule terroriste à Tanger. Le Maroc a été frappé par des attentats jihadistes en "
    "2003 à Casablanca et en 2011 à Marrakech.",
    "تمكنت المصالح الأمنية من تفكيك خلية إرهابية بطنجة. وسبق أن شهد المغرب تفجيرات دامية في 2003 بالدار البيضاء "
    "وفي 2011 بمراكش.",
])
def test_one_attack_word_over_two_places_and_years_is_two_attacks(text):
    attacks = sorted((e.date, e.places, e.background) for e in _events(text) if e.type == "attack")
    assert [(d, p) for d, p, _ in attacks] == [("2003", ["casablanca"]), ("2011", ["marrakesh"])], attacks
    assert all(bg for *_, bg in attacks)


@pytest.mark.parametrize("text, lang", [
    ("Le royaume avait été frappé en mai 2003 par des attentats-suicides à Casablanca (33 morts) et en avril 2011 par "
     "un attentat à la bombe contre un café de Marrakech (17 morts).", "fr"),
    ("وسبق أن شهد المغرب تفجيرات دامية في ماي 2003 بالدار البيضاء (33 قتيلا) وفي أبريل 2011 بمراكش (17 قتيلا).", "ar"),
    # each attack word its toll, the year before it or after it in the item («(33 morts, en 2003)»), the toll in a
    # relative clause of its item
    ("Le Maroc a été frappé par des attentats jihadistes en mai 2003 à Casablanca (33 morts) et en avril 2011 à "
     "Marrakech (17 morts).", "fr"),
    ("Le Maroc a connu des attentats meurtriers à Casablanca (33 morts, en mai 2003) et à Marrakech (17 morts, en avril "
     "2011).", "fr"),
    ("Morocco was hit by suicide bombings in May 2003 in Casablanca (33 dead) and in April 2011 in Marrakesh (17 dead).",
     "en"),
])
def test_attacks_listed_date_first_keep_their_own_dates_and_tolls(text, lang):
    lead = {"fr": "La police a démantelé une cellule terroriste à Tanger mercredi. ",
            "en": "Police dismantled a terrorist cell in Tangier on Wednesday. ",
            "ar": "تمكنت المصالح الأمنية، الأربعاء، من تفكيك خلية إرهابية بطنجة. "}[lang]
    events = extract(Document(id="t", text=lead + text, published="2024-09-25", lang=lang)).events
    attacks = sorted((e.date, e.places, e.killed) for e in events if e.type == "attack")
    assert attacks == [("2003-05", ["casablanca"], 33), ("2011-04", ["marrakesh"], 17)], attacks


def test_a_toll_told_in_its_item_s_relative_clause_is_that_attack_s():
    text = ("La police a démantelé une cellule terroriste à Tanger mercredi. Le Maroc avait été endeuillé par des "
            "attentats jihadistes en 2003 à Casablanca, qui avaient fait 33 morts, puis en 2011 à Marrakech.")
    events = extract(Document(id="t", text=text, published="2024-09-25", lang="fr")).events
    attacks = sorted((e.date, e.places, e.killed) for e in events if e.type == "attack")
    assert attacks == [("2003", ["casablanca"], 33), ("2011", ["marrakesh"], None)], attacks


@pytest.mark.parametrize("text, lang", [
    ("La police a interpellé un partisan de Daech à Berkane le 10 mai.\n"
     "Première opération le 7 mai à Nador. Le BCIJ y a démantelé une cellule de quatre partisans de Daech.",
     "fr"),
    ("Police arrested an Islamic State supporter in Berkane on May 10.\n"
     "The first raid came on May 7 in Nador. The BCIJ dismantled a cell of four militants there.", "en"),
])
def test_there_points_back_to_the_place_and_day_before(text, lang):
    events = extract(Document(id="y", text=text, lang=lang, published="2024-05-11")).events
    nador = [e for e in events if "nador" in e.places]
    assert len(events) == 2 and len(nador) == 1, [e.to_dict() for e in events]
    assert (nador[0].date, nador[0].arrested) == ("2024-05-07", 4)


@pytest.mark.parametrize("text, lang", [
    ("The BCIJ arrested a Daesh supporter in Tangier on Tuesday. In conjunction with this operation, the Spanish "
     "security services arrested three other individuals in the Madrid region.", "en"),
    ("Le BCIJ a arrêté mardi à Tanger un partisan de Daech. En concomitance, les services de sécurité espagnols "
     "ont interpellé trois individus dans la région de Madrid.", "fr"),
    # the Moroccan arrest recalled in the partner's object («le mis en cause arrêté à Tanger») opens no
    # third report, and the description after it is the partner's arrested
    ("Le BCIJ a arrêté mardi à Tanger un partisan de Daech. En concomitance, les services de sécurité espagnols "
     "ont interpellé trois individus dans la région de Madrid, en lien avec le mis en cause arrêté à Tanger.\n"
     "Il s'agit de trois Marocains établis en Espagne, impliqués dans la propagande de Daech.", "fr"),
    ("The BCIJ arrested a Daesh supporter in Tangier on Tuesday. At the same time, the Spanish security services "
     "arrested three other individuals in the Madrid region, linked to the suspect arrested in Tangier.\n"
     "They are three Moroccans living in Spain, involved in Daesh propaganda.", "en"),
])
def test_each_sides_arrests_told_apart_are_two_events(text, lang):
    events = extract(Document(id="legs", text=text, lang=lang, published="2017-12-06")).events
    by_country = {e.country: e for e in events}
    assert set(by_country) == {"MA", "ES"}, [e.to_dict() for e in events]
    assert (by_country["MA"].places, by_country["MA"].arrested) == (["tangier"], 1)
    assert (by_country["ES"].type, by_country["ES"].arrested, by_country["ES"].agencies) == ("arrest", 3, [])


@pytest.mark.parametrize("text, lang", [
    # a Moroccan cell with a count of its own, and the partner's own arrest told beside it (SPEC: each
    # side's arrests told apart), in a document that calls nothing a joint operation
    ("The BCIJ arrested two ISIS supporters in Fes on Tuesday, while the Spanish police arrested a third man in "
     "Girona.", "en"),
    ("Deux partisans de Daech ont été arrêtés mardi à Fès par la DGST, tandis que la police espagnole "
     "interpellait un troisième homme à Gérone.", "fr"),
    ("تمكنت المديرية العامة لمراقبة التراب الوطني يوم الثلاثاء من توقيف شخصين ينشطان بمدينة فاس للاشتباه في "
     "ارتباطهما بتنظيم داعش، فيما أوقفت الشرطة الإسبانية شخصا ثالثا بمدينة جيرونا.", "ar"),
])
def test_a_moroccan_cell_and_a_partner_s_own_arrest_are_two_events(text, lang):
    events = extract(Document(id="apart", text=text, lang=lang, published="2024-03-13")).events
    assert sorted((e.country, e.arrested, e.places) for e in events) == [
        ("ES", 1, ["girona"]), ("MA", 2, ["fes"])], [e.to_dict() for e in events]


@pytest.mark.parametrize("text, lang, partner_side", [
    # a partner's outlet tells its arrests first, naming no service of either side, then the Moroccan arrest of the
    # same day in a Moroccan town (blind batch h74: RTBF's Brussels arrests, Le Monde's Strasbourg arrests): each
    # side's arrests, two events, the partner's kept though no Moroccan service is named in its sentences
    ("Trois jeunes hommes âgés de 17, 19 et 23 ans ont été arrêtés mercredi à Bruxelles, a annoncé le parquet "
     "fédéral. Ils se revendiquaient du groupe État islamique.\n\nL'enquête avait été ouverte sur la base "
     "d'informations transmises par la DGST marocaine. Un homme de 24 ans présenté comme leur mentor a été interpellé "
     "le même jour à Tétouan, dans le nord du Maroc.", "fr", ("BE", 3, ["brussels"])),
    ("Two young men aged 17 and 20 were arrested on Tuesday in Mulhouse and Strasbourg, French prosecutors said. "
     "They had pledged allegiance to the Islamic State group.\n\nThey were in contact with a 21-year-old Moroccan who "
     "was arrested the same day in Oujda, Morocco's DGST said.", "en", ("FR", 2, ["mulhouse", "strasbourg"])),
])
def test_a_partner_s_arrests_told_first_and_the_moroccan_side_after_are_two_events(text, lang, partner_side):
    events = extract(Document(id="sides", text=text, lang=lang, published="2025-04-10")).events
    assert sorted((e.country, e.arrested, e.places) for e in events) == sorted([
        partner_side, ("MA", 1, ["oujda" if lang == "en" else "tetouan"])]), [e.to_dict() for e in events]


@pytest.mark.parametrize("text, lang", [
    # the partner the operation was made with, then a relative clause on its police's own arrests ("with the Belgian
    # security services, which arrested three people", «مع المصالح الأمنية البلجيكية، التي باشرت … توقيف ثلاثة
    # أشخاص»): its side, told apart, on the operation's day (blind batches h74, h76)
    ("The BCIJ arrested a 24-year-old ISIS supporter in Tetouan on Wednesday, April 9. The operation was coordinated "
     "with the Belgian security services, which arrested three people in Brussels the same day.", "en"),
    ("Le BCIJ a interpellé mercredi 9 avril à Tétouan un partisan de Daech âgé de 24 ans. L'opération a été menée en "
     "coordination avec les services belges, qui ont procédé le même jour à l'arrestation de trois personnes à "
     "Bruxelles.", "fr"),
    ("أوقفت عناصر المكتب المركزي للأبحاث القضائية بمدينة تطوان، يوم الأربعاء 9 أبريل، شخصا مواليا لداعش يبلغ من "
     "العمر 24 سنة، في عملية متزامنة مع المصالح الأمنية البلجيكية، التي باشرت توقيف ثلاثة أشخاص ببروكسيل.", "ar"),
])
def test_a_partner_s_arrests_in_a_relative_clause_are_its_side(text, lang):
    events = extract(Document(id="rel", text=text, lang=lang, published="2025-04-10")).events
    assert sorted((e.country, e.places, e.date) for e in events) == [
        ("BE", ["brussels"], "2025-04-09"), ("MA", ["tetouan"], "2025-04-09")], [e.to_dict() for e in events]



@pytest.mark.parametrize("text, lang", [
    # ... but one joint cell when the document tells a cell dismantled and gives a total whose parts are
    # each side's arrests («ثلاثة منهم», «الستة الآخرين»)
    ("تمكن المكتب المركزي للأبحاث القضائية يوم الثلاثاء من تفكيك خلية إرهابية وتوقيف تسعة من أعضائها، ثلاثة منهم "
     "بتطوان، فيما أوقفت السلطات الإسبانية الستة الآخرين بمدريد.", "ar"),
])
def test_a_joint_cell_told_as_joint_or_as_parts_of_a_total_is_one_event(text, lang):
    news = [e for e in extract(Document(id="joint", text=text, lang=lang, published="2024-03-13")).events
            if not e.background]
    assert len(news) == 1 and news[0].country == "MA", [e.to_dict() for e in news]


@pytest.mark.parametrize("text, lang", [
    # arrests, not a cell dismantled together: each side's told apart are two events even in "a joint
    # operation" whose lead gives the total (blind batches 6 and 7 coded the AFP, Reuters and Yabiladi
    # pieces so); the Moroccan event keeps its own share, the partner's leg the operation's day
    ("Moroccan and Spanish police arrested three ISIS supporters in a joint operation on Tuesday. The BCIJ "
     "arrested two of them in Fes, while the Spanish police arrested a third man in Girona.", "en"),
    ("Moroccan and Spanish police on Tuesday arrested three suspected Islamic State supporters in a joint "
     "operation, the DGST said.\nTwo of the suspects were detained in Fes. The third was arrested in the Spanish "
     "town of Girona, in Catalonia, by Spain's national police.", "en"),
    ("Les polices marocaine et espagnole ont arrêté mardi trois partisans présumés de Daech lors d'une opération "
     "conjointe. Deux d'entre eux ont été interpellés à Fès par la DGST, tandis que le troisième a été arrêté à "
     "Gérone par la police espagnole.", "fr"),
    ("أوقفت المصالح الأمنية المغربية والإسبانية، يوم الثلاثاء، ثلاثة أشخاص موالين لداعش في عملية مشتركة. وتم توقيف "
     "شخصين بمدينة فاس، فيما تم توقيف الثالث بمدينة جيرونا من طرف الشرطة الإسبانية.", "ar"),
])
def test_a_joint_operation_s_arrests_told_apart_are_each_side_s(text, lang):
    news = [e for e in extract(Document(id="legs", text=text, lang=lang, published="2024-03-13")).events
            if not e.background]
    assert sorted((e.country, e.arrested, e.places, e.date) for e in news) == [
        ("ES", 1, ["girona"], "2024-03-12"), ("MA", 2, ["fes"], "2024-03-12")], [e.to_dict() for e in news]


@pytest.mark.parametrize("text, lang", [
    # the partner's leg as the news, its agent after a long list of places ("par les enquêteurs de la DGSI",
    # "by officers of France's DGSI"), and the Moroccan leg told apart (batch 24's La Dépêche du Midi)
    ("Deux hommes, interpellés mardi matin à Toulouse, dans le quartier du Mirail, et à Montauban par les enquêteurs "
     "de la DGSI, ont été mis en examen. Le même jour, le volet marocain de l'opération a conduit à l'arrestation de "
     "trois hommes à Oujda et Berkane par le BCIJ, soupçonnés de financer le projet de Daech.", "fr"),
    ("Two men were arrested on Tuesday morning in Toulouse, in the Mirail district, and in nearby Montauban by "
     "officers of France's DGSI. On the same day, the Moroccan side of the operation led to the arrest of three "
     "men in Oujda and Berkane by the BCIJ, suspected of financing the ISIS plot.", "en"),
])
def test_a_partner_s_leg_with_its_agent_after_its_places(text, lang):
    news = [e for e in extract(Document(id="legs", text=text, lang=lang, published="2025-06-12")).events
            if not e.background]
    assert sorted((e.country, e.arrested, "oujda" in e.places) for e in news) == [("FR", 2, False), ("MA", 3, True)]


@pytest.mark.parametrize("text, lang, arrested, places", [
    # a breakdown by town that goes on with a verb of its own, «the other two» or an ordinal («والرابع»,
    # "the fourth") is the lead's cell, not another one (blind batch 9: ar01, ar03, ar06, en02)
    ("فككت عناصر المكتب المركزي للأبحاث القضائية، أمس الاثنين، خلية إرهابية من أربعة عناصر موالين لداعش. وأسفرت "
     "العملية عن توقيف عنصرين بمدينة طنجة، وعنصر ثالث بمدينة تطوان، والرابع بمدينة العرائش.", "ar", 4,
     ["larache", "tangier", "tetouan"]),
    ("تمكن المكتب المركزي للأبحاث القضائية، يوم الاثنين، من تفكيك خلية إرهابية تضم خمسة عناصر. وأوضح البلاغ أن "
     "العملية أسفرت عن توقيف ثلاثة مشتبه فيهم بمدينة وجدة، فيما تم توقيف العنصرين الآخرين بمدينة جرادة.", "ar", 5,
     ["jerada", "oujda"]),
    ("Le BCIJ a démantelé lundi une cellule de quatre partisans de Daech. Trois suspects ont été interpellés à "
     "Oujda, tandis que le quatrième a été arrêté à Jerada, selon un communiqué.", "fr", 4, ["jerada", "oujda"]),
    ("Le BCIJ a démantelé lundi une cellule de cinq partisans de Daech. Trois suspects ont été interpellés à "
     "Oujda, les deux autres ayant été arrêtés à Jerada.", "fr", 5, ["jerada", "oujda"]),
])
def test_a_breakdown_going_on_with_the_others_is_the_lead_s_cell(text, lang, arrested, places):
    news = [e for e in extract(Document(id="parts", text=text, lang=lang, published="2025-11-25")).events
            if not e.background]
    assert [(e.arrested, sorted(e.places)) for e in news] == [(arrested, places)], [e.to_dict() for e in news]


@pytest.mark.parametrize("text, lang", [
    # a partner's own arrests told apart and undated are of the Moroccan operation's day
    ("Morocco's BCIJ arrested on Wednesday in Nador a 26-year-old supporter of the Islamic State group, the interior "
     "ministry said. At the same time, Spanish police arrested two other men in Malaga who were in contact with him.",
     "en"),
    ("Le BCIJ a interpellé mercredi à Nador un partisan de Daech âgé de 26 ans, selon un communiqué du ministère de "
     "l'Intérieur. Parallèlement, la Garde civile espagnole a arrêté deux individus à Malaga en lien avec le suspect.",
     "fr"),
    ("أوقفت عناصر المكتب المركزي للأبحاث القضائية، يوم الأربعاء، بمدينة الناظور، متطرفا يبلغ من العمر 26 سنة موال "
     "لتنظيم داعش. وبالموازاة مع ذلك، أوقفت الشرطة الإسبانية شخصين آخرين بمدينة مالقة على صلة بالمشتبه فيه.", "ar"),
])
def test_a_partner_s_leg_told_apart_is_of_the_operation_s_day(text, lang):
    # and the partner whose leg it is took part in the Moroccan operation (SPEC: partners)
    news = sorted((e.country, e.arrested, e.places, e.date, e.partners)
                  for e in extract(Document(id="leg", text=text, lang=lang, published="2024-05-10")).events)
    assert news == [("ES", 2, ["malaga"], "2024-05-08", []), ("MA", 1, ["nador"], "2024-05-08", ["ES"])]


def test_arabic_dual_and_plural_verbs_report_arrests():
    # «أوقفوا», «اعتقلا»: the past tense in the plural and the dual, as a court report recalls the arrests
    text = ("أصدرت غرفة الجنايات بسلا أحكاما في حق عشرة متهمين في ملف خلية موالية لداعش. وكان ثمانية من المتهمين قد "
            "أوقفوا في 3 ماي الماضي بمدينة طنجة.")
    events = extract(Document(id="plural", text=text, lang="ar", published="2026-11-14")).events
    assert [(e.background, e.date, e.places, e.arrested) for e in events] == [(True, "2026-05-03", ["tangier"], 8)]


@pytest.mark.parametrize("text, lang", [
    # the person a suspicion names, with the participle of his own arrest ("the 19-year-old arrested on Monday
    # in Ifrane"), is an earlier arrest recalled; "the two suspects" later counts both, no one operation's
    ("Azrou: a second suspect arrested\n\nThe BCIJ arrested on Friday in Azrou a 24-year-old man suspected of being "
     "in contact with the 19-year-old arrested on Monday in Ifrane as he was preparing a knife attack on police "
     "officers. Investigators are looking into other contacts of the two suspects on messaging apps.", "en"),
    ("Azrou : un second suspect interpellé\n\nLe BCIJ a interpellé vendredi à Azrou un homme âgé de 24 ans, "
     "soupçonné d'être en contact avec le jeune de 19 ans arrêté lundi à Ifrane alors qu'il préparait une attaque au "
     "couteau contre des policiers. Les enquêteurs cherchent d'autres contacts des deux suspects sur les "
     "messageries.", "fr"),
])
def test_the_person_a_suspicion_names_was_arrested_before(text, lang):
    events = extract(Document(id="named", text=text, lang=lang, published="2026-12-05")).events
    assert [(e.background, e.date, e.places, e.arrested, e.age_min) for e in events] == [
        (False, "2026-12-04", ["azrou"], 1, 24), (True, "2026-11-30", ["ifrane"], 1, 19)]


def test_the_arrest_a_suspicion_recalls_told_again_on_its_own_is_one():
    # a live blog: the new arrest's entry recalls the first arrest, an older entry tells it again
    text = ("LIVE: security updates\n\n16:15 - The BCIJ has arrested a 24-year-old man in Azrou suspected of "
            "sending ISIS videos to the 19-year-old detained in Ifrane on Monday.\n\n09:05 - Recap: On Monday, "
            "police in Ifrane arrested a 19-year-old ISIS supporter who was preparing a knife attack.")
    events = extract(Document(id="blog", text=text, lang="en", published="2026-12-05")).events
    assert [(e.background, e.date, e.places) for e in events] == [
        (False, None, ["azrou"]), (True, "2026-11-30", ["ifrane"])]


@pytest.mark.parametrize("text, lang", [
    # a sentence that names the cell the news suspects are linked to, with no news trigger of its own: what
    # follows (the searches, what was seized) goes on with the news, not with the cell recalled
    ("أعلنت السلطات المغربية الأربعاء تفكيك خلية إرهابية من ستة عناصر موالية لداعش بطنجة. وأفادت وزارة الداخلية أن "
     "المشتبه بهم على صلة بالشبكة الإرهابية التي تم تفكيكها مطلع فبراير بمدينة مكناس. وأدت عمليات التفتيش التي "
     "أجراها المكتب المركزي للأبحاث القضائية إلى حجز أسلحة بيضاء وأجهزة إلكترونية.", "ar"),
    ("Moroccan authorities said on Wednesday they had dismantled a six-member ISIS cell in Tangier. The suspects "
     "were linked to the terrorist network dismantled in early February in Meknes, the interior ministry said. "
     "Searches by the Central Bureau of Judicial Investigation led to the seizure of knives and electronic "
     "devices.", "en"),
])
def test_after_the_cell_the_suspects_are_linked_to_the_news_goes_on(text, lang):
    events = extract(Document(id="linked", text=text, lang=lang, published="2018-03-07")).events
    assert [(e.background, e.places, e.seized, "bcij" in e.agencies) for e in events] == [
        (False, ["tangier"], ["bladed-weapons", "electronic-devices"], True), (True, ["meknes"], [], False)]


@pytest.mark.parametrize("text, lang, date", [
    # a lead that speaks of the operation by its noun before any verb of arrest: its day, services
    # and partner are the operation's the next sentence reports (analysis pieces, features, TV scripts)
    ("The joint operation carried out last Wednesday by Morocco's DGST and the Spanish Guardia Civil targeted an "
     "ISIS financing network. Five people were arrested, two in Tangier and three in Barcelona.", "en", "2026-10-14"),
    ("L'opération conjointe menée mercredi dernier par la DGST et la Guardia Civil espagnole visait un réseau de "
     "financement de Daech. Cinq personnes ont été interpellées, deux à Tanger et trois à Barcelone.", "fr",
     "2026-10-14"),
    ("العملية المشتركة التي نفذتها المديرية العامة لمراقبة التراب الوطني والحرس المدني الإسباني استهدفت شبكة لتمويل "
     "داعش. وتم توقيف خمسة أشخاص، اثنان بطنجة وثلاثة ببرشلونة.", "ar", None),
])
def test_a_lead_naming_the_operation_gives_it_its_day_and_services(text, lang, date):
    [ev] = extract(Document(id="lead", text=text, lang=lang, published="2026-10-20")).events
    assert (ev.arrested, ev.date, ev.agencies, ev.partners) == (5, date, ["dgst"], ["ES"])


@pytest.mark.parametrize("text, lang", [
    # "The arrest comes weeks after an operation with the Spanish services …": what the "after" phrase
    # tells, past the commas of an inserted time, is the earlier operation's, not the news arrest's
    ("OUJDA, Nov 18 (MAP) - The BCIJ on Wednesday arrested a 27-year-old ISIS supporter in Oujda. The arrest comes "
     "weeks after a joint operation with the Spanish services, in mid-October, that led to the arrest of five "
     "people in Tangier suspected of financing the group.", "en"),
    ("OUJDA, 18 nov (MAP) - Le BCIJ a interpellé mercredi à Oujda un partisan de Daech âgé de 27 ans. Cette "
     "arrestation intervient quelques semaines après une opération conjointe avec les services espagnols, à la "
     "mi-octobre, qui avait permis l'interpellation de cinq personnes à Tanger.", "fr"),
    ("وجدة 18 نونبر 2026 (ومع) - أوقفت عناصر المكتب المركزي للأبحاث القضائية، اليوم الأربعاء بمدينة وجدة، شخصا "
     "يبلغ من العمر 27 سنة موال لتنظيم داعش. ويأتي هذا التوقيف بعد أسابيع من عملية أمنية مشتركة مع المصالح "
     "الإسبانية، منتصف أكتوبر الماضي، أسفرت عن توقيف خمسة أشخاص بطنجة.", "ar"),
])
def test_what_an_after_phrase_tells_is_the_earlier_operation_s(text, lang):
    events = extract(Document(id="after", text=text, lang=lang, published="2026-11-18")).events
    assert sorted((e.places, e.arrested, e.partners) for e in events) == [
        (["oujda"], 1, []), (["tangier"], 5, ["ES"])]


@pytest.mark.parametrize("text, lang", [
    # "in close coordination with the Spanish police" names the partner the operation was made with, not the
    # subject that made it (fixture fam_fr03); Arabic's «بتنسيق مع» follows the verb and was right already
    ("Le BCIJ, en étroite coordination avec la Police nationale espagnole, a démantelé ce mardi une cellule "
     "terroriste de quatre membres affiliée à Daech, qui opérait entre Nador et Almería.", "fr"),
    ("Morocco's BCIJ, in close coordination with the Spanish National Police, on Tuesday dismantled a four-member "
     "Islamic State cell operating between Nador and Almeria.", "en"),
    ("فكك المكتب المركزي للأبحاث القضائية، بتنسيق مع الشرطة الإسبانية، يوم الثلاثاء، خلية إرهابية من أربعة عناصر "
     "موالين لداعش تنشط بين الناظور وألميريا.", "ar"),
])
def test_the_partner_an_operation_was_made_with_is_no_subject(text, lang):
    [ev] = extract(Document(id="with", text=text, lang=lang, published="2025-09-24")).events
    assert (ev.country, ev.arrested, ev.partners, ev.agencies) == ("MA", 4, ["ES"], ["bcij"])


def test_the_other_two_the_moroccan_share_and_the_homes_in_a_moroccan_town():
    # "the other two" count; the Moroccan share is the parts of a sentence ("two men … and a third"); "the
    # suspects' homes in Oujda" are the Moroccan side's (fixture fam_en01)
    text = ("Moroccan and Spanish police arrested five suspected Islamic State supporters on Tuesday in a joint "
            "operation, the DGST said. In Morocco, BCIJ agents detained two men in Oujda and a third suspect in Berkane. "
            "The other two were arrested in Valencia by the Spanish National Police. Searches of the suspects' homes in "
            "Oujda led to the seizure of a knife.")
    news = {e.country: e for e in extract(Document(id="o2", text=text, lang="en", published="2025-03-05")).events}
    assert (news["MA"].arrested, sorted(news["MA"].places), news["MA"].seized) == (3, ["berkane", "oujda"], ["bladed-weapons"])
    assert (news["ES"].arrested, news["ES"].places, news["ES"].seized) == (2, ["valencia"], [])


@pytest.mark.parametrize("text, lang, ma_plot, es_plot", [
    # the persons told again with the country they were arrested in go on with that side's event
    ("Moroccan and Spanish police on Tuesday arrested three suspected Islamic State supporters in a joint "
     "operation, the DGST said.\nTwo of the suspects were detained in Fes. The third was arrested in the Spanish "
     "town of Girona by Spain's national police.\nThe two men held in Morocco were planning to travel to the Sahel "
     "to join the group's camps.", "en", ["join-conflict-zone"], []),
    ("Le BCIJ a interpellé mardi à Tanger un partisan de Daech âgé de 32 ans. De son côté, la police espagnole a "
     "arrêté trois personnes à Madrid. Les trois personnes arrêtées en Espagne collectaient des fonds pour "
     "l'organisation.", "fr", [], ["financing"]),
])
def test_the_persons_told_again_in_a_country_are_that_side_s(text, lang, ma_plot, es_plot):
    news = {e.country: e for e in extract(Document(id="side", text=text, lang=lang, published="2024-03-13")).events
            if not e.background}
    assert sorted(news) == ["ES", "MA"] and (news["MA"].plot, news["ES"].plot) == (ma_plot, es_plot)


@pytest.mark.parametrize("text, lang", [
    ("Le BCIJ et la police nationale espagnole ont démantelé vendredi une cellule terroriste de neuf membres. "
     "Trois suspects ont été arrêtés à Tétouan et six en Espagne, à Madrid.", "fr"),
    ("تمكن المكتب المركزي للأبحاث القضائية، بتنسيق مع الشرطة الإسبانية، من تفكيك خلية إرهابية وتوقيف تسعة من "
     "أعضائها، ثلاثة منهم بتطوان، فيما أوقفت السلطات الإسبانية الستة الآخرين بمدريد.", "ar"),
])
def test_one_joint_cell_is_one_event(text, lang):
    news = [e for e in extract(Document(id="joint", text=text, lang=lang, published="2024-11-23")).events
            if not e.background]
    assert len(news) == 1 and news[0].country == "MA" and "tetouan" in news[0].places, [e.to_dict() for e in news]
    assert "ES" in news[0].partners


@pytest.mark.parametrize("text, lang", [
    # the age of the person arrested, before "suspected of links to the cell dismantled …", is the new arrest's,
    # whatever commas an inserted time and place put between it and the verb (blind batch 10 fr07, a MAP dispatch)
    ("Les éléments du BCIJ ont interpellé, ce vendredi à Taza, un individu âgé de 31 ans soupçonné d'être lié à la "
     "cellule terroriste démantelée mardi dernier à Fès et Sefrou, indique un communiqué de la DGSN.", "fr"),
    ("Moroccan police arrested, on Friday in Taza, a man aged 31, suspected of links to the terrorist cell dismantled "
     "last Tuesday in Fez and Sefrou, the DGSN said.", "en"),
])
def test_the_age_before_the_suspicion_is_the_new_arrest_s(text, lang):
    events = extract(Document(id="fu", text=text, lang=lang, published="2025-11-15")).events
    assert [(e.age_min, e.places, e.background) for e in events] == [(31, ["taza"], False), (None, ["fes", "sefrou"], True)]


@pytest.mark.parametrize("text, lang, news_place, old_place", [
    ("أوقفت عناصر المكتب المركزي للأبحاث القضائية عنصرا جديدا له علاقة بالخلية الإرهابية المفككة صباح اليوم "
     "بين مدينتي كازا والشاون. وجرى توقيف المعني بالأمر بمدينة وزان.", "ar", "ouezzane", "chefchaouen"),
    ("Police arrested a suspect in Berkane who was linked to the terrorist cell dismantled in Nador in February.",
     "en", "berkane", "nador"),
    ("La police a interpellé à Berkane un suspect en lien avec la cellule terroriste démantelée à Nador en février.",
     "fr", "berkane", "nador"),
])
def test_the_cell_a_suspect_is_linked_to_was_dismantled_before(text, lang, news_place, old_place):
    events = extract(Document(id="link", text=text, lang=lang, published="2019-10-25")).events
    news = [e for e in events if not e.background]
    old = [e for e in events if e.background]
    assert [e.places for e in news] == [[news_place]], [e.to_dict() for e in events]
    assert old and old_place in old[0].places


@pytest.mark.parametrize("text, lang", [
    # a headline's "near Casablanca", then the persons told again and where they were arrested: one
    # operation, in the town the body names
    ("Morocco dismantles ISIS-linked cell of four brothers near Casablanca\n\nMoroccan police on Sunday "
     "dismantled a cell of four brothers who had pledged allegiance to the Islamic State group, the DGST said. "
     "The men, aged between 26 and 35, were arrested in the town of Had Soualem, south of Casablanca.", "en"),
    ("Une cellule de quatre frères démantelée près de Casablanca\n\nLe BCIJ a démantelé dimanche une cellule de "
     "quatre frères ayant prêté allégeance à Daech. Les suspects, âgés de 26 à 35 ans, ont été interpellés à Had "
     "Soualem, au sud de Casablanca.", "fr"),
])
def test_the_persons_told_again_place_the_operation(text, lang):
    events = extract(Document(id="near", text=text, lang=lang, published="2025-01-27")).events
    assert [(e.arrested, e.places, e.age_min) for e in events] == [(4, ["had-soualem"], 26)]


@pytest.mark.parametrize("text, lang", [
    # the arrests made during the operation just named («أوقف خلالها», "during which", «au cours de laquelle»)
    # are that earlier operation's, not the news's
    ("فكك المكتب المركزي للأبحاث القضائية اليوم خلية إرهابية بأكادير. وتأتي هذه العملية بعد أقل من ثلاثة أشهر على "
     "تفكيك خلية أخرى بطنجة في 24 يونيو الماضي، أوقف خلالها ثلاثة متطرفين.", "ar"),
    ("Police dismantled a cell in Agadir on Tuesday. It comes less than three months after the dismantling of another "
     "cell in Tangier on June 24, during which three extremists were arrested.", "en"),
    ("Le BCIJ a démantelé mardi une cellule à Agadir. Cette opération intervient moins de trois mois après le "
     "démantèlement d'une autre cellule à Tanger le 24 juin, au cours de laquelle trois extrémistes avaient été "
     "interpellés.", "fr"),
])
def test_arrests_during_the_operation_just_named_are_its_own(text, lang):
    events = extract(Document(id="d", text=text, lang=lang, published="2025-09-16")).events
    assert sorted((e.places[0], e.background, e.arrested) for e in events) == [
        ("agadir", False, None), ("tangier", True, 3)]


@pytest.mark.parametrize("lang, text, places", [
    # the fifth's town told first, then the others' by a breakdown («dont deux … à Fès et deux autres à Sefrou»): the
    # breakdown's «autres» are no new operation, the group is one
    ("fr", "Le BCIJ a interpellé mardi cinq partisans de Daech. Le cinquième suspect a été interpellé à Taza.\n\n"
           "Agés de 19 à 40 ans, les cinq partisans de Daech, dont deux ont été arrêtés à Fès et deux autres à Sefrou, "
           "projetaient des attentats.", [["fes", "sefrou", "taza"]]),
    ("en", "The BCIJ arrested five ISIS supporters on Tuesday. The fifth suspect was arrested in Taza.\n\n"
           "Aged 19 to 40, the five ISIS supporters, two of whom were arrested in Fez and two others in Sefrou, "
           "were plotting attacks.", [["fes", "sefrou", "taza"]]),
    # ... not a new group of a like size
    ("fr", "Le BCIJ a démantelé mardi une cellule de cinq partisans de Daech à Taza. Le même jour, le BCIJ a démantelé "
           "une autre cellule de cinq membres à Fès.", [["taza"], ["fes"]]),
])
def test_the_others_of_a_breakdown_are_no_new_operation(lang, text, places):
    events = extract(Document(id="t", text=text, published="2026-01-21", lang=lang)).events
    assert [sorted(e.places) for e in events if not e.background] == places


@pytest.mark.parametrize("text, lang", [
    # an arrest in a relative clause after a cell's dismantling tells that cell's arrests (batch 28's Al3omk)
    ("أوقفت الشرطة القضائية ببني ملال، أمس الثلاثاء، شابا يبلغ من العمر 24 سنة موال لداعش. وتأتي هذه العملية بعد أقل من "
     "ثلاثة أشهر على تفكيك خلية يوم 21 ماي الماضي، والتي ضمت سبعة عناصر تم توقيفهم بكل من سلا وتمارة والقنيطرة.", "ar"),
    ("Police arrested a 24-year-old ISIS supporter in Beni Mellal on Tuesday. The arrest comes less than three months "
     "after the dismantling of a cell on May 21, which comprised seven members who were arrested in Sale, Temara and "
     "Kenitra.", "en"),
    ("La police a interpellé mardi à Béni Mellal un partisan de Daech âgé de 24 ans. Cette arrestation intervient moins "
     "de trois mois après le démantèlement d'une cellule le 21 mai, qui comptait sept membres arrêtés à Salé, Témara "
     "et Kénitra.", "fr"),
])
def test_arrests_in_a_cell_s_relative_clause_are_that_cell_s(text, lang):
    events = extract(Document(id="rel", text=text, lang=lang, published="2025-08-06")).events
    cells = [e for e in events if e.type == "cell_dismantled"]
    assert [(c.date, sorted(c.places), c.arrested, c.background) for c in cells] == [
        ("2025-05-21", ["kenitra", "sale", "temara"], 7, True)]


@pytest.mark.parametrize("text, lang", [
    # "other members of the same cell" arrested with no day of their own, in other towns: the operation extended
    # there, one event (batch 18's Maroc Hebdo)
    ("Le BCIJ a démantelé mercredi 11 juin une cellule de Daech à Casablanca, où trois suspects ont été interpellés. "
     "L'opération s'est étendue à Berrechid et à Taroudant, où d'autres membres présumés de la même cellule ont été "
     "appréhendés.", "fr"),
    ("The BCIJ dismantled an ISIS cell in Casablanca on Wednesday, June 11, arresting three suspects. The operation "
     "extended to Berrechid and Taroudant, where other members of the same cell were detained.", "en"),
    ("فكك المكتب المركزي للأبحاث القضائية، يوم الأربعاء 11 يونيو، خلية موالية لداعش بالدار البيضاء وأوقف ثلاثة مشتبه "
     "فيهم. وامتدت العملية إلى برشيد وتارودانت حيث تم توقيف عناصر آخرين من الخلية نفسها.", "ar"),
])
def test_other_members_of_the_same_cell_are_the_same_operation(text, lang):
    events = [e for e in extract(Document(id="same", text=text, lang=lang, published="2025-06-13")).events
              if not e.background]
    # ... and the three arrested first are a part of a total the text does not give
    assert [(e.date, sorted(e.places), e.arrested) for e in events] == [
        ("2025-06-11", ["berrechid", "casablanca", "taroudant"], None)]


@pytest.mark.parametrize("text, lang", [
    # a companion arrested "the same day" in another town is the operation's (batch 55's Le Matin: «Leur cousin a
    # été interpellé le même jour à Settat»); a partner's arrests that day stay the partner's side (guard)
    ("Le BCIJ a démantelé jeudi 22 janvier à Berrechid une cellule de Daech composée de trois frères. Leur cousin a "
     "été interpellé le même jour à Settat.", "fr"),
    ("The BCIJ dismantled an ISIS cell of three brothers in Berrechid on Thursday, January 22. Their cousin was "
     "arrested the same day in Settat.", "en"),
    ("فكك المكتب المركزي للأبحاث القضائية، يوم الخميس 22 يناير، خلية موالية لداعش ببرشيد تتكون من ثلاثة أشقاء. وتم "
     "توقيف ابن عمهم في اليوم نفسه بمدينة سطات.", "ar"),
])
def test_a_companion_arrested_the_same_day_is_the_operation_s(text, lang):
    events = [e for e in extract(Document(id="same", text=text, lang=lang, published="2026-01-24")).events
              if not e.background]
    assert [(e.date, sorted(e.places)) for e in events] == [("2026-01-22", ["berrechid", "settat"])]


def test_a_partner_s_arrests_the_same_day_stay_its_side():
    text = ("Le BCIJ a démantelé jeudi 22 janvier à Nador une cellule de Daech composée de trois membres. De son côté, "
            "la police espagnole a annoncé l'arrestation, le même jour, de deux personnes à Sebta.")
    events = extract(Document(id="same", text=text, lang="fr", published="2026-01-24")).events
    assert sorted(sorted(e.places) for e in events) == [["ceuta"], ["nador"]]


@pytest.mark.parametrize("text, lang", [
    # a report placed only by its area («au sud de Casablanca», "south of Casablanca") is the one whose towns lie in that
    # region (a live page's item, batch 60); «Les interpellations», "the arrests" count no one; a tournament's start
    # («que le Maroc accueille à partir du 21 décembre») dates no operation
    ("17 h 21\nMaroc : six personnes interpellées dans une opération antiterroriste au sud de Casablanca\nLes services "
     "de sécurité marocains ont annoncé jeudi l'arrestation de six personnes liées à l'EI. Les interpellations ont eu "
     "lieu à Berrechid et à Had Soualem, un mois avant la CAN, que le Maroc accueille à partir du 21 décembre.", "fr"),
    ("5:21 pm\nMorocco: six people arrested in a counter-terrorism operation south of Casablanca\nMoroccan security "
     "services announced on Thursday the arrest of six people linked to ISIS. The arrests took place in Berrechid and "
     "Had Soualem, a month before the Africa Cup, which Morocco hosts starting on December 21.", "en"),
])
def test_a_report_placed_by_its_area_is_the_one_of_its_towns(text, lang):
    events = extract(Document(id="area", text=text, lang=lang, published="2025-11-20")).events
    assert [(e.date, e.arrested, "berrechid" in e.places) for e in events] == [("2025-11-20", 6, True)], [
        e.to_dict() for e in events]


def test_a_verb_of_arresting_is_no_plural_noun():
    [ev] = extract(Document(id="v", text="Morocco arrests brother of Liege knife attacker in Nador on Wednesday, the "
                                          "BCIJ said, over links to ISIS.", lang="en", published="2025-08-28")).events
    assert ev.arrested == 1


def test_members_of_the_same_cell_arrested_days_later_are_a_follow_up():
    text = ("Le BCIJ a démantelé le 23 septembre une cellule de Daech à Tétouan. Une semaine plus tard, mardi 30 "
            "septembre, trois autres membres présumés de la même cellule étaient arrêtés à Tanger.")
    events = extract(Document(id="same", text=text, lang="fr", published="2025-10-02")).events
    assert sorted(e.date for e in events if e.type != "attack") == ["2025-09-23", "2025-09-30"]


# a report dated by its statement ("said on Wednesday") and one dated by a day before it: one operation when the
# day is within the week before the statement and the report is dated by the statement only
@pytest.mark.parametrize("said, done, by_statement, same", [
    ("2026-02-11", "2026-02-10", True, True),
    ("2026-02-11", "2026-02-03", True, False),  # more than a week before: another operation
    ("2026-02-11", "2026-02-10", False, False),  # the operation's own day: two days, two operations
    ("2026-02-11", "2026-02-12", True, False),  # a day after the statement: not what it reports
])
def test_a_statement_s_day_and_the_operation_s_day(said, done, by_statement, same):
    first, later = _ev(date=said, arrested=13), _ev(date=done, places=["casablanca"])
    first_told = Told(2, statement_dated=by_statement)
    assert one_operation((first, first_told), (later, Told(4)), [(first, first_told)]) is same


@pytest.mark.parametrize("text, lang", [
    # "other members" are the told cell's: a breakdown by town over two sentences is one operation
    ("Douze membres d'une cellule affiliée à Daech ont été interpellés mercredi par le BCIJ. Trois suspects ont été "
     "arrêtés à Casablanca. Deux autres membres ont été arrêtés à Fès, deux à Tanger, deux à Guercif et deux à "
     "Tamesna, tandis que le douzième a été appréhendé à Laâyoune.", "fr"),
    ("Twelve members of an ISIS-linked cell were arrested on Wednesday by the BCIJ. Three suspects were arrested in "
     "Casablanca. Other members were arrested in Fez, Tangier, Guercif and Tamesna, and the twelfth in Laayoune.",
     "en"),
    ("أوقف المكتب المركزي للأبحاث القضائية يوم الأربعاء اثني عشر عضوا في خلية موالية لداعش. وتم توقيف ثلاثة منهم "
     "بالدار البيضاء، فيما أوقف أعضاء آخرون بفاس وطنجة وجرسيف وتامسنا والعيون.", "ar"),
])
def test_other_members_of_the_cell_told_are_its_arrests(text, lang):
    events = extract(Document(id="t", text=text, published="2025-09-25", lang=lang)).events
    assert [(e.arrested, set(e.places) >= {"casablanca", "fes", "laayoune"}) for e in events] == [(12, True)], [
        e.to_dict() for e in events]


@pytest.mark.parametrize("text, lang", [
    # a cell whose count is untold, then its members one by one, each in a town, with no day of their own
    ("Morocco's BCIJ said on Thursday it had broken up a cell of Islamic State supporters preparing bomb attacks. "
     "A 34-year-old baker was arrested in Berrechid. In Settat, police detained a 41-year-old car mechanic. A "
     "22-year-old nursing student was arrested in El Jadida.", "en"),
    ("Le BCIJ a annoncé jeudi le démantèlement d'une cellule de partisans de Daech qui préparait des attentats. Un "
     "boulanger âgé de 34 ans a été interpellé à Berrechid. À Settat, la police a arrêté un mécanicien âgé de 41 "
     "ans. Une étudiante âgée de 22 ans a été interpellée à El Jadida.", "fr"),
    ("أعلن المكتب المركزي للأبحاث القضائية يوم الخميس تفكيك خلية موالية لداعش كانت تحضر لتفجيرات. وتم توقيف خباز يبلغ "
     "من العمر 34 سنة ببرشيد. وفي سطات، أوقفت الشرطة ميكانيكيا يبلغ من العمر 41 سنة. كما تم توقيف طالب تمريض يبلغ "
     "من العمر 22 سنة بالجديدة.", "ar"),
])
def test_members_told_one_by_one_are_the_cell_s(text, lang):
    events = extract(Document(id="t", text=text, published="2025-11-07", lang=lang)).events
    assert [(e.type, e.arrested, (e.age_min, e.age_max), set(e.places) >= {"berrechid", "settat", "el-jadida"})
            for e in events] == [("cell_dismantled", 3, (22, 41), True)], [e.to_dict() for e in events]


def test_a_later_arrest_with_its_own_day_stays_a_follow_up():
    text = ("Le BCIJ a démantelé mardi à Tanger une cellule de partisans de Daech. Vendredi, un cinquième suspect a "
            "été interpellé à Tétouan.")
    events = extract(Document(id="t", text=text, published="2025-11-08", lang="fr")).events
    assert len(events) == 2, [e.to_dict() for e in events]


def test_el_jadida_is_no_new_operation():
    # «بالجديدة» is the town of El Jadida, not «جديدة» ("a new one") calling the arrest another operation
    text = ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء خلية موالية لداعش بالدار البيضاء. وتم توقيف شاب يبلغ من "
            "العمر 22 سنة بالجديدة.")
    events = extract(Document(id="t", text=text, published="2025-11-07", lang="ar")).events
    assert [sorted(e.places) for e in events] == [["casablanca", "el-jadida"]], [e.to_dict() for e in events]


LIVE = {
    "fr": "EN DIRECT – Coup de filet antiterroriste\n\n**07h55** – Le BCIJ mène depuis l'aube des perquisitions à "
          "Casablanca. Trois suspects ont été interpellés.\n\n**10h40** – Deux nouvelles interpellations à Salé. Le "
          "bilan provisoire passe à cinq personnes arrêtées.\n\n**12h15** – Un suspect a été arrêté à Tétouan.\n\n"
          "**16h05** – Nouvelle interpellation à Taza. Bilan : sept personnes arrêtées.",
    "en": "LIVE: Morocco counter-terror raids\n\n07:55 - The BCIJ has been searching homes in Casablanca since dawn. "
          "Three suspects have been arrested in Casablanca.\n\n10:40 - Two new arrests in Sale, bringing the provisional tally to "
          "five people arrested.\n\n12:15 - A suspect was arrested in Tetouan.\n\n16:05 - Another arrest in Taza. "
          "Seven people have been arrested in all.",
    "ar": "مباشر: عملية أمنية لتفكيك خلية إرهابية\n\n07:55 - أوقفت عناصر المكتب المركزي للأبحاث القضائية صباح اليوم "
          "ثلاثة مشتبه فيهم موالين لداعش في الدار البيضاء.\n\n10:40 - توقيف شخصين جديدين بسلا، ليرتفع عدد "
          "الموقوفين إلى خمسة.\n\n12:15 - توقيف مشتبه فيه بتطوان.\n\n16:05 - توقيف جديد بتازة، ليبلغ العدد الإجمالي "
          "للموقوفين سبعة أشخاص.",
}


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_a_live_blog_follows_one_operation(lang):
    events = [e for e in extract(Document(id="t", text=LIVE[lang], published="2025-11-19", lang=lang)).events
              if not e.background]
    assert [(e.arrested, set(e.places) >= {"casablanca", "sale", "tetouan", "taza"}) for e in events] == [(7, True)], [
        e.to_dict() for e in events]


@pytest.mark.parametrize("lang, text", [
    # the headline's arrest becomes the joint cell once the body's Moroccan leg joins it: the partner's
    # leg, kept apart from the bare headline, joins the cell then (coreference runs until nothing joins)
    ("en", "Spain and Morocco take down jihadist recruitment cell spanning the Strait\n\nSpanish police arrested three "
           "alleged members of a jihadist cell in Almeria and Granada on Tuesday, in an operation carried out jointly "
           "with Morocco's DGST, whose agents detained two other members of the same network in Nador.\n\nThe cell "
           "recruited young people to join the Islamic State in the Sahel, the Interior Ministry said."),
    ("fr", "Figueres : un homme de 31 ans arrêté dans une enquête antiterroriste\n\nUn habitant de Figueres, âgé de "
           "31 ans, a été interpellé mardi à l'aube par la police espagnole, soupçonné d'appartenir à une cellule de "
           "recrutement de Daech. Un second suspect a été arrêté au même moment à Mataró.\n\nL'opération a été "
           "menée conjointement avec la DGST marocaine, qui a démantelé le volet marocain de la cellule à Nador, où "
           "trois hommes ont été interpellés."),
])
def test_a_partner_s_leg_joins_the_cell_a_merge_made(lang, text):
    events = extract(Document(id="t", text=text, published="2025-10-15", lang=lang)).events
    assert [(e.type, e.country, "nador" in e.places) for e in events] == [("cell_dismantled", "MA", True)]


@pytest.mark.parametrize("lang, text", [
    # "the arrest of nine suspected members": a definite noun whose count comes first here tells an
    # operation of its own (its month), not the one told before
    ("en", "Spanish police arrested two ISIS recruiters in Catalonia on Tuesday in a joint operation with Moroccan "
           "intelligence, which arrested three more in Nador. The police said the men, aged 26 and 31, were "
           "detained in Mataro. Last November, a joint operation led to the arrest of nine suspected members of an "
           "Islamic State cell."),
    ("fr", "La police espagnole a arrêté mardi en Catalogne deux recruteurs de Daech, lors d'une opération conjointe "
           "avec la DGST marocaine, qui en a arrêté trois autres à Nador. Les deux hommes, âgés de 26 et 31 ans, ont "
           "été interpellés à Mataró. En novembre dernier, une opération conjointe avait conduit à l'interpellation "
           "de neuf membres présumés d'une cellule de l'État islamique."),
])
def test_the_arrest_of_a_count_told_first_is_its_own_operation(lang, text):
    events = extract(Document(id="t", text=text, published="2025-06-18", lang=lang)).events
    [old] = [e for e in events if e.background]
    assert (old.date, old.arrested, old.places) == ("2024-11", 9, [])


@pytest.mark.parametrize("lang, text, published, date, arrested", [
    # an update on top: its stamp dates the note, not the operation; the total it gives, after the arrests of the
    # next morning that made it rise, is the cell's
    ("fr", "MISE À JOUR — jeudi 22 janvier 2026, 15h40 : le nombre de personnes interpellées dans le cadre de ce "
           "coup de filet est passé à six, après l'arrestation jeudi matin à Casablanca de deux autres membres "
           "présumés de la cellule.\n\nLe BCIJ a démantelé mercredi une cellule de quatre partisans de Daech à "
           "Casablanca et à Settat.", "2026-01-22", "2026-01-21", 6),
    # a live blog's later entry: a new arrest in another town, "bringing the number of arrests to four"
    ("en", "09:40 - Police arrested three suspected members of an ISIS cell in Meknes on Wednesday, the DGSN said.\n\n"
           "13:15 - A fourth suspect has been detained in Fez, a security source said, bringing the number of "
           "arrests to four.", "2025-03-12", "2025-03-12", 4),
    # a partner's arrests at the same time, «ليرتفع عدد أفراد هذه الخلية الموقوفين إلى أربعة»
    ("ar", "أوقفت عناصر المكتب المركزي للأبحاث القضائية، صباح اليوم الثلاثاء، شابا يبلغ من العمر 24 سنة بالناظور "
           "يشتبه في انتمائه لخلية موالية لداعش. وبالتزامن مع ذلك، أوقفت الشرطة الإسبانية ثلاثة أشخاص آخرين، ليرتفع "
           "عدد أفراد هذه الخلية الموقوفين إلى أربعة.", "2025-09-16", "2025-09-16", 4),
])
def test_a_running_total_counts_the_operation_it_rose_in(lang, text, published, date, arrested):
    events = extract(Document(id="t", text=text, published=published, lang=lang)).events
    assert [(e.date, e.arrested) for e in events] == [(date, arrested)]


@pytest.mark.parametrize("lang, text", [
    # an arrest told as the news feeds the case's total: a follow-up of one, the total no one's count
    ("ar", "أوقفت عناصر المكتب المركزي للأبحاث القضائية، أمس الثلاثاء، شابا بتاونات يشتبه في ارتباطه بالخلية "
           "الإرهابية التي فككت الأسبوع الماضي بفاس. وبهذا التوقيف يرتفع عدد الموقوفين في هذه القضية إلى ستة "
           "أشخاص."),
    ("fr", "Le BCIJ a interpellé jeudi à Nador un jeune homme soupçonné d'appartenir à la cellule démantelée dimanche "
           "à Berkane. Son arrestation porte à cinq le nombre de personnes interpellées dans ce dossier."),
    ("en", "Police arrested a man in Nador on Thursday over links to the ISIS cell dismantled in Berkane on Sunday. With "
           "this arrest, the number of people held in the case has risen to five."),
])
def test_a_total_an_arrest_feeds_is_no_operation_s_count(lang, text):
    events = extract(Document(id="t", text=text, published="2025-04-04", lang=lang)).events
    assert 6 not in [e.arrested for e in events] and 5 not in [e.arrested for e in events]
    assert [e.arrested for e in events if not e.background] == [1]


@pytest.mark.parametrize("lang, text", [
    # one joint cell whose partner's side tells its size: the size is the total (SPEC), not the Moroccan side's two
    ("fr", "Espagne : coup de filet contre une cellule djihadiste entre Madrid et Ceuta\n\nLa Police nationale "
           "espagnole a démantelé mardi une cellule djihadiste de six membres, au terme d'une enquête menée "
           "conjointement avec la DGST marocaine, dont les agents ont interpellé simultanément deux membres présumés "
           "du groupe à Tétouan et à Nador.\n\nLes quatre suspects arrêtés en Espagne ont été interpellés à Madrid et "
           "à Ceuta, a précisé le ministère espagnol de l'Intérieur."),
    ("en", "Spain: police swoop on jihadist cell between Madrid and Ceuta\n\nSpanish police dismantled a jihadist cell "
           "of six members on Tuesday, in an investigation conducted jointly with Morocco's DGST, whose agents arrested "
           "two suspected members of the group in Tetouan and Nador.\n\nThe four suspects held in Spain were detained "
           "in Madrid and Ceuta, Spain's interior ministry said."),
])
def test_a_joint_cell_s_size_is_its_count(lang, text):
    events = extract(Document(id="t", text=text, published="2025-11-26", lang=lang)).events
    assert [(e.country, e.arrested) for e in events] == [("MA", 6)]


@pytest.mark.parametrize("lang, text", [
    # the attacker arrested in the attack's sentence, or as "the attacker" told apart: the attack's arrest
    ("fr", "Un policier a été blessé à coups de couteau samedi soir à Béni Mellal par un homme de 31 ans qui a été "
           "immédiatement interpellé, a annoncé dimanche la DGSN. L'agresseur se réclamait de Daech."),
    ("en", "A traffic policeman was stabbed in Beni Mellal on Saturday evening by an Islamic State supporter, arrested "
           "on the spot, police said on Sunday."),
    ("ar", "بني ملال.. توقيف شخص اعتدى بسكين على شرطي\n\nأقدم شخص يبلغ من العمر 31 سنة، مساء أمس السبت، على الاعتداء "
           "بواسطة سكين على شرطي وسط مدينة بني ملال. وتمكن عناصر الشرطة من السيطرة على المعتدي وتوقيفه في الحين، "
           "وكشفت الأبحاث تشبعه بفكر داعش."),
])
def test_the_attacker_s_arrest_is_the_attack_s(lang, text):
    events = extract(Document(id="t", text=text, published="2025-03-23", lang=lang)).events
    assert [(e.type, e.arrested) for e in events] == [("attack", 1)]


@pytest.mark.parametrize("lang, text", [
    # a follow-up's headline names the arrest with the towns (and the week) of the cell it is linked to: those are
    # the cell's, the arrest the body's
    ("ar", "توقيف عنصر خامس مرتبط بالخلية الإرهابية المفككة بطنجة والعرائش والقنيطرة\n\nتمكنت عناصر المكتب المركزي "
           "للأبحاث القضائية، مساء أمس السبت، من توقيف شاب يبلغ من العمر 19 عاما بمدينة سلا، للاشتباه في ارتباطه "
           "بالخلية الإرهابية الموالية لداعش التي جرى تفكيكها يوم الثلاثاء الماضي.\n\nوكانت الخلية المفككة تتكون "
           "من أربعة عناصر جرى توقيفهم بطنجة والعرائش والقنيطرة."),
    ("ar", "توقيف عنصر جديد في خلية \"أنصار الخلافة\" التي فُككت الأسبوع الماضي بفاس ومكناس وتازة\n\nأوقفت عناصر "
           "المكتب المركزي للأبحاث القضائية، أمس الثلاثاء، بمدينة سلا، شابا يشتبه في كونه عضوا جديدا في الخلية "
           "الإرهابية الموالية لداعش التي فككت يوم الثلاثاء 4 نونبر.\n\nوكانت العملية الأولى قد أسفرت عن توقيف خمسة "
           "عناصر بفاس ومكناس وتازة."),
    ("en", "Morocco arrests fifth member of ISIS cell dismantled in Tangier, Larache and Kenitra\n\nMoroccan police "
           "arrested a 19-year-old man in Sale on Saturday over links to the Islamic State cell dismantled on "
           "Tuesday.\n\nThe four members of the cell had been arrested in Tangier, Larache and Kenitra."),
])
def test_a_follow_up_s_headline_gives_the_cell_its_towns(lang, text):
    events = extract(Document(id="t", text=text, published="2025-11-12", lang=lang)).events
    news = [e for e in events if not e.background]
    assert [(e.type, e.places) for e in news] == [("arrest", ["sale"])]


@pytest.mark.parametrize("text, published", [
    ("حصيلة سنة من مكافحة الإرهاب\nلم تكن السنة الماضية سنة عادية في سجل مكافحة الإرهاب.\n"
     "وفي مارس، أوقفت عناصر المكتب المركزي للأبحاث القضائية بمدينة الرشيدية ثلاثة أشخاص موالين لتنظيم داعش، قبل أن "
     "تقود التحريات إلى مخبأ للأسلحة النارية والذخيرة في ضواحي المدينة.", "2026-01-06"),
    ("Terrorisme : une année chargée au Maroc\nL'année a été chargée pour les services de sécurité.\n"
     "En mars, le BCIJ a interpellé à Errachidia trois partisans de Daech, avant que l'enquête ne mène à une cache "
     "d'armes à feu et de munitions enterrée près de la ville.", "2026-01-05"),
    ("Morocco's year against terrorism\nThe year was a busy one for the security services.\n"
     "In March, the BCIJ arrested three Islamic State supporters in Errachidia, before investigators found a cache of "
     "firearms and ammunition buried outside the town.", "2026-01-05"),
])
def test_a_recalled_operation_s_haul_in_its_sentence_is_its_own(text, published):
    """A cache found after a recalled operation, told in its sentence with no date of its own: the operation's haul,
    history with it (not a seizure of today's news)."""
    events = _events(text, published)
    assert [(e.type, e.date, e.background, e.arrested) for e in events] == [("cell_dismantled", "2025-03", True, 3)]
    assert {"ammunition"} <= set(events[0].seized)



@pytest.mark.parametrize("text, published", [
    ("تفكيك خلية إرهابية بآسفي\nتمكن المكتب المركزي للأبحاث القضائية، صباح اليوم الثلاثاء، من تفكيك خلية إرهابية تتكون من "
     "ثلاثة عناصر موالين لداعش بمدينة آسفي.\nوتختتم هذه العملية سنة حافلة؛ ففي أبريل، فكك المكتب خلية من أربعة عناصر "
     "بتطوان، قبل أن تقود التحريات إلى مخبأ للأسلحة يضم مسدسين وستين رصاصة.", "2025-12-09"),
    ("Maroc : une cellule démantelée à Khénifra\nLe BCIJ a démantelé jeudi à Khénifra une cellule de quatre partisans "
     "de Daech.\nÀ la mi-octobre, deux frères avaient été arrêtés à Azrou, avant que l'enquête ne mène à une cache "
     "d'armes contenant un pistolet et une centaine de cartouches.", "2025-11-21"),
])
def test_a_recap_s_cache_goes_to_the_recalled_operation_of_its_sentence_not_the_news(text, published):
    events = _events(text, published)
    news, recalled = [e for e in events if not e.background], [e for e in events if e.background]
    assert len(news) == 1 and len(recalled) == 1, [e.to_dict() for e in events]
    assert {"firearms", "ammunition"} <= set(recalled[0].seized) and not {"firearms", "ammunition"} & set(news[0].seized)


@pytest.mark.parametrize("text, lang, places", [
    # "with arrests in …" after the operation: its towns, however long the cell's description between (batches 44, 58)
    ("Police dismantled on Tuesday a five-member cell that was recruiting young men online to join ISIS in the Sahel, "
     "with arrests in Nador and Berkane.", "en", {"nador", "berkane"}),
    ("On Tuesday, the DGST, Morocco's domestic intelligence service, and Spain's National Police jointly dismantled a "
     "five-member cell that was recruiting young men to join ISIS in the Sahel, with arrests in the province of Nador "
     "and in Catalonia.", "en", {"nador"}),
    ("Le BCIJ a démantelé mardi une cellule de cinq membres qui recrutait des jeunes en ligne pour Daech au Sahel, avec "
     "des interpellations à Nador et à Berkane.", "fr", {"nador", "berkane"}),
])
def test_arrests_told_with_with_after_the_operation_are_its_own(text, lang, places):
    events = extract(Document(id="t", text=text, published="2025-06-18", lang=lang)).events
    assert [(e.type, set(e.places), e.arrested) for e in events] == [("cell_dismantled", places, 5)], \
        [e.to_dict() for e in events]




@pytest.mark.parametrize("event, dropped", [
    # one arrest or a seizure told as news in Morocco with neither place nor date: a headline's or a quote's word
    # (batches 14, 23, 56, 64: "Spain, Morocco break up suspected Islamic State cell", «la jeunesse croissante des
    # profils interpellés», «المغرب: "صائد المجنّدين" في قبضة الأمن»)
    (Event(type="arrest", arrested=1), True),
    (Event(type="seizure"), True),
    # ... a place, a date, a name, history, a count of several or another country's arrest is something to record
    (Event(type="arrest", arrested=1, places=["fes"]), False),
    (Event(type="arrest", arrested=1, date="2025-06-17"), False),
    (Event(type="arrest", arrested=1, background=True), False),
    (Event(type="cell_dismantled", arrested=4), False),
    (Event(type="arrest", arrested=1, country="US"), False),
    (Event(type="attack"), False),
])
def test_one_arrest_told_as_news_with_neither_place_nor_date_is_no_event(event, dropped):
    assert _news_of_nowhere(event) is dropped


def test_a_cell_counted_and_told_nowhere_stays():
    text = "Morocco: police dismantle terror cell\nPolice dismantled a cell of four suspected Islamic State supporters, the interior ministry said."
    events = extract(Document(id="t", text=text, published="2025-06-18", lang="en")).events
    assert [(e.type, e.arrested) for e in events] == [("cell_dismantled", 4)], [e.to_dict() for e in events]


@pytest.mark.parametrize("text, lang", [
    # a partner's police arresting a Moroccan national on its own soil, no Moroccan service or operation in the
    # article: the partner's news, no Moroccan event (blind batch h78's Atalayar brief)
    ("La Police nationale espagnole a arrêté mercredi à Bilbao un homme de 34 ans, de nationalité marocaine, soupçonné "
     "d'avoir diffusé de la propagande de Daech, a annoncé le ministère espagnol de l'Intérieur.", "fr"),
    ("Spanish national police on Wednesday arrested a 34-year-old Moroccan national in Bilbao suspected of spreading "
     "Islamic State propaganda, Spain's interior ministry said.", "en"),
])
def test_a_partner_s_arrest_with_no_moroccan_side_is_no_moroccan_event(text, lang):
    assert extract(Document(id="es", text=text, lang=lang, published="2023-11-16")).events == []


@pytest.mark.parametrize("text, lang", [
    # two arrests told apart, then both suspects placed in custody together: no third, placeless operation (blind
    # batch h76's Médias24 follow-up)
    ("Le BCIJ a interpellé vendredi 18 avril à Tanger un homme de 31 ans soupçonné d'être impliqué dans le projet du "
     "partisan de Daech arrêté mardi dernier à Ksar El Kebir, a annoncé la DGST.\n\nPour rappel, le premier suspect, "
     "un jeune homme de 24 ans, avait été interpellé par le BCIJ à Ksar El Kebir. Il projetait de viser un siège "
     "sécuritaire de la ville.\n\nLes deux suspects ont été placés en garde à vue, sous la supervision du parquet "
     "chargé des affaires de terrorisme.", "fr"),
    ("The BCIJ arrested on Friday, April 18, in Tangier a 31-year-old man suspected of involvement in the plot of the "
     "ISIS supporter arrested last Tuesday in Ksar El Kebir, the DGST said.\n\nAs a reminder, the first suspect, a "
     "24-year-old, had been arrested by the BCIJ in Ksar El Kebir.\n\nThe two suspects were placed in police custody "
     "under the supervision of the prosecutor in charge of terrorism cases.", "en"),
])
def test_custody_of_the_suspects_of_two_arrests_is_no_third_operation(text, lang):
    events = extract(Document(id="custody", text=text, lang=lang, published="2025-04-19")).events
    assert events and all(e.places for e in events), [e.to_dict() for e in events]
