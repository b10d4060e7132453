from __future__ import annotations

import pytest

from qaznews.model import Article, Item
from qaznews.pipeline.stages import Pipeline, PipelineError, run_batch, stage
from qaznews.pipeline.standard import attribute_outlet, clean_text, identify, standard_pipeline


@stage("shout", "1", needs={"title"}, sets={"title"})
def shout(batch: list[Item]) -> list[Item]:
    for item in batch:
        if item.title is None or "poison" in item.title:
            raise ValueError("cannot shout this title")
        item.title = item.title.upper()
    return batch


@stage("needs_topics", "1", needs={"topics"}, sets={"summary"})
def needs_topics(batch: list[Item]) -> list[Item]:
    return batch


def test_misordered_pipeline_fails_when_built() -> None:
    with pytest.raises(PipelineError, match=r"needs_topics.*topics"):
        Pipeline([clean_text, needs_topics])
    with pytest.raises(PipelineError, match="identify"):
        Pipeline([clean_text, identify])  # identify needs the outlet


def test_bad_record_is_set_aside_and_the_batch_goes_on() -> None:
    batch: list[Item] = [Article(title=t, body="text") for t in ("one", "poison pill", "three")]
    result = run_batch(Pipeline([shout]), batch)
    assert [item.title for item in result.items] == ["ONE", "THREE"]
    assert [(r.item.title, r.stage) for r in result.rejected] == [("poison pill", "shout")]
    assert "cannot shout" in result.rejected[0].reason


def test_identify_uses_the_final_outlet() -> None:
    article = Article(title="Forum opens", body="Delegates met, Qazinform News Agency reports.")
    before = article.id
    result = run_batch(Pipeline([clean_text, attribute_outlet, identify]), [article])
    assert result.items[0].id != before  # the outlet is part of the identity
    assert result.items[0].id == Article(title="Forum opens", body="", outlet="Qazinform").id


def test_standard_pipeline_records_stage_versions() -> None:
    versions = standard_pipeline().versions
    assert list(versions) == ["clean", "outlet", "language", "identify"]
    assert "language" not in standard_pipeline(language=False).versions
