"""`tradewire browse` over HTTP, as a browser would ask it: every page of the demo database, reachable by links;
filters, the tariff tracker's measures and charts and the CSV download against what the CLI gives; read-only;
an ingest running while pages are being read; an article holding HTML and script shown as text on every page.
(tests/test_browse_browser.py drives a real browser over the same pages.)

The server is the real CLI in a subprocess, over copies of the database the demo flow built.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import socket
import subprocess
from collections import deque
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from browse_support import (HOSTILE_BODY_SCRIPT, HOSTILE_OUTLET, HOSTILE_PAGE, HOSTILE_PIECES,
                            HOSTILE_QUOTE_SCRIPT, HOSTILE_TITLE, SCRIPT_URL, SCRIPT_URL_ARTICLE, TRADEWIRE,
                            BrowseServer, copy_database, env_without_prefect_api, run_import, start_ingest)
from http_server import HTTPTestServer, Reply
from typer.testing import CliRunner

from flows.browse.app import create_app
from flows.cli import app as cli_app
from storage.db import session
from storage.queries import event_detail, list_events, quotes_for_export
from storage.tracker.read import histories, list_measures

MEETING_WORDS = ("Carney", "Sheinbaum")
# Every element the templates write; an article's markup showing up as an element would be outside this set.
OUR_TAGS = {"html", "head", "meta", "title", "link", "body", "header", "nav", "a", "main", "footer", "h1", "h2",
            "p", "form", "label", "input", "button", "datalist", "option", "select", "table", "thead", "tbody",
            "tr", "th", "td", "div", "span", "ol", "li", "code", "section", "strong",
            # the tracker's step charts
            "svg", "line", "text", "polyline", "circle"}
CRAWL_LIMIT = 600
INGEST_TIMEOUT_S = 600
READS_DURING_INGEST_LIMIT = 20_000


class Page(HTMLParser):
    """A page's links, element names and text (entities decoded: what a reader sees)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: list[tuple[str, str]] = []  # (href, text) of each link
        self.tags: set[str] = set()
        self.chunks: list[str] = []
        self.h1 = ""
        self._open: dict[str, list[str]] = {}  # text of the <a> or <h1> being read
        self._href = ""
        self.feed(html)
        self.text = "".join(self.chunks)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in ("a", "h1"):
            self._open[tag] = []
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            if self._href:
                self.links.append(self._href)

    def handle_endtag(self, tag):
        text = "".join(self._open.pop(tag, []))
        if tag == "a" and self._href:
            self.anchors.append((self._href, text))
        elif tag == "h1":
            self.h1 = text

    def handle_data(self, data):
        self.chunks.append(data)
        for texts in self._open.values():
            texts.append(data)


def crawl(client: httpx.Client, start: str = "/", every_query: bool = False) -> dict[str, httpx.Response]:
    """Every same-origin page reachable by links from `start`, breadth first (at most CRAWL_LIMIT).

    Pages are told apart by path and by which filters their query sets; `every_query` tells them apart by
    the filters' values too (every speaker's quotes, every event's quotes, ...), which costs ~170 requests on
    the demo database instead of ~15.
    """
    seen: dict[str, httpx.Response] = {}
    kinds: set[tuple] = set()
    queue = deque([start])
    while queue and len(seen) < CRAWL_LIMIT:
        target = queue.popleft()
        parts = urlsplit(target)
        kind = (parts.path, parts.query if every_query else tuple(sorted(parse_qs(parts.query))))
        if target in seen or kind in kinds:
            continue
        kinds.add(kind)
        response = seen[target] = client.get(target)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        queue.extend(href for href in Page(response.text).links if href.startswith("/"))
    return seen


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_copy(demo_db, tmp_path_factory) -> Path:
    return copy_database(demo_db, tmp_path_factory.mktemp("browse-demo"))


