"""The FastAPI application: routes, validation, errors, security headers, the writer.

Reads: every request opens a read-only connection of its own (``file:PATH?mode=ro``,
``query_only``), so the server never writes while it reads and an ingest may write
meanwhile (the store is in WAL mode). Writes: only ``POST /ingest``, which exists only
when ``api_token`` is set, and goes through one writer connection on one thread, under a
lock, as Datasette's ``execute_write_fn`` does. docs/API.md describes every route.
"""


import asyncio
import dataclasses
import datetime as dt
import hmac
import json
import logging
import sqlite3
import tempfile
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from qaznews import __version__
from qaznews.api import models, queries
from qaznews.api.cursor import CursorError
from qaznews.errors import QaznewsError
from qaznews.settings import load_settings
from qaznews.store.sqlite import Store

__all__ = ["SECURITY_HEADERS", "create_app", "serve"]

log = logging.getLogger("qaznews.api")

#: Sent with every response, errors included.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
     b" form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
#: Longest digest period, in days.
MAX_DIGEST_DAYS = 366
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_UPLOAD_NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$"
_CHUNK = 1 << 16

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ApiError(Exception):
    """A 4xx answer with a stable code."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.headers = headers


def _error(status: int, code: str, message: str, parameter: str | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    body = models.ErrorResponse(error=models.ErrorDetail(code=code, message=message,
                                                         parameter=parameter))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response, and turns any unhandled error into
    a plain 500 JSON answer (no stack trace leaves the server)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((n, v) for n, v in SECURITY_HEADERS if n not in names)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            body = json.dumps({"error": {"code": "internal", "message": "internal error",
                                         "parameter": None}}).encode()
            await send_with_headers({"type": "http.response.start", "status": 500,
                                     "headers": [(b"content-type", b"application/json"),
                                                 (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


class Writer:
    """The one writer: a thread of its own holding the store's write connection."""

    def __init__(self, db: Path, settings: dict[str, Any]) -> None:
        self.db = db
        self.settings = settings
        self.lock = threading.Lock()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qaznews-writer")
        self._store: Store | None = None

    def _ingest(self, paths: list[Path], names: dict[str, str]) -> models.IngestResult:
        from qaznews.core import ingest_paths

        with self.lock:
            if self._store is None:
                self._store = Store(self.db)
            summary = ingest_paths(paths, self._store, settings=self.settings)
        return models.IngestResult(summary=summary.line(), files=[
            models.IngestedFile(name=names.get(f.path, Path(f.path).name), articles=f.articles,
                                links=f.links, new=f.written.new, updated=f.written.updated,
                                skipped_known=f.skipped_known,
                                error=(f.error.replace(f.path, names.get(f.path, "upload"))
                                       if f.error else None))
            for f in summary.files])

    async def ingest(self, paths: list[Path], names: dict[str, str]) -> models.IngestResult:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, self._ingest, paths, names)

    def close(self) -> None:
        def close_store() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self.executor.submit(close_store).result()
        self.executor.shutdown(wait=True)


# -- parameters -------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (1..100).")]
CursorParam = Annotated[str | None, Query(max_length=2048,
                                          description="`next_cursor` of the previous page.")]
DateParam = Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD",
                                        json_schema_extra={"format": "date"})]
Names = Annotated[list[str], Query(max_length=20)]
ArticleSort = Literal["newest", "oldest", "views"]
StorySort = Literal["newest", "oldest", "members", "views"]
SearchSort = Literal["relevance", "date", "views"]
Id = Annotated[str, PathParam(min_length=1, max_length=200)]


def parse_day(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, "bad_parameter", f"{name} is not a date (YYYY-MM-DD): {value!r}",
                       name) from None


