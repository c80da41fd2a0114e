"""Followers over time for the chart: each account's figure as of a few sample days.

A chart needs tens of points, not every day of five years: for each sample day the query takes
the last known snapshot on or before it (the same rule as growth's end), one seek on the
(account_id, day) index per point, so the cost does not grow with the history's length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Date, Engine, Select, literal, select, true, union_all
from sqlalchemy.orm import Session

from storage.models import Account, FollowerSnapshot

MAX_POINTS = 60


@dataclass(frozen=True, slots=True)
class Series:
    platform: str
    account: str
    points: tuple[tuple[date, int | None], ...]


def sample_days(start: date, end: date, max_points: int = MAX_POINTS) -> list[date]:
    """Evenly spread days from start to end, both included."""
    span = (end - start).days
    if span <= 0:
        return [end]
    count = min(span, max_points - 1)
    days = {start + timedelta(days=round(i * span / count)) for i in range(count + 1)}
    return sorted(days)


def _as_of_query(
    account_ids: Sequence[int], days: Sequence[date]
) -> Select[tuple[int, date, int | None]]:
    # A UNION ALL of one-row selects: SQLite cannot name the columns of a VALUES list.
    sample = union_all(*(select(literal(d, Date).label("d")) for d in days)).cte("sample")
    followers = (
        select(FollowerSnapshot.followers)
        .where(
            FollowerSnapshot.account_id == Account.id,
            FollowerSnapshot.followers.is_not(None),
            FollowerSnapshot.day <= sample.c.d,
        )
        .order_by(FollowerSnapshot.day.desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(Account.id, sample.c.d, followers)
        .select_from(Account)
        .join(sample, true())
        .where(Account.id.in_(account_ids))
    )


def follower_series(
    engine: Engine, accounts: Sequence[tuple[str, str]], start: date, end: date
) -> list[Series]:
    """One series per (platform, handle) given, in that order; unknown accounts are skipped."""
    days = sample_days(start, end)
    with Session(engine) as session:
        rows = session.execute(select(Account.id, Account.platform, Account.handle)).all()
        ids = {(platform, handle): id_ for id_, platform, handle in rows}
        wanted = [ids[a] for a in accounts if a in ids]
        points: dict[int, dict[date, int | None]] = {i: {} for i in wanted}
        if wanted:
            for account_id, day, followers in session.execute(_as_of_query(wanted, days)):
                points[account_id][day] = followers
    return [
        Series(a[0], a[1], tuple((d, points[ids[a]].get(d)) for d in days))
        for a in accounts
        if a in ids
    ]
