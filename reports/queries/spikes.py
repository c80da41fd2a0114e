"""The mentions a spike check reads: each with its Bogotá day, over a window of days.

A mention is on its article's Bogotá publication day, or its fetch day when undated (as the
weekly report counts it). The first collected day is the first night that ran news sources
(else the first mention's day): a window reaching before it would count zeros nobody measured.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from reports.queries.posts import as_utc
from reports.spikes import DayMention
from reports.week import day_start_utc
from storage.models import Article, CollectionRun, Mention, Outlet, SourceResult, Story


def window_mentions(session: Session, first: date, last: date, tz: ZoneInfo) -> list[DayMention]:
    start, end = day_start_utc(first, tz), day_start_utc(last + timedelta(days=1), tz)
    rows = session.execute(
        select(
            Article.id,
            Article.story_id,
            Story.title,
            Article.title,
            Article.url,
            Article.published_at,
            Article.published_day,
            Article.fetched_at,
            Outlet.name,
            Mention.matched_terms,
            Article.text,
        )
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(Story, Story.id == Article.story_id)
        .where(
            or_(
                Article.published_day.between(first, last),
                and_(
                    Article.published_day.is_(None),
                    Article.fetched_at >= start,
                    Article.fetched_at < end,
                ),
            )
        )
    )
    mentions = []
    for aid, sid, story_title, title, url, at, day, fetched, outlet, terms, text in rows:
        fetched_at = as_utc(fetched)
        when = day if day is not None else fetched_at.astimezone(tz).date() if fetched_at else None
        if when is None:
            continue
        mentions.append(
            DayMention(
                day=when,
                terms=tuple(str(t) for t in terms or ()),
                story_key=f"s{sid}" if sid is not None else f"a{aid}",
                title=story_title or title,
                url=url,
                outlet=outlet,
                published_at=as_utc(at),
                text=text,
            )
        )
    return mentions


def first_collected_day(session: Session) -> date | None:
    """The first day a run collected news; the first mention's day when no run says so."""
    first_run = session.scalar(
        select(func.min(CollectionRun.day))
        .join(SourceResult, SourceResult.run_id == CollectionRun.id)
        .where(SourceResult.kind == "news", SourceResult.status == "ok")
    )
    if first_run is not None:
        return first_run
    first_article: date | None = session.scalar(
        select(func.min(Article.published_day)).join(Mention, Mention.article_id == Article.id)
    )
    return first_article
