"""The dates an article states for its measures outside the sentences of their rates.

The extractor dates a rate from its own sentence ("25% tariffs starting Tuesday"). Stories often give the rate in
one sentence and the day it applies in another: "Duties on EVs ... start Oct. 1, and the steel and aluminum
surtax on Oct. 15", "los aranceles regirán desde el 14 de octubre", "the decision takes effect on Sept. 1". Here a
date the article mentions (the `date_mentions` rows the extractors stored; a year the text leaves out is the
one nearest the mention's day, which is the same whichever exact copy of the article was extracted) dates the
mentions of that article that have none, when:

- the words just before it say it is a start ("effective", "from", "starting", "since", "takes effect on", "came
  into force on", "a partir del", "desde el", "entrará en vigor el", "regirán desde el", "comenzarán a aplicarse
  el"), or only "on" / "el" after a start date of its sentence ("start Oct. 1, and the surtax on Oct. 15"): a
  date of a saying or a signing ("announced on Aug. 8") dates no step;
- its sentence holds no rate (a rate's own sentence is the extractor's to read);
- its sentence names goods of the mention's scope ("the steel and aluminum surtax on Oct. 15": the mentions
  of steel and aluminium); or, when its stretch of sentence names no goods ("The lower rates take effect on
  May 14"), the mention stands in the sentence just before it, whose rates such a sentence goes on about.

A mention takes the first such date of its article, a date naming its goods before one that follows its
sentence. A replaced rate never takes one (the date is the new rate's). Chosen on the corpus's tune split
(bench/tracker.py --folds): the dates naming goods, step accuracy 0.824 -> 0.836, no dispute lower; the
sentence before, 0.851 -> 0.867 (half A unchanged, half B 0.813 -> 0.843, no dispute lower) and 0.611 -> 0.646
on dev2. A date whose sentence names no goods given to all the article's undated rates dated the wrong
imposer's rates as often as the right ones (0.759 in all, US-EU 0.818 -> 0.515), and given to the rates of
the sentence after it, or of the nearest sentence before it holding rates, it lost canola-EVs 0.930 -> 0.767.
"""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb

from extractors.calendar_words import resolve_day
from storage.tracker.measures import PREVIOUS, Mention
from storage.tracker.vocabulary import Vocabulary, fold

# Words that make the date after them a start date (folded: lower case, no accents), with what may stand between
# them and the date ("on", "el", "the", "next", a weekday is part of the stored date's text).
_START = re.compile(
    r"\b(?:effective|from|starting|beginning|as of|since|starts?|started|begins?|began|takes? effect|took effect|"
    r"into (?:force|effect)|kicks? in|kicked in|a partir del?|desde|en vigor|regir\w*|aplicar\w*|cobrar\w*|"
    r"comenzar\w*(?: a \w+)?|empezar\w*(?: a \w+)?|iniciar\w*)"
    r"(?:\s+(?:on|el|la|the|next|this|proximo|este|esta))*\s*$")
# A plain "on" / "el" after a start date of the same sentence shares its verb: "Duties on EVs start Oct. 1, and
# the steel and aluminum surtax on Oct. 15".
_ON = re.compile(r"\b(?:on|el)\s*$")
_BEFORE = 40  # characters before the date read for its start word
_SENTENCE_END = re.compile(r"[.!?][\"”»')]*\s+(?=[A-Z¿¡\"“«(])|\n")


def date_from_the_article(con: duckdb.DuckDBPyConnection, mentions: list[Mention], vocabulary: Vocabulary) -> None:
    """Fill the `effective` date of the mentions that have none from the start dates their article states (in
    place; the mentions' scopes are read already)."""
    waiting: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.effective is None and m.status != PREVIOUS and m.scope is not None:
            waiting[m.article_id].append(m)
    if not waiting:
        return
    rows = con.execute("""
        select d.article_id, case when d.precision in ('day', 'time') then d.year end, d.month, d.day,
               d.start_char, d.end_char, a.text
        from date_mentions d join articles a using (article_id)
        where d.day is not null and d.article_id in (select unnest(?))
        order by d.article_id, d.start_char""", [sorted(waiting)]).fetchall()
    rates: dict[str, list[int]] = defaultdict(list)
    for m in mentions:
        rates[m.article_id].append(m.start)
    started: set[tuple[str, int]] = set()  # sentences with a start date so far
    dates_at: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article_id, _, _, _, start, end, _ in rows:
        dates_at[article_id].append((start, end))
    unnamed = []  # start dates whose sentence names no goods: for the rates of the sentence before, once the
                  # dates naming goods are given
    for article_id, year, month, day, start, stop, text in rows:
        begin, end = _sentence(text, start)
        if any(begin <= offset < end for offset in rates[article_id]):
            continue
        before = fold(text[max(begin, start - _BEFORE):start])
        if not _START.search(before) and not ((article_id, begin) in started and _ON.search(before)):
            continue
        started.add((article_id, begin))
        named = _goods_of(text, begin, end, start, stop, dates_at[article_id], vocabulary)
        if not named:
            # the sentence before: the one holding the offset just ahead of this one's end mark and space
            unnamed.append((article_id, year, month, day, _sentence(text, max(0, begin - 2))))
            continue
        for m in waiting[article_id]:
            if m.effective is None and m.scope in named:
                m.effective = resolve_day(year, month, day, m.day)
    for article_id, year, month, day, (begin, end) in unnamed:
        for m in waiting[article_id]:
            if m.effective is None and begin <= m.start < end:
                m.effective = resolve_day(year, month, day, m.day)


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
    """The offsets of the sentence of `text` that holds `offset` (a date's period does not end it: "Oct. 1")."""
    begin, end = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= offset:
            begin = match.end()
        elif match.start() >= offset:
            end = match.start() + 1
            break
    return begin, end


