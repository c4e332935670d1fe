"""Discovery: the article URLs a source lists — RSS 2.0 and Atom feeds, news sitemaps and sitemap indexes.

Feeds are parsed with lxml configured against hostile XML (no entity expansion, no network, no huge trees);
a malformed feed is read in recovery mode when possible, and reported when nothing can be read from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from extractors.dates import parse_date
from extractors.urls import canonical_url

MAX_SITEMAP_DEPTH = 2


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


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; the message is the one-line reason."""


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=recover,
                           remove_comments=True, load_dtd=False)


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *names: str) -> str | None:
    for child in element:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def parse_listing(content: bytes, source: str) -> Listing:
    """Read a feed or sitemap document; raises FeedError when it is neither or cannot be parsed."""
    root, error = None, "empty document"
    for recover in (False, True):
        try:
            root = etree.fromstring(content, _parser(recover))
        except etree.XMLSyntaxError as exc:
            error = str(exc)
            continue
        if root is not None:
            break
    if root is None:
        raise FeedError(f"malformed XML: {error}")
    kind = _local(root.tag)
    if kind == "rss" or kind == "rdf":
        return Listing("rss", [_rss_item(item, source) for item in root.iter() if _local(item.tag) == "item"
                               and _child_text(item, "link")], [])
    if kind == "feed":
        return Listing("atom", [c for c in (_atom_entry(e, source) for e in root if _local(e.tag) == "entry") if c],
                       [])
    if kind == "urlset":
        return Listing("sitemap", [c for c in (_sitemap_url(u, source) for u in root if _local(u.tag) == "url")
                                   if c], [])
    if kind == "sitemapindex":
        return Listing("sitemapindex", [], [loc for s in root if _local(s.tag) == "sitemap"
                                            for loc in [_child_text(s, "loc")] if loc])
    raise FeedError(f"not a feed or sitemap (root element <{kind}>)")


def _rss_item(item: etree._Element, source: str) -> Candidate:
    return Candidate(
        url=canonical_url(_child_text(item, "link") or ""),
        source=source,
        title=_child_text(item, "title"),
        published=parse_date(_child_text(item, "pubdate", "date")),
    )


def _atom_entry(entry: etree._Element, source: str) -> Candidate | None:
    href = None
    for link in entry:
        if _local(link.tag) == "link" and link.get("rel", "alternate") == "alternate" and link.get("href"):
            href = link.get("href")
            break
    if not href:
        return None
    return Candidate(url=canonical_url(href), source=source, title=_child_text(entry, "title"),
                     published=parse_date(_child_text(entry, "published", "updated")))


def _sitemap_url(element: etree._Element, source: str) -> Candidate | None:
    loc = _child_text(element, "loc")
    if not loc:
        return None
    title = published = language = None
    for child in element.iter():
        name = _local(child.tag)
        if name == "publication_date":
            published = parse_date((child.text or "").strip())
        elif name == "title" and child is not element:
            title = (child.text or "").strip() or None
        elif name == "language":
            language = (child.text or "").strip() or None
    if published is None:
        published = parse_date(_child_text(element, "lastmod"))
    return Candidate(url=canonical_url(loc), source=source, title=title, published=published, language=language)


def looks_like_xml(content: bytes) -> bool:
    head = content[:512].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<urlset", b"<sitemapindex"))
