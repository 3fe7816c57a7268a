"""Near-duplicate copies in the store: one record, every outlet that published it.

A document whose text is a near duplicate of a stored one (see
:mod:`marsad.near_duplicates`) is stored as a *copy*: its own row (id, url, outlet,
published, text, searchable) with ``copy_of`` naming the original, and no events of
its own — the original's record is the record of both.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

from ..errors import StoreError
from ..models import Document
from ..text.normalize import normalize_text
from ..near_duplicates import NEAR_DUPLICATE, SKETCH_SIZE, similarity, sketch
from .search import shadow_text
from .write import text_hash

# Candidates must share this many sketch hashes before their similarity is computed;
# a near duplicate shares far more (about NEAR_DUPLICATE of the sketch).
MIN_SHARED = SKETCH_SIZE // 3


def write_sketch(conn: sqlite3.Connection, document_id: str, text: str) -> None:
    conn.executemany("INSERT OR IGNORE INTO document_sketches (hash, document_id) VALUES (?, ?)",
                     [(h, document_id) for h in sketch(text)])


class CopiesMixin:
    """Store methods for near-duplicate copies (mixed into :class:`marsad.store.Store`)."""

    conn: sqlite3.Connection

    def near_duplicate_of(self, doc: Document) -> str | None:
        """Id of the stored original this document's text nearly repeats, or None."""
        mine = sketch(doc.text)
        if not mine:
            return None
        marks = ",".join("?" * len(mine))
        rows = self.conn.execute(
            f"SELECT document_id FROM document_sketches WHERE hash IN ({marks}) "
            f"GROUP BY document_id HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, document_id LIMIT 20",
            (*mine, MIN_SHARED)).fetchall()
        sketches: dict[str, list[int]] = {}
        if rows:  # every candidate's sketch in one query (one round trip to a server)
            for document_id, h in self.conn.execute(
                    "SELECT document_id, hash FROM document_sketches WHERE document_id IN "
                    "(SELECT value FROM json_each(?))", (json.dumps([r[0] for r in rows]),)):
                sketches.setdefault(document_id, []).append(h)
        best, best_score = None, NEAR_DUPLICATE
        for (candidate,) in rows:
            theirs = tuple(sorted(sketches.get(candidate, ())))
            score = similarity(mine, theirs)
            if score >= best_score:
                best, best_score = candidate, score
        return self._original(best) if best else None

    def has_document(self, document_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def classify(self, doc: Document) -> tuple[str, str | None]:
        """What storing ``doc`` would be: ``("unchanged", id)`` when this id already holds this
        text, ``("copy", original)`` when another stored article has the same or nearly the
        same text (the same dispatch from another outlet), else ``("new", None)``."""
        digest = text_hash(doc.text)
        row = self.conn.execute("SELECT text_hash FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is not None:
            if row[0] in (digest, f"{digest}:{doc.id}"):
                return "unchanged", doc.id
            return "new", None  # the id now holds another text: it is replaced
        same = self.conn.execute("SELECT id FROM documents WHERE text_hash = ?", (digest,)).fetchone()
        original = self._original(same[0]) if same else self.near_duplicate_of(doc)
        return ("copy", original) if original else ("new", None)

    def _original(self, document_id: str) -> str:
        row = self.conn.execute("SELECT copy_of FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row[0] if row and row[0] else document_id

    def add_copy(self, doc: Document, of: str, outlet: str | None = None) -> str:
        """Store ``doc`` as a copy of document ``of`` (one transaction); return ``of``.

        ``outlet`` defaults to the document's own. :meth:`Store.add` stores copies itself,
        deciding under the write lock; this is for a caller that chose ``of``."""
        with self._transaction():  # type: ignore[attr-defined]
            self._insert_copy(doc, of, outlet or doc.outlet)
        return of

    def _insert_copy(self, doc: Document, of: str, outlet: str | None) -> None:
        """Write the copy row and its search entry (the caller owns the transaction).

        StoreError when ``of`` is not stored."""
        cur = self.conn.execute(
            "INSERT INTO documents (id, text_hash, text, text_normalized, published, url, lang, "
            "title, source, relevant, ingested_at, copy_of, outlet, published_from) "
            "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, relevant, ?, ?, ?, ? FROM documents WHERE id = ?",
            # A copy's text may equal its original's: its hash is made unique with its id.
            (doc.id, f"{text_hash(doc.text)}:{doc.id}", doc.text, normalize_text(doc.text), doc.published, doc.url, doc.lang, doc.title,
             doc.source, datetime.now(timezone.utc).isoformat(timespec="seconds"), of, outlet,
             doc.published_from or ("input" if doc.published else None), of))
        if cur.rowcount == 0:
            raise StoreError(f"cannot store document {doc.id!r} as a copy: no document {of!r}")
        self.conn.execute("INSERT INTO documents_fts (document_id, body) VALUES (?, ?)",
                          (doc.id, shadow_text(f"{doc.title or ''}\n{doc.text}")))

    def sources(self, document_id: str) -> list[dict[str, Any]]:
        """The original document and every copy of it: id, url, outlet, published, lang."""
        original = self._original(document_id)
        rows = self.conn.execute(
            "SELECT id, url, outlet, published, lang, copy_of FROM documents "
            "WHERE id = ? OR copy_of = ? ORDER BY copy_of IS NOT NULL, published, id",
            (original, original)).fetchall()
        return [{"document_id": r["id"], "url": r["url"], "outlet": r["outlet"],
                 "published": r["published"], "lang": r["lang"], "copy": r["copy_of"] is not None}
                for r in rows]
