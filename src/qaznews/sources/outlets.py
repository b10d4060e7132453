"""Page readers for the outlets we know: what the generic extractors miss on their pages.

Chosen by the page's host. Each reader adds, from the page itself:

- **Kazakhstan Today** (kt.kz): the `DD.MM.YYYY, HH:MM VIEWS` line above the title
  (date, time and view counter in one, as in captures), the `Source:` link to the
  original gov.kz release, and the entries of its section pages.
- **Qazinform** (inform.kz, qazinform.com; editions en, ru and kz, the Kazakh one in
  the Latin script): the visible date (`14:20, 3 March 2026`, `09:05, 3 Naýryz 2026`)
  when the JSON-LD gives none, the view counter, and the entries of its news feed.
  The agency named in the dateline (`ASTANA. KAZINFORM –`) stays in the body, where
  the outlet stage's dateline rule finds it.
- **gov.kz** press pages: the `Publication date: DD.MM.YYYY HH:MM` line, the page's own
  address as the original release (what `Source :` links in captures point at) and
  the publishing entity from it (`mfa`, `mfa-geneva`).
- **The Astana Times** (astanatimes.com): WordPress structured data suffices for the
  date; the reader prunes its in-text advertising blocks and share bars.

Readers look for *text* shapes (a date header, a view counter, a `Source:` label) in
the elements where these sites put them, not for exact class names alone, so a
re-skinned template still reads; class names only narrow where to look first.

A **listing page** (a section page or news feed: many entries, each a headline link
with its date and maybe a teaser and a view count) yields one :class:`ListingEntry`
per entry, which ``sources/html.py`` turns into a :class:`~qaznews.model.Link`: an
entry only points at its article, and its teaser is no article body (taking it as one
would store a two-line "article" that the full page, read later, would have to
displace).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias
from urllib.parse import urljoin, urlsplit

import lxml.html

from qaznews.model import Published
from qaznews.sources.dates import parse_header

__all__ = ["READERS", "ListingEntry", "OutletMeta", "OutletReader", "reader_for"]

Tree: TypeAlias = lxml.html.HtmlElement


@dataclass(frozen=True, slots=True)
class OutletMeta:
    title: str | None = None
    published: Published | None = None
    views: int | None = None
    source_url: str | None = None


@dataclass(frozen=True, slots=True)
class ListingEntry:
    title: str
    url: str
    published: Published | None = None
    views: int | None = None


#: Listing detection: a page is a listing when its URL is not an article's and it holds
#: at least this many dated headline links.
MIN_LISTING_ENTRIES = 3
#: A headline has at least this many words (a "Next »" or "Politics" link is no entry).
_MIN_HEADLINE_WORDS = 3
_DIGITS = re.compile(r"\d[\d\s  ]{0,12}")
_NUMERIC_DATE_TIME = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?")
_SOURCE_LABEL = re.compile(r"(?:source|источник|дереккөз|derekkóz|түпнұсқа)\s*:?\s*$", re.I)
_NOT_CONTENT = "ancestor-or-self::*[self::aside or self::nav or self::footer or self::header]"


def _text(el: Tree) -> str:
    return " ".join(str(el.text_content()).split())


def _first_header(tree: Tree, xpath: str) -> tuple[Published, int | None] | None:
    """The first short element (in document order) that is only a date header."""
    for el in tree.xpath(xpath):
        text = _text(el)
        if 6 <= len(text) <= 60 and (header := parse_header(text)):
            return header
    return None


def _views(scope: Tree) -> int | None:
    for el in scope.xpath('.//*[contains(@class,"view")]'):
        match = _DIGITS.search(_text(el))
        if match:
            digits = re.sub(r"\D", "", match.group())
            if digits:
                return int(digits)
    return None


def _h1(tree: Tree) -> str | None:
    for h1 in tree.iter("h1"):
        if text := _text(h1):
            return text
    return None


def _labelled_link(tree: Tree, host_part: str | None = None) -> str | None:
    """A link that a `Source:` label precedes (optionally only to a given host)."""
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href.startswith(("http://", "https://")):
            continue
        if host_part and host_part not in (urlsplit(href).hostname or ""):
            continue
        previous = anchor.getprevious()
        parent = anchor.getparent()
        before = (previous.tail or "") if previous is not None else (
            (parent.text or "") if parent is not None else "")
        if _SOURCE_LABEL.search(before.strip()[-30:]):
            return href
    return None


def _iso_published(value: str | None) -> Published | None:
    from qaznews.sources.html import published_from_iso

    return published_from_iso(value)


def listing_entries(tree: Tree, page_url: str | None) -> list[ListingEntry]:
    """Dated headline links of a page's main content, one per article, in page order.

    An entry is a headline link (at least three words) whose nearest enclosing block,
    up to three levels up, holds a date (a `<time datetime>`, or a short date header)
    and no other headline link; the entry's view counter is taken from that block.
    """
    entries: list[ListingEntry] = []
    seen: set[str] = set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        title = _text(anchor)
        if not href or href.startswith(("#", "javascript:")) or len(title.split()) < \
                _MIN_HEADLINE_WORDS or anchor.xpath(_NOT_CONTENT):
            continue
        url = urljoin(page_url or "", href)
        if url in seen:
            continue
        block = anchor.getparent()
        for _ in range(3):
            if block is None:
                break
            published = _block_date(block)
            if published is not None:
                headlines = [a for a in block.iter("a")
                             if len(_text(a).split()) >= _MIN_HEADLINE_WORDS]
                if len(headlines) == 1:
                    seen.add(url)
                    header = _first_header(block, './/*[not(self::a)]')
                    views = _views(block)
                    if views is None and header is not None:
                        views = header[1]
                    entries.append(ListingEntry(title, url, published, views))
                break
            block = block.getparent()
    return entries


def _block_date(block: Tree) -> Published | None:
    for value in block.xpath('.//time/@datetime'):
        if published := _iso_published(str(value)):
            return published
    header = _first_header(block, './/*[not(self::a)]')
    return header[0] if header else None


@dataclass(frozen=True, slots=True)
class OutletReader:
    """What one outlet's pages give beyond the generic extraction."""

    name: str
    hosts: tuple[str, ...]
    site_name: str
    #: Article pages have URLs of this shape; other pages of the site may be listings.
    article_url: re.Pattern[str]
    meta: Callable[[Tree, str | None], OutletMeta]
    #: XPaths pruned before trafilatura reads the page (advertising, share bars).
    prune: tuple[str, ...] = ()
    lists: bool = True

    def title(self, tree: Tree) -> str | None:
        return _h1(tree)

    def listing(self, tree: Tree, page_url: str | None) -> list[ListingEntry] | None:
        """The entries of a listing page, or None for an article page."""
        if not self.lists or (page_url and self.article_url.search(page_url)):
            return None
        entries = listing_entries(tree, page_url)
        return entries if len(entries) >= MIN_LISTING_ENTRIES else None


