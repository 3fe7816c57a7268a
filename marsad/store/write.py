"""Row writers for one document and its record; the caller owns the transaction.

Every function takes an open connection and writes with bound parameters only.
:func:`write_document` is what :meth:`Store.add` runs inside ``BEGIN … COMMIT``.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

from ..models import Claim, Document, Event, Record
from ..text.normalize import normalize_text
from .dates import date_bounds
from .footing import write_footing
from .migrations import LINK_TABLES
from .search import shadow_text

_EVENT_LISTS = {  # link table -> Event list attribute
    "event_orgs": "affiliation", "event_agencies": "agencies", "event_partners": "partners",
    "event_items": "seized", "event_plots": "plot", "event_targets": "targets",
}
_PLACE_COLUMNS = ("geonames_id", "name_ar", "name_fr", "name_en", "lat", "lon", "province",
                  "region", "country")


def text_hash(text: str) -> str:
    """sha256 of the normalized text with whitespace runs collapsed: the duplicate key."""
    return hashlib.sha256(" ".join(normalize_text(text).split()).encode("utf-8")).hexdigest()


def write_document(conn: sqlite3.Connection, doc: Document, record: Record,
                   places: dict[str, Any]) -> tuple[int, int]:
    """Insert the document, its events and claims; return ``(events, claims)`` written."""
    insert_document(conn, doc, record)
    for ordinal, event in enumerate(record.events):
        event_id = insert_event(conn, doc.id, ordinal, event)
        insert_event_links(conn, event_id, event, places)
    for ordinal, claim in enumerate(record.claims):
        insert_claim(conn, doc.id, ordinal, claim)
    return len(record.events), len(record.claims)


def delete_document(conn: sqlite3.Connection, document_id: str) -> None:
    """Remove a document with its events, claims and index entry (cascades via FKs)."""
    conn.execute("DELETE FROM documents_fts WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def insert_document(conn: sqlite3.Connection, doc: Document, record: Record) -> None:
    published = doc.published or record.published
    conn.execute(
        "INSERT INTO documents (id, text_hash, text, text_normalized, published, url, lang, "
        "title, source, relevant, ingested_at, outlet, published_from) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc.id, text_hash(doc.text), doc.text, normalize_text(doc.text), published, doc.url,
         record.lang or doc.lang, doc.title, doc.source,
         None if record.relevant is None else int(record.relevant),
         datetime.now(timezone.utc).isoformat(timespec="seconds"), doc.outlet, published_from(doc, record)))
    conn.execute("INSERT INTO documents_fts (document_id, body) VALUES (?, ?)",
                 (doc.id, shadow_text(f"{doc.title or ''}\n{doc.text}")))


def published_from(doc: Document, record: Record) -> str | None:
    """Where the stored publication date came from: the input or page, else the text's dateline."""
    if doc.published:
        return doc.published_from or "input"
    return "dateline" if record.published else None


def insert_event(conn: sqlite3.Connection, document_id: str, ordinal: int, event: Event) -> int:
    start, end = date_bounds(event.date)
    cur = conn.execute(
        "INSERT INTO event_mentions (document_id, ordinal, type, background, date, date_start, "
        "date_end, country, arrested, killed, age_min, age_max, cell_name, evidence, record) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (document_id, ordinal, event.type, int(bool(event.background)), event.date, start, end,
         event.country, event.arrested, event.killed, event.age_min, event.age_max,
         event.cell_name, json.dumps([list(s) for s in event.evidence]),
         json.dumps(event.to_store_dict(), ensure_ascii=False)))
    return cur.lastrowid


def insert_event_links(conn: sqlite3.Connection, event_id: int, event: Event,
                       places: dict[str, Any]) -> None:
    for place_id in dict.fromkeys(event.places):
        upsert_place(conn, place_id, places.get(place_id))
        conn.execute("INSERT INTO event_places (event_id, place_id) VALUES (?, ?)",
                     (event_id, place_id))
    for table, attribute in _EVENT_LISTS.items():
        column = LINK_TABLES[table]
        for value in dict.fromkeys(getattr(event, attribute) or []):
            conn.execute(f"INSERT INTO {table} (event_id, {column}) VALUES (?, ?)",
                         (event_id, value))


def upsert_place(conn: sqlite3.Connection, place_id: str, place: Any | None) -> None:
    """Insert a place row; fill in gazetteer data on a row stored before it was known."""
    values = [_null_if_blank(getattr(place, c, None)) for c in _PLACE_COLUMNS]
    conn.execute(
        f"INSERT INTO places (id, {', '.join(_PLACE_COLUMNS)}) VALUES (?{', ?' * 9}) "
        f"ON CONFLICT(id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in _PLACE_COLUMNS)
        + " WHERE excluded.geonames_id IS NOT NULL OR excluded.lat IS NOT NULL",
        (place_id, *values))


def insert_claim(conn: sqlite3.Connection, document_id: str, ordinal: int, claim: Claim) -> int:
    cur = conn.execute(
        "INSERT INTO claims (document_id, ordinal, metric, value, qualifier, since, until, "
        "period, subset, source, evidence, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (document_id, ordinal, claim.metric, claim.value, claim.qualifier, claim.since,
         claim.until, claim.period, claim.subset, claim.source,
         json.dumps([list(s) for s in claim.evidence]), json.dumps(claim.spans) if claim.spans else None))
    write_footing(conn, cur.lastrowid)
    return cur.lastrowid


def _null_if_blank(value: Any) -> Any:
    return None if value == "" else value
