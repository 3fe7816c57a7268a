"""PostgreSQL under the store's SQLite-shaped query code: a thin connection adapter.

The query modules (:mod:`.queries`, :mod:`.canonical`, :mod:`.neighbours` …) are written
once, in SQLite's dialect, against a DB-API connection. :class:`PgConnection` wraps a
psycopg 3 connection so they run unchanged on PostgreSQL: it answers ``execute`` /
``executemany`` / ``in_transaction`` like ``sqlite3.Connection``, its rows read by index
and by name like ``sqlite3.Row``, and :func:`translate` rewrites each statement (once,
cached) for PostgreSQL:

- ``?`` and ``?N`` placeholders become ``%s`` (``%`` is escaped);
- ``x IN (SELECT value FROM json_each(?))`` becomes ``x = ANY(%s)`` with the JSON list
  parameter decoded (and the two other ``json_each`` shapes the code uses);
- ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO NOTHING``, ``INSERT OR REPLACE`` an
  upsert on the table's key; inserts whose ``lastrowid`` is read get ``RETURNING id``;
- an integer column used as a truth value (``WHERE stale``) is compared with 0;
- ``ORDER BY`` terms sort NULL first ascending and last descending, as SQLite does.

What differs in meaning is written per dialect where it is used (the schema's triggers
and full-text index in :mod:`.migrations`, search in :mod:`.queries`). Errors come out as
:class:`PgError`, a ``sqlite3.Error``, so the store's error handling is the same.

Writes are serialized like SQLite's: :meth:`PgConnection.begin_write` starts a
transaction holding a transaction-level advisory lock (released at COMMIT/ROLLBACK), so a
document's classification (new, copy, unchanged) and canonical resolution are decided on
committed data no other writer is changing; readers never wait (MVCC) and see only
committed documents.
"""
from __future__ import annotations

import json
import re
import sqlite3
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit

WRITE_LOCK = 0x6D61727361640001  # pg_advisory_xact_lock key of a store's single writer ("marsad", 1)
MIGRATE_LOCK = 0x6D61727361640002
CREATE_LOCK = 0x6D61727361640003  # in the server's postgres database
DSN_PREFIXES = ("postgresql://", "postgres://")
# integer-keyed tables whose inserted row id the code reads (cursor.lastrowid)
_RETURNING_ID = ("event_mentions", "claims", "canonical_revisions")
_KEYS = {"fetches": "url"}  # conflict target of INSERT OR REPLACE
_TRUTH_COLUMNS = ("stale", "relevant")  # INTEGER columns the SQL uses as booleans
# columns declared NOT NULL: ORDER BY them needs no NULLS clause (which would stop an index
# from giving the order)
_NOT_NULL = {"id", "mention_id", "week", "place", "family", "ordinal", "document_id", "canonical_id",
             "key_a", "key_b", "hash", "url", "type", "at", "metric", "value", "field"}


def is_dsn(target: Any) -> bool:
    """True when ``target`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(DSN_PREFIXES)


def redact(dsn: str) -> str:
    """The DSN without its password, for messages."""
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


class PgError(sqlite3.OperationalError):
    """A PostgreSQL error, raised as the sqlite3 errors the store already handles."""


class Row(tuple):
    """A result row read by position or by column name (``sqlite3.Row``'s interface)."""

    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"_index": {n: i for i, n in enumerate(names)}})


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    result = cursor.pgresult  # its column names, without building the description's Column objects
    if result is None or result.status != _TUPLES_OK:
        return tuple  # type: ignore[return-value]
    return _row_class(tuple(result.fname(i).decode() for i in range(result.nfields)))


def _to_ints(value: Any) -> Any:
    """sum() over integers is numeric in PostgreSQL: integral Decimals come back as int."""
    return int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else value


