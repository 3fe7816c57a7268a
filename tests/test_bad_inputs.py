"""Issue 16, defects 4-6: one bad line, value or file never aborts a batch or passes unsaid.

Each defect is tested with the reproducer of ../shared/repro (skipped with a message when
it is absent, as in a user's clone) and with a generated equivalent. The command line
runs as a real process over real files and a real SQLite database: stderr is what a
user sees, warcio's own writes included.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.models import (MAX_AGE, MAX_CLAIM_VALUE, MAX_PERSONS, Claim, Document, Event, Record,
                           check_published)
from marsad.pipeline.extract import extract
from marsad.readers import InputProblem, read_documents
from marsad.text.dates import resolve_after, resolve_relative_date
from marsad.text.normalize import normalize
from marsad.text.numbers import may_start_number, parse_number
from marsad.text.tokens import MAX_NUMBER_CHARS, is_number_text, tokenize

REPRO = Path(__file__).resolve().parents[1].parent / "shared" / "repro"
CELL = "تمكن المكتب المركزي للأبحاث القضائية من تفكيك خلية إرهابية تتكون من {} عناصر بطنجة"
ARREST_EN = "Moroccan police arrested {} suspects in Tangier on Monday, the BCIJ said."
GOOD = [{"id": "g1", "text": CELL.format(4), "published": "2024-03-01"},
        {"id": "g2", "text": ARREST_EN.format("three"), "lang": "en", "published": "2024-03-02"}]


def repro(name: str) -> Path:
    path = REPRO / name
    if not path.exists():
        pytest.skip(f"{path} not found (the reproducers live in ../shared/repro)")
    return path


def marsad(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``marsad ARGS`` in a process of its own; fails the test on a traceback."""
    done = subprocess.run([sys.executable, "-c", "from marsad.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return done


def ingest(tmp_path: Path, *paths: Path | str) -> tuple[subprocess.CompletedProcess, dict]:
    """Ingest into a new database; the process and the stored texts by id."""
    db = tmp_path / "m.db"
    done = marsad("ingest", *map(str, paths), "--db", str(db))
    return done, stored(db)


def stored(db: Path) -> dict[str, str]:
    if not db.exists():
        return {}
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, text FROM documents"))


def write_jsonl(path: Path, *lines: dict | str | bytes) -> Path:
    out = b""
    for line in lines:
        if isinstance(line, dict):
            line = json.dumps(line, ensure_ascii=False)
        out += (line if isinstance(line, bytes) else line.encode("utf-8")) + b"\n"
    path.write_bytes(out)
    return path


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


# -- defect 4: one bad line aborts the batch ----------------------------------------------------

def test_deep_json_nesting_reproducer(tmp_path):
    done, docs = ingest(tmp_path, repro("deep_json_nesting.jsonl"))
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {repro('deep_json_nesting.jsonl')}:2: invalid JSON: nested too deeply"]
    assert len(docs) == 2


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_deep_json_nesting_is_one_line_and_the_rest_is_stored(tmp_path, suffix):
    deep = '{"id": "deep", "text": "x", "n": ' + "[" * 200_000 + "]" * 200_000 + "}"
    if suffix == ".jsonl":
        path = write_jsonl(tmp_path / "in.jsonl", GOOD[0], deep, GOOD[1])
        expected = f"marsad: {path}:2: invalid JSON: nested too deeply"
    else:
        path = tmp_path / "in.json"
        path.write_text("[" + deep + "]", encoding="utf-8")
        expected = f"marsad: {path}: invalid JSON: nested too deeply"
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [expected]
    assert sorted(docs) == (["g1", "g2"] if suffix == ".jsonl" else [])


def test_a_number_too_long_for_python_in_json_is_one_line(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", '{"id": "n", "text": "x", "n": ' + "9" * 5000 + "}",
                       GOOD[0])
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    [line] = problem_lines(done.stderr)
    assert line.startswith(f"marsad: {path}:1: invalid JSON: ") and "4300 digits" in line
    assert list(docs) == ["g1"]


def test_lone_surrogate_reproducer(tmp_path):
    path = repro("lone_surrogate.jsonl")
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {path}:1: warning: document 'sur': 2 characters that UTF-8 cannot hold "
        "(lone surrogates, invalid bytes) replaced by U+FFFD"]
    assert docs["sur"].startswith("\ufffd ") and docs["sur"].endswith(" \ufffd")
    assert len(docs) == 2


