"""Dates written for machines — meta tags, JSON-LD, <time datetime>, feeds, sitemaps, `.jsonl` fields — read
with the date libraries, not with rules of ours.

The order is the libraries' own strictness: Unix time; ISO 8601 (dateutil's `isoparse`, which knows the basic
and extended forms, fractions and offsets); RFC 822 as feeds write it (the standard library's email parser);
then dateutil's general parser, accepted only when the value is a complete date (parsed twice with different
defaults, a missing day or month shows). Only a value the libraries cannot read — words people wrote into a tag,
"March 4, 2025 at 9:05 a.m. ET", "4 de marzo de 2025" — goes to the reader of running text in
`extractors.article.dates`, which knows the zone names and Spanish months the libraries do not.

Like the reader of running text, this keeps a value as precise as it was written: an offset stays the page's
own, a time without a zone stays naive, a date alone is a naive midnight.
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timedelta, timezone

from dateutil import parser as dateparser

from extractors.article.dates import ZONES, fixed_offset, plausible, written_date

_EPOCH = re.compile(r"\d{10}(?:\d{3})?")
_ISO_START = re.compile(r"\d{4}-?\d{2}-?\d{2}(?:$|[T ]\d)")
# dateutil reads "UTC+1" the POSIX way (one hour behind UTC); people writing it mean one hour ahead.
_POSIX_OFFSET = re.compile(r"(?:UTC|GMT)\s?[+-]\d", re.I)
_RFC822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def parse_date(value: str | None, *, dayfirst: bool = True) -> datetime | None:
    """A datetime for a machine-readable date `value`, aware when it names a zone or offset, naive otherwise;
    None when it is not a complete date. Slash dates are read day first unless `dayfirst` is False."""
    if not value or not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    if not text:
        return None
    if _EPOCH.fullmatch(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return plausible(datetime.fromtimestamp(seconds, timezone.utc))
    if _ISO_START.match(text):
        iso = _isoparse(text)
        if iso is not None:
            return iso
    if _RFC822.match(text):
        try:
            return plausible(fixed_offset(email.utils.parsedate_to_datetime(text)))
        except (TypeError, ValueError, IndexError):
            pass
    return _dateutil(text, dayfirst) or written_date(text, dayfirst=dayfirst)


def _isoparse(text: str) -> datetime | None:
    """ISO 8601 with dateutil; "2025-03-04 14:05 UTC" (a zone name after the time) is read the same way."""
    head, _, zone = text.partition(" UTC") if text.endswith(" UTC") else text.partition(" GMT")
    candidate = head.replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2} \d", head) else head
    try:
        value = dateparser.isoparse(candidate)
    except (ValueError, OverflowError):
        return None
    if head != text and value.tzinfo is None:  # " UTC" / " GMT" written after the time
        value = value.replace(tzinfo=timezone.utc)
    return plausible(fixed_offset(value))


def _dateutil_zone(name: str | None, offset: int | None):
    """dateutil's tzinfos hook: it is called for named zones and numeric offsets alike."""
    zone = ZONES.get(name.upper()) if name else None
    if zone is None and offset is not None:
        zone = timezone(timedelta(seconds=offset))
    return zone


def _dateutil(text: str, dayfirst: bool) -> datetime | None:
    """dateutil's general parser, for unusual but complete forms ("2025/03/04 14:05", "04.03.2025")."""
    if not re.search(r"\d{4}", text) or len(text) > 60 or _POSIX_OFFSET.search(text):
        return None
    iso_like = bool(re.match(r"\d{4}", text))
    results = []
    # dateutil fills a missing day or month from `default`: two different defaults expose an incomplete date
    for default in (datetime(2001, 1, 1), datetime(2002, 2, 2)):
        try:
            results.append(dateparser.parse(text, default=default, tzinfos=_dateutil_zone,
                                            dayfirst=dayfirst and not iso_like, fuzzy=False))
        except (ValueError, OverflowError, TypeError):
            return None
    if results[0].date() != results[1].date():
        return None
    return plausible(fixed_offset(results[0]))
