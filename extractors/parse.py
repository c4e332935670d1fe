"""HTML page -> Article: metadata, body text, and the decision whether the page is an article at all.

Index and tag pages, live blogs, video-only pages and paywall stubs are recognised here so that `ingest`
records them in `fetches` instead of storing them as articles; `import` and `extract` still get a record for
every page the user hands them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from extractors.body import extract_body
from extractors.charset import decode_html
from extractors.language import detect_language
from extractors.metadata import NON_ARTICLE_TYPES, PageMetadata, read_metadata
from extractors.records import Article
from extractors.urls import canonical_url

MIN_ARTICLE_WORDS = 60
_PAYWALL = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|subscribers only|for subscribers|already a subscriber|"
    r"suscr[ií]bete para (?:seguir|continuar)|contenido exclusivo para suscriptores",
    re.I,
)


@dataclass
class ParsedPage:
    article: Article
    is_article: bool
    # Why the page is not an article ("live blog", "paywall stub", "index page", "too short"), else None.
    reason: str | None
    canonical_url: str
    charset: str
    metadata: PageMetadata


def non_article_reason(soup: BeautifulSoup, meta: PageMetadata, body: str) -> str | None:
    jsonld_type = (meta.jsonld_type or "").lower()
    if jsonld_type in NON_ARTICLE_TYPES:
        return {"liveblogposting": "live blog", "videoobject": "video page"}.get(jsonld_type, "index page")
    words = len(body.split())
    page_text = soup.get_text(" ", strip=True)
    if words < 150 and _PAYWALL.search(page_text):
        return "paywall stub"
    if words < MIN_ARTICLE_WORDS:
        if soup.find("video") or soup.find("iframe", src=re.compile(r"player|video|youtube|vimeo", re.I)):
            return "video page"
        return "index page" if len(soup.find_all("a")) > 30 else "too short"
    return None


def parse_html(content: bytes | str, *, url: str, content_type: str | None = None) -> ParsedPage:
    """Parse one fetched (or local) page. Never raises on malformed markup: lxml repairs what it can."""
    if isinstance(content, bytes):
        html, charset = decode_html(content, content_type)
    else:
        html, charset = content, "utf-8"
    soup = BeautifulSoup(html, "lxml")
    meta = read_metadata(soup, url)
    body = extract_body(html, url=url)
    language = detect_language(body, hint=meta.language)
    canonical = canonical_url(meta.canonical_url or url)
    reason = non_article_reason(soup, meta, body)
    article = Article(
        url=canonical,
        text=body,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        modified=meta.modified,
        language=language,
        outlet=meta.outlet or urlsplit(canonical).hostname,
    )
    return ParsedPage(article, reason is None, reason, canonical, charset, meta)
