#!/usr/bin/env python3
"""A synthetic marsad store of many canonical events, for benchmarks of ``marsad serve``.

Writes plain SQL rows (places, documents with their search index, one mention per event,
canonical events with their values and members) in one transaction into a store at the
current schema version. The spread is rough but realistic: events over 25 years, types
mostly cell_dismantled and arrest, places from the gazetteer's towns with a few big cities
far busier (Zipf), 1–3 places, 0–2 groups, 1–3 agencies, a partner now and then, dates
mostly days (some months, years, intervals, a few undated), 10 % background, 1–4 sources
among the documents. The rollups of schema versions 5 and 7 are computed once at the end (the
insert triggers are set aside while loading, then put back), exactly as the triggers
would have kept them.

    python bench/synthetic_store.py OUT.db [--events 1000000] [--documents 20000] [--seed 1] [--claims 0]

From Python: ``build(path, events=200_000)``. 1,000,000 events take about a minute or two.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.places import load_places  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.store.dates import date_bounds  # noqa: E402
from marsad.store.migrations import browse_rebuild_sql, record_rebuild_sql  # noqa: E402
from marsad.store.search import shadow_text  # noqa: E402

YEARS = 25
START = dt.date(2001, 1, 1)
TYPES = (("cell_dismantled", 0.5), ("arrest", 0.3), ("seizure", 0.12), ("attack", 0.08))
ORGS = ("isis", "isis-sahel", "al-qaeda", "aqim", "jnim", "salafia-jihadia")
AGENCIES = ("bcij", "dgst", "dgsn", "bnpj", "interior-ministry", "royal-gendarmerie")
PARTNERS = ("ES", "FR", "US", "BE", "DE", "NL", "IT", "GB", "DZ", "TN", "ML")
ITEMS = ("firearms", "weapons", "ammunition", "explosives", "explosive-precursors",
         "bladed-weapons", "electronic-devices", "extremist-material", "cash")
PLOTS = ("bombing", "suicide-attack", "assassination", "join-conflict-zone", "recruitment")
TARGETS = ("security-forces", "public-buildings", "tourist-sites", "foreigners", "civilians")
OUTLETS = ("hespress", "le360", "map", "moroccoworldnews", "alyaoum24", "medias24", "yabiladi")
WORDS = ("تفكيك", "خلية", "إرهابية", "داعش", "الساحل", "توقيف", "متطرفين", "المكتب", "المركزي",
         "للأبحاث", "القضائية", "حجز", "أسلحة", "cell", "dismantled", "arrested", "suspects",
         "cellule", "démantelée", "terroriste", "BCIJ", "DGST", "Morocco", "Maroc")
TOWNS = 400  # the busiest towns of the gazetteer used as places
CREATED = "2025-01-01T00:00:00.000000Z"


def build(path: str | Path, events: int = 200_000, documents: int = 20_000, seed: int = 1,
          claims: int = 0) -> Path:
    """Create (replace) a store at ``path`` with ``events`` canonical events (and ``claims``
    statistical claims, :func:`add_claims`); return the path."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Store(path).close()  # the schema, at the current version
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                            "AND tbl_name IN ('canonical_events', 'documents')").fetchall()
    conn.execute("BEGIN")
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    towns = _places(conn)
    docs = _documents(conn, documents, rng)
    _events(conn, events, towns, docs, rng)
    conn.execute("COMMIT")
    conn.executescript("BEGIN;" + browse_rebuild_sql() + record_rebuild_sql() + ";\n".join(sql for _, sql in triggers)
                       + ";\nCOMMIT;")
    conn.close()
    if claims:
        add_claims(path, claims, seed)
    return path


METRICS = ("cells_dismantled", "persons_arrested", "plots_foiled", "attacks")
CLAIM_SOURCES = (None, None, "interior-ministry", "dgst", "bcij", "dgsn", "Expert 1", "Expert 2")


def add_claims(path: str | Path, n: int, seed: int = 1) -> None:
    """Add ``n`` statistical claims (a running total or a year's count by a source) to the
    documents of the store at ``path``, through the claims table's own triggers."""
    rng = random.Random(seed + 1)
    conn = sqlite3.connect(path, isolation_level=None)
    docs = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")]
    ordinals = dict(conn.execute("SELECT document_id, max(ordinal) + 1 FROM claims GROUP BY document_id"))
    rows = []
    for _ in range(n):
        doc = rng.choice(docs)
        ordinal = ordinals.get(doc, 0)
        ordinals[doc] = ordinal + 1
        year = START.year + rng.randrange(YEARS)
        since, period = (str(year - rng.randint(1, 10)), None) if rng.random() < 0.3 else (None, str(year))
        rows.append((doc, ordinal, rng.choice(METRICS), rng.randint(1, 3000),
                     rng.choice(("exact", "exact", "more_than", "about")), since, period,
                     rng.choice(CLAIM_SOURCES), "[[0, 10]]"))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO claims (document_id, ordinal, metric, value, qualifier, since, period, source, "
                     "evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.close()


def _places(conn: sqlite3.Connection) -> list[str]:
    """Insert the busiest towns of the gazetteer; return their ids, busiest first."""
    places = sorted((p for p in load_places().values()
                     if p.kind == "town" and p.country == "MA" and p.lat is not None),
                    key=lambda p: -(p.population or 0))[:TOWNS]
    conn.executemany(
        "INSERT OR REPLACE INTO places (id, geonames_id, name_ar, name_fr, name_en, lat, lon, province, "
        "region, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(p.id, p.geonames_id, p.name_ar, p.name_fr, p.name_en, p.lat, p.lon, p.province, p.region,
          p.country) for p in places])
    return [p.id for p in places]


