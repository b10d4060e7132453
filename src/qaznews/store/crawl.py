"""Crawl state in the store: the frontier and every URL fetched, with its validators.

One row per URL in ``crawl_urls`` (migration 3), keyed by the URL's canonical form
(:func:`qaznews.model.canonical_url`, the same form article ids are made from), so
``http://www.x.kz/a/`` and ``https://x.kz/a`` are one URL, fetched once.

``kind`` is ``feed``, ``listing`` or ``page``; ``state`` is one of:

- ``queued``: a page waiting to be fetched (``attempts`` counts crawls that failed
  on it for a reason that may pass: a timeout, a 5xx, an unreadable robots.txt);
- ``done``: fetched and read (feeds and listings are ``done`` between crawls, and
  fetched again, conditionally, by every crawl);
- ``known``: not fetched because its article is stored already: read from a feed
  entry with its full text, from a capture, or under another URL (``alias_of``:
  the URL a redirect or the page's canonical link led from);
- ``robots``: disallowed by robots.txt;
- ``failed``: given up (a 404, a refused address, too large, read nothing, or
  ``max_attempts`` crawls failed).

Every method writes through the store's connection; call the writing ones inside
:meth:`Store.transaction`, with the items they describe, so state and items land
together.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from qaznews.model import article_id, canonical_url
from qaznews.store.sqlite import Store

UrlKind = Literal["feed", "listing", "page"]
UrlState = Literal["queued", "done", "known", "robots", "failed"]
STATES: tuple[UrlState, ...] = ("queued", "done", "known", "robots", "failed")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class CrawlRecord:
    """One URL's crawl state."""

    key: str
    url: str
    source: str
    kind: UrlKind
    state: UrlState
    hint: dict[str, Any] | None
    found_on: str | None
    alias_of: str | None
    attempts: int
    error: str | None
    status: int | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    final_url: str | None
    fetched_at: str | None


def url_key(url: str) -> str:
    return canonical_url(url)


