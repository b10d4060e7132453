"""`qaznews search` from the command line: results collapsed by story, JSON pages, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from qaznews.cli import app

from .conftest import DATA, REPO

runner = CliRunner()


def test_search_command_finds_collapses_and_pages(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    ingested = runner.invoke(app, ["ingest", str(REPO / "demo" / "captures"),
                                   str(DATA / "stories"), "--db", db, "--no-language"])
    assert ingested.exit_code == 0, ingested.output

    text = runner.invoke(app, ["search", "hydrogen Japan", "--db", db])
    assert text.exit_code == 0, text.output
    assert "more outlets" in text.stdout and "«hydrogen»" in text.stdout

    first = json.loads(runner.invoke(app, ["search", "Kazakhstan", "--db", db, "--json",
                                           "--limit", "5", "--all"]).stdout)
    seen = [hit["id"] for hit in first["results"]]
    cursor = first["next_cursor"]
    while cursor:
        page = json.loads(runner.invoke(app, ["search", "Kazakhstan", "--db", db, "--json",
                                              "--limit", "5", "--all", "--cursor", cursor]
                                        ).stdout)
        seen += [hit["id"] for hit in page["results"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == first["total"] > 5

    dated = json.loads(runner.invoke(app, ["search", "Kazakhstan", "--db", db, "--json",
                                           "--sort", "date", "--since", "2026-02-01"]).stdout)
    dates = [hit["published"] for hit in dated["results"]]
    assert dates == sorted(dates, reverse=True) and all(d >= "2026-02-01" for d in dates)

    bad = runner.invoke(app, ["search", '"unclosed', "--db", db])
    assert bad.exit_code == 2 and "position" in bad.output
    bad_date = runner.invoke(app, ["search", "x", "--until", "yesterday", "--db", db])
    assert bad_date.exit_code == 2 and "--until" in bad_date.output


def test_digest_command_writes_markdown_and_one_html_file(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    runner.invoke(app, ["ingest", str(DATA / "stories"), "--db", db, "--no-language"])
    markdown = runner.invoke(app, ["digest", "--from", "2026-02-01", "--to", "2026-02-07",
                                   "--db", db])
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout.startswith("# qaznews digest, 2026-02-01 to 2026-02-07")
    assert "## Top stories" in markdown.stdout
    html = tmp_path / "digest.html"
    written = runner.invoke(app, ["digest", "--from", "2026-02-01", "--to", "2026-02-07",
                                  "--format", "html", "-o", str(html), "--db", db])
    assert written.exit_code == 0, written.output
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") >= 1 and "<link" not in page and "<script src" not in page
    backwards = runner.invoke(app, ["digest", "--from", "2026-02-07", "--to", "2026-02-01",
                                    "--db", db])
    assert backwards.exit_code == 2 and "before" in backwards.output
