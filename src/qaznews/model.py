"""The one data model of qaznews, used from the readers to the exporters.

Ids are stable content hashes of what *identifies* an item, never of where it was
seen: the canonical URL when the page gives one, else the outlet, the normalised
title and the publication date. Reading the same article twice therefore yields
the same id, and the store turns the second reading into a :class:`Sighting`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ItemKind = Literal["article", "link"]
Relation = Literal["exact", "near", "rewrite"]

#: Query parameters that only track a click and never change what a URL points at.
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid|ref|share)$", re.I)

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date, with the time of day when the page gives one."""

    date: dt.date
    time: dt.time | None = None

    def iso(self) -> str:
        if self.time is None:
            return self.date.isoformat()
        return f"{self.date.isoformat()}T{self.time.strftime('%H:%M')}"

    @classmethod
    def from_iso(cls, text: str) -> Published:
        if "T" in text:
            day, clock = text.split("T", 1)
            return cls(dt.date.fromisoformat(day), dt.time.fromisoformat(clock[:5]))
        return cls(dt.date.fromisoformat(text))


@dataclass(frozen=True, slots=True, init=False)
class SourceRef:
    """Where an item was read: a file and 1-based line, or a URL (``__init__`` written
    out, as :class:`Article`'s)."""

    file: str | None
    line: int | None
    url: str | None

    def __init__(self, file: str | None = None, line: int | None = None,
                 url: str | None = None) -> None:
        _set = object.__setattr__  # frozen: the dataclass's own __init__ sets fields so too
        _set(self, "file", file)
        _set(self, "line", line)
        _set(self, "url", url)

    def as_dict(self) -> dict[str, Any]:
        if self.url is not None and self.file is None:
            return {"url": self.url}
        return {"file": self.file, "line": self.line}


@dataclass(frozen=True, slots=True, init=False)
class Sighting:
    """One time an item was seen: where, when the page was captured, its view count then
    (``__init__`` written out, as :class:`Article`'s)."""

    source: SourceRef
    captured: dt.date | None
    views: int | None
    #: Hash of the capture's bytes, so that re-reading a moved or renamed file adds nothing.
    content_hash: str | None

    def __init__(self, source: SourceRef, captured: dt.date | None = None,
                 views: int | None = None, content_hash: str | None = None) -> None:
        _set = object.__setattr__
        _set(self, "source", source)
        _set(self, "captured", captured)
        _set(self, "views", views)
        _set(self, "content_hash", content_hash)

    def as_dict(self) -> dict[str, Any]:
        out = self.source.as_dict()
        out["captured"] = self.captured.isoformat() if self.captured else None
        out["views"] = self.views
        return out


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place mentioned in an article (set by the entities stage)."""

    text: str
    type: str
    canonical: str | None = None
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """An interaction between named parties (set by the events stage)."""

    type: str
    date: dt.date | None = None
    place: str | None = None
    participants: tuple[Participant, ...] = ()
    organizations: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DuplicateRef:
    """Points at the story's article this one copies, and how (set by the stories stage)."""

    id: str
    relation: Relation


@dataclass(slots=True, init=False)
class Article:
    """One news article as read from a page, cleaned, and enriched by later stages.

    Its ``__init__`` is written out, not generated: one article is made per item read,
    and the compiled reader (qaznews.build) runs a written ``__init__`` as native code, a
    generated one as Python. The defaults are the ``__init__``'s; the fields below are
    declared in the same order, for ``dataclasses.fields``, ``==`` and ``repr``.
    """

    title: str | None
    body: str
    published: Published | None
    views: int | None
    url: str | None
    outlet: str | None
    language: str | None
    title_language: str | None
    body_language: str | None
    captured: dt.date | None
    source: SourceRef
    sightings: list[Sighting]
    # Attached by later stages; empty until those stages run.
    story: str | None
    duplicate_of: DuplicateRef | None
    entities: list[Entity]
    events: list[Event]
    topics: list[str]
    id: str
    kind: ItemKind

    def __init__(self, title: str | None, body: str, published: Published | None = None,
                 views: int | None = None, url: str | None = None, outlet: str | None = None,
                 language: str | None = None, title_language: str | None = None,
                 body_language: str | None = None, captured: dt.date | None = None,
                 source: SourceRef | None = None, sightings: list[Sighting] | None = None,
                 story: str | None = None, duplicate_of: DuplicateRef | None = None,
                 entities: list[Entity] | None = None, events: list[Event] | None = None,
                 topics: list[str] | None = None, id: str = "",
                 kind: ItemKind = "article") -> None:
        self.title = title
        self.body = body
        self.published = published
        self.views = views
        self.url = url
        self.outlet = outlet
        self.language = language
        self.title_language = title_language
        self.body_language = body_language
        self.captured = captured
        self.source = SourceRef() if source is None else source
        self.sightings = [] if sightings is None else sightings
        self.story = story
        self.duplicate_of = duplicate_of
        self.entities = [] if entities is None else entities
        self.events = [] if events is None else events
        self.topics = [] if topics is None else topics
        self.kind = kind
        self.id = id or article_id(url, outlet, title, published, body)


