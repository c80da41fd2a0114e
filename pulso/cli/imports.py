"""`pulso import ...`: spreadsheets the office keeps (follower history, rate cards, clip logs)."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.steps.followers import import_followers
from pulso.cli.context import open_database

import_app = typer.Typer(
    help="Import the office's spreadsheets (CSV or XLSX).", no_args_is_help=True
)

FILE_ARGUMENT = typer.Argument(
    ..., help="CSV (comma or semicolon) or XLSX file", show_default=False
)


@import_app.command("followers")
def followers_command(file: Path = FILE_ARGUMENT) -> None:
    """Historical follower figures: plataforma, cuenta, fecha, seguidores (or English headers)."""
    summary = import_followers(open_database(), file)
    counts = summary.counts
    typer.echo(
        f"{file}: {summary.rows} rows: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.unchanged} unchanged"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
