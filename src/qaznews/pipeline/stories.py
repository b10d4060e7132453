"""One story, however many outlets carried it: the pure part of story clustering.

Everything here is a function of one article or of one pair of articles, never of
the rest of the store. That is what makes stories independent of the order in which
articles arrive: a pair is linked or not by :func:`relate` alone, and a story is a
connected component of those links, so incremental ingestion and a rebuild from
scratch give the same stories (the store module does the I/O around this).

Three tests, cheapest first:

* **exact**: the same words once case, punctuation and white space are ignored
  (a hash of the normalised text);
* **near**: word 3-shingles with a MinHash signature (datasketch); candidates come
  from LSH bands, and a pair is near when the estimated Jaccard similarity, or the
  containment of the shorter text in the longer, is high;
* **rewrite**: the same event in other words, only for articles published within a
  few days of each other. Evidence is weighed: shared names (compared through a
  transliterated consonant skeleton, so "Ашикбаев" meets "Ashikbayev"), shared
  numbers, and, within one language, word cosine similarity. Generic words of the
  field (ministry, region, Kazakhstan...) are not evidence. Two meetings of one
  minister on one day share the minister but not the counterpart, and stay apart.

Term weights are fixed, not learned from the store: corpus-wide IDF would change as
articles arrive and make stories depend on ingestion order.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import mmh3
import numpy as np

from qaznews.model import Article, Published, Relation

#: Version of the features below; stored features of another version are recomputed.
FEATURES_VERSION = "4"

_WORD = re.compile(r"\w+")
#: A number, its digit groups separated by spaces, commas or dots ("4 800", "4,800",
#: "1 200 000"), with a decimal part or not ("1,5", "12.5").
_NUMBER = re.compile(r"\b(?:\d{1,3}(?:[ \u00a0\u202f.,]\d{3}(?!\d))+|\d+)(?:[.,]\d+)?\b")
_GROUP_SEPARATOR = re.compile(r"[ \u00a0\u202f.,](?=\d{3}(?!\d))")
_CAPITALISED = re.compile(r"[A-ZÀ-ÞŞĞŪÑА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]*")
#: Stretches of digits and separators; :data:`_NUMBER` then reads the numbers in each
#: (scanning a whole text with it directly is four times slower).
_DIGIT_STRETCH = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")
#: What may stand between a sentence stop (or line break) and the word opening the sentence.
_BEFORE_OPENER = " \t\u00a0«\"“("


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Tunables of story detection; each comes from a setting of the same name."""

    num_perm: int = 128
    shingle_words: int = 3
    lsh_threshold: float = 0.4
    near_jaccard: float = 0.5
    near_containment: float = 0.8
    near_max_conflict: float = 0.2
    min_words: int = 12
    rewrite_days: int = 2
    rewrite_min_shared: int = 3
    rewrite_overlap: float = 0.6
    rewrite_cosine: float = 0.3
    rewrite_max_conflict: float = 0.3
    cross_language_min_shared: int = 4

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> StoryParams:
        return cls(
            num_perm=int(settings["story_num_perm"]),
            shingle_words=int(settings["story_shingle_words"]),
            lsh_threshold=float(settings["story_lsh_threshold"]),
            near_jaccard=float(settings["story_near_jaccard"]),
            near_containment=float(settings["story_near_containment"]),
            near_max_conflict=float(settings["story_near_max_conflict"]),
            min_words=int(settings["story_min_words"]),
            rewrite_days=int(settings["story_rewrite_days"]),
            rewrite_min_shared=int(settings["story_rewrite_min_shared"]),
            rewrite_overlap=float(settings["story_rewrite_overlap"]),
            rewrite_cosine=float(settings["story_rewrite_cosine"]),
            rewrite_max_conflict=float(settings["story_rewrite_max_conflict"]),
            cross_language_min_shared=int(settings["story_cross_language_min_shared"]),
        )

    def signature_key(self) -> str:
        """What stored signatures depend on: other values make them incomparable."""
        return f"{FEATURES_VERSION}:{self.num_perm}:{self.shingle_words}"


