from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from qaznews.build import build_kind
from qaznews.settings import load_settings
from qaznews.store.sqlite import MIGRATIONS, Store

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent

# Enrichment loads large models (spaCy, natasha) and fills entities the other tests do not
# expect: off unless a test turns it on (tests/test_enrich_store.py does).
os.environ.setdefault("QAZNEWS_ENRICH", "0")


def undo_migrations_from(conn: sqlite3.Connection, version: int) -> None:
    """Drop the tables and triggers that the migrations after ``version`` created and say
    the store is at ``version``: an older store, as far as its later tables go (what a
    migration changed in earlier tables is the test's to undo)."""
    for later in MIGRATIONS[version:]:
        for kind, name in re.findall(r"CREATE (?:VIRTUAL )?(TABLE|TRIGGER) (\w+)", later):
            conn.execute(f"DROP {kind} IF EXISTS {name}")
    conn.execute(f"PRAGMA user_version = {version}")


def pytest_report_header() -> str:
    return f"qaznews build: {build_kind()} (qaznews.build)"


def samples_dir() -> Path | None:
    """The shared sample captures beside the repository (or where QAZNEWS_SAMPLES points)."""
    candidates = [os.environ.get("QAZNEWS_SAMPLES"), REPO.parent / "shared" / "samples"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "gold").is_dir():
            return Path(candidate)
    return None


@pytest.fixture
def settings(tmp_path: Path) -> dict[str, object]:
    return load_settings(None, db=tmp_path / "q.db")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.db") as opened:
        yield opened


@pytest.fixture
def write_capture(tmp_path: Path) -> Callable[..., Path]:
    """Write a capture file from text (UTF-8 unless told) and return its path."""

    def write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write

# The local web server of the crawler tests.
from .conftest_web import web  # noqa: E402, F401
