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
