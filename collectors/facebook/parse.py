"""Facebook Page payloads (Graph API) -> records. Pure: `fetched_at` is passed in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.errors import BadPayload
from collectors.fields import (
    count,
    dig,
    optional_count,
    parse_time,
    require,
    require_list,
    shown,
    text_or_none,
)
from collectors.graph.insights import insight_values
from collectors.graph.parse import next_after
from collectors.records import AccountStats, InsightValue, LiveVideo, PostStats

PAGE_FIELDS = "id,name,followers_count,fan_count"
POST_FIELDS = (
    "id,message,created_time,permalink_url,shares,"
    "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),"
    "full_picture"
)


def parse_page(payload: Any, handle: str, fetched_at: datetime) -> AccountStats:
    """`/{page-id}?fields=...`: followers_count is the figure the office reports."""
    where = f"facebook:{handle} page"
    return AccountStats(
        platform="facebook",
        handle=handle,
        fetched_at=fetched_at,
        platform_id=str(require(payload, "id", where)),
        display_name=text_or_none(dig(payload, "name")),
        followers=count(payload, "followers_count", where),
        # fan_count is the legacy "page likes" figure, kept but never reported: Meta may drop
        # it without failing the night's followers. Present, it must still be a count.
        likes_total=optional_count(payload, "fan_count", where),
    )


def parse_post(item: Any, handle: str, fetched_at: datetime) -> PostStats:
    post_id = str(require(item, "id", f"facebook:{handle} post"))
    where = f"facebook:{handle} post {post_id}"
    # Graph omits `shares` when a post has none although it was requested: that is a known
    # zero, not an unknown count. The reaction and comment summaries were requested: required.
    shares = count(item, "shares.count", where) if "shares" in item else 0
    return PostStats(
        platform="facebook",
        account_handle=handle,
        post_id=post_id,
        fetched_at=fetched_at,
        published_at=parse_time(dig(item, "created_time")),
        url=text_or_none(dig(item, "permalink_url")),
        text=text_or_none(dig(item, "message")),
        reactions=count(item, "reactions.summary.total_count", where),
        comments=count(item, "comments.summary.total_count", where),
        shares=shares,
        thumbnail_url=text_or_none(dig(item, "full_picture")),
    )


def parse_posts(
    payload: Any, handle: str, fetched_at: datetime
) -> tuple[list[PostStats], str | None]:
    """`/{page-id}/posts`: the page's posts and the cursor of the next page."""
    items = require_list(payload, "data", f"facebook:{handle} posts")
    return [parse_post(item, handle, fetched_at) for item in items], next_after(payload)


# Live broadcasts: `live_views` is the current audience while LIVE; the video node carries
# the recording (its id for insights, its `length` in seconds).
LIVE_FIELDS = "id,title,status,creation_time,broadcast_start_time,live_views,video{id,length}"
NO_PEAK = "peak viewers: the Graph API does not give them for a broadcast"


def post_insights(
    item: Any,
    post_id: str,
    asked: tuple[str, ...],
    sent: tuple[str, ...],
    refused: dict[str, str],
    handle: str,
) -> list[InsightValue]:
    """The `insights` a post carries through field expansion; every asked metric once."""
    where = f"facebook:{handle} post {post_id} insights"
    answers = [(sent, item["insights"])] if sent and isinstance(item.get("insights"), dict) else []
    return insight_values(asked, answers, refused, where, post_id=post_id)


def _seconds(value: Any, where: str) -> int | None:
    """`video.length` is seconds as a float (e.g. 3612.48): whole seconds, rounded."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise BadPayload(f"{where}: video.length: expected seconds, got {shown(value)}")
    return round(value)


def parse_live_video(item: Any, handle: str, fetched_at: datetime) -> LiveVideo:
    live_id = str(require(item, "id", f"facebook:{handle} live video"))
    where = f"facebook:{handle} live video {live_id}"
    video_id = dig(item, "video.id")
    return LiveVideo(
        platform="facebook",
        account_handle=handle,
        live_id=live_id,
        fetched_at=fetched_at,
        video_id=str(video_id) if video_id is not None else None,
        title=text_or_none(dig(item, "title")),
        status=text_or_none(dig(item, "status")),
        created_at=parse_time(dig(item, "creation_time")),
        started_at=parse_time(dig(item, "broadcast_start_time")),
        duration_s=_seconds(dig(item, "video.length"), where),
        live_views=optional_count(item, "live_views", where),
        note=NO_PEAK,
    )


def parse_live_videos(payload: Any, handle: str, fetched_at: datetime) -> list[LiveVideo]:
    """`/{page-id}/live_videos`: the Page's broadcasts, newest first."""
    items = require_list(payload, "data", f"facebook:{handle} live videos")
    return [parse_live_video(item, handle, fetched_at) for item in items]
