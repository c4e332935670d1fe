"""Tests for the article-body extractor (extractors/article/body/extract.py and its helpers).

Every page here is written for these tests: small, self-contained, with the furniture real news pages carry.
"""
from __future__ import annotations

import json
import re

import pytest

import extractors.article.body.extract as body_module
from extractors.article.body.extract import extract_body
from extractors.article.body.blocks import page_blocks
from extractors.article.body.check import is_suspect, main_region, prefer_second
from extractors.article.body.jsonld import clean_body, jsonld_bodies
from extractors.article.body.dom import parse_html, prepare_tree

# The article used throughout: five paragraphs of invented trade news, long enough to look like an article.
PARAS = [
    "Canada and Mexico agreed on Tuesday to set up a joint working group on steel exports, officials from both "
    "governments said after a two-day meeting in Ottawa that ran late into the evening.",
    "The group will review how much steel each country ships to the United States every quarter, and will report "
    "to trade ministers before the next scheduled review of the continental trade agreement.",
    "Negotiators said the talks had been cordial but difficult, with disagreements over how to count steel that "
    "is processed in one country and finished in the other before it crosses the border.",
    "Industry associations on both sides welcomed the plan, although several union leaders warned that a working "
    "group was no substitute for binding limits on imports from outside the region.",
    "The first meeting of the group is expected early next year, and officials said they hoped to publish a joint "
    "report on shipping volumes and prices within six months of that date.",
]
HEADLINE = "Canada and Mexico set up steel working group"

NAV = """<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/markets">Markets</a></li></ul></nav>"""
COOKIES = """<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience on our
site. By continuing to browse you accept our use of cookies.</p><button>Accept all</button></div>"""
RELATED = """<aside class="related-articles"><h3>Related stories</h3><ul>
<li><a href="/a">Port workers strike over automation plans in three cities</a></li>
<li><a href="/b">Grain prices fall for a fourth week as harvest estimates rise</a></li>
<li><a href="/c">Central bank holds rates steady amid slowing growth</a></li></ul></aside>"""
COMMENTS = """<section class="comments" id="comments"><h3>12 comments</h3>
<div class="comment"><p>Commenter one: this working group will achieve nothing, mark my words, nothing at all.</p></div>
<div class="comment"><p>Commenter two: finally some sensible cooperation between the neighbours on steel.</p></div>
</section>"""
FOOTER = """<footer class="site-footer"><p>Copyright 2025 Example Media Group. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | <a href="/contact">Contact</a></p>
</footer>"""
AD = """<div class="ad-slot advertisement"><p>Advertisement</p></div>"""


def page(article_html: str, *, head_extra: str = "", furniture: bool = True) -> str:
    """A complete page around ``article_html``, with the usual furniture when ``furniture`` is set."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{HEADLINE} | Example News</title><meta property="og:title" content="{HEADLINE}">{head_extra}</head>
<body>{NAV if furniture else ""}{COOKIES if furniture else ""}
<main><article class="story"><h1>{HEADLINE}</h1><p class="byline">By Jane Example</p>
<div class="story-body">{article_html}</div></article>
{RELATED if furniture else ""}{COMMENTS if furniture else ""}</main>{FOOTER if furniture else ""}</body></html>"""


def paras_html(paras: list[str], ad_after: int | None = None) -> str:
    out = []
    for i, p in enumerate(paras):
        out.append(f"<p>{p}</p>")
        if ad_after is not None and i == ad_after:
            out.append(AD)
    return "\n".join(out)


def jsonld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_boilerplate_removed_and_article_kept():
    text = extract_body(page(paras_html(PARAS, ad_after=1)))
    for p in PARAS:
        assert p in text
    for junk in ("Home", "cookies", "Advertisement", "Port workers strike", "Grain prices", "Commenter one",
                 "Commenter two", "Copyright 2025", "Privacy policy", "12 comments"):
        assert junk not in text, junk


def test_paragraph_breaks_kept():
    text = extract_body(page(paras_html(PARAS)))
    assert text.split("\n\n") == PARAS


