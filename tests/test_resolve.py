"""Event resolution rules on hand-made mentions."""
from __future__ import annotations

import random

import pytest

from marsad.resolve import (LINK_THRESHOLD, Constraints, Mention, canonical_id, compatible, pair_score, pairwise_scores,
                            resolve)


def m(key, type="cell_dismantled", date=None, published="2025-02-20", places=(), arrested=None,
      affiliation=(), cell_name=None, background=False, known=None, killed=None, new=False,
      ages=(None, None), seized=(), partners=(), country=None):
    return Mention(key=key, type=type, background=background, date=date, published=published,
                   places=frozenset(places), arrested=arrested, affiliation=frozenset(affiliation),
                   cell_name=cell_name, known=known, killed=killed, new=new, age_min=ages[0],
                   age_max=ages[1], seized=frozenset(seized), partners=frozenset(partners),
                   country=country)


CELL_A = [
    m("ar1#0", date="2025-02-19", places=["fes", "tangier", "laayoune"], arrested=12, affiliation=["isis-sahel"]),
    m("fr1#0", date="2025-02-19", places=["fes"], arrested=12, affiliation=["isis"]),
    m("en1#0", published="2025-02-21", places=["tangier", "casablanca"], arrested=11, affiliation=["isis"]),
    m("ar2#0", type="arrest", date="2025-02-19", places=["laayoune"], arrested=12),
]
# Another cell in Fes the same week: different size, different group.
CELL_B = [
    m("ar3#0", date="2025-02-21", places=["fes"], arrested=3, affiliation=["al-qaeda"]),
    m("fr2#0", date="2025-02-21", places=["fes"], arrested=3, affiliation=["al-qaeda"]),
]
ARGANA = [
    m("ar1#1", type="attack", background=True, places=["marrakesh"], known="argana-2011", published="2025-02-20"),
    m("en2#3", type="attack", background=True, date="2011-04-28", places=["marrakesh"], killed=17, known="argana-2011"),
]
ALL = CELL_A + CELL_B + ARGANA
GOLD = {x.key: "a" for x in CELL_A} | {x.key: "b" for x in CELL_B} | {x.key: "argana" for x in ARGANA}


def test_reports_of_one_operation_form_one_group_and_traps_stay_apart():
    groups = resolve(ALL)
    assert pairwise_scores(groups, GOLD) == (1.0, 1.0)


def test_result_does_not_depend_on_ingestion_order():
    expected = [[x.key for x in g] for g in resolve(ALL)]
    for seed in range(5):
        shuffled = ALL[:]
        random.Random(seed).shuffle(shuffled)
        assert [[x.key for x in g] for g in resolve(shuffled)] == expected


def test_evidence_against():
    a = m("x#0", date="2025-02-19", places=["fes"], arrested=12)
    assert not compatible(a, m("y#0", date="2025-03-30", places=["fes"], arrested=12))  # dates too far
    assert not compatible(a, m("y#1", date="2025-02-19", places=["oujda"], arrested=12))  # no common place
    assert not compatible(a, m("y#2", date="2025-02-20", places=["fes"], arrested=3))  # counts
    assert not compatible(a, m("y#3", type="attack", date="2025-02-19", places=["fes"]))  # types
    assert compatible(a, m("y#4", type="arrest", places=["fes"]))  # an arrest of its members
    assert pair_score(a, m("y#5", date="2025-02-19", places=["fes"], arrested=12)) > pair_score(
        a, m("y#6", places=["fes"]))
    # «a new cell» two days later is another operation; told the same day it is this one
    assert not compatible(a, m("y#7", date="2025-02-21", places=["fes"], arrested=11, new=True))
    assert compatible(a, m("y#8", date="2025-02-19", places=["fes"], arrested=11, new=True))
    assert compatible(m("y#9", date="2025-02-21", places=["fes"], arrested=11, new=True),
                      m("y#10", date="2025-02-22", places=["fes"], arrested=11))


