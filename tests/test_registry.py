"""The sources registry: the bundled default, and clear errors for bad registries."""

from __future__ import annotations

from pathlib import Path

import pytest

from qaznews.sources.registry import (
    SourcesError,
    bundled_sources_path,
    load_sources,
    parse_sources,
    select_sources,
)

GOOD = """\
[[source]]
id = "kt"
name = "Kazakhstan Today"
languages = ["en"]
reader = "kazakhstan_today"
feeds = ["https://www.kt.kz/rss/eng.xml"]
article_patterns = ['^https://www\\.kt\\.kz/eng/']
"""


def test_bundled_registry_covers_the_outlets() -> None:
    sources = load_sources(None)
    by_id = {s.id: s for s in sources}
    assert bundled_sources_path().is_file()
    assert {s.name for s in sources} >= {"Kazakhstan Today", "Qazinform", "The Astana Times",
                                         "Ministry of Foreign Affairs"}
    qazinform = {lang for s in sources if s.name == "Qazinform" for lang in s.languages}
    assert qazinform == {"en", "ru", "kk-Latn"}
    assert {s.reader for s in sources} == {"kazakhstan_today", "qazinform", "govkz",
                                           "astana_times"}
    mfa = by_id["mfa-govkz"]
    assert mfa.listings and mfa.delay == 3.0
    assert mfa.is_article_url(
        "https://www.gov.kz/memleket/entities/mfa/press/news/details/1112461?lang=en")
    assert not mfa.is_article_url("https://www.gov.kz/memleket/entities/mfa/press/news?lang=en")
    assert by_id["astana-times"].is_article_url(
        "https://astanatimes.com/2025/12/kazakhstan-hungary-strengthen-cooperation/")
    assert by_id["kazakhstan-today"].is_article_url(
        "https://www.kt.kz/eng/politics/kazakhstan_and_hungary_talk_1377981234.html")
    assert by_id["qazinform-kk-latn"].is_article_url(
        "https://lat.inform.kz/news/qazaqstan-men-vengriya-a1b2c3")
    for source in sources:
        for url in (*source.feeds, *source.listings):
            assert not source.is_article_url(url), url


def test_good_registry() -> None:
    (source,) = parse_sources(GOOD)
    assert source.id == "kt" and source.delay is None and source.listings == ()
    assert source.outlet_name == "Kazakhstan Today"
    assert source.timezone.utcoffset(None).total_seconds() == 5 * 3600


def where(text: str) -> str:
    with pytest.raises(SourcesError) as info:
        parse_sources(text, name="my.toml")
    return str(info.value)


def test_bad_toml_names_file_and_line() -> None:
    message = where(GOOD + "delay = \n")
    assert message.startswith("my.toml:8: bad TOML")


def test_unknown_key_names_its_line() -> None:
    message = where(GOOD + "feed = ['https://x.kz/rss']\n")
    assert message.startswith("my.toml:8: unknown key 'feed' in source 'kt'")


def test_unknown_key_in_second_source() -> None:
    second = GOOD.replace('id = "kt"', 'id = "kt2"').replace(
        "reader = ", "readers = 1\nreader = ")
    message = where(GOOD + "\n" + second)
    assert message.startswith("my.toml:13: unknown key 'readers' in source 'kt2'")


@pytest.mark.parametrize(("change", "expected"), [
    (('reader = "kazakhstan_today"', 'reader = "html"'), "my.toml:5: unknown reader 'html'"),
    (('languages = ["en"]', 'languages = ["de"]'), "my.toml:4: unknown language 'de'"),
    (("'^https://www\\.kt\\.kz/eng/'", "'(unclosed'"), "my.toml:7: bad article pattern"),
    (('feeds = ["https://www.kt.kz/rss/eng.xml"]', 'feeds = ["ftp://kt.kz/rss"]'),
     "my.toml:6: 'feeds' of source 'kt': 'ftp://kt.kz/rss' is not an http(s) URL"),
    (('feeds = ["https://www.kt.kz/rss/eng.xml"]', ""), "my.toml:1: source 'kt' has neither"),
    (('name = "Kazakhstan Today"\n', ""), "my.toml:1: source 'kt' lacks 'name'"),
    (('id = "kt"', 'id = "K T"'), "my.toml:2: id 'K T' must be"),
])
def test_bad_values(change: tuple[str, str], expected: str) -> None:
    assert where(GOOD.replace(*change)).startswith(expected)


def test_bad_delay_and_timezone() -> None:
    assert where(GOOD + "delay = -1\n").startswith("my.toml:8: delay of source 'kt'")
    assert where(GOOD + 'timezone = "Asia/Almaty"\n').startswith("my.toml:8: timezone")


def test_duplicate_ids_and_empty_registry() -> None:
    assert "used twice (first at line 1)" in where(GOOD + "\n" + GOOD)
    assert where("# nothing\n") == "my.toml: no [[source]] tables"
    assert where("sources = 1\n").startswith("my.toml:1: unknown top-level key 'sources'")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesError) as info:
        load_sources(tmp_path / "none.toml")
    assert str(info.value).endswith("none.toml: sources registry not found")


def test_select_sources() -> None:
    sources = load_sources(None)
    chosen = select_sources(sources, ["astana-times", "qazinform-en"])
    assert [s.id for s in chosen] == ["qazinform-en", "astana-times"]
    with pytest.raises(SourcesError, match="unknown source 'nope'"):
        select_sources(sources, ["nope"])
