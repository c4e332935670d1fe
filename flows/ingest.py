"""The Prefect flow behind `ingest`, `import`, `demo` and `serve`: one task per stage, tasks on batches.

The flow is deliberately thin: each task calls one plain function of `flows/stages.py`, `extractors/` or
`storage/`. Tasks keep no results in Prefect's result storage (article text never leaves this process except
to a Dask worker) and have no cache keys (hashing a batch of articles would cost more than the work). HTTP
retries live in the fetcher, so no task retries. Batches of articles and rows are passed `quote`d: Prefect then
does not walk through them looking for futures (there are none), which took ~2 s of CPU on PolNeAR's 840 texts,
most of it in the store tasks' extracted records.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from extractors.article.input_files import count_articles
from extractors.pipeline import ExtractionPipeline
from extractors.pool_size import articles_that_matter
from flows import progress, stages
from flows.fetcher import FetchMemory
from flows.plan import RunPlan
from storage.articles import ArticleRow, store_articles
from storage.db import session
from storage.linking.linker import link_if_latest, link_pending
from storage.runs import FetchRecord, finish_run, record_fetches, start_run, upsert_sources
from storage.tracker.builder import build_measures

TASK_OPTIONS = dict(persist_result=False, cache_policy=NO_CACHE, retries=0)

_pipelines: dict[tuple[int, int], ExtractionPipeline] = {}
_pipelines_lock = threading.Lock()  # NLP tasks of one flow may start in two threads at once (see below)


def shared_pipeline(n_process: int, batch_size: int) -> ExtractionPipeline:
    """One extraction pipeline per process (and per Dask worker), loaded on first use."""
    key = (n_process, batch_size)
    with _pipelines_lock:
        if key not in _pipelines:
            _pipelines[key] = ExtractionPipeline(n_process=n_process, batch_size=batch_size)
        return _pipelines[key]


@task(name="discover", **TASK_OPTIONS)
def discover_task(plan: RunPlan, memory: FetchMemory):
    return stages.discover(plan.sources, plan.settings.fetch, memory)


@task(name="plan-fetches", **TASK_OPTIONS)
def plan_task(plan: RunPlan, candidates):
    return stages.plan_fetches(plan.db, candidates, {s.name: s for s in plan.sources}, plan.refetch)


@task(name="fetch-and-parse", **TASK_OPTIONS)
def fetch_task(plan: RunPlan, requests, candidates, memory: FetchMemory):
    return stages.fetch_and_parse(requests, {c.url: c for c in candidates}, {s.name: s for s in plan.sources},
                                  plan.settings.fetch, memory, plan.settings.relevance_threshold)


@task(name="read-files", **TASK_OPTIONS)
def read_task(plan: RunPlan):
    return stages.read_local_files(plan.files)


@task(name="screen", **TASK_OPTIONS)
def screen_task(plan: RunPlan, pending):
    return stages.screen(plan.db, pending, gate_relevance=plan.command != "import")


@task(name="nlp", **TASK_OPTIONS)
def nlp_task(batch: list[stages.Pending], n_process: int, batch_size: int) -> tuple[list[ArticleRow], list[str]]:
    return stages.extract_isolating(shared_pipeline(n_process, batch_size), batch)


@task(name="store", **TASK_OPTIONS)
def store_task(db: Path, rows: list[ArticleRow], run_id: str) -> list[str]:
    """Store one batch in one transaction; returns the ids stored (the link stage's work list)."""
    for row in rows:
        row.run_id = run_id
    with session(db) as con:
        store_articles(con, rows)
    return [row.article_id for row in rows]


@task(name="link", **TASK_OPTIONS)
def link_task(db: Path, stored_ids: list[str], only_if_latest: bool = False):
    """Link what was stored (and whatever an earlier run left unlinked); with `only_if_latest`, link the
    articles only if they can be appended (storage.linking.linker.link_if_latest), else return None."""
    with session(db) as con:
        return link_if_latest(con, stored_ids) if only_if_latest else link_pending(con, stored_ids)


@task(name="track-measures", **TASK_OPTIONS)
def measures_task(db: Path):
    """Recompute the tariff measures and their steps from what is stored and linked (storage/tracker/)."""
    with session(db) as con:
        return build_measures(con)


@task(name="record-fetches", **TASK_OPTIONS)
def record_task(db: Path, run_id: str, records: list[FetchRecord]) -> None:
    with session(db) as con:
        record_fetches(con, run_id, records)


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def describe_plan(plan: RunPlan) -> str:
    """What a run works on, for its flow-run name: "demo demo-rss+demo-atom", "import 3 files"."""
    if plan.files:
        return f"{plan.command} {len(plan.files)} file{'s' if len(plan.files) != 1 else ''}"
    names = [s.name for s in plan.sources]
    shown = "+".join(names[:3]) + (f"+{len(names) - 3} more" if len(names) > 3 else "")
    return f"{plan.command} {shown}"


def _flow_run_name() -> str:
    return describe_plan(flow_run.parameters["plan"])


def _rename_flow_run(name: str) -> None:
    """Put the outcome in the flow-run name, so Prefect's run list reads like our `runs` table."""
    from prefect.client.orchestration import get_client

    try:
        with get_client(sync_client=True) as client:
            client.update_flow_run(flow_run.get_id(), name=name[:200])
    except Exception:  # a cosmetic rename must never fail a run
        pass


def _extract_batches(plan: RunPlan, to_extract: list[stages.Pending]):
    """(rows, errors) per NLP batch. Articles whose extraction raised come back as pending rows with one-line
    errors; a batch whose task itself failed (a worker lost) comes back pending as a whole."""
    s = plan.settings
    batches = _batches(to_extract, s.store_batch)
    n_process = plan.nlp_processes(len(to_extract)) if plan.runner == "local" else 1
    if plan.runner == "dask":
        # Batches go to the cluster's workers at once; each worker keeps its own pipeline loaded, and results
        # are stored in order as they arrive.
        futures = nlp_task.map(batches, n_process=1, batch_size=s.batch_size)
        calls: Iterable[Callable] = [future.result for future in futures]
    elif n_process > 1:
        # The next batch is already in the worker pool while this one is stored: the workers never wait for
        # the database, and a worker done with its half of a batch starts on the next one.
        calls = _one_batch_ahead(batches, lambda b: nlp_task.submit(quote(b), n_process, s.batch_size))
    else:  # one spaCy pipeline in this process, which must not run two batches at once
        calls = [lambda b=batch: nlp_task(quote(b), n_process, s.batch_size) for batch in batches]
    for number, (batch, call) in enumerate(zip(batches, calls), 1):
        progress.update("nlp", number, len(batches))
        try:
            yield call()
        except Exception as exc:  # the batch is not lost: stored pending, extracted again next run
            yield stages.pending_rows(batch), [f"nlp: batch of {len(batch)} stored as pending: {exc!r}"]


def _one_batch_ahead(batches: list, submit: Callable) -> Iterator[Callable]:
    """The result getter of each batch's future, in order, the next batch submitted before one is waited for."""
    in_flight: deque = deque()
    for batch in batches:
        in_flight.append(submit(batch))
        if len(in_flight) == 2:
            yield in_flight.popleft().result
    while in_flight:
        yield in_flight.popleft().result


FAILED_OUTCOMES = ("error", "refused", "robots")  # a fetch record's outcomes that read nothing


def nothing_read(out: stages.StageOutput) -> bool:
    """True when no source, listing, page or file could be read at all: every fetch record failed and no article
    came through. Such a run ends "failed", as a crashed one does, so that a scheduler sees the failure; a run
    that read something ("seen" URLs, a listing, one page) and lost the rest is "partial"."""
    return not out.pending and all(record.outcome in FAILED_OUTCOMES for record in out.records)


@flow(name="tradewire-ingest", flow_run_name=_flow_run_name, validate_parameters=False, log_prints=False)
def ingest_flow(plan: RunPlan) -> dict:
    """Discover → fetch → parse → screen → NLP (batches) → store (one transaction per batch) → link → measures."""
    counts, errors = stages.Counts(), list(plan.source_errors)
    with session(plan.db) as con:
        start_run(con, plan.run_id, plan.command, flow_run.get_name())
        upsert_sources(con, [(s.name, s.kind, s.url, s.language, s.enabled) for s in plan.sources])
    status = "failed"
    try:
        if plan.files:
            progress.update("read files")
            out = read_task(plan)
        else:
            memory = FetchMemory()  # one run: robots.txt read once per host, per-host delays kept across stages
            progress.update("discover")
            candidates, records, listing_errors = discover_task(plan, memory)
            requests, seen = plan_task(plan, candidates)
            progress.update(f"fetch {len(requests)} pages")
            out = fetch_task(plan, requests, candidates, memory)
            out.records = records + seen + out.records
            out.errors = listing_errors + out.errors
            counts.discovered = len(candidates)
        counts.add_records(out.records)
        errors += out.errors
        record_task(plan.db, plan.run_id, quote(out.records))
        rows, to_extract, screened = screen_task(plan, quote(out.pending))
        counts.add_screening(screened)
        copies, rows = stages.copies_by_original(rows, to_extract)
        stored_ids: list[str] = []
        waiting: list[str] = []   # stored, to be linked during the run if they can be appended
        deferred: list[str] = []  # stored, linked at the end
        for batch_rows, batch_errors in _extract_batches(plan, to_extract):
            errors += batch_errors
            counts.add_extracted(batch_rows)
            batch_ids = store_task(plan.db, quote(batch_rows + stages.take_copies(copies, batch_rows)), plan.run_id)
            stored_ids += batch_ids
            waiting += batch_ids
            # Linked during the run once `link_every` wait ([pipeline] in settings.toml). Each link first reads
            # the state it continues from: on PolNeAR's 840 texts, linking every batch of 64 on its own took
            # 46 % more CPU than one link at the end, 256 at a time 11 % more — and all but the last link
            # overlap the NLP instead of following it.
            if len(waiting) >= plan.settings.link_every:
                try:
                    linked = link_task(plan.db, waiting, only_if_latest=True)
                except Exception:  # not lost: linked with the rest at the end, which reports any error
                    linked = None
                if linked is None:
                    deferred += waiting
                else:
                    counts.add_linked(linked)
                waiting = []
        # Skipped articles and copies of stored ones point at articles stored above, so they are written last.
        last_ids = store_task(plan.db, quote(rows + stages.take_copies(copies)), plan.run_id)
        stored_ids += last_ids
        counts.stored = len(stored_ids)
        progress.update("link events")
        try:
            counts.add_linked(link_task(plan.db, deferred + waiting + last_ids))
        except Exception as exc:  # stored articles stay stored; the next run links what is left unlinked
            errors.append(f"link: {exc!r}")
        progress.update("tariff measures")
        try:
            counts.measures = measures_task(plan.db).measures
        except Exception as exc:  # the previous measures stay whole; the next run builds them again
            errors.append(f"tariff measures: {exc!r}")
        if not errors:
            status = "success"
        elif nothing_read(out) and not stored_ids:
            status = "failed"
        else:
            status = "partial"
    except BaseException as exc:
        errors.append(f"run failed: {exc!r}")
        raise
    finally:
        counts.errors = len(errors)
        final_name = f"{describe_plan(plan)} · {status}: {counts.summary()}"
        with session(plan.db) as con:
            finish_run(con, plan.run_id, status, asdict(counts), errors, final_name)
        _rename_flow_run(final_name)
        progress.done()
    return {"run_id": plan.run_id, "status": status, "counts": asdict(counts), "errors": errors}


def start_nlp_workers(plan: RunPlan) -> None:
    """Start the NLP worker pool of an import now, so that the workers load their models while Prefect starts
    and the files are read and screened. (An import has articles to extract for sure, as many as its files
    hold; an ingest may find nothing new, and its pool is sized and started when it is first needed.)"""
    if plan.runner != "local" or not plan.files:
        return
    n_process = plan.nlp_processes(count_articles(plan.files, at_most=articles_that_matter()))
    if n_process > 1:
        shared_pipeline(n_process, plan.settings.batch_size).start_workers()


def run_ingest(plan: RunPlan) -> dict:
    """Run the flow with the plan's task runner: this process (NLP in its own worker pool), or Dask for NLP.

    Dask workers talk to the Prefect API too; against Prefect's temporary API each worker would start its own
    (14–25 s a run), so the CLI runs the Dask path against a real Prefect server (flows/serve.prefect_server).
    """
    if plan.runner == "dask":
        from prefect_dask import DaskTaskRunner

        return ingest_flow.with_options(task_runner=DaskTaskRunner(address=plan.dask_address))(plan)
    return ingest_flow(plan)


@flow(name="tradewire-scheduled-ingest", log_prints=False)
def scheduled_ingest(db: str, sources_file: str, settings_file: str) -> dict:
    """The entry point `tradewire serve` and prefect.yaml deployments run: plain parameters, config read per run."""
    from extractors.config import ConfigError
    from flows.settings import load_settings, load_sources

    settings = load_settings(Path(settings_file))
    try:
        sources, errors = load_sources(Path(sources_file))
    except ConfigError as exc:  # recorded as the run's error; the next scheduled run reads the file again
        sources, errors = [], [str(exc)]
    enabled = [s for s in sources if s.enabled]
    if not enabled:
        errors.append(f"no enabled sources in {sources_file}: list them with `tradewire sources`, switch one "
                      "on with `tradewire sources enable NAME`")
    return ingest_flow(RunPlan("serve", Path(db), settings, sources=enabled, source_errors=errors))