class PgCursor:
    """The part of ``sqlite3.Cursor`` the store uses, over a psycopg cursor."""

    def __init__(self, cursor: Any, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount
        # from the result itself: psycopg builds cursor.description's Column objects anew at every
        # access (a quarter of an event page's time went to that when each fetch asked again)
        result = cursor.pgresult
        self._rows = result is not None and result.status == _TUPLES_OK
        self._numeric = self._rows and any(result.ftype(i) == _NUMERIC_OID for i in range(result.nfields))

    def fetchone(self) -> Any:
        row = self._cursor.fetchone() if self._rows else None
        return _fix(row) if self._numeric else row

    def fetchall(self) -> list[Any]:
        if not self._rows:
            return []
        rows = self._cursor.fetchall()
        return [_fix(r) for r in rows] if self._numeric else rows

    def __iter__(self) -> Iterator[Any]:
        if self._rows:
            yield from (map(_fix, self._cursor) if self._numeric else self._cursor)

    def close(self) -> None:
        self._cursor.close()


_NUMERIC_OID = 1700  # sum() of integers
_TUPLES_OK = 2  # psycopg.pq.ExecStatus.TUPLES_OK: a result with rows (possibly none)


def _fix(row: Any) -> Any:
    if row is None or not any(isinstance(v, Decimal) for v in row):
        return row
    return type(row)(_to_ints(v) for v in row)


class PgConnection:
    """A psycopg connection in autocommit mode, spoken to as a ``sqlite3.Connection``."""

    dialect = "postgresql"

    def __init__(self, dsn: str, create: bool = True, raw: Any = None) -> None:
        import psycopg
        self._psycopg = psycopg
        self.dsn = dsn
        if raw is not None:  # a connection made elsewhere (a pool's)
            self.raw = raw
            return
        try:
            self.raw = psycopg.connect(dsn, autocommit=True, row_factory=_row_factory)
        except psycopg.OperationalError as e:
            if not (create and "does not exist" in str(e)):
                raise PgError(str(e).strip()) from e
            create_database(dsn)
            try:
                self.raw = psycopg.connect(dsn, autocommit=True, row_factory=_row_factory)
            except psycopg.Error as e2:
                raise PgError(str(e2).strip()) from e2

    # A BEGIN is not sent on its own: it waits for the transaction's first statement and goes
    # with it in one pipeline, so that a request's snapshot costs no round trip of its own
    # (PostgreSQL takes the snapshot at that first statement anyway). Until then nothing was
    # sent, and a ROLLBACK or COMMIT has nothing to end.
    _begin = False

    @property
    def in_transaction(self) -> bool:
        return self._begin or self.raw.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | dict | None = None) -> PgCursor:
        if sql == "BEGIN IMMEDIATE":
            self.begin_write()
            return PgCursor(self.raw.cursor())
        if sql == "BEGIN" and not self.in_transaction and _pipelines():
            self._begin = True
            return PgCursor(self.raw.cursor())
        if sql in ("ROLLBACK", "COMMIT") and self._begin:
            self._begin = False
            return PgCursor(self.raw.cursor())
        pg_sql, plan, returning = translate(sql)
        try:
            if self._begin:
                self._begin = False
                with self.raw.pipeline():
                    self.raw.execute(b"BEGIN")
                    cur = self.raw.execute(pg_sql, _bind(plan, params))
            else:
                cur = self.raw.execute(pg_sql, _bind(plan, params))
            lastrowid = None
            if returning and cur.description:
                lastrowid = cur.fetchone()[0]
            return PgCursor(cur, lastrowid)
        except self._psycopg.Error as e:
            raise PgError(_message(e)) from e

    def execute_all(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Any]]:
        """The rows of each of ``statements`` (none reads another's answer), sent in one pipeline:
        one round trip for all (and a waiting BEGIN) instead of one each."""
        if not _pipelines():
            return [self.execute(sql, params).fetchall() for sql, params in statements]
        try:
            with self.raw.pipeline():
                if self._begin:
                    self._begin = False
                    self.raw.execute(b"BEGIN")
                cursors = []
                for sql, params in statements:
                    pg_sql, plan, _ = translate(sql)
                    cursors.append(self.raw.execute(pg_sql, _bind(plan, params)))
            return [PgCursor(c).fetchall() for c in cursors]
        except self._psycopg.Error as e:
            raise PgError(_message(e)) from e

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> None:
        pg_sql, plan, _ = translate(sql)
        rows = [_bind(plan, p) for p in seq]
        if not rows:
            return
        try:
            self._send_begin()
            with self.raw.cursor() as cur:
                cur.executemany(pg_sql, rows)
        except self._psycopg.Error as e:
            raise PgError(_message(e)) from e

    def script(self, sql: str) -> None:
        """Run statements as written (PostgreSQL SQL, no parameters): migrations."""
        try:
            self._send_begin()
            self.raw.execute(sql.encode())  # bytes: no placeholder parsing
        except self._psycopg.Error as e:
            raise PgError(_message(e)) from e

    def _send_begin(self) -> None:
        """Send a waiting BEGIN now (before statements that do not go through :meth:`execute`)."""
        if self._begin:
            self._begin = False
            self.raw.execute(b"BEGIN")

    def begin_write(self) -> None:
        """Start a write transaction holding the store's write lock (waits for other writers)."""
        self.execute("BEGIN")
        self.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    def close(self) -> None:
        self.raw.close()


