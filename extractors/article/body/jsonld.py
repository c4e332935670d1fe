"""The ``articleBody`` that a page declares in its JSON-LD (schema.org Article and its subtypes).

Publishers put the article text into JSON-LD for search engines. When it is complete it is the cleanest source
there is: no navigation, no ads, no related links. But it cannot be trusted blindly: many sites cut it to a
teaser ("...", the first 500 characters), some fill it with the markup of the page (tags, captions, embedded
players), some double-escape it or break the JSON. This module only *finds and cleans* the declared bodies;
whether one is complete is decided in ``extract.py`` by comparing it with what the page's markup holds.
"""
from __future__ import annotations

import html as htmllib
import re

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from extractors.article.body.dom import norm
from extractors.article.jsonld import load_jsonld

_LD_SCRIPTS = etree.XPath("//script[@type='application/ld+json']")
# schema.org types whose articleBody is an article: Article and its subtypes (NewsArticle, ReportageNewsArticle,
# AnalysisNewsArticle, BlogPosting, OpinionNewsArticle, ...), matched by name so that new subtypes need no change.
_ARTICLE_TYPE = re.compile(r"(Article|BlogPosting|Posting|Report)$")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# Block-level tags whose boundaries are paragraph breaks when an articleBody carries HTML.
_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "figure",
               "figcaption", "table", "tr", "ul", "ol", "pre"}
# Furniture that some sites leave inside articleBody markup: never article text.
_NON_TEXT_TAGS = {"script", "style", "iframe", "img", "figure", "figcaption", "video", "audio", "noscript"}


def jsonld_bodies(tree: HtmlElement | None) -> list[str]:
    """Every non-empty articleBody of an Article-like object in the page's JSON-LD, cleaned to plain text.

    Paragraphs are separated by "\\n\\n" where the declared body marks them (newlines or block tags); a body
    written as one run of text stays one paragraph.
    """
    if tree is None:
        return []
    bodies: list[str] = []
    for script in _LD_SCRIPTS(tree):
        data = load_jsonld(script.text or "")
        for obj in _walk(data):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if not any(isinstance(t, str) and _ARTICLE_TYPE.search(t) for t in types):
                continue
            body = obj.get("articleBody")
            if isinstance(body, list):  # a few sites split it into a list of paragraphs
                body = "\n\n".join(b for b in body if isinstance(b, str))
            if isinstance(body, str):
                text = clean_body(body)
                if text and text not in bodies:
                    bodies.append(text)
    return bodies


def _walk(data):
    """Yield every dict in a JSON-LD document: top level, lists, ``@graph``, nested objects."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def clean_body(body: str) -> str:
    """Plain text of a declared body: entities decoded (twice, some sites escape twice), tags turned into
    paragraph breaks or dropped, whitespace normalised, paragraphs joined by a blank line."""
    text = htmllib.unescape(htmllib.unescape(body))
    if _TAG.search(text):
        text = _html_to_paragraphs(text)
    paragraphs = [norm(p) for p in re.split(r"\n\s*\n|\r\n\s*\r\n|\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _html_to_paragraphs(text: str) -> str:
    try:
        root = fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return _TAG.sub(" ", text)
    for el in list(root.iter()):
        if el is root or not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in _NON_TEXT_TAGS and el.getparent() is not None:
            el.drop_tree()
        elif tag in _BLOCK_TAGS:
            # mark the block boundary with newlines on both sides
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return root.text_content()
