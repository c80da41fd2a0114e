"""TikTok Display API payloads -> records, and token answers -> token state. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from collectors.fields import (
    count,
    count_at,
    dig,
    parse_time,
    require,
    require_list,
    text_or_none,
)
from collectors.records import AccountStats, PostStats

USER_FIELDS = "open_id,display_name,follower_count,following_count,likes_count,video_count"
VIDEO_FIELDS = (
    "id,title,create_time,share_url,view_count,like_count,comment_count,share_count,cover_image_url"
)


def parse_user(payload: Any, handle: str, fetched_at: datetime) -> AccountStats:
    """`GET /v2/user/info/`: `data.user` (counts need the user.info.stats scope)."""
    where = f"tiktok:{handle} user"
    user = require(payload, "data.user", where)
    # The counts were requested; without the user.info.stats scope TikTok fails the whole
    # call rather than leaving them out, so an answer without them changed shape.
    where = f"{where}: data.user"
    return AccountStats(
        platform="tiktok",
        handle=handle,
        fetched_at=fetched_at,
        platform_id=text_or_none(dig(user, "open_id")),
        display_name=text_or_none(dig(user, "display_name")),
        followers=count(user, "follower_count", where),
        following=count(user, "following_count", where),
        posts_count=count(user, "video_count", where),
        likes_total=count(user, "likes_count", where),
    )


def parse_video(item: Any, handle: str, fetched_at: datetime) -> PostStats:
    post_id = str(require(item, "id", f"tiktok:{handle} video"))
    where = f"tiktok:{handle} video {post_id}"
    return PostStats(
        platform="tiktok",
        account_handle=handle,
        post_id=post_id,
        fetched_at=fetched_at,
        published_at=parse_time(dig(item, "create_time")),
        url=text_or_none(dig(item, "share_url")),
        text=text_or_none(dig(item, "title")),
        media_type="video",
        views=count(item, "view_count", where),
        reactions=count(item, "like_count", where),
        comments=count(item, "comment_count", where),
        shares=count(item, "share_count", where),
        thumbnail_url=text_or_none(dig(item, "cover_image_url")),
    )


def parse_videos(
    payload: Any, handle: str, fetched_at: datetime
) -> tuple[list[PostStats], int | None]:
    """`POST /v2/video/list/`: the videos and the next cursor (None when `has_more` is false)."""
    where = f"tiktok:{handle} videos"
    data = require(payload, "data", where)
    videos = require_list(data, "videos", where) if "videos" in data else []
    posts = [parse_video(item, handle, fetched_at) for item in videos]
    cursor = dig(data, "cursor")
    more = dig(data, "has_more") is True and isinstance(cursor, int)
    return posts, cursor if more else None


@dataclass(frozen=True, slots=True)
class TokenState:
    """The TikTok credentials in force; expiry instants computed from `expires_in`."""

    access_token: str
    refresh_token: str | None
    access_expires_at: datetime | None
    refresh_expires_at: datetime | None
    open_id: str | None = None
    scope: str | None = None


def parse_token(payload: Any, obtained_at: datetime) -> TokenState:
    """`POST /v2/oauth/token/`: a new access token and the rotated refresh token."""
    where = "tiktok token refresh"
    expires_in = count_at(payload, "expires_in")
    refresh_in = count_at(payload, "refresh_expires_in")
    return TokenState(
        access_token=str(require(payload, "access_token", where)),
        refresh_token=str(require(payload, "refresh_token", where)),
        access_expires_at=obtained_at + timedelta(seconds=expires_in) if expires_in else None,
        refresh_expires_at=obtained_at + timedelta(seconds=refresh_in) if refresh_in else None,
        open_id=text_or_none(dig(payload, "open_id")),
        scope=text_or_none(dig(payload, "scope")),
    )
