"""``marsad bulk`` on a real Dask LocalCluster (2 worker processes) and Parquet out.

One cluster serves the module; the CLI tests start their own (as a user would).
Inputs are the project's own articles (samples/, tests/corpus) in every format bulk
reads, with bad lines, duplicate ids and near-duplicate copies among them.
"""
from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import dask
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from generated_articles import articles
from test_readers import PAGES, warc
from marsad.bulk import (StoreTarget, _jsonl_ranges, bulk_ingest, extract_part, plan, read_part,
                         stored_keys)
from marsad.ingest import ingest_paths
from marsad.parquet import PARTITION, SCHEMAS, export_parquet
from marsad.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SAMPLE_LINES = (ROOT / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
SAMPLE = SAMPLE_LINES[0]
PART = 4000  # bytes: the sample JSONL becomes several parts
MARSAD = [str(Path(sys.executable).parent / "marsad")]


ALLOWED_FAILURES = 1  # worker deaths a part survives here (Dask's default is 3): quicker tests


@pytest.fixture(scope="module")
def client():
    # one part at a time on a worker: a dying worker takes only its running part with it
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                          "distributed.scheduler.worker-saturation": 1.0}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
    with cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """A folder of every input type, with bad lines and duplicate ids across parts."""
    root = tmp_path_factory.mktemp("inputs")
    samples = SAMPLE_LINES
    first = json.loads(samples[0])
    lines = samples[:5] + ['{"id": "broken", "text": ', "not json at all"] + samples[5:]
    lines.insert(12, json.dumps({**first, "text": first["text"] + " (another)"}, ensure_ascii=False))
    lines.append(json.dumps({"id": "dated", "text": "x", "published": "2024-13-01"}))
    (root / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    copies = [{**json.loads(samples[1]), "id": "copy-1", "url": "https://other.invalid/1"},
              {"id": "en_01", "text": (CORPUS / "en" / "en_01.txt").read_text(encoding="utf-8"),
               "lang": "en"}]
    with gzip.open(root / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in copies))
    (root / "c").mkdir()
    for name in ("fr_01", "fr_02", "fr_03"):
        (root / "c" / f"{name}.txt").write_text((CORPUS / "fr" / f"{name}.txt").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    (root / "c" / "notes.pdf").write_bytes(b"%PDF")
    (root / "e").mkdir()
    (root / "e" / "crawl.warc.gz").write_bytes(warc(PAGES))
    (root / "e" / "bad.warc.gz").write_bytes(warc(PAGES[:1]) + b"not a WARC record\r\n\r\n")
    rows = [{"id": n, "text": (CORPUS / "ar" / f"{n}.txt").read_text(encoding="utf-8"),
             "published": "2024-02-0" + n[-1], "url": f"https://ar.invalid/{n}", "lang": "ar"}
            for n in ("ar_a03", "ar_a04", "ar_a05")]
    rows.insert(1, {"id": "ar_a03", "text": "مكرر", "published": None, "url": None, "lang": "ar"})
    rows.append({"id": "no-text", "text": None, "published": None, "url": None, "lang": None})
    pq.write_table(pa.Table.from_pylist(rows), root / "d.parquet", row_group_size=1)
    return root


def snapshot(db: str | Path, ids: list[str]) -> dict:
    """What the store holds, through its query API, without the times of writing."""
    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()
                    if k not in ("ingested_at", "created_at", "updated_at")}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    with Store(db, create=False) as s:
        documents = {}
        for i in ids:
            try:
                documents[i] = {**s.document(i), "sources": s.sources(i)}
            except Exception:  # noqa: BLE001 - a document not stored
                documents[i] = None
        return clean({"documents": documents, "mentions": s.events(), "claims": s.claims(),
                      "events": s.canonical_events(), "stats": s.stats(), "unresolved": s.unresolved()})


def input_ids(root: Path) -> list[str]:
    from marsad.readers import read_documents
    return sorted({d.id for d in read_documents([root]) if hasattr(d, "text")})


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*MARSAD, *args], capture_output=True, text=True, timeout=300, **kwargs)


