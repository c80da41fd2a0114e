"""What `pulso serve` does before serving: no dead night blocks, or hides behind, the next one.

A worker killed mid-night (SIGKILL, OOM, `docker kill`) leaves its Prefect run Running forever,
holding the deployment's one-run slot: the next ticks are Cancelled for concurrency, which
alerts nobody. `pulso serve` is the one process that serves these deployments, so at its start
every run of theirs still Pending, Running or Cancelling is an orphan: it is marked Crashed
(which frees the slot), its run record is closed as interrupted, and when it was collecting
today the sources it never reached are collected now. Crashed and cancelled runs not yet
alerted are alerted once (the run gets the `pulso-alerted` tag). While serving, flow-run
heartbeats and an automation mark a run Crashed when its process stops answering.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Engine

from flows.prefect_env import configure

configure()

from prefect.client.orchestration import SyncPrefectClient, get_client  # noqa: E402
from prefect.client.schemas.filters import (  # noqa: E402
    FlowRunFilter,
    FlowRunFilterDeploymentId,
    FlowRunFilterExpectedStartTime,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import FlowRun, StateType  # noqa: E402
from prefect.events.actions import ChangeFlowRunState  # noqa: E402
from prefect.events.schemas.automations import (  # noqa: E402
    AutomationCore,  # noqa: E402
    EventTrigger,
    Posture,
)
from prefect.events.schemas.events import ResourceSpecification  # noqa: E402
from prefect.exceptions import ObjectNotFound  # noqa: E402
from prefect.states import Crashed  # noqa: E402

from flows.steps.health import notify  # noqa: E402
from settings import Settings  # noqa: E402
from storage.db import transaction  # noqa: E402
from storage.health import close_interrupted_runs  # noqa: E402

log = logging.getLogger("pulso.recovery")

NIGHTLY_DEPLOYMENT = "pulso-nightly/nightly"
WEEKLY_DEPLOYMENT = "pulso-weekly/weekly"
ALERTED_TAG = "pulso-alerted"
ORPHANED = [StateType.PENDING, StateType.RUNNING, StateType.CANCELLING]
UNNOTICED = [StateType.CRASHED, StateType.CANCELLED]
# How far back a crashed or cancelled run is still worth an alert.
ALERT_LOOKBACK = timedelta(days=7)
# Prefect emits a heartbeat at most every 30 s; three missed ones make a run a zombie.
HEARTBEAT_S = 30
ZOMBIE_AFTER = timedelta(seconds=3 * HEARTBEAT_S)
ZOMBIE_AUTOMATION = "pulso: crash runs whose worker died"


@dataclass(frozen=True, slots=True)
class Recovery:
    crashed: tuple[str, ...]  # flow-run names marked Crashed
    interrupted_days: tuple[date, ...]  # run records closed as interrupted
    alerted: tuple[str, ...]  # crashed/cancelled runs alerted now
    resumed: str | None  # the catch-up run scheduled for today, if any


def enable_heartbeats() -> None:
    """Served flow runs report they are alive (an operator's own setting wins)."""
    os.environ.setdefault("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", str(HEARTBEAT_S))


def zombie_automation() -> AutomationCore:
    """Prefect's documented recipe: no heartbeat nor end for 90 s after one -> Crashed."""
    return AutomationCore(
        name=ZOMBIE_AUTOMATION,
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={
                "prefect.flow-run.heartbeat",
                "prefect.flow-run.Completed",
                "prefect.flow-run.Failed",
                "prefect.flow-run.Cancelled",
                "prefect.flow-run.Crashed",
            },
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=ZOMBIE_AFTER,
        ),
        actions=[
            ChangeFlowRunState(
                state=StateType.CRASHED,
                name="Crashed",
                force=False,
                message="no heartbeat: the process running this flow stopped (killed or lost)",
            )
        ],
    )


def ensure_zombie_automation(client: SyncPrefectClient) -> bool:
    """Create the automation once; True when it was created now."""
    if client.read_automations_by_name(ZOMBIE_AUTOMATION):
        return False
    client.create_automation(zombie_automation())
    return True


