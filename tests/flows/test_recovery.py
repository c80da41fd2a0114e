"""`pulso serve` starting after a killed worker: the orphaned night is crashed, its slot freed,
its record closed, the office alerted once, and what it never reached collected today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Engine

from storage.db import make_engine, session_factory, transaction
from storage.models import CollectionRun
from storage.runs import start_run
from tests.flows.fakes import webhook_receiver


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    from storage.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'pulso.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def hook(tmp_path: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    with webhook_receiver() as (url, received):
        (tmp_path / "pulso.toml").write_text(
            f'timezone = "America/Bogota"\n[health]\nwebhook_url = "{url}"\n', encoding="utf-8"
        )
        yield url, received


@pytest.fixture
def deployment(prefect_api: str) -> UUID:
    """The nightly deployment as `pulso serve` registers it (one run at a time)."""
    from flows.deploy import one_at_a_time
    from flows.nightly import nightly

    name = f"nightly-{datetime.now(UTC).timestamp()}"
    deployment_id: UUID = nightly.to_deployment(
        name=name, concurrency_limit=one_at_a_time()
    ).apply()
    return deployment_id


def use_deployment(monkeypatch: pytest.MonkeyPatch, deployment_id: UUID) -> None:
    """Each test registers its own deployment; recovery looks at that one as the nightly."""
    import flows.recovery

    monkeypatch.setattr(
        flows.recovery,
        "deployment_ids",
        lambda _client: {flows.recovery.NIGHTLY_DEPLOYMENT: deployment_id},
    )


def start_orchestrated(client: Any, deployment_id: UUID) -> Any:
    """A run that really took the deployment's slot (Pending then Running, no force)."""
    from prefect.states import Pending, Running

    run = client.create_flow_run_from_deployment(deployment_id)
    client.set_flow_run_state(run.id, Pending())
    client.set_flow_run_state(run.id, Running())
    return client.read_flow_run(run.id)


def test_a_killed_night_is_crashed_freed_closed_alerted_once_and_resumed(
    engine: Engine,
    hook: tuple[str, list[dict[str, Any]]],
    deployment: UUID,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import StateType
    from prefect.states import Pending

    from flows.recovery import ALERTED_TAG, recover
    from settings import load_settings

    use_deployment(monkeypatch, deployment)
    settings = load_settings()
    today = datetime.now(UTC).astimezone(settings.config.tz).date()
    with transaction(engine) as session:
        killed_record = start_run(session, day=today, kind="nightly")
        manual_record = start_run(session, day=today, kind="manual")
    with get_client(sync_client=True) as client:
        zombie = start_orchestrated(client, deployment)
        assert zombie.state.type == StateType.RUNNING
        blocked = client.create_flow_run_from_deployment(deployment)
        client.set_flow_run_state(blocked.id, Pending())
        assert client.read_flow_run(blocked.id).state.type != StateType.PENDING

        found = recover(engine, settings)
        again = recover(engine, settings)

        assert client.read_flow_run(zombie.id).state.type == StateType.CRASHED
        assert ALERTED_TAG in client.read_flow_run(zombie.id).tags
        freed = client.create_flow_run_from_deployment(deployment)
        client.set_flow_run_state(freed.id, Pending())
        assert client.read_flow_run(freed.id).state.type == StateType.PENDING
        resumed = [
            run
            for run in client.read_flow_runs()
            if run.deployment_id == deployment and run.parameters.get("resume") is True
        ]
    url, received = hook
    assert found.crashed == (zombie.name,)
    assert found.interrupted_days == (today,)
    assert found.resumed is not None and len(resumed) == 1
    assert zombie.name in found.alerted
    assert blocked.name in found.alerted  # cancelled for concurrency: alerted like a failure
    assert again.crashed == () and zombie.name not in again.alerted and again.resumed is None
    assert [m["flow_run"] for m in received].count(zombie.name) == 1
    with session_factory(engine)() as session:
        assert session.get_one(CollectionRun, killed_record).status == "interrupted"
        assert session.get_one(CollectionRun, manual_record).status == "running"


def test_the_zombie_automation_is_registered_once(prefect_api: str) -> None:
    from prefect.client.orchestration import get_client

    from flows.recovery import ZOMBIE_AUTOMATION, ensure_zombie_automation

    with get_client(sync_client=True) as client:
        ensure_zombie_automation(client)
        ensure_zombie_automation(client)
        found = client.read_automations_by_name(ZOMBIE_AUTOMATION)
    assert len(found) == 1
    assert found[0].actions[0].type == "change-flow-run-state"
