"""Own accounts' posts: publishing volume, interactions and the week's top posts.

A post's interactions are those of its latest metric snapshot taken on or before the
report's `as_of` day, by its platform's rule (storage.interactions; views are reported apart).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reports.model import InteractionRow, TopPost, engagement_pct
from reports.queries.followers import platform_order
from reports.week import Week, day_start_utc
from storage.activity import WEB
from storage.interactions import interactions
from storage.models import Account, Article, Outlet, Post, PostMetricSnapshot

TOP_POSTS = 5


@dataclass(frozen=True, slots=True)
class PostFacts:
    platform: str
    account: str
    post_id: str
    published_at: datetime | None
    text: str | None
    url: str | None
    reactions: int | None = None
    comments: int | None = None
    shares: int | None = None
    views: int | None = None
    quotes: int | None = None
    handle: str = ""
    # The post's stored picture (None: no picture).
    thumbnail: bytes | None = None
    thumbnail_mime: str | None = None

    @property
    def interactions(self) -> int | None:
        return interactions(self.platform, self.metrics)

    @property
    def metrics(self) -> dict[str, int | None]:
        names = ("reactions", "comments", "shares", "views", "quotes")
        return {name: getattr(self, name) for name in names}


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without a zone; they were stored in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def posts_per_platform(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Own accounts' posts published in [start, end), per platform; the own portal's items
    (outlets with `own = true`) as platform "web", when there are any."""
    rows = session.execute(
        select(Account.platform, func.count(Post.id))
        .join(Account, Account.id == Post.account_id)
        .where(Account.own.is_(True), Post.published_at >= start, Post.published_at < end)
        .group_by(Account.platform)
    )
    found = {platform: count for platform, count in rows}
    web = session.scalar(
        select(func.count(Article.id))
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(Outlet.own.is_(True), Article.published_at >= start, Article.published_at < end)
    )
    if web:
        found[WEB] = web
    return found


def year_start_utc(week: Week, tz: ZoneInfo) -> datetime:
    return day_start_utc(date(week.end.year, 1, 1), tz)


def week_posts(
    session: Session,
    week: Week,
    as_of: date,
    tz: ZoneInfo,
    names: Callable[[str, str], str] | None = None,
    *,
    own: bool = True,
) -> list[PostFacts]:
    """Own posts (`own=False`: peers' posts) published in the week (days in `tz`), with their
    latest metrics up to `as_of`; `names` gives an account's display name (default: handle)."""
    start, end = week.utc_bounds(tz)
    posts = session.execute(
        select(
            Post.id,
            Account.platform,
            Account.display_name,
            Account.handle,
            Post.platform_post_id,
            Post.published_at,
            Post.text,
            Post.url,
        )
        .join(Account, Account.id == Post.account_id)
        .where(Account.own.is_(own), Post.published_at >= start, Post.published_at < end)
    ).all()
    metrics = latest_metrics(session, [row[0] for row in posts], as_of)
    unknown: Metrics = (None, None, None, None, None)
    return [
        PostFacts(
            platform,
            names(platform, handle) if names else handle,
            pid,
            as_utc(at),
            text,
            url,
            *metrics.get(id_, unknown),
            handle=handle,
        )
        for id_, platform, _display, handle, pid, at, text, url in posts
    ]


Metrics = tuple[int | None, int | None, int | None, int | None, int | None]


def posts_read(session: Session, first: date, last: date, *, own: bool) -> set[tuple[str, str]]:
    """(platform, handle) of the accounts whose posts Pulso read on a day of [first, last] (a
    post metric snapshot of one of their posts on that day). A peer whose posts were never
    read has no "0 posts": its week or period is unknown."""
    rows = session.execute(
        select(Account.platform, Account.handle)
        .join(Post, Post.account_id == Account.id)
        .join(PostMetricSnapshot, PostMetricSnapshot.post_id == Post.id)
        .where(Account.own.is_(own), PostMetricSnapshot.day.between(first, last))
        .distinct()
    )
    return {(platform, handle) for platform, handle in rows}


def latest_metrics(session: Session, post_ids: Sequence[int], as_of: date) -> dict[int, Metrics]:
    """Reactions, comments, shares, views and quotes of each post's latest snapshot."""
    found: dict[int, Metrics] = {}
    for chunk in _chunks(post_ids, 500):
        latest = (
            select(PostMetricSnapshot.post_id, func.max(PostMetricSnapshot.day).label("day"))
            .where(PostMetricSnapshot.post_id.in_(chunk), PostMetricSnapshot.day <= as_of)
            .group_by(PostMetricSnapshot.post_id)
            .subquery()
        )
        rows = session.execute(
            select(
                PostMetricSnapshot.post_id,
                PostMetricSnapshot.reactions,
                PostMetricSnapshot.comments,
                PostMetricSnapshot.shares,
                PostMetricSnapshot.views,
                PostMetricSnapshot.quotes,
            ).join(
                latest,
                (latest.c.post_id == PostMetricSnapshot.post_id)
                & (latest.c.day == PostMetricSnapshot.day),
            )
        )
        found.update({row[0]: (row[1], row[2], row[3], row[4], row[5]) for row in rows})
    return found


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _total(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def interaction_rows(
    posts: Sequence[PostFacts],
    platforms: Iterable[str],
    followers: dict[str, int | None] | None = None,
) -> list[InteractionRow]:
    """One row per platform (also those without posts this week); `followers`: the platform's
    own accounts at the end of the week, for the engagement rate."""
    followers = followers or {}
    by_platform: dict[str, list[PostFacts]] = defaultdict(list)
    for post in posts:
        by_platform[post.platform].append(post)
    names = sorted(set(platforms) | set(by_platform), key=platform_order)
    return [
        InteractionRow(
            platform=name,
            posts=len(by_platform[name]),
            reactions=_total(p.reactions for p in by_platform[name]),
            comments=_total(p.comments for p in by_platform[name]),
            shares=_total(p.shares for p in by_platform[name]),
            views=_total(p.views for p in by_platform[name]),
            interactions=_total(p.interactions for p in by_platform[name]),
            followers=followers.get(name),
        )
        for name in names
    ]


def top_posts(
    posts: Sequence[PostFacts],
    followers: dict[tuple[str, str], int | None] | None = None,
    limit: int = TOP_POSTS,
) -> list[TopPost]:
    """The posts with the highest engagement rate (interactions ÷ their account's followers at
    the end of the week), so accounts of any size compare; posts of an account without a
    follower figure follow, by interactions. Posts without metrics never make the list."""
    followers = followers or {}

    def rate(p: PostFacts) -> Decimal:
        found = engagement_pct(p.interactions, followers.get((p.platform, p.handle)))
        return Decimal(-1) if found is None else found

    ranked = sorted(
        (p for p in posts if p.interactions is not None),
        key=lambda p: (
            -rate(p),
            -(p.interactions or 0),
            p.published_at or datetime.max.replace(tzinfo=UTC),
        ),
    )
    return [
        TopPost(
            p.platform,
            p.account,
            p.post_id,
            p.published_at,
            p.text,
            p.url,
            p.interactions,
            p.views,
            followers=followers.get((p.platform, p.handle)),
            thumbnail=p.thumbnail,
            thumbnail_mime=p.thumbnail_mime,
        )
        for p in ranked[:limit]
    ]
