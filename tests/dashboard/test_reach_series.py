"""The Alcance page's chart series (pure): buckets added over the days measured, a refused
day never a 0, a missing stretch a break in the line."""

from __future__ import annotations

from datetime import date

import pytest

from pulso.dashboard.reach import bucket, grain, series
from storage.insights import DayReach


def day(d: date, reach: int | None, views: int | None = None) -> DayReach:
    return DayReach("facebook", "AlcaldiaDeCali", d, reach, views, None)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 1), date(2026, 11, 30), "day"),
        (date(2026, 1, 1), date(2026, 12, 31), "week"),
        (date(2020, 1, 1), date(2026, 11, 21), "month"),
        (date.min, date.max, "month"),
    ],
)
def test_grain_keeps_a_chart_to_about_a_hundred_points(
    start: date, end: date, expected: str
) -> None:
    assert grain(start, end) == expected


def test_days_missing_break_the_line_and_refused_days_are_not_points() -> None:
    rows = [
        day(date(2026, 11, 1), 10),
        day(date(2026, 11, 2), 20),
        day(date(2026, 11, 3), None),  # refused
        day(date(2026, 11, 5), 40),
    ]
    (only,) = series(rows, "reach", "day", date(2026, 11, 1))
    assert only.points == (
        (date(2026, 11, 1), 10),
        (date(2026, 11, 2), 20),
        (date(2026, 11, 3), None),
        (date(2026, 11, 5), None),  # the 4th was never stored: a break
        (date(2026, 11, 5), 40),
    )


def test_weeks_add_the_days_measured_and_start_on_the_period() -> None:
    rows = [day(date(2026, 11, 4), 5), day(date(2026, 11, 6), 7), day(date(2026, 11, 10), 1)]
    (only,) = series(rows, "reach", "week", date(2026, 11, 4))
    assert only.points == ((date(2026, 11, 4), 12), (date(2026, 11, 9), 1))
    assert bucket(date(2026, 11, 4), "week") == date(2026, 11, 2)
    assert bucket(date(2026, 11, 4), "month") == date(2026, 11, 1)


def test_an_account_without_a_figure_has_no_series() -> None:
    assert series([day(date(2026, 11, 1), 10, None)], "views", "day", date(2026, 11, 1)) == []


def test_month_buckets_reach_the_calendars_end() -> None:
    rows = [day(date(9999, 10, 3), 1), day(date(9999, 12, 31), 2), day(date(9999, 12, 30), 3)]
    (only,) = series(rows, "reach", "month", date(9999, 1, 1))
    assert [v for _, v in only.points] == [1, None, 5]  # November missing: a break
    (weeks,) = series(rows[1:], "reach", "week", date(9999, 12, 1))
    assert weeks.points == ((date(9999, 12, 27), 5),)
