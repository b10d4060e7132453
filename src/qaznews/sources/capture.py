"""Reader for plain-text page captures: which articles and links does this page contain?

A capture is read in two streaming passes over its lines:

1. *learn*: find where items start and which short lines repeat between many of
   them (the page's own furniture, see :class:`~qaznews.sources.debris.DebrisLearner`);
2. *segment*: walk the lines again and cut them into items.

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
from collections.abc import Iterator
from dataclasses import dataclass, field

from qaznews.model import Article, Item, Link, Published, Sighting, SourceRef
from qaznews.sources.dates import GLUED_ENTRY, TRAILING_DATE, make_published, parse_header
from qaznews.sources.debris import (
    MAX_DEBRIS_CHARS,
    DebrisLearner,
    debris_key,
    is_known_debris,
    is_listing_header,
)
from qaznews.sources.files import CaptureFile

_STAMP = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?:\s+(.*))?$", re.I)
_SOURCE = re.compile(
    r"\s*(?:Source|Источник|Дереккөз|Derekkóz|Derekkoz)\s*:\s*(https?://\S+)\s*$", re.I
)
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


@dataclass(slots=True)
class ReadStats:
    """What a reader saw besides items, for the run summary and for tests."""

    lines: int = 0
    debris_lines: int = 0
    learned_debris: frozenset[str] = frozenset()
    stray_lines: int = 0


@dataclass(slots=True)
class _Draft:
    line: int
    captured: dt.date | None
    published: Published | None = None
    views: int | None = None
    title: str | None = None
    expects_title: bool = True
    from_header: bool = True
    body: list[str] = field(default_factory=list)
    #: For each body line, whether a blank line came before it.
    spaced: list[bool] = field(default_factory=list)
    url: str | None = None
    closed: bool = False


def _stamp(line: str) -> tuple[dt.date, str] | None:
    if not line.startswith(("date", "Date", "DATE")):
        return None
    match = _STAMP.match(line)
    if not match:
        return None
    year, month, day, rest = match.groups()
    try:
        return dt.date(int(year), int(month), int(day)), (rest or "").strip()
    except ValueError:
        return None


def _is_plain_text(line: str) -> bool:
    """A line no layout rule can claim: too long for debris or a header, not opening with a
    digit (date, time, listing), not ending in one (dated title), holding no link."""
    return (
        len(line) > MAX_DEBRIS_CHARS
        and not line[0].isdigit()
        and not line[-1].isdigit()
        and "://" not in line
    )


def _source(line: str) -> tuple[str, str] | None:
    """(text before, URL) of a line ending in `Source : URL`."""
    scheme = line.rfind("://")  # cheap test first: nearly every line is plain text
    if scheme < 0:
        return None
    # Search only near the last link: the pattern tried along a whole one-line body is slow.
    match = _SOURCE.search(line, max(0, scheme - 40))
    return (line[: match.start()], match.group(1)) if match else None


def _title_date(line: str) -> re.Match[str] | None:
    """`Title DD.MM.YYYY`: only a line whose fifth character from the end is a dot can be one."""
    if len(line) < 12 or line[-5] != "." or not line[-1].isdigit():
        return None
    return TRAILING_DATE.match(line)


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
        views_text = re.match(r"\s*(\d*)\s*", tail)
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

    def learn(self, capture: CaptureFile) -> frozenset[str]:
        """Pass 1: the short lines this capture repeats between many of its items."""
        learner = DebrisLearner(
            min_repeats=self.debris_min_repeats, min_item_share=self.debris_min_item_share
        )
        for _, raw in capture.lines():
            line = raw.strip()
            stamp = _stamp(line)
            if stamp:
                line = stamp[1]
            if not line:
                continue
            if len(line) > MAX_DEBRIS_CHARS and not (line[0].isdigit() or line[-1].isdigit()):
                continue  # a long text line: neither debris to learn nor an item start
            if _source(line):
                continue
            if parse_header(line) or _is_glued_listing(line):
                learner.start_item()
                continue
            title_date = _title_date(line)
            if title_date and len(title_date.group(1)) <= _MAX_TITLE_CHARS:
                learner.start_item()
                continue
            learner.observe(line)
        return learner.learned()

    def read(self, capture: CaptureFile, stats: ReadStats | None = None) -> Iterator[Item]:
        """Pass 2: the items of the capture."""
        stats = stats if stats is not None else ReadStats()
        learned = self.learn(capture)
        stats.learned_debris = learned
        captured: dt.date | None = None
        current: _Draft | None = None
        in_listing = False
        blank_before = False

        for number, raw in capture.lines():
            stats.lines += 1
            line = raw.strip()
            stamp = _stamp(line)
            if stamp:
                captured, line = stamp
            if not line:
                blank_before = True
                continue
            after_blank, blank_before = blank_before, False
            if (
                current is not None and not current.expects_title and not current.closed
                and not in_listing and _is_plain_text(line)
            ):
                # Most lines are paragraphs of the item being read: no test below can fire.
                current.body.append(line)
                current.spaced.append(after_blank)
                continue
            if is_known_debris(line) or (
                len(line) <= MAX_DEBRIS_CHARS and debris_key(line) in learned
            ):
                stats.debris_lines += 1
                if is_listing_header(line):
                    in_listing = True
                continue

            header = parse_header(line)
            if header:
                in_listing = False
                yield from self._finish(current, capture)
                current = _Draft(line=number, captured=captured,
                                 published=header[0], views=header[1])
                continue

            if in_listing or _is_glued_listing(line):
                entries = parse_listing_line(line)
                if entries:
                    yield from self._finish(current, capture)
                    current = None
                    for published, views, title in entries:
                        yield self._link(capture, number, captured, published, views, title)
                    continue

            source = _source(line)
            if source:
                before, url = source
                if current is None or current.closed:
                    yield from self._finish(current, capture)
                    current = _Draft(line=number, captured=captured, expects_title=False,
                                     from_header=False)
                if before.strip():
                    current.body.append(before)
                    current.spaced.append(after_blank)
                current.url = url
                current.closed = True
                continue

            if current is not None and current.expects_title:
                current.title = line
                current.expects_title = False
                continue

            title_date = _title_date(line)
            if title_date and self._opens_item(title_date.group(1), current):
                day, month, year = title_date.group(2, 3, 4)
                published = make_published(day, month, year)
                if published is not None:
                    yield from self._finish(current, capture)
                    current = _Draft(line=number, captured=captured, published=published,
                                     title=title_date.group(1), expects_title=False,
                                     from_header=False)
                    continue

            if current is None or current.closed:
                stats.stray_lines += 1
                continue
            current.body.append(line)
            current.spaced.append(after_blank)

        yield from self._finish(current, capture)

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
        )

    @staticmethod
    def _drop_trailing_fragments(draft: _Draft) -> None:
        """A short line that is no sentence, set off by a blank line after the article's text,
        is page furniture (a site name above the next section), not the article's end."""
        while len(draft.body) > 1 and draft.spaced[-1] and draft.url is None:
            last = draft.body[-1].strip()
            if len(last.split()) > _MAX_FRAGMENT_WORDS or last.endswith(_SENTENCE_CLOSERS):
                return
            draft.body.pop()
            draft.spaced.pop()

    @classmethod
    def _finish(cls, draft: _Draft | None, capture: CaptureFile) -> Iterator[Article]:
        if draft is None:
            return
        cls._drop_trailing_fragments(draft)
        title = draft.title.strip() if draft.title else None
        if title in _PLACEHOLDER_TITLES:
            title = None
        if title is None and not draft.body and draft.url is None:
            return
        source = SourceRef(file=capture.name, line=draft.line)
        yield Article(
            title=title,
            body="\n".join(draft.body),
            published=draft.published,
            views=draft.views,
            url=draft.url,
            captured=draft.captured,
            source=source,
            sightings=[Sighting(source, draft.captured, draft.views, capture.content_hash)],
        )
