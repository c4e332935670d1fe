"""Month and weekday names of English and Spanish news, with their numbers.

One table for every reader of dates — a page's own dates and datelines (extractors/article), a tariff's effective
date (extractors/tariffs/effective.py), the weekday a story's lead names (storage/linking) — and for the Spanish
speaker rules that must not read "el lunes" as a name. Lower case; Spanish with and without accents.
"""

from __future__ import annotations

from datetime import date

SPANISH_MONTH_NAMES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                       "setiembre", "octubre", "noviembre", "diciembre")
SPANISH_WEEKDAY_NAMES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")

# Full names and the abbreviations news use ("Sept.", "ene.", "set."), both languages.
MONTHS: dict[str, int] = {name: number for number, names in enumerate((
    "january jan enero ene", "february feb febrero", "march mar marzo", "april apr abril abr", "may mayo",
    "june jun junio", "july jul julio", "august aug agosto ago", "september sep sept setiembre septiembre set",
    "october oct octubre", "november nov noviembre", "december dec diciembre dic"), start=1)
    for name in names.split()}

# 0 = Monday, as datetime.weekday().
WEEKDAYS: dict[str, int] = {name: number for number, names in enumerate((
    "monday lunes", "tuesday martes", "wednesday miércoles miercoles", "thursday jueves", "friday viernes",
    "saturday sábado sabado", "sunday domingo")) for name in names.split()}


def nearest_year(month: int, day: int, near: date) -> int | None:
    """The year, of the one before `near` to the one after, that puts the day and month nearest it (the earlier
    on a tie); None when none of the three has that day (29 February)."""
    options = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            options.append((abs((date(year, month, day) - near).days), year))
        except ValueError:  # 29 February of a common year
            continue
    return min(options)[1] if options else None


def resolve_day(year: int | None, month: int, day: int, near: date | None) -> date | None:
    """A day written with or without its year as a date: its own year, else the year `nearest_year` gives for
    `near` (None without one); None when the day does not exist (29 February of a common year)."""
    year = year or (nearest_year(month, day, near) if near is not None else None)
    try:
        return date(year, month, day) if year else None
    except ValueError:
        return None
