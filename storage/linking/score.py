"""How similar a story is to an event: the scoring half of the event linker, free of any database.

An `EventState` pools the features (storage/linking/features.py) of the stories linked to an event so far.
`score(story, event, context)` combines these comparisons into one number:

- words: TF-IDF cosine of the story's terms and the event's pooled terms, and of the headline+lead terms;
- people, places and figures: IDF-weighted cosines of the story's leaders, countries/cities and normalised
  figures against how often the event's stories mention each;
- core: the IDF-weighted share of the people, places and figures of the story's headline and lead that the
  event's stories already mention (a follow-up retells its event's facts, another happening brings its own);
- language: whether none of the event's stories is in the story's language — the hand sum does not weigh it;
  the undated linker's bar reads it, and so does its lean towards `neutral_total`, the comparisons that read
  alike in any language (storage/linking/undated.py); the learned scorer bench/linking_pairs.py measures
  compares it;
- time: a penalty growing with the days between the story and the event's first story;
- novelty: a penalty when the story's headline reports a kind of decision (a pause, a rise, a cut, an
  approval) that none of the event's headlines reported AND its headline or lead brings a figure (a rate, a
  date) the event never mentioned — a new decision is a new event, even with the same people and places.
  (Either alone is common in follow-ups: one outlet writes "takes effect" where another wrote "doubles".) A
  pause — a suspension, an exemption, a delay — is penalised even without a new figure: it holds back the
  event's own decision, with its very rate and date (the order of 1 February, the pause of 3 February). Set
  on the real-article corpus's tune split and kept low enough that our corpus's "export-control relief"
  follow-up stays with its event.

IDF comes from `Context`: the document frequencies of the IDF_WINDOW stories before the day of the one being
linked, in the linker's canonical order, so it does not depend on the order articles arrived in.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from dataclasses import dataclass, field

from storage.linking.features import Features

DAY = 86400.0

# Weights of the comparisons (they sum to 1 before penalties) and the decision threshold. Set by hand on
# tests/linking/corpus.jsonl (there joins score 0.33 and up, the best candidate of a new event 0.28), then checked
# on tests/linking/extra.jsonl and the demo site (bench/linking.py quality / demo / --explain).
W_TERMS = 0.25
W_LEAD = 0.10
W_PEOPLE = 0.15
W_PLACES = 0.10
W_FIGURES = 0.15
W_CORE = 0.25
THRESHOLD = 0.31
# Time: no penalty within GRACE_DAYS of the event's first story, then PENALTY_PER_DAY; never beyond MAX_SPAN.
GRACE_DAYS = 1.0
PENALTY_PER_DAY = 0.04
MAX_SPAN_DAYS = 5.0        # an event's stories are reported within days of the happening
MAX_GAP_DAYS = 3.0         # ... and a story more than this after the event's latest one starts a new event
NOVEL_DECISION = 0.10      # the headline reports a decision kind none of the event's headlines did, with
NOVEL_FIGURE = 0.06        # ... lead figures never seen in the event: this much more per figure (two at most)
NOVEL_PAUSE = 0.20         # the headline reports a pause (a suspension, an exemption, a delay) no headline of
                           # the event did: the event's decision held back is a new decision, figures or not
DECISIONS = ("pause", "raise", "cut", "approve")
IDF_WINDOW = 300           # stories whose document frequencies make the IDF
EVENT_TERMS = 250          # terms of an event's pooled vector that scoring looks at (its heaviest)


def _top(vector: Counter, n: int) -> dict[str, float]:
    """The `n` heaviest entries (ties by key): a large event is compared on its main terms only."""
    if len(vector) <= n:
        return vector
    return dict(sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def _norm(vector: dict[str, float]) -> dict[str, float]:
    size = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / size for k, v in vector.items()} if size else {}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def places(f: Features) -> list[str]:
    """The story's places and organisations, one comparison family: "Mexico", "city:Geneva", "org:WTO"."""
    return sorted(set(f.countries) | {f"city:{c}" for c in f.cities} | {f"org:{o}" for o in f.orgs})


