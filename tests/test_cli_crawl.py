"""Tests for ``marsad crawl`` and ``marsad watch`` against a real server on 127.0.0.1."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from httpsite import SlowSite, article_page, corpus_texts, rss
from marsad import cli
from marsad.cli import main
from marsad.store import Store
from marsad.web.crawl import Crawler

pytestmark = pytest.mark.usefixtures("no_proxy")

FAST = ["--rate", "1000", "--retry-delay", "0.001", "--timeout", "2"]


def run(*args: str):
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def publish_feed(site, n: int) -> list[str]:
    paths = []
    for i, (name, lang, text) in enumerate(corpus_texts(n)):
        paths.append(f"/{lang}/{name}-article-{i}.html")
        site.add(paths[-1], article_page(text, lang))
    site.add("/rss.xml", rss([site.url(p) for p in paths]), "application/rss+xml", etag='"1"')
    return paths


def test_done_when_a_feed_of_50_articles_is_crawled_then_not_refetched(site, tmp_path):
    db = str(tmp_path / "m.db")
    paths = publish_feed(site, 50)
    first = run("crawl", site.url("/rss.xml"), "--db", db, *FAST)
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("crawled 50 pages: 50 new, 0 unchanged, 0 failed")
    assert first.stderr == ""
    assert all(site.count(p) == 1 for p in paths)
    with Store(db) as store:
        stats = store.stats()
        assert stats["documents"] == 50
        assert len(store.events()) >= 30  # the corpus is mostly counter-terrorism news
    events = run("events", "--db", db, "--format", "json")
    assert events.exit_code == 0 and '"url": "http://127.0.0.1' in events.stdout

    requests_before = len(site.requests)
    second = run("crawl", site.url("/rss.xml"), "--db", db, *FAST)
    assert second.exit_code == 0
    assert second.stdout == ("crawled 0 pages: 0 new, 0 unchanged, 0 failed; "
                             "1 listing not modified\n")
    assert site.paths()[requests_before:] == ["/robots.txt", "/rss.xml"]
    assert all(site.count(p) == 1 for p in paths)


def test_failures_are_one_line_each_and_exit_1(site, tmp_path):
    site.add("/feed", rss([site.url("/missing-article-page-x")]), "application/rss+xml")
    result = run("crawl", site.url("/feed"), "file:///etc/passwd", "--db",
                 str(tmp_path / "m.db"), *FAST)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "marsad: file:///etc/passwd: not an http(s) URL; give the full address, "
        "e.g. https://example.com/rss",
        f"marsad: {site.url('/missing-article-page-x')}: HTTP 404 Not Found"]
    assert result.stdout == "crawled 2 pages: 0 new, 0 unchanged, 2 failed\n"


def test_max_bytes_and_no_prefilter_options(site, tmp_path):
    site.add("/big-article-page-here", "x" * 3000)
    site.add("/feed", rss([site.url("/big-article-page-here")]), "application/rss+xml")
    result = run("crawl", site.url("/feed"), "--db", str(tmp_path / "m.db"), "--max-bytes", "1KB",
                 "--no-prefilter", *FAST)
    assert result.exit_code == 1
    assert "page too large (more than 1 KB; see --max-bytes)" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["crawl", "http://127.0.0.1:9/", "--max-bytes", "5 parsecs"], "invalid size '5 parsecs'"),
    (["crawl", "http://127.0.0.1:9/", "--rate", "0"], "--rate"),
    (["watch", "http://127.0.0.1:9/", "--every", "15"], "invalid duration '15'; use e.g. 30s"),
    (["crawl"], "Missing argument"),
])
def test_bad_options_are_usage_errors(tmp_path, args, message):
    result = run(*args, "--db", str(tmp_path / "m.db"))
    assert result.exit_code == 2 and message in result.stderr


def test_watch_repeats_and_refetches_nothing(site, tmp_path):
    db = str(tmp_path / "m.db")
    paths = publish_feed(site, 2)
    result = run("watch", site.url("/rss.xml"), "--every", "0.01s", "--max-rounds", "3",
                 "--db", db, *FAST)
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  new operation ")]
    assert len(lines) == 3  # one per round (then a line per new operation: test_alerts)
    assert lines[0].endswith("round 1: crawled 2 pages: 2 new, 0 unchanged, 0 failed")
    assert lines[2].endswith("round 3: crawled 0 pages: 0 new, 0 unchanged, 0 failed; "
                             "1 listing not modified")
    assert all(site.count(p) == 1 for p in paths)
    again = run("watch", site.url("/rss.xml"), "--every", "1h", "--max-rounds", "1", "--db", db,
                *FAST)  # restarted: nothing fetched again
    assert "round 1: crawled 0 pages" in again.stdout
    assert all(site.count(p) == 1 for p in paths)


def test_watch_is_not_stalled_by_a_slow_host(site, tmp_path):
    paths = publish_feed(site, 1)
    with SlowSite(interval=0.05) as slow:
        site.add("/rss.xml", rss([slow.url("/trickle-body"), site.url(paths[0])]),
                 "application/rss+xml")
        start = time.monotonic()
        result = run("watch", site.url("/rss.xml"), "--every", "0.01s", "--max-rounds", "2",
                     "--db", str(tmp_path / "m.db"), "--rate", "1000", "--retry-delay", "0.001",
                     "--timeout", "0.5")
        seconds = time.monotonic() - start
    assert result.stderr.splitlines() == [
        f"marsad: {slow.url('/trickle-body')}: timed out after 3 s in all (6 × --timeout)"] * 2
    assert result.stdout.splitlines()[0].endswith("round 1: crawled 2 pages: 1 new, 0 unchanged, "
                                                  "1 failed")
    assert seconds <= 2 * 3 + 3  # two rounds, one slow URL each, and a margin


def test_watch_stops_cleanly_on_ctrl_c(site, tmp_path, monkeypatch):
    rounds = []

    def interrupted(self, urls):
        rounds.append(1)
        raise KeyboardInterrupt

    monkeypatch.setattr(Crawler, "run", interrupted)
    result = run("watch", site.url("/rss.xml"), "--every", "1s", "--db", str(tmp_path / "m.db"))
    assert result.exit_code == 0 and rounds == [1]
    assert result.stderr == "marsad: watch stopped\n"


def test_progress_is_shown_on_a_terminal_only(site, tmp_path, monkeypatch):
    publish_feed(site, 1)
    monkeypatch.setattr(cli, "isatty", lambda stream: True)
    result = run("crawl", site.url("/rss.xml"), "--db", str(tmp_path / "m.db"), *FAST)
    assert "\rpages fetched 1, skipped 0, failed 0" in result.stderr
    assert result.stdout == "crawled 1 page: 1 new, 0 unchanged, 0 failed\n"


def test_help_documents_the_options():
    for command in ("crawl", "watch"):
        result = run(command, "--help")
        assert result.exit_code == 0
        for option in ("--refresh", "--rate", "--max-pages", "--max-sitemap-urls", "--timeout",
                       "--max-bytes", "--no-prefilter"):
            assert option in result.output
        assert "--max-rounds" not in result.output and "--retry-delay" not in result.output
    assert "30s" in run("watch", "--help").output
