"""Shared test fixtures: expensive things (the spaCy pipeline, servers, a demo database) exist once per session.

Prefect's state goes to a temporary folder for the whole session, set before anything imports Prefect, so
tests never touch the user's data/ folder or ~/.prefect.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_PREFECT_HOME = tempfile.mkdtemp(prefix="tradewire-test-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"

TESTS_DIR = Path(__file__).resolve().parent
FIXTURES = TESTS_DIR / "fixtures"


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def pipeline():
    """The real extraction pipeline (English and Spanish), loaded once for the whole session."""
    from extractors.pipeline import ExtractionPipeline

    return ExtractionPipeline()


@pytest.fixture(scope="session")
def demo_site():
    """The bundled demo site served on 127.0.0.1 for the whole session."""
    from flows.demo_server import DemoSite

    with DemoSite() as site:
        yield site


@pytest.fixture(scope="session")
def settings():
    """Project settings with politeness delays shortened for a local server."""
    from flows.settings import load_settings

    loaded = load_settings()
    loaded.fetch.per_host_delay_s = 0.0
    loaded.fetch.backoff_base_s = 0.01
    loaded.fetch.total_timeout_s = 10.0
    return loaded


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, demo_site, settings):
    """A database filled by one real demo ingest (Prefect flow over HTTP), shared by read-only tests."""
    from flows.demo import demo_sources
    from flows.ingest import ingest_flow
    from flows.plan import RunPlan

    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    result = ingest_flow(RunPlan("demo", db, settings, sources=demo_sources(demo_site.base_url)))
    assert result["status"] == "success", result["errors"]
    return db


@pytest.fixture(scope="session")
def en(pipeline):
    """The full English pipeline (model and every tradewire component)."""
    return pipeline.nlp("en")


@pytest.fixture(scope="session")
def es():
    """Spanish rules without the quote component: a blank tokenizer, sentences as `extractors.nlp` makes them
    (blank lines, then the sentencizer), leaders/percentages/tariffs."""
    import spacy

    import extractors.leaders.component  # noqa: F401  (registers the factories)
    import extractors.paragraphs  # noqa: F401
    import extractors.percentages  # noqa: F401
    import extractors.tariffs.component  # noqa: F401

    nlp = spacy.blank("es")
    nlp.add_pipe("tradewire_paragraphs")
    nlp.add_pipe("sentencizer", config={"overwrite": False})
    for name in ("tradewire_leaders", "tradewire_percentages", "tradewire_tariffs"):
        nlp.add_pipe(name, config={"language": "es"})
    return nlp
