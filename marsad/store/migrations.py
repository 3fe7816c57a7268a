"""Schema migrations of the SQLite store, applied in order.

``MIGRATIONS[i]`` moves a database from ``PRAGMA user_version = i`` to ``i + 1``.
Each runs in its own transaction together with the version bump, so a failed
migration leaves the database at the previous version; the transaction holds the
write lock from its start, so processes opening one database at once migrate it once. Never edit a released
migration: append a new one.
"""
from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from typing import Any

from ..errors import StoreError
from .locking import begin_write

_LINK_TABLES = {  # table -> value column; one row per item of an Event list field
    "event_orgs": "org_id", "event_agencies": "agency_id", "event_partners": "country",
    "event_items": "item_id", "event_plots": "plot_id", "event_targets": "target_id",
}


def _link_tables_sql() -> str:
    return "\n".join(f"""
CREATE TABLE {table} (
    event_id INTEGER NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
    {column} TEXT NOT NULL,
    PRIMARY KEY (event_id, {column})
) WITHOUT ROWID;
CREATE INDEX {table}_value ON {table}({column});""" for table, column in _LINK_TABLES.items())


_V1 = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    text_hash TEXT NOT NULL UNIQUE,   -- sha256 of the normalized text, whitespace collapsed
    text TEXT NOT NULL,               -- evidence spans index into this
    text_normalized TEXT NOT NULL,
    published TEXT,
    url TEXT,
    lang TEXT,
    title TEXT,
    source TEXT,                      -- file (and line) it was read from
    relevant INTEGER,
    ingested_at TEXT NOT NULL
);
CREATE TABLE places (
    id TEXT PRIMARY KEY,              -- SPEC place id, e.g. casablanca
    geonames_id INTEGER,
    name_ar TEXT, name_fr TEXT, name_en TEXT,
    lat REAL, lon REAL,
    province TEXT, region TEXT, country TEXT
);
CREATE TABLE event_mentions (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,         -- position in the record's events list
    type TEXT NOT NULL,
    background INTEGER NOT NULL,
    date TEXT,                        -- as in the record: YYYY[-MM[-DD]] or A/B
    date_start TEXT,                  -- first day the date covers (YYYY-MM-DD)
    date_end TEXT,                    -- last day it covers
    country TEXT,
    arrested INTEGER, killed INTEGER, age_min INTEGER, age_max INTEGER,
    cell_name TEXT,
    evidence TEXT NOT NULL,           -- JSON [[start, end], ...]
    record TEXT NOT NULL,             -- the full Event as JSON (SPEC shape)
    UNIQUE (document_id, ordinal)
);
CREATE INDEX event_mentions_type ON event_mentions(type);
CREATE INDEX event_mentions_dates ON event_mentions(date_start, date_end);
CREATE TABLE event_places (
    event_id INTEGER NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id),
    PRIMARY KEY (event_id, place_id)
) WITHOUT ROWID;
CREATE INDEX event_places_place ON event_places(place_id);
""" + _link_tables_sql() + """
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    metric TEXT NOT NULL,
    value INTEGER NOT NULL,
    qualifier TEXT,
    since TEXT, until TEXT, period TEXT,
    subset TEXT,
    source TEXT,
    evidence TEXT NOT NULL,           -- JSON [[start, end], ...]
    UNIQUE (document_id, ordinal)
);
CREATE INDEX claims_metric ON claims(metric);
CREATE INDEX claims_source ON claims(source);
-- search shadow of title + text (see marsad/store/search.py)
CREATE VIRTUAL TABLE documents_fts USING fts5(
    document_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""

# Version 2: what the crawler fetched (marsad/web/crawl.py), so a restart refetches nothing.
_V2 = """
CREATE TABLE fetches (
    url TEXT PRIMARY KEY,             -- as requested (fragment dropped, IRI encoded)
    kind TEXT NOT NULL,               -- 'page' (an article) or 'listing' (feed, sitemap, front page)
    status INTEGER,                   -- HTTP status of the last attempt; NULL: no answer or queued
    etag TEXT,                        -- validators of the last 200, sent back as If-None-Match
    last_modified TEXT,               -- ... and If-Modified-Since
    content_hash TEXT,                -- sha256 of the last body downloaded
    fetched_at TEXT,                  -- UTC time of the last attempt; NULL: found, not fetched yet
    document_id TEXT,                 -- the document stored from this page (no FK: kept on update)
    error TEXT,                       -- why the last attempt failed; NULL when it succeeded
    found_on TEXT                     -- the listing this page was first found on
);
CREATE INDEX fetches_found_on ON fetches(found_on);
"""

_V3 = """
-- Near-duplicate copies (the same wire dispatch in many outlets) and the outlet of a page.
ALTER TABLE documents ADD COLUMN copy_of TEXT REFERENCES documents(id) ON DELETE SET NULL;
ALTER TABLE documents ADD COLUMN outlet TEXT;
ALTER TABLE documents ADD COLUMN published_from TEXT;  -- input, meta, json-ld, time, feed, dateline
CREATE INDEX documents_copy_of ON documents(copy_of);
CREATE TABLE document_sketches (
    hash INTEGER NOT NULL,             -- one of the bottom-k shingle hashes (marsad.near_duplicates)
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (hash, document_id)
) WITHOUT ROWID;
CREATE INDEX document_sketches_document ON document_sketches(document_id);
"""

# Version 4: canonical events, one per real-world operation, grouping the mentions of many
# documents (marsad/store/canonical.py), with analyst constraints and a revision log.
_V4 = """
CREATE TABLE canonical_events (
    id TEXT PRIMARY KEY,               -- marsad.resolve.canonical_id of its mentions: ev-<12 hex>
    type TEXT NOT NULL,
    background INTEGER NOT NULL,
    date TEXT,                         -- the chosen SPEC date
    date_start TEXT,                   -- first day it covers (YYYY-MM-DD), for filters
    date_end TEXT,                     -- last day it covers
    source_count INTEGER NOT NULL,     -- documents reporting it, near-duplicate copies included
    record TEXT NOT NULL,              -- the chosen record as JSON (marsad.canonical)
    stale INTEGER NOT NULL DEFAULT 0,  -- 1: a member mention was deleted, resolve it again
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX canonical_events_dates ON canonical_events(date_start, date_end);
CREATE INDEX canonical_events_type ON canonical_events(type);
CREATE INDEX canonical_events_stale ON canonical_events(stale) WHERE stale;
CREATE TABLE canonical_values (        -- list fields of the record, for filters
    canonical_id TEXT NOT NULL REFERENCES canonical_events(id) ON DELETE CASCADE,
    field TEXT NOT NULL,               -- places, affiliation, agencies
    value TEXT NOT NULL,
    PRIMARY KEY (canonical_id, field, value)
) WITHOUT ROWID;
CREATE INDEX canonical_values_value ON canonical_values(field, value);
CREATE TABLE canonical_members (
    mention_id INTEGER PRIMARY KEY REFERENCES event_mentions(id) ON DELETE CASCADE,
    canonical_id TEXT NOT NULL REFERENCES canonical_events(id) ON DELETE CASCADE
);
CREATE INDEX canonical_members_event ON canonical_members(canonical_id);
CREATE TRIGGER canonical_members_deleted AFTER DELETE ON canonical_members BEGIN
    UPDATE canonical_events SET stale = 1 WHERE id = OLD.canonical_id;
END;
CREATE TABLE mention_blocks (          -- where to look for a mention's possible matches
    family TEXT NOT NULL,              -- 'op' (cell_dismantled, arrest) or the type
    place TEXT NOT NULL,               -- a place id; '' for a mention without places
    week INTEGER NOT NULL,             -- a week its date window touches; -1 when undated
    mention_id INTEGER NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
    PRIMARY KEY (family, place, week, mention_id)
) WITHOUT ROWID;
CREATE INDEX mention_blocks_week ON mention_blocks(family, week);
CREATE INDEX mention_blocks_mention ON mention_blocks(mention_id);
CREATE TABLE resolution_constraints (  -- analyst corrections between mention keys
    key_a TEXT NOT NULL,               -- "<document id>#<ordinal>", key_a < key_b
    key_b TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('must_link', 'cannot_link')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (key_a, key_b)
) WITHOUT ROWID;
CREATE INDEX resolution_constraints_b ON resolution_constraints(key_b);
CREATE TABLE canonical_revisions (
    id INTEGER PRIMARY KEY,
    canonical_id TEXT NOT NULL,        -- no FK: the log outlives deleted events
    at TEXT NOT NULL,                  -- UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ
    action TEXT NOT NULL CHECK (action IN ('created', 'updated', 'merged', 'split', 'deleted')),
    changes TEXT NOT NULL,             -- JSON {"before": {field: value}, "after": {field: value}}
    who TEXT NOT NULL CHECK (who IN ('resolver', 'analyst'))
);
CREATE INDEX canonical_revisions_at ON canonical_revisions(at);
CREATE INDEX canonical_revisions_event ON canonical_revisions(canonical_id, at);
"""

# Version 5: browsing canonical events fast (marsad/store/browse.py, `marsad serve`): sort and
# filter columns kept from the record, partners as rows, indexes for each sort and filter, and
# rollups that answer statistics from a few thousand rows instead of every event:
#   stats_events  events, arrests, deaths by type, background, start and end month;
#   stats_values  the same per facet value (a place, region, org, agency or partner);
#   stats_years   per facet value by start and end year (breakdowns under year filters);
#   stats_pairs   per pair of facet values of one event, ('', '') standing for any event
#                 (breakdowns of the events having one value, e.g. the orgs of Tangier's events);
#   stats_pair_years  the same pairs by start and end year (those breakdowns under year filters).
# Triggers on canonical_events keep them; browse_rebuild_sql() computes them from scratch.

_LIST_FACETS = ("places", "affiliation", "agencies", "partners")
_SUMS = ("events = events + excluded.events, arrested = arrested + excluded.arrested")
_SUMS3 = _SUMS + ", killed = killed + excluded.killed"
ROLLUPS = {  # table -> primary key, in the order statistics group by (a row is deleted at zero events)
    "stats_events": ("start_month", "type", "monthly", "background", "end_month"),
    "stats_values": ("field", "value", "start_month", "type", "monthly", "background", "end_month"),
    "stats_years": ("field", "end_year", "start_year", "value", "type", "background"),
    "stats_pairs": ("field", "value", "field2", "value2", "type", "background"),
    "stats_pair_years": ("field", "value", "end_year", "start_year", "field2", "value2", "type", "background"),
}


def _event_expr(row: str) -> dict[str, str]:
    """SQL for the browse values of the canonical event row ``row`` (NEW, OLD or a table)."""
    first = f"substr({row}.date, 1, coalesce(nullif(instr({row}.date, '/'), 0) - 1, length({row}.date)))"
    return {
        "type": f"{row}.type", "background": f"{row}.background",
        "arrested": f"json_extract({row}.record, '$.arrested')",
        "killed": f"json_extract({row}.record, '$.killed')",
        "start_month": f"coalesce(substr({row}.date_start, 1, 7), '')",
        "end_month": f"coalesce(substr({row}.date_end, 1, 7), '')",
        "start_year": f"coalesce(substr({row}.date_start, 1, 4), '')",
        "end_year": f"coalesce(substr({row}.date_end, 1, 4), '')",
        # the date names a month or a day: the event counts in its start month
        # (an undated event has a date_start, its interval's, since the date-interval migration)
        "monthly": f"({row}.date_start IS NOT NULL AND coalesce(length(trim({first})), 0) >= 7)",
    }


def _facets_sql(row: str) -> str:
    """(field, value) of each facet of event ``row``, once each: its places, their regions,
    affiliation, agencies and partners."""
    lists = " UNION ".join(f"SELECT '{field}' AS field, j.value AS value "
                           f"FROM json_each({row}.record, '$.{field}') j" for field in _LIST_FACETS)
    return (f"{lists} UNION SELECT 'region', p.region FROM json_each({row}.record, '$.places') j "
            "JOIN places p ON p.id = j.value WHERE p.region IS NOT NULL")


def _rollup_sql(row: str, sign: str) -> str:
    """Add (sign '') or remove (sign '-') the trigger row ``row`` to/from every rollup."""
    e = _event_expr(row)
    one, arrested, killed = f"{sign}1", f"{sign}coalesce({e['arrested']}, 0)", f"{sign}coalesce({e['killed']}, 0)"
    key = ", ".join(e[k] for k in ROLLUPS["stats_events"])
    facets = f"(SELECT field, value FROM ({_facets_sql(row)}) WHERE value IS NOT NULL)"
    return f"""
    INSERT INTO stats_events ({', '.join(ROLLUPS['stats_events'])}, events, arrested, killed)
        VALUES ({key}, {one}, {arrested}, {killed}) ON CONFLICT DO UPDATE SET {_SUMS3};
    INSERT INTO stats_values ({', '.join(ROLLUPS['stats_values'])}, events, arrested, killed)
        SELECT f.field, f.value, {key}, {one}, {arrested}, {killed} FROM {facets} f
        WHERE 1 ON CONFLICT DO UPDATE SET {_SUMS3};
    INSERT INTO stats_years (field, value, type, background, start_year, end_year, events, arrested)
        SELECT f.field, f.value, {e['type']}, {e['background']}, {e['start_year']}, {e['end_year']},
               {one}, {arrested} FROM {facets} f WHERE 1 ON CONFLICT DO UPDATE SET {_SUMS};
    INSERT INTO stats_pairs (field, value, field2, value2, type, background, events, arrested)
        SELECT a.field, a.value, b.field, b.value, {e['type']}, {e['background']}, {one}, {arrested}
        FROM (SELECT '' AS field, '' AS value UNION SELECT field, value FROM {facets}) a, {facets} b
        WHERE 1 ON CONFLICT DO UPDATE SET {_SUMS};
    INSERT INTO stats_pair_years (field, value, end_year, start_year, field2, value2, type, background,
                                  events, arrested)
        SELECT a.field, a.value, {e['end_year']}, {e['start_year']}, b.field, b.value, {e['type']},
               {e['background']}, {one}, {arrested} FROM {facets} a, {facets} b
        WHERE 1 ON CONFLICT DO UPDATE SET {_SUMS};"""


def _derived_sql(row: str) -> str:
    """Fill the browse columns and partner rows of the trigger row ``row``."""
    e = _event_expr(row)
    return f"""
    UPDATE canonical_events SET arrested = {e['arrested']}, killed = {e['killed']},
        month = CASE WHEN {e['monthly']} THEN substr({row}.date_start, 1, 7) END
        WHERE rowid = {row}.rowid;
    INSERT OR IGNORE INTO canonical_partners (canonical_id, partner)
        SELECT {row}.id, j.value FROM json_each({row}.record, '$.partners') j WHERE j.value IS NOT NULL;
    UPDATE browse_meta SET version = version + 1, max_span_days = max(max_span_days,
        coalesce(julianday({row}.date_end) - julianday({row}.date_start), 0));"""


def browse_rebuild_sql() -> str:
    """Statements computing every browse column, partner row and rollup from the stored events,
    as the triggers would have kept them (to run inside a transaction)."""
    e = _event_expr("c")
    derived = _event_expr("canonical_events")
    lists = " UNION ".join(f"SELECT c.rowid AS ev, '{field}' AS field, j.value AS value "
                           f"FROM canonical_events c, json_each(c.record, '$.{field}') j"
                           for field in _LIST_FACETS)
    keys = {t: ", ".join(k) for t, k in ROLLUPS.items()}
    return f"""
    DELETE FROM stats_events; DELETE FROM stats_values; DELETE FROM stats_years;
    DELETE FROM stats_pairs; DELETE FROM stats_pair_years; DELETE FROM canonical_partners;
    UPDATE canonical_events SET arrested = {derived['arrested']}, killed = {derived['killed']},
        month = CASE WHEN {derived['monthly']} THEN substr(date_start, 1, 7) END;
    INSERT OR IGNORE INTO canonical_partners (canonical_id, partner)
        SELECT c.id, j.value FROM canonical_events c, json_each(c.record, '$.partners') j
        WHERE j.value IS NOT NULL;
    UPDATE browse_meta SET version = version + 1, rollups_stale = 0, max_span_days = (SELECT
        coalesce(max(julianday(date_end) - julianday(date_start)), 0) FROM canonical_events);
    CREATE TEMP TABLE browse_events (ev INTEGER PRIMARY KEY, type, background, start_month,
        end_month, monthly, start_year, end_year, arrested, killed);
    INSERT INTO browse_events SELECT c.rowid, {', '.join(e[k] for k in (
        'type', 'background', 'start_month', 'end_month', 'monthly', 'start_year', 'end_year'))},
        coalesce({e['arrested']}, 0), coalesce({e['killed']}, 0) FROM canonical_events c;
    CREATE TEMP TABLE browse_facets AS SELECT ev, field, value FROM ({lists} UNION
        SELECT c.rowid, 'region', p.region FROM canonical_events c, json_each(c.record, '$.places') j
        JOIN places p ON p.id = j.value WHERE p.region IS NOT NULL) WHERE value IS NOT NULL;
    CREATE INDEX temp.browse_facets_ev ON browse_facets(ev);
    INSERT INTO stats_events ({keys['stats_events']}, events, arrested, killed)
        SELECT {keys['stats_events']}, count(*), sum(arrested), sum(killed) FROM browse_events
        GROUP BY {keys['stats_events']};
    INSERT INTO stats_values ({keys['stats_values']}, events, arrested, killed)
        SELECT {keys['stats_values']}, count(*), sum(arrested), sum(killed)
        FROM browse_facets JOIN browse_events USING (ev) GROUP BY {keys['stats_values']};
    INSERT INTO stats_years ({keys['stats_years']}, events, arrested)
        SELECT {keys['stats_years']}, count(*), sum(arrested)
        FROM browse_facets JOIN browse_events USING (ev) GROUP BY {keys['stats_years']};
    INSERT INTO stats_pairs ({keys['stats_pairs']}, events, arrested)
        SELECT '', '', field, value, type, background, count(*), sum(arrested)
        FROM browse_facets JOIN browse_events USING (ev) GROUP BY field, value, type, background;
    INSERT INTO stats_pairs ({keys['stats_pairs']}, events, arrested)
        SELECT a.field, a.value, b.field, b.value, e.type, e.background, count(*), sum(e.arrested)
        FROM browse_facets a JOIN browse_facets b ON b.ev = a.ev JOIN browse_events e ON e.ev = a.ev
        GROUP BY a.field, a.value, b.field, b.value, e.type, e.background;
    INSERT INTO stats_pair_years ({keys['stats_pair_years']}, events, arrested)
        SELECT a.field, a.value, e.end_year, e.start_year, b.field, b.value, e.type, e.background,
               count(*), sum(e.arrested)
        FROM browse_facets a JOIN browse_facets b ON b.ev = a.ev JOIN browse_events e ON e.ev = a.ev
        GROUP BY a.field, a.value, e.end_year, e.start_year, b.field, b.value, e.type, e.background;
    DROP TABLE temp.browse_facets; DROP TABLE temp.browse_events;
    DELETE FROM stats_documents;
    INSERT INTO stats_documents SELECT month, count(*), sum(claims) FROM (SELECT
        coalesce(substr(d.published, 1, 7), '') AS month,
        (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims FROM documents d)
        GROUP BY month;"""


def _rollup_table(name: str, columns: str, sums: str = "events INTEGER NOT NULL, "
                  "arrested INTEGER NOT NULL, killed INTEGER NOT NULL") -> str:
    key = ROLLUPS[name]
    return f"""
CREATE TABLE {name} ({columns}, {sums}, PRIMARY KEY ({', '.join(key)})) WITHOUT ROWID;
CREATE TRIGGER {name}_empty AFTER UPDATE OF events ON {name} WHEN NEW.events = 0 BEGIN
    DELETE FROM {name} WHERE {' AND '.join(f'{k} = NEW.{k}' for k in key)};
END;"""


_BROWSE_COLUMNS = "type, background, date, date_start, date_end, record"


def _browse_triggers_sql() -> str:
    """The triggers keeping the browse columns and rollups of canonical events (version 5;
    made again by the date-interval migration, whose undated events have dates)."""
    return f"""
CREATE TRIGGER canonical_events_browse_insert AFTER INSERT ON canonical_events BEGIN
    {_derived_sql("NEW")}
    {_rollup_sql("NEW", "")}
END;
CREATE TRIGGER canonical_events_browse_update AFTER UPDATE OF {_BROWSE_COLUMNS} ON canonical_events
BEGIN
    {_rollup_sql("OLD", "-")}
    DELETE FROM canonical_partners WHERE canonical_id = OLD.id;
    {_derived_sql("NEW")}
    {_rollup_sql("NEW", "")}
END;
CREATE TRIGGER canonical_events_browse_delete AFTER DELETE ON canonical_events BEGIN
    {_rollup_sql("OLD", "-")}
    DELETE FROM canonical_partners WHERE canonical_id = OLD.id;
    UPDATE browse_meta SET version = version + 1;
END;
"""
_DOC_MONTH = "coalesce(substr({row}.published, 1, 7), '')"
_MONTHS = ("start_month TEXT NOT NULL, "  # YYYY-MM of date_start; '' when undated
           "end_month TEXT NOT NULL, "    # YYYY-MM of date_end; '' when undated
           "monthly INTEGER NOT NULL")    # 1: the date names a month or day (month = start_month)
_V5 = f"""
ALTER TABLE canonical_events ADD COLUMN arrested INTEGER;   -- record.arrested, for sort and sums
ALTER TABLE canonical_events ADD COLUMN killed INTEGER;     -- record.killed
ALTER TABLE canonical_events ADD COLUMN month TEXT;         -- YYYY-MM when the date names a month or day
CREATE INDEX canonical_events_type_dates ON canonical_events(type, date_start, date_end);
CREATE INDEX canonical_events_arrested ON canonical_events(arrested);
CREATE INDEX canonical_events_type_arrested ON canonical_events(type, arrested);
CREATE INDEX canonical_events_sources ON canonical_events(source_count);
CREATE INDEX canonical_events_type_sources ON canonical_events(type, source_count);
-- everything filters and sorts read, by id: events found through a value are checked here
CREATE INDEX canonical_events_browse ON canonical_events(id, type, background, date_start, date_end,
    month, arrested, killed, source_count);
CREATE INDEX places_region ON places(region);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE canonical_partners (      -- record.partners of each canonical event, for filters
    canonical_id TEXT NOT NULL REFERENCES canonical_events(id) ON DELETE CASCADE,
    partner TEXT NOT NULL,
    PRIMARY KEY (canonical_id, partner)
) WITHOUT ROWID;
CREATE INDEX canonical_partners_partner ON canonical_partners(partner);
CREATE TABLE browse_meta (             -- one row
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,          -- bumped by every change of events or documents (caches)
    max_span_days INTEGER NOT NULL,    -- longest date_end - date_start ever stored (date filters)
    rollups_stale INTEGER NOT NULL     -- 1: a place changed region; rebuild the rollups
);
INSERT INTO browse_meta VALUES (1, 0, 0, 0);
{_rollup_table("stats_events", f"type TEXT NOT NULL, background INTEGER NOT NULL, {_MONTHS}")}
{_rollup_table("stats_values", f"field TEXT NOT NULL, value TEXT NOT NULL, type TEXT NOT NULL, "
                               f"background INTEGER NOT NULL, {_MONTHS}")}
{_rollup_table("stats_years", "field TEXT NOT NULL, value TEXT NOT NULL, type TEXT NOT NULL, "
                              "background INTEGER NOT NULL, start_year TEXT NOT NULL, end_year TEXT NOT NULL",
               "events INTEGER NOT NULL, arrested INTEGER NOT NULL")}
{_rollup_table("stats_pairs", "field TEXT NOT NULL, value TEXT NOT NULL, field2 TEXT NOT NULL, "
                              "value2 TEXT NOT NULL, type TEXT NOT NULL, background INTEGER NOT NULL",
               "events INTEGER NOT NULL, arrested INTEGER NOT NULL")}
{_rollup_table("stats_pair_years", "field TEXT NOT NULL, value TEXT NOT NULL, end_year TEXT NOT NULL, "
                                   "start_year TEXT NOT NULL, field2 TEXT NOT NULL, value2 TEXT NOT NULL, "
                                   "type TEXT NOT NULL, background INTEGER NOT NULL",
               "events INTEGER NOT NULL, arrested INTEGER NOT NULL")}
CREATE TABLE stats_documents (         -- documents and their claims by publication month
    month TEXT PRIMARY KEY,            -- YYYY-MM of documents.published; '' when unknown
    documents INTEGER NOT NULL, claims INTEGER NOT NULL
) WITHOUT ROWID;
{browse_rebuild_sql()}
{_browse_triggers_sql()}CREATE TRIGGER stats_documents_empty AFTER UPDATE ON stats_documents
WHEN NEW.documents = 0 AND NEW.claims = 0 BEGIN
    DELETE FROM stats_documents WHERE month = NEW.month;
END;
CREATE TRIGGER documents_browse_insert AFTER INSERT ON documents BEGIN
    UPDATE browse_meta SET version = version + 1;
    INSERT INTO stats_documents VALUES ({_DOC_MONTH.format(row="NEW")}, 1, 0)
        ON CONFLICT DO UPDATE SET documents = documents + 1;
END;
-- before the row goes: its claims are deleted after it (cascade), when it can no longer be read
CREATE TRIGGER documents_browse_delete BEFORE DELETE ON documents BEGIN
    UPDATE browse_meta SET version = version + 1;
    INSERT INTO stats_documents VALUES ({_DOC_MONTH.format(row="OLD")}, -1,
        -(SELECT count(*) FROM claims WHERE document_id = OLD.id))
        ON CONFLICT DO UPDATE SET documents = documents + excluded.documents,
                                  claims = claims + excluded.claims;
END;
CREATE TRIGGER claims_browse_insert AFTER INSERT ON claims BEGIN
    INSERT INTO stats_documents SELECT {_DOC_MONTH.format(row="d")}, 0, 1 FROM documents d
        WHERE d.id = NEW.document_id ON CONFLICT DO UPDATE SET claims = claims + 1;
END;
CREATE TRIGGER claims_browse_delete AFTER DELETE ON claims BEGIN  -- a claim deleted on its own
    INSERT INTO stats_documents SELECT {_DOC_MONTH.format(row="d")}, 0, -1 FROM documents d
        WHERE d.id = OLD.document_id ON CONFLICT DO UPDATE SET claims = claims - 1;
END;
-- A place's region learnt later (gazetteer data filled in): the region rollups are stale.
CREATE TRIGGER places_region_changed AFTER UPDATE OF region ON places
WHEN OLD.region IS NOT NEW.region BEGIN
    UPDATE browse_meta SET rollups_stale = 1, version = version + 1;
END;
"""

# Version 6: how many mentions are stored and how many belong to a canonical event, kept by
# triggers, so that resolving a new document learns whether others await resolution
# (marsad/store/canonical.py) without counting a table as large as the store.
_V6 = """
CREATE TABLE mention_counts (          -- one row; unresolved mentions = mentions - members
    mentions INTEGER NOT NULL,
    members INTEGER NOT NULL
);
INSERT INTO mention_counts (mentions, members)
    VALUES ((SELECT count(*) FROM event_mentions), (SELECT count(*) FROM canonical_members));
CREATE TRIGGER mention_counts_mention_added AFTER INSERT ON event_mentions BEGIN
    UPDATE mention_counts SET mentions = mentions + 1;
END;
CREATE TRIGGER mention_counts_mention_deleted AFTER DELETE ON event_mentions BEGIN
    UPDATE mention_counts SET mentions = mentions - 1;
END;
CREATE TRIGGER mention_counts_member_added AFTER INSERT ON canonical_members BEGIN
    UPDATE mention_counts SET members = members + 1;
END;
CREATE TRIGGER mention_counts_member_deleted AFTER DELETE ON canonical_members BEGIN
    UPDATE mention_counts SET members = members - 1;
END;
"""

# Version 7: what the figures check (marsad.figures, `marsad check`) reads, kept as it is
# written, so that a check reads small rows instead of grouping the whole store:
#   record_days       canonical events and persons arrested by (type, first day, last day),
#                     dated events only (marsad.store.tallies.event_tallies);
#   record_documents  documents by publication day and outlet (the URL when there is no
#                     outlet, for its host), '' standing for none (tallies.document_tallies);
#   claim_documents   each claim's document's publication date and URL, so claims are read
#                     without visiting their documents' rows (the text is stored before them).
# Triggers keep them; record_rebuild_sql() computes them from scratch.
_RECORD_ARRESTED = "coalesce(json_extract({row}.record, '$.arrested'), 0)"
_RECORD_DOC_KEY = ("substr({row}.published, 1, 10), coalesce({row}.outlet, ''), "
                   "CASE WHEN {row}.outlet IS NULL THEN coalesce({row}.url, '') ELSE '' END")
_RECORD_DOC_MATCH = ("day = substr({row}.published, 1, 10) AND outlet = coalesce({row}.outlet, '') AND "
                     "url = CASE WHEN {row}.outlet IS NULL THEN coalesce({row}.url, '') ELSE '' END")


def _record_day_sql(row: str, sign: str) -> str:
    """Add (sign '') or remove (sign '-') canonical event ``row`` to/from record_days."""
    if sign:
        match = f"type = {row}.type AND date_start = {row}.date_start AND date_end = {row}.date_end"
        return f"""
    UPDATE record_days SET events = events - 1, arrested = arrested - {_RECORD_ARRESTED.format(row=row)}
        WHERE {match};
    DELETE FROM record_days WHERE {match} AND events = 0;"""
    return f"""
    INSERT INTO record_days SELECT {row}.type, {row}.date_start, {row}.date_end, 1,
        {_RECORD_ARRESTED.format(row=row)} WHERE {row}.date_start IS NOT NULL AND {row}.date_end IS NOT NULL
        ON CONFLICT DO UPDATE SET events = events + 1, arrested = arrested + excluded.arrested;"""


def record_rebuild_sql() -> str:
    """Statements computing the version 7 tables from the stored rows (inside a transaction)."""
    return f"""
    DELETE FROM record_days; DELETE FROM record_documents; DELETE FROM claim_documents;
    INSERT INTO record_days SELECT type, date_start, date_end, count(*),
        sum({_RECORD_ARRESTED.format(row="canonical_events")}) FROM canonical_events
        WHERE date_start IS NOT NULL AND date_end IS NOT NULL GROUP BY type, date_start, date_end;
    INSERT INTO record_documents SELECT {_RECORD_DOC_KEY.format(row="documents")}, count(*) FROM documents
        WHERE published IS NOT NULL GROUP BY 1, 2, 3;
    INSERT INTO claim_documents SELECT c.id, d.published, d.url FROM claims c
        JOIN documents d ON d.id = c.document_id;"""


_V7 = f"""
CREATE TABLE record_days (
    type TEXT NOT NULL, date_start TEXT NOT NULL, date_end TEXT NOT NULL,
    events INTEGER NOT NULL, arrested INTEGER NOT NULL,
    PRIMARY KEY (type, date_start, date_end)
) WITHOUT ROWID;
CREATE TABLE record_documents (
    day TEXT NOT NULL, outlet TEXT NOT NULL, url TEXT NOT NULL, documents INTEGER NOT NULL,
    PRIMARY KEY (day, outlet, url)
) WITHOUT ROWID;
CREATE TABLE claim_documents (
    claim_id INTEGER PRIMARY KEY,      -- claims.id
    published TEXT, url TEXT
);
{record_rebuild_sql()}
CREATE TRIGGER record_days_insert AFTER INSERT ON canonical_events BEGIN
    {_record_day_sql("NEW", "")}
END;
CREATE TRIGGER record_days_update AFTER UPDATE OF type, date_start, date_end, record ON canonical_events BEGIN
    {_record_day_sql("OLD", "-")}
    {_record_day_sql("NEW", "")}
END;
CREATE TRIGGER record_days_delete AFTER DELETE ON canonical_events BEGIN
    {_record_day_sql("OLD", "-")}
END;
CREATE TRIGGER record_documents_insert AFTER INSERT ON documents WHEN NEW.published IS NOT NULL BEGIN
    INSERT INTO record_documents VALUES ({_RECORD_DOC_KEY.format(row="NEW")}, 1)
        ON CONFLICT DO UPDATE SET documents = documents + 1;
END;
CREATE TRIGGER record_documents_delete AFTER DELETE ON documents WHEN OLD.published IS NOT NULL BEGIN
    UPDATE record_documents SET documents = documents - 1 WHERE {_RECORD_DOC_MATCH.format(row="OLD")};
    DELETE FROM record_documents WHERE {_RECORD_DOC_MATCH.format(row="OLD")} AND documents = 0;
END;
CREATE TRIGGER claim_documents_insert AFTER INSERT ON claims BEGIN
    INSERT OR REPLACE INTO claim_documents SELECT NEW.id, d.published, d.url FROM documents d
        WHERE d.id = NEW.document_id;
END;
CREATE TRIGGER claim_documents_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claim_documents WHERE claim_id = OLD.id;
END;
"""

# Each claim field's own words (marsad.pipeline.spans): JSON {field: [start, end]}, NULL when none
# (claims stored before it have none until their article is extracted again).
_V8 = """
ALTER TABLE claims ADD COLUMN spans TEXT;
"""

# Version 9 (dashboard corrections, issue 17 item 7): the analyst's corrections as a stack that
# `marsad undo` / POST /api/undo takes back one at a time (marsad/store/corrections.py).
# IF NOT EXISTS: tests that take a store back to an older version leave this table alone.
_V9_CORRECTIONS = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,                  -- UTC, as the revision log writes it
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'import')),
    events TEXT NOT NULL,              -- JSON list of the canonical event ids it was asked about
    pairs TEXT NOT NULL,               -- JSON [[key_a, key_b, kind set, kind before, created_at before]]
    undone_at TEXT                     -- when it was undone, NULL while it holds
);
"""

# -- the date intervals (version 10; keep it the last migration): marsad.canonical.date_interval
# date_start/date_end of a canonical event become the interval it is known to lie in (its
# reported date ending at its earliest report's publication; an undated one's from its
# publication), and its record gains date_earliest, date_latest, time_precision, date_rule.
# The same rules as the Python, in each dialect; the triggers keep the rollups.
_LAG_DAYS = 10  # marsad.resolve.PUBLICATION_LAG
_LOOKBACK_YEARS = 40  # marsad.canonical.LOOKBACK_YEARS


def _interval_sql(day: str, minus_days: str, year_start: str, span: str) -> str:
    """SELECT id, earliest, latest, rule of every canonical event: ``day(x)`` keeps a valid
    YYYY-MM-DD, ``minus_days(x)`` (the lag before, not before 0001-01-01), ``year_start(x)``
    (1 January LOOKBACK years before) and ``span(a, b)`` (days) in the dialect."""
    pub = (f"(SELECT min({day('substr(s.value ->> ' + chr(39) + 'published' + chr(39) + ', 1, 10)')}) "
           "FROM {each} s)")
    ing = ("(SELECT min(substr(d.ingested_at, 1, 10)) FROM {each} s JOIN documents d "
           "ON d.id = s.value ->> 'document_id')")
    stated = f"""SELECT id, date_start AS earliest,
        CASE WHEN latest IS NOT NULL AND date_start <= latest AND latest < date_end THEN latest ELSE date_end END AS latest,
        CASE WHEN record_from = 'known_events' THEN 'known_event' ELSE 'reported' END AS rule FROM b
        WHERE date_start IS NOT NULL AND date_end IS NOT NULL"""
    undated = f"""SELECT id, CASE WHEN pub IS NOT NULL AND background = 0 THEN {minus_days('latest')}
        ELSE {year_start('latest')} END, latest,
        CASE WHEN pub IS NULL THEN 'stored' WHEN background = 0 THEN 'publication_lag' ELSE 'background' END
        FROM b WHERE (date_start IS NULL OR date_end IS NULL) AND latest IS NOT NULL"""
    return f"""WITH b AS (SELECT id, date_start, date_end, background, record_from, pub,
        coalesce(pub, ing) AS latest FROM (SELECT c.id, c.date_start, c.date_end, c.background,
        c.record_json ->> 'date_from' AS record_from, {pub} AS pub, {ing} AS ing FROM canonical_events c) x)
    SELECT id, earliest, latest, rule, CASE WHEN {span('earliest', 'latest')} = 0 THEN 1
        WHEN {span('earliest', 'latest')} <= 30 THEN 2 ELSE 3 END AS precision
    FROM ({stated} UNION ALL {undated}) i"""


_V_INTERVALS = f"""
DROP TRIGGER canonical_events_browse_insert;
DROP TRIGGER canonical_events_browse_update;
DROP TRIGGER canonical_events_browse_delete;
{_browse_triggers_sql()}
CREATE TEMP TABLE date_intervals AS {_interval_sql(
    lambda x: f"CASE WHEN date({x}) IS {x} THEN {x} END",
    lambda x: f"max(date({x}, '-{_LAG_DAYS} days'), '0001-01-01')",
    lambda x: f"printf('%04d-01-01', max(1, CAST(substr({x}, 1, 4) AS INTEGER) - {_LOOKBACK_YEARS}))",
    lambda a, b: f"CAST(julianday({b}) - julianday({a}) AS INTEGER)",
).replace("{each} s", "json_each(c.record, '$.sources') s").replace("c.record_json", "c.record")};
UPDATE canonical_events SET date_start = i.earliest, date_end = i.latest,
    record = json_set(record, '$.date_earliest', i.earliest, '$.date_latest', i.latest,
                      '$.time_precision', i.precision, '$.date_rule', i.rule)
    FROM temp.date_intervals i WHERE i.id = canonical_events.id;
