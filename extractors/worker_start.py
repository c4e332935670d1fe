"""The first thing an NLP worker process runs: lower its own priority, then load the pipeline.

A worker runs below the process that feeds it (`os.nice`): on a machine with as many cores as workers, that
process — starting Prefect's API, reading and screening the input, storing and linking results — is what the
workers end up waiting for, so it should never wait for them; whenever it is idle the workers have the cores
anyway. (On PolNeAR's 840 texts Prefect's API was up ~0.5 s sooner and the NLP began ~0.5 s sooner.) This
module imports nothing heavy, so the priority drops before spaCy is imported and the model loads.
"""

from __future__ import annotations

import os

WORKER_NICENESS = 10


def start_worker(batch_size: int) -> None:
    os.nice(WORKER_NICENESS)
    from extractors.pipeline import load_worker_pipeline

    load_worker_pipeline(batch_size)
