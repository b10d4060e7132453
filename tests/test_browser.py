"""End-to-end: a real browser (Debian's Chromium, driven by Playwright) on the pages served
by uvicorn on 127.0.0.1. Search, filter, open an article, follow it to its story, open
the digest; a screenshot of each page goes to tests/artifacts/screenshots/ (desktop and
375 px wide), to be looked at.

Skipped, with the reason, when the ``playwright`` package or Chromium is missing
(``.venv/bin/pip install playwright==1.65.2``; ``apt-get install -y chromium``; or
``QAZNEWS_CHROMIUM`` naming another Chromium).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request, Response

from qaznews.web.routes import router

from .webstore import build_web_store, extra_ids

playwright_sync = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
    " (.venv/bin/pip install playwright==1.65.2)")
uvicorn = pytest.importorskip("uvicorn")

CHROMIUM = os.environ.get("QAZNEWS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).is_file():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set"
                " QAZNEWS_CHROMIUM)", allow_module_level=True)

SHOTS = Path(__file__).parent / "artifacts" / "screenshots"
CSP = "default-src 'self'"


def _app(db: Path) -> FastAPI:
    """The pages as the API app serves them: settings on the state, the CSP on answers."""
    app = FastAPI()
    app.state.settings = {"db": str(db)}
    app.include_router(router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    return app


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_web_store(tmp_path_factory.mktemp("browser") / "store.db")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(_app(db), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as driver:
        try:
            launched = driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox"])
        except Exception as exc:  # a Chromium that does not start: say why, skip
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {exc}")
        yield launched
        launched.close()


class Watched:
    """A page whose console errors (a CSP violation among them) are collected."""

    def __init__(self, browser: Any, width: int, height: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text)
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}")
                     if r.status >= 400 else None)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def fits(self) -> bool:
        width = self.page.evaluate("document.documentElement.scrollWidth")
        return bool(width <= self.page.viewport_size["width"])

    def close(self) -> None:
        self.context.close()


def test_search_filter_article_story_digest(browser: Any, base_url: str) -> None:
    view = Watched(browser, 1280, 900)
    page = view.page
    page.goto(base_url + "/")
    assert page.locator("article.result").count() > 0
    view.shot("01-home")

    page.fill("#q", "hydrogen")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=hydrogen*")
    titles = page.locator("article.result h2").all_inner_texts()
    assert any("Japan" in title for title in titles)
    assert page.locator(".snippet mark").count() > 0
    view.shot("02-search-hydrogen")

    # A facet applies as soon as it is ticked (the script submits the form).
    with page.expect_navigation():
        page.check('input[name="language"][value="en"]')
    assert "language=en" in page.url
    assert page.locator('input[name="language"][value="en"]').is_checked()
    languages = page.locator("article.result .meta").all_inner_texts()
    assert languages and all(" · en" in meta for meta in languages)
    view.shot("03-search-filtered-en")

    page.goto(base_url + "/?q=hydrogen&language=en")
    page.click("article.result h2 a >> text=Kazakhstan and Japan sign memorandum")
    page.wait_for_url("**/article/*")
    assert page.locator("h1").inner_text().startswith("Kazakhstan and Japan sign memorandum")
    assert page.locator("a.entity").count() >= 2
    view.shot("04-article")

    page.goto(base_url + "/?q=Vietnam")
    page.click("a.more")
    page.wait_for_url("**/story/*")
    assert page.locator("table.members tbody tr").count() == 3
    view.shot("05-story-from-more-outlets")
    page.click("table.members tbody tr >> nth=1 >> a")
    page.wait_for_url("**/article/*")
    page.click("text=Open the story")
    page.wait_for_url("**/story/*")
    view.shot("06-story")

    page.click("nav >> text=Digest")
    page.wait_for_url("**/digest/view")
    page.fill('input[name="from"]', "2026-02-01")
    page.fill('input[name="to"]', "2026-02-07")
    page.click("form.filters button")
    page.wait_for_url("**/digest/view?from=2026-02-01&to=2026-02-07")
    assert page.locator("svg.chart").count() >= 2
    view.shot("07-digest")
    with page.expect_download() as download_info:
        page.click("text=Download the HTML digest")
    saved = SHOTS.parent / "digest-2026-02-01-2026-02-07.html"
    download_info.value.save_as(str(saved))
    page.goto(saved.as_uri())
    assert page.locator("h1").inner_text().startswith("qaznews digest")
    assert page.locator("svg.chart").count() >= 2
    view.shot("08-digest-file")

    for name, path in (("09-entity", "/entity/Murat%20Nurtleu"), ("10-events", "/who-met-whom"),
                       ("11-countries", "/countries"), ("12-xss-article",
                                                        f"/article/{extra_ids()['xss']}")):
        page.goto(base_url + path)
        view.shot(name)
    assert page.title().startswith('<script>alert("title")</script>')
    assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0
    assert view.errors == [], view.errors  # no script error, no CSP violation
    view.close()


def test_pages_fit_a_phone(browser: Any, base_url: str) -> None:
    view = Watched(browser, 375, 812)
    page = view.page
    pages = {"mobile-search": "/?q=hydrogen", "mobile-article": f"/article/{extra_ids()['japan']}",
             "mobile-entity": "/entity/Murat%20Nurtleu", "mobile-events": "/who-met-whom",
             "mobile-digest": "/digest/view?from=2026-02-01&to=2026-02-07"}
    for name, path in pages.items():
        page.goto(base_url + path)
        view.shot(name)
        assert view.fits(), f"{path} is wider than 375 px"
    # On a phone the filter groups start folded, the search box is full width.
    page.goto(base_url + "/?q=hydrogen")
    assert page.locator("#facets details[open]").count() == 0
    assert page.locator("#q").bounding_box()["width"] > 200
    assert view.errors == [], view.errors
    view.close()
