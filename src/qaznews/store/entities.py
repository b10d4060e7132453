"""Entity records across the store: one row per real-world entity, however it is written.

The enrichment stage stores each article's entities and events as JSON (the article's
`entities` and `events` columns, docs/STORE.md). From them the store keeps:

* ``entities``: one row per entity of a type and :func:`~qaznews.pipeline.entity_keys.entity_key`
  (persons by the skeletons of their name words, so "Ержан Ашикбаев" is "Yerzhan
  Ashikbayev"), with its display name, article count and first and last dates seen;
* ``entity_aliases``: every way it was written (as written, and the article's canonical
  name), with counts;
* ``entity_mentions``: one row per entity of an article, with the role and affiliation
  the article gives it: roles over time, timelines and co-mentions are read from it;
* ``event_participants``: the participants and organisations of every event, with the
  entity each resolves to;
* ``entity_name_parts``: the name skeletons of persons named in full, so that a surname
  written alone finds its person.

A trigger queues an article in ``entity_pending`` whenever its JSON columns change (or
it is inserted with some, or deleted); :meth:`EntityRecords.update` rebuilds the records
of the queued articles inside the caller's transaction, so the records are never behind
the articles that committed with them. While anything is queued (a tool wrote the JSON
columns directly), readers that need complete records read the JSON instead.

Aliases merge by key; a person written by surname alone ("Ashikbayev", with no full name
in its article) joins the one person named in full with that surname, and stays an entity
of its own when there are none or several ("different people with the same surname").
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from qaznews.pipeline.entity_keys import (
    ENTITY_TYPES,
    entity_key,
    entity_type,
    person_parts,
    place_key,
)
from qaznews.store.refs import entity_ref
from qaznews.store.sqlite import Store

#: Largest number of values bound in one ``IN (...)``.
_CHUNK = 900


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _json_list(text: str | None) -> list[Any]:
    try:
        found = json.loads(text) if text else []
    except ValueError:
        return []
    return found if isinstance(found, list) else []


def _text(value: Any) -> str | None:
    """A string field of stored JSON, stripped; None for anything else or empty."""
    return value.strip() or None if isinstance(value, str) else None


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(slots=True)
class RecordCounts:
    """What one update of the entity records did."""

    articles: int = 0
    mentions: int = 0
    entities: int = 0


@dataclass(slots=True)
class _Resolver:
    """Entity ids by type and key, creating entities as they are first met (one update)."""

    conn: sqlite3.Connection
    touched: set[int] = field(default_factory=set)
    known: dict[tuple[str, str], int] = field(default_factory=dict)

    def resolve(self, type_: str, name: str, *, create: bool = True) -> int | None:
        if type_ == "person":
            parts = person_parts(name)
            if len(parts) == 1:
                # A surname (or a first name) alone: the one person named in full with it.
                holders = self._holders(parts[0])
                if len(holders) == 1:
                    return holders[0]
        key = entity_key(type_, name)
        found = self.known.get((type_, key))
        if found is None:
            row = self.conn.execute("SELECT id FROM entities WHERE type = ? AND key = ?",
                                    (type_, key)).fetchone()
            if row is not None:
                found = int(row[0])
            elif create:
                found = self._create(type_, key, name)
            else:
                return None
            self.known[(type_, key)] = found
        return found

    def _holders(self, part: str) -> list[int]:
        return [int(r[0]) for r in self.conn.execute(
            "SELECT entity FROM entity_name_parts WHERE part = ? LIMIT 2", (part,))]

    def _create(self, type_: str, key: str, name: str) -> int:
        cursor = self.conn.execute(
            "INSERT INTO entities (type, key, name) VALUES (?, ?, ?)", (type_, key, name))
        new = int(cursor.lastrowid or 0)
        parts = key.split() if type_ == "person" and not key.startswith("=") else []
        if len(parts) >= 2:
            self.conn.executemany("INSERT OR IGNORE INTO entity_name_parts VALUES (?, ?)",
                                  [(part, new) for part in parts])
            for part in parts:
                self._absorb(part, new)
        return new

    def _absorb(self, part: str, person: int) -> None:
        """A person named by this one word before anyone was named in full with it: now
        the one person named in full with it is theirs."""
        if len(self._holders(part)) != 1:
            return
        row = self.conn.execute("SELECT id FROM entities WHERE type = 'person' AND key = ?",
                                (part,)).fetchone()
        if row is None:
            return
        alone = int(row[0])
        for table in ("entity_mentions", "event_participants"):
            self.conn.execute(f"UPDATE {table} SET entity = ? WHERE entity = ?", (person, alone))
        self.touched |= {alone, person}


class EntityRecords:
    """Keeps the entity records in step with the articles' entities and events."""

    def __init__(self, store: Store) -> None:
        self.conn = store.conn

    def pending(self, limit: int | None = None) -> list[str]:
        sql = "SELECT article_id FROM entity_pending"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [str(r[0]) for r in self.conn.execute(sql)]

    def update(self, article_ids: Iterable[str] = (), *, all_pending: bool = True
               ) -> RecordCounts:
        """Rebuild the records of these articles (and of every queued one). Call inside a
        transaction."""
        ids = list(dict.fromkeys([*article_ids, *(self.pending() if all_pending else ())]))
        counts = RecordCounts()
        if not ids:
            return counts
        resolver = _Resolver(self.conn)
        for chunk in _chunks(ids):
            resolver.touched |= self._forget(chunk)
            rows = self.conn.execute(
                "SELECT id, published, entities, events FROM articles"
                f" WHERE id IN ({_marks(chunk)})",
                tuple(chunk)).fetchall()
            for row in rows:
                counts.mentions += self._record(row, resolver)
            counts.articles += len(rows)
            self.conn.execute(f"DELETE FROM entity_pending WHERE article_id IN ({_marks(chunk)})",
                              tuple(chunk))
        counts.entities = self._refresh(sorted(resolver.touched))
        return counts

    def rebuild(self) -> RecordCounts:
        """Forget every record and build them again from every article."""
        for table in ("entities", "entity_refs", "entity_name_parts", "entity_aliases",
                      "entity_mentions", "event_participants", "entity_pending"):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("INSERT INTO entity_pending SELECT id FROM articles"
                          " WHERE entities <> '[]' OR events <> '[]'")
        return self.update()

    # -- writing ----------------------------------------------------------------------

    def _forget(self, chunk: Sequence[str]) -> set[int]:
        """Drop these articles' mentions and participants; the entities they named."""
        marks = _marks(chunk)
        named = {int(r[0]) for r in self.conn.execute(
            f"SELECT entity FROM entity_mentions WHERE article_id IN ({marks})"
            f" UNION SELECT entity FROM event_participants WHERE article_id IN ({marks})"
            " AND entity IS NOT NULL", (*chunk, *chunk))}
        for table in ("entity_mentions", "event_participants"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", tuple(chunk))
        return named

    def _record(self, row: sqlite3.Row, resolver: _Resolver) -> int:
        article_id, published = row["id"], row["published"]
        mentions: list[tuple[Any, ...]] = []
        # The article's own names, to resolve its events' participants by first.
        own: dict[tuple[str, str], int] = {}
        own_parts: list[tuple[str, list[str], int]] = []
        for value in _json_list(row["entities"]):
            if not isinstance(value, dict):
                continue
            text = _text(value.get("text"))
            name = _text(value.get("canonical")) or text
            if text is None or name is None:
                continue
            type_ = entity_type(value.get("type"))
            entity = resolver.resolve(type_, name)
            assert entity is not None
            resolver.touched.add(entity)
            mentions.append((article_id, entity, text, name, _text(value.get("role")),
                             _text(value.get("affiliation")), published))
            for form in (text, name):
                own[(type_, fold(form))] = entity
            if type_ == "person":
                own_parts.append((type_, person_parts(name), entity))
        self.conn.executemany("INSERT INTO entity_mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
                              mentions)

        def resolve(type_: str, name: str) -> int | None:
            found = own.get((type_, fold(name)))
            if found is None and type_ == "person":
                parts = set(person_parts(name))
                found = next((entity for _, theirs, entity in own_parts
                              if parts and parts <= set(theirs)), None)
            return found if found is not None else resolver.resolve(type_, name, create=False)

        participants: list[tuple[Any, ...]] = []
        for number, event in enumerate(_json_list(row["events"])):
            if not isinstance(event, dict):
                continue
            for person in event.get("participants") or []:
                name = _text(person.get("name")) if isinstance(person, dict) else None
                if name is not None:
                    participants.append((article_id, number, "participant",
                                         resolve("person", name), name, fold(name),
                                         _text(person.get("role")),
                                         _text(person.get("affiliation")), published))
            for organization in event.get("organizations") or []:
                name = _text(organization)
                if name is not None:
                    participants.append((article_id, number, "organization",
                                         resolve("organization", name), name, fold(name),
                                         None, None, published))
        resolver.touched |= {p[3] for p in participants if p[3] is not None}
        self.conn.executemany(
            "INSERT INTO event_participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", participants)
        return len(mentions)

    def _refresh(self, entities: Sequence[int]) -> int:
        """Counts, dates, aliases, names and public ids of these entities (and the totals of
        those ids in ``entity_refs``); those no article names any more are dropped.
        Returns how many are left."""
        left = 0
        for chunk in _chunks(entities):
            marks = _marks(chunk)
            refs = {str(r[0]) for r in self.conn.execute(
                f"SELECT ref FROM entities WHERE id IN ({marks}) AND ref IS NOT NULL",
                tuple(chunk))}
            stats = {int(r[0]): r for r in self.conn.execute(
                "SELECT entity, count(DISTINCT article_id), min(published), max(published)"
                f" FROM entity_mentions WHERE entity IN ({marks}) GROUP BY entity", tuple(chunk))}
            forms: dict[int, Counter[str]] = defaultdict(Counter)
            names: dict[int, Counter[str]] = defaultdict(Counter)
            for entity, text, name, count in self.conn.execute(
                    "SELECT entity, text, name, count(*) FROM entity_mentions"
                    f" WHERE entity IN ({marks}) GROUP BY entity, text, name", tuple(chunk)):
                forms[entity][text] += count
                forms[entity][name] += 0 if name == text else count
                names[entity][name] += count
            gone = [e for e in chunk if e not in stats]
            self.conn.execute(f"DELETE FROM entity_aliases WHERE entity IN ({marks})", tuple(chunk))
            self.conn.executemany(
                "INSERT INTO entity_aliases VALUES (?, ?, ?, ?)",
                [(entity, alias, fold(alias), count) for entity, counter in forms.items()
                 for alias, count in counter.items()])
            types = {int(r[0]): str(r[1]) for r in self.conn.execute(
                f"SELECT id, type FROM entities WHERE id IN ({marks})", tuple(chunk))}
            updates = []
            for entity, row in stats.items():
                name = _display_name(names[entity])
                ref = entity_ref(types[entity], name)
                refs.add(ref)
                updates.append((name, row[1], row[2], row[3], ref, entity))
            self.conn.executemany(
                "UPDATE entities SET name = ?, articles = ?, first_seen = ?, last_seen = ?,"
                " ref = ? WHERE id = ?", updates)
            if gone:
                gone_marks = _marks(gone)
                for sql in ("DELETE FROM entities WHERE id IN ({})",
                            "DELETE FROM entity_name_parts WHERE entity IN ({})",
                            "UPDATE event_participants SET entity = NULL WHERE entity IN ({})"):
                    self.conn.execute(sql.format(gone_marks), tuple(gone))
            self._total(sorted(refs))
            left += len(stats)
        return left

    def _total(self, refs: Sequence[str]) -> None:
        """``entity_refs`` of these public ids again, from their records."""
        for chunk in _chunks(refs):
            marks = _marks(chunk)
            self.conn.execute(f"DELETE FROM entity_refs WHERE ref IN ({marks})", tuple(chunk))
            self.conn.execute(
                "INSERT INTO entity_refs SELECT ref, min(type), min(name),"
                " qaznews_casefold(min(name)), sum(articles), max(last_seen) FROM entities"
                f" WHERE ref IN ({marks}) GROUP BY ref", tuple(chunk))


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _display_name(names: Counter[str]) -> str:
    """The fullest name, in the Latin script when it is written so (what most of our
    readers read), the most written of those."""
    return min(names, key=lambda n: (-len(n.split()), bool(_CYRILLIC.search(n)), -names[n], n))


def records_ready(conn: sqlite3.Connection) -> bool:
    """Whether the entity records are complete: the tables exist, nothing is queued."""
    try:
        row = conn.execute("SELECT 1 FROM entity_pending LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # a store from before the records
        return False
    return row is None


# -- reading ------------------------------------------------------------------------------

def _latest_roles(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(list(ids)):
        for entity, role, affiliation in conn.execute(
                "SELECT entity, role, affiliation FROM entity_mentions m"
                f" WHERE entity IN ({_marks(chunk)}) AND role IS NOT NULL"
                " ORDER BY entity, published IS NULL, published DESC", tuple(chunk)):
            if entity not in found:
                found[entity] = role + (f", {affiliation}" if affiliation else "")
    return found


def list_entities(store: Store, *, type_: str | None = None, limit: int | None = 50
                  ) -> list[dict[str, Any]]:
    """Entities, most named first: name, type, articles, latest role, first and last seen."""
    where = "WHERE type = ?" if type_ else ""
    params: list[Any] = [type_] if type_ else []
    sql = f"SELECT * FROM entities {where} ORDER BY articles DESC, name, id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = store.conn.execute(sql, tuple(params)).fetchall()
    roles = _latest_roles(store.conn, [r["id"] for r in rows])
    return [_summary(r, roles.get(r["id"])) for r in rows]


def _summary(row: sqlite3.Row, role: str | None) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "type": row["type"],
            "articles": row["articles"], "first_seen": row["first_seen"],
            "last_seen": row["last_seen"], "latest_role": role}


def find_entities(store: Store, name: str, *, type_: str | None = None
                  ) -> list[dict[str, Any]]:
    """Entities a name means: those written so, those of its key and, for a surname, every
    person named in full with it; else those whose names contain it. Most named first."""
    conn = store.conn
    folded = fold(name)
    if not folded:
        return []
    ids = {int(r[0]) for r in conn.execute(
        "SELECT entity FROM entity_aliases WHERE folded = ?", (folded,))}
    keys = sorted({entity_key("person", name), place_key(name) or "="})
    ids |= {int(r[0]) for r in conn.execute(
        f"SELECT id FROM entities WHERE key IN ({_marks(keys)})", tuple(keys))}
    parts = person_parts(name)
    if len(parts) == 1:  # a surname: everyone named in full with it
        ids |= {int(r[0]) for r in conn.execute(
            "SELECT entity FROM entity_name_parts WHERE part = ?", (parts[0],))}
    if not ids:
        ids = {int(r[0]) for r in conn.execute(
            "SELECT DISTINCT entity FROM entity_aliases WHERE instr(folded, ?) > 0 LIMIT 50",
            (folded,))}
    found: list[sqlite3.Row] = []
    for chunk in _chunks(sorted(ids)):
        found.extend(conn.execute(
            f"SELECT * FROM entities WHERE id IN ({_marks(chunk)})", tuple(chunk)))
    if type_:
        found = [r for r in found if r["type"] == type_]
    found.sort(key=lambda r: (-r["articles"], r["name"], r["id"]))
    roles = _latest_roles(conn, [r["id"] for r in found])
    return [_summary(r, roles.get(r["id"])) for r in found]


def entity_profile(store: Store, entity: int, *, top: int = 10, articles: int = 10
                   ) -> dict[str, Any] | None:
    """One entity: aliases, roles over time, mentions by month, co-mentions, events and its
    latest articles."""
    conn = store.conn
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity,)).fetchone()
    if row is None:
        return None
    profile = _summary(row, _latest_roles(conn, [entity]).get(entity))
    profile["aliases"] = [{"alias": a, "mentions": n} for a, n in conn.execute(
        "SELECT alias, mentions FROM entity_aliases WHERE entity = ?"
        " ORDER BY mentions DESC, alias", (entity,))]
    profile["roles"] = [
        {"role": r[0], "affiliation": r[1], "first_seen": r[2], "last_seen": r[3],
         "articles": r[4]}
        for r in conn.execute(
            "SELECT role, affiliation, min(published), max(published),"
            " count(DISTINCT article_id) FROM entity_mentions WHERE entity = ?"
            " AND (role IS NOT NULL OR affiliation IS NOT NULL) GROUP BY role, affiliation"
            " ORDER BY min(published) IS NULL, min(published), role", (entity,))]
    profile["timeline"] = [{"month": m, "articles": n} for m, n in conn.execute(
        "SELECT substr(published, 1, 7) AS month, count(DISTINCT article_id)"
        " FROM entity_mentions WHERE entity = ? AND published IS NOT NULL"
        " GROUP BY month ORDER BY month", (entity,))]
    profile["co_mentions"] = [
        {"id": r[0], "name": r[1], "type": r[2], "articles": r[3]}
        for r in conn.execute(
            "SELECT e.id, e.name, e.type, count(DISTINCT o.article_id) AS n"
            " FROM entity_mentions m JOIN entity_mentions o ON o.article_id = m.article_id"
            " AND o.entity <> m.entity JOIN entities e ON e.id = o.entity"
            " WHERE m.entity = ? GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?", (entity, top))]
    taking_part = conn.execute(
        "SELECT DISTINCT article_id, event FROM event_participants WHERE entity = ?",
        (entity,)).fetchall()
    profile["events"] = _events_of(conn, [(r[0], r[1]) for r in taking_part])
    profile["articles_list"] = [
        {"id": r[0], "title": r[1], "published": r[2], "outlet": r[3]}
        for r in conn.execute(
            "SELECT a.id, a.title, a.published, a.outlet FROM articles a WHERE a.id IN"
            " (SELECT article_id FROM entity_mentions WHERE entity = ?)"
            " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?", (entity, articles))]
    return profile


