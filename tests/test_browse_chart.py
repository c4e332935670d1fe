"""The tracker page's step chart (flows/browse/chart.py): the line is the rate in force as `tradewire tariffs`
reads it day by day, broken while a measure is paused or removed; a point per dated step."""

from __future__ import annotations

from datetime import date

from flows.browse.chart import step_chart


def _step(number: int, rate: float, status: str, effective: str | None, reported: str) -> dict:
    return {"step": number, "rate_pct": rate, "status": status,
            "effective": date.fromisoformat(effective) if effective else None,
            "first_reported": date.fromisoformat(reported), "articles": 1}


# announced for 4 February, in force 4 March, paused 1 May, back in force at 35 % on 1 August
HISTORY = [_step(1, 25, "announced", "2025-02-04", "2025-02-01"), _step(2, 25, "in effect", "2025-03-04", "2025-03-04"),
           _step(3, 25, "paused", None, "2025-05-01"), _step(4, 35, "in effect", "2025-08-01", "2025-08-01")]


def _heights(line: str) -> list[float]:
    return [float(point.split(",")[1]) for point in line.split()]


def test_the_line_is_the_rate_in_force_and_breaks_while_paused():
    chart = step_chart(HISTORY, date(2025, 9, 1))
    assert len(chart.lines) == 2, "in force 4 Feb – 1 May, paused, in force again from 1 August"
    before, after = chart.lines
    assert len(set(_heights(before))) == 1 and len(set(_heights(after))) == 1
    assert _heights(after)[0] < _heights(before)[0], "35 % is drawn above 25 % (SVG y grows downwards)"
    xs = [float(point.split(",")[0]) for line in chart.lines for point in line.split()]
    assert xs == sorted(xs) and chart.left <= min(xs) and max(xs) <= chart.right


def test_every_dated_step_is_a_point_at_the_day_it_starts_styled_by_status():
    chart = step_chart(HISTORY, date(2025, 9, 1))
    assert [p.step for p in chart.points] == [1, 2, 3, 4]
    assert [p.status for p in chart.points] == ["announced", "in-effect", "paused", "in-effect"]
    assert chart.points[0].x < chart.points[1].x < chart.points[2].x < chart.points[3].x
    assert chart.points[0].label == "step 1: 25% announced from 2025-02-04, first reported 2025-02-01"
    assert [t.label for t in chart.y_ticks] == ["0%", "20%", "40%"]
    assert [t.label for t in chart.x_ticks] == ["2025-02-04", "2025-08-01"]


def test_the_day_asked_about_is_marked_only_inside_the_chart():
    assert step_chart(HISTORY, date(2025, 6, 1)).marker is not None
    assert step_chart(HISTORY, date(2024, 6, 1)).marker is None


def test_a_measure_without_dates_has_no_chart_and_one_day_is_drawn_over_a_month():
    assert step_chart([dict(HISTORY[0], effective=None, first_reported=None)], date(2025, 6, 1)) is None
    single = step_chart([HISTORY[1]], date(2025, 3, 4))
    assert len(single.points) == 1 and single.lines and single.marker == single.points[0].x
