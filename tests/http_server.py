"""A configurable threaded HTTP/1.1 server on loopback addresses, for tests and benchmarks of HTTP clients.

    from http_server import HTTPTestServer, Reply        # tests/ is on sys.path under pytest

    with HTTPTestServer() as server:                      # 127.0.0.1, a free port; or hosts=("127.0.0.2", ...)
        server.route("/page", Reply(200, "<html>...</html>"))
        server.route("/flaky", [Reply(500), Reply(200, "ok")])     # a sequence: one reply per hit, last repeats
        server.redirect("/old", "/page", status=301)
        server.route("/slow", Reply(200, "late", delay=2.0))        # waits before the status line
        server.route("/drip", Reply(200, "x" * 100, drip=0.1, chunk_size=10))  # body sent slowly
        server.route("/feed", Reply(200, xml, etag='"v1"'))         # answers If-None-Match "v1" with 304
        server.route("/dyn", lambda request: Reply(200, request.headers.get("user-agent", "")))
        server.route_prefix("/pages/", Reply(200, "any page", delay=0.05))
        url = server.url("/page")                         # or server.url("/page", host="127.0.0.2")
        ...
        server.requests                                   # every request seen: Recorded(path, headers, host, ...)
        server.hits("/flaky")                             # the requests for one path
        server.reset()                                    # forget routes, hit counters and the request log

Every request is recorded with its arrival and completion times (`time.monotonic()`, comparable with the
client's clock in the same process, and across processes on Linux), the address it arrived on and its headers
(names lower-cased), so tests can check politeness at the server side: spacing between request starts,
requests in flight at once, the User-Agent.

Unregistered paths answer 404 (so a missing /robots.txt means "no rules"). The server speaks HTTP/1.1 with
keep-alive; `Reply(close=True)` drops the connection without answering, `chunked=True` sends the body without a
Content-Length, `gzip=True` compresses it (Content-Encoding: gzip), and `raw_body` sends bytes as they are
(for a pre-compressed bomb, say). All addresses share one route table and, when possible, one port.
"""

from __future__ import annotations

import gzip as gzip_module
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = ["HTTPTestServer", "Reply", "Recorded", "gzip_bomb", "http_date", "intervals_in_flight"]


@dataclass
class Reply:
    """One response. `body` may be str (UTF-8 encoded) or bytes."""

    status: int = 200
    body: bytes | str = b""
    content_type: str | None = "text/html; charset=utf-8"  # None: no Content-Type header at all
    headers: dict[str, str] = field(default_factory=dict)  # extra headers (Location, Retry-After, ...)
    delay: float = 0.0  # seconds before the status line is sent
    drip: float = 0.0  # seconds between body chunks
    chunk_size: int = 16 * 1024
    chunked: bool = False  # Transfer-Encoding: chunked, no Content-Length
    gzip: bool = False  # compress `body` and send Content-Encoding: gzip
    etag: str | None = None  # sent as ETag; a matching If-None-Match gets a 304
    last_modified: str | None = None  # sent as Last-Modified; a matching If-Modified-Since gets a 304
    close: bool = False  # drop the connection without sending anything

    def payload(self) -> bytes:
        data = self.body.encode("utf-8") if isinstance(self.body, str) else bytes(self.body)
        return gzip_module.compress(data, compresslevel=6) if self.gzip else data


Handler = Callable[["Recorded"], "Reply | Sequence[Reply]"]


@dataclass
class Recorded:
    """One request as the server saw it."""

    method: str
    path: str  # with the query string
    headers: dict[str, str]  # names lower-cased
    host: str  # the server address the request arrived on, e.g. "127.0.0.2"
    port: int
    client: tuple[str, int]
    started: float  # time.monotonic() when the request had been read
    # time.monotonic() just before the response's last bytes were written (None: not sent): the client cannot
    # have had the whole response earlier, so two requests never seem to overlap only because this thread was
    # slow to note the time after writing (it once was, in a full test run under load)
    finished: float | None = None
    status: int | None = None

    @property
    def user_agent(self) -> str:
        return self.headers.get("user-agent", "")


