"""Local days as UTC instants for range queries, safe at the calendar's ends (years 1 and 9999).

A range "to 9999-12-31" ends when the next day starts, which `date` cannot hold; a day near year 1
in a zone east of UTC starts before the calendar does. Either way the bound is simply absent.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def day_start(day: date, tz: tzinfo) -> datetime | None:
    """The UTC instant `day` starts in `tz`; None when that instant is before year 1."""
    try:
        return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    except OverflowError:
        return None


def day_end(day: date, tz: tzinfo) -> datetime | None:
    """The exclusive end of `day` in `tz` (the next day's start); None after 9999-12-31."""
    if day == date.max:
        return None
    return day_start(day + timedelta(days=1), tz)


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The day in `tz` of a stored instant; a naive one is UTC (SQLite returns them naive)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(tz).date()
