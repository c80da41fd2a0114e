"""Build the weekly report's model (numbers only) from storage, for one Bogotá week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from reports.model import (
    FollowerRow,
    Headline,
    InteractionRow,
    MissingDays,
    Quality,
    VolumeRow,
    WeeklyReport,
)
from reports.queries import followers as fq
from reports.queries import news as nq
from reports.queries import posts as pq
from reports.queries import quality as qq
from reports.queries.free_press import free_press_section, week_valuation
from reports.week import Week
from settings.model import Config
from storage.models import Account


def _sum_known(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _own_platforms(session: Session) -> set[str]:
    return set(session.scalars(select(Account.platform).where(Account.own.is_(True))))


def volume_rows(session: Session, week: Week, targets: dict[str, int]) -> list[VolumeRow]:
    start, end = week.utc_bounds()
    in_week = pq.posts_per_platform(session, start, end)
    ytd = pq.posts_per_platform(session, pq.year_start_utc(week), end)
    days_left = (date(week.end.year, 12, 31) - week.end).days
    platforms = sorted(_own_platforms(session) | set(targets) | set(ytd), key=fq.platform_order)
    return [
        VolumeRow(p, in_week.get(p, 0), ytd.get(p, 0), targets.get(p), days_left) for p in platforms
    ]


def _interactions_total(rows: Sequence[InteractionRow]) -> int | None:
    return _sum_known([r.interactions for r in rows])


def _posts_total(session: Session, week: Week) -> int:
    start, end = week.utc_bounds()
    return sum(pq.posts_per_platform(session, start, end).values())


def _headlines(
    session: Session,
    week: Week,
    config: Config,
    current: dict[str, int | None],
    series: list[fq.AccountSeries],
    as_of: date,
) -> tuple[Headline, ...]:
    """This week's numbers beside the previous week's, computed the same way."""
    before = week.shifted(-1)
    own_before = [r for r in fq.follower_rows(series, before) if r.own]
    previous_news = nq.news_section(nq.week_mentions(session, before))
    previous_posts = pq.week_posts(session, before, as_of)
    previous_value = week_valuation(session, before, config.valuation.iva_rate)
    previous: dict[str, int | None] = {
        "followers": _sum_known([r.end for r in own_before]),
        "new_followers": _sum_known([r.new for r in own_before]),
        "posts": _posts_total(session, before),
        "interactions": _sum_known([p.interactions for p in previous_posts]),
        "mentions": previous_news.mentions,
        "stories": previous_news.stories,
        "free_press": previous_value.total_before_iva if previous_value.items else None,
    }
    return tuple(
        Headline(key, current[key], previous[key], money=key == "free_press") for key in current
    )


def _quality(
    session: Session, week: Week, config: Config, series: list[fq.AccountSeries], as_of: date
) -> Quality:
    results = qq.load_results(session, week)
    missing = [
        MissingDays(s.platform, s.account, days)
        for s in series
        if (days := fq.missing_days(s, week, as_of))
    ]
    credentials = qq.auth_problems(results, week) + qq.expiring_tokens(
        session, week, config.health.token_warning_days
    )
    return Quality(
        runs=qq.count_runs(session, week),
        failed_sources=tuple(qq.failed_sources(results, week)),
        stale_sources=tuple(qq.stale_sources(results, week, config.health.stale_after_nights)),
        credentials=tuple(credentials),
        missing_days=tuple(missing),
        given_up_pages=tuple(qq.pages_given_up(session, week)),
    )


def build_weekly_report(
    session: Session, *, week_start: date, config: Config, now: datetime
) -> WeeklyReport:
    """The whole report for the week starting on `week_start` (a Monday), as of `now`."""
    week = Week(week_start)
    metrics_as_of = now.astimezone(config.tz).date() if now.tzinfo else now.date()
    series = fq.load_series(session, week)
    rows = fq.follower_rows(series, week)
    own: list[FollowerRow] = [r for r in rows if r.own]
    posts = pq.week_posts(session, week, metrics_as_of)
    interactions = pq.interaction_rows(posts, _own_platforms(session))
    news = nq.news_section(nq.week_mentions(session, week))
    free_press = free_press_section(week_valuation(session, week, config.valuation.iva_rate))
    volume = volume_rows(session, week, {str(k): v for k, v in config.targets.items()})
    has_data = bool(
        any(r.end is not None for r in rows) or posts or news.mentions or free_press.available
    )
    current: dict[str, int | None] = {
        "followers": _sum_known([r.end for r in own]),
        "new_followers": _sum_known([r.new for r in own]),
        "posts": sum(v.week for v in volume),
        "interactions": _interactions_total(interactions),
        "mentions": news.mentions,
        "stories": news.stories,
        "free_press": free_press.total_before_iva,
    }
    if not has_data:
        # Nothing was collected: "0 posts" would claim a silence nobody measured.
        current = dict.fromkeys(current)
    return WeeklyReport(
        week=week,
        generated_at=now,
        timezone=config.timezone,
        has_data=has_data,
        summary=_headlines(session, week, config, current, series, metrics_as_of),
        followers=tuple(own),
        peers=tuple(r for r in rows if not r.own),
        sparkline_weeks=tuple(week.shifted(-k).end for k in range(fq.SPARK_WEEKS - 1, -1, -1)),
        volume=tuple(volume),
        interactions=tuple(interactions),
        top_posts=tuple(pq.top_posts(posts)),
        news=news,
        free_press=free_press,
        quality=_quality(session, week, config, series, min(metrics_as_of, week.end)),
    )
