"""`tradewire browse` in a real browser: headless Chromium (Debian's `chromium`) driven through Debian's
`chromium-driver` by selenium, which is given the driver's path and so never runs selenium-manager (nothing is
downloaded). What a user relies on: every page of the demo loads with no error and nothing from elsewhere, the
Sheinbaum–Carney meeting with its three stories, a measure's chart with its steps, a quote filter returning
rows, the CSV download, and a page
reloaded after an ingest showing the new article, its HTML and script as text.

Without the two packages these tests skip (`apt-get install chromium chromium-driver`); tests/test_browse.py
covers the same pages over HTTP. Screenshots go to a temporary folder, or to $TRADEWIRE_SCREENSHOTS.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browse_support import (HOSTILE_BODY_SCRIPT, HOSTILE_PAGE, HOSTILE_TITLE, BrowseServer, copy_database,
                            start_ingest)
from http_server import HTTPTestServer, Reply
from typer.testing import CliRunner

from flows.cli import app as cli_app
from storage.db import session
from storage.queries import list_events

INSTALL_HINT = "headless Chromium not installed: apt-get install chromium chromium-driver (Debian) to run it"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1100,760")
WAIT_S = 60  # the longest a page may take to appear on a busy machine; a bound, not a measurement
INGEST_TIMEOUT_S = 600
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip(INSTALL_HINT, allow_module_level=True)  # one line for the module in the summary


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("TRADEWIRE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def driver(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="tradewire-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # A Service with the driver's path: selenium uses it as it is and never runs selenium-manager.
    browser = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    browser.set_page_load_timeout(WAIT_S)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def browser(driver):
    """The browser, its console emptied of what earlier tests left there (another site's missing favicon)."""
    driver.get_log("browser")
    return driver


@pytest.fixture(scope="module")
def demo_copy(demo_db, tmp_path_factory) -> Path:
    return copy_database(demo_db, tmp_path_factory.mktemp("browser-demo"))


@pytest.fixture(scope="module")
def server(demo_copy):
    with BrowseServer(demo_copy) as running:
        yield running


def _wait(browser, condition, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT_S).until(lambda b: condition(b), message=what)


def _loaded(browser) -> bool:
    return browser.execute_script("return document.readyState") == "complete"


def _check_page(browser, base_url: str) -> None:
    """What every page must be: no script, nothing fetched from another origin, nothing in the console."""
    assert browser.execute_script("return document.scripts.length") == 0, browser.current_url
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(r.startswith(base_url + "/") for r in resources), resources
    # A page of another test's server (the demo site has no favicon) may log its missing favicon.ico after the
    # `browser` fixture emptied the console: Chromium asks for it late. Only that entry is left out.
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"
              and not ("/favicon.ico" in entry["message"] and base_url not in entry["message"])]
    assert not errors, f"{browser.current_url}: {errors}"


