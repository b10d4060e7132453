"""Persons, organisations and places in Russian text: natasha's news NER, then rules for roles.

natasha (slovnet's news NER and morphology tagger, navec embeddings, pymorphy2's dictionary)
finds PER, ORG and LOC spans; they are loaded once per process, on first use. On top:

- names in the nominative as `canonical`: each word of a person's name put in the nominative
  by pymorphy2 (its parse that is a name or surname in the case the tagger saw), so
  "Ержаном Ашикбаевым" is "Ержан Ашикбаев"; an organisation's head noun and the adjectives
  before it ("Министерстве цифрового развития" -> "Министерство цифрового развития"); a place
  the gazetteer knows gets its English canonical name ("Бельгии" -> "Belgium");
- a place span is cut at the first lower-case word that is not part of a place name
  (natasha reads "Шымкенте аким района" as one place);
- roles: a title just before a name ("Посол Казахстана в Бельгии Роман Василенко") or after it
  and a comma or dash ("Роман Василенко, посол Республики Казахстан в Бельгии"); see
  :func:`affiliation_of` for the affiliation.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from qaznews.pipeline.gazetteer import country_of, find_places, in_kazakhstan
from qaznews.pipeline.mentions import Mention, MentionType

__all__ = ["affiliation_of", "recognise_ru"]

_TYPES: dict[str, MentionType] = {"PER": "person", "ORG": "organization", "LOC": "place"}


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


#: Lemmas of the nouns that make a phrase a title.
ROLE_HEADS = _words("""
    посол посланник консул атташе поверенный министр вице-министр заместитель замминистра
    премьер-министр вице-премьер президент вице-президент аким председатель зампред
    сопредседатель спикер депутат сенатор мажилисмен секретарь госсекретарь генсек директор
    гендиректор руководитель глава начальник управляющий командующий губернатор мэр король
    королева эмир султан принц шейх представитель постпред советник помощник пресс-секретарь
    ректор проректор декан профессор академик учитель студент журналист редактор
    главред корреспондент актёр актер актриса режиссёр режиссер певец певица писатель поэт
    художник спортсмен чемпион тренер ветеран эксперт член основатель
""")

#: Lemmas that may stand before a title word and belong to the role ("первый заместитель").
ROLE_MODIFIERS = _words("""
    первый второй третий бывший новый новоназначенный временно исполняющий чрезвычайный
    полномочный официальный государственный постоянный специальный генеральный главный старший
    ответственный исполнительный и вице
""")

#: Posts of a state: unmarked, in Kazakhstan's news they are Kazakhstan's (see affiliation_of).
STATE_HEADS = _words("""
    посол посланник консул атташе поверенный министр вице-министр замминистра премьер-министр
    вице-премьер президент вице-президент аким депутат сенатор мажилисмен госсекретарь
    пресс-секретарь
""")
#: State bodies whose naming in a title makes the post a state post.
STATE_BODIES = _words("""
    министр министерство мид сенат мажилис парламент правительство акимат маслихат посольство
    консульство ведомство комитет департамент администрация
