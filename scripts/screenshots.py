"""Write the dashboard screenshots committed under docs/.

    python scripts/screenshots.py                 # a store of the test articles, built in a temp dir
    python scripts/screenshots.py --db marsad.db  # or any store
    python scripts/screenshots.py --out /tmp/shots

Serves the store with the real app (``marsad.server.app.create_app``) on a free loopback
port and photographs it in Debian's headless chromium (Playwright, no browser download),
offline: docs/overview.png, docs/overview-en.png, docs/events.png, docs/event-ar.png (the
news operation with most sources whose first source is Arabic) and docs/claims.png.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from dashboard_server import BROWSER, BROWSER_ARGS, DashboardServer, build_store, offline  # noqa: E402


def api(url: str) -> dict:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


def shoot(db: Path, out: Path, width: int = 1280) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with DashboardServer(db) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=BROWSER, args=BROWSER_ARGS)
        context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
        blocked = offline(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))

        # the event page: the news operation with most sources whose first source is in Arabic
        ranked = api(f"{server.url}/api/events?background=false&sort=-sources&limit=50")["items"]
        top = [e for e in ranked if any("\u0600" <= ch <= "\u06ff" for ch in e.get("title") or "")] or ranked
        shots = [("overview.png", "/?lang=ar", True), ("overview-en.png", "/?lang=en", True),
                 ("events.png", "/events?lang=ar", False), ("claims.png", "/claims?lang=ar&metric=cells_dismantled", False)]
        if top:
            shots.insert(1, ("event-ar.png", f"/events/{top[0]['id']}?lang=ar", False))
        for name, path, full in shots:
            page.goto(server.url + path)
            page.wait_for_selector("main[aria-busy=false]", state="attached", timeout=15000)
            page.wait_for_timeout(200)
            target = out / name
            # long pages: the first screens only, to keep the files small
            height = page.evaluate("document.documentElement.scrollHeight")
            page.screenshot(path=str(target), full_page=True,
                            clip=None if full else {"x": 0, "y": 0, "width": width, "height": min(height, 1500)})
            written.append(target)
        browser.close()
    if blocked or errors:
        raise SystemExit(f"screenshots: blocked {blocked}, errors {errors}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to show (default: the test articles)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)
    if not Path(BROWSER).exists():
        print(f"{BROWSER} not found: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(Path(tmp) / "marsad.db", hostile=False)
        for path in shoot(db, args.out, args.width):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
