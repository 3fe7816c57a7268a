"""Tests for marsad.web.fetch: one URL's fetch ends within 6 × the timeout, whatever the server.

A server on 127.0.0.1 (tests/httpsite.py ``SlowSite``) sends its answer a byte at a
time, each byte well within the timeout, so only a deadline over the whole fetch
stops it. The time bounds are guards with a margin, not speed measurements: without
the deadline these fetches last until the server's own 30 s limit.
"""
from __future__ import annotations

import shutil
import ssl
import subprocess
import time

import pytest

from httpsite import SlowSite
from marsad.web.fetch import DEADLINE_TIMEOUTS, Fetcher, FetchError

pytestmark = pytest.mark.usefixtures("no_proxy")

TIMEOUT = 0.5
LIMIT = TIMEOUT * DEADLINE_TIMEOUTS  # 3 s
MARGIN = 2.0  # scheduling on a busy machine; far below the 30 s an unbounded fetch takes


@pytest.fixture
def slow():
    with SlowSite(interval=0.05, hop_seconds=1.0) as s:
        yield s


def fetch_failure(url: str, **options) -> tuple[str, float]:
    """The one-line failure of fetching ``url``, and the seconds it took."""
    fetcher = Fetcher(**{"interval": 0.001, "timeout": TIMEOUT, "retry_delay": 0.001, **options})
    start = time.monotonic()
    with pytest.raises(FetchError) as failure:
        fetcher.get(url)
    return str(failure.value), time.monotonic() - start


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_a_trickling_server_is_cut_off_at_six_timeouts(slow, path):
    message, seconds = fetch_failure(slow.url(path))
    assert message == f"timed out after {LIMIT:g} s in all (6 × --timeout)"
    assert LIMIT - 0.1 <= seconds <= LIMIT + MARGIN


def test_the_limit_covers_retries_too(slow):
    """Three attempts share the 6 × timeout: the first one uses it all, none follows."""
    message, seconds = fetch_failure(slow.url("/trickle-body"), attempts=3)
    assert "after" not in message.split("(6 × --timeout)")[-1]  # no "(after 3 attempts)"
    assert seconds <= LIMIT + MARGIN


def test_the_limit_covers_redirects_too(slow):
    """Each hop takes about 1 s, well under the limit; the chain of them does not."""
    message, seconds = fetch_failure(slow.url("/trickle-redirect/0"))
    assert message == f"timed out after {LIMIT:g} s in all (6 × --timeout)"
    assert seconds <= LIMIT + MARGIN


def test_a_status_line_without_headers_is_reported(slow):
    message, _ = fetch_failure(slow.url("/no-headers"), attempts=2)
    assert message == ("connection closed by the server before the end of the headers "
                       "(after 2 attempts)")


def test_a_wait_longer_than_the_timeout_still_ends_at_the_timeout():
    """One byte every 0.3 s against a 0.1 s timeout: the per-wait timeout, retried."""
    with SlowSite(interval=0.3) as sluggish:
        message, seconds = fetch_failure(sluggish.url("/trickle-body"), timeout=0.1, attempts=2)
    assert message == "timed out after 0.1 s (after 2 attempts)"
    assert seconds <= 0.6 + MARGIN


def test_the_limit_holds_over_https(tmp_path, monkeypatch):
    """The TLS socket is wrapped too: a trickling HTTPS host is cut off the same way."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl not found: cannot make a certificate for the test server")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the test certificate
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    with SlowSite(interval=0.05, tls=tls) as slow:
        message, seconds = fetch_failure(slow.url("/trickle-body"))
        missing, _ = fetch_failure(slow.url("/missing"))
    assert message == f"timed out after {LIMIT:g} s in all (6 × --timeout)"
    assert seconds <= LIMIT + MARGIN
    assert missing == "HTTP 404 Not Found"  # and an answer over TLS is read as usual


def test_waits_before_retries_count_too(site):
    """Retry-After 2 s against a 3 s limit: one retry fits, a second one would not."""
    site.add("/busy", "slow down", status=429, headers={"Retry-After": "2"})
    message, seconds = fetch_failure(site.url("/busy"), attempts=3)
    assert message == "HTTP 429 Too Many Requests (after 2 attempts)"
    assert site.count("/busy") == 2 and seconds <= LIMIT + MARGIN
