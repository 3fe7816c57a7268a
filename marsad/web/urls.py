"""URL helpers for the crawler: http(s) checks, IRIs to ASCII URLs, site keys.

Links in Moroccan news sites are often IRIs with Arabic paths
(``https://example.ma/ar/تفكيك-خلية``); :func:`to_uri` percent-encodes them so
the standard library can request them, and leaves already-encoded URLs alone.
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

HTTP_SCHEMES = ("http", "https")
# Characters left as they are when encoding a path or query: the reserved ones, so an
# already-encoded URL («%D8%AA») is not encoded twice.
_SAFE = "/%:@!$&'()*+,;=?~-._"


def is_http(url: str) -> bool:
    """True for an absolute http or https URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in HTTP_SCHEMES and bool(parts.hostname)


def to_uri(url: str) -> str:
    """The URL without its fragment, non-ASCII host and path characters encoded."""
    url = urldefrag(url.strip())[0]
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = parts.hostname or ""
        netloc = netloc.replace(host, host.encode("idna").decode("ascii"))
    return urlunsplit((parts.scheme.lower(), netloc, quote(parts.path, safe=_SAFE) or "/",
                       quote(parts.query, safe=_SAFE), ""))


def resolve(base: str, link: str) -> str | None:
    """``link`` made absolute against ``base`` and encoded; None unless it is http(s)."""
    try:
        url = to_uri(urljoin(base, link.strip()))
    except ValueError:  # «http://[bad», an unencodable host
        return None
    return url if is_http(url) else None


def site_key(url: str) -> str:
    """``scheme://host[:port]``: the unit of robots.txt and of the rate limit."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def same_site(a: str, b: str) -> bool:
    """True when both URLs are on the same host, ``www.`` or not."""
    return _bare_host(a) == _bare_host(b)


def document_id(url: str) -> str:
    """A stable document id for a page: its host and a hash of its URL (``hespress.com-3f9a…``)."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]
    return f"{_bare_host(url) or 'web'}-{digest}"


def _bare_host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
