"""Stories in the store: incremental linking, order independence, re-ingesting, restory,
and the commands that show them. Runs on our own story fixtures (tests/data/stories)."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qaznews.cli import app
from qaznews.core import assign_stories, ingest_paths, parse_paths, restory
from qaznews.errors import StoryVersionError
from qaznews.model import Article, Published
from qaznews.settings import load_settings
from qaznews.store.sqlite import Store

from .conftest import DATA

STORIES = DATA / "stories"
FILES = sorted(STORIES.glob("*.txt"))
runner = CliRunner()


def _settings(db: Path, **overrides: Any) -> dict[str, Any]:
    return load_settings(None, db=db, **overrides)


def snapshot(store: Store) -> dict[str, Any]:
    """Everything story detection decided, in a form that does not depend on write order."""
    articles = sorted(
        tuple(row) for row in store.conn.execute(
            "SELECT id, story, duplicate_of, duplicate_relation FROM articles")
    )
    stories = sorted(
        tuple(row) for row in store.conn.execute(
            "SELECT id, canonical, first_article, first_publisher, first_published, outlets,"
            " members, views FROM stories")
    )
    links = sorted(tuple(row) for row in store.conn.execute(
        "SELECT a, b, relation, score FROM story_links"))
    return {"articles": articles, "stories": stories, "links": links}


def ingest_in_order(files: list[Path], db: Path) -> dict[str, Any]:
    settings = _settings(db)
    with Store(db) as store:
        for path in files:  # one call per file: each file's stories land incrementally
            summary = ingest_paths([path], store, settings=settings)
            assert not summary.errors, [f.error for f in summary.files]
        return snapshot(store)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return ingest_in_order(FILES, tmp_path_factory.mktemp("ref") / "q.db")


def test_fixtures_hold_stories_of_every_kind(reference: dict[str, Any]) -> None:
    relations = {row[3] for row in reference["articles"] if row[3]}
    assert relations == {"exact", "near", "rewrite"}
    assert any(members >= 3 for *_, members, _views in reference["stories"])
    assert len(FILES) >= 4


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_file_order_gives_the_same_stories(seed: int, tmp_path: Path,
                                               reference: dict[str, Any]) -> None:
    files = list(FILES)
    random.Random(seed).shuffle(files)
    assert ingest_in_order(files, tmp_path / "q.db") == reference


def test_article_by_article_in_random_order_gives_the_same_stories(
        tmp_path: Path, reference: dict[str, Any]) -> None:
    settings = _settings(tmp_path / "q.db")
    items = [i for i in parse_paths(FILES, settings=settings) if isinstance(i, Article)]
    random.Random(7).shuffle(items)
    with Store(tmp_path / "q.db") as store:
        for item in items:
            with store.transaction():
                store.write([item])
                assign_stories(store, [item.id], settings)
        assert snapshot(store)["articles"] == reference["articles"]
        assert snapshot(store)["stories"] == reference["stories"]


def test_restory_rebuilds_the_same_stories(tmp_path: Path, reference: dict[str, Any]) -> None:
    db = tmp_path / "q.db"
    ingest_in_order(list(reversed(FILES)), db)
    with Store(db) as store:
        update = restory(store, _settings(db))
        assert update.articles == len(reference["articles"])
        assert snapshot(store) == reference


def test_ingesting_the_same_files_again_changes_nothing(tmp_path: Path,
                                                         reference: dict[str, Any]) -> None:
    db = tmp_path / "q.db"
    ingest_in_order(FILES, db)
    with Store(db) as store:
        summary = ingest_paths(FILES, store, settings=_settings(db), force=True)
        assert summary.written.new == 0
        assert snapshot(store) == reference
        assert sum(f.stories.links for f in summary.files) == 0


def test_stories_can_be_left_for_later(tmp_path: Path, reference: dict[str, Any]) -> None:
    db = tmp_path / "q.db"
    with Store(db) as store:
        ingest_paths(FILES, store, settings=_settings(db, stories=False))
        assert store.conn.execute("SELECT count(*) FROM articles WHERE story IS NOT NULL"
                                  ).fetchone()[0] == 0
        restory(store, _settings(db))
        assert snapshot(store) == reference


def test_a_late_copy_joins_its_story_and_touches_nothing_else(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    settings = _settings(db)
    with Store(db) as store:
        ingest_paths(FILES, store, settings=settings)
        canonical = store.conn.execute(
            "SELECT s.canonical, s.id, s.members FROM stories s WHERE s.members >= 2"
            " ORDER BY s.id LIMIT 1").fetchone()
        original = store.get_article(canonical[0])
        assert original is not None and original.published is not None
        copy = Article(title="Re-published: " + (original.title or ""), body=original.body,
                       published=Published(original.published.date + dt.timedelta(days=1)),
                       outlet="Regional Wire",
                       language=original.language, body_language=original.body_language)
        with store.transaction():
            store.write([copy])
            update = assign_stories(store, [copy.id], settings)
        stored = store.get_article(copy.id)
        assert stored is not None and stored.story == canonical[1]
        assert stored.duplicate_of is not None and stored.duplicate_of.relation == "exact"
        assert update.stories == 1  # only the one story it joined was recomputed
        members = store.conn.execute("SELECT members FROM stories WHERE id = ?",
                                     (canonical[1],)).fetchone()[0]
        assert members == canonical[2] + 1


def test_a_body_filled_in_later_links_the_article(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    settings = _settings(db)
    with Store(db) as store:
        ingest_paths(FILES, store, settings=settings)
        row = store.conn.execute(
            "SELECT a.id, a.story FROM articles a JOIN stories s ON s.id = a.story"
            " WHERE s.members >= 2 AND a.duplicate_of IS NULL ORDER BY a.id LIMIT 1").fetchone()
        original = store.get_article(row[0])
        assert original is not None
        # First seen as a bare listing entry (title only), later with its text.
        bare = Article(title="Listing entry without its text", body="",
                       published=original.published, outlet="Late Outlet", language="en")
        with store.transaction():
            store.write([bare])
            assign_stories(store, [bare.id], settings)
        assert store.get_article(bare.id).story != row[1]  # type: ignore[union-attr]
        full = Article(title=bare.title, body=original.body, published=original.published,
                       outlet="Late Outlet", language="en")
        assert full.id == bare.id
        with store.transaction():
            store.write([full])
            assign_stories(store, [full.id], settings)
        assert store.get_article(bare.id).story == row[1]  # type: ignore[union-attr]


def test_other_signature_settings_ask_for_restory(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    with Store(db) as store:
        ingest_paths(FILES[:1], store, settings=_settings(db))
        with pytest.raises(StoryVersionError, match="restory"):
            ingest_paths(FILES[1:2], store, settings=_settings(db, story_num_perm=64))
        restory(store, _settings(db, story_num_perm=64))
        summary = ingest_paths(FILES[1:2], store, settings=_settings(db, story_num_perm=64))
        assert not summary.errors
    result = runner.invoke(app, ["ingest", str(FILES[2]), "--db", str(db)])
    assert result.exit_code == 2
    assert "restory" in result.output


def test_stories_show_and_export_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    assert runner.invoke(app, ["ingest", str(STORIES), "--db", db]).exit_code == 0

    listed = runner.invoke(app, ["stories", "--db", db, "--json", "--min-members", "2"])
    assert listed.exit_code == 0, listed.output
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    assert stories and all(s["members"] >= 2 for s in stories)
    assert all(len(s["outlets"]) >= 1 and s["first_publisher"] for s in stories)
    firsts = [s["first_seen"] for s in stories]
    assert firsts == sorted(firsts, reverse=True)

    since = runner.invoke(app, ["stories", "--db", db, "--json", "--since", "2026-02-10"])
    assert all(json.loads(line)["first_seen"] >= "2026-02-10"
               for line in since.stdout.splitlines())
    bad = runner.invoke(app, ["stories", "--db", db, "--since", "10.02.2026"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output

    biggest = max(stories, key=lambda s: s["members"])
    shown = runner.invoke(app, ["show", biggest["id"], "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["article"]["id"] == biggest["canonical"]
    assert data["article"]["duplicate_of"] is None
    assert len(data["story"]["articles"]) == biggest["members"]
    text = runner.invoke(app, ["show", biggest["canonical"][:8], "--db", db])
    assert text.exit_code == 0 and "canonical" in text.stdout
    missing = runner.invoke(app, ["show", "nosuchid", "--db", db])
    assert missing.exit_code == 1 and "no article or story" in missing.output

    exported = runner.invoke(app, ["export", "--db", db])
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    articles = [r for r in records if r["kind"] == "article"]
    assert all(r["story"] for r in articles)
    copies = [r for r in articles if r["duplicate_of"]]
    assert copies and all(r["duplicate_of"]["relation"] in ("exact", "near", "rewrite")
                          for r in copies)
    by_id = {r["id"]: r for r in articles}
    for record in copies:
        canonical = by_id[record["duplicate_of"]["id"]]
        assert canonical["story"] == record["story"] and canonical["duplicate_of"] is None

    rebuilt = runner.invoke(app, ["restory", "--db", db])
    assert rebuilt.exit_code == 0 and "stories" in rebuilt.stdout
