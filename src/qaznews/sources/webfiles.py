"""Saved web material as input files: HTML pages, web archives (WARC) and feeds.

`qaznews parse` and `qaznews ingest` take these beside text captures. Each is read
whole (a saved page or feed is small; a WARC is streamed record by record), checked
like a capture (size, empty, truncated gzip), hashed for the store's "already read"
check, and turned into raw items by the readers of :mod:`qaznews.sources.html`,
:mod:`qaznews.sources.warc` and :mod:`qaznews.sources.feeds`.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from qaznews.errors import InputError
from qaznews.model import Item, Sighting, SourceRef
from qaznews.sources.files import FEED_SUFFIXES, PAGE_SUFFIXES, WARC_SUFFIXES

WebKind = Literal["page", "warc", "feed"]
_HASH_CHUNK = 1 << 20


@dataclass(slots=True)
class WebFile:
    """A saved page, web archive or feed, checked and hashed."""

    path: Path
    kind: WebKind
    size: int
    content_hash: str
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.path)


def web_kind(path: Path) -> WebKind | None:
    name = path.name.lower()
    if name.endswith(PAGE_SUFFIXES):
        return "page"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    return None


def open_web_file(path: Path, kind: WebKind, *, max_file_bytes: int) -> WebFile:
    """Check a web file before reading it; :class:`InputError` when it cannot be read."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError("empty file", where=where)
        if size > max_file_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the limit of {max_file_bytes:,} (setting "
                "max_file_bytes, or QAZNEWS_MAX_FILE_BYTES)", where=where)
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=where) from exc
    return WebFile(path=path, kind=kind, size=size, content_hash=digest.hexdigest())


def _page_bytes(web: WebFile, max_bytes: int) -> bytes:
    where = web.name
    try:
        data = web.path.read_bytes()
        if web.path.name.lower().endswith(".gz"):
            # Bounded: a small gzip can hide a huge page.
            decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
            data = decompressor.decompress(data, max_bytes)
            if decompressor.unconsumed_tail:
                raise InputError(f"page is over {max_bytes:,} bytes unpacked", where=where)
            if not decompressor.eof:
                raise InputError("truncated gzip file", where=where)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read: {exc}", where=where) from exc
    return data


def web_items(web: WebFile, *, max_bytes: int) -> Iterator[Item]:
    """The raw items of a web file, in the order the file holds them."""
    if web.kind == "page":
        from qaznews.sources.html import read_page

        yield from read_page(_page_bytes(web, max_bytes), source=SourceRef(file=web.name))
    elif web.kind == "warc":
        from qaznews.sources.html import read_page
        from qaznews.sources.warc import read_warc

        for url, body, captured in read_warc(web.path):
            yield from read_page(body, url=url, source=SourceRef(url=url), captured=captured)
    else:
        from qaznews.sources.feeds import entry_article, parse_feed

        feed = parse_feed(_page_bytes(web, max_bytes), url=web.path.resolve().as_uri())
        web.warnings.extend(feed.warnings)
        for entry in feed.entries:
            article = entry_article(entry, feed_url=web.path.resolve().as_uri(), outlet=None,
                                    captured=None)
            # A saved feed is a file: its sightings say so, like a capture's.
            article.source = SourceRef(file=web.name)
            article.sightings = [Sighting(article.source, None, None, sighting.content_hash)
                                 for sighting in article.sightings]
            yield article
