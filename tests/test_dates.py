"""marsad.text.dates: absolute dates in every month-name family, relative dates, anchors."""
from __future__ import annotations

import pytest

from marsad.text.dates import after_since, date_bounds, find_dates, parse_iso, resolve_after, scan_dates
from marsad.text.normalize import normalize_text

TUESDAY = "2021-12-21"  # a Tuesday: published date for the relative tables


def dates(s: str, published: str | None = TUESDAY) -> list[tuple[str, str | None]]:
    return [(d.kind, d.value) for d in find_dates(normalize_text(s), published)]


def values(s: str, published: str | None = TUESDAY) -> list[str | None]:
    return [v for _, v in dates(s, published)]


# Month names as the press writes them, with their number.
MSA = [("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ابريل", 4), ("مايو", 5), ("يونيو", 6),
       ("يوليو", 7), ("أغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12)]
MAGHREBI = [("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ماي", 5), ("يونيو", 6),
            ("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("أكتوبر", 10), ("نونبر", 11), ("دجنبر", 12)]
LEVANTINE = [("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6),
             ("تموز", 7), ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11),
             ("كانون الأول", 12)]
ALL_MONTHS = sorted(set(MSA + MAGHREBI + LEVANTINE))


@pytest.mark.parametrize("month, number", ALL_MONTHS)
def test_day_month_year_every_month_name(month, number):
    expected = f"2015-{number:02d}-07"
    assert dates(f"اعتقل في 7 {month} 2015 بطنجة") == [("day", expected)]
    assert dates(f"يوم 7{month}2015") == [("day", expected)]  # without spaces
    assert dates(f"{month} 2015") == [("month", f"2015-{number:02d}")]


@pytest.mark.parametrize("raw, expected", [
    ("16ماي2003", "2003-05-16"),
    ("16 ماي 2003", "2003-05-16"),
    ("الأربعاء 19 فبراير 2025", "2025-02-19"),
    ("يوم الجمعة 3 ماي 2024", "2024-05-03"),
    ("الأحد، 12 يونيو 2022", "2022-06-12"),
    ("فاتح يناير 2020", "2020-01-01"),
    ("فاتح شهر ماي 2020", "2020-05-01"),
    # the day as an ordinal before «من» and the month
    ("في العاشر من شتنبر 2024", "2024-09-10"),
    ("الحادي والعشرين من مارس 2023", "2023-03-21"),
    ("في الثاني عشر من دجنبر 2019", "2019-12-12"),
    ("الحادي والثلاثين من ماي 2016", "2016-05-31"),
    ("١٩ فبراير ٢٠٢٥", "2025-02-19"),
    ("۱۹ فبراير ۲۰۲۵", "2025-02-19"),
    ("16 من شهر ماي من سنة 2003", "2003-05-16"),
    ("3 ماي من العام 2024", "2024-05-03"),
    ("16 ماي، 2003", "2003-05-16"),
    ("03/05/2016", "2016-05-03"),   # day first
    ("3/5/2016", "2016-05-03"),
    ("30.06.2015", "2015-06-30"),
    ("16-05-2003", "2003-05-16"),
    ("2024/05/05", "2024-05-05"),
    ("2024-05-06", "2024-05-06"),
])
def test_absolute_day(raw, expected):
    assert dates(raw) == [("day", expected)]
    assert dates(raw, None) == [("day", expected)]  # no publication date needed


def test_weekday_before_a_date_is_part_of_it():
    # not also a relative «Wednesday» resolved against the publication date
    assert dates("أعلن الأربعاء 19 فبراير 2025 عن تفكيك خلية", "2025-02-20") == [("day", "2025-02-19")]
    assert dates("يوم الجمعة، 3 ماي 2024", "2024-05-04") == [("day", "2024-05-03")]


@pytest.mark.parametrize("raw, expected", [
    ("ليلة 18 إلى 19 دجنبر 2021", "2021-12-18/2021-12-19"),
    ("ليلة 18 إلى 19 من شهر دجنبر 2021", "2021-12-18/2021-12-19"),
    ("ما بين 16 و19 ماي 2003", "2003-05-16/2003-05-19"),
    ("بين 16 و 19 ماي 2003", "2003-05-16/2003-05-19"),
    ("من 2-4 مارس 2016", "2016-03-02/2016-03-04"),
])
def test_day_range(raw, expected):
    assert dates(raw) == [("day", expected)]


def test_two_dates_joined_by_glued_waw():
    assert values("يومي 16 ماي 2003 و19 يونيو 2004") == ["2003-05-16", "2004-06-19"]


@pytest.mark.parametrize("raw, expected", [
    ("مايو 2003", "2003-05"),
    ("شهر دجنبر 2021", "2021-12"),
    ("في فبراير من سنة 2020", "2020-02"),
    ("خلال شباط 2019", "2019-02"),
    ("في تشرين الأول 2018", "2018-10"),
])
def test_month_and_year(raw, expected):
    assert dates(raw) == [("month", expected)]


@pytest.mark.parametrize("raw, expected", [
    ("منذ سنة 2002", ["2002"]),
    ("عام 1999", ["1999"]),
    ("بين سنتي 2002 و2018", ["2002", "2018"]),
    ("اعتقل 3129 شخصا", []),       # not a year
    ("رقم 12345", []),
    ("في سنة 2077", []),            # outside the plausible range
    ("فككت 200 خلية", []),
])
def test_years(raw, expected):
    assert [v for k, v in dates(raw) if k == "year"] == expected
    assert all(k == "year" for k, _ in dates(raw))


@pytest.mark.parametrize("raw", [
    "31/02/2016",            # no such day: not a date, and its year is not read alone
    "يوم 31 فبراير 2016",
])
def test_impossible_dates_resolve_to_nothing(raw):
    assert all(v is None for k, v in dates(raw) if k == "day")
    assert "2016-02-31" not in values(raw)


@pytest.mark.parametrize("raw", ["ماي", "اليومية", "الأمسية", "أحد المشتبه فيهم", "السبتة", "كالأمس", "تاليوم"])
def test_not_dates(raw):
    assert dates(raw) == []


# --- day and month without a year: the year of publication, or the one before ---

@pytest.mark.parametrize("raw, published, expected", [
    ("يوم 25 ماي", "2021-12-21", "2021-05-25"),
    ("في 21 دجنبر", "2021-12-21", "2021-12-21"),        # the publication day itself
    ("في 20 دجنبر", "2021-12-21", "2021-12-20"),
    ("فاتح يناير", "2021-12-21", "2021-01-01"),
    ("في العاشر من شتنبر الماضي", "2024-11-23", "2024-09-10"),
    ("في 31 دجنبر", "2021-12-21", "2021-12-31"),        # ten days ahead: this year's (a New Year's Eve plot)
    ("في 31 دجنبر", "2021-12-10", "2020-12-31"),        # three weeks ahead: the last one
    ("في 28 دجنبر", "2022-01-10", "2021-12-28"),
    ("ليلة 18 إلى 19 دجنبر", "2022-01-10", "2021-12-18/2021-12-19"),
    ("يوم الخميس الماضي 28 أبريل", "2011-05-02", "2011-04-28"),
])
def test_day_month_takes_year_from_publication(raw, published, expected):
    assert expected in values(raw, published)


@pytest.mark.parametrize("raw", ["يوم 25 ماي", "ليلة 18 إلى 19 دجنبر", "فاتح يناير"])
def test_day_month_without_publication_is_none(raw):
    found = dates(raw, None)
    assert found and all(v is None for _, v in found)


# --- relative dates, published Tuesday 2021-12-21 ---

@pytest.mark.parametrize("raw, expected", [
    ("اليوم", "2021-12-21"),
    ("صباح اليوم", "2021-12-21"),
    ("صبيحة اليوم الثلاثاء", "2021-12-21"),
    ("أمس", "2021-12-20"),
    ("مساء أمس", "2021-12-20"),
    ("أمس الاثنين", "2021-12-20"),
    ("يوم أمس", "2021-12-20"),
    ("أول أمس", "2021-12-19"),
    ("الأسبوع الماضي", "2021-12-13/2021-12-19"),
    ("نهاية الأسبوع الماضي", "2021-12-17/2021-12-19"),
    ("قبل أيام", "2021-12-11/2021-12-20"),
    ("الشهر الماضي", "2021-11"),
    ("العام الماضي", "2020"),
    ("هذه السنة", "2021"),
    ("الخميس الماضي", "2021-12-16"),
    ("يوم الخميس", "2021-12-16"),
    ("الثلاثاء الماضي", "2021-12-14"),   # «الماضي»: the one before, not today
    ("يوم الثلاثاء", "2021-12-21"),
    ("، الأحد ،", "2021-12-19"),
    # a conjunction or preposition glued to the phrase
    ("واليوم", "2021-12-21"),
    ("وأمس", "2021-12-20"),
    ("بالأمس", "2021-12-20"),
    ("وقبل أيام", "2021-12-11/2021-12-20"),
    ("والأسبوع الماضي", "2021-12-13/2021-12-19"),
])
def test_relative_date(raw, expected):
    assert dates(f"أوقفت المصالح الأمنية {raw} شخصا") == [("relative", expected)]


@pytest.mark.parametrize("raw, published, expected", [
    ("الشهر الماضي", "2022-01-10", "2021-12"),
    ("أمس", "2022-01-01", "2021-12-31"),
    ("الأسبوع الماضي", "2021-12-20", "2021-12-13/2021-12-19"),   # published a Monday
    ("الأسبوع الماضي", "2021-12-26", "2021-12-13/2021-12-19"),   # published a Sunday
])
def test_relative_date_across_boundaries(raw, published, expected):
    assert values(raw, published) == [expected]


@pytest.mark.parametrize("raw", [
    "اليوم", "أمس", "صبيحة اليوم الثلاثاء", "أمس الاثنين", "الأسبوع الماضي", "نهاية الأسبوع الماضي",
    "قبل أيام", "الشهر الماضي", "الخميس الماضي", "يوم الخميس",
])
def test_relative_without_publication_is_none(raw):
    assert dates(raw, None) == [("relative", None)]


def test_bare_weekday_in_running_text_is_not_a_date():
    # «الجمعة» as the name of the prayer, with no day word, suffix or commas
    assert dates("بعد صلاة الجمعة بالمسجد") == []


# --- «بعد أيام»: an interval after an anchor ---

@pytest.mark.parametrize("raw, anchor, expected", [
    ("بعد أيام", "2021-12-18", "2021-12-19/2022-01-01"),
    ("بعد أيام", "2021-12-18/2021-12-19", "2021-12-19/2022-01-02"),
    ("بعد يومين", "2021-12-18", "2021-12-20"),
    ("في اليوم الموالي", "2021-12-18", "2021-12-19"),
    ("وفي اليوم الموالي", "2021-12-31", "2022-01-01"),
    ("اليوم التالي", "2021-12-18", "2021-12-19"),
])
def test_after_is_resolved_against_an_anchor(raw, anchor, expected):
    found = find_dates(normalize_text(raw), TUESDAY)
    assert [(d.kind, d.value) for d in found] == [("after", None)]
    assert resolve_after(found[0].rule, anchor) == expected


@pytest.mark.parametrize("raw, lang, anchor, expected", [
    # a number of days or weeks counted from a date told before: a fact of each language's grammar
    ("Six jours plus tard, le BCIJ a arrêté cinq suspects.", "fr", "2025-12-03", "2025-12-09"),
    ("Dix jours après, un autre partisan a été interpellé.", "fr", "2025-12-03", "2025-12-13"),
    ("Trois semaines plus tard, la DGST a frappé à nouveau.", "fr", "2025-12-03", "2025-12-22/2025-12-26"),
    ("Six days later, police detained five more suspects.", "en", "2025-12-03", "2025-12-09"),
    ("Some 10 days later, a second cell was broken up.", "en", "2025-12-03", "2025-12-13"),
    ("وبعد ستة أيام، أوقف المكتب المركزي خمسة مشتبه فيهم.", "ar", "2025-12-03", "2025-12-09"),
    ("وبعد مرور عشرة أيام تم توقيف متطرف آخر.", "ar", "2025-12-03", "2025-12-13"),
    ("وبعد 12 يوما، فككت المصالح الأمنية خلية أخرى.", "ar", "2025-12-03", "2025-12-15"),
])
def test_a_counted_interval_after_an_anchor(raw, lang, anchor, expected):
    found = [d for d in find_dates(normalize_text(raw), TUESDAY, lang) if d.kind == "after"]
    assert len(found) == 1 and found[0].value is None
    assert resolve_after(found[0].rule, anchor) == expected


@pytest.mark.parametrize("raw, lang", [
    # a count of days that is no interval after an anchor: a duration, a detention, a count of persons
    ("La garde à vue a duré six jours.", "fr"),
    ("The suspects were held for six days before they were charged.", "en"),
    ("ودامت الحراسة النظرية ستة أيام.", "ar"),
    ("Six suspects were arrested later in the week.", "en"),
])
def test_a_count_of_days_alone_is_no_interval(raw, lang):
    assert [d for d in find_dates(normalize_text(raw), TUESDAY, lang) if d.kind == "after"] == []


@pytest.mark.parametrize("raw, expected", [
    # «اليوم 24» followed by no month is the newspaper Alyaoum24, not today; with a month it is a date
    ("وتتبعت «اليوم 24» خيوط هذه الخلية على مدى أسبوع", []),
    ("أعلنت السلطات اليوم 24 أكتوبر 2023 تفكيك خلية", ["2023-03-15", "2023-10-24"]),
    ("أعلنت السلطات اليوم تفكيك خلية", ["2023-03-15"]),
])
def test_today_followed_by_a_number(raw, expected):
    assert [d.value for d in find_dates(normalize_text(raw), "2023-03-15")] == expected


def test_after_without_anchor_or_rule():
    rule = find_dates(normalize_text("بعد أيام"), None)[0].rule
    assert resolve_after(rule, None) is None
    assert resolve_after({}, "2021-12-18") is None
    assert resolve_after({"days": 1}, "2021-12-18") is None


# --- mentions and helpers ---

def test_mentions_are_in_text_order_with_spans():
    text = normalize_text("أمس، وبعد أيام من 16 ماي 2003، أعلنت الوزارة منذ 2002")
    found = find_dates(text, TUESDAY)
    assert [d.kind for d in found] == ["relative", "after", "day", "year"]
    assert [text[d.start:d.end] for d in found] == ["امس", "بعد ايام", "16 ماي 2003", "2002"]


@pytest.mark.parametrize("value, first", [
    ("2021-12-18", "2021-12-18"), ("2021-12", "2021-12-01"), ("2021", "2021-01-01"),
    ("2021-12-18/2021-12-19", "2021-12-18"), (None, None), ("", None), ("2021-02-30", None),
])
def test_parse_iso(value, first):
    got = parse_iso(value)
    assert (got.isoformat() if got else None) == first


@pytest.mark.parametrize("value, bounds", [
    ("2021-12-18", ("2021-12-18", "2021-12-18")),
    ("2021-02", ("2021-02-01", "2021-02-28")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2021", ("2021-01-01", "2021-12-31")),
    ("2021-12-18/2021-12-19", ("2021-12-18", "2021-12-19")),
    ("2021-12/2022-01", ("2021-12-01", "2022-01-31")),
    (None, None),
])
def test_date_bounds(value, bounds):
    got = date_bounds(value)
    assert (tuple(d.isoformat() for d in got) if got else None) == bounds


@pytest.mark.parametrize("raw, published, lang, expected", [
    # A month named without a year takes the publication's year (or the year before).
    ("في ماي الماضي", "2021-06-02", "ar", "2021-05"),
    ("خلال شهر دجنبر", "2022-01-10", "ar", "2021-12"),
    ("arrested in February", "2020-03-02", "en", "2020-02"),
    ("fin octobre", "2015-11-11", "fr", "2015-10"),
    # «celle de mai», «l'opération de juin»: the month after «de» names the operation's month
    ("figure celle de mai, qui a permis l'arrestation", "2025-12-30", "fr", "2025-05"),
    ("l'opération de juin à Tétouan", "2025-12-30", "fr", "2025-06"),
    ("في ماي", None, "ar", None),  # no publication date: no year, no guess
    ("وفي فبراير، تم تفكيك خلية", "2025-03-20", "ar", "2025-02"),  # «و» written on the preposition
    ("وخلال شهر دجنبر", "2022-01-10", "ar", "2021-12"),
    # «ف» is glued on the preposition as «و» is («ففي أبريل»: for in April), in an analysis's list of the year
    ("ففي أبريل، وبمدينة كلميم، أوقفت عناصر المكتب شخصين", "2026-01-06", "ar", "2025-04"),
    ("فخلال شهر شتنبر فككت المصالح خلية", "2025-12-30", "ar", "2025-09"),
    # a hyphen joins the prefix to the month: "mid-October", «mi-octobre»
    ("In mid-October, five men were arrested in Tamesna.", "2026-01-03", "en", "2025-10"),
    ("À la mi-octobre enfin, la « cellule de Tamesna » a été démantelée.", "2026-01-03", "fr", "2025-10"),
    ("Dès la mi-mars, les enquêteurs suivaient le groupe.", "2025-06-02", "fr", "2025-03"),
    # the year told after the month, relative to publication, is the month's («من العام الماضي», "last year",
    # «de l'an dernier»), not the publication's
    ("ففي فبراير من العام الماضي، أعلن المكتب ذاته تفكيك خلية", "2026-02-07", "ar", "2025-02"),
    ("وفي ماي من السنة الماضية فككت خلية بطنجة", "2025-09-01", "ar", "2024-05"),
    ("In February last year, police broke up a cell of twelve.", "2026-02-07", "en", "2025-02"),
    ("in June of last year, a joint operation", "2026-08-30", "en", "2025-06"),
    ("En février de l'an dernier, le BCIJ avait démantelé une cellule.", "2026-02-07", "fr", "2025-02"),
    ("en mars de l'année dernière à Tanger", "2026-04-15", "fr", "2025-03"),
    # English uses a month as a noun's attribute: "the September arrests", "a November joint operation"
    ("the September arrests of five suspects", "2026-01-06", "en", "2025-09"),
    # Arabic puts the month in construct after the operation («ثم عملية شتنبر التي استهدفت خلية», batch 67)
    ("ثم عملية شتنبر التي استهدفت خلية من خمسة أفراد", "2025-12-29", "ar", "2025-09"),
    ("a November joint operation with Spain", "2025-03-12", "en", "2024-11"),
    # English writes the month first.
    ("the bombings of May 16, 2003", None, "en", "2003-05-16"),
    ("on Dec. 15 in Boujdour", "2018-12-20", "en", "2018-12-15"),
])
def test_month_without_year_and_month_first(raw, published, lang, expected):
    found = [d.value for d in find_dates(normalize_text(raw), published, lang) if d.kind in ("day", "month")]
    assert found == [expected]


@pytest.mark.parametrize("raw, expected", [
    # The press drops a letter now and then; a long word of a relative phrase still counts.
    ("نهاية الأسوع الماضي", "2021-12-17/2021-12-19"),
    ("نهاية الأسبع الماضي", "2021-12-17/2021-12-19"),
    ("منتصف الأسبوع المضي", "2021-12-14/2021-12-16"),
])
def test_relative_phrase_with_a_letter_missing(raw, expected):
    found = [d.value for d in find_dates(normalize_text(raw), "2021-12-21") if d.kind == "relative"]
    assert found == [expected]


# --- the day of a statement, periods, and «that day» (published Wednesday 2023-03-15) ---

@pytest.mark.parametrize("lang, raw, expected", [
    # a weekday a few words after a verb of announcing, past its subject
    ("ar", "على ما ذكرته الشرطة الأربعاء.", ["2023-03-15"]),
    ("ar", "أعلنت المديرية العامة للأمن الوطني الأربعاء توقيف ثلاثة أشخاص", ["2023-03-15"]),
    ("ar", "قالت السلطات المغربية الثلاثاء إن", ["2023-03-14"]),
    ("fr", "des armes ont été saisies, a annoncé mardi le ministère", ["2023-03-14"]),
    ("fr", "41 personnes ont été tuées vendredi soir", ["2023-03-10"]),
    # a verb of finding is the operation of a cache: the weekday after it dates the find
    ("fr", "Les enquêteurs ont découvert lundi une cache d'armes", ["2023-03-13"]),
    ("en", "Investigators found Monday a cache of weapons", ["2023-03-13"]),
    ("ar", "عثرت عناصر المكتب الاثنين على مخبأ للأسلحة", ["2023-03-13"]),
    # «a permis mardi l'arrestation»: the operation's result verb takes the weekday after it
    ("fr", "Une opération conjointe a permis mardi l'arrestation de neuf personnes", ["2023-03-14"]),
    ("fr", "Cette opération a permis lundi le démantèlement d'une cellule", ["2023-03-13"]),
    # «a procédé mardi au démantèlement», «l'opération menée lundi»: the MAP formula's verb of carrying out
    ("fr", "Le BCIJ a procédé mardi au démantèlement d'une cellule", ["2023-03-14"]),
    ("fr", "L'opération menée lundi par le BCIJ a visé une cellule", ["2023-03-13"]),
    # a weekday opening its sentence is the sentence's adverb of time, with or without a comma
    ("fr", "Mercredi encore, le BCIJ a démantelé une cellule.", ["2023-03-15"]),
    ("fr", "Le bilan est lourd. Mardi soir, trois suspects ont été interpellés.", ["2023-03-14"]),
    ("en", "Tuesday morning police arrested two suspects.", ["2023-03-14"]),
    # a possessive opening the sentence names the day's event, it dates nothing else
    ("en", "Thursday's raids come two months after the Nador arrests.", []),
    # «أحد» alone is «one», not Sunday; «في ذلك اليوم» is that day, not today
    ("ar", "أوقفت عناصر المكتب أحد أعضاء الخلية", []),
    ("ar", "نفى أن يكون مكتبه قد أجرى أي اعتقال في ذلك اليوم", []),
    # a weekday with no verb, day word or commas stays a name («صلاة الجمعة»)
    ("ar", "وخرج المصلون من صلاة الجمعة", []),
    # ... as in English "after Friday prayers"; but a weekday closing its clause, as wire copy writes
    # the day of a statement, is a date
    ("en", "Police arrested three suspects after Friday prayers in Tangier.", []),
    ("en", "Police arrested three suspects in Tangier, the interior ministry said in a statement Friday.",
     ["2023-03-10"]),
    ("fr", "Trois partisans de Daech ont été arrêtés à Tanger, a indiqué le ministère vendredi.", ["2023-03-10"]),
    # "last Wednesday" written on a Wednesday is a week back; "on Wednesday" is the day itself
    ("en", "The BCIJ announced last Wednesday that it had dismantled a cell.", ["2023-03-08"]),
    ("en", "Police arrested two suspects last Tuesday.", ["2023-03-14"]),
    ("en", "Police arrested two suspects on Wednesday.", ["2023-03-15"]),
])
def test_weekday_of_a_statement(lang, raw, expected):
    found = find_dates(normalize_text(raw), "2023-03-15", lang)
    assert [d.value for d in found] == expected


@pytest.mark.parametrize("lang, raw, since", [
    ("ar", "فكك المغرب أكثر من 200 خلية منذ 2002", True),
    ("ar", "تفكيك 210 خلية إرهابية منذ سنة 2002", True),
    ("en", "more than 200 cells since 2002", True),
    ("fr", "plus de 200 cellules depuis 2002", True),
    ("ar", "وفي سنة 2002 فككت المصالح خلية", False),
    ("en", "the cell dismantled in 2016 since then", False),
])
def test_a_year_after_since_starts_a_period(lang, raw, since):
    text = normalize_text(raw)
    [year] = [d for d in find_dates(text, None, lang) if d.kind == "year"]
    assert after_since(text, year.start, lang) is since


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_relative_date_rules_are_well_formed(lang):
    """Every rule of relative_dates.json has the shape resolve_relative_date/resolve_after read."""
    from marsad.resources import language_data
    for phrase, rule in language_data(lang, "relative_dates")["phrases"].items():
        for key in ("interval", "week", "after"):
            if key in rule:
                assert len(rule[key]) == 2 and all(isinstance(x, int) for x in rule[key]), (phrase, rule)
        for key in ("days", "month", "year", "weekday"):
            if key in rule:
                assert isinstance(rule[key], int), (phrase, rule)


@pytest.mark.parametrize("raw, published, expected", [
    # a day and month without a year: the last one, unless it comes within two weeks of publication
    # (an election, a hearing the article announces)
    ("يوم الجمعة 7 أكتوبر", "2016-10-03", "2016-10-07"),
    ("le 7 octobre", "2016-10-03", "2016-10-07"),
    ("on October 7", "2016-10-03", "2016-10-07"),
    ("يوم 20 أكتوبر", "2016-10-03", "2015-10-20"),
    ("le 28 septembre", "2016-10-03", "2016-09-28"),
])
def test_a_day_without_year_near_publication(raw, published, expected):
    lang = "ar" if raw[0] in "ي" else "fr" if raw.startswith("le") else "en"
    assert [d.value for d in find_dates(normalize_text(raw), published, lang)] == [expected]


@pytest.mark.parametrize("raw, lang, expected", [
    # a day of the publication's month: «le 12 du mois courant», «يوم 12 الجاري», "the 12th of this month"
    ("le 12 du mois courant", "fr", "2025-03-12"),
    ("le 12 courant", "fr", "2025-03-12"),
    ("يوم 12 من الشهر الجاري", "ar", "2025-03-12"),
    ("يوم 12 الجاري", "ar", "2025-03-12"),
    ("on the 12th of this month", "en", "2025-03-12"),
])
def test_a_day_of_the_current_month(raw, lang, expected):
    assert [d.value for d in find_dates(normalize_text(raw), "2025-03-14", lang)] == [expected]


@pytest.mark.parametrize("raw, expected", [
    # «اثنين», «أحد» without the article are numbers («واثنين بفاس»: and two in Fes), weekdays after «يوم»
    ("جرى توقيف ثلاثة مشتبه فيهم بالدار البيضاء، واثنين بفاس، وواحد بتازة", []),
    ("يوم اثنين", ["2025-01-20"]),
    ("، الاثنين ،", ["2025-01-20"]),
])
def test_a_numeral_is_no_weekday_without_its_article(raw, expected):
    assert [d.value for d in find_dates(normalize_text(raw), "2025-01-22", "ar")] == expected


@pytest.mark.parametrize("lang, raw, statement", [
    # the day after a verb of saying is the statement's, past "in a statement", "told AFP" …
    ("en", "The BCIJ said in a statement on Sunday that the suspect had been in contact with the cell.", True),
    ("en", "A security source told Al-Monitor on Wednesday that the cell had weapons.", True),
    # «يوم» before the weekday is the date's own word, not one of the words between the verb and the day
    ("ar", "تفكيك الخلية التي أعلن عنها المكتب المركزي للأبحاث القضائية يوم الأربعاء", True),
    # … unless an operation verb stands nearer: the arrest's day
    ("en", "Police said two suspects were arrested Tuesday in Tangier.", False),
    ("fr", "Le ministère a indiqué que deux suspects ont été arrêtés mardi à Tanger.", False),
])
def test_the_day_of_a_statement_and_the_day_of_an_arrest(lang, raw, statement):
    from marsad.text.dates import announced
    from marsad.text.tokens import tokenize
    tokens, _ = tokenize(normalize_text(raw))
    [dm] = find_dates(normalize_text(raw), "2023-03-15", lang)
    first = next(k for k, t in enumerate(tokens) if t.start >= dm.start)
    assert announced(tokens, first, lang) is statement


@pytest.mark.parametrize("text, lang", [
    # a month set off by a comma before a count is the month: "In April, 19 people were rounded up", «En avril, 19
    # personnes», «في أبريل، 19 شخصا» (batch 57's op-ed lost its April); a year after the comma is the month's
    ("In April, 19 people were rounded up in five cities.", "en"),
    ("En avril, 19 personnes ont été arrêtées dans cinq villes.", "fr"),
    ("في أبريل، 19 شخصا اعتقلوا في خمس مدن.", "ar"),
])
def test_a_month_before_a_comma_and_a_count_is_the_month(text, lang):
    from marsad.text.normalize import normalize_text
    found = [(d.kind, d.rule) for d in scan_dates(normalize_text(text), lang)]
    assert found == [("month", {"month": 4})]


def test_a_year_after_the_month_s_comma_is_its_year():
    from marsad.text.normalize import normalize_text
    assert [(d.kind, d.value) for d in scan_dates(normalize_text("In April, 2019, police arrested five people."), "en")] \
        == [("month", "2019-04")]


@pytest.mark.parametrize("text, lang, expected", [
    # a month labelling a chronology's line dates it, and «le 14», "on the 14th", «يوم 14» after the label are days of it
    ("Récapitulatif.\n- Janvier : le 14, un partisan est interpellé à Salé.\n- Septembre : quatre suspects arrêtés.",
     "fr", ["2025-01-14", "2025-09"]),
    ("Month by month.\n- January: on the 14th, a supporter was arrested in Sale.\n- September: four suspects held.",
     "en", ["2025-01-14", "2025-09"]),
    ("حصيلة السنة شهرا بشهر.\n- يناير: يوم 14، توقيف موال لداعش بسلا.\n- شتنبر: توقيف أربعة أشخاص.",
     "ar", ["2025-01-14", "2025-09"]),
])
def test_a_month_labelling_a_line_dates_it(text, lang, expected):
    from marsad.text.dates import resolve_dates
    found = [d.value for d in resolve_dates(scan_dates(normalize_text(text), lang), "2025-12-31") if d.kind in ("day", "month")]
    assert found == expected


@pytest.mark.parametrize("lang, raw, published, expected", [
    # a night from one weekday to the next is both days (the gold's convention: dev3 n7-06; batches 30, 49, 68)
    ("fr", "dans la nuit de samedi à dimanche", "2024-06-17", ["2024-06-15/2024-06-16"]),
    ("fr", "dans la nuit de lundi à mardi", "2025-10-15", ["2025-10-13/2025-10-14"]),
    ("ar", "ليلة السبت إلى الأحد", "2024-06-17", ["2024-06-15/2024-06-16"]),
    ("ar", "ليلة الاثنين إلى الثلاثاء", "2026-01-14", ["2026-01-12/2026-01-13"]),
    ("en", "overnight from Saturday to Sunday", "2024-06-17", ["2024-06-15/2024-06-16"]),
    ("en", "on the night of Monday to Tuesday", "2026-01-14", ["2026-01-12/2026-01-13"]),
    # ended by the publication the same morning
    ("fr", "dans la nuit de dimanche à lundi", "2024-06-17", ["2024-06-16/2024-06-17"]),
    # two weekdays apart are no night; a weekday alone stays one day
    ("fr", "dans la nuit de samedi à lundi", "2024-06-18", ["2024-06-15", "2024-06-17"]),
    ("fr", "samedi", "2024-06-17", ["2024-06-15"]),
])
def test_a_night_from_one_weekday_to_the_next_is_both_days(lang, raw, published, expected):
    found = [d.value for d in find_dates(normalize_text(raw), published, lang) if d.kind in ("day", "relative")]
    assert found == expected
