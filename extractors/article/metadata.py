"""Article metadata from a parsed page: title, authors, dates, language, canonical URL, outlet, page type.

Sources are tried from the most to the least deliberate: JSON-LD (what publishers write for search engines,
including objects inside @graph and authors given as @id references), then OpenGraph and other meta tags,
then visible markup (<time>, bylines, datelines, <h1>), then the URL. Nothing here is keyed to a site.

Dates are the part users complain about most, so they get the most care:

* every source yields candidates, and the first one in order of preference wins; a less precise winner (a date
  without a time, a time without a zone) is then completed by a later candidate that agrees with it (the same
  day, the same wall time), so "2025-03-04" in JSON-LD plus "9:05 a.m. ET" in the byline gives the full instant;
* visible dates are labelled by the words and classes around them ("Updated", "Published", class="updated"),
  so a modification time shown first is not taken for the publication time;
* dates in comments, related-story rails, teasers, asides, footers and cookie banners are never read;
* numeric dates are read day first unless the page declares a US locale (en-US, en_US).
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from extractors.article.dates import (MODIFIED_WORDS, PUBLISHED_WORDS, TEXT_DATE, date_in_url, has_time,
                              labelled_dates, parse_date)

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle",
                 "report", "pressrelease", "scholarlyarticle", "review", "criticreview", "techarticle",
                 "satiricalarticle", "socialmediaposting", "posting", "advertisercontentarticle"}
NON_ARTICLE_TYPES = {"liveblogposting", "videoobject", "collectionpage", "itemlist", "searchresultspage",
                     "profilepage", "imagegallery", "mediagallery"}

PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "dc.date",
                  "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued", "date",
                  "article.published", "cxenseparse:recs:publishtime", "og:published_time", "uploaddate",
                  "datecreated")
MODIFIED_META = ("article:modified_time", "og:article:modified_time", "datemodified", "dcterms.modified",
                 "dc.date.modified", "og:updated_time", "last-modified", "article.updated", "lastmod")
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
               "byl", "cxenseparse:author")


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


# ---------------------------------------------------------------- JSON-LD


def jsonld_objects(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, with @graph and lists flattened; broken blocks are skipped."""
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        raw = script.string or script.get_text() or ""
        data = _load_json(raw)
        if data is not None:
            yield from _flatten(data)


def _load_json(raw: str) -> Any:
    raw = raw.strip().rstrip(";")
    raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", raw).strip()
    for attempt in (raw, re.sub(r"[\x00-\x1f]", " ", raw)):  # raw newlines inside strings are a common error
        try:
            return json.loads(attempt)
        except (json.JSONDecodeError, ValueError):
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


def _types(obj: dict[str, Any]) -> set[str]:
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


def _pick_main(objects: list[dict[str, Any]], page_urls: list[str] | None = None) -> dict[str, Any] | None:
    """The page's article object; else a non-article object that says what the page is. Objects that declare
    another page's address (an embedded video, a related story) come last."""
    page_urls = page_urls or []
    ordered = sorted(objects, key=lambda o: _about_other_page(o, page_urls))
    articles = [obj for obj in ordered if _types(obj) & ARTICLE_TYPES]
    if articles:
        # a page that embeds other articles (related stories) lists its own first, or gives it the headline
        return next((obj for obj in articles if obj.get("headline")), articles[0])
    for obj in ordered:
        if _types(obj) & NON_ARTICLE_TYPES and not _about_other_page(obj, page_urls):
            return obj
    return None


def main_jsonld(soup: BeautifulSoup) -> dict[str, Any] | None:
    """The page's article object (NewsArticle, Article, ...), or a non-article object that says what the page is."""
    return _pick_main(list(jsonld_objects(soup)))


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return htmllib.unescape(str(value)).strip() if isinstance(value, str) and value.strip() else None


class _Ids:
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


