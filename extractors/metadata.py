"""Article metadata from a parsed page: title, authors, dates, language, canonical URL, outlet, page type.

Sources are tried from the most to the least deliberate: JSON-LD (what publishers write for search engines),
then OpenGraph and other meta tags, then visible markup (<time>, bylines, <h1>), then the URL. Every reader
is a small function that returns None when its source is absent, so the order of preference reads as a list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from extractors.dates import TEXT_DATE, date_in_text, date_in_url, parse_date

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "report", "pressrelease", "scholarlyarticle"}
NON_ARTICLE_TYPES = {"liveblogposting", "videoobject", "collectionpage", "itemlist", "searchresultspage",
                     "profilepage"}

PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "dc.date",
                  "dc.date.issued", "dcterms.created", "date", "article.published", "cxenseparse:recs:publishtime")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")


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


# ---------------------------------------------------------------- JSON-LD


def jsonld_objects(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, with @graph and lists flattened; broken blocks are skipped."""
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        raw = script.string or script.get_text() or ""
        try:
            data = json.loads(raw.strip().rstrip(";"))
        except (json.JSONDecodeError, ValueError):
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {str(v).lower() for v in values}


def main_jsonld(soup: BeautifulSoup) -> dict[str, Any] | None:
    """The page's article object (NewsArticle, Article, ...), or a non-article object that says what the page is."""
    objects = list(jsonld_objects(soup))
    for obj in objects:
        if _types(obj) & ARTICLE_TYPES:
            return obj
    for obj in objects:
        if _types(obj) & NON_ARTICLE_TYPES:
            return obj
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return str(value).strip() if value else None


def _jsonld_authors(obj: dict[str, Any]) -> list[str]:
    value = obj.get("author") or obj.get("creator") or []
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        if isinstance(item, dict):
            if "organization" in _types(item):
                continue
            item = item.get("name")
        if isinstance(item, str):
            names.extend(clean_authors(item))
    return names


# ---------------------------------------------------------------- meta tags and markup


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if key in wanted and tag.get("content"):
            return tag["content"].strip()
    return None


def _first_meta_date(soup: BeautifulSoup, names: tuple[str, ...]) -> datetime | None:
    wanted = {n.lower() for n in names}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if key in wanted:
            parsed = parse_date(tag.get("content"))
            if parsed:
                return parsed
    return None


def _in_comments_or_asides(tag: Tag) -> bool:
    """True inside comments, related-story lists and footers, whose dates and names are not the article's."""
    for parent in tag.parents:
        if parent.name in ("aside", "footer", "nav"):
            return True
        marker = " ".join(parent.get("class", []) or []) + " " + (parent.get("id") or "")
        if re.search(r"comment|related|recommend|sidebar|promo|teaser|newsletter", marker, re.I):
            return True
    return False


def _time_tag_date(soup: BeautifulSoup) -> datetime | None:
    for tag in soup.find_all("time"):
        if _in_comments_or_asides(tag):
            continue
        marker = " ".join(tag.get("class", []) or []) + " " + (tag.get("itemprop") or "")
        if re.search(r"modif|updat", marker, re.I):
            continue
        parsed = parse_date(tag.get("datetime")) or date_in_text(tag.get_text(" ", strip=True))
        if parsed:
            return parsed
    return None


BYLINE_SELECTOR = re.compile(r"byline|author|dateline|article-meta|meta-info|posted|published", re.I)


def _byline_nodes(soup: BeautifulSoup) -> list[Tag]:
    nodes = []
    for tag in soup.find_all(True, class_=BYLINE_SELECTOR):
        if not _in_comments_or_asides(tag):
            nodes.append(tag)
    for tag in soup.find_all(rel="author"):
        if not _in_comments_or_asides(tag):
            nodes.append(tag)
    return nodes


def _byline_date(soup: BeautifulSoup) -> datetime | None:
    for node in _byline_nodes(soup):
        parsed = date_in_text(node.get_text(" ", strip=True))
        if parsed:
            return parsed
    # Datelines written as a paragraph of their own near the top ("Published 4 March 2025, 14:05 GMT").
    for node in soup.find_all(["p", "span", "div"], limit=400):
        text = node.get_text(" ", strip=True)
        if len(text) < 80 and re.match(r"(published|posted|updated|publicado)\b", text, re.I):
            if re.match(r"updated", text, re.I):
                continue
            parsed = date_in_text(text)
            if parsed:
                return parsed
    return None


_BY = re.compile(r"^\s*(?:by|por|written by|words by|de)\s+", re.I)
_JOB_TITLES = re.compile(
    r"\b(staff|reporter|correspondent|editor|writer|columnist|contributor|bureau|chief|senior|analyst|"
    r"corresponsal|redacci[oó]n|reportera?|enviad[ao])\b", re.I)


