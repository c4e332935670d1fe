"""Readers during writes: `tradewire sql`, `export` and `events` work while an ingest is writing, and an open
reader never makes the ingest fail.

DuckDB (2.0) lets no other process open a file while one holds it for writing, not even read-only, and no
writer open it while a reader holds it; the refusal ("Could not set lock on file") comes at once. tradewire
therefore connects per unit of work and retries with back-off on the lock (storage/db.py). Here readers run as
separate processes, as users run them, while the writer (the real flow) runs in this process.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.crash import corpus_records
from flows.plan import RunPlan
from storage.check import check_database
from storage.db import session

TRADEWIRE = str(Path(sys.executable).with_name("tradewire"))


@dataclass
class Read:
    command: str
    returncode: int
    started: float
    seconds: float
    stdout: str
    stderr: str


def _reader_commands(db: Path, folder: Path) -> list[list[str]]:
    return [
        [TRADEWIRE, "sql", "select count(*) as n, count(distinct status) as s from articles", "--db", str(db),
         "--format", "json"],
        [TRADEWIRE, "export", "quotes", "--csv", str(folder / "quotes.csv"), "--db", str(db)],
        [TRADEWIRE, "events", "--db", str(db), "--format", "json"],
        [TRADEWIRE, "runs", "--db", str(db), "--format", "json"],
    ]


def _read_until(stop: threading.Event, commands: list[list[str]], reads: list[Read]) -> None:
    """Run the commands in turn until `stop` is set, each at least once."""
    number = 0
    while not stop.is_set() or number < len(commands):
        command = commands[number % len(commands)]
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        reads.append(Read(command[1], done.returncode, started, time.monotonic() - started, done.stdout,
                          done.stderr[-1000:]))
        number += 1


@pytest.fixture
def writer_input(tmp_path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({k: r[k] for k in ("url", "title", "published", "outlet", "language",
                                                           "text")}, ensure_ascii=False) + "\n"
                            for r in corpus_records(16)), encoding="utf-8")
    return path


@pytest.fixture
def small_batches(settings):
    from dataclasses import replace

    return replace(settings, store_batch=2)  # eight store transactions: many chances to meet a reader


def test_readers_work_while_an_import_writes(demo_db, writer_input, small_batches, tmp_path):
    from flows.ingest import ingest_flow

    db = tmp_path / "shared.duckdb"
    shutil.copy(demo_db, db)
    reads: list[Read] = []
    stop = threading.Event()
    readers = threading.Thread(target=_read_until, args=(stop, _reader_commands(db, tmp_path), reads))
    readers.start()
    try:
        time.sleep(0.5)
        started = time.monotonic()
        result = ingest_flow(RunPlan("import", db, small_batches, files=[writer_input]))
        finished = time.monotonic()
    finally:
        stop.set()
        readers.join(timeout=300)
    _read_until(stop, _reader_commands(db, tmp_path)[:1], reads)  # and once after: the final count
    assert result["status"] == "success", result["errors"]
    failed = [(r.command, r.stderr) for r in reads if r.returncode != 0]
    assert not failed, failed[:3]
    during = [r for r in reads if started <= r.started <= finished]
    assert len(during) >= 4, f"only {len(during)} reads ran during the {finished - started:.1f} s import"
    seen = {json.loads(r.stdout)[0]["n"] for r in reads if r.command == "sql"}
    with session(demo_db, read_only=True) as con:
        (before,) = con.execute("select count(*) from articles").fetchone()
    assert min(seen) == before and max(seen) > before, f"article counts the readers saw: {seen}"
    assert all(c.ok for c in check_database(db))


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
con.close()
"""


def _hold(db: Path, mode: str, seconds: float) -> subprocess.Popen:
    """A process that opens `db` (read-only or for writing) and keeps it open for `seconds`."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode, str(seconds)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "holding", process.stderr.read()
    return process


def test_an_open_reader_makes_the_import_wait_not_fail(demo_db, writer_input, settings, tmp_path):
    from flows.ingest import ingest_flow

    db = tmp_path / "held.duckdb"
    shutil.copy(demo_db, db)
    holder = _hold(db, "read", 3.0)
    started = time.monotonic()
    try:
        result = ingest_flow(RunPlan("import", db, settings, files=[writer_input]))
    finally:
        holder.wait(timeout=60)
    assert result["status"] == "success", result["errors"]
    assert time.monotonic() - started >= 2.0, "the import did not have to wait: the reader was not holding the file"
    with session(db, read_only=True) as con:
        (articles,) = con.execute("select count(*) from articles").fetchone()
    with session(demo_db, read_only=True) as con:
        assert articles > con.execute("select count(*) from articles").fetchone()[0]


def test_a_reader_waits_for_a_writer_then_answers(demo_db, tmp_path):
    db = tmp_path / "written.duckdb"
    shutil.copy(demo_db, db)
    holder = _hold(db, "write", 2.0)
    started = time.monotonic()
    try:
        for command in _reader_commands(db, tmp_path)[:3]:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr[-1000:]
    finally:
        holder.wait(timeout=60)
    assert time.monotonic() - started >= 1.5, "the readers did not have to wait: the writer was not holding the file"


def test_past_the_lock_timeout_a_reader_gives_up_with_one_clear_line(demo_db, tmp_path):
    from storage.db import DatabaseError, connect

    path = tmp_path / "locked.duckdb"
    shutil.copy(demo_db, path)
    holder = _hold(path, "write", 5.0)
    try:
        with pytest.raises(DatabaseError, match=r"^\S+ stayed locked by another process for 0 s: wait for the "
                                                r"running ingest, import or serve to finish"):
            connect(path, read_only=True, lock_timeout=0.4)
    finally:
        holder.kill()
        holder.wait()
