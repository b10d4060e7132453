"""Page debris: lines that belong to the page, not to any article.

Two sources of knowledge, because neither is enough alone:

1. *Kinds* of debris every news site has, written as patterns in the languages we
   read (image credits, share buttons, copyright notices, related-news and
   most-viewed headers, live-TV banners, subscription calls). A new site's
   "Photo: ..." line goes without anyone listing that site.
2. The page itself: a short line that repeats between many items of one capture
   is furniture, whatever it says (see :class:`DebrisLearner`).
"""

from __future__ import annotations

import re
from functools import lru_cache

_CREDIT_WORDS = (
    r"images?|photos?|foto|фото|фотосурет|сурет|suret|surettі|suretter|illustration|"
    r"иллюстрация|video|видео|source of photo|photo credit"
)
_CREDIT = re.compile(rf"^(?:{_CREDIT_WORDS})\s*[|:/©–—-]\s*\S.{{0,80}}$", re.I)
_SHARE = re.compile(
    r"^(?:tell a friend|share|share this|send to a friend|print|print version|"
    r"поделиться|отправить другу|печать|версия для печати|бөлісу|bólisý|bölisu|"
    r"досыңызға жіберу)[.!:]?$",
    re.I,
)
#: Copyright and re-use notices, by phrases every such notice holds (matched in the
#: case-folded line). Plain phrases are tested as substrings; phrases with a gap are
#: patterns, each tried only when its leading word is there.
_COPYRIGHT_PHRASES = (
    "©", "may not be reproduced", "all rights reserved", "все права защищены",
    "барлық құқықтар қорғалған", "barlyq quqyqtar", "permitted only with",
    "hyperlink to", "гиперссылк", "материалды пайдалан",
)
_COPYRIGHT_PATTERNS = (
    ("материал", re.compile(r"при (?:полном или частичном )?(?:использовании|копировании) "
                            r"материалов")),
    ("ссылка", re.compile(r"ссылка на .{1,60} обязательна")),
    ("material", re.compile(r"(?:use|reproduction|reprint) of (?:this|the|our) materials?")),
    # "Copyright ..." opening a line, not the word inside a headline about copyright law.
    ("copyright", re.compile(r"^copyright\b|copyright of materials")),
)
_SECTION_HEADERS = re.compile(
    r"^(?:relevant news|related news|related|read also|see also|read more|more news|"
    r"latest news|other news|top news|news|новости|"
    r"читайте также|похожие новости|другие новости|последние новости|по теме|"
    r"тақырыпқа қатысты|оқи отырыңыз|соңғы жаңалықтар|басқа жаңалықтар|"
    r"oqı otyryńyz|oqy otyrynyz|taqyrypqa qatysty|sońǵy jańalyqtar)[.:]?$",
    re.I,
)
#: Headers of listing blocks whose entries are links, not articles.
_LISTING_HEADERS = re.compile(
    r"^(?:most viewed|most read|most popular|popular|popular news|trending|"
    r"самое читаемое|самое популярное|популярное|популярные новости|"
    r"көп оқылған(?:дар)?|ең көп оқылған|kóp oqylǵan(?:dar)?|kop oqylgan)[.:]?$",
    re.I,
)
_BANNERS = re.compile(
    r"^(?:интернет[- ]телевидение|прямой эфир|онлайн[- ]трансляция|тікелей эфир|"
    r"tikelei efir|watch live|live tv|live)$",
    re.I,
)
_CALLS = re.compile(
    r"^(?:subscribe|follow us|join (?:us|our)|подписывайтесь|подпишитесь|"
    r"жазылыңыз|jazylyńyz)\b.{0,120}$",
    re.I,
)

#: Debris is short: a line longer than this is text, whatever it contains.
MAX_DEBRIS_CHARS = 200


def is_listing_header(line: str) -> bool:
    return bool(_LISTING_HEADERS.match(line.strip()))


def is_known_debris(line: str) -> bool:
    """True for a line of a known debris kind, in any of the languages we read."""
    text = line.strip()
    if not text or len(text) > MAX_DEBRIS_CHARS:
        return False
    return _known_debris(text)


