"""The nightly collection as a Prefect flow: one task per source, run as `pulso collect` runs it.

Retries and waits are decided once, per request, by the HTTP policy (collectors/retry.py):
transient errors (5xx, timeouts, rate limits whose wait is at most `[http] max_wait_s`) are
retried there; anything else fails the source at once. The task itself never retries nor
sleeps: it records the source's outcome, failed or not, and returns it (`run_source`, the
CLI's step), so a failure is a row and a log line, not a Prefect traceback. A failed source
never stops the others. The final state says how the night went: Completed when every source
landed, Completed named "Partial" when some failed (recorded per source; the webhook alerts),
Failed when all did. The per-source table is published as the `pulso-night` artifact.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from typing import Any

from flows.prefect_env import configure

configure()

from prefect import flow, task  # noqa: E402 - Prefect must see the quiet environment first
from prefect.artifacts import create_table_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.client.schemas.objects import State  # noqa: E402
from prefect.concurrency.sync import concurrency  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.states import Completed, Failed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

from collectors.errors import register_secret  # noqa: E402
from collectors.http import install_log_redaction  # noqa: E402
from flows.steps import errorlog  # noqa: E402
from flows.steps.collection import (  # noqa: E402
    NightResult,
    Plan,
    begin,
    drop_done,
    plan_sources,
    record_skips,
)
from flows.steps.health import alert_message, check_health, needs_alert, notify  # noqa: E402
from flows.steps.lanes import dispatch  # noqa: E402
from flows.steps.shared_limits import limit_name  # noqa: E402
from flows.steps.sources import (  # noqa: E402
    RunContext,
    Source,
    SourceOutcome,
    close_run,
    record_failure,
    run_source,
)
from flows.steps.spikes import alert_spikes, night_spikes  # noqa: E402
from settings import Settings, load_settings  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.revision import known_current  # noqa: E402

POOL_THREADS = 16
# Typed loosely: Prefect's generic runner type does not unify with the decorator's.
TASK_RUNNER: Any = ThreadPoolTaskRunner(max_workers=POOL_THREADS)


def platform_slot(source: Source, shared: bool) -> AbstractContextManager[object]:
    """A slot of the platform's Prefect global concurrency limit when workers share limits."""
    if not shared:
        return nullcontext()
    # strict: a limit deleted by hand fails the source loudly instead of running unthrottled.
    return concurrency(limit_name(source.kind), occupy=1, strict=True)


@task(name="collect-source", cache_policy=NO_CACHE, persist_result=False)
def collect_source(
    engine: Engine, source: Source, ctx: RunContext, shared_limits: bool = False
) -> State[Any]:
    """Collect and store one source in its own transaction; its outcome, recorded, is returned.

    No Prefect retries: the HTTP policy already retried what may help. A failed source ends
    Completed named "SourceFailed" (its reason as message), so the UI tells it apart without
    a traceback; the night's table (artifact `pulso-night`) lists every source either way.
    """
    with platform_slot(source, shared_limits):
        outcome = run_source(engine, source, ctx)
    if outcome.status == "failed":
        return Completed(name="SourceFailed", message=outcome.reason, data=outcome)
    return Completed(data=outcome)


def source_task(source: Source) -> Any:
    # No tags: Prefect checks tag concurrency limits with the API for every tagged task
    # (seconds per task on a temporary server); the lanes hold the per-platform limits.
    return collect_source.with_options(task_run_name=source.key)


def lane_limits(settings: Settings, plan: Plan, shared: bool) -> dict[str, int]:
    """Per-platform slots in this process; with shared limits Prefect's hold them instead."""
    collection = settings.config.collection
    if not shared:
        return dict(collection.limits)
    return {source.kind: collection.max_workers for source in plan.sources}


def run_plan(
    engine: Engine, settings: Settings, plan: Plan, ctx: RunContext, shared_limits: bool = False
) -> list[SourceOutcome]:
    """Submit every source under per-platform limits; a task that broke itself is recorded failed."""
    outcomes = record_skips(engine, ctx, plan.skipped)
    started = datetime.now(UTC)
    futures = dispatch(
        plan.sources,
        # quote(): Prefect would otherwise walk every object inside the source and engine.
        lambda source: source_task(source).submit(quote(engine), quote(source), ctx, shared_limits),
        lane_limits(settings, plan, shared_limits),
        total=settings.config.collection.max_workers,
    )
    for source, future in futures:
        future.wait()
        outcome = future.state.result(raise_on_failure=False)
        if isinstance(outcome, SourceOutcome):
            outcomes.append(outcome)
        else:
            error = (
                outcome if isinstance(outcome, BaseException) else RuntimeError(str(future.state))
            )
            outcomes.append(record_failure(engine, source, ctx, error, started))
    return outcomes


