"""A news page's main text and trustworthy metadata, for the extraction pipeline.

:func:`extract_html` turns one HTML page into an :class:`HtmlArticle`:

* ``text``: the headline on the first line, a blank line, then the article's
  paragraphs one per line. It is what gets stored and shown, and evidence spans
  index into it, so a Document built from a page must use exactly this text.
  Main-text extraction is trafilatura's (fast mode, favouring precision, so a
  short article is not padded with the page around it; comments off): navigation,
  lists of other headlines, scripts and ad slots, share buttons, cookie notices,
  comment boxes and footers are dropped.
* ``published``: ``YYYY-MM-DD`` read only from metadata a page states on purpose,
  in this order: ``article:published_time`` / ``og:published_time`` /
  ``itemprop=datePublished`` meta tags (``"meta"``), ``datePublished`` of the
  page's article in JSON-LD (``"json-ld"``), a ``<time datetime>`` in the article
  (``"time"``), a ``date`` / ``pubdate`` / Dublin Core meta tag (``"meta"``).
  Nothing is guessed: no date from the body, the URL or a list of other headlines
  («منذ سنة 2002» in the body is not a publication date). With no such metadata
  ``published`` is None and the extractor's own dateline stage reads the text.
* ``title``, ``outlet`` (og:site_name, JSON-LD publisher, else the domain),
  ``canonical_url`` (``rel=canonical``, og:url, else the URL given) and ``lang``
  (the primary subtag of ``<html lang>`` or og:locale, as the page states it).

:func:`page_document` builds the :class:`~marsad.models.Document` for a page,
letting values the caller knows (input fields) win over the page's.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from ..errors import InputError
from ..models import Document
from ..pipeline.language import detect_language

MIN_YEAR = 1990  # older "published" metadata is a placeholder (1970-01-01), not a date
MAX_FUTURE_DAYS = 1  # a page dated later than tomorrow has a broken clock or a typo
MAX_JSON_LD_CHARS = 200_000  # a JSON-LD block larger than this is not article metadata

# Meta tags (property, name or itemprop, lowercased) that state the publication date,
# most trusted first; the generic ``date`` family is tried after JSON-LD and <time>.
PUBLISHED_META = ("article:published_time", "og:published_time", "og:article:published_time",
                  "article:published", "datepublished")
DATE_META = ("date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued",
             "dcterms.issued", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date")
# JSON-LD types of the page's own article; a WebPage object is used only when there is none.
ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                 "BlogPosting")
PAGE_TYPE = "WebPage"
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ")
# Dates and microdata inside these belong to lists of other stories, not to the page's article.
_NOT_OTHER_STORIES = "[not(ancestor::aside or ancestor::nav or ancestor::footer or ancestor::li)]"
_META_XPATH = "//meta" + _NOT_OTHER_STORIES
_ITEMPROP_XPATH = ('//*[@itemprop="datePublished" or (self::time and @pubdate)][not(self::meta)]'
                   + _NOT_OTHER_STORIES)
_TIME_XPATH = ".//time[@datetime]" + _NOT_OTHER_STORIES
_DAY = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_COMPACT_DAY = re.compile(r"\s*(\d{4})(\d{2})(\d{2})(?:T|\s|$)")
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # invisible


@dataclass
class HtmlArticle:
    """What :func:`extract_html` finds in a page (see the module doc)."""

    text: str
    title: str | None = None
    published: str | None = None
    published_from: str | None = None  # "meta", "json-ld", "time" or None
    outlet: str | None = None
    canonical_url: str | None = None
    lang: str | None = None


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """The main text and metadata of one page (see the module doc).

    ``url`` is where the page was fetched, used to resolve a relative canonical link
    and as the outlet's domain when the page names none. Raises InputError when
    ``html`` is not an HTML document at all; a page with no article text gives an
    HtmlArticle whose ``text`` is empty.
    """
    if not isinstance(html, str):
        raise InputError(f"html must be a string, got {type(html).__name__}")
    tree = load_html(html) if html.strip() else None
    if tree is None and "<" in html:  # a fragment («<p>…</p>») is read as a page body
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise InputError("not an HTML page")
    meta = _meta_tags(tree)
    ld = _json_ld_article(tree)
    canonical = _canonical_url(tree, meta, ld, url)
    outlet = _outlet(meta, ld, canonical or url)
    title = _title(tree, meta, ld, outlet)
    published, published_from = _published(tree, meta, ld)
    return HtmlArticle(text=_main_text(tree, title, url), title=title, published=published,
                       published_from=published_from, outlet=outlet, canonical_url=canonical,
                       lang=_page_lang(tree, meta))


def page_document(html: str, doc_id: str, *, url: str | None = None,
                  published: str | None = None, lang: str | None = None,
                  title: str | None = None, source: str | None = None) -> Document:
    """A Document for a page: the given fields win, the page fills in the others.

    ``published`` falls back to the page's metadata (``published_from`` says which),
    ``url`` to its canonical URL, ``title`` to its headline; ``outlet`` is the page's
    (site name, else domain). ``lang`` falls back to what the text is written in
    (:func:`~marsad.pipeline.language.detect_language`: "ar", "en", "fr" or
    "other"), the page's own ``lang`` deciding only when the text's words are too
    few to tell (templates often keep ``lang="en"`` on Arabic pages).
    Raises InputError when the page has no article text.
    """
    page = extract_html(html, url)
    if not page.text.strip():
        raise InputError("no article text found in the page")
    if lang is None:
        lang = detect_language(page.text, hint=page.lang)
    if published:
        published_from = "input"
    else:
        published, published_from = page.published, page.published_from
    return Document(id=doc_id, text=page.text, published=published,
                    url=url or page.canonical_url, lang=lang, title=title or page.title,
                    source=source, published_from=published_from, outlet=page.outlet)


# -- main text -------------------------------------------------------------------------------

def _main_text(tree: HtmlElement, title: str | None, url: str | None) -> str:
    """Headline, blank line, one paragraph per line; the headline is not repeated."""
    doc = bare_extraction(tree, url=url, fast=True, favor_precision=True, include_comments=False,
                          include_tables=True, with_metadata=False)
    lines = [_clean(line) for line in (doc.text if doc is not None else "").split("\n")]
    lines = [line for line in lines if line]
    if title and lines and _same(lines[0], title):
        lines.pop(0)
    if not lines:
        return ""
    return f"{title}\n\n" + "\n".join(lines) if title else "\n".join(lines)


def _clean(s: str) -> str:
    """One line: bidi marks removed, runs of whitespace (no-break spaces too) as one space."""
    return " ".join(_BIDI_MARKS.sub("", s).split())


def _same(a: str, b: str) -> bool:
    return _clean(a).casefold() == _clean(b).casefold()


# -- metadata --------------------------------------------------------------------------------

def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """First value of each ``<meta>`` by property, name or itemprop (keys lowercased).

    Microdata ``<meta>`` of other stories (in lists, asides, footers) are left out.
    """
    found: dict[str, str] = {}
    for el in tree.xpath(_META_XPATH):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if key and key not in found:
                found[key] = content.strip()
    return found


def _json_ld_article(tree: HtmlElement) -> dict:
    """The page's own article object in its JSON-LD blocks (``{}`` when none)."""
    fallback: dict = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = script.text or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; the page still has other metadata
        for obj in _ld_objects(data):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(t in ARTICLE_TYPES for t in types):
                return obj
            if PAGE_TYPE in types and not fallback:
                fallback = obj
    return fallback


