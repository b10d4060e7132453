"""Persons, organisations and places in Kazakh text, Cyrillic or Latin, by gazetteer and rules.

No Kazakh NER model is at hand, so:

- places: the gazetteer, Kazakh endings stripped ("Астанада", "Qazaqstannyń");
- persons: two or three capitalised words whose last carries a surname ending ("-ов", "-ева",
  "-ұлы", "-қызы", "-uly", "-bayev"...), or any two capitalised words right after a title word
  ("елшісі Роман Василенко"); the case ending of the last word is dropped in `canonical`
  ("Ержан Ашикбаевпен" -> "Ержан Ашикбаев");
- organisations: a head noun ("министрлігі", "университеті", "ministrligi"...) with the
  capitalised words before it ("Сыртқы істер министрлігі");
- roles: the words before a name that end in a title word, back over genitives ("-ның"),
  attributives ("-дағы") and title vocabulary ("Қазақстанның Бельгиядағы елшісі",
  "Сыртқы істер министрінің бірінші орынбасары"). The affiliation is the country in the
  genitive (a "-дағы" country is the host), else Kazakhstan for a state post when the text is
  about Kazakhstan (the rule of :func:`qaznews.pipeline.ner_ru.affiliation_of`), else the
  organisation the title names.

Matching is done on the gazetteer's folded text (same offsets), so Kazakh Latin with or without
its diacritics reads the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qaznews.pipeline.gazetteer import country_of, find_places, fold, in_kazakhstan, kazakh_stems
from qaznews.pipeline.mentions import Mention

__all__ = ["recognise_kk"]

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


#: Title words (folded, lower case): a person's title ends in one of them.
ROLE_WORDS = _words("""
    министрi министрі министр вице-министрі вице-министр елшiсi елшісі елші әкiмi әкімі әкім
    төрағасы төраға орынбасары президентi президенті президент вице-президенті премьер-министрі
    басшысы директоры бас директоры ректоры депутаты сенаторы хатшысы консулы өкiлi өкілі
    бастығы меңгерушісі спикері кеңесшісі профессоры академигі мұғалімі студенті журналисі
    ardageri ардагері
    ministri vice-ministri elshisi akimi toragasy orynbasary prezidenti premer-ministri basshysy
    direktory rektory deputaty senatory hatshysy konsuly okili bastygy kenesshisi
""")
#: Words a title may hold before its title word (folded, lower case).
ROLE_VOCABULARY = _words("""
    бірінші екінші үшінші сыртқы ішкі істер төтенше және өкілетті тұрақты вице бас аудан
    облыс қала ауданы облысы қаласы мемлекеттік хатшы жаңадан тағайындалған бұрынғы мемлекет
    birinshi ekinshi ushinshi syrtqy ishki ister totenshe jane okiletti turaqty vitse bas
    audan oblys qala audany oblysy qalasy memlekettik memleket
""") | ROLE_WORDS
#: State posts and bodies (folded, lower case, as stems): Kazakhstan's unless marked otherwise.
_STATE_STEMS = ("мемлекет", "memleket", "министр", "елші", "әкім", "депутат", "сенат",
                "мәжіліс", "мажилис", "консул", "президент", "премьер", "парламент", "үкімет",
                "ministr", "elshi", "akim", "deputat", "senat", "majilis", "konsul", "prezident",
                "parlament", "ukimet")
_KAZAKHSTAN_ONLY_STEMS = ("әкім", "мәслихат", "сенат", "мәжіліс", "akim", "maslihat", "senat",
                          "majilis")

#: Organisation head nouns (folded, lower case, without case endings).
ORGANISATION_HEADS = _words("""
    министрлігі әкімдігі университеті қоры агенттігі ұйымы мәслихаты комитеті департаменті
    орталығы институты академиясы банкі компаниясы қауымдастығы палатасы үкіметі парламенті
    сенаты мәжілісі кеңесі одағы партиясы қызметі басқармасы колледжі мектебі мектеп-лицейі
    театры мұражайы музейі кітапханасы
    ministrligi akimdigi universiteti qory agenttigi uiymy maslihaty komiteti departamenti
    ortalygy instituty akademiasy banki kompaniiasy qauymdastygy palatasy ukimeti parlamenti
    senaty majilisi kenesi odagy partiiasy qyzmeti basqarmasy koledji mektebi teatry murajaiy
