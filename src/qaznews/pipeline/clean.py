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

_LOWER = "a-zà-ÿа-яёәғқңөұүһіı"
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

#: Candidates for a glued join, each pattern led by its rare character so the scan skips
#: plain letters fast (one pattern with both alternatives scans three times slower): a
#: sentence stop before a capital, or a comma, colon or semicolon before a capitalised
#: word ("gentlemen,It"). The callbacks check the character before.
_GLUED_STOP = re.compile(rf"[.!?…]+[»”\"’]?(?=[{_UPPER}])")
_GLUED_CLAUSE = re.compile(rf"[,;:](?=[{_UPPER}][{_LOWER}])")
#: "ministerial level ." : a stray space before closing punctuation.
_SPACE_BEFORE_STOP = re.compile(r" +(?=[.,;:!?](?:\s|$))")
_STRAY_SPACE_MARKS = (" .", " ,", " ;", " :", " !", " ?")
#: What is left of a paragraph break in a one-line body: white space holding a
#: non-breaking space (or four plain spaces) between a sentence end and a capital.
#: Elsewhere such a run is only a space ("importance of\u00a0 participation").
_LOST_PARAGRAPH = re.compile(
    rf"(?<=[.!?…»”\"])(?:[ \t]*\u00a0[ \t\u00a0]*| {{4,}})(?=[{_UPPER}\d\"“«])"
)
_MULTI_SPACE = re.compile(r" {2,}")
#: One pass of str.translate: invisible characters removed, every kind of space made plain.
_SPACE_AND_INVISIBLE = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None),
    **dict.fromkeys(map(ord, "\t\u00a0\u202f\u205f\u3000"), " "),
    **{code: " " for code in range(0x2000, 0x200B)},
}
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
#: Anything the translation above would change; translating costs ten times this search.
_ODD_SPACE_OR_INVISIBLE = re.compile(
    r"[\t\u00a0\u2000-\u200d\u202f\u205f\u3000\u2060\ufeff\u00ad]"
)

_CYRILLIC_TO_LATIN = str.maketrans("АВЕКМНОРСТХаеорсухіјѕԁ", "ABEKMHOPCTXaeopcyxijsd")
_LATIN_TO_CYRILLIC = str.maketrans("ABEKMHOPCTXaeopcyx", "АВЕКМНОРСТХаеорсух")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
#: Only a word mixing the two scripts needs the per-word look-alike repair.
_MIXED_SCRIPT = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")


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
    # Two quick scans (most paragraphs stop at the first) before the slower pair search.
    return bool(_CYRILLIC.search(text) and _LATIN.search(text) and _MIXED_SCRIPT.search(text))


def _unglue_stop(match: re.Match[str]) -> str:
    start = match.start()
    if start and match.string[start - 1] in _BEFORE_GLUED_STOP:
        return match.group(0) + " "
    return match.group(0)


def _unglue_clause(match: re.Match[str]) -> str:
    start = match.start()
    if start and match.string[start - 1] in _LOWER_CHARS:
        return match.group(0) + " "
    return match.group(0)


def repair_paragraph(text: str) -> str:
    """One paragraph with glued sentences split, look-alike letters fixed, spaces folded.

    Built for speed as well as care: every regex here either starts with a rare
    character or runs only after a cheap test says it may find something.
    """
    if _ODD_SPACE_OR_INVISIBLE.search(text):
        text = text.translate(_SPACE_AND_INVISIBLE)
    if _may_mix_scripts(text):
        text = _WORD.sub(_fix_homoglyphs, text)
    text = _GLUED_STOP.sub(_unglue_stop, text)
    text = _GLUED_CLAUSE.sub(_unglue_clause, text)
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    if any(mark in text for mark in _STRAY_SPACE_MARKS):
        text = _SPACE_BEFORE_STOP.sub(_drop_stray_space, text)
    return text.strip()


def _drop_stray_space(match: re.Match[str]) -> str:
    start = match.start()
    before = match.string[start - 1] if start else ""
    return "" if before in _LOWER_CHARS or before in _DIGITS else match.group(0)


def split_lost_paragraphs(line: str) -> list[str]:
    if "\u00a0" not in line and "    " not in line:
        return [line] if line.strip() else []
    return [part for part in _LOST_PARAGRAPH.split(line) if part.strip()]



def repair_body(lines: list[str]) -> str:
    """Body text from its raw lines: paragraphs recovered and repaired, joined by newlines."""
    paragraphs: list[str] = []
    for line in lines:
        for part in split_lost_paragraphs(unicodedata.normalize("NFC", line)):
            repaired = repair_paragraph(part)
            if repaired:
                paragraphs.append(repaired)
    return "\n".join(paragraphs)


def clean_title(title: str) -> str:
    """Titles are kept as written but for invisible characters and runs of spaces."""
    text = unicodedata.normalize("NFC", title)
    if _ODD_SPACE_OR_INVISIBLE.search(text):
        text = text.translate(_SPACE_AND_INVISIBLE)
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
