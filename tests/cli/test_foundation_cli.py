"""The office's story on the command line: backfill, growth, bad files, bad config."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer.main

from pulso.cli.app import app, main

HISTORICO = (
    "plataforma;cuenta;fecha;seguidores\n"
    "facebook;AlcaldiadeCali;01/01/2020;235.343\n"
    "facebook;AlcaldiadeCali;30/09/2021;486.513\n"
    "instagram;alcaldiadecali;01/01/2020;80.000\n"
    "instagram;alcaldiadecali;30/09/2021;183.900\n"
)


@pytest.fixture
def historico(tmp_path: Path) -> Path:
    path = tmp_path / "historico.csv"
    path.write_text(HISTORICO, encoding="utf-8")
    return path


def test_backfill_then_growth_json_gives_the_exact_change(historico: Path, capsys) -> None:
    assert main(["import", "followers", str(historico)]) == 0
    assert "4 rows: 4 added, 0 replaced, 0 unchanged" in capsys.readouterr().out
    args = [
        "growth",
        "--platform",
        "instagram",
        "--account",
        "alcaldiadecali",
        "--from",
        "2020-01-01",
        "--to",
        "2021-09-30",
        "--format",
        "json",
    ]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == {
        "platform": "instagram",
        "account": "alcaldiadecali",
        "start": {"date": "2020-01-01", "followers": 80000},
        "end": {"date": "2021-09-30", "followers": 183900},
        "change": 103900,
        "change_pct": 129.88,
    }


def test_reimport_adds_nothing_and_reports_replacements(
    historico: Path, tmp_path: Path, capsys
) -> None:
    assert main(["import", "followers", str(historico)]) == 0
    assert main(["import", "followers", str(historico)]) == 0
    assert "0 added, 0 replaced, 4 unchanged" in capsys.readouterr().out
    corrected = tmp_path / "corregido.csv"
    corrected.write_text(
        "plataforma;cuenta;fecha;seguidores\ninstagram;alcaldiadecali;30/09/2021;183.901\n",
        encoding="utf-8",
    )
    assert main(["import", "followers", str(corrected)]) == 0
    assert "1 rows: 0 added, 1 replaced, 0 unchanged" in capsys.readouterr().out


def test_bad_file_exits_2_names_rows_and_writes_nothing(
    historico: Path, tmp_path: Path, capsys
) -> None:
    assert main(["import", "followers", str(historico)]) == 0
    before = capsys.readouterr()
    bad = tmp_path / "malo.csv"
    bad.write_text(
        HISTORICO.replace("80.000", "ochenta mil") + "tiktok;alcaldiadecali;31/02/2021;10\n",
        encoding="utf-8",
    )
    assert main(["import", "followers", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4: seguidores: 'ochenta mil' is not a whole number" in err
    assert f"{bad}:6: fecha: '31/02/2021' is not a real date" in err
    assert main(["growth", "--format", "csv"]) == 0
    assert "tiktok" not in capsys.readouterr().out and before


def test_growth_table_is_spanish_with_es_co_numbers(historico: Path, capsys) -> None:
    main(["import", "followers", str(historico)])
    capsys.readouterr()
    assert main(["growth", "--from", "01/01/2020", "--to", "30/09/2021"]) == 0
    out = capsys.readouterr().out
    assert "Seguidores iniciales" in out and "Crecimiento" in out
    assert "235.343" in out and "+103.900" in out and "129,88 %" in out and "30/09/2021" in out


def test_growth_csv_keeps_raw_values_for_scripts(historico: Path, capsys) -> None:
    main(["import", "followers", str(historico)])
    capsys.readouterr()
    assert main(["growth", "--platform", "facebook", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "platform,account,start_date,start_followers,end_date,end_followers,change,change_pct",
        "facebook,AlcaldiadeCali,2020-01-01,235343,2021-09-30,486513,251170,106.73",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["growth", "--platform", "myspace"], "--platform: unknown platform 'myspace'"),
        (["growth", "--from", "31/02/2021"], "--from: '31/02/2021' is not a real date"),
        (["growth", "--from", "2021-02-01", "--to", "2021-01-01"], "is after --to"),
        (
            ["growth", "--platform", "instagram", "--account", "nadie"],
            "no account 'nadie' on instagram",
        ),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args: list[str], message: str, capsys) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[[accounts]]\nplatform = "myspace"\nhandle = "x"\n',
            "accounts[0].platform: unknown platform 'myspace'",
        ),
        ('[[accounts]]\nplatform = "facebook"\n', "accounts[0].handle: missing (required)"),
        ('timezone = "America/Cali"\n', "timezone: unknown time zone 'America/Cali'"),
        (
            '[[accounts]]\nplatform = "facebook"\nhandle = "x"\nhandel = "y"\n',
            "accounts[0].handel: unknown key",
        ),
        ("timezone = \n", "not valid TOML"),
    ],
)
def test_invalid_config_is_one_line_naming_file_and_key(
    tmp_path: Path, toml: str, message: str, capsys
) -> None:
    (tmp_path / "pulso.toml").write_text(toml, encoding="utf-8")
    assert main(["growth"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'pulso.toml'}: " in err and message in err


def test_growth_in_json_reads_the_database_alone(tmp_path: Path, capsys) -> None:
    """Its answer uses nothing of pulso.toml, so it no longer validates the file (the table,
    which is titled in the configured language, still does)."""
    (tmp_path / "pulso.toml").write_text("timezone = \n", encoding="utf-8")
    assert main(["growth", "--format", "json"]) == 0
    assert capsys.readouterr().out.startswith("[")
    assert main(["growth"]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_init_writes_a_config_that_loads(tmp_path: Path, capsys, monkeypatch) -> None:
    target = tmp_path / "nuevo.toml"
    assert main(["init", str(target)]) == 0
    assert main(["init", str(target)]) == 2
    monkeypatch.setenv("PULSO_CONFIG", str(target))
    from pulso.cli import context

    context.reset()
    config = context.settings().config
    assert {a.platform for a in config.accounts} == {
        "facebook",
        "instagram",
        "twitter",
        "youtube",
        "tiktok",
    }
    assert config.targets["facebook"] == 2200


def test_db_upgrade_then_already_current(capsys) -> None:
    assert main(["db", "upgrade"]) == 0
    assert "upgraded from empty to" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert "already at" in capsys.readouterr().out


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    # Duck-typed: Typer's groups are its vendored click's, not the `click` package's.
    found = [path]
    for name, sub in (getattr(command, "commands", None) or {}).items():
        found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_the_command_list_reaches_every_subcommand() -> None:
    assert {("import", "followers"), ("report", "weekly"), ("tokens", "check")} <= set(COMMANDS)
    assert len(COMMANDS) >= 18


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "pulso")
def test_every_command_has_help(path: tuple[str, ...], capsys) -> None:
    assert main([*path, "--help"]) == 0
    captured = capsys.readouterr()
    assert "Usage:" in captured.out and captured.err == ""
    assert f"pulso {' '.join(path)}".strip() in " ".join(captured.out.split())
