"""The same data gives the same answers on SQLite and on PostgreSQL.

The test corpus (Arabic, French, English and the events corpus: documents with published
dates, copies, claims) is ingested into a SQLite file and a PostgreSQL database by the
real ingest; every read the CLI offers (events, claims, canonical events, documents,
revisions, stats) and Arabic-aware search must agree. Search is compared as sets of hits:
SQLite ranks with FTS5's bm25, PostgreSQL with ts_rank over the same shadow tokens.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from marsad.evaluation import load_corpus
from marsad.ingest import ingest_paths
from marsad.store import Store
from marsad.store.pg import translate

CORPUS = Path(__file__).parent / "corpus"
FOLDERS = ("events", "ar", "fr", "en")
TIMES = ("ingested_at", "created_at", "updated_at", "at")


@pytest.fixture(scope="module")
def stores(tmp_path_factory, pg_server):
    """(SQLite store, PostgreSQL store) holding the same ingested corpus."""
    docs = [d for folder in FOLDERS for d in load_corpus(CORPUS / folder)[0]]
    inputs = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    import json
    with inputs.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d.id, "text": d.text, "published": d.published, "url": d.url,
                                "lang": d.lang, "title": d.title}, ensure_ascii=False) + "\n")
    sqlite = Store(tmp_path_factory.mktemp("sqlite") / "m.db")
    pg = Store(pg_server.new_database())
    summaries = [ingest_paths([inputs], s) for s in (sqlite, pg)]
    assert summaries[0].added == summaries[1].added > 100
    assert str(summaries[0]) == str(summaries[1])
    yield sqlite, pg, docs
    sqlite.close()
    pg.close()


def plain(value):
    """``value`` without timestamps (they differ between two ingests)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k not in TIMES}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def test_the_same_records_on_both(stores):
    sqlite, pg, _ = stores
    assert pg.stats() == sqlite.stats()
    assert plain(pg.events()) == plain(sqlite.events())
    assert plain(pg.claims()) == plain(sqlite.claims())
    assert plain(pg.canonical_events()) == plain(sqlite.canonical_events())
    assert [r["action"] for r in pg.revisions()] == [r["action"] for r in sqlite.revisions()]
    assert pg.unresolved() == sqlite.unresolved() == 0


@pytest.mark.parametrize("filters", [
    {"type": "arrest"}, {"since": "2016", "until": "2019-06"}, {"place": "casablanca"},
    {"org": "isis"}, {"agency": "bcij"}, {"background": True}, {"limit": 5},
    {"type": "cell_dismantled", "since": "2020", "limit": 3}])
def test_filters_agree(stores, filters):
    sqlite, pg, _ = stores
    assert plain(pg.events(**filters)) == plain(sqlite.events(**filters))
    assert plain(pg.canonical_events(**filters)) == plain(sqlite.canonical_events(**filters))


def test_documents_and_single_records_agree(stores):
    sqlite, pg, docs = stores
    for d in docs[::7]:
        assert plain(pg.document(d.id)) == plain(sqlite.document(d.id))
    for e in sqlite.canonical_events()[::5]:
        assert plain(pg.canonical_event(e["id"])) == plain(sqlite.canonical_event(e["id"]))
    for e in sqlite.events()[::9]:
        assert plain(pg.event(e["id"])) == plain(sqlite.event(e["id"]))


def _queries(docs) -> list[str]:
    """Words of the corpus as users type them: plain, with Arabic clitics and the article,
    as prefixes, two at a time, and words found nowhere."""
    rng = random.Random(13)
    words = sorted({w for d in docs for w in re.findall(r"[^\W\d_]{3,}", d.text)})
    picked = rng.sample(words, 120)
    arabic = [w for w in picked if re.match(r"[\u0600-\u06FF]", w)][:30]
    queries = picked + [f"وال{w}" for w in arabic[:10]] + [f"ب{w}" for w in arabic[10:20]]
    queries += [w[:4] + "*" for w in picked[:30]] + [f"{a} {b}" for a, b in zip(picked[::2], picked[1::2])][:30]
    return queries + ["إرهاب", "الإرهابية", "بالإرهاب", "terroriste", "Casablanca", "داعش", "خلية", "zzzqqq"]


def test_arabic_aware_search_finds_the_same_documents(stores):
    sqlite, pg, docs = stores
    found = 0
    for query in _queries(docs):
        on_sqlite = {h["document_id"]: h for h in sqlite.search(query, limit=1000)}
        on_pg = {h["document_id"]: h for h in pg.search(query, limit=1000)}
        assert on_pg.keys() == on_sqlite.keys(), query
        assert on_pg == on_sqlite, query  # titles and marked snippets too
        found += bool(on_sqlite)
    assert found > 100  # the queries do find documents


def test_search_limit_and_no_words(stores):
    sqlite, pg, _ = stores
    assert len(pg.search("خلية", limit=3)) == 3
    assert pg.search("  ") == sqlite.search("  ") == []


def test_translation_of_the_sqlite_dialect():
    sql, plan, returning = translate("SELECT id FROM t WHERE a IN (SELECT value FROM json_each(?1)) "
                                     "OR b IN (SELECT value FROM json_each(?1)) AND c = ? ORDER BY d, e DESC")
    assert sql == ("SELECT id FROM t WHERE a = ANY(%s) OR b = ANY(%s) AND c = %s "
                   "ORDER BY d NULLS FIRST, e DESC NULLS LAST")
    assert plan == ((0, True), (0, True), (1, False)) and not returning  # ? after ?1 is ?2
    sql, _, returning = translate("INSERT INTO claims (a) VALUES (?)")
    assert sql.endswith("RETURNING id") and returning
    assert translate("INSERT OR IGNORE INTO x (a) VALUES (?)")[0] == \
        "INSERT INTO x (a) VALUES (%s) ON CONFLICT DO NOTHING"
    assert translate("SELECT 1 FROM d WHERE relevant")[0] == "SELECT 1 FROM d WHERE relevant <> 0"
    assert translate("SELECT '%' || ?")[0] == "SELECT '%%' || %s"
