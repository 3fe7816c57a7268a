"""A real HTTP server on 127.0.0.1 for the crawler's tests (http.server in a thread).

``Site`` serves what a test puts on it: static resources (with optional ETag /
Last-Modified that answer conditional requests with 304) or handler functions,
and records every request (path and headers) so tests can assert what was, and
was not, requested. ``SlowSite`` is a raw server that answers a byte at a time
(deadline tests). Also builds article pages, RSS/Atom feeds and sitemaps.
"""
from __future__ import annotations

import html
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"
Answer = tuple[int, dict[str, str], bytes]


class Site:
    """Start with ``with Site() as site:``; ``site.url("/feed")`` is an absolute URL."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], Answer]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with site._lock:
                    site.requests.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path)
                status, headers, body = route(self) if route else (404, {}, b"not found")
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    if value is not None:
                        self.send_header(name, value)
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that timed out and left: expected in these tests

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.01,),
                                        daemon=True)  # poll often: fast shutdown

    def __enter__(self) -> "Site":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            etag: str | None = None, last_modified: str | None = None, status: int = 200,
            headers: dict[str, str] | None = None) -> None:
        """Serve ``body`` at ``path``; with validators, conditional requests get a 304."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        def answer(request: BaseHTTPRequestHandler) -> Answer:
            extra = {"Content-Type": content_type, "ETag": etag, "Last-Modified": last_modified,
                     **(headers or {})}
            if (etag and request.headers.get("If-None-Match") == etag) or (
                    last_modified and request.headers.get("If-Modified-Since") == last_modified):
                return 304, {"ETag": etag, "Last-Modified": last_modified}, b""
            return status, extra, data

        self.routes[path] = answer

    def route(self, path: str, handler: Callable[[BaseHTTPRequestHandler], Answer]) -> None:
        self.routes[path] = handler

    def count(self, path: str) -> int:
        return Counter(p for p, _ in self.requests)[path]

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]


class SlowSite:
    """A raw HTTP server on 127.0.0.1 that answers a byte at a time, as a hostile host does.

    ``/trickle-body``: the headers at once, then the body one byte every ``interval``;
    ``/trickle-headers``: a status line and header lines one byte every ``interval``, never
    ending; ``/trickle-redirect/N``: a redirect to ``/trickle-redirect/N+1`` sent over about
    ``hop_seconds``; ``/no-headers``: a status line, then the connection is closed; anything
    else: 404. Every answer stops after ``limit`` seconds, so a client that does not give up
    still ends (and its test fails on the time or the message, instead of hanging). With
    ``tls`` (a server context) it speaks HTTPS.
    """

    def __init__(self, interval: float = 0.05, hop_seconds: float = 1.0, limit: float = 30.0,
                 tls: ssl.SSLContext | None = None):
        self.interval, self.hop_seconds, self.limit = interval, hop_seconds, limit
        self.tls = tls
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> "SlowSite":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._server.close()

    def url(self, path: str) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        if self.tls is not None:
            try:
                conn = self.tls.wrap_socket(conn, server_side=True)
            except OSError:
                conn.close()
                return
        with conn:
            request = b""
            while b"\r\n\r\n" not in request and len(request) < 65536:
                data = conn.recv(4096)
                if not data:
                    return
                request += data
            path = request.split(b" ", 2)[1].decode("ascii", "replace")
            try:
                self._route(conn, path)
            except OSError:
                pass  # the client gave up: what a client with a deadline does

    def _route(self, conn: socket.socket, path: str) -> None:
        if path == "/trickle-body":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                         b"Content-Length: 100000\r\nConnection: close\r\n\r\n")
            self._trickle(conn, b"<p>" + b"a" * 99_996 + b"</p>", self.interval)
        elif path == "/trickle-headers":
            lines = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Slow-%d: 1\r\n" % i for i in range(10**5))
            self._trickle(conn, lines, self.interval)
        elif path.startswith("/trickle-redirect/"):
            n = int(path.rsplit("/", 1)[1])
            answer = (b"HTTP/1.1 302 Found\r\nLocation: /trickle-redirect/%d\r\n"
                      b"Content-Length: 0\r\nConnection: close\r\n\r\n" % (n + 1))
            self._trickle(conn, answer, self.hop_seconds / len(answer))
        elif path == "/no-headers":
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
        else:
            conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                         b"Connection: close\r\n\r\n")

    def _trickle(self, conn: socket.socket, data: bytes, interval: float) -> None:
        end = time.monotonic() + self.limit
        for i in range(len(data)):
            if self._stop.is_set() or time.monotonic() > end:
                return
            conn.sendall(data[i:i + 1])
            time.sleep(interval)


# -- content --------------------------------------------------------------------------------

def corpus_texts(limit: int | None = None) -> list[tuple[str, str, str]]:
    """``(name, lang, text)`` of the project's own test articles, sorted by name."""
    files = sorted(CORPUS.glob("*/*.txt"))[:limit]
    return [(f.stem, f.parent.name, f.read_text(encoding="utf-8")) for f in files]


def article_page(text: str, lang: str = "ar", published: str | None = None) -> str:
    """An HTML news page around an article: its first line is the headline."""
    title, _, body = text.strip().partition("\n")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>{meta}</head><body>"
            '<nav><a href="/">home</a> <a href="/category/sport">sport</a></nav>'
            f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
            "<footer>© the newspaper</footer></body></html>")


def rss(urls: list[str], dates: list[str | None] | None = None) -> str:
    dates = dates or [None] * len(urls)
    items = "".join(f"<item><title>t{i}</title><link>{html.escape(u)}</link>"
                    + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>"
                    for i, (u, d) in enumerate(zip(urls, dates)))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>news</title>{items}</channel></rss>")


def atom(urls: list[str]) -> str:
    entries = "".join(f'<entry><title>t{i}</title><link rel="alternate" href="{html.escape(u)}"/>'
                      f'<link rel="enclosure" href="/img{i}.jpg"/>'
                      f"<published>2024-05-0{i % 9 + 1}T10:00:00Z</published></entry>"
                      for i, u in enumerate(urls))
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'


def sitemap(urls: list[str], news_dates: list[str] | None = None) -> str:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    news_ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news_dates else ""
    entries = ""
    for i, u in enumerate(urls):
        news = (f"<news:news><news:publication><news:name>X</news:name></news:publication>"
                f"<news:publication_date>{news_dates[i]}</news:publication_date></news:news>"
                if news_dates else "")
        entries += f"<url><loc>{html.escape(u)}</loc>{news}</url>"
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {ns}{news_ns}>{entries}</urlset>'


def sitemap_index(urls: list[str]) -> str:
    entries = "".join(f"<sitemap><loc>{html.escape(u)}</loc></sitemap>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
            "</sitemapindex>")


SPORT = ("الرجاء يفوز على الوداد في ديربي الدار البيضاء\n"
         "فاز فريق الرجاء الرياضي على غريمه الوداد بهدفين مقابل هدف واحد في المباراة التي "
         "جرت مساء أمس بملعب محمد الخامس بالدار البيضاء، أمام جمهور غفير.\n"
         "وسجل هدفي الرجاء المهاجم الشاب في الشوط الثاني، فيما قلص الوداد الفارق في الدقائق "
         "الأخيرة من المباراة.\n")
