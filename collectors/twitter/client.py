"""X collector through tweepy: counts always, new posts only (the only X I/O).

X reads are paid per request since Feb 2026, so posts (the office's and peers') are read only
when switched on for the account (a peer's only when its `collect_posts = true` is written),
only those newer than the last one stored (`since_id`) and at most `max_pages` pages
a night. tweepy's requests session gets the one HTTP policy through `PolicyAdapter`:
timeouts (tweepy sets none), retries, waits computed from `x-rate-limit-reset` (X sends no
Retry-After), typed errors, and the configured base URL instead of tweepy's fixed host.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import tweepy
from requests.adapters import BaseAdapter

from collectors.base import Collected, Page, Target, paginate
from collectors.errors import register_secret
from collectors.http import HttpPolicy, PolicyAdapter
from collectors.records import PostStats
from collectors.twitter import parse
from collectors.twitter.rules import TWEEPY_HOST, XRules

PAGE_SIZE = 100  # X's maximum: fewer, fuller pages for the same posts


def make_client(
    policy: HttpPolicy,
    *,
    bearer_token: str,
    base_url: str = TWEEPY_HOST,
    inner: BaseAdapter | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> tweepy.Client:
    """A tweepy Client whose every request passes through the policy adapter."""
    register_secret(bearer_token)
    # tweepy's own waiting would bypass the policy (and sleep for up to 15 minutes).
    client = tweepy.Client(bearer_token=bearer_token, return_type=dict, wait_on_rate_limit=False)
    adapter = PolicyAdapter(
        policy,
        rules=XRules(),
        base_url=base_url,
        rewrite_from=TWEEPY_HOST,
        inner=inner,
        sleep=sleep,
        clock=clock,
    )
    client.session.mount("https://", adapter)
    client.session.mount("http://", adapter)
    return client


class TwitterCollector:
    platform = "twitter"

    def __init__(self, client: tweepy.Client, *, max_pages: int = 1) -> None:
        self.client, self.max_pages = client, max_pages

    def user(self, target: Target) -> Any:
        fields = ["public_metrics"]
        if target.platform_id:
            return self.client.get_user(id=target.platform_id, user_fields=fields)
        return self.client.get_user(username=target.handle.lstrip("@"), user_fields=fields)

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        account = parse.parse_user(self.user(target), target.handle, fetched_at)
        if not target.collect_posts or self.max_pages == 0:
            # A peer's posts are paid reads like the office's: only where switched on.
            note = (
                "peer: public counts only (post reads are paid; set collect_posts = true "
                "for this peer to read them)"
                if not target.own
                else "posts not collected (paid reads switched off)"
            )
            return Collected(account=account, notes=(note,))
        user_id = account.platform_id or ""
        tweets = paginate(
            lambda token: self._page(user_id, target, fetched_at, token), max_pages=self.max_pages
        )
        return Collected(
            account=account,
            posts=tuple(tweets.items),
            notes=tweets.note("posts"),
            counts={"x_post_pages": tweets.pages},
        )

    def _page(
        self, user_id: str, target: Target, fetched_at: datetime, token: str | None
    ) -> Page[PostStats, str]:
        payload = self.client.get_users_tweets(
            user_id,
            tweet_fields=["created_at", "public_metrics"],
            exclude=["retweets", "replies"],
            since_id=target.since_id,
            # A backfill's bound: X filters by date itself, so no page is bought beyond it.
            start_time=target.posts_since,
            max_results=PAGE_SIZE,
            pagination_token=token,
        )
        posts, next_token = parse.parse_tweets(payload, target.handle, fetched_at)
        return Page(posts, next_token)
