"""The article's authors, from the sources a page gives: JSON-LD, rel/itemprop=author links, author meta tags,
author-classed elements and "By ..." lines, trafilatura's byline search, and a name signed under the text.

`clean_authors` turns a byline ("By Jane Doe and John Roe, Staff Reporters · March 4, 2025") into names; it
also reads the byline lines of text inputs (`extractors.article.inputs`). A name found in free text must look
like a personal name (two to five capitalised words). A value the page *declares* as its author — in JSON-LD,
an author link or meta tag, an element marked as the author — may be a pseudonym or a first name alone
("Creeny", "Heiko"): the page says it is the author. Where a byline or a declared value names no person, what it
credits is the author as a reader sees it: a newsroom ("Redaktion", "Reuters Staff", "Redacción X") or a
one-word name ("By Reuters"). Photo credits, comment authors, organisations' names, job titles and the outlet's
own name are never authors.
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from functools import lru_cache
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from extractors.article.dates import TEXT_DATE
from extractors.article.jsonld import JsonLdIds, types_of
from extractors.article.markup import (head_text, in_comments_or_asides, marker_of, meta, meta_all, node_text,
                                       strings_after)
from extractors.article.titles import host_labels, squash


AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
               "byl", "cxenseparse:author")


# The word that introduces a byline, in the languages of the pages we read ("von" German, "par" French, "di"
# Italian, "door" Dutch), and the label of an author field ("Autor:", "Text:").
# The piece a byline introduces ("Eine Kolumne von", "Blog-Beitrag von", "A guest post by"), and the label of
# the words and the pictures together ("Text & Fotos:", "Words and pictures by"): the writer is the author.
_PIECE = (r"(?:(?:ein|eine|a|an)\s+)?(?:(?:gast|blog)[-\s]?)?(?:beitrag|kolumne|kommentar|essay|bericht|reportage|"
          r"analyse|interview|column|guest\s+post|commentary)\s+(?:von|by)")
_TEXT_AND_PICTURES = (r"(?:text|texto|words|story)\s*(?:&|\+|/|,|und|and|y)\s*(?:fotos?|photos?|bilder?|bild|pictures|"
                      r"images?|video|illustrations?)(?:\s+(?:von|by))?")
# The label of an author field on Russian, Ukrainian and Bulgarian pages ("Автор:", "Авторы:"). "Редактор:" names
# the editor, a role (`_ROLES`) like "Editor:", not the author.
_CYRILLIC_LABEL = r"автор(?:ы)?"
_BY = re.compile(
    r"^\s*(?:(?:written|words|reporting|report|text|story|analysis)\s+by|by|por|escrito\s+por|texto\s+de|"
    rf"(?:artikel|text|erstellt|eingestellt|geschrieben|verfasst)\s+von|{_PIECE}|{_TEXT_AND_PICTURES}|"
    rf"redactado\s+por|texto|text|words|reporting|autor|autora|autorin|author|{_CYRILLIC_LABEL}|von|par|di|door|"
    r"posted\s+by|"
    r"[ée]crit\s+par|auteure?|redaktion(?=\s*:))"
    r"\s*:?\s+", re.I)


# A person's job ("Staff Reporter", "Senior Trade Correspondent", "Rechtsanwalt"): never a name, never a credit.
_ROLES = re.compile(
    r"\b(?:reporters?|correspondents?|editors?|writers?|columnists?|contributors?|contributing|chief|senior|"
    r"analysts?|producers?|photographers?|host|anchor|director|manager|intern|freelance|journalists?|"
    r"periodistas?|corresponsal(?:es)?|reporter[oa]s?|enviad[ao]s?|editor[ae]s?|columnista|colaborador[ae]?s?|"
    r"jef[ea]|contribuidor[ae]?s?|special|fellow|professor|head\s+of|guest|author|admin|administrator|webmaster|"
    r"moderator|gastautor|autorin|redakteur(?:in)?|редактор\w*|staffers?|"
    r"\w*(?:leiter|sprecher|f[üu]hrer|referent|berater)(?:in)?)\b", re.I)


# A newsroom credited as the author ("Redaktion", "Reuters Staff", "Teufel Blog Redaktion", "Redacción Diario
# X", "Support Team"): a credit, even when it carries the outlet's name.
_NEWSROOM = re.compile(r"(?:\w*redaktion\w*|\bredacci[oó]n\b|\br[ée]daction\b|\bredazione\b|\breda[cç][aã]o\b|"
                       r"\bnewsroom\b|\bstaff\b|\bdesk\b|\w*team\b)", re.I)


# Words of an organisation's name ("European Space Agency", "Bund der Energieverbraucher", "El Diario").
_ORGANISATION = re.compile(
    r"\b(?:bureau|agencias?|agencies|news|wire|services?|press|media|group|board|agency|agencia|association|"
    r"asociaci[oó]n|institute|instituto|university|universidad|ministry|ministerio|department|departamento|"
    r"council|office|company|foundation|fundaci[oó]n|society|organi[sz]ation|stiftung|verband|verein|bund|"
    r"institut|gesellschaft|zeitung|zeitschrift|magazin|illustrierte|welle|rundfunk|fernsehen|agentur|e\.v|gmbh|"
    r"organizaci[oó]n|committee|commission|network|magazine|revista|journal|newspaper|peri[oó]dico|diario|"
    r"gazette|tribune|herald|courier|ledger|chronicle|daily|international|internacional|inc|ltd|llc|corp|"
    # and in Cyrillic: news, press, service, agency, ministry ("Пресс-служба Минфина", a ministry's press office)
    r"новост(?:и|ей|ь)|пресс|служб[аы]|агентств[оа]|министерств[оа])\b",
    re.I)


# A short code in one case ("dpa", "AFP", "JF"): an agency's, a desk's, initials or a short word ("por ende").
_SHORT_CODE = re.compile(r"^(?:[A-Z]{2,5}|[a-z]{2,5})$")


_NAME_PARTICLES = {"de", "del", "la", "las", "los", "van", "von", "der", "den", "da", "do", "dos", "das", "di",
                   "du", "le", "bin", "al", "el", "ter", "ten", "y", "i", "st.", "mc", "jr.", "sr.", "jr", "sr"}


# Words of a page's furniture, and weekdays (bylines carry dates: "Donnerstag, 4. November 2021 / von ...").
_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
              "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lunes", "martes", "miércoles", "jueves",
              "viernes", "sábado", "domingo", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
              "dimanche", "autor", "autorin", "author", "auteur", "auteure", "автор", "авторы", "escribe",
              "text", "texto", "von", "name", "the", "updated", "published", "posted", "share", "follow",
              "contact", "email", "read", "more",
              "opinion", "analysis", "review", "editorial", "comments", "comment", "sign", "subscribe", "view",
              "all", "and", "by", "por", "photo", "video", "listen", "print", "save", "min", "minutes", "news",
              "advertisement", "sponsored", "home", "menu", "search", "live", "breaking", "exclusive", "order",
              "reprints", "reprint", "permissions", "about", "profile", "articles", "posts", "stories", "twitter",
              "facebook", "linkedin", "instagram", "see", "full", "tweet", "bio", "close", "open", "login", "log",
              "in", "on", "of", "for", "to", "a", "an", "is", "at", "from", "this", "that", "our", "your", "my",
              "ver", "más", "leer", "compartir", "seguir", "suscríbete", "sección", "noticias"}


# The buttons a profile box prints after the name.
_BUTTONS = {"follow", "folgen", "share", "email", "e-mail", "contact", "kontakt", "subscribe", "abonnieren", "profile",
            "profil", "bio", "tweet", "more", "mehr"}


_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞŁŚŠŽČĆŘĐЀ-Я][\w'’.-]*|[A-Z]\.)$", re.U)


_SEGMENTS = re.compile(r"\s*(?:\n|\||·|•|●|▪|—|–|\s-\s|\s/\s|\u2022|\s{3,})\s*")


_LOCATION_TAIL = re.compile(r"\s+(?:in|en|from|desde|reporting from|at)\s+[A-ZÀ-Þ][\w .'-]*$")


_CUT_WORDS = re.compile(
    r"\b(?:(?:illustrations?|illustrationen|fotos?|photos?|photography|bilder|grafik(?:en)?|video)\s*(?:von|by|:)|"
    r"updated?|published|posted|publicado|actualizado|modified|ver[öo]ffentlicht|aktualisiert|"
    r"last\s+updated|on\s+(?=[A-Z]\w+\.?\s+\d)|(?:am|on|el|le)\s+(?=\d))",
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
    if not 2 <= len(words) <= 5 or re.search(r"\d|@|https?:|www\.|/|['’]s\b", part):  # "Today's Paper"
        return False
    if part.casefold() in _place_names():
        return False
    significant = 0
    for word in words:
        if word in _NAME_PARTICLES:  # lower-case "de", "van", "von"; a capitalised "Al" or "De" is a name
            continue
        if word.lower() in _NOT_NAMES:  # after the particles: "Alexa von Heyden" is a name, "Von Heyden" is not
            return False
        if not _NAME_TOKEN.match(word):
            return False
        significant += 1
    return significant >= 2


# A web address spelled out as words ("Www Lakeviewpost Info", "Harbourgazette Com"): trafilatura title-cases a
# site's address it finds in an author field. It names the site, not a person. Only suffixes that are no word,
# name particle or surname of the languages and bylines we read ("de", "es", "it", "at" are words; "Eu" and "Io"
# are Chinese surnames as Singapore and Macau spell them: "Daniel Eu").
_SPELLED_ADDRESS = re.compile(r"^(?:www\s+\S.*|\S.*\s(?:com|net|org|info|ch))$", re.I)


_HANDLE = re.compile(r"^[^\W\d_][\w.'’-]{2,29}$")
# A site's address ("katholisch.at", "MesOpinions.com") names the site, not a person.
_DOMAIN = re.compile(r"\.[a-z]{2,6}$", re.I)


def _looks_like_handle(part: str) -> bool:
    """A pseudonym, username or first name alone ("Creeny", "karstenruppert", "Bo2man"): one token of at least
    three letters (digits, dots and dashes allowed inside; not an all-capitals abbreviation, not a web address),
    not a common word of a page's furniture."""
    return bool(_HANDLE.match(part)) and part.lower() not in _NOT_NAMES and part.casefold() not in _place_names() \
        and not (part.isupper() and len(part) <= 4) and not _DOMAIN.search(part)


