"""Rules or a learned ranker for a tariff rate's imposer and targets? Cross-validation on the corpus's tune split.

usage: bench/tariff_ranker.py [--corpus tests/corpus/articles.jsonl] [--language en]

Only the tune split is read (the holdout is for reporting, never for choosing). For every rate the pipeline
reads, the candidate countries are those its sentence names, those the rules propose (in each role: a country
qualifying the tariff noun, the subject of a relative clause, an agent or border after the rate, the importer,
the subject of the governing verb, the countries on the receiving end, the objects of "on ..."), the imposer
of the rates before it, the default imposer and the country the story is about. Each (rate, country) pair gets
the same features the rules read: which roles propose it, the preposition before its nearest mention, the kind
of mention (name, demonym, capital, leader), the distance to the rate, whether it is in the rate's clause, and
the class of the governing verb. A rate is labelled where the gold facts of its article with its value agree
on one imposer (and on the targets).

Two choosers over the same candidates: the rules (the pipeline's own output) and a logistic regression over
the features (pinned: plain numpy, zero start, fixed steps; deterministic), the imposer the best-scored
candidate, the targets every candidate scored above one half. Folds are the tune split's dispute threads
(leave one thread out), so a thread is never scored by weights fitted on it. Prints the accuracy of each
chooser per fold and overall: imposer right, and targets right (sharing a country with the gold's, or both
worldwide).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

from logistic import LogisticModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREPS = ("on", "against", "from", "by", "to", "of", "for", "with", "in", "at")


def candidates(context, rate, anchor, previous: list[str], default: str | None) -> dict[str, dict[str, float]]:
    """Features of every candidate country of one rate."""
    from extractors.tariffs.words import ANSWERING, IMPOSING_EN, RECEIVING_EN

    sentence = rate.sent
    roles: dict[str, set[str]] = defaultdict(set)
    if anchor is not None and context.same_clause(anchor, rate):
        who = context._qualifier(anchor)
        if who:
            roles[who].add("qualifier")
        who, receiving = context._relative_subject(anchor)
        if who:
            roles[who].add("relative")
        for country in receiving:
            roles[country].add("receiver")
    who = context._after(rate, anchor)
    if who:
        roles[who].add("after")
    who = context.importer(rate) or context.imports_buyer(rate)  # "exports to X", "X imports from Y"
    if who:
        roles[who].add("importer")
    who, receiving = context._subject_of(anchor if anchor is not None else rate.root)
    if who:
        roles[who].add("subject")
    for country in receiving:
        roles[country].add("receiver")
    for pobj in context.goods_objects(rate, anchor):
        for country in context.countries_under(pobj):
            roles[country].add("object")
    for country in previous[-1:]:
        roles[country].add("previous")
    if default:
        roles[default].add("default")
    focus = context.focus_country(exclude=set())
    if focus:
        roles[focus].add("focus")
    mentions: dict[str, list[int]] = defaultdict(list)
    for i in range(sentence.start, sentence.end):
        if i in context.country_at:
            mentions[context.country_at[i][0]].append(i)
        elif i in context.leader_at and context.leader_at[i][0]:
            mentions[context.leader_at[i][0]].append(i)
    governor = context.governor(anchor if anchor is not None else rate.root)
    lemma = governor.verb.lemma_.lower() if governor is not None else ""
    verb_class = ("none" if governor is None else "answering" if lemma in ANSWERING else
                  "receiving" if lemma in RECEIVING_EN else "imposing" if lemma in IMPOSING_EN else "other")
    out: dict[str, dict[str, float]] = {}
    for country in set(roles) | set(mentions):
        features = {f"role={r}": 1.0 for r in roles[country]}
        features[f"verb={verb_class}"] = 1.0
        for r in roles[country]:
            features[f"role={r}&verb={verb_class}"] = 1.0
        if mentions[country]:
            nearest = min(mentions[country], key=lambda i: abs(i - rate.start))
            before = context.doc[nearest - 1].lower_ if nearest > sentence.start else ""
            features[f"prep={before if before in PREPS else 'other'}"] = 1.0
            kind = context.country_at[nearest][1] if nearest in context.country_at else "leader"
            features[f"kind={kind}"] = 1.0
            features["distance"] = math.log1p(abs(nearest - rate.start)) / 4
            features["before_rate"] = float(nearest < rate.start)
            features["same_clause"] = float(context.clause_of[nearest] == context.clause_of[rate.start])
        else:
            features["absent"] = 1.0
        out[country] = features
    return out


def labelled(corpus: Path, language: str):
    """(thread, rule imposer, rule targets, candidates, gold imposer, gold targets, worldwide) per rate."""
    from extractors.nlp import build_pipeline
    from extractors.evaluate_facts import country_key, target_keys

    nlp = build_pipeline(language)
    finder = nlp.get_pipe("tradewire_tariffs")
    documents = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = []
    for document in documents:
        if document["split"] != "tune" or document["language"] != language:
            continue
        doc = nlp(document["text"])
        context = finder.context(doc)
        previous: list[str] = []
        for span, record in zip(doc.spans["tariffs"], doc._.tariffs):
            facts = [f for f in document["tariffs"] if round(float(f["rate_pct"]), 2) == round(record.rate_pct, 2)]
            here = [f for f in facts if f.get("sentence", "").strip() and f["sentence"].strip() in span.sent.text]
            facts = here or facts
            imposers = {country_key(f["imposer"]) for f in facts}
            if len(imposers) == 1:
                gold_targets = set().union(*(target_keys(f.get("target")) for f in facts))
                found = {country_key(country): features for country, features in
                         candidates(context, span, context.anchor(span), previous, finder.default_imposer).items()}
                rows.append((document["thread"], country_key(record.imposer),
                             {country_key(t) for t in record.targets}, found, imposers.pop(), gold_targets))
            if record.imposer:
                previous.append(record.imposer)
    return rows


def targets_right(predicted: set[str], gold: set[str]) -> bool:
    return bool(predicted & gold) or (gold == {"all countries"} and not predicted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus" / "articles.jsonl")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    rows = labelled(args.corpus, args.language)
    names = sorted({name for row in rows for features in row[3].values() for name in features})
    threads = sorted({row[0] for row in rows})
    totals = defaultdict(int)
    print(f"{len(rows)} labelled rates in {len(threads)} threads of the tune split ({args.language}); "
          f"{len(names)} features")
    print(f"{'held-out thread':28s} {'rates':>5s}  imposer rules / ranker   targets rules / ranker")
    for thread in threads:
        train = [r for r in rows if r[0] != thread]
        test = [r for r in rows if r[0] == thread]
        imposer_examples = [(f, int(c == r[4])) for r in train for c, f in r[3].items()]
        target_examples = [(f, int(c in r[5])) for r in train for c, f in r[3].items()]
        imposer_model = LogisticModel.fit(imposer_examples, names)
        target_model = LogisticModel.fit(target_examples, names)
        counts = defaultdict(int)
        for _, rule_imposer, rule_targets, found, gold_imposer, gold_targets in test:
            ranked = max(sorted(found), key=lambda c: imposer_model.probability(found[c])) if found else ""
            chosen = {c for c in found if c != ranked and target_model.probability(found[c]) > 0.5}
            counts["rules_imposer"] += rule_imposer == gold_imposer
            counts["ranker_imposer"] += ranked == gold_imposer
            counts["rules_targets"] += targets_right(rule_targets, gold_targets)
            counts["ranker_targets"] += targets_right(chosen, gold_targets)
        for key, value in counts.items():
            totals[key] += value
        totals["rates"] += len(test)
        print(f"{thread:28s} {len(test):5d}  {counts['rules_imposer'] / len(test):13.3f} / "
              f"{counts['ranker_imposer'] / len(test):.3f}  {counts['rules_targets'] / len(test):13.3f} / "
              f"{counts['ranker_targets'] / len(test):.3f}")
    n = totals["rates"]
    print(f"{'all (leave one thread out)':28s} {n:5d}  {totals['rules_imposer'] / n:13.3f} / "
          f"{totals['ranker_imposer'] / n:.3f}  {totals['rules_targets'] / n:13.3f} / "
          f"{totals['ranker_targets'] / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
