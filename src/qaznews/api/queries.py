"""The API's reads: plain SQL on one read-only connection, paged by keyset.

Every list is ordered by a sort key and the row's id, and a page starts strictly after
the key of the previous page's last row (:mod:`qaznews.api.cursor`). A nullable sort key
(an undated article, one without views) is walked in two segments, the rows with a key
and the rows without, each with an index range of its own, so a deep page costs what
the first one does.

``entities``, ``events`` and ``topics`` are JSON lists in ``articles`` (docs/STORE.md),
empty until their stages run: they are read with ``json_each``, so these pages work the
day the columns are filled. Entities are read from the store's entity records instead
(:mod:`qaznews.store.entities`: aliases merged across scripts, no JSON scanned) whenever
those are complete, that is nothing is queued for them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qaznews.api.cursor import Key, decode_cursor, encode_cursor
from qaznews.store.refs import entity_ref

#: Columns of an article in lists (no body).
SUMMARY_COLUMNS = ("a.id, a.title, a.published, a.views, a.url, a.outlet, a.language,"
                   " a.captured, a.story, a.duplicate_of, a.duplicate_relation")
#: Sort orders of the article lists: (column, descending).
ARTICLE_SORTS: dict[str, tuple[str, bool]] = {
    "newest": ("a.published", True),
    "oldest": ("a.published", False),
    "views": ("a.views", True),
}
STORY_SORTS: dict[str, tuple[str, bool]] = {
    "newest": ("s.first_published", True),
    "oldest": ("s.first_published", False),
    "members": ("s.members", True),
    "views": ("s.views", True),
}
ENTITY_SORTS = ("articles", "name")
#: An entity's name: its canonical form, else the text as written.
ENTITY_NAME_SQL = ("coalesce(json_extract(e.value, '$.canonical'),"
                   " json_extract(e.value, '$.text'))")
#: Aggregates of the JSON columns are kept this long at least before a change to the
#: store makes them be read again (a live ingest would otherwise re-read them per commit).
AGGREGATE_MIN_AGE_SECONDS = 10.0


class NotFound(LookupError):
    """No such article, story or entity."""


# -- filters ----------------------------------------------------------------------------


@dataclass(slots=True)
class Filters:
    """The filters shared by lists and search: SQL conditions on ``articles a``."""

    since: dt.date | None = None
    until: dt.date | None = None
    outlets: Sequence[str] = ()
    languages: Sequence[str] = ()
    story: str | None = None
    topics: Sequence[str] = ()
    entities: Sequence[str] = ()
    event_types: Sequence[str] = ()

    def where(self, conn: sqlite3.Connection, *, by_date: bool = False
              ) -> tuple[list[str], list[Any]]:
        """Conditions and parameters; ``by_date``: the page is read in publication order,
        so outlet and language are checked row by row (unary ``+``) rather than through the
        outlet index, whose rows would all be sorted (145 ms against 6 ms at 100,000
        articles, bench/bench_api.py)."""
        plus = "+" if by_date else ""
        where: list[str] = []
        params: list[Any] = []
        day_bounds(self.since, self.until, "a.published", where, params)
        if self.outlets:
            spellings = outlet_spellings(conn, self.outlets)
            where.append(f"{plus}a.outlet IN ({marks(spellings)})" if spellings else "0")
            params.extend(spellings)
        if self.languages:
            where.append(f"{plus}a.language IN ({marks(self.languages)})")
            params.extend(self.languages)
        if self.story:
            where.append("a.story = ?")
            params.append(self.story)
        if self.topics:
            where.append("EXISTS (SELECT 1 FROM json_each(a.topics) t"
                         f" WHERE lower(t.value) IN ({marks(self.topics)}))")
            params.extend(t.lower() for t in self.topics)
        if self.entities:
            where.append(f"EXISTS (SELECT 1 FROM json_each(a.entities) e"
                         f" WHERE lower({ENTITY_NAME_SQL}) IN ({marks(self.entities)}))")
            params.extend(e.lower() for e in self.entities)
        if self.event_types:
            where.append("EXISTS (SELECT 1 FROM json_each(a.events) v"
                         f" WHERE json_extract(v.value, '$.type') IN ({marks(self.event_types)}))")
            params.extend(self.event_types)
        return where, params


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def days_before(day: dt.date, days: int) -> dt.date:
    """``day`` less ``days`` days, no earlier than the first day a date can hold."""
    return day - dt.timedelta(days=min(days, (day - dt.date.min).days))


def day_bounds(since: dt.date | None, until: dt.date | None, column: str,
               where: list[str], params: list[Any]) -> None:
    """Published from ``since`` to ``until``, both days included (dates sort as text)."""
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append(f"{column} < ?")
        params.append((until + dt.timedelta(days=1)).isoformat())


def outlet_spellings(conn: sqlite3.Connection, outlets: Sequence[str]) -> list[str]:
    """The stored spellings of outlets named in any case (read from the outlet index)."""
    found: list[str] = []
    for outlet in outlets:
        found.extend(str(r[0]) for r in conn.execute(
            "SELECT DISTINCT outlet FROM articles INDEXED BY articles_outlet"
            " WHERE outlet = ? COLLATE NOCASE", (outlet,)))
    return sorted(set(found))


# -- keyset pages -----------------------------------------------------------------------


@dataclass(slots=True)
class Page:
    rows: list[sqlite3.Row]
    next_cursor: str | None


def _after(ties: Sequence[tuple[str, bool]], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """SQL saying a row comes after ``values`` in the order of ``ties`` (never NULL)."""
    (column, desc), *rest = ties
    op = "<" if desc else ">"
    if not rest:
        return f"{column} {op} ?", [values[0]]
    inner, params = _after(rest, values[1:])
    return f"({column} {op} ? OR ({column} = ? AND {inner}))", [values[0], values[0], *params]


def keyset_page(conn: sqlite3.Connection, *, select: str, source: str, where: Sequence[str],
                params: Sequence[Any], key: str, desc: bool, ties: Sequence[tuple[str, bool]],
                kind: str, cursor: str | None, limit: int,
                tie_types: Sequence[tuple[type, ...]] = ((str,),)) -> Page:
    """One page of ``SELECT select FROM source WHERE where`` ordered by ``key`` (nullable)
    then ``ties`` (never null), after ``cursor``.

    Rows with a NULL key sort as SQLite sorts them (smallest): last when descending,
    first when ascending. Each segment is one indexed query.
    """
    after: list[Key] | None = None
    if cursor is not None:
        after = decode_cursor(cursor, kind, ((str, int, float, type(None)), *tie_types))
    order_dir = "DESC" if desc else "ASC"
    order = ", ".join([f"{key} {order_dir}",
                       *(f"{c} {'DESC' if d else 'ASC'}" for c, d in ties)])
    segments = ["key", "null"] if desc else ["null", "key"]
    started = after is None
    rows: list[sqlite3.Row] = []
    for segment in segments:
        conditions = [*where]
        args = [*params]
        conditions.append(f"{key} IS NOT NULL" if segment == "key" else f"{key} IS NULL")
        if not started:
            assert after is not None
            cursor_segment = "null" if after[0] is None else "key"
            if cursor_segment != segment:
                continue  # the cursor lies in a later segment
            started = True
            if segment == "key":
                op = "<=" if desc else ">="
                rest, rest_args = _after([(key, desc), *ties], after)
                conditions.append(f"{key} {op} ? AND {rest}")
                args.extend([after[0], *rest_args])
            else:
                rest, rest_args = _after(ties, after[1:])
                conditions.append(rest)
                args.extend(rest_args)
        sql = (f"SELECT {select} FROM {source} WHERE {' AND '.join(conditions)}"
               f" ORDER BY {order} LIMIT ?")
        rows.extend(conn.execute(sql, (*args, limit + 1 - len(rows))).fetchall())
        if len(rows) > limit:
            break
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(kind, [last["sort_key"], *(last[f"tie_{n}"]
                                                               for n in range(len(ties)))])
    return Page(rows, next_cursor)


# -- articles ---------------------------------------------------------------------------


def duplicate_ref(row: sqlite3.Row) -> dict[str, Any] | None:
    return ({"id": row["duplicate_of"], "relation": row["duplicate_relation"]}
            if row["duplicate_of"] else None)


def article_summary(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"], "title": row["title"], "published": row["published"],
        "views": row["views"], "url": row["url"], "outlet": row["outlet"],
        "language": row["language"], "captured": row["captured"], "story": row["story"],
        "duplicate_of": duplicate_ref(row),
    }


def list_articles(conn: sqlite3.Connection, filters: Filters, *, sort: str, limit: int,
                  cursor: str | None, text: str | None = None) -> tuple[list[dict[str, Any]],
                                                                        str | None]:
    """A page of articles matching ``filters`` (and ``text``, a plain substring match)."""
    column, desc = ARTICLE_SORTS[sort]
    where, params = filters.where(conn, by_date=column == "a.published" and not filters.story)
    if text:
        where.append("(instr(lower(a.title), ?) > 0 OR instr(lower(a.body), ?) > 0)")
        params.extend([text.lower(), text.lower()])
    page = keyset_page(
        conn, select=f"{SUMMARY_COLUMNS}, {column} AS sort_key, a.id AS tie_0",
        source="articles a", where=where, params=params, key=column, desc=desc,
        ties=[("a.id", desc)], kind=f"articles:{sort}", cursor=cursor, limit=limit)
    return [article_summary(r) for r in page.rows], page.next_cursor


def _json(text: str | None) -> Any:
    try:
        return json.loads(text) if text else []
    except ValueError:
        return []


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """An article with its sightings, its story and the story's other members."""
    row = conn.execute("SELECT a.* FROM articles a WHERE a.id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id!r}")
    record = article_summary(row)
    record.update(
        body=row["body"], title_language=row["title_language"],
        body_language=row["body_language"],
        source={"file": row["source_file"], "line": row["source_line"], "url": row["source_url"]},
        entities=_json(row["entities"]), events=_json(row["events"]),
        topics=[str(t) for t in _json(row["topics"])],
    )
    record["sightings"] = [
        {"file": s["file"], "line": s["line"], "url": s["url"], "captured": s["captured"],
         "views": s["views"], "content_hash": s["content_hash"]}
        for s in conn.execute(
            "SELECT * FROM sightings WHERE item_id = ?"
            " ORDER BY captured IS NULL, captured, rowid", (article_id,))
    ]
    story = get_story(conn, row["story"]) if row["story"] else None
    record["story_summary"] = ({k: v for k, v in story.items() if k != "articles"}
                               if story else None)
    record["copies"] = [m for m in story["articles"] if m["id"] != article_id] if story else []
    return record


