"""The fetcher against a local server: retries, limits, conditional GET, robots, safety."""

from __future__ import annotations

import datetime as dt
import email.utils
import socket
import time
from typing import Any

import httpx
import pytest

from qaznews.sources.fetch import (
    PAGE_TYPES,
    Fetcher,
    FetchError,
    FetchPolicy,
    check_url_target,
    decode_html,
    is_public_address,
)

from .webserver import Reply, WebServer

FAST = FetchPolicy(timeout=0.5, retries=2, backoff=0.01, delay=0.0, max_wait=5.0,
                   max_bytes=100_000, max_redirects=3, allow_private=True)
PAGE = "<html><head><title>T</title></head><body><p>Text</p></body></html>"


class Sleeps:
    """A fake sleep that records the waits asked for."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def fetcher(policy: FetchPolicy = FAST, **kwargs: Any) -> Fetcher:
    return Fetcher(policy, **kwargs)


def test_plain_fetch_sends_a_qaznews_user_agent(web: WebServer) -> None:
    url = web.route("/a.html", Reply(body=PAGE))
    with fetcher() as f:
        response = f.fetch(url)
    assert response.status == 200 and response.content == PAGE.encode()
    assert response.charset == "utf-8" and response.final_url == url
    agents = [h["user-agent"] for path, h in web.requests if path == "/a.html"]
    assert agents and agents[0].startswith("qaznews/")


def test_404_is_not_retried(web: WebServer) -> None:
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.fetch(web.url("/missing.html"))
    assert info.value.kind == "status" and info.value.status == 404
    assert not info.value.retryable
    assert web.hits["/missing.html"] == 1
    assert "HTTP 404" in str(info.value) and "Traceback" not in str(info.value)


def test_500_then_success_is_retried_with_backoff(web: WebServer) -> None:
    url = web.route("/flaky.html", Reply(500), Reply(503), Reply(body=PAGE))
    sleeps = Sleeps()
    with fetcher(sleep=sleeps) as f:
        response = f.fetch(url)
    assert response.content == PAGE.encode()
    assert web.hits["/flaky.html"] == 3
    assert sleeps.waits == [0.01, 0.02]  # exponential backoff


def test_5xx_that_never_recovers_fails_retryable(web: WebServer) -> None:
    url = web.route("/down.html", Reply(502))
    with fetcher(sleep=Sleeps()) as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert info.value.status == 502 and info.value.retryable
    assert web.hits["/down.html"] == 3  # one try and two retries


def test_429_honours_retry_after_in_seconds(web: WebServer) -> None:
    url = web.route("/busy.html", Reply(429, headers={"Retry-After": "3"}), Reply(body=PAGE))
    sleeps = Sleeps()
    with fetcher(sleep=sleeps) as f:
        assert f.fetch(url).status == 200
    assert sleeps.waits == [3.0]


def test_429_honours_retry_after_as_http_date(web: WebServer) -> None:
    now = dt.datetime(2025, 12, 11, 12, 0, tzinfo=dt.UTC)
    later = email.utils.format_datetime(now + dt.timedelta(seconds=4), usegmt=True)
    url = web.route("/busy.html", Reply(429, headers={"Retry-After": later}), Reply(body=PAGE))
    sleeps = Sleeps()
    with fetcher(sleep=sleeps, now=lambda: now) as f:
        assert f.fetch(url).status == 200
    assert sleeps.waits == [4.0]


def test_retry_after_longer_than_max_wait_leaves_the_url_for_later(web: WebServer) -> None:
    url = web.route("/busy.html", Reply(503, headers={"Retry-After": "3600"}))
    sleeps = Sleeps()
    with fetcher(sleep=sleeps) as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert info.value.retryable and "Retry-After" in info.value.reason
    assert sleeps.waits == [] and web.hits["/busy.html"] == 1


def test_slow_response_times_out(web: WebServer) -> None:
    url = web.route("/slow.html", Reply(body=PAGE, delay=1.0))
    policy = FetchPolicy(timeout=0.1, retries=1, backoff=0.0, delay=0.0, allow_private=True)
    started = time.monotonic()
    with fetcher(policy) as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert info.value.kind == "timeout" and info.value.retryable
    assert time.monotonic() - started < 1.5
    assert web.hits["/slow.html"] == 2


def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with fetcher(sleep=Sleeps()) as f, pytest.raises(FetchError) as info:
        f.fetch(f"http://127.0.0.1:{port}/x.html", robots=False)
    assert info.value.kind == "network" and info.value.retryable


def test_redirects_are_followed_and_recorded(web: WebServer) -> None:
    web.route("/old.html", Reply(301, headers={"Location": "/moved.html"}))
    web.route("/moved.html", Reply(302, headers={"Location": web.url("/new.html")}))
    web.route("/new.html", Reply(body=PAGE))
    with fetcher() as f:
        response = f.fetch(web.url("/old.html"))
    assert response.final_url == web.url("/new.html")
    assert response.redirects == [web.url("/moved.html"), web.url("/new.html")]
    assert response.url == web.url("/old.html")


def test_redirect_loop_is_stopped(web: WebServer) -> None:
    web.route("/loop-a", Reply(302, headers={"Location": "/loop-b"}))
    web.route("/loop-b", Reply(302, headers={"Location": "/loop-a"}))
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.fetch(web.url("/loop-a"))
    assert info.value.kind == "loop"
    assert web.hits["/loop-a"] == 1 and web.hits["/loop-b"] == 1


def test_too_many_redirects(web: WebServer) -> None:
    for n in range(6):
        web.route(f"/hop{n}", Reply(302, headers={"Location": f"/hop{n + 1}"}))
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.fetch(web.url("/hop0"))
    assert info.value.kind == "redirects"
    assert web.hits["/hop4"] == 0  # max_redirects is 3: hop0 and three redirects


def test_oversized_response_with_length_is_refused_before_reading(web: WebServer) -> None:
    url = web.route("/big.html", Reply(body=b"x" * 300_000))
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert info.value.kind == "size" and "300,000" in info.value.reason


def test_oversized_streamed_response_is_stopped(web: WebServer) -> None:
    url = web.route("/stream.html", Reply(body=b"x" * 1_000_000, stream=True))
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert info.value.kind == "size" and "stopped" in info.value.reason


def test_content_type_is_checked(web: WebServer) -> None:
    url = web.route("/file.pdf", Reply(body=b"%PDF-1.4", content_type="application/pdf"))
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.fetch(url, accept=PAGE_TYPES)
    assert info.value.kind == "type" and "application/pdf" in info.value.reason


def test_conditional_get_with_etag_and_last_modified(web: WebServer) -> None:
    stamp = "Thu, 11 Dec 2025 10:00:00 GMT"
    url = web.route("/feed.xml", Reply(body="<rss/>", content_type="application/rss+xml",
                                       etag='"v1"', last_modified=stamp))
    with fetcher() as f:
        first = f.fetch(url, accept=None)
        assert first.etag == '"v1"' and first.last_modified == stamp
        again = f.fetch(url, accept=None, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    sent = web.requests[-1][1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == stamp


CP1251_PAGE = ("<html><head><title>Новости</title></head><body><p>Министерство иностранных "
               "дел Республики Казахстан сообщает о встрече.</p></body></html>")


@pytest.mark.parametrize("declared", ["utf-8", "iso-8859-1", None])
def test_cp1251_page_with_a_wrong_charset_decodes_right(web: WebServer,
                                                        declared: str | None) -> None:
    content_type = f"text/html; charset={declared}" if declared else "text/html"
    url = web.route("/cp1251.html", Reply(body=CP1251_PAGE.encode("cp1251"),
                                          content_type=content_type))
    with fetcher() as f:
        response = f.fetch(url)
    assert response.charset == declared
    text, encoding = decode_html(response.content, response.charset)
    assert encoding == "cp1251" and "Министерство иностранных дел" in text
    assert response.text() == text


def test_decode_html_trusts_utf8_bytes_over_a_cp1251_claim() -> None:
    data = CP1251_PAGE.encode("utf-8")
    assert decode_html(data, "windows-1251") == (CP1251_PAGE, "utf-8")


def test_decode_html_uses_the_meta_charset() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Астана</body></html>'
    text, encoding = decode_html(page.encode("cp1251"), None)
    assert encoding == "cp1251" and "Астана" in text
    latin = '<meta charset="iso-8859-1"><p>Café crème</p>'.encode("latin-1")
    assert decode_html(latin, None)[0].endswith("Café crème</p>")


# -- robots.txt and politeness -------------------------------------------------------


def test_robots_disallowed_path_is_not_fetched(web: WebServer) -> None:
    web.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /private/\n",
                                   content_type="text/plain"))
    web.route("/private/secret.html", Reply(body=PAGE))
    web.route("/open.html", Reply(body=PAGE))
    with fetcher() as f:
        with pytest.raises(FetchError) as info:
            f.fetch(web.url("/private/secret.html"))
        assert info.value.kind == "robots" and not info.value.retryable
        assert f.fetch(web.url("/open.html")).status == 200
        assert not f.allowed(web.url("/private/other.html"))
    assert web.hits["/private/secret.html"] == 0
    assert web.hits["/robots.txt"] == 1  # cached per host


def test_robots_rules_for_qaznews_apply(web: WebServer) -> None:
    web.route("/robots.txt", Reply(body="User-agent: qaznews\nDisallow: /\n\n"
                                        "User-agent: *\nAllow: /\n", content_type="text/plain"))
    with fetcher() as f:
        assert not f.allowed(web.url("/a.html"))


def test_missing_robots_allows_all(web: WebServer) -> None:
    url = web.route("/a.html", Reply(body=PAGE))
    with fetcher() as f:
        assert f.fetch(url).status == 200
    assert web.hits["/robots.txt"] == 1


def test_robots_5xx_disallows_for_now(web: WebServer) -> None:
    web.route("/robots.txt", Reply(503))
    url = web.route("/a.html", Reply(body=PAGE))
    with fetcher(sleep=Sleeps()) as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert info.value.kind == "robots" and info.value.retryable
    assert web.hits["/a.html"] == 0


def test_robots_crawl_delay_is_honoured(web: WebServer) -> None:
    web.route("/robots.txt", Reply(body="User-agent: *\nCrawl-delay: 7\n",
                                   content_type="text/plain"))
    web.route("/a.html", Reply(body=PAGE))
    web.route("/b.html", Reply(body=PAGE))
    sleeps = Sleeps()
    with fetcher(sleep=sleeps) as f:
        f.fetch(web.url("/a.html"))
        f.fetch(web.url("/b.html"))
    assert sleeps.waits and max(sleeps.waits) > 6.5


def test_one_host_is_asked_at_most_once_per_delay(web: WebServer) -> None:
    web.route("/a.html", Reply(body=PAGE))
    web.route("/b.html", Reply(body=PAGE))
    policy = FetchPolicy(timeout=1, retries=0, delay=0.2, allow_private=True)
    with fetcher(policy) as f:
        started = time.monotonic()
        f.fetch(web.url("/a.html"))  # after robots.txt: one delay
        f.fetch(web.url("/b.html"))  # one more
        assert time.monotonic() - started >= 0.4
        assert f.ready_in(web.url("/c.html")) > 0


# -- safety --------------------------------------------------------------------------


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0",
    "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1", "100.64.0.1",
])
def test_non_public_addresses(address: str) -> None:
    assert not is_public_address(address)


def test_public_addresses() -> None:
    assert is_public_address("93.184.216.34") and is_public_address("2a00:1450:4001::1")


def test_loopback_server_is_refused_without_allow_private(web: WebServer) -> None:
    url = web.route("/a.html", Reply(body=PAGE))
    with fetcher(FetchPolicy(allow_private=False)) as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert info.value.kind == "private" and "127.0.0.1" in info.value.reason
    assert sum(web.hits.values()) == 0


def test_a_name_resolving_to_loopback_is_refused() -> None:
    with pytest.raises(FetchError) as info:
        check_url_target("http://localhost:8000/", allow_private=False)
    assert info.value.kind == "private"


def fake_resolver(table: dict[str, list[str]]) -> Any:
    def resolve(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
        if host not in table:
            raise socket.gaierror("Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in table[host]]
    return resolve


def test_every_address_of_a_host_is_checked() -> None:
    resolve = fake_resolver({"news.example": ["93.184.216.34", "10.1.2.3"]})
    with pytest.raises(FetchError) as info:
        check_url_target("https://news.example/a", allow_private=False, resolve=resolve)
    assert "10.1.2.3" in info.value.reason
    with pytest.raises(FetchError) as unknown:
        check_url_target("https://nowhere.example/a", allow_private=False, resolve=resolve)
    assert unknown.value.kind == "dns"


@pytest.mark.parametrize("target", [
    "http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:8080/", "http://internal.example/",
])
def test_redirect_to_a_private_address_is_refused_without_connecting(target: str) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": target})

    resolve = fake_resolver({"news.example": ["93.184.216.34"],
                             "internal.example": ["192.168.0.10"]})
    with Fetcher(FetchPolicy(delay=0, allow_private=False), transport=httpx.MockTransport(handler),
                 resolve=resolve) as f, pytest.raises(FetchError) as info:
        f.fetch("https://news.example/story.html")
    assert info.value.kind == "private"
    assert seen == ["https://news.example/robots.txt", "https://news.example/story.html"]


def test_other_schemes_are_refused() -> None:
    with pytest.raises(FetchError) as info:
        check_url_target("file:///etc/passwd", allow_private=True)
    assert info.value.kind == "scheme"
