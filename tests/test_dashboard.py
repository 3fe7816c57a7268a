"""The dashboard of ``marsad serve`` in headless Chromium, against the real app, offline.

A store of the project's test articles (plus one hostile article) is served by
``marsad.server.app.create_app`` on a free loopback port; Debian's chromium is driven by
Playwright with every non-loopback request aborted. Any console error, failed request,
HTTP error or JavaScript dialog fails the test. Screenshots are kept as test artifacts
(in ``$MARSAD_TEST_ARTIFACTS`` when set, else a pytest temporary folder; the path is printed).
"""
from __future__ import annotations

import json
import os
import re
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from marsad.store import Store

from dashboard_server import (BROWSER, BROWSER_ARGS, HOSTILE_ID, IMG, SCRIPT, DashboardServer,
                              build_store, offline)

if not Path(BROWSER).exists():
    pytest.skip(f"{BROWSER} not installed (apt-get install chromium): browser tests skipped",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright not installed: browser tests skipped")
pytest.importorskip("uvicorn", reason="uvicorn not installed: browser tests skipped")

TIMEOUT = 10_000  # ms, for any one wait


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("dashboard") / "marsad.db")
    with DashboardServer(db) as s:
        yield s


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory):
    folder = Path(os.environ.get("MARSAD_TEST_ARTIFACTS") or tmp_path_factory.mktemp("dashboard-screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\ndashboard screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=BROWSER, args=BROWSER_ARGS)
        yield b
        b.close()


def api(server, path: str) -> dict:
    """GET a JSON API path straight from the server (no proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(server.url + path, timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


class Dash:
    """One browser page on the dashboard, offline, recording everything that goes wrong."""

    def __init__(self, browser, server, artifacts, width=1280, height=900):
        self.server = server
        self.artifacts = artifacts
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.set_default_timeout(TIMEOUT)
        self.blocked = offline(self.context)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        p = self.page
        p.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        p.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        p.on("requestfailed", self._failed)
        p.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        p.on("dialog", self._dialog)

    def _failed(self, request):
        # net::ERR_ABORTED: the browser cancelled it because the test navigated on (a favicon
        # or a fetch still in flight); requests the offline route aborts are in self.blocked
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} {request.failure}")

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def goto(self, path: str):
        self.page.goto(self.server.url + path)
        self.ready()
        return self.page

    def ready(self):
        """Wait until the page (or its refresh) has rendered: <main aria-busy="false">."""
        self.page.wait_for_selector("main[aria-busy=false]", state="attached")

    def query(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.page.url).query).items()}

    def shot(self, name: str):
        self.page.screenshot(path=str(self.artifacts / f"{name}.png"), full_page=True)

    def assert_clean(self):
        assert not self.blocked, f"requests off loopback: {self.blocked}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"
        assert not self.problems, "\n".join(self.problems)

    def close(self):
        self.context.close()


@pytest.fixture
def dash(browser, server, artifacts):
    d = Dash(browser, server, artifacts)
    yield d
    d.close()


def count(page, selector: str) -> int:
    return page.locator(selector).count()


def count_value(page, key: str) -> int:
    return int(re.sub(r"\D", "", page.inner_text(f"#count-{key} .count-value")) or 0)


# --- overview ---------------------------------------------------------------------------

def test_overview_draws_map_timeline_counts_and_lists(dash, server):
    page = dash.goto("/")
    stats = api(server, "/api/stats")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert count_value(page, "events") == stats["events"]
    assert count_value(page, "arrested") == stats["arrested"]
    # the map: both territories, the dashed border between them, one marker per town on it
    assert count(page, "svg.map path.area") == 2
    assert count(page, "svg.map path.border") == 1
    markers = count(page, "svg.map a.town circle")
    assert 5 <= markers <= len(stats["by_town"])
    title = page.locator("svg.map a.town title").first.text_content()
    assert re.search(r"\d", title)  # town name and counts
    # bigger arrested count, bigger marker (sqrt scale)
    radii = page.eval_on_selector_all(
        "svg.map a.town", "els => els.map(a => [a.dataset.place, +a.querySelector('circle').getAttribute('r')])")
    arrested = {t["place"]: t["arrested"] or 0 for t in stats["by_town"]}
    big, small = max(radii, key=lambda r: r[1]), min(radii, key=lambda r: r[1])
    assert arrested[big[0]] >= arrested[small[0]]
    # the timeline: stacked bars, and the lists
    assert count(page, "svg.timeline rect.bar") > 0
    # events whose reports name no month or day: a hollow bar over their interval's months each
    spans = sorted((r["start"], r["end"], r["type"], str(r["events"])) for r in stats["by_span"])
    drawn = page.eval_on_selector_all("svg.timeline rect.span", "els => els.map(e => "
                                      "[e.dataset.start, e.dataset.end, e.dataset.type, e.dataset.events])")
    assert spans and sorted(map(tuple, drawn)) == spans
    assert page.locator("svg.timeline rect.span title").first.text_content()
    assert count(page, "#timeline-spans") == 1
    assert count(page, "#top-orgs li") == min(10, len(stats["by_org"]))
    assert count(page, "#top-agencies li") == min(10, len(stats["by_agency"]))
    dash.shot("overview-ar")
    dash.assert_clean()


def test_a_filter_updates_url_counts_map_and_timeline(dash, server):
    page = dash.goto("/")
    total = api(server, "/api/stats")["events"]
    before_markers = count(page, "svg.map a.town")
    before_bars = count(page, "svg.timeline rect.bar")
    page.select_option("#f-type", "attack")
    page.wait_for_url(re.compile(r"[?&]type=attack"))
    dash.ready()
    page.wait_for_selector(".overview-results[data-query='type=attack']", state="attached")
    stats = api(server, "/api/stats?type=attack")
    assert 0 < stats["events"] < total
    assert count_value(page, "events") == stats["events"]
    types = set(page.eval_on_selector_all("svg.timeline rect.bar", "els => els.map(e => e.dataset.type)"))
    assert types == {"attack"}
    assert count(page, "svg.timeline rect.bar") < before_bars
    assert count(page, "svg.map a.town") < before_markers
    # back and forward through the history
    page.go_back()
    page.wait_for_selector(".overview-results[data-query='']", state="attached")
    dash.ready()
    assert "type" not in dash.query() and page.input_value("#f-type") == ""
    assert count_value(page, "events") == total
    page.go_forward()
    page.wait_for_selector(".overview-results[data-query='type=attack']", state="attached")
    dash.ready()
    assert count_value(page, "events") == stats["events"]
    # the URL is shareable: opening it afresh shows the same
    dash.goto(urlsplit(page.url).path + "?" + urlsplit(page.url).query)
    assert page.input_value("#f-type") == "attack"
    assert count_value(page, "events") == stats["events"]
    # a town on the map opens the events of that town, with the filters kept
    dash.goto("/?type=cell_dismantled")
    town = page.locator("svg.map a.town").last  # drawn last: nothing covers it
    place = town.get_attribute("data-place")
    town.click()
    page.wait_for_url(re.compile(r"/events\?"))
    dash.ready()
    assert dash.query().get("place") == place and dash.query().get("type") == "cell_dismantled"
    assert page.input_value("#f-place") == place
    rows = count(page, "table.events-table tbody tr")
    assert rows == min(25, api(server, f"/api/stats?type=cell_dismantled&place={place}")["events"])
    dash.shot("events-by-town")
    dash.assert_clean()


# --- events table -----------------------------------------------------------------------

def column(page, name: str) -> list[str]:
    return page.eval_on_selector_all(f"table.events-table tbody td.col-{name}", "els => els.map(e => e.textContent)")


def test_events_table_sorts_pages_and_exports(dash, server):
    page = dash.goto("/events?background=false")
    total = api(server, "/api/stats?background=false")["events"]
    assert total > 25, "the test store should need two pages"
    first_ids = page.eval_on_selector_all("table.events-table tbody tr", "els => els.map(e => e.dataset.id)")
    assert len(first_ids) == 25
    dates = [d for d in column(page, "date") if re.match(r"\d{4}", d)]
    assert dates and dates == sorted(dates, reverse=True)
    # sort by arrested, descending
    page.click("th.col-arrested a.sort")
    page.wait_for_url(re.compile(r"sort=-arrested"))
    dash.ready()
    values = [int(v) if v.isdigit() else -1 for v in (re.sub(r"\D", "", x) for x in column(page, "arrested"))]
    assert values == sorted(values, reverse=True) and values[0] > 0
    assert page.get_attribute("th.col-arrested", "aria-sort") == "descending"
    # ascending on a second click
    page.click("th.col-arrested a.sort")
    page.wait_for_url(re.compile(r"sort=arrested"))
    dash.ready()
    assert page.get_attribute("th.col-arrested", "aria-sort") == "ascending"
    # pages: next, then previous gives the first page back
    dash.goto("/events?background=false")
    assert page.get_attribute("a.prev", "aria-disabled") == "true"
    page.click("a.next")
    page.wait_for_url(re.compile(r"cursor="))
    dash.ready()
    second_ids = page.eval_on_selector_all("table.events-table tbody tr", "els => els.map(e => e.dataset.id)")
    assert second_ids and not set(second_ids) & set(first_ids)
    assert len(first_ids) + len(second_ids) == min(total, 50)
    page.click("a.prev")
    page.wait_for_url(lambda url: "cursor=" not in url or parse_qs(urlsplit(url).query).get("cursor") == [""])
    dash.ready()
    assert page.eval_on_selector_all("table.events-table tbody tr", "els => els.map(e => e.dataset.id)") == first_ids
    # export links carry the filters
    for fmt in ("csv", "json"):
        href = page.get_attribute(f"a.export-{fmt}", "href")
        assert href.startswith(f"/api/export.{fmt}?") and "background=false" in href
    # and so does the Atom feed's, labelled in the page's language
    feed = page.get_attribute("a.feed", "href")
    assert feed.startswith("/feeds/operations.atom?") and "background=false" in feed
    assert page.text_content("a.feed") == "خلاصة Atom"
    # every affiliation and agency pill on one line, however long its name
    heights = page.eval_on_selector_all(".events-table .chip", "els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and max(heights) - min(heights) < 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    dash.shot("events-ar")
    dash.assert_clean()


def test_events_table_is_a_list_of_cards_on_a_phone(browser, server, artifacts):
    d = Dash(browser, server, artifacts, width=390, height=800)
    try:
        page = d.goto("/events?lang=en")
        wrap = page.eval_on_selector(".table-wrap", "e => [e.scrollWidth, e.clientWidth]")
        assert wrap[0] <= wrap[1], "no sideways scrolling: a card per event"
        assert page.evaluate("document.documentElement.scrollWidth") <= 391
        cells = page.eval_on_selector_all(".events-table tbody tr:first-child td", """tds => tds.map(td => {
            const r = td.getBoundingClientRect();
            return [r.left, r.right, r.height, getComputedStyle(td, "::before").content]; })""")
        assert len(cells) == 9 and all(0 <= left and right <= 390 and height > 0 for left, right, height, _ in cells)
        labels = [c[3] for c in cells]
        assert '"Arrested"' in labels and '"Agencies"' in labels and labels[0] == "none", "values named, the date plain"
        assert [a.strip(" ▲▼") for a in page.locator(".events-table thead a.sort").all_inner_texts()] == ["Date", "Arrested", "Sources"]
        bcij = page.locator(".events-table .col-agencies abbr", has_text="BCIJ").first
        assert bcij.get_attribute("title") == "Central Bureau of Judicial Investigation (BCIJ)"
        d.shot("events-en-phone")
        d.goto("/?lang=en")
        assert count(page, "svg.map a.town") > 0
        d.shot("overview-en-phone")
        d.assert_clean()
    finally:
        d.close()


# --- event page -------------------------------------------------------------------------

def test_event_page_shows_fields_map_and_highlighted_evidence(dash, server):
    top = api(server, "/api/events?sort=-sources&limit=1")["items"][0]
    event = api(server, f"/api/events/{top['id']}")
    assert len(event["sources"]) > 1
    page = dash.goto(f"/events/{top['id']}")
    assert count(page, "svg.map path.area") == 2
    assert count(page, "svg.map a.town") >= 1
    assert count(page, "article.source") == len(event["sources"])
    for name in ("type", "date", "places", "arrested", "affiliation", "agencies", "seized", "id"):
        assert count(page, f".fields [data-field={name}]") == 1
    assert count(page, "#corrections, .do-merge, .do-split, .do-undo, #correction-token") == 0, \
        "a server without a token offers no corrections"
    for src in event["sources"]:
        card = page.locator(f"article.source[data-document='{src['document_id']}']")
        marks = card.locator("mark").all_text_contents()
        for ev in src["evidence"]:
            assert ev["text"] in marks, (src["document_id"], ev["text"])
        quotes = card.locator("blockquote.evidence")
        if src["evidence"] and src.get("lang") == "ar":
            assert quotes.first.get_attribute("dir") == "rtl"
        if src["evidence"] and src.get("lang") in ("en", "fr"):
            assert quotes.first.get_attribute("dir") == "ltr"
        link = card.locator("p.doc-link a").get_attribute("href")
        assert link.startswith(f"/documents/{quote(src['document_id'])}")
    dash.shot("event-ar")
    # an Arabic source's full document with its evidence highlighted
    src = next(s for s in event["sources"] if s["evidence"] and s.get("lang") == "ar")
    page.click(f"article.source[data-document='{src['document_id']}'] p.doc-link a")
    page.wait_for_url(re.compile(r"/documents/.*hl="))
    dash.ready()
    assert page.get_attribute("#doc-text", "dir") == "rtl"
    hl = page.locator("#doc-text mark.hl").all_text_contents()
    assert "".join(hl).replace("\n", "") and all(
        any(piece in ev["text"] for ev in src["evidence"]) for piece in hl)
    dash.assert_clean()


def test_unknown_event_shows_an_error_not_a_crash(dash):
    page = dash.goto("/events/ev-000000000000")
    assert count(page, ".error") == 1
    # the 404 of the API call is expected here, nothing else
    dash.problems = [p for p in dash.problems if "404" not in p and "Not Found" not in p]
    dash.assert_clean()


# --- language ---------------------------------------------------------------------------

def test_language_switch_keeps_the_page_and_filters(dash):
    page = dash.goto("/?type=cell_dismantled")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    ar_nav = page.inner_text("nav.nav")
    ar_title = page.inner_text("h1")
    option = "#f-type option[value=cell_dismantled]"
    ar_label = page.text_content(option)
    page.click("#lang-switch")
    page.wait_for_url(re.compile(r"lang=en"))
    dash.ready()
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
    assert dash.query().get("type") == "cell_dismantled"
    assert page.inner_text("h1") == "Overview" != ar_title
    assert "Events" in page.inner_text("nav.nav") and page.inner_text("nav.nav") != ar_nav
    assert page.input_value("#f-type") == "cell_dismantled"
    # vocabulary labels follow the language
    assert page.text_content(option) != ar_label
    # links keep the language
    page.click("nav.nav a[href^='/events']")
    page.wait_for_url(re.compile(r"/events\?.*lang=en"))
    dash.ready()
    assert page.inner_text("h1") == "Events"
    dash.shot("events-en")
    page.click("#lang-switch")
    page.wait_for_url(re.compile(r"lang=ar"))
    dash.ready()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    dash.assert_clean()


# --- claims, documents, search ----------------------------------------------------------

def test_claims_chart_table_and_figure_link_to_the_sentence(dash, server):
    claims = api(server, "/api/claims?metric=cells_dismantled&limit=500")["items"]
    assert claims
    page = dash.goto("/claims?metric=cells_dismantled")
    assert page.input_value("#metric") == "cells_dismantled"
    # each figure at the end of its own period (its year, month or span), else its publication day
    placed = [c for c in claims if c.get("period") or c.get("until") or c.get("published")]
    assert len(placed) > len([c for c in claims if c.get("published")]), "the test store has undated figures of a year"
    assert count(page, "svg.claims-chart a.point circle") == len(placed)
    assert count(page, "table.claims-table tbody tr") == len(claims)
    dash.shot("claims-ar")
    # a figure in the table opens the document with its sentence highlighted and in view
    row = page.locator("table.claims-table tbody tr").first
    claim = next(c for c in claims if str(c["id"]) == row.get_attribute("data-claim"))
    row.locator("a.figure").click()
    page.wait_for_url(re.compile(rf"/documents/{re.escape(quote(claim['document_id']))}\?.*hl="))
    dash.ready()
    start, end = claim["evidence"][0]
    assert dash.query()["hl"].split(",")[0] == f"{start}-{end}"
    doc = api(server, f"/api/documents/{quote(claim['document_id'])}")
    marked = "".join(page.locator("#doc-text mark.hl").all_text_contents())
    assert doc["text"][start:end] in marked or marked == doc["text"][start:end]
    page.wait_for_function(
        "() => { const r = document.querySelector('#doc-text mark.hl').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight + 1; }")
    # another metric
    dash.goto("/claims?metric=persons_arrested")
    assert page.input_value("#metric") == "persons_arrested"
    dash.assert_clean()


def test_search_marks_the_matches(dash, server):
    page = dash.goto("/search")
    page.fill("#q", "خلية")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?.*q="))
    dash.ready()
    results = api(server, "/api/search?limit=50&q=" + quote("خلية"))["items"]
    assert count(page, "li.result") == len(results) > 0
    assert count(page, "li.result .snippet mark") >= 1
    assert "⟦" not in page.inner_text("#results") and "⟧" not in page.inner_text("#results")
    page.locator("li.result h3 a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    dash.ready()
    assert page.inner_text("#doc-text")
    dash.assert_clean()


# --- security ---------------------------------------------------------------------------

def assert_inert(page):
    found = page.evaluate("""() => ({
        imgs: document.querySelectorAll('img').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
        scripts: [...document.scripts].map(s => s.getAttribute('src')),
        jsLinks: document.querySelectorAll('a[href^="javascript" i]').length,
    })""")
    assert found == {"imgs": 0, "handlers": 0, "scripts": ["/static/app.js"], "jsLinks": 0}, found


def test_hostile_article_renders_inert(dash, server):
    doc = api(server, f"/api/documents/{HOSTILE_ID}")
    assert doc["events"], "the hostile article reports an event"
    event_id = doc["events"][0]["id"]
    pages = [f"/documents/{HOSTILE_ID}", f"/events/{event_id}", "/events?place=oujda",
             "/search?q=" + quote("وجدة"), "/events?place=oujda&lang=en"]
    for path in pages:
        page = dash.goto(path)
        assert_inert(page)
        text = page.inner_text("main")
        assert SCRIPT in text and IMG in text, path
    page = dash.goto("/?place=oujda")
    assert_inert(page)
    dash.shot("hostile-document")
    assert not dash.dialogs
    dash.assert_clean()


def test_highlighting_handles_astral_characters_and_overlaps(dash):
    page = dash.goto("/search")
    out = page.evaluate("""async () => {
        const d = await import('/static/js/dom.js');
        const text = 'a😀b خلية c';            // Python offsets count the emoji as one character
        const at = d.offsetMapper(text);
        const frag = d.highlighted(text, [{start: at(2), end: at(3), cls: 'hl'},
                                          {start: at(4), end: at(8), cls: 'ev'},
                                          {start: at(6), end: at(10), cls: 'cl'}]);
        const div = document.createElement('div'); div.appendChild(frag);
        const snip = document.createElement('p');
        snip.appendChild(d.markedSnippet('x ⟦<b>y</b>⟧ z'));
        return {marks: [...div.querySelectorAll('mark')].map(m => [m.textContent, m.className]),
                text: div.textContent, snippet: snip.innerHTML,
                inside: d.offsetMapper('😀')(1) };
    }""")
    assert out["text"] == "a😀b خلية c"
    assert out["marks"] == [["b", "hl"], ["خل", "ev"], ["ية", "ev cl"], [" c", "cl"]]
    assert out["snippet"] == "x <mark>&lt;b&gt;y&lt;/b&gt;</mark> z"
    assert out["inside"] == 2
    dash.assert_clean()


# --- figures checked --------------------------------------------------------------------

def test_checks_view_charts_the_series_and_highlights_a_conflict(dash, server):
    data = api(server, "/api/checks?metric=cells_dismantled&figures=all&limit=1000")
    conflicts = [c for c in data["checks"] if c["verdict"] == "conflict"]
    assert conflicts, "the test store holds two figures that cannot both be true"
    page = dash.goto("/checks?metric=cells_dismantled")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    series = page.input_value("#series")

    def in_series(f):
        if not (f["start"] and f["end"]):
            return False
        one_year = f["start"][:4] == f["end"][:4] and f["start"].endswith("-01-01") and f["end"].endswith("-12-31")
        return ("year" if one_year else f["start"]) == series

    shown = [f for f in data["figures"] if in_series(f)]
    assert shown and count(page, "svg.checks-chart a.point circle") == len(shown)
    assert count(page, "svg.checks-chart .record-line circle") >= 1  # the record's own count
    # every comparison in the table, conflicts first and marked
    assert count(page, "table.checks-table tbody tr") == len(data["checks"])
    first = page.locator("table.checks-table tbody tr").first
    assert first.get_attribute("data-verdict") == "conflict"
    assert count(page, "table.checks-table tbody tr.conflict .verdict-conflict") == len(conflicts)
    in_conflict = {i for c in conflicts for i in c["claim_ids"]}
    ringed = {int(x) for x in page.locator("svg.checks-chart a.point.conflict").evaluate_all(
        "els => els.map(e => e.getAttribute('data-claim'))")}
    assert ringed == {f["claim_id"] for f in shown if f["claim_id"] in in_conflict}
    dash.shot("checks-ar")
    # a figure of the conflict opens its sentence
    first.locator("td.figures a").first.click()
    page.wait_for_url(re.compile(r"/documents/.+\?.*hl="))
    dash.ready()
    assert count(page, "#doc-text mark.hl") >= 1
    # English, left to right
    page = dash.goto("/checks?metric=cells_dismantled&lang=en")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.inner_text("h1") == "Figures checked"
    assert "conflict" in page.inner_text("table.checks-table tbody tr >> nth=0")
    dash.shot("checks-en")
    # a series the store does not hold: the first one instead
    page = dash.goto("/checks?metric=cells_dismantled&series=1990-01-01")
    assert page.input_value("#series") == series
    assert count(page, "svg.checks-chart a.point circle") == len(shown)
    dash.assert_clean()


def test_counts_take_the_plural_form_of_each_language(dash, server):
    """«1 event», not «1 events»; Arabic's own forms: one, two, few (3-10), many."""
    by_count = {}
    for town in api(server, "/api/stats")["by_town"]:
        by_count.setdefault(town["events"], town["place"])
    assert 1 in by_count and any(n > 2 for n in by_count), by_count
    several = next(n for n in sorted(by_count) if n > 2)
    expected = {("en", 1): "1 event matches", ("en", several): f"{several} events match",
                ("ar", 1): "عملية واحدة تطابق"}
    if 2 in by_count:
        expected[("ar", 2)] = "عمليتان تطابقان"
    for (lang, n), words in expected.items():
        page = dash.goto(f"/events?place={by_count[n]}&lang={lang}")
        page.wait_for_selector("#events-summary")
        assert words in page.inner_text("#events-summary"), (lang, n)
    dash.assert_clean()


def test_towns_off_the_map_are_told_apart_from_towns_without_coordinates(dash, server):
    towns = api(server, "/api/stats")["by_town"]
    unplaced = {t["place"] for t in towns if t["lat"] is None}
    assert unplaced, "the test store has towns the gazetteer has no coordinates for"
    page = dash.goto("/?lang=en")
    page.wait_for_selector("#map .note.unplaced")
    note = page.locator("#map .note.unplaced")
    assert note.inner_text().startswith("No coordinates:")
    linked = {parse_qs(urlsplit(a).query)["place"][0]
              for a in note.locator("a").evaluate_all("as => as.map(a => a.href)")}
    assert linked == unplaced
    outside = page.locator("#map .note.outside")
    assert outside.inner_text().startswith("Outside the map:") and not unplaced & {
        parse_qs(urlsplit(a).query)["place"][0] for a in outside.locator("a").evaluate_all("as => as.map(a => a.href)")}
    dash.assert_clean()


def test_figures_of_one_year_sit_at_its_end_running_totals_apart_and_subsets_in_words(dash, server):
    claims = api(server, "/api/claims?metric=cells_dismantled&limit=500")["items"]
    yearly = [c for c in claims if c.get("period") and len(c["period"]) == 4 and not c.get("since")]
    assert yearly
    page = dash.goto("/claims?metric=cells_dismantled&kind=period&lang=en")
    assert page.input_value("#kind") == "period"
    titles = page.locator("svg.claims-chart a.point title").all_text_contents()
    assert any(f"{c['period']}-12-31:" in t for c in yearly for t in titles)
    shown = [c for c in claims if (c.get("period") or c.get("until")) and not c.get("since")]
    assert count(page, "table.claims-table tbody tr") == len(shown)
    page = dash.goto("/claims?metric=cells_dismantled&kind=running&lang=en")
    assert count(page, "table.claims-table tbody tr") == len([c for c in claims if c.get("since")])
    subsets = page.locator("table.claims-table .tag.subset").all_text_contents()
    assert "isis-linked" not in subsets and "fay-wa-istihlal" not in subsets
    dash.assert_clean()


def test_hovering_or_focusing_a_value_marks_its_own_words(dash, server):
    """The document page lists each event's values, the operation page each source's; hovering
    one (or reaching it by keyboard) marks the words it was read from, and only those (issue 17
    item 1)."""
    top = api(server, "/api/events?sort=-sources&limit=1")["items"][0]
    src = api(server, f"/api/events/{top['id']}")["sources"][0]
    doc = api(server, f"/api/documents/{quote(src['document_id'])}")
    values = [v for ev in doc["events"] for v in ev["values"]]
    assert values, doc["events"]
    page = dash.goto(f"/documents/{quote(src['document_id'])}")
    chips = page.locator("button.value-chip")
    assert chips.count() == len(values) + sum(len(c["spans"]) for c in doc["claims"])
    assert count(page, "#doc-text mark.lit") == 0
    for k in (0, len(values) - 1):
        a, b = values[k]["span"]
        chips.nth(k).hover()
        assert "".join(page.locator("#doc-text mark.lit").all_text_contents()) == doc["text"][a:b]
    page.mouse.move(0, 0)
    assert count(page, "#doc-text mark.lit") == 0
    chips.nth(0).focus()  # the keyboard reaches the same marks
    a, b = values[0]["span"]
    assert "".join(page.locator("#doc-text mark.lit").all_text_contents()) == doc["text"][a:b]
    dash.shot("document-value-words")
    # the operation page: each source's values light their words in its quotes
    event = api(server, f"/api/events/{top['id']}")
    page = dash.goto(f"/events/{top['id']}")
    for src in event["sources"]:
        inside = [(v, e) for v in src["values"] for e in src["evidence"] if e["start"] <= v["span"][0] and v["span"][1] <= e["end"]]
        card = page.locator(f"article.source[data-document='{src['document_id']}']")
        assert card.locator("button.value-chip").count() == len(inside)
        if inside:
            (v, e), chip = inside[-1], card.locator("button.value-chip").last
            chip.hover()
            assert "".join(card.locator("mark.lit").all_text_contents()) == \
                e["text"][v["span"][0] - e["start"]:v["span"][1] - e["start"]]
    dash.shot("event-value-words")
    # an undated operation's page shows the interval it is known to lie in (issue 17 item 2)
    undated = next(e for e in api(server, "/api/events?limit=500")["items"] if not e["date"] and e.get("date_earliest"))
    page = dash.goto(f"/events/{undated['id']}")
    shown = page.inner_text(".fields [data-field=date]")
    assert undated["date_earliest"] in shown and undated["date_latest"] in shown, shown
    dash.assert_clean()


# --- corrections (issue 17 item 7) -------------------------------------------------------------

TOKEN = "dash-token-7f3a"


@pytest.fixture(scope="module")
def writable(server, tmp_path_factory):
    """The app with a token over a copy of the test store (the corrections change it)."""
    import sqlite3
    db = tmp_path_factory.mktemp("writable") / "marsad.db"
    with sqlite3.connect(server.db_path) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with DashboardServer(db, token=TOKEN) as s:
        yield s


def merge_pair(server) -> tuple[dict, dict]:
    """Two small operations of one town that share no report (merged, then split apart again)."""
    events = api(server, "/api/events?limit=200&sort=sources")["items"]
    for a in events:
        docs = {s["document_id"] for s in a["sources"]}
        for b in events:
            if (b["id"] != a["id"] and set(a["places"]) & set(b["places"]) and len(b["sources"]) >= 2
                    and not docs & {s["document_id"] for s in b["sources"]}):
                return api(server, f"/api/events/{a['id']}"), api(server, f"/api/events/{b['id']}")
    raise AssertionError("no two operations of one town with different reports in the test store")


def test_corrections_merge_split_and_undo_from_the_page(browser, writable, artifacts):
    a, b = merge_pair(writable)
    d = Dash(browser, writable, artifacts)
    urls: list[str] = []
    writes: list[tuple[str, str | None]] = []
    d.page.on("request", lambda r: (urls.append(r.url), r.method == "POST" and writes.append((r.url, r.headers.get("authorization")))))
    try:
        page = d.goto(f"/events/{a['id']}?lang=en")
        assert count(page, "#corrections #correction-token") == 1 and count(page, ".do-merge, .do-split, .do-undo") == 0
        page.fill("#correction-token", TOKEN)
        page.click("#corrections .token-form button")
        page.wait_for_selector("#corrections .do-merge")
        assert count(page, "#corrections .candidates li[data-id]") >= 1, "nearby operations are offered"
        assert "No correction to undo" in page.text_content("#corrections .undo")
        # merge: find the other operation by its id, pick it, merge
        page.fill("#merge-search", b["id"])
        page.click("#corrections .merge-search button")
        page.check(f"#corrections .candidates li[data-id='{b['id']}'] input[type=radio]")
        page.click("#corrections .do-merge")
        page.wait_for_selector(".correction-status.ok >> text=Merged into one operation")
        d.ready()
        merged = api(writable, f"/api/events/{urlsplit(page.url).path.rsplit('/', 1)[1]}")
        assert set(a["mention_keys"]) | set(b["mention_keys"]) == set(merged["mention_keys"])
        assert count(page, "article.source") == len(a["sources"]) + len(b["sources"])
        # split: tick the other operation's reports
        for src in b["sources"]:
            page.check(f"#corrections .reports input[value='{src['document_id']}']")
        page.click("#corrections .do-split")
        page.wait_for_selector(".correction-status.ok >> text=now a separate operation")
        d.ready()
        alone = page.get_attribute(".correction-status.ok a.event-id", "href").split("?")[0].rsplit("/", 1)[1]
        assert set(api(writable, f"/api/events/{alone}")["mention_keys"]) == set(b["mention_keys"])
        rest = urlsplit(page.url).path.rsplit("/", 1)[1]
        assert set(api(writable, f"/api/events/{rest}")["mention_keys"]) == set(a["mention_keys"])
        # undo twice: the split, then the merge
        assert "split of" in page.text_content("#corrections .last-correction")
        page.click("#corrections .do-undo")
        page.wait_for_selector(".correction-status.ok >> text=Undone: split of")
        d.ready()
        assert set(api(writable, f"/api/events/{merged['id']}")["mention_keys"]) == set(merged["mention_keys"])
        page.click("#corrections .do-undo")
        page.wait_for_selector(".correction-status.ok >> text=Undone: merge of")
        d.ready()
        for ev in (a, b):
            assert api(writable, f"/api/events/{ev['id']}")["mention_keys"] == ev["mention_keys"]
        # the same panel in Arabic, the token still known to this tab
        d.goto(f"/events/{a['id']}?lang=ar")
        assert page.text_content("#corrections h2") == "التصحيحات"
        assert page.text_content("#corrections .do-merge") == "الدمج مع العملية المختارة"
        assert "لا يوجد تصحيح للتراجع عنه" in page.text_content("#corrections .undo"), "both were undone"
        assert "corrections." not in page.text_content("#corrections"), "every string is translated"
        page.locator("#corrections").screenshot(path=str(artifacts / "corrections-ar.png"))
        d.assert_clean()
    finally:
        d.close()
    assert not any(TOKEN in u for u in urls), "the token never travels in a URL"
    assert [w for w in writes if "/api/" in w[0]] and all(auth == f"Bearer {TOKEN}" for url, auth in writes if "/api/" in url)
    with Store(writable.db_path, create=False) as store:
        log = [r for r in store.revisions() if r["who"] == "analyst"]
        assert [c["kind"] for c in store.corrections()] == ["split", "merge"]
    assert {"merged", "split", "deleted"} <= {r["action"] for r in log}
