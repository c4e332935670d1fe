"""Unit tests for extractors/article/dates.py: the date formats news pages and feeds use, and their zones.

Rules under test (see the module docstring): a written zone gives an aware value with the page's own offset,
a time without a zone stays naive, a date without a time is a naive midnight, and nothing is returned for
text that is not a complete date.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from extractors.article.dates import TEXT_DATE, date_in_url, has_time, labelled_dates
from extractors.article.machine_dates import parse_date


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def same(value: datetime | None, expected: datetime) -> bool:
    """Equal wall time and equal offset (or both naive): stricter than datetime equality."""
    if value is None:
        return False
    return value.replace(tzinfo=None) == expected.replace(tzinfo=None) and value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text, expected", [
    # ISO 8601 in its common spellings
    ("2025-03-04T14:05:00Z", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)),
    ("2025-03-04T14:05:00+00:00", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)),
    ("2025-03-04T09:30:00-06:00", datetime(2025, 3, 4, 9, 30, tzinfo=tz(-6))),
    ("2025-03-04T09:30:00-0600", datetime(2025, 3, 4, 9, 30, tzinfo=tz(-6))),
    ("2025-03-04T09:30-06:00", datetime(2025, 3, 4, 9, 30, tzinfo=tz(-6))),
    ("2025-03-04T14:05:00.250+01:00", datetime(2025, 3, 4, 14, 5, 0, 250000, tzinfo=tz(1))),
    ("2025-03-04 14:05 UTC", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)),
    ("2025-03-04T14:05:00", datetime(2025, 3, 4, 14, 5)),  # naive stays naive
    ("2025-03-04", datetime(2025, 3, 4)),
    ("20250304T140500Z", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)),
    # RSS (RFC 822) and Unix time
    ("Tue, 04 Mar 2025 14:05:00 +0000", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)),
    ("Tue, 04 Mar 2025 09:05:00 EST", datetime(2025, 3, 4, 9, 5, tzinfo=tz(-5))),
    ("1741097100", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)),
    ("1741097100000", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)),
    # English bylines
    ("March 4, 2025", datetime(2025, 3, 4)),
    ("Mar. 4, 2025", datetime(2025, 3, 4)),
    ("Sept. 1, 2025", datetime(2025, 9, 1)),
    ("4 March 2025", datetime(2025, 3, 4)),
    ("4th March 2025", datetime(2025, 3, 4)),
    ("March 4, 2025 at 9:05 a.m. ET", datetime(2025, 3, 4, 9, 5, tzinfo=tz(-5))),
    ("Published 4 March 2025, 14:05 GMT", datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)),
    ("June 10, 2025, 4:30 PM EDT", datetime(2025, 6, 10, 16, 30, tzinfo=tz(-4))),
    ("March 4, 2025 11:32 AM CST", datetime(2025, 3, 4, 11, 32, tzinfo=tz(-6))),
    ("7:02 AM EDT, Mon May 12, 2025", datetime(2025, 5, 12, 7, 2, tzinfo=tz(-4))),
    ("Thursday, July 10, 2025 at 3 p.m. ET", datetime(2025, 7, 10, 15, 0, tzinfo=tz(-4))),
    ("Feb. 12, 2025 15:30 CET", datetime(2025, 2, 12, 15, 30, tzinfo=tz(1))),
    ("July 27, 2025 19:20 CEST", datetime(2025, 7, 27, 19, 20, tzinfo=tz(2))),
    ("July 12, 2025 8:15 PM", datetime(2025, 7, 12, 20, 15)),  # no zone: naive
    ("March 6, 2025 12:10 p.m.", datetime(2025, 3, 6, 12, 10)),
    ("March 6, 2025 12:10 a.m.", datetime(2025, 3, 6, 0, 10)),
    ("March 4, 2025 14:05 UTC+1", datetime(2025, 3, 4, 14, 5, tzinfo=tz(1))),
    # Spanish
    ("4 de marzo de 2025", datetime(2025, 3, 4)),
    ("15 de mayo del 2025", datetime(2025, 5, 15)),
    ("Lunes 10 de junio de 2025, 10:30 h", datetime(2025, 6, 10, 10, 30)),
    ("15 de mayo de 2025 a las 9:45 p. m.", datetime(2025, 5, 15, 21, 45)),
    ("10 sept. 2025", datetime(2025, 9, 10)),
    # numeric
    ("04/03/2025", datetime(2025, 3, 4)),
    ("04.03.2025", datetime(2025, 3, 4)),
    ("25/03/2025", datetime(2025, 3, 25)),
    ("2025/03/04", datetime(2025, 3, 4)),
])
def test_parse_date(text: str, expected: datetime) -> None:
    assert same(parse_date(text), expected), parse_date(text)


def test_generic_zone_names_follow_daylight_saving_on_the_date() -> None:
    # ET is -05:00 before the 9 March 2025 change and -04:00 after it; PT likewise
    assert same(parse_date("March 4, 2025 9:05 AM ET"), datetime(2025, 3, 4, 9, 5, tzinfo=tz(-5)))
    assert same(parse_date("March 10, 2025 9:05 AM ET"), datetime(2025, 3, 10, 9, 5, tzinfo=tz(-4)))
    assert same(parse_date("November 3, 2025 9:05 AM ET"), datetime(2025, 11, 3, 9, 5, tzinfo=tz(-5)))
    assert same(parse_date("July 1, 2025 6:00 PM PT"), datetime(2025, 7, 1, 18, 0, tzinfo=tz(-7)))
    assert same(parse_date("January 8, 2025 6:00 PM CT"), datetime(2025, 1, 8, 18, 0, tzinfo=tz(-6)))


def test_explicit_abbreviations_are_literal() -> None:
    # EST names -05:00 even on a summer date (the page said so); EDT names -04:00
    assert parse_date("July 1, 2025 9:00 AM EST").utcoffset() == timedelta(hours=-5)
    assert parse_date("January 8, 2025 9:00 AM EDT").utcoffset() == timedelta(hours=-4)


def test_offsets_are_kept_not_converted() -> None:
    value = parse_date("2025-04-02T16:00:00+01:00")
    assert value.isoformat() == "2025-04-02T16:00:00+01:00"
    assert parse_date("March 4, 2025 at 9:05 a.m. ET").isoformat() == "2025-03-04T09:05:00-05:00"


def test_numeric_dates_day_first_unless_told() -> None:
    assert parse_date("04/03/2025") == datetime(2025, 3, 4)
    assert parse_date("04/03/2025", dayfirst=False) == datetime(2025, 4, 3)
    # a day above 12 settles it either way
    assert parse_date("03/25/2025") == datetime(2025, 3, 25)
    assert parse_date("25/03/2025", dayfirst=False) == datetime(2025, 3, 25)
    # ISO is never read day first
    assert parse_date("2025-03-04", dayfirst=True) == datetime(2025, 3, 4)


@pytest.mark.parametrize("text", [
    None, "", "   ", "yesterday", "3 hours ago", "12:10 p.m.", "2025", "March 2025", "31/02/2025",
    "2025-13-01", "1850-01-01", "Section 232", "Tel. 555-0100", "ISBN 978-3-16-148410-0",
    "2025-03-04T25:00:00", "The 2025-26 season",
])
def test_not_a_complete_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_labelled_dates_read_bylines_and_datelines() -> None:
    def first(text: str, **kw) -> datetime | None:
        found = labelled_dates(text, **kw)
        return found[0][1] if found else None

    assert first("By Jane Doe · March 4, 2025 · 5 min read") == datetime(2025, 3, 4)
    assert first("Monterrey, N.L. / 4 de marzo de 2025") == datetime(2025, 3, 4)
    assert first("Posted: 04/03/2025") == datetime(2025, 3, 4)
    assert first("Posted: 04/03/2025", dayfirst=False) == datetime(2025, 4, 3)
    # glued byline: "By Tom Reyes" + "March 4, 2025 11:32 AM CST" with no space between
    assert same(first("By Tom ReyesMarch 4, 2025 11:32 AM CST"), datetime(2025, 3, 4, 11, 32, tzinfo=tz(-6)))
    assert first("no date here, only 25 per cent and Section 232") is None


def test_labelled_dates_say_which_is_which() -> None:
    found = labelled_dates("Updated June 10, 2025, 6:12 PM EDT Published June 10, 2025, 4:30 PM EDT")
    assert [label for label, _, _ in found] == ["modified", "published"]
    assert same(found[1][1], datetime(2025, 6, 10, 16, 30, tzinfo=tz(-4)))
    found = labelled_dates("Publicado: 04/06/2025 | Actualizado: 05/06/2025 10:00 h")
    assert [(label, value.date()) for label, value, _ in found] == [("published", date(2025, 6, 4)),
                                                                    ("modified", date(2025, 6, 5))]
    assert labelled_dates("March 4, 2025")[0][0] is None


def test_has_time() -> None:
    assert has_time("2025-03-04T00:00:00Z")
    assert has_time("March 4, 2025 at 9 a.m.")
    assert not has_time("2025-03-04")
    assert not has_time("4 de marzo de 2025")


def test_text_date_pattern_finds_dates_in_running_text() -> None:
    text = "Ottawa said on March 4, 2025 that the 25 per cent duties would start on 2025-03-13."
    assert [m.group(0) for m in TEXT_DATE.finditer(text)] == ["March 4, 2025", "2025-03-13"]


@pytest.mark.parametrize("url, expected", [
    ("https://www.example.com/2025/03/04/council-approves-plan/", datetime(2025, 3, 4)),
    ("https://www.example.com/news/2025/3/4/story.html", datetime(2025, 3, 4)),
    ("https://www.example.com/2025-03-04/story", datetime(2025, 3, 4)),
    ("https://www.example.com/2025/03/story", None),  # month only: not a date
    ("https://www.example.com/story-20250304.html", None),  # digits in a slug may be an id
    ("https://www.example.com/2025/13/40/story", None),
    ("https://www.example.com/story", None),
])
def test_date_in_url(url: str, expected: datetime | None) -> None:
    assert date_in_url(url) == expected
