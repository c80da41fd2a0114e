"""The reading commands import what they read with, not what collects or imports.

`pulso growth` reads two tables through Core: not the ORM and its mapping of every model, not
the collectors, the spreadsheet readers, Alembic or the table libraries (a JSON answer prints
no table), and not the validated settings or pydantic (its database URL comes from
settings/database.py; Typer's pydantic coercion is not needed for its plain options), the
rotating log handler (nothing is logged) or click (Typer vendors its own); and a plain command
line (pulso/cli/quick.py) not Typer at all, nor the platform registry unless `--platform` names
one to check. `pulso valuate` does not import the clip and rate readers. Each command runs in a
fresh process on a database imported beforehand, and the probe prints what it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "pulso" / "demo"
READERS = ("importers.followers", "importers.clips", "importers.rates", "importers.tabular")
COLLECTING = ("collectors.base", "collectors.records", "collectors.graph.insights", "httpx")
TABLES = ("rich", "babel", "openpyxl", "reports.model", "reports.tables", "reports.i18n")
START_UP = ("pydantic", "settings.model", "settings.load", "logging.handlers", "click")
QUICK_NEVER = ("typer", "collectors.registry", "collectors.platform")
GROWTH_NEVER = (
    *START_UP,
    *QUICK_NEVER,
    "sqlalchemy.orm",
    "storage.models",
    "alembic",
    "flows.steps.collection",
    *READERS,
    *COLLECTING,
    *TABLES,
)


def _pulso(args: list[str], env: dict[str, str], cwd: Path, *, probe: bool = False) -> str:
    code = (
        "import contextlib, io, json, sys\n"
        "from pulso.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main({args!r})\n"
        "print(json.dumps({'code': code, 'out': out.getvalue(), 'modules': sorted(sys.modules)}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=cwd
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["code"] == 0, done.stderr
    return json.dumps(answer) if probe else str(answer["out"])


@pytest.fixture(scope="module")
def small_database(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Imported once for the module (three CLI processes): every test only reads it."""
    tmp_path = tmp_path_factory.mktemp("lazy_reads")
    env = {**os.environ, "PULSO_DATABASE_URL": f"sqlite:///{tmp_path / 'small.db'}"}
    for kind, name in (("followers", "history.csv"), ("rates", "rates.csv")):
        _pulso(["import", kind, str(DEMO / name)], env, tmp_path)
    _pulso(["import", "clips", str(DEMO / "clips_2020.csv")], env, tmp_path)
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[str, set[str]]:
    answer = json.loads(_pulso(args, env, cwd, probe=True))
    return answer["out"], set(answer["modules"])


def test_growth_reads_through_core_without_orm_collectors_or_tables(
    small_database: dict[str, str], tmp_path: Path
) -> None:
    out, modules = _run(["growth", "--format", "json"], small_database, tmp_path)
    answers = json.loads(out)
    assert {a["platform"] for a in answers} >= {"facebook", "instagram"}
    assert sorted(modules & set(GROWTH_NEVER)) == []


def test_the_command_list_loads_no_command_settings_or_pydantic(
    small_database: dict[str, str], tmp_path: Path
) -> None:
    out, modules = _run(["--help"], small_database, tmp_path)
    assert "growth" in out
    assert sorted(modules & {*START_UP, "sqlalchemy", "pulso.cli.growth_cmd"}) == []


def test_growth_table_loads_rich_only_when_it_prints_one(
    small_database: dict[str, str], tmp_path: Path
) -> None:
    out, modules = _run(["growth", "--platform", "instagram"], small_database, tmp_path)
    assert "alcaldiadecali" in out.lower()
    assert "rich" in modules
    assert "collectors.registry" in modules  # to check the name given
    assert sorted(modules & {"sqlalchemy.orm", "typer"}) == []


def test_growth_goes_through_typer_when_the_line_is_not_plain(
    small_database: dict[str, str], tmp_path: Path
) -> None:
    out, modules = _run(
        ["growth", "--format", "json", "--format", "json"], small_database, tmp_path
    )
    assert json.loads(out)
    assert "typer" in modules


def test_valuate_does_not_import_the_spreadsheet_readers(
    small_database: dict[str, str], tmp_path: Path
) -> None:
    out, modules = _run(["valuate", "--format", "json"], small_database, tmp_path)
    assert json.loads(out)["items"]
    # Storage may use the record types (design.md); the collectors' own code stays out.
    never = {*READERS, "collectors.base", "httpx", "rich", "openpyxl", "alembic"}
    assert sorted(modules & never) == []


@pytest.mark.parametrize("command", ["mentions", "activity", "share"])
def test_the_other_reading_commands_skip_typer_on_a_plain_line(
    small_database: dict[str, str], tmp_path: Path, command: str
) -> None:
    out, modules = _run([command, "--format", "json"], small_database, tmp_path)
    assert json.loads(out) is not None
    assert sorted(modules & {"typer", "click", "rich", "alembic"}) == []
