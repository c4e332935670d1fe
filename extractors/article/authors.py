"""The article's authors: from JSON-LD, from author meta tags, else from the page's byline.

`clean_authors` turns a byline ("By Jane Doe and John Roe, Staff Reporters · March 4, 2025") into names; it
also reads the byline lines of text inputs (`extractors.article.inputs`). Photo credits, comment authors and
the outlet's own name are never authors.
"""

from __future__ import annotations

import html as htmllib
import re
from functools import lru_cache
from typing import Any

from bs4 import BeautifulSoup, Tag

from extractors.article.dates import TEXT_DATE
from extractors.article.jsonld import JsonLdIds, types_of
from extractors.article.markup import head_text, in_comments_or_asides, marker_of, meta_all, node_text
from extractors.article.titles import squash


AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
               "byl", "cxenseparse:author")


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
    name_key, outlet_key = squash(name), squash(outlet)
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
        if isinstance(node, Tag) and (node.name in ("figure", "figcaption") or _CREDIT_REGION.search(marker_of(node))):
            return True
    return False


def jsonld_authors(obj: dict[str, Any], ids: JsonLdIds | None = None, outlet: str | None = None) -> list[str]:
    value = obj.get("author") or obj.get("creator") or []
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values:
        if ids is not None:
            item = ids.resolve(item)
        if isinstance(item, dict):
            if types_of(item) & {"organization", "newsmediaorganization", "corporation", "organisation"}:
                continue
            item = item.get("name")
        if isinstance(item, list):
            item = ", ".join(str(i) for i in item if isinstance(i, str))
        if isinstance(item, str):
            names.extend(n for n in clean_authors(htmllib.unescape(item)) if not _same_name(n, outlet))
    return names


def meta_authors(soup: BeautifulSoup, outlet: str | None) -> list[str]:
    names: list[str] = []
    for value in meta_all(soup, *AUTHOR_META):
        if re.match(r"https?:|www\.|@", value.strip()):
            continue  # a profile URL or a social handle, not a name
        names.extend(n for n in clean_authors(value) if not _same_name(n, outlet))
    return list(dict.fromkeys(names))


def byline_authors(soup: BeautifulSoup, outlet: str | None = None) -> list[str]:
    """Names from the page's byline: rel/itemprop=author links, author-classed elements, "By ..." lines."""
    body = soup.body or soup
    linked: list[str] = []
    for tag in body.find_all(True, attrs={"rel": True}):
        rel = tag.get("rel")
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "author" in [r.lower() for r in rels] and not in_comments_or_asides(tag):
            linked.extend(clean_authors(tag.get_text(" ", strip=True)))
    for tag in body.find_all(True, itemprop=re.compile(r"^author$", re.I)):
        if not in_comments_or_asides(tag):
            name = tag.find(True, itemprop="name")
            linked.extend(clean_authors((name or tag).get_text(" ", strip=True)))
    linked = [n for n in dict.fromkeys(linked) if not _same_name(n, outlet)]
    if linked:
        return linked
    for tag in body.find_all(["p", "div", "span", "address", "li", "a", "strong", "b", "em", "small", "header",
                              "h2", "h3", "h4", "h5", "h6", "cite"]):
        text = None
        if _AUTHOR_CLASS.search(marker_of(tag)) or _BYLINE_START.match(head_text(tag)):
            text = node_text(tag)
        if not text or len(text) > 200 or in_comments_or_asides(tag) or _in_credit(tag):
            continue
        names = [n for n in clean_authors(text) if not _same_name(n, outlet)]
        if names:
            return names
    return []
