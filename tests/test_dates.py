from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qaznews.sources.dates import month_number, parse_header, trailing_date


@pytest.mark.parametrize(
    ("line", "expected", "views"),
    [
        ("11.12.2025, 20:30 14706", "2025-12-11T20:30", 14706),
        ("11.12.2025, 20:30", "2025-12-11T20:30", None),
        ("03.04.2026", "2026-04-03", None),
        ("17:36, 30 Qańtar 2026", "2026-01-30T17:36", None),
        ("30 қаңтар 2026, 17:36", "2026-01-30T17:36", None),
        ("30 января 2026, 17:36", "2026-01-30T17:36", None),
        ("09:05, 4 Naýryz 2026", "2026-03-04T09:05", None),
        ("14 сәуір 2026 ж., 10:15", "2026-04-14T10:15", None),
        ("2 Şılde 2025, 09:00", "2025-07-02T09:00", None),
        ("8 Qyrkúiek 2025", "2025-09-08", None),
        ("12 мая 2026", "2026-05-12", None),
        ("1 желтоқсан 2025, 23:59", "2025-12-01T23:59", None),
        ("January 30, 2026, 08:00", "2026-01-30T08:00", None),
    ],
)
def test_headers_in_every_language(line: str, expected: str, views: int | None) -> None:
    header = parse_header(line)
    assert header is not None
    assert header[0].iso() == expected
    assert header[1] == views


@pytest.mark.parametrize(
    "line",
    [
        "31.02.2025",  # no such day
        "11.12.2025, 25:10 100",  # no such hour
        "30 Smarch 2026",
        "The meeting took place on 12.12.2025",  # a sentence, not a header
        "Kazakhstan and Oman 2026",
        "",
    ],
)
def test_non_headers(line: str) -> None:
    assert parse_header(line) is None


def test_month_names_fold_case_and_alphabets() -> None:
    assert month_number("QAŃTAR") == 1
    assert month_number("Qañtar") == 1
    assert month_number("ақпан") == 2
    assert month_number("декабря") == 12
    assert month_number("Sept.") == 9
    assert month_number("Qazaqstan") is None
    assert month_number("ma") is None
    assert dt.date(2026, 1, 30).month == month_number("қаңтар")


MONTH_FORMS = {
    1: ["January", "Jan", "января", "январь", "қаңтар", "Qańtar", "Qañtar"],
    2: ["February", "Feb.", "февраля", "февраль", "ақпан", "Aqpan"],
    3: ["March", "Mar", "марта", "март", "наурыз", "Naýryz", "Nauryz"],
    4: ["April", "Apr", "апреля", "апрель", "сәуір", "Sáýir", "Säuır"],
    5: ["May", "мая", "май", "мамыр", "Mamyr"],
    6: ["June", "Jun", "июня", "июнь", "маусым", "Maýsym", "Mausym"],
    7: ["July", "Jul", "июля", "июль", "шілде", "Shilde", "Şılde"],
    8: ["August", "Aug", "августа", "август", "тамыз", "Tamyz"],
    9: ["September", "Sept.", "Sep", "сентября", "сентябрь", "қыркүйек", "Qyrkúiek", "Qyrküiek"],
    10: ["October", "Oct", "октября", "октябрь", "қазан", "Qazan"],
    11: ["November", "Nov", "ноября", "ноябрь", "қараша", "Qarasha", "Qaraşa"],
    12: ["December", "Dec", "декабря", "декабрь", "желтоқсан", "Jeltoqsan"],
}


@pytest.mark.parametrize(("month", "names"), MONTH_FORMS.items())
def test_every_month_in_every_language(month: int, names: list[str]) -> None:
    for name in names:
        assert month_number(name) == month, name
        assert month_number(name.upper()) == month, name.upper()
        header = parse_header(f"7 {name} 2025, 17:36")
        assert header is not None and header[0].iso() == f"2025-{month:02d}-07T17:36", name


def test_english_words_that_only_begin_like_months() -> None:
    for word in ("Junk", "Mayor", "Marchers", "Decade", "Octopus", "Augment", "Janitor"):
        assert month_number(word) is None, word


_TITLE_THEN_DATE = re.compile(r"^(.*?\S)\s+(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)$")


@given(st.text(alphabet=" \t\u00a0aZ.1905", max_size=30))
def test_trailing_date_is_title_space_date(line: str) -> None:
    # The definition as one pattern; the function splits from the right instead.
    for text in (line, line + " 05.11.2025", line + "12.05.2025", line + " 5.11.2025 ",
                 line + " 05.11.20256", "  " + line + "\t1.1.2000"):
        match = _TITLE_THEN_DATE.match(text)
        assert trailing_date(text) == (match.groups() if match else None)
