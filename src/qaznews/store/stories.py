"""Stories in the store: the persistent side of :mod:`qaznews.pipeline.stories`.

The index lives in four tables (created by the store's migrations):

* ``story_features``: per article, the normalised-text hash, the MinHash signature
  and the names and numbers it carries;
* ``story_bands``: the LSH band keys of every signature (near-copy candidates);
* ``story_terms``: names and numbers with the publication day (rewrite candidates,
  looked up only within a few days);
* ``story_links``: the pairs :func:`relate` linked, with their relation.

A story is a connected component of ``story_links``; ``stories`` holds one row per
story (one-article stories included) and every article row its ``story`` and
``duplicate_of``. :meth:`StoryIndex.update` links new or changed articles and
recomputes only the stories they touch; :meth:`StoryIndex.rebuild` starts over.
Both run inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qaznews.errors import StoryVersionError
from qaznews.model import Article, Published
from qaznews.pipeline.stories import (
    FEATURES_VERSION,
    Link,
    Member,
    StoryFeatures,
    StoryParams,
    band_keys,
    band_shape,
    canonical_member,
    comparison_text,
    features,
    first_member,
    relate,
    story_id,
)
from qaznews.store.sqlite import Store

#: Largest number of ids bound in one ``IN (...)`` (SQLite's default limit is 32,766).
_CHUNK = 900


@dataclass(slots=True)
class StoryUpdate:
    """What one update did."""

    articles: int = 0
    links: int = 0
    stories: int = 0
    changed: set[str] = field(default_factory=set)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class StoryIndex:
    """Links articles into stories, incrementally, with its state in the store."""

    def __init__(self, store: Store, params: StoryParams | None = None) -> None:
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self.params = params or StoryParams()
        self.bands, self.rows = band_shape(self.params.lsh_threshold, self.params.num_perm)
        self._version = f"{self.params.signature_key()}:{self.bands}x{self.rows}"
        self._cache: dict[str, StoryFeatures] = {}

    # -- public ----------------------------------------------------------------------

    def update(self, article_ids: Iterable[str]) -> StoryUpdate:
        """Link these (new or changed) articles and refresh the stories they touch."""
        self.check_version()
        ids = list(dict.fromkeys(article_ids))
        outcome = StoryUpdate()
        affected: set[str] = set(ids)
        for article in self._articles(ids):
            found = self._features(article)
            stored = self._stored_features(article.id)
            if stored is not None and _same(stored, found):
                continue
            if stored is not None:
                affected |= self._forget(article.id)
            links = [
                link for other in self._candidates(found)
                if (link := relate(found, other, self.params)) is not None
            ]
            self._remember(found)
            self.conn.executemany(
                "INSERT OR REPLACE INTO story_links VALUES (?, ?, ?, ?)",
                [(link.a, link.b, link.relation, link.score) for link in links],
            )
            outcome.links += len(links)
            outcome.articles += 1
        for component in self._components(affected):
            outcome.stories += 1
            outcome.changed |= self._assign(component)
        return outcome

    def rebuild(self) -> StoryUpdate:
        """Forget every link and link every stored article again, in store order."""
        for table in ("story_features", "story_bands", "story_terms", "story_links", "stories"):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("UPDATE articles SET story = NULL, duplicate_of = NULL,"
                          " duplicate_relation = NULL")
        self.conn.execute("DELETE FROM story_meta")
        self._cache.clear()
        ids = [row[0] for row in self.conn.execute("SELECT id FROM articles ORDER BY rowid")]
        total = StoryUpdate()
        for start in range(0, len(ids), 1000):
            part = self.update(ids[start:start + 1000])
            total.articles += part.articles
            total.links += part.links
            total.changed |= part.changed
        total.stories = int(self.conn.execute("SELECT count(*) FROM stories").fetchone()[0])
        return total

    def features_of(self, article_ids: Sequence[str]) -> dict[str, StoryFeatures]:
        """Stored features of these articles (with word stems), by id."""
        found: dict[str, StoryFeatures] = {}
        missing = [i for i in article_ids if i not in self._cache]
        for chunk in _chunks(missing):
            rows = self.conn.execute(
                f"SELECT f.*, a.title, a.body FROM story_features f JOIN articles a"
                f" ON a.id = f.article_id WHERE f.article_id IN ({_marks(chunk)})", tuple(chunk)
            ).fetchall()
            for row in rows:
                self._cache[row["article_id"]] = self._from_row(row)
        for article_id in article_ids:
            if article_id in self._cache:
                found[article_id] = self._cache[article_id]
        if len(self._cache) > 20_000:
            self._cache.clear()
        return found

    # -- features ----------------------------------------------------------------------

    def check_version(self) -> None:
        """Refuse to extend an index built with incomparable signature settings."""
        row = self.conn.execute("SELECT value FROM story_meta WHERE key = 'version'").fetchone()
        if row is None:
            self.conn.execute("INSERT INTO story_meta VALUES ('version', ?)", (self._version,))
        elif row[0] != self._version:
            # Signatures made with other settings cannot be compared with new ones.
            raise StoryVersionError(
                f"stories were built with other settings ({row[0]}, now {self._version});"
                " run `qaznews restory`", where=str(self.store.path)
            )

    def _articles(self, ids: Sequence[str]) -> list[Article]:
        by_id: dict[str, Article] = {}
        for chunk in _chunks(ids):
            for row in self.conn.execute(
                "SELECT id, title, body, published, outlet, language, body_language, views"
                f" FROM articles WHERE id IN ({_marks(chunk)})", tuple(chunk)
            ):
                by_id[row["id"]] = Article(
                    id=row["id"], title=row["title"], body=row["body"],
                    published=Published.from_iso(row["published"]) if row["published"] else None,
                    outlet=row["outlet"], language=row["language"],
                    body_language=row["body_language"], views=row["views"],
                )
        return [by_id[i] for i in ids if i in by_id]

    def _features(self, article: Article) -> StoryFeatures:
        found = features(article, self.params)
        self._cache[article.id] = found
        return found

    def _stored_features(self, article_id: str) -> StoryFeatures | None:
        row = self.conn.execute(
            "SELECT f.*, '' AS title, '' AS body FROM story_features f WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        return None if row is None else self._from_row(row, stems=False)

    def _from_row(self, row: sqlite3.Row, *, stems: bool = True) -> StoryFeatures:
        signature = (np.frombuffer(row["signature"], dtype=np.uint64)
                     if row["signature"] is not None else None)
        words = comparison_text(
            Article(title=row["title"], body=row["body"]), self.params.min_words
        ) if stems else []
        return StoryFeatures(
            article_id=row["article_id"], text_hash=row["text_hash"], signature=signature,
            shingles=row["shingles"], words=row["words"], day=row["day"],
            language=row["language"], terms=frozenset(json.loads(row["terms"])),
            words_compared=words,
        )

    def _remember(self, found: StoryFeatures) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO story_features VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (found.article_id, found.text_hash,
             found.signature.tobytes() if found.signature is not None else None,
             found.shingles, found.words, found.day, found.language,
             json.dumps(sorted(found.terms), ensure_ascii=False)),
        )
        if found.signature is not None:
            self.conn.executemany(
                "INSERT INTO story_bands VALUES (?, ?)",
                [(key, found.article_id)
                 for key in band_keys(found.signature, self.bands, self.rows)],
            )
        if found.day is not None and found.terms:
            self.conn.executemany(
                "INSERT INTO story_terms VALUES (?, ?, ?)",
                [(term, found.day, found.article_id) for term in sorted(found.terms)],
            )

    def _forget(self, article_id: str) -> set[str]:
        """Drop an article's index entries and links; return the articles it was linked to."""
        neighbours = {
            row[0] for row in self.conn.execute(
                "SELECT b FROM story_links WHERE a = ? UNION SELECT a FROM story_links WHERE b = ?",
                (article_id, article_id),
            )
        }
        for table, column in (("story_features", "article_id"), ("story_bands", "article_id"),
                              ("story_terms", "article_id"), ("story_links", "a"),
                              ("story_links", "b")):
            self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))
        self._cache.pop(article_id, None)
        return neighbours

    # -- candidates ----------------------------------------------------------------

    def _candidates(self, found: StoryFeatures) -> list[StoryFeatures]:
        ids: set[str] = set()
        if found.text_hash is not None:
            ids.update(row[0] for row in self.conn.execute(
                "SELECT article_id FROM story_features WHERE text_hash = ?", (found.text_hash,)
            ))
        if found.signature is not None:
            keys = band_keys(found.signature, self.bands, self.rows)
            ids.update(row[0] for row in self.conn.execute(
                f"SELECT DISTINCT article_id FROM story_bands WHERE key IN ({_marks(keys)})",
                tuple(keys),
            ))
        if found.day is not None and found.terms:
            terms = sorted(found.terms)
            least = min(self.params.rewrite_min_shared, self.params.cross_language_min_shared)
            ids.update(row[0] for row in self.conn.execute(
                f"SELECT article_id FROM story_terms WHERE term IN ({_marks(terms)})"
                " AND day BETWEEN ? AND ? GROUP BY article_id HAVING count(*) >= ?",
                (*terms, found.day - self.params.rewrite_days,
                 found.day + self.params.rewrite_days, least),
            ))
        ids.discard(found.article_id)
        return list(self.features_of(sorted(ids)).values())

    # -- stories ---------------------------------------------------------------------

    def _neighbours(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(ids):
            marks = _marks(chunk)
            found.update(row[0] for row in self.conn.execute(
                f"SELECT b FROM story_links WHERE a IN ({marks})"
                f" UNION SELECT a FROM story_links WHERE b IN ({marks})", (*chunk, *chunk)
            ))
        return found

    def _components(self, seeds: set[str]) -> list[list[str]]:
        """Connected components of the links that hold any of ``seeds``."""
        components: list[list[str]] = []
        seen: set[str] = set()
        for seed in sorted(seeds):
            if seed in seen:
                continue
            component = {seed}
            frontier = [seed]
            while frontier:
                fresh = self._neighbours(frontier) - component
                component |= fresh
                frontier = sorted(fresh)
            seen |= component
            components.append(sorted(component))
        return components

    def _members(self, ids: Sequence[str]) -> list[Member]:
        members: list[Member] = []
        for chunk in _chunks(ids):
            for row in self.conn.execute(
                "SELECT a.id, a.title, a.published, a.outlet, a.views, a.language,"
                " coalesce(f.words, 0) AS words FROM articles a LEFT JOIN story_features f"
                f" ON f.article_id = a.id WHERE a.id IN ({_marks(chunk)})",
                tuple(chunk),
            ):
                members.append(Member(
                    id=row["id"], title=row["title"],
                    published=Published.from_iso(row["published"]) if row["published"] else None,
                    outlet=row["outlet"], views=row["views"], words=row["words"],
                    language=row["language"],
                ))
        return members

    def _relations_to(self, canonical: str, others: Sequence[str]) -> dict[str, str]:
        """Each member's relation to the canonical article: its direct link when there is
        one, else what the two texts say (a member joined through others is a rewrite
        unless its text is a copy)."""
        relations: dict[str, str] = {}
        for chunk in _chunks(others):
            marks = _marks(chunk)
            for row in self.conn.execute(
                f"SELECT a, b, relation FROM story_links WHERE (a = ? AND b IN ({marks}))"
                f" OR (b = ? AND a IN ({marks}))", (canonical, *chunk, canonical, *chunk)
            ):
                relations[row["b"] if row["a"] == canonical else row["a"]] = row["relation"]
        missing = [i for i in others if i not in relations]
        if missing:
            known = self.features_of([canonical, *missing])
            for other in missing:
                link = (relate(known[canonical], known[other], self.params)
                        if canonical in known and other in known else None)
                relations[other] = link.relation if link else "rewrite"
        return relations

    def _assign(self, component: list[str]) -> set[str]:
        """Write the story of one component; return the ids whose story fields changed."""
        members = self._members(component)
        if not members:
            return set()
        new_story = story_id(members)
        canonical = canonical_member(members)
        first = first_member(members)
        others = [m.id for m in members if m.id != canonical.id]
        relations = self._relations_to(canonical.id, others) if others else {}
        changed: set[str] = set()
        old_stories: set[str] = set()
        for chunk in _chunks(component):
            for row in self.conn.execute(
                "SELECT id, story, duplicate_of, duplicate_relation FROM articles"
                f" WHERE id IN ({_marks(chunk)})", tuple(chunk)
            ):
                duplicate = (None, None) if row["id"] == canonical.id else (
                    canonical.id, relations.get(row["id"], "rewrite"))
                if row["story"] and row["story"] != new_story:
                    old_stories.add(row["story"])
                if (row["story"], row["duplicate_of"], row["duplicate_relation"]) != (
                        new_story, *duplicate):
                    self.conn.execute(
                        "UPDATE articles SET story = ?, duplicate_of = ?, duplicate_relation = ?"
                        " WHERE id = ?", (new_story, *duplicate, row["id"]),
                    )
                    changed.add(row["id"])
        outlets = sorted({m.outlet for m in members if m.outlet})
        views = [m.views for m in members if m.views is not None]
        self.conn.execute(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_story, canonical.title, canonical.id, first.id, first.outlet,
             first.published.iso() if first.published else None,
             json.dumps(outlets, ensure_ascii=False), len(members),
             sum(views) if views else None,
             json.dumps(sorted({m.language for m in members if m.language}))),
        )
        for old in old_stories:
            still_used = self.conn.execute(
                "SELECT 1 FROM articles WHERE story = ? LIMIT 1", (old,)
            ).fetchone()
            if still_used is None:
                self.conn.execute("DELETE FROM stories WHERE id = ?", (old,))
        return changed


