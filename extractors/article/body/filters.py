"""Paragraph-level clean-up of an extracted article body.

Main-content extractors find the right region of a page but often keep the furniture that publishers put at its
edges: the headline repeated above the first paragraph, a "reading time" label, and below the last paragraph the
staff credits, "follow us" and newsletter prompts, share buttons, tag lists and comment counters. Readers (and
the benchmark's annotators) do not count these as the article, so they are removed here.

Every rule is about the *wording* of a short paragraph, in the way such furniture is written on any site, or about
its being nothing but a link on the page (a teaser for another article); none is keyed to a particular publisher.
Long paragraphs are never touched: a rule that matched one would be matching prose. Most rules apply only at the
head or the tail of the body, where the furniture sits, and stop at the first paragraph that is not furniture; a
few things that are never prose ("Advertisement", "Related: ...", leaked CMS shortcodes) go wherever they stand.
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from extractors.article.body.dom import norm

_TOKENS = re.compile(r"\w+")

# Furniture that can stand anywhere in the body.  Paragraph-start anchored, case-insensitive.
_ANYWHERE = re.compile(
    r"^(?:advertisement|advertising|sponsored|story continues below|article continues below"
    r"|continue reading(?: below)?|scroll to continue"
    r"|(?:related|read more|read also|also read|see also|more on this|recommended|watch|listen)\s*:)",
    re.I,
)

# Furniture that sits above the first paragraph.
_HEAD = re.compile(
    r"^(?:\d+\s*(?:min|minute)s?\s+read|reading time|tempo de leitura|tiempo de lectura|temps de lecture"
    r"|(?:updated|published|posted)\s*(?:on|at)?\s*:?\s*\w+\.? \d|by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}$)",
    re.I,
)

# Furniture that sits below the last paragraph (trailing block, removed from the end upwards).
_TAIL = re.compile(
    r"^(?:\(?(?:additional )?(?:reporting|writing|editing|compiled|research) by\b"
    r"|.{0,200}\bcontributed (?:to this )?report"
    r"|(?:associated press|ap|reuters|afp) (?:writers?|reporters?|correspondents?)\b"
    r"|edited by\b|source\s*:|sources\s*:|photo(?:s|graph)?\s*(?:credit)?\s*:|image\s*(?:credit)?\s*:"
    r"|(?:\(?c\)|©|copyright)\s"
    r"|follow (?:us|him|her|them|me|the\b)|reach (?:the )?(?:reporter|writer|author)s?\b"
    r"|(?:contact|email|e-mail) (?:the )?(?:reporter|writer|author|us)\b|have a (?:news )?tip\b"
    r"|like this (?:story|article)|share (?:this|on)\b|click (?:here )?to share"
    r"|(?:sign up|subscribe)\b|get (?:the|our) .{0,60}(?:newsletter|inbox|delivered)"
    r"|(?:you|we think you) (?:may|might) (?:also )?like|more from\b|more stories\b|recommended\b|related\b"
    r"|(?:trending|popular|most read|read next|up next)\b.{0,30}$"
    r"|filed under|tags?\s*:|topics?\s*:|categor(?:y|ies)\s*:"
    r"|\d*\s*comments?\b|leave a (?:comment|reply)|tell us what you think|join the conversation"
    r"|(?:https?://)?(?:www\.)?(?:twitter|facebook|instagram)\.com/\S+$|@\w+$"
    r"|listen to\b)",
    re.I,
)

# Newsletter and subscription prompts, wherever the phrase stands in the paragraph (at the edges only).
_PROMO = re.compile(
    r"\b(?:sign up|signup|subscribe|newsletters?|delivered (?:to|through|straight to) your (?:inbox|letterbox|door))\b",
    re.I,
)
# An author or publication asking to be followed: a tail paragraph holding this is a bio or a promo.
_FOLLOW = re.compile(r"\bfollow (?:us|him|her|them|me)\b.{0,40}\b(?:twitter|facebook|instagram|linkedin)\b", re.I)
# A content-management shortcode leaked into the text ("[button link=...]...[/button]").
_SHORTCODE = re.compile(r"^\[[a-z_]+\s+[a-z_]+\s*=|\[/[a-z_]+\]$", re.I)
# Sentence-final punctuation (possibly followed by closing quotes or brackets), or a truncation mark.
_SENTENCE_END = re.compile(r"(?:[.!?…。！？]|\.\.\.)['\"’”»)\]]*$")
# A bracketed tag after a teaser headline ("[VIDEO]", "[INSIGHT]|"), possibly followed by a separator.
_TEASER_TAG = re.compile(r"\s*\[[^\[\]]{1,20}\]\W*$")
# The label before a labelled cross-link has at most this many words.
_LINK_LABEL_MAX_WORDS = 3
# A box heading has at most this many words.
_LABEL_MAX_WORDS = 5
# A paragraph longer than this is prose, whatever its first words are.
_MAX_FURNITURE_CHARS = 220
# How many paragraphs at each edge are examined.
_EDGE = 6


def page_titles(tree: HtmlElement | None) -> set[str]:
    """Token strings of the page's headline as the page declares it (meta tags, <title> and its parts, <h1>)."""
    if tree is None:
        return set()
    found: list[str] = []
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:title", "twitter:title", "title", "headline", "sailthru.title"):
            found.append(meta.get("content") or "")
    title = tree.find(".//title")
    if title is not None:
        whole = norm(title.text_content())
        found.append(whole)
        # "Headline | Site" / "Headline - Site": the headline is one of the parts
        found.extend(re.split(r"\s+[|\-–—:·]\s+", whole))
    for h1 in tree.iter("h1"):
        found.append(norm(h1.text_content()))
    # A description that does not end like a sentence is a subheadline (a "dek"), printed under the headline
    # and, like it, not part of the article text. (One that ends like a sentence is often the lead paragraph.)
    found.extend(d for d in page_descriptions(tree) if not _SENTENCE_END.search(d))
    return {t for t in (token_key(x) for x in found) if len(t.split()) >= 2}


