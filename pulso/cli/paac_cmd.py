"""`pulso paac`: the anti-corruption plan's publishing targets against what was published."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from flows.steps.paac import paac_follow_up
from pulso.cli.context import open_database, settings
from pulso.cli.errors import BadOption, InvalidInput
from pulso.cli.output import print_json, print_table
from reports.answers.paac import MONTH_COLUMNS, SUMMARY_COLUMNS, month_rows, paac_json, summary_rows
from reports.i18n import label
from reports.write import reports_root


class PaacFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


def paac_command(
    year: int = typer.Option(..., "--year", help="the plan's year, e.g. 2022"),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="write the evidence CSV there (and the XLSX; default for xlsx: <reports>/paac)",
    ),
    fmt: PaacFormat = typer.Option(PaacFormat.table, "--format", help="table, json or xlsx"),
) -> None:
    """Publishing targets of the PAAC: goal, formula, result, % achieved, month by month."""
    if not 2000 <= year <= 2999:
        raise BadOption(f"--year: {year} is not a plan year (e.g. 2022)")
    loaded = settings()
    if not loaded.config.targets.goals:
        raise InvalidInput(
            f"no [targets] in {loaded.config_path}: write the plan's yearly goals there, "
            "one per platform, e.g. web = 5000 for the own portal"
        )
    lang = loaded.config.lang
    if fmt is PaacFormat.xlsx and out is None:
        out = reports_root(loaded.data_dir, loaded.config) / "paac"
    outcome = paac_follow_up(
        open_database(), loaded, year=year, out_dir=out, xlsx=fmt is PaacFormat.xlsx, lang=lang
    )
    if fmt is PaacFormat.json:
        print_json(paac_json(outcome.results))
    elif fmt is PaacFormat.table:
        print_table(
            summary_rows(outcome.results, lang),
            SUMMARY_COLUMNS,
            lang,
            title=label("paac_title", lang, year=year),
        )
        print_table(
            month_rows(outcome.results, lang),
            MONTH_COLUMNS,
            lang,
            title=label("paac_months_title", lang),
        )
    console = Console(stderr=fmt is not PaacFormat.xlsx, soft_wrap=True)
    for path in outcome.files:
        console.print(str(path), highlight=False)


def register(app: typer.Typer) -> None:
    app.command("paac")(paac_command)