def _same(stored: StoryFeatures, found: StoryFeatures) -> bool:
    signatures_equal = (
        (stored.signature is None and found.signature is None)
        or (stored.signature is not None and found.signature is not None
            and bool(np.array_equal(stored.signature, found.signature)))
    )
    return (stored.text_hash == found.text_hash and signatures_equal
            and stored.day == found.day and stored.language == found.language
            and stored.terms == found.terms and stored.words == found.words)


def link_rows(store: Store) -> list[Link]:
    """Every stored link, for evaluation and inspection."""
    return [Link(row["a"], row["b"], row["relation"], row["score"])
            for row in store.conn.execute("SELECT * FROM story_links ORDER BY a, b")]


def story_date(published: str | None) -> dt.date | None:
    return Published.from_iso(published).date if published else None


__all__ = ["FEATURES_VERSION", "StoryIndex", "StoryUpdate", "StoryVersionError", "link_rows"]


# -- reading -----------------------------------------------------------------------

def list_stories(store: Store, *, since: dt.date | None = None, outlet: str | None = None,
                 min_members: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
    """Stories, newest first: title, first seen, first publisher, outlets, members, views."""
    where = ["members >= ?"]
    params: list[Any] = [min_members]
    if since is not None:
        where.append("first_published >= ?")
        params.append(since.isoformat())
    if outlet is not None:
        where.append("EXISTS (SELECT 1 FROM articles a WHERE a.story = stories.id"
                     " AND lower(a.outlet) = lower(?))")
        params.append(outlet)
    sql = (f"SELECT * FROM stories WHERE {' AND '.join(where)}"
           " ORDER BY first_published IS NULL, first_published DESC, members DESC, id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_story_dict(row) for row in store.conn.execute(sql, tuple(params))]


def _story_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"], "title": row["title"], "first_seen": row["first_published"],
        "first_publisher": row["first_publisher"], "first_article": row["first_article"],
        "canonical": row["canonical"], "outlets": json.loads(row["outlets"]),
        "members": row["members"], "views": row["views"],
        "languages": json.loads(row["languages"]),
    }


def find_article_id(store: Store, key: str) -> str | None:
    """An article id from an article id, a story id (its canonical article) or a unique
    prefix of either."""
    row = store.conn.execute("SELECT id FROM articles WHERE id = ?", (key,)).fetchone()
    if row is not None:
        return str(row[0])
    row = store.conn.execute("SELECT canonical FROM stories WHERE id = ?", (key,)).fetchone()
    if row is not None:
        return str(row[0])
    if len(key) < 6:
        return None
    pattern = key.replace("%", "").replace("_", "") + "%"
    found = [r[0] for r in store.conn.execute(
        "SELECT id FROM articles WHERE id LIKE ? LIMIT 2", (pattern,))]
    if len(found) == 1:
        return str(found[0])
    stories = [r[0] for r in store.conn.execute(
        "SELECT canonical FROM stories WHERE id LIKE ? LIMIT 2", (pattern,))]
    return str(stories[0]) if len(stories) == 1 and not found else None


def story_of(store: Store, story: str) -> dict[str, Any] | None:
    """A story with every member: outlet, publication time, views, relation to the canonical."""
    row = store.conn.execute("SELECT * FROM stories WHERE id = ?", (story,)).fetchone()
    if row is None:
        return None
    result = _story_dict(row)
    result["articles"] = [
        {"id": m["id"], "title": m["title"], "published": m["published"], "outlet": m["outlet"],
         "language": m["language"], "views": m["views"], "url": m["url"],
         "duplicate_of": ({"id": m["duplicate_of"], "relation": m["duplicate_relation"]}
                          if m["duplicate_of"] else None)}
        for m in store.conn.execute(
            "SELECT id, title, published, outlet, language, views, url, duplicate_of,"
            " duplicate_relation FROM articles WHERE story = ?"
            " ORDER BY published IS NULL, published, id", (story,))
    ]
    return result
