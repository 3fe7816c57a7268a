"""marsad.text.numbers: numbers in digits and words, vague quantities, duals; qualifiers."""
from __future__ import annotations

import pytest

from marsad.models import Document
from marsad.pipeline.claims import find_claims
from marsad.pipeline.extract import extract
from marsad.pipeline.mentions import analyze
from marsad.text.normalize import normalize, normalize_text
from marsad.text.numbers import (construct_dual, definite_number, dual_count, is_vague_quantity, noun_forms,
                                 parse_number)
from marsad.text.tokens import tokenize


def tokens_of(s: str):
    return tokenize(normalize(s).text)[0]


def parsed(s: str, i: int = 0):
    return parse_number(tokens_of(s), i)


@pytest.mark.parametrize("raw, value", [
    ("ستة عناصر", 6),
    ("أربعة أشخاص", 4),
    ("تسعة", 9),
    ("ثلاث نساء", 3),
    ("عشرة متطرفين", 10),
    ("اثنا عشر متطرفا", 12),
    ("اثني عشر متطرفا", 12),
    ("اثنتي عشرة امرأة", 12),
    ("ثلاثة عشر", 13),
    ("خمس عشرة", 15),
    # eleven takes «أحد» and «إحدى», which alone are "one of" (batch 40: «أحد عشر مشتبها فيهم»)
    ("أحد عشر مشتبها فيهم", 11),
    ("إحدى عشرة امرأة", 11),
    ("مئتي شخص", 200),
    ("مائتين", 200),
    ("مائة شخص", 100),
    ("ثلاثمائة وستين", 360),
    ("ثلاث مائة", 300),
    ("خمسة وعشرين", 25),
    ("خمسة و عشرين", 25),
    ("واحد وعشرون", 21),
    ("مائة وعشرين", 120),
    ("ثلاثة آلاف", 3000),
    ("ثلاثة آلاف وخمسمائة", 3500),
    ("عشرة آلاف", 10000),
    ("مائة ألف", 100000),
    ("ألف", 1000),
    ("ألفين", 2000),
    ("مليون", 1000000),
    ("بثلاثة أشخاص", 3),
    # the accusative of a unit whose noun is elided («أن أربعا من هذه الخلايا», «فكك خمسا منها»)
    ("أربعا من هذه الخلايا", 4),
    ("خمسا منها", 5),
    ("وخمسة آخرين", 5),
    ("3,129", 3129),
    ("4.304 مشتبها", 4304),
    ("٣٥", 35),
    ("۱۲ متطرفا", 12),
    ("٣٬١٢٩", 3129),
    ("3 آلاف", 3000),
    ("12", 12),
])
def test_parse_number(raw, value):
    result = parsed(raw)
    assert result is not None
    assert result[0] == value


@pytest.mark.parametrize("raw, value", [
    # French counts by twenties: «quatre-vingt(s)» is four twenties (blind batch 9: a recap's figures in words)
    ("quatre-vingts personnes", 80),
    ("quatre-vingt-trois cellules", 83),
    ("quatre-vingt-dix-neuf", 99),
    ("deux cent quatre-vingt-dix", 290),
    ("mille quatre cent quatre-vingt-un", 1481),
    ("soixante-dix-sept", 77),
    ("deux cent vingt", 220),
])
def test_parse_french_number(raw, value):
    assert parse_number(tokens_of(raw), 0, "fr")[0] == value


@pytest.mark.parametrize("lang, raw, numbers", [
    # a fraction before a scale or a collective numeral is half of it (blind batch 64: a Gulf daily's "Half a
    # dozen suspects detained" read as twelve)
    ("en", "Half a dozen suspects were detained", {0: (6, 3)}),
    ("en", "police held half a dozen men in Oujda", {2: (6, 5)}),
    ("en", "half a million dirhams in cash", {0: (500000, 3)}),
    ("fr", "une demi-douzaine de suspects interpellés", {1: (6, 3)}),
    ("fr", "Une demi-douzaine d'individus", {1: (6, 3)}),
    # alone a fraction counts nothing; «une douzaine» stays twelve
    ("en", "half of the suspects", {}),
    ("fr", "une demi-heure plus tard", {0: (1, 1)}),
    ("en", "a dozen suspects", {1: (12, 2)}),
    ("fr", "une douzaine de suspects", {1: (12, 2)}),
])
def test_a_fraction_of_a_scale_is_its_share(lang, raw, numbers):
    from marsad.pipeline.mentions import find_numbers
    assert find_numbers(tokens_of(raw), lang) == numbers


