#!/usr/bin/env python3
"""Benchmark the tariff tracker on the real-article corpus: which measure each mention joins, and its step.

usage: python bench/tracker.py [--split holdout|tune|both|NAME] [--corpus FILE] [--keep DIR] [--reuse] [--details]
       [--folds]

Each split's articles are written as a .jsonl of records (url, title, published — null where the corpus has
none —, outlet, language, text) and imported with `tradewire import` into a fresh database: extraction,
linking and the tracker run exactly as for a user. Predicted mentions are matched to the gold tariff facts as
`score_articles.py` matches tariffs: per article, mentions repeating one (rate, imposer, targets) count once,
each takes the first unused gold fact with its rate and imposer, and counts when they share a target (a gold
"all countries" accepts a mention without targets). Over the facts matched that way:

- **assignment**: pairwise precision / recall / F1 of "these two facts belong to one measure", over every pair
  of matched facts of the split (a fact or a mention reporting two countries' measures belongs to both), as
  bench/corpus_agreement.py scores the two annotators — whose agreement, 0.897, is the ceiling beside it;
- **step accuracy**: the share of matched facts whose mention's step has the fact's rate and status and an
  effective date within a day of the gold's. The gold date is the fact's own when its article states one; when
  it does not, the step may have none or the date the gold measure gives its step of that rate and status. A
  gold replaced rate (status null) is right when the mention is a replaced rate ("previous"). Its three parts
  (the step's rate, its status, its date) are also scored each on its own, to show which one fails.

It also prints how the mentions' own effective dates (tariffs/effective.py) compare with the dates the gold facts
state, within a day.

Baseline, measured in the same run on the same matches: one measure per (imposer, set of targets) — the
grouping a user gets from SQL over the `tariffs` table — whose steps are each mention's own rate, status and
effective date. Figures only; nothing here asserts. The holdout split is printed first.

With --folds, the tune split is also scored dispute by dispute, its threads grouped into disputes and halves as
bench/tariff_folds.py groups them: a dispute's row counts the pairs of facts of its own articles. The tracker's
rules are not fitted, so each row is the dispute's leave-one-dispute-out figure: a rule that serves one story
shows in one row. Decide on one half, confirm on the other.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tariff_folds import DISPUTE_OF, HALF_A  # noqa: E402  (bench/ is the script's folder)

from extractors.evaluate_facts import _ALL, country_key, target_keys  # noqa: E402
from storage.articles import body_hash  # noqa: E402
from storage.db import session  # noqa: E402
from storage.tracker.read import mention_steps  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
TRADEWIRE = str(Path(sys.executable).with_name("tradewire"))
CEILING = 0.897  # measures, pairwise F1, second annotation against the first (tests/corpus/README.md)


@dataclass
class Predicted:
    rate: float
    imposer: str | None
    targets: list[str]
    status: str
    measures: frozenset[str]
    step: tuple[float, str, date | None] | None  # the mention's step: rate, status, effective
    own: tuple[float, str, date | None]           # the mention's own rate, status, effective (the baseline)


def corpus_split(split: str, path: Path = CORPUS / "articles.jsonl") -> list[dict]:
    return [d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if d["split"] == split]


def import_split(docs: list[dict], db: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps({k: d[k] for k in ("url", "title", "published", "outlet", "language",
                                                              "text")}, ensure_ascii=False) + "\n"
                                for d in docs), encoding="utf-8")
        subprocess.run([TRADEWIRE, "import", str(path), "--db", str(db)], check=True, capture_output=True)


def predictions(db: Path, docs: list[dict]) -> dict[str, list[Predicted]]:
    """The stored mentions of each corpus article (by id), in text order, with their measures and steps."""
    by_hash = {body_hash(d["text"]): d["id"] for d in docs}
    with session(db, read_only=True) as con:
        rows = mention_steps(con)
    found: dict[str, list[Predicted]] = defaultdict(list)
    for h, _, rate, imposer, targets, status, effective, measures, steps in rows:
        measures = [m for m in measures if m is not None]
        step = next(((s["rate"], s["status"], s["effective"]) for s in steps if s and s["rate"] is not None), None)
        found[by_hash[h]].append(Predicted(rate, imposer, list(targets or []), status, frozenset(measures), step,
                                           (rate, status, effective)))
    return found


def matched(doc: dict, predicted: list[Predicted]) -> list[tuple[dict, Predicted]]:
    """(gold fact, its predicted mention) for each strict match, as score_articles.py matches tariffs."""
    distinct: dict[tuple, Predicted] = {}
    for p in predicted:
        distinct.setdefault((p.rate, country_key(p.imposer), tuple(sorted(target_keys(p.targets)))), p)
    used: set[int] = set()
    pairs = []
    for p in distinct.values():
        for index, fact in enumerate(doc["tariffs"]):
            if index in used or round(float(fact["rate_pct"]), 2) != round(p.rate, 2) or \
                    country_key(p.imposer) != country_key(fact["imposer"]):
                continue
            used.add(index)
            expected, found = target_keys(fact.get("target")), target_keys(p.targets)
            if expected & found or (expected == {_ALL} and not found):
                pairs.append((fact, p))
            break
    return pairs


def pairwise(facts: list[tuple[set[str], frozenset[str]]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for (gold_a, pred_a), (gold_b, pred_b) in itertools.combinations(facts, 2):
        same_gold, same_pred = bool(gold_a & gold_b), bool(pred_a & pred_b)
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _measures(fact: dict) -> set[str]:
    return set(fact["measure"]) if isinstance(fact["measure"], list) else {fact["measure"]}


def step_parts(fact: dict, step: tuple[float, str, date | None] | None, own_status: str,
               gold_steps: dict[str, list[dict]]) -> tuple[bool, bool, bool]:
    """Whether the mention's step has the fact's rate, its status, and its effective date (within a day), each
    read on its own: a step is right when all three are."""
    if fact.get("status") is None:
        return (True, True, True) if own_status == "previous" else (True, False, True)
    if step is None:
        return False, False, False
    rate, status, effective = step
    if fact.get("effective"):
        allowed = {date.fromisoformat(fact["effective"])}
    else:
        allowed = {None} | {date.fromisoformat(s["effective"]) for m in _measures(fact) for s in gold_steps.get(m, [])
                            if s["effective"] and s["rate_pct"] == fact["rate_pct"] and s["status"] == fact["status"]}
    dated = any(a == effective if a is None or effective is None else abs((a - effective).days) <= 1
                for a in allowed)
    return round(rate, 2) == round(float(fact["rate_pct"]), 2), status == fact["status"], dated


def score(docs: list[dict], found: dict[str, list[Predicted]], gold_steps: dict[str, list[dict]],
          details: bool = False) -> dict:
    ours, baseline, right, base_right, n = [], [], 0, 0, 0
    # per matched fact: its dispute, our step right, the baseline's, and the parts of each (rate, status, date)
    rows: list[tuple[str, bool, bool, tuple[bool, bool, bool], tuple[bool, bool, bool]]] = []
    dates = [0, 0, 0]  # gold facts stating a date, mentions reading one, right within a day
    for doc in docs:
        for fact, p in matched(doc, found.get(doc["id"], [])):
            n += 1
            stated, read = fact.get("effective"), p.own[2]
            dates[0] += stated is not None
            dates[1] += read is not None
            dates[2] += bool(stated and read and abs((date.fromisoformat(stated) - read).days) <= 1)
            ours.append((_measures(fact), p.measures))
            baseline.append((_measures(fact), frozenset({f"{p.imposer}|{'|'.join(sorted(p.targets))}"})))
            parts = step_parts(fact, p.step, p.status, gold_steps)
            ok = all(parts)
            base_parts = step_parts(fact, p.own if p.status != "previous" else None, p.status, gold_steps)
            base_ok = all(base_parts)
            right += ok
            base_right += base_ok
            rows.append((DISPUTE_OF.get(doc["thread"], doc["thread"]), ok, base_ok, parts, base_parts))
            if details and not ok:
                print(f"  step {doc['id']} {fact['measure']}: gold {fact['rate_pct']} {fact.get('status')} "
                      f"{fact.get('effective')} / predicted {p.step} (mention {p.status}) in {sorted(p.measures)}")
    gold_facts = sum(len(d["tariffs"]) for d in docs)
    return {"facts": gold_facts, "matched": n, "ours": pairwise(ours), "baseline": pairwise(baseline),
            "steps": right / n if n else 0.0, "baseline_steps": base_right / n if n else 0.0, "pairs": ours,
            "baseline_pairs": baseline, "rows": rows, "dates": dates}


def folds(result: dict) -> None:
    """Per dispute, per half and overall: facts, pairs, pairwise F1 (ours, baseline) and step accuracy."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, (dispute, *_) in enumerate(result["rows"]):
        for group in (dispute, "half A" if dispute in HALF_A else "half B", "all"):
            groups[group].append(index)
    print("  dispute                 facts  gold pairs   P      R      F1   baseline F1   steps  baseline   "
          "rate  status  date (baseline: status  date)")
    order = {"half A": 1, "half B": 2, "all": 3}
    for group in sorted(groups, key=lambda g: (order.get(g, 0), g not in HALF_A, g)):
        members = groups[group]
        ours = [result["pairs"][i] for i in members]
        p, r, f = pairwise(ours)
        bf = pairwise([result["baseline_pairs"][i] for i in members])[2]
        gold_pairs = sum(bool(a[0] & b[0]) for a, b in itertools.combinations(ours, 2))
        steps = sum(result["rows"][i][1] for i in members) / len(members)
        base = sum(result["rows"][i][2] for i in members) / len(members)
        parts = [sum(result["rows"][i][3][k] for i in members) / len(members) for k in range(3)] + \
            [sum(result["rows"][i][4][k] for i in members) / len(members) for k in (1, 2)]
        print(f"  {group:22s} {len(members):5d}  {gold_pairs:10d}  {p:.3f}  {r:.3f}  {f:.3f}  {bf:11.3f}   "
              f"{steps:.3f}  {base:.3f}    " + "  ".join(f"{x:.3f}" for x in parts))


