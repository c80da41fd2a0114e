"""The `pulso` command: a thin shell that parses arguments and calls steps.

Each command module registers itself when the command runs (pulso/cli/lazy.py); `main` maps usage errors and typed errors to one line and
an exit code (2 for usage errors, like git and click) and never lets a traceback through.
A plain command line of a command marked `quick` runs without Typer (pulso/cli/quick.py);
the Typer app (`app`, built on first use) reads every other.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from flows.steps import errorlog
from pulso.cli import usage
from pulso.cli.errors import EXIT_FAILURE, EXIT_INVALID, guarded, say
from pulso.cli.quick import LazyCommand, plain_call
from settings.paths import data_dir_from_env

if TYPE_CHECKING:
    import typer

# The help shown by `pulso --help`, kept beside the module so that listing the commands
# imports none of them; tests/cli checks each line against the command's own docstring.
COMMANDS = [
    LazyCommand(
        "init",
        "pulso.cli.init_cmd",
        "Write an example pulso.toml (the office's public handles; placeholders marked"
        " PLACEHOLDER).",
    ),
    LazyCommand(
        "growth",
        "pulso.cli.growth_cmd",
        "Followers at the start and end of a period, the change and the % growth.",
        quick=True,
    ),
    LazyCommand(
        "collect",
        "pulso.cli.collect_cmd",
        "Collect followers and recent posts (and news) and store them; exit 3 if some failed.",
    ),
    LazyCommand(
        "serve",
        "pulso.cli.serve_cmd",
        "Register and serve the nightly and weekly flows on their schedules (needs a Prefect API).",
    ),
    LazyCommand(
        "deploy",
        "pulso.cli.deploy_cmd",
        "Register the nightly and weekly flows on a work pool; run `prefect worker start --pool"
        " NAME`\non each machine. Platform limits become Prefect global concurrency limits.",
    ),
    LazyCommand(
        "demo",
        "pulso.cli.demo_cmd",
        "Run collection, storage and the weekly report on bundled data: no network, no"
        " credentials.",
    ),
    LazyCommand(
        "dashboard",
        "pulso.cli.dashboard_cmd",
        "Serve the dashboard: growth, compare periods, mentions, free press, weekly reports.",
    ),
    LazyCommand(
        "valuate",
        "pulso.cli.valuate_cmd",
        "Free-press value (AVE) of clips and web mentions: airtime × the outlet's rate, before"
        " IVA.",
        quick=True,
    ),
    LazyCommand(
        "mentions",
        "pulso.cli.mentions_cmd",
        "One row per news item that mentions the office (Bogotá days, inclusive).",
        quick=True,
    ),
    LazyCommand("db", "pulso.cli.db_cmd", "Database maintenance."),
    LazyCommand(
        "activity",
        "pulso.cli.activity_cmd",
        "Posts, interactions, impressions, views and engagement per account over a period.",
        quick=True,
    ),
    LazyCommand(
        "paac",
        "pulso.cli.paac_cmd",
        "Publishing targets of the PAAC: goal, formula, result, % achieved, month by month.",
    ),
    LazyCommand("import", "pulso.cli.imports", "Import the office's spreadsheets (CSV or XLSX)."),
    LazyCommand("tokens", "pulso.cli.tokens_cmd", "Platform credentials."),
    LazyCommand(
        "report",
        "pulso.cli.report_cmd",
        "Reports: the weekly report for the communications office.",
    ),
    LazyCommand(
        "insights",
        "pulso.cli.insights_cmd",
        "Reach and views per own account (X: impressions) and the period's live broadcasts.",
    ),
    LazyCommand(
        "verify",
        "pulso.cli.verify_cmd",
        "Check stated figures (a draft or past report) against Pulso's; exit 3 when any differs.",
    ),
    LazyCommand("backfill", "pulso.cli.backfill_cmd", "Read history from the platforms' APIs."),
    LazyCommand(
        "campaigns",
        "pulso.cli.campaigns_cmd",
        "Own posts, interactions, reach, news mentions and free press per [[campaigns]] entry.",
    ),
    LazyCommand(
        "share",
        "pulso.cli.share_cmd",
        "Share of voice per outlet and week: the office's mentions ÷ (its own + [[peers]]') × 100.",
        quick=True,
    ),
]


@cache
def build() -> typer.Typer:
    """The Typer app over `COMMANDS` (imported and built only for a command line Typer reads)."""
    import typer

    from pulso.cli.lazy import LazyGroup

    class PulsoGroup(LazyGroup):
        COMMANDS = COMMANDS

    app = typer.Typer(
        name="pulso",
        help="Pulso: nightly social-media, news and free-press measurement for a comms office.",
        add_completion=False,
        pretty_exceptions_enable=False,
        cls=PulsoGroup,
    )

    @app.callback()
    def _pulso() -> None:
        # Typer builds a group only for an app with commands or a callback; its commands are lazy.
        pass

    return app


def __getattr__(name: str) -> Any:
    if name == "app":  # `from pulso.cli.app import app` (tests, CliRunner)
        return build()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _usage_error(error: BaseException, args: list[str], where: str) -> int:
    usage.show_help(error)
    say(usage.usage_line(error, args, where))
    return EXIT_INVALID


def _run(call: Callable[[], Any], args: list[str], where: str) -> int:
    try:
        result = call()
    # Each clause's classes are read only when an error reaches it (pulso/cli/usage.py).
    except usage.usage_errors() as error:
        return _usage_error(error, args, where)
    except usage.aborts():
        say(f"{where}: aborted")
        return EXIT_FAILURE
    except usage.exits() as error:
        return int(getattr(error, "exit_code", EXIT_FAILURE))
    except usage.click_errors() as error:
        say(f"{usage.command_path(error, where)}: {getattr(error, 'message', error)}")
        return int(getattr(error, "exit_code", EXIT_FAILURE))
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    errorlog.install(data_dir_from_env())
    quick = plain_call(COMMANDS, args)
    if quick is not None:
        where = f"pulso {args[0]}"
        return guarded(lambda: _run(quick, args, where), where)
    import typer

    app = build()
    where = usage.resolve_path(typer.main.get_command(app), args)
    return guarded(
        lambda: _run(lambda: app(args=args, prog_name="pulso", standalone_mode=False), args, where),
        where,
    )


if __name__ == "__main__":
    sys.exit(main())
