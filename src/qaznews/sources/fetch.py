"""The polite fetcher: one HTTP GET done safely, politely and within limits.

Rules, in the order a request meets them (docs/CRAWL.md):

1. Safety. Only http(s). The host is resolved (``getaddrinfo``) and *every* address
   checked: loopback, private, link-local, multicast, reserved and unspecified
   addresses are refused unless ``allow_private``, before any connection, and again
   for every redirect target.
2. Politeness. robots.txt is obeyed (cached per host; a missing one allows all, a 5xx
   or unreachable one disallows for now); one request at a time per host, with at
   least ``delay`` seconds between them (or a larger robots.txt ``Crawl-delay``); a
   User-Agent naming qaznews.
3. Retries. Connection errors, timeouts, 429 and 5xx are retried with exponential
   backoff, honouring ``Retry-After`` (seconds or an HTTP date) up to ``max_wait``.
4. Limits. Redirects (and redirect loops), response size (streamed and stopped),
   content type.
5. Conditional GET with the caller's validators (``ETag``, ``Last-Modified``); a 304
   comes back as a response with ``not_modified``.

Bytes are returned with the declared charset; :func:`decode_html` decodes them right
even when the page lies about its encoding.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from protego import Protego

from qaznews import __version__
from qaznews.errors import QaznewsError
from qaznews.sources.encoding import decode_page

USER_AGENT = f"qaznews/{__version__} (news-intelligence crawler; obeys robots.txt)"
#: The name robots.txt rules are matched against.
ROBOTS_AGENT = "qaznews"
PAGE_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
#: Feeds come with many types, XML and not; feedparser judges the content itself.
FEED_TYPES: tuple[str, ...] = ("xml", "rss", "atom", "text/")
#: Largest robots.txt read (Google reads 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024
#: A robots.txt that could not be read (5xx, unreachable) is asked for again after this.
ROBOTS_RETRY_SECONDS = 300.0
#: A robots.txt Crawl-delay is honoured up to this many seconds.
MAX_CRAWL_DELAY = 60.0
#: A whole response must arrive within this many timeouts (guards slow-drip servers).
TOTAL_TIMEOUT_FACTOR = 6
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024

Resolver = Callable[..., Sequence[tuple[Any, ...]]]


class FetchError(QaznewsError):
    """A URL that could not be fetched, with the reason as a short ``kind``.

    Kinds: ``scheme``, ``dns``, ``private``, ``robots``, ``status``, ``type``, ``size``,
    ``redirects``, ``loop``, ``timeout``, ``network``. ``retryable`` says whether a later
    crawl may succeed (a timeout, a 5xx, an unreadable robots.txt) or not (a 404).
    """

    code = "Q410"

    def __init__(self, message: str, *, url: str, kind: str, status: int | None = None,
                 retryable: bool = False) -> None:
        super().__init__(message, where=url)
        self.url = url
        self.kind = kind
        self.status = status
        self.retryable = retryable

    @property
    def reason(self) -> str:
        """The message without the URL."""
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What the fetcher may do; :meth:`from_settings` reads it from the settings."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 300.0
    max_bytes: int = 10 * 1024**2
    max_redirects: int = 5
    delay: float = 1.0
    allow_private: bool = False

    @classmethod
    def from_settings(cls, settings: dict[str, Any], *, allow_private: bool = False
                      ) -> FetchPolicy:
        return cls(
            user_agent=str(settings["crawl_user_agent"]),
            timeout=float(settings["crawl_timeout"]),
            retries=int(settings["crawl_retries"]),
            backoff=float(settings["crawl_backoff"]),
            max_wait=float(settings["crawl_max_wait"]),
            max_bytes=int(settings["crawl_max_bytes"]),
            max_redirects=int(settings["crawl_max_redirects"]),
            delay=float(settings["crawl_delay"]),
            allow_private=allow_private,
        )


@dataclass(slots=True)
class Response:
    """A fetched URL: its bytes, the charset its headers declare, its validators."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    #: The URLs redirected to, in order (the last is ``final_url``).
    redirects: list[str] = field(default_factory=list)
    location: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return decode_html(self.content, self.charset)[0]


