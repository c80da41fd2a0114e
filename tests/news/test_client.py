"""Politeness and safety of the news client: robots.txt, 429, content types, schemes."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import respx

from collectors.errors import BadPayload, RateLimited
from collectors.http import HttpPolicy, HttpSession, user_agent
from collectors.news.client import HTML_TYPES, XML_TYPES, Disallowed, NewsClient
from tests.news.loopback import LOOPBACK_HOSTS, Route, Site, serve

SITE = "https://www.elpais.com.co"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 7, tzinfo=UTC)
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def _client(clock: Clock, **policy: object) -> NewsClient:
    settings = {"max_retries": 2, "user_agent": user_agent("prensa@cali.gov.co"), **policy}
    session = HttpSession(HttpPolicy(**settings), sleep=clock.sleep)  # type: ignore[arg-type]
    return NewsClient(session, now=lambda: clock.now)


@respx.mock
def test_robots_disallow_is_honoured_and_cached_for_a_day() -> None:
    robots = respx.get(f"{SITE}/robots.txt").respond(
        200, text="User-agent: Pulso\nDisallow: /privado/\n"
    )
    page = respx.get(f"{SITE}/cali/nota/").respond(200, html="<p>ok</p>")
    clock = Clock()
    client = _client(clock)
    with pytest.raises(Disallowed, match="disallows Pulso"):
        client.get(f"{SITE}/privado/nota/", accept=HTML_TYPES)
    assert client.get(f"{SITE}/cali/nota/", accept=HTML_TYPES).body == b"<p>ok</p>"
    assert robots.call_count == 1 and page.call_count == 1
    clock.now += timedelta(hours=25)
    client.get(f"{SITE}/cali/nota/", accept=HTML_TYPES)
    assert robots.call_count == 2


@respx.mock
def test_robots_server_error_means_disallowed_for_now() -> None:
    respx.get(f"{SITE}/robots.txt").respond(503)
    page = respx.get(f"{SITE}/cali/nota/").respond(200, html="<p>ok</p>")
    with pytest.raises(Disallowed, match="HTTP 503"):
        _client(Clock()).get(f"{SITE}/cali/nota/", accept=HTML_TYPES)
    assert page.call_count == 0


@respx.mock
def test_robots_not_found_means_allowed() -> None:
    respx.get(f"{SITE}/robots.txt").respond(404)
    respx.get(f"{SITE}/feed/").respond(
        200, content=b"<rss/>", headers={"Content-Type": "application/rss+xml"}
    )
    assert _client(Clock()).get(f"{SITE}/feed/", accept=XML_TYPES).status == 200


@respx.mock
def test_429_retry_after_is_waited_then_retried() -> None:
    respx.get(f"{SITE}/robots.txt").respond(404)
    respx.get(f"{SITE}/cali/nota/").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(200, html="<p>ok</p>"),
        ]
    )
    clock = Clock()
    assert _client(clock).get(f"{SITE}/cali/nota/", accept=HTML_TYPES).status == 200
    assert 7 in clock.slept


@respx.mock
def test_429_with_a_long_wait_raises_rate_limited() -> None:
    respx.get(f"{SITE}/robots.txt").respond(404)
    respx.get(f"{SITE}/cali/nota/").respond(429, headers={"Retry-After": "3600"})
    with pytest.raises(RateLimited):
        _client(Clock()).get(f"{SITE}/cali/nota/", accept=HTML_TYPES)


@respx.mock
def test_conditional_get_sends_validators_and_accepts_304() -> None:
    respx.get(f"{SITE}/robots.txt").respond(404)
    feed = respx.get(f"{SITE}/feed/").respond(304, headers={"ETag": '"v1"'})
    fetched = _client(Clock()).get(
        f"{SITE}/feed/",
        accept=XML_TYPES,
        etag='"v1"',
        last_modified="Fri, 20 Nov 2026 18:02:11 GMT",
    )
    assert fetched.status == 304 and fetched.body == b""
    sent = feed.calls.last.request.headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"].startswith("Fri")


@respx.mock
def test_wrong_content_type_is_refused() -> None:
    respx.get(f"{SITE}/robots.txt").respond(404)
    respx.get(f"{SITE}/nota.pdf").respond(
        200, content=b"%PDF", headers={"Content-Type": "application/pdf"}
    )
    with pytest.raises(BadPayload, match="unexpected content type"):
        _client(Clock()).get(f"{SITE}/nota.pdf", accept=HTML_TYPES)


@respx.mock
def test_oversized_page_is_refused() -> None:
    respx.get(f"{SITE}/robots.txt").respond(404)
    respx.get(f"{SITE}/grande/").respond(
        200, content=b"x" * 2000, headers={"Content-Type": "text/html"}
    )
    with pytest.raises(BadPayload, match="cap"):
        _client(Clock(), max_response_bytes=1000).get(f"{SITE}/grande/", accept=HTML_TYPES)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://x.co/feed", "gopher://x.co/"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with respx.mock(assert_all_called=False) as router:
        with pytest.raises(BadPayload, match="not an http"):
            _client(Clock()).get(url, accept=XML_TYPES)
        assert router.calls.call_count == 0


def test_one_request_at_a_time_per_host() -> None:
    slow = Route(b"<p>ok</p>")
    site = Site(
        routes={"/robots.txt": Route(b"", status=404), **{f"/n{i}/": slow for i in range(6)}}
    )
    with serve(site):
        client = NewsClient(HttpSession(HttpPolicy(max_retries=0, allow_hosts=LOOPBACK_HOSTS)))
        threads = [
            threading.Thread(
                target=client.get, args=(f"{site.base}/n{i}/",), kwargs={"accept": HTML_TYPES}
            )
            for i in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sum(site.hits[f"/n{i}/"] for i in range(6)) == 6
    assert site.hits["/robots.txt"] == 1
    assert site.max_in_flight == 1


@respx.mock
def test_crawl_delay_spaces_requests_to_that_site() -> None:
    respx.get(f"{SITE}/robots.txt").respond(200, text="User-agent: *\nCrawl-delay: 5\n")
    respx.get(f"{SITE}/a/").respond(200, html="<p>a</p>")
    respx.get(f"{SITE}/b/").respond(200, html="<p>b</p>")
    slept: list[float] = []
    client = NewsClient(HttpSession(HttpPolicy()), sleep=slept.append, monotonic=lambda: 100.0)
    client.get(f"{SITE}/a/", accept=HTML_TYPES)
    client.get(f"{SITE}/b/", accept=HTML_TYPES)
    assert slept == [5.0]
