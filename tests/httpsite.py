"""A real HTTP server on 127.0.0.1 for the crawler's tests (http.server in a thread).

``Site`` serves what a test puts on it: static resources (with optional ETag /
Last-Modified that answer conditional requests with 304) or handler functions,
and records every request (path and headers) so tests can assert what was, and
was not, requested. Also builds article pages, RSS/Atom feeds and sitemaps.
"""
from __future__ import annotations

import html
import threading
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
