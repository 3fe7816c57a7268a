"""marsad.pipeline.dateline: the publication date from the input, a label, a header line or «today»."""
from __future__ import annotations

import pytest

from marsad.models import Document
from marsad.pipeline.dateline import HEADER_LINE_MAX, HEADER_LINES, is_header_date, published_date

# Body paragraphs written for these tests: long enough to read as running text.
P1 = ("أعلن المكتب المركزي للأبحاث القضائية عن تفكيك خلية إرهابية موالية لتنظيم داعش تتكون من "
      "أربعة عناصر تتراوح أعمارهم بين 21 و37 سنة، كانوا ينشطون بمدينتي طنجة وتطوان.")
P2 = ("وأوضح بلاغ للمديرية العامة لمراقبة التراب الوطني أن عمليات التفتيش مكنت من حجز أسلحة بيضاء "
      "ومعدات إلكترونية ومواد كيميائية يشتبه في استعمالها لصناعة عبوات ناسفة.")
P3 = ("وقد تم إخضاع المشتبه فيهم لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يشرف عليه "
      "الوكيل العام للملك المكلف بقضايا الإرهاب، للكشف عن جميع الامتدادات المحتملة لهذه الخلية.")
TITLE = "تفكيك خلية إرهابية موالية لداعش بطنجة وتطوان"


def pub(text: str, published: str | None = None) -> tuple[str | None, str | None]:
    return published_date(Document("t", text, published=published), "ar")


def article(*lines: str) -> str:
    return "\n\n".join(lines)


def test_input_published_wins():
    text = article(TITLE, "الثلاثاء 21 ديسمبر 2021 على الساعة 13:05", P1)
    assert pub(text, "2021-12-22") == ("2021-12-22", "input")


def test_label_wins_over_a_chrome_date_on_a_header_line():
    text = article(
        "موقع المغرب اليوم | السبت 14 دجنبر 2019",  # page chrome: today's date on the site
        TITLE,
        "تاريخ النشر: الأربعاء 11 أبريل 2007",
        P1, P2)
    assert pub(text) == ("2007-04-11", "label")


@pytest.mark.parametrize("line, expected", [
    ("نشر في: 26 يناير 2025 - 10:15", "2025-01-26"),
    ("بقلم: هيئة التحرير | نشر بتاريخ 3 ماي 2024", "2024-05-03"),
    ("آخر تحديث: ١٤ مارس ٢٠٢٤", "2024-03-14"),
])
def test_labels(line, expected):
    assert pub(article(TITLE, P1, P2, line)) == (expected, "label")  # a label counts anywhere


def test_label_verb_inside_a_body_paragraph_is_not_a_label():
    body = ("وأضاف المصدر أن التنظيم الإرهابي كان قد نشر في 12 مارس 2019 شريطا مصورا يتوعد فيه "
            "المملكة، وهو ما دفع المصالح الأمنية إلى تكثيف عمليات التتبع والرصد.")
    assert pub(article(TITLE, P1, body)) == (None, None)


def test_label_too_far_from_the_date():
    line = "تاريخ النشر: انظر أسفل الصفحة للاطلاع على جميع التفاصيل 3 ماي 2024"
    assert pub(article(TITLE, P1, line)) == (None, None)


@pytest.mark.parametrize("header, expected", [
    ("الثلاثاء 21 ديسمبر 2021 على الساعة 13:05", "2021-12-21"),
    ("الرباط - الجمعة 3 ماي 2024", "2024-05-03"),
    ("الخميس ١٤ مارس ٢٠٢٤ - 09:30", "2024-03-14"),
    ("16/05/2003", "2003-05-16"),
])
def test_short_header_line(header, expected):
    assert pub(article(TITLE, header, P1, P2)) == (expected, "header")


def test_header_line_may_come_first():
    assert pub("الثلاثاء 21 ديسمبر 2021 على الساعة 13:05\n" + TITLE + "\n" + P1) == ("2021-12-21", "header")


def test_a_long_headline_does_not_end_the_header():
    headline = TITLE + " والمشتبه فيهم كانوا يخططون لاستهداف منشآت حيوية ومقرات أمنية بالمملكة"
    assert len(headline) > HEADER_LINE_MAX
    assert pub(article(headline, "الثلاثاء 21 ديسمبر 2021", P1)) == ("2021-12-21", "header")


