"""The canonical record rules (marsad.canonical), one rule per test, on hand-made mentions."""
from __future__ import annotations

import pytest

from marsad.canonical import canonical_record, choose_date, disagreements, sort_sources


def m(doc, type="cell_dismantled", published="2025-02-20", ordinal=0, **fields):
    return {"key": f"{doc}#{ordinal}", "document_id": doc, "published": published, "type": type,
            "background": False, "date": None, "places": [], "country": "MA", "arrested": None,
            "killed": None, "age_min": None, "age_max": None, "affiliation": [], "agencies": [],
            "partners": [], "cell_name": None, "seized": [], "plot": [], "targets": [], **fields}


def record(*mentions):
    return canonical_record(list(mentions), [{"document_id": x["document_id"], "published": x["published"]}
                                             for x in mentions])


def test_the_count_most_reports_agree_on_and_every_reported_value():
    r = record(m("a", arrested=12), m("b", arrested=12), m("c", arrested=10), m("d"))
    assert r["arrested"] == 12
    assert r["arrested_reported"] == {"12": ["a", "b"], "10": ["c"]}


def test_agreeing_counts_report_no_disagreement():
    r = record(m("a", arrested=4), m("b", arrested=4, killed=None))
    assert (r["arrested"], r["arrested_reported"], r["killed_reported"]) == (4, None, None)


@pytest.mark.parametrize("official, expected", [("a", 9), ("b", 3), (None, 9)])
def test_a_tie_goes_to_the_official_statement_else_the_larger(official, expected):
    agencies = lambda doc: ["bcij"] if doc == official else ["dgsn"]  # noqa: E731
    r = record(m("a", arrested=9, agencies=agencies("a")), m("b", arrested=3, agencies=agencies("b")))
    assert r["arrested"] == expected


def test_killed_follows_the_same_rule():
    r = record(m("a", type="attack", killed=14, published="2011-04-28"),
               m("b", type="attack", killed=17, published="2011-05-02"),
               m("c", type="attack", killed=17, published="2012-04-28"))
    assert r["killed"] == 17 and r["killed_reported"] == {"14": ["a"], "17": ["b", "c"]}


@pytest.mark.parametrize("types, arrested, expected", [
    (["arrest", "cell_dismantled"], 5, "cell_dismantled"),
    (["arrest", "cell_dismantled"], None, "cell_dismantled"),
    (["arrest", "cell_dismantled"], 1, "arrest"),
    (["cell_dismantled"], 1, "cell_dismantled"),
    (["seizure", "attack"], None, "attack"),
    (["arrest", "arrest"], 1, "arrest"),
])
def test_type_is_the_most_specific(types, arrested, expected):
    r = record(*(m(f"d{i}", type=t, arrested=arrested) for i, t in enumerate(types)))
    assert r["type"] == expected


@pytest.mark.parametrize("dates, expected", [
    (["2025-02-19", "2025-02", "2025"], "2025-02-19"),           # inside every other one
    (["2025-02-17/2025-02-23", "2025-02-19", None], "2025-02-19"),
    (["2025-02-20", "2025-02-19", "2025-02"], "2025-02-19"),     # disagreeing days: the earliest
    (["2011", "2011-04"], "2011-04"),
    ([None, None], None),
    (["2017-10-17/2017-10-23", "2017-10-23"], "2017-10-23"),
])
def test_date_is_the_most_specific_consistent_one(dates, expected):
    assert choose_date(dates) == expected


def test_lists_are_unions_in_first_seen_order_and_isis_sahel_drops_isis():
    r = record(m("late", published="2025-02-21", places=["fes", "tamesna"], affiliation=["isis"],
                 agencies=["dgst"]),
               m("early", published="2025-02-19", places=["laayoune", "fes"],
                 affiliation=["isis-sahel"], agencies=["bcij"], seized=["explosives"]))
    assert r["places"] == ["laayoune", "fes", "tamesna"]
    assert r["affiliation"] == ["isis-sahel"]
    assert r["agencies"] == ["bcij", "dgst"] and r["seized"] == ["explosives"]


def test_ages_cell_name_background_and_country():
    r = record(m("a", age_min=19, age_max=35, background=True),
               m("b", age_min=18, age_max=30, cell_name="أسود الخلافة", published="2025-02-21"),
               m("c", age_min=None, age_max=40, cell_name="Lions du califat", published="2025-02-22"))
    assert (r["age_min"], r["age_max"]) == (18, 40)
    assert r["cell_name"] == "أسود الخلافة"
    assert r["background"] is False and r["country"] == "MA"
    assert record(m("a", background=True), m("b", background=True))["background"] is True


def test_the_record_does_not_depend_on_the_order_of_mentions():
    ms = [m("a", arrested=9, places=["tetouan"]), m("b", arrested=3, places=["fnideq"], published="2025-02-19"),
          m("c", date="2025-02-18", places=["ceuta", "tetouan"])]
    assert record(*ms) == record(*reversed(ms))


def test_sources_one_per_document_sorted_by_publication():
    sources = [{"document_id": "z", "published": None, "url": "u3"},
               {"document_id": "b", "published": "2025-02-20", "url": "u2", "outlet": "lematin"},
               {"document_id": "a", "published": "2025-02-20", "url": "u1"},
               {"document_id": "b", "published": "2025-02-20", "url": "u2", "outlet": "lematin"}]
    assert [s["document_id"] for s in sort_sources(sources)] == ["a", "b", "z"]
    assert set(sort_sources(sources)[0]) == {"document_id", "outlet", "url", "lang", "published"}


def test_disagreements_name_the_documents_behind_each_value():
    d = disagreements([m("a", date="2025-02-19", arrested=12), m("b", date="2025-02-20", arrested=12)])
    assert d == {"date": {"2025-02-19": ["a"], "2025-02-20": ["b"]}}


def test_an_empty_group_is_a_mistake():
    with pytest.raises(ValueError):
        canonical_record([], [])


@pytest.mark.parametrize("dates, expected", [
    # a recall of the Imlil murders dated by the page it is on: it votes for the attack's date
    (["2018", "2023-03-15"], "2018-12-17"),
    (["2018-12", None, "2023-03-15"], "2018-12-17"),
    (["2018-12-17", "2018"], "2018-12-17"),
])
def test_a_date_contradicting_the_well_known_attack_gives_way_to_it(dates, expected):
    ms = [m(f"d{i}", type="attack", date=d, known="attack@2018-12-17", ordinal=0) for i, d in enumerate(dates)]
    assert record(*ms)["date"] == expected
