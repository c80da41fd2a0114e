"""`pulso report weekly`: the week's report as HTML, PDF, XLSX and CSV files."""

from __future__ import annotations

from pathlib import Path

import typer
from sqlalchemy import Engine

from flows.steps.delivery import DeliveryFailed, EmailNotConfigured, deliver_weekly, email_settings
from flows.steps.mail import MailSettingsError
from flows.steps.weekly import WrittenReport, weekly_report
from pulso.cli.context import configured, open_database, option_date
from pulso.cli.errors import EXIT_FAILURE, BadOption, InvalidInput, say
from reports.week import Week, parse_iso_week, week_of
from settings import Settings

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
    send: bool = typer.Option(
        False, "--send", help="e-mail the report to [email] to/cc once its files are written"
    ),
) -> int:
    """Write the report for one week, Monday to Sunday in Bogotá (default: the last complete week)."""
    if lang is not None and lang not in ("es", "en"):
        raise BadOption(f"--lang: unknown language {lang!r} (expected es or en)")
    chosen = _week(week, end)
    loaded = configured()
    if send:
        check_email(loaded)
    engine = open_database()
    written = weekly_report(engine, loaded, out_dir=out, week=chosen, lang=lang)
    for line in written.notice_lines():
        typer.echo(line, err=True)
    for path in written.files:
        typer.echo(str(path))
    code = 0
    if written.pdf_error:
        # The HTML, XLSX and CSVs are written (listed above); only the PDF is missing.
        typer.echo(f"pulso: PDF not written: {written.pdf_error}", err=True)
        code = EXIT_FAILURE
    if send:  # what was written goes out, the PDF too when there is one
        code = max(code, _send(engine, loaded, written, lang))
    return code


def check_email(loaded: Settings) -> None:
    try:
        email_settings(loaded)
    except (EmailNotConfigured, MailSettingsError) as error:
        raise InvalidInput(str(error)) from None


def _send(engine: Engine, loaded: Settings, written: WrittenReport, lang: str | None) -> int:
    """Sending is the user's explicit act: a week already sent is sent again."""
    try:
        outcome = deliver_weekly(engine, loaded, written, lang=lang, resend=True)
    except DeliveryFailed as error:
        say(
            f"pulso report weekly: the report is written in {written.directory} but the e-mail "
            f"was not sent ({error.outcome.attempts} attempt(s)): {error.outcome.reason}"
        )
        return EXIT_FAILURE
    say(f"pulso report weekly: e-mailed to {outcome.recipients} recipient(s)")
    return 0


def register(app: typer.Typer) -> None:
    report_app.command("weekly")(weekly_command)
    from pulso.cli.period_cmd import period_command

    report_app.command("period")(period_command)
    app.add_typer(report_app, name="report")