""")
#: Posts and bodies only Kazakhstan has: the affiliation is Kazakhstan whatever the text.
KAZAKHSTAN_ONLY = _words("аким акимат маслихат мажилис мажилисмен сенат")

#: Lower-case words that belong to a place name ("Мангистауская область", "район Есиль").
_PLACE_NOUNS = re.compile(r"^(област|район|город|село|сел|аул|посёл|посел|округ|улиц|проспект"
                          r"|микрорайон|республик|штат|провинци|остров)", re.IGNORECASE)
_HOST_PREPOSITIONS = frozenset({"в", "во", "на"})
_STOP_PUNCT = frozenset(",.;:!?()[]…")
_STOP_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "PART", "NUM"})
_MAX_ROLE_TOKENS = 12

_UD_TO_OC_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
                  "Loc": "loct"}
_UD_TO_OC_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


@dataclass(frozen=True, slots=True)
class _Models:
    segmenter: Any
    ner_tagger: Any
    morph_tagger: Any
    morph_vocab: Any


@lru_cache(maxsize=1)
def _models() -> _Models:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymorphy2 imports the deprecated pkg_resources
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        embedding = NewsEmbedding()
        return _Models(Segmenter(), NewsNERTagger(embedding), NewsMorphTagger(embedding),
                       MorphVocab())


@dataclass(slots=True)
class _Token:
    text: str
    start: int  # offsets into the whole text
    end: int
    pos: str
    feats: dict[str, str]
    entity: str = ""  # natasha type of the span the token is in ("PER", "ORG", "LOC")
    lemma: str = ""


def recognise_ru(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Persons, organisations and places in Russian `text[start:end]`, offsets into `text`."""
    from natasha import Doc

    models = _models()
    end = len(text) if end is None else end
    doc = Doc(text[start:end])
    doc.segment(models.segmenter)
    doc.tag_ner(models.ner_tagger)
    if not doc.spans:
        return []
    doc.tag_morph(models.morph_tagger)
    about_kazakhstan = _about_kazakhstan(text)
    mentions: list[Mention] = []
    for sent in doc.sents:
        tokens, spans = _sentence(sent, start, models.morph_vocab)
        for index, (span_type, first, last) in enumerate(spans):
            mention = _mention(text, tokens, span_type, first, last, models.morph_vocab)
            if mention is None:
                continue
            if mention.type == "person":
                _set_role(text, mention, tokens, spans, index, about_kazakhstan,
                          models.morph_vocab)
            mentions.append(mention)
    return mentions


def _sentence(sent: Any, offset: int, vocab: Any) -> tuple[list[_Token],
                                                            list[tuple[str, int, int]]]:
    """The sentence's tokens and its spans as (natasha type, first token, last token)."""
    tokens: list[_Token] = []
    spans: list[tuple[str, int, int]] = []
    for token in sent.tokens:
        tokens.append(_Token(token.text, offset + token.start, offset + token.stop,
                             token.pos or "", dict(token.feats or {})))
    for token in tokens:
        token.lemma = _lemma(token, vocab)
    for span in sent.spans:
        members = [i for i, t in enumerate(tokens)
                   if t.start >= offset + span.start and t.end <= offset + span.stop]
        if not members or span.type not in _TYPES:
            continue
        first, last = members[0], members[-1]
        if span.type == "LOC":
            last = _place_end(tokens, first, last)
        for i in range(first, last + 1):
            tokens[i].entity = span.type
        spans.append((span.type, first, last))
    return tokens, spans


def _lemma(token: _Token, vocab: Any) -> str:
    if not token.text[:1].isalpha():
        return token.text
    return str(vocab.lemmatize(token.text.lower(), token.pos or "X", token.feats)).replace("ё",
                                                                                          "е")


def _place_end(tokens: list[_Token], first: int, last: int) -> int:
    """Where a place span really ends: before a lower-case word that is no place noun, or
    before a title's word ("в Акорде Чрезвычайного и Полномочного Посла")."""
    for i in range(first + 1, last + 1):
        word = tokens[i].text
        if (word[:1].islower() and not _PLACE_NOUNS.match(word)) \
                or tokens[i].lemma in ROLE_MODIFIERS or _is_head(tokens[i]):
            return i - 1
    return last


def _mention(text: str, tokens: list[_Token], span_type: str, first: int, last: int,
             vocab: Any) -> Mention | None:
    start, end = tokens[first].start, tokens[last].end
    surface = text[start:end]
    mention_type = _TYPES[span_type]
    words = tokens[first:last + 1]
    if mention_type == "person":
        canonical = _person_nominative([t.text for t in words if t.text[:1].isalpha()], vocab)
    elif mention_type == "place":
        places = find_places(surface, "ru")
        if len(places) == 1 and places[0].end - places[0].start >= len(surface.rstrip(".")) - 1:
            canonical = places[0].canonical or surface
        else:
            canonical = _phrase_nominative(text, words, vocab)
    else:
        canonical = _phrase_nominative(text, words, vocab)
    return Mention(text=surface, type=mention_type, start=start, end=end, canonical=canonical,
                   language="ru")


def _capitalised_like(word: str, model: str) -> str:
    if model.isupper():
        return word.upper()
    parts, originals = word.split("-"), model.split("-")
    if len(parts) != len(originals):
        return word.capitalize() if model[:1].isupper() else word
    return "-".join(p.capitalize() if o[:1].isupper() else p
                    for p, o in zip(parts, originals, strict=True))


