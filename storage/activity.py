"""Publishing activity over any period: per account, posts and their measures, in SQL.

A post counts on its publication day in the configured time zone; its interactions,
impressions and views are those of its latest metric snapshot taken on or before the `to` day
(storage.interactions defines them per platform). Posts are counted and summed by the database
(GROUP BY account and period); periods are found by a balanced CASE over the periods' UTC
starts, so any zone (with or without daylight saving) and any number of periods work on
SQLite and PostgreSQL alike. The office's own portal (outlets with `own = true`) is platform
`web`: its articles are publications, with no interactions, impressions or views (NULL).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Integer, and_, case, func, literal_column, select

from collectors import registry
from storage.core import Account, Article, Outlet, Post, PostMetricSnapshot
from storage.growth import growth
from storage.interactions import gives, interactions_sql, reach_sql
from storage.keys import handle_key, name_key

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    Reader = Session | Connection  # a session (the dashboard) or a connection (the CLI)

By = Literal["day", "week", "month"]
WEB = "web"  # the office's own portal, as a platform of activity and targets
BY_CHOICES: tuple[str, ...] = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class Counts:
    posts: int = 0
    interactions: int | None = None
    impressions: int | None = None
    views: int | None = None


@dataclass(frozen=True, slots=True)
class PeriodActivity:
    start: date
    end: date
    posts: int
    interactions: int | None
    impressions: int | None
    views: int | None


@dataclass(frozen=True, slots=True)
class Activity:
    platform: str
    account: str
    from_: date
    to: date
    posts: int
    interactions: int | None
    impressions: int | None
    views: int | None
    # Followers on the last known day on or before `to` (None: unknown, or the portal).
    followers: int | None
    periods: tuple[PeriodActivity, ...] = field(default=())

    @property
    def engagement_rate(self) -> Decimal | None:
        """Interactions ÷ followers at the end of the period × 100, 2 decimals half-up."""
        if self.interactions is None or not self.followers:
            return None
        rate = Decimal(100 * self.interactions) / Decimal(self.followers)
        return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


MAX_PERIODS = 5_000  # --by day over 13 years; more is a typo, not a question


class TooManyPeriods(ValueError):
    """A period cut into more parts than anyone reads (and than a CASE should hold)."""


def period_count(from_: date, to: date, by: By | None) -> int:
    """How many periods `periods` gives, without listing them."""
    if by is None:
        return 1
    if by == "day":
        return (to - from_).days + 1
    if by == "week":
        return (
            to - timedelta(days=to.weekday()) - (from_ - timedelta(days=from_.weekday()))
        ).days // 7 + 1
    return (to.year - from_.year) * 12 + to.month - from_.month + 1


def periods(from_: date, to: date, by: By | None) -> list[tuple[date, date]]:
    """[from_, to] cut into days, ISO weeks (Monday–Sunday) or calendar months, clipped."""
    count = period_count(from_, to, by)
    if count > MAX_PERIODS:
        raise TooManyPeriods(
            f"{from_.isoformat()} to {to.isoformat()} by {by} is {count:,} periods "
            f"(at most {MAX_PERIODS:,}): choose a longer --by or a shorter period"
        )
    if by is None:
        return [(from_, to)]
    found: list[tuple[date, date]] = []
    start = from_
    while True:
        if by == "day":
            end = start
        elif by == "week":
            end = start + timedelta(days=min(6 - start.weekday(), (to - start).days))
        else:
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        found.append((start, min(end, to)))
        if end >= to:
            return found
        start = end + timedelta(days=1)


def day_start_utc(day: date, tz: ZoneInfo) -> datetime:
    try:
        return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)
    except OverflowError:  # the first day of year 1 in a zone east of UTC
        return datetime.min.replace(tzinfo=UTC)


def day_end_utc(day: date, tz: ZoneInfo) -> datetime:
    """The start of the next day (exclusive end); the end of time after 31/12/9999."""
    if day == date.max:
        return datetime.max.replace(tzinfo=UTC)
    return day_start_utc(day + timedelta(days=1), tz)


def _bucket(column: Any, starts: list[datetime], lo: int, hi: int) -> ColumnElement[int]:
    """The index of the period holding `column`, by halving: log2(periods) comparisons a row."""
    if hi - lo == 1:
        return literal_column(str(lo), Integer)
    mid = (lo + hi) // 2
    return case(
        (column < starts[mid], _bucket(column, starts, lo, mid)),
        else_=_bucket(column, starts, mid, hi),
    )


@dataclass(frozen=True)
class _Window:
    spans: list[tuple[date, date]]
    starts: list[datetime]
    end: datetime
    to: date

    @classmethod
    def of(cls, from_: date, to: date, by: By | None, tz: ZoneInfo) -> _Window:
        spans = periods(from_, to, by)
        starts = [day_start_utc(start, tz) for start, _ in spans]
        return cls(spans, starts, day_end_utc(to, tz), to)

    def bucket(self, column: Any) -> ColumnElement[int]:
        return _bucket(column, self.starts, 0, len(self.starts)).label("bucket")

    def within(self, column: Any) -> ColumnElement[bool]:
        return and_(column >= self.starts[0], column < self.end)


Window = _Window  # public: storage.news counts mentions per week with the same buckets

Grouped = dict[tuple[str, int], dict[int, Counts]]


def _social_counts(
    session: Reader, window: _Window, platform: str | None, account: str | None, own: bool
) -> Grouped:
    latest = (
        select(PostMetricSnapshot.post_id, func.max(PostMetricSnapshot.day).label("day"))
        .join(Post, Post.id == PostMetricSnapshot.post_id)
        .where(PostMetricSnapshot.day <= window.to, window.within(Post.published_at))
        .group_by(PostMetricSnapshot.post_id)
        .subquery()
    )
    metric = PostMetricSnapshot
    per_post = (
        select(
            Account.id.label("account_id"),
            window.bucket(Post.published_at),
            interactions_sql(Account.platform, metric).label("interactions"),
            reach_sql(Account.platform, metric, "impressions").label("impressions"),
            reach_sql(Account.platform, metric, "views").label("views"),
        )
        .select_from(Post)
        .join(Account, Account.id == Post.account_id)
        .outerjoin(latest, latest.c.post_id == Post.id)
        .outerjoin(metric, and_(metric.post_id == Post.id, metric.day == latest.c.day))
        .where(Account.own.is_(own), window.within(Post.published_at))
    )
    if platform:
        per_post = per_post.where(Account.platform == platform)
    if account:
        per_post = per_post.where(Account.handle_key == handle_key(account))
    inner = per_post.subquery()
    rows = session.execute(
        select(
            inner.c.account_id,
            inner.c.bucket,
            func.count(),
            func.sum(inner.c.interactions),
            func.sum(inner.c.impressions),
            func.sum(inner.c.views),
        ).group_by(inner.c.account_id, inner.c.bucket)
    )
    found: Grouped = defaultdict(dict)
    for account_id, bucket, posts, *sums in rows:
        found[("account", account_id)][bucket] = Counts(int(posts), *(_whole(s) for s in sums))
    return found


def _whole(value: Any) -> int | None:
    # PostgreSQL sums BIGINT as NUMERIC (a Decimal); the counts are whole numbers.
    return None if value is None else int(value)


def _web_counts(session: Reader, window: _Window, account: str | None) -> Grouped:
    per_item = (
        select(Outlet.id.label("outlet_id"), window.bucket(Article.published_at))
        .select_from(Article)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(Outlet.own.is_(True), window.within(Article.published_at))
    )
    if account:
        per_item = per_item.where(Outlet.name_key == name_key(account))
    inner = per_item.subquery()
    rows = session.execute(
        select(inner.c.outlet_id, inner.c.bucket, func.count()).group_by(
            inner.c.outlet_id, inner.c.bucket
        )
    )
    found: Grouped = defaultdict(dict)
    for outlet_id, bucket, posts in rows:
        found[("outlet", outlet_id)][bucket] = Counts(int(posts))
    return found


def _total(values: list[int | None], given: bool, posts: int) -> int | None:
    known = [v for v in values if v is not None]
    if known:
        return sum(known)
    # Nothing published: nothing measured either, where the platform measures it at all.
    return 0 if given and posts == 0 else None


Given = tuple[bool, bool, bool]  # the platform gives interactions, impressions, views


def _given(platform: str) -> Given:
    if platform == WEB:
        return (False, False, False)
    return gives(platform, "interactions"), gives(platform, "impressions"), gives(platform, "views")


def _summed(given: Given, counts: list[Counts]) -> Counts:
    posts = sum(c.posts for c in counts)
    return Counts(
        posts,
        _total([c.interactions for c in counts], given[0], posts),
        _total([c.impressions for c in counts], given[1], posts),
        _total([c.views for c in counts], given[2], posts),
    )


def _build(
    platform: str,
    name: str,
    window: _Window,
    by_bucket: dict[int, Counts],
    followers: int | None,
    by: By | None,
) -> Activity:
    given = _given(platform)
    empty = _summed(given, [])
    spans = [
        _summed(given, [by_bucket[i]]) if i in by_bucket else empty
        for i in range(len(window.spans))
    ]
    total = _summed(given, spans)
    listed = tuple(
        PeriodActivity(start, end, c.posts, c.interactions, c.impressions, c.views)
        for (start, end), c in zip(window.spans, spans, strict=True)
    )
    return Activity(
        platform=platform,
        account=name,
        from_=window.spans[0][0],
        to=window.to,
        posts=total.posts,
        interactions=total.interactions,
        impressions=total.impressions,
        views=total.views,
        followers=followers,
        periods=listed if by else (),
    )


def _own_accounts(
    session: Reader, platform: str | None, account: str | None, own: bool = True
) -> list[tuple[int, str, str]]:
    query = select(Account.id, Account.platform, Account.handle).where(Account.own.is_(own))
    if platform:
        query = query.where(Account.platform == platform)
    if account:
        query = query.where(Account.handle_key == handle_key(account))
    return [(row[0], row[1], row[2]) for row in session.execute(query)]


def _own_outlets(session: Reader, account: str | None) -> list[tuple[int, str]]:
    query = select(Outlet.id, Outlet.name).where(Outlet.own.is_(True))
    if account:
        query = query.where(Outlet.name_key == name_key(account))
    return [(row[0], row[1]) for row in session.execute(query)]


def _order(item: Activity) -> tuple[int, str]:
    return _order_key(item.platform), item.account.lower()


def activity(
    session: Reader,
    *,
    from_: date,
    to: date,
    tz: ZoneInfo,
    platform: str | None = None,
    account: str | None = None,
    by: By | None = None,
    own: bool = True,
) -> list[Activity]:
    """The office's own accounts (and own portal, platform `web`) over [from_, to], inclusive
    Bogotá (`tz`) days, ordered by platform then account; `by` adds the periods. `own=False`:
    the peers' accounts instead (the benchmark), without the portal."""
    window = _Window.of(from_, to, by, tz)
    found: list[Activity] = []
    if platform != WEB:
        counts = _social_counts(session, window, platform, account, own)
        ends = {
            (g.platform, handle_key(g.account)): g.end.followers if g.end else None
            for g in growth(session, platform=platform, account=account, to=to)
        }
        for account_id, name, handle in _own_accounts(session, platform, account, own):
            followers = ends.get((name, handle_key(handle)))
            found.append(
                _build(name, handle, window, counts[("account", account_id)], followers, by)
            )
    if own and platform in (None, WEB):
        web = _web_counts(session, window, account)
        for outlet_id, outlet in _own_outlets(session, account):
            found.append(_build(WEB, outlet, window, web[("outlet", outlet_id)], None, by))
    return sorted(found, key=_order)


