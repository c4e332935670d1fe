"""DOM preparation for the article-body extractor.

Pages are parsed once, with the same lxml parser settings trafilatura uses (``trafilatura.utils.load_html``):
its heuristics were tuned on trees built that way, and a tree from a plain ``lxml.html.fromstring`` (which keeps
HTML comments as nodes, for one) measurably changes what it extracts.

The tree is then repaired in place where generic page furniture hides article text from the extractors or
leaks non-article text into it:

* embedded social posts (tweets, Instagram posts, TikToks) are part of the story as the reader sees it, but
  sit in containers whose class names ("tweet", "social", "embed", "widget") make extractors throw them away;
  each one is rewritten as a plain ``<blockquote>`` of paragraphs that replaces its wrapper;
* inline "hover cards" - a span inside a sentence that holds an image and a list of links about a person or a
  topic, shown by CSS on mouse-over - would otherwise be read as part of the sentence; they are removed;
* scripts (except JSON-LD, read by ``jsonld``), styles, templates and noscript fallbacks carry no text;
* a small box built around a form (newsletter sign-up, search, log-in, poll) is page furniture, whatever its
  heading says: the form goes with its heading and blurb, as long as the box holds little text.
"""
from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from lxml.html import Element, HtmlElement

_WS = re.compile(r"\s+")

# Blockquotes that embed a post from a social network: the class names are the networks' own embed markup,
# the same on every site that embeds them, so this is not keyed to any one publisher.
_SOCIAL_EMBED = etree.XPath(
    "//blockquote[contains(@class,'twitter-tweet') or contains(@class,'twitter-video')"
    " or contains(@class,'instagram-media') or contains(@class,'tiktok-embed')]"
)
_NO_TEXT = etree.XPath("//script[not(@type='application/ld+json')]|//style|//noscript|//template")
# Elements whose only children are inline: a paragraph in all but name.
_INLINE_PARENTS = etree.XPath("//p|//li|//h2|//h3|//h4|//blockquote|//td")
_INLINE_TAGS = ("a", "span", "em", "strong", "b", "i", "u", "small", "sup", "sub", "font", "abbr", "cite", "code",
                "q", "time", "mark", "s", "del", "ins")
# Containers that stop the climb from an embed to its wrapper: the wrapper must never swallow the article.
_CLIMB_STOP = {"body", "html", "article", "main", "section"}
# A form box (the form and the wrappers around it that hold little else) has at most this many characters of
# text, and the climb from the form to its box goes at most this many levels up. Pages wrapped whole in a
# <form> (some CMSs do that) are far longer and stay.
_FORM_BOX_MAX_CHARS = 300
_FORM_BOX_LEVELS = 4


def norm(text: str | None) -> str:
    """Collapse whitespace (HTML source line breaks are not paragraph breaks)."""
    return _WS.sub(" ", text or "").strip()


def parse_html(html: str) -> HtmlElement | None:
    """Parse a page; ``None`` when it is empty or not HTML at all (never raises on garbage)."""
    if not html or not html.strip():
        return None
    try:
        from trafilatura.utils import load_html

        tree = load_html(html)
    except Exception:  # lxml refuses some inputs outright (e.g. only control characters)
        return None
    if tree is None or not isinstance(tree, HtmlElement):
        return None
    return tree


def prepare_tree(tree: HtmlElement) -> HtmlElement:
    """Repair ``tree`` in place (see the module docstring) and return it."""
    for el in _NO_TEXT(tree):
        _drop(el)
    for form in list(tree.iter("form")):
        _drop_form_box(form)
    for quote in _SOCIAL_EMBED(tree):
        _flatten_social_embed(quote)
    for block in _INLINE_PARENTS(tree):
        _drop_hover_cards(block)
        _neutralise_inline(block)
    return tree


def _drop(el: HtmlElement) -> None:
    """Remove an element but keep its tail text (which belongs to the parent)."""
    if el.getparent() is not None:
        el.drop_tree()


def _drop_form_box(form: HtmlElement) -> None:
    """Remove a form that takes input, with the wrappers around it that hold little other text.

    Newsletter and sign-up boxes inside or just after an article put a heading and a one-line blurb next to an
    e-mail field; extractors keep the heading and the blurb, which are not article text. Climbing stops at the
    first wrapper that holds more than a box's worth of text, and never passes an article or main element.
    """
    if form.getparent() is None or form.find(".//input") is None and form.find(".//textarea") is None:
        return
    if len(norm(form.text_content())) > _FORM_BOX_MAX_CHARS:
        return
    top = form
    for _ in range(_FORM_BOX_LEVELS):
        parent = top.getparent()
        if parent is None or parent.tag in _CLIMB_STOP or parent.getparent() is None:
            break
        if len(norm(parent.text_content())) > _FORM_BOX_MAX_CHARS:
            break
        top = parent
    _drop(top)


def _flatten_social_embed(quote: HtmlElement) -> None:
    """Replace an embedded post (and any wrapper holding nothing else) by a plain blockquote.

    The post's own paragraphs stay paragraphs; what follows them (the "- Name (@handle) date" attribution line)
    becomes one more paragraph, because readers and the benchmark's annotators read it as part of the quote.
    """
    if quote.getparent() is None:
        return
    text = norm(quote.text_content())
    if not text:
        _drop(quote)
        return
    new = Element("blockquote")
    rest = deepcopy(quote)
    rest.tail = None
    for p in rest.iter("p"):
        para = Element("p")
        para.text = norm(p.text_content())
        if para.text:
            new.append(para)
    for p in list(rest.iter("p")):
        _drop(p)
    attribution = norm(rest.text_content())
    if attribution:
        para = Element("p")
        para.text = attribution
        new.append(para)
    # Climb to the outermost wrapper that holds this embed and nothing else, so that its class names
    # ("embed", "social", "tweet") cannot get the rewritten quote pruned.
    top = quote
    while True:
        parent = top.getparent()
        if parent is None or parent.tag in _CLIMB_STOP or parent.getparent() is None:
            break
        if norm(parent.text_content()) != text:
            break
        top = parent
    new.tail = top.tail
    top.getparent().replace(top, new)


def _neutralise_inline(block: HtmlElement) -> None:
    """Strip class and id from inline elements inside a text block.

    Extractors prune elements by class/id words such as "link", "share" or "social"; on a span or anchor inside
    a sentence that deletes words from the middle of the sentence ("reported that [the league will fine him] for
    his role"). Inside a paragraph such names describe styling, never page furniture.
    """
    for el in block.iterdescendants(*_INLINE_TAGS):
        for attr in ("class", "id"):
            if attr in el.attrib:
                del el.attrib[attr]


def _drop_hover_cards(block: HtmlElement) -> None:
    """Remove link-list widgets nested inside a text block.

    A sentence never contains an inline element that holds three or more links and next to no other text, or an
    image together with links: those are pop-up cards whose text would be glued into the sentence.
    """
    # Innermost first (reverse document order): the card is removed, the link that opens it (a name that is
    # part of the sentence) stays, and its wrapper then no longer looks like a card.
    for el in reversed(list(block.iterdescendants("span", "div", "aside", "figure"))):
        if el.getparent() is None:
            continue
        links = el.findall(".//a")
        if not links:
            continue
        text = norm(el.text_content())
        if not text:
            continue
        link_chars = sum(len(norm(a.text_content())) for a in links)
        has_image = el.find(".//img") is not None
        if (len(links) >= 3 and link_chars >= 0.8 * len(text)) or (has_image and len(links) >= 2):
            _drop(el)