def _same_name(name: str, outlet: str | None, host: str | None = None) -> bool:
    """The "author" is the outlet: its name ("Lakeview Tribune", "Sioux Falls Lakeview Tribune") or the name
    its address is made of ("El Colombiano" on www.elcolombiano.com, or for the outlet "ElColombiano.com")."""
    name_key = squash(name)
    if not name_key or _NEWSROOM.search(name):
        return False  # the outlet's newsroom ("Lakeview Tribune staff") is a credit
    outlet_key = squash(outlet or "")
    if outlet_key and (name_key == outlet_key or (len(outlet_key) >= 6 and outlet_key in name_key)):
        return True
    # the name the site's own domain is made of, not its subdomains ("surfguard" on surfguard.wordpress.com is
    # a blogger's handle)
    for address in (host, outlet):
        if address and _DOMAIN.search(address.strip()) and " " not in address.strip():
            labels = host_labels(address.strip())
            if labels and name_key == labels[-1]:
                return True
    return False


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
    segments = [s.strip().lstrip("-–—").strip() for s in _SEGMENTS.split(text) if s and s.strip()]
    for i in range(len(segments) - 1):  # "By" on a line of its own, the name on the next
        if _BY.fullmatch(segments[i] + " "):
            segments[i], segments[i + 1] = "", f"{segments[i]} {segments[i + 1]}"
    segments = [_after_date(s) for s in segments if s and not _BY.fullmatch(s + " ")]
    introduced = [s for s in segments if _BY.match(s)]
    names: list[str] = []
    credited: list[str] = []
    for segment in introduced or segments:
        introduced_here = bool(_BY.match(segment))
        segment = _BY.sub("", segment).strip()
        segment = re.sub(r"\s*\([^)]*\)?", " ", segment)  # "(Pressesprecher des EJW)", "(dpa)": what follows a name
        cut = _CUT_WORDS.search(segment)
        if cut:
            segment = segment[: cut.start()]
        date = TEXT_DATE.search(segment)
        if date:
            segment = segment[: date.start()]
        segment = re.sub(r"\d{1,2}[:/.-]\d{1,2}.*$", "", segment)
        segment = _LOCATION_TAIL.sub("", segment.strip(" ,;:-"))
        credits = declared or introduced_here  # a credit counts where the page says it is the byline
        for part in _NAME_SPLIT.split(segment):
            part = _trim_furniture(re.sub(r"\s+", " ", part).strip(" .,;:-()[]\"'“”"))
            if not part:
                continue
            kind = _kind(part, declared, credits)
            if kind == "person":
                names.append(_name_case(part))
            elif kind:
                credited.append(part)
        if (names or credited) and not introduced:
            break  # "Jane Doe\nSioux Falls Ledger\nPublished ...": the names come first, the outlet after
    # a person the byline names is its author; a credit only when it names no one ("Redaktion", "By Reuters")
    return list(dict.fromkeys(names or credited))


