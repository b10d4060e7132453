"""The embedded store: SQLite in WAL mode, nothing to set up.

Identity lives in the ids (see :mod:`qaznews.model`): writing an item whose id is
stored already *merges* into the stored one. The new reading becomes a sighting
(where, when captured, views then); what the stored item lacked (a time of day, a
URL, an outlet, a body) is filled in, and of two readings of a time or a text the
earlier time and the fuller text win, whatever the order; view counts are kept per
sighting, and the item's ``views`` is the count of its latest capture. A sighting is keyed by the
captured content's hash and line, so writing the same capture twice adds nothing.

Every write happens inside :meth:`Store.transaction` (``BEGIN IMMEDIATE``): a file
is stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qaznews.errors import StoreError
from qaznews.model import (
    Article,
    DuplicateRef,
    Entity,
    Event,
    Item,
    Link,
    Participant,
    Published,
    Sighting,
    SourceRef,
    entity_to_dict,
    event_to_dict,
)
from qaznews.search.text import register_functions
from qaznews.store.refs import register_functions as register_ref_functions

#: Schema migrations, applied in order; the store's `user_version` is how many ran.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT,
        published TEXT,
        views INTEGER,
        body TEXT NOT NULL DEFAULT '',
        url TEXT,
        outlet TEXT,
        language TEXT,
        title_language TEXT,
        body_language TEXT,
        captured TEXT,
        source_file TEXT,
        source_line INTEGER,
        source_url TEXT,
        story TEXT,
        duplicate_of TEXT,
        duplicate_relation TEXT,
        entities TEXT NOT NULL DEFAULT '[]',
        events TEXT NOT NULL DEFAULT '[]',
        topics TEXT NOT NULL DEFAULT '[]',
        stage_versions TEXT NOT NULL DEFAULT '{}',
        first_stored TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE links (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        published TEXT,
        views INTEGER,
        url TEXT,
        captured TEXT,
        source_file TEXT,
        source_line INTEGER,
        source_url TEXT,
        first_stored TEXT NOT NULL
    );
    CREATE TABLE sightings (
        key TEXT PRIMARY KEY,
        item_id TEXT NOT NULL,
        file TEXT,
        line INTEGER,
        url TEXT,
        content_hash TEXT,
        captured TEXT,
        views INTEGER
    );
    CREATE INDEX sightings_item ON sightings(item_id);
    CREATE TABLE inputs (
        content_hash TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        links INTEGER NOT NULL,
        stored_at TEXT NOT NULL
    );
    """,
    # 2: stories (see qaznews.store.stories).
    """
    CREATE INDEX articles_story ON articles(story);
    CREATE TABLE story_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE story_features (
        article_id TEXT PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE,
        text_hash TEXT,
        signature BLOB,
        shingles INTEGER NOT NULL,
        words INTEGER NOT NULL,
        day INTEGER,
        language TEXT,
        terms TEXT NOT NULL
    );
    CREATE INDEX story_features_hash ON story_features(text_hash);
    CREATE TABLE story_bands (
        key INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE story_terms (
        term INTEGER NOT NULL,
        day INTEGER NOT NULL,
        members BLOB NOT NULL,
        PRIMARY KEY (term, day)
    ) WITHOUT ROWID;
    CREATE TABLE story_links (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        relation TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (a, b)
    );
    CREATE INDEX story_links_b ON story_links(b);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        canonical TEXT NOT NULL,
        first_article TEXT NOT NULL,
        first_publisher TEXT,
        first_published TEXT,
        outlets TEXT NOT NULL,
        members INTEGER NOT NULL,
        views INTEGER,
        languages TEXT NOT NULL
    );
    CREATE INDEX stories_first_published ON stories(first_published);
    """,
    # 3: crawl state (see qaznews.store.crawl): the frontier and what was fetched.
    """
    CREATE TABLE crawl_urls (
        key TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        hint TEXT,
        found_on TEXT,
        alias_of TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        status INTEGER,
        etag TEXT,
        last_modified TEXT,
        content_hash TEXT,
        final_url TEXT,
        fetched_at TEXT,
        queued_at TEXT NOT NULL
    );
    CREATE INDEX crawl_urls_state ON crawl_urls(state, kind, source);
    """,
    # 4: full-text search (see qaznews.search, docs/SEARCH.md): a contentless FTS5 index of
    # the stemmed title and body, kept by triggers in the articles' own transactions.
    # Only a change of the text (or its languages) re-indexes an article, not its story
    # or views. Deleting from a contentless index takes the words it was given, which
    # qaznews_search_text gives again from the old row.
    """
    CREATE VIRTUAL TABLE articles_search USING fts5(
        title, body, content = '', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_search (rowid, title, body) VALUES (
            new.rowid,
            qaznews_search_text(new.title, coalesce(new.title_language, new.language)),
            qaznews_search_text(new.body, coalesce(new.body_language, new.language)));
    END;
    CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_search (articles_search, rowid, title, body) VALUES (
            'delete', old.rowid,
            qaznews_search_text(old.title, coalesce(old.title_language, old.language)),
            qaznews_search_text(old.body, coalesce(old.body_language, old.language)));
    END;
    CREATE TRIGGER articles_search_update
    AFTER UPDATE OF title, body, language, title_language, body_language ON articles BEGIN
        INSERT INTO articles_search (articles_search, rowid, title, body) VALUES (
            'delete', old.rowid,
            qaznews_search_text(old.title, coalesce(old.title_language, old.language)),
            qaznews_search_text(old.body, coalesce(old.body_language, old.language)));
        INSERT INTO articles_search (rowid, title, body) VALUES (
            new.rowid,
            qaznews_search_text(new.title, coalesce(new.title_language, new.language)),
            qaznews_search_text(new.body, coalesce(new.body_language, new.language)));
    END;
    INSERT INTO articles_search (rowid, title, body)
        SELECT rowid,
            qaznews_search_text(title, coalesce(title_language, language)),
            qaznews_search_text(body, coalesce(body_language, language))
        FROM articles ORDER BY rowid;
    """,
    # 5: search keys: a narrow copy of the columns search sorts, groups and filters on, so
    # that ranking many matches never reads their bodies; kept by triggers like the
    # index. And an index on views (then id, the tie-breaker) for the most-viewed lists.
    """
    CREATE TABLE search_keys (
        r INTEGER PRIMARY KEY,
        story TEXT,
        published TEXT,
        views INTEGER,
        outlet TEXT,
        language TEXT,
        body_language TEXT
    );
    INSERT INTO search_keys
        SELECT rowid, story, published, views, outlet, language, body_language FROM articles;
    CREATE TRIGGER search_keys_insert AFTER INSERT ON articles BEGIN
        INSERT INTO search_keys VALUES (new.rowid, new.story, new.published, new.views,
                                        new.outlet, new.language, new.body_language);
    END;
    CREATE TRIGGER search_keys_update
    AFTER UPDATE OF story, published, views, outlet, language, body_language ON articles BEGIN
        UPDATE search_keys SET story = new.story, published = new.published,
            views = new.views, outlet = new.outlet, language = new.language,
            body_language = new.body_language
        WHERE r = new.rowid;
    END;
    CREATE TRIGGER search_keys_delete AFTER DELETE ON articles BEGIN
        DELETE FROM search_keys WHERE r = old.rowid;
    END;
    CREATE INDEX articles_views ON articles(views, id);
    """,
    # 6: entity records (see qaznews.store.entities, docs/ENTITIES.md): one row per entity
    # across articles, its aliases, its mentions (with role and affiliation) and the event
    # participants it is. They are derived from the articles' `entities` and `events`
    # columns: a trigger queues every article whose columns change in `entity_pending`,
    # and the records of the queued articles are rebuilt in the same transaction.
    """
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT,
        UNIQUE (type, key)
    );
    CREATE INDEX entities_articles ON entities(type, articles);
    CREATE TABLE entity_name_parts (
        part TEXT NOT NULL,
        entity INTEGER NOT NULL,
        PRIMARY KEY (part, entity)
    ) WITHOUT ROWID;
    CREATE TABLE entity_aliases (
        entity INTEGER NOT NULL,
        alias TEXT NOT NULL,
        folded TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (entity, alias)
    );
    CREATE INDEX entity_aliases_folded ON entity_aliases(folded);
    CREATE TABLE entity_mentions (
        article_id TEXT NOT NULL,
        entity INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT,
        affiliation TEXT,
        published TEXT
    );
    CREATE INDEX entity_mentions_article ON entity_mentions(article_id);
    CREATE INDEX entity_mentions_entity ON entity_mentions(entity, published);
    CREATE TABLE event_participants (
        article_id TEXT NOT NULL,
        event INTEGER NOT NULL,
        kind TEXT NOT NULL,
        entity INTEGER,
        name TEXT NOT NULL,
        folded TEXT NOT NULL,
        role TEXT,
        affiliation TEXT,
        published TEXT
    );
    CREATE INDEX event_participants_article ON event_participants(article_id);
    CREATE INDEX event_participants_entity ON event_participants(entity);
    CREATE TABLE entity_pending (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TRIGGER entity_pending_insert AFTER INSERT ON articles
    WHEN new.entities <> '[]' OR new.events <> '[]' BEGIN
        INSERT OR IGNORE INTO entity_pending VALUES (new.id);
    END;
    CREATE TRIGGER entity_pending_update AFTER UPDATE OF entities, events, published ON articles
    WHEN new.entities IS NOT old.entities OR new.events IS NOT old.events
         OR new.published IS NOT old.published BEGIN
        INSERT OR IGNORE INTO entity_pending VALUES (new.id);
    END;
    CREATE TRIGGER entity_pending_delete AFTER DELETE ON articles BEGIN
        INSERT OR IGNORE INTO entity_pending VALUES (old.id);
    END;
    INSERT INTO entity_pending SELECT id FROM articles WHERE entities <> '[]' OR events <> '[]';
    """,
    # 7: search (docs/SEARCH.md). The index is made again with the articles as its external
    # content: it still keeps only the stems it is given (one a word, the words cut as its
    # tokenizer cuts them: search/tokens.py, search text version 2), and now reads the
    # articles' own title and body for its snippets and highlights, so they mark the very
    # words it matched. And search_groups: the articles whose story has other members,
    # with that story, kept by triggers; counting a query's stories looks each match up
    # there, in a tenth of search_keys. The index written whole is merged into one segment
    # ('optimize', 2.6 s at 100,000 articles): looking a page's 20 results up in it took
    # 0.3 ms instead of 1.5 (the query `встречи`, bench/bench_search.py).
    """
    DROP TRIGGER articles_search_insert;
    DROP TRIGGER articles_search_delete;
    DROP TRIGGER articles_search_update;
    DROP TABLE articles_search;
    CREATE VIRTUAL TABLE articles_search USING fts5(
        title, body, content = 'articles', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_search (rowid, title, body) VALUES (
            new.rowid,
            qaznews_search_text(new.title, coalesce(new.title_language, new.language)),
            qaznews_search_text(new.body, coalesce(new.body_language, new.language)));
    END;
    CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_search (articles_search, rowid, title, body) VALUES (
            'delete', old.rowid,
            qaznews_search_text(old.title, coalesce(old.title_language, old.language)),
            qaznews_search_text(old.body, coalesce(old.body_language, old.language)));
    END;
    CREATE TRIGGER articles_search_update
    AFTER UPDATE OF title, body, language, title_language, body_language ON articles BEGIN
        INSERT INTO articles_search (articles_search, rowid, title, body) VALUES (
            'delete', old.rowid,
            qaznews_search_text(old.title, coalesce(old.title_language, old.language)),
            qaznews_search_text(old.body, coalesce(old.body_language, old.language)));
        INSERT INTO articles_search (rowid, title, body) VALUES (
            new.rowid,
            qaznews_search_text(new.title, coalesce(new.title_language, new.language)),
            qaznews_search_text(new.body, coalesce(new.body_language, new.language)));
    END;
    INSERT INTO articles_search (rowid, title, body)
        SELECT rowid,
            qaznews_search_text(title, coalesce(title_language, language)),
            qaznews_search_text(body, coalesce(body_language, language))
        FROM articles ORDER BY rowid;
    INSERT INTO articles_search (articles_search) VALUES ('optimize');
    CREATE TABLE search_groups (r INTEGER PRIMARY KEY, story TEXT NOT NULL);
    CREATE INDEX search_groups_story ON search_groups(story);
    INSERT INTO search_groups
        SELECT rowid, story FROM articles WHERE story IN (
            SELECT story FROM articles WHERE story IS NOT NULL
            GROUP BY story HAVING count(*) > 1);
    CREATE TRIGGER search_groups_insert AFTER INSERT ON articles
    WHEN new.story IS NOT NULL BEGIN
        INSERT OR REPLACE INTO search_groups
            SELECT rowid, story FROM articles WHERE story = new.story
            AND (SELECT count(*) FROM (SELECT 1 FROM articles WHERE story = new.story
                                       LIMIT 2)) = 2;
    END;
    CREATE TRIGGER search_groups_update AFTER UPDATE OF story ON articles
    WHEN new.story IS NOT old.story BEGIN
        DELETE FROM search_groups WHERE r = new.rowid;
        DELETE FROM search_groups WHERE story = old.story
            AND (SELECT count(*) FROM (SELECT 1 FROM articles WHERE story = old.story
                                       LIMIT 2)) < 2;
        INSERT OR REPLACE INTO search_groups
            SELECT rowid, story FROM articles WHERE story = new.story
            AND (SELECT count(*) FROM (SELECT 1 FROM articles WHERE story = new.story
                                       LIMIT 2)) = 2;
    END;
    CREATE TRIGGER search_groups_delete AFTER DELETE ON articles
    WHEN old.story IS NOT NULL BEGIN
        DELETE FROM search_groups WHERE r = old.rowid;
        DELETE FROM search_groups WHERE story = old.story
            AND (SELECT count(*) FROM (SELECT 1 FROM articles WHERE story = old.story
                                       LIMIT 2)) < 2;
    END;
    """,
    # 8: entities by public id (store/refs.py, docs/API.md): each entity record keeps the
    # id the API names it by, and entity_refs totals the records of one id (articles,
    # last seen) with the API's sorts indexed, so a page of entities is read, not
    # aggregated. qaznews.store.entities keeps both, in the records' own transactions.
    """
    ALTER TABLE entities ADD COLUMN ref TEXT;
    UPDATE entities SET ref = qaznews_entity_ref(type, name);
    CREATE INDEX entities_ref ON entities(ref);
    CREATE TABLE entity_refs (
        ref TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        folded TEXT NOT NULL,
        articles INTEGER NOT NULL,
        last_seen TEXT
    ) WITHOUT ROWID;
    CREATE INDEX entity_refs_articles ON entity_refs(articles DESC, ref);
    CREATE INDEX entity_refs_type_articles ON entity_refs(type, articles DESC, ref);
    CREATE INDEX entity_refs_folded ON entity_refs(folded, ref);
    CREATE INDEX entity_refs_type_folded ON entity_refs(type, folded, ref);
    INSERT INTO entity_refs
        SELECT ref, min(type), min(name), qaznews_casefold(min(name)), sum(articles),
               max(last_seen)
        FROM entities GROUP BY ref;
    """,
    # 9: search (docs/SEARCH.md): search_grouped, a second FTS5 index holding only the
    # articles of search_groups (those whose story has other members), with the same index
    # forms as articles_search. A query's matches among them come from its own doclists, so
    # counting a query's stories looks up only those (a tenth of the matches), never every
    # match, and is exact for any number of matches; articles_search and its BM25 stay as
    # they were. It keeps its own copy of the forms (a tenth of the articles), so that an
    # article leaving a group is deleted by its rowid alone. Triggers on search_groups keep
    # it; the story triggers of migration 7 are made again to change a member's story in
    # place (an upsert) instead of deleting and inserting it, which would index it again.
    """
    CREATE VIRTUAL TABLE search_grouped USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO search_grouped (rowid, title, body)
        SELECT a.rowid,
            qaznews_search_text(a.title, coalesce(a.title_language, a.language)),
            qaznews_search_text(a.body, coalesce(a.body_language, a.language))
        FROM search_groups AS g JOIN articles AS a ON a.rowid = g.r ORDER BY a.rowid;
    INSERT INTO search_grouped (search_grouped) VALUES ('optimize');
    CREATE TRIGGER search_grouped_insert AFTER INSERT ON search_groups BEGIN
        INSERT INTO search_grouped (rowid, title, body)
            SELECT rowid,
                qaznews_search_text(title, coalesce(title_language, language)),
                qaznews_search_text(body, coalesce(body_language, language))
            FROM articles WHERE rowid = new.r;
    END;
    CREATE TRIGGER search_grouped_delete AFTER DELETE ON search_groups BEGIN
        DELETE FROM search_grouped WHERE rowid = old.r;
    END;
    CREATE TRIGGER search_grouped_update
    AFTER UPDATE OF title, body, language, title_language, body_language ON articles
    WHEN EXISTS (SELECT 1 FROM search_groups WHERE r = new.rowid) BEGIN
        DELETE FROM search_grouped WHERE rowid = new.rowid;
        INSERT INTO search_grouped (rowid, title, body) VALUES (
            new.rowid,
            qaznews_search_text(new.title, coalesce(new.title_language, new.language)),
            qaznews_search_text(new.body, coalesce(new.body_language, new.language)));
    END;
    DROP TRIGGER IF EXISTS search_groups_insert;
    DROP TRIGGER IF EXISTS search_groups_update;
    CREATE TRIGGER search_groups_insert AFTER INSERT ON articles
    WHEN new.story IS NOT NULL BEGIN
        INSERT INTO search_groups
            SELECT rowid, story FROM articles WHERE story = new.story
            AND (SELECT count(*) FROM (SELECT 1 FROM articles WHERE story = new.story
                                       LIMIT 2)) = 2
            ON CONFLICT (r) DO UPDATE SET story = excluded.story
            WHERE story IS NOT excluded.story;
    END;
    CREATE TRIGGER search_groups_update AFTER UPDATE OF story ON articles
    WHEN new.story IS NOT old.story BEGIN
        DELETE FROM search_groups WHERE story = old.story AND r <> new.rowid
            AND (SELECT count(*) FROM (SELECT 1 FROM articles WHERE story = old.story
                                       LIMIT 2)) < 2;
        DELETE FROM search_groups WHERE r = new.rowid
            AND (new.story IS NULL
                 OR (SELECT count(*) FROM (SELECT 1 FROM articles WHERE story = new.story
                                           LIMIT 2)) < 2);
        INSERT INTO search_groups
            SELECT rowid, story FROM articles WHERE story = new.story
            AND (SELECT count(*) FROM (SELECT 1 FROM articles WHERE story = new.story
                                       LIMIT 2)) = 2
            ON CONFLICT (r) DO UPDATE SET story = excluded.story
            WHERE story IS NOT excluded.story;
    END;
    """,
    # 10: search (docs/SEARCH.md): the index's pages hold 2,000 bytes instead of FTS5's
    # 4,050, and the index is written again in them. FTS5 indexes the pages of a word's
    # list of matches once it spans 4 pages; a list too short for that is read from its
    # start to find one article in it. At 100,000 articles the list of `wind` (2,538
    # articles) now has its index: looking a page's 20 results up in it (with their
    # highlights and snippets) took 0.58 ms instead of 0.97, the pass it took instead
    # 0.75; for `"wind farm"` 0.59 ms instead of 0.90. Reading whole lists (the top-k,
    # counts) took the same to 2 % more. A row added and taken away in one transaction
    # gives 'optimize' a second segment to merge, so it writes the index whole again
    # (2.7 s at 100,000 articles); rowid -1 is no article's.
    """
    INSERT INTO articles_search (articles_search, rank) VALUES ('pgsz', 2000);
    INSERT INTO articles_search (rowid, title, body) VALUES (-1, 'x', 'x');
    INSERT INTO articles_search (articles_search, rowid, title, body)
        VALUES ('delete', -1, 'x', 'x');
    INSERT INTO articles_search (articles_search) VALUES ('optimize');
    """,
)

