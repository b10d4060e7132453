"""The crawler against a local site: feeds, listings, pages, robots, resuming, limits."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from qaznews.model import Article, Item, Link, Published, Sighting, SourceRef
from qaznews.settings import load_settings
from qaznews.sources.crawler import CrawlProgress, crawl, extract_links, normalise_url
from qaznews.sources.registry import Source
from qaznews.store.crawl import CrawlState
from qaznews.store.sqlite import Store

from .conftest import REPO
from .webserver import Reply, WebServer

SETTINGS = load_settings(None, crawl_delay=0.0, crawl_backoff=0.0, crawl_timeout=2.0,
                         crawl_retries=0, crawl_max_attempts=2)
TODAY = dt.date(2025, 12, 12)

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_DATE = re.compile(r'<meta name="date" content="([^"]+)"')
_PARA = re.compile(r"<p>(.*?)</p>", re.S)
_MORE = re.compile(r'<a class="more" href="([^"]+)">(.*?)</a>')


def simple_reader(content: bytes, url: str) -> list[Item]:
    """A page reader good enough for the test pages: title, canonical link, date, paragraphs."""
    html = content.decode("utf-8")
    title = _TITLE.search(html)
    canonical = _CANONICAL.search(html)
    date = _DATE.search(html)
    source = SourceRef(url=url)
    digest = hashlib.sha256(content).hexdigest()
    items: list[Item] = [Article(
        title=title.group(1) if title else None,
        body="\n".join(_PARA.findall(html)),
        published=Published.from_iso(date.group(1)) if date else None,
        url=canonical.group(1) if canonical else url,
        captured=TODAY, source=source, sightings=[Sighting(source, TODAY, None, digest)],
    )]
    for href, text in _MORE.findall(html):
        items.append(Link(title=text, url=href, captured=TODAY, source=source))
    return items


def page(title: str, *, canonical: str | None = None, date: str = "2025-12-11T10:00",
         words: int = 40, more: tuple[str, ...] = ()) -> str:
    body = " ".join(f"{title.lower().replace(' ', '-')}-word{n}" for n in range(words))
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    links = "".join(f'<a class="more" href="{href}">More {href}</a>' for href in more)
    return (f'<html><head><title>{title}</title>{head}<meta name="date" content="{date}">'
            f"</head><body><p>{body}</p>{links}</body></html>")


def rss(web: WebServer) -> str:
    full_text = " ".join(f"word{n}" for n in range(80))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Local News</title><link>{web.base}/</link><description>x</description>
<item><title>Full one</title><link>{web.url('/news/full-1.html')}</link>
<pubDate>Thu, 11 Dec 2025 15:30:00 +0000</pubDate><description>Teaser of one...</description>
<content:encoded><![CDATA[<p>{full_text}</p>]]></content:encoded></item>
<item><title>Teaser two</title><link>/news/teaser-2.html</link>
<pubDate>Thu, 11 Dec 2025 16:00:00 +0000</pubDate><description>Only a teaser...</description></item>
<item><title>Old three</title><link>{web.url('/news/old-3.html')}</link>
<pubDate>Mon, 01 Jan 2024 09:00:00 +0500</pubDate><description>Old teaser...</description></item>
</channel></rss>"""


LISTED = ["/news/page-4.html", "/news/page-5.html", "/news/page-6.html?utm_source=home",
          "/news/teaser-2.html", "/news/full-1.html", "/news/private-7.html",
          "/news/missing-8.html", "/about.html", "/news/redirect-9.html",
          "/news/canon-11.html", "/news/page-12.html", "#top", "mailto:desk@example.kz"]
#: The article pages a crawl of the site fetches, each exactly once.
FETCHED = ["/news/page-4.html", "/news/page-5.html", "/news/page-6.html",
           "/news/teaser-2.html", "/news/redirect-9.html", "/news/page-10.html",
           "/news/canon-11.html", "/news/missing-8.html", "/news/old-3.html"]
NEVER = ["/news/full-1.html", "/news/private-7.html", "/about.html", "/news/page-12.html"]