UPDATE canonical_events SET record = json_set(record, '$.date_earliest', NULL, '$.date_latest', NULL,
    '$.time_precision', NULL, '$.date_rule', NULL)
    WHERE id NOT IN (SELECT id FROM temp.date_intervals);
DROP TABLE temp.date_intervals;
"""

# -- the claims' footing (issue 15: paged `marsad check`, /api/checks): each claim as the figures
# check compares it (marsad.figures.footing): its interval low..high (high NULL: no bound) and
# its period first_day..last_day (NULL: not placed; by_publication: "since" with no end, closed
# by the document's publication day), beside its metric, subset and source, so that the check
# groups and counts in SQL and reads the figures of the checks it shows only. Written with each
# claim (marsad.store.write.insert_claim); the stored claims are filled in by Python when the
# store is next opened (marsad.store.footing.fill_footing: the periods are SPEC dates read by
# marsad.text.dates, which SQL would have to write again). record_totals keeps the record's
# counts a check worked out, for the store's version (browse_meta.version: any change of events
# or documents moves it on). IF NOT EXISTS: tests that take a store back to an older version
# run this again.
_V_FOOTING = """
CREATE TABLE IF NOT EXISTS claim_footing (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    metric TEXT NOT NULL, subset TEXT, source TEXT,
    low INTEGER NOT NULL, high INTEGER,
    first_day TEXT, last_day TEXT, by_publication INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_footing_groups ON claim_footing(metric, first_day, last_day, subset, low, high,
    by_publication, claim_id);
CREATE INDEX IF NOT EXISTS claim_footing_sources ON claim_footing(source, metric, first_day, last_day, subset, low,
    high, by_publication, claim_id);
CREATE TABLE IF NOT EXISTS record_totals (   -- the record's count over a period as a check worked it out
    metric TEXT NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL,
    version INTEGER NOT NULL,                -- browse_meta.version then: used only while it is the same
    count INTEGER, documents INTEGER NOT NULL, outlets INTEGER NOT NULL, months INTEGER NOT NULL,
    PRIMARY KEY (metric, first_day, last_day)
) WITHOUT ROWID;
"""

# The claims page (/api/claims, marsad.store.browse._claim_rows) reads claims in (publication
# date, id) order from this index and stops after a page, instead of joining and sorting every
# matching claim for each page (0.5 s a page at 100,000 claims); a date range of claims is a
# range of it (browse._documents_and_claims). PostgreSQL's is _PG_CLAIMS_ORDER.
_V_CLAIMS_ORDER = """
CREATE INDEX IF NOT EXISTS claim_documents_published ON claim_documents (published, claim_id);
"""


# -- the record's kept totals, current (issue 15: the first check after a change in under a second):
# each change of record_days and record_documents is logged while a check keeps totals
# (record_totals not empty), and the next check applies the logged changes to every kept total
# (marsad.store.kept_totals) instead of reading all the record's tallies again. record_outlets:
# the documents by outlet and day (the outlet named as marsad.store.tallies names it: the site
# name, else the host of the URL, which only Python computes), kept with the totals. The totals
# kept before (valid for one browse_meta.version) are dropped: they were not logged.
_RECORD_CHANGE_COLUMNS = "type, first_day, last_day, events, arrested, day, outlet, url, documents"


def _record_change_sql(table: str, row: str, sign: str) -> str:
    """INSERT into record_changes the change of ``row`` (NEW, or OLD with sign '-') of ``table``."""
    if table == "record_days":
        values = f"{row}.type, {row}.date_start, {row}.date_end, {sign}{row}.events, {sign}{row}.arrested, " \
                 "NULL, NULL, NULL, NULL"
    else:
        values = f"NULL, NULL, NULL, NULL, NULL, {row}.day, {row}.outlet, {row}.url, {sign}{row}.documents"
    return f"INSERT INTO record_changes ({_RECORD_CHANGE_COLUMNS}) VALUES ({values});"


def _record_change_triggers() -> str:
    out = []
    for table in ("record_days", "record_documents"):
        for op, body in (("INSERT", _record_change_sql(table, "NEW", "")),
                         ("UPDATE", _record_change_sql(table, "OLD", "-") + " " + _record_change_sql(table, "NEW", "")),
                         ("DELETE", _record_change_sql(table, "OLD", "-"))):
            out.append(f"CREATE TRIGGER IF NOT EXISTS log_{table}_{op.lower()} AFTER {op} ON {table} "
                       f"WHEN EXISTS (SELECT 1 FROM record_totals) BEGIN {body} END;")
    return "\n".join(out)


# claim_groups: the placed claims' footing by metric, subset (NULL and '' one) and period, as
# marsad.figures.paged reads it for every page (a GROUP BY over every claim otherwise): how many
# figures, their least and greatest bounds, how many with a bound and closed by their publication
# day, the first claim and its subset; kept by triggers on claim_footing (a deleted claim's group
# worked out again from the footing's index).
_GROUP_KEY = "metric = {row}.metric AND first_day = {row}.first_day AND last_day = {row}.last_day"


def _claim_group_sql(row: str, sign: str) -> str:
    """Add (sign '') or take out (sign '-') footing ``row`` (NEW or OLD) to/from claim_groups; the
    same SQL in both dialects."""
    placed = f"{row}.first_day IS NOT NULL AND {row}.last_day IS NOT NULL"
    if sign:
        match = _GROUP_KEY.format(row=row) + f" AND subset = coalesce({row}.subset, '')"
        return f"""
    DELETE FROM claim_groups WHERE {match};
    INSERT INTO claim_groups SELECT metric, coalesce(subset, ''), first_day, last_day, count(*), min(low), max(low),
        min(high), max(high), count(high), sum(by_publication), min(claim_id), NULL FROM claim_footing
        WHERE {_GROUP_KEY.format(row=row)} AND coalesce(subset, '') = coalesce({row}.subset, '') AND {placed}
        GROUP BY metric, coalesce(subset, ''), first_day, last_day;
    UPDATE claim_groups SET first_subset = (SELECT f.subset FROM claim_footing f WHERE f.claim_id = claim_groups.first_id)
        WHERE {match};"""

    def least(col: str, most: bool = False) -> str:
        old, new = f"claim_groups.{col}", f"excluded.{col}"
        return (f"{col} = CASE WHEN {old} IS NULL THEN {new} WHEN {new} IS NULL THEN {old} "
                f"WHEN {new} {'>' if most else '<'} {old} THEN {new} ELSE {old} END")
    return f"""
    INSERT INTO claim_groups SELECT {row}.metric, coalesce({row}.subset, ''), {row}.first_day, {row}.last_day, 1,
        {row}.low, {row}.low, {row}.high, {row}.high, CASE WHEN {row}.high IS NULL THEN 0 ELSE 1 END,
        {row}.by_publication, {row}.claim_id, {row}.subset WHERE {placed}
        ON CONFLICT (metric, subset, first_day, last_day) DO UPDATE SET figures = claim_groups.figures + 1,
        {least("min_low")}, {least("max_low", True)}, {least("min_high")}, {least("max_high", True)},
        highs = claim_groups.highs + excluded.highs, by_publication = claim_groups.by_publication + excluded.by_publication,
        first_subset = CASE WHEN excluded.first_id < claim_groups.first_id THEN excluded.first_subset
            ELSE claim_groups.first_subset END,
        first_id = CASE WHEN excluded.first_id < claim_groups.first_id THEN excluded.first_id
            ELSE claim_groups.first_id END;"""


_CLAIM_GROUPS_FILL = """
DELETE FROM claim_groups;
INSERT INTO claim_groups SELECT metric, coalesce(subset, ''), first_day, last_day, count(*), min(low), max(low),
    min(high), max(high), count(high), sum(by_publication), min(claim_id), NULL FROM claim_footing
    WHERE first_day IS NOT NULL AND last_day IS NOT NULL GROUP BY metric, coalesce(subset, ''), first_day, last_day;
UPDATE claim_groups SET first_subset = (SELECT f.subset FROM claim_footing f WHERE f.claim_id = claim_groups.first_id);
"""

_V_RECORD_CHANGES = f"""
CREATE TABLE IF NOT EXISTS claim_groups (
    metric TEXT NOT NULL, subset TEXT NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL,
    figures INTEGER NOT NULL, min_low INTEGER NOT NULL, max_low INTEGER NOT NULL, min_high INTEGER, max_high INTEGER,
    highs INTEGER NOT NULL, by_publication INTEGER NOT NULL, first_id INTEGER NOT NULL, first_subset TEXT,
    PRIMARY KEY (metric, subset, first_day, last_day)
) WITHOUT ROWID;
{_CLAIM_GROUPS_FILL}
CREATE TRIGGER IF NOT EXISTS claim_groups_insert AFTER INSERT ON claim_footing BEGIN {_claim_group_sql("NEW", "")} END;
CREATE TRIGGER IF NOT EXISTS claim_groups_delete AFTER DELETE ON claim_footing BEGIN {_claim_group_sql("OLD", "-")} END;
CREATE TRIGGER IF NOT EXISTS claim_groups_update AFTER UPDATE ON claim_footing BEGIN
    {_claim_group_sql("OLD", "-")} {_claim_group_sql("NEW", "-")}
END;
CREATE TABLE IF NOT EXISTS record_changes (   -- a change of record_days (type..arrested) or record_documents
    type TEXT, first_day TEXT, last_day TEXT, events INTEGER, arrested INTEGER,
    day TEXT, outlet TEXT, url TEXT, documents INTEGER
);
CREATE TABLE IF NOT EXISTS record_outlets (
    outlet TEXT NOT NULL, day TEXT NOT NULL, documents INTEGER NOT NULL,
    PRIMARY KEY (outlet, day)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_outlets_days ON record_outlets(day, outlet);
{_record_change_triggers()}
DELETE FROM record_totals;
"""

# PostgreSQL only: the full-text index's per-document term counts and length, for its bm25 (SQLite's
# FTS5 keeps its own); the SQLite store only moves to the same version number.
_V_TERM_COUNTS = """
SELECT 1;
"""

MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9_CORRECTIONS, _V_INTERVALS,
                         _V_FOOTING, _V_CLAIMS_ORDER, _V_RECORD_CHANGES, _V_TERM_COUNTS]
LINK_TABLES = dict(_LINK_TABLES)

# -- PostgreSQL -------------------------------------------------------------------------------
# The same migrations in PostgreSQL's dialect: each SQLite migration's tables, columns and
# indexes, translated (_pg_ddl), plus what must be written differently: the full-text index
# (a tsvector of the same shadow text, marsad/store/search.py) and the triggers (PL/pgSQL).
# A PostgreSQL store is created at the latest version, so the SQLite migrations' data
# rewrites (rebuilding rollups over existing rows) have nothing to do there. The browse
# rollups (stats_*) are kept by the same triggers, in PL/pgSQL (marsad_rollup).

_PG_KEEP = ("CREATE TABLE", "CREATE INDEX", "ALTER TABLE", "INSERT INTO browse_meta",
            "INSERT INTO mention_counts")

def _pg_rowid(table: str, column: str = "rowid") -> str:
    """Number new rows of ``table`` as SQLite numbers a rowid (an INTEGER PRIMARY KEY): one more
    than the largest stored, so that ids (``marsad show 12``, cursors) are the same on both
    (a sequence would skip numbers on upserts and rolled-back writes). Writers are serialized
    (marsad.store.pg), so two never take the same number; the unique index is the guard."""
    add = "" if column == "id" else f"ALTER TABLE {table} ADD COLUMN {column} BIGINT;\n"
    return f"""{add}CREATE UNIQUE INDEX {table}_{column}_next ON {table} ({column});
CREATE FUNCTION {table}_{column}_next() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.{column} IS NULL THEN
        NEW.{column} := coalesce((SELECT max({column}) FROM {table}), 0) + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER {table}_{column}_next BEFORE INSERT ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_{column}_next();
"""


_PG_FTS = _pg_rowid("event_mentions", "id") + _pg_rowid("claims", "id") + _pg_rowid("documents") + """
CREATE TABLE documents_fts (
    document_id TEXT COLLATE "C" NOT NULL,
    body TEXT NOT NULL,                -- shadow tokens separated by spaces (search.shadow_text)
    terms tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(body, ' '))) STORED
);
CREATE INDEX documents_fts_terms ON documents_fts USING gin (terms);
CREATE INDEX documents_fts_document ON documents_fts (document_id);
CREATE TABLE fts_totals (rows BIGINT NOT NULL, tokens BIGINT NOT NULL);  -- for bm25 (search.py)
INSERT INTO fts_totals VALUES (0, 0);
CREATE FUNCTION marsad_fts_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE fts_totals SET rows = rows + 1,
            tokens = tokens + coalesce(array_length(string_to_array(NEW.body, ' '), 1), 0);
    ELSE
        UPDATE fts_totals SET rows = rows - 1,
            tokens = tokens - coalesce(array_length(string_to_array(OLD.body, ' '), 1), 0);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER documents_fts_totals AFTER INSERT OR DELETE ON documents_fts
    FOR EACH ROW EXECUTE FUNCTION marsad_fts_totals();
