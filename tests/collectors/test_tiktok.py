"""TikTok: refresh before expiry, keep the rotated refresh token, clear error when it expired."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import respx

from collectors.base import Target
from collectors.errors import AuthError, PermanentError
from collectors.http import HttpPolicy, HttpSession
from collectors.tiktok.client import TikTokCollector
from collectors.tiktok.parse import TokenState
from collectors.tiktok.rules import TikTokRules
from collectors.tiktok.tokens import TikTokAuth, TokenFile, seed_of
from tests.collectors.conftest import FETCHED_AT, payload

TT = "https://tt.test/v2"
OWN = Target(platform="tiktok", handle="alcaldiacali")
NOW = datetime.now(UTC)


def make(tmp_path, state: TokenState, *, key="clientKEY", secret="clientSECRET"):
    session = HttpSession(
        HttpPolicy(max_retries=0), rules=TikTokRules(), base_url="https://tt.test"
    )
    store = TokenFile(tmp_path / "secrets" / "tiktok-token.json")
    auth = TikTokAuth(session, initial=state, store=store, client_key=key, client_secret=secret)
    return TikTokCollector(session, auth), store


def mock_api() -> respx.Route:
    route = respx.get(f"{TT}/user/info/").mock(
        return_value=httpx.Response(200, json=payload("tiktok", "user"))
    )
    respx.post(f"{TT}/video/list/").mock(
        return_value=httpx.Response(200, json=payload("tiktok", "videos_last"))
    )
    return route


@respx.mock
def test_expiring_access_token_is_refreshed_and_the_rotated_token_stored_privately(tmp_path):
    refresh = respx.post(f"{TT}/oauth/token/").mock(
        return_value=httpx.Response(200, json=payload("tiktok", "token"))
    )
    user = mock_api()
    state = TokenState("act.OLD", "rft.OLD", NOW + timedelta(minutes=3), NOW + timedelta(days=100))
    collector, store = make(tmp_path, state)
    result = collector.collect(OWN, FETCHED_AT)
    assert result.account.followers == 215400
    form = dict(httpx.QueryParams(refresh.calls.last.request.content.decode()))
    assert form == {
        "client_key": "clientKEY",
        "client_secret": "clientSECRET",
        "grant_type": "refresh_token",
        "refresh_token": "rft.OLD",
    }
    assert user.calls.last.request.headers["Authorization"] == "Bearer act.example1NEW"
    saved = json.loads(store.path.read_text())
    assert saved["refresh_token"] == "rft.example1NEW"
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.load().access_expires_at > NOW + timedelta(minutes=100)


@respx.mock
def test_fresh_access_token_is_used_without_refreshing(tmp_path):
    refresh = respx.post(f"{TT}/oauth/token/")
    user = mock_api()
    state = TokenState("act.FRESH", "rft.OLD", NOW + timedelta(hours=1), NOW + timedelta(days=100))
    make(tmp_path, state)[0].collect(OWN, FETCHED_AT)
    assert refresh.call_count == 0
    assert user.calls.last.request.headers["Authorization"] == "Bearer act.FRESH"


def test_expired_refresh_token_says_to_log_in_again(tmp_path):
    expired = NOW - timedelta(days=1)
    state = TokenState("act.OLD", "rft.OLD", NOW - timedelta(hours=1), expired)
    with pytest.raises(AuthError, match="refresh token expired on .*log in again"):
        make(tmp_path, state)[0].collect(OWN, FETCHED_AT)


@respx.mock
def test_refresh_refused_as_invalid_grant_is_auth_error_without_secrets(tmp_path):
    respx.post(f"{TT}/oauth/token/").mock(
        return_value=httpx.Response(400, json=payload("tiktok", "token_refresh_expired"))
    )
    state = TokenState("act.OLD", "rft.SECRETold", None, None)
    with pytest.raises(AuthError) as raised:
        make(tmp_path, state)[0].collect(OWN, FETCHED_AT)
    assert "PULSO_TIKTOK_REFRESH_TOKEN" in str(raised.value)
    assert "rft.SECRETold" not in str(raised.value) and "clientSECRET" not in str(raised.value)


def test_expired_access_token_without_refresh_credentials_names_the_variables(tmp_path):
    state = TokenState("act.OLD", None, NOW - timedelta(minutes=1), None)
    with pytest.raises(AuthError, match="PULSO_TIKTOK_CLIENT_KEY"):
        make(tmp_path, state, key=None, secret=None)[0].collect(OWN, FETCHED_AT)


@respx.mock
def test_video_list_follows_cursor_until_has_more_is_false(tmp_path):
    respx.get(f"{TT}/user/info/").mock(
        return_value=httpx.Response(200, json=payload("tiktok", "user"))
    )
    videos = respx.post(f"{TT}/video/list/").mock(
        side_effect=[
            httpx.Response(200, json=payload("tiktok", "videos")),
            httpx.Response(200, json=payload("tiktok", "videos_last")),
        ]
    )
    state = TokenState("act.FRESH", None, NOW + timedelta(hours=1), None)
    result = make(tmp_path, state)[0].collect(OWN, FETCHED_AT)
    assert len(result.posts) == 1
    assert json.loads(videos.calls[0].request.content) == {"max_count": 20}
    assert json.loads(videos.calls[1].request.content) == {"max_count": 20, "cursor": 1772460311000}


def test_peer_on_tiktok_is_refused_plainly(tmp_path):
    state = TokenState("act.FRESH", None, None, None)
    with pytest.raises(PermanentError, match="Display API"):
        make(tmp_path, state)[0].collect(
            Target(platform="tiktok", handle="x", own=False), FETCHED_AT
        )


def test_token_file_from_an_older_login_is_ignored_when_the_operator_sets_a_new_token(tmp_path):
    path = tmp_path / "tiktok-token.json"
    state = TokenState("act.A", "rft.A2", NOW + timedelta(hours=1), NOW + timedelta(days=1))
    TokenFile(path, seed=seed_of("rft.A")).save(state)
    assert TokenFile(path, seed=seed_of("rft.A")).load() == state
    assert TokenFile(path, seed=seed_of("rft.B-new-login")).load() is None
    assert 'rft.A"' not in path.read_text()  # the seed is a fingerprint, not the token


def test_token_file_is_owner_only_even_over_a_leftover_temporary_file(tmp_path):
    path = tmp_path / "tiktok-token.json"
    leftover = path.with_suffix(".tmp")
    leftover.write_text("{}", encoding="utf-8")
    leftover.chmod(0o644)  # a crash mid-save, then an operator's permissive umask
    TokenFile(path).save(TokenState("act.A", "rft.A", None, None))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert TokenFile(path).load() == TokenState("act.A", "rft.A", None, None)
