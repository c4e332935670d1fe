"""Which measure each tariff mention reports: the grouping, as plain functions over `Mention` records.

A measure is one imposer's duty on one set of targets and one product scope, on one basis (README, "The tariff
tracker"). A mention is placed in four passes, each reading only the whole set of mentions, never the order
they were stored in:

1. What its own words say: the scope its goods phrase names, else the goods named next to it (a description of
   the partners, "countries without a trade agreement", counts there like any goods; goods given as examples of
   goods in general, "most products, cars included", "cars and other goods", do not; a goods phrase given to two
   rates of one sentence is the nearer one's, the other reading the goods next to it), and the basis or
   programme its sentence names nearest to it ("fentanyl", "reciprocal", "Section 232", "retaliatory", "a
   total of") — a word of a sentence holding several rates belongs to the nearest of them. A programme is read
   only where the words name it: beside a word of answering ("retaliatory", "in response to") a programme's
   name is the measure answered; words of a total, or of two programmes at once, name a total.
2. What its story says: a replaced rate ("to 20% from 10%") takes the scope and programme of the rate that
   replaces it; a mention silent on scope takes it from a mention of the same imposer, rate and targets in the
   same event (stories of one event report one decision); else, wherever it stands, the one scope the mentions
   of the same imposer and targets give its rate; else the one goods scope its article gives its imposer and
   targets; else "all goods". A programme the words do not name stays open.
3. Its targets: a mention naming none hits all countries. A duty on goods of a sectoral scope (steel, autos,
   copper ...) that one of its stories lays on a country joins the duty on all countries when two stories or
   more report that duty at the same rate, naming the goods next to it: the story names the country it is
   about, the measure is worldwide — unless the country's rate is in effect on a day the worldwide duty was
   last reported in effect at another rate (a country left at the old rate when the others' went up). A rate
   on one part of a scope made of others (steel) is the whole's measure (steel and aluminium) when two stories
   or more name the whole for its imposer and targets. A mention naming several countries reports each one's
   measure when each has mentions of its own (the 25% announced for Mexico and Canada), else the group's.
4. Its programme: among the measures of one imposer, targets and scope, a total is a measure of its own only
   when there is a programme for it to add up with other rates and its rate is none of a programme's (the US
   total on Chinese goods: the fentanyl duty and the reciprocal one); else it is the rate of the measure it
   describes ("a combined 20%" fentanyl duty, China's counter-tariffs "now total 84%"). A mention whose sentence
   names no basis joins the programme of the rate it replaces ("lowers the rate to 30% from 145%"), else the
   programme whose mentions have its rate (the nearest in time when several do), else the only one there is;
   with several and none matching it stays apart, a measure with no basis named.

A new rate on the same imposer, targets, scope and programme is a step of the same measure (steps.py).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from extractors.tariff_vocabulary import ALL_COUNTRIES, ALL_GOODS, Basis, Vocabulary, fold

PREVIOUS = "previous"  # the status of a replaced rate
IN_EFFECT = "in effect"
TOTAL = "total"          # the programme of a combined rate (config/tariff_measures.toml)
COUNTERMEASURE = "countermeasure"  # the legal basis of an answer to another's tariff


@dataclass
class Mention:
    """One stored tariff mention with what the grouping reads of it."""

    article_id: str
    ordinal: int
    rate: float
    imposer: str | None
    targets: tuple[str, ...]
    products: str | None
    status: str
    effective: date | None
    start: int
    end: int
    sentence: str
    local: int                 # the rate's offset in its sentence
    day: date | None           # the article's publication day (an undated one: its event's earliest)
    event_id: str | None
    copies: str = ""           # the id of its article's group of exact copies (the earliest id): orders mentions
                               # the same whichever copy was extracted
    scope: str | None = None
    scope_named: bool = False  # its own words name its goods (not taken from its story)
    programme: str | None = None
    bases: list[str] = field(default_factory=list)   # legal bases its sentence names next to it
    successor: "Mention | None" = None  # for a replaced rate: the rate that replaces it in its sentence
    measures: list["MeasureKey"] = field(default_factory=list)
    # the start dates its article states in other sentences (Tariff.stated), as stored: year, month, day, goods
    stated: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class MeasureKey:
    imposer: str
    targets: tuple[str, ...]
    scope: str
    programme: str | None

    def order(self) -> tuple:
        return self.imposer, self.targets, self.scope, self.programme or ""

    def slug(self, codes: dict[str, str]) -> str:
        """A readable id: "us-ca-all-goods-fentanyl"; countries by ISO code, worldwide "all"."""
        def code(country: str) -> str:
            return "all" if country == ALL_COUNTRIES else codes.get(country, country).lower()
        parts = [code(self.imposer), "_".join(code(t) for t in self.targets), self.scope]
        if self.programme:
            parts.append(self.programme)
        slug = re.sub(r"[^a-z0-9_]+", "-", "-".join(parts).lower()).strip("-")
        if len(slug) > 60:  # a long list of targets: keep the id short and still unique
            digest = hashlib.sha1("|".join(self.targets).encode("utf-8")).hexdigest()[:8]
            slug = re.sub(r"[^a-z0-9_]+", "-", "-".join([code(self.imposer), f"{len(self.targets)}-countries-"
                                                          f"{digest}"] + parts[2:]).lower()).strip("-")
        return slug


# How far from a rate a word of its sentence may stand to say what the rate is (characters before the rate,
# after it): "the 20 percent fentanyl tariffs", "bringing the total on Chinese goods to 54%", "a 25% retaliatory
# tariff". Chosen on the corpus's tune split; farther, the words of one rate were read for its neighbours.
BEFORE, AFTER = 50, 30


def assign(mentions: list[Mention], vocabulary: Vocabulary) -> None:
    """Fill each mention's `scope`, `programme`, `bases` and `measures` (in place)."""
    mentions = [m for m in mentions if m.imposer]
    _read_own_words(mentions, vocabulary)
    _from_the_story(mentions, {s.name for s in vocabulary.scopes if s.phrase})
    targets = _targets(mentions, vocabulary)
    _parts_join_their_whole(mentions, targets, vocabulary)
    _programmes(mentions, targets)


