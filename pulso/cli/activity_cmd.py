"""`pulso activity`: what the office published over any period, and how people responded."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from collectors.registry import PLATFORM_NAMES
from flows.steps.activity import activity_report, default_period
from pulso.cli.context import open_database, option_date, reading_config
from pulso.cli.errors import BadOption, InvalidInput
from pulso.cli.output import OutputFormat, print_csv, print_json, print_table
from pulso.cli.quick import Opt, Spec
from reports.answers.activity import (
    BY_CHOICES,
    COLUMNS,
    PERIOD_COLUMNS,
    WEB,
    By,
    TooManyPeriods,
    activity_answer,
    activity_row,
    period_rows,
)

if TYPE_CHECKING:  # Typer reads only a command line the quick path leaves to it
    import typer

PLATFORMS = (*PLATFORM_NAMES, WEB)


def _platform(value: str | None) -> str | None:
    if value and value.lower() not in PLATFORMS:
        raise BadOption(
            f"--platform: unknown platform {value!r} (expected one of {', '.join(PLATFORMS)})"
        )
    return value.lower() if value else None


def _by(value: str | None) -> By | None:
    if value is not None and value not in BY_CHOICES:
        raise BadOption(f"--by must be one of {', '.join(BY_CHOICES)} (got {value!r})")
    return cast(By, value) if value else None


def activity(
    platform: str | None,
    account: str | None,
    from_: str | None,
    to: str | None,
    by: str | None,
    fmt: OutputFormat,
) -> None:
    chosen, periods = _platform(platform), _by(by)
    start, end = option_date(from_, "--from"), option_date(to, "--to")
    config = reading_config()
    start, end = default_period(start, end, config.tz)
    if start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    try:
        items = activity_report(
            open_database(),
            from_=start,
            to=end,
            tz=config.tz,
            platform=chosen,
            account=account,
            by=periods,
        )
    except TooManyPeriods as error:
        raise BadOption(f"--by: {error}") from None
    if account and not items:
        raise InvalidInput(
            f"--account: no own account {account!r}" + (f" on {chosen}" if chosen else "")
        )
    if fmt is OutputFormat.json:
        print_json(activity_answer(items, one=bool(chosen and account), by=periods is not None))
    elif fmt is OutputFormat.csv:
        if periods:
            print_csv(period_rows(items), PERIOD_COLUMNS)
        else:
            print_csv([activity_row(item) for item in items], COLUMNS)
    else:
        from reports.i18n import label  # the vocabulary: for people's tables

        lang = config.lang
        title = label("activity_title", lang)
        print_table([activity_row(item) for item in items], COLUMNS, lang, title=title)
        if periods:
            print_table(period_rows(items), PERIOD_COLUMNS, lang)


QUICK = Spec(
    activity,
    {
        "--platform": Opt("platform"),
        "--account": Opt("account"),
        "--from": Opt("from_"),
        "--to": Opt("to"),
        "--by": Opt("by"),
        "--format": Opt("fmt", OutputFormat.table, choice=OutputFormat),
    },
)


def register(app: typer.Typer) -> None:
    import typer

    def activity_command(
        platform: str | None = typer.Option(None, "--platform", help=", ".join(PLATFORMS)),
        account: str | None = typer.Option(
            None,
            "--account",
            help="account handle (with or without @), or the portal's outlet name",
        ),
        from_: str | None = typer.Option(
            None, "--from", help="start date: YYYY-MM-DD or DD/MM/YYYY (default: 1 January of --to)"
        ),
        to: str | None = typer.Option(
            None, "--to", help="end date: YYYY-MM-DD or DD/MM/YYYY (default: today)"
        ),
        by: str | None = typer.Option(
            None, "--by", help="also period by period: day, week or month"
        ),
        fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
    ) -> None:
        """Posts, interactions, impressions, views and engagement per account over a period."""
        activity(platform, account, from_, to, by, fmt)

    app.command("activity")(activity_command)
