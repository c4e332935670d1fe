"""A tariff measure's step chart: the geometry of its rate over time, which the tracker template draws as inline SVG.

The chart shows what `tradewire tariffs --in-effect-on` reads, day after day: the rate in force (a line that
steps where the rate changes and breaks while the measure is paused or removed, from `state_on`, so the page
and the command cannot disagree), and every step of the history as a point at the day it starts — the date it
takes effect when an article states one, else the day it was first reported — styled by its status and linked
to its row of the table. Only numbers are computed here; the labels the template writes are escaped by Jinja2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from storage.tracker.read import state_on, step_start

WIDTH, HEIGHT = 560, 150                      # the SVG's own units (it scales with the page)
LEFT, RIGHT, TOP, BOTTOM = 46, 18, 12, 26     # room for the axes' labels
MIN_SPAN_DAYS = 30                            # a history of one day is still drawn over a month
PAD = 0.06                                    # room after the last step, as a share of the span
LABEL_WIDTH = 80                              # a date label's width: closer dates share one label


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    step: int
    status: str      # its CSS class: announced, in-effect, threatened, paused, removed
    label: str       # "step 2: 50% in effect from 2025-06-04"


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class StepChart:
    lines: list[str]          # SVG polyline points, one per stretch with a rate in force
    points: list[Point]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    marker: float | None      # x of the day asked about, when it falls inside the chart
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _ceiling(rate: float) -> float:
    """A round top for the rate axis: the next multiple of 10 (of 5 under 10, of 50 above 100)."""
    unit = 5 if rate < 10 else 50 if rate > 100 else 10
    return max(unit, math.ceil(rate / unit) * unit)


def step_chart(steps: list[dict[str, Any]], on: date) -> StepChart | None:
    """The chart of a measure's numbered steps (as `histories` reads them); None when no step has a date."""
    dated = [s for s in steps if step_start(s) is not None]
    if not dated:
        return None
    days = sorted({step_start(s) for s in dated})
    first, last = days[0], max(days[-1], days[0] + timedelta(days=MIN_SPAN_DAYS))
    end = last + timedelta(days=max(1, round((last - first).days * PAD)))
    top_rate = _ceiling(max(s["rate_pct"] for s in dated))

    def x(day: date) -> float:
        return round(LEFT + (WIDTH - RIGHT - LEFT) * (day - first).days / (end - first).days, 1)

    def y(rate: float) -> float:
        return round(HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * rate / top_rate, 1)

    # the rate in force from each day a step starts until the next one (the last until the chart's end)
    lines, stretch = [], []
    for day, following in zip(days, [*days[1:], end]):
        rate = state_on(steps, day)["rate_in_force"]
        if rate is None:
            if stretch:
                lines.append(stretch)
            stretch = []
            continue
        stretch += [f"{x(day)},{y(rate)}", f"{x(following)},{y(rate)}"]
    if stretch:
        lines.append(stretch)
    points = [Point(x(step_start(s)), y(s["rate_pct"]), s["step"], s["status"].replace(" ", "-"),
                    f"step {s['step']}: {s['rate_pct']:g}% {s['status']}"
                    + (f" from {s['effective'].isoformat()}" if s["effective"] else "")
                    + (f", first reported {s['first_reported'].isoformat()}" if s["first_reported"] else ""))
              for s in dated]
    y_ticks = [Tick(y(rate), f"{rate:g}%") for rate in (0, top_rate / 2, top_rate)]
    x_ticks = [Tick(x(first), first.isoformat())]
    if x(days[-1]) - x(first) >= LABEL_WIDTH:
        x_ticks.append(Tick(x(days[-1]), days[-1].isoformat()))
    return StepChart([" ".join(s) for s in lines], points, y_ticks, x_ticks, x(on) if first <= on <= end else None)
