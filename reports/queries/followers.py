"""Follower figures per account for a week and the eleven weeks before it (sparklines).

start = the last figure of the previous week, else the first of this week; end = the last
figure of this week. A figure older than the previous week is not used: it would turn months
of growth into "new followers this week".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reports.model import FollowerRow
from reports.week import Week
from settings.model import PLATFORM_NAMES
from storage.models import Account, FollowerSnapshot

SPARK_WEEKS = 12


@dataclass(frozen=True, slots=True)
class AccountSeries:
    platform: str
    account: str  # display name: `name` in pulso.toml, else the handle (reports/names.py)
    own: bool
    points: dict[date, int]  # day -> followers (known figures only)
    handle: str = ""


def platform_order(platform: str) -> int:
    return PLATFORM_NAMES.index(platform) if platform in PLATFORM_NAMES else len(PLATFORM_NAMES)


def load_series(
    session: Session,
    week: Week,
    weeks: int = SPARK_WEEKS,
    names: Callable[[str, str], str] | None = None,
) -> list[AccountSeries]:
    """Every account (with or without figures) and its figures from `weeks` weeks back;
    `names` gives an account's display name (default: its handle)."""
    first = week.shifted(-weeks).start
    rows = session.execute(
        select(FollowerSnapshot.account_id, FollowerSnapshot.day, FollowerSnapshot.followers).where(
            FollowerSnapshot.day >= first,
            FollowerSnapshot.day <= week.end,
            FollowerSnapshot.followers.is_not(None),
        )
    )
    points: dict[int, dict[date, int]] = defaultdict(dict)
    for account_id, day, followers in rows:
        points[account_id][day] = followers
    accounts = session.execute(
        select(Account.id, Account.platform, Account.handle, Account.display_name, Account.own)
    ).all()
    series = [
        AccountSeries(
            platform,
            names(platform, handle) if names else handle,
            own,
            points.get(account_id, {}),
            handle,
        )
        for account_id, platform, handle, _display, own in accounts
    ]
    return sorted(series, key=lambda s: (platform_order(s.platform), s.account.lower()))


def _days_in(points: dict[date, int], week: Week) -> list[date]:
    start, end = week.start, week.end
    return [d for d in points if start <= d <= end]


def last_in(points: dict[date, int], week: Week) -> int | None:
    days = _days_in(points, week)
    return points[max(days)] if days else None


def first_in(points: dict[date, int], week: Week) -> int | None:
    days = _days_in(points, week)
    return points[min(days)] if days else None


def follower_row(series: AccountSeries, week: Week, weeks: int = SPARK_WEEKS) -> FollowerRow:
    start = last_in(series.points, week.shifted(-1))
    if start is None:
        start = first_in(series.points, week)
    return FollowerRow(
        platform=series.platform,
        account=series.account,
        own=series.own,
        start=start,
        end=last_in(series.points, week),
        weekly_end=tuple(
            last_in(series.points, week.shifted(-k)) for k in range(weeks - 1, -1, -1)
        ),
        handle=series.handle,
    )


def follower_rows(series: list[AccountSeries], week: Week) -> list[FollowerRow]:
    return [follower_row(s, week) for s in series]


def missing_days(series: AccountSeries, week: Week, until: date) -> tuple[date, ...]:
    """Days of the week (up to `until`) without a known figure for this account."""
    return tuple(d for d in week.days if d <= until and d not in series.points)