def test_lone_surrogates_in_every_field_are_replaced_one_for_one(tmp_path):
    text = CELL.format(4)
    path = write_jsonl(tmp_path / "in.jsonl",
                       '{"id": "s1", "text": "\\ud800' + text + '\\udfff", "title": "t\\udbff"}',
                       '{"id": "s2", "html": "<html><body><article><h1>x</h1><p>' + text
                       + ' \\ud83d</p><p>' + text + '</p></article></body></html>"}',
                       GOOD[0])
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    assert [line.split(": warning: ")[0] for line in problem_lines(done.stderr)] == [
        f"marsad: {path}:1", f"marsad: {path}:2"]
    assert docs["s1"] == "\ufffd" + text + "\ufffd"  # same length: evidence offsets hold
    assert docs["s2"].count(text) == 2  # the page is read past the surrogate
    assert "g1" in docs
    with sqlite3.connect(tmp_path / "m.db") as conn:
        assert conn.execute("SELECT title FROM documents WHERE id='s1'").fetchone() == ("t\ufffd",)


def test_python_api_replaces_lone_surrogates():
    doc = Document(id="a\udc00", text="x\ud800y", title="\udfff")
    assert (doc.id, doc.text, doc.title, doc.replaced) == ("a\ufffd", "x\ufffdy", "\ufffd", 3)
    assert Document(id="a", text="كلمة").replaced == 0
    extract(doc)  # and the text can be extracted and hashed
    doc.text.encode("utf-8")


# -- defect 5: inputs that crash extraction or cannot be stored ------------------------------

def test_superscript_digit_reproducer(tmp_path):
    done, docs = ingest(tmp_path, repro("superscript_digit.jsonl"))
    assert (done.returncode, done.stderr) == (0, "")
    assert len(docs) == 3


def test_overflow_inputs_reproducer(tmp_path):
    path = repro("overflow_inputs.jsonl")
    done, docs = ingest(tmp_path, path)
    assert (done.returncode, done.stderr) == (0, "")
    assert len(docs) == 5
    records = [json.loads(line) for line in marsad("extract", "-i", str(path)).stdout.splitlines()]
    assert [r["id"] for r in records] == ["pub9999", "pub9999_min", "digits5000", "arrested1e30", "d02"]
    assert all(e["arrested"] is None or e["arrested"] <= MAX_PERSONS for r in records for e in r["events"])


@pytest.mark.parametrize("word, number", [
    ("2", True), ("٣", True), ("12,500", True), ("٢٠١٩", True),
    ("²", False), ("①", False), ("¹", False), ("⑳", False), ("½", False),
    ("9" * MAX_NUMBER_CHARS, True), ("9" * (MAX_NUMBER_CHARS + 1), False), ("7" * 5000, False),
])
def test_what_is_a_number(word, number):
    assert is_number_text(word) is number
    assert may_start_number(word) is number


@pytest.mark.parametrize("raw, expected", [
    ("² عناصر", None), ("① suspects", None), ("2² عناصر", 2), ("12 عنصرا", 12),
    ("3 آلاف", 3000), ("7" * 5000, None), ("1" + "0" * 23, 10 ** 23),
])
def test_parse_number_on_odd_digits(raw, expected):
    parsed = parse_number(tokenize(normalize(raw).text)[0], 0)
    assert (parsed[0] if parsed else None) == expected


@pytest.mark.parametrize("text, lang", [
    (CELL.format("²"), "ar"), (CELL.format("2²"), "ar"), (CELL.format("①"), "ar"),
    (ARREST_EN.format("\u2460"), "en"), (ARREST_EN.format("¹²³"), "en"),
    (ARREST_EN.format("7" * 5000), "en"), (CELL.format("9" * 4301), "ar"),
    ("وتتراوح أعمارهم بين ²² و³³ سنة. " + CELL.format(3), "ar"),
])
def test_odd_digits_never_crash_extraction(text, lang):
    record = extract(Document(id="x", text=text, lang=lang, published="2024-01-01"))
    assert record.relevant is not None


@pytest.mark.parametrize("count", ["100000000000000000000", "1000000000000000000000000", "200000",
                                   "1" + "0" * 30, "9" * 24])
def test_huge_counts_in_a_text_are_stored_and_never_past_the_bound(tmp_path, count):
    lines = [{"id": "x", "text": CELL.format(count)}, {"id": "y", "text": ARREST_EN.format(count),
                                                       "lang": "en"}]
    for line in lines:
        record = extract(Document(**line))
        assert all(e.arrested is None or e.arrested <= MAX_PERSONS for e in record.events)
    done, docs = ingest(tmp_path, write_jsonl(tmp_path / "in.jsonl", *lines))
    assert (done.returncode, done.stderr, sorted(docs)) == (0, "", ["x", "y"])


