"""Alerts of new operations: ``marsad watch`` lines and ``--notify`` posts to a real webhook
receiver on 127.0.0.1 (http.server in a thread), over the crawler tests' local site; the Atom
feed ``/feeds/operations.atom`` parsed with xml.etree, on both backends.

Which operations are new is worked out here from the store, independently of the
resolution's revision log: events all of whose mentions come from the round's new articles.
"""
from __future__ import annotations

import json
import threading
import warnings
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from httpsite import article_page, corpus_texts, rss
from marsad.store import Store
from test_cli_crawl import FAST, run
from test_cli_export import db, stored  # noqa: F401  (two operations, built by hand, on both backends)

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.server import create_app  # noqa: E402

pytestmark = pytest.mark.usefixtures("no_proxy")
ATOM = "{http://www.w3.org/2005/Atom}"


class Receiver:
    """A webhook receiver: keeps the JSON of every POST; answers ``status``."""

    def __init__(self, status: int = 204) -> None:
        self.bodies: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers["Content-Length"])
                receiver.bodies.append({"type": self.headers["Content-Type"],
                                        "json": json.loads(self.rfile.read(length).decode("utf-8"))})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.01,), daemon=True)

    def __enter__(self) -> "Receiver":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def publish(site, texts) -> list[str]:
    """Article pages for ``texts`` and a feed listing all of them; their URLs."""
    urls = []
    for name, lang, text in texts:
        urls.append(site.url(f"/{lang}/{name}.html"))
        site.add(f"/{lang}/{name}.html", article_page(text, lang))
    site.add("/rss.xml", rss(urls), "application/rss+xml", etag=f'"{len(urls)}"')
    return urls


def operations_from(db_path: str, urls: list[str]) -> dict[str, dict]:
    """The stored operations all of whose reports are pages among ``urls``, by id."""
    with Store(db_path, create=False) as store:
        events = store.canonical_events()
        url_of = {s["document_id"]: s["url"] for e in events for s in e["sources"]}
        return {e["id"]: e for e in events
                if e["sources"] and all(url_of[m.rsplit("#", 1)[0]] in urls for m in e["mention_keys"])}


def new_lines(stdout: str) -> list[str]:
    return [line.strip() for line in stdout.splitlines() if line.startswith("  new operation ")]


def test_watch_names_and_posts_each_new_operation_once(site, make_target):
    db_path = make_target("m.db")
    texts = corpus_texts(6)
    first = publish(site, texts[:4])
    with Receiver() as hook:
        result = run("watch", site.url("/rss.xml"), "--every", "0.01s", "--max-rounds", "2",
                     "--notify", hook.url, "--db", db_path, *FAST)
        assert result.exit_code == 0 and result.stderr == ""
        expected = operations_from(db_path, first)
        assert expected  # the corpus articles report operations
        lines = new_lines(result.stdout)
        assert sorted(line.split()[2].rstrip(":") for line in lines) == sorted(expected)
        out = result.stdout.splitlines()
        assert " round 1: " in out[0] and " round 2: " in out[len(lines) + 1]  # the lines follow their round's
        assert len(out) == len(lines) + 2  # round 2 stored nothing new
        for line in lines:  # date (or undated), type, places and the article's link
            event = expected[line.split()[2].rstrip(":")]
            when = event["date"] or (f"between {event['date_earliest']} and {event['date_latest']}"
                                     if event.get("date_earliest") else "undated")
            assert when in line and event["type"].replace("_", " ") in line
            assert any(s["url"] in line for s in event["sources"])
            assert all(p["name_en"] in line for p in event["places_detail"][:3] if p["name_en"])
        posted = [b["json"] for b in hook.bodies]
        assert all(b["type"].startswith("application/json") for b in hook.bodies)
        assert sorted(p["event"]["id"] for p in posted) == sorted(expected)
        for p in posted:
            ev = expected[p["event"]["id"]]
            assert (p["event"]["type"], p["event"]["date"], p["event"]["places"]) == (ev["type"], ev["date"], ev["places"])
            assert p["text"] in lines

        more = publish(site, texts)  # two more articles: only their own operations are new
        again = run("watch", site.url("/rss.xml"), "--every", "1h", "--max-rounds", "1",
                    "--notify", hook.url, "--db", db_path, *FAST)
        fresh = operations_from(db_path, more[4:])
        assert fresh
        assert sorted(line.split()[2].rstrip(":") for line in new_lines(again.stdout)) == sorted(fresh)
        assert sorted(p["json"]["event"]["id"] for p in hook.bodies[len(posted):]) == sorted(fresh)