def deployment_ids(client: SyncPrefectClient) -> dict[str, UUID]:
    """Our deployments that exist on this Prefect API, by full name."""
    found = {}
    for name in (NIGHTLY_DEPLOYMENT, WEEKLY_DEPLOYMENT):
        try:
            found[name] = client.read_deployment_by_name(name).id
        except ObjectNotFound:
            continue
    return found


def runs_in(client: SyncPrefectClient, ids: list[UUID], types: list[StateType]) -> list[FlowRun]:
    return client.read_flow_runs(
        flow_run_filter=FlowRunFilter(
            deployment_id=FlowRunFilterDeploymentId(any_=ids),
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=types)),
        )
    )


def crash_orphans(client: SyncPrefectClient, ids: list[UUID]) -> list[FlowRun]:
    """Every run still in flight when serving starts has no process left: mark it Crashed."""
    orphans = runs_in(client, ids, ORPHANED)
    for run in orphans:
        message = "the worker stopped while this run was in flight; marked Crashed at restart"
        client.set_flow_run_state(run.id, Crashed(message=message), force=True)
        log.warning("flow run %s was orphaned: marked Crashed", run.name)
    return orphans


def unalerted(client: SyncPrefectClient, ids: list[UUID], now: datetime) -> list[FlowRun]:
    recent = client.read_flow_runs(
        flow_run_filter=FlowRunFilter(
            deployment_id=FlowRunFilterDeploymentId(any_=ids),
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=UNNOTICED)),
            expected_start_time=FlowRunFilterExpectedStartTime(
                after_=cast(Any, now - ALERT_LOOKBACK)  # Prefect's DateTime is a datetime
            ),
        )
    )
    return [run for run in recent if ALERTED_TAG not in (run.tags or [])]


def run_alert(run: FlowRun) -> dict[str, Any]:
    state = run.state
    kind = state.type.value.lower() if state else "unknown"
    message = (state.message if state else None) or ""
    text = f"Pulso: la ejecución {run.name} terminó {state.name if state else '?'}: {message}"
    return {"text": text, "status": kind, "flow_run": run.name, "flow_run_id": str(run.id)}


def alert_unnoticed(
    client: SyncPrefectClient, settings: Settings, runs: Iterable[FlowRun]
) -> list[str]:
    """One webhook alert per crashed or cancelled run, then tag it so it is never repeated."""
    alerted = []
    for run in runs:
        notify(settings.config.health.webhook_url, run_alert(run))
        client.update_flow_run(run.id, tags=[*(run.tags or []), ALERTED_TAG])
        alerted.append(run.name)
    return alerted


def close_orphan_records(engine: Engine, now: datetime) -> list[date]:
    """Nightly run records left 'running' by a dead worker (manual runs may still be alive)."""
    with transaction(engine) as session:
        return close_interrupted_runs(session, started_before=now, kinds=["nightly"])


def resume_today(
    client: SyncPrefectClient,
    nightly: UUID | None,
    days: Iterable[date],
    settings: Settings,
    now: datetime,
) -> str | None:
    """A night killed today is finished now: only the sources it never stored are collected."""
    today = now.astimezone(settings.config.tz).date()
    if nightly is None or today not in set(days):
        return None
    run = client.create_flow_run_from_deployment(
        nightly, parameters={"resume": True}, name=f"nightly-{today.isoformat()}-resumed"
    )
    log.warning("tonight's run was killed: %s collects the sources it never reached", run.name)
    return run.name


def recover(engine: Engine, settings: Settings, now: datetime | None = None) -> Recovery:
    """Run once when `pulso serve` starts, before it serves (see the module docstring)."""
    now = now or datetime.now(UTC)
    with get_client(sync_client=True) as client:
        ensure_zombie_automation(client)
        found = deployment_ids(client)
        ids = list(found.values())
        crashed = crash_orphans(client, ids) if ids else []
        days = close_orphan_records(engine, now)
        alerted = alert_unnoticed(client, settings, unalerted(client, ids, now)) if ids else []
        resumed = resume_today(client, found.get(NIGHTLY_DEPLOYMENT), days, settings, now)
    return Recovery(tuple(r.name for r in crashed), tuple(days), tuple(alerted), resumed)
