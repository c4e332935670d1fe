"""HTML page -> Article: metadata, body text, and the decision whether the page is an article at all.

Index and tag pages, live blogs, video-only pages and paywall stubs are recognised here so that `ingest`
records them in `fetches` instead of storing them as articles; `import` and `extract` still get a record for
every page the user hands them.

A page is an article unless it gives evidence of being something else: a declared type (LiveBlogPosting,
VideoObject, CollectionPage ..., og:type video), timestamped live entries, a player, a "subscribe to continue
reading" notice, or a list of story teasers that makes up its extracted text. A short body alone never rejects
a page (wire briefs of twenty words are articles); it only confirms a player or a paywall notice. Measured in
bench/parse_metadata.py: none of the 181 real article pages of the article-extraction benchmark is rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from extractors.article.body.extract import extract_body
from extractors.article.charset import decode_html
from extractors.article.language import detect_language
from extractors.article.jsonld import ARTICLE_TYPES
from extractors.article.metadata import PageMetadata, read_metadata
from extractors.records import Article
from extractors.article.urls import canonical_url

# A page whose body has fewer words than this can still be an article (wire briefs run to 20 words), so a
# short body never decides alone; it only confirms what the page says about itself (a video, a paywall, a list).
SHORT_BODY_WORDS = 150
# A paragraph this long is article prose; teaser lists ("dek" lines under headlines) stay well below it.
PROSE_PARAGRAPH_WORDS = 40
_PAYWALL = re.compile(
    r"subscribe (?:now |today )?to (?:continue|keep) reading|subscribe to read|to (?:continue|keep) reading,? "
    r"(?:please )?(?:subscribe|sign in|log in)|subscribers only|(?:only )?(?:available )?(?:for|to) subscribers|"
    r"already a subscriber|this (?:article|story|content) is (?:only )?(?:for|available to) (?:paid )?"
    r"(?:subscribers|members)|become a (?:member|subscriber) to (?:read|continue)|"
    r"suscr[ií]bete (?:para|y) (?:seguir|continuar|leer)|contenido (?:exclusivo )?(?:para|de) suscriptores|"
    r"hazte suscriptor|ya eres suscriptor|inicia sesi[oó]n para (?:seguir|continuar) leyendo",
    re.I,
)
# An index or tag page lists at least this many stories, and its extracted "body" is mostly their summaries.
MIN_TEASERS = 6
_LIVE_ENTRY = re.compile(r"live-?(?:blog|update|post|entry|event)|liveblog|minute-?by-?minute|en-?vivo", re.I)
_INDEX_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage", "imagegallery", "mediagallery"}


@dataclass
class ParsedPage:
    article: Article
    is_article: bool
    # Why the page is not an article ("live blog", "video page", "paywall stub", "index page",
    # "no article text"), else None.
    reason: str | None
    canonical_url: str
    charset: str
    metadata: PageMetadata


def _paywall_notice(soup: BeautifulSoup) -> bool:
    """A "subscribe to continue reading" notice in the page content (site headers, menus and footers, which
    offer subscriptions on every page, do not count). isAccessibleForFree=false alone is not enough: publishers
    set it on paywalled articles whose full text is in the page."""
    parts = []
    for text in soup.find_all(string=_PAYWALL):
        skip = False
        for parent in text.parents:
            if not isinstance(parent, Tag):
                continue
            if parent.name in ("nav", "footer", "script", "style", "noscript"):
                skip = True
                break
            if parent.name == "header" and not parent.find_parent(["article", "main"]):
                skip = True
                break
        if not skip:
            parts.append(text)
    return bool(parts)


def _live_entries(soup: BeautifulSoup) -> int:
    """Timestamped entries of a live blog: elements marked live-update/liveblog-entry that carry a time."""
    count = 0
    for tag in soup.find_all(True, class_=_LIVE_ENTRY):
        if tag.find("time") or re.match(r"\s*\d{1,2}[:.]\d{2}", tag.get_text(" ", strip=True)[:12]):
            count += 1
    return count


def _teaser_text(soup: BeautifulSoup) -> tuple[int, str]:
    """(number of story teasers, their text): blocks outside navigation and footers whose heading is a link to
    another page, with the summary lines around it."""
    count = 0
    blocks: dict[int, str] = {}
    for heading in soup.find_all(["h2", "h3", "h4"]):
        link = heading.find("a", href=True)
        if link is None or heading.find_parent(["nav", "footer", "aside"]):
            continue
        if len(heading.get_text(" ", strip=True).split()) >= 3:
            count += 1
            block = heading.parent if isinstance(heading.parent, Tag) else heading
            if id(block) not in blocks:  # a block's text once, not once per heading in it
                blocks[id(block)] = "".join(block.get_text("", strip=False).split())
    return count, "\n".join(blocks.values())


def _share_in_teasers(paragraphs: list[str], teasers: str) -> float:
    """The share of the body's words that are teaser text (an index page's "body" is its list of summaries)."""
    total = sum(len(p.split()) for p in paragraphs)
    inside = sum(len(p.split()) for p in paragraphs if "".join(p.split()) in teasers)
    return inside / total if total else 1.0


def _has_player(soup: BeautifulSoup, meta: PageMetadata) -> bool:
    return bool(soup.find("video") or soup.find("iframe", src=re.compile(r"player|video|youtube|vimeo|embed", re.I))
                or "videoobject" in meta.types or (meta.og_type or "").startswith("video"))


def non_article_reason(soup: BeautifulSoup, meta: PageMetadata, body: str) -> str | None:
    """Why the page is not an article, or None. Every verdict needs the page's own evidence (its declared
    type, a player, a paywall notice, a list of teasers); a short body only confirms it, because real articles
    can be short."""
    paragraphs = [p for p in body.split("\n") if p.strip()]
    words = len(body.split())
    longest = max((len(p.split()) for p in paragraphs), default=0)
    types = meta.types
    og_type = meta.og_type or ""
    declared_article = bool(types & ARTICLE_TYPES) or og_type == "article"
    if "liveblogposting" in types:
        return "live blog"
    if not (types & ARTICLE_TYPES) and _live_entries(soup) >= 3:
        return "live blog"
    video_declared = (meta.jsonld_type == "videoobject" and not types & ARTICLE_TYPES) or og_type.startswith("video")
    if words < SHORT_BODY_WORDS and (video_declared or (not declared_article and _has_player(soup, meta)
                                                         and longest < PROSE_PARAGRAPH_WORDS)):
        return "video page"
    if words < SHORT_BODY_WORDS and _paywall_notice(soup):
        return "paywall stub"
    if not declared_article:
        if types & _INDEX_TYPES and longest < PROSE_PARAGRAPH_WORDS * 2:
            return "index page"
        count, teasers = _teaser_text(soup)
        if count >= MIN_TEASERS and _share_in_teasers(paragraphs, teasers) >= 0.6:
            return "index page"
    if words == 0:
        return "no article text"
    return None


class PageError(ValueError):
    """A page refused before parsing it fully (its markup is too large or too deeply nested); one-line message."""


# Limits on a page's markup. Parsing costs grow faster than linearly with nesting depth and with very long
# lists of siblings (bs4 walks to the root or through a whole subtree per element in places), so a hostile or
# broken page of a few megabytes could hold a run for hours. The 181 real article pages of the extraction
# benchmark have at most 1,600 elements, 51 levels of nesting and a nesting total of 24,000; at these limits the
# worst shapes measured parse in about 4 s (bench/fuzz.py --shapes).
MAX_ELEMENTS = 40_000
MAX_DEPTH = 400
MAX_NESTING_TOTAL = 2_000_000  # the sum of every element's depth: bounds the per-element walks to the root
# spaCy's default nlp.max_length: a longer text makes nlp.pipe raise, and so fail its whole NLP batch.
MAX_TEXT_CHARS = 1_000_000


def _check_markup_shape(html: str, soup: BeautifulSoup | None = None) -> None:
    """Raise PageError when the markup is over the limits; before parsing (a cheap tag count) or after."""
    if soup is None:
        # Upper bound on the element count from the raw text (scripts' "<" counted too, hence the margin):
        # a page of a million empty tags is refused before bs4 builds a million Python objects.
        opened = html.count("<") - html.count("</")
        if opened > 4 * MAX_ELEMENTS:
            raise PageError(f"page too large to parse: about {opened:,} tags (limit {MAX_ELEMENTS:,} elements)")
        return
    depth_of = {id(soup): 0}
    elements = deepest = total = 0
    for node in soup.descendants:
        if isinstance(node, Tag):
            depth = depth_of[id(node.parent)] + 1
            depth_of[id(node)] = depth
            elements += 1
            total += depth
            deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise PageError(f"markup nested {deepest:,} levels deep (limit {MAX_DEPTH})")
    if elements > MAX_ELEMENTS:
        raise PageError(f"page too large to parse: {elements:,} elements (limit {MAX_ELEMENTS:,})")
    if total > MAX_NESTING_TOTAL:
        raise PageError(f"markup too deeply nested: nesting total {total:,} (limit {MAX_NESTING_TOTAL:,})")


def _valid_url(href: str, base: str) -> bool:
    try:
        parts = urlsplit(urljoin(base, href.strip()))
        parts.port  # noqa: B018 - raises on a port out of range
    except ValueError:
        return False
    return True


def _drop_invalid_canonicals(soup: BeautifulSoup, url: str) -> None:
    """Remove canonical links and og:url values that are not URLs at all ("http://[x", a port of 99999): the
    page is read as if it had none, instead of failing on them."""
    for tag in soup.find_all("link", href=True):
        rel = tag.get("rel")
        rels = rel if isinstance(rel, list) else str(rel or "").split()
        if "canonical" in [r.lower() for r in rels] and not _valid_url(str(tag["href"]), url):
            tag.decompose()
    for tag in soup.find_all("meta", content=True):
        if str(tag.get("property") or tag.get("name") or "").lower() == "og:url" \
                and not _valid_url(str(tag["content"]), url):
            tag.decompose()


def parse_html(content: bytes | str, *, url: str, content_type: str | None = None) -> ParsedPage:
    """Parse one fetched (or local) page. Never raises on malformed markup: lxml repairs what it can.

    Raises PageError (one-line message) for a page over the size and nesting limits above.
    """
    if isinstance(content, bytes):
        html, charset = decode_html(content, content_type)
    else:
        html, charset = content, "utf-8"
    _check_markup_shape(html)
    soup = BeautifulSoup(html, "lxml")
    _check_markup_shape(html, soup)
    _drop_invalid_canonicals(soup, url)
    body = extract_body(html, url=url)
    meta = read_metadata(soup, url, html=html, body=body)
    language = detect_language(body or meta.title or "", hint=meta.language)
    canonical = canonical_url(meta.canonical_url or url)
    if len(body) > MAX_TEXT_CHARS:
        raise PageError(f"article text of {len(body):,} characters is over the {MAX_TEXT_CHARS:,} limit")
    reason = non_article_reason(soup, meta, body)
    if reason == "index page" and set(meta.date_candidates) == {"htmldate"}:
        # an index page declares no date of its own; htmldate, which cannot tell teasers apart, reads a listed
        # story's date
        meta.published = meta.published_source = None
    article = Article(
        url=canonical,
        text=body,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        published_source=meta.published_source,
        modified=meta.modified,
        language=language,
        outlet=meta.outlet or urlsplit(canonical).hostname,
    )
    return ParsedPage(article, reason is None, reason, canonical, charset, meta)