@pytest.mark.parametrize("fields, kept", [
    ({"arrested": MAX_PERSONS}, {"arrested": MAX_PERSONS}),
    ({"arrested": MAX_PERSONS + 1}, {"arrested": None}),
    ({"arrested": 10 ** 30, "killed": 3}, {"arrested": None, "killed": 3}),
    ({"killed": -1}, {"killed": None}),
    ({"age_min": 20, "age_max": MAX_AGE}, {"age_min": 20, "age_max": MAX_AGE}),
    ({"age_min": 20, "age_max": MAX_AGE + 1}, {"age_min": None, "age_max": None}),
    ({"age_min": -1, "age_max": 30}, {"age_min": None, "age_max": None}),
])
def test_record_bounds_on_events(fields, kept):
    record = Record("x", "ar", None, True, events=[Event(type="arrest", **fields)])
    record.drop_out_of_bounds()
    assert {k: getattr(record.events[0], k) for k in kept} == kept


@pytest.mark.parametrize("value, kept", [
    (3000, True), (MAX_CLAIM_VALUE, True), (MAX_CLAIM_VALUE + 1, False), (2 ** 63, False), (-5, False)])
def test_record_bounds_on_claims(value, kept):
    record = Record("x", "ar", None, True, claims=[Claim(metric="persons_arrested", value=value)])
    record.drop_out_of_bounds()
    assert bool(record.claims) is kept


@pytest.mark.parametrize("rule, published, expected", [
    ({"days": -1}, "9999-12-31", "9999-12-30"),
    ({"days": 1}, "9999-12-31", None),
    ({"days": -1}, "0001-01-01", None),
    ({"interval": [-3, -1]}, "0001-01-02", None),
    ({"interval": [-3, -1]}, "0001-01-05", "0001-01-02/0001-01-04"),
    ({"week": [4, 6]}, "0001-01-03", None),
    ({"week": [4, 6]}, "9999-12-31", "9999-12-24/9999-12-26"),
    ({"weekday": 0}, "0001-01-01", "0001-01-01"),
    ({"weekday": 6}, "0001-01-01", None),
    ({"month": -1}, "0001-01-20", None),
    ({"month": -1}, "9999-12-31", "9999-11"),
    ({"month": 1}, "9999-12-31", None),
    ({"year": -1}, "0001-06-01", None),
    ({"year": 1}, "9999-06-01", None),
    ({"year": -1}, "2024-06-01", "2023"),
])
def test_relative_dates_stay_inside_the_calendar(rule, published, expected):
    assert resolve_relative_date(rule, dt.date.fromisoformat(published)) == expected


@pytest.mark.parametrize("anchor, expected", [
    ("9999-12-30", None), ("9999-12-20", "9999-12-21/9999-12-27"), ("2024-02-27", "2024-02-28/2024-03-05")])
def test_days_after_an_anchor_stay_inside_the_calendar(anchor, expected):
    assert resolve_after({"after": [1, 7]}, anchor) == expected


@pytest.mark.parametrize("published", ["9999-12-31", "9999-12-28", "0001-01-01", "0001-01-06"])
def test_extreme_publication_dates_are_extracted_and_stored(tmp_path, published):
    texts = [CELL.format(4) + " أمس الخميس، في 28 دجنبر، الأسبوع الماضي، الشهر الماضي.",
             "Police arrested three suspects in Tangier yesterday; another cell was dismantled "
             "last week, days after the first, the BCIJ said last month."]
    lines = [{"id": f"e{i}", "text": t, "published": published} for i, t in enumerate(texts)]
    done, docs = ingest(tmp_path, write_jsonl(tmp_path / "in.jsonl", *lines))
    assert (done.returncode, done.stderr, sorted(docs)) == (0, "", ["e0", "e1"])
    assert marsad("resolve", "--db", str(tmp_path / "m.db")).returncode == 0


# -- defect 6: silent outcomes -----------------------------------------------------------------

def test_duplicate_ids_reproducer(tmp_path):
    path = repro("duplicate_ids.jsonl")
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {path}:2: duplicate id 'dup1' (first at line 1): the first kept, this one skipped"]
    assert docs == {"dup1": first["text"]}


