"""Events: who met whom, where, when, and what was signed, read from an article's mentions.

An article reports at most one main event (a memorandum signed at a meeting belongs to that
meeting). Its type comes from the first trigger word of the lead: the title, then the first
sentences, in English, Russian or Kazakh. A trigger inside a framing phrase ("As part of his
visit, ... held a meeting") counts only when nothing else does. An event needs a named party:
a participant or an organisation. Participants are the persons with a title, except those only
mentioned (a president whose greetings were conveyed, a poet whose anniversary is marked).
The sentences the event was read from are kept as its evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from qaznews.model import Article, Event, Participant
from qaznews.pipeline.gazetteer import find_places, place_kind
from qaznews.pipeline.mentions import Mention, article_text, body_offset
from qaznews.sources.dates import month_number

EVENT_TYPES = ("credentials", "signing", "meeting", "visit", "statement", "event")

#: Trigger patterns per event type, for English, Russian and Kazakh (Cyrillic and Latin).
#: Within one sentence the earliest trigger wins; these are ordered only for ties.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "credentials": (
        r"credentials", r"letters? of credence", r"верительн\w+ грамот\w*",
        r"копи\w+ верительн\w+", r"сенім грамота\w*", r"senim gramota\w*",
    ),
    "signing": (
        r"(?:signed|inked|sign)\b(?! (?:by|into))", r"подписал\w*", r"подписан\w*",
        r"қол қой\w*", r"qol qoi\w*",
    ),
    "meeting": (
        r"\bmet\b", r"\bmeets?\b", r"\bmeetings?\b", r"\btalks\b", r"\bconsultations\b",
        r"\bnegotiations\b", r"\breceived\b", r"\bhosted a meeting\b", r"\bheld a meeting\b",
        r"\bsessions? of the\b.{0,40}\b(?:committee|council|maslikhat|commission)",
        r"\btrade policy review\b", r"\bbriefing\b(?= with)",
        r"встретил\w*", r"встреч\w+", r"переговор\w+", r"консультаци\w+", r"принял\w*",
        r"заседани\w+", r"совещани\w+",
        r"кездес\w+", r"келіссөз\w*", r"қабылда\w+", r"отырыс\w*", r"кеңес\w* өт\w+",
        r"kezdes\w+", r"kelissóz\w*", r"qabylda\w+",
    ),
    "visit": (
        r"\bvisit(?:ed|s|ing)?\b", r"\btour(?:ed)? of\b", r"\barrived in\b",
        r"визит\w*", r"посетил\w*", r"посещени\w+", r"прибыл\w*",
        r"сапар\w*", r"барды\b", r"келді\b", r"sapar\w*",
    ),
    "statement": (
        r"^statement\b", r"\bmade a statement\b", r"\bissued a statement\b",
        r"\bdelivered a statement\b", r"\bstatement by\b", r"\bpress briefing\b",
        r"заявлени\w+", r"выступил\w* с заявлением", r"мәлімдеме\w*", r"málimdeme\w*",
    ),
    "event": (
        r"\bceremon(?:y|ies)\b", r"\bconcerts?\b", r"\bfestivals?\b", r"\bforums?\b",
        r"\bconferences?\b", r"\bexhibitions?\b", r"\broundtables?\b", r"\bround tables?\b",
        r"\bseminars?\b", r"\bcompetitions?\b", r"\bcontests?\b", r"\bscreenings?\b",
        r"\bfilm days\b", r"\bcinema days\b", r"\bgala\b", r"\bperformances?\b", r"\bballet\b",
        r"\bsummits?\b", r"\bcongress\b", r"\bsession of the conference\b", r"\bcongratulated\b",
        r"\bawarded\b", r"\binaugurat\w+", r"\bopening of\b", r"\breopen\w*", r"\bpresentation\b",
        r"\bpresented\b", r"\bdiscussion\b.{0,40}\bwas held\b", r"\bparticipated in\b",
        r"\btook part in\b", r"\bwebinar\b", r"\bcelebrat\w+", r"\bmarking\b", r"\bevening\b",
        r"церемони\w+", r"концерт\w*", r"фестивал\w+", r"форум\w*", r"конференци\w+",
        r"выставк\w+", r"кругл\w+ стол\w*", r"семинар\w*", r"конкурс\w*", r"презентаци\w+",
        r"поздравил\w*", r"торжествен\w+", r"принял\w* участие",
        r"салтанат\w*", r"фестиваль\w*", r"көрме\w*", r"дөңгелек үстел\w*", r"байқау\w*",
        r"құттықта\w+", r"мерекелік\w*", r"қатысты\w*", r"tusaukeser\w*", r"kórme\w*",
    ),
}

#: A trigger inside one of these sets the scene for the main act rather than naming it.
FRAMING = re.compile(
    r"\b(?:as part of|during|within the framework of|on the sidelines of|in the course of"
    r"|ahead of|following|after)\b(?:\s+\S+){0,4}\s*$"
    r"|(?:в рамках|в ходе|во время|по итогам|накануне)(?:\s+\S+){0,3}\s*$"
    r"|(?:аясында|барысында|кезінде|aiasynda|barysynda|kezinde)\s*$",
    re.IGNORECASE)

#: Framing words that follow the trigger in Kazakh ("сапары аясында").
_FRAMING_AFTER = re.compile(r"^\S*\s+(?:аясында|барысында|кезінде|aiasynda|barysynda|kezinde)\b",
                            re.IGNORECASE)

#: A person written in one of these contexts is mentioned, not taking part.
MENTIONED_ONLY = re.compile(
    r"(?:on behalf of|at the (?:instruction|invitation|initiative) of|instructions? of"
    r"|greetings? (?:from|of)|message (?:from|of)|letter (?:from|of)|condolences (?:from|of)"
    r"|(?:working |official |state |historic )?visit of|named after"
    r"|anniversary of(?: the)?(?: \w+){0,6}|birth of|memory of|honou?r of"
    r"|lives of|death of|initiated by|initiative of|address of|music of|works? of|novel by"
    r"|poems? of|legacy of|tribute to|portrait of|ballet by|book by|according to"
    r"|от имени|по поручению|поручени\w+|приветстви\w+ от|послани\w+|имени"
    r"|атындағы|атынан|тапсырма\w*|сәлем\w*|жолдау\w*)"
    r"(?:\s+(?:the|of|President|Head of State|[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'.-]*,?|[\w-]+ of))*\s*$",
    re.IGNORECASE)
#: Kazakh puts these after the name (in the genitive): "Тоқаевтың атынан сәлем жолдады",
#: "Әуезов атындағы театр", "Абайдың 180 жылдығы"; a title's words may stand between
#: ("Мемлекет басшысы Қасым-Жомарт Тоқаевтың атынан").
_MENTIONED_AFTER = re.compile(
    r"^(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'-]*){0,3}(?:\s+\d+)?\s+(?:атынан|атындағы|тапсырма\w*"
    r"|жолдау\w*|сәлем\w*|құрметіне|жылдығ\w*|мерейтой\w*|atynan|atyndagy|tapsyrma\w*"
    r"|joldau\w*|jyldyg\w*)", re.IGNORECASE)
#: "Tokayev's Address", "Al-Farabi's book": a possessive owner of a work, not a participant.
_POSSESSIVE_WORK = re.compile(
    r"^(?:’s|'s|’)\s+(?:\w+\s+){0,5}(?:address|book|novel|ballet|poem|works?|legacy|message"
    r"|instructions?|initiatives?|greetings|condolences|letter|music|opera|treatise|death)\b",
    re.IGNORECASE)

#: Words that make a phrase an agreement.
AGREEMENT_HEADS = (
    r"memorand\w+", r"agreements?", r"treat(?:y|ies)", r"protocols?", r"roadmaps?",
    r"road maps?", r"declarations?", r"accords?", r"contracts?", r"conventions?",
    r"action plans?", r"plans? of action", r"programmes? of cooperation",
    r"меморандум\w*", r"соглашени\w+", r"договор\w*", r"протокол\w*", r"дорожн\w+ карт\w+",
    r"деклараци\w+", r"келісім\w*", r"меморандум\w*", r"kelisim\w*", r"memorandým\w*",
)
_AGREEMENT = re.compile(
    # Capitalised words before the head only when really capitalised (not under IGNORECASE:
    # "Kazakhstan and Hungary signed an agreement" is no agreement's name).
    r"(?:(?:(?:(?-i:[A-ZА-ЯЁ][\w’'-]*)|a|an|the|new|joint|bilateral|intergovernmental)\s+)*"
    # or, in Kazakh, the subject first: "ынтымақтастық туралы меморандум".
    r"|(?:(?-i:[a-zа-яёәғқңөұүһі][\w’'-]*)\s+){0,4}"
    r"(?:туралы|жөніндегі|саласындағы|арасындағы|turaly|jonindegi|salasyndagy)\s+)"
    rf"(?:{'|'.join(AGREEMENT_HEADS)})"
    r"(?:\s+(?:of|on|for|between|in the field of|in the area of|о|об|по|между|в области)\s+"
    r"[^.;:]{0,120}?)?(?=[.;:]|,| was | were | that | which |$| and the parties| during"
    r"| қол | qol )",
    re.IGNORECASE)
_SIGN_VERB = re.compile(
    r"\b(?:signed|inked|concluded)\b|подписал\w*|подписан\w*|қол қой\w*|qol qoi\w*",
    re.IGNORECASE)
#: "the 10th anniversary of the signing of ...": a signing remembered, not one happening.
_PAST_SIGNING = re.compile(r"anniversary of the signing|годовщин\w+ подписания|жылдығы",
                           re.IGNORECASE)

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s|$)|$)", re.MULTILINE)
#: "Astana, November 25, 2025 –", "Geneva, 25 November 2025 -": a dateline at the lead.
_DATELINE = re.compile(
    r"^\s*([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'. -]{1,40}?),\s+(?:(\d{1,2})\s+([^\W\d_]{3,12})"
    r"|([^\W\d_]{3,12})\s+(\d{1,2}))(?:\s*[-–]\s*\d{1,2})?,?\s+(\d{4})(?:\s*(?:года|г\.))?"
    r"\s*[-–—]"
    # Kazakh writes the year first: "Брюссель, 2025 жылғы 12 қараша –".
    r"|^\s*([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'. -]{1,40}?),\s+(\d{4})\s*(?:жылғы|жылы|ж\.|jylgy)\s+"
    r"(\d{1,2})\s+([^\W\d_]{3,12})\s*[-–—]")
_DAY_MONTH = re.compile(
    r"\b(?:on|from|on the)?\s*(\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s*(?:[-–]|and|to)\s*\d{1,2}(?:st|nd|rd|th)?)?"
    r"\s+(?:of\s+)?([^\W\d_]{3,12})(?:,?\s+(\d{4}))?"
    r"|\b([^\W\d_]{3,12})\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?(?:,?\s+(\d{4}))?",
    re.IGNORECASE)
_VENUE = re.compile(
    r"\b(?:at|in) (?:the )?((?:headquarters|premises|building|stage) of (?:the )?"
    r"[A-Z][^,.;]{2,80}|[A-Z][\w’'-]+(?: (?:of|de|des|named after|the)? ?[A-Z][\w’'()-]+){0,8})")


#: A place the gazetteer does not know is taken only when it names a venue.
_VENUE_WORDS = re.compile(
    r"\b(?:Embassy|Palace|Palais|Hall|House|Cent(?:er|re)|Museum|Library|University|Theat(?:er|re)"
    r"|Headquarters|Stadium|Arena|Club|Hotel|Park|Square|Akorda|Ministry)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Trigger:
    type: str
    start: int
    framed: bool


_COMPILED = {kind: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
             for kind, patterns in TRIGGERS.items()}


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end]."""
    stop = len(text) if end is None else end
    out = []
    for match in _SENTENCE.finditer(text, start, stop):
        if match.group(0).strip():
            s = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            out.append((s, match.end()))
    return out