def _after_date(segment: str) -> str:
    """A byline after the date it is printed beside ("06.11.2023 13:30 von Olga" -> "von Olga"); else as it is."""
    date = TEXT_DATE.match(segment)
    rest = segment[date.end():].lstrip(" ,;|·-–—") if date else ""
    return rest if rest and _BY.match(rest) else segment


def _dated_name(text: str) -> str | None:
    """The name of a line that is only a date and a person's name ("11.12.2019 - Amelie Loevenich")."""
    date = TEXT_DATE.match(text.strip())
    rest = text.strip()[date.end():] if date else ""
    if not re.match(r"\s*[-–—|·,/]\s*\S", rest):
        return None
    rest = rest.strip(" -–—|·,/")
    return rest if _kind(rest, False, False) == "person" else None


def _trim_furniture(part: str) -> str:
    """A name without the button printed after it ("Inga Hoeltmann Follow", "Jane Doe Email")."""
    words = part.split()
    while len(words) > 2 and words[-1].lower() in _BUTTONS:
        words.pop()
    return " ".join(words)


def _kind(part: str, declared: bool, credits: bool) -> str | None:
    """"person" (a personal name, or a pseudonym the page declares), "credit" (where the text is a byline or
    declared: a newsroom, or a one-word name such as an agency's) or None. On the tune split of web-metadata,
    newsrooms and one-word credits raised author recall at no cost in precision; organisations' names and
    short codes ("dpa", "JF", "LD": an agency's, a desk's, initials, or a word like "ende") did not, and stay out."""
    if re.search(r"@|https?:|www\.|\d{3}", part) or part.lower() in _NOT_NAMES or _ROLES.search(part) \
            or _SPELLED_ADDRESS.match(part):
        return None
    if not _ORGANISATION.search(part) and not _NEWSROOM.search(part):
        if _looks_like_name(part) or (declared and _looks_like_handle(part)):
            return "person"
    if not credits or len(part.split()) > 6 or len(part) > 60:
        return None
    if _NEWSROOM.search(part):
        return "credit"
    if not _ORGANISATION.search(part) and not _SHORT_CODE.match(part) and _looks_like_handle(part):
        return "credit"
    return None