def test_every_page_of_the_demo_loads_in_the_browser(browser, server, demo_copy, screenshots):
    from selenium.webdriver.common.by import By

    with session(demo_copy, read_only=True) as con:
        events = list_events(con)
    browser.get(server.url("/"))
    _check_page(browser, server.base_url)
    browser.save_screenshot(str(screenshots / "events.png"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.event-link")]
    assert [urlsplit(link).path for link in links] == [f"/events/{e['event_id']}" for e in events]
    for link in links:
        browser.get(link)
        _check_page(browser, server.base_url)
        assert browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.LINK_TEXT, "Tariffs").click()
    _wait(browser, lambda b: urlsplit(b.current_url).path == "/tariffs" and _loaded(b), "the tariff tracker")
    _check_page(browser, server.base_url)
    assert browser.find_elements(By.CSS_SELECTOR, "section.measure svg.chart")
    browser.find_element(By.LINK_TEXT, "Quotes").click()
    _wait(browser, lambda b: urlsplit(b.current_url).path == "/quotes" and _loaded(b), "the quotes page")
    _check_page(browser, server.base_url)
    assert browser.find_elements(By.CSS_SELECTOR, "table.quotes tbody tr")


def test_the_sheinbaum_carney_meeting_with_its_three_stories(browser, server, demo_copy, demo_site, screenshots):
    from selenium.webdriver.common.by import By

    browser.get(server.url("/"))
    search = browser.find_element(By.NAME, "q")
    search.send_keys("Sheinbaum")
    search.submit()
    _wait(browser, lambda b: "q=Sheinbaum" in b.current_url and _loaded(b), "the search's results")
    (meeting,) = [a for a in browser.find_elements(By.CSS_SELECTOR, "a.event-link")
                  if "Carney" in a.text and "Sheinbaum" in a.text]
    meeting.click()
    _wait(browser, lambda b: "/events/" in b.current_url and _loaded(b), "the meeting's page")
    event_id = urlsplit(browser.current_url).path.rsplit("/", 1)[1]
    browser.save_screenshot(str(screenshots / "event.png"))

    with session(demo_copy, read_only=True) as con:
        (stored,) = [e for e in list_events(con) if e["event_id"] == event_id]
    stories = browser.find_elements(By.CSS_SELECTOR, "ol.articles > li")
    assert len(stories) == 3 == len(stored["articles"])
    sources = [li.find_element(By.CSS_SELECTOR, "a.source").get_attribute("href") for li in stories]
    assert sorted(sources) == sorted(a["url"] for a in stored["articles"])
    flagged = [li for li in stories if "duplicate" in li.get_attribute("class").split()]
    assert len(flagged) == 1 and "near copy" in flagged[0].text
    leaders = browser.find_element(By.ID, "leaders").find_element(By.XPATH, "following-sibling::table").text
    assert "Claudia Sheinbaum" in leaders and "Mark Carney" in leaders
    assert browser.find_elements(By.CSS_SELECTOR, "table.quotes tbody tr")

    # a story's link opens the outlet's page (the demo site, still served)
    first = stories[0].find_element(By.CSS_SELECTOR, "a.source")
    title = first.text
    first.click()
    _wait(browser, lambda b: b.current_url.startswith(demo_site.base_url) and _loaded(b), "the source's page")
    assert title in browser.page_source


def test_a_measures_chart_shows_its_steps_each_linked_to_its_articles(browser, server, demo_copy, screenshots):
    """The tracker filtered as a user would (the US's, "acero", on 1 July 2025): the US steel and aluminium duty
    at 50 % in force, its chart a point per step; a point leads to its step's row and the articles behind it."""
    from selenium.webdriver.common.by import By

    measure_id = "us-all-steel-and-aluminium"
    browser.get(server.url("/tariffs"))
    browser.find_element(By.NAME, "imposer").send_keys("United States")
    browser.find_element(By.NAME, "product").send_keys("acero")
    on = browser.find_element(By.NAME, "on")
    browser.execute_script("arguments[0].value = '2025-07-01'", on)  # a date input takes keys in the locale's order
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    _wait(browser, lambda b: "product=acero" in b.current_url and _loaded(b), "the filtered measures")
    _check_page(browser, server.base_url)
    section = browser.find_element(By.ID, measure_id)
    assert "50 % in force" in section.find_element(By.CSS_SELECTOR, "p.state").text
    with session(demo_copy, read_only=True) as con:
        (steps,) = con.execute("select step_count from tariff_measures where measure_id = ?",
                               [measure_id]).fetchone()
    points = section.find_elements(By.CSS_SELECTOR, "svg.chart circle.step")
    assert len(points) == steps >= 2
    assert all(p.is_displayed() and p.size["width"] > 0 for p in points)
    browser.save_screenshot(str(screenshots / "tariffs.png"))

    last = section.find_elements(By.CSS_SELECTOR, "svg.chart a")[-1]
    target = last.get_dom_attribute("href").split("#", 1)[1]
    last.click()
    _wait(browser, lambda b: b.current_url.endswith("#" + target), "the step's row")
    row = browser.find_element(By.ID, target)
    assert row.find_elements(By.CSS_SELECTOR, "a[href^='http']"), "the step's row links to its articles"


def test_a_quote_filter_returns_rows_and_the_csv_downloads(browser, server, demo_copy, downloads, screenshots,
                                                           tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server.url("/quotes"))
    browser.find_element(By.NAME, "speaker").send_keys("Sheinbaum")
    Select(browser.find_element(By.NAME, "country")).select_by_visible_text("Mexico")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    _wait(browser, lambda b: "speaker=Sheinbaum" in b.current_url and _loaded(b), "the filtered quotes")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.quotes tbody tr")
    assert rows
    for row in rows:
        speaker, country = (cell.text for cell in row.find_elements(By.TAG_NAME, "td")[1:3])
        assert "Sheinbaum" in speaker and country == "Mexico"
    _check_page(browser, server.base_url)
    browser.save_screenshot(str(screenshots / "quotes.png"))

    browser.find_element(By.CSS_SELECTOR, "a.csv").click()
    downloaded = downloads / "quotes.csv"
    _wait(browser, lambda b: downloaded.exists() and not list(downloads.glob("*.crdownload")), "the CSV file")
    exported = tmp_path / "export.csv"
    result = CliRunner().invoke(cli_app, ["export", "quotes", "--csv", str(exported), "--db", str(demo_copy),
                                          "--speaker", "Sheinbaum", "--country", "Mexico"])
    assert result.exit_code == 0, result.output
    assert downloaded.read_bytes() == exported.read_bytes()
    assert f"wrote {len(rows)} quotes" in result.output


def test_a_page_reloaded_after_an_ingest_shows_its_article_as_text(browser, demo_db, tmp_path):
    """The events page stays open (and is reloaded) while `tradewire ingest` stores an article whose title and
    body hold HTML and script; after the ingest a reload shows it, as text, and nothing of it runs."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    db = copy_database(demo_db, tmp_path / "db")
    with HTTPTestServer() as site, BrowseServer(db) as server:
        site.route("/news/steel-tariff.html", Reply(200, HOSTILE_PAGE))
        browser.get(server.url("/"))
        assert HOSTILE_TITLE not in browser.find_element(By.TAG_NAME, "main").text
        ingest = start_ingest(db, site.url("/news/steel-tariff.html"))
        try:
            reloads = 0
            while ingest.poll() is None and reloads < 2_000:
                browser.refresh()
                assert browser.find_element(By.TAG_NAME, "h1").text == "Events"
                reloads += 1
            output, _ = ingest.communicate(timeout=INGEST_TIMEOUT_S)
        finally:
            if ingest.poll() is None:
                ingest.kill()
        assert ingest.returncode == 0 and "stored 1" in output, output[-3000:]
        assert reloads > 0

        browser.refresh()
        browser.find_element(By.LINK_TEXT, HOSTILE_TITLE).click()
        _wait(browser, lambda b: "/events/" in b.current_url and _loaded(b), "the new event's page")
        assert browser.find_element(By.TAG_NAME, "h1").text == HOSTILE_TITLE
        assert HOSTILE_BODY_SCRIPT in browser.find_element(By.CSS_SELECTOR, "p.lede").text
        assert browser.execute_script("return document.scripts.length") == 0
        assert not browser.find_elements(By.CSS_SELECTOR, "main b, main img")
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 (reading it is what raises when no alert is open)
        _check_page(browser, server.base_url)
