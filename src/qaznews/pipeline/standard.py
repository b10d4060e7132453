"""The stages every ingested item goes through: clean, attribute, detect language, identify."""

from __future__ import annotations

from qaznews.model import Article, Item, article_id, link_id
from qaznews.pipeline.clean import clean_title, repair_body
from qaznews.pipeline.outlet import find_outlet
from qaznews.pipeline.stages import Pipeline, stage


@stage("clean", "1", needs={"title", "body"}, sets={"title", "body"})
def clean_text(batch: list[Item]) -> list[Item]:
    for item in batch:
        if item.title is not None:
            item.title = clean_title(item.title)
        if isinstance(item, Article):
            item.body = repair_body(item.body)
    return batch


@stage("outlet", "1", needs={"url", "body"}, sets={"outlet"})
def attribute_outlet(batch: list[Item]) -> list[Item]:
    for item in batch:
        if isinstance(item, Article) and item.outlet is None:
            item.outlet = find_outlet(item.url, item.body)
    return batch


@stage("language", "1", needs={"title", "body"},
       sets={"language", "title_language", "body_language"})
def detect_languages(batch: list[Item]) -> list[Item]:
    from qaznews.pipeline.language import article_language  # loads lingua on first use

    for item in batch:
        if isinstance(item, Article):
            item.language, item.title_language, item.body_language = article_language(
                item.title, item.body
            )
    return batch


@stage("identify", "1", needs={"url", "outlet", "title", "published"}, sets={"id"})
def identify(batch: list[Item]) -> list[Item]:
    """Recompute ids once the fields that identify an item (outlet among them) are final."""
    for item in batch:
        if isinstance(item, Article):
            item.id = article_id(item.url, item.outlet, item.title, item.published, item.body)
        else:
            item.id = link_id(item.url, item.title, item.published)
    return batch


def standard_pipeline(*, language: bool = True) -> Pipeline:
    stages = [clean_text, attribute_outlet]
    if language:
        stages.append(detect_languages)
    stages.append(identify)
    return Pipeline(stages)
