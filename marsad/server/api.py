"""Routes of the JSON API under ``/api`` (``docs/api.md``; the schema is ``/openapi.json``).

Each read route borrows a read-only connection for the request (:class:`ReadPool`), reads
one consistent snapshot and answers with a response model. Filters arrive as query
parameters, are validated here (types, patterns, ranges: 400 on anything else) and
reach SQL only as bound parameters (:mod:`marsad.store.browse`). Write routes open the
store for writing, one at a time, and only with the start-up token.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import StreamingResponse

from ..store import Store, browse
from . import export, models
from .cache import VersionedCache
from .errors import ErrorBody
from .labels import all_labels
from .security import require_writer

router = APIRouter(prefix="/api")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID_CHARS = 200
TEXT_CHARS = 500
EXPORT_BATCH = 1000
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "bad parameter"},
    500: {"model": ErrorBody, "description": "internal error"}}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {**_ERRORS, 404: {"model": ErrorBody, "description": "unknown id"}}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **_NOT_FOUND, 401: {"model": ErrorBody, "description": "missing or wrong token"},
    403: {"model": ErrorBody, "description": "the server is read-only"}}
_cache = VersionedCache()

Id = Annotated[str | None, Query(max_length=ID_CHARS)]
DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]


def read_connection(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection holding one snapshot for the whole request."""
    with request.app.state.pool.connection() as conn:
        conn.execute("BEGIN")
        yield conn


Conn = Annotated[sqlite3.Connection, Depends(read_connection)]


def event_filters(
        type: Annotated[models.EventType | None, Query(description="SPEC event type")] = None,
        since: DateParam = None, until: DateParam = None,
        place: Annotated[str | None, Query(max_length=ID_CHARS, description="place id, e.g. tangier")] = None,
        region: Annotated[str | None, Query(max_length=ID_CHARS, description="region as stored")] = None,
        org: Annotated[str | None, Query(max_length=ID_CHARS, description="org id, e.g. isis")] = None,
        agency: Annotated[str | None, Query(max_length=ID_CHARS, description="agency id, e.g. bcij")] = None,
        partner: Annotated[str | None, Query(max_length=ID_CHARS, description="country code, e.g. ES")] = None,
        background: Annotated[bool | None, Query(description="history (true) or news (false)")] = None,
        q: Annotated[str | None, Query(min_length=1, max_length=TEXT_CHARS,
                                       description="words its source documents hold")] = None,
) -> browse.Filters:
    """The common filters; InputError (400) for a date that does not exist or a q without words."""
    return browse.Filters(type=type, since=since, until=until, place=place, region=region, org=org,
                          agency=agency, partner=partner, background=background, q=q)


Filters = Annotated[browse.Filters, Depends(event_filters)]
Sort = Annotated[models.SortName, Query(description="sort key; '-' for descending")]
Limit = Annotated[int, Query(ge=1, le=browse.MAX_LIMIT)]
Cursor = Annotated[str | None, Query(max_length=1000, description="next_cursor of the previous page")]


@router.get("/events", response_model=models.EventPage, responses=_ERRORS)
def events(conn: Conn, filters: Filters, sort: Sort = "-date", limit: Limit = 50,
           cursor: Cursor = None) -> dict[str, Any]:
    """Canonical events (one per operation) matching the filters, a page at a time."""
    return browse.events_page(conn, filters, sort, limit, cursor)


@router.get("/events/{event_id}", response_model=models.EventDetail, responses=_NOT_FOUND)
def event(conn: Conn, event_id: Annotated[str, Path(max_length=ID_CHARS)]) -> dict[str, Any]:
    """One canonical event with what its reports disagree on and each source's evidence."""
    return browse.event_detail(conn, event_id)


@router.get("/documents/{document_id}", response_model=models.Document, responses=_NOT_FOUND)
def document(conn: Conn, document_id: Annotated[str, Path(max_length=ID_CHARS)]) -> dict[str, Any]:
    """One stored article: its text, the events it reports and its claims, with spans."""
    return browse.document(conn, document_id)


@router.get("/claims", response_model=models.ClaimPage, responses=_ERRORS)
def claims(conn: Conn, metric: Annotated[models.Metric | None, Query()] = None,
           source: Annotated[str | None, Query(max_length=ID_CHARS)] = None,
           since: DateParam = None, until: DateParam = None, limit: Limit = 50,
           cursor: Cursor = None) -> dict[str, Any]:
    """Statistics stated by sources, by publication date (since/until bound that date)."""
    return browse.claims_page(conn, metric=metric, source=source, since=since, until=until,
                              limit=limit, cursor=cursor)


