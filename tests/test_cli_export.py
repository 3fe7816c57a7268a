"""``marsad export --format acled-csv|csv|json`` on both backends: columns, one row per place,
the background column, outlets as sources, the filters of ``marsad events`` and their errors.

The expected values come from the Store's own canonical events, not from the export code.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from marsad.models import Claim, Document, Event, Record
from marsad.store import Store
from test_cli import run

CELL = ("The Central Bureau of Judicial Investigation dismantled a terrorist cell of five members "
        "loyal to ISIS in Casablanca, Tangier and Fes on Wednesday.")
ATTACK = "Twenty years ago, on 16 May 2003, suicide bombers killed 45 people in Casablanca."
MARSAD_COLUMNS = ["event_id", "event_date", "time_precision", "date_earliest", "date_latest", "date_rule", "event_type", "sub_event_type", "actor1",
                  "assoc_actor_1", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
                  "source", "notes", "fatalities", "arrested", "age_min", "age_max", "affiliation", "agencies",
                  "partners", "cell_name", "seized", "plot", "targets", "background", "source_count",
                  "source_urls"]
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "country", "admin1", "admin2", "location",
                 "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "background"]


@pytest.fixture
def db(make_target):
    """Two operations: a cell in three towns (reported by Hespress) and a background attack
    (a page of le360 with no outlet named); two figures."""
    path = make_target("export.db")
    cell = Event(type="cell_dismantled", date="2024-01-10", places=["casablanca", "tangier", "fes"],
                 arrested=5, affiliation=["isis"], agencies=["bcij"], evidence=[(0, 40)])
    attack = Event(type="attack", background=True, date="2003-05-16", places=["casablanca"], killed=45,
                   plot=["bombing", "suicide-attack"], evidence=[(0, 30)])
    with Store(path) as store:
        store.add(Document(id="hes-1", text=CELL, published="2024-01-11", lang="en", outlet="Hespress",
                           url="https://www.hespress.com/cell-1"),
                  Record("hes-1", "en", "2024-01-11", True, [cell], [
                      Claim(metric="cells_dismantled", value=200, qualifier="more_than", since="2002",
                            source="bcij", evidence=[(0, 40)])]))
        store.add(Document(id="l360-1", text=ATTACK, published="2023-05-16", lang="en",
                           url="https://www.le360.ma/16-mai"),
                  Record("l360-1", "en", "2023-05-16", True, [attack], [
                      Claim(metric="persons_arrested", value=3000, qualifier="about", source="interior-ministry",
                            evidence=[(0, 20)])]))
        store.resolve()
    return str(path)


@pytest.fixture
def stored(db):
    """The canonical events as the Store lists them, by type."""
    with Store(db, create=False) as store:
        return {e["type"]: e for e in store.canonical_events()}


def export(db, *args):
    result = run("export", "--db", db, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_documented_columns_one_row_per_event_oldest_first(db, stored):
    out = rows(export(db))  # csv is the default format
    assert list(out[0]) == MARSAD_COLUMNS
    assert [r["event_id"] for r in out] == [stored["attack"]["id"], stored["cell_dismantled"]["id"]]
    cell = next(r for r in out if r["event_id"] == stored["cell_dismantled"]["id"])
    first = stored["cell_dismantled"]["places_detail"][0]
    assert (cell["location"], cell["admin1"], float(cell["latitude"])) == (first["name_en"], first["region"], first["lat"])
    assert cell["arrested"] == "5" and cell["agencies"] == "bcij" and cell["event_date"] == "2024-01-10"
    assert "Tangier" in cell["notes"] and "Fes" in cell["notes"]


def test_background_column_and_outlets_as_sources(db, stored):
    out = {r["event_id"]: r for r in rows(export(db))}
    cell, attack = out[stored["cell_dismantled"]["id"]], out[stored["attack"]["id"]]
    assert (cell["background"], attack["background"]) == ("false", "true")
    assert cell["source"] == "Hespress"  # the outlet's name, not the document id hes-1
    assert attack["source"] == "le360.ma"  # no outlet named: the site's host
    assert "l360-1" not in attack["source"]
    as_json = {r["event_id"]: r for r in json.loads(export(db, "--format", "json"))}
    assert as_json[attack["event_id"]]["background"] is True and as_json[cell["event_id"]]["background"] is False


def test_one_row_per_place_shares_the_event_id_and_counts_it_once(db, stored):
    ev = stored["cell_dismantled"]
    out = [r for r in rows(export(db, "--one-row-per-place")) if r["event_id"] == ev["id"]]
    assert [r["location"] for r in out] == [p["name_en"] for p in ev["places_detail"]]
    assert [r["admin1"] for r in out] == [p["region"] for p in ev["places_detail"]]
    assert [r["arrested"] for r in out] == ["5", "", ""]  # a sum over rows counts the operation once
    assert len({r["notes"] for r in out}) == 1
    acled = [r for r in rows(export(db, "--format", "acled-csv", "--one-row-per-place"))
             if r["event_id_cnty"] == ev["id"]]
    assert len(acled) == len(ev["places"]) == 3


def test_acled_csv_has_acleds_names_and_order(db, stored):
    out = rows(export(db, "--format", "acled-csv"))
    assert list(out[0]) == ACLED_COLUMNS
    attack = next(r for r in out if r["event_id_cnty"] == stored["attack"]["id"])
    assert (attack["year"], attack["disorder_type"], attack["country"]) == ("2003", "Political violence", "Morocco")
    assert attack["fatalities"] == "45" and attack["sub_event_type"] == "Suicide bomb"
    cell = next(r for r in out if r["event_id_cnty"] == stored["cell_dismantled"]["id"])
    assert (cell["disorder_type"], cell["sub_event_type"]) == ("Strategic developments", "Arrests")


@pytest.mark.parametrize("args, kind", [
    (("--type", "attack"), "attack"), (("--background",), "attack"), (("--no-background",), "cell_dismantled"),
    (("--place", "Tanger"), "cell_dismantled"), (("--place", "فاس"), "cell_dismantled"),
    (("--org", "Daesh"), "cell_dismantled"), (("--agency", "BCIJ"), "cell_dismantled"),
    (("--since", "2020"), "cell_dismantled"), (("--until", "2010-12"), "attack")])
def test_filters_are_those_of_events(db, stored, args, kind):
    out = rows(export(db, *args))
    assert [r["event_id"] for r in out] == [stored[kind]["id"]]
    listed = json.loads(run("events", "--db", db, "--format", "json", *args).stdout)
    assert [e["id"] for e in listed] == [r["event_id"] for r in out]


@pytest.mark.parametrize("args, words", [
    (("--type", "bombing"), "unknown type 'bombing'"), (("--place", "Casablnca"), "did you mean casablanca"),
    (("--org", "nobody"), "unknown org 'nobody'"), (("--since", "2020-13"), "invalid since date"),
    (("--format", "parquet", "--type", "attack", "-o", "lake"), "writes the whole store"),
    (("--format", "parquet",), "needs --output")])
def test_bad_filter_values_are_one_line_errors(db, args, words):
    result = run("export", "--db", db, *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("marsad: error: ") and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_output_file_holds_what_stdout_shows(db, tmp_path):
    target = tmp_path / "events.json"
    result = run("export", "--db", db, "--format", "json", "-o", str(target))
    assert result.exit_code == 0 and result.stdout.strip() == f"exported 2 events to {target}"
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(export(db, "--format", "json"))
    assert not list(tmp_path.glob("*.part"))
    folder = run("export", "--db", db, "-o", str(tmp_path))
    assert folder.exit_code == 1 and "is a folder" in folder.stderr
