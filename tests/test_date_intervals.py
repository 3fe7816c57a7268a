"""Every canonical event's date interval (issue 17 item 2): the rules, the filters of the CLI
and the API on it (the index and SQL alike), --exact-dates, the timeline's spans, the
export's event_date and time_precision, and the date-interval migration filling it for stored events,
on both backends."""
from __future__ import annotations

import csv
import io
import json

import pytest

from marsad.canonical import date_interval
from marsad.models import Document, Event, Record
from marsad.store import Store
from marsad.store.migrations import MIGRATIONS, _V_INTERVALS
from test_cli import run

PUB = [{"published": "2024-03-20"}]


@pytest.mark.parametrize("date, date_from, background, sources, expected", [
    # the reports' date, ending at the earliest publication when that falls inside it
    ("2024-03-18", None, False, PUB, ("2024-03-18", "2024-03-18", 1, "reported")),
    ("2024-03", None, False, PUB, ("2024-03-01", "2024-03-20", 2, "reported")),
    ("2023", None, True, PUB, ("2023-01-01", "2023-12-31", 3, "reported")),
    ("2024", None, False, [{"published": "2024-01-20"}], ("2024-01-01", "2024-01-20", 2, "reported")),
    ("2024-03-01/2024-03-05", None, False, PUB, ("2024-03-01", "2024-03-05", 2, "reported")),
    ("2024-04-02", None, False, PUB, ("2024-04-02", "2024-04-02", 1, "reported")),  # after: not cut
    ("2003-05-16", "known_events", True, PUB, ("2003-05-16", "2003-05-16", 1, "known_event")),
    # undated news: the 10 days before its earliest report (a copy's counts; timestamps too)
    (None, None, False, [{"published": "2024-03-25"}, {"published": "2024-03-20T09:00:00"}],
     ("2024-03-10", "2024-03-20", 2, "publication_lag")),
    (None, None, False, [{"published": "0001-01-05"}], ("0001-01-01", "0001-01-05", 2, "publication_lag")),
    (None, None, True, PUB, ("1984-01-01", "2024-03-20", 3, "background")),
    (None, None, False, [{"published": None, "ingested_at": "2025-06-01T10:00:00+00:00"}],
     ("1985-01-01", "2025-06-01", 3, "stored")),
    (None, None, False, [{"published": "not a date"}], (None, None, None, None)),
])
def test_interval_rules(date, date_from, background, sources, expected):
    got = date_interval(date, date_from, background, sources)
    assert (got["date_earliest"], got["date_latest"], got["time_precision"], got["date_rule"]) == expected


CELL = "The BCIJ dismantled a cell of four members in Tangier on 10 January 2024."
RAID = "Security services arrested two suspects in Oujda, the interior ministry said."


@pytest.fixture
def db(make_target):
    """A cell dated 2024-01-10 and an undated arrest reported on 2024-03-20 (so known to lie
    in 2024-03-10..2024-03-20)."""
    path = make_target("dates.db")
    with Store(path) as store:
        _add(store)
        store.resolve()
    return str(path)


def _add(store):
    store.add(Document(id="cell-1", text=CELL, published="2024-01-11", lang="en", outlet="Hespress"),
              Record("cell-1", "en", "2024-01-11", True, [Event(
                  type="cell_dismantled", date="2024-01-10", places=["tangier"], arrested=4, evidence=[(0, 40)])], []))
    store.add(Document(id="raid-1", text=RAID, published="2024-03-20", lang="en", outlet="Le360"),
              Record("raid-1", "en", "2024-03-20", True, [Event(
                  type="arrest", places=["oujda"], arrested=2, evidence=[(0, 40)])], []))


