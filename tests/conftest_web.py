"""The local web server fixture of the crawler tests (tests/webserver.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .webserver import WebServer


@pytest.fixture
def web() -> Iterator[WebServer]:
    """A fresh HTTP server on 127.0.0.1 with no routes (every path answers 404)."""
    server = WebServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
