"""The command line as a user runs it: output, messages, exit codes, no tracebacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from qaznews.cli import app

GOOD = "03.03.2026, 12:00 150\nSpring Comes to Turkistan\nApricot trees blossomed early this year.\n"
runner = CliRunner()


def test_parse_prints_json_lines_in_file_order(write_capture: Callable[..., Path]) -> None:
    path = write_capture("a.txt", GOOD + "02.03.2026, 08:00 90\nSecond Title\nSecond body.\n")
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in records] == ["Spring Comes to Turkistan", "Second Title"]
    first = records[0]
    assert first["kind"] == "article" and first["published"] == "2026-03-03T12:00"
    assert first["views"] == 150 and first["language"] == "en"
    assert first["source"] == {"file": str(path), "line": 1}
    assert first["body"] == "Apricot trees blossomed early this year."


def test_parse_bad_and_good_inputs(write_capture: Callable[..., Path], tmp_path: Path) -> None:
    good = write_capture("good.txt", GOOD)
    empty = write_capture("empty.txt", "")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["parse", str(empty), str(missing), str(good)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{empty}: empty file" in result.stderr
    assert f"{missing}: no such file or directory" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_ingest_report_and_export(write_capture: Callable[..., Path], tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    path = write_capture("good.txt", GOOD)
    first = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "1 files, 1 articles, 0 links: 1 new, 0 updated, 0 skipped, 0 errors"
    again = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert "0 new, 0 updated, 1 skipped" in again.stdout
    report = runner.invoke(app, ["report", "--db", str(db), "--json"])
    assert json.loads(report.stdout)["totals"]["articles"] == 1
    exported = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(db)])
    record = json.loads(exported.stdout.splitlines()[0])
    assert record["title"] == "Spring Comes to Turkistan" and len(record["sightings"]) == 1


def test_ingest_with_a_bad_file_exits_nonzero(write_capture: Callable[..., Path],
                                             tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    bad = write_capture("bad.txt", "no dates anywhere\n")
    good = write_capture("good.txt", GOOD)
    result = runner.invoke(app, ["ingest", str(bad), str(good), "--db", str(db)])
    assert result.exit_code == 1
    assert f"{bad}: no news items recognised" in result.stderr
    assert "2 files, 1 articles, 0 links: 1 new, 0 updated, 0 skipped, 1 errors" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 2 and "unknown format 'xml'" in result.stderr
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 2 and "--output" in result.stderr
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    result = runner.invoke(app, ["report", "--db", str(blocker / "q.db")])
    assert result.exit_code == 2 and "cannot open store" in result.stderr
    assert "Traceback" not in result.output


def test_settings_file_and_environment(write_capture: Callable[..., Path], tmp_path: Path,
                                       monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    config = tmp_path / "qaznews.toml"
    config.write_text("max_file_bytes = 10\n", encoding="utf-8")
    path = write_capture("good.txt", GOOD)
    result = runner.invoke(app, ["parse", str(path), "--config", str(config)])
    assert result.exit_code == 1 and "above the limit of 10" in result.stderr
    monkeypatch.setenv("QAZNEWS_MAX_FILE_BYTES", "100000")
    result = runner.invoke(app, ["parse", str(path), "--config", str(config)])
    assert result.exit_code == 0
    config.write_text("no_such_setting = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(path), "--config", str(config)])
    assert result.exit_code == 2 and "unknown setting 'no_such_setting'" in result.stderr


def test_eval_parse_on_fixture_gold(tmp_path: Path, write_capture: Callable[..., Path]) -> None:
    capture = write_capture("tiny.txt", GOOD)
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "tiny.json").write_text(json.dumps({
        "file": "tiny.txt", "crawl_date": None, "sidebar_links": [], "boilerplate_lines": [],
        "articles": [{
            "title": "Spring Comes to Turkistan", "published": "2026-03-03T12:00", "views": 150,
            "source_url": None, "outlet": None, "language": "en",
            "body_first_words": "Apricot trees blossomed early this year.",
            "body_last_words": "Apricot trees blossomed early this year.",
            "body_words": 6, "empty_body": False,
        }],
    }), encoding="utf-8")
    result = runner.invoke(app, ["eval", "parse", "--gold", str(gold_dir), str(capture), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["articles"]["f1"] == 1.0
    assert all(value == 1.0 for value in figures["fields"].values())
    missing = runner.invoke(app, ["eval", "parse", "--gold", str(tmp_path), str(capture)])
    assert missing.exit_code == 2 and "gold file not found" in missing.stderr


def test_file_names_with_brackets_are_shown_as_written(tmp_path: Path) -> None:
    odd = tmp_path / "[bold]capture.txt"
    odd.write_bytes(b"")
    result = runner.invoke(app, ["parse", str(odd)])
    assert result.exit_code == 1
    assert f"{odd}: empty file" in result.stderr
