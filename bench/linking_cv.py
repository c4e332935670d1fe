#!/usr/bin/env python3
"""One linker constant chosen by leave-one-dispute-out on the real-article corpus's tune split; never the holdout.

usage: python bench/linking_cv.py MODULE.NAME VALUE [VALUE ...] [--extraction-cache FILE]

MODULE.NAME is a constant of storage/linking (`score.THRESHOLD`, `undated.MARGIN`, ...); the first VALUE is the
baseline (the shipped value). The tune split is imported as `tradewire import` reads it (file order), with the
dates as given and with `published` removed from half the articles (seeded, as bench/linking.py corpus does), and
our own linking corpus once; each value is set in the module and every database relinked. Printed per value: B-cubed
F1 of tune (dates as given / half undated), hard-negative merges, EN<->ES sharing and our own corpus's F1. Then per
dispute (a fold: threads of one dispute together, as the corpus was split): its F1 at the baseline (mean of dates
as given and half undated), the value the other disputes choose (best mean over them, ties to the baseline) and the
held-out dispute's F1 at that value; a change is worth keeping when the mean held-out F1 rises and our own corpus
stays at 1.000.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import random
import statistics
import sys
import tempfile
from pathlib import Path

from linking import REAL, Extractor, as_imported, corpus_split, en_es_shared, import_articles, import_records
from linking_pairs import SEED, dispute, own_corpus

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from storage.db import session  # noqa: E402
from storage.linking.eval import bcubed, hard_negative_merges, predicted_links  # noqa: E402
from storage.linking.linker import relink  # noqa: E402


def f1(events: dict[str, str], records: list[dict], fold: str | None = None) -> float:
    chosen = [r for r in records if fold is None or dispute(r) == fold]
    return bcubed({r["url"]: events[r["url"]] for r in chosen}, {r["url"]: r["event"] for r in chosen}).f1


def _holders(module, constant: str) -> list:
    """`module` and every storage.linking module that imported `constant` from it (`from .score import X`)."""
    import storage.linking as package

    for info in pkgutil.iter_modules(package.__path__, "storage.linking."):
        importlib.import_module(info.name)
    value = getattr(module, constant)
    return [module] + [m for name, m in sorted(sys.modules.items()) if name.startswith("storage.linking.")
                       and m is not module and constant in vars(m) and vars(m)[constant] is value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("name", help="MODULE.NAME of storage/linking, e.g. undated.MARGIN")
    parser.add_argument("values", nargs="+", type=float, help="the values tried, the shipped one first")
    parser.add_argument("--extraction-cache", type=Path)
    args = parser.parse_args()
    module_name, constant = args.name.rsplit(".", 1)
    module = importlib.import_module(f"storage.linking.{module_name}")
    if not hasattr(module, constant):
        parser.error(f"storage.linking.{module_name} has no {constant}")
    holders = _holders(module, constant)
    kind = type(getattr(module, constant))
    if kind is int and any(v != int(v) for v in args.values):
        parser.error(f"{args.name} is an integer: give integer values")
    print(f"{constant} is set in {', '.join(m.__name__ for m in holders)}")
    records, own = corpus_split("tune"), own_corpus()
    gold = {r["url"]: r["event"] for r in records}
    folds = sorted({dispute(r) for r in records})
    hard = [json.loads(line) for line in (REAL / "hard_negatives.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    pairs = [(h["a"], h["b"]) for h in hard if {h["a"], h["b"]} <= set(gold.values())]
    half = set(random.Random(SEED).sample(sorted(r["id"] for r in records), len(records) // 2))
    extractor = Extractor(True, args.extraction_cache)
    per_fold: dict[float, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        dbs = {}
        for name, undated in (("given", set()), ("half", half)):
            dbs[name] = Path(tmp) / f"{name}.duckdb"
            import_articles(dbs[name], as_imported(records, undated, Path(tmp)), extractor)
        dbs["own"] = Path(tmp) / "own.duckdb"
        import_records(dbs["own"], own, extractor)
        for value in args.values:
            for holder in holders:  # every module that imported it by name, or the change is half applied
                setattr(holder, constant, kind(value))
            events = {}
            for name, db in dbs.items():
                with session(db) as con:
                    relink(con)
                with session(db, read_only=True) as con:
                    events[name], _, _ = predicted_links(con)
            given, halved = events["given"], events["half"]
            per_fold[value] = {f: (f1(given, records, f) + f1(halved, records, f)) / 2 for f in folds}
            merges = [len(hard_negative_merges(e, gold, pairs)) for e in (given, halved)]
            shared = ["/".join(map(str, en_es_shared(e, records))) for e in (given, halved)]
            print(f"{constant} = {value}: tune B3 F1 {f1(given, records):.3f} / half undated "
                  f"{f1(halved, records):.3f}; hard-negative merges {merges[0]} / {merges[1]}; EN-ES {shared[0]} / "
                  f"{shared[1]}; our own corpus {f1(events['own'], own):.3f}", flush=True)
    base = args.values[0]
    print(f"{'held-out dispute':22s} {'baseline':>8s} {'chosen':>8s} {'held-out':>8s}")
    held = []
    for fold in folds:
        chosen = max(args.values, key=lambda v: (statistics.mean(per_fold[v][g] for g in folds if g != fold),
                                                 -abs(v - base)))
        held.append(per_fold[chosen][fold])
        print(f"{fold:22s} {per_fold[base][fold]:8.3f} {chosen:8g} {held[-1]:8.3f}")
    print(f"mean over held-out disputes: baseline {statistics.mean(per_fold[base][f] for f in folds):.3f}, "
          f"chosen by the other disputes {statistics.mean(held):.3f}")


if __name__ == "__main__":
    main()
