"""Integrity checks of a tradewire database, as plain functions returning results a command can print.

`tradewire check` runs them for a user; the crash tests (tests/test_crash.py, bench/crash.py) run them after
every killed run. What they hold a database to:

- references: no row points at a missing article, leader, event or run (`article_id`, `leader_id`,
  `event_id`, `run_id` columns of every table that has one; a null `run_id` is allowed).
- extraction: an article with status `extracted` has an `extractions` row (migration m003) for its current
  body, and each extraction table holds exactly the number of rows that row says were written. Articles
  with any other status (pending, skipped, duplicate) have no extraction rows. `pending` is the legitimate
  "not extracted yet" state: the next run extracts those articles from their stored text.
- duplicates: `duplicate_of` points at a stored article other than itself, and every `duplicate` has one.
- event links: an extracted or duplicate article is linked to an event, or is *waiting to be linked*: it has
  no `link_members` row yet, which is what every run's link step picks up (storage/linking/linker.py
  `_left_by_killed_runs`), so a run killed between storing and linking leaves articles waiting, never lost.
  Failures: an article the linker recorded as linked without an event; an article linked as an older version
  of itself (its `link_members` fingerprint differs) that no later run will pick up; an article neither
  extracted nor duplicate but linked. Every event holds at least one linked article.
- tariff measures (migration m006): every step's mentions exist (a `tariffs` row of an extracted article) and
  belong to a step of their measure, every step to a measure, and every measure has a step. Mentions stored
  since the last build are *waiting*: every ingest, import and relink rebuilds the measures, and re-storing an
  article removes its mentions from them in the same transaction, so a killed run leaves mentions waiting (and
  perhaps a step with none left), never a step pointing at a mention that is gone.
- runs: runs left `running` are listed (a run in progress, or one that was killed); not a failure.

A database at an older schema version is checked as far as its tables allow (a write command upgrades it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from storage.migrations import MIGRATIONS

STATUSES = ("extracted", "pending", "skipped", "duplicate")
EXTRACTION_TABLES = ("leader_mentions", "tariffs", "quotes", "percentages")
LINKABLE = ("extracted", "duplicate")
EXAMPLES = 3  # ids quoted in a failing check's detail


@dataclass
class Check:
    """One check's outcome: `detail` is one line, saying what was found (and, when not ok, where)."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


# (table, column, target table, target column): each a reference that must not dangle.
REFERENCES: dict[str, list[tuple[str, str, str, str]]] = {
    "references to articles": [
        ("leader_mentions", "article_id", "articles", "article_id"),
        ("tariffs", "article_id", "articles", "article_id"),
        ("quotes", "article_id", "articles", "article_id"),
        ("percentages", "article_id", "articles", "article_id"),
        ("date_mentions", "article_id", "articles", "article_id"),
        ("extractions", "article_id", "articles", "article_id"),
        ("article_events", "article_id", "articles", "article_id"),
        ("link_members", "article_id", "articles", "article_id"),
        ("tariff_step_mentions", "article_id", "articles", "article_id"),
    ],
    "references to leaders": [("leader_mentions", "leader_id", "leaders", "leader_id")],
    "references to events": [("article_events", "event_id", "events", "event_id")],
    "references to runs": [
        ("articles", "run_id", "runs", "run_id"),
        ("fetches", "run_id", "runs", "run_id"),
    ],
}


def run_checks(con: duckdb.DuckDBPyConnection) -> list[Check]:
    """Every check on an open connection (read-only is enough); one Check per line of `tradewire check`."""
    columns = _columns(con)
    if not columns or set(columns) == {"schema_migrations"} and not _version(con):
        # Created, but killed before its first migration committed: nothing to be inconsistent.
        return [Check("schema", True, "empty database: the next write command creates the schema")]
    checks = [_schema(con, columns)]
    if "articles" not in columns:
        return checks + [Check("tables", False, "no `articles` table: not a tradewire database")]
    checks += [_references(con, columns, name, pairs) for name, pairs in REFERENCES.items()]
    checks += [_statuses(con), _extraction(con, columns), _duplicates(con), _links(con, columns),
               _events(con, columns), _measures(con, columns), _runs(con, columns)]
    return checks


