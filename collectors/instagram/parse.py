"""Instagram professional-account payloads (Graph API) -> records. Pure."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.errors import BadPayload
from collectors.fields import (
    count,
    dig,
    joined,
    optional_count,
    parse_time,
    require,
    require_list,
    text_or_none,
)
from collectors.graph.parse import next_after
from collectors.records import AccountStats, PostStats

USER_FIELDS = "id,username,name,followers_count,follows_count,media_count"
MEDIA_FIELDS = (
    "id,caption,media_type,media_product_type,timestamp,permalink,like_count,comments_count,"
    "media_url,thumbnail_url"
)
DISCOVERY_FIELDS = "username,name,followers_count,follows_count,media_count"
# What Business Discovery shows of another account's media: public counts, no insights, no
# pictures (a peer's pictures are never fetched).
PEER_MEDIA_FIELDS = (
    "id,caption,timestamp,permalink,media_type,media_product_type,like_count,comments_count"
)
VIEWS_METRIC = "views"


def discovery_fields(
    username: str, *, media_limit: int | None = None, after: str | None = None
) -> str:
    """Business Discovery: a peer's public counts read through the office's own IG account;
    with `media_limit`, its newest media in the same request (the `media` edge by field
    expansion, paged with `.after(cursor)`: the peer has no /media endpoint of its own to
    page). A later page (`after`) asks for the media only."""
    if media_limit is None:
        return f"business_discovery.username({username}){{{DISCOVERY_FIELDS}}}"
    edge = f"media.after({after}).limit({media_limit})" if after else f"media.limit({media_limit})"
    media = f"{edge}{{{PEER_MEDIA_FIELDS}}}"
    fields = media if after else f"{DISCOVERY_FIELDS},{media}"
    return f"business_discovery.username({username}){{{fields}}}"


LIKES_HIDDEN = "likes hidden by the account (Instagram omits like_count)"


def _account(
    user: Any, handle: str, fetched_at: datetime, platform_id: str | None, where: str
) -> AccountStats:
    return AccountStats(
        platform="instagram",
        handle=handle,
        fetched_at=fetched_at,
        platform_id=platform_id,
        display_name=text_or_none(dig(user, "name")) or text_or_none(dig(user, "username")),
        followers=count(user, "followers_count", where),
        following=count(user, "follows_count", where),
        posts_count=count(user, "media_count", where),
    )


def parse_user(payload: Any, handle: str, fetched_at: datetime) -> AccountStats:
    """`/{ig-user-id}?fields=username,followers_count,follows_count,media_count`."""
    where = f"instagram:{handle} account"
    platform_id = str(require(payload, "id", where))
    return _account(payload, handle, fetched_at, platform_id, where)


def parse_discovery(payload: Any, handle: str, fetched_at: datetime) -> AccountStats:
    """`/{own-ig-id}?fields=business_discovery.username(peer){...}`."""
    where = f"instagram:{handle} business discovery"
    user = require(payload, "business_discovery", where)
    platform_id = dig(user, "id")
    return _account(user, handle, fetched_at, str(platform_id) if platform_id else None, where)


def parse_discovery_media(
    payload: Any, handle: str, fetched_at: datetime, page_size: int
) -> tuple[list[PostStats], str | None]:
    """`business_discovery.media`: the peer's media on this page and the next page's cursor.

    An account without media has no `media` edge in the answer. Nested edges may give only
    `paging.cursors` (no `next` address): then a full page is taken to mean there is more."""
    media = dig(payload, "business_discovery.media")
    if media is None:
        return [], None
    items = require_list(media, "data", f"instagram:{handle} business discovery media")
    posts = [parse_media_item(item, handle, fetched_at) for item in items]
    after = next_after(media)
    if after is None and "next" not in (dig(media, "paging") or {}) and len(items) >= page_size:
        after = text_or_none(dig(media, "paging.cursors.after"))
    return posts, after


def parse_media_item(item: Any, handle: str, fetched_at: datetime) -> PostStats:
    post_id = str(require(item, "id", f"instagram:{handle} media"))
    where = f"instagram:{handle} media {post_id}"
    # like_count is documented as omitted when the owner hides likes: unknown, not zero.
    likes = optional_count(item, "like_count", where)
    return PostStats(
        platform="instagram",
        account_handle=handle,
        post_id=post_id,
        fetched_at=fetched_at,
        published_at=parse_time(dig(item, "timestamp")),
        url=text_or_none(dig(item, "permalink")),
        text=text_or_none(dig(item, "caption")),
        media_type=text_or_none(dig(item, "media_product_type"))
        or text_or_none(dig(item, "media_type")),
        reactions=likes,
        comments=count(item, "comments_count", where),
        note=joined(LIKES_HIDDEN if likes is None else None),
        thumbnail_url=_picture(item),
    )


def _picture(item: Any) -> str | None:
    """A video's `thumbnail_url`; an image's (or an album cover's) `media_url`. A video's
    `media_url` is the video file itself: never fetched."""
    if text_or_none(dig(item, "media_type")) == "VIDEO":
        return text_or_none(dig(item, "thumbnail_url"))
    return text_or_none(dig(item, "media_url"))


def parse_media(
    payload: Any, handle: str, fetched_at: datetime
) -> tuple[list[PostStats], str | None]:
    items = require_list(payload, "data", f"instagram:{handle} media")
    return [parse_media_item(item, handle, fetched_at) for item in items], next_after(payload)


def parse_views(payload: Any, where: str = "instagram insights") -> int:
    """`/{media-id}/insights?metric=views`: lifetime `values[0].value` or `total_value.value`.

    The metric was asked for and the call succeeded, so an answer without it changed shape
    (a metric Meta refuses fails the whole call with (#10)/(#100) instead; see the client).
    """
    for metric in require_list(payload, "data", where):
        if dig(metric, "name") != VIEWS_METRIC:
            continue
        values = dig(metric, "values")
        if isinstance(values, list) and values:
            return count(values[0], "value", f"{where}: views.values[0]")
        return count(metric, "total_value.value", f"{where}: views")
    raise BadPayload(f"{where}: data: no '{VIEWS_METRIC}' metric in the answer")
