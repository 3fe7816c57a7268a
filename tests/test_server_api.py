"""The JSON API of ``marsad serve`` (marsad.server) on a real store built from the project's articles.

Every endpoint and filter is checked against values computed independently from the store
(the Store's own queries, the documents' text, sums over the listed events).
"""
from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict

import pytest

from marsad.store import Store
from marsad.store.dates import date_bounds
from test_server_corpus import IMG, SCRIPT, TOKEN, XSS, all_events, client, corpus_db, writable_db, writer  # noqa: F401

SORTS = ("date", "-date", "arrested", "-arrested", "sources", "-sources")
EXPORT_COLUMNS = ["event_id", "event_date", "time_precision", "date_earliest", "date_latest", "date_rule", "event_type", "sub_event_type", "actor1",
                  "assoc_actor_1", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
                  "source", "notes", "fatalities", "arrested", "age_min", "age_max", "affiliation", "agencies",
                  "partners", "cell_name", "seized", "plot", "targets", "background", "source_count", "source_urls"]


@pytest.fixture(scope="module")
def stored(corpus_db):
    """Every canonical event as the Store itself returns it, by id."""
    with Store(corpus_db, create=False) as store:
        return {e["id"]: e for e in store.canonical_events()}


@pytest.fixture(scope="module")
def events(client):
    return all_events(client)


def ids(items: list[dict]) -> list[str]:
    return [e["id"] for e in items]


# -- /api/events -----------------------------------------------------------------------------------

def test_events_are_the_canonical_events(events, stored):
    assert sorted(ids(events)) == sorted(stored)
    for e in events:
        record = stored[e["id"]]
        for name in ("type", "date", "background", "places", "arrested", "killed", "age_min", "age_max",
                     "affiliation", "agencies", "partners", "cell_name", "seized", "plot", "targets"):
            assert e[name] == record[name], (e["id"], name)
        assert e["source_count"] == len(record["sources"])
        assert [p["id"] for p in e["places_detail"]] == [p["id"] for p in record["places_detail"]]


def test_event_title_is_its_first_sources_title(client, events):
    ev = next(e for e in events if e["sources"] and e["sources"][0]["document_id"] == "ev_01")
    assert ev["title"] == client.get("/api/documents/ev_01").json()["title"]


def sort_key(e: dict, sort: str):
    name = sort.lstrip("-")
    if name == "date":  # the interval it is known to lie in, dated or not
        return None if e["date_earliest"] is None else (e["date_earliest"], e["date_latest"])
    return e["arrested"] if name == "arrested" else e["source_count"]


@pytest.mark.parametrize("sort", SORTS)
def test_cursor_pages_concatenate_to_the_full_sorted_list(client, events, sort):
    pages, cursor = [], None
    while True:
        body = client.get("/api/events", params={"sort": sort, "limit": 4, **({"cursor": cursor} if cursor else {})}).json()
        assert len(body["items"]) <= 4
        pages += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(ids(pages)) == len(set(ids(pages))) == len(events)
    assert ids(pages) == ids(client.get("/api/events", params={"sort": sort, "limit": 500}).json()["items"])
    keys = [sort_key(e, sort) for e in pages]
    known = [k for k in keys if k is not None]
    assert keys == known + [None] * (len(keys) - len(known)), "unknown values come last"
    assert known == sorted(known, reverse=sort.startswith("-"))


def test_default_order_is_newest_first(events):
    starts = [date_bounds(e["date"])[0] for e in events if e["date"]]
    assert starts == sorted(starts, reverse=True)


def test_a_full_page_has_a_cursor_and_the_last_page_none(client, events):
    first = client.get("/api/events", params={"limit": len(events) - 1}).json()
    assert first["next_cursor"] and len(first["items"]) == len(events) - 1
    rest = client.get("/api/events", params={"limit": 5, "cursor": first["next_cursor"]}).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    exact = client.get("/api/events", params={"limit": len(events)}).json()
    assert exact["next_cursor"] is None


@pytest.mark.parametrize("name, field", [("place", "places"), ("org", "affiliation"), ("agency", "agencies"),
                                         ("partner", "partners")])
