"""Prefect's environment for Pulso: quiet, and at home under Pulso's data directory.

Prefect reads its settings when it is first imported, so `configure` must run before any
`import prefect`. A government worker must not phone home: telemetry is off unless the
operator set the variables themselves. Nothing here imports Prefect.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path

QUIET = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # The ephemeral API server migrates its own database on first start; on a busy 2-core
    # machine that takes longer than Prefect's default 20 s wait.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def prefect_home(data_dir: str | Path) -> str:
    return str(Path(data_dir, "prefect").resolve())


def configure(
    data_dir: str | Path | None = None, env: MutableMapping[str, str] | None = None
) -> None:
    """Telemetry off and PREFECT_HOME under the data directory, unless already set."""
    env = os.environ if env is None else env
    for name, value in QUIET.items():
        env.setdefault(name, value)
    base = data_dir or env.get("PULSO_DATA_DIR") or "./pulso-data"
    home = env.setdefault("PREFECT_HOME", prefect_home(base))
    # Prefect creates only the last level of its home; the data directory may be new.
    Path(home).expanduser().mkdir(parents=True, exist_ok=True)


def isolate(data_dir: str | Path, env: MutableMapping[str, str] | None = None) -> None:
    """A private Prefect for the demo: its own home, its own temporary API, no operator server."""
    env = os.environ if env is None else env
    for name in ("PREFECT_API_URL", "PREFECT_PROFILE", "PREFECT_API_KEY"):
        env.pop(name, None)
    env["PREFECT_HOME"] = prefect_home(data_dir)
    env.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # Pulso uses no Prefect blocks: registering them slows every temporary server start.
    env.setdefault("PREFECT_API_BLOCKS_REGISTER_ON_START", "false")
    # The temporary server's SQLite is shared by its services; waiting beats "locked" errors.
    env.setdefault("PREFECT_SERVER_DATABASE_TIMEOUT", "60")
    # Its event recorder logs (and then retries) those lock waits as tracebacks: not news.
    env.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    configure(data_dir, env)
