"""Repairing article text as re-publishing leaves it.

Re-published gov.kz releases lose their paragraph breaks (a run of non-breaking
spaces is all that is left of them) and the space after a full stop
("took place.During"); copy-pasted Cyrillic letters hide inside Latin words
("Аmbassador" with a Cyrillic А). These repairs only add spaces, split paragraphs
or swap look-alike letters: they never drop or reorder a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_UPPER = "A-ZÀ-ÞА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
    "абвгдежзийклмнопрстуфхцчшщъыьэюяёәғқңөұүһіı"
)
_DIGITS = frozenset("0123456789")
#: What may stand before a sentence stop that glues two sentences ("place.During",
#: "Jamal.”The", "годы».Депутаты"). An upper-case letter may not: initials
#: ("K.Torebayev") stay as written, and so do domains ("www.enpf.kz": lower-case after).
_BEFORE_GLUED_STOP = _LOWER_CHARS | _DIGITS | frozenset(")»”\"'’")
_UPPER_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ"
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁӘҒҚҢӨҰҮҺІ"
)
_STOPS = ".!?…"
_STRAY_SPACE_STOPS = ".!?"
_CLAUSE_MARKS = ",;:"
_CLOSING_QUOTES = frozenset("»”\"’")
_MARK_BYTES = tuple((mark, mark.encode()) for mark in _STOPS + _CLAUSE_MARKS)
#: For each stop and clause mark, where it may need an edit: not followed by a space or a
#: line end (perhaps glued), or following a space (perhaps stray).
_ODD_PLACES = {
    mark: re.compile(rf"{re.escape(mark)}(?:(?![ \n])|(?<= {re.escape(mark)}))")
    for mark in _STOPS + _CLAUSE_MARKS
}

#: What is left of a paragraph break in a one-line body: a run of white space holding a
#: non-breaking space (or of four plain spaces or more) between a sentence end and a
#: capital. Elsewhere such a run is only a space ("importance of\u00a0 participation").
_BEFORE_LOST_PARAGRAPH = frozenset(".!?…»”\"")
_AFTER_LOST_PARAGRAPH = frozenset(
    [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    + [chr(c) for c in range(ord("À"), ord("Þ") + 1)]
    + [chr(c) for c in range(ord("А"), ord("Я") + 1)]
    + list("ЁӘҒҚҢӨҰҮҺІ\"“«")
)
_BLANK_RUN_CHARS = frozenset(" \t\u00a0")
_MULTI_SPACE = re.compile(r" {2,}")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
#: Every kind of space other than the plain one (str.translate would do both jobs in one
#: pass, but with a mapping it runs ten times slower than these two substitutions).
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
#: The characters the two substitutions above change, tested one by one: 22 substring
#: tests cost half a regex scan.
_ODD_OR_INVISIBLE_CHARS = "\t\u00a0\u00ad\u202f\u205f\u3000\u2060\ufeff" + "".join(
    map(chr, range(0x2000, 0x200E))
)
#: Script classes of UTF-8 bytes: an ASCII letter becomes L, the lead byte of a Cyrillic
#: character (U+0400 to U+04FF) C, anything else a space; continuation bytes are dropped.
#: A Latin letter next to a Cyrillic one then shows as "LC" or "CL" in the translation.
_SCRIPT_CLASSES = bytes(
    ord("L") if chr(b).isascii() and chr(b).isalpha()
    else ord("C") if 0xD0 <= b <= 0xD3
    else ord(" ")
    for b in range(256)
)
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())

_CYRILLIC_TO_LATIN = str.maketrans("АВЕКМНОРСТХаеорсухіјѕԁ", "ABEKMHOPCTXaeopcyxijsd")
_LATIN_TO_CYRILLIC = str.maketrans("ABEKMHOPCTXaeopcyx", "АВЕКМНОРСТХаеорсух")
_WORD = re.compile(r"[^\W\d_]+")

def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _fix_homoglyphs(match: re.Match[str]) -> str:
    word = match.group(0)
    cyrillic = sum(1 for ch in word if _is_cyrillic(ch))
    latin = sum(1 for ch in word if ch.isascii())
    if not cyrillic or not latin:
        return word
    if latin > cyrillic:
        return word.translate(_CYRILLIC_TO_LATIN)
    if cyrillic > latin:
        return word.translate(_LATIN_TO_CYRILLIC)
    return word


def _may_mix_scripts(text: str) -> bool:
    """Whether a Latin letter stands next to a Cyrillic one somewhere in ``text``."""
    return not text.isascii() and _utf8_mixes_scripts(text.encode("utf-8", "surrogatepass"))


def _utf8_mixes_scripts(data: bytes) -> bool:
    """:func:`_may_mix_scripts` on the text's UTF-8 bytes.

    Most texts hold no Cyrillic (the lead bytes D0 to D3 are absent) or no ASCII letter,
    which C-speed byte scans tell; the rest go through one ``bytes.translate`` that shows
    a Latin letter next to a Cyrillic one as "LC" or "CL". A tenth of the cost of a regex
    scan.
    """
    if not (b"\xd0" in data or b"\xd1" in data or b"\xd2" in data or b"\xd3" in data):
        return False
    if not data.translate(None, _NOT_ASCII_LETTERS):
        return False
    classes = data.translate(_SCRIPT_CLASSES, _CONTINUATION_BYTES)
    return b"LC" in classes or b"CL" in classes


def _unglue(text: str, present: str | None = None) -> str:
    """Put the missing space into glued joins: a sentence stop (with its closing quote)
    before a capital, after a lower-case letter, digit or closing mark ("place.During",
    "Jamal.”The"); a comma, colon or semicolon between a lower-case letter and a
    capitalised word ("gentlemen,It"). Initials ("K.Torebayev") and domains stay.

    Only a mark that is followed by neither a space nor a line end, or that follows a
    space, can need an edit. One regex per mark, led by the mark itself (a literal, which
    the regex engine scans for at C speed), finds just those: the usual "word. Next"
    never reaches Python, which costs a tenth of visiting every stop with ``str.find``.
    ``present``, when given, holds the stops and marks that occur in ``text``.
    """
    if present is None:  # str's own scan for a rare mark is cheaper than the regex's
        present = "".join(mark for mark in _STOPS + _CLAUSE_MARKS if mark in text)
    length = len(text)
    edits: list[tuple[int, int]] = []  # (start, end): end == start inserts a space, else drops
    for stop in _STOPS:
        if stop not in present:
            continue
        run_end = 0  # a stop inside a run already looked at ("...") is not looked at again
        for found in _ODD_PLACES[stop].finditer(text):
            at = found.start()
            if at < run_end:
                continue
            end = at + 1
            while end < length and text[end] in _STOPS:
                end += 1
            run_end = end
            if at and end < length and text[at - 1] in _BEFORE_GLUED_STOP:
                after = end + 1 if text[end] in _CLOSING_QUOTES else end
                if after < length and text[after] in _UPPER_CHARS:
                    edits.append((after, after))
            if end == at + 1 and text[at - 1] == " " and stop in _STRAY_SPACE_STOPS:
                _stray_space(text, at, edits)
    for mark in _CLAUSE_MARKS:
        if mark not in present:
            continue
        for found in _ODD_PLACES[mark].finditer(text):
            at = found.start()
            if (at and at + 2 < length and text[at - 1] in _LOWER_CHARS
                    and text[at + 1] in _UPPER_CHARS and text[at + 2] in _LOWER_CHARS):
                edits.append((at + 1, at + 1))
            if text[at - 1] == " ":
                _stray_space(text, at, edits)
    return _apply_edits(text, edits) if edits else text


def _apply_edits(text: str, edits: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) edit made: a space inserted where start == end, the
    characters between them dropped otherwise."""
    parts: list[str] = []
    done = 0
    for start, end in sorted(edits):
        parts.append(text[done:start])
        if start == end:
            parts.append(" ")
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _stray_space(text: str, at: int, edits: list[tuple[int, int]]) -> None:
    """"ministerial level ." : spaces between a word and its closing stop, dropped when the
    stop ends the text or is followed by white space."""
    if not at or text[at - 1] != " ":
        return
    if at + 1 < len(text) and not text[at + 1].isspace():
        return
    start = at - 1
    while start and text[start - 1] == " ":
        start -= 1
    if start and (text[start - 1] in _LOWER_CHARS or text[start - 1] in _DIGITS):
        edits.append((start, at))


