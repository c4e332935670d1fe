"""`tradewire import FOLDER` and `extract FOLDER`: the supported files at any depth, in a stable order, `--glob`
to narrow, and the same one-line errors as ever for what cannot be read (a binary file, a dangling link)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.article.input_files import count_articles, expand
from flows.cli import app
from storage.db import session

TRADEWIRE = str(Path(sys.executable).with_name("tradewire"))
TRADE = ("Mexico and Canada weighed retaliation after the United States raised tariffs on steel and aluminum "
         "to 50%, President Claudia Sheinbaum said on Tuesday. Canadian officials said the levies hurt exporters. ")
PAGE = ("<html><head><title>Canada answers the steel tariffs</title></head><body><article><h1>Canada answers "
        f"the steel tariffs</h1><p>{TRADE}</p><p>{TRADE}</p></article></body></html>")


@pytest.fixture()
def folder(tmp_path) -> Path:
    """A folder as a user has one: articles at several depths, files of other types, a binary file named .txt
    and a link to a file that is gone."""
    root = tmp_path / "articles"
    (root / "2025" / "june").mkdir(parents=True)
    (root / "2025" / "may").mkdir()
    (root / "top.txt").write_text("Steel tariffs\n\n" + TRADE * 3, encoding="utf-8")
    (root / "2025" / "june" / "page.html").write_text(PAGE, encoding="utf-8")
    lines = [{"url": f"https://news.example/{i}", "title": f"Tariffs {i}", "text": TRADE * (i + 2)} for i in range(2)]
    (root / "2025" / "may" / "wire.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines),
                                                       encoding="utf-8")
    (root / "notes.md").write_text("# what is in here\n", encoding="utf-8")  # other types: left out
    (root / "2025" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "2025" / "may" / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)
    (root / "2025" / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    return root


def test_a_folder_stands_for_its_supported_files_at_any_depth_in_a_stable_order(folder):
    found = expand([folder])
    assert [f.relative_to(folder).as_posix() for f in found.files] == [
        "2025/gone.txt", "2025/june/page.html", "2025/may/scan.txt", "2025/may/wire.jsonl", "top.txt"]
    assert found.left_out == 2 and not found.errors  # notes.md and chart.png
    assert count_articles(found.files, at_most=1000) == 6  # a .jsonl line is an article
    assert count_articles(found.files, at_most=3) == 3


def test_glob_narrows_a_folder_and_files_named_are_taken_whatever_their_type(folder):
    assert [f.name for f in expand([folder], "*.jsonl").files] == ["wire.jsonl"]
    assert [f.name for f in expand([folder], "june/*").files] == ["page.html"]
    assert [f.name for f in expand([folder], "2025/*/*").files] == ["page.html", "scan.txt", "wire.jsonl"]
    named = [folder / "notes.md", folder / "top.txt", folder]  # a file named twice is read once
    assert [f.name for f in expand(named).files] == ["notes.md", "top.txt", "gone.txt", "page.html", "scan.txt",
                                                      "wire.jsonl"]


def test_import_of_a_folder_stores_what_it_can_read_and_reports_the_rest(folder, tmp_path):
    db = tmp_path / "folder.duckdb"
    ran = subprocess.run([TRADEWIRE, "import", str(folder), "--db", str(db)], capture_output=True, text=True,
                         timeout=600)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert "left out 2 files in folders" in ran.stderr
    assert ": partial — " in ran.stdout and f"database: {db}" in ran.stdout  # the table summary, for people
    with session(db, read_only=True) as con:
        stored = sorted(source for (source,) in con.execute("select source from articles").fetchall())
        errors = dict(con.execute("select url, error from fetches where outcome = 'error'").fetchall())
        (status,) = con.execute("select status from runs").fetchone()
    assert stored == sorted([str(folder / "top.txt"), str(folder / "2025" / "june" / "page.html"),
                             f"{folder / '2025' / 'may' / 'wire.jsonl'}:1", f"{folder / '2025' / 'may' / 'wire.jsonl'}:2"])
    assert "not UTF-8 text" in errors[str(folder / "2025" / "may" / "scan.txt")]
    assert "cannot read (No such file or directory)" in errors[str(folder / "2025" / "gone.txt")]
    assert status == "partial"


def test_import_prints_its_summary_as_json_for_scripts(folder, tmp_path):
    """`--format json` puts the whole run summary on stdout, every error included, as the runs table keeps it."""
    db = tmp_path / "json.duckdb"
    ran = subprocess.run([TRADEWIRE, "import", str(folder / "top.txt"), str(folder / "2025" / "may" / "scan.txt"),
                          "--db", str(db), "--format", "json"], capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr[-2000:]
    summary = json.loads(ran.stdout)
    with session(db, read_only=True) as con:
        (run_id, status, errors) = con.execute("select run_id, status, errors from runs").fetchone()
    assert (summary["run_id"], summary["status"], summary["database"]) == (run_id, "partial", str(db))
    assert summary["errors"] == json.loads(errors) and len(summary["errors"]) == 1
    assert "not UTF-8 text" in summary["errors"][0]
    assert summary["counts"]["stored"] == 1


def test_extract_of_a_folder_prints_its_articles_in_order_and_the_errors(folder):
    result = CliRunner().invoke(app, ["extract", str(folder)])
    assert result.exit_code == 1  # two files could not be read
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"].split(":")[0]).name for r in records] == ["page.html", "wire.jsonl", "wire.jsonl",
                                                                       "top.txt"]
    assert all(r["tariffs"] for r in records)
    assert "scan.txt: not UTF-8 text" in result.output and "gone.txt: cannot read" in result.output


def test_a_glob_that_matches_nothing_says_so(folder, tmp_path):
    result = CliRunner().invoke(app, ["import", str(folder), "--glob", "*.docx", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "no files to read matching --glob '*.docx'" in result.output
    assert not (tmp_path / "x.duckdb").exists()
