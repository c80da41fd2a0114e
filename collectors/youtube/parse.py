"""YouTube Data API v3 payloads -> records. Pure. Counts arrive as strings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.errors import TargetNotFound
from collectors.fields import count_at, dig, parse_time, require, require_list, text_or_none
from collectors.records import AccountStats, PostStats


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
    statistics = require(channel, "statistics", where)
    # A hidden count is unknown, not zero (the API still sends a subscriberCount of "0").
    hidden = dig(statistics, "hiddenSubscriberCount") is True
    account = AccountStats(
        platform="youtube",
        handle=handle,
        fetched_at=fetched_at,
        platform_id=str(require(channel, "id", where)),
        display_name=text_or_none(dig(channel, "snippet.title")),
        followers=None if hidden else count_at(statistics, "subscriberCount"),
        posts_count=count_at(statistics, "videoCount"),
        views_total=count_at(statistics, "viewCount"),
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
    where = f"youtube:{handle} video"
    video_id = str(require(item, "id", where))
    statistics = require(item, "statistics", where)
    return PostStats(
        platform="youtube",
        account_handle=handle,
        post_id=video_id,
        fetched_at=fetched_at,
        published_at=parse_time(dig(item, "snippet.publishedAt")),
        url=f"https://www.youtube.com/watch?v={video_id}",
        text=text_or_none(dig(item, "snippet.title")),
        media_type="video",
        views=count_at(statistics, "viewCount"),
        # likeCount is absent when likes are hidden, commentCount when comments are off.
        reactions=count_at(statistics, "likeCount"),
        comments=count_at(statistics, "commentCount"),
    )


def parse_videos(payload: Any, handle: str, fetched_at: datetime) -> list[PostStats]:
    """`videos.list(part=statistics,snippet)`."""
    items = require_list(payload, "items", f"youtube:{handle} videos")
    return [parse_video(item, handle, fetched_at) for item in items]
