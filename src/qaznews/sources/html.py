"""Reader for saved HTML pages: which articles (or listing entries) does this page hold?

One page is decoded (:func:`decode_html`), parsed once, and read in three steps:

1. **Outlet reader** (``sources/outlets.py``), chosen by the page's host (from the URL
   given, else the page's canonical link or ``og:url``): what the generic extractors
   miss on the sites we know: view counters, the original gov.kz release a page
   links to, the visible date and time, the site's own name, and the entries of a
   listing page (one :class:`~qaznews.model.Link` per entry, never one merged article).
2. **Body** by a cascade (:func:`extract_body`): trafilatura tuned for precision;
   readability-lxml as the second candidate; lines of known debris kinds dropped from
   both (``sources/debris.py``); an arbitration between the two (see
   :func:`choose_body`).
3. **Metadata** by the sources the page offers, most exact first: the outlet reader,
   structured data (JSON-LD ``datePublished``, ``article:published_time``, a
   ``<time datetime>``), which carry the time of day, then trafilatura and htmldate
   (the date alone).

The reader yields raw items, as the capture reader does (``id=UNIDENTIFIED``); the
pipeline stages clean the text, detect the language and set the id.

What goes where: ``Article.url`` is the article's identity, as in captures: the
original release the page names (``Source: gov.kz/...``), else the page's canonical
URL; ``source=SourceRef(url=...)`` is where the page was read (the URL given, else the
canonical one). ``outlet`` is set only from what the page says: the gov.kz entity of
the page or its source link, an agency dateline or attribution in the lead (through
``pipeline/outlet.py``'s own function, not a copy of it), else the site's name. The
``outlet`` stage, which takes a URL's host before the text, then has nothing to fill.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.utils import load_html

from qaznews.model import (
    UNIDENTIFIED,
    Article,
    Item,
    Link,
    Published,
    Sighting,
    SourceRef,
    canonical_url,
    normalise_title,
)
from qaznews.pipeline.outlet import canonical_outlet, find_outlet, outlet_from_url
from qaznews.sources.debris import is_known_debris
from qaznews.sources.encoding import decode_page
from qaznews.sources.files import encoding_from_bom

__all__ = ["PageReading", "choose_body", "decode_html", "extract_body", "read_page",
           "read_page_details"]

# --- thresholds of the body cascade, set on tests/data/web (14 pages; `qaznews eval html`) ---

#: Below this many characters the precision-first trafilatura text has under-delivered
#: and readability's is taken if longer. No fixture article is shorter than 520
#: characters; trafilatura's own default threshold (MIN_EXTRACTED_SIZE) is 250.
MIN_BODY_CHARS = 250
#: readability's text replaces trafilatura's when it is this many times longer *and*
#: holds nearly all of trafilatura's words (RECALL_SHARE), i.e. it adds text around the
#: same article rather than reading another block. On the fixtures the two candidates
#: after debris filtering differ by at most 1.08x on every page but one (generic_ru_portal,
#: where precision-mode trafilatura keeps 0.6x of the article: ratio 1.6), so 1.3 sits in
#: the gap.
LONGER_RATIO = 1.3
#: Share of trafilatura's tokens that readability's text must contain to replace it.
RECALL_SHARE = 0.9
#: Cascade trigger (under_delivered): trafilatura's cleaned text below this share of the
#: text of all the page's <p> elements sends the page to readability. On the fixtures the
#: share is 0.63-0.90 for every page where trafilatura read the article (0.63: the
#: kt_listing section page), so 0.5 leaves them to trafilatura alone.
UNDER_SHARE = 0.5
#: A line longer than this is paragraphs glued together (the longest fixture paragraph
#: is 311 characters; the glued layout-table line of generic_ru_portal is 940, alone).
MAX_LINE_CHARS = 1500
GLUED_LINE_CHARS = 600
#: The precision rule of choose_body: readability's shorter text replaces trafilatura's
#: when at least CLEAN_SUBSET of its characters are in lines found whole inside
#: trafilatura's, fewer than GLUED_SHARE of trafilatura's are found whole inside
#: readability's, and it keeps SUBSET_MIN_SHARE of trafilatura's length. On the fixtures
#: only generic_ru_portal meets it (coverage 1.00 vs 0.00); on every other page
#: trafilatura's own lines are at least 0.9 covered by readability's.
CLEAN_SUBSET = 0.9
GLUED_SHARE = 0.5
SUBSET_MIN_SHARE = 0.5
#: Lines of a body of at most this many characters are candidates for debris.
_MAX_DEBRIS_LINE = 200

_READ_ALSO = re.compile(
    r"^(?:read also|see also|also read|related|read more|читайте также|также читайте|"
    r"смотрите также|по теме|оқи отырыңыз|тақырыпқа қатысты|oqı otyryńyz|oqy otyrynyz)"
    r"\s*[:.\-–—]\s*\S",
    re.I,
)
#: Re-use notices the known copyright kinds miss ("may be republished free of charge").
_REUSE_NOTICE = re.compile(r"\b(?:may be republished|republished with|перепечатка)", re.I)
#: Head furniture: a kicker has at most this many words; a dateline at most the other.
_MAX_KICKER_WORDS = 4
_MAX_DATELINE_WORDS = 12
_HEAD_DATE = re.compile(
    r"\b(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2} \w+ \d{4})", re.I)
_COMMENT_LINES = re.compile(
    r"^(?:comments?(?: \(\d+\))?|no comments yet.*|комментарии(?: \(\d+\))?|"
    r"комментариев пока нет.*|пікірлер|was this page useful\?|"
    r"бұл бет пайдалы болды ма\?|была ли эта страница полезной\?)$",
    re.I,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_ISO_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
#: Pages longer than this (characters, after decoding) are cut before parsing.
MAX_PAGE_CHARS = 5_000_000


# --- decoding -----------------------------------------------------------------------------


def decode_html(data: bytes | str, declared: str | None = None) -> tuple[str, str]:
    """The page's text and the encoding it was read in (text is returned as it is).

    The rules are :func:`qaznews.sources.encoding.decode_page`'s, shared with the crawler:
    pages lie about their charset, so the bytes are trusted over the declaration.
    """
    if isinstance(data, str):
        return data, "str"
    return decode_page(data, declared)


def _parse(text: str) -> lxml.html.HtmlElement | None:
    text = _XML_DECLARATION.sub("", text[:MAX_PAGE_CHARS], count=1).replace("\x00", "")
    if not text.strip():
        return None
    try:
        tree = load_html(text)
    except (ValueError, TypeError, ParserError):
        return None
    return tree if isinstance(tree, lxml.html.HtmlElement) else None


# --- the body cascade ---------------------------------------------------------------------


def clean_lines(text: str, title: str | None = None) -> list[str]:
    """An extractor's text as paragraphs, without the debris extractors let through:
    the title repeated as the first line, known debris kinds (image credits, share
    buttons, copyright notices, related-news headers: ``sources/debris.py``), inline
    "Read also: <headline>" links, comment and feedback headers."""
    key = normalise_title(title) if title else None
    lines: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if not lines and _is_head_furniture(line, key):
            continue
        if len(line) <= _MAX_DEBRIS_LINE and (
            is_known_debris(line) or _READ_ALSO.match(line) or _COMMENT_LINES.match(line)
            or _REUSE_NOTICE.search(line)
        ):
            continue
        lines.append(line)
    return lines


def _is_head_furniture(line: str, title_key: str | None) -> bool:
    """A line before the article's first paragraph that is the title, a kicker (at most
    :data:`_MAX_KICKER_WORDS` words, no closing stop) or a dateline holding a date."""
    if title_key and normalise_title(line) == title_key:
        return True
    words = line.split()
    if len(words) <= _MAX_KICKER_WORDS and not line.endswith((".", "!", "?", "…", "»", '"')):
        return True
    return len(words) <= _MAX_DATELINE_WORDS and bool(_HEAD_DATE.search(line))


def _readability_text(tree: lxml.html.HtmlElement) -> str:
    """readability's article, one line per paragraph.

    trafilatura's own copy of readability-lxml (``trafilatura.external.try_readability``)
    is used rather than the readability-lxml package: the same algorithm, measured 5.7x
    faster on the fixture corpus (1.0 ms against 5.9 ms a page; bench/bench_html.py), and
    what plain ``trafilatura.extract`` itself runs as its fallback.
    """
    from trafilatura.external import try_readability

    try:
        node = try_readability(copy.deepcopy(tree))
    except Exception:  # readability raises its own and lxml's errors on odd pages
        return ""
    if node is None:
        return ""
    for br in node.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [el for el in node.iter("p", "li", "h2", "h3", "h4", "pre", "blockquote", "td")
              if not any(anc.tag in ("p", "li", "blockquote", "td") for anc in el.iterancestors())]
    if not blocks:
        return str(node.text_content())
    parts: list[str] = []
    for el in blocks:
        parts.append(str(el.text_content()))
        # text a block-less container holds between the blocks
        if el.tail and el.tail.strip():
            parts.append(el.tail)
    return "\n".join(parts)


def _covered(lines: list[str], text: str) -> float:
    """Share of the characters of ``lines`` in lines found whole inside ``text``."""
    total = sum(len(line) for line in lines)
    inside = sum(len(line) for line in lines if line in text)
    return inside / total if total else 0.0


def choose_body(precise: list[str], other: list[str]) -> tuple[list[str], str]:
    """Arbitrate between the precision-first candidate and the second extractor's.

    trafilatura's precise text is kept unless

    - *recall*: it under-delivered: it is shorter than :data:`MIN_BODY_CHARS` and the
      other is longer, or the other is :data:`LONGER_RATIO` times longer *and* holds
      :data:`RECALL_SHARE` of its words (more of the same article, not another block);
    - *precision*: the other's paragraphs lie whole inside it (:data:`CLEAN_SUBSET`
      of the other's characters) while its own lines are mostly not found in the other
      (below :data:`GLUED_SHARE`): it glued the article to page furniture, as
      trafilatura does with a layout table (generic_ru_portal: F1 0.873 -> 1.000).

    Returns the lines and which candidate won ("trafilatura" or "readability").
    """
    len_p = sum(len(line) for line in precise)
    len_o = sum(len(line) for line in other)
    if len_o <= len_p:
        if len_o >= SUBSET_MIN_SHARE * len_p and precise and other:
            text_p, text_o = "\n".join(precise), "\n".join(other)
            if _covered(other, text_p) >= CLEAN_SUBSET and _covered(precise, text_o) < GLUED_SHARE:
                return other, "readability"
        return precise, "trafilatura"
    if len_p < MIN_BODY_CHARS:
        return other, "readability"
    if len_o >= LONGER_RATIO * len_p:
        words_o = set(" ".join(other).casefold().split())
        words_p = " ".join(precise).casefold().split()
        held = sum(1 for w in words_p if w in words_o) / max(1, len(words_p))
        if held >= RECALL_SHARE:
            return other, "readability"
    return precise, "trafilatura"


def _trafilatura(tree: lxml.html.HtmlElement, url: str | None, prune: list[str] | None,
                 metadata: bool) -> Any:
    if prune is None:
        # A site we have no reader for: trafilatura as its authors tuned it (its own
        # fallbacks included), the way it scores best on benchmarks of many sites;
        # our line cleaning and the readability cascade still follow.
        return trafilatura.bare_extraction(
            tree, url=url, include_comments=False, with_metadata=metadata)
    return trafilatura.bare_extraction(
        tree, url=url, fast=True, favor_precision=True, include_comments=False,
        include_tables=True, include_images=False, with_metadata=metadata,
        prune_xpath=prune,
    )


def _body_from(tree: lxml.html.HtmlElement, title: str | None,
               extracted: Any) -> tuple[str, str]:
    precise = clean_lines(getattr(extracted, "text", None) or "", title)
    if not under_delivered(precise, tree):
        return "\n".join(precise), "trafilatura"
    other = clean_lines(_readability_text(tree), title)
    lines, winner = choose_body(precise, other)
    return "\n".join(lines), winner


def under_delivered(lines: list[str], tree: lxml.html.HtmlElement) -> bool:
    """Whether trafilatura's text calls for the second extractor (the cascade's trigger):
    shorter than :data:`MIN_BODY_CHARS`; below :data:`UNDER_SHARE` of the text of the
    page's ``<p>`` elements; or paragraphs glued into one line (a single line above
    :data:`GLUED_LINE_CHARS`, or any line above :data:`MAX_LINE_CHARS`)."""
    length = sum(len(line) for line in lines)
    if length < MIN_BODY_CHARS:
        return True
    longest = max(len(line) for line in lines)
    if longest > MAX_LINE_CHARS or (len(lines) == 1 and longest > GLUED_LINE_CHARS):
        return True
    paragraphs = sum(len(" ".join(str(p.text_content()).split())) for p in tree.iter("p"))
    return length < UNDER_SHARE * paragraphs


def extract_body(html: bytes | str, url: str | None = None) -> str:
    """The article text of a page, one paragraph a line, by the cascade of :func:`choose_body`.

    Measured on tests/data/web (14 pages, 12 articles; ``evaluate_html``): token F1 1.000
    micro against plain ``trafilatura.extract``'s 0.929 (see docs/WEB.md).
    """
    text, _ = decode_html(html)
    tree = _parse(text)
    if tree is None:
        return ""
    from qaznews.sources.outlets import reader_for

    reader = reader_for(url or _page_url(tree))
    prune = list(reader.prune) if reader else None
    try:
        extracted = _trafilatura(tree, url, prune, metadata=False)
    except Exception:  # trafilatura's internals raise on pathological markup
        extracted = None
    title = (reader.title(tree) if reader else None) or _page_title(tree)
    return _body_from(tree, title, extracted)[0]


# --- metadata -----------------------------------------------------------------------------


def _attr(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    for value in found:
        text = str(value).strip()
        if text:
            return text
    return None


def _page_url(tree: lxml.html.HtmlElement) -> str | None:
    return _attr(tree, '//link[@rel="canonical"]/@href') or _attr(
        tree, '//meta[@property="og:url"]/@content')


def _h1(tree: lxml.html.HtmlElement) -> str | None:
    for h1 in tree.iter("h1"):
        text = " ".join(str(h1.text_content()).split())
        if text:
            return text
    return None


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    return _h1(tree) or _attr(tree, '//meta[@property="og:title"]/@content') or _attr(
        tree, "//title/text()")


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD blocks, @graph members included."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                yield node
                graph = node.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def published_from_iso(text: str | None) -> Published | None:
    """`2026-03-03T14:20:00+05:00` as written: the wall-clock time of the page, not UTC."""
    if not text:
        return None
    match = _ISO_DATETIME.search(text)
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
        time = dt.time(int(hour), int(minute)) if hour is not None else None
    except ValueError:
        return None
    if not 1990 <= date.year <= 2100:
        return None
    return Published(date, time)


def structured_published(tree: lxml.html.HtmlElement) -> Published | None:
    """The publication date and time that structured data states, most explicit first."""
    for node in _json_ld(tree):
        value = node.get("datePublished")
        if isinstance(value, str) and (published := published_from_iso(value)):
            return published
    for xpath in ('//meta[@property="article:published_time"]/@content',
                  '//meta[@itemprop="datePublished"]/@content',
                  '//meta[@name="pubdate"]/@content',
                  '//time[@itemprop="datePublished"]/@datetime',
                  '(//article//time[@datetime]|//time[@datetime])[1]/@datetime'):
        if published := published_from_iso(_attr(tree, xpath)):
            return published
    return None


def site_name(tree: lxml.html.HtmlElement) -> str | None:
    """The site's own name, as the page states it (og:site_name, JSON-LD publisher)."""
    name = _attr(tree, '//meta[@property="og:site_name"]/@content') or _attr(
        tree, '//meta[@name="application-name"]/@content')
    if not name:
        for node in _json_ld(tree):
            publisher = node.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                name = publisher["name"]
                break
    return canonical_outlet(name) if name else None


