"""Discovery: the article URLs a source lists — RSS 2.0 / RSS 1.0 and Atom feeds, (news) sitemaps, sitemap indexes.

Hostile XML: documents are parsed by lxml with entity substitution, DTD loading and network access off and
huge-tree support off, and a document whose DTD declares entities (billion laughs, external entities — no
legitimate feed does that) is refused outright, so nothing is ever expanded or read from elsewhere.

Malformed XML, as served on the real web: a byte-order mark or blank lines before the XML declaration, bare
`&` in URLs and titles, and control characters are repaired first; if the document still does not parse, lxml's
recovery mode reads what it can and the listing is marked `recovered` with the parser's complaint in `error`.
A document from which nothing can be read raises FeedError with a one-line reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from extractors.article.machine_dates import parse_date
from extractors.article.urls import canonical_url

MAX_SITEMAP_DEPTH = 2
FEED_ROOTS = ("rss", "rdf", "feed", "urlset", "sitemapindex")
_BARE_AMPERSAND = re.compile(rb"&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z_][\w.-]*);)")
_CONTROL_CHARS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TAGS = re.compile(r"<[^>]*>")
_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)")
_HTML_START = re.compile(rb"(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class Candidate:
    """An article URL a source lists, with what the listing says about it."""

    url: str
    source: str
    title: str | None = None
    published: datetime | None = None
    language: str | None = None


@dataclass
class Listing:
    """What one feed or sitemap document holds: article candidates, and sitemaps to read next."""

    kind: str  # rss | atom | sitemap | sitemapindex
    candidates: list[Candidate]
    sitemaps: list[str]
    recovered: bool = False  # the document was malformed and read in lxml's recovery mode: it may be partial
    error: str | None = None  # what was wrong with it, when recovered (one line)
    skipped: int = field(default=0)  # entries without a usable URL
    # Links with a scheme other than http(s) (javascript:, file:, ftp: ...), refused; at most MAX_REFUSED_LISTED
    refused: list[str] = field(default_factory=list)


MAX_REFUSED_LISTED = 50


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; the message is the one-line reason."""


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=recover,
                           remove_comments=True, remove_pis=True, load_dtd=False)


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    try:
        return etree.QName(tag).localname.lower()
    except ValueError:  # recovery mode keeps names lxml itself calls invalid ("rdf:")
        return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _child(element: etree._Element, *names: str) -> etree._Element | None:
    for child in element:
        if _local(child.tag) in names:
            return child
    return None


def _child_text(element: etree._Element, *names: str) -> str | None:
    """The text of the first child named any of `names` that has some (names tried in order)."""
    for name in names:
        for child in element:
            if _local(child.tag) == name:
                text = _text(child)
                if text:
                    return text
    return None


def _strip_prolog_junk(content: bytes) -> bytes:
    """Drop a UTF-8 byte-order mark and blank space before the first `<` (XML forbids both before `<?xml`)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content  # UTF-16: leave it to the parser
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    return content.lstrip(b" \t\r\n")


def _repair(content: bytes) -> bytes:
    """Fix what real feeds get wrong most: bare `&`, control characters, Windows-1252 bytes labelled UTF-8."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content
    declared = _DECLARED_ENCODING.match(content)
    if declared is None or declared.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8"):
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:  # lxml's recovery would turn these into U+FFFD and lose text around them
            content = content.decode("cp1252", errors="replace").encode("utf-8")
    return _CONTROL_CHARS.sub(b"", _BARE_AMPERSAND.sub(b"&amp;", content))


