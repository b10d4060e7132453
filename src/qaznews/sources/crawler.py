"""The crawler: feeds, listings and article pages of the registry's sources, into the store.

For each source, in registry order, its feeds and then its listing pages are fetched
(conditionally, with the validators of the last crawl):

- a feed entry with its full text is stored as an article at once; an entry with only
  a teaser is stored too (its teaser as body) and its page is queued, so the page's
  full text is merged into it (the store keeps the fuller text);
- a listing's links that match the source's ``article_patterns`` are queued.

Then the queued pages are fetched, the host that may be asked soonest first, and
read with the page reader; each page's items are written in a transaction of their
own, with the page's crawl state, so an interruption loses nothing written and the
next crawl goes on from the queue (:mod:`qaznews.store.crawl`). A URL whose article
is stored (under its own URL, a redirect's or the page's canonical link) is never
fetched again.

URLs are normalised with courlan (and fragments dropped) for fetching, and
de-duplicated by their canonical form, the one article ids are made from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from courlan import normalize_url

from qaznews.model import Article, Item, Link
from qaznews.settings import load_settings
from qaznews.sources.feeds import FeedError, entry_article, parse_feed
from qaznews.sources.fetch import (
    FEED_TYPES,
    PAGE_TYPES,
    Fetcher,
    FetchError,
    FetchPolicy,
    Response,
    decode_html,
)
from qaznews.sources.registry import Source
from qaznews.store.crawl import CrawlRecord, CrawlState
from qaznews.store.sqlite import Store

#: Reads one fetched page (its bytes as served, and its final URL) into items.
PageReader = Callable[[bytes, str], list[Item]]
#: Turns read items into the items to store (the pipeline: clean, outlet, language, identify).
Process = Callable[[list[Item]], list[Item]]
#: Called inside each write's transaction with the items written (to update stories).
AfterWrite = Callable[[list[Item]], None]
ProgressKind = Literal["feed", "listing", "page"]


@dataclass(frozen=True, slots=True)
class CrawlProgress:
    """One URL handled: what it was, what came of it, and how far the pages are."""

    kind: ProgressKind
    url: str
    #: ``new``, ``updated``, ``unchanged``, ``read``, ``robots``, ``failed``, or ``known``
    #: (a queued page not fetched: its article was stored meanwhile under another URL).
    outcome: str
    source: str
    #: Pages asked for so far in this crawl (what ``max_pages`` bounds).
    pages_done: int
    #: Pages to ask for in this crawl as known now (grows as feeds and listings are read).
    pages_total: int


ProgressCallback = Callable[[CrawlProgress], None]


@dataclass(slots=True)
class CrawlSummary:
    """What a crawl did. ``new`` and ``updated`` count items; the rest count URLs."""

    fetched: int = 0
    #: Article pages fetched and read (a 404 is fetched, not read).
    pages: int = 0
    new: int = 0
    updated: int = 0
    #: Fetches answered with 304, or with the same content as last time.
    unchanged: int = 0
    queued: int = 0
    skipped_old: int = 0
    skipped_robots: list[str] = field(default_factory=list)
    #: URL -> reason.
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Pages still queued when the crawl ended (``max_pages`` reached, or retry later).
    left: int = 0

    def line(self) -> str:
        return (
            f"{self.fetched} fetched ({self.pages} pages), {self.new} new, "
            f"{self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.skipped_robots)} skipped by robots.txt, {len(self.failed)} failed, "
            f"{self.left} left in the queue"
        )


# -- URLs ----------------------------------------------------------------------------


def normalise_url(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL, normalised (courlan), without its fragment; None if unusable."""
    url = url.strip()
    if not url:
        return None
    if base is not None:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        normal = str(normalize_url(url))
    except (ValueError, TypeError, AttributeError):
        return None
    return normal.split("#", 1)[0]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)
        elif tag == "base" and self.base is None:
            self.base = dict(attrs).get("href")