# -- stories ----------------------------------------------------------------------------


def story_summary(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"], "title": row["title"], "first_seen": row["first_published"],
        "first_publisher": row["first_publisher"], "first_article": row["first_article"],
        "canonical": row["canonical"], "outlets": _json(row["outlets"]),
        "members": row["members"], "views": row["views"], "languages": _json(row["languages"]),
    }


def list_stories(conn: sqlite3.Connection, *, since: dt.date | None, until: dt.date | None,
                 outlets: Sequence[str], min_members: int, sort: str, limit: int,
                 cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    column, desc = STORY_SORTS[sort]
    where = ["s.members >= ?"]
    params: list[Any] = [min_members]
    day_bounds(since, until, "s.first_published", where, params)
    if outlets:
        where.append("EXISTS (SELECT 1 FROM json_each(s.outlets) o"
                     f" WHERE lower(o.value) IN ({marks(outlets)}))")
        params.extend(o.lower() for o in outlets)
    page = keyset_page(
        conn, select=f"s.*, {column} AS sort_key, s.id AS tie_0", source="stories s",
        where=where, params=params, key=column, desc=desc, ties=[("s.id", desc)],
        kind=f"stories:{sort}", cursor=cursor, limit=limit)
    return [story_summary(r) for r in page.rows], page.next_cursor


def get_story(conn: sqlite3.Connection, story_id: str) -> dict[str, Any]:
    row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise NotFound(f"no story {story_id!r}")
    result = story_summary(row)
    result["articles"] = [
        {"id": m["id"], "title": m["title"], "published": m["published"],
         "outlet": m["outlet"], "language": m["language"], "views": m["views"],
         "url": m["url"], "duplicate_of": duplicate_ref(m)}
        for m in conn.execute(
            "SELECT id, title, published, outlet, language, views, url, duplicate_of,"
            " duplicate_relation FROM articles WHERE story = ?"
            " ORDER BY published IS NULL, published, id", (story_id,))
    ]
    return result


# -- entities ---------------------------------------------------------------------------


def entity_id(type_: str, name: str) -> str:
    """A stable id of an entity: its type and name, case folded."""
    return entity_ref(type_, name)


@dataclass(slots=True)
class EntityAggregate:
    id: str
    name: str
    type: str
    articles: int = 0
    last_seen: str | None = None
    spellings: set[str] = field(default_factory=set)
    #: The rows of the store's ``entities`` table it stands for (read from the records).
    records: list[int] = field(default_factory=list)


def records_ready(conn: sqlite3.Connection) -> bool:
    """Whether the store's entity records are complete (none queued for rebuilding)."""
    try:
        return conn.execute("SELECT 1 FROM entity_pending LIMIT 1").fetchone() is None
    except sqlite3.OperationalError:  # a store from before the records
        return False


def _aggregate_records(conn: sqlite3.Connection, since: dt.date | None,
                       until: dt.date | None) -> list[EntityAggregate]:
    """The entities of the period from the entity records."""
    if since is None and until is None:
        rows = conn.execute("SELECT id, type, name, articles, last_seen FROM entities").fetchall()
    else:
        where: list[str] = []
        params: list[Any] = []
        day_bounds(since, until, "m.published", where, params)
        rows = conn.execute(
            "SELECT e.id, e.type, e.name, count(DISTINCT m.article_id) AS articles,"
            " max(m.published) AS last_seen FROM entity_mentions m"
            f" JOIN entities e ON e.id = m.entity WHERE {' AND '.join(where)} GROUP BY e.id",
            params).fetchall()
    merged: dict[str, EntityAggregate] = {}
    for row in rows:
        key = entity_id(row["type"], row["name"])
        found = merged.get(key)
        if found is None:
            found = merged[key] = EntityAggregate(key, row["name"], row["type"])
        found.articles += int(row["articles"])
        found.spellings.add(row["name"])
        found.records.append(int(row["id"]))
        if row["last_seen"] and (found.last_seen is None or row["last_seen"] > found.last_seen):
            found.last_seen = row["last_seen"]
    return list(merged.values())


def store_fingerprint(path: Path) -> tuple[int, ...]:
    """Changes whenever a transaction commits (the WAL grows, or is checkpointed)."""
    found: list[int] = []
    for suffix in ("", "-wal"):
        try:
            stat = os.stat(f"{path}{suffix}")
            found.extend((stat.st_mtime_ns, stat.st_size))
        except OSError:
            found.extend((0, 0))
    return tuple(found)


class AggregateCache:
    """Entity aggregates by filter, read again once the store changed (and they are not
    younger than :data:`AGGREGATE_MIN_AGE_SECONDS`)."""

    def __init__(self, path: Path, size: int = 64) -> None:
        self.path = path
        self.size = size
        self._lock = threading.Lock()
        self._kept: dict[Any, tuple[tuple[int, ...], float, Any]] = {}

    def get(self, key: Any, build: Any) -> Any:
        fingerprint = store_fingerprint(self.path)
        now = time.monotonic()
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and (kept[0] == fingerprint
                                 or now - kept[1] < AGGREGATE_MIN_AGE_SECONDS):
            return kept[2]
        value = build()
        with self._lock:
            if len(self._kept) >= self.size:
                self._kept.pop(next(iter(self._kept)))
            self._kept[key] = (fingerprint, now, value)
        return value


def aggregate_entities(conn: sqlite3.Connection, since: dt.date | None,
                       until: dt.date | None) -> list[EntityAggregate]:
    """Every entity named in the articles of the period, with how many articles name it."""
    if records_ready(conn):
        return _aggregate_records(conn, since, until)
    where = ["a.entities <> '[]'"]
    params: list[Any] = []
    day_bounds(since, until, "a.published", where, params)
    rows = conn.execute(
        f"SELECT json_extract(e.value, '$.type') AS type, {ENTITY_NAME_SQL} AS name,"
        " count(DISTINCT a.id) AS articles, max(a.published) AS last_seen"
        f" FROM articles a, json_each(a.entities) e WHERE {' AND '.join(where)}"
        " GROUP BY 1, 2", params).fetchall()
    merged: dict[str, EntityAggregate] = {}
    for row in rows:
        if not isinstance(row["name"], str) or not row["name"].strip():
            continue
        type_ = str(row["type"] or "other")
        key = entity_id(type_, row["name"])
        found = merged.get(key)
        if found is None:
            found = merged[key] = EntityAggregate(key, row["name"], type_)
        found.articles += int(row["articles"])
        found.spellings.add(row["name"])
        if row["last_seen"] and (found.last_seen is None or row["last_seen"] > found.last_seen):
            found.last_seen = row["last_seen"]
    return list(merged.values())


def entity_summary(found: EntityAggregate) -> dict[str, Any]:
    return {"id": found.id, "name": found.name, "type": found.type,
            "article_count": found.articles, "last_seen": found.last_seen}


def page_entities(found: Sequence[EntityAggregate], *, type_: str | None, q: str | None,
                  sort: str, limit: int, cursor: str | None) -> tuple[list[dict[str, Any]],
                                                                     str | None]:
    kind = f"entities:{sort}"
    chosen = [e for e in found
              if (type_ is None or e.type.casefold() == type_.casefold())
              and (not q or q.casefold() in e.name.casefold())]

    def key(e: EntityAggregate) -> tuple[Any, str]:
        return (-e.articles, e.id) if sort == "articles" else (e.name.casefold(), e.id)

    chosen.sort(key=key)
    if cursor is not None:
        first = (int,) if sort == "articles" else (str,)
        after = decode_cursor(cursor, kind, (first, (str,)))
        mark = (after[0], after[1])
        chosen = [e for e in chosen if key(e) > mark]
    page = chosen[:limit]
    next_cursor = (encode_cursor(kind, list(key(page[-1])))
                   if len(chosen) > limit else None)
    return [entity_summary(e) for e in page], next_cursor


def page_entity_refs(conn: sqlite3.Connection, *, type_: str | None, q: str | None,
                     sort: str, limit: int, cursor: str | None
                     ) -> tuple[list[dict[str, Any]], str | None]:
    """:func:`page_entities` over every entity, read from the store's totals by public id
    (``entity_refs``, kept with the records) with an index in the page's order: the same
    page, the same cursors, no aggregate built."""
    kind = f"entities:{sort}"
    where: list[str] = []
    params: list[Any] = []
    if type_:
        where.append("type = ?")
        params.append(type_.casefold())
    if q:
        where.append("instr(folded, ?) > 0")
        params.append(q.casefold())
    if cursor is not None:
        after = decode_cursor(cursor, kind, ((int,) if sort == "articles" else (str,), (str,)))
        if sort == "articles":  # the key is (-articles, id)
            count = -int(after[0])  # type: ignore[arg-type]
            where.append("articles <= ? AND (articles < ? OR ref > ?)")
            params.extend([count, count, after[1]])
        else:
            where.append("folded >= ? AND (folded > ? OR ref > ?)")
            params.extend([after[0], after[0], after[1]])
    order = "articles DESC, ref" if sort == "articles" else "folded, ref"
    rows = conn.execute(
        "SELECT ref, name, type, articles, last_seen, folded FROM entity_refs"
        f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT ?",
        (*params, limit + 1)).fetchall()
    found = [{"id": r["ref"], "name": r["name"], "type": r["type"],
              "article_count": r["articles"], "last_seen": r["last_seen"]}
             for r in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(kind, [-int(last["articles"]) if sort == "articles"
                                           else last["folded"], last["ref"]])
    return found, next_cursor


def entity_by_ref(conn: sqlite3.Connection, ref: str) -> EntityAggregate | None:
    """The entity of this public id from the store's records (None: no such entity)."""
    row = conn.execute("SELECT ref, name, type, articles, last_seen FROM entity_refs"
                       " WHERE ref = ?", (ref,)).fetchone()
    if row is None:
        return None
    records = conn.execute("SELECT id, name FROM entities WHERE ref = ? ORDER BY id",
                           (ref,)).fetchall()
    return EntityAggregate(row["ref"], row["name"], row["type"], int(row["articles"]),
                           row["last_seen"], {str(r["name"]) for r in records},
                           [int(r["id"]) for r in records])


def entity_details(conn: sqlite3.Connection, found: EntityAggregate, *, limit: int,
                   cursor: str | None) -> dict[str, Any]:
    """An entity, what it is called and its roles and affiliations, and a page of the
    articles naming it, newest first."""
    if found.records:
        return _record_details(conn, found, limit=limit, cursor=cursor)
    names = sorted(found.spellings)
    match = (f"json_extract(e.value, '$.type') IS ? AND {ENTITY_NAME_SQL} IN ({marks(names)})")
    params: list[Any] = [None if found.type == "other" else found.type, *names]
    forms: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    affiliations: Counter[str] = Counter()
    result = entity_summary(found)
    page = keyset_page(
        conn, select=f"{SUMMARY_COLUMNS}, a.entities, a.published AS sort_key, a.id AS tie_0",
        source="articles a",
        where=["a.entities <> '[]'",
               f"EXISTS (SELECT 1 FROM json_each(a.entities) e WHERE {match})"],
        params=params, key="a.published", desc=True, ties=[("a.id", True)],
        kind=f"entity:{found.id}", cursor=cursor, limit=limit)
    for row in page.rows:
        for entity in _json(row["entities"]):
            if not isinstance(entity, dict):
                continue
            name = entity.get("canonical") or entity.get("text")
            if name in found.spellings:
                for counter, value in ((forms, entity.get("text")), (roles, entity.get("role")),
                                       (affiliations, entity.get("affiliation"))):
                    if isinstance(value, str) and value:
                        counter[value] += 1
    result.update(
        forms=[v for v, _ in forms.most_common()], roles=[v for v, _ in roles.most_common()],
        affiliations=[v for v, _ in affiliations.most_common()],
        articles=[article_summary(r) for r in page.rows], next_cursor=page.next_cursor)
    return result


def _record_details(conn: sqlite3.Connection, found: EntityAggregate, *, limit: int,
                    cursor: str | None) -> dict[str, Any]:
    """:func:`entity_details` from the entity records: forms, roles and affiliations over
    every article naming it, most frequent first (then in code point order); its articles
    read newest first along the mentions' (entity, published) index."""
    records = found.records
    inside = f"m.entity IN ({marks(records)})"
    result = entity_summary(found)
    counters: dict[str, Counter[str]] = {"forms": Counter(), "roles": Counter(),
                                         "affiliations": Counter()}
    for text, role, affiliation in conn.execute(
            f"SELECT m.text, m.role, m.affiliation FROM entity_mentions m WHERE {inside}",
            records):
        for name, value in (("forms", text), ("roles", role), ("affiliations", affiliation)):
            if value is not None:
                counters[name][str(value)] += 1
    for name, counter in counters.items():
        result[name] = [value for value, _ in sorted(counter.items(),
                                                     key=lambda pair: (-pair[1], pair[0]))]
    page = keyset_page(
        conn, select=f"DISTINCT {SUMMARY_COLUMNS}, m.published AS sort_key, a.id AS tie_0",
        source="entity_mentions m JOIN articles a ON a.id = m.article_id",
        where=[inside], params=records, key="m.published", desc=True, ties=[("a.id", True)],
        kind=f"entity:{found.id}", cursor=cursor, limit=limit)
    result.update(articles=[article_summary(r) for r in page.rows],
                  next_cursor=page.next_cursor)
    return result


# -- events -----------------------------------------------------------------------------


def list_events(conn: sqlite3.Connection, *, since: dt.date | None, until: dt.date | None,
                person: str | None, country: str | None, type_: str | None, limit: int,
                cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """Events of the articles, newest article first, each with its article."""
    where = ["a.events <> '[]'"]
    params: list[Any] = []
    day_bounds(since, until, "a.published", where, params)
    if type_:
        where.append("lower(json_extract(v.value, '$.type')) = ?")
        params.append(type_.lower())
    if person:
        where.append("EXISTS (SELECT 1 FROM json_each(v.value, '$.participants') p"
                     " WHERE instr(lower(json_extract(p.value, '$.name')), ?) > 0)")
        params.append(person.lower())
    if country:
        where.append(
            "(lower(json_extract(v.value, '$.place')) = ?"
            " OR lower(json_extract(v.value, '$.country')) = ?"
            " OR EXISTS (SELECT 1 FROM json_each(v.value, '$.countries') c"
            "            WHERE lower(c.value) = ?)"
            " OR EXISTS (SELECT 1 FROM json_each(v.value, '$.participants') p"
            "            WHERE instr(lower(json_extract(p.value, '$.affiliation')), ?) > 0))")
        params.extend([country.lower()] * 4)
    page = keyset_page(
        conn,
        select=("a.id, a.title, a.published, a.outlet, a.language, a.story, v.key AS number,"
                " v.value AS event, a.published AS sort_key, a.id AS tie_0, v.key AS tie_1"),
        source="articles a, json_each(a.events) v", where=where, params=params,
        key="a.published", desc=True, ties=[("a.id", True), ("v.key", False)],
        kind="events", cursor=cursor, limit=limit, tie_types=((str,), (int,)))
    found: list[dict[str, Any]] = []
    for row in page.rows:
        event = _json(row["event"]) if isinstance(row["event"], str) else row["event"]
        if not isinstance(event, dict):
            event = {}
        found.append({
            "article": {"id": row["id"], "title": row["title"], "published": row["published"],
                        "outlet": row["outlet"], "language": row["language"],
                        "story": row["story"]},
            "number": row["number"],
            "type": str(event.get("type") or "other"),
            "date": event.get("date") if isinstance(event.get("date"), str) else None,
            "place": event.get("place") if isinstance(event.get("place"), str) else None,
            "participants": [p for p in event.get("participants") or [] if isinstance(p, dict)],
            "organizations": [str(o) for o in event.get("organizations") or []],
            "agreements": [str(o) for o in event.get("agreements") or []],
        })
    return found, page.next_cursor


# -- digest -----------------------------------------------------------------------------


def latest_day(conn: sqlite3.Connection) -> dt.date:
    row = conn.execute("SELECT max(published) FROM articles").fetchone()
    try:
        return dt.date.fromisoformat(str(row[0])[:10]) if row and row[0] else dt.date.today()
    except ValueError:
        return dt.date.today()


def minimal_digest(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Top stories by coverage and views, outlets and languages of the period (used when
    :func:`qaznews.digest.build_digest` is not there)."""
    where: list[str] = []
    params: list[Any] = []
    day_bounds(start, end, "published", where, params)
    cond = " AND ".join(where)
    total, stories = conn.execute(
        f"SELECT count(*), count(DISTINCT coalesce(story, id)) FROM articles WHERE {cond}",
        params).fetchone()
    top = []
    for row in conn.execute(
            "SELECT coalesce(a.story, a.id) AS key, count(*) AS n,"
            " count(DISTINCT a.outlet) AS outlets, sum(coalesce(a.views, 0)) AS views,"
            " min(a.published) AS first, group_concat(DISTINCT a.outlet) AS names,"
            " group_concat(DISTINCT a.language) AS langs, max(s.title) AS title,"
            " max(s.first_publisher) AS publisher, max(a.title) AS any_title"
            f" FROM articles a LEFT JOIN stories s ON s.id = a.story WHERE {cond}"
            " GROUP BY key ORDER BY outlets DESC, n DESC, views DESC, key LIMIT 10", params):
        top.append({"id": row["key"], "title": row["title"] or row["any_title"] or "",
                    "first_published": row["first"], "first_publisher": row["publisher"],
                    "outlets": sorted((row["names"] or "").split(",")) if row["names"] else [],
                    "articles": row["n"], "views": row["views"],
                    "languages": sorted(row["langs"].split(",")) if row["langs"] else [],
                    "url": None})

    def ranked(column: str) -> list[dict[str, Any]]:
        return [{"name": r[0] or "(unknown)", "articles": r[1]} for r in conn.execute(
            f"SELECT {column}, count(*) AS n FROM articles WHERE {cond}"
            f" GROUP BY {column} ORDER BY n DESC, {column}", params)]

    return {"start": start.isoformat(), "end": end.isoformat(), "articles": total,
            "stories": stories, "top_stories": top, "outlets": ranked("outlet"),
            "languages": ranked("language"), "people": [], "topics": [], "events": 0,
            "events_by_country": [], "per_day": []}
