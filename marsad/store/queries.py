"""Read queries over the store, returning plain dicts (SPEC shape plus store keys).

An event dict is ``Event.to_dict()`` plus ``id``, ``key`` (``"<document id>#<ordinal>"``,
stable across re-ingestion), ``document_id``, ``published``,
``url`` and ``places_detail`` (one dict per place, with GeoNames id and
coordinates, in the order of ``places``). A claim dict is ``Claim.to_dict()`` plus
``id``, ``document_id``, ``published`` and ``url``. All SQL uses bound parameters.
"""
from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import InputError, NotFoundError
from ..sources import matches_source
from .dates import query_bounds
from ..text.headline import headline
from .search import BM25_B, BM25_K1, fts_query, query_terms, snippet, tsquery, tsquery_term

_EVENT_SELECT = ("SELECT e.id, e.document_id, e.ordinal, e.record, d.published, d.url "
                 "FROM event_mentions e JOIN documents d ON d.id = e.document_id")
_LINK_FILTERS = {"place": ("event_places", "place_id"), "org": ("event_orgs", "org_id"),
                 "agency": ("event_agencies", "agency_id")}
_PLACE_KEYS = ("id", "geonames_id", "name_ar", "name_fr", "name_en", "lat", "lon", "province",
               "region", "country")
TITLE_CHARS = 80