@dataclass(slots=True)
class StoryFeatures:
    """What story detection knows of one article."""

    article_id: str
    #: Hash of the normalised words; None when the text is too short to compare.
    text_hash: str | None
    #: MinHash values of the word shingles (uint64), or None for a short text.
    signature: np.ndarray[Any, np.dtype[np.uint64]] | None
    shingles: int
    words: int
    #: Publication day as an ordinal (``date.toordinal()``), or None.
    day: int | None
    language: str | None
    #: Names (as transliterated skeletons, prefixed "n:") and numbers ("#:").
    terms: frozenset[str]
    #: Where the compared words come from, kept until the word stems are first asked for:
    #: the words themselves, or a function that reads them.
    words_compared: Sequence[str] | Callable[[], Sequence[str]] = ()
    _stems: Counter[str] | None = None
    #: LSH band keys of the signature, once computed.
    band_keys: list[int] | None = None
    #: The store's number for the article in its term index (set when stored).
    number: int | None = None

    @property
    def stems(self) -> Counter[str]:
        """Word-stem counts for cosine similarity, computed when a pair first needs them
        (few pairs get that far)."""
        if self._stems is None:
            source = self.words_compared
            self._stems = word_stems(source() if callable(source) else source)
            self.words_compared = ()
        return self._stems


# -- text -------------------------------------------------------------------------

def comparison_words(text: str) -> list[str]:
    """Words of ``text``, case- and accent-folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


def comparison_text(article: Article, min_words: int) -> list[str]:
    """The words compared: the body, or title and body when the body is a few words."""
    words = comparison_words(article.body)
    if len(words) >= min_words:
        return words
    return comparison_words(article.title or "") + words


def text_hash(words: Sequence[str]) -> str:
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def shingles(words: Sequence[str], size: int) -> set[bytes]:
    """The word shingles of a text, as text (for reading and tests; hashing uses
    :func:`shingle_hashes`)."""
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


_WORD_HASHES: dict[str, int] = {}


def _word_hash(word: str) -> int:
    found = _WORD_HASHES.get(word)
    if found is None:
        if len(_WORD_HASHES) > 200_000:  # bounded: a long run meets many rare words
            _WORD_HASHES.clear()
        found = _WORD_HASHES[word] = mmh3.hash(word, signed=False)
    return found


def shingle_hashes(words: Sequence[str], size: int) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """Distinct 32-bit hashes of the word shingles, sorted.

    Each word is hashed once (MurmurHash3) and a shingle's hash mixes the hashes of its
    words, all shingles at once in numpy: five times faster than hashing every
    shingle's text, and the same set of shingles gives the same values.
    """
    hashes = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    count = max(1, len(words) - size + 1)
    mixed = np.zeros(count, dtype=np.uint64)
    for position in range(min(size, len(words))):
        mixed += hashes[position:position + count] * _SHINGLE_MULTIPLIERS[position % 16]
    mixed ^= mixed >> np.uint64(29)
    mixed *= _SHINGLE_MULTIPLIERS[-1]
    mixed ^= mixed >> np.uint64(32)
    return np.unique(mixed & np.uint64(0xFFFFFFFF))


@lru_cache(maxsize=1)
def _datasketch() -> Any:
    """datasketch, imported on first use: it loads scipy (half a second, 60 MB), which
    commands that never link stories (parse, search, serve) should not pay for."""
    import datasketch

    return datasketch


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    """The seed-1 permutations, drawn once: drawing them costs as much as hashing a text."""
    return _datasketch().MinHash(num_perm=num_perm, seed=1).permutations


def signature_of(hashes: np.ndarray[Any, Any], num_perm: int) -> np.ndarray[Any, Any]:
    """MinHash signature (datasketch) of shingles given as their 32-bit hashes."""
    minhash = _datasketch().MinHash(num_perm=num_perm, seed=1,
                                    permutations=_permutations(num_perm),
                                    scheme="affine32", hashfunc=int)
    minhash.update_batch(hashes.tolist())
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


@lru_cache(maxsize=8)
def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) datasketch picks for this threshold, weighing misses and false hits alike."""
    lsh = _datasketch().MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def _mixing_constants(count: int, purpose: str) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """Fixed odd 64-bit constants, derived from SHA-256 so they never change."""
    return np.array([
        int.from_bytes(hashlib.sha256(f"qaznews {purpose} {i}".encode()).digest()[:8], "big") | 1
        for i in range(count)
    ], dtype=np.uint64)


