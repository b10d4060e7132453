"""Snippets and highlights: the index's own, cut from the article's text, made safe.

FTS5's ``highlight()`` and ``snippet()`` read the article's title and body (the index's
external content, migration 7 of the store) and mark the tokens the query matched: the
index forms line up with the words of the text (:mod:`qaznews.search.tokens`), so a mark
falls on the very word matched, a phrase as one run. They mark with control characters
(:data:`OPEN`, :data:`CLOSE`, :data:`CUT` where the passage is cut); :func:`render` turns
that into escaped HTML marked with ``<mark>`` and plain text marked with « », with
white space folded. A control character of the same kind in the text itself can only
move a mark, never open a tag.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Tokens in a snippet (FTS5 allows at most 64).
SNIPPET_WORDS = 32
#: What the index puts around a matched word, and where a passage is cut.
OPEN, CLOSE, CUT = "\x02", "\x03", "\x04"
_PIECES = re.compile(f"([{OPEN}{CLOSE}])")
_MARKS = re.compile(f"[{OPEN}{CLOSE}]")
_PAIR = [OPEN, CLOSE]
#: Between the pieces :func:`render_pairs` renders together.
_SEP = "\x00"
#: Pieces joined by _SEP whose marks all come as the index puts them: open, close, ...
_PAIRED = re.compile(f"[^{OPEN}{CLOSE}]*(?:{OPEN}[^{OPEN}{CLOSE}{_SEP}]*{CLOSE}[^{OPEN}{CLOSE}]*)*")


@dataclass(frozen=True, slots=True)
class Marked:
    """A piece of text with its marked words, as HTML and as plain text."""

    html: str
    text: str


def render(marked: str | None) -> Marked:
    """Escaped HTML and plain text of a title or passage the index marked."""
    if not marked:
        return Marked("", "")
    text = " ".join(marked.split())
    before = "… " if text.startswith(CUT) else ""
    after = " …" if text.endswith(CUT) and len(text) > 1 else ""
    text = text.strip(CUT + " ").replace(CUT, " ")
    marks = _MARKS.findall(text)
    if marks == _PAIR * (len(marks) // 2):  # as the index marks: open, close, open...
        escaped = html.escape(text).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
        plain = text.replace(OPEN, "«").replace(CLOSE, "»")
        return Marked(before + escaped + after, before + plain + after)
    # A text holding the marks' own characters: pair them up, so no tag is left open.
    html_parts: list[str] = [before]
    text_parts: list[str] = [before]
    inside = False
    for piece in _PIECES.split(text):
        if piece in (OPEN, CLOSE):
            if (piece == OPEN) != inside:
                inside = not inside
                html_parts.append("<mark>" if inside else "</mark>")
                text_parts.append("«" if inside else "»")
        elif piece:
            html_parts.append(html.escape(piece))
            text_parts.append(piece)
    if inside:
        html_parts.append("</mark>")
        text_parts.append("»")
    html_parts.append(after)
    text_parts.append(after)
    return Marked("".join(html_parts), "".join(text_parts))


def render_pairs(pieces: Sequence[str | None]) -> list[tuple[str, str]]:
    """(html, text) of :func:`render` of each piece, worked out on all of them joined:
    white space folded, the cuts at their ends written as …, escaped and marked at
    once; pieces the index did not mark as it does (a text holding the marks' own
    characters) and cuts not at a piece's ends are rendered one by one."""
    texts = [piece or "" for piece in pieces]
    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1 or not _PAIRED.fullmatch(joined):
        return [(marked.html, marked.text) for marked in map(render, pieces)]
    # Folded, with a separator at both ends and no space next to one.
    whole = (_SEP + " ".join(joined.split()) + _SEP).replace(
        _SEP + " ", _SEP).replace(" " + _SEP, _SEP)
    if CUT in whole:
        whole = whole.replace(_SEP + CUT + " ", _SEP + CUT).replace(" " + CUT + _SEP, CUT + _SEP)
        if (_SEP + CUT + _SEP in whole or whole.count(CUT) != whole.count(_SEP + CUT)
                + whole.count(CUT + _SEP)):
            return [(marked.html, marked.text) for marked in map(render, pieces)]
        whole = whole.replace(_SEP + CUT, _SEP + "… ").replace(CUT + _SEP, " …" + _SEP)
    whole = whole[1:-1]
    escaped = html.escape(whole).replace(OPEN, "<mark>").replace(CLOSE, "</mark>").split(_SEP)
    plain = whole.replace(OPEN, "«").replace(CLOSE, "»").split(_SEP)
    return list(zip(escaped, plain, strict=True))