_VIEWS_TEXT = re.compile(
    r"(?:просмотров|просмотры|views|қаралым|qaralym|kórildi)\s*[:|]?\s*(\d[\d\s ]{0,12})",
    re.I,
)


def views_in_text(text: str) -> int | None:
    match = _VIEWS_TEXT.search(text)
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(1))
    return int(digits) if digits and len(digits) <= 10 else None


def _author(tree: lxml.html.HtmlElement) -> str | None:
    """The author the page names: JSON-LD, else ``<meta name="author">``, else an element
    of class ``author`` ("Автор: Данияр Омаров" gives the name)."""
    for node in _json_ld(tree):
        value = node.get("author")
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return str(value["name"]).strip() or None
        if isinstance(value, str) and value.strip():
            return value.strip()
    name = _attr(tree, '//meta[@name="author"]/@content')
    if name:
        return name
    for el in tree.xpath('//*[contains(@class,"author")][not(descendant::*[contains(@class,'
                         '"author")])]'):
        text = " ".join(str(el.text_content()).split())
        text = _AUTHOR_LABEL.sub("", text).strip()
        if text and len(text) <= 80:
            return text
    return None


_AUTHOR_LABEL = re.compile(r"^(?:by|автор|авторы|author|avtor)\s*:?\s*", re.I)


