"""A store as Parquet: documents, claims, event mentions and canonical events.

:func:`export_parquet` writes one dataset per table under a folder, each partitioned by
year and month (Hive style: ``events/year=2024/month=5/part-0.parquet``; no date:
``year=__HIVE_DEFAULT_PARTITION__``), with the Arrow schemas of :data:`SCHEMAS`
(``docs/parquet.md`` describes every column). Rows are read from the store and
written a batch at a time, so a whole store never sits in memory. Each export replaces
the tables it writes. Needs pyarrow (``pip install 'marsad[scale]'``).
"""
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .store.dates import date_bounds

BATCH_ROWS = 5_000
TABLES = ("documents", "claims", "mentions", "events")
LIST_FIELDS = ("places", "affiliation", "agencies", "partners", "seized", "plot", "targets")

_strings = pa.list_(pa.string())
_spans = pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32())]))
_reported = pa.map_(pa.string(), _strings)
_source = pa.struct([("document_id", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
                     ("lang", pa.string()), ("published", pa.date32())])
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
PARTITION = pa.schema([("year", pa.int16()), ("month", pa.int8())])

_EVENT_FIELDS = [
    ("type", pa.string()), ("background", pa.bool_()), ("date", pa.string()),
    ("date_start", pa.date32()), ("date_end", pa.date32()), ("country", pa.string()),
    ("arrested", pa.int32()), ("killed", pa.int32()), ("age_min", pa.int32()), ("age_max", pa.int32()),
    *((name, _strings) for name in LIST_FIELDS), ("cell_name", pa.string()),
]
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("id", pa.string()), ("published", pa.date32()), ("published_from", pa.string()),
        ("url", pa.string()), ("outlet", pa.string()), ("lang", pa.string()), ("title", pa.string()),
        ("source", pa.string()), ("relevant", pa.bool_()), ("copy_of", pa.string()),
        ("ingested_at", pa.string()), ("text", pa.string()), *PARTITION]),
    "claims": pa.schema([
        ("document_id", pa.string()), ("ordinal", pa.int32()), ("metric", pa.string()),
        ("value", pa.int64()), ("qualifier", pa.string()), ("since", pa.string()),
        ("until", pa.string()), ("period", pa.string()), ("subset", pa.string()),
        ("source", pa.string()), ("evidence", _spans), ("published", pa.date32()), *PARTITION]),
    "mentions": pa.schema([
        ("key", pa.string()), ("document_id", pa.string()), ("ordinal", pa.int32()),
        ("canonical_id", pa.string()), *_EVENT_FIELDS, ("evidence", _spans), *PARTITION]),
    "events": pa.schema([
        ("id", pa.string()), *_EVENT_FIELDS, ("date_from", pa.string()),
        ("date_earliest", pa.date32()), ("date_latest", pa.date32()), ("time_precision", pa.int8()),
        ("date_rule", pa.string()), ("arrested_reported", _reported), ("killed_reported", _reported),
        ("source_count", pa.int32()), ("sources", pa.list_(_source)),
        ("mention_keys", _strings), *PARTITION]),
}

_QUERIES = {
    "documents": "SELECT id, published, published_from, url, outlet, lang, title, source, relevant, "
                 "copy_of, ingested_at, text FROM documents ORDER BY id",
    "claims": "SELECT c.document_id, c.ordinal, c.metric, c.value, c.qualifier, c.since, c.until, "
              "c.period, c.subset, c.source, c.evidence, d.published FROM claims c "
              "JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.ordinal",
    "mentions": "SELECT e.document_id, e.ordinal, m.canonical_id, e.record FROM event_mentions e "
                "LEFT JOIN canonical_members m ON m.mention_id = e.id ORDER BY e.document_id, e.ordinal",
    "events": "SELECT record FROM canonical_events ORDER BY id",
}


