"""Security of ``marsad serve``: response headers on everything, and the write token.

:class:`SecurityMiddleware` (pure ASGI, so it also sees static files and error
responses) adds :data:`HEADERS` to every response and turns any exception that
escapes a route into a JSON 500 without traceback text. :func:`require_writer`
guards write endpoints: 403 when the app was started without a token (read-only),
401 when the ``Authorization: Bearer <token>`` header is missing or wrong.
"""
from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from .errors import ApiError, error_response

log = logging.getLogger("marsad.server")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
_RAW_HEADERS = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class SecurityMiddleware:
    """Adds :data:`HEADERS` to every HTTP response; answers unexpected exceptions with a JSON 500."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in _RAW_HEADERS if h[0] not in names)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:  # the body is on its way; all we can do is stop
                raise
            response = error_response(500, "internal error; see the server log")
            await response(scope, receive, send_with_headers)


def require_writer(token: str | None, authorization: str | None) -> None:
    """Raise ApiError 403 when there is no token (read-only), 401 when the header lacks it."""
    if token is None:
        raise ApiError(403, "read-only: start `marsad serve --token TOKEN` to allow changes")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "missing or wrong token: send Authorization: Bearer <token>",
                       {"www-authenticate": "Bearer"})
