"""Extraction quality on the frozen gold set, through `tradewire evaluate` as a user runs it.

The thresholds are the issues' goals and only ever go up; a case that breaks is added to the gold set, never
edited to pass (tests/gold/GUIDELINES.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

GOLD = Path(__file__).resolve().parent / "gold" / "gold.jsonl"
F1_GOALS = {"leaders": 0.95, "percentages": 0.95, "tariffs": 0.85, "quotes": 0.92}
SPEAKER_GOAL = 0.92


@pytest.fixture(scope="module")
def scores() -> dict[tuple[str, str], dict]:
    result = CliRunner().invoke(app, ["evaluate", str(GOLD), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {(row["language"], row["extractor"]): row for row in json.loads(result.stdout)}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("extractor", sorted(F1_GOALS))
def test_f1_meets_the_goal_in_each_language(scores, language, extractor):
    row = scores[(language, extractor)]
    assert row["gold"] > 0, f"the gold set has no {extractor} in {language}"
    assert row["f1"] >= F1_GOALS[extractor], row


@pytest.mark.parametrize("language", ["en", "es"])
def test_quote_speakers_meet_the_goal(scores, language):
    row = scores[(language, "quotes")]
    assert row["speaker_accuracy"] >= SPEAKER_GOAL, row


def test_every_document_was_scored(scores):
    documents = sum(1 for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip())
    assert scores[("all", "leaders")]["documents"] == documents


def test_extraction_is_deterministic_and_the_same_in_worker_processes(pipeline):
    """The same texts give the same records twice over and with the NLP in a pool of worker processes, as
    `[nlp] n_process = 2` runs it: stored rows and evaluations must not depend on the run."""
    from extractors.evaluate import load_gold, predict
    from extractors.pipeline import ExtractionPipeline

    gold = load_gold(GOLD)
    first = predict(gold, pipeline)
    assert predict(gold, pipeline) == first
    pooled = ExtractionPipeline(n_process=2)
    try:
        assert predict(gold, pooled) == first
    finally:
        pooled.close()
    assert sum(len(found["leaders"]) + len(found["quotes"]) for found in first) > 200


CORPUS = Path(__file__).resolve().parent / "corpus" / "articles.jsonl"


def test_corpus_split_is_scored_by_fact_per_language():
    """`tradewire evaluate tests/corpus/articles.jsonl --split tune`: only that split, per language, tariffs
    as facts (a rate repeated in several mentions counts once) with their status accuracy."""
    documents = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    tune = [d for d in documents if d["split"] == "tune"]
    result = CliRunner().invoke(app, ["evaluate", str(CORPUS), "--split", "tune", "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = {(row["language"], row["extractor"]): row for row in json.loads(result.stdout)}
    for language in ("en", "es"):
        assert rows[(language, "leaders")]["documents"] == sum(d["language"] == language for d in tune)
        tariffs = rows[(language, "tariffs")]
        assert tariffs["gold"] == sum(len(d["tariffs"]) for d in tune if d["language"] == language)
        assert 0 < tariffs["matched"] <= rows[(language, "tariffs_loose")]["matched"]
        assert 0 < tariffs["accuracy"] <= 1
    assert rows[("en", "tariffs")]["f1"] >= 0.75  # the tune figure when this scoring was added; only goes up


def test_split_needs_a_corpus_file():
    result = CliRunner().invoke(app, ["evaluate", str(GOLD), "--split", "tune"])
    assert result.exit_code == 1
    assert "split" in result.output


def test_fact_scoring_counts_repeats_once_and_reads_worldwide_targets():
    from extractors.evaluate_facts import FactReport, score_article

    gold = {"leaders": [{"name": "Claudia Sheinbaum", "country": "Mexico"}],
            "tariffs": [{"rate_pct": 25, "imposer": "United States", "target": ["Mexico", "Canada"],
                         "status": "announced"},
                        {"rate_pct": 50, "imposer": "United States", "target": "all countries (incl. Mexico)",
                         "status": "in effect"},
                        {"rate_pct": 10, "imposer": "United States", "target": "all countries", "status": None}],
            "quotes": [{"quote": "We will not be subordinated", "speaker": "Claudia Sheinbaum"}],
            "percentages": [{"value": 25}, {"value": 50}, {"value": 10}]}
    tariff = lambda rate, targets, status: {"rate_pct": rate, "imposer": "United States",  # noqa: E731
                                            "targets": targets, "status": status}
    predicted = {"leaders": [{"name": "Claudia Sheinbaum", "country": "Mexico"}, {"name": "Sheinbaum",
                                                                                   "country": "Mexico"}],
                 "tariffs": [tariff(25.0, ["Mexico"], "announced"), tariff(25.0, ["Mexico"], "announced"),
                             tariff(50.0, ["Mexico"], "announced"), tariff(10.0, [], "previous")],
                 "quotes": [{"text": "we will not be subordinated", "speaker": "Sheinbaum", "kind": "direct"}],
                 "percentages": [{"value": 25.0}, {"value": 50.0}]}
    report = FactReport()
    score_article(report, predicted, gold)
    rows = {row["extractor"]: row for row in report.as_rows("en")}
    assert (rows["leaders"]["matched"], rows["leaders"]["predicted"]) == (1, 1)
    assert (rows["tariffs"]["matched"], rows["tariffs"]["predicted"], rows["tariffs"]["gold"]) == (3, 3, 3)
    assert rows["tariffs"]["accuracy"] == round(2 / 3, 4)  # 50% said announced, in effect in the gold
    assert (rows["quotes"]["matched"], rows["quotes"]["accuracy"]) == (1, 1.0)
    assert (rows["percentages"]["matched"], rows["percentages"]["recall"]) == (2, round(2 / 3, 4))


def test_a_missing_gold_file_is_named_with_the_files_to_use(tmp_path):
    missing = tmp_path / "gold.jsonl"
    result = CliRunner().invoke(app, ["evaluate", str(missing)])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert str(missing) in message and "Errno" not in message
    assert "tests/gold/gold.jsonl" in message and "tests/corpus/articles.jsonl" in message