@pytest.fixture(scope="module")
def served(demo_copy):
    with BrowseServer(demo_copy) as server, httpx.Client(base_url=server.base_url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def demo_events(demo_copy):
    with session(demo_copy, read_only=True) as con:
        return list_events(con)


@pytest.fixture(scope="module")
def meeting(demo_events):
    (found,) = [e for e in demo_events if all(w in e["title"] for w in MEETING_WORDS)]
    return found


def test_every_page_of_the_demo_is_served_and_reached_by_links(served, demo_events):
    pages = crawl(served)
    assert all(r.status_code == 200 for r in pages.values()), {u: r.status_code for u, r in pages.items()
                                                               if r.status_code != 200}
    paths = {urlsplit(url).path for url in pages}
    assert {"/", "/tariffs", "/quotes", "/quotes.csv"} <= paths
    assert {f"/events/{e['event_id']}" for e in demo_events} <= paths
    for url, response in pages.items():
        if response.headers["content-type"].startswith("text/html"):
            assert Page(response.text).tags <= OUR_TAGS, url
            # no script may run, from anywhere: default-src 'none' with no script-src
            assert "default-src 'none'" in response.headers["content-security-policy"]
            assert "script-src" not in response.headers["content-security-policy"]


def test_events_are_listed_newest_first_with_leaders_and_article_counts(served, demo_events):
    page = served.get("/")
    text = Page(page.text).text
    positions = [text.index(e["title"]) for e in demo_events]
    assert positions == sorted(positions), "events are not in the order of list_events (newest first)"
    assert len(demo_events) >= 4
    for event in demo_events:
        assert f'href="/events/{event["event_id"]}"' in page.text
        for leader in event["leaders"] or []:
            assert leader in text


def test_the_search_box_narrows_events_ignoring_case_and_accents(served, demo_events, meeting):
    found = Page(served.get("/", params={"q": "sheinbaum"}).text)
    assert f"/events/{meeting['event_id']}" in found.links
    # "buscara" is in the Spanish headline of the steel story only, written "buscará"
    spanish = Page(served.get("/", params={"q": "BUSCARA"}).text)
    event_links = [link for link in spanish.links if link.startswith("/events/")]
    (steel,) = [e for e in demo_events if any("buscará" in (a["title"] or "") for a in e["articles"])]
    assert event_links == [f"/events/{steel['event_id']}"]
    nothing = Page(served.get("/", params={"q": "no such words anywhere"}).text)
    assert "No event matches" in nothing.text and not [x for x in nothing.links if x.startswith("/events/")]


def test_the_meeting_page_shows_its_three_stories_with_sources_leaders_quotes_and_tariffs(served, demo_copy,
                                                                                         meeting):
    response = served.get(f"/events/{meeting['event_id']}")
    page = Page(response.text)
    with session(demo_copy, read_only=True) as con:
        detail = event_detail(con, meeting["event_id"])
    assert len(detail["articles"]) == 3
    for article in detail["articles"]:
        assert article["url"] in page.links, "every story links to its source"
    assert response.text.count("near copy") == sum(a["is_duplicate"] for a in detail["articles"]) == 1
    for leader in ("Claudia Sheinbaum", "Mark Carney"):
        assert leader in page.text
    assert detail["quotes"] and all(q["text"] in page.text for q in detail["quotes"])
    assert _table_rows(response.text, "tariffs") == len(detail["tariffs"])


def test_an_unknown_event_is_a_404_page_with_a_way_back(served):
    response = served.get("/events/ev_nothing")
    assert response.status_code == 404
    assert "/" in Page(response.text).links and "ev_nothing" in Page(response.text).text


def _table_rows(html: str, table: str = "quotes") -> int:
    """Body rows of the page's table of that class (0 when the page has none)."""
    start = f'<table class="{table}">'
    return html.split(start, 1)[1].split("</table>", 1)[0].count("<tr>") - 1 if start in html else 0


@pytest.mark.parametrize("filters", [
    {},
    {"speaker": "sheinbaum"},
    {"country": "Canada"},
    {"since": "2025-06-01", "until": "2025-06-30"},
    {"speaker": "carney", "country": "Canada", "since": "2025-09-01"},
])
def test_quote_filters_give_the_exports_rows(served, demo_copy, filters):
    with session(demo_copy, read_only=True) as con:
        columns, rows = quotes_for_export(con, **{k: _typed(k, v) for k, v in filters.items()})
    html = served.get("/quotes", params=filters).text
    assert _table_rows(html) == len(rows)
    assert rows, f"the demo has quotes for {filters}"
    for row in rows:
        assert dict(zip(columns, row))["quote"] in Page(html).text


def _typed(name: str, value: str):
    return date.fromisoformat(value) if name in ("since", "until") else value


def test_the_event_filter_and_the_event_pages_link_to_each_other(served, meeting):
    html = served.get("/quotes", params={"event": meeting["event_id"]}).text
    assert _table_rows(html) > 0
    assert html.count(f'href="/events/{meeting["event_id"]}"') == _table_rows(html)


def test_a_bad_date_is_a_clear_400(served):
    response = served.get("/quotes", params={"since": "yesterday"})
    assert response.status_code == 400 and "YYYY-MM-DD" in Page(response.text).text


@pytest.mark.parametrize("options", [
    [],
    ["--speaker", "Sheinbaum"],
    ["--country", "Mexico", "--since", "2025-09-01"],
    ["--event", "MEETING"],
])
def test_the_csv_download_is_the_file_export_quotes_writes(served, demo_copy, meeting, tmp_path, options):
    options = [meeting["event_id"] if o == "MEETING" else o for o in options]
    out = tmp_path / "quotes.csv"
    result = CliRunner().invoke(cli_app, ["export", "quotes", "--csv", str(out), "--db", str(demo_copy), *options])
    assert result.exit_code == 0, result.output
    params = {options[i].lstrip("-"): options[i + 1] for i in range(0, len(options), 2)}
    response = served.get("/quotes.csv", params=params)
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.content == out.read_bytes()
    assert len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))) > 1


