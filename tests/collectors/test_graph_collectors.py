"""Facebook and Instagram collectors against respx: paging, degrading insights, peers."""

from __future__ import annotations

import httpx
import pytest
import respx

from collectors.base import Target
from collectors.errors import AuthError, PermanentError, TargetNotFound
from collectors.facebook.client import FacebookCollector
from collectors.graph.api import GraphApi
from collectors.http import HttpPolicy
from collectors.instagram.client import InstagramCollector
from tests.collectors.conftest import FETCHED_AT, payload

GRAPH = "https://graph.test/v25.0"
PAGE = Target(platform="facebook", handle="AlcaldiaDeCali", platform_id="123456789012345")
IG = Target(platform="instagram", handle="alcaldiadecali", platform_id="17841400000000000")


def graph(**kwargs) -> GraphApi:
    return GraphApi(
        HttpPolicy(max_retries=0), token="EAAGgraphTEST", base_url="https://graph.test", **kwargs
    )


@respx.mock
def test_facebook_follows_paging_next_without_reusing_its_token():
    respx.get(f"{GRAPH}/123456789012345").mock(
        return_value=httpx.Response(200, json=payload("facebook", "page"))
    )
    posts = respx.get(f"{GRAPH}/123456789012345/posts").mock(
        side_effect=[
            httpx.Response(200, json=payload("facebook", "posts")),
            httpx.Response(200, json=payload("facebook", "posts_last_page")),
        ]
    )
    result = FacebookCollector(graph(), max_pages=5).collect(PAGE, FETCHED_AT)
    assert result.account.followers == 1204311
    assert len(result.posts) == 3 and result.notes == ()
    second = posts.calls[1].request.url
    assert second.params["after"] == "QVFIUafter1"
    assert second.params["access_token"] == "EAAGgraphTEST"
    assert "reactions.summary(total_count).limit(0)" in second.params["fields"]


@respx.mock
def test_facebook_page_limit_notes_older_posts_unread():
    respx.get(f"{GRAPH}/123456789012345").mock(
        return_value=httpx.Response(200, json=payload("facebook", "page"))
    )
    respx.get(f"{GRAPH}/123456789012345/posts").mock(
        return_value=httpx.Response(200, json=payload("facebook", "posts"))
    )
    result = FacebookCollector(graph(), max_pages=1).collect(PAGE, FETCHED_AT)
    assert len(result.posts) == 2
    assert "stopped after 1 page" in result.notes[0]


def test_facebook_peer_is_refused_plainly():
    peer = Target(platform="facebook", handle="AlcaldiaBogota", own=False)
    with pytest.raises(PermanentError, match="Page Public Content Access"):
        FacebookCollector(graph()).collect(peer, FETCHED_AT)


@respx.mock
def test_facebook_with_app_secret_sends_appsecret_proof():
    route = respx.get(f"{GRAPH}/123456789012345").mock(
        return_value=httpx.Response(200, json=payload("facebook", "page"))
    )
    FacebookCollector(graph(app_secret="appSECRET")).collect(
        Target(platform="facebook", handle="x", platform_id="123456789012345", collect_posts=False),
        FETCHED_AT,
    )
    assert len(route.calls.last.request.url.params["appsecret_proof"]) == 64


@pytest.mark.parametrize("case", ["insights_not_enough_viewers", "insights_invalid_metric"])
@respx.mock
def test_instagram_views_degrade_to_null_on_not_enough_viewers_or_invalid_metric(case):
    respx.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(200, json=payload("instagram", "user"))
    )
    respx.get(f"{GRAPH}/17841400000000000/media").mock(
        return_value=httpx.Response(200, json=payload("instagram", "media"))
    )
    respx.get(f"{GRAPH}/18012345678901234/insights").mock(
        return_value=httpx.Response(200, json=payload("instagram", "insights_views"))
    )
    respx.get(f"{GRAPH}/18012345678901111/insights").mock(
        return_value=httpx.Response(400, json=payload("instagram", case))
    )
    result = InstagramCollector(graph()).collect(IG, FETCHED_AT)
    views = {p.post_id: p.views for p in result.posts}
    assert views == {"18012345678901234": 48210, "18012345678901111": None}
    assert "views unavailable for 1 media" in result.notes[0]
    refused = next(p for p in result.posts if p.post_id == "18012345678901111")
    assert "views unavailable" in (refused.note or "") and "(#1" in (refused.note or "")


