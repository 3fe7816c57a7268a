"""A page of checks (marsad.figures.paged, from the claims' stored footing) is the same slice of
the whole check (marsad.figures.report.check): pages concatenated, totals, series and figures,
on a store of a few dozen figures read in three languages, on SQLite and PostgreSQL."""
from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from marsad.figures.paged import check_page, facts, page_json
from marsad.figures.record import RecordTally
from marsad.figures.report import check, checked
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.server.app import create_app
from marsad.store import Store
from marsad.store.kept_totals import catch_up
from marsad.store.tallies import _GROUPS, _tuples, footing_groups

YEAR = {
    "en": "Morocco dismantled {n} terrorist cells in {y}, the Interior Ministry said.",
    "en-bcij": "Morocco dismantled {n} terrorist cells in {y}, according to the BCIJ.",
    "fr": "Le Maroc a démantelé {n} cellules terroristes en {y}, selon le BCIJ.",
    "ar": "فككت المصالح الأمنية {n} خلايا إرهابية خلال سنة {y}، حسب المكتب المركزي للأبحاث القضائية.",
}
SINCE_2002 = {
    "ar": "أكد عبد الحق الخيام، مدير المكتب المركزي للأبحاث القضائية، أن المصالح الأمنية فككت {n} خلية إرهابية "
          "منذ سنة 2002.",
    "en": "Since 2002, Moroccan security services have dismantled {n} terrorist cells and arrested more than "
          "{m} suspects, according to the Interior Ministry.",
    "fr": "Depuis 2002, plus de {n} cellules terroristes ont été démantelées au Maroc, selon le ministère de "
          "l'Intérieur.",
}
# (template, language, published, values): the years 2017-2020 stated by several sources, some
# disagreeing; running totals since 2002; two spans of years (a sum and a nested conflict)
ARTICLES = [
    *[(YEAR[k], k[:2], f"{y + 1}-01-{10 + i}", {"n": n, "y": y}) for i, (k, y, n) in enumerate([
        ("en", 2017, 9), ("fr", 2017, 9), ("ar", 2017, 10), ("en-bcij", 2018, 11), ("ar", 2018, 11),
        ("en", 2019, 12), ("fr", 2019, 12), ("ar", 2019, 12), ("en", 2020, 9), ("fr", 2020, 9), ("ar", 2020, 9)])],
    (SINCE_2002["ar"], "ar", "2019-03-10", {"n": 183}), (SINCE_2002["en"], "en", "2018-12-30", {"n": 186, "m": 3000}),
    (SINCE_2002["fr"], "fr", "2019-06-01", {"n": 190}), (SINCE_2002["ar"], "ar", "2020-03-01", {"n": 210}),
    (SINCE_2002["en"], "en", "2021-05-02", {"n": 200, "m": 3500}), (SINCE_2002["fr"], "fr", "2021-05-02", {"n": 205}),
    ("Between 2018 and 2020, Moroccan security services dismantled 40 terrorist cells, the Interior Ministry said.",
     "en", "2021-02-10", {}),
    ("From 2015 to 2020, Morocco dismantled 25 terrorist cells, the BCIJ said.", "en", "2021-02-11", {}),
    ("TANGIER - Moroccan police on Thursday dismantled a terrorist cell of four members loyal to the Islamic State "
     "in Tangier, the Interior Ministry said.", "en", "2019-04-12", {}),
    ("تمكن المكتب المركزي للأبحاث القضائية، يوم الأربعاء، من تفكيك خلية إرهابية تتكون من ستة عناصر موالية لتنظيم "
     "داعش تنشط بمدينة فاس.", "ar", "2019-10-03", {}),
]
FILTERS = [{}, {"verdict": "conflict"}, {"source": "الخيام"}, {"source": "BCIJ", "since": "2019"},
           {"since": "2018", "until": "2019"}, {"metric": "cells_dismantled", "verdict": "superseded"}]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store_path(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("paged") / "paged.db")
    else:
        path = request.getfixturevalue("pg_server").new_database()
    with Store(path) as store:
        for i, (template, lang, published, values) in enumerate(ARTICLES):
            doc = Document(id=f"p{i:02d}", text=template.format(**values), lang=lang, published=published,
                           url=f"https://news{i % 4}.example/p{i}")
            store.add(doc, extract(doc))
        store.resolve()
    return path


def whole(store: Store, **filters) -> dict:
    return check(store.claims(), RecordTally(*store.figure_tallies()), **filters)


def pages(store: Store, limit: int, **filters) -> tuple[list, set[int]]:
    """Every page's checks, one after the other, and the totals the pages gave."""
    tally, out, totals, offset = RecordTally(*store.figure_tallies()), [], set(), 0
    while offset is not None:
        page = check_page(store.footing_reader(), offset=offset, limit=limit, **filters)
        out += page_json(page, tally)["checks"]
        totals.add(page.total)
        offset = page.next_offset
    return out, totals


