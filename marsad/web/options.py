"""The crawl options, their defaults and limits, in one place (the CLI takes its defaults here).

Kept apart from :mod:`marsad.web.crawl` so that reading them imports no HTTP code.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError


@dataclass
class CrawlOptions:
    """How to crawl; the CLI's defaults come from here. Raises InputError when out of range."""

    refresh: bool = False  # request pages fetched before again (conditionally)
    rate: float = 1.0  # requests per second to one site
    max_pages: int | None = None  # article pages requested per run; the rest wait for the next
    max_sitemap_urls: int = 50_000  # new URLs taken from sitemaps per run; the rest wait too
    timeout: float = 10.0  # seconds to connect and for each wait for data; 6 × for a whole URL
    max_bytes: int = 5_000_000  # largest page or listing read
    prefilter: bool = True  # store pages without counter-terrorism words unextracted
    attempts: int = 3  # tries per request when failures are transient
    retry_delay: float = 1.0  # seconds before the first retry, doubled each time

    def __post_init__(self) -> None:
        for name in ("rate", "timeout", "max_bytes", "attempts"):
            if not getattr(self, name) > 0:
                raise InputError(f"{name.replace('_', '-')} must be more than 0")
        for name in ("max_pages", "max_sitemap_urls", "retry_delay"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise InputError(f"{name.replace('_', '-')} cannot be negative")
