#!/usr/bin/env python3
"""Rules or a learned ranker for a quotation's speaker? Leave-one-dispute-out on the corpus's tune split.

usage: bench/speaker_ranker.py [--corpus tests/corpus/articles.jsonl] [--gold tests/gold/gold.jsonl]
                               [--polnear ../shared/datasets/polnear/train] [--polnear-test ../shared/datasets/polnear/dev]

Only the tune split of the corpus is read (the holdout is for reporting, never for choosing). Every quotation
the pipeline finds (direct or partial) that `score_articles.py`'s matching pairs with a gold quotation that
names a speaker is one ranking problem. Its candidates are the people and bodies named around it, each as
the quote extractor itself would name them: in English the people of the article (names, resolved pronouns,
leaders-component mentions), organisations and countries, and the speaker the parse gives every verb of saying;
in Spanish the capitalised name runs, the leaders-component mentions and the speaker read beside every verb of
saying; plus the rules' own answer. Each (quotation, candidate) gets the features a speaker ranker is usually
given: distance in tokens, sentences and paragraphs and the side of the quotation it stands on; a verb of
saying beside the candidate or between it and the quotation; a colon between them; the kind of mention (named
person, leader, pronoun, body, the subject of a verb of saying); whether it is the sentence's subject or the
object of a preposition; whether it spoke the previous quotation; how often the article names it; whether the
rules chose it; and the language (Spanish copies of the strongest). A candidate is right when
`score_articles.same_person` accepts it for the gold speaker.

Two choosers over the same quotations: the rules (the pipeline's own speaker) and a logistic regression over
the features (pinned: plain numpy, zero start, fixed steps; deterministic), the best-scored candidate. Folds
are the tune split's disputes (all threads of one dispute together, as the corpus was split), so a dispute is
never scored by weights fitted on it; `--gold` adds tests/gold's documents (offsets and speakers given) to every
training fold. `--polnear` adds a PolNeAR split's English news (its direct quotations, their annotated sources,
pronoun sources left out as its scorer leaves them out) to every training fold: real text no rule was written
looking at quotation by quotation, where the rules' answer is right less often than on tune, so the ranker
learns how far to trust it. `--polnear-test` scores a second PolNeAR split (dev) with a ranker trained on all
of the above: English text held out from both choosers' making. Prints, per held-out dispute and language,
how many speakers each chooser gets right, and the totals. The rules were written looking at every tune
dispute, so their figures here are not held out the way the ranker's are: the comparison favours the rules.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from logistic import LogisticModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Threads of one dispute stay together (tests/corpus/README.md, "The split").
DISPUTES = {"us-ca-ieepa": "us-canada", "ca-countermeasures": "us-canada", "us-ca-talks": "us-canada",
            "us-metals-232": "section-232-metals", "us-copper-232": "section-232-metals"}
KINDS = ("person", "leader", "pronoun", "body", "cue")


class Mention:
    __slots__ = ("name", "token", "kind", "subject", "after_preposition")

    def __init__(self, name: str, token: int, kind: str, subject: bool, after_preposition: bool) -> None:
        self.name, self.token, self.kind = name, token, kind
        self.subject, self.after_preposition = subject, after_preposition


def english_mentions(finder) -> list[Mention]:
    """The people and bodies an English doc names outside quotations, and the speaker of every cue."""
    from extractors.quotes.institutions import institution_name

    doc, speakers = finder.doc, finder.speakers
    people = speakers.people
    out = []
    for person in people.people:
        if person.quoted:
            continue
        k = finder.token_at(person.start)
        kind = "pronoun" if person.pronoun else "leader" if person.canonical else "person"
        out.append(Mention(person.canonical or person.name, k, kind, person.subject,
                           k > 0 and doc[k - 1].pos_ == "ADP"))
    for start, _, name in people.organisations:
        k = finder.token_at(start)
        if finder.region_of[k] == -1:
            out.append(Mention(institution_name(name) or name, k, "body", doc[k].dep_.startswith("nsubj"),
                               k > 0 and doc[k - 1].pos_ == "ADP"))
    for ent in doc.ents:
        body = institution_name(ent.text) if ent.label_ == "GPE" else None
        if body and finder.region_of[ent.start] == -1:
            out.append(Mention(body, ent.start, "body", ent.root.dep_.startswith("nsubj"),
                               ent.start > 0 and doc[ent.start - 1].pos_ == "ADP"))
    for token in doc:
        if finder._is_cue(token):
            subject = speakers.speaker_token(token)
            if subject is not None:
                name, _ = speakers.resolve(subject, token.idx)
                if name:
                    out.append(Mention(name, subject.i, "cue", True, False))
    return out


def spanish_mentions(finder) -> list[Mention]:
    """The name runs and leader mentions of a Spanish doc outside quotations, and the speaker of every cue."""
    from extractors.quotes.institutions import institution_name

    doc = finder.doc
    out = []
    for start, end, name in finder.names:
        found = finder._noun_phrase_speaker(start, end)
        if not found or not found[0]:
            continue
        kind = "leader" if finder._leader_in(start, end) else "body" if institution_name(name) else "person"
        out.append(Mention(found[0], start, kind, not finder._after_preposition(start),
                           finder._after_preposition(start)))
    for x, _, name in finder.leaders:
        k = finder.token_at(x)
        if finder.region_of[k] == -1:
            out.append(Mention(name, k, "leader", not finder._after_preposition(k), finder._after_preposition(k)))
    for token in doc:
        if finder._is_cue(token):
            found = finder._speaker_for_cue(token, None, finder.unit_range(token.i))
            if found and found[0]:
                k = finder.token_at(found[1]) if found[1] >= 0 else token.i
                out.append(Mention(found[0], k, "cue", True, False))
    return out


def paragraph_of(doc) -> list[int]:
    out, current = [], 0
    for token in doc:
        out.append(current)
        if "\n" in token.text or "\n" in token.whitespace_:
            current += 1
    return out


def candidates(finder, found, previous: str | None, mentions: list[Mention], paragraphs: list[int],
               cues: set[int], language: str) -> dict[str, dict[str, float]]:
    """Features of every entity named around one quotation, keyed by the entity's name."""
    from extractors.evaluate_facts import same_person

    doc = finder.doc
    qa, qb = finder.token_at(found.start), finder.token_at(max(found.start, found.end - 1))
    counts: dict[str, int] = defaultdict(int)
    for mention in mentions:
        counts[mention.name] += 1
    near = [m for m in mentions if abs(paragraphs[m.token] - paragraphs[qa]) <= 1 and finder.region_of[m.token] == -1]
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in near:
        by_name[mention.name].append(mention)
    if found.speaker and found.speaker not in by_name:
        by_name[found.speaker] = []
    out = {}
    for name, group in by_name.items():
        features: dict[str, float] = {}
        if group:
            nearest = min(group, key=lambda m: min(abs(m.token - qa), abs(m.token - qb)))
            k = nearest.token
            before = k < qa
            gap = range(k + 1, qa) if before else range(qb + 1, k)
            same_unit = finder.units[k] in (finder.units[qa], finder.units[qb])
            features.update({
                f"kind={nearest.kind}": 1.0, "before": float(before), "same_unit": float(same_unit),
                "next_unit": float(not same_unit and abs(finder.units[k] - (finder.units[qa] if before else
                                                                            finder.units[qb])) == 1),
                "same_paragraph": float(paragraphs[k] == paragraphs[qa]),
                "distance": math.log1p(len(gap)) / 4,
                "cue_beside": float(any(j in cues for j in range(k - 3, k + 4))),
                "cue_between": float(same_unit and any(j in cues for j in gap)),
                "colon": float(before and any(doc[j].text == ":" for j in gap)),
                "subject": float(any(m.subject for m in group)),
                "after_preposition": float(nearest.after_preposition),
                "spoke_any_cue": float(any(m.kind == "cue" for m in group)),
            })
        else:
            features["absent"] = 1.0
        features["rules"] = float(bool(found.speaker) and same_person(name, found.speaker))
        features["previous"] = float(bool(previous) and same_person(name, previous))
        features["mentions"] = math.log1p(counts[name]) / 2
        if language == "es":
            for key in ("rules", "previous", "cue_between", "subject", "same_unit"):
                if key in features:
                    features["es&" + key] = features[key]
        out[name] = features
    return out


