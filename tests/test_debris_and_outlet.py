from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qaznews.pipeline.outlet import canonical_outlet, find_outlet
from qaznews.sources.debris import DebrisLearner, is_known_debris, is_listing_header


@pytest.mark.parametrize(
    "line",
    [
        "Images | Kazinform",
        "Фото: пресс-служба акимата",
        "Tell a friend",
        "Поделиться",
        "This information may not be reproduced without reference to Kazakhstan Today.",
        "© 2026 Qazinform. All rights reserved.",
        "Copyright 2026 Steppe Media",
        "Все права защищены. При использовании материалов ссылка на сайт обязательна.",
        "relevant news",
        "Читайте также",
        "Oqı otyryńyz",
        "Most viewed",
        "Самое читаемое",
        "ИНТЕРНЕТ ТЕЛЕВИДЕНИЕ",
        "STEPPE NEWS LIVE",
        "Subscribe to our Telegram channel",
    ],
)
def test_known_debris_kinds(line: str) -> None:
    assert is_known_debris(line)


@pytest.mark.parametrize(
    "line",
    [
        "Photographers from Almaty opened an exhibition in Astana.",
        "The share of renewable energy reached 7 percent.",
        "Parliament tightens copyright law for streaming services",
        "Материалы форума опубликованы на сайте министерства",
        "Long live the partnership between our peoples, said the minister, opening the forum "
        "that gathered delegates from twelve countries to discuss the Middle Corridor.",
    ],
)
def test_text_is_not_debris(line: str) -> None:
    assert not is_known_debris(line)


def test_listing_headers() -> None:
    assert is_listing_header("Most viewed")
    assert is_listing_header("Көп оқылғандар")
    assert not is_listing_header("Most viewers agreed")


def test_learner_keeps_lines_repeated_across_many_items() -> None:
    learner = DebrisLearner(min_repeats=3, min_item_share=0.3)
    for index in range(6):
        learner.start_item()
        learner.observe("Join the discussion in the comments")
        learner.observe(f"Paragraph number {index} of a story about the harvest.")
    learner.start_item()
    learner.observe("Thank you.")
    assert learner.learned() == frozenset({"join the discussion in the comments"})


def test_learner_ignores_lines_of_too_few_items() -> None:
    # Three repeats among 23 items is 13 %, below the 30 % share: could be one story's lines.
    learner = DebrisLearner(min_repeats=3, min_item_share=0.3)
    for _ in range(20):
        learner.start_item()
    for _ in range(3):
        learner.start_item()
        learner.observe("Read more on our site")
    assert learner.learned() == frozenset()
    # The same three repeats among 8 items pass both floors.
    learner = DebrisLearner(min_repeats=3, min_item_share=0.3)
    for index in range(8):
        learner.start_item()
        if index < 3:
            learner.observe("Read more on our site")
    assert learner.learned() == frozenset({"read more on our site"})


@pytest.mark.parametrize(
    ("url", "body", "outlet"),
    [
        ("https://www.gov.kz/memleket/entities/mfa-astana/press/news/details/1?lang=kk", "Text.",
         "mfa-astana"),
        (None, "ASTANA. KAZINFORM – The government approved a plan.", "Qazinform"),
        (None, "АСТАНА. KAZINFORM – Правительство одобрило план.", "Qazinform"),
        (None, "A delegation visited Aktau, Ministry of Foreign Affairs of the Republic of "
               "Kazakhstan reports.\nSecond paragraph.", "Ministry of Foreign Affairs"),
        (None, "Frost is expected this week, Qazinform News Agency reports.", "Qazinform"),
        (None, "Two flares were seen, space.example.com reports.", "space.example.com"),
        (None, "В Астане открылся форум, сообщает пресс-служба МИД РК.",
         "Ministry of Foreign Affairs"),
        (None, "Астанада форум ашылды, деп хабарлайды Kazinform.", "Qazinform"),
        (None, "The minister said the plan reports progress.", None),
        (None, "No attribution at all here.", None),
        # The source is the clause the verb ends, never text from the sentence before.
        (None, "Kazakhstan hosted the talks. The ministry reports progress.", None),
        (None, "Delegations met in Aktau. Steppe Wire reports that talks went well.",
         "Steppe Wire"),
        ("https://tengrinews.example/news/1", "Text.", "tengrinews.example"),
    ],
)
def test_outlet(url: str | None, body: str, outlet: str | None) -> None:
    assert find_outlet(url, body) == outlet


def test_canonical_outlet_forms() -> None:
    assert canonical_outlet("Qazinform News Agency") == "Qazinform"
    assert canonical_outlet("KAZINFORM") == "Qazinform"
    assert canonical_outlet("Ministry of Foreign Affairs of the Republic of Kazakhstan") == (
        "Ministry of Foreign Affairs"
    )
    assert canonical_outlet("Steppe Information Agency") == "Steppe"


@pytest.mark.parametrize(
    "line",
    ["Images | Kazinform", "Tell a friend", "Oqı otyryńyz", "Most viewed", "Самое читаемое",
     "Subscribe to our Telegram channel", "Watch live", "Photo credit: Ministry"],
)
def test_debris_kinds_are_found_in_any_letter_case(line: str) -> None:
    for variant in (line, line.upper(), line.lower(), line.title(), line.swapcase(),
                    line.replace("ı", "i"), line.replace("ı", "I")):
        assert is_known_debris(variant), variant


_PHRASE_PIECES = st.sampled_from([
    " ", "  ", "\u00a0", ", ", ". ", "reports", "has learnt", "has learned", "learnt", "cites",
    "writes", "Ministry", "Kazinform", "kt.kz", "сообщает", "сообщили в", "пресс-служба",
    "МИД РК", "хабарлайды", "тілшісі", "Qazinform", "деп", "x", "(", ";",
])


@given(st.lists(_PHRASE_PIECES, max_size=14).map("".join))
def test_phrases_match_where_their_patterns_match(text: str) -> None:
    from qaznews.pipeline.outlet import _VERB_AFTER_SOURCE, _VERB_BEFORE_SOURCE

    for phrase in (*_VERB_AFTER_SOURCE.values(), *_VERB_BEFORE_SOURCE.values()):
        found = [(m.span(), m.groups()) for m in phrase.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in phrase.pattern.finditer(text)]
