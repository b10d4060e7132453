"""Titles around English names: "Ambassador of Kazakhstan to Belgium Roman Vassilenko",
"Yerzhan Ashikbayev, First Deputy Minister of Foreign Affairs", "war veteran Viktor Izyumnikov".

A role is read from the tokens next to a person's name, within its sentence: before the name, a
run of capitalised words and connectors ("of", "the", "to") that holds a title word; after it,
", a/the TITLE ..." up to the next comma, verb or sentence end. The affiliation (the country or
organisation the person represents) is then read from the role.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated block, for long word lists."""
    return frozenset(words.split())


#: Words that make a phrase a title. Lower case; matched on the lower-cased token or on the
#: last part of a hyphenated one ("Director-General", "Vice-Rector").
ROLE_HEADS = word_set("""
    minister ministers secretary ambassador ambassadors envoy representative representatives
    consul chargé charge attaché attache counsellor counselor diplomat
    president vice-president chairman chairwoman chair chairperson speaker deputy deputies
    senator senators akim akims mayor governor governors prime premier emir king queen prince
    princess sultan sheikh crown pope patriarch mufti imam
    director director-general directors head heads chief leader leaders commander
    coordinator commissioner rapporteur ombudsman prosecutor judge attorney auditor
    rector vice-rector dean professor lecturer teacher teachers librarian scientist researcher
    academician principal student students pupil
    chairman-of ceo founder co-founder manager executive officer officers spokesperson
    spokesman spokeswoman adviser advisor aide counsel official officials
    actor actress singer composer artist painter writer poet director-producer producer
    conductor musician dancer ballerina athlete champion coach player
    veteran veterans journalist editor editor-in-chief correspondent
    member members delegate delegates secretary-general under-secretary-general
    deputy-director chargé-d'affaires
""")

#: Words that may stand before a title word and belong to the role ("newly appointed").
ROLE_MODIFIERS = word_set("""
    first second third deputy vice acting newly appointed former permanent special senior
    executive general honorary renowned famous well-known prominent young dedicated chief
    extraordinary plenipotentiary resident regional national global goodwill foreign
    war labour labor chief-of
""")

#: Small words that connect the parts of a long title.
CONNECTORS = frozenset({"of", "the", "to", "for", "in", "on", "at", "and", "&", "de", "du",
                        "des", "la", "le", "bin", "al", "von", "van", "der"})

#: Capitalised words that open sentences or phrases and are never part of a title.
NOT_IN_ROLE = word_set("""
    the a an at in on during as with by from for to and of this that these those his her
    their its our also then while when after before meanwhile following opening welcoming
    addressing according upon under between among within mr mrs ms dr h.e. he she they it
    there here later earlier today yesterday besides moreover however
""")

HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "h.e.", "h.e",
                        "his", "her", "excellency", "sir", "madam", "prof", "prof."})


@dataclass(frozen=True, slots=True)
class Token:
    """The little a role rule needs to know of a token (spaCy's or any tokenizer's)."""

    text: str
    start: int
    end: int
    is_verb: bool = False
    is_sentence_start: bool = False
    #: True inside another person's name: a role never reaches over one.
    in_other_name: bool = False

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def is_role_head(word: str) -> bool:
    lower = word.lower().strip(".,")
    if lower in ROLE_HEADS:
        return True
    return "-" in lower and lower.rsplit("-", 1)[-1] in ROLE_HEADS


def _is_possessive(token: Token) -> bool:
    return token.text in ("’s", "'s", "’", "'")


#: How far before a name a title may begin, in tokens.
MAX_ROLE_TOKENS = 30
#: Punctuation a title may hold ("Kazakhstan's", "Director-General", "(ULiège)").
_ROLE_PUNCTUATION = frozenset({"’s", "'s", "’", "'", "-", "(", ")", "&", "№"})


def role_before(tokens: Sequence[Token], name_start: int) -> tuple[int, int] | None:
    """(start, end) character span of a title written before the token `name_start`, within
    its clause: "First Deputy Minister of Foreign Affairs of Kazakhstan, Yerzhan Ashikbayev",
    "met with the Secretary-General of the WMO, Celeste Saulo"."""
    index = name_start - 1
    if index >= 0 and tokens[index].text == ",":
        index -= 1
    end_index = index
    first = index + 1
    while index >= 0 and end_index - index < MAX_ROLE_TOKENS:
        token = tokens[index]
        if token.in_other_name or (token.is_verb and token.lower not in ROLE_MODIFIERS):
            break
        if token.text == ",":
            # A comma inside a title only before a further title word:
            # "Permanent Representative to the WTO, Ambassador Kairat Torebayev".
            if index + 1 <= end_index and is_role_head(tokens[index + 1].text):
                index -= 1
                continue
            break
        if not token.text[:1].isalnum() and token.text not in _ROLE_PUNCTUATION:
            break
        first = index
        if token.is_sentence_start:
            break
        index -= 1
    heads = [i for i in range(first, end_index + 1) if is_role_head(tokens[i].text)]
    if not heads:
        return None
    # The role starts at its first title word, with the capitalised words glued to it
    # ("UK Foreign Secretary", "Kazakhstan's Permanent Representative", "newly appointed").
    start = heads[0]
    while start - 1 >= first:
        previous = tokens[start - 1]
        lower = previous.lower
        if lower in HONORIFICS or lower in NOT_IN_ROLE or lower in CONNECTORS:
            break
        if not (previous.is_capitalised or lower in ROLE_MODIFIERS or _is_possessive(previous)
                or previous.text == "-"):
            break
        start -= 1
    while end_index > start and (tokens[end_index].lower in CONNECTORS
                                 or tokens[end_index].text in (",", "-", "–", "(")):
        end_index -= 1
    if start > end_index:
        return None
    return tokens[start].start, tokens[end_index].end


