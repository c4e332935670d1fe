"""Precision / recall / F1 of the extractors against a gold file: tests/gold (mentions) or tests/corpus (facts).

A gold file in the `extract` contract's shape (tests/gold/gold.jsonl: one item per mention, with offsets) is
scored here; a real-article corpus file (tests/corpus/articles.jsonl: documents carry a `split`, one tariff
entry per fact, quotes without offsets) is scored by `evaluate_facts`, optionally on one split.

How each extractor is matched on a mention file (documented in README, "Measuring quality"):
- leaders: per document, the set of (name, country) pairs — a person found once or ten times counts once;
- tariffs: per document, the multiset of (rate, imposer, set of targets) records;
- percentages: per document, the multiset of values;
- quotes: quoted spans (kind direct or partial) matched one-to-one at character overlap (intersection over
  union) >= 0.5; speaker accuracy is the share of matched quotes whose speaker is right (null must be null);
  indirect speech is scored the same way as its own line.
Names compare case- and accent-insensitively. Scores are micro-averaged over documents, per language and overall.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors.accents import fold
from extractors.evaluate_facts import FactReport, score_article

if TYPE_CHECKING:
    from extractors.pipeline import ExtractionPipeline

QUOTE_OVERLAP = 0.5


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.true_positives += tp
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores per extractor; `speaker` counts matched quotes (tp) against quotes with the right speaker."""

    documents: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {
        name: Score() for name in ("leaders", "tariffs", "percentages", "quotes", "indirect")})
    speaker_right: int = 0
    speaker_matched: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_matched if self.speaker_matched else 1.0

    def as_rows(self, language: str) -> list[dict[str, Any]]:
        rows = []
        for name, score in self.scores.items():
            rows.append({
                "language": language, "extractor": name, "documents": self.documents,
                "gold": score.gold, "predicted": score.predicted, "matched": score.true_positives,
                "precision": round(score.precision, 4), "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
                "speaker_accuracy": round(self.speaker_accuracy, 4) if name == "quotes" else None,
            })
        return rows


def normalise_name(name: str | None) -> str:
    if not name:
        return ""
    return " ".join(fold(name).split())


def _multiset_match(predicted: Iterable[Any], gold: Iterable[Any]) -> tuple[int, int, int]:
    p, g = Counter(predicted), Counter(gold)
    return sum((p & g).values()), sum(p.values()), sum(g.values())


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    intersection = max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))
    union = max(a["end"], b["end"]) - min(a["start"], b["start"])
    return intersection / union if union else 0.0


def match_spans(predicted: Sequence[dict], gold: Sequence[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs with overlap >= QUOTE_OVERLAP, best overlaps first (deterministic)."""
    candidates = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for overlap, i, j in candidates:
        if overlap < QUOTE_OVERLAP:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((predicted[i], gold[j]))
    return pairs


def score_document(report: Report, predicted: dict[str, list[dict]], gold: dict[str, list[dict]]) -> None:
    report.documents += 1
    leader_key = lambda item: (normalise_name(item["name"]), item.get("country"))  # noqa: E731
    report.scores["leaders"].add(*_multiset_match(
        set(map(leader_key, predicted["leaders"])), set(map(leader_key, gold["leaders"]))))
    tariff_key = lambda t: (round(float(t["rate_pct"]), 2), t.get("imposer"), frozenset(t.get("targets") or []))  # noqa: E731
    report.scores["tariffs"].add(*_multiset_match(
        map(tariff_key, predicted["tariffs"]), map(tariff_key, gold["tariffs"])))
    report.scores["percentages"].add(*_multiset_match(
        (round(float(p["value"]), 2) for p in predicted["percentages"]),
        (round(float(p["value"]), 2) for p in gold["percentages"])))
    for name, kinds in (("quotes", ("direct", "partial")), ("indirect", ("indirect",))):
        p_items = [q for q in predicted["quotes"] if q["kind"] in kinds]
        g_items = [q for q in gold["quotes"] if q["kind"] in kinds]
        pairs = match_spans(p_items, g_items)
        report.scores[name].add(len(pairs), len(p_items), len(g_items))
        if name == "quotes":
            report.speaker_matched += len(pairs)
            report.speaker_right += sum(
                normalise_name(p.get("speaker")) == normalise_name(g.get("speaker")) for p, g in pairs)


def load_gold(path: Path) -> list[dict[str, Any]]:
    documents = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    documents.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not a JSON object ({exc.msg})") from None
    return documents


def evaluate(gold_documents: Sequence[dict[str, Any]], predictions: Sequence[dict[str, list[dict]]]
             ) -> dict[str, Report]:
    """Reports keyed by language ("en", "es", ...) and "all"; `predictions` align with `gold_documents`."""
    reports: dict[str, Report] = {"all": Report()}
    for gold, predicted in zip(gold_documents, predictions, strict=True):
        language = gold.get("language") or "en"
        for key in ("all", language):
            score_document(reports.setdefault(key, Report()), predicted, gold)
    return reports


def predict(gold_documents: Sequence[dict[str, Any]], pipeline: "ExtractionPipeline") -> list[dict[str, list[dict]]]:
    """Run the extractors on each gold document's text, with its language and date, in the contract's shape."""
    from extractors.article.machine_dates import parse_date
    from extractors.records import Article

    articles = [
        Article(url=doc.get("url") or doc.get("id", ""), text=doc["text"], language=doc.get("language"),
                published=parse_date(doc.get("published")))
        for doc in gold_documents
    ]
    return [extraction.as_dict() for extraction in pipeline.extract(articles)]


def evaluate_facts(gold_documents: Sequence[dict[str, Any]], predictions: Sequence[dict[str, list[dict]]]
                   ) -> dict[str, FactReport]:
    """Fact reports keyed by language and "all" for real-article gold (see evaluate_facts.py)."""
    reports: dict[str, FactReport] = {"all": FactReport()}
    for gold, predicted in zip(gold_documents, predictions, strict=True):
        for key in ("all", gold.get("language") or "en"):
            score_article(reports.setdefault(key, FactReport()), predicted, gold)
    return reports


def evaluate_file(path: Path, pipeline: "ExtractionPipeline", split: str | None = None
                  ) -> dict[str, Report] | dict[str, FactReport]:
    """Scores of the extractors on a gold file; `split` ("tune", "holdout") picks the documents of a corpus
    file that carry it."""
    gold = load_gold(path)
    corpus = any("split" in document for document in gold)
    if split is not None:
        if not corpus:
            raise ValueError(f"{path}: no document has a split; --split applies to a corpus file (tests/corpus)")
        gold = [document for document in gold if document.get("split") == split]
        if not gold:
            raise ValueError(f"{path}: no document in split {split!r}")
    predictions = predict(gold, pipeline)
    return evaluate_facts(gold, predictions) if corpus else evaluate(gold, predictions)
