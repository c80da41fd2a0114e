"""Every option of every command takes the same value through pulso/cli/coercion.py as through
Typer's own pydantic adapter, and a value one refuses the other refuses with the same message."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer._coercion import build_runtime_param

from pulso.cli import coercion
from pulso.cli.app import COMMANDS, app
from pulso.cli.lazy import load

TEXT = ["abc", "", "Alcaldía de Cali", " padded ", "@alcaldiadecali"]
WHOLE = ["0", "7", "-3", "007", "-0", "65535", "65536", "99999", "abc", " 5", "+5", "1_000", "5.0"]
FLAGS = [True, False]


def _parameters() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []

    def walk(path: str, command: Any) -> None:
        for param in command.params:
            found.append((f"{path} {param.name}", param))
        for name, sub in (getattr(command, "commands", None) or {}).items():
            walk(f"{path} {name}", sub)

    for spec in COMMANDS:
        walk(spec.name, load(spec))
    return found


def _samples(param: Any) -> list[Any]:
    annotation = param.type_descriptor.annotation
    if annotation is str:
        return TEXT
    if annotation is int:
        return [*WHOLE, 3, param.type_descriptor.parameter_info.min]
    if annotation is bool:
        return FLAGS
    choices = [c.value for c in annotation]
    return [*choices, *(c.upper() for c in choices), *choices[:1], "xml", "", *list(annotation)]


def _answer(runtime: Any, param: Any, ctx: Any, value: Any) -> tuple[str, Any]:
    try:
        return "value", runtime._coerce_value(value, param=param, ctx=ctx)
    except typer.BadParameter as error:
        return "refused", error.message


PARAMETERS = [(name, p) for name, p in _parameters() if coercion._leaf(p) is not None]


def test_the_commands_plain_options_take_the_known_coercion() -> None:
    kinds = {p.type_descriptor.annotation for _, p in PARAMETERS}
    assert {str, int, bool} <= kinds
    assert all(type(p._runtime_param).__name__ == "KnownLeaf" for _, p in PARAMETERS)


@pytest.mark.parametrize(("name", "param"), PARAMETERS, ids=[n for n, _ in PARAMETERS])
def test_each_value_is_typers_own_answer(name: str, param: Any) -> None:
    ctx = typer.main.get_command(app).make_context("pulso", [], resilient_parsing=True)
    typers = build_runtime_param(param.type_descriptor)
    for value in _samples(param):
        if value is None:
            continue
        known = _answer(param.get_runtime_param(), param, ctx, value)
        assert known == _answer(typers, param, ctx, value), (name, value)
        assert type(known[1]) is type(_answer(typers, param, ctx, value)[1])
