"""Instagram collector: counts, recent media and their views (the only Instagram I/O)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from collectors.base import Collected, Page, Target, not_before, paginate, reached
from collectors.errors import PermanentError
from collectors.fields import joined, require_list
from collectors.graph import insights as graph_insights
from collectors.graph.api import GraphApi
from collectors.graph.insights import InsightsConfig, Refusals, ask, expansion, refusal
from collectors.graph.parse import next_after
from collectors.graph.rules import GraphError, GraphPermissionError
from collectors.instagram import parse
from collectors.records import AccountStats, InsightValue, PostStats

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
        insights: InsightsConfig | None = None,
    ) -> None:
        self.graph, self.max_pages, self.page_size = graph, max_pages, page_size
        self.views, self.discovery_account = views, discovery_account
        # With `[insights]`, media metrics (views among them) ride on the media edge and the
        # account's daily reach and views are read; without, one views request per media.
        self.insights = insights if insights is not None and insights.enabled else None
        # Metrics Meta refused this run, per kind ("views" may be refused for one, not another).
        self.refusals = {kind: Refusals() for kind in ("instagram_account", "instagram_media")}

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
        if self.insights is not None:
            return self._with_insights(target, account, fetched_at)
        if not target.collect_posts:
            return Collected(
                account=account, notes=("posts not collected (collect_posts = false)",)
            )
        media = paginate(
            lambda after: self._media_page(
                target.platform_id or "", target.handle, fetched_at, after
            ),
            max_pages=self.max_pages,
            stop=reached(target.posts_since),  # a backfill's date (no filter on this edge)
        )
        posts, notes = self._with_views(not_before(media.items, target.posts_since), what)
        return Collected(account=account, posts=tuple(posts), notes=media.note("media") + notes)

    def _peer(self, target: Target, fetched_at: datetime) -> Collected:
        if not self.discovery_account:
            raise PermanentError(
                f"instagram:{target.handle}: peers are read through Business Discovery; set "
                "api.instagram_account_for_peers (or an own Instagram account with its id)"
            )
        if not target.collect_posts:
            payload = self._discovery(target.handle, media=False)
            return Collected(
                account=parse.parse_discovery(payload, target.handle, fetched_at),
                notes=("peer: posts not collected (collect_posts = false)",),
            )
        accounts: list[AccountStats] = []

        def page(after: str | None) -> Page[PostStats, str]:
            payload = self._discovery(target.handle, media=True, after=after)
            if after is None:
                accounts.append(parse.parse_discovery(payload, target.handle, fetched_at))
            posts, cursor = parse.parse_discovery_media(
                payload, target.handle, fetched_at, self.page_size
            )
            return Page(posts, cursor)

        # The peer's likes and comments as anyone sees them; Meta gives no views of another
        # account's media, so those stay NULL.
        media = paginate(page, max_pages=self.max_pages)
        return Collected(account=accounts[0], posts=tuple(media.items), notes=media.note("media"))

    def _discovery(self, handle: str, *, media: bool, after: str | None = None) -> Any:
        """One Business Discovery request through the office's own account: the counts, with
        `media` the newest media too (`after`: a later page, media only)."""
        username = handle.lstrip("@")
        limit = self.page_size if media else None
        fields = parse.discovery_fields(username, media_limit=limit, after=after)
        return self.graph.get(
            self.discovery_account or "",
            {"fields": fields},
            what=f"instagram:{handle} business discovery",
        )

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

    # --- with [insights] -------------------------------------------------------------

    def _with_insights(self, target: Target, account: Any, fetched_at: datetime) -> Collected:
        user_id = target.platform_id or ""
        values = self._account_insights(user_id, target.handle, fetched_at)
        if not target.collect_posts:
            return Collected(
                account=account,
                notes=("posts not collected (collect_posts = false)",),
                insights=tuple(values),
            )
        since = target.posts_since
        older = reached(since)
        media = paginate(
            lambda after: self._insights_page(user_id, target.handle, fetched_at, after),
            max_pages=self.max_pages,
            stop=None if older is None else (lambda page: older([post for post, _ in page])),
        )
        kept = {id(p) for p in not_before([post for post, _ in media.items], since)}
        media = dataclasses.replace(
            media, items=[item for item in media.items if id(item[0]) in kept]
        )
        values.extend(value for _, media_values in media.items for value in media_values)
        notes = media.note("media")
        known = {m for refusals in self.refusals.values() for m in refusals.known}
        if known:
            names = ", ".join(sorted(known))
            notes += (f"insights metrics refused by Meta (NULL; update [insights]): {names}",)
        return Collected(
            account=account,
            posts=tuple(post for post, _ in media.items),
            notes=notes,
            insights=tuple(values),
        )

    def _account_insights(
        self, user_id: str, handle: str, fetched_at: datetime
    ) -> list[InsightValue]:
        assert self.insights is not None
        metrics = self.insights.of("instagram_account")
        if not metrics:
            return []
        day = graph_insights.previous_day(fetched_at, self.insights.zone)
        zone = ZoneInfo(self.insights.zone)
        since = int(datetime.combine(day, time(), zone).timestamp())
        until = since + 86_400
        where = f"instagram:{handle} account insights"

        def call(group: tuple[str, ...]) -> Any:
            params = {
                "metric": ",".join(group),
                "period": "day",
                "metric_type": "total_value",
                "since": str(since),
                "until": str(until),
            }
            return self.graph.get(f"{user_id}/insights", params, what=where)

        answers, refused = ask(metrics, call, self.refusals["instagram_account"])
        return graph_insights.insight_values(metrics, answers, refused, where, day=day)

    def _media_request(
        self, user_id: str, handle: str, after: str | None, metrics: tuple[str, ...]
    ) -> Any:
        fields = f"{parse.MEDIA_FIELDS},{expansion(metrics)}" if metrics else parse.MEDIA_FIELDS
        params = {"fields": fields, "limit": str(self.page_size)}
        if after:
            params["after"] = after
        return self.graph.get(f"{user_id}/media", params, what=f"instagram:{handle} media")

    def _learn_refused(self, user_id: str, handle: str, metrics: tuple[str, ...]) -> None:
        def probe(group: tuple[str, ...]) -> Any:
            params = {"fields": f"id,{expansion(group)}", "limit": "1"}
            return self.graph.get(
                f"{user_id}/media", params, what=f"instagram:{handle} media insights"
            )

        for metric in metrics:
            ask((metric,), probe, self.refusals["instagram_media"])

    def _insights_page(
        self, user_id: str, handle: str, fetched_at: datetime, after: str | None
    ) -> Page[tuple[PostStats, list[InsightValue]], str]:
        assert self.insights is not None
        asked = self.insights.of("instagram_media")
        refusals = self.refusals["instagram_media"]
        metrics = refusals.usable(asked)
        one_by_one = False
        try:
            payload = self._media_request(user_id, handle, after, metrics)
        except (GraphError, GraphPermissionError) as error:
            if not metrics or not refusal(error):
                raise
            if isinstance(error, GraphError) and error.code == graph_insights.INVALID_METRIC:
                self._learn_refused(user_id, handle, metrics)
                metrics = refusals.usable(asked)
            else:
                # (#10) "Not enough viewers" for one media fails the page: ask per media.
                one_by_one, metrics = True, ()
            payload = self._media_request(user_id, handle, after, metrics)
        items = require_list(payload, "data", f"instagram:{handle} media")
        page = []
        for item in items:
            post = parse.parse_media_item(item, handle, fetched_at)
            where = f"instagram:{handle} media {post.post_id} insights"
            if one_by_one:
                values = self._one_media(post.post_id, asked, where)
            else:
                refused = refusals.among(asked)
                sent = [(metrics, item["insights"])] if metrics and "insights" in item else []
                values = graph_insights.insight_values(
                    asked, sent, refused, where, post_id=post.post_id
                )
            page.append((_with_media_views(post, values), values))
        return Page(page, next_after(payload))

    def _one_media(self, media_id: str, asked: tuple[str, ...], where: str) -> list[InsightValue]:
        def call(group: tuple[str, ...]) -> Any:
            return self.graph.get(f"{media_id}/insights", {"metric": ",".join(group)}, what=where)

        answers, refused = ask(asked, call, self.refusals["instagram_media"])
        return graph_insights.insight_values(asked, answers, refused, where, post_id=media_id)


def _with_media_views(post: PostStats, values: list[InsightValue]) -> PostStats:
    views = [v for v in values if v.metric in graph_insights.VIEWS]
    if not views:
        return post
    known = next((v.value for v in views if v.value is not None), None)
    saved = next((v.value for v in values if v.metric == "saved"), None)
    note = None if known is not None else f"views unavailable: {views[0].note}"
    return dataclasses.replace(post, views=known, saves=saved, note=joined(post.note, note))
