"""Posts' pictures: which posts still need one, storing one (idempotent), reading them back."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectors.records import Thumbnail
from storage.models import Account, Post, PostThumbnail
from storage.rows import insert_missing


def post_ids(session: Session, account: Account, platform_ids: Sequence[str]) -> dict[str, int]:
    """The stored posts of `account` among `platform_ids`: platform id -> row id."""
    found = session.execute(
        select(Post.platform_post_id, Post.id).where(
            Post.account_id == account.id, Post.platform_post_id.in_(list(platform_ids))
        )
    ).all()
    return {platform_id: row_id for platform_id, row_id in found}


def missing_thumbnails(
    session: Session, *, platform: str, handle: str, platform_ids: Sequence[str]
) -> set[str]:
    """Which of these posts (platform ids) have no stored picture yet: only those are fetched,
    so a night fetches each picture once."""
    have = set(
        session.scalars(
            select(Post.platform_post_id)
            .join(Account, Account.id == Post.account_id)
            .join(PostThumbnail, PostThumbnail.post_id == Post.id)
            .where(
                Account.platform == platform,
                Account.handle == handle,
                Post.platform_post_id.in_(list(platform_ids)),
            )
        )
    )
    return set(platform_ids) - have


def store_thumbnails(session: Session, account: Account, thumbnails: Sequence[Thumbnail]) -> int:
    """Keep each post's first picture; storing the same again adds nothing. Returns how many of
    the given posts are stored (pictures of posts not stored are ignored)."""
    ids = post_ids(session, account, [t.post_id for t in thumbnails])
    rows = [
        {"post_id": ids[t.post_id], "data": t.data, "mime": t.mime, "fetched_at": t.fetched_at}
        for t in thumbnails
        if t.post_id in ids
    ]
    insert_missing(session, PostThumbnail, rows, ["post_id"])
    session.flush()
    return len(rows)


def thumbnails_for(
    session: Session, posts: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, bytes]]:
    """Pictures of (platform, platform post id) keys: key -> (mime, bytes)."""
    if not posts:
        return {}
    wanted = set(posts)
    rows = session.execute(
        select(Account.platform, Post.platform_post_id, PostThumbnail.mime, PostThumbnail.data)
        .join(Post, Post.id == PostThumbnail.post_id)
        .join(Account, Account.id == Post.account_id)
        .where(Post.platform_post_id.in_([post_id for _, post_id in posts]))
    ).all()
    return {
        (platform, pid): (mime, data)
        for platform, pid, mime, data in rows
        if (platform, pid) in wanted
    }
