"""Crash safety: `tradewire import` killed with SIGKILL during its writing phase leaves a database that passes
every integrity check, and a re-run ends with exactly the content of an uninterrupted run.

A few trials here, at moments spread over the writing phase (early, middle, late); bench/crash.py runs 20 and
more, for import and ingest. The runs use one Prefect server for the module, so each pays only for its work.
"""

from __future__ import annotations

import sys

import pytest

from bench.crash import check_database, child_env, crash_trial, failing, import_workload, reference

ARTICLES = 12      # corpus articles per run: four store transactions, then the duplicates and the links
STORE_BATCH = 3


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    from flows.serve import prefect_server

    folder = tmp_path_factory.mktemp("crash-prefect")
    with prefect_server(folder / "server.log", home=folder / "home") as url:
        yield child_env(url)


@pytest.fixture(scope="module")
def workload(tmp_path_factory):
    return import_workload(tmp_path_factory.mktemp("crash-import"), ARTICLES, STORE_BATCH)


@pytest.fixture(scope="module")
def expected(workload, env, tmp_path_factory):
    """(content of an uninterrupted import, its writing phase in seconds)."""
    content, writing = reference(workload, tmp_path_factory.mktemp("crash-reference"), env)
    assert content["articles"] and content["quotes"] and content["events"]
    return content, writing


@pytest.mark.parametrize("share", [0.2, 0.5, 0.8])
def test_killed_import_holds_and_a_rerun_completes_it(share, workload, env, expected, tmp_path):
    content, writing = expected
    trial = crash_trial(1, workload, tmp_path, env, content, share * writing, share)
    print(trial.report(), file=sys.stderr)
    assert trial.killed, trial.note
    assert trial.held, trial.report()


# ------------------------------------------------------------------------------------------- the checks themselves


@pytest.fixture(scope="module")
def healthy(tmp_path_factory):
    """A small consistent database: two extracted articles (with extraction rows), an exact copy, linked."""
    from datetime import datetime, timezone

    from extractors.records import Article, Extraction, LeaderMention, Quote
    from storage.articles import ArticleRow, store_articles
    from storage.db import session
    from storage.linking.linker import link_pending
    from storage.runs import finish_run, start_run

    db = tmp_path_factory.mktemp("checks") / "healthy.duckdb"
    text = ('Claudia Sheinbaum said on Monday that Mexico would answer the 25 percent tariffs. "We will respond '
            'with calm," she said in Mexico City.')
    when = datetime(2025, 3, 4, 12, tzinfo=timezone.utc)
    found = Extraction(leaders=[LeaderMention("Claudia Sheinbaum", "President", "Mexico", True, 0, 17, text[:80])],
                       quotes=[Quote("We will respond with calm,", "Claudia Sheinbaum", "direct", 87, 113, text[80:])])
    first = Article(url="https://a.example/1", text=text, title="Mexico answers", published=when, language="en")
    copy = Article(url="https://b.example/copy", text=text, title="Mexico answers", published=when, language="en")
    other = Article(url="https://a.example/2", text="Canada raised steel duties to 25 percent on Tuesday, Ottawa "
                    "said, in answer to the US tariffs.", title="Canada raises duties", published=when,
                    language="en")
    with session(db) as con:
        start_run(con, "r1", "import")
        store_articles(con, [ArticleRow(first, "extracted", extraction=found, run_id="r1"),
                             ArticleRow(other, "extracted", extraction=Extraction(), run_id="r1")])
        store_articles(con, [ArticleRow(copy, "duplicate", duplicate_of=ArticleRow(first, "x").article_id,
                                        run_id="r1")])
        link_pending(con)
        finish_run(con, "r1", "success", {}, [])  # a healthy database: its run finished
    assert failing(check_database(db)) == []
    return db