def _parse_tree(content: bytes) -> tuple[etree._Element, str | None]:
    """(root, None) for a well-formed document, (root, complaint) for a repaired or recovered one."""
    content = _strip_prolog_junk(content)
    if not content.strip():
        raise FeedError("empty document")
    if _HTML_START.match(content[:4096]):
        raise FeedError("not a feed or sitemap: the document is an HTML page")
    first_error: str | None = None
    attempts = ((content, False), (_repair(content), False), (content, True))
    for index, (data, recover) in enumerate(attempts):
        try:
            root = etree.fromstring(data, _parser(recover))
        except etree.XMLSyntaxError as exc:
            first_error = first_error or _one_line(str(exc))
            if "amplification" in str(exc):  # libxml2's own entity-expansion guard tripped: hostile
                raise FeedError("refused: entity expansion in the document (billion laughs?)") from None
            continue
        if root is None:
            continue
        _refuse_entities(root)
        return root, (first_error if index else None)
    raise FeedError(f"malformed XML: {first_error or 'nothing readable'}")


def _refuse_entities(root: etree._Element) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise FeedError("refused: the document's DTD declares entities (entity expansion and external "
                        "entities are never processed)")


def parse_listing(content: bytes, source: str, *, base_url: str | None = None) -> Listing:
    """Read a feed or sitemap document; raises FeedError when it is neither or cannot be read.

    `base_url` (the URL the document was fetched from) resolves relative links; without it they are kept only
    when absolute.
    """
    root, complaint = _parse_tree(content)
    kind = _local(root.tag)
    if kind in ("rss", "rdf"):
        listing = _rss(root, source, base_url)
    elif kind == "feed":
        listing = _atom(root, source, base_url)
    elif kind == "urlset":
        listing = _urlset(root, source, base_url)
    elif kind == "sitemapindex":
        locs = [_child_text(s, "loc") for s in root if _local(s.tag) == "sitemap"]
        sitemaps = [u for u in (_absolute(loc, base_url) for loc in locs if loc) if u]
        listing = Listing("sitemapindex", [], sitemaps, skipped=len(locs) - len(sitemaps),
                          refused=_refused([loc for loc in locs if loc and not _absolute(loc, base_url)], base_url))
    else:
        reason = f"not a feed or sitemap (root element <{kind or root.tag}>)"
        raise FeedError(reason + (f"; the document is also malformed: {complaint}" if complaint else ""))
    if complaint:
        listing.recovered, listing.error = True, complaint
    return listing


def _absolute(url: str | None, base_url: str | None) -> str | None:
    """The absolute http(s) URL `url` names, canonicalised, or None."""
    if not url:
        return None
    try:
        url = urljoin(base_url, url.strip()) if base_url else url.strip()
        if not re.match(r"https?://[^/\s]", url, re.I):
            return None
        return canonical_url(url)
    except ValueError:  # not a URL after all ("http://[x", a port of 99999): skipped like a missing link
        return None


def _refused(links: list[str | None], base_url: str | None) -> list[str]:
    """The links that name something other than an http(s) URL (a scheme we refuse), as written."""
    found = []
    for link in links:
        if not link:
            continue
        try:
            joined = urljoin(base_url, link.strip()) if base_url else link.strip()
        except ValueError:
            continue
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", joined) and not re.match(r"https?:", joined, re.I):
            found.append(_one_line(joined)[:200])
    return found[:MAX_REFUSED_LISTED]


def _rss(root: etree._Element, source: str, base_url: str | None) -> Listing:
    channel = _child(root, "channel")
    language = _language(_child_text(channel, "language") if channel is not None else None)
    candidates, skipped, unusable = [], 0, []
    for item in root.iter():
        if _local(item.tag) != "item":
            continue
        link = _rss_link(item)
        url = _absolute(link, base_url)
        if not url:
            skipped += 1
            unusable.append(link)
            continue
        candidates.append(Candidate(
            url=url,
            source=source,
            title=_clean_title(_child_text(item, "title")),
            published=parse_date(_child_text(item, "pubdate", "date", "published", "updated")),
            language=language,
        ))
    return Listing("rss", candidates, [], skipped=skipped, refused=_refused(unusable, base_url))


