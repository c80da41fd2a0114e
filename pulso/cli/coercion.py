"""Option values turned into Python without importing pydantic, where Typer's answer is known.

Typer 0.2x converts every option's value through a pydantic `TypeAdapter`, built the first
time the option is read, even for an option left at its default: a command of plain text
options imports pydantic (about a sixth of `pulso growth`'s start-up) to copy strings. For
the leaves Pulso's commands use, Typer's adapters are a known function: text is the string
itself, an enum is Typer's own `coerce_cli_choice`, a whole number is `int()` of its digits
within the option's bounds. Those are answered here. Any other annotation, and any value
these do not accept, goes through Typer's own pydantic path, so every answer and every error
message is Typer's. Older Typer (no `typer._coercion`) is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

_DIGITS = re.compile(r"-?[0-9]+")
_MISS = object()
Leaf = Callable[[Any, Any, Any], Any]


def _text(param: Any, value: Any, ctx: Any) -> Any:
    return value if type(value) is str else _MISS


def _choice(param: Any, value: Any, ctx: Any) -> Any:
    from typer._param_types import coerce_cli_choice

    info = param.type_descriptor.parameter_info
    choices = list(param.type_descriptor.annotation)
    try:
        return coerce_cli_choice(
            value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx
        )
    except ValueError:
        return _MISS  # Typer's path says it, in its words


def _flag(param: Any, value: Any, ctx: Any) -> Any:
    return value if type(value) is bool else _MISS


def _whole(param: Any, value: Any, ctx: Any) -> Any:
    info = param.type_descriptor.parameter_info
    if info.clamp:
        return _MISS
    if type(value) is int:
        number = value
    elif type(value) is str and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return _MISS
    if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        return _MISS
    return number


def _leaf(param: Any) -> Leaf | None:
    """The known coercion for this parameter, or None to leave it to Typer."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.file_annotation is not None:
        return None
    if descriptor.parameter_info.parser is not None or param.multiple or param.nargs != 1:
        return None
    annotation = descriptor.annotation
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is int:
        return _whole
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice
    return None


@cache
def _known_leaf() -> type | None:
    """Typer's runtime coercion for a known leaf, pydantic only when it must decide."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:  # Typer before 0.2x: click coerces, no pydantic involved
        return None

    @dataclass(frozen=True)
    class KnownLeaf(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            leaf = _leaf(param)
            answer = _MISS if leaf is None else leaf(param, value, ctx)
            if answer is not _MISS:
                return answer
            return build_runtime_param(param.type_descriptor)._coerce_value(
                value, param=param, ctx=ctx
            )

    return KnownLeaf


def give(param: Any) -> None:
    """The known coercion for `param`, when it is a plain leaf Typer has not coerced yet."""
    known = _known_leaf()
    if known is None or getattr(param, "_runtime_param", _MISS) is not None:
        return
    if _leaf(param) is not None:
        descriptor = param.type_descriptor
        param._runtime_param = known(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
        )


def install(command: Any) -> None:
    """Give each plain parameter of `command` and of its subcommands the known coercion, the
    `--help` flag included (made when the command first parses)."""
    for param in getattr(command, "params", ()):
        give(param)
    made = getattr(command, "get_help_option", None)
    if made is not None:

        def get_help_option(ctx: Any) -> Any:
            option = made(ctx)
            if option is not None:
                give(option)
            return option

        command.get_help_option = get_help_option
    for sub in (getattr(command, "commands", None) or {}).values():
        install(sub)