def test_header_is_only_the_first_few_lines():
    chrome = [f"قسم {i}" for i in range(HEADER_LINES)]
    assert pub("\n".join(chrome + ["الثلاثاء 21 ديسمبر 2021", P1])) == (None, None)
    assert pub("\n".join(chrome[:-1] + ["الثلاثاء 21 ديسمبر 2021", P1])) == ("2021-12-21", "header")


def test_month_only_header_is_not_a_publication_date():
    assert pub(article(TITLE, "دجنبر 2021", P1)) == (None, None)


def test_today_word_before_a_full_date_in_the_body():
    body = ("أعلنت المديرية العامة للأمن الوطني صباح اليوم الجمعة 25 يوليوز 2025 عن توقيف شخص "
            "يشتبه في ارتباطه بتنظيم داعش الإرهابي، وذلك في إطار عمليات مكافحة الإرهاب.")
    assert pub(article(TITLE, body, P2)) == ("2025-07-25", "today")


def test_today_word_without_a_date():
    body = ("أعلنت المديرية العامة للأمن الوطني اليوم الجمعة عن توقيف شخص يشتبه في ارتباطه "
            "بتنظيم داعش الإرهابي، وذلك في إطار عمليات مكافحة الإرهاب المتواصلة.")
    assert pub(article(TITLE, body)) == (None, None)


def test_bare_year_in_the_body_is_never_a_publication_date():
    body = ("فككت الأجهزة الأمنية المغربية أكثر من مائتي خلية إرهابية منذ سنة 2002، حسب معطيات "
            "رسمية نشرتها وزارة الداخلية في تقريرها السنوي حول الوضع الأمني.")
    assert pub(article(TITLE, body)) == (None, None)
    assert pub(article(TITLE, "2002", body)) == (None, None)  # not even alone on a header line


def test_date_in_the_first_body_paragraph_is_not_a_dateline():
    body = ("أكد المكتب المركزي للأبحاث القضائية أن الخلية التي تم تفكيكها في 3 مارس 2016 كانت "
            "تخطط لاستهداف مواقع حساسة بعدد من المدن المغربية.")
    assert pub(article(TITLE, body, P2)) == (None, None)


@pytest.mark.parametrize("fourth", [
    "وكان أحد الموقوفين قد غادر المغرب بتاريخ 19 فبراير 2025 قبل أن يعود إليه عبر مطار محمد الخامس "
    "الدولي بالدار البيضاء، حيث تم رصد تحركاته من طرف المصالح المختصة.",
    "وقد غادر أحدهم المغرب بتاريخ 19 فبراير 2025.",  # short, but the body has begun
])
def test_full_date_deep_in_the_body_is_not_a_dateline(fourth):
    assert pub(article(TITLE, P1, P2, fourth)) == (None, None)
    assert pub("\n".join([TITLE, P1, P2, fourth])) == (None, None)


@pytest.mark.parametrize("text", ["", "   ", TITLE, P1])
def test_no_date_at_all(text):
    assert pub(text) == (None, None)


def test_dateline_below_a_list_of_other_headlines():
    # A site's chrome often puts its other headlines above the article's own date line.
    text = ("• الوداد يتعادل مع الرجاء في ديربي مثير وينتظر الحسم في الجولة الأخيرة من البطولة الوطنية\n"
            "• توقعات الطقس: أمطار رعدية مرتقبة بعدد من مناطق المملكة نهاية الأسبوع الجاري حسب المديرية\n"
            "• مهرجان موازين يعلن عن برنامج دورته الجديدة بمشاركة فنانين من أكثر من عشرين بلدا\n"
            "عاجل\n"
            "الخميس 14 مارس 2024 على الساعة 10:20\n\n"
            "أوقفت عناصر المكتب المركزي للأبحاث القضائية، صباح اليوم، متطرفا بمدينة سلا كان يعتزم تنفيذ عمل إرهابي.")
    assert published_date(Document(id="x", text=text), "ar") == ("2024-03-14", "header")


