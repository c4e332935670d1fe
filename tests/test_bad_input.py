"""Bad input never takes a run down: each bad page, feed, sitemap, file or config entry gives a one-line error
in the run's log and a `fetches` (or `runs`) record, and the run goes on to store the good articles.

Covered over HTTP (one real ingest through the Prefect flow): malformed HTML, 50 MB pages (declared and
streamed), a gzip bomb, invalid UTF-8, a page with 100,000 links, 100,000 levels of nesting, wrong content
types (an image, a PNG labelled HTML, JSON), an empty page, 404, 500, a redirect loop; a truncated feed, a
feed that is not XML, an HTML page as a feed, a billion-laughs feed, a gzip-bomb sitemap and a sitemap of
60,000 URLs. As local files (one real import): invalid UTF-8, a 50 MB file, deep nesting, a binary file, an
empty file, a text over spaCy's length limit, an unsupported suffix, a directory, and bad .jsonl lines. As
configuration: bad source entries (skipped, reported) and files that do not parse (path:line:column).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from http_server import HTTPTestServer, Reply, gzip_bomb
from typer.testing import CliRunner

from extractors.config import ConfigError
from flows.cli import app
from flows.plan import RunPlan
from flows.settings import Source, load_settings, load_sources
from storage.check import check_database
from storage.db import session

TRADE = ("Mexico and Canada weighed retaliation after the United States raised tariffs on steel and aluminum "
         "to 50 percent, trade ministers said on Monday, as the USMCA review loomed over the talks. ")
GOOD = f"<html><head><title>Steel tariffs</title></head><body><article><p>{TRADE * 4}</p></article></body></html>"
MALFORMED = ("<html><head><title>Broken <b>markup</title><body><div><p>" + TRADE * 3
             + "<table><tr><td>cell<p>" + TRADE + "</div></div></span><p <<>> class=\"x\">&bogus; &#xD800; "
             + "<script>var a = '</scr' + 'ipt>'</script><p>" + TRADE + "<!-- unterminated comment")
INVALID_UTF8 = (b"<html><head><meta charset='utf-8'><title>Tariffs \xff\xfe</title></head><body><article><p>"
                + TRADE.encode() * 2 + b"Bad bytes \xc3\x28 and \xed\xa0\x80 and \xf8\x88\x80\x80\x80 here. "
                + TRADE.encode() * 2 + b"</p></article></body></html>")


def fifty_mb() -> bytes:
    return b"<html><body><p>" + b"tariff " * (50 * 1024 * 1024 // 7) + b"</p></body></html>"


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><item><link>&lol3;</link>'
          '</item></channel></rss>')

# path -> (reply, built when the server starts; outcome expected in `fetches`; words the error must contain)
PAGES: dict[str, tuple[Callable[[], Reply], str, str]] = {
    "/huge-declared.html": (lambda: Reply(200, fifty_mb()), "error", "byte limit"),
    "/huge-streamed.html": (lambda: Reply(200, fifty_mb(), chunked=True), "error", "byte limit"),
    "/bomb.html": (lambda: Reply(200, gzip_bomb(64 * 1024 * 1024), headers={"Content-Encoding": "gzip"}),
                   "error", "after gzip decompression"),
    "/links.html": (lambda: Reply(200, "<html><body><article><p>" + TRADE + "</p>"
                                  + "".join(f'<a href="/l{i}">link {i}</a> ' for i in range(100_000))
                                  + "</article></body></html>"), "error", "too large to parse"),
    "/nested.html": (lambda: Reply(200, "<html><body>" + "<div>" * 100_000 + f"<p>{TRADE}</p>"
                                   + "</div>" * 100_000 + "</body></html>"), "error", "levels deep"),
    "/picture.png": (lambda: Reply(200, PNG, content_type="image/png"), "error", "unsupported content type"),
    "/png-as-html.html": (lambda: Reply(200, PNG), "error", "binary content"),
    "/data.json": (lambda: Reply(200, '{"a": 1}', content_type="application/json"), "error",
                   "unsupported content type"),
    "/empty.html": (lambda: Reply(200, b""), "non_article", "no article text"),
    "/missing.html": (lambda: Reply(404, "gone"), "error", "HTTP 404"),
    "/broken-server.html": (lambda: Reply(500, "oops"), "error", "HTTP 500"),
    "/dropped.html": (lambda: Reply(close=True), "error", ""),
}
FEEDS: dict[str, tuple[Callable[[], Reply], str, str]] = {
    "/not-xml.xml": (lambda: Reply(200, "\x01\x02 this is < not > xml &&&", content_type="application/xml"),
                     "error", "feed:"),
    "/page-as-feed.xml": (lambda: Reply(200, GOOD, content_type="text/html"), "error", "HTML page"),
    "/laughs.xml": (lambda: Reply(200, LAUGHS, content_type="application/rss+xml"), "error", "refused"),
    "/bomb-sitemap.xml.gz": (lambda: Reply(200, gzip_bomb(64 * 1024 * 1024), content_type="application/gzip"),
                             "error", "over the"),
}


def _feed(links: list[str], truncate: bool = False) -> str:
    items = "".join(f"<item><title>t{i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    text = f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'
    return text[: len(text) - 40] if truncate else text


@pytest.fixture(scope="module")
def server():
    with HTTPTestServer() as served:
        yield served


@pytest.fixture(scope="module")
def ingested(server, settings, tmp_path_factory):
    """One ingest over every bad source and page at once, with two good articles among them."""
    from flows.ingest import ingest_flow

    for path, (reply, _, _) in {**PAGES, **FEEDS}.items():
        server.route(path, reply())
    server.route("/good.html", Reply(200, GOOD))
    server.route("/malformed.html", Reply(200, MALFORMED))
    server.route("/invalid-utf8.html", Reply(200, INVALID_UTF8))
    server.redirect("/loop-a.html", "/loop-b.html")
    server.redirect("/loop-b.html", "/loop-a.html")
    pages = ["/good.html", "/malformed.html", "/invalid-utf8.html", "/loop-a.html", *PAGES]
    server.route("/feed.xml", Reply(200, _feed([server.url(p) for p in pages]),
                                    content_type="application/rss+xml"))
    server.route("/truncated.xml", Reply(200, _feed([server.url("/good.html")], truncate=True),
                                         content_type="application/rss+xml"))
    big = "".join(f"<url><loc>{server.url(f'/s/{i}.html')}</loc></url>" for i in range(60_000))
    server.route("/big-sitemap.xml", Reply(200, f'<?xml version="1.0"?><urlset>{big}</urlset>',
                                           content_type="application/xml"))
    sources = [Source("pages", "rss", url=server.url("/feed.xml"), allow_private=True),
               Source("truncated", "rss", url=server.url("/truncated.xml"), allow_private=True),
               Source("big-sitemap", "sitemap", url=server.url("/big-sitemap.xml"), allow_private=True,
                      max_articles=3)]
    sources += [Source(f"feed{path}", "sitemap" if "sitemap" in path else "rss", url=server.url(path),
                       allow_private=True) for path in FEEDS]
    db = tmp_path_factory.mktemp("bad-ingest") / "bad.duckdb"
    return db, ingest_flow(RunPlan("ingest", db, settings, sources=sources))


def _fetches(db: Path) -> dict[str, list[tuple[str, str | None]]]:
    found: dict[str, list[tuple[str, str | None]]] = {}
    with session(db, read_only=True) as con:
        for url, outcome, error in con.execute("select url, outcome, error from fetches order by fetch_id").fetchall():
            found.setdefault(url, []).append((outcome, error))
    return found


def test_the_run_goes_on_and_stores_the_good_articles(ingested, server):
    db, result = ingested
    assert result["status"] == "partial"
    with session(db, read_only=True) as con:
        stored = {url for (url,) in con.execute("select url from articles where status = 'extracted'").fetchall()}
        (status, errors) = con.execute("select status, errors from runs").fetchone()
    assert {server.url("/good.html"), server.url("/malformed.html"), server.url("/invalid-utf8.html")} <= stored
    assert status == "partial" and json.loads(errors) == result["errors"]
    assert check_database(db) and all(c.ok for c in check_database(db))


@pytest.mark.parametrize("path", sorted(PAGES) + ["/loop-a.html"])
def test_each_bad_page_has_a_record_and_a_one_line_error(ingested, server, path):
    db, result = ingested
    outcome, words = (PAGES[path][1], PAGES[path][2]) if path in PAGES else ("error", "redirect loop")
    records = _fetches(db)[server.url(path)]
    assert [r[0] for r in records] == [outcome], records
    error = records[0][1]
    assert error and "\n" not in error and len(error) <= 500 and words in error, error
    if outcome == "error":
        logged = [e for e in result["errors"] if server.url(path) in e]
        assert len(logged) == 1 and "\n" not in logged[0] and words in logged[0], logged


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_each_bad_feed_or_sitemap_has_a_record_and_a_one_line_error(ingested, server, path):
    db, result = ingested
    outcome, words = FEEDS[path][1], FEEDS[path][2]
    records = _fetches(db)[server.url(path)]
    assert [r[0] for r in records] == [outcome], records
    assert words in records[0][1] and "\n" not in records[0][1], records
    logged = [e for e in result["errors"] if server.url(path) in e]
    assert len(logged) == 1 and "\n" not in logged[0], logged


def test_a_truncated_feed_is_read_in_recovery_mode(ingested, server):
    db, result = ingested
    (outcome, error), = _fetches(db)[server.url("/truncated.xml")]
    assert outcome == "listing" and error
    assert any("recovery mode" in e and server.url("/truncated.xml") in e for e in result["errors"])


def test_a_huge_sitemap_is_read_but_bounded_by_max_articles(ingested, server):
    db, _ = ingested
    fetches = _fetches(db)
    assert fetches[server.url("/big-sitemap.xml")][0][0] == "listing"
    asked = [u for u in fetches if u.startswith(server.url("/s/"))]
    assert len(asked) == 3 and all(fetches[u][0][0] == "error" for u in asked)


def test_every_logged_error_is_one_line(ingested):
    _, result = ingested
    assert result["errors"]
    for error in result["errors"]:
        assert "\n" not in error and "\r" not in error and len(error) < 800, error


# ------------------------------------------------------------------------------------------- local files


@pytest.fixture(scope="module")
def imported(settings, tmp_path_factory):
    from flows.ingest import ingest_flow

    folder = tmp_path_factory.mktemp("bad-files")
    good = folder / "good.txt"
    good.write_text("Steel tariffs\n\n" + TRADE * 4, encoding="utf-8")
    bad: dict[str, str] = {}

    def add(name: str, content: bytes | None, words: str) -> Path:
        path = folder / name
        if content is not None:
            path.write_bytes(content)
        bad[str(path)] = words
        return path

    add("latin1.txt", ("Aranceles del 25 % sobre el acero, dijo la secretaría. " * 5).encode("latin-1"), "not UTF-8")
    huge = add("huge.html", None, "byte limit")
    with open(huge, "wb") as handle:  # 50 MB, sparse: refused on its size, never read
        handle.truncate(50 * 1024 * 1024)
    add("nested.html", ("<html><body>" + "<div>" * 100_000 + f"<p>{TRADE}</p>" + "</div>" * 100_000).encode(),
        "levels deep")
    add("binary.html", PNG, "no article text")
    add("empty.html", b"", "no article text")
    add("too-long.txt", ("word " * 300_000).encode(), "over the 1,000,000 limit")
    add("notes.docx", b"PK\x03\x04 not really", "unsupported file type")
    directory = folder / "folder.html"
    directory.mkdir()
    bad[str(directory)] = "cannot read"
    lines = [
        "not json at all",
        "[" * 100_000 + "]" * 100_000,
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"html": "<html>" + "<b>" * 200_000 + "</html>", "url": "https://x.example/deep"}),
    ]
    weird = {"text": TRADE * 3, "title": ["a", "list"], "published": 12345, "language": 5, "outlet": {"x": 1},
             "authors": [1, None, {"a": 1}], "url": "https://weird.example/one"}
    jsonl = folder / "mixed.jsonl"
    jsonl.write_bytes(("\n".join(lines) + "\n" + json.dumps(weird) + "\n").encode() + b'{"text": "\xff\xfe bad"}\n')
    paths = [good, *map(Path, bad), jsonl]
    db = folder / "import.duckdb"
    result = ingest_flow(RunPlan("import", db, settings, files=paths))
    return db, result, bad, jsonl


def test_import_goes_on_past_every_bad_file(imported):
    db, result, bad, jsonl = imported
    assert result["status"] == "partial"
    with session(db, read_only=True) as con:
        stored = {r[0] for r in con.execute("select source from articles").fetchall()}
        records = {url: (outcome, error) for url, outcome, error in
                   con.execute("select url, outcome, error from fetches").fetchall()}
    assert any(s.endswith("good.txt") for s in stored)
    assert f"{jsonl}:6" in stored and f"{jsonl}:7" in stored  # odd field types and bad bytes: still read
    for path, words in bad.items():
        outcome, error = records[path]
        assert outcome == "error" and words in error and "\n" not in error, (path, error)
    for line in range(1, 6):
        outcome, error = records[f"{jsonl}:{line}"]
        assert outcome == "error" and "\n" not in error, (line, error)
    assert all("\n" not in e for e in result["errors"])
    assert all(c.ok for c in check_database(db))


def test_odd_jsonl_field_types_are_dropped_not_stored(imported):
    db, _, _, jsonl = imported
    with session(db, read_only=True) as con:
        title, outlet, authors, language = con.execute(
            "select title, outlet, authors, language from articles where source = ?", [f"{jsonl}:6"]).fetchone()
    assert title is None and outlet is None and authors == ["1"] and language == "5"


# ------------------------------------------------------------------------------------------- configuration


def test_bad_source_entries_are_reported_and_skipped(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text("""
[[source]]
name = "good"
kind = "rss"
url = "https://news.example/feed.xml"

