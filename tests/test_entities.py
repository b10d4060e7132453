"""The entity rules on our own fixture articles in English, Russian and Kazakh.

Each rule of docs/ENTITIES.md has a test per language where it applies: a title before or
after a name gives the person a role and an affiliation; initials and a bare surname point at
the full name; an acronym points at the name it stands for; "the Head of State" points at the
president the article names. The texts are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from qaznews.model import Article, Published
from qaznews.pipeline.entities import find_mentions
from qaznews.pipeline.language import article_language
from qaznews.pipeline.mentions import Mention


def analyse(title: str, body: str, published: str = "2025-11-20") -> list[Mention]:
    """The mentions of an article, its languages set as the language stage sets them."""
    article = Article(title=title, body=body,
                      published=Published(dt.date.fromisoformat(published)))
    article.language, article.title_language, article.body_language = \
        article_language(title, body)
    return find_mentions(article)


def persons(mentions: list[Mention], name: str) -> list[Mention]:
    """The person mentions whose name (canonical, else as written) is `name`."""
    found = [m for m in mentions if m.type == "person" and m.name == name]
    assert found, [(m.type, m.text, m.canonical) for m in mentions]
    return found


def person(mentions: list[Mention], name: str) -> Mention:
    return persons(mentions, name)[0]


@pytest.fixture(scope="module", autouse=True)
def _models_loaded_once() -> None:
    """Load spaCy and natasha once for the module, not inside the first test's timing."""
    analyse("Warm-up", "Minister Askar Baimukhanov met Ambassador Daniel Brooks in Astana.")
    analyse("Разминка", "Министр Аскар Баймуханов встретился с послом Дэниелом Бруксом.")


# -- a title before the name ---------------------------------------------------------------


def test_en_title_before_name() -> None:
    mentions = analyse(
        "Kazakh envoy discusses logistics in Brussels",
        "Ambassador of Kazakhstan to Belgium Roman Vassilenko met with representatives of "
        "the Port of Antwerp-Bruges to discuss the Trans-Caspian route.")
    envoy = person(mentions, "Roman Vassilenko")
    assert envoy.role == "Ambassador of Kazakhstan to Belgium"
    assert envoy.affiliation == "Kazakhstan"  # Belgium is where he serves


def test_ru_title_before_name() -> None:
    mentions = analyse(
        "Посол Казахстана обсудил логистику в Брюсселе",
        "Посол Казахстана в Бельгии Роман Василенко встретился с представителями порта "
        "Антверпен-Брюгге и обсудил развитие Транскаспийского маршрута.")
    envoy = person(mentions, "Роман Василенко")
    assert envoy.role == "Посол Казахстана в Бельгии"
    assert envoy.affiliation == "Kazakhstan"


def test_kk_title_before_name_with_genitive_owner_and_field_words() -> None:
    mentions = analyse(
        "Сауда министрі Будапешттегі іскерлік форумға қатысты",
        "Қазақстанның Сауда және интеграция министрі Арман Шаққалиев Венгрияның экономика "
        "министрі Мартон Надьпен кездесті. Тараптар электрондық сауданы дамыту мәселелерін "
        "талқылады.")
    minister = person(mentions, "Арман Шаққалиев")
    assert minister.role == "Қазақстанның Сауда және интеграция министрі"
    assert minister.affiliation == "Kazakhstan"
    # A foreign minister is not Kazakhstan's because the text is about Kazakhstan.
    guest = person(mentions, "Мартон Надь")
    assert guest.role == "Венгрияның экономика министрі"
    assert guest.affiliation == "Hungary"


def test_kk_latin_title_before_name() -> None:
    mentions = analyse(
        "Qazaqstan elshisi Belgiia ministrimen kezdesti",
        "Qazaqstannyń Belgiiadagy elshisi Roman Vasilenko Belgiianyń syrtqy ister ministri "
        "Maksim Prevomen kezdesti. Taraptar saýda baılanystaryn talqylady.")
    envoy = person(mentions, "Roman Vasilenko")
    assert envoy.role == "Qazaqstannyń Belgiiadagy elshisi"
    assert envoy.affiliation == "Kazakhstan"
    minister = person(mentions, "Maksim Prevo")
    assert minister.text == "Maksim Prevomen"  # the case ending is left out of the name
    assert minister.affiliation == "Belgium"


# -- a title after the name ----------------------------------------------------------------


def test_en_title_after_name() -> None:
    mentions = analyse(
        "Kazakhstan and Qatar hold political consultations",
        "Yerzhan Ashikbayev, First Deputy Minister of Foreign Affairs, held talks with the "
        "Qatari delegation in Astana on investment projects.")
    deputy = person(mentions, "Yerzhan Ashikbayev")
    assert deputy.role == "First Deputy Minister of Foreign Affairs"
    assert deputy.affiliation == "Kazakhstan"  # an unmarked state office is Kazakhstan's


