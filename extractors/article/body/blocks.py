"""The page's text blocks, and how extracted text is matched back to them.

An extractor's output is plain text; to reason about *where* on the page it came from (to add an article
paragraph it missed, or to pick the blocks a declared articleBody vouches for) each output paragraph is matched to
the page's leaf text blocks by shared 4-word shingles. Shingles rather than string equality because the two sides
render whitespace, entities and inline markup slightly differently.
"""
from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from extractors.article.body.dom import norm

_TOKENS = re.compile(r"\w+")
# Paragraph-like elements. A container counts only for its own text when a block is nested inside it.
BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "figcaption", "div")
# Elements that flow inside a line of text; anything else (section, article, ul, table, ...) breaks the line.
_INLINE_TAGS = {"a", "span", "em", "strong", "b", "i", "u", "small", "sup", "sub", "font", "abbr", "cite", "code",
                "q", "time", "mark", "s", "del", "ins", "label", "img", "wbr"}
# A block is taken to be the source of an output paragraph when this share of its shingles occur in the output.
MATCH_SHARE = 0.6
# Sibling-chunk recovery: the shortest paragraph worth adding, and the most of it that may be link text.
_MIN_ADDED_CHARS = 40
_MAX_ADDED_LINK_SHARE = 0.3
_MIN_ADDED_PARAGRAPHS = 2
# Sentence-final punctuation, possibly followed by closing quotes or brackets.
PROSE_END = re.compile(r"[.!?…。！？]['\"’”»)\]]*$")
# How far above the extracted region (the lowest common ancestor of its paragraphs) sibling chunks may sit.
_CHUNK_LEVELS = 2


def shingles(text: str) -> Counter:
    """4-word shingles (as a multiset): the unit in which two renderings of the same text are compared."""
    toks = _TOKENS.findall(text.lower())
    if len(toks) < 4:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def words(text: str) -> str:
    """The words of ``text``, lower-cased, joined by single spaces."""
    return " ".join(_TOKENS.findall(text.lower()))


def share_in(part: Counter, whole: Counter) -> float:
    """Share of ``part``'s shingles that also occur in ``whole``."""
    total = sum(part.values())
    return sum((part & whole).values()) / total if total else 0.0


