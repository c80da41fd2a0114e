"""A configured office (five own accounts) and its platforms answering from fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
import responses
import respx

from tests.collectors.conftest import payload

SECRETS = {
    "PULSO_META_ACCESS_TOKEN": "EAAGmetaSECRETtoken0001",
    "PULSO_X_BEARER_TOKEN": "AAAAxBEARERsecret0002",
    "PULSO_YOUTUBE_API_KEY": "AIzaYOUTUBEsecret0003",
    "PULSO_TIKTOK_ACCESS_TOKEN": "act.TIKTOKsecret0004",
}

CONFIG = """
timezone = "America/Bogota"
[[accounts]]
platform = "facebook"
handle = "AlcaldiaDeCali"
id = "123456789012345"
[[accounts]]
platform = "instagram"
handle = "alcaldiadecali"
id = "17841400000000000"
[[accounts]]
platform = "twitter"
handle = "AlcaldiaDeCali"
[[accounts]]
platform = "youtube"
handle = "AlcaldiaDeCali"
id = "UCyyyyyyyyyyyyyyyyyyyyyy"
[[accounts]]
platform = "tiktok"
handle = "alcaldiacali"
[http]
max_retries = 1
max_wait_s = 5
# These nights predate insights (their recordings have none); test_insights*.py cover them.
[insights]
enabled = false
"""

GRAPH = "https://graph.facebook.com/v25.0"
YOUTUBE = "https://www.googleapis.com/youtube/v3"
TIKTOK = "https://open.tiktokapis.com/v2"
X = "https://api.twitter.com/2"


def configure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, extra: str = "") -> None:
    (tmp_path / "pulso.toml").write_text(CONFIG + extra, encoding="utf-8")
    monkeypatch.setenv("PULSO_CONFIG", str(tmp_path / "pulso.toml"))
    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'pulso.db'}")
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)


def meta_ok(router: respx.MockRouter) -> None:
    router.get(f"{GRAPH}/123456789012345").mock(
        return_value=httpx.Response(200, json=payload("facebook", "page"))
    )
    router.get(f"{GRAPH}/123456789012345/posts").mock(
        return_value=httpx.Response(200, json=payload("facebook", "posts_last_page"))
    )
    router.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(200, json=payload("instagram", "user"))
    )
    router.get(f"{GRAPH}/17841400000000000/media").mock(
        return_value=httpx.Response(200, json=payload("instagram", "media"))
    )
    router.get(url__regex=rf"{re.escape(GRAPH)}/\d+/insights").mock(
        return_value=httpx.Response(200, json=payload("instagram", "insights_views"))
    )


def meta_expired(router: respx.MockRouter) -> None:
    router.get(url__startswith=GRAPH).mock(
        return_value=httpx.Response(400, json=payload("facebook", "token_expired"))
    )


def youtube_ok(router: respx.MockRouter) -> None:
    router.get(f"{YOUTUBE}/channels").mock(
        return_value=httpx.Response(200, json=payload("youtube", "channel_hidden_subscribers"))
    )
    router.get(f"{YOUTUBE}/playlistItems").mock(
        return_value=httpx.Response(200, json=payload("youtube", "playlist_items"))
    )
    router.get(f"{YOUTUBE}/videos").mock(
        return_value=httpx.Response(200, json=payload("youtube", "videos"))
    )


def tiktok_ok(router: respx.MockRouter) -> None:
    router.get(f"{TIKTOK}/user/info/").mock(
        return_value=httpx.Response(200, json=payload("tiktok", "user"))
    )
    router.post(f"{TIKTOK}/video/list/").mock(
        side_effect=[
            httpx.Response(200, json=payload("tiktok", "videos")),
            httpx.Response(200, json=payload("tiktok", "videos_last")),
        ]
    )


def x_ok(mock: responses.RequestsMock) -> None:
    mock.get(f"{X}/users/by/username/AlcaldiaDeCali", json=payload("twitter", "user"))
    mock.get(f"{X}/users/123456789/tweets", json=payload("twitter", "tweets_empty"))


def x_rate_limited(mock: responses.RequestsMock, reset_in_s: int) -> None:
    import time

    mock.get(
        f"{X}/users/by/username/AlcaldiaDeCali",
        json=payload("twitter", "rate_limited"),
        status=429,
        headers={
            "x-rate-limit-limit": "300",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": str(int(time.time()) + reset_in_s),
        },
    )
