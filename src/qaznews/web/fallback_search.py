"""Browsing and a plain word search, for the search page when ``qaznews.search`` cannot
answer: an empty query (the newest stories first) or a store without the search module.

It gives the same shape as ``qaznews.search.search``: a page of results, one per story
(its best-viewed article in the filters, with how many more outlets carried it), the
total and the cursor of the next page. Words are matched as substrings of the title and
text (SQL ``LIKE``), every word required; the snippet is escaped text with ``<mark>``.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape

from qaznews.api.queries import day_bounds

SNIPPET_CHARS = 220


@dataclass(slots=True)
class Result:
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    views: int | None
    story: str | None
    snippet: str
    more_outlets: int


@dataclass(slots=True)
class Page:
    results: list[Result] = field(default_factory=list)
    total: int = 0
    next_cursor: str | None = None


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def snippet(text: str, words: list[str]) -> str:
    """An escaped window of ``text`` around the first word found, the words in ``<mark>``."""
    flat = " ".join(text.split())
    lower = flat.casefold()
    hits = [lower.find(w.casefold()) for w in words if w and lower.find(w.casefold()) >= 0]
    start = max(0, min(hits) - 60) if hits else 0
    window = flat[start:start + SNIPPET_CHARS]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(flat) else ""
    if not words:
        return str(escape(prefix + window + suffix))
    pattern = re.compile("|".join(re.escape(w) for w in words if w), re.IGNORECASE)
    out, position = [], 0
    for match in pattern.finditer(window):
        out.append(str(escape(window[position:match.start()])))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(str(escape(window[position:])))
    return str(escape(prefix)) + "".join(out) + str(escape(suffix))


def fallback_search(conn: sqlite3.Connection, query: str, *, since: dt.date | None = None,
                    until: dt.date | None = None, outlets: list[str] | None = None,
                    languages: list[str] | None = None, sort: str = "date",
                    limit: int = 20, cursor: str | None = None) -> Page:
    words = query.split()
    where: list[str] = []
    params: list[Any] = []
    for word in words:
        where.append("(a.title LIKE ? ESCAPE '\\' OR a.body LIKE ? ESCAPE '\\')")
        params += [_like(word), _like(word)]
    day_bounds(since, until, "a.published", where, params)
    if outlets:
        where.append(f"a.outlet IN ({', '.join('?' * len(outlets))})")
        params += outlets
    if languages:
        where.append(f"a.language IN ({', '.join('?' * len(languages))})")
        params += languages
    rows = conn.execute(
        "SELECT a.id, a.title, a.published, a.outlet, a.language, a.views, a.story, a.body"
        f" FROM articles a WHERE {' AND '.join(where) or '1'}", params).fetchall()
    groups: dict[str, list[sqlite3.Row]] = {}
    for row in rows:
        groups.setdefault(row["story"] or row["id"], []).append(row)
    picked = []
    for members in groups.values():
        best = min(members, key=lambda r: (-(r["views"] or 0), r["published"] or "", r["id"]))
        outlets_seen = {r["outlet"] for r in members if r["outlet"]}
        picked.append((best, max(0, len(outlets_seen) - (1 if best["outlet"] else 0)),
                       max(r["published"] or "" for r in members), members))
    if sort == "views":
        picked.sort(key=lambda p: (-sum(r["views"] or 0 for r in p[3]), p[0]["id"]))
    else:  # newest first (no relevance without the search index)
        picked.sort(key=lambda p: (p[2], p[0]["id"]), reverse=True)
    offset = int(cursor) if cursor and cursor.isdigit() else 0
    chosen = picked[offset:offset + limit]
    results = [Result(id=best["id"], title=best["title"], published=best["published"],
                      outlet=best["outlet"], language=best["language"], views=best["views"],
                      story=best["story"], snippet=snippet(best["body"] or "", words),
                      more_outlets=more)
               for best, more, _, _ in chosen]
    following = offset + limit
    return Page(results=results, total=len(picked),
                next_cursor=str(following) if following < len(picked) else None)