def triggers_in(text: str, start: int, end: int) -> list[_Trigger]:
    found = []
    for kind, pattern in _COMPILED.items():
        for match in pattern.finditer(text, start, end):
            before = text[max(start, match.start() - 60):match.start()]
            framed = bool(FRAMING.search(before)
                          or _FRAMING_AFTER.match(text[match.start():end]))
            found.append(_Trigger(kind, match.start(), framed))
    order = {kind: i for i, kind in enumerate(EVENT_TYPES)}
    return sorted(found, key=lambda t: (t.start, order[t.type]))


def _lead(article: Article, text: str, max_sentences: int = 3) -> list[tuple[int, int]]:
    spans = []
    if article.title:
        spans.append((0, len(article.title)))
    spans.extend(sentences(text, body_offset(article))[:max_sentences])
    return spans


def event_type(article: Article, text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The main event's type and the lead sentences that show it."""
    lead = _lead(article, text)
    framed_choice: tuple[str, list[tuple[int, int]]] | None = None
    for span in lead:
        found = triggers_in(text, *span)
        if _PAST_SIGNING.search(text[span[0]:span[1]]):
            found = [t for t in found if t.type != "signing"]
        main = [t for t in found if not t.framed]
        if main:
            chosen = _settle(main)
            return chosen, [span]
        if found and framed_choice is None:
            framed_choice = (_settle(found), [span])
    return framed_choice


def _settle(found: list[_Trigger]) -> str:
    """One type from the triggers of a sentence: credentials and signing name the act whatever
    else is said; otherwise the earliest trigger."""
    kinds = {t.type for t in found}
    if "credentials" in kinds:
        return "credentials"
    if "signing" in kinds and "meeting" not in kinds:
        return "signing"
    non_signing = [t for t in found if t.type != "signing"]
    return (non_signing or found)[0].type


def find_events(article: Article, mentions: Sequence[Mention]) -> list[Event]:
    """The article's main event, if it reports one between named parties."""
    text = article_text(article)
    if not text.strip():
        return []
    found = event_type(article, text)
    if found is None:
        return []
    kind, evidence_spans = found
    participants = _participants(text, mentions)
    organizations = _organizations(text, mentions)
    if not participants and not organizations:
        return []
    agreements = _agreements(text, body_offset(article))
    if kind == "signing" and not agreements:
        kind = "meeting" if participants else "event"
    evidence = tuple(text[s:e].strip() for s, e in evidence_spans)
    return [Event(
        type=kind,
        date=_event_date(article, text),
        place=_place(article, text, mentions),
        participants=tuple(participants),
        organizations=tuple(organizations),
        agreements=tuple(agreements),
        evidence=evidence,
    )]


def _mentioned_only(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.start - 80):mention.start]
    after = text[mention.end:mention.end + 40]
    return bool(MENTIONED_ONLY.search(before) or _POSSESSIVE_WORK.match(after)
                or _MENTIONED_AFTER.match(text[mention.end:mention.end + 80]))