@pytest.mark.parametrize("other, one", [
    # one town's arrests of the day beside the total (Taza 3 of 7), or the first count given
    (m("y#0", date="2025-10-21", places=["taza"], arrested=3), True),
    (m("y#1", date="2025-10-21", places=["oujda", "taza", "berkane"], arrested=2), True),
    # another day: two counts are two operations
    (m("y#2", date="2025-10-23", places=["taza"], arrested=3), False),
    # dated to the month only, or undated: the count still tells them apart
    (m("y#3", date="2025-10", places=["taza"], arrested=3), False),
    (m("y#4", places=["taza"], arrested=3, published="2025-10-22"), False),
    # the same day but no town in common
    (m("y#5", date="2025-10-21", places=["nador"], arrested=3), False),
])
def test_one_day_in_one_town_is_one_operation_whatever_the_counts(other, one):
    total = m("x#0", date="2025-10-21", places=["taza", "oujda", "guercif", "berkane"], arrested=7)
    assert compatible(total, other) is one
    assert (pair_score(total, other) >= LINK_THRESHOLD) is one


def test_groups_of_one_day_accept_a_town_count_beside_the_total():
    """Group summaries: the total's reports (one undated) and a town's report of the same day
    become one event; a report of another day with that town's count stays apart."""
    reports = [m("ar#0", places=["berkane", "guercif", "oujda", "taza"], arrested=7, ages=(19, 36),
                 published="2025-10-22"),
               m("en#0", date="2025-10-21", places=["oujda", "taza"], arrested=7),
               m("fr#0", date="2025-10-21", places=["berkane", "guercif", "oujda", "taza"], arrested=7, ages=(19, 36)),
               m("ar2#0", date="2025-10-21", places=["taza"], arrested=3),
               m("ar3#0", date="2025-10-25", places=["taza"], arrested=3, new=True)]
    groups = sorted(sorted(x.key for x in g) for g in resolve(reports))
    assert groups == [["ar#0", "ar2#0", "en#0", "fr#0"], ["ar3#0"]]


def test_reports_of_a_well_known_attack_meet_at_the_village_or_the_city():
    village = m("en#1", type="attack", background=True, places=["imlil"], known="attack@2018-12-17")
    city = m("ar#1", type="attack", background=True, places=["marrakesh"], known="attack@2018-12-17")
    other = m("fr#1", type="attack", background=True, places=["imlil"], known="attack@2011-04-28")
    assert compatible(village, city) and pair_score(village, city) >= 3
    assert sorted(len(g) for g in resolve([village, city, other])) == [1, 2]


def test_manual_corrections_hold():
    base = resolve(ALL)
    split = Constraints(cannot_link={frozenset(("ar1#0", "fr1#0"))})
    groups = resolve(ALL, split)
    together = [g for g in groups if any(x.key == "ar1#0" for x in g)][0]
    assert "fr1#0" not in {x.key for x in together}
    merge = Constraints(must_link={frozenset(("ar3#0", "ar1#0"))})
    merged = [g for g in resolve(ALL, merge) if any(x.key == "ar3#0" for x in g)][0]
    assert "ar1#0" in {x.key for x in merged}
    assert len(base) == 3


def test_canonical_id_survives_new_members():
    groups = resolve(CELL_A[:2])
    before = canonical_id(groups[0])
    after = [g for g in resolve(CELL_A) if any(x.key == "ar1#0" for x in g)][0]
    assert canonical_id(after) == before


def _gold_mentions():
    """The gold event mentions of tests/corpus/events with their canonical keys."""
    import json
    from pathlib import Path

    def first(v):
        return v.rstrip("?").split("|")[0] if isinstance(v, str) else v

    def number(v):
        v = first(v)
        return None if v in (None, "null", "") else int(v)

    mentions, gold = [], {}
    for meta in sorted((Path(__file__).parent / "corpus" / "events").glob("*.json")):
        spec = json.loads(meta.read_text(encoding="utf-8"))
        published = spec["input"]["published"]
        for i, e in enumerate(spec["expected"]["events"]):
            required = [str(x) for x in e.get("places") or [] if not str(x).endswith("?")]
            key = f"{meta.stem}#{i}"
            mentions.append(Mention(
                key=key, type=e["type"], background=bool(e["background"]), date=first(e.get("date")),
                published=published, places=frozenset(p for x in required for p in x.split("|")),
                arrested=number(e.get("arrested")), killed=number(e.get("killed")),
                age_min=number(e.get("age_min")), age_max=number(e.get("age_max")),
                affiliation=frozenset(first(x) for x in e.get("affiliation") or [] if not str(x).endswith("?")),
                cell_name=first(e.get("cell_name")),
                seized=frozenset(first(x) for x in e.get("seized") or [] if not str(x).endswith("?"))))
            gold[key] = e["canonical"]
    return mentions, gold


