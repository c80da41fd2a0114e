"""News articles, mentions and stories: the database side of issue 3.

The articles table is the seen-set: a link whose canonical URL is stored is never fetched
again, and an article is stored once per canonical URL and once per (outlet, normalised
title, Bogotá day). Mentions hang from articles; syndicated copies share a story.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from collectors.news.normalize import title_key
from collectors.news.simhash import from_hex, to_hex
from collectors.news.stories import StoryCandidate, find_story
from storage import free_press_days, mention_weeks
from storage.models import Article, FeedState, Mention, Story
from storage.outlets import ensure_outlet
from storage.page_failures import clear_page_failures, record_page_failures
from storage.rows import ensure_row, insert_new

if TYPE_CHECKING:  # the crawler (httpx, feeds, page extraction): not loaded to read mentions
    from collectors.news.discover import Validators
    from collectors.news.harvest import Harvest, Harvested

BOGOTA = ZoneInfo("America/Bogota")
STORY_WINDOW = timedelta(days=3)
_CHUNK = 900  # under SQLite's bound-parameter limit for IN (...) lists


def _utc(value: datetime | None) -> datetime | None:
    """Stored in UTC (SQLite keeps no offset); read back as aware UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def seen_urls(session: Session, urls: Sequence[str]) -> set[str]:
    """Which of these canonical URLs are already stored (as canonical or as fetched URL)."""
    found: set[str] = set()
    for start in range(0, len(urls), _CHUNK):
        chunk = list(urls[start : start + _CHUNK])
        query = select(Article.canonical_url, Article.url).where(
            or_(Article.canonical_url.in_(chunk), Article.url.in_(chunk))
        )
        for canonical, url in session.execute(query):
            found.update({canonical, url})
    return found & set(urls)


def feed_validators(session: Session, urls: Iterable[str]) -> dict[str, Validators]:
    wanted = list(urls)
    if not wanted:
        return {}
    from collectors.news.discover import Validators

    rows = session.scalars(select(FeedState).where(FeedState.url.in_(wanted)))
    return {row.url: Validators(row.etag, row.last_modified) for row in rows}


def save_feed_validators(
    session: Session, validators: Mapping[str, Validators], checked_at: datetime
) -> None:
    checked = _utc(checked_at) or checked_at
    for url, value in validators.items():
        state = ensure_row(session, FeedState, {"url": url}, checked_at=checked)
        state.etag, state.last_modified = value.etag, value.last_modified
        state.checked_at = checked


def _duplicate(session: Session, outlet_id: int, row: Article) -> bool:
    same_url = select(Article.id).where(Article.canonical_url == row.canonical_url)
    if session.execute(same_url).first():
        return True
    if row.title_key is None or row.published_day is None:
        return False
    same_title_day = select(Article.id).where(
        Article.outlet_id == outlet_id,
        Article.title_key == row.title_key,
        Article.published_day == row.published_day,
    )
    return session.execute(same_title_day).first() is not None


def _article_row(outlet_id: int, item: Harvested, tz: tzinfo) -> Article:
    record = item.article
    published = _utc(record.published_at)
    return Article(
        outlet_id=outlet_id,
        canonical_url=record.canonical_url[:2000],
        url=record.url[:2000],
        title=record.title,
        title_key=title_key(record.title),
        published_at=published,
        published_day=published.astimezone(tz).date() if published else None,
        author=record.author,
        section=record.section,
        text=record.text,
        simhash=to_hex(item.fingerprint) if item.fingerprint is not None else None,
        fetched_at=_utc(record.fetched_at),
    )


def _insert_article(session: Session, row: Article) -> Article | None:
    """The stored article, or None when a collection running at the same time stored it first."""
    values = {c.key: getattr(row, c.key) for c in Article.__table__.columns if c.key != "id"}
    new_id = insert_new(session, Article, values)
    return session.get(Article, new_id) if new_id is not None else None