_ROW_MULTIPLIERS = _mixing_constants(64, "band row")
_SHINGLE_MULTIPLIERS = _mixing_constants(17, "shingle word")
_BAND_SALTS = _mixing_constants(1024, "band")


def band_keys(signature: np.ndarray[Any, Any], bands: int, rows: int) -> list[int]:
    """One 63-bit key per LSH band: articles sharing a key are near-copy candidates.

    Each band's rows are mixed into one integer with fixed multipliers (wrapping
    uint64 arithmetic, all bands at once); a collision of unequal bands only adds a
    candidate that the Jaccard test then turns down.
    """
    matrix = signature[:bands * rows].reshape(bands, rows)
    mixed = (matrix * _ROW_MULTIPLIERS[:rows]).sum(axis=1, dtype=np.uint64)
    mixed ^= _BAND_SALTS[:bands]
    mixed ^= mixed >> np.uint64(31)
    mixed *= _ROW_MULTIPLIERS[rows]
    return (mixed >> np.uint64(1)).tolist()  # type: ignore[no-any-return]


def estimated_jaccard(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


# -- names and numbers --------------------------------------------------------------

#: Russian and Kazakh Cyrillic (lower case) to Latin, as English-language outlets spell
#: Kazakh names (Ж zh, Х kh, Ы y, Ұ u).
CYRILLIC_TO_LATIN: dict[str, str] = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}
_TRANSLIT = str.maketrans({
    **CYRILLIC_TO_LATIN,
    # Kazakh Latin (2021) letters to their plain readings.
    "ä": "a", "ğ": "g", "ı": "i", "ñ": "n", "ö": "o", "ş": "sh", "ū": "u", "ü": "u",
    "ç": "ch", "q": "k", "x": "kh", "w": "v",
})
_DIGRAPHS = (("shch", "sh"), ("kh", "h"), ("zh", "j"), ("dzh", "j"), ("ts", "c"))
_VOWELS = frozenset("aeiouy")
#: Longest skeleton kept: enough to tell names apart, short enough that Russian case
#: endings ("Ашикбаевым") fall off.
_SKELETON_CHARS = 5

#: Capitalised words that say nothing about which event a text reports (the field's
#: institutions, titles and ubiquitous places, months, weekdays, sentence openers).
GENERIC_WORDS = frozenset(
    word
    for line in (files("qaznews") / "data" / "generic_words.txt").read_text("utf-8").splitlines()
    if not line.startswith("#")
    for word in line.split()
)


#: Russian case endings that carry a consonant (vowel endings vanish from a skeleton by
#: themselves): "Маратом", "Ашикбаевым", "Казахстанах" must meet "Марат", "Ashikbayev".
_CYRILLIC_CASE_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ом", "ем", "ым", "им",
                          "ах", "ях")


def transliterate(text: str) -> str:
    """A name's plain Latin reading, whatever its script: "Астана", "Astana" -> "astana"."""
    latin = text.casefold().translate(_TRANSLIT)
    for digraph, single in _DIGRAPHS:
        latin = latin.replace(digraph, single)
    return latin


@lru_cache(maxsize=1 << 16)
def name_skeleton(word: str) -> str:
    """Consonant skeleton of a transliterated name: "Ашикбаев", "Ashikbayev" -> "shkbv"."""
    word = word.casefold()
    for ending in _CYRILLIC_CASE_ENDINGS:
        # Only on a Cyrillic word long enough to keep a stem of three letters.
        if word.endswith(ending) and len(word) - len(ending) >= 3 and "а" <= word[0] <= "я":
            word = word[: -len(ending)]
            break
    latin = transliterate(word)
    skeleton = "".join(ch for ch in latin if ch.isalpha() and ch not in _VOWELS)
    return skeleton[:_SKELETON_CHARS]


