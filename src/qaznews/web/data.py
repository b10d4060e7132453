"""Reading the store for the pages and the digest: plain SQL on one (read-only) connection.

The ``entities``, ``events`` and ``topics`` columns of ``articles`` are JSON lists
(docs/STORE.md) that the entities, events and topics stages fill; until they run,
they are ``[]`` and every function here returns empty results, never an error.

An event's **countries** (for "grouped by country" and Kazakhstan's interactions by
country) are its ``countries`` (a list) or ``country`` when the events stage gives
them, else the affiliations of its participants; Kazakhstan is left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from qaznews.api.queries import day_bounds

__all__ = [
    "article",
    "connect_readonly",
    "entity_mentions",
    "entity_name",
    "event_countries",
    "events",
    "is_person",
    "story",
]

#: Names of Kazakhstan itself, never "another country" of an interaction.
HOME = {"kazakhstan", "republic of kazakhstan", "казахстан", "республика казахстан",
        "қазақстан", "qazaqstan", "kz"}

_PERSON_TYPES = {"per", "person", "people"}


@contextmanager
def connect_readonly(db: str | Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the store (``mode=ro``): pages never write."""
    path = Path(db).expanduser().resolve()
    if not path.is_file():
        raise FileNotFoundError(str(path))
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def loads(text: str | None) -> list[Any]:
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def entity_name(entity: dict[str, Any]) -> str:
    return str(entity.get("canonical") or entity.get("text") or "").strip()


def is_person(entity: dict[str, Any]) -> bool:
    return str(entity.get("type") or "").casefold() in _PERSON_TYPES


def event_countries(event: dict[str, Any]) -> list[str]:
    """The other countries of an event (see the module's docstring)."""
    found: list[str] = []
    given = event.get("countries")
    if isinstance(given, list):
        found = [str(c) for c in given if c]
    elif event.get("country"):
        found = [str(event["country"])]
    else:
        for participant in event.get("participants") or []:
            if isinstance(participant, dict) and participant.get("affiliation"):
                found.append(str(participant["affiliation"]))
    out: list[str] = []
    for country in found:
        if country.strip().casefold() not in HOME and country not in out:
            out.append(country.strip())
    return out


def participants(event: dict[str, Any]) -> list[str]:
    return [str(p.get("name")) for p in event.get("participants") or []
            if isinstance(p, dict) and p.get("name")]


def event_date(event: dict[str, Any], published: str | None) -> str:
    return str(event.get("date") or (published or "")[:10])


# -- articles and stories ------------------------------------------------------------

def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    for column in ("entities", "events", "topics"):
        out[column] = loads(row[column])
    return out


