"""The store: same article seen again is one article with more sightings; ingest twice adds nothing."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from qaznews.core import ingest_paths
from qaznews.errors import StoreError
from qaznews.settings import load_settings
from qaznews.store.export import COLUMNS, export_store
from qaznews.store.sqlite import MIGRATIONS, Store

LISTING = """\
 date 2026-04-10 09.04.2026, 16:20 1200
Solar Plant Launched in Zhambyl Region
A 50 MW solar plant started work near Taraz, Qazinform News Agency reports.
08.04.2026, 10:05 3400
Grain Corridor to China Expanded
Rail capacity to China grows by a fifth, Qazinform News Agency reports.
"""
# The same two articles a week later: more views; one seen only with its date.
LATER = """\
 date 2026-04-17 09.04.2026, 16:20 5600
Solar Plant Launched in Zhambyl Region
A 50 MW solar plant started work near Taraz, Qazinform News Agency reports.
08.04.2026
Grain Corridor to China Expanded
Rail capacity to China grows by a fifth, Qazinform News Agency reports.
"""
DATE_ONLY = """\
09.04.2026
Solar Plant Launched in Zhambyl Region
A 50 MW solar plant started work near Taraz, Qazinform News Agency reports.
"""


def _ingest(store: Store, *paths: Path, force: bool = False) -> str:
    summary = ingest_paths(list(paths), store, settings=load_settings(None), language=False,
                           force=force)
    return summary.line()


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    rows = store.query("SELECT id, title, published, views, body, outlet FROM articles ORDER BY id")
    sightings = store.query("SELECT key, item_id, views FROM sightings ORDER BY key")
    return [tuple(r) for r in rows] + [tuple(r) for r in sightings]


def test_ingesting_twice_changes_nothing(store: Store, write_capture: Callable[..., Path]) -> None:
    path = write_capture("listing.txt", LISTING)
    assert _ingest(store, path).startswith("1 files, 2 articles, 0 links: 2 new")
    before = _snapshot(store)
    assert "0 new, 0 updated, 2 skipped" in _ingest(store, path)
    # Even when forced to read the file again, merging by id adds nothing.
    assert "0 new, 0 updated, 2 skipped" in _ingest(store, path, force=True)
    # A copy under another name has the same content: still nothing new.
    copy = write_capture("copy-of-listing.txt", LISTING)
    _ingest(store, copy, force=True)
    assert _snapshot(store) == before


def test_later_capture_adds_sightings_and_keeps_view_history(
    store: Store, write_capture: Callable[..., Path]
) -> None:
    _ingest(store, write_capture("first.txt", LISTING))
    assert "0 new, 2 updated" in _ingest(store, write_capture("later.txt", LATER))
    assert store.counts()["articles"] == 2
    solar = store.query("SELECT id, views, published, captured FROM articles "
                        "WHERE title LIKE 'Solar%'")[0]
    assert solar["views"] == 5600  # the latest capture's count
    assert solar["captured"] == "2026-04-10"  # first seen
    history = [(s.captured.isoformat() if s.captured else None, s.views)
               for s in store.sightings(solar["id"])]
    assert history == [("2026-04-10", 1200), ("2026-04-17", 5600)]
    grain = store.query("SELECT published, views FROM articles WHERE title LIKE 'Grain%'")[0]
    assert grain["published"] == "2026-04-08T10:05"  # the time from the first capture stays
    assert grain["views"] == 3400


def test_date_only_article_gets_its_time_filled_in(
    store: Store, write_capture: Callable[..., Path]
) -> None:
    _ingest(store, write_capture("dateonly.txt", DATE_ONLY))
    row = store.query("SELECT published, views FROM articles")[0]
    assert (row["published"], row["views"]) == ("2026-04-09", None)
    _ingest(store, write_capture("listing.txt", LISTING))
    rows = store.query("SELECT published, views FROM articles WHERE title LIKE 'Solar%'")
    assert [(r["published"], r["views"]) for r in rows] == [("2026-04-09T16:20", 1200)]


def test_schema_is_migrated_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        mode = store.query("PRAGMA journal_mode")[0][0]
        assert mode == "wal"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this qaznews"):
        Store(path)


def test_unwritable_store_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(blocker / "sub" / "q.db")


@pytest.fixture
def filled(store: Store, write_capture: Callable[..., Path]) -> Store:
    _ingest(store, write_capture("first.txt", LISTING), write_capture("later.txt", LATER))
    _ingest(store, write_capture("links.txt",
                                 "Most viewed\n01.04.2026, 10:05777Wheat Exports Reach Record\n"))
    return store


def test_export_jsonl_has_parse_keys_id_and_sightings(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert export_store(filled, "jsonl", out) == 3
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    parse_keys = {"kind", "title", "published", "views", "body", "url", "outlet", "language",
                  "captured", "source"}
    assert all(parse_keys | {"id", "sightings"} <= set(r) for r in records)
    solar = next(r for r in records if r["title"].startswith("Solar"))
    assert solar["sightings"] == [
        {"file": str(tmp_path / "first.txt"), "line": 1, "captured": "2026-04-10", "views": 1200},
        {"file": str(tmp_path / "later.txt"), "line": 1, "captured": "2026-04-17", "views": 5600},
    ]
    link = next(r for r in records if r["kind"] == "link")
    assert (link["title"], link["published"], link["views"]) == (
        "Wheat Exports Reach Record", "2026-04-01T10:05", 777)


def test_export_csv_and_parquet_round_trip(filled: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    csv_path = tmp_path / "all.csv"
    export_store(filled, "csv", csv_path)
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    assert json.loads(rows[0]["sightings"])[0]["captured"] == "2026-04-10"
    parquet_path = tmp_path / "all.parquet"
    assert export_store(filled, "parquet", parquet_path) == 3
    table = pq.read_table(parquet_path)
    assert table.num_rows == 3 and table.column_names == list(COLUMNS)
    assert sorted(v for v in table.column("views").to_pylist() if v) == [777, 3400, 5600]
    assert not list(tmp_path.glob("*.partial"))
