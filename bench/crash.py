"""Crash safety: SIGKILL a running `tradewire import` or `tradewire ingest` at moments spread over its writing
phase, then check the database and run the command again.

    .venv/bin/python bench/crash.py                       # 20 trials, import and ingest alternating
    .venv/bin/python bench/crash.py --trials 40 --mode ingest --articles 49 --seed 7

Each mode first runs once uninterrupted into a fresh database: its content tables are the reference, and the
time from the database's creation (the run's first write) to its last change is its writing phase. Trial i
then runs the same command into a fresh database and kills its whole process group with SIGKILL at
1.1 (i + u) / n of that phase after the database appears (u drawn in [0.2, 0.8), per mode): kills land before the
first article is stored, between store transactions, around the link step, and sometimes with writes still
in DuckDB's write-ahead log (the report says how many bytes were left to replay). After each kill it prints the articles stored at that
moment, runs the integrity checks (storage/check.py, what `tradewire check` runs), runs the command again to
its end, checks again and compares every content table with the reference. A trial *held* when the killed
database passed every check, the re-run succeeded and passed every check, and its content equals the
reference.

The runs talk to one Prefect server started here (or PREFECT_API_URL's), so a run does not pay for Prefect's
temporary server. They run a copy of the source tree taken at the start (flows/, extractors/, storage/,
config/), so that edits to the working tree while the trials run cannot change what a re-run extracts; pass
--live to run the installed `tradewire` instead. The ingest mode serves the linking corpus as a small news site with an RSS feed on
127.0.0.1 (tests/http_server.py), with allow_private on the source. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from storage.check import Check, check_database  # noqa: E402
from storage.db import session  # noqa: E402

CORPUS = ROOT / "tests" / "linking" / "corpus.jsonl"
TRADEWIRE = str(Path(sys.executable).with_name("tradewire"))
# Every table a run fills with content; a repeated or resumed run must leave them exactly as one clean run does.
CONTENT_TABLES = ("articles", "extractions", "leaders", "leader_mentions", "tariffs", "quotes", "percentages",
                  "date_mentions", "events", "article_events", "tariff_measures", "tariff_measure_steps",
                  "tariff_step_mentions")
# Bookkeeping columns that say when or in which run a row was written, not what it holds.
VOLATILE = {"run_id", "stored_at", "extracted_at", "fetched_at", "updated_at"}


# ------------------------------------------------------------------------------------------- databases


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every content table's rows without bookkeeping columns, sorted: equal databases compare equal."""
    found: dict[str, list[tuple]] = {}
    with session(db, read_only=True) as con:
        for table in CONTENT_TABLES:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = ? "
                "order by ordinal_position", [table]).fetchall() if c not in VOLATILE]
            if not columns:
                found[table] = []
                continue
            rows = con.execute(f"select {', '.join(columns)} from {table}").fetchall()
            found[table] = sorted(rows, key=repr)
    return found


def differences(expected: dict[str, list[tuple]], got: dict[str, list[tuple]]) -> list[str]:
    """One line per content table that differs: row counts, rows missing and rows extra."""
    lines = []
    for table in CONTENT_TABLES:
        want, have = expected.get(table, []), got.get(table, [])
        if want != have:
            missing = len(set(map(repr, want)) - set(map(repr, have)))
            extra = len(set(map(repr, have)) - set(map(repr, want)))
            lines.append(f"{table}: {len(have)} rows, expected {len(want)} ({missing} missing, {extra} extra)")
    return lines


def stored_now(db: Path) -> tuple[str, str]:
    """What the database holds right now, in one line, and the phase of the run that it shows."""
    if not db.exists():
        return "no database file yet", "before any write"
    try:
        with session(db, read_only=True) as con:
            tables = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
            if "articles" not in tables:
                return "database created, no tables yet", "before any write"
            by_status = dict(con.execute("select status, count(*) from articles group by status").fetchall())
            quotes = con.execute("select count(*) from quotes").fetchone()[0]
            events = con.execute("select count(*) from events").fetchone()[0] if "events" in tables else 0
            running = con.execute("select count(*) from runs where status = 'running'").fetchone()[0]
    except Exception as exc:  # reported, and the checks that follow fail on it too
        return f"cannot read: {' '.join(str(exc).split())[:200]}", "unreadable"
    articles = sum(by_status.values())
    parts = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items()))
    text = (f"{articles} articles stored ({parts or 'none'}), {quotes} quotes, {events} events, "
            f"{running} run(s) left running")
    if not running:
        phase = "after the run finished writing"
    elif events:
        phase = "linked, run not closed"
    elif by_status.get("duplicate") or by_status.get("skipped"):
        phase = "all stored, not linked"
    elif articles:
        phase = "between store transactions"
    else:
        phase = "before the first article"
    return text, phase


