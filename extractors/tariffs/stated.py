"""The start dates an article states for its rates outside the rates' own sentences (`Tariff.stated`).

The rate's own sentence gives `Tariff.effective` (effective.py). Stories often give the rate in one sentence and
the day it applies in another: "Duties on EVs ... start Oct. 1, and the steel and aluminum surtax on Oct. 15",
"los aranceles regirán desde el 14 de octubre", "the decision takes effect on Sept. 1". A date the article
mentions (article/dates.py's `find_dates`, the dates stored as `date_mentions`) is such a start date when:

- the words just before it say it is a start ("effective", "from", "starting", "since", "takes effect on", "came
  into force on", "a partir del", "desde el", "entrará en vigor el", "regirán desde el", "comenzarán a aplicarse
  el"), or only "on" / "el" after a start date of its sentence ("start Oct. 1, and the surtax on Oct. 15"): a
  date of a saying or a signing ("announced on Aug. 8") dates no step;
- its sentence holds no rate (a rate's own sentence is effective.py's to read).

Which rates it dates: when its stretch of sentence names goods, the rates of the scopes it names ("the steel and
aluminum surtax on Oct. 15": the rates of steel and aluminium). A rate's scope is the tracker's to decide (it
reads the whole story, other articles and events), so each date carries the scopes it names and the tracker
matches them (storage/tracker/builder.py). When its stretch names no goods ("The lower rates take effect on May
14"), it dates the rates of the sentence just before it, whose rates such a sentence goes on about. A year the
text leaves out stays out: the tracker takes the one nearest the mention's day, which is the same whichever
exact copy of the article was extracted, and an undated article's day is its event's.

A rate takes the first such date naming its scope, else the first following its sentence. A replaced rate never
takes one (the date is the new rate's), nor a rate whose own sentence dates it. Chosen on the corpus's tune split
(bench/tracker.py --folds): the dates naming goods, step accuracy 0.824 -> 0.836, no dispute lower; the sentence
before, 0.851 -> 0.867 (half A unchanged, half B 0.813 -> 0.843, no dispute lower) and 0.611 -> 0.646 on dev2. A
date whose sentence names no goods given to all the article's undated rates dated the wrong imposer's rates as
often as the right ones (0.759 in all, US-EU 0.818 -> 0.515), and given to the rates of the sentence after it, or
of the nearest sentence before it holding rates, it lost canola-EVs 0.930 -> 0.767.
"""

from __future__ import annotations

import re

from extractors.article.dates import find_dates
from extractors.records import StatedDate, Tariff
from extractors.tariff_vocabulary import Vocabulary, fold

# Words that make the date after them a start date (folded: lower case, no accents), with what may stand between
# them and the date ("on", "el", "the", "next", a weekday is part of the date's text). Not effective.py's
# `_START_CUES`: those are the cues that start a date whatever the verb, beside a reading of the rate's verb; a
# sentence here holds no rate to read, so its verbs of starting ("start", "takes effect", "regirán") are cues too.
_START = re.compile(
    r"\b(?:effective|from|starting|beginning|as of|since|starts?|started|begins?|began|takes? effect|took effect|"
    r"into (?:force|effect)|kicks? in|kicked in|a partir del?|desde|en vigor|regir\w*|aplicar\w*|cobrar\w*|"
    r"comenzar\w*(?: a \w+)?|empezar\w*(?: a \w+)?|iniciar\w*)"
    r"(?:\s+(?:on|el|la|the|next|this|proximo|este|esta))*\s*$")
# A plain "on" / "el" after a start date of the same sentence shares its verb: "Duties on EVs start Oct. 1, and
# the steel and aluminum surtax on Oct. 15".
_ON = re.compile(r"\b(?:on|el)\s*$")
_BEFORE = 40  # characters before the date read for its start word
# Sentences by their end marks, not the parse: a date's period does not end one ("Oct. 1"), and the Spanish
# sentencizer's sentences are not the ones these rules were chosen on.
_SENTENCE_END = re.compile(r"[.!?][\"”»')]*\s+(?=[A-Z¿¡\"“«(])|\n")


def add_stated_dates(text: str, tariffs: list[Tariff], vocabulary: Vocabulary) -> None:
    """Fill `stated` of the rates their sentences leave undated (in place), from the article's other sentences."""
    waiting = [t for t in tariffs if t.effective is None and t.status != "previous"]
    if not waiting:
        return
    dates = [d for d in find_dates(text) if d.day is not None]
    spans = [(d.start, d.end) for d in dates]
    named: list[StatedDate] = []
    unnamed: list[tuple[StatedDate, tuple[int, int]]] = []  # with the sentence before it
    started: set[int] = set()  # sentences with a start date so far, by their first offset
    for found in dates:
        begin, end = _sentence(text, found.start)
        if any(begin <= t.start < end for t in tariffs):
            continue
        before = fold(text[max(begin, found.start - _BEFORE):found.start])
        if not _START.search(before) and not (begin in started and _ON.search(before)):
            continue
        started.add(begin)
        year = found.year if found.precision in ("day", "time") else None  # a year written, not guessed
        goods = _goods_of(text, begin, end, found.start, found.end, spans, vocabulary)
        if goods:
            named.append(StatedDate(year, found.month, found.day, sorted(goods)))
        else:  # the sentence before: the one holding the offset just ahead of this one's end mark and space
            unnamed.append((StatedDate(year, found.month, found.day, []), _sentence(text, max(0, begin - 2))))
    for t in waiting:
        t.stated = named + [d for d, (begin, end) in unnamed if begin <= t.start < end]


def _goods_of(text: str, begin: int, end: int, start: int, stop: int, dates: list[tuple[int, int]],
              vocabulary: Vocabulary) -> set[str]:
    """The scopes the goods words of the date's stretch of its sentence name: from the date before it in the
    sentence (or the sentence's start) to the date, else from the date to the next one (or the sentence's end);
    a scope made of others counts when they are all named ("steel and aluminum": steel and aluminium)."""
    before = max([e for s, e in dates if begin <= s and e <= start] + [begin])
    after = min([s for s, e in dates if s >= stop and e <= end] + [end])
    for piece in (text[before:start], text[stop:after]):
        scopes = {scope for _, _, scope in vocabulary.goods_in(piece)}
        if scopes:
            return scopes | {s.name for s in vocabulary.scopes if s.all_of and set(s.all_of) <= scopes}
    return set()


def _sentence(text: str, offset: int) -> tuple[int, int]:
    """The offsets of the sentence of `text` that holds `offset`."""
    begin, end = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= offset:
            begin = match.end()
        elif match.start() >= offset:
            end = match.start() + 1
            break
    return begin, end
