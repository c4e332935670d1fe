"""Idempotence: ingesting the same sources again, or importing the same files again, adds no content row
(articles, extraction rows, leaders, events, links), while `runs` and `fetches` record every attempt.

The repeated runs go through the real Prefect flow in this process. (tests/test_crash.py repeats a CLI import;
tests/test_orchestration.py repeats a scheduled ingest.)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.crash import CONTENT_TABLES, corpus_records, snapshot
from flows.plan import RunPlan
from storage.check import check_database
from storage.db import session

DEMO_SITE = Path(__file__).resolve().parent.parent / "config" / "demo" / "site"


def _bookkeeping(db: Path) -> tuple[int, int]:
    with session(db, read_only=True) as con:
        (runs,) = con.execute("select count(*) from runs").fetchone()
        (fetches,) = con.execute("select count(*) from fetches").fetchone()
    return runs, fetches


def _copy(db: Path, target: Path) -> Path:
    shutil.copy(db, target)
    wal = db.with_name(db.name + ".wal")
    if wal.exists():
        shutil.copy(wal, target.with_name(target.name + ".wal"))
    return target


def test_ingesting_the_demo_again_adds_nothing(demo_db, demo_site, settings, tmp_path):
    from flows.demo import demo_sources
    from flows.ingest import ingest_flow

    db = _copy(demo_db, tmp_path / "again.duckdb")
    before, (runs, fetches) = snapshot(db), _bookkeeping(db)
    assert before["articles"] and before["quotes"] and before["events"]
    again = ingest_flow(RunPlan("ingest", db, settings, sources=demo_sources(demo_site.base_url)))
    assert again["status"] == "success", again["errors"]
    assert again["counts"]["stored"] == 0 and again["counts"]["seen"] > 0
    assert snapshot(db) == before
    refetched = ingest_flow(RunPlan("ingest", db, settings, sources=demo_sources(demo_site.base_url), refetch=True))
    assert refetched["status"] == "success", refetched["errors"]
    assert refetched["counts"]["not_modified"] > 0 and refetched["counts"]["stored"] == 0
    assert snapshot(db) == before
    runs_after, fetches_after = _bookkeeping(db)
    assert runs_after == runs + 2
    # every attempt is recorded: the listings and each article URL, once per run
    assert fetches_after >= fetches + 2 * again["counts"]["seen"]
    assert all(c.ok for c in check_database(db))


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    """A mixed import: demo pages (.html), a .txt body, a .jsonl of corpus articles with exact copies, and a
    file that fails (so every attempt leaves a `fetches` row too)."""
    folder = tmp_path_factory.mktemp("import-files")
    pages = sorted((DEMO_SITE / "northern-ledger").rglob("*.html"))[:2]
    copied = []
    for page in pages:
        target = folder / page.name
        target.write_bytes(page.read_bytes())
        copied.append(target)
    text = folder / "brief.txt"
    # dated (a byline date): an undated article's event times come from when it was stored, which differs
    # between two databases filled at different moments
    text.write_text("Canada answers steel tariffs\nBy Staff Writer, March 13, 2025\n\nOttawa said on Friday it would impose 25 percent counter-tariffs "
                    "on US steel products after Washington raised its own duties to 50 percent.\n", encoding="utf-8")
    records = corpus_records(12)
    jsonl = folder / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps({k: r[k] for k in ("url", "title", "published", "outlet", "language",
                                                             "text")}, ensure_ascii=False) + "\n"
                             for r in records), encoding="utf-8")
    broken = folder / "broken.txt"
    broken.write_bytes(b"\xff\xfe\xfa not utf-8")
    return [*copied, text, jsonl, broken]


def test_importing_the_same_files_again_adds_nothing(files, settings, tmp_path):
    from flows.ingest import ingest_flow

    db = tmp_path / "import.duckdb"
    first = ingest_flow(RunPlan("import", db, settings, files=files))
    assert first["status"] == "partial" and len(first["errors"]) == 1, first["errors"]
    content, (runs, fetches) = snapshot(db), _bookkeeping(db)
    assert content["articles"] and content["quotes"] and content["article_events"]
    assert {"duplicate", "extracted"} <= {row[-1] for row in _statuses(db)}
    second = ingest_flow(RunPlan("import", db, settings, files=files))
    assert second["counts"]["stored"] == 0 and second["counts"]["unchanged"] == first["counts"]["stored"]
    assert snapshot(db) == content
    assert _bookkeeping(db) == (runs + 1, fetches + 1)
    assert all(c.ok for c in check_database(db))


def test_the_same_articles_in_two_runs_or_one_give_the_same_content(files, settings, tmp_path):
    """Importing the files in two runs, in another order, ends where importing them at once does."""
    from flows.ingest import ingest_flow

    together, apart = tmp_path / "together.duckdb", tmp_path / "apart.duckdb"
    ingest_flow(RunPlan("import", together, settings, files=files))
    backwards = files[::-1]
    for part in (backwards[:2], backwards[2:]):
        ingest_flow(RunPlan("import", apart, settings, files=part))
    assert snapshot(apart) == snapshot(together)


def _statuses(db: Path) -> list[tuple]:
    with session(db, read_only=True) as con:
        return con.execute("select article_id, status from articles").fetchall()


def test_one_article_listed_under_several_spellings_is_fetched_once(settings):
    """Tracking parameters, fragments, case and default ports do not make a second article."""
    from http_server import HTTPTestServer, Reply

    from flows.fetcher import FetchMemory
    from flows.settings import Source
    from flows.stages import discover

    with HTTPTestServer() as server:
        base = server.url("/story.html")
        spellings = [base, base + "?utm_source=feed&utm_medium=rss", base + "#comments",
                     base.replace("http://", "HTTP://"), base + "?fbclid=abc"]
        items = "".join(f"<item><link>{u.replace('&', '&amp;')}</link></item>" for u in spellings)
        server.route("/feed.xml", Reply(200, f"<rss><channel>{items}</channel></rss>",
                                        content_type="application/rss+xml"))
        candidates, _, errors = discover([Source("s", "rss", url=server.url("/feed.xml"), allow_private=True)],
                                         settings.fetch, FetchMemory())
    assert not errors and [c.url for c in candidates] == [base]


def test_content_tables_cover_every_table_a_run_fills(demo_db):
    """The idempotence and crash comparisons look at every content table the schema has."""
    bookkeeping = {"runs", "fetches", "sources", "schema_migrations"}
    with session(demo_db, read_only=True) as con:
        tables = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
    linker_state = {t for t in tables if t.startswith("link_")}
    assert tables - bookkeeping - linker_state == set(CONTENT_TABLES)


def test_a_changed_file_replaces_its_article_and_extraction_rows(settings, tmp_path):
    """Re-importing a file whose text changed rewrites that article (DuckDB's foreign keys made this fail: see
    storage/articles.py _release_extracted); importing it once more changes nothing."""
    from flows.ingest import ingest_flow

    path = tmp_path / "story.txt"
    path.write_text("Steel duties rise\nBy Staff Writer, March 13, 2025\n\n\"We will respond,\" Mark Carney said, "
                    "as Ottawa set 25 percent tariffs on US steel.\n", encoding="utf-8")
    db = tmp_path / "changed.duckdb"
    assert ingest_flow(RunPlan("import", db, settings, files=[path]))["status"] == "success"
    first = snapshot(db)
    path.write_text(path.read_text(encoding="utf-8") + "\n\"This is not a negotiation,\" Mélanie Joly said of "
                    "the 50 percent duties on aluminum.\n", encoding="utf-8")
    changed = ingest_flow(RunPlan("import", db, settings, files=[path]))
    assert changed["status"] == "success", changed["errors"]
    after = snapshot(db)
    assert len(after["articles"]) == 1 and after["articles"] != first["articles"]
    assert len(after["quotes"]) > len(first["quotes"])
    again = ingest_flow(RunPlan("import", db, settings, files=[path]))
    assert again["counts"]["unchanged"] == 1 and snapshot(db) == after
    assert all(c.ok for c in check_database(db))


def test_a_refetched_page_that_changed_replaces_its_article(settings, tmp_path):
    from http_server import HTTPTestServer, Reply

    from flows.ingest import ingest_flow
    from flows.settings import Source

    page = ("<html><head><title>Steel duties rise</title><meta property='article:published_time' "
            "content='2025-03-13T10:00:00Z'></head><body><article><p>\"We will respond,\" Mark Carney said, as "
            "Ottawa set 25 percent tariffs on US steel and the USMCA review neared.</p>{}</article></body></html>")
    db = tmp_path / "refetch.duckdb"
    with HTTPTestServer() as server:
        server.route("/feed.xml", Reply(200, f"<rss><channel><item><link>{server.url('/a.html')}</link></item>"
                                             "</channel></rss>", content_type="application/rss+xml"))
        server.route("/a.html", Reply(200, page.format(""), etag='"v1"'))
        sources = [Source("s", "rss", url=server.url("/feed.xml"), allow_private=True, relevance_threshold=0.0)]
        first = ingest_flow(RunPlan("ingest", db, settings, sources=sources))
        assert first["counts"]["stored"] == 1, first
        before = snapshot(db)
        server.route("/a.html", Reply(200, page.format("<p>\"Not a negotiation,\" Mélanie Joly said of the 50 "
                                                       "percent duties.</p>"), etag='"v2"'))
        changed = ingest_flow(RunPlan("ingest", db, settings, sources=sources, refetch=True))
        assert changed["status"] == "success" and changed["counts"]["stored"] == 1, changed
        after = snapshot(db)
        again = ingest_flow(RunPlan("ingest", db, settings, sources=sources, refetch=True))
        assert again["counts"]["not_modified"] == 1 and snapshot(db) == after
    assert len(after["articles"]) == 1 and after["articles"] != before["articles"]
    assert len(after["quotes"]) > len(before["quotes"])
    assert all(c.ok for c in check_database(db))