def export_parquet(store: Any, folder: str | Path) -> dict[str, int]:
    """Write every table of ``store`` under ``folder``; return the rows written per table."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        target = folder / table
        if target.exists():
            shutil.rmtree(target)
        counts[table] = _write_table(_row_batches(store, table), SCHEMAS[table], target)
    return counts


def _write_table(batches: Iterator[list[dict[str, Any]]], schema: pa.Schema, target: Path) -> int:
    """Write rows into one file per year and month (a row group per batch); return how many.

    Written here rather than by ``pyarrow.dataset.write_dataset``, which reads its input
    in another thread (an SQLite connection is for the thread that opened it)."""
    columns = schema.remove(schema.get_field_index("year")).remove(schema.get_field_index("month") - 1)
    writers: dict[tuple[Any, Any], pq.ParquetWriter] = {}
    total = 0
    try:
        for rows in batches:
            total += len(rows)
            groups: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
            for row in rows:
                groups.setdefault((row["year"], row["month"]), []).append(row)
            for key, group in groups.items():
                if key not in writers:
                    path = target / _partition_path(*key) / "part-0.parquet"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    writers[key] = pq.ParquetWriter(path, columns)
                writers[key].write_batch(pa.RecordBatch.from_pylist(group, schema=columns))
    finally:
        for writer in writers.values():
            writer.close()
    if not writers:  # an empty table: still a dataset with its schema
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(columns.empty_table(), target / "part-0.parquet")
    return total


def _partition_path(year: int | None, month: int | None) -> str:
    def value(v: int | None) -> str:
        return NULL_PARTITION if v is None else str(v)
    return f"year={value(year)}/month={value(month)}"


def read_table(folder: str | Path, table: str) -> pa.Table:
    """One exported table, partition columns included, with its schema of :data:`SCHEMAS`."""
    dataset = ds.dataset(Path(folder) / table, format="parquet",
                         partitioning=ds.partitioning(PARTITION, flavor="hive"))
    return dataset.to_table().cast(SCHEMAS[table])


def _row_batches(store: Any, table: str) -> Iterator[list[dict[str, Any]]]:
    cursor = store.conn.execute(_QUERIES[table])
    convert = _CONVERTERS[table]
    while rows := cursor.fetchmany(BATCH_ROWS):
        yield [convert(tuple(r)) for r in rows]


def _document(r: tuple) -> dict[str, Any]:
    keys = ("id", "published", "published_from", "url", "outlet", "lang", "title", "source",
            "relevant", "copy_of", "ingested_at", "text")
    row = dict(zip(keys, r))
    row["published"] = _day(row["published"])
    row["relevant"] = None if row["relevant"] is None else bool(row["relevant"])
    return {**row, **_partition(row["published"])}


def _claim(r: tuple) -> dict[str, Any]:
    keys = ("document_id", "ordinal", "metric", "value", "qualifier", "since", "until", "period",
            "subset", "source", "evidence", "published")
    row = dict(zip(keys, r))
    row["evidence"] = _evidence(row["evidence"])
    row["published"] = _day(row["published"])
    return {**row, **_partition(row["published"])}


def _mention(r: tuple) -> dict[str, Any]:
    document_id, ordinal, canonical_id, record = r
    event = json.loads(record)
    row = {"key": f"{document_id}#{ordinal}", "document_id": document_id, "ordinal": ordinal,
           "canonical_id": canonical_id, **_event_fields(event),
           "evidence": _evidence(event.get("evidence") or [])}
    return {**row, **_partition(row["date_start"])}


def _event(r: tuple) -> dict[str, Any]:
    event = json.loads(r[0])
    row = {"id": event["id"], **_event_fields(event), "date_from": event.get("date_from"),
           "date_earliest": _day(event.get("date_earliest")), "date_latest": _day(event.get("date_latest")),
           "time_precision": event.get("time_precision"), "date_rule": event.get("date_rule"),
           "arrested_reported": _pairs(event.get("arrested_reported")),
           "killed_reported": _pairs(event.get("killed_reported")),
           "source_count": len(event["sources"]),
           "sources": [{**s, "published": _day(s.get("published"))} for s in event["sources"]],
           "mention_keys": event["mention_keys"]}
    return {**row, **_partition(row["date_start"])}


def _event_fields(event: dict[str, Any]) -> dict[str, Any]:
    start, end = date_bounds(event.get("date"))
    out = {name: event.get(name) for name, _ in _EVENT_FIELDS}
    out["background"] = bool(event.get("background"))
    out["date_start"], out["date_end"] = _day(start), _day(end)
    for name in LIST_FIELDS:
        out[name] = list(event.get(name) or [])
    return out


def _pairs(value: dict[str, list[str]] | None) -> list[tuple[str, list[str]]] | None:
    return None if value is None else list(value.items())


def _evidence(spans: Any) -> list[dict[str, int]]:
    if isinstance(spans, str):
        spans = json.loads(spans)
    return [{"start": a, "end": b} for a, b in spans]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _partition(day: date | None) -> dict[str, int | None]:
    return {"year": day.year if day else None, "month": day.month if day else None}


_CONVERTERS = {"documents": _document, "claims": _claim, "mentions": _mention, "events": _event}