def _types(db, *args):
    result = run("events", "--db", db, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return sorted(e["type"] for e in json.loads(result.stdout))


def test_cli_filters_match_the_interval(db):
    for args, expected in [
        (("--since", "2024-03-15", "--until", "2024-03-31"), ["arrest"]),  # overlaps its interval
        (("--since", "2024-03"), ["arrest"]),
        (("--since", "2024"), ["arrest", "cell_dismantled"]),
        (("--since", "2024-03-21"), []),  # after its earliest report
        (("--until", "2024-03-09"), ["cell_dismantled"]),  # before it can have happened
        (("--since", "2024", "--exact-dates"), ["cell_dismantled"]),
    ]:
        assert _types(db, *args) == expected, args
    result = run("events", "--db", db, "--since", "2024-03")
    assert "~2024-03-10..2024-03-20" in result.stdout  # the table shows an undated event's interval


@pytest.mark.parametrize("index", ["sync", "off"])
def test_api_filters_and_timeline_spans(db, index):
    from fastapi.testclient import TestClient

    from marsad.server import create_app
    with TestClient(create_app(db, index=index)) as client:
        def get(path, **params):
            response = client.get(path, params=params)
            assert response.status_code == 200, response.text
            return response.json()

        march = get("/api/events", since="2024-03-12", until="2024-03-31")["items"]
        assert [(e["type"], e["date"], e["date_earliest"], e["date_latest"], e["time_precision"], e["date_rule"])
                for e in march] == [("arrest", None, "2024-03-10", "2024-03-20", 2, "publication_lag")]
        assert get("/api/events", since="2024-03-21")["items"] == []
        assert [e["type"] for e in get("/api/events", since="2024", exact_dates="true")["items"]] == ["cell_dismantled"]
        # the stats of a filter count what its list shows; the timeline draws the undated one
        # over its interval's months, the dated one in its month
        for params in ({}, {"since": "2024-03-12", "until": "2024-03-31"}, {"place": "oujda"}):
            stats = get("/api/stats", **params)
            listed = get("/api/events", **params)["items"]
            assert stats["events"] == len(listed)
            assert stats["by_span"] == [{"start": "2024-03", "end": "2024-03", "type": "arrest", "events": 1}]
        assert get("/api/stats", exact_dates="true")["by_span"] == []
        assert get("/api/stats")["by_month"] == [{"month": "2024-01", "type": "cell_dismantled", "events": 1,
                                                  "arrested": 4}]


@pytest.mark.parametrize("fmt", ["csv", "acled-csv"])
def test_every_exported_row_has_a_date_and_precision(db, fmt):
    result = run("export", "--db", db, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = {r["event_id" if fmt == "csv" else "event_id_cnty"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert len(out) == 2 and all(r["event_date"] and r["time_precision"] for r in out.values())
    assert sorted((r["event_date"], r["time_precision"]) for r in out.values()) == [
        ("2024-01-10", "1"), ("2024-03-15", "2")]  # the interval's middle day, at precision 2


def test_schema_8_fills_the_intervals_of_stored_events_and_reingesting_changes_nothing(db, backend):
    """A store written before the interval migration (no interval in records, date columns the
    reported date's) is given the same intervals the resolution gives."""
    with Store(db, create=False) as store:
        before = {e["id"]: e for e in store.canonical_events()}
        revisions = len(store.revisions())
        conn = store.conn
        conn.execute("BEGIN")
        for e in before.values():
            record = {k: v for k, v in json.loads(conn.execute(
                "SELECT record FROM canonical_events WHERE id = ?", (e["id"],)).fetchone()[0]).items()
                if k not in ("date_earliest", "date_latest", "time_precision", "date_rule")}
            start = end = e["date"]
            conn.execute("UPDATE canonical_events SET date_start = ?, date_end = ?, record = ? WHERE id = ?",
                         (start, end, json.dumps(record), e["id"]))
        before_intervals = MIGRATIONS.index(_V_INTERVALS)  # the version before the interval migration
        if backend == "sqlite":
            conn.execute(f"PRAGMA user_version = {before_intervals}")
        else:
            conn.execute("UPDATE marsad_schema SET version = ?", (before_intervals,))
        conn.execute("COMMIT")
    with Store(db) as store:  # migrates
        after = {e["id"]: e for e in store.canonical_events()}
        assert after == before
        _add(store)  # the same articles again
        store.resolve()
        assert {e["id"]: e for e in store.canonical_events()} == before
        assert len(store.revisions()) == revisions
