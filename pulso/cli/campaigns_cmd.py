"""`pulso campaigns`: posts, interactions, reach, news mentions and free press per campaign."""

from __future__ import annotations

from datetime import datetime

import typer

from flows.steps.campaigns import campaigns_report
from pulso.cli.context import open_database, option_date, settings
from pulso.cli.errors import BadOption
from pulso.cli.output import OutputFormat, print_csv, print_json, print_table
from reports.answers.campaigns import COLUMNS, campaign_json, campaign_row, default_period
from reports.formatting import fmt_date
from reports.i18n import label


def campaigns_command(
    from_: str | None = typer.Option(
        None,
        "--from",
        help="first day (default: the first campaign's start): YYYY-MM-DD or DD/MM/YYYY",
    ),
    to: str | None = typer.Option(
        None,
        "--to",
        help="last day (default: the last campaign's end, or today): YYYY-MM-DD or DD/MM/YYYY",
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
) -> None:
    """Own posts, interactions, reach, news mentions and free press per [[campaigns]] entry."""
    config = settings().config
    first, last = default_period(config.campaigns, datetime.now(config.tz).date())
    start = option_date(from_, "--from") or first
    end = option_date(to, "--to") or last
    if start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    found = campaigns_report(open_database(), config, start, end)
    if fmt is OutputFormat.json:
        print_json([campaign_json(item) for item in found])
    elif fmt is OutputFormat.csv:
        print_csv([campaign_json(item) for item in found], COLUMNS)
    else:
        lang = config.lang
        period = f"{fmt_date(start, lang)} – {fmt_date(end, lang)}"
        rows = [campaign_row(item) for item in found]
        print_table(rows, COLUMNS, lang, title=f"{label('campaigns_title', lang)} ({period})")


def register(app: typer.Typer) -> None:
    app.command("campaigns")(campaigns_command)
