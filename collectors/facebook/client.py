"""Facebook Page collector: the page's followers and its recent posts (the only Facebook I/O)."""

from __future__ import annotations

from datetime import datetime

from collectors.base import Collected, Page, Target, paginate
from collectors.errors import PermanentError
from collectors.facebook import parse
from collectors.facebook.platform import PEER_LIMITATION
from collectors.graph.api import GraphApi
from collectors.records import PostStats


class FacebookCollector:
    platform = "facebook"

    def __init__(self, graph: GraphApi, *, max_pages: int = 5, page_size: int = 25) -> None:
        self.graph, self.max_pages, self.page_size = graph, max_pages, page_size

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        if not target.own:
            raise PermanentError(f"facebook:{target.handle}: {PEER_LIMITATION}")
        page_id = target.platform_id or target.handle
        payload = self.graph.get(
            page_id, {"fields": parse.PAGE_FIELDS}, what=f"facebook:{target.handle} page"
        )
        account = parse.parse_page(payload, target.handle, fetched_at)
        if not target.collect_posts:
            return Collected(
                account=account, notes=("posts not collected (collect_posts = false)",)
            )
        posts = paginate(
            lambda after: self._posts_page(page_id, target.handle, fetched_at, after),
            max_pages=self.max_pages,
        )
        return Collected(
            account=account, posts=tuple(posts.items), notes=posts.note("posts"), counts={}
        )

    def _posts_page(
        self, page_id: str, handle: str, fetched_at: datetime, after: str | None
    ) -> Page[PostStats, str]:
        params = {"fields": parse.POST_FIELDS, "limit": str(self.page_size)}
        if after:
            params["after"] = after
        payload = self.graph.get(f"{page_id}/posts", params, what=f"facebook:{handle} posts")
        items, next_cursor = parse.parse_posts(payload, handle, fetched_at)
        return Page(items, next_cursor)
