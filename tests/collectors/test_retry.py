"""The one retry rule, as a table: for each answer, try again (after how long) or stop (why)."""

from __future__ import annotations

import httpx
import pytest
import requests
import urllib3.exceptions

from collectors.errors import AuthError, RateLimited, SourceUnavailable, Timeout
from collectors.retry import Retry, RetryPolicy
from collectors.rules import GENERIC, Answer, Rules
from collectors.twitter.rules import XRules

NOW = 1_790_000_000.0
POLICY = RetryPolicy(max_retries=3, max_wait_s=60.0, backoff_base_s=0.5, backoff_cap_s=30.0)


def answer(status: int, **headers: str) -> Answer:
    return Answer(status=status, headers=headers, body=b"{}")


def decide(reply: Answer, attempt: int = 0, rules: Rules = GENERIC) -> Retry | None:
    return POLICY.after_answer(reply, attempt, rules=rules, what="GET api.test/feed", now=NOW)


@pytest.mark.parametrize(
    ("reply", "rules", "wait_s"),
    [
        (answer(429, **{"retry-after": "1"}), GENERIC, 1.0),
        (answer(429, **{"retry-after": "60"}), GENERIC, 60.0),
        (answer(429, **{"x-rate-limit-reset": str(int(NOW) + 9)}), XRules(), 10.0),
    ],
    ids=["retry-after 1 s", "retry-after at the cap", "x-rate-limit-reset"],
)
def test_a_rate_limit_within_max_wait_is_retried_after_the_platforms_wait(
    reply: Answer, rules: Rules, wait_s: float
) -> None:
    assert decide(reply, rules=rules) == Retry(wait_s, "rate limited")


@pytest.mark.parametrize(
    ("reply", "rules"),
    [
        (answer(429, **{"retry-after": "61"}), GENERIC),
        (answer(429, **{"x-rate-limit-reset": str(int(NOW) + 900)}), XRules()),
    ],
    ids=["retry-after", "x-rate-limit-reset"],
)
def test_a_rate_limit_beyond_max_wait_fails_at_once_saying_when_to_come_back(
    reply: Answer, rules: Rules
) -> None:
    with pytest.raises(RateLimited, match="allowed again at 2026-") as caught:
        decide(reply, rules=rules)
    assert caught.value.until is not None and caught.value.retry_after_s is not None
    assert caught.value.retry_after_s > POLICY.max_wait_s


def test_a_short_rate_limit_is_final_once_the_retries_are_spent() -> None:
    with pytest.raises(RateLimited):
        decide(answer(429, **{"retry-after": "1"}), attempt=3)


def test_a_5xx_backs_off_with_jitter_within_the_exponential_ceiling() -> None:
    waits = [decide(answer(503), attempt=2) for _ in range(50)]
    assert all(w is not None and 0 <= w.wait_s <= 2.0 and w.reason == "HTTP 503" for w in waits)
    assert len({w.wait_s for w in waits if w is not None}) > 1


def test_a_5xx_is_final_once_the_retries_are_spent() -> None:
    with pytest.raises(SourceUnavailable, match="HTTP 503 4 times"):
        decide(answer(503), attempt=3)


def test_a_permanent_error_is_never_retried() -> None:
    with pytest.raises(AuthError):
        decide(answer(401))


def test_a_usable_answer_needs_no_retry() -> None:
    assert decide(answer(200)) is None


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (httpx.ReadTimeout("slow"), Timeout),
        (requests.ConnectionError("reset"), SourceUnavailable),
        (urllib3.exceptions.ReadTimeoutError(None, "/feed", "Read timed out."), Timeout),  # type: ignore[arg-type]
        (urllib3.exceptions.ProtocolError("Connection broken"), SourceUnavailable),
    ],
    ids=["httpx timeout", "requests connection", "urllib3 timeout", "urllib3 broken body"],
)
def test_network_failures_are_transient_and_retried_then_typed(
    error: BaseException, kind: type[Exception]
) -> None:
    retry = POLICY.after_error(error, 0, what="GET api.test/feed")
    assert 0 <= retry.wait_s <= 0.5
    with pytest.raises(kind):
        POLICY.after_error(error, 3, what="GET api.test/feed")


def test_a_spent_x_window_pauses_only_when_the_pause_is_within_max_wait() -> None:
    spent = {"x-rate-limit-remaining": "0"}
    soon = answer(200, **spent, **{"x-rate-limit-reset": str(int(NOW) + 9)})
    late = answer(200, **spent, **{"x-rate-limit-reset": str(int(NOW) + 900)})
    assert POLICY.pause_after(soon, rules=XRules(), now=NOW) == 10.0
    assert POLICY.pause_after(late, rules=XRules(), now=NOW) is None
