"""A digest of one period: what was in the news, who carried it, who met whom.

:func:`build_digest` reads the store (any connection; pages use a read-only one) for
the articles published from ``start`` to ``end`` (both days included):

- **top stories**: the stories with articles in the period, ranked by coverage (how
  many outlets carried them in the period, then how many articles) and then by the
  views summed over those articles;
- **key events**: the interactions of the ``events`` column (meetings, signings,
  visits...), one row per event however many copies report it, grouped by the other
  country (:func:`qaznews.web.data.event_countries`);
- **people** most in the news (person entities of the ``entities`` column), by the
  number of articles naming them;
- **topics** (the ``topics`` column), **outlets** and **languages**, by articles;
- **stories per day**: the stories with an article published that day.

Entities, events and topics stay empty until their stages fill those columns; the
digest then says so. :func:`render_markdown` and :func:`render_html` write it out; the
HTML is one self-contained file (inline CSS, charts as inline SVG, no outside
requests), every text escaped.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from qaznews.web import charts
from qaznews.web.data import by_country, entity_name, events, is_person, loads

__all__ = ["Digest", "DigestStory", "build_digest", "render_html", "render_markdown"]

TOP_STORIES = 10
TOP_PEOPLE = 10
#: Largest number of values bound in one ``IN (...)``.
_CHUNK = 900


@dataclass(slots=True)
class DigestStory:
    id: str
    title: str
    first_published: str | None
    first_publisher: str | None
    outlets: list[str]
    articles: int
    views: int
    languages: list[str]
    url: str | None = None


#: A digest lists the key events, not all: at most this many countries, and this many
#: events each (the counts say how many there were).
KEY_COUNTRIES = 20
KEY_EVENTS_PER_COUNTRY = 10


@dataclass(slots=True)
class Digest:
    start: dt.date
    end: dt.date
    articles: int = 0
    stories: int = 0
    top_stories: list[DigestStory] = field(default_factory=list)
    #: (country, its key events), the country with most events first: at most
    #: KEY_COUNTRIES countries and KEY_EVENTS_PER_COUNTRY events each (a digest sums up).
    events_by_country: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    #: Every event of the period by country, beyond the key ones listed.
    events_per_country: dict[str, int] = field(default_factory=dict)
    events: int = 0
    #: (name, articles naming them).
    people: list[tuple[str, int]] = field(default_factory=list)
    topics: list[tuple[str, int]] = field(default_factory=list)
    outlets: list[tuple[str, int]] = field(default_factory=list)
    languages: list[tuple[str, int]] = field(default_factory=list)
    #: (day, stories with an article that day), every day of the period.
    per_day: list[tuple[dt.date, int]] = field(default_factory=list)


def build_digest(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> Digest:
    """The digest of the articles published from ``start`` to ``end``, both included."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        "SELECT id, title, published, outlet, language, views, url, story, entities, topics"
        " FROM articles WHERE published >= ? AND published < ?"
        " ORDER BY published, id",
        (start.isoformat(), (end + dt.timedelta(days=1)).isoformat())).fetchall()
    digest = Digest(start=start, end=end, articles=len(rows))

    groups: dict[str, list[sqlite3.Row]] = {}
    for row in rows:
        groups.setdefault(row["story"] or row["id"], []).append(row)
    digest.stories = len(groups)
    digest.top_stories = _top_stories(conn, groups)[:TOP_STORIES]

    days: dict[dt.date, set[str]] = {start + dt.timedelta(days=n): set()
                                     for n in range((end - start).days + 1)}
    outlets: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for row in rows:
        days[dt.date.fromisoformat(row["published"][:10])].add(row["story"] or row["id"])
        outlets[row["outlet"] or "(unknown)"] += 1
        languages[row["language"] or "(unknown)"] += 1
        topics.update({str(t) for t in loads(row["topics"]) if t})
        people.update({entity_name(e) for e in loads(row["entities"])
                       if isinstance(e, dict) and is_person(e) and entity_name(e)})
    digest.per_day = [(day, len(stories)) for day, stories in sorted(days.items())]
    digest.outlets = _ranked(outlets)
    digest.languages = _ranked(languages)
    digest.topics = _ranked(topics)
    digest.people = _ranked(people)[:TOP_PEOPLE]
    found = events(conn, since=start, until=end)
    digest.events = len(found)
    grouped = by_country(found)
    digest.events_per_country = {country: len(rows) for country, rows in grouped}
    digest.events_by_country = [(country, rows[:KEY_EVENTS_PER_COUNTRY])
                                for country, rows in grouped[:KEY_COUNTRIES]]
    return digest


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def _top_stories(conn: sqlite3.Connection,
                 groups: dict[str, list[sqlite3.Row]]) -> list[DigestStory]:
    found: list[DigestStory] = []
    keys = list(groups)
    known: dict[str, sqlite3.Row] = {}
    for start in range(0, len(keys), _CHUNK):  # the stories in a few reads, not one each
        chunk = keys[start:start + _CHUNK]
        known.update((row["id"], row) for row in conn.execute(
            f"SELECT * FROM stories WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    for key, members in groups.items():
        stored = known.get(key)
        outlets = sorted({m["outlet"] for m in members if m["outlet"]})
        first = members[0]
        canonical = stored["canonical"] if stored else first["id"]
        title = (stored["title"] if stored else None) or first["title"] or "(untitled)"
        url = next((m["url"] for m in members if m["id"] == canonical and m["url"]), None)
        found.append(DigestStory(
            id=key, title=title, first_published=first["published"],
            first_publisher=(stored["first_publisher"] if stored else first["outlet"]),
            outlets=outlets, articles=len(members),
            views=sum(m["views"] or 0 for m in members),
            languages=sorted({m["language"] for m in members if m["language"]}), url=url))
    found.sort(key=lambda s: (-len(s.outlets), -s.articles, -s.views, s.first_published or "",
                              s.id))
    return found


# -- rendering -----------------------------------------------------------------------

def _md(text: object) -> str:
    """Text safe in a Markdown line: no markup characters, no line breaks."""
    value = " ".join(str(text).split())
    for char in "\\`*_[]<>#|":
        value = value.replace(char, "\\" + char)
    return value


def render_markdown(digest: Digest) -> str:
    out = [f"# qaznews digest, {digest.start.isoformat()} to {digest.end.isoformat()}", "",
           f"{digest.articles} articles in {digest.stories} stories; "
           f"{digest.events} events.", "", "## Top stories", ""]
    if not digest.top_stories:
        out.append("No articles in this period.")
    for number, item in enumerate(digest.top_stories, 1):
        out.append(f"{number}. **{_md(item.title)}** ({(item.first_published or '')[:10]}, "
                   f"first by {_md(item.first_publisher or 'unknown')}): "
                   f"{_n(len(item.outlets), 'outlet')}, {_n(item.articles, 'article')}, "
                   f"{item.views:,} views; {_md(', '.join(item.outlets) or '-')}")
    out += ["", "## Key events", ""]
    if not digest.events_by_country:
        out.append("No events recorded for this period (events appear once the events "
                   "stage has run).")
    for country, rows in digest.events_by_country:
        out.append(f"### {_md(country)}")
        out.append("")
        for row in rows:
            who = ", ".join(row["participants"]) or "-"
            out.append(f"- {row['date']}: {_md(row['type'])}: {_md(who)}"
                       + (f" ({_md(', '.join(row['agreements']))})" if row["agreements"] else ""))
        more = digest.events_per_country.get(country, len(rows)) - len(rows)
        if more > 0:
            out.append(f"- and {_n(more, 'more event')}")
        out.append("")
    out += ["", "## People in the news", ""]
    out += ([f"- {_md(name)}: {count} articles" for name, count in digest.people]
            or ["No people recorded yet (the entities stage fills them)."])
    out += ["", "## Topics", ""]
    out += _md_table("Topic", digest.topics, digest.articles) or ["No topics recorded yet."]
    out += ["", "## Outlets", ""]
    out += _md_table("Outlet", digest.outlets, digest.articles)
    out += ["", "## Languages", ""]
    out += _md_table("Language", digest.languages, digest.articles)
    out += ["", "## Stories per day", "", "| Day | Stories |", "|---|---:|"]
    out += [f"| {day.isoformat()} | {count} |" for day, count in digest.per_day]
    return "\n".join(out).rstrip() + "\n"


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _md_table(name: str, rows: list[tuple[str, int]], total: int) -> list[str]:
    if not rows:
        return []
    lines = [f"| {name} | Articles | Share |", "|---|---:|---:|"]
    lines += [f"| {_md(label)} | {count} | {100 * count / max(total, 1):.0f}% |"
              for label, count in rows]
    return lines


_env = Environment(loader=PackageLoader("qaznews.web", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))


def digest_charts(digest: Digest) -> dict[str, Markup]:
    """The digest's three charts as inline SVG (made here, so trusted markup)."""
    return {
        "timeline": Markup(charts.timeline_chart(
            [day for day, _ in digest.per_day], [count for _, count in digest.per_day],
            title="Stories per day", ylabel="Stories")),
        "outlets": Markup(charts.share_chart(digest.outlets, title="Outlets' shares of articles",
                                             ylabel="Outlet")),
        "topics": Markup(charts.share_chart(digest.topics, title="Topics' shares of articles",
                                            ylabel="Topic")),
    }


def render_html(digest: Digest) -> str:
    """One self-contained HTML file: inline CSS and SVG, no outside requests."""
    template = _env.get_template("digest_file.html")
    return template.render(digest=digest, charts=digest_charts(digest),
                           css=Markup(_env.loader.get_source(_env, "digest_file.css")[0])
                           if _env.loader else "")
