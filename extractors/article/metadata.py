"""Article metadata from a parsed page: title, authors, dates, language, canonical URL, outlet, page type.

`read_metadata` assembles it. Sources are tried from the most to the least deliberate: JSON-LD (`jsonld`),
then OpenGraph and other meta tags, then visible markup (<time>, bylines, datelines, <h1>), then the URL.
Titles are cleaned in `titles`, authors read in `authors`, dates in `page_dates`. Nothing here is keyed to a
site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from extractors.article.authors import byline_authors, jsonld_authors, meta_authors
from extractors.article.jsonld import (ARTICLE_TYPES, json_text, jsonld_objects, JsonLdIds, NON_ARTICLE_TYPES,
                                       pick_main, types_of)
from extractors.article.markup import meta, meta_all
from extractors.article.page_dates import page_dates
from extractors.article.titles import clean_title, is_site_name, title_decoration


@dataclass
class PageMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    modified: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    jsonld_type: str | None = None
    jsonld_body: str | None = None
    # Every schema.org type declared at the top of the page's JSON-LD (lower case), og:type, and the
    # publisher's isAccessibleForFree flag (None when absent): what parse.py needs to recognise non-articles.
    types: frozenset[str] = frozenset()
    og_type: str | None = None
    accessible_for_free: bool | None = None


def read_metadata(soup: BeautifulSoup, page_url: str | None = None) -> PageMetadata:
    objects = list(jsonld_objects(soup))
    ids = JsonLdIds(objects)
    jsonld = pick_main(objects, [page_url or "", *_canonical_candidates(soup, page_url)])
    publisher = ids.resolve(jsonld.get("publisher")) if jsonld else None
    outlet = (
        meta(soup, "og:site_name")
        or json_text(publisher)
        or next((json_text(o.get("name")) for o in objects if types_of(o) & {"website"} and json_text(o.get("name"))), None)
        or meta(soup, "application-name")
    )
    host = urlsplit(page_url or "").hostname
    h1_text = next((text for text in (h.get_text(" ", strip=True) for h in soup.find_all("h1", limit=5))
                    if text and not is_site_name(text, outlet, host)), None)
    title_tag = soup.find("title")
    og_title = meta(soup, "og:title", "twitter:title")
    if not outlet and isinstance(title_tag, Tag):
        outlet = title_decoration(title_tag.get_text(), [h1_text, og_title])
    raw_titles = [
        json_text(jsonld.get("headline")) or json_text(jsonld.get("name")) if jsonld else None,
        og_title,
        title_tag.get_text() if isinstance(title_tag, Tag) else None,
        h1_text,
    ]
    cleaned = [clean_title(raw, outlet, host=host, headline=h1_text if raw != h1_text else og_title)
               for raw in raw_titles if raw and raw.strip()]
    cleaned = [t for t in cleaned if t]
    # a "title" that is only the site's name (a blog's og:title on every post) is not the headline
    title = next((t for t in cleaned if not is_site_name(t, outlet, host)), cleaned[0] if cleaned else None)
    authors = (jsonld_authors(jsonld, ids, outlet) if jsonld else []) or meta_authors(soup, outlet) \
        or byline_authors(soup, outlet)
    published, modified = page_dates(soup, jsonld, page_url)
    body = jsonld.get("articleBody") if jsonld else None
    free = jsonld.get("isAccessibleForFree") if jsonld else None
    if isinstance(free, str):
        free = {"true": True, "false": False}.get(free.strip().lower())
    return PageMetadata(
        title=title,
        authors=list(dict.fromkeys(authors)),
        published=published,
        modified=modified,
        language=_language(soup, jsonld),
        canonical_url=_canonical(soup, page_url),
        outlet=outlet,
        jsonld_type=_main_type(jsonld),
        jsonld_body=body if isinstance(body, str) else None,
        types=frozenset(t for o in objects for t in types_of(o)),
        og_type=(meta(soup, "og:type") or "").lower() or None,
        accessible_for_free=free if isinstance(free, bool) else None,
    )


def _main_type(obj: dict[str, Any] | None) -> str | None:
    """The object's most telling type: an article or non-article type before generic ones (CreativeWork)."""
    if not obj:
        return None
    types = types_of(obj)
    known = sorted(types & (ARTICLE_TYPES | NON_ARTICLE_TYPES))
    return (known or sorted(types) or [None])[0]


def _language(soup: BeautifulSoup, jsonld: dict[str, Any] | None) -> str | None:
    html = soup.find("html")
    for value in (
        html.get("lang") if isinstance(html, Tag) else None,
        html.get("xml:lang") if isinstance(html, Tag) else None,
        meta(soup, "content-language"),
        json_text(jsonld.get("inLanguage")) if jsonld else None,
        meta(soup, "og:locale", "language", "dc.language", "dcterms.language"),
    ):
        if isinstance(value, str) and re.match(r"[a-zA-Z]{2}(?:$|[-_])", value.strip()):
            return value.strip()[:2].lower()
    return None


def _canonical_candidates(soup: BeautifulSoup, page_url: str | None) -> list[str]:
    return [urljoin(page_url or "", href.strip()) for href in _canonical_hrefs(soup)]


def _canonical_hrefs(soup: BeautifulSoup) -> list[str]:
    candidates = []
    for link in soup.find_all("link", href=True):
        rel = link.get("rel")
        rels = rel if isinstance(rel, list) else str(rel or "").split()
        if "canonical" in [r.lower() for r in rels]:
            candidates.append(link["href"])
    return candidates + meta_all(soup, "og:url")


def _canonical(soup: BeautifulSoup, page_url: str | None) -> str | None:
    candidates = _canonical_hrefs(soup)
    page_path = urlsplit(page_url or "").path
    for href in candidates:
        absolute = urljoin(page_url or "", href.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        if parts.path in ("", "/") and not parts.query and page_path not in ("", "/"):
            continue  # every page "canonical" to the home page: a template error, not this page's address
        return absolute
    return None