def failing(checks: list[Check]) -> list[str]:
    return [c.line() for c in checks if not c.ok]


# ------------------------------------------------------------------------------------------- workloads


def corpus_records(limit: int | None = None) -> list[dict]:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records[:limit] if limit else records


def write_settings(folder: Path, store_batch: int) -> Path:
    """Small store batches, so a run writes many transactions to be killed in, linked every two batches during
    the run (kills land in those links too); no politeness delay (loopback)."""
    path = folder / "settings.toml"
    path.write_text(f"[pipeline]\nstore_batch = {store_batch}\nlink_every = {2 * store_batch}\n"
                    "[fetch]\nper_host_delay_s = 0.0\n"
                    "per_host_concurrency = 4\nbackoff_base_s = 0.01\n", encoding="utf-8")
    return path


@dataclass
class Workload:
    """A command to run against a database: `args` without `--db`; `launcher` runs tradewire."""

    mode: str
    args: list[str]
    launcher: list[str] = field(default_factory=lambda: [TRADEWIRE])

    def command(self, db: Path) -> list[str]:
        return [*self.launcher, *self.args, "--db", str(db)]


def freeze(folder: Path) -> Path:
    """A copy of the packages and config as they are now; run it with PYTHONPATH set to the copy."""
    target = folder / "src"
    for name in ("flows", "extractors", "storage", "config"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"),
                        dirs_exist_ok=True)
    return target


FROZEN_LAUNCHER = [sys.executable, "-c", "from flows.cli import main; main()"]


def import_workload(folder: Path, articles: int, store_batch: int) -> Workload:
    data = folder / "corpus.jsonl"
    data.write_text("".join(json.dumps({k: r[k] for k in ("url", "title", "published", "outlet", "language",
                                                           "text")}, ensure_ascii=False) + "\n"
                            for r in corpus_records(articles)), encoding="utf-8")
    return Workload("import", ["import", str(data), "--settings", str(write_settings(folder, store_batch))])


def article_page(record: dict) -> str:
    paragraphs = "".join(f"<p>{escape(p.strip())}</p>\n" for p in record["text"].split("\n\n") if p.strip())
    return (f'<!doctype html><html lang="{record["language"]}"><head><meta charset="utf-8">'
            f'<title>{escape(record["title"])}</title><meta property="og:type" content="article">'
            f'<meta property="og:site_name" content="{escape(record["outlet"])}">'
            f'<meta property="article:published_time" content="{record["published"]}"></head>'
            f'<body><article><h1>{escape(record["title"])}</h1>\n{paragraphs}</article></body></html>')


def serve_corpus(server, articles: int) -> str:
    """Route the corpus as pages plus an RSS feed on `server` (an HTTPTestServer); returns the feed URL."""
    from http_server import Reply

    items = []
    for number, record in enumerate(corpus_records(articles)):
        path = f"/news/{number:03d}.html"
        server.route(path, Reply(200, article_page(record)))
        items.append(f"<item><title>{escape(record['title'])}</title><link>{server.url(path)}</link></item>")
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>corpus</title>'
            f'<link>{server.url("/")}</link>{"".join(items)}</channel></rss>')
    server.route("/feed.xml", Reply(200, feed, content_type="application/rss+xml; charset=utf-8"))
    return server.url("/feed.xml")


def ingest_workload(folder: Path, feed_url: str, store_batch: int) -> Workload:
    sources = folder / "sources.toml"
    sources.write_text(f'[[source]]\nname = "corpus"\nkind = "rss"\nurl = "{feed_url}"\nallow_private = true\n'
                       "max_articles = 500\n", encoding="utf-8")
    return Workload("ingest", ["ingest", "--sources", str(sources),
                               "--settings", str(write_settings(folder, store_batch))])


# ------------------------------------------------------------------------------------------- running


@dataclass
class Outcome:
    returncode: int | None
    killed: bool
    writing_s: float | None  # from the database file's creation to its last change seen (or the kill)
    output: str = ""
    wal_at_kill: int = 0  # bytes in the write-ahead log left by the kill: writes not yet checkpointed