def repair_paragraph(text: str) -> str:
    """One paragraph with glued sentences split, look-alike letters fixed, spaces folded."""
    return _repair(text).strip()


def holds_any(text: str, needles: Iterable[str]) -> bool:
    """Whether ``text`` holds one of ``needles``: each a C-speed substring scan."""
    for needle in needles:  # noqa: SIM110 -- any() over a generator costs twice as much
        if needle in text:
            return True
    return False


def _utf8_holds_odd_spaces(data: bytes) -> bool:
    """Whether UTF-8 text holds one of ``_ODD_OR_INVISIBLE_CHARS``.

    On the bytes, the lead byte of each such character is looked for with memchr, far
    faster than a scan of the text for each of its 22 characters; only the lead byte
    E2, which general punctuation (dashes, quotes) shares with most of them, is looked
    at occurrence by occurrence.
    """
    if b"\t" in data:
        return True
    if b"\xc2" in data and (b"\xc2\xa0" in data or b"\xc2\xad" in data):  # U+00A0, U+00AD
        return True
    if (b"\xe3" in data and b"\xe3\x80\x80" in data) or (  # U+3000
            b"\xef" in data and b"\xef\xbb\xbf" in data):  # U+FEFF
        return True
    at = data.find(b"\xe2")
    while at >= 0:
        second, third = data[at + 1:at + 3]
        if (second == 0x80 and (third <= 0x8D or third == 0xAF)) or (  # U+2000-200D, U+202F
                second == 0x81 and third in (0x9F, 0xA0)):  # U+205F, U+2060
            return True
        at = data.find(b"\xe2", at + 3)
    return False