def test_headline_not_repeated_in_body():
    text = extract_body(page(paras_html(PARAS)))
    assert not text.startswith(HEADLINE)
    assert HEADLINE not in text


def test_tail_furniture_removed():
    tail = [
        "Reporting by Jane Example; editing by John Sample",
        "Follow us on Twitter and Facebook for more trade news.",
        "Sign up for our free daily newsletter to get the latest stories in your inbox.",
    ]
    text = extract_body(page(paras_html(PARAS + tail), furniture=False))
    assert text.split("\n\n") == PARAS


def test_blockquote_kept():
    quote = ("We will not accept any arrangement that leaves our mills exposed to dumping from outside the "
             "region, and we have said so plainly to both governments.")
    body = paras_html(PARAS[:3]) + f"<blockquote><p>{quote}</p></blockquote>" + paras_html(PARAS[3:])
    text = extract_body(page(body))
    assert quote in text.split("\n\n")
    for p in PARAS:
        assert p in text
    assert text.index(PARAS[2]) < text.index(quote) < text.index(PARAS[3])


def test_embedded_tweet_kept_as_quote():
    tweet = ('<div class="social-embed"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">Good talks with our '
             'Mexican counterparts on steel today in Ottawa.</p>&mdash; Example Minister (@exampleminister) '
             '<a href="https://twitter.com/x/status/1">November 4, 2025</a></blockquote></div>')
    body = paras_html(PARAS[:2]) + tweet + paras_html(PARAS[2:])
    text = extract_body(page(body))
    assert "Good talks with our Mexican counterparts on steel today in Ottawa." in text
    assert "(@exampleminister)" in text
    for p in PARAS:
        assert p in text


# --- JSON-LD articleBody ------------------------------------------------------------------------------------------

# A paragraph that sits inside the article markup but is not part of the article the publisher declares
# (an editor's note about the page, of the kind extractors keep because it looks like prose).
# Short, as such notes are: a declared body is complete when it holds at least 90 % of the markup's text.
EXTRA = "Our regional partners helped us to produce this page."


def _declared(body: str, *, graph: bool = False, as_list: bool = False) -> str:
    article = {"@type": "NewsArticle", "headline": HEADLINE, "articleBody": body}
    obj = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Example"}, article]} \
        if graph else {"@context": "https://schema.org", **article}
    return jsonld([obj] if as_list else obj)


@pytest.mark.parametrize("graph,as_list", [(False, False), (True, False), (False, True)])
def test_jsonld_body_used_when_complete(graph, as_list):
    markup = paras_html(PARAS[:3]) + f"<p>{EXTRA}</p>" + paras_html(PARAS[3:])
    # without a declared body the extra paragraph is taken for article text ...
    assert EXTRA in extract_body(page(markup))
    # ... with a complete declared body (one run of text, as most sites write it) it is not,
    # and the paragraph breaks still come from the markup
    declared = _declared(" ".join(PARAS), graph=graph, as_list=as_list)
    text = extract_body(page(markup, head_extra=declared))
    assert EXTRA not in text
    assert text.split("\n\n") == PARAS


def test_jsonld_body_ignored_when_truncated():
    teaser = PARAS[0][:120] + "..."
    text = extract_body(page(paras_html(PARAS), head_extra=_declared(teaser)))
    assert text.split("\n\n") == PARAS


def test_jsonld_body_used_when_markup_has_no_text():
    # a page whose article is rendered by a script: only the declared body holds the text
    html = page('<div id="app"></div>', head_extra=_declared("\n\n".join(PARAS)), furniture=False)
    assert extract_body(html).split("\n\n") == PARAS


