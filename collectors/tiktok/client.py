"""TikTok collector (Display API, own account only): counts and recent videos."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.base import Collected, Page, Target, not_before, paginate, reached
from collectors.errors import PermanentError
from collectors.http import HttpSession, decode_json
from collectors.records import PostStats
from collectors.tiktok import parse
from collectors.tiktok.platform import PEER_LIMITATION
from collectors.tiktok.tokens import TikTokAuth


class TikTokCollector:
    platform = "tiktok"

    def __init__(
        self, session: HttpSession, auth: TikTokAuth, *, max_pages: int = 5, page_size: int = 20
    ) -> None:
        self.session, self.auth = session, auth
        self.max_pages, self.page_size = max_pages, page_size

    @property
    def token_expires_at(self) -> datetime | None:
        """The refresh token's expiry: after it, only a new login helps."""
        return self.auth.state.refresh_expires_at

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.auth.token()}"}

    def user_info(self, handle: str) -> Any:
        response = self.session.request(
            "GET",
            "/v2/user/info/",
            params={"fields": parse.USER_FIELDS},
            headers=self._headers(),
            what=f"tiktok:{handle} user",
        )
        return decode_json(response, f"tiktok:{handle} user")

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        if not target.own:
            raise PermanentError(f"tiktok:{target.handle}: {PEER_LIMITATION}")
        account = parse.parse_user(self.user_info(target.handle), target.handle, fetched_at)
        if not target.collect_posts:
            return Collected(
                account=account, notes=("videos not collected (collect_posts = false)",)
            )
        videos = paginate(
            lambda cursor: self._videos_page(target.handle, fetched_at, cursor),
            max_pages=self.max_pages,
            stop=reached(target.posts_since),  # a backfill's date: newest first, no filter
        )
        posts = not_before(videos.items, target.posts_since)
        return Collected(account=account, posts=tuple(posts), notes=videos.note("videos"))

    def _videos_page(
        self, handle: str, fetched_at: datetime, cursor: int | None
    ) -> Page[PostStats, int]:
        body: dict[str, int] = {"max_count": self.page_size}
        if cursor is not None:
            body["cursor"] = cursor
        response = self.session.request(
            "POST",
            "/v2/video/list/",
            params={"fields": parse.VIDEO_FIELDS},
            json=body,
            headers=self._headers(),
            what=f"tiktok:{handle} videos",
        )
        posts, next_cursor = parse.parse_videos(
            decode_json(response, f"tiktok:{handle} videos"), handle, fetched_at
        )
        return Page(posts, next_cursor)
