"""A measure's history: its mentions gathered into steps, one per change of rate or status.

Mentions are read in the order of their articles' dates (then article and position, an article named by its group
of exact copies, so the result does not depend on the order they were stored in). A mention joins the latest
step with its rate and status — one a mention of which states a date within a day of its own, when it states one,
else one no mention dates; anything else starts a new step. A step's effective date is the one most of its
mentions state. A replaced rate ("raised from 25% to 35%": the 25%)
says the rate was in force: it supports the latest step that put it in force (in effect, or announced for a day
that had come) or, when the measure has none, records one, placed before the other steps its article reports.

Steps are numbered in the order they happened: by the date they take effect when known, else the date they
were first reported; a step known only as a replaced rate comes before every step its articles report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from storage.tracker.measures import IN_EFFECT, PREVIOUS, Mention

LATEST = date.max


@dataclass
class Step:
    rate: float
    status: str
    effective: date | None
    first_reported: date | None
    before_its_article: bool = False   # known only as a replaced rate: it came before the change reported with it
    mentions: list[Mention] = field(default_factory=list)
    number: int = 0

    @property
    def dates(self) -> Counter:
        return Counter(m.effective for m in self.mentions if m.effective is not None and m.status != PREVIOUS)

    def settle(self) -> None:
        """The step's effective date: the one most of its mentions state (the earliest of a tie), so that one
        misread date does not move a step its other stories date right."""
        dates = self.dates
        if dates:
            self.effective = min(dates, key=lambda d: (-dates[d], d))

    @property
    def happened(self) -> date:
        return self.effective or self.first_reported or LATEST

    @property
    def articles(self) -> set[str]:
        return {m.article_id for m in self.mentions}


def build_steps(mentions: list[Mention]) -> list[Step]:
    steps: list[Step] = []
    for m in sorted(mentions, key=lambda m: (m.day or LATEST, m.copies, m.ordinal)):
        if m.status == PREVIOUS:
            in_force = [s for s in steps if s.rate == m.rate and _in_force_by(s, m.day)]
            step = in_force[-1] if in_force else _new(steps, Step(m.rate, IN_EFFECT, None, m.day,
                                                                  before_its_article=True))
        else:
            step = _matching(steps, m) or _new(steps, Step(m.rate, m.status, m.effective, m.day))
        step.mentions.append(m)
    for step in steps:
        step.settle()
    ordered = sorted(enumerate(steps), key=lambda pair: (_order_day(pair[1], steps), not pair[1].before_its_article,
                                                         pair[0]))
    for number, (_, step) in enumerate(ordered, start=1):
        step.number = number
    return [step for _, step in ordered]


def _order_day(step: Step, steps: list[Step]) -> date:
    """The day a step is numbered by. A step known only as a replaced rate came before the change its articles
    report, whenever that change took effect: "the 50% imposed on June 4 doubled the previous 25%", reported on
    June 20, puts the 25% before the 50% even though it was only first reported on the 20th."""
    if not step.before_its_article:
        return step.happened
    reported_with = [s.happened for s in steps if s is not step and s.articles & step.articles]
    return min([step.happened, *reported_with])


def _in_force_by(step: Step, day: date | None) -> bool:
    """In effect, or announced with an effective date that had come by `day`."""
    if step.status == IN_EFFECT:
        return True
    return step.status == "announced" and step.effective is not None and day is not None and step.effective <= day


def _matching(steps: list[Step], m: Mention) -> Step | None:
    same = [s for s in steps if s.rate == m.rate and s.status == m.status]
    if m.effective is None:
        return same[-1] if same else None
    dated = [s for s in same if any(abs((d - m.effective).days) <= 1 for d in s.dates)]
    if dated:
        return dated[-1]
    undated = [s for s in same if not s.dates]
    return undated[-1] if undated else None


def _new(steps: list[Step], step: Step) -> Step:
    steps.append(step)
    return step
