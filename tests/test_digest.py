"""The digest of a period: its figures, its Markdown, its one-file HTML."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from qaznews.digest import build_digest, render_html, render_markdown
from qaznews.web import charts

from .webstore import XSS_TITLE, build_web_store

FEB_1, FEB_5, FEB_7 = dt.date(2026, 2, 1), dt.date(2026, 2, 5), dt.date(2026, 2, 7)


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = build_web_store(tmp_path_factory.mktemp("digest") / "store.db")
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    yield connection
    connection.close()


def _count(conn: sqlite3.Connection, sql: str, start: dt.date, end: dt.date) -> int:
    return int(conn.execute(sql, (start.isoformat(),
                                  (end + dt.timedelta(days=1)).isoformat())).fetchone()[0])


def test_counts_match_the_store(conn: sqlite3.Connection) -> None:
    digest = build_digest(conn, FEB_1, FEB_7)
    where = "FROM articles WHERE published >= ? AND published < ?"
    assert digest.articles == _count(conn, f"SELECT count(*) {where}", FEB_1, FEB_7)
    assert digest.stories == _count(
        conn, f"SELECT count(DISTINCT coalesce(story, id)) {where}", FEB_1, FEB_7)
    assert sum(n for _, n in digest.outlets) == digest.articles
    assert sum(n for _, n in digest.languages) == digest.articles
    assert dict(digest.languages).keys() == {"en", "ru"}
    # Every day of the period, in order; the days' stories counted once each.
    assert [day for day, _ in digest.per_day] == [FEB_1 + dt.timedelta(days=n) for n in range(7)]
    assert dict(digest.per_day)[dt.date(2026, 2, 2)] == 2


def test_top_stories_rank_by_coverage_then_views(conn: sqlite3.Connection) -> None:
    digest = build_digest(conn, FEB_1, FEB_7)
    top = digest.top_stories[0]
    assert top.title.startswith("Kazakhstan and Vietnam discuss launch of direct flights")
    assert (len(top.outlets), top.articles, top.views) == (2, 3, 3304)
    keys = [(-len(s.outlets), -s.articles, -s.views) for s in digest.top_stories]
    assert keys == sorted(keys)


def test_events_people_and_topics(conn: sqlite3.Connection) -> None:
    digest = build_digest(conn, FEB_5, FEB_7)
    assert digest.events == 3
    assert [(c, [e["type"] for e in rows]) for c, rows in digest.events_by_country] == [
        ("Japan", ["meeting", "signing"]), ("Uzbekistan", ["visit"])]
    signing = digest.events_by_country[0][1][1]
    assert signing["agreements"] == ["Memorandum on green hydrogen"]
    assert digest.people == [("Murat Nurtleu", 2), ("Bakhtiyor Saidov", 1), ("Yoko Kamikawa", 1)]
    assert digest.topics == [("diplomacy", 2), ("energy", 1)]


def test_a_period_without_events_or_articles(conn: sqlite3.Connection) -> None:
    quiet = build_digest(conn, dt.date(2025, 6, 1), dt.date(2025, 6, 3))
    assert (quiet.articles, quiet.stories, quiet.top_stories, quiet.events) == (0, 0, [], 0)
    assert "No articles in this period." in render_markdown(quiet)
    assert "No articles in this period." in render_html(quiet)
    before = build_digest(conn, FEB_1, dt.date(2026, 2, 4))
    assert before.events == 0 and before.people == [] and before.topics == []
    assert "No events recorded" in render_markdown(before)
    with pytest.raises(ValueError):
        build_digest(conn, FEB_7, FEB_1)


def test_markdown(conn: sqlite3.Connection) -> None:
    text = render_markdown(build_digest(conn, FEB_5, FEB_7))
    assert text.startswith("# qaznews digest, 2026-02-05 to 2026-02-07\n")
    assert "## Top stories" in text and "### Japan" in text
    assert "- Murat Nurtleu: 2 articles" in text
    # Markup of a title cannot become Markdown or HTML.
    assert "<script>" not in text and "\\<script\\>" in text


def test_html_is_one_self_contained_escaped_file(conn: sqlite3.Connection) -> None:
    html = render_html(build_digest(conn, FEB_5, FEB_7))
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert 'aria-label="Stories per day' in html
    # No outside reference but the articles' own pages.
    refs = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', html)
    outside = [r for r in refs if re.match(r"(?i)\s*(https?:)?//", r)]
    own = {row[0] for row in conn.execute("SELECT url FROM articles WHERE url IS NOT NULL")}
    assert "https://example.kz/news/japan-hydrogen" in outside
    assert set(outside) <= own
    # CSS and SVG may only point inside the file (clip paths: url(#id)).
    assert re.findall(r"url\((?!#)", html) == [] and "@import" not in html
    assert XSS_TITLE not in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html or \
        "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in html


def test_charts_are_accessible_inline_svg() -> None:
    svg = charts.share_chart([("Qazinform", 6), ("MFA", 3), ("<b>x</b>", 1)], title="Outlets")
    assert svg.startswith("<svg") and "<title>Outlets: Qazinform 60%" in svg
    assert 'role="img"' in svg and "style=" not in svg and "<style" not in svg
    assert "<b>" not in svg
    assert charts.share_chart([], title="Nothing") == ""
    days = [dt.date(2026, 2, d) for d in range(1, 8)]
    line = charts.timeline_chart(days, [1, 2, 3, 0, 1, 2, 3], title="Per day", ylabel="Stories")
    assert "Per day (7 days, 12 in all)" in line and ">Stories<" in line and ">Date<" in line
    # Nothing to draw: no day, only empty days, days matplotlib cannot draw (year 1).
    assert charts.timeline_chart([], [], title="None", ylabel="Stories") == ""
    assert charts.timeline_chart(days, [0] * 7, title="Empty", ylabel="Stories") == ""
    first_week = [dt.date(1, 1, d) for d in range(1, 8)]
    assert charts.timeline_chart(first_week, [1] * 7, title="Year 1", ylabel="Stories") == ""
    a, b = (charts.bar_chart(["a"], [1], title="t", xlabel="x", ylabel="y") for _ in range(2))
    assert set(re.findall(r'clipPath id="([^"]+)"', a)).isdisjoint(
        re.findall(r'clipPath id="([^"]+)"', b))


def test_html_digest_of_the_demo_store_writes_to_a_file(tmp_path: Path,
                                                        conn: sqlite3.Connection) -> None:
    target = tmp_path / "digest.html"
    target.write_text(render_html(build_digest(conn, FEB_1, FEB_7)), encoding="utf-8")
    assert target.stat().st_size < 200_000


def test_key_events_are_capped_with_their_count(conn: sqlite3.Connection,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import qaznews.digest as digest_module

    monkeypatch.setattr(digest_module, "KEY_EVENTS_PER_COUNTRY", 1)
    digest = build_digest(conn, dt.date(2026, 2, 5), dt.date(2026, 2, 7))
    assert [(c, len(rows)) for c, rows in digest.events_by_country] == [
        ("Japan", 1), ("Uzbekistan", 1)]
    assert digest.events_per_country == {"Japan": 2, "Uzbekistan": 1}
    text = render_markdown(digest)
    assert "- and 1 more event" in text
    assert "and 1 more event" in render_html(digest)