# ------------------------------------------------------------------------------------------------ 1. own words


def _by_sentence(mentions: list[Mention]) -> list[list[Mention]]:
    """The mentions grouped by the sentence that holds them (its words are shared out among its rates)."""
    found: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        found[(m.article_id, m.sentence)].append(m)
    return list(found.values())


def _read_own_words(mentions: list[Mention], vocabulary: Vocabulary) -> None:
    for together in _by_sentence(mentions):
        sentence = together[0].sentence
        owned: dict[str, list[tuple[int, Basis]]] = defaultdict(list)
        for start, end, basis in vocabulary.bases_in(sentence):
            reach = [(d, m.local, _id(m)) for m in together for d in [_distance(m, start, end)] if d is not None]
            if reach:  # the word belongs to the nearest rate within reach
                distance, _, owner = min(reach)
                owned[owner].append((distance, basis))
        spans = {_id(m): _phrase_span(m) for m in together}
        # a goods phrase the extractor gave to two rates is the nearer one's: the farther rate has lent it
        lent = {_id(m) for m in together if _phrase_of_a_nearer_rate(m, together, spans)}
        goods: dict[str, set[str]] = defaultdict(set)
        for start, end, scope in vocabulary.goods_in(_examples_left_out(sentence, vocabulary)):
            reach = [(d, m.local, _id(m)) for m in together for d in [_distance(m, start, end)] if d is not None
                     and not (_id(m) in lent and _across_a_comma(m, start, end))
                     and not (_id(m) not in lent and _named_elsewhere(m, spans[_id(m)], start, vocabulary))]
            if reach:
                goods[min(reach)[2]].add(scope)
        for m in together:
            # the goods phrase, else the goods named next to the rate ("the 25 per cent steel and aluminum
            # tariffs"). A description of the partners or of an exemption counts there only: read from farther
            # in the sentence and put before the goods phrase, it split the measures it carves a rate out of
            # (tune: the US duty on Canada, Mexico's duties on countries without a trade agreement)
            products = _examples_left_out(m.products, vocabulary) if m.products else None
            if goods[_id(m)] and _id(m) in lent:
                products = None
            m.scope = vocabulary.scope_of(products) or vocabulary.most_specific(goods[_id(m)])
            m.scope_named = m.scope is not None
            named = sorted(owned[_id(m)], key=lambda pair: pair[0])
            m.programme = _programme_named([b for _, b in named])
            m.bases = sorted({b.legal_basis for _, b in named if b.legal_basis})


