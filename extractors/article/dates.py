"""Dates in running text, as people write them in English and Spanish: "March 4, 2025 at 9:05 a.m. ET",
"4 de marzo de 2025", "Sept. 18th, 2025", "14 oct", "22.09.2025 13:25".

This is the reader for text people wrote: bylines, datelines, "Published ..." lines, the words of an article.
Dates written for machines (meta tags, JSON-LD, <time datetime>, feeds) are read by the libraries in
`extractors.article.machine_dates`; only running text needs month names, so only this module has them.

Wrong or missing dates are the most common complaint about article extractors, so a date is only returned
when it parses completely, and it is returned as precisely as it was written and no more:

* a value with a zone or offset is aware, with the page's own offset (never converted to UTC);
* a value with a time but no zone is naive (no zone is invented);
* a value with only a date is a naive midnight (`has_time` tells it apart from a written midnight).

Zones written as abbreviations are read literally when they name one offset (EST = -05:00, EDT = -04:00,
CET = +01:00); the generic North American names (ET, CT, MT, PT) follow daylight saving time on the date itself,
with the IANA database. The result always carries a fixed-offset tzinfo, so it serialises as "+01:00".

Numeric dates (04/03/2025) are read day first, as most of the world writes them, unless the caller says the
text is American (`dayfirst=False`); a day above 12 settles the order either way.

`find_dates` lists every explicit date a text mentions, with its offsets and how precise it is (a day and a
time, a day, a day and month without a year, a month and year): the publication date of a text
(`extractors.article.datelines`) and the dates of the events it reports are read from that list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from extractors.calendar_words import MONTHS, SPANISH_MONTH_NAMES, WEEKDAYS, nearest_year
from extractors.records import DateMention

_NEW_YORK, _CHICAGO = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago")
_DENVER, _LOS_ANGELES = ZoneInfo("America/Denver"), ZoneInfo("America/Los_Angeles")


def _fixed(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


# Zone abbreviations found in bylines and feeds. The standard/daylight forms name one offset each; the generic
# forms (ET, CT, MT, PT) depend on the date, so they map to an IANA zone.
ZONES: dict[str, tzinfo] = {
    "UTC": timezone.utc, "GMT": timezone.utc, "Z": timezone.utc, "UT": timezone.utc,
    "ET": _NEW_YORK, "CT": _CHICAGO, "MT": _DENVER, "PT": _LOS_ANGELES,
    "EST": _fixed(-5), "EDT": _fixed(-4), "CST": _fixed(-6), "CDT": _fixed(-5),
    "MST": _fixed(-7), "MDT": _fixed(-6), "PST": _fixed(-8), "PDT": _fixed(-7),
    "AST": _fixed(-4), "ADT": _fixed(-3), "NST": _fixed(-3.5), "NDT": _fixed(-2.5),
    "AKST": _fixed(-9), "AKDT": _fixed(-8), "HST": _fixed(-10),
    "WET": _fixed(0), "WEST": _fixed(1), "BST": _fixed(1), "IST": _fixed(1),
    "CET": _fixed(1), "CEST": _fixed(2), "EET": _fixed(2), "EEST": _fixed(3), "MSK": _fixed(3),
    "JST": _fixed(9), "KST": _fixed(9), "HKT": _fixed(8), "SGT": _fixed(8),
    "AEST": _fixed(10), "AEDT": _fixed(11), "NZST": _fixed(12), "NZDT": _fixed(13),
    "BRT": _fixed(-3), "ART": _fixed(-3),
}

_EN_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ES_MONTH = r"(?:" + "|".join(SPANISH_MONTH_NAMES) + r"|ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\.?"
_MONTH = rf"(?:{_EN_MONTH}|{_ES_MONTH})"
_WEEKDAY = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)"
    r",?\s+"
)
_ZONE_NAMES = "|".join(sorted(ZONES, key=len, reverse=True))
_ZONE = rf"(?:(?:UTC|GMT)\s?[+-]\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}|(?:{_ZONE_NAMES})\b)"
_AMPM = r"[ap]\.?\s?m\b\.?"
_TIME = (
    rf"(?:\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:\s*{_AMPM})?|\d{{1,2}}\s*{_AMPM})"
    rf"(?:\s*(?:h|hrs|horas)\b\.?)?(?:\s*\(?{_ZONE}\)?)?"
)
# Ordinal days: "18th", "2nd", "1º" (Spanish "primero"), "1°".
_ORD = r"(?:st|nd|rd|th|º|°|ª)?"
_DATE = (
    rf"(?:{_EN_MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}"  # March 4, 2025
    rf"|\d{{1,2}}{_ORD}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?\d{{4}}"  # 4 March 2025 / 4 de marzo
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}"  # 04/03/2025
    r"|\d{4}/\d{1,2}/\d{1,2}"  # 2025/03/04
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2}|\s?UTC|\s?GMT)?)?)"  # ISO
)
_SEP = r"(?:\s*(?:,|·|\||-|–|—|/|\bat\b|\ba\s+las\b|\ba\s+la\b)?\s*)"
# A date written in running text (bylines, datelines, feeds), with an optional weekday and an optional time
# before or after it: "7:02 AM EDT, Mon May 12, 2025", "Published 4 March 2025, 14:05 GMT".
TEXT_DATE = re.compile(
    rf"(?<![\w/.-])(?:{_TIME}{_SEP}(?:{_WEEKDAY})?{_DATE}|(?:{_WEEKDAY})?{_DATE}(?:{_SEP}{_TIME})?)(?![\w/])",
    re.IGNORECASE,
)
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)")

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?\s*(?P<z>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?",
    re.I,
)
_MDY = re.compile(rf"(?P<mon>{_EN_MONTH})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})", re.I)
_DMY = re.compile(
    rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:de\s+)?(?P<mon>{_MONTH}),?\s+(?:de\s+|del\s+)?(?P<y>\d{{4}})", re.I)
_NUM = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})")
_YMD = re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})")
# A month name glued to the word before it ("By Tom ReyesMarch 4, 2025"), as get_text() can produce.
_GLUED_MONTH = re.compile(r"(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")
_TIME_PARTS = re.compile(
    rf"(?<![\d:])(?P<H>\d{{1,2}})(?:[:.](?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?)?(?:\s*(?P<ampm>{_AMPM}))?"
    rf"(?:\s*(?:h|hrs|horas)\b\.?)?(?:\s*\(?(?P<z>{_ZONE})\)?)?",
    re.I,
)
_HAS_TIME = re.compile(rf"T\d{{2}}:\d{{2}}|\d{{1,2}}[:.]\d{{2}}(?!\d)|\d\s*{_AMPM}", re.I)

# Partial dates for `find_dates`. English month names must be capitalised there ("May 5", not "they may 5");
# a following year, time or digit means the full-date pattern's business (or a figure), not a partial date.
_EN_MONTH_CAP = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ES_MONTH_ANY = r"(?i:" + _ES_MONTH + r")"
_PARTIAL_MD = re.compile(rf"(?<![\w/.-])(?P<mon>{_EN_MONTH_CAP})\s+(?P<d>\d{{1,2}}){_ORD}(?![\w:/]|\.\d|,?\s+\d)")
_PARTIAL_DM = re.compile(
    rf"(?<![\w/.-])(?P<d>\d{{1,2}}){_ORD}\s+(?:(?i:de)\s+|of\s+)?(?P<mon>{_EN_MONTH_CAP}|{_ES_MONTH_ANY})"
    rf"(?![\w]|,?\s+(?:(?i:de|del)\s+)?\d)")
_MONTH_YEAR = re.compile(
    rf"(?<![\w/.-])(?P<mon>{_EN_MONTH_CAP}|(?i:{'|'.join(SPANISH_MONTH_NAMES)}))\s+(?:(?i:de|del|of)\s+)?"
    rf"(?P<y>(?:19|20)\d{{2}})(?![\w/.-]|\.\d)")
_WEEKDAY_NAMES = {name[:3]: number for name, number in WEEKDAYS.items()}  # "Mon,", "mié."

# Words that say what a date in a byline is: "Updated ..." / "Published ..." (English and Spanish).
MODIFIED_WORDS = re.compile(
    r"\b(?:updated?|last\s+updated|modified|edited|revised|actualizad[oa]|actualizaci[oó]n|modificad[oa])\b", re.I)
PUBLISHED_WORDS = re.compile(
    r"\b(?:published|posted|first\s+published|publicad[oa]|publicaci[oó]n|created|filed)\b", re.I)


def written_date(value: str | None, *, dayfirst: bool = True) -> datetime | None:
    """The date a short written value states ("Published 4 March 2025, 14:05 GMT"), or None when the value is
    not mostly one complete date (a sentence that mentions a date is not a date)."""
    if not value or not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    match = TEXT_DATE.search(text)
    if match and _mostly(match, text):
        return _from_text(text, dayfirst)
    return None


def has_time(value: str | None) -> bool:
    """Whether a written date gives a time of day (so a midnight result is a real midnight)."""
    return bool(value and _HAS_TIME.search(value))


def last_label(text: str) -> str | None:
    """"published" or "modified" for the last labelling word in `text` ("Updated ... Published"), else None."""
    label, last = None, -1
    for kind, words in (("modified", MODIFIED_WORDS), ("published", PUBLISHED_WORDS)):
        for hit in words.finditer(text):
            if hit.start() > last:
                last, label = hit.start(), kind
    return label


def labelled_dates(text: str, *, dayfirst: bool = True) -> list[tuple[str | None, datetime, str]]:
    """Every date in `text` with what the words before it call it: ("published" | "modified" | None, date, raw).

    "Updated June 10, 2025, 6:12 PM EDT Published June 10, 2025, 4:30 PM EDT" gives a modified and then a
    published date; the label is the last such word between the previous date (or the start) and this one.
    """
    found = []
    start = 0
    text = _GLUED_MONTH.sub(" ", text or "")
    for match in TEXT_DATE.finditer(text or ""):
        parsed = _from_text(match.group(0), dayfirst)
        if parsed is None:
            continue
        found.append((last_label(text[start:match.start()]), parsed, match.group(0)))
        start = match.end()
    return found


def date_in_url(url: str) -> datetime | None:
    """A /2025/03/04/ (or /2025-03-04/) date in the URL path, as a naive midnight."""
    match = URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return plausible(datetime(int(match.group(1)), int(match.group(2)), int(match.group(3))))
    except ValueError:
        return None


@dataclass(frozen=True)
class TextDate:
    """One explicit date a text mentions: where (`start`/`end` into the text, end exclusive), what, how precise.

    precision: "time" (a day and a time of day), "day" (a full date), "day-month" (a day and month with no
    year: "14 oct", "Sept. 5"), "month" (a month and year: "March 2025", "marzo de 2025"). `value` is the
    datetime of a "time" or "day" date (aware when a zone is written), None for the others. `weekday` is the
    weekday written with the date ("Thursday, Oct. 9, 2025"), 0 = Monday, else None.
    """

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None
    precision: str
    value: datetime | None = None
    weekday: int | None = None

    @property
    def date(self) -> date | None:
        return self.value.date() if self.value is not None else None


def find_dates(text: str, *, dayfirst: bool = True) -> list[TextDate]:
    """Every explicit date in `text`, in order, with character offsets and precision (see TextDate).

    Bare weekdays ("on Thursday"), relative words ("yesterday"), years alone and figures that only look like
    dates ("version 9.18", "7208.10.15", "No. 045/2025") are not dates. English month names count in the
    partial forms only when capitalised ("May 5", not "may 5"); Spanish ones in any case.
    """
    found: list[TextDate] = []
    taken: list[tuple[int, int]] = []
    text = text or ""
    for match in TEXT_DATE.finditer(text):
        raw = match.group(0)
        if "\n" in raw.strip():  # a date and a time on different lines are two things ("Tuesday, March 4 / 9:40")
            raw = raw.strip().split("\n")[0] if TEXT_DATE.fullmatch(raw.strip().split("\n")[0]) else raw
        value = _from_text(raw, dayfirst)
        if value is None:
            continue
        weekday = _weekday_of(raw)
        found.append(TextDate(match.start(), match.start() + len(raw), raw, value.year, value.month, value.day,
                              "time" if has_time(raw) else "day", value, weekday))
        taken.append((match.start(), match.start() + len(raw)))
    for pattern, precision in ((_PARTIAL_DM, "day-month"), (_PARTIAL_MD, "day-month"), (_MONTH_YEAR, "month")):
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            month = _month(match.group("mon"))
            day = int(match.group("d")) if "d" in match.groupdict() and match.group("d") else None
            year = int(match.group("y")) if "y" in match.groupdict() and match.group("y") else None
            if month is None or (day is not None and not _valid_day(month, day)) or (
                    year is not None and plausible(datetime(year, month, 1)) is None):
                continue
            found.append(TextDate(match.start(), match.end(), match.group(0), year, month, day, precision))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def mentioned_dates(text: str, published: datetime | None = None) -> list[DateMention]:
    """Every explicit date `text` mentions (`find_dates`) as records to store with the article's extraction.

    A day and month without a year takes the year that puts it nearest `published` (a story of 3 January that
    recalls "December 28" means the December before); without a publication date it keeps no year.
    """
    out = []
    for found in find_dates(text):
        year = found.year
        if year is None and found.day is not None and published is not None:
            year = nearest_year(found.month, found.day, published.date())
        out.append(DateMention(found.text, year, found.month, found.day, found.precision, found.start, found.end))
    return out


def plausible(value: datetime | None) -> datetime | None:
    """The value when its year is plausible for a news page (1990-2100), else None."""
    if value is None or not 1990 <= value.year <= 2100:
        return None
    return value


def fixed_offset(value: datetime) -> datetime:
    """The same wall time with a fixed-offset tzinfo (IANA zones resolved on the value's own date)."""
    if value.tzinfo is None:
        return value
    offset = value.utcoffset()
    if offset is None:
        return value.replace(tzinfo=None)
    return value.replace(tzinfo=timezone.utc if not offset else timezone(offset), fold=0)


# ---------------------------------------------------------------- internals


def _mostly(match: re.Match, text: str) -> bool:
    """The match is the whole value, give or take a weekday, "at", "Published:" and punctuation."""
    rest = (text[: match.start()] + " " + text[match.end():]).strip(" ,.;:|()-")
    return len(rest) <= 12


def _zone(text: str | None) -> tzinfo | None:
    if not text:
        return None
    text = text.strip().upper()
    if text in ZONES:
        return ZONES[text]
    match = re.fullmatch(r"(?:UTC|GMT)?\s?([+-])(\d{1,2}):?(\d{2})?", text)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
        if delta > timedelta(hours=14):
            return None
        return timezone(sign * delta) if delta else timezone.utc
    return None


def _month(name: str) -> int | None:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS.get(key[:3])


def _from_text(raw: str, dayfirst: bool) -> datetime | None:
    """A date from one TEXT_DATE match: the date part, then the time and zone written before or after it."""
    iso = _ISO.search(raw)
    if iso:
        day = _ymd(iso.group("y"), iso.group("m"), iso.group("d"))
        if day is None:
            return None
        rest = raw[: iso.start()] + " " + raw[iso.end():]
        if iso.group("H"):
            zone = _zone(iso.group("z")) if iso.group("z") else None
            if iso.group("z") and zone is None:
                return None
            micro = int((iso.group("f") or "0")[:6].ljust(6, "0"))
            value = _combine(day, int(iso.group("H")), int(iso.group("M")), int(iso.group("S") or 0), micro, zone)
            if value is not None and zone is None:  # "2025-03-04 14:05 UTC"
                tail = re.match(rf"\s*({_ZONE})", raw[iso.end():], re.I)
                if tail and _zone(tail.group(1)):
                    value = fixed_offset(value.replace(tzinfo=_zone(tail.group(1))))
            return plausible(value)
    else:
        day, rest = None, raw
        for pattern in (_MDY, _DMY):
            match = pattern.search(raw)
            if match:
                month = _month(match.group("mon"))
                day = _ymd(match.group("y"), month, match.group("d")) if month else None
                rest = raw[: match.start()] + " " + raw[match.end():]
                break
        else:
            match = _NUM.search(raw)
            ymd = _YMD.search(raw)
            if ymd:
                day = _ymd(ymd.group("y"), ymd.group("m"), ymd.group("d"))
                rest = raw[: ymd.start()] + " " + raw[ymd.end():]
            elif match:
                a, b = int(match.group("a")), int(match.group("b"))
                if a > 12 or (dayfirst and b <= 12):
                    day = _ymd(match.group("y"), b, a)
                else:
                    day = _ymd(match.group("y"), a, b)
                rest = raw[: match.start()] + " " + raw[match.end():]
        if day is None:
            return None
    time = None
    for candidate in _TIME_PARTS.finditer(rest):
        if candidate.group("M") or candidate.group("ampm"):
            time = candidate
            break
    if time is None:
        return plausible(day)
    hour, minute = int(time.group("H")), int(time.group("M") or 0)
    ampm = (time.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return plausible(day)
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    zone = _zone(time.group("z"))
    return plausible(_combine(day, hour, minute, int(time.group("S") or 0), 0, zone))


def _ymd(year: str | int, month: str | int | None, day: str | int) -> datetime | None:
    try:
        return datetime(int(year), int(month), int(day))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _combine(day: datetime, hour: int, minute: int, second: int, micro: int, zone: tzinfo | None) -> datetime | None:
    try:
        value = day.replace(hour=hour, minute=minute, second=second, microsecond=micro, tzinfo=zone)
    except ValueError:
        return None
    return fixed_offset(value)


def _weekday_of(raw: str) -> int | None:
    """The weekday written at the start of a date ("Thursday, Oct. 9, 2025", "jueves 9 de octubre"), else None."""
    match = re.match(_WEEKDAY, raw, re.I)
    return _WEEKDAY_NAMES.get(match.group(0).strip(" ,.").lower()[:3]) if match else None


def _valid_day(month: int, day: int) -> bool:
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