def test_jsonld_cleaning():
    assert clean_body("<p>First &amp;amp; one.</p><p>Second <b>two</b>.</p>") == "First & one.\n\nSecond two."
    broken = ('<html><head><script type="application/ld+json">{"@type": ["NewsArticle"], '
              '"articleBody": "Line one.\nLine two.",}</script></head><body><p>x</p></body></html>')
    assert jsonld_bodies(parse_html(broken)) == ["Line one.\n\nLine two."]
    not_article = jsonld({"@type": "Recipe", "articleBody": "Not an article."})
    assert jsonld_bodies(parse_html(f"<html><head>{not_article}</head><body><p>x</p></body></html>")) == []


# --- split article --------------------------------------------------------------------------------------------------

def test_article_split_into_chunks_is_complete():
    """A template that cuts the article into several identical containers with other material between them."""
    more = [
        "Officials also discussed aluminium, though they stopped short of adding it to the mandate of the new "
        "group, saying that the market for the metal worked differently and needed separate study.",
        "Several provincial governments asked to send observers to the meetings, a request the two national "
        "governments said they would consider once the rules of procedure had been written down.",
        "Analysts said the real test would come when the group first disagreed about a number, because neither "
        "side had agreed in advance on whose customs statistics should prevail in that case.",
    ]
    chunk = '<div class="chunk"><div class="chunk-text">{}</div></div>'
    promo = '<div class="promo-box"><p><a href="/x">Listen to our weekly podcast on trade</a></p></div>'
    body = chunk.format(paras_html(PARAS)) + promo + chunk.format(paras_html(more))
    text = extract_body(page(body))
    for p in PARAS + more:
        assert p in text, p[:40]
    assert "podcast" not in text


# --- second opinion: a body that misses the page's main prose -------------------------------------------------------

# Reader posts: prose, but not the article. Written for these tests.
POSTS = [
    "I have worked in a steel mill for twenty years and nobody on the floor believes a working group will change "
    "anything about the prices we are paid for what we make.",
    "The last time the two governments promised a review it took three years and the report never came out, so "
    "forgive me if I do not hold my breath this time either.",
    "Counting steel that is finished in one country and shipped from the other is genuinely hard, and it is good "
    "that someone is finally going to sit down and agree on the numbers.",
    "Why are the unions not at the table? Every decision about quotas lands on the workers in the end, and they "
    "should have a voice before the rules are written down.",
]


def _region(html: str):
    tree = parse_html(html)
    prepare_tree(tree)
    return main_region(page_blocks(tree))


def _word_count(paragraphs: list[str]) -> int:
    return sum(len(re.findall(r"\w+", p)) for p in paragraphs)


def _first_mode_returns(monkeypatch, paragraphs):
    """Make the first (precision-mode) extraction return ``paragraphs``; the lenient modes stay real."""
    real = body_module._markup_paragraphs

    def fake(tree, url, modes):
        if modes is body_module._MODES:
            return list(paragraphs), modes[0]
        return real(tree, url, modes)

    monkeypatch.setattr(body_module, "_markup_paragraphs", fake)


def test_main_region_is_the_article():
    element, region, words = _region(page(paras_html(PARAS, ad_after=1)))
    assert element is not None and "story" in (element.get("class") or "") + (element.getparent().get("class") or "")
    assert words == _word_count(PARAS)


def test_main_region_spans_an_article_cut_into_chunks():
    chunk = '<div class="wrap"><div class="chunk"><div class="text">{}</div></div><aside>Ad</aside></div>'
    html = page("".join(chunk.format(f"<p>{p}</p>") for p in PARAS))
    _, _, words = _region(html)
    assert words == _word_count(PARAS)


def test_suspect_only_when_most_of_the_region_is_missing():
    _, region, words = _region(page(paras_html(PARAS)))
    assert not is_suspect(PARAS, region, words)
    assert not is_suspect(PARAS[:3], region, words)  # most of it is there
    assert is_suspect(PARAS[:1], region, words)
    assert is_suspect(["Home News Business Markets"], region, words)


