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


def enrich_article(article: Article) -> Article:
    from qaznews.pipeline.entities import find_mentions
    from qaznews.pipeline.events import find_events
    from qaznews.pipeline.mentions import entities_of
    from qaznews.pipeline.topics import classify_topics

    mentions = find_mentions(article)
    article.entities = entities_of(mentions)
    article.events = find_events(article, mentions)
    article.topics = classify_topics(article)
    return article


@stage("enrich", ENRICH_VERSION, needs={"title", "body", "language", "published"},
       sets={"entities", "events", "topics"})
def enrich(batch: list[Item]) -> list[Item]:
    for item in batch:
        if isinstance(item, Article):
            enrich_article(item)
    return batch
