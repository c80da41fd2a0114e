"""The night's health: sources failing for N nights, tokens close to expiry, and the alert.

Plain functions over storage and settings, shared by the nightly flow and the CLI; the
flags are written into the run record so the weekly report can show them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import httpx
from sqlalchemy import Engine

from collectors.errors import redact
from flows.steps.sources import RunContext, RunSummary, Source
from settings import Settings
from storage.db import transaction
from storage.health import StaleSource, flag_run, stale_json, stale_sources

log = logging.getLogger("pulso.health")


@dataclass(frozen=True, slots=True)
class TokenWarning:
    platform: str
    expires_on: date
    days_left: int


@dataclass(frozen=True, slots=True)
class Health:
    stale: tuple[StaleSource, ...]
    tokens: tuple[TokenWarning, ...]
    # source key (or platform) -> expiry day: what the weekly report reads from the run.
    expiry_by_source: tuple[tuple[str, date], ...] = ()

    @property
    def flags(self) -> dict[str, Any]:
        return {
            "token_expiry": {key: day.isoformat() for key, day in self.expiry_by_source},
            "stale_sources": stale_json(self.stale),
            "expiring_tokens": [
                {
                    "platform": t.platform,
                    "expires_on": t.expires_on.isoformat(),
                    "days_left": t.days_left,
                }
                for t in self.tokens
            ],
        }


def expiring_tokens(
    expiries: Mapping[str, date], *, today: date, within_days: int
) -> list[TokenWarning]:
    """Pure: tokens expiring within `within_days` of today (already expired ones included)."""
    warnings = []
    for platform, expires_on in sorted(expiries.items()):
        days_left = (expires_on - today).days
        if days_left <= within_days:
            warnings.append(TokenWarning(platform, expires_on, days_left))
    return warnings


def token_expiries(settings: Settings, sources: Iterable[Source], tz: Any) -> dict[str, date]:
    """Expiry days noted in pulso.toml, overridden by what a source learned from its platform."""
    expiries = dict(settings.config.health.token_expires_on)
    for source in sources:
        # Optional on a Source: platforms that report expiry (TikTok, Meta's debug_token).
        expires_at = getattr(source, "token_expires_at", None)
        if isinstance(expires_at, datetime):
            expiries[source.kind] = expires_at.astimezone(tz).date()
    return expiries


def by_source(
    expiries: Mapping[str, date], sources: Iterable[Source]
) -> tuple[tuple[str, date], ...]:
    """Each platform's expiry under every source of that platform (the platform when none)."""
    keys: dict[str, date] = {}
    for platform, day in expiries.items():
        matching = [s.key for s in sources if s.kind == platform]
        for key in matching or [platform]:
            keys[key] = day
    return tuple(sorted(keys.items()))


def check_health(
    engine: Engine, ctx: RunContext, settings: Settings, sources: Iterable[Source]
) -> Health:
    """Compute this night's health flags and keep them in the run record."""
    sources = list(sources)
    config = settings.config
    with transaction(engine) as session:
        stale = stale_sources(
            session,
            today=ctx.day,
            nights=config.health.stale_after_nights,
            sources=[s.key for s in sources],
        )
        expiries = token_expiries(settings, sources, config.tz)
        tokens = expiring_tokens(
            expiries,
            today=ctx.day,
            within_days=config.health.token_warning_days,
        )
        health = Health(tuple(stale), tuple(tokens), by_source(expiries, sources))
        flag_run(session, run_id=ctx.run_id, flags=health.flags)
    return health


def alert_message(summary: RunSummary, health: Health, day: date) -> dict[str, Any]:
    """The JSON a webhook receives: what failed and why, what is stale, which tokens expire."""
    failed = [{"source": o.key, "error": o.error_kind, "reason": o.reason} for o in summary.failed]
    text = f"Pulso {day:%d/%m/%Y}: noche {summary.status}, {len(failed)} fuente(s) con fallas"
    return {
        "text": text,
        "status": summary.status,
        "run_id": summary.run_id,
        "failed": failed,
        **health.flags,
    }


def needs_alert(summary: RunSummary, health: Health) -> bool:
    return summary.status != "ok" or bool(health.stale) or bool(health.tokens)


def notify(url: str | None, message: dict[str, Any], timeout_s: float = 10.0) -> bool:
    """POST the alert to the operator's webhook; a broken webhook is logged, never fatal."""
    if not url:
        return False
    body = {**message, **{"text": redact(str(message.get("text", "")))}}
    try:
        response = httpx.post(url, json=body, timeout=timeout_s)
        response.raise_for_status()
    except httpx.HTTPError as error:
        log.warning("webhook alert failed: %s", redact(str(error)))
        return False
    return True