def test_prefer_second():
    _, region, _ = _region(page(paras_html(PARAS)))
    assert prefer_second(PARAS[:1], PARAS, region)  # the region sides with the second extraction
    assert not prefer_second(PARAS, PARAS[:1], region)
    assert not prefer_second(PARAS[:1], [], region)
    # the region is something else (reader posts): a second extraction must be several times longer to win
    _, posts, _ = _region(page(paras_html(POSTS)))
    assert not prefer_second(PARAS[:2], PARAS, posts)
    assert prefer_second(PARAS[:1], PARAS, posts)


@pytest.mark.parametrize("first", [PARAS[:1], PARAS[-1:], ["Home", "World", "Business", "Markets"]])
def test_truncated_or_wrong_body_replaced_by_second_opinion(monkeypatch, first):
    _first_mode_returns(monkeypatch, first)
    text = extract_body(page(paras_html(PARAS, ad_after=1)))
    assert text.split("\n\n") == PARAS


def test_complete_body_kept_when_reader_posts_outweigh_it(monkeypatch):
    """A short article above a long thread of reader posts: the posts are the page's main prose, but the
    lenient modes do not find them longer, so the body stands."""
    posts = '<section class="thread">' + "".join(f'<div class="post"><p>{t}</p></div>' for t in POSTS * 2) + \
        "</section>"
    html = page(paras_html(PARAS[:2])).replace("</main>", posts + "</main>")
    _first_mode_returns(monkeypatch, PARAS[:2])
    text = extract_body(html)
    assert PARAS[0] in text and PARAS[1] in text


def test_region_is_the_body_when_no_mode_finds_text(monkeypatch):
    monkeypatch.setattr(body_module, "_markup_paragraphs", lambda tree, url, modes: ([], None))
    text = extract_body(page(paras_html(PARAS, ad_after=1)))
    assert text.split("\n\n") == PARAS


def test_longer_declared_body_shown_on_the_page_replaces_a_wrong_extraction(monkeypatch):
    wrong = ["Weather for the weekend: sunny spells in the afternoon and light winds from the west"]
    monkeypatch.setattr(body_module, "_markup_paragraphs", lambda tree, url, modes: (wrong, modes[0]))
    monkeypatch.setattr(body_module, "is_suspect", lambda *args: False)  # the JSON-LD check alone
    html = page(paras_html(PARAS), head_extra=_declared(" ".join(PARAS)))
    assert extract_body(html).split("\n\n") == PARAS
    # a declared body that the page does not show is not trusted over the markup
    html = page(paras_html(PARAS[:1]), head_extra=_declared(" ".join(PARAS)))
    assert extract_body(html).split("\n\n") == wrong


# --- robustness -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "",
    "   \n\t ",
    "just some words, no markup at all",
    "<html></html>",
    "<html><body></body></html>",
    "<<<>>><!-- unterminated <div <p",
    "\x00\x01\x02 binary \xff\xfe junk",
    '<html><head><script type="application/ld+json">{not json</script></head><body></body></html>',
    "<html><body><nav><a href='/'>Home</a></nav><footer>Copyright</footer></body></html>",
])
def test_empty_or_garbage_gives_empty_string(html):
    assert extract_body(html) == ""


def test_non_string_input_gives_empty_string():
    assert extract_body(None) == ""  # type: ignore[arg-type]


def test_deterministic():
    html = page(paras_html(PARAS[:3]) + f"<p>{EXTRA}</p>" + paras_html(PARAS[3:]),
                head_extra=_declared(" ".join(PARAS)))
    first = extract_body(html, url="https://example.org/news/steel")
    assert all(extract_body(html, url="https://example.org/news/steel") == first for _ in range(3))
    assert extract_body(html) == first  # the URL does not change the result


# --- furniture patterns: sign-up boxes, subheadlines, teaser boxes, lost leads --------------------------------------

def test_form_box_removed_with_its_heading_and_blurb():
    box = ("<div><div><h3>The Daily Steel Brief</h3><h4>Get the week's trade stories and price charts in one "
           "place, every morning.</h4><form action='/s'><input type='email' name='e'>"
           "<input type='submit' value='Go'></form></div></div>")
    html = page(paras_html(PARAS) + box, furniture=False)
    tree = parse_html(html)
    prepare_tree(tree)
    assert "Daily Steel Brief" not in tree.text_content() and PARAS[-1] in tree.text_content()
    assert extract_body(html).split("\n\n") == PARAS