def _participants(text: str, mentions: Sequence[Mention]) -> list[Participant]:
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.type == "person":
            groups.setdefault(mention.name, []).append(mention)
    out = []
    for name, members in sorted(groups.items(), key=lambda g: min(m.start for m in g[1])):
        role = next((m.role for m in members if m.role), None)
        if role is None:
            continue
        if all(_mentioned_only(text, m) for m in members):
            continue
        affiliation = next((m.affiliation for m in members if m.affiliation), None)
        out.append(Participant(name=name, role=role, affiliation=affiliation))
    return out


_ATTRIBUTION = re.compile(r",?\s*(?:reports?|cites?|has learnt from|сообщает|хабарлайды)\b",
                          re.IGNORECASE)


def _organizations(text: str, mentions: Sequence[Mention]) -> list[str]:
    names: list[str] = []
    for mention in mentions:
        if mention.type != "organization":
            continue
        after = text[mention.end:mention.end + 30]
        if _ATTRIBUTION.match(after):
            continue  # "..., Ministry of Foreign Affairs reports": the source, not a party
        if _mentioned_only(text, mention):
            continue
        name = mention.name
        if name not in names and not any(name in other for other in names):
            names = [n for n in names if n not in name]
            names.append(name)
    return names


def _agreements(text: str, start: int) -> list[str]:
    found: list[str] = []
    for s, e in sentences(text, start):
        sentence = text[s:e]
        if not _SIGN_VERB.search(sentence) or _PAST_SIGNING.search(sentence):
            continue
        for match in _AGREEMENT.finditer(sentence):
            phrase = re.sub(r"^(?:(?:a|an|the)\s+)+", "", match.group(0).strip(), flags=re.I)
            if len(phrase) > 3 and phrase not in found:
                found.append(phrase)
    return found


