"""Fixtures shared by the test modules."""
from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

from httpsite import Site


@pytest.fixture
def no_proxy(monkeypatch):
    """Requests to the test server go straight to 127.0.0.1, whatever the environment says."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site(no_proxy):
    """A real HTTP server on 127.0.0.1 serving what the test adds to it."""
    with Site() as s:
        yield s


# -- stores on both backends (SQLite file, PostgreSQL database) --------------------------------

PG_ENV = "MARSAD_TEST_PG"


class PgServer:
    """A PostgreSQL server where tests may create databases (``MARSAD_TEST_PG``, a DSN).

    Each :meth:`new_database` is a fresh copy of a migrated template (fast); all are dropped
    at the end of the session."""

    def __init__(self, dsn: str) -> None:
        import psycopg
        self.dsn = dsn
        self.prefix = f"marsad_t{os.getpid()}"
        self.names: list[str] = []
        self.admin = psycopg.connect(dsn, autocommit=True)
        self.template: str | None = None

    def url(self, name: str) -> str:
        parts = urlsplit(self.dsn)
        return urlunsplit(parts._replace(path="/" + name))

    def new_name(self) -> str:
        """The address of a database that does not exist yet (dropped at the end too)."""
        name = f"{self.prefix}_{len(self.names)}"
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.names.append(name)
        return self.url(name)

    def new_database(self, migrated: bool = True) -> str:
        from marsad.store import Store
        if migrated and self.template is None:
            self.template = f"{self.prefix}_template"
            self._create(self.template)
            Store(self.url(self.template)).close()
        name = f"{self.prefix}_{len(self.names)}"
        self._create(name, self.template if migrated else None)
        return self.url(name)

    def _create(self, name: str, template: str | None = None) -> None:
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template or "template0"}" ENCODING \'UTF8\'')
        self.names.append(name)

    def close(self) -> None:
        """Drop this session's databases, in a process of their own: a DROP DATABASE can take a
        second on a busy machine, and nothing waits for them."""
        self.admin.close()
        script = ("import sys, psycopg\n"
                  "with psycopg.connect(sys.argv[1], autocommit=True) as c:\n"
                  "    for name in sys.argv[2:]:\n"
                  "        c.execute(f'DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)')\n")
        subprocess.Popen([sys.executable, "-c", script, self.dsn, *reversed(self.names)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL test server; skips without one, fails without one under CI=true."""
    dsn = os.environ.get(PG_ENV)
    why = None
    if not dsn:
        why = f"no PostgreSQL server: set {PG_ENV} (scripts/pg_test_server.sh start prints it)"
    else:
        try:
            server = PgServer(dsn)
        except Exception as e:  # psycopg missing or server down
            why = f"cannot use the PostgreSQL server {PG_ENV}={dsn}: {e}"
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(why + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(why)
    yield server
    server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    """Which store backend a test runs on: every store test runs on both."""
    return request.param


@pytest.fixture
def make_target(backend, tmp_path, request):
    """``make_target(name)``: a new, empty store address on the test's backend (a SQLite
    file in tmp_path, or a new PostgreSQL database)."""
    def make(name: str = "marsad.db", exists: bool = True) -> str:
        if backend == "sqlite":
            return str(tmp_path / name)
        server = request.getfixturevalue("pg_server")
        return server.new_database() if exists else server.new_name()
    return make


@pytest.fixture
def db_target(make_target):
    """A new store address on the test's backend."""
    return make_target()
