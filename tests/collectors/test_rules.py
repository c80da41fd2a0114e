"""Per-platform rate-limit and error rules: pure decisions over an answer (table-driven)."""

from __future__ import annotations

import json

import pytest

from collectors.errors import AuthError, BadPayload, SourceUnavailable, TargetNotFound
from collectors.graph.rules import GraphError, GraphPermissionError, GraphRules
from collectors.rules import GENERIC, Answer, retry_after_s
from collectors.tiktok.rules import TikTokRules
from collectors.twitter.rules import XRules
from collectors.youtube.rules import YouTubeRules, next_pacific_midnight
from tests.collectors.conftest import payload

NOW = 1_790_000_000.0


def answer(status: int, body=None, **headers: str) -> Answer:
    return Answer(
        status,
        {k.replace("_", "-"): v for k, v in headers.items()},
        json.dumps(body).encode() if body is not None else b"",
    )


@pytest.mark.parametrize(
    ("rules", "reply", "wait"),
    [
        (
            XRules(),
            answer(429, payload("twitter", "rate_limited"), x_rate_limit_reset=str(int(NOW) + 30)),
            31.0,
        ),
        (XRules(), answer(429, payload("twitter", "rate_limited")), 900.0),
        (XRules(), answer(200, {}), None),
        (
            GraphRules(),
            answer(
                400, {"error": {"code": 4, "message": "(#4) Application request limit reached"}}
            ),
            3600.0,
        ),
        (
            GraphRules(),
            answer(400, {"error": {"code": 613, "message": "Calls within one hour"}}),
            3600.0,
        ),
        (
            GraphRules(),
            answer(400, {"error": {"code": 80001, "message": "too many calls"}}),
            3600.0,
        ),
        (GraphRules(), answer(400, payload("facebook", "token_expired")), None),
        (
            YouTubeRules(),
            answer(403, {"error": {"errors": [{"reason": "rateLimitExceeded"}]}}),
            10.0,
        ),
        (TikTokRules(), answer(429, payload("tiktok", "rate_limited")), 60.0),
        (GENERIC, answer(429, None, retry_after="7"), 7.0),
        (GENERIC, answer(429), 60.0),
        (GENERIC, answer(503), None),
    ],
)
def test_rate_limit_waits(rules, reply, wait):
    assert rules.rate_limit(reply, NOW) == wait


def test_x_usage_cap_waits_until_the_reset_header():
    reply = answer(
        429, payload("twitter", "usage_capped"), x_rate_limit_reset=str(int(NOW) + 86400 * 9)
    )
    assert XRules().rate_limit(reply, NOW) == 86400 * 9 + 1
    assert "usage cap" in XRules().rate_limit_hint(reply)


def test_x_exhausted_window_pauses_until_reset_before_the_next_call():
    reply = answer(200, {}, x_rate_limit_remaining="0", x_rate_limit_reset=str(int(NOW) + 20))
    assert XRules().pause_after(reply, NOW) == 21.0
    assert XRules().pause_after(answer(200, {}, x_rate_limit_remaining="14"), NOW) is None


@pytest.mark.parametrize(
    ("rules", "reply", "error", "text"),
    [
        (XRules(), answer(401, {"title": "Unauthorized"}), AuthError, "PULSO_X_BEARER_TOKEN"),
        (
            XRules(),
            answer(403, {"title": "Forbidden", "detail": "client-not-enrolled"}),
            AuthError,
            "credits",
        ),
        (XRules(), answer(404, {}), TargetNotFound, "handle"),
        (
            GraphRules(),
            answer(400, payload("facebook", "token_expired")),
            AuthError,
            "code 190/463",
        ),
        (
            GraphRules(),
            answer(400, {"error": {"code": 190, "error_subcode": 460}}),
            AuthError,
            "password changed",
        ),
        (
            GraphRules(),
            answer(400, payload("instagram", "insights_not_enough_viewers")),
            GraphPermissionError,
            "(#10)",
        ),
        (
            GraphRules(),
            answer(400, payload("instagram", "insights_invalid_metric")),
            GraphError,
            "(#100)",
        ),
        (
            GraphRules(),
            answer(
                400,
                {"error": {"code": 100, "error_subcode": 33, "message": "Object does not exist"}},
            ),
            TargetNotFound,
            "Object",
        ),
        (YouTubeRules(), answer(400, payload("youtube", "key_invalid")), AuthError, "API key"),
        (
            YouTubeRules(),
            answer(404, {"error": {"errors": [{"reason": "channelNotFound"}]}}),
            TargetNotFound,
            "channel",
        ),
        (
            TikTokRules(),
            answer(200, payload("tiktok", "token_invalid")),
            AuthError,
            "access_token_invalid",
        ),
        (
            TikTokRules(),
            answer(400, payload("tiktok", "token_refresh_expired")),
            AuthError,
            "PULSO_TIKTOK_REFRESH_TOKEN",
        ),
        (
            TikTokRules(),
            answer(400, {"error": {"code": "invalid_params"}}),
            BadPayload,
            "invalid_params",
        ),
        (GENERIC, answer(403), SourceUnavailable, "block automated clients"),
        (GENERIC, answer(410), TargetNotFound, "410"),
    ],
)
def test_error_answers_become_typed_errors_saying_what_to_do(rules, reply, error, text):
    found = rules.error(reply, "source")
    assert isinstance(found, error)
    assert text in str(found)


@pytest.mark.parametrize("rules", [XRules(), GraphRules(), YouTubeRules(), TikTokRules(), GENERIC])
def test_success_is_not_an_error(rules):
    body = payload("tiktok", "user") if isinstance(rules, TikTokRules) else {"data": []}
    assert rules.error(answer(200, body), "source") is None


def test_graph_insight_errors_keep_their_code_for_degrading():
    found = GraphRules().error(answer(400, payload("instagram", "insights_invalid_metric")), "m")
    assert isinstance(found, GraphError) and found.code == 100


def test_retry_after_as_http_date():
    assert retry_after_s("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0) == 10.0
    assert retry_after_s(None, NOW) is None


def test_youtube_quota_day_ends_at_midnight_pacific():
    # 2026-11-22 01:00 UTC is 2026-11-21 17:00 in Los Angeles: 7 hours to midnight.
    assert next_pacific_midnight(1795309200.0) == 7 * 3600


def test_graph_rate_limit_message_shows_app_usage_percentages():
    reply = answer(
        400,
        {"error": {"code": 4, "message": "(#4) Application request limit reached"}},
        x_app_usage='{"call_count":100,"total_cputime":25,"total_time":25}',
    )
    assert '"call_count":100' in GraphRules().rate_limit_hint(reply)
