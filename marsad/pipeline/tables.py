"""Tables in an article's text: their rows and cells, and the tables of an operation's arrests by town.

marsad.web.html writes an HTML table as rows of cells between pipes (as trafilatura's Markdown
does: «| 2021 | 10 | 52 |»), and reports print theirs that way too («Casablanca | 3»). A table
is a run of such lines, maybe under a header rule («|---|---|»). :func:`table_rows` finds them;
marsad.pipeline.claims reads the tables of yearly figures, :func:`town_tables` the tables of an
operation's arrests by town:

    Ville | Suspects interpellés         المدينة | عدد الموقوفين | السن
    Casablanca | 3                       تازة | 3 | 19 و23 و27 سنة
    Salé | 2                             جرسيف | 2 | 24 و31 سنة
    Total | 5

A header names the towns' column (lexicon ``table_town_header``), a column of persons (a person
noun or an arrest word) and maybe one of ages (``table_age_header``); each row opens on a
Moroccan town and counts its arrested; a «Total» row (``table_total``) gives the sum.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import attrgetter

from .drafts import _cue_words
from .mentions import Analysis, Mention, Quantity

Cell = tuple[int, int]  # (start, end) in the normalized text

# A table's row: three cells or more between pipes, or two cells and a pipe at either end.
_TABLE_ROW = re.compile(r"^[^|\n]*(?:\|[^|\n]*){2,}$|^[^|\n]+\|[^|\n]+$", re.M)
_RULE_CELL = re.compile(r"\s*:?-{2,}:?\s*")


def table_rows(text: str) -> list[list[list[Cell]]]:
    """The tables of ``text``: each a list of rows (its header first), each row its cells."""
    tables: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    last_end = -2
    for m in _TABLE_ROW.finditer(text):
        cells, start = [], m.start()
        for part in m.group().split("|"):
            cells.append((start, start + len(part)))
            start += len(part) + 1
        cells = [c for k, c in enumerate(cells) if text[c[0]:c[1]].strip() or 0 < k < len(cells) - 1]
        if all(_RULE_CELL.fullmatch(text[c0:c1]) for c0, c1 in cells):
            last_end = m.end()
            continue  # «|---|---|»: the header's rule
        if m.start() != last_end + 1:
            rows = []
            tables.append(rows)
        rows.append(cells)
        last_end = m.end()
    return tables


# A line of a series of yearly figures written with a colon: «2019 : 14», "2025*: 7" (a footnote's star).
_YEAR_FIGURE_LINE = re.compile(r"^[ \t]*(?:19|20)\d\d\*?[ \t]*:[ \t]*\d[\d., \t]*$", re.M)
# Lines a series needs: two could be a date and a time.
SERIES_MIN_ROWS = 3


def has_year_series(text: str) -> bool:
    """Whether the text may hold a series of yearly figures (a line opening on a year and a colon)."""
    return _YEAR_FIGURE_LINE.search(text) is not None


def year_series(text: str) -> list[list[list[Cell]]]:
    """The series of yearly figures written a year and a colon to a line, under a caption that names
    what they count («Cellules terroristes démantelées au Maroc, par année» / «2019 : 14» / «2020 : 8» …),
    as tables of :func:`table_rows`' shape: the caption's line is the header of the figures' column."""
    out: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    last_end = -2
    for m in list(_YEAR_FIGURE_LINE.finditer(text)) + [None]:
        if m is None or m.start() != last_end + 1:
            if len(rows) >= SERIES_MIN_ROWS:
                first = rows[0][0][0]
                cap_end = len(text[:first].rstrip())  # the caption: the line before the series
                cap_start = text.rfind("\n", 0, cap_end) + 1
                if cap_end > cap_start:
                    out.append([[(cap_start, cap_start), (cap_start, cap_end)]] + rows)
            rows = []
        if m is None:
            break
        colon = text.index(":", m.start())
        rows.append([(m.start(), colon), (colon + 1, m.end())])
        last_end = m.end()
    return out


_START = attrgetter("start")


def tokens_in(a: Analysis, cell: Cell) -> range:
    """The tokens that start in a cell."""
    return range(bisect_left(a.tokens, cell[0], key=_START), bisect_left(a.tokens, cell[1], key=_START))


@dataclass
class TownTable:
    """An operation's arrests by town: the towns' mentions, the total arrested (a «Total» row's or
    the rows' sum) and the ages the table gives, each with the quantity that says it."""

    sentences: set[int]
    places: list[Mention]
    arrested: Quantity
    ages: list[Quantity] = field(default_factory=list)


def town_tables(a: Analysis) -> list[TownTable]:
    """The tables of arrests by town in the article (module doc)."""
    if "|" not in a.nt.text:
        return []
    out = []
    for rows in table_rows(a.nt.text):
        table = _town_table(a, rows)
        if table is not None:
            out.append(table)
    return out


