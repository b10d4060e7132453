"""Dates as news pages write them:
`11.12.2025, 20:30`, `30 қаңтар 2026, 17:36`,
`17:36, 30 Qańtar 2026`.

Month names are matched after folding case and diacritics, so each month needs one
entry per spelling family rather than one per alphabet revision: the 2018 Kazakh Latin
alphabet (Qańtar, Naýryz), the 2021 one (Qañtar, Nauryz), Kazakh Cyrillic, Russian
in both grammatical cases, and English.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from qaznews.model import Published

_MONTH_STEMS: dict[int, tuple[str, ...]] = {
    1: ("qantar", "қаңтар", "январ"),
    2: ("aqpan", "ақпан", "феврал"),
    3: ("nauryz", "nayryz", "наурыз", "март"),
    4: ("sauir", "sayir", "sauyr", "сәуір", "апрел"),
    5: ("mamyr", "мамыр", "май", "мая"),
    6: ("mausym", "maysym", "маусым", "июн"),
    7: ("shilde", "silde", "шілде", "июл"),
    8: ("tamyz", "тамыз", "август"),
    9: ("qyrkuiek", "qyrkuyek", "kyrkuiek", "қыркүйек", "сентябр"),
    10: ("qazan", "қазан", "октябр"),
    11: ("qarasha", "qarasa", "қараша", "ноябр"),
    12: ("jeltoqsan", "zheltoqsan", "желтоқсан", "декабр"),
}
#: English names and abbreviations match only whole: English has no case endings, and as
#: prefixes they would take ordinary words ("Mayor", "Marchers") for months.
_ENGLISH = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}

#: Kazakh-specific Cyrillic letters folded to their Russian look-alikes before matching.
_KK_CYRILLIC_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")


def _fold(word: str) -> str:
    word = word.casefold().translate(_KK_CYRILLIC_FOLD)
    word = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in word if not unicodedata.combining(ch)).replace("ı", "i")


#: Stems folded exactly as the words compared with them are (й becomes и, қ becomes к).
_FOLDED_STEMS = tuple(
    (number, _fold(stem)) for number, stems in _MONTH_STEMS.items() for stem in stems
)


@lru_cache(maxsize=4096)  # a capture names the same few months over and over
def month_number(word: str) -> int | None:
    """Month from its name in Kazakh (either script), Russian or English; None if not a month.

    A Kazakh or Russian name matches its stem whole or with a case ending ("января",
    "июня", "Qańtardyń"); an English one matches whole."""
    folded = _fold(word.rstrip("."))
    if len(folded) < 3:
        return None
    if folded in _ENGLISH:
        return _ENGLISH[folded]
    for number, stem in _FOLDED_STEMS:
        if folded.startswith(stem):
            return number
    return None


_NUMERIC_DATE = r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"
_CLOCK = r"(\d{1,2}):(\d{2})"
_MONTH_WORD = r"([^\W\d_]{3,12}\.?)"

#: `DD.MM.YYYY, HH:MM VIEWS` (Kazakhstan Today), time and views optional.
NUMERIC_HEADER = re.compile(rf"^{_NUMERIC_DATE}(?:,?\s+{_CLOCK}(?:\s+(\d{{1,10}}))?)?$")
#: `17:36, 30 Qańtar 2026` or `30 января 2026, 17:36` or `30 қаңтар 2026 ж., 17:36`.
WORDY_HEADER = re.compile(
    rf"^(?:{_CLOCK},?\s+)?(\d{{1,2}})\s+{_MONTH_WORD}\s+(\d{{4}})"
    rf"(?:\s*(?:ж\.|г\.|jyl|жыл|года?)?)?(?:,?\s+{_CLOCK})?$",
    re.IGNORECASE,
)
#: `January 30, 2026, 17:36` (English sites).
ENGLISH_HEADER = re.compile(
    rf"^(?:{_CLOCK},?\s+)?([A-Za-z]{{3,9}}\.?)\s+(\d{{1,2}}),\s+(\d{{4}})(?:,?\s+{_CLOCK})?$"
)
#: The last word of `Title DD.MM.YYYY` (gov.kz aggregations).
_DATE_WORD = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
#: One glued listing entry: `11.12.2025, 19:5618371Title` (views and title glued to the time).
GLUED_ENTRY = re.compile(rf"{_NUMERIC_DATE},?\s*(\d{{1,2}}):(\d{{2}})")


def trailing_date(line: str) -> tuple[str, str, str, str] | None:
    """(title, day, month, year) of a line `Title DD.MM.YYYY`: a title, white space, then a
    date as the line's last word. Split from the right, which a regex cannot do: a pattern
    would try every position of the line for the title's end."""
    if not line[-1:].isdigit():  # the date ends the line, no space after it
        return None
    words = line.rsplit(None, 1)  # a first word, when there is one, is never all white space
    if len(words) != 2:
        return None
    date = _DATE_WORD.fullmatch(words[1])
    if date is None:
        return None
    day, month, year = date.groups()
    return words[0], day, month, year


def make_published(
    day: str, month: int | str, year: str, hour: str | None = None, minute: str | None = None
) -> Published | None:
    """A Published from text parts, or None when they do not form a real date and time."""
    try:
        date = dt.date(int(year), int(month), int(day))
        time = dt.time(int(hour), int(minute)) if hour is not None and minute is not None else None
    except ValueError:
        return None
    if not 1990 <= date.year <= 2100:
        return None
    return Published(date, time)


def parse_header(line: str) -> tuple[Published, int | None] | None:
    """A line that is only a date (with time and view count): the header before a title."""
    text = line.strip()
    # Every header opens with a digit (day or time) or ends with one (year, time or views).
    if len(text) > 60 or not text or not (text[0].isdigit() or text[-1].isdigit()):
        return None
    match = NUMERIC_HEADER.match(text)
    if match:
        day, month, year, hour, minute, views = match.groups()
        published = make_published(day, month, year, hour, minute)
        if published:
            return published, int(views) if views else None
        return None
    match = WORDY_HEADER.match(text)
    if match:
        hour1, minute1, day, word, year, hour2, minute2 = match.groups()
        return _spelled_header(day, word, year, hour1 or hour2, minute1 or minute2)
    match = ENGLISH_HEADER.match(text)
    if match:
        hour1, minute1, word, day, year, hour2, minute2 = match.groups()
        return _spelled_header(day, word, year, hour1 or hour2, minute1 or minute2)
    return None


def _spelled_header(day: str, word: str, year: str, hour: str | None,
                    minute: str | None) -> tuple[Published, int | None] | None:
    month = month_number(word)
    published = make_published(day, month, year, hour, minute) if month else None
    return (published, None) if published else None
