"""A campaign's figures over a period: its own posts, their interactions and reach, its news
mentions and their free press.

The database narrows everything to the period (own accounts' posts published in it, press
mentions dated in it, clips aired in it) and sums interactions and reach over the matched
posts; the campaign's hashtags and terms are matched here in Python (reports/campaigns.py),
because accent-insensitive whole-word matching is not portable SQL.

- Interactions: each post's latest snapshot on or before the period's end, by the one rule of
  storage/interactions.py; NULL when no matched post has a known count.
- Reach: each post's latest lifetime reach metric (post insights, collectors.metrics.REACH) on
  or before the end; NULL when none was measured (e.g. X, YouTube, TikTok give none).
- Free press: the campaign's clips (title) and web mentions valued by the one valuation rule
  (valuation.free_press.value_coverage against the stored rate cards); NULL when nothing of it
  could be valued.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from collectors.metrics import REACH
from reports.campaigns import CampaignRule
from storage.coverage_reads import iter_clip_items, rate_index
from storage.days import day_end, day_start
from storage.interactions import interactions_sql
from storage.models import (
    Account,
    Article,
    Mention,
    Outlet,
    Post,
    PostInsight,
    PostMetricSnapshot,
)
from storage.outlets import is_press
from storage.peers import fetched_in
from valuation.free_press import CoverageItem, value_coverage

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class CampaignFigures:
    name: str
    start: date | None  # None: the campaign did not run in the period asked
    end: date | None
    posts: int
    interactions: int | None
    reach: int | None
    mentions: int
    free_press_before_iva: int | None
    unvalued: int  # campaign items without a rate (not in the free press)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i : i + _CHUNK])


def _own_posts(
    session: Session, start: date, end: date, tz: ZoneInfo
) -> list[tuple[int, str | None, date]]:
    """Own accounts' posts published in [start, end]: id, text and Bogotá day."""
    first, after = day_start(start, tz), day_end(end, tz)
    bounds = [Post.published_at >= first] if first is not None else []
    bounds += [Post.published_at < after] if after is not None else []
    query = (
        select(Post.id, Post.text, Post.published_at)
        .join(Account, Account.id == Post.account_id)
        .where(Account.own.is_(True), Post.published_at.is_not(None), *bounds)
    )
    return [(pid, text, _local_day(at, tz)) for pid, text, at in session.execute(query)]


def _local_day(at: datetime, tz: ZoneInfo) -> date:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(tz).date()


def _sum_known(values: Iterable[int | None]) -> int | None:
    known = [int(v) for v in values if v is not None]
    return sum(known) if known else None


def _interactions(session: Session, post_ids: Sequence[int], end: date) -> int | None:
    """The matched posts' interactions, summed by the database."""
    total: list[int | None] = []
    for chunk in _chunks(post_ids):
        latest = (
            select(
                PostMetricSnapshot.post_id.label("post_id"),
                func.max(PostMetricSnapshot.day).label("day"),
            )
            .where(PostMetricSnapshot.day <= end, PostMetricSnapshot.post_id.in_(chunk))
            .group_by(PostMetricSnapshot.post_id)
            .subquery()
        )
        query = (
            select(func.sum(interactions_sql(Account.platform, PostMetricSnapshot)))
            .select_from(PostMetricSnapshot)
            .join(
                latest,
                and_(
                    latest.c.post_id == PostMetricSnapshot.post_id,
                    latest.c.day == PostMetricSnapshot.day,
                ),
            )
            .join(Post, Post.id == PostMetricSnapshot.post_id)
            .join(Account, Account.id == Post.account_id)
        )
        total.append(session.scalar(query))
    return _sum_known(total)


