"""A command that needs the office's accounts or outlets, run where there is no pulso.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulso.cli import context
from pulso.cli.app import main


@pytest.fixture
def no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default location (./pulso.toml) holds nothing and PULSO_CONFIG is unset."""
    monkeypatch.delenv("PULSO_CONFIG", raising=False)
    (tmp_path / "pulso.toml").unlink()
    context.reset()
    return tmp_path / "pulso.toml"


@pytest.mark.parametrize(
    "args",
    [
        ["collect"],
        ["collect", "--only", "news"],
        ["report", "weekly"],
        ["serve"],
        ["deploy", "--pool", "pulso"],
        ["tokens", "check"],
    ],
    ids=" ".join,
)
def test_a_command_that_needs_accounts_says_how_to_make_a_config(
    no_config: Path, args: list[str], capsys
) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    groups = {"report", "tokens"}  # their command is two words
    command = " ".join(["pulso", *args[:2]] if args[0] in groups else ["pulso", args[0]])
    assert captured.err == f"{command}: no pulso.toml at {no_config}; `pulso init` writes one\n"
    assert captured.out == ""


def test_commands_that_read_the_database_work_without_a_config(
    no_config: Path, tmp_path: Path, capsys
) -> None:
    history = tmp_path / "historico.csv"
    history.write_text(
        "plataforma;cuenta;fecha;seguidores\ninstagram;alcaldiadecali;01/01/2020;80.000\n",
        encoding="utf-8",
    )
    assert main(["import", "followers", str(history)]) == 0
    assert main(["growth", "--format", "json"]) == 0
    assert main(["valuate", "--format", "json"]) == 0
    assert main(["mentions", "--format", "json"]) == 0
    assert "pulso.toml" not in capsys.readouterr().err


def test_after_pulso_init_the_weekly_report_runs(no_config: Path, tmp_path: Path, capsys) -> None:
    assert main(["init"]) == 0
    context.reset()
    assert main(["report", "weekly", "--week", "2026-W46", "--out", str(tmp_path / "out")]) == 0
    assert (
        tmp_path / "out" / "2026-W46" / "informe-semanal-2026-W46.html"
    ).is_file()  # --out is the reports folder