@pytest.mark.parametrize("lang, text", [
    ("en", "RABAT (Reuters) - Moroccan police arrested half a dozen suspected militants in raids in Oujda and "
           "Berkane on Saturday, the BCIJ said, adding that the cell had pledged allegiance to Islamic State."),
    ("en", "Half a dozen men held in Tetouan terror sweep\n\nCounter-terrorism officers detained the suspects "
           "on Tuesday in a dawn operation in Tetouan, the Central Bureau of Judicial Investigation said."),
    ("fr", "Le BCIJ a démantelé mardi à Salé une cellule terroriste d'une demi-douzaine de membres, "
           "a annoncé la DGSN dans un communiqué."),
])
def test_half_a_dozen_arrested_is_six(lang, text):
    record = extract(Document("h", text, published="2026-01-13", lang=lang))
    assert [e.arrested for e in record.events] == [6]


@pytest.mark.parametrize("raw, end", [
    ("ستة عناصر", 1),
    ("اثنا عشر متطرفا", 2),
    ("ثلاثمائة وستين شخصا", 2),
    ("خمسة و عشرين شخصا", 3),
    ("ثلاثة آلاف معتقل", 2),
    ("3 آلاف معتقل", 2),
    ("12 متطرفا", 1),
    ("ثلاثة، عشرين", 1),        # a comma ends the number
    ("ثلاثة و أشخاص", 1),       # a dangling «و» is not part of it
    ("3، آلاف", 1),
])
def test_parse_number_end(raw, end):
    assert parsed(raw)[1] == end


def test_parse_number_from_inside_a_sentence():
    toks = tokens_of("أوقفت المصالح الأمنية ستة عناصر بمدينة طنجة")
    assert [parse_number(toks, i) for i in range(len(toks))] == [None, None, None, (6, 4), None, None, None]
    assert parse_number(toks, len(toks)) is None


@pytest.mark.parametrize("raw", [
    "عشرات المعتقلين",
    "العديد من الخلايا",
    "مئات الأشخاص",
    "آلاف المعتقلين",      # thousands of, not 1000
    "ملايين الدراهم",
    "بضعة أشخاص",
    "عدة خلايا",
    "خلية إرهابية",
    "الشرطة",
    "أحد المشتبه فيهم",  # one of the suspects
    "إحدى المدن",
])
def test_not_a_number(raw):
    assert parsed(raw) is None


@pytest.mark.parametrize("word, vague", [
    ("عشرات", True),
    ("العديد", True),
    ("وعشرات", True),
    ("مئات", True),
    ("آلاف", True),
    ("بضعة", True),
    ("عدة", True),
    ("ستة", False),
    ("خلية", False),
    ("12", False),
])
def test_is_vague_quantity(word, vague):
    assert is_vague_quantity(normalize_text(word)) is vague


@pytest.mark.parametrize("word, count", [
    ("شخصين", 2),
    ("شخصان", 2),
    ("عنصرين", 2),
    ("وشخصين", 2),
    ("شقيقين", 2),
    ("شخص", None),
    ("أشخاص", None),
    ("سنتين", None),
])
def test_dual_count(word, count):
    assert dual_count(normalize_text(word)) == count


# --- qualifiers (data/ar/qualifiers.json, matched by the mention stage for the claims stage) ---

def qualifier_ends(raw: str) -> tuple[int, dict[int, str]]:
    """Index of the first digit token, and qualifier mentions keyed by the token after them."""
    a = analyze(Document("q", raw, lang="ar"), "ar")
    number_at = next(i for i, t in enumerate(a.tokens) if t.is_number)
    return number_at, {m.end: m.value for m in a.mentions if m.kind == "qualifier"}


