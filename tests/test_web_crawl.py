"""Tests for marsad.web: crawling a real HTTP server on 127.0.0.1 into a store.

The server (tests/httpsite.py) records every request, so politeness is asserted
on what reached it: a path robots.txt disallows is never requested, a second
crawl requests nothing but the listings, a 304 is used.
"""
from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from httpsite import (SPORT, SlowSite, article_page, atom, corpus_texts, rss, sitemap,
                      sitemap_index)
from marsad.errors import InputError
from marsad.store import FetchState, Store
from marsad.web.crawl import CrawlOptions, Crawler, CrawlSummary
from marsad.web.fetch import USER_AGENT, Fetcher, FetchError
from marsad.web.links import article_links, looks_like_article
from marsad.web.listings import (FEED, HTML, MAX_SITEMAP_URLS, SITEMAP, SITEMAP_INDEX,
                                 ListingError, parse_xml_listing, sniff)
from marsad.web.prefilter import looks_relevant
from marsad.web.units import parse_duration, parse_size
from marsad.web.urls import document_id, same_site, to_uri
from marsad.web.watch import watch

pytestmark = pytest.mark.usefixtures("no_proxy")

FAST = dict(rate=1000.0, timeout=2.0, retry_delay=0.001)
TEXTS = corpus_texts()
AR = [t for t in TEXTS if t[1] == "ar"]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "crawl.db") as s:
        yield s


def crawl(store, *urls, **options) -> CrawlSummary:
    problems = []
    summary = Crawler(store, CrawlOptions(**{**FAST, **options}),
                      on_problem=problems.append).run(urls)
    assert problems == summary.problems
    return summary


def publish(site, n: int, start: int = 0, texts=AR) -> list[str]:
    """Put ``n`` article pages on the site; return their URLs."""
    urls = []
    for i in range(start, start + n):
        name, lang, text = texts[i % len(texts)]
        path = f"/news/{i}-{name}-article.html"
        site.add(path, article_page(text, lang))
        urls.append(site.url(path))
    return urls


def path_of(url: str) -> str:
    return url.split(str(url.split("/")[2]), 1)[1]


# -- small parts -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("5MB", 5_000_000), ("500KB", 500_000), ("1000000", 1_000_000), ("2 MiB", 2 << 20),
    ("1.5mb", 1_500_000)])
def test_parse_size(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text, expected", [("30s", 30), ("15m", 900), ("2h", 7200),
                                            ("1.5h", 5400), ("0.01s", 0.01)])
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("bad", ["", "5 parsecs", "-1MB", "0MB"])
def test_bad_size(bad):
    with pytest.raises(InputError, match="size"):
        parse_size(bad)


@pytest.mark.parametrize("bad", ["15", "m", "15 minutes", "0s", "-3m"])
def test_bad_duration(bad):
    with pytest.raises(InputError, match="duration"):
        parse_duration(bad)


def test_options_are_checked():
    with pytest.raises(InputError, match="rate must be more than 0"):
        CrawlOptions(rate=0)
    with pytest.raises(InputError, match="max-pages cannot be negative"):
        CrawlOptions(max_pages=-1)


@pytest.mark.parametrize("url, expected", [
    ("https://www.hespress.com/tfkik-khliya-irhabiya-bifas-1431234.html", True),
    ("https://alyaoum24.com/1878123.html", True),
    ("https://example.ma/ar/تفكيك-خلية-إرهابية", True),
    ("https://example.ma/2024/05/03/cell-dismantled", True),
    ("https://example.ma/index.php?p=98765", True),
    ("https://example.ma/", False),
    ("https://example.ma/sport", False),
    ("https://example.ma/politique-nationale", False),
    ("https://example.ma/2024/05/03", False),
    ("https://example.ma/category/world-news-today", False),
    ("https://example.ma/tag/terror-cell-morocco", False),
    ("https://example.ma/page/12345", False),
    ("https://example.ma/uploads/photo-of-the-day-1234567.jpg", False),
])
def test_looks_like_article(url, expected):
    assert looks_like_article(url) is expected