def clean_authors(text: str) -> list[str]:
    """Names from a byline: "By Jane Doe and John Roe, Staff Reporters · March 4, 2025" -> [Jane Doe, John Roe]."""
    text = re.sub(r"\s+", " ", text).strip()
    date = re.search(r"(\||·|—|–|\bupdated\b|\bpublished\b|\bon\b\s+\w+ \d)", text, re.I)
    if date:
        text = text[: date.start()]
    text = re.sub(r"\d{1,2}[:/.-]\d{1,2}.*$", "", text)
    text = TEXT_DATE.sub("", text)
    text = _BY.sub("", text).strip(" ,;:-")
    names = []
    for part in re.split(r"\s*(?:,|;|&|\band\b|\by\b)\s*", text):
        part = part.strip(" .,-")
        if not part or _JOB_TITLES.search(part) or part.lower().startswith("http"):
            continue
        words = part.split()
        if 1 < len(words) <= 5 and all(w[0].isupper() or w.lower() in ("de", "van", "von", "da", "del", "la")
                                       for w in words):
            names.append(part)
    return names


def _byline_authors(soup: BeautifulSoup) -> list[str]:
    for node in _byline_nodes(soup):
        names = clean_authors(node.get_text(" ", strip=True))
        if names:
            return names
    return []


_TITLE_DECORATION = re.compile(r"\s+[|\-–—:·»]\s+[^|\-–—:·»]{2,60}$")


def clean_title(title: str | None, outlet: str | None = None) -> str | None:
    """The headline without " | Site name" / " - Site" decorations or a "Site: " prefix."""
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip()
    if outlet:
        for sep in ("|", "-", "–", "—", ":", "·", "»"):
            if title.endswith(f" {sep} {outlet}"):
                return title[: -len(f" {sep} {outlet}")].strip()
            if title.startswith(f"{outlet}{sep} ") or title.startswith(f"{outlet} {sep} "):
                return title.split(sep, 1)[1].strip()
    while True:
        match = _TITLE_DECORATION.search(title)
        if not match or len(title) - len(match.group(0)) < 15:
            break
        title = title[: match.start()].strip()
    return title


def _language(soup: BeautifulSoup, jsonld: dict[str, Any] | None) -> str | None:
    html = soup.find("html")
    for value in (
        html.get("lang") if isinstance(html, Tag) else None,
        _text(jsonld.get("inLanguage")) if jsonld else None,
        _meta(soup, "og:locale", "language", "content-language", "dc.language"),
    ):
        if value and re.match(r"[a-zA-Z]{2}", value):
            return value[:2].lower()
    return None


def _canonical(soup: BeautifulSoup, page_url: str | None) -> str | None:
    link = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    href = link.get("href") if isinstance(link, Tag) else None
    href = href or _meta(soup, "og:url")
    if not href:
        return None
    absolute = urljoin(page_url or "", href.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def read_metadata(soup: BeautifulSoup, page_url: str | None = None) -> PageMetadata:
    jsonld = main_jsonld(soup)
    outlet = (
        _meta(soup, "og:site_name", "application-name")
        or (_text(jsonld.get("publisher")) if jsonld else None)
    )
    title_tag = soup.find("title")
    h1 = soup.find("h1")
    title = (
        (_text(jsonld.get("headline")) if jsonld else None)
        or _meta(soup, "og:title", "twitter:title")
        or (title_tag.get_text() if isinstance(title_tag, Tag) else None)
        or (h1.get_text(" ", strip=True) if isinstance(h1, Tag) else None)
    )
    authors = (_jsonld_authors(jsonld) if jsonld else []) or clean_authors(
        _meta(soup, "author", "article:author", "parsely-author", "sailthru.author", "dc.creator") or ""
    ) or _byline_authors(soup)
    published = (
        (parse_date(_text(jsonld.get("datePublished"))) if jsonld else None)
        or _first_meta_date(soup, PUBLISHED_META)
        or _time_tag_date(soup)
        or _byline_date(soup)
        or (date_in_url(page_url) if page_url else None)
    )
    modified = (parse_date(_text(jsonld.get("dateModified"))) if jsonld else None) or _first_meta_date(
        soup, MODIFIED_META
    )
    body = jsonld.get("articleBody") if jsonld else None
    return PageMetadata(
        title=clean_title(title, outlet),
        authors=list(dict.fromkeys(authors)),
        published=published,
        modified=modified,
        language=_language(soup, jsonld),
        canonical_url=_canonical(soup, page_url),
        outlet=outlet,
        jsonld_type=next(iter(sorted(_types(jsonld))), None) if jsonld else None,
        jsonld_body=body if isinstance(body, str) else None,
    )
