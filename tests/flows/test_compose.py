"""docker-compose.yml, Dockerfile and .env.example checked without a Docker engine.

There is no Docker engine on the machines this was built on: these tests prove the files
parse, every service's command and variable exists in the code, and secrets are documented.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from settings.secret_env import SECRET_ENV

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("pulso", "settings", "flows", "storage", "collectors")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8")))


def env_example() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def code_text() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for d in SOURCE_DIRS for path in (ROOT / d).rglob("*.py")
    )


def test_services_and_postgres_with_volume_and_healthcheck(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"postgres", "prefect-server", "worker", "dashboard"}
    postgres = services["postgres"]
    assert (
        any(v.startswith("pgdata:") for v in postgres["volumes"]) and "pgdata" in compose["volumes"]
    )
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])


def test_prefect_server_is_backed_by_that_postgres(compose: dict[str, Any]) -> None:
    server = compose["services"]["prefect-server"]
    env = server["environment"]
    assert env["PREFECT_SERVER_DATABASE_DRIVER"] == "postgresql+asyncpg"
    assert (env["PREFECT_SERVER_DATABASE_HOST"], env["PREFECT_SERVER_DATABASE_NAME"]) == (
        "postgres",
        "prefect",
    )
    assert "CONNECTION_URL" not in " ".join(env)  # a raw password in a URL breaks on '@'
    init = (ROOT / "docker" / "initdb" / "10-prefect-database.sql").read_text(encoding="utf-8")
    assert "CREATE DATABASE prefect" in init
    assert server["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_worker_runs_pulso_serve_once_on_postgresql(compose: dict[str, Any]) -> None:
    from pulso.cli.app import COMMANDS

    worker = compose["services"]["worker"]
    assert worker["command"] == ["pulso", "serve"]
    assert "serve" in {c.name for c in COMMANDS}
    assert worker["environment"]["PULSO_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "POSTGRES_PASSWORD" not in worker["environment"]["PULSO_DATABASE_URL"]
    assert "POSTGRES_PASSWORD" in worker["environment"]["PULSO_DATABASE_PASSWORD"]
    assert worker["environment"]["PREFECT_API_URL"] == "http://prefect-server:4200/api"
    assert worker["deploy"]["replicas"] == 1
    servers = [n for n, s in compose["services"].items() if "serve" in s.get("command", [])]
    assert servers == ["worker"]


def test_dashboard_is_published_on_loopback_only_and_needs_its_password_hash(
    compose: dict[str, Any],
) -> None:
    from pulso.cli.app import COMMANDS

    dashboard = compose["services"]["dashboard"]
    assert dashboard["command"][:2] == ["pulso", "dashboard"]
    assert "dashboard" in {c.name for c in COMMANDS}
    assert dashboard["ports"] == ["127.0.0.1:8000:8000"]
    assert "PULSO_DASHBOARD_PASSWORD_HASH" in env_example()
    assert all(v.endswith(":ro") for v in dashboard["volumes"])


def test_every_pulso_variable_exists_in_the_code_and_in_env_example(
    compose: dict[str, Any],
) -> None:
    code = code_text()
    used = {k for s in compose["services"].values() for k in s.get("environment", {})}
    pulso_vars = {v for v in used if v.startswith("PULSO_")}
    assert pulso_vars and all(v in code for v in pulso_vars)
    documented = env_example()
    assert set(SECRET_ENV.values()) <= documented
    interpolated = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "docker-compose.yml").read_text()))
    assert interpolated <= documented


def test_every_prefect_variable_is_one_prefect_reads(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.settings import Settings

    given = {
        name: value
        for service in compose["services"].values()
        for name, value in service.get("environment", {}).items()
    }
    used = set(given) | {v for v in env_example() if v.startswith("PREFECT_")}
    names = sorted(v for v in used if v.startswith("PREFECT_") and v != "PREFECT_HOME")
    for name in names:  # all at once: Prefect checks the database parts together
        value = str(given.get(name, ""))
        if not value or "${" in value:
            value = "false" if name.endswith("ENABLED") else "http://example.invalid/api"
        monkeypatch.setenv(name, value)
    read = Settings().to_environment_variables(exclude_unset=True)
    assert [name for name in names if name not in read] == []


def dockerfile() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    return [tuple(line.split(None, 1)) for line in lines]  # type: ignore[misc]


def test_dockerfile_pins_its_base_runs_as_non_root_and_serves() -> None:
    steps = dockerfile()
    base = next(arg for op, arg in steps if op == "FROM")
    assert re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+", base)
    assert ("USER", "pulso") in steps
    assert ("CMD", '["pulso", "serve"]') in steps
    assert ("RUN", "pip install --require-hashes --no-deps -r requirements.lock") in steps
    assert ("RUN", "pip install --no-deps --no-build-isolation . && pip check") in steps


def test_readme_documents_the_dockerfiles_commands() -> None:
    """The worker runs what README tells an operator to run, installed as the Makefile does."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = " ".join(json.loads(dict(dockerfile())["CMD"]))
    assert command == "pulso serve" and command in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes --no-deps -r $(DEV_LOCK)" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in makefile
    assert "requirements.lock" in readme and "make lock" in readme


def test_the_image_has_the_system_libraries_the_pdf_needs() -> None:
    """WeasyPrint loads Pango and HarfBuzz at run time: without them no report PDF."""
    installs = " ".join(arg for op, arg in dockerfile() if op == "RUN" and "apt-get" in arg)
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in installs
    assert "--no-install-recommends" in installs and "rm -rf /var/lib/apt/lists/*" in installs
