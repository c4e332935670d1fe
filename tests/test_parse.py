"""Tests for the page parser: metadata, charset, non-article detection (extractors/article/parse.py, metadata.py,
charset.py, language.py).

Three kinds of evidence:
1. the frozen labelled pages of tests/data/pages (every field of every page, then the aggregate accuracy);
2. the bundled demo site and, when present, the 181 real pages of the article-extraction benchmark (all of
   them articles: none may be called a non-article);
3. small pages written here, each varying one thing the labelled pages do not, so that the rules are
   checked for generality and not only on the pages they were developed on.
Label comparison follows tests/data/README.md; the helpers live in bench/parse_metadata.py, which prints the
same figures next to trafilatura's and htmldate's.
"""
from __future__ import annotations

import gzip
import tomllib
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import pytest

from bench.parse_metadata import (BENCHMARK, FIELDS, LABELS, MOJIBAKE, authors_match, charset_matches,
                                  date_matches, day_matches, load_labels, score_ours, title_matches)
from extractors.article.charset import charset_from_content_type, decode_html
from extractors.article.language import detect_language
from extractors.article.authors import clean_authors, pick_authors
from extractors.article.metadata import read_metadata
from extractors.article.titles import clean_title, pick_headline
from extractors.article.parse import ParsedPage, parse_html
from extractors.article.urls import canonical_url

DATA = Path(__file__).resolve().parent / "data"
REPO = DATA.parent.parent
LABELLED = load_labels(LABELS)
IDS = [label["file"].split("/")[-1][:3] for label in LABELLED]


@lru_cache(maxsize=None)
def parsed(file: str) -> ParsedPage:
    label = next(l for l in LABELLED if l["file"] == file)
    return parse_html((DATA / file).read_bytes(), url=label["url"])


def raw(file: str) -> bytes:
    return (DATA / file).read_bytes()


# ---------------------------------------------------------------- 1. labelled pages, field by field


@pytest.mark.parametrize("label", LABELLED, ids=IDS)
def test_is_article(label):
    page = parsed(label["file"])
    assert page.is_article == label["is_article"], page.reason
    assert (page.reason is None) == label["is_article"]


@pytest.mark.parametrize("label", LABELLED, ids=IDS)
def test_title(label):
    assert title_matches(label, parsed(label["file"]).article.title), parsed(label["file"]).article.title


@pytest.mark.parametrize("label", LABELLED, ids=IDS)
def test_authors(label):
    assert authors_match(label["authors"], parsed(label["file"]).article.authors)


@pytest.mark.parametrize("label", LABELLED, ids=IDS)
def test_published(label):
    value = parsed(label["file"]).article.published
    assert date_matches(label["published"], value), (label["published"], value)


@pytest.mark.parametrize("label", LABELLED, ids=IDS)
def test_modified(label):
    value = parsed(label["file"]).article.modified
    assert date_matches(label["modified"], value), (label["modified"], value)


@pytest.mark.parametrize("label", LABELLED, ids=IDS)
def test_language(label):
    assert parsed(label["file"]).article.language == label["language"]


@pytest.mark.parametrize("label", LABELLED, ids=IDS)
def test_canonical_url(label):
    page = parsed(label["file"])
    assert page.metadata.canonical_url == label["canonical_url"]
    # the article's URL is the canonical one, or the fetched one without tracking parameters
    assert page.canonical_url == canonical_url(label["canonical_url"] or label["url"])
    assert page.article.url == page.canonical_url
    assert "utm_" not in page.canonical_url and "fbclid" not in page.canonical_url


@pytest.mark.parametrize("label", LABELLED, ids=IDS)
def test_charset_and_no_mojibake(label):
    page = parsed(label["file"])
    text, _ = decode_html(raw(label["file"]))
    assert charset_matches(label["charset"], page.charset, text, raw(label["file"])), page.charset
    visible = " ".join([page.article.title or "", *page.article.authors, page.article.text])
    assert not MOJIBAKE.search(visible), MOJIBAKE.search(visible)


@pytest.mark.parametrize("label", [l for l in LABELLED if l["is_article"]],
                         ids=[i for i, l in zip(IDS, LABELLED) if l["is_article"]])
def test_body_first_and_last_words(label):
    body = " ".join(parsed(label["file"]).article.text.split())
    assert " ".join(label["body_first_words"].split()) in body
    assert " ".join(label["body_last_words"].split()) in body


@pytest.mark.parametrize("label", [l for l in LABELLED if l["is_article"]],
                         ids=[i for i, l in zip(IDS, LABELLED) if l["is_article"]])
def test_body_starts_and_ends_where_the_label_says(label):
    """Stricter than presence: the labelled words are the first and last of the body (no headline, caption,
    byline or bio around it)."""
    body = " ".join(parsed(label["file"]).article.text.split())
    assert body.startswith(" ".join(label["body_first_words"].split())), body[:120]
    assert body.endswith(" ".join(label["body_last_words"].split())), body[-120:]


