"""The date a text says it was published, read from its own words (English and Spanish), or None.

Plain-text articles (`.txt` files, `.jsonl` records without a `published` field) and pages whose markup gives
no date still state their date in the ways wires and papers do. The cues, strongest first (a stronger cue wins
when two disagree):

1. dateline: the place, then the date, at the start of the story or of a release block, ending in its dash or
   ".-" ("MEXICO CITY, Sept. 10, 2025 (ATP) —", "Culiacán, Sin., 15 de julio de 2025.-", or a release's own
   line "Ciudad de México, a 1 de agosto de 2025");
2. a metadata line above the story that dates it: "Published ...", "Publicado el ...", a release or masthead
   header ("Comunicado de prensa | 12 de marzo de 2025"), an edition line, a live page's date; a Published
   date beats an Updated one, and an Updated line alone dates the version we hold;
3. the byline's date ("By Lena Ortiz — Oct. 2nd, 2025", "Sep 18, 2025 · 6 min read");
4. the lead: the first sentence of the story reports its happening on a full date ("On Thursday, October 30,
   2025, ...");
5. a weekday in the lead ("said on Thursday"), only when an explicit full date elsewhere in the text falls on
   that weekday — the same happening dated twice — and is not a deadline, an effective date or a cited
   document's date.

A day and month without a year ("BRUSSELS, July 28 (Meridian) -") takes its year only from a full date with the
same day and month elsewhere in the text or from a copyright line; a year of some other event could be wrong.
Relative words (today, yesterday, hoy, ayer) never move a date, and times and zones are ignored: the date is
the one written, in the text's own zone. Nothing here guesses: no cue, no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.article.dates import find_dates, last_label, MODIFIED_WORDS, PUBLISHED_WORDS, TextDate
from extractors.calendar_words import WEEKDAYS

CUES = ("dateline", "published-line", "byline", "lead", "weekday")


@dataclass(frozen=True)
class StatedDate:
    """The publication date a text states, the cue that states it (one of CUES) and where (offsets)."""

    date: date
    cue: str
    start: int
    end: int


# A body paragraph: prose, not a headline, a byline or a metadata line.
_PROSE_WORDS = 14
_HEAD_LINES = 10
# Words between a dateline's place and its date, and after the date: "(ATP)", "/CNW/", then the dash.
_PLACE = re.compile(r"^[A-ZÁÉÍÓÚÑ][\w.'’-]*(?:[ ,]+(?:[A-ZÁÉÍÓÚÑ][\w.'’-]*|de|del|la|las|el|los|a))*[ ,]+(?:a\s+)?$")
_AFTER_DATELINE = re.compile(r"^\s*(?:\([^)\n]{1,40}\)\s*)?(?:/[A-Za-z]{2,8}/\s*)?(?:[-–—]|\.\s*[-–—]|\.?\s*$)")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?((?:19|20)\d{2})\b", re.I)
_BYLINE = re.compile(r"^\s*(?:by|por|escrito por|written by)\s+\S", re.I)
_LABEL_START = re.compile(rf"^\s*(?:last\s+)?(?:{PUBLISHED_WORDS.pattern}|{MODIFIED_WORDS.pattern})", re.I)
# Words that put a date outside the story's own happening: since, from, by (a deadline), until, dated ...
_GOVERNED = re.compile(
    r"(?:\b(?:since|from|by|until|till|through|before|after|starting|effective|dated|as of|no later than|"
    r"desde|a partir del?|hasta|antes del?|después del?|a más tardar|fechad[oa]|vigente desde)"
    r"(?:\s+(?:el|the|la|on|este|esta))?\s*)$", re.I)
_BARE_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
# A full stop that ends a sentence: not after an initial, a month or title abbreviation ("Sept.", "U.S.").
_SENTENCE_END = re.compile(r"[.!?][\"”’»)]?\s+(?=[\"“«¿¡(]?[A-ZÁÉÍÓÚÑ])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|"
    r"Sgt|Jr|Sr|Inc|Corp|Co|Ltd|No|Nos|Ont|Que|Sin|Jal|Mich|Mass|Calif|Wash|Ariz|Fla|Ill|Sra|Lic|Ing|Dra|Núm|vs))$")


def stated_publication_date(text: str, language: str | None = None) -> StatedDate | None:
    """The date `text` states for itself (see the module docstring), or None when it states none."""
    if not text or not text.strip():
        return None
    dates = find_dates(text, dayfirst=language != "en")
    if not dates:
        return None
    lines = _lines(text)
    body = next((i for i, (start, line) in enumerate(lines) if _is_prose(line)), len(lines))
    head = lines[:min(body, _HEAD_LINES)]
    first_paragraph = lines[body] if body < len(lines) else None
    found: list[tuple[int, int, StatedDate]] = []  # (cue rank, tie-break, date)
    for start, line in head + ([first_paragraph] if first_paragraph else []):
        dateline = _dateline(line, start, dates, text)
        if dateline:
            found.append((0, start, dateline))
    for start, line in head:
        for item in _in_span(dates, start, start + len(line)):
            if item.precision == "month":
                continue
            day = _completed(item, dates, text)
            if day is None:
                continue
            prefix = line[: item.start - start]
            if _BYLINE.match(line):
                found.append((2, item.start, StatedDate(day, "byline", item.start, item.end)))
            elif last_label(prefix) == "modified":
                found.append((1, 1, StatedDate(day, "published-line", item.start, item.end)))
            else:  # a Published line, or a header, masthead, edition or stamp line that dates the item
                found.append((1, 0, StatedDate(day, "published-line", item.start, item.end)))
    if first_paragraph:
        start, paragraph = first_paragraph
        lead_end = start + _first_sentence_end(paragraph)
        lead = [d for d in _in_span(dates, start, lead_end) if d.value is not None and not _governed(text, d)]
        if lead:
            found.append((3, lead[0].start, StatedDate(lead[0].value.date(), "lead", lead[0].start, lead[0].end)))
        else:
            anchored = _weekday_anchor(text, start, lead_end, dates)
            if anchored:
                found.append((4, 0, anchored))
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1]))[2]


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their offsets."""
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def _is_prose(line: str) -> bool:
    """A paragraph of the story: long, punctuated, and not a labelled metadata line ("Published ...", "By ...")."""
    return len(line.split()) >= _PROSE_WORDS and bool(re.search(r"[.!?:;,]", line)) and not (
        _BYLINE.match(line) or _LABEL_START.match(line))


