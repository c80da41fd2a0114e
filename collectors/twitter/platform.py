"""X (Twitter) as Pulso knows it: API v2 through tweepy, paid reads kept to new posts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from collectors.platform import (
    Credential,
    Option,
    PaidReads,
    Platform,
    PostExport,
    Setup,
    TokenCheck,
    TokenStatus,
)
from collectors.twitter.rules import TWEEPY_HOST

if TYPE_CHECKING:  # the collector side: reading the registry (settings) needs none of it
    from collectors.base import Collector


def client(setup: Setup) -> Any | None:
    """The run's tweepy client under the HTTP policy, or None without a bearer token."""
    token = setup.token("x_bearer_token")
    if token is None:
        return None
    base = setup.options["x_base_url"]
    from collectors.twitter.client import make_client  # tweepy and requests: only to collect

    return setup.clients.once(
        "twitter",
        lambda: make_client(setup.policy, bearer_token=token, base_url=base, inner=setup.adapter),
    )


def collector(setup: Setup) -> Collector | None:
    from collectors.twitter.client import TwitterCollector

    built = client(setup)
    return (
        None if built is None else TwitterCollector(built, max_pages=setup.options["x_max_pages"])
    )


def check_token(setup: Setup) -> TokenStatus | None:
    """One user read: the bearer token works (X app tokens do not expire)."""
    built = client(setup)
    if built is None:
        return None
    targets = sorted(setup.accounts, key=lambda t: not t.own)
    if not targets:
        return TokenStatus("not tested: no X account configured")
    target = targets[0]
    from collectors.twitter.client import TwitterCollector
    from collectors.twitter.parse import parse_user

    account = parse_user(TwitterCollector(built).user(target), target.handle, setup.now)
    return TokenStatus(f"app bearer token works (@{account.handle})")


# analytics.x.com's post export: the old one ("Tweet id", ...) and the current one ("Post id").
ANALYTICS_EXPORT = PostExport(
    name="x",
    label="X analytics",
    columns={
        "post_id": ("Tweet id", "Post id"),
        "url": ("Tweet permalink", "Post Link"),
        "text": ("Tweet text", "Post text"),
        "published_at": ("time", "Date"),
        "views": ("impressions",),
        "reactions": ("likes",),
        "comments": ("replies",),
        "shares": ("retweets", "reposts"),
        "saves": ("bookmarks",),
        "quotes": ("quotes", "quote tweets"),
    },
    signature=("Tweet id", "Post id"),
    alternatives=("Tweet permalink", "Post Link"),
)


PLATFORM = Platform(
    name="twitter",
    label="X (Twitter)",
    credentials=(Credential("x_bearer_token", "PULSO_X_BEARER_TOKEN"),),
    missing_credential="no X bearer token: set PULSO_X_BEARER_TOKEN",
    collector=collector,
    options=(
        Option("x_base_url", str, TWEEPY_HOST),
        Option("x_max_pages", int, 1, minimum=0),
    ),
    token_check=TokenCheck("twitter", "set PULSO_X_BEARER_TOKEN", check_token),
    newer_posts_only=True,
    aliases=("x",),
    # Likes, replies, reposts and quotes; bookmarks are not interactions. X calls its
    # impression_count "views" and Pulso stores it there: it is reported as impressions.
    interactions=("reactions", "comments", "shares", "quotes"),
    impressions="views",
    interaction_words=(
        "me gusta + respuestas + reposts + citas",
        "likes + replies + reposts + quotes",
    ),
    exports=(ANALYTICS_EXPORT,),
    hosts=("x.com", "twitter.com"),
    post_url=lambda handle, post_id: f"https://x.com/{handle.lstrip('@')}/status/{post_id}",
    # X serves the newest 3,200 posts, 100 a page, at US$0.005 a post read (Feb 2026).
    paid_reads=PaidReads(
        pages_option="x_max_pages", reachable_pages=32, page_size=100, price_per_post_usd=0.005
    ),
)
