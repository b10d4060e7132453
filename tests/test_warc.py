"""WARC archives: HTML responses read, other records skipped, damage reported with the file."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from qaznews.errors import InputError
from qaznews.model import Article
from qaznews.sources.html import read_page
from qaznews.sources.warc import read_warc

WEB = Path(__file__).parent / "data" / "web"
TRUTH = json.loads((WEB / "truth.json").read_text(encoding="utf-8"))
PAGE_IDS = ["kt_en_article", "qazinform_ru_article", "govkz_mfa_kk_release", "cp1251_ru_portal"]


def _page(page_id: str) -> bytes:
    data = (WEB / "pages" / TRUTH[page_id]["file"]).read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def write_warc(path: Path, *, gz: bool = True) -> None:
    """Four pages as responses, among a request, a PNG, a 404, a redirect and a metadata record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2026-03-13T08:30:00Z"}))

        for page_id in PAGE_IDS:
            ctype = "text/html; charset=utf-8"
            response(TRUTH[page_id]["url"], "200 OK", ctype, _page(page_id))
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.kz")], is_http_request=True)
            writer.write_record(writer.create_warc_record(
                TRUTH[page_id]["url"], "request", payload=io.BytesIO(b""), length=0, http_headers=req))
        response("https://www.kt.kz/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
        response("https://www.kt.kz/missing", "404 Not Found", "text/html", b"<html>Not found</html>")
        response("https://www.kt.kz/old", "301 Moved Permanently", "text/html", b"")
        writer.write_record(writer.create_warc_record(
            "metadata:1", "metadata", payload=io.BytesIO(b"crawler: test"), length=13,
            warc_content_type="text/plain"))


@pytest.mark.parametrize("gz", [True, False])
def test_read_warc_yields_html_responses(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("pages.warc.gz" if gz else "pages.warc")
    write_warc(path, gz=gz)
    records = list(read_warc(path))
    assert [url for url, _, _ in records] == [TRUTH[p]["url"] for p in PAGE_IDS]
    assert all(day == dt.date(2026, 3, 13) for _, _, day in records)
    for (url, body, day), page_id in zip(records, PAGE_IDS, strict=True):
        assert body == _page(page_id)
        [item] = read_page(body, url=url, captured=day)
        assert isinstance(item, Article)
        assert item.body == TRUTH[page_id]["articleBody"]
        assert item.captured == day


def test_committed_warc_reads(tmp_path: Path) -> None:
    records = list(read_warc(WEB / "pages.warc.gz"))
    assert len(records) == len(PAGE_IDS)


def test_truncated_warc_yields_what_it_can_then_names_the_file(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    got: list[str] = []
    with pytest.raises(InputError) as error:
        for url, _, _ in read_warc(cut):
            got.append(url)
    assert str(cut) in str(error.value)
    assert 1 <= len(got) < len(PAGE_IDS)


def test_not_a_warc_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not an archive\n" * 10)
    with pytest.raises(InputError, match=r"junk\.warc"):
        list(read_warc(junk))
    with pytest.raises(InputError, match="no such file"):
        list(read_warc(tmp_path / "absent.warc.gz"))
