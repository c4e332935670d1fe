"""Scoring the event linker against a labelled corpus (tests/linking/corpus.jsonl and files in its format).

Used by tests/test_linking.py and bench/linking.py. A corpus line is an `import` record plus `gold_event` (an
event key) and `gold_duplicate_of` (the URL of the original, for exact and near copies). Scores:

- B-cubed precision / recall / F1 over articles: for each article, the share of its predicted event that is in
  its gold event (precision) and the share of its gold event that is in its predicted event (recall), averaged;
- near-duplicate precision / recall over (copy, original) pairs, compared as unordered pairs (which of two
  copies is "the original" is a matter of dates and arrival, not of correctness);
- hard-negative merges: gold events that must stay apart (README of the corpus; HARD_NEGATIVES_EXTRA for the
  extra cases) found in one predicted event.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from extractors.records import Article

# Pairs of gold events that share people, places and vocabulary but are different happenings (corpus README).
HARD_NEGATIVES = (
    ("us-steel-alu-25pct-2025-02", "us-steel-alu-50pct-2025-06"),
    ("sheinbaum-carney-mexico-city-2025-09", "na-leaders-washington-2025-12"),
    ("us-tariffs-mx-ca-take-effect-2025-03-04", "us-tariffs-usmca-pause-2025-03-06"),
    ("us-china-geneva-2025-05", "us-china-london-2025-06"),
    ("us-china-london-2025-06", "us-china-busan-2025-10"),
    ("us-china-geneva-2025-05", "india-wto-retaliation-2025-05"),
    ("us-steel-alu-50pct-2025-06", "eu-us-paris-talks-2025-06"),
    ("us-china-london-2025-06", "japan-us-g7-talks-2025-06"),
    ("na-leaders-washington-2025-12", "mexico-tariffs-non-fta-2025-12"),
)


# The same for tests/linking/extra.jsonl: the same 15 % rate for Japan and the EU five days apart, Mexico's
# extension and Canada's 35 % on the same day, Switzerland's 39 % the next, Brazil's and India's 50 % a week apart.
HARD_NEGATIVES_EXTRA = (
    ("japan-deal-2025-07-22", "eu-deal-turnberry-2025-07-27"),
    ("mexico-90day-extension-2025-07-31", "canada-35pct-2025-07-31"),
    ("canada-35pct-2025-07-31", "switzerland-39pct-2025-08-01"),
    ("brazil-50pct-2025-07-30", "india-50pct-russian-oil-2025-08-06"),
    ("brazil-50pct-2025-07-30", "mexico-90day-extension-2025-07-31"),
    ("letters-30pct-eu-mexico-2025-07-12", "mexico-90day-extension-2025-07-31"),
)


def load_corpus(path: Path | str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def to_article(record: Mapping) -> Article:
    published = record.get("published")
    return Article(url=record["url"], text=record["text"], title=record.get("title"),
                   published=datetime.fromisoformat(published) if published else None,
                   language=record.get("language"), outlet=record.get("outlet"), source="corpus")


@dataclass
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed over the items in `gold` ({item: cluster}); an item missing from `predicted` is a singleton."""
    items = sorted(gold)
    pred = {i: predicted.get(i, f"__alone__{i}") for i in items}
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in items:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += both / len(by_pred[pred[i]])
        r += both / len(by_gold[gold[i]])
    return Scores(p / len(items), r / len(items)) if items else Scores(0.0, 0.0)


def duplicate_scores(predicted: Iterable[tuple[str, str]], gold: Iterable[tuple[str, str]]) -> Scores:
    """Precision / recall of (copy, original) pairs, compared as unordered pairs."""
    p = {frozenset(x) for x in predicted}
    g = {frozenset(x) for x in gold}
    return Scores(len(p & g) / len(p) if p else 1.0, len(p & g) / len(g) if g else 1.0)


def hard_negative_merges(predicted: Mapping[str, str], gold: Mapping[str, str],
                         pairs: Sequence[tuple[str, str]] = HARD_NEGATIVES + HARD_NEGATIVES_EXTRA
                         ) -> list[tuple[str, str, int]]:
    """(gold event A, gold event B, articles of B in A's events) for every pair linked together at all."""
    out = []
    for a, b in pairs:
        events_a = {predicted.get(i) for i, g in gold.items() if g == a} - {None}
        merged = sum(1 for i, g in gold.items() if g == b and predicted.get(i) in events_a)
        if merged:
            out.append((a, b, merged))
    return out


def predicted_links(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], list[tuple[str, str]], dict]:
    """({url: event_id}, [(copy url, original url)] for exact and near copies, {url: duplicate kind})."""
    rows = con.execute("""
        select a.url, ae.event_id, o.url, ae.duplicate_kind
        from articles a join article_events ae using (article_id)
        left join articles o on o.article_id = a.duplicate_of""").fetchall()
    events = {url: event for url, event, _, _ in rows}
    copies = [(url, original) for url, _, original, _ in rows if original]
    kinds = {url: kind for url, _, _, kind in rows if kind}
    return events, copies, kinds


def event_signature(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """What `tradewire events` shows, in a canonical order, with each event's member URLs and its near-copies.

    Which of two exact copies is stored as the original depends on which arrived first (the flow decides that
    before extraction), so exact-copy flags are left out; everything else must not depend on arrival order.
    """
    events = con.execute("""
        select event_id, title, first_seen, last_seen, main_date, leaders, places, article_count
        from events order by event_id""").fetchall()
    members = con.execute("""
        select ae.event_id, list(a.url order by a.url),
               list(a.url || ' ~ ' || o.url order by a.url) filter (where ae.duplicate_kind = 'near')
        from article_events ae join articles a using (article_id)
        left join articles o on o.article_id = a.duplicate_of
        group by ae.event_id order by ae.event_id""").fetchall()
    return [tuple(e) for e in events] + [tuple(m) for m in members]
