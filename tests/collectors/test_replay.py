"""Replay: one lookup for httpx and requests; an unknown request lists what DIR holds."""

from __future__ import annotations

import json

import httpx
import pytest
import requests

from collectors.replay import (
    ReplayAdapter,
    ReplayFileError,
    ReplayMiss,
    ReplayStore,
    ReplayTransport,
    normalise_query,
)


def record(directory, name, request, response):
    (directory / name).parent.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(
        json.dumps({"request": request, "response": response}), encoding="utf-8"
    )


@pytest.fixture
def store(tmp_path):
    record(
        tmp_path,
        "facebook/page.json",
        {"method": "GET", "path": "/v25.0/123", "query": {"fields": "id,followers_count"}},
        {"status": 200, "json": {"id": "123", "followers_count": 5}},
    )
    record(
        tmp_path,
        "tiktok/videos-2.json",
        {
            "method": "POST",
            "path": "/v2/video/list/",
            "query": {"fields": "id"},
            "json": {"max_count": 20, "cursor": 9},
        },
        {"json": {"page": 2}},
    )
    record(
        tmp_path,
        "tiktok/videos-1.json",
        {
            "method": "POST",
            "path": "/v2/video/list/",
            "query": {"fields": "id"},
            "json": {"max_count": 20},
        },
        {"json": {"page": 1}},
    )
    record(
        tmp_path,
        "x/user.json",
        {"path": "/2/users/by/username/AlcaldiaDeCali", "query": {"user.fields": "public_metrics"}},
        {"json": {"data": {"id": "1"}}},
    )
    (tmp_path / "notes.json").write_text('{"not": "a recording"}', encoding="utf-8")
    return ReplayStore(tmp_path)


def test_httpx_request_is_served_ignoring_host_and_secret_parameters(store):
    client = httpx.Client(transport=ReplayTransport(store), base_url="https://anything.test")
    response = client.get(
        "/v25.0/123", params={"fields": "id,followers_count", "access_token": "EAAG"}
    )
    assert response.json() == {"id": "123", "followers_count": 5}


def test_post_bodies_distinguish_pages(store):
    client = httpx.Client(transport=ReplayTransport(store), base_url="https://tt.test")
    first = client.post("/v2/video/list/", params={"fields": "id"}, json={"max_count": 20})
    second = client.post(
        "/v2/video/list/", params={"fields": "id"}, json={"max_count": 20, "cursor": 9}
    )
    assert (first.json(), second.json()) == ({"page": 1}, {"page": 2})


def test_requests_adapter_serves_the_same_recordings(store):
    session = requests.Session()
    session.mount("https://", ReplayAdapter(store))
    response = session.get(
        "https://api.twitter.com/2/users/by/username/AlcaldiaDeCali",
        params={"user.fields": "public_metrics"},
        headers={"Authorization": "Bearer AAAA"},
    )
    assert response.json() == {"data": {"id": "1"}}


def test_unknown_request_raises_listing_what_the_directory_has(store):
    client = httpx.Client(transport=ReplayTransport(store), base_url="https://graph.test")
    with pytest.raises(ReplayMiss) as raised:
        client.get("/v25.0/999", params={"fields": "id", "access_token": "EAAGsecret"})
    message = str(raised.value)
    assert "GET /v25.0/999?fields=id" in message
    assert "GET /v25.0/123?fields=id,followers_count" in message
    assert "4 recorded" in message and "EAAGsecret" not in message


def test_malformed_recording_names_the_file(tmp_path):
    (tmp_path / "broken.json").write_text("{nope", encoding="utf-8")
    with pytest.raises(ReplayFileError, match="broken.json"):
        ReplayStore(tmp_path)


def test_query_key_is_sorted_and_without_credentials():
    assert normalise_query([("b", "2"), ("access_token", "x"), ("a", "1"), ("key", "k")]) == (
        ("a", "1"),
        ("b", "2"),
    )


def test_a_recording_can_play_a_slow_platform(tmp_path, monkeypatch):
    record(tmp_path, "slow.json", {"path": "/slow"}, {"json": {"ok": True}, "delay_s": 0.3})
    slept: list[float] = []
    monkeypatch.setattr("collectors.replay.time.sleep", slept.append)
    transport = ReplayTransport(ReplayStore(tmp_path))

    with httpx.Client(transport=transport) as client:
        assert client.get("https://x.invalid/slow").json() == {"ok": True}

    assert slept == [0.3]


@pytest.mark.parametrize("delay", [-1, "5", True, 601])
def test_a_bad_delay_names_the_file(tmp_path, delay):
    record(tmp_path, "slow.json", {"path": "/slow"}, {"json": {}, "delay_s": delay})
    with pytest.raises(ReplayFileError, match="slow.json: response.delay_s"):
        ReplayStore(tmp_path)