@lru_cache(maxsize=1)
def _pipelines() -> bool:
    """Whether this libpq sends statements in a pipeline (14 and later)."""
    import psycopg
    return psycopg.Pipeline.is_supported()


def configure_reader(raw: Any) -> None:
    """A pooled connection for readers: autocommit until a BEGIN, which then holds one
    snapshot (REPEATABLE READ) of committed data, and read-only."""
    raw.autocommit = True
    raw.row_factory = _row_factory
    raw.execute("SET default_transaction_isolation = 'repeatable read'")
    raw.execute("SET default_transaction_read_only = on")


def _message(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


def create_database(dsn: str) -> None:
    """CREATE DATABASE for the DSN's database (UTF-8), connecting to its server's ``postgres``."""
    import psycopg
    from psycopg import sql as pgsql
    parts = urlsplit(dsn)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            # processes creating it at once: one does, under a session lock, the others find it
            conn.execute(f"SELECT pg_advisory_lock({CREATE_LOCK})")
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
                conn.execute(pgsql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                    pgsql.Identifier(name)))
    except psycopg.Error as e:
        raise PgError(f"cannot create database {name!r}: {_message(e)}") from e


# -- translation --------------------------------------------------------------------------------

_SPECIAL = {  # json_each shapes other than "x IN (SELECT value FROM json_each(?))"
    "SELECT value FROM json_each(?) WHERE NOT EXISTS":
        "SELECT value FROM unnest(CAST(?J AS bigint[])) AS u(value) WHERE NOT EXISTS",
    "WITH k(key) AS (SELECT value FROM json_each(?))":
        "WITH k(key) AS (SELECT unnest(CAST(?J AS text[])))",
    "FROM json_each(?) j JOIN event_mentions e ON e.document_id = json_extract(j.value, '$[0]') "
    "AND e.ordinal = json_extract(j.value, '$[1]')":
        "FROM jsonb_array_elements(CAST(? AS jsonb)) j JOIN event_mentions e "
        "ON e.document_id = j.value->>0 AND e.ordinal = (j.value->>1)::bigint",
    "SUM(fetched_at IS NULL)": "SUM(CASE WHEN fetched_at IS NULL THEN 1 ELSE 0 END)",
}
_IN_JSON = re.compile(r"([\w.]+) IN \(SELECT value FROM json_each\(\?(\d*)\)\)")
_PLACEHOLDER = re.compile(r"\?([JQ]?)(\d*)")
_TRUTH = re.compile(r"\bWHERE (" + "|".join(_TRUTH_COLUMNS) + r")\b(?!\s*(=|<>|IS|!=))")
_ORDER = re.compile(r"\bORDER BY\b", re.I)
_ONE = re.compile(r"\b(WHERE|WHEN|AND|OR) 1\b(?!\s*[=<>!])")


