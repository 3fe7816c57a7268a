"""Links on a site's front page that look like articles.

:func:`article_links` keeps the ``<a href>`` links of a page that stay on its host
(``www.`` or not) and whose URL has the shape of an article on news sites:

* a last path segment that is a slug of at least :data:`MIN_SLUG_WORDS` words
  (``/ar/tfkik-khliya-irhabiya-bifas``, ``/تفكيك-خلية-إرهابية``), or
* a number of at least :data:`MIN_ID_DIGITS` digits in the path or an ``id``-like
  query parameter (``/1431234.html``, ``?p=98765``), or
* a ``/YYYY/MM/`` date followed by a further segment (``/2024/05/03/slug``).

Section, tag, author, pagination and account pages and static files are never
kept. It is a heuristic: precise enough that a front page gives its articles,
with the prefilter and the extractor downstream for what slips through.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .urls import resolve, same_site

MIN_SLUG_WORDS = 3  # «world-cup-final» passes, «sport», «politique-nationale» do not
MIN_ID_DIGITS = 5  # article ids; 4 digits would take year archives like /2024
# Path segments of listing, navigation and account pages (exact, lowercase).
NON_ARTICLE_SEGMENTS = frozenset({
    "tag", "tags", "category", "categories", "categorie", "section", "author", "authors",
    "auteur", "page", "search", "recherche", "login", "register", "account", "subscribe",
    "newsletter", "feed", "rss", "wp-admin", "wp-content", "wp-includes", "wp-json",
    "cdn-cgi", "static", "assets", "media", "uploads", "terms-of-use", "privacy-policy",
})
STATIC_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".css", ".js",
                   ".pdf", ".zip", ".mp3", ".mp4", ".webm", ".xml", ".rss", ".json", ".woff",
                   ".woff2", ".ttf", ".txt")
_ID_RE = re.compile(rf"(?<!\d)\d{{{MIN_ID_DIGITS},}}(?!\d)")
_ID_QUERY_RE = re.compile(r"(?:^|&)(?:p|id|article|news|nid|aid)=\d+(?:&|$)", re.I)
# A date then a segment that is not just a day: /2024/05/03/slug, not the archive /2024/05/03.
_DATE_PATH_RE = re.compile(r"/(?:19|20)\d\d/[01]?\d/(?:[0-3]?\d/)?[^/]*[^\d/][^/]*")
_WORD_SPLIT_RE = re.compile(r"[-_+\s]+")
_EXTENSION_RE = re.compile(r"\.(?:html?|php|aspx?)$", re.I)


class _Anchors(HTMLParser):
    """Collects ``<base href>`` and every ``<a href>``, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if not href:
            return
        if tag == "a":
            self.hrefs.append(href)
        elif tag == "base" and self.base is None:
            self.base = href


def article_links(html: str, page_url: str) -> list[str]:
    """Same-site links of ``html`` that look like articles, absolute, deduplicated, in order."""
    parser = _Anchors()
    parser.feed(html)
    parser.close()
    base = resolve(page_url, parser.base) if parser.base else page_url
    out: dict[str, None] = {}
    for href in parser.hrefs:
        url = resolve(base or page_url, href)
        if url and url != page_url and same_site(url, page_url) and looks_like_article(url):
            out.setdefault(url, None)
    return list(out)


def looks_like_article(url: str) -> bool:
    """True when ``url`` has the shape of an article page (see the module doc)."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    segments = [s for s in path.lower().split("/") if s]
    if not segments or path.lower().endswith(STATIC_SUFFIXES):
        return False
    if any(s in NON_ARTICLE_SEGMENTS for s in segments):
        return False
    last = _EXTENSION_RE.sub("", segments[-1])
    words = [w for w in _WORD_SPLIT_RE.split(last) if w]
    return (len(words) >= MIN_SLUG_WORDS or bool(_ID_RE.search(path))
            or bool(_ID_QUERY_RE.search(parts.query)) or bool(_DATE_PATH_RE.search(path)))
