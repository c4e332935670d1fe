"""`published_source`: what gave an article its date — "input" (a .jsonl field, a feed entry), "markup" (the
page's metadata), "url", "text" (the article's words) or null — through `tradewire extract`, `tradewire import`
into a real DuckDB file, and migration m004 on a database written before it.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.plan import RunPlan
from storage import migrations
from storage.check import check_database
from storage.db import session

DATELINED = ("Harbour road to be widened\n\nPORT ALDER, June 4, 2025 (Coast Wire) — The council voted to widen "
             "the harbour road to four lanes, ending a dispute over tariffs on imported steel for the bridge.\n")
UNDATED = ("Harbour road to be widened\n\nThe council voted to widen the harbour road to four lanes, ending a "
           "dispute over tariffs on imported steel for the bridge.\n")


def page(head: str, body: str = "") -> str:
    return (f"<html lang='en'><head><title>Council widens the harbour road</title>{head}</head><body><article>"
            f"<h1>Council widens the harbour road</h1>{body}<p>{UNDATED.splitlines()[-1] * 3}</p>"
            "</article></body></html>")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("published-source")
    files = {
        "text": folder / "datelined.txt",
        "none": folder / "undated.txt",
        "jsonl": folder / "records.jsonl",
        "markup": folder / "markup.html",
        "url": folder / "url.html",
    }
    files["text"].write_text(DATELINED, encoding="utf-8")
    files["none"].write_text(UNDATED, encoding="utf-8")
    files["jsonl"].write_text(
        json.dumps({"url": "https://coast.example/a", "published": "2025-06-02T10:00:00Z", "text": DATELINED}) + "\n"
        + json.dumps({"url": "https://coast.example/b", "text": DATELINED.replace("Harbour", "Pier")}) + "\n"
        + json.dumps({"url": "https://coast.example/c", "text": UNDATED.replace("Harbour", "Quay")}) + "\n",
        encoding="utf-8")
    files["markup"].write_text(page('<meta property="article:published_time" content="2025-06-03T08:00:00+01:00">'),
                               encoding="utf-8")
    files["url"].write_text(page('<link rel="canonical" href="https://coast.example/2025/06/01/harbour-road/">'),
                            encoding="utf-8")
    return files


EXPECTED = {  # source -> (published, published_source)
    "datelined.txt": ("2025-06-04T00:00:00", "text"),
    "undated.txt": (None, None),
    "records.jsonl:1": ("2025-06-02T10:00:00+00:00", "input"),
    "records.jsonl:2": ("2025-06-04T00:00:00", "text"),
    "records.jsonl:3": (None, None),
    "markup.html": ("2025-06-03T08:00:00+01:00", "markup"),
    "url.html": ("2025-06-01T00:00:00", "url"),
}


def test_extract_prints_published_source(inputs):
    result = CliRunner().invoke(app, ["extract", *map(str, inputs.values()), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    got = {Path(r["source"]).name: (r["published"], r["published_source"]) for r in records}
    assert got == EXPECTED
    # the contract's field order: published_source right after published
    keys = list(records[0])
    assert keys.index("published_source") == keys.index("published") + 1


def test_import_stores_published_source(inputs, settings, tmp_path):
    from flows.ingest import ingest_flow

    db = tmp_path / "import.duckdb"
    result = ingest_flow(RunPlan("import", db, settings, files=list(inputs.values())))
    assert result["status"] == "success", result["errors"]
    with session(db, read_only=True) as con:
        rows = con.execute("select source, published_source, published is null from articles").fetchall()
    got = {Path(source).name: (kind, missing) for source, kind, missing in rows}
    assert got == {name: (kind, published is None) for name, (published, kind) in EXPECTED.items()}
    assert all(check.ok for check in check_database(db))


def test_migration_adds_the_column_with_null_for_stored_articles(tmp_path, settings, inputs):
    """A database written before m004 (articles and their extraction rows, which reference articles) upgrades:
    the column appears, old rows have null, and the next import fills it."""
    from flows.ingest import ingest_flow

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    migrations.current_version(con)
    for number, migration in enumerate(migrations.MIGRATIONS[:3], start=1):
        migration(con)
        con.execute("insert into schema_migrations (version, name) values (?, ?)", [number, migration.__name__])
    con.execute("""insert into articles (article_id, url, title, authors, published, language, text, word_count,
                   body_hash, status) values ('old1', 'https://coast.example/old', 'Old', [], timestamp '2025-01-02',
                   'en', 'Old text.', 2, 'h', 'extracted')""")
    con.execute("insert into quotes (article_id, ordinal, text, kind, start_char, end_char, sentence) "
                "values ('old1', 0, 'x', 'direct', 0, 1, 'x')")
    con.close()
    result = ingest_flow(RunPlan("import", db, settings, files=[inputs["text"]]))
    assert result["status"] == "success", result["errors"]
    with session(db, read_only=True) as con:
        assert con.execute("select max(version) from schema_migrations").fetchone()[0] == len(migrations.MIGRATIONS)
        rows = dict(con.execute("select url, published_source from articles").fetchall())
    assert rows["https://coast.example/old"] is None
    assert [kind for url, kind in rows.items() if url.endswith("datelined.txt")] == ["text"]