""" + _pg_rowid("documents_fts")

# the order pages were queued in (SQLite's rowid; an upsert takes a new one, as REPLACE does)
_PG_V2 = _pg_rowid("fetches")

_PG_V4 = _pg_rowid("canonical_revisions", "id") + """
CREATE FUNCTION marsad_member_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE canonical_events SET stale = 1 WHERE id = OLD.canonical_id;
    RETURN NULL;
END $$;
CREATE TRIGGER canonical_members_deleted AFTER DELETE ON canonical_members
    FOR EACH ROW EXECUTE FUNCTION marsad_member_deleted();
"""

def _pg_list(row: str, field: str) -> str:
    """The string items of the JSON list ``field`` of ``row``'s record, as rows ``j(value)``."""
    return f"jsonb_array_elements_text(marsad_list({row}.record, '{field}')) j(value)"


def _pg_event_expr(row: str) -> dict[str, str]:
    """:func:`_event_expr` in PostgreSQL's dialect."""
    first = f"substr({row}.date, 1, coalesce(nullif(strpos({row}.date, '/'), 0) - 1, length({row}.date)))"
    e = _event_expr(row)
    e.update(arrested=f"({row}.record::jsonb ->> 'arrested')::bigint",
             killed=f"({row}.record::jsonb ->> 'killed')::bigint",
             monthly=f"({row}.date_start IS NOT NULL AND coalesce(length(trim({first})), 0) >= 7)::int")
    return e


