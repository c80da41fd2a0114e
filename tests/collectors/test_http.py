"""The one HTTP policy: retries, waits, caps, user agent, typed errors, redaction (respx)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
import respx

from collectors.errors import (
    AuthError,
    BadPayload,
    RateLimited,
    SourceUnavailable,
    Timeout,
    register_secret,
)
from collectors.graph.rules import GraphRules
from collectors.http import HttpPolicy, HttpSession, user_agent
from collectors.tiktok.rules import TikTokRules
from collectors.youtube.rules import YouTubeRules
from tests.collectors.conftest import payload

BASE = "https://api.example.test"
NOW = 1_790_000_000.0


class Clock:
    """A fake clock whose sleeps advance time, so waits are observable and instant."""

    def __init__(self) -> None:
        self.now = NOW
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def session(clock: Clock, rules=None, **policy) -> HttpSession:
    kwargs = {"rules": rules} if rules else {}
    return HttpSession(
        HttpPolicy(backoff_base_s=0.01, **policy),
        base_url=BASE,
        sleep=clock.sleep,
        clock=clock.time,
        **kwargs,
    )


@respx.mock
def test_5xx_is_retried_with_backoff_then_succeeds():
    route = respx.get(f"{BASE}/feed").mock(
        side_effect=[httpx.Response(503), httpx.Response(502), httpx.Response(200, json={"ok": 1})]
    )
    clock = Clock()
    assert session(clock).get_json("/feed") == {"ok": 1}
    assert route.call_count == 3
    assert len(clock.sleeps) == 2


@respx.mock
def test_5xx_every_time_is_source_unavailable_after_the_retries():
    route = respx.get(f"{BASE}/feed").mock(return_value=httpx.Response(500))
    with pytest.raises(SourceUnavailable, match="HTTP 500 4 times"):
        session(Clock(), max_retries=3).get_json("/feed")
    assert route.call_count == 4


@respx.mock
def test_network_error_is_retried_then_source_unavailable():
    respx.get(f"{BASE}/feed").mock(side_effect=httpx.ConnectError("connection refused"))
    with pytest.raises(SourceUnavailable, match="network error"):
        session(Clock(), max_retries=1).get_json("/feed")


@respx.mock
def test_read_timeout_is_a_timeout_error():
    respx.get(f"{BASE}/feed").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(Timeout):
        session(Clock(), max_retries=0).get_json("/feed")


@respx.mock
def test_short_retry_after_is_waited():
    respx.get(f"{BASE}/feed").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "5"}),
            httpx.Response(200, json=[]),
        ]
    )
    clock = Clock()
    assert session(clock).get_json("/feed") == []
    assert clock.sleeps == [5.0]


@respx.mock
def test_long_retry_after_fails_with_rate_limited_until():
    respx.get(f"{BASE}/feed").mock(
        return_value=httpx.Response(429, headers={"Retry-After": "3600"})
    )
    with pytest.raises(RateLimited) as raised:
        session(Clock(), max_wait_s=60).get_json("/feed")
    assert raised.value.until == datetime.fromtimestamp(NOW + 3600, UTC)


@respx.mock
def test_response_over_the_size_cap_is_bad_payload():
    respx.get(f"{BASE}/big").mock(return_value=httpx.Response(200, content=b"x" * 2000))
    with pytest.raises(BadPayload, match="cap"):
        session(Clock(), max_response_bytes=1000).request("GET", "/big")


@respx.mock
def test_not_modified_is_returned_for_conditional_get():
    respx.get(f"{BASE}/rss").mock(return_value=httpx.Response(304))
    response = session(Clock()).request("GET", "/rss", headers={"If-None-Match": '"abc"'})
    assert response.status_code == 304


@respx.mock
def test_requests_carry_an_honest_user_agent_and_timeouts():
    route = respx.get(f"{BASE}/feed").mock(return_value=httpx.Response(200, json={}))
    session(Clock(), connect_timeout_s=3, read_timeout_s=7).get_json("/feed")
    request = route.calls.last.request
    assert (
        request.headers["User-Agent"] == user_agent() == "Pulso/0.1 (+comunicaciones@cali.gov.co)"
    )
    assert request.extensions["timeout"] == {"connect": 3, "read": 7, "write": 7, "pool": 7}


@respx.mock
def test_non_json_body_is_bad_payload_naming_the_request():
    respx.get(f"{BASE}/feed").mock(return_value=httpx.Response(200, text="<html>login</html>"))
    with pytest.raises(BadPayload, match="expected JSON"):
        session(Clock()).get_json("/feed", what="facebook:X page")


@respx.mock
def test_expired_graph_token_is_auth_error_naming_the_fix_without_the_token():
    register_secret("EAAGsecretTOKEN123")
    respx.get(f"{BASE}/v25.0/123").mock(
        return_value=httpx.Response(400, json=payload("facebook", "token_expired"))
    )
    client = HttpSession(
        HttpPolicy(),
        rules=GraphRules(),
        base_url=BASE,
        params={"access_token": "EAAGsecretTOKEN123"},
    )
    with pytest.raises(AuthError) as raised:
        client.get_json("/v25.0/123")
    message = str(raised.value)
    assert "the token expired" in message and "PULSO_META_ACCESS_TOKEN" in message
    assert "EAAGsecretTOKEN123" not in message


@respx.mock
def test_graph_page_throttle_uses_business_use_case_estimate():
    usage = '{"123":[{"type":"pages","call_count":100,"total_cputime":3,"total_time":5,"estimated_time_to_regain_access":12}]}'
    respx.get(f"{BASE}/v25.0/123/posts").mock(
        return_value=httpx.Response(
            400,
            json=payload("facebook", "page_throttled"),
            headers={"X-Business-Use-Case-Usage": usage},
        )
    )
    with pytest.raises(RateLimited) as raised:
        session(Clock(), rules=GraphRules()).get_json("/v25.0/123/posts")
    assert raised.value.retry_after_s == 12 * 60
    assert "code 32" in str(raised.value)


@respx.mock
def test_youtube_quota_exceeded_waits_for_midnight_pacific_so_fails_now():
    respx.get(f"{BASE}/youtube/v3/channels").mock(
        return_value=httpx.Response(403, json=payload("youtube", "quota_exceeded"))
    )
    with pytest.raises(RateLimited, match="midnight Pacific") as raised:
        session(Clock(), rules=YouTubeRules()).get_json("/youtube/v3/channels")
    assert raised.value.until is not None
    assert (
        raised.value.until.astimezone(__import__("zoneinfo").ZoneInfo("America/Los_Angeles")).hour
        == 0
    )


@respx.mock
def test_youtube_invalid_key_is_auth_error():
    respx.get(f"{BASE}/youtube/v3/channels").mock(
        return_value=httpx.Response(400, json=payload("youtube", "key_invalid"))
    )
    with pytest.raises(AuthError, match="PULSO_YOUTUBE_API_KEY"):
        session(Clock(), rules=YouTubeRules()).get_json("/youtube/v3/channels")


@respx.mock
def test_tiktok_rate_limit_waits_a_minute_then_succeeds():
    respx.get(f"{BASE}/v2/user/info/").mock(
        side_effect=[
            httpx.Response(429, json=payload("tiktok", "rate_limited")),
            httpx.Response(200, json=payload("tiktok", "user")),
        ]
    )
    clock = Clock()
    data = session(clock, rules=TikTokRules()).get_json("/v2/user/info/")
    assert data["data"]["user"]["follower_count"] == 215400
    assert clock.sleeps == [60.0]


@respx.mock
def test_tiktok_invalid_token_in_a_200_body_is_auth_error():
    respx.get(f"{BASE}/v2/user/info/").mock(
        return_value=httpx.Response(401, json=payload("tiktok", "token_invalid"))
    )
    with pytest.raises(AuthError, match="access_token_invalid"):
        session(Clock(), rules=TikTokRules()).get_json("/v2/user/info/")


@respx.mock
def test_per_host_delay_spaces_requests_to_the_same_host():
    respx.get(f"{BASE}/a").mock(return_value=httpx.Response(200, json={}))
    clock = Clock()
    client = session(clock, per_host_delay_s=2.0)
    client.get_json("/a")
    client.get_json("/a")
    assert clock.sleeps == [2.0]


def test_a_log_record_holds_no_secret_even_in_its_arguments(monkeypatch) -> None:
    """A handler that fails prints record.args itself: the record is redacted when made."""
    import logging

    import collectors.http
    from collectors.errors import register_secret

    monkeypatch.setattr(collectors.http, "_installed", False)
    monkeypatch.setattr(logging, "_logRecordFactory", logging.LogRecord)
    register_secret("EAAGrecordARGStoken")
    collectors.http.install_log_redaction()
    url = "https://graph.facebook.com/v25.0/1?access_token=EAAGrecordARGStoken"

    record = logging.getLogger("httpx").makeRecord(
        "httpx", logging.INFO, __file__, 1, "HTTP Request: GET %s", (url,), None
    )

    assert record.args == ()
    assert "EAAGrecordARGStoken" not in record.msg and "access_token=***" in record.msg
