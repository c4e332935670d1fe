"""A local HTTP server for the bundled demo site (`config/demo/site/`), the way publishers serve pages.

It listens on 127.0.0.1 on a free port, replaces `{{BASE_URL}}` in every file with its own address (feeds and
canonical links need absolute URLs), declares content types and charsets, and answers conditional requests
(ETag / Last-Modified -> 304), so the demo exercises the same incremental fetching as a real site.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from extractors.config import CONFIG_DIR

DEMO_DIR = CONFIG_DIR / "demo"
SITE_DIR = DEMO_DIR / "site"
# A fixed Last-Modified keeps demo runs reproducible; a changed file changes its ETag anyway.
LAST_MODIFIED = formatdate(1758585600, usegmt=True)  # 2025-09-23
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.I)


class _Handler(BaseHTTPRequestHandler):
    server: "_SiteServer"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence per-request logging
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = unquote(urlsplit(self.path).path)
        file = (self.server.root / path.lstrip("/")).resolve()
        if file.is_dir():
            file = file / "index.html"
        if not file.is_relative_to(self.server.root) or not file.is_file():
            self._send(404, b"not found", "text/plain; charset=utf-8")
            return
        body = file.read_bytes().replace(b"{{BASE_URL}}", self.server.base_url.encode("ascii"))
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag or (
            self.headers.get("If-None-Match") is None and self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self._send(304, b"", None, etag)
            return
        self._send(200, body, _content_type(file, body), etag)

    def _send(self, status: int, body: bytes, content_type: str | None, etag: str | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


def _content_type(file: Path, body: bytes) -> str:
    if file.suffix == ".xml":
        return "application/xml; charset=utf-8"
    if file.suffix == ".html":
        declared = _META_CHARSET.search(body[:4096])
        return f"text/html; charset={declared.group(1).decode() if declared else 'utf-8'}"
    guessed = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, host: str, port: int) -> None:
        super().__init__((host, port), _Handler)
        self.root = root.resolve()
        self.base_url = f"http://{host}:{self.server_address[1]}"


class DemoSite:
    """`with DemoSite() as site: ... site.base_url ...` — serves `root` until the block ends."""

    def __init__(self, root: Path = SITE_DIR, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _SiteServer(root, host, port)
        self._thread = threading.Thread(target=self._server.serve_forever, name="demo-site", daemon=True)

    @property
    def base_url(self) -> str:
        return self._server.base_url

    def __enter__(self) -> DemoSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
