"""The web pages, in process (TestClient), on the story fixtures and demo captures.

The router is mounted on a small app of our own, with the settings the API app sets
(``app.state.settings["db"]``); when ``qaznews.api.app`` exists, its app is checked too.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():
    # Starlette asks for httpx2, which the project does not pin; httpx works.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from qaznews.store.sqlite import Store
from qaznews.web import data
from qaznews.web.routes import router, safe_snippet

from .webstore import XSS_TITLE, build_web_store, extra_ids


def make_app(db: Path) -> FastAPI:
    app = FastAPI()
    app.state.settings = {"db": str(db)}
    app.include_router(router)
    return app


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_store(tmp_path_factory.mktemp("web") / "store.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(make_app(db)) as opened:
        yield opened


def _ids(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute(sql, params)]


def _results(html: str) -> list[str]:
    return re.findall(r'<article class="result">\s*<h2><a href="/article/([^"]+)"', html)


def _no_inline_code(html: str) -> None:
    """Scripts and styles are files, so the CSP default-src 'self' holds."""
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "<style" not in html
    assert re.findall(r"<[a-zA-Z][^>]*\sstyle=", html) == []
    assert re.findall(r"<[a-zA-Z][^>]*\son[a-z]+=", html) == []


# -- every page ----------------------------------------------------------------------

def test_every_page_renders(client: TestClient, db: Path) -> None:
    ids = extra_ids()
    story = _ids(db, "SELECT story FROM articles WHERE id = ?", (ids["japan"],))[0]
    pages = {
        "/": "stories",
        "/?q=hydrogen": "hydrogen",
        f"/article/{ids['japan']}": "Kazakhstan and Japan sign memorandum on green hydrogen",
        f"/story/{story}": "Kazakhstan and Japan sign memorandum",
        "/entity": "Murat Nurtleu",
        "/entity/Murat%20Nurtleu": "Roles over time",
        "/who-met-whom": "Who met whom",
        "/countries": "Kazakhstan's interactions by country",
        "/digest/view?from=2026-02-01&to=2026-02-07": "Top stories",
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
        assert expected in response.text, url
        assert '<link rel="stylesheet" href="/assets/style.css">' in response.text
        _no_inline_code(response.text)


def test_assets_are_files_of_their_own(client: TestClient) -> None:
    css = client.get("/assets/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "@media (max-width: 48rem)" in css.text
    js = client.get("/assets/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert client.get("/assets/../routes.py").status_code == 404
    assert client.get("/assets/other.css").status_code == 404


def test_missing_things(client: TestClient, tmp_path: Path) -> None:
    assert client.get("/article/anope").status_code == 404
    assert "No such article" in client.get("/article/anope").text
    assert client.get("/story/snope").status_code == 404
    assert client.get("/?since=yesterday").status_code == 400
    assert client.get("/digest/view?from=2026-02-07&to=2026-02-01").status_code == 400
    with TestClient(make_app(tmp_path / "none.db")) as empty:
        response = empty.get("/")
        assert response.status_code == 503 and "ingest" in response.text
    assert not (tmp_path / "none.db").exists()


def test_pages_read_only(db: Path) -> None:
    with data.connect_readonly(db) as conn, pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")


# -- search and facets ---------------------------------------------------------------

def test_search_finds_and_collapses_stories(client: TestClient, db: Path) -> None:
    html = client.get("/?q=hydrogen").text
    found = _results(html)
    assert extra_ids()["japan"] in found or any(
        i in found for i in _ids(db, "SELECT id FROM articles WHERE title LIKE '%Japan%'"))
    assert "<mark>" in html.lower()
    # The Vietnam flights story was carried by two outlets: one result, "+1 more outlet".
    html = client.get("/?q=Vietnam").text
    stories = _ids(db, "SELECT DISTINCT story FROM articles WHERE title LIKE '%Vietnam%'"
                       " OR title LIKE '%Ho Chi Minh%'")
    assert len(stories) == 1
    assert re.search(rf'href="/story/{stories[0]}">\+1 more outlet<', html)
    assert len(_results(html)) == len(set(_results(html)))


def test_facets_filter(client: TestClient, db: Path) -> None:
    everything = _results(client.get("/?sort=date").text)
    russian = _results(client.get("/?language=ru&sort=date").text)
    assert russian and set(russian) != set(everything)
    ru_ids = set(_ids(db, "SELECT id FROM articles WHERE language = 'ru'"))
    assert set(russian) <= ru_ids
    page = client.get("/?language=ru&language=kk&outlet=Qazinform").text
    qazinform = set(_ids(db, "SELECT id FROM articles WHERE outlet = 'Qazinform'"
                             " AND language IN ('ru', 'kk')"))
    assert _results(page) and set(_results(page)) <= qazinform
    assert 'value="Qazinform" checked' in page and 'value="ru" checked' in page
    dated = _results(client.get("/?since=2026-02-10&until=2026-02-12").text)
    in_range = set(_ids(db, "SELECT id FROM articles WHERE published >= '2026-02-10'"
                            " AND published < '2026-02-13'"))
    assert dated and set(dated) <= in_range


def test_search_pages(client: TestClient) -> None:
    first = client.get("/?sort=date").text
    link = re.search(r'href="(/\?[^"]*cursor=[^"]+)" rel="next"', first)
    assert link is not None
    second = client.get(link.group(1).replace("&amp;", "&")).text
    assert _results(second) and set(_results(second)).isdisjoint(_results(first))


def test_snippets_keep_only_mark() -> None:
    snippet = safe_snippet('a <mark>b</mark> <script>x</script><img src=x onerror=y> &amp; c')
    assert str(snippet) == "a <mark>b</mark> x &amp; c"


# -- escaping ------------------------------------------------------------------------

def test_markup_in_articles_is_escaped(client: TestClient) -> None:
    html = client.get(f"/article/{extra_ids()['xss']}").text
    assert XSS_TITLE not in html and "<script>alert" not in html
    assert "<img src=x" not in html and "<b>test</b>" not in html
    assert "&lt;script&gt;alert(" in html
    assert "&lt;script&gt;document.title=" in html
    assert "Test &lt;b&gt;Outlet&lt;/b&gt;" in html
    _no_inline_code(html)
    listed = client.get("/?q=ampersands").text + client.get("/?sort=date").text
    assert "<script>alert" not in listed and "<b>test</b>" not in listed


# -- article, story, entities, events ------------------------------------------------

def test_article_shows_entities_events_and_story(client: TestClient, db: Path) -> None:
    html = client.get(f"/article/{extra_ids()['japan']}").text
    assert '<a class="entity" href="/entity/Murat%20Nurtleu"' in html
    assert ">Yoko Kamikawa</a>" in html
    assert "Memorandum on green hydrogen" in html and ">signing<" in html
    assert 'href="https://example.kz/news/japan-hydrogen"' in html
    # An article of a story of several outlets lists the others with their relations.
    member = _ids(db, "SELECT id FROM articles WHERE title LIKE 'Direct flights between%'")[0]
    html = client.get(f"/article/{member}").text
    assert "Carried 3 times by 2 outlets" in html
    assert re.search(r'class="tag rel-(canonical|exact|near|rewrite)"', html)
    story = _ids(db, "SELECT story FROM articles WHERE id = ?", (member,))[0]
    page = client.get(f"/story/{story}").text
    assert page.count('<a href="/article/') == 3 and "canonical" in page


def test_entity_page(client: TestClient) -> None:
    html = client.get("/entity/Murat%20Nurtleu").text
    assert "named in 2 articles" in html
    assert "Foreign Minister" in html and "Deputy Prime Minister" in html
    assert 'aria-label="Articles naming Murat Nurtleu per day' in html
    assert 'href="/entity/Yoko%20Kamikawa"' in html and "Bakhtiyor Saidov" in html
    assert ">visit<" in html and ">meeting<" in html
    assert "No article names" in client.get("/entity/Nobody%20Known").text


def test_no_entities_yet(tmp_path: Path) -> None:
    Store(tmp_path / "empty.db").close()
    with TestClient(make_app(tmp_path / "empty.db")) as empty:
        assert "No entities yet" in empty.get("/entity").text
        assert "No entities yet" in empty.get("/entity/Anyone").text
        assert "No events yet" in empty.get("/who-met-whom").text
        assert "No events yet" in empty.get("/countries").text
        assert empty.get("/digest/view").status_code == 200


def test_events_filters(client: TestClient) -> None:
    def rows(url: str) -> list[str]:
        return re.findall(r'<span class="tag">([a-z]+)</span>', client.get(url).text)

    assert sorted(rows("/who-met-whom")) == ["meeting", "signing", "visit"]
    assert rows("/who-met-whom?type=visit") == ["visit"]
    assert sorted(rows("/who-met-whom?country=Japan")) == ["meeting", "signing"]
    assert rows("/who-met-whom?person=saidov") == ["visit"]
    assert rows("/who-met-whom?since=2026-02-07") == ["visit"]
    assert "No events match" in client.get("/who-met-whom?country=Peru").text


def test_countries_page(client: TestClient) -> None:
    html = client.get("/countries").text
    assert 'aria-label="Interactions per week by country' in html
    table = re.findall(r'<td><a href="/who-met-whom\?country=(\w+)">\w+</a></td><td class="num">(\d+)',
                       html)
    assert table == [("Japan", "2"), ("Uzbekistan", "1")]


# -- digest --------------------------------------------------------------------------

def test_digest_page_and_files(client: TestClient) -> None:
    page = client.get("/digest/view?from=2026-02-05&to=2026-02-07").text
    assert 'href="/digest.html?from=2026-02-05&amp;to=2026-02-07"' in page
    assert "<h3>Japan</h3>" in page and 'href="/entity/Murat%20Nurtleu"' in page
    assert page.count("<svg") == 3
    default = client.get("/digest/view").text  # the last week of the store
    assert "to 2026-03-03" in default
    assert client.get("/digest/view?to=0001-01-01").status_code == 200  # no week before it
    file = client.get("/digest.html?from=2026-02-05&to=2026-02-07")
    assert file.status_code == 200
    assert "attachment" in file.headers["content-disposition"]
    assert "<style>" in file.text and "/assets/" not in file.text
    refs = re.findall(r'(?:src|href)="([^"]*)"', file.text)
    assert all(not r.startswith("/") for r in refs)
    markdown = client.get("/digest.md?from=2026-02-05&to=2026-02-07")
    assert markdown.text.startswith("# qaznews digest, 2026-02-05 to 2026-02-07")


@pytest.mark.skipif(importlib.util.find_spec("qaznews.api.app") is None,
                    reason="qaznews.api.app is not there yet")
def test_pages_in_the_api_app(db: Path) -> None:
    module = importlib.import_module("qaznews.api.app")
    from qaznews.settings import load_settings
    story = _ids(db, "SELECT story FROM articles WHERE id = ?", (extra_ids()["japan"],))[0]
    with TestClient(module.create_app(load_settings(None, db=db))) as api:
        # Every page is reached in the API app (none is shadowed by a JSON route).
        for url in ("/?q=hydrogen", f"/article/{extra_ids()['japan']}", f"/story/{story}",
                    "/entity", "/entity/Murat%20Nurtleu", "/who-met-whom", "/countries",
                    "/digest/view?from=2026-02-05&to=2026-02-07",
                    "/digest.html?from=2026-02-05&to=2026-02-07", "/assets/style.css"):
            response = api.get(url)
            assert response.status_code == 200, url
            assert response.headers["content-type"].startswith(("text/html", "text/css")), url
            assert "content-security-policy" in response.headers
        assert "default-src 'self'" in api.get("/").headers["content-security-policy"]
