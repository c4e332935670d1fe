"""How many NLP worker processes a run uses: `[nlp] n_process` of settings.toml, a number or "auto".

A number is used as it is. "auto" takes the smallest of three limits:

- the cores: the CPUs this process may run on (`os.sched_getaffinity`, which honours `taskset` and cpusets), as
  the workers are what keeps them busy;
- the memory: the memory available now over `WORKER_MB`, one worker's peak resident memory;
- the work: one worker per `ARTICLES_PER_WORKER` articles. A worker costs its start-up (a Python process that
  imports spaCy and loads the model: about a second of CPU, and its memory) before its first article; a handful
  of articles is not worth that, and `extract` of a few files or the demo start nothing.

One worker means no pool: the articles are extracted in the calling process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import psutil

# One NLP worker's peak resident memory (MB), rounded up from the largest measured with bench/pipeline.py (the
# English model, the rule components, their caches and a batch in flight): on PolNeAR's 840 texts, whose longest
# (5,500 words) make the batches that hold them peak, 423 MB with the shipped batch_size 8 and 570 MB with 16;
# 315 MB over 10,000 synthetic articles of ~600 words at 16. 600 covers a batch_size of 16 set by hand.
WORKER_MB = 600
# Fewer articles than this per worker and a pool is not worth starting: a worker's start-up costs ~1.2 s of CPU,
# the NLP of a PolNeAR text ~0.13 s, so 16 articles are about twice what the worker costs to start.
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


def smaller_runs(n_process: int) -> str:
    """What "auto" gives runs too small for `n_process` workers, said after its reason (`tradewire info`)."""
    if n_process < 2:
        return ""
    fewer = (f"; a run of fewer than {n_process * ARTICLES_PER_WORKER} articles gets one worker per "
             f"{ARTICLES_PER_WORKER}" if n_process > 2 else "")
    return f"{fewer}; under {2 * ARTICLES_PER_WORKER} articles no worker starts: the command extracts them itself"