_ARTICLE_WORDS = frozenset({"a", "an", "the"})
_FROM_WORDS = frozenset({"from"})


def role_after(tokens: Sequence[Token], name_end: int) -> tuple[int, int, int | None] | None:
    """(start, end, from_start) of a title after the name ending before token `name_end`:
    "Name, a/the TITLE ... ," up to the next comma, verb or the end of the sentence.
    `from_start` is where "from ORGANISATION" begins in it, if anywhere."""
    index = name_end
    if index >= len(tokens) or tokens[index].text != ",":
        return None
    index += 1
    while index < len(tokens) and (tokens[index].lower in _ARTICLE_WORDS
                                   or (tokens[index].lower in ROLE_MODIFIERS
                                   and not is_role_head(tokens[index].text)
                                   and tokens[index].text.islower())):
        index += 1
    start = index
    # A title word must come first (after modifiers), or within the first capitalised run:
    # "Minister of Trade", "Director-General of ...", "Executive Director of ...".
    look = start
    found_head = False
    while look < len(tokens) and look < start + 6:
        if is_role_head(tokens[look].text):
            found_head = True
            break
        if not (tokens[look].is_capitalised or tokens[look].lower in ROLE_MODIFIERS
                or tokens[look].text == "-"):
            break
        look += 1
    if not found_head:
        return None
    end = start
    from_start: int | None = None
    while end < len(tokens):
        token = tokens[end]
        if token.is_sentence_start and end > start:
            break
        if token.text in (",", ";", ".", ")", "(", "–", "—", ":") or token.is_verb:
            break
        if token.in_other_name:
            break
        if token.lower in _FROM_WORDS and from_start is None:
            from_start = token.start
        end += 1
    if end == start:
        return None
    last = end - 1
    while last > start and tokens[last].lower in CONNECTORS:
        last -= 1
    return tokens[start].start, tokens[last].end, from_start


# -- affiliation --------------------------------------------------------------------------

#: Words after which a country is where a person serves, not whom they represent.
_DESTINATION = re.compile(r"\b(?:to|in|at|for)\b", re.IGNORECASE)
#: Offices that, when the role names no country or organisation, are Kazakhstan's: our news is
#: Kazakhstan's news, and a bare "Ambassador" or "Vice Minister" there is Kazakhstan's.
STATE_OFFICES = word_set("""
    minister ambassador envoy representative consul chargé charge attaché attache diplomat
    president speaker senator akim mayor governor deputy secretary counsellor counselor
""")


def affiliation_of_role(role: str, *, country_of: Callable[[str], str | None],
                        organisations: Sequence[tuple[str, str]] = ()) -> str | None:
    """The country or organisation a role says its holder represents.

    `organisations` are (name as written, canonical) of the organisations in the article, so
    that "Secretary-General of the WMO" gives the full name the article introduced."""
    # A country owning the title: "Kazakhstan's Permanent Representative", "UK Foreign Secretary".
    owner = re.match(r"\s*(?:the\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:’s|'s)?\s", role)
    if owner:
        words = owner.group(1).split()
        for size in range(len(words), 0, -1):
            country = country_of(" ".join(words[:size]))
            if country:
                return country
    represented = _DESTINATION.split(role, maxsplit=1)[0]
    # The last country named before "to"/"in": "Minister of Health of the Sultanate of Oman".
    countries = _countries_in(represented, country_of)
    if countries:
        return countries[-1]
    for written, canonical in sorted(organisations, key=lambda o: -len(o[0])):
        if re.search(rf"(?<!\w){re.escape(written)}(?!\w)", role):
            # An organisation of a country ("Parliament of Kenya") stands for that country.
            inside = _countries_in(written, country_of)
            return inside[-1] if inside else canonical
    words = {w.strip(".,").lower() for w in re.split(r"[\s-]+", role)}
    if words & STATE_OFFICES:
        # "Ambassador of Kazakhstan to Belgium" was caught above; a destination alone
        # ("Ambassador to Kenya") still marks one of ours.
        return "Kazakhstan"
    return None


_CAPITALISED_RUN = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?|the\s+)?[A-ZÀ-ÖØ-Þ][\w’'.-]*)*")


def _countries_in(text: str, country_of: Callable[[str], str | None]) -> list[str]:
    found: list[str] = []
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        # Longest country names inside the run, left to right: "the Republic of Kazakhstan",
        # "Sultanate of Oman".
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                country = country_of(" ".join(words[i:j]))
                if country:
                    found.append(country)
                    i = j
                    break
            else:
                i += 1
    return found
