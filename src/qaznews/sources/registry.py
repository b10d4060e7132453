"""The sources registry: which outlets are crawled, where their feeds and listings are.

A registry is a TOML file of ``[[source]]`` tables (the bundled one is
``qaznews/data/sources.toml``; docs/CRAWL.md describes every key). Reading it is
strict: bad TOML, an unknown key, a missing key, a bad URL or regular expression is a
:class:`SourcesError` naming the file and line, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from qaznews.errors import QaznewsError

ReaderName = Literal["kazakhstan_today", "qazinform", "govkz", "astana_times", "generic"]
READERS: tuple[ReaderName, ...] = (
    "kazakhstan_today", "qazinform", "govkz", "astana_times", "generic",
)
#: Language tags a source may declare: the three languages qaznews reads, and Kazakh
#: with its script named (BCP 47), since the Latin and Cyrillic editions differ.
LANGUAGES = ("en", "ru", "kk", "kk-Latn", "kk-Cyrl")
#: Kazakhstan's one time zone since March 2024: feed times given in UTC are shown in it.
DEFAULT_TIMEZONE = "+05:00"

_REQUIRED = ("id", "name", "languages", "reader", "article_patterns")
_OPTIONAL = ("feeds", "listings", "delay", "timezone", "outlet")
_KNOWN = _REQUIRED + _OPTIONAL
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")
_HEADER = re.compile(r"^\s*\[\[\s*\"?source\"?\s*\]\]")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


class SourcesError(QaznewsError):
    """A sources registry that cannot be read."""

    code = "Q400"


@dataclass(frozen=True, slots=True)
class Source:
    """One outlet (or one edition of it) to crawl."""

    id: str
    name: str
    languages: tuple[str, ...]
    reader: ReaderName
    article_patterns: tuple[re.Pattern[str], ...]
    feeds: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    #: Seconds between two requests to this source's hosts; None: the `crawl_delay` setting.
    delay: float | None = None
    #: The outlet's local time, for feed times given in another offset.
    timezone: dt.timezone = dt.timezone(dt.timedelta(hours=5))
    #: The outlet name given to articles read from this source (default: ``name``).
    outlet: str | None = None

    def is_article_url(self, url: str) -> bool:
        """Whether ``url`` is one of this source's article pages."""
        return any(pattern.search(url) for pattern in self.article_patterns)

    @property
    def outlet_name(self) -> str:
        return self.outlet or self.name


def bundled_sources_path() -> Path:
    """The registry that ships with qaznews."""
    return Path(str(resources.files("qaznews") / "data" / "sources.toml"))