def open_engine(settings: Settings) -> Engine:
    engine = make_engine(settings.database_url)
    if known_current(engine):  # the usual night: Alembic (half a second to import) not needed
        return engine
    from storage.migrate import needs_upgrade, upgrade

    if needs_upgrade(engine):
        upgrade(engine)
    return engine


class NightFailed(Exception):
    """Every source failed tonight; `night` holds the per-source summary.

    A Failed state must carry an exception: Prefect resolves a failed run's result into one,
    and a state holding a plain dict made every served failure log a false TypeError.
    """

    def __init__(self, message: str, night: dict[str, Any]) -> None:
        super().__init__(message)
        self.night = night


def final_state(result: NightResult, data: dict[str, Any]) -> State[Any]:
    """Completed, Completed named "Partial", or Failed when nothing landed.

    A partial night finished its work: what failed is recorded per source and alerted by our
    webhook. Were it Failed, a served run would log a traceback every such night.
    """
    summary = result.summary
    failed = summary.failed
    total = len(summary.outcomes)
    if summary.status == "ok":
        return Completed(message=f"{total} sources: all ok", data=data)
    names = ", ".join(f"{o.key} ({o.error_kind})" for o in failed[:10])
    if summary.status == "partial":
        message = f"partial night: {len(failed)} of {total} sources failed: {names}"
        return Completed(name="Partial", message=message, data=data)
    message = f"every source failed: {names}"
    return Failed(message=message, data=NightFailed(message, data))


def publish_summary(night: dict[str, Any], day: str) -> None:
    """The per-source table, readable in Prefect's UI and API (run results are not kept)."""
    rows = [{k: o[k] for k in ("source", "status", "error", "reason")} for o in night["outcomes"]]
    create_table_artifact(table=rows, key="pulso-night", description=f"{day}: {night['status']}")


def night_of(state: State[Any]) -> dict[str, Any]:
    """The per-source summary of a finished night, whatever its state."""
    result = state.result(raise_on_failure=False)
    if isinstance(result, NightFailed):
        return result.night
    return result if isinstance(result, dict) else {}


def night_json(result: NightResult) -> dict[str, Any]:
    summary = result.summary
    return {
        "run_id": summary.run_id,
        "status": summary.status,
        "outcomes": [
            {
                "source": o.key,
                "kind": o.kind,
                "status": o.status,
                "error": o.error_kind,
                "reason": o.reason,
                "counts": o.counts,
            }
            for o in summary.outcomes
        ],
        **result.health.flags,
    }


def night_name() -> str:
    """`nightly-2026-11-27`: runs are listed by the Bogotá day they collect, not a random name."""
    kind = flow_run.parameters.get("kind") or "nightly"
    today = datetime.now(UTC).astimezone(load_settings().config.tz).date()
    resumed = "-resumed" if flow_run.parameters.get("resume") else ""
    return f"{kind}-{today.isoformat()}{resumed}"


@flow(
    name="pulso-nightly",
    flow_run_name=night_name,
    task_runner=TASK_RUNNER,
    persist_result=False,
    log_prints=True,
)
def nightly(
    replay_dir: str | None = None,
    only: list[str] | None = None,
    kind: str = "nightly",
    resume: bool = False,
    shared_limits: bool = False,
) -> State[Any]:
    """Collect every configured source once for today's Bogotá day and store the snapshots.

    `resume`: collect only the sources with no stored result today (after a killed night).
    `shared_limits`: hold platform limits with Prefect's global concurrency limits, so they
    hold across the workers of a pool (`pulso deploy --pool`).
    """
    settings = load_settings()
    for value in settings.secrets.all_values():
        register_secret(value)
    # Served flows start from `pulso serve` or a Prefect worker, not the CLI that installs
    # it: httpx logs every request URL (tokens in the query) at INFO.
    install_log_redaction()
    if errorlog.log_path() is None:  # a served run is its own process: give it the log file
        errorlog.install(settings.data_dir)
    engine = open_engine(settings)
    plan = plan_sources(settings, replay_dir=replay_dir, only=only, engine=engine)
    try:
        ctx = begin(engine, settings, kind=kind, now=datetime.now(UTC))
        if resume:
            print(f"resuming {ctx.day}: {drop_done(engine, plan, ctx.day)} sources already stored")
        outcomes = run_plan(engine, settings, plan, ctx, shared_limits)
        summary = close_run(engine, ctx, outcomes)
        result = NightResult(summary, check_health(engine, ctx, settings, plan.sources))
        spikes = night_spikes(engine, settings, ctx.day)
    finally:
        plan.close()
        engine.dispose()
    if needs_alert(result.summary, result.health):
        notify(
            settings.config.health.webhook_url,
            alert_message(result.summary, result.health, ctx.day),
        )
    alert_spikes(settings, spikes)
    night = night_json(result)
    publish_summary(night, ctx.day.isoformat())
    return final_state(result, night)
