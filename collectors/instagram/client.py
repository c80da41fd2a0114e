"""Instagram collector: counts, recent media and their views (the only Instagram I/O)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from collectors.base import Collected, Page, Target, paginate
from collectors.errors import PermanentError
from collectors.fields import joined
from collectors.graph.api import GraphApi
from collectors.graph.rules import GraphError, GraphPermissionError
from collectors.instagram import parse
from collectors.records import PostStats

# (#10) "Not enough viewers" and (#100) "must be a valid insights metric": a metric the
# platform will not give for this media. That metric is NULL; the account still lands.
DEGRADING_CODES = frozenset({10, 100})


class InstagramCollector:
    platform = "instagram"

    def __init__(
        self,
        graph: GraphApi,
        *,
        max_pages: int = 5,
        page_size: int = 25,
        views: bool = True,
        discovery_account: str | None = None,
    ) -> None:
        self.graph, self.max_pages, self.page_size = graph, max_pages, page_size
        self.views, self.discovery_account = views, discovery_account

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        if not target.own:
            return self._peer(target, fetched_at)
        if not target.platform_id:
            raise PermanentError(
                f"instagram:{target.handle}: set `id` (the Instagram professional account id) "
                "for this account in pulso.toml"
            )
        what = f"instagram:{target.handle}"
        payload = self.graph.get(
            target.platform_id, {"fields": parse.USER_FIELDS}, what=f"{what} account"
        )
        account = parse.parse_user(payload, target.handle, fetched_at)
        if not target.collect_posts:
            return Collected(
                account=account, notes=("posts not collected (collect_posts = false)",)
            )
        media = paginate(
            lambda after: self._media_page(
                target.platform_id or "", target.handle, fetched_at, after
            ),
            max_pages=self.max_pages,
        )
        posts, notes = self._with_views(media.items, what)
        return Collected(account=account, posts=tuple(posts), notes=media.note("media") + notes)

    def _peer(self, target: Target, fetched_at: datetime) -> Collected:
        if not self.discovery_account:
            raise PermanentError(
                f"instagram:{target.handle}: peers are read through Business Discovery; set "
                "api.instagram_account_for_peers (or an own Instagram account with its id)"
            )
        payload = self.graph.get(
            self.discovery_account,
            {"fields": parse.discovery_fields(target.handle.lstrip("@"))},
            what=f"instagram:{target.handle} business discovery",
        )
        account = parse.parse_discovery(payload, target.handle, fetched_at)
        return Collected(account=account, notes=("peer: public counts only (Business Discovery)",))

    def _media_page(
        self, user_id: str, handle: str, fetched_at: datetime, after: str | None
    ) -> Page[PostStats, str]:
        params = {"fields": parse.MEDIA_FIELDS, "limit": str(self.page_size)}
        if after:
            params["after"] = after
        payload = self.graph.get(f"{user_id}/media", params, what=f"instagram:{handle} media")
        items, next_cursor = parse.parse_media(payload, handle, fetched_at)
        return Page(items, next_cursor)

    def _with_views(
        self, posts: list[PostStats], what: str
    ) -> tuple[list[PostStats], tuple[str, ...]]:
        if not self.views:
            return posts, ()
        result, degraded = [], []
        for post in posts:
            try:
                payload = self.graph.get(
                    f"{post.post_id}/insights",
                    {"metric": parse.VIEWS_METRIC},
                    what=f"{what} media {post.post_id} insights",
                )
            except (GraphError, GraphPermissionError) as error:
                if error.code not in DEGRADING_CODES:
                    raise
                degraded.append(str(error))
                note = joined(post.note, f"views unavailable: {error}")
                result.append(dataclasses.replace(post, note=note))
                continue
            views = parse.parse_views(payload, f"{what} media {post.post_id} insights")
            result.append(dataclasses.replace(post, views=views))
        note = (
            f"views unavailable for {len(degraded)} media (e.g. {degraded[0]})"
            if degraded
            else None
        )
        return result, (note,) if note else ()
