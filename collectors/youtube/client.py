"""YouTube collector: channel statistics and the newest videos (the only YouTube I/O).

Every request costs quota (channels/playlistItems/videos.list: 1 unit each; search.list,
100 units, is never used). A `QuotaMeter` shared by the night's YouTube accounts refuses a
request that would pass the daily budget, so the last units are never spent blind.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import httpx

from collectors.base import Collected, Page, Target, not_before, paginate, reached
from collectors.errors import RateLimited
from collectors.http import HttpPolicy, HttpSession
from collectors.records import PostStats
from collectors.youtube import parse
from collectors.youtube.rules import YouTubeRules

API = "/youtube/v3"
UNIT_COST = 1
MAX_IDS = 50  # videos.list and playlistItems.list take at most 50 per call


class QuotaMeter:
    """Quota units spent today against the daily budget (thread-safe)."""

    def __init__(self, budget: int, spent: int = 0) -> None:
        self.budget, self.spent = budget, spent
        self._lock = threading.Lock()

    def spend(self, units: int, what: str) -> None:
        with self._lock:
            if self.spent + units > self.budget:
                raise RateLimited(
                    f"{what}: the YouTube quota budget ({self.budget} units/day) is reached "
                    f"({self.spent} spent); the quota resets at midnight Pacific time"
                )
            self.spent += units


class YouTubeApi:
    def __init__(
        self,
        policy: HttpPolicy,
        *,
        api_key: str,
        quota: QuotaMeter,
        base_url: str = "https://www.googleapis.com",
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.quota = quota
        self.session = HttpSession(
            policy,
            rules=YouTubeRules(),
            base_url=base_url.rstrip("/"),
            transport=transport,
            params={"key": api_key},
            secrets=(api_key,),
        )

    def get(self, resource: str, params: dict[str, str], *, what: str) -> Any:
        self.quota.spend(UNIT_COST, what)
        return self.session.get_json(f"{API}/{resource}", params=params, what=what)

    def close(self) -> None:
        self.session.close()


def channel_selector(target: Target) -> dict[str, str]:
    if target.platform_id:
        return {"id": target.platform_id}
    return {"forHandle": "@" + target.handle.lstrip("@")}


class YouTubeCollector:
    platform = "youtube"

    def __init__(self, api: YouTubeApi, *, max_videos: int = 50, max_pages: int = 5) -> None:
        self.api, self.max_videos, self.max_pages = api, max_videos, max_pages

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        what = f"youtube:{target.handle}"
        spent_before = self.api.quota.spent
        params = {"part": "statistics,contentDetails", **channel_selector(target)}
        payload = self.api.get("channels", params, what=f"{what} channel")
        account, uploads = parse.parse_channel(payload, target.handle, fetched_at)
        notes: tuple[str, ...] = ()
        posts: list[PostStats] = []
        # Peers' videos are public and cost the same units as the office's: same path.
        if not target.collect_posts or self.max_videos == 0:
            notes = ("videos not collected (collect_posts = false)",)
        elif uploads and target.posts_since is not None:
            posts, notes = self._backfill(uploads, target, fetched_at)
        elif uploads:
            ids = paginate(
                lambda token: self._upload_ids(uploads, target.handle, token),
                max_pages=self.max_pages,
                max_items=self.max_videos,
            )
            posts = self._videos(ids.items, target.handle, fetched_at)
            notes = ids.note("videos")
        units = self.api.quota.spent - spent_before
        return Collected(
            account=account, posts=tuple(posts), notes=notes, counts={"quota_units": units}
        )

    def _backfill(
        self, uploads: str, target: Target, fetched_at: datetime
    ) -> tuple[list[PostStats], tuple[str, ...]]:
        """Uploads newest first, 50 a page (1 unit) and their counts (1 unit), back to the
        target's `posts_since`: the page holding an older video is the last one read."""
        since = target.posts_since

        def page(token: str | None) -> Page[PostStats, str]:
            ids = self._upload_ids(uploads, target.handle, token, size=MAX_IDS)
            return Page(self._videos(ids.items, target.handle, fetched_at), ids.next_cursor)

        videos = paginate(page, max_pages=self.max_pages, stop=reached(since))
        return not_before(videos.items, since), videos.note("videos")

    def _upload_ids(
        self, playlist: str, handle: str, token: str | None, *, size: int | None = None
    ) -> Page[str, str]:
        params = {
            "part": "contentDetails",
            "playlistId": playlist,
            "maxResults": str(size or min(MAX_IDS, self.max_videos)),
        }
        if token:
            params["pageToken"] = token
        payload = self.api.get("playlistItems", params, what=f"youtube:{handle} uploads")
        ids, next_token = parse.parse_playlist_items(payload, handle)
        return Page(ids, next_token)

    def _videos(self, ids: list[str], handle: str, fetched_at: datetime) -> list[PostStats]:
        posts = []
        for start in range(0, len(ids), MAX_IDS):
            params = {"part": "statistics,snippet", "id": ",".join(ids[start : start + MAX_IDS])}
            payload = self.api.get("videos", params, what=f"youtube:{handle} videos")
            posts.extend(parse.parse_videos(payload, handle, fetched_at))
        return posts
