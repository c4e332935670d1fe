"""The NLP stage: extraction in this process, or in a pool of worker processes started once and kept.

`extractors.nlp` builds the pipelines and extracts in one process; `extractors.worker` is what each pooled
process runs. With `n_process` > 1 this module sends chunks of articles to the pool and puts the results back
in input order.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from extractors.records import Article, Extraction
from extractors.worker import extract_in_worker, start_worker, worker_ready

if TYPE_CHECKING:
    from spacy.language import Language

    from extractors.nlp import LocalExtractor


class ExtractionPipeline:
    """Extracts articles here (`n_process` <= 1) or in a pool of worker processes.

    With `n_process` > 1, documents are extracted by a pool of that many worker processes started once (on
    first use) and kept for the pipeline's lifetime, each holding its own loaded pipelines. spaCy's own
    `nlp.pipe(n_process=...)` would start fresh processes on every call, that is on every batch of a run.
    Workers are spawned, not forked: the calling process may already run threads (Prefect's, httpx's).
    """

    def __init__(self, *, n_process: int = 1, batch_size: int = 16) -> None:
        self.n_process = n_process
        self.batch_size = batch_size
        self._local_extractor: LocalExtractor | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    @property
    def _local(self) -> LocalExtractor:
        """This process's extractor, made on first use: a process whose workers do all the extracting never
        imports spaCy (~1 s of CPU an import, taken from the workers on a machine with as many cores)."""
        if self._local_extractor is None:
            from extractors.nlp import LocalExtractor

            self._local_extractor = LocalExtractor(self.batch_size)
        return self._local_extractor

    def nlp(self, language: str | None) -> Language:
        """This process's pipeline for `language` (loaded on first use)."""
        return self._local.nlp(language)

    def start_workers(self) -> None:
        """Start the worker pool now, without waiting: the workers load their pipelines while the caller goes
        on (with `n_process` <= 1 there is no pool and nothing to start)."""
        if self.n_process > 1:
            self._submit([(worker_ready, ())] * self.n_process)

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """One Extraction per article, in input order."""
        if self.n_process <= 1 or len(articles) < 2:
            return self._local.extract(articles)
        # Chunks of about `batch_size` articles, interleaved (every k-th article) so that long and short ones
        # mix; a worker takes the next chunk as soon as it is free, so at the end of a run one waits for the
        # other at most a small chunk's time (half a batch each kept one idle for seconds).
        k = max(self.n_process, -(-len(articles) // self.batch_size))
        chunks = [list(range(i, len(articles), k)) for i in range(k)]
        futures = self._submit([(extract_in_worker, ([articles[i] for i in chunk],)) for chunk in chunks])
        results: list[Extraction] = [Extraction()] * len(articles)
        for chunk, future in zip(chunks, futures):
            for index, extraction in zip(chunk, future.result()):
                results[index] = extraction
        return results

    def _submit(self, calls: list[tuple]) -> list[Future]:
        """Submit (function, args) calls to the worker pool, started on first use.

        Submits start the workers. They never see Ctrl-C: they inherit the blocked SIGINT of the thread that
        starts them, and the calling process alone handles it and shuts the pool down. (A worker interrupted while
        it holds the pool's queue lock would leave the pool's shutdown waiting forever.) Two threads may extract
        at once (the flow keeps a batch ahead): one pool, made under the lock.
        """
        with self._pool_lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.n_process, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=start_worker, initargs=(self.batch_size,))
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                return [self._pool.submit(function, *args) for function, args in calls]
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