def page_blocks(tree: HtmlElement) -> list[tuple[HtmlElement, str, Counter]]:
    """The page's leaf text blocks in document order: (element, text, shingles).

    A block is a paragraph-like element whose text is not already covered by a block nested inside it; a
    container (and any ``div``) counts only for its own text runs, because many sites write paragraphs as bare
    text in divs separated by <br>s.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    out: list[tuple[HtmlElement, str, Counter]] = []
    for el in root.iter(*BLOCK_TAGS):
        if el.tag == "div" or any(True for _ in el.iterdescendants(*BLOCK_TAGS)):
            for run in _own_text_runs(el):
                out.append((el, run, shingles(run)))
            continue
        text = norm(el.text_content())
        if text:
            out.append((el, text, shingles(text)))
    return out


def link_texts(tree: HtmlElement) -> set[str]:
    """Word keys (see ``filters.token_key``) of every link text on the page and of every text block that
    is (nearly) all link: what a paragraph made only of a link looks like once extracted."""
    keys = set()
    for a in tree.iter("a"):
        key = words(a.text_content())
        if key:
            keys.add(key)
    for el in tree.iter("p", "li", "h2", "h3", "h4", "h5", "h6", "div"):
        if el.tag == "div" and el.find("a") is None:
            continue
        text = el.text_content()
        if len(text) < 300 and link_share(el) >= 0.9:
            key = words(text)
            if key:
                keys.add(key)
    return keys


def _own_text_runs(el: HtmlElement) -> list[str]:
    """Text of ``el`` outside its block children, split into runs at <br> and at block children."""
    runs, current = [], [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):  # comments, processing instructions
            current.append(child.tail or "")
            continue
        inline = child.tag in _INLINE_TAGS and not any(True for _ in child.iterdescendants(*BLOCK_TAGS))
        if inline:
            current.append(child.text_content() + (child.tail or ""))
        else:  # <br>, a block, or a container of blocks: a line break (the blocks are visited on their own)
            runs.append(norm("".join(current)))
            current = [child.tail or ""]
    runs.append(norm("".join(current)))
    return [r for r in runs if r]


def _locate_output(paragraphs: list[str], blocks: list[tuple[HtmlElement, str, Counter]]
                   ) -> tuple[list[Counter], Counter, list[bool]]:
    """The output's shingles (per paragraph, and all together) and, per page block, whether the output holds it.

    The output is also read as one run of words: a block whose words occur in it in one piece was extracted,
    even when the extractor split it (at <br>s) or merged it with its neighbours, which breaks shingles at the
    seams - and text without spaces between words (Chinese, Japanese) has too few words per line for shingles.
    """
    out_sh = [shingles(p) for p in paragraphs]
    all_out: Counter = Counter()
    for sh in out_sh:
        all_out.update(sh)
    out_words = " " + " ".join(words(p) for p in paragraphs) + " "
    extracted = [bool(sh) and (f" {words(text)} " in out_words or share_in(sh, all_out) >= MATCH_SHARE)
                 for _, text, sh in blocks]
    return out_sh, all_out, extracted


def add_sibling_chunks(paragraphs: list[str], tree: HtmlElement,
                       blocks: list[tuple[HtmlElement, str, Counter]] | None = None) -> list[str]:
    """Add article paragraphs that the extraction missed because the article is split into several containers.

    Many templates cut a long article into chunks (to put ads or "read more" boxes between them), each chunk a
    copy of the same container holding the same kind of paragraph element. Extractors that pick the single best
    container keep only one chunk. Here the extracted paragraphs are located on the page; the dominant *kind* of
    paragraph (tag and class of the paragraph, its parent and its grandparent) defines the template; and
    unextracted paragraphs of exactly that kind, close to the extracted region in the tree, prose-like (long
    enough, few links), are added at their place in page order. ``blocks`` is ``page_blocks(tree)`` when the
    caller has it already.
    """
    if not paragraphs:
        return paragraphs
    if blocks is None:
        blocks = page_blocks(tree)
    out_sh, all_out, extracted = _locate_output(paragraphs, blocks)
    # The dominant kind of paragraph among the extracted blocks that are <p>s.
    kinds = Counter(_kind(el) for (el, _, _), hit in zip(blocks, extracted) if hit and el.tag == "p")
    if not kinds:
        return paragraphs
    kind, count = kinds.most_common(1)[0]
    if count < 2:
        return paragraphs
    region_els = [el for (el, _, _), hit in zip(blocks, extracted) if hit and el.tag == "p" and _kind(el) == kind]
    scope = _common_ancestor(region_els)
    # Climb a little, but never out of an <article> element: beyond it lie other articles (a blog's front page
    # prints several posts with the very same template), not chunks of this one.
    for _ in range(_CHUNK_LEVELS):
        if scope is None or scope.tag == "article":
            break
        parent = scope.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
    if scope is None:
        return paragraphs

    added: list[tuple[int, str]] = []
    for i, ((el, text, sh), hit) in enumerate(zip(blocks, extracted)):
        if hit or el.tag != "p" or _kind(el) != kind or len(text) < _MIN_ADDED_CHARS:
            continue
        if not _is_descendant(el, scope) or link_share(el) > _MAX_ADDED_LINK_SHARE:
            continue
        if _nearest_article(el) is not _nearest_article(region_els[0]):
            continue  # inside another <article> nested in the scope: a teaser or another post
        if not PROSE_END.search(text):  # listings, link lists and labels do not end like a sentence
            continue
        added.append((i, text))
    # One stray paragraph of the template's kind is as likely an author note or a teaser as a lost chunk; a
    # chunk the extractor dropped holds several paragraphs.
    if len(added) < _MIN_ADDED_PARAGRAPHS:
        return paragraphs

    return _merge_by_position(paragraphs, out_sh, blocks, added)


def add_container_runs(paragraphs: list[str], tree: HtmlElement,
                       blocks: list[tuple[HtmlElement, str, Counter]] | None = None) -> list[str]:
    """Add the missed text runs of a container whose other runs were extracted.

    Many templates write the article as bare text in one container, paragraphs separated by <br>s. Extractors
    then sometimes lose one run - typically the first, before the first <br>, when it holds inline markup or sits
    next to an image - while keeping the rest. A container of which two or more runs were extracted is the
    article; its other runs that read as prose (long enough, ending like a sentence) are added at their place in
    page order.
    """
    if not paragraphs:
        return paragraphs
    if blocks is None:
        blocks = page_blocks(tree)
    _, all_out, extracted = _locate_output(paragraphs, blocks)
    runs = Counter(id(el) for (el, _, _), hit in zip(blocks, extracted) if hit and el.tag == "div")
    out = list(paragraphs)
    for i, ((el, text, sh), hit) in enumerate(zip(blocks, extracted)):
        if hit or el.tag != "div" or runs[id(el)] < 2 or len(text) < _MIN_ADDED_CHARS:
            continue
        if share_in(sh, all_out) >= MATCH_SHARE or not PROSE_END.search(text):
            continue
        # Place it next to the output paragraph made from the nearest extracted run of the same container.
        siblings = [j for j, (other, _, _) in enumerate(blocks) if other is el and extracted[j]]
        after = [j for j in siblings if j > i]
        anchor = after[0] if after else siblings[-1]
        target = _source_paragraph(out, blocks[anchor][1], blocks[anchor][2])
        if target is None:
            continue
        out.insert(target if after else target + 1, text)
    return out


def _source_paragraph(paragraphs: list[str], text: str, sh: Counter) -> int | None:
    """Index of the output paragraph that holds the block (``text``, ``sh``), if any."""
    key = f" {words(text)} "
    for k, para in enumerate(paragraphs):
        if key in f" {words(para)} " or share_in(sh, shingles(para)) >= MATCH_SHARE:
            return k
    return None


def _merge_by_position(paragraphs: list[str], out_sh: list[Counter], blocks: list, added: list[tuple[int, str]]
                       ) -> list[str]:
    """``paragraphs`` with the ``added`` blocks (block index, text) merged in by page position."""
    # Place each output paragraph at the page position of the first block it came from; a paragraph with no
    # source block (rare) stays right after its predecessor. Then merge in the added ones by page position.
    where: dict[tuple, list[int]] = {}  # shingle -> blocks holding it, to avoid comparing with every block
    for i, (_, _, bsh) in enumerate(blocks):
        for shingle in bsh:
            where.setdefault(shingle, []).append(i)
    positioned: list[tuple[float, int, str]] = []
    last = -1.0
    for j, (para, sh) in enumerate(zip(paragraphs, out_sh)):
        candidates = sorted({i for shingle in sh for i in where.get(shingle, ())})
        pos = next((i for i in candidates if share_in(blocks[i][2], sh) >= MATCH_SHARE), None)
        last = float(pos) if pos is not None and pos > last else last + 1e-3
        positioned.append((last, j, para))
    positioned.extend((float(i), -1, text) for i, text in added)
    positioned.sort(key=lambda item: (item[0], item[1]))
    return [text for _, _, text in positioned]


def _kind(el: HtmlElement) -> tuple:
    """What a template's paragraph looks like: tag and class of the element, its parent and grandparent."""
    parts = []
    node = el
    for _ in range(3):
        if node is None:
            parts.append(None)
            continue
        parts.append((node.tag, node.get("class", "")))
        node = node.getparent()
    return tuple(parts)


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    if not elements:
        return None
    path = list(reversed([elements[0], *elements[0].iterancestors()]))
    for el in elements[1:]:
        ancestors = {id(a) for a in (el, *el.iterancestors())}
        while path and id(path[-1]) not in ancestors:
            path.pop()
    return path[-1] if path else None


def _nearest_article(el: HtmlElement) -> HtmlElement | None:
    return next(el.iterancestors("article"), None)


def _is_descendant(el: HtmlElement, ancestor: HtmlElement) -> bool:
    return any(a is ancestor for a in el.iterancestors())


def link_share(el: HtmlElement) -> float:
    text = len(norm(el.text_content()))
    links = sum(len(norm(a.text_content())) for a in el.iter("a"))
    return links / text if text else 1.0
