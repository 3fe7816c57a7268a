"""Browsing queries (marsad.store.browse) and the rollups of schema version 5.

The rollups kept by triggers must equal a rebuild from scratch after every kind of write
(ingest, merge, split, full resolution, a re-ingested article, the V4 -> V5 migration);
both page plans must give the same pages; statistics from rollups must equal live
aggregation; page queries must use indexes (checked with EXPLAIN QUERY PLAN on a
synthetic store).
"""
from __future__ import annotations

import itertools
import sqlite3
import sys
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.server.pool import connect_readonly
from marsad.store import Store, browse
from marsad.store.migrations import MIGRATIONS, ROLLUPS
from test_server_corpus import copy_store, corpus_db  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synthetic_store  # noqa: E402

F = browse.Filters


def rollups(conn: sqlite3.Connection) -> dict:
    tables = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall())
              for t in [*ROLLUPS, "canonical_partners", "stats_documents"]}
    tables["columns"] = sorted(conn.execute("SELECT id, arrested, killed, month FROM canonical_events"))
    return tables


def assert_rollups_consistent(path: Path) -> None:
    """The trigger-kept rollups equal those computed from scratch."""
    conn = sqlite3.connect(path, isolation_level=None)
    kept = rollups(conn)
    conn.execute("BEGIN")
    browse.rebuild_rollups(conn)
    rebuilt = rollups(conn)
    conn.execute("ROLLBACK")
    conn.close()
    assert kept["stats_events"], "the store has events"
    for table in kept:
        assert kept[table] == rebuilt[table], table


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return synthetic_store.build(tmp_path_factory.mktemp("syn") / "syn.db", events=4000, documents=300, seed=3)


@pytest.fixture(scope="module")
def syn(synthetic):
    conn = connect_readonly(str(synthetic))
    yield conn
    conn.close()


# -- rollups ---------------------------------------------------------------------------------------

def test_rollups_after_ingesting_the_corpus(corpus_db):
    assert_rollups_consistent(corpus_db)


def test_rollups_after_merge_split_and_full_resolution(corpus_db, tmp_path):
    db = copy_store(corpus_db, tmp_path / "w.db")
    with Store(db, create=False) as store:
        events = store.canonical_events(place="tangier")
        merged = store.merge([events[0]["id"], events[1]["id"]])
        keys = store.canonical_event(merged)["mention_keys"]
        store.split(merged, keys[:1])
        store.resolve()
    assert_rollups_consistent(db)


def test_rollups_after_an_article_changes_and_is_resolved_again(corpus_db, tmp_path):
    db = copy_store(corpus_db, tmp_path / "w.db")
    with Store(db, create=False) as store:
        for doc_id, old, new in (("ev_01", "اثني عشر", "ثلاثة"), ("ev_42", "more than 40", "more than 50")):
            doc = store.document(doc_id)
            assert old in doc["text"]
            changed = Document(id=doc_id, text=doc["text"].replace(old, new), published=doc["published"])
            store.add(changed, extract(changed))
            store.resolve([doc_id])
        assert store.claims(source="Cherkaoui Habboub")[0]["value"] == 50
    assert_rollups_consistent(db)


def test_a_place_changing_region_marks_the_rollups_stale_and_the_app_rebuilds_them(corpus_db, tmp_path):
    from marsad.server import create_app
    db = copy_store(corpus_db, tmp_path / "w.db")
    with Store(db, create=False) as store:
        store.conn.execute("UPDATE places SET region = 'somewhere-else' WHERE id = 'tangier'")
        assert browse.rollups_stale(store.conn)
    create_app(db)
    with Store(db, create=False) as store:
        assert not browse.rollups_stale(store.conn)
        regions = {v for (v,) in store.conn.execute(
            "SELECT value FROM stats_values WHERE field = 'region'")}
    assert "somewhere-else" in regions
    assert_rollups_consistent(db)


