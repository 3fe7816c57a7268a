"""Concurrent writers: several real marsad processes on one SQLite file.

Every article is stored exactly once, or reported; what each process counts does not
depend on how the input was split between processes. The articles are generated
(tests/generated_articles.py): distinct ids, distinct texts, no near duplicates.
Issue 16 found no reproducer file for this: the processes are the reproducer.
"""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generated_articles import article, articles, write_jsonl
from httpsite import article_page, rss
from marsad.ingest import ingest_paths
from marsad.store import Store
from marsad.store.locking import begin_write
from marsad.store.migrations import MIGRATIONS
from marsad.store.pg import PgConnection, is_dsn

MARSAD = [sys.executable, "-c", "from marsad.cli import main; main()"]
GUARD_S = 600  # against a hang only: four ingests of 150 articles take seconds
COUNT = re.compile(r"(\d+) (added|unchanged|updated|copies|copy|failed|new)")
FAST = ["--rate", "1000", "--retry-delay", "0.001", "--timeout", "5"]


def start(*args: str, stdin: int | None = None) -> subprocess.Popen:
    return subprocess.Popen([*MARSAD, *args], stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def open_at_once(script: str, target: str, n: int = 6) -> list[tuple[int, str, str]]:
    """Run ``script`` (which prints "ready" then waits for a line) in ``n`` processes on
    ``target``, let them all go at once when every one has started (imports take the
    time), and :func:`finish` them."""
    processes = [subprocess.Popen([sys.executable, "-c", script, target], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]
    for p in processes:
        assert p.stdout.readline() == "ready\n"
    for p in processes:
        p.stdin.write("go\n")
        p.stdin.flush()
    return finish(processes)


def finish(processes: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    """Wait for every process: ``(exit status, stdout, stderr)`` each."""
    out = []
    for p in processes:
        try:
            stdout, stderr = p.communicate(timeout=GUARD_S)
        except subprocess.TimeoutExpired:
            for q in processes:
                q.kill()
            raise
        out.append((p.returncode, stdout, stderr))
    return out


def counts(summary: str) -> dict[str, int]:
    """{"added": 150, "unchanged": 0, ...} from a summary line."""
    # «1 copy of stored articles»: the singular is the plural's count
    return {("copies" if word == "copy" else word): int(n) for n, word in COUNT.findall(summary)}


def total(results: list[tuple[int, str, str]], word: str) -> int:
    return sum(counts(stdout).get(word, 0) for _, stdout, _ in results)


def rows(db: Path | str, sql: str) -> list[tuple]:
    """The rows of a query on a SQLite file or a PostgreSQL database, as plain tuples."""
    conn = PgConnection(db, create=False) if is_dsn(db) else sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(sql).fetchall()]
    finally:
        conn.close()


def schema_version(db: Path | str) -> int:
    sql = "SELECT version FROM marsad_schema" if is_dsn(db) else "PRAGMA user_version"
    return rows(db, sql)[0][0]


def assert_all_succeeded(results: list[tuple[int, str, str]]) -> None:
    for status, stdout, stderr in results:
        assert (status, stderr) == (0, ""), stdout + stderr
        assert "Traceback" not in stdout + stderr


def assert_resolved(db: Path) -> None:
    """Every stored mention belongs to a canonical event (resolution ran despite the others)."""
    assert rows(db, "SELECT count(*) FROM event_mentions e WHERE NOT EXISTS "
                    "(SELECT 1 FROM canonical_members m WHERE m.mention_id = e.id)") == [(0,)]
    assert rows(db, "SELECT count(*) FROM canonical_events WHERE stale") == [(0,)]


# -- done when: four concurrent ingests into one new database -----------------------------------

def test_four_ingests_into_one_new_database_store_every_article(tmp_path, make_target, backend):
    # fewer articles on PostgreSQL: a server round trip per statement makes each one slower
    n, prefixes = 90 if backend == "sqlite" else 45, ("p1", "p2", "p3", "p4")
    files = []
    for prefix in prefixes:
        files.append(tmp_path / f"{prefix}.jsonl")
        write_jsonl(files[-1], articles(prefix, n))
    db = make_target("new.db", exists=False)
    results = finish([start("ingest", "--db", str(db), str(f)) for f in files])
    assert_all_succeeded(results)
    for _, stdout, _ in results:
        assert counts(stdout) == {"added": n, "unchanged": 0, "failed": 0}, stdout
    assert total(results, "added") == 4 * n
    stored = {r[0] for r in rows(db, "SELECT id FROM documents WHERE copy_of IS NULL")}
    assert stored == {f"{p}-{i:05d}" for p in prefixes for i in range(n)}
    assert rows(db, "SELECT count(*) FROM documents") == [(4 * n,)]
    assert schema_version(db) == len(MIGRATIONS)
    assert_resolved(db)


# -- a new database opened by several processes at once ------------------------------------------

OPEN_WHEN_TOLD = """
import sys
from marsad.errors import StoreError
from marsad.store import Store
from marsad.store.locking import begin_write
print("ready", flush=True)
sys.stdin.readline()  # every process waits here, then all open the new file at once
try:
    with Store(sys.argv[1]) as store:
        print(store.conn.execute("PRAGMA user_version").fetchone()[0],
              store.conn.execute("PRAGMA journal_mode").fetchone()[0])
except StoreError as e:
    print(f"marsad: error: {e}")
    sys.exit(1)
"""


@pytest.mark.parametrize("version", [0, 0, 3], ids=["new", "new-again", "old-version-3"])
def test_processes_opening_a_database_to_migrate_at_once_all_succeed(tmp_path, version):
    """A new file (or one at an old schema version) opened by six processes at once: one
    migrates it, the others wait and find it done."""
    db = tmp_path / "m.db"
    if version:
        conn = sqlite3.connect(db, isolation_level=None)
        for number, script in enumerate(MIGRATIONS[:version], start=1):
            conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        conn.close()
    results = open_at_once(OPEN_WHEN_TOLD, str(db))
    assert [(status, stdout.strip()) for status, stdout, _ in results] == \
        [(0, f"{len(MIGRATIONS)} wal")] * 6, results
    assert rows(db, "SELECT count(*) FROM sqlite_master WHERE name = 'documents'") == [(1,)]


OPEN_PG_WHEN_TOLD = """
import sys
from marsad.errors import StoreError
from marsad.store import Store
print("ready", flush=True)
sys.stdin.readline()
try:
    with Store(sys.argv[1]) as store:
        print(store.conn.execute("SELECT version FROM marsad_schema").fetchone()[0])
except StoreError as e:
    print(f"marsad: error: {e}")
    sys.exit(1)
"""


def test_processes_creating_a_postgresql_database_at_once_all_succeed(pg_server):
    """Six processes open one PostgreSQL database that does not exist yet: one creates it and
    one migrates it, the others wait and find it done."""
    db = pg_server.new_name()
    results = open_at_once(OPEN_PG_WHEN_TOLD, db)
    assert [(status, stdout.strip()) for status, stdout, _ in results] == \
        [(0, str(len(MIGRATIONS)))] * 6, results
    assert rows(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'documents'") == [(1,)]


def test_two_ingests_creating_a_new_database_both_store(tmp_path, make_target):
    """The command itself: both processes migrate-or-wait, neither fails."""
    files = []
    for prefix in ("n1", "n2"):
        files.append(tmp_path / f"{prefix}.jsonl")
        write_jsonl(files[-1], articles(prefix, 10))
    db = make_target("new.db", exists=False)
    results = finish([start("ingest", "--db", str(db), str(f)) for f in files])
    assert_all_succeeded(results)
    assert total(results, "added") == 20
    assert rows(db, "SELECT count(*) FROM documents") == [(20,)]


# -- the same article in several processes -------------------------------------------------------

def test_the_same_articles_in_two_processes_are_stored_and_counted_once(tmp_path, make_target):
    n = 60
    path = tmp_path / "same.jsonl"
    write_jsonl(path, articles("same", n))
    db = make_target("m.db")
    with Store(db):  # an existing database: both processes start storing at once
        pass
    results = finish([start("ingest", "--db", str(db), str(path)) for _ in range(2)])
    assert_all_succeeded(results)
    # each article: added by the process that stored it first, unchanged for the other
    assert (total(results, "added"), total(results, "unchanged")) == (n, n), results
    assert total(results, "copies") == 0
    assert rows(db, "SELECT count(*) FROM documents") == [(n,)]
    assert_resolved(db)


def canonical(db: Path) -> dict[str, tuple[str, str, int]]:
    """Canonical events: id -> (record without timestamps, date, number of sources)."""
    return {cid: (record, date, sources) for cid, record, date, sources in rows(
        db, "SELECT id, record, date, source_count FROM canonical_events")}


def test_input_split_across_processes_gives_the_events_of_one_process(tmp_path, make_target):
    """Canonical events (ids, records, sources) do not depend on how many processes stored
    and resolved the articles: three processes give what one gives."""
    files = []
    for prefix in ("s1", "s2", "s3"):
        files.append(tmp_path / f"{prefix}.jsonl")
        write_jsonl(files[-1], articles(prefix, 40))
    single = make_target("one.db")
    with Store(single) as store:
        one = ingest_paths(files, store)
    assert (one.added, one.failed) == (120, 0)
    db = make_target("three.db")
    results = finish([start("ingest", "--db", str(db), str(f)) for f in files])
    assert_all_succeeded(results)
    assert total(results, "added") == 120
    assert_resolved(db)
    expected = canonical(single)
    assert len(expected) >= 120  # every article reports at least one operation
    assert canonical(db) == expected


def _copies_input(tmp_path: Path) -> tuple[Path, Path]:
    """Two files: 40 ``x`` articles, and 50 ``y`` articles of which the first 40 repeat the
    ``x`` article of their number under their own id (exactly, or with a dateline and a
    signature added: a near duplicate); both files in the same order, so that two
    processes reach each text at about the same moment."""
    x, y = articles("x", 40), articles("y", 50)
    for i in range(40):
        text = x[i]["text"] if i % 2 == 0 else "الرباط (ومع) - " + x[i]["text"] + " (انتهى)"
        y[i] = {**y[i], "text": text}
    write_jsonl(tmp_path / "x.jsonl", x)
    write_jsonl(tmp_path / "y.jsonl", y)
    return tmp_path / "x.jsonl", tmp_path / "y.jsonl"


def test_copies_are_counted_alike_by_one_process_and_by_two(tmp_path, make_target):
    """The same text under another id is a copy whichever process stored the original:
    the input split across processes gives the store and the totals of one process."""
    x, y = _copies_input(tmp_path)
    with Store(make_target("one.db")) as store:
        one = ingest_paths([x, y], store)
    assert (one.added, one.copies, one.unchanged, one.failed) == (50, 40, 0, 0)

    db = make_target("two.db")
    with Store(db):  # an existing database: both processes start storing at once
        pass
    results = finish([start("ingest", "--db", str(db), str(f)) for f in (x, y)])
    assert_all_succeeded(results)
    assert (total(results, "added"), total(results, "copies"), total(results, "unchanged")) == \
        (one.added, one.copies, 0), results
    assert rows(db, "SELECT count(*), count(copy_of) FROM documents") == [(90, 40)]
    ids = {r[0] for r in rows(db, "SELECT id FROM documents")}
    assert ids == {f"x-{i:05d}" for i in range(40)} | {f"y-{i:05d}" for i in range(50)}
    # every copy points at the other file's article with that text
    for copy, original in rows(db, "SELECT id, copy_of FROM documents WHERE copy_of IS NOT NULL"):
        (a, number), (b, same_number) = copy.split("-"), original.split("-")
        assert {a, b} == {"x", "y"} and number == same_number
    assert_resolved(db)


# -- ingest, crawl and watch at once ---------------------------------------------------------------

def test_ingests_crawl_and_watch_at_once_store_every_article_once(site, tmp_path, make_target):
    pages = [article("web", i) for i in range(30)]
    paths = [f"/news/{i}.html" for i in range(len(pages))]
    for path, page in zip(paths, pages):
        site.add(path, article_page(f"{page['text'][:60]}\n{page['text']}", page["lang"]))
    site.add("/rss.xml", rss([site.url(p) for p in paths]), "application/rss+xml")
    files = []
    for prefix in ("i1", "i2"):
        files.append(tmp_path / f"{prefix}.jsonl")
        write_jsonl(files[-1], articles(prefix, 60))
    db = make_target("m.db")
    processes = [start("ingest", "--db", str(db), str(f)) for f in files]
    processes.append(start("crawl", site.url("/rss.xml"), "--db", str(db), *FAST))
    processes.append(start("watch", site.url("/rss.xml"), "--db", str(db), "--every", "1s",
                           "--max-rounds", "2", *FAST))
    results = finish(processes)
    assert_all_succeeded(results)
    assert sum(counts(stdout).get("added", 0) for _, stdout, _ in results[:2]) == 120
    crawled = [counts(line) for _, stdout, _ in results[2:] for line in stdout.splitlines()]
    assert sum(c.get("new", 0) for c in crawled) == len(pages)  # each page new exactly once
    assert sum(c.get("failed", 0) for c in crawled) == 0
    assert rows(db, "SELECT count(*) FROM documents") == [(120 + len(pages),)]
    assert rows(db, "SELECT count(*) FROM fetches WHERE kind = 'page' AND error IS NULL") == \
        [(len(pages),)]
    assert_resolved(db)


# -- waiting for the write lock ---------------------------------------------------------------------

def _writer(path: Path, hold_s: float, commits: int, ready: threading.Event) -> None:
    """Hold the write lock ``commits`` times in a row for ``hold_s`` each, committing between."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5)
    for i in range(commits):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?)", (i,))
        ready.set()
        time.sleep(hold_s)
        conn.execute("COMMIT")  # and at once BEGIN again: a poller hardly ever gets in between
    conn.close()


def _waiting_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=0.3)  # one round of waiting
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
    return conn


def test_a_writer_waits_while_others_keep_committing(tmp_path):
    conn = _waiting_connection(tmp_path / "w.db")
    ready = threading.Event()
    other = threading.Thread(target=_writer, args=(tmp_path / "w.db", 0.15, 12, ready))
    other.start()
    ready.wait()
    begin_write(conn)  # about 1.8 s of other transactions: six rounds of 0.3 s, each with commits
    conn.execute("INSERT INTO t VALUES (-1)")
    conn.execute("COMMIT")
    other.join()
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 13


def test_a_writer_gives_up_on_a_stuck_one(tmp_path):
    conn = _waiting_connection(tmp_path / "w.db")
    ready = threading.Event()
    other = threading.Thread(target=_writer, args=(tmp_path / "w.db", 2.0, 1, ready))
    other.start()
    ready.wait()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        begin_write(conn)  # no commit in a round of waiting: the lock holder is stuck
    other.join()