def test_front_page_links_stay_on_the_site():
    page = """<html><head><base href="/ar/"></head><body>
      <a href="/">home</a> <a href="/category/sport">sport</a>
      <a href="tfkik-khliya-irhabiya-bifas">one</a> <a href="tfkik-khliya-irhabiya-bifas#c">again</a>
      <a href="https://www.example.ma/2024/05/03/arrest-in-fes">www is the same site</a>
      <a href="https://other.ma/a-long-article-slug-here">other site</a>
      <a href="mailto:desk@example.ma">mail</a> <a href="javascript:void(0)">js</a>
    </body></html>"""
    assert article_links(page, "https://example.ma/") == [
        "https://example.ma/ar/tfkik-khliya-irhabiya-bifas",
        "https://www.example.ma/2024/05/03/arrest-in-fes"]


def test_urls():
    assert to_uri("https://example.ma/ar/خلية#top") == "https://example.ma/ar/%D8%AE%D9%84%D9%8A%D8%A9"
    assert to_uri("https://example.ma/ar/%D8%AE") == "https://example.ma/ar/%D8%AE"  # not twice
    assert same_site("https://www.example.ma/a", "http://example.ma/b")
    assert document_id("https://www.example.ma/a") == document_id("https://www.example.ma/a")
    assert document_id("https://www.example.ma/a").startswith("example.ma-")


@pytest.mark.parametrize("body, content_type, kind", [
    (rss(["http://h/a"]), "application/rss+xml", FEED),
    (rss(["http://h/a"]), "text/xml", FEED),
    (atom(["http://h/a"]), "application/atom+xml", FEED),
    (sitemap(["http://h/a"]), "application/xml", SITEMAP),
    (sitemap_index(["http://h/s.xml"]), "", SITEMAP_INDEX),
    ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns="http://purl.org/rss/1.0/"><item><link>http://h/a</link></item></rdf:RDF>', "", FEED),
    ("<!doctype html><html><body>hi</body></html>", "text/html", HTML),
    ("<html><body>no content type</body></html>", "", HTML),
])
def test_sniff(body, content_type, kind):
    assert sniff(content_type, body.encode(), 10_000)[0] == kind


@pytest.mark.parametrize("body, content_type, message", [
    (b"%PDF-1.4 ...", "application/pdf", "not a feed, sitemap or HTML page"),
    (b"<?xml version='1.0'?><rss><channel>", "application/rss+xml", "invalid XML"),
    (b"<?xml version='1.0'?><svg/>", "image/svg+xml", "XML root <svg>"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss>&a;</rss>', "text/xml",
     "entity declarations refused"),
])
def test_sniff_refuses(body, content_type, message):
    with pytest.raises(ListingError, match=message):
        sniff(content_type, body, 10_000)


def test_feed_and_sitemap_links_with_dates():
    kind, root = sniff("", rss(["/a-b-c", "http://h/x", "http://h/x"],
                               ["Fri, 03 May 2024 10:00:00 GMT", None, None]).encode(), 10_000)
    links = parse_xml_listing(kind, root, "http://h/feed")
    assert [(l.url, l.published) for l in links] == [("http://h/a-b-c", "2024-05-03"),
                                                     ("http://h/x", None)]
    kind, root = sniff("", atom(["http://h/1"]).encode(), 10_000)
    assert [(l.url, l.published) for l in parse_xml_listing(kind, root, "http://h/")] == [
        ("http://h/1", "2024-05-01")]
    body = gzip.compress(sitemap(["http://h/n"], news_dates=["2024-06-07T08:00:00+01:00"]).encode())
    kind, root = sniff("application/x-gzip", body, 10_000)
    assert [(l.url, l.kind, l.published) for l in parse_xml_listing(kind, root, "http://h/")] == [
        ("http://h/n", "page", "2024-06-07")]


def test_prefilter_reads_every_language():
    assert looks_relevant("فككت المصالح الأمنية خلية إرهابية بمدينة فاس")
    assert looks_relevant("والإرهابيين")  # clitics and hamza folded
    assert looks_relevant("Police arrested four TERRORISTS in Tangier")
    assert looks_relevant("Une cellule djihadiste démantelée à Tétouan")
    assert not looks_relevant(SPORT)
    assert not looks_relevant("Le Maroc bat le Portugal en quart de finale")


