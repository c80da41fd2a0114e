"""X API v2 payloads (as tweepy returns them with return_type=dict) -> records. Pure."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.errors import TargetNotFound
from collectors.fields import count, dig, parse_time, require, text_or_none
from collectors.records import AccountStats, PostStats


def _not_found(payload: Any) -> bool:
    return any(
        "resource-not-found" in str(dig(error, "type", ""))
        for error in dig(payload, "errors") or []
    )


def parse_user(payload: Any, handle: str, fetched_at: datetime) -> AccountStats:
    """`GET /2/users/by/username/{u}?user.fields=public_metrics`."""
    where = f"twitter:{handle} user"
    # X answers 200 with an `errors` list (and no `data`) for an unknown or suspended user.
    if dig(payload, "data") is None and _not_found(payload):
        raise TargetNotFound(f"{where}: X has no such user; check the configured handle")
    metrics = require(payload, "data.public_metrics", where)
    return AccountStats(
        platform="twitter",
        handle=handle,
        fetched_at=fetched_at,
        platform_id=str(require(payload, "data.id", where)),
        display_name=text_or_none(dig(payload, "data.name")),
        followers=count(metrics, "followers_count", f"{where}: public_metrics"),
        following=count(metrics, "following_count", f"{where}: public_metrics"),
        posts_count=count(metrics, "tweet_count", f"{where}: public_metrics"),
    )


def parse_tweet(item: Any, handle: str, fetched_at: datetime) -> PostStats:
    post_id = str(require(item, "id", f"twitter:{handle} post"))
    where = f"twitter:{handle} post {post_id}"
    metrics = require(item, "public_metrics", where)
    where = f"{where}: public_metrics"
    return PostStats(
        platform="twitter",
        account_handle=handle,
        post_id=post_id,
        fetched_at=fetched_at,
        published_at=parse_time(dig(item, "created_at")),
        url=f"https://x.com/{handle.lstrip('@')}/status/{post_id}",
        text=text_or_none(dig(item, "text")),
        # X documents every public metric as an integer, always present when requested.
        reactions=count(metrics, "like_count", where),
        comments=count(metrics, "reply_count", where),
        # A quote is a repost with a comment: X's shares are reposts + quotes (interactions
        # on X = likes + replies + reposts + quotes, as the office counts them).
        shares=count(metrics, "retweet_count", where) + count(metrics, "quote_count", where),
        saves=count(metrics, "bookmark_count", where),
        views=count(metrics, "impression_count", where),
        extra={"quotes": count(metrics, "quote_count", where)},
    )


def parse_tweets(
    payload: Any, handle: str, fetched_at: datetime
) -> tuple[list[PostStats], str | None]:
    """`GET /2/users/{id}/tweets`: X leaves `data` out when there is nothing new."""
    where = f"twitter:{handle} posts"
    meta = require(payload, "meta", where)
    items = dig(payload, "data") or []
    posts = [parse_tweet(item, handle, fetched_at) for item in items]
    return posts, text_or_none(dig(meta, "next_token"))