def test_aggregate_accuracy():
    """Per-field accuracy over the 38 pages (the same figures bench/parse_metadata.py prints). All fields are
    at 38/38 today; the thresholds leave no room for a regression on dates, the top user complaint, nor for
    rejecting a real article."""
    hits = {f: 0 for f in FIELDS}
    for label in LABELLED:
        ok, _ = score_ours(label, raw(label["file"]))
        for f in FIELDS:
            hits[f] += ok[f]
    accuracy = {f: hits[f] / len(LABELLED) for f in FIELDS}
    assert accuracy["is_article"] == 1.0
    assert accuracy["published"] == 1.0
    assert accuracy["modified"] == 1.0
    assert accuracy["charset"] == 1.0
    for f in ("title", "authors", "language", "canonical_url", "body_first", "body_last"):
        assert accuracy[f] >= 0.97, (f, accuracy[f])


def test_label_comparison_rules():
    """The README's comparison rules, as the helpers implement them."""
    est = timezone(timedelta(hours=-5))
    assert date_matches("2025-03-04T14:05:00+00:00", datetime(2025, 3, 4, 9, 5, tzinfo=est))  # same instant
    assert date_matches("2025-03-04T14:05:00Z", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc))
    assert not date_matches("2025-03-04T14:05:00", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc))  # naive
    assert not date_matches("2025-03-04T14:05:00+00:00", datetime(2025, 3, 4, 14, 5))
    assert date_matches("2025-03-04", datetime(2025, 3, 4, 18, 0, tzinfo=est))  # date-only: on the date
    assert not date_matches(None, datetime(2025, 3, 4))
    assert date_matches(None, None)
    assert day_matches("2025-03-04T23:30:00-05:00", datetime(2025, 3, 5, 4, 30, tzinfo=timezone.utc))


# ---------------------------------------------------------------- 2. demo site and real benchmark pages


def _demo_pages():
    manifest = tomllib.loads((REPO / "config" / "demo" / "MANIFEST.toml").read_text(encoding="utf-8"))
    return manifest["page"]


@pytest.mark.parametrize("page", _demo_pages(), ids=lambda p: p["path"])
def test_demo_site_pages(page):
    base = "http://127.0.0.1:8765"
    content = (REPO / "config" / "demo" / "site" / page["path"]).read_bytes().replace(b"{{BASE_URL}}",
                                                                                        base.encode())
    result = parse_html(content, url=f"{base}/{page['path']}")
    assert result.is_article == (page["kind"] != "index"), result.reason
    assert result.article.title == page["title"]
    assert result.article.language == page["language"]
    assert not MOJIBAKE.search(result.article.text + (result.article.title or ""))
    if page["kind"] != "index":
        assert result.article.authors, "every demo article is signed"
        assert result.article.outlet == page["outlet_name"]
        assert result.article.published is not None
        assert result.article.published.date().isoformat() == page["published"][:10]


@pytest.mark.skipif(not (BENCHMARK / "html").is_dir(), reason="article-extraction benchmark not present")
def test_benchmark_articles_are_never_called_non_articles():
    """The 181 real pages are all articles (some very short, some paywalled, some with an embedded video):
    none may be rejected. Only the count and the ids are reported, never page text."""
    wrong = []
    for path in sorted((BENCHMARK / "html").glob("*.html.gz")):
        page = parse_html(gzip.open(path, "rb").read(), url=f"https://benchmark.example/{path.name[:-8]}")
        if not page.is_article:
            wrong.append((path.name[:16], page.reason))
    assert wrong == []


# ---------------------------------------------------------------- 3. pages written for these tests

PROSE = [
    "The regional council voted on Tuesday to extend the night bus pilot for another six months, after ridership "
    "in the first quarter came in well above the forecast that officials had published in the autumn.",
    "Drivers' representatives said the extra shifts had been filled by volunteers so far, but warned that the "
    "arrangement could not continue indefinitely without new hiring and a revised rota for the winter months.",
    "Several councillors asked for a breakdown of the costs by route before the next budget meeting, and the "
    "transport department agreed to present one, together with passenger counts for each of the three lines.",
    "Residents who spoke at the meeting mostly supported the service, although two asked for better lighting at "
    "the stops on the eastern route, where they said waiting late at night could feel unsafe in the dark.",
]


def page(head: str = "", body: str = "", *, lang: str = "en", paragraphs: list[str] | None = None,
         header: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in (PROSE if paragraphs is None else paragraphs))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav>{header}'
            f'<main><article><h1>Night buses to run for six more months</h1>{body}'
            f'<div class="article-body">{paras}</div></article></main>'
            f'<footer><p>© 2025 Example Media</p></footer></body></html>')


URL = "https://www.harbourtimes.example/local/night-buses-extended"


def test_graph_with_author_reference_and_publisher():
    head = """<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","@id":"https://www.harbourtimes.example/#site","name":"Harbour Times"},
      {"@type":"Person","@id":"https://www.harbourtimes.example/#/person/1","name":"Imogen Bright"},
      {"@type":"NewsArticle","headline":"Night buses to run for six more months",
       "author":{"@id":"https://www.harbourtimes.example/#/person/1"},
       "publisher":{"@type":"Organization","name":"Harbour Times"},
       "datePublished":"2025-05-06T18:40:00+01:00","dateModified":"2025-05-07T08:00:00+01:00"}]}</script>"""
    result = parse_html(page(head), url=URL)
    assert result.is_article
    assert result.article.authors == ["Imogen Bright"]
    assert result.article.published.isoformat() == "2025-05-06T18:40:00+01:00"
    assert result.article.modified.isoformat() == "2025-05-07T08:00:00+01:00"
    assert result.article.outlet == "Harbour Times"


