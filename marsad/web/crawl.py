"""Crawling feeds, sitemaps and front pages into the store: the library behind ``marsad crawl``.

``Crawler(store, options).run(urls) -> CrawlSummary``. Each URL given is fetched and
recognised from its content (:mod:`marsad.web.listings`): an RSS or Atom feed, a
sitemap (Google News sitemaps included), a sitemap index (its sitemaps are read in
turn, :data:`MAX_LISTING_DEPTH` levels deep) or an HTML front page (its same-site
links that look like articles, :mod:`marsad.web.links`). The article pages found
are fetched and stored (:mod:`marsad.web.pages`).

Sitemaps are capped: a sitemap or index file gives at most
:data:`~marsad.web.listings.MAX_SITEMAP_URLS` URLs (the protocol's limit), and one run
queues at most ``max_sitemap_urls`` URLs new to the store from sitemaps. A sitemap
that had URLs left over by the run's cap, or an index whose sitemaps were not all
read, is asked for in full on the next run, which takes the next ones. The summary
says what was left.

Incremental: the store's ``fetches`` table remembers every URL. Listings are asked
for again on every run with ``If-None-Match`` / ``If-Modified-Since``; a 304 means
nothing is downloaded, and only the pages of that listing still queued or to retry
are fetched. A page fetched before is not requested again unless ``refresh``, and
then conditionally. Politeness (robots.txt, one request per ``1/rate`` seconds per
site, retries, timeouts, size cap, redirects) is :mod:`marsad.web.fetch` and
:mod:`marsad.web.robots`.

Failures never raise: each is a :class:`CrawlProblem` (URL and one-line reason)
passed to ``on_problem`` and kept in the summary, and the crawl goes on. Only
:class:`marsad.errors.MarsadError` for bad options or an unusable store escapes.
"""
from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..store import FetchState, Store
from .fetch import Disallowed, FetchError, Fetcher, Response
from .listings import (HTML, MAX_SITEMAP_URLS, SITEMAP, SITEMAP_INDEX, ListingError, Link,
                       parse_xml_listing, sniff)
from .options import CrawlOptions
from .pages import PageError, page_document, store_page
from .robots import Robots
from .urls import resolve

__all__ = ["CrawlOptions", "CrawlProblem", "CrawlSummary", "Crawler"]

MAX_LISTING_DEPTH = 2  # index -> sitemap -> (an index of indexes); deeper nesting is a trap
SHOWN_CAPPED = 3  # capped sitemaps named in the summary; the others are counted
PAGE, LISTING = "page", "listing"


@dataclass(frozen=True)
class CrawlProblem:
    """A URL that failed, and why (one line)."""

    url: str
    message: str

    def __str__(self) -> str:
        return f"{self.url}: {self.message}"


