"""Scoring against real-article gold (tests/corpus): facts per article, not mentions.

The corpus is annotated from its guidelines (tests/corpus/GUIDELINES.md) with one entry per fact, not per
mention, and without character offsets; its figures are read with the matching of the project's held-out
scorer (`../shared/tools/score_articles.py`), re-implemented here so that `tradewire evaluate` gives the same
numbers without it:
- leaders: one prediction per (surname, country); a gold leader matches a prediction of the same person (same
  surname, or the same last two name words) and country;
- tariffs: predictions repeating one (rate, imposer, targets) count once; a prediction matches the first unused
  gold fact with its rate and imposer ("loose"), and counts when they share a target ("all countries (incl.
  Mexico)" accepts either; a gold "all countries" accepts a prediction without targets); status accuracy is
  over those matches, a predicted "previous" equal to a gold null;
- quotes (direct or partial; quoted spans listed as excluded are ignored): each prediction takes the unused
  gold quote whose words overlap it most, if they overlap by half or more (shared words over all words);
  speaker accuracy counts matched quotes with a gold speaker whose speaker is the same person or shares a
  content word with an institution;
- percentages: the multiset of values.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

EXTRACTORS = ("leaders", "tariffs", "tariffs_loose", "percentages", "quotes")
# Titles and honorifics that are not a surname: "President Sheinbaum", "Secretaria Raquel Buenrostro".
_TITLES = frozenset("president prime minister pm mr mrs ms dr secretary sen senator rep presidenta presidente "
                    "canciller secretario secretaria ministro ministra".split())
_INSTITUTION_STOP = frozenset("the of office government a an official unnamed".split())
_ALL = "all countries"


def words(text: str | None) -> list[str]:
    """Lower-case words without accents or punctuation."""
    if not text:
        return []
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^\w\s]", " ", text.lower()).split()


def surname(name: str | None) -> str:
    rest = [w for w in words(name) if w not in _TITLES]
    return rest[-1] if rest else ""


def same_person(predicted: str | None, gold: str | None) -> bool:
    """Same surname, or the same last two name words run together ("Lula da Silva" / "da Silva"), or, for an
    institution of several words, a shared content word ("the White House" / "White House")."""
    if not predicted or not gold:
        return False
    if surname(predicted) and surname(predicted) == surname(gold):
        return True
    p_tail, g_tail = "".join(words(predicted)[-2:]), "".join(words(gold)[-2:])
    g_surname = surname(gold)
    if p_tail == g_tail or (len(g_surname) > 3 and p_tail.endswith(g_surname)):
        return True
    shared = (set(words(predicted)) - _INSTITUTION_STOP) & (set(words(gold)) - _INSTITUTION_STOP)
    return bool(shared) and len(words(gold)) > 1


def country_key(name: str | None) -> str:
    return " ".join(w for w in words(name) if w != "the" or len(words(name)) == 1)


def target_keys(targets: Any) -> set[str]:
    """Targets as compared: a gold "all countries (incl. Mexico)" is both "all countries" and "mexico"."""
    if targets is None:
        return set()
    found: set[str] = set()
    for item in [targets] if isinstance(targets, str) else targets:
        match = re.match(r"\s*all countries\s*\(incl\.?\s*([^)]*)\)", item or "", re.I)
        found |= {_ALL, country_key(match.group(1))} if match else {country_key(item)}
    return found


def _overlap(a: str, b: str) -> float:
    first, second = Counter(words(a)), Counter(words(b))
    union = sum((first | second).values())
    return sum((first & second).values()) / union if union else 0.0


@dataclass
class FactReport:
    """Counts per extractor, for one language or all."""

    documents: int = 0
    counts: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0, 0] for name in EXTRACTORS})
    speaker: list[int] = field(default_factory=lambda: [0, 0])  # right, matched quotes with a gold speaker
    status: list[int] = field(default_factory=lambda: [0, 0])  # right, strict tariff matches

    def add(self, name: str, matched: int, predicted: int, gold: int) -> None:
        for index, value in enumerate((matched, predicted, gold)):
            self.counts[name][index] += value

    def as_rows(self, language: str) -> list[dict[str, Any]]:
        rows = []
        for name, (matched, predicted, gold) in self.counts.items():
            precision = matched / predicted if predicted else (1.0 if not gold else 0.0)
            recall = matched / gold if gold else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            accuracy = {"quotes": self.speaker, "tariffs": self.status}.get(name)
            rows.append({"language": language, "extractor": name, "documents": self.documents, "gold": gold,
                         "predicted": predicted, "matched": matched, "precision": round(precision, 4),
                         "recall": round(recall, 4), "f1": round(f1, 4),
                         "accuracy": round(accuracy[0] / accuracy[1], 4) if accuracy and accuracy[1] else None})
        return rows


def score_article(report: FactReport, predicted: dict[str, list[dict]], gold: dict[str, Any]) -> None:
    report.documents += 1
    report.add("leaders", *_leaders(predicted["leaders"], gold.get("leaders") or []))
    report.add("percentages", *_percentages(predicted["percentages"], gold.get("percentages") or []))
    loose, strict, n_predicted, n_gold, status = _tariffs(predicted["tariffs"], gold.get("tariffs") or [])
    report.add("tariffs", strict, n_predicted, n_gold)
    report.add("tariffs_loose", loose, n_predicted, n_gold)
    report.status[0] += status
    report.status[1] += strict
    matched, n_predicted, n_gold, right, with_speaker = _quotes(predicted["quotes"], gold.get("quotes") or [],
                                                               gold.get("excluded_quoted_spans") or [])
    report.add("quotes", matched, n_predicted, n_gold)
    report.speaker[0] += right
    report.speaker[1] += with_speaker


def _leaders(predicted: list[dict], gold: list[dict]) -> tuple[int, int, int]:
    people = list({(surname(p.get("name")), country_key(p.get("country"))): p
                   for p in predicted if p.get("name")}.values())
    used: set[int] = set()
    for person in people:
        for index, expected in enumerate(gold):
            names = [expected.get("mention") or expected["name"]] + ([expected["name"]] if expected.get("mention")
                                                                     else [])
            if index not in used and country_key(person.get("country")) == country_key(expected.get("country")) \
                    and any(same_person(person.get("name"), name) for name in names):
                used.add(index)
                break
    return len(used), len(people), len(gold)


def _percentages(predicted: list[dict], gold: list[dict]) -> tuple[int, int, int]:
    def values(items: list[dict]) -> Counter:
        return Counter(round(float(item["value"]), 2) for item in items if item.get("value") is not None)
    found, expected = values(predicted), values(gold)
    return sum((found & expected).values()), sum(found.values()), sum(expected.values())


def _tariffs(predicted: list[dict], gold: list[dict]) -> tuple[int, int, int, int, int]:
    distinct: dict[tuple, dict] = {}
    for item in predicted:
        key = (item.get("rate_pct"), country_key(item.get("imposer")),
               tuple(sorted(target_keys(item.get("targets")))))
        distinct.setdefault(key, item)
    used: set[int] = set()
    loose = strict = status = 0
    for item in distinct.values():
        rate = round(float(item["rate_pct"]), 2)
        for index, fact in enumerate(gold):
            if index in used or round(float(fact["rate_pct"]), 2) != rate or \
                    country_key(item.get("imposer")) != country_key(fact["imposer"]):
                continue
            used.add(index)
            loose += 1
            expected, found = target_keys(fact.get("target")), target_keys(item.get("targets"))
            if expected & found or (expected == {_ALL} and not found):
                strict += 1
                status += (item.get("status") or "previous") == (fact.get("status") or "previous")
            break
    return loose, strict, len(distinct), len(gold), status


def _quotes(predicted: list[dict], gold: list[dict], excluded: list[str]) -> tuple[int, int, int, int, int]:
    quotes = [q for q in predicted if (q.get("kind") or "direct") in ("direct", "partial") and q.get("text")
              and not any(_overlap(q["text"], span) >= 0.5 for span in excluded)]
    used: set[int] = set()
    right = with_speaker = 0
    for quote in quotes:
        best, best_index = 0.0, None
        for index, expected in enumerate(gold):
            if index not in used:
                overlap = _overlap(quote["text"], expected["quote"])
                if overlap > best:
                    best, best_index = overlap, index
        if best_index is not None and best >= 0.5:
            used.add(best_index)
            if gold[best_index].get("speaker"):
                with_speaker += 1
                right += same_person(quote.get("speaker"), gold[best_index]["speaker"])
    return len(used), len(quotes), len(gold), right, with_speaker