def test_embedded_video_object_of_another_page_is_not_the_article():
    head = """<title>Night buses to run for six more months | Harbour Times</title>
      <meta property="og:type" content="article">
      <meta property="article:published_time" content="2025-05-06T18:40:00+01:00">
      <script type="application/ld+json">{"@type":"VideoObject","name":"Ferry timetable explained",
      "url":"https://www.harbourtimes.example/video/ferry-timetable","uploadDate":"2024-01-02T10:00:00Z"}</script>"""
    result = parse_html(page(head), url=URL)
    assert result.is_article
    assert result.article.title == "Night buses to run for six more months"
    assert result.article.published.isoformat() == "2025-05-06T18:40:00+01:00"


def test_date_only_metadata_is_completed_by_the_byline_time():
    head = '<meta name="date" content="2025-03-04">'
    byline = '<p class="byline">By Imogen Bright</p><p class="dateline">March 4, 2025, 9:05 a.m. ET</p>'
    result = parse_html(page(head, byline), url=URL)
    assert result.article.published.isoformat() == "2025-03-04T09:05:00-05:00"
    assert result.article.authors == ["Imogen Bright"]


def test_updated_before_published_in_text_and_time_tags():
    byline = ('<div class="meta">By Imogen Bright · Updated <time datetime="2025-05-07T08:00:00+01:00">7 May'
              '</time> · First published <time datetime="2025-05-06T18:40:00+01:00">6 May</time></div>')
    result = parse_html(page("", byline), url=URL)
    assert result.article.published.isoformat() == "2025-05-06T18:40:00+01:00"
    assert result.article.modified.isoformat() == "2025-05-07T08:00:00+01:00"


def test_modified_before_published_is_dropped():
    head = ('<meta property="article:published_time" content="2025-05-06T18:40:00+01:00">'
            '<meta property="article:modified_time" content="2020-01-01T00:00:00+00:00">')
    result = parse_html(page(head), url=URL)
    assert result.article.modified is None


def test_us_locale_reads_numeric_dates_month_first():
    byline = '<p class="byline">By Imogen Bright</p><p class="date">Posted 03/04/2025</p>'
    us = parse_html(page("", byline, lang="en-US"), url=URL)
    uk = parse_html(page("", byline, lang="en-GB"), url=URL)
    assert us.article.published == datetime(2025, 3, 4)
    assert uk.article.published == datetime(2025, 4, 3)


def test_teaser_and_comment_dates_are_not_the_article_date():
    teasers = ('<ul class="latest"><li><a href="/a">Ferry operator adds a late sailing on Fridays</a>'
               '<time datetime="2025-01-02T10:00:00Z">2 Jan</time></li></ul>')
    comments = ('<div class="comments"><div class="comment"><time datetime="2025-05-09T10:00:00Z">9 May</time>'
                '<p>Great news for shift workers.</p></div></div>')
    byline = '<p class="byline">By Imogen Bright, Transport Correspondent</p>'
    html = page("", byline + '<time datetime="2025-05-06T18:40:00+01:00">6 May 2025</time>',
                header=teasers) + comments
    result = parse_html(html, url=URL)
    assert result.article.published.isoformat() == "2025-05-06T18:40:00+01:00"
    assert result.article.authors == ["Imogen Bright"]


def test_page_wrapper_named_like_a_sidebar_does_not_hide_the_byline():
    html = ('<html lang="en"><body><div id="page" class="site-content has-sidebar with-comments"><article>'
            '<h1>Night buses to run for six more months</h1><p class="byline">By Imogen Bright</p>'
            '<time datetime="2025-05-06T18:40:00+01:00">6 May 2025</time>'
            + "".join(f"<p>{p}</p>" for p in PROSE) +
            '</article><div class="comments"><time datetime="2025-05-09T10:00:00Z">9 May</time>'
            '<p class="byline">By Another Reader</p></div></div></body></html>')
    result = parse_html(html, url=URL)
    assert result.article.authors == ["Imogen Bright"]
    assert result.article.published.isoformat() == "2025-05-06T18:40:00+01:00"


def test_canonical_to_the_home_page_is_ignored():
    head = '<link rel="canonical" href="https://www.harbourtimes.example/">'
    result = parse_html(page(head), url=URL + "?utm_source=rss")
    assert result.metadata.canonical_url is None
    assert result.canonical_url == URL


# --- non-articles, and articles that look like them


def test_short_brief_is_an_article():
    head = '<meta property="og:type" content="article">'
    result = parse_html(page(head, paragraphs=["The harbour bridge will close for inspection from 10 p.m. "
                                                "on Friday until 6 a.m. on Saturday, the port authority said."]),
                        url=URL)
    assert result.is_article, result.reason


