"""Feeds: RSS 0.9x, 1.0 (RDF), 2.0 and Atom, read through feedparser.

Each entry becomes one :class:`FeedEntry` (title, link, publication date and time,
summary, content, author), and :func:`entry_article` makes it an :class:`Article`.
An entry that carries only a teaser is marked ``teaser``, so the crawler fetches
the full page. A feed feedparser cannot read gives a :class:`FeedError` with a
one-line message; a feed with flaws but with entries is read, with a warning.

Times. A feed's date carries an offset; the publication time kept is the wall-clock
time in the outlet's own zone (``Source.timezone``, Kazakhstan's +05:00 by default),
which is what the outlet's pages show, so a feed entry and its page agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import feedparser

from qaznews.errors import QaznewsError
from qaznews.model import Article, Published, Sighting, SourceRef

#: A summary of fewer words is a teaser whether or not it ends with an ellipsis;
#: feeds that carry the whole text in <description> carry more.
TEASER_MAX_WORDS = 60
#: Endings that mark a text as cut short ("…", "[...]", "Read more", "Подробнее").
_CUT = re.compile(
    r"(\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]|read more|continue reading|подробнее|читать далее|"
    r"толығырақ)\W*$",
    re.I,
)
_KAZAKHSTAN = dt.timezone(dt.timedelta(hours=5))


class FeedError(QaznewsError):
    """A feed that cannot be read as RSS or Atom."""

    code = "Q420"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, as plain text."""

    url: str | None
    title: str | None
    published: Published | None
    summary: str
    content: str
    author: str | None
    teaser: bool

    @property
    def body(self) -> str:
        return self.content or self.summary

    def content_hash(self) -> str:
        parts = (self.url or "", self.title or "", self.summary, self.content)
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Feed:
    url: str
    title: str | None
    version: str
    entries: list[FeedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Text(HTMLParser):
    """HTML to plain text: block elements become paragraph breaks, scripts are dropped."""

    BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
                        "h6", "blockquote", "tr", "table", "section", "article", "figure",
                        "figcaption", "pre", "hr"})
    SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: one paragraph a line, spaces folded."""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def parse_feed(data: bytes, *, url: str, timezone: dt.tzinfo = _KAZAKHSTAN,
               content_type: str | None = None) -> Feed:
    """The entries of a feed's bytes; raises :class:`FeedError` when it is no feed."""
    # Without a type feedparser flags every feed; an XML type lets it judge the bytes.
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    if not data.isascii() and _valid_utf8(data) and not _declares_utf8(data):
        # Valid UTF-8 that declares a single-byte charset is UTF-8 all the same (random
        # cp1251 text is almost never valid UTF-8): the HTTP charset overrides the XML's.
        headers["content-type"] = "application/xml; charset=utf-8"
    # Bytes, never a string: given a string that looks like a URL, feedparser fetches it.
    parsed = feedparser.parse(bytes(data), response_headers=headers,
                              resolve_relative_uris=True, sanitize_html=True)
    version = str(parsed.get("version") or "")
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries and (not version or problem is not None):
        detail = f": {_one_line(problem)}" if problem else ""
        raise FeedError(f"not an RSS or Atom feed{detail}", where=url)
    feed = Feed(url=url, title=_clean(parsed.feed.get("title")), version=version)
    if problem is not None:
        feed.warnings.append(f"{url}: feed has flaws, read anyway: {_one_line(problem)}")
    for raw in entries:
        feed.entries.append(_entry(raw, timezone))
    return feed


def entry_article(entry: FeedEntry, *, feed_url: str, outlet: str | None,
                  captured: dt.date | None) -> Article:
    """The article an entry gives (the teaser as body when it only has a teaser)."""
    source = SourceRef(url=feed_url)
    return Article(
        title=entry.title, body=entry.body, published=entry.published, url=entry.url,
        outlet=outlet, captured=captured, source=source,
        sightings=[Sighting(source, captured, None, entry.content_hash())],
    )


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declares_utf8(data: bytes) -> bool:
    declared = _XML_ENCODING.match(data[:200])
    return declared is None or declared.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8")


def _one_line(problem: object) -> str:
    text = " ".join(str(problem).split()) or type(problem).__name__
    return text[:200]


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = html_to_text(html.unescape(value) if "&" in value else value)
    return " ".join(text.split()) or None


def _entry(raw: Any, timezone: dt.tzinfo) -> FeedEntry:
    summary = html_to_text(str(raw.get("summary") or ""))
    contents = [html_to_text(str(c.get("value") or "")) for c in raw.get("content") or []]
    content = max(contents, key=len, default="")
    if content == summary or len(content.split()) < len(summary.split()):
        content = ""  # feedparser repeats a lone <summary> as content; keep the fuller text
    if content:
        teaser = bool(_CUT.search(content))
    else:
        teaser = (len(summary.split()) < TEASER_MAX_WORDS or bool(_CUT.search(summary)))
    link = raw.get("link")
    if not link:
        for candidate in raw.get("links") or []:
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate["href"]
                break
    if not link and raw.get("guidislink"):
        link = raw.get("id")
    return FeedEntry(
        url=str(link).strip() if link else None,
        title=_clean(raw.get("title")),
        published=_published(raw, timezone),
        summary=summary,
        content=content,
        author=_clean(raw.get("author")),
        teaser=teaser,
    )


def _published(raw: Any, timezone: dt.tzinfo) -> Published | None:
    for key in ("published", "updated", "created"):
        text = raw.get(key)
        when = _parse_date(text) if isinstance(text, str) else None
        if when is None:
            parsed = raw.get(f"{key}_parsed")
            if parsed:
                when = dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
        if when is None:
            continue
        if when.tzinfo is None:  # no offset given: taken as the outlet's own time
            return Published(when.date(), when.time().replace(second=0, microsecond=0))
        local = when.astimezone(timezone)
        return Published(local.date(), local.time().replace(second=0, microsecond=0,
                                                            tzinfo=None))
    return None


def _parse_date(text: str) -> dt.datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None and text.endswith("-0000"):  # RFC 5322: UTC, local zone unknown
        return when.replace(tzinfo=dt.UTC)
    return when


__all__ = ["TEASER_MAX_WORDS", "Feed", "FeedEntry", "FeedError", "entry_article",
           "html_to_text", "parse_feed"]
