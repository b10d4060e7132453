"""Search text: words cut, stemmed per language, lower-cased and folded.

The full-text index (``articles_search``, migrations 4 and 7 of the store) holds no copy of
the articles: its triggers hand each title and body to :func:`search_text`, registered on
every store connection as the SQL function ``qaznews_search_text(text, language)``, and
the index keeps the stems it returns. A query's words go through the same
:func:`stem_word`, so both sides always agree.

How a word is stemmed:

* in an article in Kazakh (``kk``): :func:`kazakh_stem`, our own suffix folding for the
  Cyrillic and the Latin script (case, possessive and plural endings, below);
* otherwise, by the word's script: a Latin word with the English snowball stemmer, a
  Cyrillic word with the Russian one (an English article quoting a Russian name, a
  ``mixed`` article or one of unknown language are stemmed word by word this way);
* digits and other scripts: kept as they are.

Then lower-cased and folded: accents and other combining marks dropped (``é`` → ``e``,
``й`` → ``и``, ``ё`` → ``е``), the Kazakh Latin letters to their base (``ı`` → ``i``,
``ş`` → ``s``, ``ğ`` → ``g``).

The words are the tokens the index's tokenizer reads in the same text
(:mod:`qaznews.search.tokens`), and each word gives exactly one index form, a single
token too: the N-th index form is the N-th word of the article, which is how the index's
snippets and highlights, cut from the article's own text, mark the words matched.

The index depends on this output: a change to it needs a migration that rebuilds the
index (``INSERT INTO articles_search(articles_search) VALUES ('delete-all')`` then the
articles again), because deleting an entry from the index means handing it the very
words it was given. Bump :data:`SEARCH_TEXT_VERSION` with such a change.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from functools import lru_cache

import Stemmer

from qaznews.search.tokens import one_token, tokens

#: Version of the words :func:`search_text` produces (see the module docstring). 2: the
#: index's tokens, one index form each.
SEARCH_TEXT_VERSION = 2
#: The SQL function the index triggers call.
SQL_FUNCTION = "qaznews_search_text"

_COMBINING = re.compile(r"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")
_LATIN = re.compile(r"[a-z\u00c0-\u024f]", re.IGNORECASE)
#: Letters NFKD leaves alone that we fold all the same.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae",
                       "œ": "oe", "ħ": "h"})

# -- Kazakh suffix folding ------------------------------------------------------------------
#
# A Kazakh noun is stem + plural + possessive + case ("кездесу-лер-і-нде": in their
# meetings). We strip at most one ending of each kind, outermost first (case, possessive,
# plural), the longest that leaves a stem of at least KAZAKH_MIN_STEM letters. Endings of
# one letter that are also common word ends (dative -а/-е, possessive -м/-ң) are not
# stripped on their own. This folds the forms of one word together; it does not find the
# dictionary form, and it may fold two words into one (search then finds both).

#: Shortest stem left after stripping (letters).
KAZAKH_MIN_STEM = 3

_KK_CYRILLIC: tuple[tuple[str, ...], ...] = (
    # case: genitive, accusative, dative, locative, ablative, instrumental, -дағы
    ("ның", "нің", "дың", "дің", "тың", "тің", "ны", "ні", "ды", "ді", "ты", "ті",
     "ға", "ге", "қа", "ке", "на", "не", "да", "де", "та", "те", "нда", "нде",
     "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "менен",
     "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі", "ын", "ін", "н"),
    # possessive: 1st/2nd person plural and polite, 1st/2nd singular, 3rd person
    ("ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "ым", "ім", "ың", "ің",
     "сы", "сі", "ы", "і"),
    # plural
    ("лар", "лер", "дар", "дер", "тар", "тер"),
)
# The Latin script, after folding: ы is "y" (2018 alphabet) or "ı" → "i" (2021), і is "i",
# қ is "q", ғ "g", ң "n" (ñ, ń folded).
_KK_LATIN: tuple[tuple[str, ...], ...] = (
    ("nin", "nyn", "din", "dyn", "tin", "tyn", "ni", "ny", "di", "dy", "ti", "ty",
     "ga", "ge", "qa", "qe", "ka", "ke", "na", "ne", "da", "de", "ta", "te", "nda", "nde",
     "dan", "den", "tan", "ten", "nan", "nen", "men", "ben", "pen", "menen",
     "dagy", "dagi", "degi", "tagy", "tagi", "tegi", "ndagy", "ndagi", "ndegi",
     "yn", "in", "n"),
    ("imiz", "ymyz", "myz", "miz", "iniz", "ynyz", "nyz", "niz", "im", "ym", "in", "yn",
     "sy", "si", "y", "i"),
    ("lar", "ler", "dar", "der", "tar", "ter"),
)
#: A lone "н" (accusative after a possessive: кездесу-і-н) only after these.
_AFTER_N = ("ы", "і", "y", "i")


def _by_length(groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(sorted(set(group), key=len, reverse=True)) for group in groups)


_KK_CYRILLIC = _by_length(_KK_CYRILLIC)
_KK_LATIN = _by_length(_KK_LATIN)


def kazakh_stem(word: str) -> str:
    """A Kazakh word (lower case; Cyrillic, or Latin already folded) without its endings."""
    groups = _KK_CYRILLIC if _CYRILLIC.search(word) else _KK_LATIN
    for group in groups:
        for suffix in group:
            if not word.endswith(suffix) or len(word) - len(suffix) < KAZAKH_MIN_STEM:
                continue
            if suffix in ("н", "n") and not word[:-1].endswith(_AFTER_N):
                continue
            word = word[:-len(suffix)]
            break
    return word


# -- stemmers -------------------------------------------------------------------------------

_local = threading.local()


def _stemmer(name: str) -> Stemmer.Stemmer:
    """One stemmer per thread and language (a stemmer object is not safe across threads)."""
    stemmers: dict[str, Stemmer.Stemmer] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    found = stemmers.get(name)
    if found is None:
        found = stemmers[name] = Stemmer.Stemmer(name)
    return found


def fold(text: str) -> str:
    """Lower case without accents or other combining marks."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return _COMBINING.sub("", text)


