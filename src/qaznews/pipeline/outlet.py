"""Which outlet an article comes from, as the page itself says.

In order of trust:

1. a gov.kz source link names the publishing government body in its path
   (`/memleket/entities/mfa-geneva/...` → `mfa-geneva`); another source link
   names its site;
2. an agency dateline opening the body (`ASTANA. KAZINFORM –`);
3. an attribution phrase in the lead paragraph: "..., Ministry of Foreign Affairs of
   the Republic of Kazakhstan reports", "Qazinform News Agency cites ...",
   "сообщает пресс-служба ...", "... хабарлайды".

Names are then brought to one form per outlet ("Qazinform News Agency" and
"KAZINFORM" are both "Qazinform").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from qaznews.pipeline.clean import holds_any

_GOVKZ_ENTITY = re.compile(r"gov\.kz/memleket/entities/([\w-]+)", re.I)
_AGENCIES = r"KAZINFORM|QAZINFORM|KAZTAG|INTERFAX-KAZAKHSTAN|KAZAKHSTAN TODAY|BNEWS|TENGRINEWS"
_DATELINE = re.compile(
    rf"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w .'’-]{{1,40}}[.,]\s+({_AGENCIES})\s*[–—-]", re.I
)
_NAME = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"“][^,;:()]{1,90}?"
_DOMAIN = r"[\w.-]+\.[a-z]{2,6}"
#: A whole clause that can name a source: capitalised, no clause punctuation, or a domain.
_SOURCE_CLAUSE = re.compile(rf"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"“][^,;:()]{{1,90}}|{_DOMAIN}")
_EN_VERBS = ("reports", "has learnt", "has learned", "learnt", "cites", "quotes", "informs",
             "writes")
_RU_VERBS = ("сообщает", "сообщают", "сообщили в", "передает", "передаёт", "пишет",
             "информирует")
_KK_VERBS = ("хабарлайды", "habarlaıdy", "xabarlaıdy")
_KK_REPORTER = ("тілшісі", "tilshisi")


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A pattern whose every match has one of ``words`` ``offset`` characters after its start.

    Matches are tried only where such a word stands, found by ``str.find`` at C speed: the
    pattern itself opens with white space or an alternation, which the regex engine
    would try at every position of the text.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...]
    offset: int = 0

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text)`` gives, in the same order."""
        starts: set[int] = set()
        for word in self.words:
            at = text.find(word)
            while at >= 0:
                if at >= self.offset:
                    starts.add(at - self.offset)
                at = text.find(word, at + 1)
        end = 0
        for start in sorted(starts):
            if start < end:  # inside the last match: finditer goes on after it
                continue
            found = self.pattern.match(text, start)
            if found:
                yield found
                end = max(found.end(), start + 1)


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


#: Phrases whose source stands *before* the verb, as the clause the verb ends:
#: "..., Ministry of Foreign Affairs of the Republic of Kazakhstan reports."
#: "..., Kazinform тілшісі хабарлайды." The verb is found first and the clause before it
#: taken whole, which keeps the search linear in the lead's length.
_VERB_AFTER_SOURCE = {
    "en": _Phrase(re.compile(rf"\s(?:{_alternatives(_EN_VERBS)})\b"), _EN_VERBS, offset=1),
    "kk": _Phrase(
        re.compile(rf"\s(?:тілшісі\s+|tilshisi\s+)?(?:{_alternatives(_KK_VERBS)})"),
        _KK_REPORTER + _KK_VERBS, offset=1,
    ),
}
#: Phrases whose source follows the verb: "..., сообщает пресс-служба МИД РК.",
#: "передает корреспондент Kazinform", "..., деп хабарлайды Kazinform."
_VERB_BEFORE_SOURCE = {
    "ru": _Phrase(re.compile(
        rf"(?:{_alternatives(_RU_VERBS)})\s+"
        rf"(?:корреспондент(?:ы)?\s+|пресс-служба\s+|сайт\s+)?({_NAME}|{_DOMAIN})"
        rf"(?=[.,;]|$)"
    ), _RU_VERBS),
    "kk": _Phrase(re.compile(rf"(?:{_alternatives(_KK_VERBS)})\s+({_NAME})(?=[.,;]|$)"),
                  _KK_VERBS),
}
#: Words without which a language's phrases cannot match, tested on the case-folded lead
#: before the patterns (an English verb is found as it stands, by :class:`_Phrase`).
_CUES = {
    "ru": ("сообща", "переда", "пишет", "информир"),
    "kk": ("хабарлайды", "habarlaıdy", "xabarlaıdy"),
}
_NOT_A_SOURCE = re.compile(
    r"^(?:the|he|she|it|they|this|that|we|i|he also|the report|the ministry|он|она|они|ол)\b",
    re.I,
)