CORRUPTIONS = {
    "a quote row lost": ("delete from quotes", "extraction"),
    "an extra quote row": ("insert into quotes select article_id, ordinal + 1, text, speaker, kind, start_char, "
                           "end_char, sentence from quotes", "extraction"),
    "extracted without extraction": ("delete from extractions where tariffs = 0 and quotes = 0", "extraction"),
    "extraction of an older body": ("update extractions set body_hash = 'old' where quotes = 0", "extraction"),
    "extraction rows of a skipped article": ("update articles set status = 'skipped' where title = 'Mexico answers' "
                                             "and duplicate_of is null", "extraction"),
    # (quotes, mentions and the other m001 tables have foreign keys: DuckDB itself refuses orphans there)
    "an extractions row of a missing article": ("insert into extractions (article_id, body_hash, leader_mentions, "
                                                "tariffs, quotes, percentages) values ('gone', 'h', 0, 0, 0, 0)",
                                                "references to articles"),
    "a link of a missing article": ("insert into article_events (article_id, event_id) select 'gone', event_id "
                                    "from events limit 1", "references to articles"),
    "a link to a missing event": ("delete from events where event_id in (select event_id from article_events "
                                  "limit 1)", "references to events"),
    # (the linker's fingerprint of a copy includes duplicate_of: the link is stale too)
    "a copy of a missing article": ("update articles set duplicate_of = 'nowhere' where status = 'duplicate'",
                                    "duplicates", "event links"),
    "a duplicate without its original": ("update articles set duplicate_of = null where status = 'duplicate'",
                                         "duplicates", "event links"),
    "a linked article that lost its link": ("delete from article_events where article_id in (select article_id "
                                            "from articles where status = 'extracted' and title like 'Canada%')",
                                            "event links", "events"),
    "an article changed after it was linked": ("update articles set title = 'Canada raises duties again' "
                                               "where title like 'Canada%'", "event links"),
    "an event holding nothing": ("insert into events (event_id, title, article_count) values ('ev_x', 'x', 0)",
                                 "events"),
    "an unknown status": ("update articles set status = 'weird' where title like 'Mexico%' and duplicate_of is null",
                          "article status", "extraction"),
    "a fetch of a missing run": ("insert into fetches (run_id, url, outcome) values ('nope', 'u', 'error')",
                                 "references to runs"),
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_each_check_catches_what_it_is_for(healthy, tmp_path, corruption):
    import shutil

    import duckdb

    statement, *checks = CORRUPTIONS[corruption]
    db = tmp_path / "corrupt.duckdb"
    shutil.copy(healthy, db)
    con = duckdb.connect(str(db))  # raw SQL, bypassing tradewire: what a bug or a bad edit could leave
    try:
        con.execute(statement)
    finally:
        con.close()
    failed = [c for c in check_database(db) if not c.ok]
    assert [c.name for c in failed] == checks, [c.line() for c in failed]
    assert all("\n" not in c.detail for c in failed)


def test_an_article_not_yet_linked_is_waiting_not_a_failure(healthy, tmp_path):
    import shutil

    from extractors.records import Article, Extraction
    from storage.articles import ArticleRow, store_articles
    from storage.db import session

    db = tmp_path / "waiting.duckdb"
    shutil.copy(healthy, db)
    late = Article(url="https://c.example/late", text="The EU said it would wait before answering the tariffs.",
                   language="en")
    with session(db) as con:  # what a run killed between storing and linking leaves: stored, not yet linked
        store_articles(con, [ArticleRow(late, "extracted", extraction=Extraction(), run_id="r1")])
    checks = {c.name: c for c in check_database(db)}
    assert all(c.ok for c in checks.values()), [c.line() for c in checks.values() if not c.ok]
    assert "1 waiting to be linked" in checks["event links"].detail


def test_a_missing_or_foreign_file_fails_the_opens_check(tmp_path):
    assert [(c.name, c.ok) for c in check_database(tmp_path / "none.duckdb")] == [("opens", False)]
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    checks = check_database(junk)
    assert checks[0].name == "opens" and not checks[0].ok and "\n" not in checks[0].detail


# ------------------------------------------------------------------------------------------- kills at exact points

KILL_SELF = r"""
import os, signal, sys
from datetime import datetime, timezone
sys.path.insert(0, sys.argv[3])
from extractors.records import Article, Extraction, Quote
import storage.articles as articles
from storage.db import session
from storage.runs import start_run

db, moment = sys.argv[1], sys.argv[2]
text = '"We will answer," Mark Carney said of the 25 percent tariffs on Canadian steel.'
rows = [articles.ArticleRow(Article(url=f"https://k.example/{i}", text=text + f" ({i})", language="en",
                                    published=datetime(2025, 3, 4, tzinfo=timezone.utc)),
                            "extracted", run_id="k",
                            extraction=Extraction(quotes=[Quote("We will answer,", "Mark Carney", "direct", 1, 16,
                                                                text)]))
        for i in range(3)]
die = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
with session(db) as con:
    start_run(con, "k", "import")
    if moment == "mid-transaction":  # the articles are inserted, their extraction rows not yet
        articles._insert_extractions = die
    if moment == "between-release-and-store":  # replacing extracted articles: first transaction done only
        articles.store_articles(con, rows)
        for row in rows:
            row.article.text += " Changed."
        rows = [articles.ArticleRow(row.article, "extracted", run_id="k", extraction=row.extraction)
                for row in rows]
        release = articles._release_extracted
        articles._release_extracted = lambda *args: (release(*args), die())
    articles.store_articles(con, rows)
    die()  # after the commit, before the connection closes (and checkpoints)
"""


@pytest.mark.parametrize("moment, stored, quotes", [("mid-transaction", 0, 0), ("after-commit", 3, 3),
                                                     ("between-release-and-store", 3, 0)])
def test_a_kill_inside_or_right_after_a_store_transaction(tmp_path, moment, stored, quotes):
    import subprocess
    from pathlib import Path

    from storage.db import session

    db = tmp_path / "killed.duckdb"
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", KILL_SELF, str(db), moment, root], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == -9, done.stderr[-2000:]
    wal = db.with_name(db.name + ".wal")
    assert wal.exists() and wal.stat().st_size > 0, "the kill left no write-ahead log to replay"
    assert failing(check_database(db)) == []  # read-only: the log is replayed in memory
    with session(db) as con:  # for writing: replayed into the file
        (articles,) = con.execute("select count(*) from articles").fetchone()
        (found_quotes,) = con.execute("select count(*) from quotes").fetchone()
        statuses = {status for (status,) in con.execute("select status from articles").fetchall()}
    assert (articles, found_quotes) == (stored, quotes)
    if moment == "between-release-and-store":  # new text, waiting for the next run's extraction
        assert statuses == {"pending"}
    assert failing(check_database(db)) == []


UPGRADE_THEN_DIE = r"""
import os, signal, sys
sys.path.insert(0, sys.argv[2])
import duckdb
from storage import migrations
con = duckdb.connect(sys.argv[1])
con.execute("begin transaction")
migrations.MIGRATIONS[1](con)  # m002 drops and recreates article_events, which references articles
con.execute("insert into schema_migrations (version, name) values (2, 'm002')")
con.execute("commit")
os.kill(os.getpid(), signal.SIGKILL)  # before the connection closes: the upgrade is only in the log
"""


def test_a_database_killed_during_a_schema_upgrade_opens_offline(tmp_path):
    """DuckDB 2.0.1 needs its core_functions extension to replay the log of that DROP TABLE, and by default
    tries to download it; storage/db.py turns auto-install off so the built-in copy is used (no network)."""
    import subprocess
    from pathlib import Path

    import duckdb

    from storage import migrations
    from storage.db import session

    db = tmp_path / "upgrading.duckdb"
    con = duckdb.connect(str(db))  # a database made by version 1 of the schema
    migrations.current_version(con)
    migrations.MIGRATIONS[0](con)
    con.execute("insert into schema_migrations (version, name) values (1, 'm001')")
    con.close()
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", UPGRADE_THEN_DIE, str(db), root], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == -9, done.stderr[-2000:]
    assert db.with_name(db.name + ".wal").stat().st_size > 0
    assert failing(check_database(db)) == []
    with session(db) as con:  # upgraded the rest of the way
        assert con.execute("select max(version) from schema_migrations").fetchone()[0] == len(migrations.MIGRATIONS)
    assert failing(check_database(db)) == []
