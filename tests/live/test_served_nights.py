"""The live deployment, for real: a Prefect server on PostgreSQL, `pulso serve` on a schedule in
Bogotá time, nights that add no duplicates, and a worker killed mid-night that recovers.

Platforms and outlets answer from the demo's recordings (through the real collectors and the
replay transport, `PULSO_REPLAY_DIR`), one platform playing slow so a night can be killed while
it runs. Runs in CI against this machine's PostgreSQL; a few minutes; every process it starts
is stopped by its PID.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from flows.recovery import ALERTED_TAG
from pulso.demo import generate
from pulso.demo.run import bundled
from storage.db import make_engine, session_factory
from storage.health import sources_done_on
from storage.models import CollectionRun, FollowerSnapshot, PostMetricSnapshot, SourceResult
from tests.flows.fakes import webhook_receiver
from tests.live.processes import (
    BIN,
    PrefectApi,
    kill_group,
    prefect_server,
    process,
    pulso_environment,
    wait_for,
)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

POSTGRES_URL = os.environ.get("PULSO_TEST_POSTGRES_URL")
# Databases of this test process only: parallel workers and runs on the same server never meet.
_OWNER = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
PULSO_DB, PREFECT_DB = f"pulso_live_{_OWNER}", f"pulso_live_prefect_{_OWNER}"
SLOW_S = 15  # TikTok answers this late: a night lasts long enough to be killed mid-way
NIGHTLY = ("pulso-nightly", "nightly")  # the served flow and deployment, as Prefect names them


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    """Two fresh databases on this machine's server: Pulso's and Prefect's own."""
    if not POSTGRES_URL:
        pytest.skip("PULSO_TEST_POSTGRES_URL is not set")
    url = make_url(POSTGRES_URL)
    admin = psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        dbname=url.database,
        password=url.password,
        autocommit=True,
    )

    def recreate(drop_only: bool = False) -> None:
        for name in (PULSO_DB, PREFECT_DB):
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            if not drop_only:
                admin.execute(f"CREATE DATABASE {name}")

    recreate()
    try:
        yield (
            url.set(database=PULSO_DB).render_as_string(hide_password=False),
            url.set(drivername="postgresql+asyncpg", database=PREFECT_DB).render_as_string(
                hide_password=False
            ),
        )
    finally:
        recreate(drop_only=True)
        admin.close()


def slow_recordings(folder: Path) -> Path:
    replay = generate.write_replay(folder, datetime.now(UTC), "v25.0")
    for file in (replay / "tiktok").glob("*.json"):
        recording = json.loads(file.read_text(encoding="utf-8"))
        if "user/info" in recording["request"]["path"]:
            recording["response"]["delay_s"] = SLOW_S
            file.write_text(json.dumps(recording), encoding="utf-8")
    return replay


def config(folder: Path, webhook: str) -> Path:
    """The demo's office, a night every minute (Bogotá time), alerts to a local webhook."""
    text = bundled("pulso.toml").read_text(encoding="utf-8")
    text += (
        '\n[schedule]\nnightly_cron = "* * * * *"\nweekly_cron = "0 6 1 1 *"\n'
        f'\n[health]\nwebhook_url = "{webhook}"\n'
    )
    path = folder / "pulso.toml"
    path.write_text(text, encoding="utf-8")
    return path


def state(run: dict[str, Any]) -> str:
    return str((run.get("state") or {}).get("type"))


def finished(
    prefect: PrefectApi, known: frozenset[str] | set[str] = frozenset()
) -> list[dict[str, Any]]:
    return [
        run
        for run in prefect.flow_runs()
        if state(run) in {"COMPLETED", "FAILED"} and run["id"] not in known
    ]


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            return {
                model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (FollowerSnapshot, PostMetricSnapshot)
            }
    finally:
        engine.dispose()


def bogota_today() -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("America/Bogota")).date()