#: Canonical names of outlets that appear under several names.
_CANONICAL = (
    (re.compile(r"qazinform|kazinform|казинформ|қазинформ", re.I), "Qazinform"),
    (re.compile(r"ministry of foreign affairs|foreign ministry|мид рк|"
                r"министерств\w* иностранных дел|сыртқы істер министрлігі", re.I),
     "Ministry of Foreign Affairs"),
    (re.compile(r"kazakhstan today|казахстан сегодня", re.I), "Kazakhstan Today"),
)
_DROP_SUFFIX = re.compile(
    r"\s+(?:news agency|information agency|of the republic of kazakhstan|"
    r"республики казахстан|рк)$",
    re.I,
)


@lru_cache(maxsize=1024)  # a capture names the same few outlets again and again
def canonical_outlet(name: str) -> str:
    text = " ".join(name.strip(" .,«»\"“”").split())
    for pattern, canonical in _CANONICAL:
        if pattern.search(text):
            return canonical
    while True:
        shorter = _DROP_SUFFIX.sub("", text)
        if shorter == text:
            return text
        text = shorter


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    entity = _GOVKZ_ENTITY.search(url)
    if entity:
        return entity.group(1)
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _sources_before(lead: str, verb: _Phrase) -> Iterator[str]:
    for found in verb.finditer(lead):
        end = found.start()
        cut = max(lead.rfind(", ", 0, end), lead.rfind(". ", 0, end))
        clause = lead[cut + 2 if cut >= 0 else 0:end]
        if _SOURCE_CLAUSE.fullmatch(clause):
            yield clause


def _attributions(lead: str) -> Iterator[str]:
    """Names of sources in the lead's attribution phrases, English first, then Russian and
    Kazakh."""
    yield from _sources_before(lead, _VERB_AFTER_SOURCE["en"])
    if lead.isascii():  # the Russian and Kazakh phrases hold letters no ASCII text has
        return
    folded = lead.casefold()
    if holds_any(folded, _CUES["ru"]):
        yield from (m.group(1) for m in _VERB_BEFORE_SOURCE["ru"].finditer(lead))
    if holds_any(folded, _CUES["kk"]):
        yield from (m.group(1) for m in _VERB_BEFORE_SOURCE["kk"].finditer(lead))
        yield from _sources_before(lead, _VERB_AFTER_SOURCE["kk"])


def outlet_from_text(body: str) -> str | None:
    """The outlet named by a dateline or attribution phrase in the lead paragraph."""
    end = body.find("\n")
    lead = body if end < 0 else body[:end]  # split() would copy the rest of the body too
    dateline = _DATELINE.match(lead)
    if dateline:
        return canonical_outlet(dateline.group(1))
    for found in _attributions(lead):
        name = found.strip()
        if _NOT_A_SOURCE.match(name) or len(name.split()) > 12:
            continue
        return canonical_outlet(name)
    return None


def find_outlet(url: str | None, body: str) -> str | None:
    return outlet_from_url(url) or outlet_from_text(body)