@pytest.mark.xfail(strict=True, reason="spaCy reads 'Yerzhan' after 'In Astana,' as a place "
                   "and the English rules keep the split; a fix belongs to the English rules")
def test_en_title_after_name_after_an_opening_phrase() -> None:
    mentions = analyse(
        "Kazakhstan and Qatar hold political consultations",
        "In Astana, Yerzhan Ashikbayev, First Deputy Minister of Foreign Affairs, held talks "
        "with the Qatari delegation on investment projects.")
    deputy = person(mentions, "Yerzhan Ashikbayev")
    assert deputy.role == "First Deputy Minister of Foreign Affairs"


def test_ru_title_after_name() -> None:
    mentions = analyse(
        "Казахстан и Катар провели консультации",
        "В Астане Ержан Ашикбаев, первый заместитель министра иностранных дел Казахстана, "
        "провёл переговоры с катарской делегацией.")
    deputy = person(mentions, "Ержан Ашикбаев")
    assert deputy.role == "первый заместитель министра иностранных дел Казахстана"
    assert deputy.affiliation == "Kazakhstan"


def test_ru_title_around_an_organisation_with_its_acronym() -> None:
    mentions = analyse(
        "Казахстан и ВМО расширяют сотрудничество",
        "Министр экологии Казахстана Ерлан Нысанбаев встретился с генеральным секретарем "
        "Всемирной метеорологической организации (ВМО) Селесте Сауло.")
    head = person(mentions, "Селесте Сауло")
    assert head.role == ("генеральный секретарь Всемирной метеорологической организации "
                         "(ВМО)")
    assert head.affiliation == "Всемирная метеорологическая организация"


def test_ru_title_with_capitalised_words_is_not_a_place() -> None:
    mentions = analyse(
        "Президент принял посла Германии",
        "Президент Казахстана Касым-Жомарт Токаев принял в Акорде Чрезвычайного и "
        "Полномочного Посла Германии Михаэля Штайнера.")
    envoy = person(mentions, "Михаэль Штайнер")
    assert envoy.role == "Чрезвычайный и Полномочный Посол Германии"
    assert envoy.affiliation == "Germany"
    assert not any(m.type == "place" and "Чрезвычайн" in m.text for m in mentions)


# -- initials and a bare surname -------------------------------------------------------------


def test_en_initials_and_surname_link_to_full_name() -> None:
    mentions = analyse(
        "WTO accession talks continue in Geneva",
        "Permanent Representative of Kazakhstan to the WTO Kairat Torebayev met with the "
        "chair of the working party. K.Torebayev outlined the remaining commitments. "
        "Torebayev also thanked the Secretariat for its technical assistance.")
    forms = {m.text for m in persons(mentions, "Kairat Torebayev")}
    assert forms == {"Kairat Torebayev", "K.Torebayev", "Torebayev"}
    short = [m for m in persons(mentions, "Kairat Torebayev") if m.text != "Kairat Torebayev"]
    assert all(m.role == "Permanent Representative of Kazakhstan to the WTO" for m in short)


def test_ru_initials_and_surname_link_to_full_name() -> None:
    mentions = analyse(
        "Казахстан и Катар провели консультации",
        "Первый заместитель министра иностранных дел Казахстана Ержан Ашикбаев провёл "
        "переговоры с делегацией Катара. Е.Ашикбаев отметил рост товарооборота. По словам "
        "Ашикбаева, стороны готовят новые проекты.")
    forms = {m.text for m in persons(mentions, "Ержан Ашикбаев")}
    assert {"Ержан Ашикбаев", "Е.Ашикбаев"} <= forms


def test_kk_initials_with_case_ending_link_to_full_name() -> None:
    mentions = analyse(
        "Қазақстан мен Катар келіссөздер жүргізді",
        "Сыртқы істер министрінің бірінші орынбасары Ержан Ашикбаев Катар делегациясымен "
        "келіссөздер жүргізді. Е.Ашикбаев тауар айналымының өскенін атап өтті.")
    short = [m for m in persons(mentions, "Ержан Ашикбаев") if m.text == "Е.Ашикбаев"]
    assert len(short) == 1
    assert short[0].role == "Сыртқы істер министрінің бірінші орынбасары"
    assert short[0].affiliation == "Kazakhstan"