@pytest.mark.parametrize("lang, text, expected", [
    # a dispatch's dateline opens the first paragraph: place, date, agency or dash
    ("fr", "Maroc : une série d'attentats\n\nCASABLANCA, 17 mai 2003 (AFP) - Au moins 41 personnes ont été tuées "
           "vendredi soir dans une série d'explosions, selon un bilan officiel communiqué samedi par les autorités.",
     ("2003-05-17", "wire")),
    ("fr", "Titre\n\nRabat, 11 janvier 2023 - Trois membres présumés d'une cellule liée à Daech ont été interpellés "
           "ce mercredi lors d'une opération conjointe menée par le BCIJ et la police espagnole à Biougra.",
     ("2023-01-11", "dispatch")),
    ("en", "Blast kills bomber\n\nCASABLANCA, March 12, 2007 (Wire) - A man blew himself up in an internet cafe on "
           "Sunday evening, killing himself and injuring three people, police sources said on Monday.",
     ("2007-03-12", "dispatch")),
    # a date in the running text of the paragraph is no dateline
    ("fr", "Titre\n\nLe BCIJ a démantelé le 17 mai 2003 une cellule terroriste active à Casablanca et à Fès, selon "
           "un communiqué publié par le ministère de l'Intérieur et repris par plusieurs journaux.", (None, None)),
])
def test_dispatch_dateline(lang, text, expected):
    assert published_date(Document("t", text), lang) == expected


@pytest.mark.parametrize("text, header", [
    ("CASABLANCA, 17 mai 2003 (AFP) - Au moins 41 personnes", True),
    ("Titre\n15 مارس 2023، 8:04 م\nتم توقيف", True),
    ("Le BCIJ a démantelé le 17 mai 2003 une cellule à Fès.", False),
    # a list's item dated by its first words is no dispatch's dateline («• 19 mai 2025 – …»)
    ("Rappel, date par date.\n\n• 19 mai 2025 – Fès : douze suspects arrêtés dans neuf villes.", False),
    ("Chronologie\n- 17 mai 2003 – Casablanca : cinq attentats-suicides.", False),
])
def test_header_date(text, header):
    from marsad.text.dates import find_dates
    from marsad.text.normalize import normalize_text
    norm = normalize_text(text)
    [d] = [d for d in find_dates(norm, None, "fr" if "mai" in text else "ar") if d.kind == "day"]
    assert is_header_date(norm, d.start, d.end) is header


@pytest.mark.parametrize("text, lang, published, event_date", [
    # a wire dateline's date is the filing date: the publication, not the event's
    ("Maroc : attentats à Casablanca\n\nCASABLANCA, 17 mai 2003 (AFP) - Au moins 41 personnes ont été tuées "
     "dans une série d'attentats terroristes à Casablanca.", "fr", "2003-05-17", None),
    ("الرباط 12 مارس 2024 (و م ع) - تمكن المكتب المركزي للأبحاث القضائية، أمس الاثنين، من تفكيك خلية "
     "إرهابية بطنجة.", "ar", "2024-03-12", "2024-03-11"),
    ("RABAT, March 5, 2024 (Reuters) - Moroccan police dismantled a terrorist cell in Tangier on Monday.",
     "en", "2024-03-05", "2024-03-04"),
])
def test_wire_dateline_dates_the_dispatch_not_the_event(text, lang, published, event_date):
    from marsad.pipeline.extract import extract
    rec = extract(Document(id="w", text=text, lang=lang))
    assert rec.published == published
    assert [e.date for e in rec.events if not e.background] == [event_date]


FR_BODY = ("Les éléments du BCIJ ont démantelé hier lundi, à Tanger, une cellule terroriste composée de trois "
           "individus âgés de 31 à 40 ans, partisans de l'organisation Etat islamique.")
EN_BODY = ("Moroccan counterterrorism police on Monday dismantled a three-member cell pledging allegiance to "
           "the Islamic State group in the northern city of Tangier, the DGST said in a statement.")