def _pg_sums(table: str, columns: tuple[str, ...]) -> str:
    return ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns)


def _pg_rollup_function() -> str:
    """``marsad_rollup(e, sign)``: add (sign 1) or remove (sign -1) one canonical event to/from
    every rollup, as :func:`_rollup_sql` does in SQLite's triggers. The record is parsed and
    its facets gathered once, then unnested into each rollup."""
    e = _pg_event_expr("e")
    key = ", ".join(e[k] for k in ROLLUPS["stats_events"])
    lists = " UNION ".join(
        f"SELECT '{field}'::text COLLATE \"C\" AS field, j.value COLLATE \"C\" AS value FROM jsonb_array_elements_text("
        f"CASE WHEN jsonb_typeof(r -> '{field}') = 'array' THEN r -> '{field}' ELSE '[]' END) j(value)"
        for field in _LIST_FACETS)
    regions = ("SELECT 'region', p.region FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(r -> 'places') "
               "= 'array' THEN r -> 'places' ELSE '[]' END) j(value) JOIN places p ON p.id = j.value "
               "WHERE p.region IS NOT NULL")
    facets = "unnest(fields, vals)"
    two, three = ("events", "arrested"), ("events", "arrested", "killed")
    pk = {t: ", ".join(k) for t, k in ROLLUPS.items()}
    return f"""
CREATE FUNCTION marsad_rollup(e canonical_events, sign BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    r JSONB := e.record::jsonb;
    v_arrested BIGINT := sign * coalesce((r ->> 'arrested')::bigint, 0);
    v_killed BIGINT := sign * coalesce((r ->> 'killed')::bigint, 0);
    fields TEXT[];
    vals TEXT[];
BEGIN
    SELECT coalesce(array_agg(x.field), '{{}}'), coalesce(array_agg(x.value), '{{}}') INTO fields, vals
        FROM ({lists} UNION {regions}) x WHERE x.value IS NOT NULL;
    INSERT INTO stats_events ({pk['stats_events']}, events, arrested, killed)
        VALUES ({key}, sign, v_arrested, v_killed)
        ON CONFLICT ({pk['stats_events']}) DO UPDATE SET {_pg_sums('stats_events', three)};
    INSERT INTO stats_values ({pk['stats_values']}, events, arrested, killed)
        SELECT f.field, f.value, {key}, sign, v_arrested, v_killed FROM {facets} f(field, value)
        ON CONFLICT ({pk['stats_values']}) DO UPDATE SET {_pg_sums('stats_values', three)};
    INSERT INTO stats_years (field, value, type, background, start_year, end_year, events, arrested)
        SELECT f.field, f.value, {e['type']}, {e['background']}, {e['start_year']}, {e['end_year']},
               sign, v_arrested FROM {facets} f(field, value)
        ON CONFLICT ({pk['stats_years']}) DO UPDATE SET {_pg_sums('stats_years', two)};
    INSERT INTO stats_pairs (field, value, field2, value2, type, background, events, arrested)
        SELECT a.field, a.value, b.field, b.value, {e['type']}, {e['background']}, sign, v_arrested
        FROM (SELECT '' AS field, '' AS value UNION ALL SELECT * FROM {facets}) a(field, value),
             {facets} b(field, value)
        ON CONFLICT ({pk['stats_pairs']}) DO UPDATE SET {_pg_sums('stats_pairs', two)};
    INSERT INTO stats_pair_years (field, value, end_year, start_year, field2, value2, type, background,
                                  events, arrested)
        SELECT a.field, a.value, {e['end_year']}, {e['start_year']}, b.field, b.value, {e['type']},
               {e['background']}, sign, v_arrested FROM {facets} a(field, value), {facets} b(field, value)
        ON CONFLICT ({pk['stats_pair_years']}) DO UPDATE SET {_pg_sums('stats_pair_years', two)};
END $$;"""


