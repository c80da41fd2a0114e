"""storage/social.py: idempotent upserts, NULLs kept, X's since_id from the newest post."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import select

from collectors.records import AccountStats, PostStats
from storage.db import transaction
from storage.models import FollowerSnapshot, Post, PostMetricSnapshot
from storage.runs import record_result, start_run
from storage.social import last_post_id, quota_units_since, store_account_stats, store_posts

AT = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
DAY = date(2026, 3, 3)
STATS = AccountStats(
    platform="youtube",
    handle="AlcaldiaDeCali",
    fetched_at=AT,
    platform_id="UCy",
    followers=None,
    views_total=1200400,
)


def post(post_id: str, **counts) -> PostStats:
    return PostStats(
        platform="twitter",
        account_handle="AlcaldiaDeCali",
        post_id=post_id,
        fetched_at=AT,
        text="hola",
        **counts,
    )


def test_snapshot_upsert_is_idempotent_and_keeps_null_followers(any_engine):
    for _ in range(2):
        with transaction(any_engine) as session:
            store_account_stats(session, STATS, day=DAY, run_id=None, own=True)
    with transaction(any_engine) as session:
        rows = session.scalars(select(FollowerSnapshot)).all()
        assert len(rows) == 1
        assert rows[0].followers is None and rows[0].views_total == 1200400
        assert rows[0].source == "collected"


def test_posts_upsert_updates_todays_metrics_and_adds_a_new_day(any_engine):
    with transaction(any_engine) as session:
        account = store_account_stats(
            session, replace(STATS, platform="twitter"), day=DAY, run_id=None, own=True
        )
        assert store_posts(session, account, [post("10", reactions=5)], day=DAY, run_id=None) == 1
        store_posts(
            session, account, [replace(post("10", reactions=7), text=None)], day=DAY, run_id=None
        )
        store_posts(session, account, [post("10", reactions=9)], day=date(2026, 3, 4), run_id=None)
    with transaction(any_engine) as session:
        posts = session.scalars(select(Post)).all()
        metrics = sorted(session.scalars(select(PostMetricSnapshot)).all(), key=lambda m: m.day)
        assert len(posts) == 1 and posts[0].text == "hola"
        assert [(m.day, m.reactions, m.comments) for m in metrics] == [
            (DAY, 7, None),
            (date(2026, 3, 4), 9, None),
        ]


def test_last_post_id_compares_x_ids_as_numbers(any_engine):
    with transaction(any_engine) as session:
        assert last_post_id(session, platform="twitter", handle="AlcaldiaDeCali") is None
        account = store_account_stats(
            session, replace(STATS, platform="twitter"), day=DAY, run_id=None, own=True
        )
        store_posts(
            session, account, [post("999"), post("1000"), post("998")], day=DAY, run_id=None
        )
        assert last_post_id(session, platform="twitter", handle="@alcaldiadecali") == "1000"


def test_quota_units_are_summed_from_todays_results(any_engine):
    with transaction(any_engine) as session:
        run_id = start_run(session, day=DAY, kind="manual")
        for source, units in (("youtube:a", 3), ("youtube:b", 4)):
            record_result(
                session,
                run_id=run_id,
                source=source,
                kind="youtube",
                status="ok",
                started_at=AT,
                counts={"quota_units": units, "posts": 2},
            )
        since = datetime(2000, 1, 1, tzinfo=UTC)
        assert quota_units_since(session, kind="youtube", since=since) == 7
        assert (
            quota_units_since(session, kind="youtube", since=datetime(2100, 1, 1, tzinfo=UTC)) == 0
        )