def test_duplicate_ids_in_jsonl_and_json(tmp_path):
    a, b = {"id": "d", "text": CELL.format(3)}, {"id": "d", "text": CELL.format(5)}
    path = write_jsonl(tmp_path / "in.jsonl", a, GOOD[0], b, b)
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    assert problem_lines(done.stderr)[:2] == [
        f"marsad: {path}:3: duplicate id 'd' (first at line 1): the first kept, this one skipped",
        f"marsad: {path}:4: duplicate id 'd' (first at line 1): the first kept, this one skipped"]
    assert docs["d"] == a["text"]
    as_json = tmp_path / "list.json"
    as_json.write_text(json.dumps([a, b]), encoding="utf-8")
    items = list(read_documents([as_json]))
    assert [str(i) for i in items if isinstance(i, InputProblem)] == [
        f"{as_json}: item 1: duplicate id 'd' (first at item 0): the first kept, this one skipped"]
    # the same id in two files of one batch is an update, as in two batches
    other = write_jsonl(tmp_path / "later.jsonl", b)
    assert sum(isinstance(i, Document) for i in read_documents([path, other])) == 3


def test_nul_bytes_reproducer(tmp_path):
    path = repro("nul_bytes.jsonl")
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {path}:{n}: line holds NUL bytes (binary data, not text)" for n in (2, 3)]
    assert sorted(docs) == ["d01", "d03"]


def test_nul_bytes_reject_their_lines_only(tmp_path):
    nul_text = b'{"id": "n", "text": "' + CELL.format(2).encode() + b'\x00\x00\x00"}'
    path = write_jsonl(tmp_path / "in.jsonl", GOOD[0], nul_text, b"\x00" * 500, GOOD[1])
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    assert [line.split(": ", 2)[1:] for line in problem_lines(done.stderr)[:2]] == [
        [f"{path}:2", "line holds NUL bytes (binary data, not text)"],
        [f"{path}:3", "line holds NUL bytes (binary data, not text)"]]
    assert sorted(docs) == ["g1", "g2"]


@pytest.mark.parametrize("data", [b"\x00" * 5000 + b"\n" + json.dumps(GOOD[0]).encode(),
                                  b"\x89PNG\r\n\x1a\n" + bytes(4000) + b"\n",
                                  '{"id": "u", "text": "x"}\n'.encode("utf-16-le") * 50])
def test_a_binary_jsonl_file_is_still_one_problem(tmp_path, data):
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    assert [str(i) for i in read_documents([path])] == [f"{path}: binary file, not text"]


def test_what_a_folder_skips_is_said(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    write_jsonl(root / "sub" / "a.jsonl", GOOD[0])
    (root / "b.txt").write_text(CELL.format(5), encoding="utf-8")
    (root / "c.bin").write_bytes(b"\x00\x01")
    (root / "d.bin").write_bytes(b"\x00\x02")
    (root / "README").write_text("notes")
    (root / ".hidden.bin").write_bytes(b"x")  # hidden: ignored on purpose, not reported
    (root / "broken.txt").symlink_to(root / "nowhere.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "up").symlink_to(root)  # a loop through a folder
    (root / "also").symlink_to(root / "sub")  # a folder met twice is read once
    done, docs = ingest(tmp_path, root)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {root / 'broken.txt'}: broken link (its target does not exist), skipped",
        f"marsad: {root / 'loop.txt'}: link loop, skipped",
        f"marsad: {root / 'up'}: link loop (a link to a folder holding it), skipped"]
    assert done.stdout.strip() == ("ingested 2 documents: 2 added, 0 unchanged, 3 failed; "
                                   "3 files skipped: unsupported type .bin (2), no extension (1)")
    assert sorted(docs) == ["b", "g1"]


def test_unsupported_files_alone_are_said_but_no_failure(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "b.txt").write_text(CELL.format(5), encoding="utf-8")
    (root / "notes.md").write_text("notes")
    done, _ = ingest(tmp_path, root)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.strip().endswith("; 1 file skipped: unsupported type .md")
    done = marsad("extract", "-i", str(root), "-o", str(tmp_path / "out.jsonl"))
    assert (done.returncode, done.stderr) == (0, "marsad: 1 file skipped: unsupported type .md\n")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs a POSIX user without root's right to read any folder")
def test_an_unreadable_folder_is_said(tmp_path):
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "b.txt").write_text(CELL.format(5), encoding="utf-8")
    (root / "locked").chmod(0)
    try:
        done, docs = ingest(tmp_path, root)
    finally:
        (root / "locked").chmod(0o755)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {root / 'locked'}: cannot read folder: Permission denied"]
    assert list(docs) == ["b"]