def _jsonld_authors(obj: dict[str, Any], ids: _Ids | None = None, outlet: str | None = None) -> list[str]:
    value = obj.get("author") or obj.get("creator") or []
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values:
        if ids is not None:
            item = ids.resolve(item)
        if isinstance(item, dict):
            if _types(item) & {"organization", "newsmediaorganization", "corporation", "organisation"}:
                continue
            item = item.get("name")
        if isinstance(item, list):
            item = ", ".join(str(i) for i in item if isinstance(i, str))
        if isinstance(item, str):
            names.extend(n for n in clean_authors(htmllib.unescape(item)) if not _same_name(n, outlet))
    return names


# ---------------------------------------------------------------- meta tags and markup


def _meta_key(tag: Tag) -> str:
    return (tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv") or "").lower()


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    """The content of the first meta tag among `names`, in the order of `names` (the preferred first)."""
    values = _meta_all(soup, *names)
    return values[0] if values else None


def _meta_all(soup: BeautifulSoup, *names: str) -> list[str]:
    wanted = [n.lower() for n in names]
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = _meta_key(tag)
        content = tag.get("content")
        if key in wanted and isinstance(content, str) and content.strip():
            found.setdefault(key, []).append(htmllib.unescape(content.strip()))
    return [value for name in wanted for value in found.get(name, [])]


_EXCLUDED_REGION = re.compile(
    r"comment|repl(?:y|ies)|disqus|respuesta|comentario|related|recommend|more-stories|read-more|readmore|"
    r"sidebar|promo|teaser|newsletter|cookie|consent|gdpr|onetrust|privacy|trending|popular|most-read|"
    r"also-read|next-article|outbrain|taboola|author-bio|about-author|\bbio\b", re.I)


def _marker(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, tag.get("id") or "", tag.get("itemprop") or "", tag.get("data-component") or ""])


def _in_comments_or_asides(tag: Tag) -> bool:
    """True inside comments, related-story lists, teasers, footers and banners: their dates and names are
    not the article's."""
    for node in (tag, *tag.parents):
        if not isinstance(node, Tag) or node.name in ("body", "html", "[document]"):
            break
        if node.name in ("aside", "footer", "nav"):
            return True
        if _EXCLUDED_REGION.search(_marker(node)) and node.find("h1") is None:
            # a region that holds the page's headline is a page wrapper ("content has-sidebar"), not a rail
            return True
    return False


def _in_teaser(tag: Tag) -> bool:
    """True for a date inside a teaser of another story: a list item with a headline-sized link, or an
    <article> whose heading is a link."""
    for depth, parent in enumerate(tag.parents):
        if depth > 3 or not isinstance(parent, Tag) or parent.name in ("body", "main", "html"):
            return False
        if parent.name == "li":
            return any(_story_link(link) for link in parent.find_all("a", href=True))
        if parent.name == "article":
            return any(_story_link(link) for heading in parent.find_all(["h1", "h2", "h3", "h4"])
                       for link in heading.find_all("a", href=True))
    return False


def _story_link(link: Tag) -> bool:
    rel = link.get("rel") or []
    if "author" in (rel if isinstance(rel, list) else str(rel).split()):
        return False
    return len(link.get_text(" ", strip=True).split()) >= 4 and not re.match(r"(?:#|mailto:|javascript:)",
                                                                             link["href"])


_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "section", "article", "header", "footer", "h1", "h2", "h3", "h4",
               "h5", "h6", "table", "tr", "td", "dd", "dt", "dl", "address", "figure", "figcaption", "br"}


def _head(node: Tag, size: int = 40) -> str:
    """The first `size` characters of the node's text, without building the text of a whole page section."""
    parts: list[str] = []
    length = 0
    for text in node.strings:
        text = text.strip()
        if text:
            parts.append(text)
            length += len(text) + 1
            if length >= size:
                break
    return " ".join(parts)[:size]


def _node_text(node: Tag) -> str:
    """The node's text with line breaks where the page breaks lines (<br>, blocks), spaces elsewhere."""
    parts: list[str] = []
    for item in node.descendants:
        if isinstance(item, NavigableString):
            if type(item) is NavigableString:  # not comments, CDATA, doctype
                parts.append(str(item))
        elif isinstance(item, Tag) and item.name in _BLOCK_TAGS:
            parts.append("\n")
        elif isinstance(item, Tag):
            parts.append(" ")
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v\xa0]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


# ---------------------------------------------------------------- authors

