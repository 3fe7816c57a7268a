"""Claims stage (marsad/pipeline/claims.py): lists and breakdowns, subsets, sources named
elsewhere than the figure, and periods, in Arabic, English and French.

Each row is an (input, expected) pair for one rule; the texts are written for these tests.
"""
from __future__ import annotations

import pytest

from marsad.models import Document
from marsad.pipeline.claims import find_claims
from marsad.pipeline.extract import extract
from marsad.pipeline.mentions import analyze


def _claims(lang: str, text: str, published: str | None = None):
    doc = Document("t", text, published=published, lang=lang)
    claims, _ = find_claims(analyze(doc, lang, published))
    return claims


# --- lists and breakdowns: every figure its own claim, with the shared metric and period ---

@pytest.mark.parametrize("lang, text, expected", [
    # a yearly breakdown of the figure before, in a new paragraph, with «واحدة» after its noun
    ("ar", "وأفاد المسؤول بأن المكتب فكك منذ إحداثه سنة 2015 ما مجموعه 83 خلية إرهابية.\n\n"
           "وأوضح أن هذه الخلايا توزعت بين 21 خلية سنة 2015، و19 خلية سنة 2016، وخلية واحدة سنة 2021.",
     [("cells_dismantled", 83, "2015", None), ("cells_dismantled", 21, None, "2015"),
      ("cells_dismantled", 19, None, "2016"), ("cells_dismantled", 1, None, "2021")]),
    ("fr", "Le BCIJ a démantelé 83 cellules terroristes depuis 2015. Ces cellules se répartissent entre "
           "21 en 2015, 19 en 2016 et une en 2021, selon la même source.",
     [("cells_dismantled", 83, "2015", None), ("cells_dismantled", 21, None, "2015"),
      ("cells_dismantled", 19, None, "2016"), ("cells_dismantled", 1, None, "2021")]),
    ("en", "The number of cells dismantled each year has fallen, the bureau said: from 21 in 2015 and 19 in 2016 "
           "to nine in 2017.",
     [("cells_dismantled", 21, None, "2015"), ("cells_dismantled", 19, None, "2016"),
      ("cells_dismantled", 9, None, "2017")]),
    # a year after another figure is that figure's: «9 خلايا ثم 8 في 2018»
    ("ar", "وتراجع عدد الخلايا المفككة إلى 9 خلايا ثم 8 في 2018.",
     [("cells_dismantled", 9, None, None), ("cells_dismantled", 8, None, "2018")]),
    # figures listed under one noun, and as many years listed: paired in order, with or without
    # "respectively"; a list in the next sentence with no year of its own takes the same years
    ("fr", "Le BCIJ a démantelé respectivement 21, 19 et 9 cellules terroristes en 2015, 2016 et 2017. "
           "Sur ces trois années, 275, 276 et 186 personnes ont été arrêtées.",
     [("cells_dismantled", 21, None, "2015"), ("cells_dismantled", 19, None, "2016"),
      ("cells_dismantled", 9, None, "2017"), ("persons_arrested", 275, None, "2015"),
      ("persons_arrested", 276, None, "2016"), ("persons_arrested", 186, None, "2017")]),
    ("en", "In 2019 and 2020, Moroccan police broke up 14 and 8 terrorist cells respectively.",
     [("cells_dismantled", 14, None, "2019"), ("cells_dismantled", 8, None, "2020")]),
    ("ar", "وفكك المكتب المركزي للأبحاث القضائية 21 و19 و9 خلايا إرهابية خلال سنوات 2015 و2016 و2017 على التوالي.",
     [("cells_dismantled", 21, None, "2015"), ("cells_dismantled", 19, None, "2016"),
      ("cells_dismantled", 9, None, "2017")]),
    ("fr", "D'après la DGSN, 12 et 14 cellules terroristes ont été démantelées en 2019 et 2020.",
     [("cells_dismantled", 12, None, "2019"), ("cells_dismantled", 14, None, "2020")]),
    # one year, not as many as the figures: no pairing, the year is the whole list's
    ("fr", "En 2022, 12 et 14 cellules ont été démantelées au nord et au sud, selon la DGSN.",
     [("cells_dismantled", 12, None, "2022"), ("cells_dismantled", 14, None, "2022")]),
    # the same figure in two listed years is two claims
    ("en", "Police dismantled 19, 7 and 19 terrorist cells in 2016, 2017 and 2018 respectively, the ministry said.",
     [("cells_dismantled", 19, None, "2016"), ("cells_dismantled", 7, None, "2017"),
      ("cells_dismantled", 19, None, "2018")]),
])
def test_list_items_share_metric_and_take_their_own_year(lang, text, expected):
    got = [(c.metric, c.value, c.since, c.period) for c in _claims(lang, text)]
    assert got == expected


@pytest.mark.parametrize("lang, text, expected", [
    # a breakdown by kind: each part keeps the span and names its kind
    ("ar", "وأكد المسؤول أن الأجهزة الأمنية أحبطت بين سنتي 2002 و2015 ما مجموعه 267 محاولة إرهابية، "
           "من بينها 119 محاولة تفجير، و109 محاولات اغتيال، و7 محاولات اختطاف.",
     [("plots_foiled", 267, None), ("plots_foiled", 119, "bombing"), ("plots_foiled", 109, "assassination"),
      ("plots_foiled", 7, "kidnapping")]),
    ("en", "Since its creation in 2015 the bureau has dismantled 57 cells, 51 of which were tied to the Islamic "
           "State group and six to the Fay wa Istihlal current, Khiame said.",
     [("cells_dismantled", 57, None), ("cells_dismantled", 51, "isis-linked"),
      ("cells_dismantled", 6, "fay-wa-istihlal")]),
])
def test_breakdown_by_kind_gives_each_part_its_subset(lang, text, expected):
    claims = _claims(lang, text)
    assert [(c.metric, c.value, c.subset) for c in claims] == expected
    assert len({(c.since, c.until) for c in claims}) == 1  # the span is shared


@pytest.mark.parametrize("lang, text, expected", [
    # an elliptic part names its whole in its sentence: cells, though persons were counted last
    ("fr", "Depuis 2002, les services ont démantelé plus de 200 cellules et interpellé plus de 3.500 personnes. "
           "Parmi ces cellules, plus de 40 étaient liées à des groupes du Sahel.",
     ["cells_dismantled", "persons_arrested", "cells_dismantled"]),
    # the last noun is the one counted last: the part stays with it
    ("fr", "Depuis 2002, les services ont démantelé plus de 200 cellules et interpellé plus de 3.500 personnes. "
           "Parmi ces personnes, plus de 40 étaient liées à des groupes du Sahel.",
     ["cells_dismantled", "persons_arrested", "persons_arrested"]),
])
def test_elliptic_part_takes_the_metric_its_sentence_names(lang, text, expected):
    assert [c.metric for c in _claims(lang, text)] == expected


@pytest.mark.parametrize("lang, text", [
    # «une» is the article of «une idéologie», not a list item
    ("fr", "Parmi ces structures, 78 étaient liées à Daech depuis 2015, tandis que les six autres relevaient de la "
           "mouvance Istihlal, une idéologie qui tient pour licites les activités criminelles."),
    # the ten of an ordinal («الثامنة عشرة») is no figure
    ("ar", "وقال المسؤول خلال ندوة في الذكرى الثامنة عشرة لتفجيرات الدار البيضاء إن المكتب فكك منذ 2015 ما مجموعه "
           "83 خلية."),
    # an age range is no figure: «بين 22 و42 عاما على صلة بالشبكة»
    ("ar", "وأفادت الوزارة أن المشتبه بهم الذين تتراوح أعمارهم بين 22 و42 عاما على صلة بالشبكة الإرهابية."),
])
def test_no_figure_from_articles_ordinals_or_ages(lang, text):
    values = [c.value for c in _claims(lang, text)]
    assert 1 not in values and 10 not in values and 42 not in values


# --- subsets: a part of a figure is its own claim; «most of them» names no part ---

@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Khiame said 918 people were arrested for terror-related crimes since 2015, including 14 women and 29 minors.",
     [("persons_arrested", 918, None), ("persons_arrested", 14, "women"), ("persons_arrested", 29, "minors")]),
    ("ar", "وأوضحت الوزارة أنه تم خلال سنة 2023 توقيف 21 شخصا، من بينهم 3 نساء و4 قاصرين.",
     [("persons_arrested", 21, None), ("persons_arrested", 3, "women"), ("persons_arrested", 4, "minors")]),
    # the link after the next figure is that figure's: «47 خلية ترتبط 42 منها بداعش»
    ("ar", "وأعلن المكتب المركزي للأبحاث القضائية أنه تمكن منذ تأسيسه سنة 2015 من تفكيك 47 خلية إرهابية ترتبط 42 منها "
           "بداعش.",
     [("cells_dismantled", 47, None), ("cells_dismantled", 42, "isis-linked")]),
    # «منها» after the comma opens the next figure's part
    ("ar", "وفكك المكتب منذ إحداثه سنة 2015 ما مجموعه 83 خلية إرهابية، منها 77 لها علاقة بتنظيم داعش.",
     [("cells_dismantled", 83, None), ("cells_dismantled", 77, "isis-linked")]),
    # "most of them" / «معظمها» / «la plupart» is no subset
    ("ar", "وبلغ عدد الخلايا التي أعلن المغرب تفكيكها العام 2016 ما مجموعه 19 خلية، ترتبط معظمها بتنظيم داعش.",
     [("cells_dismantled", 19, None)]),
    ("fr", "Les services ont démantelé 14 cellules terroristes en 2019, la plupart liées à Daech.",
     [("cells_dismantled", 14, None)]),
    ("fr", "Le chef du BCIJ a déclaré que le Maroc avait démantelé, depuis 2002, 127 réseaux terroristes, dont 51 "
           "étaient affiliés à Daech.",
     [("cells_dismantled", 127, None), ("cells_dismantled", 51, "isis-linked")]),
    # «62 cellules parmi les 183 démantelées étaient liées»: the link past the whole is the part's
    ("fr", "Entre 2002 et 2018, 183 cellules terroristes ont été démantelées, a déclaré Abdelhak Khiame. Il a précisé "
           "que 62 cellules parmi les 183 démantelées étaient directement liées à Daech.",
     [("cells_dismantled", 183, None), ("cells_dismantled", 62, "isis-linked")]),
    # the link may stand past a year, and what it names past a few words
    ("ar", "وأعلن المسؤول عن تفكيك 210 خلية إرهابية منذ سنة 2002، فيما كانت 88 خلية مفككة منذ 2013 على ارتباط وطيد "
           "بالمجموعات الإرهابية بالساحة السورية والعراقية.",
     [("cells_dismantled", 210, None), ("cells_dismantled", 88, "conflict-zone-linked")]),
    # a subset word right after the noun: «20 شخصا عادوا إلى المغرب»
    ("ar", "تمكن المكتب سنة 2017 من تفكيك تسع خلايا إرهابية، وإيقاف 186 إرهابيا مفترضا، واعتقال 20 شخصا عادوا إلى "
           "المغرب بعد المرور بإحدى بؤر التوتر.",
     [("cells_dismantled", 9, None), ("persons_arrested", 186, None), ("persons_arrested", 20, "returnees")]),
    # the partitive: "50 of the 168 cells" counts cells
    ("en", "Moroccan authorities say they have broken up 168 terrorist cells since 2002. 50 of the 168 cells were "
           "linked to militant groups in Syria and Iraq, the ministry added.",
     [("cells_dismantled", 168, None), ("cells_dismantled", 50, "conflict-zone-linked")]),
    # ... and «six de ces neuf cellules», «sur ces neuf cellules, sept»: the demonstrative names the whole told before
    ("fr", "Les services de sécurité ont démantelé neuf cellules terroristes en 2025. Six de ces neuf cellules étaient "
           "liées à la branche sahélienne de l'État islamique.",
     [("cells_dismantled", 9, None), ("cells_dismantled", 6, "sahel-linked")]),
    ("fr", "Le BCIJ a démantelé onze cellules en 2024. Sur ces onze cellules, huit étaient liées à Daech.",
     [("cells_dismantled", 11, None), ("cells_dismantled", 8, "isis-linked")]),
    ("en", "Moroccan authorities say they have dismantled dozens of jihadist cells since 2002, including about 50 "
           "with alleged links to Islamic State.",
     [("cells_dismantled", 50, "isis-linked")]),
    # a list of parts, «واحدة» after its noun and its «و» written on it, "une" as one of the parts
    ("ar", "وأفادت الحصيلة الرسمية أن المصالح الأمنية أوقفت خلال سنة 2019، في قضايا الإرهاب، ما مجموعه 84 شخصا، "
           "من بينهم ثلاثة قاصرين وامرأة واحدة.",
     [("persons_arrested", 84, None), ("persons_arrested", 3, "minors"), ("persons_arrested", 1, "women")]),
    ("fr", "Selon le bilan de la DGSN, 84 personnes ont été interpellées en 2019 pour des affaires de terrorisme, "
           "dont trois mineurs et une femme.",
     [("persons_arrested", 84, None), ("persons_arrested", 3, "minors"), ("persons_arrested", 1, "women")]),
    # "Islamic State affiliates in the Sahel": the narrower link, the Sahel's groups
    ("en", "The BCIJ has dismantled 96 terrorist cells since 2015, more than 40 of them linked to Islamic State "
           "affiliates in the Sahel.", [("cells_dismantled", 96, None), ("cells_dismantled", 40, "sahel-linked")]),
    # what a link names comes a few words after it: «avaient des liens avec des groupes actifs au Sahel»
    ("fr", "Selon le BCIJ, 96 cellules ont été démantelées depuis 2015. Plus de 40 d'entre elles avaient des liens "
           "avec des groupes actifs au Sahel.",
     [("cells_dismantled", 96, None), ("cells_dismantled", 40, "sahel-linked")]),
    # «أحبط» (the verb agreeing with «المغرب») foils plots: not attacks
    ("ar", "وأعلن المغرب أنه أحبط منذ سنة 2002 ما يفوق 500 مشروع تخريبي، وفكك أزيد من 200 خلية إرهابية.",
     [("plots_foiled", 500, None), ("cells_dismantled", 200, None)]),
])
def test_subsets(lang, text, expected):
    assert [(c.metric, c.value, c.subset) for c in _claims(lang, text)] == expected


