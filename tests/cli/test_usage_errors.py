"""Someone mistypes a command: one line saying what is wrong and where the help is, exit 2.

These run the installed console script in a subprocess, as a person or a cron job would, so
they see exactly what reaches the terminal (Typer's vendored click included).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PULSO = Path(sys.executable).with_name("pulso")


def run_pulso(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSO_")}
    env |= {"PULSO_DATA_DIR": str(cwd / "data"), "COLUMNS": "80", "NO_COLOR": "1"}
    return subprocess.run(
        [str(PULSO), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["growth", "--format", "xml"],
            "pulso growth: --format must be one of table, json, csv (got 'xml'). "
            "Try 'pulso growth --help'.",
        ),
        (
            ["dashboard", "--port", "99999"],
            "pulso dashboard: --port must be a whole number from 1 to 65535 (got '99999'). "
            "Try 'pulso dashboard --help'.",
        ),
        (
            ["growth", "--from", "2021-13-45"],
            "pulso growth: --from: '2021-13-45' is not a real date. Try 'pulso growth --help'.",
        ),
        (
            ["import", "followers"],
            "pulso import followers: missing argument FILE. Try 'pulso import followers --help'.",
        ),
        (["grwth"], "pulso: no command 'grwth'; did you mean 'growth'? Try 'pulso --help'."),
        (
            ["growth", "--nope"],
            "pulso growth: no option --nope; did you mean --to? Try 'pulso growth --help'.",
        ),
        (
            ["growth", "--format"],
            "pulso growth: option '--format' requires an argument. Try 'pulso growth --help'.",
        ),
        (
            ["growth", "sobra"],
            "pulso growth: got unexpected extra argument(s) (sobra). Try 'pulso growth --help'.",
        ),
        (
            ["report", "weekly", "--lang", "fr"],
            "pulso report weekly: --lang: unknown language 'fr' (expected es or en). "
            "Try 'pulso report weekly --help'.",
        ),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_a_usage_error_is_one_line_with_a_hint_and_exit_2(
    tmp_path: Path, args: list[str], line: str
) -> None:
    done = run_pulso(*args, cwd=tmp_path)
    assert (done.returncode, done.stderr, done.stdout) == (2, line + "\n", "")


@pytest.mark.parametrize(
    "args",
    [
        ["nope"],
        ["collect", "--only", "myspace"],
        ["valuate", "--broadcasts", "muchas"],
        ["mentions", "--to", "ayer"],
        ["import", "rates", "--replace", "--extra"],
        ["tokens", "check", "--replay"],
        ["dashboard", "--port", "http"],
    ],
    ids=" ".join,
)
def test_every_kind_of_mistake_is_one_line_never_a_traceback(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "pulso.toml").write_text('timezone = "America/Bogota"\n', encoding="utf-8")
    done = run_pulso(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("pulso") and done.stderr.rstrip().endswith("--help'.")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        ([], "pulso: missing command (one of init, growth"),
        (["import"], "pulso import: missing command (one of followers, rates, clips, posts)"),
        (["report"], "pulso report: missing command (one of weekly, period)"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_a_missing_command_shows_the_commands_then_one_hint_line_and_exits_2(
    tmp_path: Path, args: list[str], hint: str
) -> None:
    done = run_pulso(*args, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr
    *help_lines, last = done.stderr.splitlines()
    assert last.startswith(hint) and last.endswith(f"Try '{' '.join(['pulso', *args])} --help'.")
    assert "Usage:" in "\n".join(help_lines)


def test_help_still_exits_0_on_stdout(tmp_path: Path) -> None:
    done = run_pulso("import", "clips", "--help", cwd=tmp_path)
    assert done.returncode == 0 and "Usage:" in done.stdout and done.stderr == ""
