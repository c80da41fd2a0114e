"""Insights history: account metrics per day, post metrics per night, live broadcasts.

Meta keeps about two years of insights; a nightly snapshot is how the administration's
history survives. Every write is an upsert on a natural key, so running the same night twice
changes nothing twice: (account, day measured, metric), (post, Bogotá night, metric),
(account, broadcast id). A metric the platform refused is stored as NULL with its note.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from collectors.metrics import REACH, VIEWS
from collectors.records import InsightValue, LiveVideo
from storage.days import day_end, day_start
from storage.models import (
    Account,
    AccountInsight,
    LiveBroadcast,
    Post,
    PostInsight,
    PostMetricSnapshot,
)
from storage.rows import insert_missing

_CHUNK = 500


def store_account_insights(
    session: Session,
    account: Account,
    values: Sequence[InsightValue],
    *,
    day: date,
    collected_at: datetime,
    run_id: int | None,
) -> int:
    """Upsert the account's metrics; a value without a day is filed under `day`."""
    rows = {(v.day or day, v.metric): v for v in values if v.post_id is None}
    if not rows:
        return 0
    insert_missing(
        session,
        AccountInsight,
        [
            {"account_id": account.id, "day": d, "metric": m, "collected_at": collected_at}
            for d, m in rows
        ],
        ["account_id", "day", "metric"],
    )
    days = sorted({d for d, _ in rows})
    stored = session.scalars(
        select(AccountInsight).where(
            AccountInsight.account_id == account.id, AccountInsight.day.between(days[0], days[-1])
        )
    )
    for row in stored:
        value = rows.get((row.day, row.metric))
        if value is None:
            continue
        _fill(row, value, collected_at, run_id)
    session.flush()
    return len(rows)


def _fill(
    row: AccountInsight | PostInsight, value: InsightValue, at: datetime, run_id: int | None
) -> None:
    # A refused metric tonight never erases a value read earlier for the same day.
    if value.value is not None or row.value is None:
        row.value, row.note = value.value, value.note
    row.collected_at, row.run_id = at, run_id


def store_post_insights(
    session: Session,
    account: Account,
    values: Sequence[InsightValue],
    *,
    day: date,
    collected_at: datetime,
    run_id: int | None,
) -> int:
    """Upsert the posts' lifetime metrics as read on night `day` (posts stored first)."""
    wanted = {(v.post_id, v.metric): v for v in values if v.post_id is not None}
    if not wanted:
        return 0
    platform_ids = sorted({pid for pid, _ in wanted if pid is not None})
    ids: dict[str, int] = {}
    for start in range(0, len(platform_ids), _CHUNK):
        query = select(Post.platform_post_id, Post.id).where(
            Post.account_id == account.id,
            Post.platform_post_id.in_(platform_ids[start : start + _CHUNK]),
        )
        ids.update({pid: post_id for pid, post_id in session.execute(query)})
    rows = {
        (ids[pid], metric): value
        for (pid, metric), value in wanted.items()
        if pid is not None and pid in ids
    }
    insert_missing(
        session,
        PostInsight,
        [
            {"post_id": post_id, "day": day, "metric": metric, "collected_at": collected_at}
            for post_id, metric in rows
        ],
        ["post_id", "day", "metric"],
    )
    post_ids = sorted({post_id for post_id, _ in rows})
    for start in range(0, len(post_ids), _CHUNK):
        stored = select(PostInsight).where(
            PostInsight.post_id.in_(post_ids[start : start + _CHUNK]), PostInsight.day == day
        )
        for row in session.scalars(stored):
            value = rows.get((row.post_id, row.metric))
            if value is not None:
                _fill(row, value, collected_at, run_id)
    session.flush()
    return len(rows)


def store_live_videos(
    session: Session, account: Account, lives: Sequence[LiveVideo], *, run_id: int | None
) -> int:
    """Upsert the account's broadcasts on (account, broadcast id): the latest figures win,
    a figure Meta stops giving (total views of an old broadcast) is kept."""
    unique = {live.live_id: live for live in lives}
    if not unique:
        return 0
    insert_missing(
        session,
        LiveBroadcast,
        [
            {
                "account_id": account.id,
                "live_id": live.live_id,
                "first_seen_at": live.fetched_at,
                "collected_at": live.fetched_at,
            }
            for live in unique.values()
        ],
        ["account_id", "live_id"],
    )
    stored = session.scalars(
        select(LiveBroadcast).where(
            LiveBroadcast.account_id == account.id, LiveBroadcast.live_id.in_(list(unique))
        )
    )
    for row in stored:
        live = unique[row.live_id]
        row.video_id = live.video_id or row.video_id
        row.title = live.title if live.title is not None else row.title
        row.status = live.status or row.status
        row.created_at = live.created_at or row.created_at
        row.started_at = live.started_at or row.started_at
        for name in ("duration_s", "live_views", "total_views", "peak_viewers"):
            new = getattr(live, name)
            if new is not None:
                setattr(row, name, new)
        row.note = live.note
        row.collected_at, row.run_id = live.fetched_at, run_id
    session.flush()
    return len(unique)