def event_filters(alias: str, type: str | None, since: str | None, until: str | None,
                  background: bool | None, exact: bool | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses and bound parameters shared by mention and canonical-event queries
    (``alias`` names a table with type, date_start, date_end and background columns; with
    ``exact``, a canonical event table: only events whose reports name their day or month)."""
    where: list[str] = []
    params: list[Any] = []
    if type is not None:
        where.append(f"{alias}.type = ?")
        params.append(type)
    if since is not None:
        where.append(f"{alias}.date_end >= ?")
        params.append(query_bounds(since, "--since")[0])
    if until is not None:
        where.append(f"{alias}.date_start <= ?")
        params.append(query_bounds(until, "--until")[1])
    if background is not None:
        where.append(f"{alias}.background = ?")
        params.append(int(background))
    if exact:
        where.append(f"{alias}.month IS NOT NULL")
    return where, params


def events(conn: sqlite3.Connection, type: str | None = None, since: str | None = None,
           until: str | None = None, place: str | None = None, org: str | None = None,
           agency: str | None = None, background: bool | None = None,
           limit: int | None = None) -> list[dict[str, Any]]:
    """Event mentions matching every given filter, oldest first (undated last).

    ``since``/``until`` are SPEC dates; an event matches when its date range overlaps
    ``[since, until]`` (undated events never match a date filter). ``place``, ``org``
    and ``agency`` are ids that must appear in the event's lists.
    """
    where, params = event_filters("e", type, since, until, background)
    for name, value in (("place", place), ("org", org), ("agency", agency)):
        if value is not None:
            table, column = _LINK_FILTERS[name]
            where.append(f"EXISTS (SELECT 1 FROM {table} l WHERE l.event_id = e.id "
                         f"AND l.{column} = ?)")
            params.append(value)
    sql = _EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY e.date_start IS NULL, e.date_start, e.id" + _limit(limit, params)
    return _event_dicts(conn, conn.execute(sql, params).fetchall())


def event(conn: sqlite3.Connection, event_id: int) -> dict[str, Any]:
    """One event mention by id; raise NotFoundError when there is none."""
    rows = conn.execute(_EVENT_SELECT + " WHERE e.id = ?", (_int_id(event_id),)).fetchall()
    if not rows:
        raise NotFoundError(f"no event with id {event_id}")
    return _event_dicts(conn, rows)[0]


def claims(conn: sqlite3.Connection, metric: str | None = None, source: str | None = None,
           limit: int | None = None) -> list[dict[str, Any]]:
    """Claims with the given metric and/or source, in document order."""
    where, params = [], []
    if metric is not None:
        where.append("c.metric = ?")
        params.append(metric)
    if source is not None:
        where.append(source_condition(conn, source, params))
    sql = ("SELECT c.*, d.published, d.url FROM claims c JOIN documents d ON d.id = c.document_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.id"
           + _limit(limit, params))
    return [_claim_dict(row) for row in conn.execute(sql, params)]


def document(conn: sqlite3.Connection, document_id: str) -> dict[str, Any]:
    """A stored document with its text and the ids of its events and claims."""
    row = conn.execute("SELECT id, text, published, url, lang, title, source, relevant, "
                       "ingested_at FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    d = dict(row)
    d["relevant"] = None if d["relevant"] is None else bool(d["relevant"])
    d["event_ids"] = [r[0] for r in conn.execute(
        "SELECT id FROM event_mentions WHERE document_id = ? ORDER BY ordinal", (document_id,))]
    d["claim_ids"] = [r[0] for r in conn.execute(
        "SELECT id FROM claims WHERE document_id = ? ORDER BY ordinal", (document_id,))]
    return d


def search(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles holding every word of ``text`` (Arabic clitics and spelling folded), best first.

    One hit per article: a stored copy of it (the same dispatch from another outlet, a web
    archive's copy) is one of its ``sources``, not a hit of its own, and the article ranks
    where its best-matching copy does. Each hit: ``document_id`` (the original),
    ``title`` (or the first line), ``snippet`` with the first match marked ⟦…⟧,
    ``published``, ``url``, ``outlet``, ``sources`` (the original's and each copy's
    document id and outlet).
    """
    if getattr(conn, "dialect", None) == "postgresql":  # the same shadow tokens, ranked alike
        articles = _pg_search_articles(conn, text, limit)
    else:
        query = fts_query(text)
        if query is None:
            return []
        params: list[Any] = [query]
        articles = [r[0] for r in conn.execute(
            "SELECT coalesce(d.copy_of, d.id) AS article, min(f.rank) AS best FROM documents_fts f "
            "JOIN documents d ON d.id = f.document_id WHERE documents_fts MATCH ? "
            "GROUP BY article ORDER BY best, min(f.rowid)" + _limit(limit, params), params)]
    return _articles(conn, articles, text)


def _articles(conn: sqlite3.Connection, articles: list[str], text: str) -> list[dict[str, Any]]:
    """The hits of :func:`search` for these original documents, in this order."""
    found = {r["id"]: r for r in conn.execute(
        "SELECT id, title, text, published, url, outlet FROM documents "
        "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(articles),))}
    sources: dict[str, list[dict[str, Any]]] = {a: [] for a in articles}
    for r in conn.execute(
            "SELECT id, coalesce(copy_of, id) AS article, outlet FROM documents "
            "WHERE id IN (SELECT value FROM json_each(?)) OR copy_of IN (SELECT value FROM json_each(?)) "
            "ORDER BY copy_of IS NOT NULL, id", (json.dumps(articles), json.dumps(articles))):
        sources[r["article"]].append({"document_id": r["id"], "outlet": r["outlet"]})
    return [{"document_id": a, "title": found[a]["title"] or untitled_title(found[a]["text"]),
             "snippet": snippet(found[a]["text"], text), "published": found[a]["published"],
             "url": found[a]["url"], "outlet": found[a]["outlet"], "sources": sources[a]}
            for a in articles if a in found]


def _pg_search_articles(conn: Any, text: str, limit: int | None) -> list[str]:
    """:func:`search`'s articles on PostgreSQL: the documents whose shadow tokens match, ranked
    by FTS5's bm25 computed from the same tokens, ties in stored order, as SQLite ranks them;
    each copy counted for its original.

    The ranking runs in the database, so that only the page's articles come back (not every
    matching text: thousands for a common word), from each document's stored term counts and length
    (migration 14), not from its text. Its arithmetic is
    :func:`marsad.store.search.bm25`'s, step for step in double precision, with the
    per-query constants computed here in Python: the scores are the same numbers, so the
    order is the same."""
    terms = query_terms(text)
    if not terms:
        return []
    _limit(limit, [])  # the same check of the limit
    rows, tokens = conn.execute("SELECT rows, tokens FROM fts_totals").fetchone()
    if not rows:
        return []
    hits = [conn.execute("SELECT count(*) FROM documents_fts WHERE terms @@ CAST(? AS tsquery)",
                         (tsquery_term(t, star),)).fetchone()[0] for t, star in terms]
    avgdl = tokens / rows
    dl = "CAST(m.length AS double precision)"
    scores, params = [], []
    for (term, prefix), n in zip(terms, hits):
        idf = math.log((rows - n + 0.5) / (n + 0.5))
        if idf <= 0.0:
            idf = 1e-6
        # a token's count, or the counts of the tokens it starts, from the document's stored term counts
        freq = ("CAST((SELECT coalesce(sum(CAST(v AS bigint)), 0) FROM jsonb_each_text(m.term_counts) AS e(k, v) "
                "WHERE starts_with(k, ?)) AS double precision)"
                if prefix else "CAST(coalesce(CAST(m.term_counts ->> ? AS bigint), 0) AS double precision)")
        # idf * ((freq * (k1 + 1)) / (freq + k1 * ((1 - b) + b * dl / avgdl))), as bm25 groups it
        scores.append(f"CAST(? AS double precision) * (({freq} * CAST(? AS double precision)) / ({freq} + "
                      f"CAST(? AS double precision) * (CAST(? AS double precision) + CAST(? AS double precision) "
                      f"* {dl} / CAST(? AS double precision))))")
        params += [idf, term, BM25_K1 + 1.0, term, BM25_K1, 1 - BM25_B, BM25_B, avgdl]
    score = scores[0]
    for more in scores[1:]:
        score = f"({score}) + ({more})"
    sql = ("WITH m AS MATERIALIZED (SELECT f.rowid, coalesce(d.copy_of, d.id) AS article, f.term_counts, f.length "
           "FROM documents_fts f JOIN documents d ON d.id = f.document_id WHERE f.terms @@ CAST(? AS tsquery)), "
           f"r AS (SELECT m.rowid, m.article, CAST(-1 AS double precision) * ({score}) AS rank FROM m), "
           "b AS (SELECT DISTINCT ON (article) article, rank, rowid FROM r ORDER BY article, rank, rowid) "
           "SELECT article FROM b ORDER BY rank, rowid" + ("" if limit is None else " LIMIT ?"))
    params = [tsquery(text), *params] + ([] if limit is None else [limit])
    return [r[0] for r in conn.execute(sql, params)]


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of documents, events (by type), claims (by metric), places and canonical events."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "relevant_documents": one("SELECT count(*) FROM documents WHERE relevant"),
        "events": one("SELECT count(*) FROM event_mentions"),
        "events_by_type": dict(conn.execute(
            "SELECT type, count(*) FROM event_mentions GROUP BY type ORDER BY type").fetchall()),
        "claims": one("SELECT count(*) FROM claims"),
        "claims_by_metric": dict(conn.execute(
            "SELECT metric, count(*) FROM claims GROUP BY metric ORDER BY metric").fetchall()),
        "places": one("SELECT count(*) FROM places"),
        "canonical_events": one("SELECT count(*) FROM canonical_events"),
    }


def execute_all(conn: Any, statements: list[tuple[str, Sequence[Any]]]) -> list[list[Any]]:
    """The rows of each of ``statements``, none of which reads another's answer: on PostgreSQL
    sent together, one round trip for all (:meth:`marsad.store.pg.PgConnection.execute_all`);
    on SQLite one after the other (no round trips there)."""
    batch = getattr(conn, "execute_all", None)
    if batch is not None:
        return batch(statements)
    return [conn.execute(sql, params).fetchall() for sql, params in statements]


def _event_dicts(conn: sqlite3.Connection, rows: list[sqlite3.Row],
                 details: dict[tuple, dict] | None = None,
                 sources: dict[str, list[dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
    """Mention dicts of ``_EVENT_SELECT`` rows (``details``: their :func:`_places_detail`, and
    ``sources``: their documents' :func:`sources_of`, when read)."""
    if details is None:
        details = _places_detail(conn, [r["id"] for r in rows])
    if sources is None:
        sources = sources_of(conn, {r["document_id"] for r in rows})
    out = []
    for r in rows:
        d = {"id": r["id"], "key": f"{r['document_id']}#{r['ordinal']}",
             "document_id": r["document_id"], **json.loads(r["record"]),
             "published": r["published"], "url": r["url"], "sources": [dict(x) for x in sources.get(r["document_id"], ())]}
        d["places_detail"] = [details[(r["id"], p)] for p in d.get("places") or []
                              if (r["id"], p) in details]
        out.append(d)
    return out


def sources_of(conn: sqlite3.Connection, document_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    """``{document id: [the document and its near-duplicate copies (other outlets'
    republications)]}``, the document first, then its copies by date: one query for all of them
    (one per mention was a round trip per row on PostgreSQL)."""
    if not document_ids:
        return {}
    ids = json.dumps(sorted(document_ids))
    return sources_in(conn.execute(
        "SELECT id, url, outlet, published, lang, copy_of FROM documents "
        "WHERE id IN (SELECT value FROM json_each(?)) OR copy_of IN (SELECT value FROM json_each(?)) "
        + SOURCES_ORDER, (ids, ids)), document_ids)


SOURCES_ORDER = "ORDER BY copy_of IS NOT NULL, published, id"  # a document, then its copies by date


def sources_in(rows: Iterable[Any], document_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    """:func:`sources_of` from document rows (id, url, outlet, published, lang, copy_of) in
    :data:`SOURCES_ORDER` holding those documents and their copies."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        for owner in (r["id"], r["copy_of"]):  # the row is its own source, and one of its original's
            if owner in document_ids:
                out.setdefault(owner, []).append({"document_id": r["id"], "url": r["url"], "outlet": r["outlet"],
                                                  "published": r["published"], "lang": r["lang"]})
    return out


def _places_detail(conn: sqlite3.Connection, event_ids: list[int]) -> dict[tuple, dict]:
    """``{(event id, place id): place dict}`` for the given events, in one query."""
    if not event_ids:
        return {}
    rows = conn.execute(
        "SELECT ep.event_id, p.* FROM event_places ep JOIN places p ON p.id = ep.place_id "
        "WHERE ep.event_id IN (SELECT value FROM json_each(?))", (json.dumps(event_ids),))
    return {(r["event_id"], r["id"]): {k: r[k] for k in _PLACE_KEYS} for r in rows}


def source_condition(conn: Any, source: str, params: list[Any]) -> str:
    """SQL for the claims whose source is the entity ``source`` names (an id or any of its
    names, in any script: :func:`marsad.sources.matches_source`), its spellings as stored
    added to ``params``."""
    stored = [r[0] for r in conn.execute("SELECT DISTINCT source FROM claims WHERE source IS NOT NULL")]
    names = [s for s in stored if matches_source(source, s)]
    if not names:
        return "0 = 1"
    params.extend(names)
    return f"c.source IN ({', '.join('?' * len(names))})"


def _claim_dict(row: sqlite3.Row) -> dict[str, Any]:
    d = {k: row[k] for k in ("id", "document_id", "metric", "value", "qualifier", "since",
                             "until", "period", "subset", "source")}
    d["evidence"] = json.loads(row["evidence"])
    d["spans"] = json.loads(row["spans"]) if row["spans"] else {}
    d.update(published=row["published"], url=row["url"])
    return d


def _limit(limit: int | None, params: list[Any]) -> str:
    if limit is None:
        return ""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InputError(f"limit must be a non-negative integer, got {limit!r}")
    params.append(limit)
    return " LIMIT ?"


def _int_id(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFoundError(f"no event with id {value!r}: event ids are integers") from None


def untitled_title(text: str) -> str:
    """A title for a document stored without one: the headline at the top of its text (past the
    page's menus, dates, bylines and teasers: :func:`marsad.text.headline.headline`), else its
    first line."""
    found = headline(text)
    if found is not None:
        return found
    line = next((s.strip() for s in text.splitlines() if s.strip()), "")
    return line if len(line) <= TITLE_CHARS else line[:TITLE_CHARS - 1] + "…"
