"""The Russian (natasha and rules) and Kazakh (gazetteer and rules) recognisers."""

from __future__ import annotations

from qaznews.pipeline.mentions import Mention
from qaznews.pipeline.ner_kk import recognise_kk
from qaznews.pipeline.ner_ru import recognise_ru


def person(mentions: list[Mention], canonical: str) -> Mention:
    found = [m for m in mentions if m.type == "person" and m.canonical == canonical]
    assert found, [(m.type, m.text, m.canonical) for m in mentions]
    return found[0]


def of_type(mentions: list[Mention], kind: str) -> list[str | None]:
    return [m.canonical for m in mentions if m.type == kind]


# -- Russian --------------------------------------------------------------------------------

RU_MEETING = ("Посол Казахстана в Бельгии Роман Василенко встретился в Брюсселе с депутатами "
              "Европарламента. Министр иностранных дел РК Ермек Кошербаев провёл переговоры "
              "с первым заместителем министра иностранных дел Ержаном Ашикбаевым.")


def test_ru_offsets_point_into_the_whole_text() -> None:
    title = "Дипломатия\n\n"
    mentions = recognise_ru(title + RU_MEETING, len(title))
    for mention in mentions:
        assert (title + RU_MEETING)[mention.start:mention.end] == mention.text
        assert mention.start >= len(title) and mention.language == "ru"


def test_ru_title_before_name_gives_role_and_country() -> None:
    mentions = recognise_ru(RU_MEETING)
    envoy = person(mentions, "Роман Василенко")
    assert envoy.role == "Посол Казахстана в Бельгии"
    assert envoy.affiliation == "Kazakhstan"  # Belgium is the host: "в Бельгии"
    minister = person(mentions, "Ермек Кошербаев")
    assert minister.role == "Министр иностранных дел РК"
    assert minister.affiliation == "Kazakhstan"


def test_ru_names_and_roles_in_the_nominative() -> None:
    deputy = person(recognise_ru(RU_MEETING), "Ержан Ашикбаев")
    assert deputy.text == "Ержаном Ашикбаевым"
    assert deputy.role == "первый заместитель министра иностранных дел"
    # No country in the title, but the text is about Kazakhstan's officials.
    assert deputy.affiliation == "Kazakhstan"


def test_ru_title_after_name() -> None:
    text = ("Роман Василенко, посол Республики Казахстан в Бельгии, рассказал журналистам "
            "о подготовке визита.")
    envoy = person(recognise_ru(text), "Роман Василенко")
    assert envoy.role == "посол Республики Казахстан в Бельгии"
    assert envoy.affiliation == "Kazakhstan"


def test_ru_foreign_envoy_and_host() -> None:
    text = "Посол Греции в Казахстане Николаос Пападопулос вручил копии верительных грамот."
    envoy = next(m for m in recognise_ru(text) if m.type == "person")
    assert envoy.affiliation == "Greece"


def test_ru_kazakh_only_posts_and_organisations() -> None:
    text = ("Аким района Берик Сарменбаев и председатель Сената Маулен Ашимбаев осмотрели "
            "новую школу. Председатель правления АО «Казахтелеком» Багдат Мусин выступил "
            "в Министерстве цифрового развития.")
    mentions = recognise_ru(text)
    akim = person(mentions, "Берик Сарменбаев")
    assert akim.role == "Аким района" and akim.affiliation == "Kazakhstan"
    speaker = person(mentions, "Маулен Ашимбаев")
    assert speaker.role == "председатель Сената" and speaker.affiliation == "Kazakhstan"
    chairman = person(mentions, "Багдат Мусин")
    assert chairman.affiliation == "АО «Казахтелеком»"
    assert "Министерство цифрового развития" in of_type(mentions, "organization")


def test_ru_places_through_the_gazetteer_and_cut_at_lower_case() -> None:
    text = "В Шымкенте аким района встретился с жителями, затем делегация вылетела в Астану."
    mentions = recognise_ru(text)
    places = [(m.text, m.canonical) for m in mentions if m.type == "place"]
    assert ("Шымкенте", "Shymkent") in places and ("Астану", "Astana") in places


