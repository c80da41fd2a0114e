"""YouTube: quota counted per request and never spent past the configured budget."""

from __future__ import annotations

import httpx
import pytest
import respx

from collectors.base import Target
from collectors.errors import RateLimited
from collectors.http import HttpPolicy
from collectors.youtube.client import QuotaMeter, YouTubeApi, YouTubeCollector
from tests.collectors.conftest import FETCHED_AT, payload

YT = "https://yt.test/youtube/v3"
OWN = Target(platform="youtube", handle="AlcaldiaDeCali", platform_id="UCxxxxxxxxxxxxxxxxxxxxxx")


def mock_channel() -> None:
    respx.get(f"{YT}/channels").mock(
        return_value=httpx.Response(200, json=payload("youtube", "channel"))
    )
    respx.get(f"{YT}/playlistItems").mock(
        return_value=httpx.Response(200, json=payload("youtube", "playlist_items"))
    )
    respx.get(f"{YT}/videos").mock(
        return_value=httpx.Response(200, json=payload("youtube", "videos"))
    )


def collector(budget: int, spent: int = 0, max_videos: int = 50) -> YouTubeCollector:
    api = YouTubeApi(
        HttpPolicy(max_retries=0),
        api_key="AIzaTEST",
        quota=QuotaMeter(budget, spent),
        base_url="https://yt.test",
    )
    return YouTubeCollector(api, max_videos=max_videos)


@respx.mock
def test_channel_uploads_and_videos_cost_three_units():
    mock_channel()
    result = collector(100).collect(OWN, FETCHED_AT)
    assert result.counts == {"quota_units": 3}
    assert result.account.followers == 132000
    assert [p.views for p in result.posts] == [10450, 2301]
    assert respx.calls[1].request.url.params["playlistId"] == "UUxxxxxxxxxxxxxxxxxxxxxx"
    assert respx.calls[2].request.url.params["id"] == "dQw4w9WgXcQ,aBcDeFgHiJk"


@respx.mock
def test_budget_stops_before_the_request_that_would_pass_it():
    mock_channel()
    with pytest.raises(RateLimited, match="budget"):
        collector(10_000, spent=9_998).collect(OWN, FETCHED_AT)
    assert len(respx.calls) == 2


@respx.mock
def test_handle_without_id_uses_for_handle_and_peer_reads_its_videos_like_an_own_channel():
    mock_channel()
    peer = Target(platform="youtube", handle="AlcaldiaBogota", own=False)
    result = collector(100).collect(peer, FETCHED_AT)
    channels = respx.calls[0].request.url.params
    assert channels["forHandle"] == "@AlcaldiaBogota"
    assert respx.calls[1].request.url.params["playlistId"] == "UUxxxxxxxxxxxxxxxxxxxxxx"
    assert [p.account_handle for p in result.posts] == ["AlcaldiaBogota"] * 2
    # channels + playlistItems + videos: one unit each, as for an own channel
    assert result.counts == {"quota_units": 3}


@respx.mock
def test_peer_with_collect_posts_off_reads_only_the_channel():
    route = respx.get(f"{YT}/channels").mock(
        return_value=httpx.Response(200, json=payload("youtube", "channel"))
    )
    peer = Target(platform="youtube", handle="AlcaldiaBogota", own=False, collect_posts=False)
    result = collector(100).collect(peer, FETCHED_AT)
    assert route.call_count == 1
    assert result.posts == () and result.counts == {"quota_units": 1}