def _file_state(db: Path) -> tuple:
    """What changes when DuckDB writes: the file's and its write-ahead log's sizes and modification times."""
    state = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            stat = path.stat()
            state += [stat.st_size, stat.st_mtime_ns]
        except FileNotFoundError:
            state += [None, None]
    return tuple(state)


def run(workload: Workload, db: Path, env: dict[str, str], kill_after: float | None = None,
        timeout: float = 600.0) -> Outcome:
    """Run the command; with `kill_after`, SIGKILL its process group that long after the database appears."""
    log = db.with_suffix(".log")
    with open(log, "w") as out:
        # cwd: the database's folder, never the working tree (python -c puts the cwd first on sys.path)
        process = subprocess.Popen(workload.command(db), stdout=out, stderr=subprocess.STDOUT, env=env,
                                   cwd=db.parent, start_new_session=True)
        created: float | None = None
        changed, state = None, None
        deadline = time.monotonic() + timeout
        killed = False
        wal = db.with_name(db.name + ".wal")
        while process.poll() is None:
            now = time.monotonic()
            if created is None and db.exists():
                created = now
            if created is not None:
                current = _file_state(db)
                if current != state:
                    changed, state = now, current
            if kill_after is not None and created is not None and now >= created + kill_after:
                os.killpg(process.pid, signal.SIGKILL)
                killed = True
                process.wait()
                changed = time.monotonic()
                break
            if now > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise TimeoutError(f"{' '.join(workload.args[:1])} ran over {timeout:.0f} s: see {log}")
            time.sleep(0.002)
        if created is not None and _file_state(db) != state:  # a last write between the poll and the exit
            changed = time.monotonic()
    return Outcome(process.returncode, killed, changed - created if created is not None else None,
                   log.read_text(errors="replace"), wal.stat().st_size if killed and wal.exists() else 0)


@dataclass
class Trial:
    number: int
    mode: str
    kill_after: float
    share: float  # kill_after as a share of the reference writing phase
    killed: bool = False
    wal_at_kill: int = 0
    at_kill: str = ""
    phase: str = ""
    killed_checks: list[str] = field(default_factory=list)
    rerun_ok: bool = False
    rerun_checks: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def held(self) -> bool:
        return self.killed and not self.killed_checks and self.rerun_ok and not self.rerun_checks and not self.diff

    def report(self) -> str:
        head = (f"trial {self.number:2d} {self.mode:6s} kill at {self.kill_after:5.2f} s "
                f"({self.share:4.0%} of writing): ")
        if not self.killed:
            return head + f"NOT KILLED ({self.note or 'finished first'})"
        wal = f"; {self.wal_at_kill:,} bytes of write-ahead log to replay" if self.wal_at_kill else ""
        lines = [head + f"stored at kill: {self.at_kill}{wal}"]
        lines.append("    after kill: " + ("all checks ok" if not self.killed_checks else
                                            "; ".join(self.killed_checks)))
        lines.append("    re-run: " + ("ok" if self.rerun_ok else f"FAILED {self.note}")
                     + ("; checks ok" if not self.rerun_checks else "; " + "; ".join(self.rerun_checks))
                     + ("; content equals the uninterrupted run" if not self.diff else "; DIFFERS: "
                        + "; ".join(self.diff)))
        lines.append(f"    => {'held' if self.held else 'NOT HELD'}")
        return "\n".join(lines)


def reference(workload: Workload, folder: Path, env: dict[str, str]) -> tuple[dict, float]:
    """(content of one uninterrupted run, its writing phase in seconds)."""
    db = folder / f"reference-{workload.mode}.duckdb"
    outcome = run(workload, db, env)
    if outcome.returncode != 0 or outcome.writing_s is None:
        raise RuntimeError(f"the uninterrupted {workload.mode} run failed:\n{outcome.output[-3000:]}")
    bad = failing(check_database(db))
    if bad:
        raise RuntimeError(f"the uninterrupted {workload.mode} run fails the checks: {bad}")
    return snapshot(db), outcome.writing_s


