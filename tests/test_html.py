"""Saved HTML pages: every field of every fixture page, listings, encodings, bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qaznews.evaluation.html_eval import evaluate_html, token_prf
from qaznews.model import UNIDENTIFIED, Article, Link, SourceRef, canonical_url
from qaznews.pipeline.stages import run_batch
from qaznews.pipeline.standard import standard_pipeline
from qaznews.sources.html import (
    choose_body,
    decode_html,
    extract_body,
    read_page,
    read_page_details,
)
from qaznews.sources.outlets import reader_for

WEB = Path(__file__).parent / "data" / "web"
TRUTH: dict[str, dict[str, Any]] = json.loads((WEB / "truth.json").read_text(encoding="utf-8"))
ARTICLES = sorted(k for k, v in TRUTH.items() if v["kind"] == "article")
LISTINGS = sorted(k for k, v in TRUTH.items() if v["kind"] == "listing")


def page_bytes(page_id: str) -> bytes:
    data = (WEB / "pages" / TRUTH[page_id]["file"]).read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_fixture_set_covers_the_brief() -> None:
    assert len(TRUTH) >= 12 and len(LISTINGS) >= 2
    layouts = [v["layout"] for v in TRUTH.values() if v["kind"] == "article"]
    for outlet in ("kt", "qazinform", "govkz", "astanatimes"):
        assert layouts.count(outlet) >= 2
    assert layouts.count("other") >= 2
    assert any(v["file"].endswith(".gz") for v in TRUTH.values())


@pytest.mark.parametrize("page_id", ARTICLES)
def test_article_page_fields(page_id: str) -> None:
    truth = TRUTH[page_id]
    reading = read_page_details(page_bytes(page_id), url=truth["url"])
    assert len(reading.items) == 1
    item = reading.items[0]
    assert isinstance(item, Article)
    assert item.id == UNIDENTIFIED
    assert item.body == truth["articleBody"]
    assert item.title == truth["title"]
    assert (item.published.iso() if item.published else None) == truth["published"]
    assert item.views == truth["views"]
    assert reading.source_url == truth["source_url"]
    assert item.url == (truth["source_url"] or canonical_url(truth["url"]))
    assert item.source == SourceRef(url=truth["url"])
    assert item.sightings[0].views == truth["views"]
    assert item.sightings[0].content_hash == reading.content_hash
    # the outlet as the stages leave it (the page's own, or the host when it names none)
    result = run_batch(standard_pipeline(language=False), [item])
    assert not result.rejected
    [staged] = result.items
    assert isinstance(staged, Article)
    assert staged.outlet == truth["outlet"]
    assert staged.id != UNIDENTIFIED


@pytest.mark.parametrize("page_id", LISTINGS)
def test_listing_page_gives_one_link_per_entry(page_id: str) -> None:
    truth = TRUTH[page_id]
    items = read_page(page_bytes(page_id), url=truth["url"])
    assert all(isinstance(item, Link) for item in items)
    got = [(i.title, i.published.iso() if i.published else None, i.views, i.url) for i in items]
    assert got == [(e["title"], e["published"], e["views"], e["url"]) for e in truth["entries"]]


def test_outlet_chosen_from_canonical_link_without_url() -> None:
    items = read_page(page_bytes("kt_en_article"))
    assert isinstance(items[0], Article)
    assert items[0].views == TRUTH["kt_en_article"]["views"]
    assert reader_for("https://sub.inform.kz/ru/x") is not None
    assert reader_for("https://notinform.kz/") is None


def test_captured_date_and_source_given() -> None:
    import datetime as dt

    day = dt.date(2026, 3, 13)
    items = read_page(page_bytes("qazinform_en_article"), url=TRUTH["qazinform_en_article"]["url"],
                      source=SourceRef(file="saved.html"), captured=day)
    assert items[0].captured == day and items[0].sightings[0].captured == day
    assert items[0].source == SourceRef(file="saved.html")


def test_cp1251_page_declaring_utf8() -> None:
    data = page_bytes("cp1251_ru_portal")
    assert b'charset="utf-8"' in data or b"charset=utf-8" in data
    text, encoding = decode_html(data)
    assert encoding == "cp1251"
    assert "Семее" in text
    # the same page with no declaration, and declaring cp1251 truthfully
    for variant in (data.replace(b'<meta charset="utf-8">', b""),
                    data.replace(b'charset="utf-8"', b'charset="windows-1251"')):
        assert decode_html(variant)[1] == "cp1251"
        items = read_page(variant, url=TRUTH["cp1251_ru_portal"]["url"])
        assert isinstance(items[0], Article)
        assert items[0].body == TRUTH["cp1251_ru_portal"]["articleBody"]


def test_utf8_page_declaring_cp1251() -> None:
    data = page_bytes("generic_ru_portal").replace(b"charset=utf-8", b"charset=windows-1251")
    assert decode_html(data)[1] == "utf-8"


def test_body_cascade_and_arbitration() -> None:
    long_line = "word " * 200
    assert choose_body(["short."], ["a much longer text " * 20]) [1] == "readability"
    assert choose_body([long_line], [long_line[:300], long_line[300:700]])[1] == "readability"
    text = ["A paragraph of the article that trafilatura read well enough. " * 5]
    assert choose_body(text, ["Another block entirely, unrelated words. " * 20])[1] == "trafilatura"
    assert extract_body(page_bytes("generic_ru_portal"), TRUTH["generic_ru_portal"]["url"]) == \
        TRUTH["generic_ru_portal"]["articleBody"]


def test_eval_html_on_fixtures() -> None:
    result = evaluate_html(WEB / "pages", WEB / "truth.json")
    ours = result.summary["ours"]
    everything = result.summary["all"]
    assert everything["qaznews"].micro.f1 >= everything["trafilatura"].micro.f1
    assert ours["qaznews"].micro.f1 > ours["trafilatura"].micro.f1
    assert ours["qaznews"].macro_f1 > ours["trafilatura"].macro_f1
    assert set(result.skipped) == set(LISTINGS)
    assert {row["group"] for row in result.rows()} == {"all", "ours", "others"}
    assert json.dumps(result.as_dict())


def test_token_prf() -> None:
    score = token_prf("The cat the", "the cat sat")
    assert (score.true_positives, score.extracted, score.gold) == (2, 3, 3)
    assert token_prf("", "x").f1 == 0.0


@pytest.mark.parametrize("data", [b"", b"   ", b"\x00\x01\x02binary\xff" * 50, b"<html></html>",
                                  b"<html><body><p>unclosed", b"<?xml version='1.0'?><html/>",
                                  "<p>текст</p>".encode("utf-16"), b"\xff\xfe\x00"])
def test_bad_pages_never_raise(data: bytes) -> None:
    assert isinstance(read_page(data, url="https://www.kt.kz/eng/x_123456"), list)
    assert isinstance(extract_body(data, None), str)


html_like = st.lists(st.one_of(
    st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div class='news-views'>", "</div>",
                     "<h1>", "</h1>", "<time datetime='2026-01-02T03:04'>", "12.03.2026, 16:20 1874",
                     "<a href='/x'>", "</a>", "<script>", "<meta charset='cp1251'>",
                     '<script type="application/ld+json">{"datePublished": 5}</script>']),
    st.text(max_size=40)), max_size=40).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_like, st.sampled_from([None, "https://www.kt.kz/eng/", "https://www.inform.kz/ru/lenta",
                                   "https://www.gov.kz/memleket/entities/mfa/press/news/details/1",
                                   "not a url", "http://[::1"]))
def test_read_page_never_raises_on_html_like_text(text: str, url: str | None) -> None:
    for item in read_page(text.encode("utf-8", errors="surrogatepass"), url=url):
        assert isinstance(item, Article | Link)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=3000))
def test_read_page_never_raises_on_bytes(data: bytes) -> None:
    read_page(data)