def test_watch_runs_rounds_on_a_rhythm():
    clock, slept, results = [0.0], [], []

    def one_round():
        clock[0] += 2.0  # each crawl takes 2 s
        return len(results)

    def sleep(s):
        slept.append(s)
        clock[0] += s

    assert watch(one_round, 10.0, max_rounds=3, on_round=lambda n, r: results.append((n, r)),
                 sleep=sleep, clock=lambda: clock[0]) == 3
    assert slept == [8.0, 8.0] and results == [(1, 0), (2, 1), (3, 2)]


# -- fetching ------------------------------------------------------------------------------------

def test_user_agent_and_gzip(site):
    body = article_page(AR[0][2])
    site.route("/g", lambda r: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                                gzip.compress(body.encode())))
    response = Fetcher(**{k: v for k, v in FAST.items() if k != "rate"}).get(site.url("/g"))
    assert response.body.decode() == body
    headers = site.headers_of("/g")[0]
    assert headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("marsad/") and "(+http" in USER_AGENT


def test_rate_limit_spaces_requests_to_one_site(site):
    site.add("/a", "a")
    fetcher = Fetcher(interval=0.02)
    start = time.monotonic()
    for _ in range(3):
        fetcher.get(site.url("/a"))
    assert time.monotonic() - start >= 0.04


def test_gzip_bomb_is_too_large(site):
    site.route("/bomb", lambda r: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                                   gzip.compress(b"a" * 200_000)))
    with pytest.raises(FetchError, match="page too large"):
        Fetcher(max_bytes=10_000).get(site.url("/bomb"))


# -- crawling ------------------------------------------------------------------------------------

def test_rss_feed_is_crawled_and_stored(site, store):
    urls = publish(site, 3)
    site.add("/feed", rss(urls), "application/rss+xml")
    summary = crawl(store, site.url("/feed"))
    assert (summary.new, summary.failed, summary.listings) == (3, 0, 1)
    assert str(summary) == "crawled 3 pages: 3 new, 0 unchanged, 0 failed"
    assert store.stats()["documents"] == 3
    state = store.fetch_state(urls[0])
    doc = store.document(state.document_id)
    assert doc["url"] == urls[0] and doc["relevant"] == 1
    assert state.status == 200 and state.content_hash and state.found_on == site.url("/feed")
    assert store.events()


def test_atom_feed(site, store):
    urls = publish(site, 2)
    site.add("/atom", atom(urls), "application/atom+xml")
    summary = crawl(store, site.url("/atom"))
    assert summary.new == 2
    assert "/img0.jpg" not in site.paths()  # enclosures are not articles
    doc = store.document(store.fetch_state(urls[1]).document_id)
    assert doc["published"] == "2024-05-02"  # the feed's date, the page states none


def test_sitemap_index_to_sitemaps_to_pages(site, store):
    first, second = publish(site, 2), publish(site, 2, start=2)
    site.add("/sitemap-a.xml", sitemap(first), "application/xml")
    site.add("/sitemap-news.xml", sitemap(second, news_dates=["2024-06-07", "2024-06-08"]),
             "application/xml")
    site.add("/sitemap.xml", sitemap_index([site.url("/sitemap-a.xml"),
                                            site.url("/sitemap-news.xml")]), "application/xml")
    summary = crawl(store, site.url("/sitemap.xml"))
    assert (summary.new, summary.listings, summary.failed) == (4, 3, 0)
    doc = store.document(store.fetch_state(second[1]).document_id)
    assert doc["published"] == "2024-06-08"


def test_front_page_links_are_followed(site, store):
    urls = publish(site, 2)
    links = "".join(f'<a href="{path_of(u)}">x</a>' for u in urls)
    site.add("/", f'<html><body><a href="/category/sport">sport</a>{links}'
                  '<a href="http://elsewhere.invalid/some-long-article-slug">x</a></body></html>')
    summary = crawl(store, site.url("/"))
    assert summary.new == 2
    assert "/category/sport" not in site.paths()
    assert site.paths().count("/") == 1


