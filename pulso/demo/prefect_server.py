"""The demo's Prefect API: started first, so it comes up while the demo prepares its inputs.

Left to itself, Prefect starts its temporary API when the first flow runs: the demo then
waits, idle, for the server process to import Prefect's server and check its database
(about 4 s here), after importing that same server code itself (about 3 s) only to launch
it. Starting the same temporary server (Prefect's app factory under uvicorn, as Prefect
launches it) at the top of the demo overlaps that start with the demo's own work, and with
PREFECT_API_URL pointing at it this process never imports Prefect's server code.

Its database lives in the demo's Prefect home (DIR/prefect), migrated on the first run and
reused by the next. When Prefect is already imported in this process (its settings are then
fixed), the demo leaves the server to Prefect as before.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

STARTUP_TIMEOUT_S = 120.0  # a first run migrates a new database, slow on a busy machine


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]


def server_environment() -> dict[str, str]:
    # Prefect's own temporary server runs with the UI off and only its ephemeral services.
    return {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1"}


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:  # noqa: S310 - loopback
            return bool(response.status == 200)
    except OSError:
        return False


class DemoPrefect:
    """`with DemoPrefect(log): ...`: a temporary Prefect API for this process's flows."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.api_url: str | None = None

    def start(self) -> None:
        if "prefect" in sys.modules:
            return
        port = free_port()
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                server_command(port), env=server_environment(), stdout=log, stderr=log
            )
        self.api_url = f"http://127.0.0.1:{port}/api"
        os.environ["PREFECT_API_URL"] = self.api_url

    def wait(self) -> None:
        """Block until the API answers; a server that dies or never answers is an error."""
        if self.process is None or self.api_url is None:
            return
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not healthy(self.api_url):
            if self.process.poll() is not None:
                raise RuntimeError(f"the demo's Prefect server stopped; see {self.log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the demo's Prefect server did not start; see {self.log}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        os.environ.pop("PREFECT_API_URL", None)

    def __enter__(self) -> DemoPrefect:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