@lru_cache(maxsize=1)
def _generic_skeletons() -> frozenset[str]:
    return frozenset(name_skeleton(w) for w in GENERIC_WORDS if len(name_skeleton(w)) >= 2)


@lru_cache(maxsize=1 << 16)
def _name_term(word: str) -> str | None:
    """The term a capitalised word (not opening a sentence) gives, or None."""
    word = word.strip("'’-")
    if len(word) < 3 or word.casefold() in GENERIC_WORDS:
        return None
    skeleton = name_skeleton(word)
    if len(skeleton) < 2 or skeleton in _generic_skeletons():
        return None
    return "n:" + skeleton


def key_terms(text: str) -> frozenset[str]:
    """Names and numbers a report of an event carries, comparable across scripts.

    Names are capitalised words that do not open a sentence and are not generic words
    of the field; numbers are any with two or more digits other than years.
    """
    terms: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # inside a word
        before = start - 1
        while before >= 0 and text[before] in _BEFORE_OPENER:
            before -= 1
        if before < 0 or text[before] in ".!?…\n":
            continue  # opens a sentence: capitalised whatever it is
        if (term := _name_term(match.group())) is not None:
            terms.add(term)
    for stretch in _DIGIT_STRETCH.findall(text):
        for match in _NUMBER.finditer(stretch):
            number = normalise_number(match.group(0))
            if len(number) - number.count(".") < 2 or (
                    len(number) == 4 and number[:2] in ("19", "20")):
                continue
            terms.add("#:" + number)
    return frozenset(terms)


def normalise_number(text: str) -> str:
    """"4 800", "4,800" and "4800" -> "4800"; "1,5" and "1.5" -> "1.5". A separator before
    exactly three digits groups them (the way both English and Russian news write
    thousands); any other is the decimal mark."""
    return _GROUP_SEPARATOR.sub("", text).replace(",", ".")


def word_stems(words: Iterable[str]) -> Counter[str]:
    """Counts of word stems (a word's first six letters) for cosine similarity; short words,
    numbers and generic words are left out."""
    return Counter(
        w[:6] for w in words if len(w) >= 4 and not w[0].isdigit() and w not in GENERIC_WORDS
    )


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(count * large.get(stem, 0) for stem, count in small.items())
    if not dot:
        return 0.0
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm


# -- features ----------------------------------------------------------------------

def comparison_language(article: Article) -> str | None:
    """The language of the text compared: the body's, when a title is in another."""
    return article.body_language or article.language


def features(article: Article, params: StoryParams) -> StoryFeatures:
    words = comparison_text(article, params.min_words)
    comparable = len(words) >= params.min_words
    shingle_set = (shingle_hashes(words, params.shingle_words) if comparable
                   else np.zeros(0, dtype=np.uint64))
    body_or_title = article.body if len(article.body.split()) >= params.min_words else (
        f"{article.title or ''}\n{article.body}"
    )
    return StoryFeatures(
        article_id=article.id,
        text_hash=text_hash(words) if comparable else None,
        signature=signature_of(shingle_set, params.num_perm) if comparable else None,
        shingles=len(shingle_set),
        words=len(words),
        day=article.published.date.toordinal() if article.published else None,
        language=comparison_language(article),
        terms=key_terms(body_or_title),
        words_compared=words,
    )


# -- pairs -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Link:
    """Two articles of one story, ``a`` < ``b`` by id, and why."""

    a: str
    b: str
    relation: Relation
    score: float


def near_score(a: StoryFeatures, b: StoryFeatures) -> tuple[float, float]:
    """(estimated Jaccard, containment of the shorter text in the longer)."""
    if a.signature is None or b.signature is None:
        return 0.0, 0.0
    jaccard = estimated_jaccard(a.signature, b.signature)
    smaller = min(a.shingles, b.shingles)
    if not smaller:
        return jaccard, 0.0
    # |A n B| = J (|A| + |B|) / (1 + J), from the definition of J.
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return jaccard, min(1.0, shared / smaller)


