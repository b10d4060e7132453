"""The capture reader on small captures we write ourselves, one layout (or trap) each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qaznews.core import FileReport, parse_paths
from qaznews.model import Article, Item, Link

KT_PAGE = """\
 date 2026-02-03 02.02.2026, 18:45 2210
Almaty Metro Opens Two New Stations
Images | Almaty akimat
Tell a friend
Two new stations of the Almaty metro opened on Monday, the city akimat reports.
The stations serve the western districts of the city.
This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.
relevant news
01.02.2026, 09:12 5120
Karaganda Hosts Winter Sports Festival
Tell a friend
More than 400 athletes took part in the festival, Qazinform News Agency reports.
This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.
ИНТЕРНЕТ ТЕЛЕВИДЕНИЕ
KAZAKHSTAN TODAY LIVE
Most viewed
01.02.2026, 10:05Wheat Exports Reach Record 01.02.2026, 11:4012045Steppe Eagle Census Completed 31.01.2026, 08:309981New Bridge Over the Irtysh
"""

MINISTRY_LIST = """\
05.02.2026
Kazakh Language Courses Open in Tbilisi
The Embassy of Kazakhstan in Georgia opened free Kazakh language courses, Ministry of Foreign Affairs of the Republic of Kazakhstan reports.

The first group has 25 students.
04.02.2026

Consultations Held with Mongolia
Political consultations took place in Ulaanbaatar, Ministry of Foreign Affairs of the Republic of Kazakhstan reports.
"""

GOVKZ = """\
Steppe Aggregator

News

