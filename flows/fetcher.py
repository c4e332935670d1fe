"""The polite, incremental, bounded HTTP fetcher (httpx, async).

Polite: robots.txt honoured (RFC 9309 matching, fetched once per origin), a User-Agent naming tradewire and a
contact URL, at most `per_host_concurrency` requests in flight to one host and request starts on one host at
least `per_host_delay_s` apart, at most `global_concurrency` requests in flight in all. A 429/503 with
Retry-After pauses the whole host, not just the URL that got it.

Robust: connect/read timeouts per operation and a total budget per URL (retries, back-off and redirect hops
included; time spent queueing for a politeness slot is not counted, or a long queue would time out URLs that
were never requested); retries with exponential back-off and full jitter on 408/429/5xx, timeouts and dropped
connections, with Retry-After honoured (a Retry-After longer than `backoff_max_s` is not waited for: the URL
fails at once instead of hitting the server early); redirects followed by hand up to `max_redirects`, so every
hop is checked again (scheme, address, robots.txt) and loops are caught.

Incremental: conditional requests (If-None-Match / If-Modified-Since); a 304 returns no body.

Bounded: the body is not read at all for redirects, errors and refused content types; otherwise it is streamed
and cut at `max_bytes`, counted after decompression, and decompression is done here with zlib's `max_length`,
so a gzip bomb stops at the limit without being inflated in memory. Only HTML/XML content types (the request's
`accept`) are read, and binary bodies (NUL bytes, known file signatures) are refused whatever their label.

Safe: only http(s) URLs; a host that resolves to a loopback, private, link-local or otherwise non-global address
is refused before any connection, and the address actually connected to is checked again (against DNS
rebinding). `FetchRequest.allow_private` lifts this for the request's own host only (a redirect to another
private host is still refused); `FetchSettings.allow_private` lifts it everywhere.

Every call of `Fetcher.fetch` returns exactly one FetchResult (it never raises), with a one-line `error` when
the outcome is not `ok` / `not_modified`. HTTP retries live here only: the flow's tasks must not retry on top.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import re
import socket
import time
import urllib.request
import zlib
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import httpx

from flows.settings import FetchSettings

HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "text/plain")
# A gzip file holding XML (sitemap.xml.gz) is read when the request accepts XML: inflated under the same limit.
GZIP_TYPES = ("application/gzip", "application/x-gzip", "application/gzip-compressed", "application/x-gunzip")
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: parse at least the first 500 KiB; the rest is ignored
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309: follow at least five redirects
CHUNK = 64 * 1024


# ---------------------------------------------------------------- public records


@dataclass
class FetchRequest:
    url: str
    accept: tuple[str, ...] = HTML_TYPES
    etag: str | None = None
    last_modified: str | None = None
    allow_private: bool = False  # this URL's host may resolve to a non-public address (e.g. a local demo site)


@dataclass
class FetchResult:
    url: str  # the URL as requested (stages look candidates up by it)
    outcome: str  # ok | not_modified | robots | refused | error
    final_url: str | None = None  # the last URL requested (after redirects), fragment dropped
    status_code: int | None = None  # the last HTTP status received
    content: bytes | None = None  # the body as received, decompressed, never decoded to text
    content_type: str | None = None  # the Content-Type header as sent (charset included) - decoding is the parser's
    etag: str | None = None
    last_modified: str | None = None
    elapsed_ms: float = 0.0  # from the first request's start to the result (queueing before it not counted)
    queued_ms: float = 0.0  # waiting for robots.txt and a politeness slot before the first request
    attempts: int = 0  # HTTP requests made for this URL: retries and redirect hops included
    bytes_read: int = 0  # body bytes received (after decompression), also when the body was cut at the limit
    redirects: list[str] = field(default_factory=list)  # the URLs that redirected, in order
    error: str | None = None  # one line, set when outcome is robots | refused | error

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class FetchError(Exception):
    """A fetch that cannot succeed; the message is the one-line reason recorded in `fetches`."""


class _NoAnswer(FetchError):
    """The host gave no answer at all (connection refused or dropped, timeouts) on every attempt."""


class _Refused(FetchError):
    """Refused by our own safety rules (scheme, address) — outcome `refused`."""


class _RobotsDenied(FetchError):
    """Not fetched because of robots.txt — outcome `robots`."""


class _HostBlocked(FetchError):
    """The host asked us (Retry-After) to stay away longer than we wait: not requested."""


class _BodyTooLarge(FetchError):
    def __init__(self, message: str, size: int) -> None:
        super().__init__(message)
        self.size = size


# ---------------------------------------------------------------- robots.txt (RFC 9309)


class RobotsRules:
    """The rules of one robots.txt group for our user agent: longest match wins, Allow wins a tie.

    `unreachable` is set when the file could not be read (5xx, network error): then everything is disallowed
    and `reason` says why, as RFC 9309 asks. `host_down` says the host itself could not be reached (a network
    error or a timeout, not an answer): its pages are then errors like any unreachable page, not robots refusals.
    """

    def __init__(self, rules: Sequence[tuple[bool, str]] = (), unreachable: str | None = None,
                 host_down: bool = False) -> None:
        self.unreachable = unreachable
        self.host_down = host_down
        self._rules = [(allow, len(pattern), _robots_pattern(pattern)) for allow, pattern in rules if pattern]

    @classmethod
    def parse(cls, text: str, agent: str) -> RobotsRules:
        """Rules for product token `agent` (e.g. "tradewire"): its own groups if any name it, else the `*` groups."""
        agent = agent.lower()
        groups: list[tuple[list[str], list[tuple[bool, str]]]] = []
        in_agents = False
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            key, value = (part.strip() for part in line.split(":", 1))
            key = key.lower()
            if key in ("user-agent", "useragent"):
                if not in_agents:
                    groups.append(([], []))
                    in_agents = True
                groups[-1][0].append(value.split("/")[0].strip().lower())
            elif key in ("allow", "disallow"):
                in_agents = False
                if groups and value:  # an empty Disallow allows everything: no rule
                    groups[-1][1].append((key == "allow", value))
            else:  # sitemap, crawl-delay, host...: not group members, but they do end a user-agent run
                in_agents = False
        mine = [rule for agents, rules in groups if agent in agents for rule in rules]
        if not any(agent in agents for agents, _ in groups):
            mine = [rule for agents, rules in groups if "*" in agents for rule in rules]
        return cls(mine)

    def allows(self, url: str) -> bool:
        if self.unreachable:
            return False
        parts = urlsplit(url)
        path = unquote(parts.path or "/") + (f"?{unquote(parts.query)}" if parts.query else "")
        if path == "/robots.txt":
            return True
        best: tuple[int, bool] | None = None
        for allow, length, pattern in self._rules:
            if pattern.match(path) and (best is None or (length, allow) > best):
                best = (length, allow)
        return True if best is None else best[1]


def _robots_pattern(pattern: str) -> re.Pattern[str]:
    pattern = unquote(pattern)
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(piece) for piece in body.split("*"))
    return re.compile(regex + ("$" if anchored else ""), re.DOTALL)


ALLOW_ALL = RobotsRules()


# ---------------------------------------------------------------- state shared across runs of one flow


@dataclass
class _HostTimes:
    last_start: float = float("-inf")  # time.monotonic() of the last request start on the host
    pause_until: float = 0.0  # no request before this (a Retry-After on a 429/503)
    blocked_until: float = 0.0  # a Retry-After longer than we wait: the host's URLs fail until then
    blocked_reason: str = ""

    def earliest(self, delay: float) -> float:
        return max(self.last_start + delay, self.pause_until)


@dataclass
class FetchMemory:
    """What a flow run keeps between `fetch_many` calls: robots.txt rules per origin, last request start per host.

    Plain data (no asyncio objects), so one instance can serve several event loops one after another. Pass the
    same instance to every `fetch_many` of a run, and robots.txt is read once per run and the per-host delay
    holds across batches.
    """

    robots: dict[str, RobotsRules] = field(default_factory=dict)
    hosts: dict[str, _HostTimes] = field(default_factory=dict)


# ---------------------------------------------------------------- the fetcher


@dataclass
class _Reply:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes | None


class _Budget:
    """The total time one URL may take; only time spent requesting or backing off is charged."""

    def __init__(self, total: float) -> None:
        self.total, self.spent = total, 0.0

    @property
    def remaining(self) -> float:
        return self.total - self.spent


class Fetcher:
    """Use as `async with Fetcher(settings) as f: results = await f.fetch_all(requests)`."""

    def __init__(self, settings: FetchSettings, transport: httpx.AsyncBaseTransport | None = None, *,
                 memory: FetchMemory | None = None) -> None:
        self.settings = settings
        self.memory = memory if memory is not None else FetchMemory()
        self._transport = transport
        self._global = asyncio.Semaphore(max(1, settings.global_concurrency))
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._address_checks: dict[tuple[str, int], asyncio.Task[None]] = {}
        self._client: httpx.AsyncClient | None = None
        self._agent_token = settings.user_agent.split("/")[0].strip().lower() or "tradewire"
        # Behind a proxy, the connected address is the proxy's: the post-connect address check cannot apply.
        self._check_peer = transport is None and not urllib.request.getproxies()

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        self._client = httpx.AsyncClient(
            headers={"User-Agent": s.user_agent_header, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(connect=s.connect_timeout_s, read=s.read_timeout_s, write=s.read_timeout_s,
                                  pool=s.connect_timeout_s),
            follow_redirects=False,
            # In-flight requests are capped by our own semaphores. httpx's pool must not cap connections too:
            # idle keep-alive connections to other hosts count against its limit, and a request that has its
            # politeness slot would then wait for a pool connection (measured: up to a full response time).
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=max(20, 2 * s.global_concurrency)),
            transport=self._transport,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def fetch_all(self, requests: Sequence[FetchRequest]) -> list[FetchResult]:
        return list(await asyncio.gather(*(self.fetch(r) for r in requests)))

    async def fetch(self, request: FetchRequest) -> FetchResult:
        """Fetch one URL under all the limits; never raises (except on cancellation)."""
        created = time.monotonic()
        result = FetchResult(url=request.url, outcome="error")
        budget = _Budget(self.settings.total_timeout_s)
        first_start: list[float] = []
        try:
            await self._follow(request, result, budget, first_start)
        except _Refused as exc:
            result.outcome, result.error = "refused", str(exc)
        except _RobotsDenied as exc:
            result.outcome, result.error = "robots", str(exc)
        except FetchError as exc:
            result.outcome, result.error = "error", str(exc)
            if isinstance(exc, _BodyTooLarge):
                result.bytes_read = exc.size
        except TimeoutError:
            result.outcome = "error"
            result.error = f"timed out: over the {self.settings.total_timeout_s:g} s total for this URL"
        except httpx.HTTPError as exc:
            result.outcome, result.error = "error", _describe(exc)
        except Exception as exc:  # an invalid URL httpx cannot even build, or a bug: one bad URL must not stop a run
            result.outcome, result.error = "error", f"{type(exc).__name__}: {exc}"
        if result.outcome != "ok":
            result.content = None
        if result.error:
            result.error = _one_line(result.error)
        done = time.monotonic()
        start = first_start[0] if first_start else done
        result.queued_ms = (start - created) * 1000
        result.elapsed_ms = (done - start) * 1000
        return result

    # ------------------------------------------------------------ redirects and retries

    async def _follow(self, request: FetchRequest, result: FetchResult, budget: _Budget, first_start: list[float]
                      ) -> None:
        s = self.settings
        url = _without_fragment(request.url.strip())
        own_host = (urlsplit(url).hostname or "").lower()
        seen: set[str] = set()
        headers = {"Accept": ", ".join(request.accept)}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        while True:
            seen.add(url)
            host = (urlsplit(url).hostname or "").lower()
            allow_private = s.allow_private or (request.allow_private and host == own_host)
            result.final_url = url
            await self._check_allowed(url, allow_private)
            reply = await self._get(url, headers, request.accept, result, budget, allow_private, first_start)
            result.final_url, result.status_code = url, reply.status
            if reply.status in REDIRECT_STATUSES:
                location = reply.headers.get("location", "").strip()
                if not location:
                    raise FetchError(f"HTTP {reply.status} redirect without a Location header")
                target = _without_fragment(urljoin(url, location))
                result.redirects.append(url)
                if target in seen:
                    raise FetchError(f"redirect loop: {url} redirects back to {target} "
                                     f"after {len(result.redirects)} redirect(s)")
                if len(result.redirects) > s.max_redirects:
                    raise FetchError(f"too many redirects: more than {s.max_redirects} (last to {target})")
                url = target
                continue
            if reply.status == 304:
                result.outcome = "not_modified"
                result.etag = reply.headers.get("etag") or request.etag
                result.last_modified = reply.headers.get("last-modified") or request.last_modified
                return
            if reply.status >= 300:
                raise FetchError(f"HTTP {reply.status} {reply.reason}".strip())
            result.outcome, result.content = "ok", reply.body or b""
            result.bytes_read = len(result.content)
            result.content_type = reply.headers.get("content-type")
            result.etag = reply.headers.get("etag")
            result.last_modified = reply.headers.get("last-modified")
            return

    async def _get(self, url: str, headers: dict[str, str], accept: tuple[str, ...], result: FetchResult,
                   budget: _Budget, allow_private: bool, first_start: list[float], *, limit: int | None = None,
                   truncate: bool = False) -> _Reply:
        """One hop: the request, retried on 408/429/5xx, timeouts and dropped connections."""
        s = self.settings
        host = (urlsplit(url).hostname or "").lower()
        failure, retry_after, answered = "", None, False
        for attempt in range(s.max_retries + 1):
            if attempt:
                wait = self._backoff(attempt - 1, retry_after)
                if wait > budget.remaining:
                    raise (FetchError if answered else _NoAnswer)(f"{failure}; not retried: the next try (in {wait:.1f} s) would pass the "
                                     f"{s.total_timeout_s:g} s total for this URL")
                await asyncio.sleep(wait)
                budget.spent += wait
            result.attempts += 1
            result.status_code = None
            try:
                reply = await self._exchange(url, headers, accept, budget, allow_private, first_start, result,
                                             limit=limit, truncate=truncate)
            except _HostBlocked:
                result.attempts -= 1
                raise
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                failure, retry_after, answered = _describe(exc), None, False
                continue
            answered = True
            result.status_code = reply.status
            if reply.status not in RETRY_STATUSES:
                return reply
            failure = f"HTTP {reply.status} {reply.reason}".strip()
            retry_after = _retry_after_seconds(reply.headers.get("retry-after", ""))
            if retry_after is not None:
                times = self.memory.hosts.setdefault(host, _HostTimes())  # the whole host waits, not just this URL
                if retry_after > s.backoff_max_s:
                    message = (f"{failure} with Retry-After {retry_after:.0f} s, over backoff_max_s "
                               f"({s.backoff_max_s:g} s): host {host} not asked again before then")
                    times.blocked_until = max(times.blocked_until, time.monotonic() + retry_after)
                    times.blocked_reason = message
                    raise FetchError(message)
                times.pause_until = max(times.pause_until, time.monotonic() + retry_after)
        raise (FetchError if answered else _NoAnswer)(f"{failure} (gave up after {s.max_retries + 1} attempts)")

    def _backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry `attempt + 1`: Retry-After when given, else exponential with full jitter."""
        s = self.settings
        if retry_after is not None:
            return retry_after
        return random.uniform(0, min(s.backoff_max_s, s.backoff_base_s * 2 ** attempt))

    # ------------------------------------------------------------ one request under the politeness limits

    @asynccontextmanager
    async def _slot(self, host: str) -> AsyncIterator[None]:
        """Hold a per-host slot and a global slot, the host's delay since its last request start respected.

        The host slot is taken first and the global slot last, just before the request: a request waiting out
        its host's delay does not hold a global slot that another host could use meanwhile.
        """
        delay = self.settings.per_host_delay_s
        times = self.memory.hosts.setdefault(host, _HostTimes())
        slots = self._host_slots.setdefault(host, asyncio.Semaphore(max(1, self.settings.per_host_concurrency)))
        async with slots:
            while True:
                if times.blocked_until > time.monotonic():
                    raise _HostBlocked(f"not requested: earlier {times.blocked_reason}")
                wait = times.earliest(delay) - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                    continue
                await self._global.acquire()
                if times.earliest(delay) > time.monotonic():  # another request to the host started meanwhile
                    self._global.release()
                    continue
                times.last_start = time.monotonic()
                break
            try:
                yield
            finally:
                self._global.release()

    async def _exchange(self, url: str, headers: dict[str, str], accept: tuple[str, ...], budget: _Budget,
                        allow_private: bool, first_start: list[float], result: FetchResult, *, limit: int | None,
                        truncate: bool) -> _Reply:
        assert self._client is not None, "use Fetcher as an async context manager"
        if budget.remaining <= 0:
            raise TimeoutError
        host = (urlsplit(url).hostname or "").lower()
        limit = self.settings.max_bytes if limit is None else limit
        times = self.memory.hosts.setdefault(host, _HostTimes())

        async def trace(event: str, info: dict) -> None:
            # The host's delay counts from when the request really goes out, not from when it got its slot:
            # a new connection (a TLS handshake, say) would otherwise eat into the gap before the next one.
            if event.endswith("send_request_headers.started"):
                times.last_start = max(times.last_start, time.monotonic())

        async with self._slot(host):
            started = time.monotonic()
            if not first_start:
                first_start.append(started)
            try:
                async with asyncio.timeout(budget.remaining):
                    async with self._client.stream("GET", url, headers=headers,
                                                   extensions={"trace": trace}) as response:
                        if self._check_peer and not allow_private:
                            _check_peer_address(response, host)
                        result.status_code = response.status_code
                        body = None
                        if 200 <= response.status_code < 300 and response.status_code != 204:
                            body = await self._read_body(response, url, accept, limit, truncate)
                        return _Reply(response.status_code, response.reason_phrase, response.headers, body)
            finally:
                budget.spent += time.monotonic() - started

    async def _read_body(self, response: httpx.Response, url: str, accept: tuple[str, ...], limit: int,
                         truncate: bool) -> bytes:
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        gzip_file = any(t in XML_TYPES for t in accept) and (
            media in GZIP_TYPES or (media == "application/octet-stream" and urlsplit(url).path.endswith(".gz")))
        if media and media not in accept and not gzip_file and accept:
            raise FetchError(f"unsupported content type {media!r} (expected {', '.join(accept)})")
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")
        declared = response.headers.get("content-length", "")
        if encoding in ("", "identity") and declared.isdigit() and int(declared) > limit and not truncate:
            raise _BodyTooLarge(f"body over the {limit:,} byte limit (Content-Length {int(declared):,}; "
                                "not downloaded)", 0)
        inflater = _Inflater(encoding, limit)
        received = 0
        try:
            async for raw in response.aiter_raw(CHUNK):
                received += len(raw)
                if received > limit and encoding not in ("", "identity"):
                    raise _TooLarge(received)
                inflater.feed(raw)
            inflater.finish()
        except _TooLarge:
            if not truncate:
                raise _BodyTooLarge(f"body over the {limit:,} byte limit"
                                    + (f" after {encoding} decompression (stopped there)"
                                       if encoding not in ("", "identity") else " (download stopped there)"),
                                    inflater.size) from None
        body = inflater.body(limit)
        if gzip_file:
            body = _gunzip_file(body, limit)
        elif accept:
            kind = _binary_kind(body, response.headers.get("content-type", ""))
            if kind:
                raise FetchError(f"binary content ({kind}) where {media or 'text'} was expected")
        return body

    # ------------------------------------------------------------ what may be fetched

    async def _check_allowed(self, url: str, allow_private: bool) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise _Refused(f"refused {parts.scheme or 'scheme-less'} URL {url[:200]}: only http(s) is fetched")
        if not parts.hostname:
            raise _Refused(f"refused URL without a host: {url[:200]}")
        if not allow_private:
            await self._check_address(parts.hostname.lower(), _port(parts))
        rules = await self._robots_for(parts.scheme, parts.hostname.lower(), _port(parts),
                                       parts.netloc.rsplit("@", 1)[-1], allow_private)
        if rules.unreachable and rules.host_down:
            raise FetchError(f"{parts.netloc} unreachable (its robots.txt: {rules.unreachable}), so nothing is "
                             "fetched from the host")
        if rules.unreachable:
            raise _RobotsDenied(f"robots.txt of {parts.netloc} unreachable, so nothing is fetched from the host: "
                                f"{rules.unreachable}")
        if not rules.allows(url):
            raise _RobotsDenied(f"disallowed by robots.txt of {parts.netloc}")

    async def _check_address(self, host: str, port: int) -> None:
        """Refuse a host that resolves to a non-public address; resolved once per host and port per Fetcher.

        Thousands of URLs on a few hosts would otherwise queue thousands of DNS look-ups before the first
        request. The address connected to is checked again on every response (`_check_peer_address`).
        """
        key = (host, port)
        check = self._address_checks.get(key)
        if check is None:
            check = self._address_checks[key] = asyncio.ensure_future(_refuse_private_address(host, port))
        await asyncio.shield(check)

    async def _robots_for(self, scheme: str, host: str, port: int, netloc: str, allow_private: bool
                          ) -> RobotsRules:
        """The origin's robots.txt rules, read once per origin (per FetchMemory)."""
        key = f"{scheme}://{host}:{port}"
        lock = self._robots_locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self.memory.robots:
                self.memory.robots[key] = await self._load_robots(f"{scheme}://{netloc}/robots.txt", allow_private)
        return self.memory.robots[key]

    async def _load_robots(self, url: str, allow_private: bool) -> RobotsRules:
        # RFC 9309: 2xx -> the rules; 4xx -> no rules; 5xx or unreachable (after our retries) -> disallow all.
        scratch = FetchResult(url=url, outcome="error")
        budget = _Budget(self.settings.total_timeout_s)
        own_host = (urlsplit(url).hostname or "").lower()
        try:
            for _ in range(ROBOTS_MAX_REDIRECTS + 1):
                reply = await self._get(url, {}, (), scratch, budget, allow_private, [],
                                        limit=min(ROBOTS_MAX_BYTES, self.settings.max_bytes), truncate=True)
                if reply.status in REDIRECT_STATUSES and reply.headers.get("location"):
                    url = _without_fragment(urljoin(url, reply.headers["location"].strip()))
                    parts = urlsplit(url)
                    if parts.scheme not in ("http", "https") or not parts.hostname:
                        return RobotsRules(unreachable=f"redirected to {url[:100]}")
                    allow_private = self.settings.allow_private or (
                        allow_private and parts.hostname.lower() == own_host)
                    if not allow_private:
                        await self._check_address(parts.hostname.lower(), _port(parts))
                    continue
                break
            else:
                return RobotsRules(unreachable="too many redirects")
        except TimeoutError:
            return RobotsRules(unreachable="timed out", host_down=True)
        except _Refused:
            raise  # our own refusal (an address check), not the host's fault: not cached
        except (FetchError, httpx.HTTPError) as exc:
            text = _describe(exc) if isinstance(exc, httpx.HTTPError) else str(exc)
            return RobotsRules(unreachable=_one_line(text), host_down=isinstance(exc, (_NoAnswer, httpx.TransportError)))
        if 200 <= reply.status < 300:
            return RobotsRules.parse((reply.body or b"").decode("utf-8", errors="replace"), self._agent_token)
        if 400 <= reply.status < 500 or reply.status in REDIRECT_STATUSES:
            return ALLOW_ALL
        return RobotsRules(unreachable=f"HTTP {reply.status}")