@pytest.mark.parametrize("lang, text", [
    # the part of an unclaimed figure: the dead of an attack, not the last claim's part
    ("en", "More than 150 terrorist cells have been busted since 2002, Rabat says. It was the deadliest attack since "
           "the 2003 Casablanca blasts that killed 45 people, including 12 suicide bombers."),
    # «1660 شخصا، عاد عدد منهم وأحيلوا على القضاء»: the verb after the comma is another clause's
    ("ar", "وقدر المكتب عدد المغاربة الذين التحقوا بالساحة السورية العراقية بقرابة 1660 شخصا، عاد عدد منهم "
           "وأحيلوا على القضاء."),
    # an operation's count dated by a relative year is not a statistic
    ("ar", "ونهاية العام الماضي، شهد المغرب مقتل سائحتين، واعتقلت السلطات المغربية حينها 18 متهما بالتورط في الحادثة."),
    # members of one cell arrested in a year: an operation
    ("fr", "En 2016, les services de sécurité ont réussi à arrêter dix membres d'une cellule de Daech."),
])
def test_event_counts_are_not_claims(lang, text):
    assert [(c.metric, c.value) for c in _claims(lang, text) if c.metric == "persons_arrested"
            or c.value in (12, 50)] == []


@pytest.mark.parametrize("lang, text, expected", [
    # passive after the figure: "918 people were arrested", past an aside naming a part
    ("en", "More than 3,000 people, including 292 individuals with previous criminal record, have been arrested by "
           "Moroccan authorities.", [("persons_arrested", 3000, None), ("persons_arrested", 292, "criminal-record")]),
    # «على إثرها» after a cells claim counts those cells' arrests
    ("ar", "وبلغ عدد الخلايا الإرهابية التي تم تفكيكها منذ سنة 2002 ما مجموعه 140 خلية، تم على إثرها توقيف 2200 شخص.",
     [("cells_dismantled", 140, None), ("persons_arrested", 2200, None)]),
    # «ثلاثة آلاف و137»
    ("ar", "وحسب بيانات رسمية، جرى تفكيك 170 خلية إرهابية منذ 2002 في المغرب وتم اعتقال ثلاثة آلاف و137 شخصا.",
     [("cells_dismantled", 170, None), ("persons_arrested", 3137, None)]),
    ("en", "In 2017, the BCIJ dismantled nine \"terrorist structures\" and \"neutralized 186 suspected terrorists,\" "
           "according to a report released by the local press.",
     [("cells_dismantled", 9, None), ("persons_arrested", 186, None)]),
    # «présenter à la justice» in every form of its participle counts persons («présentés» already did)
    ("fr", "Le BCIJ a démantelé plus de 90 cellules et présenté plus de 1.400 personnes à la justice.",
     [("cells_dismantled", 90, None), ("persons_arrested", 1400, None)]),
    ("fr", "Selon la DGSN, 214 cellules ont été démantelées et 4 304 personnes présentées à la justice.",
     [("cells_dismantled", 214, None), ("persons_arrested", 4304, None)]),
    # the persons counted beside a statistic of cells in its sentence, with a period of "last year", "the first nine
    # months" or none of its own, are a statistic too (batches 55–58: four articles)
    ("en", "Last year was another busy one for Morocco's security services: 11 cells dismantled and 84 people arrested "
           "on terrorism charges.", [("cells_dismantled", 11, None), ("persons_arrested", 84, None)]),
    ("fr", "Neuf cellules terroristes démantelées et 67 personnes interpellées : c'est le bilan de la lutte "
           "antiterroriste au Maroc.", [("cells_dismantled", 9, None), ("persons_arrested", 67, None)]),
    ("ar", "وفي النصف الأول من العام الجاري وحده، فككت المصالح الأمنية ست خلايا وأوقفت 31 شخصا.",
     [("cells_dismantled", 6, None), ("persons_arrested", 31, None)]),
    # the gerund of arresting ("credited … with arresting 56 suspects in 2023")
    ("en", "The State Department credited Moroccan authorities with arresting 56 terrorism suspects in 2023.",
     [("persons_arrested", 56, None)]),
    # ... not a part of an operation's members told as one of them («اثنان منهم»)
    ("ar", "وأوضح البلاغ أن العملية أسفرت عن توقيف ثلاثة من أعضاء هذه الخلية، اثنان منهم بمدينة الناظور.", []),
])
def test_tallies(lang, text, expected):
    assert [(c.metric, c.value, c.subset) for c in _claims(lang, text)] == expected


@pytest.mark.parametrize("lang, text, expected", [
    # a word of statistics makes last year's persons a statistic (not a sentence on last year's operation)
    ("fr", "L'an dernier, les chiffres officiels faisaient état de 52 personnes interpellées pour terrorisme.",
     [("persons_arrested", 52, "2024")]),
    ("en", "Last year's official figures show that 52 people were arrested on terrorism charges.",
     [("persons_arrested", 52, "2024")]),
    ("ar", "وحسب الأرقام الرسمية، تم توقيف 52 شخصا في قضايا الإرهاب خلال العام الماضي.", [("persons_arrested", 52, "2024")]),
    ("en", "Last year police arrested 18 suspects in Fes over a bomb plot.", []),
])
def test_last_year_s_figures(lang, text, expected):
    assert [(c.metric, c.value, c.period) for c in _claims(lang, text, "2025-12-11")] == expected


@pytest.mark.parametrize("lang, text, expected", [
    # "the 2025 tally", «le bilan 2025» give the figures their year; a sentence opening on «Parmi», "Among" counts parts
    # of the claim before; «une proportion» after the parts is no one more person
    ("fr", "Neuf cellules terroristes démantelées et 67 personnes interpellées : c'est le bilan 2025, selon la DGSN. "
           "Parmi les personnes arrêtées figurent quatre femmes et six mineurs, une proportion en hausse.",
     [("cells_dismantled", 9, "2025", None), ("persons_arrested", 67, "2025", None),
      ("persons_arrested", 4, "2025", "women"), ("persons_arrested", 6, "2025", "minors")]),
    ("en", "Nine cells dismantled and 67 people arrested: that is Morocco's 2025 counter-terrorism tally, the DGSN says.",
     [("cells_dismantled", 9, "2025", None), ("persons_arrested", 67, "2025", None)]),
])
def test_a_tally_s_year_and_its_parts(lang, text, expected):
    assert [(c.metric, c.value, c.period, c.subset) for c in _claims(lang, text, "2026-01-06")] == expected



# --- sources: named in another sentence, by title or surname, or after the figures ---

@pytest.mark.parametrize("lang, text", [
    # a Q&A's answers ("A:", «R :») are the interviewee's: the person the introduction names before the first
    # question (batch 27's Al Arabiya English interview)
    ("en", "Interview\n\nAfter an ISIS cell was broken up in Safi by the BCIJ, we spoke to Karim Bennani, a security "
           "researcher in Rabat.\n\nQ: Is Morocco facing more cells?\nA: Not really. Since 2015, more than 90 "
           "terrorist cells have been dismantled in Morocco."),
    ("fr", "Entretien\n\nAprès le démantèlement d'une cellule de Daech à Safi par le BCIJ, nous avons interrogé Karim "
           "Bennani, chercheur en études sécuritaires.\n\nQ : Le Maroc fait-il face à plus de cellules ?\nR : Pas "
           "vraiment. Depuis 2015, plus de 90 cellules terroristes ont été démantelées au Maroc."),
])
def test_a_q_and_a_s_answers_are_the_interviewee_s(lang, text):
    assert [c.source for c in _claims(lang, text, "2024-07-12")] == ["Karim Bennani"]