def wrong_pairs(pairs: list[tuple[set[str], frozenset[str]]], limit: int = 25) -> None:
    """The measure pairs behind most wrong pair decisions (for tuning on the tune split)."""
    merged, split = defaultdict(int), defaultdict(int)
    for (gold_a, pred_a), (gold_b, pred_b) in itertools.combinations(pairs, 2):
        same_gold, same_pred = bool(gold_a & gold_b), bool(pred_a & pred_b)
        if same_pred and not same_gold:
            merged[(min(gold_a), min(gold_b), min(pred_a & pred_b))] += 1
        if same_gold and not same_pred:
            split[(min(gold_a & gold_b), min(pred_a, default="-"), min(pred_b, default="-"))] += 1
    for title, counts in (("merged (false pairs)", merged), ("split (missed pairs)", split)):
        print(f"  {title}:")
        for key, count in sorted(counts.items(), key=lambda kv: -kv[1])[:limit]:
            print(f"    {count:4d}  {key}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="both", help="holdout, tune, both, or a split of --corpus")
    parser.add_argument("--corpus", type=Path, default=CORPUS / "articles.jsonl",
                        help="articles in tests/corpus's format (a set kept outside the repo: its measures.jsonl, "
                        "when there is one beside it, gives the gold steps' dates)")
    parser.add_argument("--keep", type=Path, help="keep the databases in DIR (with --reuse: read them from there)")
    parser.add_argument("--reuse", action="store_true", help="with --keep: do not import again, only rebuild the "
                        "tracker tables from the stored mentions (to tune the tracker, not the extractors)")
    parser.add_argument("--details", action="store_true", help="print wrong steps and pairs")
    parser.add_argument("--folds", action="store_true", help="tune: print the figures dispute by dispute")
    args = parser.parse_args(argv)
    measures = args.corpus.with_name("measures.jsonl")
    gold_steps = {m["measure"]: m["steps"] for m in map(json.loads, measures.read_text(
        encoding="utf-8").splitlines())} if measures.exists() else {}
    splits = ["holdout", "tune"] if args.split == "both" else [args.split]
    print(f"tariff tracker on {args.corpus} (agreement ceiling of tests/corpus: measures pairwise F1 {CEILING:.3f})")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for split in splits:
            docs = corpus_split(split, args.corpus)
            db = folder / f"tracker-{split}.duckdb"
            if args.reuse and db.exists():
                from storage.tracker.builder import build_measures
                with session(db) as con:
                    build_measures(con)
            else:
                db.unlink(missing_ok=True)
                import_split(docs, db)
            result = score(docs, predictions(db, docs), gold_steps, args.details)
            (p, r, f), (bp, br, bf) = result["ours"], result["baseline"]
            print(f"\n{split}: {len(docs)} articles, {result['matched']} of {result['facts']} gold tariff facts "
                  f"matched by a mention")
            print(f"  assignment, pairwise   P {p:.3f}  R {r:.3f}  F1 {f:.3f}    baseline (imposer, targets): "
                  f"P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}    ceiling F1 {CEILING:.3f}")
            print(f"  step accuracy          {result['steps']:.3f}                       baseline (own rate, "
                  f"status, date): {result['baseline_steps']:.3f}")
            parts = [sum(row[k][i] for row in result["rows"]) / max(1, len(result["rows"])) for k in (3, 4)
                     for i in range(3)]
            print("  step parts             rate {:.3f}  status {:.3f}  date {:.3f}     baseline: rate {:.3f}  "
                  "status {:.3f}  date {:.3f}".format(*parts))
            stated, read, dated = result["dates"]
            print(f"  effective dates        the mention's own reading: {dated} right of {read} read, "
                  f"{stated} stated in the gold (P {dated / read if read else 0:.3f}  R "
                  f"{dated / stated if stated else 0:.3f})")
            if args.details:
                wrong_pairs(result["pairs"])
            if args.folds and split == "tune":
                folds(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