Road repair plan approved 12.03.2026
The district akimat approved the road repair plan.Work starts in April. \u00a0\u00a0 Twelve streets will be repaired.Source : https://www.gov.kz/memleket/entities/akmola-region/press/news/details/2000001?lang=kk
Veterans honoured in Kokshetau 12.03.2026
Source : https://www.gov.kz/memleket/entities/akmola-region/press/news/details/2000002?lang=kk
- 11.03.2026
Source : https://www.gov.kz/memleket/entities/mod/press/news/details/2000003?lang=kk
Budget hearings held in the district 11.03.2026
Публичные слушания по бюджету прошли в районе.Депутаты одобрили проект.Source : https://www.gov.kz/memleket/entities/burabay-maslihat/press/news/details/2000004?lang=kk
*New school opened in Kosshy* 10.03.2026
A new school for 600 pupils opened in Kosshy.
"""

QAZINFORM = """\
17:36, 30 Qańtar 2026
Astanada jańa kitaphana ashyldy
ASTANA. KAZINFORM – Elordada jańa kitaphana ashyldy. Oǵan myńnan astam kitap tapsyryldy jáne oqyrmandar úshin arnaıy zal ashyldy.
30 қаңтар 2026, 12:10
Алматыда жаңа саябақ ашылды
АЛМАТЫ. KAZINFORM – Қалада жаңа саябақ ашылды. Саябақта балалар алаңы мен велосипед жолы бар.
29 января 2026, 09:00
В Шымкенте открыли новый мост
ШЫМКЕНТ. KAZINFORM – В Шымкенте открыли новый мост через реку Бадам. Его длина составляет 120 метров.
"""


def _parse(path: Path, language: bool = False) -> tuple[list[Item], list[FileReport]]:
    reports: list[FileReport] = []
    items = list(parse_paths([path], language=language, on_report=reports.append))
    return items, reports


def _articles(items: list[Item]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_kazakhstan_today_page(write_capture: Callable[..., Path]) -> None:
    items, reports = _parse(write_capture("kt.txt", KT_PAGE))
    assert reports[0].error is None
    articles = _articles(items)
    links = [i for i in items if isinstance(i, Link)]
    assert [a.title for a in articles] == [
        "Almaty Metro Opens Two New Stations", "Karaganda Hosts Winter Sports Festival"]
    first, second = articles
    assert first.published is not None and first.published.iso() == "2026-02-02T18:45"
    assert first.views == 2210
    assert first.captured is not None and first.captured.isoformat() == "2026-02-03"
    assert first.body.split("\n") == [
        "Two new stations of the Almaty metro opened on Monday, the city akimat reports.",
        "The stations serve the western districts of the city.",
    ]
    assert first.source.line == 1
    assert second.outlet == "Qazinform"
    assert second.body == "More than 400 athletes took part in the festival, Qazinform News Agency reports."
    assert [(link.title, link.published.iso() if link.published else None, link.views)
            for link in links] == [
        ("Wheat Exports Reach Record", "2026-02-01T10:05", None),
        ("Steppe Eagle Census Completed", "2026-02-01T11:40", 12045),
        ("New Bridge Over the Irtysh", "2026-01-31T08:30", 9981),
    ]
    # Items come in file order: both articles before the listing's links.
    assert [i.kind for i in items] == ["article", "article", "link", "link", "link"]


def test_ministry_list_with_blank_lines(write_capture: Callable[..., Path]) -> None:
    items, _ = _parse(write_capture("mfa.txt", MINISTRY_LIST))
    articles = _articles(items)
    assert [a.title for a in articles] == [
        "Kazakh Language Courses Open in Tbilisi", "Consultations Held with Mongolia"]
    assert [a.published.iso() for a in articles if a.published] == ["2026-02-05", "2026-02-04"]
    assert all(a.views is None and a.captured is None for a in articles)
    assert all(a.outlet == "Ministry of Foreign Affairs" for a in articles)
    assert articles[0].body.endswith("The first group has 25 students.")


def test_govkz_aggregation(write_capture: Callable[..., Path]) -> None:
    items, _ = _parse(write_capture("gov.txt", GOVKZ), language=True)
    articles = _articles(items)
    assert [a.title for a in articles] == [
        "Road repair plan approved", "Veterans honoured in Kokshetau", None,
        "Budget hearings held in the district", "*New school opened in Kosshy*"]
    road, veterans, untitled, budget, school = articles
    assert road.url == "https://www.gov.kz/memleket/entities/akmola-region/press/news/details/2000001?lang=kk"
    assert road.outlet == "akmola-region"
    # Glued sentences repaired; the run of non-breaking spaces was a paragraph break.
    assert road.body == (
        "The district akimat approved the road repair plan. Work starts in April.\n"
        "Twelve streets will be repaired."
    )
    assert veterans.body == "" and veterans.language == "en"
    assert untitled.body == "" and untitled.outlet == "mod" and untitled.language is None
    assert budget.language == "mixed"
    assert (budget.title_language, budget.body_language) == ("en", "ru")
    assert budget.body.startswith("Публичные слушания по бюджету прошли в районе. Депутаты")
    assert school.url is None and school.outlet is None
    # The site header lines before the first item are not content.
    assert all("Steppe Aggregator" not in a.body for a in articles)


def test_qazinform_dates_in_three_languages(write_capture: Callable[..., Path]) -> None:
    items, _ = _parse(write_capture("qaz.txt", QAZINFORM), language=True)
    articles = _articles(items)
    assert [a.published.iso() for a in articles if a.published] == [
        "2026-01-30T17:36", "2026-01-30T12:10", "2026-01-29T09:00"]
    assert [a.outlet for a in articles] == ["Qazinform"] * 3
    assert [a.language for a in articles] == ["kk", "kk", "ru"]
    assert articles[0].body.startswith("ASTANA. KAZINFORM – Elordada")


def test_layout_changes_part_way(write_capture: Callable[..., Path]) -> None:
    text = MINISTRY_LIST + GOVKZ.split("News\n\n", 1)[1] + QAZINFORM
    items, _ = _parse(write_capture("mixed.txt", text))
    titles = [a.title for a in _articles(items)]
    assert titles[:3] == ["Kazakh Language Courses Open in Tbilisi",
                          "Consultations Held with Mongolia", "Road repair plan approved"]
    assert titles[-3:] == ["Astanada jańa kitaphana ashyldy", "Алматыда жаңа саябақ ашылды",
                           "В Шымкенте открыли новый мост"]
    assert len(titles) == 10


def test_unseen_debris_is_learned_from_repetition(write_capture: Callable[..., Path]) -> None:
    blocks = []
    for day in range(1, 6):
        blocks.append(
            f"0{day}.04.2026, 10:00 {day * 100}\nHarvest report number {day}\n"
            f"Farmers of region {day} finished sowing ahead of schedule.\n"
            "Join our WhatsApp news digest today\n"
        )
    items, _ = _parse(write_capture("repeat.txt", "".join(blocks)))
    articles = _articles(items)
    assert len(articles) == 5
    assert all("WhatsApp" not in a.body for a in articles)
    assert articles[2].body == "Farmers of region 3 finished sowing ahead of schedule."


def test_sentence_ending_in_a_date_stays_in_its_article(write_capture: Callable[..., Path]) -> None:
    text = (
        "07.05.2026, 11:00 300\nTreaty Ratified\nParliament ratified the treaty.\n"
        "It enters into force on 01.06.2026\nThe next review is due in a year.\n"
    )
    items, _ = _parse(write_capture("treaty.txt", text))
    articles = _articles(items)
    assert len(articles) == 1
    assert "It enters into force on 01.06.2026" in articles[0].body


def test_header_without_title_and_text_before_any_item(write_capture: Callable[..., Path]) -> None:
    text = "Site navigation: Home | News | Contacts\n01.01.2026, 10:00 5\n02.01.2026, 11:00 7\nA Title\nA body line.\n"
    items, _ = _parse(write_capture("odd.txt", text))
    articles = _articles(items)
    assert [(a.title, a.views) for a in articles] == [("A Title", 7)]


def test_debris_is_learned_across_a_window_on_long_captures(
    write_capture: Callable[..., Path],
) -> None:
    """Beyond the window of held-back items, furniture is still learned and removed, while a
    line repeated in only a few of many items stays text."""
    from qaznews.sources.capture import WINDOW_ITEMS

    count = WINDOW_ITEMS * 2 + 200
    blocks = []
    for index in range(count):
        day = 1 + index % 28
        repeated_story_line = "The ceremony ended with a concert." if index < 3 else ""
        blocks.append(
            f"{day:02d}.05.2026, 10:{index % 60:02d} {index}\nRegional report number {index}\n"
            f"Join our channel for daily digests\nFarmers of district {index} sowed wheat.\n"
            f"{repeated_story_line}\n"
        )
    items, reports = _parse(write_capture("long.txt", "".join(blocks)))
    articles = _articles(items)
    assert reports[0].error is None and len(articles) == count
    assert all("Join our channel" not in a.body for a in articles)
    assert [a.title for a in articles[:2]] == ["Regional report number 0",
                                               "Regional report number 1"]
    assert articles[0].body.endswith("The ceremony ended with a concert.")
    assert articles[-1].body == f"Farmers of district {count - 1} sowed wheat."


def test_read_statistics_count_debris_and_stray_text(write_capture: Callable[..., Path]) -> None:
    _, reports = _parse(write_capture("kt.txt", KT_PAGE))
    stats = reports[0].read
    assert stats.lines == KT_PAGE.count("\n")
    # Images, 2 x share, 2 x copyright, relevant news, TV banner, live banner, Most viewed
    assert stats.debris_lines == 9
    assert stats.stray_lines == 0
    _, reports = _parse(write_capture("gov.txt", GOVKZ))
    # Before any item: the aggregator's name is stray text, its "News" header known debris.
    assert (reports[0].read.stray_lines, reports[0].read.debris_lines) == (1, 1)


def test_items_stream_out_before_a_long_listing_ends(write_capture: Callable[..., Path]) -> None:
    """An article followed by a long listing is released while the listing is still being
    read: what the reader holds stays bounded by its window, whatever the capture's length."""
    from qaznews.sources.capture import WINDOW_ITEMS, CaptureReader, ReadStats
    from qaznews.sources.files import open_capture

    listing = "".join(
        f"0{1 + n % 9}.06.2026, 10:{n % 60:02d}{n}Listed story number {n}\n"
        for n in range(WINDOW_ITEMS * 3)
    )
    path = write_capture("listing.txt", MINISTRY_LIST.split("04.02.2026")[0] + listing)
    capture = open_capture(path, max_file_bytes=10**9, max_line_chars=10**6)
    stats = ReadStats()
    reader = CaptureReader().read(capture, stats)
    first = next(reader)
    assert isinstance(first, Article) and first.title == "Kazakh Language Courses Open in Tbilisi"
    assert stats.lines < WINDOW_ITEMS * 2  # released long before the end of the file
    rest = list(reader)
    assert len(rest) == WINDOW_ITEMS * 3 and all(isinstance(i, Link) for i in rest)
    assert rest[0].title == "Listed story number 0" and rest[-1].views == WINDOW_ITEMS * 3 - 1
