"""Opening the DuckDB file: short-lived connections, retried while another process holds the lock.

DuckDB lets one process at a time open a file for writing, and none may open it while a writer holds it (the
error comes at once). So every command connects, does one unit of work, and closes; both readers and writers
retry with back-off for a while when the file is locked. A scheduled ingest therefore never fails because a
user runs `tradewire sql` at the same moment — it waits a few hundred milliseconds.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb

from storage.migrations import migrate

DEFAULT_LOCK_TIMEOUT = 120.0
# Never download DuckDB extensions at run time. Replaying a write-ahead log that a killed process left behind
# can need functions of the `core_functions` extension (DuckDB 2.0.1: the log of a DROP TABLE whose table has a
# foreign key, as migration m002 does); by default DuckDB then tries to *install* it from the network, which
# fails offline and leaves the database unopenable. The extension is built into the Python package: with
# auto-install off it is loaded from there and the log replays (tests/test_crash.py).
DUCKDB_CONFIG = {"autoinstall_known_extensions": False}


class DatabaseError(RuntimeError):
    """A database that cannot be used; the message says how to fix it."""


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("could not set" in text or "conflicting" in text or "held" in text)


def connect(path: Path | str, *, read_only: bool = False, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
            ) -> duckdb.DuckDBPyConnection:
    """A connection to `path`, migrated to the current schema when opened for writing."""
    path = Path(path)
    if read_only and not path.exists():
        raise DatabaseError(
            f"no database at {path}: run `tradewire demo`, `tradewire ingest` or `tradewire import` first, "
            "or pass --db PATH")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=DUCKDB_CONFIG)
            break
        except duckdb.Error as exc:
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                if _is_lock_error(exc):
                    raise DatabaseError(
                        f"{path} stayed locked by another process for {lock_timeout:.0f} s: wait for the running "
                        "ingest, import or serve to finish (or stop it), then try again") from exc
                raise DatabaseError(f"cannot open {path}: {exc}") from exc
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)
    con.execute("set TimeZone = 'UTC'")
    if not read_only and migrate(con):
        con.execute("checkpoint")  # a schema change goes into the file at once, not only into the log
    return con


@contextmanager
def session(path: Path | str, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Connect, yield, close — the unit of work that keeps the file's lock short."""
    con = connect(path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All-or-nothing: a crash or an error inside leaves the database as it was before."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def insert_columns(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[Sequence], *,
                   names: Sequence[str] = (), on_conflict: str = "") -> None:
    """Insert rows given column by column, in one statement (`insert … select unnest(?), unnest(?), …`).

    DuckDB's `executemany` runs its statement once per row: storing a batch of 64 articles with their ~2,000
    extraction rows that way took 0.6 s of CPU, against ~0.05 s like this — CPU the NLP workers need.
    """
    if not columns or not columns[0]:
        return
    listed = f" ({', '.join(names)})" if names else ""
    marks = ", ".join("unnest(?)" for _ in columns)
    con.execute(f"insert into {table}{listed} select {marks} {on_conflict}", [list(c) for c in columns])


def columns_of(rows: Sequence[Sequence]) -> list[list]:
    """Rows turned into columns, for `insert_columns`."""
    return [list(column) for column in zip(*rows)]
