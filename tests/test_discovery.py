"""Discovery: RSS, Atom, news sitemaps and sitemap indexes, hostile and malformed XML; and, at the end, the whole
discover step (fetch + parse) against a real local server.

The feed items here are invented headlines written for these tests.
"""

from __future__ import annotations

import gzip
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from http_server import HTTPTestServer, Reply

from extractors.article.listing import FeedError, Listing, looks_like_xml, parse_listing
from flows.fetcher import HTML_TYPES, XML_TYPES, FetchRequest, fetch_many
from flows.settings import FetchSettings, Source

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
  <channel>
    <title>Harbour Ledger - Trade</title>
    <link>https://harbour-ledger.test/trade</link>
    <language>en-GB</language>
    <item>
      <title>Ottawa answers steel duties with its own list</title>
      <link>https://Harbour-Ledger.test/trade/steel-list?utm_source=rss&amp;utm_medium=feed&amp;id=7#comments</link>
      <pubDate>Tue, 03 Jun 2025 14:30:00 +0000</pubDate>
    </item>
    <item>
      <title><![CDATA[Ports brace for <em>new</em> levies]]></title>
      <guid isPermaLink="true">https://harbour-ledger.test/trade/ports-brace</guid>
      <pubDate>Wed, 04 Jun 2025 09:00:00 GMT</pubDate>
    </item>
    <item>
      <title>Proxy link, original kept</title>
      <link>https://feeds.proxy.test/~r/ledger/abc</link>
      <feedburner:origLink>https://harbour-ledger.test/trade/original</feedburner:origLink>
    </item>
    <item>
      <title>Relative link</title>
      <link>/trade/relative-story</link>
    </item>
    <item>
      <title>No link and a guid that is not a permalink</title>
      <guid isPermaLink="false">tag:harbour-ledger.test,2025:123</guid>
    </item>
  </channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
  <title>Diario del Puerto</title>
  <entry>
    <title type="html">Aranceles &lt;b&gt;al acero&lt;/b&gt; sube a 50%</title>
    <link rel="self" href="https://diario-puerto.test/api/entry/1"/>
    <link rel="alternate" href="https://diario-puerto.test/2025/06/aranceles-acero"/>
    <id>tag:diario-puerto.test,2025:1</id>
    <published>2025-06-04T08:15:00-06:00</published>
    <updated>2025-06-05T10:00:00-06:00</updated>
  </entry>
  <entry xml:lang="en">
    <title>Only an id</title>
    <id>https://diario-puerto.test/en/2025/06/only-id</id>
    <updated>2025-06-06T12:00:00Z</updated>
  </entry>
  <entry>
    <title>Nothing to follow</title>
    <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  </entry>
</feed>
"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://gulf-wire.test/2025/03/12/tariffs-take-effect</loc>
    <image:image>
      <image:loc>https://gulf-wire.test/img/1.jpg</image:loc><image:title>A photo caption</image:title>
    </image:image>
    <news:news>
      <news:publication><news:name>Gulf Wire</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-03-12T06:00:00+00:00</news:publication_date>
      <news:title>Tariffs on steel and aluminium take effect</news:title>
    </news:news>
  </url>
  <url>
    <loc>https://gulf-wire.test/about</loc>
    <lastmod>2025-01-02</lastmod>
  </url>
</urlset>
"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://gulf-wire.test/sitemaps/news.xml</loc><lastmod>2025-06-01</lastmod></sitemap>
  <sitemap><loc>https://gulf-wire.test/sitemaps/2025-05.xml.gz</loc></sitemap>
  <sitemap><loc></loc></sitemap>
</sitemapindex>
"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old-gazette.test/"><title>Old Gazette</title></channel>
  <item rdf:about="https://old-gazette.test/a">
    <title>Quotas on grain</title><link>https://old-gazette.test/a</link><dc:date>2025-02-01T10:00:00Z</dc:date>
  </item>
