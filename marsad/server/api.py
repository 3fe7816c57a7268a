"""Routes of the JSON API under ``/api`` (``docs/api.md``; the schema is ``/openapi.json``).

Each read route borrows a read-only connection for the request (:class:`ReadPool`), reads
one consistent snapshot and answers with a response model. Filters are parsed on the event
loop; the reading runs in one worker thread. Filters arrive as query
parameters, are validated here (types, patterns, ranges: 400 on anything else) and
reach SQL only as bound parameters (:mod:`marsad.store.browse`). Write routes open the
store for writing, one at a time, and only with the start-up token.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from ..figures.record import RecordTally
from ..figures.paged import check_page, page_json, page_of
from ..figures.report import checked, paused_gc
from ..store import Store, browse, corrections, tallies
from ..store.event_index import EventIndex
from ..store.footing import footing_complete
from ..vocab import resolve as named
from . import export, models
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

Id = Annotated[str | None, Query(max_length=ID_CHARS)]
DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]


@contextmanager
def snapshot(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection holding one snapshot for the whole request (opened inside the
    route's worker thread: one thread hop per request)."""
    with request.app.state.pool.connection() as conn:
        conn.execute("BEGIN")
        yield conn


async def event_filters(
        type: Annotated[models.EventType | None, Query(description="SPEC event type")] = None,
        since: DateParam = None, until: DateParam = None,
        place: Annotated[str | None, Query(max_length=ID_CHARS,
                                           description="place id or name, e.g. tangier, Tanger, طنجة")] = None,
        region: Annotated[str | None, Query(max_length=ID_CHARS, description="region as stored")] = None,
        org: Annotated[str | None, Query(max_length=ID_CHARS, description="org id or name, e.g. isis, Daesh, داعش")] = None,
        agency: Annotated[str | None, Query(max_length=ID_CHARS,
                                            description="agency id or name, e.g. bcij, BCIJ, البسيج")] = None,
        partner: Annotated[str | None, Query(max_length=ID_CHARS, description="country code, e.g. ES")] = None,
        background: Annotated[bool | None, Query(description="history (true) or news (false)")] = None,
        q: Annotated[str | None, Query(min_length=1, max_length=TEXT_CHARS,
                                       description="words its source documents hold")] = None,
        exact_dates: Annotated[bool | None, Query(description="true: only events whose reports name "
                                                              "their day or month")] = None,
) -> browse.Filters:
    """The common filters; InputError (400) for a date that does not exist, a q without words,
    or a place, org or agency that none of its ids or names (any script) names."""
    return browse.Filters(type=type, since=since, until=until, place=named("place", place), region=region,
                          org=named("org", org), agency=named("agency", agency), partner=partner,
                          background=background, q=q, exact=exact_dates or None)


Filters = Annotated[browse.Filters, Depends(event_filters)]
Sort = Annotated[models.SortName, Query(description="sort key; '-' for descending")]
Limit = Annotated[int, Query(ge=1, le=browse.MAX_LIMIT)]
Cursor = Annotated[str | None, Query(max_length=1000, description="next_cursor of the previous page")]


@router.get("/events", response_model=models.EventPage, responses=_ERRORS)
def events(request: Request, filters: Filters, sort: Sort = "-date", limit: Limit = 50,
           cursor: Cursor = None) -> Response:
    """Canonical events (one per operation) matching the filters, a page at a time."""
    return cached(request, ("events", filters, sort, limit, cursor),
                  lambda conn, index: browse.events_page(conn, filters, sort, limit, cursor, index))


@router.get("/events/{event_id}", response_model=models.EventDetail, responses=_NOT_FOUND)
def event(request: Request, event_id: Annotated[str, Path(max_length=ID_CHARS)]) -> dict[str, Any]:
    """One canonical event with what its reports disagree on and each source's evidence."""
    with snapshot(request) as conn:
        return browse.event_detail(conn, event_id)


@router.get("/documents/{document_id}", response_model=models.Document, responses=_NOT_FOUND)
def document(request: Request, document_id: Annotated[str, Path(max_length=ID_CHARS)]) -> dict[str, Any]:
    """One stored article: its text, the events it reports and its claims, with spans."""
    with snapshot(request) as conn:
        return browse.document(conn, document_id)


@router.get("/claims", response_model=models.ClaimPage, responses=_ERRORS)
def claims(request: Request, metric: Annotated[models.Metric | None, Query()] = None,
           source: Annotated[str | None, Query(max_length=ID_CHARS)] = None,
           since: DateParam = None, until: DateParam = None, limit: Limit = 50,
           cursor: Cursor = None) -> Response:
    """Statistics stated by sources, by publication date (since/until bound that date)."""
    return cached(request, ("claims", metric, source, since, until, limit, cursor),
                  lambda conn, _: browse.claims_page(conn, metric=metric, source=source, since=since,
                                                     until=until, limit=limit, cursor=cursor))


