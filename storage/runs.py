"""The run history: one `runs` row per command run, one `fetches` row per fetch attempt or skipped page.

These tables record every attempt — they grow on every run, unlike the content tables, which a repeated run
leaves unchanged.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb

from storage.db import transaction


@dataclass
class FetchRecord:
    """What happened to one URL in one run (a fetch, or a decision not to fetch or not to store)."""

    url: str
    outcome: str
    source: str | None = None
    final_url: str | None = None
    status_code: int | None = None
    bytes: int | None = None
    elapsed_ms: float | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, command: str, flow_run_name: str | None = None) -> None:
    con.execute(
        "insert into runs (run_id, command, flow_run_name, started_at, status) values (?, ?, ?, ?, 'running')",
        [run_id, command, flow_run_name, datetime.now(timezone.utc)],
    )


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict, errors: Sequence[str],
               flow_run_name: str | None = None) -> None:
    con.execute(
        """update runs set finished_at = ?, status = ?, counts = ?, errors = ?,
                  flow_run_name = coalesce(?, flow_run_name)
           where run_id = ?""",
        [datetime.now(timezone.utc), status, json.dumps(counts), json.dumps(list(errors)), flow_run_name, run_id],
    )


def record_fetches(con: duckdb.DuckDBPyConnection, run_id: str, records: Sequence[FetchRecord]) -> None:
    if not records:
        return
    with transaction(con):
        con.executemany(
            """insert into fetches (run_id, source, url, final_url, status_code, bytes, elapsed_ms, outcome, error,
                                    etag, last_modified)
               values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [[run_id, r.source, r.url, r.final_url, r.status_code, r.bytes, r.elapsed_ms, r.outcome, r.error,
              r.etag, r.last_modified] for r in records],
        )


def upsert_sources(con: duckdb.DuckDBPyConnection, sources: Sequence[tuple[str, str, str | None, str | None, bool]]
                   ) -> None:
    """(name, kind, url, language, enabled) for each configured source."""
    if not sources:
        return
    con.executemany(
        """insert into sources (name, kind, url, language, enabled) values (?, ?, ?, ?, ?)
           on conflict (name) do update set kind = excluded.kind, url = excluded.url,
               language = excluded.language, enabled = excluded.enabled, updated_at = now()""",
        [list(s) for s in sources],
    )