@pytest.mark.parametrize("lang, text, sources", [
    ("ar", "أعلنت وزارة الداخلية أن الأجهزة الأمنية فككت منذ 2002 أزيد من 220 خلية إرهابية.\n\n"
           "وأضاف المصدر ذاته أنه تم توقيف أزيد من 4500 شخص خلال الفترة نفسها.",
     ["interior-ministry", "interior-ministry"]),
    # «بحسب ما أعلنت عنه الحكومة المغربية»: the resumptive «عنه» is no name
    ("ar", "وبلغ عدد الخلايا التي تم تفكيكها منذ سنة 2002 ما مجموعه 140 خلية، بحسب ما أعلنت عنه الحكومة المغربية.",
     ["interior-ministry"]),
    # the report's author after the day it published it ("the review published Monday by the DGSN")
    ("en", "Moroccan authorities dismantled 11 terrorist cells in 2025, according to the annual review published "
           "Monday by the General Directorate for National Security (DGSN).", ["dgsn"]),
    ("en", "Security services arrested 73 people in terrorism cases in 2025, according to figures released Tuesday by "
           "the DGSN.", ["dgsn"]),
    ("fr", "Les services de sécurité ont démantelé 11 cellules terroristes en 2025, selon le bilan annuel publié lundi "
           "par la DGSN.", ["dgsn"]),
    # after «أن» the authorities are the report's subject, not its author
    ("ar", "وأبرزت الخارجية الأمريكية في تقريرها السنوي جهود المغرب. وذكر التقرير أن السلطات المغربية تمكنت خلال عام "
           "2023 من توقيف 56 شخصا.", ["us-state-department"]),
    # a surname alone names the full name quoted before; a bare title the person quoted before
    ("ar", "أفاد محمد النيفاوي بأن المكتب فكك منذ إحداثه سنة 2015 ما مجموعه 83 خلية إرهابية. وأوضح النيفاوي أن "
           "المصالح أوقفت منذ 2002 أزيد من 4300 شخص. وأشار المسؤول الأمني إلى أن 210 خلايا فككت منذ 2002.",
     ["محمد النيفاوي", "محمد النيفاوي", "محمد النيفاوي"]),
    ("fr", "Le BCIJ a démantelé 90 cellules terroristes depuis 2015, selon son directeur Cherkaoui Habboub. "
           "Le responsable a ajouté que 1.400 personnes ont été interpellées depuis 2015.",
     ["Cherkaoui Habboub", "Cherkaoui Habboub"]),
    ("fr", "Le Maroc a démantelé 210 cellules terroristes depuis 2002, a indiqué lundi à Rabat le contrôleur général "
           "au Bureau central d'investigations judiciaires (BCIJ), Mohamed Nifaoui.", ["Mohamed Nifaoui"]),
    ("en", "The BCIJ has dismantled 90 cells since 2015, according to its director Habboub Cherkaoui. The official "
           "added that 1,400 people have been arrested since 2015.", ["Habboub Cherkaoui", "Habboub Cherkaoui"]),
    ("en", "Moroccan security forces have dismantled 183 terrorist cells since 2002, the head of the kingdom's "
           "anti-terror bureau said.", ["bcij"]),
    # an interview's speaker label opening the line, the person named in the introduction
    ("fr", "Entretien avec Cherkaoui Habboub, directeur du BCIJ.\n\nCherkaoui Habboub : Depuis 2015, le BCIJ a "
           "démantelé plus de 90 cellules terroristes.", ["Cherkaoui Habboub"]),
    ("en", "An interview with Abdelhak Khiame, head of the BCIJ.\n\nAbdelhak Khiame: Since 2015 the bureau has "
           "dismantled 59 terrorist cells.", ["Abdelhak Khiame"]),
    # a source set as the sentence's topic («Quant au BCIJ, il …», "As for the BCIJ, it …", «أما المكتب …، فقد …»)
    ("fr", "Le ministère de l'Intérieur rappelle que plus de 220 cellules ont été démantelées depuis 2002. Quant au "
           "BCIJ, il a démantelé, depuis sa création en 2015, quelque 110 cellules.", ["interior-ministry", "bcij"]),
    ("en", "The Interior Ministry says more than 220 cells have been dismantled since 2002. As for the BCIJ, it has "
           "dismantled some 110 cells since its creation in 2015.", ["interior-ministry", "bcij"]),
    ("ar", "فكك المغرب أكثر من 220 خلية إرهابية منذ 2002 حسب وزارة الداخلية. أما المكتب المركزي للأبحاث القضائية، فقد "
           "فكك منذ إحداثه سنة 2015 أزيد من 110 خلايا إرهابية.", ["interior-ministry", "bcij"]),
    # a review or an assessment is a report: its author is the source
    ("en", "The arrests come weeks after the DGST published its 2025 assessment, which reported nine terrorist cells "
           "dismantled during the year.", ["dgst"]),
    # "who preferred not to give his name": no name; a researcher named by no name is no source's name
    ("ar", "ويقول باحث في الشؤون الأمنية، فضل عدم ذكر اسمه، إن المغرب فكك أكثر من 210 خلايا إرهابية منذ 2002.", [None]),
    # the source named right after a verb is its own, not the author of the report quoted before
    ("ar", "وأفاد بلاغ للمكتب المركزي للأبحاث القضائية بأن الخلية كانت تخطط لهجمات. وفكك المغرب، وفق الأرقام الرسمية، "
           "أكثر من 220 خلية إرهابية منذ سنة 2002.", ["interior-ministry"]),
    # a service's full name in its other word orders names it as a source, as it names the agency
    ("en", "According to the annual report of the Directorate General of National Security (DGSN), nine terrorist "
           "cells were dismantled in 2025.", ["dgsn"]),
    ("fr", "Selon le bilan de la Direction générale de la sécurité du territoire, neuf cellules terroristes ont été "
           "démantelées en 2025.", ["dgst"]),
    # official figures are the government's (the Interior Ministry's), as dev3 and batches 15 and 16 code them
    ("ar", "وتفيد أرقام رسمية بأن الأجهزة الأمنية فككت منذ 2002 أكثر من 220 خلية إرهابية.", ["interior-ministry"]),
    ("en", "Morocco has dismantled more than 200 cells since 2002, according to official figures.",
     ["interior-ministry"]),
    ("fr", "Selon des chiffres officiels, plus de 200 cellules ont été démantelées depuis 2002.", ["interior-ministry"]),
    # the capital or the country as the subject of a verb of saying stands for its government
    ("ar", "وتقول الرباط إنها فككت أكثر من مئتي خلية إرهابية منذ سنة 2002.", ["interior-ministry"]),
    ("ar", "ويؤكد المغرب أنه فكك أزيد من 200 خلية منذ 2002.", ["interior-ministry"]),
    ("en", "Morocco, a close U.S. security partner, says it has dismantled more than 200 militant cells since "
           "2002.", ["interior-ministry"]),
    ("en", "Rabat says it has broken up more than 200 cells since 2002.", ["interior-ministry"]),
    ("fr", "Le Maroc affirme avoir démantelé plus de 200 cellules terroristes depuis 2002.", ["interior-ministry"]),
    ("fr", "Depuis 2002, Rabat affirme avoir démantelé plus de 220 cellules terroristes.", ["interior-ministry"]),
    # ... not in a relative clause saying what was done, nor as a place in a sentence opened by another subject
    ("ar", "بلغ عدد الخلايا التي أعلن المغرب تفكيكها خلال سنة 2017 ما مجموعه 9 خلايا.", [None]),
    ("en", "A cell was dismantled in northern Morocco, said the bureau, which has broken up 90 cells since 2015.",
     ["bcij"]),
    # a surname alone as the label: the person named in full in the introduction
    ("en", "We spoke with Nadia El-Ouafi, a researcher in Rabat.\n\nQ: How busy was the year?\n\nEl-Ouafi: "
           "Busy. The bureau dismantled 12 cells in 2024.", ["Nadia El-Ouafi"]),
    ("fr", "Nous avons interrogé Youssef Berrada, chercheur à Rabat.\n\nBerrada : Depuis 2002, plus de 200 "
           "cellules ont été démantelées.", ["Youssef Berrada"]),
    # a broadcast's transcript: the title and the parenthesis around the label are not the name; the
    # presenter's label names no one
    ("ar", "المذيعة: ينضم إلينا الباحث رشيد العلوي.\nالباحث رشيد العلوي: نعم. فكك المكتب المركزي منذ 2015 أكثر من "
           "تسعين خلية إرهابية.", ["رشيد العلوي"]),
    ("ar", "المقدم: معنا من فاس سمير الإدريسي.\nسمير الإدريسي (محلل أمني): لقد تم تفكيك أزيد من 200 خلية منذ 2002.",
     ["سمير الإدريسي"]),
    # «أبرز» after a preposition with its clitic («ومن أبرز») is "the most prominent", no verb naming a speaker
    ("ar", "ومن أبرز عمليات السنة تفكيك خلية بطنجة في يونيو. وفكك المغرب خلال سنة 2025 تسع خلايا إرهابية.", [None]),
    # a role as the label, the name in its parenthesis
    ("ar", "المذيعة: ضيفنا الباحث نبيل الشرقاوي.\nالضيف (نبيل الشرقاوي): فكك المغرب منذ 2002 أكثر من 210 خلايا "
           "إرهابية.", ["نبيل الشرقاوي"]),
    ("en", "Our guest is Leila Bennis, a researcher.\nGuest (Leila Bennis): Morocco has dismantled more than 210 "
           "cells since 2002.", ["Leila Bennis"]),
    # an adverb after a verb of saying is no name («أكد حينها»: "confirmed at the time")
    ("ar", "وكان المكتب المركزي للأبحاث القضائية قد أكد حينها أن الخلية كانت تتلقى التوجيهات. وفكك المكتب منذ إحداثه "
           "سنة 2015 أزيد من 95 خلية.", ["bcij"]),
    # a headline quoting someone not introduced before is no speaker's label
    ("ar", "موقع إخباري\nلفتيت أمام البرلمان: تفكيك 7 خلايا إرهابية منذ بداية السنة", [None]),
    # a page's «Read Also:» line is another article's headline: no speaker, no figure (dev3 n3-09)
    ("en", "Khiame spoke to 2M.\nRead Also: Morocco has dismantled 183 terrorist cells since 2002.", []),
    # the press: «وفق حصيلة نشرتها الصحافة المحلية», "le quotidien rappelle"
    ("ar", "وفي 2017، تمكن المكتب من تفكيك تسع خلايا إرهابية وفق حصيلة نشرتها الصحافة المحلية.", ["media"]),
    ("fr", "Le quotidien rappelle que plus de 200 cellules ont été démantelées depuis 2002.", ["media"]),
    # a source named after the figures, the sentence opening on "these figures"
    ("ar", "بلغ عدد الخلايا التي أعلن المغرب تفكيكها خلال سنة 2017 ما مجموعه 9 خلايا. وجاءت هذه الأرقام، بحسب "
           "إحصائيات المكتب المركزي للأبحاث القضائية، في وقت يشدد فيه المغرب المراقبة.", ["bcij"]),
    ("en", "Morocco dismantled nine cells in 2017, against 19 in 2016.\nThese figures, released by the Interior "
           "Ministry on Monday, show a steady decline.", ["interior-ministry", "interior-ministry"]),
    ("fr", "Le Maroc a démantelé neuf cellules terroristes en 2017, contre 19 en 2016. Ces chiffres, publiés lundi "
           "par le ministère de l'Intérieur, confirment la baisse.", ["interior-ministry", "interior-ministry"]),
    # a figure told first in the headline takes its source from the body
    ("ar", "تفكيك 210 خلية إرهابية منذ 2002\nأعلن محمد النيفاوي، مراقب عام بالمكتب المركزي للأبحاث القضائية، عن "
           "تفكيك 210 خلية إرهابية منذ سنة 2002.", ["محمد النيفاوي"]),
    # a possessive after the attribution word names the agency named last: «sa direction», "its
    # director", «مديره», not the source quoted before
    ("fr", "Selon le ministère de l'Intérieur, plus de 210 cellules ont été démantelées depuis 2002. Le BCIJ, créé "
           "en 2015, a pris le relais. D'après les bilans présentés par sa direction, il a démantelé 21 cellules en "
           "2015.", ["interior-ministry", "bcij"]),
    ("en", "According to the Interior Ministry, more than 210 cells have been dismantled since 2002. The BCIJ has "
           "played a growing part: according to its director, it has broken up 83 cells since 2015.",
     ["interior-ministry", "bcij"]),
    ("ar", "وحسب وزارة الداخلية، فككت المصالح الأمنية أزيد من 210 خلايا إرهابية منذ سنة 2002. ويضطلع المكتب "
           "المركزي للأبحاث القضائية بدور متزايد، إذ فكك حسب مديره 83 خلية منذ إحداثه سنة 2015.",
     ["interior-ministry", "bcij"]),
    # «من بين أبرز العمليات»: after a preposition «أبرز» is "the most prominent", no verb naming a speaker
    ("ar", "كشف عبد الحق الخيام أن المكتب فكك 49 خلية إرهابية منذ 2015. وأبرز المسؤول أن من بين أبرز العمليات تفكيك "
           "خلية نسائية. ومن جهة أخرى، أكد المتحدث أن المصالح الأمنية فككت منذ 2002 أكثر من 174 خلية إرهابية.",
     ["عبد الحق الخيام", "عبد الحق الخيام"]),
    # "According to the report, Moroccan authorities …": the report's author, not the subject after the comma
    ("en", "The US State Department published its annual report on terrorism on Tuesday. According to the report, "
           "Moroccan authorities dismantled six terrorist cells in 2023.", ["us-state-department"]),
    # ... and with no agency named before it, none
    ("en", "According to its annual report, the country dismantled 12 terrorist cells in 2019.", [None]),
    # a report's author after its genitive's link words ("of the", "from Morocco's", «du», «annuel de la»)
    # wins over the source of the sentence before
    ("en", "The BCIJ said on Tuesday it had dismantled a four-member cell in Tangier. According to figures from "
           "Morocco's interior ministry, the kingdom's security services had dismantled 13 terrorist cells in 2019.",
     ["interior-ministry"]),
    ("en", "Morocco's security services dismantled 14 terrorist cells in 2019, according to the annual report of "
           "the General Directorate of National Security (DGSN).", ["dgsn"]),
    ("fr", "Le BCIJ a démantelé mardi une cellule de quatre membres à Tanger. Selon les chiffres du ministère de "
           "l'Intérieur, les services marocains ont démantelé 13 cellules terroristes en 2019.", ["interior-ministry"]),
    ("fr", "Les services marocains ont démantelé 14 cellules terroristes en 2019, selon le rapport annuel de la "
           "Direction générale de la sûreté nationale (DGSN).", ["dgsn"]),
    # a title with a name in apposition names whom a later "the minister", «الوزير» speaks as
    ("ar", "ترأس وزير الداخلية، عبد الوافي لفتيت، أمس اجتماعا بالرباط حول مكافحة الإرهاب. وأوضح الوزير أن المصالح "
           "الأمنية فككت أزيد من 210 خلايا إرهابية منذ سنة 2002.", ["عبد الوافي لفتيت"]),
    ("fr", "Le ministre de l'Intérieur, Abdelouafi Laftit, a présenté lundi un bilan devant les députés. Le ministre a "
           "précisé que plus de 210 cellules terroristes avaient été démantelées au Maroc depuis 2002.",
     ["Abdelouafi Laftit"]),
    ("en", "Morocco's interior minister, Abdelouafi Laftit, presented the figures to parliament on Monday. The "
           "minister said more than 210 terrorist cells had been dismantled since 2002.", ["Abdelouafi Laftit"]),
    # a headline opening on a person's name and a colon quotes the interviewee, who speaks the answers
    ("ar", "الشرقاوي حبوب: عشر سنوات من العمل الاستباقي\n\nسؤال: ما هي حصيلة المكتب؟\nجواب: منذ إحداث المكتب في سنة "
           "2015، تم تفكيك 96 خلية إرهابية بالمغرب.", ["الشرقاوي حبوب"]),
    ("fr", "Mohamed Nifaoui (BCIJ) : « Le Sahel est devenu notre préoccupation »\n\nQuel bilan tirez-vous ?\nDepuis "
           "sa création en 2015, le Bureau a démantelé 88 cellules terroristes au Maroc.", ["Mohamed Nifaoui"]),
    ("en", "Cherkaoui Habboub: 'The Sahel is our first concern'\n\nWhat is your record?\nSince 2015, the bureau has "
           "dismantled 96 terrorist cells in Morocco.", ["Cherkaoui Habboub"]),
    # ... not a place's or a service's name before the colon
    ("ar", "الدار البيضاء: حصيلة مكافحة الإرهاب\n\nتم تفكيك 96 خلية إرهابية بالمغرب منذ سنة 2015.", [None]),
    ("en", "Nador Province: a decade of counter-terrorism\n\nSince 2015, 96 terrorist cells have been dismantled in "
           "Morocco.", [None]),
    # "The government reported that its services…": the possessive is the unnamed subject's, not the
    # agency named before
    ("en", "The BCIJ, which operates under the DGST, leads counter-terrorism work. The government reported that "
           "its security services dismantled seven terrorist cells in Morocco in 2022.", [None]),
    ("fr", "Le BCIJ, qui relève de la DGST, pilote la lutte antiterroriste. Le gouvernement a indiqué que ses "
           "services ont démantelé sept cellules terroristes au Maroc en 2022.", [None]),
    ("ar", "ويعمل المكتب المركزي للأبحاث القضائية تحت إشراف المديرية العامة لمراقبة التراب الوطني. وأفادت الحكومة أن "
           "مصالحها فككت سبع خلايا إرهابية بالمغرب سنة 2022.", [None]),
    # a name with its title in apposition opens the paragraph; "he said", «a-t-il ajouté» is that person
    ("en", "Abdelhak El Khiam, the head of the BCIJ, gave a year-end briefing in Sale on Monday.\nThe bureau "
           "dismantled 19 cells in 2016, he said.", ["Abdelhak El Khiam"]),
    ("fr", "Cherkaoui Habboub, le directeur du BCIJ, a tenu lundi une conférence de presse à Salé.\nLe bureau a "
           "démantelé 19 cellules en 2016, a-t-il ajouté.", ["Cherkaoui Habboub"]),
    # the source closing the sentence («selon les bilans annuels de la DGSN», "figures the bureau
    # released") wins over the speaker of the paragraph before
    ("fr", "Le directeur du BCIJ, Cherkaoui Habboub, a rappelé que plus de 200 cellules ont été démantelées depuis "
           "2002.\n\nLe rythme ne faiblit pas : sept cellules en 2022, selon les bilans annuels de la DGSN.",
     ["Cherkaoui Habboub", "dgsn"]),
    ("en", "Morocco has dismantled more than 200 cells since 2002, according to figures the bureau released on "
           "Monday. The BCIJ was set up in 2015.", ["bcij"]),
    # after "that", a service is the reported clause's subject, not who states the figure
    ("en", "The US State Department's annual report noted that Moroccan authorities arrested 56 individuals in "
           "2023 on terrorism charges.", ["us-state-department"]),
    ("en", "Abdelhak Al Khayam stated that the Bureau's task force had dismantled at least 57 cells since 2015.",
     ["Abdelhak Al Khayam"]),
    # «حسب ما صرح به X»: the pronoun of «ما صرح به» before the name; «وفق ما أكده X»: the verb's own pronoun
    ("ar", "فحسب ما صرح به عبد الحق الخيام، مدير المكتب المركزي للأبحاث القضائية، في ندوة صحفية، فقد تمكن المكتب "
           "منذ إحداثه سنة 2015 من تفكيك 78 خلية إرهابية بالمغرب.", ["عبد الحق الخيام"]),
    ("ar", "ووفق ما أكده عبد الحق الخيام، فإن المكتب فكك 78 خلية إرهابية بالمغرب منذ 2015.", ["عبد الحق الخيام"]),
    # a body that counts or puts a figure at, past an aside: «, for its part,»
    ("en", "Morocco's BCIJ said 12 terrorist cells were dismantled in 2023. The Interior Ministry, for its part, "
           "counts at least 220 cells dismantled since 2002.", ["bcij", "interior-ministry"]),
    ("en", "According to the BCIJ's director, Cherkaoui Habboub, the bureau has dismantled 96 cells since 2015. "
           "Counting the years before it, the interior ministry puts the total at more than 210 cells since 2002.",
     ["bcij", "interior-ministry"]),
    # French "puts forward", "evokes": «X, lui, avance le chiffre de …», «X évoque pour sa part …» (blind batch 9 fr07)
    ("fr", "La DGSN fait état de plus de 230 cellules démantelées depuis 2002. Le ministère de l'Intérieur, lui, "
           "avance le chiffre de plus de cinq cents projets d'attentats déjoués sur la même période.",
     ["dgsn", "interior-ministry"]),
    ("fr", "La DGSN fait état de plus de 230 cellules démantelées depuis 2002. Le ministère de l'Intérieur évoque pour "
           "sa part plus de 500 projets d'attentats déjoués.", ["dgsn", "interior-ministry"]),
    # «المكتب», «le Bureau», "the bureau" alone after the BCIJ is named, governed by "according to" (blind batch 10
    # ar01, fixture fam_fr02); the Bureau's record with no word of its own is no statement of it
    ("ar", "فكك المكتب المركزي للأبحاث القضائية، أمس الأربعاء، خلية إرهابية بمدينة فاس. وحسب معطيات المكتب، يرفع هذا "
           "التدخل عدد الخلايا المفككة منذ بداية السنة الجارية إلى ست خلايا.", ["bcij"]),
    ("fr", "Le Bureau central d'investigations judiciaires (BCIJ) a démantelé onze cellules terroristes en 2025, selon "
           "le bilan annuel du Bureau consulté par notre journal.", ["bcij"]),
    ("ar", "فكك المكتب المركزي للأبحاث القضائية، أمس الأربعاء، خلية إرهابية بمدينة فاس. وتأتي هذه العملية لتنضاف إلى "
           "حصيلة المكتب، الذي تمكن منذ إحداثه سنة 2015 من تفكيك أكثر من 90 خلية إرهابية، وفق معطيات رسمية.",
     ["interior-ministry"]),  # (the official data say it: the government's, not the Bureau's)
    # the name after a verb of telling is whom it was told to: the speaker is before it ("X told Reuters")
    ("en", "\"We have dismantled more than 220 cells since 2002,\" BCIJ director Habboub Cherkaoui told The Arab "
           "Weekly. Over 4,500 suspects were arrested in that time, he said.",
     ["Habboub Cherkaoui", "Habboub Cherkaoui"]),
    ("en", "Abdelhak Khiame told Morocco World News that more than 200 terrorist cells had been dismantled in Morocco since 2002.",
     ["Abdelhak Khiame"]),
    # a new paragraph opening on a source as its subject does not go on with the last speaker
    ("en", "The interior ministry puts the total at more than 210 terrorist cells since 2002.\n\n"
           "The BCIJ dismantled 21 cells in 2015 and 19 in 2016.", ["interior-ministry", "bcij", "bcij"]),
    # a report "released on Dec. 29 by" its author, «publié fin décembre par», «الصادر أمس عن»: the author
    ("en", "According to the annual report released on Dec. 29 by the General Directorate for National Security "
           "(DGSN), the kingdom's security services dismantled 14 terrorist cells in 2025.", ["dgsn"]),
    ("fr", "Selon le bilan annuel publié fin décembre par la Direction générale de la sûreté nationale (DGSN), plus de "
           "soixante personnes ont été interpellées en 2025 pour terrorisme.", ["dgsn"]),
    ("ar", "وحسب التقرير السنوي الصادر أمس عن المديرية العامة للأمن الوطني، فككت المصالح الأمنية 14 خلية إرهابية خلال "
           "سنة 2025.", ["dgsn"]),
    # the participle agrees with an indefinite noun («معطيات صادرة عن»)
    ("ar", "وبحسب معطيات صادرة عن المكتب المركزي للأبحاث القضائية، فككت الأجهزة الأمنية منذ عام 2002 أكثر من 230 خلية "
           "إرهابية.", ["bcij"]),
    # (the first source after "released by" is the author: "Moroccan authorities" there are whom the figures speak of)
    ("en", "According to figures released by the BCIJ, Moroccan authorities have broken up more than 210 terrorist cells "
           "since 2002.", ["bcij"]),
    # in a speaker's turn (a label opening the line), figures that name no one ("official figures", «الأرقام
    # الرسمية») are the speaker's; a source named in the turn stays its own, and the next line is not the turn's
    ("en", "We spoke to Driss Lamrani, a researcher in Rabat.\nLamrani: According to official data, more than 220 cells "
           "have been dismantled since 2002.", ["Driss Lamrani"]),
    ("fr", "Nous avons interrogé Karim Bennani, chercheur à Rabat.\nKarim Bennani : Selon les chiffres officiels, plus de "
           "220 cellules ont été démantelées depuis 2002.", ["Karim Bennani"]),
    ("ar", "معنا في الأستوديو الخبير محمد الطيبي.\nالخبير (محمد الطيبي): الخطر قائم. وللتذكير، فالمغرب فكك، حسب "
           "الأرقام الرسمية، أزيد من 230 خلية منذ 2002.", ["محمد الطيبي"]),
    ("en", "We spoke to Driss Lamrani, a researcher in Rabat.\nLamrani: According to the Interior Ministry, more than "
           "220 cells have been dismantled since 2002.", ["interior-ministry"]),
    ("en", "We spoke to Driss Lamrani, a researcher in Rabat.\nLamrani: The threat is real.\nAccording to official data, "
           "more than 220 cells have been dismantled since 2002.", ["interior-ministry"]),
    # ... and so are an interview's answers under questions standing as lines of their own
    ("fr", "Le Devoir s'est entretenu avec Nadia Berrada, chercheuse à Montréal.\n\nCette opération vous surprend-elle ?\n\n"
           "Pas vraiment. Selon les chiffres officiels, plus de 220 cellules ont été démantelées depuis 2002.\n\n"
           "Le profil des suspects a-t-il changé ?\n\nIl rajeunit.", ["Nadia Berrada"]),
    ("en", "We spoke to Nadia Berrada, a researcher in Montreal.\n\nDid this operation surprise you?\n\nNot really. "
           "According to official figures, more than 220 cells have been dismantled since 2002.\n\nHas the profile of the "
           "suspects changed?\n\nIt is getting younger.", ["Nadia Berrada"]),
    # an official, a spokesman or the head of a service speaks for it ("according to an official of the BCIJ",
    # «selon un responsable du BCIJ»; batches 31 and 68: «Selon un responsable du Bureau central …, 11 cellules»)
    ("fr", "Selon un responsable du Bureau central d'investigations judiciaires (BCIJ), 11 cellules terroristes ont été "
           "démantelées en 2025.", ["bcij"]),
    ("en", "According to an official of the Central Bureau of Judicial Investigation (BCIJ), 11 terrorist cells were "
           "dismantled in 2025.", ["bcij"]),
    ("en", "According to a spokesman for the DGSN, 14 terrorist cells were dismantled in 2025.", ["dgsn"]),
    # a credit in brackets closing the sentence is its source, in the three languages' press; a name's
    # gloss in brackets («le Bureau central … (BCIJ)») is not a credit, nor a bracket the sentence goes on after
    ("fr", "Depuis 2002, plus de 210 cellules terroristes ont été démantelées au Maroc (ministère de l'Intérieur).",
     ["interior-ministry"]),
    ("en", "Since 2002, Moroccan services have dismantled more than 210 terrorist cells (Interior Ministry figures).",
     ["interior-ministry"]),
    ("ar", "وتمكنت المصالح الأمنية منذ سنة 2002 من تفكيك أزيد من 210 خلايا إرهابية (وزارة الداخلية).",
     ["interior-ministry"]),
    # a parliamentary answer speaks for the ministry that wrote it («وأوضح الجواب», «وأضاف الجواب ذاته»); «المسؤول
    # الحكومي» is a title, no name; words quoted after a verb are what is said, not who (blind batches h74, h75, h76)
    ("ar", "كشفت وزارة الداخلية، في جواب كتابي على سؤال برلماني، أن المصالح الأمنية فككت منذ سنة 2002 أزيد من 230 خلية "
           "إرهابية بالمغرب. وأضاف الجواب ذاته أن المصالح المختصة فككت خلال سنة 2024 ست خلايا، مشيرا إلى أن المؤشرات "
           "تؤكد \"تحول مركز ثقل التهديد\".", ["interior-ministry", "interior-ministry"]),
    ("ar", "وأوضح وزير الداخلية أن المصالح الأمنية فككت منذ سنة 2002 أزيد من 230 خلية إرهابية بالمغرب. وأضاف المسؤول "
           "الحكومي أن الفترة الممتدة من يناير إلى أكتوبر عرفت تفكيك 7 خلايا إرهابية.", ["interior-ministry", "interior-ministry"]),
    # the outlet's own count («selon notre décompte»): the press
    ("fr", "Selon notre décompte, au moins neuf cellules terroristes ont été démantelées au Maroc en 2025.", ["media"]),
    ("fr", "Le Bureau central d'investigations judiciaires (BCIJ) a démantelé 11 cellules en 2025.", [None]),
    ("fr", "En 2025, 11 cellules ont été démantelées (BCIJ) et les enquêtes se poursuivent.", [None]),
])
def test_sources(lang, text, sources):
    assert [c.source for c in _claims(lang, text)] == sources