def test_a_failing_webhook_is_one_line_and_the_watch_goes_on(site, tmp_path):
    publish(site, corpus_texts(4))
    with Receiver(status=500) as hook:
        result = run("watch", site.url("/rss.xml"), "--every", "0.01s", "--max-rounds", "2",
                     "--notify", hook.url, "--db", str(tmp_path / "m.db"), *FAST)
    assert result.exit_code == 0
    new = len(new_lines(result.stdout))
    assert new > 1 and len(hook.bodies) == 1  # the first failure ends the round's posts
    assert result.stderr.splitlines() == [
        f"marsad: notify: {hook.url}: HTTP 500 Internal Server Error; {new} new operations not sent "
        "(the watch goes on)"]
    assert " round 2: " in result.stdout


def test_an_unreachable_webhook_and_a_bad_url(site, tmp_path):
    publish(site, corpus_texts(2))
    with Receiver() as closed:
        url = closed.url
    result = run("watch", site.url("/rss.xml"), "--every", "0.01s", "--max-rounds", "1",
                 "--notify", url, "--db", str(tmp_path / "m.db"), *FAST)
    assert result.exit_code == 0 and " round 1: " in result.stdout
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"marsad: notify: {url}: cannot post")
    bad = run("watch", site.url("/rss.xml"), "--notify", "ftp://example.org/x", "--db", str(tmp_path / "m.db"))
    assert bad.exit_code == 1 and bad.stderr.startswith("marsad: error: invalid --notify URL")


# -- the Atom feed -------------------------------------------------------------------------------------

@pytest.fixture
def feed_client(db):  # noqa: F811
    with TestClient(create_app(db, index="off"), raise_server_exceptions=False) as c:
        yield c


def feed(client, **params) -> ET.Element:
    response = client.get("/feeds/operations.atom", params=params)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_is_atom_with_an_entry_per_operation(feed_client, stored):  # noqa: F811
    root = feed(feed_client)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feeds/operations.atom")
    entries = root.findall(f"{ATOM}entry")
    by_id = {e["id"]: e for e in stored.values()}
    assert sorted(e.find(f"{ATOM}link[@rel='alternate']").get("href").rsplit("/", 1)[1] for e in entries) == sorted(by_id)
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        event = by_id[entry.findtext(f"{ATOM}id").rsplit("/", 1)[1]]
        assert entry.find(f"{ATOM}category").get("term") == event["type"]
        counts = [f"{event[k]} {k}" for k in ("arrested", "killed") if event[k] is not None]
        assert all(c in entry.findtext(f"{ATOM}title") for c in counts)  # the operation's figures
        related = {link.get("href") for link in entry.findall(f"{ATOM}link[@rel='related']")}
        assert related == {s["url"] for s in event["sources"] if s["url"]}
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert root.findtext(f"{ATOM}updated") == max(updated)


@pytest.mark.parametrize("params, kind", [({"type": "attack"}, "attack"), ({"place": "طنجة"}, "cell_dismantled"),
                                          ({"background": "false"}, "cell_dismantled"), ({"org": "Daesh"}, "cell_dismantled")])
def test_feed_honours_the_filters(feed_client, stored, params, kind):  # noqa: F811
    root = feed(feed_client, **params)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id").rsplit("/", 1)[1] for e in entries] == [stored[kind]["id"]]
    assert "?" in root.find(f"{ATOM}link[@rel='self']").get("href")  # a reader follows this filtered view


def test_feed_rejects_bad_filters_and_the_dashboard_links_it(feed_client):
    response = feed_client.get("/feeds/operations.atom", params={"place": "Casablnca"})
    assert response.status_code == 400 and "did you mean casablanca" in response.json()["error"]["message"]
    assert feed_client.get("/feeds/figures.atom", params={"metric": "foo"}).status_code == 400
    head = feed_client.get("/").text.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert 'href="/feeds/operations.atom"' in head and 'href="/feeds/figures.atom"' in head


def test_figures_feed_lists_the_stored_figures_and_honours_the_metric(feed_client, db):  # noqa: F811
    with Store(db, create=False) as store:
        claims = store.claims()
    assert len(claims) == 2
    root = ET.fromstring(feed_client.get("/feeds/figures.atom").content)
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    assert sorted(e.find(f"{ATOM}category").get("term") for e in entries) == sorted(c["metric"] for c in claims)
    for entry in entries:
        claim = next(c for c in claims if c["metric"] == entry.find(f"{ATOM}category").get("term"))
        for tag in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        assert str(claim["value"]) in entry.findtext(f"{ATOM}title") and claim["source"] in entry.findtext(f"{ATOM}title")
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").endswith(f"/documents/{claim['document_id']}")
    only = ET.fromstring(feed_client.get("/feeds/figures.atom", params={"metric": "persons_arrested"}).content)
    assert [e.find(f"{ATOM}category").get("term") for e in only.findall(f"{ATOM}entry")] == ["persons_arrested"]
    assert "about 3000" in only.find(f"{ATOM}entry").findtext(f"{ATOM}title")
