"""Security: read-only SQL, bound parameters, spreadsheet-safe CSV, and no fetch of private or non-http(s) URLs.

The address tests serve on loopback only (127.0.0.1 and 127.0.0.2). Private and link-local addresses appear
only as fake DNS answers (flows.fetcher._resolve patched) for invented host names: were a refusal ever to
fail, the real resolver would not find those names, so no packet could go to such an address.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from http_server import HTTPTestServer, Reply
from typer.testing import CliRunner

from extractors.records import Article, Extraction, LeaderMention, Quote
from flows.cli import app
from flows.plan import RunPlan
from flows.settings import Source
from storage.articles import ArticleRow, store_articles
from storage.db import session
from storage.export import FORMULA_PREFIXES, spreadsheet_safe, to_csv_text, write_csv_file
from storage.queries import list_events, quotes_for_export
from storage.runs import start_run

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
HOSTILE = ["x' or '1'='1", "%' or 1=1 --", "'; drop table quotes; --", "Sheinbaum\x00", "\\", "\"",
           "ev_' union select * from runs --",
           # LIKE wildcards: the speaker filter is a plain "contains", so they must match only themselves.
           "%", "_"]


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------------------- SQL


@pytest.fixture
def crafted_db(tmp_path) -> Path:
    """A database with one article whose quote, speaker, title and outlet are spreadsheet formulas."""
    db = tmp_path / "crafted.duckdb"
    text = ('=HYPERLINK("http://evil.example","x") said the minister. "+cmd|\' /C calc\'!A0," she said. '
            "Claudia Sheinbaum spoke.")
    article = Article(url="https://news.example/formula", text=text, title="@SUM(A1:A9) tariffs",
                      outlet="-2+3 Daily", published=datetime(2025, 9, 1, tzinfo=timezone.utc), language="en")
    found = Extraction(
        leaders=[LeaderMention("Claudia Sheinbaum", "President", "Mexico", True, 95, 112, "Claudia Sheinbaum spoke.")],
        quotes=[Quote("=HYPERLINK(\"http://evil.example\",\"x\")", "=cmd|' /C calc'!A0", "direct", 0, 37, text[:60]),
                Quote("+cmd|' /C calc'!A0,", "Claudia Sheinbaum", "direct", 62, 82, text[40:95]),
                Quote("\tinjected", "@Sheinbaum", "partial", 1, 5, text[:60]),
                Quote("\rinjected", "-Sheinbaum", "partial", 1, 5, text[:60])])
    with session(db) as con:
        start_run(con, "run1", "import")
        store_articles(con, [ArticleRow(article, "extracted", extraction=found, run_id="run1")])
    return db


def test_sql_refuses_every_kind_of_write_without_write(crafted_db):
    before = _digest(crafted_db)
    for statement in ("create table x (i integer)", "insert into runs (run_id, command, started_at, status) "
                      "values ('r', 'c', now(), 'x')", "update quotes set text = 'x'", "drop table quotes",
                      "delete from articles", "alter table quotes add column y integer"):
        result = invoke("sql", statement, "--db", str(crafted_db))
        assert result.exit_code == 1, (statement, result.output)
        assert "read-only" in result.output, result.output
    assert _digest(crafted_db) == before, "a read-only command changed the database file"
    result = invoke("sql", "create table x (i integer)", "--db", str(crafted_db), "--write")
    assert result.exit_code == 0, result.output
    assert invoke("sql", "select count(*) from x", "--db", str(crafted_db)).exit_code == 0


@pytest.mark.parametrize("value", HOSTILE)
def test_filters_are_bound_parameters_not_sql(crafted_db, value):
    with session(crafted_db, read_only=True) as con:
        _, everything = quotes_for_export(con)
        _, by_speaker = quotes_for_export(con, speaker=value)
        _, by_event = quotes_for_export(con, event=value)
        _, by_country = quotes_for_export(con, country=value)
        assert list_events(con, 5) == [] and list_events(con, 5, search=value) == []
        (quotes,) = con.execute("select count(*) from quotes").fetchone()
    assert len(everything) == quotes == 4
    # The value is matched as text: only a speaker that really contains it comes back, nothing else.
    assert all(value.lower() in (row[0] or "").lower() for row in by_speaker)
    assert by_event == [] and by_country == []


def test_export_filters_through_the_cli_take_hostile_values(crafted_db, tmp_path):
    out = tmp_path / "q.csv"
    result = invoke("export", "quotes", "--csv", str(out), "--db", str(crafted_db), "--speaker", "x' or '1'='1")
    assert result.exit_code == 0, result.output
    assert "wrote 0 quotes" in result.output


@pytest.mark.parametrize("module", ["queries.py", "browse.py"])
def test_queries_modules_pass_no_value_into_sql_text(module):
    """Every SQL statement in storage/queries.py and storage/browse.py (the reads of the CLI and of the browse
    page) is a literal string: values only go in as parameters."""
    tree = ast.parse((ROOT / "storage" / module).read_text(encoding="utf-8"))
    offenders = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if name in ("execute", "executemany", "sql", "query", "run_sql") and node.args:
                sql = node.args[1] if name == "run_sql" else node.args[0]
                if not (isinstance(sql, ast.Constant) and isinstance(sql.value, str)):
                    offenders.append((name, node.lineno))
    if module != "queries.py":
        assert offenders == []
        return
    # run_sql itself executes the statement it is given (the user's, for `tradewire sql`): the only exception.
    assert offenders == [("execute", next(n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
                                          and getattr(n.func, "attr", "") == "execute"))], offenders


# ------------------------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://e\")"])
def test_formula_cells_are_neutralised(value):
    assert spreadsheet_safe(value) == "'" + value
    text = to_csv_text(["cell"], [[value]])
    assert list(csv.reader(io.StringIO(text))) == [["cell"], ["'" + value]]


@pytest.mark.parametrize("value", ["Sheinbaum", "50%", "", " =x", "a=b", "1-2", None, 25.0, -3])
def test_other_cells_are_left_alone(value):
    assert spreadsheet_safe(value) == value


def test_list_cells_are_neutralised_after_joining(tmp_path):
    path = tmp_path / "x.csv"
    write_csv_file(path, ["targets"], [[["=cmd", "Mexico"]]])
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows == [["targets"], ["'=cmd; Mexico"]]


def test_exported_csv_is_utf8_with_header_and_no_live_formula(crafted_db, tmp_path):
    out = tmp_path / "quotes.csv"
    result = invoke("export", "quotes", "--csv", str(out), "--db", str(crafted_db))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["speaker", "role", "country", "quote"]
    assert len(rows) == 5
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_PREFIXES)], cells
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells and "'@SUM(A1:A9) tariffs" in cells
    assert "'-2+3 Daily" in cells and "'\tinjected" in cells and "'\rinjected" in cells


def test_sql_csv_output_is_neutralised_too(crafted_db):
    result = invoke("sql", "select speaker, text from quotes order by ordinal", "--db", str(crafted_db),
                    "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["speaker", "text"]
    assert not [c for row in rows[1:] for c in row if c.startswith(FORMULA_PREFIXES)], rows


# ------------------------------------------------------------------------------------------- addresses


@pytest.fixture(scope="module")
def two_hosts():
    with HTTPTestServer(hosts=("127.0.0.1", "127.0.0.2")) as server:
        yield server


ARTICLE = ("<html><head><title>Steel tariffs rise</title></head><body><article><p>"
           + "The United States raised tariffs on Canadian steel to 50 percent on Monday, the trade office said. " * 6
           + "</p></article></body></html>")


def _feed(links: list[str]) -> str:
    items = "".join(f"<item><title>t{i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'


def _ingest(db: Path, settings, sources: list[Source]) -> dict:
    from flows.ingest import ingest_flow

    return ingest_flow(RunPlan("ingest", db, settings, sources=sources))


def _fetches(db: Path) -> dict[str, tuple[str, str | None]]:
    with session(db, read_only=True) as con:
        return {url: (outcome, error) for url, outcome, error in
                con.execute("select url, outcome, error from fetches").fetchall()}


def test_private_addresses_are_refused_unless_the_source_allows_them(two_hosts, settings, tmp_path, monkeypatch):
    from flows import fetcher

    real_resolve = fetcher._resolve
    fake_dns = {"intranet.test": ["10.20.30.40"], "metadata.test": ["169.254.169.254"],
                "mapped.test": ["::ffff:192.168.1.1"]}

    async def resolve(host: str, port: int) -> list[str]:
        return fake_dns[host] if host in fake_dns else await real_resolve(host, port)

    monkeypatch.setattr(fetcher, "_resolve", resolve)
    server = two_hosts
    server.reset()
    other = server.base_url("127.0.0.2")
    server.route("/ok.html", Reply(200, ARTICLE))
    server.redirect("/hop.html", f"{other}/ok.html")
    listed = [server.url("/ok.html"), f"{other}/ok.html", server.url("/hop.html"),
              f"http://intranet.test:{server.port}/a", f"http://metadata.test:{server.port}/latest/meta-data/",
              f"http://mapped.test:{server.port}/x", f"http://[::ffff:127.0.0.2]:{server.port}/ok.html",
              "file:///etc/passwd", "ftp://files.example/x.html", "javascript:alert(1)", "gopher://h.example/1"]
    server.route("/feed.xml", Reply(200, _feed(listed), content_type="application/rss+xml"))
    db = tmp_path / "sec.duckdb"
    result = _ingest(db, settings, [
        Source("allowed", "rss", url=server.url("/feed.xml"), allow_private=True),
        Source("not-allowed", "rss", url=server.url("/feed.xml", host="127.0.0.2")),
    ])
    fetches = _fetches(db)
    # The allowed source's own host is fetched; nothing else on a private address is.
    assert fetches[server.url("/ok.html")][0] == "fetched"
    for url in listed[1:7]:
        outcome, error = fetches[url]
        assert outcome == "refused", (url, outcome, error)
        assert "non-public address" in error and "\n" not in error
    assert fetches[server.url("/feed.xml", host="127.0.0.2")][0] == "refused"
    for url in listed[7:]:
        assert fetches[url][0] == "refused" and "http(s)" in fetches[url][1], (url, fetches[url])
    assert not server.hits("/ok.html", host="127.0.0.2"), "a request reached a host the source does not allow"
    assert not server.hits("/feed.xml", host="127.0.0.2")
    assert result["status"] == "partial"
    assert any("refused" in e for e in result["errors"])
    with session(db, read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 1


def test_cli_source_urls_need_allow_private_for_loopback(two_hosts, tmp_path):
    """`tradewire ingest --source URL` on loopback without --allow-private: refused, said in one line."""
    from flows.settings import sources_from_urls
    from flows.stages import discover
    from flows.fetcher import FetchMemory
    from flows.settings import FetchSettings

    two_hosts.reset()
    two_hosts.route("/feed.xml", Reply(200, _feed([two_hosts.url("/ok.html")]), content_type="application/rss+xml"))
    quick = FetchSettings(per_host_delay_s=0.0, backoff_base_s=0.01)
    _, records, errors = discover(sources_from_urls([two_hosts.url("/feed.xml")]), quick, FetchMemory())
    assert [r.outcome for r in records] == ["refused"]
    assert len(errors) == 1 and "non-public address 127.0.0.1" in errors[0]
    candidates, records, errors = discover(sources_from_urls([two_hosts.url("/feed.xml")], allow_private=True),
                                           quick, FetchMemory())
    assert [c.url for c in candidates] == [two_hosts.url("/ok.html")] and not errors
    assert not two_hosts.hits("/ok.html")
