"""Posts from before Pulso (imported exports): upserted so that importing twice changes nothing.

A post is keyed by platform + the platform's post id: a post already stored under another
handle of the same platform (the collector's) stays on that account. An import's counts form
one metric snapshot dated by the export's day (`--as-of`, default the import day). When the
post's latest snapshot on or before that day already holds the same counts, nothing is written,
so the same file imported on another day adds no snapshot. A count the file does not give is
NULL, and it never erases a count stored for the same post and day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectors.records import PostStats
from storage.accounts import ensure_account
from storage.followers import UpsertCounts
from storage.models import Account, Post, PostMetricSnapshot
from storage.rows import insert_missing

_CHUNK = 500
_FIELDS = ("reactions", "comments", "shares", "views", "saves")


def _values(record: PostStats) -> dict[str, int | None]:
    values = {name: getattr(record, name) for name in _FIELDS}
    values["quotes"] = record.extra.get("quotes")
    return values


def _stored_posts(session: Session, platform: str, ids: Sequence[str]) -> dict[str, Post]:
    found: dict[str, Post] = {}
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(Post)
            .join(Account, Account.id == Post.account_id)
            .where(
                Account.platform == platform, Post.platform_post_id.in_(ids[start : start + _CHUNK])
            )
        )
        found.update({post.platform_post_id: post for post in session.scalars(query)})
    return found


def _latest_snapshots(
    session: Session, post_ids: Sequence[int], day: date
) -> dict[int, PostMetricSnapshot]:
    found: dict[int, PostMetricSnapshot] = {}
    for start in range(0, len(post_ids), _CHUNK):
        chunk = post_ids[start : start + _CHUNK]
        latest = (
            select(PostMetricSnapshot.post_id, func.max(PostMetricSnapshot.day).label("day"))
            .where(PostMetricSnapshot.post_id.in_(chunk), PostMetricSnapshot.day <= day)
            .group_by(PostMetricSnapshot.post_id)
            .subquery()
        )
        query = select(PostMetricSnapshot).join(
            latest,
            (latest.c.post_id == PostMetricSnapshot.post_id)
            & (latest.c.day == PostMetricSnapshot.day),
        )
        found.update({row.post_id: row for row in session.scalars(query)})
    return found


def _same(snapshot: PostMetricSnapshot, values: dict[str, int | None]) -> bool:
    return all(value is None or getattr(snapshot, name) == value for name, value in values.items())


def _store_counts(
    session: Session,
    post: Post,
    record: PostStats,
    snapshot: PostMetricSnapshot | None,
    day: date,
) -> bool:
    """Write the record's counts as of `day` unless the latest snapshot already holds them."""
    values = _values(record)
    if all(value is None for value in values.values()):
        return False
    if snapshot is not None and _same(snapshot, values):
        return False
    if snapshot is not None and snapshot.day == day:
        for name, value in values.items():
            if value is not None:
                setattr(snapshot, name, value)
        snapshot.collected_at = record.fetched_at
        return True
    session.add(
        PostMetricSnapshot(post_id=post.id, day=day, collected_at=record.fetched_at, **values)
    )
    return True


def _insert_new_posts(
    session: Session, platform: str, records: Sequence[PostStats], stored: dict[str, Post]
) -> set[str]:
    """Insert the posts not stored on any account of the platform; their ids."""
    accounts: dict[str, int] = {}
    rows = []
    for record in records:
        if record.post_id in stored:
            continue
        if record.account_handle not in accounts:
            account = ensure_account(session, platform=platform, handle=record.account_handle)
            accounts[record.account_handle] = account.id
        rows.append(
            {
                "account_id": accounts[record.account_handle],
                "platform_post_id": record.post_id,
                "first_seen_at": record.fetched_at,
            }
        )
    insert_missing(session, Post, rows, ["account_id", "platform_post_id"])
    return {str(row["platform_post_id"]) for row in rows}


def store_imported_posts(
    session: Session, posts: Sequence[PostStats], *, day: date
) -> UpsertCounts:
    """Upsert posts and their counts as of `day`: added (new post), replaced (post or counts
    changed), unchanged (nothing written)."""
    added = replaced = unchanged = 0
    by_platform: dict[str, list[PostStats]] = defaultdict(list)
    for record in {(r.platform, r.post_id): r for r in posts}.values():
        by_platform[record.platform].append(record)
    for platform, records in by_platform.items():
        ids = [r.post_id for r in records]
        fresh = _insert_new_posts(session, platform, records, _stored_posts(session, platform, ids))
        stored = _stored_posts(session, platform, ids)
        latest = _latest_snapshots(session, [post.id for post in stored.values()], day)
        for record in records:
            post = stored[record.post_id]
            changed = _fill_post(post, record)
            changed = _store_counts(session, post, record, latest.get(post.id), day) or changed
            if record.post_id in fresh:
                added += 1
            elif changed:
                replaced += 1
            else:
                unchanged += 1
    session.flush()
    return UpsertCounts(added=added, replaced=replaced, unchanged=unchanged)


def _fill_post(post: Post, record: PostStats) -> bool:
    """The file's values fill in what is missing; what is stored (collected) stays."""
    changed = False
    for name, value in (
        ("published_at", record.published_at),
        ("url", record.url),
        ("text", record.text),
        ("media_type", record.media_type),
    ):
        if value is not None and getattr(post, name) is None:
            setattr(post, name, value)
            changed = True
    return changed