""")

_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ұлы|қызы|улы|кызы|ov|ev|in|yn|ova|eva|ina|yna|uly"
    r"|qyzy|bayev|bayeva|baev|baeva)$", re.IGNORECASE)
_PATRONYMIC = re.compile(r"(?:ұлы|қызы|uly|qyzy|ович|евич|овна|евна)$", re.IGNORECASE)
_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің|nyn|nin|dyn|din|tyn|tin)$")
_ATTRIBUTIVE = re.compile(r"(?:дағы|дегі|тағы|тегі|ндағы|ндегі|dagy|degi|tagy|tegi)$")
#: Capitalised words that open Kazakh sentences and are no part of a name.
_SENTENCE_OPENERS = _words("""
    бүгін кеше ертең сондай-ақ сонымен осы бұл ал алайда жиында кездесуде кездесу іс-шараға
    шарада сапар барысында мемлекет сол онда оның қазір
    bugin keshe erten sondai-aq sonymen osy bul al alaida jiynda kezdesude kezdesu memleket
""")
_MAX_ROLE_TOKENS = 8


@dataclass(slots=True)
class _Token:
    text: str
    start: int  # offsets into the whole text
    end: int
    key: str  # folded, lower case

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalpha()


def recognise_kk(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Persons, organisations and places in Kazakh `text[start:end]`, offsets into `text`."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    folded = fold(chunk)
    tokens = [_Token(chunk[m.start():m.end()], start + m.start(), start + m.end(),
                     m.group().lower()) for m in _WORD.finditer(folded)]
    places = [Mention(p.text, "place", p.start + start, p.end + start, canonical=p.canonical,
                      language="kk") for p in find_places(chunk, "kk")]
    taken = [False] * len(tokens)
    for place in places:
        for i, token in enumerate(tokens):
            if token.start >= place.start and token.end <= place.end:
                taken[i] = True
    persons = _persons(text, tokens, taken)
    organisations = _organisations(text, tokens, taken)
    about_kazakhstan = any(in_kazakhstan(p.canonical or "") for p in find_places(text, "kk"))
    for person, first in persons:
        _set_role(text, person, tokens, first, organisations, about_kazakhstan, places)
    initials = _initials_persons(text, tokens, taken)
    return sorted([*places, *organisations, *(p for p, _f in persons), *initials],
                  key=lambda m: (m.start, m.end))


def _head_stem(key: str, vocabulary: frozenset[str]) -> str | None:
    """The form of `key` in `vocabulary`, its Kazakh ending stripped ("министрлігінің")."""
    if key in vocabulary:
        return key
    return next((stem for stem in kazakh_stems(key) if stem in vocabulary), None)


def _organisations(text: str, tokens: list[_Token], taken: list[bool]) -> list[Mention]:
    found: list[Mention] = []
    for i, token in enumerate(tokens):
        stem = _head_stem(token.key, ORGANISATION_HEADS)
        if stem is None or taken[i]:
            continue
        first = i
        while first - 1 >= 0 and tokens[first - 1].word and not taken[first - 1]:
            before = tokens[first - 1]
            if before.key in _SENTENCE_OPENERS or _head_stem(before.key, ROLE_WORDS):
                break
            if not before.capitalised and not (first - 2 >= 0 and tokens[first - 2].capitalised
                                               and tokens[first - 2].word):
                break
            first -= 1
        while first < i and not tokens[first].capitalised:
            first += 1
        if first == i and not token.capitalised:
            continue  # "министрлігі" alone names no organisation
        stripped = len(token.key) - len(stem)
        canonical = text[tokens[first].start:token.end - stripped]
        found.append(Mention(text[tokens[first].start:token.end], "organization",
                             tokens[first].start, token.end, canonical=canonical, language="kk"))
        for j in range(first, i + 1):
            taken[j] = True
    return found


def _surname_stem(token: _Token) -> int | None:
    """How many characters of the token are the surname, its case ending left out."""
    for stem in [token.key, *kazakh_stems(token.key)]:
        if _SURNAME.search(stem):
            return len(stem)
    return None


def _name_word(token: _Token) -> bool:
    return (token.word and token.capitalised and not token.text.isupper()
            and token.key not in _SENTENCE_OPENERS and _head_stem(token.key, ROLE_WORDS) is None
            and _head_stem(token.key, ORGANISATION_HEADS) is None)


def _persons(text: str, tokens: list[_Token], taken: list[bool]) -> list[tuple[Mention, int]]:
    persons: list[tuple[Mention, int]] = []
    i = 0
    while i < len(tokens) - 1:
        first, second = tokens[i], tokens[i + 1]
        if taken[i] or taken[i + 1] or not (_name_word(first) and _name_word(second)):
            i += 1
            continue
        last = i + 1
        # "Ермек Бақытұлы Көшербаев": a patronymic between first name and surname.
        if (_PATRONYMIC.search(second.key) and last + 1 < len(tokens) and not taken[last + 1]
                and _name_word(tokens[last + 1])):
            last += 1
        after_title = i > 0 and _head_stem(tokens[i - 1].key, ROLE_WORDS) is not None
        surname = _surname_stem(tokens[last])
        if surname is None and not after_title:
            i += 1
            continue
        end = tokens[last].end
        canonical_end = tokens[last].start + surname if surname is not None else end
        if surname is None:  # no surname ending to go by: strip an ending only if one is there
            stems = kazakh_stems(tokens[last].key)
            canonical_end = tokens[last].start + len(stems[0]) if stems else end
        mention = Mention(text[first.start:end], "person", first.start, end,
                          canonical=text[first.start:canonical_end], language="kk")
        persons.append((mention, i))
        for j in range(i, last + 1):
            taken[j] = True
        i = last + 1
    return persons


def _role_token(token: _Token) -> bool:
    key = token.key
    return (key in ROLE_VOCABULARY or _head_stem(key, ROLE_WORDS) is not None
            or bool(_GENITIVE.search(key)) or bool(_ATTRIBUTIVE.search(key))
            or (token.text.isupper() and token.word))


#: "Е.Ашикбаев", "Е. Ашикбаевпен": an initial (or two) and a surname.
_INITIALS = re.compile(r"(?<![\w.])[^\W\d_]\.\s?(?:[^\W\d_]\.\s?)?[^\W\d_]{3,}")


def _initials_persons(text: str, tokens: list[_Token], taken: list[bool]) -> list[Mention]:
    """Persons written as initials and a surname, for linking to the full name; the case
    ending is dropped in `canonical` ("Е.Ашикбаевпен" -> "Е.Ашикбаев")."""
    found: list[Mention] = []
    for i, token in enumerate(tokens):
        if taken[i] or not token.capitalised or not token.word:
            continue
        match = _INITIALS.match(text, token.start)
        if match is None or not all(p[:1].isupper() for p in re.split(r"\.\s?", match[0])):
            continue
        last = next(j for j in range(i, len(tokens)) if tokens[j].end >= match.end())
        if any(taken[i:last + 1]) or tokens[last].end != match.end():
            continue
        surname = _surname_stem(tokens[last])
        if surname is None:
            continue
        end = tokens[last].start + surname
        found.append(Mention(match[0], "person", match.start(), match.end(),
                             canonical=text[match.start():end], language="kk"))
        for j in range(i, last + 1):
            taken[j] = True
    return found


#: How many words naming a field may stand between a title and its owner in the genitive:
#: "Венгрияның экономика министрі", "Қазақстанның Сауда және интеграция министрі".
_MAX_FIELD_WORDS = 4


def _owner_before(tokens: list[_Token], begin: int) -> int | None:
    """The index of the genitive owner a few words before `begin`, if only words lie between."""
    for k in range(begin - 1, max(begin - 1 - _MAX_FIELD_WORDS, -1), -1):
        token = tokens[k]
        if not token.word or token.key in _SENTENCE_OPENERS:
            return None
        if _GENITIVE.search(token.key):
            return k
    return None


def _set_role(text: str, person: Mention, tokens: list[_Token], first: int,
              organisations: list[Mention], about_kazakhstan: bool,
              places: Sequence[Mention] = ()) -> None:
    if first == 0 or _head_stem(tokens[first - 1].key, ROLE_WORDS) is None:
        return
    begin = first - 1
    while begin - 1 >= 0 and first - begin < _MAX_ROLE_TOKENS and tokens[begin - 1].word:
        if _role_token(tokens[begin - 1]):
            begin -= 1
            continue
        owner = _owner_before(tokens, begin)
        if owner is None:
            break
        begin = owner
    # A role that starts inside a place's name starts with it: "Қазақстан Республикасының".
    for place in places:
        if place.start < tokens[begin].start < place.end:
            begin = next(j for j, t in enumerate(tokens) if t.start >= place.start)
    start, end = tokens[begin].start, tokens[first - 1].end
    person.role = text[start:end]
    person.affiliation = _affiliation(tokens[begin:first], organisations, start, end,
                                      about_kazakhstan)


def _affiliation(words: list[_Token], organisations: list[Mention], start: int, end: int,
                 about_kazakhstan: bool) -> str | None:
    for token in words:
        if _ATTRIBUTIVE.search(token.key):
            continue  # "Бельгиядағы": the host country
        country = country_of(token.text)
        if country is not None:
            return country
    # Each part of a compound counts: "вице-министрі" is a minister's post.
    keys = [part for t in words for part in t.key.split("-")]
    if any(k.startswith(_KAZAKHSTAN_ONLY_STEMS) for k in keys):
        return "Kazakhstan"
    if about_kazakhstan and any(k.startswith(_STATE_STEMS) for k in keys):
        return "Kazakhstan"
    for organisation in organisations:
        if organisation.start >= start and organisation.end <= end:
            return organisation.canonical
    return None
