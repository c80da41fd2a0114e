"""Instagram professional-account payloads (Graph API) -> records. Pure."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.facebook.parse import next_after
from collectors.fields import (
    as_count,
    count_at,
    dig,
    parse_time,
    require,
    require_list,
    text_or_none,
)
from collectors.records import AccountStats, PostStats

USER_FIELDS = "id,username,name,followers_count,follows_count,media_count"
MEDIA_FIELDS = (
    "id,caption,media_type,media_product_type,timestamp,permalink,like_count,comments_count"
)
DISCOVERY_FIELDS = "username,name,followers_count,follows_count,media_count"
VIEWS_METRIC = "views"


def discovery_fields(username: str) -> str:
    """Business Discovery: a peer's public counts read through the office's own IG account."""
    return f"business_discovery.username({username}){{{DISCOVERY_FIELDS}}}"


def _account(user: Any, handle: str, fetched_at: datetime, platform_id: str | None) -> AccountStats:
    return AccountStats(
        platform="instagram",
        handle=handle,
        fetched_at=fetched_at,
        platform_id=platform_id,
        display_name=text_or_none(dig(user, "name")) or text_or_none(dig(user, "username")),
        followers=count_at(user, "followers_count"),
        following=count_at(user, "follows_count"),
        posts_count=count_at(user, "media_count"),
    )


def parse_user(payload: Any, handle: str, fetched_at: datetime) -> AccountStats:
    """`/{ig-user-id}?fields=username,followers_count,follows_count,media_count`."""
    platform_id = str(require(payload, "id", f"instagram:{handle} account"))
    return _account(payload, handle, fetched_at, platform_id)


def parse_discovery(payload: Any, handle: str, fetched_at: datetime) -> AccountStats:
    """`/{own-ig-id}?fields=business_discovery.username(peer){...}`."""
    user = require(payload, "business_discovery", f"instagram:{handle} business discovery")
    platform_id = dig(user, "id")
    return _account(user, handle, fetched_at, str(platform_id) if platform_id else None)


def parse_media_item(item: Any, handle: str, fetched_at: datetime) -> PostStats:
    return PostStats(
        platform="instagram",
        account_handle=handle,
        post_id=str(require(item, "id", f"instagram:{handle} media")),
        fetched_at=fetched_at,
        published_at=parse_time(dig(item, "timestamp")),
        url=text_or_none(dig(item, "permalink")),
        text=text_or_none(dig(item, "caption")),
        media_type=text_or_none(dig(item, "media_product_type"))
        or text_or_none(dig(item, "media_type")),
        # like_count is absent when the owner hides likes: unknown, not zero.
        reactions=count_at(item, "like_count"),
        comments=count_at(item, "comments_count"),
    )


def parse_media(
    payload: Any, handle: str, fetched_at: datetime
) -> tuple[list[PostStats], str | None]:
    items = require_list(payload, "data", f"instagram:{handle} media")
    return [parse_media_item(item, handle, fetched_at) for item in items], next_after(payload)


def parse_views(payload: Any) -> int | None:
    """`/{media-id}/insights?metric=views`: lifetime `values[0].value` or `total_value.value`."""
    for metric in dig(payload, "data") or []:
        if dig(metric, "name") != VIEWS_METRIC:
            continue
        values = dig(metric, "values")
        if isinstance(values, list) and values:
            return as_count(dig(values[0], "value"))
        return count_at(metric, "total_value.value")
    return None