# Words that give goods as examples of goods in general: "products such as automobiles", "EU exports, including
# cars", "casi todas las importaciones niponas, automóviles incluidos". After the goods in general they name the
# examples that follow them; "included" / "incluidos" closing a stretch set off by a comma name the examples before.
_EXAMPLES_AFTER = re.compile(r"(?<!\w)(?:including|such as|incluyendo|entre ell[oa]s|tales como|incluid[oa]s?)(?!\w)")
_EXAMPLES_BEFORE = re.compile(r",([^,.;:]{1,60})(?<!\w)(?:included|incluid[oa]s?)(?!\w)")
# "cars and other goods", "autos y otros productos": the goods listed before the words of goods in general that
# follow are examples of them. The list starts after the last word that opens a goods phrase ("on", "sobre") or
# a clause break or figure, at most _LIST_REACH characters back.
_OTHERS = re.compile(r"(?<!\w)(?:and|or|y|e|u|o)\s+(?:other|otr[oa]s|demas)\s+")
_LIST_START = re.compile(r"[.;:()\u2014\d%]|(?<!\w)(?:on|to|for|of|sobre|a|al|para)(?!\w)")
_LIST_REACH = 80
# Where the words of goods in general after "and other" end: a comma, a clause break or a figure. Spanish puts the
# goods' kind after them ("y otros productos lácteos"): such goods in general are of that kind, and the goods listed
# before are examples of it, read where they stand.
_OTHERS_PHRASE_END = re.compile(r"[,.;:()\u2014\d]")
_OTHERS_PHRASE_REACH = 30
# Where a list of examples ends: a clause break, a figure, or a comma before a word that opens another clause
# ("including cars, while steel and aluminium stay at 50%").
_CLAUSE_END = re.compile(r"[.;:()\u2014\d]|,\s*(?:while|but|whereas|mientras|pero|aunque|y|and)(?!\w)")


