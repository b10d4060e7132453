"""Language detection: lingua for most languages, our own markers for Kazakh in the Latin script.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qaznews.pipeline.language import (
    MAX_ANALYSED_CHARS,
    article_language,
    detect_language,
    paragraph_languages,
)

ENGLISH = [
    "The government discussed support for farmers at a meeting on Tuesday, and the minister said "
    "new machinery would be bought this year.",
    "Authorities in Shymkent said the new hospital would open in early spring.",
    # Short headlines whose -y words (heavy, city, many) look like Kazakh y = ы.
    "Heavy rain floods Almaty streets",
    "Study finds many young people favour city life",
    "Energy ministry says city heating ready",
]
RUSSIAN = [
    "Сегодня на заседании правительства обсудили развитие сельского хозяйства и поддержку "
    "фермеров в северных регионах.",
    "Токаев провёл встречу с акимом Алматы",
]
KAZAKH_CYRILLIC = [
    "Бүгін Үкімет отырысында ауыл шаруашылығын дамыту және фермерлерге қолдау көрсету мәселелері "
    "қаралды.",
    "Астанада жаңа мектеп ашылды",
    "Елімізде жылу маусымы басталды",
    "Бүгін",
]
KAZAKH_LATIN_2018 = [
    # news-style headlines
    "Prezıdent Qazaqstannyń eksport saıasatyn jańa deńgeıge kóterýdi tapsyrdy",
    "Almatyda jańa mektep ashyldy",
    "Aqtóbe oblysynda sý tasqyny qaýpi artty",
    "Almaty oblysynda jer silkinisi tirkeldi",
    "Memleket basshysy jastarmen kezdesti",
    "Toqaev Ýkraına máselesi boıynsha málimdeme jasady",
    # month names
    "Qańtar aıynda ónerkásip óndirisi ósti",
    "Naýryz merekesi qarsańynda qala turǵyndary úshin konsert ótedi. Sáýir aıynda jol jóndeý "
    "jumystary bastalady.",
    "Mamyr men Maýsym aılarynda egis jumystary aıaqtalady",
    "Qyrkúıek aıynda mektepterde jańa oqý jyly bastalady",
    "Jeltoqsan aıynyń sońyna deıin barlyq aýyldar taza aýyz sýmen qamtamasyz etiledi",
    # bodies opening with an English-style dateline
    "ASTANA. KAZINFORM – Memleket basshysy Aqordada Ulttyq bank tóraǵasyn qabyldady. Kezdesý "
    "barysynda elimizdegi ınflıatsıa men aqsha-nesıe saıasatynyń jaı-kúıi talqylandy.",
    "ALMATY. KAZINFORM – Búgin qalada qar qalyń jaýyp, keıbir kóshelerde kólik keptelisi paıda "
    "boldy. Qalalyq ákimdik turǵyndardy saq bolýǵa shaqyrdy.",
]
KAZAKH_LATIN_2021 = [
    "Bügın Ükımet otyrysynda auyl şaruaşylyğyn damytu jäne fermerlerge qoldau körsetu mäselelerı "
    "qaraldy. Būl jūmys üşin qosymşa qarajat bölınedı.",
    "Qañtar aiynda önerkäsıp öndırısı östı",
    "Mäjılıs jaña zañ jobasyn maqūldady",
    "Prezident jastar üşin jaña bağdarlamany bekıttı",
]
TURKISH = [
    "Cumhurbaşkanı yeni ihracat politikasını açıkladı",
    "Bugün Bakanlar Kurulu toplantısında tarım sektörünün gelişimi ve çiftçilere destek konuları "
    "ele alındı.",
    "Astana'da Türk Devletleri Teşkilatı zirvesi yapıldı",
    "Ekonomide büyüme beklentileri yükseldi",
    "Öğretmenler yeni müfredatı tartışıyor",
]
UZBEK = [
    "Bugun Vazirlar Mahkamasi yig‘ilishida qishloq xo‘jaligini rivojlantirish va fermerlarga "
    "ko‘mak berish masalalari ko‘rib chiqildi.",
    "Toshkentda yangi maktab ochildi",
    "O‘zbekiston va Qozog‘iston o‘rtasida savdo hajmi oshdi",
    "Mirziyoyev Qozog‘iston Prezidenti bilan telefon orqali muloqot qildi",
]

ENGLISH_BODY = ENGLISH[0]
RUSSIAN_BODY = RUSSIAN[0]
KAZAKH_CYRILLIC_BODY = KAZAKH_CYRILLIC[0]
KAZAKH_LATIN_BODY = KAZAKH_LATIN_2018[-2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, "en") for text in ENGLISH]
    + [(text, "ru") for text in RUSSIAN]
    + [(text, "kk") for text in KAZAKH_CYRILLIC]
    + [(text, "kk") for text in KAZAKH_LATIN_2018]
    + [(text, "kk") for text in KAZAKH_LATIN_2021]
    + [(text, "tr") for text in TURKISH]
    + [(text, "uz") for text in UZBEK],
)
def test_detects_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bakıda yeni məktəb açıldı", "az"),
        ("Die Regierung hat heute neue Maßnahmen zur Unterstützung der Landwirte beschlossen.", "de"),
        ("Le gouvernement a annoncé de nouvelles mesures pour soutenir les agriculteurs.", "fr"),
        # á ó ñ are Kazakh letters too, but é í and the function words outweigh them
        ("La economía de Kazajistán creció más de lo esperado este año", "es"),
        ("Україна і Казахстан підписали угоду про співпрацю", "uk"),
        ("Монгол улсын Ерөнхийлөгч Казахстанд айлчилна", "mn"),
    ],
)
def test_neighbour_languages_are_not_kazakh(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Russian with Kazakh letters in few words: lingua alone calls these Kazakh
        "Министр провёл совещание в Ақорда с акимами областей",
        "В Астане прошло заседание, на котором выступили представители «Нұр Отан» и "
        "«Қазақстан темір жолы».",
        "Тоқаев подписал указ",
        # Latin names in a Cyrillic text
        "Компании Microsoft и Google открыли офисы в Астане в этом году.",
    ],
)
def test_russian_quoting_kazakh_or_english_names_stays_russian(text: str) -> None:
    assert detect_language(text) == "ru"


@pytest.mark.parametrize(
    "text",
    [
        "Премьер-министр Үкімет отырысын өткізді",
        "Интернет провайдерлер тарифті көтерді",
        "Президент Тоқаев Ақордада министрлерді қабылдады",
    ],
)
def test_kazakh_with_russian_loanwords_is_kazakh(text: str) -> None:
    assert detect_language(text) == "kk"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-", "—", "ab", "A1", "12345", "!!! ???", "https://kazinform.kz/news/2024/01/15",
     "www.gov.kz 2024", "info@akorda.kz", "kazinform.kz/ru/abc"],
)
def test_too_short_or_no_letters_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_urls_and_digits_are_ignored() -> None:
    assert detect_language("Астанада жаңа мектеп ашылды https://example.com/a/b 2024 12:30") == "kk"
    assert detect_language("https://www.example.com/ru/news 15.01.2024 " + ENGLISH_BODY) == "en"
    assert detect_language("Qańtar 2024 aıynda ónerkásip 5,4% ósti, habarlaıdy kazinform.kz") == "kk"


def test_decomposed_accents_are_recognised() -> None:
    decomposed = unicodedata.normalize("NFD", "Qańtar aıynda ónerkásip óndirisi ósti")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert detect_language(decomposed) == "kk"


def test_only_the_start_of_a_long_text_is_analysed() -> None:
    long_english = (ENGLISH_BODY + " ") * (MAX_ANALYSED_CHARS // len(ENGLISH_BODY) + 2)
    assert detect_language(long_english) == "en"
    assert detect_language(long_english + RUSSIAN_BODY * 20) == "en"
    assert detect_language((KAZAKH_LATIN_BODY + " ") * 100) == "kk"


def test_mixed_english_title_over_russian_body() -> None:
    assert article_language("Tokayev meets Xi Jinping in Astana", RUSSIAN_BODY) == (
        "mixed",
        "en",
        "ru",
    )


def test_same_language_title_and_body() -> None:
    title = "Правительство обсудило поддержку фермеров"
    assert article_language(title, RUSSIAN_BODY) == ("ru", "ru", "ru")
    assert article_language(KAZAKH_LATIN_2018[1], KAZAKH_LATIN_BODY) == ("kk", "kk", "kk")


def test_russian_title_quoting_a_kazakh_name_over_kazakh_body_is_mixed() -> None:
    assert article_language("Тоқаев подписал указ", KAZAKH_CYRILLIC_BODY) == ("mixed", "ru", "kk")


def test_kazakh_title_in_latin_over_cyrillic_body_is_not_mixed() -> None:
    assert article_language(KAZAKH_LATIN_2018[1], KAZAKH_CYRILLIC_BODY) == ("kk", "kk", "kk")


def test_short_title_takes_the_body_language_when_plausible() -> None:
    # Alone, lingua misreads these (as Azerbaijani); over a body in their language they fit it.
    assert detect_language("Tokayev meets Xi") != "en"
    assert detect_language("Astana") != "kk"
    assert article_language("Tokayev meets Xi", ENGLISH_BODY) == ("en", "en", "en")
    assert article_language("Astana", KAZAKH_LATIN_BODY) == ("kk", "kk", "kk")


def test_english_title_over_latin_kazakh_body_is_mixed() -> None:
    assert article_language("Heavy rain floods Almaty streets", KAZAKH_LATIN_BODY) == (
        "mixed",
        "en",
        "kk",
    )


@pytest.mark.parametrize("placeholder", ["-", "—", "...", "Untitled", "Без названия", "  n/a "])
def test_placeholder_title_has_no_language(placeholder: str) -> None:
    assert article_language(placeholder, RUSSIAN_BODY) == ("ru", None, "ru")


def test_empty_body_takes_the_title_language() -> None:
    assert article_language("Правительство обсудило поддержку фермеров", "") == ("ru", "ru", None)
    assert article_language(KAZAKH_LATIN_2018[0], "  ") == ("kk", "kk", None)


def test_nothing_to_detect() -> None:
    assert article_language(None, "") == (None, None, None)
    assert article_language("-", "") == (None, None, None)
    assert article_language(None, RUSSIAN_BODY) == ("ru", None, "ru")


# Characters the Kazakh, Uzbek and link handling look at, to reach those paths often.
TRICKY_TEXT = st.text(
    alphabet="aeıiouyqwxcshǵńáóúýäñūöüğşәқңөұүһіАЯ'‘ʻ’ -.:/@1Xé\u0301\u0307İ",
    max_size=60,
)


@settings(deadline=None)
@given(st.one_of(st.text(), TRICKY_TEXT))
def test_detect_language_never_raises(text: str) -> None:
    language = detect_language(text)
    assert language is None or re.fullmatch("[a-z]{2}", language)
    if sum(map(str.isalpha, text)) < 3:
        assert language is None


@settings(deadline=None)
@given(st.one_of(st.none(), st.text(), TRICKY_TEXT), st.one_of(st.text(), TRICKY_TEXT))
def test_article_language_is_consistent(title: str | None, body: str) -> None:
    language, title_language, body_language = article_language(title, body)
    assert body_language == detect_language(body)
    if body_language is None:
        assert language == title_language
    elif title_language in (None, body_language):
        assert language == body_language
    else:
        assert language == "mixed"


def test_english_headlines_full_of_names_stay_english() -> None:
    # Headlines of this shape were taken for Tagalog while lingua was offered it.
    for title in (
        "Military personnel congratulated war veteran Artyom Kazyulin on his 95th birthday",
        "Border guards visited veteran Artyom Kazyulin on his 97th birthday",
    ):
        assert detect_language(title) == "en", title


# --- per paragraph ------------------------------------------------------------------------

_RUSSIAN_PARAGRAPH = (
    "Заместитель министра иностранных дел провёл встречу с послом Финляндии в Астане. "
    "Стороны обсудили сотрудничество в области образования и чистых технологий."
)
_KAZAKH_PARAGRAPH = (
    "Сыртқы істер министрінің орынбасары Финляндия елшісімен кездесті. Тараптар білім беру "
    "және таза технологиялар саласындағы ынтымақтастықты талқылады."
)


def _languages(text: str) -> list[str | None]:
    return [language for _start, _end, language in paragraph_languages(text)]


def test_paragraphs_english_title_over_russian_body() -> None:
    title = "Kazakhstan and Finland Hold Talks in Astana"
    text = f"{title}\n\n{_RUSSIAN_PARAGRAPH}\n{_RUSSIAN_PARAGRAPH}"
    found = paragraph_languages(text)
    assert [language for *_, language in found] == ["en", "ru", "ru"]
    assert text[found[0][0]:found[0][1]] == title
    assert [text[s:e] for s, e, _ in found[1:]] == [_RUSSIAN_PARAGRAPH] * 2


def test_paragraphs_kazakh_and_russian_in_one_body() -> None:
    assert _languages(f"{_KAZAKH_PARAGRAPH}\n{_RUSSIAN_PARAGRAPH}") == ["kk", "ru"]
    assert _languages(f"{_RUSSIAN_PARAGRAPH}\n\n{_KAZAKH_PARAGRAPH}") == ["ru", "kk"]


def test_paragraph_in_kazakh_latin() -> None:
    kazakh_latin = ("Syrtqy ister mınıstriniń orynbasary Fınlıandıa elshisimen kezdesti. "
                    "Taraptar bilim berý jáne taza tehnologıalar salasyndaǵy yntymaqtastyqty "
                    "talqylady.")
    english = ("The deputy minister met the ambassador of Finland, and the sides discussed "
               "education and clean technologies.")
    assert _languages(f"{kazakh_latin}\n{english}") == ["kk", "en"]


def test_short_paragraphs_take_their_neighbours_language() -> None:
    # "Фото: архив" has no Kazakh letter, alone it would read as Russian.
    text = f"{_KAZAKH_PARAGRAPH}\nФото: архив\n{_KAZAKH_PARAGRAPH}\n  \n12.03.2026"
    found = paragraph_languages(text)
    assert [language for *_, language in found] == ["kk", "kk", "kk"]
    assert text[found[1][0]:found[1][1]] == "Фото: архив"
    assert paragraph_languages("") == [] and paragraph_languages("\n 2026 \n") == []


def test_pure_russian_and_english_paragraphs_skip_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_lingua(text: str) -> dict[str, float]:
        raise AssertionError(f"lingua asked about {text!r}")

    monkeypatch.setattr("qaznews.pipeline.language._lingua_confidences", no_lingua)
    english = "The minister said that the new school will open in the spring of next year."
    assert _languages(f"{english}\n{_RUSSIAN_PARAGRAPH}\nФото: архив") == ["en", "ru", "ru"]
