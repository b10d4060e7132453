"""Mentions: the spans of an article's text that name a person, an organisation or a place.

Every recogniser (spaCy for English, natasha for Russian, the gazetteer and rules for Kazakh)
returns :class:`Mention` objects over the same text: the article's title, a blank line, then
its body (:func:`article_text`). Later steps set `canonical`, `role` and `affiliation`, and
turn mentions into the :class:`qaznews.model.Entity` records that are stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qaznews.model import Article, Entity

MentionType = Literal["person", "organization", "place"]
MENTION_TYPES: tuple[MentionType, ...] = ("person", "organization", "place")

#: Between the title and the body in the text mentions point into.
TITLE_SEPARATOR = "\n\n"


@dataclass(slots=True)
class Mention:
    """One span naming an entity; `start` and `end` are offsets into the article text."""

    text: str
    type: MentionType
    start: int
    end: int
    #: The entity's fullest name in the article (a surname alone points at the full name).
    canonical: str | None = None
    #: The title written around a person's name ("First Deputy Minister of Foreign Affairs").
    role: str | None = None
    #: The country or organisation the person represents.
    affiliation: str | None = None
    #: The language of the paragraph the mention was read from.
    language: str | None = None

    @property
    def name(self) -> str:
        return self.canonical or self.text

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    def as_entity(self) -> Entity:
        return Entity(text=self.text, type=self.type, canonical=self.canonical,
                      role=self.role, affiliation=self.affiliation)


def article_text(article: Article) -> str:
    """The text every recogniser reads: the title (when there is one), then the body."""
    if article.title:
        return article.title + TITLE_SEPARATOR + article.body
    return article.body


def body_offset(article: Article) -> int:
    """Where the body starts in :func:`article_text`."""
    return len(article.title) + len(TITLE_SEPARATOR) if article.title else 0


def entities_of(mentions: list[Mention]) -> list[Entity]:
    """One stored entity per distinct (text, type, canonical, role, affiliation), in text order."""
    seen: set[Entity] = set()
    out: list[Entity] = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        entity = mention.as_entity()
        if entity not in seen:
            seen.add(entity)
            out.append(entity)
    return out
