"""The page's JSON-LD: every object (with @graph flattened and @id references resolved) and the main one.

Publishers describe their pages for search engines in JSON-LD; it is the most deliberate metadata a page has.
`pick_main` chooses the article object (NewsArticle, BlogPosting, ...) that describes this page, or a
non-article object that says what the page is (a live blog, a video, a list). The body a page declares in
JSON-LD is read separately, with lxml, by `extractors.article.body.jsonld`.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from typing import Any, Iterator
from urllib.parse import urlsplit

from bs4 import BeautifulSoup


ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle",
                 "report", "pressrelease", "scholarlyarticle", "review", "criticreview", "techarticle",
                 "satiricalarticle", "socialmediaposting", "posting", "advertisercontentarticle"}


NON_ARTICLE_TYPES = {"liveblogposting", "videoobject", "collectionpage", "itemlist", "searchresultspage",
                     "profilepage", "imagegallery", "mediagallery"}


def jsonld_objects(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, with @graph and lists flattened; broken blocks are skipped."""
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        raw = script.string or script.get_text() or ""
        data = load_jsonld(raw)
        if data is not None:
            yield from _flatten(data)


_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
# Trailing commas before a closing bracket: the most common way hand-written JSON-LD is broken.
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x1f]")


def load_jsonld(raw: str) -> Any:
    """One JSON-LD script's data, or None. Repairs the usual defects of hand-written blocks: an HTML comment or
    CDATA wrapper, a trailing semicolon, raw newlines inside strings, trailing commas, stray control characters.
    (Used for the page's metadata here and for its declared body in `extractors.article.body.jsonld`.)"""
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:].rsplit("-->", 1)[0]
    raw = _CDATA.sub("", raw.strip().rstrip(";")).strip()
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", raw), _CONTROL.sub(" ", raw)):
        try:
            return json.loads(attempt, strict=False)  # strict=False: literal newlines inside strings
        except ValueError:
            continue
    return None


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def types_of(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {str(v).lower().rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v}


def _object_urls(obj: dict[str, Any]) -> list[str]:
    urls = []
    for key in ("url", "mainEntityOfPage", "@id"):
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.startswith(("http://", "https://", "/")):
            urls.append(value.split("#", 1)[0])
    return urls


def _path_key(url: str) -> str:
    parts = urlsplit(url)
    return parts.path.rstrip("/").lower()


def _about_other_page(obj: dict[str, Any], page_urls: list[str]) -> bool:
    """The object names its own address, and it is another page than this one (an embedded video's page, a
    related story). Addresses that are the site's root are ignored: templates often put it everywhere."""
    own = [_path_key(u) for u in _object_urls(obj)]
    own = [p for p in own if p]
    pages = {_path_key(u) for u in page_urls if u}
    pages.discard("")
    return bool(own and pages) and not (set(own) & pages)


def pick_main(objects: list[dict[str, Any]], page_urls: list[str] | None = None) -> dict[str, Any] | None:
    """The page's article object; else a non-article object that says what the page is. Objects that declare
    another page's address (an embedded video, a related story) come last."""
    page_urls = page_urls or []
    ordered = sorted(objects, key=lambda o: _about_other_page(o, page_urls))
    articles = [obj for obj in ordered if types_of(obj) & ARTICLE_TYPES]
    if articles:
        # a page that embeds other articles (related stories) lists its own first, or gives it the headline
        return next((obj for obj in articles if obj.get("headline")), articles[0])
    for obj in ordered:
        if types_of(obj) & NON_ARTICLE_TYPES and not _about_other_page(obj, page_urls):
            return obj
    return None


def main_jsonld(soup: BeautifulSoup) -> dict[str, Any] | None:
    """The page's article object (NewsArticle, Article, ...), or a non-article object that says what the page is."""
    return pick_main(list(jsonld_objects(soup)))


def json_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return htmllib.unescape(str(value)).strip() if isinstance(value, str) and value.strip() else None


class JsonLdIds:
    """Resolves {"@id": ...} references to the node that carries the data (Yoast-style @graph)."""

    def __init__(self, objects: list[dict[str, Any]]):
        self.nodes: dict[str, dict[str, Any]] = {}
        for obj in objects:
            key = obj.get("@id")
            if isinstance(key, str) and len(obj) > 1:
                self.nodes.setdefault(key, obj)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("@id"), str) and not value.get("name"):
            return self.nodes.get(value["@id"], value)
        return value
