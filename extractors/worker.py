"""What an NLP worker process runs: lower its own priority, load the pipeline, then extract the chunks it is sent.

A worker runs below the process that feeds it (`os.nice`): on a machine with as many cores as workers, that
process — starting Prefect's API, reading and screening the input, storing and linking results — is what the
workers end up waiting for, so it should never wait for them; whenever it is idle the workers have the cores
anyway. (On PolNeAR's 840 texts Prefect's API was up ~0.5 s sooner and the NLP began ~0.5 s sooner.) This
module imports nothing heavy at its top, so the priority drops before spaCy is imported and the model loads
(`extractors.nlp` is imported inside `start_worker`, after `os.nice`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.nlp import LocalExtractor
    from extractors.records import Article, Extraction

WORKER_NICENESS = 10

_extractor: "LocalExtractor | None" = None


def start_worker(batch_size: int) -> None:
    """The pool's initializer: runs once in each new worker process."""
    global _extractor
    os.nice(WORKER_NICENESS)
    from extractors.nlp import LocalExtractor

    _extractor = LocalExtractor(batch_size=batch_size)
    _extractor.nlp("en")  # load the English pipeline up front; Spanish loads on first use (it is quick)


def worker_ready() -> None:
    """A no-op: submitting it starts a worker (which loads its pipeline in the pool's initializer)."""


def extract_in_worker(articles: list["Article"]) -> list["Extraction"]:
    assert _extractor is not None
    return _extractor.extract(articles)