def _examples_left_out(text: str, vocabulary: Vocabulary) -> str:
    """The text with the goods it gives as examples of goods in general blanked out (offsets kept): a rate "on
    most Japanese products, automobiles and parts included" is on goods in general, not on autos. The goods
    named last before the examples must be goods in general ("imports of trucks, including ..." are trucks)."""
    folded = "".join(fold(c)[:1] or " " for c in text)  # char by char: the offsets must be the text's ("ß", "…")
    general = next((s.pattern for s in vocabulary.scopes if s.name == ALL_GOODS and s.pattern), None)
    if general is None:
        return text
    named = sorted([(m.end(), True) for m in general.finditer(folded)] +
                   [(end, False) for _, end, _ in vocabulary.goods_in(text)])

    def after_goods_in_general(position: int) -> bool:
        last = [(end, is_general) for end, is_general in named if position - 60 <= end <= position
                and "." not in folded[end:position]]
        return bool(last) and last[-1][1]

    blank: list[tuple[int, int]] = []
    for marker in _EXAMPLES_AFTER.finditer(folded):
        if marker.group().startswith("incluid") and not folded[:marker.start()].rstrip().endswith(","):
            continue  # "automóviles incluidos": the examples stand before it (below)
        if after_goods_in_general(marker.start()):
            end = _CLAUSE_END.search(folded, marker.end())
            blank.append((marker.end(), end.start() if end else len(folded)))
    for stretch in _EXAMPLES_BEFORE.finditer(folded):
        if after_goods_in_general(stretch.start()):
            blank.append(stretch.span(1))
    blank += _listed_before_others(folded, general, vocabulary)
    for start, end in blank:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _listed_before_others(folded: str, general: re.Pattern, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """The spans of goods listed before "and other goods" ("on cars, toys and other goods"): examples of goods
    in general, like "including"'s. Only where goods in general follow the words at once and name no kind of
    goods after them: "and other upholstered products" names furniture, "y otros productos lácteos" dairy."""
    spans = []
    for marker in _OTHERS.finditer(folded):
        if not general.match(folded, marker.end()) or _names_a_kind(folded, marker.end(), vocabulary):
            continue
        opening = max((m.end() for m in _LIST_START.finditer(folded, max(0, marker.start() - _LIST_REACH),
                                                             marker.start())),
                      default=max(0, marker.start() - _LIST_REACH))
        spans.append((opening, marker.start()))
    return spans


def _names_a_kind(folded: str, start: int, vocabulary: Vocabulary) -> bool:
    """Whether the words of goods in general at `start` name a kind of goods after them ("productos lácteos")."""
    end = _OTHERS_PHRASE_END.search(folded, start, start + _OTHERS_PHRASE_REACH)
    return bool(vocabulary.goods_in(folded[start:end.start() if end else start + _OTHERS_PHRASE_REACH]))


def _programme_named(named: list[Basis]) -> str | None:
    """The programme the words next to a rate name (nearest first). Words of a total, or of two programmes
    ("combined antidumping and countervailing duty rates of 35.19%"), name a total. Beside a word of answering
    ("retaliatory", "in response to"), a programme's name is the measure answered ("China's answer to the US
    reciprocal tariffs"), not the rate's own."""
    splitting = [b.name for b in named if b.splits]
    if any(b.legal_basis == COUNTERMEASURE for b in named):
        return None
    if TOTAL in splitting or len(set(splitting)) > 1:
        return TOTAL
    return splitting[0] if splitting else None


def _phrase_span(m: Mention) -> tuple[int, int] | None:
    """Where the mention's goods phrase stands in its sentence (the occurrence nearest the rate), if it does."""
    if not m.products:
        return None
    spans = [found.span() for found in re.finditer(re.escape(m.products), m.sentence)]
    return min(spans, key=lambda span: _gap(m, *span), default=None)


def _gap(m: Mention, start: int, end: int) -> int:
    """Characters between the words at start:end and the rate (0 when they touch or overlap)."""
    rate_end = m.local + (m.end - m.start)
    return max(0, m.local - end, start - rate_end)


def _named_elsewhere(m: Mention, span: tuple[int, int] | None, start: int, vocabulary: Vocabulary) -> bool:
    """Whether the rate's own goods phrase (at `span`) names its scope somewhere else in the sentence than the
    goods word starting at `start`: the word is then another rate's ("Canadian goods at 25%, with energy exports
    at 10%")."""
    if span is None or span[0] <= start < span[1]:
        return False
    return vocabulary.scope_of(m.products) is not None


def _phrase_of_a_nearer_rate(m: Mention, together: list[Mention], phrases: dict[str, tuple[int, int] | None]
                             ) -> bool:
    """Whether the extractor gave the mention's goods phrase to another rate of the sentence as well, one that
    stands nearer to it: "Canadian goods in general pay 25%, but crude oil is charged 10%" gives both rates the
    first goods; the 10% is on the goods named next to it. A change of rate ("raised its duties on steel from 25%
    to 50%") gives the phrase to both the old rate and the new."""
    span = phrases[_id(m)]
    if span is None or m.status == PREVIOUS:
        return False
    return any(o.products == m.products and o.status != PREVIOUS and _gap(o, *span) < _gap(m, *span)
               for o in together if o is not m)


def _across_a_comma(m: Mention, start: int, end: int) -> bool:
    """Whether a comma stands between the rate and the words at start:end. A rate that shares its goods phrase
    with a nearer one ("lumber ... 15% in May and 30% in August") reads goods of its own clause only: those past a
    comma ("..., lifting furniture costs") tell what the rates do, not what they are on."""
    rate_end = m.local + (m.end - m.start)
    between = m.sentence[rate_end:start] if start >= rate_end else m.sentence[end:m.local]
    return "," in between


def _distance(m: Mention, start: int, end: int) -> int | None:
    """How far the words at start:end stand from the rate, None when farther than BEFORE / AFTER."""
    rate_end = m.local + (m.end - m.start)
    if end <= m.local:
        gap = m.local - end
        return gap if gap <= BEFORE else None
    if start >= rate_end:
        gap = start - rate_end
        return gap if gap <= AFTER else None
    return 0


# ------------------------------------------------------------------------------------------------ 2. the story


def _from_the_story(mentions: list[Mention], phrases: set[str]) -> None:
    """The scope a mention leaves unsaid, from the rest of its event: the scope of a mention of the same imposer,
    rate and targets (or one of them naming none). A programme is never passed on this way: one the words do not
    name is the programme of the measure's rate (4. below) — passing it on by rate as well changed nothing on the
    tune split. There is no pass by programme: taking the scope of a mention of the same imposer, targets and
    programme changed nothing on corpus tune, dev2, dev3 or dev4 (the article's one goods scope,
    `_scope_of_the_article`, covers those stories) and was removed. Nor is there a pass by article before the
    event's: an article's stories are its event's, and the article's own rates at that rate, read first, changed
    nothing on corpus tune, dev2 or dev6 and gave dev5 the wrong scope (one misread rate of an article about the
    steel duty, on "Canadian goods", took that article's other rates from the steel duty)."""
    def same_targets(a: Mention, b: Mention) -> bool:
        return not a.targets or not b.targets or bool(set(a.targets) & set(b.targets))

    def story(m: Mention) -> str:  # every linked article has an event; one not linked yet is its own story
        return m.event_id if m.event_id is not None else f"article {m.article_id}"

    _replaced_with_their_successor(mentions)
    known: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        known[(story(m), m.imposer, m.rate)].append(m)
    for m in mentions:
        if m.scope is None:
            same = [o for o in known[(story(m), m.imposer, m.rate)] if same_targets(o, m)]
            m.scope = _only({o.scope for o in same})
    _scope_from_everywhere(mentions)
    _scope_of_the_article(mentions, phrases)
    for m in mentions:
        m.scope = m.scope or ALL_GOODS


def _scope_from_everywhere(mentions: list[Mention]) -> None:
    """A mention whose story names no goods takes the one scope the other mentions of its imposer and targets
    give its rate, wherever they stand: a rate like 75.8% is one measure's, which other stories name ("the
    75.8% duty on canola"). With two scopes or none it stays open (all goods). (The same by programme, tried on
    the tune split, spread a combined total over the measures it adds up.)"""
    known: dict[tuple, set[str]] = defaultdict(set)
    for m in mentions:
        if m.scope is not None:
            known[(m.imposer, frozenset(m.targets), m.rate)].add(m.scope)
    for m in mentions:
        if m.scope is None:
            m.scope = _only(known.get((m.imposer, frozenset(m.targets), m.rate), set()))


def _scope_of_the_article(mentions: list[Mention], phrases: set[str]) -> None:
    """A mention still without a scope takes the one scope its article gives the other mentions of its imposer
    and targets: a story about the review of the lumber duties names the goods once, its company rates never. A
    description of the partners or of an exemption ("goods not covered by USMCA") is not passed on: it carves
    one rate out, it does not say what the story's other rates are on."""
    known: dict[tuple, list[str]] = defaultdict(list)
    for m in mentions:
        if m.scope is not None:
            for t in m.targets or ("",):
                known[(m.article_id, m.imposer, t)].append(m.scope)
    for m in mentions:
        if m.scope is None:
            scopes = [s for t in m.targets or ("",) for s in known.get((m.article_id, m.imposer, t), [])]
            one = _only(set(scopes))
            m.scope = one if one not in phrases else None


def _replaced_with_their_successor(mentions: list[Mention]) -> None:
    """A replaced rate ("raised the tariff to 20% from 10%, a levy tied to fentanyl") is a rate of the measure
    its successor in the sentence belongs to: it takes the scope and programme the successor names."""
    for together in _by_sentence(mentions):
        for m in together:
            if m.status != PREVIOUS:
                continue
            successors = [o for o in together if o.status != PREVIOUS and o.imposer == m.imposer]
            if successors:
                successor = min(successors, key=lambda o: (abs(o.local - m.local), o.local))
                m.successor = successor
                m.scope = m.scope or successor.scope
                m.programme = m.programme or successor.programme


def _only(values: set) -> object:
    """The one value named (None aside), or None when there are none or several."""
    named = {v for v in values if v is not None}
    return next(iter(named)) if len(named) == 1 else None


# ------------------------------------------------------------------------------------------------ 3. targets


def _targets(mentions: list[Mention], vocabulary: Vocabulary) -> dict[str, list[tuple[str, ...]]]:
    """{mention key: the target sets of the measures it reports}.

    A country's sectoral rate joins the worldwide duty only when two stories or more (groups of exact copies)
    report the worldwide duty at that rate with the goods named next to it. One rate naming no country is weak
    evidence: the extractor may have missed its country (a deal's lower rate on one country's cars), or its goods
    came from its story (a general rate written beside a country's rate on cars, taking the cars from it) — such a
    rate made a worldwide "measure" that took in every country's deal at that rate (dev3, dev4: the UK's 10% and
    Korea's 15% on cars). Nor does a country's rate in effect that the worldwide duty has left by its day: the
    UK's steel kept at 25% after the duty on everyone else went to 50% is a measure of its own."""
    sectoral = {s.name for s in vocabulary.scopes if s.sectoral}
    worldwide_stories: dict[tuple[str, str, float], set[str]] = defaultdict(set)
    solo: set[tuple[str, str, str]] = set()
    for m in mentions:
        if not m.targets:
            if m.scope_named:
                worldwide_stories[(m.imposer, m.scope, m.rate)].add(m.copies or m.article_id)
        elif len(m.targets) == 1:
            solo.add((m.imposer, m.scope, m.targets[0]))
    in_force = _worldwide_in_force(mentions)
    found: dict[str, list[tuple[str, ...]]] = {}
    for m in mentions:
        worldwide = len(worldwide_stories.get((m.imposer, m.scope, m.rate), ())) >= 2 and \
            not _left_behind(m, in_force.get((m.imposer, m.scope), []))
        if not m.targets or (m.scope in sectoral and worldwide):
            sets = [(ALL_COUNTRIES,)]
        elif len(m.targets) > 1 and all((m.imposer, m.scope, t) in solo for t in m.targets):
            sets = [(t,) for t in sorted(m.targets)]
        else:
            sets = [tuple(sorted(m.targets))]
        found[_id(m)] = sets
    return found


def _worldwide_in_force(mentions: list[Mention]) -> dict[tuple[str, str], list[tuple[date, float]]]:
    """{(imposer, scope): (day, rate) of the first mention naming no country and its goods that reports each rate
    in effect}, in day order: when each rate of the worldwide duty came in. A rate's later reports do not count,
    so one story misreading the old rate as in effect after the rise does not move the duty back."""
    first: dict[tuple[str, str], dict[float, date]] = defaultdict(dict)
    for m in mentions:
        if not m.targets and m.scope_named and m.status == IN_EFFECT and m.day is not None:
            days = first[(m.imposer, m.scope)]
            days[m.rate] = min(days.get(m.rate, m.day), m.day)
    return {key: sorted((day, rate) for rate, day in days.items()) for key, days in first.items()}


def _left_behind(m: Mention, in_force: list[tuple[date, float]]) -> bool:
    """Whether a country's rate in effect stays at a rate the worldwide duty has left by the mention's day: the
    worldwide duty's latest rate to come in on or before that day is another."""
    if m.status != IN_EFFECT or m.day is None:
        return False
    before = [rate for day, rate in in_force if day <= m.day]
    return bool(before) and before[-1] != m.rate


def _parts_join_their_whole(mentions: list[Mention], targets: dict[str, list[tuple[str, ...]]],
                            vocabulary: Vocabulary) -> None:
    """A mention on one part of a scope made of others (steel, of "steel and aluminium") reports the whole's
    measure when two stories or more name the whole for the same imposer and targets: a story about one metal
    ("doubles the duty on foreign steel") reports the one duty most stories name with both metals. One story is
    weak evidence, as for the worldwide join: its whole may be a rate whose country the extractor missed. A part
    that two stories or more report at a rate no story gives the whole is a duty of its own (aluminium at 10%
    beside a 25% duty on steel and aluminium)."""
    whole_of = {part: scope.name for scope in vocabulary.scopes for part in scope.all_of}
    rated: dict[tuple, set[str]] = defaultdict(set)  # (imposer, targets, scope, rate): the stories reporting it
    for m in mentions:
        for target_set in targets[_id(m)]:
            rated[(m.imposer, target_set, m.scope, m.rate)].add(m.copies or m.article_id)
    stories: dict[tuple, set[str]] = defaultdict(set)  # (imposer, targets, scope): its stories, at any rate
    rates: dict[tuple, set[float]] = defaultdict(set)  # (imposer, targets, scope): the rates reported for it
    for (imposer, target_set, scope, rate), found in rated.items():
        stories[(imposer, target_set, scope)] |= found
        rates[(imposer, target_set, scope)].add(rate)

    def joins(m: Mention, target_set: tuple[str, ...], whole: str) -> bool:
        whole_key = (m.imposer, target_set, whole)
        own_duty = len(rated[(m.imposer, target_set, m.scope, m.rate)]) >= 2 and m.rate not in rates[whole_key]
        return len(stories[whole_key]) >= 2 and not own_duty

    for m in mentions:
        whole = whole_of.get(m.scope)
        if whole is not None and all(joins(m, target_set, whole) for target_set in targets[_id(m)]):
            m.scope = whole


def _id(m: Mention) -> str:
    return f"{m.article_id}:{m.ordinal}"


# ------------------------------------------------------------------------------------------------ 4. programmes


def _programmes(mentions: list[Mention], targets: dict[str, list[tuple[str, ...]]]) -> None:
    groups: dict[tuple, list[tuple[Mention, tuple[str, ...]]]] = defaultdict(list)
    for m in mentions:
        for target_set in targets[_id(m)]:
            groups[(m.imposer, target_set, m.scope)].append((m, target_set))
    for (imposer, target_set, scope), members in groups.items():
        ordered = sorted((m for m, _ in members), key=lambda m: m.status == PREVIOUS)
        own = _totals({_id(m): m.programme for m in ordered}, ordered)  # what each mention's words name
        chosen = dict(own)
        replaced = {_id(m.successor): m for m in ordered if m.successor is not None}  # the rate each one replaces
        # Twice: the programmes found the first time (a replaced rate's, from the rate that replaces it) are
        # programmes the same rates elsewhere can follow the second time.
        for _ in range(2):
            named: dict[float, list[tuple[date | None, str]]] = defaultdict(list)  # rate -> (day, programme)
            for m in ordered:
                if chosen[_id(m)] is not None:
                    named[m.rate].append((m.day, chosen[_id(m)]))
            programmes = {name for found in named.values() for _, name in found}
            for m in ordered:  # replaced rates last: one follows the rate that replaces it
                programme = own[_id(m)]
                if programme is None and m.successor is not None and _id(m.successor) in chosen:
                    programme = chosen[_id(m.successor)]
                if programme is None and _id(m) in replaced:  # "lowers the rate to 30% from 145%": 145's
                    programme = _programme_for(replaced[_id(m)], named, set())
                chosen[_id(m)] = programme if programme is not None else _programme_for(m, named, programmes)
        for m in ordered:
            m.measures.append(MeasureKey(imposer, target_set, scope, chosen[_id(m)]))
    for m in mentions:
        m.measures = sorted(set(m.measures), key=MeasureKey.order)


def _totals(programmes: dict[str, str | None], members: list[Mention]) -> dict[str, str | None]:
    """A total is a measure of its own when it adds a programme's duty to other rates (the US fentanyl and
    reciprocal duties on China: "a total of 54%"; its parts' names are often not written next to them). Where the
    imposer has no programme on those targets and goods, or the total's rate is one programme's, "total"
    describes that measure's rate ("a combined 20%" fentanyl duty, China's counter-tariffs "now total 84%").
    (Asking for two named programmes, tried, folded the demo's US totals on China into the fentanyl duty: the
    reciprocal rates next to them are not called that.)"""
    rates: dict[str, set[float]] = defaultdict(set)
    for m in members:
        if programmes[_id(m)] not in (None, TOTAL):
            rates[programmes[_id(m)]].add(m.rate)
    found = dict(programmes)
    for m in members:
        if programmes[_id(m)] != TOTAL:
            continue
        owners = [name for name, seen in rates.items() if m.rate in seen]
        if not rates or len(owners) > 1:
            found[_id(m)] = None  # nothing to add up to, or a rate of several: left to the rules for unnamed rates
        elif owners:
            found[_id(m)] = owners[0]
    return found


def _programme_for(m: Mention, named: dict[float, list[tuple[date | None, str]]], programmes: set[str]
                   ) -> str | None:
    """The programme of the same rate, nearest in time; else the only programme there is; else none."""
    same_rate = [(abs((day - m.day).days) if day and m.day else 10**6, name) for day, name in named.get(m.rate, [])]
    if same_rate:
        return min(same_rate)[1]
    if len(programmes) == 1:
        return next(iter(programmes))
    return None


def measures_of(mentions: Iterable[Mention]) -> dict[MeasureKey, list[Mention]]:
    found: dict[MeasureKey, list[Mention]] = defaultdict(list)
    for m in mentions:
        for key in m.measures:
            found[key].append(m)
    return dict(found)
