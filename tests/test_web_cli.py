"""Web sources end to end through the command line: saved pages, web archives and feeds
read by `parse` and `ingest`, and `crawl` against a local site into the store."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from qaznews.cli import app

from .conftest import DATA
from .webserver import Reply, WebServer

PAGES = DATA / "web" / "pages"
WARC = DATA / "web" / "pages.warc.gz"
FEEDS = DATA / "feeds"
runner = CliRunner()


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_parse_reads_a_saved_page_with_its_outlet_fields() -> None:
    result = runner.invoke(app, ["parse", "--no-language", str(PAGES / "kt_en_article.html")])
    assert result.exit_code == 0, result.output
    [article] = records(result.stdout)
    truth = json.loads((DATA / "web" / "truth.json").read_text(encoding="utf-8"))["kt_en_article"]
    assert article["kind"] == "article"
    assert article["title"] == truth["title"]
    assert article["published"] == truth["published"]
    assert article["views"] == truth["views"]
    assert str(article["body"]).split() == str(truth["articleBody"]).split()
    assert article["source"] == {"file": str(PAGES / "kt_en_article.html"), "line": None}


def test_a_listing_page_gives_one_link_per_entry() -> None:
    result = runner.invoke(app, ["parse", "--no-language", str(PAGES / "kt_listing.html")])
    items = records(result.stdout)
    assert len(items) >= 3 and all(item["kind"] == "link" for item in items)
    assert len({item["url"] for item in items}) == len(items)


def test_ingest_reads_pages_archives_and_feeds_once(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    feed = tmp_path / "news.rss"
    feed.write_bytes((FEEDS / "rss20.xml").read_bytes())
    inputs = [str(PAGES), str(WARC), str(feed)]
    first = runner.invoke(app, ["ingest", *inputs, "--db", db])
    assert first.exit_code == 0, first.output
    assert " 0 errors" in first.stdout
    again = runner.invoke(app, ["ingest", *inputs, "--db", db, "--force"])
    assert again.exit_code == 0 and " 0 new" in again.stdout

    exported = records(runner.invoke(app, ["export", "--db", db]).stdout)
    articles = [r for r in exported if r["kind"] == "article"]
    # The archive holds pages also saved as files: one article each, two sightings.
    seen_twice = [r for r in articles if isinstance(r["sightings"], list)
                  and {"url", "file"} <= {k for s in r["sightings"] for k in s}]
    assert seen_twice
    assert all(r["story"] for r in articles)
    assert any(str(r["source"]).startswith("{'file': '" + str(feed)) for r in articles)


def test_a_broken_page_folder_entry_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    good = tmp_path / "good.html"
    good.write_bytes((PAGES / "qazinform_en_article.html").read_bytes())
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "q.db"),
                                 "--no-language"])
    assert result.exit_code == 1
    assert "broken.html.gz" in result.output
    assert "1 errors" in result.stdout and "1 new" in result.stdout


def _site(web: WebServer) -> None:
    pages = {
        "/news/norway-hydrogen_1.html": PAGES / "kt_en_article.html",
        "/news/satellite_2.html": PAGES / "qazinform_en_article.html",
    }
    items = []
    for path, file in pages.items():
        web.route(path, Reply(body=file.read_bytes()))
        items.append(f"<item><title>{path}</title><link>{web.url(path)}</link>"
                     "<pubDate>Thu, 12 Mar 2026 10:00:00 +0500</pubDate>"
                     "<description>Teaser only.</description></item>")
    web.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /private/\n",
                                   content_type="text/plain"))
    web.route("/rss.xml", Reply(
        body='<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
             "<title>Local news</title>" + "".join(items) + "</channel></rss>",
        content_type="application/rss+xml"))


def test_crawl_command_fetches_a_site_once_and_resumes(web: WebServer, tmp_path: Path) -> None:
    _site(web)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nid = "local"\nname = "Local News"\nlanguages = ["en"]\n'
        'reader = "generic"\n'
        f'feeds = ["{web.url("/rss.xml")}"]\n'
        "article_patterns = ['/news/']\n", encoding="utf-8")
    db = str(tmp_path / "q.db")
    config = tmp_path / "qaznews.toml"
    config.write_text("crawl_delay = 0.0\ncrawl_backoff = 0.0\n", encoding="utf-8")
    command = ["crawl", "--sources", str(sources), "--db", db, "--config", str(config),
               "--no-language"]

    refused = runner.invoke(app, command)  # the local site is a loopback address
    assert "failed" in refused.output and "private" in refused.output.lower()

    first = runner.invoke(app, [*command, "--allow-private"])
    assert first.exit_code == 0, first.output
    assert web.hits["/news/norway-hydrogen_1.html"] == 1
    assert web.hits["/news/satellite_2.html"] == 1
    second = runner.invoke(app, [*command, "--allow-private"])
    assert second.exit_code == 0, second.output
    assert web.hits["/news/norway-hydrogen_1.html"] == 1  # never fetched twice
    assert web.hits["/news/satellite_2.html"] == 1

    exported = records(runner.invoke(app, ["export", "--db", db]).stdout)
    titles = {r["title"] for r in exported if r["kind"] == "article"}
    assert "Kazakhstan to launch second national satellite for Earth observation" in titles or \
        any("satellite" in str(t).lower() for t in titles)
    assert all(r["story"] for r in exported if r["kind"] == "article")
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0 and listed.stdout.strip()


def test_an_error_page_is_no_article(tmp_path: Path) -> None:
    page = tmp_path / "missing.html"
    page.write_text("<!doctype html><html><head><title>Page not found</title></head>"
                    "<body><h1>404</h1></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["parse", "--no-language", str(page)])
    assert result.exit_code == 1
    assert records(result.stdout) == []
    assert "missing.html: no news items recognised" in result.output
