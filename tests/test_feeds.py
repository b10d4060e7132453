"""Feeds: RSS 0.91, 1.0, 2.0 and Atom into entries and articles; bad feeds as messages."""

from __future__ import annotations

import datetime as dt

import pytest

from qaznews.model import Published, article_id
from qaznews.sources.feeds import FeedEntry, FeedError, entry_article, html_to_text, parse_feed

from .conftest import DATA

FEEDS = DATA / "feeds"


def read(name: str, url: str = "https://example.kz/feed") -> list[FeedEntry]:
    return parse_feed((FEEDS / name).read_bytes(), url=url).entries


def test_rss_091_in_cp1251() -> None:
    feed = parse_feed((FEEDS / "rss091.xml").read_bytes(), url="https://www.kt.kz/rss/rus.xml")
    assert feed.version == "rss091n" and feed.title == "Kazakhstan Today"
    (entry,) = feed.entries
    assert entry.title == "Токаев провел встречу с министром иностранных дел Венгрии"
    assert entry.url == "https://www.kt.kz/rus/state/tokaev_provel_vstrechu_1153812345.html"
    assert entry.published is None and entry.teaser


def test_feed_that_lies_about_its_encoding_is_read_as_utf8() -> None:
    data = (FEEDS / "rss091.xml").read_bytes().decode("cp1251").encode("utf-8")
    (entry,) = parse_feed(data, url="https://www.kt.kz/rss/rus.xml").entries
    assert entry.title is not None and entry.title.startswith("Токаев")


def test_rss_10_rdf_with_dublin_core() -> None:
    (entry,) = read("rss10.rdf")
    assert entry.title == "Qazaqstan men Vengriya yntymaqtastyqty nyğaitady"
    assert entry.author == "Aigerim Sultan"
    # 15:30 UTC is 20:30 in Kazakhstan, the time the outlet's page shows.
    assert entry.published == Published(dt.date(2025, 12, 11), dt.time(20, 30))


def test_rss_20_full_text_and_teasers() -> None:
    full, teaser, old = read("rss20.xml")
    assert not full.teaser and full.author == "Aida Haidar"
    assert full.content.splitlines() == [
        "ASTANA – Kazakh and Hungarian foreign ministers met on Dec. 11 to discuss trade, "
        "energy and transport.",
        "The ministers agreed to expand the route across the Caspian Sea & to open a new "
        "consulate.",
    ]
    assert full.body == full.content
    assert full.published == Published(dt.date(2025, 12, 11), dt.time(20, 30))
    assert teaser.teaser and teaser.summary.endswith("Read more") and teaser.content == ""
    assert teaser.published == Published(dt.date(2025, 12, 10), dt.time(9, 0))
    assert old.teaser  # too short to be the whole text


def test_atom_with_relative_links_and_html_titles() -> None:
    full, undated = read("atom.xml", url="https://qazinform.com/feed.atom")
    assert full.url == "https://qazinform.com/news/kazakhstan-hungary-sign-road-map-4f2a9c"
    assert full.title == "Kazakhstan & Hungary sign road map"
    assert not full.teaser and full.content.startswith("ASTANA. KAZINFORM –")
    assert full.published == Published(dt.date(2025, 12, 11), dt.time(20, 30))
    assert undated.published is None and undated.teaser


def test_entry_article_is_identified_by_its_url() -> None:
    full = read("atom.xml")[0]
    article = entry_article(full, feed_url="https://qazinform.com/feed.atom",
                            outlet="Qazinform", captured=dt.date(2025, 12, 12))
    assert article.id == article_id(full.url, None, None, None)
    assert article.body == full.content and article.outlet == "Qazinform"
    assert article.sightings[0].source.url == "https://qazinform.com/feed.atom"
    assert article.sightings[0].content_hash == full.content_hash()


def test_flawed_feed_with_entries_is_read_with_a_warning() -> None:
    feed = parse_feed((FEEDS / "flawed.xml").read_bytes(), url="https://x.kz/feed")
    assert [e.title for e in feed.entries] == ["Still readable"]
    assert feed.warnings and "read anyway" in feed.warnings[0]


@pytest.mark.parametrize("data", [
    (FEEDS / "not_a_feed.html").read_bytes(), b"", b"\x00\x01\x02garbage\xff", b"<rss><chan",
])
def test_bad_feeds_are_one_line_errors(data: bytes) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(data, url="https://x.kz/feed")
    message = str(info.value)
    assert message.startswith("https://x.kz/feed: not an RSS or Atom feed")
    assert "\n" not in message and "Traceback" not in message


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    markup = "<p>One &amp; two</p><script>alert(1)</script><p>Three<br>four</p>"
    assert html_to_text(markup) == "One & two\nThree\nfour"