def _documents(conn: sqlite3.Connection, n: int, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """Insert ``n`` short documents (and their search rows); return (id, outlet, url, published)."""
    out = []
    for i in range(n):
        doc_id = f"doc-{i:07d}"
        outlet = rng.choice(OUTLETS)
        published = (START + dt.timedelta(days=rng.randrange(YEARS * 365))).isoformat()
        text = " ".join(rng.choices(WORDS, k=40))
        url = f"https://{outlet}.invalid/{doc_id}"
        conn.execute(
            "INSERT INTO documents (id, text_hash, text, text_normalized, published, url, lang, title, "
            "relevant, ingested_at, outlet) VALUES (?, ?, ?, ?, ?, ?, 'ar', ?, 1, ?, ?)",
            (doc_id, hashlib.sha256(doc_id.encode()).hexdigest(), text, text, published, url,
             f"{outlet} {i}", CREATED, outlet))
        conn.execute("INSERT INTO documents_fts (document_id, body) VALUES (?, ?)",
                     (doc_id, shadow_text(text)))
        out.append((doc_id, outlet, url, published))
    return out


def _events(conn: sqlite3.Connection, n: int, towns: list[str], docs: list[tuple], rng: random.Random,
            batch: int = 20_000) -> None:
    """Insert ``n`` canonical events, their values, and one mention (and membership) each."""
    weights = [1 / (i + 1) for i in range(len(towns))]
    ordinals: dict[str, int] = {}
    first_mention = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM event_mentions").fetchone()[0]
    for begin in range(0, n, batch):
        events, values, mentions, members = [], [], [], []
        for i in range(begin, min(n, begin + batch)):
            record = _record(rng, towns, weights, docs)
            cid = "ev-" + hashlib.sha256(f"synthetic-{i}".encode()).hexdigest()[:12]
            doc_id = record["sources"][0]["document_id"]
            ordinal = ordinals[doc_id] = ordinals.get(doc_id, -1) + 1
            record["mention_keys"] = [f"{doc_id}#{ordinal}"]
            start, end = date_bounds(record["date"])
            events.append((cid, record["type"], int(record["background"]), record["date"], start, end,
                           len(record["sources"]), json.dumps(record, ensure_ascii=False), CREATED, CREATED))
            values += [(cid, f, v) for f in ("places", "affiliation", "agencies") for v in record[f]]
            mentions.append((first_mention + i, doc_id, ordinal, record["type"], int(record["background"]),
                             record["date"], start, end, record["arrested"], record["killed"]))
            members.append((first_mention + i, cid))
        conn.executemany(
            "INSERT INTO canonical_events (id, type, background, date, date_start, date_end, source_count, "
            "record, stale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", events)
        conn.executemany("INSERT INTO canonical_values (canonical_id, field, value) VALUES (?, ?, ?)", values)
        conn.executemany(
            "INSERT INTO event_mentions (id, document_id, ordinal, type, background, date, date_start, "
            "date_end, country, arrested, killed, evidence, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'MA', ?, ?, '[]', '{}')", mentions)
        conn.executemany("INSERT INTO canonical_members (mention_id, canonical_id) VALUES (?, ?)", members)


def _record(rng: random.Random, towns: list[str], weights: list[float], docs: list[tuple]) -> dict:
    kind = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
    day = START + dt.timedelta(days=rng.randrange(YEARS * 365))
    arrested = None if kind in ("attack", "seizure") or rng.random() < 0.1 else \
        (1 if kind == "arrest" else rng.randint(2, 15))
    sources = sorted(({"document_id": d[0], "outlet": d[1], "url": d[2], "lang": "ar", "published": d[3]}
                      for d in {rng.choice(docs) for _ in range(rng.randint(1, 4))}),
                     key=lambda s: (s["published"], s["document_id"]))
    age_min = rng.randint(18, 35) if rng.random() < 0.4 else None
    return {
        "type": kind, "background": rng.random() < 0.1, "date": _date(day, rng),
        "places": list(dict.fromkeys(rng.choices(towns, weights, k=rng.choice((0, 1, 1, 1, 1, 2, 3))))),
        "country": "MA", "arrested": arrested,
        "killed": rng.randint(0, 40) if kind == "attack" else None,
        "age_min": age_min, "age_max": age_min and age_min + rng.randint(0, 20),
        "affiliation": rng.sample(ORGS, rng.choice((0, 1, 1, 1, 2))),
        "agencies": rng.sample(AGENCIES, rng.choice((0, 1, 1, 2, 3))),
        "partners": rng.sample(PARTNERS, 1) if rng.random() < 0.08 else [],
        "cell_name": None, "seized": rng.sample(ITEMS, rng.choice((0, 0, 1, 2))),
        "plot": rng.sample(PLOTS, rng.choice((0, 0, 1))), "targets": rng.sample(TARGETS, rng.choice((0, 0, 1))),
        "arrested_reported": None, "killed_reported": None, "sources": sources, "mention_keys": [],
    }


def _date(day: dt.date, rng: random.Random) -> str | None:
    r = rng.random()
    if r < 0.02:
        return None
    if r < 0.07:
        return str(day.year)
    if r < 0.17:
        return day.strftime("%Y-%m")
    if r < 0.20:
        return f"{day.isoformat()}/{(day + dt.timedelta(days=rng.randint(1, 6))).isoformat()}"
    return day.isoformat()


def to_postgresql(source: str | Path, dsn: str) -> int:
    """Copy a SQLite store (as :func:`build` makes it) into the PostgreSQL database ``dsn``
    (created, and emptied when it holds rows): every table the two schemas share, the row
    ids of SQLite's rowid tables and the rollups as they are, with the triggers set aside
    while loading (the rows are already what they would have kept), then the search totals
    and VACUUM ANALYZE. Keys and indexes are dropped before the load and made again after
    it, in the same transaction. Returns the canonical events copied."""
    import psycopg

    Store(dsn).close()  # create and migrate
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    with psycopg.connect(dsn) as pg:
        tables = [r[0] for r in pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = "
                                           "current_schema() AND tablename <> 'marsad_schema' ORDER BY 1")]
        refers: dict[str, set[str]] = {t: set() for t in tables}  # a table after those it refers to
        for table, other in pg.execute(
                "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c "
                "WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace"):
            if table != other:
                refers[table].add(other)
        ordered: list[str] = []
        while len(ordered) < len(tables):
            ready = sorted(t for t in tables if t not in ordered and refers[t] <= set(ordered))
            ordered += ready or sorted(set(tables) - set(ordered))  # (a cycle: as they come)
        for table in ordered:
            pg.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            pg.execute(f"TRUNCATE {table} CASCADE")
        rebuild = _drop_keys_and_indexes(pg)
        for table in ordered:
            mine = {r[1] for r in src.execute(f"PRAGMA table_xinfo({table})")}
            if not mine:
                continue  # PostgreSQL's own (fts_totals, computed below)
            rowid = not src.execute("SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE '%WITHOUT ROWID%'",
                                    (table,)).fetchone()
            cols = [r[0] for r in pg.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position", (table,))
                if r[0] in mine or (r[0] == "rowid" and rowid)]
            with pg.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                    copy.write_row(row)
        pg.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in rebuild:
            pg.execute(statement)
        pg.execute("TRUNCATE fts_totals")
        pg.execute("INSERT INTO fts_totals SELECT count(*), coalesce(sum(coalesce(array_length("
                   "string_to_array(body, ' '), 1), 0)), 0) FROM documents_fts")
        for table in tables:
            pg.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        pg.commit()
        pg.autocommit = True
        pg.execute("VACUUM (ANALYZE)")  # statistics and the visibility map, as autovacuum would
        return pg.execute("SELECT count(*) FROM canonical_events").fetchone()[0]