def test_second_crawl_fetches_nothing_new(site, store):
    urls = publish(site, 3)
    site.add("/feed", rss(urls), "application/rss+xml")  # no validators: the feed is re-read
    crawl(store, site.url("/feed"))
    before = len(site.requests)
    summary = crawl(store, site.url("/feed"))
    assert site.paths()[before:] == ["/robots.txt", "/feed"]
    assert str(summary) == "crawled 0 pages: 0 new, 0 unchanged, 0 failed; 3 already fetched"


def test_feed_with_etag_gets_a_304_and_new_articles_are_fetched(site, store):
    urls = publish(site, 2)
    site.add("/feed", rss(urls), "application/rss+xml", etag='"v1"')
    crawl(store, site.url("/feed"))
    summary = crawl(store, site.url("/feed"))
    assert site.headers_of("/feed")[-1]["If-None-Match"] == '"v1"'
    assert summary.listings_not_modified == 1 and summary.pages == 0
    assert all(site.count(path_of(u)) == 1 for u in urls)
    urls += publish(site, 1, start=2)  # the feed changes
    site.add("/feed", rss(urls), "application/rss+xml", etag='"v2"')
    summary = crawl(store, site.url("/feed"))
    assert (summary.new, summary.known) == (1, 2)


def test_last_modified_304_on_refresh(site, store):
    stamp = "Fri, 03 May 2024 10:00:00 GMT"
    urls = publish(site, 1)
    site.add(path_of(urls[0]), article_page(AR[0][2]), last_modified=stamp)
    site.add("/feed", rss(urls), "application/rss+xml", last_modified=stamp)
    crawl(store, site.url("/feed"))
    summary = crawl(store, site.url("/feed"), refresh=True)
    # --refresh asks for the feed in full and for the page conditionally: 304, unchanged
    assert "If-Modified-Since" not in site.headers_of("/feed")[-1]
    assert site.headers_of(path_of(urls[0]))[-1]["If-Modified-Since"] == stamp
    assert str(summary) == "crawled 1 page: 0 new, 1 unchanged, 0 failed"
    assert store.fetch_state(urls[0]).document_id is not None


def test_robots_txt_is_honoured(site, store):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    allowed, hidden = publish(site, 2), []
    site.add("/private/secret-cell-article-1", article_page(AR[2][2]))
    site.add("/redirect-into-private", "", status=302,
             headers={"Location": "/private/secret-cell-article-1"})
    hidden = [site.url("/private/secret-cell-article-1"), site.url("/redirect-into-private")]
    site.add("/feed", rss(allowed + hidden), "application/rss+xml")
    summary = crawl(store, site.url("/feed"))
    assert (summary.new, summary.robots) == (2, 2)
    assert "/private/secret-cell-article-1" not in site.paths()
    assert site.count("/robots.txt") == 1
    assert str(summary).endswith("; 2 skipped by robots.txt")


def test_robots_txt_unreachable_keeps_marsad_off_the_site(site, store):
    site.add("/robots.txt", "down", status=503)
    site.add("/feed", rss(publish(site, 1)), "application/rss+xml")
    summary = crawl(store, site.url("/feed"), attempts=2)
    assert site.paths() == ["/robots.txt", "/robots.txt"]
    assert summary.robots == 1 and summary.failed == 1
    assert "robots.txt unreachable (HTTP 503" in summary.problems[0].message


def test_500_then_success_is_retried(site, store):
    urls = publish(site, 1)
    page, calls = site.routes[path_of(urls[0])], []

    def flaky(request):
        calls.append(1)
        return (500, {}, b"oops") if len(calls) == 1 else page(request)

    site.route(path_of(urls[0]), flaky)
    site.add("/feed", rss(urls), "application/rss+xml")
    summary = crawl(store, site.url("/feed"))
    assert summary.new == 1 and summary.failed == 0 and len(calls) == 2