def _pg_event_derived_function(create: str) -> str:
    """The trigger function filling an event row's derived columns (counts, month) from its
    record; ``create``: "CREATE FUNCTION", or "CREATE OR REPLACE FUNCTION" for a migration that
    changes how they are derived."""
    e = _pg_event_expr("NEW")
    return f"""{create} marsad_event_derived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.arrested := {e["arrested"]};
    NEW.killed := {e["killed"]};
    NEW.month := CASE WHEN {e["monthly"]} = 1 THEN substr(NEW.date_start, 1, 7) END;
    RETURN NEW;
END $$;"""


def _pg_empty_triggers() -> str:
    """A rollup row whose events fall to zero is deleted, as in SQLite."""
    out = []
    for table, key in ROLLUPS.items():
        match = " AND ".join(f"{k} = NEW.{k}" for k in key)
        out.append(f"""
CREATE FUNCTION {table}_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {table} WHERE {match};
    RETURN NULL;
END $$;
CREATE TRIGGER {table}_empty AFTER UPDATE OF events ON {table}
    FOR EACH ROW WHEN (NEW.events = 0) EXECUTE FUNCTION {table}_empty();""")
    return "".join(out)


_PG_DOC_MONTH = "coalesce(substr({row}.published, 1, 7), '')"

_PG_V5 = f"""
UPDATE browse_meta SET version = version + 1;  -- as SQLite's migration, which rebuilds the rollups
{_pg_rowid("canonical_events")}CREATE FUNCTION marsad_list(record TEXT, field TEXT) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(record::jsonb -> field) = 'array' THEN record::jsonb -> field
                ELSE '[]'::jsonb END
$$;
CREATE FUNCTION marsad_span_days(a TEXT, b TEXT) RETURNS BIGINT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN b::date - a::date;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;
{_pg_rollup_function()}
{_pg_empty_triggers()}
{_pg_event_derived_function("CREATE FUNCTION")}
CREATE TRIGGER canonical_events_derived BEFORE INSERT OR UPDATE ON canonical_events
    FOR EACH ROW EXECUTE FUNCTION marsad_event_derived();
CREATE FUNCTION marsad_event_browse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM marsad_rollup(OLD, -1);
        DELETE FROM canonical_partners WHERE canonical_id = OLD.id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        UPDATE browse_meta SET version = version + 1;
        RETURN NULL;
    END IF;
    INSERT INTO canonical_partners (canonical_id, partner)
        SELECT NEW.id, j.value FROM {_pg_list("NEW", "partners")} WHERE j.value IS NOT NULL
        ON CONFLICT DO NOTHING;
    UPDATE browse_meta SET version = version + 1,
        max_span_days = greatest(max_span_days, coalesce(marsad_span_days(NEW.date_start, NEW.date_end), 0));
    PERFORM marsad_rollup(NEW, 1);
    RETURN NULL;
END $$;
CREATE TRIGGER canonical_events_browse_insert AFTER INSERT OR DELETE ON canonical_events
    FOR EACH ROW EXECUTE FUNCTION marsad_event_browse();
CREATE TRIGGER canonical_events_browse_update
    AFTER UPDATE OF {_BROWSE_COLUMNS} ON canonical_events
    FOR EACH ROW EXECUTE FUNCTION marsad_event_browse();
CREATE FUNCTION stats_documents_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM stats_documents WHERE month = NEW.month;
    RETURN NULL;
END $$;
CREATE TRIGGER stats_documents_empty AFTER UPDATE ON stats_documents
    FOR EACH ROW WHEN (NEW.documents = 0 AND NEW.claims = 0) EXECUTE FUNCTION stats_documents_empty();
CREATE FUNCTION marsad_document_browse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE browse_meta SET version = version + 1;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_documents VALUES ({_PG_DOC_MONTH.format(row="NEW")}, 1, 0)
            ON CONFLICT (month) DO UPDATE SET documents = stats_documents.documents + 1;
        RETURN NULL;
    END IF;
    -- before the row goes: its claims are deleted after it (cascade), when it can no longer be read
    INSERT INTO stats_documents VALUES ({_PG_DOC_MONTH.format(row="OLD")}, -1,
        -(SELECT count(*) FROM claims WHERE document_id = OLD.id))
        ON CONFLICT (month) DO UPDATE SET documents = stats_documents.documents + excluded.documents,
                                          claims = stats_documents.claims + excluded.claims;
    RETURN OLD;
END $$;
CREATE TRIGGER documents_browse_insert AFTER INSERT ON documents
    FOR EACH ROW EXECUTE FUNCTION marsad_document_browse();
CREATE TRIGGER documents_browse_delete BEFORE DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION marsad_document_browse();
CREATE FUNCTION marsad_claim_browse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_documents SELECT {_PG_DOC_MONTH.format(row="d")}, 0, 1 FROM documents d
            WHERE d.id = NEW.document_id ON CONFLICT (month) DO UPDATE SET claims = stats_documents.claims + 1;
    ELSE  -- a claim deleted on its own (with its document: the document row is gone already)
        INSERT INTO stats_documents SELECT {_PG_DOC_MONTH.format(row="d")}, 0, -1 FROM documents d
            WHERE d.id = OLD.document_id ON CONFLICT (month) DO UPDATE SET claims = stats_documents.claims - 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER claims_browse AFTER INSERT OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION marsad_claim_browse();
-- A place's region learnt later (gazetteer data filled in): the region rollups are stale.
CREATE FUNCTION marsad_region_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE browse_meta SET rollups_stale = 1, version = version + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER places_region_changed AFTER UPDATE OF region ON places
    FOR EACH ROW WHEN (OLD.region IS DISTINCT FROM NEW.region) EXECUTE FUNCTION marsad_region_changed();
"""


