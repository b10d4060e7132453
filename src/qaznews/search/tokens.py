"""Words as the index's tokenizer cuts them, so that our words and its tokens line up.

The full-text index (``articles_search``) is given stemmed text, one index form per word,
while its snippets and highlights are cut from the article's own text by its tokenizer
(FTS5's ``unicode61 remove_diacritics 2``): a highlight lands on the right word only if
the N-th word we stemmed is the N-th token the tokenizer reads in the original. So our
words are its tokens: runs of the characters it does not separate words with, less the
runs it drops (diacritics standing alone).

Which characters those are is not Python's idea of a word character: unicode61 follows
Unicode 6.1 and reads private-use characters and every character assigned since (an
emoji, the Turkish lira sign) as parts of words, and diacritics as parts of the word
they follow (one standing first is dropped). The table is read
from SQLite itself by :func:`probe` and kept in ``data/unicode61.txt``; the tests probe the
running SQLite again and compare.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

#: Python's word characters: the tokens wherever unicode61 reads the text the same way.
_WORD = re.compile(r"[^\W_]+")
#: The tokenizer these words follow (the index's, migration 7 of the store).
TOKENIZER = "unicode61 remove_diacritics 2"
TABLE_FILE = "unicode61.txt"
_KINDS = ("separator", "vanishing")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[int, int], ...]]:
    found: dict[str, list[tuple[int, int]]] = {kind: [] for kind in _KINDS}
    text = (files("qaznews") / "data" / TABLE_FILE).read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, first, last = line.split()
        found[kind].append((int(first, 16), int(last, 16)))
    return {kind: tuple(ranges) for kind, ranges in found.items()}


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A token, a run of separators, a character that starts a token. A diacritic (the
    "vanishing" characters) goes on a token but cannot start one: alone, it is dropped."""
    table = _table()
    separators, vanishing = _char_class(table["separator"]), _char_class(table["vanishing"])
    return (re.compile(f"[^{separators}{vanishing}][^{separators}]*"),
            re.compile(f"[{separators}]+"), re.compile(f"[^{separators}{vanishing}]"))


@lru_cache(maxsize=1)
def _odd() -> re.Pattern[str]:
    """A character unicode61 does not read as we do: of the Basic Multilingual Plane,
    those it calls a word character when Python's ``str.isalnum`` does not (or the
    other way round) and those it drops; and any character beyond that plane."""
    separators = {p for a, b in _table()["separator"] for p in range(a, b + 1)}
    vanishing = {p for a, b in _table()["vanishing"] for p in range(a, b + 1)}
    odd = [p for p in range(0x10000) if not 0xD800 <= p < 0xE000
           and (p in vanishing or chr(p).isalnum() == (p in separators))]
    # Two classes: one of the plane alone is a bitmap, tested in constant time.
    return re.compile(f"[{_char_class(tuple(_ranges(odd)))}]|[\U00010000-\U0010ffff]")


def _plain(text: str) -> bool:
    """Whether our usual words (Python's word characters) are its tokens here."""
    return text.isascii() or _odd().search(text) is None


def tokens(text: str) -> list[str]:
    """The tokens unicode61 indexes in ``text``, as written, in order."""
    if _plain(text):
        return _WORD.findall(text)
    return _patterns()[0].findall(text)


def vanishes(text: str) -> bool:
    """Whether unicode61 reads no token in ``text`` (nothing but separators and
    diacritics)."""
    return _patterns()[2].search(text) is None


def one_token(form: str, fallback: str) -> str:
    """``form`` with the separators unicode61 would cut it at taken out (NFKD makes "1⁄2"
    of "½"); ``fallback`` (a token) when nothing of it is left."""
    if not form.isascii() or not form.isalnum():
        form = _patterns()[1].sub("", form)
    return fallback if not form or vanishes(form) else form


def probe(points: Sequence[int] | None = None) -> dict[str, list[tuple[int, int]]]:
    """Ask SQLite's unicode61 which characters separate words and which vanish alone:
    every code point is indexed between two letters ("a{c}b": one token or two), then
    alone between spaces ("a {c} b": three tokens, or two when it folds to nothing).
    NUL, which SQL text cannot hold whole, is a separator. ``points``: these code points
    only (default: all)."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='{TOKENIZER}')")
    if points is None:
        points = range(0x110000)
    found: dict[str, list[int]] = {"separator": [0] if 0 in points else [], "vanishing": []}
    points = [p for p in points if p and not 0xD800 <= p < 0xE000]
    for kind, template, alone in (("separator", "a{}b", 1), ("vanishing", "a {} b", 3)):
        if kind == "vanishing":
            separators = set(found["separator"])
            points = [p for p in points if p not in separators]
        for start in range(0, len(points), 50_000):
            chunk = points[start:start + 50_000]
            conn.executemany("INSERT INTO probe (rowid, x) VALUES (?, ?)",
                             [(p, template.format(chr(p))) for p in chunk])
            found[kind] += [int(r[0]) for r in conn.execute(
                "SELECT id FROM probe_docsize WHERE id BETWEEN ? AND ? AND sz <> ?",
                (chunk[0], chunk[-1], bytes([alone])))]
            conn.execute("DELETE FROM probe")
    conn.close()
    return {kind: _ranges(sorted(points)) for kind, points in found.items()}


def _ranges(points: list[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return [(a, b) for a, b in ranges]


def write_table(path: str) -> None:
    """Probe the running SQLite and write the table to ``path``."""
    found = probe()
    lines = ["# The unicode61 tokenizer of SQLite's FTS5 (remove_diacritics 2), read from SQLite",
             "# by qaznews.search.tokens.probe(): code point ranges (hex) of the characters it",
             "# separates words with, and of those it drops when they stand alone.",
             "# Regenerate: python -c 'from qaznews.search.tokens import write_table;"
             " write_table(\"src/qaznews/data/unicode61.txt\")'"]
    for kind in _KINDS:
        lines += [f"{kind} {a:x} {b:x}" for a, b in found[kind]]
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")

