"""The real-article corpus (tests/corpus/) is well formed: every line has its fields, every key it uses is defined,
quotes and evidence sentences are in the text, the split keeps each dispute on one side. It checks the files,
never an extractor (tests/corpus/README.md)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


ARTICLES = rows("articles.jsonl")
EVENTS = {e["event"]: e for e in rows("events.jsonl")}
MEASURES = {m["measure"]: m for m in rows("measures.jsonl")}
STATUSES = {"announced", "in effect", "threatened", "paused", "removed", None}


def measures_of(tariff: dict) -> list[str]:
    return tariff["measure"] if isinstance(tariff["measure"], list) else [tariff["measure"]]


def test_sizes_and_coverage_the_issue_asks_for():
    languages = Counter(a["language"] for a in ARTICLES)
    assert len(ARTICLES) >= 150 and languages["es"] >= 50
    assert sum(any(t["imposer"] != "United States" for t in a["tariffs"]) for a in ARTICLES) >= len(ARTICLES) / 3
    sizes = Counter(a["event"] for a in ARTICLES)
    multi = [e for e, n in sizes.items() if 2 <= n <= 5]
    assert len(multi) >= 30
    mixed = [e for e in multi if len({a["language"] for a in ARTICLES if a["event"] == e}) == 2]
    assert len(mixed) >= 10
    assert len(rows("hard_negatives.jsonl")) >= 10
    assert sum(a["published"] is None for a in ARTICLES) >= len(ARTICLES) / 5


def test_ids_unique_and_split_assigned():
    assert len({a["id"] for a in ARTICLES}) == len(ARTICLES)
    assert {a["split"] for a in ARTICLES} == {"tune", "holdout"}
    share = sum(a["split"] == "holdout" for a in ARTICLES) / len(ARTICLES)
    assert 0.28 <= share <= 0.38


def test_events_and_threads_stay_on_one_side_of_the_split():
    sides = defaultdict(set)
    for a in ARTICLES:
        sides[("event", a["event"])].add(a["split"])
        sides[("thread", a["thread"])].add(a["split"])
    assert not [k for k, v in sides.items() if len(v) > 1]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["id"])
def test_article(article):
    text = article["text"]
    assert article["language"] in ("en", "es") and text.strip() and article["title"]
    assert article["event"] in EVENTS
    assert article["gold_date"] and (article["published"] in (None, article["gold_date"]) or article["published"])
    for leader in article["leaders"]:
        assert leader["name"] and leader["country"] and leader["role"]
    for tariff in article["tariffs"]:
        assert isinstance(tariff["rate_pct"], (int, float))
        assert tariff["status"] in STATUSES
        assert tariff["imposer"]
        assert tariff["sentence"] in text
        assert all(m in MEASURES for m in measures_of(tariff))
    for quote in article["quotes"]:
        assert quote["quote"] in text and quote["kind"] in ("direct", "partial")
    for span in article["excluded_quoted_spans"]:
        assert span in text
    for percentage in article["percentages"]:
        assert isinstance(percentage["value"], (int, float))


def test_hard_negatives_name_known_events():
    for pair in rows("hard_negatives.jsonl"):
        assert pair["a"] in EVENTS and pair["b"] in EVENTS and pair["a"] != pair["b"]


def test_every_measure_has_steps_and_is_used():
    used = {m for a in ARTICLES for t in a["tariffs"] for m in measures_of(t)}
    assert used == set(MEASURES)
    for measure in MEASURES.values():
        assert measure["steps"] and measure["imposer"] and measure["scope"]
