"""Event extraction on our own fixture articles in English, Russian and Kazakh.

Every event type in each language; then the rules of docs/EVENTS.md: who takes part (not a
president whose greetings are conveyed, nor a poet whose anniversary is marked), no event
without a named party, a memorandum signed at a meeting is that meeting's agreement, the
date (a dateline, "On 18th December", a December date in a January article) and the place
(a dateline). The texts are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from qaznews.model import Article, Event, Published
from qaznews.pipeline.enrich import enrich_article
from qaznews.pipeline.language import article_language


def article(title: str, body: str, published: str = "2025-11-20") -> Article:
    """An article with its languages set as the language stage sets them."""
    out = Article(title=title, body=body, published=Published(dt.date.fromisoformat(published)))
    out.language, out.title_language, out.body_language = article_language(title, body)
    return out


def events_of(title: str, body: str, published: str = "2025-11-20") -> list[Event]:
    return enrich_article(article(title, body, published)).events


def the_event(title: str, body: str, published: str = "2025-11-20") -> Event:
    events = events_of(title, body, published)
    assert len(events) == 1, events
    return events[0]


def names(event: Event) -> set[str]:
    return {p.name for p in event.participants}


@pytest.fixture(scope="module", autouse=True)
def _models_loaded_once() -> None:
    """Load spaCy, natasha and the topic model once for the module."""
    events_of("Warm-up", "Minister Askar Baimukhanov met Ambassador Daniel Brooks in Astana.")
    events_of("Разминка", "Министр Аскар Баймуханов встретился с послом Дэниелом Бруксом.")


# -- each event type in each language ----------------------------------------------------------

#: (event type, title, body, the participants' names)
CASES: dict[str, tuple[str, str, str, set[str]]] = {
    "en-meeting": (
        "meeting", "Kazakh Ambassador meets Belgian Foreign Minister",
        "Ambassador of Kazakhstan to Belgium Roman Vassilenko met with Minister of Foreign "
        "Affairs of Belgium Maxime Prevot in Brussels. The sides discussed transport links.",
        {"Roman Vassilenko", "Maxime Prevot"}),
    "ru-meeting": (
        "meeting", "Посол Казахстана встретился с министром иностранных дел Бельгии",
        "Посол Казахстана в Бельгии Роман Василенко встретился в Брюсселе с министром "
        "иностранных дел Бельгии Максимом Прево. Стороны обсудили транспортные связи.",
        {"Роман Василенко", "Максим Прево"}),
    "kk-meeting": (
        "meeting", "Қазақстан елшісі Бельгия министрімен кездесті",
        "Қазақстанның Бельгиядағы елшісі Роман Василенко Брюссельде Бельгияның сыртқы істер "
        "министрі Максим Превомен кездесті. Тараптар көлік байланыстарын талқылады.",
        {"Роман Василенко", "Максим Прево"}),
    "en-visit": (
        "visit", "Deputy Minister of Justice visits Geneva",
        "Deputy Minister of Justice of Kazakhstan Alma Mukanova paid a working visit to Geneva "
        "to present the national report to the Human Rights Committee.",
        {"Alma Mukanova"}),
    "ru-visit": (
        "visit", "Заместитель министра юстиции посетила Женеву",
        "Заместитель министра юстиции Казахстана Алма Муканова посетила Женеву с рабочим "
        "визитом и представила национальный доклад Комитету по правам человека.",
        {"Алма Муканова"}),
    "kk-visit": (
        "visit", "Әділет вице-министрі Женеваға барды",
        "Қазақстанның Әділет вице-министрі Алма Мұқанова жұмыс сапарымен Женеваға барды. "
        "Ол Адам құқықтары жөніндегі комитетке ұлттық баяндаманы таныстырды.",
        {"Алма Мұқанова"}),
    "en-signing": (
        "signing", "Kazakhstan and Hungary sign e-commerce memorandum",
        "Minister of Trade and Integration of Kazakhstan Arman Shakkaliyev and Minister of "
        "Economy of Hungary Marton Nagy signed a memorandum of understanding on cooperation in "
        "e-commerce.",
        {"Arman Shakkaliyev", "Marton Nagy"}),
    "ru-signing": (
        "signing", "Подписан меморандум об электронной торговле",
        "Министр торговли и интеграции Казахстана Арман Шаккалиев и министр экономики Венгрии "
        "Мартон Надь подписали меморандум о сотрудничестве в области электронной торговли.",
        {"Арман Шаккалиев", "Мартон Надь"}),
    "kk-signing": (
        "signing", "Электрондық сауда туралы меморандумға қол қойылды",
        "Қазақстанның Сауда және интеграция министрі Арман Шаққалиев пен Венгрияның экономика "
        "министрі Мартон Надь электрондық сауда саласындағы ынтымақтастық туралы меморандумға "
        "қол қойды.",
        {"Арман Шаққалиев", "Мартон Надь"}),
    "en-credentials": (
        "credentials", "Kazakh Ambassador presents credentials to King of the Belgians",
        "Ambassador of Kazakhstan to Belgium Nurlan Onzhanov presented his credentials to "
        "King Philippe of the Belgians at the Royal Palace.",
        {"Nurlan Onzhanov"}),
    "ru-credentials": (
        "credentials", "Посол Казахстана вручил верительные грамоты",
        "Посол Казахстана в Бельгии Нурлан Онжанов вручил верительные грамоты королю Бельгии "
        "Филиппу. Стороны обсудили двусторонние отношения.",
        {"Нурлан Онжанов", "Филипп"}),
    "kk-credentials": (
        "credentials", "Қазақстан елшісі сенім грамоталарын тапсырды",
        "Қазақстанның Бельгиядағы елшісі Нұрлан Оңжанов Бельгия Королі Филиппке сенім "
        "грамоталарын тапсырды.",
        {"Нұрлан Оңжанов"}),
    "en-event": (
        "event", "Concert of Kazakh music held in Paris",
        "A concert of Kazakh classical music organised by the Embassy of Kazakhstan took place "
        "in Paris. Ambassador of Kazakhstan to France Gulsara Arystankulova opened the evening.",
        {"Gulsara Arystankulova"}),
    "ru-event": (
        "event", "В Париже прошел концерт казахской музыки",
        "В Париже состоялся концерт казахской классической музыки, организованный посольством "
        "Казахстана. С приветственным словом выступил посол Казахстана во Франции Гульсара "
        "Арыстанкулова.",
        {"Гульсара Арыстанкулова"}),
    "kk-event": (
        "event", "Парижде қазақ музыкасының концерті өтті",
        "Парижде Қазақстан елшілігі ұйымдастырған қазақ классикалық музыкасының концерті өтті. "
        "Концертте Қазақстанның Франциядағы елшісі Гүлсара Арыстанқұлова сөз сөйледі.",
        {"Гүлсара Арыстанқұлова"}),
    "en-statement": (
        "statement", "Statement by the Ministry of Foreign Affairs spokesperson",
        "Spokesperson of the Ministry of Foreign Affairs of Kazakhstan Aibek Smadiyarov made a "
        "statement on the situation in the Middle East.",
        {"Aibek Smadiyarov"}),
    "ru-statement": (
        "statement", "Заявление МИД Казахстана",
        "Официальный представитель МИД Казахстана Айбек Смадияров выступил с заявлением в "
        "связи с ситуацией на Ближнем Востоке.",
        {"Айбек Смадияров"}),
    "kk-statement": (
        "statement", "Сыртқы істер министрлігінің мәлімдемесі",
        "Қазақстан Сыртқы істер министрлігінің ресми өкілі Айбек Смадияров Таяу Шығыстағы "
        "жағдайға байланысты мәлімдеме жасады.",
        {"Айбек Смадияров"}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_event_type_and_participants(case: str) -> None:
    kind, title, body, participants = CASES[case]
    event = the_event(title, body)
    assert event.type == kind
    assert names(event) == participants
    assert all(p.role for p in event.participants)
    assert event.evidence and event.evidence[0] in title + "\n\n" + body


def test_en_participants_have_roles_and_affiliations() -> None:
    _kind, title, body, _names = CASES["en-meeting"]
    event = the_event(title, body)
    assert {(p.name, p.role, p.affiliation) for p in event.participants} == {
        ("Roman Vassilenko", "Ambassador of Kazakhstan to Belgium", "Kazakhstan"),
        ("Maxime Prevot", "Minister of Foreign Affairs of Belgium", "Belgium"),
    }


def test_ru_participants_have_roles_and_affiliations_in_the_nominative() -> None:
    _kind, title, body, _names = CASES["ru-meeting"]
    event = the_event(title, body)
    assert {(p.name, p.role, p.affiliation) for p in event.participants} == {
        ("Роман Василенко", "Посол Казахстана в Бельгии", "Kazakhstan"),
        ("Максим Прево", "министр иностранных дел Бельгии", "Belgium"),
    }


def test_kk_participants_have_roles_and_affiliations() -> None:
    _kind, title, body, _names = CASES["kk-signing"]
    event = the_event(title, body)
    assert {(p.name, p.role, p.affiliation) for p in event.participants} == {
        ("Арман Шаққалиев", "Қазақстанның Сауда және интеграция министрі", "Kazakhstan"),
        ("Мартон Надь", "Венгрияның экономика министрі", "Hungary"),
    }


@pytest.mark.parametrize(("case", "agreement"), [
    ("en-signing", "memorandum of understanding on cooperation in e-commerce"),
    ("ru-signing", "меморандум о сотрудничестве в области электронной торговли"),
    ("kk-signing", "электрондық сауда саласындағы ынтымақтастық туралы меморандумға"),
])
def test_signing_names_the_agreement_not_the_signatories(case: str, agreement: str) -> None:
    _kind, title, body, _names = CASES[case]
    assert the_event(title, body).agreements == (agreement,)


# -- who takes part ---------------------------------------------------------------------------


def test_en_president_whose_greetings_were_conveyed_is_not_a_participant() -> None:
    event = the_event(
        "Kazakh Ambassador meets Prime Minister of Malaysia",
        "Ambassador of Kazakhstan to Malaysia Bolat Imanbayev met with Prime Minister of "
        "Malaysia Anwar Ibrahim. The diplomat conveyed warm greetings on behalf of President "
        "of Kazakhstan Kassym-Jomart Tokayev.")
    assert event.type == "meeting"
    assert names(event) == {"Bolat Imanbayev", "Anwar Ibrahim"}


def test_ru_president_whose_greetings_were_conveyed_is_not_a_participant() -> None:
    event = the_event(
        "Посол Казахстана встретился с премьер-министром Малайзии",
        "Посол Казахстана в Малайзии Болат Иманбаев встретился с премьер-министром Малайзии "
        "Анваром Ибрагимом. Дипломат передал приветствие от имени Президента Казахстана "
        "Касым-Жомарта Токаева.")
    assert names(event) == {"Болат Иманбаев", "Анвар Ибрагим"}


def test_kk_president_whose_greetings_were_conveyed_is_not_a_participant() -> None:
    event = the_event(
        "Қазақстан елшісі Малайзия премьер-министрімен кездесті",
        "Қазақстанның Малайзиядағы елшісі Болат Иманбаев Малайзияның премьер-министрі Анвар "
        "Ибрагиммен кездесті. Елші Мемлекет басшысы Қасым-Жомарт Тоқаевтың атынан сәлем "
        "жолдады.")
    assert "Қасым-Жомарт Тоқаев" not in names(event)
    assert "Болат Иманбаев" in names(event)


def test_person_a_place_is_named_after_is_not_a_participant() -> None:
    event = the_event(
        "Kazakh cinema days open in Rome",
        "Ambassador of Kazakhstan to Italy Yerlan Alimbayev opened the days of Kazakh cinema "
        "at the cinema hall named after writer Mukhtar Auezov in Rome.")
    assert event.type == "event"
    assert names(event) == {"Yerlan Alimbayev"}


def test_poet_whose_anniversary_is_marked_is_not_a_participant() -> None:
    event = the_event(
        "Evening dedicated to Abai held in Vienna",
        "A literary evening marking the 180th anniversary of poet Abai Kunanbayev was held at "
        "the Embassy of Kazakhstan in Vienna. Ambassador of Kazakhstan to Austria Kairat "
        "Sarybay opened the evening.")
    assert event.type == "event"
    assert names(event) == {"Kairat Sarybay"}


def test_article_with_no_named_party_gives_no_event() -> None:
    assert events_of(
        "Weather: snow expected in the north",
        "A meeting of forecasters concluded that heavy snow and strong wind are expected in the "
        "northern regions at the weekend.") == []
    assert events_of(
        "В северных регионах ожидается снег",
        "На встрече синоптики сообщили, что в выходные на севере ожидаются снег и сильный "
        "ветер.") == []


def test_en_memorandum_signed_at_a_meeting_is_the_meetings_agreement() -> None:
    event = the_event(
        "Ministers of Kazakhstan and Oman hold talks",
        "Minister of Energy of Kazakhstan Almasadam Satkaliyev held talks with Minister of "
        "Energy and Minerals of Oman Salim Al-Aufi. Following the meeting, the sides signed a "
        "memorandum of understanding on cooperation in renewable energy.")
    assert event.type == "meeting"
    assert event.agreements == ("memorandum of understanding on cooperation in renewable "
                                "energy",)
    assert names(event) == {"Almasadam Satkaliyev", "Salim Al-Aufi"}


def test_ru_memorandum_signed_at_a_meeting_is_the_meetings_agreement() -> None:
    event = the_event(
        "Министры энергетики Казахстана и Омана провели переговоры",
        "Министр энергетики Казахстана Алмасадам Саткалиев провёл переговоры с министром "
        "энергетики Омана Салимом аль-Ауфи. По итогам встречи стороны подписали меморандум о "
        "сотрудничестве в области возобновляемой энергетики.")
    assert event.type == "meeting"
    assert event.agreements == ("меморандум о сотрудничестве в области возобновляемой "
                                "энергетики",)


# -- dates and places ---------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "body", "date", "place"), [
    ("WTO accession talks in Geneva",
     "Geneva, 25 November 2025 – Permanent Representative of Kazakhstan to the WTO Kairat "
     "Torebayev met with Director-General of the WTO Ngozi Okonjo-Iweala.",
     dt.date(2025, 11, 25), "Geneva"),
    ("Переговоры в Брюсселе",
     "Брюссель, 12 ноября 2025 года – Посол Казахстана в Бельгии Роман Василенко встретился с "
     "министром иностранных дел Бельгии Максимом Прево.",
     dt.date(2025, 11, 12), "Brussels"),
    ("Брюссельдегі кездесу",
     "Брюссель, 2025 жылғы 12 қараша – Қазақстанның Бельгиядағы елшісі Роман Василенко "
     "Бельгияның сыртқы істер министрі Максим Превомен кездесті.",
     dt.date(2025, 11, 12), "Brussels"),
], ids=["en", "ru", "kk"])
def test_dateline_gives_date_and_place(title: str, body: str, date: dt.date,
                                       place: str) -> None:
    event = the_event(title, body, published="2025-11-27")
    assert event.date == date
    assert event.place == place


def test_place_from_a_dateline_the_gazetteer_does_not_know() -> None:
    event = the_event(
        "Kazakh students visit Liège observatory",
        "Tilff, 14 October 2025 – Ambassador of Kazakhstan to Belgium Roman Vassilenko visited "
        "the Space Centre of Liège with a group of Kazakh students.",
        published="2025-10-16")
    assert event.place == "Tilff"
    assert event.date == dt.date(2025, 10, 14)


@pytest.mark.parametrize(("title", "body", "published", "date"), [
    ("Kazakhstan and Qatar hold consultations",
     "On 18th December First Deputy Minister of Foreign Affairs of Kazakhstan Yerzhan "
     "Ashikbayev held talks with a delegation of Qatar.", "2025-12-22", dt.date(2025, 12, 18)),
    ("Казахстан и Катар провели консультации",
     "18 декабря в Астане первый заместитель министра иностранных дел Казахстана Ержан "
     "Ашикбаев провёл переговоры с делегацией Катара.", "2025-12-22", dt.date(2025, 12, 18)),
    ("Қазақстан мен Катар келіссөздер жүргізді",
     "18 желтоқсанда Астанада Сыртқы істер министрінің бірінші орынбасары Ержан Ашикбаев "
     "Катар делегациясымен келіссөздер жүргізді.", "2025-12-22", dt.date(2025, 12, 18)),
], ids=["en", "ru", "kk"])
def test_day_and_month_of_the_lead(title: str, body: str, published: str,
                                   date: dt.date) -> None:
    assert the_event(title, body, published).date == date


@pytest.mark.parametrize(("title", "body"), [
    ("Kazakhstan and Qatar hold consultations",
     "On 28th December First Deputy Minister of Foreign Affairs of Kazakhstan Yerzhan "
     "Ashikbayev held talks with a delegation of Qatar."),
    ("Казахстан и Катар провели консультации",
     "28 декабря первый заместитель министра иностранных дел Казахстана Ержан Ашикбаев "
     "провёл переговоры с делегацией Катара."),
    ("Қазақстан мен Катар келіссөздер жүргізді",
     "28 желтоқсанда Сыртқы істер министрінің бірінші орынбасары Ержан Ашикбаев Катар "
     "делегациясымен келіссөздер жүргізді."),
], ids=["en", "ru", "kk"])
def test_december_date_in_a_january_article_is_last_year(title: str, body: str) -> None:
    assert the_event(title, body, published="2026-01-09").date == dt.date(2025, 12, 28)


def test_without_a_date_in_the_lead_the_publication_date() -> None:
    _kind, title, body, _names = CASES["en-meeting"]
    assert the_event(title, body, published="2025-09-03").date == dt.date(2025, 9, 3)