FiguresShown = Annotated[str, Query(
    pattern=r"^(page|all|none|first|year|\d{4}-\d{2}-\d{2})$",
    description="which figures the answer lists: page (the default: those the page's checks compare), "
                "all (every figure kept: grows with the store), none, or those of one series: "
                "'year', a running total's first day (YYYY-MM-DD), or 'first' (the first of `series`)")]
CHECKS_LIMIT = 100
CHECKS_MAX = 1000


@router.get("/checks", response_model=models.Checks, responses=_ERRORS)
def checks(request: Request, metric: Annotated[models.Metric | None, Query()] = None,
           source: Annotated[str | None, Query(max_length=ID_CHARS, description="an id or any name")] = None,
           since: DateParam = None, until: DateParam = None,
           verdict: Annotated[models.Verdict | None, Query()] = None,
           figures: FiguresShown = "page",
           per_check: Annotated[int | None, Query(ge=0, le=browse.MAX_LIMIT, description=(
               "list only the first per_check figures of each check (claim_ids lists them all)"))] = None,
           limit: Annotated[int, Query(ge=1, le=CHECKS_MAX, description="checks in the page")] = CHECKS_LIMIT,
           cursor: Annotated[str | None, Query(max_length=1000, description=(
               "next_cursor of the previous page: the page starts past its last check, wherever writes "
               "since have moved it"))] = None,
           offset: Annotated[int, Query(ge=0, description=(
               "checks skipped before the page (after the cursor when given); pages by offset shift when the "
               "store changes between them: follow next instead"))] = 0,
           order: Annotated[Literal["check", "verdict"], Query(description=(
               "check: as `marsad check` lists them; verdict: conflicts first, then superseded, compatible, "
               "agree"))] = "check",
           ) -> Response:
    """The stored figures compared with each other and with the record's own count
    (`marsad check`), a page of checks at a time: since/until keep figures whose period meets
    those days; `next` is the address of the next page."""
    def compute(conn: sqlite3.Connection, _index: EventIndex | None) -> dict[str, Any]:
        with paused_gc():
            tally = record_tally(request.app.state.cache, conn)
            filters = {"metric": metric, "since": since, "until": until, "source": source, "verdict": verdict}
            if footing_complete(conn):
                page = check_page(tallies.FootingReader(conn), offset=offset, limit=limit, figures=figures, order=order,
                                  after=cursor, **filters)
            else:  # claims written around marsad.store.write since the server started: the long way
                page = page_of(checked(tallies.figure_rows(conn, metric=metric), **filters), offset, limit, figures,
                               order, after=cursor)
            following = None if page.next_cursor is None else (
                request.url.remove_query_params("offset").include_query_params(cursor=page.next_cursor))
            return {**page_json(page, tally, listed=per_check), "next_cursor": page.next_cursor,
                    "next": None if following is None else f"{following.path}?{following.query}"}
    return cached(request, ("checks", metric, source, since, until, verdict, figures, per_check, limit, cursor,
                            offset, order), compute)


def record_tally(cache: Any, conn: Any) -> RecordTally:
    """The record's tallies at the store's version: the same for every page and filter of the checks
    (read once per version; the app reads them as it starts)."""
    with paused_gc():
        return cache.get(browse.version(conn), ("record-tally",), lambda: RecordTally(
            tallies.event_tallies(conn), tallies.document_tallies(conn), tallies.undated_events(conn)))


@router.get("/search", response_model=models.SearchResults, responses=_ERRORS)
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=TEXT_CHARS)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Response:
    """Documents holding every word of q (Arabic spelling and clitics folded), best first."""
    return cached(request, ("search", q, limit), lambda conn, _: {"items": browse.search(conn, q, limit)})


@router.get("/stats", response_model=models.Stats, responses=_ERRORS)
def stats(request: Request, filters: Filters) -> Response:
    """Totals and counts by month, year, type, town, region, org, agency and partner."""
    return cached(request, ("stats", filters), lambda conn, index: browse.stats(conn, filters, index))


@router.get("/health", response_model=models.Health, responses=_ERRORS)
def health(request: Request) -> dict[str, Any]:
    """Whether this worker answers, the store's version, and the state of its event index."""
    keeper = request.app.state.index
    with snapshot(request) as conn:
        version = browse.version(conn)
    keeper.current(version)  # a stale index starts being rebuilt
    return {"status": "ok", "version": version, "index": keeper.state(version)}