def test_the_quotes_page_links_its_csv_with_the_same_filters(served):
    page = Page(served.get("/quotes", params={"speaker": "Carney", "country": "Canada"}).text)
    (csv_link,) = [link for link in page.links if link.startswith("/quotes.csv")]
    assert parse_qs(urlsplit(csv_link).query) == {"speaker": ["Carney"], "country": ["Canada"]}


def _measure_ids(html: str) -> list[str]:
    return [block.split('"', 1)[0] for block in html.split('<section class="measure" id="')[1:]]


def _section(html: str, measure_id: str) -> str:
    return html.split(f'<section class="measure" id="{measure_id}">', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("filters", [
    {},
    {"imposer": "canada"},
    {"target": "Canada", "on": "2025-05-01"},
    {"product": "acero", "on": "2025-07-01"},
    {"imposer": "United States", "target": "china", "product": "goods"},
])
def test_the_tracker_lists_the_measures_tradewire_tariffs_lists(served, demo_copy, filters):
    on = date.fromisoformat(filters.get("on", date.today().isoformat()))
    with session(demo_copy, read_only=True) as con:
        expected = list_measures(con, imposer=filters.get("imposer"), target=filters.get("target"),
                                 product=filters.get("product"), on=on)
    response = served.get("/tariffs", params=filters)
    assert response.status_code == 200
    assert expected, f"the demo has measures for {filters}"
    assert _measure_ids(response.text) == [m["measure_id"] for m in expected]
    for measure in expected:
        state = Page(_section(response.text, measure["measure_id"])).text
        if measure["rate_in_force"] is not None:
            assert f"{measure['rate_in_force']:g} % in force" in state


def test_a_measures_chart_has_a_point_per_step_linked_to_its_row_and_articles(served, demo_copy):
    """The US steel and aluminium duty: 25 % then 50 %, each step with the articles that report it."""
    measure_id = "us-all-steel-and-aluminium"
    with session(demo_copy, read_only=True) as con:
        steps = histories(con, [measure_id])[measure_id]
    html = _section(served.get("/tariffs", params={"product": "steel", "on": "2025-07-01"}).text, measure_id)
    chart = html.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert chart.count("<circle") == len(steps) >= 2
    assert chart.count("<polyline") >= 1
    page = Page(html)
    for step in steps:
        anchor = f"{measure_id}-step-{step['step']}"
        assert f"#{anchor}" in page.links, "each point links to its step's row"
        row = html.split(f'<tr id="{anchor}">', 1)[1].split("</tr>", 1)[0]
        assert step["sources"] and all(s["url"] in Page(row).links for s in step["sources"])
    # the line is the rate in force: on 1 July 2025, 50 % (its highest point is the top of the chart)
    assert "50 % in force" in page.text
    heights = {float(p.split(",")[1]) for line in chart.split('points="')[1:] for p in line.split('"')[0].split()}
    assert len(heights) == 2, "two rates in force over time: 25 % and 50 %"


def test_a_bad_tracker_date_is_a_clear_400(served):
    response = served.get("/tariffs", params={"on": "1 July"})
    assert response.status_code == 400 and "YYYY-MM-DD" in Page(response.text).text


def test_no_route_writes_and_the_database_is_unchanged(served, demo_copy):
    before = _sha256(demo_copy)
    methods = {method for route in create_app(demo_copy).routes for method in (getattr(route, "methods", None) or ())}
    assert methods <= {"GET", "HEAD"}
    pages = crawl(served)
    for url in list(pages)[:40]:
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert served.request(method, url).status_code == 405, (method, url)
    assert served.post("/static/browse.css").status_code == 405
    assert _sha256(demo_copy) == before


def test_only_this_machines_names_are_served(served):
    """A site that points its own name at 127.0.0.1 cannot have a browser read the page for it."""
    assert served.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert served.get("/", headers={"host": "localhost"}).status_code == 200


def test_a_missing_database_stops_browse_with_the_clis_message(tmp_path):
    done = subprocess.run([TRADEWIRE, "browse", "--db", str(tmp_path / "none.duckdb")], capture_output=True,
                          text=True, timeout=120, env=env_without_prefect_api())
    assert done.returncode == 1 and "tradewire demo" in done.stderr


def test_a_port_in_use_is_a_clear_error(demo_copy):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run([TRADEWIRE, "browse", "--db", str(demo_copy), "--port", str(port)],
                              capture_output=True, text=True, timeout=120, env=env_without_prefect_api())
    assert done.returncode == 1 and f"127.0.0.1:{port}" in done.stderr and "--port" in done.stderr


# ---- an ingest while the page is read, and an article holding HTML and script ----

@pytest.fixture(scope="module")
def ingested_while_browsing(demo_db, tmp_path_factory):
    """A copy of the demo database served by `tradewire browse`, pages read one after another without pause
    while `tradewire ingest` adds the hostile article to it; then the same server, after the ingest."""
    db = copy_database(demo_db, tmp_path_factory.mktemp("browse-ingest"))
    with HTTPTestServer() as site, BrowseServer(db) as server, \
            httpx.Client(base_url=server.base_url, timeout=300) as client:
        site.route("/news/steel-tariff.html", Reply(200, HOSTILE_PAGE))
        before = client.get("/").text
        ingest = start_ingest(db, site.url("/news/steel-tariff.html"))
        statuses = []
        try:
            targets = ("/", "/quotes", "/quotes.csv")
            while ingest.poll() is None and len(statuses) < READS_DURING_INGEST_LIMIT:
                statuses.append(client.get(targets[len(statuses) % len(targets)]).status_code)
            output, _ = ingest.communicate(timeout=INGEST_TIMEOUT_S)
        finally:
            if ingest.poll() is None:
                ingest.kill()
        jsonl = db.parent / "script-url.jsonl"
        jsonl.write_text(json.dumps(SCRIPT_URL_ARTICLE) + "\n", encoding="utf-8")
        imported = run_import(db, jsonl)
        yield {"client": client, "db": db, "before": before, "statuses": statuses, "ingest_rc": ingest.returncode,
               "ingest_output": output, "imported": imported}


def test_an_ingest_while_pages_are_read_completes_and_its_article_shows_after_a_reload(ingested_while_browsing):
    state = ingested_while_browsing
    assert state["ingest_rc"] == 0, state["ingest_output"][-3000:]
    assert "success" in state["ingest_output"] and "stored 1" in state["ingest_output"], state["ingest_output"]
    assert state["statuses"], "no page was read while the ingest ran"
    assert set(state["statuses"]) == {200}, f"reads during the ingest failed: {set(state['statuses'])}"
    assert HOSTILE_TITLE not in Page(state["before"]).text
    assert HOSTILE_TITLE in Page(state["client"].get("/").text).text


def test_html_and_script_in_an_article_show_as_text_on_every_page(ingested_while_browsing):
    client = ingested_while_browsing["client"]
    pages = crawl(client, every_query=True)
    assert all(r.status_code == 200 for r in pages.values())
    html_pages = {u: r.text for u, r in pages.items() if r.headers["content-type"].startswith("text/html")}
    for url, html in html_pages.items():
        assert Page(html).tags <= OUR_TAGS, f"an article's markup became elements on {url}"
        for piece in HOSTILE_PIECES:
            assert piece not in html, f"{piece!r} unescaped on {url}"
    # ... and shown, as the characters it holds, wherever the article appears
    events = Page(html_pages["/"])
    assert HOSTILE_TITLE in events.text and HOSTILE_OUTLET in events.text
    (event_url,) = [href for href, text in events.anchors if href.startswith("/events/") and text == HOSTILE_TITLE]
    event = Page(html_pages[event_url])
    assert event.h1 == HOSTILE_TITLE
    assert HOSTILE_BODY_SCRIPT in event.text and HOSTILE_OUTLET in event.text
    # the tracker lists its 40 % on Chinese steel with the article as the step's source
    tracker = Page(html_pages["/tariffs"])
    assert HOSTILE_TITLE in tracker.text and HOSTILE_OUTLET in tracker.text
    # a URL that is not http(s) is shown, never made a link (links within the page: "#" and a step's row)
    assert ingested_while_browsing["imported"].returncode == 0, ingested_while_browsing["imported"].stderr[-2000:]
    assert not [href for html in html_pages.values() for href in Page(html).links
                if not href.startswith(("/", "#", "http://", "https://"))]
    (script_url_event,) = [href for href, text in events.anchors if text == SCRIPT_URL_ARTICLE["title"]]
    assert SCRIPT_URL in Page(html_pages[script_url_event]).text
    quotes = Page(client.get("/quotes", params={"speaker": "Carney"}).text)
    assert HOSTILE_QUOTE_SCRIPT in quotes.text and HOSTILE_TITLE in quotes.text
    csv_text = client.get("/quotes.csv").content.decode("utf-8-sig")
    assert HOSTILE_QUOTE_SCRIPT in csv_text, "the CSV holds the article's text as it is (it is data, not a page)"
