"""Collected social counts: follower snapshots, posts and their daily metrics.

Every write is an upsert on a natural key, so running the same night twice changes nothing
twice: (account, Bogotá day) for follower snapshots, (account, platform post id) for posts,
(post, day) for post metrics. A count the platform did not give is stored as NULL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectors.records import AccountStats, PostStats
from storage.accounts import ensure_account, find_account
from storage.models import Account, FollowerSnapshot, Post, PostMetricSnapshot, SourceResult
from storage.rows import ensure_row, insert_missing

_CHUNK = 500
_SNAPSHOT_FIELDS = ("followers", "following", "posts_count", "views_total", "likes_total")
_METRIC_FIELDS = ("reactions", "comments", "shares", "views", "saves")


def store_account_stats(
    session: Session, stats: AccountStats, *, day: date, run_id: int | None, own: bool
) -> Account:
    """The account (created or completed) and its snapshot for `day`, replaced if present."""
    account = ensure_account(
        session,
        platform=stats.platform,
        handle=stats.handle,
        platform_id=stats.platform_id,
        display_name=stats.display_name,
        own=own,
    )
    snapshot = ensure_row(
        session,
        FollowerSnapshot,
        {"account_id": account.id, "day": day},
        source="collected",
        collected_at=stats.fetched_at,
    )
    for name in _SNAPSHOT_FIELDS:
        setattr(snapshot, name, getattr(stats, name))
    snapshot.note = stats.note
    snapshot.source = "collected"
    snapshot.collected_at = stats.fetched_at
    snapshot.run_id = run_id
    session.flush()
    return account


def _existing_posts(session: Session, account_id: int, ids: Sequence[str]) -> dict[str, Post]:
    found: dict[str, Post] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(Post).where(
            Post.account_id == account_id, Post.platform_post_id.in_(ids[start : start + _CHUNK])
        )
        found.update({post.platform_post_id: post for post in session.scalars(query)})
    return found


def _existing_metrics(
    session: Session, post_ids: Sequence[int], day: date
) -> dict[int, PostMetricSnapshot]:
    found: dict[int, PostMetricSnapshot] = {}
    for start in range(0, len(post_ids), _CHUNK):
        query = select(PostMetricSnapshot).where(
            PostMetricSnapshot.post_id.in_(post_ids[start : start + _CHUNK]),
            PostMetricSnapshot.day == day,
        )
        found.update({row.post_id: row for row in session.scalars(query)})
    return found


def _upsert_post(
    session: Session, account_id: int, record: PostStats, existing: Post | None
) -> Post:
    post = existing or Post(
        account_id=account_id, platform_post_id=record.post_id, first_seen_at=record.fetched_at
    )
    # Known values fill in; a later answer without a field never erases what was stored.
    post.published_at = record.published_at or post.published_at
    post.url = record.url or post.url
    post.text = record.text if record.text is not None else post.text
    post.media_type = record.media_type or post.media_type
    if existing is None:
        session.add(post)
    return post


def store_posts(
    session: Session, account: Account, posts: Sequence[PostStats], *, day: date, run_id: int | None
) -> int:
    """Upsert posts and their metrics for `day`; returns how many posts were written."""
    unique = list({record.post_id: record for record in posts}.values())
    new = [
        {"account_id": account.id, "platform_post_id": r.post_id, "first_seen_at": r.fetched_at}
        for r in unique
    ]
    insert_missing(session, Post, new, ["account_id", "platform_post_id"])
    existing = _existing_posts(session, account.id, [r.post_id for r in unique])
    rows = [(_upsert_post(session, account.id, r, existing.get(r.post_id)), r) for r in unique]
    session.flush()
    due = [{"post_id": post.id, "day": day, "collected_at": r.fetched_at} for post, r in rows]
    insert_missing(session, PostMetricSnapshot, due, ["post_id", "day"])
    metrics = _existing_metrics(session, [post.id for post, _ in rows], day)
    for post, record in rows:
        snapshot = metrics.get(post.id)
        if snapshot is None:
            snapshot = PostMetricSnapshot(post_id=post.id, day=day)
            session.add(snapshot)
        for name in _METRIC_FIELDS:
            setattr(snapshot, name, getattr(record, name))
        snapshot.quotes = record.extra.get("quotes")
        snapshot.note = record.note
        snapshot.collected_at = record.fetched_at
        snapshot.run_id = run_id
    session.flush()
    return len(rows)


def last_post_id(session: Session, *, platform: str, handle: str) -> str | None:
    """The newest stored post id (X ids grow with time: longer is newer, then greater)."""
    account = find_account(session, platform=platform, handle=handle)
    if account is None:
        return None
    return session.scalars(
        select(Post.platform_post_id)
        .where(Post.account_id == account.id)
        .order_by(func.length(Post.platform_post_id).desc(), Post.platform_post_id.desc())
        .limit(1)
    ).one_or_none()


def quota_units_since(session: Session, *, kind: str, since: datetime) -> int:
    """Quota units recorded by `kind` sources finished since `since` (e.g. YouTube today)."""
    rows = session.scalars(
        select(SourceResult.counts).where(
            SourceResult.kind == kind, SourceResult.finished_at >= since
        )
    )
    return sum(int((counts or {}).get("quota_units") or 0) for counts in rows)
