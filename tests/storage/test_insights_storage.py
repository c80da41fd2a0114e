"""storage/insights.py: insights per day and per night, idempotent; live broadcasts upserted;
the reach answer over a period (X's post views named impressions)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from collectors.records import AccountStats, InsightValue, LiveVideo, PostStats
from reports.answers.reach import reach_answer
from storage.insights import (
    reach_by_day,
    store_account_insights,
    store_live_videos,
    store_post_insights,
    top_post_views,
)
from storage.models import AccountInsight, LiveBroadcast, PostInsight
from storage.social import store_account_stats, store_posts

AT = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
NIGHT = date(2026, 3, 3)
YESTERDAY = date(2026, 3, 2)
ZONE = ZoneInfo("America/Bogota")


def account(session, platform="facebook", handle="AlcaldiaDeCali"):
    stats = AccountStats(platform=platform, handle=handle, fetched_at=AT, followers=10)
    return store_account_stats(session, stats, day=NIGHT, run_id=None, own=True)


def post(platform: str, post_id: str, views: int | None) -> PostStats:
    return PostStats(
        platform=platform,
        account_handle="AlcaldiaDeCali",
        post_id=post_id,
        fetched_at=AT,
        published_at=datetime(2026, 3, 1, 15, 0, tzinfo=UTC),
        views=views,
    )


DAY_VALUES = [
    InsightValue("page_total_media_view_unique", 402118, day=YESTERDAY),
    InsightValue("page_media_view", 1284310, day=YESTERDAY),
    InsightValue("page_impressions", None, day=YESTERDAY, note="refused by Meta: (#100) ..."),
]


def test_the_same_night_twice_writes_each_metric_once(session):
    page = account(session)
    store_posts(session, page, [post("facebook", "1_2", 58210)], day=NIGHT, run_id=None)
    values = [*DAY_VALUES, InsightValue("post_media_view", 58210, post_id="1_2")]
    for _ in range(2):
        store_account_insights(session, page, values, day=NIGHT, collected_at=AT, run_id=None)
        store_post_insights(session, page, values, day=NIGHT, collected_at=AT, run_id=None)
    assert session.scalar(select(func.count()).select_from(AccountInsight)) == 3
    assert session.scalar(select(func.count()).select_from(PostInsight)) == 1
    refused = session.scalars(
        select(AccountInsight).where(AccountInsight.metric == "page_impressions")
    ).one()
    assert refused.value is None and "(#100)" in (refused.note or "")
    assert refused.day == YESTERDAY


def test_a_refusal_later_never_erases_a_value_read_for_the_same_day(session):
    page = account(session)
    store_account_insights(session, page, DAY_VALUES[:1], day=NIGHT, collected_at=AT, run_id=None)
    later = [InsightValue("page_total_media_view_unique", None, day=YESTERDAY, note="(#10)")]
    store_account_insights(session, page, later, day=NIGHT, collected_at=AT, run_id=None)
    row = session.scalars(select(AccountInsight)).one()
    assert row.value == 402118


def test_live_broadcasts_upsert_and_keep_a_figure_meta_stops_giving(session):
    page = account(session)
    live = LiveVideo(
        platform="facebook",
        account_handle="AlcaldiaDeCali",
        live_id="L1",
        fetched_at=AT,
        title="Rendición de cuentas",
        started_at=datetime(2026, 3, 1, 23, 0, tzinfo=UTC),
        duration_s=7385,
        total_views=48730,
    )
    store_live_videos(session, page, [live], run_id=None)
    store_live_videos(
        session, page, [LiveVideo("facebook", "AlcaldiaDeCali", "L1", AT)], run_id=None
    )
    row = session.scalars(select(LiveBroadcast)).one()
    assert (row.title, row.total_views, row.duration_s) == ("Rendición de cuentas", 48730, 7385)


def test_reach_answer_adds_daily_reach_and_names_x_views_impressions(session):
    page = account(session)
    store_account_insights(session, page, DAY_VALUES, day=NIGHT, collected_at=AT, run_id=None)
    store_posts(session, page, [post("facebook", "1_2", 58210)], day=NIGHT, run_id=None)
    x = account(session, "twitter")
    store_posts(
        session,
        x,
        [post("twitter", "99", 18450), post("twitter", "98", None)],
        day=NIGHT,
        run_id=None,
    )
    live = LiveVideo(
        "facebook", "AlcaldiaDeCali", "L1", AT, started_at=datetime(2026, 3, 1, 23, 0, tzinfo=UTC)
    )
    store_live_videos(session, page, [live], run_id=None)

    answer = reach_answer(session, start=date(2026, 2, 24), end=YESTERDAY, zone=ZONE)
    rows = {row["platform"]: row for row in answer["accounts"]}
    assert rows["facebook"]["reach"] == 402118 and rows["facebook"]["views"] == 1284310
    assert rows["facebook"]["days_measured"] == 1
    # Post views as last read on or before the period's end: none yet for the 3 March night.
    assert rows["facebook"]["post_views"] is None and rows["facebook"]["posts"] == 1
    assert rows["twitter"]["post_views_label"] == "impressions"
    assert rows["twitter"]["reach"] is None  # never 0 for what was not measured
    assert [live["title"] for live in answer["live_videos"]] == [None]

    later = reach_answer(session, start=date(2026, 2, 24), end=NIGHT, zone=ZONE)
    x_row = next(r for r in later["accounts"] if r["platform"] == "twitter")
    assert (x_row["post_views"], x_row["posts_with_views"], x_row["posts"]) == (18450, 1, 2)


def test_reach_by_day_lists_refused_days_with_their_note_and_adds_metrics_of_a_kind(session):
    page = account(session)
    store_account_insights(session, page, DAY_VALUES, day=NIGHT, collected_at=AT, run_id=None)
    refused = [InsightValue("page_media_view", None, day=NIGHT, note="(#10) Not enough viewers")]
    store_account_insights(session, page, refused, day=NIGHT, collected_at=AT, run_id=None)
    days = reach_by_day(session, start=date(2026, 3, 1), end=NIGHT)
    assert [(d.day, d.reach, d.views, d.note) for d in days] == [
        # page_impressions is not a reach or views metric: its refusal is not this page's note.
        (YESTERDAY, 402118, 1284310, None),
        (NIGHT, None, None, "(#10) Not enough viewers"),
    ]
    # The refused night is not a day measured in the period's totals.
    total = reach_answer(session, start=date(2026, 3, 1), end=NIGHT, zone=ZONE)["accounts"]
    assert total[0]["days_measured"] == 1  # type: ignore[index]
    assert reach_by_day(session, start=date(2026, 3, 1), end=NIGHT, accounts=set()) == []


def test_top_post_views_ranks_the_posts_with_views_by_the_periods_end(session):
    page = account(session)
    posts = [
        post("facebook", "1_1", 100),
        post("facebook", "1_2", 900),
        post("facebook", "1_3", None),
    ]
    store_posts(session, page, posts, day=YESTERDAY, run_id=None)
    store_posts(session, page, [post("facebook", "1_1", 5000)], day=NIGHT, run_id=None)
    ranked = top_post_views(session, start=date(2026, 3, 1), end=YESTERDAY, zone=ZONE, limit=5)
    assert [(p.post_id, p.views) for p in ranked] == [("1_2", 900), ("1_1", 100)]
    later = top_post_views(session, start=date(2026, 3, 1), end=NIGHT, zone=ZONE, limit=1)
    assert [(p.post_id, p.views) for p in later] == [("1_1", 5000)]


def test_the_reach_answer_spans_the_whole_calendar(session):
    page = account(session)
    live = LiveVideo("facebook", "AlcaldiaDeCali", "L1", AT, started_at=AT)
    store_live_videos(session, page, [live], run_id=None)
    answer = reach_answer(session, start=date.min, end=date.max, zone=ZONE)
    assert len(answer["live_videos"]) == 1  # type: ignore[arg-type]