def _repair(text: str, *, spaced: bool = True) -> str:
    """The repairs, on one paragraph or on several joined by newlines (no repair crosses one).
    ``spaced=False`` tells that the text holds no two spaces in a row, as tested already.

    Built for speed as well as care: every regex here either starts with a rare
    character or runs only after a cheap test says it may find something, and a whole
    body goes through in one call.
    """
    # The UTF-8 bytes serve both byte-level tests below (none is needed on ASCII text).
    data = None if text.isascii() else text.encode("utf-8", "surrogatepass")
    cleaned = "\t" in text if data is None else _utf8_holds_odd_spaces(data)
    if cleaned:
        text = _ODD_SPACE.sub(" ", _INVISIBLE.sub("", text))
        data = None if text.isascii() else text.encode("utf-8", "surrogatepass")
    if data is not None and _utf8_mixes_scripts(data):
        text = _WORD.sub(_fix_homoglyphs, text)
    if (spaced or cleaned) and "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    if data is None:
        return _unglue(text)
    # Which stops and marks occur, by memchr on the bytes (none of the repairs above adds
    # or removes one): a scan of wide text for each would cost more.
    return _unglue(text, "".join([mark for mark, code in _MARK_BYTES if code in data]))


def split_lost_paragraphs(line: str) -> list[str]:
    """The paragraphs of a line whose paragraph breaks were flattened into white space."""
    if "\u00a0" not in line and "    " not in line:
        return [line] if line.strip() else []
    parts: list[str] = []
    done = 0
    for start, end in _lost_paragraph_breaks(line):
        parts.append(line[done:start])
        done = end
    parts.append(line[done:])
    return [part for part in parts if part.strip()]


def _lost_paragraph_breaks(line: str) -> list[tuple[int, int]]:
    """(start, end) of each white-space run that was a paragraph break.

    Each non-breaking space and each four spaces are found with ``str.find`` and widened
    to their whole run of spaces, tabs and non-breaking spaces; a regex would have to try
    every position of the line for the sentence end that opens such a run.
    """
    length = len(line)
    runs: set[tuple[int, int]] = set()
    for needle in ("\u00a0", "    "):
        at = line.find(needle)
        while at >= 0:
            start, end = at, at + len(needle)
            while start and line[start - 1] in _BLANK_RUN_CHARS:
                start -= 1
            while end < length and line[end] in _BLANK_RUN_CHARS:
                end += 1
            runs.add((start, end))
            at = line.find(needle, end)
    breaks = []
    for start, end in sorted(runs):
        if (start and end < length and line[start - 1] in _BEFORE_LOST_PARAGRAPH
                and (line[end] in _AFTER_LOST_PARAGRAPH or line[end].isdecimal())):
            run = line[start:end]
            # A run without a non-breaking space breaks only when it is all plain spaces.
            if "\u00a0" in run or "\t" not in run:
                breaks.append((start, end))
    return breaks


def repair_body(text: str) -> str:
    """Body text from its raw lines (joined by newlines): paragraphs recovered and repaired,
    stripped, empty ones dropped, joined by newlines."""
    spaced = "  " in text  # one test for the body, not one per line
    if "\u00a0" in text or (spaced and "    " in text):
        text = "\n".join(part for line in text.split("\n") for part in split_lost_paragraphs(line))
    repaired = _repair(unicodedata.normalize("NFC", text), spaced=spaced)
    if not _needs_strip(repaired):  # readers mostly hand over stripped, non-empty lines
        return repaired
    return "\n".join(p for p in (part.strip() for part in repaired.split("\n")) if p)


def _needs_strip(text: str) -> bool:
    """Whether a paragraph of ``text`` is empty or starts or ends with white space."""
    if not text or text[0].isspace() or text[-1].isspace():
        return True
    at = text.find("\n")
    while at >= 0:  # the text neither starts nor ends with "\n": both neighbours exist
        if text[at - 1].isspace() or text[at + 1].isspace():
            return True
        at = text.find("\n", at + 1)
    return False


def clean_title(title: str) -> str:
    """Titles are kept as written but for invisible characters and runs of spaces."""
    text = unicodedata.normalize("NFC", title)
    if "\t" in text or (not text.isascii() and holds_any(text, _ODD_OR_INVISIBLE_CHARS)):
        text = _ODD_SPACE.sub(" ", _INVISIBLE.sub("", text))
    return _MULTI_SPACE.sub(" ", text).strip() if "  " in text else text.strip()


def fold_for_comparison(text: str) -> str:
    """Text with look-alike letters unified and all white space removed.

    Used where two versions of one text must be compared whatever repairs split or
    joined them (the evaluation compares our body starts with gold written as captured).
    """
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    if _may_mix_scripts(text):
        text = _WORD.sub(_fix_homoglyphs, text)
    return "".join(text.split())