def test_pages_are_the_whole_check(store_path):
    with Store(store_path, create=False) as store:
        every = whole(store)["checks"]
        assert len(store.claims()) >= 20
        assert {c["kind"] for c in every} == {"same_period", "series", "nested", "sum"}
        assert {"agree", "conflict", "superseded"} <= {c["verdict"] for c in every}
        tally = RecordTally(*store.figure_tallies())
        for filters in FILTERS:
            full = whole(store, **filters)
            assert full["checks"], filters
            assert pages(store, 4, **filters) == (full["checks"], {len(full["checks"])}), filters
            found = checked(store.claims(), **filters)
            everything = page_json(check_page(store.footing_reader(), limit=None, figures="all", **filters), tally)
            assert everything["figures"] == full["figures"] and everything["series"] == found.series()
            one = page_json(check_page(store.footing_reader(), limit=2, figures="first", **filters), tally)
            assert one["figures"] == found.json(tally, figures=one["figures_of"])["figures"], filters


def test_claims_stored_before_the_footing_are_filled_in(store_path):
    with Store(store_path, create=False) as store:
        before, every = pages(store, 5), whole(store)["checks"]
        with TestClient(create_app(store_path, index="off")) as client:
            store.conn.execute("DELETE FROM claim_footing WHERE claim_id IN (SELECT min(id) FROM claims)")
            # a claim without its footing: the server answers the long way, the same checks
            assert client.get("/api/checks", params={"limit": 1000}).json()["checks"] == every
        assert store.fill_footing() == 1 and store.fill_footing() == 0
        assert pages(store, 5) == before


