"""What a tag is and where it sits: meta tags, the text of a node, and the page regions whose dates and names
are not the article's (comments, related-story rails, teasers, asides, footers, banners).

Shared by the readers of authors (`authors`) and dates (`page_dates`).
"""

from __future__ import annotations

import html as htmllib
import re

from bs4 import BeautifulSoup, NavigableString, Tag


def _meta_key(tag: Tag) -> str:
    return (tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv") or "").lower()


def meta(soup: BeautifulSoup, *names: str) -> str | None:
    """The content of the first meta tag among `names`, in the order of `names` (the preferred first)."""
    values = meta_all(soup, *names)
    return values[0] if values else None


def meta_all(soup: BeautifulSoup, *names: str) -> list[str]:
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
    r"sidebar|promo(?!ted)|teaser|newsletter|cookie|consent|gdpr|onetrust|privacy|trending|popular|most-read|"
    r"also-read|next-article|outbrain|taboola|author-bio|about-author|\bbio\b", re.I)


# A class that describes a page's layout ("has-sidebar", "no-comments", "layoutTwoColumnsRightSidebar") names
# what the wrapper holds beside the article, not what the wrapper is.
_LAYOUT_CLASS = re.compile(r"^(?:[Hh]as|[Ww]ith|[Nn]o|[Ll]ayout)(?:[-_]|[A-Z])")


def _region_marker(tag: Tag) -> str:
    """`marker_of` without the classes that describe the page's layout."""
    return " ".join(word for word in marker_of(tag).split() if not _LAYOUT_CLASS.match(word))


def marker_of(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, tag.get("id") or "", tag.get("itemprop") or "", tag.get("data-component") or ""])


def in_comments_or_asides(tag: Tag) -> bool:
    """True inside comments, related-story lists, teasers, footers and banners: their dates and names are
    not the article's."""
    for node in (tag, *tag.parents):
        if not isinstance(node, Tag) or node.name in ("body", "html", "[document]"):
            break
        if node.name in ("aside", "footer", "nav"):
            return True
        if _EXCLUDED_REGION.search(_region_marker(node)) and node.find("h1") is None:
            # a region that holds the page's headline is a page wrapper ("content has-sidebar"), not a rail
            return True
    return False


def in_teaser(tag: Tag) -> bool:
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


def head_text(node: Tag, size: int = 40) -> str:
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


def node_text(node: Tag) -> str:
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


def strings_after(tag: Tag, size: int) -> list[str]:
    """The page's text strings after `tag` (its own text excluded), about `size` characters of them; scripts,
    comments, asides and teasers of other stories skipped."""
    last: Tag | NavigableString = tag
    while isinstance(last, Tag) and last.contents:
        last = last.contents[-1]
    parts: list[str] = []
    length = 0
    for node in last.next_elements:
        if type(node) is not NavigableString or node.parent is None or \
                node.parent.name in ("script", "style", "noscript", "template"):
            continue
        text = " ".join(node.split())
        if text and not (in_comments_or_asides(node.parent) or in_teaser(node.parent)):
            parts.append(text)
            length += len(text) + 1
            if length >= size:
                break
    return parts


def text_after(tag: Tag, size: int) -> str:
    """The first `size` characters of page text after `tag` (see `strings_after`)."""
    return " ".join(strings_after(tag, size))[:size]
