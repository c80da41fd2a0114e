"""YouTube as Pulso knows it: Data API v3 with an API key, under a daily quota budget."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from collectors.platform import (
    Credential,
    Option,
    Platform,
    PostExport,
    Setup,
    TokenCheck,
    TokenStatus,
)
from collectors.youtube.rules import PACIFIC

if TYPE_CHECKING:  # the client (httpx) is imported when it is built, not to read the registry
    from collectors.base import Collector
    from collectors.youtube.client import YouTubeApi


def pacific_day_start(now: datetime) -> datetime:
    """YouTube's quota day starts at midnight Pacific time."""
    local = now.astimezone(PACIFIC)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def api(setup: Setup) -> YouTubeApi | None:
    """The run's client with today's quota already spent, or None without an API key."""
    key = setup.token("youtube_api_key")
    if key is None:
        return None

    def build() -> YouTubeApi:
        from collectors.youtube.client import QuotaMeter, YouTubeApi

        spent = setup.spent_since(pacific_day_start(setup.now))
        client = YouTubeApi(
            setup.policy,
            api_key=key,
            quota=QuotaMeter(setup.options["youtube_daily_quota"], spent=spent),
            base_url=setup.options["youtube_base_url"],
            transport=setup.transport,
        )
        setup.clients.on_close(client.close)
        return client

    return setup.clients.once("youtube", build)


def collector(setup: Setup) -> Collector | None:
    from collectors.youtube.client import YouTubeCollector

    client = api(setup)
    if client is None:
        return None
    options = setup.options
    return YouTubeCollector(
        client, max_videos=options["youtube_max_videos"], max_pages=options["max_pages"]
    )


def check_token(setup: Setup) -> TokenStatus | None:
    """One channels.list (1 quota unit): the key works (API keys do not expire)."""
    client = api(setup)
    if client is None:
        return None
    targets = sorted(setup.accounts, key=lambda t: not t.own)
    if not targets:
        return TokenStatus("not tested: no YouTube account configured")
    from collectors.youtube.client import channel_selector

    params = {"part": "id", **channel_selector(targets[0])}
    client.get("channels", params, what="youtube key check")
    return TokenStatus("API key works (1 quota unit)")


# YouTube Studio > Analytics > Advanced mode > Content > Export (`Table data.csv`).
STUDIO_EXPORT = PostExport(
    name="youtube",
    label="YouTube Studio",
    columns={
        "post_id": ("Content", "Contenido"),
        "text": ("Video title", "Título del video"),
        "published_at": ("Video publish time", "Hora de publicación del video"),
        "views": ("Views", "Vistas", "Visualizaciones"),
        "reactions": ("Likes", "Me gusta"),
        "comments": ("Comments added", "Comments", "Comentarios agregados", "Comentarios"),
        "shares": ("Shares", "Veces que se compartió"),
    },
    signature=("Content",),
    alternatives=("Video title", "Video publish time"),
    summary_rows=("Total", "Totales"),
)


PLATFORM = Platform(
    name="youtube",
    label="YouTube",
    credentials=(Credential("youtube_api_key", "PULSO_YOUTUBE_API_KEY"),),
    missing_credential="no YouTube API key: set PULSO_YOUTUBE_API_KEY",
    collector=collector,
    options=(
        Option("youtube_base_url", str, "https://www.googleapis.com"),
        Option("youtube_daily_quota", int, 10_000, minimum=1),
        Option("youtube_max_videos", int, 50, minimum=0),
    ),
    concurrency=2,
    token_check=TokenCheck("youtube", "set PULSO_YOUTUBE_API_KEY", check_token),
    aliases=("yt",),
    interactions=("reactions", "comments"),
    views="views",
    interaction_words=("me gusta + comentarios", "likes + comments"),
    exports=(STUDIO_EXPORT,),
    hosts=("youtube.com", "youtu.be"),
    post_url=lambda _handle, video_id: f"https://www.youtube.com/watch?v={video_id}",
    # The uploads playlist back to the backfill's date, 50 videos a page (1 unit each).
    backfill_options={"youtube_max_videos": 1_000_000},
)
