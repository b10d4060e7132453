"""The API's response models (they make the OpenAPI document's schemas)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable error code: bad_parameter, bad_cursor, not_found,"
                                  " unauthorized, too_large, not_allowed, internal...")
    message: str
    parameter: str | None = Field(None, description="The query parameter at fault, if one.")


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: str
    version: str
    schema_version: int
    articles: int
    stories: int
    search: bool = Field(description="Whether the search engine (qaznews.search) is present.")
    ingest: bool = Field(description="Whether POST /ingest is enabled (a token is configured).")


class DuplicateOf(BaseModel):
    id: str
    relation: str | None


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    published: str | None = Field(description="YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    views: int | None
    url: str | None
    outlet: str | None
    language: str | None
    captured: str | None
    story: str | None
    duplicate_of: DuplicateOf | None


class ArticlePage(BaseModel):
    articles: list[ArticleSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null at"
                                                " the end.")


class SourceRef(BaseModel):
    file: str | None
    line: int | None
    url: str | None


class SightingOut(BaseModel):
    file: str | None
    line: int | None
    url: str | None
    captured: str | None
    views: int | None
    content_hash: str | None


class StorySummary(BaseModel):
    id: str
    title: str | None
    first_seen: str | None
    first_publisher: str | None
    first_article: str
    canonical: str
    outlets: list[str]
    members: int
    views: int | None
    languages: list[str]


class StoryMember(BaseModel):
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    views: int | None
    url: str | None
    duplicate_of: DuplicateOf | None


class ArticleDetail(ArticleSummary):
    body: str
    title_language: str | None
    body_language: str | None
    source: SourceRef
    sightings: list[SightingOut]
    entities: list[dict[str, Any]]
    events: list[dict[str, Any]]
    topics: list[str]
    story_summary: StorySummary | None
    copies: list[StoryMember] = Field(description="The story's other members, with their"
                                                  " relation to its canonical article.")


class StoryPage(BaseModel):
    stories: list[StorySummary]
    next_cursor: str | None


class StoryDetail(StorySummary):
    articles: list[StoryMember]


class SearchHit(BaseModel):
    """A search result; the search engine may add fields of its own."""

    model_config = ConfigDict(extra="allow")

    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    story: str | None = None
    views: int | None = None
    url: str | None = None
    snippet: str | None = Field(None, description="The best passage, plain text.")
    score: float | None = Field(None, description="Relevance (BM25), higher is better.")
    title_html: str | None = None
    snippet_html: str | None = Field(None, description="Escaped, query words in <mark>.")
    more_outlets: list[str] = Field(default_factory=list)
    other_articles: list[dict[str, Any]] = Field(default_factory=list)
    other_count: int = 0


class SearchPage(BaseModel):
    results: list[SearchHit]
    total: int | None
    next_cursor: str | None
    engine: str = Field(description="`search` (qaznews.search) or `substring` (the fallback).")


class EntitySummary(BaseModel):
    id: str
    name: str
    type: str
    article_count: int
    last_seen: str | None


class EntityPage(BaseModel):
    entities: list[EntitySummary]
    next_cursor: str | None


class EntityDetail(EntitySummary):
    forms: list[str]
    roles: list[str]
    affiliations: list[str]
    articles: list[ArticleSummary]
    next_cursor: str | None


class EventArticle(BaseModel):
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    story: str | None


class EventOut(BaseModel):
    article: EventArticle
    number: int = Field(description="The event's position in its article's events.")
    type: str
    date: str | None
    place: str | None
    participants: list[dict[str, Any]]
    organizations: list[str]
    agreements: list[str]


class EventPage(BaseModel):
    events: list[EventOut]
    next_cursor: str | None


class DigestStoryOut(BaseModel):
    id: str
    title: str
    first_published: str | None
    first_publisher: str | None
    outlets: list[str]
    articles: int
    views: int
    languages: list[str]
    url: str | None


class Ranked(BaseModel):
    name: str
    articles: int


class CountryEvents(BaseModel):
    country: str
    #: The key events listed (at most qaznews.digest.KEY_EVENTS_PER_COUNTRY).
    events: list[dict[str, Any]]
    #: Every event of the period for the country.
    total: int = 0


class DayCount(BaseModel):
    day: str
    stories: int


class DigestOut(BaseModel):
    start: str
    end: str
    articles: int
    stories: int
    top_stories: list[DigestStoryOut]
    outlets: list[Ranked]
    languages: list[Ranked]
    people: list[Ranked]
    topics: list[Ranked]
    events: int
    events_by_country: list[CountryEvents]
    per_day: list[DayCount]
    builder: str = Field(description="`digest` (qaznews.digest) or `minimal`.")


class IngestedFile(BaseModel):
    name: str
    articles: int
    links: int
    new: int
    updated: int
    skipped_known: bool
    error: str | None


class IngestResult(BaseModel):
    summary: str
    files: list[IngestedFile]