def story(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """A story with its members (outlet, time, views, relation to the canonical article)."""
    row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["outlets"] = loads(row["outlets"])
    out["languages"] = loads(row["languages"])
    out["articles"] = [dict(m) for m in conn.execute(
        "SELECT id, title, published, outlet, language, views, url, duplicate_of,"
        " duplicate_relation FROM articles WHERE story = ?"
        " ORDER BY published IS NULL, published, id", (story_id,))]
    return out


def facet_counts(conn: sqlite3.Connection, column: str) -> list[tuple[str, int]]:
    if column not in ("outlet", "language"):
        raise ValueError(column)
    return [(row[0], row[1]) for row in conn.execute(
        f"SELECT {column}, count(*) AS n FROM articles WHERE {column} IS NOT NULL"
        f" GROUP BY {column} ORDER BY n DESC, {column}")]


def date_range(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    first, last = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return (first[:10] if first else None), (last[:10] if last else None)


# -- entities ------------------------------------------------------------------------

def has_entities(conn: sqlite3.Connection) -> bool:
    return conn.execute(
        "SELECT 1 FROM articles WHERE entities NOT IN ('', '[]') LIMIT 1").fetchone() is not None


def has_events(conn: sqlite3.Connection) -> bool:
    return conn.execute(
        "SELECT 1 FROM articles WHERE events NOT IN ('', '[]') LIMIT 1").fetchone() is not None


def top_entities(conn: sqlite3.Connection, limit: int = 100) -> list[dict[str, Any]]:
    counts: Counter[tuple[str, str]] = Counter()
    for row in conn.execute("SELECT entities FROM articles WHERE entities NOT IN ('', '[]')"):
        seen = {(entity_name(e), str(e.get("type") or "")) for e in loads(row[0])
                if isinstance(e, dict) and entity_name(e)}
        counts.update(seen)
    return [{"name": name, "type": kind, "articles": n}
            for (name, kind), n in sorted(counts.items(), key=lambda p: (-p[1], p[0]))[:limit]]


def entity_mentions(conn: sqlite3.Connection, name: str) -> dict[str, Any]:
    """Everything the store says of one entity: its mentions, roles, neighbours, events."""
    key = name.casefold()
    mentions: list[dict[str, Any]] = []
    co: Counter[str] = Counter()
    events_found: list[dict[str, Any]] = []
    kinds: Counter[str] = Counter()
    for row in conn.execute(
            "SELECT id, title, published, outlet, entities, events FROM articles"
            " WHERE entities NOT IN ('', '[]') OR events NOT IN ('', '[]')"
            " ORDER BY published IS NULL, published, id"):
        entities = [e for e in loads(row["entities"]) if isinstance(e, dict)]
        mine = [e for e in entities if entity_name(e).casefold() == key]
        in_events = [ev for ev in loads(row["events"]) if isinstance(ev, dict)
                     and key in {p.casefold() for p in participants(ev)}]
        if not mine and not in_events:
            continue
        for entity in mine:
            kinds[str(entity.get("type") or "")] += 1
        first = mine[0] if mine else {}
        mentions.append({"id": row["id"], "title": row["title"], "published": row["published"],
                         "outlet": row["outlet"], "role": first.get("role"),
                         "affiliation": first.get("affiliation")})
        co.update({entity_name(e) for e in entities if entity_name(e).casefold() != key
                   and entity_name(e)})
        for event in in_events:
            events_found.append(event_row(event, row))
    roles: list[dict[str, Any]] = []
    for mention in mentions:
        if mention["role"] or mention["affiliation"]:
            last = roles[-1] if roles else None
            if last and (last["role"], last["affiliation"]) == (mention["role"],
                                                                mention["affiliation"]):
                last["until"] = (mention["published"] or "")[:10]
                last["count"] += 1
            else:
                roles.append({"role": mention["role"], "affiliation": mention["affiliation"],
                              "since": (mention["published"] or "")[:10],
                              "until": (mention["published"] or "")[:10], "count": 1})
    per_day = Counter((m["published"] or "")[:10] for m in mentions if m["published"])
    return {
        "name": name,
        "type": kinds.most_common(1)[0][0] if kinds else None,
        "mentions": mentions,
        "roles": roles,
        "per_day": sorted(per_day.items()),
        "co_mentioned": co.most_common(15),
        "events": _dedupe(events_found),
    }


# -- events --------------------------------------------------------------------------

def event_row(event: dict[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": str(event.get("type") or "event"),
        "date": event_date(event, row["published"]),
        "place": event.get("place"),
        "participants": participants(event),
        "organizations": [str(o) for o in event.get("organizations") or []],
        "agreements": [str(a) for a in event.get("agreements") or []],
        "countries": event_countries(event),
        "article": row["id"],
        "title": row["title"],
        "outlet": row["outlet"],
    }


def _dedupe(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per event, however many copies of a story report it."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = (row["type"], row["date"], tuple(sorted(p.casefold() for p in row["participants"])),
               tuple(sorted(row["agreements"])))
        seen.setdefault(key, row)
    return sorted(seen.values(), key=lambda r: (r["date"], r["type"], r["article"]))


def events(conn: sqlite3.Connection, *, since: dt.date | None = None,
           until: dt.date | None = None, type: str | None = None, country: str | None = None,
           person: str | None = None) -> list[dict[str, Any]]:
    """Events of the period, one row each, filtered by type, country or person."""
    where: list[str] = []
    params: list[Any] = []
    day_bounds(since, until, "a.published", where, params)
    bounds = " AND ".join(where) or "1"
    rows: list[dict[str, Any]] = []
    for row in conn.execute(
            f"SELECT a.id, a.title, a.published, a.outlet, a.events FROM articles a"
            f" WHERE a.events NOT IN ('', '[]') AND {bounds}", params):
        for event in loads(row["events"]):
            if isinstance(event, dict):
                rows.append(event_row(event, row))
    if type:
        rows = [r for r in rows if r["type"].casefold() == type.casefold()]
    if country:
        rows = [r for r in rows if country.casefold() in {c.casefold() for c in r["countries"]}]
    if person:
        needle = person.casefold()
        rows = [r for r in rows if any(needle in p.casefold() for p in r["participants"])]
    return _dedupe(rows)


def by_country(rows: Sequence[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Events grouped by country, the country with most events first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for country in row["countries"] or ["(no country)"]:
            groups.setdefault(country, []).append(row)
    return sorted(groups.items(), key=lambda pair: (-len(pair[1]), pair[0]))


def week_start(day: str) -> dt.date | None:
    try:
        date = dt.date.fromisoformat(day[:10])
    except ValueError:
        return None
    return date - dt.timedelta(days=date.weekday())


_WORD = re.compile(r"\w", re.UNICODE)


def highlight_spans(text: str, names: Sequence[str]) -> list[tuple[str, str | None]]:
    """Cut ``text`` into pieces, each with the entity name it is a mention of (or None).

    Longest names first; only whole-word matches. The caller escapes every piece.
    """
    names = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not names:
        return [(text, None)]
    pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
    lookup = {n.casefold(): n for n in names}
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if (before and _WORD.match(before)) or (after and _WORD.match(after)):
            continue
        if start > position:
            pieces.append((text[position:start], None))
        pieces.append((match.group(0), lookup.get(match.group(0).casefold())))
        position = end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces
