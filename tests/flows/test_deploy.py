"""`pulso serve`: both deployments on Cali-time Cron schedules, and a clear word without an API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_both_deployments_register_with_cali_time_cron_schedules(
    prefect_api: str, tmp_path: Path
) -> None:
    (tmp_path / "pulso.toml").write_text(
        '[schedule]\nnightly_cron = "30 1 * * *"\nweekly_cron = "0 6 * * 1"\n', encoding="utf-8"
    )
    from prefect.client.orchestration import get_client

    from flows.deploy import deployments

    ids = [deployment.apply() for deployment in deployments(load_settings())]
    with get_client(sync_client=True) as client:
        found = [client.read_deployment(i) for i in ids]
    assert [d.name for d in found] == ["nightly", "weekly"]
    crons = [(s.schedule.cron, s.schedule.timezone) for d in found for s in d.schedules]  # type: ignore[union-attr]
    assert crons == [("30 1 * * *", "America/Bogota"), ("0 6 * * 1", "America/Bogota")]
    for deployment in found:
        assert deployment.global_concurrency_limit is not None
        assert deployment.global_concurrency_limit.limit == 1
        assert deployment.concurrency_options is not None
        assert deployment.concurrency_options.collision_strategy == "CANCEL_NEW"


def test_serve_without_a_prefect_api_says_how_to_start_one(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PULSO_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "pulso", "serve"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "cannot run schedules" in done.stderr
    assert "prefect server start" in done.stderr
    assert (tmp_path / "data" / "prefect").is_dir()


@pytest.mark.parametrize("name", ["PREFECT_SERVER_ANALYTICS_ENABLED", "DO_NOT_TRACK"])
def test_prefect_telemetry_is_off_unless_the_operator_says(name: str) -> None:
    from flows.prefect_env import configure

    env: dict[str, str] = {"PULSO_DATA_DIR": "/tmp/pulso-test-data"}
    configure(env=env)
    assert env[name] in ("false", "1")
    assert env["PREFECT_HOME"].endswith("pulso-test-data/prefect")
    mine = {name: "true", "PREFECT_HOME": "/tmp/pulso-test-home"}
    configure(env=mine)
    assert mine[name] == "true" and mine["PREFECT_HOME"] == "/tmp/pulso-test-home"