def test_migrating_a_version_4_store_fills_the_rollups(corpus_db, tmp_path):
    old = tmp_path / "v4.db"
    conn = sqlite3.connect(old, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:4], start=1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    conn.execute("ATTACH DATABASE ? AS src", (str(corpus_db),))
    for table in ("documents", "places", "event_mentions", "claims", "canonical_events", "canonical_values",
                  "canonical_members"):
        columns = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
        conn.execute(f"INSERT INTO main.{table} SELECT {', '.join(columns)} FROM src.{table}")
    conn.execute("DETACH DATABASE src")
    conn.close()
    with Store(old, create=False):
        pass
    with sqlite3.connect(corpus_db) as a, sqlite3.connect(old) as b:
        assert rollups(a) == rollups(b)


# -- filters and cursors ---------------------------------------------------------------------------

def test_filters_validate_dates_and_words():
    with pytest.raises(InputError, match="since"):
        F(since="2020-13")
    with pytest.raises(InputError, match="until"):
        F(until="soon")
    with pytest.raises(InputError, match="no words"):
        F(q="?!")
    assert F(place="fes").values() == {"place": "fes"} and not F().given()


def test_filter_values_are_bound_parameters(syn):
    nasty = "x' OR '1'='1"
    f = F(place=nasty, region=nasty, org=nasty, agency=nasty, partner=nasty, q="word", since="2020")
    where, params = browse.where_sql(syn, f)
    assert nasty not in " ".join(where) and params.count(nasty) == 5


@pytest.mark.parametrize("token", ["", "abc", "e30", "eyJzIjoiZGF0ZSJ9", browse.encode_cursor("date", ["a"], 1),
                                   browse.encode_cursor("-date", ["a", "b"], True),
                                   browse.encode_cursor("-date", [["a"], "b"], 1),
                                   browse.encode_cursor("-date", ["a", "b"], "1")])
def test_invalid_cursors_are_input_errors(token):
    with pytest.raises(InputError, match="cursor"):
        browse.decode_cursor(token, "-date", 2)


def test_cursor_round_trip():
    token = browse.encode_cursor("arrested", [12], 99)
    assert browse.decode_cursor(token, "arrested", 1) == ([12], 99)
    assert browse.decode_cursor(browse.encode_cursor("arrested", None, 7), "arrested", 1) == (None, 7)


# -- plans, pages and statistics on a synthetic store ----------------------------------------------

PAGE_FILTERS = [
    F(), F(type="attack"), F(since="2020"), F(until="2005-06-15"), F(since="2010-03-04", until="2010-09-01"),
    F(place="casablanca"), F(place="tangier", type="arrest"), F(region="oriental", since="2015"),
    F(org="isis", agency="bcij"), F(partner="ES"), F(background=True, type="seizure"), F(q="داعش"),
    F(place="atlantis"),
]


def pages(conn, f: F, sort: str, limit: int) -> list[str]:
    out, cursor = [], None
    while True:
        page = browse.events_page(conn, f, sort, limit, cursor)
        out += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return out


@pytest.mark.parametrize("f", PAGE_FILTERS, ids=repr)
def test_both_plans_give_the_same_pages(syn, monkeypatch, f):
    sorts = ("-date", "arrested", "-sources")
    results = {}
    for forced in ("walk", "subset"):
        def chosen(conn, f_, sort, limit, forced=forced):
            if forced == "walk" or not (f_.values() or f_.q):
                index = sort.type_index if (sort and f_.type and sort.type_index) else (sort.index if sort else None)
                return browse.Plan(None, index)
            name = "q" if f_.q else next(iter(f_.values()))
            return browse.Plan(name, None)
        monkeypatch.setattr(browse, "plan", chosen)
        results[forced] = {s: pages(syn, f, s, 500 if f.q else 37) for s in sorts}
    monkeypatch.undo()
    assert results["walk"] == results["subset"]
    for sort in sorts:
        everything = pages(syn, f, sort, 500)
        assert results["walk"][sort] == everything and len(set(everything)) == len(everything)