# ---------------------------------------------------------------- bodies


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class _Inflater:
    """Content-Encoding decoding that never holds more than `limit` decoded bytes, whatever the input.

    zlib's `max_length` caps each step's output, so a small gzip bomb is never inflated past the limit.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.out = bytearray()
        self.encoding = "gzip" if encoding in ("gzip", "x-gzip") else "deflate" if encoding == "deflate" else ""
        self._z = self._new()
        self._fed = False
        self._raw_deflate_tried = False

    def _new(self):  # type: ignore[no-untyped-def]
        if self.encoding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self.encoding == "deflate":
            return zlib.decompressobj(zlib.MAX_WBITS)
        return None

    @property
    def size(self) -> int:
        return len(self.out)

    def _append(self, data: bytes) -> None:
        if len(self.out) + len(data) > self.limit:
            self.out += data[: self.limit - len(self.out)]
            raise _TooLarge(len(self.out))
        self.out += data

    def feed(self, data: bytes) -> None:
        if not data:
            return
        self._fed = True
        if self._z is None:
            self._append(data)
            return
        while data:
            if self._z.eof:  # input after the end of the stream
                if self.encoding == "gzip" and data[:2] == b"\x1f\x8b":
                    self._z = self._new()  # another gzip member (concatenated gzip)
                else:
                    return  # trailing bytes after the stream (often NUL padding): ignored, as browsers do
            try:
                chunk = self._z.decompress(data, self.limit - len(self.out) + 1)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self.out and not self._raw_deflate_tried:
                    # "deflate" sent as a raw deflate stream, without the zlib header: a common server mistake
                    self._raw_deflate_tried = True
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(f"corrupt {self.encoding} body: {exc}") from None
            self._append(chunk)
            data = self._z.unconsumed_tail or (self._z.unused_data if self._z.eof else b"")

    def finish(self) -> None:
        if self._z is None or not self._fed:
            return
        if not self._z.eof:
            raise FetchError(f"truncated {self.encoding} body")
        self._append(self._z.flush())

    def body(self, limit: int) -> bytes:
        return bytes(self.out[:limit])


def _gunzip_file(body: bytes, limit: int) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body  # labelled gzip but already plain (the server decoded it): use as is
    inflater = _Inflater("gzip", limit)
    try:
        inflater.feed(body)
        inflater.finish()
    except _TooLarge:
        raise FetchError(f"gzip file over the {limit:,} byte limit once inflated (stopped there)") from None
    inner = inflater.body(limit)
    if not inner.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise FetchError("gzip file does not hold XML")
    return inner


_SIGNATURES = (
    (b"%PDF-", "PDF document"), (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"\xff\xd8\xff", "JPEG image"), (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"), (b"RIFF", "RIFF media"), (b"\x00\x00\x00", "binary data"), (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"), (b"\x7fELF", "executable"), (b"MZ", "executable"), (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"wOFF", "web font"),
    (b"wOF2", "web font"), (b"\x1aE\xdf\xa3", "WebM/Matroska media"),
)


def _binary_kind(body: bytes, content_type: str) -> str | None:
    """What kind of binary file `body` is, or None when it may be text."""
    head = body[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or "utf-16" in content_type.lower() \
            or "utf-32" in content_type.lower():
        return None  # UTF-16/32 text has NUL bytes
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if b"\x00" in head:
        return "NUL bytes"
    return None


# ---------------------------------------------------------------- addresses


def _port(parts) -> int:  # type: ignore[no-untyped-def]
    try:
        port = parts.port
    except ValueError:
        raise _Refused(f"refused URL with an invalid port: {parts.netloc}") from None
    return port or (443 if parts.scheme == "https" else 80)


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return _is_public(mapped)
        if address.teredo:
            return _is_public(address.teredo[1])
    return address.is_global and not address.is_multicast


async def _resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (monkeypatched by tests that need a fake DNS answer)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


async def _refuse_private_address(host: str, port: int) -> None:
    try:
        address = ipaddress.ip_address(host.strip("[]"))
        addresses = [str(address)]
    except ValueError:
        try:
            addresses = await _resolve(host, port)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve {host}: {exc.strerror}") from None
        except UnicodeError:
            raise _Refused(f"refused {host[:100]}: not a valid host name") from None
    for text in addresses:
        address = ipaddress.ip_address(text.split("%")[0])
        if not _is_public(address):
            raise _Refused(f"refused {host}: resolves to non-public address {address} "
                           "(private, loopback and link-local addresses need allow_private)")


def _check_peer_address(response: httpx.Response, host: str) -> None:
    """The address actually connected to must be public too: DNS may answer differently the second time."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return
    try:
        address = ipaddress.ip_address(str(peer[0]).split("%")[0])
    except ValueError:
        return
    if not _is_public(address):
        raise _Refused(f"refused {host}: connected to non-public address {address} "
                       "(the name resolved to a public one when checked)")


