"""The article's authors, from the sources a page gives: JSON-LD, rel/itemprop=author links, author meta tags,
author-classed elements and "By ..." lines, and trafilatura's byline search.

`clean_authors` turns a byline ("By Jane Doe and John Roe, Staff Reporters · March 4, 2025") into names; it
also reads the byline lines of text inputs (`extractors.article.inputs`). A name found in free text must look
like a personal name (two to five capitalised words). A value the page *declares* as its author — in JSON-LD,
an author link or meta tag, an element marked as the author — may be a pseudonym or a first name alone
("Creeny", "Heiko"): the page says it is the author. Photo credits, comment authors, organisations, job titles
and the outlet's own name are never authors.
"""

from __future__ import annotations

import html as htmllib
import re
from functools import lru_cache
from typing import Any

from bs4 import BeautifulSoup, Tag

from extractors.article.dates import TEXT_DATE
from extractors.article.jsonld import JsonLdIds, types_of
from extractors.article.markup import (head_text, in_comments_or_asides, marker_of, meta, meta_all, node_text,
                                       strings_after)
from extractors.article.titles import squash


AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
               "byl", "cxenseparse:author")


# The word that introduces a byline, in the languages of the pages we read ("von" German, "par" French, "di"
# Italian, "door" Dutch), and the label of an author field ("Autor:", "Text:").
_BY = re.compile(
    r"^\s*(?:(?:written|words|reporting|report|text|story|photos?|analysis)\s+by|by|por|escrito\s+por|texto\s+de|"
    r"redactado\s+por|texto|text|words|reporting|autor|autora|autorin|author|von|par|di|door|artikel\s+von|"
    r"text\s+von|erstellt\s+von|eingestellt\s+von|geschrieben\s+von|verfasst\s+von|posted\s+by|[ée]crit\s+par)"
    r"\s*:?\s+", re.I)


_JOB_TITLES = re.compile(
    r"\b(?:staff|reporters?|correspondents?|editors?|writers?|columnists?|contributors?|contributing|bureau|chief|"
    r"senior|analysts?|producers?|photographers?|host|anchor|director|manager|intern|freelance|journalists?|"
    r"periodistas?|corresponsal(?:es)?|redacci[oó]n|reporter[oa]s?|enviad[ao]s?|editor[ae]s?|columnista|"
    r"colaborador[ae]?s?|jef[ea]|agencias?|agencies|news|desk|team|newsroom|wire|services?|press|media|"
    r"group|board|staffers?|contribuidor[ae]?s?|special|fellow|professor|head\s+of|guest|author|"
    r"agency|agencia|association|asociaci[oó]n|institute|instituto|university|universidad|ministry|ministerio|"
    r"department|departamento|council|office|company|foundation|fundaci[oó]n|society|organi[sz]ation|"
    r"redaktion|admin|administrator|webmaster|moderator|gastautor|autorin|stiftung|verband|verein|bund|institut|"
    r"gesellschaft|zeitung|zeitschrift|magazin|illustrierte|welle|rundfunk|fernsehen|agentur|e\.v|gmbh|"
    r"organizaci[oó]n|committee|commission|network|magazine|revista|journal|newspaper|peri[oó]dico|diario|"
    r"gazette|tribune|herald|courier|ledger|chronicle|daily|international|internacional|inc|ltd|llc|corp)\b",
    re.I)


_NAME_PARTICLES = {"de", "del", "la", "las", "los", "van", "von", "der", "den", "da", "do", "dos", "das", "di",
                   "du", "le", "bin", "al", "el", "ter", "ten", "y", "i", "st.", "mc", "jr.", "sr.", "jr", "sr"}


# Words of a page's furniture, and weekdays (bylines carry dates: "Donnerstag, 4. November 2021 / von ...").
_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
              "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lunes", "martes", "miércoles", "jueves",
              "viernes", "sábado", "domingo", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
              "dimanche", "autor", "autorin", "author", "escribe", "text", "texto", "von", "name", "the", "updated", "published", "posted", "share", "follow", "contact", "email", "read", "more",
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


