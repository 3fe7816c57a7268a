"""robots.txt, fetched once per site per run and asked before every request.

:class:`Robots` follows RFC 9309: a robots.txt answered with a 4xx status (404,
403 …) allows everything; one that cannot be fetched at all (5xx after retries,
timeouts, refused connections) disallows the whole site for this run, and the
problem is reported once. ``Crawl-delay`` slows the site's throttle down (up to
:data:`MAX_CRAWL_DELAY_S`).
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.robotparser import RobotFileParser

from .fetch import USER_AGENT, FetchError, Fetcher
from .urls import site_key

ROBOTS_MAX_BYTES = 500_000  # Google reads the first 500 KiB of a robots.txt and ignores the rest
MAX_CRAWL_DELAY_S = 60.0  # a longer Crawl-delay would stall a run; the next run goes on


class Robots:
    """``allowed(url)``: may marsad request this URL? Fetches each site's robots.txt once."""

    def __init__(self, fetcher: Fetcher, on_problem: Callable[[str, str], None] | None = None):
        self._fetcher = fetcher
        self._on_problem = on_problem
        self._rules: dict[str, RobotFileParser] = {}

    def allowed(self, url: str) -> bool:
        site = site_key(url)
        rules = self._rules.get(site)
        if rules is None:
            rules = self._rules[site] = self._load(site)
        return rules.can_fetch(USER_AGENT, url)

    def _load(self, site: str) -> RobotFileParser:
        url = f"{site}/robots.txt"
        rules = RobotFileParser(url)
        try:
            response = self._fetcher.get(url, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as e:
            if e.status is not None and 400 <= e.status < 500 and not e.transient:
                rules.allow_all = True
            else:
                rules.disallow_all = True
                if self._on_problem is not None:
                    self._on_problem(url, f"robots.txt unreachable ({e}); not crawling {site}")
            return rules
        rules.parse(response.body.decode("utf-8", errors="replace").splitlines())
        delay = rules.crawl_delay(USER_AGENT)
        if delay:
            self._fetcher.throttle.set_interval(site, min(float(delay), MAX_CRAWL_DELAY_S))
        return rules
