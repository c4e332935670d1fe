"""Inter-annotator agreement on the real-article corpus: the ceiling any extractor figure is read against.

usage: corpus_agreement.py [--corpus tests/corpus] [--tools ../shared/tools]

A fifth of tests/corpus was annotated a second time, independently (second_annotation.jsonl). This script scores
one annotation against the other with `score_articles.py` itself (each side in turn as the gold), so the figures
are on the same scale as the extractors'. It also prints the agreement on events (B³ over the doubly annotated
articles) and on tariff measures (pairwise precision / recall / F1 of "these two facts belong to one measure",
over the facts both annotators recorded, matched by rate, imposer and a shared target).
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def as_prediction(doc: dict) -> dict:
    """An annotation in the shape `tradewire extract` prints, so score_articles.py can read it as predictions."""
    return {"source": doc["id"] + ".txt",
            "leaders": [{"name": x["name"], "country": x.get("country")} for x in doc["leaders"]],
            "tariffs": [{"rate_pct": x["rate_pct"], "imposer": x["imposer"], "status": x["status"],
                         "targets": x["target"] if isinstance(x["target"], list) else [x["target"]] if x["target"]
                         else []} for x in doc["tariffs"]],
            "quotes": [{"text": x["quote"], "speaker": x["speaker"], "kind": x.get("kind") or "direct"}
                       for x in doc["quotes"]],
            "percentages": [{"value": x["value"]} for x in doc["percentages"]]}


def score(tools: Path, gold: list[dict], other: list[dict]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, pred_path = Path(tmp, "gold.jsonl"), Path(tmp, "pred.jsonl")
        gold_path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in gold), encoding="utf-8")
        pred_path.write_text("".join(json.dumps(as_prediction(d), ensure_ascii=False) + "\n" for d in other),
                             encoding="utf-8")
        result = subprocess.run([sys.executable, str(tools / "score_articles.py"), str(gold_path), str(pred_path)],
                                capture_output=True, text=True, check=True)
    return result.stdout


def bcubed(first: dict[str, str], second: dict[str, str]) -> tuple[float, float, float]:
    """B³ precision / recall / F1 of the clustering `second` against `first` (item -> cluster)."""
    items = sorted(first)
    def cluster(labels: dict[str, str], item: str) -> set[str]:
        return {other for other in items if labels[other] == labels[item]}
    p = sum(len(cluster(first, i) & cluster(second, i)) / len(cluster(second, i)) for i in items) / len(items)
    r = sum(len(cluster(first, i) & cluster(second, i)) / len(cluster(first, i)) for i in items) / len(items)
    return p, r, 2 * p * r / (p + r)


def matched_facts(tools_module, first: dict, second: dict) -> list[tuple[set[str], set[str]]]:
    """(measures of the first annotation, measures of the second) for each fact both recorded in one article."""
    pairs, used = [], set()
    for a in first["tariffs"]:
        for j, b in enumerate(second["tariffs"]):
            if j in used or round(float(a["rate_pct"]), 2) != round(float(b["rate_pct"]), 2):
                continue
            if tools_module.country(a["imposer"]) != tools_module.country(b["imposer"]):
                continue
            if not tools_module.targets_of(a["target"]) & tools_module.targets_of(b["target"]) and a["target"]:
                continue
            used.add(j)
            as_set = lambda m: set(m) if isinstance(m, list) else {m}  # noqa: E731
            pairs.append((as_set(a["measure"]), as_set(b["measure"])))
            break
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    args = parser.parse_args()
    second = [json.loads(line) for line in open(args.corpus / "second_annotation.jsonl", encoding="utf-8")]
    ids = {d["id"] for d in second}
    first = {d["id"]: d for d in map(json.loads, open(args.corpus / "articles.jsonl", encoding="utf-8"))
             if d["id"] in ids}
    second_as_gold = [dict(d, language=first[d["id"]]["language"], text=first[d["id"]]["text"]) for d in second]
    ordered_first = [first[d["id"]] for d in second]
    print(f"{len(second)} articles annotated twice "
          f"({sum(d['language'] == 'en' for d in ordered_first)} en, {sum(d['language'] == 'es' for d in ordered_first)} es)\n")
    print("second annotation scored against the first (the first as gold):")
    print(score(args.tools, ordered_first, second))
    print("first annotation scored against the second (the second as gold):")
    print(score(args.tools, second_as_gold, ordered_first))

    p, r, f = bcubed({i: d["event"] for i, d in first.items()}, {d["id"]: d["event"] for d in second})
    print(f"events, B3 of the second against the first: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")

    sys.path.insert(0, str(args.tools))
    import score_articles  # the scorer's own country and target normalisation

    facts = [pair for d in second for pair in matched_facts(score_articles, first[d["id"]], d)]
    tp = fp = fn = 0
    for (m1, s1), (m2, s2) in itertools.combinations(facts, 2):
        same_first, same_second = bool(m1 & m2), bool(s1 & s2)
        tp += same_first and same_second
        fp += same_second and not same_first
        fn += same_first and not same_second
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"measures, pairwise over {len(facts)} facts both annotators recorded: P {p:.3f}  R {r:.3f}  "
          f"F1 {2 * p * r / (p + r) if p + r else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
