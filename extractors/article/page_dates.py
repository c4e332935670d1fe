"""Publication and modification dates from a page's markup.

Dates are the part users complain about most, so they get the most care:

* every source yields candidates — JSON-LD, meta tags, <time> and microdata, written "Published ..." lines,
  bylines and datelines, the URL — and the first one in order of preference wins; a less precise winner (a date
  without a time, a time without a zone) is then completed by a later candidate that agrees with it (the same
  day, the same wall time), so "2025-03-04" in JSON-LD plus "9:05 a.m. ET" in the byline gives the full instant;
* visible dates are labelled by the words and classes around them ("Updated", "Published", class="updated"),
  so a modification time shown first is not taken for the publication time;
* dates in comments, related-story rails, teasers, asides, footers and cookie banners are never read;
* numeric dates are read day first unless the page declares a US locale (en-US, en_US).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bs4 import BeautifulSoup, Tag

from extractors.article.dates import (date_in_url, has_time, labelled_dates, MODIFIED_WORDS, parse_date,
                                      PUBLISHED_WORDS)
from extractors.article.jsonld import json_text
from extractors.article.markup import (head_text, in_comments_or_asides, in_teaser, marker_of, meta, meta_all,
                                       node_text)


PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "dc.date",
                  "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued", "date",
                  "article.published", "cxenseparse:recs:publishtime", "og:published_time", "uploaddate",
                  "datecreated")


MODIFIED_META = ("article:modified_time", "og:article:modified_time", "datemodified", "dcterms.modified",
                 "dc.date.modified", "og:updated_time", "last-modified", "article.updated", "lastmod")


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
    marker = marker_of(tag)
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
        if in_comments_or_asides(tag) or in_teaser(tag):
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
        marker_hit = _DATE_CLASS.search(marker_of(tag))
        head = head_text(tag)
        if not marker_hit and not re.match(r"(?:published|posted|updated|last updated|publicado|actualizado|"
                                           r"by|written by|por)\b", head, re.I):
            continue
        text = node_text(tag)
        if len(text) > 250 or in_comments_or_asides(tag):
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
    locale = meta(soup, "og:locale") or ""
    return not any(re.fullmatch(r"en[-_]us", str(v).strip(), re.I) for v in (lang, locale))


def page_dates(soup: BeautifulSoup, main: dict[str, Any] | None, page_url: str | None
           ) -> tuple[datetime | None, datetime | None]:
    dayfirst = _dayfirst(soup)
    markup = _markup_dates(soup, dayfirst)
    published: list[_DateCandidate] = []
    modified: list[_DateCandidate] = []
    if main:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            candidate = _candidate(json_text(main.get(key)), dayfirst)
            if candidate:
                published.append(candidate)
                break
        candidate = _candidate(json_text(main.get("dateModified")), dayfirst)
        if candidate:
            modified.append(candidate)
    published += [c for c in (_candidate(v, dayfirst) for v in meta_all(soup, *PUBLISHED_META)) if c]
    modified += [c for c in (_candidate(v, dayfirst) for v in meta_all(soup, *MODIFIED_META)) if c]
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
