#!/usr/bin/env python3
"""CPU cost of extraction per 1,000 words: Spanish articles against English ones, measured in the same run.

usage: python bench/language_cost.py [--corpus tests/corpus/articles.jsonl] [--split tune] [--rounds 5]

Spanish runs tradewire's rule components over a blank tokenizer; English runs them over the statistical
pipeline (en_core_web_sm). The goal is that a Spanish article costs no more CPU than an English one of the same
length. Both pipelines are built first (loading is not timed); then every article of the split is extracted
`--rounds` times through `LocalExtractor` (the path `tradewire extract` and the NLP workers take, one article
per call), alternating the languages round by round so that machine noise falls on both, and the CPU time of
this process (time.process_time) is summed per language. Printed: articles, words, ms of CPU per article and
per 1,000 words for each language, the Spanish/English ratio per 1,000 words, and the Spanish components'
own share (the quote component alone, timed on the already-built docs). The corpus texts are only read.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractors.nlp import LocalExtractor  # noqa: E402
from extractors.records import Article  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(REPO / "tests" / "corpus" / "articles.jsonl"))
    parser.add_argument("--split", default="tune", help="tune, holdout or all")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    by_language: dict[str, list[Article]] = {"en": [], "es": []}
    with open(args.corpus, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if args.split != "all" and record.get("split") != args.split:
                continue
            language = record["language"]
            if language in by_language:
                by_language[language].append(Article(url=record["id"], text=record["text"], language=language))
    extractor = LocalExtractor(batch_size=1)
    for language in by_language:
        extractor.nlp(language)  # build both pipelines before timing
        extractor.extract(by_language[language][:2])  # and warm their caches

    cpu = {language: 0.0 for language in by_language}
    for _ in range(args.rounds):
        for language, articles in by_language.items():
            start = time.process_time()
            for article in articles:
                extractor.extract([article])
            cpu[language] += time.process_time() - start

    quotes_ms = 0.0
    nlp_es = extractor.nlp("es")
    docs = [nlp_es(a.text) for a in by_language["es"]]
    component = nlp_es.get_pipe("tradewire_quotes")
    start = time.process_time()
    for _ in range(args.rounds):
        for doc in docs:
            component(doc)
    quotes_ms = (time.process_time() - start) * 1000 / args.rounds

    print(f"{'language':8} {'articles':>8} {'words':>7} {'ms/article':>11} {'ms/1000 words':>14}")
    per_kword = {}
    for language, articles in by_language.items():
        words = sum(len(a.text.split()) for a in articles)
        total_ms = cpu[language] * 1000 / args.rounds
        per_kword[language] = total_ms / words * 1000 if words else 0.0
        print(f"{language:8} {len(articles):>8} {words:>7} {total_ms / max(1, len(articles)):>11.2f} "
              f"{per_kword[language]:>14.2f}")
    if per_kword["en"]:
        print(f"Spanish / English CPU per 1,000 words: {per_kword['es'] / per_kword['en']:.2f} "
              f"(goal: <= 1.00; {args.rounds} rounds, split {args.split})")
    words_es = sum(len(a.text.split()) for a in by_language["es"])
    if words_es:
        print(f"Spanish quote component alone: {quotes_ms / words_es * 1000:.2f} ms per 1,000 words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
