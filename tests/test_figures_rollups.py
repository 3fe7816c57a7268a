"""What the figures check reads from the store's schema 7 rollups (record_days,
record_documents, claim_documents) equals what grouping the stored rows from scratch gives,
after every kind of write, after the migration of an older store, and on both backends."""
from __future__ import annotations

import json

from marsad.figures.record import RecordTally
from marsad.figures.report import check
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.store import Store, tallies

ARTICLES = [  # (id, lang, published, url, text)
    ("r-en-1", "en", "2020-01-15", "https://www.a.example/1",
     "Morocco dismantled 14 terrorist cells in 2019, the Interior Ministry said."),
    ("r-fr-1", "fr", "2020-01-16", None,
     "Le BCIJ a démantelé 14 cellules terroristes en 2019, a indiqué le ministère de l'Intérieur."),
    ("r-op-1", "en", "2019-04-12", "https://b.example/op",
     "TANGIER - Moroccan police on Thursday dismantled a terrorist cell of four members loyal to the "
     "Islamic State in Tangier, the Interior Ministry said."),
    ("r-op-2", "ar", "2019-10-03", "https://c.example/op2",
     "تمكن المكتب المركزي للأبحاث القضائية، يوم الأربعاء، من تفكيك خلية إرهابية تتكون من ستة عناصر "
     "موالية لتنظيم داعش تنشط بمدينة فاس."),
    ("r-ar-1", "ar", "2019-03-10", "https://d.example/ar",
     "أكد عبد الحق الخيام، مدير المكتب المركزي للأبحاث القضائية، أن المصالح الأمنية فككت 183 خلية إرهابية "
     "منذ سنة 2002."),
]


def add(store: Store, doc_id: str, lang: str, published: str | None, url: str | None, text: str) -> None:
    doc = Document(id=doc_id, text=text, lang=lang, published=published, url=url)
    store.add(doc, extract(doc))


def build(target: str, articles=ARTICLES) -> str:
    with Store(target) as store:
        for article in articles:
            add(store, *article)
        store.resolve()
    return target


def stored_claims(store: Store, **filters) -> list[dict]:
    """The stored claims with every field the figures check reads (all but each field's words)."""
    return [{k: v for k, v in c.items() if k != "spans"} for c in store.claims(**filters)]


def from_scratch(store: Store) -> tuple:
    """The claims and tallies grouped from the stored rows, as schema 6 read them."""
    events, docs = tallies.tallies_from_scratch(store.conn)
    return stored_claims(store), sorted(events), sorted(docs)


def read_by_check(store: Store) -> tuple:
    events, docs, _ = store.figure_tallies()
    return store.figure_claims(), sorted(events), sorted(docs)


def answer(target: str, **filters) -> dict:
    with Store(target, create=False) as store:
        return check(store.figure_claims(), RecordTally(*store.figure_tallies()), **filters)


def test_the_rollups_follow_every_write(make_target):
    target = build(make_target())
    with Store(target, create=False) as store:
        assert read_by_check(store) == from_scratch(store)
        assert read_by_check(store)[1], "the record holds dated events"
        # a claim added, then its article replaced by a text with another figure, then by one with none
        add(store, "r-en-2", "en", "2021-02-01", None, "Morocco dismantled 9 terrorist cells in 2020, officials said.")
        store.resolve()
        assert read_by_check(store) == from_scratch(store)
        figures = [f for f in answer(target)["figures"] if f["document_id"] == "r-en-2"]
        assert [(f["value"], f["start"], f["end"]) for f in figures] == [(9, "2020-01-01", "2020-12-31")]
        add(store, "r-en-2", "en", "2021-02-01", None, "Morocco dismantled 11 terrorist cells in 2020, officials said.")
        assert read_by_check(store) == from_scratch(store)
        assert [f["value"] for f in answer(target)["figures"] if f["document_id"] == "r-en-2"] == [11]
        add(store, "r-en-2", "en", "2021-02-01", None, "Officials in Rabat met on Monday to discuss the budget.")
        store.resolve()
        assert read_by_check(store) == from_scratch(store)
        assert not [f for f in answer(target)["figures"] if f["document_id"] == "r-en-2"]
        # an operation replaced: the record's events move with it
        add(store, "r-op-1", "en", "2019-04-12", "https://b.example/op",
            "RABAT - Moroccan police on Thursday arrested three suspects loyal to the Islamic State in Rabat.")
        store.resolve()
        assert read_by_check(store) == from_scratch(store)


def test_the_check_counts_a_figure_added_to_a_period(make_target):
    target = build(make_target())
    year = [c for c in answer(target, metric="cells_dismantled")["checks"]
            if c["kind"] == "same_period" and c["periods"] == [["2019-01-01", "2019-12-31"]]]
    assert [c["verdict"] for c in year] == ["agree"]  # 14 and 14
    with Store(target, create=False) as store:
        add(store, "r-en-3", "en", "2020-02-01", None, "Morocco dismantled 17 terrorist cells in 2019, officials said.")
    year = [c for c in answer(target, metric="cells_dismantled")["checks"]
            if c["kind"] == "same_period" and c["periods"] == [["2019-01-01", "2019-12-31"]]]
    assert [c["verdict"] for c in year] == ["conflict"]
    assert sorted(f["value"] for f in year[0]["figures"]) == [14, 14, 17]
    assert year[0]["record"]["count"] == 2  # the two cells of 2019 the store holds