def _reach(session: Session, post_ids: Sequence[int], end: date) -> int | None:
    """The matched posts' latest lifetime reach, summed by the database."""
    total: list[int | None] = []
    for chunk in _chunks(post_ids):
        latest = (
            select(
                PostInsight.post_id.label("post_id"),
                PostInsight.metric.label("metric"),
                func.max(PostInsight.day).label("day"),
            )
            .where(
                PostInsight.day <= end,
                PostInsight.post_id.in_(chunk),
                PostInsight.metric.in_(sorted(REACH)),
                PostInsight.value.is_not(None),
            )
            .group_by(PostInsight.post_id, PostInsight.metric)
            .subquery()
        )
        query = select(func.sum(PostInsight.value)).join(
            latest,
            and_(
                latest.c.post_id == PostInsight.post_id,
                latest.c.metric == PostInsight.metric,
                latest.c.day == PostInsight.day,
            ),
        )
        total.append(session.scalar(query))
    return _sum_known(total)


@dataclass(frozen=True, slots=True)
class _Item:
    outlet: str
    outlet_key: str
    day: date
    title: str | None
    text: str | None
    url: str


def _press_mentions(session: Session, start: date, end: date, tz: ZoneInfo) -> list[_Item]:
    """Press mentions on their Bogotá publication day (fetch day when undated), as valued."""
    query = (
        select(
            Outlet.name,
            Outlet.name_key,
            Article.title,
            Article.text,
            Article.canonical_url,
            Article.published_day,
            Article.fetched_at,
        )
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(
            is_press(),
            or_(
                Article.published_day.between(start, end),
                and_(Article.published_day.is_(None), *fetched_in(start, end, tz, Article)),
            ),
        )
    )
    items = []
    for outlet, key, title, text, url, day, fetched in session.execute(query):
        when = day if day is not None else _local_day(fetched, tz)
        items.append(_Item(outlet, key, when, title, text, url))
    return items


def campaign_figures(
    session: Session,
    campaigns: Sequence[CampaignRule],
    *,
    start: date,
    end: date,
    tz: ZoneInfo,
    iva_rate: Decimal,
) -> list[CampaignFigures]:
    """Each campaign over the days of [start, end] it ran, in the configured order."""
    windows = {rule.name: rule.window(start, end) for rule in campaigns}
    running = [w for w in windows.values() if w is not None]
    if not running:
        return [_empty(rule.name) for rule in campaigns]
    lo, hi = min(w[0] for w in running), max(w[1] for w in running)
    posts = _own_posts(session, lo, hi, tz)
    mentions = _press_mentions(session, lo, hi, tz)
    # Clips are many (a year of logs): only those some campaign names are kept.
    clips = [
        c
        for c in iter_clip_items(session, lo, hi)
        if any(r.news_matches(c.title, None) for r in campaigns)
    ]
    rates = rate_index(session) if (mentions or clips) else None
    found = []
    for rule in campaigns:
        window = windows[rule.name]
        if window is None:
            found.append(_empty(rule.name))
            continue
        first, last = window
        post_ids = [
            pid for pid, text, day in posts if first <= day <= last and rule.post_matches(text)
        ]
        own_mentions = [
            m for m in mentions if first <= m.day <= last and rule.news_matches(m.title, m.text)
        ]
        items = [
            c for c in clips if first <= c.aired_on <= last and rule.news_matches(c.title, None)
        ] + [
            CoverageItem(
                outlet=m.outlet, outlet_key=m.outlet_key, aired_on=m.day, title=m.title or m.url
            )
            for m in own_mentions
        ]
        valued = (
            value_coverage(items, rates, start=first, end=last, iva_rate=iva_rate)
            if items and rates is not None
            else None
        )
        found.append(
            CampaignFigures(
                name=rule.name,
                start=first,
                end=last,
                posts=len(post_ids),
                interactions=_interactions(session, post_ids, last) if post_ids else None,
                reach=_reach(session, post_ids, last) if post_ids else None,
                mentions=len(own_mentions),
                free_press_before_iva=(
                    valued.total_before_iva if valued is not None and valued.items else None
                ),
                unvalued=len(valued.unvalued) if valued is not None else 0,
            )
        )
    return found


def _empty(name: str) -> CampaignFigures:
    return CampaignFigures(name, None, None, 0, None, None, 0, None, 0)
