from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from reports.week import Week, last_complete_week, parse_iso_week, week_of

BOGOTA = ZoneInfo("America/Bogota")


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2026-W46", date(2026, 11, 9)),
        ("2026W46", date(2026, 11, 9)),
        ("2026-w01", date(2025, 12, 29)),
        ("2020-W53", date(2020, 12, 28)),
    ],
)
def test_iso_week_names_its_monday(text: str, monday: date) -> None:
    assert parse_iso_week(text).start == monday


@pytest.mark.parametrize(
    ("text", "message"), [("2026-46", "not an ISO week"), ("2025-W53", "no week 53")]
)
def test_bad_iso_week_says_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_iso_week(text)


def test_week_runs_monday_to_sunday_with_its_label() -> None:
    week = week_of(date(2026, 11, 15))
    assert (week.start, week.end, week.label) == (date(2026, 11, 9), date(2026, 11, 15), "2026-W46")


def test_week_bounds_are_bogota_midnights_in_utc() -> None:
    start, end = Week(date(2026, 11, 9)).utc_bounds(BOGOTA)
    assert start == datetime(2026, 11, 9, 5, tzinfo=UTC)
    assert end == datetime(2026, 11, 16, 5, tzinfo=UTC)


def test_last_complete_week_uses_bogota_time() -> None:
    # Monday 16 Nov 03:00 UTC is still Sunday 15 Nov in Cali: W46 is not over yet.
    assert last_complete_week(datetime(2026, 11, 16, 3, tzinfo=UTC), BOGOTA).label == "2026-W45"
    assert last_complete_week(datetime(2026, 11, 16, 6, tzinfo=UTC), BOGOTA).label == "2026-W46"


def test_a_week_must_start_on_monday() -> None:
    with pytest.raises(ValueError, match="Monday"):
        Week(date(2026, 11, 10))
