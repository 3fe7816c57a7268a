"""Security of ``marsad serve``: headers on everything, untrusted text served verbatim as JSON
(never in the HTML shell), SQL injection attempts in every parameter, loopback by default."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.server.security import CSP
from test_server_corpus import IMG, SCRIPT, XSS, all_events, client, corpus_db  # noqa: F401

EXPECTED_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
                "frame-ancestors 'none'")
INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE canonical_events; --", '" OR 1=1 --', "1) UNION SELECT * FROM documents --",
              "%' OR 1=1 --", "ev-2d72eec872ee' --", "\\'; DELETE FROM documents; --", "ماء' OR 1=1", "\x00"]


def test_csp_is_the_contracts():
    assert CSP == EXPECTED_CSP


@pytest.mark.parametrize("path", ["/", "/events/ev-1", "/api/events", "/api/meta", "/api/stats", "/api/nothing",
                                  "/api/export.csv", "/openapi.json", "/static/nope.css"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["content-security-policy"] == EXPECTED_CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_post_errors_carry_the_headers_too(client):
    response = client.post("/api/merge", json={"ids": ["a", "b"]})
    assert response.status_code == 403 and response.headers["content-security-policy"] == EXPECTED_CSP


def test_untrusted_text_comes_back_verbatim_in_json(client):
    doc = client.get(f"/api/documents/{XSS.id}")
    assert doc.headers["content-type"].startswith("application/json")
    body = doc.json()
    assert body["text"] == XSS.text and body["title"] == XSS.title and body["outlet"] == XSS.outlet
    assert body["url"] == XSS.url
    event_id = body["events"][0]["id"]
    event = client.get(f"/api/events/{event_id}").json()
    source = next(s for s in event["sources"] if s["document_id"] == XSS.id)
    spans = " ".join(e["before"] + e["text"] + e["after"] for e in source["evidence"])
    assert SCRIPT in spans and IMG in spans
    assert source["title"] == XSS.title and source["outlet"] == XSS.outlet
    hits = client.get("/api/search", params={"q": "onerror"}).json()["items"]
    assert any(h["document_id"] == XSS.id and h["title"] == XSS.title for h in hits)
    assert any(e["title"] == XSS.title for e in all_events(client, place="tangier"))


def test_the_html_shell_never_holds_stored_text(client):
    for path in ("/", f"/documents/{XSS.id}", "/events/ev-2d72eec872ee", "/search"):
        html = client.get(path, params={"q": SCRIPT}).text
        assert SCRIPT not in html and "onerror" not in html and XSS.title not in html


def test_exports_keep_the_payload_as_data(client):
    csv_text = client.get("/api/export.csv", params={"place": "tangier"}).text
    assert XSS.outlet.replace('"', '""') in csv_text  # a quoted CSV field, not markup
    rows = client.get("/api/export.json", params={"place": "tangier"}).json()
    assert any(XSS.outlet in r["source"] for r in rows)


def fingerprint(db) -> str:
    """A hash of the database files: any write would change it."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        try:
            with open(f"{db}{suffix}", "rb") as f:
                digest.update(f.read())
        except FileNotFoundError:
            pass
    return digest.hexdigest()


def test_sql_injection_attempts_are_inert(client, corpus_db):
    before = fingerprint(corpus_db)
    total = client.get("/api/stats").json()["events"]
    for value in INJECTIONS:
        for name in ("type", "since", "until", "place", "region", "org", "agency", "partner", "background",
                     "q", "sort", "cursor", "limit"):
            for path in ("/api/events", "/api/stats", "/api/export.json"):
                response = client.get(path, params={name: value})
                assert response.status_code in (200, 400), (path, name, value, response.text)
                if response.status_code == 200 and path == "/api/events":
                    assert response.json()["items"] == [] or name == "q", (name, value)
        for path in ("/api/claims?metric=", "/api/claims?source=", "/api/claims?since=", "/api/search?q=",
                     "/api/events/", "/api/documents/"):
            response = client.get(path + quote(value, safe=""))
            assert response.status_code in (200, 400, 404), (path, value, response.text)
        if client.get("/api/claims", params={"source": value}).status_code == 200:
            assert client.get("/api/claims", params={"source": value}).json()["items"] == []
    assert client.get("/api/stats").json()["events"] == total
    assert fingerprint(corpus_db) == before


def test_text_queries_with_fts_syntax_are_words(client):
    for q in ('"', "NEAR(a b)", "a OR b", "*", "title:x", "داعش AND", "-x"):
        response = client.get("/api/events", params={"q": q})
        assert response.status_code in (200, 400), (q, response.text)
        assert client.get("/api/search", params={"q": q}).status_code == 200


def test_serve_binds_loopback_by_default():
    serve = main.get_command(None, "serve")
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_serve_without_a_database_is_one_line_and_non_zero(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "no database" in result.output


def test_serve_rejects_a_token_that_cannot_travel_in_a_header(corpus_db):
    result = CliRunner().invoke(main, ["serve", "--db", str(corpus_db), "--token", "two words"])
    assert result.exit_code == 1 and "token" in result.output


def test_pages_answer_head_like_get_without_a_body(client):
    for path in ("/", "/events", "/claims"):
        head, get = client.head(path), client.get(path)
        assert head.status_code == get.status_code == 200 and head.content == b""
        assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


def test_serve_on_a_busy_port_fails_before_it_says_it_serves(corpus_db):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(corpus_db), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip() == f"marsad: error: cannot serve on 127.0.0.1:{port}: the port is in use"