@lru_cache(maxsize=2048)
def translate(sql: str) -> tuple[str, tuple[tuple[int, str], ...], bool]:
    """``(PostgreSQL SQL, parameter plan, returns an id)`` for a statement of the store's code.

    The plan lists, for each ``%s``, the index of the caller's parameter and how to convert
    it: ``J`` a JSON list to decode, ``Q`` an FTS5 query to turn into a tsquery, ``""`` none."""
    s = sql
    for old, new in _SPECIAL.items():
        s = s.replace(old, new)
    s = _IN_JSON.sub(lambda m: f"{m.group(1)} = ANY(?J{m.group(2)})", s)
    s = re.sub(r"\s+INDEXED BY \w+", "", s)  # the planner chooses
    s = re.sub(r"\b(WHERE|AND) \+(?=\w+\.\w+)", r"\1 ", s)  # SQLite's unary + keeps a column out of an index
    s = re.sub(r"\bCROSS JOIN ([\w.]+(?:\s+(?!ON\b)\w+)?)\s+ON\b", r"JOIN \1 ON", s)  # SQLite: join order
    s = _match(s)
    s = _alias_subqueries(s)
    if "SUM(fetched_at IS NOT NULL AND" in s:  # a sum of truth values
        s = re.sub(r"SUM\(fetched_at IS NOT NULL AND \((.*)\)\) FROM fetches",
                   r"SUM(CASE WHEN fetched_at IS NOT NULL AND (\1) THEN 1 ELSE 0 END) FROM fetches", s)
    s = _TRUTH.sub(lambda m: f"WHERE {m.group(1)} <> 0", s)
    s = _ONE.sub(lambda m: f"{m.group(1)} true", s)  # "WHERE 1": an empty condition
    s = _insert_or(s)
    returning = bool(re.match(r"\s*INSERT INTO (" + "|".join(_RETURNING_ID) + r")\b", s)) \
        and "RETURNING" not in s
    if returning:
        s += " RETURNING id"
    s = _nulls_order(s)
    s = s.replace("%", "%%")
    plan: list[tuple[int, str]] = []
    largest = 0  # as SQLite numbers them: a bare ? is one more than the largest so far

    def mark(m: re.Match) -> str:
        nonlocal largest
        number = int(m.group(2)) if m.group(2) else largest + 1
        largest = max(largest, number)
        plan.append((number - 1, m.group(1)))
        return "%s"

    s = _PLACEHOLDER.sub(mark, s)
    return s, tuple(plan), returning


def _match(s: str) -> str:
    """``documents_fts MATCH ?`` (an FTS5 query from :func:`marsad.store.search.fts_query`) as
    a tsquery on the PostgreSQL index's column (``?Q``: the parameter is converted)."""
    if "documents_fts MATCH ?" not in s:
        return s
    alias = re.search(r"\bdocuments_fts\s+(?:AS\s+)?(?!WHERE\b|JOIN\b|ON\b|MATCH\b)(\w+)", s, re.I)
    column = f"{alias.group(1) if alias else 'documents_fts'}.terms"
    return s.replace("documents_fts MATCH ?", f"{column} @@ CAST(?Q AS tsquery)")


_NOT_ALIAS = {"WHERE", "GROUP", "ORDER", "LIMIT", "UNION", "JOIN", "ON", "CROSS", "LEFT", "INNER",
              "HAVING", "EXCEPT", "INTERSECT", "OFFSET"}