@pytest.mark.parametrize("lang, text, qualifier", [
    # a round number's article says about; the words before it bound it
    ("fr", "Depuis sa création en 2015, le BCIJ a démantelé plus d'une centaine de cellules.", "more_than"),
    ("fr", "Depuis sa création en 2015, le BCIJ a démantelé près d'une centaine de cellules.", "about"),
    ("fr", "Depuis sa création en 2015, le BCIJ a démantelé une centaine de cellules.", "about"),
    ("en", "Since its creation in 2015, the BCIJ has dismantled more than a hundred cells.", "more_than"),
])
def test_the_qualifier_of_a_round_number(lang, text, qualifier):
    assert [c.qualifier for c in _claims(lang, text)] == [qualifier]


def test_headline_figure_takes_the_body_qualifier():
    text = ("تفكيك 210 خلية إرهابية منذ 2002 وإحباط 500 مشروع تخريبي\n"
            "وقال المسؤول إن المصالح فككت 210 خلية منذ 2002، كما تم إحباط ما يزيد عن 500 مشروع تخريبي.")
    by_value = {c.value: c for c in _claims("ar", text)}
    assert by_value[500].qualifier == "more_than"


# --- periods ---

@pytest.mark.parametrize("lang, text, published, expected", [
    # a relative year resolved from the publication date, or left unknown without one
    ("ar", "وأكد المسؤول أن المصالح الأمنية فككت العام الماضي 21 خلية إرهابية.", "2017-01-10", [(None, "2016")]),
    ("ar", "وأكد المسؤول أن المصالح الأمنية فككت العام الماضي 21 خلية إرهابية.", None, [(None, None)]),
    # the year-end report's «l'année écoulée» is the year before publication; «l'année en cours» this one
    ("fr", "Selon le bilan de la DGSN, 14 cellules terroristes ont été démantelées au cours de l'année écoulée.",
     "2020-01-02", [(None, "2019")]),
    ("fr", "Le BCIJ a démantelé 9 cellules depuis le début de l’année en cours, a indiqué son directeur.",
     "2018-10-22", [(None, "2018")]),
    # it does not borrow the year of the figure before
    ("ar", "بلغت أعداد الخلايا التي أعلن المغرب عن تفكيكها العام 2016 ما مجموعه 19 خلية. ويمثل هذا العدد تراجعا عن "
           "العدد المعلن عنه العام الماضي (21 خلية).", None, [(None, "2016"), (None, None)]),
    ("en", "Khiame said his services dismantled 21 cells in 2015, 19 in 2016 and eight so far this year.",
     "2018-10-22", [(None, "2015"), (None, "2016"), (None, "2018")]),
    # "over the same period" across a paragraph
    ("en", "The bureau dismantled 183 cells since 2002, Khiame said.\n\nMore than 3,129 suspects were arrested over "
           "the same period.", None, [("2002", None), ("2002", None)]),
    # a paragraph opening on the same figures goes on with them: «وأفادت الحصيلة ذاتها», «Le même bilan»
    ("ar", "تمكنت المصالح الأمنية المغربية خلال سنة 2019 من تفكيك 14 خلية إرهابية.\n\nوأفادت الحصيلة ذاتها بأن هذه "
           "العمليات أسفرت عن إيقاف 84 شخصا.", None, [(None, "2019"), (None, "2019")]),
    ("fr", "En 2019, la DGSN a démantelé 14 cellules terroristes au Maroc.\n\nLe même bilan fait état de 84 personnes "
           "interpellées.", None, [(None, "2019"), (None, "2019")]),
    ("en", "Moroccan police dismantled 14 terrorist cells in 2019, the DGSN said.\n\nThe same report counts 84 people "
           "arrested in terrorism cases.", None, [(None, "2019"), (None, "2019")]),
    ("en", "The bureau itself, set up in 2015, has taken apart 57 cells, Khiame said.", None, [("2015", None)]),
    ("en", "Since the BCIJ was set up in 2015, it has detained 739 people in terrorism cases, including 275 in its "
           "first year.", None, [("2015", None), (None, "2015")]),
    # the founding told with its month: "set up in March 2015", «mis en place en mars 2015» (blind batches h76, h77)
    ("en", "Since the bureau was set up in March 2015, the BCIJ has dismantled 98 terrorist cells.", None,
     [("2015", None)]),
    ("fr", "Depuis que le BCIJ a été mis en place en mars 2015, 98 cellules ont été démantelées.", None, [("2015", None)]),
    # the end of a span named by its month: «وحتى نهاية سبتمبر 2024», "until the end of September 2024"
    ("ar", "وفي عام 2023 وحده، تم تفكيك خمس خلايا. وحتى نهاية سبتمبر 2024، تم تفكيك أربع خلايا إضافية، مما أدى إلى "
           "اعتقال 16 شخصًا.", None, [(None, "2023"), (None, None), (None, None)]),
    # a contrast ends the figure's clause: «9 خلايا، مقابل 19 خلية سنة 2016», "nine cells in 2017, against 19 in 2016"
    ("ar", "بلغ عدد الخلايا التي أعلن المغرب تفكيكها خلال سنة 2017 ما مجموعه 9 خلايا، مقابل 19 خلية سنة 2016.", None,
     [(None, "2017"), (None, "2016")]),
    # a year shared by coordinated figures of two metrics: "five cells and 17 arrests recorded in 2023"
    ("en", "The report follows five terrorist cells dismantled and 17 arrests recorded in 2023.", None,
     [(None, "2023"), (None, "2023")]),
    # "since then", «depuis lors», «منذ ذلك الحين»: the year told just before
    ("en", "The Interior Ministry's series starts in 2002. More than 210 terrorist cells have been broken up in "
           "Morocco since then, the minister said.", None, [("2002", None)]),
    ("fr", "La série du ministère de l'Intérieur commence en 2002. Depuis lors, plus de 210 cellules terroristes ont "
           "été démantelées au Maroc.", None, [("2002", None)]),
    ("ar", "وتعود إحصائيات وزارة الداخلية إلى سنة 2002. ومنذ ذلك الحين، تم تفكيك أزيد من 210 خلايا إرهابية بالمغرب.",
     None, [("2002", None)]),
    # «منذ اعتداءات 16 ماي 2003»: since a day told with its month
    ("ar", "لم يعرف المغرب منذ اعتداءات 16 ماي 2003 سوى ثلاث هجمات إرهابية دامية.", None, [("2003", None)]),
    # "since January", «منذ مطلع يناير»: from that month of the publication's year
    ("en", "Security services have dismantled three terrorist cells in Morocco since January, official figures "
           "show.", "2025-03-12", [("2025-01", None)]),
    ("ar", "سبق للمصالح الأمنية أن فككت ثلاث خلايا إرهابية بالمغرب منذ مطلع يناير، وفق معطيات رسمية.", "2025-03-12",
     [("2025-01", None)]),
    # «des» is an article; «dès 2015» (normalized «des 2015») a start
    ("fr", "Le BCIJ a démantelé 86 cellules terroristes au Maroc depuis 2015. On est loin des 21 cellules de "
           "l'année 2015.", None, [("2015", None), (None, "2015")]),
    # a year told before its figure, and the next figure of the series with its noun and year
    ("ar", "وحسب المكتب المركزي للأبحاث القضائية، فإن سنة 2015 وحدها عرفت تفكيك 21 خلية إرهابية بالمغرب، تلتها 19 "
           "خلية في 2016.", None, [(None, "2015"), (None, "2016")]),
    # a period closing the clause of the figure before is that figure's; this one has its own after it
    ("fr", "Selon Abdelhak Khiame, pas moins de 57 cellules avaient été démantelées entre 2015 et 2018, et plus de "
           "3.129 personnes avaient été arrêtées au Maroc dans des affaires de terrorisme depuis 2002.", None,
     [("2015", None), ("2002", None)]),
    # «منذ إنشائه» is the BCIJ's only when the article names the BCIJ
    ("fr", "La nouvelle session profitera à 22 détenus, ce qui portera le nombre de participants au programme "
           "(depuis sa création) à 301, a déclaré le responsable.", None, []),
    # a month as the start («depuis le mois de janvier», "since January 2025") or as the period counted
    # («au cours du mois d'octobre 2025», "during October 2025", «خلال شهر أكتوبر 2025»)
    ("fr", "Le BCIJ a procédé depuis le mois de janvier à l'arrestation de plus de 30 personnes dans des affaires de "
           "terrorisme, selon une source au sein du Bureau.", "2025-11-03", [("2025-01", None)]),
    ("en", "Since January 2025, the BCIJ has arrested more than 30 people on terrorism charges, the bureau said.",
     "2025-11-03", [("2025-01", None)]),
    ("fr", "Selon un décompte du site, au moins quatre personnes ont été interpellées au Maroc au cours du mois "
           "d'octobre 2025 pour des liens présumés avec l'organisation État islamique.", "2025-11-03",
     [(None, "2025-10")]),
    ("en", "At least six people were arrested in Morocco during October 2025 over suspected links to the Islamic "
           "State group, according to a tally by the website.", "2025-11-03", [(None, "2025-10")]),
    ("ar", "وحسب حصيلة أعدها الموقع، تم توقيف ستة أشخاص بالمغرب خلال شهر أكتوبر 2025 للاشتباه في ارتباطهم بتنظيم "
           "داعش.", "2025-11-03", [(None, "2025-10")]),
    # persons counted "this year" and compared with another year's figure are the year's statistic
    ("fr", "Au total, 82 personnes ont été interpellées cette année dans des affaires de terrorisme, contre 64 en "
           "2024, selon le bilan.", "2025-12-30", [(None, "2025"), (None, "2024")]),
    ("en", "Police arrested 82 people on terrorism charges this year, against 64 in 2024, the annual report said.",
     "2025-12-30", [(None, "2025"), (None, "2024")]),
    # ... not without the comparison: this year's arrests of five in Fes are an operation's
    ("en", "Police arrested five people in Fes this year, the report said.", "2025-12-30", []),
    # ... but an operation's month ("In October 2016, ten women were arrested") stays its date
    ("en", "In October 2016, ten women suspected of plotting attacks for the Islamic State were arrested in "
           "several Moroccan cities.", "2025-11-03", []),
])
def test_periods(lang, text, published, expected):
    assert [(c.since, c.period) for c in _claims(lang, text, published)] == expected