def quote_rows(documents: list[dict], language: str) -> list[tuple[str, str | None, dict, str]]:
    """(fold, rules' speaker, candidates, gold speaker) for every matched quotation with a gold speaker."""
    from extractors.evaluate_facts import _overlap
    from extractors.nlp import build_pipeline
    from extractors.quotes.component import _leader_spans
    from extractors.quotes.english import EnglishQuotes
    from extractors.quotes.marks import quoted_regions
    from extractors.quotes.people import people_from_doc
    from extractors.quotes.spanish import SpanishQuotes

    nlp = build_pipeline(language)
    rows = []
    for document in documents:
        if document.get("language", "en") != language:
            continue
        doc = nlp(document["text"])
        regions = quoted_regions(doc.text)
        leaders = _leader_spans(doc)
        if language == "es":
            finder = SpanishQuotes(doc, regions, leaders, True)
        else:
            quoted = [(r.open_at, r.close_at if r.close_at is not None else r.end) for r in regions]
            finder = EnglishQuotes(doc, regions, people_from_doc(doc, quoted, leaders), True)
        found = [f for f in finder.run(indirect=False) if f.kind in ("direct", "partial")]
        mentions = english_mentions(finder) if language == "en" else spanish_mentions(finder)
        paragraphs = paragraph_of(doc)
        cues = {t.i for t in doc if finder._is_cue(t)}
        gold = document["gold_quotes"]
        excluded = document.get("excluded_quoted_spans") or []
        used: set[int] = set()
        previous = None
        for record in found:
            text = doc.text[record.start:record.end]
            if any(_overlap(text, span) >= 0.5 for span in excluded):
                continue
            best, best_index = 0.0, None
            for index, expected in enumerate(gold):
                if index not in used and _overlap(text, expected["quote"]) > best:
                    best, best_index = _overlap(text, expected["quote"]), index
            features = candidates(finder, record, previous, mentions, paragraphs, cues, language)
            previous = record.speaker or previous
            if best_index is None or best < 0.5:
                continue
            used.add(best_index)
            if gold[best_index].get("speaker"):
                rows.append((document["fold"], record.speaker, features, gold[best_index]["speaker"]))
    return rows


