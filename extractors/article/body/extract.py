"""Article body extraction: the main text of a news page, paragraphs separated by a blank line.

How it works, and why:

1. The page is parsed once and repaired (``dom``): embedded posts become plain quotes, hover cards, class
   names inside sentences and scripts go.
2. trafilatura finds the article region in the markup. It is run in precision mode with comments off: on the
   benchmark's tuning pages that beats its defaults (which keep reader comments and more boilerplate) by more than
   a point of F1, while recall barely moves.
3. Articles that the template splits into several containers are completed from the sibling containers
   (``blocks.add_sibling_chunks``): trafilatura keeps only the best one. Likewise a <br>-separated text
   container of which trafilatura kept several runs gets back the runs it lost (``add_container_runs``).
4. The paragraphs are cleaned of the furniture publishers put at the edges of an article (``filters``).
5. A second opinion (``check``): the page's main prose region is found independently of trafilatura; when
   the body misses more of it than the body holds, trafilatura's lenient modes are asked again and their body is
   taken if the region (or a several times longer result) sides with it. This catches the rare page where the
   precision mode settles on a caption, a standfirst or the wrong box, which the other steps cannot notice.
6. If the page declares an ``articleBody`` in JSON-LD (``jsonld``), it is compared with the markup. A
   declared body that holds (almost) all of the text found in the markup is *complete*; it then decides which of
   the page's text blocks are article, which both drops boilerplate the markup extraction kept and adds article
   paragraphs it missed, while the markup still provides the paragraph breaks. A declared body that misses much
   of the markup text is a teaser and is ignored. One that does not contain the markup text but is several times
   longer and shown in full on the page means the extraction is truncated or misplaced: its blocks are taken.

Nothing here is keyed to a site, host or URL; ``url`` is only passed on to trafilatura (which uses it to resolve
links), so in practice the result does not depend on it.
"""
from __future__ import annotations

import logging

from lxml.html import HtmlElement

from extractors.article.body.blocks import add_container_runs, add_sibling_chunks, link_texts, page_blocks, share_in, shingles
from extractors.article.body.check import is_suspect, main_region, prefer_second, region_paragraphs
from extractors.article.body.dom import norm, parse_html, prepare_tree
from extractors.article.body.filters import clean_paragraphs, page_titles
from extractors.article.body.jsonld import jsonld_bodies

__all__ = ["extract_body"]

# A declared body is complete when it holds at least this share of the markup extraction's 4-word shingles.
# Teasers hold a small share (the first paragraph or two); complete bodies differ from the markup only by
# captions, embeds and the odd edit, which stays well under 10 %.
_COMPLETE_SHARE = 0.9
# A page block belongs to the declared body when this share of its shingles occur in it.
_BLOCK_IN_BODY = 0.6
# A declared body that does not contain the markup extraction replaces it only when this many times longer.
_MUCH_LONGER = 3

# trafilatura logs every page it finds too short at WARNING/ERROR: that is a result, not an error, for us.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def extract_body(html: str, *, url: str | None = None) -> str:
    """Main article text of one page: paragraphs separated by a blank line ("\\n\\n"), boilerplate removed.

    Returns "" for an empty page, a page that is not HTML, or a page with no article text; never raises on bad
    input. Deterministic: the same input always gives the same output.
    """
    if not isinstance(html, str):
        return ""
    tree = parse_html(html)
    if tree is None:
        return ""
    declared = jsonld_bodies(tree)
    titles = page_titles(tree)
    prepare_tree(tree)
    blocks = page_blocks(tree)
    links = link_texts(tree)
    paragraphs, used = _markup_paragraphs(tree, url, _MODES)
    paragraphs = add_container_runs(add_sibling_chunks(paragraphs, tree, blocks), tree, blocks)
    paragraphs = clean_paragraphs(paragraphs, titles, links)
    element, region, region_words = main_region(blocks)
    if is_suspect(paragraphs, region, region_words):
        later = _MODES[_MODES.index(used) + 1:] if used is not None else ()
        paragraphs = _second_opinion(paragraphs, later, tree, url, blocks, element, region, titles, links)
    for body in declared:
        chosen = _use_declared_body(body, paragraphs, blocks, titles, links)
        if chosen is not None:
            paragraphs = chosen
            break
    return "\n\n".join(paragraphs)


