"""The polite, incremental, bounded HTTP fetcher (httpx, async).

Polite: robots.txt honoured (cached per host), a User-Agent naming tradewire and a contact URL, a per-host
concurrency limit and minimum delay between requests, a global concurrency limit. Robust: connect/read/total
timeouts, retries with exponential back-off and jitter on 429/5xx/timeouts (Retry-After honoured), redirects
followed by hand up to a limit so every hop is checked. Incremental: conditional requests (ETag /
Last-Modified). Bounded: bodies are streamed and cut at a size limit (counted after decompression, so a gzip
bomb stops at the limit too), only HTML/XML content types are accepted, and URLs that resolve to loopback,
private or link-local addresses are refused unless the source allows them.

HTTP retries live here only: the flow's tasks do not retry on top, or attempts would multiply.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from flows.settings import FetchSettings

HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "text/plain")
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass
class FetchRequest:
    url: str
    accept: tuple[str, ...] = HTML_TYPES
    etag: str | None = None
    last_modified: str | None = None
    allow_private: bool = False


@dataclass
class FetchResult:
    url: str
    outcome: str  # ok | not_modified | robots | refused | error
    final_url: str | None = None
    status_code: int | None = None
    content: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    elapsed_ms: float = 0.0
    attempts: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class FetchError(Exception):
    """A fetch that cannot succeed; the message is the one-line reason recorded in `fetches`."""


class _Refused(FetchError):
    pass


@dataclass
class _HostState:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


class Fetcher:
    """Use as `async with Fetcher(settings) as f: results = await f.fetch_all(requests)`."""

    def __init__(self, settings: FetchSettings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._transport = transport
        self._global = asyncio.Semaphore(settings.global_concurrency)
        self._hosts: dict[str, _HostState] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        self._client = httpx.AsyncClient(
            headers={"User-Agent": s.user_agent_header, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(s.read_timeout_s, connect=s.connect_timeout_s),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=s.global_concurrency, max_keepalive_connections=s.global_concurrency),
            transport=self._transport,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def fetch_all(self, requests: Sequence[FetchRequest]) -> list[FetchResult]:
        return list(await asyncio.gather(*(self.fetch(r) for r in requests)))

    async def fetch(self, request: FetchRequest) -> FetchResult:
        started = time.monotonic()
        result = FetchResult(url=request.url, outcome="error")
        try:
            await asyncio.wait_for(self._fetch_following_redirects(request, result), self.settings.total_timeout_s)
        except _Refused as exc:
            result.outcome, result.error = "refused", str(exc)
        except FetchError as exc:
            result.outcome = "robots" if str(exc).startswith("disallowed by robots.txt") else "error"
            result.error = str(exc)
        except (asyncio.TimeoutError, TimeoutError):
            result.outcome, result.error = "error", f"timed out after {self.settings.total_timeout_s:g} s in total"
        except httpx.HTTPError as exc:
            result.outcome, result.error = "error", _describe(exc)
        result.elapsed_ms = (time.monotonic() - started) * 1000
        return result

    async def _fetch_following_redirects(self, request: FetchRequest, result: FetchResult) -> None:
        url, seen = request.url, set()
        for _ in range(self.settings.max_redirects + 1):
            if url in seen:
                raise FetchError(f"redirect loop at {url}")
            seen.add(url)
            await self._check_allowed(url, request.allow_private)
            response, body = await self._request_with_retries(url, request, result)
            result.final_url, result.status_code = url, response.status_code
            if response.is_redirect:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {response.status_code} redirect without a Location header")
                url = urljoin(url, location)
                continue
            if response.status_code == 304:
                result.outcome = "not_modified"
                return
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type and content_type not in request.accept:
                raise FetchError(f"unsupported content type {content_type!r}")
            if b"\x00" in body[:2048]:
                raise FetchError("binary content (NUL bytes) where text was expected")
            result.outcome, result.content = "ok", body
            result.content_type = response.headers.get("content-type")
            result.etag = response.headers.get("etag")
            result.last_modified = response.headers.get("last-modified")
            return
        raise FetchError(f"more than {self.settings.max_redirects} redirects")

    async def _request_with_retries(self, url: str, request: FetchRequest, result: FetchResult
                                    ) -> tuple[httpx.Response, bytes]:
        s = self.settings
        headers = {}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        for attempt in range(s.max_retries + 1):
            result.attempts += 1
            try:
                response, body = await self._request_once(url, headers)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                if attempt >= s.max_retries or isinstance(exc, httpx.UnsupportedProtocol):
                    raise
                await asyncio.sleep(self._backoff(attempt))
                continue
            if response.status_code in RETRY_STATUSES and attempt < s.max_retries:
                await asyncio.sleep(self._backoff(attempt, response.headers.get("retry-after")))
                continue
            return response, body
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait: Retry-After when the server gives one, else exponential with full jitter."""
        s = self.settings
        if retry_after:
            wait = _retry_after_seconds(retry_after)
            if wait is not None:
                return min(wait, s.backoff_max_s)
        return random.uniform(0, min(s.backoff_max_s, s.backoff_base_s * 2 ** attempt))

    async def _request_once(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        assert self._client is not None
        host = self._host_state(url)
        async with self._global, host.semaphore:
            await self._wait_turn(host)
            async with self._client.stream("GET", url, headers=headers) as response:
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > self.settings.max_bytes:
                        raise FetchError(f"body over the {self.settings.max_bytes:,} byte limit")
                return response, bytes(body)

    def _host_state(self, url: str) -> _HostState:
        key = urlsplit(url).netloc.lower()
        if key not in self._hosts:
            self._hosts[key] = _HostState(asyncio.Semaphore(self.settings.per_host_concurrency))
        return self._hosts[key]

    async def _wait_turn(self, host: _HostState) -> None:
        """Space request starts on one host at least per_host_delay_s apart."""
        async with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + self.settings.per_host_delay_s
        if start > now:
            await asyncio.sleep(start - now)

    async def _check_allowed(self, url: str, allow_private: bool) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _Refused(f"refused {parts.scheme or 'schemeless'} URL: only http(s) is fetched")
        if not (allow_private or self.settings.allow_private):
            await _refuse_private_address(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        robots = await self._robots_for(url)
        if robots is not None and not robots.can_fetch(self.settings.user_agent, url):
            raise FetchError(f"disallowed by robots.txt of {parts.netloc}")

    async def _robots_for(self, url: str) -> RobotFileParser | None:
        """The host's robots.txt rules, fetched once per host; None means everything is allowed."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        lock = self._robots_locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._robots:
                self._robots[key] = await self._load_robots(key)
        return self._robots[key]

    async def _load_robots(self, origin: str) -> RobotFileParser | None:
        # RFC 9309: a 4xx robots.txt means no rules; an unreachable one (5xx, network error) means stay away.
        parser = RobotFileParser()
        try:
            response, body = await self._request_once(f"{origin}/robots.txt", {})
        except (httpx.HTTPError, FetchError):
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        if 400 <= response.status_code < 500 or response.is_redirect:
            return None
        if response.status_code >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser


async def _refuse_private_address(host: str, port: int) -> None:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise _Refused(f"refused {host}: resolves to non-public address {address} (allow_private is off)")


def _retry_after_seconds(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connect timed out"
    if isinstance(exc, httpx.ReadTimeout):
        return "read timed out"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {exc}"
    return f"{type(exc).__name__}: {exc}"


def fetch_many(requests: Sequence[FetchRequest], settings: FetchSettings) -> list[FetchResult]:
    """Fetch `requests` concurrently under the politeness limits; one result per request, in order."""

    async def run() -> list[FetchResult]:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_all(requests)

    return asyncio.run(run())
