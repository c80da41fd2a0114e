"""`pulso verify`: check figures someone wrote against the ones Pulso computes."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.steps.verify import verify_file
from pulso.cli.context import open_database, settings
from pulso.cli.errors import EXIT_PARTIAL
from pulso.cli.output import OutputFormat, print_csv, print_json, print_table
from reports.answers.verify import COLUMNS, CSV_COLUMNS, all_agree, check_json, check_row
from reports.i18n import label


def verify_command(
    file: Path = typer.Argument(
        ..., help="CSV or XLSX: indicador, plataforma, cuenta, desde, hasta, valor"
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
) -> int:
    """Check stated figures (a draft or past report) against Pulso's; exit 3 when any differs."""
    loaded = settings()
    checks = verify_file(open_database(), loaded, file)
    if fmt is OutputFormat.json:
        print_json([check_json(c) for c in checks])
    elif fmt is OutputFormat.csv:
        print_csv([check_row(c, None) for c in checks], CSV_COLUMNS)
    else:
        lang = loaded.config.lang
        rows = [check_row(c, lang) for c in checks]
        print_table(rows, COLUMNS, lang, title=label("verify_title", lang))
    return 0 if all_agree(checks) else EXIT_PARTIAL


def register(app: typer.Typer) -> None:
    app.command("verify")(verify_command)