def test_cli_bulk_stores_what_ingest_stores(inputs, tmp_path):
    ingest = run("ingest", str(inputs), "--db", str(tmp_path / "i.db"))
    bulk = run("bulk", str(inputs), "--db", str(tmp_path / "b.db"), "--workers", "2",
               "--part-size", str(PART))
    assert ingest.returncode == bulk.returncode == 1
    assert bulk.stdout.splitlines()[-1] == ingest.stdout.splitlines()[-1]
    assert " of stored articles" in bulk.stdout and "skipped: unsupported type .pdf" in bulk.stdout
    assert f"marsad: {inputs / 'e' / 'bad.warc.gz'}: corrupt archive at record offset" in bulk.stderr
    problems = [line for line in bulk.stderr.splitlines() if "dashboard" not in line]
    assert sorted(problems) == sorted(ingest.stderr.splitlines())
    assert f"marsad: {inputs / 'a.jsonl'}:7: invalid JSON: Expecting value (column 1)" in problems
    assert f"marsad: {inputs / 'd.parquet'}:2: duplicate id 'ar_a03' (first at row 1): " \
           "the first kept, this one skipped" in problems
    assert "Traceback" not in bulk.stderr
    assert "marsad: dashboard: http://" in bulk.stderr
    ids = input_ids(inputs)
    assert snapshot(tmp_path / "b.db", ids) == snapshot(tmp_path / "i.db", ids)
    assert snapshot(tmp_path / "b.db", ids)["stats"]["canonical_events"] > 10


def test_the_local_cluster_keeps_dask_logs_off_the_problems_stream(capfd):
    """A user's stderr holds marsad's problems only: what Dask logs in the scheduler or a
    worker process (a heartbeat lost at shutdown on a busy machine) is not printed."""
    import logging

    from marsad.bulk import connect
    with connect(workers=1, dashboard=None) as c:
        c.submit(logging.getLogger("distributed.worker").error, "worker-side log line").result()
        logging.getLogger("distributed.scheduler").error("scheduler-side log line")
    err = capfd.readouterr().err
    assert "worker-side log line" not in err and "scheduler-side log line" not in err


def test_parts_split_files_and_keep_line_numbers(inputs, tmp_path):
    parts, problems = plan([inputs], PART)
    kinds = [p.kind for p in parts]
    assert kinds.count("jsonl") > 3 and kinds.count("parquet") > 2 and "files" in kinds
    assert [g for p in parts if p.kind == "parquet" for g in p.row_groups] == list(range(5))
    assert [p.index for p in parts] == list(range(len(parts)))
    data = (inputs / "a.jsonl").read_bytes()
    ranges = _jsonl_ranges(inputs / "a.jsonl", PART)
    assert b"".join(data[a:b] for a, b, _, _ in ranges) == data
    for start, _, line, _ in ranges:
        assert data[:start].count(b"\n") + 1 == line
        assert start == 0 or data[start - 1:start] == b"\n"
    assert [p.message for p in problems] == [".pdf"]


def test_bulk_api_same_as_ingest_and_rerun_extracts_nothing(client, inputs, tmp_path):
    seen = []
    with Store(tmp_path / "i.db") as store:
        expected = ingest_paths([inputs], store)
    summary = bulk_ingest([inputs], StoreTarget(str(tmp_path / "b.db")), client, PART,
                          on_problem=seen.append)
    assert str(summary) == str(expected)
    assert sorted(map(str, seen)) == sorted(map(str, expected.problems))
    ids = input_ids(inputs)
    assert snapshot(tmp_path / "b.db", ids) == snapshot(tmp_path / "i.db", ids)

    with Store(tmp_path / "b.db") as store:
        stored = stored_keys(store)
    parts, _ = plan([inputs], PART)
    items = [item for part in parts for item in extract_part(part, stored) if isinstance(item, tuple)]
    extracted = [(doc.id, doc.text[-10:]) for doc, record in items if record is not None]
    # nothing stored is extracted again: only the two later duplicates, which are not stored
    assert len(items) > 20 and sorted(extracted) == [(json.loads(SAMPLE)["id"], " (another)"),
                                                     ("ar_a03", "مكرر")]
    again = bulk_ingest([inputs], StoreTarget(str(tmp_path / "b.db")), client, PART)
    assert (again.added, again.updated, again.copies) == (0, 0, 0)
    assert again.unchanged == expected.ingested
    assert snapshot(tmp_path / "b.db", ids) == snapshot(tmp_path / "i.db", ids)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_workers_writing_themselves_store_the_same_records(client, inputs, tmp_path, backend, request):
    """Workers that write their parts themselves (the way to PostgreSQL, whose writers may
    be on many machines; tried on SQLite too, which takes several writer processes on one
    machine) store what ingest stores."""
    if backend == "sqlite":
        written = str(tmp_path / "w.db")
        target = StoreTarget(written, workers_write=True)
    else:
        written = request.getfixturevalue("pg_server").new_database()
        target = StoreTarget(written)
    assert target.writes_in_workers and not StoreTarget("x.db").writes_in_workers
    assert StoreTarget("postgresql://u@h/marsad").writes_in_workers
    no_dups = inputs.parent / "nodup"
    no_dups.mkdir(exist_ok=True)
    (no_dups / "s.jsonl").write_bytes((ROOT / "samples" / "articles.jsonl").read_bytes())
    summary = bulk_ingest([no_dups], target, client, PART)
    with Store(tmp_path / "i.db") as store:
        expected = ingest_paths([no_dups], store)
    assert str(summary) == str(expected)
    got, want = (snapshot(db, input_ids(no_dups)) for db in (written, tmp_path / "i.db"))
    for snap in (got, want):  # row ids follow the order of writing, keys do not
        snap["mentions"] = sorted(({k: v for k, v in m.items() if k != "id"} for m in snap["mentions"]),
                                  key=lambda m: m["key"])
        snap["claims"] = sorted(({k: v for k, v in c.items() if k != "id"} for c in snap["claims"]),
                                key=lambda c: (c["document_id"], c["metric"], c["value"]))
        for e in snap["events"]:
            e.pop("mentions")
        for d in snap["documents"].values():
            d.pop("event_ids"), d.pop("claim_ids")
    assert got == want


