"""The fetcher against a real HTTP server on loopback addresses (tests/http_server.py), started once per module.

Politeness is checked where it matters, at the server: the times requests arrive and finish there, not how fast
our own code runs. Every test uses its own paths, so tests share the server without resetting it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
import tracemalloc
from dataclasses import replace

import pytest
from http_server import HTTPTestServer, Recorded, Reply, gzip_bomb, http_date, intervals_in_flight

from flows import fetcher as fetcher_module
from flows.fetcher import (
    HTML_TYPES,
    XML_TYPES,
    Fetcher,
    FetchMemory,
    FetchRequest,
    RobotsRules,
    _is_public,
    _refuse_private_address,
    _Refused,
    _retry_after_seconds,
    fetch_many,
)
from flows.settings import FetchSettings

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4")
CONTACT = "https://example.org/tradewire-tests"
ROBOTS = """\
# everyone else: stay out
User-agent: *
Disallow: /

User-agent: tradewire
Disallow: /private/
Allow: /private/open-
Disallow: /*.pdf$
"""
SETTINGS = FetchSettings(
    user_agent="tradewire/0.1",
    contact_url=CONTACT,
    global_concurrency=8,
    per_host_concurrency=4,
    per_host_delay_s=0.0,
    connect_timeout_s=1.0,
    read_timeout_s=0.5,
    total_timeout_s=3.0,
    max_retries=2,
    backoff_base_s=0.01,
    backoff_max_s=2.0,
    max_redirects=5,
    max_bytes=200_000,
    allow_private=False,
)
PAGE = "<!doctype html><html><head><title>Steel duties</title></head><body><p>Text.</p></body></html>"


def _robots(request: Recorded) -> Reply:
    if request.host == "127.0.0.4":  # a host whose robots.txt is broken: RFC 9309 says stay away
        return Reply(503, "down", content_type="text/plain")
    return Reply(200, ROBOTS, content_type="text/plain; charset=utf-8")


@pytest.fixture(scope="module")
def server():
    with HTTPTestServer(hosts=HOSTS) as srv:
        srv.route("/robots.txt", _robots)
        yield srv


def fetch(*requests: FetchRequest | str, memory: FetchMemory | None = None, **overrides):
    settings = replace(SETTINGS, **overrides)
    reqs = [r if isinstance(r, FetchRequest) else FetchRequest(r, allow_private=True) for r in requests]
    return fetch_many(reqs, settings, memory=memory)


def one(request: FetchRequest | str, **overrides):
    (result,) = fetch(request, **overrides)
    return result


# ---------------------------------------------------------------- plain responses


def test_200_returns_raw_body_headers_and_sends_our_user_agent(server):
    server.route("/ok/page", Reply(200, PAGE, etag='"abc"', last_modified="Tue, 03 Jun 2025 10:00:00 GMT"))
    result = one(server.url("/ok/page"))
    assert result.outcome == "ok" and result.ok
    assert result.status_code == 200
    assert result.content == PAGE.encode()
    assert result.bytes_read == len(PAGE.encode())
    assert result.content_type == "text/html; charset=utf-8"
    assert result.etag == '"abc"' and result.last_modified == "Tue, 03 Jun 2025 10:00:00 GMT"
    assert result.final_url == server.url("/ok/page") and result.redirects == []
    assert result.attempts == 1 and result.error is None and result.elapsed_ms > 0
    (seen,) = server.hits("/ok/page")
    assert seen.user_agent == f"tradewire/0.1 (+{CONTACT})"
    assert "text/html" in seen.headers["accept"]
    assert seen.headers["accept-encoding"] == "gzip, deflate"
    assert all(r.user_agent.startswith("tradewire/") for r in server.hits("/robots.txt"))


def test_results_come_back_one_per_request_in_order(server):
    server.route("/order/a", Reply(200, "<p>a</p>", delay=0.1))
    server.route("/order/b", Reply(200, "<p>b</p>"))
    urls = [server.url("/order/a"), server.url("/order/missing"), "ftp://example.org/x", server.url("/order/b")]
    results = fetch(*urls)
    assert [r.url for r in results] == urls
    assert [r.outcome for r in results] == ["ok", "error", "refused", "ok"]


def test_gzip_content_encoding_is_decoded(server):
    server.route("/gz/page", Reply(200, PAGE, gzip=True))
    result = one(server.url("/gz/page"))
    assert result.ok and result.content == PAGE.encode()


@pytest.mark.parametrize("status, message", [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"),
                                             (403, "HTTP 403 Forbidden")])
def test_client_errors_are_not_retried(server, status, message):
    path = f"/status/{status}"
    server.route(path, Reply(status, "no", content_type="text/plain"))
    result = one(server.url(path))
    assert result.outcome == "error" and result.status_code == status
    assert result.error == message and result.content is None
    assert result.attempts == 1 and len(server.hits(path)) == 1


# ---------------------------------------------------------------- redirects


def test_301_302_chain_is_followed_and_recorded(server):
    server.redirect("/chain/a", server.url("/chain/b"), status=301)  # absolute Location
    server.redirect("/chain/b", "c#fragment", status=302)  # relative Location, fragment dropped
    server.redirect("/chain/c", "/chain/d", status=308)
    server.route("/chain/d", Reply(200, PAGE))
    result = one(server.url("/chain/a"))
    assert result.ok and result.content == PAGE.encode()
    assert result.final_url == server.url("/chain/d")
    assert result.redirects == [server.url(f"/chain/{x}") for x in "abc"]
    assert result.attempts == 4
    assert [r.path for r in server.hits("/chain/c")] == ["/chain/c"]


def test_redirect_loop_is_caught_without_hammering(server):
    server.redirect("/loop/a", "/loop/b")
    server.redirect("/loop/b", "/loop/a")
    result = one(server.url("/loop/a"))
    assert result.outcome == "error" and result.error.startswith("redirect loop")
    assert len(server.hits("/loop/a")) == 1 and len(server.hits("/loop/b")) == 1


def test_redirect_limit(server):
    for i in range(8):
        server.redirect(f"/many/{i}", f"/many/{i + 1}", status=301)
    server.route("/many/8", Reply(200, PAGE))
    result = one(server.url("/many/0"), max_redirects=3)
    assert result.outcome == "error" and result.error.startswith("too many redirects: more than 3")
    assert len(server.hits("/many/4")) == 0
    assert one(server.url("/many/0"), max_redirects=8).ok


def test_redirect_without_location(server):
    server.route("/noloc", Reply(302, "", content_type=None))
    result = one(server.url("/noloc"))
    assert result.error == "HTTP 302 redirect without a Location header"


# ---------------------------------------------------------------- incremental fetching


def test_conditional_request_gets_304_and_no_body(server):
    server.route("/cond/feed", Reply(200, "<rss/>", content_type="application/rss+xml", etag='"v1"',
                                     last_modified="Wed, 04 Jun 2025 08:00:00 GMT"))
    first = one(FetchRequest(server.url("/cond/feed"), accept=XML_TYPES, allow_private=True))
    assert first.ok and first.etag == '"v1"'
    again = one(FetchRequest(server.url("/cond/feed"), accept=XML_TYPES, allow_private=True, etag=first.etag,
                             last_modified=first.last_modified))
    assert again.outcome == "not_modified" and not again.ok
    assert again.status_code == 304 and again.content is None and again.bytes_read == 0 and again.error is None
    assert again.etag == '"v1"' and again.last_modified == "Wed, 04 Jun 2025 08:00:00 GMT"
    conditional = server.hits("/cond/feed")[-1]
    assert conditional.headers["if-none-match"] == '"v1"'
    assert conditional.headers["if-modified-since"] == "Wed, 04 Jun 2025 08:00:00 GMT"
    assert conditional.status == 304


def test_if_modified_since_alone(server):
    stamp = http_date(1749000000)
    server.route("/cond/lm", Reply(200, PAGE, last_modified=stamp))
    result = one(FetchRequest(server.url("/cond/lm"), last_modified=stamp, allow_private=True))
    assert result.outcome == "not_modified" and result.last_modified == stamp


# ---------------------------------------------------------------- retries


def test_500_then_200_is_retried(server):
    server.route("/flaky/page", [Reply(500, "boom", content_type="text/plain"), Reply(200, PAGE)])
    result = one(server.url("/flaky/page"))
    assert result.ok and result.attempts == 2 and result.status_code == 200
    assert len(server.hits("/flaky/page")) == 2


def test_persistent_503_gives_up_after_max_retries(server):
    server.route("/down/page", Reply(503, "down", content_type="text/plain"))
    result = one(server.url("/down/page"))
    assert result.outcome == "error" and result.status_code == 503
    assert result.error == "HTTP 503 Service Unavailable (gave up after 3 attempts)"
    assert len(server.hits("/down/page")) == 3


def test_dropped_connection_is_retried(server):
    server.route("/drop/page", [Reply(close=True), Reply(200, PAGE)])
    result = one(server.url("/drop/page"))
    assert result.ok and result.attempts == 2


def test_429_retry_after_is_honoured(server):
    server.route("/limited/page", [Reply(429, "slow down", content_type="text/plain", headers={"Retry-After": "1"}),
                                   Reply(200, PAGE)])
    result = one(server.url("/limited/page"))
    assert result.ok and result.attempts == 2
    first, second = server.hits("/limited/page")
    assert second.started - first.started >= 0.95  # waited the server's second, not our 10 ms back-off


def test_retry_after_beyond_backoff_max_fails_fast_and_spares_the_host(server):
    server.route("/toolong/a", Reply(429, "later", content_type="text/plain", headers={"Retry-After": "3600"}))
    server.route("/toolong/b", Reply(200, PAGE))
    host = "127.0.0.3"
    a, b = fetch(server.url("/toolong/a", host), server.url("/toolong/b", host), per_host_concurrency=1)
    assert a.outcome == "error" and "Retry-After 3600 s, over backoff_max_s" in a.error
    assert b.outcome == "error" and b.error.startswith("not requested: earlier HTTP 429")
    assert len(server.hits("/toolong/a")) == 1 and server.hits("/toolong/b") == [] and b.attempts == 0


def test_retry_after_values():
    assert _retry_after_seconds("7") == 7.0
    assert _retry_after_seconds("") is None and _retry_after_seconds("soon") is None
    future = _retry_after_seconds(http_date(time.time() + 30))
    assert future is not None and 28 <= future <= 31
    assert _retry_after_seconds(http_date(time.time() - 30)) == 0.0


# ---------------------------------------------------------------- timeouts


def test_response_slower_than_the_read_timeout(server):
    server.route("/slow/page", Reply(200, PAGE, delay=1.0))
    result = one(server.url("/slow/page"), max_retries=1, read_timeout_s=0.2)
    assert result.outcome == "error" and result.error == "read timed out (gave up after 2 attempts)"
    assert result.status_code is None and len(server.hits("/slow/page")) == 2


def test_slow_drip_hits_the_total_timeout(server):
    # each chunk arrives within the read timeout, but the whole body would take 4 s
    server.route("/drip/page", Reply(200, "x" * 4000, drip=0.1, chunk_size=100))
    result = one(server.url("/drip/page"), total_timeout_s=0.5)
    assert result.outcome == "error" and result.error == "timed out: over the 0.5 s total for this URL"


def test_total_timeout_does_not_count_time_queued_for_politeness(server):
    # five 0.15 s pages on one host, one at a time: the last waits 0.6 s for its turn, over the 0.5 s total
    # budget, yet spends only 0.15 s being fetched
    server.route_prefix("/queued/", Reply(200, PAGE, delay=0.15))
    results = fetch(*[server.url(f"/queued/{i}", "127.0.0.2") for i in range(5)], per_host_concurrency=1,
                    total_timeout_s=0.5)
    assert [r.outcome for r in results] == ["ok"] * 5
    assert max(r.queued_ms for r in results) > 500  # the fifth waited for four 0.15 s pages before it


# ---------------------------------------------------------------- size limits and content


def test_body_over_limit_with_content_length_is_not_downloaded(server):
    server.route("/big/declared", Reply(200, "a" * 300_000))
    result = one(server.url("/big/declared"))
    assert result.outcome == "error" and result.content is None
    assert result.error == "body over the 200,000 byte limit (Content-Length 300,000; not downloaded)"


def test_streamed_body_over_limit_is_cut_at_the_limit(server):
    server.route("/big/chunked", Reply(200, "a" * 1_000_000, chunked=True))
    result = one(server.url("/big/chunked"))
    assert result.outcome == "error" and result.content is None
    assert result.error == "body over the 200,000 byte limit (download stopped there)"
    assert result.bytes_read == 200_000


def test_gzip_bomb_stops_at_the_limit_without_inflating_in_memory(server):
    bomb = gzip_bomb(50_000_000)  # 50 MB of zeros in about 50 KB: the limit is 200 KB
    assert len(bomb) < 100_000
    server.route("/bomb/page", Reply(200, bomb, headers={"Content-Encoding": "gzip"}))
    tracemalloc.start()
    try:
        result = one(server.url("/bomb/page"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.outcome == "error" and result.content is None
    assert result.error == "body over the 200,000 byte limit after gzip decompression (stopped there)"
    assert result.bytes_read == 200_000
    assert peak < 5_000_000, f"peak traced memory {peak:,} bytes"


def test_gzipped_sitemap_file_is_inflated_for_xml_requests(server):
    sitemap = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
    import gzip

    server.route("/sitemap.xml.gz", Reply(200, gzip.compress(sitemap), content_type="application/x-gzip"))
    result = one(FetchRequest(server.url("/sitemap.xml.gz"), accept=XML_TYPES, allow_private=True))
    assert result.ok and result.content == sitemap
    refused = one(server.url("/sitemap.xml.gz"))  # an HTML request does not take a gzip file
    assert refused.outcome == "error" and refused.error.startswith("unsupported content type 'application/x-gzip'")


@pytest.mark.parametrize("content_type, body", [
    ("text/html; charset=iso-8859-1", "<p>Aranceles: Econom\xeda</p>".encode("latin-1")),  # correct label
    ("text/html; charset=utf-8", "<p>Aranceles: Econom\xeda</p>".encode("latin-1")),  # wrong label
    ("text/html", "<p>Aranceles: Econom\xeda</p>".encode("utf-8")),  # no charset
    ("text/html; charset=windows-1252", b"<p>\x93quoted\x94 \x80 5</p>"),
    (None, b"<!doctype html><p>no content type at all</p>"),
])
def test_bytes_come_back_raw_and_content_type_passes_through(server, content_type, body):
    path = f"/charset/{abs(hash((content_type, body)))}"
    server.route(path, Reply(200, body, content_type=content_type))
    result = one(server.url(path))
    assert result.ok
    assert result.content == body  # never decoded or re-encoded: the parser decides the charset
    assert result.content_type == content_type


def test_utf16_page_is_not_mistaken_for_binary(server):
    body = "\ufeff<html><body>hola</body></html>".encode("utf-16-le")
    server.route("/utf16/page", Reply(200, body, content_type="text/html; charset=utf-16"))
    assert one(server.url("/utf16/page")).content == body


def test_binary_file_behind_an_html_url(server):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    server.route("/images/story.html", Reply(200, png, content_type="text/html"))  # mislabelled
    server.route("/files/report.html", Reply(200, png, content_type="application/octet-stream"))
    server.route("/files/nul.html", Reply(200, b"<html>\x00\x01\x02\x03</html>", content_type=None))
    mislabelled, octets, nul = fetch(server.url("/images/story.html"), server.url("/files/report.html"),
                                     server.url("/files/nul.html"))
    assert mislabelled.outcome == "error" and mislabelled.content is None
    assert mislabelled.error == "binary content (PNG image) where text/html was expected"
    assert octets.error.startswith("unsupported content type 'application/octet-stream'")
    assert nul.error == "binary content (NUL bytes) where text was expected"


def test_xml_types_only_when_asked_for(server):
    server.route("/types/feed.xml", Reply(200, "<rss/>", content_type="application/rss+xml"))
    as_page = one(server.url("/types/feed.xml"))
    assert as_page.error.startswith("unsupported content type 'application/rss+xml'")
    as_feed = one(FetchRequest(server.url("/types/feed.xml"), accept=XML_TYPES + HTML_TYPES, allow_private=True))
    assert as_feed.ok


def test_deflate_zlib_wrapped_and_raw(server):
    import zlib

    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    server.route("/enc/zlib", Reply(200, zlib.compress(PAGE.encode()), headers={"Content-Encoding": "deflate"}))
    server.route("/enc/raw", Reply(200, raw.compress(PAGE.encode()) + raw.flush(),
                                   headers={"Content-Encoding": "deflate"}))
    wrapped, bare = fetch(server.url("/enc/zlib"), server.url("/enc/raw"))
    assert wrapped.content == PAGE.encode() and bare.content == PAGE.encode()


def test_inflater_handles_concatenated_gzip_members_and_stops_at_the_limit():
    import gzip

    inflater = fetcher_module._Inflater("gzip", 1000)
    inflater.feed(gzip.compress(b"first half, ") + gzip.compress(b"second half"))
    inflater.finish()
    assert inflater.body(1000) == b"first half, second half"
    small = fetcher_module._Inflater("gzip", 10)
    with pytest.raises(fetcher_module._TooLarge):
        small.feed(gzip.compress(b"x" * 1000))
    assert small.size == 10


def test_unsupported_content_encoding(server):
    server.route("/enc/br", Reply(200, b"\x8b\x02\x80hi\x03", headers={"Content-Encoding": "br"}))
    assert one(server.url("/enc/br")).error == "unsupported Content-Encoding 'br'"


def test_corrupt_gzip_body(server):
    server.route("/enc/corrupt", Reply(200, b"\x1f\x8b\x08\x00not really gzip", headers={"Content-Encoding": "gzip"}))
    result = one(server.url("/enc/corrupt"))
    assert result.outcome == "error" and result.error.startswith("corrupt gzip body")


# ---------------------------------------------------------------- robots.txt


def test_robots_disallow_is_honoured_and_robots_read_once_per_host(server):
    server.route_prefix("/private/", Reply(200, PAGE))
    server.route("/public/page", Reply(200, PAGE))
    host = "127.0.0.2"
    before = len(server.hits("/robots.txt", host))
    secret, opened, public, pdf = fetch(
        server.url("/private/secret", host), server.url("/private/open-letter", host),
        server.url("/public/page", host), server.url("/public/report.pdf", host))
    assert secret.outcome == "robots" and secret.error == f"disallowed by robots.txt of {host}:{server.port}"
    assert secret.attempts == 0 and server.hits("/private/secret") == []
    assert opened.ok  # the longer Allow wins over Disallow: /private/
    assert public.ok  # our own group applies, not the "*" group that disallows everything
    assert pdf.outcome == "robots"  # Disallow: /*.pdf$
    assert len(server.hits("/robots.txt", host)) == before + 1


def test_unreachable_robots_txt_means_stay_away(server):
    server.route("/elsewhere/page", Reply(200, PAGE))
    result = one(server.url("/elsewhere/page", "127.0.0.4"))
    assert result.outcome == "robots" and "robots.txt of 127.0.0.4" in result.error
    assert "unreachable, so nothing is fetched from the host: HTTP 503" in result.error
    assert server.hits("/elsewhere/page") == []


def test_robots_rules_follow_rfc9309():
    rules = RobotsRules.parse("""
        User-agent: googlebot
        Disallow: /

        User-agent: TradeWire
        User-agent: otherbot
        Disallow: /news/
        Allow: /news/trade
        Disallow: /news/trade/drafts
        Disallow: /search?q=*
        Disallow: /*.json$
        Allow: /tie
        Disallow: /tie
        Disallow:
        Crawl-delay: 3
        """, "tradewire")
    assert rules.allows("https://site.test/")
    assert not rules.allows("https://site.test/news/2025/steel")
    assert rules.allows("https://site.test/news/trade/steel")
    assert not rules.allows("https://site.test/news/trade/drafts/1")
    assert not rules.allows("https://site.test/search?q=steel")
    assert rules.allows("https://site.test/search")
    assert not rules.allows("https://site.test/api/list.json")
    assert rules.allows("https://site.test/api/list.json?x=1")
    assert rules.allows("https://site.test/tie")  # Allow wins a tie
    assert rules.allows("https://site.test/robots.txt")
    assert not RobotsRules.parse("User-agent: *\nDisallow: /\n", "tradewire").allows("https://site.test/a")
    assert RobotsRules.parse("User-agent: *\nDisallow:\n", "tradewire").allows("https://site.test/a")
    assert RobotsRules.parse("", "tradewire").allows("https://site.test/a")
    encoded = RobotsRules.parse("User-agent: *\nDisallow: /caf%C3%A9\n", "tradewire")
    assert not encoded.allows("https://site.test/caf\u00e9/menu") and not encoded.allows("https://site.test/caf%C3%A9")


# ---------------------------------------------------------------- what may be fetched


@pytest.mark.parametrize("url", ["ftp://example.org/feed.xml", "file:///etc/passwd", "javascript:alert(1)",
                                 "data:text/html,hi", "mailto:desk@example.org", "//no-scheme.example.org/",
                                 "http:///no-host"])
def test_only_http_and_https_are_fetched(url):
    result = one(FetchRequest(url))
    assert result.outcome == "refused" and result.attempts == 0
    assert "only http(s) is fetched" in result.error or "without a host" in result.error


def test_loopback_refused_unless_allowed(server):
    server.route("/guarded/page", Reply(200, PAGE))
    by_address, by_name = fetch(FetchRequest(server.url("/guarded/page")),
                                FetchRequest(f"http://localhost:{server.port}/guarded/page"))
    assert by_address.outcome == "refused" and by_name.outcome == "refused"
    assert "non-public address 127.0.0.1" in by_address.error
    assert server.hits("/guarded/page") == []
    assert one(FetchRequest(server.url("/guarded/page"), allow_private=True)).ok
    assert one(FetchRequest(server.url("/guarded/page")), allow_private=True).ok  # allowed by the settings


def test_redirect_to_a_private_address_is_refused(server):
    # the source's own host is allowed (a local site), but it may not send us on to another private host
    target = server.url("/pivot/inside", "127.0.0.3")
    server.redirect("/pivot/out", target)
    server.route("/pivot/inside", Reply(200, "internal"))
    result = one(server.url("/pivot/out"))
    assert result.outcome == "refused" and "127.0.0.3" in result.error
    assert result.final_url == target and result.redirects == [server.url("/pivot/out")]
    assert server.hits("/pivot/inside") == []
    server.redirect("/pivot/scheme", "file:///etc/passwd")
    assert one(server.url("/pivot/scheme")).outcome == "refused"


def test_address_checks_without_any_traffic():
    # pure checks: IP literals are classified without resolving or connecting anywhere
    for private in ("10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "127.0.0.1", "0.0.0.0",
                    "100.64.0.1", "::1", "fe80::1", "fc00::5", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"):
        with pytest.raises(_Refused):
            asyncio.run(_refuse_private_address(private, 80))
    for public in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"):
        asyncio.run(_refuse_private_address(public, 80))
    assert _is_public(ipaddress.ip_address("8.8.8.8")) and not _is_public(ipaddress.ip_address("127.5.5.5"))


def test_dns_rebinding_is_caught_at_connect_time(server, monkeypatch):
    # the name resolves to a public address when checked, then the connection lands on loopback
    async def fake_resolve(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    monkeypatch.setattr(fetcher_module, "_resolve", fake_resolve)
    server.route("/rebind/page", Reply(200, "internal"))
    result = one(FetchRequest(f"http://localhost:{server.port}/rebind/page"))
    assert result.outcome == "refused" and "connected to non-public address" in result.error
    assert result.content is None


def test_a_host_is_resolved_once_per_run_not_once_per_url(monkeypatch):
    calls = []

    async def counting_resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(fetcher_module, "_resolve", counting_resolve)
    results = fetch(*[FetchRequest(f"http://news.site.test/story/{i}") for i in range(20)])
    assert calls == ["news.site.test"]
    assert all(r.outcome == "refused" and "non-public address 127.0.0.1" in r.error for r in results)


def test_invalid_urls_give_an_error_not_an_exception():
    results = fetch(FetchRequest("http://exa mple.org/a"), FetchRequest("http://[::1/"),
                    FetchRequest("http://example.org:99999/"))
    assert all(r.outcome in ("error", "refused") and r.error for r in results)


# ---------------------------------------------------------------- politeness, seen from the server


def test_per_host_delay_and_concurrency_limits_hold(server):
    delay, per_host, overall = 0.1, 2, 3
    server.route_prefix("/polite/", Reply(200, PAGE, delay=0.15))
    hosts = HOSTS[:3]
    urls = [server.url(f"/polite/{i}", host) for i in range(6) for host in hosts]
    server.clear_log()
    results = fetch(*urls, per_host_delay_s=delay, per_host_concurrency=per_host, global_concurrency=overall)
    assert all(r.ok for r in results)
    log = list(server.requests)
    assert len([r for r in log if r.path.startswith("/polite/")]) == len(urls)
    for host in hosts:
        starts = sorted(r.started for r in log if r.host == host)  # robots.txt counts too: it is a request
        gaps = [b - a for a, b in zip(starts, starts[1:])]
        assert min(gaps) >= delay - 0.02, f"{host}: request starts {min(gaps):.3f} s apart"
        assert intervals_in_flight([r for r in log if r.host == host]) <= per_host
    assert intervals_in_flight(log) <= overall
    assert intervals_in_flight([r for r in log if r.path.startswith("/polite/")]) == overall  # and used fully


def test_urls_grouped_by_host_do_not_starve_other_hosts(server):
    # discovery lists URLs source by source; the first host's queue must not sit on the global slots while
    # it waits for its own per-host slot, or the other hosts wait for nothing
    server.route_prefix("/grouped/", Reply(200, PAGE, delay=0.05))
    hosts = HOSTS[:3]
    urls = [server.url(f"/grouped/{i}", host) for host in hosts for i in range(10)]
    server.clear_log()
    results = fetch(*urls, per_host_concurrency=1, global_concurrency=3)
    assert all(r.ok for r in results)
    pages = [r for r in server.requests if r.path.startswith("/grouped/")]
    busy = sum(r.finished - r.started for r in pages)
    span = max(r.finished for r in pages) - min(r.started for r in pages)
    assert busy / span >= 2.2, f"{busy / span:.2f} requests in flight on average, out of 3"


def test_delay_and_robots_carry_across_calls_with_shared_memory(server):
    server.route_prefix("/memory/", Reply(200, PAGE))
    host, delay = "127.0.0.3", 0.3
    memory = FetchMemory()
    server.clear_log()
    fetch(server.url("/memory/1", host), memory=memory, per_host_delay_s=delay)
    fetch(server.url("/memory/2", host), memory=memory, per_host_delay_s=delay)
    log = [r for r in server.requests if r.host == host]
    assert [r.path for r in log] == ["/robots.txt", "/memory/1", "/memory/2"]
    assert log[2].started - log[1].started >= delay - 0.02


def test_retry_after_pauses_the_whole_host(server):
    server.route("/pause/a", [Reply(503, "busy", content_type="text/plain", headers={"Retry-After": "1"}),
                              Reply(200, PAGE)])
    server.route("/pause/b", Reply(200, PAGE, delay=0.05))
    host = "127.0.0.2"
    memory = FetchMemory()
    fetch(server.url("/robots.txt", host), memory=memory)  # robots.txt read beforehand
    a, b = fetch(server.url("/pause/a", host), server.url("/pause/b", host), memory=memory,
                 per_host_concurrency=1)
    assert a.ok and b.ok
    first_a, second_a = server.hits("/pause/a", host)
    (only_b,) = server.hits("/pause/b", host)
    assert only_b.started - first_a.started >= 0.95  # b, queued behind a, also waited out the Retry-After


def test_fetch_many_works_inside_a_running_event_loop(server):
    server.route("/inloop/page", Reply(200, PAGE))

    async def caller():
        return fetch(server.url("/inloop/page"))

    (result,) = asyncio.run(caller())
    assert result.ok


def test_fetcher_as_async_context_manager(server):
    server.route("/async/page", Reply(200, PAGE))

    async def run():
        async with Fetcher(SETTINGS) as f:
            return await f.fetch(FetchRequest(server.url("/async/page"), allow_private=True))

    assert asyncio.run(run()).ok


def test_a_host_that_does_not_answer_is_an_error_not_a_robots_refusal():
    """Connection refused on robots.txt: the host is down, so its pages are errors (as any unreachable page is),
    while a robots.txt answered with 5xx still keeps us away as a robots refusal (RFC 9309)."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = one(f"http://127.0.0.1:{port}/news/page", max_retries=1)
    assert result.outcome == "error", result
    assert f"127.0.0.1:{port} unreachable (its robots.txt:" in result.error and "nothing is fetched" in result.error
