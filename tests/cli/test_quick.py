"""A plain command line runs without Typer (pulso/cli/quick.py) and gets what Typer gives.

Each `QUICK` spec names the same options, parameters, defaults and choices as the command
Typer builds from the module; for many command lines the quick parser either declines (Typer
reads them) or answers exactly the values Typer's parser and coercion produce; and the quick
path prints the same bytes as Typer's.
"""

from __future__ import annotations

import contextlib
import importlib
import io
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from pulso.cli import context
from pulso.cli.app import COMMANDS, app, main
from pulso.cli.lazy import load
from pulso.cli.quick import Spec, plain_call

QUICK = [spec for spec in COMMANDS if spec.quick]
DEMO = Path(__file__).resolve().parents[2] / "pulso" / "demo"


def _spec(name: str) -> Spec:
    command = next(c for c in COMMANDS if c.name == name)
    spec: Spec = importlib.import_module(command.module).QUICK
    return spec


def _typer_params(name: str, args: list[str]) -> dict[str, Any]:
    command = load(next(c for c in COMMANDS if c.name == name))
    with command.make_context(name, list(args)) as ctx:
        return dict(ctx.params)


def test_the_reading_commands_are_quick() -> None:
    assert [c.name for c in QUICK] == ["growth", "valuate", "mentions", "activity", "share"]


@pytest.mark.parametrize("name", [c.name for c in QUICK])
def test_each_spec_names_the_options_typer_builds(name: str) -> None:
    spec = _spec(name)
    command = load(next(c for c in COMMANDS if c.name == name))
    params = [p for p in command.params if p.name != "help"]
    assert sorted(spec.options) == sorted(p.opts[0] for p in params)
    for param in params:
        (long,) = [o for o in param.opts if o.startswith("--")]
        opt = spec.options[long]
        assert (opt.param, opt.default, opt.flag) == (param.name, param.default, param.is_flag)
        assert opt.whole is (param.type_descriptor.annotation is int), long
        annotation = param.type_descriptor.annotation
        enum = annotation if isinstance(annotation, type) and issubclass(annotation, Enum) else None
        assert opt.choice is enum, long
        assert len(param.opts) == 1, f"{long}: a second spelling the quick parser does not know"
        assert not param.secondary_opts, long


def _every_option_once(name: str, *, backwards: bool = False) -> list[str]:
    options = list(_spec(name).options.items())
    args: list[str] = []
    for long, opt in reversed(options) if backwards else options:
        if opt.flag:
            args.append(long)
        elif opt.choice is not None:
            args += [long, list(opt.choice)[-1].value]
        elif opt.whole:
            args.append(f"{long}={len(args)}")
        else:
            args.append(f"{long}=x{len(args)}")
    return args


@pytest.mark.parametrize("name", [c.name for c in QUICK])
def test_every_option_of_each_quick_command_parses_as_typer_parses_it(name: str) -> None:
    for args in ([], _every_option_once(name), _every_option_once(name, backwards=True)):
        quick = _spec(name).parse(args)
        assert quick is not None
        assert quick == _typer_params(name, args), args


GROWTH_LINES = [
    [],
    ["--format", "json"],
    ["--format=csv"],
    ["--format", "table", "--platform", "instagram"],
    ["--platform=INSTAGRAM", "--account", "@alcaldiadecali"],
    ["--from", "2020-01-01", "--to", "31/12/2020", "--format", "json"],
    ["--account", "Alcaldía de Cali", "--from=2021-13-45"],
    ["--account", "a=b"],
    ["--to", "x", "--from", "y", "--account", "z", "--platform", "w", "--format", "csv"],
]
DECLINED = [
    ["--help"],
    ["--format", "json", "--help"],
    ["--format", "xml"],
    ["--format", "JSON"],
    ["--format"],
    ["--format=json", "--format", "csv"],
    ["--formt", "json"],
    ["--from="],
    ["--to", "-1"],
    ["--account", "--format", "json"],
    ["extra"],
    ["--", "--format", "json"],
    ["-h"],
]


@pytest.mark.parametrize("args", GROWTH_LINES)
def test_a_plain_growth_line_gets_what_typer_gives(args: list[str]) -> None:
    quick, typer = _spec("growth").parse(args), _typer_params("growth", args)
    assert quick is not None
    assert quick == typer
    assert {k: type(v) for k, v in quick.items()} == {k: type(v) for k, v in typer.items()}


