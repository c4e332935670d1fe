"""The NLP worker pool (`[nlp] n_process` > 1): extractions equal to one process's, workers below the feeder."""

from __future__ import annotations

import os

from extractors.pipeline import ExtractionPipeline
from extractors.records import Article
from extractors.worker import WORKER_NICENESS

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