#: Every phrase and leading word above: a line holding none of them (nearly every line) is
#: ruled out by substring tests, which scan at C speed where one regex alternation of them
#: tries every position; an ASCII line needs only the ASCII ones.
_COPYRIGHT_HINTS = (*_COPYRIGHT_PHRASES, *(word for word, _ in _COPYRIGHT_PATTERNS))
_ASCII_COPYRIGHT_HINTS = tuple(hint for hint in _COPYRIGHT_HINTS if hint.isascii())


def _is_copyright_notice(folded: str) -> bool:
    for hint in _ASCII_COPYRIGHT_HINTS if folded.isascii() else _COPYRIGHT_HINTS:
        if hint in folded:
            break
    else:
        return False
    if any(phrase in folded for phrase in _COPYRIGHT_PHRASES):
        return True
    return any(word in folded and pattern.search(folded) for word, pattern in _COPYRIGHT_PATTERNS)


def _fold(text: str) -> str:
    """Case folded, the Kazakh Latin dotless ı included (written "i" as often as "ı")."""
    return text.casefold().replace("ı", "i")


#: The anchored kinds in one pattern, matched against the folded line: one scan per line
#: instead of one per kind, and without re.I, which would keep the engine from rejecting
#: a kind on its first letter (a quarter of the time on lines that are no debris).
_ANCHORED_KINDS = re.compile(
    # The sources are lower case already; only their ı must become i, as in folded lines.
    "|".join(f"(?:{p.pattern.replace('ı', 'i')})" for p in (
        _CREDIT, _SHARE, _SECTION_HEADERS, _LISTING_HEADERS, _BANNERS, _CALLS))
)


@lru_cache(maxsize=2048)  # debris repeats line for line across a capture: decide once
def _known_debris(text: str) -> bool:
    folded = _fold(text)
    return bool(
        _ANCHORED_KINDS.match(folded)
        # A channel's name shouted in capitals before LIVE is a player banner.
        or (text.isupper() and text.endswith(" LIVE") and len(text) < 60)
        or _is_copyright_notice(folded)
    )


def debris_key(line: str) -> str:
    return " ".join(line.split()).casefold()


class DebrisLearner:
    """Learns a capture's own furniture: short lines repeated across many of its items.

    A line counts as learned debris when it is at most ``max_words`` words, occurs in
    at least ``min_repeats`` different items, and in at least ``min_item_share`` of
    all items of the capture. Article paragraphs repeat only when a whole article
    repeats, and then in few items, which these two floors keep apart.
    """

    def __init__(self, *, min_repeats: int = 3, min_item_share: float = 0.3,
                 max_words: int = 30, max_tracked: int = 200_000) -> None:
        self.min_repeats = min_repeats
        self.min_item_share = min_item_share
        self.max_words = max_words
        self.max_tracked = max_tracked
        self._items_with_line: dict[str, int] = {}
        self._seen_in_item: set[str] = set()
        self._most_items = 0  # the highest count so far: below the floor, nothing is debris
        self.items = 0

    def start_item(self) -> None:
        self.items += 1
        self._seen_in_item.clear()

    def observe(self, line: str) -> None:
        if len(line) > MAX_DEBRIS_CHARS:
            return
        words = line.split()
        if len(words) > self.max_words:
            return
        key = " ".join(words).casefold()
        if not key or key in self._seen_in_item:
            return
        self._seen_in_item.add(key)
        counts = self._items_with_line
        count = counts.get(key, 0)
        # Bounded memory on gigantic captures: stop admitting new lines, keep counting known.
        if count or len(counts) < self.max_tracked:
            counts[key] = count + 1
            if count + 1 > self._most_items:
                self._most_items = count + 1

    def learned(self) -> frozenset[str]:
        floor = self.floor()
        return frozenset(key for key, n in self._items_with_line.items() if n >= floor)

    def learned_flags(self, lines: list[str]) -> list[bool] | None:
        """For each line, whether it is debris by what has been observed so far; None when
        no line has been seen often enough yet (the usual case early in a capture)."""
        floor = self.floor()
        if self._most_items < floor:
            return None
        counts = self._items_with_line
        return [len(line) <= MAX_DEBRIS_CHARS and counts.get(debris_key(line), 0) >= floor
                for line in lines]

    def floor(self) -> float:
        """How many items a line must be seen in, now, to be debris."""
        return max(self.min_repeats, self.min_item_share * self.items)
