"""`qaznews entities`, `entity`, `events` and `enrich` from the command line, and the
enrichment keys of every `export` record."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qaznews.cli import app
from qaznews.model import Article, Entity, Event, Participant, Published
from qaznews.pipeline import enrich as enrich_stage
from qaznews.store.entities import EntityRecords
from qaznews.store.sqlite import Store

runner = CliRunner()


def _article(title: str, day: str, entities: list[Entity], events: list[Event]) -> Article:
    return Article(title=title, body=f"{title}.", outlet="Ministry of Foreign Affairs",
                   published=Published(dt.date.fromisoformat(day)), language="en",
                   entities=entities, events=events, topics=["diplomacy"])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    talks = Event("meeting", dt.date(2026, 3, 5), "Astana",
                  (Participant("Daulet Kairbekov", "Deputy Minister", "Kazakhstan"),
                   Participant("Mikko Lindqvist", "State Secretary", "Finland")))
    trade = Event("agreement", dt.date(2026, 3, 4), "Muscat",
                  (Participant("Marat Kairbekov", "Ambassador", "Kazakhstan"),
                   Participant("Salim Al Habsi", "Minister of Commerce", "Oman")),
                  agreements=("memorandum on grain supplies",))
    articles = [
        _article("Kazakhstan and Finland Discuss Digital Government", "2026-03-05",
                 [Entity("Daulet Kairbekov", "person", None, "Deputy Minister", "Kazakhstan"),
                  Entity("Mikko Lindqvist", "person", None, "State Secretary", "Finland"),
                  Entity("Astana", "place")], [talks]),
        _article("Даулет Каирбеков провел переговоры", "2026-03-06",
                 [Entity("Даулет Каирбеков", "person", None, "заместитель министра"),
                  Entity("Каирбеков", "person", "Даулет Каирбеков"),
                  Entity("Астана", "place")], []),
        _article("Kazakh and Omani Diplomats Review the Trade Agenda", "2026-03-04",
                 [Entity("Marat Kairbekov", "person", None, "Ambassador", "Kazakhstan"),
                  Entity("Oman", "place")], [trade]),
    ]
    with Store(path) as store, store.transaction():
        store.write(articles, {"enrich": enrich_stage.ENRICH_VERSION})  # type: ignore[arg-type]
        EntityRecords(store).update()
    return path


def _lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_entities_table_and_json(db: Path) -> None:
    table = runner.invoke(app, ["entities", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "Daulet" in table.output and "заместитель" in table.output  # the latest role
    people = _lines(runner.invoke(app, ["entities", "--type", "person", "--json", "--db",
                                        str(db)]).stdout)
    assert (people[0]["name"], people[0]["articles"]) == ("Daulet Kairbekov", 2)
    assert {p["type"] for p in people} == {"person"} and len(people) == 3
    places = _lines(runner.invoke(app, ["entities", "--type", "place", "--limit", "1",
                                        "--json", "--db", str(db)]).stdout)
    assert [(p["name"], p["articles"]) for p in places] == [("Astana", 2)]


def test_entity_profile(db: Path) -> None:
    shown = runner.invoke(app, ["entity", "Каирбеков Даулет", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    for part in ("Daulet Kairbekov", "Даулет Каирбеков", "Roles over time", "Deputy Minister",
                 "заместитель министра", "2026-03", "Mikko Lindqvist", "meeting"):
        assert part in shown.output, part
    profile = json.loads(runner.invoke(app, ["entity", "Daulet Kairbekov", "--json", "--db",
                                             str(db)]).stdout)
    assert profile["articles"] == 2
    assert {a["alias"] for a in profile["aliases"]} == {
        "Daulet Kairbekov", "Даулет Каирбеков", "Каирбеков"}
    assert [e["type"] for e in profile["events"]] == ["meeting"]


def test_a_name_several_go_by_is_listed(db: Path) -> None:
    listed = runner.invoke(app, ["entity", "Kairbekov", "--db", str(db)])
    assert listed.exit_code == 0
    assert "2 entities go by" in listed.output
    assert "Daulet Kairbekov" in listed.output and "Marat Kairbekov" in listed.output


def test_unknown_entity_and_bad_type(db: Path) -> None:
    unknown = runner.invoke(app, ["entity", "Nobody Known", "--db", str(db)])
    assert unknown.exit_code == 1 and "no entity 'Nobody Known'" in unknown.output
    bad = runner.invoke(app, ["entities", "--type", "animal", "--db", str(db)])
    assert bad.exit_code == 2 and "person, organization, place" in bad.output
    assert runner.invoke(app, ["entity", "X", "--type", "animal", "--db", str(db)]
                         ).exit_code == 2
    assert runner.invoke(app, ["events", "--from", "March", "--db", str(db)]).exit_code == 2


def test_events_with_filters(db: Path) -> None:
    table = runner.invoke(app, ["events", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "Daulet Kairbekov" in table.output and "Muscat" in table.output
    every = _lines(runner.invoke(app, ["events", "--json", "--db", str(db)]).stdout)
    assert [e["type"] for e in every] == ["meeting", "agreement"]
    assert set(every[0]) >= {"type", "date", "place", "participants", "organizations",
                             "agreements", "evidence", "article"}

    def types(*options: str) -> list[object]:
        result = runner.invoke(app, ["events", "--json", "--db", str(db), *options])
        assert result.exit_code == 0, result.output
        return [e["type"] for e in _lines(result.stdout)]

    assert types("--person", "Даулет Каирбеков") == ["meeting"]
    assert types("--person", "Kairbekov") == ["meeting", "agreement"]
    assert types("--country", "Oman") == ["agreement"]
    assert types("--country", "Finland", "--type", "meeting") == ["meeting"]
    assert types("--type", "visit") == []
    assert types("--from", "2026-03-05") == ["meeting"]
    assert types("--to", "2026-03-04") == ["agreement"]
    assert types("--limit", "1") == ["meeting"]


def test_enrich_has_nothing_to_do_on_a_current_store(db: Path) -> None:
    result = runner.invoke(app, ["enrich", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 articles enriched: 0 entities, 0 events, 0 failures" in result.stdout


def test_export_carries_entities_events_and_topics(db: Path, tmp_path: Path) -> None:
    records = _lines(runner.invoke(app, ["export", "--db", str(db)]).stdout)
    finland = next(r for r in records if "Finland" in str(r["title"]))
    assert finland["topics"] == ["diplomacy"]
    assert finland["entities"][0] == {"text": "Daulet Kairbekov", "type": "person",
                                      "canonical": None, "role": "Deputy Minister",
                                      "affiliation": "Kazakhstan"}
    [event] = finland["events"]
    assert set(event) == {"type", "date", "place", "participants", "organizations",
                          "agreements", "evidence"}
    assert event["participants"][0] == {"name": "Daulet Kairbekov", "role": "Deputy Minister",
                                        "affiliation": "Kazakhstan"}
    flat = runner.invoke(app, ["export", "--format", "csv", "--db", str(db)]).stdout
    rows = list(csv.DictReader(io.StringIO(flat)))
    assert all(json.loads(r["entities"]) and r["topics"] for r in rows)
    parquet = tmp_path / "all.parquet"
    assert runner.invoke(app, ["export", "-f", "parquet", "-o", str(parquet), "--db",
                               str(db)]).exit_code == 0
    import pyarrow.parquet as pq

    table = pq.read_table(parquet).to_pylist()
    assert {"entities", "events", "topics"} <= set(table[0])
    assert json.loads(table[0]["events"]) or json.loads(table[1]["events"])
