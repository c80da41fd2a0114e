"""Gaps in the follower history: a chart point whose figure is stale is not drawn.

The chart's points are each account's last known figure on or before a sample day. When that
figure was taken long before the sample day (nights without collection, months before a
backfill), carrying it forward would draw a line across days nobody measured. A point is a gap
when its figure is older than the spacing between sample days, or than two days when samples
are daily (a single missed night is not shown as a hole; two are).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from sqlalchemy import Date, Engine, Select, bindparam, literal, select, true, union_all

from pulso.dashboard.series import Series, sample_days
from storage.keys import handle_key
from storage.models import Account, FollowerSnapshot

MIN_TOLERANCE_DAYS = 2


@lru_cache(maxsize=64)
def _days_query(count: int) -> Select[tuple[int, int, date | None]]:
    sample = union_all(
        *(
            select(literal(i).label("i"), bindparam(f"d{i}", type_=Date).label("d"))
            for i in range(count)
        )
    ).cte("sample")
    taken = (
        select(FollowerSnapshot.day)
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
        select(Account.id, sample.c.i, taken)
        .select_from(Account)
        .join(sample, true())
        .where(Account.id.in_(bindparam("ids", expanding=True)))
    )


def taken_days(
    engine: Engine, accounts: Sequence[tuple[str, str]], days: Sequence[date]
) -> dict[tuple[str, str], list[date | None]]:
    """(platform, handle key) -> the day of the figure each sample day shows (one index seek
    per point, like the figures themselves)."""
    with engine.connect() as connection:
        rows = connection.execute(select(Account.id, Account.platform, Account.handle_key)).all()
        wanted = {(p, handle_key(h)) for p, h in accounts}
        ids = {id_: (p, key) for id_, p, key in rows if (p, key) in wanted}
        found: dict[tuple[str, str], list[date | None]] = {k: [None] * len(days) for k in wanted}
        if ids:
            values = {f"d{i}": d for i, d in enumerate(days)} | {"ids": list(ids)}
            for account_id, index, day in connection.execute(_days_query(len(days)), values):
                found[ids[account_id]][index] = day
    return found


def tolerance_days(days: Sequence[date], index: int) -> int:
    if len(days) < 2:
        return MIN_TOLERANCE_DAYS
    other = index - 1 if index > 0 else 1
    return max(abs((days[index] - days[other]).days), MIN_TOLERANCE_DAYS)


def with_gaps(item: Series, taken: Sequence[date | None]) -> Series:
    """The series with stale points set to None (pure)."""
    days = [d for d, _ in item.points]
    points = tuple(
        (day, value if when is not None and (day - when).days <= tolerance_days(days, i) else None)
        for i, ((day, value), when) in enumerate(zip(item.points, taken, strict=True))
    )
    return Series(item.platform, item.account, points)


def gapped(
    engine: Engine, series: Sequence[Series], start: date, end: date
) -> list[Series]:
    """Every series with its gaps (the same sample days as pulso.dashboard.series)."""
    days = sample_days(start, end)
    taken = taken_days(engine, [(s.platform, s.account) for s in series], days)
    out = []
    for item in series:
        when = taken.get((item.platform, handle_key(item.account)))
        if when is None or len(when) != len(item.points):
            out.append(item)
        else:
            out.append(with_gaps(item, when))
    return out