def test_paywalled_article_with_full_text_is_an_article():
    head = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Night buses to run",
      "isAccessibleForFree":false,"datePublished":"2025-05-06T18:40:00+01:00"}</script>"""
    header = '<header class="site-header"><a href="/subscribe">Subscribe to continue reading</a></header>'
    result = parse_html(page(head, header=header), url=URL)
    assert result.is_article, result.reason
    assert result.metadata.accessible_for_free is False


def test_paywall_stub_is_not_an_article():
    body = '<div class="paywall"><p>Subscribe to continue reading.</p><a href="/subscribe">Subscribe</a></div>'
    result = parse_html(page("", body, paragraphs=PROSE[:1]), url=URL)
    assert not result.is_article and result.reason == "paywall stub"


def test_site_header_paywall_text_does_not_reject_a_short_brief():
    header = '<nav class="account"><span>Already a subscriber? Sign in</span></nav>'
    result = parse_html(page("", header=header, paragraphs=PROSE[:1]), url=URL)
    assert result.is_article, result.reason


def test_index_page_without_structured_data():
    teasers = "".join(
        f'<article class="story"><h2><a href="/local/story-{i}">Local story number {i} makes the list</a></h2>'
        f'<p>A one-line summary of story {i}.</p></article>' for i in range(10))
    html = (f'<html lang="en"><head><title>Local news | Harbour Times</title></head><body><main><h1>Local</h1>'
            f'{teasers}</main></body></html>')
    result = parse_html(html, url="https://www.harbourtimes.example/local/")
    assert not result.is_article and result.reason == "index page"


def test_article_with_a_long_related_rail_and_website_og_type_is_an_article():
    related = "".join(f'<h3><a href="/local/story-{i}">Local story number {i} makes the list</a></h3>'
                      for i in range(10))
    head = '<meta property="og:type" content="website">'
    result = parse_html(page(head) .replace("</main>", f"</main><div class='more'>{related}</div>"), url=URL)
    assert result.is_article, result.reason


def test_video_page_without_structured_data():
    html = ('<html lang="en"><head><meta property="og:type" content="video.other"><title>Bridge lift in 60 '
            'seconds</title></head><body><main><h1>Bridge lift in 60 seconds</h1><video src="/v.mp4"></video>'
            '<p class="caption">The harbour bridge opens for a tall ship.</p></main></body></html>')
    result = parse_html(html, url="https://www.harbourtimes.example/video/bridge-lift")
    assert not result.is_article and result.reason == "video page"


def test_article_with_an_embedded_player_is_an_article():
    body = '<iframe src="https://player.example/embed/123"></iframe>'
    result = parse_html(page('<meta property="og:type" content="article">', body), url=URL)
    assert result.is_article, result.reason


def test_live_blog_without_structured_data():
    entries = "".join(f'<div class="live-update"><time datetime="2025-01-21T1{i}:00:00-05:00">{i} p.m.</time>'
                      f'<p>Update number {i} on the storm and the roads.</p></div>' for i in range(5))
    html = (f'<html lang="en"><head><title>Live: storm updates</title></head><body><main><h1>Live: storm '
            f'updates</h1>{entries}</main></body></html>')
    result = parse_html(html, url="https://www.harbourtimes.example/live/storm")
    assert not result.is_article and result.reason == "live blog"


def test_empty_page_is_not_an_article_and_does_not_raise():
    for content in (b"", b"<html></html>", b"\x00\x01\x02", "<p>unclosed <b>tags"):
        result = parse_html(content, url=URL)
        assert isinstance(result, ParsedPage)
    assert parse_html(b"<html></html>", url=URL).reason == "no article text"


# --- titles and bylines


@pytest.mark.parametrize("raw, outlet, host, expected", [
    ("Night buses extended | Harbour Times", None, "www.harbourtimes.example", "Night buses extended"),
    ("Night buses extended - Harbour Times", None, "www.harbourtimes.example", "Night buses extended"),
    ("Harbour Times: Night buses extended", None, "www.harbourtimes.example", "Night buses extended"),
    ("Night buses extended | Local | Harbour Times", None, "www.harbourtimes.example", "Night buses extended"),
    ("Night buses extended — The Daily Gull", "The Daily Gull", None, "Night buses extended"),
    # separators inside real headlines stay
    ("Review: A budget e-reader that gets the basics right", "Tech Lantern", "www.techlantern.example",
     "Review: A budget e-reader that gets the basics right"),
    ("Trump pauses tariffs - except on China", None, "www.capitalwire.example",
     "Trump pauses tariffs - except on China"),
    ("Milan design week | A light installation in a former foundry", None, "www.designnotes.example",
     "Milan design week | A light installation in a former foundry"),
])
def test_clean_title(raw, outlet, host, expected):
    assert clean_title(raw, outlet, host=host) == expected


def test_title_that_is_only_the_site_name_is_skipped():
    head = ('<meta property="og:site_name" content="Harbour Times"><meta property="og:title" '
            'content="Harbour Times"><title>Harbour Times</title>')
    result = parse_html(page(head), url=URL)
    assert result.article.title == "Night buses to run for six more months"


@pytest.mark.parametrize("byline, expected", [
    ("By Jane Doe", ["Jane Doe"]),
    ("BY JANE DOE", ["Jane Doe"]),
    ("By Jane Doe and John Roe, Staff Reporters · March 4, 2025", ["Jane Doe", "John Roe"]),
    ("By Ana Ruiz, Ben Cole and Chidi Obi", ["Ana Ruiz", "Ben Cole", "Chidi Obi"]),
    ("Por Ana Lucía Ferrer y Joaquín Peralta", ["Ana Lucía Ferrer", "Joaquín Peralta"]),
    ("Tomás Herrera, Staff Reporter", ["Tomás Herrera"]),
    ("Keiko Tan, Senior Trade Correspondent, Washington", ["Keiko Tan"]),
    ("By Jane Doe in Brussels", ["Jane Doe"]),
    ("By Karel De Smet | Brussels", ["Karel De Smet"]),
    ("By Tom ReyesMarch 4, 2025 11:32 AM CST", ["Tom Reyes"]),
    ("By Fiona Marsden\nPosted: 04/03/2025", ["Fiona Marsden"]),
    ("By\nAl Root", ["Al Root"]),
    ("By Trevor J. Mitchell and María de la Luz Ortega", ["Trevor J. Mitchell", "María de la Luz Ortega"]),
    ("Jane Doe\nHarbour Ledger\nPublished 10:02 AM EST Nov 19, 2019", ["Jane Doe"]),
    ("Lakeview Tribune staff", []),
    ("By the Associated Press", []),
    ("European Space Agency", []),
    ("By using this site, you agree to our updated Privacy Policy", []),
    ("Order Reprints", []),
    ("Por JUAN PÉREZ Y ANA GÓMEZ", ["Juan Pérez", "Ana Gómez"]),
    ("Texto: Ana Gómez", ["Ana Gómez"]),
    ("By John Y. Smith", ["John Y. Smith"]),
    # a byline that names no person credits a newsroom or a one-word name: that is its author
    ("Por Redacción", ["Redacción"]),
    ("By Reuters", ["Reuters"]),
    ("By Reuters Staff", ["Reuters Staff"]),
    ("Staff and agencies", []),
    ("por ende", []),
    ("Autorin: Uta Meier, Projektleiterin der Stiftung in Tunis.", ["Uta Meier"]),
    ("Author: Bo2man am 29.12.2010, 13:36 Uhr", ["Bo2man"]),
    ("Autor: Peter Maahn/SP-X", ["Peter Maahn"]),
    ("Auteur : Kossivi Tiassou", ["Kossivi Tiassou"]),
    ("05.02.2020 - Redaktion: Eberhard Fuhr (Pressesprecher)", ["Eberhard Fuhr"]),
    ("https://www.example.com/authors/jane-doe", []),
])
def test_clean_authors(byline, expected):
    assert clean_authors(byline) == expected


def test_rel_author_links_and_bios_are_not_doubled():
    body = ('<p class="meta"><a rel="author" href="/a/1">Harriet Lam</a> and <a rel="author" href="/a/2">Samuel '
            'Adebayo</a></p>')
    bios = ('<div class="author-bio"><a href="/a/3">Petra Novak</a> covers transport.</div>')
    result = parse_html(page("", body).replace("</article>", bios + "</article>"), url=URL)
    assert result.article.authors == ["Harriet Lam", "Samuel Adebayo"]


def test_profile_url_in_author_meta_is_not_a_name():
    head = ('<meta property="article:author" content="https://www.facebook.com/harbourtimes">'
            '<meta name="author" content="Imogen Bright">')
    assert parse_html(page(head), url=URL).article.authors == ["Imogen Bright"]


# --- charset


CP1252_TEXT = "Caf\u00e9 owners say the \u201cterrace fee\u201d of \u20ac4 is too high \u2013 na\u00efve, said Nu\u00f1ez."


def _cp1252_page(declaration: str) -> bytes:
    return (f"<html><head>{declaration}<title>Terrace fee</title></head><body><p>{CP1252_TEXT}</p>"
            f"<p>{' '.join(PROSE)}</p></body></html>").encode("cp1252")


@pytest.mark.parametrize("declaration", ['<meta charset="windows-1252">', '<meta charset="iso-8859-1">',
                                         '<meta charset="utf-8">', ""])
def test_cp1252_bytes_decode_whatever_the_declaration(declaration):
    text, charset = decode_html(_cp1252_page(declaration))
    assert CP1252_TEXT in text
    assert charset == "windows-1252"


def test_utf8_bytes_win_over_a_latin1_label():
    content = f'<meta charset="iso-8859-1"><p>{CP1252_TEXT}</p>'.encode("utf-8")
    text, charset = decode_html(content)
    assert CP1252_TEXT in text and charset == "utf-8"


def test_http_header_before_meta():
    content = '<meta charset="utf-8"><p>Ni\u00f1o</p>'.encode("iso-8859-15")
    text, charset = decode_html(content, "text/html; charset=ISO-8859-15")
    assert "Ni\u00f1o" in text and charset == "iso-8859-15"
    assert charset_from_content_type('text/html; charset="UTF-8"') == "UTF-8"
    assert charset_from_content_type("text/html") is None


def test_utf8_with_one_broken_byte_stays_utf8():
    content = ("<p>" + CP1252_TEXT + " " + "\u00e9" * 20 + "</p>").encode("utf-8") + b"\xff"
    text, charset = decode_html(content)
    assert charset == "utf-8" and CP1252_TEXT in text


def test_bom_and_ascii():
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == ("<p>caf\u00e9</p>", "utf-8")
    assert decode_html(b"<p>plain</p>")[0] == "<p>plain</p>"


# --- language


@pytest.mark.parametrize("text, hint, expected", [
    (" ".join(PROSE), None, "en"),
    ("El gobierno de México anunció que la medida entrará en vigor el próximo lunes, según un comunicado "
     "de la Secretaría de Economía publicado por la noche.", None, "es"),
    ("El gobierno anunció", "es", "es"),
    ("Short", "en", "en"),
    (" ".join(PROSE), "es", "en"),  # the text outweighs a wrong template lang
])
def test_detect_language(text, hint, expected):
    assert detect_language(text, hint=hint) == expected


def test_language_from_og_locale_and_from_text():
    html = page('<meta property="og:locale" content="es_MX">', paragraphs=[
        "El ayuntamiento aprobó el martes ampliar el servicio nocturno de autobuses durante seis meses más, "
        "después de que el número de pasajeros superara las previsiones publicadas en otoño por la empresa."])
    html = html.replace('<html lang="en">', "<html>")
    assert read_metadata(__import__("bs4").BeautifulSoup(html, "lxml"), URL).language == "es"
    assert parse_html(html, url=URL).article.language == "es"


@pytest.mark.parametrize("title, outlet", [
    ("Night buses to run for six more months | Harbour Times", "Harbour Times"),
    ("Night buses to run for six more months - Local | Harbour Times", "Harbour Times"),
    # a prefix is more often a section than the site; a long tail is a tagline: the host stands in
    ("Transport: Night buses to run for six more months", "www.harbourtimes.example"),
    ("Night buses to run for six more months | News and views from the whole harbour region",
     "www.harbourtimes.example"),
])
def test_outlet_named_only_in_the_title_tag(title, outlet):
    result = parse_html(page(f"<title>{title}</title>"), url=URL)
    assert result.article.outlet == outlet


# ---------------------------------------------------------------- evidence between sources (issue 14)


def test_a_utc_stamp_yields_to_the_local_day_the_page_prints():
    """03:30 UTC on 5 March is 22:30 on 4 March in New York: the byline's day and time win, with its zone."""
    head = '<meta property="article:published_time" content="2025-03-05T03:30:00Z">'
    byline = '<p class="dateline">Published March 4, 2025, 10:30 p.m. ET</p>'
    result = parse_html(page(head, byline), url=URL)
    assert result.article.published.isoformat() == "2025-03-04T22:30:00-05:00"
    assert result.article.published_source == "markup"