def _downgrade_to_6(store: Store) -> None:
    """Take the store back to schema 6, as a store written by an earlier marsad is (7, 8 and 9 undone)."""
    conn = store.conn
    if getattr(conn, "dialect", None) == "postgresql":
        conn.script("DROP TABLE record_days, record_documents, claim_documents;"
                    "DROP FUNCTION marsad_record_days, marsad_record_documents, marsad_claim_documents CASCADE;"
                    "ALTER TABLE claims DROP COLUMN spans;"
                    "DROP TABLE corrections; DROP FUNCTION corrections_id_next CASCADE;"  # schemas 8 and 9
                    "UPDATE marsad_schema SET version = 6")
        return
    triggers = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                           "(name LIKE 'record_%' OR name LIKE 'claim_documents_%')")]
    assert len(triggers) == 7
    conn.executescript("".join(f"DROP TRIGGER {t};" for t in triggers)
                       + "DROP TABLE record_days; DROP TABLE record_documents; DROP TABLE claim_documents;"
                       "ALTER TABLE claims DROP COLUMN spans; DROP TABLE corrections;"  # schemas 8 and 9
                       "PRAGMA user_version = 6;")


def test_an_older_store_is_filled_in_when_opened(make_target):
    target = build(make_target())
    before = answer(target)
    with Store(target, create=False) as store:
        _downgrade_to_6(store)
    with Store(target, create=False) as store:  # migrated to 7: the rollups computed from the rows
        assert read_by_check(store) == from_scratch(store)
        add(store, "r-en-2", "en", "2021-02-01", None, "Morocco dismantled 9 terrorist cells in 2020, officials said.")
        assert read_by_check(store) == from_scratch(store)  # and kept from then on
    after = answer(target)
    assert [f for f in after["figures"] if f["document_id"] != "r-en-2"] == before["figures"]


def test_the_same_answer_on_both_backends(tmp_path, pg_server):
    sqlite = answer(build(str(tmp_path / "both.db")))
    postgresql = answer(build(pg_server.new_database()))
    assert sqlite["checks"] and json.dumps(sqlite, ensure_ascii=False) == json.dumps(postgresql, ensure_ascii=False)


def test_figure_claims_are_the_stored_claims(make_target):
    target = build(make_target())
    with Store(target, create=False) as store:
        assert store.figure_claims() == stored_claims(store)
        assert store.figure_claims(metric="cells_dismantled") == stored_claims(store, metric="cells_dismantled")


def test_coverage_as_its_definition_on_random_periods():
    """Documents, outlets and months by bisection equal the plain count over the documents
    published in the period, on random days and periods."""
    import datetime as dt
    import random
    rng = random.Random(5)
    first = dt.date(2010, 1, 1)
    docs = [((first + dt.timedelta(days=rng.randrange(3000))).isoformat(), rng.choice(["a", "b", "c", "d", None]),
             rng.randrange(1, 4)) for _ in range(400)]
    tally = RecordTally([], docs, 7)
    for _ in range(300):
        start = first + dt.timedelta(days=rng.randrange(-100, 3100))
        end = start + dt.timedelta(days=rng.choice([0, 5, 40, 400, 2000]))
        inside = [d for d in docs if start.isoformat() <= d[0] <= end.isoformat()]
        cov = tally.coverage(start, end)
        assert (cov.documents, cov.outlets, cov.months, cov.undated_events) == (
            sum(d[2] for d in inside), len({d[1] for d in inside if d[1] is not None}),
            len({d[0][:7] for d in inside}), 7), (start, end)


def test_the_api_answers_anew_when_a_figure_is_added(make_target):
    """/api/checks keeps its answers and the record's tallies for the store's version: a
    document added (a new version) is in the next answer, with the record recounted."""
    from fastapi.testclient import TestClient

    from marsad.server.app import create_app
    target = build(make_target())

    def year_2019(client):
        checks = client.get("/api/checks", params={"metric": "cells_dismantled"}).json()["checks"]
        return [c for c in checks if c["kind"] == "same_period" and c["periods"] == [["2019-01-01", "2019-12-31"]]]
    with TestClient(create_app(target, index="off")) as client:
        first = year_2019(client)
        assert [(c["verdict"], c["record"]["count"]) for c in first] == [("agree", 2)]
        assert client.get("/api/checks", params={"metric": "persons_arrested"}).status_code == 200
        with Store(target, create=False) as store:
            add(store, "r-en-3", "en", "2020-02-01", None,
                "Morocco dismantled 17 terrorist cells in 2019, officials said.")
            add(store, "r-op-3", "en", "2019-11-20", None,
                "RABAT - Moroccan police on Wednesday dismantled a terrorist cell of three members loyal to the "
                "Islamic State in Oujda, the Interior Ministry said.")
            store.resolve()
        again = year_2019(client)
        assert [(c["verdict"], c["record"]["count"]) for c in again] == [("conflict", 3)]
