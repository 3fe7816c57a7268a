"""Fixtures of the ``marsad serve`` tests: a real store built from the project's articles.

The 42 articles of ``tests/corpus/events`` (the same operations reported by several outlets
in three languages) go through the real pipeline (extract, store, resolve), with one more
article whose text, title, outlet and URL carry HTML/JS payloads (:data:`XSS`). The store
is built once per session; tests that write get a copy.
"""
from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

from marsad.evaluation import load_corpus
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.store import Store

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.server import create_app  # noqa: E402

HERE = Path(__file__).parent
EVENTS = HERE / "corpus" / "events"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
XSS = Document(
    id="xss-1", published="2025-03-03", lang="en", url=f"https://evil.invalid/a?q={SCRIPT}",
    title=f"Cell dismantled {SCRIPT} {IMG}", outlet=f"Evil {IMG}",
    text=(f"Moroccan police dismantle cell {SCRIPT} in Tangier\n\n"
          "RABAT, March 3, 2025 - The Central Bureau of Judicial Investigation (BCIJ) dismantled on "
          "Monday a terrorist cell of four extremists loyal to ISIS in Tangier, the Interior Ministry "
          f"said. {IMG} The suspects, aged 20 to 31, were planning bombings."))
TOKEN = "test-token-Z1"


def build_store(path: Path) -> Path:
    """The corpus and the XSS article, extracted, stored and resolved one by one (as ingest does)."""
    docs, _ = load_corpus(EVENTS)
    with Store(path) as store:
        for doc in [*docs, XSS]:
            store.add(doc, extract(doc))
            store.resolve([doc.id])
    return path


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a store (WAL included), for tests that write."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "corpus.db")


@pytest.fixture(scope="session")
def client(corpus_db) -> TestClient:
    """A client of the read-only app over the corpus store (pages and statistics from its
    event index, built before the first answer: test_server_keeper checks the SQL answers
    are the same)."""
    with TestClient(create_app(corpus_db, index="sync"), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def writable_db(corpus_db, tmp_path) -> Path:
    return copy_store(corpus_db, tmp_path / "writable.db")


@pytest.fixture
def writer(writable_db) -> TestClient:
    """A client of an app started with :data:`TOKEN` over a copy of the store."""
    with TestClient(create_app(writable_db, token=TOKEN, index="sync"), raise_server_exceptions=False) as c:
        yield c


def all_events(client: TestClient, **params) -> list[dict]:
    """Every event matching ``params``, read page by page."""
    items, cursor = [], None
    while True:
        query = {**params, "limit": params.get("limit", 500), **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/events", params=query)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items
