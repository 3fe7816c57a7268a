"""Tables in an article's text (marsad.pipeline.tables): rows and cells, and an operation's arrests by town."""
import pytest

from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.pipeline.mentions import analyze
from marsad.pipeline.tables import counted_cells, table_rows, town_tables


def _analysis(text: str, lang: str):
    return analyze(Document(id="t", text=text, lang=lang, published="2025-10-27"), lang, "2025-10-27")


@pytest.mark.parametrize("text, shape", [
    # rows of two cells or more, a header's rule left out, a blank line ends a table
    ("Ville | Suspects\n|---|---|\nTanger | 3\nFès | 2\n\nAnnée | Cellules | Personnes\n2024 | 8 | 51",
     [[2, 2, 2], [3, 3]]),
    ("| 2021 | 10 | 52 |\n| 2022 | 9 | 48 |", [[3, 3]]),
    ("Hespress | Société\n\nUn texte sans tableau.", [[2]]),
])
def test_table_rows(text, shape):
    assert [[len(row) for row in table] for table in table_rows(text)] == shape


@pytest.mark.parametrize("lang, text, towns, arrested, ages", [
    ("ar", "فكك المكتب المركزي للأبحاث القضائية خلية موالية لداعش.\n\nالمدينة | عدد الموقوفين | السن\n"
           "تازة | 3 | 19 و23 و27 سنة\nجرسيف | 2 | 24 و31 سنة\nوجدة | 1 | 36 سنة\n",
     ["taza", "guercif", "oujda"], 6, (19, 36)),
    ("fr", "Le BCIJ a démantelé jeudi une cellule de Daech.\n\nVille | Suspects interpellés\nCasablanca | 3\n"
           "Salé | 2\nErrachidia | 2\nTotal | 7\n", ["casablanca", "sale", "errachidia"], 7, None),
    ("en", "Police dismantled an Islamic State cell on Tuesday.\n\nCity | Arrested | Ages\nTangier | 2 | 22 and 30\n"
           "Tetouan | 2 | 25 and 41\n", ["tangier", "tetouan"], 4, (22, 41)),
])
def test_a_table_of_arrests_by_town_is_the_operation_s_breakdown(lang, text, towns, arrested, ages):
    [table] = town_tables(_analysis(text, lang))
    assert [m.value.id for m in table.places] == towns and table.arrested.low == arrested
    [ev] = extract(Document(id="t", text=text, lang=lang, published="2025-10-27")).events
    assert (ev.type, ev.places, ev.arrested) == ("cell_dismantled", towns, arrested)
    assert ((ev.age_min, ev.age_max) if ages else None) == ages
    start, end = ev.spans["arrested"]
    said = text[start:end]  # the total's cell, or the rows that sum to it
    assert said == "7" if lang == "fr" else (said.startswith(text.split("\n")[3].split(" |")[0]) and said[-1].isdigit())


@pytest.mark.parametrize("lang, text", [
    # a table of yearly figures is no operation's breakdown
    ("fr", "Le BCIJ a démantelé jeudi une cellule de Daech.\n\nAnnée | Cellules démantelées | Personnes interpellées\n"
           "2024 | 8 | 51\n2025 | 9 | 67\n"),
    # a total that is not the rows' sum: the table is not the whole
    ("fr", "Le BCIJ a démantelé jeudi une cellule de Daech.\n\nVille | Suspects interpellés\nCasablanca | 3\n"
           "Salé | 2\nTotal | 9\n"),
    # towns abroad: another country's arrests
    ("en", "Police dismantled an Islamic State cell on Tuesday.\n\nCity | Arrested\nMadrid | 2\nBarcelona | 3\n"),
])
def test_not_a_table_of_arrests_by_town(lang, text):
    assert town_tables(_analysis(text, lang)) == []


@pytest.mark.parametrize("lang, text", [
    # a follow-up arrest of one told first, then the initial operation's table: the table is the cell's (the
    # English row held before the rule)
    ("fr", "Quatre jours après le démantèlement, mardi, d'une cellule de Daech à Agadir, le BCIJ a interpellé vendredi à "
           "Taroudant un cinquième suspect.\n\nLe bilan de l'opération initiale :\n\nVille | Interpellations\n"
           "Agadir | 2\nInezgane | 1\nTiznit | 1\nTotal | 4\n"),
    ("en", "Four days after a Daesh cell was dismantled in Agadir on Tuesday, the BCIJ arrested a fifth suspect in "
           "Taroudant on Friday.\n\nThe first operation, town by town:\n\nCity | Arrested\nAgadir | 2\nInezgane | 1\n"
           "Tiznit | 1\n"),
])
def test_a_table_of_several_arrests_is_not_one_person_s(lang, text):
    events = extract(Document(id="t", text=text, lang=lang, published="2025-09-27")).events
    by_count = {e.arrested: e for e in events}
    assert sorted(by_count) == [1, 4] and "taroudant" in by_count[1].places
    assert sorted(by_count[4].places) == ["agadir", "inezgane", "tiznit"]


