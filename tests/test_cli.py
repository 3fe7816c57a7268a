"""Tests for the marsad command line (click's CliRunner, stdout and stderr apart)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

import marsad
from marsad import cli, ingest
from marsad.cli import main
from marsad.models import Claim, Document, Event, Record
from marsad.store import Store

ARTICLE = ("أعلن المكتب المركزي للأبحاث القضائية تفكيك خلية إرهابية بمدينة وجدة. "
           "وتتراوح أعمار الموقوفين بين 22 و31 سنة.")
OTHER = "أوقفت المصالح الأمنية شخصا متطرفا بمدينة العيون للاشتباه في تورطه في الإرهاب."


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()


def run(*args: str, input: str | None = None):
    result = runner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output + result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        result.exception
    return result


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "articles"
    (root / "more").mkdir(parents=True)
    (root / "oujda.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "more" / "laayoune.txt").write_text(OTHER, encoding="utf-8")
    return root


@pytest.fixture
def db(make_target):
    """A database with one stored event and one claim, built by hand (SQLite or PostgreSQL)."""
    path = make_target("m.db")
    start = ARTICLE.index("تفكيك")
    event = Event(type="cell_dismantled", date="2024-01-10", places=["oujda"], arrested=3,
                  age_min=22, age_max=31, affiliation=["isis"], agencies=["bcij"],
                  evidence=[(start, start + len("تفكيك خلية إرهابية"))])
    claim = Claim(metric="persons_arrested", value=300, qualifier="more_than", source="bcij")
    with Store(path) as store:
        store.add(Document(id="oujda", text=ARTICLE, published="2024-01-10"),
                  Record("oujda", "ar", "2024-01-10", True, [event], [claim]))
        store.resolve(["oujda"])
    return str(path)


def test_every_command_and_option_has_help():
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert command.help, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts}"
    assert run("--help").exit_code == 0


def test_extract_stdin_to_stdout():
    docs = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                   for i, t in (("1", ARTICLE), ("2", OTHER)))
    result = run("extract", input=docs)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["1", "2"]
    assert all(set(r) == {"id", "lang", "published", "relevant", "events", "claims"}
               for r in records)


def test_extract_bad_line_goes_on_and_fails(tmp_path):
    docs = json.dumps({"id": "1", "text": ARTICLE}, ensure_ascii=False) + "\n{bad\n"
    result = run("extract", input=docs)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.startswith("marsad: <stdin>:2: invalid JSON:")


def test_extract_folder_to_file(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("extract", "--input", str(folder), "--output", str(out))
    assert result.exit_code == 0
    assert [json.loads(l)["id"] for l in out.read_text(encoding="utf-8").splitlines()] == \
        ["laayoune", "oujda"]


def test_ingest_twice(folder, make_target):
    db = make_target("new.db", exists=False)
    first = run("ingest", str(folder), "--db", db)
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip() == "ingested 2 documents: 2 added, 0 unchanged, 0 failed"
    second = run("ingest", str(folder), "--db", db)
    assert second.stdout.strip() == "ingested 2 documents: 0 added, 2 unchanged, 0 failed"
    assert second.stderr == ""


def test_ingest_bad_file(folder, make_target):
    (folder / "scan.txt").write_bytes(b"\x00\x01\x02\x03\xff" * 100)
    result = run("ingest", str(folder), "--db", make_target("x.db"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"marsad: {folder / 'scan.txt'}: binary file, not text"]
    assert result.stdout.strip() == "ingested 2 documents: 2 added, 0 unchanged, 1 failed"


def test_ingest_many_documents_with_progress(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "isatty", lambda stream: True)
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": f"{OTHER} {i}"},
                                       ensure_ascii=False) + "\n" for i in range(30)),
                    encoding="utf-8")
    result = run("ingest", str(path), "--db", str(tmp_path / "p.db"))
    assert result.exit_code == 0
    assert "30 added" in result.stdout


def test_ingest_extraction_error_is_one_line(folder, tmp_path, monkeypatch):
    def broken(doc):
        raise KeyError("oops")

    monkeypatch.setattr(ingest, "extract", broken)
    result = run("ingest", str(folder / "oujda.txt"), "--db", str(tmp_path / "e.db"))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"marsad: {folder / 'oujda.txt'}: document 'oujda': extraction failed")


@pytest.mark.parametrize("command", [["events"], ["claims"], ["show", "1"], ["search", "x"],
                                     ["stats"]])
def test_read_commands_need_a_database(make_target, command):
    missing = make_target("marsad.db", exists=False)
    result = run(*command, "--db", missing)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"marsad: error: no database at {missing}; " \
                                    "run `marsad ingest` first"


def test_events_table(db):
    result = run("events", "--db", db, "--mentions")
    assert result.exit_code == 0
    header, rule, row = result.stdout.splitlines()
    assert header.split() == ["id", "date", "type", "places", "arrested", "killed", "ages", "affiliation",
                              "agencies", "bg", "document"]
    assert row.split() == ["1", "2024-01-10", "cell_dismantled", "oujda", "3", "22-31", "isis",
                           "bcij", "oujda"]
    header, rule, row = run("events", "--db", db).stdout.splitlines()  # canonical events
    assert header.split()[-1] == "sources" and row.split()[1:] == [
        "2024-01-10", "cell_dismantled", "oujda", "3", "22-31", "isis", "bcij", "1"]


def test_events_columns_choose_and_order_the_table(db):
    header, rule, row = run("events", "--db", db, "--columns", "places,date,arrested").stdout.splitlines()
    assert header.split() == ["places", "date", "arrested"] and row.split() == ["oujda", "2024-01-10", "3"]
    header, rule, row = run("events", "--db", db, "--mentions", "--columns", "document,killed,id").stdout.splitlines()
    assert header.split() == ["document", "killed", "id"] and row.split() == ["oujda", "1"]
    for args, words in ((("--columns", "date,town"), "no column 'town': choose among id, date"),
                        (("--columns", "date", "--format", "csv"), "--format csv gives every field")):
        result = run("events", "--db", db, *args)
        assert result.exit_code == 1 and words in result.stderr and result.stderr.count("\n") == 1


def test_events_json_and_csv(db):
    [event] = json.loads(run("events", "--db", db, "--format", "json", "--mentions").stdout)
    assert (event["id"], event["places"], event["places_detail"][0]["id"]) == (1, ["oujda"], "oujda")
    assert event["key"] == "oujda#0"
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv",
                                               "--mentions").stdout)))
    assert rows[0]["type"] == "cell_dismantled" and rows[0]["places"] == "oujda"
    assert rows[0]["background"] == "no"
    [canonical] = json.loads(run("events", "--db", db, "--format", "json").stdout)
    assert canonical["id"].startswith("ev-") and canonical["mentions"] == [1]
    assert [s["document_id"] for s in canonical["sources"]] == ["oujda"]


@pytest.mark.parametrize("mode", [[], ["--mentions"]])
@pytest.mark.parametrize("args, count", [
    (["--type", "arrest"], 0), (["--since", "2024"], 1), (["--until", "2023-12"], 0),
    (["--place", "oujda"], 1), (["--org", "isis"], 1), (["--agency", "dgst"], 0),
    (["--background"], 0), (["--no-background"], 1), (["--limit", "0"], 0),
])
def test_events_filters(db, args, count, mode):
    result = run("events", "--db", db, "--format", "json", *args, *mode)
    assert len(json.loads(result.stdout)) == count


def test_library_errors_are_one_line(db):
    result = run("events", "--db", db, "--since", "10/01/2024")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("marsad: error: invalid --since date '10/01/2024': "
                                     "use YYYY, YYYY-MM or YYYY-MM-DD")
    result = run("show", "42", "--db", db)
    assert result.stderr.strip() == "marsad: error: no event with id 42"


def test_claims(db):
    result = run("claims", "--db", db)
    assert "persons_arrested" in result.stdout and "more_than" in result.stdout
    [claim] = json.loads(run("claims", "--db", db, "--format", "json", "--metric",
                             "persons_arrested").stdout)
    assert claim["value"] == 300
    assert json.loads(run("claims", "--db", db, "--format", "json", "--source", "x").stdout) == []


def test_show(db):
    result = run("show", "1", "--db", db)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("event 1: cell_dismantled (news)")
    assert "places: oujda" in out and "ages: 22-31" in out and "agencies: bcij" in out
    assert "⟦تفكيك خلية إرهابية⟧ بمدينة وجدة." in out
    assert "أعمار" not in out  # the next sentence is not part of the evidence line


def test_show_marks_each_value_s_own_words(folder, tmp_path):
    db = str(tmp_path / "x.db")
    assert run("ingest", str(folder / "oujda.txt"), "--db", db).exit_code == 0
    out = run("show", "1", "--db", db).stdout
    values = out.split("values:\n", 1)[1].split("evidence:", 1)[0]
    assert "places oujda: " in values and "⟦وجدة⟧" in values.split("places oujda: ", 1)[1].splitlines()[0]
    assert "agencies bcij: " in values and "⟦المكتب المركزي للأبحاث القضائية⟧" in values
    assert "age_min 22: " in values and "بين 22 و31 سنة⟧" in values


def test_search(db):
    result = run("search", "الإرهابية", "--db", db)
    assert result.exit_code == 0
    first, snippet = result.stdout.splitlines()
    assert first.startswith("oujda  2024-01-10  أعلن المكتب")
    assert "⟦إرهابية⟧" in snippet
    nothing = run("search", "تمساح", "--db", db)
    assert nothing.stdout == "" and "no documents found" in nothing.stderr


def test_stats(db):
    assert json.loads(run("stats", "--db", db).stdout)["events"] == 1


def test_version_and_help_load_no_store_or_pipeline():
    """`marsad --version` starts without the store, the pipeline or numpy (issue 14: start-up)."""
    code = ("import sys\nfrom marsad.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('marsad.store', 'marsad.pipeline', 'numpy'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["marsad, version " + marsad.__version__, "[]"]


def test_every_command_is_registered_by_the_module_named_for_it():
    import importlib

    from marsad.cli_base import COMMAND_MODULES, main as group
    for name, module in COMMAND_MODULES.items():
        importlib.import_module(module)
        assert name in group.commands, (name, module)
    assert set(group.commands) == set(COMMAND_MODULES)


def test_the_readme_shows_every_command():
    from pathlib import Path

    from marsad.cli_base import COMMAND_MODULES
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert [c for c in COMMAND_MODULES if f"marsad {c}" not in readme] == []