def build_site(web: WebServer) -> Source:
    web.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /news/private-\n",
                                   content_type="text/plain"))
    feed = web.route("/rss.xml", Reply(body=rss(web), content_type="application/rss+xml",
                                       etag='"feed-1"'))
    links = "".join(f'<li><a href="{href}">{href}</a></li>' for href in LISTED)
    listing = web.route("/listing.html", Reply(
        body=f"<html><body><ul>{links}</ul></body></html>",
        last_modified="Thu, 11 Dec 2025 18:00:00 GMT"))
    for name in ("page-4", "page-5", "teaser-2", "page-10", "page-12", "full-1", "old-3",
                 "private-7"):
        web.route(f"/news/{name}.html", Reply(body=page(name.replace("-", " ").title())))
    web.route("/news/page-6.html", Reply(body=page("Page 6")))
    web.route("/news/redirect-9.html", Reply(301, headers={"Location": "/news/page-10.html"}))
    web.route("/news/canon-11.html", Reply(body=page(
        "Canon 11", canonical=web.url("/news/page-12.html"))))
    assert (feed, listing) == (web.url("/rss.xml"), web.url("/listing.html"))
    return site_source(web.base)


def site_source(base: str) -> Source:
    return Source(
        id="local", name="Local News", languages=("en",), reader="generic",
        article_patterns=(re.compile(r"/news/[\w-]+\.html"),), feeds=(base + "/rss.xml",),
        listings=(base + "/listing.html",), delay=0.0,
    )


def run(store: Store, source: Source, **kwargs: Any) -> Any:
    kwargs.setdefault("page_reader", simple_reader)
    kwargs.setdefault("allow_private", True)
    kwargs.setdefault("settings", SETTINGS)
    kwargs.setdefault("captured", TODAY)
    return crawl(store, [source], **kwargs)


def page_hits(web: WebServer) -> dict[str, int]:
    return {path: count for path, count in web.hits.items() if path.startswith("/news/")}


def stored_urls(store: Store) -> set[str]:
    return {str(row[0]) for row in store.query("SELECT url FROM articles")}


def expected_urls(web: WebServer) -> set[str]:
    names = ["full-1", "teaser-2", "old-3", "page-4", "page-5", "page-6", "page-10",
             "page-12"]
    return {web.url(f"/news/{name}.html") for name in names}


def test_a_crawl_reads_feeds_listings_and_pages(web: WebServer, store: Store) -> None:
    source = build_site(web)
    summary = run(store, source)
    assert stored_urls(store) == expected_urls(web)
    assert page_hits(web) == dict.fromkeys(FETCHED, 1)
    for path in NEVER:
        assert web.hits[path] == 0
    assert summary.skipped_robots == [web.url("/news/private-7.html")]
    assert summary.failed == {web.url("/news/missing-8.html"): "HTTP 404"}
    # Pages read: 4, 5, 6, the two teasers, 9 (redirected to 10), 11 (canonical: 12).
    assert summary.pages == 7 and summary.fetched == 2 + 7  # feed, listing, pages (a 404 fails)
    assert summary.new == 8 and summary.updated == 2 and summary.left == 0
    # new: 3 feed entries (two of them teasers) and 5 pages; updated: the two teasers
    # The teaser entry was completed by its page; the feed's full entry kept its text.
    teaser = next(a for a in store.iter_items()
                  if isinstance(a, Article) and a.url and a.url.endswith("teaser-2.html"))
    assert teaser.body.startswith("teaser-2-word0") and teaser.title == "Teaser two"
    assert teaser.published == Published(dt.date(2025, 12, 11), dt.time(10, 0))
    counts = CrawlState(store).counts()
    assert counts["queued"] == 0 and counts["robots"] == 1 and counts["failed"] == 1


def test_a_second_crawl_fetches_no_page_again(web: WebServer, store: Store) -> None:
    source = build_site(web)
    run(store, source)
    before = page_hits(web)
    again = run(store, source)
    assert page_hits(web) == before
    assert again.fetched == 2 and again.unchanged == 2 and again.new == 0
    feed_requests = [h for path, h in web.requests if path == "/rss.xml"]
    assert feed_requests[-1]["if-none-match"] == '"feed-1"'
    listing_requests = [h for path, h in web.requests if path == "/listing.html"]
    assert listing_requests[-1]["if-modified-since"] == "Thu, 11 Dec 2025 18:00:00 GMT"


