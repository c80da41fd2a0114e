"""Facebook Page payloads (Graph API) -> records. Pure: `fetched_at` is passed in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.fields import (
    count,
    dig,
    optional_count,
    parse_time,
    require,
    require_list,
    text_or_none,
)
from collectors.graph.parse import next_after
from collectors.records import AccountStats, PostStats

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
