"""Helpers shared by the browse tests: `tradewire browse` run as a user runs it, a copy of a database to serve,
and an article whose title, outlet, body and quotes hold HTML and script, served for `tradewire ingest`.

    with BrowseServer(db) as server:          # the real CLI in a subprocess, on a free port of 127.0.0.1
        httpx.get(server.url("/quotes"))
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

TRADEWIRE = str(Path(sys.executable).with_name("tradewire"))
START_TIMEOUT_S = 60.0

# Our own invented story, with markup written as text: the page's HTML escapes it (&lt;script&gt;), so the
# stored title, outlet, body and quotes hold the characters themselves, as a real page quoting code would.
HOSTILE_TITLE = '<script>alert("title")</script> Tariffs on <b>steel</b> rise to 40 percent'
HOSTILE_OUTLET = "<script>alert('outlet')</script> Wire"
HOSTILE_BODY_SCRIPT = '<script>alert("body")</script>'
HOSTILE_QUOTE_SCRIPT = "<script>alert('quote')</script>"
HOSTILE_PIECES = (HOSTILE_TITLE, HOSTILE_OUTLET, HOSTILE_BODY_SCRIPT, HOSTILE_QUOTE_SCRIPT, "<b>steel</b>",
                  '<img src=x onerror=alert("img")>')

# A hand-made .jsonl can give an article any URL; `import` keeps it as given.
SCRIPT_URL = "javascript:alert('url')"
SCRIPT_URL_ARTICLE = {
    "url": SCRIPT_URL, "title": "Japan and the EU review wine tariffs", "published": "2024-02-01",
    "outlet": "Notes", "language": "en",
    "text": "Japan and the European Union agreed on Monday to review the 15 percent tariff on wine imports, "
            "trade officials said, as both sides prepare for talks in Brussels next spring."}


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


HOSTILE_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{_html_text(HOSTILE_TITLE)}</title>
<meta property="og:title" content="{_html_text(HOSTILE_TITLE)}">
<meta property="og:site_name" content="{_html_text(HOSTILE_OUTLET)}">
<meta name="author" content="Pat Example">
<meta property="article:published_time" content="2025-10-02T09:00:00Z">
</head><body><article>
<h1>{_html_text(HOSTILE_TITLE)}</h1>
<p>OTTAWA — {_html_text(HOSTILE_BODY_SCRIPT)} Canada will raise its tariff on steel imports from China to 40 percent
next month, the finance minister said on Thursday, in a move aimed at shielding domestic mills from a flood of
cheap metal.</p>
<p>{_html_text('<img src=x onerror=alert("img")>')} "We will not let our {_html_text(HOSTILE_QUOTE_SCRIPT)} steel
industry be dumped on," Prime Minister Mark Carney told reporters in Ottawa, adding that the duties would be
reviewed at the end of the year. The countermeasure follows talks with Mexico on trade and tariffs under the
USMCA.</p>
<p>Trade analysts said the 40 percent tariff would cover hot-rolled and cold-rolled products, and that the
government expected exports of steel from China to Canada to fall by a third. Officials said tariffs on
aluminium would stay unchanged for now.</p>
<p>"This is about fair trade, not protectionism," said Dominic LeBlanc, the minister responsible for Canada-U.S.
trade, who added that Ottawa had informed Beijing of the decision before the announcement.</p>
</article></body></html>
"""


def env_without_prefect_api() -> dict[str, str]:
    """The test session's environment (Prefect's home in a temporary folder) for a CLI subprocess that starts
    Prefect's temporary API itself."""
    return {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}


def copy_database(db: Path, folder: Path) -> Path:
    """A copy of a closed database file (and its write-ahead log, if one was left), to change or to watch."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / db.name
    shutil.copyfile(db, copy)
    wal = db.with_name(db.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
    return copy


def run_import(db: Path, path: Path) -> subprocess.CompletedProcess:
    """`tradewire import PATH` into `db`, to its end."""
    return subprocess.run([TRADEWIRE, "import", str(path), "--db", str(db)], capture_output=True, text=True,
                          timeout=600, env=env_without_prefect_api())


def start_ingest(db: Path, url: str) -> subprocess.Popen:
    """`tradewire ingest --source URL` into `db`, running in the background."""
    return subprocess.Popen([TRADEWIRE, "ingest", "--source", url, "--allow-private", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env_without_prefect_api())


class BrowseServer:
    """`tradewire browse --db DB` in a subprocess; its address is read from the line it prints."""

    def __init__(self, db: Path):
        self.db = db
        self.process: subprocess.Popen | None = None
        self.base_url = ""
        self.output: list[str] = []

    def __enter__(self) -> BrowseServer:
        self.process = subprocess.Popen([TRADEWIRE, "browse", "--db", str(self.db)], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, env=env_without_prefect_api())
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.base_url:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("tradewire browse did not start:\n" + "".join(self.output))
            if selector.select(timeout=0.5):
                line = self.process.stdout.readline()
                self.output.append(line)
                if "http://" in line:
                    self.base_url = line.split("http://", 1)[1].split()[0].rstrip("/")
                    self.base_url = "http://" + self.base_url
        selector.close()
        return self

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def __exit__(self, *exc) -> None:
        """Ctrl-C, as a user stops it; killed if it has not stopped 30 s later."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            rest, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            rest, _ = self.process.communicate()
        self.output.append(rest or "")