</rdf:RDF>
"""


# ---------------------------------------------------------------- formats


def test_rss2_items_with_links_titles_dates_and_language():
    listing = parse_listing(RSS, "ledger", base_url="https://harbour-ledger.test/feeds/trade.xml")
    assert listing.kind == "rss" and listing.sitemaps == [] and not listing.recovered
    urls = [c.url for c in listing.candidates]
    assert urls == [
        "https://harbour-ledger.test/trade/steel-list?id=7",  # canonical: host case, utm_*, fragment
        "https://harbour-ledger.test/trade/ports-brace",  # guid permalink
        "https://harbour-ledger.test/trade/original",  # origLink over the proxy link
        "https://harbour-ledger.test/trade/relative-story",  # resolved against the feed's URL
    ]
    assert listing.skipped == 1
    first, second = listing.candidates[:2]
    assert first.title == "Ottawa answers steel duties with its own list" and first.source == "ledger"
    assert first.published == datetime(2025, 6, 3, 14, 30, tzinfo=timezone.utc)
    assert first.language == "en"
    assert second.title == "Ports brace for new levies"


def test_relative_links_are_dropped_without_a_base_url():
    listing = parse_listing(RSS, "ledger")
    assert "https://harbour-ledger.test/trade/relative-story" not in [c.url for c in listing.candidates]
    assert listing.skipped == 2


def test_atom_entries():
    listing = parse_listing(ATOM, "puerto")
    assert listing.kind == "atom"
    first, second = listing.candidates
    assert first.url == "https://diario-puerto.test/2025/06/aranceles-acero"  # rel=alternate, not rel=self
    assert first.title == "Aranceles al acero sube a 50%"  # type="html" markup removed
    assert first.published is not None and first.published.isoformat() == "2025-06-04T08:15:00-06:00"
    assert first.language == "es" and second.language == "en"
    assert second.url == "https://diario-puerto.test/en/2025/06/only-id"
    assert listing.skipped == 1


def test_rss1_rdf():
    listing = parse_listing(RDF, "gazette")
    assert listing.kind == "rss" and [c.url for c in listing.candidates] == ["https://old-gazette.test/a"]
    assert listing.candidates[0].published == datetime(2025, 2, 1, 10, tzinfo=timezone.utc)


def test_news_sitemap_publication_date_title_language():
    listing = parse_listing(NEWS_SITEMAP, "gulf")
    assert listing.kind == "sitemap"
    news, plain = listing.candidates
    assert news.url == "https://gulf-wire.test/2025/03/12/tariffs-take-effect"
    assert news.title == "Tariffs on steel and aluminium take effect"  # not the image caption
    assert news.published == datetime(2025, 3, 12, 6, tzinfo=timezone.utc)
    assert news.language == "en"
    assert plain.title is None and plain.published == datetime(2025, 1, 2)  # lastmod when no news date


def test_sitemap_index_lists_sitemaps_to_read_next():
    listing = parse_listing(SITEMAP_INDEX, "gulf")
    assert listing.kind == "sitemapindex" and listing.candidates == []
    assert listing.sitemaps == ["https://gulf-wire.test/sitemaps/news.xml",
                                "https://gulf-wire.test/sitemaps/2025-05.xml.gz"]


def test_the_bundled_demo_feeds_parse():
    from extractors.config import CONFIG_DIR

    site = CONFIG_DIR / "demo" / "site"
    for path in (site / "feeds" / "rss.xml", site / "feeds" / "atom.xml", site / "news-sitemap.xml"):
        content = path.read_bytes().replace(b"{{BASE_URL}}", b"http://127.0.0.1:8000")
        listing = parse_listing(content, "demo")
        assert listing.candidates and not listing.recovered, path.name
        assert all(c.url.startswith("http://127.0.0.1:8000/") for c in listing.candidates)


# ---------------------------------------------------------------- hostile XML


def _billion_laughs(levels: int = 10) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(entities)}]>'
            f'<rss><channel><item><title>&lol{levels - 1};</title><link>https://x.test/a</link></item>'
            '</channel></rss>').encode()


@pytest.mark.parametrize("document", [
    _billion_laughs(),
    _billion_laughs(4),  # small enough for libxml2's own guard: refused by ours
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"A" * 50_000 + b'">]><rss><channel><item><title>'
    + b"&a;" * 50_000 + b"</title><link>https://x.test/a</link></item></channel></rss>",  # quadratic blowup
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    b"<rss><channel><item><title>&secret;</title><link>https://x.test/a</link></item></channel></rss>",
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
    b"<rss><channel><item><link>https://x.test/a</link></item></channel></rss>",
], ids=["billion-laughs", "small-laughs", "quadratic", "external-file", "external-parameter-dtd"])
def test_hostile_xml_is_refused_without_expanding(document):
    # refused before the parser expands anything: an expanding parser would hang or exhaust memory here
    with pytest.raises(FeedError, match="^refused: "):
        parse_listing(document, "hostile")


def test_a_harmless_doctype_is_fine():
    document = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
                b"<item><title>Old format</title><link>https://x.test/old</link></item></channel></rss>")
    listing = parse_listing(document, "old")
    assert [c.url for c in listing.candidates] == ["https://x.test/old"]


# ---------------------------------------------------------------- malformed feeds


def test_truncated_feed_gives_a_recovered_partial_listing():
    cut = RSS[: RSS.index(b"<title>Proxy link")]
    listing = parse_listing(cut, "ledger")
    assert listing.recovered and listing.error
    assert [c.url for c in listing.candidates][:2] == ["https://harbour-ledger.test/trade/steel-list?id=7",
                                                       "https://harbour-ledger.test/trade/ports-brace"]


def test_bare_ampersands_and_control_characters_are_repaired():
    document = (b"<rss><channel><item><title>Duties on AT&T gear\x0b</title>"
                b"<link>https://x.test/story?id=4&page=2&utm_source=x</link></item></channel></rss>")
    listing = parse_listing(document, "x")
    (candidate,) = listing.candidates
    assert candidate.url == "https://x.test/story?id=4&page=2" and candidate.title == "Duties on AT&T gear"
    assert listing.recovered and "EntityRef" in listing.error


def test_windows_1252_labelled_utf8_keeps_its_text():
    document = ('<?xml version="1.0" encoding="utf-8"?><rss><channel><item><title>Econom\xeda y \u201caranceles\u201d'
                '</title><link>https://x.test/a?utm_medium=z&amp;id=3</link></item></channel></rss>').encode("cp1252")
    (candidate,) = parse_listing(document, "x").candidates
    assert candidate.title == "Econom\xeda y \u201caranceles\u201d" and candidate.url == "https://x.test/a?id=3"


def test_bom_and_blank_lines_before_the_declaration():
    listing = parse_listing(b"\xef\xbb\xbf\r\n\r\n" + RDF, "gazette")
    assert listing.candidates and not listing.recovered


@pytest.mark.parametrize("document, message", [
    (b"", "empty document"),
    (b"   \n", "empty document"),
    (b"<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>",
     "not a feed or sitemap: the document is an HTML page"),
    (b"<?xml version='1.0'?><catalog><book/></catalog>", "not a feed or sitemap (root element <catalog>)"),
    (b"this is just text, not XML", "malformed XML: "),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "malformed XML: "),
    (b"<rss><channel><item><title>unclosed", None),  # recovered, with nothing usable in it
])
def test_unreadable_documents_give_a_clear_feed_error(document, message):
    if message is None:
        listing = parse_listing(document, "x")
        assert listing.recovered and listing.candidates == []
        return
    with pytest.raises(FeedError) as caught:
        parse_listing(document, "x")
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)


def test_looks_like_xml():
    for feed in (RSS, ATOM, NEWS_SITEMAP, SITEMAP_INDEX, RDF, b"\xef\xbb\xbf  " + RSS,
                 b'<?xml version="1.0"?>\n<!-- generated -->\n<?xml-stylesheet href="s.xsl"?>\n<urlset/>',
                 '<?xml version="1.0" encoding="utf-16"?><feed/>'.encode("utf-16")):
        assert looks_like_xml(feed)
    for page in (b"<!DOCTYPE html><html></html>", b'<?xml version="1.0"?><html xmlns="x"/>', b"plain text",
                 b"", b"\x89PNG\r\n"):
        assert not looks_like_xml(page)


# ---------------------------------------------------------------- fetched from a real server


@pytest.fixture(scope="module")
def server():
    with HTTPTestServer() as srv:
        base = srv.base_url().encode()
        srv.route("/feeds/broken.xml", Reply(200, RSS[: RSS.index(b"<title>Proxy link")],
                                             content_type="application/rss+xml; charset=utf-8"))
        srv.route("/feeds/not-a-feed.xml", Reply(200, "<!doctype html><html><body>Oops</body></html>",
                                                 content_type="text/html"))
        index = SITEMAP_INDEX.replace(b"https://gulf-wire.test", base)
        srv.route("/sitemap-index.xml", Reply(200, index, content_type="application/xml"))
        srv.route("/sitemaps/news.xml", Reply(200, NEWS_SITEMAP, content_type="text/xml"))
        monthly = NEWS_SITEMAP.replace(b"tariffs-take-effect", b"older-story").replace(b"/about", b"/contact")
        srv.route("/sitemaps/2025-05.xml.gz", Reply(200, gzip.compress(monthly), content_type="application/x-gzip"))
        yield srv


SETTINGS = FetchSettings(contact_url="https://example.org/tradewire-tests", per_host_delay_s=0.0,
                         read_timeout_s=1.0, total_timeout_s=3.0, backoff_base_s=0.01)


def test_malformed_feed_from_the_server(server):
    broken, html = fetch_many([FetchRequest(server.url(p), accept=XML_TYPES + HTML_TYPES, allow_private=True)
                               for p in ("/feeds/broken.xml", "/feeds/not-a-feed.xml")], SETTINGS)
    assert broken.ok and html.ok
    listing = parse_listing(broken.content, "ledger", base_url=broken.final_url)
    assert isinstance(listing, Listing) and listing.recovered and len(listing.candidates) == 2
    with pytest.raises(FeedError, match="HTML page"):
        parse_listing(html.content, "ledger")


def test_discover_reads_a_sitemap_index_and_its_gzipped_sitemaps(server):
    from flows.fetcher import FetchMemory
    from flows.stages import discover

    source = Source(name="gulf", kind="sitemap", url=server.url("/sitemap-index.xml"), allow_private=True)
    candidates, records, errors = discover([source], replace(SETTINGS), FetchMemory())
    assert errors == []
    assert sorted(c.url.rsplit("/", 1)[-1] for c in candidates) == [
        "about", "contact", "older-story", "tariffs-take-effect"]
    assert {r.outcome for r in records} == {"listing"} and len(records) == 3
