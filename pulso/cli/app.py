"""The `pulso` command: a thin shell that parses arguments and calls steps.

Each command module registers itself; `main` maps usage errors and typed errors to one line and
an exit code (2 for usage errors, like git and click) and never lets a traceback through.
"""

from __future__ import annotations

import importlib
import sys

import typer

from flows.steps import errorlog
from pulso.cli import usage
from pulso.cli.errors import EXIT_FAILURE, EXIT_INVALID, guarded, say
from settings import data_dir_from_env

COMMAND_MODULES = [
    "pulso.cli.init_cmd",
    "pulso.cli.db_cmd",
    "pulso.cli.imports",
    "pulso.cli.growth_cmd",
    "pulso.cli.collect_cmd",
    "pulso.cli.tokens_cmd",
    "pulso.cli.serve_cmd",
    "pulso.cli.deploy_cmd",
    "pulso.cli.demo_cmd",
    "pulso.cli.dashboard_cmd",
    "pulso.cli.valuate_cmd",
    "pulso.cli.mentions_cmd",
    "pulso.cli.report_cmd",
]

app = typer.Typer(
    name="pulso",
    help="Pulso: nightly social-media, news and free-press measurement for a comms office.",
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def _usage_error(error: BaseException, args: list[str], where: str) -> int:
    usage.show_help(error)
    say(usage.usage_line(error, args, where))
    return EXIT_INVALID


def _run(args: list[str], where: str) -> int:
    try:
        result = app(args=args, prog_name="pulso", standalone_mode=False)
    except usage.USAGE_ERRORS as error:
        return _usage_error(error, args, where)
    except usage.ABORTS:
        say(f"{where}: aborted")
        return EXIT_FAILURE
    except usage.EXITS as error:
        return int(getattr(error, "exit_code", EXIT_FAILURE))
    except usage.CLICK_ERRORS as error:
        say(f"{usage.command_path(error, where)}: {getattr(error, 'message', error)}")
        return int(getattr(error, "exit_code", EXIT_FAILURE))
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    errorlog.install(data_dir_from_env())
    where = usage.resolve_path(typer.main.get_command(app), args)
    return guarded(lambda: _run(args, where), where)


if __name__ == "__main__":
    sys.exit(main())
