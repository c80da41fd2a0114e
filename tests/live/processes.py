"""Real processes for the live tests: a Prefect server, `pulso serve`, each stopped by its PID.

Every process starts in its own session (process group) so a test can SIGKILL a worker the way
`docker kill` or the OOM killer does, and always stops what it started.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import httpx

BIN = Path(sys.executable).parent
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_environment(**extra: str) -> dict[str, str]:
    """This machine's environment without any Prefect or Pulso setting of the test process."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PULSO_"))}
    return {**base, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", **extra}


@contextmanager
def process(
    argv: list[str], env: Mapping[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        child = subprocess.Popen(  # noqa: S603 - our own executables
            argv, env=dict(env), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield child
        finally:
            kill_group(child)


def kill_group(child: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    try:
        os.killpg(child.pid, sig)
    except ProcessLookupError:
        pass
    child.wait(timeout=30)


def wait_for(what: str, check: Callable[[], T | None], timeout_s: float, every_s: float = 1.0) -> T:
    """Poll until `check` returns something; fail naming what never happened."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every_s)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")


class PrefectApi:
    """The few REST calls the live tests read Prefect's state with."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/health", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def flow_runs(self) -> list[dict[str, Any]]:
        response = httpx.post(f"{self.url}/flow_runs/filter", json={"limit": 200}, timeout=30)
        response.raise_for_status()
        return list(response.json())

    def runs_named(self, prefix: str, state_type: str | None = None) -> list[dict[str, Any]]:
        return [
            run
            for run in self.flow_runs()
            if run["name"].startswith(prefix)
            and (state_type is None or (run.get("state") or {}).get("type") == state_type)
        ]

    def run(self, run_id: str) -> dict[str, Any]:
        response = httpx.get(f"{self.url}/flow_runs/{run_id}", timeout=30)
        response.raise_for_status()
        return dict(response.json())

    def trigger(self, flow: str, deployment: str) -> dict[str, Any]:
        """A run of a served deployment now, made as `prefect deployment run` makes one (and as
        `pulso serve`'s recovery makes its resumed night): Scheduled, for the worker to pick up."""
        found = httpx.get(f"{self.url}/deployments/name/{flow}/{deployment}", timeout=30)
        found.raise_for_status()
        response = httpx.post(
            f"{self.url}/deployments/{found.json()['id']}/create_flow_run", json={}, timeout=30
        )
        response.raise_for_status()
        return dict(response.json())


@contextmanager
def prefect_server(database_url: str, folder: Path) -> Iterator[PrefectApi]:
    """`prefect server start` on its own database and port, answering before this yields."""
    port = free_port()
    env = clean_environment(
        PREFECT_HOME=str(folder / "prefect-server"),
        PREFECT_SERVER_DATABASE_CONNECTION_URL=database_url,
        # Scheduled runs appear within seconds of a deployment, not at the next minute.
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="5",
    )
    argv = [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    with process(argv, env, folder / "server.log"):
        api = PrefectApi(f"http://127.0.0.1:{port}/api")
        wait_for("the Prefect server to answer", api.healthy, 300, 2)
        yield api


def pulso_environment(api: PrefectApi, folder: Path, **pulso: str) -> dict[str, str]:
    """What a worker machine has: the Prefect API, its own Prefect home, Pulso's settings."""
    return clean_environment(
        PREFECT_API_URL=api.url,
        PREFECT_HOME=str(folder / "prefect-worker"),
        PULSO_DATA_DIR=str(folder / "data"),
        **pulso,
    )
