"""Commands whose modules are imported only when they run.

Each command module pulls in what its command needs (Prefect, bs4, tweepy, alembic,
openpyxl...); importing all of them made every `pulso` invocation, `--help` included, pay
about 1.5 s before doing anything. The group below knows each command by name and one-line
help, lists them from that alone, and imports a command's module the first time the command
itself is looked up (to run it or show its own help).

The classes are Typer's (`typer.core`), which are built on the click copy Typer vendors.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup

from pulso.cli import coercion
from pulso.cli.quick import LazyCommand as LazyCommand  # declared where Typer is not imported


def load(spec: LazyCommand) -> Any:
    """The command (or group) `spec.module` registers, as Typer builds it."""
    holder = typer.Typer()
    importlib.import_module(spec.module).register(holder)
    command = typer.main.get_group(holder).commands[spec.name]
    coercion.install(command)
    return command


def summary(spec: LazyCommand) -> TyperCommand:
    """What a command list shows of a command: its name and help, nothing imported."""
    return TyperCommand(name=spec.name, help=spec.help)


class LazyCommands(MutableMapping[str, Any]):
    """Name → command; a lazy command's module is imported when its entry is first read."""

    def __init__(self, specs: Sequence[LazyCommand], eager: MutableMapping[str, Any]) -> None:
        self.specs = {spec.name: spec for spec in specs}
        self.loaded: dict[str, Any] = dict(eager)

    def is_loaded(self, name: str) -> bool:
        return name in self.loaded

    def __getitem__(self, name: str) -> Any:
        if name not in self.loaded:
            self.loaded[name] = load(self.specs[name])
        return self.loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self.specs.pop(name, None)
        self.loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self.specs or name in self.loaded

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self.specs, *self.loaded]))

    def __len__(self) -> int:
        return len(set(self.specs) | set(self.loaded))


class LazyGroup(TyperGroup):
    """A Typer group over `COMMANDS`; a help listing shows them without importing any."""

    COMMANDS: ClassVar[Sequence[LazyCommand]] = ()

    def __init__(self, *, commands: Any = None, **attrs: Any) -> None:
        super().__init__(commands=commands, **attrs)
        self.commands = LazyCommands(self.COMMANDS, self.commands)
        self._listing = False

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        commands = self.commands
        if self._listing and isinstance(commands, LazyCommands) and cmd_name in commands.specs:
            if not commands.is_loaded(cmd_name):
                return summary(commands.specs[cmd_name])
        return commands.get(cmd_name)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            coercion.give(option)
        return option

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names, in declared order; nothing imported

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False