def test_parquet_export_reads_back_with_the_documented_schema(inputs, tmp_path):
    db = tmp_path / "i.db"
    with Store(db) as store:
        ingest_paths([inputs], store)
    result = run("export", "--db", str(db), "--format", "parquet", "--output", str(tmp_path / "pq"))
    assert result.returncode == 0, result.stderr
    doc = (ROOT / "docs" / "parquet.md").read_text(encoding="utf-8")
    with Store(db) as store:
        stats = store.stats()
        keys = sorted(m["key"] for m in store.events())
        canonical = sorted(e["id"] for e in store.canonical_events())
    tables = {}
    for name, schema in SCHEMAS.items():
        dataset = ds.dataset(tmp_path / "pq" / name, format="parquet",
                             partitioning=ds.partitioning(PARTITION, flavor="hive"))
        assert dataset.schema.equals(schema), name
        tables[name] = dataset.to_table()
        for field in schema:
            assert f"`{field.name}`" in doc.split(f"## {name}")[1].split("\n## ")[0], (name, field.name)
    assert tables["documents"].num_rows == stats["documents"]
    assert tables["claims"].num_rows == stats["claims"]
    assert sorted(tables["mentions"]["key"].to_pylist()) == keys
    assert sorted(tables["events"]["id"].to_pylist()) == canonical
    events = tables["events"].to_pylist()
    for e in events:  # partitioned by the first day the event covers
        assert (e["year"], e["month"]) == ((e["date_start"].year, e["date_start"].month)
                                           if e["date_start"] else (None, None))
    assert any(e["year"] is None for e in events) or all(e["date_start"] for e in events)
    assert any((tmp_path / "pq" / "events").glob("year=*/month=*/part-0.parquet"))


def _generated(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles("g", n)),
                    encoding="utf-8")
    return path


