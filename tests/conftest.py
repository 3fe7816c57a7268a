"""Fixtures shared by the test modules."""
from __future__ import annotations

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
