"""The web pages: server-rendered, read-only, no build step (docs/WEB_UI.md).

``router`` is mounted at ``/`` by the API app (``qaznews.api.app.create_app``), which
must set ``app.state.settings`` to the settings mapping with ``"db"``, the store's
path. Every request opens its own read-only connection (``mode=ro``) to it.

Templates autoescape everything; the few pieces of markup made here (charts drawn by
:mod:`qaznews.web.charts`, search snippets reduced to ``<mark>``) are trusted
explicitly. No inline script or style: the page's CSS and JS are files served by
this router under ``/assets/``, so the CSP ``default-src 'self'`` holds.

The paths stay clear of the API's own (``/articles``, ``/stories``, ``/entities``,
``/events``, ``/digest``, ``/search``): pages are ``/``, ``/article/…``, ``/story/…``,
``/entity``, ``/entity/…``, ``/who-met-whom``, ``/countries``, ``/digest/view``,
``/digest.html``, ``/digest.md`` and ``/assets/…``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from qaznews import digest as digest_module
from qaznews.api.queries import days_before
from qaznews.web import charts, data
from qaznews.web.fallback_search import Page, fallback_search

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).parent / "static"
ASSETS = {"style.css": "text/css; charset=utf-8",
          "app.js": "text/javascript; charset=utf-8",
          "icon.svg": "image/svg+xml"}
PAGE_SIZE = 20
DIGEST_DAYS = 7
SORTS = (("relevance", "Relevance"), ("date", "Newest first"), ("views", "Most viewed"))

_env = Environment(loader=PackageLoader("qaznews.web", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)


class PageError(Exception):
    def __init__(self, status: int, heading: str, message: str) -> None:
        super().__init__(message)
        self.status, self.heading, self.message = status, heading, message


def _render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(name).render(**context), status_code=status)


def _error(exc: PageError) -> HTMLResponse:
    return _render("error.html", exc.status, heading=exc.heading, message=exc.message,
                   section="")


@contextmanager
def _reading(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the store named by ``app.state.settings["db"]``."""
    settings = getattr(request.app.state, "settings", None)
    db = settings.get("db") if isinstance(settings, dict) else None
    if not db:
        raise PageError(500, "No store configured",
                        "The app's settings name no store (app.state.settings['db']).")
    try:
        with data.connect_readonly(db) as conn:
            yield conn
    except FileNotFoundError as exc:
        raise PageError(503, "No store yet",
                        "The store does not exist yet: ingest some captures first "
                        "(qaznews ingest).") from exc
    except sqlite3.OperationalError as exc:
        raise PageError(503, "Store unavailable", f"The store cannot be read: {exc}.") from exc


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise PageError(400, "Bad date", f"{name} must be a date (YYYY-MM-DD).") from exc


# -- assets --------------------------------------------------------------------------

@router.get("/assets/{name}")
def asset(name: str) -> Response:
    """The hand-written stylesheet and script (no build step, no CDN)."""
    if name not in ASSETS:
        return PlainTextResponse("not found", status_code=404)
    return Response((STATIC / name).read_bytes(), media_type=ASSETS[name],
                    headers={"Cache-Control": "public, max-age=3600"})


# -- search --------------------------------------------------------------------------

_MARK = re.compile(r"<(?!/?mark>)[^>]*>")


def safe_snippet(snippet: str | None) -> Markup:
    """A snippet of HTML with ``<mark>`` kept and every other tag removed."""
    if not snippet:
        return Markup("")
    text = _MARK.sub("", snippet)
    # What is left is text, character references and <mark>; stray brackets are escaped.
    parts = re.split(r"(</?mark>)", text)
    return Markup("").join(Markup(p) if p in ("<mark>", "</mark>")
                           else Markup(p.replace("<", "&lt;").replace(">", "&gt;"))
                           for p in parts)


def _engine() -> Any:
    """The search engine (``qaznews.search.search``) when installed, else the fallback."""
    try:
        module = importlib.import_module("qaznews.search")
    except ImportError:
        return None
    return getattr(module, "search", None)


def _more(value: Any) -> int:
    if isinstance(value, int):
        return value
    if isinstance(value, list | tuple | set):
        return len(value)
    return 0


