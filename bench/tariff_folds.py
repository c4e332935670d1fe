"""Tariff records on the corpus's tune split, dispute by dispute: how a rule change travels between stories.

usage: bench/tariff_folds.py [--corpus tests/corpus/articles.jsonl] [--language en|es]

Only the tune split is read (the holdout is for reporting, never for choosing). Its threads are grouped into
disputes as the split grouped them (tests/corpus/README.md: Canada's counter-tariffs and the talks go with the
US duties on Canada); the disputes fall into two fixed halves, each with US, Canadian, Chinese, Mexican or EU
imposers. A rule change is made looking at the errors of one half only and kept only if the other half, never
looked at, does not lose; then the halves swap. Since the rules are not fitted, each dispute's own row is its
leave-one-dispute-out figure: a change that helps the story it was written on and no other shows as one row.

Printed per language: for each dispute and half, tariff facts (gold), F1 of rate + imposer + target, status
accuracy over those matches (tradewire evaluate's matching: extractors/evaluate_facts.py), and products: the
share of the gold facts that name goods that a prediction matches with products filled, and how many predicted
products look malformed (a date, a digit, a pronoun, a verb of being, or a dangling preposition at the end).
With --confusion, also the status confusion over the strictly matched facts (gold status by row, predicted by
column) for each half and in all: which statuses the rules mistake for which, without reading an article.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Threads of one dispute (tests/corpus/README.md, "The split: by dispute, once").
DISPUTE_OF = {"us-ca-ieepa": "us-ca", "ca-countermeasures": "us-ca", "us-ca-talks": "us-ca"}
HALF_A = frozenset({"us-mx-ieepa", "cn-ca-canola-ev", "us-metals-232", "us-copper-232"})
MALFORMED = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"octubre|noviembre|diciembre|lunes|martes|miércoles|jueves|viernes|sábado|domingo|it|they|this|that|which|"
    r"who|lo|esto|eso|se|is|are|was|were|will|would|es|son|fue|será|ha|han)\b|\d|"
    r"\b(and|or|of|to|in|on|from|for|the|y|e|o|de|del|a|al|en|para|con|el|la|los|las)$", re.I)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus" / "articles.jsonl")
    parser.add_argument("--language", choices=("en", "es"), default=None)
    parser.add_argument("--confusion", action="store_true", help="print the status confusion of each half")
    args = parser.parse_args()
    from extractors.evaluate import predict
    from extractors.evaluate_facts import FactReport, score_article
    from extractors.pipeline import ExtractionPipeline

    documents = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    documents = [d for d in documents if d.get("split") == "tune" and
                 (args.language is None or d["language"] == args.language)]
    pipeline = ExtractionPipeline()
    try:
        predictions = predict(documents, pipeline)
    finally:
        pipeline.close()
    reports: dict[tuple[str, str], FactReport] = defaultdict(FactReport)
    goods: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    confusion: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for document, predicted in zip(documents, predictions, strict=True):
        dispute = DISPUTE_OF.get(document["thread"], document["thread"])
        half = "half A" if dispute in HALF_A else "half B"
        for group in (dispute, half, "all"):
            key = (document["language"], group)
            score_article(reports[key], predicted, document)
            matched = _matches(predicted["tariffs"], document["tariffs"])
            for index, value in enumerate(_products(predicted["tariffs"], document["tariffs"], matched)):
                goods[key][index] += value
            confusion[key].update(((document["tariffs"][index].get("status") or "previous"),
                                   item.get("status") or "previous") for index, item in matched.items() if item)
    for language in sorted({language for language, _ in reports}):
        print(f"{language}: dispute, facts, tariffs F1, status accuracy, products filled / gold naming goods, "
              f"malformed / predicted products")
        order = lambda item: ({"half A": 1, "half B": 2, "all": 3}.get(item[0][1], 0), item[0][1])  # noqa: E731
        for (lang, group), report in sorted(reports.items(), key=order):
            if lang != language:
                continue
            row = next(r for r in report.as_rows(language) if r["extractor"] == "tariffs")
            named, filled, predicted_goods, malformed = goods[(lang, group)]
            status = f"{row['accuracy']:.3f}" if row["accuracy"] is not None else "-"
            print(f"  {group:20s} {row['gold']:4d}  F1 {row['f1']:.3f}  status {status}  "
                  f"products {filled}/{named}  malformed {malformed}/{predicted_goods}")
        if args.confusion:
            for group in ("half A", "half B", "all"):
                _print_confusion(f"{language} {group}", confusion[(language, group)])
    return 0


def _print_confusion(title: str, counts: Counter) -> None:
    statuses = sorted({status for pair in counts for status in pair})
    print(f"  status confusion, {title} (rows gold, columns predicted):")
    print("    " + " " * 10 + "".join(f"{s[:10]:>11s}" for s in statuses))
    for gold in statuses:
        print(f"    {gold[:10]:10s}" + "".join(f"{counts[(gold, p)]:11d}" for p in statuses))


def _matches(predicted: list[dict], gold: list[dict]) -> dict[int, dict | None]:
    """Gold fact index -> the prediction matching it strictly (None: rate and imposer only), matched as
    evaluate_facts matches them."""
    from extractors.evaluate_facts import country_key, target_keys

    distinct: dict[tuple, dict] = {}
    for item in predicted:
        key = (item.get("rate_pct"), country_key(item.get("imposer")), tuple(sorted(target_keys(item.get("targets")))))
        distinct.setdefault(key, item)
    matched: dict[int, dict | None] = {}
    for item in distinct.values():
        for index, fact in enumerate(gold):
            if index in matched or round(float(fact["rate_pct"]), 2) != round(float(item["rate_pct"]), 2) or \
                    country_key(item.get("imposer")) != country_key(fact["imposer"]):
                continue
            expected, found = target_keys(fact.get("target")), target_keys(item.get("targets"))
            matched[index] = item if expected & found or (expected == {"all countries"} and not found) else None
            break
    return matched


def _products(predicted: list[dict], gold: list[dict], matched: dict[int, dict | None]
              ) -> tuple[int, int, int, int]:
    """(gold facts naming goods, of those matched by a prediction with products, predicted products,
    malformed ones)."""
    named = [index for index, fact in enumerate(gold) if fact.get("products")]
    filled = sum(1 for index in named if matched.get(index) and matched[index].get("products"))
    products = [item["products"] for item in predicted if item.get("products")]
    return len(named), filled, len(products), sum(1 for p in products if MALFORMED.search(p.strip()))


if __name__ == "__main__":
    raise SystemExit(main())
