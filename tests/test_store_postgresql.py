"""The same data gives the same answers on SQLite and on PostgreSQL.

The test corpus (Arabic, French, English and the events corpus: documents with published
dates, copies, claims) is ingested into a SQLite file and a PostgreSQL database by the
real ingest; every read the CLI offers (events, claims, canonical events, documents,
revisions, stats) and Arabic-aware search must agree, hits in the same order (bm25 computed
alike), and so must the JSON API of ``marsad serve``.
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
        assert list(on_pg) == list(on_sqlite), query  # the same hits in the same order (bm25)
        assert on_pg == on_sqlite, query  # titles and marked snippets too
        found += bool(on_sqlite)
    assert found > 100  # the queries do find documents


def test_each_document_s_term_counts_are_its_shadow_tokens(stores):
    """Migration 14: the counts search ranks by are those of the stored shadow text, token for token."""
    from collections import Counter
    _, pg, _ = stores
    rows = pg.conn.execute("SELECT body, term_counts, length FROM documents_fts").fetchall()
    assert len(rows) > 100
    for body, counts, length in rows:
        tokens = body.split(" ") if body else []
        assert counts == dict(Counter(tokens)) and length == len(tokens)


def test_search_limit_and_no_words(stores):
    sqlite, pg, _ = stores
    assert len(pg.search("خلية", limit=3)) == 3
    assert pg.search("  ") == sqlite.search("  ") == []


def test_translation_of_the_sqlite_dialect():
    sql, plan, returning = translate("SELECT id FROM t WHERE a IN (SELECT value FROM json_each(?1)) "
                                     "OR b IN (SELECT value FROM json_each(?1)) AND c = ? ORDER BY d, e DESC")
    assert sql == ("SELECT id FROM t WHERE a = ANY(%s) OR b = ANY(%s) AND c = %s "
                   "ORDER BY d NULLS FIRST, e DESC NULLS LAST")
    assert plan == ((0, "J"), (0, "J"), (1, "")) and not returning  # ? after ?1 is ?2
    sql, _, returning = translate("INSERT INTO claims (a) VALUES (?)")
    assert sql.endswith("RETURNING id") and returning
    assert translate("INSERT OR IGNORE INTO x (a) VALUES (?)")[0] == \
        "INSERT INTO x (a) VALUES (%s) ON CONFLICT DO NOTHING"
    assert translate("SELECT 1 FROM d WHERE relevant")[0] == "SELECT 1 FROM d WHERE relevant <> 0"
    assert translate("SELECT '%' || ?")[0] == "SELECT '%%' || %s"
    sql, plan, _ = translate("SELECT 1 FROM documents_fts f INDEXED BY x WHERE documents_fts MATCH ?")
    assert sql == "SELECT 1 FROM documents_fts f WHERE f.terms @@ CAST(%s AS tsquery)" and plan == ((0, "Q"),)


# -- browsing and serving ------------------------------------------------------------------------

ROLLUP_TABLES = ("stats_events", "stats_values", "stats_years", "stats_pairs", "stats_pair_years",
                 "stats_documents", "canonical_partners")


def rollups(store: Store) -> dict[str, list[tuple]]:
    out = {t: sorted(tuple(r) for r in store.conn.execute(f"SELECT * FROM {t}").fetchall())
           for t in ROLLUP_TABLES}
    out["columns"] = sorted(tuple(r) for r in store.conn.execute(
        "SELECT id, arrested, killed, month FROM canonical_events").fetchall())
    meta = store.conn.execute("SELECT max_span_days, rollups_stale FROM browse_meta").fetchone()
    out["meta"] = [tuple(meta)]
    return out


def test_rollups_kept_by_the_triggers_are_sqlites_and_a_rebuilds(stores):
    from marsad.store import browse
    sqlite, pg, _ = stores
    kept = rollups(pg)
    assert kept["stats_pair_years"] and kept == rollups(sqlite)
    pg.conn.execute("BEGIN")
    browse.rebuild_rollups(pg.conn)
    rebuilt = rollups(pg)
    pg.conn.execute("ROLLBACK")
    assert rebuilt == kept


def test_rollups_after_merge_split_and_a_changed_article(pg_server, stores):
    from marsad.store import browse
    _, _, docs = stores
    with Store(pg_server.new_database()) as pg:
        for d in docs[:30]:
            pg.add_document(d, __import__("marsad.pipeline.extract", fromlist=["extract"]).extract)
            pg.resolve([d.id])
        events = pg.canonical_events()
        pg.merge([events[0]["id"], events[1]["id"]])
        merged = next(e for e in pg.canonical_events() if len(e["mention_keys"]) > 1)
        pg.split(merged["id"], merged["mention_keys"][:1])
        changed = type(docs[0])(id=docs[0].id, text=docs[0].text + "\nتحديث.", published=docs[0].published)
        pg.add_document(changed, lambda d: __import__("marsad.models", fromlist=["Record"]).Record(d.id, "ar", None, False))
        pg.resolve([changed.id])
        kept = rollups(pg)
        pg.conn.execute("BEGIN")
        browse.rebuild_rollups(pg.conn)
        rebuilt = rollups(pg)
        pg.conn.execute("ROLLBACK")
        del kept["meta"], rebuilt["meta"]  # max_span_days: the longest ever stored, by design
        assert rebuilt == kept


API = ["/api/meta", "/api/health", "/api/stats", "/api/stats?type=arrest", "/api/stats?since=2016&until=2019-06",
       "/api/stats?place=casablanca", "/api/stats?region=Casablanca-Settat", "/api/stats?org=isis",
       "/api/events", "/api/events?sort=date&limit=7", "/api/events?sort=-arrested", "/api/events?sort=sources",
       "/api/events?type=cell_dismantled&since=2015", "/api/events?place=casablanca", "/api/events?q=خلية",
       "/api/events?agency=bcij&sort=-date&limit=3", "/api/claims", "/api/claims?metric=cells_dismantled",
       "/api/search?q=إرهاب", "/api/search?q=terroris*", "/api/search?q=خلية&limit=5", "/api/export.csv?type=arrest", "/api/export.json"]


def test_the_event_index_loads_the_same_from_both(stores):
    import numpy as np

    from marsad.server.pool import connect_reader
    from marsad.store.event_index import EventIndex
    sqlite, pg, _ = stores
    conn = connect_reader(pg.path)
    try:
        from_pg = EventIndex.load(conn)
    finally:
        conn.close()
    from_sqlite = EventIndex.load(sqlite.conn)
    assert from_pg is not None and from_sqlite is not None and from_pg.n == from_sqlite.n > 100
    for name in ("rowids", "type_codes", "background", "starts", "ends", "arrested", "sources", "cell_keys"):
        assert np.array_equal(getattr(from_pg, name), getattr(from_sqlite, name)), name
    assert from_pg.types == from_sqlite.types and from_pg.version == from_sqlite.version
    for name, facet in from_sqlite.facets.items():
        assert facet.values == from_pg.facets[name].values, name
        assert all(np.array_equal(p, from_pg.facets[name].postings[v]) for v, p in facet.postings.items()), name
    for a, b in zip(from_sqlite.documents, from_pg.documents):  # each document's events
        assert np.array_equal(a, b)
    # a text query's events read through the index are those of the SQL join
    from marsad.store import browse
    for words in ("خلية", "الإرهابية", "Daech", "cell", "BCIJ", "nothing-like-this"):
        f = browse.Filters(q=words)
        for index, store in ((from_sqlite, sqlite), (from_pg, pg)):
            assert np.array_equal(np.unique(browse.text_rowids(store.conn, f, index)),
                                  np.unique(browse.text_rowids(store.conn, f))), words


@pytest.mark.parametrize("index", ["off", "sync"])
def test_serve_answers_the_same_json_over_both(stores, index):
    from fastapi.testclient import TestClient

    from marsad.server.app import create_app
    sqlite, pg, docs = stores
    with TestClient(create_app(sqlite.path, index=index)) as a, TestClient(create_app(pg.path, index=index)) as b:
        urls = list(API)
        first = a.get("/api/events?limit=5").json()
        urls += [f"/api/events/{e['id']}" for e in first["items"]]
        urls += [f"/api/documents/{d.id}" for d in docs[:5]]
        assert first["next_cursor"]
        urls.append(f"/api/events?limit=5&cursor={first['next_cursor']}")
        for url in urls:
            x, y = a.get(url), b.get(url)
            assert (y.status_code, y.headers["content-type"]) == (x.status_code, x.headers["content-type"]), url
            assert x.status_code == 200, (url, x.text[:300])
            if "json" in x.headers["content-type"]:
                assert plain(y.json()) == plain(x.json()), url
            else:
                assert y.text == x.text, url


def round_trips(conn, read):
    """``(read(conn), round trips to the server)`` on a PostgreSQL connection, counted in libpq's
    own trace of the wire protocol (each round trip ends with the server's ReadyForQuery), but for
    the one-time preparation of a statement."""
    import tempfile

    from psycopg import pq
    with tempfile.TemporaryFile("w+") as trace:
        conn.raw.pgconn.trace(trace.fileno())
        conn.raw.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
        try:
            answer = read(conn)
        finally:
            conn.raw.pgconn.untrace()
        trace.seek(0)
        lines = trace.readlines()
    # psycopg prepares a statement on its fifth use, once per connection, in a round trip of its own
    prepared = sum('\tParse\t "_pg3_' in line for line in lines)
    return answer, sum("\tReadyForQuery" in line for line in lines) - prepared


def test_event_and_document_pages_are_sqlites_in_a_few_round_trips(stores):
    """Every event page and document page answers as on SQLite, and what a page costs on
    PostgreSQL does not grow with it: an events page of one event or of all of them takes the
    same few round trips, an event reported once or by dozens of mentions one (two when its
    article is untitled), a document reporting no event or many one (an event page took 10 and
    one more per mention, an events page one per untitled event)."""
    from marsad.server.pool import connect_reader
    from marsad.store import browse
    from marsad.store.event_index import EventIndex
    sqlite, pg, docs = stores
    conn = connect_reader(pg.path)
    try:
        indexes = (None, None), (EventIndex.load(sqlite.conn), EventIndex.load(conn))  # the server has one
        for (mine, theirs), most in zip(indexes, (7, 4)):
            pages = {}
            for limit in (1, 7, 500):
                expected = browse.events_page(sqlite.conn, browse.Filters(), "-date", limit, None, mine)
                got, pages[limit] = round_trips(
                    conn, lambda c: browse.events_page(c, browse.Filters(), "-date", limit, None, theirs))
                assert plain(got) == plain(expected)
            assert expected["next_cursor"] is None and len(expected["items"]) > 100  # every event in the last
            # the plan (SQL only: its estimate, dated then undated rows), then the page's rows, places,
            # titles, and the words of its untitled events
            assert max(pages.values()) <= most, pages
        events = []  # (mentions, round trips) of each event's page
        for event in expected["items"]:
            want = browse.event_detail(sqlite.conn, event["id"])
            got, trips = round_trips(conn, lambda c: browse.event_detail(c, event["id"]))
            assert plain(got) == plain(want), event["id"]
            events.append((len(want["mention_keys"]), trips))
        # the event, its mentions, their places and documents in one round trip (and the words of
        # an untitled one), whether one mention reports it or dozens
        assert max(t for _, t in events) <= 2 and max(m for m, _ in events) >= 10, sorted(events)
        documents = []
        for d in docs[::2]:
            want = browse.document(sqlite.conn, d.id)
            got, trips = round_trips(conn, lambda c: browse.document(c, d.id))
            assert plain(got) == plain(want), d.id
            documents.append((len(want["events"]), trips))
        assert max(t for _, t in documents) == 1, sorted(documents)  # itself, its events and claims together
        assert min(e for e, _ in documents) == 0 and max(e for e, _ in documents) >= 3
    finally:
        conn.close()


def test_marsad_serve_with_two_workers_over_postgresql(pg_server, stores, tmp_path):
    """The command itself, two worker processes on one database: the same JSON as over SQLite,
    and a document committed by another process is seen by the next request."""
    import socket
    import subprocess
    import sys
    import time

    import httpx
    from fastapi.testclient import TestClient

    from marsad.pipeline.extract import extract
    from marsad.server.app import create_app
    _, _, docs = stores
    first, later = docs[:12], docs[12]
    sqlite_path, pg_dsn = str(tmp_path / "s.db"), pg_server.new_database()
    for target in (sqlite_path, pg_dsn):
        with Store(target) as s:
            for d in first:
                s.add_document(d, extract)
                s.resolve([d.id])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", "from marsad.cli import main; main()", "serve",
                               "--db", pg_dsn, "--port", str(port), "--workers", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, server.communicate()[1]
            time.sleep(0.2)
        with TestClient(create_app(sqlite_path, index="off")) as local:
            for url in ["/api/events", "/api/stats", "/api/meta", "/api/claims", "/api/search?q=خلية"]:
                for _ in range(2):  # whichever worker answers
                    assert plain(httpx.get(base + url, timeout=10).json()) == plain(local.get(url).json()), url
        before = httpx.get(f"{base}/api/health", timeout=10).json()["version"]
        with Store(pg_dsn) as s:  # another process writes; the server sees it once committed
            s.add_document(later, extract)
            s.resolve([later.id])
        assert httpx.get(f"{base}/api/health", timeout=10).json()["version"] > before
        assert httpx.get(f"{base}/api/documents/{later.id}", timeout=10).status_code == 200
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert "Traceback" not in err, err


def test_the_benchs_copy_into_postgresql_answers_as_the_sqlite_store(pg_server, tmp_path):
    """bench/synthetic_store.to_postgresql (keys and indexes dropped for the load, made again
    after): the schema is a migrated database's, and the API's reads answer as on SQLite, every
    claims page (read in claim_documents' index order) included."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import synthetic_store

    from marsad.store import browse
    source = synthetic_store.build(tmp_path / "syn.db", events=300, documents=40, seed=5, claims=150)
    with Store(source) as lite:  # an undated document with claims: the pages' second phase
        lite.conn.execute("INSERT INTO documents (id, text_hash, text, text_normalized, ingested_at) "
                          "VALUES ('undated', 'h', 'BCIJ', 'BCIJ', '2025-01-01')")
        lite.conn.executemany("INSERT INTO claims (document_id, ordinal, metric, value, evidence) "
                              "VALUES ('undated', ?, 'persons_arrested', 3, '[[0, 4]]')", [(i,) for i in range(3)])
    fresh, copied = pg_server.new_database(), pg_server.new_database()
    assert synthetic_store.to_postgresql(source, copied) == 300
    schema = ("SELECT 'i', indexdef FROM pg_indexes WHERE schemaname = current_schema() UNION ALL "
              "SELECT 'c', conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
              "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2")
    with Store(fresh) as a, Store(copied) as b:
        assert b.conn.execute(schema).fetchall() == a.conn.execute(schema).fetchall()
    with Store(source) as lite, Store(copied) as pg:
        for f in (browse.Filters(), browse.Filters(type="arrest", since="2005"), browse.Filters(org="isis")):
            for sort in ("-date", "-arrested"):
                assert browse.events_page(pg.conn, f, sort, 20, None) == browse.events_page(lite.conn, f, sort, 20, None)
            assert browse.stats(pg.conn, f) == browse.stats(lite.conn, f)
        for filters in ({}, {"metric": "persons_arrested"}, {"since": "2010"}, {"source": "dgst", "until": "2020"}):
            pages = []
            for conn in (lite.conn, pg.conn):  # every page of 37, through the cursors
                items, cursor = [], None
                while True:
                    page = browse.claims_page(conn, limit=37, cursor=cursor, **filters)
                    items += page["items"]
                    if not (cursor := page["next_cursor"]):
                        break
                pages.append(items)
            assert pages[0] == pages[1]
            expected = lite.conn.execute(  # by date (undated last), then id: what the index walks
                "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id "
                "ORDER BY d.published IS NULL, d.published, c.id").fetchall()
            shown = [c["id"] for c in pages[0]]
            assert shown == [r[0] for r in expected if r[0] in set(shown)] and len(shown) > 3
        assert len(browse.claims_page(lite.conn, limit=500)["items"]) == 153
        first = lite.conn.execute("SELECT id FROM canonical_events ORDER BY rowid LIMIT 1").fetchone()[0]
        assert browse.event_detail(pg.conn, first) == browse.event_detail(lite.conn, first)
        assert browse.search(pg.conn, "خلية BCIJ", 10) == browse.search(lite.conn, "خلية BCIJ", 10)


def test_the_servers_read_pool_opens_its_connections_at_start(pg_server, stores):
    """A request must not wait for the pool to grow under load (bench_api measured the cached
    /api/meta's p99 at 978 ms over PostgreSQL with a pool grown on demand, 8 ms opened at start)."""
    from marsad.server.pool import PRE_OPENED, PgReadPool
    pool = PgReadPool(stores[1].path)
    try:
        pool._pool.wait(timeout=30)
        assert pool._pool.get_stats()["pool_size"] >= PRE_OPENED >= 3
        with pool.connection() as conn:
            assert conn.execute("SELECT 1").fetchone()[0] == 1
    finally:
        pool.close()
