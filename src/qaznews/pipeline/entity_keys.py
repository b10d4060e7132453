"""Keys that say whether two names are one entity, across scripts and spellings.

A person's key is the set of the consonant skeletons of the words of their name
(:func:`qaznews.pipeline.stories.name_skeleton`, the one story linking compares names
with), doubled letters folded, initials and patronymics left out, in sorted order:
"Yerzhan Ashikbayev", "Ержан Ашикбаев", "Ашикбаев Ержан" and "Ержаном Ашикбаевым" all
give ``rjn shkbv``. Organisations and places keep their vowels (a skeleton alone
would make Oman and Amman, or Iran and Oran, one place): the words of their plain Latin
reading, ``y`` read as ``i`` and doubled letters folded, so "Алматы" is "Almaty".
"""

from __future__ import annotations

import re

from qaznews.pipeline.stories import _CYRILLIC_CASE_ENDINGS, name_skeleton, transliterate

#: The entity types of the model; recognisers' other spellings are read as these.
ENTITY_TYPES: tuple[str, ...] = ("person", "organization", "place")
_TYPE_SPELLINGS = {
    "per": "person", "persons": "person", "people": "person",
    "org": "organization", "organisation": "organization",
    "loc": "place", "gpe": "place", "location": "place", "country": "place", "city": "place",
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DOUBLED = re.compile(r"(.)\1+")
#: Russian and Kazakh patronymics, in either script: not part of what names a person in
#: the news (a Russian text gives them, an English one seldom does).
_PATRONYMIC = re.compile(
    r"(?:ович|евич|овна|евна|ична|ovich|evich|ovna|evna|ichna)$|^(?:ұлы|қызы|улы|кызы|uly|kyzy|uli|qyzy)$"
)


#: The Russian case endings name_skeleton takes off a Cyrillic word, as they read in Latin:
#: taken off a Latin word too, so that "Касым" (whose "ым" goes) still meets "Kassym".
_LATIN_CASE_ENDINGS = tuple(transliterate(ending) for ending in _CYRILLIC_CASE_ENDINGS)


def entity_type(value: object) -> str:
    """The model's type for a recogniser's type name ("PER", "GPE"...); others as written."""
    text = str(value or "").strip().casefold() or "other"
    return _TYPE_SPELLINGS.get(text, text)


def _fold_doubles(text: str) -> str:
    return _DOUBLED.sub(r"\1", text)


def person_parts(name: str) -> list[str]:
    """The sorted, distinct skeletons of the words naming a person."""
    parts: set[str] = set()
    for word in _WORD.findall(name):
        if len(word) < 2 or _PATRONYMIC.search(word.casefold()):
            continue  # an initial, a patronymic
        folded = word.casefold()
        if folded.isascii():
            ending = next((e for e in _LATIN_CASE_ENDINGS
                           if folded.endswith(e) and len(folded) - len(e) >= 3), "")
            word = word[:len(word) - len(ending)]
        skeleton = _fold_doubles(name_skeleton(word))
        if skeleton:
            parts.add(skeleton)
    return sorted(parts)


def place_key(name: str) -> str:
    """An organisation's or place's name as plain Latin words (vowels kept)."""
    words = _WORD.findall(transliterate(name))
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(_fold_doubles(word.replace("y", "i")) for word in words)


def entity_key(type_: str, name: str) -> str:
    """What two names of one type must share to be one entity (never empty)."""
    key = " ".join(person_parts(name)) if type_ == "person" else place_key(name)
    return key or "=" + " ".join(name.casefold().split())
