"""`pulso tokens check`: does each platform's credential work, and when does it expire?

One real, cheap request per credential, as each platform declares it (`Platform.token_check`:
Meta's debug_token, one X user read, one YouTube unit, TikTok's user info). A credential
expiring within `health.token_warning_days` is a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from collectors.errors import CollectorError
from collectors.platform import Platform
from collectors.platform import TokenCheck as PlatformCheck
from collectors.registry import token_checks
from collectors.replay import ReplayStore
from flows.steps.replay import replay_source
from flows.steps.social_clients import ClientFactory
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


def run_check(
    factory: ClientFactory, platform: Platform, check: PlatformCheck, days: int
) -> TokenCheck:
    """One platform check, judged: missing, failed (the platform says so), or by its expiry."""
    status = check.run(factory.setup(platform))
    if status is None:
        return TokenCheck(check.name, "missing", None, check.missing)
    if status.problem is not None:
        return TokenCheck(check.name, "failed", status.expires_at, status.problem)
    return judge(check.name, status.expires_at, factory.now, days, status.detail)


def check_tokens(
    settings: Settings, *, replay_dir: str | Path | None = None, now: datetime | None = None
) -> list[TokenCheck]:
    """One TokenCheck per platform; a failing check never stops the others."""
    now = now or datetime.now(UTC)
    days = settings.config.health.token_warning_days
    replay = replay_source(settings, replay_dir)
    factory = ClientFactory(settings, ReplayStore(replay) if replay else None, now=now)
    results = []
    try:
        for platform, check in token_checks():
            try:
                results.append(run_check(factory, platform, check, days))
            except CollectorError as error:
                results.append(TokenCheck(check.name, "failed", None, str(error)))
    finally:
        factory.close()
    return results
