"""Fuzzing in CI: the properties of bench/fuzz.py (feed and sitemap reader, HTML parser, charset decoding,
.jsonl reader) on about 4,000 generated cases, derandomized so every run tries the same ones.

bench/fuzz.py runs the same properties on 20x more cases with a fresh seed each time.
"""

from __future__ import annotations

import pytest

from bench.fuzz import PROPERTIES, run_property

TOTAL = sum(p.ci_examples for p in PROPERTIES)


@pytest.mark.parametrize("prop", PROPERTIES, ids=[p.name for p in PROPERTIES])
def test_property_holds(prop):
    ran = run_property(prop, prop.ci_examples, derandomize=True)
    # hypothesis stops early only when it has exhausted a strategy; ours are far larger than the budget
    assert ran >= prop.ci_examples * 0.9, f"{prop.name}: only {ran} of {prop.ci_examples} cases ran"


def test_ci_runs_a_few_thousand_cases():
    assert TOTAL >= 3000


# Regressions the fuzzer found, kept as plain examples.


def test_feed_link_with_a_port_out_of_range_is_skipped_not_fatal():
    from extractors.article.listing import parse_listing

    listing = parse_listing(b"<rss><channel><item><link>http://host.example:99999/</link></item>"
                            b"<item><link>http://[broken/</link></item>"
                            b"<item><link>https://ok.example/a</link></item></channel></rss>", "t")
    assert [c.url for c in listing.candidates] == ["https://ok.example/a"] and listing.skipped == 2


def test_recovered_feed_with_an_invalid_element_name_is_read():
    from extractors.article.listing import parse_listing

    listing = parse_listing(b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:"
                            b"<item><link>https://ok.example/a</link></item>", "t")
    assert listing.recovered


@pytest.mark.parametrize("href", ["http://[x", "http://news.example:99999/a"])
def test_page_with_an_invalid_canonical_link_is_read_at_its_own_url(href):
    from extractors.article.parse import parse_html

    page = parse_html(f'<html><head><link rel="canonical" href="{href}"><meta property="og:url" content="{href}">'
                      "</head><body><p>Tariffs of 25 percent on steel were announced by the minister today.</p>"
                      "</body></html>", url="https://news.example/a/b")
    assert page.article.url == "https://news.example/a/b"
