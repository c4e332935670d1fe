"""Fuzzing the HTML parser, the feed/sitemap reader and the local-file reader with hypothesis.

    .venv/bin/python bench/fuzz.py                    # every property, 20x the cases the test suite runs
    .venv/bin/python bench/fuzz.py --scale 100 --seed 3 --only listing_structured
    .venv/bin/python bench/fuzz.py --shapes           # parse time of the worst markup shapes at the limits

Each property states what a bad input may do: the feed reader returns a Listing or raises FeedError (with a
one-line message), the HTML parser returns a ParsedPage or raises PageError (one line), the charset decoder
and `looks_like_xml` always answer, and `read_inputs` never raises. Anything else (an IndexError, a
RecursionError, a hang) is a failure hypothesis shrinks and prints. tests/test_fuzz.py runs the same
properties with fewer cases and a fixed seed (derandomized), so CI is reproducible.

Inputs are raw bytes and structured documents: feeds and sitemaps built from real element names with hostile
pieces (links in other schemes, entities and DOCTYPEs, control characters, wrong encodings, truncation), and
tag soup of the elements the parser looks at (meta tags, JSON-LD, time, headings, players, live-blog classes).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bs4 import XMLParsedAsHTMLWarning
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.article.charset import decode_html  # noqa: E402
from extractors.article.inputs import read_inputs  # noqa: E402
from extractors.article.parse import MAX_TEXT_CHARS, PageError, ParsedPage, parse_html  # noqa: E402
from extractors.article.listing import MAX_REFUSED_LISTED, FeedError, Listing, looks_like_xml, parse_listing  # noqa: E402

warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # fuzzed "HTML" is often XML: expected

# ------------------------------------------------------------------------------------------- strategies

WORDS = ["tariff", "tariffs", "aranceles", "steel", "USMCA", "T-MEC", "Sheinbaum", "Carney", "Trump", "25%",
         "50 percent", "said", "dijo", "Ottawa", "México", "€", "“quoted”", "«cita»", "&amp;", "&", "<", ">", "\u00a0",
         "\u200b", "\ufeff", "\x00", "\x0b", "\ud7ff", "\U0001f600", "Ω", "ß", "İ", "ﬁ", "\u202e"]
text = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
dates = st.one_of(st.sampled_from(["2025-09-18T10:00:00Z", "Thu, 18 Sep 2025 10:00:00 GMT", "2025-02-30",
                                   "yesterday", "", "0000-00-00", "9999-12-31T23:59:59+14:00", "1e309",
                                   "2025-13-01T25:61:00-99:00"]), st.text(max_size=30))
links = st.one_of(
    st.sampled_from(["http://news.example/a", "https://news.example/b?utm_source=x#frag", "/relative/path",
                     "//proto.example/rel", "javascript:alert(1)", "file:///etc/passwd", "ftp://f.example/x",
                     "data:text/html,<b>x</b>", "mailto:a@b.example", "http://[::1]/x", "http://127.0.0.1:0/",
                     "http://user:pw@host.example/", "http://exa mple.com/", "http://xn--nxasmq6b.example/",
                     "https://例え.example/パス", "http://%zz/", "http://host.example:99999/", "  https://sp.example/ ",
                     "", "&amp;", "&lol;", "<![CDATA[https://c.example/d]]>"]),
    st.text(max_size=60), st.builds(lambda p: f"https://news.example/{p}", st.text(max_size=30)))


def _xml_escape(value: str, raw: bool) -> str:
    return value if raw else value.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def feed_documents(draw) -> bytes:
    """A feed or sitemap with hostile pieces: bytes, possibly truncated or corrupted."""
    kind = draw(st.sampled_from(["rss", "atom", "urlset", "sitemapindex", "rdf", "other"]))
    raw = draw(st.booleans())  # leave & and < unescaped
    entries = []
    for _ in range(draw(st.integers(0, 6))):
        link, title, date = _xml_escape(draw(links), raw), _xml_escape(draw(text), raw), _xml_escape(draw(dates), raw)
        if kind == "rss":
            entries.append(f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
                           f"<guid isPermaLink='{draw(st.sampled_from(['true', 'false']))}'>{link}</guid></item>")
        elif kind == "atom":
            entries.append(f"<entry><title type='html'>{title}</title><link rel='{draw(st.sampled_from(['alternate', 'self', '']))}' "
                           f"href='{link}'/><id>{link}</id><updated>{date}</updated></entry>")
        elif kind == "urlset":
            entries.append(f"<url><loc>{link}</loc><news:news><news:publication><news:language>"
                           f"{_xml_escape(draw(text), raw)}</news:language></news:publication>"
                           f"<news:publication_date>{date}</news:publication_date><news:title>{title}</news:title>"
                           f"</news:news><lastmod>{date}</lastmod></url>")
        elif kind == "sitemapindex":
            entries.append(f"<sitemap><loc>{link}</loc></sitemap>")
        elif kind == "rdf":
            entries.append(f"<item rdf:about='{link}'><title>{title}</title><link>{link}</link></item>")
        else:
            entries.append(f"<thing>{title}</thing>")
    body = "".join(entries)
    if kind == "rss":
        document = f"<rss version='2.0'><channel><language>{draw(text)}</language>{body}</channel></rss>"
    elif kind == "atom":
        document = f"<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='{draw(st.sampled_from(['en', 'es-MX', '', 'x']))}'>{body}</feed>"
    elif kind == "urlset":
        document = f"<urlset xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{body}</urlset>"
    elif kind == "rdf":
        document = f"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>{body}</rdf:RDF>"
    else:
        document = f"<{kind}>{body}</{kind}>"
    prolog = draw(st.sampled_from(["", "<?xml version='1.0'?>", "<?xml version='1.0' encoding='utf-8'?>",
                                   "<?xml version='1.0' encoding='iso-8859-1'?>", "\ufeff<?xml version='1.0'?>",
                                   "\n\n  <?xml version='1.0'?>", "<?xml version='1.0' encoding='bogus-enc'?>",
                                   "<!DOCTYPE x [<!ENTITY lol 'lol'>]>", "<!DOCTYPE html>",
                                   "<!DOCTYPE rss SYSTEM 'http://127.0.0.1/x.dtd'>", "<!-- c -->"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16", "cp1252"]))
    data = (prolog + document).encode(encoding, errors="replace")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
    if draw(st.integers(0, 4)) == 0 and data:  # flip a few bytes
        position = draw(st.integers(0, len(data) - 1))
        data = data[:position] + draw(st.binary(min_size=1, max_size=4)) + data[position + 1:]
    return data


TAGS = ["div", "p", "span", "a", "h1", "h2", "h3", "article", "main", "section", "nav", "footer", "header",
        "aside", "script", "style", "noscript", "time", "video", "iframe", "figure", "figcaption", "blockquote",
        "ul", "li", "table", "td", "br", "b", "i", "meta", "title", "head", "body", "html", "svg", "template",
        "select", "textarea", "form", "button"]
ATTRIBUTES = ['class="live-update"', 'class="byline"', 'class="author"', 'class="liveblog-entry"',
              'datetime="2025-09-18T10:00:00Z"', 'href="/x"', 'href="javascript:alert(1)"', 'src="https://player.example/embed"',
              'property="og:type" content="article"', 'property="og:type" content="video.other"',
              'property="article:published_time" content="2025-09-18"', 'name="author" content="A. Writer"',
              'charset="utf-8"', 'charset="shift_jis"', 'http-equiv="content-type" content="text/html; charset=koi8-r"',
              'rel="canonical" href="https://news.example/canon"', 'rel="canonical" href="http://[x"',
              'rel="canonical" href="http://news.example:99999/"', 'property="og:url" content="http://[::1"',
              'rel="canonical" href="javascript:alert(1)"', 'lang="es"', 'itemprop="articleBody"',
              'type="application/ld+json"', "", 'id="x"', 'style="display:none"', 'hidden']


@st.composite
def html_documents(draw) -> str | bytes:
    """Tag soup of the elements and attributes the parser reads, with JSON-LD, unclosed tags and hostile text."""
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 9))
        if choice <= 3:
            parts.append(f"<{draw(st.sampled_from(TAGS))} {draw(st.sampled_from(ATTRIBUTES))}>")
        elif choice <= 5:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif choice == 6:
            payload = draw(st.one_of(
                st.recursive(st.none() | st.booleans() | st.integers() | text,
                             lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                                 st.sampled_from(["@type", "@graph", "headline", "datePublished", "author",
                                                  "name", "articleBody", "publisher", "@id", "url"]),
                                 inner, max_size=4), max_leaves=12).map(json.dumps),
                text))
            parts.append(f'<script type="application/ld+json">{payload}</script>')
        elif choice == 7:
            parts.append(draw(st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "&nbsp;", "&#0;", "&#x110000;",
                                               "&bogus", "<<", "<p <", "</>", "<!DOCTYPE html>", "<?php ?>"])))
        else:
            parts.append(draw(text))
    document = "".join(parts)
    if draw(st.booleans()):
        return document
    return document.encode(draw(st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"])), errors="replace")


content_types = st.one_of(st.none(), st.sampled_from(["text/html", "text/html; charset=utf-8",
                                                      "text/html; charset=bogus", "text/html; charset=utf-16",
                                                      "application/xhtml+xml; charset=iso-8859-1",
                                                      "text/html; charset=\"shift_jis\"", "text/html;;charset="]))

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | text,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                           max_leaves=10)
jsonl_records = st.one_of(
    st.dictionaries(st.sampled_from(["url", "title", "published", "outlet", "language", "text", "html", "authors"]),
                    json_values, max_size=8).map(json.dumps),
    st.fixed_dictionaries({"text": text}, optional={"url": links, "published": dates, "language": text,
                                                   "authors": st.lists(json_values, max_size=3),
                                                   "html": st.just("<p>x</p>")}).map(json.dumps),
    text)


# ------------------------------------------------------------------------------------------- properties


def _check_listing(data: bytes) -> None:
    try:
        listing = parse_listing(data, "fuzz", base_url="https://feeds.example/feed.xml")
    except FeedError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(listing, Listing)
    for candidate in listing.candidates:
        assert candidate.url.lower().startswith(("http://", "https://")), candidate.url
        assert candidate.published is None or isinstance(candidate.published, datetime)
    assert all(u.lower().startswith(("http://", "https://")) for u in listing.sitemaps)
    assert len(listing.refused) <= MAX_REFUSED_LISTED
    assert listing.error is None or "\n" not in listing.error


def _check_looks_like_xml(data: bytes) -> None:
    assert looks_like_xml(data) in (True, False)


def _check_html(content: str | bytes, content_type: str | None = None) -> None:
    try:
        page = parse_html(content, url="https://news.example/story", content_type=content_type)
    except PageError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(page, ParsedPage)
    assert isinstance(page.article.text, str) and len(page.article.text) <= MAX_TEXT_CHARS
    assert page.is_article in (True, False) and (page.reason is None) == page.is_article
    assert page.article.url.startswith("https://")
    assert page.article.published is None or isinstance(page.article.published, datetime)
    assert all(isinstance(a, str) for a in page.article.authors)


def _check_decode(content: bytes, content_type: str | None) -> None:
    decoded, charset = decode_html(content, content_type)
    assert isinstance(decoded, str) and isinstance(charset, str) and charset


_JSONL_DIR = Path(tempfile.mkdtemp(prefix="tradewire-fuzz-"))


def _check_jsonl(line: str) -> None:
    path = _JSONL_DIR / "case.jsonl"
    path.write_text(line.replace("\n", " ") + "\n", encoding="utf-8", errors="surrogatepass")
    documents = list(read_inputs([path]))
    for document in documents:
        assert (document.article is None) == (document.error is not None), document
        if document.error:
            assert "\n" not in document.error
        else:
            for value in (document.article.title, document.article.outlet, document.article.language):
                assert value is None or isinstance(value, str)


@dataclass
class Property:
    name: str
    strategy: st.SearchStrategy
    check: Callable[..., None]
    ci_examples: int  # cases per CI run (tests/test_fuzz.py)


PROPERTIES = [
    Property("listing_bytes", st.tuples(st.binary(max_size=2048)), _check_listing, 800),
    Property("listing_structured", st.tuples(feed_documents()), _check_listing, 1200),
    Property("looks_like_xml", st.tuples(st.one_of(st.binary(max_size=512), feed_documents())),
             _check_looks_like_xml, 600),
    Property("html_bytes", st.tuples(st.binary(max_size=2048), content_types), _check_html, 250),
    Property("html_structured", st.tuples(html_documents(), content_types), _check_html, 450),
    Property("decode_html", st.tuples(st.binary(max_size=1024), content_types), _check_decode, 400),
    Property("jsonl_lines", st.tuples(jsonl_records), _check_jsonl, 200),
]


def run_property(prop: Property, examples: int, *, seed_value: int | None = None, derandomize: bool = False
                 ) -> int:
    """Run `prop` on `examples` generated cases; returns how many ran. Raises on the first (shrunk) failure."""
    calls = [0]

    def check(args: tuple) -> None:
        calls[0] += 1
        prop.check(*args)

    test = settings(max_examples=examples, deadline=None, database=None, derandomize=derandomize,
                    print_blob=True, suppress_health_check=list(HealthCheck))(given(prop.strategy)(check))
    if seed_value is not None and not derandomize:
        test = seed(seed_value)(test)
    test()
    return calls[0]


# ------------------------------------------------------------------------------------------- worst shapes


def shapes() -> None:
    """Parse time of the worst markup shapes just inside the parser's limits (extractors/article/parse.py)."""
    from extractors.article.parse import MAX_DEPTH, MAX_ELEMENTS

    para = "<p>" + "The United States raised tariffs on steel imports to 50 percent, officials said. " * 5 + "</p>"
    cases = {
        f"headline teasers ({MAX_ELEMENTS:,} elements)": "<html><body>" + para + "".join(
            f'<h2><a href="/l{i}">story number {i} here</a></h2><p>x</p>' for i in range(MAX_ELEMENTS // 3 - 5))
        + "</body></html>",
        f"bare paragraphs ({MAX_ELEMENTS:,})": "<html><body>" + para + "<p>x" * (MAX_ELEMENTS - 10)
        + "</body></html>",
        f"nesting {MAX_DEPTH} deep": "<html><body>" + "<div>" * (MAX_DEPTH - 5) + para + "</div>" * (MAX_DEPTH - 5)
        + "</body></html>",
        "chains 95 x 200 deep": "<html><body>" + para + ("<div>" * 200 + "<span>x</span>" + "</div>" * 200) * 95
        + "</body></html>",
        "links 35,000": "<html><body><article>" + para + "".join(
            f'<a href="/l{i}">link {i}</a> ' for i in range(35_000)) + "</article></body></html>",
    }
    for name, html in cases.items():
        started = time.perf_counter()
        try:
            page = parse_html(html, url="https://news.example/x")
            verdict = f"article={page.is_article} reason={page.reason}"
        except PageError as exc:
            verdict = f"refused: {exc}"
        print(f"{name:40s} {len(html) / 1e6:5.2f} MB  {time.perf_counter() - started:6.2f} s  {verdict}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=20.0, help="cases per property = scale x the CI count")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    parser.add_argument("--only", action="append", help="property name (repeatable)")
    parser.add_argument("--shapes", action="store_true", help="time the worst markup shapes instead")
    args = parser.parse_args(argv)
    if args.shapes:
        shapes()
        return 0
    total, failed = 0, []
    for prop in PROPERTIES:
        if args.only and prop.name not in args.only:
            continue
        examples = max(1, int(prop.ci_examples * args.scale))
        started = time.perf_counter()
        try:
            ran = run_property(prop, examples, seed_value=args.seed)
            verdict = "ok"
        except Exception as exc:  # report and go on with the other properties
            ran, verdict = 0, f"FAILED: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
            failed.append(prop.name)
        total += ran
        print(f"{prop.name:20s} {ran:7d} cases  {time.perf_counter() - started:7.1f} s  {verdict}", flush=True)
    print(f"{total} cases in all; {'no failure' if not failed else 'failed: ' + ', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