@pytest.mark.parametrize("raw, qualifier", [
    ("فككت أكثر من 200 خلية", "more_than"),
    ("فككت أزيد من 200 خلية", "more_than"),
    ("فككت ما يزيد عن 200 خلية", "more_than"),
    ("فككت ما يفوق 200 خلية", "more_than"),
    ("فككت ما لا يقل عن 200 خلية", "at_least"),
    ("فككت على الأقل 200 خلية", "at_least"),
    ("فككت نحو 200 خلية", "about"),
    ("فككت حوالي 200 خلية", "about"),
    ("فككت حوالى 200 خلية", "about"),
    ("فككت قرابة 200 خلية", "about"),
    ("فككت زهاء 200 خلية", "about"),
    ("فككت ما يناهز 200 خلية", "about"),
    ("فككت ما يقارب 200 خلية", "about"),
    ("فككت أقل من 200 خلية", "at_most"),
    ("فككت لا يتجاوز 200 خلية", "at_most"),
    ("فككت ما لا يزيد عن 200 خلية", "at_most"),
    # a verb of exceeding before the figure: the count is more than it («لا يتجاوز» stays at most)
    ("عدد الخلايا المفككة تجاوز 200 خلية", "more_than"),
    ("عدد الموقوفين يتخطى 200 شخص", "more_than"),
    ("حصيلة المكتب فاقت 200 خلية", "more_than"),
])
def test_qualifier_ends_right_before_the_number(raw, qualifier):
    number_at, ends = qualifier_ends(raw)
    assert ends.get(number_at) == qualifier


@pytest.mark.parametrize("raw", ["فككت 200 خلية", "فككت من 200 خلية", "فككت الأكثر 200 خلية"])
def test_no_qualifier(raw):
    number_at, ends = qualifier_ends(raw)
    assert number_at not in ends


_CLAIM = "فككت الأجهزة الأمنية المغربية {q} 210 خلايا إرهابية منذ سنة 2002، حسب وزارة الداخلية."


@pytest.mark.parametrize("q, qualifier", [
    ("أكثر من", "more_than"),
    ("أزيد من", "more_than"),
    ("ما لا يقل عن", "at_least"),
    ("نحو", "about"),
    ("حوالي", "about"),
    ("قرابة", "about"),
    ("زهاء", "about"),
    ("ما يناهز", "about"),
    ("", "exact"),
])
def test_claim_qualifier_through_extract(q, qualifier):
    record = extract(Document("q", _CLAIM.format(q=q), published="2024-01-10", lang="ar"))
    assert [(c.metric, c.value, c.qualifier, c.since) for c in record.claims] == [
        ("cells_dismantled", 210, qualifier, "2002")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The number of terrorist cells dismantled in Morocco since 2002 has exceeded 220, the ministry said."),
    ("fr", "Le nombre de cellules terroristes démantelées au Maroc depuis 2002 a dépassé 220, selon le ministère."),
    ("ar", "وأكدت وزارة الداخلية أن عدد الخلايا الإرهابية التي تم تفكيكها بالمغرب منذ سنة 2002 تجاوز 220 خلية."),
])
def test_a_count_that_exceeded_a_figure_is_more_than_it(lang, text):
    record = extract(Document("q", text, published="2025-12-29", lang=lang))
    assert [(c.metric, c.value, c.qualifier) for c in record.claims] == [("cells_dismantled", 220, "more_than")]


_SHORT = "فككت الأجهزة الأمنية أكثر من 200 خلية منذ 2002، حسب وزارة الداخلية."


def test_claim_qualifier_in_the_claims_stage():
    doc = Document("q", _SHORT, published="2024-01-10", lang="ar")
    claims, _ = find_claims(analyze(doc, "ar", doc.published))
    assert [(c.metric, c.value, c.qualifier, c.since) for c in claims] == [
        ("cells_dismantled", 200, "more_than", "2002")]


@pytest.mark.xfail(strict=False, reason="pipeline, not the qualifier table: the relevance stage rejects this "
                   "one-sentence statistic (no «إرهابية» or Moroccan word), so extract() returns no claims")
def test_claim_qualifier_short_sentence_through_extract():
    record = extract(Document("q", _SHORT, published="2024-01-10", lang="ar"))
    assert [(c.metric, c.value, c.qualifier) for c in record.claims] == [("cells_dismantled", 200, "more_than")]


# --- a count named before its figure («بلغ عدد الخلايا المفككة … 214») ---

