"""A small reach history stored through the real storage functions, as a night stores it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from collectors.records import AccountStats, InsightValue, LiveVideo, Platform, PostStats
from storage.db import transaction
from storage.insights import store_account_insights, store_live_videos
from storage.models import Account
from storage.social import store_account_stats, store_posts

NIGHT = date(2026, 11, 20)
AT = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
SCRIPT = "<script>alert('vivo')</script>"
REFUSED = "(#100) The value must be a valid insights metric"
NO_PEAK = "peak viewers: the Graph API does not give them for a broadcast"


def account(session: Session, platform: Platform, handle: str) -> Account:
    stats = AccountStats(platform=platform, handle=handle, fetched_at=AT, followers=1000)
    return store_account_stats(session, stats, day=NIGHT, run_id=None, own=True)


def post(platform: Platform, handle: str, post_id: str, views: int | None, text: str) -> PostStats:
    return PostStats(
        platform=platform,
        account_handle=handle,
        post_id=post_id,
        fetched_at=AT,
        published_at=datetime(2026, 11, 12, 15, 0, tzinfo=UTC),
        url=f"https://www.example.com/{post_id}",
        text=text,
        views=views,
    )


def seed_reach(engine: Engine) -> None:
    """Facebook: reach and views on 16-18 Nov, reach refused on the 18th, nothing on the 17th
    for views; Instagram: one day; X: posts with impressions; a live with a hostile title."""
    with transaction(engine) as session:
        page = account(session, "facebook", "AlcaldiaDeCali")
        values = [
            InsightValue("page_total_media_view_unique", 402118, day=date(2026, 11, 16)),
            InsightValue("page_media_view", 1284310, day=date(2026, 11, 16)),
            InsightValue("page_total_media_view_unique", 398000, day=date(2026, 11, 17)),
            InsightValue(
                "page_total_media_view_unique", None, day=date(2026, 11, 18), note=REFUSED
            ),
            InsightValue("page_media_view", 1100000, day=date(2026, 11, 18)),
        ]
        store_account_insights(session, page, values, day=NIGHT, collected_at=AT, run_id=None)
        gram = account(session, "instagram", "alcaldiadecali")
        store_account_insights(
            session,
            gram,
            [InsightValue("reach", 51000, day=date(2026, 11, 16))],
            day=NIGHT,
            collected_at=AT,
            run_id=None,
        )
        x = account(session, "twitter", "AlcaldiaDeCali")
        store_posts(
            session,
            page,
            [
                post("facebook", "AlcaldiaDeCali", "1_1", 58210, "Vacunación en la comuna 15"),
                post("facebook", "AlcaldiaDeCali", "1_2", None, "Sin vistas medidas"),
            ],
            day=NIGHT,
            run_id=None,
        )
        store_posts(
            session,
            x,
            [post("twitter", "AlcaldiaDeCali", "99", 18450, "Cierre vial en la Calle 5")],
            day=NIGHT,
            run_id=None,
        )
        lives = [
            LiveVideo(
                platform="facebook",
                account_handle="AlcaldiaDeCali",
                live_id="L1",
                fetched_at=AT,
                title=SCRIPT,
                status="VOD",
                # 00:30 UTC on the 14th is 19:30 on the 13th in Bogotá.
                started_at=datetime(2026, 11, 14, 0, 30, tzinfo=UTC),
                duration_s=7385,
                total_views=48730,
                peak_viewers=None,
                note=NO_PEAK,
            ),
            LiveVideo(
                platform="facebook",
                account_handle="AlcaldiaDeCali",
                live_id="L2",
                fetched_at=AT,
                title="Rendición de cuentas 2026",
                started_at=datetime(2026, 11, 18, 20, 0, tzinfo=UTC),
                duration_s=3600,
                total_views=12000,
                peak_viewers=1450,
            ),
        ]
        store_live_videos(session, page, lives, run_id=None)
