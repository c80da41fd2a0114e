"""`pulso tokens check`: does each platform's credential work, and when does it expire?

One real, cheap request per platform (Meta's debug_token, one X user read, one YouTube unit,
TikTok's user info). A credential expiring within `health.token_warning_days` is a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from collectors.base import Target
from collectors.errors import CollectorError, register_secret
from collectors.graph.api import appsecret_proof
from collectors.graph.parse import parse_debug_token
from collectors.replay import ReplayStore
from collectors.tiktok.client import TikTokCollector
from collectors.twitter.client import TwitterCollector
from collectors.twitter.parse import parse_user
from collectors.youtube.client import channel_selector
from flows.steps.replay import replay_source
from flows.steps.social import target_for
from flows.steps.social_clients import ClientFactory, secret
from settings import Settings


@dataclass(frozen=True, slots=True)
class TokenCheck:
    platform: str
    status: str  # ok | warning | expired | failed | missing
    expires_at: datetime | None
    detail: str


def judge(
    platform: str, expires_at: datetime | None, now: datetime, warning_days: int, detail: str
) -> TokenCheck:
    """ok, warning (expires within `warning_days`) or expired, from the expiry instant."""
    if expires_at is None:
        return TokenCheck(platform, "ok", None, detail or "does not expire")
    if expires_at <= now:
        return TokenCheck(platform, "expired", expires_at, detail or "expired")
    if expires_at - now <= timedelta(days=warning_days):
        days = (expires_at - now).days
        return TokenCheck(platform, "warning", expires_at, f"expires in {days} day(s); {detail}")
    return TokenCheck(platform, "ok", expires_at, detail)


def _first(settings: Settings, platform: str) -> Target | None:
    accounts = [a for a in settings.config.accounts if a.platform == platform]
    accounts.sort(key=lambda a: not a.own)
    return target_for(accounts[0]) if accounts else None


def check_meta(factory: ClientFactory, now: datetime, days: int) -> TokenCheck:
    graph = factory.graph()
    token = secret(factory.settings.secrets.meta_access_token) or "replay"
    if graph is None:
        return TokenCheck("meta", "missing", None, "set PULSO_META_ACCESS_TOKEN")
    params = {"input_token": token}
    app_id, app_secret = (
        factory.settings.secrets.meta_app_id,
        factory.settings.secrets.meta_app_secret,
    )
    if app_id and app_secret and not factory.replay:
        # An app token inspects any token of the app; without one the token inspects itself.
        app_token = f"{app_id}|{app_secret.get_secret_value()}"
        register_secret(app_token)
        params["access_token"] = app_token
        params["appsecret_proof"] = appsecret_proof(app_token, app_secret.get_secret_value())
    info = parse_debug_token(graph.get("debug_token", params, what="meta debug_token"))
    if not info.valid:
        return TokenCheck("meta", "failed", info.expires_at, info.problem or "token is not valid")
    return judge("meta", info.expires_at, now, days, f"scopes: {', '.join(info.scopes) or '?'}")


def check_x(factory: ClientFactory, now: datetime, days: int) -> TokenCheck:
    client, target = factory.twitter(), _first(factory.settings, "twitter")
    if client is None:
        return TokenCheck("twitter", "missing", None, "set PULSO_X_BEARER_TOKEN")
    if target is None:
        return TokenCheck("twitter", "ok", None, "not tested: no X account configured")
    account = parse_user(TwitterCollector(client).user(target), target.handle, now)
    return judge("twitter", None, now, days, f"app bearer token works (@{account.handle})")


def check_youtube(factory: ClientFactory, now: datetime, days: int) -> TokenCheck:
    api, target = factory.youtube(lambda: 0), _first(factory.settings, "youtube")
    if api is None:
        return TokenCheck("youtube", "missing", None, "set PULSO_YOUTUBE_API_KEY")
    if target is None:
        return TokenCheck("youtube", "ok", None, "not tested: no YouTube account configured")
    api.get("channels", {"part": "id", **channel_selector(target)}, what="youtube key check")
    return judge("youtube", None, now, days, "API key works (1 quota unit)")


def check_tiktok(factory: ClientFactory, now: datetime, days: int) -> TokenCheck:
    built = factory.tiktok()
    if built is None:
        return TokenCheck("tiktok", "missing", None, "set PULSO_TIKTOK_REFRESH_TOKEN")
    session, auth = built
    TikTokCollector(session, auth).user_info("token check")
    access = auth.state.access_expires_at
    detail = f"access token until {access:%Y-%m-%d %H:%M} UTC" if access else "access token works"
    # The access token renews itself; the refresh token is what a person must renew.
    return judge("tiktok", auth.state.refresh_expires_at, now, days, detail)


CHECKS: dict[str, Callable[[ClientFactory, datetime, int], TokenCheck]] = {
    "meta": check_meta,
    "twitter": check_x,
    "youtube": check_youtube,
    "tiktok": check_tiktok,
}


def check_tokens(
    settings: Settings, *, replay_dir: str | Path | None = None, now: datetime | None = None
) -> list[TokenCheck]:
    """One TokenCheck per platform; a failing check never stops the others."""
    now = now or datetime.now(UTC)
    days = settings.config.health.token_warning_days
    replay = replay_source(settings, replay_dir)
    factory = ClientFactory(settings, ReplayStore(replay) if replay else None)
    results = []
    try:
        for platform, check in CHECKS.items():
            try:
                results.append(check(factory, now, days))
            except CollectorError as error:
                results.append(TokenCheck(platform, "failed", None, str(error)))
    finally:
        factory.close()
    return results