def _ld_objects(data: object) -> list[dict]:
    """Top-level objects of a JSON-LD block, ``@graph`` members included (not nested ones)."""
    items = data if isinstance(data, list) else [data]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                out.extend(g for g in graph if isinstance(g, dict))
    return out


def _published(tree: HtmlElement, meta: dict[str, str], ld: dict) -> tuple[str | None, str | None]:
    for key in PUBLISHED_META:
        if day := _day(meta.get(key)):
            return day, "meta"
    if day := _day(ld.get("datePublished")):
        return day, "json-ld"
    for el in tree.xpath(_ITEMPROP_XPATH):
        if day := _day(el.get("datetime") or el.get("content")):
            return day, "time"
    article = _main_article(tree)
    if article is not None:
        for el in article.xpath(_TIME_XPATH):
            if day := _day(el.get("datetime")):
                return day, "time"
            break  # only the article's first date is its publication date
    for key in DATE_META:
        if day := _day(meta.get(key)):
            return day, "meta"
    return None, None


def _main_article(tree: HtmlElement) -> HtmlElement | None:
    """The ``<article>`` holding the headline, or the only one; None when unclear."""
    articles = tree.xpath("//article")
    with_h1 = [a for a in articles if a.xpath(".//h1")]
    if with_h1:
        return with_h1[0]
    return articles[0] if len(articles) == 1 else None


