"""More than one machine: the flows deployed to a Prefect work pool, platform limits shared.

`pulso serve` runs the schedules in one process. For a pool, `pulso deploy --pool NAME`
registers the same two deployments (same schedules in the configured zone, one run at a time)
on a process work pool, and `prefect worker start --pool NAME` on each machine runs them: the
pool hands each scheduled run to exactly one worker. Per-platform limits (`[collection]
limits`) become Prefect global concurrency limits, so they hold across workers, and the
workers' flow runs send heartbeats that the zombie automation watches. Workers import the
flows from the installed package (module entrypoints), so no code is shipped through Prefect.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flows.prefect_env import configure

configure()

from prefect import Flow  # noqa: E402 - Prefect must see the quiet environment first
from prefect.client.orchestration import SyncPrefectClient, get_client  # noqa: E402
from prefect.client.schemas.actions import (  # noqa: E402
    DeploymentScheduleCreate,
    GlobalConcurrencyLimitCreate,
    GlobalConcurrencyLimitUpdate,
    WorkPoolCreate,
)
from prefect.client.schemas.objects import (  # noqa: E402
    ConcurrencyLimitStrategy,
    ConcurrencyOptions,
)
from prefect.client.schemas.schedules import CronSchedule  # noqa: E402
from prefect.exceptions import ObjectNotFound  # noqa: E402
from prefect.utilities.callables import parameter_schema  # noqa: E402

from flows.deploy import NIGHTLY, WEEKLY  # noqa: E402
from flows.nightly import nightly  # noqa: E402
from flows.recovery import HEARTBEAT_S, ensure_zombie_automation  # noqa: E402
from flows.steps.shared_limits import limit_name  # noqa: E402
from flows.weekly import weekly  # noqa: E402
from settings import Settings  # noqa: E402

POOL_TYPE = "process"


@dataclass(frozen=True, slots=True)
class PoolDeployment:
    flow: Flow[Any, Any]
    name: str
    entrypoint: str  # a module path: every worker has Pulso installed
    cron: str
    parameters: dict[str, Any]
    description: str


def pool_deployments(settings: Settings) -> list[PoolDeployment]:
    schedule = settings.config.schedule
    return [
        PoolDeployment(
            nightly,
            NIGHTLY,
            "flows.nightly.nightly",
            schedule.nightly_cron,
            {"shared_limits": True},
            "Collect followers, interactions and news mentions; store snapshots.",
        ),
        PoolDeployment(
            weekly,
            WEEKLY,
            "flows.weekly.weekly",
            schedule.weekly_cron,
            {},
            "Build the weekly report for the last complete Monday-Sunday week.",
        ),
    ]


def ensure_pool(client: SyncPrefectClient, pool: str) -> bool:
    """The process work pool, created when missing; True when created now."""
    try:
        client.read_work_pool(pool)
        return False
    except ObjectNotFound:
        client.create_work_pool(WorkPoolCreate(name=pool, type=POOL_TYPE))
        return True


def ensure_limits(client: SyncPrefectClient, limits: Mapping[str, int]) -> dict[str, int]:
    """One global concurrency limit per platform, set to the configured number of slots."""
    for platform, slots in limits.items():
        name = limit_name(platform)
        try:
            client.read_global_concurrency_limit_by_name(name)
            client.update_global_concurrency_limit(name, GlobalConcurrencyLimitUpdate(limit=slots))
        except ObjectNotFound:
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=name, limit=slots)
            )
    return {limit_name(platform): slots for platform, slots in limits.items()}


def register(client: SyncPrefectClient, spec: PoolDeployment, pool: str, tz: str) -> str:
    flow_id = client.create_flow_from_name(spec.flow.name)
    client.create_deployment(
        flow_id,
        spec.name,
        schedules=[DeploymentScheduleCreate(schedule=CronSchedule(cron=spec.cron, timezone=tz))],
        concurrency_limit=1,
        concurrency_options=ConcurrencyOptions(
            collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW
        ),
        parameters=spec.parameters,
        parameter_openapi_schema=parameter_schema(spec.flow.fn).model_dump_for_openapi(),
        description=spec.description,
        work_pool_name=pool,
        entrypoint=spec.entrypoint,
        path=None,
        tags=["pulso"],
        # The workers' flow runs report they are alive; the zombie automation watches them.
        job_variables={"env": {"PREFECT_FLOWS_HEARTBEAT_FREQUENCY": str(HEARTBEAT_S)}},
    )
    return f"{spec.flow.name}/{spec.name}"


def deploy_to_pool(settings: Settings, pool: str) -> list[str]:
    """Register both deployments on `pool` with shared platform limits; their full names."""
    with get_client(sync_client=True) as client:
        ensure_pool(client, pool)
        ensure_limits(client, settings.config.collection.limits)
        ensure_zombie_automation(client)
        tz = settings.config.timezone
        return [register(client, spec, pool, tz) for spec in pool_deployments(settings)]