def test_served_nights_fire_add_no_duplicates_and_a_killed_worker_recovers(
    databases: tuple[str, str], tmp_path: Path
) -> None:
    pulso_url, prefect_url = databases
    replay = slow_recordings(tmp_path / "replay")
    with (
        webhook_receiver() as (hook, alerts),
        prefect_server(prefect_url, tmp_path) as prefect,
    ):
        serve_env = pulso_environment(
            prefect,
            tmp_path,
            PREFECT_RUNNER_POLL_FREQUENCY="2",
            PULSO_CONFIG=str(config(tmp_path, hook)),
            PULSO_DATABASE_URL=pulso_url,
            PULSO_REPLAY_DIR=str(replay),
        )
        serve = [str(BIN / "pulso"), "serve"]

        with process(serve, serve_env, tmp_path / "serve-1.log") as worker:
            first = wait_for("the first scheduled night", lambda: finished(prefect), 240)
            assert all(run["auto_scheduled"] for run in first)  # the served schedule made it
            day, after_first = bogota_today(), counts(pulso_url)
            seen = {run["id"] for run in first}
            # The same night again at once (a run of the deployment, not the next tick's: the
            # schedule is proven above, and waiting a minute for it proves nothing more).
            prefect.trigger(*NIGHTLY)
            wait_for("the night run again", lambda: finished(prefect, seen), 180)
            after_second = counts(pulso_url)
            # The next tick's night is the one killed: a tick, so the restart below meets the
            # schedule as a real restart does, its next tick a minute away.
            running = wait_for(
                "a night in flight",
                lambda: [r for r in prefect.flow_runs() if state(r) == "RUNNING"],
                180,
                0.2,
            )
            time.sleep(3)  # some sources stored, TikTok still waiting
            kill_group(worker)  # SIGKILL to the process group, as `docker kill` does

        killed = running[0]
        assert state(prefect.run(killed["id"])) == "RUNNING"  # a zombie holding the slot

        with process(serve, serve_env, tmp_path / "serve-2.log"):
            wait_for(
                "the killed night marked Crashed",
                lambda: state(prefect.run(killed["id"])) == "CRASHED",
                120,
            )
            resumed = wait_for(
                "the resumed night to finish",
                lambda: [
                    r
                    for r in finished(prefect)
                    if (r.get("parameters") or {}).get("resume") is True
                ],
                240,
            )
            alert = wait_for(
                "an alert naming the killed night",
                lambda: [a for a in alerts if a.get("flow_run") == killed["name"]],
                60,
            )
        tags = prefect.run(killed["id"])["tags"]

    if bogota_today() == day:  # a night past midnight rightly starts a new day's rows
        assert after_second == after_first
        assert counts(pulso_url) == after_first
    assert after_first["follower_snapshots"] > 0
    assert resumed[0]["name"].endswith("-resumed")
    assert len(alert) == 1 and ALERTED_TAG in tags
    engine = make_engine(pulso_url)
    try:
        with session_factory(engine)() as session:
            statuses = session.scalars(select(CollectionRun.status)).all()
            every_source = set(session.scalars(select(SourceResult.source)))
            done_today = sources_done_on(session, bogota_today())
    finally:
        engine.dispose()
    assert "interrupted" in statuses
    assert every_source and every_source <= done_today


def slow_peers(folder: Path) -> Path:
    """Both X accounts answer late: their tasks would overlap unless the shared limit holds."""
    replay = generate.write_replay(folder, datetime.now(UTC), "v25.0")
    for file in (replay / "twitter").glob("*.json"):
        recording = json.loads(file.read_text(encoding="utf-8"))
        if "/users/by/username/" in recording["request"]["path"]:
            recording["response"]["delay_s"] = 4
            file.write_text(json.dumps(recording), encoding="utf-8")
    return replay


def running_states(prefect: PrefectApi, run_id: str) -> int:
    import httpx

    response = httpx.get(f"{prefect.url}/flow_run_states/", params={"flow_run_id": run_id})
    response.raise_for_status()
    return sum(1 for s in response.json() if s["type"] == "RUNNING")


def overlap(spans: list[tuple[Any, Any]]) -> bool:
    ordered = sorted(spans)
    return any(later[0] < earlier[1] for earlier, later in zip(ordered, ordered[1:], strict=False))


def test_a_pool_of_two_workers_runs_each_night_once_under_shared_limits(
    databases: tuple[str, str], tmp_path: Path
) -> None:
    import httpx

    pulso_url, prefect_url = databases
    replay = slow_peers(tmp_path / "replay")
    with (
        webhook_receiver() as (hook, _alerts),
        prefect_server(prefect_url, tmp_path) as prefect,
    ):
        env = pulso_environment(
            prefect,
            tmp_path,
            PREFECT_WORKER_QUERY_SECONDS="2",
            PULSO_CONFIG=str(config(tmp_path, hook)),
            PULSO_DATABASE_URL=pulso_url,
            PULSO_REPLAY_DIR=str(replay),
        )
        deployed = subprocess.run(  # noqa: S603 - our own executable
            [str(BIN / "pulso"), "deploy", "--pool", "pulso-live"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert deployed.returncode == 0, deployed.stderr
        worker = [str(BIN / "prefect"), "worker", "start", "--pool", "pulso-live"]
        with (
            process(worker, env, tmp_path / "worker-a.log"),
            process(worker, env, tmp_path / "worker-b.log"),
        ):
            first = wait_for("the first scheduled night", lambda: finished(prefect), 300)
            assert all(run["auto_scheduled"] for run in first)  # the served schedule made it
            # The second night at once, through the same pool (not the next tick's, a minute
            # later: which worker takes a run does not depend on who scheduled it).
            prefect.trigger(*NIGHTLY)
            nights = wait_for(
                "two nights", lambda: finished(prefect)[1:] and finished(prefect), 300
            )
        limit = httpx.get(f"{prefect.url}/v2/concurrency_limits/pulso-twitter", timeout=30).json()
        every_run = prefect.flow_runs()
        ran = [r for r in every_run if running_states(prefect, r["id"]) > 0]
        per_night = {r["id"]: running_states(prefect, r["id"]) for r in nights}

    engine = make_engine(pulso_url)
    try:
        with session_factory(engine)() as session:
            records = session.scalars(
                select(CollectionRun).where(CollectionRun.kind == "nightly")
            ).all()
            # A source's result spans the time it held its platform's slot.
            twitter = {
                record.id: [
                    (r.started_at, r.finished_at)
                    for r in session.scalars(
                        select(SourceResult).where(
                            SourceResult.run_id == record.id, SourceResult.kind == "twitter"
                        )
                    )
                ]
                for record in records
            }
    finally:
        engine.dispose()
    assert set(per_night.values()) == {1}  # no night was picked up by both workers
    assert len(records) == len(ran)
    assert limit["limit"] == 1
    for spans in twitter.values():
        assert len(spans) == 2 and not overlap(spans)