def load(corpus: Path, gold: Path | None) -> tuple[list[dict], list[dict]]:
    documents = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document = json.loads(line)
            if document["split"] == "tune":
                document["fold"] = DISPUTES.get(document["thread"], document["thread"])
                document["gold_quotes"] = document["quotes"]
                documents.append(document)
    extra = []
    if gold is not None:
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                document = json.loads(line)
                quotes = [q for q in document.get("quotes", []) if q.get("kind") in ("direct", "partial")]
                document["gold_quotes"] = [{"quote": document["text"][q["start"]:q["end"]],
                                            "speaker": q.get("speaker")} for q in quotes]
                document["fold"] = "tests/gold"
                extra.append(document)
    return documents, extra


def load_polnear(split: Path, fold: str, tools: Path) -> list[dict]:
    """A PolNeAR split as ranking documents: each text with the direct quotations the dataset's own scorer
    (score_quotes.py) derives from its annotation, and their sources; pronoun sources are dropped (the files
    carry no coreference), as the scorer drops them."""
    sys.path.insert(0, str(tools))
    import score_quotes

    documents = []
    for path in sorted((split / "text").glob("*.txt")):
        annotation = score_quotes.pick_ann(split, path.stem)
        if annotation is None:
            continue
        text = path.read_text(encoding="utf-8")
        gold = score_quotes.gold_for_doc(text, annotation, 0.8)
        quotes = [{"quote": text[q["start"]:q["end"]],
                   "speaker": None if q["speaker"] is None or score_quotes.is_pronoun(q["speaker"]) else q["speaker"]}
                  for q in gold["quotes"]]
        documents.append({"text": text, "language": "en", "fold": fold, "gold_quotes": quotes})
    return documents


