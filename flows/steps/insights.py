"""Steps for reach and views (shared by `pulso insights`, the reports and the dashboard)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from reports.answers.reach import reach_answer
from storage.db import session_factory
from storage.insights import (
    AccountReach,
    Broadcast,
    DayReach,
    PostViews,
    broadcasts,
    reach_by_account,
    reach_by_day,
    top_post_views,
)

DEFAULT_DAYS = 7


def reach_report(engine: Engine, *, start: date, end: date, zone: ZoneInfo) -> dict[str, object]:
    """Per own account: reach, views and post views over [start, end]; the period's lives."""
    with session_factory(engine)() as session:
        return reach_answer(session, start=start, end=end, zone=zone)


def default_period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """As `pulso insights`: to yesterday (the last day Meta has finished measuring), from
    the 7 days ending on `to`; safe at the calendar's first days."""
    if end is None:
        end = today - timedelta(days=1) if today > date.min else today
    if start is None:
        start = (
            end - timedelta(days=DEFAULT_DAYS - 1) if end.toordinal() >= DEFAULT_DAYS else date.min
        )
    return start, end


@dataclass(frozen=True, slots=True)
class ReachDetail:
    """The period's reach in full: per account, per day, the most viewed posts, the lives."""

    choices: list[tuple[str, str]]  # every own account (platform, handle), chosen or not
    accounts: list[AccountReach]
    days: list[DayReach]
    top_posts: list[PostViews]
    lives: list[Broadcast]


def reach_detail(
    engine: Engine,
    *,
    start: date,
    end: date,
    zone: ZoneInfo,
    keep: Callable[[str, str], bool],
    top: int,
) -> ReachDetail:
    """Over [start, end] for the own accounts `keep(platform, handle)` accepts."""
    with session_factory(engine)() as session:
        totals = reach_by_account(session, start=start, end=end, zone=zone)
        wanted = {(a.platform, a.account) for a in totals if keep(a.platform, a.account)}
        days = reach_by_day(session, start=start, end=end, accounts=wanted)
        posts = top_post_views(session, start=start, end=end, zone=zone, limit=top, accounts=wanted)
        lives = broadcasts(session, start=start, end=end, zone=zone)
    return ReachDetail(
        [(a.platform, a.account) for a in totals],
        [a for a in totals if (a.platform, a.account) in wanted],
        days,
        posts,
        [v for v in lives if (v.platform, v.account) in wanted],
    )