def test_the_date_printed_after_the_headline_in_another_language():
    byline = '<div class="kopf">Von Greta Lindner | 4. Februar 2022</div>'
    result = parse_html(page("", byline, lang="de"), url=URL)
    assert result.article.published.date().isoformat() == "2022-02-04"
    assert result.metadata.date_candidates["headline"].date().isoformat() == "2022-02-04"


def test_sources_outvote_a_stale_structured_date():
    """JSON-LD says 2021, but the meta tag, the byline and the date under the headline all say 2022-01-12."""
    head = ('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-11-29"}</script>'
            '<meta property="article:published_time" content="2022-01-12T09:00:00+01:00">')
    byline = '<p class="date">Published 12 January 2022</p>'
    result = parse_html(page(head, byline), url=URL)
    assert result.article.published.isoformat() == "2022-01-12T09:00:00+01:00"


def test_a_page_dated_only_by_its_address():
    result = parse_html(page(), url="https://www.harbourtimes.example/2025/05/06/night-buses/")
    assert result.article.published == datetime(2025, 5, 6)
    assert result.article.published_source == "url"


def test_a_page_dated_only_by_its_text():
    paragraphs = ["HARBOUR CITY, May 6, 2025 (Coast Wire) — The council voted to keep the night buses running for "
                  "six more months, after ridership in the first quarter came in above the forecast.", *PROSE[1:]]
    result = parse_html(page(paragraphs=paragraphs), url=URL)
    assert result.article.published == datetime(2025, 5, 6)
    assert result.article.published_source == "text"