def test_ru_capitalised_sentence_start_is_no_person() -> None:
    text = "Министерство опубликовало отчёт. Вчера Совет утвердил план."
    assert of_type(recognise_ru(text), "person") == []


def test_ru_text_without_entities() -> None:
    assert recognise_ru("в этом году было тепло и сухо.") == []


# -- Kazakh ---------------------------------------------------------------------------------


def test_kk_places_with_endings() -> None:
    text = "Делегация Астанада, кейін Маңғыстау облысында және Қазақстанның батысында болды."
    assert of_type(recognise_kk(text), "place") == ["Astana", "Mangystau Region", "Kazakhstan"]


def test_kk_role_genitive_country_and_host() -> None:
    text = "Қазақстанның Бельгиядағы елшісі Роман Василенко Брюссельде сарапшылармен кездесті."
    mentions = recognise_kk(text)
    envoy = person(mentions, "Роман Василенко")
    assert envoy.role == "Қазақстанның Бельгиядағы елшісі"
    assert envoy.affiliation == "Kazakhstan"


def test_kk_role_with_genitive_chain_and_ending_stripped() -> None:
    text = ("Сыртқы істер министрінің бірінші орынбасары Ержан Ашикбаев Астанада Грекия "
            "елшісімен кездесті. Кездесуде Ержан Ашикбаевпен бірге Сыртқы істер "
            "министрлігінің өкілдері болды.")
    mentions = recognise_kk(text)
    deputy = person(mentions, "Ержан Ашикбаев")
    assert deputy.role == "Сыртқы істер министрінің бірінші орынбасары"
    assert deputy.affiliation == "Kazakhstan"
    second = [m for m in mentions if m.text == "Ержан Ашикбаевпен"]
    assert second and second[0].canonical == "Ержан Ашикбаев"
    assert "Сыртқы істер министрлігі" in of_type(mentions, "organization")


def test_kk_latin_script() -> None:
    text = ("Qazaqstannyń Belgııadaǵy elshisi Roman Vasılenko Brıýsselde Ermek Kósherbaevpen "
            "kezdesti. Syrtqy ister mınıstrligi málimdeme jasady.")
    mentions = recognise_kk(text)
    envoy = person(mentions, "Roman Vasılenko")
    assert envoy.role == "Qazaqstannyń Belgııadaǵy elshisi"
    assert envoy.affiliation == "Kazakhstan"
    assert person(mentions, "Ermek Kósherbaev").text == "Ermek Kósherbaevpen"
    assert "Syrtqy ister mınıstrligi" in of_type(mentions, "organization")
    assert of_type(mentions, "place")[:2] == ["Kazakhstan", "Belgium"]


def test_kk_persons_by_surname_morphology() -> None:
    text = "Жиында Айгүл Серікбаева мен Нұрлан Бақытұлы Жұмабеков баяндама жасады."
    assert of_type(recognise_kk(text), "person") == ["Айгүл Серікбаева",
                                                     "Нұрлан Бақытұлы Жұмабеков"]


def test_kk_capitalised_words_without_name_form_are_no_person() -> None:
    text = "Бүгін Астанада Халықаралық Форум өтті. Жаңа Жоба таныстырылды."
    assert of_type(recognise_kk(text), "person") == []


def test_kk_akim_is_kazakhstan_without_country() -> None:
    text = "Аудан әкімі Берік Сарменбаев тұрғындармен кездесті."
    akim = person(recognise_kk(text), "Берік Сарменбаев")
    assert akim.role == "Аудан әкімі" and akim.affiliation == "Kazakhstan"


def test_kk_offsets_with_start_and_end() -> None:
    text = "Title\n\nЕлшi. Мемлекет басшысы Қасым-Жомарт Тоқаев Астанаға оралды.\n\nEnd"
    start = text.index("Мемлекет")
    end = text.index("\n\nEnd")
    mentions = recognise_kk(text, start, end)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
        assert start <= mention.start and mention.end <= end
    president = person(mentions, "Қасым-Жомарт Тоқаев")
    assert president.role == "Мемлекет басшысы" and president.affiliation == "Kazakhstan"