# -- safety --------------------------------------------------------------------------


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved, unspecified addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    return not (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def check_url_target(url: str, *, allow_private: bool,
                     resolve: Resolver = socket.getaddrinfo) -> None:
    """Refuse non-http(s) URLs and hosts with any non-public address (unless allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url!r}", url=url, kind="scheme")
    if allow_private:
        return
    host = parts.hostname
    if _is_ip(host):
        addresses = [host]
    else:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            infos = resolve(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError, ValueError) as exc:
            raise FetchError(f"cannot resolve host {host!r}: {exc}", url=url, kind="dns",
                             retryable=True) from exc
        addresses = [str(info[4][0]) for info in infos]
        if not addresses:
            raise FetchError(f"host {host!r} has no address", url=url, kind="dns",
                             retryable=True)
    for address in addresses:
        if not is_public_address(address):
            raise FetchError(
                f"refused: {host} resolves to the non-public address {address}"
                " (allow_private is off)",
                url=url, kind="private",
            )


# -- decoding ------------------------------------------------------------------------

# Decoding lives with the other encoding rules (sources/encoding.py); re-exported here for
# the crawler and for callers that hold a response.
decode_html = decode_page


# -- politeness ----------------------------------------------------------------------


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0


@dataclass(slots=True)
class _Robots:
    parser: Protego | None  # None: allow all
    unavailable: str | None = None  # the reason a robots.txt could not be read
    expires: float | None = None


def _retry_after(value: str | None, now: dt.datetime) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), "", "", ""))


def _type_allowed(content_type: str | None, accept: Sequence[str] | None) -> bool:
    if accept is None or not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return any(token in media for token in accept)


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`; close it (or use ``with``) when done.

    ``transport``, ``sleep``, ``clock``, ``resolve`` and ``now`` are there for tests.
    """

    def __init__(self, policy: FetchPolicy | None = None, *,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 resolve: Resolver = socket.getaddrinfo,
                 now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._clock = clock
        self._resolve = resolve
        self._now = now
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._robots: dict[str, _Robots] = {}
        self._host_delays: dict[str, float] = {}
        timeout = httpx.Timeout(self.policy.timeout)
        # trust_env off: no proxy from the environment, so the address checked is the
        # address connected to.
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=False, transport=transport,
            headers={"User-Agent": self.policy.user_agent},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public --------------------------------------------------------------------

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              accept: Sequence[str] | None = PAGE_TYPES, delay: float | None = None,
              robots: bool = True, max_bytes: int | None = None) -> Response:
        """GET ``url`` following redirects; raises :class:`FetchError` with the reason.

        ``delay`` overrides the policy's per-host delay (a source's own delay).
        """
        seen = {url}
        redirects: list[str] = []
        current = url
        for _ in range(self.policy.max_redirects + 1):
            check_url_target(current, allow_private=self.policy.allow_private,
                             resolve=self._resolve)
            if robots:
                self._check_robots(current, delay)
            response = self._get(current, etag, last_modified, accept, delay,
                                 max_bytes or self.policy.max_bytes)
            if response.status not in _REDIRECTS:
                response.url = url
                response.redirects = redirects
                return response
            location = response.location
            if not location:
                raise FetchError(f"redirect {response.status} without a Location",
                                 url=current, kind="status", status=response.status)
            target = urljoin(current, location).split("#", 1)[0]
            if target in seen:
                raise FetchError(f"redirect loop: {current} -> {target}", url=url, kind="loop")
            seen.add(target)
            redirects.append(target)
            current = target
        raise FetchError(f"more than {self.policy.max_redirects} redirects", url=url,
                         kind="redirects")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets qaznews fetch ``url`` (a fetch error says False)."""
        try:
            self._check_robots(url, None)
        except FetchError:
            return False
        return True

    def ready_in(self, url: str) -> float:
        """Seconds until the host of ``url`` may be asked again (0: now)."""
        host = self._hosts.get(_origin(url))
        return 0.0 if host is None else max(0.0, host.next_at - self._clock())

    # -- robots --------------------------------------------------------------------

    def _check_robots(self, url: str, delay: float | None) -> None:
        origin = _origin(url)
        robots = self._robots.get(origin)
        if robots is None or (robots.expires is not None and self._clock() >= robots.expires):
            robots = self._read_robots(origin, delay)
            self._robots[origin] = robots
        if robots.unavailable is not None:
            raise FetchError(f"robots.txt unavailable ({robots.unavailable}); not fetched "
                             "for now", url=url, kind="robots", retryable=True)
        if robots.parser is not None and not robots.parser.can_fetch(url, ROBOTS_AGENT):
            raise FetchError("disallowed by robots.txt", url=url, kind="robots")

    def _read_robots(self, origin: str, delay: float | None) -> _Robots:
        robots_url = origin + "/robots.txt"
        retry_at = self._clock() + ROBOTS_RETRY_SECONDS
        try:
            response = self.fetch(robots_url, accept=None, delay=delay, robots=False,
                                  max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if exc.kind == "status" and exc.status is not None and 400 <= exc.status < 500 \
                    and exc.status != 429:
                return _Robots(None)  # RFC 9309: 4xx, including 401/403, allows all
            if exc.kind in ("private", "scheme"):
                raise
            return _Robots(None, unavailable=exc.reason, expires=retry_at)
        if response.status >= 300:
            return _Robots(None)
        parser = Protego.parse(decode_html(response.content, response.charset)[0])
        crawl_delay = parser.crawl_delay(ROBOTS_AGENT)
        if crawl_delay:
            self._host_delays[origin] = min(float(crawl_delay), MAX_CRAWL_DELAY)
        return _Robots(parser)

    # -- one request ---------------------------------------------------------------

    def _slot(self, origin: str) -> _Host:
        with self._hosts_lock:
            return self._hosts.setdefault(origin, _Host())

    def _get(self, url: str, etag: str | None, last_modified: str | None,
             accept: Sequence[str] | None, delay: float | None, max_bytes: int) -> Response:
        origin = _origin(url)
        host = self._slot(origin)
        gap = max(self.policy.delay if delay is None else delay,
                  self._host_delays.get(origin, 0.0))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            with host.lock:  # one request at a time per host
                wait = host.next_at - self._clock()
                if wait > 0:
                    self._sleep(wait)
                try:
                    outcome = self._once(url, headers, accept, max_bytes)
                except httpx.DecodingError as exc:
                    outcome = FetchError(f"undecodable response: {exc}", url=url,
                                         kind="network")
                except (httpx.TimeoutException, httpx.TransportError) as exc:
                    kind = "timeout" if isinstance(exc, httpx.TimeoutException) else "network"
                    outcome = FetchError(f"{kind}: {exc or type(exc).__name__}", url=url,
                                         kind=kind, retryable=True)
                finally:
                    host.next_at = self._clock() + gap
            if isinstance(outcome, Response):
                return outcome
            if not outcome.retryable or attempt >= self.policy.retries:
                raise outcome
            pause = self.policy.backoff * 2**attempt
            if isinstance(outcome, _RetryLater) and outcome.retry_after is not None:
                pause = outcome.retry_after
                if pause > self.policy.max_wait:
                    raise FetchError(
                        f"HTTP {outcome.status}: Retry-After {pause:.0f} s is longer than "
                        f"{self.policy.max_wait:.0f} s; left for a later crawl",
                        url=url, kind="status", status=outcome.status, retryable=True,
                    ) from None
            self._sleep(min(pause, self.policy.max_wait))
            attempt += 1

    def _once(self, url: str, headers: dict[str, str], accept: Sequence[str] | None,
              max_bytes: int) -> Response | FetchError:
        started = self._clock()
        with self.client.stream("GET", url, headers=headers) as reply:
            status = reply.status_code
            if status in (429,) or 500 <= status < 600:
                return _RetryLater(
                    f"HTTP {status}", url=url, kind="status", status=status, retryable=True,
                    retry_after=_retry_after(reply.headers.get("Retry-After"), self._now()),
                )
            content_type = reply.headers.get("Content-Type")
            response = Response(
                url=url, final_url=url, status=status, content_type=content_type,
                charset=reply.charset_encoding, etag=reply.headers.get("ETag"),
                last_modified=reply.headers.get("Last-Modified"),
            )
            if status in _REDIRECTS:
                response.location = reply.headers.get("Location")
                return response
            if status == 304:
                return response
            if status >= 400 or status < 200:
                return FetchError(f"HTTP {status}", url=url, kind="status", status=status)
            if not _type_allowed(content_type, accept):
                return FetchError(f"content type {content_type!r} is not read here", url=url,
                                  kind="type")
            declared = reply.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return FetchError(f"response of {int(declared):,} bytes is over the limit of "
                                  f"{max_bytes:,}", url=url, kind="size")
            chunks: list[bytes] = []
            size = 0
            deadline = started + self.policy.timeout * TOTAL_TIMEOUT_FACTOR
            for chunk in reply.iter_bytes(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    return FetchError(f"response over the limit of {max_bytes:,} bytes; "
                                      "stopped", url=url, kind="size")
                if self._clock() > deadline:
                    return FetchError("response too slow; stopped", url=url, kind="timeout",
                                      retryable=True)
                chunks.append(chunk)
            response.content = b"".join(chunks)
            return response


class _RetryLater(FetchError):
    """A 429 or 5xx answer, with its Retry-After in seconds when it gave one."""

    def __init__(self, message: str, *, url: str, kind: str, status: int | None = None,
                 retryable: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message, url=url, kind=kind, status=status, retryable=retryable)
        self.retry_after = retry_after


__all__ = [
    "FEED_TYPES", "PAGE_TYPES", "USER_AGENT", "FetchError", "FetchPolicy", "Fetcher",
    "Response", "check_url_target", "decode_html", "is_public_address",
]
