"""The Python API of qaznews: read inputs, run the pipeline, store, export.

The CLI only parses options and calls these functions. Every function reports a
bad input as a :class:`FileReport` with a one-line message and carries on with the
other inputs; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qaznews.errors import InputError, NoItemsError, QaznewsError, StoryVersionError
from qaznews.model import Article, Item, SourceRef
from qaznews.pipeline.stages import Pipeline, Rejected, run_batch
from qaznews.pipeline.standard import standard_pipeline
from qaznews.settings import load_settings
from qaznews.sources.capture import CaptureReader, ReadStats
from qaznews.sources.files import CaptureFile, expand_inputs, open_capture
from qaznews.sources.webfiles import WebFile, open_web_file, web_items, web_kind
from qaznews.store.enrichment import EnrichCounts
from qaznews.store.sqlite import Store, StoryUpdate, WriteCounts

if TYPE_CHECKING:
    from qaznews.sources.crawler import CrawlProgress, CrawlSummary
    from qaznews.store.stories import StoryIndex


@dataclass(slots=True)
class FileReport:
    """What happened to one input."""

    path: str
    articles: int = 0
    links: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    skipped_known: bool = False
    written: WriteCounts = field(default_factory=WriteCounts)
    stories: StoryUpdate = field(default_factory=StoryUpdate)
    #: Articles enriched (entities, events, topics), and those enrichment failed on.
    enrichment: EnrichCounts = field(default_factory=EnrichCounts)
    bytes: int = 0
    #: What the reader saw besides items: lines, debris dropped, stray text outside items.
    read: ReadStats = field(default_factory=ReadStats)


@dataclass(slots=True)
class IngestSummary:
    files: list[FileReport] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return (sum(1 for f in self.files if f.error) + sum(len(f.rejected) for f in self.files)
                + sum(len(f.enrichment.failed) for f in self.files))

    @property
    def enrichment(self) -> EnrichCounts:
        total = EnrichCounts()
        for report in self.files:
            total.add(report.enrichment)
        return total

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self.files)

    @property
    def links(self) -> int:
        return sum(f.links for f in self.files)

    @property
    def written(self) -> WriteCounts:
        total = WriteCounts()
        for report in self.files:
            total.add(report.written)
        return total

    def line(self) -> str:
        written = self.written
        skipped = written.unchanged + sum(
            f.articles + f.links for f in self.files if f.skipped_known
        )
        return (
            f"{len(self.files)} files, {self.articles} articles, {self.links} links: "
            f"{written.new} new, {written.updated} updated, {skipped} skipped, "
            f"{self.errors} errors"
        )


ProgressCallback = Callable[[int], None]
#: An opened input: a text capture or a saved page, web archive or feed.
Input = CaptureFile | WebFile


class Reader:
    """Reads inputs into pipeline-processed batches of items, one input at a time."""

    def __init__(self, settings: dict[str, Any] | None = None, *, language: bool = True,
                 pipeline: Pipeline | None = None) -> None:
        self.settings = settings if settings is not None else load_settings()
        self.pipeline = pipeline or standard_pipeline(language=language)
        self.capture_reader = CaptureReader(
            debris_min_repeats=int(self.settings["debris_min_repeats"]),
            debris_min_item_share=float(self.settings["debris_min_item_share"]),
        )

    def inputs(self, paths: Iterable[Path | str]) -> Iterator[Input | FileReport]:
        """Each input opened, or a report of why it could not be."""
        for entry in expand_inputs(paths):
            if isinstance(entry, InputError):
                yield FileReport(path=entry.where or "?", error=str(entry))
                continue
            try:
                kind = web_kind(entry)
                if kind is not None:
                    yield open_web_file(entry, kind,
                                        max_file_bytes=int(self.settings["max_file_bytes"]))
                    continue
                yield open_capture(
                    entry,
                    max_file_bytes=int(self.settings["max_file_bytes"]),
                    max_line_chars=int(self.settings["max_line_chars"]),
                )
            except InputError as exc:
                yield FileReport(path=str(entry), error=str(exc))

    def items(self, opened: Input, report: FileReport) -> Iterator[Item]:
        """The raw items of one input, by its kind."""
        if isinstance(opened, WebFile):
            return web_items(opened, max_bytes=int(self.settings["max_file_bytes"]))
        return self.capture_reader.read(opened, report.read)

    def batches(self, capture: Input, report: FileReport,
                progress: ProgressCallback | None = None) -> Iterator[list[Item]]:
        """The input's items in processed batches; counts and warnings go to ``report``."""
        size = int(self.settings["batch_size"])
        batch: list[Item] = []
        for item in self.items(capture, report):
            batch.append(item)
            if len(batch) >= size:
                yield self._process(batch, report)
                batch = []
        if batch:
            yield self._process(batch, report)
        report.warnings.extend(capture.warnings)
        if progress:
            progress(capture.size)
        if report.articles + report.links == 0 and not report.rejected:
            what = ("no date headers, dated titles or listings found"
                    if isinstance(capture, CaptureFile)
                    else f"nothing found in this {capture.kind}")
            raise NoItemsError(f"no news items recognised ({what})", where=capture.name)

    def _process(self, batch: list[Item], report: FileReport) -> list[Item]:
        result = run_batch(self.pipeline, batch)
        report.rejected.extend(result.rejected)
        for item in result.items:
            if isinstance(item, Article):
                report.articles += 1
            else:
                report.links += 1
        return result.items


