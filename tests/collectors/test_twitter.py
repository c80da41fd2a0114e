"""X through tweepy, tested with `responses`: the policy adapter, since_id, paid-read switches."""

from __future__ import annotations

import time

import pytest
import responses

from collectors.base import Target
from collectors.errors import AuthError, RateLimited
from collectors.http import HttpPolicy
from collectors.twitter.client import TwitterCollector, make_client
from tests.collectors.conftest import FETCHED_AT, payload

X = "https://api.twitter.com/2"
OWN = Target(platform="twitter", handle="AlcaldiaDeCali")


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def collector(sleeps=None, *, max_pages=1, base_url="https://api.twitter.com", **policy):
    client = make_client(
        HttpPolicy(backoff_base_s=0.01, **policy),
        bearer_token="AAAAtestBEARER",
        base_url=base_url,
        sleep=sleeps if sleeps is not None else Sleeps(),
    )
    return TwitterCollector(client, max_pages=max_pages)


@responses.activate
def test_counts_and_new_posts_with_since_id_and_paid_read_filters():
    responses.get(f"{X}/users/by/username/AlcaldiaDeCali", json=payload("twitter", "user"))
    responses.get(f"{X}/users/123456789/tweets", json=payload("twitter", "tweets"))
    result = collector().collect(
        Target(platform="twitter", handle="AlcaldiaDeCali", since_id="1976543210000000000"),
        FETCHED_AT,
    )
    assert result.account.followers == 512340
    assert [p.post_id for p in result.posts] == ["1976543210987654321", "1976543210987650000"]
    url = responses.calls[1].request.url
    assert "since_id=1976543210000000000" in url
    assert "exclude=retweets%2Creplies" in url
    assert "tweet.fields=created_at%2Cpublic_metrics" in url
    assert "max_results=100" in url
    assert "user.fields=public_metrics" in responses.calls[0].request.url


@responses.activate
def test_page_cap_stops_paid_reads_and_says_so():
    responses.get(f"{X}/users/by/username/AlcaldiaDeCali", json=payload("twitter", "user"))
    responses.get(f"{X}/users/123456789/tweets", json=payload("twitter", "tweets"))
    result = collector(max_pages=1).collect(OWN, FETCHED_AT)
    assert len(responses.calls) == 2
    assert any("stopped after 1 page" in note for note in result.notes)


@responses.activate
def test_posts_switched_off_reads_only_the_user():
    responses.get(f"{X}/users/by/username/AlcaldiaDeCali", json=payload("twitter", "user"))
    target = Target(platform="twitter", handle="AlcaldiaDeCali", collect_posts=False)
    result = collector().collect(target, FETCHED_AT)
    assert result.posts == () and len(responses.calls) == 1


@responses.activate
def test_peer_without_collect_posts_gets_public_counts_only_and_says_why():
    responses.get(f"{X}/users/by/username/Bogota", json=payload("twitter", "peer_user"))
    result = collector().collect(
        Target(platform="twitter", handle="Bogota", own=False, collect_posts=False), FETCHED_AT
    )
    assert result.account.followers == 2143000 and len(responses.calls) == 1
    assert result.posts == ()
    assert result.notes == (
        "peer: public counts only (post reads are paid; set collect_posts = true "
        "for this peer to read them)",
    )


@responses.activate
def test_peer_with_collect_posts_reads_new_posts_within_the_page_cap():
    responses.get(f"{X}/users/by/username/Bogota", json=payload("twitter", "peer_user"))
    responses.get(f"{X}/users/987654321/tweets", json=payload("twitter", "peer_tweets"))
    peer = Target(platform="twitter", handle="Bogota", own=False, since_id="1976543210987600000")
    result = collector(max_pages=1).collect(peer, FETCHED_AT)
    assert [(p.post_id, p.reactions, p.comments, p.shares) for p in result.posts] == [
        ("1976543210987699999", 1450, 64, 120)
    ]
    assert "since_id=1976543210987600000" in responses.calls[1].request.url
    assert result.counts == {"x_post_pages": 1} and result.notes == ()


@responses.activate
def test_short_429_waits_until_x_rate_limit_reset_then_succeeds():
    reset = str(int(time.time()) + 3)
    responses.get(
        f"{X}/users/by/username/AlcaldiaDeCali",
        json=payload("twitter", "rate_limited"),
        status=429,
        headers={"x-rate-limit-remaining": "0", "x-rate-limit-reset": reset},
    )
    responses.get(f"{X}/users/by/username/AlcaldiaDeCali", json=payload("twitter", "user"))
    sleeps = Sleeps()
    target = Target(platform="twitter", handle="AlcaldiaDeCali", collect_posts=False)
    result = collector(sleeps, max_wait_s=60).collect(target, FETCHED_AT)
    assert result.account.followers == 512340
    assert len(sleeps) == 1 and 2 <= sleeps[0] <= 4


@responses.activate
def test_long_429_fails_with_rate_limited_until_reset():
    reset = int(time.time()) + 900
    responses.get(
        f"{X}/users/by/username/AlcaldiaDeCali",
        json=payload("twitter", "rate_limited"),
        status=429,
        headers={"x-rate-limit-reset": str(reset)},
    )
    with pytest.raises(RateLimited) as raised:
        collector(max_wait_s=60).collect(OWN, FETCHED_AT)
    assert raised.value.until is not None
    assert abs(raised.value.until.timestamp() - reset) <= 2


@responses.activate
def test_unauthorized_bearer_token_is_auth_error_without_the_token():
    responses.get(
        f"{X}/users/by/username/AlcaldiaDeCali", json={"title": "Unauthorized"}, status=401
    )
    with pytest.raises(AuthError) as raised:
        collector().collect(OWN, FETCHED_AT)
    assert "PULSO_X_BEARER_TOKEN" in str(raised.value)
    assert "AAAAtestBEARER" not in str(raised.value)


@responses.activate
def test_tweepy_session_gets_timeouts_user_agent_and_configured_base_url():
    responses.get(
        "http://x-gateway.test/2/users/by/username/AlcaldiaDeCali", json=payload("twitter", "user")
    )
    target = Target(platform="twitter", handle="AlcaldiaDeCali", collect_posts=False)
    collector(base_url="http://x-gateway.test", connect_timeout_s=4, read_timeout_s=9).collect(
        target, FETCHED_AT
    )
    call = responses.calls[0]
    assert call.request.req_kwargs["timeout"] == (4, 9)
    assert call.request.headers["User-Agent"].startswith("Pulso/0.1")
