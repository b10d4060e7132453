"""Enrichment of stored articles: entities with roles, events and topics.

Enrichment reads an article's *stored* text, the one merging kept (the fuller body of
all its readings), so it runs after :meth:`Store.write`, inside the same transaction,
on the articles that need it: new ones, those whose text a merge changed (the store then
forgets their enrichment version), and those enriched by an older
:data:`~qaznews.pipeline.enrich.ENRICH_VERSION`. Its results go to the article's
`entities`, `events` and `topics` columns, its version to `stage_versions["enrich"]`, and
the entity records (:mod:`qaznews.store.entities`) follow in the same transaction.

The stage's models load on the first article that needs them, never before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from qaznews.model import Article, Published, entity_to_dict, event_to_dict
from qaznews.pipeline import enrich as enrich_stage
from qaznews.pipeline.stages import Pipeline, run_batch
from qaznews.store.sqlite import Store

_CHUNK = 900
#: Articles enriched per transaction by `qaznews enrich`.
ENRICH_BATCH = 200


@dataclass(slots=True)
class EnrichCounts:
    """What enrichment did: articles enriched, entities and events found, failures."""

    articles: int = 0
    entities: int = 0
    events: int = 0
    #: (article id, reason) of each article enrichment failed on; it stays stored as it
    #: was, and is tried again by the next `qaznews enrich`.
    failed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: EnrichCounts) -> None:
        self.articles += other.articles
        self.entities += other.entities
        self.events += other.events
        self.failed.extend(other.failed)

    def line(self) -> str:
        return (f"{self.articles} articles enriched: {self.entities} entities, "
                f"{self.events} events, {len(self.failed)} failures")


def current_version() -> str:
    """Read at each call, so that an upgrade (or a test) changing it is seen."""
    return enrich_stage.ENRICH_VERSION


def is_older(stored: str | None, current: str) -> bool:
    """Whether enrichment of version ``stored`` (None: never) must run again."""
    if stored is None:
        return True
    try:
        return int(stored) < int(current)
    except ValueError:
        return stored != current


def needs_enrichment(store: Store, article_ids: Iterable[str]) -> list[str]:
    """Those of these stored articles never enriched, or by an older version."""
    ids = list(dict.fromkeys(article_ids))
    version = current_version()
    wanted: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for article_id, stored in store.conn.execute(
                "SELECT id, json_extract(stage_versions, '$.enrich') FROM articles"
                f" WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk)):
            if is_older(None if stored is None else str(stored), version):
                wanted.add(article_id)
    return [i for i in ids if i in wanted]


def stale_articles(store: Store, *, all_articles: bool = False) -> list[str]:
    """Every stored article enrichment must run on (all of them with ``all_articles``),
    in store order."""
    version = current_version()
    return [str(article_id) for article_id, stored in store.conn.execute(
        "SELECT id, json_extract(stage_versions, '$.enrich') FROM articles ORDER BY rowid")
        if all_articles or is_older(None if stored is None else str(stored), version)]


def _stored_articles(store: Store, ids: Sequence[str]) -> list[Article]:
    found: dict[str, Article] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for row in store.conn.execute(
                "SELECT id, title, body, published, url, outlet, language, title_language,"
                f" body_language FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                tuple(chunk)):
            found[row["id"]] = Article(
                id=row["id"], title=row["title"], body=row["body"],
                published=Published.from_iso(row["published"]) if row["published"] else None,
                url=row["url"], outlet=row["outlet"], language=row["language"],
                title_language=row["title_language"], body_language=row["body_language"])
    return [found[i] for i in ids if i in found]


#: The enrich stage alone, run on stored articles (which have every field it needs).
_PIPELINE = Pipeline([enrich_stage.enrich], available=frozenset(
    {"title", "body", "language", "title_language", "body_language", "published", "url",
     "outlet", "id"}))


def enrich_stored(store: Store, article_ids: Sequence[str]) -> EnrichCounts:
    """Enrich these stored articles from their stored text and write what was found, with
    the entity records. Call inside a transaction. An article enrichment fails on is
    reported, not written; the others are."""
    from qaznews.store.entities import EntityRecords

    counts = EnrichCounts()
    articles = _stored_articles(store, article_ids)
    if articles:
        result = run_batch(_PIPELINE, list(articles))
        counts.failed.extend((r.item.id, r.reason) for r in result.rejected)
        version = current_version()
        rows = []
        for item in result.items:
            if not isinstance(item, Article):
                continue
            rows.append((
                json.dumps([entity_to_dict(e) for e in item.entities], ensure_ascii=False),
                json.dumps([event_to_dict(e) for e in item.events], ensure_ascii=False),
                json.dumps(list(item.topics), ensure_ascii=False), version, item.id))
            counts.articles += 1
            counts.entities += len(item.entities)
            counts.events += len(item.events)
        store.conn.executemany(
            "UPDATE articles SET entities = ?, events = ?, topics = ?,"
            " stage_versions = json_set(stage_versions, '$.enrich', ?) WHERE id = ?", rows)
    records = EntityRecords(store)
    if articles or records.pending(limit=1):
        records.update()
    return counts


def enrich_store(store: Store, *, all_articles: bool = False, batch_size: int = ENRICH_BATCH,
                 on_start: Callable[[int], None] | None = None,
                 progress: Callable[[int], None] | None = None) -> EnrichCounts:
    """Enrich every stored article whose enrichment is older (or all), ``batch_size``
    articles per transaction: an interruption keeps every batch committed before it, and
    the next run goes on from there. Records queued by other writers are brought up to
    date first. ``on_start`` gets the number of articles to do, ``progress`` each batch's."""
    from qaznews.store.entities import EntityRecords

    records = EntityRecords(store)
    while pending := records.pending(limit=batch_size * 5):
        with store.transaction():
            records.update(pending, all_pending=False)
    ids = stale_articles(store, all_articles=all_articles)
    if on_start is not None:
        on_start(len(ids))
    total = EnrichCounts()
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        with store.transaction():
            total.add(enrich_stored(store, chunk))
        if progress is not None:
            progress(len(chunk))
    return total
