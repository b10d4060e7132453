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
import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

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
from qaznews.store.sqlite import Store, StoryUpdate

_T = TypeVar("_T")

#: Largest number of ids bound in one ``IN (...)`` (SQLite's default limit is 32,766).
_CHUNK = 900


#: A term posting: the article's story number shifted left 8 bits, its term count (at most
#: 255) in the low byte; a (term, day) row holds its articles' postings as one blob.
_POSTING = np.dtype("<i8")


def _posting(number: int, terms: int) -> bytes:
    return ((number << 8) | min(terms, 255)).to_bytes(8, "little", signed=True)


def term_keys(terms: Iterable[str]) -> list[int]:
    """Terms as 63-bit integers: the term index stays small and compares fast (a collision
    only adds a candidate that relate() then turns down)."""
    return sorted(map(_term_key, terms))


@lru_cache(maxsize=1 << 16)
def _term_key(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "big") >> 1


def _chunks(values: Sequence[_T]) -> Iterable[Sequence[_T]]:
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
        self._last_number: int | None = None

    # -- public ----------------------------------------------------------------------

    def update(self, article_ids: Iterable[str]) -> StoryUpdate:
        """Link these (new or changed) articles and refresh the stories they touch."""
        self.check_version()
        ids = list(dict.fromkeys(article_ids))
        outcome = StoryUpdate()
        affected: set[str] = set(ids)
        stored_features = self._stored_features(ids)
        fresh: list[StoryFeatures] = []
        for article in self._articles(ids):
            found = self._features(article)
            stored = stored_features.get(article.id)
            if stored is not None and _same(stored, found):
                continue
            if stored is not None:
                affected |= self._forget(stored)
            fresh.append(found)
        if fresh:
            links = self._link(fresh)
            self.conn.executemany(
                "INSERT OR REPLACE INTO story_links VALUES (?, ?, ?, ?)",
                [(link.a, link.b, link.relation, link.score) for link in links],
            )
            outcome.links += len(links)
            outcome.articles += len(fresh)
        components, alone = self._components(affected)
        for component in components:
            outcome.stories += 1
            outcome.changed |= self._assign(component)
        outcome.stories += len(alone)
        outcome.changed |= self._assign_alone(alone)
        return outcome

    def rebuild(self) -> StoryUpdate:
        """Forget every link and link every stored article again, in store order."""
        for table in ("story_features", "story_bands", "story_terms", "story_links", "stories"):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("UPDATE articles SET story = NULL, duplicate_of = NULL,"
                          " duplicate_relation = NULL")
        self.conn.execute("DELETE FROM story_meta")
        self._cache.clear()
        self._last_number = None
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
        if len(self._cache) > 5_000:
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

    def _stored_features(self, ids: Sequence[str]) -> dict[str, StoryFeatures]:
        """Features stored for these articles (without word stems), by id."""
        found: dict[str, StoryFeatures] = {}
        for chunk in _chunks(ids):
            for row in self.conn.execute(
                "SELECT f.*, '' AS title, '' AS body FROM story_features f"
                f" WHERE article_id IN ({_marks(chunk)})", tuple(chunk)
            ):
                found[row["article_id"]] = self._from_row(row, stems=False)
        return found

    def _from_row(self, row: sqlite3.Row, *, stems: bool = True) -> StoryFeatures:
        signature = (np.frombuffer(row["signature"], dtype=np.uint64)
                     if row["signature"] is not None else None)
        title, body, min_words = row["title"], row["body"], self.params.min_words

        def words() -> list[str]:
            return comparison_text(Article(title=title, body=body), min_words) if stems else []

        return StoryFeatures(
            article_id=row["article_id"], number=row["number"], text_hash=row["text_hash"],
            signature=signature,
            shingles=row["shingles"], words=row["words"], day=row["day"],
            language=row["language"], terms=frozenset(json.loads(row["terms"])),
            words_compared=words,
        )

    def _remember(self, batch: Sequence[StoryFeatures]) -> None:
        """Write a batch's features and index entries, each table in one sorted pass."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_features VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(f.article_id, f.number, f.text_hash,
              f.signature.tobytes() if f.signature is not None else None,
              f.shingles, f.words, f.day, f.language,
              json.dumps(sorted(f.terms), ensure_ascii=False)) for f in batch],
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_bands VALUES (?, ?)",
            sorted((key, f.article_id) for f in batch if f.signature is not None
                   for key in self._band_keys(f)),
        )
        postings: dict[tuple[int, int], list[bytes]] = defaultdict(list)
        for f in batch:
            if f.day is not None and f.terms:
                assert f.number is not None
                entry = _posting(f.number, len(f.terms))
                for key in term_keys(f.terms):
                    postings[(key, f.day)].append(entry)
        self.conn.executemany(
            "INSERT INTO story_terms VALUES (?, ?, ?) ON CONFLICT (term, day)"
            " DO UPDATE SET members = CAST(members || excluded.members AS BLOB)",
            [(key, day, b"".join(entries)) for (key, day), entries in sorted(postings.items())],
        )

    def _next_number(self) -> int:
        if self._last_number is None:
            row = self.conn.execute("SELECT max(number) FROM story_features").fetchone()
            self._last_number = int(row[0] or 0)
        self._last_number += 1
        return self._last_number

    def _forget(self, stored: StoryFeatures) -> set[str]:
        """Drop an article's index entries and links; return the articles it was linked to.

        Band and term rows are found from the stored features by their keys, so those
        tables need no index by article (one index less to keep up on every insert)."""
        article_id = stored.article_id
        neighbours = {
            row[0] for row in self.conn.execute(
                "SELECT b FROM story_links WHERE a = ? UNION SELECT a FROM story_links WHERE b = ?",
                (article_id, article_id),
            )
        }
        if stored.signature is not None:
            self.conn.executemany(
                "DELETE FROM story_bands WHERE key = ? AND article_id = ?",
                [(key, article_id) for key in self._band_keys(stored)])
        if stored.day is not None and stored.number is not None:
            for key in term_keys(stored.terms):
                row = self.conn.execute(
                    "SELECT members FROM story_terms WHERE term = ? AND day = ?",
                    (key, stored.day)).fetchone()
                if row is None:
                    continue
                members = np.frombuffer(row[0], dtype=_POSTING)
                kept = members[(members >> 8) != stored.number]
                if len(kept):
                    self.conn.execute(
                        "UPDATE story_terms SET members = ? WHERE term = ? AND day = ?",
                        (kept.tobytes(), key, stored.day))
                else:
                    self.conn.execute("DELETE FROM story_terms WHERE term = ? AND day = ?",
                                      (key, stored.day))
        for table, column in (("story_features", "article_id"), ("story_links", "a"),
                              ("story_links", "b")):
            self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))
        self._cache.pop(article_id, None)
        return neighbours

    # -- candidates ----------------------------------------------------------------

    def _band_keys(self, found: StoryFeatures) -> list[int]:
        if found.band_keys is None:
            assert found.signature is not None
            found.band_keys = band_keys(found.signature, self.bands, self.rows)
        return found.band_keys

    def _link(self, batch: Sequence[StoryFeatures]) -> list[Link]:
        """Links of a batch of articles with each other and with the stored ones.

        Candidates are looked up for the whole batch at once (a few queries per table,
        not a few per article); within the batch, each article meets those before it
        through in-memory indexes, so every pair is considered once, whatever the batch.
        """
        for found in batch:
            found.number = self._next_number()
        stored_hash = self._stored_matches(
            "SELECT text_hash, article_id FROM story_features WHERE text_hash IN ({})",
            {f.text_hash for f in batch if f.text_hash is not None})
        stored_band = self._stored_matches(
            "SELECT key, article_id FROM story_bands WHERE key IN ({})",
            {key for f in batch if f.signature is not None for key in self._band_keys(f)})
        stored_postings = self._stored_postings(batch)

        batch_hash: dict[str, list[str]] = defaultdict(list)
        batch_band: dict[int, list[str]] = defaultdict(list)
        batch_postings: dict[tuple[int, int], list[int]] = defaultdict(list)
        by_number = {f.number: f.article_id for f in batch}
        candidates: list[set[str]] = []
        numbers_wanted: list[list[int]] = []
        for found in batch:
            ids: set[str] = set()
            if found.text_hash is not None:
                ids.update(stored_hash.get(found.text_hash, ()))
                ids.update(batch_hash[found.text_hash])
                batch_hash[found.text_hash].append(found.article_id)
            if found.signature is not None:
                for key in self._band_keys(found):
                    ids.update(stored_band.get(key, ()))
                    ids.update(batch_band[key])
                    batch_band[key].append(found.article_id)
            wanted: list[int] = []
            if found.day is not None and found.terms:
                wanted = self._sharing_terms(found, stored_postings, batch_postings)
                entry = int.from_bytes(_posting(found.number or 0, len(found.terms)), "little",
                                       signed=True)
                for key in term_keys(found.terms):
                    batch_postings[(key, found.day)].append(entry)
            ids.discard(found.article_id)
            candidates.append(ids)
            numbers_wanted.append(wanted)

        # Numbers of stored articles to ids, in one go.
        stored_numbers = sorted({n for wanted in numbers_wanted for n in wanted
                                 if n not in by_number})
        for chunk in _chunks(stored_numbers):
            for number, article_id in self.conn.execute(
                f"SELECT number, article_id FROM story_features WHERE number IN ({_marks(chunk)})",
                tuple(chunk),
            ):
                by_number[number] = article_id
        in_batch = {f.article_id: f for f in batch}
        for ids, wanted in zip(candidates, numbers_wanted, strict=True):
            ids.update(by_number[n] for n in wanted if n in by_number)
        known = self.features_of(sorted({i for ids in candidates for i in ids} - in_batch.keys()))
        known.update(in_batch)

        links: list[Link] = []
        for found, ids in zip(batch, candidates, strict=True):
            for other in sorted(ids):
                if other != found.article_id and other in known and (
                        link := relate(found, known[other], self.params)) is not None:
                    links.append(link)
        self._remember(batch)
        return links

    def _stored_matches(self, sql: str, keys: set[Any]) -> dict[Any, list[str]]:
        found: dict[Any, list[str]] = defaultdict(list)
        for chunk in _chunks(sorted(keys)):
            for key, article_id in self.conn.execute(sql.format(_marks(chunk)), tuple(chunk)):
                found[key].append(article_id)
        return found

    def _stored_postings(self, batch: Sequence[StoryFeatures]
                         ) -> dict[tuple[int, int], np.ndarray[Any, Any]]:
        """The stored term postings the batch can meet: its terms, within the window."""
        days = [f.day for f in batch if f.day is not None and f.terms]
        if not days:
            return {}
        keys = sorted({key for f in batch if f.day is not None for key in term_keys(f.terms)})
        window = self.params.rewrite_days
        found: dict[tuple[int, int], np.ndarray[Any, Any]] = {}
        for chunk in _chunks(keys):
            for key, day, members in self.conn.execute(
                f"SELECT term, day, members FROM story_terms WHERE term IN ({_marks(chunk)})"
                " AND day BETWEEN ? AND ?", (*chunk, min(days) - window, max(days) + window),
            ):
                found[(key, day)] = np.frombuffer(members, dtype=_POSTING)
        return found

    def _sharing_terms(self, found: StoryFeatures,
                       stored: dict[tuple[int, int], np.ndarray[Any, Any]],
                       batch: dict[tuple[int, int], list[int]]) -> list[int]:
        """Numbers of the articles published within the rewrite window that can pass
        relate()'s overlap test: at least `rewrite_min_shared` terms in common, and at
        least `rewrite_overlap` of the smaller set's terms."""
        assert found.day is not None
        window = self.params.rewrite_days
        parts: list[np.ndarray[Any, Any]] = []
        for key in term_keys(found.terms):
            for day in range(found.day - window, found.day + window + 1):
                if (key, day) in stored:
                    parts.append(stored[(key, day)])
                if (key, day) in batch:
                    parts.append(np.array(batch[(key, day)], dtype=_POSTING))
        if not parts:
            return []
        entries, shared = np.unique(np.concatenate(parts), return_counts=True)
        least = min(self.params.rewrite_min_shared, self.params.cross_language_min_shared)
        smaller = np.minimum(entries & 0xFF, len(found.terms))
        # The epsilon keeps 3 of 5 at exactly 0.6 in, as relate() has it.
        passing = (shared >= least) & (shared >= self.params.rewrite_overlap * smaller - 1e-9)
        return (entries[passing] >> 8).tolist()  # type: ignore[no-any-return]

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

    def _components(self, seeds: set[str]) -> tuple[list[list[str]], list[str]]:
        """Connected components of the links that hold any of ``seeds``: those of two or
        more articles, and the seeds linked to nothing (most articles, done in bulk)."""
        linked = self._neighbours_of(sorted(seeds))
        components: list[list[str]] = []
        alone: list[str] = []
        seen: set[str] = set()
        for seed in sorted(seeds):
            if seed in seen:
                continue
            if not linked.get(seed):
                alone.append(seed)
                continue
            component = {seed} | linked[seed]
            frontier = sorted(component - {seed})
            while frontier:
                fresh = self._neighbours(frontier) - component
                component |= fresh
                frontier = sorted(fresh)
            seen |= component
            components.append(sorted(component))
        return components, alone

    def _neighbours_of(self, ids: Sequence[str]) -> dict[str, set[str]]:
        """Each id's linked articles, for many ids at once."""
        found: dict[str, set[str]] = {}
        for chunk in _chunks(ids):
            marks = _marks(chunk)
            for a, b in self.conn.execute(
                f"SELECT a, b FROM story_links WHERE a IN ({marks})"
                f" UNION SELECT a, b FROM story_links WHERE b IN ({marks})", (*chunk, *chunk)
            ):
                found.setdefault(a, set()).add(b)
                found.setdefault(b, set()).add(a)
        return found

    def _assign_alone(self, ids: Sequence[str]) -> set[str]:
        """Stories of one article each, written in bulk; returns the ids that changed."""
        members = {m.id: m for m in self._members(ids)}
        changed: set[str] = set()
        updates: list[tuple[str, str]] = []
        stories: list[tuple[Any, ...]] = []
        old_stories: set[str] = set()
        for chunk in _chunks(ids):
            for row in self.conn.execute(
                "SELECT id, story, duplicate_of FROM articles"
                f" WHERE id IN ({_marks(chunk)})", tuple(chunk)
            ):
                member = members[row["id"]]
                story = story_id([member])
                stories.append(self._story_row(story, [member], member, member))
                if row["story"] != story or row["duplicate_of"] is not None:
                    updates.append((story, member.id))
                    changed.add(member.id)
                    if row["story"]:
                        old_stories.add(row["story"])
        self.conn.executemany(
            "UPDATE articles SET story = ?, duplicate_of = NULL, duplicate_relation = NULL"
            " WHERE id = ?", updates)
        self.conn.executemany(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", stories)
        self._drop_unused(old_stories)
        return changed

    @staticmethod
    def _story_row(story: str, members: Sequence[Member], canonical: Member,
                   first: Member) -> tuple[Any, ...]:
        outlets = sorted({m.outlet for m in members if m.outlet})
        views = [m.views for m in members if m.views is not None]
        return (story, canonical.title, canonical.id, first.id, first.outlet,
                first.published.iso() if first.published else None,
                json.dumps(outlets, ensure_ascii=False), len(members),
                sum(views) if views else None,
                json.dumps(sorted({m.language for m in members if m.language})))

    def _drop_unused(self, stories: Iterable[str]) -> None:
        for old in stories:
            still_used = self.conn.execute(
                "SELECT 1 FROM articles WHERE story = ? LIMIT 1", (old,)
            ).fetchone()
            if still_used is None:
                self.conn.execute("DELETE FROM stories WHERE id = ?", (old,))

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
        self.conn.execute(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self._story_row(new_story, members, canonical, first),
        )
        self._drop_unused(old_stories)
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
