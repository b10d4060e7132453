"""Entities by public id (migration 8): the records keep the id the API names them by and
``entity_refs`` totals them, in the records' own transactions; the API pages entities and
finds one from them, with the same pages and cursors as the aggregate it replaces."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from qaznews.api import queries
from qaznews.model import Article, Entity, Published
from qaznews.pipeline import enrich as enrich_stage
from qaznews.store.entities import EntityRecords
from qaznews.store.refs import entity_ref
from qaznews.store.sqlite import MIGRATIONS, Store

from .conftest import undo_migrations_from

PEOPLE = ["Yerzhan Ashikbayev", "Ержан Ашикбаев", "Aigerim Nurlanova", "Daulet Kairbekov",
          "Mikko Lindqvist", "Kenji Morimoto", "Ashikbayev", "Roman Sklyar", "Роман Скляр"]
OTHERS = [("Ministry of Foreign Affairs", "organization"), ("KazMunayGas", "organization"),
          ("Astana", "place"), ("Almaty", "place"), ("Finland", "place"), ("Japan", "place"),
          ("UNDP", "organization"), ("Oman", "place"), ("Amman", "place")]


def article(number: int, rng: random.Random) -> Article:
    entities = [Entity(name, "person", role=rng.choice([None, "Minister", "Ambassador"]),
                       affiliation=rng.choice([None, "Kazakhstan", "Japan"]))
                for name in rng.sample(PEOPLE, rng.randint(0, 3))]
    entities += [Entity(name, kind) for name, kind in rng.sample(OTHERS, rng.randint(1, 3))]
    day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(60))
    return Article(title=f"Article {number}", body=f"Text {number}.",
                   published=Published(day) if number % 7 else None, outlet="kt.kz",
                   language="en", entities=entities)


@pytest.fixture
def records(store: Store) -> Store:
    rng = random.Random(5)
    for start in range(0, 60, 20):
        with store.transaction():
            store.write([article(n, rng) for n in range(start, start + 20)],
                        {"enrich": enrich_stage.ENRICH_VERSION})
            EntityRecords(store).update()
    return store


def totals(store: Store) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in store.conn.execute(
        "SELECT ref, type, name, folded, articles, last_seen FROM entity_refs ORDER BY ref")]


def expected_totals(store: Store) -> list[tuple[Any, ...]]:
    found: dict[str, list[Any]] = {}
    for row in store.conn.execute("SELECT id, type, name, articles, last_seen FROM entities"):
        ref = entity_ref(row["type"], row["name"])
        kept = found.setdefault(ref, [ref, row["type"], row["name"], 0, row["last_seen"]])
        kept[1], kept[2] = min(kept[1], row["type"]), min(kept[2], row["name"])
        kept[3] += row["articles"]
        if row["last_seen"] and (kept[4] is None or row["last_seen"] > kept[4]):
            kept[4] = row["last_seen"]
    return sorted((r, t, n, n.casefold(), a, s) for r, t, n, a, s in found.values())


def test_refs_follow_the_records(records: Store) -> None:
    assert totals(records) == expected_totals(records) and totals(records)
    for row in records.conn.execute("SELECT type, name, ref FROM entities"):
        assert row["ref"] == entity_ref(row["type"], row["name"])
    first = records.conn.execute("SELECT id FROM articles ORDER BY rowid LIMIT 3").fetchall()
    with records.transaction():  # enriched again: other names, and one article gone
        records.conn.execute("UPDATE articles SET entities = ? WHERE id = ?",
                             ('[{"text": "Astana", "type": "place"}]', first[0][0]))
        records.conn.execute("DELETE FROM articles WHERE id = ?", (first[1][0],))
        records.conn.execute(
            "UPDATE articles SET entities = ? WHERE id = ?",
            ('[{"text": "Yerzhan Bolatuly Ashikbayev Junior", "type": "person"}]',
             first[2][0]))
        EntityRecords(records).update()
    assert totals(records) == expected_totals(records)
    with records.transaction():
        EntityRecords(records).rebuild()
    assert totals(records) == expected_totals(records)


def walk(page: Any, **options: Any) -> list[list[dict[str, Any]]]:
    pages = []
    cursor = None
    while True:
        found, cursor = page(cursor=cursor, **options)
        pages.append(found)
        if cursor is None:
            return pages


@pytest.mark.parametrize("sort", ["articles", "name"])
@pytest.mark.parametrize(("type_", "q"), [(None, None), ("person", None), ("PLACE", None),
                                          (None, "a"), ("organization", "min"), (None, "zz")])
def test_pages_from_refs_are_the_aggregates(records: Store, sort: str, type_: str | None,
                                            q: str | None) -> None:
    conn = records.conn
    assert queries.records_ready(conn)
    everything = queries.aggregate_entities(conn, None, None)

    def aggregate(cursor: str | None, **options: Any) -> Any:
        return queries.page_entities(everything, cursor=cursor, **options)

    def refs(cursor: str | None, **options: Any) -> Any:
        return queries.page_entity_refs(conn, cursor=cursor, **options)

    options = {"type_": type_, "q": q, "sort": sort, "limit": 3}
    assert walk(refs, **options) == walk(aggregate, **options)


def test_an_entity_from_its_ref(records: Store) -> None:
    conn = records.conn
    for found in queries.aggregate_entities(conn, None, None):
        by_ref = queries.entity_by_ref(conn, found.id)
        assert by_ref is not None
        assert (by_ref.id, by_ref.name, by_ref.type, by_ref.articles, by_ref.last_seen,
                sorted(by_ref.records)) == (found.id, found.name, found.type, found.articles,
                                            found.last_seen, sorted(found.records))
    assert queries.entity_by_ref(conn, "0000000000000000") is None


def test_an_entitys_details_and_articles(records: Store) -> None:
    conn = records.conn
    top = queries.page_entity_refs(conn, type_="person", q=None, sort="articles", limit=1,
                                   cursor=None)[0][0]
    found = queries.entity_by_ref(conn, top["id"])
    assert found is not None
    marks = ",".join("?" * len(found.records))
    mentions = conn.execute(f"SELECT article_id, text, role, affiliation FROM entity_mentions"
                            f" WHERE entity IN ({marks})", found.records).fetchall()

    def ranked(column: str) -> list[str]:
        counts: dict[str, int] = {}
        for row in mentions:
            if row[column] is not None:
                counts[row[column]] = counts.get(row[column], 0) + 1
        return sorted(counts, key=lambda value: (-counts[value], value))

    ids = {row["article_id"] for row in mentions}
    newest = [r["id"] for r in conn.execute(
        f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(ids))})"
        " ORDER BY published IS NULL, published DESC, id DESC", tuple(ids))]
    paged: list[str] = []
    cursor = None
    while True:
        detail = queries.entity_details(conn, found, limit=2, cursor=cursor)
        assert (detail["forms"], detail["roles"], detail["affiliations"]) == (
            ranked("text"), ranked("role"), ranked("affiliation"))
        paged += [a["id"] for a in detail["articles"]]
        cursor = detail["next_cursor"]
        if cursor is None:
            break
    assert paged == newest and len(paged) > 2


def test_migration_8_gives_every_record_its_ref(records: Store, tmp_path: Path) -> None:
    wanted = totals(records)
    with records.transaction():  # back to a store of version 7
        records.conn.execute("DROP TABLE entity_refs")
        records.conn.execute("DROP INDEX entities_ref")
        records.conn.execute("ALTER TABLE entities DROP COLUMN ref")
        undo_migrations_from(records.conn, 7)  # and what every later migration made
    path = records.path
    records.close()
    with Store(path) as migrated:
        assert migrated.schema_version == len(MIGRATIONS)
        assert totals(migrated) == wanted
