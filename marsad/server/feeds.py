"""The Atom feed of new operations: ``GET /feeds/operations.atom`` (docs/api.md).

The :data:`FEED_ENTRIES` canonical events created last that match the filters of
``/api/events`` (the same query parameters, the same 400s), newest first, as an Atom 1.0
document any feed reader can follow: each entry is one operation with its figures
(arrested, killed) in its title, a one-line summary and its sources as links, and links
to its dashboard page. Answers are cached per store version, like the API's.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from .. import __version__
from ..alerts import describe
from ..store import browse
from ..store.recent import recent_events
from ..store.revisions import now
from .api import _ERRORS, Filters, snapshot
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


def feed_xml(events: list[dict[str, Any]], base: str, query: str, filters: browse.Filters) -> bytes:
    """The Atom document of ``events`` (newest first) for the feed at ``base`` with ``query``."""
    suffix = f"?{query}" if query else ""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"{base}/feeds/operations.atom{suffix}")
    _add(feed, "title", "marsad: new operations" + (f" ({_filters_text(filters)})" if filters.given() else ""))
    _add(feed, "subtitle", "Counter-terrorism operations in Morocco reported by the press, newest first")
    _add(feed, "updated", max((e["updated_at"] for e in events), default=None) or now())
    _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}/feeds/operations.atom{suffix}")
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base}/events{suffix}")
    author = _add(feed, "author")
    _add(author, "name", "marsad")
    _add(feed, "generator", "marsad", version=__version__)
    for event in events:
        feed.append(_entry(event, base))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(event: dict[str, Any], base: str) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    page = f"{base}/events/{event['id']}"
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


def _filters_text(filters: browse.Filters) -> str:
    return ", ".join(f"{name}: {value}" for name, value in vars(filters).items() if value is not None)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}",
                            {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element
