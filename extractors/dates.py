"""Publication dates as people write them: ISO stamps, "March 4, 2025 at 9:05 a.m. ET", "4 de marzo de 2025".

Wrong or missing dates are the most common complaint about article extractors, so a date is only returned
when it parses completely; a zone written as a name (ET, GMT, CET) is resolved with the IANA database so that
daylight saving time is right on the article's own date.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

# Zone abbreviations found in bylines. ET/CT/MT/PT follow daylight saving time on the date itself.
ZONES = {
    "UTC": timezone.utc, "GMT": timezone.utc, "Z": timezone.utc,
    "ET": ZoneInfo("America/New_York"), "EST": ZoneInfo("America/New_York"), "EDT": ZoneInfo("America/New_York"),
    "CT": ZoneInfo("America/Chicago"), "CST": ZoneInfo("America/Chicago"), "CDT": ZoneInfo("America/Chicago"),
    "MT": ZoneInfo("America/Denver"), "MST": ZoneInfo("America/Denver"), "MDT": ZoneInfo("America/Denver"),
    "PT": ZoneInfo("America/Los_Angeles"), "PST": ZoneInfo("America/Los_Angeles"),
    "PDT": ZoneInfo("America/Los_Angeles"),
    "BST": ZoneInfo("Europe/London"), "CET": ZoneInfo("Europe/Paris"), "CEST": ZoneInfo("Europe/Paris"),
}

SPANISH_MONTHS = {
    "enero": "January", "febrero": "February", "marzo": "March", "abril": "April", "mayo": "May",
    "junio": "June", "julio": "July", "agosto": "August", "septiembre": "September", "setiembre": "September",
    "octubre": "October", "noviembre": "November", "diciembre": "December",
}

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{1,4}|[+-]\d{2}:?\d{2}))?)?"
# Dates written in running text (bylines, datelines); the time part is optional.
TEXT_DATE = re.compile(
    r"\b(?:"
    rf"{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}{_TIME}"  # March 4, 2025 at 9:05 a.m. ET
    rf"|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}{_TIME}"  # 4 March 2025, 14:05 GMT
    r"|\d{1,2}\s+de\s+(?:" + "|".join(SPANISH_MONTHS) + r")\s+(?:de\s+)?\d{4}" + _TIME +  # 4 de marzo de 2025
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO
    r"|\d{1,2}/\d{1,2}/\d{4}"  # 04/03/2025
    r")",
    re.IGNORECASE,
)
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|\b)")


def parse_date(value: str | None, *, dayfirst: bool = True) -> datetime | None:
    """A datetime for `value`, aware when the text names a zone or offset, naive otherwise; None if unparseable.

    Slash dates are read day first (04/03/2025 = 4 March) unless `dayfirst` is False: outside the US that is
    the common form, and US sites publish ISO dates in their metadata anyway.
    """
    if not value:
        return None
    text = value.strip()
    lowered = text.lower()
    for spanish, english in SPANISH_MONTHS.items():
        if spanish in lowered:
            text = re.sub(rf"\b(\d{{1,2}})\s+de\s+{spanish}\s+(?:de\s+)?", rf"\1 {english} ", text, flags=re.I)
            break
    text = re.sub(r"\b([ap])\.m\.", r"\1m", text, flags=re.I)
    text = re.sub(r"(?<=\d{4})\s*,?\s*at\s+", " ", text)
    iso_like = bool(re.match(r"\d{4}-\d{2}-\d{2}", text))
    try:
        parsed = dateparser.parse(text, tzinfos=_zone_for, dayfirst=dayfirst and not iso_like, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if not 1990 <= parsed.year <= 2100:
        return None
    return parsed


def _zone_for(name: str | None, offset: int | None):
    """dateutil's tzinfos hook: it is called for named zones and numeric offsets alike."""
    zone = ZONES.get(name.upper()) if name else None
    if zone is None and offset is not None:
        zone = timezone(timedelta(seconds=offset))
    return zone


def date_in_text(text: str) -> datetime | None:
    """The first complete date written in `text` (a byline or dateline)."""
    for match in TEXT_DATE.finditer(text):
        parsed = parse_date(match.group(0))
        if parsed is not None:
            return parsed
    return None


def date_in_url(url: str) -> datetime | None:
    """A /2025/03/04/ date in the URL path, as a naive midnight."""
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