def parse_paths(paths: Iterable[Path | str], *, settings: dict[str, Any] | None = None,
                language: bool = True,
                on_report: Callable[[FileReport], None] | None = None) -> Iterator[Item]:
    """Items of every input in file order; each input's report goes to ``on_report``."""
    reader = Reader(settings, language=language)
    for opened in reader.inputs(paths):
        if isinstance(opened, FileReport):
            if on_report:
                on_report(opened)
            continue
        report = FileReport(path=opened.name, bytes=opened.size)
        try:
            for batch in reader.batches(opened, report):
                yield from batch
        except QaznewsError as exc:  # this input's problem (unreadable, no items, no feed)
            report.error = str(exc)
        except OSError as exc:
            report.error = f"{opened.name}: read failed: {exc}"
        if on_report:
            on_report(report)


def ingest_paths(paths: Iterable[Path | str], store: Store, *,
                 settings: dict[str, Any] | None = None, language: bool = True,
                 force: bool = False, progress: ProgressCallback | None = None,
                 on_report: Callable[[FileReport], None] | None = None) -> IngestSummary:
    """Read, process and store every input, each in one transaction of its own.

    An input whose exact content was stored before is skipped unless ``force``; with
    ``force`` it is read again, and merging by id still adds nothing new.
    """
    reader = Reader(settings, language=language)
    if reader.settings["stories"]:  # before any file: a mismatch concerns them all
        _story_index(store, reader.settings).check_version()
    summary = IngestSummary()
    for opened in reader.inputs(paths):
        if isinstance(opened, FileReport):
            report = opened
        else:
            report = FileReport(path=opened.name, bytes=opened.size)
            if not force and store.knows_input(opened.content_hash):
                report.skipped_known = True
                row = store.query("SELECT articles, links FROM inputs WHERE content_hash = ?",
                                  (opened.content_hash,))[0]
                report.articles, report.links = int(row[0]), int(row[1])
                if progress:
                    progress(opened.size)
            else:
                _ingest_one(reader, opened, store, report, progress)
        summary.files.append(report)
        if on_report:
            on_report(report)
    return summary


def _ingest_one(reader: Reader, capture: Input, store: Store, report: FileReport,
                progress: ProgressCallback | None) -> None:
    stories = (_story_index(store, reader.settings)
               if reader.settings["stories"] else None)
    try:
        with store.transaction():
            for batch in reader.batches(capture, report, progress):
                report.written.add(store.write(batch, reader.pipeline.versions))
                if reader.settings["enrich"]:
                    # From the stored (merged) text, in the same transaction as the articles.
                    report.enrichment.add(_enrich(store, batch))
                if stories is not None:
                    # In the same transaction: a file's articles and their stories land together.
                    update = stories.update(item.id for item in batch if isinstance(item, Article))
                    report.stories.articles += update.articles
                    report.stories.links += update.links
            store.record_input(capture.content_hash, capture.name, capture.size,
                               report.articles, report.links)
    except StoryVersionError:
        raise  # concerns every input: the caller stops
    except QaznewsError as exc:  # this input's problem: rolled back, the next goes on
        report.error = str(exc)
        report.written = WriteCounts()
        report.enrichment = EnrichCounts()
    except OSError as exc:
        report.error = f"{capture.name}: read failed: {exc}"
        report.written = WriteCounts()
        report.enrichment = EnrichCounts()