@dataclass
class Context:
    """Document frequencies over a window of IDF_WINDOW stories, in canonical order.

    The linker adds a day's stories when it moves on to the next day, so every story of a day is scored with
    the same IDF (the window of the stories before that day): an event's weighted vectors are then computed
    once a day, not once per story. `version` changes with every addition (it keys those caches).
    """

    size: int = IDF_WINDOW
    window: deque = field(default_factory=deque)
    df: Counter = field(default_factory=Counter)
    version: int = 0
    _idf: dict = field(default_factory=dict)

    def add(self, keys: set[str]) -> None:
        self.window.append(keys)
        self.df.update(keys)
        while len(self.window) > self.size:
            self.df.subtract(self.window.popleft())
        self.version += 1
        self._idf.clear()

    @staticmethod
    def keys(f: Features) -> set[str]:
        return ({f"w:{t}" for t in f.terms} | {f"p:{p}" for p in f.people} | {f"g:{g}" for g in places(f)}
                | {f"f:{x}" for x in f.figures})

    def idf(self, key: str) -> float:
        value = self._idf.get(key)
        if value is None:
            value = self._idf[key] = math.log((len(self.window) + 2) / (self.df.get(key, 0) + 1)) + 1.0
        return value


@dataclass
class _Vectors:
    """A story's or an event's IDF-weighted, normalised vectors under one Context version."""

    terms: dict[str, float]
    lead: dict[str, float]
    people: dict[str, float]
    places: dict[str, float]
    figures: dict[str, float]


def _vectors(terms: dict[str, float], lead: dict[str, float], people: dict[str, float],
             place_weights: dict[str, float], figures: dict[str, float], ctx: Context) -> _Vectors:
    idf = ctx.idf
    return _Vectors(
        terms=_norm({t: w * idf("w:" + t) for t, w in terms.items()}),
        lead=_norm({t: w * idf("w:" + t) for t, w in lead.items()}),
        people=_norm({k: w * idf("p:" + k) for k, w in people.items()}),
        places=_norm({k: w * idf("g:" + k) for k, w in place_weights.items()}),
        figures=_norm({k: w * idf("f:" + k) for k, w in figures.items()}))


@dataclass
class EventState:
    event_id: str
    first_ts: float
    last_ts: float
    n: int = 0
    terms: Counter = field(default_factory=Counter)        # sum of members' normalised term vectors
    lead: Counter = field(default_factory=Counter)
    people: Counter = field(default_factory=Counter)       # members mentioning each
    places: Counter = field(default_factory=Counter)
    figures: Counter = field(default_factory=Counter)
    head_decisions: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)    # members written in each language
    members: list[str] = field(default_factory=list)
    _cache: tuple = (None, None)

    @classmethod
    def start(cls, event_id: str, unit_id: str, ts: float, f: Features) -> "EventState":
        event = cls(event_id, ts, ts)
        event.add(unit_id, ts, f)
        return event

    def add(self, unit_id: str, ts: float, f: Features) -> None:
        self.n += 1
        self.members.append(unit_id)
        self.first_ts, self.last_ts = min(self.first_ts, ts), max(self.last_ts, ts)
        self.terms.update(_norm(f.terms))
        self.lead.update(_norm(f.lead_terms))
        self.people.update(set(f.people))
        self.places.update(places(f))
        self.figures.update(set(f.figures))
        self.head_decisions.update(a for a in f.actions if a in DECISIONS)
        self.languages[f.language] += 1

    def vectors(self, ctx: Context) -> _Vectors:
        key = (self.n, ctx.version, id(ctx))
        if self._cache[0] != key:
            self._cache = (key, _vectors(_top(self.terms, EVENT_TERMS), _top(self.lead, EVENT_TERMS), self.people,
                                         self.places, self.figures, ctx))
        return self._cache[1]


def join(events: dict[str, EventState], event_id: str, unit_id: str, ts: float, f: Features) -> None:
    """Add a unit to its event in `events`, starting the event with it when it is the first."""
    state = events.get(event_id)
    if state is None:
        events[event_id] = EventState.start(event_id, unit_id, ts, f)
    else:
        state.add(unit_id, ts, f)