def test_value_filters_return_exactly_the_events_holding_the_value(client, events, name, field):
    values = Counter(v for e in events for v in e[field])
    assert values, f"the corpus has {field}"
    for value in list(values)[:6]:
        found = all_events(client, **{name: value})
        assert sorted(ids(found)) == sorted(e["id"] for e in events if value in e[field])


def test_place_filter_matches_the_stores_own_query(client, stored):
    for place in ("tangier", "casablanca", "fes"):
        expected = sorted(i for i, e in stored.items() if place in e["places"])
        assert expected and sorted(ids(all_events(client, place=place))) == expected


def test_region_filter_returns_events_with_a_place_in_the_region(client, events):
    regions = Counter(p["region"] for e in events for p in e["places_detail"] if p["region"])
    for region in regions:
        found = all_events(client, region=region)
        assert sorted(ids(found)) == sorted(e["id"] for e in events
                                            if any(p["region"] == region for p in e["places_detail"]))


def test_type_and_background_filters(client, events):
    for type_ in ("cell_dismantled", "arrest", "attack", "seizure"):
        assert sorted(ids(all_events(client, type=type_))) == sorted(e["id"] for e in events if e["type"] == type_)
    for flag in (True, False):
        found = all_events(client, background=str(flag).lower())
        assert sorted(ids(found)) == sorted(e["id"] for e in events if e["background"] is flag)


@pytest.mark.parametrize("since, until", [("2020", None), (None, "2010"), ("2017-10", "2024-11-22"),
                                          ("2025-02-20", "2025-02-20"), ("2003-05-16", None)])
def test_date_filters_keep_events_whose_dates_overlap(client, events, since, until):
    params = {k: v for k, v in (("since", since), ("until", until)) if v}
    lo, hi = date_bounds(since)[0] if since else None, date_bounds(until)[1] if until else None
    expected = [e["id"] for e in events if e["date_earliest"]  # its interval overlaps the filter's
                and (lo is None or e["date_latest"] >= lo) and (hi is None or e["date_earliest"] <= hi)]
    assert sorted(ids(all_events(client, **params))) == sorted(expected)


def test_text_query_keeps_events_whose_sources_match(client, events):
    hits = client.get("/api/search", params={"q": "داعش", "limit": 100}).json()["items"]
    expected = {i for h in hits for i in h["events"]}
    assert expected and set(ids(all_events(client, q="داعش"))) == expected


def test_filters_combine_as_an_intersection(client):
    combos = [{"type": "cell_dismantled", "place": "tangier"}, {"org": "isis-sahel", "since": "2025"},
              {"agency": "bcij", "background": "false", "until": "2024"}, {"region": "tanger-tetouan-al-hoceima",
                                                                          "q": "خلية"}]
    for combo in combos:
        expected = set.intersection(*(set(ids(all_events(client, **{k: v}))) for k, v in combo.items()))
        assert set(ids(all_events(client, **combo))) == expected, combo


def test_values_nothing_holds_give_empty_pages(client):
    for params in ({"region": "nowhere"}, {"partner": "ZZ"}, {"q": "zzyzx"}, {"since": "2099"}):
        assert client.get("/api/events", params=params).json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("param, value, hint", [
    ("place", "atlantis", "did you mean"), ("place", "Casablnca", "casablanca"), ("org", "nobody", "org"),
    ("org", "ISI", "isis"), ("agency", "FBI", "agency")])
def test_a_place_org_or_agency_nothing_names_is_a_400_with_the_nearest_values(client, param, value, hint):
    r = client.get("/api/events", params={param: value})
    assert r.status_code == 400
    assert value in r.json()["error"]["message"] and hint in r.json()["error"]["message"]


@pytest.mark.parametrize("param, names", [
    ("place", ["casablanca", "Casablanca", "الدار البيضاء", "CASABLANCA"]),
    ("org", ["isis", "ISIS", "Daesh", "داعش", "Etat islamique"]),
    ("agency", ["bcij", "BCIJ", "البسيج", "Central Bureau of Judicial Investigation"]),
])
def test_a_filter_takes_an_id_or_any_of_its_names(client, param, names):
    pages = [client.get("/api/events", params={param: n, "limit": 500}).json() for n in names]
    assert pages[0]["items"], f"the corpus holds events with {param}={names[0]}"
    assert all(p == pages[0] for p in pages[1:])