def _event_date(article: Article, text: str) -> dt.date | None:
    published = article.published.date if article.published else None
    body = text[body_offset(article):body_offset(article) + 400]
    dateline = _DATELINE.match(body)
    candidates: list[tuple[str, str, str | None]] = []
    if dateline:
        candidates.append(_dateline_parts(dateline)[1:])
    lead = " ".join(text[s:e] for s, e in _lead(article, text, max_sentences=2))
    if dateline:
        lead = lead.replace(dateline.group(0), " ", 1)
    candidates.extend(_day_months(lead))
    # A date in the lead's words ("On 24 November", "from 17 to 22 November") is when it
    # happened; the dateline is when it was reported, so the lead's date comes first.
    ordered = candidates[1:] + candidates[:1] if dateline else candidates
    for day, month_word, year in ordered:
        date = _make_date(day, month_word, year, published)
        if date is not None:
            return date
    return published


def _dateline_parts(dateline: re.Match[str]) -> tuple[str, str, str, str | None]:
    """(place, day, month word, year) of a dateline, in either order of its date."""
    if dateline.group(7):
        return dateline.group(7), dateline.group(9), dateline.group(10), dateline.group(8)
    return (dateline.group(1), dateline.group(2) or dateline.group(5),
            dateline.group(3) or dateline.group(4), dateline.group(6))