@dataclass
class CrawlSummary:
    """What one run did. ``pages`` counts the URLs that were crawled or failed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    copy: int = 0  # near duplicates of stored articles, kept as their sources
    failed: int = 0
    known: int = 0  # pages fetched on an earlier run, not requested
    robots: int = 0  # pages robots.txt keeps marsad from
    deferred: int = 0  # pages left for the next run by max_pages
    prefiltered: int = 0  # stored without extraction (no counter-terrorism words)
    listings: int = 0  # feeds, sitemaps and front pages read
    listings_not_modified: int = 0
    capped: list[tuple[str, int, int]] = field(default_factory=list)  # (sitemap, kept, listed)
    sitemap_urls_left: int = 0  # new sitemap URLs left for the next run by max_sitemap_urls
    sitemaps_left: int = 0  # sitemaps of an index left unread for the next run, likewise
    problems: list[CrawlProblem] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return self.new + self.updated + self.unchanged + self.copy + self.failed

    def __str__(self) -> str:
        counts = [f"{self.new} new", f"{self.unchanged} unchanged", f"{self.failed} failed"]
        if self.copy:
            counts.insert(1, f"{self.copy} copies")
        if self.updated:
            counts.insert(1, f"{self.updated} updated")
        extra = [(self.prefiltered, "stored without extraction (no counter-terrorism words)"),
                 (self.known, "already fetched"),
                 (self.listings_not_modified,
                  "listing not modified" if self.listings_not_modified == 1
                  else "listings not modified"),
                 (self.robots, "skipped by robots.txt"),
                 (self.deferred, "left for the next run (--max-pages)")]
        noun = "page" if self.pages == 1 else "pages"
        return "; ".join([f"crawled {self.pages} {noun}: " + ", ".join(counts)]
                         + [f"{n} {what}" for n, what in extra if n] + self._sitemap_notes())

    def _sitemap_notes(self) -> list[str]:
        """What the sitemap caps left out, for the summary line."""
        notes = [f"sitemap {url}: {kept:,} of {listed:,} URLs kept (cap)"
                 for url, kept, listed in self.capped[:SHOWN_CAPPED]]
        if len(self.capped) > SHOWN_CAPPED:
            notes.append(f"{len(self.capped) - SHOWN_CAPPED} more sitemaps capped")
        if self.sitemap_urls_left:
            notes.append(f"{self.sitemap_urls_left:,} sitemap URLs left for the next run "
                         "(--max-sitemap-urls)")
        if self.sitemaps_left:
            notes.append(f"{self.sitemaps_left:,} "
                         + ("sitemap" if self.sitemaps_left == 1 else "sitemaps")
                         + " left unread for the next run (--max-sitemap-urls)")
        return notes


@dataclass(frozen=True)
class _Item:
    url: str
    kind: str
    found_on: str | None = None
    published: str | None = None
    depth: int = 0


class Crawler:
    """One crawl run over a store (see the module doc). Not thread-safe; one run per instance."""

    def __init__(self, store: Store, options: CrawlOptions | None = None,
                 on_problem: Callable[[CrawlProblem], None] | None = None,
                 progress: Callable[[CrawlSummary], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.store = store
        self.options = options or CrawlOptions()
        self._on_problem, self._progress = on_problem, progress
        o = self.options
        self.fetcher = Fetcher(interval=1.0 / o.rate, timeout=o.timeout, max_bytes=o.max_bytes,
                               attempts=o.attempts, retry_delay=o.retry_delay, sleep=sleep)
        self.robots = Robots(self.fetcher, on_problem=self._problem)
        self.summary = CrawlSummary()
        self._queue: deque[_Item] = deque()
        self._seen: set[str] = set()
        self._requested_pages = 0
        self._sitemap_urls = 0  # URLs new to the store queued from sitemaps this run

    def run(self, urls: Iterable[str]) -> CrawlSummary:
        """Crawl from ``urls`` (feeds, sitemaps, front pages); return what was done."""
        for url in urls:
            uri = resolve(url, url)  # None for file:, ftp:, a bare host name, a broken URL
            if uri is None:
                self._problem(url, "not an http(s) URL; give the full address, "
                                   "e.g. https://example.com/rss")
            else:
                self._enqueue(_Item(uri, LISTING))
        while self._queue:
            item = self._queue.popleft()
            if item.kind == LISTING:
                self._listing(item)
            else:
                self._page(item)
            if self._progress is not None:
                self._progress(self.summary)
        return self.summary

    # -- listings ------------------------------------------------------------------------

    def _listing(self, item: _Item) -> None:
        if item.depth > 0 and self._sitemap_urls >= self.options.max_sitemap_urls:
            self.summary.sitemaps_left += 1  # a sitemap of an index: the run's cap is reached
            self._forget_validators(item.found_on)
            return
        state = self.store.fetch_state(item.url) or FetchState(item.url, LISTING)
        conditional = not self.options.refresh and state.fetched
        response = self._get(item, state, conditional)
        if response is None:
            return
        self.summary.listings += 1
        if response.not_modified:
            self.summary.listings_not_modified += 1
            self._record(state, response, state.content_hash)
            self._enqueue_pages([], item)
            return
        try:
            kind, links = self._links(response)
        except (ListingError, FetchError) as e:
            self._failed(item, state, str(e), response.status)
            return
        links, complete = self._cap_sitemap(item.url, kind, links)
        if not complete:  # ask for it in full next time: no 304, the URLs left are read again
            response = replace(response, etag=None, last_modified=None)
        self._record(state, response, _sha256(response.body))
        for link in links:
            if link.kind == LISTING and item.depth < MAX_LISTING_DEPTH:
                self._enqueue(_Item(link.url, LISTING, item.url, depth=item.depth + 1))
        self._enqueue_pages([link for link in links if link.kind == PAGE], item)

    def _links(self, response: Response) -> tuple[str, list[Link]]:
        """The listing's kind and links."""
        kind, content = sniff(response.content_type, response.body, self.options.max_bytes)
        if kind != HTML:
            return kind, parse_xml_listing(kind, content, response.final_url)
        from .encoding import decode_page
        from .links import article_links
        try:
            text, _ = decode_page(content, response.charset)
            urls = article_links(text, response.final_url)
        except Exception as e:  # an unreadable front page is one failed URL
            raise ListingError(f"cannot read the front page: {type(e).__name__}: {e}") from None
        return kind, [Link(url, PAGE) for url in urls]

    def _cap_sitemap(self, url: str, kind: str, links: list[Link]) -> tuple[list[Link], bool]:
        """The links of a listing the caps keep, and False when some wait for the next run."""
        if kind not in (SITEMAP, SITEMAP_INDEX):
            return links, True
        if len(links) > MAX_SITEMAP_URLS:  # out of protocol: the rest are never read
            self.summary.capped.append((url, MAX_SITEMAP_URLS, len(links)))
            links = links[:MAX_SITEMAP_URLS]
        if kind == SITEMAP_INDEX:
            return links, True  # its sitemaps are capped when they are read
        kept = [link for link in links if self._admit(link.url)]
        self.summary.sitemap_urls_left += len(links) - len(kept)
        return kept, len(kept) == len(links)

    def _admit(self, url: str) -> bool:
        """May a sitemap's URL be queued under the run's cap? Known URLs cost nothing new."""
        if url in self._seen or self.store.fetch_state(url) is not None:
            return True
        if self._sitemap_urls >= self.options.max_sitemap_urls:
            return False
        self._sitemap_urls += 1
        return True

    def _forget_validators(self, url: str | None) -> None:
        """Make the next run ask for ``url`` (a listing) in full rather than conditionally."""
        state = self.store.fetch_state(url) if url else None
        if state is not None and (state.etag or state.last_modified):
            self.store.record_fetch(replace(state, etag=None, last_modified=None))

    def _enqueue_pages(self, links: list[Link], listing: _Item) -> None:
        """Queue the listing's pages, then its earlier pages still queued or to retry."""
        self.store.queue_pages([link.url for link in links], listing.url)
        for link in links:
            self._enqueue(_Item(link.url, PAGE, listing.url, link.published))
        for url in self.store.pages_to_fetch(listing.url):
            self._enqueue(_Item(url, PAGE, listing.url))

    # -- pages ---------------------------------------------------------------------------

    def _page(self, item: _Item) -> None:
        state = self.store.fetch_state(item.url) or FetchState(item.url, PAGE,
                                                               found_on=item.found_on)
        if state.fetched and not self.options.refresh:
            self.summary.known += 1
            return
        if not self.robots.allowed(item.url):
            self.summary.robots += 1
            return
        max_pages = self.options.max_pages
        if max_pages is not None and self._requested_pages >= max_pages:
            self.summary.deferred += 1
            return
        self._requested_pages += 1
        known = state.fetched and state.document_id is not None
        response = self._get(item, state, conditional=known)
        if response is None:
            return
        body_hash = state.content_hash if response.not_modified else _sha256(response.body)
        if response.not_modified or (known and body_hash == state.content_hash):
            self.summary.unchanged += 1
            self._record(state, response, body_hash, state.document_id)
            return
        try:
            result = store_page(self.store, page_document(response, item.published),
                                self.options.prefilter)
        except PageError as e:
            self._failed(item, state, str(e), response.status, body_hash)
            return
        status = "new" if result.status == "added" else result.status
        setattr(self.summary, status, getattr(self.summary, status) + 1)
        if not result.extracted and result.status not in ("unchanged", "copy"):
            self.summary.prefiltered += 1
        self._record(state, response, body_hash, result.document_id)

    # -- shared --------------------------------------------------------------------------

    def _get(self, item: _Item, state: FetchState, conditional: bool) -> Response | None:
        """The response, or None after counting a robots.txt refusal or reporting a failure."""
        try:
            return self.fetcher.get(item.url, etag=state.etag if conditional else None,
                                    last_modified=state.last_modified if conditional else None,
                                    allow=self.robots.allowed)
        except Disallowed:
            self.summary.robots += 1
        except FetchError as e:
            self._failed(item, state, str(e), e.status)
        return None

    def _enqueue(self, item: _Item) -> None:
        if item.url not in self._seen:
            self._seen.add(item.url)
            self._queue.append(item)

    def _record(self, state: FetchState, response: Response, content_hash: str | None,
                document_id: str | None = None) -> None:
        keep = response.not_modified  # a 304 may omit the validators: keep the stored ones
        self.store.record_fetch(replace(
            state, status=response.status, fetched_at=None, error=None,
            etag=(response.etag or state.etag) if keep else response.etag,
            last_modified=(response.last_modified or state.last_modified) if keep
            else response.last_modified,
            content_hash=content_hash, document_id=document_id or state.document_id))

    def _failed(self, item: _Item, state: FetchState, message: str, status: int | None,
                content_hash: str | None = None) -> None:
        self.store.record_fetch(replace(state, status=status, error=message, fetched_at=None,
                                        content_hash=content_hash or state.content_hash))
        self._problem(item.url, message)

    def _problem(self, url: str, message: str) -> None:
        problem = CrawlProblem(url, message)
        self.summary.failed += 1
        self.summary.problems.append(problem)
        if self._on_problem is not None:
            self._on_problem(problem)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