_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _name_readings(word: str, vocab: Any) -> dict[tuple[str, str], Any]:
    """(case, gender) -> pymorphy2 parse, for the readings of `word` as a name or surname."""
    readings: dict[tuple[str, str], Any] = {}
    for parse in vocab.parse(word.lower()):
        tag = parse.tag
        if not _NAME_TAGS & tag.grammemes or "plur" in tag:
            continue
        case = next((c for c in _CASES if c in tag), None)
        genders = ("masc", "femn") if "ms-f" in tag else tuple(
            g for g in ("masc", "femn") if g in tag)
        for gender in genders:
            if case is not None:
                readings.setdefault((case, gender), parse)
    return readings


def _person_nominative(words: list[str], vocab: Any) -> str:
    """A person's name in the nominative: "Ержаном Ашикбаевым" -> "Ержан Ашикбаев".

    The tagger's case is unreliable on Kazakh names, so the case and gender are the ones every
    word of the name can have as a name or surname in pymorphy2's dictionary (its guesses for
    unknown words included); the nominative wins when possible ("Роман Василенко").
    """
    readings = [_name_readings(w.rsplit("-", 1)[-1], vocab) for w in words]
    shared: set[tuple[str, str]] | None = None
    for found in readings:
        if found:
            shared = set(found) if shared is None else shared & set(found)
    if not shared or any(case == "nomn" for case, _gender in shared):
        return " ".join(words)
    choice = min(shared, key=lambda cg: (_CASES.index(cg[0]), cg[1]))
    out: list[str] = []
    for word, found in zip(words, readings, strict=True):
        parse = found.get(choice)
        form = parse.inflect({"Nom", "Sing"}) if parse is not None else None
        if form is None:
            out.append(word)
            continue
        head = word.rsplit("-", 1)[0] + "-" if "-" in word else ""
        out.append(head + _capitalised_like(form.word, word.rsplit("-", 1)[-1]))
    return " ".join(out)


