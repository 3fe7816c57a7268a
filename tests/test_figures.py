"""The figures check (marsad.figures): claims on one footing, compared, against the record."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.figures.compare import check_figures, growth_verdict, verdict_of
from marsad.figures.footing import claim_period, figure, value_interval
from marsad.figures.record import RecordTally
from marsad.figures.report import check
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.server.app import create_app
from marsad.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
D = dt.date


@pytest.mark.parametrize("value, qualifier, interval", [
    (183, "exact", (183, 183)),
    (200, "more_than", (201, None)),
    (35, "at_least", (35, None)),
    (50, "at_most", (0, 50)),
    (360, "about", (324, 396)),
    (5, "about", (4, 6)),  # give or take at least one
])
def test_a_qualifier_is_an_interval(value, qualifier, interval):
    assert value_interval(value, qualifier) == interval


@pytest.mark.parametrize("claim, period", [
    ({"period": "2020"}, (D(2020, 1, 1), D(2020, 12, 31), False)),
    ({"period": "2024-09"}, (D(2024, 9, 1), D(2024, 9, 30), False)),
    ({"since": "2002", "until": "2018"}, (D(2002, 1, 1), D(2018, 12, 31), False)),
    ({"since": "2015-03", "until": "2021-06-30"}, (D(2015, 3, 1), D(2021, 6, 30), False)),
    ({"since": "2002", "published": "2019-03-10"}, (D(2002, 1, 1), D(2019, 3, 10), True)),  # up to the day said
    ({"since": "2002"}, (D(2002, 1, 1), None, False)),  # said when? not known
    ({"until": "2018"}, (None, D(2018, 12, 31), False)),
    ({"since": "2019", "until": "2015"}, (None, None, False)),  # ends before it starts: no period
    ({}, (None, None, False)),
])
def test_a_period_is_a_span_of_days(claim, period):
    assert claim_period(claim) == period


def claim(i, value, qualifier="exact", metric="cells_dismantled", since=None, until=None, period=None,
          published=None, source=None, subset=None, document=None):
    return {"id": i, "document_id": document or f"doc{i}", "metric": metric, "value": value,
            "qualifier": qualifier, "since": since, "until": until, "period": period, "subset": subset,
            "source": source, "published": published, "evidence": [[0, 1]], "url": None}


def verdicts(claims):
    return sorted((c.kind, c.verdict) for c in check_figures([figure(x) for x in claims]))


@pytest.mark.parametrize("claims, expected", [
    # one period
    ([claim(1, 21, period="2015"), claim(2, 21, period="2015")], [("same_period", "agree")]),
    ([claim(1, 200, "more_than", since="2002", until="2018"), claim(2, 250, since="2002", until="2018")],
     [("same_period", "compatible")]),
    ([claim(1, 186, since="2002", until="2018"), claim(2, 183, since="2002", until="2018")],
     [("same_period", "conflict")]),
    ([claim(1, 360, "about", period="2016"), claim(2, 380, period="2016")], [("same_period", "compatible")]),
    ([claim(1, 360, "about", period="2016"), claim(2, 420, period="2016")], [("same_period", "conflict")]),
    # other subsets or metrics are not compared
    ([claim(1, 51, period="2015", subset="isis-linked"), claim(2, 21, period="2015")], []),
    ([claim(1, 275, period="2015", metric="persons_arrested"), claim(2, 21, period="2015")], []),
    # a series: the same start, the count told later
    ([claim(1, 183, since="2002", published="2019-03-10"), claim(2, 190, "more_than", since="2002",
                                                                   published="2019-06-01")],
     [("series", "superseded")]),
    ([claim(1, 186, since="2002", published="2018-12-30"), claim(2, 183, since="2002", published="2019-03-10")],
     [("series", "conflict")]),  # the total cannot shrink
    ([claim(1, 190, "more_than", since="2002", published="2019-06-01"),
      claim(2, 195, since="2002", published="2019-07-01")], [("series", "compatible")]),
    # nested: a year inside a span of another start
    ([claim(1, 7, period="2020"), claim(2, 80, since="2015", until="2022")], []),  # it fits: not listed
    ([claim(1, 90, period="2020"), claim(2, 80, since="2015", until="2022")], [("nested", "conflict")]),
    # a year's figure is not nested in a span that ends on a publication day (only its series)
    ([claim(1, 7, period="2020"), claim(2, 80, since="2015", published="2022-01-01")], []),
    # yearly figures that add up to a span's (the first year and the span are also a series)
    ([claim(1, 10, period="2017"), claim(2, 12, period="2018"), claim(3, 22, since="2017", until="2018")],
     [("series", "superseded"), ("sum", "agree")]),
    ([claim(1, 10, period="2017"), claim(2, 12, period="2018"), claim(3, 30, since="2017", until="2018")],
     [("series", "superseded"), ("sum", "conflict")]),
    ([claim(1, 10, period="2017"), claim(3, 30, since="2017", until="2018")], [("series", "superseded")]),  # no 2018
    # figures with no period are not compared
    ([claim(1, 186), claim(2, 183)], []),
])
def test_verdicts(claims, expected):
    assert verdicts(claims) == sorted(expected)


def test_verdict_rules():
    assert verdict_of([(3, 3), (3, 3)]) == "agree"
    assert verdict_of([(3, 3), (2, None), (0, 5)]) == "compatible"
    assert verdict_of([(3, 3), (0, 5), (4, None)]) == "conflict"
    assert growth_verdict((183, 183), (201, None)) == "superseded"
    assert growth_verdict((201, None), (183, 183)) == "conflict"
    assert growth_verdict((201, None), (250, 250)) == "compatible"


# --- the chain: figures the extractor reads in three languages --------------------------

ARTICLES = [
    # (id, lang, published, text)
    ("fig-ar-1", "ar", "2019-03-10", "أكد عبد الحق الخيام، مدير المكتب المركزي للأبحاث القضائية، أن المصالح "
                                     "الأمنية فككت 183 خلية إرهابية منذ سنة 2002."),
    ("fig-en-1", "en", "2018-12-30", "Since 2002, Moroccan security services have dismantled 186 terrorist cells "
                                     "and arrested more than 3,000 suspects, according to the Interior Ministry."),
    ("fig-fr-1", "fr", "2019-06-01", "Depuis 2002, plus de 190 cellules terroristes ont été démantelées au Maroc, "
                                     "selon le ministère de l'Intérieur."),
    ("fig-en-2", "en", "2019-06-01", "More than 190 terrorist cells have been dismantled in Morocco since 2002, "
                                     "according to the BCIJ."),
    ("fig-en-3", "en", "2020-01-15", "Morocco dismantled 14 terrorist cells in 2019, the Interior Ministry said."),
    ("fig-fr-2", "fr", "2020-01-16", "Le BCIJ a démantelé 14 cellules terroristes en 2019, a indiqué le ministère "
                                     "de l'Intérieur."),
    # two operations of 2019 for the record to count
    ("fig-op-1", "en", "2019-04-12", "TANGIER - Moroccan police on Thursday dismantled a terrorist cell of four "
                                     "members loyal to the Islamic State in Tangier, the Interior Ministry said."),
    ("fig-op-2", "ar", "2019-10-03", "تمكن المكتب المركزي للأبحاث القضائية، يوم الأربعاء، من تفكيك خلية إرهابية "
                                     "تتكون من ستة عناصر موالية لتنظيم داعش تنشط بمدينة فاس."),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store_path(request, tmp_path_factory) -> str:
    """The articles stored and resolved, on each backend (a SQLite file, a PostgreSQL database)."""
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("figures") / "figures.db")
    else:
        path = request.getfixturevalue("pg_server").new_database()
    with Store(path) as store:
        for i, lang, published, text in ARTICLES:
            doc = Document(id=i, text=text, lang=lang, published=published, url=f"https://news{i[-1]}.example/{i}")
            store.add(doc, extract(doc))
        store.resolve()
    return path


def result(store_path, **filters):
    with Store(store_path, create=False) as store:
        return check(store.claims(), RecordTally(*store.figure_tallies()), **filters)


def find(checks, kind, metric="cells_dismantled"):
    return [c for c in checks if c["kind"] == kind and c["metric"] == metric]


def test_the_figures_are_read_in_three_languages(store_path):
    figures = result(store_path)["figures"]
    by_doc = {(f["document_id"], f["metric"]): f for f in figures}
    assert by_doc[("fig-ar-1", "cells_dismantled")]["source_id"] == "khiame"
    assert by_doc[("fig-ar-1", "cells_dismantled")]["start"] == "2002-01-01"
    assert by_doc[("fig-ar-1", "cells_dismantled")]["end"] == "2019-03-10"  # up to the day it was said
    assert by_doc[("fig-fr-1", "cells_dismantled")]["low"] == 191
    assert by_doc[("fig-en-3", "cells_dismantled")]["start"] == "2019-01-01"


def test_checks_across_languages(store_path):
    checks = result(store_path)["checks"]
    verdict_by_docs = {}
    for c in find(checks, "series") + find(checks, "same_period"):
        docs = tuple(sorted({f["document_id"] for f in c["figures"]}))
        verdict_by_docs[docs] = c["verdict"]
    assert verdict_by_docs[("fig-ar-1", "fig-en-1")] == "conflict"  # 186 in Dec 2018, 183 in March 2019
    assert verdict_by_docs[("fig-en-2", "fig-fr-1")] == "agree"  # one day, more than 190 in both
    assert verdict_by_docs[("fig-ar-1", "fig-en-2", "fig-fr-1")] == "superseded"
    assert verdict_by_docs[("fig-en-3", "fig-fr-2")] == "agree"  # 14 cells in 2019, English and French


def test_each_figure_comes_with_the_record_s_count(store_path):
    figures = {f["document_id"]: f for f in result(store_path)["figures"] if f["metric"] == "cells_dismantled"}
    record_2019 = figures["fig-en-3"]["record"]
    assert record_2019["count"] == 2  # the two cells of 2019 the store holds
    assert record_2019["documents"] == 5  # published in 2019: fig-ar-1, fig-fr-1, fig-en-2, fig-op-1, fig-op-2
    assert record_2019["outlets"] >= 2


def test_filters(store_path):
    assert {f["source_id"] for f in result(store_path, source="الخيام")["figures"]} == {"khiame"}
    assert {f["document_id"] for f in result(store_path, source="Interior Ministry")["figures"]} == {
        "fig-en-1", "fig-fr-1", "fig-en-3", "fig-fr-2"}
    assert all(c["verdict"] == "conflict" for c in result(store_path, verdict="conflict")["checks"])
    assert {f["document_id"] for f in result(store_path, since="2019-12")["figures"]} >= {"fig-en-3", "fig-fr-2"}
    assert "fig-en-1" not in {f["document_id"] for f in result(store_path, until="2001")["figures"]}
    assert all(f["metric"] == "persons_arrested" for f in result(store_path, metric="persons_arrested")["figures"])


def run_cli(*args):
    cli = "import sys; from marsad.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", cli, *args], capture_output=True, text=True, timeout=120)


def test_the_cli_shows_a_conflict(store_path):
    out = run_cli("check", "--db", str(store_path), "--verdict", "conflict")
    assert out.returncode == 0, out.stderr
    assert "conflict" in out.stdout and "186" in out.stdout and "183" in out.stdout
    js = run_cli("check", "--db", str(store_path), "--format", "json", "--source", "khiame")
    data = json.loads(js.stdout)
    assert {f["source_id"] for f in data["figures"]} == {"khiame"}
    assert js.stdout == json.dumps(result(store_path, source="khiame"), ensure_ascii=False, indent=2) + "\n"
    bad = run_cli("check", "--db", str(store_path), "--since", "last year")
    assert bad.returncode != 0 and "--since" in bad.stderr and "Traceback" not in bad.stderr


def test_claims_source_by_any_name(store_path):
    for name in ("khiame", "الخيام", "Abdelhak Al Khayam"):
        out = run_cli("claims", "--db", str(store_path), "--source", name, "--format", "json")
        assert [c["document_id"] for c in json.loads(out.stdout)] == ["fig-ar-1"], name


def test_the_api_shows_a_conflict(store_path):
    with TestClient(create_app(store_path, index="sync"), raise_server_exceptions=False) as client:
        r = client.get("/api/checks", params={"verdict": "conflict"})
        assert r.status_code == 200
        assert r.json()["checks"] and all(c["verdict"] == "conflict" for c in r.json()["checks"])
        assert client.get("/api/checks", params={"verdict": "maybe"}).status_code == 400
        assert client.get("/api/claims", params={"source": "الخيام"}).json()["items"][0]["document_id"] == "fig-ar-1"
        assert "/api/checks" in client.get("/openapi.json").json()["paths"]


def test_tally_counts_days_and_spans():
    tally = RecordTally(
        events=[("cell_dismantled", "2019-04-11", "2019-04-11", 2, 9), ("arrest", "2019-05-01", "2019-05-01", 1, 1),
                ("cell_dismantled", "2019-06-01", "2019-06-30", 1, 4),  # a month: inside 2019, not inside May
                ("attack", "2018-12-31", "2018-12-31", 1, 0)],
        documents=[("2019-04-12", "a.example", 3), ("2019-04-13", "b.example", 1), ("2020-01-02", None, 1)],
        undated=5)
    year = (D(2019, 1, 1), D(2019, 12, 31))
    assert tally.count("cells_dismantled", *year) == 3
    assert tally.count("persons_arrested", *year) == 14
    assert tally.count("cells_dismantled", D(2019, 6, 15), D(2019, 12, 31)) == 0
    assert tally.count("attacks", *year) == 0 and tally.count("attacks", D(2018, 1, 1), D(2018, 12, 31)) == 1
    assert tally.count("plots_foiled", *year) is None
    cov = tally.coverage(*year)
    assert (cov.documents, cov.outlets, cov.months, cov.undated_events) == (4, 2, 1, 5)


@pytest.mark.skipif(not (SHARED / "dev3" / "docs.jsonl").exists(), reason="../shared/eval not present (a user's clone)")
def test_known_disagreements_in_the_gold_sets(tmp_path):
    """dev, dev2 and dev3 hold several cumulative totals for 2002-2018 from different
    articles (183 and 186 cells); the check reports them as a conflict."""
    from marsad.ingest import ingest_paths
    db = tmp_path / "dev.db"
    with Store(db) as store:
        ingest_paths([SHARED / s / "docs.jsonl" for s in ("dev", "dev2", "dev3")], store)
    res = result(db, metric="cells_dismantled", verdict="conflict")
    spans = [c for c in res["checks"] if c["periods"][0] == ["2002-01-01", "2018-12-31"] and c["subset"] is None]
    assert spans and len({f["document_id"] for f in spans[0]["figures"]}) >= 2
    assert {f["value"] for f in spans[0]["figures"]} >= {183, 186}


def test_tally_counts_as_its_definition_on_random_dates():
    """Counts by bisection equal the plain count of events whose days all lie in the period,
    for days, weeks, months, years and longer dates, on random periods."""
    import random
    rng = random.Random(3)
    rows = []
    for _ in range(2000):
        first = D(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
        last = first + dt.timedelta(days=rng.choice([0, 0, 0, 6, 30, 364, 365, 800, 2000]))
        rows.append((rng.choice(["cell_dismantled", "arrest", "attack"]), first.isoformat(), last.isoformat(),
                     rng.randrange(1, 3), rng.randrange(0, 9)))
    tally = RecordTally(rows, [], 0)
    wanted = {"cells_dismantled": (("cell_dismantled",), 3), "persons_arrested": (("cell_dismantled", "arrest"), 4),
              "attacks": (("attack",), 3)}
    for _ in range(300):
        start = D(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
        end = start + dt.timedelta(days=rng.randrange(4000))
        for metric, (types, column) in wanted.items():
            expected = sum(r[column] for r in rows
                           if r[0] in types and start.isoformat() <= r[1] and r[2] <= end.isoformat())
            assert tally.count(metric, start, end) == expected, (metric, start, end)


def test_one_pass_verdicts_equal_the_pairwise_definition():
    """verdict_of and a period's common interval, worked out in one pass, equal comparing every
    two intervals and narrowing from 0 up one figure at a time (empty and negative intervals too)."""
    import random
    from marsad.figures.compare import PeriodGroup
    from marsad.figures.footing import overlap

    def pairwise(intervals):
        if any(overlap(a, b) is None for i, a in enumerate(intervals) for b in intervals[i + 1:]):
            return "conflict"
        return "agree" if len(set(intervals)) == 1 else "compatible"

    rng = random.Random(5)
    for _ in range(3000):
        intervals = []
        for _ in range(rng.randrange(1, 6)):
            low = rng.randrange(-3, 12)
            intervals.append((low, rng.choice([None, low + rng.randrange(-2, 5)])))
        if len(intervals) > 1:
            assert verdict_of(intervals) == pairwise(intervals), intervals
        group = PeriodGroup("cells_dismantled", None, D(2019, 1, 1), D(2019, 12, 31), [
            figure(claim(i, 1)) for i in range(len(intervals))])
        for f, (low, high) in zip(group.figures, intervals):
            f.low, f.high = low, high
        narrowed = (0, None)
        for low, high in intervals:
            narrowed = overlap(narrowed, (low, high)) if narrowed is not None else None
        assert group.settle().interval == narrowed, intervals


def test_rows_and_dicts_give_one_answer(store_path):
    """The check over the store's rows (evidence as its JSON text) is the check over claim dicts."""
    with Store(store_path, create=False) as store:
        tally = RecordTally(*store.figure_tallies())
        rows, dicts = check(store.figure_rows(), tally), check(store.claims(), tally)
    assert rows == dicts and rows["checks"]
    assert all(ref["evidence"] for c in rows["checks"] for ref in c["figures"])


