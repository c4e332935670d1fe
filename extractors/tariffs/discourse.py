"""What a tariff rate's sentence leaves unsaid, read from the rest of the story (see component.py).

A sentence often states a rate without its imposer ("Most items would be charged 25%") or without its targets
("The rates run from 5% to 50%"): the story said them before. Each rate first gets what its own sentence states
(`Reading`: imposer, targets, worldwide; tariffs named without a rate are readings too); then, for what is
missing, in order:
- the imposer: of a rate of the same sentence (a list or a range: "25% on cars and 10% on parts"), else of the
  latest rate or tariff mention before it, up to `IMPOSER_REACH[language]` sentences back: the government acting in this
  part of the story. An imposer that is one of the rate's own targets is passed over ("Canada answered with 25%
  duties on US goods. The 25% tariffs on Canadian steel ..." gives the United States), and so is one whose rate
  hit other countries than this rate's ("Canada's 25% on US goods. The 10% levy on Chinese goods ..." does not
  make the levy Canada's; in Spanish a rate that named no country it hits is not passed over); else
  `default_imposer`, unless it is a target, else the country the story is most about;
- the targets: for an English rate on goods past a quota, those of the latest rate before it past the same
  government's quota (none: everyone); else those a nearby sentence states for the same imposer (up to
  `TARGETS_REACH` sentences away, either side), else the country the story is most about (not for a rate on the
  goods of a worldwide sector duty told before the story turns to that country, see `_reported_before_its_country`),
  else the one country other than the imposer its own sentence names after a word of whom goods are hit or come
  from ("sobre Perú", "llegan de Perú"), else those the same government's rates or tariffs of earlier sentences
  state, however far back, when they agree (`_stated_earlier`); never for a rate said to hit everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span


# How many sentences away the story's imposer and targets are looked for. English: two sentences back, chosen on
# the corpus's tune split and tests/gold (farther reaches carried one part of a story into another; one sentence,
# measured in the sixth round, lost tune facts once nothing else stood in). Spanish: the whole story (99) —
# Mexican and European outlets name their own government once, in the lead, and list its rates paragraphs later
# ("las tasas irán del 10 al 25 por ciento"); every reach from 5 sentences on reads the same on the corpus's tune
# split, dev2 and dev3, and 2 gave those rates the default imposer.
IMPOSER_REACH = {"en": 2, "es": 99}
TARGETS_REACH = 1


@dataclass
class Reading:
    """One rate as its own sentence states it (None / empty where the sentence is silent)."""

    span: Span
    value: float | None  # None for a tariff named without a rate
    imposer: str | None
    targets: list[str]
    products: str | None
    worldwide: bool
    status: str
    answering: bool = False  # the rate answers another government's tariffs ("en respuesta", "replicó con")
    lays: bool = False  # Spanish, a tariff named without a rate: its imposer is the subject of a verb laying it
    quota: bool = False  # English: laid on goods past a quota ("imports above the quota pay 30%")
    named: dict[str, bool] = field(default_factory=dict)  # countries its sentence names: hit ("sobre Perú") or not
    # its sentence names goods a duty is laid on worldwide by sector (steel, autos, lumber), and no trade deal (which
    # gives its partner a sector rate of its own: "cars will pay 15% under the deal")
    sectoral: bool = False
    stated: list[str] = field(init=False)  # the targets the sentence itself names

    def __post_init__(self) -> None:
        self.stated = list(self.targets)


@dataclass
class Mentions:
    """Where a story names each country by name or demonym: `first`, the first token of the first sentence that
    names it; `hit`, the countries it names anywhere as those whose goods are hit or come from (see `Reading.named`)."""

    first: dict[str, int] = field(default_factory=dict)
    hit: set[str] = field(default_factory=set)


def resolve(readings: list[Reading], default_imposer: str | None,
            focus: Callable[[set[str | None]], str | None], language: str = "en",
            mentions: Mentions | None = None) -> None:
    """Fill each reading's missing imposer and targets from the story (in place); `focus(exclude)` gives the
    country the story is most about, other than those excluded; `mentions`, where the story names each country."""
    mentions = mentions or Mentions()
    reach = IMPOSER_REACH.get(language, IMPOSER_REACH["en"])
    for index, reading in enumerate(readings):
        if reading.value is None:
            continue  # a tariff named without a rate: a source for the others only
        if reading.imposer is None:
            reading.imposer = _imposer_from_story(readings, index, reach, language)
        if reading.imposer is None and language == "es":
            reading.imposer = _imposer_stated_after(readings, index)
        if reading.imposer is None:
            if default_imposer and default_imposer not in reading.targets:
                reading.imposer = default_imposer
            else:
                reading.imposer = focus(set(reading.targets) | {default_imposer})
        reading.targets = [t for t in reading.targets if t != reading.imposer]
    for index, reading in enumerate(readings):
        if reading.value is None or reading.targets or reading.worldwide:
            continue
        earlier = _same_quota(readings, index)
        if earlier is not None:  # one safeguard hits the same countries throughout its story
            reading.targets = list(earlier.targets)
            continue
        reading.targets = _targets_from_story(readings, index)
        if not reading.targets:
            country = focus({reading.imposer})
            if country is not None and _reported_before_its_country(reading, country, mentions):
                reading.targets = _sole_other(reading)
                continue
            reading.targets = [country] if country else _sole_other(reading) or _stated_earlier(readings, index)


def _reported_before_its_country(reading: Reading, country: str, mentions: Mentions) -> bool:
    """Whether a rate on the goods of a sector duty laid on every country (steel, autos, trucks, lumber) is told
    before the story first names the country it is most about, in a story that never names that country as hit:
    the story reports the worldwide duty, and turns to its country afterwards for another reason (a deal of its
    own, an exemption, one of its firms). That country is not whom the rate hits. A story that names its country
    first (a deal's rate on its cars, its government's answer to the duty on its steel) or says the duty hits it
    ("la orden golpeará a Perú") keeps it as the target, as the annotation guidelines ask ("all countries (incl.
    Peru)")."""
    if not reading.sectoral or country in mentions.hit:
        return False
    return mentions.first.get(country, len(reading.span.doc)) > reading.span.sent.start


