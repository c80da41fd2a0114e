"""Build the period report's model (numbers only) from storage, for any run of whole days.

Every figure comes from the function that answers it elsewhere: followers from
`storage.growth.growth` (the rules of `pulso growth`), publishing from the activity answer,
news from the weekly report's news section, free press from `value_days` (the rules of
`pulso valuate`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from reports.model import TopPost
from reports.period import Period
from reports.period_model import MonthGrowth, PeriodReport, PlatformMonth, TargetRow
from reports.queries import news as nq
from reports.queries import period as periodq
from reports.queries.followers import platform_order
from reports.queries.free_press import free_press_section, value_days
from reports.queries.posts import PostFacts, top_posts
from settings.model import Config
from storage.growth import Growth, growth

BEST_POSTS = 10


def month_growth(session: Session, period: Period) -> list[MonthGrowth]:
    """Own accounts month by month: each month as `pulso growth --from A --to B` with A the
    period's first day for the first month, else the previous month's last day (so the
    months' new followers add up to the period's)."""
    rows: list[MonthGrowth] = []
    previous_end: date | None = None
    for month in period.months():
        start = month.start if previous_end is None else previous_end
        rows += [
            MonthGrowth(month, item)
            for item in growth(session, from_=start, to=month.end)
            if item.own
        ]
        previous_end = month.end
    return rows


def _sum(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _local_day(post: PostFacts, tz: ZoneInfo) -> date | None:
    return post.published_at.astimezone(tz).date() if post.published_at else None


def platform_months(
    posts: Sequence[PostFacts], period: Period, platforms: set[str], tz: ZoneInfo
) -> list[PlatformMonth]:
    """Posts, interactions and views per platform and month, from the period's own posts."""
    grouped: dict[tuple[str, date], list[PostFacts]] = defaultdict(list)
    for post in posts:
        day = _local_day(post, tz)
        if day is not None:
            grouped[(post.platform, date(day.year, day.month, 1))].append(post)
    names = sorted(platforms | {p.platform for p in posts}, key=platform_order)
    rows = []
    for name in names:
        for month in period.months():
            items = grouped.get((name, date(month.start.year, month.start.month, 1)), [])
            rows.append(
                PlatformMonth(
                    name,
                    month,
                    len(items),
                    _sum([p.interactions for p in items]),
                    None,  # impressions: from the activity answer where a platform gives them
                    _sum([p.views for p in items]),
                )
            )
    return rows


def account_activity(posts: Sequence[PostFacts], period: Period) -> list[dict[str, object]]:
    """Per account, the activity answer's JSON shape over the period."""
    grouped: dict[tuple[str, str], list[PostFacts]] = defaultdict(list)
    for post in posts:
        grouped[(post.platform, post.account)].append(post)
    rows = []
    for (platform, account), items in sorted(
        grouped.items(), key=lambda kv: (platform_order(kv[0][0]), kv[0][1].lower())
    ):
        interactions = _sum([p.interactions for p in items])
        rate = None if interactions is None else round(interactions / len(items), 1)
        rows.append(
            {
                "platform": platform,
                "account": account,
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "posts": len(items),
                "interactions": interactions,
                "impressions": None,
                "views": _sum([p.views for p in items]),
                "engagement_rate": rate,
            }
        )
    return rows


def target_rows(session: Session, period: Period, config: Config) -> list[TargetRow]:
    """Each yearly target for each year the period touches, counted up to the period's end."""
    targets = {str(k): v for k, v in config.targets.items() if v}
    rows = []
    for year in period.years():
        last = min(date(year, 12, 31), period.end)
        counts = periodq.year_posts(session, year, last, config.tz)
        days_left = (date(year, 12, 31) - last).days
        rows += [
            TargetRow(year, platform, goal, counts.get(platform, 0), last, days_left)
            for platform, goal in sorted(targets.items(), key=lambda kv: platform_order(kv[0]))
        ]
    return rows


def best_posts(posts: Sequence[PostFacts]) -> list[TopPost]:
    return top_posts(posts, limit=BEST_POSTS)


def _split(items: list[Growth]) -> tuple[tuple[Growth, ...], tuple[Growth, ...]]:
    def order(g: Growth) -> tuple[int, str]:
        return platform_order(g.platform), g.account.lower()

    own = sorted((g for g in items if g.own), key=order)
    peers = sorted((g for g in items if not g.own), key=order)
    return tuple(own), tuple(peers)


def build_period_report(
    session: Session, *, period: Period, config: Config, now: datetime
) -> PeriodReport:
    """The whole accountability report for `period`, as of `now`."""
    tz = config.tz
    own, peers = _split(growth(session, from_=period.start, to=period.end))
    posts = periodq.period_posts(session, period, tz)
    valuation = value_days(
        session, period.start, period.end, iva_rate=config.valuation.iva_rate, tz=tz
    )
    return PeriodReport(
        period=period,
        generated_at=now,
        timezone=config.timezone,
        followers=own,
        peers=peers,
        months=tuple(month_growth(session, period)),
        activity=tuple(account_activity(posts, period)),
        platform_months=tuple(platform_months(posts, period, {g.platform for g in own}, tz)),
        best_posts=tuple(best_posts(posts)),
        news=nq.news_section(nq.mentions_between(session, period.start, period.end, tz)),
        free_press=free_press_section(valuation),
        targets=tuple(target_rows(session, period, config)),
        quality=periodq.period_quality(session, period),
    )