def _rss_link(item: etree._Element) -> str | None:
    # FeedBurner-style proxies put the publisher's URL in origLink; <link> then points at the proxy.
    link = _child_text(item, "origlink", "link")
    if link:
        return link
    for child in item:  # an atom:link inside an RSS item
        if _local(child.tag) == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            return child.get("href")
    guid = _child(item, "guid")
    if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
        return _text(guid) or None
    return None


def _atom(root: etree._Element, source: str, base_url: str | None) -> Listing:
    feed_language = _language(root.get(_XML_LANG))
    candidates, skipped, unusable = [], 0, []
    for entry in root:
        if _local(entry.tag) != "entry":
            continue
        href = None
        for link in entry:
            if _local(link.tag) == "link" and link.get("href") and link.get("rel", "alternate") == "alternate":
                href = link.get("href")
                break
        if href is None:
            entry_id = _child_text(entry, "id")
            href = entry_id if entry_id and entry_id.lower().startswith(("http://", "https://")) else None
        url = _absolute(href, base_url)
        if not url:
            skipped += 1
            unusable.append(href)
            continue
        title = _child(entry, "title")
        candidates.append(Candidate(
            url=url,
            source=source,
            title=_clean_title(_text(title) if title is not None else None, html=title is not None
                               and title.get("type") == "html"),
            published=parse_date(_child_text(entry, "published", "updated", "issued", "modified")),
            language=_language(entry.get(_XML_LANG)) or feed_language,
        ))
    return Listing("atom", candidates, [], skipped=skipped, refused=_refused(unusable, base_url))


def _urlset(root: etree._Element, source: str, base_url: str | None) -> Listing:
    candidates, skipped, unusable = [], 0, []
    for element in root:
        if _local(element.tag) != "url":
            continue
        loc = _child_text(element, "loc")
        url = _absolute(loc, base_url)
        if not url:
            skipped += 1
            unusable.append(loc)
            continue
        title = published = language = None
        news = _child(element, "news")
        if news is not None:  # Google News sitemap: <news:news><news:publication>...</news:publication>
            title = _clean_title(_child_text(news, "title"))
            published = parse_date(_child_text(news, "publication_date"))
            publication = _child(news, "publication")
            if publication is not None:
                language = _language(_child_text(publication, "language"))
        if published is None:
            published = parse_date(_child_text(element, "lastmod"))
        candidates.append(Candidate(url=url, source=source, title=title, published=published, language=language))
    return Listing("sitemap", candidates, [], skipped=skipped, refused=_refused(unusable, base_url))


def _clean_title(title: str | None, html: bool = False) -> str | None:
    if not title:
        return None
    if html or "<" in title:
        title = _TAGS.sub(" ", title)
    title = " ".join(title.split())
    return title or None


def _language(value: str | None) -> str | None:
    """"en-US" -> "en"; None for anything that is not a language tag."""
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


_ROOT_NAME = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def looks_like_xml(content: bytes) -> bool:
    """Whether `content` looks like a feed or sitemap (rather than an HTML page): its root element is one."""
    head = _strip_prolog_junk(content[:4096])
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    position = 0
    while True:  # skip the XML declaration, processing instructions, comments and the DOCTYPE
        head_rest = head[position:].lstrip()
        position = len(head) - len(head_rest)
        if head_rest.startswith(b"<?"):
            closer = b"?>"
        elif head_rest.startswith(b"<!--"):
            closer = b"-->"
        elif head_rest[:9].upper() == b"<!DOCTYPE":
            if head_rest[9:].lstrip()[:4].lower() == b"html":
                return False
            bracket, close = head_rest.find(b"["), head_rest.find(b">")
            closer = b"]>" if 0 <= bracket < close else b">"
        else:
            break
        end = head_rest.find(closer)
        if end < 0:
            return head.lower().startswith(b"<?xml")
        position += end + len(closer)
    match = _ROOT_NAME.match(head[position:])
    if not match:
        return False
    name = match.group(1).decode("ascii", "replace").split(":")[-1].lower()
    return name in FEED_ROOTS
