"""The `qaznews` command: a thin skin over :mod:`qaznews.core`.

Each command parses its options, calls one library function and turns a domain
error into a one-line message and an exit code. Exit codes: 0 all went well,
1 some input failed (the rest was processed), 2 the user must fix the command.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from qaznews import __version__
from qaznews.core import FileReport, crawl_web, enrich, ingest_paths, parse_paths, restory
from qaznews.errors import QaznewsError
from qaznews.model import item_to_record
from qaznews.settings import load_settings
from qaznews.sources.files import expand_inputs
from qaznews.store.export import EXPORT_FORMATS, export_store
from qaznews.store.report import store_report
from qaznews.store.sqlite import Store

app = typer.Typer(
    name="qaznews",
    help="News intelligence for Kazakhstan: read captures, store clean articles, export them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure qaznews against hand-checked gold.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
topics_app = typer.Typer(help="The topic taxonomy, and the topic model: label, train, evaluate.",
                         no_args_is_help=True)
app.add_typer(topics_app, name="topics")

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

#: Inputs larger than this in total get a progress bar while they are ingested.
PROGRESS_MIN_BYTES = 5 * 1024 * 1024

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite store (default: the user's data directory, or QAZNEWS_DB)."),
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Settings file (TOML); see docs/SETTINGS.md.")
]
FilesArgument = Annotated[
    list[Path], typer.Argument(
        help="Capture files, saved pages (.html, .html.gz), web archives (.warc, .warc.gz), "
             "feeds (.rss, .atom), or folders of them.", show_default=False)
]

# Options the evaluation commands share.
SamplesArgument = Annotated[list[Path], typer.Argument(help="Capture files, or folders of them.")]
FiguresJsonFlag = Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")]
MismatchesFlag = Annotated[bool, typer.Option("--verbose", "-v", help="List every mismatch.")]
NoEnrichFlag = Annotated[bool, typer.Option(
    "--no-enrich", help="Do not enrich articles (run `qaznews enrich` later).")]


def _settings(config: Path | None, **overrides: Any) -> dict[str, Any]:
    try:
        return load_settings(config, **overrides)
    except QaznewsError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def _open_store(settings: dict[str, Any]) -> Store:
    try:
        return Store(settings["db"])
    except QaznewsError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def _report_problems(report: FileReport) -> None:
    if report.error:
        err.print(f"[red]error:[/red] {escape(report.error)}")
    for warning in report.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    for rejected in report.rejected:
        where = f"{rejected.item.source.file}:{rejected.item.source.line}"
        err.print(f"[red]error:[/red] {escape(where)}: set aside by stage {rejected.stage}: "
                  f"{escape(rejected.reason)}")
    for article_id, reason in report.enrichment.failed:
        err.print(f"[red]error:[/red] {escape(report.path)}: article {article_id} stored "
                  f"without enrichment: {escape(reason)}")


def _version(value: bool) -> None:
    if value:
        out.print(f"qaznews {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """News intelligence for Kazakhstan."""


@app.command()
def parse(
    files: FilesArgument,
    no_language: Annotated[bool, typer.Option("--no-language",
                                              help="Skip language identification.")] = False,
    config: ConfigOption = None,
) -> None:
    """Print the items of captures as JSON Lines, in file order, without storing them."""
    settings = _settings(config)
    failed = False

    def on_report(report: FileReport) -> None:
        nonlocal failed
        failed = failed or bool(report.error or report.rejected)
        _report_problems(report)

    write = sys.stdout.write
    for item in parse_paths(files, settings=settings, language=not no_language,
                            on_report=on_report):
        write(json.dumps(item_to_record(item), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    files: FilesArgument,
    db: DbOption = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Read inputs again even when their exact content was stored before.")
    ] = False,
    no_language: Annotated[bool, typer.Option("--no-language",
                                              help="Skip language identification.")] = False,
    no_stories: Annotated[bool, typer.Option(
        "--no-stories", help="Do not link articles into stories (run `restory` later).")
    ] = False,
    no_enrich: NoEnrichFlag = False,
    config: ConfigOption = None,
) -> None:
    """Read captures into the store: new articles added, known ones merged as sightings,
    each article enriched (entities, events, topics) and linked into its story."""
    settings = _settings(config, db=db, stories=False if no_stories else None,
                         enrich=False if no_enrich else None)
    total = sum(p.stat().st_size for p in expand_inputs(files) if isinstance(p, Path))
    with _open_store(settings) as store:
        show_bar = total >= PROGRESS_MIN_BYTES and err.is_terminal
        progress = Progress(
            TextColumn("ingest"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
            console=err, transient=True, disable=not show_bar,
        )
        with progress:
            task = progress.add_task("ingest", total=total or None)
            try:
                summary = ingest_paths(
                    files, store, settings=settings, language=not no_language, force=force,
                    progress=lambda n: progress.advance(task, n), on_report=_report_problems,
                )
            except QaznewsError as exc:
                err.print(f"[red]error:[/red] {escape(str(exc))}")
                raise typer.Exit(2) from exc
    out.print(summary.line())
    enriched = summary.enrichment
    if enriched.articles:
        err.print(enriched.line())
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f",
                                        help="One of: " + ", ".join(EXPORT_FORMATS))] = "jsonl",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: standard output; parquet needs a file).")
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Write everything stored, with the keys of `parse` plus id and sightings."""
    if format not in EXPORT_FORMATS:
        err.print(f"[red]error:[/red] unknown format {format!r}; "
                  f"choose one of {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)
    if format == "parquet" and output is None:
        err.print("[red]error:[/red] parquet is binary: name a file with --output")
        raise typer.Exit(2)
    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        try:
            count = export_store(store, format, output)
        except OSError as exc:
            err.print(f"[red]error:[/red] {escape(str(output))}: cannot write: "
                      f"{escape(str(exc.strerror or exc))}")
            raise typer.Exit(1) from exc
    if output is not None:
        err.print(f"{count} records written to {output}")


@app.command()
def report(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    config: ConfigOption = None,
) -> None:
    """Summarise what is stored: counts, outlets, languages, dates, most viewed."""
    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        data = store_report(store)
    if as_json:
        out.print_json(data=data)
        return
    out.print(f"[bold]{settings['db']}[/bold]")
    totals = data["totals"]
    out.print(f"{totals['articles']} articles, {totals['links']} links, "
              f"{totals['sightings']} sightings from {totals['inputs']} inputs; "
              f"published {data['published']['first']} to {data['published']['last']}")
    stories = data["stories"]
    copies = stories["copies"]
    out.print(f"{stories['stories']} stories, {stories['carried_more_than_once']} carried more "
              f"than once; copies: {copies['exact']} exact, {copies['near']} near, "
              f"{copies['rewrite']} rewrites")
    for title, key in (("Outlets", "outlets"), ("Languages", "languages")):
        table = Table(title=title, title_justify="left")
        table.add_column(title[:-1])
        table.add_column("articles", justify="right")
        for name, count in data[key]:
            table.add_row(str(name), str(count))
        out.print(table)
    table = Table(title="Most viewed", title_justify="left")
    for column in ("published", "views", "seen", "title"):
        table.add_column(column, justify="right" if column in ("views", "seen") else "left")
    for row in data["most_viewed"]:
        table.add_row(row["published"], str(row["views"]), str(row["sightings"]), row["title"])
    out.print(table)


def _sample_paths(samples: list[Path]) -> list[Path]:
    """The sample files of an evaluation; a missing one stops it (figures would mislead)."""
    paths = []
    for entry in expand_inputs(samples):
        if isinstance(entry, QaznewsError):
            err.print(f"[red]error:[/red] {escape(str(entry))}")
            raise typer.Exit(2)
        paths.append(entry)
    return paths


def _since(value: str | None, option: str = "--since") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {option} wants a date as YYYY-MM-DD, got {escape(value)!r}")
        raise typer.Exit(2) from exc


@app.command()
def stories(
    since: Annotated[str | None, typer.Option(
        "--since", help="Only stories first published on or after this date (YYYY-MM-DD).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(
        "--outlet", help="Only stories this outlet carried (case-insensitive).")] = None,
    min_members: Annotated[int, typer.Option(
        "--min-members", min=1, help="Only stories carried this many times or more.")] = 1,
    limit: Annotated[int | None, typer.Option("--limit", min=1,
                                              help="Show at most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List stories, newest first: title, first seen, first publisher, outlets, members, views."""
    from qaznews.store.stories import list_stories

    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        found = list_stories(store, since=_since(since), outlet=outlet,
                             min_members=min_members, limit=limit)
    if as_json:
        for story in found:
            sys.stdout.write(json.dumps(story, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(found)} {'story' if len(found) == 1 else 'stories'}",
                  title_justify="left")
    table.add_column("story", no_wrap=True)
    table.add_column("first seen", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("views", justify="right", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("outlets, first publisher first", ratio=2)
    for story in found:
        first = story["first_publisher"]
        outlets = ([first] if first else []) + [o for o in story["outlets"] if o != first]
        table.add_row(story["id"][:9], (story["first_seen"] or "")[:10], str(story["members"]),
                      "" if story["views"] is None else str(story["views"]),
                      escape(story["title"] or "-"), escape(", ".join(outlets)))
    out.print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(
        help='Words (all must match), "a phrase", OR, -word or NOT word, (groups).')],
    since: Annotated[str | None, typer.Option(
        "--since", help="Published on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Published on or before this date (YYYY-MM-DD).")] = None,
    outlet: Annotated[list[str] | None, typer.Option(
        "--outlet", help="Only this outlet; repeatable.")] = None,
    language: Annotated[list[str] | None, typer.Option(
        "--language", help="Only this language (en, ru, kk, mixed); repeatable.")] = None,
    topic: Annotated[list[str] | None, typer.Option(
        "--topic", help="Only articles with this topic; repeatable.")] = None,
    entity: Annotated[list[str] | None, typer.Option(
        "--entity", help="Only articles naming this entity; repeatable.")] = None,
    event_type: Annotated[list[str] | None, typer.Option(
        "--event-type", help="Only articles reporting this kind of event; repeatable.")] = None,
    story: Annotated[str | None, typer.Option("--story", help="Only this story's articles.")
                     ] = None,
    sort: Annotated[str, typer.Option(
        "--sort", help="relevance (default), date (newest first) or views.")] = "relevance",
    all_articles: Annotated[bool, typer.Option(
        "--all", help="One line per article instead of one per story.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100,
                                       help="Results per page (1-100).")] = 20,
    cursor: Annotated[str | None, typer.Option(
        "--cursor", help="Continue after the page that printed this cursor.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the page as JSON.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Full-text search of the stored articles, with filters, collapsed by story."""
    from qaznews.search import search as run_search

    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        try:
            page = run_search(store, query, since=_since(since), until=_since(until, "--until"),
                              outlets=outlet or (), languages=language or (),
                              topics=topic or (), entities=entity or (),
                              event_types=event_type or (), story=story, sort=sort,
                              collapse=not all_articles, limit=limit, cursor=cursor)
        except QaznewsError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
    if as_json:
        out.print_json(data=page.to_dict())
        return
    out.print(f"{page.total} articles in {'' if page.stories_exact else 'more than '}"
              f"{page.stories} {'story' if page.stories == 1 else 'stories'}")
    for hit in page.results:
        more = f"  +{len(hit.more_outlets)} more outlets" if hit.more_outlets else ""
        out.print(f"\n[bold]{escape(hit.title or '-')}[/bold]")
        out.print(f"{hit.id} · {hit.published or 'no date'} · {escape(hit.outlet or '?')} · "
                  f"{hit.language or '?'}"
                  + ("" if hit.views is None else f" · {hit.views} views") + escape(more))
        out.print(escape(hit.snippet_text), soft_wrap=True)
    if page.next_cursor:
        out.print(f"\nmore: --cursor {page.next_cursor}")


@app.command()
def show(
    key: Annotated[str, typer.Argument(
        metavar="ID", help="Article id, story id, or a unique prefix of either.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Show an article with its story and the other outlets' copies."""
    from qaznews.store.stories import find_article_id, story_of

    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        found = find_article_id(store, key)
        article = store.get_article(found) if found else None
        story = story_of(store, article.story) if article and article.story else None
    if article is None:
        err.print(f"[red]error:[/red] no article or story {escape(key)!r} in {settings['db']}")
        raise typer.Exit(1)
    record = item_to_record(article)
    record["sightings"] = [s.as_dict() for s in article.sightings]
    if as_json:
        out.print_json(data={"article": record, "story": story})
        return
    out.print(f"[bold]{escape(article.title or '-')}[/bold]")
    out.print(f"{article.id} · {record['published'] or 'no date'} · "
              f"{escape(article.outlet or 'outlet unknown')} · {article.language or '?'} · "
              f"{'' if article.views is None else str(article.views) + ' views · '}"
              f"seen {len(article.sightings)}x")
    if article.url:
        out.print(escape(article.url))
    out.print()
    out.print(escape(article.body), soft_wrap=True)
    if story is None:
        return
    out.print()
    out.print(f"[bold]Story[/bold] {story['id']}: {story['members']} articles, first published "
              f"{story['first_seen'] or '?'} by {escape(story['first_publisher'] or '?')}"
              + ("" if story["views"] is None else f", {story['views']} views in all"))
    for member in story["articles"]:  # two lines each: reads on a narrow terminal too
        relation = ("canonical" if member["id"] == story["canonical"]
                    else (member["duplicate_of"] or {}).get("relation", ""))
        mark = "[bold]→[/bold]" if member["id"] == article.id else " "
        views = "" if member["views"] is None else f"  {member['views']} views"
        out.print(f"{mark} {member['id']}  {member['published'] or 'no date'}  "
                  f"{escape(member['outlet'] or '?')}  {member['language'] or '?'}  "
                  f"[bold]{relation}[/bold]{views}")
        out.print(f"    {escape(member['title'] or '-')}")


@app.command()
def crawl(
    source: Annotated[list[str] | None, typer.Option(
        "--source", help="Crawl only this source (its name in the registry); repeatable.")
    ] = None,
    sources_file: Annotated[Path | None, typer.Option(
        "--sources", help="Sources registry (TOML) instead of the bundled one.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Skip articles published before this date (YYYY-MM-DD).")] = None,
    max_pages: Annotated[int | None, typer.Option(
        "--max-pages", min=1, help="Fetch at most this many article pages in this run.")
    ] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private",
        help="Allow loopback, private and link-local addresses (refused by default).")
    ] = False,
    no_language: Annotated[bool, typer.Option("--no-language",
                                              help="Skip language identification.")] = False,
    no_enrich: NoEnrichFlag = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Fetch the sources' feeds, listings and new article pages into the store, politely
    (robots.txt, one request at a time per host) and resumably."""
    from qaznews.sources.crawler import CrawlProgress

    settings = _settings(config, db=db, enrich=False if no_enrich else None)
    first = _since(since)
    with _open_store(settings) as store:
        progress = Progress(
            TextColumn("crawl"), BarColumn(), TextColumn("{task.completed}/{task.total} pages"),
            TextColumn("{task.description}"), console=err, transient=True,
            disable=not err.is_terminal,
        )

        def on_progress(event: CrawlProgress) -> None:
            progress.update(task, completed=event.pages_done, total=max(event.pages_total, 1),
                            description=escape(event.url[-60:]))

        with progress:
            task = progress.add_task("", total=None)
            try:
                summary = crawl_web(store, settings=settings, sources_file=sources_file,
                                    names=source or (), since=first, max_pages=max_pages,
                                    allow_private=allow_private, language=not no_language,
                                    progress=on_progress)
            except QaznewsError as exc:
                err.print(f"[red]error:[/red] {escape(str(exc))}")
                raise typer.Exit(2) from exc
    for warning in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    for url in summary.skipped_robots:
        err.print(f"skipped (robots.txt): {escape(url)}")
    for url, reason in summary.failed.items():
        err.print(f"[red]failed:[/red] {escape(url)}: {escape(reason)}")
    out.print(summary.line())
    if summary.failed and not summary.fetched:
        raise typer.Exit(1)


@app.command()
def digest(
    start: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")],
    end: Annotated[str, typer.Option("--to", help="Last day, included (YYYY-MM-DD).")],
    format: Annotated[str, typer.Option(
        "--format", "-f", help="md (Markdown) or html (one self-contained file).")] = "md",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: standard output).")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """A digest of a period: top stories by coverage and views, key events by country,
    people most in the news, topics, outlets and languages, with charts."""
    from qaznews.digest import build_digest, render_html, render_markdown

    if format not in ("md", "html"):
        err.print(f"[red]error:[/red] unknown format {format!r}; choose md or html")
        raise typer.Exit(2)
    first, last = _since(start, "--from"), _since(end, "--to")
    assert first is not None and last is not None
    if last < first:
        err.print("[red]error:[/red] --to is before --from")
        raise typer.Exit(2)
    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        built = build_digest(store.conn, first, last)
    text = render_html(built) if format == "html" else render_markdown(built)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        partial = output.with_name(output.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)
    except OSError as exc:
        err.print(f"[red]error:[/red] {escape(str(output))}: cannot write: "
                  f"{escape(str(exc.strerror or exc))}")
        raise typer.Exit(1) from exc
    err.print(f"digest of {first} to {last} written to {output}")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
                    ] = 8000,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the REST API and the web interface on the store (read-only unless an API
    token is configured)."""
    from qaznews.api import serve as run_server

    settings = _settings(config, db=db)
    out.print(f"qaznews serving {settings['db']} at http://{host}:{port}/ "
              f"(API: http://{host}:{port}/openapi.json); Ctrl+C stops it")
    try:
        run_server(settings, host=host, port=port)
    except QaznewsError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot listen on {host}:{port}: "
                  f"{escape(str(exc.strerror or exc))}")
        raise typer.Exit(2) from exc


@app.command("enrich")
def enrich_command(
    all_articles: Annotated[bool, typer.Option(
        "--all", help="Enrich every article, not only those enriched by an older version.")
    ] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Enrich stored articles again (entities, events, topics) after an upgrade: those
    enriched by an older version, or never; in batches, so an interrupted run keeps what
    it did and the next goes on."""
    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        progress = Progress(
            TextColumn("enrich"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
            TimeRemainingColumn(), console=err, transient=True, disable=not err.is_terminal)
        with progress:
            task = progress.add_task("enrich", total=None)
            counts = enrich(store, all_articles=all_articles,
                            on_start=lambda n: progress.update(task, total=n),
                            progress=lambda n: progress.advance(task, n))
    for article_id, reason in counts.failed:
        err.print(f"[red]error:[/red] article {article_id}: {escape(reason)}")
    out.print(counts.line())
    if counts.failed:
        raise typer.Exit(1)


EntityTypeOption = Annotated[str | None, typer.Option(
    "--type", help="Only entities of this type: person, organization or place.")]


def _entity_type(value: str | None) -> str | None:
    from qaznews.pipeline.entity_keys import ENTITY_TYPES

    if value is not None and value not in ENTITY_TYPES:
        err.print(f"[red]error:[/red] unknown entity type {escape(value)!r}; choose one of "
                  f"{', '.join(ENTITY_TYPES)}")
        raise typer.Exit(2)
    return value


@app.command()
def entities(
    type: EntityTypeOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List the entities named across the store, most named first: name, type, articles,
    latest role."""
    from qaznews.store.entities import list_entities

    wanted = _entity_type(type)
    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        found = list_entities(store, type_=wanted, limit=limit)
    if as_json:
        for entity in found:
            sys.stdout.write(json.dumps(entity, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(found)} {'entity' if len(found) == 1 else 'entities'}",
                  title_justify="left")
    table.add_column("name", ratio=2)
    table.add_column("type", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    table.add_column("latest role", ratio=2)
    for entity in found:
        table.add_row(escape(entity["name"]), entity["type"], str(entity["articles"]),
                      (entity["last_seen"] or "")[:10], escape(entity["latest_role"] or ""))
    out.print(table)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name as any article writes it, in any script.")],
    type: EntityTypeOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """An entity's profile: aliases, roles over time, mentions by month, who it appears
    with, its events. A name several entities go by lists them."""
    from qaznews.store.entities import entity_profile, find_entities

    wanted = _entity_type(type)
    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        found = find_entities(store, name, type_=wanted)
        profile = entity_profile(store, found[0]["id"]) if len(found) == 1 else None
    if not found:
        err.print(f"[red]error:[/red] no entity {escape(name)!r} in {settings['db']}")
        raise typer.Exit(1)
    if profile is None:
        if as_json:
            out.print_json(data={"matches": found})
            return
        out.print(f"{len(found)} entities go by {escape(name)!r}; name one more fully "
                  "(or add --type):")
        for match in found:
            role = f" · {escape(match['latest_role'])}" if match["latest_role"] else ""
            out.print(f"  {escape(match['name'])} · {match['type']} · "
                      f"{match['articles']} articles{role}")
        return
    if as_json:
        out.print_json(data=profile)
        return
    _print_profile(profile)


def _print_profile(profile: dict[str, Any]) -> None:
    out.print(f"[bold]{escape(profile['name'])}[/bold] · {profile['type']} · "
              f"{profile['articles']} articles, {(profile['first_seen'] or '?')[:10]} to "
              f"{(profile['last_seen'] or '?')[:10]}")
    aliases = [a["alias"] for a in profile["aliases"] if a["alias"] != profile["name"]]
    if aliases:
        out.print(f"also written: {escape(', '.join(aliases))}")
    if profile["roles"]:
        table = Table(title="Roles over time", title_justify="left")
        for column in ("role", "affiliation", "first seen", "last seen", "articles"):
            table.add_column(column, justify="right" if column == "articles" else "left")
        for role in profile["roles"]:
            table.add_row(escape(role["role"] or ""), escape(role["affiliation"] or ""),
                          (role["first_seen"] or "")[:10], (role["last_seen"] or "")[:10],
                          str(role["articles"]))
        out.print(table)
    if profile["timeline"]:
        most = max(t["articles"] for t in profile["timeline"])
        out.print("[bold]Mentions by month[/bold]")
        for month in profile["timeline"]:
            bar = "█" * max(1, round(20 * month["articles"] / most))
            out.print(f"  {month['month']}  {bar} {month['articles']}")
    if profile["co_mentions"]:
        table = Table(title="Named with", title_justify="left")
        for column in ("name", "type", "articles"):
            table.add_column(column, justify="right" if column == "articles" else "left")
        for other in profile["co_mentions"]:
            table.add_row(escape(other["name"]), other["type"], str(other["articles"]))
        out.print(table)
    if profile["events"]:
        _events_table(profile["events"], "Events")
    if profile["articles_list"]:
        out.print("[bold]Latest articles[/bold]")
        for article in profile["articles_list"]:
            out.print(f"  {article['id']}  {(article['published'] or 'no date')[:10]}  "
                      f"{escape(article['title'] or '-')}")


def _participants(event: dict[str, Any]) -> str:
    names = []
    for person in event["participants"]:
        about = ", ".join(v for v in (person["role"], person["affiliation"]) if v)
        names.append(person["name"] + (f" ({about})" if about else ""))
    return "; ".join(names + event["organizations"])


def _events_table(found: list[dict[str, Any]], title: str) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("place")
    table.add_column("participants", ratio=3)
    table.add_column("article", ratio=2)
    for event in found:
        table.add_row((event["date"] or "")[:10], event["type"], escape(event["place"] or ""),
                      escape(_participants(event)), escape(event["article"]["title"] or "-"))
    out.print(table)


@app.command()
def events(
    person: Annotated[str | None, typer.Option(
        "--person", help="Only events this person takes part in (any spelling of the name).")
    ] = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="Only events held in this country or with a party from it.")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="Only events of this type (meeting, agreement, visit...).")] = None,
    start: Annotated[str | None, typer.Option(
        "--from", help="Only events on or after this date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option(
        "--to", help="Only events on or before this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List events, newest first: date, type, place, participants with their roles, and
    the article that reports each."""
    from qaznews.store.entities import list_events

    first, last = _since(start, "--from"), _since(end, "--to")
    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        found = list_events(store, person=person, country=country, type_=type,
                            since=first.isoformat() if first else None,
                            until=last.isoformat() if last else None, limit=limit)
    if as_json:
        for event in found:
            sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
        return
    _events_table(found, f"{len(found)} {'event' if len(found) == 1 else 'events'}")


@app.command("restory")
def restory_command(db: DbOption = None, config: ConfigOption = None) -> None:
    """Rebuild every story from scratch (after changing story settings, for instance)."""
    settings = _settings(config, db=db)
    with _open_store(settings) as store:
        update = restory(store, settings)
    out.print(f"{update.articles} articles linked into {update.stories} stories "
              f"({update.links} links)")


@eval_app.command("stories")
def eval_stories(
    samples: SamplesArgument,
    gold: Annotated[Path, typer.Option("--gold", help="duplicates.json: the gold story groups.")],
    traps: Annotated[Path | None, typer.Option(
        "--traps", help="Optional JSON of article sets that are different stories.")] = None,
    as_json: FiguresJsonFlag = False,
    verbose: MismatchesFlag = False,
    config: ConfigOption = None,
) -> None:
    """Pairwise precision and recall per relation, and B-cubed F1, against gold stories."""
    from qaznews.evaluation.story_eval import RELATIONS, evaluate_stories

    settings = _settings(config)
    paths = _sample_paths(samples)
    try:
        result = evaluate_stories(paths, gold, traps=traps, settings=settings)
    except QaznewsError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    if as_json:
        out.print_json(data=result.as_dict())
        return

    def figure(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    table = Table(title=f"eval stories: {result.articles} articles", title_justify="left")
    for column in ("pairs", "gold", "found", "predicted", "right", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for name, scores in [*((r, result.relations[r]) for r in RELATIONS),
                         ("same story", result.same_story)]:
        table.add_row(name, str(scores.gold), str(scores.found), str(scores.predicted),
                      str(scores.right), figure(scores.precision), figure(scores.recall),
                      figure(scores.f1))
    out.print(table)
    out.print(f"B-cubed precision {result.bcubed_precision:.3f}, recall "
              f"{result.bcubed_recall:.3f}, F1 {result.bcubed_f1:.3f}")
    out.print(f"different events merged: {len(result.wrongly_merged)} pairs"
              + (f"; traps merged: {result.traps_merged} of {result.trap_pairs} pairs"
                 if traps is not None else ""))
    for line in result.unmatched_gold:
        err.print(f"[yellow]warning:[/yellow] gold member not found: {escape(line)}")
    details = [*result.mismatches, *(f"merged: {m}" for m in result.wrongly_merged)]
    if verbose:
        for line in details:
            out.print(f"  {line}", markup=False)
    elif details:
        out.print(f"{len(details)} mismatches (--verbose lists them)")


@eval_app.command("events")
def eval_events(
    samples: SamplesArgument,
    gold: Annotated[Path, typer.Option("--gold", help="events.json: the gold events.")],
    as_json: FiguresJsonFlag = False,
    mismatches: Annotated[bool, typer.Option(
        "--mismatches", "--verbose", "-v",
        help="List every mismatch and every unlinked initials form or acronym.")] = False,
    no_baseline: Annotated[bool, typer.Option(
        "--no-baseline", help="Skip the plain spaCy baseline.")] = False,
    min_event_recall: Annotated[float | None, typer.Option(
        "--min-event-recall", help="Exit 1 below this event recall.")] = None,
    min_event_precision: Annotated[float | None, typer.Option(
        "--min-event-precision", help="Exit 1 below this event precision.")] = None,
    min_participant_f1: Annotated[float | None, typer.Option(
        "--min-participant-f1", help="Exit 1 below this participant F1 (matched events).")
    ] = None,
    min_baseline_margin: Annotated[float | None, typer.Option(
        "--min-baseline-margin",
        help="Exit 1 when participant F1 over all gold events beats the baseline's by less.")
    ] = None,
    min_role_accuracy: Annotated[float | None, typer.Option(
        "--min-role-accuracy", help="Exit 1 below this role accuracy.")] = None,
    min_linked: Annotated[float | None, typer.Option(
        "--min-linked", help="Exit 1 below this share of initials forms and of acronyms "
                             "linked.")] = None,
    config: ConfigOption = None,
) -> None:
    """Events, participants, roles and affiliations against gold, beside a plain spaCy
    baseline; and the initials forms and acronyms linked to their full names."""
    from qaznews.evaluation.event_eval import evaluate_events

    settings = _settings(config)
    paths = _sample_paths(samples)
    try:
        result = evaluate_events(paths, gold, baseline=not no_baseline, settings=settings)
    except QaznewsError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    if as_json:
        out.print_json(data=result.as_dict())
    else:
        table = Table(title=f"eval events: {result.articles} articles, "
                            f"{result.gold_records} gold events", title_justify="left")
        for column in ("", "gold", "predicted", "matched", "precision", "recall", "F1"):
            table.add_column(column, justify="right")
        rows = [("events", result.events),
                *((f"  {kind}", counts) for kind, counts in sorted(result.events_by_type.items())),
                ("participants (matched events)", result.participants),
                ("participants (all gold events)", result.participants_all)]
        if result.baseline is not None:
            rows.append(("baseline: spaCy PERSON", result.baseline))
        for name, counts in rows:
            table.add_row(name, str(counts.gold), str(counts.predicted), str(counts.matched),
                          f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}")
        out.print(table)
        shares = Table(title="of matched participants; linking", title_justify="left")
        for column in ("", "right / scored", "share"):
            shares.add_column(column, justify="right")
        shares.add_row("role (rule)", f"{result.roles_right} / {result.roles_scored}",
                       f"{result.role_accuracy:.3f}")
        shares.add_row("role (exact)", f"{result.roles_exact} / {result.roles_scored}",
                       f"{result.role_exact_share:.3f}")
        shares.add_row("affiliation", f"{result.affiliations_right} / "
                       f"{result.affiliations_scored}", f"{result.affiliation_accuracy:.3f}")
        shares.add_row("initials forms linked", f"{result.initials.linked} / "
                       f"{result.initials.found}", f"{result.initials.share:.3f}")
        shares.add_row("acronyms linked", f"{result.acronyms.linked} / {result.acronyms.found}",
                       f"{result.acronyms.share:.3f}")
        out.print(shares)
        if result.baseline_margin is not None:
            out.print(f"participant F1 over all gold events minus the baseline's: "
                      f"{result.baseline_margin:+.3f}")
        for line in result.unmatched_gold:
            err.print(f"[yellow]warning:[/yellow] gold article not read: {escape(line)}")
        details = [*result.mismatches,
                   *(f"unlinked initials form: {u}" for u in result.initials.unlinked),
                   *(f"unlinked acronym: {u}" for u in result.acronyms.unlinked)]
        if mismatches:
            for line in details:
                out.print(f"  {line}", markup=False)
        elif details:
            out.print(f"{len(details)} mismatches (--mismatches lists them)")
    for error in result.errors:
        err.print(f"[red]error:[/red] {escape(error)}")
    margin = result.baseline_margin
    unmet = [
        name for name, value, floor in (
            ("event recall", result.events.recall, min_event_recall),
            ("event precision", result.events.precision, min_event_precision),
            ("participant F1", result.participants.f1, min_participant_f1),
            ("margin over the baseline", margin, min_baseline_margin),
            ("role accuracy", result.role_accuracy, min_role_accuracy),
            ("initials forms linked", result.initials.share, min_linked),
            ("acronyms linked", result.acronyms.share, min_linked),
        ) if floor is not None and (value is None or value < floor)
    ]
    for name in unmet:
        err.print(f"[red]below target:[/red] {name}")
    if unmet or result.errors:
        raise typer.Exit(1)


@eval_app.command("html")
def eval_html(
    pages: Annotated[Path, typer.Option(
        "--pages", help="Folder of saved pages, ID.html or ID.html.gz.")],
    truth: Annotated[Path, typer.Option(
        "--truth", help='JSON mapping each ID to {"articleBody": ..., "url": ...}.')],
    as_json: FiguresJsonFlag = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="Show the figures of every page.")] = False,
) -> None:
    """Token precision, recall and F1 of extracted article text: qaznews beside plain
    trafilatura, in the same run."""
    from qaznews.evaluation.html_eval import evaluate_html

    try:
        result = evaluate_html(pages, truth)
    except QaznewsError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    if as_json:
        out.print_json(data=result.as_dict())
        return
    table = Table(title="eval html: article text, token level", title_justify="left")
    for column in ("pages", "extractor", "n", "precision", "recall", "F1", "macro F1"):
        table.add_column(column, justify="left" if column in ("pages", "extractor") else "right")
    for row in result.rows():
        table.add_row(row["group"], row["extractor"], str(row["pages"]),
                      f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                      f"{row['macro_f1']:.3f}")
    out.print(table)
    for skipped in result.skipped:
        err.print(f"[yellow]skipped:[/yellow] {escape(skipped)}")
    if verbose:
        out.print_json(data=result.as_dict().get("pages"))


@eval_app.command("parse")
def eval_parse(
    samples: SamplesArgument,
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files.")],
    as_json: FiguresJsonFlag = False,
    verbose: MismatchesFlag = False,
    config: ConfigOption = None,
) -> None:
    """Precision, recall and F1 of items, and field accuracy, against gold files."""
    from qaznews.evaluation.parse_eval import FIELDS, evaluate_parse

    settings = _settings(config)
    paths = _sample_paths(samples)
    try:
        result = evaluate_parse(paths, gold, settings=settings)
    except QaznewsError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    if as_json:
        out.print_json(data=result.as_dict())
        return
    table = Table(title=f"eval parse: {result.files} files", title_justify="left")
    for column in ("", "gold", "parsed", "matched", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for name, counts in (("articles", result.articles), ("links", result.links)):
        table.add_row(name, str(counts.gold), str(counts.predicted), str(counts.matched),
                      f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}")
    out.print(table)
    fields = Table(title="of matched articles, share exactly right", title_justify="left")
    fields.add_column("field")
    fields.add_column("right", justify="right")
    for name in FIELDS:
        fields.add_row(name, f"{result.field_share(name):.3f}")
    fields.add_row("capture date (per file)",
                   f"{result.captured_right / result.files if result.files else 1:.3f}")
    fields.add_row("bodies with a debris line", str(result.bodies_with_debris))
    out.print(fields)
    for error in result.errors:
        err.print(f"[red]error:[/red] {escape(error)}")
    if verbose:
        for line in result.mismatches:
            out.print(f"  {line}", markup=False)
    elif result.mismatches:
        out.print(f"{len(result.mismatches)} mismatches (--verbose lists them)")


LabelsFileOption = Annotated[list[Path] | None, typer.Option(
    "--labels", help="JSON Lines of labelled texts to learn from as well (repeatable).")]


def _topics_folder(settings: dict[str, Any]) -> Path:
    from qaznews.pipeline.topics import topics_dir

    return topics_dir(settings)


@topics_app.command("list")
def topics_list(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
                ) -> None:
    """Print the topic taxonomy: id, name and definition of each topic."""
    from qaznews.pipeline.topics import taxonomy

    if as_json:
        out.print_json(data=[{"id": t.id, "name": t.name, "definition": t.definition}
                             for t in taxonomy()])
        return
    table = Table(title=f"{len(taxonomy())} topics", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("name")
    table.add_column("definition", ratio=3)
    for topic in taxonomy():
        table.add_row(topic.id, escape(topic.name), escape(topic.definition))
    out.print(table)


@topics_app.command("label")
def topics_label(
    key: Annotated[str, typer.Argument(
        metavar="ARTICLE_ID", help="Article id, story id, or a unique prefix of either.")],
    labels: Annotated[list[str], typer.Argument(
        metavar="LABEL...", help="Topic ids (`qaznews topics list`).", show_default=False)],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Give a stored article its topics: kept in your labels file for `topics train`, and
    set on the article at once."""
    from qaznews.pipeline.topics import TopicError, add_user_labels, check_labels

    try:
        check_labels(labels)
    except TopicError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    settings = _settings(config, db=db)
    folder = _topics_folder(settings)
    with _open_store(settings) as store:
        try:
            example = add_user_labels(store, key, labels, folder)
        except TopicError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(1) from exc
    out.print(f"{example.id}: {', '.join(example.labels)} (run `qaznews topics train` to "
              "learn from your labels)")


@topics_app.command("train")
def topics_train(labels: LabelsFileOption = None, db: DbOption = None,
                 config: ConfigOption = None) -> None:
    """Fit the topic model on the bundled texts and your labels, and save it; with --db,
    also set the topics of that store's articles with it."""
    from qaznews.pipeline.topics import TopicError, forget_default_model, retag_store, train_model

    settings = _settings(config, db=db)
    folder = _topics_folder(settings)
    try:
        model = train_model(folder, extra=labels or ())
    except (TopicError, OSError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    forget_default_model()
    info = model.info
    out.print(f"trained on {info['examples']} texts ({info['seed_examples']} bundled, "
              f"{info['user_examples']} yours, {info['extra_examples']} from --labels) in "
              f"{info['seconds']:.1f} s; saved in {folder}")
    if db is not None:
        with _open_store(settings) as store:
            counts = retag_store(store, model)
        out.print(f"{counts.articles} articles: topics changed on {counts.changed}")


@topics_app.command("eval")
def topics_eval(
    labels: LabelsFileOption = None,
    folds: Annotated[int, typer.Option("--folds", "-k", help="Folds of the cross-validation.")
                     ] = 5,
    as_json: FiguresJsonFlag = False,
    config: ConfigOption = None,
) -> None:
    """Per-topic precision, recall and F1 of the topic model by k-fold cross-validation on
    the bundled texts, your labels and --labels files."""
    from qaznews.pipeline.topics import TopicError, cross_validate, training_examples

    settings = _settings(config)
    try:
        result = cross_validate(training_examples(_topics_folder(settings), labels or ()),
                                folds=folds)
    except TopicError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    figures = result.as_dict()
    if as_json:
        out.print_json(data=figures)
        return
    table = Table(title=f"eval topics: {result.examples} texts, {result.folds}-fold "
                        "cross-validation", title_justify="left")
    for column in ("topic", "texts", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "topic" else "right")
    for name, row in [*figures["labels"].items(), ("micro", figures["micro"])]:
        table.add_row(name, str(row["support"]), f"{row['precision']:.3f}",
                      f"{row['recall']:.3f}", f"{row['f1']:.3f}")
    out.print(table)
    out.print(f"macro F1 {figures['macro_f1']:.3f}; topic sets exactly right "
              f"{figures['exact']:.3f}; {figures['ms_per_text']:.2f} ms per text")


def main() -> None:
    try:
        app()
    except QaznewsError as exc:  # a domain error that escaped a command: still no traceback
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
