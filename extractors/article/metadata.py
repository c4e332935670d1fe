"""Article metadata from a parsed page: title, authors, dates, language, canonical URL, outlet, page type.

`read_metadata` assembles it from every source the page gives — JSON-LD (`jsonld`), OpenGraph and other meta
tags, visible markup (<h1>, <time>, bylines, the date under the headline), the URL, the libraries' reading of
the page (`library_meta`: trafilatura, htmldate) and the article's own words (`datelines`) — and decides between
them by the page's evidence: the headline is the <h1> a metadata title confirms (`titles`), the date the day the
weighted sources agree on (`page_dates`), the authors those of the first source that names someone
(`authors`). The weights and orders were chosen on the tune split of web-metadata (bench/parse_metadata.py).
Nothing here is keyed to a site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from extractors.article.authors import author_sources, authored_object, pick_authors
from extractors.article.jsonld import (ARTICLE_TYPES, json_text, jsonld_objects, JsonLdIds, NON_ARTICLE_TYPES,
                                       pick_main, types_of)
from extractors.article.datelines import stated_publication_date
from extractors.article.library_meta import library_metadata, LibraryMetadata
from extractors.article.markup import meta, meta_all
from extractors.article.page_dates import page_dates
from extractors.article.titles import clean_title, is_site_name, pick_headline, title_decoration


@dataclass
class PageMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    modified: datetime | None = None
    # what gave `published`: "markup" (the page's metadata or visible dates), "url", "text" (the article's words)
    published_source: str | None = None
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
    # each source's publication date and authors: diagnostics for bench/parse_metadata.py --sources
    date_candidates: dict[str, datetime] = field(default_factory=dict)
    author_candidates: dict[str, list[str]] = field(default_factory=dict)


def read_metadata(soup: BeautifulSoup, page_url: str | None = None, *, html: str | None = None,
                  body: str | None = None) -> PageMetadata:
    """The page's metadata. With `html`, the libraries' reading of the page (trafilatura, htmldate) joins
    ours; with `body` (the extracted article text), so does the date the text states for itself."""
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
    h1_tags = [(h, " ".join(h.get_text(" ", strip=True).split())) for h in soup.find_all("h1", limit=5)]
    h1_tags = [(h, text) for h, text in h1_tags if text and not is_site_name(text, outlet, host)]
    h1_text = h1_tags[0][1] if h1_tags else None
    title_tag = soup.find("title")
    og_title = meta(soup, "og:title", "twitter:title")
    if not outlet and isinstance(title_tag, Tag):
        outlet = title_decoration(title_tag.get_text(), [h1_text, og_title])
    raw_titles = [
        json_text(jsonld.get("headline")) or json_text(jsonld.get("name")) if jsonld else None,
        og_title,
        meta(soup, "twitter:title"),
        title_tag.get_text() if isinstance(title_tag, Tag) else None,
    ]
    headline = pick_headline([text for _, text in h1_tags], [t for t in raw_titles if t])
    cleaned = [clean_title(raw, outlet, host=host, headline=h1_text if raw != h1_text else og_title)
               for raw in [*raw_titles, h1_text] if raw and raw.strip()]
    cleaned = [t for t in cleaned if t]
    # a "title" that is only the site's name (a blog's og:title on every post) is not the headline
    title = headline or next((t for t in cleaned if not is_site_name(t, outlet, host)), cleaned[0] if cleaned else None)
    library = library_metadata(html, page_url) if html is not None else LibraryMetadata()
    headline_tag = _headline_tag(soup, h1_tags, headline, title)
    canonical = _canonical(soup, page_url)
    # the site's address: the page's own, else its canonical one (a saved page is read from a file)
    site = host or urlsplit(canonical or "").hostname
    by_source = author_sources(soup, authored_object(jsonld, objects), ids, outlet, library.authors, site)
    authors = pick_authors(by_source)
    language = _language(soup, jsonld)
    stated = stated_publication_date(body, language) if body else None
    dates = page_dates(soup, jsonld, [page_url or "", canonical or ""], headline=headline_tag,
                       library=(library.published, library.timed), body_date=stated.date if stated else None)
    body_text = jsonld.get("articleBody") if jsonld else None
    free = jsonld.get("isAccessibleForFree") if jsonld else None
    if isinstance(free, str):
        free = {"true": True, "false": False}.get(free.strip().lower())
    return PageMetadata(
        title=title,
        authors=list(dict.fromkeys(authors)),
        published=dates.published,
        modified=dates.modified,
        published_source=dates.source,
        language=language,
        canonical_url=canonical,
        outlet=outlet,
        jsonld_type=_main_type(jsonld),
        jsonld_body=body_text if isinstance(body_text, str) else None,
        types=frozenset(t for o in objects for t in types_of(o)),
        og_type=(meta(soup, "og:type") or "").lower() or None,
        accessible_for_free=free if isinstance(free, bool) else None,
        date_candidates=dates.candidates,
        author_candidates=by_source,
    )


def _headline_tag(soup: BeautifulSoup, h1_tags: list[tuple[Tag, str]], headline: str | None,
                  title: str | None) -> Tag | None:
    """The element that shows the headline: the chosen <h1>, else the element whose text is the title, else
    the first <h1>. Pages print their date just after it."""
    for tag, text in h1_tags:
        if headline and text == headline:
            return tag
    if title:
        wanted = " ".join(title.split()).casefold()
        same = (soup.body or soup).find(string=lambda s: len(s) < 2 * len(wanted) + 20
                                        and " ".join(s.split()).casefold() == wanted)
        if same is not None and isinstance(same.parent, Tag) and same.parent.name not in ("title", "script"):
            return same.parent
    return h1_tags[0][0] if h1_tags else None


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