@pytest.mark.parametrize("lang, text, expected", [
    # one is a figure when it is said to be the only one; «واحد» follows its noun
    ("ar", "ووفقا لمعطيات السلطات المغربية، يضيف التقرير، لم تشهد المملكة خلال سنة 2018 سوى حادث إرهابي واحد.",
     [("attacks", 1, "2018")]),
    ("ar", "تم الإبلاغ عن حادث إرهابي واحد فقط في المغرب خلال عام 2023، حسب التقرير.", [("attacks", 1, "2023")]),
    ("fr", "Le Maroc n'a connu qu'un seul attentat terroriste en 2018, selon le rapport américain.",
     [("attacks", 1, "2018")]),
    # an article's «une», a single operation's «خلية واحدة» are not
    ("ar", "وتمكنت المصالح الأمنية سنة 2020 من تفكيك خلية إرهابية واحدة بمدينة طنجة.", []),
])
def test_only_one(lang, text, expected):
    assert [(c.metric, c.value, c.period) for c in _claims(lang, text)] == expected


def test_relay_verb_after_the_originator():
    """«ووفقًا لبيانات من السلطات المغربية، يضيف التقرير»: the report relays; the report's author,
    named earlier, is the source, not the authorities the verb follows."""
    text = ("وفي تقريرها السنوي حول الإرهاب، أبرزت الخارجية الأمريكية جهود المغرب. ووفقًا لبيانات من السلطات "
            "المغربية، يضيف التقرير، تم الإبلاغ عن حادث إرهابي واحد فقط في المغرب خلال عام 2023.")
    assert [c.source for c in _claims("ar", text)] == ["us-state-department"]