def _name_case(name: str) -> str:
    """"TOM KRISHER" -> "Tom Krisher"; names already in mixed case are kept as written."""
    if not name.isupper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())


# Between names: commas, slashes ("Peter Maahn/SP-X"), "and"/"y"/"e" (any case, but not an initial like "Y."), "with", and the full stop
# that ends a word ("Jane Doe. Harbour Press"), never the one after an initial ("Trevor J. Mitchell").
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|(?i:\b(?:im\s+gespr[äa]ch\s+mit|in\s+conversation\s+with|and|y|e|with|con)\b)(?!\.)|"
                         r"(?<=[a-z]{2})\.(?=\s+[A-Z]))\s*")


_AUTHOR_CLASS = re.compile(r"byline|by-line|\bbyl\b|author|autor|firma|writer|contributor|reporter|signature",
                           re.I)


# Photo and video credits name photographers and agencies, not the article's authors.
_CREDIT_REGION = re.compile(r"image|photo|caption|figure|video|gallery|credit|foto|pie-?de", re.I)


_BYLINE_START = re.compile(r"^\s*(?:[-–—|·•]\s*)?(?:(?:by|por|written by|posted by|escrito por|publicado por|von|"
                           r"(?:text|geschrieben|verfasst|eingestellt|erstellt)\s+von|par)\s+|"
                           rf"(?:{_PIECE}|{_TEXT_AND_PICTURES})\s*:?\s*|"
                           rf"(?:autor|autorin|author|auteur|auteure|{_CYRILLIC_LABEL}|redaktion|text|texto)\s*:\s*)\S",
                           re.I)