def test_gzip_bomb_reproducer_is_one_line(tmp_path):
    path = repro("warc_gzip_bomb.warc.gz")
    done, _ = ingest(tmp_path, path)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {path}: record at offset 0 (http://x/a): page too large (> 20 MB)"]


def _record(body: bytes, declared: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/a\r\n"
            f"WARC-Date: 2025-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {declared + len(http)}\r\n\r\n").encode()
    return head + http + body + b"\r\n\r\n"


def test_gzip_bomb_is_one_line(tmp_path):
    body = bytes(21_500_000)  # longer than it says, past the page cap: warcio warns of the rest
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gzip.compress(_record(body, 21_000_000), compresslevel=1))
    done, _ = ingest(tmp_path, path)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {path}: record at offset 0 (http://x/a): page too large (> 20 MB)"]


def test_a_record_longer_than_it_says_is_one_warning(tmp_path):
    page = f"<html><body><article><h1>x</h1><p>{CELL.format(4)}</p></article></body></html>"
    data = page.encode() + b"STRAY BYTES " * 1000
    path = tmp_path / "long.warc"
    path.write_bytes(_record(data, len(page.encode())))
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    [line] = problem_lines(done.stderr)
    assert line.startswith(f"marsad: {path}: warning: record before offset ")
    assert line.endswith("is longer than its Content-Length says") and len(line) < 300
    assert len(docs) == 1


@pytest.mark.parametrize("published", ["0000-00-00", "2025-02-31", "2025-13-01", "2025-2-3",
                                       "20250203", "2025-02-03T10:00", "", " 2025-02-03", 20250203])
def test_python_api_refuses_an_impossible_published(published):
    with pytest.raises(ValueError, match="published must be a YYYY-MM-DD date, got"):
        Document(id="a", text=CELL.format(2), published=published)
    with pytest.raises(ValueError, match="published must be a YYYY-MM-DD date"):
        check_published(published)
    doc = Document(id="a", text=CELL.format(2))
    doc.published = published  # set after the check: extract checks again
    with pytest.raises(ValueError, match="published must be a YYYY-MM-DD date"):
        extract(doc)


@pytest.mark.parametrize("published", [None, "2025-02-28", "2024-02-29", "0001-01-01", "9999-12-31"])
def test_python_api_takes_any_calendar_day(published):
    record = extract(Document(id="a", text=CELL.format(2), published=published))
    assert record.published == published


def test_cli_reports_an_impossible_published_on_its_line(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", {"id": "p", "text": "x", "published": "2025-02-31"},
                       GOOD[0])
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    assert problem_lines(done.stderr) == [
        f"marsad: {path}:1: field 'published' must be a YYYY-MM-DD date, got '2025-02-31'"]
    assert list(docs) == ["g1"]


CUT = (CELL.format(4) + ". ").encode("utf-8") * 3  # a page's few bad bytes must stay under 1 %


@pytest.mark.parametrize("bad", [b"\xd8", b"\xed\xa0\x80", b"\xff\xfe\xff"])
@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl"])
def test_a_few_invalid_bytes_are_replaced_not_read_as_another_encoding(tmp_path, bad, suffix):
    """A character cut in two or an encoded lone surrogate once made the whole text
    Windows-1256 mojibake («ط§ظ„»); now each bad sequence is U+FFFD and it is said."""
    if suffix == ".txt":
        data = CUT + bad + CUT
    elif suffix == ".html":
        data = (b"<html><body><article><h1>x</h1><p>" + CUT + bad + CUT
                + b"</p></article></body></html>")
    else:
        data = b'{"id": "in", "text": "' + CUT + bad + CUT + b'"}\n'
    path = tmp_path / f"in{suffix}"
    path.write_bytes(data)
    done, docs = ingest(tmp_path, path)
    assert done.returncode == 1
    [line] = problem_lines(done.stderr)
    assert line.startswith(f"marsad: {path}") and ": warning: document 'in': " in line
    [text] = docs.values()
    assert text.count(CELL.format(4)) == 6 and "\ufffd" in text and "ظ„" not in text


def test_arabic_single_byte_text_is_still_read_as_such(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(CELL.format(4).encode("cp1256"))
    done, docs = ingest(tmp_path, path)
    assert (done.returncode, done.stderr, docs) == (0, "", {"in": CELL.format(4)})


def test_extract_output_of_a_batch_with_no_record_is_empty_not_stale(tmp_path):
    """click opened ``-o`` lazily, on the first record: a batch of bad lines left the
    previous run's records in the file, as if they were this run's."""
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "stale"}\n', encoding="utf-8")
    bad = write_jsonl(tmp_path / "in.jsonl", "not json")
    done = marsad("extract", "-i", str(bad), "-o", str(out))
    assert done.returncode == 1
    assert out.read_text(encoding="utf-8") == ""