@pytest.mark.parametrize("lang, text, expected", [
    ("ar", "وحسب معطيات رسمية، وصل عدد المخططات الإرهابية المحبطة من قبل الأجهزة الأمنية منذ سنة 2002 إلى 276.",
     [("plots_foiled", 276, "2002", None)]),
    ("ar", "وأوضح المصدر أن العدد الإجمالي للخلايا الإرهابية المفككة منذ 2002 بلغ 214، بينها 80 خلية مرتبطة بداعش.",
     [("cells_dismantled", 214, "2002", None), ("cells_dismantled", 80, "2002", "isis-linked")]),
    ("en", "Since 2002, the number of foiled terrorist plots in Morocco has reached 276, the interior ministry said.",
     [("plots_foiled", 276, "2002", None)]),
    ("en", "The total number of terror cells dismantled by Moroccan police since 2002 now stands at 214.",
     [("cells_dismantled", 214, "2002", None)]),
    ("fr", "Depuis 2002, le nombre de cellules terroristes démantelées par les services marocains s'élève à 214.",
     [("cells_dismantled", 214, "2002", None)]),
    # not a statistic: one operation's count, a day of the month, a death toll
    ("ar", "وقال المصدر إن عدد الموقوفين في هذه العملية الأمنية بطنجة بلغ 5.", []),
    ("ar", "ارتفع عدد ضحايا الاعتداء الإرهابي الذي استهدف مقهى بمراكش يوم الخميس 28 أبريل 2011 إلى 17 قتيلا.", []),
    ("en", "The number of people killed in the Casablanca bombings of May 2003 rose to 45.", []),
])
def test_a_count_named_before_its_figure_is_a_claim(lang, text, expected):
    doc = Document("c", text, published="2024-01-10", lang=lang)
    claims, _ = find_claims(analyze(doc, lang, doc.published))
    assert [(c.metric, c.value, c.since, c.subset) for c in claims] == expected


@pytest.mark.parametrize("text, expected", [
    # a new paragraph: the figure refers back to the cells its own sentence names
    ("فككت الأجهزة الأمنية 126 خلية إرهابية منذ سنة 2002.\nوأضاف المصدر أن الخلايا المفككة لم تستهدف كلها المغرب، "
     "إذ أن 14 منها مرتبطة بتنظيمات تنشط في منطقة الساحل.", [("cells_dismantled", 126), ("cells_dismantled", 14)]),
    # one operation's suspects, some of them: not a statistic
    ("أوقفت عناصر الأمن بطنجة خمسة أشخاص يشتبه في انتمائهم لخلية إرهابية، 2 منهم من ذوي السوابق.", []),
])
def test_an_elliptic_figure_takes_the_noun_its_sentence_names(text, expected):
    doc = Document("c", text, published="2024-01-10", lang="ar")
    claims, _ = find_claims(analyze(doc, "ar", doc.published))
    assert [(c.metric, c.value) for c in claims] == expected


@pytest.mark.parametrize("lang, text", [
    ("fr", "Depuis 2015, le BCIJ a démantelé 84 cellules terroristes, selon son directeur.\n\n"
           "Parmi ces structures, 78 étaient liées à Daech, a-t-il précisé."),
    ("en", "Since 2015, the BCIJ has dismantled 84 terrorist cells, its director said.\n\n"
           "Among them, 78 were linked to the Islamic State group, he added."),
    ("ar", "فككت الأجهزة الأمنية المغربية 84 خلية إرهابية منذ سنة 2015، حسب مدير المكتب.\n\n"
           "ومن بينها 78 خلية مرتبطة بتنظيم داعش، يضيف المسؤول."),
])
def test_a_part_introduced_in_the_next_paragraph_takes_the_figure_before(lang, text):
    doc = Document("c", text, published="2024-01-10", lang=lang)
    claims, _ = find_claims(analyze(doc, lang, doc.published))
    assert [(c.metric, c.value, c.since) for c in claims] == [("cells_dismantled", 84, "2015"),
                                                              ("cells_dismantled", 78, "2015")]


