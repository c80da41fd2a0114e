"""Usage errors (unknown command or option, missing argument, bad value) as one line and a hint.

Typer 0.2x vendors its own copy of click (`typer._click`) and raises that copy's exceptions,
which `click.exceptions.UsageError` does not catch; older Typer raised click's own. The classes
are therefore read from what Typer exposes (the ancestry of `typer.BadParameter`, `typer.Exit`,
`typer.Abort`) plus click's, when click is loaded, so either generation is caught. They are
read when an error is being handled: a click exception exists only once click is imported, so
a command that never loaded click has none to catch and does not import it; likewise Typer's,
for a command line run without Typer (pulso/cli/quick.py).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import Any


def _ancestors_named(cls: type, name: str) -> list[type]:
    return [base for base in cls.__mro__ if base.__name__ == name]


def _click_exceptions() -> Any | None:
    return sys.modules.get("click.exceptions")


def _classes(name: str, typer_class: str) -> tuple[type[BaseException], ...]:
    found: list[type] = []
    typer = sys.modules.get("typer")
    if typer is not None:
        found += _ancestors_named(getattr(typer, typer_class), name)
    click = _click_exceptions()
    if click is not None and hasattr(click, name):
        found.append(getattr(click, name))
    return tuple(dict.fromkeys(found))


def usage_errors() -> tuple[type[BaseException], ...]:
    return _classes("UsageError", "BadParameter")


def click_errors() -> tuple[type[BaseException], ...]:
    return _classes("ClickException", "BadParameter")


def aborts() -> tuple[type[BaseException], ...]:
    return _classes("Abort", "Abort")


def exits() -> tuple[type[BaseException], ...]:
    return _classes("Exit", "Exit")


def command_path(error: BaseException, fallback: str = "pulso") -> str:
    ctx = getattr(error, "ctx", None)
    return str(getattr(ctx, "command_path", "") or fallback)


def with_hint(path: str, message: str) -> str:
    """`pulso growth: MESSAGE. Try 'pulso growth --help'.` (one line)."""
    message = message.rstrip(".")
    end = "" if message.endswith("?") else "."
    return f"{path}: {message}{end} Try '{path} --help'."


def _sentence_case(text: str) -> str:
    """Click's messages start with a capital ("Got unexpected ..."); ours continue a line."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _option_name(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", []) or [] if o.startswith("--")]
    if getattr(param, "param_type_name", "") == "argument" or not opts:
        raw = getattr(param, "metavar", None) or getattr(param, "name", None) or "value"
        return str(raw).upper()
    return str(opts[0])


def given_value(args: Sequence[str], param: Any) -> str | None:
    """The value typed after one of the parameter's options (`--port 99999`, `--port=99999`)."""
    opts = set(getattr(param, "opts", []) or [])
    for index, arg in enumerate(args):
        name, eq, value = arg.partition("=")
        if eq and name in opts:
            return value
        if arg in opts and index + 1 < len(args):
            return args[index + 1]
    return None


def _choices(param: Any) -> list[str] | None:
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) or getattr(
        getattr(param, "type", None), "choices", None
    )
    if not choices:
        return None
    return [str(getattr(c, "value", c)) for c in choices]


def _bounds(param: Any) -> tuple[Any, Any]:
    info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
    source = info if info is not None else getattr(param, "type", None)
    return getattr(source, "min", None), getattr(source, "max", None)


def _is_integer(param: Any) -> bool:
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    return annotation is int or getattr(getattr(param, "type", None), "name", "") == "integer"


def bad_value_message(param: Any, value: str | None, raw: str) -> str:
    """`--format must be one of table, json, csv (got 'xml')` and its kin."""
    name = _option_name(param)
    got = f" (got {value!r})" if value is not None else ""
    choices = _choices(param)
    if choices:
        return f"{name} must be one of {', '.join(choices)}{got}"
    low, high = _bounds(param)
    if low is not None and high is not None:
        return f"{name} must be a whole number from {low} to {high}{got}"
    if _is_integer(param):
        return f"{name} must be a whole number{got}"
    return f"{name}: {raw.removeprefix('Value error, ')}{got}"


def _commands_of(ctx: Any) -> list[str]:
    return list(getattr(getattr(ctx, "command", None), "commands", {}) or {})


def _unknown_command(error: Any, args: Sequence[str]) -> str | None:
    message = str(getattr(error, "message", ""))
    if not message.startswith("No such command"):
        return None
    import difflib  # only for a mistyped command

    commands = _commands_of(error.ctx)
    typed = message.split("'")[1] if message.count("'") >= 2 else ""
    close = difflib.get_close_matches(typed, commands, n=1)
    if close:
        return f"no command {typed!r}; did you mean {close[0]!r}?"
    return f"no command {typed!r} (commands: {', '.join(commands)})"


def _unknown_option(error: Any) -> str:
    name = getattr(error, "option_name", "?")
    possible = sorted(getattr(error, "possibilities", None) or [])
    if possible:
        return f"no option {name}; did you mean {' or '.join(possible)}?"
    options = [
        o
        for p in getattr(getattr(error.ctx, "command", None), "params", [])
        for o in getattr(p, "opts", [])
        if o.startswith("--") and o != "--help"
    ]
    return f"no option {name}" + (f" (options: {', '.join(options)})" if options else "")


def _is_missing_command(error: BaseException) -> bool:
    # Groups are declared without no_args_is_help: Typer's version prints the help to stdout
    # while building the exception; click's plain "Missing command." lets us choose where.
    message = str(getattr(error, "message", ""))
    return type(error).__name__ == "NoArgsIsHelpError" or message.startswith("Missing command")


def usage_message(error: BaseException, args: Sequence[str]) -> str:
    """What went wrong, in one clause, without the command path or the hint."""
    kind = type(error).__name__
    param = getattr(error, "param", None)
    raw = str(getattr(error, "message", "") or error)
    if _is_missing_command(error):
        return f"missing command (one of {', '.join(_commands_of(error.ctx))})"  # type: ignore[attr-defined]
    if kind == "NoSuchOption":
        return _unknown_option(error)
    if kind == "MissingParameter" and param is not None:
        what = "argument" if getattr(param, "param_type_name", "") == "argument" else "option"
        return f"missing {what} {_option_name(param)}"
    if kind == "BadParameter" and param is not None:
        return bad_value_message(param, given_value(args, param), raw)
    unknown = _unknown_command(error, args)
    if unknown:
        return unknown
    return _sentence_case(raw.rstrip(".").replace("\n", " "))


def usage_line(error: BaseException, args: Sequence[str], fallback: str = "pulso") -> str:
    return with_hint(command_path(error, fallback), usage_message(error, args))


def show_help(error: BaseException) -> None:
    """A group called without a command: its help (the command list) above the hint, on stderr.

    Typer's Rich help prints itself to stdout rather than returning text; with the error, it
    belongs on stderr.
    """
    ctx = getattr(error, "ctx", None)
    if not _is_missing_command(error) or ctx is None:
        return
    with contextlib.redirect_stdout(sys.stderr):
        text = ctx.get_help()
    if text:
        sys.stderr.write(str(text).rstrip("\n") + "\n")


def resolve_path(root: Any, args: Sequence[str]) -> str:
    """`pulso report weekly` for ['report', 'weekly', '--week', ...]: the command being run."""
    path, command = ["pulso"], root
    for arg in args:
        commands = getattr(command, "commands", None)
        if not commands or arg not in commands:
            break
        path.append(arg)
        command = commands[arg]
    return " ".join(path)