_BY = re.compile(
    r"^\s*(?:(?:written|words|reporting|report|text|story|photos?|analysis)\s+by|by|por|escrito\s+por|texto\s+de|"
    r"redactado\s+por|texto|text|words|reporting|autor|autora|author)\s*:?\s+", re.I)
_JOB_TITLES = re.compile(
    r"\b(?:staff|reporters?|correspondents?|editors?|writers?|columnists?|contributors?|contributing|bureau|chief|"
    r"senior|analysts?|producers?|photographers?|host|anchor|director|manager|intern|freelance|journalists?|"
    r"periodistas?|corresponsal(?:es)?|redacci[oó]n|reporter[oa]s?|enviad[ao]s?|editor[ae]s?|columnista|"
    r"colaborador[ae]?s?|jef[ea]|agencias?|agencies|news|desk|team|newsroom|wire|services?|press|media|"
    r"group|board|staffers?|contribuidor[ae]?s?|special|fellow|professor|head\s+of|guest|author|"
    r"agency|agencia|association|asociaci[oó]n|institute|instituto|university|universidad|ministry|ministerio|"
    r"department|departamento|council|office|company|foundation|fundaci[oó]n|society|organi[sz]ation|"
    r"organizaci[oó]n|committee|commission|network|magazine|revista|journal|newspaper|peri[oó]dico|diario|"
    r"gazette|tribune|herald|courier|ledger|chronicle|daily|international|internacional|inc|ltd|llc|corp|gmbh)\b",
    re.I)
_NAME_PARTICLES = {"de", "del", "la", "las", "los", "van", "von", "der", "den", "da", "do", "dos", "das", "di",
                   "du", "le", "bin", "al", "el", "ter", "ten", "y", "i", "st.", "mc", "jr.", "sr.", "jr", "sr"}
_NOT_NAMES = {"the", "updated", "published", "posted", "share", "follow", "contact", "email", "read", "more",
              "opinion", "analysis", "review", "editorial", "comments", "comment", "sign", "subscribe", "view",
              "all", "and", "by", "por", "photo", "video", "listen", "print", "save", "min", "minutes", "news",
              "advertisement", "sponsored", "home", "menu", "search", "live", "breaking", "exclusive", "order",
              "reprints", "reprint", "permissions", "about", "profile", "articles", "posts", "stories", "twitter",
              "facebook", "linkedin", "instagram", "see", "full", "tweet", "bio", "close", "open", "login", "log",
              "in", "on", "of", "for", "to", "a", "an", "is", "at", "from", "this", "that", "our", "your", "my",
              "ver", "más", "leer", "compartir", "seguir", "suscríbete", "sección", "noticias"}
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞŁŚŠŽČĆŘĐ][\w'’.-]*|[A-Z]\.)$", re.U)
_SEGMENTS = re.compile(r"\s*(?:\n|\||·|•|●|▪|—|–|\s-\s|\s/\s|\u2022)\s*")
_LOCATION_TAIL = re.compile(r"\s+(?:in|en|from|desde|reporting from|at)\s+[A-ZÀ-Þ][\w .'-]*$")
_CUT_WORDS = re.compile(
    r"\b(?:updated?|published|posted|publicado|actualizado|modified|last\s+updated|on\s+(?=[A-Z]\w+\.?\s+\d))",
    re.I)
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Updated|Published|"
                    r"Posted|Publicado|Actualizado)[a-z]*\b)")
