"""Month and weekday names of English and Spanish news, with their numbers.

One table for every reader of dates — a page's own dates and datelines (extractors/article), a tariff's effective
date (extractors/tariffs/effective.py), the weekday a story's lead names (storage/linking) — and for the Spanish
speaker rules that must not read "el lunes" as a name. Lower case; Spanish with and without accents.
"""

from __future__ import annotations

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