@router.get("/meta", response_model=models.Meta, responses=_ERRORS)
def meta(request: Request) -> Response:
    """The values the filters can take, labels for ids, and whether writes are allowed."""
    writable = request.app.state.writable
    return cached(request, "meta", lambda conn, _: {**browse.meta(conn), "labels": all_labels(),
                                                    "writable": writable})


def cached(request: Request, key: Hashable,
           compute: Callable[[sqlite3.Connection, EventIndex | None], Any]) -> Response:
    """The JSON answer for ``key`` at the store's current version: from the app's cache, or
    computed on one snapshot (with the event index when it is at that version) and kept.
    (Its shape is the route's response model, checked by the schema tests rather than on
    every request.)"""
    with snapshot(request) as conn:
        version = browse.version(conn)
        body = request.app.state.cache.get(
            version, key, lambda: json_bytes(compute(conn, request.app.state.index.current(version))))
    return Response(body, media_type="application/json")


def json_bytes(data: Any) -> bytes:
    """Compact UTF-8 JSON (what ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``
    gives, in a tenth of the time)."""
    return orjson.dumps(data)


PerPlace = Annotated[bool, Query(description="one row per place of an event (as ACLED codes an event "
                                             "in several locations), the rows sharing its id")]


@router.get("/export.csv", response_class=StreamingResponse, responses={
    200: {"content": {"text/csv": {"schema": {"type": "string"}}},
          "description": "ACLED-style CSV (docs/api.md)"}, **_ERRORS})
def export_csv(request: Request, filters: Filters, sort: Sort = "-date",
               columns: Annotated[Literal["marsad", "acled"], Query(
                   description="marsad: ACLED-style columns and marsad's own; acled: ACLED's names and order")] = "marsad",
               one_row_per_place: PerPlace = False) -> StreamingResponse:
    """Every matching event as ACLED-style CSV, streamed."""
    batches = _batches(request, filters, sort)
    return StreamingResponse(export.csv_lines(batches, columns, one_row_per_place),
                             media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": 'attachment; filename="marsad-events.csv"'})


@router.get("/export.json", response_model=list[models.ExportRow], response_class=StreamingResponse,
            responses=_ERRORS)
def export_json(request: Request, filters: Filters, sort: Sort = "-date",
                one_row_per_place: PerPlace = False) -> StreamingResponse:
    """Every matching event as a JSON array of ACLED-style rows, streamed."""
    batches = _batches(request, filters, sort)
    return StreamingResponse(export.json_chunks(batches, "marsad", one_row_per_place),
                             media_type="application/json",
                             headers={"content-disposition": 'attachment; filename="marsad-events.json"'})


def _batches(request: Request, filters: browse.Filters, sort: str) -> Iterator[list[dict[str, Any]]]:
    """Batches of matching events from one snapshot; the first is read now, so that a bad
    parameter is a 400 before the response starts."""
    pool, keeper = request.app.state.pool, request.app.state.index

    def read() -> Iterator[list[dict[str, Any]]]:
        with pool.connection() as conn:
            conn.execute("BEGIN")
            index = keeper.current(browse.version(conn))
            yield from browse.iter_events(conn, filters, sort, EXPORT_BATCH, index)

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


@router.post("/undo", response_model=models.UndoResult, responses=_WRITE_ERRORS, dependencies=[Writer])
def undo(request: Request) -> dict[str, Any]:
    """Take back the newest analyst correction (merge, split or import) not yet undone; 400
    when there is none."""
    with request.app.state.write_lock, _store(request) as store:
        done = store.undo()
        return {"undone": done.correction, "events": done.events, "actions": done.actions}


@router.get("/corrections", response_model=models.CorrectionList, responses=_ERRORS)
def corrections_list(request: Request, limit: Annotated[int, Query(ge=1, le=100)] = 20,
                     undone: Annotated[bool, Query(description="false: only those that still hold")] = True,
                     ) -> dict[str, Any]:
    """The analyst's corrections, newest first (the first that holds is what /api/undo takes back)."""
    with snapshot(request) as conn:
        return {"items": corrections.listing(conn, limit, undone)}


@router.post("/resolve", response_model=models.ResolveResult, responses=_WRITE_ERRORS, dependencies=[Writer])
def resolve(request: Request) -> dict[str, Any]:
    """Group every stored mention into canonical events again."""
    with request.app.state.write_lock, _store(request) as store:
        summary = store.resolve()
        return {"mentions": summary.mentions, "events": summary.events, "actions": summary.actions}
