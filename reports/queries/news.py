"""News mentions of the week: by outlet, by medium, and the stories most outlets carried.

An article is in the week by its Bogotá publication day (its fetch time when undated, as the
valuation counts it). A story is a group of near-duplicate
articles (one syndicated piece); an article without a story is a story of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from reports.model import CoverageRow, News, TopStory
from reports.queries.posts import as_utc
from reports.week import Week, day_start_utc
from storage.models import Article, Mention, Outlet, Story
from storage.outlets import is_press

TOP_STORIES = 10
MEDIUM_ORDER = ("tv", "radio", "print", "web")


@dataclass(frozen=True, slots=True)
class MentionFacts:
    article_id: int
    story_key: str
    story_title: str | None
    outlet: str
    medium: str | None
    title: str | None
    url: str
    published_at: datetime | None


def week_mentions(session: Session, week: Week, tz: ZoneInfo) -> list[MentionFacts]:
    return mentions_between(session, week.start, week.end, tz)


def _in_days(first: date, last: date, tz: ZoneInfo) -> ColumnElement[bool]:
    start, end = day_start_utc(first, tz), day_start_utc(last + timedelta(days=1), tz)
    return or_(
        Article.published_day.between(first, last),
        and_(
            Article.published_day.is_(None),
            Article.fetched_at >= start,
            Article.fetched_at < end,
        ),
    )


def coverage_between(session: Session, first: date, last: date, tz: ZoneInfo) -> News:
    """Mentions and distinct stories by outlet and medium over [first, last], the days counted
    as `mentions_between` counts them, without top stories (a long period's report reads only
    the counts, so only the columns they need are loaded)."""
    rows = session.execute(
        select(Article.id, Article.story_id, Outlet.name, Outlet.medium)
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(is_press(), _in_days(first, last, tz))
    )
    facts = [
        MentionFacts(
            aid, f"s{sid}" if sid is not None else f"a{aid}", None, outlet, medium, None, "", None
        )
        for aid, sid, outlet, medium in rows
    ]
    return news_section(facts, limit=0)


def mentions_between(session: Session, first: date, last: date, tz: ZoneInfo) -> list[MentionFacts]:
    """Mentions published on the Bogotá days [first, last] (fetch day when undated)."""
    rows = session.execute(
        select(
            Article.id,
            Article.story_id,
            Story.title,
            Outlet.name,
            Outlet.medium,
            Article.title,
            Article.url,
            Article.published_at,
        )
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(Story, Story.id == Article.story_id)
        .where(is_press(), _in_days(first, last, tz))
    )
    return [
        MentionFacts(
            aid,
            f"s{sid}" if sid is not None else f"a{aid}",
            stitle,
            outlet,
            medium,
            title,
            url,
            as_utc(at),
        )
        for aid, sid, stitle, outlet, medium, title, url, at in rows
    ]


def _coverage(
    mentions: Sequence[MentionFacts], key: Callable[[MentionFacts], tuple[str, str | None]]
) -> list[CoverageRow]:
    groups: dict[tuple[str, str | None], list[MentionFacts]] = defaultdict(list)
    for m in mentions:
        groups[key(m)].append(m)
    rows = [
        CoverageRow(name, medium, len(items), len({m.story_key for m in items}))
        for (name, medium), items in groups.items()
    ]
    return sorted(rows, key=lambda r: (-r.mentions, r.name.lower()))


def _medium_rank(medium: str | None) -> int:
    return MEDIUM_ORDER.index(medium) if medium in MEDIUM_ORDER else len(MEDIUM_ORDER)


def _top_stories(mentions: Sequence[MentionFacts], limit: int) -> list[TopStory]:
    groups: dict[str, list[MentionFacts]] = defaultdict(list)
    for m in mentions:
        groups[m.story_key].append(m)
    latest = datetime.max.replace(tzinfo=UTC)
    stories = []
    for items in groups.values():
        items.sort(key=lambda m: (m.published_at or latest, m.article_id))
        first = items[0]
        outlets = tuple(sorted({m.outlet for m in items}, key=str.lower))
        title = first.story_title or first.title
        stories.append(TopStory(title, first.url, len(items), outlets, first.published_at))
    stories.sort(key=lambda s: (-s.mentions, -len(s.outlets), s.first_published_at or latest))
    return stories[:limit]


def news_section(mentions: Sequence[MentionFacts], limit: int = TOP_STORIES) -> News:
    by_medium = _coverage(mentions, lambda m: (m.medium or "", m.medium))
    return News(
        mentions=len(mentions),
        stories=len({m.story_key for m in mentions}),
        by_outlet=tuple(_coverage(mentions, lambda m: (m.outlet, m.medium))),
        by_medium=tuple(sorted(by_medium, key=lambda r: _medium_rank(r.medium))),
        top_stories=tuple(_top_stories(mentions, limit)) if limit else (),
    )