@pytest.mark.parametrize("lang, text, expected", [
    # a byline longer than a header line, with its label, wins over the date the page was viewed
    ("fr", article("Le Quotidien | Accueil Politique Economie Société Monde Sport",
                   "Jeudi 1 juin 2023 | Casablanca 24°", "Tanger : une cellule de Daech démantelée",
                   "Par La rédaction | Publié le 30/05/2023 à 09h41 | Mis à jour le 30/05/2023 à 11h02", FR_BODY),
     ("2023-05-30", "label")),
    # no label: the header date with its time of day is the page's timestamp
    ("en", article("Morocco Daily | Politics | Society | Economy", "Thursday, 1 June 2023",
                   "Cell dismantled in Tangier", "Morocco Daily - Tuesday 30 May 2023 - 10:05", EN_BODY),
     ("2023-05-30", "header")),
    ("fr", article("L'HEBDO — le site de l'information", "Samedi 4 mars 2023", "Trois partisans de Daech arrêtés",
                   "Par L'Hebdo Le 03/03/2023 à 14h20", FR_BODY), ("2023-03-03", "header")),
    # a byline's date wins over the timestamp of the day the page was viewed
    ("fr", article("Le Site | Accueil Maroc Economie Monde", "Jeudi 6 février 2020 - 09:12", "Une cellule démantelée",
                   "Par La Rédaction - 4 février 2020 à 13:05", FR_BODY), ("2020-02-04", "header")),
    ("en", article("Morocco Daily | News Politics", "Thursday, February 1, 2024", "Cell dismantled",
                   "By Staff Writer - Jan 30, 2024", EN_BODY), ("2024-01-30", "header")),
    # "By STAFF - Mar 1, 2024": the abbreviated month
    ("en", article("Cell dismantled in Tangier", "By Staff Writer - Mar 1, 2024", EN_BODY), ("2024-03-01", "header")),
    # of two bare header dates, the one under the headline is the article's, the masthead's the day viewed
    ("en", article("THE NATIONAL | News  MENA  World", "Sunday 09 October 2022", "Cell dismantled in Nador",
                   "Oct 05, 2022", EN_BODY), ("2022-10-05", "header")),
    ("fr", article("Le Site | Accueil Maroc Monde", "Dimanche 9 octobre 2022", "Une cellule démantelée à Nador",
                   "5 octobre 2022", FR_BODY), ("2022-10-05", "header")),
    ("ar", article("الموقع | الرئيسية سياسة مجتمع", "الأحد 9 أكتوبر 2022", "تفكيك خلية إرهابية بالناظور",
                   "5 أكتوبر 2022", "فككت عناصر المكتب المركزي للأبحاث القضائية خلية إرهابية بالناظور يوم الثلاثاء."),
     ("2022-10-05", "header")),
    # a long body sentence with «publié le» is no byline
    ("fr", article("Un rapport sur la menace terroriste", "Le rapport, publié le 12 mars 2019 par le ministère de "
                   "l'Intérieur, fait état d'une menace persistante dans la région du Sahel et au Maghreb.", FR_BODY),
     (None, None)),
])
def test_a_byline_or_timestamp_wins_over_the_day_the_page_was_viewed(lang, text, expected):
    assert published_date(Document("t", text), lang) == expected


@pytest.mark.parametrize("text, lang, places", [
    # a wire's label before its dateline («FLASH —», «عاجل -», "BREAKING:"): the city still files the dispatch
    ("FLASH — Rabat, 03/10/2024 (MAP) — Le BCIJ a démantelé jeudi une cellule terroriste de quatre partisans de "
     "Daech, actifs à Marrakech et Safi, selon un communiqué.", "fr", ["marrakesh", "safi"]),
    ("عاجل - الرباط: فكك المكتب المركزي للأبحاث القضائية اليوم خلية إرهابية من أربعة عناصر بمراكش.", "ar",
     ["marrakesh"]),
    ("BREAKING: RABAT - Moroccan police dismantled a four-member terrorist cell in Tangier on Monday.", "en",
     ["tangier"]),
])
def test_a_wire_label_before_the_dateline(text, lang, places):
    from marsad.pipeline.extract import extract
    [ev] = extract(Document(id="w", text=text, lang=lang, published="2024-10-03")).events
    assert ev.places == places


@pytest.mark.parametrize("lang, text, stamp", [
    # an update note's label and its date (a weekday between them or not) stamp the note
    ("fr", "Titre\n\nMISE À JOUR — jeudi 22 janvier 2026, 15h40 : le nombre de personnes interpellées est passé à six.",
     True),
    ("ar", "عنوان\n\nتحيين (الخميس 16 أكتوبر 2025 - 11:40): أفادت مصادر أمنية بتوقيف مشتبه فيه سادس.", True),
    ("en", "Headline\n\nUPDATE (March 12, 2025): Police have arrested a fifth suspect in Fez.", True),
    # the same words inside a sentence, before an operation's date, stamp nothing
    ("fr", "Titre\n\nUne mise à jour du bilan a été publiée après l'opération du 22 janvier 2026 à Casablanca.", False),
])
def test_update_stamp(lang, text, stamp):
    from marsad.pipeline.dateline import is_update_stamp
    from marsad.text.dates import find_dates
    from marsad.text.normalize import normalize_text
    norm = normalize_text(text)
    [d] = [d for d in find_dates(norm, None, lang) if d.kind == "day"]
    assert is_update_stamp(norm, d.start, d.end, lang) is stamp