def _kt_meta(tree: Tree, page_url: str | None) -> OutletMeta:
    header = _first_header(
        tree, '//*[contains(@class,"date") or contains(@class,"meta") '
              'or contains(@class,"info")][not(ancestor::aside)]')
    published, views = header if header else (None, None)
    if views is None:
        article = tree.xpath('//article|//*[contains(@class,"news-detail")]')
        views = _views(article[0]) if article else None
    return OutletMeta(title=_h1(tree), published=published, views=views,
                      source_url=_labelled_link(tree))


def _qazinform_meta(tree: Tree, page_url: str | None) -> OutletMeta:
    from qaznews.sources.html import structured_published

    published = structured_published(tree)
    if published is None:
        header = _first_header(tree, '//time|//*[contains(@class,"date")]')
        published = header[0] if header else None
    article = tree.xpath('//article')
    return OutletMeta(title=_h1(tree), published=published,
                      views=_views(article[0] if article else tree))


def _govkz_meta(tree: Tree, page_url: str | None) -> OutletMeta:
    published = None
    for el in tree.xpath('//*[contains(@class,"date")]|//time'):
        match = _NUMERIC_DATE_TIME.search(_text(el))
        if match:
            day, month, year, hour, minute = match.groups()
            from qaznews.sources.dates import make_published

            published = make_published(day, month, year, hour, minute)
            if published:
                break
    canonical = page_url
    for href in tree.xpath('//link[@rel="canonical"]/@href'):
        canonical = str(href).strip() or canonical
    return OutletMeta(title=_h1(tree), published=published, source_url=canonical)


def _astanatimes_meta(tree: Tree, page_url: str | None) -> OutletMeta:
    from qaznews.sources.html import structured_published

    return OutletMeta(title=_h1(tree), published=structured_published(tree))


READERS: tuple[OutletReader, ...] = (
    OutletReader(
        name="kt", hosts=("kt.kz",), site_name="Kazakhstan Today",
        article_url=re.compile(r"_\d{4,}/?$"), meta=_kt_meta,
        prune=('//*[contains(@class,"comments")]', '//*[contains(@class,"share")]',
               '//*[contains(@class,"news-tags")]'),
    ),
    OutletReader(
        name="qazinform", hosts=("inform.kz", "qazinform.com", "kazinform.kz"),
        site_name="Qazinform", article_url=re.compile(r"-[0-9a-f]{6}/?$"),
        meta=_qazinform_meta,
        prune=('//*[contains(@class,"article-share")]', '//*[contains(@class,"subscribe")]'),
    ),
    OutletReader(
        name="govkz", hosts=("gov.kz",), site_name="gov.kz",
        article_url=re.compile(r"/details/\d+"), meta=_govkz_meta,
        prune=('//*[contains(@class,"useful")]', '//*[contains(@class,"news-page__footer")]'),
    ),
    OutletReader(
        name="astanatimes", hosts=("astanatimes.com",), site_name="The Astana Times",
        article_url=re.compile(r"/\d{4}/\d{2}/[^/]+/?$"), meta=_astanatimes_meta,
        prune=('//*[contains(@class,"code-block")]', '//*[contains(@class,"sharing")]',
               '//*[contains(@class,"newsletter")]'),
    ),
)


def reader_for(url: str | None) -> OutletReader | None:
    """The reader of the outlet whose host (or a subdomain of it) serves this URL."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    for reader in READERS:
        if any(host == h or host.endswith("." + h) for h in reader.hosts):
            return reader
    return None
