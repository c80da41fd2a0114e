"""Followers over time for the chart: each account's figure as of a few sample days.

A chart needs tens of points, not every day of five years: for each sample day the query takes
the last known snapshot on or before it (the same rule as growth's end), one seek on the
(account_id, day) index per point, so the cost does not grow with the history's length.

The page reads figures and the days they were taken in one statement (`sampled`), which answers
plain integers and dates: a set-based GROUP BY over every snapshot of the range was measured
slower on five years (it reads every day; the seeks read 60 per account), see README's bench.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Select,
    String,
    bindparam,
    literal,
    select,
    true,
    type_coerce,
    union_all,
)

from storage.models import Account, FollowerSnapshot

MAX_POINTS = 60


@dataclass(frozen=True, slots=True)
class Series:
    platform: str
    account: str
    points: tuple[tuple[date, int | None], ...]


@dataclass(frozen=True, slots=True)
class SeriesColumns:
    """A series as its days and its figures side by side, what a chart reads: the growth page's
    fifty lines without a (day, figure) pair made per point (accounts collected together share
    one `days`)."""

    platform: str
    account: str
    days: tuple[date, ...]
    figures: Sequence[int | None]

    def series(self) -> Series:
        return Series(self.platform, self.account, tuple(zip(self.days, self.figures, strict=True)))


def columns_of(item: Series) -> SeriesColumns:
    days, figures = zip(*item.points, strict=True) if item.points else ((), ())
    return SeriesColumns(item.platform, item.account, days, figures)


def sample_days(start: date, end: date, max_points: int = MAX_POINTS) -> list[date]:
    """Evenly spread days from start to end, both included."""
    span = (end - start).days
    if span <= 0:
        return [end]
    count = min(span, max_points - 1)
    days = {start + timedelta(days=round(i * span / count)) for i in range(count + 1)}
    return sorted(days)


@lru_cache(maxsize=2 * MAX_POINTS)
def as_of_query(count: int, read: str = "followers") -> Select[tuple[int, int, Any]]:
    """The statement for `count` sample days, built once: a request only binds its days and
    accounts, so nothing is rebuilt or re-hashed per request. Each sample day carries its
    position, so rows come back as plain integers (no date parsing). `read` is the column of
    the figure found: "followers" (the chart) or "day" (the day it was taken, for gaps)."""
    # A UNION ALL of one-row selects: SQLite cannot name the columns of a VALUES list.
    sample = union_all(
        *(
            select(literal(i).label("i"), bindparam(f"d{i}", type_=Date).label("d"))
            for i in range(count)
        )
    ).cte("sample")
    found = (
        select(getattr(FollowerSnapshot, read))
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
        select(Account.id, sample.c.i, found)
        .select_from(Account)
        .join(sample, true())
        .where(Account.id.in_(bindparam("ids", expanding=True)))
    )


@lru_cache(maxsize=2 * MAX_POINTS)
def sampled_query(count: int) -> Select[tuple[int, int, Any, Any]]:
    """Like `as_of_query`, the day each figure was taken beside it, in the same statement: two
    seeks per (account, sample day) on the (account_id, day) index. (Joining the snapshot row
    by the id a subquery found made PostgreSQL hash the whole table: 300 ms instead of 20.)"""
    sample = union_all(
        *(
            select(literal(i).label("i"), bindparam(f"d{i}", type_=Date).label("d"))
            for i in range(count)
        )
    ).cte("sample")

    def last_known(column: Any) -> Any:
        return (
            select(column)
            .where(
                FollowerSnapshot.account_id == Account.id,
                FollowerSnapshot.followers.is_not(None),
                FollowerSnapshot.day <= sample.c.d,
            )
            .order_by(FollowerSnapshot.day.desc())
            .limit(1)
            .scalar_subquery()
        )

    # The day as the driver gives it (text on SQLite), parsed once per distinct day.
    day = last_known(type_coerce(FollowerSnapshot.day, String))
    return (
        select(Account.id, sample.c.i, day, last_known(FollowerSnapshot.followers))
        .select_from(Account)
        .join(sample, true())
        .where(Account.id.in_(bindparam("ids", expanding=True)))
    )


@dataclass(frozen=True, slots=True)
class Sampled:
    """Series on the sample days, and for each point the day its figure was taken."""

    series: list[Series]
    taken: list[list[date | None]]


def sampled(engine: Engine, accounts: Sequence[tuple[str, str]], start: date, end: date) -> Sampled:
    """`follower_series` and `gaps.taken_days` in one statement (the growth page's read)."""
    days = sample_days(start, end)
    with engine.connect() as connection:
        ids = _ids(connection)
        wanted = [ids[a] for a in accounts if a in ids]
        figures: dict[int, list[int | None]] = {i: [None] * len(days) for i in wanted}
        taken: dict[int, list[date | None]] = {i: [None] * len(days) for i in wanted}
        if wanted:
            values = {f"d{i}": d for i, d in enumerate(days)} | {"ids": wanted}
            rows = connection.execute(sampled_query(len(days)), values).all()
            parsed: dict[object, date | None] = {None: None}
            for account_id, index, day, followers in rows:
                figures[account_id][index] = followers
                found = parsed.get(day)
                if found is None and day is not None:
                    found = parsed[day] = _day(day)
                taken[account_id][index] = found
    chosen = [a for a in accounts if a in ids]
    return Sampled(
        [Series(a[0], a[1], tuple(zip(days, figures[ids[a]], strict=True))) for a in chosen],
        [taken[ids[a]] for a in chosen],
    )


def _day(value: object) -> date:
    """A stored day as the driver gives it when read untyped: a date (psycopg) or its ISO text
    (SQLite). Each distinct day is parsed once per page (fifty accounts share their days)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _ids(connection: Connection) -> dict[tuple[str, str], int]:
    rows = connection.execute(select(Account.id, Account.platform, Account.handle)).all()
    return {(platform, handle): id_ for id_, platform, handle in rows}


def _as_of(
    connection: Connection, account_ids: list[int], days: Sequence[date]
) -> dict[int, list[int | None]]:
    """Each account's last known figure on or before each day (one index seek per point)."""
    points: dict[int, list[int | None]] = {i: [None] * len(days) for i in account_ids}
    if account_ids:
        values = {f"d{i}": d for i, d in enumerate(days)} | {"ids": account_ids}
        for account_id, index, followers in connection.execute(
            as_of_query(len(days)), values
        ).all():
            points[account_id][index] = followers
    return points


def follower_series(
    engine: Engine, accounts: Sequence[tuple[str, str]], start: date, end: date
) -> list[Series]:
    """One series per (platform, handle) given, in that order; unknown accounts are skipped."""
    days = sample_days(start, end)
    with engine.connect() as connection:
        rows = connection.execute(select(Account.id, Account.platform, Account.handle)).all()
        ids = {(platform, handle): id_ for id_, platform, handle in rows}
        points = _as_of(connection, [ids[a] for a in accounts if a in ids], days)
    return [
        Series(a[0], a[1], tuple(zip(days, points[ids[a]], strict=True)))
        for a in accounts
        if a in ids
    ]
