"""Publication and modification dates of a page, decided by the evidence the page gives.

Every source yields at most one publication date:

* machine-readable markup: JSON-LD `datePublished`, the published-time meta tags, `<time>` and microdata
  labelled as the publication (their values read by the date libraries, `machine_dates`);
* written markup: "Published ..." lines and bylines (the reader of running text, `dates`), and the first date
  written just after the headline, where pages print it (htmldate's patterns, which know many languages, and
  ours for English and Spanish);
* the URL (/2025/03/04/), of the page or of its canonical address;
* htmldate's own choice among the page's date expressions (`library_meta`);
* unlabelled `<time>` elements and written dates in date-classed elements;
* the article's text (a dateline, a Published line or the lead: `datelines`).

The day with the most weight wins; a source's weight is its log-odds of being right, measured on the tune split
of web-metadata (bench/parse_metadata.py prints each source's accuracy there). A time stamped in UTC also
supports the day before or after it when another source gives that day: pages state their date in their own zone
("11:28 p.m. ET" is 03:28 UTC the next day). The value returned is the most precise one on the winning day (an
offset, then a time, then the date alone), preferring the more deliberate source, so a JSON-LD date is
completed by the byline's "9:05 a.m. ET".

Visible dates are labelled by the words and classes around them ("Updated", "Published", class="updated"), so a
modification time shown first is not taken for the publication; dates in comments, related-story rails,
teasers, asides, footers and cookie banners are never read; numeric dates are read day first unless the page
declares a US locale.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from bs4 import BeautifulSoup, Tag

from extractors.article.dates import date_in_url, find_dates, has_time, labelled_dates, last_label
from extractors.article.jsonld import json_text
from extractors.article.machine_dates import parse_date
from extractors.article.markup import (head_text, in_comments_or_asides, in_teaser, marker_of, meta, meta_all,
                                       node_text, text_after)


PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "dc.date",
                  "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued", "date",
                  "article.published", "cxenseparse:recs:publishtime", "og:published_time", "uploaddate",
                  "datecreated")


MODIFIED_META = ("article:modified_time", "og:article:modified_time", "datemodified", "dcterms.modified",
                 "dc.date.modified", "og:updated_time", "last-modified", "article.updated", "lastmod")


# Sources in order of deliberateness: among equally precise values on the winning day, the earlier source's wins.
SOURCES = ("jsonld", "meta", "time", "byline", "url", "headline", "htmldate", "time-unlabelled",
           "text-unlabelled", "body")
# The share of tune pages (web-metadata) on which each source, when present, gives the gold day
# (bench/parse_metadata.py --sources); a source's weight of evidence is its log-odds.
SOURCE_ACCURACY = {"jsonld": 0.886, "meta": 0.921, "time": 0.940, "byline": 0.991, "url": 0.946,
                   "headline": 0.962, "htmldate": 0.899, "time-unlabelled": 0.892, "text-unlabelled": 0.908,
                   "body": 0.686}
WEIGHTS = {source: math.log(p / (1 - p)) for source, p in SOURCE_ACCURACY.items()}
# Characters of text after the headline in which a page prints its date ("Von X | 4. Februar 2022").
HEADLINE_WINDOW = 150
# How far from UTC a page's own zone may be for a UTC stamp to support the neighbouring day.
_UTC_REACH_HOURS = 14
# The page's own date elements, for `published_source` (see `_decide`).
MARKUP_SOURCES = frozenset({"jsonld", "meta", "time", "byline", "time-unlabelled", "text-unlabelled"})


@dataclass
class _DateCandidate:
    value: datetime
    timed: bool  # the source gives a time of day, not only a date

    @property
    def rank(self) -> int:
        """Precision: 0 date only, 1 naive time, 2 time with a zone."""
        return 2 if self.value.tzinfo is not None else 1 if self.timed else 0


@dataclass
class PageDates:
    published: datetime | None = None
    modified: datetime | None = None
    # "markup", "url" or "text": what gave the publication date (see README, the extract contract)
    source: str | None = None
    # each source's publication date, for diagnostics (bench/parse_metadata.py --sources)
    candidates: dict[str, datetime] = field(default_factory=dict)


def _candidate(raw: str | None, dayfirst: bool) -> _DateCandidate | None:
    if not raw:
        return None
    value = parse_date(raw, dayfirst=dayfirst)
    return _DateCandidate(value, has_time(raw) or value.tzinfo is not None) if value else None


def _text_candidate(raw: str, value: datetime) -> _DateCandidate:
    return _DateCandidate(value, has_time(raw) or value.tzinfo is not None)


def _completed(candidates: list[_DateCandidate]) -> datetime | None:
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
            label = (_label_from_marker(tag) or last_label(_words_before(tag))
                     or last_label(tag.get_text(" ", strip=True)[:20]) or _parent_label(tag))
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
        labelled = labelled_dates(text, dayfirst=dayfirst)
        for label, value, raw in labelled:
            label = label or inherited
            found[f"text_{label or 'unlabelled'}"].append(_text_candidate(raw, value))
        if not labelled and marker_hit:  # a date element in another language ("4. Februar 2022", "30 mai 2021")
            for _, value in written_dates(text, dayfirst)[:1]:
                found[f"text_{inherited or 'unlabelled'}"].append(_DateCandidate(value, False))
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


def written_dates(text: str, dayfirst: bool) -> list[tuple[int, datetime]]:
    """Complete dates written in `text`, with their offsets: htmldate's numeric and multilingual month-name
    patterns (German, French, ...) and our reader of English and Spanish."""
    from htmldate.extractors import LONG_TEXT_PATTERN, regex_parse, YMD_PATTERN
    from htmldate.validators import correct_year

    found: list[tuple[int, datetime]] = []
    for match in YMD_PATTERN.finditer(text):
        try:
            if match.group("year"):
                value = datetime(int(match["year"]), int(match["month"]), int(match["day"]))
            else:
                first, second = int(match["day2"]), int(match["month2"])
                day, month = (first, second) if dayfirst or first > 12 else (second, first)
                value = datetime(correct_year(int(match["year2"])), month, day)
        except ValueError:
            continue
        found.append((match.start(), value))
    for match in LONG_TEXT_PATTERN.finditer(text):
        value = regex_parse(match.group(0))
        if value is not None:
            found.append((match.start(), value))
    found += [(item.start, item.value.replace(tzinfo=None)) for item in find_dates(text, dayfirst=dayfirst)
              if item.value is not None]
    return sorted((start, value) for start, value in found if 1995 <= value.year <= datetime.now().year + 1)


def _headline_date(headline: Tag | None, dayfirst: bool) -> datetime | None:
    """The first complete date written in the text just after the headline."""
    if headline is None:
        return None
    found = written_dates(text_after(headline, HEADLINE_WINDOW), dayfirst)
    return found[0][1] if found else None


def page_dates(soup: BeautifulSoup, main: dict[str, Any] | None, urls: list[str], *, headline: Tag | None = None,
               library: tuple[datetime | None, bool] = (None, False), body_date: date | None = None) -> PageDates:
    """The page's publication and modification dates (see the module docstring).

    `urls`: the page's own and canonical addresses; `headline`: the element holding the headline; `library`:
    htmldate's date and whether it carried a time; `body_date`: the date the article text states for itself.
    """
    dayfirst = _dayfirst(soup)
    markup = _markup_dates(soup, dayfirst)
    sources: dict[str, _DateCandidate] = {}
    if main:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            candidate = _candidate(json_text(main.get(key)), dayfirst)
            if candidate:
                sources["jsonld"] = candidate
                break
    meta_values = [c for c in (_candidate(v, dayfirst) for v in meta_all(soup, *PUBLISHED_META)) if c]
    for name, found in (("meta", meta_values), ("time", markup["published"]), ("byline", markup["text_published"]),
                        ("time-unlabelled", markup["unlabelled"]), ("text-unlabelled", markup["text_unlabelled"])):
        if found:
            sources[name] = found[0]
    url_date = next((d for d in (date_in_url(u) for u in urls if u) if d), None)
    if url_date:
        sources["url"] = _DateCandidate(url_date, False)
    headline_date = _headline_date(headline, dayfirst)
    if headline_date:
        sources["headline"] = _DateCandidate(headline_date, False)
    if library[0] is not None:
        sources["htmldate"] = _DateCandidate(library[0], library[1])
    if body_date is not None:
        sources["body"] = _DateCandidate(datetime(body_date.year, body_date.month, body_date.day), False)
    published, source = _decide(sources)
    # the modification date: the most deliberate source's, completed by a more precise one that agrees
    stated = [_candidate(json_text(main.get("dateModified")), dayfirst) if main else None]
    stated += [_candidate(v, dayfirst) for v in meta_all(soup, *MODIFIED_META)]
    modified = _completed([c for c in stated if c] + markup["modified"] + markup["text_modified"])
    if published is not None and modified is not None and _earlier(modified, published):
        modified = None  # a "modification" before publication is a misread (or a template error)
    return PageDates(published, modified, source, {name: c.value for name, c in sources.items()})


def _is_utc(value: datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() == timedelta(0)


def _decide(sources: dict[str, _DateCandidate]) -> tuple[datetime | None, str | None]:
    """The publication date the weighted sources agree on, and "markup", "url" or "text" for what gave it."""
    if not sources:
        return None, None
    support: dict[date, float] = defaultdict(float)
    neighbour: dict[date, float] = defaultdict(float)  # support from UTC stamps of the day before or after
    for name, candidate in sources.items():
        day = candidate.value.date()
        support[day] += WEIGHTS[name]
        if _is_utc(candidate.value):
            if candidate.value.hour < _UTC_REACH_HOURS:
                neighbour[day - timedelta(days=1)] += WEIGHTS[name]
            if candidate.value.hour >= 24 - _UTC_REACH_HOURS:
                neighbour[day + timedelta(days=1)] += WEIGHTS[name]
    order = {name: i for i, name in enumerate(SOURCES)}
    first_seen = {}
    for name in sorted(sources, key=order.__getitem__):
        first_seen.setdefault(sources[name].value.date(), order[name])
    winner = max(support, key=lambda d: (support[d] + neighbour[d], -first_seen[d]))
    on_day = sorted((name for name, c in sources.items() if c.value.date() == winner),
                    key=lambda name: (-sources[name].rank, order[name]))
    best = sources[on_day[0]].value
    # htmldate reads the URL first and the page's text last, and the date after the headline may be the
    # story's dateline: without a date element of the page, the URL or the text names the source
    kind = "markup" if MARKUP_SOURCES & set(on_day) else "url" if "url" in on_day else \
        "text" if "body" in on_day else "markup"
    return best, kind


def _earlier(a: datetime, b: datetime) -> bool:
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a < b
