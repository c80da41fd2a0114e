"""Facebook Page payloads (Graph API) -> records. Pure: `fetched_at` is passed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from collectors.fields import (
    as_count,
    count,
    dig,
    optional_count,
    parse_time,
    require,
    require_list,
    text_or_none,
)
from collectors.records import AccountStats, PostStats

PAGE_FIELDS = "id,name,followers_count,fan_count"
POST_FIELDS = (
    "id,message,created_time,permalink_url,shares,"
    "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)"
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
    )


def next_after(payload: Any) -> str | None:
    """The `after` cursor of `paging.next`; None on the last page (no `next`)."""
    next_url = dig(payload, "paging.next")
    if not isinstance(next_url, str):
        return None
    after = parse_qs(urlsplit(next_url).query).get("after")
    return after[0] if after else text_or_none(dig(payload, "paging.cursors.after"))


def parse_posts(
    payload: Any, handle: str, fetched_at: datetime
) -> tuple[list[PostStats], str | None]:
    """`/{page-id}/posts`: the page's posts and the cursor of the next page."""
    items = require_list(payload, "data", f"facebook:{handle} posts")
    return [parse_post(item, handle, fetched_at) for item in items], next_after(payload)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """`/debug_token`: whether the Meta token works and when it (or its data access) expires."""

    valid: bool
    expires_at: datetime | None  # None: never expires (Page and system-user tokens)
    data_access_expires_at: datetime | None
    scopes: tuple[str, ...]
    problem: str | None


def _epoch(value: Any) -> datetime | None:
    seconds = as_count(value)
    return datetime.fromtimestamp(seconds, UTC) if seconds else None


def parse_debug_token(payload: Any) -> TokenInfo:
    data = require(payload, "data", "meta debug_token")
    return TokenInfo(
        valid=dig(data, "is_valid") is True,
        # Meta sends expires_at = 0 for tokens that do not expire.
        expires_at=_epoch(dig(data, "expires_at")),
        data_access_expires_at=_epoch(dig(data, "data_access_expires_at")),
        scopes=tuple(str(s) for s in dig(data, "scopes") or []),
        problem=text_or_none(dig(data, "error.message")),
    )
