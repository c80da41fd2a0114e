"""`pulso --help` lists every command without importing any command's module.

Each command's module pulls in what it needs (Prefect, bs4, tweepy, alembic, openpyxl); the
command list and the shell around it must not, or every invocation pays for all of them.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pulso.cli
from pulso.cli.app import COMMANDS
from pulso.cli.lazy import load

HEAVY = ("prefect", "bs4", "tweepy", "openpyxl", "alembic", "trafilatura", "httpx", "pydantic")


def _imported_after(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    return sorted({m.split(".")[0] for m in modules} & set(HEAVY))


def test_importing_the_cli_imports_no_heavy_library() -> None:
    assert _imported_after("import pulso.cli.app") == []


def test_the_command_list_imports_no_command_module() -> None:
    code = (
        "import contextlib, io, sys\n"
        "from pulso.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['--help']) == 0\n"
        "assert 'valuate' in out.getvalue() and 'report' in out.getvalue()\n"
        "assert not [m for m in sys.modules if m.endswith('_cmd') or m == 'pulso.cli.imports']"
    )
    assert _imported_after(code) == []


def test_each_listed_help_is_the_commands_own() -> None:
    for spec in COMMANDS:
        assert load(spec).help == spec.help, spec.name


def test_every_command_module_is_listed() -> None:
    modules = {
        f"pulso.cli.{info.name}"
        for info in pkgutil.iter_modules(pulso.cli.__path__)
        if hasattr(__import__(f"pulso.cli.{info.name}", fromlist=["x"]), "register")
    }
    assert modules == {spec.module for spec in COMMANDS}