_HANDLE = re.compile(r"^[^\W\d_][\w.'’-]{2,29}$")
# A site's address ("katholisch.at", "MesOpinions.com") names the site, not a person.
_DOMAIN = re.compile(r"\.[a-z]{2,6}$", re.I)


def _looks_like_handle(part: str) -> bool:
    """A pseudonym, username or first name alone ("Creeny", "karstenruppert", "Bo2man"): one token of at least
    three letters (digits, dots and dashes allowed inside; not an all-capitals abbreviation, not a web address),
    not a common word of a page's furniture."""
    return bool(_HANDLE.match(part)) and part.lower() not in _NOT_NAMES and part.casefold() not in _place_names() \
        and not (part.isupper() and len(part) <= 4) and not _DOMAIN.search(part)


def _same_name(name: str, outlet: str | None) -> bool:
    """The "author" is the outlet ("Lakeview Tribune", "Sioux Falls Lakeview Tribune")."""
    if not outlet:
        return False
    name_key, outlet_key = squash(name), squash(outlet)
    return bool(name_key and outlet_key) and (name_key == outlet_key or (len(outlet_key) >= 6 and outlet_key in name_key))


def clean_authors(text: str, *, declared: bool = False) -> list[str]:
    """Names from a byline: "By Jane Doe and John Roe, Staff Reporters · March 4, 2025" -> [Jane Doe, John Roe].

    The byline is cut into segments at line breaks and separators (| · — •); segments introduced by "By"/"Por"
    are preferred. In each, dates, times and "Updated ..." tails are cut, job titles and places after a comma
    are dropped, and what is left must look like a personal name (2-5 capitalised words, particles allowed) —
    or, when the page `declared` the text as its author, a single name or pseudonym.
    """
    if not text:
        return []
    text = _GLUED.sub("\n", htmllib.unescape(text))
    segments = [s.strip() for s in _SEGMENTS.split(text) if s and s.strip()]
    for i in range(len(segments) - 1):  # "By" on a line of its own, the name on the next
        if _BY.fullmatch(segments[i] + " "):
            segments[i], segments[i + 1] = "", f"{segments[i]} {segments[i + 1]}"
    segments = [s for s in segments if s and not _BY.fullmatch(s + " ")]
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
            if _looks_like_name(part) or (declared and _looks_like_handle(part)):
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


_BYLINE_START = re.compile(r"^\s*(?:by|por|written by|escrito por|von|par)\s+\S", re.I)


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
        person = False
        if isinstance(item, dict):
            if types_of(item) & {"organization", "newsmediaorganization", "corporation", "organisation"}:
                continue
            person = "person" in types_of(item)
            item = item.get("name")
        if isinstance(item, list):
            item = ", ".join(str(i) for i in item if isinstance(i, str))
        if isinstance(item, str):
            # a Person named like the site is a blog's author, not the outlet
            names.extend(n for n in clean_authors(htmllib.unescape(item), declared=True)
                         if person or not _same_name(n, outlet))
    return names


def meta_authors(soup: BeautifulSoup, outlet: str | None) -> list[str]:
    """Names of the author meta tags, and of a twitter:dataN tag whose twitter:labelN says "Written by"."""
    names: list[str] = []
    labelled = [meta(soup, f"twitter:data{n}") for n in (1, 2, 3)
                if _BY.fullmatch((meta(soup, f"twitter:label{n}") or "") + " ")]
    for value in meta_all(soup, *AUTHOR_META) + [v for v in labelled if v]:
        if re.match(r"https?:|www\.|@", value.strip()):
            continue  # a profile URL or a social handle, not a name
        names.extend(n for n in clean_authors(value, declared=True) if not _same_name(n, outlet))
    return list(dict.fromkeys(names))


