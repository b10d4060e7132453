"""Topics: the taxonomy, the classifier in four scripts, retraining, and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qaznews.cli import app
from qaznews.model import Article
from qaznews.pipeline import topics
from qaznews.pipeline.topics import (
    LEXICON_SCRIPTS,
    MAX_TOPICS,
    LabelledText,
    TopicError,
    TopicModel,
    classify_topics,
    read_labelled,
    seed_examples,
    taxonomy,
    topic_ids,
)
from qaznews.store.sqlite import Store

from .conftest import DATA

runner = CliRunner()
RECOGNISED = DATA / "topics" / "recognised.tsv"


def _recognised() -> list[tuple[str, str, str, str]]:
    cases = []
    for line in RECOGNISED.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        label, script, text = line.split("\t")
        title, body = text.split(" | ")
        cases.append((label, script, title, body))
    return cases


@pytest.fixture(scope="module")
def model() -> TopicModel:
    return TopicModel.fit(seed_examples())


@pytest.fixture
def topics_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A topics folder of this test's own, so the user's model and labels are not touched."""
    folder = tmp_path / "topics"
    monkeypatch.setenv("QAZNEWS_TOPICS_DIR", str(folder))
    topics.forget_default_model()
    yield folder
    topics.forget_default_model()


# -- the taxonomy --------------------------------------------------------------------------


def test_taxonomy_ids_are_stable_and_each_topic_is_defined_in_every_script() -> None:
    ids = topic_ids()
    assert len(ids) == len(set(ids)) >= 20
    for required in ("diplomacy", "trade-investment", "transport-logistics", "energy-mining",
                     "taxes-customs", "health", "education-science", "culture",
                     "environment-climate", "housing-utilities", "local-government",
                     "security-defence", "digital-ai", "weather-space"):
        assert required in ids
    for topic in taxonomy():
        assert topic.definition and topic.name
        for script in LEXICON_SCRIPTS:
            assert topic.lexicon[script], f"{topic.id} has no {script} lexicon"


def test_seed_data_has_at_least_15_texts_per_topic_and_none_of_the_test_texts() -> None:
    seed = seed_examples()
    for label in topic_ids():
        assert sum(label in e.labels for e in seed) >= 15, label
    seed_titles = {e.title for e in seed}
    assert not seed_titles & {title for _, _, title, _ in _recognised()}


# -- classifying ---------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "script", "title", "body"), _recognised(),
                         ids=[f"{c[0]}-{c[1]}" for c in _recognised()])
def test_each_topic_is_recognised_in_each_script(model: TopicModel, label: str, script: str,
                                                  title: str, body: str) -> None:
    assert label in model.classify(title, body)


def test_every_topic_and_script_has_a_fixture() -> None:
    covered = {(label, script) for label, script, _, _ in _recognised()}
    assert covered == {(label, script) for label in topic_ids() for script in LEXICON_SCRIPTS}


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("Ambassador of Kazakhstan discusses oil and gas projects with Norwegian energy companies",
     "The embassy organised talks on oil field services and a new wind power plant.",
     {"diplomacy", "energy-mining"}),
    ("Паводок в Актюбинской области: спасатели эвакуировали жителей",
     "Синоптики прогнозируют дожди и резкое потепление, МЧС усилило группировку спасателей.",
     {"emergencies", "weather-space"}),
    ("Мектеп оқушылары футболдан облыс чемпионы атанды",
     "Мектеп командасы турнирде жеңіп, медаль алды. Оқушыларды мұғалімдер құттықтады.",
     {"education-science", "sport"}),
])
def test_multi_label_articles(model: TopicModel, title: str, body: str,
                              expected: set[str]) -> None:
    found = model.classify(title, body)
    assert expected <= set(found)
    assert len(found) <= MAX_TOPICS


@pytest.mark.parametrize(("title", "body"), [
    ("Recipe of the week", "Whisk two eggs with a cup of sugar, fold in the flour and bake for "
                           "forty minutes until golden."),
    ("Кот по кличке Барсик научился открывать дверь", "Хозяйка сняла это на видео."),
    ("", ""),
])
def test_an_off_topic_text_gets_no_topic(model: TopicModel, title: str, body: str) -> None:
    assert model.classify(title, body) == []


def test_topics_are_ordered_by_probability(model: TopicModel) -> None:
    ranked = model.ranked("Kazakhstan and Japan sign agreement on a joint wind power plant",
                          "The foreign ministers witnessed the signing of the energy deal.")
    chances = [p for _, p in ranked]
    assert chances == sorted(chances, reverse=True)