@pytest.mark.parametrize("h1s, titles, expected", [
    (["Night buses extended"], ["Transport: Night buses extended | Harbour Times"], "Night buses extended"),
    # the longest <h1> a metadata title confirms: the site's name and a section are confirmed too
    (["Harbour Times", "Local", "Night buses extended"], ["Harbour Times - Local - Night buses extended"],
     "Night buses extended"),
    # an unconfirmed <h1> counts only when it reads like a headline, not a section label
    (["Night buses to run for six more months"], ["Harbour Times"], "Night buses to run for six more months"),
    (["Transport"], ["Night buses extended for six months"], None),
])
def test_pick_headline(h1s, titles, expected):
    assert pick_headline(h1s, titles) == expected


def test_a_pseudonym_counts_where_the_page_declares_it_and_not_in_free_text():
    body = '<p class="meta">Posted by <a rel="author" href="/u/creeny">Creeny</a></p>'
    assert parse_html(page("", body), url=URL).article.authors == ["Creeny"]
    assert clean_authors("Creeny", declared=True) == ["Creeny"]
    assert clean_authors("Author: Bo2man am 29.12.2010", declared=True) == ["Bo2man"]
    # a declared value still is no organisation's name, job title, weekday or web address
    for value in ("Donnerstag", "katholisch.at", "Bund der Energieverbraucher", "Senior Editor"):
        assert clean_authors(value, declared=True) == [], value


