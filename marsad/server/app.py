"""The FastAPI application of ``marsad serve``.

:func:`create_app` checks the database (NoDatabaseError when the file is missing),
brings its schema up to date once (the browse indexes and rollups of schema version
5), and serves:

- the JSON API of :mod:`marsad.server.api` under ``/api`` (OpenAPI at ``/openapi.json``);
- the Atom feed of new operations, ``/feeds/operations.atom`` (:mod:`marsad.server.feeds`);
- the dashboard: page routes (``/``, ``/events``, ``/events/{id}``, ``/claims``,
  ``/checks``, ``/search``, ``/documents/{id}``) all answer the shell ``static/index.html``, and the
  files of ``static/`` are under ``/static``.

Every response carries the security headers of :mod:`marsad.server.security`; every
error is JSON (:mod:`marsad.server.errors`). The app is read-only unless a token is
given: then the write endpoints accept ``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import InputError, NoDatabaseError
from ..store import Store, browse
from ..store.pg import is_dsn
from . import api, errors, feeds
from .cache import VersionedCache
from .keeper import IndexKeeper
from .pool import read_pool
from .security import SecurityMiddleware

STATIC = Path(__file__).parent / "static"
PAGES = ("/", "/events", "/events/{event_id}", "/claims", "/checks", "/search", "/documents/{document_id}")
# Served when the dashboard's shell is not installed: still no inline script or style.
PLACEHOLDER = """<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>marsad</title></head>
<body><h1>marsad</h1><p>The dashboard is not installed; its JSON API answers under /api (e.g. /api/meta).</p>
</body></html>
"""


def create_app(db_path: str | Path, token: str | None = None, read_only: bool | None = None,
               index: str = "background") -> FastAPI:
    """The marsad API and dashboard over the store at ``db_path``.

    Writable (merge, split, resolve) only with a ``token``; ``read_only=True`` refuses
    writes even then. ``index``: how the in-memory event index is kept (``background``,
    ``sync`` or ``off``: :mod:`marsad.server.keeper`). Raises NoDatabaseError when the file
    does not exist, StoreError when it is not a marsad database.
    """
    db_path = str(db_path)
    if not is_dsn(db_path) and not Path(db_path).is_file():
        raise NoDatabaseError(f"no database at {db_path}; run `marsad ingest` first")
    if read_only is False and not token:
        raise InputError("a writable server needs a token (--token)")
    if token is not None and not (token.isascii() and token.isprintable() and " " not in token):
        raise InputError("the token must be printable ASCII without spaces (it travels in an HTTP header)")
    with Store(db_path, create=False) as store:  # applies pending migrations once, before serving
        if browse.rollups_stale(store.conn):
            store.conn.execute("BEGIN IMMEDIATE")
            browse.rebuild_rollups(store.conn)
            store.conn.execute("COMMIT")
        store.fill_footing()  # claims stored before their footing was (a page of checks reads it)
    writable = bool(token) and read_only is not True
    app = FastAPI(title="marsad", version=__version__, docs_url=None, redoc_url=None,
                  description="Counter-terrorism events in Morocco from the news: canonical "
                              "events, their sources and evidence, claims, statistics, exports.")
    app.state.db_path = db_path
    app.state.pool = read_pool(db_path)
    app.state.token = token if writable else None
    app.state.writable = writable
    app.state.write_lock = threading.Lock()
    app.state.cache = VersionedCache()
    with app.state.pool.connection() as conn:  # what every page of /api/checks counts with, ready
        api.record_tally(app.state.cache, conn)
    app.state.index = IndexKeeper(db_path, index)
    app.add_middleware(SecurityMiddleware)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(feeds.router)
    _add_pages(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.router.add_event_handler("startup", app.state.index.start)
    app.router.add_event_handler("startup", limit_threads)
    app.router.add_event_handler("shutdown", app.state.pool.close)
    return app


THREADS = 2  # request threads per worker process (anyio's default is 40)


def limit_threads() -> None:
    """Run at most :data:`THREADS` requests at once in this worker. Answers are CPU work
    under one GIL: more threads only interleave them, so that each waits longer (on
    1,000,000 events, p95 under load fell from ~40 to ~25 ms); two still overlap a
    request waiting on the disk with one computing."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS


ENV_DB, ENV_TOKEN, ENV_INDEX = "MARSAD_SERVE_DB", "MARSAD_SERVE_TOKEN", "MARSAD_SERVE_INDEX"


def app_from_environment() -> FastAPI:
    """:func:`create_app` over ``$MARSAD_SERVE_DB`` (token ``$MARSAD_SERVE_TOKEN``, index mode
    ``$MARSAD_SERVE_INDEX``): the factory each worker process of ``marsad serve --workers N`` calls."""
    return create_app(os.environ[ENV_DB], token=os.environ.get(ENV_TOKEN) or None,
                      index=os.environ.get(ENV_INDEX) or "background")


def shell() -> Response:
    """The dashboard's HTML shell (its JavaScript routes on the path)."""
    index = STATIC / "index.html"
    if index.is_file():
        return FileResponse(index, media_type="text/html; charset=utf-8",
                            headers={"cache-control": "no-cache"})
    return HTMLResponse(PLACEHOLDER)


def _add_pages(app: FastAPI) -> None:
    for path in PAGES:
        app.add_api_route(path, shell, methods=["GET", "HEAD"], include_in_schema=False,
                          response_class=HTMLResponse)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema, with validation errors documented as the 400 they are answered with."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                operation.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema
