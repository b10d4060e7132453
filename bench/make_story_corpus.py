"""A synthetic news corpus with planted copies, near copies, rewrites and hard negatives.

Articles are JSON Lines (``key``, ``title``, ``body``, ``published`` as
``YYYY-MM-DDTHH:MM``, ``outlet``, ``language`` ``en`` or ``ru``), spread over one year
and written from word lists and sentence templates made for this file: ministers meeting
foreign officials, companies signing agreements, akims opening plants, statistics
releases, emergencies, laws passing parliament. Nothing is copied from real news. Every
article reports an *event* (who, whom, where, which numbers); its text is the event's
fact sentences in one of several phrasings, a few generic sentences of the field and an
institution's boilerplate, so unrelated articles share the common words of Kazakhstan
news (minister, region, cooperation, development...) as real ones do.

Planted, and named in ``planted.json`` by article ``key``:

- **exact** copies: the same body on another outlet, under the same or another headline;
- **near** copies: a few words changed, inserted or deleted, a sentence added or
  dropped, sometimes a dateline or another headline; at least 85% of the words kept,
  in order (measured with difflib, both ways);
- **rewrites**: the same event (names, numbers, places) published within a day, every
  fact sentence in another phrasing, the order changed, other generic sentences; the
  quote is kept word for word about half the time, as outlets do;
- **hard negatives**: the same kind of event, actor, place and day in the same
  phrasing, with the same boilerplate and up to half of the same generic sentences (a
  press service reuses its paragraphs), but another counterpart, other numbers and
  topics: a minister's second meeting of the day. They belong to no group.

About 9% of the articles are in planted groups and 2% are hard negatives. The file is
in arrival order: by publication time, with 5% of articles arriving up to a week late.
The same ``--articles`` and ``--seed`` give the same bytes.

    python bench/make_story_corpus.py OUT_DIR --articles 100000 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import random
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Bump when the generated text changes, so a kept corpus of an older kind is rebuilt.
GENERATOR_VERSION = 4
CORPUS_NAME = "articles.jsonl"
PLANTED_NAME = "planted.json"
MANIFEST_NAME = "story_corpus.json"

FIRST_DAY = dt.date(2025, 1, 1)
DAYS_SPANNED = 365
#: Share of articles in planted groups (original, exact and near copies, rewrites).
GROUP_SHARE = 0.09
#: Share of articles that are hard negatives.
HARD_NEGATIVE_SHARE = 0.02
#: Share of articles that arrive late (up to a week after publication).
LATE_SHARE = 0.05
#: A near copy keeps at least this share of its original's words, in order, both ways.
NEAR_MIN_KEPT = 0.85
LANGUAGE_WEIGHTS = {"en": 0.6, "ru": 0.4}

#: One named thing in both languages, with the Russian case forms templates ask for
#: ("ru_gen", "ru_loc", "ru_ins"); a template asking for a form a term lacks gets its
#: plain form.
Term = dict[str, str]
Facts = dict[str, Term]


def term(en: str, ru: str, **forms: str) -> Term:
    return {"en": en, "ru": ru, **forms}


# --- people -----------------------------------------------------------------------------

KZ_MALE = [
    ("Askar", "Аскар"), ("Bolat", "Болат"), ("Dauren", "Даурен"), ("Yerlan", "Ерлан"),
    ("Marat", "Марат"), ("Nurlan", "Нурлан"), ("Serik", "Серик"), ("Timur", "Тимур"),
    ("Aidar", "Айдар"), ("Arman", "Арман"), ("Baurzhan", "Бауржан"), ("Galym", "Галым"),
    ("Kanat", "Канат"), ("Murat", "Мурат"), ("Yerzhan", "Ержан"), ("Zhandos", "Жандос"),
    ("Kairat", "Кайрат"), ("Rustem", "Рустем"), ("Talgat", "Талгат"), ("Yerbol", "Ербол"),
    ("Daniyar", "Данияр"), ("Azamat", "Азамат"), ("Berik", "Берик"), ("Olzhas", "Олжас"),
    ("Sultan", "Султан"), ("Ruslan", "Руслан"), ("Medet", "Медет"), ("Asset", "Асет"),
]
KZ_FEMALE = [
    ("Aliya", "Алия"), ("Dana", "Дана"), ("Gulnara", "Гульнара"), ("Saule", "Сауле"),
    ("Aigerim", "Айгерим"), ("Madina", "Мадина"), ("Zhanar", "Жанар"), ("Asel", "Асель"),
    ("Dinara", "Динара"), ("Aizhan", "Айжан"), ("Kamila", "Камила"), ("Laura", "Лаура"),
]
KZ_SURNAMES = [
    ("Abenov", "Абенов"), ("Baimukhanov", "Баймуханов"), ("Zhaksybekov", "Жаксыбеков"),
    ("Yessenov", "Есенов"), ("Zhumabekov", "Жумабеков"), ("Iskakov", "Искаков"),
    ("Kaliyev", "Калиев"), ("Mukanov", "Муканов"), ("Nurpeisov", "Нурпеисов"),
    ("Omarov", "Омаров"), ("Sadykov", "Садыков"), ("Tulegenov", "Тулегенов"),
    ("Utepov", "Утепов"), ("Sarsenbayev", "Сарсенбаев"), ("Kenzhebayev", "Кенжебаев"),
    ("Akhmetov", "Ахметов"), ("Bekturov", "Бектуров"), ("Dossanov", "Досанов"),
    ("Zhakupov", "Жакупов"), ("Ismailov", "Исмаилов"), ("Karimov", "Каримов"),
    ("Moldabekov", "Молдабеков"), ("Ospanov", "Оспанов"), ("Rakhimov", "Рахимов"),
    ("Seitkaliyev", "Сейткалиев"), ("Temirbayev", "Темирбаев"), ("Ualiyev", "Уалиев"),
    ("Khamitov", "Хамитов"), ("Shaikenov", "Шайкенов"), ("Yergaliyev", "Ергалиев"),
    ("Zhunusov", "Жунусов"), ("Amanzholov", "Аманжолов"), ("Kassymov", "Касымов"),
    ("Tokhtarov", "Тохтаров"), ("Mamyrov", "Мамыров"), ("Tasbulatov", "Тасбулатов"),
    ("Beisenov", "Бейсенов"), ("Dzhumabayev", "Джумабаев"), ("Kuanyshev", "Куанышев"),
]
#: Foreign officials and managers; names whose Russian forms decline simply.
FOREIGN_FIRST = [
    ("Hans", "Ханс"), ("Pierre", "Пьер"), ("Marco", "Марко"), ("Kenji", "Кэндзи"),
    ("Mehmet", "Мехмет"), ("Rustam", "Рустам"), ("Farid", "Фарид"), ("Thomas", "Томас"),
    ("Lukas", "Лукас"), ("Andrzej", "Анджей"), ("Jan", "Ян"), ("Carlos", "Карлос"),
    ("David", "Дэвид"), ("Ahmed", "Ахмед"), ("Omar", "Омар"), ("Wei", "Вэй"),
    ("Rajesh", "Раджеш"), ("Stefan", "Штефан"), ("Erik", "Эрик"), ("Giorgi", "Георгий"),
    ("Bakhtiyor", "Бахтиер"), ("Nodir", "Нодир"), ("Timo", "Тимо"), ("Peter", "Петер"),
    ("Yusuf", "Юсуф"), ("Khalid", "Халид"), ("Viktor", "Виктор"), ("Anders", "Андерс"),
]
FOREIGN_LAST = [
    ("Keller", "Келлер"), ("Dubois", "Дюбуа"), ("Rossi", "Росси"), ("Sato", "Сато"),
    ("Park", "Пак"), ("Yilmaz", "Йылмаз"), ("Novak", "Новак"), ("Schmidt", "Шмидт"),
    ("Laurent", "Лоран"), ("Bianchi", "Бьянки"), ("Kim", "Ким"), ("Demir", "Демир"),
    ("Aliyev", "Алиев"), ("Horvath", "Хорват"), ("Miller", "Миллер"), ("Hassan", "Хасан"),
    ("Zhang", "Чжан"), ("Weber", "Вебер"), ("Lindqvist", "Линдквист"),
    ("Beridze", "Беридзе"), ("Yusupov", "Юсупов"), ("Virtanen", "Виртанен"),
    ("Moretti", "Моретти"), ("Celik", "Челик"), ("Al-Mansouri", "Аль-Мансури"),
    ("Petrov", "Петров"), ("Jensen", "Йенсен"), ("Fischer", "Фишер"), ("Wagner", "Вагнер"),
    ("Lee", "Ли"), ("Ozturk", "Озтюрк"), ("Rashidov", "Рашидов"), ("Haddad", "Хаддад"),
]

_RU_VOWELS = "аеёиоуыэюя"


def _ru_word_case(word: str, female: bool, case: str) -> str:
    """Genitive ("gen") or instrumental ("ins") of one word of a name, for the names above."""
    if female:
        if word.endswith(("ова", "ева", "ина")):
            return word[:-1] + "ой"
        if word.endswith("ия"):
            return word[:-1] + ("и" if case == "gen" else "ей")
        if word.endswith("а"):
            return word[:-1] + ("ы" if case == "gen" else "ой")
        return word  # Айгерим, Асель, Сауле: not declined
    if word.endswith(("ов", "ев", "ин")):
        return word + ("а" if case == "gen" else "ым")
    if word.endswith(("й", "ь")):
        return word[:-1] + ("я" if case == "gen" else "ем")
    if word[-1] in _RU_VOWELS:
        return word
    if word[-1] in "жшчщц":
        return word + ("а" if case == "gen" else "ем")
    return word + ("а" if case == "gen" else "ом")


def person(first: tuple[str, str], last: tuple[str, str], female: bool) -> Term:
    en_last, ru_last = last
    if female:
        en_last, ru_last = en_last + "a", ru_last + "а"
    ru_words = (first[1], ru_last)
    return term(
        f"{first[0]} {en_last}", f"{first[1]} {ru_last}",
        ru_gen=" ".join(_ru_word_case(w, female, "gen") for w in ru_words),
        ru_ins=" ".join(_ru_word_case(w, female, "ins") for w in ru_words),
        # Russian past tense agrees with the subject: провел / провела.
        ru_a="а" if female else "",
    )


def kazakh_person(rng: random.Random) -> Term:
    female = rng.random() < 0.3
    first = rng.choice(KZ_FEMALE if female else KZ_MALE)
    return person(first, rng.choice(KZ_SURNAMES), female)


def foreign_person(rng: random.Random) -> Term:
    return person(rng.choice(FOREIGN_FIRST), rng.choice(FOREIGN_LAST), False)


# --- places, institutions, things ----------------------------------------------------

#: (English, Russian adjective of "область") for the regions.
REGIONS = [
    ("Abai", "Абайская"), ("Akmola", "Акмолинская"), ("Aktobe", "Актюбинская"),
    ("Almaty", "Алматинская"), ("Atyrau", "Атырауская"),
    ("East Kazakhstan", "Восточно-Казахстанская"), ("Zhambyl", "Жамбылская"),
    ("Zhetysu", "Жетысуская"), ("West Kazakhstan", "Западно-Казахстанская"),
    ("Karaganda", "Карагандинская"), ("Kostanay", "Костанайская"),
    ("Kyzylorda", "Кызылординская"), ("Mangystau", "Мангистауская"),
    ("Pavlodar", "Павлодарская"), ("North Kazakhstan", "Северо-Казахстанская"),
    ("Turkistan", "Туркестанская"), ("Ulytau", "Улытауская"),
]


def region_term(en: str, ru_adjective: str) -> Term:
    oblique = ru_adjective[:-2] + "ой области"
    return term(f"{en} region", f"{ru_adjective} область", ru_gen=oblique, ru_loc=oblique,
                ru_acc=ru_adjective[:-2] + "ую область")


REGION_TERMS = [region_term(en, ru) for en, ru in REGIONS] + [
    term("Astana", "Астана", ru_gen="города Астаны", ru_loc="Астане", ru_acc="Астану"),
    term("Almaty", "Алматы", ru_gen="города Алматы", ru_loc="Алматы"),
    term("Shymkent", "Шымкент", ru_gen="города Шымкента", ru_loc="Шымкенте"),
]
#: Where a statistic is for: the country or one region.
AREAS = [term("Kazakhstan", "Казахстан", ru_gen="Казахстана", ru_loc="Казахстане"),
         *REGION_TERMS]
CITIES = [
    term("Astana", "Астана", ru_loc="Астане"), term("Almaty", "Алматы", ru_loc="Алматы"),
    term("Shymkent", "Шымкент", ru_loc="Шымкенте"),
    term("Karaganda", "Караганда", ru_loc="Караганде"),
    term("Aktobe", "Актобе", ru_loc="Актобе"), term("Atyrau", "Атырау", ru_loc="Атырау"),
    term("Pavlodar", "Павлодар", ru_loc="Павлодаре"),
    term("Kostanay", "Костанай", ru_loc="Костанае"), term("Taraz", "Тараз", ru_loc="Таразе"),
    term("Oral", "Уральск", ru_loc="Уральске"), term("Aktau", "Актау", ru_loc="Актау"),
    term("Kokshetau", "Кокшетау", ru_loc="Кокшетау"), term("Semey", "Семей", ru_loc="Семее"),
    term("Turkistan", "Туркестан", ru_loc="Туркестане"),
    term("Petropavl", "Петропавловск", ru_loc="Петропавловске"),
    term("Oskemen", "Усть-Каменогорск", ru_loc="Усть-Каменогорске"),
    term("Kyzylorda", "Кызылорда", ru_loc="Кызылорде"),
    term("Taldykorgan", "Талдыкорган", ru_loc="Талдыкоргане"),
]
#: Meetings happen mostly in the capitals.
MEETING_CITY_WEIGHTS = [8, 5, 2] + [1] * (len(CITIES) - 3)
TOWNS = [
    term(en, ru) for en, ru in [
        ("Ekibastuz", "Экибастуз"), ("Temirtau", "Темиртау"), ("Rudny", "Рудный"),
        ("Zhanaozen", "Жанаозен"), ("Balkhash", "Балхаш"), ("Stepnogorsk", "Степногорск"),
        ("Ridder", "Риддер"), ("Kentau", "Кентау"), ("Satpayev", "Сатпаев"),
        ("Aralsk", "Аральск"), ("Kaskelen", "Каскелен"), ("Talgar", "Талгар"),
        ("Saryagash", "Сарыагаш"), ("Zharkent", "Жаркент"), ("Ushtobe", "Уштобе"),
        ("Esik", "Есик"), ("Shu", "Шу"), ("Karatau", "Каратау"), ("Lisakovsk", "Лисаковск"),
        ("Arkalyk", "Аркалык"), ("Zhitikara", "Житикара"), ("Kurchatov", "Курчатов"),
        ("Ayagoz", "Аягоз"), ("Zaisan", "Зайсан"), ("Shakhtinsk", "Шахтинск"),
        ("Priozersk", "Приозерск"), ("Kandyagash", "Кандыагаш"), ("Khromtau", "Хромтау"),
        ("Kulsary", "Кульсары"), ("Beineu", "Бейнеу"), ("Bayanaul", "Баянаул"),
        ("Aksu", "Аксу"), ("Kazaly", "Казалы"), ("Shieli", "Шиели"), ("Lenger", "Ленгер"),
        ("Arys", "Арысь"), ("Karazhal", "Каражал"), ("Akkol", "Акколь"),
        ("Shortandy", "Шортанды"), ("Makinsk", "Макинск"), ("Shchuchinsk", "Щучинск"),
        ("Emba", "Эмба"), ("Zhezkazgan", "Жезказган"), ("Konayev", "Конаев"),
    ]
]
COUNTRIES = [
    term(en, ru, ru_gen=gen) for en, ru, gen in [
        ("Germany", "Германия", "Германии"), ("France", "Франция", "Франции"),
        ("Italy", "Италия", "Италии"), ("China", "Китай", "Китая"),
        ("Japan", "Япония", "Японии"), ("South Korea", "Республика Корея", "Республики Корея"),
        ("Turkiye", "Турция", "Турции"), ("Uzbekistan", "Узбекистан", "Узбекистана"),
        ("Kyrgyzstan", "Кыргызстан", "Кыргызстана"), ("Tajikistan", "Таджикистан", "Таджикистана"),
        ("Turkmenistan", "Туркменистан", "Туркменистана"),
        ("Azerbaijan", "Азербайджан", "Азербайджана"), ("Georgia", "Грузия", "Грузии"),
        ("Armenia", "Армения", "Армении"), ("Russia", "Россия", "России"),
        ("India", "Индия", "Индии"), ("Pakistan", "Пакистан", "Пакистана"),
        ("the United Arab Emirates", "ОАЭ", "ОАЭ"),
        ("Saudi Arabia", "Саудовская Аравия", "Саудовской Аравии"),
        ("Qatar", "Катар", "Катара"), ("Egypt", "Египет", "Египта"),
        ("the United States", "США", "США"),
        ("the United Kingdom", "Великобритания", "Великобритании"),
        ("Poland", "Польша", "Польши"), ("Hungary", "Венгрия", "Венгрии"),
        ("the Czech Republic", "Чехия", "Чехии"), ("Spain", "Испания", "Испании"),
        ("the Netherlands", "Нидерланды", "Нидерландов"), ("Belgium", "Бельгия", "Бельгии"),
        ("Austria", "Австрия", "Австрии"), ("Switzerland", "Швейцария", "Швейцарии"),
        ("Finland", "Финляндия", "Финляндии"), ("Sweden", "Швеция", "Швеции"),
        ("Mongolia", "Монголия", "Монголии"), ("Vietnam", "Вьетнам", "Вьетнама"),
        ("Malaysia", "Малайзия", "Малайзии"), ("Indonesia", "Индонезия", "Индонезии"),
        ("Singapore", "Сингапур", "Сингапура"), ("Oman", "Оман", "Омана"),
        ("Kuwait", "Кувейт", "Кувейта"), ("Brazil", "Бразилия", "Бразилии"),
        ("Canada", "Канада", "Канады"),
    ]
]
#: Ministries: (English "Minister of ...", Russian genitive "министр ...").
PORTFOLIOS = [
    ("Energy", "энергетики"), ("Foreign Affairs", "иностранных дел"),
    ("Trade and Integration", "торговли и интеграции"), ("Agriculture", "сельского хозяйства"),
    ("Finance", "финансов"), ("National Economy", "национальной экономики"),
    ("Transport", "транспорта"), ("Digital Development", "цифрового развития"),
    ("Education", "просвещения"), ("Health", "здравоохранения"),
    ("Ecology and Natural Resources", "экологии и природных ресурсов"),
    ("Industry and Construction", "промышленности и строительства"),
    ("Labour and Social Protection", "труда и социальной защиты населения"),
    ("Culture and Information", "культуры и информации"), ("Justice", "юстиции"),
    ("Science and Higher Education", "науки и высшего образования"),
    ("Tourism and Sports", "туризма и спорта"),
    ("Water Resources and Irrigation", "водных ресурсов и ирригации"),
]
#: Titles of foreign officials: English, Russian nominative, genitive, instrumental.
ROLES = [
    ("Ambassador", "посол", "посла", "послом"),
    ("Deputy Foreign Minister", "заместитель министра иностранных дел",
     "заместителя министра иностранных дел", "заместителем министра иностранных дел"),
    ("Minister of Economy", "министр экономики", "министра экономики", "министром экономики"),
    ("Minister of Trade", "министр торговли", "министра торговли", "министром торговли"),
    ("Minister of Energy", "министр энергетики", "министра энергетики", "министром энергетики"),
    ("Minister of Transport", "министр транспорта", "министра транспорта",
     "министром транспорта"),
    ("Special Envoy", "специальный представитель", "специального представителя",
     "специальным представителем"),
    ("Deputy Prime Minister", "вице-премьер", "вице-премьера", "вице-премьером"),
]
TOPICS = [
    term(en, ru, ru_gen=gen) for en, ru, gen in [
        ("energy", "энергетика", "энергетики"),
        ("transport and logistics", "транспорт и логистика", "транспорта и логистики"),
        ("agriculture", "сельское хозяйство", "сельского хозяйства"),
        ("digitalisation", "цифровизация", "цифровизации"),
        ("education", "образование", "образования"),
        ("healthcare", "здравоохранение", "здравоохранения"),
        ("water management", "водное хозяйство", "водного хозяйства"),
        ("tourism", "туризм", "туризма"), ("trade", "торговля", "торговли"),
        ("investment", "инвестиции", "инвестиций"),
        ("critical minerals", "критически важные минералы", "критически важных минералов"),
        ("green hydrogen", "зеленый водород", "зеленого водорода"),
        ("culture", "культура", "культуры"), ("science", "наука", "науки"),
        ("mechanical engineering", "машиностроение", "машиностроения"),
        ("petrochemicals", "нефтехимия", "нефтехимии"),
        ("the space industry", "космическая отрасль", "космической отрасли"),
        ("finance", "финансы", "финансов"), ("pharmaceuticals", "фармацевтика", "фармацевтики"),
        ("food security", "продовольственная безопасность", "продовольственной безопасности"),
        ("nuclear energy", "атомная энергетика", "атомной энергетики"),
        ("metallurgy", "металлургия", "металлургии"),
        ("artificial intelligence", "искусственный интеллект", "искусственного интеллекта"),
        ("environmental protection", "охрана окружающей среды", "охраны окружающей среды"),
    ]
]
#: What generic sentences talk about (Russian in the genitive).
FIELD_NOUNS = [
    term(en, ru) for en, ru in [
        ("small and medium-sized businesses", "малого и среднего бизнеса"),
        ("infrastructure", "инфраструктуры"), ("the labour market", "рынка труда"),
        ("rural areas", "сельских территорий"), ("public services", "государственных услуг"),
        ("export potential", "экспортного потенциала"),
        ("the investment climate", "инвестиционного климата"),
        ("domestic producers", "отечественных производителей"),
        ("transit potential", "транзитного потенциала"),
        ("road infrastructure", "дорожной инфраструктуры"),
        ("housing construction", "жилищного строительства"),
        ("the energy sector", "энергетического сектора"),
        ("the processing industry", "обрабатывающей промышленности"),
        ("human capital", "человеческого капитала"),
        ("the tourism industry", "туристической отрасли"), ("water supply", "водоснабжения"),
        ("heat supply", "теплоснабжения"), ("utility networks", "инженерных сетей"),
        ("the banking sector", "банковского сектора"),
        ("food production", "производства продуктов питания"),
        ("vocational education", "технического и профессионального образования"),
        ("primary healthcare", "первичной медико-санитарной помощи"),
        ("public-private partnership", "государственно-частного партнерства"),
        ("industrial zones", "индустриальных зон"),
        ("the agro-industrial complex", "агропромышленного комплекса"),
        ("e-commerce", "электронной коммерции"),
        ("renewable energy", "возобновляемой энергетики"),
        ("logistics hubs", "логистических хабов"), ("the Middle Corridor", "Среднего коридора"),
        ("irrigation systems", "ирригационных систем"), ("livestock farming", "животноводства"),
        ("grain exports", "экспорта зерна"), ("geological exploration", "геологоразведки"),
        ("urban transport", "городского транспорта"), ("school education", "школьного образования"),
        ("social support", "социальной поддержки"), ("youth employment", "занятости молодежи"),
        ("the film industry", "киноиндустрии"),
        ("sports infrastructure", "спортивной инфраструктуры"),
        ("air connectivity", "авиасообщения"), ("the gas industry", "газовой отрасли"),
        ("waste recycling", "переработки отходов"), ("the IT sector", "ИТ-отрасли"),
        ("the mining industry", "горнодобывающей промышленности"),
        ("the chemical industry", "химической промышленности"),
        ("light industry", "легкой промышленности"),
        ("the construction sector", "строительной отрасли"),
        ("the automotive industry", "автомобильной промышленности"),
        ("freight transport", "грузовых перевозок"),
        ("passenger transport", "пассажирских перевозок"),
        ("rail transport", "железнодорожного транспорта"),
        ("civil aviation", "гражданской авиации"),
        ("seaports", "морских портов"), ("border crossings", "пунктов пропуска на границе"),
        ("customs procedures", "таможенных процедур"), ("digital services", "цифровых услуг"),
        ("broadband internet", "широкополосного интернета"), ("cybersecurity", "кибербезопасности"),
        ("startups", "стартапов"), ("venture financing", "венчурного финансирования"),
        ("microcredit", "микрокредитования"), ("mortgage lending", "ипотечного кредитования"),
        ("pension savings", "пенсионных накоплений"), ("the stock market", "фондового рынка"),
        ("public procurement", "государственных закупок"),
        ("tax administration", "налогового администрирования"),
        ("budget spending", "бюджетных расходов"), ("local budgets", "местных бюджетов"),
        ("housing and utilities", "жилищно-коммунального хозяйства"),
        ("gasification", "газификации"), ("power grids", "электрических сетей"),
        ("coal mining", "угледобычи"), ("oil refining", "нефтепереработки"),
        ("uranium mining", "добычи урана"), ("wheat production", "производства пшеницы"),
        ("horticulture", "садоводства"), ("fisheries", "рыбного хозяйства"),
        ("forestry", "лесного хозяйства"), ("pasture management", "использования пастбищ"),
        ("veterinary services", "ветеринарной службы"),
        ("medical equipment", "медицинского оборудования"), ("rural schools", "сельских школ"),
        ("kindergartens", "детских садов"), ("higher education", "высшего образования"),
        ("research institutes", "научно-исследовательских институтов"),
        ("libraries", "библиотек"), ("museums", "музеев"), ("mass sports", "массового спорта"),
        ("ecotourism", "экотуризма"), ("national parks", "национальных парков"),
        ("air quality", "качества воздуха"), ("drinking water", "питьевой воды"),
        ("flood protection", "защиты от паводков"),
        ("road safety", "безопасности дорожного движения"),
        ("public transport", "общественного транспорта"),
        ("migration policy", "миграционной политики"), ("employment centres", "центров занятости"),
        ("people with disabilities", "людей с инвалидностью"),
        ("large families", "многодетных семей"), ("veterans", "ветеранов"),
        ("volunteering", "волонтерского движения"),
        ("local self-government", "местного самоуправления"),
        ("anti-corruption measures", "противодействия коррупции"),
    ]
]
MONTHS = [
    term(en, ru, ru_gen=gen, ru_loc=loc) for en, ru, gen, loc in [
        ("January", "январь", "января", "январе"), ("February", "февраль", "февраля", "феврале"),
        ("March", "март", "марта", "марте"), ("April", "апрель", "апреля", "апреле"),
        ("May", "май", "мая", "мае"), ("June", "июнь", "июня", "июне"),
        ("July", "июль", "июля", "июле"), ("August", "август", "августа", "августе"),
        ("September", "сентябрь", "сентября", "сентябре"),
        ("October", "октябрь", "октября", "октябре"),
        ("November", "ноябрь", "ноября", "ноябре"), ("December", "декабрь", "декабря", "декабре"),
    ]
]
KZ_COMPANIES = [
    term(en, f"«{ru}»") for en, ru in [
        ("Sary-Arka Steel", "Сары-Арка Стил"), ("Zhetysu Agro", "Жетысу Агро"),
        ("Caspian Logistics", "Каспиан Логистикс"), ("Altyn Dala Foods", "Алтын Дала Фудс"),
        ("Steppe Solar", "Степп Солар"), ("Irtysh Copper", "Иртыш Коппер"),
        ("Tulpar Motors", "Тулпар Моторс"), ("Nomad Cement", "Номад Цемент"),
        ("Kokshe Grain", "Кокше Грейн"), ("Aral Fisheries", "Арал Фишериз"),
        ("Baiterek Development", "Байтерек Девелопмент"), ("QazTransit", "КазТранзит"),
        ("Ulytau Minerals", "Улытау Минералс"), ("Shalkar Chemicals", "Шалкар Кемикалс"),
        ("Tengri Pharm", "Тенгри Фарм"), ("Alatau Textiles", "Алатау Текстиль"),
        ("Esil Energy", "Есиль Энерджи"), ("Kazakh Rail Service", "Казахстанский рельсовый сервис"),
        ("Mangystau Water", "Мангистау Су"), ("Saryarka Glass", "Сарыарка Гласс"),
    ]
]
FOREIGN_COMPANIES = [
    term(name, f"«{name}»") for name in [
        "Rheinwerk Energie", "Nordic Wind Partners", "Shanghai Ferrous Group",
        "Anatolia Build", "Seoul Smart Grid", "Lombardia Macchine", "Gulf Green Hydrogen",
        "Tashkent Textile Holding", "Danube Agro Systems", "Kansai Precision",
        "Iberia Solar", "Baltic Rail Logistics", "Alpine Pharma", "Bosphorus Glass",
        "Mekong Foods", "Helvetia Water", "Carpathian Minerals", "Oman Polymers",
        "Maple Potash", "Rio Verde Fertilizantes", "Silesia Machinery", "Delta Cement",
    ]
]
#: Facilities: English, Russian, English and Russian unit, capacity range.
FACILITIES = [
    ("cement plant", "цементный завод", "tonnes of cement a year", "тонн цемента в год",
     200_000, 2_000_000),
    ("solar power plant", "солнечная электростанция", "megawatts", "мегаватт", 20, 500),
    ("wind farm", "ветровая электростанция", "megawatts", "мегаватт", 20, 1000),
    ("meat processing plant", "мясоперерабатывающий комбинат", "tonnes of meat a year",
     "тонн мяса в год", 2_000, 60_000),
    ("dairy plant", "молочный завод", "tonnes of dairy products a year",
     "тонн молочной продукции в год", 5_000, 80_000),
    ("greenhouse complex", "тепличный комплекс", "tonnes of vegetables a year",
     "тонн овощей в год", 1_000, 30_000),
    ("logistics centre", "логистический центр", "containers a year", "контейнеров в год",
     10_000, 200_000),
    ("grain terminal", "зерновой терминал", "tonnes of grain a year", "тонн зерна в год",
     50_000, 1_500_000),
    ("textile factory", "текстильная фабрика", "thousand metres of fabric a year",
     "тысяч метров ткани в год", 500, 20_000),
    ("copper cathode plant", "завод по производству медного катода", "tonnes of copper a year",
     "тонн меди в год", 10_000, 200_000),
    ("bus assembly plant", "завод по сборке автобусов", "buses a year", "автобусов в год",
     200, 3_000),
    ("fertiliser plant", "завод минеральных удобрений", "tonnes of fertiliser a year",
     "тонн удобрений в год", 50_000, 1_000_000),
    ("glass factory", "стекольный завод", "tonnes of glass a year", "тонн стекла в год",
     20_000, 300_000),
    ("poultry farm", "птицефабрика", "tonnes of poultry a year", "тонн мяса птицы в год",
     2_000, 50_000),
    ("pharmaceutical plant", "фармацевтический завод", "million packs of medicine a year",
     "млн упаковок лекарств в год", 5, 200),
    ("ferroalloy plant", "завод ферросплавов", "tonnes of ferroalloys a year",
     "тонн ферросплавов в год", 30_000, 500_000),
]
INDICATORS = [
    term(en, ru, ru_gen=gen) for en, ru, gen in [
        ("industrial output", "объем промышленного производства",
         "объема промышленного производства"),
        ("retail trade turnover", "розничный товарооборот", "розничного товарооборота"),
        ("construction work", "объем строительных работ", "объема строительных работ"),
        ("investment in fixed assets", "инвестиции в основной капитал",
         "инвестиций в основной капитал"),
        ("agricultural output", "валовой выпуск продукции сельского хозяйства",
         "валового выпуска продукции сельского хозяйства"),
        ("freight turnover", "грузооборот", "грузооборота"),
        ("wholesale trade turnover", "оптовый товарооборот", "оптового товарооборота"),
        ("communication services", "объем услуг связи", "объема услуг связи"),
        ("mining output", "объем горнодобывающей промышленности",
         "объема горнодобывающей промышленности"),
        ("manufacturing output", "объем обрабатывающей промышленности",
         "объема обрабатывающей промышленности"),
        ("passenger transport", "пассажирооборот", "пассажирооборота"),
        ("services output", "объем оказанных услуг", "объема оказанных услуг"),
        ("retail sales of non-food products", "розничные продажи непродовольственных товаров",
         "розничных продаж непродовольственных товаров"),
        ("paid services to the population", "объем платных услуг населению",
         "объема платных услуг населению"),
        ("housing construction", "объем жилищного строительства",
         "объема жилищного строительства"),
        ("electricity generation", "выработка электроэнергии", "выработки электроэнергии"),
        ("food production", "производство продуктов питания", "производства продуктов питания"),
        ("transport services", "объем транспортных услуг", "объема транспортных услуг"),
        ("warehousing services", "объем складских услуг", "объема складских услуг"),
        ("information and communication services",
         "объем информационно-коммуникационных услуг",
         "объема информационно-коммуникационных услуг"),
        ("machine-building output", "объем продукции машиностроения",
         "объема продукции машиностроения"),
        ("chemical industry output", "объем продукции химической промышленности",
         "объема продукции химической промышленности"),
        ("light industry output", "объем продукции легкой промышленности",
         "объема продукции легкой промышленности"),
        ("tourism services", "объем туристических услуг", "объема туристических услуг"),
    ]
]
INCIDENTS = [
    term(en, ru, ru_gen=gen, en_a=("an " if en[0] in "aeiou" else "a ") + en)
    for en, ru, gen in [
        ("flood", "паводок", "паводка"), ("steppe fire", "степной пожар", "степного пожара"),
        ("snowstorm", "снежный буран", "снежного бурана"), ("mudflow", "сель", "селя"),
        ("earthquake", "землетрясение", "землетрясения"),
        ("ice jam", "ледовый затор", "ледового затора"),
        ("forest fire", "лесной пожар", "лесного пожара"),
        ("storm", "штормовой ветер", "штормового ветра"),
    ]
]
CHAMBERS = [
    term("Mazhilis", "Мажилис", ru_gen="Мажилиса", ru_loc="Мажилисе"),
    term("Senate", "Сенат", ru_gen="Сената", ru_loc="Сенате"),
]
LAWS = [
    term(en, ru) for en, ru in [
        ("the law on renewable energy sources", "закон о возобновляемых источниках энергии"),
        ("amendments to the Tax Code", "поправки в Налоговый кодекс"),
        ("the law on mass media", "закон о масс-медиа"),
        ("the law on public procurement", "закон о государственных закупках"),
        ("the law on grain", "закон о зерне"),
        ("the law on digital assets", "закон о цифровых активах"),
        ("amendments to the Water Code", "поправки в Водный кодекс"),
        ("the law on science and technology policy",
         "закон о научной и технологической политике"),
        ("the law on tourism", "закон о туристской деятельности"),
        ("amendments to the Budget Code", "поправки в Бюджетный кодекс"),
        ("the law on local self-government", "закон о местном самоуправлении"),
        ("the law on banks and banking", "закон о банках и банковской деятельности"),
        ("the law on road traffic", "закон о дорожном движении"),
        ("the law on the rights of the child", "закон о правах ребенка"),
        ("amendments to the Entrepreneurial Code", "поправки в Предпринимательский кодекс"),
        ("the law on artificial intelligence", "закон об искусственном интеллекте"),
        ("the law on the civil service", "закон о государственной службе"),
        ("the law on housing relations", "закон о жилищных отношениях"),
        ("the law on pharmaceutical activity", "закон о фармацевтической деятельности"),
        ("the law on veterinary medicine", "закон о ветеринарии"),
        ("amendments to the Environmental Code", "поправки в Экологический кодекс"),
        ("the law on payments and payment systems", "закон о платежах и платежных системах"),
    ]
]
#: What a ratification law ratifies: English, Russian genitive.
INSTRUMENTS = [("agreement", "соглашения"), ("protocol", "протокола"),
               ("memorandum", "меморандума"), ("convention", "конвенции"),
               ("treaty", "договора")]
COMMITTEES = [
    term(en, ru) for en, ru in [
        ("Committee on Economic Reform and Regional Development",
         "комитета по экономической реформе и региональному развитию"),
        ("Committee on Finance and Budget", "комитета по финансам и бюджету"),
        ("Committee on International Affairs, Defence and Security",
         "комитета по международным делам, обороне и безопасности"),
        ("Committee on Agrarian Issues", "комитета по аграрным вопросам"),
        ("Committee on Social and Cultural Development",
         "комитета по социально-культурному развитию"),
        ("Committee on Legislation and Judicial Reform",
         "комитета по законодательству и судебно-правовой реформе"),
    ]
]
OUTLETS = [
    "inform.kz", "tengrinews.kz", "zakon.kz", "kt.kz", "astanatimes.com", "kursiv.media",
    "kapital.kz", "vlast.kz", "orda.kz", "24.kz", "khabar.kz", "liter.kz", "inbusiness.kz",
    "primeminister.kz", "gov.kz", "lsm.kz", "ekonomist.kz", "time.kz", "caravan.kz",
    "dknews.kz",
]


# --- numbers and dates ---------------------------------------------------------------


def decimal(value: float) -> Term:
    text = f"{value:.1f}"
    return term(text, text.replace(".", ","))


def integer(value: int) -> Term:
    return term(f"{value:,}", f"{value:,}".replace(",", " "))


def day_month(day: dt.date) -> Term:
    month = MONTHS[day.month - 1]
    return term(f"{day.day} {month['en']}", f"{day.day} {month['ru_gen']}")


MINISTER = term("Minister", "министр", ru_gen="министра", ru_ins="министром")
VICE_MINISTER = term("Vice Minister", "вице-министр", ru_gen="вице-министра",
                     ru_ins="вице-министром")
#: Vice ministers per ministry: they hold many of the meetings, as in real news.
VICE_MINISTERS = 3


@dataclass(slots=True)
class Cast:
    """The officials of this corpus: a minister and vice ministers per portfolio, one akim per
    region, deputies and heads of the regional emergency departments. They recur across
    articles."""

    ministers: list[tuple[Term, Term, Term, Term]]  # (person, title, portfolio, ministry)
    akims: list[tuple[Term, Term]]  # (person, region)
    deputies: list[Term]
    rescuers: list[Term]

    @classmethod
    def draw(cls, rng: random.Random) -> Cast:
        ministers = []
        for en, ru_gen in PORTFOLIOS:
            portfolio = term(en, ru_gen)
            ministry = term(f"Ministry of {en}", f"Министерство {ru_gen}",
                            ru_gen=f"Министерства {ru_gen}")
            ministers.append((kazakh_person(rng), MINISTER, portfolio, ministry))
            ministers += [(kazakh_person(rng), VICE_MINISTER, portfolio, ministry)
                          for _ in range(VICE_MINISTERS)]
        akims = [(kazakh_person(rng), region) for region in REGION_TERMS]
        deputies = [kazakh_person(rng) for _ in range(60)]
        rescuers = [kazakh_person(rng) for _ in REGION_TERMS]
        return cls(ministers, akims, deputies, rescuers)


# --- kinds of events ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrasings:
    """A kind's sentences in one language. Each fact is a tuple of phrasings of one fact."""

    titles: tuple[str, ...]
    leads: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]
    quotes: tuple[str, ...]
    boilerplate: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    weight: float
    draw: Callable[[random.Random, Cast, dt.date], Facts]
    #: Facts a hard negative shares with its anchor (the actor, the place)...
    keep: tuple[str, ...]
    #: ...and the fact it must not share (what makes it another event).
    differ: str
    text: dict[str, Phrasings]
    #: Facts that name one event: no two events of the corpus share any of these within
    #: ``window`` days, so that articles outside planted groups never report one event.
    identities: tuple[tuple[str, ...], ...] = ()
    window: int = 3


def _draw_meeting(rng: random.Random, cast: Cast, day: dt.date) -> Facts:
    minister, title, portfolio, ministry = rng.choice(cast.ministers)
    role_en, role_ru, role_gen, role_ins = rng.choice(ROLES)
    country = rng.choice(COUNTRIES)
    t1, t2, t3 = rng.sample(TOPICS, 3)
    city, city2 = rng.choices(CITIES, MEETING_CITY_WEIGHTS, k=2)
    if city2 is city:
        city2 = rng.choice(CITIES[3:])
    return {
        "minister": minister, "title": title, "portfolio": portfolio, "ministry": ministry,
        "cp": foreign_person(rng), "country": country,
        "role": term(f"{role_en} of {country['en']}", f"{role_ru} {country['ru_gen']}",
                     ru_gen=f"{role_gen} {country['ru_gen']}",
                     ru_ins=f"{role_ins} {country['ru_gen']}"),
        "t1": t1, "t2": t2, "t3": t3, "city": city, "city2": city2,
        "trade": decimal(rng.uniform(0.2, 25.0)), "growth": decimal(rng.uniform(1.0, 45.0)),
        "year": term(str(day.year - 1), str(day.year - 1)),
        "projects": integer(rng.randint(8, 90)), "pvalue": decimal(rng.uniform(0.5, 30.0)),
        "month": MONTHS[(day.month + rng.randint(1, 5)) % 12],
        "date": day_month(day),
    }


MEETING = Kind(
    "meeting", 2.5, _draw_meeting,
    keep=("minister", "title", "portfolio", "ministry", "city", "date", "year"), differ="cp",
    identities=(("minister", "cp"),), window=3,
    text={
        "en": Phrasings(
            titles=(
                "{minister} meets {role} in {city}",
                "Kazakhstan and {country} discuss cooperation in {t1} and {t2}",
                "Kazakh {title} of {portfolio} holds talks with {cp}",
            ),
            leads=(
                "{title} of {portfolio} of the Republic of Kazakhstan {minister} met with "
                "{role} {cp} in {city} on {date}, the ministry's press service reported.",
                "On {date}, {minister}, {title} of {portfolio} of Kazakhstan, held talks in "
                "{city} with {cp}, {role}.",
                "{role} {cp} was received in {city} on {date} by Kazakhstan's {title} of "
                "{portfolio} {minister}.",
            ),
            facts=(
                ("The parties discussed prospects for cooperation in {t1}, {t2} and {t3}.",
                 "The talks focused on {t1}, {t2} and {t3}.",
                 "During the meeting, the sides considered joint initiatives in {t1}, as well "
                 "as in {t2} and {t3}."),
                ("Bilateral trade between Kazakhstan and {country} reached {trade} billion US "
                 "dollars in {year}, up {growth}% year on year.",
                 "In {year}, trade turnover between the two countries grew by {growth}% to "
                 "${trade} billion.",
                 "According to official statistics, trade between Kazakhstan and {country} "
                 "amounted to ${trade} billion in {year}, an increase of {growth} percent."),
                ("The portfolio of joint projects includes {projects} initiatives worth a total "
                 "of ${pvalue} billion.",
                 "At present {projects} joint projects with a combined value of ${pvalue} "
                 "billion are being implemented.",
                 "Companies from {country} take part in {projects} investment projects worth "
                 "{pvalue} billion US dollars."),
                ("The sides agreed to hold the next meeting of the intergovernmental "
                 "commission in {city2} in {month}.",
                 "The next session of the intergovernmental commission is scheduled for "
                 "{month} in {city2}.",
                 "It was agreed that the intergovernmental commission will meet again in "
                 "{city2} in {month}."),
            ),
            quotes=(
                "\"{country} is one of Kazakhstan's key partners in {t1}, and we are "
                "interested in expanding our cooperation,\" {minister} said.",
                "\"We are ready to create favourable conditions for companies from {country} "
                "that invest in {t1},\" {minister} stressed.",
                "{minister} noted that {country} remains one of Kazakhstan's key partners in "
                "{t1} and {t2}.",
            ),
            boilerplate=(
                "Kazakhstan attaches great importance to the development of mutually "
                "beneficial relations with its foreign partners.",
                "Kazakhstan consistently pursues a balanced, multi-vector foreign policy.",
                "The {ministry} continues its work to attract foreign investment and expand "
                "non-resource exports.",
                "The meeting was held as part of the implementation of the instructions of "
                "the Head of State on strengthening trade and economic ties.",
            ),
        ),
        "ru": Phrasings(
            titles=(
                "{minister} провел{minister_a} встречу с {role_ins}",
                "Казахстан и {country} обсудили сотрудничество в сфере {t1_gen} и {t2_gen}",
                "{title} {portfolio} Казахстана провел{minister_a} переговоры с {cp_ins}",
            ),
            leads=(
                "{title} {portfolio} Республики Казахстан {minister} {date} провел{minister_a} "
                "в {city_loc} встречу с {role_ins} {cp_ins}, сообщает пресс-служба министерства.",
                "{date} в {city_loc} состоялась встреча {title_gen} {portfolio} Казахстана "
                "{minister_gen} и {role_gen} {cp_gen}.",
                "{role} {cp} {date} был принят в {city_loc} {title_ins} {portfolio} Республики "
                "Казахстан {minister_ins}.",
            ),
            facts=(
                ("Стороны обсудили перспективы сотрудничества в сфере {t1_gen}, {t2_gen} и "
                 "{t3_gen}.",
                 "В ходе переговоров основное внимание было уделено вопросам {t1_gen}, {t2_gen} "
                 "и {t3_gen}.",
                 "На встрече рассмотрены совместные инициативы в области {t1_gen}, а также "
                 "{t2_gen} и {t3_gen}."),
                ("По итогам {year} года товарооборот между двумя странами достиг {trade} млрд "
                 "долларов США, увеличившись на {growth}%.",
                 "В {year} году взаимная торговля Казахстана и {country_gen} выросла на "
                 "{growth}% и составила {trade} млрд долларов.",
                 "Согласно официальной статистике, объем торговли между странами в {year} году "
                 "составил {trade} млрд долларов США, что на {growth}% больше, чем годом ранее."),
                ("Портфель совместных проектов включает {projects} инициатив общей стоимостью "
                 "{pvalue} млрд долларов.",
                 "В настоящее время реализуются совместные проекты на общую сумму {pvalue} млрд "
                 "долларов США, их число составляет {projects}.",
                 "Компании из {country_gen} участвуют в реализации инвестиционных проектов "
                 "общей стоимостью {pvalue} млрд долларов, число таких проектов {projects}."),
                ("Стороны договорились провести очередное заседание межправительственной "
                 "комиссии в {city2_loc} в {month_loc}.",
                 "Следующее заседание межправительственной комиссии запланировано на {month} "
                 "в {city2_loc}.",
                 "Достигнута договоренность о проведении заседания межправкомиссии в "
                 "{month_loc} в {city2_loc}."),
            ),
            quotes=(
                "«{country} является одним из ключевых партнеров Казахстана в сфере {t1_gen}, "
                "и мы заинтересованы в расширении сотрудничества», — сказал{minister_a} "
                "{minister}.",
                "«Мы готовы создать благоприятные условия для компаний из {country_gen}, "
                "инвестирующих в сферу {t1_gen}», — подчеркнул{minister_a} {minister}.",
                "{minister} отметил{minister_a}, что {country} остается одним из ключевых "
                "партнеров Казахстана в сфере {t1_gen} и {t2_gen}.",
            ),
            boilerplate=(
                "Казахстан придает большое значение развитию взаимовыгодных отношений с "
                "зарубежными партнерами.",
                "Казахстан последовательно проводит сбалансированную многовекторную внешнюю "
                "политику.",
                "{ministry} продолжает работу по привлечению иностранных инвестиций и "
                "расширению несырьевого экспорта.",
                "Встреча прошла в рамках реализации поручений Главы государства по укреплению "
                "торгово-экономических связей.",
            ),
        ),
    },
)


def _facility(rng: random.Random) -> Facts:
    en, ru, unit_en, unit_ru, low, high = rng.choice(FACILITIES)
    capacity = rng.randint(low, high)
    if capacity > 10_000:
        capacity = round(capacity, -3)
    return {"facility": term(en, ru), "unit": term(unit_en, unit_ru),
            "capacity": integer(capacity)}


def _draw_agreement(rng: random.Random, cast: Cast, day: dt.date) -> Facts:
    akim, region = rng.choice(cast.akims)
    country = rng.choice(COUNTRIES)
    return {
        "company": rng.choice(KZ_COMPANIES), "partner": rng.choice(FOREIGN_COMPANIES),
        "country": country, "region": region, "akim": akim, "ceo": foreign_person(rng),
        "amount": integer(rng.randint(12, 2500)), "jobs": integer(rng.randint(50, 3000)),
        "start": term(str(day.year + rng.randint(0, 2)), ""),
        "finish": term(str(day.year + rng.randint(2, 5)), ""),
        "city": rng.choices(CITIES, MEETING_CITY_WEIGHTS)[0], "date": day_month(day),
        **_facility(rng),
    }


AGREEMENT = Kind(
    "agreement", 1.5, _draw_agreement,
    keep=("company", "city", "date", "akim", "region"), differ="partner",
    identities=(("company", "partner", "facility"),),
    text={
        "en": Phrasings(
            titles=(
                "{company} and {partner} to build {facility} in {region}",
                "${amount} million {facility} project agreed in {region}",
                "{country}'s {partner} signs deal with {company}",
            ),
            leads=(
                "{company} and {partner} of {country} signed an agreement in {city} on {date} "
                "to build a {facility} in {region}.",
                "On {date}, an agreement on the construction of a {facility} in {region} was "
                "signed in {city} between {company} and {partner}, a company from {country}.",
                "A {facility} will be built in {region} under an agreement that {company} and "
                "{partner} signed in {city} on {date}.",
            ),
            facts=(
                ("The cost of the project is estimated at {amount} million US dollars.",
                 "Investment in the project will amount to ${amount} million.",
                 "The parties put the value of the project at ${amount} million."),
                ("The {facility} will have a capacity of {capacity} {unit}.",
                 "Its design capacity is {capacity} {unit}.",
                 "Once completed, the enterprise will produce {capacity} {unit}."),
                ("The project will create {jobs} permanent jobs.",
                 "About {jobs} new jobs will be created in the region.",
                 "Local residents will fill most of the {jobs} jobs the project creates."),
                ("Construction is scheduled to begin in {start} and to be completed in {finish}.",
                 "Work will start in {start}, and the plant is expected to be commissioned in "
                 "{finish}.",
                 "The partners plan to start construction in {start} and finish it by {finish}."),
            ),
            quotes=(
                "\"This project will become one of the largest in {region},\" akim of the "
                "region {akim} said at the signing ceremony.",
                "\"We chose Kazakhstan because of its location and its investment climate,\" "
                "{ceo}, head of {partner}, said.",
                "Akim of {region} {akim} noted that the region will provide the investor with "
                "the necessary infrastructure.",
            ),
            boilerplate=(
                "Kazakhstan offers investors tax preferences and state support under "
                "investment contracts.",
                "Attracting foreign direct investment remains one of the Government's "
                "priorities.",
                "Kazakh Invest provides support to investors at every stage of a project.",
                "The agreement was signed as part of the implementation of the industrial "
                "development programme.",
            ),
        ),
        "ru": Phrasings(
            titles=(
                "{company} и {partner} построят {facility} в {region_loc}",
                "В {region_loc} построят {facility} стоимостью {amount} млн долларов",
                "Компания {partner} подписала соглашение с {company}",
            ),
            leads=(
                "{date} в {city_loc} {company} и компания {partner} из {country_gen} подписали "
                "соглашение о строительстве объекта «{facility}» в {region_loc}.",
                "{date} в {city_loc} подписано соглашение между {company} и компанией "
                "{partner} ({country}) о строительстве объекта «{facility}» в {region_loc}.",
                "Объект «{facility}» будет построен в {region_loc} по соглашению, которое "
                "{company} и {partner} подписали {date} в {city_loc}.",
            ),
            facts=(
                ("Стоимость проекта оценивается в {amount} млн долларов США.",
                 "Объем инвестиций в проект составит {amount} млн долларов.",
                 "Стороны оценили стоимость проекта в {amount} млн долларов США."),
                ("Мощность предприятия составит {capacity} {unit}.",
                 "Проектная мощность объекта — {capacity} {unit}.",
                 "После завершения строительства предприятие будет выпускать {capacity} {unit}."),
                ("В рамках проекта будет создано {jobs} постоянных рабочих мест.",
                 "В регионе появится около {jobs} новых рабочих мест.",
                 "Большую часть из {jobs} рабочих мест займут местные жители."),
                ("Строительство планируется начать в {start} году и завершить в {finish} году.",
                 "Работы начнутся в {start} году, ввод предприятия в эксплуатацию ожидается в "
                 "{finish} году.",
                 "Партнеры намерены приступить к строительству в {start} году и завершить его "
                 "к {finish} году."),
            ),
            quotes=(
                "«Этот проект станет одним из крупнейших в {region_loc}», — сказал{akim_a} на "
                "церемонии подписания аким региона {akim}.",
                "«Мы выбрали Казахстан благодаря его расположению и инвестиционному климату», "
                "— сказал глава компании {partner} {ceo}.",
                "Аким {region_gen} {akim} отметил{akim_a}, что регион обеспечит инвестора "
                "необходимой инфраструктурой.",
            ),
            boilerplate=(
                "Казахстан предоставляет инвесторам налоговые преференции и меры "
                "государственной поддержки в рамках инвестиционных контрактов.",
                "Привлечение прямых иностранных инвестиций остается одним из приоритетов "
                "Правительства.",
                "Kazakh Invest сопровождает инвесторов на всех этапах реализации проектов.",
                "Соглашение подписано в рамках реализации программы индустриального развития.",
            ),
        ),
    },
)


def _draw_launch(rng: random.Random, cast: Cast, day: dt.date) -> Facts:
    akim, region = rng.choice(cast.akims)
    c1, c2 = rng.sample(COUNTRIES, 2)
    return {
        "akim": akim, "region": region, "town": rng.choice(TOWNS),
        "company": rng.choice(KZ_COMPANIES),
        "investment": decimal(rng.uniform(0.8, 250.0)), "jobs": integer(rng.randint(20, 2000)),
        "c1": c1, "c2": c2, "share": integer(rng.randint(15, 70)), "date": day_month(day),
        **_facility(rng),
    }


LAUNCH = Kind(
    "launch", 1.5, _draw_launch,
    keep=("akim", "region", "date"), differ="town",
    identities=(("town", "facility", "company"),),
    text={
        "en": Phrasings(
            titles=(
                "New {facility} opens in {town}",
                "{akim} launches {facility} in {region}",
                "{company} commissions {facility} worth {investment} billion tenge",
            ),
            leads=(
                "A new {facility} built by {company} was opened in {town}, {region}, on {date}.",
                "Akim of {region} {akim} took part in the launch of a {facility} in {town} on "
                "{date}.",
                "On {date}, {company} commissioned a {facility} in the town of {town} in "
                "{region}.",
            ),
            facts=(
                ("Investment in the project amounted to {investment} billion tenge.",
                 "The project cost {investment} billion tenge.",
                 "{company} invested {investment} billion tenge in the enterprise."),
                ("The plant's capacity is {capacity} {unit}.",
                 "It is designed to produce {capacity} {unit}.",
                 "At full capacity the enterprise will turn out {capacity} {unit}."),
                ("The enterprise has created {jobs} jobs.",
                 "{jobs} people will work at the new plant.",
                 "The launch has given work to {jobs} local residents."),
                ("Up to {share}% of the output will be exported to {c1} and {c2}.",
                 "The company plans to export {share}% of its products to {c1} and {c2}.",
                 "{c1} and {c2} are expected to buy up to {share} percent of the production."),
            ),
            quotes=(
                "\"The new enterprise will give a strong impetus to the development of {town},\" "
                "{akim} said.",
                "\"Our goal is to replace imports and to enter the markets of {c1} and {c2},\" "
                "a representative of {company} said.",
                "{akim} noted that the region will continue to support investors.",
            ),
            boilerplate=(
                "The region is implementing a map of industrialisation projects.",
                "Support for domestic manufacturers is one of the priorities of the regional "
                "akimat.",
                "The project was implemented with the support of the Damu entrepreneurship "
                "development fund.",
                "The akimat of the region continues work on creating industrial zones.",
            ),
        ),
        "ru": Phrasings(
            titles=(
                "В городе {town} открылся новый объект: {facility}",
                "{akim} открыл{akim_a} {facility} в {region_loc}",
                "{company} ввела в строй {facility} стоимостью {investment} млрд тенге",
            ),
            leads=(
                "{date} в городе {town} ({region}) открылось новое предприятие — {facility} "
                "компании {company}.",
                "Аким {region_gen} {akim} {date} принял{akim_a} участие в запуске объекта "
                "«{facility}» в городе {town}.",
                "{date} {company} ввела в эксплуатацию объект «{facility}» в городе {town} в "
                "{region_loc}.",
            ),
            facts=(
                ("Объем инвестиций в проект составил {investment} млрд тенге.",
                 "Стоимость проекта — {investment} млрд тенге.",
                 "Компания {company} вложила в предприятие {investment} млрд тенге."),
                ("Мощность предприятия составляет {capacity} {unit}.",
                 "Предприятие рассчитано на выпуск {capacity} {unit}.",
                 "При выходе на полную мощность предприятие будет выпускать {capacity} {unit}."),
                ("На предприятии создано {jobs} рабочих мест.",
                 "На новом заводе будут работать {jobs} человек.",
                 "Запуск предприятия обеспечил работой {jobs} местных жителей."),
                ("До {share}% продукции будет экспортироваться в {c1} и {c2}.",
                 "Компания планирует экспортировать {share}% продукции в {c1} и {c2}.",
                 "Ожидается, что покупателями до {share} процентов продукции станут {c1} и {c2}."),
            ),
            quotes=(
                "«Новое предприятие даст мощный импульс развитию города {town}», — сказал{akim_a} "
                "{akim}.",
                "«Наша цель — заместить импорт и выйти на рынки {c1_gen} и {c2_gen}», — сообщил "
                "представитель компании {company}.",
                "{akim} отметил{akim_a}, что регион продолжит поддерживать инвесторов.",
            ),
            boilerplate=(
                "В регионе реализуется карта индустриализации.",
                "Поддержка отечественных производителей является одним из приоритетов акимата "
                "области.",
                "Проект реализован при поддержке фонда развития предпринимательства «Даму».",
                "Акимат области продолжает работу по созданию индустриальных зон.",
            ),
        ),
    },
)


def _draw_statistics(rng: random.Random, cast: Cast, day: dt.date) -> Facts:
    last_month = MONTHS[(day.month - 2) % 12]
    area = rng.choice(AREAS)
    national = area is AREAS[0]
    # Shares of the country's figure go to regions, of a region's figure to its towns.
    r1, r2 = rng.sample(REGION_TERMS if national else TOWNS, 2)
    value = rng.uniform(0.4, 45.0) if national else rng.uniform(20.0, 3000.0)
    return {
        "indicator": rng.choice(INDICATORS), "area": area, "month": last_month,
        "value": decimal(value),
        "unit": term("trillion tenge", "трлн тенге") if national else term("billion tenge",
                                                                          "млрд тенге"),
        "growth": decimal(rng.uniform(0.3, 14.0)),
        "r1": r1, "r2": r2, "share1": decimal(rng.uniform(11.0, 25.0)),
        "share2": decimal(rng.uniform(5.0, 10.9)), "date": day_month(day),
        "forecast": decimal(rng.uniform(2.0, 7.0)),
    }


STATISTICS = Kind(
    "statistics", 0.2, _draw_statistics,
    keep=("month", "date", "area"), differ="indicator",
    # One figure for one area and period is published once: window of about a month.
    identities=(("indicator", "area", "month"),), window=40,
    text={
        "en": Phrasings(
            titles=(
                "{indicator} in {area} grows {growth}% in January-{month}",
                "{indicator} in {area} reaches {value} {unit}",
                "Statistics: {indicator} in {area} up {growth} percent",
            ),
            leads=(
                "{indicator} in {area} grew by {growth}% in January-{month} and reached "
                "{value} {unit}, the Bureau of National Statistics reported on {date}.",
                "According to the Bureau of National Statistics, {indicator} in {area} "
                "amounted to {value} {unit} in January-{month}, up {growth}%.",
                "{indicator} in {area} rose by {growth} percent in January-{month}, to "
                "{value} {unit}, according to data published on {date}.",
            ),
            facts=(
                ("{r1} accounted for the largest share, {share1}%.",
                 "The largest contribution, {share1} percent, came from {r1}.",
                 "{r1} leads with a share of {share1}%."),
                ("{r2} followed with {share2}%.",
                 "It was followed by {r2}, with a share of {share2} percent.",
                 "{r2} came second, at {share2}%."),
                ("The ministry expects growth of {forecast}% by the end of the year.",
                 "By the end of the year the indicator is forecast to grow by {forecast}%.",
                 "The forecast for the full year is {forecast} percent growth."),
            ),
            quotes=(
                "Analysts attribute the growth to higher demand and to the implementation of "
                "large investment projects.",
                "Experts say the growth of {indicator} reflects the recovery of domestic demand.",
                "The Bureau notes that the figures are preliminary and will be revised.",
            ),
            boilerplate=(
                "The Bureau of National Statistics of the Agency for Strategic Planning and "
                "Reforms publishes operational data every month.",
                "Detailed statistics by region are available on the Bureau's website.",
                "The figures are given in current prices.",
            ),
        ),
        "ru": Phrasings(
            titles=(
                "Рост {indicator_gen} в {area_loc} за январь-{month} составил {growth}%",
                "{indicator} в {area_loc}: {value} {unit}",
                "Статистика: рост {indicator_gen} в {area_loc} составил {growth} процента",
            ),
            leads=(
                "В январе-{month_loc} рост {indicator_gen} в {area_loc} составил {growth}%, "
                "достигнув {value} {unit}, сообщило {date} Бюро национальной статистики.",
                "По данным Бюро национальной статистики, в январе-{month_loc} показатель "
                "«{indicator}» в {area_loc} составил {value} {unit}, рост — {growth}%.",
                "Рост {indicator_gen} в {area_loc} за январь-{month} составил {growth} "
                "процента, до {value} {unit}, следует из данных, опубликованных {date}.",
            ),
            facts=(
                ("Наибольшая доля пришлась на {r1_acc}: {share1}%.",
                 "Наибольший вклад ({share1} процента) пришелся на {r1_acc}.",
                 "Лидирует {r1} с долей {share1}%."),
                ("На втором месте {r2} с долей {share2}%.",
                 "Далее следует {r2}: {share2} процента.",
                 "На втором месте — {r2}, {share2}%."),
                ("В министерстве ожидают рост на {forecast}% по итогам года.",
                 "По прогнозу, к концу года показатель вырастет на {forecast}%.",
                 "Прогноз роста на весь год составляет {forecast} процента."),
            ),
            quotes=(
                "Аналитики связывают рост с увеличением спроса и реализацией крупных "
                "инвестиционных проектов.",
                "По мнению экспертов, рост {indicator_gen} отражает восстановление внутреннего "
                "спроса.",
                "В Бюро отмечают, что данные являются предварительными и будут уточнены.",
            ),
            boilerplate=(
                "Бюро национальной статистики Агентства по стратегическому планированию и "
                "реформам ежемесячно публикует оперативные данные.",
                "Подробная статистика по регионам размещена на сайте Бюро.",
                "Данные приведены в текущих ценах.",
            ),
        ),
    },
)


def _draw_emergency(rng: random.Random, cast: Cast, day: dt.date) -> Facts:
    index = rng.randrange(len(REGION_TERMS))
    return {
        "incident": rng.choice(INCIDENTS), "town": rng.choice(TOWNS),
        "region": REGION_TERMS[index], "official": cast.rescuers[index],
        "evacuated": integer(rng.randint(12, 3000)), "rescuers": integer(rng.randint(20, 900)),
        "equipment": integer(rng.randint(5, 200)), "houses": integer(rng.randint(3, 400)),
        "clock": term(f"{rng.randint(0, 23):02d}:{rng.choice((0, 15, 30, 45)):02d}", ""),
        "date": day_month(day), "centres": integer(rng.randint(2, 30)),
    }


EMERGENCY = Kind(
    "emergency", 0.4, _draw_emergency,
    keep=("incident", "date"), differ="region",
    identities=(("incident", "region", "town"),),
    text={
        "en": Phrasings(
            titles=(
                "{incident} in {region}: {evacuated} residents evacuated",
                "Rescuers respond to {incident} near {town}",
                "{evacuated} people evacuated after {incident} in {town}",
            ),
            leads=(
                "{incident_a} hit the area of {town} in {region} on {date}, the Ministry of "
                "Emergency Situations reported.",
                "On {date} at {clock}, rescuers received a report of {incident_a} near {town}, "
                "{region}.",
                "Emergency services in {region} are dealing with the consequences of "
                "{incident_a} that struck {town} on {date}.",
            ),
            facts=(
                ("{evacuated} residents have been evacuated.",
                 "In total, {evacuated} people were moved to safe places.",
                 "The number of evacuated residents has reached {evacuated}."),
                ("{rescuers} rescuers and {equipment} units of equipment are involved.",
                 "The operation involves {rescuers} personnel and {equipment} vehicles.",
                 "A group of {rescuers} rescuers with {equipment} units of equipment was sent "
                 "to the scene."),
                ("{houses} houses were damaged.",
                 "According to preliminary data, {houses} houses have been damaged.",
                 "The damage covers {houses} residential houses."),
                ("{centres} temporary accommodation centres have been opened.",
                 "Evacuees are being housed in {centres} temporary centres.",
                 "{centres} centres for temporary accommodation were deployed."),
            ),
            quotes=(
                "\"The situation is under control, and there is no threat to the lives of "
                "residents,\" said {official}, head of the emergency department of {region}.",
                "{official}, head of the regional emergency department, said the work would "
                "continue around the clock.",
                "Residents are urged to follow the instructions of the emergency services.",
            ),
            boilerplate=(
                "The Ministry of Emergency Situations reminds residents of the single emergency "
                "number 112.",
                "Residents are urged to follow official information and not to spread rumours.",
                "An operational headquarters is working in the region.",
            ),
        ),
        "ru": Phrasings(
            titles=(
                "В {region_loc} эвакуированы {evacuated} жителей",
                "Спасатели работают в районе города {town}",
                "Из-за {incident_gen} в районе города {town} эвакуированы {evacuated} человек",
            ),
            leads=(
                "{date} в районе города {town} ({region}) произошло чрезвычайное происшествие: "
                "{incident}, сообщили в Министерстве по чрезвычайным ситуациям.",
                "{date} в {clock} спасателям поступило сообщение о происшествии "
                "({incident}) в районе города {town}, {region}.",
                "Экстренные службы {region_gen} ликвидируют последствия {incident_gen}, "
                "затронувшего {date} город {town}.",
            ),
            facts=(
                ("Эвакуированы {evacuated} жителей.",
                 "Всего в безопасные места перемещены {evacuated} человек.",
                 "Число эвакуированных жителей достигло {evacuated}."),
                ("К работам привлечены {rescuers} спасателей и {equipment} единиц техники.",
                 "В операции задействованы {rescuers} человек личного состава и {equipment} "
                 "единиц техники.",
                 "На место направлена группа из {rescuers} спасателей с {equipment} единицами "
                 "техники."),
                ("Повреждены {houses} домов.",
                 "По предварительным данным, число поврежденных домов составляет {houses}.",
                 "Ущерб нанесен {houses} жилым домам."),
                ("Открыты {centres} пунктов временного размещения.",
                 "Эвакуированные размещены в {centres} пунктах временного размещения.",
                 "Развернуто {centres} пунктов временного размещения."),
            ),
            quotes=(
                "«Ситуация под контролем, угрозы жизни жителей нет», — сказал{official_a} "
                "начальник департамента по ЧС {region_gen} {official}.",
                "Начальник департамента по ЧС региона {official} сообщил{official_a}, что "
                "работы продолжатся круглосуточно.",
                "Жителей призывают следовать указаниям экстренных служб.",
            ),
            boilerplate=(
                "МЧС напоминает о едином номере экстренных служб 112.",
                "Жителей призывают следить за официальной информацией и не распространять "
                "слухи.",
                "В регионе работает оперативный штаб.",
            ),
        ),
    },
)


def _draw_law(rng: random.Random, cast: Cast, day: dt.date) -> Facts:
    chamber = rng.choice(CHAMBERS)
    seats = 98 if chamber["en"] == "Mazhilis" else 50
    if rng.random() < 0.6:  # most laws passed are ratifications
        en_instrument, ru_instrument = rng.choice(INSTRUMENTS)
        country, topic = rng.choice(COUNTRIES), rng.choice(TOPICS)
        law = term(
            f"the law ratifying the {en_instrument} with the Government of {country['en']} "
            f"on cooperation in {topic['en']}",
            f"закон о ратификации {ru_instrument} с правительством {country['ru_gen']} о "
            f"сотрудничестве в сфере {topic['ru_gen']}")
    else:
        law = rng.choice(LAWS)
    return {
        "chamber": chamber, "law": law, "deputy": rng.choice(cast.deputies),
        "committee": rng.choice(COMMITTEES), "votes": integer(rng.randint(seats // 2 + 1, seats)),
        "articles": integer(rng.randint(5, 180)), "laws": integer(rng.randint(3, 40)),
        "month": MONTHS[(day.month + rng.randint(0, 5)) % 12], "date": day_month(day),
    }


LAW = Kind(
    "law", 1.0, _draw_law,
    keep=("chamber", "date"), differ="law",
    identities=(("chamber", "law"),), window=7,
    text={
        "en": Phrasings(
            titles=(
                "{chamber} passes {law}",
                "Deputies approve {law}",
                "{chamber} adopts {law} in {date} session",
            ),
            leads=(
                "At its plenary session on {date}, the {chamber} of the Parliament of "
                "Kazakhstan adopted {law}.",
                "The {chamber} on {date} approved {law}, the chamber's press service reported.",
                "Deputies of the {chamber} passed {law} at a plenary session on {date}.",
            ),
            facts=(
                ("The document was presented by {deputy}, a member of the {committee}.",
                 "{deputy} of the {committee} presented the bill to the deputies.",
                 "The bill was introduced by deputy {deputy} of the {committee}."),
                ("{votes} deputies voted in favour.",
                 "The decision was supported by {votes} deputies.",
                 "The bill received {votes} votes."),
                ("The document amends {articles} articles of {laws} legislative acts.",
                 "Amendments are made to {laws} laws, {articles} articles in total.",
                 "In total, {articles} articles in {laws} legislative acts are being changed."),
                ("The new rules are expected to take effect in {month}.",
                 "The law will enter into force in {month}.",
                 "The changes will apply from {month}."),
            ),
            quotes=(
                "\"The adoption of this law will remove barriers that citizens and businesses "
                "face,\" {deputy} said.",
                "According to {deputy}, the law was drafted with the participation of experts "
                "and the public.",
                "{deputy} said the law responds to the instructions of the Head of State.",
            ),
            boilerplate=(
                "Parliament continues its work on bills submitted by the Government.",
                "Draft laws are published on the open legal acts portal for public discussion.",
                "The law will now be sent to the President for signature.",
            ),
        ),
        "ru": Phrasings(
            titles=(
                "{chamber} принял {law}",
                "Депутаты одобрили {law}",
                "{chamber} на заседании {date} принял {law}",
            ),
            leads=(
                "На пленарном заседании {date} {chamber} Парламента Казахстана принял {law}.",
                "{chamber} {date} одобрил {law}, сообщает пресс-служба палаты.",
                "Депутаты {chamber_gen} приняли {law} на пленарном заседании {date}.",
            ),
            facts=(
                ("Документ представил{deputy_a} член {committee} {deputy}.",
                 "Законопроект депутатам представил{deputy_a} {deputy}, член {committee}.",
                 "С докладом по законопроекту выступил{deputy_a} депутат {deputy} "
                 "(член {committee})."),
                ("За принятие документа проголосовали {votes} депутатов.",
                 "Решение поддержали {votes} депутатов.",
                 "Законопроект получил {votes} голосов."),
                ("Документ вносит изменения в {articles} статей {laws} законодательных актов.",
                 "Поправки вносятся в {laws} законов, всего {articles} статей.",
                 "Всего изменяются {articles} статей в {laws} законодательных актах."),
                ("Новые нормы, как ожидается, вступят в силу в {month_loc}.",
                 "Закон вступит в силу в {month_loc}.",
                 "Изменения начнут действовать с {month_gen}."),
            ),
            quotes=(
                "«Принятие этого закона снимет барьеры, с которыми сталкиваются граждане и "
                "бизнес», — сказал{deputy_a} {deputy}.",
                "По словам депутата {deputy_gen}, закон разработан с участием экспертов и "
                "общественности.",
                "{deputy} отметил{deputy_a}, что закон отвечает поручениям Главы государства.",
            ),
            boilerplate=(
                "Парламент продолжает работу над законопроектами, внесенными Правительством.",
                "Проекты законов публикуются на портале открытых нормативных правовых актов для "
                "общественного обсуждения.",
                "Закон будет направлен на подпись Президенту.",
            ),
        ),
    },
)

KINDS = (MEETING, AGREEMENT, LAUNCH, STATISTICS, EMERGENCY, LAW)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}

# --- generic sentences of the field -------------------------------------------------

#: Stock phrases of the field, used as they are.
FILLERS = {
    "en": (
        "Particular attention was paid to the development of {n1} and {n2}.",
        "The parties also discussed issues related to {n1} and {n2}.",
        "Officials noted that the modernisation of {n1} remains a priority for {region}.",
        "In {year}, the share of {n1} in the regional economy is expected to grow by {pct}%.",
        "According to experts, the potential of {n1} has not yet been fully realised.",
        "Measures to support {n1} will be continued until {year2}.",
        "Work is under way to attract private investment in {n1}.",
        "It was noted that the state programme provides for the development of {n1} and {n2} "
        "in {region}.",
        "The meeting also reviewed the progress of projects in {n1}.",
        "Representatives of business associations proposed simplifying procedures in {n1}.",
        "Earlier, the Government approved a comprehensive plan for the development of {n1} "
        "until {year2}.",
        "The akimat of {region} reported that {num} projects in {n1} are being implemented "
        "this year.",
        "Special attention is being paid to {n1}, {n2} and {n3}.",
        "Kazakhstan intends to strengthen its position in {n1} and {n2} in the coming years.",
        "Experts believe that further growth depends on {n1} and the development of {n2}.",
        "The participants exchanged views on the prospects of {n1}.",
        "In addition, proposals on {n1} and {n2} were discussed.",
        "A working group on {n1} will prepare recommendations by the end of {month}.",
        "Local executive bodies were instructed to ensure the timely implementation of "
        "measures in {n1}.",
        "Over the past five years, investment in {n1} has increased by {pct}%.",
        "The ministry stressed the importance of cooperation between the state and business "
        "in {n1}.",
        "This will create additional opportunities for {n1} and {n2}.",
        "The issues of {n1} were also raised at a meeting with entrepreneurs in {region}.",
        "According to preliminary estimates, these measures will increase the efficiency of "
        "{n1}.",
    ),
    "ru": (
        "Особое внимание было уделено развитию {n1} и {n2}.",
        "Стороны также обсудили вопросы {n1} и {n2}.",
        "Было отмечено, что модернизация {n1} остается приоритетом для {region_gen}.",
        "В {year} году доля {n1} в экономике региона, как ожидается, вырастет на {pct}%.",
        "По мнению экспертов, потенциал {n1} пока реализован не полностью.",
        "Меры поддержки {n1} будут продолжены до {year2} года.",
        "Ведется работа по привлечению частных инвестиций в развитие {n1}.",
        "Отмечено, что государственная программа предусматривает развитие {n1} и {n2} в "
        "{region_loc}.",
        "На встрече также рассмотрен ход реализации проектов в сфере {n1}.",
        "Представители бизнес-ассоциаций предложили упростить процедуры в сфере {n1}.",
        "Ранее Правительство утвердило комплексный план развития {n1} до {year2} года.",
        "В акимате {region_gen} сообщили, что в этом году реализуется {num} проектов в сфере "
        "{n1}.",
        "Особое внимание уделяется вопросам {n1}, {n2} и {n3}.",
        "В ближайшие годы Казахстан намерен укрепить позиции в сфере {n1} и {n2}.",
        "Эксперты считают, что дальнейший рост зависит от {n1} и развития {n2}.",
        "Участники обменялись мнениями о перспективах {n1}.",
        "Кроме того, были обсуждены предложения по развитию {n1} и {n2}.",
        "Рабочая группа по вопросам {n1} подготовит рекомендации до конца {month_gen}.",
        "Местным исполнительным органам поручено обеспечить своевременную реализацию мер в "
        "сфере {n1}.",
        "За последние пять лет объем инвестиций в развитие {n1} увеличился на {pct}%.",
        "В министерстве подчеркнули важность взаимодействия государства и бизнеса в сфере "
        "{n1}.",
        "Это создаст дополнительные возможности для {n1} и {n2}.",
        "Вопросы {n1} также поднимались на встрече с предпринимателями в {region_loc}.",
        "По предварительным оценкам, реализация этих мер повысит эффективность {n1}.",
    ),
}

#: Small edits of near copies: words an editor inserts, and words it swaps in.
INSERTS = {
    "en": ("also", "reportedly", "currently", "in particular", "further", "officially",
           "already", "notably", "again", "recently"),
    "ru": ("также", "в частности", "уже", "официально", "сейчас", "в том числе", "вновь",
           "недавно", "дополнительно", "отметим"),
}
SWAPS = {
    "en": ("important", "major", "key", "new", "significant", "large", "joint", "further",
           "national", "main"),
    "ru": ("важный", "крупный", "ключевой", "новый", "значимый", "совместный", "основной",
           "дальнейший", "национальный", "масштабный"),
}
ADDED_SENTENCES = {
    "en": ("Source: press service of the {ministry_or_body}.",
           "Photo: press service.",
           "Earlier, {outlet} reported on preparations for the event.",
           "Follow {outlet} on Telegram for the latest news.",
           "The information was provided by the press service."),
    "ru": ("Источник: пресс-служба ведомства.",
           "Фото: пресс-служба.",
           "Ранее {outlet} сообщал о подготовке к мероприятию.",
           "Следите за новостями {outlet} в Telegram.",
           "Информация предоставлена пресс-службой."),
}
DATELINES = {"en": "ASTANA, {date} –", "ru": "АСТАНА, {date} –"}
TITLE_ADDITIONS = {
    "en": ("UPDATE: {title}", "{title} (photo)", "{title} - video", "{title}: details"),
    "ru": ("ОБНОВЛЕНО: {title}", "{title} (фото)", "{title} - видео", "{title}: подробности"),
}


class Slots(dict[str, str]):
    """Template values; ``{x_gen}`` falls back to ``{x}`` where a term lacks that form."""

    def __missing__(self, key: str) -> str:
        base, _, _ = key.rpartition("_")
        if base and base in self:
            return self[base]
        raise KeyError(key)


def slots(facts: Facts, language: str) -> Slots:
    out = Slots()
    prefix = language + "_"
    for name, value in facts.items():
        out[name] = value.get(language) or value["en"]
        for form, text in value.items():
            if form.startswith(prefix):
                out[f"{name}_{form[len(prefix):]}"] = text
    return out


def sentence_case(text: str) -> str:
    """Upper-case the first letter, unless a number or a sign comes before it ("$680 million")."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
        if char.isalnum() or char == "$":
            break
    return text


def render(template: str, values: Slots) -> str:
    return sentence_case(template.format_map(values))


#: Parts of generic sentences put together at random ("{opener} {subject} {verb} {object}
#: {tail}."), so that unrelated articles share the words of the field far more than whole
#: phrases, as real news does. Subjects are plural; Russian verbs take a genitive object.
SENTENCE_PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "openers": ("", "", "", "", "", "", "At the same time,", "In addition,",
                    "According to the ministry,", "As noted,", "Meanwhile,", "Earlier this year,",
                    "At the meeting,", "In turn,", "Separately,", "As part of this work,",
                    "According to officials,", "On the same day,", "Last week,", "As reported,"),
        "subjects": ("officials", "the participants", "representatives of the akimat", "experts",
                     "members of the working group", "the regional authorities",
                     "business representatives", "the deputies", "the ministry's specialists",
                     "industry associations", "local entrepreneurs", "the heads of departments",
                     "members of the public council", "analysts", "the organisers",
                     "city officials", "farmers", "young scientists", "university rectors",
                     "bank executives", "investors", "environmental activists",
                     "school principals", "trade union leaders"),
        "verbs": ("discussed", "reviewed", "considered", "raised the issue of",
                  "stressed the importance of", "called for the development of",
                  "proposed measures to support", "pointed to problems in", "presented plans for",
                  "assessed the state of", "examined proposals on", "highlighted the potential of",
                  "supported initiatives on", "agreed to step up work on", "noted progress in",
                  "expressed concern about", "shared their experience in",
                  "outlined priorities for",
                  "drew attention to", "debated the future of", "welcomed investment in",
                  "criticised delays in", "signed a memorandum on", "visited facilities of"),
        "tails": ("", "", "", "", "in {region}", "this year", "until {year2}", "in the medium term",
                  "within the national project", "taking into account international experience",
                  "over the next {few} years", "in {month}", "in rural areas",
                  "across the country", "at the regional level", "in cooperation with business",
                  "in {town}", "at a briefing in {city}", "during a working trip to {region}",
                  "at the Government session", "on the sidelines of a forum in {city}",
                  "with the support of the akimat", "for the first time",
                  "after a series of consultations", "in the first half of the year"),
        "and": ("and",),
    },
    "ru": {
        "openers": ("", "", "", "", "", "", "Кроме того,", "Вместе с тем,",
                    "По данным министерства,", "Как отмечается,", "Тем временем",
                    "В начале года", "На совещании", "В свою очередь,", "Отдельно",
                    "В рамках этой работы", "По словам чиновников,", "В тот же день",
                    "На прошлой неделе", "Как сообщалось,"),
        "subjects": ("участники совещания", "представители акимата", "эксперты",
                     "члены рабочей группы", "региональные власти", "представители бизнеса",
                     "депутаты", "специалисты министерства", "отраслевые ассоциации",
                     "местные предприниматели", "руководители управлений",
                     "члены общественного совета", "аналитики", "организаторы",
                     "представители городской администрации", "фермеры", "молодые ученые",
                     "ректоры вузов", "руководители банков", "инвесторы",
                     "экологические активисты", "директора школ", "лидеры профсоюзов",
                     "представители ведомств"),
        "verbs": ("обсудили вопросы", "рассмотрели вопросы", "затронули проблемы",
                  "подчеркнули важность", "выступили за развитие", "предложили меры поддержки",
                  "указали на проблемы", "представили планы развития", "оценили состояние",
                  "изучили предложения по развитию", "отметили потенциал",
                  "поддержали инициативы по развитию",
                  "договорились активизировать работу по развитию", "отметили прогресс в развитии",
                  "обсудили перспективы", "выразили обеспокоенность состоянием",
                  "поделились опытом развития", "обозначили приоритеты развития",
                  "обратили внимание на проблемы", "обсудили будущее",
                  "приветствовали инвестиции в развитие", "раскритиковали задержки в развитии",
                  "подписали меморандум о развитии", "посетили объекты"),
        "tails": ("", "", "", "", "в {region_loc}", "в этом году", "до {year2} года",
                  "на среднесрочную перспективу", "в рамках национального проекта",
                  "с учетом международного опыта", "в ближайшие {few} лет", "в {month_loc}",
                  "в сельской местности", "по всей стране", "на региональном уровне",
                  "совместно с бизнесом", "в городе {town}", "на брифинге в {city_loc}",
                  "в ходе рабочей поездки в {region_acc}", "на заседании Правительства",
                  "на полях форума в {city_loc}", "при поддержке акимата", "впервые",
                  "после серии консультаций", "в первом полугодии"),
        "and": ("и",),
    },
}
#: Generic sentences with figures and places of their own, each in two phrasings (a rewrite
#: keeps most of them, in the other phrasing: they are facts of the story too).
DETAILS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("In {month}, {count} people took part in events on {n1} in {town}.",
         "Events on {n1} held in {town} in {month} drew {count} participants."),
        ("Funding for {n1} in {region} amounted to {money} billion tenge.",
         "{region} allocated {money} billion tenge to {n1}."),
        ("Since the beginning of the year, {count} applications concerning {n1} have been "
         "received in {town}.",
         "{town} has received {count} applications on {n1} since January."),
        ("By {year2}, {count} specialists in {n1} will be trained in {region}.",
         "{region} plans to train {count} specialists in {n1} by {year2}."),
        ("{count} residents of {town} have already benefited from programmes on {n1}.",
         "Programmes on {n1} have already reached {count} residents of {town}."),
        ("The share of {n1} in the economy of {region} reached {pct}%.",
         "{n1} now accounts for {pct}% of the economy of {region}."),
    ),
    "ru": (
        ("В {month_loc} в мероприятиях по вопросам {n1} в городе {town} приняли участие "
         "{count} человек.",
         "Мероприятия по вопросам {n1}, прошедшие в городе {town} в {month_loc}, собрали "
         "{count} участников."),
        ("Объем финансирования {n1} в {region_loc} составил {money} млрд тенге.",
         "На развитие {n1} в {region_loc} выделено {money} млрд тенге."),
        ("С начала года в городе {town} поступило {count} заявок по вопросам {n1}.",
         "Число заявок по вопросам {n1}, поступивших с января в городе {town}, составило "
         "{count}."),
        ("До {year2} года в {region_loc} подготовят {count} специалистов в сфере {n1}.",
         "В {region_loc} планируют к {year2} году подготовить {count} специалистов в сфере "
         "{n1}."),
        ("Программами в сфере {n1} уже воспользовались {count} жителей города {town}.",
         "Число жителей города {town}, воспользовавшихся программами в сфере {n1}, достигло "
         "{count}."),
        ("Доля {n1} в экономике {region_gen} достигла {pct}%.",
         "На долю {n1} приходится {pct}% экономики {region_gen}."),
    ),
}
#: A detail sentence as written: which one, in which phrasing, with which values.
Detail = tuple[int, int, "Slots"]
#: Share of an original's detail sentences a rewrite keeps (reworded).
REWRITE_KEEPS_DETAILS = 0.8
#: Shares of generic sentences: stock phrases (FILLERS), sentences with numbers and places
#: (DETAILS); the rest are put together from SENTENCE_PARTS.
STOCK_SHARE = 0.25
DETAIL_SHARE = 0.2


def filler(rng: random.Random, language: str, day: dt.date, *,
           details: bool = True) -> tuple[str, Detail | None]:
    """One generic sentence of the field, and what it is if it is a detail sentence (only
    drawn with ``details``)."""
    n1, n2, n3 = rng.sample(FIELD_NOUNS, 3)
    values = slots({
        "n1": n1, "n2": n2, "n3": n3, "region": rng.choice(REGION_TERMS),
        "year": term(str(day.year), ""), "year2": term(str(day.year + rng.randint(2, 5)), ""),
        "pct": integer(rng.randint(5, 60)), "num": integer(rng.randint(3, 120)),
        "few": integer(rng.randint(2, 10)), "count": integer(rng.randint(12, 9000)),
        "money": decimal(rng.uniform(0.5, 400.0)), "month": rng.choice(MONTHS),
        "town": rng.choice(TOWNS), "city": rng.choice(CITIES),
    }, language)
    roll = rng.random()
    if roll < STOCK_SHARE:
        return render(rng.choice(FILLERS[language]), values), None
    if roll < STOCK_SHARE + DETAIL_SHARE and details:
        index, variant = rng.randrange(len(DETAILS[language])), rng.randrange(2)
        return render(DETAILS[language][index][variant], values), (index, variant, values)
    parts = SENTENCE_PARTS[language]
    object_ = "{n1}" if rng.random() < 0.6 else f"{{n1}} {parts['and'][0]} {{n2}}"
    chosen = [rng.choice(parts["openers"]), rng.choice(parts["subjects"]),
              rng.choice(parts["verbs"]), object_, rng.choice(parts["tails"])]
    return render(" ".join(part for part in chosen if part) + ".", values), None


# --- articles -----------------------------------------------------------------------


@dataclass(slots=True)
class Event:
    """One thing that happened, and how a first report of it is phrased."""

    kind: Kind
    facts: Facts
    language: str
    day: dt.date
    title_choice: int
    lead_choice: int
    fact_choices: list[int]
    quote_choice: int
    boilerplate: list[int]

    @classmethod
    def draw(cls, rng: random.Random, cast: Cast, kind: Kind, language: str,
             day: dt.date) -> Event:
        text = kind.text[language]
        return cls(
            kind, kind.draw(rng, cast, day), language, day,
            rng.randrange(len(text.titles)), rng.randrange(len(text.leads)),
            [rng.randrange(len(variants)) for variants in text.facts],
            rng.randrange(len(text.quotes)),
            rng.sample(range(len(text.boilerplate)), rng.randint(1, 2)),
        )


@dataclass(slots=True)
class Draft:
    """An article before it is written out: paragraphs of sentences."""

    key: str
    title: str
    paragraphs: list[list[str]]
    published: dt.datetime
    outlet: str
    language: str
    #: Generic sentences, kept apart so that a hard negative can reuse some of them.
    fillers: list[str] = field(default_factory=list)
    #: Which of them are detail sentences, for a rewrite to retell.
    details: list[Detail] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(" ".join(paragraph) for paragraph in self.paragraphs)

    def record(self) -> dict[str, str]:
        return {"key": self.key, "title": self.title, "body": self.body,
                "published": self.published.strftime("%Y-%m-%dT%H:%M"),
                "outlet": self.outlet, "language": self.language}


def count_words(sentences: Sequence[str]) -> int:
    return sum(len(s.split()) for s in sentences)


@dataclass(slots=True)
class Composed:
    title: str
    paragraphs: list[list[str]]
    #: The generic sentences, and which of them are detail sentences.
    fillers: list[str]
    details: list[Detail]


def compose(rng: random.Random, event: Event, *, fillers: list[str] | None = None,
            retold: Sequence[Detail] | None = None, target_words: int | None = None,
            shuffle_facts: bool = False) -> Composed:
    """An article on ``event`` as phrased: its fact sentences, and ``fillers`` or new generic
    sentences up to ``target_words`` (for a rewrite, ``retold``: the original's detail
    sentences, most of them kept in their other phrasing, and no new figures)."""
    text = event.kind.text[event.language]
    values = slots(event.facts, event.language)
    lead = render(text.leads[event.lead_choice], values)
    facts = [render(variants[choice], values)
             for variants, choice in zip(text.facts, event.fact_choices, strict=True)]
    if shuffle_facts:
        rng.shuffle(facts)
    quote = render(text.quotes[event.quote_choice], values)
    boilerplate = [render(text.boilerplate[i], values) for i in event.boilerplate]
    core = [lead, *facts, quote]
    details: list[Detail] = []
    if fillers is None:
        target = target_words if target_words is not None else rng.randint(120, 400)
        fillers = []
        for index, variant, detail_values in retold or ():
            if rng.random() < REWRITE_KEEPS_DETAILS:
                fillers.append(render(DETAILS[event.language][index][1 - variant], detail_values))
        while (count_words(core) + count_words(boilerplate) + count_words(fillers) < target
               or not fillers):
            sentence, detail = filler(rng, event.language, event.day, details=retold is None)
            fillers.append(sentence)
            if detail is not None:
                details.append(detail)
        if retold:
            rng.shuffle(fillers)
    # Facts and the quote first, generic sentences among and after them, boilerplate last.
    sentences = [lead]
    rest = [*facts, quote]
    position = rng.randint(1, 2)
    rest[position:position] = fillers[: len(fillers) // 2]
    rest += fillers[len(fillers) // 2:]
    sentences += rest + boilerplate
    paragraphs: list[list[str]] = [[sentences[0]]]
    index = 1
    while index < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(sentences[index:index + size])
        index += size
    title = render(text.titles[event.title_choice], values).rstrip(".")
    return Composed(title, paragraphs, fillers, details)


def words_of(text: str) -> list[str]:
    """Words as qaznews compares them: NFKC, case-folded, runs of word characters."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def kept_share(original: str, copy: str) -> float:
    """Share of words kept in order, the smaller of the two directions."""
    a, b = original.split(), copy.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return min(kept / len(a), kept / len(b)) if a and b else 0.0


def edit_words(rng: random.Random, paragraphs: list[list[str]], language: str,
               edits: int) -> None:
    """Change, insert or delete ``edits`` single words, in place, never a sentence's first."""
    for _ in range(edits):
        p = rng.randrange(len(paragraphs))
        s = rng.randrange(len(paragraphs[p]))
        words = paragraphs[p][s].split()
        if len(words) < 6:
            continue
        position = rng.randrange(1, len(words) - 1)
        operation = rng.choice(("change", "insert", "delete"))
        if operation == "change":
            words[position] = rng.choice(SWAPS[language])
        elif operation == "insert":
            words.insert(position, rng.choice(INSERTS[language]))
        else:
            del words[position]
        paragraphs[p][s] = " ".join(words)


def near_copy(rng: random.Random, original: Draft, event: Event, key: str, outlet: str,
              published: dt.datetime) -> tuple[Draft, float]:
    """Small edits of ``original``, keeping at least NEAR_MIN_KEPT of its words; and the share
    kept. Fewer edits are tried until the copy keeps enough."""
    text = event.kind.text[event.language]
    values = slots(event.facts, event.language)
    values["outlet"] = outlet
    values["ministry_or_body"] = values.get("ministry", "ministry")
    words = len(original.body.split())
    budget = 1.0
    while True:
        paragraphs = [list(p) for p in original.paragraphs]
        edit_words(rng, paragraphs, event.language, max(1, round(rng.randint(1, 8) * budget)))
        sentences = sum(len(p) for p in paragraphs)
        if rng.random() < 0.45 * budget and sentences > 4:  # drop a sentence, never the lead
            p = rng.randrange(1, len(paragraphs))
            del paragraphs[p][rng.randrange(len(paragraphs[p]))]
            paragraphs = [p for p in paragraphs if p]
        if rng.random() < 0.5 * budget:  # add one: an attribution or a generic sentence
            if rng.random() < 0.5:
                added = render(rng.choice(ADDED_SENTENCES[event.language]), values)
            else:
                added = filler(rng, event.language, event.day)[0]
            if rng.random() < 0.5:
                paragraphs.append([added])
            else:
                paragraphs.insert(rng.randint(1, len(paragraphs)), [added])
        if rng.random() < 0.2 * budget:  # a dateline before the lead
            dateline = DATELINES[event.language].format(date=values["date"])
            paragraphs[0][0] = f"{dateline} {paragraphs[0][0]}"
        title = original.title
        roll = rng.random()
        if roll < 0.3:
            title = render(text.titles[(event.title_choice + 1) % len(text.titles)], values)
        elif roll < 0.5:
            title = rng.choice(TITLE_ADDITIONS[event.language]).format(title=original.title)
        copy = Draft(key, title, paragraphs, published, outlet, event.language)
        if copy.body == original.body:
            continue
        kept = kept_share(original.body, copy.body)
        if kept >= NEAR_MIN_KEPT:
            return copy, kept
        budget = max(0.1, budget * 0.7) if words > 60 else 0.1


def rewrite(rng: random.Random, original: Draft, event: Event, key: str, outlet: str,
            published: dt.datetime, number: int) -> Draft:
    """The ``number``-th (1, 2...) rewrite of ``original``: the same event in other words,
    other phrasings of every fact, in another order, other generic sentences, usually
    shorter; the quote kept verbatim about half the time. Rewrites of one original take
    phrasings different from the original's and from each other's (while there are enough)."""
    text = event.kind.text[event.language]

    def other(choice: int, count: int) -> int:
        if number < count:
            return (choice + number) % count
        return (choice + rng.randint(1, count - 1)) % count

    retold = Event(
        event.kind, event.facts, event.language, event.day,
        other(event.title_choice, len(text.titles)), other(event.lead_choice, len(text.leads)),
        [other(c, len(v)) for c, v in zip(event.fact_choices, text.facts, strict=True)],
        event.quote_choice if rng.random() < 0.5 else other(event.quote_choice,
                                                              len(text.quotes)),
        rng.sample(range(len(text.boilerplate)), rng.randint(0, 1)),
    )
    length = len(original.body.split())
    target = max(100, round(length * rng.uniform(0.6, 1.05)))
    composed = compose(rng, retold, retold=original.details, target_words=target,
                       shuffle_facts=True)
    return Draft(key, composed.title, composed.paragraphs, published, outlet, event.language,
                 composed.fillers)


def hard_negative(rng: random.Random, cast: Cast, anchor: Event, anchor_draft: Draft,
                  key: str, outlet: str, published: dt.datetime,
                  acceptable: Callable[[Kind, Facts, dt.date], bool]) -> tuple[Draft, Event]:
    """Another event of the anchor's kind, actor, place and day, phrased the same way, with
    the same boilerplate and up to half of the same generic sentences; another counterpart,
    other numbers and topics. ``acceptable`` says whether the corpus has room for an event."""
    kind = anchor.kind
    for _ in range(MAX_DRAWS):
        facts = kind.draw(rng, cast, anchor.day)
        for name in kind.keep:
            facts[name] = anchor.facts[name]
        if (facts[kind.differ] != anchor.facts[kind.differ]
                and acceptable(kind, facts, anchor.day)):
            break
    event = Event(kind, facts, anchor.language, anchor.day, anchor.title_choice,
                  anchor.lead_choice, list(anchor.fact_choices), anchor.quote_choice,
                  list(anchor.boilerplate))
    reused = set(rng.sample(range(len(anchor_draft.fillers)),
                            round(rng.uniform(0.0, 0.5) * len(anchor_draft.fillers))))
    fillers = [s if i in reused else filler(rng, anchor.language, anchor.day)[0]
               for i, s in enumerate(anchor_draft.fillers)]
    composed = compose(rng, event, fillers=fillers)
    return Draft(key, composed.title, composed.paragraphs, published, outlet, anchor.language,
                 composed.fillers), event


# --- the corpus -----------------------------------------------------------------------


@dataclass(slots=True)
class Group:
    id: str
    kind: str
    original: str
    exact: list[str] = field(default_factory=list)
    near: list[str] = field(default_factory=list)
    rewrite: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "original": self.original, "exact": self.exact,
                "near": self.near, "rewrite": self.rewrite}


@dataclass(slots=True)
class StoryCorpus:
    directory: Path
    articles: int
    seed: int
    manifest: dict[str, Any]

    @property
    def corpus_path(self) -> Path:
        return self.directory / CORPUS_NAME

    @property
    def planted_path(self) -> Path:
        return self.directory / PLANTED_NAME

    def planted(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.planted_path.read_text(encoding="utf-8"))
        return data


#: Draws of an event's facts before an identity clash is accepted (and counted).
MAX_DRAWS = 200


class Identities:
    """The events the corpus holds, by the facts that name them (see ``Kind.identities``),
    so that no two articles outside one planted group report one event."""

    def __init__(self) -> None:
        self.days: dict[tuple[str, ...], list[int]] = {}
        self.clashes = 0

    @staticmethod
    def keys(kind: Kind, facts: Facts) -> list[tuple[str, ...]]:
        return [(kind.name, *(facts[name]["en"] for name in names))
                for names in kind.identities]

    def free(self, kind: Kind, facts: Facts, day: dt.date) -> bool:
        ordinal = day.toordinal()
        return all(abs(ordinal - other) > kind.window
                   for key in self.keys(kind, facts) for other in self.days.get(key, ()))

    def claim(self, kind: Kind, facts: Facts, day: dt.date) -> None:
        if not self.free(kind, facts, day):
            self.clashes += 1
        for key in self.keys(kind, facts):
            self.days.setdefault(key, []).append(day.toordinal())


class Generator:
    def __init__(self, articles: int, seed: int) -> None:
        self.rng = random.Random(f"qaznews-stories-{seed}")
        self.cast = Cast.draw(self.rng)
        self.articles = articles
        self.drafts: list[Draft] = []
        self.events: dict[str, Event] = {}
        self.groups: list[Group] = []
        self.negatives: list[dict[str, Any]] = []
        self.near_kept: dict[str, float] = {}
        self.events_held = Identities()
        #: (outlet, title, date) already used: the store identifies articles by them.
        self.identities: set[tuple[str, str, dt.date]] = set()

    # -- helpers --

    def moment(self, day: dt.date) -> dt.datetime:
        minute = self.rng.randint(7 * 60, 22 * 60 + 59)
        return dt.datetime.combine(day, dt.time(minute // 60, minute % 60))

    def later(self, published: dt.datetime, *, next_day_share: float) -> dt.datetime:
        """A moment after ``published``: the same day, or the next."""
        if self.rng.random() < next_day_share:
            return self.moment(published.date() + dt.timedelta(days=1))
        end = dt.datetime.combine(published.date(), dt.time(23, 59))
        spare = int((end - published).total_seconds() // 60)
        if spare < 5:
            return self.moment(published.date() + dt.timedelta(days=1))
        return published + dt.timedelta(minutes=self.rng.randint(5, spare))

    def outlet(self, *avoid: str) -> str:
        while True:
            outlet = self.rng.choice(OUTLETS)
            if outlet not in avoid:
                return outlet

    def claim(self, draft: Draft) -> bool:
        """Whether no other article has this outlet, title and date (else the store would
        merge the two as one article read twice)."""
        identity = (draft.outlet, " ".join(words_of(draft.title)), draft.published.date())
        if identity in self.identities:
            return False
        self.identities.add(identity)
        return True

    def add(self, draft: Draft) -> None:
        while not self.claim(draft):
            draft.outlet = self.outlet(draft.outlet)
        self.drafts.append(draft)

    def random_event(self) -> Event:
        """A new event, of a kind, language and day drawn at random, that no other article of
        the corpus reports."""
        kind = self.rng.choices(KINDS, [k.weight for k in KINDS])[0]
        language = self.rng.choices(list(LANGUAGE_WEIGHTS), list(LANGUAGE_WEIGHTS.values()))[0]
        for _ in range(MAX_DRAWS):
            day = FIRST_DAY + dt.timedelta(days=self.rng.randrange(DAYS_SPANNED))
            event = Event.draw(self.rng, self.cast, kind, language, day)
            if self.events_held.free(kind, event.facts, day):
                break
        self.events_held.claim(kind, event.facts, event.day)
        return event

    def original(self, key: str, event: Event) -> Draft:
        composed = compose(self.rng, event)
        draft = Draft(key, composed.title, composed.paragraphs, self.moment(event.day),
                      self.outlet(), event.language, composed.fillers, composed.details)
        self.events[key] = event
        self.add(draft)
        return draft

    # -- planted --

    def group(self, number: int) -> int:
        rng = self.rng
        event = self.random_event()
        group = Group(f"g{number:05d}", event.kind.name, f"g{number:05d}-o")
        original = self.original(group.original, event)
        exact = rng.choices((0, 1, 2), (0.45, 0.4, 0.15))[0]
        near = rng.choices((0, 1, 2, 3), (0.15, 0.45, 0.25, 0.15))[0]
        rewrites = rng.choices((0, 1, 2), (0.35, 0.45, 0.2))[0]
        if exact + near + rewrites == 0:
            near = 1
        used = [original.outlet]
        for i in range(exact):
            outlet = self.outlet(*used)
            used.append(outlet)
            title = original.title
            if rng.random() < 0.5:
                text = event.kind.text[event.language]
                title = render(text.titles[(event.title_choice + 1 + i) % len(text.titles)],
                               slots(event.facts, event.language))
            copy = Draft(f"{group.id}-e{i + 1}", title, [list(p) for p in original.paragraphs],
                         self.later(original.published, next_day_share=0.3), outlet,
                         event.language)
            self.add(copy)
            group.exact.append(copy.key)
        for i in range(near):
            outlet = self.outlet(*used) if rng.random() < 0.9 else original.outlet
            used.append(outlet)
            copy, kept = near_copy(rng, original, event, f"{group.id}-n{i + 1}", outlet,
                                   self.later(original.published, next_day_share=0.3))
            self.add(copy)
            group.near.append(copy.key)
            self.near_kept[copy.key] = round(kept, 4)
        for i in range(rewrites):
            outlet = self.outlet(*used)
            used.append(outlet)
            shift = rng.choices((0, 1, -1), (0.5, 0.4, 0.1))[0]
            day = original.published.date() + dt.timedelta(days=shift)
            published = (self.later(original.published, next_day_share=0.0) if shift == 0
                         else self.moment(day))
            retold = rewrite(rng, original, event, f"{group.id}-r{i + 1}", outlet, published,
                             i + 1)
            self.add(retold)
            group.rewrite.append(retold.key)
        self.groups.append(group)
        return 1 + exact + near + rewrites

    def negatives_of(self, number: int, anchor: Draft) -> int:
        event = self.events[anchor.key]
        count = self.rng.choices((1, 2), (0.7, 0.3))[0]
        keys = []
        for i in range(count):
            key = f"h{number:05d}-{i + 1}"
            published = self.moment(event.day)
            negative, other = hard_negative(
                self.rng, self.cast, event, anchor, key,
                self.outlet() if self.rng.random() < 0.5 else anchor.outlet, published,
                self.events_held.free)
            self.events_held.claim(other.kind, other.facts, other.day)
            self.add(negative)
            keys.append(key)
        self.negatives.append({"anchor": anchor.key, "kind": event.kind.name, "negatives": keys})
        return count

    # -- all --

    def build(self) -> None:
        group_target = round(self.articles * GROUP_SHARE)
        negative_target = round(self.articles * HARD_NEGATIVE_SHARE)
        planted = 0
        while planted < group_target:
            planted += self.group(len(self.groups) + 1)
        # Anchors of hard negatives: half are group originals, half ordinary articles.
        base_needed = max(0, self.articles - planted - negative_target)
        base: list[Draft] = []
        for index in range(base_needed):
            base.append(self.original(f"b{index + 1:06d}", self.random_event()))
        originals = {g.original for g in self.groups}
        anchors_pool = [d for d in self.drafts if d.key in originals]
        negatives = 0
        while negatives < negative_target and (anchors_pool or base):
            pool = anchors_pool if (self.rng.random() < 0.5 and anchors_pool) or not base else base
            anchor = pool.pop(self.rng.randrange(len(pool)))
            negatives += self.negatives_of(len(self.negatives) + 1, anchor)
        # Fill up (or trim the last base articles) to exactly the requested count.
        while len(self.drafts) < self.articles:
            self.original(f"b{len(base) + 1:06d}", self.random_event())
            base.append(self.drafts[-1])
        if len(self.drafts) > self.articles:
            anchors = {n["anchor"] for n in self.negatives}
            spare = [d.key for d in reversed(base) if d.key not in anchors]
            drop = set(spare[: len(self.drafts) - self.articles])
            self.drafts = [d for d in self.drafts if d.key not in drop]

    def event_kinds(self) -> dict[str, str]:
        kinds = {key: event.kind.name for key, event in self.events.items()}
        for group in self.groups:
            for key in (*group.exact, *group.near, *group.rewrite):
                kinds[key] = group.kind
        for entry in self.negatives:
            for key in entry["negatives"]:
                kinds[key] = entry["kind"]
        return dict(sorted(kinds.items()))

    def arrival_order(self) -> list[Draft]:
        """By publication time; a few articles arrive late, as captures do."""
        def arrival(draft: Draft) -> tuple[dt.datetime, str]:
            late = dt.timedelta(0)
            if self.rng.random() < LATE_SHARE:
                late = dt.timedelta(minutes=self.rng.randint(60, 7 * 24 * 60))
            return draft.published + late, draft.key
        keyed = [(arrival(d), d) for d in self.drafts]
        keyed.sort(key=lambda pair: pair[0])
        return [d for _, d in keyed]


# --- planted pairs ------------------------------------------------------------------

PAIR_KINDS = ("exact", "near", "rewrite", "hard_negative")


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def planted_pairs(planted: dict[str, Any]) -> dict[tuple[str, str], str]:
    """Every planted pair of article keys (smaller first) and its kind.

    In a group: pairs among the original and its exact copies are *exact*; pairs with a near
    copy among the original, exact and near copies are *near*; pairs with a rewrite are
    *rewrite*. A hard negative paired with its anchor, the anchor's group, or another
    negative of the same anchor is a *hard_negative*.
    """
    pairs: dict[tuple[str, str], str] = {}
    members_of: dict[str, list[str]] = {}
    for group in planted["groups"]:
        copies = [group["original"], *group["exact"]]
        near = list(group["near"])
        rewrites = list(group["rewrite"])
        members = copies + near + rewrites
        members_of[group["original"]] = members
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a in rewrites or b in rewrites:
                    kind = "rewrite"
                elif a in near or b in near:
                    kind = "near"
                else:
                    kind = "exact"
                pairs[pair(a, b)] = kind
    for entry in planted["hard_negatives"]:
        others = members_of.get(entry["anchor"], [entry["anchor"]])
        negatives = entry["negatives"]
        for i, negative in enumerate(negatives):
            for other in [*others, *negatives[i + 1:]]:
                pairs.setdefault(pair(negative, other), "hard_negative")
    return pairs


def shingle_set(text: str) -> set[str]:
    words = words_of(text)
    return {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def jaccard_summary(pairs: dict[tuple[str, str], str], bodies: dict[str, str]) -> dict[
        str, dict[str, float]]:
    """Jaccard similarity of the word 3-shingles of planted pairs, by kind: quantiles."""
    shingles: dict[str, set[str]] = {}
    values: dict[str, list[float]] = {kind: [] for kind in PAIR_KINDS}
    for (a, b), kind in pairs.items():
        sa = shingles.setdefault(a, shingle_set(bodies[a]))
        sb = shingles.setdefault(b, shingle_set(bodies[b]))
        values[kind].append(len(sa & sb) / len(sa | sb))
    return {kind: quantiles(found) for kind, found in values.items() if found}


def quantiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 3)

    return {"count": len(ordered), "min": round(ordered[0], 3), "p05": at(0.05),
            "median": round(statistics.median(ordered), 3), "p95": at(0.95),
            "max": round(ordered[-1], 3)}


# --- files --------------------------------------------------------------------------


def build_story_corpus(directory: Path, *, articles: int = 100_000, seed: int = 1) -> StoryCorpus:
    """Write the corpus, ``planted.json`` and the manifest into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MANIFEST_NAME).unlink(missing_ok=True)
    generator = Generator(articles, seed)
    generator.build()
    drafts = generator.arrival_order()
    with (directory / CORPUS_NAME).open("w", encoding="utf-8", newline="\n") as out:
        for draft in drafts:
            out.write(json.dumps(draft.record(), ensure_ascii=False) + "\n")
    kinds = generator.event_kinds()
    planted = {
        "generator_version": GENERATOR_VERSION,
        "articles": len(drafts),
        "seed": seed,
        "groups": [g.as_dict() for g in generator.groups],
        "hard_negatives": generator.negatives,
        "near_kept": generator.near_kept,
        # The kind of event every article reports (copies and rewrites their original's).
        "event_kinds": kinds,
    }
    pairs = planted_pairs(planted)
    bodies = {d.key: d.body for d in drafts}
    words = [len(d.body.split()) for d in drafts]
    in_groups = sum(1 + len(g.exact) + len(g.near) + len(g.rewrite) for g in generator.groups)
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "articles": len(drafts),
        "seed": seed,
        "languages": {lang: sum(d.language == lang for d in drafts) for lang in LANGUAGE_WEIGHTS},
        "words": quantiles([float(w) for w in words]),
        "groups": len(generator.groups),
        "articles_in_groups": in_groups,
        "exact_copies": sum(len(g.exact) for g in generator.groups),
        "near_copies": sum(len(g.near) for g in generator.groups),
        "rewrites": sum(len(g.rewrite) for g in generator.groups),
        "hard_negatives": sum(len(n["negatives"]) for n in generator.negatives),
        "kinds_of_events": dict(Counter(kinds.values())),
        # Events drawn MAX_DRAWS times without finding one no other article reports.
        "identity_clashes": generator.events_held.clashes,
        "pairs": {kind: sum(1 for k in pairs.values() if k == kind) for kind in PAIR_KINDS},
        "near_kept": quantiles(list(generator.near_kept.values())) if generator.near_kept else {},
        "jaccard": jaccard_summary(pairs, bodies),
    }
    (directory / PLANTED_NAME).write_text(json.dumps(planted, indent=1), encoding="utf-8")
    (directory / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return StoryCorpus(directory, len(drafts), seed, manifest)


def load_story_corpus(directory: Path, *, articles: int, seed: int) -> StoryCorpus | None:
    """The corpus kept in ``directory`` if it was built with these parameters and is whole."""
    try:
        manifest = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (manifest.get("generator_version"), manifest.get("articles"), manifest.get("seed")) != (
        GENERATOR_VERSION, articles, seed
    ):
        return None
    if not (directory / CORPUS_NAME).is_file() or not (directory / PLANTED_NAME).is_file():
        return None
    return StoryCorpus(directory, articles, seed, manifest)


def read_records(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record: dict[str, str] = json.loads(line)
                yield record


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path, help="folder to write the corpus into")
    parser.add_argument("--articles", type=int, default=100_000,
                        help="number of articles (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    corpus = build_story_corpus(args.out_dir, articles=args.articles, seed=args.seed)
    print(json.dumps(corpus.manifest, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
