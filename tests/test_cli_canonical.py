"""The command line over canonical events: events, show, merge, split, undo, resolve, revisions, constraints."""
from __future__ import annotations

import csv
import io
import json

import pytest

from marsad.cli import main
from marsad.evaluation import load_corpus, write_jsonl
from marsad.models import Document, Event, Record
from marsad.store import Store
from test_cli import run
from test_store_canonical import EVENTS

OUJDA = "أعلن المكتب المركزي للأبحاث القضائية تفكيك خلية إرهابية بمدينة وجدة تضم {n} أشخاص."
FES = "هاجم متطرف دورية للشرطة في فاس مما أسفر عن مقتل شخص."
REPORTS = [("a", 4, ["bcij"], "2024-01-10"), ("b", 4, [], "2024-01-11"), ("c", 3, [], "2024-01-12")]


@pytest.fixture
def db(make_target):
    """Three reports of one Oujda cell (4, 4 and 3 arrested) and one Fes attack, resolved
    (a SQLite file or a PostgreSQL database: the commands run on both)."""
    return fill(make_target("m.db"))


def fill(path: str) -> str:
    with Store(path) as store:
        for doc_id, n, agencies, published in REPORTS:
            text = OUJDA.format(n=n) + f" {doc_id}"  # three texts, not one stored once
            event = Event(type="cell_dismantled", date="2024-01-10", places=["oujda"], arrested=n,
                          affiliation=["isis"], agencies=agencies, evidence=[(0, len(text) - 1)])
            store.add(Document(id=doc_id, text=text, published=published, url=f"https://{doc_id}.invalid/1"),
                      Record(doc_id, "ar", published, True, [event]))
        attack = Event(type="attack", date="2024-01-11", places=["fes"], killed=1, evidence=[(0, 5)])
        store.add(Document(id="f", text=FES, published="2024-01-11"),
                  Record("f", "ar", "2024-01-11", True, [attack]))
        store.resolve()
    return str(path)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """The Feb 2025 cell and the Safi 2023 arrest, ingested from tests/corpus/events."""
    root = tmp_path_factory.mktemp("corpus")
    docs, _ = load_corpus(EVENTS)
    wanted = {"ev_01", "ev_02", "ev_03", "ev_04", "ev_07", "ev_29", "ev_30", "ev_31"}
    write_jsonl(({"id": d.id, "text": d.text, "published": d.published, "url": d.url, "lang": d.lang}
                 for d in docs if d.id in wanted), root / "docs.jsonl")
    result = run("ingest", str(root / "docs.jsonl"), "--db", str(root / "m.db"))
    assert result.exit_code == 0 and "8 added" in result.output
    return str(root / "m.db")


def ids(db: str) -> list[str]:
    return [e["id"] for e in json.loads(run("events", "--db", db, "--format", "json").output)]


def oujda(db: str) -> str:
    return json.loads(run("events", "--db", db, "--place", "oujda", "--format", "json").output)[0]["id"]


def test_events_lists_canonical_events_with_a_sources_column(corpus_db):
    result = run("events", "--db", corpus_db)
    assert result.exit_code == 0
    header, _, *rows = result.output.splitlines()
    assert header.split()[-1] == "sources" and header.split()[0] == "id"
    cell = next(r for r in rows if "2025-02-19" in r and "cell_dismantled" in r)
    assert cell.startswith("ev-") and " 12 " in cell and int(cell.split()[-1]) >= 4
    mentions = run("events", "--db", corpus_db, "--mentions").output.splitlines()
    assert mentions[0].split()[-1] == "document" and len(mentions) > len(rows) + 2


@pytest.mark.parametrize("mode", [[], ["--mentions"]])
def test_filters_work_on_events_and_on_mentions(corpus_db, mode):
    rows = json.loads(run("events", "--db", corpus_db, "--format", "json", "--place", "safi",
                          "--since", "2023-03", "--until", "2023-03-31", "--agency", "dgst",
                          "--no-background", *mode).output)
    assert rows and all("safi" in r["places"] and "dgst" in r["agencies"] for r in rows)
    assert json.loads(run("events", "--db", corpus_db, "--format", "json", "--type", "attack",
                          "--org", "jnim", *mode).output) == []
    bad = run("events", "--db", corpus_db, "--since", "soon", *mode)
    assert bad.exit_code == 1 and "invalid --since date" in bad.stderr


def test_json_has_sources_and_mentions_and_csv_has_one_row_per_event(corpus_db):
    events = json.loads(run("events", "--db", corpus_db, "--format", "json").output)
    cell = next(e for e in events if e["date"] == "2025-02-19" and e["type"] == "cell_dismantled")
    assert {s["document_id"] for s in cell["sources"]} >= {"ev_01", "ev_02", "ev_03"}
    assert set(cell["sources"][0]) == {"document_id", "outlet", "url", "lang", "published"}
    assert all(isinstance(i, int) for i in cell["mentions"]) and len(cell["mention_keys"]) == len(cell["mentions"])
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", corpus_db, "--format", "csv").output)))
    assert len(rows) == len(events) and json.loads(rows[0]["sources"])


