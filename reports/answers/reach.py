"""The reach answer: per account, how many people the content reached and how often it was
seen over a period, and the period's live broadcasts (for `pulso insights`, the weekly and
period reports and the dashboard to render).

Reach is the daily reach added over the days measured (people reached per day; the same
person on two days counts twice: Meta gives no unique reach over an arbitrary period).
A post's views are its latest lifetime count; on X they are impressions and named so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from collectors.registry import BY_NAME
from reports.columns import Col
from storage.insights import (
    AccountReach,
    Broadcast,
    DayReach,
    PostViews,
    broadcasts,
    reach_by_account,
)

COLUMNS = (
    Col("platform", "platform"),
    Col("account"),
    Col("reach", "int"),
    Col("views", "int"),
    Col("days_measured", "int"),
    Col("post_views", "int"),
    Col("post_views_label"),
    Col("posts", "int"),
)
LIVE_COLUMNS = (
    Col("platform", "platform"),
    Col("account"),
    Col("title", label="live_title"),
    Col("started_at"),
    Col("duration_s"),  # seconds in JSON and CSV; h:mm:ss in the CLI's table
    Col("total_views", "int"),
    Col("peak_viewers", "int"),
)
DAY_COLUMNS = (
    Col("day", "date", label="date"),
    Col("platform", "platform"),
    Col("account"),
    Col("reach", "int"),
    Col("views", "int"),
    Col("note", label="reason"),
)
TOP_COLUMNS = (
    Col("published_at", "datetime", label="published"),
    Col("platform", "platform"),
    Col("account"),
    Col("text"),
    Col("views", "int"),
    Col("views_label", label="post_views_label"),
    Col("url", "url"),
)


def views_label(platform: str) -> str:
    """What a post's views are called on `platform`: "impressions" on X."""
    known = BY_NAME.get(platform)
    # The platform declares which stored metric is impressions (X stores them as views).
    return "impressions" if known is not None and known.impressions == "views" else "views"


def reach_row(item: AccountReach) -> dict[str, object]:
    """One account as a flat row; `post_views_label` says "impressions" for X."""
    return {
        "platform": item.platform,
        "account": item.account,
        "reach": item.reach,
        "views": item.views,
        "days_measured": item.days_measured,
        "post_views": item.post_views,
        "post_views_label": views_label(item.platform),
        "posts": item.posts,
        "posts_with_views": item.posts_with_views,
    }


def live_row(item: Broadcast) -> dict[str, object]:
    return {
        "platform": item.platform,
        "account": item.account,
        "title": item.title,
        "status": item.status,
        "started_at": item.started_at.isoformat() if item.started_at else None,
        "duration_s": item.duration_s,
        "total_views": item.total_views,
        "peak_viewers": item.peak_viewers,
        "note": item.note,
    }


def day_row(item: DayReach) -> dict[str, object]:
    return {
        "day": item.day.isoformat(),
        "platform": item.platform,
        "account": item.account,
        "reach": item.reach,
        "views": item.views,
        "note": item.note,
    }


def top_post_row(item: PostViews) -> dict[str, object]:
    """A post and its latest views; `views_label` says "impressions" for X."""
    return {
        "platform": item.platform,
        "account": item.account,
        "post_id": item.post_id,
        "published_at": item.published_at.isoformat() if item.published_at else None,
        "url": item.url,
        "text": item.text,
        "media_type": item.media_type,
        "views": item.views,
        "views_label": views_label(item.platform),
    }


def reach_json(
    start: date,
    end: date,
    accounts: Sequence[AccountReach],
    lives: Sequence[Broadcast],
    *,
    days: Sequence[DayReach] | None = None,
    top_posts: Sequence[PostViews] | None = None,
) -> dict[str, object]:
    """The answer's one shape; `days` and `top_posts` (the dashboard's) only when given."""
    answer: dict[str, object] = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "accounts": [reach_row(item) for item in accounts],
    }
    if days is not None:
        answer["days"] = [day_row(item) for item in days]
    if top_posts is not None:
        answer["top_posts"] = [top_post_row(item) for item in top_posts]
    answer["live_videos"] = [live_row(item) for item in lives]
    return answer


def reach_answer(session: Session, *, start: date, end: date, zone: ZoneInfo) -> dict[str, object]:
    """`{"from","to","accounts":[...],"live_videos":[...]}` for the period (JSON-ready)."""
    return reach_json(
        start,
        end,
        reach_by_account(session, start=start, end=end, zone=zone),
        broadcasts(session, start=start, end=end, zone=zone),
    )