def _stated_earlier(readings: list[Reading], index: int) -> list[str]:
    """The targets that the rates or tariffs of earlier sentences laid by the same government state, however far
    back, when they all state the same ones, nothing nearer says whom the rate hits and the story has no country
    it is clearly most about ("Lima anunció aranceles a los vinos bolivianos. [...] Los licores pagarán un arancel
    del 25 %"): one government's measure hits the same countries throughout the story that tells it; when its
    earlier rates hit different countries there is no one measure the rate continues."""
    here = readings[index]
    earlier = [[t for t in other.stated if t != here.imposer] for other in reversed(readings[:index])
               if other.stated and other.imposer == here.imposer and other.span.sent != here.span.sent]
    if len({frozenset(targets) for targets in earlier}) != 1:
        return []  # none, or the government's earlier rates hit different countries: no one measure to follow
    return earlier[0]


def _sole_other(reading: Reading) -> list[str]:
    """The one country other than the imposer that the rate's own sentence names, when it names it after a
    preposition of whom goods are hit or come from ("subir la presión sobre Perú, elevando los aranceles al 60 %",
    "... lo que golpea a los productos que llegan de Perú"), when neither the sentences around it nor the story as
    a whole say whom the rate hits: the sentence says it, outside the rate's own phrase. A second country named
    anywhere in the sentence ("imports from Peru and Chile", "pressure from Chile on Peru") leaves the rate without
    targets: which of them it hits, if any, is not told."""
    others = {country: hit for country, hit in reading.named.items() if country != reading.imposer}
    return list(others) if len(others) == 1 and all(others.values()) else []