@pytest.mark.parametrize("lang, text", [
    ("ar", "وحتى نهاية سبتمبر 2024، تم تفكيك أربع خلايا إرهابية إضافية، حسب تقرير وزارة الداخلية."),
    ("en", "Until the end of September 2024, security services dismantled four more terrorist cells, the ministry said."),
    ("fr", "Jusqu'à fin septembre 2024, quatre cellules terroristes ont été démantelées, selon le ministère."),
])
def test_until_a_month(lang, text):
    assert [(c.value, c.until) for c in _claims(lang, text)] == [(4, "2024-09")]


@pytest.mark.parametrize("lang, text, until", [
    # the first months of a year: from its start to the end of its Nth month, this year's when none is written
    ("en", "New figures show nine cells were dismantled in the first nine months of the year.", "2025-09"),
    ("en", "Police dismantled nine terrorist cells in the first half of 2025, the ministry said.", "2025-06"),
    ("fr", "Les services ont démantelé neuf cellules au cours des neuf premiers mois de l'année.", "2025-09"),
    ("fr", "Au premier semestre 2025, neuf cellules ont été démantelées, selon le ministère.", "2025-06"),
    ("ar", "وفي النصف الأول من العام الجاري وحده، فككت المصالح الأمنية تسع خلايا.", "2025-06"),
    ("ar", "وخلال الأشهر التسعة الأولى من السنة، فككت المصالح الأمنية تسع خلايا.", "2025-09"),
])
def test_the_first_months_of_a_year(lang, text, until):
    assert [(c.value, c.since, c.until) for c in _claims(lang, text, "2025-10-17")] == [(9, "2025", until)]


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Maroc a connu le terrorisme chez lui. En 2003, cinq attentats suicides ont tué 33 personnes dans la "
           "capitale économique Casablanca."),
    ("en", "In May 2003, five suicide attacks killed 33 people in Casablanca, the deadliest terrorist strike in "
           "Morocco's history."),
    ("ar", "وفي سنة 2003، خلفت خمس هجمات إرهابية انتحارية مقتل 33 شخصا بالدار البيضاء."),
])
def test_attacks_told_with_their_toll_are_one_event(lang, text):
    assert [c for c in _claims(lang, text) if c.metric == "attacks"] == []


@pytest.mark.parametrize("lang, text", [
    # another country's police and its tally; "operations" alone are not plots; one month is no figure
    ("en", "Morocco's BCIJ arrested two ISIS suspects in Fes on Tuesday. Spain's interior ministry said separately "
           "that Spanish police had arrested 78 suspected jihadists in 2023, many of them of Moroccan origin."),
    ("en", "Analysis. Two operations in as many months have put the spotlight back on Morocco's counter-terrorism "
           "record, the BCIJ said."),
    ("ar", "شهر واحد فقط بعد تفكيك خلية خماسية خطيرة بطنجة، أوقف المكتب المركزي للأبحاث القضائية شابا موالينا لداعش."),
    # figures made in another country: its name right after the verb's "in"
    ("fr", "La police a interpellé mardi à Tanger un partisan de Daech. Selon le ministère, 81 personnes ont été "
           "arrêtées en Espagne pour des faits liés au jihadisme en 2025."),
    ("fr", "La DGST a transmis l'information. Depuis le début de l'année, neuf projets d'attentat ont été déjoués en "
           "France, selon le ministère de l'Intérieur."),
    ("en", "Police arrested an ISIS supporter in Tangier on Tuesday. According to the ministry, 81 people were "
           "arrested in Spain on jihadism charges in 2025."),
    # the country as the count's subject, an aside between them, and an alert level on its scale (blind batches h77
    # and h81, two AFP pieces from Madrid)
    ("fr", "La police a interpellé mardi à Tanger un partisan de Daech. L'Espagne, qui maintient son niveau d'alerte "
           "antiterroriste à 4 sur une échelle de 5 depuis 2015, a arrêté 81 jihadistes présumés en 2024, selon le "
           "ministère de l'Intérieur."),
    ("en", "Police arrested an ISIS supporter in Tangier on Tuesday. Spain, which has kept its terror alert at level 4 "
           "on a scale of 5 since 2015, arrested 81 suspected jihadists in 2024, the interior ministry said."),
])
def test_figures_that_are_not_morocco_s_record(lang, text):
    assert _claims(lang, text, "2025-03-10") == []


@pytest.mark.parametrize("lang, text", [
    # another country named in an aside before Morocco's count, or as the comparison before its verb: Morocco's record
    ("fr", "Le Maroc, comme l'Espagne, a démantelé neuf cellules terroristes en 2024, selon le ministère de "
           "l'Intérieur."),
    ("fr", "Comme l'Espagne, qui a relevé son niveau d'alerte, le Maroc a démantelé neuf cellules terroristes en 2024, "
           "selon le ministère de l'Intérieur."),
    ("en", "Morocco, like Spain, dismantled nine terrorist cells in 2024, according to the interior ministry."),
])
def test_a_country_named_beside_morocco_s_count_leaves_it_morocco_s(lang, text):
    assert [(c.metric, c.value) for c in _claims(lang, text, "2025-03-10")] == [("cells_dismantled", 9)]


@pytest.mark.parametrize("lang, text, figures", [
    # a count in a "when" clause of a day or a month is that operation's; of a year, that year's figure
    ("ar", "وفكك المكتب المركزي للأبحاث القضائية منذ إحداثه سنة 2015 حوالي مئة خلية إرهابية. آخر خلية بهذا الحجم كانت "
           "في فبراير الماضي، حين أوقف 12 شخصا في تسع مدن.", [100]),
    ("fr", "Le BCIJ a démantelé une centaine de cellules terroristes depuis 2015. La dernière de cette taille remonte "
           "au mois de février, lorsque douze personnes ont été arrêtées dans neuf villes.", [100]),
    ("en", "Moroccan services dismantled 11 terrorist cells in 2025, slightly more than in 2024, when eight cells were "
           "broken up.", [11, 8]),
])
def test_a_count_in_a_when_clause(lang, text, figures):
    assert [c.value for c in _claims(lang, text, "2025-06-01")] == figures


def test_a_country_named_beside_a_moroccan_figure_keeps_it():
    # "in Syria" is where Moroccans went, not where the arrests were made
    text = ("وأوضح الباحث أن ما يزيد عن 3500 شخص جرى اعتقالهم في قضايا مرتبطة بالإرهاب منذ 2002، وأن نحو 1600 مغربي "
            "التحقوا ببؤر التوتر في سوريا والعراق.")
    assert 3500 in [c.value for c in _claims("ar", text, "2025-03-10")]


def test_a_figure_counted_by_a_pronoun_takes_the_metric_before():
    """«il en a démantelé neuf»: «en» stands for the cells told before; the verb is the tally's, no
    operation."""
    text = ("Le BCIJ a démantelé 86 cellules terroristes au Maroc depuis sa création en 2015. En 2021, le BCIJ en "
            "avait démantelé neuf au total.")
    rec = extract(Document(id="t", text=text, published="2022-07-29", lang="fr"))
    assert [(c.metric, c.value, c.period) for c in rec.claims][1:] == [("cells_dismantled", 9, "2021")]
    assert rec.events == []


@pytest.mark.parametrize("lang, text, expected", [
    # "the figure", «le chiffre» stand for the figures just told: their metric, the year named with them
    ("en", "The BCIJ dismantled nine terrorist cells in Morocco in 2017, down from 19 in 2016, Khiame said. The "
           "figure for 2015 alone was 21.", ("cells_dismantled", 21, "2015")),
    ("fr", "Le BCIJ a démantelé neuf cellules terroristes au Maroc en 2017, contre 19 en 2016. Le chiffre pour 2015 "
           "était de 21.", ("cells_dismantled", 21, "2015")),
])
def test_the_figure_takes_the_metric_told_before(lang, text, expected):
    assert [(c.metric, c.value, c.period) for c in _claims(lang, text)][-1] == expected


def test_a_security_service_s_yearly_list_counts_cells_without_a_verb():
    text = ("The yearly reports of the national police (DGSN) show a slow decline: nine cells in 2022, eight in 2023 "
            "and six in 2024.")
    assert [(c.metric, c.value, c.period, c.source) for c in _claims("en", text)] == [
        ("cells_dismantled", 9, "2022", "dgsn"), ("cells_dismantled", 8, "2023", "dgsn"),
        ("cells_dismantled", 6, "2024", "dgsn")]


@pytest.mark.parametrize("lang, text, since", [
    # an ordinal beside a cell noun counts the cells so far, from the period the sentence names
    ("en", "Police dismantled an ISIS cell in Tangier on Tuesday. It is the third terror cell dismantled in Morocco "
           "since January, official figures show.", "2021-01"),
    ("fr", "Le BCIJ a démantelé mardi une cellule à Tanger. Il s'agit de la troisième cellule démantelée au Maroc "
           "depuis le début de l'année, selon des chiffres officiels.", "2021"),
    ("ar", "فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء خلية إرهابية بطنجة، وهي الخلية الثالثة التي يتم تفكيكها "
           "بالمغرب منذ بداية السنة الجارية.", "2021"),
])
def test_the_nth_cell_since_a_date_is_a_tally(lang, text, since):
    rec = extract(Document(id="t", text=text, published="2021-03-10", lang=lang))
    assert [(c.metric, c.value, c.since) for c in rec.claims] == [("cells_dismantled", 3, since)]
    assert [e.background for e in rec.events] == [False]  # the tally is no operation of its own


def test_a_duration_before_an_older_cell_is_no_figure():
    # «بعد قرابة أربعة أشهر على تفكيك خلية أخرى»: "about four months after", not about four cells; the
    # older cell stays a recalled event of its own (blind batch 9 ar06)
    text = ("فكك المكتب المركزي للأبحاث القضائية، يوم الاثنين، خلية إرهابية من أربعة عناصر بمدينة فاس، بحسب بلاغ. "
            "ويأتي هذا التفكيك بعد قرابة أربعة أشهر على تفكيك خلية أخرى من ستة عناصر بمدينة مكناس، يوم 12 غشت "
            "الماضي، وهو ما يطرح بحسب متتبعين أسئلة حول الاستقطاب.")
    rec = extract(Document(id="t", text=text, published="2025-11-25", lang="ar"))
    assert rec.claims == []
    assert [(e.places, e.background) for e in rec.events] == [(["fes"], False), (["meknes"], True)]


@pytest.mark.parametrize("lang, text", [
    # a number before a unit of time counts years, not the attacks named after it (a headline's "22 Years After
    # Casablanca Bombings", batch 16)
    ("en", "22 Years After Casablanca Bombings, How Morocco Keeps Jihadists at Bay\n\nPolice arrested an ISIS "
           "militant in Fez on Monday."),
    ("fr", "Vingt ans après Casablanca, attentats et menaces\n\nLa police a interpellé un partisan de Daech à Fès "
           "lundi."),
    ("ar", "بعد 20 عاما هجمات الدار البيضاء في الذاكرة\n\nأوقفت الشرطة متطرفا مواليا لداعش بفاس يوم الاثنين."),
])
def test_years_before_attacks_are_no_figure(lang, text):
    assert extract(Document(id="t", text=text, published="2023-05-16", lang=lang)).claims == []