def _day_months(text: str) -> list[tuple[str, str, str | None]]:
    """(day, month word, year) of each date of the text. A match whose word is no month
    ("консультации 18", "жылғы 12") is retried one character on, so that it does not hide
    the date it overlaps ("18 декабря", "12 қараша")."""
    found: list[tuple[str, str, str | None]] = []
    position = 0
    while (match := _DAY_MONTH.search(text, position)) is not None:
        if match.group(1):
            day, month_word, year = match.group(1), match.group(2), match.group(3)
        else:
            day, month_word, year = match.group(5), match.group(4), match.group(6)
        if month_number(month_word) is None:
            position = match.start() + 1
            continue
        found.append((day, month_word, year))
        position = max(match.end(), match.start() + 1)
    return found


def _make_date(day: str, month_word: str, year: str | None,
               published: dt.date | None) -> dt.date | None:
    month = month_number(month_word)
    if month is None:
        return None
    if year is None:
        if published is None:
            return None
        year_number = published.year
        try:
            candidate = dt.date(year_number, month, int(day))
        except ValueError:
            return None
        # "On 28 December" in a January article is last year's.
        return candidate.replace(year=year_number - 1) if candidate > published else candidate
    try:
        date = dt.date(int(year), month, int(day))
    except ValueError:
        return None
    if published is not None and abs((date - published).days) > 400:
        return None  # a date from the article's background, not the event
    return date


def _place(article: Article, text: str, mentions: Sequence[Mention]) -> str | None:
    body = text[body_offset(article):body_offset(article) + 400]
    dateline = _DATELINE.match(body)
    if dateline:
        # The gazetteer's name when it knows the place ("Брюссель" is Brussels).
        written = _dateline_parts(dateline)[0].strip()
        known = [p for p in find_places(written, article.language) if p.text == written]
        return (known[0].canonical or written) if known else written
    lead = _lead(article, text, max_sentences=2)
    for start, end in lead[1:] or lead:
        for mention in mentions:
            if start <= mention.start < end and mention.type == "place" \
                    and (place_kind(mention.name) in ("city", "region", "district")
                         or _VENUE_WORDS.search(mention.name)):
                return mention.name
    return None