@pytest.mark.parametrize("args", DECLINED)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert _spec("growth").parse(args) is None
    assert plain_call(COMMANDS, ["growth", *args]) is None


VALUATE_LINES = [
    ["--broadcasts", "27"],
    ["--broadcasts=007", "--monitored-share", "70%"],
    ["--monitored-share", "62,5", "--format", "csv", "--from", "2020-01-01"],
]
VALUATE_DECLINED = [
    ["--broadcasts", "x"],
    ["--broadcasts", "1.5"],
    ["--broadcasts", "+3"],
    ["--broadcasts", " 3"],
    ["--broadcasts", "\u0663"],
    ["--broadcasts", "-1"],
    ["--broadcasts", "1", "--broadcasts", "2"],
]


@pytest.mark.parametrize("args", VALUATE_LINES)
def test_a_plain_valuate_line_gets_what_typer_gives(args: list[str]) -> None:
    quick, typer = _spec("valuate").parse(args), _typer_params("valuate", args)
    assert quick is not None
    assert quick == typer
    assert {k: type(v) for k, v in quick.items()} == {k: type(v) for k, v in typer.items()}


@pytest.mark.parametrize("args", VALUATE_DECLINED)
def test_a_number_the_quick_parser_does_not_read_is_left_to_typer(args: list[str]) -> None:
    assert _spec("valuate").parse(args) is None


def test_commands_without_a_spec_and_the_bare_group_go_through_typer() -> None:
    assert plain_call(COMMANDS, []) is None
    assert plain_call(COMMANDS, ["campaigns", "--format", "json"]) is None
    assert plain_call(COMMANDS, ["share", "--rematch=yes"]) is None
    assert plain_call(COMMANDS, ["--help"]) is None


@pytest.fixture
def small_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'small.db'}")
    monkeypatch.setenv("PULSO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("PULSO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    context.reset()
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", "followers", str(DEMO / "history.csv")]) == 0
        assert main(["import", "rates", str(DEMO / "rates.csv")]) == 0
        assert main(["import", "clips", str(DEMO / "clips_2020.csv")]) == 0
    yield tmp_path
    context.reset()


def _through_typer(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            app(args=args, prog_name="pulso", standalone_mode=False)
            code = 0
        except Exception as error:  # noqa: BLE001 - the shell's answer, compared below
            from pulso.cli.errors import exit_code_for

            code = exit_code_for(error, f"pulso {args[0]}")
    return code, out.getvalue(), err.getvalue()


def _through_main(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["growth", "--format", "json"],
        ["growth", "--format", "csv", "--from", "2020-06-01"],
        ["growth", "--platform", "instagram"],
        ["growth", "--platform", "myspace", "--format", "json"],
        ["growth", "--account", "nobody", "--format", "json"],
        ["growth", "--from", "2021-01-01", "--to", "2020-01-01"],
        ["growth", "--platform", "instagram", "--account", "alcaldiadecali", "--format", "json"],
        ["mentions", "--format", "json"],
        ["mentions", "--outlet", "nowhere", "--format", "csv"],
        ["activity", "--format", "json", "--from", "2020-01-01", "--to", "2020-12-31"],
        ["activity", "--by", "year", "--format", "json"],
        ["activity", "--platform", "myspace"],
        ["share", "--format", "json", "--from", "2020-01-06", "--to", "2020-03-01"],
        ["share", "--format", "csv", "--to", "2020-01-01", "--from", "2020-02-01"],
        ["valuate", "--format", "json"],
        ["valuate", "--format", "csv", "--from", "2020-03-01", "--to", "2020-03-31"],
        ["valuate", "--broadcasts", "27", "--format", "json"],
        ["valuate", "--broadcasts", "0", "--monitored-share", "70", "--format", "csv"],
        ["valuate", "--monitored-share", "x"],
        ["valuate", "--from", "2020-05-01", "--to", "2020-04-01"],
        ["valuate", "--from", "2020-06-01", "--to", "2020-06-30"],
    ],
)
def test_the_quick_path_prints_what_typer_prints(small_database: Path, args: list[str]) -> None:
    assert plain_call(COMMANDS, args) is not None
    assert _through_main(args) == _through_typer(args)
