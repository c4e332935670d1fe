"""`tradewire sources`: the sources file listed with each source's last run, and `enable` / `disable` editing
the file in place — the rest of it byte for byte."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.settings import DEFAULT_SOURCES, load_sources

runner = CliRunner()
DEMO_SOURCES = Path(__file__).resolve().parent.parent / "config" / "demo" / "sources.toml"

HAND_WRITTEN = (
    "# my sources\r\n"
    "\r\n"
    "[[source]]\r\n"
    "name = \"wire\"      # the agency's feed\r\n"
    "kind = \"rss\"\r\n"
    "url = \"https://wire.example/feed.xml\"\r\n"
    "enabled   =   false  # on when the trial starts\r\n"
    "language = \"en\"\r\n"
    "\r\n"
    "# ---- no `enabled` key: on by default\r\n"
    "[[source]]\r\n"
    "name = \"ministry\"\r\n"
    "kind = \"atom\"\r\n"
    "url = \"https://ministry.example/atom.xml\"\r\n"
)


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture()
def demo_sources_file(demo_site, tmp_path) -> Path:
    """The demo's sources as the demo ran them (their {base_url} filled in), plus one that never ran."""
    path = tmp_path / "sources.toml"
    text = DEMO_SOURCES.read_text(encoding="utf-8").replace("{base_url}", demo_site.base_url)
    path.write_text(text + '\n[[source]]\nname = "never-fetched"\nkind = "rss"\n'
                           'url = "https://never.example/feed.xml"\nenabled = false\n', encoding="utf-8")
    return path


def test_sources_lists_each_source_with_its_last_run(demo_db, demo_sources_file):
    rows = json.loads(invoke("sources", "--sources", str(demo_sources_file), "--db", str(demo_db),
                             "--format", "json").stdout)
    by_name = {row["name"]: row for row in rows}
    assert list(by_name) == ["demo-rss", "demo-atom", "demo-news-sitemap", "never-fetched"]
    rss = by_name["demo-rss"]
    assert (rss["kind"], rss["language"], rss["enabled"], rss["last_outcome"]) == ("rss", "en", True, "ok")
    assert rss["last_run"] and rss["stored_last_run"] > 0 and rss["articles"] == rss["stored_last_run"]
    assert sum(row["articles"] for row in rows) > 10  # the demo stores 13 articles and its copies
    never = by_name["never-fetched"]
    assert (never["enabled"], never["last_outcome"], never["last_run"], never["articles"]) == \
        (False, "never run", None, 0)
    as_csv = list(csv.DictReader(invoke("sources", "--sources", str(demo_sources_file), "--db", str(demo_db),
                                        "--format", "csv").stdout.splitlines()))
    assert [r["name"] for r in as_csv] == list(by_name) and as_csv[0]["articles"] == str(rss["articles"])
    table = invoke("sources", "--sources", str(demo_sources_file), "--db", str(demo_db)).stdout
    assert "demo-news-sitemap" in table and "never run" in table


def test_sources_without_a_database_yet_lists_the_file(tmp_path):
    rows = json.loads(invoke("sources", "--db", str(tmp_path / "none.duckdb"), "--format", "json").stdout)
    assert [row["name"] for row in rows] == [s.name for s in load_sources(DEFAULT_SOURCES)[0]]
    assert {row["last_outcome"] for row in rows} == {"never run"}
    assert not (tmp_path / "none.duckdb").exists()


def test_enable_then_disable_gives_back_the_shipped_file_byte_for_byte(tmp_path):
    path = tmp_path / "sources.toml"
    original = DEFAULT_SOURCES.read_bytes()
    path.write_bytes(original)
    result = invoke("sources", "enable", "wto-news", "--sources", str(path))
    assert result.exit_code == 0 and "wto-news: enabled" in result.stdout
    changed = [(a, b) for a, b in zip(original.splitlines(), path.read_bytes().splitlines()) if a != b]
    assert changed == [(b"enabled = false", b"enabled = true")]
    assert len(path.read_bytes().splitlines()) == len(original.splitlines())
    assert [s.name for s in load_sources(path)[0] if s.enabled] == ["wto-news"]
    assert invoke("sources", "disable", "wto-news", "--sources", str(path)).exit_code == 0
    assert path.read_bytes() == original


def test_comments_spacing_line_endings_and_a_missing_key_are_kept(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(HAND_WRITTEN.encode())
    assert invoke("sources", "enable", "wire", "--sources", str(path)).exit_code == 0
    assert path.read_bytes() == HAND_WRITTEN.replace("=   false  #", "=   true  #").encode()
    assert invoke("sources", "disable", "wire", "--sources", str(path)).exit_code == 0
    assert path.read_bytes() == HAND_WRITTEN.encode()
    # A source without the key is enabled: enabling it changes nothing; disabling it adds the key.
    result = invoke("sources", "enable", "ministry", "--sources", str(path))
    assert "ministry: already enabled" in result.stdout and path.read_bytes() == HAND_WRITTEN.encode()
    invoke("sources", "disable", "ministry", "--sources", str(path))
    assert path.read_bytes() == (HAND_WRITTEN + "enabled = false\r\n").encode()
    assert [(s.name, s.enabled) for s in load_sources(path)[0]] == [("wire", False), ("ministry", False)]


def test_an_unknown_name_or_a_broken_file_is_refused_and_the_file_left_alone(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(HAND_WRITTEN.encode())
    result = invoke("sources", "enable", "wires", "--sources", str(path))
    assert result.exit_code == 1 and "no source named 'wires' (sources: wire, ministry)" in result.output
    broken = HAND_WRITTEN.replace('kind = "rss"', "kind = rss")
    path.write_bytes(broken.encode())
    result = invoke("sources", "enable", "wire", "--sources", str(path))
    assert result.exit_code == 1 and f"{path}:5:8:" in result.output
    assert path.read_bytes() == broken.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.toml"]  # no scratch file left behind


def test_ingest_without_enabled_sources_points_to_the_sources_command(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(HAND_WRITTEN.replace('name = "ministry"', 'name = "ministry"\nenabled = false').encode())
    result = runner.invoke(app, ["ingest", "--sources", str(path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "no enabled sources" in result.output and "tradewire sources enable NAME" in result.output
