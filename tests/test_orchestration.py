"""Orchestration as users run it: `tradewire serve` on a schedule, and the NLP stage on a Dask cluster.

Both run the real CLI in subprocesses against a real Prefect server (Prefect refuses to schedule on its
temporary API, and Dask workers would each start their own), with the demo site or the linking corpus as input.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from storage.db import session
from storage.queries import run_sql

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS / "linking" / "corpus.jsonl"
TRADEWIRE = str(Path(sys.executable).with_name("tradewire"))
CONTENT_TABLES = ("articles", "leader_mentions", "tariffs", "quotes", "percentages", "events", "article_events")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(extra)
    return env


def _content(db: Path) -> dict[str, list[tuple]]:
    """Every content table's rows, without run bookkeeping columns, sorted: equal databases compare equal."""
    skip = {"run_id", "stored_at"}
    found = {}
    with session(db, read_only=True) as con:
        for table in CONTENT_TABLES:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table]).fetchall() if c not in skip]
            _, rows = run_sql(con, f"select {', '.join(columns)} from {table}")
            found[table] = sorted(rows, key=repr)
    return found


@pytest.fixture(scope="module")
def small_batches(tmp_path_factory) -> Path:
    """Settings with small NLP batches, so a 49-article import makes several batches to spread over workers."""
    path = tmp_path_factory.mktemp("settings") / "settings.toml"
    path.write_text("[pipeline]\nstore_batch = 8\n[fetch]\nper_host_delay_s = 0.0\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    from flows.serve import prefect_server

    folder = tmp_path_factory.mktemp("prefect")
    # Not exported to this process: in-process flows of other test modules keep Prefect's temporary API.
    with prefect_server(folder / "server.log", home=folder / "home", export=False) as url:
        yield url


def _import(db: Path, settings: Path, prefect_api: str, *options: str) -> None:
    """`tradewire import` of the linking corpus into `db`, reporting to the real Prefect server."""
    ran = subprocess.run([TRADEWIRE, "import", str(CORPUS), "--db", str(db), "--settings", str(settings), *options],
                         capture_output=True, text=True, timeout=600, env=_env(PREFECT_API_URL=prefect_api))
    assert ran.returncode == 0, ran.stderr[-2000:]


def _with_processes(small_batches: Path, n_process: int) -> Path:
    path = small_batches.with_name(f"n_process_{n_process}.toml")
    path.write_text(small_batches.read_text(encoding="utf-8") + f"[nlp]\nn_process = {n_process}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def one_process_rows(prefect_api, small_batches, tmp_path_factory) -> dict[str, list[tuple]]:
    """What a plain one-process import stores: the reference both ways of spreading the NLP must reproduce
    (imported once for the module, since it is the slowest part of each test)."""
    db = tmp_path_factory.mktemp("one_process") / "single.duckdb"
    _import(db, _with_processes(small_batches, 1), prefect_api)
    rows = _content(db)
    assert len(rows["articles"]) == 49 and rows["quotes"]
    return rows


def test_dask_runner_runs_nlp_on_the_workers_and_stores_the_same(prefect_api, small_batches, one_process_rows,
                                                                 tmp_path):
    distributed = pytest.importorskip("distributed")
    # The workers get PREFECT_API_URL (through their nannies) and so report to the real server.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  env={"PREFECT_API_URL": prefect_api}) as cluster, \
            distributed.Client(cluster) as client:
        dask_db = tmp_path / "dask.duckdb"
        _import(dask_db, small_batches, prefect_api, "--runner", "dask", "--dask-address", cluster.scheduler_address)
        loaded = client.run(lambda: len(__import__("flows.ingest", fromlist=["_pipelines"])._pipelines))
    assert len(loaded) == 2 and all(n > 0 for n in loaded.values()), f"NLP did not run on both workers: {loaded}"
    assert _content(dask_db) == one_process_rows


def test_worker_pool_with_a_batch_ahead_stores_the_same(prefect_api, small_batches, one_process_rows, tmp_path):
    """`[nlp] n_process = 2`: a pool of worker processes, started before the flow, with the next batch in the
    pool while one is stored; the database holds exactly what the one-process run stores."""
    pooled_db = tmp_path / "pooled.duckdb"
    _import(pooled_db, _with_processes(small_batches, 2), prefect_api)
    assert _content(pooled_db) == one_process_rows


def _runs(db: Path) -> list[dict]:
    if not db.exists():
        return []
    try:
        with session(db, read_only=True) as con:
            columns, rows = run_sql(con, "select run_id, status, counts, errors from runs where status <> 'running' "
                                         "order by started_at")
    except Exception:
        return []
    return [dict(zip(columns, row)) for row in rows]


def test_serve_runs_the_flow_on_schedule_and_repeats_add_nothing(demo_site, tmp_path):
    sources = tmp_path / "sources.toml"
    demo_sources = (Path(__file__).resolve().parent.parent / "config" / "demo" / "sources.toml").read_text()
    sources.write_text(demo_sources.replace("{base_url}", demo_site.base_url), encoding="utf-8")
    db = tmp_path / "served.duckdb"
    settings = tmp_path / "settings.toml"
    settings.write_text("[fetch]\nper_host_delay_s = 0.0\n", encoding="utf-8")
    process = subprocess.Popen(
        [TRADEWIRE, "serve", "--interval", "5", "--db", str(db), "--sources", str(sources), "--settings",
         str(settings), "-v"],  # Prefect's logs: a failure below shows what the runner was doing
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=_env(PREFECT_RUNNER_POLL_FREQUENCY="1", PREFECT_HOME=str(tmp_path / "prefect")),
        start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while len(_runs(db)) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(1)
        runs = _runs(db)
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's process group
        try:
            output, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            pytest.fail(f"serve did not stop on Ctrl-C:\n{output[-2000:]}")
    assert len(runs) >= 2, f"fewer than two scheduled runs finished:\n{output[-3000:]}"
    first, second = runs[0], runs[1]
    for run in (first, second):
        assert run["status"] == "success" and json.loads(run["errors"]) == [], run
    assert json.loads(first["counts"])["stored"] > 0
    repeat = json.loads(second["counts"])
    assert repeat["stored"] == 0 and repeat["seen"] > 0, repeat
    once = tmp_path / "once.duckdb"  # what a single run of the same sources stores
    ran = subprocess.run([TRADEWIRE, "ingest", "--db", str(once), "--sources", str(sources), "--settings",
                          str(settings)], capture_output=True, text=True, timeout=600, env=_env())
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert _content(db) == _content(once), "the repeated scheduled runs added or changed content rows"
    with session(db, read_only=True) as con:
        (fetch_runs,) = con.execute("select count(distinct run_id) from fetches").fetchone()
    assert fetch_runs >= 2, "every run records its fetch attempts"
    listed = subprocess.run([TRADEWIRE, "runs", "--db", str(db), "--format", "json"], capture_output=True, text=True,
                            env=_env())
    shown = {r["run_id"] for r in json.loads(listed.stdout)}
    assert {first["run_id"], second["run_id"]} <= shown


STUCK = """
import signal, subprocess, sys, time
import flows.serve as serve
serve.STOP_GRACE_S = 1.0
signal.signal(signal.SIGINT, serve._interrupt_with_a_deadline)
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
printed = False
while True:
    try:  # the pid is printed inside the try: the test's Ctrl-C may come as soon as it is read
        if not printed:
            printed = True
            print(child.pid, flush=True)
        time.sleep(300)
    except KeyboardInterrupt:
        pass  # a runner that does not stop
"""


def test_ctrl_c_kills_what_serve_started_when_it_does_not_stop(tmp_path):
    """The deadline behind `serve`'s Ctrl-C: a process that does not stop is killed with what it started."""
    import psutil

    process = subprocess.Popen([sys.executable, "-c", STUCK], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONPATH": str(TESTS.parent)})
    child = psutil.Process(int(process.stdout.readline()))
    process.send_signal(signal.SIGINT)
    try:
        assert process.wait(timeout=60) == 130
    finally:
        process.kill()
    assert "not stopped 1 s after Ctrl-C" in process.stderr.read()
    child.wait(timeout=30)  # gone (psutil.TimeoutExpired if it still ran)


def test_import_stops_the_temporary_api_it_started(tmp_path):
    """Without PREFECT_API_URL, `import` starts Prefect's temporary API before anything else loads, runs the
    flow against it, and stops it on exit: no server process outlives the command."""
    import psutil

    home = tmp_path / "prefect"
    story = tmp_path / "story.txt"
    story.write_text("Mexico's economy ministry said on Tuesday that the 25% tariff on steel would stay in place "
                     "while talks with the United States go on.\n", encoding="utf-8")
    ran = subprocess.run([TRADEWIRE, "import", str(story), "--db", str(tmp_path / "story.duckdb")],
                         capture_output=True, text=True, timeout=300, env=_env(PREFECT_HOME=str(home)))
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert "stored 1" in ran.stdout
    assert (tmp_path / "prefect-server.log").exists()  # the server tradewire started (its output goes there)
    left = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            if "prefect.server.api.server:create_app" in " ".join(process.info["cmdline"] or []) \
                    and process.environ().get("PREFECT_HOME") == str(home):
                left.append(process.pid)
        except psutil.Error:
            continue
    assert not left, f"the temporary API outlived the command: {left}"


def test_the_temporary_api_ends_when_the_command_is_killed(tmp_path):
    """`kill -9` of the command alone (not its process group) runs no exit hook; the temporary API it started
    gets the kernel's parent-death signal and ends instead of being left running."""
    import psutil

    home = tmp_path / "prefect"
    story = tmp_path / "story.txt"
    story.write_text("Canada's finance minister said the 25% counter-tariffs would stay while talks go on.\n",
                     encoding="utf-8")
    command = subprocess.Popen([TRADEWIRE, "import", str(story), "--db", str(tmp_path / "story.duckdb")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(PREFECT_HOME=str(home)))
    try:
        api = None
        for _ in range(600):  # until the command has started its API (well before the import ends)
            for child in psutil.Process(command.pid).children():
                with suppress(psutil.Error):
                    if "prefect.server.api.server:create_app" in " ".join(child.cmdline()):
                        api = child
            if api is not None or command.poll() is not None:
                break
            time.sleep(0.05)
        assert api is not None, "the command never started its temporary API"
        command.kill()
        command.wait(timeout=30)
        api.wait(timeout=30)  # psutil.TimeoutExpired if it outlived the command
    finally:
        command.kill()