def pg_rebuild_sql() -> str:
    """:func:`browse_rebuild_sql` for PostgreSQL (a script, in the caller's transaction)."""
    return f"""
DELETE FROM stats_events; DELETE FROM stats_values; DELETE FROM stats_years;
DELETE FROM stats_pairs; DELETE FROM stats_pair_years; DELETE FROM canonical_partners;
INSERT INTO canonical_partners (canonical_id, partner)
    SELECT c.id, j.value FROM canonical_events c, {_pg_list("c", "partners")}
    WHERE j.value IS NOT NULL ON CONFLICT DO NOTHING;
SELECT count(marsad_rollup(c, 1)) FROM canonical_events c;
UPDATE browse_meta SET version = version + 1, rollups_stale = 0, max_span_days = (SELECT
    coalesce(max(marsad_span_days(date_start, date_end)), 0) FROM canonical_events);
DELETE FROM stats_documents;
INSERT INTO stats_documents SELECT month, count(*), sum(claims) FROM (SELECT
    coalesce(substr(d.published, 1, 7), '') AS month,
    (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims FROM documents d) x
    GROUP BY month;"""


_PG_V6 = """
CREATE FUNCTION marsad_count_mentions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    step BIGINT := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
    IF TG_TABLE_NAME = 'event_mentions' THEN
        UPDATE mention_counts SET mentions = mentions + step;
    ELSE
        UPDATE mention_counts SET members = members + step;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER mention_counts_mentions AFTER INSERT OR DELETE ON event_mentions
    FOR EACH ROW EXECUTE FUNCTION marsad_count_mentions();
CREATE TRIGGER mention_counts_members AFTER INSERT OR DELETE ON canonical_members
    FOR EACH ROW EXECUTE FUNCTION marsad_count_mentions();
"""


