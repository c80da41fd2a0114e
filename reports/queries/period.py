"""What the period report reads beyond the weekly queries: the period's best posts, the yearly
publishing counts behind the targets, and the period's collection record (missing days,
failed nights).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from reports.model import TopPost
from reports.period import Period
from reports.period_model import AccountGaps, FailedNight, PeriodQuality
from reports.queries.followers import platform_order
from reports.queries.posts import as_utc, posts_per_platform
from reports.week import day_start_utc
from storage.interactions import interactions_sql, reach_sql
from storage.models import (
    Account,
    CollectionRun,
    FollowerSnapshot,
    Post,
    PostMetricSnapshot,
    SourceResult,
)


def best_posts(session: Session, period: Period, tz: ZoneInfo, limit: int) -> list[TopPost]:
    """Own posts published in the period with most interactions (each platform's rule,
    storage.interactions) as last measured up to the period's last day; posts without a
    measure never make the list. Ranked by the database: a long period has many posts."""
    start, end = period.utc_bounds(tz)
    published = (Account.own.is_(True), Post.published_at >= start, Post.published_at < end)
    latest = (
        select(PostMetricSnapshot.post_id, func.max(PostMetricSnapshot.day).label("day"))
        .join(Post, Post.id == PostMetricSnapshot.post_id)
        .join(Account, Account.id == Post.account_id)
        .where(*published, PostMetricSnapshot.day <= period.end)
        .group_by(PostMetricSnapshot.post_id)
        .subquery()
    )
    snap = aliased(PostMetricSnapshot)
    score = interactions_sql(Account.platform, snap)
    rows = session.execute(
        select(
            Account.platform,
            Account.handle,
            Post.platform_post_id,
            Post.published_at,
            Post.text,
            Post.url,
            score,
            reach_sql(Account.platform, snap, "views"),
        )
        .join(Account, Account.id == Post.account_id)
        .join(latest, latest.c.post_id == Post.id)
        .join(snap, (snap.post_id == latest.c.post_id) & (snap.day == latest.c.day))
        .where(*published, score.is_not(None))
        .order_by(score.desc(), Post.published_at, Post.id)
        .limit(limit)
    )
    return [
        TopPost(platform, handle, pid, as_utc(at), text, url, interactions, views)
        for platform, handle, pid, at, text, url, interactions, views in rows
    ]


def year_posts(session: Session, year: int, last: date, tz: ZoneInfo) -> dict[str, int]:
    """Own posts per platform from 1 January of `year` to `last`, inclusive."""
    start = day_start_utc(date(year, 1, 1), tz)
    return posts_per_platform(session, start, day_start_utc(last + timedelta(days=1), tz))


def _failed_nights(session: Session, period: Period) -> list[FailedNight]:
    failures: dict[date, int] = {
        day: count
        for day, count in session.execute(
            select(CollectionRun.day, func.count(SourceResult.id))
            .join(SourceResult, SourceResult.run_id == CollectionRun.id)
            .where(
                CollectionRun.day.between(period.start, period.end),
                SourceResult.status == "failed",
            )
            .group_by(CollectionRun.day)
        )
    }
    statuses: dict[date, set[str]] = defaultdict(set)
    for day, status in session.execute(
        select(CollectionRun.day, CollectionRun.status).where(
            CollectionRun.day.between(period.start, period.end)
        )
    ):
        statuses[day].add(status)
    nights = []
    for day in sorted(statuses):
        found = statuses[day]
        worst = next((s for s in ("failed", "partial", "running") if s in found), None)
        if worst or failures.get(day):
            nights.append(FailedNight(day, worst or "partial", failures.get(day, 0)))
    return nights


def _gaps(session: Session, period: Period) -> list[AccountGaps]:
    counted = session.execute(
        select(Account.platform, Account.handle, FollowerSnapshot.day)
        .join(FollowerSnapshot, FollowerSnapshot.account_id == Account.id)
        .where(
            Account.own.is_(True),
            FollowerSnapshot.followers.is_not(None),
            FollowerSnapshot.day.between(period.start, period.end),
        )
    )
    known: dict[tuple[str, str], set[date]] = defaultdict(set)
    for platform, handle, day in counted:
        known[(platform, handle)].add(day)
    for platform, handle in session.execute(
        select(Account.platform, Account.handle).where(Account.own.is_(True))
    ):
        known.setdefault((platform, handle), set())
    gaps = []
    for (platform, account), days in known.items():
        missing = period.days - len(days)
        if missing:
            absent = [d for d in period.day_list() if d not in days]
            gaps.append(AccountGaps(platform, account, missing, absent[0], absent[-1]))
    return sorted(gaps, key=lambda g: (platform_order(g.platform), g.account.lower()))


def period_quality(session: Session, period: Period) -> PeriodQuality:
    nights_run = session.scalar(
        select(func.count(func.distinct(CollectionRun.day))).where(
            CollectionRun.day.between(period.start, period.end)
        )
    )
    run = int(nights_run or 0)
    return PeriodQuality(
        days=period.days,
        nights_run=run,
        nights_without_run=period.days - run,
        failed_nights=tuple(_failed_nights(session, period)),
        gaps=tuple(_gaps(session, period)),
    )