class _Route:
    def __init__(self, replies: Reply | Sequence[Reply] | Handler) -> None:
        self._lock = threading.Lock()
        self.hits = 0
        self.handler: Handler | None = None
        self.replies: list[Reply] = []
        if callable(replies) and not isinstance(replies, Reply):
            self.handler = replies
        elif isinstance(replies, Reply):
            self.replies = [replies]
        else:
            self.replies = list(replies)
            if not self.replies:
                raise ValueError("a route needs at least one Reply")

    def next(self, request: Recorded) -> Reply:
        with self._lock:
            index = self.hits
            self.hits += 1
        if self.handler is not None:
            produced = self.handler(request)
            return produced if isinstance(produced, Reply) else list(produced)[0]
        return self.replies[min(index, len(self.replies) - 1)]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tradewire-test-server"
    sys_version = ""
    timeout = 10  # idle keep-alive connections are closed after this
    # headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm meeting the client's
    # delayed ACK would add ~40 ms to every response
    disable_nagle_algorithm = True
    server: _Listener

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer("HEAD")

    def _answer(self, method: str) -> None:
        owner = self.server.owner
        host, port = self.server.server_address[:2]
        record = Recorded(method=method, path=self.path, headers={k.lower(): v for k, v in self.headers.items()},
                          host=host, port=port, client=self.client_address[:2], started=time.monotonic())
        owner._log(record)
        reply = owner._reply_for(record)
        try:
            self._send(reply, record, method)
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError):
            self.close_connection = True  # the client gave up (a timeout test): nothing to do
        finally:
            if record.finished is None:
                record.finished = time.monotonic()

    def _send(self, reply: Reply, record: Recorded, method: str) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        if reply.close:
            self.close_connection = True
            return
        status = reply.status
        inm, ims = record.headers.get("if-none-match"), record.headers.get("if-modified-since")
        if status == 200 and ((reply.etag and inm and reply.etag in [t.strip() for t in inm.split(",")])
                              or (reply.last_modified and not inm and ims == reply.last_modified)):
            status = 304
        record.status = status
        body = b"" if status in (204, 304) or method == "HEAD" else reply.payload()
        self.send_response(status)
        if reply.content_type and status != 304:
            self.send_header("Content-Type", reply.content_type)
        if reply.gzip and status != 304:
            self.send_header("Content-Encoding", "gzip")
        if reply.etag:
            self.send_header("ETag", reply.etag)
        if reply.last_modified:
            self.send_header("Last-Modified", reply.last_modified)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.chunked and body:
            self.send_header("Transfer-Encoding", "chunked")
        elif "content-length" not in {k.lower() for k in reply.headers}:
            self.send_header("Content-Length", str(len(body)))
        offsets = range(0, len(body), max(1, reply.chunk_size))
        if not offsets:
            record.finished = time.monotonic()  # the headers are the last bytes
        self.end_headers()
        for offset in offsets:
            if reply.drip and offset:
                time.sleep(reply.drip)
            chunk = body[offset:offset + reply.chunk_size]
            if reply.chunked:
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            else:
                if offset == offsets[-1]:
                    record.finished = time.monotonic()
                self.wfile.write(chunk)
            self.wfile.flush()
        if reply.chunked and body:
            record.finished = time.monotonic()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()