#: Fields enrichment reads: when a merge changes one, the stored enrichment is stale.
ENRICHED_FROM = frozenset({"title", "body", "language", "title_language", "body_language",
                           "published"})


@dataclass(slots=True)
class WriteCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: WriteCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged


@dataclass(slots=True)
class StoryUpdate:
    """What one story update did (kept here, beside WriteCounts, so that reading captures
    needs none of the story machinery and its numpy)."""

    articles: int = 0
    links: int = 0
    stories: int = 0
    changed: set[str] = field(default_factory=set)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _sighting_key(item_id: str, sighting: Sighting) -> str:
    where = sighting.content_hash or sighting.source.file or ""
    parts = (item_id, where, str(sighting.source.line or ""), sighting.source.url or "")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def _merge_published(old: str | None, new: Published | None) -> str | None:
    """Keep the stored date; take the new reading's time of day when the stored one lacks it."""
    if new is None:
        return old
    if old is None:
        return new.iso()
    stored = Published.from_iso(old)
    if stored.date != new.date or new.time is None:
        return old
    if stored.time is None or new.time < stored.time:
        # The earliest time known: the same article re-published later that day (with
        # its source credited, so with the same id) keeps the original's time whatever
        # order the captures are read in.
        return new.iso()
    return old


def _statements(script: str) -> list[str]:
    """The statements of a migration, whole: a trigger's body holds semicolons too."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                statements.append(pending)
            pending = ""
    if pending.strip(" \n\t;"):
        statements.append(pending)
    return statements


def _fuller_body(old: str, new: str) -> str:
    """Of two texts of one article, the fuller; chosen the same whichever came first."""
    if not old or not new:
        return old or new
    return min(old, new, key=lambda text: (-len(text.split()), text))


class Store:
    """One SQLite database holding articles, links, their sightings and the inputs read."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            # The search index triggers stem text through this function (migration 4),
            # the entity records keep their public ids through these (migration 8).
            register_functions(self.conn)
            register_ref_functions(self.conn)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open store: {exc}", where=str(self.path)) from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StoreError(
                f"store schema version {version} is newer than this qaznews knows "
                f"({len(MIGRATIONS)}); upgrade qaznews",
                where=str(self.path),
            )
        for number in range(version, len(MIGRATIONS)):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: BEGIN IMMEDIATE, COMMIT on success, ROLLBACK on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- inputs -----------------------------------------------------------------

    def knows_input(self, content_hash: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM inputs WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row is not None

    def record_input(self, content_hash: str, path: str, size: int, articles: int,
                     links: int) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?)",
            (content_hash, path, size, articles, links, _now()),
        )

    # -- writing ----------------------------------------------------------------

    def write(self, items: list[Item], stage_versions: dict[str, str] | None = None) -> WriteCounts:
        """Store or merge each item. Call inside :meth:`transaction`."""
        counts = WriteCounts()
        versions = json.dumps(stage_versions or {}, sort_keys=True)
        for item in items:
            if isinstance(item, Article):
                outcome = self._write_article(item, versions)
            else:
                outcome = self._write_link(item)
            if outcome == "new":
                counts.new += 1
            elif outcome == "updated":
                counts.updated += 1
            else:
                counts.unchanged += 1
        return counts

    def _add_sightings(self, item: Item) -> bool:
        added = False
        for sighting in item.sightings:
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO sightings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (_sighting_key(item.id, sighting), item.id, sighting.source.file,
                 sighting.source.line, sighting.source.url, sighting.content_hash,
                 _iso(sighting.captured), sighting.views),
            )
            added = added or cursor.rowcount > 0
        return added

    def _latest_views(self, item_id: str) -> int | None:
        row = self.conn.execute(
            "SELECT views FROM sightings WHERE item_id = ? AND views IS NOT NULL "
            "ORDER BY captured IS NULL, captured DESC, rowid DESC LIMIT 1",
            (item_id,),
        ).fetchone()
        return None if row is None else int(row[0])

    def _write_article(self, article: Article, versions: str) -> str:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is None:
            self.conn.execute(
                "INSERT INTO articles (id, title, published, views, body, url, outlet, language,"
                " title_language, body_language, captured, source_file, source_line, source_url,"
                " story, duplicate_of, duplicate_relation, entities, events, topics,"
                " stage_versions, first_stored)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, article.title,
                    article.published.iso() if article.published else None,
                    article.views, article.body, article.url, article.outlet, article.language,
                    article.title_language, article.body_language, _iso(article.captured),
                    article.source.file, article.source.line, article.source.url,
                    article.story,
                    article.duplicate_of.id if article.duplicate_of else None,
                    article.duplicate_of.relation if article.duplicate_of else None,
                    json.dumps([entity_to_dict(e) for e in article.entities], ensure_ascii=False),
                    json.dumps([event_to_dict(e) for e in article.events], ensure_ascii=False),
                    json.dumps(article.topics, ensure_ascii=False),
                    versions, _now(),
                ),
            )
            self._add_sightings(article)
            self._refresh_views(article.id, row=None)
            return "new"

        added = self._add_sightings(article)
        body = _fuller_body(row["body"], article.body)
        # The languages read from the text kept.
        new_text = body != row["body"] and article.language is not None
        merged = {
            "title": row["title"] or article.title,
            "published": _merge_published(row["published"], article.published),
            "body": body,
            "url": row["url"] or article.url,
            "outlet": row["outlet"] or article.outlet,
            "language": article.language if new_text else row["language"] or article.language,
            "title_language": (article.title_language if new_text
                               else row["title_language"] or article.title_language),
            "body_language": (article.body_language if new_text
                              else row["body_language"] or article.body_language),
            "captured": min(
                (c for c in (row["captured"], _iso(article.captured)) if c), default=None
            ),
        }
        changed = {key: value for key, value in merged.items() if row[key] != value}
        if changed:
            assignments = ", ".join(f"{key} = ?" for key in changed)
            if ENRICHED_FROM & changed.keys():
                # Its enrichment read the old text: forget its version, so it runs again.
                assignments += ", stage_versions = json_remove(stage_versions, '$.enrich')"
            self.conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?", (*changed.values(), article.id)
            )
        views_changed = self._refresh_views(article.id, row=row)
        return "updated" if (added or changed or views_changed) else "unchanged"

    def _refresh_views(self, item_id: str, row: sqlite3.Row | None,
                       table: str = "articles") -> bool:
        latest = self._latest_views(item_id)
        if row is not None and row["views"] == latest:
            return False
        self.conn.execute(f"UPDATE {table} SET views = ? WHERE id = ?", (latest, item_id))
        return row is not None

    def _write_link(self, link: Link) -> str:
        row = self.conn.execute("SELECT * FROM links WHERE id = ?", (link.id,)).fetchone()
        if row is None:
            self.conn.execute(
                "INSERT INTO links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (link.id, link.title, link.published.iso() if link.published else None,
                 link.views, link.url, _iso(link.captured), link.source.file, link.source.line,
                 link.source.url, _now()),
            )
            self._add_sightings(link)
            self._refresh_views(link.id, row=None, table="links")
            return "new"
        added = self._add_sightings(link)
        views_changed = self._refresh_views(link.id, row=row, table="links")
        return "updated" if (added or views_changed) else "unchanged"

    # -- reading ----------------------------------------------------------------

    def sightings(self, item_id: str) -> list[Sighting]:
        rows = self.conn.execute(
            "SELECT * FROM sightings WHERE item_id = ? ORDER BY captured IS NULL, captured, rowid",
            (item_id,),
        ).fetchall()
        return [
            Sighting(
                SourceRef(file=r["file"], line=r["line"], url=r["url"]),
                dt.date.fromisoformat(r["captured"]) if r["captured"] else None,
                r["views"],
                r["content_hash"],
            )
            for r in rows
        ]

    def iter_items(self) -> Iterator[Item]:
        """Every stored article, then every link, in the order they were first stored."""
        for row in self.conn.execute("SELECT * FROM articles ORDER BY rowid").fetchall():
            yield self._article(row)
        for row in self.conn.execute("SELECT * FROM links ORDER BY rowid").fetchall():
            yield self._link(row)

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else self._article(row)

    def _article(self, row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"], title=row["title"], body=row["body"],
            published=Published.from_iso(row["published"]) if row["published"] else None,
            views=row["views"], url=row["url"], outlet=row["outlet"], language=row["language"],
            title_language=row["title_language"], body_language=row["body_language"],
            captured=dt.date.fromisoformat(row["captured"]) if row["captured"] else None,
            source=SourceRef(row["source_file"], row["source_line"], row["source_url"]),
            sightings=self.sightings(row["id"]),
            story=row["story"],
            duplicate_of=(DuplicateRef(row["duplicate_of"], row["duplicate_relation"])
                          if row["duplicate_of"] else None),
            entities=[Entity(**e) for e in json.loads(row["entities"])],
            events=[_event_from_dict(e) for e in json.loads(row["events"])],
            topics=list(json.loads(row["topics"])),
        )

    def _link(self, row: sqlite3.Row) -> Link:
        return Link(
            id=row["id"], title=row["title"],
            published=Published.from_iso(row["published"]) if row["published"] else None,
            views=row["views"], url=row["url"],
            captured=dt.date.fromisoformat(row["captured"]) if row["captured"] else None,
            source=SourceRef(row["source_file"], row["source_line"], row["source_url"]),
            sightings=self.sightings(row["id"]),
        )

    def counts(self) -> dict[str, int]:
        one = self.conn.execute
        return {
            "articles": int(one("SELECT count(*) FROM articles").fetchone()[0]),
            "links": int(one("SELECT count(*) FROM links").fetchone()[0]),
            "sightings": int(one("SELECT count(*) FROM sightings").fetchone()[0]),
            "inputs": int(one("SELECT count(*) FROM inputs").fetchone()[0]),
        }

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Read-only helper for reports."""
        return self.conn.execute(sql, params).fetchall()


def _event_from_dict(data: dict[str, Any]) -> Event:
    return Event(
        type=data["type"],
        date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        place=data.get("place"),
        participants=tuple(Participant(**p) for p in data.get("participants", [])),
        organizations=tuple(data.get("organizations", [])),
        agreements=tuple(data.get("agreements", [])),
        evidence=tuple(data.get("evidence", [])),
    )
