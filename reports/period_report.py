"""Build the period report's model (numbers only) from storage, for any run of whole days.

Every figure comes from the function that answers it elsewhere: followers from
`storage.growth.growth` (the rules of `pulso growth`), publishing from the activity answer
(`pulso activity`), targets as `pulso paac` plans them,
news from the weekly report's news section, free press from `value_days` (the rules of
`pulso valuate`).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from reports.answers.activity import Activity, activity, activity_json
from reports.answers.paac import linear_plan
from reports.extras import build_extras
from reports.model import PeerEngagement, engagement_pct
from reports.period import Period
from reports.period_model import (
    MonthGrowth,
    PeriodReport,
    PlatformMonth,
    TargetRow,
    UnvaluedCount,
)
from reports.queries import news as nq
from reports.queries import period as periodq
from reports.queries import posts as pq
from reports.queries.followers import platform_order
from reports.queries.free_press import free_press_section
from settings.model import Config
from storage.activity import WEB, PeriodActivity
from storage.activity import activity as account_activity
from storage.coverage_reads import value_days
from storage.growth import Growth, growth
from valuation.free_press import Valuation

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


def _month_followers(months: Sequence[MonthGrowth]) -> dict[tuple[str, date], int | None]:
    """Own accounts' followers at each month's end, per platform (None when any is unknown)."""
    ends: dict[tuple[str, date], list[int | None]] = defaultdict(list)
    for row in months:
        g = row.growth
        ends[(g.platform, row.month.start)].append(g.end.followers if g.end else None)
    return {key: None if None in values else _sum(values) for key, values in ends.items()}


def platform_months(
    items: Sequence[Activity], months: Sequence[MonthGrowth]
) -> list[PlatformMonth]:
    """Posts, interactions, impressions and views per platform and month: the activity
    answer's months (`pulso activity --by month`) summed over each platform's own accounts."""
    grouped: dict[tuple[str, date], list[PeriodActivity]] = defaultdict(list)
    ends: dict[tuple[str, date], date] = {}
    for item in items:
        for p in item.periods:
            grouped[(item.platform, p.start)].append(p)
            ends[(item.platform, p.start)] = p.end
    followers = _month_followers(months)
    rows = [
        PlatformMonth(
            platform,
            Period(start, ends[(platform, start)]),
            sum(p.posts for p in found),
            _sum([p.interactions for p in found]),
            _sum([p.impressions for p in found]),
            _sum([p.views for p in found]),
            followers.get((platform, start)),
        )
        for (platform, start), found in grouped.items()
    ]
    return sorted(rows, key=lambda r: (r.month.start, _order(r.platform)))


def _order(platform: str) -> int:
    return platform_order(platform) if platform != WEB else platform_order("") + 1


def planned_by(goal: int, monthly: Sequence[int] | None, day: date) -> int:
    """What the year's plan reaches by `day`: whole months before it, plus its own month's
    share by days elapsed (half-up)."""
    plan = list(monthly) if monthly else linear_plan(goal)
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    share = Decimal(plan[day.month - 1] * day.day) / Decimal(days_in_month)
    return sum(plan[: day.month - 1]) + int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def target_rows(session: Session, period: Period, config: Config) -> list[TargetRow]:
    """Each yearly target for each year the period touches, counted up to the period's end."""
    targets = config.targets
    goals = sorted(((k, v) for k, v in targets.items() if v), key=lambda kv: _order(kv[0]))
    rows = []
    for year in period.years():
        last = min(date(year, 12, 31), period.end)
        counts = periodq.year_posts(session, year, last, config.tz)
        days_left = (date(year, 12, 31) - last).days
        rows += [
            TargetRow(
                year,
                name,
                goal,
                counts.get(name, 0),
                last,
                days_left,
                planned_by(goal, targets.monthly.get(name), last),
            )
            for name, goal in goals
        ]
    return rows


def _split(items: list[Growth]) -> tuple[tuple[Growth, ...], tuple[Growth, ...]]:
    def order(g: Growth) -> tuple[int, str]:
        return platform_order(g.platform), g.account.lower()

    own = sorted((g for g in items if g.own), key=order)
    peers = sorted((g for g in items if not g.own), key=order)
    return tuple(own), tuple(peers)


def unvalued_counts(valuation: Valuation) -> list[UnvaluedCount]:
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for u in valuation.unvalued:
        counts[(u.item.outlet, u.reason, u.reason_es or u.reason)] += 1
    rows = [UnvaluedCount(o, en, es, n) for (o, en, es), n in counts.items()]
    return sorted(rows, key=lambda r: (-r.items, r.outlet.lower(), r.reason))


def _known_sum(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def office_rates(done: Sequence[Activity]) -> dict[str, Decimal | None]:
    """The own accounts' engagement rate per platform over the period (the portal has none)."""
    by_platform: dict[str, list[Activity]] = defaultdict(list)
    for item in done:
        if item.platform != WEB:
            by_platform[item.platform].append(item)
    return {
        platform: engagement_pct(
            _known_sum([i.interactions for i in items]), _known_sum([i.followers for i in items])
        )
        for platform, items in by_platform.items()
    }


def peer_engagement(
    session: Session,
    period: Period,
    config: Config,
    now: datetime,
    peers: Sequence[Growth],
    done: Sequence[Activity],
) -> tuple[PeerEngagement, ...]:
    """Each peer's posts, interactions and engagement rate over the period (the activity
    answer's rules) beside the office's rate on the same platform; unknown, not 0, for a peer
    whose posts were not read during the period (or the night after it)."""
    theirs = {
        (a.platform, a.account): a
        for a in account_activity(
            session, from_=period.start, to=period.end, tz=config.tz, own=False
        )
    }
    as_of = now.astimezone(config.tz).date() if now.tzinfo else now.date()
    last = min(as_of, period.end + timedelta(days=1))
    read = pq.posts_read(session, period.start, last, own=False)
    office = office_rates(done)
    rows = []
    for peer in peers:
        key = (peer.platform, peer.account)
        found = theirs.get(key)
        known = found is not None and (found.posts > 0 or key in read)
        rows.append(
            PeerEngagement(
                peer.platform,
                peer.account,
                posts=found.posts if known and found else None,
                interactions=found.interactions if known and found else None,
                followers=peer.end.followers if peer.end else None,
                office_pct=office.get(peer.platform),
            )
        )
    return tuple(rows)


def build_period_report(
    session: Session, *, period: Period, config: Config, now: datetime
) -> PeriodReport:
    """The whole accountability report for `period`, as of `now`."""
    tz = config.tz
    own, peers = _split(growth(session, from_=period.start, to=period.end))
    months = month_growth(session, period)
    done = activity(session, from_=period.start, to=period.end, tz=tz, by="month")
    valuation = value_days(
        session, period.start, period.end, iva_rate=config.valuation.iva_rate, tz=tz
    )
    return PeriodReport(
        period=period,
        generated_at=now,
        timezone=config.timezone,
        followers=own,
        peers=peers,
        peer_engagement=peer_engagement(session, period, config, now, peers, done),
        months=tuple(months),
        activity=tuple(activity_json(item) for item in done),
        platform_months=tuple(platform_months(done, months)),
        best_posts=tuple(periodq.best_posts(session, period, tz, BEST_POSTS)),
        news=nq.coverage_between(session, period.start, period.end, tz),
        free_press=free_press_section(valuation, lines=False),
        unvalued=tuple(unvalued_counts(valuation)),
        targets=tuple(target_rows(session, period, config)),
        quality=periodq.period_quality(session, period),
        organization=config.organization,
        extras=build_extras(session, period.start, period.end, config),
    )
