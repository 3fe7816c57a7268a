"""Property-based tests of the API against its own OpenAPI schema (schemathesis, in process).

For every operation, schemathesis generates requests from the schema, valid ones and
invalid ones, and checks that no response is a server error and that every response has a
documented status, content type and body shape. Examples are bounded so the file runs in
seconds. (Hypothesis is driven directly: schemathesis' pytest plugin does not run under
pytest 9 yet.)
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                                status_code_conformance)

from marsad.server import create_app
from test_server_corpus import corpus_db  # noqa: F401

EXAMPLES = 20
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
OPERATIONS = [("GET", "/api/events"), ("GET", "/api/events/{event_id}"), ("GET", "/api/documents/{document_id}"),
              ("GET", "/api/claims"), ("GET", "/api/checks"), ("GET", "/api/search"), ("GET", "/api/stats"), ("GET", "/api/meta"),
              ("GET", "/api/export.csv"), ("GET", "/api/export.json"), ("POST", "/api/merge"),
              ("POST", "/api/split"), ("POST", "/api/resolve"), ("GET", "/api/health"),
              ("POST", "/api/undo"), ("GET", "/api/corrections"),
              ("GET", "/feeds/operations.atom"), ("GET", "/feeds/figures.atom")]

NO_INPUT = {("GET", "/api/meta"), ("POST", "/api/resolve"), ("GET", "/api/health"), ("POST", "/api/undo")}
# answered from the event index or, without one, from SQL alone: fuzzed both ways
INDEXED = [("GET", "/api/events"), ("GET", "/api/stats"), ("GET", "/api/export.csv"), ("GET", "/api/export.json")]
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


@pytest.fixture(scope="module")
def api_schema(corpus_db):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(corpus_db, index="sync"))


@pytest.fixture(scope="module")
def sql_schema(corpus_db):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(corpus_db, index="off"))


def conforms(schema, method: str, path: str, mode: GenerationMode) -> None:
    operation = schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("method, path", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_conforms_to_its_schema(api_schema, method, path, mode):
    if mode is GenerationMode.NEGATIVE and (method, path) in NO_INPUT:
        pytest.skip("no parameters to make invalid")
    conforms(api_schema, method, path, mode)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("method, path", INDEXED, ids=[f"{m} {p}" for m, p in INDEXED])
def test_answers_from_sql_alone_conform_too(sql_schema, method, path, mode):
    conforms(sql_schema, method, path, mode)


def test_the_schema_documents_every_route(api_schema):
    paths = api_schema.raw_schema["paths"]
    assert {(m.upper(), p) for p, ops in paths.items() for m in ops} == set(OPERATIONS)
    for operations in paths.values():
        for operation in operations.values():
            assert "422" not in operation["responses"] and "400" in operation["responses"]
