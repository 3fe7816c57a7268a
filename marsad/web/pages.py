"""A fetched article page into the store: bytes -> text -> Document -> Record -> Store.add.

:func:`page_document` decodes the page (:func:`marsad.web.encoding.decode_page`) and
builds its Document from the main text and metadata (:func:`marsad.web.html.page_document`
over :func:`~marsad.web.html.extract_html`); the document id is derived from the URL
requested (:func:`marsad.web.urls.document_id`), so a page fetched again keeps its id,
and ``url`` is where the page was found after redirects. When the page states no
publication date, the listing's date for it is used (``published_from="feed"``).

:func:`store_page` stores it: a text already stored is left unchanged without
extraction; with the prefilter on, a page without counter-terrorism vocabulary is
stored with an empty record (``relevant`` None) instead of being extracted.
Both raise :class:`PageError` with a one-line reason; nothing else escapes.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError, RecordError, StoreError
from ..models import Document, Record
from ..store import Store
from .fetch import Response
from .urls import document_id

HTML_TYPES = ("html",)  # text/html, application/xhtml+xml; no content type is read as HTML too


class PageError(Exception):
    """A page was fetched but gives no storable article; the message says why."""


@dataclass(frozen=True)
class PageResult:
    """What happened to a page: ``added``, ``updated``, ``unchanged`` or ``copy`` (a near
    duplicate of a stored article, kept as one more source of its record), extracted or not."""

    status: str
    document_id: str
    extracted: bool


def page_document(response: Response, published_hint: str | None = None) -> Document:
    """The Document of an article page (see the module doc); PageError when there is none."""
    from . import html  # imported when first needed: pages only
    from .encoding import decode_page

    if response.content_type and not any(t in response.content_type for t in HTML_TYPES):
        raise PageError(f"not an HTML page (content type {response.content_type})")
    try:
        text, _encoding = decode_page(response.body, response.charset)
    except Exception as e:  # a page the decoder cannot read is one failed page
        raise PageError(f"cannot decode the page: {_reason(e)}") from None
    try:
        doc = html.page_document(text, document_id(response.url), url=response.final_url,
                                 source=response.url)
    except InputError as e:
        raise PageError(str(e)) from None
    except Exception as e:  # the extractor's failure on one page must not stop the crawl
        raise PageError(f"cannot read the article: {_reason(e)}") from None
    if not doc.published and published_hint:
        doc.published, doc.published_from = published_hint, "feed"
    return doc


def store_page(store: Store, doc: Document, prefilter: bool = True) -> PageResult:
    """Extract (unless prefiltered) and store ``doc`` in one transaction.

    Only a text the store does not hold is extracted (:meth:`Store.add_document`)."""
    extracted = False

    def make_record(page: Document) -> Record:
        nonlocal extracted
        extracted = not prefilter or _relevant_words(page)
        return _extract(page) if extracted else _empty_record(page)

    try:
        result = store.add_document(doc, make_record)
    except RecordError as e:  # one bad page must not stop the crawl
        raise PageError(f"extraction failed: {_reason(e.__cause__ or e)}") from None
    except StoreError as e:
        raise PageError(f"not stored: {e}") from None
    return PageResult(result.status, result.document_id,
                      extracted and result.status in ("added", "updated"))


def _relevant_words(doc: Document) -> bool:
    from .prefilter import looks_relevant
    return looks_relevant(f"{doc.title or ''}\n{doc.text}")


def _extract(doc: Document) -> Record:
    from ..pipeline.extract import extract
    return extract(doc)


def _empty_record(doc: Document) -> Record:
    """The record of a page kept out of extraction: no events, no claims, relevance unknown."""
    from ..pipeline.language import detect_language
    lang = doc.lang or detect_language(doc.text)
    return Record(id=doc.id, lang=lang, published=doc.published,
                  relevant=None)


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
