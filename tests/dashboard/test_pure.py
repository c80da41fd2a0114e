"""Ranges, sampling, axes and weekly grouping: pure functions, table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from pulso.dashboard import params
from pulso.dashboard.chart import line_chart, nice_step
from pulso.dashboard.compare import pair, periods
from pulso.dashboard.series import Series, sample_days
from pulso.dashboard.weeks import WeekRow, by_week_and_outlet, iso_week, week_totals
from storage.growth import Growth, Point

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("preset", "start", "end", "expected"),
    [
        (None, None, None, ("year", date(2026, 1, 1), TODAY)),
        ("last4w", None, None, ("last4w", date(2026, 10, 24), TODAY)),
        ("quarter", None, None, ("quarter", date(2026, 10, 1), TODAY)),
        ("since2020", "2025-01-01", None, ("since2020", date(2020, 1, 1), TODAY)),
        (None, "13/05/2020", None, ("custom", date(2020, 5, 13), TODAY)),
        ("custom", None, "2021-12-31", ("custom", date(2020, 1, 1), date(2021, 12, 31))),
        ("", "2024-02-29", "2024-03-01", ("custom", date(2024, 2, 29), date(2024, 3, 1))),
    ],
)
def test_ranges(
    preset: str | None, start: str | None, end: str | None, expected: tuple[str, date, date]
) -> None:
    span = params.resolve_range(preset, start, end, TODAY)
    assert (span.preset, span.start, span.end) == expected


@pytest.mark.parametrize(
    ("preset", "start", "end", "message"),
    [
        ("forever", None, None, "range: unknown range 'forever'"),
        (None, "2026-02-30", None, "from: '2026-02-30' is not a real date"),
        (None, "2026-03-01", "2026-02-01", "from 2026-03-01 is after to 2026-02-01"),
        ("year", None, "x" * 300, "to: value too long"),
    ],
)
def test_bad_ranges(preset: str | None, start: str | None, end: str | None, message: str) -> None:
    with pytest.raises(params.BadParam, match=message):
        params.resolve_range(preset, start, end, TODAY)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 11, 21), date(2025, 11, 21)), (date(2024, 2, 29), date(2023, 2, 28))],
)
def test_same_day_last_year(day: date, expected: date) -> None:
    assert params.same_day_last_year(day) == expected
    assert periods(day, day).prev_end == expected


def test_sample_days_cover_both_ends_and_stay_few() -> None:
    five_years = sample_days(date(2021, 11, 21), TODAY)
    assert five_years[0] == date(2021, 11, 21) and five_years[-1] == TODAY
    assert len(five_years) == 60 and five_years == sorted(set(five_years))
    assert sample_days(TODAY, TODAY) == [TODAY]
    assert len(sample_days(date(2026, 11, 1), TODAY)) == 21  # short ranges: every day


@pytest.mark.parametrize(
    ("span", "step"), [(14441, 5000), (900, 200), (10, 2), (0, 1), (235_343, 50_000)]
)
def test_axis_steps_are_round(span: float, step: float) -> None:
    assert nice_step(span) == step


def test_no_known_figure_means_no_chart() -> None:
    empty = Series("facebook", "x", ((TODAY, None),))
    assert line_chart([empty], TODAY, TODAY, "es") is None
    one = Series("facebook", "x", ((date(2026, 1, 1), 100), (TODAY, 200)))
    chart = line_chart([one], date(2026, 1, 1), TODAY, "es")
    assert chart is not None and len(chart.lines[0].points.split()) == 2
    assert chart.x_ticks[0].label == "01/01/2026"


def test_weeks_group_by_iso_week_and_outlet() -> None:
    assert iso_week(date(2021, 1, 3)) == "2020-W53"
    rows = by_week_and_outlet(
        [
            (date(2020, 5, 13), "Noticiero 90 Minutos", 38_415_000),
            (date(2020, 5, 14), "Noticiero 90 Minutos", 1_000),
            (date(2020, 5, 14), "Caracol Radio", None),
            (date(2020, 5, 18), "El País", 5),
        ]
    )
    assert rows == [
        WeekRow("2020-W20", "Caracol Radio", 1, None),
        WeekRow("2020-W20", "Noticiero 90 Minutos", 2, 38_416_000),
        WeekRow("2020-W21", "El País", 1, 5),
    ]
    assert week_totals(rows, money=True) == [("2020-W20", 38_416_000), ("2020-W21", 5)]
    assert week_totals(rows, money=False) == [("2020-W20", 3), ("2020-W21", 1)]


def test_compare_pairs_accounts_of_either_year() -> None:
    def growth(account: str, start: int, end: int) -> Growth:
        return Growth("facebook", account, True, Point(TODAY, start), Point(TODAY, end))

    rows = pair([growth("a", 100, 300)], [growth("a", 50, 100), growth("old", 1, 2)])
    assert [(r.account, r.difference) for r in rows] == [("a", 150), ("old", None)]
