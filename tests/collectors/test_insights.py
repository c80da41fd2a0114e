"""Reach, views and live broadcasts through the Graph API (respx): metric names from config,
refused metrics NULL with Meta's message, the account still collected, and throttling,
token and shape errors handled as everywhere else."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
import respx

from collectors.base import Target
from collectors.errors import AuthError, BadPayload, RateLimited
from collectors.facebook.client import FacebookCollector
from collectors.graph.api import GraphApi
from collectors.graph.insights import InsightsConfig, Refusals, ask, parse_metric_values
from collectors.graph.rules import GraphError
from collectors.http import HttpPolicy
from collectors.instagram.client import InstagramCollector
from collectors.metrics import DEFAULT_METRICS
from tests.collectors.conftest import FETCHED_AT, payload

GRAPH = "https://graph.test/v25.0"
PAGE_ID = "123456789012345"
IG_ID = "17841400000000000"
PAGE = Target(platform="facebook", handle="AlcaldiaDeCali", platform_id=PAGE_ID)
IG = Target(platform="instagram", handle="alcaldiadecali", platform_id=IG_ID)
YESTERDAY = date(2026, 3, 2)  # FETCHED_AT is 02:00 on 3 March in Cali
ON = InsightsConfig()


def graph() -> GraphApi:
    return GraphApi(HttpPolicy(max_retries=0), token="EAAGgraphTEST", base_url="https://graph.test")


def ok(platform: str, case: str) -> httpx.Response:
    return httpx.Response(200, json=payload(platform, case))


def refused(case: str) -> httpx.Response:
    return httpx.Response(400, json=payload("facebook", case))


def mock_page(posts: str = "posts_with_insights") -> None:
    respx.get(f"{GRAPH}/{PAGE_ID}").mock(return_value=ok("facebook", "page"))
    respx.get(f"{GRAPH}/{PAGE_ID}/posts").mock(return_value=ok("facebook", posts))
    respx.get(f"{GRAPH}/{PAGE_ID}/live_videos").mock(return_value=ok("facebook", "live_videos"))
    respx.get(f"{GRAPH}/1098765432109876/insights").mock(
        return_value=ok("facebook", "video_insights")
    )


def by_metric(values, post_id=None):
    return {v.metric: v for v in values if v.post_id == post_id}


@respx.mock
def test_facebook_page_insights_for_yesterday_posts_views_and_a_live_broadcast():
    mock_page()
    insights = respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(
        return_value=ok("facebook", "page_insights_day")
    )
    result = FacebookCollector(graph(), insights=ON).collect(PAGE, FETCHED_AT)

    sent = insights.calls[0].request.url.params
    assert sent["metric"] == ",".join(DEFAULT_METRICS["facebook_page"])
    assert (sent["period"], sent["since"], sent["until"]) == ("day", "2026-03-02", "2026-03-03")
    page = by_metric(result.insights)
    assert page["page_total_media_view_unique"].value == 402118
    assert page["page_media_view"].value == 1284310
    assert {v.day for v in page.values()} == {YESTERDAY}

    post = result.posts[0]
    assert post.views == 58210
    assert by_metric(result.insights, post.post_id)["post_total_media_view_unique"].value == 40117
    fields = respx.calls[-1].request.url.params["fields"]
    assert fields.endswith(",insights.metric(post_media_view,post_total_media_view_unique)")

    recent, old, scheduled = result.lives
    assert (recent.title, recent.status, recent.duration_s) == (
        "Rendición de cuentas 2026",
        "VOD",
        7385,
    )
    assert recent.total_views == 48730 and recent.peak_viewers is None
    assert "peak viewers" in (recent.note or "")
    # Only recent broadcasts cost an insights request; the old one keeps what was stored.
    assert old.total_views is None and scheduled.duration_s is None
    # page, page insights, live videos, one video's insights, one posts page
    assert len(respx.calls) == 5


@respx.mock
def test_a_retired_page_metric_is_null_with_meta_message_and_the_others_still_land():
    mock_page()
    config = InsightsConfig(
        metrics={**DEFAULT_METRICS, "facebook_page": ("page_media_view", "page_impressions")}
    )

    def answer(request: httpx.Request) -> httpx.Response:
        if "page_impressions" in request.url.params["metric"]:
            return refused("insights_retired_metric")
        return ok("facebook", "page_insights_one")

    insights = respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(side_effect=answer)
    collector = FacebookCollector(graph(), insights=config)
    result = collector.collect(PAGE, FETCHED_AT)

    values = by_metric(result.insights)
    assert result.account.followers == 1204311
    assert values["page_media_view"].value == 1284310
    assert values["page_impressions"].value is None
    assert "(#100) The value must be a valid insights metric" in values["page_impressions"].note
    assert any("page_impressions" in note for note in result.notes)
    # together, then one by one
    assert [c.request.url.params["metric"] for c in insights.calls] == [
        "page_media_view,page_impressions",
        "page_media_view",
        "page_impressions",
    ]
    # The next Page of the same run does not ask for the refused metric again.
    collector.collect(PAGE, FETCHED_AT)
    assert insights.calls[-1].request.url.params["metric"] == "page_media_view"


@respx.mock
def test_a_retired_post_metric_is_found_by_probing_and_the_posts_still_land():
    respx.get(f"{GRAPH}/{PAGE_ID}").mock(return_value=ok("facebook", "page"))
    respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(return_value=ok("facebook", "page_insights_day"))
    respx.get(f"{GRAPH}/{PAGE_ID}/live_videos").mock(return_value=ok("facebook", "live_videos"))
    respx.get(f"{GRAPH}/1098765432109876/insights").mock(
        return_value=ok("facebook", "video_insights")
    )
    config = InsightsConfig(
        metrics={**DEFAULT_METRICS, "facebook_post": ("post_media_view", "post_impressions")}
    )

    def posts(request: httpx.Request) -> httpx.Response:
        fields = request.url.params["fields"]
        if "post_impressions" in fields:
            return refused("insights_retired_metric")
        if request.url.params["limit"] == "1":
            return ok("facebook", "post_probe")
        return ok("facebook", "posts_with_one_insight")

    route = respx.get(f"{GRAPH}/{PAGE_ID}/posts").mock(side_effect=posts)
    result = FacebookCollector(graph(), insights=config).collect(PAGE, FETCHED_AT)

    post = result.posts[0]
    assert post.views == 58210 and post.reactions is not None
    values = by_metric(result.insights, post.post_id)
    assert values["post_impressions"].value is None
    assert "valid insights metric" in (values["post_impressions"].note or "")
    # the page with both, a probe per metric, the page again with the valid one
    assert len(route.calls) == 4
    assert route.calls[-1].request.url.params["fields"].endswith("insights.metric(post_media_view)")


@pytest.mark.parametrize("case", ["insights_permission", "insights_no_permission_10"])
@respx.mock
def test_without_the_insights_permission_metrics_are_null_and_the_page_is_collected(case):
    respx.get(f"{GRAPH}/{PAGE_ID}").mock(return_value=ok("facebook", "page"))
    respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(return_value=refused(case))
    respx.get(f"{GRAPH}/{PAGE_ID}/live_videos").mock(return_value=refused(case))

    def posts(request: httpx.Request) -> httpx.Response:
        if "insights.metric" in request.url.params["fields"]:
            return refused(case)
        return ok("facebook", "posts_last_page")

    respx.get(f"{GRAPH}/{PAGE_ID}/posts").mock(side_effect=posts)
    result = FacebookCollector(graph(), insights=ON).collect(PAGE, FETCHED_AT)

    assert result.account.followers == 1204311 and len(result.posts) == 1
    assert result.posts[0].views is None and "views:" in (result.posts[0].note or "")
    assert all(v.value is None and v.note for v in result.insights)
    # A permission is the same for every metric: the group is not split into one per metric.
    assert len(respx.routes[1].calls) == 1
    assert result.lives == () and any("live videos not collected" in n for n in result.notes)


@pytest.mark.parametrize(
    "case", ["app_throttled", "user_throttled_17", "call_rate_613", "page_throttled"]
)
@respx.mock
def test_throttling_on_insights_is_left_to_the_retry_policy_not_turned_into_null(case):
    respx.get(f"{GRAPH}/{PAGE_ID}").mock(return_value=ok("facebook", "page"))
    respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(return_value=refused(case))
    with pytest.raises(RateLimited):
        FacebookCollector(graph(), insights=ON).collect(PAGE, FETCHED_AT)


@respx.mock
def test_an_expired_token_on_insights_fails_the_account():
    respx.get(f"{GRAPH}/{PAGE_ID}").mock(return_value=ok("facebook", "page"))
    respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(return_value=refused("token_expired"))
    with pytest.raises(AuthError) as raised:
        FacebookCollector(graph(), insights=ON).collect(PAGE, FETCHED_AT)
    assert "code 190" in str(raised.value)


@respx.mock
def test_a_post_metric_sent_as_a_string_is_bad_payload():
    mock_page("posts_insight_as_string")
    respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(return_value=ok("facebook", "page_insights_day"))
    with pytest.raises(BadPayload) as raised:
        FacebookCollector(graph(), insights=ON).collect(PAGE, FETCHED_AT)
    assert '"58210"' in str(raised.value)


def test_insights_answers_without_name_or_value_are_bad_payload_naming_the_field():
    with pytest.raises(BadPayload, match="'name'"):
        parse_metric_values({"data": [{"period": "day", "values": [{"value": 1}]}]}, "w")
    with pytest.raises(BadPayload, match="'value'"):
        parse_metric_values({"data": [{"name": "reach", "values": [{"end_time": "x"}]}]}, "w")
    with pytest.raises(BadPayload, match="whole number"):
        parse_metric_values({"data": [{"name": "reach", "total_value": {"value": -3}}]}, "w")
    with pytest.raises(BadPayload, match="'data'"):
        parse_metric_values({"error": "x"}, "w")


def test_ask_splits_only_on_invalid_metric_and_remembers_refusals():
    calls: list[tuple[str, ...]] = []

    def call(metrics: tuple[str, ...]) -> dict[str, object]:
        calls.append(metrics)
        if "bad" in metrics:
            raise GraphError("(#100) The value must be a valid insights metric", code=100)
        return {"data": []}

    refusals = Refusals()
    answers, refused_now = ask(("a", "bad", "b"), call, refusals)
    assert [m for m, _ in answers] == [("a",), ("b",)]
    assert list(refused_now) == ["bad"] and list(refusals.known) == ["bad"]
    calls.clear()
    ask(("a", "bad"), call, refusals)
    assert calls == [("a",)]


@respx.mock
def test_instagram_account_reach_per_day_and_media_metrics_on_the_media_edge():
    respx.get(f"{GRAPH}/{IG_ID}").mock(return_value=ok("instagram", "user"))
    account = respx.get(f"{GRAPH}/{IG_ID}/insights").mock(
        return_value=ok("instagram", "account_insights_day")
    )
    media = respx.get(f"{GRAPH}/{IG_ID}/media").mock(
        return_value=ok("instagram", "media_with_insights")
    )
    result = InstagramCollector(graph(), insights=ON).collect(IG, FETCHED_AT)

    sent = account.calls[0].request.url.params
    assert sent["metric_type"] == "total_value" and sent["period"] == "day"
    assert int(sent["until"]) - int(sent["since"]) == 86_400
    values = by_metric(result.insights)
    assert values["reach"].value == 187430 and values["reach"].day == YESTERDAY
    assert values["views"].value == 652900
    reel, image = result.posts
    assert (reel.views, reel.saves) == (48210, 96)
    assert by_metric(result.insights, reel.post_id)["reach"].value == 30122
    # Meta leaves out insights it has no data for: NULL with why, never 0.
    assert image.views is None
    assert "no data" in (by_metric(result.insights, image.post_id)["views"].note or "")
    assert (
        "insights.metric(views,reach,saved,shares,total_interactions)"
        in (media.calls[0].request.url.params["fields"])
    )
    assert len(respx.calls) == 3  # no request per media


@respx.mock
def test_instagram_not_enough_viewers_on_the_media_edge_falls_back_to_one_request_per_media():
    respx.get(f"{GRAPH}/{IG_ID}").mock(return_value=ok("instagram", "user"))
    respx.get(f"{GRAPH}/{IG_ID}/insights").mock(
        return_value=ok("instagram", "account_insights_day")
    )

    def media(request: httpx.Request) -> httpx.Response:
        if "insights.metric" in request.url.params["fields"]:
            return httpx.Response(400, json=payload("instagram", "insights_not_enough_viewers"))
        return ok("instagram", "media")

    respx.get(f"{GRAPH}/{IG_ID}/media").mock(side_effect=media)
    respx.get(f"{GRAPH}/18012345678901234/insights").mock(
        return_value=ok("instagram", "media_insights_one")
    )
    respx.get(f"{GRAPH}/18012345678901111/insights").mock(
        return_value=httpx.Response(400, json=payload("instagram", "insights_not_enough_viewers"))
    )
    config = InsightsConfig(metrics={**DEFAULT_METRICS, "instagram_media": ("views",)})
    result = InstagramCollector(graph(), insights=config).collect(IG, FETCHED_AT)
    reel, image = result.posts
    assert reel.views == 48210
    assert image.views is None and "Not enough viewers" in (image.note or "")
    assert result.account.followers is not None


@respx.mock
def test_insights_disabled_costs_no_request():
    respx.get(f"{GRAPH}/{PAGE_ID}").mock(return_value=ok("facebook", "page"))
    respx.get(f"{GRAPH}/{PAGE_ID}/posts").mock(return_value=ok("facebook", "posts_last_page"))
    result = FacebookCollector(graph(), insights=InsightsConfig(enabled=False)).collect(
        PAGE, FETCHED_AT
    )
    assert result.insights == () and result.lives == () and len(respx.calls) == 2


@respx.mock
def test_a_page_metric_answered_only_for_another_day_is_null_for_the_night():
    mock_page()
    other_day = payload("facebook", "page_insights_one")
    other_day["data"][0]["values"][0]["end_time"] = "2026-03-02T08:00:00+0000"
    respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(return_value=httpx.Response(200, json=other_day))
    config = InsightsConfig(metrics={**DEFAULT_METRICS, "facebook_page": ("page_media_view",)})
    result = FacebookCollector(graph(), insights=config).collect(PAGE, FETCHED_AT)
    (value,) = [v for v in result.insights if v.post_id is None]
    assert (value.day, value.value) == (YESTERDAY, None)
    assert "2026-03-02" in (value.note or "")


@respx.mock
def test_instagram_retired_media_metric_is_probed_once_and_null_with_its_message():
    respx.get(f"{GRAPH}/{IG_ID}").mock(return_value=ok("instagram", "user"))
    respx.get(f"{GRAPH}/{IG_ID}/insights").mock(
        return_value=ok("instagram", "account_insights_day")
    )
    config = InsightsConfig(metrics={**DEFAULT_METRICS, "instagram_media": ("views", "plays")})

    def media(request: httpx.Request) -> httpx.Response:
        fields = request.url.params["fields"]
        if "plays" in fields:
            return refused("insights_retired_metric")
        return ok("instagram", "media_with_insights")  # the probe (limit 1) and the page

    route = respx.get(f"{GRAPH}/{IG_ID}/media").mock(side_effect=media)
    result = InstagramCollector(graph(), insights=config).collect(IG, FETCHED_AT)
    reel = result.posts[0]
    assert reel.views == 48210
    plays = by_metric(result.insights, reel.post_id)["plays"]
    assert plays.value is None and "(#100)" in (plays.note or "")
    assert any("plays" in note for note in result.notes)
    assert len(route.calls) == 4  # both, a probe each, the page with the valid one


@respx.mock
def test_a_name_refused_for_the_account_is_still_asked_for_its_media():
    respx.get(f"{GRAPH}/{IG_ID}").mock(return_value=ok("instagram", "user"))
    respx.get(f"{GRAPH}/{IG_ID}/insights").mock(return_value=refused("insights_retired_metric"))
    media = respx.get(f"{GRAPH}/{IG_ID}/media").mock(
        return_value=ok("instagram", "media_with_insights")
    )
    config = InsightsConfig(
        metrics={**DEFAULT_METRICS, "instagram_account": ("views",), "instagram_media": ("views",)}
    )
    result = InstagramCollector(graph(), insights=config).collect(IG, FETCHED_AT)
    assert by_metric(result.insights)["views"].value is None
    assert result.posts[0].views == 48210
    assert "insights.metric(views)" in media.calls[0].request.url.params["fields"]
