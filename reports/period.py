"""A reporting period: any run of whole days in the configured zone (a semester, a year, the
January 2020 to September 2021 of an accountability report), its months, weeks and years.

Pure: no I/O; the zone is passed in wherever days become instants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from reports.week import day_start_utc

_SEMESTER = re.compile(r"^(\d{4})-?S([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # inclusive
    name: str | None = None  # 2021-S1, 2021: how the period was asked for

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"the period starts on {self.start}, after its end {self.end}")

    @property
    def label(self) -> str:
        """The folder name of its report: 2021-S1, 2021, or 2020-01-01_2021-09-30."""
        return self.name or f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> Decimal:
        return Decimal(self.days) / Decimal(7)

    def per_week(self, count: int) -> Decimal:
        """`count` spread over the period's weeks, to one decimal (594 items a week...)."""
        return (Decimal(count) / self.weeks).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def months(self) -> list[Period]:
        """The calendar months it touches, each cut to the period (a month may be partial)."""
        found = []
        first = self.start
        while first <= self.end:
            after = _next_month(first)
            found.append(Period(first, min(after - timedelta(days=1), self.end)))
            first = after
        return found

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def utc_bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[first day 00:00, the day after the last 00:00) local time, as UTC instants."""
        return day_start_utc(self.start, tz), day_start_utc(self.end + timedelta(days=1), tz)

    def day_list(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def parse_semester(text: str) -> Period:
    """'2021-S1' -> 1 January to 30 June 2021; 'S2' -> 1 July to 31 December."""
    match = _SEMESTER.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a semester (expected YYYY-S1 or YYYY-S2, e.g. 2021-S1)")
    year, half = int(match.group(1)), int(match.group(2))
    if half == 1:
        return Period(date(year, 1, 1), date(year, 6, 30), f"{year}-S{half}")
    return Period(date(year, 7, 1), date(year, 12, 31), f"{year}-S{half}")


def parse_year(text: str) -> Period:
    value = text.strip()
    if not _YEAR.match(value) or int(value) < 1:
        raise ValueError(f"{text!r} is not a year (expected YYYY, e.g. 2021)")
    year = int(value)
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def parse_label(text: str) -> Period:
    """A report folder's name back into its period: '2021-S1', '2021' or
    '2020-01-01_2021-09-30' (Period.label); ValueError for anything else."""
    if _SEMESTER.match(text):
        return parse_semester(text)
    if _YEAR.match(text):
        return parse_year(text)
    start, sep, end = text.partition("_")
    if not sep:
        raise ValueError(f"{text!r} is not a period label")
    try:
        return Period(date.fromisoformat(start), date.fromisoformat(end))
    except ValueError:
        raise ValueError(f"{text!r} is not a period label") from None