def test_classify_topics_trains_once_and_caches_the_model(
        topics_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = Article(title="Almaty hosts the Asian Boxing Championship",
                      body="Boxers from 25 countries compete for medals at the tournament.")
    assert classify_topics(article)[0] == "sport"
    assert (topics_home / "model.npz").exists()
    topics.forget_default_model()

    def refit(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cached model was refitted instead of loaded")

    monkeypatch.setattr(TopicModel, "fit", refit)
    assert classify_topics(article)[0] == "sport"


# -- labels files --------------------------------------------------------------------------


def test_bad_labels_files_are_reported_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text('{"title": "Fine", "labels": ["health"]}\n{not json\n', encoding="utf-8")
    with pytest.raises(TopicError, match=r"labels.jsonl:2: not JSON"):
        read_labelled(path)
    path.write_text('{"title": "A", "labels": ["cooking"]}\n', encoding="utf-8")
    with pytest.raises(TopicError, match=r":1: unknown topic 'cooking'"):
        read_labelled(path)
    path.write_text('{"labels": ["health"]}\n', encoding="utf-8")
    with pytest.raises(TopicError, match="no text"):
        read_labelled(path)
    path.write_text('["health"]\n', encoding="utf-8")
    with pytest.raises(TopicError, match="expected a JSON object"):
        read_labelled(path)


def test_a_later_label_of_the_same_article_wins(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    lines = [{"id": "a1", "title": "T", "labels": ["health"]},
             {"id": "a1", "title": "T", "labels": ["sport"]}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert [e.labels for e in read_labelled(path)] == [("sport",)]


def test_retraining_with_user_labels_changes_a_prediction() -> None:
    title = "Philatelists gather in Pavlodar"
    body = "Collectors exchanged rare postage stamps and envelopes at the annual meeting."
    before = TopicModel.fit(seed_examples())
    assert "culture" not in before.classify(title, body)
    labelled = [LabelledText(title="Stamp collectors meet in Semey",
                             body="Philatelists showed postage stamps and envelopes.",
                             labels=("culture",), weight=2.0),
                LabelledText(title=title, body=body, labels=("culture",), weight=2.0)]
    after = TopicModel.fit([*seed_examples(), *labelled])
    assert "culture" in after.classify(title, body)


# -- the command line ------------------------------------------------------------------------

STAMPS = ("01.03.2026, 10:00 120\nPhilatelists gather in Pavlodar\n"
          "Collectors exchanged rare postage stamps and envelopes at the annual meeting.\n")


def _stored_article(tmp_path: Path) -> tuple[Path, str]:
    capture = tmp_path / "stamps.txt"
    capture.write_text(STAMPS, encoding="utf-8")
    db = tmp_path / "q.db"
    result = runner.invoke(app, ["ingest", str(capture), "--db", str(db), "--no-enrich"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        article_id = str(store.query("SELECT id FROM articles")[0]["id"])
    return db, article_id


def test_topics_list_prints_the_taxonomy() -> None:
    result = runner.invoke(app, ["topics", "list", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [t["id"] for t in listed] == list(topic_ids())
    assert all(t["definition"] for t in listed)


def test_label_train_and_eval_end_to_end(tmp_path: Path, topics_home: Path) -> None:
    db, article_id = _stored_article(tmp_path)
    labelled = runner.invoke(app, ["topics", "label", article_id[:10], "culture",
                                   "--db", str(db)])
    assert labelled.exit_code == 0, labelled.output
    assert f"{article_id}: culture" in labelled.stdout
    with Store(db) as store:
        assert store.get_article(article_id).topics == ["culture"]  # type: ignore[union-attr]
    record = json.loads((topics_home / "labels.jsonl").read_text(encoding="utf-8"))
    assert record["id"] == article_id and record["labels"] == ["culture"]
    assert "postage stamps" in record["body"]

    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"title": "Stamp collectors meet in Semey", "labels": ["culture"],
                                "body": "Philatelists showed postage stamps."}) + "\n",
                    encoding="utf-8")
    trained = runner.invoke(app, ["topics", "train", "--labels", str(more), "--db", str(db)])
    assert trained.exit_code == 0, trained.output
    assert "1 yours, 1 from --labels" in trained.stdout
    assert "1 articles" in trained.stdout
    assert (topics_home / "model.npz").exists()
    model = TopicModel.load(topics_home / "model.npz")
    assert model.info["user_examples"] == 1
    # The user's label is final for that article, even when it is enriched again.
    article = Article(title="Philatelists gather in Pavlodar", body="", id=article_id)
    assert classify_topics(article) == ["culture"]

    evaluated = runner.invoke(app, ["topics", "eval", "--folds", "3", "--json"])
    assert evaluated.exit_code == 0, evaluated.output
    figures = json.loads(evaluated.stdout)
    assert figures["examples"] == len(seed_examples()) + 1
    assert set(figures["labels"]) == set(topic_ids())
    assert figures["micro"]["f1"] > 0.8
    table = runner.invoke(app, ["topics", "eval", "--folds", "3"])
    assert table.exit_code == 0 and "micro" in table.stdout and "macro F1" in table.stdout


def test_label_with_an_unknown_topic_or_article_fails_cleanly(tmp_path: Path,
                                                              topics_home: Path) -> None:
    db, article_id = _stored_article(tmp_path)
    unknown = runner.invoke(app, ["topics", "label", article_id, "cooking", "--db", str(db)])
    assert unknown.exit_code == 2
    assert "unknown topic 'cooking'" in unknown.stderr and "Traceback" not in unknown.output
    missing = runner.invoke(app, ["topics", "label", "a000000000", "health", "--db", str(db)])
    assert missing.exit_code == 1
    assert "no article 'a000000000'" in missing.stderr
    assert not (topics_home / "labels.jsonl").exists()


def test_train_and_eval_with_a_bad_labels_file_fail_cleanly(tmp_path: Path,
                                                            topics_home: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok", "labels": ["health"]}\n{"title": "x", "labels": "health"}\n',
                   encoding="utf-8")
    for command in (["topics", "train"], ["topics", "eval"]):
        result = runner.invoke(app, [*command, "--labels", str(bad)])
        assert result.exit_code == 2, result.output
        assert f"{bad}:2: \"labels\" must be a list of topic ids" in result.stderr
        assert "Traceback" not in result.output
    missing = runner.invoke(app, ["topics", "train", "--labels", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "cannot read labels" in missing.stderr
    assert not (topics_home / "model.npz").exists()