@pytest.mark.parametrize("lang, text, expected", [
    ("ar", "وأكد المدير أن المكتب تمكن، منذ إحداثه سنة 2015 وإلى حدود منتصف سنة 2021، من تفكيك 84 خلية إرهابية.",
     [("cells_dismantled", 84, "2015", "2021", None)]),
    ("fr", "Depuis 2015 et jusqu'à la mi-2021, le BCIJ a démantelé 84 cellules terroristes.",
     [("cells_dismantled", 84, "2015", "2021", None)]),
    # a period after the figure, in a new clause, is the next figure's
    ("ar", "فككت المصالح الأمنية بين سنتي 2015 و2022 قرابة 90 خلية إرهابية وأحالت على القضاء 1400 مشتبه فيه، "
           "في حين جرى خلال سنة 2023 تفكيك 10 خلايا.",
     [("cells_dismantled", 90, "2015", "2022", None), ("persons_arrested", 1400, "2015", "2022", None),
      ("cells_dismantled", 10, None, None, "2023")]),
    ("en", "Police dismantled 90 terrorist cells between 2015 and 2022 and arrested 1,400 suspects, "
           "while 10 cells were broken up in 2023.",
     [("cells_dismantled", 90, "2015", "2022", None), ("persons_arrested", 1400, "2015", "2022", None),
      ("cells_dismantled", 10, None, None, "2023")]),
])
def test_claim_periods(lang, text, expected):
    doc = Document("c", text, published="2024-01-10", lang=lang)
    claims, _ = find_claims(analyze(doc, lang, doc.published))
    assert [(c.metric, c.value, c.since, c.until, c.period) for c in claims] == expected


@pytest.mark.parametrize("text, sources", [
    # a report of a named body («معطيات المديرية»), a verb in the present tense
    ("وتكشف معطيات المديرية العامة للأمن الوطني أن المصالح الأمنية فككت بين سنتي 2015 و2022 قرابة 90 خلية إرهابية.",
     ["dgsn"]),
    # «المديرية ذاتها»: the body named before
    ("وتكشف معطيات المديرية العامة للأمن الوطني أن المصالح الأمنية فككت منذ 2015 قرابة 90 خلية إرهابية.\n"
     "وتفيد المديرية ذاتها بأن الأجهزة الأمنية أحبطت منذ سنة 2002 أزيد من 500 مخطط إرهابي.", ["dgsn", "dgsn"]),
    # «وكان NAME، TITLE، قد أكد»: the speaker named before the verb
    ("وكان حبوب الشرقاوي، مدير المكتب المركزي، قد أكد في تصريحات صحفية أن المكتب فكك منذ 2015 ما لا يقل عن 84 خلية إرهابية.",
     ["حبوب الشرقاوي"]),
])
def test_claim_sources(text, sources):
    doc = Document("c", text, published="2024-01-10", lang="ar")
    claims, _ = find_claims(analyze(doc, "ar", doc.published))
    assert [c.source for c in claims] == sources


@pytest.mark.parametrize("lang, text, expected", [
    # the part «292 of them» is a claim of its own (d10, n7-07 gold code these sub-counts)
    ("en", "Al-Khayam said the bureau's interventions enabled the arrest of more than 3,129 suspects, "
           "292 of them with a criminal record.", [("persons_arrested", 3129), ("persons_arrested", 292)]),
    ("ar", "وأحبطت الأجهزة الأمنية المغربية أزيد من 500 مخطط إرهابي، حسب المصدر ذاته.", [("plots_foiled", 500)]),
    # not a tally: the verb is not the figure's, or the figure is one operation's
    ("ar", "وقدر المكتب عدد المغاربة الذين التحقوا بالساحة السورية العراقية بقرابة 1660 شخصا، عاد عدد منهم "
           "وأحيلوا على القضاء.", []),
    ("en", "Police arrested 12 suspects in Tangier on Monday.", []),
])
def test_hundreds_arrested_or_foiled_are_a_tally(lang, text, expected):
    doc = Document("c", text, published="2024-01-10", lang=lang)
    claims, _ = find_claims(analyze(doc, lang, doc.published))
    assert [(c.metric, c.value) for c in claims] == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Two unrelated terror cells broken up in Tangier in one week, police say.", []),
    ("ar", "فككت المصالح الأمنية 3 خلايا إرهابية بطنجة وتطوان والناظور، حسب بلاغ للمكتب.", []),
    ("en", "Moroccan police dismantled 3 terrorist cells in 2023, the bureau's director said.", [("cells_dismantled", 3)]),
    ("ar", "فككت المصالح الأمنية 12 خلية إرهابية، حسب بلاغ للمكتب.", [("cells_dismantled", 12)]),
])
def test_a_few_cells_told_together_are_operations_not_a_statistic(lang, text, expected):
    doc = Document("c", text, published="2024-01-10", lang=lang)
    claims, _ = find_claims(analyze(doc, lang, doc.published))
    assert [(c.metric, c.value) for c in claims] == expected


