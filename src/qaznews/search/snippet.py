"""Snippets and highlights, computed on the original text (the index keeps no copy of it).

A word is marked when its index form (stemmed for the text's language, as the index
stems it) is one of the query's forms: "meetings" marks "meeting" and "Meetings". The
HTML variant is escaped and marks with ``<mark>``; the plain variant, for the terminal,
marks with « ».
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from qaznews.search.text import WORD, Mode, stem_word

#: Words in a snippet.
SNIPPET_WORDS = 32
#: Words shown before the first marked word of the snippet, when there are some.
SNIPPET_LEAD = 4
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Marked:
    """A piece of text with its marked words, as HTML and as plain text."""

    html: str
    text: str


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> Marked:
    html_parts: list[str] = []
    text_parts: list[str] = []
    at = start
    for left, right in spans:
        if right <= start or left >= end:
            continue
        between = _SPACE.sub(" ", text[at:left])
        html_parts.append(html.escape(between))
        text_parts.append(between)
        word = text[left:right]
        html_parts.append(f"<mark>{html.escape(word)}</mark>")
        text_parts.append(f"«{word}»")
        at = right
    rest = _SPACE.sub(" ", text[at:end])
    html_parts.append(html.escape(rest))
    text_parts.append(rest)
    return Marked("".join(html_parts), "".join(text_parts))


def _prepare(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def mark(text: str | None, forms: frozenset[str], mode: Mode) -> Marked:
    """The whole text with the words of the query marked (for titles)."""
    if not text:
        return Marked("", "")
    text = _prepare(text)
    spans = [m.span() for m in WORD.finditer(text) if stem_word(m.group(), mode) in forms]
    return _render(text, spans, 0, len(text))


def snippet(text: str | None, forms: frozenset[str], mode: Mode,
            size: int = SNIPPET_WORDS) -> Marked:
    """The passage of ``size`` words holding most marked words (the first such), marked."""
    if not text:
        return Marked("", "")
    text = _prepare(text).strip()
    found = list(WORD.finditer(text))
    if not found:
        return Marked(html.escape(text[:200]), text[:200])
    hits = [i for i, m in enumerate(found) if stem_word(m.group(), mode) in forms]
    first = 0
    if hits:
        best, best_count, right = hits[0], 0, 0
        for left_index, left in enumerate(hits):  # windows starting at a marked word
            while right < len(hits) and hits[right] < left + size:
                right += 1
            if right - left_index > best_count:
                best, best_count = left, right - left_index
        first = max(0, min(best - SNIPPET_LEAD, len(found) - size))
    last = min(len(found), first + size)
    start = 0 if first == 0 else found[first].start()
    end = len(text) if last == len(found) else found[last - 1].end()
    spans = [found[i].span() for i in hits if first <= i < last]
    out = _render(text, spans, start, end)
    before = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return Marked(before + out.html + after, before + out.text + after)