#: How a word is stemmed: "kk" (Kazakh rules) or "script" (English or Russian by script).
Mode = str


@lru_cache(maxsize=1 << 17)
def stem_word(word: str, mode: Mode) -> str:
    """One word's index form (see the module docstring): a single token of the index's
    tokenizer, never empty (``word`` is one of its tokens)."""
    lower = (word if word.isascii() else unicodedata.normalize("NFC", word)).lower()
    if mode == "kk":
        cyrillic = _CYRILLIC.search(lower)
        form = fold(kazakh_stem(lower)) if cyrillic else kazakh_stem(fold(lower))
    elif _CYRILLIC.search(lower):
        form = fold(_stemmer("russian").stemWord(lower))
    elif _LATIN.search(lower):
        form = fold(_stemmer("english").stemWord(fold(lower)))
    else:
        form = fold(lower)
    return one_token(form, word)


def mode_of(language: str | None) -> Mode:
    """The stemming mode of an article in this language."""
    return "kk" if language == "kk" else "script"


#: Every mode a query word is stemmed with.
QUERY_MODES: tuple[Mode, ...] = ("script", "kk")


def search_text(text: str | None, language: str | None) -> str:
    """The index form of a text: its words stemmed for its language, space-separated."""
    if not text:
        return ""
    mode = mode_of(language)
    return " ".join(stem_word(word, mode) for word in tokens(text))


def query_variants(word: str) -> list[str]:
    """A query word's index forms under every stemming mode (distinct, first mode first)."""
    return list(dict.fromkeys(stem_word(word, mode) for mode in QUERY_MODES))


def register_functions(conn: sqlite3.Connection) -> None:
    """Make the index triggers work on this connection (every writer needs it)."""
    conn.create_function(SQL_FUNCTION, 2, search_text, deterministic=True)