def _town_table(a: Analysis, rows: list[list[Cell]]) -> TownTable | None:
    if len(rows) < 3:
        return None
    header = rows[0]
    town_col = next((k for k, c in enumerate(header) if _has(a, c, "table_town_header")), None)
    count_col = next((k for k, c in enumerate(header) if k != town_col and _counts_persons(a, c)), None)
    if town_col is None or count_col is None:
        return None
    age_col = next((k for k, c in enumerate(header) if k not in (town_col, count_col)
                    and _has(a, c, "table_age_header")), None)
    places, counts, ages, total, sentences = [], [], [], None, set()
    for cells in rows[1:]:
        if max(town_col, count_col) >= len(cells):
            return None
        count = _one_number(a, cells[count_col])
        if count is None:
            return None
        sentences.add(a.tokens[count[1]].sentence)
        if _has(a, cells[town_col], "table_total"):
            total = count
            continue
        town = [m for m in _mentions_in(a, cells[town_col], "place") if m.value.country == "MA"]
        if len(town) != 1:
            return None
        places.append(town[0])
        counts.append(count)
        if age_col is not None and age_col < len(cells):
            ages += _ages(a, cells[age_col])
    if len(places) < 2:
        return None
    rows_sum = sum(v for v, _, _ in counts)
    if total is None:  # the rows' sum, said by the rows from the first town to the last count
        arrested = Quantity("persons", rows_sum, rows_sum, a.tokens[places[0].start].start, counts[-1][2],
                            places[0].sentence)
    elif total[0] == rows_sum:
        t = a.tokens[total[1]]
        arrested = Quantity("persons", total[0], total[0], t.start, total[2], t.sentence)
    else:
        return None  # the rows are not the whole
    return TownTable(sentences, places, arrested, ages)


def counted_cells(a: Analysis) -> list[Quantity]:
    """The persons a table of operations counts, one row an operation: in a table with a column of dates (every row's
    cell there holds a day or a month: «Janvier | Had Soualem | 4 | …», «14/05/2025 | Tétouan | 4»), the number in
    the column its header names by persons or arrests («Interpellés», "Arrests", «عدد الموقوفين») is its row's count
    of persons, as «4 suspects» would be."""
    if "|" not in a.nt.text:
        return []
    out = []
    for rows in table_rows(a.nt.text):
        if len(rows) < 3:
            continue
        header, body = rows[0], rows[1:]
        count_col = next((k for k, c in enumerate(header) if _counts_persons(a, c)), None)
        if count_col is None or not any(all(k < len(cells) and _holds_a_date(a, cells[k]) for cells in body)
                                        for k in range(len(header)) if k != count_col):
            continue
        for cells in body:
            found = _leading_number(a, cells[count_col]) if count_col < len(cells) else None
            if found is not None:
                value, k, end = found
                t = a.tokens[k]
                out.append(Quantity("persons", value, value, t.start, end, t.sentence))
    return out


def _counts_persons(a: Analysis, cell: Cell) -> bool:
    """A header cell naming a column of persons: a person noun or an arrest word."""
    return _has(a, cell, "person") or _has(a, cell, "plural_persons") or _has(a, cell, "trigger:arrest")


def _holds_a_date(a: Analysis, cell: Cell) -> bool:
    ks = tokens_in(a, cell)
    return bool(ks) and any(cell[0] <= d.start < cell[1] and d.kind in ("day", "month")
                            for d in a.dates_in(a.tokens[ks[0]].sentence))


def _has(a: Analysis, cell: Cell, kind: str) -> bool:
    """A mention of ``kind`` in the cell, or a word of that lexicon list (a list read as single words)."""
    if _mentions_in(a, cell, kind):
        return True
    words = _cue_words(a.lang, kind)  # the lexicon's word lists, normalized
    return any(a.tokens[k].text in words for k in tokens_in(a, cell))


def _mentions_in(a: Analysis, cell: Cell, kind: str) -> list[Mention]:
    ks = tokens_in(a, cell)
    if not ks:
        return []
    si = a.tokens[ks[0]].sentence
    return [m for m in a.by_sentence.get(si, ()) if m.kind == kind and ks.start <= m.start < ks.stop]


def _one_number(a: Analysis, cell: Cell) -> tuple[int, int, int] | None:
    """(value, token, end offset) of the cell's only number."""
    ks = [k for k in tokens_in(a, cell) if k in a.numbers]
    if len(ks) != 1:
        return None
    value, end = a.numbers[ks[0]]
    return value, ks[0], a.tokens[end - 1].end


def _leading_number(a: Analysis, cell: Cell) -> tuple[int, int, int] | None:
    """(value, token, end offset) of the number a cell opens on, when the cell has only that number or gives the rest
    in brackets («12 (18-40 ans)»: twelve persons, their ages aside)."""
    ks = tokens_in(a, cell)
    if not ks or ks[0] not in a.numbers:
        return None
    value, end = a.numbers[ks[0]]
    rest = a.nt.text[a.tokens[end - 1].end:cell[1]].strip()
    if rest and not (rest.startswith("(") and rest.endswith(")")):
        return None
    return value, ks[0], a.tokens[end - 1].end


def _ages(a: Analysis, cell: Cell) -> list[Quantity]:
    """Each age in an ages' cell («19 و23 و27 سنة», «19, 23 et 27 ans»), as a quantity."""
    out = []
    for k in tokens_in(a, cell):
        if k in a.numbers:
            value = a.numbers[k][0]
            if 10 <= value <= 99:
                t = a.tokens[k]
                out.append(Quantity("age", value, value, t.start, t.end, t.sentence))
    return out
