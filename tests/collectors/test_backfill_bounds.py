"""Backfills' date bound (`Target.posts_since`): YouTube pages its uploads back to the date and
no further (1 unit a page), the Graph API and X are asked to filter by date themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import responses
import respx

from collectors.base import Target
from collectors.facebook.client import FacebookCollector
from collectors.graph.api import GraphApi
from collectors.http import HttpPolicy, HttpSession
from collectors.instagram.client import InstagramCollector
from collectors.tiktok.client import TikTokCollector
from collectors.tiktok.parse import TokenState
from collectors.tiktok.rules import TikTokRules
from collectors.tiktok.tokens import TikTokAuth, TokenFile
from collectors.twitter.client import TwitterCollector, make_client
from collectors.youtube.client import QuotaMeter, YouTubeApi, YouTubeCollector
from tests.collectors.conftest import FETCHED_AT, payload

YT = "https://yt.test/youtube/v3"
SINCE = datetime(2026, 2, 1, 5, 0, tzinfo=UTC)  # 1 Feb 2026, 00:00 in Bogotá
OWN_YT = Target(
    platform="youtube",
    handle="AlcaldiaDeCali",
    platform_id="UCxxxxxxxxxxxxxxxxxxxxxx",
    posts_since=SINCE,
)


def _playlist(ids: list[tuple[str, str]], next_token: str | None) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "kind": "youtube#playlistItemListResponse",
        "etag": "Pl",
        "pageInfo": {"totalResults": 3210, "resultsPerPage": 50},
        "items": [
            {
                "kind": "youtube#playlistItem",
                "etag": f"Pi{video}",
                "id": f"VVV{video}",
                "contentDetails": {"videoId": video, "videoPublishedAt": published},
            }
            for video, published in ids
        ],
    }
    if next_token:
        answer["nextPageToken"] = next_token
    return answer


def _videos(ids: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "kind": "youtube#videoListResponse",
        "etag": "Vl",
        "pageInfo": {"totalResults": len(ids), "resultsPerPage": len(ids)},
        "items": [
            {
                "kind": "youtube#video",
                "etag": f"V{video}",
                "id": video,
                "snippet": {
                    "publishedAt": published,
                    "channelId": "UCxxxxxxxxxxxxxxxxxxxxxx",
                    "title": f"Video {video}",
                },
                "statistics": {"viewCount": "100", "likeCount": "5", "commentCount": "1"},
            }
            for video, published in ids
        ],
    }


PAGE_1 = [("vid-mar", "2026-03-01T15:00:00Z"), ("vid-feb", "2026-02-10T15:00:00Z")]
PAGE_2 = [("vid-feb2", "2026-02-01T06:00:00Z"), ("vid-jan", "2026-01-20T15:00:00Z")]


@respx.mock
def test_youtube_reads_uploads_back_to_the_date_and_stops() -> None:
    respx.get(f"{YT}/channels").mock(
        return_value=httpx.Response(200, json=payload("youtube", "channel"))
    )
    playlist = respx.get(f"{YT}/playlistItems").mock(
        side_effect=[
            httpx.Response(200, json=_playlist(PAGE_1, "CAIQAA")),
            httpx.Response(200, json=_playlist(PAGE_2, "CAQQAA")),
        ]
    )
    respx.get(f"{YT}/videos").mock(
        side_effect=[
            httpx.Response(200, json=_videos(PAGE_1)),
            httpx.Response(200, json=_videos(PAGE_2)),
        ]
    )
    api = YouTubeApi(
        HttpPolicy(max_retries=0),
        api_key="AIzaTEST",
        quota=QuotaMeter(10_000),
        base_url="https://yt.test",
    )
    result = YouTubeCollector(api, max_videos=100_000, max_pages=2_000).collect(OWN_YT, FETCHED_AT)
    # The page holding a January video is the last read; that video is not kept.
    assert [p.post_id for p in result.posts] == ["vid-mar", "vid-feb", "vid-feb2"]
    assert playlist.call_count == 2
    assert playlist.calls[0].request.url.params["maxResults"] == "50"
    assert playlist.calls[1].request.url.params["pageToken"] == "CAIQAA"
    assert result.counts == {"quota_units": 5}  # channel + 2 × (playlist page + videos)
    assert result.notes == ()


@respx.mock
def test_youtube_without_a_bound_is_the_nightly_newest_videos() -> None:
    respx.get(f"{YT}/channels").mock(
        return_value=httpx.Response(200, json=payload("youtube", "channel"))
    )
    respx.get(f"{YT}/playlistItems").mock(
        return_value=httpx.Response(200, json=payload("youtube", "playlist_items"))
    )
    respx.get(f"{YT}/videos").mock(
        return_value=httpx.Response(200, json=payload("youtube", "videos"))
    )
    api = YouTubeApi(
        HttpPolicy(max_retries=0), api_key="K", quota=QuotaMeter(100), base_url="https://yt.test"
    )
    result = YouTubeCollector(api, max_videos=2).collect(
        replace(OWN_YT, posts_since=None), FETCHED_AT
    )
    assert len(result.posts) == 2 and result.counts == {"quota_units": 3}


GRAPH = "https://graph.test/v25.0"


@respx.mock
def test_facebook_asks_the_graph_api_for_posts_since_the_date() -> None:
    respx.get(f"{GRAPH}/123456789012345").mock(
        return_value=httpx.Response(200, json=payload("facebook", "page"))
    )
    posts = respx.get(f"{GRAPH}/123456789012345/posts").mock(
        return_value=httpx.Response(200, json=payload("facebook", "posts_last_page"))
    )
    graph = GraphApi(
        HttpPolicy(max_retries=0), token="EAAGtest", version="v25.0", base_url="https://graph.test"
    )
    target = Target(
        platform="facebook",
        handle="AlcaldiaDeCali",
        platform_id="123456789012345",
        posts_since=SINCE,
    )
    result = FacebookCollector(graph, max_pages=2_000).collect(target, FETCHED_AT)
    assert posts.calls[0].request.url.params["since"] == str(int(SINCE.timestamp()))
    assert [p.post_id for p in result.posts] == ["123456789012345_987654321098600"]


@responses.activate
def test_x_asks_for_posts_from_the_date_only() -> None:
    x = "https://api.twitter.com/2"
    responses.get(f"{x}/users/by/username/AlcaldiaDeCali", json=payload("twitter", "user"))
    responses.get(f"{x}/users/123456789/tweets", json=payload("twitter", "tweets_empty"))
    client = make_client(HttpPolicy(), bearer_token="AAAAtest", base_url="https://api.twitter.com")
    TwitterCollector(client, max_pages=32).collect(
        Target(platform="twitter", handle="AlcaldiaDeCali", posts_since=SINCE), FETCHED_AT
    )
    url = str(responses.calls[1].request.url)
    assert "start_time=2026-02-01T05%3A00%3A00" in url
    assert "since_id" not in url


@respx.mock
def test_instagram_stops_at_the_page_holding_an_older_media_and_skips_its_views() -> None:
    respx.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(200, json=payload("instagram", "user"))
    )
    media = respx.get(f"{GRAPH}/17841400000000000/media").mock(
        return_value=httpx.Response(200, json=payload("instagram", "media"))
    )
    respx.get(f"{GRAPH}/18012345678901234/insights").mock(
        return_value=httpx.Response(200, json=payload("instagram", "insights_views"))
    )
    graph = GraphApi(
        HttpPolicy(max_retries=0), token="EAAGtest", version="v25.0", base_url="https://graph.test"
    )
    target = Target(
        platform="instagram",
        handle="alcaldiadecali",
        platform_id="17841400000000000",
        posts_since=datetime(2026, 3, 2, 5, 0, tzinfo=UTC),
    )
    result = InstagramCollector(graph, max_pages=2_000).collect(target, FETCHED_AT)
    # The page has a next cursor, but its 1 March media is older: no second page, and the
    # older media's views are not asked for (no route for them: respx would refuse).
    assert media.call_count == 1
    assert [p.post_id for p in result.posts] == ["18012345678901234"]


@respx.mock
def test_tiktok_stops_at_the_page_holding_an_older_video(tmp_path: Path) -> None:
    respx.get("https://tt.test/v2/user/info/").mock(
        return_value=httpx.Response(200, json=payload("tiktok", "user"))
    )
    videos = respx.post("https://tt.test/v2/video/list/").mock(
        return_value=httpx.Response(200, json=payload("tiktok", "videos"))  # has_more: true
    )
    session = HttpSession(
        HttpPolicy(max_retries=0), rules=TikTokRules(), base_url="https://tt.test"
    )
    later = datetime.now(UTC) + timedelta(days=30)
    auth = TikTokAuth(
        session,
        initial=TokenState("act.OK", "rft.OK", later, later),
        store=TokenFile(tmp_path / "tiktok-token.json"),
        client_key="clientKEY",
        client_secret="clientSECRET",
    )
    target = Target(
        platform="tiktok", handle="alcaldiacali", posts_since=datetime(2026, 3, 3, tzinfo=UTC)
    )
    result = TikTokCollector(session, auth, max_pages=2_000).collect(target, FETCHED_AT)
    # Its one video (2 March) is older than the bound: no second page, nothing kept.
    assert videos.call_count == 1
    assert result.posts == ()