def _drop_keys_and_indexes(pg: Any) -> list[str]:
    """Drop the foreign keys, primary and unique keys and indexes of the current schema (in
    the open transaction); return the statements that make them again, in an order that
    works (indexes and keys, then foreign keys). Loading first and indexing after is what
    ``pg_restore`` does: one sort per index instead of a tree insert (and a foreign-key
    lookup) per row."""
    keys = pg.execute(
        "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE connamespace = current_schema()::regnamespace AND contype IN ('p', 'u', 'f') "
        "ORDER BY contype = 'f' DESC, conrelid::regclass::text, conname").fetchall()
    indexes = pg.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = "
        "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) ORDER BY 1").fetchall()
    for table, name, _kind, _ in keys:  # foreign keys first: they need the keys they refer to
        pg.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        pg.execute(f'DROP INDEX "{name}"')
    return ([definition for _, definition in indexes]
            + [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
               for table, name, kind, definition in keys if kind != "f"]
            + [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
               for table, name, kind, definition in keys if kind == "f"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="database file to create (replaced if it exists)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--claims", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.out, args.events, args.documents, args.seed, args.claims)
    size = Path(args.out).stat().st_size / 1e6
    print(f"{args.events} events, {args.documents} documents -> {args.out} ({size:.0f} MB) "
          f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