def term_overlap(a: StoryFeatures, b: StoryFeatures) -> tuple[int, float]:
    """(shared names and numbers, their share of the smaller set)."""
    shared = len(a.terms & b.terms)
    smaller = min(len(a.terms), len(b.terms))
    return shared, shared / smaller if smaller else 0.0


def conflict(a: StoryFeatures, b: StoryFeatures) -> float:
    """How much each text carries names and numbers the other lacks: the smaller of the two
    one-sided differences, as a share of the smaller set of terms.

    A copy or a rewrite may drop facts (a one-sided difference) but seldom brings new
    ones; two reports of different events from one template differ on both sides
    (another counterpart, other figures)."""
    smaller = min(len(a.terms), len(b.terms))
    if not smaller:
        return 0.0
    return min(len(a.terms - b.terms), len(b.terms - a.terms)) / smaller


def relate(a: StoryFeatures, b: StoryFeatures, params: StoryParams) -> Link | None:
    """How two articles are one story, or None. Symmetric: relate(a, b) == relate(b, a)."""
    if a.article_id > b.article_id:
        a, b = b, a
    if a.text_hash is not None and a.text_hash == b.text_hash:
        return Link(a.article_id, b.article_id, "exact", 1.0)
    jaccard, containment = near_score(a, b)
    if (jaccard >= params.near_jaccard or (
            containment >= params.near_containment and jaccard >= params.near_jaccard / 2)
    ) and conflict(a, b) <= params.near_max_conflict:
        return Link(a.article_id, b.article_id, "near", round(max(jaccard, containment), 4))
    if a.day is None or b.day is None or abs(a.day - b.day) > params.rewrite_days:
        return None
    shared, overlap = term_overlap(a, b)
    if overlap < params.rewrite_overlap:
        return None
    if a.language is not None and a.language == b.language:
        if shared < params.rewrite_min_shared or conflict(a, b) > params.rewrite_max_conflict:
            return None
        similarity = cosine(a.stems, b.stems)  # only now: the costliest test comes last
        if similarity >= params.rewrite_cosine:
            return Link(a.article_id, b.article_id, "rewrite", round(similarity, 4))
        return None
    # Across languages only names and numbers are comparable: ask for more of them,
    # at least one of them a number, and the same or the next day.
    numbers = sum(1 for term in a.terms & b.terms if term.startswith("#:"))
    if (shared >= params.cross_language_min_shared and numbers >= 1
            and abs(a.day - b.day) <= 1):
        return Link(a.article_id, b.article_id, "rewrite", round(overlap, 4))
    return None


def direct_relation(a: StoryFeatures, b: StoryFeatures, params: StoryParams) -> Relation:
    """The relation of two members of one story, linked directly or through others."""
    link = relate(a, b, params)
    return link.relation if link else "rewrite"


# -- stories -----------------------------------------------------------------------

@dataclass(slots=True)
class Member:
    """What choosing a story's first publisher and canonical text needs of an article."""

    id: str
    title: str | None
    published: Published | None
    outlet: str | None
    views: int | None
    words: int
    language: str | None


def publication_order(member: Member) -> tuple[int, int, str]:
    """Earliest first. A date without a time counts as the start of its day: an official
    release given with its date only comes before re-publications timed later that day."""
    if member.published is None:
        return (1 << 30, 0, member.id)
    minutes = (member.published.time.hour * 60 + member.published.time.minute
               if member.published.time else 0)
    return (member.published.date.toordinal(), minutes, member.id)


def first_member(members: Sequence[Member]) -> Member:
    return min(members, key=publication_order)


def canonical_member(members: Sequence[Member]) -> Member:
    """The fullest text; on a tie the earliest, then the smallest id."""
    return min(members, key=lambda m: (-m.words, publication_order(m)))


def story_id(members: Sequence[Member]) -> str:
    """Named after its first article, so the id holds while copies join later."""
    first = first_member(members)
    return "s" + hashlib.sha256(first.id.encode("utf-8")).hexdigest()[:19]
