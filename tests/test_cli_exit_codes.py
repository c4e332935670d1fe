"""Exit codes a cron script can read: a run that could read nothing at all ends "failed" and exits 1; a run that
read something and lost the rest stays "partial" and exits 0 (tests/test_import_folders.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from http_server import HTTPTestServer, Reply

from flows.plan import RunPlan
from flows.settings import Source
from storage.db import session

TRADEWIRE = str(Path(sys.executable).with_name("tradewire"))


@pytest.fixture(scope="module")
def server():
    with HTTPTestServer() as served:
        served.route("/gone.xml", Reply(404, "not here"))
        served.route("/broken.xml", Reply(500, "down"))
        served.route("/empty.xml", Reply(200, '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
                                         content_type="application/rss+xml"))
        yield served


def _status(db: Path) -> str:
    with session(db, read_only=True) as con:
        return con.execute("select status from runs").fetchone()[0]


def test_an_ingest_whose_every_source_fails_ends_failed(server, settings, tmp_path):
    from flows.ingest import ingest_flow

    sources = [Source("gone", "rss", url=server.url("/gone.xml"), allow_private=True),
               Source("broken", "rss", url=server.url("/broken.xml"), allow_private=True)]
    db = tmp_path / "failed.duckdb"
    result = ingest_flow(RunPlan("ingest", db, settings, sources=sources))
    assert result["status"] == "failed" and len(result["errors"]) == 2, result
    assert _status(db) == "failed"
    with session(db, read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 0


def test_an_ingest_that_reads_one_listing_is_not_failed(server, settings, tmp_path):
    """An empty feed was read: with the other source's error the run is partial, not failed."""
    from flows.ingest import ingest_flow

    sources = [Source("gone", "rss", url=server.url("/gone.xml"), allow_private=True),
               Source("empty", "rss", url=server.url("/empty.xml"), allow_private=True)]
    result = ingest_flow(RunPlan("ingest", tmp_path / "partial.duckdb", settings, sources=sources))
    assert result["status"] == "partial", result


def test_an_import_that_reads_no_file_exits_1(tmp_path):
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)
    db = tmp_path / "none.duckdb"
    ran = subprocess.run([TRADEWIRE, "import", str(scan), "--db", str(db), "--format", "json"],
                         capture_output=True, text=True, timeout=600)
    assert ran.returncode == 1, ran.stderr[-2000:]
    summary = json.loads(ran.stdout)  # the summary is still printed, for the script that reads it
    assert summary["status"] == "failed" and "not UTF-8 text" in summary["errors"][0]
    assert "read nothing" in ran.stderr
    assert _status(db) == "failed"
