"""`pulso report weekly`: the week's report as HTML, XLSX and CSV files."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.steps.weekly import weekly_report
from pulso.cli.context import configured, open_database, option_date
from pulso.cli.errors import BadOption
from reports.week import Week, parse_iso_week, week_of

report_app = typer.Typer(help="Reports: the weekly report for the communications office.")


def _week(week: str | None, end: str | None) -> Week | None:
    if week and end:
        raise BadOption("--week and --end name the same thing: give only one")
    if week:
        try:
            return parse_iso_week(week)
        except ValueError as error:
            raise BadOption(f"--week: {error}") from None
    day = option_date(end, "--end")
    return week_of(day) if day else None


def weekly_command(
    week: str | None = typer.Option(None, "--week", help="ISO week, e.g. 2026-W46"),
    end: str | None = typer.Option(
        None, "--end", help="a date in the week (YYYY-MM-DD or DD/MM/YYYY), e.g. its Sunday"
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="reports folder; the files go to DIR/<YYYY-Www>/ (default: <data dir>/reports)",
    ),
    lang: str | None = typer.Option(None, "--lang", help="es (default) or en"),
) -> None:
    """Write the report for one week, Monday to Sunday in Bogotá (default: the last complete week)."""
    if lang is not None and lang not in ("es", "en"):
        raise BadOption(f"--lang: unknown language {lang!r} (expected es or en)")
    chosen = _week(week, end)
    loaded = configured()
    written = weekly_report(open_database(), loaded, out_dir=out, week=chosen, lang=lang)
    for line in written.notice_lines():
        typer.echo(line, err=True)
    for path in written.files:
        typer.echo(str(path))


def register(app: typer.Typer) -> None:
    report_app.command("weekly")(weekly_command)
    app.add_typer(report_app, name="report")