def _htmldate(tree: lxml.html.HtmlElement, url: str | None) -> Published | None:
    """The date htmldate finds (original publication date, extensive search); no time."""
    from htmldate import find_date

    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate raises on odd trees
        return None
    return published_from_iso(found) if found else None


# --- reading a page -----------------------------------------------------------------------


@dataclass(slots=True)
class PageReading:
    """Everything read from one page: its items, and what the model has no field for."""

    items: list[Item] = field(default_factory=list)
    page_url: str | None = None
    encoding: str = "utf-8"
    #: The outlet reader used ("kt", "qazinform", "govkz", "astanatimes") or None.
    layout: str | None = None
    listing: bool = False
    author: str | None = None
    site_name: str | None = None
    #: The original release the page names (a gov.kz page: its own address).
    source_url: str | None = None
    #: Which candidate of the body cascade won.
    body_from: str | None = None
    content_hash: str = ""


def read_page(
    html: bytes | str,
    *,
    url: str | None = None,
    source: SourceRef | None = None,
    captured: dt.date | None = None,
) -> list[Item]:
    """The raw items of one saved page: one Article, or one Link per listing entry.

    Never raises on bad input: an empty, binary or unparseable page yields no items.
    """
    return read_page_details(html, url=url, source=source, captured=captured).items