def _view(result: Any) -> dict[str, Any]:
    get = (result.get if isinstance(result, dict)
           else lambda key, default=None: getattr(result, key, default))
    published = get("published")
    return {"id": get("id"), "title": get("title"),
            "published": published.isoformat() if isinstance(published, dt.date | dt.datetime)
            else published,
            "outlet": get("outlet"), "language": get("language"), "views": get("views"),
            "story": get("story"),
            "snippet": safe_snippet(get("snippet_html") or get("snippet")),
            "more_outlets": _more(get("more_outlets"))}


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "",
                outlet: Annotated[list[str] | None, Query()] = None,
                language: Annotated[list[str] | None, Query()] = None,
                since: str | None = None, until: str | None = None,
                sort: str = "relevance", cursor: str | None = None) -> HTMLResponse:
    """Search with facets; one result per story, "+N more outlets" for its copies."""
    try:
        start, end = _date(since, "From"), _date(until, "To")
        outlets = [o for o in outlet or [] if o]
        languages = [lang for lang in language or [] if lang]
        if sort not in dict(SORTS):
            sort = "relevance"
        error = None
        with _reading(request) as conn:
            engine = _engine() if q.strip() else None
            page: Any = None
            if engine is not None:
                try:
                    page = engine(conn, q, since=start, until=end, outlets=outlets,
                                  languages=languages, sort=sort, collapse=True,
                                  limit=PAGE_SIZE, cursor=cursor)
                except Exception as exc:
                    if type(exc).__name__ in ("QuerySyntaxError", "SearchError"):
                        # A query or option the engine refuses: say so, show nothing.
                        error = f"This search could not be run: {exc}"
                        page = Page()
                    # Otherwise (a store without the search index): the plain search.
            if page is None:
                page = fallback_search(conn, q, since=start, until=end, outlets=outlets,
                                       languages=languages, sort=sort, limit=PAGE_SIZE,
                                       cursor=cursor)
            first, last = data.date_range(conn)
            outlet_facets = data.facet_counts(conn, "outlet")
            language_facets = data.facet_counts(conn, "language")
        next_url = None
        if getattr(page, "next_cursor", None):
            params: list[tuple[str, str]] = [("q", q)]
            params += [("outlet", o) for o in outlets] + [("language", x) for x in languages]
            params += [(k, v) for k, v in (("since", since), ("until", until)) if v]
            params += [("sort", sort), ("cursor", str(page.next_cursor))]
            next_url = "/?" + urlencode(params)
        return _render(
            "search.html", section="search", q=q, results=[_view(r) for r in page.results],
            total=int(getattr(page, "stories", None) or page.total or 0),
            total_exact=bool(getattr(page, "stories_exact", True)),
            outlets=outlets, languages=languages,
            since=since, until=until, sort=sort, sorts=SORTS, first=first, last=last,
            outlet_facets=outlet_facets, language_facets=language_facets, error=error,
            filtered=bool(outlets or languages or start or end), next_url=next_url)
    except PageError as exc:
        return _error(exc)


# -- article and story ---------------------------------------------------------------

def _paragraphs(body: str, names: list[str]) -> list[list[tuple[str, str | None]]]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*", body or "") if p.strip()]
    return [data.highlight_spans(p, names) for p in paragraphs]


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """An article (text escaped, entities highlighted), its events and its story."""
    try:
        with _reading(request) as conn:
            found = data.article(conn, article_id)
            if found is None:
                raise PageError(404, "No such article", f"No article has the id {article_id}.")
            story = data.story(conn, found["story"]) if found["story"] else None
            has_events = data.has_events(conn)
        entities = [e for e in found["entities"] if isinstance(e, dict)]
        texts: list[str] = []
        entity_types: dict[str, str] = {}
        entity_list: dict[str, dict[str, Any]] = {}
        for entity in entities:
            name = data.entity_name(entity)
            if not name:
                continue
            entity_list.setdefault(name, {"name": name, "type": entity.get("type") or "",
                                          "role": entity.get("role")})
            for text in {str(entity.get("text") or ""), name}:
                if text:
                    texts.append(text)
                    entity_types[text] = name
        # Highlight every spelling; link each to the entity's page.
        pieces = _paragraphs(found["body"], texts)
        paragraphs = [[(text, entity_types.get(name) if name else None) for text, name in p]
                      for p in pieces]
        others = []
        if story:
            for member in story["articles"]:
                if member["id"] == article_id:
                    continue
                relation = ("canonical" if member["id"] == story["canonical"]
                            else member["duplicate_relation"] or "linked")
                others.append({**member, "relation": relation})
        rows = [data.event_row(e, found) for e in found["events"] if isinstance(e, dict)]
        return _render("article.html", section="search", a=found, paragraphs=paragraphs,
                       entity_list=list(entity_list.values()),
                       entity_types={v: entity_list[v]["type"] for v in entity_list},
                       events=rows, has_events=has_events, story=story, others=others)
    except PageError as exc:
        return _error(exc)


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    """A story: every outlet that carried it, when, and its relation to the canonical text."""
    try:
        with _reading(request) as conn:
            found = data.story(conn, story_id)
        if found is None:
            raise PageError(404, "No such story", f"No story has the id {story_id}.")
        return _render("story.html", section="search", s=found)
    except PageError as exc:
        return _error(exc)


# -- entities and events -------------------------------------------------------------

@router.get("/entity", response_class=HTMLResponse)
def entities_page(request: Request) -> HTMLResponse:
    """The entities named most often."""
    try:
        with _reading(request) as conn:
            found = data.top_entities(conn)
        return _render("entities.html", section="entities", entities=found)
    except PageError as exc:
        return _error(exc)