def fit_rankers(train: list[tuple], names: list[str], alone: list[str]) -> list[tuple[str, LogisticModel]]:
    """The ranker with every feature and the ranker without the rules' answer, fitted on the rows' candidates
    (quotations whose right speaker is not among their candidates teach nothing and are left out)."""
    from extractors.evaluate_facts import same_person

    examples = [(f, int(same_person(c, r[4]))) for r in train if any(same_person(c, r[4]) for c in r[3])
                for c, f in r[3].items()]
    return [(key, LogisticModel.fit(examples, used, steps=600)) for key, used in (("ranker", names), ("alone", alone))]


def right_counts(rankers: list[tuple[str, LogisticModel]], scored: list[tuple]) -> dict[str, int]:
    """How many of the rows' speakers the rules and each ranker (its best-scored candidate) get right."""
    from extractors.evaluate_facts import same_person

    counts = {"rules": sum(same_person(r[2], r[4]) for r in scored)}
    for key, model in rankers:
        counts[key] = sum(same_person(max(sorted(r[3]), key=lambda c: model.probability(r[3][c])), r[4])
                          for r in scored if r[3])
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus" / "articles.jsonl")
    parser.add_argument("--gold", type=Path, help="also train on this tests/gold file in every fold")
    parser.add_argument("--polnear", type=Path, help="also train on this PolNeAR split (English) in every fold")
    parser.add_argument("--polnear-test", type=Path, help="score this PolNeAR split with a ranker trained on all")
    parser.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools",
                        help="folder of the PolNeAR scorer (score_quotes.py)")
    args = parser.parse_args()
    from extractors.evaluate_facts import same_person

    documents, extra = load(args.corpus, args.gold)
    if args.polnear:
        extra += load_polnear(args.polnear, "polnear", args.tools)
    held_out = load_polnear(args.polnear_test, "polnear-test", args.tools) if args.polnear_test else []
    rows = []
    for language in ("en", "es"):
        rows += [(language, *row) for row in quote_rows(documents + extra + held_out, language)]
    extra_folds = ("tests/gold", "polnear", "polnear-test")
    names = sorted({name for row in rows for features in row[3].values() for name in features})
    # the same ranker without the rules' answer among its features: what the features alone choose
    alone = [name for name in names if not name.endswith("rules")]
    folds = sorted({row[1] for row in rows if row[1] not in extra_folds})
    tune = [r for r in rows if r[1] not in extra_folds]
    print(f"{len(tune)} matched tune quotations with a gold speaker in {len(folds)} "
          f"disputes; {len(names)} features; candidates per quotation "
          f"{np.mean([len(r[3]) for r in tune]):.1f}; the right speaker among them for "
          f"{np.mean([any(same_person(c, r[4]) for c in r[3]) for r in tune]):.3f}")
    print(f"{'held-out dispute':22s} {'lang':4s} {'quotes':>6s}  rules  ranker  ranker without the rules' answer")
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for fold in folds:
        rankers = fit_rankers([r for r in rows if r[1] not in (fold, "polnear-test")], names, alone)
        for language in ("en", "es"):
            scored = [r for r in rows if r[1] == fold and r[0] == language]
            if not scored:
                continue
            counts = {"n": len(scored), **right_counts(rankers, scored)}
            for key, value in counts.items():
                totals[(language, key)] += value
            print(f"{fold:22s} {language:4s} {len(scored):6d}  {counts['rules'] / len(scored):.3f}  "
                  f"{counts['ranker'] / len(scored):.3f}   {counts['alone'] / len(scored):.3f}")
    scored = [r for r in rows if r[1] == "polnear-test"]
    if scored:
        counts = right_counts(fit_rankers([r for r in rows if r[1] != "polnear-test"], names, alone), scored)
        print(f"{'PolNeAR ' + args.polnear_test.name + ' (held out)':22s} {'en':4s} {len(scored):6d}  "
              f"{counts['rules'] / len(scored):.3f}  {counts['ranker'] / len(scored):.3f}   "
              f"{counts['alone'] / len(scored):.3f}")
    for language in ("en", "es"):
        n = totals[(language, "n")]
        print(f"{'all (leave one out)':22s} {language:4s} {n:6d}  {totals[(language, 'rules')] / n:.3f}  "
              f"{totals[(language, 'ranker')] / n:.3f}   {totals[(language, 'alone')] / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