def test_show_a_canonical_event_with_disagreements_sources_and_evidence(db):
    result = run("show", oujda(db), "--db", db)
    assert result.exit_code == 0
    out = result.output
    assert "cell_dismantled (news), 3 sources, 3 mentions" in out
    assert "arrested: 4" in out and "arrested: *4 (a, b); 3 (c)" in out
    assert "https://c.invalid/1" in out.split("sources:")[1]
    assert out.count("⟦") == 3 and "a#0 (mention" in out


def test_show_still_takes_mention_ids_and_says_what_an_id_is(db):
    assert "event 1: cell_dismantled" in run("show", "1", "--db", db).output
    for bad, message in (("ev-000000000000", "no canonical event"), ("twelve", "ev-…"),
                         ("999", "no event with id 999")):
        result = run("show", bad, "--db", db)
        assert result.exit_code == 1 and message in result.stderr


def test_merge_and_split_are_logged_hold_across_resolve_and_undo(db):
    before = sorted(ids(db))
    cell, attack = oujda(db), next(i for i in ids(db) if i != oujda(db))
    merged = run("merge", cell, attack, "--db", db)
    assert merged.exit_code == 0 and merged.output.startswith("merged into ev-")
    assert len(ids(db)) == 1
    one = ids(db)[0]
    split = run("split", one, "--mention", "f#0", "--mention", "3", "--db", db)
    assert split.exit_code == 0 and "2 mention(s) now in ev-" in split.output
    assert len(ids(db)) == 2
    again = run("resolve", "--db", db)
    assert again.exit_code == 0 and again.output.strip().endswith("nothing changed")
    log = json.loads(run("revisions", "--db", db, "--format", "json").output)
    assert {"merged", "split"} <= {r["action"] for r in log if r["who"] == "analyst"}
    undo = run("undo", "--db", db)
    assert undo.exit_code == 0 and undo.output.startswith("undid correction") and f"split of {one}" in undo.output
    assert len(ids(db)) == 1
    assert run("undo", "--db", db).exit_code == 0 and sorted(ids(db)) == before
    later = json.loads(run("revisions", "--db", db, "--format", "json").output)[len(log):]
    assert later and {r["who"] for r in later} == {"analyst"}
    nothing = run("undo", "--db", db)
    assert nothing.exit_code == 1 and "no correction to undo" in nothing.stderr


def test_merge_and_split_mistakes_are_one_line_errors(db):
    cell = oujda(db)
    for args, message in ((["merge", cell], "two different"), (["merge", cell, "ev-nope"], "no canonical event"),
                          (["split", cell, "--mention", "zz#9"], "not mentions of"),
                          (["split", cell, "--mention", "a#0", "--mention", "b#0", "--mention", "c#0"],
                           "cannot split every mention")):
        result = run(*args, "--db", db)
        assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1


def test_revisions_since_a_time_and_for_one_event(db):
    first = json.loads(run("revisions", "--db", db, "--format", "json").output)
    assert {r["action"] for r in first} == {"created"} and len(first) == 2
    cut = first[-1]["at"]
    run("merge", *ids(db), "--db", db)
    later = json.loads(run("revisions", "--db", db, "--since", cut, "--format", "json").output)
    assert {r["action"] for r in later} >= {"merged", "deleted"}
    table = run("revisions", "--db", db, "--event", later[0]["event"]).output
    assert table.splitlines()[0].split() == ["id", "at", "event", "action", "who", "changed"]
    bad = run("revisions", "--db", db, "--since", "yesterday")
    assert bad.exit_code == 1 and "invalid --since timestamp" in bad.stderr


def test_constraints_carry_corrections_to_another_database(db, tmp_path, make_target):
    copy = fill(make_target("copy.db"))
    run("merge", *ids(db), "--db", db)
    exported = run("constraints", "--db", db).output
    assert exported and all(json.loads(line)["kind"] == "must_link" for line in exported.splitlines())
    (tmp_path / "c.jsonl").write_text(exported, encoding="utf-8")
    assert len(ids(copy)) == 2
    result = run("constraints", "--db", copy, "--import", str(tmp_path / "c.jsonl"))
    assert result.exit_code == 0 and ids(copy) == ids(db) and len(ids(copy)) == 1
    (tmp_path / "bad.jsonl").write_text('{"a": "x#0", "b": "y#0", "kind": "maybe"}\n', encoding="utf-8")
    bad = run("constraints", "--db", copy, "--import", str(tmp_path / "bad.jsonl"))
    assert bad.exit_code == 1 and "bad constraint" in bad.stderr


def test_events_says_when_mentions_are_not_grouped_yet(make_target):
    path = make_target("old.db")
    with Store(path) as store:
        store.add(Document(id="x", text=FES, published="2024-01-11"),
                  Record("x", "ar", "2024-01-11", True, [Event(type="attack", places=["fes"])]))
    result = run("events", "--db", path)
    assert "1 mention is not grouped into events yet; run `marsad resolve`" in result.stderr
    assert "created" in run("resolve", "--db", path).output
    assert run("events", "--db", path).stderr == ""


@pytest.mark.parametrize("command", ["events", "show", "merge", "split", "resolve", "undo", "revisions", "constraints"])
def test_every_command_has_help(command):
    assert (main.commands[command].help or "").strip()