@router.get("/entity/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, name: str) -> HTMLResponse:
    """One entity: roles over time, mentions per day, who is named with them, events."""
    try:
        with _reading(request) as conn:
            found = data.entity_mentions(conn, name)
            has_entities = data.has_entities(conn)
        chart = ""
        if found["per_day"]:
            days = [dt.date.fromisoformat(day) for day, _ in found["per_day"]]
            chart = charts.timeline_chart(days, [n for _, n in found["per_day"]],
                                          title=f"Articles naming {name} per day",
                                          ylabel="Articles")
        return _render("entity.html", section="entities", e=found, chart=Markup(chart),
                       has_entities=has_entities)
    except PageError as exc:
        return _error(exc)


@router.get("/who-met-whom", response_class=HTMLResponse)
def events_page(request: Request, type: str = "", country: str = "", person: str = "",
                since: str | None = None, until: str | None = None) -> HTMLResponse:
    """Who met whom: the events of the store, filtered by type, country and person."""
    try:
        start, end = _date(since, "From"), _date(until, "To")
        with _reading(request) as conn:
            everything = data.events(conn)
            rows = data.events(conn, since=start, until=end, type=type or None,
                               country=country or None, person=person or None)
        types = sorted({r["type"] for r in everything})
        countries = sorted({c for r in everything for c in r["countries"]})
        return _render("events.html", section="events", rows=rows, types=types,
                       countries=countries, type=type, country=country, person=person,
                       since=since, until=until, has_events=bool(everything))
    except PageError as exc:
        return _error(exc)


@router.get("/countries", response_class=HTMLResponse)
def countries_page(request: Request) -> HTMLResponse:
    """Kazakhstan's interactions with each country, week by week."""
    try:
        with _reading(request) as conn:
            rows = data.events(conn)
        per: dict[str, Counter[dt.date]] = {}
        types: dict[str, set[str]] = {}
        last: dict[str, str] = {}
        for row in rows:
            week = data.week_start(row["date"])
            for country in row["countries"]:
                if week is not None:
                    per.setdefault(country, Counter())[week] += 1
                types.setdefault(country, set()).add(row["type"])
                last[country] = max(last.get(country, ""), row["date"])
        ranked = sorted(per, key=lambda c: (-sum(per[c].values()), c))
        chart = ""
        if ranked:
            weeks = sorted({w for c in per.values() for w in c})
            series = [(c, [per[c].get(w, 0) for w in weeks]) for c in ranked[:8]]
            chart = charts.lines_chart(weeks, series, title="Interactions per week by country",
                                       xlabel="Week", ylabel="Events")
        table = [{"country": c, "events": sum(per[c].values()), "types": sorted(types[c]),
                  "last": last[c]} for c in ranked]
        return _render("countries.html", section="countries", chart=Markup(chart), table=table)
    except PageError as exc:
        return _error(exc)


# -- digest --------------------------------------------------------------------------

def _period(conn: sqlite3.Connection, start: str | None,
            end: str | None) -> tuple[dt.date, dt.date]:
    first = _date(start, "From")
    last = _date(end, "To")
    if last is None:
        newest = data.date_range(conn)[1]
        last = dt.date.fromisoformat(newest) if newest else dt.date.today()
    if first is None:
        first = days_before(last, DIGEST_DAYS - 1)
    if last < first:
        raise PageError(400, "Bad period", "The period ends before it starts.")
    if (last - first).days > 366:
        raise PageError(400, "Period too long", "A digest covers at most a year.")
    return first, last


@router.get("/digest/view", response_class=HTMLResponse)
def digest_page(request: Request, start: Annotated[str | None, Query(alias="from")] = None,
                end: Annotated[str | None, Query(alias="to")] = None) -> HTMLResponse:
    """The digest of a period (the last week of the store by default)."""
    try:
        with _reading(request) as conn:
            first, last = _period(conn, start, end)
            built = digest_module.build_digest(conn, first, last)
        return _render("digest.html", section="digest", digest=built,
                       charts=digest_module.digest_charts(built), story_links=True)
    except PageError as exc:
        return _error(exc)


@router.get("/digest.html")
def digest_file(request: Request, start: Annotated[str | None, Query(alias="from")] = None,
                end: Annotated[str | None, Query(alias="to")] = None) -> Response:
    """The self-contained HTML digest, as a file to save or mail."""
    try:
        with _reading(request) as conn:
            first, last = _period(conn, start, end)
            built = digest_module.build_digest(conn, first, last)
    except PageError as exc:
        return _error(exc)
    name = f"qaznews-digest-{first.isoformat()}-{last.isoformat()}.html"
    return HTMLResponse(digest_module.render_html(built), headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        # Its CSS is inline by design (one file to mail); it loads nothing else.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    })


@router.get("/digest.md")
def digest_markdown(request: Request, start: Annotated[str | None, Query(alias="from")] = None,
                    end: Annotated[str | None, Query(alias="to")] = None) -> Response:
    """The digest as Markdown."""
    try:
        with _reading(request) as conn:
            first, last = _period(conn, start, end)
            built = digest_module.build_digest(conn, first, last)
    except PageError as exc:
        return _error(exc)
    name = f"qaznews-digest-{first.isoformat()}-{last.isoformat()}.md"
    return PlainTextResponse(digest_module.render_markdown(built),
                             media_type="text/markdown; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
