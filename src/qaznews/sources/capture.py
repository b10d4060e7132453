"""Reader for plain-text page captures: which articles and links does this page contain?

A capture is read in one streaming pass. Lines are cut into items while a
:class:`~qaznews.sources.debris.DebrisLearner` counts the short lines that repeat
between items (the page's own furniture). Items are held back in a window of
:data:`WINDOW_ITEMS` and released in file order; on release, the lines then known to
be furniture are dropped and a header-opened item takes its first remaining line as
its title. A capture of up to WINDOW_ITEMS items is thus decided as a whole, and a
longer one with that much look-ahead, in bounded memory.

Layouts are recognised line by line, never configured per file, so one capture
may change layout part-way through:

- a header line that is only a date, `DD.MM.YYYY[, HH:MM [VIEWS]]` or a date with
  the month spelled out (`17:36, 30 Qańtar 2026`), then the title, then the body;
- a title line ending in its date, `Title DD.MM.YYYY`, then the body, which may end
  in `Source : URL` (gov.kz re-publications);
- a leading capture stamp, ` date YYYY-MM-DD`, whose date is the capture date; the
  rest of that line is read as a line of its own;
- listing entries glued together, `11.12.2025, 19:5618371Title`, which are links.

The reader yields raw items: bodies still hold their lines as captured; the
pipeline stages repair the text, name the outlet and detect the language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from qaznews.model import UNIDENTIFIED, Article, Item, Link, Published, Sighting, SourceRef
from qaznews.sources.dates import GLUED_ENTRY, make_published, parse_header, trailing_date
from qaznews.sources.debris import (
    MAX_DEBRIS_CHARS,
    DebrisLearner,
    is_known_debris,
    is_listing_header,
)
from qaznews.sources.files import CaptureFile

_STAMP = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?:\s+(.*))?$", re.I)
_SOURCE = re.compile(
    r"\s*(?:Source|Источник|Дереккөз|Derekkóz|Derekkoz)\s*:\s*(https?://\S+)\s*$", re.I
)
#: The view count glued between a listing entry's time and its title.
_LISTING_VIEWS = re.compile(r"\s*(\d*)\s*")
#: A title carrying its date at the end is at most this long; longer lines are text.
_MAX_TITLE_CHARS = 400
#: Below this, a title line that ends a sentence may still open a new item mid-article.
_MAX_TITLE_CHARS_INSIDE_ARTICLE = 250
_PLACEHOLDER_TITLES = {"-", "–", "—", "...", "…"}
#: A date governed by one of these words is part of a sentence ("enters into force on
#: 01.06.2026", "продлится до 01.06.2026"), never the date of a title line.
_DATE_GOVERNORS = frozenset({
    "on", "from", "to", "until", "till", "by", "since", "before", "after", "of", "at", "in",
    "between", "and", "dated", "с", "со", "по", "до", "от", "на", "к", "в", "из", "между",
})
_SENTENCE_END = (".", "!", "?", "…", ":", ";")
_SENTENCE_CLOSERS = (".", "!", "?", "…", '"', "”", "»", ")", "'", "’")
#: A trailing line of at most this many words without a closing stop is a fragment.
_MAX_FRAGMENT_WORDS = 5
#: Items held back before they are released, so that a line's being debris is decided
#: with this many items of look-ahead (links included, so memory stays bounded); a
#: capture of fewer items is decided as a whole.
WINDOW_ITEMS = 500


@dataclass(slots=True)
class ReadStats:
    """What a reader saw besides items, for the run summary and for tests."""

    lines: int = 0
    debris_lines: int = 0
    learned_debris: frozenset[str] = frozenset()
    stray_lines: int = 0


class _Draft:
    """An item being read. A draft opened by a date header takes its title from its first
    line once that line is known not to be debris, when the draft leaves the window.

    A plain class, not a dataclass: one is made per item, and the compiled reader
    (qaznews.build) runs a plain ``__init__`` as native code, a dataclass's as Python.
    """

    __slots__ = ("captured", "closed", "from_header", "line", "lines", "published",
                 "spaced", "title", "url", "views")

    def __init__(self, line: int, captured: dt.date | None, published: Published | None = None,
                 views: int | None = None, title: str | None = None,
                 from_header: bool = True) -> None:
        self.line = line
        self.captured = captured
        self.published = published
        self.views = views
        self.title = title
        self.from_header = from_header
        self.lines: list[str] = []
        #: For each line, whether a blank line came before it.
        self.spaced: list[bool] = []
        self.url: str | None = None
        self.closed = False


#: How a capture stamp's line opens, tested before the pattern is tried.
_STAMP_OPENINGS = ("date", "Date", "DATE")


def _stamp(line: str) -> tuple[dt.date, str] | None:
    match = _STAMP.match(line)
    if not match:
        return None
    year, month, day, rest = match.groups()
    try:
        return dt.date(int(year), int(month), int(day)), (rest or "").strip()
    except ValueError:
        return None


def _source(line: str) -> tuple[str, str] | None:
    """(text before, URL) of a line ending in `Source : URL`."""
    scheme = line.rfind("://")  # cheap test first: nearly every line is plain text
    if scheme < 0:
        return None
    # Search only near the last link: the pattern tried along a whole one-line body is slow.
    match = _SOURCE.search(line, max(0, scheme - 40))
    return (line[: match.start()], match.group(1)) if match else None


def _title_date(line: str) -> tuple[str, str, str, str] | None:
    """`Title DD.MM.YYYY`: only a line whose fifth character from the end is a dot can be one."""
    if len(line) < 12 or line[-5] != "." or not line[-1].isdigit():
        return None
    return trailing_date(line)


def _is_glued_listing(line: str) -> bool:
    """A line of listing entries: it opens with a date-time glued to what follows, or holds
    several date-times."""
    if not line[:1].isdigit():
        return False
    first = GLUED_ENTRY.match(line)
    if first is None:
        return False
    if first.end() < len(line) and not line[first.end()].isspace():
        return True
    return GLUED_ENTRY.search(line, first.end()) is not None


def parse_listing_line(line: str) -> list[tuple[Published | None, int | None, str]]:
    """Entries of a listing line: (published, views, title) for each date-time found."""
    matches = list(GLUED_ENTRY.finditer(line))
    entries: list[tuple[Published | None, int | None, str]] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        tail = line[match.end():end]
        views_text = _LISTING_VIEWS.match(tail)
        assert views_text is not None  # the pattern matches the empty string
        title = tail[views_text.end():].strip()
        if not title:
            continue
        day, month, year, hour, minute = match.groups()
        views = int(views_text.group(1)) if views_text.group(1) else None
        entries.append((make_published(day, month, year, hour, minute), views, title))
    return entries


class CaptureReader:
    """Turns one capture file into raw articles and links, in file order."""

    def __init__(self, *, debris_min_repeats: int = 3, debris_min_item_share: float = 0.3) -> None:
        self.debris_min_repeats = debris_min_repeats
        self.debris_min_item_share = debris_min_item_share

    def read(self, capture: CaptureFile, stats: ReadStats | None = None) -> Iterator[Item]:
        """The items of the capture, in file order, in one streaming pass."""
        stats = stats if stats is not None else ReadStats()
        learner = DebrisLearner(
            min_repeats=self.debris_min_repeats, min_item_share=self.debris_min_item_share
        )
        window: deque[_Draft | Link] = deque()
        captured: dt.date | None = None
        current: _Draft | None = None
        in_listing = False
        blank_before = False

        def open_draft(draft: _Draft) -> None:
            window.append(draft)
            learner.start_item()

        last_number = 0
        for first_number, block in capture.line_blocks():
            last_number = first_number + len(block) - 1
            for number, raw in enumerate(block, first_number):
                line = raw.strip()
                if line.startswith(_STAMP_OPENINGS) and (stamp := _stamp(line)):
                    captured, line = stamp
                if not line:
                    blank_before = True
                    continue
                after_blank, blank_before = blank_before, False
                if (
                    current is not None and current.lines and not current.closed
                    and not in_listing and not line[0].isdigit() and not line[-1].isdigit()
                    and "://" not in line[line.rfind(" ") + 1:]
                ):
                    # Most lines are paragraphs of the item being read: neither opening nor
                    # ending with a digit (date, time, listing, dated title), not ending in
                    # a link (`Source : URL`), they can only be text or, when short, debris.
                    if len(line) <= MAX_DEBRIS_CHARS:
                        if is_known_debris(line):
                            stats.debris_lines += 1
                            in_listing = is_listing_header(line)
                            continue
                        learner.observe(line)
                    current.lines.append(line)
                    current.spaced.append(after_blank)
                    continue
                # A date header is never debris: tested first, it spares headers that test.
                # Every header opens or ends with a digit (day, time, year, views).
                header = (parse_header(line) if line[0].isdigit() or line[-1].isdigit()
                          else None)
                if header is None and is_known_debris(line):
                    stats.debris_lines += 1
                    if is_listing_header(line):
                        in_listing = True
                    continue

                if header:
                    in_listing = False
                    current = _Draft(line=number, captured=captured,
                                     published=header[0], views=header[1])
                    open_draft(current)
                elif (in_listing or (line[0].isdigit() and _is_glued_listing(line))) and (
                    entries := parse_listing_line(line)
                ):
                    current = None
                    learner.start_item()
                    window.extend(self._link(capture, number, captured, *entry)
                                  for entry in entries)
                elif "://" in line and (source := _source(line)):
                    before, url = source
                    if current is None or current.closed:
                        current = _Draft(line=number, captured=captured, from_header=False)
                        open_draft(current)
                    if before.strip():
                        current.lines.append(before)
                        current.spaced.append(after_blank)
                    current.url = url
                    current.closed = True
                elif current is not None and current.from_header and not current.lines:
                    # The line after a date header: the title, unless it proves to be debris.
                    learner.observe(line)
                    current.lines.append(line)
                    current.spaced.append(after_blank)
                elif (title_date := _title_date(line)) and self._opens_item(
                    title_date[0], current
                ) and (published := make_published(*title_date[1:])):
                    current = _Draft(line=number, captured=captured, published=published,
                                     title=title_date[0], from_header=False)
                    open_draft(current)
                elif current is None or current.closed:
                    stats.stray_lines += 1
                else:
                    learner.observe(line)
                    current.lines.append(line)
                    current.spaced.append(after_blank)

                # Links need no look-ahead: they leave as soon as nothing is held before them.
                # Counting them in the bound keeps a long listing from piling up behind an article.
                while window and (len(window) > WINDOW_ITEMS or isinstance(window[0], Link)):
                    released = window.popleft()
                    if isinstance(released, Link):
                        yield released
                    elif article := self._finish(released, capture, learner, stats):
                        yield article

        stats.lines += last_number
        while window:
            released = window.popleft()
            if isinstance(released, Link):
                yield released
            elif article := self._finish(released, capture, learner, stats):
                yield article
        stats.learned_debris = learner.learned()

    @staticmethod
    def _opens_item(title: str, current: _Draft | None) -> bool:
        """Whether `Title DD.MM.YYYY` starts an item or is a sentence ending in a date."""
        words = title.split()
        if len(title) > _MAX_TITLE_CHARS or words[-1].casefold() in _DATE_GOVERNORS:
            return False
        if current is None or current.closed or not current.from_header:
            return True
        # Inside an article read from a date header, a line ending in a date is more
        # likely its own text, unless it reads as a title (short, no closing stop).
        return len(title) <= _MAX_TITLE_CHARS_INSIDE_ARTICLE and not title.endswith(_SENTENCE_END)

    @staticmethod
    def _link(capture: CaptureFile, number: int, captured: dt.date | None,
              published: Published | None, views: int | None, title: str) -> Link:
        source = SourceRef(file=capture.name, line=number)
        return Link(
            title=title, published=published, views=views, captured=captured, source=source,
            sightings=[Sighting(source, captured, views, capture.content_hash)],
            id=UNIDENTIFIED,  # named by the identify stage, with every other item's id
        )

    @staticmethod
    def _drop_trailing_fragments(body: list[str], spaced: list[bool], has_url: bool) -> None:
        """A short line that is no sentence, set off by a blank line after the article's text,
        is page furniture (a site name above the next section), not the article's end."""
        while len(body) > 1 and spaced[-1] and not has_url:
            last = body[-1].strip()
            if len(last.split()) > _MAX_FRAGMENT_WORDS or last.endswith(_SENTENCE_CLOSERS):
                return
            body.pop()
            spaced.pop()

    @classmethod
    def _finish(cls, draft: _Draft, capture: CaptureFile, learner: DebrisLearner,
                stats: ReadStats) -> Article | None:
        """The article a draft leaving the window holds, or None when it holds nothing."""
        body, spaced = draft.lines, draft.spaced
        debris = learner.learned_flags(body)
        if debris is not None and any(debris):
            stats.debris_lines += sum(debris)
            body = [line for line, drop in zip(body, debris, strict=True) if not drop]
            spaced = [blank for blank, drop in zip(spaced, debris, strict=True) if not drop]
        title = draft.title
        if draft.from_header and body:
            title = body.pop(0)
            spaced.pop(0)
        cls._drop_trailing_fragments(body, spaced, draft.url is not None)
        title = title.strip() if title else None
        if title in _PLACEHOLDER_TITLES:
            title = None
        if title is None and not body and draft.url is None:
            return None
        source = SourceRef(file=capture.name, line=draft.line)
        return Article(
            title=title,
            body="\n".join(body),
            published=draft.published,
            views=draft.views,
            url=draft.url,
            captured=draft.captured,
            source=source,
            sightings=[Sighting(source, draft.captured, draft.views, capture.content_hash)],
            id=UNIDENTIFIED,  # the outlet is not known yet: the identify stage sets the id
        )