def test_an_interrupted_crawl_resumes_without_fetching_twice(web: WebServer,
                                                            store: Store) -> None:
    source = build_site(web)
    seen: list[CrawlProgress] = []

    def stop_after_three_pages(event: CrawlProgress) -> None:
        seen.append(event)
        if event.kind == "page" and event.pages_done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(store, source, progress=stop_after_three_pages)
    assert [e.kind for e in seen[:2]] == ["feed", "listing"]
    assert sum(page_hits(web).values()) == 3
    # The feed's three entries; the first pages were its two teasers, then page 4.
    assert len(stored_urls(store)) == 4
    # Ten pages were queued: FETCHED but 10 (reached by a redirect), 7 (robots) and 12.
    assert CrawlState(store).counts()["queued"] == 10 - 3

    summary = run(store, source)
    assert page_hits(web) == dict.fromkeys(FETCHED, 1)  # nothing fetched twice
    assert stored_urls(store) == expected_urls(web)  # nothing lost
    assert summary.pages == 7 - 3  # the 404 is fetched, not read


CHILD = """
import sys, time
from qaznews.store.sqlite import Store
from tests.test_crawler import run, site_source

def hold_after_three(event):
    if event.kind == "page":
        print(event.pages_done, flush=True)
        if event.pages_done == 3:
            time.sleep(60)  # killed here

run(Store(sys.argv[1]), site_source(sys.argv[2]), progress=hold_after_three)
"""


def test_a_crawl_killed_with_sigkill_resumes(web: WebServer, tmp_path: Path) -> None:
    source = build_site(web)
    db = tmp_path / "killed.db"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), web.base],
                             cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == "3":
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        if child.stdout is not None:
            child.stdout.close()
    assert sum(page_hits(web).values()) == 3
    with Store(db) as store:
        assert len(stored_urls(store)) == 4
        run(store, source)
        assert stored_urls(store) == expected_urls(web)
    assert page_hits(web) == dict.fromkeys(FETCHED, 1)


def test_a_crawl_killed_inside_the_reader_refetches_only_that_page(web: WebServer,
                                                                  store: Store) -> None:
    source = build_site(web)
    calls: list[str] = []

    def reader_killed_on_third(content: bytes, url: str) -> list[Item]:
        calls.append(url)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return simple_reader(content, url)

    with pytest.raises(KeyboardInterrupt):
        run(store, source, page_reader=reader_killed_on_third)
    run(store, source)
    hits = page_hits(web)
    interrupted = calls[2].removeprefix(web.base)
    assert hits[interrupted] == 2
    assert {path: n for path, n in hits.items() if path != interrupted} == {
        path: 1 for path in FETCHED if path != interrupted}
    assert stored_urls(store) == expected_urls(web)


def test_max_pages_bounds_the_pages_and_the_rest_waits(web: WebServer, store: Store) -> None:
    source = build_site(web)
    totals: list[int] = []
    first = run(store, source, max_pages=2,
                progress=lambda e: totals.append(e.pages_total) if e.kind == "page" else None)
    assert first.pages == 2 and sum(page_hits(web).values()) == 2
    assert first.left == 10 - 2 and totals == [2, 2]
    second = run(store, source)
    assert page_hits(web) == dict.fromkeys(FETCHED, 1)
    assert second.left == 0


def test_since_skips_older_entries(web: WebServer, store: Store) -> None:
    source = build_site(web)
    run(store, source, since=dt.date(2025, 12, 11))
    assert web.hits["/news/old-3.html"] == 0
    assert CrawlState(store).get(web.url("/news/old-3.html")) is None
    newer = run(store, source, since=dt.date(2025, 12, 12))
    assert newer.new == 0


def test_since_skips_older_page_items(web: WebServer, store: Store) -> None:
    source = build_site(web)
    summary = run(store, source, since=dt.date(2025, 12, 12))
    assert summary.skipped_old > 0
    assert not any(url.endswith("page-4.html") for url in stored_urls(store))


def test_a_stored_article_url_is_never_fetched(web: WebServer, store: Store) -> None:
    source = build_site(web)
    known = Article(title="From a capture", body="Read from a capture file.",
                    url=web.url("/news/page-4.html"), source=SourceRef(file="c.txt", line=1))
    with store.transaction():
        store.write([known])
    run(store, source)
    assert web.hits["/news/page-4.html"] == 0
    record = CrawlState(store).get(web.url("/news/page-4.html"))
    assert record is not None and record.state == "known"