def test_a_web_address_spelled_out_as_words_is_no_author():
    # trafilatura title-cases an address it finds in an author field ("harbourgazette.com" -> "Harbourgazette
    # Com"); the words still name the site, whichever source reads them
    from extractors.article.authors import library_authors

    assert library_authors(["Harbourgazette Com"]) == []
    assert library_authors(["Www Lakeviewpost Info", "Greta Lindner"]) == ["Greta Lindner"]
    for value in ("Quayside Net", "Alpenblick Ch", "Www Quayside Org"):
        assert clean_authors(value, declared=True) == [], value
    # a particle or a real word at the end is still a name
    assert clean_authors("Lucas Info-Ramos", declared=True) == ["Lucas Info-Ramos"]
    assert clean_authors("By Ana Paula de Souza") == ["Ana Paula de Souza"]


def test_a_surname_spelled_like_an_address_suffix_is_still_a_name():
    # "Eu" and "Io" are Chinese surnames in Singapore's and Macau's spelling, not the ".eu" / ".io" of a site
    for name in ("Daniel Eu", "Kelvin Io"):
        assert clean_authors(f"By {name}") == [name], name
        assert clean_authors(name, declared=True) == [name], name


def test_cyrillic_names_and_author_labels():
    # a name in Cyrillic script is a name; "Автор:" / "Авторы:" label the author field and, like "Редактор",
    # are never the author themselves
    head = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Night buses",'
            '"author":{"@type":"Person","name":"Иван Лебедев"}}</script>')
    assert parse_html(page(head), url=URL).article.authors == ["Иван Лебедев"]
    body = ('<div class="author-block"><p class="author-label">Автор:</p>'
            '<p class="name"><a href="/people/17">Мария Соколова</a></p></div>')
    assert parse_html(page("", body), url=URL).article.authors == ["Мария Соколова"]
    assert clean_authors("Авторы: Мария Соколова, Иван Лебедев") == ["Мария Соколова", "Иван Лебедев"]
    for label in ("Редактор", "Автор", "Авторы"):
        assert clean_authors(label, declared=True) == [], label


def test_an_organisation_in_cyrillic_is_no_person():
    # a news agency or a ministry's press service credited in Cyrillic is an organisation, as "Fox News" and
    # "Press Office" are: not a person's name though every word is capitalised
    for credit in ("Fox News", "Press Office", "Вечерние Новости", "Пресс-служба Минтранса"):
        assert clean_authors(credit, declared=True) == [], credit
    assert clean_authors("Автор: Олег Новостин") == ["Олег Новостин"]


def test_a_cyrillic_editor_is_no_author_as_an_english_one_is_not():
    # "Редактор:" names the editor, a role like "Editor:" / "Redakteur:", not the author of the piece
    assert clean_authors("Editor: Jane Doe") == clean_authors("Редактор: Мария Соколова") == []
    assert clean_authors("Автор: Иван Лебедев | Редактор: Мария Соколова") == ["Иван Лебедев"]
    body = ('<div class="credits"><p class="label">Редактор:</p>'
            '<p class="name"><a href="/people/21">Мария Соколова</a></p></div>')
    assert parse_html(page("", body), url=URL).article.authors == []


def test_a_newsroom_credited_as_the_author_is_one_and_the_outlet_is_not():
    # the definition (README, "The extract contract"): a byline or author field that names no person credits
    # its newsroom, even one carrying the outlet's name; the outlet's own name never is an author
    assert clean_authors("Redaktion", declared=True) == ["Redaktion"]
    assert clean_authors("Von Redaktion Polizeiticker") == ["Redaktion Polizeiticker"]
    assert clean_authors("By Jane Doe and Reuters Staff") == ["Jane Doe"]  # a person first
    head = ('<meta property="og:site_name" content="Harbour Times"><meta name="author" content="Harbour Times">')
    assert parse_html(page(head), url=URL).article.authors == []
    head = ('<meta property="og:site_name" content="Harbour Times">'
            '<meta name="author" content="Harbour Times Newsroom">')
    assert parse_html(page(head), url=URL).article.authors == ["Harbour Times Newsroom"]


def test_a_person_named_like_the_blog_is_its_author():
    head = ('<meta property="og:site_name" content="Greta Lindner">'
            '<script type="application/ld+json">{"@type":"BlogPosting","headline":"Night buses",'
            '"author":{"@type":"Person","name":"Greta Lindner"}}</script>')
    assert parse_html(page(head), url=URL).article.authors == ["Greta Lindner"]


def test_name_particles_and_a_forum_posts_author():
    head = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Night buses",'
            '"author":[{"@type":"Person","name":"Christoph von Eichhorn"}]}</script>')
    assert parse_html(page(head), url=URL).article.authors == ["Christoph von Eichhorn"]
    assert clean_authors("Alexa von Heyden") == ["Alexa von Heyden"]
    head = ('<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Night buses",'
            '"author":{"@type":"Person","name":"Tiberius"}}</script>')
    assert parse_html(page(head), url=URL).article.authors == ["Tiberius"]


