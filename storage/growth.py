"""Follower growth between two dates, for one account or all, in one indexed query.

start = the last known snapshot on or before `from` (else the first one after it, up to `to`);
end = the last known snapshot on or before `to`. Snapshots with unknown followers (NULL) are
not points. Each point is one seek on the (account_id, day) unique index, so the query costs
a few seeks per account whatever the history's length.

Two shapes of the same query. SQLite (no LATERAL) finds each point's id in a correlated
sub-query, then joins it back on the primary key. PostgreSQL reads each point's day and
followers in a LATERAL sub-query instead: half the index descents, no primary-key join, and,
with followers included in the unique index (migration 0012), no heap visit on the pages
(auto)vacuum has marked all-visible (an index-only scan).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Integer,
    ScalarSelect,
    Select,
    and_,
    bindparam,
    func,
    literal_column,
    select,
    true,
)

from storage.core import accounts, follower_snapshots
from storage.keys import handle_key

if TYPE_CHECKING:  # a Core query: `pulso growth` runs it without importing the ORM
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class Point:
    day: date
    followers: int


@dataclass(frozen=True, slots=True)
class Growth:
    platform: str
    account: str
    own: bool
    start: Point | None
    end: Point | None

    @property
    def change(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return self.end.followers - self.start.followers

    @property
    def change_pct(self) -> Decimal | None:
        change = self.change
        if change is None or self.start is None or self.start.followers == 0:
            return None
        pct = Decimal(100 * change) / Decimal(self.start.followers)
        return pct.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _snapshot_id(
    account_id: ColumnElement[int],
    *conditions: ColumnElement[bool],
    latest: bool,
) -> ScalarSelect[int]:
    snapshot = follower_snapshots.c
    order = snapshot.day.desc() if latest else snapshot.day.asc()
    return (
        select(snapshot.id)
        .where(
            snapshot.account_id == account_id,
            snapshot.followers.is_not(None),
            *conditions,
        )
        .order_by(order)
        .limit(1)
        .scalar_subquery()
    )


def _point(
    account_id: ColumnElement[int], *conditions: ColumnElement[bool], latest: bool
) -> Select[tuple[date, int]]:
    """One point's day and followers, for a LATERAL join (PostgreSQL)."""
    snapshot = follower_snapshots.c
    return (
        select(snapshot.day, snapshot.followers)
        .where(snapshot.account_id == account_id, snapshot.followers.is_not(None), *conditions)
        .order_by(snapshot.day.desc() if latest else snapshot.day.asc())
        # Written into the SQL, not bound: a prepared statement's generic plan then still
        # knows it reads one row per account (psycopg prepares a statement run 5 times).
        .limit(literal_column("1", Integer))
    )


def _filtered(
    query: Select[tuple[Any, ...]], has_platform: bool, has_account: bool
) -> Select[tuple[Any, ...]]:
    account = accounts.c
    query = query.order_by(account.platform, account.handle_key)
    if has_platform:
        query = query.where(account.platform == bindparam("platform"))
    if has_account:
        query = query.where(account.handle_key == bindparam("account"))
    return query


@lru_cache(maxsize=16)
def _lateral_query(
    has_platform: bool, has_account: bool, has_from: bool, has_to: bool
) -> Select[tuple[Any, ...]]:
    """PostgreSQL's statement: each point read where the index finds it."""
    account, day = accounts.c, follower_snapshots.c.day
    upper = [day <= bindparam("to", type_=Date)] if has_to else []
    end = _point(account.id, *upper, latest=True).lateral("end_point")
    joined = accounts.outerjoin(end, true())
    start_day: ColumnElement[Any]
    start_followers: ColumnElement[Any]
    if not has_from:
        start = _point(account.id, *upper, latest=False).lateral("start_point")
        joined = joined.outerjoin(start, true())
        start_day, start_followers = start.c.day, start.c.followers
    else:
        from_ = bindparam("from_", type_=Date)
        before = _point(account.id, day <= from_, latest=True).lateral("before_point")
        # Only sought when nothing precedes `from`: PostgreSQL runs a condition on the outer
        # row alone once per row (a one-time filter) and skips the index when it fails.
        after = _point(account.id, before.c.day.is_(None), day > from_, *upper, latest=False)
        after_lateral = after.lateral("after_point")
        joined = joined.outerjoin(before, true()).outerjoin(after_lateral, true())
        # At most one of the two has a row, so each column comes from the same one.
        start_day = func.coalesce(before.c.day, after_lateral.c.day)
        start_followers = func.coalesce(before.c.followers, after_lateral.c.followers)
    query = select(
        account.platform,
        account.handle,
        account.own,
        start_day,
        start_followers,
        end.c.day,
        end.c.followers,
    ).select_from(joined)
    return _filtered(query, has_platform, has_account)


@lru_cache(maxsize=16)
def _growth_query(
    has_platform: bool, has_account: bool, has_from: bool, has_to: bool
) -> Select[tuple[Any, ...]]:
    """The statement for one shape of filters, built once: a call only binds its values (the
    dashboard asks with a new date range on every request)."""
    account, day = accounts.c, follower_snapshots.c.day
    upper = [day <= bindparam("to", type_=Date)] if has_to else []
    start_id: ColumnElement[int]
    if not has_from:
        start_id = _snapshot_id(account.id, *upper, latest=False)
    else:
        from_ = bindparam("from_", type_=Date)
        start_id = func.coalesce(
            _snapshot_id(account.id, day <= from_, latest=True),
            _snapshot_id(account.id, day > from_, *upper, latest=False),
        )
    end_id = _snapshot_id(account.id, *upper, latest=True)
    start, end = follower_snapshots.alias(), follower_snapshots.alias()
    query = (
        select(
            account.platform,
            account.handle,
            account.own,
            start.c.day,
            start.c.followers,
            end.c.day,
            end.c.followers,
        )
        .select_from(accounts)
        .outerjoin(start, and_(start.c.id == start_id))
        .outerjoin(end, and_(end.c.id == end_id))
    )
    return _filtered(query, has_platform, has_account)


def growth(
    session: Session | Connection,
    *,
    platform: str | None = None,
    account: str | None = None,
    from_: date | None = None,
    to: date | None = None,
) -> list[Growth]:
    """Growth per account, ordered by platform and handle."""
    bind = session if isinstance(session, Connection) else session.get_bind()
    build = _lateral_query if bind.dialect.name == "postgresql" else _growth_query
    query = build(bool(platform), bool(account), from_ is not None, to is not None)
    values: dict[str, object] = {"platform": platform} if platform else {}
    if account:
        values["account"] = handle_key(account)
    values |= {name: day for name, day in (("from_", from_), ("to", to)) if day is not None}
    return [
        Growth(
            platform=row[0],
            account=row[1],
            own=row[2],
            start=Point(row[3], row[4]) if row[3] is not None else None,
            end=Point(row[5], row[6]) if row[5] is not None else None,
        )
        for row in session.execute(query, values)
    ]