def test_500_forever_is_reported_and_retried_next_run(site, store):
    site.add("/broken-article-page-here", "no", status=500)
    site.add("/feed", rss([site.url("/broken-article-page-here")]), "application/rss+xml",
             etag='"1"')
    summary = crawl(store, site.url("/feed"))
    assert summary.failed == 1 and site.count("/broken-article-page-here") == 3
    assert str(summary.problems[0]) == (f"{site.url('/broken-article-page-here')}: "
                                        "HTTP 500 Internal Server Error (after 3 attempts)")
    state = store.fetch_state(site.url("/broken-article-page-here"))
    assert state.needs_retry and state.status == 500
    crawl(store, site.url("/feed"))  # the feed answers 304: the failed page is tried again
    assert site.count("/broken-article-page-here") == 6


def test_slow_host_times_out(site, store):
    def slow(request):
        time.sleep(0.4)
        return 200, {}, b"late"

    site.route("/slow-article-page-here", slow)
    site.add("/feed", rss([site.url("/slow-article-page-here")]), "application/rss+xml")
    start = time.monotonic()
    summary = crawl(store, site.url("/feed"), timeout=0.1, attempts=2)
    assert time.monotonic() - start < 0.4
    assert summary.problems[0].message == "timed out after 0.1 s (after 2 attempts)"


@pytest.mark.parametrize("routes, message", [
    ({"/a": "/b", "/b": "/a"}, "redirect loop: http://127.0.0.1:{port}/a -> "
                               "http://127.0.0.1:{port}/b -> http://127.0.0.1:{port}/a"),
    ({f"/r{i}": f"/r{i + 1}" for i in range(8)}, "too many redirects (more than 5)"),
    ({"/a": "file:///etc/passwd"}, "redirect to a non-http URL refused: file:///etc/passwd"),
    ({"/a": "ftp://example.org/x"}, "redirect to a non-http URL refused: ftp://example.org/x"),
])
def test_bad_redirects_are_stopped(site, store, routes, message):
    for path, target in routes.items():
        site.add(path, "", status=302, headers={"Location": target})
    first = next(iter(routes))
    summary = crawl(store, site.url(first))
    assert [p.message for p in summary.problems] == [message.format(port=site.port)]
    assert len(site.requests) <= 1 + 6  # robots.txt and at most MAX_REDIRECTS + 1 hops


def test_redirects_are_followed(site, store):
    urls = publish(site, 1)
    site.add("/old-feed", "", status=301, headers={"Location": "/feed"})
    site.add("/feed", rss(urls), "application/rss+xml")
    assert crawl(store, site.url("/old-feed")).new == 1


@pytest.mark.parametrize("length_header", [True, False])
def test_oversized_page_is_refused(site, store, length_header):
    big = article_page(AR[0][2] * 20).encode()
    site.route("/huge-article-page-here",
               lambda r: (200, {"Content-Type": "text/html",
                                **({} if length_header else {"Content-Length": None})}, big))
    site.add("/feed", rss([site.url("/huge-article-page-here")]), "application/rss+xml")
    summary = crawl(store, site.url("/feed"), max_bytes=20_000)
    assert summary.problems[0].message == "page too large (more than 20 KB; see --max-bytes)"
    assert store.stats()["documents"] == 0
    assert not store.fetch_state(site.url("/huge-article-page-here")).needs_retry


def test_prefilter_stores_a_sport_page_without_extracting_it(site, store):
    site.add("/sport/raja-beats-wydad-in-derby", article_page(SPORT))
    urls = publish(site, 1) + [site.url("/sport/raja-beats-wydad-in-derby")]
    site.add("/feed", rss(urls), "application/rss+xml")
    summary = crawl(store, site.url("/feed"))
    assert summary.new == 2 and summary.prefiltered == 1
    assert "1 stored without extraction" in str(summary)
    sport = store.document(store.fetch_state(urls[1]).document_id)
    assert sport["relevant"] is None and sport["lang"] == "ar"
    assert [e for e in store.events() if e["document_id"] == sport["id"]] == []


