"""The `pulso` command: a thin shell that parses arguments and calls steps.

Each command module registers itself; `main` maps typed errors to one line and an exit code.
"""

from __future__ import annotations

import importlib
import sys

import click
import typer

from pulso.cli.errors import EXIT_FAILURE, guarded

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
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv

    def invoke() -> int:
        try:
            result = app(args=args, prog_name="pulso", standalone_mode=False)
        except click.exceptions.Abort:
            sys.stderr.write("aborted\n")
            return EXIT_FAILURE
        except click.exceptions.ClickException as error:
            error.show()
            return error.exit_code
        return result if isinstance(result, int) else 0

    return guarded(invoke)


if __name__ == "__main__":
    sys.exit(main())