@dataclass(frozen=True, slots=True)
class Publication:
    """One publication counted by `activity`: the evidence behind a count."""

    platform: str
    account: str
    published_at: datetime
    url: str | None


def publications(
    session: Reader, *, from_: date, to: date, tz: ZoneInfo, platform: str | None = None
) -> list[Publication]:
    """Every own post (and own portal item, platform `web`) that `activity` counts over
    [from_, to], oldest first."""
    window = _Window.of(from_, to, None, tz)
    found: list[Publication] = []
    if platform != WEB:
        posts = (
            select(Account.platform, Account.handle, Post.published_at, Post.url)
            .join(Account, Account.id == Post.account_id)
            .where(Account.own.is_(True), window.within(Post.published_at))
        )
        if platform:
            posts = posts.where(Account.platform == platform)
        found += [Publication(*row) for row in session.execute(posts)]
    if platform in (None, WEB):
        items = (
            select(Outlet.name, Article.published_at, Article.url)
            .join(Outlet, Outlet.id == Article.outlet_id)
            .where(Outlet.own.is_(True), window.within(Article.published_at))
        )
        found += [Publication(WEB, name, at, url) for name, at, url in session.execute(items)]
    return sorted(found, key=lambda p: (p.published_at, _order_key(p.platform), p.account))


def _order_key(platform: str) -> int:
    names = (*registry.PLATFORM_NAMES, WEB)
    return names.index(platform) if platform in names else len(names)