def test_without_prefilter_every_page_is_extracted(site, store):
    site.add("/sport/raja-beats-wydad-in-derby", article_page(SPORT))
    site.add("/feed", rss([site.url("/sport/raja-beats-wydad-in-derby")]), "application/rss+xml")
    summary = crawl(store, site.url("/feed"), prefilter=False)
    assert summary.prefiltered == 0
    doc = store.document(store.fetch_state(site.url("/sport/raja-beats-wydad-in-derby")).document_id)
    assert doc["relevant"] == 0


def test_max_pages_leaves_the_rest_for_the_next_run(site, store):
    urls = publish(site, 5)
    site.add("/feed", rss(urls), "application/rss+xml", etag='"1"')
    first = crawl(store, site.url("/feed"), max_pages=2)
    assert (first.new, first.deferred) == (2, 3)
    assert "3 left for the next run" in str(first)
    second = crawl(store, site.url("/feed"))  # 304: the queued pages come from the store
    assert second.listings_not_modified == 1 and second.new == 3
    assert all(site.count(path_of(u)) == 1 for u in urls)


def test_state_survives_a_restart(site, tmp_path):
    urls = publish(site, 2)
    site.add("/feed", rss(urls), "application/rss+xml")
    with Store(tmp_path / "r.db") as s:
        crawl(s, site.url("/feed"))
    with Store(tmp_path / "r.db") as s:
        assert crawl(s, site.url("/feed")).known == 2
        assert s.fetch_counts() == {"done": 3, "queued": 0, "to_retry": 0}
    assert all(site.count(path_of(u)) == 1 for u in urls)


def test_bad_urls_and_dead_hosts_are_reported(site, store):
    site.add("/missing-article-page-x", "gone", status=404)
    site.add("/feed", rss([site.url("/missing-article-page-x")]), "application/rss+xml")
    site.add("/report.pdf", b"%PDF-1.4", "application/pdf")
    dead = "http://127.0.0.1:9/feed"  # the discard port: nothing listens
    summary = crawl(store, "ftp://example.org/feed", site.url("/feed"), site.url("/report.pdf"),
                    dead, attempts=1)
    messages = {p.url: p.message for p in summary.problems}
    assert messages == {
        "ftp://example.org/feed": "not an http(s) URL; give the full address, "
                                  "e.g. https://example.com/rss",
        site.url("/missing-article-page-x"): "HTTP 404 Not Found",
        site.url("/report.pdf"): "not a feed, sitemap or HTML page (content type application/pdf)",
        "http://127.0.0.1:9/robots.txt": "robots.txt unreachable (connection refused); "
                                         "not crawling http://127.0.0.1:9",
    }
    assert summary.failed == 4
    assert not store.fetch_state(site.url("/missing-article-page-x")).needs_retry


def test_page_without_text_is_reported(site, store):
    site.add("/empty-article-page-here", "<html><body><script>var a = 1;</script></body></html>")
    site.add("/feed", rss([site.url("/empty-article-page-here")]), "application/rss+xml")
    summary = crawl(store, site.url("/feed"))
    assert summary.problems[0].message == "no article text found in the page"


def test_fetch_state_round_trip(store):
    store.record_fetch(FetchState("http://h/a", status=503, error="HTTP 503"))
    store.queue_pages(["http://h/a", "http://h/b"], "http://h/feed")
    state = store.fetch_state("http://h/a")
    assert state.needs_retry and state.fetched_at and not state.fetched
    assert store.pages_to_fetch("http://h/feed") == ["http://h/b"]  # a was not found on the feed
    assert store.fetch_state("http://nowhere/") is None


# -- slow hosts: a URL's fetch ends within 6 × --timeout, and the crawl goes on ----------------

def test_slow_hosts_time_out_and_the_crawl_goes_on(site, store):
    with SlowSite(interval=0.05) as slow:
        good = publish(site, 1)
        site.add("/feed", rss([slow.url("/trickle-body"), slow.url("/trickle-headers")] + good),
                 "application/rss+xml")
        start = time.monotonic()
        summary = crawl(store, site.url("/feed"), timeout=0.5)
        seconds = time.monotonic() - start
    assert {p.url: p.message for p in summary.problems} == {
        slow.url("/trickle-body"): "timed out after 3 s in all (6 × --timeout)",
        slow.url("/trickle-headers"): "timed out after 3 s in all (6 × --timeout)"}
    assert summary.new == 1 and store.fetch_state(good[0]).document_id
    assert seconds <= 2 * 3 + 3  # two slow URLs, 3 s each, and a margin (unbounded: 2 × 30 s)
    assert store.fetch_state(slow.url("/trickle-body")).needs_retry  # tried again next run