_PG_ARRESTED = "coalesce(({row}.record::jsonb ->> 'arrested')::bigint, 0)"


def pg_record_rebuild_sql() -> str:
    """:func:`record_rebuild_sql` for PostgreSQL."""
    return f"""
DELETE FROM record_days; DELETE FROM record_documents; DELETE FROM claim_documents;
INSERT INTO record_days SELECT type, date_start, date_end, count(*), sum({_PG_ARRESTED.format(row="c")})
    FROM canonical_events c WHERE date_start IS NOT NULL AND date_end IS NOT NULL
    GROUP BY type, date_start, date_end;
INSERT INTO record_documents SELECT {_RECORD_DOC_KEY.format(row="d")}, count(*) FROM documents d
    WHERE published IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO claim_documents SELECT c.id, d.published, d.url FROM claims c JOIN documents d ON d.id = c.document_id;"""


_PG_V7 = f"""{pg_record_rebuild_sql()}
CREATE FUNCTION marsad_record_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE record_days SET events = events - 1, arrested = arrested - {_PG_ARRESTED.format(row="OLD")}
            WHERE type = OLD.type AND date_start = OLD.date_start AND date_end = OLD.date_end;
        DELETE FROM record_days WHERE type = OLD.type AND date_start = OLD.date_start
            AND date_end = OLD.date_end AND events = 0;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.date_start IS NOT NULL AND NEW.date_end IS NOT NULL THEN
        INSERT INTO record_days VALUES (NEW.type, NEW.date_start, NEW.date_end, 1, {_PG_ARRESTED.format(row="NEW")})
            ON CONFLICT (type, date_start, date_end) DO UPDATE SET events = record_days.events + 1,
                arrested = record_days.arrested + excluded.arrested;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER record_days_insert AFTER INSERT OR DELETE ON canonical_events
    FOR EACH ROW EXECUTE FUNCTION marsad_record_days();
CREATE TRIGGER record_days_update AFTER UPDATE OF type, date_start, date_end, record ON canonical_events
    FOR EACH ROW EXECUTE FUNCTION marsad_record_days();
CREATE FUNCTION marsad_record_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO record_documents VALUES ({_RECORD_DOC_KEY.format(row="NEW")}, 1)
            ON CONFLICT (day, outlet, url) DO UPDATE SET documents = record_documents.documents + 1;
    ELSE
        UPDATE record_documents SET documents = documents - 1 WHERE {_RECORD_DOC_MATCH.format(row="OLD")};
        DELETE FROM record_documents WHERE {_RECORD_DOC_MATCH.format(row="OLD")} AND documents = 0;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER record_documents_insert AFTER INSERT ON documents
    FOR EACH ROW WHEN (NEW.published IS NOT NULL) EXECUTE FUNCTION marsad_record_documents();
CREATE TRIGGER record_documents_delete AFTER DELETE ON documents
    FOR EACH ROW WHEN (OLD.published IS NOT NULL) EXECUTE FUNCTION marsad_record_documents();
CREATE FUNCTION marsad_claim_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO claim_documents SELECT NEW.id, d.published, d.url FROM documents d
            WHERE d.id = NEW.document_id
            ON CONFLICT (claim_id) DO UPDATE SET published = excluded.published, url = excluded.url;
    ELSE
        DELETE FROM claim_documents WHERE claim_id = OLD.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER claim_documents AFTER INSERT OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION marsad_claim_documents();
"""


def _pg_ddl(statement: str) -> str:
    """A SQLite table, column or index definition in PostgreSQL's types: 64-bit integers
    (an ``id`` key numbered by :func:`_pg_rowid`), double precision, text compared by code point as SQLite
    compares it (collation "C"), no WITHOUT ROWID, integer truth values compared with 0."""
    s = re.sub(r"\bINTEGER\b", "BIGINT", statement)
    s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
    s = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', s)
    s = re.sub(r"\)\s*WITHOUT ROWID", ")", s)
    return re.sub(r"WHERE stale;?$", "WHERE stale <> 0", s.rstrip(";"))