# -- events -------------------------------------------------------------------------------

def _event_record(row: sqlite3.Row, number: int, event: dict[str, Any]) -> dict[str, Any]:
    participants = [
        {"name": _text(p.get("name")), "role": _text(p.get("role")),
         "affiliation": _text(p.get("affiliation"))}
        for p in event.get("participants") or [] if isinstance(p, dict) and _text(p.get("name"))]
    published = row["published"]
    return {
        "type": _text(event.get("type")) or "other",
        "date": _text(event.get("date")) or (published[:10] if published else None),
        "place": _text(event.get("place")),
        "participants": participants,
        "organizations": [o for o in map(_text, event.get("organizations") or []) if o],
        "agreements": [o for o in map(_text, event.get("agreements") or []) if o],
        "evidence": [o for o in map(_text, event.get("evidence") or []) if o],
        "article": {"id": row["id"], "title": row["title"], "published": published,
                    "outlet": row["outlet"]},
        "number": number,
    }


def _events_of(conn: sqlite3.Connection, wanted: Sequence[tuple[str, int]]
               ) -> list[dict[str, Any]]:
    """These events (article id, position), newest first."""
    by_article: dict[str, set[int]] = defaultdict(set)
    for article_id, number in wanted:
        by_article[article_id].add(number)
    found: list[dict[str, Any]] = []
    for chunk in _chunks(sorted(by_article)):
        for row in conn.execute("SELECT id, title, published, outlet, events FROM articles"
                                f" WHERE id IN ({_marks(chunk)})", tuple(chunk)):
            for number, event in enumerate(_json_list(row["events"])):
                if number in by_article[row["id"]] and isinstance(event, dict):
                    found.append(_event_record(row, number, event))
    found.sort(key=lambda e: (e["date"] or "", e["article"]["id"], -e["number"]), reverse=True)
    return found


