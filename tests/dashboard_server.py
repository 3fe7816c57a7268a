"""The dashboard's test server: a store of the project's test articles served by the real app.

Used by tests/test_dashboard.py and scripts/screenshots.py. The store holds the articles of
``tests/corpus/events`` (many outlets reporting the same operations) and ``tests/corpus/ar``,
extracted by the real pipeline and resolved into canonical events, plus one hostile article
whose title, text, outlet and URL carry markup that must render inert.
"""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

from marsad.evaluation import load_corpus
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.store import Store

HERE = Path(__file__).parent
CORPORA = (HERE / "corpus" / "events", HERE / "corpus" / "ar")

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_ID = "xss_01"
HOSTILE_TITLE = f"تفكيك خلية إرهابية بوجدة {SCRIPT} {IMG}"
HOSTILE = Document(
    id=HOSTILE_ID,
    title=HOSTILE_TITLE,
    published="2024-06-11",
    lang="ar",
    url="javascript:alert(1)",
    outlet="<b onmouseover=alert(1)>outlet</b>",
    text=(
        f"{HOSTILE_TITLE}\n\n"
        "أعلن المكتب المركزي للأبحاث القضائية، اليوم الثلاثاء، عن تفكيك خلية إرهابية موالية لتنظيم «داعش» "
        "تتكون من ثلاثة متطرفين تتراوح أعمارهم ما بين 22 و31 سنة، ينشطون بمدينة وجدة. "
        f"وكتب أحد الموقوفين على حسابه {IMG} ثم {SCRIPT} قبل توقيفه، "
        "وحجزت عناصر الأمن أسلحة بيضاء وأجهزة إلكترونية.\n"
    ),
)


def documents(hostile: bool = True) -> list[Document]:
    docs: list[Document] = []
    for folder in CORPORA:
        docs.extend(load_corpus(folder)[0])
    if hostile:
        docs.append(HOSTILE)
    return docs


def build_store(path: str | Path, hostile: bool = True) -> Path:
    """Extract, store and resolve the test articles into a new SQLite store at ``path``."""
    path = Path(path)
    with Store(str(path)) as store:
        for doc in documents(hostile):
            store.add(doc, extract(doc))
            store.resolve([doc.id])
    return path


class DashboardServer:
    """``create_app(db, token=token)`` served by uvicorn in a thread on a free loopback port.

        with DashboardServer(db) as server:
            server.url  # http://127.0.0.1:PORT
    """

    def __init__(self, db_path: str | Path, token: str | None = None):
        self.db_path = str(db_path)
        self.token = token  # a writable app (corrections) when given
        self.url = ""
        self._server = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "DashboardServer":
        import uvicorn

        from marsad.server.app import create_app

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(create_app(self.db_path, token=self.token), log_level="warning", access_log=False,
                                lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name="marsad-dashboard-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the dashboard server did not start")
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)


BROWSER = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def offline(context) -> list[str]:
    """Abort every request of a browser context that does not go to 127.0.0.1 (the dashboard
    must work with the network off); returns the list the blocked URLs are appended to."""
    from urllib.parse import urlsplit

    blocked: list[str] = []

    def handle(route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handle)
    return blocked