def parse_period(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    start, end = parse_day(since, "since"), parse_day(until, "until")
    if start and end and end < start:
        raise ApiError(400, "bad_parameter", "until is before since", "until")
    if end == dt.date.max:
        end = None
    return start, end


def check_names(values: list[str], name: str) -> list[str]:
    cleaned = [v.strip() for v in values if v.strip()]
    for value in cleaned:
        if len(value) > 200:
            raise ApiError(400, "bad_parameter", f"{name} is longer than 200 characters", name)
    return cleaned


# -- the application --------------------------------------------------------------------


def create_app(settings: dict[str, Any] | None = None) -> FastAPI:
    """The API over the store of ``settings`` (``db``; ``api_token`` enables POST /ingest).

    The store is created (and migrated) once here if it is missing; every request after
    reads on a read-only connection of its own.
    """
    settings = dict(settings if settings is not None else load_settings())
    defaults = load_settings(None) if any(k not in settings for k in ("db", "stories")) else {}
    settings = {**defaults, **settings}
    db = Path(str(settings["db"]))
    Store(db).close()  # create or migrate; refuses a store from a newer qaznews
    token = str(settings.get("api_token") or "")
    max_upload = int(settings.get("api_max_upload_bytes") or 64 * 1024**2)
    writer = Writer(db, settings) if token else None
    cache = queries.AggregateCache(db)
    ro_uri = f"file:{quote(str(db.resolve()))}?mode=ro"

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if writer is not None:
            writer.close()

    app = FastAPI(
        title="qaznews API", version=__version__, lifespan=lifespan,
        description="Find, read and follow Kazakhstan's news: articles, stories, entities,"
                    " events, search and digests (docs/API.md).",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.db_path = db

    def connect() -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(ro_uri, uri=True, check_same_thread=False, timeout=10)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = 1")
            conn.execute("PRAGMA mmap_size = 1073741824")
            yield conn
        finally:
            conn.close()

    app.state.read_connection = connect
    Conn = Annotated[sqlite3.Connection, Depends(connect)]
    errors: dict[int | str, dict[str, Any]] = {
        400: {"model": models.ErrorResponse, "description": "Bad parameter or cursor"}}
    with_404: dict[int | str, dict[str, Any]] = {
        **errors, 404: {"model": models.ErrorResponse, "description": "Unknown id"}}

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, exc.parameter, exc.headers)

    @app.exception_handler(CursorError)
    async def cursor_error(_: Request, exc: CursorError) -> JSONResponse:
        return _error(400, "bad_cursor", str(exc), "cursor")

    @app.exception_handler(queries.NotFound)
    async def not_found(_: Request, exc: queries.NotFound) -> JSONResponse:
        return _error(404, "not_found", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(part) for part in first.get("loc", ())]
        name = loc[-1] if loc and loc[0] in ("query", "path", "header") else None
        if loc and loc[-1].isdigit() and len(loc) > 2:
            name = loc[-2]
        message = str(first.get("msg", "invalid request"))
        return _error(400, "bad_parameter", f"{name}: {message}" if name else message, name)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "not_allowed", 401: "unauthorized"}
        return _error(exc.status_code, codes.get(exc.status_code, "http_error"),
                      str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(sqlite3.OperationalError)
    async def busy(_: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        log.warning("store error: %s", exc)
        return _error(503, "store_unavailable", "the store is busy or unreadable; retry",
                      headers={"Retry-After": "1"})

    # -- routes --

    @app.get("/health", response_model=models.Health, tags=["meta"])
    def health(conn: Conn) -> models.Health:
        """Liveness and what the store holds."""
        one = conn.execute
        return models.Health(
            status="ok", version=__version__,
            schema_version=int(one("PRAGMA user_version").fetchone()[0]),
            articles=int(one("SELECT count(*) FROM articles").fetchone()[0]),
            stories=int(one("SELECT count(*) FROM stories").fetchone()[0]),
            search=_search_engine() is not None, ingest=writer is not None)

    @app.get("/articles", response_model=models.ArticlePage, responses=errors, tags=["articles"])
    def articles(conn: Conn, since: DateParam = None, until: DateParam = None,
                 outlet: Names = [], language: Names = [],  # noqa: B006
                 story: Annotated[str | None, Query(max_length=200)] = None,
                 sort: ArticleSort = "newest", limit: Limit = DEFAULT_LIMIT,
                 cursor: CursorParam = None) -> dict[str, Any]:
        """Articles, newest first (or oldest, or most viewed), filtered by period (by
        publication day, both ends included), outlet, language and story."""
        start, end = parse_period(since, until)
        filters = queries.Filters(start, end, check_names(outlet, "outlet"),
                                  check_names(language, "language"), story)
        found, next_cursor = queries.list_articles(conn, filters, sort=sort, limit=limit,
                                                   cursor=cursor)
        return {"articles": found, "next_cursor": next_cursor}

    @app.get("/articles/{article_id}", response_model=models.ArticleDetail, responses=with_404,
             tags=["articles"])
    def article(conn: Conn, article_id: Id) -> dict[str, Any]:
        """An article with its text, sightings, story and the story's other members."""
        return queries.get_article(conn, article_id)

    @app.get("/search", response_model=models.SearchPage, responses=errors, tags=["search"])
    def search(conn: Conn, q: Annotated[str, Query(min_length=1, max_length=500)],
               since: DateParam = None, until: DateParam = None,
               outlet: Names = [], language: Names = [], topic: Names = [],  # noqa: B006
               entity: Names = [], event_type: Names = [],  # noqa: B006
               story: Annotated[str | None, Query(max_length=200)] = None,
               sort: SearchSort = "relevance",
               collapse: Annotated[bool, Query(description="One result per story.")] = True,
               limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None) -> dict[str, Any]:
        """Full-text search with the filters of /articles plus topic, entity and event type."""
        if not q.strip():
            raise ApiError(400, "bad_parameter", "q is empty", "q")
        start, end = parse_period(since, until)
        filters = queries.Filters(
            start, end, check_names(outlet, "outlet"), check_names(language, "language"),
            story, check_names(topic, "topic"), check_names(entity, "entity"),
            check_names(event_type, "event_type"))
        return run_search(conn, q.strip(), filters, sort=sort, collapse=collapse, limit=limit,
                          cursor=cursor)

    @app.get("/stories", response_model=models.StoryPage, responses=errors, tags=["stories"])
    def stories(conn: Conn, since: DateParam = None, until: DateParam = None,
                outlet: Names = [],  # noqa: B006
                min_members: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                sort: StorySort = "newest", limit: Limit = DEFAULT_LIMIT,
                cursor: CursorParam = None) -> dict[str, Any]:
        """Stories, newest first (by first publication), with at least ``min_members``."""
        start, end = parse_period(since, until)
        found, next_cursor = queries.list_stories(
            conn, since=start, until=end, outlets=check_names(outlet, "outlet"),
            min_members=min_members, sort=sort, limit=limit, cursor=cursor)
        return {"stories": found, "next_cursor": next_cursor}

    @app.get("/stories/{story_id}", response_model=models.StoryDetail, responses=with_404,
             tags=["stories"])
    def story(conn: Conn, story_id: Id) -> dict[str, Any]:
        """A story with every member: outlet, time, views, relation to the canonical."""
        return queries.get_story(conn, story_id)

    def entity_list(conn: sqlite3.Connection, start: dt.date | None,
                    end: dt.date | None) -> list[queries.EntityAggregate]:
        found: list[queries.EntityAggregate] = cache.get(
            ("entities", start, end), lambda: queries.aggregate_entities(conn, start, end))
        return found

    @app.get("/entities", response_model=models.EntityPage, responses=errors,
             tags=["entities"])
    def entities(conn: Conn, since: DateParam = None, until: DateParam = None,
                 type: Annotated[str | None, Query(max_length=50)] = None,
                 q: Annotated[str | None, Query(max_length=200)] = None,
                 sort: Literal["articles", "name"] = "articles", limit: Limit = DEFAULT_LIMIT,
                 cursor: CursorParam = None) -> dict[str, Any]:
        """Entities named in the articles of the period, most named first (or by name)."""
        start, end = parse_period(since, until)
        if start is None and end is None and queries.records_ready(conn):
            found, next_cursor = queries.page_entity_refs(conn, type_=type, q=q, sort=sort,
                                                          limit=limit, cursor=cursor)
        else:
            found, next_cursor = queries.page_entities(
                entity_list(conn, start, end), type_=type, q=q, sort=sort, limit=limit,
                cursor=cursor)
        return {"entities": found, "next_cursor": next_cursor}

    @app.get("/entities/{entity_id}", response_model=models.EntityDetail, responses=with_404,
             tags=["entities"])
    def entity(conn: Conn, entity_id: Id, limit: Limit = DEFAULT_LIMIT,
               cursor: CursorParam = None) -> dict[str, Any]:
        """An entity: its forms, roles, affiliations, and the articles naming it, newest
        first."""
        if queries.records_ready(conn):
            found = queries.entity_by_ref(conn, entity_id)
        else:
            found = next((e for e in entity_list(conn, None, None) if e.id == entity_id),
                         None)
        if found is None:
            raise queries.NotFound(f"no entity {entity_id!r}")
        return queries.entity_details(conn, found, limit=limit, cursor=cursor)

    @app.get("/events", response_model=models.EventPage, responses=errors, tags=["events"])
    def events(conn: Conn, since: DateParam = None, until: DateParam = None,
               person: Annotated[str | None, Query(max_length=200)] = None,
               country: Annotated[str | None, Query(max_length=200)] = None,
               type: Annotated[str | None, Query(max_length=50)] = None,
               limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None) -> dict[str, Any]:
        """Events (meetings, signings, visits...) of the articles, newest article first;
        ``person`` matches a participant's name, ``country`` the place, the country or a
        participant's affiliation."""
        start, end = parse_period(since, until)
        found, next_cursor = queries.list_events(
            conn, since=start, until=end, person=person or None, country=country or None,
            type_=type or None, limit=limit, cursor=cursor)
        return {"events": found, "next_cursor": next_cursor}

    @app.get("/digest", response_model=models.DigestOut, responses=errors, tags=["digest"])
    def digest(conn: Conn,
               start: Annotated[str | None, Query(alias="from", pattern=_DATE,
                                                  json_schema_extra={"format": "date"},
                                                  description="First day (default: a week"
                                                              " before `to`).")] = None,
               end: Annotated[str | None, Query(alias="to", pattern=_DATE,
                                                json_schema_extra={"format": "date"},
                                                description="Last day (default: the latest"
                                                            " publication day).")] = None,
               ) -> dict[str, Any]:
        """The period's top stories by coverage and views, outlets and languages (and,
        with qaznews.digest, people, topics and events by country)."""
        first, last = parse_day(start, "from"), parse_day(end, "to")
        last = last or queries.latest_day(conn)
        first = first or queries.days_before(last, 6)
        if last < first:
            raise ApiError(400, "bad_parameter", "to is before from", "to")
        if (last - first).days >= MAX_DIGEST_DAYS:
            raise ApiError(400, "bad_parameter",
                           f"the period is longer than {MAX_DIGEST_DAYS} days", "from")
        found: dict[str, Any] = cache.get(("digest", first, last),
                                          lambda: run_digest(conn, first, last))
        return found

    if writer is not None:
        bearer = HTTPBearer(auto_error=False, description="The api_token setting.")

        @app.post("/ingest", response_model=models.IngestResult, tags=["ingest"],
                  responses={**errors,
                             401: {"model": models.ErrorResponse, "description": "No or wrong"
                                                                                 " token"},
                             413: {"model": models.ErrorResponse, "description": "Too large"}},
                  openapi_extra={"requestBody": {"required": True, "content": {
                      "application/octet-stream": {"schema": {"type": "string",
                                                              "format": "binary"}}}}})
        async def ingest(
            request: Request,
            name: Annotated[str, Query(pattern=_UPLOAD_NAME,
                                       description="File name; its suffix says what it is"
                                                   " (.txt capture, .html page, .warc.gz,"
                                                   " .xml feed...).")],
            credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        ) -> models.IngestResult:
            """Store one uploaded capture, page, web archive or feed (the request body),
            as `qaznews ingest` would."""
            given = credentials.credentials.encode() if credentials else b""
            if not hmac.compare_digest(given, token.encode()):
                raise ApiError(401, "unauthorized", "missing or wrong bearer token",
                               headers={"WWW-Authenticate": "Bearer"})
            with tempfile.TemporaryDirectory(prefix="qaznews-upload-") as folder:
                path = Path(folder) / name
                size = 0
                with path.open("wb") as handle:
                    async for chunk in request.stream():
                        size += len(chunk)
                        if size > max_upload:
                            raise ApiError(413, "too_large",
                                           f"upload is over {max_upload:,} bytes"
                                           " (setting api_max_upload_bytes)")
                        handle.write(chunk)
                if size == 0:
                    raise ApiError(400, "bad_parameter", "the request body is empty")
                return await writer.ingest([path], {str(path): name})

    _strip_422(app)
    _include_web(app)
    app.add_middleware(SecurityHeaders)
    return app


def _strip_422(app: FastAPI) -> None:
    """Validation errors are answered with 400 (ErrorResponse): say so in the document."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = original()
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                responses = operation.get("responses", {})
                if responses.pop("422", None) is not None and "400" not in responses:
                    responses["400"] = {
                        "description": "Bad parameter",
                        "content": {"application/json": {"schema": {
                            "$ref": "#/components/schemas/ErrorResponse"}}}}
        components = schema.get("components", {}).get("schemas", {})
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        if "ErrorResponse" not in components:
            components.update(_error_schemas())
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _error_schemas() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    _, defs = models_json_schema([(models.ErrorResponse, "serialization")],
                                 ref_template="#/components/schemas/{model}")
    found: dict[str, Any] = defs.get("$defs", {})
    return found


def _include_web(app: FastAPI) -> None:
    """The server-rendered pages (qaznews.web.routes), when they are installed."""
    try:
        from qaznews.web.routes import router
    except ImportError:
        return
    app.include_router(router)


# -- search and digest adapters ---------------------------------------------------------


def _search_engine() -> Callable[..., Any] | None:
    try:
        from qaznews.search import search
    except ImportError:
        return None
    found: Callable[..., Any] = search
    return found


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def run_search(conn: sqlite3.Connection, q: str, filters: queries.Filters, *, sort: str,
               collapse: bool, limit: int, cursor: str | None) -> dict[str, Any]:
    """qaznews.search when it is there; else a plain substring match, newest first."""
    engine = _search_engine()
    if engine is None:
        found, next_cursor = queries.list_articles(
            conn, filters, sort="views" if sort == "views" else "newest", limit=limit,
            cursor=cursor, text=q)
        return {"results": found, "total": None, "next_cursor": next_cursor,
                "engine": "substring"}
    try:
        page = engine(conn, q, since=filters.since, until=filters.until,
                      outlets=list(filters.outlets), languages=list(filters.languages),
                      topics=list(filters.topics), entities=list(filters.entities),
                      event_types=list(filters.event_types), story=filters.story, sort=sort,
                      collapse=collapse, limit=limit, cursor=cursor)
    except (QaznewsError, ValueError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        name = "cursor" if "cursor" in message.lower() else "q"
        raise ApiError(400, "bad_cursor" if name == "cursor" else "bad_parameter", message,
                       name) from None
    results = []
    for hit in page.results:
        plain = _plain(hit)
        plain.setdefault("snippet", plain.get("snippet_text"))
        results.append(plain)
    return {"results": results, "total": page.total, "next_cursor": page.next_cursor,
            "engine": "search"}


def run_digest(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> dict[str, Any]:
    """qaznews.digest.build_digest when it is there; else the minimal aggregate."""
    try:
        from qaznews.digest import build_digest
    except ImportError:
        result = queries.minimal_digest(conn, start, end)
        result["builder"] = "minimal"
        return result
    digest = build_digest(conn, start, end)
    data: dict[str, Any] = _plain(digest)
    for key in ("outlets", "languages", "people", "topics"):
        data[key] = [{"name": str(n), "articles": int(c)} for n, c in data.get(key) or []]
    totals = digest.events_per_country
    data["events_by_country"] = [{"country": str(c), "events": list(e),
                                  "total": int(totals.get(str(c), len(e)))}
                                 for c, e in data.get("events_by_country") or []]
    data.pop("events_per_country", None)
    data["per_day"] = [{"day": str(d), "stories": int(c)} for d, c in data.get("per_day") or []]
    data["builder"] = "digest"
    return data


# -- running ----------------------------------------------------------------------------


def serve(settings: dict[str, Any] | None = None, host: str = "127.0.0.1",
          port: int = 8000) -> None:
    """Run the API with uvicorn until interrupted (``qaznews serve``)."""
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                server_header=False, proxy_headers=False)