def read_page_details(
    html: bytes | str,
    *,
    url: str | None = None,
    source: SourceRef | None = None,
    captured: dt.date | None = None,
) -> PageReading:
    """:func:`read_page` with what the model has no field for (author, source link, ...)."""
    data = html if isinstance(html, bytes) else html.encode("utf-8", errors="surrogatepass")
    reading = PageReading(content_hash=hashlib.sha256(data).hexdigest())
    if isinstance(html, bytes) and b"\x00" in html[:4096] and encoding_from_bom(html) is None:
        return reading  # binary, not a page
    text, reading.encoding = decode_html(html)
    tree = _parse(text)
    if tree is None:
        return reading
    from qaznews.sources.outlets import reader_for

    canonical = _page_url(tree)
    page_url = url or canonical
    reading.page_url = page_url
    where = source or SourceRef(url=page_url)
    reader = reader_for(page_url) or (reader_for(canonical) if canonical else None)
    reading.layout = reader.name if reader else None
    reading.site_name = site_name(tree) or (reader.site_name if reader else None)

    if reader is not None:
        entries = reader.listing(tree, page_url)
        if entries is not None:
            reading.listing = True
            for entry in entries:
                reading.items.append(Link(
                    title=entry.title, published=entry.published, views=entry.views,
                    url=entry.url, captured=captured, source=where,
                    sightings=[Sighting(where, captured, entry.views, reading.content_hash)],
                    id=UNIDENTIFIED,
                ))
            return reading

    prune = list(reader.prune) if reader else None
    try:
        # trafilatura's metadata pass (htmldate, author and site heuristics) costs more
        # than the extraction itself; the page's own fields are read below instead, and
        # htmldate runs only for a page whose date nothing else gives.
        extracted = _trafilatura(tree, page_url, prune, metadata=False)
    except Exception:  # trafilatura's internals raise on pathological markup
        extracted = None
    meta = reader.meta(tree, page_url) if reader else None
    title = (meta.title if meta else None) or _page_title(tree)
    body, reading.body_from = _body_from(tree, title, extracted)
    if not title and not body:
        return reading

    published = (meta.published if meta else None) or structured_published(tree)
    if published is None:
        published = _htmldate(tree, page_url)
    if not body and published is None:
        return reading  # a title alone with no text and no date: an error or index page
    views = meta.views if meta and meta.views is not None else None
    if views is None and reader is None:
        views = _generic_views(tree)
    reading.source_url = _canonical_or_none(meta.source_url if meta else _source_link(tree))
    reading.author = _author(tree)

    outlet = _outlet(page_url, reading.source_url, body, reading.site_name)
    article_url = reading.source_url or _canonical(page_url)
    reading.items.append(Article(
        title=title, body=body, published=published, views=views, url=article_url,
        outlet=outlet, captured=captured, source=where,
        sightings=[Sighting(where, captured, views, reading.content_hash)],
        id=UNIDENTIFIED,  # the identify stage sets the id after the stages
    ))
    return reading