# -- /api/events/{id} and /api/documents/{id} -------------------------------------------------------

def test_event_detail_has_every_source_with_its_evidence_in_context(client, stored):
    event_id = max(stored, key=lambda i: len(stored[i]["sources"]))
    ev = client.get(f"/api/events/{event_id}").json()
    assert ev["id"] == event_id and ev["mention_keys"] == stored[event_id]["mention_keys"]
    assert [s["document_id"] for s in ev["sources"]] == [s["document_id"] for s in stored[event_id]["sources"]]
    spans = 0
    for source in ev["sources"]:
        doc = client.get(f"/api/documents/{source['document_id']}").json()
        assert source["title"] == doc["title"]
        for span in source["evidence"]:
            spans += 1
            text = doc["text"]
            assert span["text"] == text[span["start"]:span["end"]]
            assert span["before"] == text[max(0, span["start"] - 160):span["start"]]
            assert span["after"] == text[span["end"]:span["end"] + 160]
        assert all(key.startswith(source["document_id"] + "#") for key in source["mentions"])
    assert spans > 0


def test_event_detail_reports_disagreements(client, stored):
    disputed = [i for i, e in stored.items() if e["arrested_reported"]]
    for event_id in disputed:
        ev = client.get(f"/api/events/{event_id}").json()
        assert ev["arrested_reported"] == stored[event_id]["arrested_reported"]
        assert ev["reported"]["arrested"] == stored[event_id]["arrested_reported"]


def test_unknown_event_and_document_are_404(client):
    for path in ("/api/events/ev-000000000000", "/api/events/nope", "/api/documents/nope"):
        body = client.get(path)
        assert body.status_code == 404
        assert body.json()["error"]["code"] == "not_found"


def test_document_has_its_text_events_with_spans_and_claims(client, corpus_db):
    with Store(corpus_db, create=False) as store:
        docs_with_claims = {c["document_id"] for c in store.claims()}
        stored_doc = store.document("ev_01")
    doc = client.get("/api/documents/ev_01").json()
    assert doc["text"] == stored_doc["text"] and doc["published"] == stored_doc["published"]
    assert doc["events"] and all(e["id"].startswith("ev-") for e in doc["events"])
    for e in doc["events"]:
        assert client.get(f"/api/events/{e['id']}").status_code == 200
        assert all(0 <= a < b <= len(doc["text"]) for a, b in e["evidence"])
    with_claims = client.get(f"/api/documents/{sorted(docs_with_claims)[0]}").json()
    assert with_claims["claims"] and all(c["metric"] for c in with_claims["claims"])


# -- /api/claims and /api/search -------------------------------------------------------------------

