"""The event index a served store keeps (marsad.server.keeper), and the API's answers with it.

The index follows the store's version (a write makes the next request rebuild it), is built
in the background when the app starts (SQL answers meanwhile), and is left alone for a store
it refuses. The API answers the same with the index and without it.
"""
from __future__ import annotations

import sqlite3
import time

import pytest

from marsad.server import create_app
from marsad.server.keeper import IndexKeeper
from test_server_corpus import TOKEN, TestClient, copy_store, corpus_db  # noqa: F401 (its TestClient: warning filtered)

URLS = [
    "/api/events", "/api/events?sort=-arrested&limit=3", "/api/events?type=arrest&since=2016&sort=date",
    "/api/events?place=tangier&sort=-sources", "/api/events?org=isis&agency=bcij&limit=2",
    "/api/events?region=Tanger-T%C3%A9touan-Al%20Hoce%C3%AFma", "/api/events?q=%D8%AF%D8%A7%D8%B9%D8%B4",
    "/api/events?since=2025-02-10&until=2025-03-20&sort=-date", "/api/events?background=true",
    "/api/stats", "/api/stats?type=cell_dismantled", "/api/stats?since=2015-05-12&until=2025-02-20",
    "/api/stats?place=casablanca&org=isis", "/api/stats?q=cell", "/api/stats?partner=ES&since=2020",
    "/api/export.csv?org=isis", "/api/export.json?sort=arrested",
]


def version(path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT version FROM browse_meta").fetchone()[0]


def wait_for(keeper: IndexKeeper, v: int, state: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while keeper.state(v) != state:
        assert time.monotonic() < deadline, f"index still {keeper.state(v)!r}, not {state!r}"
        time.sleep(0.02)


def test_answers_with_and_without_the_index_are_the_same(corpus_db):
    with TestClient(create_app(corpus_db, index="sync")) as indexed, \
            TestClient(create_app(corpus_db, index="off")) as plain:
        assert indexed.get("/api/health").json()["index"] == "ready"
        assert plain.get("/api/health").json()["index"] == "off"
        for url in URLS:
            a, b = indexed.get(url), plain.get(url)
            assert a.status_code == b.status_code == 200, url
            assert a.content == b.content, url
        page = indexed.get("/api/events?limit=2&sort=-arrested").json()
        follow = f"/api/events?limit=2&sort=-arrested&cursor={page['next_cursor']}"
        assert indexed.get(follow).content == plain.get(follow).content


def test_the_index_follows_the_store_version(corpus_db, tmp_path):
    path = copy_store(corpus_db, tmp_path / "store.db")
    keeper = IndexKeeper(str(path), "sync")
    first = keeper.current(version(path))
    assert first is not None and first.version == version(path)
    old = version(path)
    assert keeper.current(old) is first  # kept, not rebuilt
    with sqlite3.connect(path) as db:  # a write
        db.execute("UPDATE canonical_events SET background = 1 - background WHERE rowid = "
                   "(SELECT min(rowid) FROM canonical_events)")
    assert version(path) != old
    second = keeper.current(version(path))
    assert second is not first and second.version == version(path)
    assert keeper.current(old) is None  # a request still reading the old snapshot: SQL answers


def test_after_a_merge_the_api_answers_from_a_rebuilt_index(corpus_db, tmp_path):
    path = copy_store(corpus_db, tmp_path / "merge.db")
    with TestClient(create_app(path, token=TOKEN, index="sync")) as client:
        before = client.get("/api/health").json()
        ids = [e["id"] for e in client.get("/api/events?sort=date&limit=2").json()["items"]]
        merged = client.post("/api/merge", json={"ids": ids}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert merged.status_code == 200, merged.text
        after = client.get("/api/health").json()
        assert after["version"] > before["version"] and after["index"] == "ready"
        listed = [e["id"] for e in client.get("/api/events?sort=date&limit=500").json()["items"]]
        assert merged.json()["id"] in listed and not set(ids) - {merged.json()["id"]} & set(listed)
        with TestClient(create_app(path, index="off")) as plain:
            assert client.get("/api/stats").content == plain.get("/api/stats").content


def test_the_index_is_built_in_the_background_when_the_app_starts(corpus_db):
    app = create_app(corpus_db)  # the default: background
    with TestClient(app) as client:
        v = client.get("/api/health").json()["version"]
        wait_for(app.state.index, v, "ready")
        assert client.get("/api/health").json()["index"] == "ready"
        assert app.state.index.current(v) is not None


def test_a_refused_store_is_answered_from_sql_and_not_rebuilt_again(corpus_db, tmp_path):
    path = copy_store(corpus_db, tmp_path / "odd.db")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE canonical_events SET arrested = 'many' WHERE rowid = (SELECT min(rowid) FROM "
                   "canonical_events)")
    keeper = IndexKeeper(str(path))
    v = version(path)
    assert keeper.current(v) is None
    wait_for(keeper, v, "refused")
    assert keeper.current(v) is None and keeper.state(v) == "refused"  # no second build begins
    with TestClient(create_app(path, index="sync")) as client:
        assert client.get("/api/health").json()["index"] == "refused"
        assert client.get("/api/stats").status_code == 200


def test_off_means_sql_alone():
    keeper = IndexKeeper("/nonexistent.db", "off")
    assert keeper.current(1) is None and keeper.state(1) == "off"
    with pytest.raises(ValueError, match="index mode"):
        IndexKeeper("x.db", "eager")


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("flags, mode", [([], "background"), (["--no-index"], "off")])
def test_serve_passes_the_index_mode_to_every_worker(corpus_db, monkeypatch, workers, flags, mode):
    import uvicorn
    from click.testing import CliRunner

    from marsad.cli import main
    from marsad.server.app import ENV_DB, ENV_INDEX, ENV_TOKEN, app_from_environment
    ran = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: ran.update(app=app, options=options))
    for name in (ENV_DB, ENV_TOKEN, ENV_INDEX):  # serve sets them for its workers; put back after
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", str(corpus_db), "--workers", str(workers), *flags])
    assert result.exit_code == 0, result.output
    app = ran["app"] if workers == 1 else app_from_environment()  # what each worker process builds
    assert app.state.index.mode == mode
