"""The main job end to end: the demo site served over HTTP, ingested by the real Prefect flow into DuckDB."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

from extractors.config import CONFIG_DIR
from storage.db import session
from storage.queries import list_events, run_sql, summary_counts

MANIFEST = tomllib.loads((CONFIG_DIR / "demo" / "MANIFEST.toml").read_text(encoding="utf-8"))
PAGES = {page["path"]: page for page in MANIFEST["page"]}
MEETING = "sheinbaum-carney-mexico-city-2025-09"


def _page_for(url: str) -> dict:
    return PAGES[urlsplit(url).path.lstrip("/")]


@pytest.fixture(scope="module")
def events(demo_db):
    with session(demo_db, read_only=True) as con:
        return list_events(con)


def test_every_summary_count_is_non_zero(demo_db):
    with session(demo_db, read_only=True) as con:
        counts = summary_counts(con)
    for name in ("articles", "leaders", "tariffs", "quotes", "percentages", "events", "duplicates"):
        assert counts[name] > 0, f"no {name} after the demo run: {counts}"


def test_every_trade_article_is_stored_and_nothing_else(demo_db):
    with session(demo_db, read_only=True) as con:
        _, rows = run_sql(con, "select url, status from articles")
    stored = {urlsplit(url).path.lstrip("/"): status for url, status in rows}
    articles = {p for p, page in PAGES.items() if page["kind"] == "article"}
    assert articles <= set(stored), f"missing: {articles - set(stored)}"
    assert all(stored[p] in ("extracted", "duplicate") for p in articles)
    offtopic = [p for p, page in PAGES.items() if page["kind"] == "offtopic"]
    assert all(stored.get(p) in (None, "skipped") for p in offtopic), "the off-topic page was extracted"
    assert not any(PAGES[p]["kind"] == "index" for p in stored if p in PAGES), "an index page was stored"


def test_index_pages_are_recorded_as_non_articles(demo_db):
    with session(demo_db, read_only=True) as con:
        _, rows = run_sql(con, "select url from fetches where outcome = 'non_article'")
    recorded = {urlsplit(url).path.lstrip("/") for (url,) in rows}
    listed_index_pages = {p for p, page in PAGES.items() if page["kind"] == "index" and page["listed_in"]}
    assert listed_index_pages and listed_index_pages <= recorded


def test_the_meeting_is_one_event_holding_nothing_else(events):
    by_event = defaultdict(set)
    for event in events:
        for article in event["articles"]:
            by_event[event["event_id"]].add(_page_for(article["url"])["event"])
    meeting_events = [keys for keys in by_event.values() if MEETING in keys]
    assert meeting_events == [{MEETING}], f"meeting stories spread or mixed: {meeting_events}"
    (meeting_id,) = [eid for eid, keys in by_event.items() if MEETING in keys]
    meeting = next(e for e in events if e["event_id"] == meeting_id)
    assert len(meeting["articles"]) == sum(page["event"] == MEETING for page in PAGES.values())


def test_other_stories_spread_over_at_least_three_events(events):
    others = [e for e in events if all(_page_for(a["url"])["event"] != MEETING for a in e["articles"])]
    assert len(others) >= 3


def test_a_second_demo_run_into_the_same_database_stores_nothing_again(settings, tmp_path):
    """`make demo` twice: the demo site keeps its port, so the second run finds every page already stored."""
    from flows.demo import run_demo

    db = tmp_path / "twice.duckdb"
    first, counts = run_demo(db, settings)
    second, again = run_demo(db, settings)
    assert first["status"] == second["status"] == "success", (first["errors"], second["errors"])
    assert first["counts"]["stored"] > 0 and second["counts"]["stored"] == 0
    assert second["counts"]["seen"] == first["counts"]["stored"]
    assert again == counts