def _story_candidates(session: Session, around: datetime) -> list[StoryCandidate]:
    query = (
        select(Article.story_id, Article.simhash, Article.text)
        .join(Mention, Mention.article_id == Article.id)
        .where(
            Article.story_id.is_not(None),
            Article.simhash.is_not(None),
            Article.fetched_at.between(around - STORY_WINDOW, around + STORY_WINDOW),
        )
    )
    return [
        StoryCandidate(story_id, from_hex(fingerprint), text or "")
        for story_id, fingerprint, text in session.execute(query)
    ]


def _assign_story(session: Session, row: Article, now: datetime) -> bool:
    """Join the story of a near-copy seen within days, or open a new one (returns True)."""
    fingerprint = from_hex(row.simhash) if row.simhash else None
    story_id = find_story(row.text, fingerprint, _story_candidates(session, row.fetched_at))
    if story_id is None:
        story = Story(
            title=row.title,
            signature=row.simhash,
            first_published_at=row.published_at,
            created_at=now,
        )
        session.add(story)
        session.flush()
        row.story_id = story.id
        return True
    row.story_id = story_id
    joined = session.get(Story, story_id)
    first = _utc(joined.first_published_at) if joined else None
    if joined is not None and row.published_at and (first is None or row.published_at < first):
        joined.first_published_at = row.published_at  # a copy can surface before the original
    return False


def _mention_row(row: Article, item: Harvested, now: datetime) -> Mention:
    match = item.match
    assert match is not None
    return Mention(
        article_id=row.id,
        matched_terms=list(match.terms),
        in_title=match.in_title,
        in_body=match.in_body,
        snippet=match.snippet,
        matched_at=now,
    )


def store_harvest(
    session: Session,
    harvest: Harvest,
    *,
    now: datetime,
    tz: tzinfo = BOGOTA,
    give_up_after: int = 3,
) -> dict[str, int]:
    """Store one outlet's harvest and its page failures; returns counts (articles, mentions,
    duplicates, stories, pages given up)."""
    now = _utc(now) or now
    outlet = ensure_outlet(
        session, name=harvest.outlet.name, medium=harvest.outlet.medium, own=harvest.outlet.own
    )
    save_feed_validators(session, harvest.validators, now)
    counts = {"articles": 0, "mentions": 0, "duplicates": 0, "stories_new": 0}
    added: list[tuple[Mention, Article]] = []
    for item in harvest.items:
        fresh = _article_row(outlet.id, item, tz)
        row = None if _duplicate(session, outlet.id, fresh) else _insert_article(session, fresh)
        if row is None:
            counts["duplicates"] += 1
            continue
        counts["articles"] += 1
        if item.match is not None and not outlet.own:
            counts["stories_new"] += _assign_story(session, row, now)
            mention = _mention_row(row, item, now)
            session.add(mention)
            added.append((mention, row))
            counts["mentions"] += 1
    _store_page_outcomes(session, outlet.id, harvest, now, tz, give_up_after, counts)
    session.flush()
    # The weekly counts the dashboard reads change in this same transaction.
    mention_weeks.stored(session, [(m.id, a.outlet_id, _utc(a.published_at)) for m, a in added], tz)
    free_press_days.stored_mentions(
        session, [(m.id, a.outlet_id, a.published_day, a.fetched_at) for m, a in added], tz
    )
    return {**{k: v for k, v in harvest.counts.items() if v}, **counts}


def _store_page_outcomes(
    session: Session,
    outlet_id: int,
    harvest: Harvest,
    now: datetime,
    tz: tzinfo,
    give_up_after: int,
    counts: dict[str, int],
) -> None:
    """Collected pages are forgiven; failed ones counted for tonight (once per night)."""
    collected = {i.article.url for i in harvest.items} | {
        i.article.canonical_url for i in harvest.items
    }
    clear_page_failures(session, outlet_id=outlet_id, urls=collected)
    given_up = record_page_failures(
        session,
        outlet_id=outlet_id,
        failures=harvest.page_failures,
        now=now,
        day=now.astimezone(tz).date(),
        give_up_after=give_up_after,
    )
    if given_up:
        counts["pages_given_up"] = given_up