_COMMON_PLACES = {"New York", "Los Angeles", "San Francisco", "Hong Kong", "Mexico City", "Ciudad de México",
                  "Buenos Aires", "Rio de Janeiro", "São Paulo", "Sao Paulo", "New Delhi", "Cape Town",
                  "Tel Aviv", "Kuala Lumpur", "Abu Dhabi", "Las Vegas", "San Diego", "Costa Rica",
                  "Puerto Rico", "El Salvador", "Santo Domingo", "Nueva York", "Los Ángeles", "Monterrey",
                  "Guadalajara", "Silicon Valley", "Wall Street", "Capitol Hill"}


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Country names, aliases and capitals from the knowledge base, plus big dateline cities."""
    names = set(_COMMON_PLACES)
    try:
        from extractors.kb import load_kb

        for country in load_kb().countries:
            for form in (country.name, country.name_es, *country.aliases, *country.aliases_es,
                         *country.capital_metonyms, *country.capital_metonyms_es):
                if form:
                    names.add(form)
    except Exception:  # the KB is a convenience here; bylines still parse without it
        pass
    return frozenset(n.casefold() for n in names)


def _looks_like_name(part: str) -> bool:
    words = part.split()
    if not 2 <= len(words) <= 5 or re.search(r"\d|@|https?:|www\.|/", part):
        return False
    if part.casefold() in _place_names():
        return False
    significant = 0
    for word in words:
        lower = word.lower()
        if lower in _NOT_NAMES:
            return False
        if word in _NAME_PARTICLES:  # lower-case "de", "van", "von"; a capitalised "Al" or "De" is a name
            continue
        if not _NAME_TOKEN.match(word):
            return False
        significant += 1
    return significant >= 2


def _same_name(name: str, outlet: str | None) -> bool:
    """The "author" is the outlet ("Lakeview Tribune", "Sioux Falls Lakeview Tribune")."""
    if not outlet:
        return False
    name_key, outlet_key = _squash(name), _squash(outlet)
    return bool(name_key and outlet_key) and (name_key == outlet_key or (len(outlet_key) >= 6 and outlet_key in name_key))


def clean_authors(text: str) -> list[str]:
    """Names from a byline: "By Jane Doe and John Roe, Staff Reporters · March 4, 2025" -> [Jane Doe, John Roe].

    The byline is cut into segments at line breaks and separators (| · — •); segments introduced by "By"/"Por"
    are preferred. In each, dates, times and "Updated ..." tails are cut, job titles and places after a comma
    are dropped, and what is left must look like a personal name (2-5 capitalised words, particles allowed).
    """
    if not text:
        return []
    text = _GLUED.sub("\n", htmllib.unescape(text))
    segments = [s.strip() for s in _SEGMENTS.split(text) if s and s.strip()]
    for i in range(len(segments) - 1):  # "By" on a line of its own, the name on the next
        if re.fullmatch(r"(?:by|por|written by|escrito por)\s*:?", segments[i], re.I):
            segments[i], segments[i + 1] = "", f"{segments[i]} {segments[i + 1]}"
    segments = [s for s in segments if s]
    introduced = [s for s in segments if _BY.match(s)]
    names: list[str] = []
    for segment in introduced or segments:
        segment = _BY.sub("", segment).strip()
        cut = _CUT_WORDS.search(segment)
        if cut:
            segment = segment[: cut.start()]
        date = TEXT_DATE.search(segment)
        if date:
            segment = segment[: date.start()]
        segment = re.sub(r"\d{1,2}[:/.-]\d{1,2}.*$", "", segment)
        segment = _LOCATION_TAIL.sub("", segment.strip(" ,;:-"))
        for part in _NAME_SPLIT.split(segment):
            part = re.sub(r"\s+", " ", part).strip(" .,;:-()[]\"'“”")
            if not part or _JOB_TITLES.search(part):
                continue
            if _looks_like_name(part):
                names.append(_name_case(part))
        if names and not introduced:
            break  # "Jane Doe\nSioux Falls Ledger\nPublished ...": the names come first, the outlet after
    return list(dict.fromkeys(names))


def _name_case(name: str) -> str:
    """"TOM KRISHER" -> "Tom Krisher"; names already in mixed case are kept as written."""
    if not name.isupper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())


# Between names: commas, "and"/"y"/"e" (any case, but not an initial like "Y."), "with", and the full stop
# that ends a word ("Jane Doe. Harbour Press"), never the one after an initial ("Trevor J. Mitchell").
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\+|(?i:\b(?:and|y|e|with|con)\b)(?!\.)|(?<=[a-z]{2})\.(?=\s+[A-Z]))\s*")
_AUTHOR_CLASS = re.compile(r"byline|by-line|\bbyl\b|author|autor|firma|writer|contributor|reporter|signature",
                           re.I)
# Photo and video credits name photographers and agencies, not the article's authors.
_CREDIT_REGION = re.compile(r"image|photo|caption|figure|media|video|gallery|credit|foto|pie-?de", re.I)
_BYLINE_START = re.compile(r"^\s*(?:by|por|written by|escrito por)\s+\S", re.I)


def _in_credit(tag: Tag) -> bool:
    for node in (tag, *list(tag.parents)[:3]):
        if isinstance(node, Tag) and (node.name in ("figure", "figcaption") or _CREDIT_REGION.search(_marker(node))):
            return True
    return False


def _byline_authors(soup: BeautifulSoup, outlet: str | None = None) -> list[str]:
    """Names from the page's byline: rel/itemprop=author links, author-classed elements, "By ..." lines."""
    body = soup.body or soup
    linked: list[str] = []
    for tag in body.find_all(True, attrs={"rel": True}):
        rel = tag.get("rel")
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "author" in [r.lower() for r in rels] and not _in_comments_or_asides(tag):
            linked.extend(clean_authors(tag.get_text(" ", strip=True)))
    for tag in body.find_all(True, itemprop=re.compile(r"^author$", re.I)):
        if not _in_comments_or_asides(tag):
            name = tag.find(True, itemprop="name")
            linked.extend(clean_authors((name or tag).get_text(" ", strip=True)))
    linked = [n for n in dict.fromkeys(linked) if not _same_name(n, outlet)]
    if linked:
        return linked
    for tag in body.find_all(["p", "div", "span", "address", "li", "a", "strong", "b", "em", "small", "header",
                              "h2", "h3", "h4", "h5", "h6", "cite"]):
        text = None
        if _AUTHOR_CLASS.search(_marker(tag)) or _BYLINE_START.match(_head(tag)):
            text = _node_text(tag)
        if not text or len(text) > 200 or _in_comments_or_asides(tag) or _in_credit(tag):
            continue
        names = [n for n in clean_authors(text) if not _same_name(n, outlet)]
        if names:
            return names
    return []


