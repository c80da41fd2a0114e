"""Scheduled deployments: the nightly collection and the weekly report, served by one process.

Schedules need a real Prefect API (`prefect server start`, or the compose file's server):
Prefect's ephemeral mode starts a temporary API per process and never runs schedules, so
serving without one would silently do nothing. Each deployment allows one run at a time and
cancels a second one, so a schedule never runs twice even if two workers serve it.
"""

from __future__ import annotations

from typing import Any

import httpx

from flows.prefect_env import configure

configure()

from prefect import serve  # noqa: E402 - Prefect must see the quiet environment first
from prefect.client.schemas.objects import (  # noqa: E402
    ConcurrencyLimitConfig,
    ConcurrencyLimitStrategy,
)
from prefect.schedules import Cron  # noqa: E402
from prefect.settings import get_current_settings  # noqa: E402

from flows.nightly import nightly, open_engine  # noqa: E402
from flows.recovery import enable_heartbeats, recover  # noqa: E402
from flows.weekly import weekly  # noqa: E402
from settings import Settings  # noqa: E402

NIGHTLY = "nightly"
WEEKLY = "weekly"
HOW_TO_START = (
    "Prefect's local (ephemeral) mode cannot run schedules. Start a Prefect server with "
    "`prefect server start` (or `docker compose up prefect-server`) and set "
    "PREFECT_API_URL=http://127.0.0.1:4200/api, then run `pulso serve` again."
)


class NoPrefectApi(Exception):
    """`pulso serve` has no Prefect API to register its schedules with."""


def api_url() -> str | None:
    """The Prefect API in force (PREFECT_API_URL or the active Prefect profile)."""
    url = get_current_settings().api.url
    return str(url) if url else None


def require_api(timeout_s: float = 5.0) -> str:
    """The API URL, checked to answer; NoPrefectApi saying what to do otherwise."""
    url = api_url()
    if not url:
        raise NoPrefectApi(f"no Prefect API configured (PREFECT_API_URL is unset). {HOW_TO_START}")
    try:
        httpx.get(f"{url.rstrip('/')}/health", timeout=timeout_s).raise_for_status()
    except httpx.HTTPError as error:
        raise NoPrefectApi(
            f"the Prefect API at {url} does not answer ({type(error).__name__}). {HOW_TO_START}"
        ) from None
    return url


def one_at_a_time() -> ConcurrencyLimitConfig:
    return ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)


def deployments(settings: Settings) -> list[Any]:
    """Both deployments with their Cron schedules in the configured time zone."""
    schedule, tz = settings.config.schedule, settings.config.timezone
    return [
        nightly.to_deployment(
            name=NIGHTLY,
            schedules=[Cron(schedule.nightly_cron, timezone=tz)],
            concurrency_limit=one_at_a_time(),
            tags=["pulso"],
            description="Collect followers, interactions and news mentions; store snapshots.",
        ),
        weekly.to_deployment(
            name=WEEKLY,
            schedules=[Cron(schedule.weekly_cron, timezone=tz)],
            concurrency_limit=one_at_a_time(),
            tags=["pulso"],
            description="Build the weekly report for the last complete Monday-Sunday week.",
        ),
    ]


def serve_all(settings: Settings) -> None:
    """Recover what a dead worker left, then serve both deployments until interrupted."""
    require_api()
    engine = open_engine(settings)
    try:
        found = recover(engine, settings)
    finally:
        engine.dispose()
    if found.crashed or found.interrupted_days or found.resumed:
        print(
            f"recovered: {len(found.crashed)} orphaned run(s) marked Crashed, "
            f"{len(found.interrupted_days)} run record(s) closed as interrupted"
            + (
                f", {found.resumed} collects what tonight's run never reached"
                if found.resumed
                else ""
            )
        )
    enable_heartbeats()
    serve(*deployments(settings))
