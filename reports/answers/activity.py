"""The activity answer (`pulso activity`, /api/activity, the period report's activity):
per account, posts published over any period, their interactions, impressions, views and
engagement rate, optionally period by period (storage.activity computes it in SQL)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from reports.columns import Col
from storage.activity import BY_CHOICES, WEB, Activity, By, PeriodActivity, TooManyPeriods
from storage.activity import activity as _activity

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

__all__ = [
    "BY_CHOICES",
    "COLUMNS",
    "PERIOD_COLUMNS",
    "WEB",
    "Activity",
    "By",
    "TooManyPeriods",
    "activity",
    "activity_answer",
    "activity_json",
    "activity_row",
    "period_rows",
]

COLUMNS = (
    Col("platform", "platform"),
    Col("account"),
    Col("from", "date"),
    Col("to", "date"),
    Col("posts", "int"),
    Col("interactions", "int"),
    Col("impressions", "int"),
    Col("views", "int"),
    Col("engagement_rate", "pct", digits=2),
)
PERIOD_COLUMNS = (
    Col("platform", "platform"),
    Col("account"),
    Col("start", "date"),
    Col("end", "date"),
    Col("posts", "int"),
    Col("interactions", "int"),
    Col("impressions", "int"),
    Col("views", "int"),
)


def activity(
    session: Session | Connection,
    *,
    from_: date,
    to: date,
    tz: ZoneInfo,
    platform: str | None = None,
    account: str | None = None,
    by: By | None = None,
) -> list[Activity]:
    """Per own account (and own portal, platform "web"): activity over [from_, to], days in
    `tz`; with `by` ("day", "week", "month") each item also holds its periods."""
    return _activity(session, from_=from_, to=to, tz=tz, platform=platform, account=account, by=by)


def _period_json(period: PeriodActivity) -> dict[str, object]:
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "posts": period.posts,
        "interactions": period.interactions,
        "impressions": period.impressions,
        "views": period.views,
    }


def activity_json(item: Activity, by: bool = False) -> dict[str, object]:
    """The JSON shape for one account; with `by`, plus "periods"."""
    rate = item.engagement_rate
    data: dict[str, object] = {
        "platform": item.platform,
        "account": item.account,
        "from": item.from_.isoformat(),
        "to": item.to.isoformat(),
        "posts": item.posts,
        "interactions": item.interactions,
        "impressions": item.impressions,
        "views": item.views,
        "engagement_rate": float(rate) if rate is not None else None,
    }
    if by:
        data["periods"] = [_period_json(p) for p in item.periods]
    return data


def activity_answer(items: list[Activity], one: bool, by: bool = False) -> object:
    """`one` (a platform and an account were asked for): the object itself, else a list."""
    data = [activity_json(item, by) for item in items]
    return data[0] if one and len(data) == 1 else data


def activity_row(item: Activity) -> dict[str, Any]:
    """One account's activity as a flat row (tables, CSV, XLSX)."""
    return {
        "platform": item.platform,
        "account": item.account,
        "from": item.from_,
        "to": item.to,
        "posts": item.posts,
        "interactions": item.interactions,
        "impressions": item.impressions,
        "views": item.views,
        "engagement_rate": item.engagement_rate,
    }


def period_rows(items: list[Activity]) -> list[dict[str, Any]]:
    """One row per account and period (tables, CSV, XLSX with `--by`)."""
    return [
        {
            "platform": item.platform,
            "account": item.account,
            "start": period.start,
            "end": period.end,
            "posts": period.posts,
            "interactions": period.interactions,
            "impressions": period.impressions,
            "views": period.views,
        }
        for item in items
        for period in item.periods
    ]
