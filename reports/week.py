"""The report's week: Monday to Sunday in the configured zone, named by its ISO week (2026-W46).

Every function that turns days into instants takes the zone (`config.tz`): none falls back to
a literal one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Week:
    start: date  # a Monday

    def __post_init__(self) -> None:
        if self.start.weekday() != 0:
            raise ValueError(f"a report week starts on a Monday, not on {self.start}")

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def label(self) -> str:
        year, number, _ = self.start.isocalendar()
        return f"{year}-W{number:02d}"

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(7)]

    def shifted(self, weeks: int) -> Week:
        return Week(self.start + timedelta(weeks=weeks))

    def utc_bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[Monday 00:00, next Monday 00:00) local time, as UTC instants."""
        return day_start_utc(self.start, tz), day_start_utc(self.end + timedelta(days=1), tz)


def day_start_utc(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def week_of(day: date) -> Week:
    """The Monday-to-Sunday week that contains `day`."""
    return Week(day - timedelta(days=day.weekday()))


def parse_iso_week(text: str) -> Week:
    """'2026-W46' (or '2026W46') -> that ISO week; ValueError naming the value otherwise."""
    match = _ISO_WEEK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO week (expected YYYY-Www, e.g. 2026-W46)")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        return Week(date.fromisocalendar(year, number, 1))
    except ValueError:
        raise ValueError(f"{text!r}: {year} has no week {number}") from None


def last_complete_week(now: datetime, tz: ZoneInfo) -> Week:
    """The latest week whose Sunday has ended in local time at `now`."""
    today = now.astimezone(tz).date() if now.tzinfo else now.date()
    return week_of(today).shifted(-1)
