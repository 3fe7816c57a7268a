"""What a fetched URL is, and the links a feed or sitemap lists.

:func:`sniff` tells a listing's kind from its content type and content: an XML
root ``rss`` or ``rdf:RDF`` (RSS 2.0 / 1.0) or ``feed`` (Atom) is a feed,
``urlset`` a sitemap (Google News sitemaps included), ``sitemapindex`` a sitemap
index; anything HTML is a front page. :func:`parse_xml_listing` returns its links:
article pages for feeds and sitemaps, sitemaps for an index, each with the
publication date the listing gives (``pubDate``, ``published``, ``updated``,
``news:publication_date``, ``dc:date``) as ``YYYY-MM-DD`` when it has one.

XML with entity declarations is refused (no "billion laughs"); gzip-compressed
sitemaps (``sitemap.xml.gz``) are decompressed within the size cap.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime

from .fetch import gunzip
from .urls import resolve

FEED, SITEMAP, SITEMAP_INDEX, HTML = "feed", "sitemap", "sitemap index", "front page"
_XML_KINDS = {"rss": FEED, "RDF": FEED, "feed": FEED, "urlset": SITEMAP,
              "sitemapindex": SITEMAP_INDEX, "html": HTML}
_XML_TYPES = ("xml", "rss", "atom")
_XML_STARTS = (b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Publication dates, best first; ``updated`` and ``lastmod`` are left out: they change with
# every edit, and a wrong date is worse than none (the pipeline then reads the dateline).
_DATE_TAGS = ("publication_date", "pubDate", "published", "date")
_GZIP_MAGIC = b"\x1f\x8b"
MAX_SITEMAP_URLS = 50_000  # the sitemap protocol's limit for one sitemap or sitemap index file


class ListingError(Exception):
    """The content is no feed, sitemap or HTML page; the message says what it is."""


@dataclass(frozen=True)
class Link:
    """A URL a listing names: an article ``page`` or, from an index, a ``sitemap``."""

    url: str
    kind: str  # "page" or "listing"
    published: str | None = None  # YYYY-MM-DD


def sniff(content_type: str, body: bytes, max_bytes: int) -> tuple[str, bytes | ET.Element]:
    """``(kind, content)``: the parsed XML root for feeds and sitemaps, the bytes for HTML.

    Raises ListingError for other content (a PDF, JSON, invalid XML …).
    """
    if body[:2] == _GZIP_MAGIC:
        body = gunzip(body, max_bytes)
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(t in content_type for t in _XML_TYPES) or head.startswith(_XML_STARTS):
        root = _parse_xml(body, "html" in content_type)
        if root is not None:
            kind = _XML_KINDS.get(_local(root.tag))
            if kind is None:
                raise ListingError(f"not a feed or sitemap (XML root <{_local(root.tag)}>)")
            return kind, (body if kind == HTML else root)
    if "html" in content_type or head.startswith(_HTML_STARTS) or (not content_type and b"<" in head):
        return HTML, body
    raise ListingError(f"not a feed, sitemap or HTML page (content type {content_type or 'unknown'})")


def parse_xml_listing(kind: str, root: ET.Element, base_url: str) -> list[Link]:
    """The links of a feed, sitemap or sitemap index, in document order, deduplicated."""
    if kind == SITEMAP_INDEX:
        found = [(_child_text(e, "loc"), "listing", e) for e in _all(root, "sitemap")]
    elif kind == SITEMAP:
        found = [(_child_text(e, "loc"), "page", e) for e in _all(root, "url")]
    elif _local(root.tag) == "feed":
        found = [(_atom_link(e), "page", e) for e in _all(root, "entry")]
    else:
        found = [(_rss_link(e), "page", e) for e in _all(root, "item")]
    links: dict[str, Link] = {}
    for href, link_kind, element in found:
        url = resolve(base_url, href) if href else None
        if url and url not in links:
            links[url] = Link(url, link_kind, _published(element))
    return list(links.values())


def _parse_xml(body: bytes, may_be_html: bool) -> ET.Element | None:
    if b"<!ENTITY" in body:
        raise ListingError("XML with entity declarations refused")
    try:
        return ET.fromstring(body)
    except ET.ParseError as e:
        if may_be_html:
            return None  # HTML served as application/xhtml+xml that is not well-formed
        raise ListingError(f"invalid XML: {e}") from None


def _local(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _all(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if _local(e.tag) == name]


def _child_text(element: ET.Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _rss_link(item: ET.Element) -> str | None:
    link = _child_text(item, "link")
    if link:
        return link
    for child in item:  # a permalink guid stands for a missing <link>
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true") != "false":
            return (child.text or "").strip() or None
    return None


def _atom_link(entry: ET.Element) -> str | None:
    links = [c for c in entry if _local(c.tag) == "link" and c.get("href")]
    for link in links:
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return None


def _published(element: ET.Element) -> str | None:
    """The first date the entry gives, as YYYY-MM-DD (RFC 822 or ISO 8601), else None."""
    found = {_local(e.tag): e.text.strip() for e in element.iter() if e.text and e.text.strip()}
    return next((_to_iso(found[tag]) for tag in _DATE_TAGS if tag in found), None)


def _to_iso(text: str) -> str | None:
    m = _ISO_DATE.match(text)
    try:
        if m:
            return date(*map(int, m.groups())).isoformat()
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
