"""The systemd units shipped for operators run commands and read variables that exist."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((ROOT / "ops" / "systemd").glob("*.service"))


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def environment(path: Path) -> dict[str, str]:
    lines = [
        line.split("=", 1)[1]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("Environment=")
    ]
    return dict(line.split("=", 1) for line in lines)


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_each_unit_restarts_and_keeps_telemetry_off_where_prefect_runs(path: Path) -> None:
    service = unit(path)["Service"]
    assert service["Restart"] == "always" and service["User"] == "pulso"
    command = shlex.split(service["ExecStart"])
    if "prefect" in " ".join(command) or "serve" in command:
        assert environment(path)["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"


def test_pulso_units_run_real_commands() -> None:
    from pulso.cli.app import COMMANDS

    commands = {c.name for c in COMMANDS}
    for path in UNITS:
        argv = shlex.split(unit(path)["Service"]["ExecStart"])
        if argv[0].endswith("/pulso"):
            assert argv[1] in commands, path.name


def test_stopping_pulso_serve_stops_the_night_it_runs() -> None:
    service = unit(ROOT / "ops" / "systemd" / "pulso-serve.service")["Service"]
    assert service["KillMode"] == "control-group"
    assert environment(ROOT / "ops" / "systemd" / "pulso-serve.service")[
        "PREFECT_API_URL"
    ].startswith("http://127.0.0.1:4200")