@dataclass
class Story:
    """A story ready to be scored under one Context version."""

    features: Features
    ts: float
    vectors: _Vectors

    @classmethod
    def prepare(cls, f: Features, ts: float, ctx: Context) -> "Story":
        one = dict.fromkeys
        return cls(f, ts, _vectors(f.terms, f.lead_terms, one(f.people, 1.0), one(places(f), 1.0),
                                   one(f.figures, 1.0), ctx))


@dataclass
class Score:
    total: float
    parts: dict[str, float]


def _core(f: Features, event: EventState, ctx: Context) -> float:
    """How much of what the story's headline and lead name (people, places, figures) the event already
    mentions, IDF-weighted: a follow-up retells its event's core facts, another happening brings its own."""
    keys = ([("p:" + p, p in event.people) for p in f.lead_people]
            + [("g:" + g, g in event.places) for g in f.lead_places]
            + [("f:" + x, x in event.figures) for x in f.lead_figures if not x.startswith("num:")])
    total = sum(ctx.idf(k) for k, _ in keys)
    return sum(ctx.idf(k) for k, found in keys if found) / total if total else 0.0


def pair_features(story: Story, event: EventState, ctx: Context) -> dict[str, float]:
    """What the linker compares between a story and an event, as named numbers: the similarities, the days
    apart, the novelty of the headline's decision, and whether the story is written in a language none of the
    event's stories are (its term cosines then carry less)."""
    a, e, f = story.vectors, event.vectors(ctx), story.features
    days = max(0.0, (story.ts - event.first_ts) / DAY)
    parts = {
        "terms": _cos(a.terms, e.terms),
        "lead": _cos(a.lead, e.lead),
        "people": _cos(a.people, e.people),
        "places": _cos(a.places, e.places),
        "figures": _cos(a.figures, e.figures),
        "core": _core(f, event, ctx),
        "days": days,
        "late": max(0.0, days - GRACE_DAYS),
    }
    novel = [d for d in f.actions if d in DECISIONS and d not in event.head_decisions]
    new_figures = [x for x in f.lead_figures if x not in event.figures and not x.startswith("num:")]
    parts["pause"] = float("pause" in novel)
    parts["novel_figures"] = float(min(2, len(new_figures))) if novel else 0.0
    parts["other_language"] = float(event.languages.get(f.language, 0) == 0)
    return parts


def hand_total(parts: dict[str, float]) -> float:
    """The hand-weighted sum: the comparisons' weights, minus the penalties for days apart and novelty."""
    total = W_TERMS * parts["terms"] + W_LEAD * parts["lead"] + _neutral_sum(parts)
    return total - _penalties(parts)


def neutral_total(parts: dict[str, float]) -> float:
    """The hand sum of the comparisons that read the same in any language (people, places, figures, core),
    scaled to the full weight, minus the same penalties: what a story and an event written in different
    languages share, where the word similarities read only what names, figures and the glossary carry."""
    return _neutral_sum(parts) / (1.0 - W_TERMS - W_LEAD) - _penalties(parts)


def _neutral_sum(parts: dict[str, float]) -> float:
    return (W_PEOPLE * parts["people"] + W_PLACES * parts["places"] + W_FIGURES * parts["figures"]
            + W_CORE * parts["core"])


def _penalties(parts: dict[str, float]) -> float:
    """What days apart and a new decision in the headline take off a score."""
    total = PENALTY_PER_DAY * parts["late"]
    if parts["pause"]:
        total += NOVEL_PAUSE
    elif parts["novel_figures"]:
        total += NOVEL_DECISION + NOVEL_FIGURE * parts["novel_figures"]
    return total


def score(story: Story, event: EventState, ctx: Context) -> Score:
    parts = pair_features(story, event, ctx)
    return Score(hand_total(parts), parts)


def eligible(ts: float, event: EventState) -> bool:
    return (ts - event.first_ts) <= MAX_SPAN_DAYS * DAY and (ts - event.last_ts) <= MAX_GAP_DAYS * DAY