def _pg_migration(sqlite_script: str, extra: str = "") -> str:
    kept = []
    for statement in statements(sqlite_script):
        code = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("--")).strip()
        index = re.match(r"CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?(\w+)", code)
        if index and re.search(rf"\bINDEX (?:IF NOT EXISTS )?{index[1]}\b", extra):
            continue  # PostgreSQL's own definition of this index is in extra
        if code.startswith(_PG_KEEP) and not code.startswith("CREATE INDEX temp."):
            kept.append(_pg_ddl(code) + ";")
    return "\n".join(kept) + "\n" + extra


_PG_V_INTERVALS = f"""
{_pg_rollup_function().replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)}
{_pg_event_derived_function("CREATE OR REPLACE FUNCTION")}
CREATE TEMP TABLE date_intervals ON COMMIT DROP AS {_interval_sql(
    lambda x: f"CASE WHEN {x} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$' THEN {x} END",
    lambda x: f"CASE WHEN {x}::date - {_LAG_DAYS} < DATE '0001-01-01' THEN '0001-01-01' "
              f"ELSE to_char({x}::date - {_LAG_DAYS}, 'YYYY-MM-DD') END",
    lambda x: f"lpad(greatest(1, substr({x}, 1, 4)::int - {_LOOKBACK_YEARS})::text, 4, '0') || '-01-01'",
    lambda a, b: f"({b}::date - {a}::date)",
).replace("{each} s", "jsonb_array_elements(c.record::jsonb -> 'sources') s(value)")
 .replace("c.record_json", "c.record::jsonb")};
UPDATE canonical_events c SET date_start = i.earliest, date_end = i.latest,
    record = (c.record::jsonb || jsonb_build_object('date_earliest', i.earliest, 'date_latest', i.latest,
              'time_precision', i.precision, 'date_rule', i.rule))::text
    FROM date_intervals i WHERE i.id = c.id;
UPDATE canonical_events c SET record = (c.record::jsonb || jsonb_build_object('date_earliest', NULL,
    'date_latest', NULL, 'time_precision', NULL, 'date_rule', NULL))::text
    WHERE c.id NOT IN (SELECT id FROM date_intervals);
"""
# SQLite puts NULL first in ascending order, so the SQL's ORDER BY reaches PostgreSQL with NULLS
# FIRST (marsad.store.pg): the index must be in that order to give it.
_PG_CLAIMS_ORDER = """
CREATE INDEX IF NOT EXISTS claim_documents_published ON claim_documents (published NULLS FIRST, claim_id NULLS FIRST);
"""
# The record's changes logged (_V_RECORD_CHANGES): one function for both tables; the test of
# record_totals inside it (a trigger's WHEN takes no subquery in PostgreSQL). OR REPLACE and DROP IF
# EXISTS: tests that take a store back to an older version run it again.
_PG_RECORD_CHANGES = f"""
CREATE OR REPLACE FUNCTION marsad_record_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM record_totals) THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'record_days' THEN
        IF TG_OP <> 'INSERT' THEN {_record_change_sql("record_days", "OLD", "-")} END IF;
        IF TG_OP <> 'DELETE' THEN {_record_change_sql("record_days", "NEW", "")} END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN {_record_change_sql("record_documents", "OLD", "-")} END IF;
        IF TG_OP <> 'DELETE' THEN {_record_change_sql("record_documents", "NEW", "")} END IF;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS log_record_days ON record_days;
DROP TRIGGER IF EXISTS log_record_documents ON record_documents;
DROP TRIGGER IF EXISTS claim_groups ON claim_footing;
CREATE TRIGGER log_record_days AFTER INSERT OR UPDATE OR DELETE ON record_days
    FOR EACH ROW EXECUTE FUNCTION marsad_record_changes();
CREATE TRIGGER log_record_documents AFTER INSERT OR UPDATE OR DELETE ON record_documents
    FOR EACH ROW EXECUTE FUNCTION marsad_record_changes();
DELETE FROM record_totals;
{_CLAIM_GROUPS_FILL}
CREATE OR REPLACE FUNCTION marsad_claim_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {_claim_group_sql("NEW", "")}
    ELSIF TG_OP = 'DELETE' THEN {_claim_group_sql("OLD", "-")}
    ELSE {_claim_group_sql("OLD", "-")} {_claim_group_sql("NEW", "-")}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER claim_groups AFTER INSERT OR UPDATE OR DELETE ON claim_footing
    FOR EACH ROW EXECUTE FUNCTION marsad_claim_groups();
"""
# Search ranks by bm25 over the shadow tokens (queries._pg_search_articles): each document's count of each
# token and its length, kept beside the text so that a query reads them instead of splitting every matching
# text (a common word matches most documents). Idempotent, as the stores a test moves back a few versions
# run it again.
_PG_TERM_COUNTS = """
CREATE OR REPLACE FUNCTION marsad_term_counts(body text) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(jsonb_object_agg(t, n), '{}'::jsonb)
    FROM (SELECT t, count(*) AS n FROM unnest(string_to_array(body, ' ')) AS t GROUP BY t) c
$$;
ALTER TABLE documents_fts
    ADD COLUMN IF NOT EXISTS term_counts jsonb GENERATED ALWAYS AS (marsad_term_counts(body)) STORED,
    ADD COLUMN IF NOT EXISTS length integer GENERATED ALWAYS AS (cardinality(string_to_array(body, ' '))) STORED;
"""

_PG_EXTRA = [_PG_FTS, _PG_V2, "", _PG_V4, _PG_V5, _PG_V6, _PG_V7, "",
             _pg_rowid("corrections", "id"), _PG_V_INTERVALS,
             "",  # the footing: its tables translate
             _PG_CLAIMS_ORDER,  # by migration
             _PG_RECORD_CHANGES,
             _PG_TERM_COUNTS]


@lru_cache(maxsize=None)
def pg_migrations() -> tuple[str, ...]:
    """:data:`MIGRATIONS` in PostgreSQL's dialect, one for one."""
    return tuple(_pg_migration(m, extra) for m, extra in zip(MIGRATIONS, _PG_EXTRA, strict=True))


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, path: str = "database") -> int:
    """Apply pending migrations to an autocommit connection; return the new version.

    Each migration runs in its own ``BEGIN IMMEDIATE`` transaction that first reads the
    version again: another process opening the same new database at the same moment
    waits for the write lock (the connection's busy timeout) and then finds the work
    done, instead of running the same migration twice.
    Raises StoreError when the database is newer than this code or a migration fails.
    """
    while (version := _checked_version(conn, path)) < len(MIGRATIONS):
        number = version + 1
        try:
            begin_write(conn)
            if _checked_version(conn, path) == version:  # not migrated meanwhile by another process
                for statement in statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            _rollback(conn)
            raise StoreError(f"cannot migrate {path} to schema version {number}: {e}") from e
        except BaseException:
            _rollback(conn)
            raise
    return len(MIGRATIONS)


def statements(script: str) -> list[str]:
    """The SQL statements of ``script`` one by one (triggers whole), for ``execute`` in a
    transaction (``executescript`` would commit it first)."""
    out, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if _has_sql(pending):
                out.append(pending.strip())
            pending = ""
    if _has_sql(pending[:-1]):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {pending[:80]!r}")
    return out


def _has_sql(text: str) -> bool:
    """True when ``text`` has something besides blanks, ``--`` comments and semicolons."""
    return any(line.split("--", 1)[0].strip(" ;\t") for line in text.splitlines())


def _checked_version(conn: sqlite3.Connection, path: str) -> int:
    version = schema_version(conn)
    if version > len(MIGRATIONS):
        raise StoreError(f"{path} has schema version {version}, newer than this marsad "
                         f"understands ({len(MIGRATIONS)}); upgrade marsad")
    return version


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:  # SQLite may have rolled back already
        conn.execute("ROLLBACK")


def migrate_pg(conn: Any, name: str = "database", create: bool = True) -> int:
    """Apply pending PostgreSQL migrations (:func:`pg_migrations`) to a
    :class:`marsad.store.pg.PgConnection`; return the new version.

    The version lives in ``marsad_schema``; each migration runs in one transaction with
    its version bump, holding an advisory lock, so processes opening one new database at
    once migrate it once. NoDatabaseError when ``create`` is false and the database holds
    no marsad schema; StoreError as :func:`migrate`.
    """
    from ..errors import NoDatabaseError
    from .pg import MIGRATE_LOCK, PgError
    while True:
        try:
            version = conn.execute("SELECT version FROM marsad_schema").fetchone()[0]
        except PgError:
            if not create:
                raise NoDatabaseError(f"no marsad database at {name}; run `marsad ingest` first") from None
            version = 0
        if version > len(pg_migrations()):
            raise StoreError(f"{name} has schema version {version}, newer than this marsad "
                             f"understands ({len(pg_migrations())}); upgrade marsad")
        if version == len(pg_migrations()):
            return version
        try:
            conn.execute("BEGIN")
            conn.execute(f"SELECT pg_advisory_xact_lock({MIGRATE_LOCK})")
            conn.script("CREATE TABLE IF NOT EXISTS marsad_schema (version INTEGER NOT NULL);"
                        "INSERT INTO marsad_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM marsad_schema)")
            now = conn.execute("SELECT version FROM marsad_schema").fetchone()[0]
            if now == version:  # not migrated meanwhile by another process
                conn.script(pg_migrations()[version])
                conn.execute("UPDATE marsad_schema SET version = ?", (version + 1,))
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            _rollback(conn)
            raise StoreError(f"cannot migrate {name} to schema version {version + 1}: {e}") from e
        except BaseException:
            _rollback(conn)
            raise