def _about_country(event: dict[str, Any], raw: dict[str, Any], country: str) -> bool:
    wanted = place_key(country)
    names = [event["place"], *(p["affiliation"] for p in event["participants"]),
             *event["organizations"], _text(raw.get("country")),
             *(map(_text, raw.get("countries") or []))]
    for name in names:
        if name and (place_key(name) == wanted or wanted in place_key(name).split()):
            return True
    return False


def list_events(store: Store, *, person: str | None = None, country: str | None = None,
                type_: str | None = None, since: str | None = None, until: str | None = None,
                limit: int | None = 50) -> list[dict[str, Any]]:
    """Events, newest article first, filtered: ``person`` takes part (any of their names,
    or a participant's name containing it), ``country`` is the place or a participant's
    affiliation, ``type_`` the kind; ``since`` and ``until`` bound the event's date (or its
    article's), both days included."""
    conn = store.conn
    sql = "SELECT id, title, published, outlet, events FROM articles WHERE events <> '[]'"
    params: list[Any] = []
    numbers: dict[str, set[int]] | None = None
    if person:
        entities = [e["id"] for e in find_entities(store, person, type_="person")]
        folded = fold(person)
        numbers = defaultdict(set)
        for article_id, number in conn.execute(
                "SELECT article_id, event FROM event_participants WHERE kind = 'participant'"
                f" AND (entity IN ({_marks(entities)}) OR instr(folded, ?) > 0)",
                (*entities, folded)):
            numbers[article_id].add(number)
        sql += " AND id IN (SELECT article_id FROM event_participants WHERE kind = 'participant'"
        sql += f" AND (entity IN ({_marks(entities)}) OR instr(folded, ?) > 0))"
        params.extend([*entities, folded])
    sql += " ORDER BY published IS NULL, published DESC, id DESC"
    found: list[dict[str, Any]] = []
    for row in conn.execute(sql, tuple(params)):
        for number, raw in enumerate(_json_list(row["events"])):
            if not isinstance(raw, dict) or (numbers is not None
                                             and number not in numbers.get(row["id"], ())):
                continue
            event = _event_record(row, number, raw)
            if type_ and event["type"].casefold() != type_.casefold():
                continue
            if since and (event["date"] is None or event["date"][:10] < since):
                continue
            if until and (event["date"] is None or event["date"][:10] > until):
                continue
            if country and not _about_country(event, raw, country):
                continue
            found.append(event)
            if limit is not None and len(found) >= limit:
                return found
    return found


__all__ = ["ENTITY_TYPES", "EntityRecords", "RecordCounts", "entity_profile", "find_entities",
           "list_entities", "list_events", "records_ready"]
