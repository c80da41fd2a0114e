"""`pulso report period`: the accountability report of any period (rendición de cuentas)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from sqlalchemy import Engine

from flows.steps.period import WrittenPeriodReport, period_model, period_report
from pulso.cli.context import configured, open_database, option_date
from pulso.cli.errors import EXIT_FAILURE, BadOption, say
from pulso.cli.output import print_json
from pulso.cli.report_cmd import check_email
from reports.answers.period import period_json
from reports.period import Period, parse_semester, parse_year
from settings import Settings

# Month by month and day by day (missing days): a century of rows helps no one, and a typo in a
# year (0202) should be a message, not minutes of work.
MAX_YEARS = 20


class PeriodFormat(StrEnum):
    files = "files"
    json = "json"


def choose_period(
    from_: str | None, to: str | None, semester: str | None, year: str | None
) -> Period:
    """Exactly one of: --from with --to, --semester, --year."""
    given = [name for name, v in (("--semester", semester), ("--year", year)) if v is not None]
    dates = [name for name, v in (("--from", from_), ("--to", to)) if v is not None]
    if len(given) > 1 or (given and dates):
        raise BadOption(f"{' and '.join(given + dates)} name the period twice: give only one way")
    try:
        if semester is not None:
            return parse_semester(semester)
        if year is not None:
            return parse_year(year)
    except ValueError as error:
        raise BadOption(f"{given[0]}: {error}") from None
    start, end = option_date(from_, "--from"), option_date(to, "--to")
    if start is None or end is None:
        missing = "--from" if start is None else "--to"
        raise BadOption(f"{missing} is missing: give --from and --to, --semester or --year")
    if start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    if end.year - start.year >= MAX_YEARS:
        raise BadOption(
            f"--from {start} --to {end}: a period report covers at most {MAX_YEARS} years"
        )
    return Period(start, end)


def period_command(
    from_: str | None = typer.Option(None, "--from", help="first day: YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = typer.Option(None, "--to", help="last day, inclusive"),
    semester: str | None = typer.Option(None, "--semester", help="a semester, e.g. 2021-S1"),
    year: str | None = typer.Option(None, "--year", help="a calendar year, e.g. 2021"),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="reports folder; files go to DIR/<period>/ (default: <data dir>/reports)",
    ),
    lang: str | None = typer.Option(None, "--lang", help="es (default) or en"),
    send: bool = typer.Option(
        False, "--send", help="e-mail the report to [email] to/cc once its files are written"
    ),
    fmt: PeriodFormat = typer.Option(PeriodFormat.files, "--format", help="files or json"),
) -> int:
    """Write the accountability report of a period: followers, activity, news, free press, targets."""
    if lang is not None and lang not in ("es", "en"):
        raise BadOption(f"--lang: unknown language {lang!r} (expected es or en)")
    period = choose_period(from_, to, semester, year)
    loaded = configured()
    if fmt is PeriodFormat.json:
        if send:
            raise BadOption(
                "--send writes and e-mails the files: it does not go with --format json"
            )
        print_json(period_json(period_model(open_database(), loaded, period)))
        return 0
    if send:
        check_email(loaded)
    engine = open_database()
    written = period_report(engine, loaded, period, out_dir=out, lang=lang)
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


def _send(engine: Engine, loaded: Settings, written: WrittenPeriodReport, lang: str | None) -> int:
    from flows.steps.delivery import DeliveryFailed, deliver_period

    try:
        outcome = deliver_period(engine, loaded, written, lang=lang)
    except DeliveryFailed as error:
        say(
            f"pulso report period: the report is written in {written.directory} but the e-mail "
            f"was not sent ({error.outcome.attempts} attempt(s)): {error.outcome.reason}"
        )
        return EXIT_FAILURE
    say(f"pulso report period: e-mailed to {outcome.recipients} recipient(s)")
    return 0
