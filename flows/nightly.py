"""The nightly collection as a Prefect flow: one task per source, retried only when it may help.

Transient errors (rate limits with a short wait, 5xx, timeouts) are retried with backoff;
permanent ones (expired token, unknown account, changed payload) fail the source at once.
A failed source is recorded with its reason and never stops the others. The final state says
how the night went: Completed when every source landed, Failed named "Partial" when some
failed (so an automation on failed runs alerts the office), Failed when all did.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from flows.prefect_env import configure

configure()

from prefect import flow, task  # noqa: E402 - Prefect must see the quiet environment first
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.client.schemas.objects import TaskRun  # noqa: E402
from prefect.states import Completed, Failed, State  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

from collectors.errors import RateLimited, TransientError, register_secret  # noqa: E402
from flows.steps import errorlog  # noqa: E402
from flows.steps.collection import (  # noqa: E402
    NightResult,
    Plan,
    begin,
    plan_sources,
    record_skips,
)
from flows.steps.health import alert_message, check_health, needs_alert, notify  # noqa: E402
from flows.steps.lanes import dispatch  # noqa: E402
from flows.steps.sources import (  # noqa: E402
    RunContext,
    Source,
    SourceOutcome,
    attempt_source,
    close_run,
    record_failure,
)
from settings import Settings, load_settings  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.migrate import needs_upgrade, upgrade  # noqa: E402

# Beyond this a rate limit is not "a short wait": the source fails tonight, the rest go on.
SHORT_WAIT_S = 60.0
POOL_THREADS = 16
# Typed loosely: Prefect's generic runner type does not unify with the decorator's.
TASK_RUNNER: Any = ThreadPoolTaskRunner(max_workers=POOL_THREADS)


def rate_limit_wait_s(error: RateLimited, now: datetime | None = None) -> float | None:
    """Seconds the platform asked us to wait, when it said."""
    if error.retry_after_s is not None:
        return max(0.0, error.retry_after_s)
    if error.until is not None:
        return max(0.0, (error.until - (now or datetime.now(UTC))).total_seconds())
    return None


def worth_retrying(error: BaseException | None) -> bool:
    """Only transient errors; a rate limit only when the wait is short."""
    if isinstance(error, RateLimited):
        wait = rate_limit_wait_s(error)
        return wait is None or wait <= SHORT_WAIT_S
    return isinstance(error, TransientError)


def retry_transient(_task: Any, _task_run: TaskRun, state: State[Any]) -> bool:
    """Prefect's retry_condition_fn: look at the exception the attempt raised."""
    return worth_retrying(state.result(raise_on_failure=False))


@task(name="collect-source", cache_policy=NO_CACHE, persist_result=False, retry_jitter_factor=0.2)
def collect_source(engine: Engine, source: Source, ctx: RunContext) -> SourceOutcome:
    """Collect and store one source in its own transaction (raises so Prefect may retry)."""
    try:
        return attempt_source(engine, source, ctx)
    except RateLimited as error:
        wait = rate_limit_wait_s(error)
        if wait is not None and wait <= SHORT_WAIT_S:
            time.sleep(wait)
        raise


def source_task(settings: Settings, source: Source) -> Any:
    policy = settings.config.collection
    return collect_source.with_options(
        # No tags: Prefect checks tag concurrency limits with the API for every tagged task
        # (seconds per task on a temporary server); the lanes hold the per-platform limits.
        task_run_name=source.key,
        retries=policy.retries,
        retry_delay_seconds=policy.retry_delays_s or 0,
        retry_condition_fn=retry_transient,
    )


def run_plan(
    engine: Engine, settings: Settings, plan: Plan, ctx: RunContext
) -> list[SourceOutcome]:
    """Submit every source under per-platform limits; record failures after the last attempt."""
    outcomes = record_skips(engine, ctx, plan.skipped)
    started = datetime.now(UTC)
    futures = dispatch(
        plan.sources,
        # quote(): Prefect would otherwise walk every object inside the source and engine.
        lambda source: source_task(settings, source).submit(quote(engine), quote(source), ctx),
        settings.config.collection.limits,
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
    if needs_upgrade(engine):
        upgrade(engine)
    return engine


def final_state(result: NightResult) -> State[Any]:
    summary = result.summary
    failed = summary.failed
    data = night_json(result)
    total = len(summary.outcomes)
    if summary.status == "ok":
        return Completed(message=f"{total} sources: all ok", data=data)
    names = ", ".join(f"{o.key} ({o.error_kind})" for o in failed[:10])
    if summary.status == "partial":
        message = f"partial night: {len(failed)} of {total} sources failed: {names}"
        return Failed(name="Partial", message=message, data=data)
    return Failed(message=f"every source failed: {names}", data=data)


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


@flow(
    name="pulso-nightly",
    task_runner=TASK_RUNNER,
    persist_result=False,
    log_prints=True,
)
def nightly(
    replay_dir: str | None = None, only: list[str] | None = None, kind: str = "nightly"
) -> State[Any]:
    """Collect every configured source once for today's Bogotá day and store the snapshots."""
    settings = load_settings()
    for value in settings.secrets.all_values():
        register_secret(value)
    if errorlog.log_path() is None:  # a served run is its own process: give it the log file
        errorlog.install(settings.data_dir)
    engine = open_engine(settings)
    plan = plan_sources(settings, replay_dir=replay_dir, only=only, engine=engine)
    try:
        ctx = begin(engine, settings, kind=kind, now=datetime.now(UTC))
        outcomes = run_plan(engine, settings, plan, ctx)
        summary = close_run(engine, ctx, outcomes)
        result = NightResult(summary, check_health(engine, ctx, settings, plan.sources))
    finally:
        plan.close()
        engine.dispose()
    if needs_alert(result.summary, result.health):
        notify(
            settings.config.health.webhook_url,
            alert_message(result.summary, result.health, ctx.day),
        )
    return final_state(result)
