"""Insights metric names as data: the defaults of `[insights]`, and which name means reach
or views, so settings, storage and reports read them without knowing a platform's package.

Current names (Graph API v25/v26, late 2026). Meta retired `page_impressions` (successor
`page_media_view`), `page_impressions_unique` (`page_total_media_view_unique`), `page_fans`
(`page_follows`) and `post_impressions` (`post_media_view`) on 15 Nov 2025; Instagram's
`views` replaced `impressions`, `plays` and `video_views` in April 2025. The next retirement
is a change of `[insights]` in pulso.toml, not of code.
"""

from __future__ import annotations

DEFAULT_METRICS: dict[str, tuple[str, ...]] = {
    "facebook_page": (
        "page_media_view",
        "page_total_media_view_unique",
        "page_post_engagements",
        "page_follows",
    ),
    "facebook_post": ("post_media_view", "post_total_media_view_unique"),
    "facebook_video": ("total_video_views",),
    "instagram_account": ("reach", "views", "total_interactions", "accounts_engaged"),
    "instagram_media": ("views", "reach", "saved", "shares", "total_interactions"),
}
VIEWS = frozenset({"page_media_view", "post_media_view", "views", "total_video_views"})
REACH = frozenset({"page_total_media_view_unique", "post_total_media_view_unique", "reach"})