def check_database(path: Path | str, *, lock_timeout: float = 120.0) -> list[Check]:
    """Open `path` read-only (waiting while a writer holds it) and run every check; the first says if it opens."""
    from storage.db import DatabaseError, connect

    path = Path(path)
    try:
        con = connect(path, read_only=True, lock_timeout=lock_timeout)
    except (DatabaseError, duckdb.Error) as exc:
        return [Check("opens", False, " ".join(str(exc).split())[:300])]
    try:
        (articles,) = con.execute("select count(*) from articles").fetchone() \
            if _has_table(con, "articles") else (0,)
        opened = Check("opens", True, f"{path} opens ({_n(articles, 'article')})")
        return [opened] + run_checks(con)
    finally:
        con.close()


def _n(count: int, noun: str) -> str:
    """"1 article", "2 articles": a detail line reads as a sentence whatever the count."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def all_ok(checks: list[Check]) -> bool:
    return all(c.ok for c in checks)


# ------------------------------------------------------------------------------------------- the checks


def _schema(con: duckdb.DuckDBPyConnection, columns: dict[str, set[str]]) -> Check:
    latest = len(MIGRATIONS)
    if "schema_migrations" not in columns:
        return Check("schema", False, "no schema_migrations table: not a tradewire database")
    version = _version(con)
    if version > latest:
        return Check("schema", False, f"version {version} is newer than this tradewire knows ({latest}): upgrade it")
    if version < latest:
        return Check("schema", True, f"version {version} of {latest}: the next write command (ingest, import, "
                                     "relink) upgrades it; checks needing newer tables are skipped")
    return Check("schema", True, f"version {version} (current)")


def _references(con: duckdb.DuckDBPyConnection, columns: dict[str, set[str]], name: str,
                pairs: list[tuple[str, str, str, str]]) -> Check:
    problems, checked = [], 0
    for table, column, target, target_column in pairs:
        if column not in columns.get(table, set()) or target_column not in columns.get(target, set()):
            continue
        checked += 1
        count, examples = con.execute(f"""
            select count(*), list(distinct x.{column})[1:{EXAMPLES}]
            from {table} x
            where x.{column} is not null
              and not exists (select 1 from {target} t where t.{target_column} = x.{column})""").fetchone()
        if count:
            problems.append(f"{count} {table}.{column} point at missing {target} ({_ids(examples)})")
    if problems:
        return Check(name, False, "; ".join(problems))
    return Check(name, True, f"none missing ({_n(checked, 'column')} checked)")


def _statuses(con: duckdb.DuckDBPyConnection) -> Check:
    counts = dict(con.execute("select status, count(*) from articles group by status").fetchall())
    unknown = {s: n for s, n in counts.items() if s not in STATUSES}
    shown = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
    if unknown:
        return Check("article status", False, f"unknown status: {unknown}; {shown}")
    return Check("article status", True, shown)


def _extraction(con: duckdb.DuckDBPyConnection, columns: dict[str, set[str]]) -> Check:
    problems = []
    # Extraction rows of articles that are not (or no longer) extracted.
    for table in EXTRACTION_TABLES + tuple(t for t in ("date_mentions", "extractions") if t in columns):
        count, examples = con.execute(f"""
            select count(distinct x.article_id), list(distinct x.article_id)[1:{EXAMPLES}]
            from {table} x join articles a using (article_id)
            where a.status <> 'extracted'""").fetchone()
        if count:
            problems.append(f"{count} articles not extracted have {table} rows ({_ids(examples)})")
    (extracted,) = con.execute("select count(*) from articles where status = 'extracted'").fetchone()
    (pending,) = con.execute("select count(*) from articles where status = 'pending'").fetchone()
    if "extractions" not in columns:
        detail = "; ".join(problems) if problems else \
            f"{extracted} extracted, {pending} pending (no extractions table yet: rows per article not compared)"
        return Check("extraction", not problems, detail)
    count, examples = con.execute(f"""
        select count(*), list(a.article_id)[1:{EXAMPLES}] from articles a
        where a.status = 'extracted'
          and not exists (select 1 from extractions e where e.article_id = a.article_id)""").fetchone()
    if count:
        problems.append(f"{count} extracted articles were never through extraction ({_ids(examples)})")
    count, examples = con.execute(f"""
        select count(*), list(a.article_id)[1:{EXAMPLES}] from articles a join extractions e using (article_id)
        where a.status = 'extracted' and e.body_hash <> a.body_hash""").fetchone()
    if count:
        problems.append(f"{count} extracted articles were extracted from another body ({_ids(examples)})")
    # (A null date_mentions count: extracted before dates were stored, so nothing to compare.)
    for table in EXTRACTION_TABLES + (("date_mentions",) if "date_mentions" in columns else ()):
        count, examples = con.execute(f"""
            select count(*), list(e.article_id)[1:{EXAMPLES}]
            from extractions e
            left join (select article_id, count(*) as n from {table} group by article_id) x using (article_id)
            where e.{table} <> coalesce(x.n, 0)""").fetchone()
        if count:
            problems.append(f"{count} extracted articles miss {table} rows or have extra ones ({_ids(examples)})")
    if problems:
        return Check("extraction", False, "; ".join(problems))
    return Check("extraction", True, f"{_n(extracted, 'extracted article')}, each with all its extraction rows; "
                                     f"{pending} pending (extracted by the next run)")


def _duplicates(con: duckdb.DuckDBPyConnection) -> Check:
    problems = []
    for what, where in (
        ("point at a missing article",
         "a.duplicate_of is not null and not exists (select 1 from articles o where o.article_id = a.duplicate_of)"),
        ("point at themselves", "a.duplicate_of = a.article_id"),
        ("have status duplicate but no duplicate_of", "a.status = 'duplicate' and a.duplicate_of is null"),
    ):
        count, examples = con.execute(f"select count(*), list(a.article_id)[1:{EXAMPLES}] from articles a "
                                      f"where {where}").fetchone()
        if count:
            problems.append(f"{count} {what} ({_ids(examples)})")
    if problems:
        return Check("duplicates", False, "; ".join(problems))
    (marked,) = con.execute("select count(*) from articles where duplicate_of is not null").fetchone()
    return Check("duplicates", True, f"{_n(marked, 'article')} marked as copies, each of a stored article")


def _links(con: duckdb.DuckDBPyConnection, columns: dict[str, set[str]]) -> Check:
    if "article_events" not in columns:
        return Check("event links", True, "no article_events table yet")
    linkable = "a.status in ('extracted', 'duplicate')"
    linked = "exists (select 1 from article_events ae where ae.article_id = a.article_id)"
    if "link_members" not in columns:  # a schema without the linker's record: nothing to compare with
        (count,) = con.execute(f"select count(*) from articles a where {linkable} and not {linked}").fetchone()
        return Check("event links", True, f"{_n(count, 'article')} waiting to be linked by the next run")
    member = "exists (select 1 from link_members m where m.article_id = a.article_id)"
    current = _linked_as_it_is(columns)
    # Re-stored by a run that never finished: the next run's link step relinks these (a waiting state).
    killed = "a.run_id in (select run_id from runs where finished_at is null)" if "runs" in columns else "false"
    problems = []
    for what, where in (
        ("linked by the linker but without an event", f"{linkable} and {current} and not {linked}"),
        ("linked as an older version of themselves (run `tradewire relink`)",
         f"{linkable} and {member} and not {current} and not {killed}"),
        ("neither extracted nor duplicate but linked to an event", f"not {linkable} and {linked} and not {member}"),
    ):
        count, examples = con.execute(f"select count(*), list(a.article_id)[1:{EXAMPLES}] from articles a "
                                      f"where {where}").fetchone()
        if count:
            problems.append(f"{count} articles {what} ({_ids(examples)})")
    (linked_n,) = con.execute(f"select count(*) from articles a where {linkable} and {linked}").fetchone()
    (waiting,) = con.execute(f"select count(*) from articles a where {linkable} and "
                             f"(not {member} or (not {current} and {killed}))").fetchone()
    if problems:
        return Check("event links", False, "; ".join(problems))
    return Check("event links", True, f"{_n(linked_n, 'article')} linked to events; {waiting} waiting to be linked "
                                      "by the next run")


def _linked_as_it_is(columns: dict[str, set[str]]) -> str:
    """SQL true for an article `a` whose `link_members` row records it as it is now (same fingerprint).

    The linker keeps in `link_members` a fingerprint of what it linked each article with (storage/linking/linker.py,
    LINK_FINGERPRINT_SQL) or, in earlier schemas, its body hash and status. Without either, a member row counts.
    """
    members = columns.get("link_members", set())
    if "fp" in members:
        from storage.linking.units import LINK_FINGERPRINT_SQL

        return f"""exists (select 1 from link_members m where m.article_id = a.article_id
                          and m.fp = {LINK_FINGERPRINT_SQL})"""
    if {"body_hash", "status"} <= members:
        return """exists (select 1 from link_members m where m.article_id = a.article_id
                          and m.body_hash = a.body_hash and m.status = a.status)"""
    return "exists (select 1 from link_members m where m.article_id = a.article_id)"


def _events(con: duckdb.DuckDBPyConnection, columns: dict[str, set[str]]) -> Check:
    if "events" not in columns or "article_events" not in columns:
        return Check("events", True, "no events table yet")
    count, examples = con.execute(f"""
        select count(*), list(e.event_id)[1:{EXAMPLES}] from events e
        where not exists (select 1 from article_events ae where ae.event_id = e.event_id)""").fetchone()
    (events,) = con.execute("select count(*) from events").fetchone()
    if count:
        return Check("events", False, f"{count} of {events} events hold no article ({_ids(examples)})")
    return Check("events", True, f"{events} events, each holding at least one article")


def _measures(con: duckdb.DuckDBPyConnection, columns: dict[str, set[str]]) -> Check:
    if "tariff_measures" not in columns:
        return Check("tariff measures", True, "no tariff_measures table yet")
    problems = []
    for what, query in (
        ("step mentions point at no stored tariff mention", f"""
            select count(*), list(sm.article_id || ':' || sm.ordinal)[1:{EXAMPLES}] from tariff_step_mentions sm
            where not exists (select 1 from tariffs t where t.article_id = sm.article_id
                              and t.ordinal = sm.ordinal)"""),
        ("step mentions point at no step of their measure", f"""
            select count(*), list(sm.measure_id || '#' || sm.step)[1:{EXAMPLES}] from tariff_step_mentions sm
            where not exists (select 1 from tariff_measure_steps s where s.measure_id = sm.measure_id
                              and s.step = sm.step)"""),
        ("steps belong to no measure", f"""
            select count(*), list(s.measure_id)[1:{EXAMPLES}] from tariff_measure_steps s
            where not exists (select 1 from tariff_measures m where m.measure_id = s.measure_id)"""),
        ("measures have no step", f"""
            select count(*), list(m.measure_id)[1:{EXAMPLES}] from tariff_measures m
            where not exists (select 1 from tariff_measure_steps s where s.measure_id = m.measure_id)"""),
    ):
        count, examples = con.execute(query).fetchone()
        if count:
            problems.append(f"{count} {what} ({_ids(examples)})")
    if problems:
        return Check("tariff measures", False, "; ".join(problems))
    (measures,) = con.execute("select count(*) from tariff_measures").fetchone()
    (steps,) = con.execute("select count(*) from tariff_measure_steps").fetchone()
    (waiting,) = con.execute("""
        select count(*) from tariffs t where t.imposer is not null
          and not exists (select 1 from tariff_step_mentions sm where sm.article_id = t.article_id
                          and sm.ordinal = t.ordinal)""").fetchone()
    (bare,) = con.execute("""
        select count(*) from tariff_measure_steps s where not exists (
            select 1 from tariff_step_mentions sm where sm.measure_id = s.measure_id and sm.step = s.step)""").fetchone()
    note = f"; {bare} steps lost their mentions to a re-extraction" if bare else ""
    return Check("tariff measures", True, f"{measures} measures with {steps} steps, every step's mentions stored; "
                                          f"{waiting} mentions waiting for the next build{note}")


def _runs(con: duckdb.DuckDBPyConnection, columns: dict[str, set[str]]) -> Check:
    if "runs" not in columns:
        return Check("runs", True, "no runs table")
    counts = dict(con.execute("select status, count(*) from runs group by status").fetchall())
    running = counts.get("running", 0)
    shown = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no runs"
    note = f"; {running} still marked running (in progress, or killed)" if running else ""
    return Check("runs", True, shown + note)


# ------------------------------------------------------------------------------------------- helpers


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table, column in con.execute("select table_name, column_name from information_schema.columns "
                                     "where table_schema = 'main'").fetchall():
        found.setdefault(table, set()).add(column)
    return found


def _version(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()[0])


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("select count(*) from information_schema.tables where table_name = ?",
                            [table]).fetchone()[0])


def _ids(values: list | None) -> str:
    values = [str(v) for v in (values or []) if v is not None]
    return "e.g. " + ", ".join(values) if values else "no ids"