def page_descriptions(tree: HtmlElement | None) -> list[str]:
    """The page's summary as its meta tags declare it (description, og:description, twitter:description)."""
    if tree is None:
        return []
    out: list[str] = []
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("description", "og:description", "twitter:description"):
            text = norm(meta.get("content"))
            if text and text not in out:
                out.append(text)
    return out


def token_key(text: str) -> str:
    """Words only, lower-cased: what two renderings of the same line have in common."""
    return " ".join(_TOKENS.findall(text.lower()))


def clean_paragraphs(paragraphs: list[str], titles: set[str], links: set[str] = frozenset()) -> list[str]:
    """Drop headline repeats and furniture at the edges, and never-prose furniture anywhere.

    ``titles`` are the headline keys from ``page_titles``; ``links`` are the keys (``token_key``) of the page's
    link texts, so that a paragraph which on the page is nothing but a link (a teaser for another article) can be
    recognised after extraction has turned it into plain text.
    """
    paras = [p for p in (norm(x) for x in paragraphs) if p]

    def is_link(p: str) -> bool:
        # a teaser headline may carry a bracketed tag after its link ("... [VIDEO]", "[PICTURES]|")
        return token_key(p) in links or token_key(_TEASER_TAG.sub("", p)) in links

    # Anywhere: never-prose phrases and CMS shortcodes. (Dropping every link-only line was tried too: it also
    # removes link lists that belong to the article, such as sources or product links, and lost more than it won.)
    paras = [p for p in paras
             if not (_short(p) and (_ANYWHERE.match(p) or _SHORTCODE.match(p)))]
    paras = _drop_teaser_boxes(paras, is_link)
    # A labelled cross-link ("SEE MORE: <headline of another story>") anywhere: a label of a few words in
    # capitals, a colon, and a link that is the whole rest of the paragraph.
    paras = [p for p in paras if not (_short(p) and _is_labelled_link(p, is_link))]

    # Head: the headline (as declared by the page), labels and links above the first paragraph.
    head = 0
    # What comes before the headline is not the article: extractors that start above it picked up the end of
    # a box of teasers or a feature strip printed above the story. (Only when the text after the headline is
    # the bulk of the body: a headline repeated further down, in a caption or a share box, cuts nothing.)
    for i in range(min(_EDGE, len(paras)) - 1, 0, -1):
        if token_key(paras[i]) in titles:
            if _n_words(paras[:i]) < _n_words(paras[i + 1:]):
                head = i + 1
            break
    while head < min(_EDGE, len(paras)):
        p = paras[head]
        if token_key(p) in titles or (_short(p) and (_HEAD.match(p) or _PROMO.search(p) or is_link(p))):
            head += 1
        else:
            break
    paras = paras[head:]

    # Tail: strip furniture from the end upwards; stop at the first paragraph that is prose.
    end = len(paras)
    while end > 0 and len(paras) - end < _EDGE:
        p = paras[end - 1]
        if _short(p) and (_TAIL.match(p) or _PROMO.search(p) or _FOLLOW.search(p) or is_link(p)):
            end -= 1
        else:
            break
    return paras[:end]


def _drop_teaser_boxes(paras: list[str], is_link) -> list[str]:
    """Drop a box of teasers inside the body: a short label ("Don't miss", "More on this") followed by two or
    more paragraphs that are each nothing but a link. A link list that belongs to the article is introduced by a
    sentence, not a label, and is kept."""
    out: list[str] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        if _is_label(p):
            j = i + 1
            while j < len(paras) and _short(paras[j]) and is_link(paras[j]):
                j += 1
            if j - i - 1 >= 2:
                i = j
                continue
        out.append(p)
        i += 1
    return out


def _is_labelled_link(p: str, is_link) -> bool:
    label, colon, rest = p.partition(":")
    # The label must be in capitals, as cross-link labels are set ("SEE MORE:", "WATCH NOW:"): a label in
    # running case ("Pro tip: <link>") is as often the author's own aside.
    return (bool(colon) and label.isupper() and 1 <= len(_TOKENS.findall(label)) <= _LINK_LABEL_MAX_WORDS
            and len(_TOKENS.findall(rest)) >= 3 and is_link(rest))


def _is_label(p: str) -> bool:
    """A box heading: a few words that do not end like a sentence. (A line ending with a colon introduces what
    follows, as an article introduces its own list of links, and is not taken for one.)"""
    return len(_TOKENS.findall(p)) <= _LABEL_MAX_WORDS and not _SENTENCE_END.search(p) and not p.endswith(":")


def _n_words(paras: list[str]) -> int:
    return sum(len(_TOKENS.findall(p)) for p in paras)


def _short(p: str) -> bool:
    return len(p) <= _MAX_FURNITURE_CHARS