def _in_credit(tag: Tag) -> bool:
    for node in (tag, *list(tag.parents)[:3]):
        if isinstance(node, Tag) and (node.name in ("figure", "figcaption") or _CREDIT_REGION.search(marker_of(node))):
            return True
    return False


def _in_form(tag: Tag) -> bool:
    """Inside a form: "Von:" labels a search field there ("Von: [Suche]"), never a byline."""
    return tag.find_parent("form") is not None


_ORGANISATION_TYPES = {"organization", "newsmediaorganization", "corporation", "organisation"}


def _publisher_name(obj: dict[str, Any], ids: JsonLdIds | None) -> str | None:
    """The name of the organisation the JSON-LD object names as its publisher."""
    value = obj.get("publisher")
    value = value[0] if isinstance(value, list) and value else value
    if ids is not None:
        value = ids.resolve(value)
    name = value.get("name") if isinstance(value, dict) and types_of(value) & _ORGANISATION_TYPES else None
    return name if isinstance(name, str) else None


# A forum thread's opening post: schema markup that names who wrote what the page shows, where no article
# object does (a thread is no article type: `jsonld.ARTICLE_TYPES`).
_POSTING_TYPES = {"discussionforumposting"}


def authored_object(main: dict[str, Any] | None, objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The JSON-LD object whose author the page declares: the main one's, else the first posting's."""
    if main and (main.get("author") or main.get("creator")):
        return main
    return next((o for o in objects if types_of(o) & _POSTING_TYPES and o.get("author")), main)


def jsonld_authors(obj: dict[str, Any], ids: JsonLdIds | None = None, outlet: str | None = None,
                   host: str | None = None) -> list[str]:
    value = obj.get("author") or obj.get("creator") or []
    publisher = _publisher_name(obj, ids)
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values:
        if ids is not None:
            item = ids.resolve(item)
        person = False
        if isinstance(item, dict):
            if types_of(item) & _ORGANISATION_TYPES:
                continue
            person = "person" in types_of(item)
            item = item.get("name")
        if isinstance(item, list):
            item = ", ".join(str(i) for i in item if isinstance(i, str))
        if isinstance(item, str):
            # a Person named like the site is a blog's author, not the outlet — unless the publisher is an
            # organisation of that name (a template's default credit: Person "L'Opinion", publisher "L'Opinion")
            names.extend(n for n in clean_authors(htmllib.unescape(item), declared=True)
                         if not _same_name(n, outlet, host) or (person and not _same_name(n, publisher)))
    return names


def meta_authors(soup: BeautifulSoup, outlet: str | None, host: str | None = None) -> list[str]:
    """Names of the author meta tags, and of a twitter:dataN tag whose twitter:labelN says "Written by"."""
    names: list[str] = []
    labelled = [meta(soup, f"twitter:data{n}") for n in (1, 2, 3)
                if _BY.fullmatch((meta(soup, f"twitter:label{n}") or "") + " ")]
    for value in meta_all(soup, *AUTHOR_META) + [v for v in labelled if v]:
        if re.match(r"https?:|www\.|@", value.strip()):
            continue  # a profile URL or a social handle, not a name
        names.extend(n for n in clean_authors(value, declared=True) if not _same_name(n, outlet, host))
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


def byline_authors(soup: BeautifulSoup, outlet: str | None = None, host: str | None = None) -> list[str]:
    """Names from the page's byline: the first author-classed element, "By ..." line or author label ("Autor:",
    with the name after it) that names someone."""
    body = soup.body or soup
    for tag in body.find_all(["p", "div", "span", "address", "li", "a", "strong", "b", "em", "small", "header",
                              "h2", "h3", "h4", "h5", "h6", "cite", "td"]):
        marked = bool(_AUTHOR_CLASS.search(marker_of(tag)))
        head = head_text(tag, 80)
        dated = _dated_name(head) if len(head) < 80 else None  # the whole line, not the start of a paragraph
        if not marked and not dated and not _BYLINE_START.match(_after_date(head)):
            continue
        text = dated or node_text(tag)
        if not text or len(text) > 200 or in_comments_or_asides(tag) or _in_credit(tag) or _in_form(tag):
            continue
        names = [n for n in clean_authors(text, declared=marked) if not _same_name(n, outlet, host)]
        if names:
            return names
    return labelled_authors(soup, outlet, host)


# An element that only labels the author field ("Autor:", "Von:", "Text:"); the name follows it.
_AUTHOR_LABEL = re.compile(
    rf"^\s*(?:(?:autor|autorin|author|{_CYRILLIC_LABEL}|von|by|por|text|texto|redaktion)\s*:|autor|author)\s*$", re.I)


def labelled_authors(soup: BeautifulSoup, outlet: str | None = None, host: str | None = None) -> list[str]:
    """The name written right after an author label: "<h5>Autor:</h5> Peter Maahn", "<b>Von:</b> Götz Warnke"."""
    for label in (soup.body or soup).find_all(string=_AUTHOR_LABEL):
        tag = label.parent
        if not isinstance(tag, Tag) or in_comments_or_asides(tag) or _in_credit(tag) or _in_form(tag):
            continue
        # the strings after the label on lines of their own: the first is the name, the rest is not the byline
        following = "\n".join(strings_after(tag, 80)[:3])
        names = [n for n in clean_authors(f"{label.strip().rstrip(':')}: {following}", declared=True)
                 if not _same_name(n, outlet, host)]
        if names:
            return names
    return []


def library_authors(names: list[str], outlet: str | None = None, host: str | None = None) -> list[str]:
    """trafilatura's authors, cleaned like a declared value."""
    found = [n for name in names for n in clean_authors(name, declared=True) if not _same_name(n, outlet, host)]
    return list(dict.fromkeys(found))