def _alias_subqueries(s: str, counter: list[int] | None = None) -> str:
    """Name every subquery in FROM or JOIN (PostgreSQL before 16 needs a name; SQLite none)."""
    counter = counter if counter is not None else [0]
    out, at = [], 0
    for m in re.finditer(r"\b(?:FROM|JOIN)\s*\(", s, re.I):
        if m.start() < at:
            continue
        depth, i = 1, m.end()
        while i < len(s) and depth:
            depth += (s[i] == "(") - (s[i] == ")")
            i += 1
        out.append(s[at:m.end()] + _alias_subqueries(s[m.end():i - 1], counter) + ")")
        at = i
        follow = re.match(r"\s*(\w+)", s[i:])
        if not follow or follow.group(1).upper() in _NOT_ALIAS:
            counter[0] += 1
            out.append(f" AS _q{counter[0]}")
    out.append(s[at:])
    return "".join(out)


def fts_to_tsquery(query: str) -> str:
    """An FTS5 query of quoted tokens (``"a" "b"*``) as the same tsquery (``'a' & 'b':*``)."""
    terms = re.findall(r'"([^"]*)"(\*?)', query)
    return " & ".join(f"'{t}'" + (":*" if star else "") for t, star in terms)


def _insert_or(s: str) -> str:
    m = re.match(r"(\s*)INSERT OR (IGNORE|REPLACE) INTO (\w+)", s)
    if not m:
        return s
    table = m.group(3)
    body = s[m.end():]
    if m.group(2) == "IGNORE":
        return f"{m.group(1)}INSERT INTO {table}{body} ON CONFLICT DO NOTHING"
    columns = re.match(r"\s*\(([^)]*)\)", body).group(1).split(",")
    key = _KEYS[table]
    updates = ", ".join(f"{c.strip()} = excluded.{c.strip()}" for c in columns if c.strip() != key)
    updates += f", rowid = (SELECT max(rowid) + 1 FROM {table})"  # REPLACE inserts a new row
    return f"{m.group(1)}INSERT INTO {table}{body} ON CONFLICT ({key}) DO UPDATE SET {updates}"


def _nulls_order(s: str) -> str:
    """Each ORDER BY term sorts NULLs as SQLite does: first ascending, last descending."""
    out, at = [], 0
    for m in _ORDER.finditer(s):
        start = m.end()
        depth, i = 0, start
        while i < len(s):
            c = s[i]
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and re.match(r"\s+(LIMIT|OFFSET)\b|\s*;", s[i:], re.I):
                break
            i += 1
        terms, depth, piece = [], 0, ""
        for c in s[start:i]:
            if c == "," and depth == 0:
                terms.append(piece)
                piece = ""
                continue
            depth += (c == "(") - (c == ")")
            piece += c
        terms.append(piece)
        out.append(s[at:start] + ",".join(_nulls_term(t) for t in terms))
        at = i
    out.append(s[at:])
    return "".join(out)


def _nulls_term(term: str) -> str:
    body = term.rstrip()
    if re.search(r"\bNULLS (FIRST|LAST)$", body, re.I):
        return term
    desc = bool(re.search(r"\bDESC$", body, re.I))
    bare = re.sub(r"\s+(ASC|DESC)$", "", body.strip(), flags=re.I)
    if bare.split(".")[-1] in _NOT_NULL or re.search(r"\bIS (NOT )?NULL$", bare, re.I) \
            or re.fullmatch(r"count\(\*\)", bare, re.I):
        return term
    return body + (" NULLS LAST" if desc else " NULLS FIRST") + term[len(body):]


def _bind(plan: tuple[tuple[int, str], ...], params: Sequence[Any] | dict | None) -> list[Any]:
    return [_param(params, i, how) for i, how in plan] if plan else []


def _param(params: Any, index: int, how: str) -> Any:
    value = params[index]
    if how == "J":
        return json.loads(value)
    if how == "Q":
        return fts_to_tsquery(value)
    return value
