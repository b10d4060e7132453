"""The gazetteer: countries and Kazakhstan's places in English, Russian and Kazakh."""

from __future__ import annotations

import pytest

from qaznews.pipeline.gazetteer import country_of, find_places, fold, in_kazakhstan, place_kind
from qaznews.pipeline.gazetteer_build import OUTPUT, build_rows, kazakh_latin, render


def places(text: str, language: str | None = None) -> list[tuple[str, str | None]]:
    return [(m.text, m.canonical) for m in find_places(text, language)]


def test_shipped_table_is_what_the_sources_build() -> None:
    rows, _conflicts = build_rows()
    assert OUTPUT.read_text(encoding="utf-8") == render(rows), (
        "run: python -m qaznews.pipeline.gazetteer_build")


@pytest.mark.parametrize(("phrase", "country"), [
    ("Kazakhstan", "Kazakhstan"),
    ("Kazakh", "Kazakhstan"),
    ("Kazakhstani", "Kazakhstan"),
    ("the Republic of Kazakhstan", "Kazakhstan"),
    ("Казахстана", "Kazakhstan"),
    ("Республики Казахстан", "Kazakhstan"),
    ("РК", "Kazakhstan"),
    ("Қазақстанның", "Kazakhstan"),
    ("Қазақстан Республикасының", "Kazakhstan"),
    ("Қазақстандық", "Kazakhstan"),
    ("Qazaqstan", "Kazakhstan"),
    ("Qazaqstannyń", "Kazakhstan"),
    ("UAE", "United Arab Emirates"),
    ("Объединённых Арабских Эмиратов", "United Arab Emirates"),
    ("Объединенных Арабских Эмиратов", "United Arab Emirates"),  # е for ё
    ("Біріккен Араб Әмірліктері", "United Arab Emirates"),
    ("UK", "United Kingdom"),
    ("Hellenic Republic", "Greece"),
    ("Greek", "Greece"),
    ("в Греции", "Greece"),
    ("Viet Nam", "Vietnam"),
    ("Vietnam", "Vietnam"),
    ("Turkey", "Türkiye"),
    ("Turkiye", "Türkiye"),
    ("Sultanate of Oman", "Oman"),
    ("State of Kuwait", "Kuwait"),
    ("Kingdom of Norway", "Norway"),
    ("Iranian", "Iran"),
    ("Algerian", "Algeria"),
    ("Russian Federation", "Russia"),
    ("республики казахстан", "Kazakhstan"),  # lower case still reads
])
def test_country_of_names_in_every_language(phrase: str, country: str) -> None:
    assert country_of(phrase) == country


@pytest.mark.parametrize("phrase", ["Astana", "Mangistau", "Ministry of Foreign Affairs", "us",
                                    "Dominican", ""])
def test_country_of_is_none_for_what_is_not_one_country(phrase: str) -> None:
    # "Dominican" is Dominica's and the Dominican Republic's: no guess.
    assert country_of(phrase) is None


def test_english_places_longest_match_and_possessive() -> None:
    text = ("Kazakhstan's Deputy Foreign Minister met the Ambassador of the United Arab "
            "Emirates in Astana on Monday.")
    assert places(text, "en") == [("Kazakhstan's", "Kazakhstan"),
                                  ("United Arab Emirates", "United Arab Emirates"),
                                  ("Astana", "Astana")]
    first = find_places(text)[0]
    assert (first.start, first.end, first.type) == (0, 12, "place")


def test_names_are_case_sensitive() -> None:
    assert places("He ordered a turkey sandwich and a glass of china tea.") == []
    assert places("Delegations from Turkey and China arrived.") == [("Turkey", "Türkiye"),
                                                                      ("China", "China")]


def test_word_boundaries() -> None:
    # "Oman" inside "Romania"/"woman", "Iran" inside "Iranian": no place.
    assert places("A woman from Romania spoke to Iranian students.") == [("Romania", "Romania")]


def test_names_do_not_run_over_punctuation_or_lines() -> None:
    assert places("Visitors came from Bosnia and Herzegovina.") == [
        ("Bosnia and Herzegovina", "Bosnia and Herzegovina")]
    assert places("Bosnia.\nand Herzegovina") == []


def test_kazakhstan_regions_cities_and_variants() -> None:
    text = ("The film will be shot in Mangistau and the Zhetysu region; the team flew from "
            "Nur-Sultan via Uralsk to Chimkent and Ust-Kamenogorsk.")
    assert [c for _t, c in places(text)] == ["Mangystau Region", "Jetisu Region", "Astana",
                                            "Oral", "Shymkent", "Oskemen"]


def test_russian_cases() -> None:
    text = ("Посол Казахстана в Греции провёл встречу в Объединённых Арабских Эмиратах, "
            "затем посетил Мангистаускую область и Нур-Султан.")
    assert places(text, "ru") == [
        ("Казахстана", "Kazakhstan"), ("Греции", "Greece"),
        ("Объединённых Арабских Эмиратах", "United Arab Emirates"),
        ("Мангистаускую область", "Mangystau Region"), ("Нур-Султан", "Astana")]


def test_russian_words_that_look_like_names_are_not_places() -> None:
    assert places("Того же мнения придерживаются эксперты.", "ru") == []


def test_kazakh_endings_stripped_in_cyrillic_and_latin() -> None:
    cyrillic = "Қазақстанның Бельгиядағы елшісі Астанада Маңғыстау облысының әкімімен кездесті."
    assert places(cyrillic, "kk") == [
        ("Қазақстанның", "Kazakhstan"), ("Бельгиядағы", "Belgium"), ("Астанада", "Astana"),
        ("Маңғыстау облысының", "Mangystau Region")]
    latin = "Qazaqstannyń Belgııadaǵy elshisi Astanada Mańǵystaý oblysynyń ákimimen kezdesti."
    assert [c for _t, c in places(latin, "kk")] == [
        "Kazakhstan", "Belgium", "Astana", "Mangystau Region"]


def test_kazakh_endings_only_for_kazakh_text() -> None:
    # Without the language the endings are not stripped: "Кубане" (the Kuban) is not Cuba.
    assert places("Делегация побывала на Кубане.", "ru") == []
    assert places("Астанада", None) == []
    assert places("Астанада", "kk") == [("Астанада", "Astana")]


def test_fold_keeps_offsets() -> None:
    text = "Túrkııa, Объединённых, Côte d'Ivoire"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Turkiia, Объединенных, Cote d'Ivoire"


def test_kazakh_latin_transliteration() -> None:
    assert kazakh_latin("Қазақстан Республикасы") == "Qazaqstan Respýblıkasy"
    assert kazakh_latin("Нұр-Сұлтан") == "Nur-Sultan"
    assert kazakh_latin("АҚШ") == "AQSh"


def test_kinds_and_kazakhstan() -> None:
    assert place_kind("Kazakhstan") == "country"
    assert place_kind("Abai Region") == "region"
    assert place_kind("Ulytau Region") == "region"
    assert place_kind("Shymkent") == "city"
    assert place_kind("Karasay District") == "district"
    assert place_kind("Atlantis") is None
    assert in_kazakhstan("Kazakhstan") and in_kazakhstan("Jetisu Region")
    assert not in_kazakhstan("Geneva") and not in_kazakhstan("Atlantis")


def test_headline_capitals() -> None:
    assert places("KAZAKHSTAN AND GREECE SIGN MEMORANDUM") == [("KAZAKHSTAN", "Kazakhstan"),
                                                              ("GREECE", "Greece")]