def test_reader_failures_are_set_aside_and_the_crawl_goes_on(web: WebServer,
                                                             store: Store) -> None:
    source = build_site(web)

    def picky(content: bytes, url: str) -> list[Item]:
        if url.endswith("page-5.html"):
            raise ValueError("no title block")
        if url.endswith("page-6.html"):
            return []
        return simple_reader(content, url)

    summary = run(store, source, page_reader=picky)
    assert summary.failed[web.url("/news/page-5.html")] == "page reader failed: no title block"
    assert summary.failed[web.url("/news/page-6.html")] == "page reader found no article"
    assert web.url("/news/page-10.html") in stored_urls(store)
    run(store, source)
    assert web.hits["/news/page-5.html"] == 1  # set aside, not fetched again


def test_passing_failures_are_retried_by_later_crawls_then_given_up(web: WebServer,
                                                                    store: Store) -> None:
    source = build_site(web)
    web.route("/news/page-5.html", Reply(503))
    first = run(store, source)
    assert "queued again" in first.failed[web.url("/news/page-5.html")]
    record = CrawlState(store).get(web.url("/news/page-5.html"))
    assert record is not None and record.state == "queued" and record.attempts == 1
    run(store, source)  # second attempt: crawl_max_attempts is 2
    record = CrawlState(store).get(web.url("/news/page-5.html"))
    assert record is not None and record.state == "failed"
    run(store, source)
    assert web.hits["/news/page-5.html"] == 2


def test_link_items_of_pages_are_queued(web: WebServer, store: Store) -> None:
    source = build_site(web)
    web.route("/news/page-4.html", Reply(body=page("Page 4", more=("/news/extra-13.html",))))
    web.route("/news/extra-13.html", Reply(body=page("Extra 13")))
    run(store, source)
    assert web.hits["/news/extra-13.html"] == 1


def test_process_and_after_write_run_inside_the_transaction(web: WebServer,
                                                            store: Store) -> None:
    source = build_site(web)
    in_transaction: list[bool] = []

    def process(items: list[Item]) -> list[Item]:
        for item in items:
            if isinstance(item, Article):
                item.outlet = "Processed"
        return items

    def after_write(items: list[Item]) -> None:
        in_transaction.append(store.conn.in_transaction)

    run(store, source, process=process, after_write=after_write)
    assert in_transaction and all(in_transaction)
    outlets = {str(row[0]) for row in store.query("SELECT outlet FROM articles")}
    assert outlets == {"Processed"}


def test_private_addresses_are_refused_by_default(web: WebServer, store: Store) -> None:
    source = build_site(web)
    summary = run(store, source, allow_private=False)
    assert sum(web.hits.values()) == 0
    assert summary.fetched == 0 and len(summary.failed) == 2
    assert all("non-public address 127.0.0.1" in reason for reason in summary.failed.values())


def test_a_broken_feed_is_a_failure_not_a_crash(web: WebServer, store: Store) -> None:
    source = build_site(web)
    web.route("/rss.xml", Reply(body="<html><body>Service page</body></html>",
                                content_type="text/html"))
    summary = run(store, source)
    assert summary.failed[web.url("/rss.xml")].startswith("not an RSS or Atom feed")
    assert web.hits["/news/page-4.html"] == 1  # the listing still counted


def test_progress_reports_every_url(web: WebServer, store: Store) -> None:
    source = build_site(web)
    events: list[CrawlProgress] = []
    run(store, source, progress=events.append)
    kinds = [e.kind for e in events]
    assert kinds[:2] == ["feed", "listing"] and kinds.count("page") == 10
    outcomes = [e.outcome for e in events if e.kind == "page"]
    assert sorted(set(outcomes)) == ["failed", "known", "new", "robots", "updated"]
    assert outcomes[-1] == "known"  # page 12: read as page 11's canonical URL
    last = [e for e in events if e.kind == "page"][-1]
    assert last.pages_done == last.pages_total == 9


def test_url_normalisation_and_link_extraction() -> None:
    assert normalise_url("HTTP://WWW.Example.kz/a/b.html?utm_source=x&b=2#frag") == \
        "http://www.example.kz/a/b.html?b=2"
    assert normalise_url("mailto:x@y.kz") is None and normalise_url("") is None
    html = ('<base href="https://kt.kz/eng/"><a href="politics/a_1.html">A</a>'
            '<a href="/rus/b_2.html#c">B</a><a href="politics/a_1.html">again</a>'
            '<a href="javascript:void(0)">js</a>')
    assert extract_links(html, "https://kt.kz/") == [
        "https://kt.kz/eng/politics/a_1.html", "https://kt.kz/rus/b_2.html"]

