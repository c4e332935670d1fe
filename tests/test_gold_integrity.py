"""Integrity checks for the frozen gold set (tests/gold/gold.jsonl); see tests/gold/GUIDELINES.md.

Standard library + pytest only: these tests must not depend on the extractors they are used to measure.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from extractors.records import PERCENTAGE_TYPES, QUOTE_KINDS, TARIFF_STATUSES

GOLD = Path(__file__).resolve().parent / "gold" / "gold.jsonl"

DOC_FIELDS = {"id", "url", "title", "published", "outlet", "language", "style", "text",
              "leaders", "tariffs", "quotes", "percentages"}
LEADER_FIELDS = {"start", "end", "surface", "name", "role", "country", "in_kb"}
TARIFF_FIELDS = {"start", "end", "surface", "rate_pct", "imposer", "targets", "products", "status"}
QUOTE_FIELDS = {"start", "end", "text", "speaker", "kind"}
PCT_FIELDS = {"start", "end", "surface", "value", "measure", "type"}

LANGUAGES = {"en", "es"}
STYLES = {"wire", "feature", "press-release", "opinion", "analysis", "brief", "live-update", "interview"}
# The gold's closed vocabularies are the records' own: a label the extractors cannot produce is a gold error.
STATUSES = set(TARIFF_STATUSES)
KINDS = set(QUOTE_KINDS)
PTYPES = set(PERCENTAGE_TYPES)
COUNTRIES = {
    "United States", "Mexico", "Canada", "European Union", "China", "United Kingdom", "Japan", "Germany",
    "France", "Italy", "India", "Brazil", "South Korea", "Australia", "Argentina", "Indonesia", "Saudi Arabia",
    "South Africa", "Turkey", "Russia", "Spain", "Switzerland", "Vietnam", "Thailand", "Taiwan", "Chile",
    "Peru", "Ireland", "Netherlands", "Colombia", "Philippines", "Malaysia",
}
OPENING_MARKS = "“«„\"‘"
# "He" is a pronoun in English only: in Spanish text it is He Lifeng's surname ("He afirmó").
PRONOUNS = {"en": {"he", "she", "him", "her", "his", "hers", "they", "them"},
            "es": {"él", "ella", "ellos", "ellas", "su", "sus", "le", "lo", "la"}}


def _load():
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


DOCS = _load()
BY_ID = {d["id"]: d for d in DOCS}


def _ids(docs):
    return [d["id"] for d in docs]


def test_size_and_languages():
    langs = Counter(d["language"] for d in DOCS)
    assert len(DOCS) >= 40
    assert set(langs) == LANGUAGES
    assert langs["es"] >= 12
    assert langs["en"] >= 28


def test_unique_ids():
    ids = [d["id"] for d in DOCS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


@pytest.mark.parametrize("doc", DOCS, ids=_ids(DOCS))
def test_document_fields(doc):
    assert set(doc) == DOC_FIELDS
    assert doc["language"] in LANGUAGES
    assert doc["style"] in STYLES
    assert re.fullmatch(r"https://[a-z0-9-]+\.example/\S+", doc["url"]), doc["url"]
    published = datetime.fromisoformat(doc["published"])
    assert published.tzinfo is not None
    assert 2024 <= published.year <= 2026
    assert doc["title"].strip() and doc["outlet"].strip()
    assert 120 <= len(doc["text"].split()) <= 600
    for key in ("leaders", "tariffs", "quotes", "percentages"):
        assert isinstance(doc[key], list)


def _check_span(doc, item):
    text = doc["text"]
    assert isinstance(item["start"], int) and isinstance(item["end"], int)
    assert 0 <= item["start"] < item["end"] <= len(text), item


@pytest.mark.parametrize("doc", DOCS, ids=_ids(DOCS))
def test_leaders(doc):
    text = doc["text"]
    spans = []
    for item in doc["leaders"]:
        assert set(item) == LEADER_FIELDS
        _check_span(doc, item)
        assert item["surface"] == text[item["start"]:item["end"]]
        assert item["surface"] == item["surface"].strip()
        assert item["surface"].lower() not in PRONOUNS[doc["language"]]
        assert not item["surface"].endswith(("'s", "’s"))
        assert item["name"].strip() and item["role"].strip()
        assert item["country"] in COUNTRIES
        assert isinstance(item["in_kb"], bool)
        spans.append((item["start"], item["end"]))
    spans.sort()
    for (_, e1), (s2, _) in zip(spans, spans[1:]):
        assert s2 >= e1, "overlapping leader mentions"


@pytest.mark.parametrize("doc", DOCS, ids=_ids(DOCS))
def test_tariffs(doc):
    text = doc["text"]
    pct_by_span = {(p["start"], p["end"]): p for p in doc["percentages"]}
    for item in doc["tariffs"]:
        assert set(item) == TARIFF_FIELDS
        _check_span(doc, item)
        assert item["surface"] == text[item["start"]:item["end"]]
        assert isinstance(item["rate_pct"], float) and 0 < item["rate_pct"] <= 200
        assert item["imposer"] in COUNTRIES
        assert isinstance(item["targets"], list)
        assert all(t in COUNTRIES for t in item["targets"])
        assert item["imposer"] not in item["targets"]
        assert len(set(item["targets"])) == len(item["targets"])
        assert item["products"] is None or (isinstance(item["products"], str) and item["products"].strip())
        assert item["status"] in STATUSES
        pct = pct_by_span.get((item["start"], item["end"]))
        assert pct is not None, f"tariff {item['surface']!r} has no percentage item"
        assert pct["type"] == "tariff" and pct["value"] == item["rate_pct"]
    tariff_spans = {(t["start"], t["end"]) for t in doc["tariffs"]}
    for p in doc["percentages"]:
        if p["type"] == "tariff":
            assert (p["start"], p["end"]) in tariff_spans, f"tariff percentage {p['surface']!r} has no tariff item"


@pytest.mark.parametrize("doc", DOCS, ids=_ids(DOCS))
def test_percentages(doc):
    text = doc["text"]
    spans = set()
    for item in doc["percentages"]:
        assert set(item) == PCT_FIELDS
        _check_span(doc, item)
        assert item["surface"] == text[item["start"]:item["end"]]
        assert isinstance(item["value"], float) and item["value"] >= 0
        assert item["type"] in PTYPES
        assert item["measure"].strip()
        assert (item["start"], item["end"]) not in spans
        spans.add((item["start"], item["end"]))
        if re.match(r"\d", item["surface"]):
            number = float(re.match(r"\d+(?:[.,]\d+)?", item["surface"]).group(0).replace(",", "."))
            assert number == item["value"], item


@pytest.mark.parametrize("doc", DOCS, ids=_ids(DOCS))
def test_quotes(doc):
    text = doc["text"]
    for item in doc["quotes"]:
        assert set(item) == QUOTE_FIELDS
        _check_span(doc, item)
        assert item["text"] == text[item["start"]:item["end"]]
        assert item["text"] == item["text"].strip()
        assert item["kind"] in KINDS
        assert item["speaker"] is None or (isinstance(item["speaker"], str) and item["speaker"].strip())
        before = text[item["start"] - 1] if item["start"] > 0 else ""
        if item["kind"] in ("direct", "partial"):
            assert before in OPENING_MARKS, f"quoted span without an opening mark: {item['text'][:40]!r}"
        else:
            assert before not in OPENING_MARKS


def test_enough_indirect_speech():
    assert sum(q["kind"] == "indirect" for d in DOCS for q in d["quotes"]) >= 20


def test_every_extractor_has_items_in_both_languages():
    for lang in LANGUAGES:
        docs = [d for d in DOCS if d["language"] == lang]
        for key in ("leaders", "tariffs", "quotes", "percentages"):
            assert sum(len(d[key]) for d in docs) >= 20, (lang, key)


def test_enums_are_all_used():
    statuses = {t["status"] for d in DOCS for t in d["tariffs"]}
    types = {p["type"] for d in DOCS for p in d["percentages"]}
    kinds = {q["kind"] for d in DOCS for q in d["quotes"]}
    assert statuses == STATUSES
    assert types == PTYPES
    assert kinds == KINDS
    assert {d["style"] for d in DOCS} == STYLES
    assert any(not m["in_kb"] for d in DOCS for m in d["leaders"])


def test_seed_retelling():
    doc = BY_ID["seed-retelling"]
    assert doc["language"] == "en"

    tariffs = doc["tariffs"]
    assert len(tariffs) == 2
    assert sorted(t["rate_pct"] for t in tariffs) == [25.0, 50.0]
    for t in tariffs:
        assert t["imposer"] == "United States"
        assert set(t["targets"]) == {"Mexico", "Canada"}
        assert t["status"] == "announced"
    # both rates come from one sentence
    first, second = sorted(tariffs, key=lambda t: t["start"])
    assert "." not in doc["text"][first["end"]:second["start"]]

    quoted = [q for q in doc["quotes"] if q["kind"] in ("direct", "partial")]
    assert len(quoted) == 4
    assert [q["kind"] for q in quoted] == ["direct", "partial", "partial", "direct"]
    assert [q["speaker"] for q in quoted[:3]] == ["Claudia Sheinbaum", "Mark Carney", "Mark Carney"]
    leader_names = {m["name"] for m in doc["leaders"]}
    assert quoted[3]["speaker"] and quoted[3]["speaker"] not in leader_names
    assert doc["text"][quoted[3]["end"] + 1:].lstrip().startswith("observed")

    indirect = [q for q in doc["quotes"] if q["kind"] == "indirect"]
    assert any(q["speaker"] == "Claudia Sheinbaum" for q in indirect)

    assert leader_names == {"Claudia Sheinbaum", "Mark Carney", "Donald Trump"}
    assert any(m["surface"] == "the Mexican leader" for m in doc["leaders"])

    shares = sorted(p["value"] for p in doc["percentages"] if p["type"] == "share")
    assert shares == [1.0, 3.0]