def _same_sentence_first(readings: list[Reading], index: int, reach: int = 99, ahead: bool = True
                         ) -> list[Reading]:
    """The other readings in the order they are consulted: same sentence (nearest first), then earlier ones
    (latest first), then later ones (nearest first), up to `reach` sentences away."""
    here = readings[index]
    number = _sentence_numbers(here.span.doc)
    gap = lambda r: abs(number[r.span.sent.start] - number[here.span.sent.start])  # noqa: E731
    same = sorted((r for i, r in enumerate(readings) if i != index and r.span.sent == here.span.sent),
                  key=lambda r: abs(r.span.start - here.span.start))
    before = [r for r in reversed(readings[:index]) if r.span.sent != here.span.sent and gap(r) <= reach]
    after = [r for r in readings[index + 1:] if r.span.sent != here.span.sent and gap(r) <= reach] if ahead else []
    return same + before + after


def _sentence_numbers(doc) -> dict[int, int]:
    return {sent.start: number for number, sent in enumerate(doc.sents)}


def _imposer_from_story(readings: list[Reading], index: int, reach: int, language: str = "en") -> str | None:
    here = readings[index]
    others = _same_sentence_first(readings, index, reach, ahead=False)
    for other in others:
        # A rate before this one already carries the story's imposer, stated or found the same way.
        if other.imposer is None or other.imposer in here.targets:
            continue
        # Another sentence's government acts on this rate's targets too, or this rate names none; in Spanish also a
        # rate of another sentence that named no country it hits (a lead: "el gobierno colombiano aplicará aranceles de
        # hasta el 40 % a las importaciones de varios sectores"): the story names its government there and the
        # countries hit paragraphs later ("los autos chinos pagarán un arancel del 30 %"). A tariff named without
        # a rate is enough only when its government is the subject of a verb laying or raising it ("México
        # subirá sus aranceles a los bienes de países sin tratado"), not of a wish, a pause or talk
        # about it (round 7's lesson: "pidió que Washington pause sus aranceles" lays nothing).
        if other.span.sent == here.span.sent or not here.targets or set(here.targets) & set(other.stated) or \
                language == "es" and (other.value is not None or other.lays) and not other.stated:
            return other.imposer
    return None


def _imposer_stated_after(readings: list[Reading], index: int) -> str | None:
    """Spanish: a rate the story states before it names any government acting ("Los gravámenes definitivos, de
    entre el 8 % y el 20 %, regirán desde el lunes", a lead) is the government's the story names next as imposing
    a rate on the same targets or goods ("Lima impondrá gravámenes de hasta el 20 % a ..."; a lead that names
    neither takes the next), rather than the default. Not a rate that answers ("En respuesta, China anunció un
    arancel del 15 %"): its government is the other side."""
    here = readings[index]
    for other in readings[index + 1:]:
        if other.value is None or other.imposer is None or other.imposer in here.targets or other.answering:
            continue  # a tariff named without a rate is read less surely (a leader's wish, a plan's subject)
        if set(here.targets) & set(other.stated) or not here.targets and (
                here.products is None or _goods_words(here) & _goods_words(other)):
            return other.imposer
    return None


def _same_quota(readings: list[Reading], index: int) -> Reading | None:
    """English: the latest rate before this one that the same government lays on goods past a quota, when this
    one is too ("Chile halves its quotas; goods above them will pay 40%. ... imports past the quota now pay 20%"):
    the rates of one safeguard hit the countries its first one does (none named: everyone)."""
    here = readings[index]
    if not here.quota:
        return None
    return next((r for r in reversed(readings[:index]) if r.quota and r.value is not None and
                 r.imposer == here.imposer), None)


def _goods_words(reading: Reading) -> set[str]:
    """The content words of a reading's products ("importaciones de acero": importaciones, acero); words of three
    letters or fewer are articles and prepositions."""
    return {w for w in (reading.products or "").lower().split() if len(w) > 3}


def _targets_from_story(readings: list[Reading], index: int) -> list[str]:
    here = readings[index]
    for other in _same_sentence_first(readings, index, TARGETS_REACH):
        if other.stated and (other.imposer == here.imposer or other.value is None and other.imposer is None):
            return [t for t in other.stated if t != here.imposer]
    return []
