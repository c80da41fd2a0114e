"""`pulso mentions`: news items that mention the city government, by outlet and medium."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.steps.mentions import mentions_rows
from pulso.cli.context import open_database, option_date, reading_config
from pulso.cli.errors import BadOption, InvalidInput
from pulso.cli.output import OutputFormat, print_csv, print_json, print_table
from pulso.cli.quick import Opt, Spec
from reports.answers.mentions import COLUMNS, CSV_COLUMNS, mentions_json, summary_line
from storage.mention_reads import find_outlet_id

if TYPE_CHECKING:  # Typer reads only a command line the quick path leaves to it
    import typer


def mentions(from_: str | None, to: str | None, outlet: str | None, fmt: OutputFormat) -> None:
    start, end = option_date(from_, "--from"), option_date(to, "--to")
    if start and end and start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    config = reading_config()
    with open_database().connect() as connection:  # Core rows: no ORM session to build
        if outlet and find_outlet_id(connection, outlet) is None:
            raise InvalidInput(f"--outlet: no outlet {outlet!r} (check [[outlets]] in pulso.toml)")
        rows = mentions_rows(connection, start, end, outlet, tz=config.tz)
    if fmt is OutputFormat.json:
        print_json(mentions_json(rows))
    elif fmt is OutputFormat.csv:
        print_csv(rows, CSV_COLUMNS)
    else:
        from reports.i18n import label  # the vocabulary: for people's tables

        lang = config.lang
        print_table(rows, COLUMNS, lang, title=label("mentions_title", lang))
        from rich.console import Console  # Rich only for people's tables

        Console(stderr=True).print(summary_line(rows, lang))


QUICK = Spec(
    mentions,
    {
        "--from": Opt("from_"),
        "--to": Opt("to"),
        "--outlet": Opt("outlet"),
        "--format": Opt("fmt", OutputFormat.table, choice=OutputFormat),
    },
)


def register(app: typer.Typer) -> None:
    import typer

    def mentions_command(
        from_: str | None = typer.Option(
            None, "--from", help="start date: YYYY-MM-DD or DD/MM/YYYY"
        ),
        to: str | None = typer.Option(None, "--to", help="end date: YYYY-MM-DD or DD/MM/YYYY"),
        outlet: str | None = typer.Option(
            None, "--outlet", help="outlet name (case/accent-insensitive)"
        ),
        fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
    ) -> None:
        """One row per news item that mentions the office (Bogotá days, inclusive)."""
        mentions(from_, to, outlet, fmt)

    app.command("mentions")(mentions_command)