def linked_authors(soup: BeautifulSoup) -> list[str]:
    """Names of rel=author and itemprop=author elements outside comments and asides (the outlet's name too: a
    link the page marks as its author's is one, on a blog named after its author)."""
    body = soup.body or soup
    linked: list[str] = []
    for tag in body.find_all(True, attrs={"rel": True}):
        rel = tag.get("rel")
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "author" in [r.lower() for r in rels] and not in_comments_or_asides(tag):
            linked.extend(clean_authors(tag.get_text(" ", strip=True), declared=True))
    for tag in body.find_all(True, itemprop=re.compile(r"^author$", re.I)):
        if not in_comments_or_asides(tag):
            name = tag.find(True, itemprop="name")
            linked.extend(clean_authors((name or tag).get_text(" ", strip=True), declared=True))
    return list(dict.fromkeys(linked))  # a link marked as the author's is one, even on a blog named after them


def byline_authors(soup: BeautifulSoup, outlet: str | None = None) -> list[str]:
    """Names from the page's byline: the first author-classed element, "By ..." line or author label ("Autor:",
    with the name after it) that names someone."""
    body = soup.body or soup
    for tag in body.find_all(["p", "div", "span", "address", "li", "a", "strong", "b", "em", "small", "header",
                              "h2", "h3", "h4", "h5", "h6", "cite"]):
        marked = bool(_AUTHOR_CLASS.search(marker_of(tag)))
        if not marked and not _BYLINE_START.match(head_text(tag)):
            continue
        text = node_text(tag)
        if not text or len(text) > 200 or in_comments_or_asides(tag) or _in_credit(tag):
            continue
        names = [n for n in clean_authors(text, declared=marked) if not _same_name(n, outlet)]
        if names:
            return names
    return labelled_authors(soup, outlet)


# An element that only labels the author field ("Autor:", "Von:", "Text:"); the name follows it.
_AUTHOR_LABEL = re.compile(r"^\s*(?:(?:autor|autorin|author|von|by|por|text|texto|redaktion)\s*:|autor|author)\s*$",
                           re.I)


def labelled_authors(soup: BeautifulSoup, outlet: str | None = None) -> list[str]:
    """The name written right after an author label: "<h5>Autor:</h5> Peter Maahn", "<b>Von:</b> Götz Warnke"."""
    for label in (soup.body or soup).find_all(string=_AUTHOR_LABEL):
        tag = label.parent
        if not isinstance(tag, Tag) or in_comments_or_asides(tag) or _in_credit(tag):
            continue
        # the strings after the label on lines of their own: the first is the name, the rest is not the byline
        following = "\n".join(strings_after(tag, 80)[:3])
        names = [n for n in clean_authors(f"{label.strip().rstrip(':')}: {following}", declared=True)
                 if not _same_name(n, outlet)]
        if names:
            return names
    return []


def library_authors(names: list[str], outlet: str | None = None) -> list[str]:
    """trafilatura's authors, cleaned like a declared value."""
    found = [n for name in names for n in clean_authors(name, declared=True) if not _same_name(n, outlet)]
    return list(dict.fromkeys(found))


# Sources in the order they are asked; the first that names someone gives the authors (order chosen on the tune
# split of web-metadata, bench/parse_metadata.py --sources).
AUTHOR_SOURCES = ("jsonld", "linked", "meta", "byline", "trafilatura")


def author_sources(soup: BeautifulSoup, jsonld: dict[str, Any] | None, ids: JsonLdIds, outlet: str | None,
                   library: list[str]) -> dict[str, list[str]]:
    """Each source's names (sources that name nobody are left out)."""
    found = {
        "jsonld": jsonld_authors(jsonld, ids, outlet) if jsonld else [],
        "linked": linked_authors(soup),
        "meta": meta_authors(soup, outlet),
        "byline": byline_authors(soup, outlet),
        "trafilatura": library_authors(library, outlet),
    }
    return {name: names for name, names in found.items() if names}


def pick_authors(sources: dict[str, list[str]]) -> list[str]:
    return next((sources[name] for name in AUTHOR_SOURCES if name in sources), [])