@dataclass(slots=True, init=False)
class Link:
    """An item that only points at an article, such as a "Most viewed" entry (its
    ``__init__`` written out, as :class:`Article`'s)."""

    title: str
    published: Published | None
    views: int | None
    url: str | None
    captured: dt.date | None
    source: SourceRef
    sightings: list[Sighting]
    id: str
    kind: ItemKind

    def __init__(self, title: str, published: Published | None = None, views: int | None = None,
                 url: str | None = None, captured: dt.date | None = None,
                 source: SourceRef | None = None, sightings: list[Sighting] | None = None,
                 id: str = "", kind: ItemKind = "link") -> None:
        self.title = title
        self.published = published
        self.views = views
        self.url = url
        self.captured = captured
        self.source = SourceRef() if source is None else source
        self.sightings = [] if sightings is None else sightings
        self.kind = kind
        self.id = id or link_id(url, title, published)


Item = Article | Link

#: The id a reader gives an item whose identifying fields are not final yet (its outlet is
#: named by a later stage); the pipeline's `identify` stage replaces it.
UNIDENTIFIED = "unidentified"


def normalise_title(title: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a title, for identity."""
    if not title:
        return ""
    text = title.casefold()
    if not text.isascii():
        text = _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))
    # Word by word: most words hold no punctuation, which str.isalnum tells at C speed;
    # one regex substitution over the whole title costs three times as much.
    words: list[str] = []
    for token in text.split():
        if token.isalnum():
            words.append(token)
        else:
            words.extend(part for part in _NON_WORD.split(token) if part)
    return " ".join(words)


#: The shape most news URLs have: http(s), a lower-case host, a path, at most one query
#: parameter of URL-safe characters, no port, no fragment. Such a URL is canonicalised
#: without parsing it (a tenth of the time; a property test holds both ways equal).
_SIMPLE_URL = re.compile(
    r"https?://([a-z0-9.-]+)(/[^?#]*)?(?:\?(([A-Za-z0-9_.~-]+)=[A-Za-z0-9_.~-]*)?)?"
)


def canonical_url(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped."""
    simple = _SIMPLE_URL.fullmatch(url.strip())
    if simple is None:
        return _canonical_url_parsed(url)
    host, path, query, name = simple.groups()
    path = path or "/"
    if "//" in path or (name and _TRACKING_PARAMS.match(name)):
        return _canonical_url_parsed(url)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return f"https://{host.removeprefix('www.')}{path}" + (f"?{query}" if query else "")


def _canonical_url_parsed(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
               if not _TRACKING_PARAMS.match(k))
    )
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    # http and https name the same article on every outlet we read.
    scheme = parts.scheme.lower()
    if scheme in ("", "http"):
        scheme = "https"
    return urlunsplit((scheme, netloc, path, query, ""))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def article_id(
    url: str | None,
    outlet: str | None,
    title: str | None,
    published: Published | None,
    body: str = "",
) -> str:
    """Stable id: canonical URL, else outlet + normalised title + publication *date*.

    The date and not the time, because one capture may give only the date and
    another the date and time of the same article. An article with neither URL
    nor title is identified by its text.
    """
    if url:
        return "a" + _digest("url", canonical_url(url))
    day = published.date.isoformat() if published else ""
    key_title = normalise_title(title)
    if not key_title:
        key_title = "body:" + normalise_title(body[:600])[:400]
    return "a" + _digest("title", (outlet or "").casefold(), key_title, day)


def link_id(url: str | None, title: str, published: Published | None) -> str:
    if url:
        return "l" + _digest("url", canonical_url(url))
    day = published.date.isoformat() if published else ""
    return "l" + _digest("title", normalise_title(title), day)


def item_to_record(item: Item) -> dict[str, Any]:
    """The JSON shape that `parse` prints and `export` writes (sightings added by export)."""
    record: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "published": item.published.iso() if item.published else None,
        "views": item.views,
    }
    if isinstance(item, Article):
        record.update(
            body=item.body,
            url=item.url,
            outlet=item.outlet,
            language=item.language,
            title_language=item.title_language,
            body_language=item.body_language,
        )
    else:
        record.update(body=None, url=item.url, outlet=None, language=None,
                      title_language=None, body_language=None)
    record["captured"] = item.captured.isoformat() if item.captured else None
    record["source"] = item.source.as_dict()
    if isinstance(item, Article):
        record["story"] = item.story
        record["duplicate_of"] = (
            {"id": item.duplicate_of.id, "relation": item.duplicate_of.relation}
            if item.duplicate_of else None
        )
        record["entities"] = [entity_to_dict(e) for e in item.entities]
        record["events"] = [event_to_dict(e) for e in item.events]
        record["topics"] = list(item.topics)
    return record


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {"text": entity.text, "type": entity.type, "canonical": entity.canonical,
            "role": entity.role, "affiliation": entity.affiliation}


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "date": event.date.isoformat() if event.date else None,
        "place": event.place,
        "participants": [
            {"name": p.name, "role": p.role, "affiliation": p.affiliation}
            for p in event.participants
        ],
        "organizations": list(event.organizations),
        "agreements": list(event.agreements),
        "evidence": list(event.evidence),
    }