@dataclass(frozen=True, slots=True)
class AccountReach:
    """An account's reach and views over a period, as stored (None: nothing measured)."""

    platform: str
    account: str
    reach: int | None  # daily reach added over the days measured (not unique over the period)
    views: int | None  # daily views of the account's content, added
    days_measured: int  # days with a reach or views value
    post_views: int | None  # latest views (X: impressions) of the posts published in the period
    posts_with_views: int
    posts: int


@dataclass(frozen=True, slots=True)
class Broadcast:
    platform: str
    account: str
    title: str | None
    status: str | None
    started_at: datetime | None
    duration_s: int | None
    total_views: int | None
    peak_viewers: int | None
    note: str | None


@dataclass(frozen=True, slots=True)
class DayReach:
    """An account's reach and views for one day measured (None: refused or not given)."""

    platform: str
    account: str
    day: date
    reach: int | None
    views: int | None
    note: str | None  # why a figure is missing, as the platform said


def _by_day(
    session: Session, account_ids: list[int], start: date, end: date
) -> dict[tuple[int, date], tuple[int | None, int | None, str | None]]:
    """(account, day) -> reach, views (each added over its metrics), the refusals' notes.

    A day appears once any reach or views metric was stored for it, refused ones included."""
    query = select(
        AccountInsight.account_id,
        AccountInsight.day,
        AccountInsight.metric,
        AccountInsight.value,
        AccountInsight.note,
    ).where(
        AccountInsight.account_id.in_(account_ids),
        AccountInsight.day.between(start, end),
        AccountInsight.metric.in_(sorted(REACH | VIEWS)),
    )
    days: dict[tuple[int, date], tuple[int | None, int | None, str | None]] = {}
    for account_id, day, metric, value, note in session.execute(query):
        reach, views, notes = days.get((account_id, day), (None, None, None))
        if value is None:
            notes = "; ".join(n for n in (notes, note or f"{metric}: not given") if n)
        elif metric in REACH:
            reach = (reach or 0) + int(value)
        else:
            views = (views or 0) + int(value)
        days[(account_id, day)] = (reach, views, notes)
    return days


def _daily_sums(
    session: Session, account_ids: list[int], start: date, end: date
) -> dict[int, tuple[int | None, int | None, int]]:
    totals: dict[int, tuple[int | None, int | None, int]] = {}
    for (account_id, _day), (reach, views, _) in _by_day(session, account_ids, start, end).items():
        if reach is None and views is None:
            continue  # refused that day: not a day measured
        total_reach, total_views, days = totals.get(account_id, (None, None, 0))
        if reach is not None:
            total_reach = (total_reach or 0) + reach
        if views is not None:
            total_views = (total_views or 0) + views
        totals[account_id] = (total_reach, total_views, days + 1)
    return totals


def _published_in(start: date, end: date, zone: ZoneInfo, column: Any) -> list[Any]:
    """`column` (a UTC instant) on the zone's days [start, end]; safe at the calendar's ends."""
    first, after = day_start(start, zone), day_end(end, zone)
    bounds = [column >= first] if first is not None else []
    return bounds + ([column < after] if after is not None else [])


def _latest_views(
    account_ids: list[int], start: date, end: date, zone: ZoneInfo
) -> Select[tuple[int, int, int | None]]:
    """Account, post and latest views (on or before `end`) of the posts published in range."""
    latest = (
        select(
            PostMetricSnapshot.post_id.label("post_id"),
            func.max(PostMetricSnapshot.day).label("day"),
        )
        .where(PostMetricSnapshot.day <= end)
        .group_by(PostMetricSnapshot.post_id)
        .subquery()
    )
    return (
        select(Post.account_id, Post.id, PostMetricSnapshot.views)
        .outerjoin(latest, latest.c.post_id == Post.id)
        .outerjoin(
            PostMetricSnapshot,
            (PostMetricSnapshot.post_id == Post.id) & (PostMetricSnapshot.day == latest.c.day),
        )
        .where(
            Post.account_id.in_(account_ids), *_published_in(start, end, zone, Post.published_at)
        )
    )