# -- sitemap caps --------------------------------------------------------------------------------

def test_a_sitemap_gives_at_most_50000_urls(site, store):
    listed = MAX_SITEMAP_URLS + 10
    site.add("/big-sitemap.xml", sitemap([site.url(f"/n/{i}-article-page") for i in range(listed)]),
             "application/xml")
    summary = crawl(store, site.url("/big-sitemap.xml"), max_pages=0, max_sitemap_urls=10**6)
    assert summary.capped == [(site.url("/big-sitemap.xml"), MAX_SITEMAP_URLS, listed)]
    assert (f"sitemap {site.url('/big-sitemap.xml')}: 50,000 of 50,010 URLs kept (cap)"
            in str(summary))
    assert store.fetch_counts()["queued"] == MAX_SITEMAP_URLS
    assert store.fetch_state(site.url(f"/n/{MAX_SITEMAP_URLS}-article-page")) is None


def test_a_run_takes_max_sitemap_urls_new_urls_and_the_next_run_the_next(site, store):
    urls = [site.url(f"/n/{i}-article-page") for i in range(25)]
    site.add("/sitemap.xml", sitemap(urls), "application/xml", etag='"1"')
    queued = []
    for _ in range(3):
        summary = crawl(store, site.url("/sitemap.xml"), max_pages=0, max_sitemap_urls=10)
        queued.append(store.fetch_counts()["queued"])
    assert queued == [10, 20, 25] and summary.sitemap_urls_left == 0
    conditional = [h.get("If-None-Match") for h in site.headers_of("/sitemap.xml")]
    assert conditional == [None, None, None]  # URLs were left: asked for in full each time
    assert crawl(store, site.url("/sitemap.xml"), max_pages=0).listings_not_modified == 1


def test_the_run_cap_is_said_in_the_summary(site, store):
    site.add("/sitemap.xml", sitemap([site.url(f"/n/{i}-article-page") for i in range(25)]),
             "application/xml")
    summary = crawl(store, site.url("/sitemap.xml"), max_pages=0, max_sitemap_urls=10)
    assert summary.sitemap_urls_left == 15
    assert str(summary).endswith("; 15 sitemap URLs left for the next run (--max-sitemap-urls)")


def test_sitemaps_of_an_index_past_the_cap_wait_for_the_next_run(site, store):
    parts = []
    for part in range(3):
        path = f"/sitemap-{part}.xml"
        site.add(path, sitemap([site.url(f"/n/{part}-{i}-article-page") for i in range(10)]),
                 "application/xml", etag='"1"')
        parts.append(site.url(path))
    site.add("/sitemap.xml", sitemap_index(parts), "application/xml", etag='"1"')
    first = crawl(store, site.url("/sitemap.xml"), max_pages=0, max_sitemap_urls=15)
    assert (first.sitemap_urls_left, first.sitemaps_left) == (5, 1)
    assert "1 sitemap left unread for the next run (--max-sitemap-urls)" in str(first)
    assert site.count("/sitemap-2.xml") == 0 and store.fetch_counts()["queued"] == 15
    second = crawl(store, site.url("/sitemap.xml"), max_pages=0, max_sitemap_urls=15)
    assert (second.sitemap_urls_left, second.sitemaps_left) == (0, 0)
    assert store.fetch_counts()["queued"] == 30
    assert [h.get("If-None-Match") for h in site.headers_of("/sitemap.xml")] == [None, None]


def test_feeds_are_not_capped(site, store):
    urls = [site.url(f"/n/{i}-article-page") for i in range(12)]
    site.add("/feed", rss(urls), "application/rss+xml")
    summary = crawl(store, site.url("/feed"), max_pages=0, max_sitemap_urls=5)
    assert summary.deferred == 12 and summary.sitemap_urls_left == 0