def test_rerun_after_kill_9_completes_with_nothing_duplicated(client, tmp_path):
    source = _generated(tmp_path / "g.jsonl", 120)
    db = tmp_path / "k.db"
    proc = subprocess.Popen([*MARSAD, "bulk", str(source), "--db", str(db), "--workers", "1",
                             "--part-size", "8000"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    stored = 0
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                stored = 0
        if stored >= 20:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its cluster, as a crash would
    proc.wait()
    assert 20 <= stored < 120, "killed before the end"
    rerun = run("bulk", str(source), "--db", str(db), "--workers", "1", "--part-size", "8000")
    assert rerun.returncode == 0, rerun.stderr
    assert "unchanged" in rerun.stdout and " 0 unchanged" not in rerun.stdout
    bulk_ingest([source], StoreTarget(str(tmp_path / "ref.db")), client, 8000)
    ids = [a["id"] for a in articles("g", 120)]
    assert snapshot(db, ids) == snapshot(tmp_path / "ref.db", ids)
    assert snapshot(db, ids)["unresolved"] == 0


def test_a_killed_worker_part_is_retried(client, tmp_path):
    source = _generated(tmp_path / "g.jsonl", 200)
    pids = client.run(os.getpid)
    killed: list[tuple[str, str]] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 60
        while not killed and time.monotonic() < deadline:
            for worker, keys in client.processing().items():
                if keys and worker in pids:
                    os.kill(pids[worker], signal.SIGKILL)
                    killed.append((worker, keys[0]))
                    return
            time.sleep(0.005)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    summary = bulk_ingest([source], StoreTarget(str(tmp_path / "b.db")), client, 50_000)
    killer.join()
    assert killed, "no part was running to kill"
    worker, key = killed[0]
    moves = [(s[2], s[3], s[5]) for s in client.story(key) if s[0] == "scheduler"]
    # its worker died while running it (or holding its result, when it had just finished) …
    lost = next(i for i, (a, b, why) in enumerate(moves) if a in ("processing", "memory")
                and b == "released" and why.startswith("handle-worker-cleanup"))
    after = [m[:2] for m in moves[lost + 1:]]
    assert after.index(("processing", "memory")) > after.index(("released", "waiting"))  # … again
    assert summary.added == 200 and summary.failed == 0 and summary.parts_failed == 0  # … and again
    with Store(tmp_path / "b.db") as store:
        assert store.stats()["documents"] == 200 and store.unresolved() == 0
    client.wait_for_workers(2, timeout=60)


def test_cli_bulk_on_a_running_scheduler(client, tmp_path):
    sample = ROOT / "samples" / "articles.jsonl"
    address = client.scheduler.address
    result = run("bulk", str(sample), "--db", str(tmp_path / "s.db"), "--scheduler", address,
                 "--parquet-out", str(tmp_path / "pq"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"ingested {len(SAMPLE_LINES)} documents: " \
                                            f"{len(SAMPLE_LINES)} added, 0 unchanged, 0 failed"
    assert result.stdout.splitlines()[1].startswith(f"exported to {tmp_path / 'pq'}: ")
    with Store(tmp_path / "i.db") as store:
        ingest_paths([sample], store)
    ids = [json.loads(line)["id"] for line in SAMPLE_LINES]
    assert snapshot(tmp_path / "s.db", ids) == snapshot(tmp_path / "i.db", ids)
    both = run("bulk", str(sample), "--db", str(tmp_path / "s.db"), "--scheduler", address,
               "--workers", "2")
    assert both.returncode == 1 and both.stderr.startswith("marsad: error: --scheduler and --workers")
    wrong = run("bulk", str(sample), "--db", str(tmp_path / "s.db"), "--scheduler", "udp://127.0.0.1:1")
    assert wrong.returncode == 1 and wrong.stderr.startswith(
        "marsad: error: cannot reach the Dask scheduler at udp://127.0.0.1:1: ") and "Traceback" not in wrong.stderr


def test_damaged_gzip_and_parquet_inputs_are_one_problem_each(tmp_path):
    from marsad.readers import read_documents

    lines = "".join(line + "\n" for line in SAMPLE_LINES).encode("utf-8")
    packed = gzip.compress(lines)
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 not really")
    pq.write_table(pa.Table.from_pylist([{"name": "no id or text"}]), tmp_path / "other.parquet")
    items = list(read_documents([tmp_path]))
    problems = [str(i) for i in items if not hasattr(i, "text")]
    docs = [i for i in items if hasattr(i, "text")]
    assert 0 < len(docs) < len(SAMPLE_LINES)  # what was read before the damage is kept
    assert problems[0].startswith(f"{tmp_path / 'cut.jsonl.gz'}: corrupt gzip stream: EOFError")
    assert problems[1].startswith(f"{tmp_path / 'junk.parquet'}: cannot read Parquet: ")
    assert problems[2] == f"{tmp_path / 'other.parquet'}:1: missing field 'id'"
    assert len(problems) == 3


def test_a_part_that_kills_every_worker_is_one_problem(client, tmp_path):
    """A worker plugin kills any worker that starts part 2 (as a poison input would):
    after ALLOWED_FAILURES + 1 deaths the part is reported, every other part stored."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class Poison(WorkerPlugin):
        def transition(self, key, start, finish, **kwargs):
            if finish == "executing" and str(key).startswith("marsad-part-") and str(key).endswith("-2"):
                os.kill(os.getpid(), signal.SIGKILL)

    source = _generated(tmp_path / "g.jsonl", 60)
    seen = []
    client.register_plugin(Poison(), name="poison")
    try:
        summary = bulk_ingest([source], StoreTarget(str(tmp_path / "p.db")), client, 12_000,
                              on_problem=seen.append)
    finally:
        client.unregister_worker_plugin("poison")
        client.wait_for_workers(2, timeout=60)
    parts, _ = plan([source], 12_000)
    assert summary.parts == len(parts) > 3 and summary.parts_failed == 1
    [problem] = [str(p) for p in seen]
    assert problem.startswith(f"{parts[2]}: not processed: KilledWorker") and "run again" in problem
    lost = sum(1 for _ in read_part(parts[2]))
    with Store(tmp_path / "p.db") as store:
        assert store.stats()["documents"] == summary.added == 60 - lost