# ---------------------------------------------------------------- dates


@dataclass
class _DateCandidate:
    value: datetime
    timed: bool  # the source gives a time of day, not only a date

    @property
    def rank(self) -> int:
        """Precision: 0 date only, 1 naive time, 2 time with a zone."""
        return 2 if self.value.tzinfo is not None else 1 if self.timed else 0


def _candidate(raw: str | None, dayfirst: bool) -> _DateCandidate | None:
    if not raw:
        return None
    value = parse_date(raw, dayfirst=dayfirst)
    return _DateCandidate(value, has_time(raw) or value.tzinfo is not None) if value else None


def _text_candidate(raw: str, value: datetime) -> _DateCandidate:
    return _DateCandidate(value, has_time(raw) or value.tzinfo is not None)


def _best(candidates: list[_DateCandidate]) -> datetime | None:
    """The first candidate, completed by a later one that agrees with it and is more precise."""
    if not candidates:
        return None
    first = candidates[0]
    for other in candidates[1:]:
        if other.rank <= first.rank:
            continue
        if first.rank == 0 and other.value.date() == first.value.date():
            first = other
        elif first.rank == 1 and other.rank == 2 and other.value.replace(tzinfo=None) == first.value:
            first = other
    return first.value


_DATE_CLASS = re.compile(r"date|time|fecha|hora|publish|posted|updated|modified|stamp|dateline|byline|meta|"
                         r"firma|info|credit|autor|author|published|when", re.I)
_MODIFIED_CLASS = re.compile(r"updat|modif|edited|revis|actualiz|lastmod", re.I)
_PUBLISHED_CLASS = re.compile(r"publish|posted|created|pubdate|publicad|\bissued", re.I)


def _label_from_marker(tag: Tag) -> str | None:
    marker = _marker(tag)
    if _MODIFIED_CLASS.search(marker):
        return "modified"
    if _PUBLISHED_CLASS.search(marker):
        return "published"
    return None


def _words_before(tag: Tag, limit: int = 40) -> str:
    """The text just before `tag` inside its parent ("Updated <time>"), at most `limit` characters."""
    parts: list[str] = []
    for sibling in tag.previous_siblings:
        parts.append(sibling.get_text(" ") if isinstance(sibling, Tag) else str(sibling))
        if sum(len(p) for p in parts) >= limit:
            break
    return " ".join(reversed(parts))[-limit:]