def _in_span(dates: list[TextDate], start: int, end: int) -> list[TextDate]:
    return [d for d in dates if start <= d.start and d.end <= end]


def _dateline(line: str, start: int, dates: list[TextDate], text: str) -> StatedDate | None:
    """A place, then a date, then the dateline's dash (or the end of a release's dateline line)."""
    for item in _in_span(dates, start, start + min(len(line), 90)):
        if item.precision == "month":
            continue
        prefix, suffix = line[: item.start - start], line[item.end - start:]
        if not prefix.strip() or not _PLACE.match(prefix) or not _AFTER_DATELINE.match(suffix) or \
                _BYLINE.match(prefix) or _LABEL_START.match(prefix):
            return None
        # a dateline line alone ("Ciudad de México, a 1 de agosto de 2025") must be short: not a sentence
        if re.match(r"\.?\s*$", suffix) and len(line.split()) > 12:
            return None
        day = _completed(item, dates, text)
        return StatedDate(day, "dateline", item.start, item.end) if day else None
    return None


def _completed(item: TextDate, dates: list[TextDate], text: str) -> date | None:
    """The full date of a cue; a day and month takes its year from the same day and month written in full
    elsewhere, else from a copyright line, else it has none."""
    if item.value is not None:
        return item.value.date()
    if item.day is None:
        return None
    for other in dates:
        if other.value is not None and (other.month, other.day) == (item.month, item.day):
            return other.value.date()
    copyright = _COPYRIGHT.search(text)
    if copyright:
        try:
            return date(int(copyright.group(1)), item.month, item.day)
        except ValueError:
            return None
    return None


def _governed(text: str, item: TextDate) -> bool:
    """The date is a deadline, a start or an end, or a document's date ("since March 4", "by Nov. 3, 2025")."""
    return bool(_GOVERNED.search(text[max(0, item.start - 30): item.start]))


def _first_sentence_end(paragraph: str) -> int:
    for match in _SENTENCE_END.finditer(paragraph):
        if not _ABBREVIATION.search(paragraph[: match.start()]):
            return match.start() + 1
    return len(paragraph)


def _weekday_anchor(text: str, lead_start: int, lead_end: int, dates: list[TextDate]) -> StatedDate | None:
    """The lead's bare weekday, resolved by the one full date elsewhere that falls on it (see the docstring)."""
    lead = text[lead_start:lead_end]
    inside = [(d.start - lead_start, d.end - lead_start) for d in dates if lead_start <= d.start < lead_end]
    weekdays = {WEEKDAYS[m.group(1).lower()] for m in _BARE_WEEKDAY.finditer(lead)
                if not any(s <= m.start() < e for s, e in inside)}
    if len(weekdays) != 1:
        return None
    weekday = weekdays.pop()
    matches = [d for d in dates if d.value is not None and not lead_start <= d.start < lead_end
               and d.value.weekday() == weekday and not _governed(text, d)]
    if len({d.value.date() for d in matches}) != 1:
        return None
    return StatedDate(matches[0].value.date(), "weekday", matches[0].start, matches[0].end)