def _canonical_or_none(url: str | None) -> str | None:
    """A source link kept as written when it parses, else dropped."""
    return url if url and _canonical(url) else None


def _canonical(url: str | None) -> str | None:
    """The canonical form of a URL, or None for one that does not parse ("http://[::1")."""
    if not url:
        return None
    try:
        return canonical_url(url)
    except ValueError:
        return None


def _outlet(page_url: str | None, source_url: str | None, body: str,
            site: str | None) -> str | None:
    """gov.kz entity of the page; else the source link or the lead's dateline or attribution
    (``pipeline.outlet.find_outlet``, as for a capture with that `Source :` link); else the
    site's name; else None (the outlet stage then takes the host)."""
    if page_url and "gov.kz/memleket/entities/" in page_url:
        return outlet_from_url(page_url)
    return find_outlet(source_url, body) or site


_SOURCE_LABEL = re.compile(r"(?:source|источник|дереккөз|derekkóz|original)\s*:?\s*$", re.I)


def _source_link(tree: lxml.html.HtmlElement) -> str | None:
    """A link labelled `Source:` (`Источник:`, `Дереккөз:`) to an http(s) page."""
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href.startswith(("http://", "https://")):
            continue
        parent = anchor.getparent()
        before = (parent.text or "") if parent is not None else ""
        previous = anchor.getprevious()
        if previous is not None:
            before = (previous.tail or "") or str(previous.text_content())
        if _SOURCE_LABEL.search(before.strip()[-30:]):
            return href
    return None


def _generic_views(tree: lxml.html.HtmlElement) -> int | None:
    """A view count in a short element that says so (`Просмотров: 734`)."""
    for el in tree.xpath('//*[contains(@class,"view") or contains(@class,"info") '
                         'or contains(@class,"meta")]'):
        text = " ".join(str(el.text_content()).split())
        if len(text) <= 200 and (views := views_in_text(text)) is not None:
            return views
    return None