def _day(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO, ``YYYY/MM/DD``, compact or RFC 2822 date; else None."""
    if not isinstance(value, str):
        return None
    m = _DAY.match(value) or _COMPACT_DAY.match(value)
    try:
        if m:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        else:
            day = parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None
    latest = date.today() + timedelta(days=MAX_FUTURE_DAYS)
    return day.isoformat() if MIN_YEAR <= day.year and day <= latest else None


def _canonical_url(tree: HtmlElement, meta: dict[str, str], ld: dict,
                   url: str | None) -> str | None:
    links = tree.xpath('//link[@rel="canonical"]/@href')
    ld_url = ld.get("url") or ld.get("mainEntityOfPage")
    if isinstance(ld_url, dict):
        ld_url = ld_url.get("@id")
    for cand in (*links, meta.get("og:url"), ld_url):
        if isinstance(cand, str) and cand.strip():
            full = urljoin(url or "", cand.strip())
            if urlsplit(full).scheme in ("http", "https"):
                return full
    return url


def _outlet(meta: dict[str, str], ld: dict, url: str | None) -> str | None:
    publisher = ld.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    name = publisher.get("name") if isinstance(publisher, dict) else None
    for cand in (meta.get("og:site_name"), name, meta.get("application-name")):
        if isinstance(cand, str) and _clean(cand):
            return _clean(cand)
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _title(tree: HtmlElement, meta: dict[str, str], ld: dict, outlet: str | None) -> str | None:
    """og:title, twitter:title, JSON-LD headline; else the <h1> or <title> (outlet removed)."""
    for cand in (meta.get("og:title"), meta.get("twitter:title"), ld.get("headline")):
        if isinstance(cand, str) and (title := _strip_outlet(_clean(cand), outlet)):
            return title
    h1s = tree.xpath("//h1")
    h1 = _clean(h1s[0].text_content()) if h1s else ""
    heads = tree.xpath("//title/text()")
    head = _strip_outlet(_clean(heads[0]), outlet) if heads else ""
    if h1 and (not head or h1.casefold() in head.casefold()):
        return h1  # «Headline | Some Outlet» with an outlet we could not name
    return head or h1 or None


def _strip_outlet(title: str, outlet: str | None) -> str:
    """«Headline | Outlet» -> «Headline» (and «Outlet - Headline»)."""
    if not outlet:
        return title
    for sep in TITLE_SEPARATORS:
        if title.casefold().endswith((sep + outlet).casefold()):
            return title[:-len(sep + outlet)].strip()
        if title.casefold().startswith((outlet + sep).casefold()):
            return title[len(outlet + sep):].strip()
    return title


def _page_lang(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """Primary subtag of ``<html lang>`` or og:locale, lowercased (``ar-MA`` -> ``ar``)."""
    root = tree.getroottree().getroot()
    for value in (root.get("lang"), root.get("xml:lang"), meta.get("og:locale"),
                  meta.get("content-language")):
        if value and (tag := re.split(r"[-_]", value.strip())[0].lower()):
            if tag.isalpha() and 2 <= len(tag) <= 3:
                return tag
    return None

