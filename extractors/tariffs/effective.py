"""The date a tariff step takes effect, when the rate's sentence states it: "effective June 4", "from August 1",
"starting Aug. 1", "since March 12", "take effect on Tuesday", "a partir del 1 de agosto", "entrará en vigor el
martes", "desde el 1 de enero de 2026".

A date in the sentence counts when the words before it say it is a start ("effective", "from", "starting",
"beginning", "as of", "since", "by", "a partir de", "desde"), or, for a plain date ("on Tuesday", "el 1 de
agosto", a date opening the sentence), when the verb it hangs on says the tariff starts, applies, rises or is
paid — not when it dates a saying, signing or announcing ("Trump said on Friday ...", "anunció este jueves").
With several dates in the sentence, a rate takes the one whose clause holds it (English, from the parse: the
deepest verb or noun the date hangs on whose subtree holds the rate, none if no such date), or (Spanish) the
nearest.

Dates are anchored on the article: a year left out is the one that puts the date nearest the publication date
(an article of 29 December's "1 de enero" is next January), or the last year the text wrote before; a weekday is
the next one on or after the publication day when the sentence looks ahead ("will", "set to", "próximo", a
Spanish future), else the last one on or before it; "today", "tomorrow", "hoy" count from the publication day.
Without a publication date, weekdays and relative words give nothing. Replaced rates ("from 25% to 50%": the
25%) never get a date: the date belongs to the new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Span, Token

from extractors.calendar_words import MONTHS, WEEKDAYS, resolve_day
from extractors.kb import as_day

_RELATIVE = {"today": 0, "tonight": 0, "tomorrow": 1, "hoy": 0}

_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>20\d\d)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|o\.?|º)?"
_DATES = [re.compile(p, re.IGNORECASE) for p in (
    rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b",                                  # June 4, 2025 / Aug. 1
    rf"\b{_DAY}\s+(?:de\s+|of\s+)?{_MONTH}(?:,?\s+(?:de\s+|del\s+)?{_YEAR})?\b",  # 4 June / 1 de agosto de 2026
    r"\b(?P<iso>20\d\d-\d\d-\d\d)\b",
    r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b",
    r"\b(?P<relative>" + "|".join(_RELATIVE) + r")\b",
)]

# Words just before a date that make it a start date whatever the verb.
_START_CUES = re.compile(
    r"(?:\beffective(?:\s+from|\s+on|\s+as\s+of)?|\bfrom|\bstarting(?:\s+on|\s+from)?|\bbeginning(?:\s+on)?|"
    r"\bas\s+(?:of|from)|\bsince|\bby|\bwith\s+effect\s+from|\ba\s+partir\s+de(?:l|\s+el|\s+este|\s+esta)?|"
    r"\bdesde(?:\s+el|\s+este|\s+esta)?|\ba\s+contar\s+de(?:l)?|\bvigentes?\s+desde(?:\s+el)?)"
    r"(?:\s+(?:the|next|this|el|este|esta|pr[oó]ximo|pr[oó]xima))?\s*$", re.IGNORECASE)
# A plain date: "on Tuesday", "el 1 de agosto", "this Thursday", "el próximo martes".
_PLAIN_CUES = re.compile(r"(?:\bon|\bat|\bel|\bla|\beste|\besta|\bnext|\bthis|\bpr[oó]ximo|\bpr[oó]xima|\bdel)"
                         r"(?:\s+(?:the|next|this|pr[oó]ximo|pr[oó]xima))?\s*$", re.IGNORECASE)
# What may stand between a cue and its date: times of day, their zones and weekdays ("effective 12:01 a.m. EST
# tomorrow", "on Tuesday 12 March"); after a start word, also "on" / "at" ("from 12:01 a.m. ET on Thursday").
_GAP = (r"(?:\s*(?:\d{1,2}[:.]\d{2}|\d{1,2})\s*(?:[ap]\.?\s?m\.?)?\s*(?:\(?[A-Z]{2,4}\)?)?|\s*midnight|\s*medianoche"
        r"|\s*(?:" + "|".join(WEEKDAYS) + r"),?")
_TIME_OF_DAY = re.compile(_GAP + r")*\s*$", re.IGNORECASE)
_TIME_AND_PREPOSITION = re.compile(_GAP + r"|\s*(?:on|at|el|la|las|a)\b)*\s*$", re.IGNORECASE)

# English verbs a plain date may hang on to be a start date: the tariff starts, applies, changes level, is paid.
_EFFECT_VERBS = frozenset("take come go kick start begin apply enter rise climb jump increase double triple hit "
                          "face charge collect stand bring impose put levy slap raise hike lift cut lower reduce "
                          "drop end remove scrap pause suspend resume return take_effect".split())
# English verbs whose date is the date of a report or an act of paper, not of the tariff.
_REPORT_VERBS = frozenset("say tell report state note add claim announce write post confirm declare sign issue "
                          "unveil publish release reveal warn threaten agree decide order meet vote approve reach "
                          "strike respond reply answer propose outline send".split())
# Spanish, no parse: what says the tariff starts or is paid in the sentence, and a preterite that dates an act.
_EFFECT_ES = re.compile(r"\b(?:entr\w*\s+en\s+vigor|vigor|vigentes?|(?:comenz|empez|inici)\w*\s+a\s+\w+|"
                        r"aplic\w*|cobr\w*|reg(?:i|í|ir|irá)\w*|rige|subir\w*|pasar\w*|elevar\w*)\b", re.IGNORECASE)
_ES_EFFECT_STEMS = ("comenz", "empez", "inici", "entr", "aplic", "cobr", "rig", "reg")
_ES_IRREGULAR_PRETERITES = frozenset("dijo dijeron dio dieron hizo hicieron fue fueron propuso propusieron "
                                     "tuvo tuvieron".split())
_ES_DETERMINERS = frozenset("el la este esta próximo proximo próxima proxima del pasado pasada".split())
_FUTURE_EN = re.compile(r"\b(?:will|would|'ll|set\s+to|due|on\s+track|going\s+to|plans?\s+to|scheduled|expected"
                        r"|next|upcoming|coming)\b", re.IGNORECASE)
_FUTURE_ES = re.compile(r"\b(?:pr[oó]xim[oa]|\w+(?:ará|erá|irá|arán|erán|irán))\b", re.IGNORECASE)
_YEAR_IN_TEXT = re.compile(r"\b(20\d\d)\b")


@dataclass
class _Found:
    start: int  # character offsets in the document
    end: int
    when: date | None


class EffectiveDates:
    """The effective dates of one document's rates. A sentence's start dates are read once, when its first rate
    asks, however many rates it holds ("from 25% to 50%", a range, a list of rates)."""

    def __init__(self, published: datetime | date | None, language: str) -> None:
        self.published = published
        self.language = language
        self._found: dict[int, list[_Found]] = {}  # by the sentence's first token

    def of(self, rate: Span, status: str) -> str | None:
        """The ISO date the step this rate reports takes effect, if its sentence states one; else None."""
        if status == "previous":
            return None
        sentence = rate.sent
        if sentence.start not in self._found:
            self._found[sentence.start] = [f for f in _dates(sentence, self.published, self.language)
                                           if f.when is not None]
        return _choose(self._found[sentence.start], rate, self.language)


def _choose(found: list[_Found], rate: Span, language: str) -> str | None:
    """Of the sentence's dates, the one of the rate's clause (English) or the nearest (Spanish)."""
    if not found:
        return None
    sentence = rate.sent
    if language != "es":
        ranked = []
        for f in found:
            depth = _holds(sentence, f, rate)
            if depth is not None or _same_clause(sentence, f, rate):
                ranked.append(((depth is not None, depth or 0, -abs(f.start - rate.start_char)), f))
        return max(ranked, key=lambda pair: pair[0])[1].when.isoformat() if ranked else None
    nearest = min(found, key=lambda f: (abs(f.start - rate.start_char), f.start < rate.start_char))
    return nearest.when.isoformat()


def _dates(sentence: Span, published: datetime | date | None, language: str) -> list[_Found]:
    """Every start date the sentence states, resolved to a day where it can be."""
    text, offset = sentence.text, sentence.start_char
    day0 = as_day(published)
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue  # "Tuesday 12 March 2025": the full date was read already
            before = _TIME_OF_DAY.sub("", text[max(0, match.start() - 40):match.start()])
            cue = _START_CUES.search(_TIME_AND_PREPOSITION.sub("", before))
            strong = cue is not None
            verb = None if language == "es" else _governing_verb(sentence, match)
            if not strong and not _plain_start(sentence, match, before, verb):
                continue
            taken.append((match.start(), match.end()))
            found.append(_Found(offset + match.start(), offset + match.end(),
                                _resolve(match, day0, _looks_ahead(text, verb, language, cue),
                                         sentence.doc.text[:offset + match.start()])))
    return found


def _plain_start(sentence: Span, match: re.Match, before: str, verb: Token | None) -> bool:
    """A date without a start word: a start date when what it hangs on says the tariff starts or is paid."""
    line_before = sentence.text[:match.start()].rsplit("\n", 1)[-1]
    opening = not line_before.strip(" \"“'(") and \
        re.match(r"[\s,0-9]*(?:\([^)]*\))?\s*[:,]", sentence.text[match.end():]) is not None
    if not opening and not _PLAIN_CUES.search(before) and match.lastgroup not in ("weekday", "relative"):
        return False
    if sentence.doc.lang_ == "es":
        return _spanish_start(sentence.text, match)
    if verb is None:
        return False
    cue = sentence.doc.char_span(sentence.start_char + match.start(), sentence.start_char + match.end(),
                                 alignment_mode="expand")
    said = cue is not None and any(t.lemma_.lower() in _REPORT_VERBS and t.pos_ in ("VERB", "AUX")
                                   for t in sentence.doc[max(sentence.start, cue.start - 3):cue.start])
    put_forward = any(c.dep_ == "prt" and c.lower_ in ("forward", "out") for c in verb.children)
    if said or put_forward or verb.lemma_.lower() in _REPORT_VERBS:
        return False  # "said on Monday he was putting ...", "put forward the duties on Monday"
    return verb.lemma_.lower() in _EFFECT_VERBS or verb.lower_ in ("effective", "due")


def _spanish_start(text: str, match: re.Match) -> bool:
    """Spanish, without a parse: a verb of starting, applying or charging within a few words of the date, and no
    other preterite before the date or between the two ("anunció este jueves", "advirtió que podría aplicar")."""
    words_before = [w.lower() for w in re.findall(r"\w+", text[:match.start()])]
    while words_before and words_before[-1] in _ES_DETERMINERS:
        words_before.pop()
    if any(_preterite_act(word) for word in words_before[-3:]):
        return False  # "dio a conocer este miércoles"
    window = text[max(0, match.start() - 60):match.end() + 80]
    effect = _EFFECT_ES.search(window)
    if effect is None:
        return False
    start = max(0, match.start() - 60)
    between = window[:effect.start()] if start + effect.start() < match.start() else \
        window[match.end() - start:effect.start()]
    return not any(_preterite_act(w.lower()) for w in re.findall(r"\w+", between))


def _preterite_act(word: str) -> bool:
    """A third-person preterite other than of starting or applying: "anunció", "dijo", "dio a conocer"."""
    return (re.fullmatch(r"\w+(?:ó|aron|ieron)", word) is not None or word in _ES_IRREGULAR_PRETERITES) and \
        not word.startswith(_ES_EFFECT_STEMS)


def _looks_ahead(text: str, verb: Token | None, language: str, cue: re.Match | None) -> bool:
    """Whether a weekday points forward: a future in the sentence (Spanish), or (English) a verb of the date
    that is not in the past ("take effect on Thursday", "set to start on Tuesday"); a start word other than
    "since" without a tensed verb looks ahead ("25 per cent tariffs ..., starting Tuesday")."""
    if language == "es":
        return bool(_FUTURE_ES.search(text))
    if verb is None or verb.tag_ == "VBG":
        if cue is not None:
            return not cue.group(0).lower().startswith("since")
        return bool(_FUTURE_EN.search(text))
    if any(c.lower_ in ("will", "would", "'ll", "to") for c in verb.children) or verb.tag_ in ("VB", "VBP", "VBZ"):
        return True
    return verb.tag_ not in ("VBD", "VBN") and bool(_FUTURE_EN.search(text))


def _governing_verb(sentence: Span, match: re.Match) -> Token | None:
    span = sentence.doc.char_span(sentence.start_char + match.start(), sentence.start_char + match.end(),
                                  alignment_mode="expand")
    if span is None:
        return None
    for ancestor in [span.root, *span.root.ancestors]:
        if ancestor.pos_ in ("VERB", "AUX") or ancestor.lower_ in ("effective", "due"):
            return ancestor
    return None


def _holds(sentence: Span, found: _Found, rate: Span) -> int | None:
    """How deep the verb the date hangs on lies, when the rate is under it (else None): the date of "the 25%
    tariffs that had applied from March 12" hangs on "tariffs" through its relative clause. A conjoined clause
    is not under it ("will apply from Thursday and come on top of the 25% tariffs")."""
    span = sentence.doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None:
        return None
    # the verb the date hangs on (a noun on the way may be a time of day: "since 12:01 am on June 4")
    head = next((a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX") or a.lower_ in ("effective", "due")),
                span.root)
    if head.dep_ in ("relcl", "acl") and head.head.i != head.i:
        head = head.head
    token = rate.root
    while token.i != head.i:
        if token.head.i == token.i or (token.head.i == head.i and token.dep_ in ("conj", "cc")):
            return None
        token = token.head
    return sum(1 for _ in head.ancestors)


# Dependencies that start a clause of their own: "Trump's tariffs remain on track to start on Tuesday" is one
# clause (an infinitive belongs to the verb it completes), "... and come on top of the 25% tariffs" is another. A
# relative clause belongs to the clause of its noun: "remove its 25 per cent counter-tariffs on goods that comply
# with the agreement as of Sept. 1" (the parse often hangs the date there).
_CLAUSE_DEPS = frozenset("ROOT conj advcl ccomp parataxis".split())


def _clause(token: Token) -> tuple[int, bool]:
    """(the index of the verb heading the token's clause, whether the token is that verb's subject or level:
    "the duties stand at 75.8% and take effect" share the duties with the conjoined verb)."""
    shared = False
    while token.dep_ not in _CLAUSE_DEPS or token.pos_ not in ("VERB", "AUX") or not _finite(token):
        if token.head.i == token.i:
            return token.i, shared
        shared = shared or token.dep_ in ("nsubj", "nsubjpass", "attr", "acomp") or \
            (token.dep_ == "prep" and token.lower_ == "at")
        token = token.head
    return token.i, shared


def _finite(verb: Token) -> bool:
    """A verb with a tense or a subject of its own; "to start", "facing" belong to the clause above them."""
    if verb.tag_ not in ("VB", "VBG", "VBN") or verb.dep_ == "ROOT":
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") or c.dep_ == "aux" and c.lower_ != "to"
               for c in verb.children)


def _same_clause(sentence: Span, found: _Found, rate: Span) -> bool:
    span = sentence.doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None:
        return False
    date_clause, _ = _clause(span.root)
    rate_clause, shared = _clause(rate.root)
    if date_clause == rate_clause:
        return True
    verb = sentence.doc[date_clause]
    return shared and verb.dep_ == "conj" and verb.head.i == rate_clause


def _resolve(match: re.Match, day0: date | None, future: bool, text_before: str) -> date | None:
    groups = match.groupdict()
    if groups.get("iso"):
        try:
            return date.fromisoformat(groups["iso"])
        except ValueError:
            return None
    if groups.get("weekday"):
        if day0 is None:
            return None
        wanted = WEEKDAYS[groups["weekday"].lower()]
        if future:
            return day0 + timedelta(days=(wanted - day0.weekday()) % 7)
        return day0 - timedelta(days=(day0.weekday() - wanted) % 7)
    if groups.get("relative"):
        return day0 + timedelta(days=_RELATIVE[groups["relative"].lower()]) if day0 else None
    month, day = MONTHS[groups["mon"].lower()], int(groups["day"])
    if groups.get("year"):
        return resolve_day(int(groups["year"]), month, day, None)
    if day0 is not None:
        return resolve_day(None, month, day, day0)
    years = _YEAR_IN_TEXT.findall(text_before)
    return resolve_day(int(years[-1]), month, day, None) if years else None