[[source]]
name = "odd-kind"
kind = "podcast"
url = "https://news.example/pod.xml"

[[source]]
name = "bad-url"
kind = "rss"
url = "not a url"

[[source]]
name = "ftp"
kind = "sitemap"
url = "ftp://news.example/sitemap.xml"

[[source]]
kind = "rss"
url = "https://news.example/nameless.xml"

[[source]]
name = "typo"
kind = "rss"
url = "https://news.example/typo.xml"
max_article = 5
""", encoding="utf-8")
    sources, errors = load_sources(path)
    assert [s.name for s in sources] == ["good"]
    assert len(errors) == 5
    for error, words in zip(errors, ["unknown kind 'podcast'", "not an http(s) URL", "not an http(s) URL",
                                     "missing 'name'", "unknown setting(s) max_article"]):
        assert error.startswith(f"{path}: source #") and words in error and "\n" not in error, error


@pytest.mark.parametrize("text, line, column", [
    ('[[source]]\nname = "x"\nkind = rss\n', 3, 8),
    ('[fetch]\nmax_bytes = 5_000_000\nuser_agent = "tw\n', 3, 17),
    ("[[source]]\nname = 'a'\n[[source]\n", 3, 9),
])
def test_a_config_file_that_does_not_parse_names_path_line_and_column(tmp_path, text, line, column):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    assert str(caught.value).startswith(f"{path}:{line}:{column}: ")
    runner = CliRunner()
    for args in (["ingest", "--sources", str(path), "--db", str(tmp_path / "x.duckdb")],
                 ["ingest", "--settings", str(path), "--db", str(tmp_path / "x.duckdb")],
                 ["import", str(path), "--settings", str(path), "--db", str(tmp_path / "x.duckdb")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert f"{path}:{line}:{column}:" in result.output and "Traceback" not in result.output, result.output
    assert not (tmp_path / "x.duckdb").exists()


def test_a_settings_file_with_an_unknown_setting_is_refused(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[fetch]\nmax_byte = 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(path)


def test_cli_reports_skipped_sources_and_stops_when_none_is_left(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nname = "a"\nkind = "gopher"\nurl = "https://x.example/"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "--sources", str(path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "skipped source:" in result.output and "unknown kind 'gopher'" in result.output
    assert "no enabled sources" in result.output


# ------------------------------------------------------------------------------------------- NLP


def test_one_article_that_breaks_an_extractor_does_not_hold_back_its_batch(pipeline):
    """stages.extract_isolating: the batch falls back to one article at a time; only the bad one is pending."""
    from extractors.records import Article
    from flows.stages import Pending, extract_isolating

    class Fragile:
        def extract(self, articles):
            if any("POISON" in a.text for a in articles):
                raise RuntimeError("extractor bug\non two lines")
            return pipeline.extract(articles)

    batch = [Pending(Article(url=f"https://news.example/{i}", text=text, language="en"))
             for i, text in enumerate([TRADE, "POISON " + TRADE, TRADE + " Ottawa replied."])]
    rows, errors = extract_isolating(Fragile(), batch)
    assert [r.status for r in rows] == ["extracted", "pending", "extracted"]
    assert rows[0].extraction.tariffs and rows[1].extraction is None
    assert errors == ["nlp: https://news.example/1: stored as pending: RuntimeError: extractor bug on two lines"]
