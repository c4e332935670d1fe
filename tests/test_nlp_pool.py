"""The NLP worker pool (`[nlp] n_process` > 1): extractions equal to one process's, workers below the feeder;
how many workers "auto" chooses."""

from __future__ import annotations

import json
import os

import psutil
import pytest
from typer.testing import CliRunner

from extractors.config import ConfigError
from extractors.pipeline import ExtractionPipeline
from extractors.pool_size import ARTICLES_PER_WORKER, WORKER_MB, PoolSize, choose
from extractors.records import Article
from extractors.worker import WORKER_NICENESS
from flows.cli import app
from flows.plan import RunPlan
from flows.settings import load_settings

SENTENCES = [
    "The United States will raise its tariff on Canadian lumber to 35%, the Commerce Department said.",
    "“We will answer in kind,” Prime Minister Mark Carney told reporters in Ottawa on Friday.",
    "Mexico's exports to the US rose 4% in March, the statistics agency said.",
    "President Claudia Sheinbaum said talks on steel quotas would continue next week.",
    "Officials said the 25% levy on imported cars would take effect on April 3.",
]


def test_workers_extract_what_one_process_does_and_run_below_the_feeder(pipeline):
    articles = [Article(url=f"https://example.org/{i}", text=" ".join(SENTENCES[i % 5:] + SENTENCES[:i % 5]),
                        language="en") for i in range(10)]
    pooled = ExtractionPipeline(n_process=2, batch_size=4)  # 10 articles: 3 chunks for 2 workers
    try:
        assert pooled.extract(articles) == pipeline.extract(articles)
        niceness = [future.result() for future in pooled._submit([(os.nice, (0,))] * 2)]
    finally:
        pooled.close()
    assert niceness == [min(19, os.nice(0) + WORKER_NICENESS)] * 2


def test_an_explicit_number_of_processes_wins():
    assert choose(3, articles=1) == PoolSize(3, "set in [nlp] n_process")


def test_auto_is_bounded_by_cores_memory_and_work():
    cores = len(os.sched_getaffinity(0))
    large = choose("auto")
    assert 1 <= large.n_process <= cores
    assert large.n_process <= max(1, psutil.virtual_memory().available // 2**20 // WORKER_MB)
    assert f"{cores} usable core" in large.reason and f"~{WORKER_MB} MB a worker" in large.reason
    few = choose("auto", articles=ARTICLES_PER_WORKER - 1)  # a handful: no pool, the caller extracts them
    assert few.n_process == 1 and "limited by the work" in few.reason
    assert choose("auto", articles=ARTICLES_PER_WORKER * cores).n_process == large.n_process


def test_a_run_chooses_once(settings, tmp_path):
    plan = RunPlan("import", tmp_path / "x.duckdb", settings)
    assert settings.n_process == "auto"  # the shipped default
    first = plan.nlp_processes(1)  # an import chooses before reading its files...
    assert first == 1 and plan.nlp_processes(10_000) == first  # ...and keeps the pool it started


@pytest.mark.parametrize("value, ok", [('"auto"', True), ("2", True), ("0", False), ('"fast"', False),
                                       ("true", False), ("1.5", False)])
def test_n_process_setting_is_auto_or_a_number(tmp_path, value, ok):
    path = tmp_path / "settings.toml"
    path.write_text(f"[nlp]\nn_process = {value}\n", encoding="utf-8")
    if ok:
        assert load_settings(path).n_process == json.loads(value)
    else:
        with pytest.raises(ConfigError, match='use "auto" or a number'):
            load_settings(path)


def test_info_prints_what_auto_chose_and_why():
    info = json.loads(CliRunner().invoke(app, ["info", "--format", "json"]).stdout)
    assert info["nlp_processes"] == choose("auto").n_process
    assert info["nlp_processes_why"].startswith("auto: ")