def test_pairwise_precision_and_recall_on_the_events_corpus():
    # The bar: precision >= 0.95 and recall >= 0.90 on same-event pairs.
    mentions, gold = _gold_mentions()
    assert len(mentions) > 60 and len(set(gold.values())) > 15
    precision, recall = pairwise_scores(resolve(mentions), gold)
    print(f"pairwise precision {precision:.3f} recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.90


def test_reports_of_one_well_known_attack_join_whatever_arrests_they_count():
    """Days apart, outlets count the arrests made so far («أول مشتبه فيه», «three suspects»)."""
    first = m("ar5#0", type="attack", date="2018-12-17", places=["imlil"], arrested=1, known="attack@2018-12-17")
    later = m("en5#0", type="attack", date="2018-12-17", places=["marrakesh"], arrested=3, known="attack@2018-12-17",
              published="2018-12-21")
    assert compatible(first, later)
    assert len(resolve([first, later])) == 1
    # two attacks no data file names: their counts still tell them apart
    plain = [m("ar6#0", type="attack", date="2018-12-17", places=["imlil"], arrested=1),
             m("en6#0", type="attack", date="2018-12-17", places=["imlil"], arrested=3)]
    assert not compatible(*plain) and len(resolve(plain)) == 2


def test_reports_of_a_joint_operation_join_whether_they_count_both_sides_or_one():
    """«Five arrested, two in Tangier and three in Barcelona» and «la DGST a interpellé deux hommes
    à Tanger … la Guardia Civil arrêtait trois autres»: the total and the Moroccan side."""
    total = m("en7#0", date="2026-10-14", places=["tangier", "barcelona"], arrested=5, partners=["ES"])
    side = m("fr7#0", date="2026-10-14", places=["tangier"], arrested=2, partners=["ES"], published="2026-10-15")
    recall = m("ar7#1", date="2026-10", places=["tangier"], arrested=5, partners=["ES"], background=True,
               published="2026-11-18")
    assert compatible(total, side) and pair_score(total, side) >= LINK_THRESHOLD
    assert len(resolve([total, side, recall])) == 1
    # a side told as made abroad, or a report naming the partner's towns, is of the joint operation too
    op_ed = m("fr9#0", date="2026-11-12", places=["nador", "antwerp", "liege"], arrested=4)
    moroccan_side = m("fr9#1", date="2026-11-12", places=["nador"], arrested=2, partners=["BE"])
    belgian_side = m("ar9#1", date="2026-11-12", places=["nador", "antwerp"], arrested=2, country="BE")
    assert len(resolve([op_ed, moroccan_side, belgian_side])) == 1
    # without a partner, two and five in one town two days apart are two operations (the same
    # day they are one: test_one_day_in_one_town_is_one_operation_whatever_the_counts)
    alone = [m("en8#0", date="2026-10-14", places=["tangier"], arrested=5),
             m("fr8#0", date="2026-10-16", places=["tangier"], arrested=2)]
    assert not compatible(*alone) and len(resolve(alone)) == 2
    # a joint report and one without a partner keep the count check
    assert not compatible(total, alone[1]) and len(resolve([total, side, alone[1]])) == 2


def test_a_report_of_one_side_joins_a_joint_operation_told_without_its_day():
    """A year's recap names the joint cell of June with its total (six, Spain named); a Moroccan daily told the
    Moroccan side alone, two in Nador and Tangier, with its day (batch 56): one operation. Two days given keep
    the count check (test_reports_of_a_joint_operation_join_whether_they_count_both_sides_or_one)."""
    recap = m("fr2#2", date="2025-06", places=["madrid", "nador", "tangier"], arrested=6, partners=["ES"],
              background=True, published="2025-12-30")
    side = m("ar2#0", date="2025-06-10", places=["nador", "tangier"], arrested=2, ages=(29, 45),
             published="2025-06-11")
    whole = m("fr7#0", date="2025-06-10", places=["melilla", "nador", "parla", "tangier"], arrested=6, ages=(23, 45),
              partners=["ES"], published="2025-06-11")
    assert compatible(recap, side) and compatible(side, recap)
    assert len(resolve([recap, side, whole])) == 1
    # a side counts fewer than the whole: twelve in Nador that month are another operation
    assert not compatible(recap, m("en9#0", date="2025-06-20", places=["nador"], arrested=12))


def test_reports_of_a_joint_operation_join_whether_they_give_one_side_s_ages_or_both():
    """A Spanish wire gives the ages of the three held in Melilla (24-31), a Moroccan daily those of
    the three held in Nador (27-35), a third the whole network's (24-35): one joint operation."""
    spanish = m("en14#0", date="2025-10-14", places=["melilla", "almeria", "nador"], arrested=3, ages=(24, 31), partners=["ES"])
    moroccan = m("fr14#0", date="2025-10-14", places=["nador", "berkane"], arrested=3, ages=(27, 35),
                 partners=["ES"], published="2025-10-15")
    whole = m("ar14#0", date="2025-10-14", places=["nador", "berkane", "melilla"], arrested=6, ages=(24, 35), partners=["ES"])
    assert compatible(spanish, moroccan) and pair_score(spanish, moroccan) >= LINK_THRESHOLD
    assert len(resolve([moroccan, whole, spanish])) == 1
    # two cells in one town with ranges apart stay two when either report names no partner (two days apart: one
    # day's reports in one town are one operation whatever ages they give,
    # test_one_day_s_reports_in_one_town_join_whatever_ages_or_shares_they_give)
    plain = m("fr15#0", date="2025-10-16", places=["nador", "berkane"], arrested=3, ages=(27, 35))
    assert not compatible(spanish, plain) and len(resolve([spanish, plain])) == 2


def test_one_day_s_reports_in_one_town_join_whatever_ages_or_shares_they_give():
    """One day's reports of an operation in one town are one operation whatever counts (a town's share or the
    total) and whatever age ranges they give (one outlet gives the suspects' ages of one town, or reads them
    wrong): batch 58, a cell of Fes, Taza and Guercif told with 16-41 by two outlets and 21-43 by a third. A
    recap that dates it only by its month and gives the total joins the day's reports, whichever share one of
    them gave (batches 30, 55 and 57: a share of 2 or 7 beside the total of 5 or 19)."""
    wire = m("en1#0", date="2024-04-18", places=["fes", "taza", "guercif"], arrested=7, ages=(16, 41))
    daily = m("fr8#0", date="2024-04-18", places=["fes", "taza", "guercif"], arrested=6, ages=(21, 43))
    assert compatible(wire, daily) and pair_score(wire, daily) >= LINK_THRESHOLD
    assert len(resolve([wire, daily])) == 1
    # two days apart, the same ranges are two groups of suspects
    later = m("fr9#0", date="2024-04-20", places=["fes", "taza"], arrested=6, ages=(21, 43))
    assert not compatible(wire, later)
    total = m("ar4#0", date="2024-05-21", places=["fes", "meknes", "taza"], arrested=5, ages=(23, 45))
    share = m("fr4#0", date="2024-05-21", places=["fes", "meknes", "taza"], arrested=2, ages=(23, 45))
    recap = m("en3#0", date="2024-05", places=["fes", "meknes", "taza"], arrested=5, background=True,
              published="2025-01-02")
    assert len(resolve([total, share, recap])) == 1
    # a recap's count far from the day's total is another operation of that month
    other = m("en3#1", date="2024-05", places=["fes", "meknes"], arrested=12, background=True, published="2025-01-02")
    assert len(resolve([total, share, other])) == 2


# Evidence for and against, one field at a time: (first, second, change of the pair's score
# against the same pair without the field). Base pair: a cell in Taourirt, 4 arrested, one
# dated 2022-03-09, the other undated, published 2022-03-20 (far enough not to be «close»).
BASE = dict(places=["taourirt"], arrested=4, affiliation=["isis"])


def _pair(first: dict, second: dict) -> float:
    a = m("a#0", **{**BASE, "date": "2022-03-09", **first})
    b = m("b#0", **{**BASE, "published": "2022-03-15", **second})
    return pair_score(a, b)


@pytest.mark.parametrize("first, second, delta", [
    # ages: the same range is nearly proof; one inside the other says nothing; one age outside a range
    # says two groups (two crossing ranges are incompatible: test below)
    (dict(ages=(22, 35)), dict(ages=(22, 35)), 1.0),
    (dict(ages=(22, 35)), dict(ages=(25, 25)), 0.0),
    (dict(ages=(22, 35)), dict(ages=(40, 40)), -1.5),
    # seized items beyond the first in common
    (dict(seized=["firearms"]), dict(seized=["firearms"]), 0.0),
    (dict(seized=["firearms", "cash", "explosives"]), dict(seized=["firearms", "cash", "explosives"]), 1.0),
    # places: only a big city in common; two lists that each name a town the other lacks
    (dict(places=["casablanca"]), dict(places=["casablanca"]), -0.5),
    (dict(places=["taourirt", "guercif"]), dict(places=["taourirt", "berkane"]), -0.5),
    (dict(places=["taourirt", "guercif"]), dict(places=["taourirt"]), 0.0),  # one list cut short: no penalty
    # a long list (three towns the other does not name) meets many reports by chance
    (dict(places=["taourirt", "guercif", "berkane", "jerada"]), dict(places=["taourirt"]), -0.5),
    (dict(places=["taourirt", "guercif", "berkane"]), dict(places=["taourirt"]), 0.0),
    # only a province in common: one names Nador as the province of Beni Ansar (n5-05), the other Nador
    (dict(places=["nador"]), dict(places=["beni-ansar", "nador"]), -1.0),
    (dict(places=["taourirt"]), dict(places=["debdou", "taourirt"]), -1.0),
    (dict(places=["beni-ansar"]), dict(places=["beni-ansar", "nador"]), 0.0),  # a town in common: full weight
    # an undated report published within two days of the other's date
    (dict(), dict(published="2022-03-10"), 0.5),
])
def test_evidence_field_by_field(first, second, delta):
    assert _pair(first, second) - _pair({}, {}) == pytest.approx(delta)


@pytest.mark.parametrize("places, labels", [
    (["beni-ansar", "bni-bouifrour", "nador"], {"nador"}),  # dev3 n5-05: «ببني أنصار ... بالناضور»
    (["casablanca", "mograne", "kenitra"], {"kenitra"}),  # dev2 h15: Mograne, Kenitra province
    (["nador"], set()),  # alone, the town itself
    (["nador", "driouch"], set()),  # two provinces, two towns
    (["skhirate", "temara", "tiflet"], set()),  # both name Skhirate-Temara: which one is the label is unknown
    (["figuig", "bouarfa"], {"figuig"}),  # named after Figuig, seated at Bouarfa
])
def test_a_town_named_beside_another_town_of_the_province_it_names_is_the_province(places, labels):
    assert m("x#0", places=places).province_labels == labels


@pytest.mark.parametrize("first, second, points", [
    (dict(arrested=4), dict(arrested=5), 0.5),  # close in time: a later report counts one more
    (dict(arrested=4), dict(arrested=5, published=None), 0.0),  # nothing dates one: two cells of a like size
    (dict(arrested=4), dict(arrested=4, published=None), 1.0),  # the same count says the same either way
])
def test_a_close_count_is_evidence_only_when_the_reports_meet_in_time(first, second, points):
    """dev2 h21 (Tamaris, 6, no date) against h08/h27 (Dar Bouazza 2016, 7); dev3 n5-06 (Tangier, 6,
    no date) against n8-05 (Tangier/Meknes, 7): different cells of a like size."""
    without = dict(arrested=None)
    assert _pair(first, second) - _pair({**first, **without}, {**second, **without}) == pytest.approx(points)


def test_crossing_age_ranges_are_two_groups_of_suspects():
    """dev3 n5-07 (Tangier, 5, aged 24-36, undated) is not the Tangier cell of n3-01 (5, aged 29-43),
    not even through n3-10's report of that cell, which gives no ages."""
    dated = m("n301#0", date="2020-09-10", places=["tangier", "temara", "tiflet"], arrested=5, ages=(29, 43))
    recap = m("n310#2", published=None, places=["tangier", "temara", "tiflet"], arrested=5, affiliation=["isis"])
    undated = m("n507#0", published=None, places=["tangier"], arrested=5, ages=(24, 36), affiliation=["isis"])
    assert not compatible(dated, undated) and pair_score(dated, undated) == 0.0
    assert compatible(dated, m("x#0", published=None, places=["tangier"], arrested=5, ages=(30, 40)))  # inside: one outlet's few
    assert compatible(dated, m("x#1", published=None, places=["tangier"], arrested=5, ages=(35, 35)))  # one suspect's age
    assert pair_score(recap, undated) >= LINK_THRESHOLD  # alone, the recap would take either
    assert [[x.key for x in g] for g in resolve([dated, recap, undated])] == [["n301#0", "n310#2"], ["n507#0"]]


def test_big_cities_weigh_less_for_operations_not_for_attacks():
    cells = [m(k, date="2022-03-09", places=["casablanca"]) for k in ("a#0", "b#0")]
    attacks = [m(k, type="attack", date="2022-03-09", places=["casablanca"]) for k in ("a#1", "b#1")]
    villages = [m(k, date="2022-03-09", places=["taourirt"]) for k in ("a#2", "b#2")]
    assert pair_score(*villages) - pair_score(*cells) == 0.5
    assert pair_score(*attacks) - pair_score(*cells) == 0.5 + 1.0  # no discount, and the attack point


def test_an_undated_report_of_other_ages_does_not_join_a_cell_years_away_in_its_town():
    """ev_grouping01/04/05: two cells of four in one town, 2019 and 2022; the undated report
    gives the 2019 cell's ages."""
    later = m("g01#0", date="2022-03-09", places=["taourirt", "guercif"], arrested=4, ages=(22, 35))
    earlier = m("g04#0", date="2019-06-13", places=["taourirt"], arrested=4)
    undated = m("g05#0", published=None, places=["taourirt"], arrested=4, ages=(19, 24))
    assert pair_score(undated, later) < LINK_THRESHOLD <= pair_score(undated, earlier)
    assert sorted(len(g) for g in resolve([later, earlier, undated])) == [1, 2]
    assert [x.key for g in resolve([later, earlier, undated]) if len(g) == 2 for x in g] == ["g04#0", "g05#0"]


def test_a_report_with_neither_place_nor_date_joins_by_its_age_range():
    """ev_grouping03 (a TV script: no town, no publication date) and h06/h19 of dev2."""
    dated = m("g01#0", date="2022-03-09", places=["taourirt"], arrested=4, ages=(22, 35), affiliation=["isis"])
    bare = m("g03#0", published=None, arrested=4, ages=(22, 35), affiliation=["isis"])
    other = m("g06#0", published=None, arrested=4, ages=(20, 30), affiliation=["isis"])
    assert bare.identities == {("ages", 22, 35)} and not other.identities & dated.identities
    assert [len(g) for g in resolve([dated, bare, other])] == [2, 1]


@pytest.mark.parametrize("date, known, when", [
    ("2023-03-15", "attack@2018-12-17", "2018-12-17"),  # the page's date on a recall of the Imlil murders
    ("2002", "attack@2003-05-16", "2003-05-16"),  # a year from another sentence
    ("2018", "attack@2018-12-17", "2018"),  # the year of the attack: kept
    (None, "attack@2011-04-28", "2011-04-28"),
    ("2023-03-15", None, "2023-03-15"),
])
def test_a_well_known_attack_dates_a_mention_whose_date_contradicts_it(date, known, when):
    assert m("x#0", type="attack", background=True, date=date, known=known).when == when


def test_recalls_of_a_well_known_attack_join_despite_a_page_date():
    page_dated = m("n5#1", type="attack", background=True, date="2023-03-15", places=["imlil"], known="attack@2018-12-17")
    plain = m("n7#0", type="attack", background=True, date="2018", places=["imlil"], known="attack@2018-12-17")
    assert compatible(page_dated, plain) and len(resolve([page_dated, plain])) == 1


def test_two_months_are_two_times_but_a_day_meets_its_neighbour_month():
    """Blind batch 4 en07/en08: Tangier cells of "early October" (4) and of September (5) are two;
    the few days' window is for a day that one report gives and another dates by publication."""
    october = m("x1#0", date="2020-10", places=["tangier"], arrested=4)
    september = m("x2#0", date="2020-09", places=["tangier", "rabat"], arrested=5)
    late_september = m("x3#0", date="2020-09-29", places=["tangier"], arrested=4)
    assert not compatible(october, september)
    assert compatible(october, late_september)
    assert sorted(len(g) for g in resolve([october, september])) == [1, 1]
    # the group summary agrees with the pairs: a day joins its month's neighbour, two months stay apart
    groups = resolve([october, late_september, september])
    assert sorted(sorted(x.key for x in g) for g in groups) == [["x1#0", "x3#0"], ["x2#0"]]


def test_two_operations_one_report_told_apart_stay_two_whatever_bridges_them():
    """A report that tells two operations of one day apart, in other towns (its #0 and #1), keeps them two
    events, though another report merged both towns into one mention; the same report's two mentions of one
    cell in the same towns (an extraction split) may still join."""
    reports = [m("fr#0", date="2025-04-22", places=["tinghir", "zagora"], arrested=4),
               m("fr#1", date="2025-04-22", places=["berrechid", "had-soualem"], arrested=3),
               m("en#0", date="2025-04-22", places=["tinghir", "zagora", "berrechid", "had-soualem"], arrested=4),
               m("ar#0", date="2025-04-22", places=["berrechid"], arrested=3)]
    groups = [sorted(x.key for x in g) for g in resolve(reports)]
    assert not any({"fr#0", "fr#1"} <= set(g) for g in groups), groups
    split = [m("es#1", date="2025-03-30", places=["berkane", "oujda"], arrested=4),
             m("es#2", date="2025-03-30", places=["berkane", "oujda"], arrested=4),
             m("it#0", date="2025-03-30", places=["berkane", "oujda"], arrested=4)]
    assert [sorted(x.key for x in g) for g in resolve(split)] == [["es#1", "es#2", "it#0"]]


def test_a_year_is_no_time_in_common_for_operations_but_is_for_attacks():
    # "the arrests are the third operation in 2025": a placeless arrest dated by its year meets every arrest of the
    # year; it joins none of them on time alone (blind batch 49: four wrong pairs)
    year = m("a", type="arrest", date="2025", places=(), arrested=1, published="2025-12-11", affiliation=("isis-sahel",))
    day = m("b", type="arrest", date="2025-12-06", places=("casablanca",), arrested=1, published="2025-12-08",
            affiliation=("isis",))
    month = m("c", type="arrest", date="2025-12", places=(), arrested=1, published="2025-12-11",
              affiliation=("isis-sahel",))
    assert compatible(year, day) and pair_score(year, day) < LINK_THRESHOLD <= pair_score(month, day)
    # an attack of a year and one of a day in that year: attacks are rare, the year still counts
    attack_year = m("f", type="attack", date="2018", places=(), published="2024-01-01")
    attack_day = m("d", type="attack", date="2018-12-17", places=(), published="2024-01-02")
    assert pair_score(attack_year, attack_day) - pair_score(
        m("e", type="attack", date=None, places=(), published="2024-01-01"), attack_day) >= 1.0


def test_one_suspect_s_age_a_year_apart_is_no_evidence_of_two_persons():
    # one arrest in Taroudant, 19 in two outlets and 18 in a third that gives no day (blind batch h80): the year
    # between the ages counts neither for nor against; two years apart still counts against
    dated = m("ar7#0", type="arrest", date="2025-12-06", published="2025-12-07", places=["taroudant"], arrested=1,
              affiliation=["isis"], ages=(19, 19))
    undated = m("fr8#0", type="arrest", published="2025-12-08", places=["taroudant", "agadir"], arrested=1,
                affiliation=["isis"], ages=(18, 18))
    other = m("en9#0", type="arrest", published="2025-12-08", places=["taroudant", "agadir"], arrested=1,
              affiliation=["isis"], ages=(17, 17))
    assert pair_score(dated, undated) >= LINK_THRESHOLD
    assert pair_score(dated, other) < pair_score(dated, undated) - 1
    assert len(resolve([dated, undated])) == 1
