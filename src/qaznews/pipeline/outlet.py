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
from urllib.parse import urlsplit

_GOVKZ_ENTITY = re.compile(r"gov\.kz/memleket/entities/([\w-]+)", re.I)
_AGENCIES = r"KAZINFORM|QAZINFORM|KAZTAG|INTERFAX-KAZAKHSTAN|KAZAKHSTAN TODAY|BNEWS|TENGRINEWS"
_DATELINE = re.compile(
    rf"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w .'’-]{{1,40}}[.,]\s+({_AGENCIES})\s*[–—-]", re.I
)
_NAME = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"“][^,;:()]{1,90}?"
_EN_VERBS = r"reports|has learnt|has learned|learnt|cites|quotes|informs|writes"
_ATTRIBUTION_PATTERNS = (
    # "..., Ministry of Foreign Affairs of the Republic of Kazakhstan reports."
    re.compile(rf"(?:^|,\s+|\.\s+)({_NAME}|[\w.-]+\.[a-z]{{2,6}})\s+(?:{_EN_VERBS})\b"),
    # "..., сообщает пресс-служба МИД РК." / "передает корреспондент Kazinform"
    re.compile(
        rf"(?:сообщает|сообщают|сообщили в|передает|передаёт|пишет|информирует)\s+"
        rf"(?:корреспондент(?:ы)?\s+|пресс-служба\s+|сайт\s+)?({_NAME}|[\w.-]+\.[a-z]{{2,6}})"
        rf"(?=[.,;]|$)"
    ),
    # Kazakh, verb last: "..., деп хабарлайды Kazinform" or "Kazinform тілшісі хабарлайды"
    re.compile(rf"(?:хабарлайды|habarlaıdy|xabarlaıdy)\s+({_NAME})(?=[.,;]|$)"),
    re.compile(rf"(?:^|,\s+|\.\s+)({_NAME})\s+(?:тілшісі\s+|tilshisi\s+)?"
               rf"(?:хабарлайды|habarlaıdy|xabarlaıdy)"),
)
#: Words each attribution pattern cannot match without (tested before the pattern).
_ATTRIBUTION_CUES = (
    ("report", "learn", "cite", "quote", "inform", "write"),
    ("сообща", "переда", "пишет", "информир"),
    ("хабарлайды", "habarlaıdy", "xabarlaıdy"),
    ("хабарлайды", "habarlaıdy", "xabarlaıdy"),
)
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


def outlet_from_text(body: str) -> str | None:
    """The outlet named by a dateline or attribution phrase in the lead paragraph."""
    lead = body.split("\n", 1)[0]
    dateline = _DATELINE.match(lead)
    if dateline:
        return canonical_outlet(dateline.group(1))
    folded = lead.casefold()
    for pattern, cues in zip(_ATTRIBUTION_PATTERNS, _ATTRIBUTION_CUES, strict=True):
        if not any(cue in folded for cue in cues):
            continue  # the pattern's verb is absent: skip the slow scan
        for match in pattern.finditer(lead):
            name = match.group(1).strip()
            if _NOT_A_SOURCE.match(name) or len(name.split()) > 12:
                continue
            return canonical_outlet(name)
    return None


def find_outlet(url: str | None, body: str) -> str | None:
    return outlet_from_url(url) or outlet_from_text(body)
