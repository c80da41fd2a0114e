"""Activity over a period, for the CLI and the dashboard alike (one answer, one step)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from reports.answers.activity import Activity, By, activity


def default_period(
    from_: date | None, to: date | None, tz: ZoneInfo, today: date | None = None
) -> tuple[date, date]:
    """Without dates: the year to date; without `from`: 1 January of `to`'s year."""
    end = to or today or datetime.now(tz).date()
    return from_ or date(end.year, 1, 1), end


def activity_report(
    engine: Engine,
    *,
    from_: date,
    to: date,
    tz: ZoneInfo,
    platform: str | None = None,
    account: str | None = None,
    by: By | None = None,
) -> list[Activity]:
    with engine.connect() as connection:  # Core rows: no ORM session to build
        return activity(
            connection, from_=from_, to=to, tz=tz, platform=platform, account=account, by=by
        )