def test_claims_with_filters_and_pages(client, corpus_db):
    with Store(corpus_db, create=False) as store:
        stored = store.claims()
    everything = client.get("/api/claims", params={"limit": 500}).json()["items"]
    assert sorted(c["id"] for c in everything) == sorted(c["id"] for c in stored)
    for c in everything:
        text = client.get(f"/api/documents/{c['document_id']}").json()["text"]
        assert c["sentence"] == " … ".join(" ".join(text[a:b].split()) for a, b in c["evidence"])
    paged, cursor = [], None
    while True:
        body = client.get("/api/claims", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        paged += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert [c["id"] for c in paged] == [c["id"] for c in everything]
    metric = everything[0]["metric"]
    assert all(c["metric"] == metric for c in client.get("/api/claims", params={"metric": metric}).json()["items"])
    published = everything[0]["published"]
    within = client.get("/api/claims", params={"since": published, "until": published}).json()["items"]
    assert {c["id"] for c in within} == {c["id"] for c in everything if c["published"] == published}


def test_search_is_arabic_aware_and_lists_events(client):
    hits = client.get("/api/search", params={"q": "الارهابية"}).json()["items"]  # no hamza, as typed
    assert hits
    for hit in hits:
        assert "⟦" in hit["snippet"] and "⟧" in hit["snippet"]
        for event_id in hit["events"]:
            assert client.get(f"/api/events/{event_id}").status_code == 200
    assert len(client.get("/api/search", params={"q": "الارهابية", "limit": 2}).json()["items"]) == 2


# -- /api/stats ------------------------------------------------------------------------------------

def expected_stats(events: list[dict]) -> dict:
    """Statistics summed over a list of events (what /api/stats must say about them)."""
    counts: dict[str, dict] = defaultdict(dict)

    def add(table: str, key, arrested: int) -> None:
        n, a = counts[table].get(key, (0, 0))
        counts[table][key] = (n + 1, a + arrested)

    for e in events:
        arrested = e["arrested"] or 0
        add("type", e["type"], arrested)
        start, end = e["date_earliest"], e["date_latest"]
        if start and start[:4] == end[:4]:  # known to lie within one year
            add("year", start[:4], arrested)
        if e["date"] and len(e["date"].split("/")[0]) >= 7:  # the reports name its month or day
            add("month", (start[:7], e["type"]), arrested)
        for field, table in (("places", "town"), ("affiliation", "org"), ("agencies", "agency"),
                             ("partners", "partner")):
            for value in set(e[field]):
                add(table, value, arrested)
        for region in {p["region"] for p in e["places_detail"] if p["region"]}:
            add("region", region, arrested)
    return {"events": len(events), "arrested": sum(e["arrested"] or 0 for e in events),
            "killed": sum(e["killed"] or 0 for e in events), **counts}


def as_tables(stats: dict) -> dict:
    return {"events": stats["events"], "arrested": stats["arrested"], "killed": stats["killed"],
            "type": {r["type"]: (r["events"], r["arrested"]) for r in stats["by_type"]},
            "year": {r["year"]: (r["events"], r["arrested"]) for r in stats["by_year"]},
            "month": {(r["month"], r["type"]): (r["events"], r["arrested"]) for r in stats["by_month"]},
            "town": {r["place"]: (r["events"], r["arrested"]) for r in stats["by_town"]},
            "region": {r["region"]: (r["events"], r["arrested"]) for r in stats["by_region"]},
            "org": {r["org"]: (r["events"], 0) for r in stats["by_org"]},
            "agency": {r["agency"]: (r["events"], 0) for r in stats["by_agency"]},
            "partner": {r["partner"]: (r["events"], 0) for r in stats["by_partner"]}}


STATS_FILTERS = [
    {}, {"type": "cell_dismantled"}, {"background": "false"}, {"since": "2020"}, {"until": "2024-10"},
    {"since": "2017", "until": "2024", "type": "arrest"}, {"place": "tangier"}, {"org": "isis-sahel"},
    {"region": "tanger-tetouan-al-hoceima"}, {"partner": "ES"}, {"agency": "bcij", "since": "2024"},
    {"since": "2025-02-20"}, {"place": "fes", "org": "isis"}, {"q": "داعش"}, {"since": "2025-02"},
    {"since": "2000"}, {"until": "2024", "org": "isis-sahel"}, {"since": "1995", "until": "2025", "place": "tangier"},
]


@pytest.mark.parametrize("params", STATS_FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_stats_are_the_sums_over_the_matching_events(client, params):
    stats = client.get("/api/stats", params=params).json()
    got = as_tables(stats)
    want = expected_stats(all_events(client, **params))
    for key in ("events", "arrested", "killed"):
        assert got[key] == want[key], key
    for table in ("type", "year", "month", "town", "region"):
        assert got[table] == want.get(table, {}), table
    for table in ("org", "agency", "partner"):
        assert {k: n for k, (n, _) in got[table].items()} == {k: n for k, (n, _) in want.get(table, {}).items()}
    assert stats["events"] == sum(r["events"] for r in stats["by_type"])
    assert stats["arrested"] == sum(r["arrested"] for r in stats["by_type"])


def test_stats_towns_carry_their_coordinates_and_documents_their_dates(client, corpus_db):
    stats = client.get("/api/stats").json()
    tangier = next(t for t in stats["by_town"] if t["place"] == "tangier")
    assert tangier["name_en"] == "Tangier" and 35 < tangier["lat"] < 36 and tangier["region"]
    with Store(corpus_db, create=False) as store:
        counts = store.stats()
        published = [store.document(d)["published"] for d in store.conn.execute(
            "SELECT id FROM documents").fetchall() for d in d]
    assert stats["documents"] == counts["documents"] and stats["claims"] == counts["claims"]
    for since in ("2025", "2025-02-20"):
        stats = client.get("/api/stats", params={"since": since, "until": "2025-02-27"}).json()
        lo = date_bounds(since)[0]
        assert stats["documents"] == sum(1 for p in published if p and lo <= p <= "2025-02-27")


# -- /api/meta -------------------------------------------------------------------------------------

def test_meta_lists_what_the_filters_can_take(client, events):
    meta = client.get("/api/meta").json()
    assert meta["types"][:4] == ["cell_dismantled", "arrest", "attack", "seizure"]
    assert set(meta["orgs"]) == {o for e in events for o in e["affiliation"]}
    assert set(meta["agencies"]) == {a for e in events for a in e["agencies"]}
    assert set(meta["partners"]) == {p for e in events for p in e["partners"]}
    assert set(meta["regions"]) == {p["region"] for e in events for p in e["places_detail"] if p["region"]}
    assert {p for e in events for p in e["places"]} <= {p["id"] for p in meta["places"]}
    starts = [(e["date_earliest"], e["date_latest"]) for e in events if e["date_earliest"]]
    assert meta["date_range"] == {"min": min(s for s, _ in starts), "max": max(e for _, e in starts)}
    assert meta["labels"]["ar"]["isis"] == "داعش" and meta["labels"]["en"]["bcij"].startswith("Central Bureau")
    assert meta["writable"] is False


# -- exports ---------------------------------------------------------------------------------------

def test_csv_export_has_the_acled_columns_and_a_row_matches_its_event(client, events):
    response = client.get("/api/export.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert [r["event_id"] for r in rows] == ids(events)
    ev = max(events, key=lambda e: (len(e["places_detail"]), e["source_count"]))
    row = next(r for r in rows if r["event_id"] == ev["id"])
    place = ev["places_detail"][0]
    assert all(r["event_date"] and r["time_precision"] in ("1", "2", "3") for r in rows)
    assert ev["date_earliest"] <= row["event_date"] <= ev["date_latest"] == row["date_latest"]
    assert row["event_date"] == ev["date_earliest"] if ev["time_precision"] == 1 else row["time_precision"] != "1"
    assert row["admin1"] == place["region"] and row["admin2"] == place["province"]
    assert row["location"] == place["name_en"] and float(row["latitude"]) == place["lat"]
    assert row["geo_precision"] == "1" and row["time_precision"] in ("1", "2", "3")
    assert row["arrested"] == str(ev["arrested"] or "") and row["source_count"] == str(ev["source_count"])
    assert row["affiliation"] == "; ".join(ev["affiliation"]) and row["agencies"] == "; ".join(ev["agencies"])
    assert row["source_urls"] == "; ".join(s["url"] for s in ev["sources"] if s["url"])
    assert row["event_type"] == "Strategic developments" if ev["type"] != "attack" else row["event_type"]
    assert row["notes"]


def test_json_export_equals_the_csv_and_follows_filters(client):
    rows = client.get("/api/export.json", params={"type": "attack"}).json()
    csv_rows = list(csv.DictReader(io.StringIO(client.get("/api/export.csv", params={"type": "attack"}).text)))
    assert [r["event_id"] for r in rows] == [r["event_id"] for r in csv_rows]
    assert rows and all(r["event_type"] in ("Explosions/Remote violence", "Violence against civilians")
                        for r in rows)
    for r, c in zip(rows, csv_rows):
        assert c["fatalities"] == ("" if r["fatalities"] is None else str(r["fatalities"]))
        assert c["seized"] == "; ".join(r["seized"])
    assert client.get("/api/export.json", params={"place": "atlantis"}).status_code == 400


def test_export_one_row_per_place_and_acled_columns(client, events):
    ev = max(events, key=lambda e: len(e["places_detail"]))
    assert len(ev["places_detail"]) > 1
    rows = [r for r in client.get("/api/export.json", params={"one_row_per_place": "true"}).json()
            if r["event_id"] == ev["id"]]
    assert [r["location"] for r in rows] == [p["name_en"] for p in ev["places_detail"]]
    assert [r["background"] for r in rows] == [ev["background"]] * len(rows)
    acled = list(csv.DictReader(io.StringIO(client.get("/api/export.csv", params={
        "columns": "acled", "one_row_per_place": "true"}).text)))
    assert list(acled[0])[:3] == ["event_id_cnty", "event_date", "year"]
    assert [r["location"] for r in acled if r["event_id_cnty"] == ev["id"]] == [r["location"] for r in rows]
    assert client.get("/api/export.csv", params={"columns": "acme"}).status_code == 400


def test_export_rejects_bad_filters_before_streaming(client):
    response = client.get("/api/export.csv", params={"since": "2020-13"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "bad_request"


# -- pages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/events", "/events/ev-2d72eec872ee", "/claims", "/search",
                                  "/documents/ev_01"])
def test_pages_serve_the_dashboard_shell(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.text == client.get("/").text


def test_static_files_are_served(client):
    from marsad.server.app import STATIC
    files = [p for p in STATIC.rglob("*") if p.is_file()]
    if not files:
        pytest.skip("no dashboard files yet")
    response = client.get(f"/static/{files[0].relative_to(STATIC).as_posix()}")
    assert response.status_code == 200 and response.content == files[0].read_bytes()


# -- errors ----------------------------------------------------------------------------------------

def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"] and "\n" not in body["error"]["message"]


@pytest.mark.parametrize("path", ["/api/nothing", "/api/events/ev-x/more", "/api", "/nowhere", "/static/nope.js"])
def test_unknown_paths_are_json_404(client, path):
    assert_error(client.get(path), 404, "not_found")


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"limit": "x"}, {"sort": "name"},
                                    {"type": "picnic"}, {"since": "2020-13"}, {"until": "2021-02-30"},
                                    {"since": "yesterday"}, {"background": "maybe"}, {"cursor": "!!"},
                                    {"q": "?!"}])
def test_bad_parameters_are_json_400(client, params):
    assert_error(client.get("/api/events", params=params), 400, "bad_request")


def test_a_cursor_only_works_for_its_sort(client):
    cursor = client.get("/api/events", params={"limit": 2}).json()["next_cursor"]
    assert_error(client.get("/api/events", params={"cursor": cursor, "sort": "arrested"}), 400, "bad_request")
    assert_error(client.get("/api/claims", params={"cursor": cursor}), 400, "bad_request")


def test_wrong_method_is_json_405(client):
    response = client.post("/api/events")
    assert response.status_code == 405 and response.json()["error"]["status"] == 405


def test_unexpected_errors_are_json_500_without_details(client, monkeypatch):
    from marsad.store import browse

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(browse, "events_page", broken)
    response = client.get("/api/events")
    assert_error(response, 500, "internal")
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "content-security-policy" in response.headers


# -- writes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, body", [("/api/merge", {"ids": ["ev-a", "ev-b"]}),
                                        ("/api/split", {"id": "ev-a", "mentions": ["x#0"]}),
                                        ("/api/resolve", None), ("/api/undo", None)])