class CrawlState:
    """The crawl tables of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    def get(self, url: str) -> CrawlRecord | None:
        row = self.conn.execute("SELECT * FROM crawl_urls WHERE key = ?",
                                (url_key(url),)).fetchone()
        return None if row is None else _record(row)

    def article_stored(self, url: str) -> bool:
        """Whether the store holds an article identified by ``url``."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?",
                                (article_id(url, None, None, None),)).fetchone()
        return row is not None

    def register(self, url: str, *, source: str, kind: UrlKind) -> CrawlRecord:
        """A feed or listing of a source, added on first sight; its record."""
        self.conn.execute(
            "INSERT OR IGNORE INTO crawl_urls (key, url, source, kind, state, queued_at)"
            " VALUES (?, ?, ?, ?, 'queued', ?)",
            (url_key(url), url, source, kind, _now()),
        )
        record = self.get(url)
        assert record is not None
        return record

    def enqueue(self, url: str, *, source: str, found_on: str | None = None,
                hint: dict[str, Any] | None = None) -> bool:
        """Queue an article page unless its URL is known; True when it was queued.

        A URL whose article the store holds already (read from a capture or a feed)
        is recorded as ``known`` and not queued.
        """
        if self.conn.execute("SELECT 1 FROM crawl_urls WHERE key = ?",
                             (url_key(url),)).fetchone():
            return False
        state: UrlState = "known" if self.article_stored(url) else "queued"
        self.conn.execute(
            "INSERT INTO crawl_urls (key, url, source, kind, state, hint, found_on, queued_at)"
            " VALUES (?, ?, ?, 'page', ?, ?, ?, ?)",
            (url_key(url), url, source, state,
             json.dumps(hint, ensure_ascii=False) if hint else None, found_on, _now()),
        )
        return state == "queued"

    def mark_known(self, url: str, *, source: str, alias_of: str | None = None) -> None:
        """Record that ``url``'s article is stored: never fetch it (again)."""
        key = url_key(url)
        if alias_of is not None and url_key(alias_of) == key:
            return
        self.conn.execute(
            "INSERT INTO crawl_urls (key, url, source, kind, state, alias_of, queued_at)"
            " VALUES (?, ?, ?, 'page', 'known', ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET state = 'known', alias_of = excluded.alias_of"
            " WHERE crawl_urls.kind = 'page' AND crawl_urls.state IN ('queued', 'failed')",
            (key, url, source, alias_of, _now()),
        )

    def record_fetch(self, url: str, *, state: UrlState, status: int | None = None,
                     etag: str | None = None, last_modified: str | None = None,
                     content_hash: str | None = None, final_url: str | None = None,
                     error: str | None = None) -> None:
        """The outcome of fetching ``url``; validators are kept when a 304 gives none."""
        self.conn.execute(
            "UPDATE crawl_urls SET state = ?, status = ?, etag = coalesce(?, etag),"
            " last_modified = coalesce(?, last_modified),"
            " content_hash = coalesce(?, content_hash), final_url = coalesce(?, final_url),"
            " error = ?, fetched_at = ? WHERE key = ?",
            (state, status, etag, last_modified, content_hash, final_url, error, _now(),
             url_key(url)),
        )

    def record_failure(self, url: str, *, error: str, status: int | None, retryable: bool,
                       max_attempts: int) -> UrlState:
        """A failed fetch: the page stays queued while retryable and attempts remain."""
        row = self.conn.execute("SELECT attempts, kind FROM crawl_urls WHERE key = ?",
                                (url_key(url),)).fetchone()
        attempts = (int(row["attempts"]) if row else 0) + 1
        state: UrlState = "queued" if retryable and attempts < max_attempts else "failed"
        if row is not None and row["kind"] != "page":
            state = "done" if retryable else "failed"  # feeds and listings: asked every crawl
        self.conn.execute(
            "UPDATE crawl_urls SET state = ?, attempts = ?, error = ?, status = ?,"
            " fetched_at = ? WHERE key = ?",
            (state, attempts, error, status, _now(), url_key(url)),
        )
        return state

    def queued(self, sources: Iterable[str]) -> list[CrawlRecord]:
        """The queued pages of these sources, oldest first."""
        wanted = list(sources)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = self.conn.execute(
            "SELECT * FROM crawl_urls WHERE state = 'queued' AND kind = 'page'"
            f" AND source IN ({marks}) ORDER BY rowid",
            wanted,
        ).fetchall()
        return [_record(row) for row in rows]

    def counts(self) -> dict[str, int]:
        """How many URLs are in each state."""
        found: dict[str, int] = dict.fromkeys(STATES, 0)
        for row in self.conn.execute(
                "SELECT state, count(*) FROM crawl_urls GROUP BY state").fetchall():
            found[str(row[0])] = int(row[1])
        return found

    def requeue_failed(self, sources: Iterable[str] | None = None) -> int:
        """Put failed and robots-refused pages back in the queue (for a deliberate retry)."""
        sql = ("UPDATE crawl_urls SET state = 'queued', attempts = 0, error = NULL"
               " WHERE kind = 'page' AND state IN ('failed', 'robots')")
        params: list[str] = []
        if sources is not None:
            wanted = list(sources)
            sql += f" AND source IN ({', '.join('?' for _ in wanted)})"
            params = wanted
        return self.conn.execute(sql, params).rowcount


def _record(row: Any) -> CrawlRecord:
    return CrawlRecord(
        key=row["key"], url=row["url"], source=row["source"], kind=row["kind"],
        state=row["state"], hint=json.loads(row["hint"]) if row["hint"] else None,
        found_on=row["found_on"], alias_of=row["alias_of"], attempts=int(row["attempts"]),
        error=row["error"], status=row["status"], etag=row["etag"],
        last_modified=row["last_modified"], content_hash=row["content_hash"],
        final_url=row["final_url"], fetched_at=row["fetched_at"],
    )


__all__ = ["STATES", "CrawlRecord", "CrawlState", "UrlKind", "UrlState", "url_key"]