# ---------------------------------------------------------------- small helpers


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment="")) if parts.fragment or url.endswith("#") else url


def _retry_after_seconds(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(exc: BaseException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connect timed out"
    if isinstance(exc, httpx.ReadTimeout):
        return "read timed out"
    if isinstance(exc, httpx.PoolTimeout):
        return "timed out waiting for a connection"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {exc}" if str(exc) else "cannot connect"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"server broke the HTTP protocol: {exc}" if str(exc) else "server broke the HTTP protocol"
    if isinstance(exc, httpx.ReadError):
        return f"connection dropped while reading: {exc}" if str(exc) else "connection dropped while reading"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return f"unsupported protocol: {exc}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _one_line(text: str, limit: int = 500) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- sync entry point


def fetch_many(requests: Sequence[FetchRequest], settings: FetchSettings, *,
               memory: FetchMemory | None = None) -> list[FetchResult]:
    """Fetch `requests` concurrently under the politeness limits; one result per request, in order.

    Pass the same `memory` to every call of one run to read robots.txt once and keep the per-host delay across
    calls. Callable from synchronous code, also from a thread whose event loop is running (it then uses a
    worker thread).
    """

    async def run() -> list[FetchResult]:
        async with Fetcher(settings, memory=memory) as fetcher:
            return await fetcher.fetch_all(requests)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(run())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tradewire-fetch") as pool:
        return pool.submit(asyncio.run, run()).result()
