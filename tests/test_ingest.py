"""Tests for marsad.ingest: batches go on past bad documents and report them."""
from __future__ import annotations

import io
import json

import pytest

from marsad import ingest
from marsad.ingest import IngestSummary, extract_file, ingest_paths
from marsad.models import Event, Record
from marsad.readers import InputProblem
from marsad.store import Store

TEXTS = {
    "a": "فككت المصالح الأمنية خلية إرهابية تنشط بمدينة وجدة.",
    "b": "أوقفت الشرطة شابا متطرفا بمدينة أكادير.",
    "c": "حجزت السلطات أسلحة نارية في مخبأ قرب مدينة الناظور.",
}


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "broken.jsonl").write_text('{"id": "d", "text": "x"}\n{oops\n', encoding="utf-8")
    return root


@pytest.fixture
def store(tmp_path, make_target):
    with Store(make_target("t.db")) as s:
        yield s


def fake_extract(doc):
    return Record(doc.id, "ar", doc.published, True, [Event(type="arrest", places=["oujda"])])


def test_extract_file_streams_records_and_reports_problems(folder):
    out, seen = io.StringIO(), []
    summary = extract_file([folder], out, on_problem=seen.append)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "d", "c"]
    assert set(records[0]) == {"id", "lang", "published", "relevant", "events", "claims"}
    assert (summary.records, summary.failed) == (4, 1)
    assert seen == summary.problems
    assert str(seen[0]) == f"{folder / 'broken.jsonl'}:2: invalid JSON: Expecting property name " \
                           "enclosed in double quotes (column 2)"


def test_extract_file_to_a_path_keeps_arabic_readable(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    extract_file([folder / "a.txt"], out)
    assert '"id": "a"' in out.read_text(encoding="utf-8")


def test_extract_failure_is_one_problem(folder, monkeypatch):
    def extract(doc):
        if doc.id == "b":
            raise ValueError("bad date")
        return fake_extract(doc)

    monkeypatch.setattr(ingest, "extract", extract)
    out = io.StringIO()
    summary = extract_file([folder / "a.txt", folder / "b.txt", folder / "c.txt"], out)
    assert summary.records == 2
    [problem] = summary.problems
    assert str(problem) == f"{folder / 'b.txt'}: document 'b': extraction failed: ValueError: bad date"


def test_ingest_counts_and_is_idempotent(folder, store, monkeypatch):
    monkeypatch.setattr(ingest, "extract", fake_extract)
    first = ingest_paths([folder], store)
    assert (first.added, first.unchanged, first.failed) == (4, 0, 1)
    assert str(first) == "ingested 4 documents: 4 added, 0 unchanged, 1 failed"
    calls = []
    monkeypatch.setattr(ingest, "extract", lambda doc: calls.append(doc) or fake_extract(doc))
    second = ingest_paths([folder], store)
    assert (second.added, second.unchanged, second.failed) == (0, 4, 1)
    assert calls == []  # stored texts are not extracted again
    assert store.stats()["events"] == 4


def test_ingest_goes_on_past_failures(folder, store, monkeypatch):
    def extract(doc):
        if doc.id == "a":
            raise RuntimeError("boom")
        record = fake_extract(doc)
        if doc.id == "b":
            record.events[0].type = None  # the store refuses it
        return record

    monkeypatch.setattr(ingest, "extract", extract)
    progress = []
    summary = ingest_paths([folder], store, progress=progress.append)
    assert (summary.added, summary.failed) == (2, 3)
    messages = [str(p) for p in summary.problems]
    assert messages[0].endswith("document 'a': extraction failed: RuntimeError: boom")
    assert "document 'b': not stored: cannot store document 'b'" in messages[1]
    assert messages[2].startswith(f"{folder / 'broken.jsonl'}:2: invalid JSON")
    assert len(progress) == 5 and sum(isinstance(p, InputProblem) for p in progress) == 3
    assert sorted(store.document(i)["id"] for i in ("c", "d")) == ["c", "d"]


def test_summary_line():
    assert str(IngestSummary(added=30, unchanged=5, failed=2)) == \
        "ingested 35 documents: 30 added, 5 unchanged, 2 failed"
    assert str(IngestSummary(added=1, updated=2)) == \
        "ingested 3 documents: 1 added, 0 unchanged, 2 updated, 0 failed"


def test_a_grouping_failure_is_a_warning_and_the_document_stays_stored(folder, store, monkeypatch):
    towns = {"a": "oujda", "b": "agadir", "c": "nador"}
    monkeypatch.setattr(ingest, "extract", lambda doc: Record(
        doc.id, "ar", doc.published, True, [Event(type="arrest", places=[towns[doc.id]])]))
    # A real failure inside resolution: the database refuses canonical events for document b.
    if store.dialect == "postgresql":
        store.conn.script("""CREATE FUNCTION refuse_b() RETURNS trigger LANGUAGE plpgsql AS $$
                             BEGIN
                                 IF NEW.mention_id IN (SELECT id FROM event_mentions WHERE document_id = 'b') THEN
                                     RAISE EXCEPTION 'refused for the test';
                                 END IF;
                                 RETURN NEW;
                             END $$;
                             CREATE TRIGGER refuse_b BEFORE INSERT ON canonical_members FOR EACH ROW
                             EXECUTE FUNCTION refuse_b()""")
    else:
        store.conn.execute("""CREATE TRIGGER refuse_b BEFORE INSERT ON canonical_members
                              WHEN NEW.mention_id IN (SELECT id FROM event_mentions WHERE document_id = 'b')
                              BEGIN SELECT RAISE(ABORT, 'refused for the test'); END""")
    summary = ingest_paths([folder / "a.txt", folder / "c.txt", folder / "b.txt"], store)
    assert (summary.added, summary.failed, summary.warnings) == (3, 0, 1)
    [problem] = summary.problems
    assert "document 'b': stored, but not grouped into events (run `marsad resolve`)" in str(problem)
    assert str(problem).startswith(f"{folder / 'b.txt'}: warning: ")
    assert store.document("b")["id"] == "b"
    assert "1 warning" in str(summary)
