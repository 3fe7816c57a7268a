"""HTTP GET for the crawler: polite, bounded, and failing only with :class:`FetchError`.

:meth:`Fetcher.get` requests one URL with the standard library and

* sends ``User-Agent: marsad/<version> (+<project URL>)`` and, when given, the
  conditional headers ``If-None-Match`` / ``If-Modified-Since`` (a 304 answer is
  returned as such, with an empty body: nothing is downloaded);
* waits so that requests to one host (``scheme://host:port``) are at least
  ``interval`` seconds apart, retries included;
* follows redirects itself: only to http/https URLs, at most :data:`MAX_REDIRECTS`
  hops, stopping loops; each hop is passed to ``allow`` (robots.txt) *before* it is
  requested and :class:`Disallowed` is raised when it says no;
* retries transient failures (5xx, 408, 429, timeouts, refused or reset
  connections) up to ``attempts`` times, waiting ``retry_delay × 2ⁱ`` between tries;
* times out: ``timeout`` seconds for the connection and for each wait for data, and
  :data:`DEADLINE_TIMEOUTS` × ``timeout`` for the whole fetch of a URL: connection,
  headers and body of every redirect hop and retry, and the waits before retries (only
  the throttle's pauses come on top). The limit is enforced on every read of the
  socket, so a server that trickles its status line or body a byte at a time is cut
  off on time, and a retry is made only when its wait leaves time to try;
* stops reading a body past ``max_bytes`` (after gzip decoding) and fails with
  "page too large".

Every failure is a :class:`FetchError` whose message is one line without the URL
(the caller names the URL); ``transient`` tells whether trying later may help.
"""
from __future__ import annotations

import functools
import http.client
import io
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

from .. import __version__
from .units import format_size
from .urls import is_http, resolve, site_key

PROJECT_URL = "https://example.invalid/marsad"  # placeholder until the project has a public home
USER_AGENT = f"marsad/{__version__} (+{PROJECT_URL})"
MAX_REDIRECTS = 5  # browsers allow ~20; news sites need 1-2 (http->https, www); 5 is RFC 9309's minimum
DEADLINE_TIMEOUTS = 6  # a whole fetch may take this many timeouts: stops servers that trickle bytes
MAX_RETRY_AFTER_S = 60.0  # honour a Retry-After up to this; longer waits are left to the next run
CHUNK_BYTES = 64 * 1024
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
TRANSIENT_STATUSES = (408, 429)  # plus every 5xx
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib's "gzip header" mode


