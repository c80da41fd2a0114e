"""The period report's numbers (rendición de cuentas): frozen dataclasses, no formatting.

Follower figures are `storage.growth.Growth` objects (the rules of `pulso growth`); news and
free press reuse the weekly report's sections. Counts the sources did not give are None
("sin datos"), never 0. Money is int pesos.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from reports.extras_model import Extras
from reports.model import FreePress, News, PeerEngagement, TopPost
from reports.period import Period
from storage.growth import Growth


@dataclass(frozen=True, slots=True)
class MonthGrowth:
    """One account's followers over one month, as `pulso growth` gives them; a month starts
    from the previous month's last figure, so the months add up to the period."""

    month: Period
    growth: Growth


@dataclass(frozen=True, slots=True)
class PlatformMonth:
    """Own accounts' publishing on one platform in one month (from the activity answer)."""

    platform: str
    month: Period
    posts: int | None
    interactions: int | None
    impressions: int | None
    views: int | None
    followers: int | None  # the platform's own accounts at the month's end, where known

    @property
    def engagement_rate(self) -> Decimal | None:
        """As `pulso activity`: interactions ÷ followers at the end × 100, 2 decimals."""
        if self.interactions is None or not self.followers:
            return None
        rate = Decimal(100 * self.interactions) / Decimal(self.followers)
        return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class TargetRow:
    """A yearly publishing target against what was published from 1 January of that year
    to the period's end (or 31 December), as `pulso paac` counts it."""

    year: int
    platform: str
    target: int
    achieved: int
    as_of: date  # the last day counted
    days_left: int  # days after `as_of` until 31 December
    expected: int  # what the plan (`[targets.monthly]`, else even months) reaches by `as_of`

    @property
    def pct(self) -> Decimal:
        return (Decimal(100 * self.achieved) / Decimal(self.target)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def remaining(self) -> int:
        return max(self.target - self.achieved, 0)

    @property
    def pace_needed(self) -> Decimal | None:
        """Posts per week still needed to meet the target by 31 December; None when the year
        is over."""
        if self.days_left <= 0:
            return None
        return (Decimal(7 * self.remaining) / Decimal(self.days_left)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True, slots=True)
class UnvaluedCount:
    """Items without a rate, per outlet and reason (a long period can leave thousands)."""

    outlet: str
    reason: str
    reason_es: str
    items: int


@dataclass(frozen=True, slots=True)
class FailedNight:
    day: date
    status: str  # partial | failed | running (never finished)
    failed_sources: int


@dataclass(frozen=True, slots=True)
class AccountGaps:
    platform: str
    account: str
    missing: int  # days of the period without a follower figure
    first_missing: date | None
    last_missing: date | None


@dataclass(frozen=True, slots=True)
class PeriodQuality:
    days: int
    nights_run: int  # days with at least one collection run
    nights_without_run: int
    failed_nights: tuple[FailedNight, ...]
    gaps: tuple[AccountGaps, ...]


@dataclass(frozen=True, slots=True)
class PeriodReport:
    period: Period
    generated_at: datetime
    timezone: str
    followers: tuple[Growth, ...]  # own accounts
    peers: tuple[Growth, ...]
    # Beside `peers`, keyed by (platform, account): their posts and engagement over the period.
    peer_engagement: tuple[PeerEngagement, ...]
    months: tuple[MonthGrowth, ...]  # own accounts, month by month
    activity: tuple[dict[str, Any], ...]  # the activity answer's JSON objects, per account
    platform_months: tuple[PlatformMonth, ...]
    best_posts: tuple[TopPost, ...]
    news: News
    free_press: FreePress
    unvalued: tuple[UnvaluedCount, ...]
    targets: tuple[TargetRow, ...]
    quality: PeriodQuality
    organization: str | None = None  # pulso.toml `organization`: the heading and page footer
    # Reach and live broadcasts, campaigns, share of voice (reports/extras.py).
    extras: Extras = Extras()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def items_per_week(self) -> Decimal:
        return self.period.per_week(self.news.mentions)