def _word_label(text: str) -> str | None:
    """"modified" or "published" for the last labelling word in `text`, None if there is none."""
    label, last = None, -1
    for kind, words in (("modified", MODIFIED_WORDS), ("published", PUBLISHED_WORDS)):
        for hit in words.finditer(text):
            if hit.start() > last:
                last, label = hit.start(), kind
    return label


def _markup_dates(soup: BeautifulSoup, dayfirst: bool) -> dict[str, list[_DateCandidate]]:
    """Visible and microdata dates, sorted into "published", "modified" and "unlabelled" candidates."""
    found: dict[str, list[_DateCandidate]] = {"published": [], "modified": [], "unlabelled": [],
                                              "text_published": [], "text_modified": [], "text_unlabelled": []}
    body = soup.body or soup
    # machine-readable: <time datetime>, itemprop=datePublished/dateModified on any element
    for tag in body.find_all(True):
        itemprop = (tag.get("itemprop") or "").lower() if isinstance(tag.get("itemprop"), str) else ""
        if tag.name != "time" and itemprop not in ("datepublished", "datemodified", "datecreated", "uploaddate"):
            continue
        if _in_comments_or_asides(tag) or _in_teaser(tag):
            continue
        raw = tag.get("datetime") or tag.get("content") or tag.get_text(" ", strip=True)
        candidate = _candidate(raw, dayfirst) if isinstance(raw, str) else None
        if candidate is None:
            candidate = _candidate(tag.get_text(" ", strip=True), dayfirst)
        if candidate is None:
            continue
        if itemprop == "datemodified":
            label = "modified"
        elif itemprop in ("datepublished", "datecreated", "uploaddate") or tag.has_attr("pubdate"):
            label = "published"
        else:
            label = (_label_from_marker(tag) or _word_label(_words_before(tag))
                     or _word_label(tag.get_text(" ", strip=True)[:20]) or _parent_label(tag))
        found[label or "unlabelled"].append(candidate)
    # written: bylines, datelines and "Published ..." lines
    for tag in body.find_all(["p", "div", "span", "li", "address", "small", "em", "header", "dd", "section"]):
        marker_hit = _DATE_CLASS.search(_marker(tag))
        head = _head(tag)
        if not marker_hit and not re.match(r"(?:published|posted|updated|last updated|publicado|actualizado|"
                                           r"by|written by|por)\b", head, re.I):
            continue
        text = _node_text(tag)
        if len(text) > 250 or _in_comments_or_asides(tag):
            continue
        inherited = _label_from_marker(tag)
        for label, value, raw in labelled_dates(text, dayfirst=dayfirst):
            label = label or inherited
            found[f"text_{label or 'unlabelled'}"].append(_text_candidate(raw, value))
    return found


def _parent_label(tag: Tag) -> str | None:
    for parent in list(tag.parents)[:2]:
        if isinstance(parent, Tag):
            label = _label_from_marker(parent)
            if label:
                return label
    return None


def _dayfirst(soup: BeautifulSoup) -> bool:
    """Numeric dates are month first only on pages that declare a US English locale."""
    html = soup.find("html")
    lang = (html.get("lang") or "") if isinstance(html, Tag) else ""
    locale = _meta(soup, "og:locale") or ""
    return not any(re.fullmatch(r"en[-_]us", str(v).strip(), re.I) for v in (lang, locale))


