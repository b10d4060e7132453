"""Property tests: the reader never raises, whatever text or bytes it is given."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from qaznews.core import FileReport, parse_paths
from qaznews.model import Article, Item, Published, article_id, normalise_title
from qaznews.pipeline.clean import fold_for_comparison, repair_body

# Lines shaped like the layouts, so that random text also exercises the item paths.
layout_lines = st.sampled_from([
    "11.12.2025, 20:30 14706", "12.12.2025", "17:36, 30 Qańtar 2026", "30 января 2026, 17:36",
    " date 2025-12-14 13.12.2025, 14:10 17851", "Most viewed", "Tell a friend",
    "11.12.2025, 19:5618371Some title 11.12.2025, 20:0017716Other", "Title here 26.11.2025",
    "Body.Source : https://www.gov.kz/memleket/entities/mfa/press/news/details/1?lang=kk", "-",
])
capture_text = st.lists(st.one_of(layout_lines, st.text(max_size=80)), max_size=30).map("\n".join)


def _parse_bytes(data: bytes) -> tuple[list[Item], list[FileReport]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "capture.txt"
        path.write_bytes(data)
        reports: list[FileReport] = []
        items = list(parse_paths([path], language=False, on_report=reports.append))
        return list(items), reports


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(capture_text)
def test_parse_never_raises_on_text(text: str) -> None:
    items, reports = _parse_bytes(text.encode("utf-8", errors="surrogatepass"))
    assert len(reports) == 1
    assert reports[0].error is None or reports[0].path in reports[0].error
    for item in items:
        assert isinstance(item.title, str | None)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_never_raises_on_bytes(data: bytes) -> None:
    _, reports = _parse_bytes(data)
    assert len(reports) == 1


@given(st.lists(st.text(max_size=60), max_size=8))
@example(["K", "ЀЀ"])
def test_repair_only_changes_spacing_and_lookalikes(lines: list[str]) -> None:
    text = "\n".join(lines)
    repaired = repair_body(text)
    # Folded as given: lines joined without their breaks would merge words across them,
    # and a merged word's look-alike letters follow another script ("K" + "ЀЀ").
    assert fold_for_comparison(repaired) == fold_for_comparison(text)


@given(st.text(max_size=40), st.dates(), st.times())
def test_article_id_ignores_time_of_day_and_where_seen(title: str, day: object,
                                                        clock: object) -> None:
    import datetime as dt

    assert isinstance(day, dt.date) and isinstance(clock, dt.time)
    assume(normalise_title(title))  # a title without letters or digits: identified by its text
    with_time = Published(day, clock.replace(second=0, microsecond=0))
    plain = Published(day)
    assert article_id(None, "Qazinform", title, with_time) == article_id(None, "Qazinform", title, plain)
    assert Published.from_iso(with_time.iso()) == with_time
    one = Article(title=title, body="b", published=plain, outlet="Qazinform")
    two = Article(title=title, body="other text", published=plain, outlet="Qazinform")
    assert one.id == two.id


_URL_PARTS = st.tuples(
    st.sampled_from(["http", "https", "HTTP", "ftp"]),
    st.sampled_from(["gov.kz", "www.gov.kz", "WWW.Kazinform.KZ", "astanatimes.com:8080",
                     "kt.kz:443", "user@kt.kz"]),
    st.text(alphabet="abc/%+-_.~ йA", max_size=20).map(lambda p: "/" + p),
    st.lists(st.tuples(st.sampled_from(["lang", "id", "utm_source", "Ref", "q"]),
                       st.text(alphabet="kzru12 +%&=_-", max_size=6)), max_size=3),
    st.sampled_from(["", "#top", "?", " "]),
)


@settings(max_examples=1000, deadline=None)
@given(_URL_PARTS)
def test_canonical_url_fast_path_agrees_with_parsing(parts: tuple[str, str, str,
                                                                 list[tuple[str, str]], str]
                                                      ) -> None:
    from qaznews.model import _canonical_url_parsed, canonical_url

    scheme, host, path, params, tail = parts
    query = "&".join(f"{k}={v}" for k, v in params)
    url = f"{scheme}://{host}{path}" + (f"?{query}" if query else "") + tail
    assert canonical_url(url) == _canonical_url_parsed(url)


def test_canonical_url_of_common_news_urls() -> None:
    from qaznews.model import _canonical_url_parsed, canonical_url

    for url in (
        "https://www.gov.kz/memleket/entities/mfa/press/news/details/1112459?lang=kk",
        "http://gov.kz/memleket/entities/mfa-geneva/press/news/details/1?lang=ru",
        "https://kazinform.kz/news/2026/01/30/astana-library/",
        "https://astanatimes.com/2026/01/story",
        "https://www.kt.kz/eng/politics/some-story_1153722.html",
        "https://kt.kz/",
        "https://kt.kz",
    ):
        assert canonical_url(url) == _canonical_url_parsed(url), url
    assert canonical_url("http://WWW.Gov.KZ/a/?utm_source=x&lang=kk#p") == "https://gov.kz/a?lang=kk"


@given(st.text(max_size=60))
def test_title_key_is_words_joined_by_single_spaces(title: str) -> None:
    import re
    import unicodedata

    # The definition: case folded, accents dropped, every run of non-word characters
    # (underscore included) one space, none at the ends.
    text = unicodedata.normalize("NFKD", title.casefold())
    text = re.sub(r"[\u0300-\u036f]", "", text)
    assert normalise_title(title) == re.sub(r"[\W_]+", " ", text).strip()