def _enrich(store: Store, batch: list[Item]) -> EnrichCounts:
    """Enrich the batch's stored articles that need it (new, text changed, older version)."""
    from qaznews.store.enrichment import enrich_stored, needs_enrichment

    return enrich_stored(store, needs_enrichment(
        store, (item.id for item in batch if isinstance(item, Article))))


def enrich(store: Store, *, all_articles: bool = False,
           on_start: Callable[[int], None] | None = None,
           progress: Callable[[int], None] | None = None) -> EnrichCounts:
    """Enrich the stored articles whose enrichment is older than this qaznews's (or all),
    in batches of their own transaction: resumable, and a second run does nothing."""
    from qaznews.store.enrichment import enrich_store

    return enrich_store(store, all_articles=all_articles, on_start=on_start,
                        progress=progress)


def _story_index(store: Store, settings: dict[str, Any]) -> StoryIndex:
    """The store's story index with these settings; imported here, on first use, so that
    parsing and the other commands load none of its numpy and hashing."""
    from qaznews.pipeline.stories import StoryParams
    from qaznews.store.stories import StoryIndex

    return StoryIndex(store, StoryParams.from_settings(settings))


def assign_stories(store: Store, article_ids: Iterable[str],
                   settings: dict[str, Any] | None = None) -> StoryUpdate:
    """Link stored articles (new or changed) into stories. Call inside a transaction."""
    return _story_index(store, settings if settings is not None else load_settings()
                        ).update(article_ids)


def restory(store: Store, settings: dict[str, Any] | None = None) -> StoryUpdate:
    """Rebuild every story from scratch, in one transaction."""
    index = _story_index(store, settings if settings is not None else load_settings())
    with store.transaction():
        return index.rebuild()


__all__ = [
    "EnrichCounts", "FileReport", "IngestSummary", "Reader", "StoryVersionError",
    "assign_stories", "crawl_web", "enrich", "ingest_paths", "parse_paths", "restory",
]


def crawl_web(store: Store, *, settings: dict[str, Any] | None = None,
              sources_file: Path | None = None, names: Iterable[str] = (),
              since: dt.date | None = None, max_pages: int | None = None,
              allow_private: bool = False, language: bool = True,
              progress: Callable[[CrawlProgress], None] | None = None) -> CrawlSummary:
    """Crawl the registry's sources (all, or those named) into the store.

    Every fetched page goes through the same stages as a capture's items, and its
    stories are linked in the same transaction that stores it.
    """
    from qaznews.sources.crawler import crawl
    from qaznews.sources.html import read_page
    from qaznews.sources.registry import load_sources, select_sources

    reader = Reader(settings, language=language)
    sources = load_sources(sources_file)
    wanted = list(names)
    if wanted:
        sources = select_sources(sources, wanted)
    stories = (_story_index(store, reader.settings)
               if reader.settings["stories"] else None)
    if stories is not None:
        stories.check_version()
    today = dt.date.today()
    enrich_failures: dict[str, str] = {}

    def page_reader(data: bytes, url: str) -> list[Item]:
        return read_page(data, url=url, source=SourceRef(url=url), captured=today)

    def process(items: list[Item]) -> list[Item]:
        return run_batch(reader.pipeline, items).items

    def after_write(items: list[Item]) -> None:
        if reader.settings["enrich"]:
            enriched = _enrich(store, items)
            for article_id, reason in enriched.failed:  # the page stays stored, unenriched
                enrich_failures[article_id] = reason
        if stories is not None:
            stories.update(item.id for item in items if isinstance(item, Article))

    summary = crawl(store, sources, page_reader=page_reader, since=since, max_pages=max_pages,
                    allow_private=allow_private, progress=progress, settings=reader.settings,
                    process=process, after_write=after_write, captured=today)
    summary.warnings.extend(f"article {article_id}: enrichment failed: {reason}"
                            for article_id, reason in enrich_failures.items())
    return summary