@router.get("/search", response_model=models.SearchResults, responses=_ERRORS)
def search(conn: Conn, q: Annotated[str, Query(min_length=1, max_length=TEXT_CHARS)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    """Documents holding every word of q (Arabic spelling and clitics folded), best first."""
    return {"items": browse.search(conn, q, limit)}


@router.get("/stats", response_model=models.Stats, responses=_ERRORS)
def stats(conn: Conn, filters: Filters) -> dict[str, Any]:
    """Totals and counts by month, year, type, town, region, org, agency and partner."""
    return _cache.get(browse.version(conn), ("stats", filters), lambda: browse.stats(conn, filters))


@router.get("/meta", response_model=models.Meta, responses=_ERRORS)
def meta(request: Request, conn: Conn) -> dict[str, Any]:
    """The values the filters can take, labels for ids, and whether writes are allowed."""
    found = _cache.get(browse.version(conn), "meta", lambda: browse.meta(conn))
    return {**found, "labels": all_labels(), "writable": request.app.state.writable}


@router.get("/export.csv", response_class=StreamingResponse, responses={
    200: {"content": {"text/csv": {"schema": {"type": "string"}}},
          "description": "ACLED-style CSV (docs/api.md)"}, **_ERRORS})
def export_csv(request: Request, filters: Filters, sort: Sort = "-date") -> StreamingResponse:
    """Every matching event as ACLED-style CSV, streamed."""
    batches = _batches(request, filters, sort)
    return StreamingResponse(export.csv_lines(batches), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": 'attachment; filename="marsad-events.csv"'})


@router.get("/export.json", response_model=list[models.ExportRow], response_class=StreamingResponse,
            responses=_ERRORS)
def export_json(request: Request, filters: Filters, sort: Sort = "-date") -> StreamingResponse:
    """Every matching event as a JSON array of ACLED-style rows, streamed."""
    batches = _batches(request, filters, sort)
    return StreamingResponse(export.json_chunks(batches), media_type="application/json",
                             headers={"content-disposition": 'attachment; filename="marsad-events.json"'})


def _batches(request: Request, filters: browse.Filters, sort: str) -> Iterator[list[dict[str, Any]]]:
    """Batches of matching events from one snapshot; the first is read now, so that a bad
    parameter is a 400 before the response starts."""
    pool = request.app.state.pool

    def read() -> Iterator[list[dict[str, Any]]]:
        with pool.connection() as conn:
            conn.execute("BEGIN")
            yield from browse.iter_events(conn, filters, sort, EXPORT_BATCH)

    batches = read()
    first = next(batches, None)

    def chained() -> Iterator[list[dict[str, Any]]]:
        if first is not None:
            yield first
            yield from batches

    return chained()


# -- writes ------------------------------------------------------------------------------------

def writer(request: Request,
           authorization: Annotated[str | None, Header(include_in_schema=False)] = None) -> None:
    """Refuse the request unless the server has a token and the request sends it (before the
    body is even looked at)."""
    require_writer(request.app.state.token, authorization)


Writer = Depends(writer)


def _store(request: Request) -> Store:
    return Store(request.app.state.db_path, create=False)


@router.post("/merge", response_model=models.MergeResult, responses=_WRITE_ERRORS, dependencies=[Writer])
def merge(request: Request, body: models.MergeRequest) -> dict[str, Any]:
    """Merge canonical events that are one operation (an analyst correction, kept for good)."""
    with request.app.state.write_lock, _store(request) as store:
        return {"id": store.merge(body.ids)}


@router.post("/split", response_model=models.SplitResult, responses=_WRITE_ERRORS, dependencies=[Writer])
def split(request: Request, body: models.SplitRequest) -> dict[str, Any]:
    """Take mentions out of an event into one of their own (an analyst correction)."""
    with request.app.state.write_lock, _store(request) as store:
        rest, new = store.split(body.id, body.mentions)
        return {"id": rest, "split": new}


@router.post("/resolve", response_model=models.ResolveResult, responses=_WRITE_ERRORS, dependencies=[Writer])
def resolve(request: Request) -> dict[str, Any]:
    """Group every stored mention into canonical events again."""
    with request.app.state.write_lock, _store(request) as store:
        summary = store.resolve()
        return {"mentions": summary.mentions, "events": summary.events, "actions": summary.actions}