# trafilatura's modes, strictest first. Precision mode with comments off beats the defaults on the tuning pages
# (which keep reader comments and more boilerplate); the others are the fallbacks and the second opinion.
_MODES = ({"favor_precision": True}, {}, {"favor_recall": True})


def _second_opinion(paragraphs: list[str], modes: tuple, tree: HtmlElement, url: str | None, blocks: list,
                    element: HtmlElement | None, region, titles: set[str], links: set[str]) -> list[str]:
    """A better body for a page where the body misses most of the main prose region (``check``).

    trafilatura's more lenient ``modes`` are asked in turn; the first extraction that the region sides with
    replaces the body (``check.prefer_second``). If the body is still empty then, the region's own
    text blocks are the body: the page plainly has an article, and nothing is a worse answer than its text.
    """
    for mode in modes:
        alt, _ = _markup_paragraphs(tree, url, (mode,))
        alt = clean_paragraphs(add_sibling_chunks(alt, tree, blocks), titles, links)
        if prefer_second(paragraphs, alt, region):
            return alt
    if not paragraphs and element is not None:
        return clean_paragraphs(region_paragraphs(blocks, element), titles, links)
    return paragraphs


def _markup_paragraphs(tree: HtmlElement, url: str | None, modes: tuple) -> tuple[list[str], dict | None]:
    """The article's paragraphs as trafilatura finds them in the markup (one per output line), and the mode that
    found them: the first of ``modes`` that finds any text (an empty body is never better than the text a more
    lenient mode finds); ``([], None)`` when none does."""
    import trafilatura

    for mode in modes:
        try:
            text = trafilatura.extract(tree, url=url, include_comments=False, output_format="txt", **mode)
        except Exception:  # trafilatura is robust, but a broken page must not break the pipeline
            text = None
        if text and text.strip():
            return _lines(text), mode
    return [], None


def _lines(text: str) -> list[str]:
    lines = []
    for line in text.split("\n"):
        # list items come out as "- item": the dash is trafilatura's rendering, not the page's text
        if line.startswith("- "):
            line = line[2:]
        line = norm(line)
        if line:
            lines.append(line)
    return lines


def _use_declared_body(body: str, paragraphs: list[str], blocks: list, titles: set[str],
                       links: set[str]) -> list[str] | None:
    """Paragraphs to output when ``body`` (a declared articleBody) is complete; ``None`` when it is not.

    Complete means it holds nearly all of the text the markup extraction found (a teaser or a truncated body
    fails this). Then the page's own text blocks that the declared body contains are the article, in page order:
    that keeps the markup's paragraph breaks, drops what the extraction kept but the publisher did not declare,
    and recovers paragraphs it missed. If the markup does not hold most of the declared text (text served only to
    search engines, or a body the markup renders very differently), the declared body itself is returned.

    A declared body that does not contain the markup extraction is still taken when it is several times longer
    and the page shows all of it: then it is the extraction that is truncated or in the wrong place.
    """
    declared = shingles(body)
    markup = shingles(" ".join(paragraphs))
    if not declared:
        return None
    if not markup:  # the markup gave nothing (text rendered by scripts): the declared body is all there is
        return clean_paragraphs(body.split("\n\n"), titles, links)
    contains = share_in(markup, declared) >= _COMPLETE_SHARE
    if not contains and sum(declared.values()) < _MUCH_LONGER * sum(markup.values()):
        return None  # teaser or truncated: the markup holds article text that the declared body lacks
    # Each declared shingle can vouch for one block only: a paragraph the page prints twice (a pull quote, a
    # video caption repeating a sentence) is taken once, as the declared body has it once.
    remaining = declared.copy()
    chosen = []
    for _, text, sh in blocks:
        if sh and share_in(sh, remaining) >= _BLOCK_IN_BODY:
            chosen.append(text)
            remaining -= sh
    found = shingles(" ".join(chosen))
    if share_in(declared, found) < _COMPLETE_SHARE:
        if not contains or sum(declared.values()) < sum(markup.values()):
            return None  # not found on the page as blocks, and not clearly better than the markup: do not trust it
        return clean_paragraphs(body.split("\n\n"), titles, links)
    return clean_paragraphs(chosen, titles, links)