@respx.mock
def test_instagram_expired_token_on_insights_still_fails_the_account():
    respx.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(200, json=payload("instagram", "user"))
    )
    respx.get(f"{GRAPH}/17841400000000000/media").mock(
        return_value=httpx.Response(200, json=payload("instagram", "media"))
    )
    respx.get(url__regex=r".*/insights").mock(
        return_value=httpx.Response(400, json=payload("facebook", "token_expired"))
    )
    with pytest.raises(AuthError):
        InstagramCollector(graph()).collect(IG, FETCHED_AT)


@respx.mock
def test_instagram_peer_through_business_discovery_of_the_own_account():
    route = respx.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(200, json=payload("instagram", "discovery"))
    )
    peer = Target(platform="instagram", handle="alcaldiabogota", own=False)
    result = InstagramCollector(graph(), discovery_account="17841400000000000").collect(
        peer, FETCHED_AT
    )
    assert result.account.followers == 1530220 and result.posts == ()
    assert route.calls.last.request.url.params["fields"].startswith(
        "business_discovery.username(alcaldiabogota)"
    )


@respx.mock
def test_instagram_peer_media_ride_on_business_discovery_and_page_by_cursor():
    def answer(request: httpx.Request) -> httpx.Response:
        fields = request.url.params["fields"]
        case = (
            "discovery_media_page2"
            if "media.after(QVFIUbogAfter1)" in fields
            else ("discovery_media")
        )
        return httpx.Response(200, json=payload("instagram", case))

    route = respx.get(f"{GRAPH}/17841400000000000").mock(side_effect=answer)
    peer = Target(platform="instagram", handle="@alcaldiabogota", own=False)
    collector = InstagramCollector(graph(), discovery_account="17841400000000000", page_size=2)
    result = collector.collect(peer, FETCHED_AT)
    assert result.account.followers == 1530220
    assert [(p.post_id, p.reactions, p.comments, p.views) for p in result.posts] == [
        ("17990000000000001", 8120, 402, None),
        ("17990000000000002", None, 57, None),  # likes hidden: unknown, not zero
        ("17990000000000003", 990, 31, None),
    ]
    first, second = (call.request.url.params["fields"] for call in route.calls)
    assert first.startswith("business_discovery.username(alcaldiabogota){username,")
    assert "media.limit(2){id,caption,timestamp,permalink" in first
    assert second == (
        "business_discovery.username(alcaldiabogota){media.after(QVFIUbogAfter1).limit(2)"
        "{id,caption,timestamp,permalink,media_type,media_product_type,like_count,"
        "comments_count}}"
    )
    assert result.notes == ()  # the short second page was the last


@respx.mock
def test_instagram_peer_with_collect_posts_off_asks_for_counts_only():
    route = respx.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(200, json=payload("instagram", "discovery"))
    )
    peer = Target(platform="instagram", handle="alcaldiabogota", own=False, collect_posts=False)
    result = InstagramCollector(graph(), discovery_account="17841400000000000").collect(
        peer, FETCHED_AT
    )
    assert "media{" not in route.calls.last.request.url.params["fields"]
    assert "media.limit" not in route.calls.last.request.url.params["fields"]
    assert result.posts == () and result.notes == (
        "peer: posts not collected (collect_posts = false)",
    )


@respx.mock
def test_instagram_peer_that_is_not_a_business_account_is_not_found_with_the_reason():
    respx.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(400, json=payload("instagram", "discovery_not_business"))
    )
    peer = Target(platform="instagram", handle="vecinopersonal", own=False)
    with pytest.raises(TargetNotFound, match="only business and creator accounts") as caught:
        InstagramCollector(graph(), discovery_account="17841400000000000").collect(peer, FETCHED_AT)
    assert "code 110/2207013" in str(caught.value)


def test_instagram_own_account_without_id_says_what_to_configure():
    with pytest.raises(PermanentError, match="set `id`"):
        InstagramCollector(graph()).collect(Target(platform="instagram", handle="x"), FETCHED_AT)
