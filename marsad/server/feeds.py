"""The Atom feeds of new operations and figures: ``GET /feeds/operations.atom`` and
``GET /feeds/figures.atom`` (docs/api.md).

The operations feed holds the :data:`FEED_ENTRIES` canonical events created last that match
the filters of ``/api/events`` (the same query parameters, the same 400s), newest first, as
an Atom 1.0 document any feed reader can follow: each entry is one operation with its counts
(arrested, killed) in its title, a one-line summary and its sources as links, and links to
its dashboard page. The figures feed holds the statistics (claims) stored last, with the
filters of ``/api/claims``. Answers are cached per store version, like the API's.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import quote, urlencode

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from .. import __version__
from ..alerts import describe
from ..store import browse
from ..store.recent import recent_claims, recent_events
from ..store.revisions import now
from . import models
from .api import _ERRORS, ID_CHARS, DateParam, Filters, snapshot
from .export import notes, outlets

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
ET.register_namespace("", ATOM)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
router = APIRouter()


@router.get("/feeds/operations.atom", response_class=Response, responses={
    200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}},
          "description": "Atom 1.0 feed of the newest operations (docs/api.md)"}, **_ERRORS})
def operations_feed(request: Request, filters: Filters) -> Response:
    """The newest operations matching the filters, as an Atom feed."""
    base = str(request.base_url).rstrip("/")
    query = urlencode(sorted(request.query_params.multi_items()))
    with snapshot(request) as conn:
        version = browse.version(conn)
        body = request.app.state.cache.get(
            version, ("feed", base, query),
            lambda: feed_xml(recent_events(conn, filters, FEED_ENTRIES), base, query, filters))
    return Response(body, media_type=MEDIA_TYPE)


@router.get("/feeds/figures.atom", response_class=Response, responses={
    200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}},
          "description": "Atom 1.0 feed of the newest figures (docs/api.md)"}, **_ERRORS})
def figures_feed(request: Request, metric: Annotated[models.Metric | None, Query()] = None,
                 source: Annotated[str | None, Query(max_length=ID_CHARS, description="an id or any name")] = None,
                 since: DateParam = None, until: DateParam = None) -> Response:
    """The newest figures (statistics stated by sources) matching the filters, as an Atom feed."""
    base = str(request.base_url).rstrip("/")
    query = urlencode(sorted(request.query_params.multi_items()))
    given = {k: v for k, v in (("metric", metric), ("source", source), ("since", since), ("until", until)) if v}
    with snapshot(request) as conn:
        version = browse.version(conn)
        body = request.app.state.cache.get(
            version, ("figures feed", base, query),
            lambda: figures_xml(recent_claims(conn, metric, source, since, until, FEED_ENTRIES), base, query, given))
    return Response(body, media_type=MEDIA_TYPE)


def feed_xml(events: list[dict[str, Any]], base: str, query: str, filters: browse.Filters) -> bytes:
    """The Atom document of ``events`` (newest first) for the feed at ``base`` with ``query``."""
    given = {k: v for k, v in vars(filters).items() if v is not None}
    feed = _feed(base, "operations", "events", query, given, [e["updated_at"] for e in events])
    for event in events:
        feed.append(_entry(event, base))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def figures_xml(claims: list[dict[str, Any]], base: str, query: str, given: dict[str, Any]) -> bytes:
    """The Atom document of ``claims`` (newest first) for the figures feed."""
    feed = _feed(base, "figures", "claims", query, given, [c["stored_at"] for c in claims])
    for claim in claims:
        feed.append(_figure_entry(claim, base))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


SUBTITLES = {"operations": "Counter-terrorism operations in Morocco reported by the press, newest first",
             "figures": "Statistics of counter-terrorism in Morocco stated by sources, newest first"}


def _feed(base: str, name: str, page: str, query: str, given: dict[str, Any], updated: list[str]) -> ET.Element:
    """The feed element with its metadata (``page``: the dashboard page of the same view)."""
    suffix = f"?{query}" if query else ""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"{base}/feeds/{name}.atom{suffix}")
    filters = ", ".join(f"{k}: {v}" for k, v in given.items())
    _add(feed, "title", f"marsad: new {name}" + (f" ({filters})" if filters else ""))
    _add(feed, "subtitle", SUBTITLES[name])
    _add(feed, "updated", max(updated, default=None) or now())
    _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}/feeds/{name}.atom{suffix}")
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base}/{page}{suffix}")
    author = _add(feed, "author")
    _add(author, "name", "marsad")
    _add(feed, "generator", "marsad", version=__version__)
    return feed


def _figure_entry(claim: dict[str, Any], base: str) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    page = f"{base}/documents/{quote(claim['document_id'], safe='')}"
    _add(entry, "id", f"{page}#figure-{claim['id']}")
    _add(entry, "title", describe_figure(claim))
    _add(entry, "updated", claim["stored_at"])
    _add(entry, "link", rel="alternate", type="text/html", href=page)
    if claim.get("url"):
        _add(entry, "link", rel="related", href=claim["url"])
    _add(entry, "category", term=claim["metric"])
    said = ", ".join(x for x in (claim.get("outlet"), claim.get("published")) if x)
    _add(entry, "summary", f"«{claim['sentence']}»" + (f" ({said})" if said else ""), type="text")
    return entry


def describe_figure(claim: dict[str, Any]) -> str:
    """``persons arrested: more than 300 (since 2002), said by bcij``."""
    since, until = claim["since"], claim["until"]
    period = claim["period"] or (f"{since} to {until}" if since and until else
                                 f"since {since}" if since else f"until {until}" if until else None)
    text = f"{claim['metric'].replace('_', ' ')}: "
    text += f"{claim['qualifier'].replace('_', ' ')} " if claim["qualifier"] not in (None, "exact") else ""
    text += str(claim["value"]) + (f" ({period})" if period else "")
    text += f", {claim['subset'].replace('-', ' ')}" if claim["subset"] else ""
    return text + (f", said by {claim['source']}" if claim["source"] else "")


def _entry(event: dict[str, Any], base: str) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    page = f"{base}/events/{quote(event['id'], safe='')}"
    _add(entry, "id", page)
    _add(entry, "title", describe(event))
    _add(entry, "updated", event["updated_at"])
    _add(entry, "published", event["created_at"])
    _add(entry, "link", rel="alternate", type="text/html", href=page)
    for source in event["sources"]:
        if source.get("url"):
            _add(entry, "link", rel="related", href=source["url"])
    _add(entry, "category", term=event["type"])
    said_by = ", ".join(outlets(event["sources"]))
    summary = notes(event) + (f". Reported by {said_by}" if said_by else "") + \
        f" ({event['source_count']} source{'s' * (event['source_count'] != 1)})."
    _add(entry, "summary", summary, type="text")
    return entry


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}",
                            {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element