def crash_trial(number: int, workload: Workload, folder: Path, env: dict[str, str], expected: dict,
                kill_after: float, share: float) -> Trial:
    db = folder / f"trial-{number:02d}-{workload.mode}.duckdb"
    trial = Trial(number, workload.mode, kill_after, share)
    for attempt in range(3):  # a run faster than the reference may end first: kill earlier, on a fresh file
        for leftover in (db, db.with_name(db.name + ".wal")):
            leftover.unlink(missing_ok=True)
        outcome = run(workload, db, env, kill_after=trial.kill_after)
        if outcome.killed:
            break
        trial.kill_after *= 0.8
        trial.share *= 0.8
    trial.killed, trial.wal_at_kill = outcome.killed, outcome.wal_at_kill
    if not outcome.killed:
        trial.note = f"exit {outcome.returncode} before the kill, three times"
        return trial
    trial.at_kill, trial.phase = stored_now(db)
    trial.killed_checks = failing(check_database(db, lock_timeout=10)) if db.exists() else []
    rerun = run(workload, db, env)
    trial.rerun_ok = rerun.returncode == 0
    if not trial.rerun_ok:
        trial.note = rerun.output.strip().splitlines()[-1:] and rerun.output.strip().splitlines()[-1][:300]
        return trial
    trial.rerun_checks = failing(check_database(db))
    trial.diff = differences(expected, snapshot(db))
    return trial


def kill_moments(trials: int, writing_s: float, rng: random.Random) -> list[tuple[float, float]]:
    """(seconds after the database appears, share of the writing phase) for each trial, spread evenly over
    110 % of the reference's writing phase (a killed run is often a little slower than the reference, and
    the last tenth holds the duplicates' store and the link step)."""
    moments = []
    for i in range(trials):
        share = 1.1 * (i + rng.uniform(0.2, 0.8)) / trials
        moments.append((share * writing_s, share))
    return moments


def child_env(api_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="trials in all (modes alternate)")
    parser.add_argument("--mode", choices=("import", "ingest", "both"), default="both")
    parser.add_argument("--articles", type=int, default=49, help="corpus articles per run (at most 49)")
    parser.add_argument("--store-batch", type=int, default=4, help="articles per NLP batch and transaction")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    parser.add_argument("--live", action="store_true", help="run the working tree's code, not a frozen copy")
    args = parser.parse_args(argv)

    from contextlib import nullcontext

    from flows.serve import prefect_server
    from http_server import HTTPTestServer

    rng = random.Random(args.seed)
    modes = ["import", "ingest"] if args.mode == "both" else [args.mode]
    folder = (args.keep or Path(tempfile.mkdtemp(prefix="tradewire-crash-"))).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    api = nullcontext(os.environ.get("PREFECT_API_URL")) if os.environ.get("PREFECT_API_URL") else \
        prefect_server(folder / "prefect-server.log", home=folder / "prefect-home")
    with api as api_url, HTTPTestServer() as server:
        env = child_env(api_url)
        if not args.live:
            env["PYTHONPATH"] = str(freeze(folder))
        workloads = {}
        for mode in modes:
            place = folder / mode
            place.mkdir(exist_ok=True)
            workloads[mode] = import_workload(place, args.articles, args.store_batch) if mode == "import" else \
                ingest_workload(place, serve_corpus(server, args.articles), args.store_batch)
            if not args.live:
                workloads[mode].launcher = FROZEN_LAUNCHER
        plans: dict[str, list[tuple[float, float]]] = {}
        expected: dict[str, dict] = {}
        for mode in modes:
            expected[mode], writing = reference(workloads[mode], folder / mode, env)
            count = sum(1 for i in range(args.trials) if modes[i % len(modes)] == mode)
            plans[mode] = kill_moments(count, writing, rng)
            totals = {t: len(rows) for t, rows in expected[mode].items()}
            print(f"{mode}: uninterrupted run writes for {writing:.2f} s; content {totals}", flush=True)
        trials: list[Trial] = []
        for number in range(1, args.trials + 1):
            mode = modes[(number - 1) % len(modes)]
            kill_after, share = plans[mode].pop(0)
            trial = crash_trial(number, workloads[mode], folder / mode, env, expected[mode], kill_after, share)
            trials.append(trial)
            print(trial.report(), flush=True)
    held = sum(t.held for t in trials)
    phases: dict[str, int] = {}
    for t in trials:
        phases[t.phase or "not killed"] = phases.get(t.phase or "not killed", 0) + 1
    print("\nkills by phase: " + "; ".join(f"{name}: {n}" for name, n in phases.items())
          + f"; with write-ahead log to replay: {sum(1 for t in trials if t.wal_at_kill)}")
    print(f"\n{held}/{len(trials)} trials held "
          f"({', '.join(f'{m}: {sum(t.held for t in trials if t.mode == m)}/{sum(t.mode == m for t in trials)}' for m in modes)}); "
          f"{time.monotonic() - started:.0f} s; databases in {folder}")
    return 0 if held == len(trials) else 1


if __name__ == "__main__":
    sys.exit(main())