def test_a_username_gives_way_to_the_name_it_spells_and_a_media_object_is_no_photo_credit():
    assert pick_authors({"meta": ["gabor_munier"], "byline": ["Gàbor Muniér"]}) == ["Gàbor Muniér"]
    assert pick_authors({"meta": ["Creeny"], "byline": ["Jane Doe"]}) == ["Creeny"]
    body = '<div class="media"><p><strong>Autorin: Uta Meier, Projektleiterin in Tunis.</strong></p></div>'
    assert parse_html(page("", body, lang="de"), url=URL).article.authors == ["Uta Meier"]


def test_author_after_a_label_and_in_a_written_by_meta_pair():
    body = '<div class="infos"><h5>Autor: </h5>Peter Maahn</div>'
    assert parse_html(page("", body, lang="de"), url=URL).article.authors == ["Peter Maahn"]
    head = '<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Karoline Herr">'
    assert parse_html(page(head, lang="de"), url=URL).article.authors == ["Karoline Herr"]


@pytest.mark.parametrize("byline, expected", [
    # the piece a byline introduces, and the words and pictures credited together: the writer is the author
    ("Eine Kolumne von Nils Pickert", ["Nils Pickert"]),
    ("Blog-Beitrag von Margarita Koreneva", ["Margarita Koreneva"]),
    ("A guest post by Imogen Bright", ["Imogen Bright"]),
    ("Text & Fotos: Ivan Valetny", ["Ivan Valetny"]),
    ("Words and pictures by Imogen Bright", ["Imogen Bright"]),
    ("Text von Christian Seiler   Illustration von Markus Roost", ["Christian Seiler"]),
    ("By Imogen Bright | Photos by Samuel Adebayo", ["Imogen Bright"]),
    ("Fotos: Markus Roost", []),  # a photo credit alone names no author
    # an interview's two voices, a byline after its date, a profile box's button
    ("Richard David Precht im Gespräch mit Karin Fischer", ["Richard David Precht", "Karin Fischer"]),
    ("06.11.2023 13:30 von Olga", ["Olga"]),
    ("Inga Hoeltmann Follow", ["Inga Hoeltmann"]),
    ("Today's Paper", []),
])
def test_clean_authors_more_byline_forms(byline, expected):
    assert clean_authors(byline) == expected


def test_a_first_name_alone_gives_way_to_the_full_name():
    assert pick_authors({"meta": ["Nils"], "byline": ["Nils Pickert"]}) == ["Nils Pickert"]
    assert pick_authors({"meta": ["Nils"], "byline": ["Jane Doe"]}) == ["Nils"]


def test_a_line_of_a_date_and_a_name_is_a_byline_and_a_search_form_is_not():
    body = '<p class="text-muted">11.12.2019 - Amelie Loevenich</p>'
    assert parse_html(page("", body, lang="de"), url=URL).article.authors == ["Amelie Loevenich"]
    body = "<p class=\"meta\">Jan 3, 2020 | Today's Paper</p>"
    assert parse_html(page("", body), url=URL).article.authors == []
    header = '<form class="search"><span>Von:</span><input name="q"><span>Suche</span></form>'
    assert parse_html(page("", "", lang="de", header=header), url=URL).article.authors == []
    body = '<table><tr><td>26 | 01 | 2022</td><td class="authorbold">Text &amp; Fotos: Ivan Valetny</td></tr></table>'
    assert parse_html(page("", body, lang="de"), url=URL).article.authors == ["Ivan Valetny"]


def test_layout_classes_and_a_promoted_node_do_not_hide_the_byline():
    for wrapper in ("main-content has-double-sidebar", "layoutTwoColumnsRightSidebar", "node node-promoted"):
        html = (f'<html lang="de"><body><div class="{wrapper}"><div class="news"><h3>Nachtbusse fahren weiter</h3>'
                '<h5><em>Von Leonora Holling</em></h5>' + "".join(f"<p>{p}</p>" for p in PROSE) +
                '</div><div class="sidebar"><p>Von Anna Andere</p></div></div></body></html>')
        assert parse_html(html, url=URL).article.authors == ["Leonora Holling"], wrapper


def test_a_name_signed_in_bold_under_the_text_is_its_author_and_a_bold_sub_heading_is_not():
    signed = [*PROSE, "<b><i>Imogen Bright</i></b>"]
    assert parse_html(page("", "", paragraphs=signed), url=URL).article.authors == ["Imogen Bright"]
    # a sub-heading has the body's text after it; a label introduces a list
    headed = [*PROSE[:2], "<strong>Winter Timetable</strong>", *PROSE[2:]]
    assert parse_html(page("", "", paragraphs=headed), url=URL).article.authors == []
    listed = (f'<div class="article-body">{"".join(f"<p>{p}</p>" for p in PROSE)}<p><b>Further Reading</b></p>'
              '<ul><li><a href="/a">Night buses: the first quarter in figures</a></li></ul></div>')
    assert parse_html(page("", listed, paragraphs=[]), url=URL).article.authors == []