def test_the_api_and_the_cli_page_the_checks(store_path):
    with Store(store_path, create=False) as store:
        every = whole(store)["checks"]
    with TestClient(create_app(store_path, index="off")) as client:
        got, url = [], "/api/checks?limit=3"
        while url:
            r = client.get(url)
            assert r.status_code == 200
            got += r.json()["checks"]
            assert r.json()["total"] == len(every)
            url = r.json()["next"]
        assert got == every
        first = client.get("/api/checks").json()
        assert {f["claim_id"] for f in first["figures"]} == {i for c in first["checks"] for i in c["claim_ids"]}
        ranks = ["conflict", "superseded", "compatible", "agree"]
        by_verdict = client.get("/api/checks", params={"order": "verdict", "limit": 2, "figures": "all"}).json()
        assert by_verdict["checks"] == sorted(every, key=lambda c: (ranks.index(c["verdict"]), c["kind"]))[:2]
        assert set(by_verdict["in_conflict"]) == {i for c in every if c["verdict"] == "conflict"
                                                  for i in c["claim_ids"]} & {f["claim_id"] for f in by_verdict["figures"]}
        assert by_verdict["in_conflict"] and set(by_verdict["in_conflict"]) < {f["claim_id"] for f in by_verdict["figures"]}
        assert client.get("/api/checks", params={"limit": 1001}).status_code == 400
    cli = "import sys; from marsad.cli import main; sys.exit(main())"
    out = subprocess.run([sys.executable, "-c", cli, "check", "--db", store_path, "--limit", "4"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    closing = out.stdout.rstrip().splitlines()[-1]
    assert closing.startswith(f"checks 1-4 of {len(every)}; {len(every) - 4} more: --cursor ")
    assert closing.endswith(" for the next 4, --limit 0 for all, --format csv or json to export them")
    assert [line.split()[0] for line in out.stdout.splitlines()[2:6]] == [c["verdict"] for c in every[:4]]
    out = subprocess.run([sys.executable, "-c", cli, "check", "--db", store_path, "--limit", "4", "--cursor",
                          closing.split("--cursor ")[1].split()[0]], capture_output=True, text=True, timeout=60)
    assert out.stdout.rstrip().splitlines()[-1].startswith(f"checks 5-8 of {len(every)}; ")
    assert [line.split()[:2] for line in out.stdout.splitlines()[2:6]] == [[c["verdict"], c["kind"]] for c in every[4:8]]


def test_a_cursor_stays_right_across_a_write(store_path):
    """A page followed by its cursor starts past the last check shown, though an article stored
    between the two requests adds a check before it (an offset would show that check again)."""
    def ident(c):
        return c["kind"], c["metric"], c["subset"], c["periods"]
    with TestClient(create_app(store_path, index="off")) as client:
        first = client.get("/api/checks", params={"limit": 3, "order": "verdict"}).json()
        assert first["next"].endswith("cursor=" + first["next_cursor"]) and "offset" not in first["next"]
        with Store(store_path, create=False) as store:
            for i, key in enumerate(("en", "fr")):  # two figures for 2010: a check in front of the others
                doc = Document(id=f"p-2010-{key}", text=YEAR[key].format(n=8 - i, y=2010), lang=key,
                               published="2011-01-05", url=f"https://news{i}.example/2010")
                store.add(doc, extract(doc))
            every = whole(store)["checks"]
        ranks = ["conflict", "superseded", "compatible", "agree"]
        every.sort(key=lambda c: (ranks.index(c["verdict"]), c["kind"]))
        at = [ident(c) for c in every].index(ident(first["checks"][-1]))
        assert [ident(c) for c in every[:at]] != [ident(c) for c in first["checks"][:-1]]  # one came before it
        second = client.get(first["next"]).json()
        assert [ident(c) for c in second["checks"]] == [ident(c) for c in every[at + 1:at + 4]]
        by_offset = client.get("/api/checks", params={"limit": 3, "order": "verdict", "offset": 3}).json()
        assert by_offset["checks"][0] == first["checks"][-1]  # what offsets do, and cursors do not
        assert client.get("/api/checks", params={"cursor": first["next_cursor"]}).status_code == 400  # order=check


def test_the_record_s_counts_are_kept_current(store_path):
    """A page reads the record's counts the store keeps; an article, a resolution, an article
    stored again with another text move them on without the record's tallies being read again,
    and every kept count is what the tallies give from scratch (this test writes: it runs last)."""
    def year_2019(answer):
        return next(c["record"]["count"] for c in answer["checks"]
                    if c["periods"][0] == ["2019-01-01", "2019-12-31"] and c["metric"] == "cells_dismantled")

    def read(store, tallies):
        def build():
            tallies.append(1)
            return RecordTally(*store.figure_tallies())
        return page_json(check_page(store.footing_reader(), limit=None), build, totals=store.record_totals())

    with Store(store_path, create=False) as store:
        reads: list = []
        first, again = read(store, reads), read(store, reads)
        assert first == again == page_json(check_page(store.footing_reader(), limit=None),
                                           RecordTally(*store.figure_tallies()))
        assert len(reads) <= 1  # the second page read no tallies
        doc = Document(id="p-op", lang="en", published="2019-07-01", url="https://news9.example/op", text=(
            "RABAT - Moroccan police on Monday dismantled a terrorist cell of three members loyal to the Islamic "
            "State in Oujda, the Interior Ministry said."))
        store.add(doc, extract(doc))
        store.resolve()
        reads.clear()
        after = read(store, reads)
        assert reads == [] and year_2019(after) == year_2019(first) + 1
        assert after == page_json(check_page(store.footing_reader(), limit=None), RecordTally(*store.figure_tallies()))
        again = Document(id="p03", lang="fr", published="2019-01-13", url="https://elsewhere.example/p3",
                         text=YEAR["fr"].format(n=4, y=2016))  # stored again: another text, outlet and year
        store.add(again, extract(again))
        store.resolve()
        assert read(store, reads) == page_json(check_page(store.footing_reader(), limit=None),
                                               RecordTally(*store.figure_tallies()))
        assert reads == []
        assert kept_totals(store) == scratch_totals(store)
        # the groups the store keeps (claim_groups) are those of its claims' footing, grouped now
        assert facts(footing_groups(store.conn)) == facts(_tuples(store.conn, _GROUPS + " GROUP BY metric, "
                                                                   "first_day, last_day, subset"))
        assert check_page(store.footing_reader(), limit=None, figures="none").checks == checked(
            store.figure_rows()).checks


def kept_totals(store: Store) -> dict:
    with store._transaction():
        catch_up(store.conn)
        return {tuple(r[:3]): tuple(r[3:]) for r in store.conn.execute(
            "SELECT metric, first_day, last_day, count, documents, outlets, months FROM record_totals")}


def scratch_totals(store: Store) -> dict:
    """What the record's tallies give from scratch for each period kept."""
    import datetime as dt
    tally, out = RecordTally(*store.figure_tallies()), {}
    for metric, first, last in [tuple(r) for r in store.conn.execute(
            "SELECT metric, first_day, last_day FROM record_totals")]:
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        cover = tally.coverage(start, end)
        out[(metric, first, last)] = (tally.count(metric, start, end), cover.documents, cover.outlets, cover.months)
    return out


def test_a_subset_stored_as_null_and_as_empty_is_one_group():
    """As group_by_period groups them (subset or ''): counts and bounds added up, the first claim's subset."""
    from marsad.figures.paged import facts
    rows = [("attacks", "", "2019-01-01", "2019-12-31", 2, 5, 7, 9, 9, 1, 0, 12),
            ("attacks", None, "2019-01-01", "2019-12-31", 1, 3, 3, None, None, 0, 1, 4)]
    (g,) = facts(rows)
    assert (g.subset, g.figures, g.min_low, g.max_low, g.min_high, g.max_high, g.highs, g.by_publication,
            g.first_id) == (None, 3, 3, 7, 9, 9, 1, 1, 4)
    assert g.interval == (7, 9) and g.verdict == "compatible" and g.stated and g.series_key == "year"