class FetchError(Exception):
    """A URL could not be fetched; ``str(error)`` is a one-line reason."""

    def __init__(self, message: str, status: int | None = None, transient: bool = False,
                 retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.transient = transient
        self.retry_after = retry_after  # seconds the server asked us to wait (Retry-After)


class Disallowed(FetchError):
    """robots.txt forbids the URL (or a redirect target); it was not requested."""

    def __init__(self, url: str):
        super().__init__(f"disallowed by robots.txt: {url}")
        self.url = url


@dataclass
class Response:
    """A 2xx or 304 answer. ``body`` is decoded from gzip and empty for a 304."""

    url: str  # the URL requested
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str  # media type, lowercase, without parameters ("" when absent)
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostThrottle:
    """Keeps requests to one site at least ``interval`` seconds apart (per site overrides)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}
        self._intervals: dict[str, float] = {}

    def set_interval(self, site: str, seconds: float) -> None:
        """Wait longer between requests to ``site`` (robots.txt ``Crawl-delay``)."""
        self._intervals[site] = max(self.interval, seconds)

    def wait(self, url: str) -> None:
        site = site_key(url)
        last = self._last.get(site)
        if last is not None:
            pause = last + self._intervals.get(site, self.interval) - self._clock()
            if pause > 0:
                self._sleep(pause)
        self._last[site] = self._clock()


class _Budget:
    """The time one fetch may take: ``limit`` seconds over all its requests (redirect hops,
    retries) and the waits before retries; each request runs against a :class:`_Deadline`."""

    def __init__(self, limit: float, timeout: float):
        self.limit, self.timeout = limit, timeout
        self.spent = 0.0

    @property
    def left(self) -> float:
        return self.limit - self.spent

    def deadline(self) -> "_Deadline":
        """The deadline of the next request (call :meth:`_Deadline.close` when it is over)."""
        return _Deadline(self)


class _Deadline:
    """When one request must be over; :meth:`wait` is the timeout of its next socket wait."""

    def __init__(self, budget: _Budget):
        self._budget = budget
        self._start = time.monotonic()
        self.at = self._start + budget.left
        self.closed_by_server = False  # a receive found the end of the stream

    def wait(self) -> float:
        """Seconds the next connect, send or receive may block; TimeoutError when none are left."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        return min(self._budget.timeout, left)

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def close(self) -> None:
        self._budget.spent += time.monotonic() - self._start


class _DeadlineReader(io.RawIOBase):
    """A socket's reader that gives each receive the time :meth:`_Deadline.wait` allows."""

    def __init__(self, sock: socket.socket, deadline: _Deadline):
        super().__init__()
        self._sock, self._deadline = sock, deadline
        self._raw = sock.makefile("rb", buffering=0)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int | None:  # type: ignore[override]
        self._sock.settimeout(self._deadline.wait())
        n = self._raw.readinto(buffer)
        if n == 0:
            self._deadline.closed_by_server = True
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """A connected socket whose sends and receives all end by one deadline."""

    def __init__(self, sock: socket.socket, deadline: _Deadline):
        self._sock, self._deadline = sock, deadline

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(self._deadline.wait())
        self._sock.sendall(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self._sock, name)


class _DeadlineConnection:
    """Mixed into http.client's connections: connecting, and every read and write after
    it, end by the request's deadline."""

    def __init__(self, *args: object, deadline: _Deadline, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self._deadline = deadline

    def connect(self) -> None:
        self.timeout = self._deadline.wait()
        super().connect()  # type: ignore[misc]
        self.sock = _DeadlineSocket(self.sock, self._deadline)


class _HTTPConnection(_DeadlineConnection, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_DeadlineConnection, http.client.HTTPSConnection):
    pass


class _DeadlineRequest(urllib.request.Request):
    def __init__(self, url: str, headers: dict[str, str], deadline: _Deadline):
        super().__init__(url, headers=headers)
        self.deadline = deadline


class _DeadlineHandler:
    """Mixed into urllib's handlers: they open the connections above."""

    def do_open(self, http_class: type, req: _DeadlineRequest, **kwargs: object) -> object:
        https = issubclass(http_class, http.client.HTTPSConnection)
        connection = functools.partial(_HTTPSConnection if https else _HTTPConnection,
                                       deadline=req.deadline)
        return super().do_open(connection, req, **kwargs)  # type: ignore[misc]


class _HTTPHandler(_DeadlineHandler, urllib.request.HTTPHandler):
    pass


class _HTTPSHandler(_DeadlineHandler, urllib.request.HTTPSHandler):
    pass


class Fetcher:
    """GET with the rules of the module doc; one per crawl run (it keeps the throttle)."""

    def __init__(self, interval: float = 1.0, timeout: float = 10.0, max_bytes: int = 5_000_000,
                 attempts: int = 3, retry_delay: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.timeout, self.max_bytes = timeout, max_bytes
        self.attempts, self.retry_delay = max(1, attempts), retry_delay
        self._sleep = sleep
        self.throttle = HostThrottle(interval, sleep=sleep)
        # No redirect or error handlers: every status comes back as a response, and no
        # file:, ftp: or data: handler exists to be reached.
        self._opener = urllib.request.OpenerDirector()
        for handler in (urllib.request.ProxyHandler(), _HTTPHandler(), _HTTPSHandler()):
            self._opener.add_handler(handler)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            allow: Callable[[str], bool] | None = None, max_bytes: int | None = None) -> Response:
        """Fetch ``url`` following redirects; raise FetchError (Disallowed for robots.txt)."""
        if not is_http(url):
            raise FetchError("not an http(s) URL")
        hops = [url]
        budget = _Budget(self.timeout * DEADLINE_TIMEOUTS, self.timeout)
        while True:
            current = hops[-1]
            if allow is not None and not allow(current):
                raise Disallowed(current)
            result = self._with_retries(current, etag, last_modified, max_bytes or self.max_bytes,
                                        budget)
            if isinstance(result, Response):
                result.url = url
                return result
            hops.append(self._redirect_target(hops, result))

    def _redirect_target(self, hops: list[str], location: str) -> str:
        target = resolve(hops[-1], location)
        if target is None:
            raise FetchError(f"redirect to a non-http URL refused: {location.strip()[:200]}")
        if target in hops:
            raise FetchError("redirect loop: " + " -> ".join(hops[hops.index(target):] + [target]))
        if len(hops) > MAX_REDIRECTS:
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")
        return target

    def _with_retries(self, url: str, etag: str | None, last_modified: str | None,
                      max_bytes: int, budget: _Budget) -> Response | str:
        """A Response, or the Location of a redirect; retries transient failures in budget."""
        for attempt in range(1, self.attempts + 1):
            try:
                return self._once(url, etag, last_modified, max_bytes, budget)
            except FetchError as e:
                wait = max(self.retry_delay * 2 ** (attempt - 1), e.retry_after or 0.0)
                if (not e.transient or attempt == self.attempts or wait > MAX_RETRY_AFTER_S
                        or wait >= budget.left):
                    if attempt > 1:
                        e.args = (f"{e} (after {attempt} attempts)",)
                    raise
                self._sleep(wait)
                budget.spent += wait
        raise AssertionError("unreachable")

    def _once(self, url: str, etag: str | None, last_modified: str | None,
              max_bytes: int, budget: _Budget) -> Response | str:
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip", "Accept": "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.throttle.wait(url)
        deadline = budget.deadline()
        try:
            with self._opener.open(_DeadlineRequest(url, headers, deadline),
                                   timeout=self.timeout) as resp:
                if deadline.closed_by_server:  # http.client takes the end of the stream for
                    raise FetchError(            # the blank line that ends the headers
                        "connection closed by the server before the end of the headers",
                        transient=True)
                return self._answer(url, resp, max_bytes)
        except FetchError:
            raise
        except urllib.error.URLError as e:
            raise _network_error(e.reason, budget, deadline) from None
        except (OSError, http.client.HTTPException, ValueError) as e:
            raise _network_error(e, budget, deadline) from None
        finally:
            deadline.close()

    def _answer(self, url: str, resp: http.client.HTTPResponse, max_bytes: int) -> Response | str:
        status, headers = resp.status, resp.headers
        if status in REDIRECT_STATUSES:
            location = headers.get("Location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location", status)
            return location
        if status != 304 and not 200 <= status < 300:
            raise _status_error(status, resp.reason, headers)
        try:
            body = b"" if status == 304 else _read_body(resp, max_bytes)
        except FetchError as e:
            if not e.transient:
                e.status = status  # an answer trying again will not change: "page too large"
            raise
        return Response(url=url, final_url=url, status=status, body=body,
                        content_type=headers.get_content_type() if headers.get("Content-Type")
                        else "", charset=headers.get_content_charset(),
                        etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"))


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip ``data``, failing with "page too large" past ``max_bytes``."""
    decoder = zlib.decompressobj(_GZIP_WBITS)
    try:
        out = decoder.decompress(data, max_bytes + 1)
    except zlib.error as e:
        raise FetchError(f"invalid gzip data: {e}") from None
    if len(out) > max_bytes or decoder.unconsumed_tail:
        raise _too_large(max_bytes)
    return out


def _read_body(resp: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The body, gzip-decoded, read in chunks; stops past ``max_bytes``.

    The deadline is the connection's: every read of the socket ends by it."""
    length = resp.headers.get("Content-Length", "")
    gzipped = resp.headers.get("Content-Encoding", "").lower() in ("gzip", "x-gzip")
    if length.isdigit() and int(length) > max_bytes and not gzipped:
        raise _too_large(max_bytes)  # refused before a byte of the body is read
    decoder = zlib.decompressobj(_GZIP_WBITS) if gzipped else None
    parts, size = [], 0
    while chunk := resp.read(CHUNK_BYTES):
        if decoder is not None:
            try:
                chunk = decoder.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as e:
                raise FetchError(f"invalid gzip data: {e}") from None
            if decoder.unconsumed_tail:
                raise _too_large(max_bytes)
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        parts.append(chunk)
    return b"".join(parts)


def _too_large(max_bytes: int) -> FetchError:
    return FetchError(f"page too large (more than {format_size(max_bytes)}; see --max-bytes)")


def _status_error(status: int, reason: str, headers: Message) -> FetchError:
    transient = status >= 500 or status in TRANSIENT_STATUSES
    retry_after = headers.get("Retry-After", "").strip()  # HTTP dates are rare: not read
    return FetchError(f"HTTP {status} {reason}".rstrip(), status, transient,
                      float(retry_after) if transient and retry_after.isdigit() else None)


def _network_error(reason: object, budget: _Budget, deadline: _Deadline) -> FetchError:
    """A FetchError for a socket-level failure, transient unless retrying cannot help."""
    if isinstance(reason, (TimeoutError, socket.timeout)):
        if deadline.passed:
            return FetchError(f"timed out after {budget.limit:g} s in all "
                              f"({DEADLINE_TIMEOUTS} × --timeout)", transient=True)
        return FetchError(f"timed out after {budget.timeout:g} s", transient=True)
    if isinstance(reason, socket.gaierror):
        return FetchError("cannot resolve the host name")
    if isinstance(reason, ssl.SSLError):
        return FetchError(f"TLS error: {getattr(reason, 'reason', None) or reason}")
    if isinstance(reason, ConnectionRefusedError):
        return FetchError("connection refused", transient=True)
    if isinstance(reason, (ConnectionError, http.client.IncompleteRead,
                           http.client.RemoteDisconnected)):
        return FetchError("connection reset or closed by the server", transient=True)
    if isinstance(reason, (ValueError, http.client.InvalidURL)):
        return FetchError(f"invalid URL: {reason}")
    if isinstance(reason, http.client.HTTPException):
        return FetchError(f"invalid HTTP response ({type(reason).__name__})")
    if isinstance(reason, OSError):
        return FetchError(f"network error: {reason.strerror or reason}", transient=True)
    return FetchError(f"network error: {reason}", transient=True)