@pytest.mark.parametrize("lang, text", [
    ("ar", "وأثمر التعاون الأمني عمليات عديدة، من بينها تفكيك شبكة لتجنيد المقاتلين سنة 2014 بالناظور، أوقف خلالها تسعة أشخاص."),
    ("en", "Cooperation led to a 2014 operation against a recruitment network in Nador, during which nine people were arrested."),
    ("fr", "La coopération a permis en 2014 une opération contre un réseau de recrutement à Nador, au cours de laquelle neuf personnes ont été arrêtées."),
])
def test_the_count_of_an_operation_named_just_before_is_no_statistic(lang, text):
    doc = Document("c", text, published="2024-01-10", lang=lang)
    claims, _ = find_claims(analyze(doc, lang, doc.published))
    assert claims == []


# --- counts that follow their noun, construct duals, partitives (the count rule's inputs) ---

@pytest.mark.parametrize("word, value", [
    ("الخمسة", 5), ("التسعة", 9), ("والثلاثة", 3), ("الاثنين", 2), ("العشرين", 20),
    ("الخميس", None), ("الثلاثاء", None), ("خمسة", None), ("الخلية", None),
])
def test_definite_number(word, value):
    assert definite_number(normalize_text(word), "ar") == value


def test_definite_number_is_arabic_only():
    assert definite_number("the", "en") is None and definite_number("les", "fr") is None


@pytest.mark.parametrize("word, following, count", [
    ("عضوي", "الخلية", 2), ("عنصري", "هذه", 2),
    ("عنصري", "في", None),  # «خطاب عنصري في …»: an adjective, not a dual
    ("عضوي", "جديد", None),
])
def test_construct_dual(word, following, count):
    assert construct_dual(normalize_text(word), normalize_text(following), "ar") == count


@pytest.mark.parametrize("word, base", [("أعضائها", "أعضاء"), ("أعضاؤها", "أعضاء"), ("عناصرها", "عناصر")])
def test_noun_forms_strip_a_possessive(word, base):
    assert normalize_text(base) in noun_forms(normalize_text(word), "ar")


@pytest.mark.parametrize("lang, text, counts", [
    # a definite number after its noun, directly or past «بهم»
    ("ar", "وتوقيف أعضائها الخمسة الموالين لداعش", [5]),
    ("ar", "وجرى توقيف المشتبه بهم الثلاثة في عمليات متزامنة", [3]),
    ("ar", "وانتهت العملية بإيقاف عضوي الخلية", [2]),
    # a nationality noun counts persons in every language
    ("ar", "تم توقيف 3 مغاربة ينتمون إلى داعش", [3]),
    ("en", "composed of four elements supporting the Islamic State", [4]),
    # a partitive one is one of a group, not a count
    ("fr", "L'un des membres avait tenté de rejoindre Daech", []),
    ("en", "One of the suspects had travelled to Syria", []),
    # the weekday after a person noun is not a count
    ("ar", "أوقفت الشرطة المشتبه فيه الخميس", []),
])
def test_person_counts(lang, text, counts):
    a = analyze(Document(id="t", text=text, lang=lang), lang)
    assert [q.low for q in a.quantities if q.kind == "persons"] == counts


@pytest.mark.parametrize("raw, i, value", [
    # French collective numerals: «une soixantaine» is the number 60 (its «une» the qualifier), never 61
    ("une soixantaine de femmes", 1, (60, 2)),
    ("une vingtaine de suspects", 1, (20, 2)),
    ("une dizaine de membres", 1, (10, 2)),
])
def test_french_collective_numerals(raw, i, value):
    toks = tokens_of(raw)
    assert parse_number(toks, 0, "fr") is None
    assert parse_number(toks, i, "fr") == value


def test_a_collective_numeral_is_an_approximate_claim():
    text = ("Depuis 2002, une soixantaine de femmes et une quarantaine de mineurs ont été interpellés au Maroc dans "
            "des affaires de terrorisme, selon le BCIJ.")
    rec = extract(Document(id="t", text=text, published="2025-01-10", lang="fr"))
    assert [(c.value, c.qualifier, c.subset) for c in rec.claims] == [(60, "about", "women"), (40, "about", "minors")]