def _dates(soup: BeautifulSoup, main: dict[str, Any] | None, page_url: str | None
           ) -> tuple[datetime | None, datetime | None]:
    dayfirst = _dayfirst(soup)
    markup = _markup_dates(soup, dayfirst)
    published: list[_DateCandidate] = []
    modified: list[_DateCandidate] = []
    if main:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            candidate = _candidate(_text(main.get(key)), dayfirst)
            if candidate:
                published.append(candidate)
                break
        candidate = _candidate(_text(main.get("dateModified")), dayfirst)
        if candidate:
            modified.append(candidate)
    published += [c for c in (_candidate(v, dayfirst) for v in _meta_all(soup, *PUBLISHED_META)) if c]
    modified += [c for c in (_candidate(v, dayfirst) for v in _meta_all(soup, *MODIFIED_META)) if c]
    published += markup["published"] + markup["text_published"] + markup["unlabelled"] + markup["text_unlabelled"]
    modified += markup["modified"] + markup["text_modified"]
    url_date = date_in_url(page_url) if page_url else None
    if url_date:
        published.append(_DateCandidate(url_date, False))
    first = _best(published)
    last = _best(modified)
    if first is not None and last is not None and _earlier(last, first):
        last = None  # a "modification" before publication is a misread (or a template error)
    return first, last


def _earlier(a: datetime, b: datetime) -> bool:
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a < b


# ---------------------------------------------------------------- title, language, canonical, outlet


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _host_labels(host: str | None) -> list[str]:
    labels = [l for l in (host or "").lower().split(".") if l]
    labels = labels[:-1] if len(labels) > 1 else labels  # the TLD
    return [_squash(l) for l in labels if l not in ("www", "m", "amp", "news", "co", "com", "org", "net")
            and len(l) >= 3]


def _is_site_name(text: str, outlet: str | None, host: str | None) -> bool:
    """Whether a title decoration names the site: the outlet's name, or a name the host name is made of.
    Containment ("Tech Lantern Video" for the outlet "Tech Lantern") counts only for short texts: a headline
    may well mention its own publication ("PolitiFact's guide to tariffs")."""
    squashed = _squash(text)
    if not squashed:
        return False
    short = len(text.split()) <= 5
    if outlet:
        key = _squash(outlet)
        if key and (squashed == key or (short and (squashed in key or (key in squashed and
                                                                           2 * len(key) >= len(squashed))))):
            return True
    for label in _host_labels(host):
        if squashed == label or (short and ((len(label) >= 4 and label in squashed and
                                             2 * len(label) >= len(squashed)) or (
                squashed in label and len(squashed) >= 0.6 * len(label)))):
            return True
    return False


_SEPARATORS = ("|", "-", "–", "—", ":", "·", "»", "•", "::")


def clean_title(title: str | None, outlet: str | None = None, *, host: str | None = None,
                headline: str | None = None) -> str | None:
    """The headline without " | Site name" / " - Site" decorations or a "Site: " prefix.

    A decoration is removed when it names the site (the outlet, or a name the host is made of), when the
    rest is `headline` (the page's <h1> or og:title), or, for " | " only, when it is a short section or site
    label (at most four words): " - " and ": " also occur inside headlines ("Review: ..."), so they need
    evidence.
    """
    if not title:
        return None
    title = re.sub(r"\s+", " ", htmllib.unescape(title)).strip()
    if headline and not _is_site_name(headline, outlet, host):
        head = re.sub(r"\s+", " ", headline).strip()
        if head and head != title and len(head) >= 10:
            for sep in _SEPARATORS:
                if title.startswith(f"{head} {sep} ") or title.endswith(f" {sep} {head}"):
                    return head
    changed = True
    while changed:
        changed = False
        for sep in _SEPARATORS:
            parts = title.rsplit(f" {sep} ", 1)
            if len(parts) == 2 and len(parts[0]) >= 10:
                rest, tail = parts
                if _is_site_name(tail, outlet, host) or (sep == "|" and len(tail.split()) <= 4):
                    title, changed = rest.strip(), True
                    break
            head_parts = re.split(rf"\s*{re.escape(sep)}\s+", title, maxsplit=1) if sep in (":", "|", "-", "–",
                                                                                            "—", "»") else []
            if len(head_parts) == 2 and len(head_parts[1]) >= 10 and _is_site_name(head_parts[0], outlet, host):
                title, changed = head_parts[1].strip(), True
                break
    return title or None


