"""Errors of the HTTP API, always JSON in one stable shape.

Every error response body is ``{"error": {"status": 404, "code": "not_found",
"message": "one line"}}``. :func:`install` registers handlers that turn library
errors (:mod:`marsad.errors`), Starlette's HTTP errors (unknown paths, 405) and
request validation errors (reported as 400, not FastAPI's 422) into that shape.
Unexpected exceptions become a 500 ``internal`` error in
:class:`marsad.server.security.SecurityMiddleware`, without any traceback text.
"""
from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, MarsadError, NotFoundError

log = logging.getLogger("marsad.server")

# The codes of the contract; other 4xx statuses (405) are reported as bad_request.
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         500: "internal"}
MESSAGE_CHARS = 300  # one line, and never a whole request echoed back


class ErrorDetail(BaseModel):
    status: int
    code: Literal["bad_request", "unauthorized", "forbidden", "not_found", "internal"]
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error the API answers with ``status`` (401, 403 …) and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


def error_body(status: int, message: str) -> dict[str, Any]:
    """``{"error": {...}}`` with the code for ``status`` and ``message`` on one short line."""
    line = " ".join(str(message).split()) or CODES.get(status, "error")
    if len(line) > MESSAGE_CHARS:
        line = line[:MESSAGE_CHARS - 1] + "…"
    return {"error": {"status": status, "code": code_of(status), "message": line}}


def code_of(status: int) -> str:
    return CODES.get(status, "bad_request" if 400 <= status < 500 else "internal")


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.headers)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return error_response(400, str(exc))

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, str(exc))

    @app.exception_handler(MarsadError)
    async def store_error(request: Request, exc: MarsadError) -> JSONResponse:
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(500, "the store cannot answer this request; see the server log")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        return error_response(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, validation_message(exc.errors()))


def validation_message(errors: Any) -> str:
    """The first validation problem as ``where: what``, e.g. ``query.limit: ...``."""
    for err in errors or ():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
        return f"invalid {where}: {err.get('msg', 'invalid value')}"
    return "invalid request"