def extract_links(html: str, url: str) -> list[str]:
    """The absolute, normalised link targets of a page, in order, each once."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    base = urljoin(url, parser.base) if parser.base else url
    seen: set[str] = set()
    links: list[str] = []
    for href in parser.hrefs:
        link = normalise_url(href, base)
        if link is not None and link not in seen:
            seen.add(link)
            links.append(link)
    return links


def _hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# -- the crawl -----------------------------------------------------------------------


class _Crawl:
    def __init__(self, store: Store, sources: Sequence[Source], *, page_reader: PageReader,
                 fetcher: Fetcher, since: dt.date | None, max_pages: int | None,
                 max_attempts: int, progress: ProgressCallback | None,
                 process: Process | None, after_write: AfterWrite | None,
                 captured: dt.date) -> None:
        self.store = store
        self.state = CrawlState(store)
        self.sources = {source.id: source for source in sources}
        self.order = list(sources)
        self.page_reader = page_reader
        self.fetcher = fetcher
        self.since = since
        self.max_pages = max_pages
        self.max_attempts = max_attempts
        self.progress = progress
        self.process = process
        self.after_write = after_write
        self.captured = captured
        self.summary = CrawlSummary()
        self.queues: dict[str, deque[CrawlRecord]] = {}
        self.pending = 0
        self.asked = 0

    # -- helpers -------------------------------------------------------------------

    def _report(self, kind: ProgressKind, url: str, outcome: str, source: str) -> None:
        if self.progress is not None:
            total = self.asked + self.pending
            if self.max_pages is not None:
                total = min(total, self.max_pages)
            self.progress(CrawlProgress(kind, url, outcome, source, self.asked, total))

    def _write(self, items: list[Item]) -> str:
        """Write items (inside the caller's transaction); the outcome for progress."""
        if self.process is not None:
            items = self.process(items)
        if not items:
            return "read"
        counts = self.store.write(items)
        if self.after_write is not None:
            self.after_write(items)
        self.summary.new += counts.new
        self.summary.updated += counts.updated
        return "new" if counts.new else "updated" if counts.updated else "unchanged"

    def _old(self, item: Item) -> bool:
        return (self.since is not None and item.published is not None
                and item.published.date < self.since)

    def _fail(self, url: str, source: str, kind: ProgressKind, error: FetchError) -> None:
        with self.store.transaction():
            state = self.state.record_failure(url, error=error.reason, status=error.status,
                                              retryable=error.retryable,
                                              max_attempts=self.max_attempts)
            if error.kind == "robots" and not error.retryable:
                self.state.record_fetch(url, state="robots", error=error.reason)
        if error.kind == "robots":
            self.summary.skipped_robots.append(url)
            self._report(kind, url, "robots", source)
            return
        note = "" if state != "queued" else " (queued again for the next crawl)"
        self.summary.failed[url] = error.reason + note
        self._report(kind, url, "failed", source)

    def _fetch(self, url: str, source: Source, accept: Sequence[str],
               record: CrawlRecord | None, kind: ProgressKind) -> Response | None:
        try:
            response = self.fetcher.fetch(
                url, accept=accept, delay=source.delay,
                etag=record.etag if record else None,
                last_modified=record.last_modified if record else None,
            )
        except FetchError as exc:
            self._fail(url, source.id, kind, exc)
            return None
        self.summary.fetched += 1
        return response

    def _unchanged(self, url: str, source: Source, kind: ProgressKind, record: CrawlRecord,
                   response: Response) -> bool:
        digest = None if response.not_modified else _hash(response.content)
        if not response.not_modified and digest != record.content_hash:
            return False
        self.summary.unchanged += 1
        with self.store.transaction():
            self.state.record_fetch(url, state="done", status=response.status,
                                    etag=response.etag, last_modified=response.last_modified)
        self._report(kind, url, "unchanged", source.id)
        return True

    def _queue(self, url: str, source: Source, *, found_on: str,
               hint: dict[str, Any] | None = None) -> None:
        """Queue a page (inside a transaction); it joins this crawl's queue."""
        if self.state.enqueue(url, source=source.id, found_on=found_on, hint=hint):
            record = self.state.get(url)
            assert record is not None
            self.queues.setdefault(urlsplit(url).netloc, deque()).append(record)
            self.pending += 1
            self.summary.queued += 1

    # -- feeds and listings --------------------------------------------------------

    def feed(self, url: str, source: Source) -> None:
        with self.store.transaction():
            record = self.state.register(url, source=source.id, kind="feed")
        response = self._fetch(url, source, FEED_TYPES, record, "feed")
        if response is None or self._unchanged(url, source, "feed", record, response):
            return
        try:
            feed = parse_feed(response.content, url=response.final_url,
                              timezone=source.timezone, content_type=response.content_type)
        except FeedError as exc:
            with self.store.transaction():
                self.state.record_fetch(url, state="done", status=response.status,
                                        error=str(exc))
            self.summary.failed[url] = exc.args[0]
            self._report("feed", url, "failed", source.id)
            return
        self.summary.warnings.extend(feed.warnings)
        outcome = "unchanged"
        with self.store.transaction():
            items: list[Item] = []
            for entry in feed.entries:
                link = normalise_url(entry.url, response.final_url) if entry.url else None
                if link is None:
                    continue
                article = entry_article(replace(entry, url=link), feed_url=response.final_url,
                                        outlet=source.outlet_name, captured=self.captured)
                if self._old(article):
                    self.summary.skipped_old += 1
                    continue
                if entry.teaser:
                    hint = {"title": entry.title, "author": entry.author,
                            "published": entry.published.iso() if entry.published else None}
                    self._queue(link, source, found_on=url, hint=hint)
                else:
                    self.state.mark_known(link, source=source.id)
                items.append(article)
            if items:
                outcome = self._write(items)
            self.state.record_fetch(url, state="done", status=response.status,
                                    etag=response.etag, last_modified=response.last_modified,
                                    content_hash=_hash(response.content),
                                    final_url=response.final_url)
        self._report("feed", url, outcome, source.id)

    def listing(self, url: str, source: Source) -> None:
        with self.store.transaction():
            record = self.state.register(url, source=source.id, kind="listing")
        response = self._fetch(url, source, PAGE_TYPES, record, "listing")
        if response is None or self._unchanged(url, source, "listing", record, response):
            return
        text = decode_html(response.content, response.charset)[0]
        with self.store.transaction():
            for link in extract_links(text, response.final_url):
                if source.is_article_url(link):
                    self._queue(link, source, found_on=url)
            self.state.record_fetch(url, state="done", status=response.status,
                                    etag=response.etag, last_modified=response.last_modified,
                                    content_hash=_hash(response.content),
                                    final_url=response.final_url)
        self._report("listing", url, "read", source.id)

    # -- pages ---------------------------------------------------------------------

    def load_queue(self) -> None:
        for record in self.state.queued(self.sources):
            self.queues.setdefault(urlsplit(record.url).netloc, deque()).append(record)
            self.pending += 1

    def _next(self) -> CrawlRecord | None:
        """The next page: from the host that may be asked soonest."""
        ready = [(self.fetcher.ready_in(queue[0].url), index, host)
                 for index, (host, queue) in enumerate(self.queues.items()) if queue]
        if not ready:
            return None
        host = min(ready)[2]
        self.pending -= 1
        return self.queues[host].popleft()

    def pages(self) -> None:
        tried: set[str] = set()
        while self.max_pages is None or self.asked < self.max_pages:
            record = self._next()
            if record is None:
                break
            if record.key in tried:
                continue
            tried.add(record.key)
            current = self.state.get(record.url)
            if current is None or current.state != "queued":  # reached under another URL
                self._report("page", record.url, "known", record.source)
                continue
            self.asked += 1
            self.page(current)
        self.summary.left = len(self.state.queued(self.sources))

    def page(self, record: CrawlRecord) -> None:
        source = self.sources[record.source]
        response = self._fetch(record.url, source, PAGE_TYPES, None, "page")
        if response is None:
            return
        self.summary.pages += 1
        final = normalise_url(response.final_url) or response.final_url
        try:
            items = self.page_reader(response.content, final)
        except Exception as exc:  # a page the reader cannot read is set aside, not a crash
            self._set_aside(record, response, f"page reader failed: {exc}")
            return
        if not items:
            self._set_aside(record, response, "page reader found no article")
            return
        kept = [item for item in items if not self._old(item)]
        self.summary.skipped_old += len(items) - len(kept)
        with self.store.transaction():
            outcome = self._write(kept) if kept else "read"
            self.state.record_fetch(record.url, state="done", status=response.status,
                                    etag=response.etag, last_modified=response.last_modified,
                                    content_hash=_hash(response.content), final_url=final)
            for url in {final, *(item.url for item in items
                                 if isinstance(item, Article) and item.url)}:
                target = normalise_url(url, final)
                if target is not None:
                    self.state.mark_known(target, source=source.id, alias_of=record.url)
            for item in items:
                if isinstance(item, Link) and item.url:
                    target = normalise_url(item.url, final)
                    if target is not None and source.is_article_url(target):
                        self._queue(target, source, found_on=record.url)
        self._report("page", record.url, outcome, source.id)

    def _set_aside(self, record: CrawlRecord, response: Response, reason: str) -> None:
        with self.store.transaction():
            self.state.record_fetch(record.url, state="failed", status=response.status,
                                    content_hash=_hash(response.content),
                                    final_url=response.final_url, error=reason)
        self.summary.failed[record.url] = reason
        self._report("page", record.url, "failed", record.source)


def crawl(store: Store, sources: Iterable[Source], *, page_reader: PageReader,
          since: dt.date | None = None, max_pages: int | None = None,
          allow_private: bool = False, progress: ProgressCallback | None = None,
          settings: dict[str, Any] | None = None, fetcher: Fetcher | None = None,
          process: Process | None = None, after_write: AfterWrite | None = None,
          captured: dt.date | None = None) -> CrawlSummary:
    """Crawl ``sources`` into ``store``; resumable, polite, and never fetching a page twice.

    ``page_reader`` reads a fetched article page (bytes, final URL) into items.
    ``since`` skips feed entries and page items published before that date;
    ``max_pages`` bounds the article pages fetched (feeds and listings are fetched
    once per crawl whatever it says). ``process`` (the pipeline) runs on items before
    they are stored, ``after_write`` inside each write's transaction (stories).
    ``settings`` gives the ``crawl_*`` settings (loaded when None); ``fetcher``
    replaces the fetcher they would make. An interruption (KeyboardInterrupt) leaves
    every page written so far stored and the rest queued for the next crawl.
    """
    settings = settings if settings is not None else load_settings()
    own = fetcher is None
    fetcher = fetcher or Fetcher(FetchPolicy.from_settings(settings,
                                                           allow_private=allow_private))
    try:
        run = _Crawl(store, list(sources), page_reader=page_reader, fetcher=fetcher,
                     since=since, max_pages=max_pages,
                     max_attempts=int(settings["crawl_max_attempts"]), progress=progress,
                     process=process, after_write=after_write,
                     captured=captured or dt.date.today())
        run.load_queue()
        for source in run.order:
            for url in source.feeds:
                run.feed(url, source)
            for url in source.listings:
                run.listing(url, source)
        run.pages()
        return run.summary
    finally:
        if own:
            fetcher.close()


__all__ = [
    "AfterWrite", "CrawlProgress", "CrawlSummary", "PageReader", "Process",
    "ProgressCallback", "crawl", "extract_links", "normalise_url",
]
