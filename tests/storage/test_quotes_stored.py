"""X's quote posts are interactions (likes + replies + reposts + quotes): they are stored with
each metric snapshot, and a post without them keeps NULL, not 0."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectors.records import AccountStats, PostStats
from storage.interactions import interactions
from storage.models import PostMetricSnapshot
from storage.social import store_account_stats, store_posts

AT = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
DAY = date(2026, 3, 3)


def tweet(post_id: str, **extra: int | None) -> PostStats:
    return PostStats(
        platform="twitter",
        account_handle="AlcaldiaDeCali",
        post_id=post_id,
        fetched_at=AT,
        reactions=10,
        comments=2,
        shares=3,
        saves=40,
        views=1000,
        extra=dict(extra),
    )


def test_quotes_are_stored_and_counted(session: Session) -> None:
    stats = AccountStats(platform="twitter", handle="AlcaldiaDeCali", fetched_at=AT, followers=5)
    account = store_account_stats(session, stats, day=DAY, run_id=None, own=True)
    store_posts(session, account, [tweet("1", quotes=4), tweet("2")], day=DAY, run_id=None)
    session.commit()
    rows = session.scalars(select(PostMetricSnapshot).order_by(PostMetricSnapshot.post_id)).all()
    assert [r.quotes for r in rows] == [4, None]
    names = ("reactions", "comments", "shares", "quotes", "saves", "views")
    counted = [interactions("twitter", {n: getattr(r, n) for n in names}) for r in rows]
    assert counted == [19, 15]  # bookmarks (saves) and impressions are not interactions
