"""How many NLP worker processes a run uses: `[nlp] n_process` of settings.toml, a number or "auto".

A number is used as it is. "auto" takes the smallest of three limits:

- the cores: the CPUs this process may run on (`os.sched_getaffinity`, which honours `taskset` and cpusets), as
  the workers are what keeps them busy;
- the memory: the memory available now over `WORKER_MB`, one worker's peak resident memory;
- the work: one worker per `ARTICLES_PER_WORKER` articles. A worker costs its start-up (a Python process that
  imports spaCy and loads the model: about a second of CPU) before its first article; for a handful of articles
  the calling process extracts them sooner, and `extract` or the demo answer without starting anything.

One worker means no pool: the articles are extracted in the calling process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import psutil

# One NLP worker's peak resident memory (MB), measured with `bench/pipeline.py --scale 10000` (VmHWM of each
# worker over 10,000 articles, the English model, the rule components and their caches).
WORKER_MB = 600
# Fewer articles than this per worker and a pool is not worth starting (see the module's docstring).
ARTICLES_PER_WORKER = 16


@dataclass(frozen=True)
class PoolSize:
    n_process: int
    reason: str


def choose(setting: int | str, articles: int | None = None) -> PoolSize:
    """The number of NLP processes for `articles` articles (None: as many as there may be) under `setting`."""
    if setting != "auto":
        return PoolSize(int(setting), "set in [nlp] n_process")
    cores = len(os.sched_getaffinity(0))
    available_mb = psutil.virtual_memory().available // 2**20
    limits = {"cores": cores, "memory": max(1, available_mb // WORKER_MB)}
    if articles is not None:
        limits["work"] = max(1, articles // ARTICLES_PER_WORKER)
    n = min(limits.values())
    why = [f"{cores} usable core{'s' if cores != 1 else ''}",
           f"{available_mb:,} MB available at ~{WORKER_MB} MB a worker"]
    if articles is not None:
        why.append(f"{articles} article{'s' if articles != 1 else ''} at {ARTICLES_PER_WORKER} or more a worker")
    bound = [name for name, limit in limits.items() if limit == n]
    return PoolSize(n, f"auto: {'; '.join(why)} (limited by the {' and the '.join(bound)})")


def articles_that_matter() -> int:
    """The article count from which the work no longer limits "auto" on this machine (counting further is
    wasted)."""
    return ARTICLES_PER_WORKER * len(os.sched_getaffinity(0))
