"""Peers in the news: articles that name another office (`[[peers]]` terms), tagged with the
peer, and the counts the share of voice is made of.

Every article an outlet's harvest stores is kept with its text, mention or not; the night
matches the peers' terms on the ones it stored (`tag_urls`), and `tag_period` matches the
stored articles of a period again (a peer added later). A peer's match is never a Mention:
the office's mentions and free press do not see it. The office's own portal is not press.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, or_, select

from storage.core import Article, Mention, Outlet, PeerMention, is_press
from storage.days import day_end, day_start, local_day

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from collectors.news.matching import Matcher

_CHUNK = 500


def _tag(
    session: Session,
    peers: Mapping[str, Matcher],
    rows: Iterable[tuple[int, str | None, str | None]],
    now: datetime,
) -> int:
    found = []
    for article_id, title, text in rows:
        for peer, matcher in peers.items():
            match = matcher.match(title, text)
            if match is not None:
                found.append(
                    {
                        "article_id": article_id,
                        "peer": peer,
                        "matched_terms": list(match.terms),
                        "matched_at": now,
                    }
                )
    from storage.models import PeerMention as PeerMentionRow  # noqa: PLC0415 - writes only
    from storage.rows import insert_missing  # noqa: PLC0415

    insert_missing(session, PeerMentionRow, found, ["article_id", "peer"])
    return len(found)


def tag_urls(
    session: Session, peers: Mapping[str, Matcher], urls: Sequence[str], *, now: datetime
) -> int:
    """Tag the stored articles with these canonical URLs; returns the peer matches found."""
    if not peers or not urls:
        return 0
    found = 0
    for i in range(0, len(urls), _CHUNK):
        chunk = [url[:2000] for url in urls[i : i + _CHUNK]]
        query = (
            select(Article.id, Article.title, Article.text)
            .join(Outlet, Outlet.id == Article.outlet_id)
            .where(is_press(), Article.canonical_url.in_(chunk))
        )
        found += _tag(session, peers, session.execute(query).tuples(), now)
    return found


def fetched_in(
    start: date, end: date, tz: ZoneInfo, article: Any = Article
) -> list[ColumnElement[bool]]:
    """Fetched within the Bogotá days [start, end]; a bound past the calendar is absent.
    `article`: storage.core's Article, or the model for a query over the models."""
    first, after = day_start(start, tz), day_end(end, tz)
    bounds = [article.fetched_at >= first] if first is not None else []
    return bounds + ([article.fetched_at < after] if after is not None else [])


def _in_days(start: date, end: date, tz: ZoneInfo) -> ColumnElement[bool]:
    """An article is on its Bogotá publication day, an undated one on its fetch day."""
    return or_(
        Article.published_day.between(start, end),
        and_(Article.published_day.is_(None), *fetched_in(start, end, tz)),
    )


def tag_period(
    session: Session, peers: Mapping[str, Matcher], start: date, end: date, tz: ZoneInfo
) -> int:
    """Match the peers' terms again on the stored press articles of [start, end]."""
    if not peers:
        return 0
    query = (
        select(Article.id, Article.title, Article.text)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(is_press(), _in_days(start, end, tz))
        .execution_options(yield_per=_CHUNK)
    )
    return _tag(session, peers, session.execute(query).tuples(), datetime.now(UTC))


def _day(published: date | None, fetched: datetime, tz: ZoneInfo) -> date:
    if published is not None:
        return published
    return local_day(fetched, tz)


def week_code(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


Counts = dict[tuple[str, str], dict[str, int]]


def _dated_undated(
    session: Session | Connection,
    columns: Sequence[Any],
    join: Any,
    start: date,
    end: date,
    tz: ZoneInfo,
) -> Iterable[tuple[tuple[Any, ...], date, int]]:
    """(the columns' values, Bogotá day, count): dated articles counted by the database per
    day, undated ones (rare) one by one on their fetch day."""
    base = (
        select(*columns)
        .select_from(Article)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .join(*join)
        .where(is_press())
    )
    dated = (
        base.add_columns(Article.published_day, func.count())
        .where(Article.published_day.between(start, end))
        .group_by(*columns, Article.published_day)
    )
    for *values, day, n in session.execute(dated):
        yield tuple(values), day, n
    undated = base.add_columns(Article.fetched_at).where(
        Article.published_day.is_(None), *fetched_in(start, end, tz)
    )
    for *values, fetched in session.execute(undated):
        yield tuple(values), _day(None, fetched, tz), 1


def voice_counts(session: Session | Connection, start: date, end: date, tz: ZoneInfo) -> Counts:
    """(outlet, ISO week) -> {"": the office's mentions, peer: the peer's}; press outlets."""
    counts: Counts = defaultdict(lambda: defaultdict(int))
    own = _dated_undated(
        session, [Outlet.name], (Mention, Mention.article_id == Article.id), start, end, tz
    )
    for (outlet,), day, n in own:
        counts[(outlet, week_code(day))][""] += n
    peers = _dated_undated(
        session,
        [Outlet.name, PeerMention.peer],
        (PeerMention, PeerMention.article_id == Article.id),
        start,
        end,
        tz,
    )
    for (outlet, peer), day, n in peers:
        counts[(outlet, week_code(day))][peer] += n
    return {key: dict(value) for key, value in counts.items()}
