"""Plain command lines run without Typer.

Importing Typer (its vendored click, completion and coercion modules) and building the
command's click objects cost `pulso growth` about as much as its query. A command whose
module declares `QUICK`, a `Spec` of its options, runs here when every argument after its
name is one of those options in the plainest form (`--name value` or `--name=value`, each
once; a value not empty and not starting with '-'; a choice spelled exactly as one of its
values; a whole number spelled in digits; a flag alone), and the function gets what Typer would have given it. Anything else
(`--help`, a mistyped option, a bad choice, a repeated option, a positional argument) returns
None and goes through Typer, which says it in its own words. tests/cli/test_quick.py checks
each `Spec` against the command Typer builds and the two parsers' answers against each other.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

_DIGITS = re.compile(r"[0-9]+")  # what Typer reads as a whole number without its own checks
DECLINED = object()  # a value Typer must read (and say what is wrong with)


@dataclass(frozen=True)
class LazyCommand:
    """A command known by name and help; `module.register(app)` adds the real one. `quick`:
    the module declares `QUICK` (a `Spec`), so plain command lines skip Typer."""

    name: str
    module: str
    help: str
    quick: bool = False


@dataclass(frozen=True)
class Opt:
    """One option: the function's parameter, its default, and its kind (text unless `choice`
    names an enum, `flag` is set or `whole` (an `int`) is)."""

    param: str
    default: Any = None
    choice: type[Enum] | None = None
    flag: bool = False
    whole: bool = False

    def read(self, value: str) -> Any:
        """The value Typer would give for this plain spelling, or `DECLINED`."""
        if not value or value.startswith("-"):
            return DECLINED
        if self.choice is not None:
            members = [m for m in self.choice if m.value == value]
            return members[0] if members else DECLINED
        if self.whole:
            return int(value) if _DIGITS.fullmatch(value) else DECLINED
        return value


@dataclass(frozen=True)
class Spec:
    """A command's options by their long name, and the function they are given to."""

    run: Callable[..., Any]
    options: Mapping[str, Opt] = field(default_factory=dict)

    def parse(self, args: Sequence[str]) -> dict[str, Any] | None:
        """The function's keyword arguments, or None when Typer must read these arguments."""
        given: dict[str, Any] = {}
        rest = list(args)
        while rest:
            name, eq, value = rest.pop(0).partition("=")
            opt = self.options.get(name)
            if opt is None or opt.param in given:
                return None
            if opt.flag:
                if eq:
                    return None
                given[opt.param] = True
                continue
            if not eq:
                if not rest:
                    return None
                value = rest.pop(0)
            read = opt.read(value)
            if read is DECLINED:
                return None
            given[opt.param] = read
        return {o.param: given.get(o.param, o.default) for o in self.options.values()}


def plain_call(commands: Sequence[LazyCommand], args: Sequence[str]) -> Callable[[], Any] | None:
    """The call that runs `args` without Typer, or None when Typer must."""
    if not args:
        return None
    command = next((c for c in commands if c.name == args[0] and c.quick), None)
    if command is None:
        return None
    spec: Spec = importlib.import_module(command.module).QUICK
    kwargs = spec.parse(args[1:])
    if kwargs is None:
        return None
    return lambda: spec.run(**kwargs)