def _to_nominative(token: _Token, vocab: Any) -> str:
    case = token.feats.get("Case")
    if case in (None, "Nom") or token.pos not in ("NOUN", "ADJ", "PROPN") or token.text.isupper():
        return token.text
    oc_case = _UD_TO_OC_CASE.get(case or "")
    gender = _UD_TO_OC_GENDER.get(token.feats.get("Gender", ""))
    parses = [p for p in vocab.parse(token.text.lower())
              if oc_case in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    # The tagger's gender first: "Чрезвычайного" is "Чрезвычайный", not "Чрезвычайное".
    parses.sort(key=lambda p: gender is not None and gender not in p.tag)
    for parse in parses:
        form = parse.inflect({"Nom"})
        if form is not None:
            return _capitalised_like(form.word, token.text)
    return token.text


def _phrase_nominative(text: str, words: list[_Token], vocab: Any) -> str:
    """The phrase with its head noun and the adjectives before it in the nominative."""
    out: list[str] = []
    changing = True
    for i, token in enumerate(words):
        if i:
            out.append(text[words[i - 1].end:token.start])
        if changing and token.pos in ("NOUN", "ADJ", "PROPN"):
            out.append(_to_nominative(token, vocab))
            if token.pos != "ADJ":
                changing = False
        else:
            changing = changing and token.pos == "ADJ"
            out.append(token.text)
    return "".join(out)


def _is_head(token: _Token) -> bool:
    lemma = token.lemma
    return lemma in ROLE_HEADS or lemma.split("-")[-1] in ROLE_HEADS


def _role_word(token: _Token) -> bool:
    """May the token be part of a title next to a name?"""
    if token.text in _STOP_PUNCT or token.pos in _STOP_POS:
        return False
    return not (token.pos == "CCONJ" and token.lemma != "и")


def _role_before(tokens: list[_Token], first: int) -> tuple[int, int] | None:
    """(first, last) token of a title that ends just before the name at `first`."""
    run: list[int] = []
    i = first - 1
    while i >= 0 and len(run) < _MAX_ROLE_TOKENS:
        token = tokens[i]
        # An organisation's name is part of the title whatever it holds: "генеральным
        # секретарем Всемирной метеорологической организации (ВМО) Селесте Сауло".
        if token.entity == "PER" or (not _role_word(token) and token.entity != "ORG"):
            break
        run.append(i)
        i -= 1
    run.reverse()
    heads = [j for j in run if _is_head(tokens[j])]
    if not heads:
        return None
    begin = heads[0]
    while begin - 1 in run and tokens[begin - 1].lemma in ROLE_MODIFIERS:
        begin -= 1
    while tokens[begin].lemma == "и":  # "... и председатель Сената": the "и" joins two people
        begin += 1
    return begin, first - 1


def _role_after(tokens: list[_Token], last: int) -> tuple[int, int] | None:
    """(first, last) token of ", TITLE ..." or "— TITLE ..." after the name ending at `last`."""
    if last + 2 >= len(tokens) or tokens[last + 1].text not in {",", "—", "–", "-"}:
        return None
    begin = last + 2
    i = begin
    while i < len(tokens) and tokens[i].lemma in ROLE_MODIFIERS:
        i += 1
    if i >= len(tokens) or not _is_head(tokens[i]):
        return None
    stop = i
    while stop + 1 < len(tokens) and stop + 1 - begin < _MAX_ROLE_TOKENS:
        following = tokens[stop + 1]
        if not _role_word(following) or following.entity == "PER":
            break
        stop += 1
    return begin, stop


def _set_role(text: str, mention: Mention, tokens: list[_Token],
              spans: list[tuple[str, int, int]], index: int, about_kazakhstan: bool,
              vocab: Any) -> None:
    _type, first, last = spans[index]
    found = _role_before(tokens, first) or _role_after(tokens, last)
    if found is None:
        return
    begin, stop = found
    words = tokens[begin:stop + 1]
    head = next(j for j, t in enumerate(words) if _is_head(t))
    # The title in the nominative: its modifiers and head change, the rest stays as written.
    parts: list[str] = []
    for j, token in enumerate(words):
        if j:
            parts.append(text[words[j - 1].end:token.start])
        parts.append(_to_nominative(token, vocab) if j <= head else token.text)
    mention.role = "".join(parts)
    organisations = [(t, f, la) for t, f, la in spans if t == "ORG" and begin <= f and
                     la <= stop]
    organisation = None
    if organisations:
        _t, f, la = organisations[0]
        organisation = re.sub(r"\s*\([^()]*\)$", "",  # "... организация (ВМО)"
                              _phrase_nominative(text, tokens[f:la + 1], vocab))
    mention.affiliation = affiliation_of(mention.role, [t.lemma for t in words],
                                         organisation, about_kazakhstan)


def affiliation_of(role: str, lemmas: list[str], organisation: str | None,
                   about_kazakhstan: bool) -> str | None:
    """The country or organisation a person with this title represents.

    In order:
    1. the first country the title names, unless "в"/"на" makes it the host
       ("Посол Казахстана в Бельгии" -> Kazakhstan, "Посол Бельгии в Казахстане" -> Belgium);
    2. Kazakhstan, for a state post ("министр", "аким", "посол", "депутат"...) or a title naming
       a state body ("МИД", "Сенат", "министерства"), when the text names Kazakhstan or a place
       in it, or the post is one only Kazakhstan has ("аким", "Сенат", "Мажилис", "маслихат"):
       Kazakhstan's news leaves its own officials' country unsaid and names foreign ones';
    3. the organisation named in the title ("председатель правления АО «Казахтелеком»");
    4. else none.
    """
    words = role.split()
    for place in find_places(role, "ru"):
        country = country_of(place.canonical or place.text)
        if country is None:
            continue
        before = role[:place.start].split()
        if before and before[-1].lower() in _HOST_PREPOSITIONS:
            continue
        return country
    state_post = any(lemma in STATE_HEADS or lemma in STATE_BODIES for lemma in lemmas) or any(
        w.strip("«»\"").lower() in STATE_BODIES for w in words)
    kazakh_only = any(lemma in KAZAKHSTAN_ONLY for lemma in lemmas)
    if kazakh_only or (state_post and about_kazakhstan):
        return "Kazakhstan"
    return organisation


def _about_kazakhstan(text: str) -> bool:
    return any(in_kazakhstan(p.canonical or "") for p in find_places(text, "ru"))