# A year-end review's table of operations, one row an operation, its date in a cell of its own (a day, or a month
# whose year the review tells), a column of arrests by its header; the press writes the three ways below.
_OPERATIONS_TABLES = [
    ("ar", "2024-12-31",
     "حصيلة 2024: أبرز العمليات الأمنية\n\nفككت المصالح الأمنية المغربية خلال سنة 2024 سبع خلايا إرهابية. وفي ما يلي أبرزها:\n\n"
     "| التاريخ | المدن | عدد الموقوفين | ملاحظات |\n|---|---|---|---|\n"
     "| 24 يناير | طنجة، بني ملال | 4 | خلية موالية لداعش |\n| 13 مارس | تيزنيت | 3 | حجز أسلحة بيضاء |\n"
     "| 23 ماي | سيدي سليمان | 5 | تنسيق مع المصالح الإسبانية |\n",
     [("2024-01-24", ["tangier", "beni-mellal"], 4), ("2024-03-13", ["tiznit"], 3), ("2024-05-23", ["sidi-slimane"], 5)]),
    ("fr", "2025-12-30",
     "Rétro 2025 : les coups de filet de l'année\n\nLes services ont démantelé neuf cellules en 2025.\n\n"
     "Mois | Villes | Interpellés | À retenir\nJanvier | Had Soualem | 4 | Une cellule pro-Daech de trois frères et un "
     "voisin.\nMai | Tétouan, Martil | 6 | Des jeunes qui voulaient rejoindre le Sahel.\n"
     "Septembre | Nador | 2 | Opération avec la police espagnole.\n",
     [("2025-01", ["had-soualem"], 4), ("2025-05", ["tetouan", "martil"], 6), ("2025-09", ["nador"], 2)]),
    ("en", "2025-12-30",
     "2025 in review\n\nMoroccan services dismantled six cells this year. The table lists the main operations.\n\n"
     "| Date | Where | Arrests | What happened |\n|---|---|---|---|\n"
     "| 19 February | Laayoune, Guercif | 12 | Islamic State cell directed from the Sahel |\n"
     "| 15 April | Nador, Selouane | 5 | Joint operation with Spain |\n| 8 July | Tetouan | 4 | Knives seized |\n",
     [("2025-02-19", ["laayoune", "guercif"], 12), ("2025-04-15", ["nador", "selouane"], 5), ("2025-07-08", ["tetouan"], 4)]),
]


@pytest.mark.parametrize("lang, published, text, operations", _OPERATIONS_TABLES)
def test_a_table_of_operations_gives_one_event_a_row(lang, published, text, operations):
    events = extract(Document(id="t", text=text, lang=lang, published=published)).events
    assert [(ev.date, ev.places, ev.arrested) for ev in events] == operations
    assert all(ev.background for ev in events)  # a review's operations are history


@pytest.mark.parametrize("lang, published, text, operations", _OPERATIONS_TABLES)
def test_a_table_s_column_of_arrests_counts_each_row_s_persons(lang, published, text, operations):
    a = analyze(Document(id="t", text=text, lang=lang, published=published), lang, published)
    assert [q.low for q in counted_cells(a)] == [n for _, _, n in operations]


@pytest.mark.parametrize("lang, text", [
    # the count cell gives the ages aside in brackets; the commentary after the table, about its first operation,
    # is no part of its last row (blind batch h74: Médias24's year in review)
    ("fr", "Les principales opérations de l'année\n\nDate | Villes | Suspects | Affiliation\n"
           "19 février | Laâyoune, Fès | 12 (18-40 ans) | EI au Sahel\n2 décembre | Oujda | 1 (21 ans) | EI\n\n"
           "Février, l'opération la plus marquante. La cellule comptait douze suspects et un arsenal a été découvert "
           "dans la province d'Errachidia."),
    ("en", "The main operations of the year\n\n| Date | Cities | Suspects | Affiliation |\n|---|---|---|---|\n"
           "| 19 February | Laayoune, Fez | 12 (aged 18-40) | IS in the Sahel |\n| 2 December | Oujda | 1 (aged 21) | IS |\n\n"
           "February, the most striking operation. The cell had twelve suspects, and an arsenal was found in the "
           "province of Errachidia."),
    ("ar", "أبرز عمليات السنة\n\nالتاريخ | المدن | الموقوفون | الانتماء\n19 فبراير | العيون، فاس | 12 (18-40 سنة) | داعش الساحل\n"
           "2 دجنبر | وجدة | 1 (21 سنة) | داعش\n\nفبراير، العملية الأبرز. فقد ضمت الخلية اثني عشر مشتبها فيه، وتم العثور على "
           "ترسانة أسلحة بإقليم الرشيدية."),
])
def test_a_table_s_counts_with_ages_aside_and_the_commentary_after_it(lang, text):
    events = extract(Document(id="t", text=text, lang=lang, published="2025-12-29")).events
    rows = [(e.date, e.places[:2], e.arrested) for e in events]
    assert rows[:2] == [("2025-02-19", ["laayoune", "fes"], 12), ("2025-12-02", ["oujda"], 1)], rows
    assert "errachidia" not in events[1].places