class _Listener(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], owner: HTTPTestServer) -> None:
        self.owner = owner
        super().__init__(address, _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a client closing an idle keep-alive connection, or giving up mid-response: expected
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class HTTPTestServer:
    """Serves registered routes on one or more loopback addresses until `stop()` (or the `with` block ends)."""

    def __init__(self, hosts: Iterable[str] = ("127.0.0.1",), port: int = 0) -> None:
        self.hosts = tuple(hosts)
        if not self.hosts:
            raise ValueError("give at least one host address")
        self._routes: dict[str, _Route] = {}
        self._prefixes: list[tuple[str, _Route]] = []
        self._lock = threading.Lock()
        self.requests: list[Recorded] = []
        self._listeners = self._bind(port)
        self.port = self._listeners[0].server_address[1]
        self._threads: list[threading.Thread] = []

    def _bind(self, port: int) -> list[_Listener]:
        last_error: OSError | None = None
        for _ in range(20):  # the first address picks a free port; the others try to share it
            listeners: list[_Listener] = []
            try:
                for host in self.hosts:
                    listener = _Listener((host, port or (listeners[0].server_address[1] if listeners else 0)), self)
                    listeners.append(listener)
                return listeners
            except OSError as exc:
                last_error = exc
                for listener in listeners:
                    listener.server_close()
                if port:
                    break
        raise OSError(f"cannot bind {', '.join(self.hosts)}: {last_error}")

    # ------------------------------------------------------------ life cycle

    def start(self) -> HTTPTestServer:
        for listener in self._listeners:
            thread = threading.Thread(target=listener.serve_forever, kwargs={"poll_interval": 0.05},
                                      name=f"test-http-{listener.server_address[0]}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for listener in self._listeners:
            listener.shutdown()
            listener.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def __enter__(self) -> HTTPTestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ routes

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"{self.base_url(host)}{path if path.startswith('/') else '/' + path}"

    def base_url(self, host: str | None = None) -> str:
        return f"http://{host or self.hosts[0]}:{self.port}"

    def route(self, path: str, replies: Reply | Sequence[Reply] | Handler) -> None:
        """Answer `path` (exact; with a query string it must match too) with `replies`."""
        with self._lock:
            self._routes[path] = _Route(replies)

    def route_prefix(self, prefix: str, replies: Reply | Sequence[Reply] | Handler) -> None:
        """Answer every path starting with `prefix` (checked after exact routes, longest prefix first)."""
        with self._lock:
            self._prefixes.append((prefix, _Route(replies)))
            self._prefixes.sort(key=lambda item: -len(item[0]))

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.route(path, Reply(status, content_type=None, headers={"Location": to}))

    def reset(self) -> None:
        """Forget every route, hit counter and recorded request."""
        with self._lock:
            self._routes.clear()
            self._prefixes.clear()
            self.requests.clear()

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def hits(self, path: str, host: str | None = None) -> list[Recorded]:
        """The requests recorded for `path` (query string ignored unless `path` has one)."""
        with self._lock:
            recorded = list(self.requests)
        return [r for r in recorded if (r.path == path or (("?" not in path) and r.path.split("?")[0] == path))
                and (host is None or r.host == host)]

    def _log(self, record: Recorded) -> None:
        with self._lock:
            self.requests.append(record)

    def _reply_for(self, record: Recorded) -> Reply:
        path = record.path
        with self._lock:
            route = self._routes.get(path) or self._routes.get(urlsplit(path).path)
            if route is None:
                route = next((r for prefix, r in self._prefixes if path.startswith(prefix)), None)
        if route is None:
            return Reply(404, "not found", content_type="text/plain; charset=utf-8")
        return route.next(record)


# ---------------------------------------------------------------- helpers for tests


def gzip_bomb(inflated_size: int) -> bytes:
    """A gzip stream of `inflated_size` zero bytes (about 1,000 times smaller), built without holding it inflated."""
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\x00" * (1 << 20)
    parts = []
    remaining = inflated_size
    while remaining > 0:
        parts.append(compressor.compress(block[: min(remaining, len(block))]))
        remaining -= len(block)
    parts.append(compressor.flush())
    return b"".join(parts)


def intervals_in_flight(records: Sequence[Recorded]) -> int:
    """The largest number of `records` whose [started, finished] intervals overlap at one instant."""
    events = []
    for r in records:
        events.append((r.started, 1))
        events.append((r.finished if r.finished is not None else float("inf"), -1))
    events.sort(key=lambda e: (e[0], e[1]))  # an end at the same instant as a start counts first
    peak = current = 0
    for _, delta in events:
        current += delta
        peak = max(peak, current)
    return peak


def http_date(timestamp: float) -> str:
    return formatdate(timestamp, usegmt=True)
