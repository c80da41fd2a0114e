"""Payload parsing is pure: fixtures shaped like the documented payloads -> expected records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from collectors.errors import BadPayload, TargetNotFound
from collectors.facebook import parse as facebook
from collectors.fields import as_count, parse_time
from collectors.graph import parse as graph
from collectors.instagram import parse as instagram
from collectors.tiktok import parse as tiktok
from collectors.twitter import parse as twitter
from collectors.youtube import parse as youtube
from tests.collectors.conftest import FETCHED_AT, as_dict, expected, payload

ACCOUNT_CASES: list[tuple[str, str, Callable[..., Any], str]] = [
    ("facebook", "page", facebook.parse_page, "AlcaldiaDeCali"),
    ("instagram", "user", instagram.parse_user, "alcaldiadecali"),
    ("instagram", "discovery", instagram.parse_discovery, "alcaldiabogota"),
    ("twitter", "user", twitter.parse_user, "AlcaldiaDeCali"),
    ("tiktok", "user", tiktok.parse_user, "alcaldiacali"),
]

PAGE_CASES: list[tuple[str, str, Callable[..., Any], str]] = [
    ("facebook", "posts", facebook.parse_posts, "AlcaldiaDeCali"),
    ("facebook", "posts_last_page", facebook.parse_posts, "AlcaldiaDeCali"),
    ("facebook", "posts_empty", facebook.parse_posts, "AlcaldiaDeCali"),
    ("instagram", "media", instagram.parse_media, "alcaldiadecali"),
    # A peer's media through Business Discovery: a full page (2) with only cursors has more.
    (
        "instagram",
        "discovery_media",
        lambda p, h, at: instagram.parse_discovery_media(p, h, at, 2),
        "alcaldiabogota",
    ),
    ("twitter", "tweets", twitter.parse_tweets, "AlcaldiaDeCali"),
    ("twitter", "tweets_empty", twitter.parse_tweets, "AlcaldiaDeCali"),
    ("tiktok", "videos", tiktok.parse_videos, "alcaldiacali"),
    ("tiktok", "videos_last", tiktok.parse_videos, "alcaldiacali"),
]

CHANGED_SHAPE: list[tuple[str, str, Callable[..., Any], str]] = [
    ("facebook", "posts_changed_shape", facebook.parse_posts, "'data'"),
    ("instagram", "user_changed_shape", instagram.parse_user, "'id'"),
    ("twitter", "user_changed_shape", twitter.parse_user, "'data.public_metrics'"),
    ("youtube", "channel_changed_shape", youtube.parse_channel, "'statistics'"),
    # A count that was requested and is absent is a changed payload, not an unknown count.
    ("facebook", "page_without_followers", facebook.parse_page, "followers_count: missing"),
    ("tiktok", "user_without_stats_scope", tiktok.parse_user, "follower_count: missing"),
]


@pytest.mark.parametrize(("platform", "case", "parser", "handle"), ACCOUNT_CASES)
def test_account_payload_parses_to_expected_counts(platform, case, parser, handle):
    record = parser(payload(platform, case), handle, FETCHED_AT)
    assert as_dict(record) == expected(platform, case)


@pytest.mark.parametrize(("platform", "case", "parser", "handle"), PAGE_CASES)
def test_page_of_posts_parses_to_expected_records_and_cursor(platform, case, parser, handle):
    posts, next_cursor = parser(payload(platform, case), handle, FETCHED_AT)
    want = expected(platform, case)
    assert [as_dict(p) for p in posts] == want["posts"]
    assert next_cursor == want["next"]


@pytest.mark.parametrize(("platform", "case", "parser", "field"), CHANGED_SHAPE)
def test_changed_payload_shape_is_bad_payload_naming_the_field(platform, case, parser, field):
    with pytest.raises(BadPayload) as raised:
        parser(payload(platform, case), "AlcaldiaDeCali", FETCHED_AT)
    assert field in str(raised.value)
    assert platform in str(raised.value)


@pytest.mark.parametrize("case", ["channel", "channel_hidden_subscribers"])
def test_youtube_channel_counts_from_strings_and_uploads_playlist(case):
    account, uploads = youtube.parse_channel(payload("youtube", case), "AlcaldiaDeCali", FETCHED_AT)
    want = expected("youtube", case)
    assert as_dict(account) == want["account"]
    assert uploads == want["uploads"]


def test_hidden_youtube_subscriber_count_is_none_not_zero():
    account, _ = youtube.parse_channel(
        payload("youtube", "channel_hidden_subscribers"), "AlcaldiaDeCali", FETCHED_AT
    )
    assert account.followers is None


def test_youtube_videos_missing_likes_and_comments_are_none():
    posts = youtube.parse_videos(payload("youtube", "videos"), "AlcaldiaDeCali", FETCHED_AT)
    assert [as_dict(p) for p in posts] == expected("youtube", "videos")["posts"]


def test_youtube_playlist_items_give_video_ids():
    ids, token = youtube.parse_playlist_items(payload("youtube", "playlist_items"), "x")
    assert ids == ["dQw4w9WgXcQ", "aBcDeFgHiJk"]
    assert token is None


@pytest.mark.parametrize(
    ("platform", "case", "parser"),
    [
        ("youtube", "channel_not_found", youtube.parse_channel),
        ("twitter", "user_not_found", twitter.parse_user),
    ],
)
def test_unknown_account_is_target_not_found(platform, case, parser):
    with pytest.raises(TargetNotFound):
        parser(payload(platform, case), "NoSuchOffice", FETCHED_AT)


def test_facebook_next_cursor_comes_from_paging_next_without_its_token():
    _, after = facebook.parse_posts(payload("facebook", "posts"), "AlcaldiaDeCali", FETCHED_AT)
    assert after == "QVFIUafter1"


@pytest.mark.parametrize(
    ("case", "views"), [("insights_views", 48210), ("insights_total_value", 3120)]
)
def test_instagram_views_insight_in_both_documented_shapes(case, views):
    assert instagram.parse_views(payload("instagram", case)) == views


def test_instagram_insights_answer_without_the_views_metric_is_bad_payload():
    with pytest.raises(BadPayload, match="no 'views' metric"):
        instagram.parse_views({"data": []}, "instagram:alcaldiadecali media 1 insights")


def test_instagram_business_discovery_fields_name_the_peer():
    assert instagram.discovery_fields("alcaldiabogota") == (
        "business_discovery.username(alcaldiabogota)"
        "{username,name,followers_count,follows_count,media_count}"
    )


def test_instagram_business_discovery_asks_for_the_peers_media_in_the_same_request():
    assert instagram.discovery_fields("alcaldiabogota", media_limit=25) == (
        "business_discovery.username(alcaldiabogota)"
        "{username,name,followers_count,follows_count,media_count,"
        "media.limit(25){id,caption,timestamp,permalink,media_type,media_product_type,"
        "like_count,comments_count}}"
    )
    assert instagram.discovery_fields("alcaldiabogota", media_limit=25, after="QVFI") == (
        "business_discovery.username(alcaldiabogota)"
        "{media.after(QVFI).limit(25){id,caption,timestamp,permalink,media_type,"
        "media_product_type,like_count,comments_count}}"
    )


def test_instagram_peer_media_short_page_or_no_media_edge_is_the_last_page():
    answer = payload("instagram", "discovery_media")
    posts, after = instagram.parse_discovery_media(answer, "alcaldiabogota", FETCHED_AT, 25)
    assert len(posts) == 2 and after is None
    counts_only = payload("instagram", "discovery")
    assert instagram.parse_discovery_media(counts_only, "x", FETCHED_AT, 25) == ([], None)


def test_meta_debug_token_gives_expiry_and_scopes():
    info = graph.parse_debug_token(payload("facebook", "debug_token"))
    assert info.valid is True
    assert info.expires_at == datetime.fromtimestamp(1796774400, UTC)
    assert "read_insights" in info.scopes


def test_meta_debug_token_zero_expiry_means_never():
    info = graph.parse_debug_token({"data": {"is_valid": True, "expires_at": 0, "scopes": []}})
    assert info.expires_at is None


def test_tiktok_token_answer_gives_expiries_from_expires_in():
    obtained = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)
    state = tiktok.parse_token(payload("tiktok", "token"), obtained)
    assert state.refresh_token == "rft.example1NEW"
    assert state.access_expires_at == datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    assert state.refresh_expires_at == datetime(2027, 5, 21, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "count"),
    [
        (12, 12),
        ("132000", 132000),
        (" 7 ", 7),
        (None, None),
        ("", None),
        ("n/a", None),
        (True, None),
        (-1, None),
        (3.5, None),
    ],
)
def test_counts_accept_ints_and_digit_strings_only(value, count):
    assert as_count(value) == count


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        ("2026-03-02T14:05:11.000Z", datetime(2026, 3, 2, 14, 5, 11, tzinfo=UTC)),
        ("2026-03-02T14:05:11+0000", datetime(2026, 3, 2, 14, 5, 11, tzinfo=UTC)),
        ("2026-03-02T09:05:11-0500", datetime(2026, 3, 2, 14, 5, 11, tzinfo=UTC)),
        (1772460311, datetime(2026, 3, 2, 14, 5, 11, tzinfo=UTC)),
        ("yesterday", None),
        (None, None),
    ],
)
def test_platform_timestamps_become_aware_utc(text, instant):
    assert parse_time(text) == instant
