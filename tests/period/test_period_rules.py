"""The period's arithmetic: months, semesters, the plan's pace, the figures' verdicts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reports.answers.verify import Check, check_json
from reports.period import Period, parse_semester, parse_year
from reports.period_model import TargetRow
from reports.period_report import planned_by


def test_months_are_cut_to_the_period() -> None:
    months = Period(date(2020, 12, 15), date(2021, 2, 10)).months()
    assert [(m.start, m.end) for m in months] == [
        (date(2020, 12, 15), date(2020, 12, 31)),
        (date(2021, 1, 1), date(2021, 1, 31)),
        (date(2021, 2, 1), date(2021, 2, 10)),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2021-S1", date(2021, 1, 1), date(2021, 6, 30), "2021-S1"),
        ("2020s2", date(2020, 7, 1), date(2020, 12, 31), "2020-S2"),
    ],
)
def test_semesters(text: str, start: date, end: date, label: str) -> None:
    period = parse_semester(text)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_a_year_and_a_free_period_name_their_folder() -> None:
    assert parse_year("2021").label == "2021"
    assert Period(date(2020, 1, 1), date(2021, 9, 30)).label == "2020-01-01_2021-09-30"
    with pytest.raises(ValueError, match="after its end"):
        Period(date(2021, 1, 2), date(2021, 1, 1))


def test_items_per_week_is_the_average_over_the_periods_weeks() -> None:
    # The 2020 report's 594 items a week: 594 × 26 weeks in a 182-day half-year.
    assert Period(date(2020, 1, 1), date(2020, 6, 30)).per_week(594 * 26) == Decimal("594.0")


def test_the_plan_reaches_its_monthly_schedule_by_the_day() -> None:
    monthly = [100, 100, 100, 500, 500, 500, 500, 500, 500, 500, 500, 200]
    assert planned_by(sum(monthly), monthly, date(2022, 3, 31)) == 300
    # Mid-April: 300 + 500 × 15 / 30 = 550.
    assert planned_by(sum(monthly), monthly, date(2022, 4, 15)) == 550
    # Without a schedule, even months: 5.000 × 6 / 12 by 30 June.
    assert planned_by(5000, None, date(2022, 6, 30)) == 2500


def test_pace_needed_and_a_year_that_is_over() -> None:
    row = TargetRow(2021, "facebook", 2200, 1000, date(2021, 9, 30), 92, 1650)
    assert (row.pct, row.remaining, row.pace_needed) == (Decimal("45.5"), 1200, Decimal("91.3"))
    done = TargetRow(2020, "facebook", 2200, 2300, date(2020, 12, 31), 0, 2200)
    assert (done.remaining, done.pace_needed) == (0, None)


@pytest.mark.parametrize(
    ("stated", "computed", "difference", "verdict"),
    [
        (Decimal(113900), 103900, -10000, "differs"),
        (Decimal(103900), 103900, 0, "agrees"),
        (Decimal("66.6"), 67, 0.4, "differs"),
        (Decimal(5946), None, None, "no_data"),
    ],
)
def test_verdicts(stated: Decimal, computed: int | None, difference: object, verdict: str) -> None:
    check = Check(
        2, "new_followers", "instagram", None, date(2020, 1, 1), date(2021, 9, 30), stated, computed
    )
    data = check_json(check)
    assert (data["difference"], data["verdict"]) == (difference, verdict)