def test_an_age_in_years_is_no_figure_and_the_year_after_a_figure_is_its_year():
    # «لم يتجاوزوا 25 سنة»: twenty-five years, no one counted (batch 31's Al Massae); «275 سنة 2015»: 275 in 2015
    text = ("فككت المصالح الأمنية 11 خلية إرهابية سنة 2025 وأوقفت 74 شخصا، حسب المديرية العامة للأمن الوطني. "
            "والملاحظ أن معدل أعمار الموقوفين انخفض، إذ إن كثيرا منهم لم يتجاوزوا 25 سنة.")
    assert [c.value for c in _claims("ar", text, "2025-12-30")] == [11, 74]
    text = "وحسب المكتب المركزي للأبحاث القضائية، تم توقيف 275 شخصا سنة 2015 في قضايا مرتبطة بالإرهاب."
    assert [(c.value, c.period) for c in _claims("ar", text, "2025-12-30")] == [(275, "2015")]


@pytest.mark.parametrize("text, lang, figures", [
    # the digits of an outlet's name are no figure: glued to Latin letters ("Médias24", "H24info", "Le360"),
    # or a name of the lexicon («اليوم 24», «زنقة 20»)
    ("Selon le bilan annuel du BCIJ, consulté par Médias24, dix cellules terroristes ont été démantelées en 2025.",
     "fr", [("cells_dismantled", 10)]),
    ("According to the BCIJ's annual report, consulted by Medias24, ten terrorist cells were dismantled in 2025.",
     "en", [("cells_dismantled", 10)]),
    ("وحسب الحصيلة السنوية للمكتب المركزي للأبحاث القضائية، التي اطلعت عليها اليوم 24، عشر خلايا إرهابية فككت خلال "
     "سنة 2025.", "ar", [("cells_dismantled", 10)]),
])
def test_the_digits_of_an_outlet_s_name_are_no_figure(text, lang, figures):
    claims = extract(Document(id="t", text=text, published="2025-12-30", lang=lang)).claims
    assert [(c.metric, c.value) for c in claims] == figures


@pytest.mark.parametrize("text, lang", [
    # a new paragraph opening on "these operations" goes on with the figures before it (blind batch 9 fr07)
    ("Selon le bilan annuel du BCIJ, dix cellules terroristes ont été démantelées en 2025.\n\nCes opérations ont "
     "conduit à l'interpellation de 67 personnes.", "fr"),
    ("According to the BCIJ's annual report, ten terrorist cells were dismantled in 2025.\n\nThese operations led to "
     "the arrest of 67 people.", "en"),
    ("وحسب الحصيلة السنوية للمكتب المركزي للأبحاث القضائية، تم تفكيك عشر خلايا إرهابية خلال سنة 2025.\n\nوأسفرت هذه "
     "العمليات عن توقيف 67 شخصا.", "ar"),
])
def test_a_paragraph_opening_on_these_operations_goes_on_with_their_figures(text, lang):
    claims = extract(Document(id="t", text=text, published="2026-01-05", lang=lang)).claims
    assert [(c.metric, c.value, c.period) for c in claims] == [
        ("cells_dismantled", 10, "2025"), ("persons_arrested", 67, "2025")]


@pytest.mark.parametrize("text, lang", [
    # figures after a comparison («contre huit en 2024», "against eight in 2024", «مقابل ثماني خلايا في 2024»)
    # hand on the compared figure's period, not the comparison's; "during the year" is the year just told
    ("L'année 2025 a été chargée pour le BCIJ: dix cellules terroristes ont été démantelées au cours de l'année, "
     "contre huit en 2024 et neuf en 2023.\n\nCes opérations ont conduit à l'interpellation de 67 personnes, dont six "
     "mineurs.", "fr"),
    ("2025 was a busy year for the BCIJ: ten terrorist cells were dismantled during the year, against eight in 2024 "
     "and nine in 2023. These operations led to the arrest of 67 people, including six minors.", "en"),
    ("وحسب الحصيلة السنوية للمكتب المركزي للأبحاث القضائية، تم تفكيك عشر خلايا إرهابية خلال سنة 2025، مقابل ثماني "
     "خلايا في 2024. وأسفرت هذه العمليات عن توقيف 67 شخصا، من بينهم ستة قاصرين.", "ar"),
])
def test_figures_after_a_comparison_take_the_compared_figure_s_period(text, lang):
    claims = extract(Document(id="t", text=text, published="2026-01-05", lang=lang)).claims
    assert {(c.metric, c.value, c.period, c.subset) for c in claims} >= {
        ("cells_dismantled", 10, "2025", None), ("cells_dismantled", 8, "2024", None),
        ("persons_arrested", 67, "2025", None), ("persons_arrested", 6, "2025", "minors")}


@pytest.mark.parametrize("text, lang", [
    # "since the same date", «منذ التاريخ نفسه»: the year just told, across a paragraph too (blind batch 9 ar07)
    ("Le BCIJ a démantelé mardi une cellule terroriste à Fès. Selon la DGSN, 230 cellules ont été démantelées depuis "
     "2002.\n\nLe ministère de l'Intérieur compte pour sa part 510 projets d'attentats déjoués depuis la même date.", "fr"),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء خلية إرهابية بفاس. وحسب المديرية العامة للأمن الوطني، تم تفكيك "
     "230 خلية منذ سنة 2002.\n\nغير أن أرقام وزارة الداخلية تتحدث عن 218 خلية منذ التاريخ نفسه.", "ar"),
])
def test_since_the_same_date_is_the_year_told_before(text, lang):
    claims = extract(Document(id="t", text=text, published="2026-01-05", lang=lang)).claims
    assert [c.since for c in claims] == ["2002", "2002"], [c.to_dict() for c in claims]


@pytest.mark.parametrize("text, figure", [
    # an Arabic dual is the figure two of its own noun: «تم تفكيك خليتين», «إحباط مخططين» (blind batch 9 ar07); the
    # tally is no operation of its own
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء خلية إرهابية بفاس. ومنذ مطلع السنة الجارية، تم تفكيك خليتين "
     "إرهابيتين.", ("cells_dismantled", 2)),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء خلية إرهابية بفاس. وخلال السنة الماضية، تمكنت المصالح الأمنية "
     "من إحباط مخططين إرهابيين.", ("plots_foiled", 2)),
])
def test_an_arabic_dual_is_a_figure_of_two(text, figure):
    rec = extract(Document(id="t", text=text, published="2026-05-16", lang="ar"))
    assert [(c.metric, c.value) for c in rec.claims] == [figure]
    assert [(e.places, e.background) for e in rec.events] == [(["fes"], False)]


@pytest.mark.parametrize("text, lang", [
    # a start closing a coordination of figures is all of theirs (blind batches 3, 7 and 9)
    ("Police dismantled a terrorist cell in Fez on Tuesday. The interior ministry says security services have "
     "dismantled more than 230 militant cells and foiled more than 500 plots since 2002.", "en"),
    ("Police dismantled a terrorist cell in Fez on Tuesday. Morocco has dismantled more than 230 cells, arrested over "
     "3,000 people and foiled more than 500 plots since 2002, according to the ministry.", "en"),
])
def test_a_start_closing_coordinated_figures_is_all_of_theirs(text, lang):
    claims = extract(Document(id="t", text=text, published="2026-05-16", lang=lang)).claims
    assert claims and all(c.since == "2002" for c in claims), [c.to_dict() for c in claims]


@pytest.mark.parametrize("text, lang", [
    # the Sahel's adjective names the subset too: «liées à des groupes sahéliens», "Sahelian groups" (batches 5, 6, 9)
    ("Le BCIJ a démantelé mardi une cellule terroriste à Fès. Selon son directeur, plus de 40 cellules liées à des "
     "groupes sahéliens ont été démantelées depuis 2015.", "fr"),
    ("Police dismantled a terrorist cell in Fez on Tuesday. According to the BCIJ, more than 40 cells linked to "
     "Sahelian groups have been dismantled since 2015.", "en"),
])
def test_the_sahel_s_adjective_names_the_subset(text, lang):
    claims = extract(Document(id="t", text=text, published="2026-01-05", lang=lang)).claims
    assert [(c.value, c.subset) for c in claims] == [(40, "sahel-linked")]


@pytest.mark.parametrize("text, lang", [
    # a part told with no noun of its own is of the whole's kind: seven of 41 minors are minors (batch 9 fr06)
    ("Le BCIJ a démantelé mardi une cellule terroriste à Fès. Selon les chiffres communiqués par le BCIJ, 41 mineurs "
     "ont été interpellés dans des affaires de terrorisme depuis la création du bureau en 2015, dont sept pour la "
     "seule année 2024.", "fr"),
    ("Police dismantled a terrorist cell in Fez on Tuesday. According to the BCIJ, 41 minors have been arrested in "
     "terrorism cases since 2015, seven of them in 2024 alone.", "en"),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء خلية إرهابية بفاس. وحسب معطيات المكتب، تم توقيف 41 قاصرا في "
     "قضايا الإرهاب منذ سنة 2015، من بينهم سبعة خلال سنة 2024 وحدها.", "ar"),
])
def test_a_part_with_no_noun_of_its_own_is_of_the_whole_s_kind(text, lang):
    claims = extract(Document(id="t", text=text, published="2026-01-05", lang=lang)).claims
    assert [(c.value, c.since, c.period, c.subset) for c in claims] == [
        (41, "2015", None, "minors"), (7, None, "2024", "minors")]


def test_during_the_year_is_the_year_told_not_a_comparison_s():
    # «… en 2025, contre huit en 2024. Au cours de l'année, …»: 2025 (fixture fam_fr02)
    text = ("Le BCIJ a démantelé onze cellules terroristes en 2025, contre huit en 2024, selon le bilan annuel du "
            "Bureau. Au cours de l'année, 63 personnes soupçonnées de liens avec des organisations terroristes ont été "
            "interpellées.")
    claims = extract(Document(id="t", text=text, published="2026-01-06", lang="fr")).claims
    assert [(c.value, c.period) for c in claims] == [(11, "2025"), (8, "2024"), (63, "2025")]


@pytest.mark.parametrize("lang, text", [
    # "by the end of November" with no year: this year's November (last year's when it is still to come)
    ("en", "By the end of October, the BCIJ had dismantled nine terrorist cells, according to the DGST."),
    ("fr", "Jusqu'à fin octobre, le BCIJ avait démantelé neuf cellules terroristes, selon la DGST."),
    ("ar", "فكك المكتب المركزي للأبحاث القضائية، إلى غاية نهاية أكتوبر، تسع خلايا إرهابية، حسب المديرية العامة "
           "لمراقبة التراب الوطني."),
])
def test_an_end_month_without_its_year_is_this_year_s(lang, text):
    assert [(c.value, c.until, c.period) for c in _claims(lang, text, "2026-12-02")] == [(9, "2026-10", None)]
    assert [c.until for c in _claims(lang, text, "2027-02-10")] == ["2026-10"]


def test_past_a_comparison_another_count_goes_on_with_the_head_s_period():
    claims = _claims("en", "In 2026 the BCIJ dismantled eleven cells, up from nine in 2025 and six in 2024, and "
                           "arrested 58 people, including three women, the DGST said.", "2026-12-20")
    assert [(c.metric, c.value, c.period, c.subset) for c in claims] == [
        ("cells_dismantled", 11, "2026", None), ("cells_dismantled", 9, "2025", None),
        ("cells_dismantled", 6, "2024", None), ("persons_arrested", 58, "2026", None),
        ("persons_arrested", 3, "2026", "women")]


@pytest.mark.parametrize("lang, text", [
    # two sources set against each other in one sentence: each figure is its own clause's
    ("en", "The Interior Ministry puts the tally since 2002 at more than 210 cells, while a US State Department "
           "report counted 12 cells dismantled in 2025."),
    ("fr", "Le ministère de l'Intérieur évalue à plus de 210 le nombre de cellules démantelées depuis 2002, tandis "
           "que le rapport du département d'État américain fait état de 12 cellules démantelées en 2025."),
    ("ar", "وتقدر وزارة الداخلية عدد الخلايا المفككة منذ 2002 بأكثر من 210 خلايا، في حين أحصى تقرير وزارة الخارجية "
           "الأمريكية تفكيك 12 خلية خلال سنة 2025."),
])
def test_two_sources_set_against_each_other_keep_their_own_figures(lang, text):
    assert [(c.value, c.source) for c in _claims(lang, text, "2026-06-01")] == [
        (210, "interior-ministry"), (12, "us-state-department")]