def test_page_wrapped_in_a_form_is_kept():
    html = page(paras_html(PARAS), furniture=False)
    html = html.replace("<body>", "<body><form action='/postback'><input type='hidden' name='v' value='1'>")
    html = html.replace("</body>", "</form></body>")
    assert extract_body(html).split("\n\n") == PARAS


def test_subheadline_declared_as_description_dropped():
    dek = "Officials from both countries say the plan falls short of binding limits on imports"
    head = f'<meta name="description" content="{dek}">'
    text = extract_body(page(f"<p>{dek}</p>" + paras_html(PARAS), head_extra=head, furniture=False))
    assert text.split("\n\n") == PARAS


def test_lead_declared_as_description_kept():
    head = f'<meta name="description" content="{PARAS[0]}">'
    text = extract_body(page(paras_html(PARAS), head_extra=head, furniture=False))
    assert text.split("\n\n") == PARAS


def test_text_above_the_headline_dropped():
    from extractors.article.body.filters import clean_paragraphs, token_key

    strip = ["Port workers strike over automation plans",
             "A feature box about something else entirely, which happens to be written in full sentences."]
    out = clean_paragraphs(strip + [HEADLINE] + PARAS, {token_key(HEADLINE)})
    assert out == PARAS
    # a headline repeated after most of the text (a caption, a share box) cuts nothing above it
    late = PARAS[:4] + [HEADLINE] + PARAS[4:]
    assert clean_paragraphs(late, {token_key(HEADLINE)}) == late


def test_lost_first_run_of_a_br_separated_container_added():
    from extractors.article.body.blocks import add_container_runs

    html = ("<html><body><div class='teasers'><p>Something else, written as a full sentence too.</p></div>"
            f"<div class='text'>{PARAS[0]}<br><br>{PARAS[1]}<br><br>{PARAS[2]}<br><br>{PARAS[3]}"
            "<br><br>Share<br></div></body></html>")
    tree = parse_html(html)
    prepare_tree(tree)
    out = add_container_runs(["Something else, written as a full sentence too.", *PARAS[1:4]], tree)
    assert out == ["Something else, written as a full sentence too.", *PARAS[:4]]
    # a container with a single extracted run is not taken for the article
    assert add_container_runs([PARAS[1]], tree) == [PARAS[1]]


def test_labelled_teaser_box_inside_the_body_dropped():
    from extractors.article.body.filters import clean_paragraphs, token_key

    teasers = ["Port workers strike over automation plans in three cities",
               "Grain prices fall for a fourth week [VIDEO]"]
    links = {token_key("Port workers strike over automation plans in three cities"),
             token_key("Grain prices fall for a fourth week")}
    body = PARAS[:2] + ["Don't miss"] + teasers + PARAS[2:]
    assert clean_paragraphs(body, set(), links) == PARAS
    # a list of links that the article introduces with a sentence or a colon stays
    sourced = PARAS[:2] + ["Sources for this story:"] + teasers + PARAS[2:]
    assert clean_paragraphs(sourced, set(), links) == sourced
    # a single linked line after a label is not a box
    single = PARAS[:2] + ["Don't miss", teasers[0]] + PARAS[2:]
    assert clean_paragraphs(single, set(), links) == single


def test_labelled_cross_link_dropped():
    from extractors.article.body.filters import clean_paragraphs, token_key

    link = "Port workers strike over automation plans in three cities"
    body = PARAS[:2] + [f"SEE MORE: {link}"] + PARAS[2:]
    assert clean_paragraphs(body, set(), {token_key(link)}) == PARAS
    aside = PARAS[:2] + [f"Pro tip: {link}"] + PARAS[2:]  # a running-case label is the author's aside
    assert clean_paragraphs(aside, set(), {token_key(link)}) == aside