def signature_authors(soup: BeautifulSoup) -> list[str]:
    """The writer's name signed under the article: a paragraph that is only a person's name in bold or italics
    ("<p><b>Jane Doe</b></p>"; no figures, so no address) below the body's paragraphs, with no section after it.
    A bold sub-heading ("Further Reading:", "Our Verdict") introduces what follows it, a list or paragraphs of
    text; a signature closes the text, and at most notes follow it. Asked last: only where no other source
    names anyone (web-metadata tune: right on all 6 pages with a gold author where it answers)."""
    layouts: dict[int, dict[int, tuple[int, bool]]] = {}
    for para in (soup.body or soup).find_all("p"):
        strings = [s for s in para.strings if s.strip()]
        if not strings or not all(_emphasised(s, para) for s in strings):
            continue
        text = " ".join(" ".join(s.split()) for s in strings)
        if len(text) > 60 or text.endswith(":") or re.search(r"\d", text) or in_comments_or_asides(para):
            continue
        parent = para.parent
        if id(parent) not in layouts:
            layouts[id(parent)] = _sibling_layout(parent)
        body_above, section_below = layouts[id(parent)][id(para)]
        if body_above < _SIGNED_BODY or section_below:
            continue
        names = [n for n in clean_authors(text) if _kind(n, False, False) == "person"]
        if names:
            return names
    return []


