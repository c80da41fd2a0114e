"""`pulso growth`: how accounts grew between two dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.steps.followers import growth_report
from pulso.cli.context import open_database, option_date, reading_config
from pulso.cli.errors import BadOption, InvalidInput
from pulso.cli.output import OutputFormat, print_csv, print_json, print_table
from pulso.cli.quick import Opt, Spec
from reports.answers.growth import COLUMNS, growth_answer, growth_row

if TYPE_CHECKING:  # Typer reads only a command line the quick path leaves to it
    import typer


def growth(
    platform: str | None, account: str | None, from_: str | None, to: str | None, fmt: OutputFormat
) -> None:
    if platform:  # the platform declarations load only to check a name given
        from collectors.registry import PLATFORM_NAMES

        if platform.lower() not in PLATFORM_NAMES:
            raise BadOption(
                f"--platform: unknown platform {platform!r}"
                f" (expected one of {', '.join(PLATFORM_NAMES)})"
            )
    start, end = option_date(from_, "--from"), option_date(to, "--to")
    if start and end and start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    items = growth_report(
        open_database(),
        platform=platform and platform.lower(),
        account=account,
        from_=start,
        to=end,
    )
    if account and not items:
        raise InvalidInput(
            f"--account: no account {account!r}" + (f" on {platform}" if platform else "")
        )
    if fmt is OutputFormat.json:
        print_json(growth_answer(items, one=bool(platform and account)))
    elif fmt is OutputFormat.csv:
        print_csv([growth_row(item) for item in items], COLUMNS)
    else:
        from reports.i18n import label  # the vocabulary: for people's tables

        lang = reading_config().lang
        rows = [growth_row(item) for item in items]
        print_table(rows, COLUMNS, lang, title=label("growth_title", lang))


QUICK = Spec(
    growth,
    {
        "--platform": Opt("platform"),
        "--account": Opt("account"),
        "--from": Opt("from_"),
        "--to": Opt("to"),
        "--format": Opt("fmt", OutputFormat.table, choice=OutputFormat),
    },
)


def register(app: typer.Typer) -> None:
    import typer

    from collectors.registry import PLATFORM_NAMES

    def growth_command(
        platform: str | None = typer.Option(None, "--platform", help=", ".join(PLATFORM_NAMES)),
        account: str | None = typer.Option(
            None, "--account", help="account handle (with or without @)"
        ),
        from_: str | None = typer.Option(
            None, "--from", help="start date: YYYY-MM-DD or DD/MM/YYYY"
        ),
        to: str | None = typer.Option(None, "--to", help="end date: YYYY-MM-DD or DD/MM/YYYY"),
        fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
    ) -> None:
        """Followers at the start and end of a period, the change and the % growth."""
        growth(platform, account, from_, to, fmt)

    app.command("growth")(growth_command)
