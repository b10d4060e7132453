"""Enrichment in the store: run by ingest on new and changed articles, re-run by `enrich`
after an upgrade, and the entity records across articles (aliases, roles, co-mentions)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qaznews.api import queries
from qaznews.core import enrich, ingest_paths
from qaznews.model import Article, Entity, Event, Participant, Published
from qaznews.pipeline import enrich as enrich_stage
from qaznews.pipeline.entity_keys import entity_key, person_parts, place_key
from qaznews.settings import load_settings
from qaznews.store.enrichment import needs_enrichment
from qaznews.store.entities import EntityRecords, entity_profile, find_entities, list_entities
from qaznews.store.sqlite import Store

from .conftest import DATA

FIXTURES = DATA / "enrich"
#: Whether the enrichment stage (recognisers, events, topics) is all there: the tests that
#: run it for real need it.
STAGE_READY = all(importlib.util.find_spec(f"qaznews.pipeline.{name}") is not None
                  for name in ("entities", "events", "topics"))
needs_stage = pytest.mark.skipif(not STAGE_READY, reason="the enrichment stage is not complete")


def person(text: str, canonical: str | None = None, role: str | None = None,
           affiliation: str | None = None) -> Entity:
    return Entity(text, "person", canonical, role, affiliation)


def article(title: str, day: str, entities: list[Entity], events: list[Event] = (),  # type: ignore[assignment]
            body: str = "Text.") -> Article:
    return Article(title=title, body=body, published=Published(dt.date.fromisoformat(day)),
                   outlet="Ministry of Foreign Affairs", language="en", entities=entities,
                   events=list(events), topics=["diplomacy"])


def stored(store: Store, *articles: Article) -> None:
    with store.transaction():
        store.write(list(articles), {"enrich": enrich_stage.ENRICH_VERSION})
        EntityRecords(store).update()


def entity_named(store: Store, name: str) -> dict[str, Any]:
    found = find_entities(store, name)
    assert len(found) == 1, found
    return found[0]


# -- keys -------------------------------------------------------------------------------------

def test_name_keys_across_scripts() -> None:
    assert entity_key("person", "Yerzhan Ashikbayev") == entity_key("person", "Ержан Ашикбаев")
    assert entity_key("person", "Ашикбаев Ержан") == entity_key("person", "Ержаном Ашикбаевым")
    assert entity_key("person", "Kassym-Jomart Tokayev") == entity_key("person",
                                                                       "Касым-Жомарт Токаев")
    assert person_parts("Ержан Ханатович Ашикбаев") == person_parts("Yerzhan Ashikbayev")
    assert person_parts("Е.Ашикбаев") == person_parts("Ashikbayev")
    assert entity_key("person", "Marat Ashikbayev") != entity_key("person", "Yerzhan Ashikbayev")
    assert place_key("Алматы") == place_key("Almaty") and place_key("Астана") == "astana"
    assert place_key("Oman") != place_key("Amman")


# -- records ----------------------------------------------------------------------------------

def test_aliases_in_latin_and_cyrillic_are_one_entity(store: Store) -> None:
    stored(store,
           article("Talks in Astana", "2026-03-01",
                   [person("Yerzhan Ashikbayev", role="Deputy Minister"),
                    person("Ashikbayev", "Yerzhan Ashikbayev", "Deputy Minister")]),
           article("Переговоры в Астане", "2026-03-02",
                   [person("Ержан Ашикбаев", role="заместитель министра"),
                    person("Ашикбаевым", "Ержан Ашикбаев")]))
    found = entity_named(store, "Ashikbayev")
    assert found["articles"] == 2
    assert entity_named(store, "Ашикбаев")["id"] == found["id"]  # by key: never written so
    profile = entity_profile(store, found["id"])
    assert profile is not None
    assert {a["alias"] for a in profile["aliases"]} == {
        "Yerzhan Ashikbayev", "Ashikbayev", "Ержан Ашикбаев", "Ашикбаевым"}
    assert profile["name"] == "Yerzhan Ashikbayev"
    assert [r["role"] for r in profile["roles"]] == ["Deputy Minister", "заместитель министра"]


def test_different_people_with_one_surname_stay_apart(store: Store) -> None:
    stored(store,
           article("A", "2026-03-01", [person("Daulet Kairbekov", role="Deputy Minister")]),
           article("B", "2026-03-02", [person("Marat Kairbekov", role="Ambassador")]),
           article("C", "2026-03-03", [person("Kairbekov")]))
    people = {e["name"]: e for e in list_entities(store, type_="person")}
    assert set(people) == {"Daulet Kairbekov", "Marat Kairbekov", "Kairbekov"}
    assert all(e["articles"] == 1 for e in people.values())
    assert len(find_entities(store, "Kairbekov")) == 3  # a name several go by lists them
    assert entity_named(store, "Даулет Каирбеков")["name"] == "Daulet Kairbekov"


def test_a_surname_alone_joins_the_one_person_named_in_full(store: Store) -> None:
    # The surname first: it is absorbed once the full name arrives.
    stored(store, article("A", "2026-03-01", [person("Kairbekov")]))
    stored(store, article("B", "2026-03-02", [person("Даулет Каирбеков")]))
    stored(store, article("C", "2026-03-03", [person("Каирбеков")]))
    only = list_entities(store, type_="person")
    assert len(only) == 1 and only[0]["articles"] == 3 and only[0]["name"] == "Даулет Каирбеков"


def test_roles_timeline_co_mentions_and_events(store: Store) -> None:
    meeting = Event("meeting", dt.date(2026, 3, 2), "Astana",
                    (Participant("Daulet Kairbekov", "Deputy Minister", "Kazakhstan"),
                     Participant("Mikko Lindqvist", "State Secretary", "Finland")),
                    ("Ministry of Foreign Affairs",))
    stored(store,
           article("A", "2026-01-10", [person("Daulet Kairbekov", role="Ambassador"),
                                       Entity("Finland", "place")]),
           article("B", "2026-03-02", [person("Daulet Kairbekov", role="Deputy Minister",
                                              affiliation="Kazakhstan"),
                                       person("Mikko Lindqvist", role="State Secretary"),
                                       Entity("Finland", "place")], [meeting]))
    profile = entity_profile(store, entity_named(store, "Daulet Kairbekov")["id"])
    assert profile is not None
    assert [(r["role"], r["first_seen"]) for r in profile["roles"]] == [
        ("Ambassador", "2026-01-10"), ("Deputy Minister", "2026-03-02")]
    assert profile["latest_role"] == "Deputy Minister, Kazakhstan"
    assert profile["timeline"] == [{"month": "2026-01", "articles": 1},
                                   {"month": "2026-03", "articles": 1}]
    assert [(c["name"], c["articles"]) for c in profile["co_mentions"]] == [
        ("Finland", 2), ("Mikko Lindqvist", 1)]
    assert [(e["type"], e["place"]) for e in profile["events"]] == [("meeting", "Astana")]


def test_enriching_again_replaces_an_articles_mentions(store: Store) -> None:
    first = article("A", "2026-03-01", [person("Daulet Kairbekov"), Entity("Oman", "place")])
    stored(store, first, article("B", "2026-03-02", [Entity("Oman", "place")]))
    with store.transaction():  # what a new enrichment writes
        store.conn.execute("UPDATE articles SET entities = ? WHERE id = ?",
                           (json.dumps([{"text": "Amman", "type": "place"}]), first.id))
        EntityRecords(store).update([first.id])
    names = {e["name"]: e["articles"] for e in list_entities(store)}
    assert names == {"Oman": 1, "Amman": 1}
    assert store.query("SELECT count(*) FROM entity_aliases WHERE alias = 'Daulet Kairbekov'"
                       )[0][0] == 0


def test_merge_with_a_fuller_body_forgets_the_enrichment(store: Store) -> None:
    short = article("Consultations", "2026-03-08", [], body="Short text.")
    stored(store, short)
    assert needs_enrichment(store, [short.id]) == []
    fuller = article("Consultations", "2026-03-08", [], body="Short text, and much more of it.")
    with store.transaction():
        store.write([fuller], {})
    assert needs_enrichment(store, [short.id]) == [short.id]


def test_the_api_reads_entities_from_the_records(store: Store) -> None:
    stored(store,
           article("A", "2026-03-01", [person("Yerzhan Ashikbayev", role="Deputy Minister")]),
           article("B", "2026-03-02", [person("Ержан Ашикбаев")]))
    conn = store.conn
    assert queries.records_ready(conn)
    found = queries.aggregate_entities(conn, None, None)
    assert [(e.name, e.articles) for e in found] == [("Yerzhan Ashikbayev", 2)]
    detail = queries.entity_details(conn, found[0], limit=1, cursor=None)
    assert detail["forms"] == ["Yerzhan Ashikbayev", "Ержан Ашикбаев"]
    assert detail["roles"] == ["Deputy Minister"] and detail["next_cursor"]
    march = queries.aggregate_entities(conn, dt.date(2026, 3, 2), None)
    assert [(e.name, e.articles) for e in march] == [("Yerzhan Ashikbayev", 1)]
    # Written behind the records' back: read from the JSON until they are rebuilt.
    conn.execute("UPDATE articles SET entities = '[]'")
    assert not queries.records_ready(conn)
    assert queries.aggregate_entities(conn, None, None) == []


# -- ingest and enrich, with the real stage ---------------------------------------------------

@pytest.fixture
def on(tmp_path: Path) -> Iterator[dict[str, Any]]:
    yield load_settings(None, db=tmp_path / "e.db", enrich=True)


def _ingest(settings: dict[str, Any], *names: str, force: bool = False) -> Any:
    with Store(settings["db"]) as store:
        return ingest_paths([FIXTURES / n for n in names], store, settings=settings, force=force)


def _rows(settings: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    with Store(settings["db"]) as store:
        return {r["id"]: (r["entities"], r["events"], r["topics"], r["stage_versions"])
                for r in store.query("SELECT * FROM articles")}


@needs_stage
def test_ingest_enriches_and_again_changes_nothing(on: dict[str, Any]) -> None:
    summary = _ingest(on, "en_ministry_list.txt", "ru_qazinform.txt")
    assert summary.errors == 0 and summary.enrichment.articles == 3
    rows = _rows(on)
    for entities, _events, topics, versions in rows.values():
        assert json.loads(entities) and json.loads(topics)
        assert json.loads(versions)["enrich"] == enrich_stage.ENRICH_VERSION
        for entity in json.loads(entities):
            assert set(entity) == {"text", "type", "canonical", "role", "affiliation"}
    with Store(on["db"]) as store:
        assert find_entities(store, "Daulet Kairbekov")
        assert store.query("SELECT count(*) FROM entity_pending")[0][0] == 0
    again = _ingest(on, "en_ministry_list.txt", "ru_qazinform.txt", force=True)
    assert again.enrichment.articles == 0 and _rows(on) == rows


@needs_stage
def test_a_fuller_body_is_enriched_again(on: dict[str, Any]) -> None:
    _ingest(on, "en_short.txt")
    [(before, *_)] = _rows(on).values()
    assert "Kairbekov" not in before
    summary = _ingest(on, "en_fuller.txt")
    assert summary.enrichment.articles == 1
    [(after, *_)] = _rows(on).values()
    assert "Kairbekov" in after


@needs_stage
def test_enrich_after_an_upgrade_then_nothing(on: dict[str, Any],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _ingest(on, "en_ministry_list.txt", "ru_qazinform.txt")
    with Store(on["db"]) as store:
        assert enrich(store).articles == 0
        monkeypatch.setattr(enrich_stage, "ENRICH_VERSION",
                            str(int(enrich_stage.ENRICH_VERSION) + 1))
        counts = enrich(store)
        assert counts.articles == 3 and counts.entities > 0 and not counts.failed
        assert enrich(store).articles == 0
        assert enrich(store, all_articles=True).articles == 3


@needs_stage
def test_an_interrupted_enrich_keeps_its_batches(on: dict[str, Any],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from qaznews.store.enrichment import enrich_store

    _ingest(on, "en_ministry_list.txt", "ru_qazinform.txt")
    monkeypatch.setattr(enrich_stage, "ENRICH_VERSION", "99")

    def interrupt(done: int) -> None:
        raise KeyboardInterrupt

    with Store(on["db"]) as store:
        with pytest.raises(KeyboardInterrupt):
            enrich_store(store, batch_size=1, progress=interrupt)
        assert len(needs_enrichment(store, list(_rows(on)))) == 2
        assert enrich(store).articles == 2


def test_a_failing_article_does_not_sink_its_file(on: dict[str, Any],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def enrich_articles(found: list[Article]) -> list[Article]:
        if any("Oman" in (article.title or "") for article in found):
            raise ValueError("no sense in it")
        for article in found:
            article.entities = [Entity("Finland", "place")]
            article.topics = ["diplomacy"]
        return found

    monkeypatch.setattr(enrich_stage, "enrich_articles", enrich_articles)
    summary = _ingest(on, "en_ministry_list.txt")
    [report] = summary.files
    assert report.error is None and report.written.new == 2
    assert report.enrichment.articles == 1
    [(failed, reason)] = report.enrichment.failed
    assert "no sense in it" in reason and summary.errors == 1
    rows = _rows(on)
    assert json.loads(rows[failed][3]).get("enrich") is None  # tried again by `enrich`
    assert sum(1 for r in rows.values() if json.loads(r[0])) == 1