STATS_FILTERS = [
    F(), F(type="cell_dismantled"), F(background=False), F(since="2015"), F(until="2010"),
    F(since="2012", until="2014", type="attack"), F(since="2018-04"), F(since="2018-04", until="2019-02"),
    F(place="casablanca"), F(place="ouarzazate", type="arrest"), F(region="oriental"), F(org="isis", since="2020"),
    F(partner="ES", background=True), F(agency="dgst", until="2008-06"), F(place="casablanca", since="2010", until="2015"),
    F(region="oriental", until="2012", type="arrest"), F(q="داعش", type="attack"), F(since="2011-02-03", until="2011-02-03"),
    F(since="2002"), F(until="2024", background=False), F(since="2002", until="2024", org="isis"),
    F(until="2023", place="casablanca", type="cell_dismantled"), F(since="2003", until="2003"),
]


@pytest.mark.parametrize("f", STATS_FILTERS, ids=repr)
def test_statistics_from_rollups_equal_live_aggregation(syn, f):
    cells, facets = browse._live(syn, f)
    assert browse.stats(syn, f) == {**browse._shape(syn, browse._counts(cells, facets)),
                                    "by_span": browse._span_dicts(browse.spans(syn, f, live=True)),
                                    **browse._documents_and_claims(syn, f)}


def query_plans(conn, call, *marks: str) -> list[str]:
    """EXPLAIN QUERY PLAN of every query ``call`` runs whose SQL holds one of ``marks``."""
    plans: list[str] = []

    class Explaining:
        def execute(self, sql, params=()):
            if any(mark in sql for mark in marks):
                plans.append("\n".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)))
            return conn.execute(sql, params)

    call(Explaining())
    return plans


@pytest.mark.parametrize("f", PAGE_FILTERS[:-2], ids=repr)
@pytest.mark.parametrize("sort", ["-date", "date", "-arrested", "sources"])
def test_page_queries_never_scan_the_events_table(syn, f, sort):
    plans = query_plans(syn, lambda conn: browse.events_page(conn, f, sort, 50), "canonical_events c")
    assert plans
    for plan in plans:
        assert "SCAN c\n" not in plan + "\n" and not plan.startswith("SCAN canonical_events"), plan
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan or "PRIMARY KEY" in plan, plan


@pytest.mark.parametrize("f", [F(), F(type="attack", since="2015"), F(place="casablanca"), F(since="2018-04")], ids=repr)
def test_rollup_statistics_never_read_the_events_table(syn, f):
    plans = query_plans(syn, lambda conn: browse.stats(conn, f), "canonical_events c", "FROM stats_")
    assert plans and not any("canonical_events" in p for p in plans)


def test_plans_follow_selectivity(syn):
    date = browse.SORTS["date"]
    rare = browse.plan(syn, F(place="ouarzazate", type="attack"), date, 50)
    common = browse.plan(syn, F(place="casablanca"), date, 50)
    assert rare.driver == "place" and common.driver is None
    assert browse.plan(syn, F(type="attack"), date, 50).index == "canonical_events_type_dates"
    narrow = browse.plan(syn, F(since="2010-03-04", until="2010-03-05"), browse.SORTS["arrested"], 50)
    assert narrow == browse.Plan(None, "canonical_events_dates")  # gather the few days, then sort
    assert browse.plan(syn, F(q="zzyzx"), date, 50).driver == "q"
    assert browse.plan(syn, F(q="داعش"), date, 50).driver is None  # every document says it: walk


def test_meta_and_version(syn, synthetic):
    meta = browse.meta(syn)
    assert set(meta["orgs"]) <= set(synthetic_store.ORGS) and meta["date_range"]["min"] <= meta["date_range"]["max"]
    version = browse.version(syn)
    with Store(synthetic, create=False) as store:
        store.conn.execute("DELETE FROM canonical_events WHERE id = (SELECT id FROM canonical_events LIMIT 1)")
    assert browse.version(syn) > version
    assert_rollups_consistent(synthetic)


def test_every_combination_of_two_value_filters_equals_the_intersection(syn):
    values = {"place": "casablanca", "region": "oriental", "org": "isis", "agency": "bcij", "partner": "FR"}
    for (a, va), (b, vb) in itertools.combinations(values.items(), 2):
        both = set(pages(syn, F(**{a: va, b: vb}), "-date", 500))
        assert both == set(pages(syn, F(**{a: va}), "-date", 500)) & set(pages(syn, F(**{b: vb}), "-date", 500))