def test_writes_are_forbidden_without_a_token(client, path, body):
    assert_error(client.post(path, json=body), 403, "forbidden")
    assert_error(client.post(path, json=body, headers={"Authorization": f"Bearer {TOKEN}"}), 403, "forbidden")


def test_writes_need_the_right_token(writer):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}):
        response = writer.post("/api/resolve", headers=headers)
        assert_error(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"
    assert writer.post("/api/resolve", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert writer.get("/api/meta").json()["writable"] is True


def test_merge_and_split_through_the_api(writer, client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writer.get("/api/stats").json()["events"]
    assert client.get("/api/stats").json()["events"] == before
    a, b = all_events(writer, place="tangier", sort="date")[:2]
    keys = writer.get(f"/api/events/{a['id']}").json()["mention_keys"] + \
        writer.get(f"/api/events/{b['id']}").json()["mention_keys"]
    merged = writer.post("/api/merge", json={"ids": [a["id"], b["id"]]}, headers=auth)
    assert merged.status_code == 200
    event = writer.get(f"/api/events/{merged.json()['id']}").json()
    assert sorted(event["mention_keys"]) == sorted(keys)
    assert writer.get("/api/stats").json()["events"] == before - 1  # no stale cached statistics
    assert client.get("/api/stats").json()["events"] == before  # each app caches its own store
    split = writer.post("/api/split", json={"id": event["id"], "mentions": [keys[-1]]}, headers=auth)
    assert split.status_code == 200
    assert keys[-1] in writer.get(f"/api/events/{split.json()['split']}").json()["mention_keys"]
    assert_error(writer.post("/api/merge", json={"ids": ["ev-000000000000", event["id"]]}, headers=auth),
                 404, "not_found")
    rest = split.json()["id"]
    assert_error(writer.post("/api/split", json={"id": rest, "mentions": ["nope#9"]}, headers=auth),
                 400, "bad_request")
    assert_error(writer.post("/api/merge", json={"ids": [rest]}, headers=auth), 400, "bad_request")


def test_undo_through_the_api_on_both_backends(make_target):
    from fastapi.testclient import TestClient

    from marsad.server.app import create_app
    from test_cli_canonical import fill

    db, auth = fill(make_target("w.db")), {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(db, token=TOKEN, index="sync"), raise_server_exceptions=False) as w:
        assert_error(w.post("/api/undo", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
        assert_error(w.post("/api/undo", headers=auth), 400, "bad_request")  # nothing to undo yet
        before = sorted(e["id"] for e in w.get("/api/events").json()["items"])
        assert len(before) == 2 and w.get("/api/corrections").json()["items"] == []
        merged = w.post("/api/merge", json={"ids": before}, headers=auth).json()["id"]
        assert [e["id"] for e in w.get("/api/events").json()["items"]] == [merged]
        last = w.get("/api/corrections").json()["items"][0]
        assert (last["kind"], last["events"], last["undone_at"]) == ("merge", before, None)
        done = w.post("/api/undo", headers=auth)
        assert done.status_code == 200
        assert (done.json()["undone"]["id"], done.json()["undone"]["undone_at"] is not None) == (last["id"], True)
        assert sorted(done.json()["events"]) == before
        assert done.json()["actions"]["split"] + done.json()["actions"]["created"] >= 1
        assert sorted(e["id"] for e in w.get("/api/events").json()["items"]) == before  # no stale cache
        assert w.get("/api/corrections", params={"undone": "false"}).json()["items"] == []
    with Store(db) as store:
        log = store.revisions()
    assert [r["who"] for r in log[-2:]] == ["analyst", "analyst"]


def test_xss_article_is_stored_and_listed(client):
    assert SCRIPT in XSS.text and IMG in XSS.text
    assert any(e["sources"][0]["document_id"] == XSS.id for e in all_events(client, place="tangier")
               if e["sources"])


def test_answers_are_the_compact_utf8_json_of_json_dumps(client):
    """The API renders with orjson; it must write what json.dumps would (Arabic unescaped)."""
    import json

    from marsad.server.api import json_bytes
    for url in ("/api/stats", "/api/events?limit=20", "/api/meta", "/api/events?q=%D8%AF%D8%A7%D8%B9%D8%B4"):
        data = client.get(url).json()
        assert json_bytes(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), url


def test_each_worker_runs_few_requests_at_once(corpus_db):
    import anyio.to_thread

    from marsad.server import create_app
    from marsad.server.app import THREADS
    from test_server_corpus import TestClient
    with TestClient(create_app(corpus_db, index="off")) as c:
        tokens = c.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
    assert tokens == THREADS < 40