@pytest.mark.parametrize("lang, text", [
    # cells and persons counted in one clause share the year told after the second ("nine cells and 72 people in
    # 2025"); a second count of cells with its own year stays a series («21 cells in 2015 and 19 cells in 2016»)
    ("en", "According to the DGST, security services dismantled nine cells and arrested 72 people in 2025."),
    ("fr", "Selon la DGST, les services de sécurité ont démantelé neuf cellules et interpellé 72 personnes en 2025."),
    ("ar", "وحسب المديرية العامة لمراقبة التراب الوطني، فككت المصالح الأمنية تسع خلايا وأوقفت 72 شخصا خلال سنة 2025."),
])
def test_cells_and_persons_of_one_clause_share_its_year(lang, text):
    assert [(c.metric, c.value, c.period) for c in _claims(lang, text, "2026-02-01")] == [
        ("cells_dismantled", 9, "2025"), ("persons_arrested", 72, "2025")]
    assert [(c.value, c.period) for c in _claims("en", "The bureau dismantled 21 cells in 2015 and 19 cells in 2016.",
                                                 "2026-02-01")] == [(21, "2015"), (19, "2016")]


def test_a_few_persons_held_in_a_town_after_a_statistic_are_an_operation_s():
    # the year's figures, then an operation told with its town and count: the count is no statistic of the
    # period before it, and its arrest is reported
    text = ("By the end of November, the BCIJ had dismantled ten cells and arrested 64 people, including five "
            "women, according to the DGST. In late November, five suspects planning bomb attacks were arrested "
            "in Agadir, Inezgane and Tiznit.")
    assert [(c.value, c.subset) for c in _claims("en", text, "2026-12-06")] == [(10, None), (64, None), (5, "women")]
    events = extract(Document("t", text, published="2026-12-06", lang="en")).events
    assert [(e.places, e.arrested) for e in events] == [(["agadir", "inezgane", "tiznit"], 5)]


@pytest.mark.parametrize("lang, text", [
    # ... also when the persons' noun names their group ("suspected Islamic State supporters"): no «dont», "of
    # whom" makes them a part of the statistic
    ("en", "The kingdom's services have dismantled more than 230 terrorist cells and arrested over 4,600 people since "
           "2002, the delegate said. He cited the February 19 operation in which the BCIJ arrested six suspected "
           "Islamic State supporters in Oujda, Berkane and Taourirt."),
    ("fr", "Les services du royaume ont démantelé plus de 230 cellules terroristes et interpellé plus de 4 600 personnes "
           "depuis 2002, a déclaré le délégué. Il a cité l'opération du 19 février, lors de laquelle le BCIJ a "
           "interpellé six partisans présumés de l'État islamique à Oujda, Berkane et Taourirt."),
])
def test_persons_named_by_their_group_after_a_statistic_are_an_operation_s(lang, text):
    assert 6 not in [c.value for c in _claims(lang, text, "2026-02-28")]
    events = extract(Document("t", text, published="2026-02-28", lang=lang)).events
    assert [(e.places, e.arrested) for e in events] == [(["oujda", "berkane", "taourirt"], 6)]


@pytest.mark.parametrize("lang, text", [
    # "the year 2026", «l'année 2026» as the subject of a recap name the period of its figures
    ("en", "According to the BCIJ's annual report, the year 2026 ends with twelve cells dismantled and 81 arrests, "
           "including seven minors."),
    ("fr", "Selon le bilan annuel du BCIJ, l'année 2026 s'achève sur douze cellules démantelées et 81 arrestations, "
           "dont sept mineurs."),
])
def test_the_year_named_as_a_subject_is_the_period(lang, text):
    assert [(c.value, c.period, c.subset) for c in _claims(lang, text, "2026-12-31")] == [
        (12, "2026", None), (81, "2026", None), (7, "2026", "minors")]


def test_the_minister_after_the_ministry_speaks_for_it():
    # «وأوضح الوزير» after «أكد وزير الداخلية»: a title with no name speaks for the one quoted before
    text = ("أكد وزير الداخلية أن المصالح الأمنية تمكنت، منذ سنة 2002، من تفكيك أكثر من 220 خلية إرهابية.\n\n"
            "وأوضح الوزير، في الجواب ذاته، أن سنة 2026 عرفت تفكيك 12 خلية إرهابية وتوقيف 81 مشتبها فيه.")
    assert [(c.value, c.source) for c in _claims("ar", text, "2026-12-20")] == [
        (220, "interior-ministry"), (12, "interior-ministry"), (81, "interior-ministry")]


# --- figures in a table -------------------------------------------------------------------------
# A page's HTML table comes out of marsad.web.html as pipes (trafilatura's Markdown); a brief prints
# its table so too. A header naming metrics over rows that open on a year gives each cell's claim.

TABLE_PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{intro}</p>
<table><tr><th>{year}</th><th>{cells}</th><th>{persons}</th></tr>
<tr><td>2022</td><td>7</td><td>39</td></tr><tr><td>2023</td><td>6</td><td>21</td></tr>
<tr><td>2024</td><td>9</td><td>40</td></tr><tr><td>{total} 2022-2024</td><td>22</td><td>100</td></tr></table>
<p>{outro}</p></article></body></html>"""


@pytest.mark.parametrize("lang, words", [
    ("en", dict(title="Three years of counter-terrorism in Morocco",
                intro="The Interior Ministry released on Monday its figures on the fight against terrorism in "
                      "Morocco, year by year, in a report to parliament.",
                year="Year", cells="Terrorist cells dismantled", persons="Persons arrested", total="Total",
                outro="The ministry said the threat from groups active in the Sahel remains high.")),
    ("fr", dict(title="Trois ans de lutte antiterroriste au Maroc",
                intro="Le ministère de l'Intérieur a publié lundi ses chiffres de la lutte contre le terrorisme "
                      "au Maroc, année par année, dans un rapport au Parlement.",
                year="Année", cells="Cellules terroristes démantelées", persons="Personnes arrêtées",
                total="Total", outro="Selon le ministère, la menace des groupes actifs au Sahel reste élevée.")),
    ("ar", dict(title="ثلاث سنوات من مكافحة الإرهاب بالمغرب",
                intro="نشرت وزارة الداخلية، يوم الاثنين، حصيلة مكافحة الإرهاب بالمغرب سنة بسنة، في تقرير قدمته "
                      "أمام البرلمان.",
                year="السنة", cells="عدد الخلايا الإرهابية المفككة", persons="عدد الأشخاص الموقوفين",
                total="المجموع", outro="وأكدت الوزارة أن خطر الجماعات الناشطة في منطقة الساحل لا يزال مرتفعا.")),
])
def test_a_table_of_yearly_figures_on_a_page(lang, words):
    from marsad.web.html import page_document
    doc = page_document(TABLE_PAGE.format(**words), "t", published="2025-01-20", lang=lang)
    claims = extract(doc).claims
    got = {(c.metric, c.value, c.period, c.since, c.until) for c in claims}
    assert got >= {("cells_dismantled", 7, "2022", None, None), ("persons_arrested", 39, "2022", None, None),
                   ("cells_dismantled", 9, "2024", None, None), ("persons_arrested", 40, "2024", None, None),
                   ("cells_dismantled", 22, None, "2022", "2024"), ("persons_arrested", 100, None, "2022", "2024")}
    assert {c.source for c in claims if c.value in (7, 39, 9, 40, 22, 100)} == {"interior-ministry"}


def test_a_brief_s_table_and_a_table_of_other_things():
    brief = ("Figures compiled by the Interior Ministry on terrorism in Morocco:\n"
             "Year | Cells dismantled | Persons arrested\n2021 | 10 | 52\n2022 | 7 | 39\n")
    claims = extract(Document(id="b", text=brief, published="2026-02-10", lang="en")).claims
    assert sorted((c.metric, c.value, c.period) for c in claims) == [
        ("cells_dismantled", 7, "2022"), ("cells_dismantled", 10, "2021"),
        ("persons_arrested", 39, "2022"), ("persons_arrested", 52, "2021")]
    # a row opening on a start («Depuis la création du BCIJ (2015)») and figures with their qualifier
    since = ("Bilan de l'action antiterroriste (source : DGST)\nPériode | Cellules démantelées | Personnes interpellées\n"
             "2025 | 9 | 67\nDepuis la création du BCIJ (2015) | plus de 100 | plus de 1.500\n")
    claims = extract(Document(id="s", text=since, published="2026-02-23", lang="fr")).claims
    assert sorted((c.metric, c.value, c.qualifier, c.period, c.since) for c in claims) == [
        ("cells_dismantled", 9, "exact", "2025", None), ("cells_dismantled", 100, "more_than", None, "2015"),
        ("persons_arrested", 67, "exact", "2025", None), ("persons_arrested", 1500, "more_than", None, "2015")]
    assert {c.source for c in claims} == {"dgst"}  # the caption's «(source : DGST)» names the table's source
    captioned = ("Table 2. Counter-terrorism record (Source: DGST)\nYear | Cells dismantled | Persons arrested\n"
                 "2024 | 8 | 51\n2025 | 9 | 67\n")
    claims = extract(Document(id="c", text=captioned, published="2026-02-23", lang="en")).claims
    assert {(c.value, c.source) for c in claims} == {(8, "dgst"), (51, "dgst"), (9, "dgst"), (67, "dgst")}
    # a league table's numbers count no cells, whatever the year in its rows
    league = ("Morocco's BCIJ dismantled a terrorist cell in Fez on Monday.\n"
              "Team | Played | Points\n2024 champions Wydad | 30 | 66\nRaja | 30 | 61\n")
    record = extract(Document(id="l", text=league, published="2026-02-10", lang="en"))
    assert record.claims == [] and [e.arrested for e in record.events] == [None]


@pytest.mark.parametrize("lang, text", [
    # a series of yearly figures, a year and a colon to a line, under a caption naming what it counts; the credit
    # line after it is the figures' source
    ("fr", "Les chiffres dessinent une décrue, selon le ministère de l'Intérieur.\n\nCellules terroristes démantelées "
           "au Maroc, par année\n2021 : 10\n2022 : 7\n2023* : 6\n* au 10 décembre. Source : BCIJ, bilans annuels."),
    ("en", "The figures show a decline, the Interior Ministry says.\n\nTerrorist cells dismantled in Morocco, by year\n"
           "2021: 10\n2022: 7\n2023: 6\nSource: BCIJ annual reports."),
    ("ar", "تكشف الأرقام تراجعا، حسب وزارة الداخلية.\n\nعدد الخلايا الإرهابية المفككة بالمغرب حسب السنوات\n2021: 10\n"
           "2022: 7\n2023: 6\nالمصدر: المكتب المركزي للأبحاث القضائية"),
])
def test_a_series_of_yearly_figures_under_its_caption(lang, text):
    claims = _claims(lang, text)
    assert [(c.metric, c.value, c.period, c.source) for c in claims] == [
        ("cells_dismantled", 10, "2021", "bcij"), ("cells_dismantled", 7, "2022", "bcij"),
        ("cells_dismantled", 6, "2023", "bcij")]


def test_two_year_lines_are_no_series():
    text = "Le BCIJ a démantelé une cellule à Tanger.\n\nCellules démantelées\n2022 : 7\n2023 : 6"
    assert [(c.value, c.period) for c in _claims("fr", text)] == []


@pytest.mark.parametrize("lang, text, value", [
    # a plus sign after the figure ("230+ cells", «200+ cellules»): more than it, and its noun follows it
    ("en", "Since 2002, Morocco has dismantled 230+ terrorist cells, the Interior Ministry says.", 230),
    ("fr", "Depuis 2002, plus de deux décennies de lutte : 200+ cellules démantelées, selon le ministère de "
           "l'Intérieur.", 200),
])
def test_a_plus_sign_after_a_figure_is_more_than_it(lang, text, value):
    assert [(c.metric, c.value, c.qualifier) for c in _claims(lang, text)] == [
        ("cells_dismantled", value, "more_than")]
