"""The enrichment stage: entities with roles, events and topics for each article.

`enrich_article` is pure (an article in, the same article with `entities`, `events` and
`topics` set out); the models it needs (spaCy, natasha, the topic model) are loaded once per
process on first use, so that commands which never enrich never pay for them.
"""

from __future__ import annotations

from qaznews.model import Article, Item
from qaznews.pipeline.stages import stage

#: Bump when what enrichment produces changes: `qaznews enrich` re-runs older articles.
ENRICH_VERSION = "1"


def enrich_articles(articles: list[Article]) -> list[Article]:
    """Entities, events and topics of each article; one spaCy stream for the batch."""
    from qaznews.pipeline.entities import find_mentions_many
    from qaznews.pipeline.events import find_events
    from qaznews.pipeline.mentions import entities_of
    from qaznews.pipeline.topics import classify_topics

    for article, mentions in zip(articles, find_mentions_many(articles), strict=True):
        article.entities = entities_of(mentions)
        article.events = find_events(article, mentions)
        article.topics = classify_topics(article)
    return articles


def enrich_article(article: Article) -> Article:
    return enrich_articles([article])[0]


@stage("enrich", ENRICH_VERSION, needs={"title", "body", "language", "published"},
       sets={"entities", "events", "topics"})
def enrich(batch: list[Item]) -> list[Item]:
    enrich_articles([item for item in batch if isinstance(item, Article)])
    return batch