def _post_views(
    session: Session, account_ids: list[int], start: date, end: date, zone: ZoneInfo
) -> dict[int, tuple[int | None, int, int]]:
    """Per account: the summed latest views (on or before `end`) of posts published in range."""
    totals: dict[int, tuple[int | None, int, int]] = {}
    for account_id, _post, views in session.execute(_latest_views(account_ids, start, end, zone)):
        total, with_views, posts = totals.get(account_id, (None, 0, 0))
        if views is not None:
            total, with_views = (total or 0) + int(views), with_views + 1
        totals[account_id] = (total, with_views, posts + 1)
    return totals


def _accounts(
    session: Session, own_only: bool, chosen: Collection[tuple[str, str]] | None
) -> list[Account]:
    """The accounts asked for, ordered by platform and handle; `chosen`: (platform, handle)."""
    query = select(Account).order_by(Account.platform, Account.handle)
    if own_only:
        query = query.where(Account.own.is_(True))
    found = session.scalars(query)
    if chosen is None:
        return list(found)
    wanted = set(chosen)
    return [a for a in found if (a.platform, a.handle) in wanted]


def reach_by_account(
    session: Session, *, start: date, end: date, zone: ZoneInfo, own_only: bool = True
) -> list[AccountReach]:
    """Every (own) account's reach, views and post views over [start, end], Bogotá days."""
    accounts = _accounts(session, own_only, None)
    ids = [a.id for a in accounts]
    if not ids:
        return []
    daily = _daily_sums(session, ids, start, end)
    posts = _post_views(session, ids, start, end, zone)
    result = []
    for account in accounts:
        reach, views, days = daily.get(account.id, (None, None, 0))
        post_views, with_views, count = posts.get(account.id, (None, 0, 0))
        result.append(
            AccountReach(
                account.platform,
                account.handle,
                reach,
                views,
                days,
                post_views,
                with_views,
                count,
            )
        )
    return result


def reach_by_day(
    session: Session,
    *,
    start: date,
    end: date,
    accounts: Collection[tuple[str, str]] | None = None,
    own_only: bool = True,
) -> list[DayReach]:
    """Each (chosen) account's reach and views per day measured in [start, end]; a day whose
    metrics were all refused is listed with None and the platform's note."""
    found = _accounts(session, own_only, accounts)
    if not found:
        return []
    names = {a.id: (a.platform, a.handle) for a in found}
    days = _by_day(session, list(names), start, end)
    rows = [
        DayReach(*names[account_id], day, reach, views, note)
        for (account_id, day), (reach, views, note) in days.items()
    ]
    return sorted(rows, key=lambda r: (r.platform, r.account.casefold(), r.day))


@dataclass(frozen=True, slots=True)
class PostViews:
    """A post published in the period and its latest views (X: impressions) by the period's end."""

    platform: str
    account: str
    post_id: str
    published_at: datetime | None
    url: str | None
    text: str | None
    media_type: str | None
    views: int


def top_post_views(
    session: Session,
    *,
    start: date,
    end: date,
    zone: ZoneInfo,
    limit: int,
    accounts: Collection[tuple[str, str]] | None = None,
    own_only: bool = True,
) -> list[PostViews]:
    """The `limit` most viewed posts published in [start, end] (posts without views left out),
    by the same reading as the accounts' post views."""
    found = _accounts(session, own_only, accounts)
    if not found:
        return []
    names = {a.id: (a.platform, a.handle) for a in found}
    viewed = [
        (int(views), post_id)
        for _account, post_id, views in session.execute(
            _latest_views(list(names), start, end, zone)
        )
        if views is not None
    ]
    top = sorted(viewed, key=lambda pair: (-pair[0], pair[1]))[:limit]
    posts = {p.id: p for p in session.scalars(select(Post).where(Post.id.in_([i for _, i in top])))}
    return [
        PostViews(
            *names[posts[i].account_id],
            posts[i].platform_post_id,
            posts[i].published_at,
            posts[i].url,
            posts[i].text,
            posts[i].media_type,
            views,
        )
        for views, i in top
    ]


def broadcasts(session: Session, *, start: date, end: date, zone: ZoneInfo) -> list[Broadcast]:
    """Live broadcasts started in [start, end] (Bogotá days), oldest first."""
    query = (
        select(LiveBroadcast, Account.platform, Account.handle)
        .join(Account, Account.id == LiveBroadcast.account_id)
        .where(
            LiveBroadcast.started_at.is_not(None),
            *_published_in(start, end, zone, LiveBroadcast.started_at),
        )
        .order_by(LiveBroadcast.started_at)
    )
    return [
        Broadcast(
            platform,
            handle,
            live.title,
            live.status,
            live.started_at,
            live.duration_s,
            live.total_views,
            live.peak_viewers,
            live.note,
        )
        for live, platform, handle in session.execute(query)
    ]