def _sibling_layout(parent: Tag) -> dict[int, tuple[int, bool]]:
    """For each child element: the characters of the <p> siblings above it, and whether a list or a long element
    (a table excepted) follows it. One pass each way, so a page of many short bold lines stays linear."""
    children = [child for child in parent.children if isinstance(child, Tag)]
    lengths = [len(child.get_text(strip=True)) for child in children]
    layout: dict[int, tuple[int, bool]] = {}
    above = 0
    for child, length in zip(children, lengths):
        layout[id(child)] = (above, False)
        if child.name == "p":
            above += length
    below = False
    for child, length in zip(reversed(children), reversed(lengths)):
        layout[id(child)] = (layout[id(child)][0], below)
        below = below or child.name in ("ul", "ol") or (child.name != "table" and length > _NOTE)
    return layout


_SIGNED_BODY = 500  # characters of the body's paragraphs above a signature
_NOTE = 200  # an element after the signature longer than this is text of another section (a table: notes)


def _emphasised(string: NavigableString, para: Tag) -> bool:
    """The string sits inside <b>, <strong>, <i> or <em> within the paragraph."""
    node = string.parent
    while node is not None and node is not para:
        if node.name in ("b", "strong", "i", "em"):
            return True
        node = node.parent
    return False


# Sources in the order they are asked; the first that names someone gives the authors (order chosen on the tune
# split of web-metadata, bench/parse_metadata.py --sources).
AUTHOR_SOURCES = ("jsonld", "linked", "meta", "byline", "trafilatura", "signature")


def author_sources(soup: BeautifulSoup, jsonld: dict[str, Any] | None, ids: JsonLdIds, outlet: str | None,
                   library: list[str], host: str | None = None) -> dict[str, list[str]]:
    """Each source's names (sources that name nobody are left out); `outlet` and `host` (the site's name and
    address) say which credit is the outlet's own name."""
    found = {
        "jsonld": jsonld_authors(jsonld, ids, outlet, host) if jsonld else [],
        "linked": linked_authors(soup),
        "meta": meta_authors(soup, outlet, host),
        "byline": byline_authors(soup, outlet, host),
        "trafilatura": library_authors(library, outlet, host),
        "signature": signature_authors(soup),
    }
    return {name: names for name, names in found.items() if names}


def pick_authors(sources: dict[str, list[str]]) -> list[str]:
    """The first source's names; a username ("gabor_munier") or a first name alone ("Nils") gives way to the full
    name a later source spells it out as ("Gàbor Muniér", "Nils Pickert")."""
    answers = [sources[name] for name in AUTHOR_SOURCES if name in sources]
    if not answers:
        return []
    if all(len(n.split()) == 1 for n in answers[0]):
        letters = {_letters(n) for n in answers[0]}
        for names in answers[1:]:
            if any(len(n.split()) > 1 and (_letters(n) in letters or _letters(n.split()[0]) in letters)
                   for n in names):
                return names
    return answers[0]


def _letters(name: str) -> str:
    """A name's letters without accents, case or separators: "Gàbor Muniér" and "gabor_munier" -> "gabormunier"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if c.isalnum())
