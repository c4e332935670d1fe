"""A second opinion on the extracted body: does it hold the page's main run of prose?

The markup extractor (trafilatura in precision mode) sometimes settles on the wrong region of a page, or on a
small part of the right one: a caption, the standfirst, one of several containers. Its output then looks like a
clean, short article and nothing downstream notices. This module looks at the page independently of that choice,
with the oldest rule of main-text extraction: the article is where the page's *prose* is, prose being blocks of a
dozen words or more that end like a sentence and are not mostly link text. The main prose region is the element
that maximises its prose words times the square root of its prose density (prose words over all words in it):
a single paragraph is dense but small, the whole page large but diluted by navigation and teasers.

On nearly every page the body holds most of that region (or the region is small) and nothing more happens. When
the body misses more of the region's prose than it holds itself, the body is *suspect*, and trafilatura's more
lenient modes are asked for a second extraction (``extract.py``). The second extraction replaces the body only if the
region sides with it (it holds clearly more of the region), or if it is several times longer and holds no less
of the region; the region alone never overrules the extractor, because on some pages it is not the article
(reader comments, a cookie notice, a block of teasers) and the lenient modes then do not find more text.

Everything here is generic: words, punctuation, link text and the tree; no class names, sites or URLs.
"""
from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from extractors.article.body.blocks import PROSE_END, link_share, share_in, shingles

_TOKENS = re.compile(r"\w+")
# A prose block: at least this many words, sentence-final punctuation, at most this share of link text.
_PROSE_MIN_WORDS = 12
_PROSE_MAX_LINK_SHARE = 0.5
# Weight of prose density against prose quantity when the main region is chosen (0: the largest prose container,
# i.e. the whole page; 1: prose words squared over all words, which lets a small dense box win over an article
# with short or unpunctuated paragraphs).
_DENSITY_EXP = 0.5
# A region smaller than this (words) is too small to judge a body by.
_MIN_REGION_WORDS = 50
# The body is suspect when the region's prose it misses is at least this many times its own length.
_SUSPECT_RATIO = 1.0
# A second extraction replaces a suspect body when it holds this much more of the region ...
_BETTER_COVER = 0.3
# ... or when it is this many times longer and holds no less of the region.
_LONGER = 3.0


def main_region(blocks: list[tuple[HtmlElement, str, Counter]]) -> tuple[HtmlElement | None, Counter, int]:
    """The page's main prose region: (element, shingles of the prose in it, number of prose words in it).

    ``blocks`` are ``blocks.page_blocks``. Every element above a block counts the block's words, and its
    prose words if it is prose; ``(None, Counter(), 0)`` when the page has no prose at all.
    """
    prose_words: dict[HtmlElement, int] = {}
    all_words: dict[HtmlElement, int] = {}
    prose: list[tuple[HtmlElement, Counter, int]] = []
    for el, text, sh in blocks:
        n = len(_TOKENS.findall(text))
        if not n:
            continue
        is_prose = n >= _PROSE_MIN_WORDS and PROSE_END.search(text) is not None and (
            el.tag == "div" or link_share(el) <= _PROSE_MAX_LINK_SHARE)
        if is_prose:
            prose.append((el, sh, n))
        for node in el.iterancestors():
            if node.tag in ("body", "html"):
                break
            all_words[node] = all_words.get(node, 0) + n
            if is_prose:
                prose_words[node] = prose_words.get(node, 0) + n
    if not prose_words:
        return None, Counter(), 0

    def score(node: HtmlElement) -> float:
        return prose_words[node] * (prose_words[node] / all_words[node]) ** _DENSITY_EXP

    best = max(prose_words, key=score)
    region: Counter = Counter()
    for el, sh, _ in prose:
        if any(a is best for a in el.iterancestors()):
            region.update(sh)
    return best, region, prose_words[best]


def is_suspect(paragraphs: list[str], region: Counter, region_words: int) -> bool:
    """True when the body misses more of the page's main prose region than the body itself holds."""
    if region_words < _MIN_REGION_WORDS:
        return False
    missing = region_words * (1 - share_in(region, shingles(" ".join(paragraphs))))
    return missing >= max(_MIN_REGION_WORDS, _SUSPECT_RATIO * _words(paragraphs))


def prefer_second(body: list[str], alt: list[str], region: Counter) -> bool:
    """Whether ``alt`` (a second extraction) should replace a suspect ``body``.

    Yes when the page's main prose region sides with it: it holds a good deal more of the region. Also yes when
    it is several times longer and holds no less of the region: the region is then not the article (a block of
    reader comments, a cookie notice, a list of teasers) and cannot decide, but a body that a second mode of the
    same extractor finds several times over is a truncated one (the two modes differ by far less on pages where
    the first is right).
    """
    if not alt:
        return False
    before = share_in(region, shingles(" ".join(body)))
    after = share_in(region, shingles(" ".join(alt)))
    if not body:  # text a more lenient mode finds beats an empty body, unless it is far smaller than the region
        return after >= _BETTER_COVER or 2 * _words(alt) >= sum(region.values())
    if after >= before + _BETTER_COVER:
        return True
    return after >= before and _words(alt) >= _LONGER * _words(body)


def region_paragraphs(blocks: list[tuple[HtmlElement, str, Counter]], element: HtmlElement) -> list[str]:
    """The text blocks inside the main region, in page order, less those that are mostly link text."""
    out = []
    for el, text, _ in blocks:
        if el is not element and not any(a is element for a in el.iterancestors()):
            continue
        if el.tag != "div" and link_share(el) > _PROSE_MAX_LINK_SHARE:
            continue
        out.append(text)
    return out


def _words(paragraphs: list[str]) -> int:
    return sum(len(_TOKENS.findall(p)) for p in paragraphs)
