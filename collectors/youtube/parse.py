"""YouTube Data API v3 payloads -> records. Pure. Counts arrive as strings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.errors import BadPayload, TargetNotFound
from collectors.fields import (
    count,
    dig,
    joined,
    optional_count,
    parse_time,
    require,
    require_list,
    shown,
    text_or_none,
)
from collectors.records import AccountStats, PostStats

SUBSCRIBERS_HIDDEN = "subscriber count hidden by the channel (hiddenSubscriberCount)"
LIKES_HIDDEN = "likes hidden (YouTube omits likeCount)"
COMMENTS_OFF = "comments disabled (YouTube omits commentCount)"


def _count(statistics: Any, name: str, where: str) -> int:
    # The Data API sends counts as decimal strings ("14800"): documented, so accepted.
    return count(statistics, name, where, digit_strings=True)


def _hidden(statistics: Any, where: str) -> bool:
    """A hidden count is unknown, not zero (the API still sends a subscriberCount of "0")."""
    hidden = dig(statistics, "hiddenSubscriberCount", False)
    if not isinstance(hidden, bool):
        raise BadPayload(
            f"{where}: hiddenSubscriberCount: expected true or false, got {shown(hidden)}"
        )
    return hidden


def parse_channel(
    payload: Any, handle: str, fetched_at: datetime
) -> tuple[AccountStats, str | None]:
    """`channels.list(part=statistics,contentDetails)`: the counts and the uploads playlist."""
    where = f"youtube:{handle} channel"
    # YouTube leaves `items` out when nothing matched; without `pageInfo` the shape changed.
    if dig(payload, "items") is None and dig(payload, "pageInfo.totalResults") == 0:
        items = []
    else:
        items = require_list(payload, "items", where)
    if not items:
        raise TargetNotFound(f"{where}: no such channel; check the configured id or handle")
    channel = items[0]
    platform_id = str(require(channel, "id", where))
    statistics = require(channel, "statistics", where)
    where = f"{where}: statistics"
    hidden = _hidden(statistics, where)
    account = AccountStats(
        platform="youtube",
        handle=handle,
        fetched_at=fetched_at,
        platform_id=platform_id,
        display_name=text_or_none(dig(channel, "snippet.title")),
        followers=None if hidden else _count(statistics, "subscriberCount", where),
        posts_count=_count(statistics, "videoCount", where),
        views_total=_count(statistics, "viewCount", where),
        note=SUBSCRIBERS_HIDDEN if hidden else None,
    )
    uploads = text_or_none(dig(channel, "contentDetails.relatedPlaylists.uploads"))
    return account, uploads


def parse_playlist_items(payload: Any, handle: str) -> tuple[list[str], str | None]:
    """`playlistItems.list(part=contentDetails)`: video ids and the next page token."""
    items = require_list(payload, "items", f"youtube:{handle} uploads")
    ids = [
        str(require(item, "contentDetails.videoId", f"youtube:{handle} uploads")) for item in items
    ]
    return ids, text_or_none(dig(payload, "nextPageToken"))


def parse_video(item: Any, handle: str, fetched_at: datetime) -> PostStats:
    video_id = str(require(item, "id", f"youtube:{handle} video"))
    where = f"youtube:{handle} video {video_id}"
    statistics = require(item, "statistics", where)
    where = f"{where}: statistics"
    # likeCount is documented as absent when likes are hidden, commentCount when comments
    # are off: unknown, said in the note. viewCount has no such exception.
    likes = optional_count(statistics, "likeCount", where, digit_strings=True)
    comments = optional_count(statistics, "commentCount", where, digit_strings=True)
    return PostStats(
        platform="youtube",
        account_handle=handle,
        post_id=video_id,
        fetched_at=fetched_at,
        published_at=parse_time(dig(item, "snippet.publishedAt")),
        url=f"https://www.youtube.com/watch?v={video_id}",
        text=text_or_none(dig(item, "snippet.title")),
        media_type="video",
        views=_count(statistics, "viewCount", where),
        reactions=likes,
        comments=comments,
        note=joined(
            LIKES_HIDDEN if likes is None else None,
            COMMENTS_OFF if comments is None else None,
        ),
        thumbnail_url=_thumbnail(item),
    )


def _thumbnail(item: Any) -> str | None:
    # 320x180 is enough for the report's top posts; larger sizes only if it is missing.
    for size in ("medium", "high", "default"):
        url = text_or_none(dig(item, f"snippet.thumbnails.{size}.url"))
        if url:
            return url
    return None


def parse_videos(payload: Any, handle: str, fetched_at: datetime) -> list[PostStats]:
    """`videos.list(part=statistics,snippet)`."""
    items = require_list(payload, "items", f"youtube:{handle} videos")
    return [parse_video(item, handle, fetched_at) for item in items]