EDGE_FILTERS = [
    F(since="2011-02-03", until="2011-02-03"), F(since="2011-02-03", until="2011-02-27"),
    F(since="2010-03-04", until="2010-09-01"), F(since="2010-03-28", until="2012-11-02", type="attack"),
    F(since="2015-06-15"), F(since="2015-06-02", background=True), F(until="2005-06-15"),
    F(until="2005-06-02", type="arrest"), F(since="2009-12-31", until="2010-01-01"),
    F(since="2012-01-01", until="2012-03-15"), F(since="2012-03-15", until="2012-12-31", background=False),
    F(since="2013-02-28", until="2013-03-01"), F(since="2016-02-01", until="2016-02-28"),
    F(since="2011-02-20", until="2011-02-10"), F(since="2011-03-20", until="2011-02-10"),
    F(since="9999-12-15"), F(until="0001-01-15"), F(since="0001-01-02", until="9999-12-30"),
]


@pytest.mark.parametrize("f", EDGE_FILTERS, ids=repr)
def test_statistics_with_bounds_inside_months_equal_live_aggregation(syn, f, monkeypatch):
    """Whole months from the rollups, the edge months counted live (either way round)."""
    cells, facets = browse._live(syn, f)
    expected = {**browse._shape(syn, browse._counts(cells, facets)),
                "by_span": browse._span_dicts(browse.spans(syn, f, live=True)), **browse._documents_and_claims(syn, f)}
    assert browse.stats(syn, f) == expected
    for side in ("inside", "outside"):  # either way round
        monkeypatch.setattr(browse, "EDGE_SIDE", side)
        assert browse.stats(syn, f) == expected, side


@pytest.mark.parametrize("f", [F(org="isis", place="casablanca"), F(place="casablanca", q="داعش"),
                               F(region="oriental", partner="ES"), F(agency="bcij", partner="ES", place="casablanca"),
                               F(org="isis", agency="bcij", since="2012-03-04", until="2016-05-06"),
                               F(q="داعش", org="isis", region="oriental")], ids=repr)
def test_statistics_through_a_driver_equal_a_scan_checking_every_filter(syn, f, monkeypatch):
    """The driver's query checks the other value and text filters before an event is read."""
    real = browse.stats(syn, f)
    monkeypatch.setattr(browse, "plan", lambda conn, f_, sort, limit: browse.Plan(None, None))
    assert real == browse.stats(syn, f) and real["events"] > 0
    scanned = pages(syn, f, "-date", 500)
    for name in [*f.values(), *(["q"] if f.q else [])]:
        monkeypatch.setattr(browse, "plan", lambda conn, f_, sort, limit, name=name: browse.Plan(name, None))
        assert real == browse.stats(syn, f), name
        assert pages(syn, f, "-date", 40) == scanned


def test_an_event_of_an_article_with_no_headline_is_titled_by_its_evidence(tmp_path):
    """Item 3 of the analyst's bench: no title and no headline-shaped line (a long paragraph of
    context first): the first sentence of the event's evidence names it, not the article's first line."""
    context = ("Le Maroc a renforcé ces dernières années sa stratégie de lutte contre le terrorisme, fondée sur "
               "l'anticipation, la coopération internationale et la réforme du champ religieux, une approche saluée "
               "par plusieurs partenaires européens et africains lors de nombreuses rencontres régionales consacrées "
               "à la sécurité au Sahel et en Afrique du Nord.")
    news = ("Le BCIJ a démantelé mardi à Tanger une cellule terroriste de quatre partisans de Daech. Les suspects, "
            "âgés de 22 à 35 ans, préparaient des attentats contre des sites sensibles, selon un communiqué du "
            "ministère de l'Intérieur, qui précise que les perquisitions ont permis la saisie d'armes blanches.")
    doc = Document(id="t1", text=context + "\n\n" + news, published="2024-05-14", lang="fr")
    with Store(tmp_path / "t.db") as store:
        store.add(doc, extract(doc))
        store.resolve(["t1"])
        [event] = browse.events_page(store.conn, browse.Filters())["items"]
    assert event["title"].startswith("Le BCIJ a démantelé mardi à Tanger")