def test_the_api_lists_one_series_and_a_check_s_first_figures(store_path):
    with TestClient(create_app(store_path, index="off")) as client:
        every = client.get("/api/checks", params={"metric": "cells_dismantled", "figures": "all"}).json()
        first = client.get("/api/checks", params={"metric": "cells_dismantled", "figures": "first",
                                                  "per_check": 1}).json()
        none = client.get("/api/checks", params={"metric": "cells_dismantled", "figures": "none"}).json()
        assert client.get("/api/checks", params={"figures": "some"}).status_code == 400
    def series_of(f):  # as the dashboard charts it
        if not (f["start"] and f["end"]):
            return None
        one_year = f["start"][:4] == f["end"][:4] and f["start"].endswith("-01-01") and f["end"].endswith("-12-31")
        return "year" if one_year else f["start"]

    counts = Counter(series_of(f) for f in every["figures"] if series_of(f))
    assert {s["key"]: s["figures"] for s in first["series"]} == counts
    key = first["figures_of"]
    assert key == first["series"][0]["key"] and key != "year"  # running totals come first
    assert first["figures"] == [f for f in every["figures"] if series_of(f) == key]
    assert none["figures"] == [] and none["checks"] == every["checks"] and none["figures_of"] is None
    assert [c["claim_ids"] for c in first["checks"]] == [c["claim_ids"] for c in every["checks"]]
    assert all(c["figures"] == e["figures"][:1] for c, e in zip(first["checks"], every["checks"]))
    assert any(len(c["claim_ids"]) > 1 for c in first["checks"])


def test_the_table_lists_a_check_s_first_figures():
    from marsad.cli_figures import FIGURES_SHOWN, _figures_text
    claims = [claim(i, 10 + i, period="2019") for i in range(FIGURES_SHOWN + 3)]
    found = check(claims, RecordTally([], []))["checks"]
    assert [c["kind"] for c in found] == ["same_period"]
    text = _figures_text({**found[0], "figures": found[0]["figures"][:FIGURES_SHOWN]})
    assert text.count("doc") == FIGURES_SHOWN and text.endswith("… 3 more")
