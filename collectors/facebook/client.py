"""Facebook Page collector: the page's followers, its recent posts, and (with `[insights]`)
its daily reach and views, each post's views and its live broadcasts (the only Facebook I/O).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

from collectors.base import Collected, Page, Target, paginate
from collectors.errors import PermanentError
from collectors.facebook import parse
from collectors.facebook.platform import PEER_LIMITATION
from collectors.fields import joined, require_list
from collectors.graph import insights as graph_insights
from collectors.graph.api import GraphApi
from collectors.graph.insights import InsightsConfig, Refusals, ask, expansion, refusal
from collectors.graph.parse import next_after
from collectors.graph.rules import GraphError, GraphPermissionError
from collectors.records import InsightValue, LiveVideo, PostStats


class FacebookCollector:
    platform = "facebook"

    def __init__(
        self,
        graph: GraphApi,
        *,
        max_pages: int = 5,
        page_size: int = 25,
        insights: InsightsConfig | None = None,
    ) -> None:
        self.graph, self.max_pages, self.page_size = graph, max_pages, page_size
        self.insights = insights if insights is not None and insights.enabled else None
        # Metrics Meta refused this run: not asked again for the next page or Page.
        # Metrics Meta refused this run, per kind ("views" may be refused for one, not another).
        self.refusals = {
            kind: Refusals() for kind in ("facebook_page", "facebook_post", "facebook_video")
        }

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        if not target.own:
            raise PermanentError(f"facebook:{target.handle}: {PEER_LIMITATION}")
        page_id = target.platform_id or target.handle
        payload = self.graph.get(
            page_id, {"fields": parse.PAGE_FIELDS}, what=f"facebook:{target.handle} page"
        )
        account = parse.parse_page(payload, target.handle, fetched_at)
        values: list[InsightValue] = []
        lives: tuple[LiveVideo, ...] = ()
        notes: tuple[str, ...] = ()
        if self.insights is not None:
            values.extend(self._page_insights(page_id, target.handle, fetched_at))
            lives, notes = self._lives(page_id, target.handle, fetched_at, target.posts_since)
        if not target.collect_posts:
            return Collected(
                account=account,
                notes=("posts not collected (collect_posts = false)", *notes),
                insights=tuple(values),
                lives=lives,
            )
        since = target.posts_since
        posts = paginate(
            lambda after: self._posts_page(page_id, target.handle, fetched_at, after, since),
            max_pages=self.max_pages,
        )
        records = [record for record, _ in posts.items]
        values.extend(value for _, post_values in posts.items for value in post_values)
        return Collected(
            account=account,
            posts=tuple(records),
            notes=posts.note("posts") + notes + self._refused_note(),
            counts={},
            insights=tuple(values),
            lives=lives,
        )

    def _refused_note(self) -> tuple[str, ...]:
        known = {m for refusals in self.refusals.values() for m in refusals.known}
        if not known:
            return ()
        names = ", ".join(sorted(known))
        return (f"insights metrics refused by Meta (NULL; update [insights]): {names}",)

    def _page_insights(self, page_id: str, handle: str, fetched_at: datetime) -> list[InsightValue]:
        assert self.insights is not None
        metrics = self.insights.of("facebook_page")
        if not metrics:
            return []
        day = graph_insights.previous_day(fetched_at, self.insights.zone)
        since, until = graph_insights.day_bounds(day)
        where = f"facebook:{handle} page insights"

        def call(group: tuple[str, ...]) -> Any:
            params = {"metric": ",".join(group), "period": "day", "since": since, "until": until}
            return self.graph.get(f"{page_id}/insights", params, what=where)

        answers, refused = ask(metrics, call, self.refusals["facebook_page"])
        values = graph_insights.insight_values(metrics, answers, refused, where, day=day)
        # A span of one day may bring the neighbouring day too (Meta's day ends in Pacific
        # time): keep only the day asked for, so each night writes one value per metric,
        # and a metric answered only for another day is NULL for this one, saying so.
        kept = [v for v in values if v.day == day]
        missing = [m for m in metrics if m not in {v.metric for v in kept}]
        note = f"not in Meta's answer for {day.isoformat()}"
        return kept + [InsightValue(m, None, day=day, note=note) for m in missing]

    def _post_fields(self, metrics: tuple[str, ...]) -> str:
        return f"{parse.POST_FIELDS},{expansion(metrics)}" if metrics else parse.POST_FIELDS

    def _posts_request(
        self,
        page_id: str,
        handle: str,
        after: str | None,
        metrics: tuple[str, ...],
        since: datetime | None = None,
    ) -> Any:
        params = {"fields": self._post_fields(metrics), "limit": str(self.page_size)}
        if after:
            params["after"] = after
        if since is not None:  # a backfill's bound: the Graph API filters by date itself
            params["since"] = str(int(since.timestamp()))
        return self.graph.get(f"{page_id}/posts", params, what=f"facebook:{handle} posts")

    def _learn_refused(self, page_id: str, handle: str, metrics: tuple[str, ...]) -> None:
        """After (#100) on the posts edge: which metric it was, one cheap request each."""

        def probe(group: tuple[str, ...]) -> Any:
            params = {"fields": f"id,{expansion(group)}", "limit": "1"}
            return self.graph.get(
                f"{page_id}/posts", params, what=f"facebook:{handle} post insights"
            )

        for metric in metrics:
            ask((metric,), probe, self.refusals["facebook_post"])

    def _posts_page(
        self,
        page_id: str,
        handle: str,
        fetched_at: datetime,
        after: str | None,
        since: datetime | None = None,
    ) -> Page[tuple[PostStats, list[InsightValue]], str]:
        asked = self.insights.of("facebook_post") if self.insights is not None else ()
        refusals = self.refusals["facebook_post"]
        metrics = refusals.usable(asked)
        try:
            payload = self._posts_request(page_id, handle, after, metrics, since)
        except (GraphError, GraphPermissionError) as error:
            if not metrics or not refusal(error):
                raise
            if isinstance(error, GraphError) and error.code == graph_insights.INVALID_METRIC:
                self._learn_refused(page_id, handle, metrics)
            else:  # a permission: the same for every post metric
                refusals.known.update({m: str(error) for m in metrics})
            metrics = refusals.usable(asked)
            payload = self._posts_request(page_id, handle, after, metrics, since)
        items = require_list(payload, "data", f"facebook:{handle} posts")
        refused = refusals.among(asked)
        page = []
        for item in items:
            post = parse.parse_post(item, handle, fetched_at)
            values = (
                parse.post_insights(item, post.post_id, asked, metrics, refused, handle)
                if asked
                else []
            )
            page.append((_with_views(post, values), values))
        return Page(page, next_after(payload))

    def _lives(
        self, page_id: str, handle: str, fetched_at: datetime, since: datetime | None = None
    ) -> tuple[tuple[LiveVideo, ...], tuple[str, ...]]:
        """The Page's live broadcasts, newest first, and recent ones' total views. Pages are
        followed until one reaches back past `since` (a backfill's date) or, on a night, past
        `[insights] live_days` (older broadcasts are not refreshed), within `max_pages`."""
        assert self.insights is not None
        recent_after = fetched_at - timedelta(days=self.insights.live_days)
        bound = since if since is not None else recent_after
        try:
            paged = paginate(
                lambda after: self._lives_page(page_id, handle, fetched_at, after),
                max_pages=self.max_pages,
                stop=lambda page: any(
                    v.started_at is not None and v.started_at < bound for v in page
                ),
            )
        except (GraphError, GraphPermissionError) as error:
            if not refusal(error):
                raise
            return (), (f"live videos not collected: {error}",)
        lives = paged.items
        metrics = self.insights.of("facebook_video")
        result = []
        for live in lives:
            # Only broadcasts that went on air, recently: a scheduled one has no audience yet.
            started = live.started_at
            if not metrics or live.video_id is None or started is None or started < recent_after:
                result.append(live)
                continue
            result.append(self._live_views(live, metrics, handle))
        return tuple(result), paged.note("live videos")

    def _lives_page(
        self, page_id: str, handle: str, fetched_at: datetime, after: str | None
    ) -> Page[LiveVideo, str]:
        params = {"fields": parse.LIVE_FIELDS, "limit": str(self.page_size)}
        if after:
            params["after"] = after
        where = f"facebook:{handle} live videos"
        payload = self.graph.get(f"{page_id}/live_videos", params, what=where)
        return Page(parse.parse_live_videos(payload, handle, fetched_at), next_after(payload))

    def _live_views(self, live: LiveVideo, metrics: tuple[str, ...], handle: str) -> LiveVideo:
        where = f"facebook:{handle} video {live.video_id} insights"

        def call(group: tuple[str, ...]) -> Any:
            return self.graph.get(
                f"{live.video_id}/insights", {"metric": ",".join(group)}, what=where
            )

        answers, refused = ask(metrics, call, self.refusals["facebook_video"])
        values = graph_insights.insight_values(metrics, answers, refused, where)
        total = next(
            (v for v in values if v.metric in graph_insights.VIEWS and v.value is not None), None
        )
        notes = [v.note for v in values if v.metric in graph_insights.VIEWS and v.note]
        return dataclasses.replace(
            live,
            total_views=total.value if total else None,
            note=joined(live.note, *(f"total views: {n}" for n in notes[:1])),
        )


def _with_views(post: PostStats, values: list[InsightValue]) -> PostStats:
    """The post's views (post_media_view) as its `views`; NULL with the reason otherwise."""
    views = [v for v in values if v.metric in graph_insights.VIEWS]
    if not views:
        return post
    known = next((v.value for v in views if v.value is not None), None)
    note = None if known is not None else f"views: {views[0].note}"
    return dataclasses.replace(post, views=known, note=joined(post.note, note))