def test_two_persons_with_the_same_surname_are_not_merged() -> None:
    mentions = analyse(
        "Brothers honoured at Astana ceremony",
        "Minister of Culture Daniyar Sarsenbayev presented the award to composer Askar "
        "Sarsenbayev at the Astana Opera. Sarsenbayev thanked the audience.")
    minister = person(mentions, "Daniyar Sarsenbayev")
    composer = person(mentions, "Askar Sarsenbayev")
    assert minister.role == "Minister of Culture"
    assert composer.role == "composer"
    bare = [m for m in mentions if m.type == "person" and m.text == "Sarsenbayev"]
    # Which of the two is meant cannot be told: the bare surname points at neither.
    assert all(m.canonical is None for m in bare)


# -- acronyms ------------------------------------------------------------------------------


def test_en_acronym_links_to_the_name_it_stands_for() -> None:
    mentions = analyse(
        "Kazakhstan and the WMO discuss early warning",
        "Minister of Ecology Yerlan Nyssanbayev met with Secretary-General of the World "
        "Meteorological Organization (WMO) Celeste Saulo. The WMO will support a regional "
        "climate centre in Almaty.")
    wmo = [m for m in mentions if m.text == "WMO"]
    assert len(wmo) == 3  # the title's, the bracketed one and the body's
    assert {m.canonical for m in wmo} == {"World Meteorological Organization"}
    assert person(mentions, "Celeste Saulo").affiliation == "World Meteorological Organization"


def test_ru_acronym_links_to_the_name_in_the_nominative() -> None:
    mentions = analyse(
        "Казахстан и ВМО расширяют сотрудничество",
        "Министр экологии Казахстана Ерлан Нысанбаев встретился с генеральным секретарем "
        "Всемирной метеорологической организации (ВМО) Селесте Сауло. ВМО поддержит создание "
        "регионального климатического центра в Алматы.")
    organisations = [m for m in mentions if m.type == "organization"]
    assert organisations
    assert {m.canonical for m in organisations} == {"Всемирная метеорологическая организация"}
    assert sum(m.text == "ВМО" for m in organisations) == 2


def test_kk_acronym_links_to_the_organisation_it_spells() -> None:
    mentions = analyse(
        "СІМ өкілі брифинг өткізді",
        "Қазақстан Сыртқы істер министрлігінің ресми өкілі Айбек Смадияров брифинг өткізді. "
        "СІМ өкілі Таяу Шығыстағы жағдайға тоқталды.")
    acronym = [m for m in mentions if m.text == "СІМ"]
    assert acronym and {m.canonical for m in acronym} == {"Сыртқы істер министрлігі"}
    spokesman = person(mentions, "Айбек Смадияров")
    assert spokesman.role == "Сыртқы істер министрлігінің ресми өкілі"
    assert spokesman.affiliation == "Kazakhstan"


# -- the Head of State ------------------------------------------------------------------------


def test_en_head_of_state_is_the_president_named() -> None:
    mentions = analyse(
        "President Tokayev receives Emir of Qatar",
        "President of Kazakhstan Kassym-Jomart Tokayev received the Emir of Qatar at the "
        "Akorda. The Head of State praised the growth of mutual investment.")
    head = [m for m in mentions if m.text == "Head of State"]
    assert len(head) == 1
    assert head[0].canonical == "Kassym-Jomart Tokayev"
    assert head[0].role == "President of Kazakhstan"
    assert head[0].affiliation == "Kazakhstan"


def test_ru_head_of_state_is_the_president_named() -> None:
    mentions = analyse(
        "Президент встретился с эмиром Катара",
        "Президент Казахстана Касым-Жомарт Токаев провёл переговоры с эмиром Катара. Глава "
        "государства высоко оценил рост взаимных инвестиций.")
    head = [m for m in mentions if m.text == "Глава государства"]
    assert len(head) == 1
    assert head[0].canonical == "Касым-Жомарт Токаев"
    assert head[0].affiliation == "Kazakhstan"


def test_kk_head_of_state_is_the_president_named() -> None:
    mentions = analyse(
        "Президент Катар әмірімен кездесті",
        "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев Катар әмірімен келіссөздер "
        "жүргізді. Мемлекет басшысы өзара инвестицияның өсуін жоғары бағалады.")
    president = person(mentions, "Қасым-Жомарт Тоқаев")
    assert president.role == "Қазақстан Республикасының Президенті"
    assert president.affiliation == "Kazakhstan"
    head = [m for m in mentions if m.text == "Мемлекет басшысы"]
    assert len(head) == 1 and head[0].canonical == "Қасым-Жомарт Тоқаев"


def test_head_of_state_without_a_president_links_nowhere() -> None:
    mentions = analyse(
        "Ministers discuss the Head of State's instructions",
        "Minister of Energy Almasadam Satkaliyev held a meeting on the instructions of the "
        "Head of State on the heating season.")
    assert not any(m.canonical == "Head of State" or m.text == "Head of State"
                   for m in mentions if m.type == "person")