def load_sources(path: Path | None = None) -> list[Source]:
    """The sources of the registry at ``path`` (the bundled one when None)."""
    path = path or bundled_sources_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourcesError("sources registry not found", where=str(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read sources registry: {exc}", where=str(path)) from exc
    return parse_sources(text, name=str(path))


def parse_sources(text: str, *, name: str = "<sources>") -> list[Source]:
    """Sources from registry text; errors name ``name`` and the line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = _TOML_LINE.search(message)
        message = _TOML_LINE.sub("", message).strip()
        where = f"{name}:{line.group(1)}" if line else name
        raise SourcesError(f"bad TOML: {message}", where=where) from exc
    lines = text.splitlines()
    headers = [i + 1 for i, line in enumerate(lines) if _HEADER.match(line)]
    for key in data:
        if key != "source":
            raise SourcesError(
                f"unknown top-level key {key!r} (sources are [[source]] tables)",
                where=f"{name}:{_line_of(lines, key, 1, len(lines)) or 1}",
            )
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise SourcesError("no [[source]] tables", where=name)
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        start = headers[index] if index < len(headers) else 1
        end = headers[index + 1] - 1 if index + 1 < len(headers) else len(lines)
        source = _source(table, name, lines, start, end)
        if source.id in seen:
            raise SourcesError(
                f"source id {source.id!r} used twice (first at line {seen[source.id]})",
                where=f"{name}:{_line_of(lines, 'id', start, end) or start}",
            )
        seen[source.id] = start
        sources.append(source)
    return sources


def select_sources(sources: Iterable[Source], ids: Iterable[str]) -> list[Source]:
    """The sources with the given ids, in registry order; an unknown id is an error."""
    sources = list(sources)
    wanted = list(ids)
    known = {s.id for s in sources}
    unknown = [i for i in wanted if i not in known]
    if unknown:
        raise SourcesError(
            f"unknown source {unknown[0]!r} (known: {', '.join(sorted(known))})"
        )
    return [s for s in sources if s.id in wanted]


def _line_of(lines: list[str], key: str, start: int, end: int) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start, end + 1):
        if pattern.match(lines[number - 1]):
            return number
    return None


def _source(table: Any, name: str, lines: list[str], start: int, end: int) -> Source:
    def fail(message: str, key: str | None = None) -> SourcesError:
        line = (_line_of(lines, key, start, end) if key else None) or start
        return SourcesError(message, where=f"{name}:{line}")

    if not isinstance(table, dict):
        raise fail("a source must be a table")
    label = f"source {table.get('id')!r}" if isinstance(table.get("id"), str) else "source"
    for key in table:
        if key not in _KNOWN:
            raise fail(f"unknown key {key!r} in {label} (known: {', '.join(_KNOWN)})", key)
    for key in _REQUIRED:
        if key not in table:
            raise fail(f"{label} lacks {key!r}")

    def text(key: str) -> str:
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{key!r} of {label} must be a non-empty string", key)
        return value.strip()

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(f"{key!r} of {label} must be a list of strings", key)
        return tuple(v.strip() for v in value)

    source_id = text("id")
    if not _ID.match(source_id):
        raise fail(f"id {source_id!r} must be lower-case letters, digits, '-' or '_'", "id")
    languages = strings("languages")
    if not languages:
        raise fail(f"{label} must name at least one language", "languages")
    for language in languages:
        if language not in LANGUAGES:
            raise fail(f"unknown language {language!r} in {label} "
                       f"(known: {', '.join(LANGUAGES)})", "languages")
    reader = text("reader")
    if reader not in READERS:
        raise fail(f"unknown reader {reader!r} in {label} (known: {', '.join(READERS)})",
                   "reader")
    urls: dict[str, tuple[str, ...]] = {}
    for key in ("feeds", "listings"):
        urls[key] = strings(key)
        for url in urls[key]:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise fail(f"{key!r} of {label}: {url!r} is not an http(s) URL", key)
    if not urls["feeds"] and not urls["listings"]:
        raise fail(f"{label} has neither feeds nor listings")
    patterns: list[re.Pattern[str]] = []
    for pattern in strings("article_patterns"):
        try:
            patterns.append(re.compile(pattern))
        except re.error as exc:
            raise fail(f"bad article pattern {pattern!r} in {label}: {exc}",
                       "article_patterns") from exc
    if not patterns:
        raise fail(f"{label} needs at least one article pattern", "article_patterns")
    delay: float | None = None
    if "delay" in table:
        value = table["delay"]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise fail(f"delay of {label} must be a number of seconds, 0 or more", "delay")
        delay = float(value)
    zone = DEFAULT_TIMEZONE
    if "timezone" in table:
        zone = text("timezone")
    offset = _OFFSET.match(zone)
    if offset is None:
        raise fail(f"timezone of {label} must be an offset like '+05:00'", "timezone")
    sign = -1 if offset.group(1) == "-" else 1
    timezone = dt.timezone(sign * dt.timedelta(hours=int(offset.group(2)),
                                               minutes=int(offset.group(3))))
    return Source(
        id=source_id, name=text("name"), languages=languages,
        reader=reader, article_patterns=tuple(patterns),
        feeds=urls["feeds"], listings=urls["listings"], delay=delay, timezone=timezone,
        outlet=text("outlet") if "outlet" in table else None,
    )


__all__ = [
    "LANGUAGES", "READERS", "ReaderName", "Source", "SourcesError", "bundled_sources_path",
    "load_sources", "parse_sources", "select_sources",
]