def _title_decoration(title: str, headlines: list[str | None]) -> str | None:
    """The site name a page declares only in its <title>: "Headline | Site", where the headline is the page's
    own (its <h1> or og:title) — that evidence tells a name from a headline's own " - ". Of "Headline |
    Opinion | Site" the last part is the site; a prefix ("Opinion: Headline") is more often a section than a
    site, and a long decoration is a tagline, so neither is taken."""
    title = re.sub(r"\s+", " ", htmllib.unescape(title)).strip()
    for headline in headlines:
        head = re.sub(r"\s+", " ", headline or "").strip()
        if len(head) < 10 or head == title:
            continue
        for sep in _SEPARATORS:
            if title.startswith(f"{head} {sep} "):
                decoration = re.split("|".join(rf"\s{re.escape(other)}\s" for other in _SEPARATORS),
                                      title.removeprefix(f"{head} {sep} "))[-1].strip()
                if decoration and len(decoration.split()) <= 5:
                    return decoration
    return None


def _language(soup: BeautifulSoup, jsonld: dict[str, Any] | None) -> str | None:
    html = soup.find("html")
    for value in (
        html.get("lang") if isinstance(html, Tag) else None,
        html.get("xml:lang") if isinstance(html, Tag) else None,
        _meta(soup, "content-language"),
        _text(jsonld.get("inLanguage")) if jsonld else None,
        _meta(soup, "og:locale", "language", "dc.language", "dcterms.language"),
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
    return candidates + _meta_all(soup, "og:url")


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


def read_metadata(soup: BeautifulSoup, page_url: str | None = None) -> PageMetadata:
    objects = list(jsonld_objects(soup))
    ids = _Ids(objects)
    jsonld = _pick_main(objects, [page_url or "", *_canonical_candidates(soup, page_url)])
    publisher = ids.resolve(jsonld.get("publisher")) if jsonld else None
    outlet = (
        _meta(soup, "og:site_name")
        or _text(publisher)
        or next((_text(o.get("name")) for o in objects if _types(o) & {"website"} and _text(o.get("name"))), None)
        or _meta(soup, "application-name")
    )
    host = urlsplit(page_url or "").hostname
    h1_text = next((text for text in (h.get_text(" ", strip=True) for h in soup.find_all("h1", limit=5))
                    if text and not _is_site_name(text, outlet, host)), None)
    title_tag = soup.find("title")
    og_title = _meta(soup, "og:title", "twitter:title")
    if not outlet and isinstance(title_tag, Tag):
        outlet = _title_decoration(title_tag.get_text(), [h1_text, og_title])
    raw_titles = [
        _text(jsonld.get("headline")) or _text(jsonld.get("name")) if jsonld else None,
        og_title,
        title_tag.get_text() if isinstance(title_tag, Tag) else None,
        h1_text,
    ]
    cleaned = [clean_title(raw, outlet, host=host, headline=h1_text if raw != h1_text else og_title)
               for raw in raw_titles if raw and raw.strip()]
    cleaned = [t for t in cleaned if t]
    # a "title" that is only the site's name (a blog's og:title on every post) is not the headline
    title = next((t for t in cleaned if not _is_site_name(t, outlet, host)), cleaned[0] if cleaned else None)
    authors = (_jsonld_authors(jsonld, ids, outlet) if jsonld else []) or _meta_authors(soup, outlet) \
        or _byline_authors(soup, outlet)
    published, modified = _dates(soup, jsonld, page_url)
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
        types=frozenset(t for o in objects for t in _types(o)),
        og_type=(_meta(soup, "og:type") or "").lower() or None,
        accessible_for_free=free if isinstance(free, bool) else None,
    )


def _main_type(obj: dict[str, Any] | None) -> str | None:
    """The object's most telling type: an article or non-article type before generic ones (CreativeWork)."""
    if not obj:
        return None
    types = _types(obj)
    known = sorted(types & (ARTICLE_TYPES | NON_ARTICLE_TYPES))
    return (known or sorted(types) or [None])[0]


def _meta_authors(soup: BeautifulSoup, outlet: str | None) -> list[str]:
    names: list[str] = []
    for value in _meta_all(soup, *AUTHOR_META):
        if re.match(r"https?:|www\.|@", value.strip()):
            continue  # a profile URL or a social handle, not a name
        names.extend(n for n in clean_authors(value) if not _same_name(n, outlet))
    return list(dict.fromkeys(names))
