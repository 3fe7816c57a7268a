"""The in-memory event index (marsad.store.event_index) gives browse's SQL answers.

Pages (every sort, followed cursor by cursor) and statistics through the index must equal
those of the SQL path (tested on its own in test_store_browse and test_server_api) for
random filters on a synthetic store, with the prefix sums spaced a few events apart (so
that runs, list cuts and their edges all occur) and at their real spacing; and for the
filter tables of test_store_browse. A store whose values SQL compares differently is
refused.
"""
from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest

from marsad.server.pool import connect_readonly
from marsad.store import browse
from marsad.store.event_index import EventIndex
from test_store_browse import PAGE_FILTERS, STATS_FILTERS, syn, synthetic  # noqa: F401
from test_server_corpus import copy_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synthetic_store  # noqa: E402

F = browse.Filters
SMALL_BLOCKS = (64, 16, 32)  # positions, list entries for facets, list entries for cells


@pytest.fixture(scope="module")
def store(synthetic) -> Path:
    return synthetic


@pytest.fixture(scope="module")
def conn(syn):
    return syn


@pytest.fixture(scope="module", params=[SMALL_BLOCKS, None], ids=["small-blocks", "real-blocks"])
def index(conn, request):
    return EventIndex.load(conn, **({"blocks": request.param} if request.param else {}))


def vocabulary(conn: sqlite3.Connection) -> dict[str, list]:
    def column(sql: str) -> list:
        return [r[0] for r in conn.execute(sql)]
    return {
        "place": column("SELECT DISTINCT value FROM canonical_values WHERE field = 'places'") + ["atlantis"],
        "org": column("SELECT DISTINCT value FROM canonical_values WHERE field = 'affiliation'"),
        "agency": column("SELECT DISTINCT value FROM canonical_values WHERE field = 'agencies'"),
        "region": column("SELECT DISTINCT region FROM places WHERE region IS NOT NULL"),
        "partner": column("SELECT DISTINCT partner FROM canonical_partners"),
    }


def random_filters(rng: random.Random, words: dict[str, list]) -> F:
    def day() -> str:
        year = rng.randint(1999, 2027)
        return rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}",
                           f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
    given = {"type": rng.choice(browse.TYPES), "since": day(), "until": day(),
             "background": rng.random() < 0.5, "q": rng.choice(["داعش", "خلية", "terror"]), "exact": True,
             **{name: rng.choice(values) for name, values in words.items()}}
    odds = {"type": 0.4, "since": 0.4, "until": 0.4, "place": 0.3, "region": 0.2, "org": 0.25,
            "agency": 0.15, "partner": 0.1, "background": 0.15, "q": 0.08, "exact": 0.1}
    return F(**{name: value for name, value in given.items() if rng.random() < odds[name]})


def pages(conn, f: F, sort: str, limit: int, index: EventIndex | None, most: int = 8) -> list[tuple]:
    """(ids, next_cursor) of the first ``most`` pages."""
    out, cursor = [], None
    for _ in range(most):
        page = browse.events_page(conn, f, sort, limit, cursor, index=index)
        out.append(([e["id"] for e in page["items"]], page["next_cursor"]))
        cursor = page["next_cursor"]
        if cursor is None:
            break
    return out


def test_random_filters_sorts_and_cursors_give_the_sql_answers(conn, index):
    rng = random.Random(4)
    words = vocabulary(conn)
    for _ in range(120):
        f = random_filters(rng, words)
        assert browse.stats(conn, f, index=index) == browse.stats(conn, f), f
        sort, limit = rng.choice(browse.SORT_NAMES), rng.choice([1, 7, 60, 500])
        assert pages(conn, f, sort, limit, index) == pages(conn, f, sort, limit, None), (f, sort, limit)


@pytest.mark.parametrize("f", PAGE_FILTERS, ids=repr)
def test_the_page_filter_table_gives_the_sql_pages(conn, index, f):
    limit = 500 if f.q else 97  # every page, to the last
    for sort in browse.SORT_NAMES:
        assert pages(conn, f, sort, limit, index, most=100) == pages(conn, f, sort, limit, None, most=100), sort


@pytest.mark.parametrize("f", STATS_FILTERS, ids=repr)
def test_the_statistics_filter_table_gives_the_sql_statistics(conn, index, f):
    assert browse.stats(conn, f, index=index) == browse.stats(conn, f)


def test_exports_read_through_the_index_list_the_same_events(conn, index):
    f = F(since="2010", org="isis")
    via_index = [e["id"] for batch in browse.iter_events(conn, f, "-arrested", 100, index=index) for e in batch]
    assert via_index == [e["id"] for batch in browse.iter_events(conn, f, "-arrested", 100) for e in batch]
    assert len(via_index) > 100


def test_a_cursor_key_no_page_gives_out_is_answered_by_sql(conn, index):
    """Cursors are opaque but only checked for shape: a key this store never holds (a date
    that is not a day, a count as text) is placed by SQL's own comparison."""
    for sort, key in (("-date", ["2015-13", "2015-13"]), ("date", ["2015-06-01", "x"]), ("arrested", ["7"])):
        cursor = browse.encode_cursor(sort, key, 1)
        assert index.page(F(), sort, 10, key, 1, True) is None
        assert (browse.events_page(conn, F(), sort, 10, cursor, index=index)
                == browse.events_page(conn, F(), sort, 10, cursor))


def test_selection_counts_match_the_filters(conn, index):
    """A selection's positions are exactly the matching events, each once."""
    for f in (F(), F(type="attack"), F(since="2010-03-04", until="2012"), F(place="casablanca", since="2015"),
              F(org="isis", agency="bcij"), F(background=True, region="oriental")):
        positions = index.positions(index.select(f))
        assert len(np.unique(positions)) == len(positions)
        assert sorted(index.rowids[positions].tolist()) == sorted(
            r[0] for r in conn.execute(f"SELECT c.rowid FROM canonical_events c WHERE "
                                       f"{' AND '.join(browse.where_sql(conn, f)[0]) or '1'}",
                                       browse.where_sql(conn, f)[1]))


def test_the_index_carries_the_store_version(conn, index):
    assert index.version == browse.version(conn)
    assert index.n == conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0]


@pytest.mark.parametrize("change", [
    "UPDATE canonical_events SET date_start = '2015-06' WHERE rowid = (SELECT min(rowid) FROM canonical_events "
    "WHERE date_start IS NOT NULL)",
    "UPDATE canonical_events SET arrested = 'seven' WHERE rowid = (SELECT min(rowid) FROM canonical_events)",
    "UPDATE canonical_events SET date_end = '2001-01-01', date_start = '2002-01-01' "
    "WHERE rowid = (SELECT min(rowid) FROM canonical_events)",
], ids=["month-as-start", "text-count", "end-before-start"])
def test_a_store_sql_compares_differently_is_refused(store, tmp_path, change):
    path = copy_store(store, tmp_path / "odd.db")
    with sqlite3.connect(path) as db:
        db.execute(change)
    odd = connect_readonly(str(path))
    try:
        assert EventIndex.load(odd) is None
    finally:
        odd.close()


def test_an_empty_store_has_an_empty_index(tmp_path):
    path = synthetic_store.build(tmp_path / "empty.db", events=0, documents=0)
    empty = connect_readonly(str(path))
    try:
        index = EventIndex.load(empty)
        assert index is not None and index.n == 0
        assert browse.stats(empty, F(since="2020"), index=index) == browse.stats(empty, F(since="2020"))
        assert browse.events_page(empty, F(), "-arrested", 5, index=index) == {"items": [], "next_cursor": None}
    finally:
        empty.close()