# -- the hostile server of the reliability probe (../shared/repro, issue 16) ---------------------

HOSTILE = Path(__file__).resolve().parents[2] / "shared" / "repro" / "hostile_server.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def hostile():
    """``../shared/repro/hostile_server.py`` on a free port (redirecting "elsewhere" to itself)."""
    if not HOSTILE.exists():
        pytest.skip(f"{HOSTILE} not found: the reproducers live beside the project, not in a clone")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(HOSTILE), str(port), "allow", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60  # it builds a 1 GiB gzip bomb first
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the hostile server did not start")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(10)


def marsad_crawl(tmp_path, *args: str,
                 timeout: float = 120) -> tuple[subprocess.CompletedProcess, float]:
    """``marsad crawl`` in its own process, stopped after ``timeout`` s if it hangs."""
    command = [sys.executable, "-c", "from marsad.cli import main; main()", "crawl",
               "--db", str(tmp_path / "hostile.db"), "--rate", "1000", "--retry-delay", "0.001",
               *args]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    start = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"marsad crawl {' '.join(args)} still running after {timeout} s")
    assert "Traceback" not in done.stderr, done.stderr
    return done, time.monotonic() - start


def test_hostile_slow_body_and_status_line_time_out(hostile, site, tmp_path):
    good = publish(site, 1)
    site.add("/feed", rss(good), "application/rss+xml")
    timeout = 1.25  # the server sends a byte a second: only the 6 × deadline (7.5 s) stops it
    done, seconds = marsad_crawl(tmp_path, "--timeout", str(timeout), f"{hostile}/feed-slow.xml",
                                 site.url("/feed"), timeout=60)
    assert done.stderr.splitlines() == [
        f"marsad: {hostile}/slow: timed out after 7.5 s in all (6 × --timeout)",
        f"marsad: {hostile}/slow-headers: timed out after 7.5 s in all (6 × --timeout)"]
    assert done.stdout.startswith("crawled 3 pages: 1 new, 0 unchanged, 2 failed")
    assert seconds <= 2 * 7.5 + 10  # two slow URLs and a margin; before the fix: hours


def test_hostile_paths_are_each_refused_with_one_line(hostile, tmp_path):
    done, _ = marsad_crawl(tmp_path, "--timeout", "5", f"{hostile}/feed.xml",
                           f"{hostile}/lol.xml", f"{hostile}/xxe.xml")
    big = "page too large (more than 5 MB; see --max-bytes)"
    loop = f"{hostile}/loop1 -> {hostile}/loop2 -> {hostile}/loop1"
    assert sorted(done.stderr.splitlines()) == sorted(f"marsad: {hostile}/{line}" for line in [
        "redir-file: redirect to a non-http URL refused: file:///etc/passwd",
        "redir-file2: redirect to a non-http URL refused: FILE:/etc/passwd",
        f"loop1: redirect loop: {loop}",
        "chain0: too many redirects (more than 5)",
        f"big: {big}", f"big-chunked: {big}", f"gzbomb: {big}",
        "429: HTTP 429 Too Many Requests (after 3 attempts)",
        "503: HTTP 503 Service Unavailable",  # Retry-After 3600: left for the next run
        "503short: HTTP 503 Service Unavailable (after 3 attempts)",
        "lol.xml: XML with entity declarations refused",
        "xxe.xml: XML with entity declarations refused"])
    # /article?ok is stored, /redir-other's copy of it kept as its source; /private: robots.txt
    assert done.stdout.strip() == ("crawled 14 pages: 1 new, 1 copies, 0 unchanged, 12 failed; "
                                   "2 skipped by robots.txt")
    assert done.returncode == 1


def test_hostile_100000_url_sitemap_is_capped(hostile, tmp_path):
    done, _ = marsad_crawl(tmp_path, "--max-bytes", "10MB", "--max-pages", "0",
                           f"{hostile}/sitemap100k.xml")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(
        f"sitemap {hostile}/sitemap100k.xml: 50,000 of 100,000 URLs kept (cap)")
    with Store(tmp_path / "hostile.db") as s:
        assert s.fetch_counts()["queued"] == 50_000
