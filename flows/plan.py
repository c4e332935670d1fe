"""What one run does — kept apart from the flow so the CLI can build a plan before Prefect is imported."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractors.pool_size import PoolSize, choose
from flows.settings import Settings, Source
from storage.runs import new_run_id


@dataclass
class RunPlan:
    """What one run does: ingest `sources`, or import `files` (then nothing is fetched)."""

    command: str
    db: Path
    settings: Settings
    sources: list[Source] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    refetch: bool = False
    runner: str = "local"  # local | dask
    dask_address: str | None = None
    # Source entries that were reported and skipped (unknown kind, invalid URL): recorded with the run.
    source_errors: list[str] = field(default_factory=list)
    run_id: str = field(default_factory=new_run_id)
    pool: PoolSize | None = None  # the NLP processes, chosen once per run (`nlp_processes`)

    def nlp_processes(self, articles: int) -> int:
        """How many processes extract this run's articles (`[nlp] n_process`; "auto" sized for `articles`),
        chosen on the first call: an import chooses before reading its files, to start its pool early."""
        if self.pool is None:
            self.pool = choose(self.settings.n_process, articles)
        return self.pool.n_process
