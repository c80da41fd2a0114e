"""`pulso insights`: reach, views and live broadcasts of the office's own accounts."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, cast

import typer

from flows.steps.insights import default_period, reach_report
from pulso.cli.context import open_database, option_date, settings
from pulso.cli.errors import BadOption
from pulso.cli.output import OutputFormat, print_csv, print_json, print_table
from reports.answers.reach import COLUMNS, LIVE_COLUMNS
from reports.i18n import label


def insights_command(
    from_: str | None = typer.Option(
        None, "--from", help="first day (default: 7 days before --to): YYYY-MM-DD or DD/MM/YYYY"
    ),
    to: str | None = typer.Option(
        None, "--to", help="last day (default: yesterday): YYYY-MM-DD or DD/MM/YYYY"
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
) -> None:
    """Reach and views per own account (X: impressions) and the period's live broadcasts."""
    config = settings().config
    start, end = default_period(
        option_date(from_, "--from"), option_date(to, "--to"), datetime.now(config.tz).date()
    )
    if start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    answer = reach_report(open_database(), start=start, end=end, zone=config.tz)
    accounts = cast(list[dict[str, Any]], answer["accounts"])
    lives = cast(list[dict[str, Any]], answer["live_videos"])
    if fmt is OutputFormat.json:
        print_json(answer)
    elif fmt is OutputFormat.csv:
        print_csv(accounts, COLUMNS)
    else:
        lang = config.lang
        shown = [
            {**row, "post_views_label": label(str(row["post_views_label"]), lang)}
            for row in accounts
        ]
        period = f"{start.isoformat()} – {end.isoformat()}"
        print_table(shown, COLUMNS, lang, title=f"{label('reach_title', lang)} ({period})")
        if lives:
            local = [_local_live(row, config.tz) for row in lives]
            print_table(local, LIVE_COLUMNS, lang, title=label("lives_title", lang))


def _local_live(row: dict[str, Any], zone: tzinfo) -> dict[str, Any]:
    """For people: the start in the office's zone (13/05/2020 19:00), the duration as h:mm:ss."""
    started = row.get("started_at")
    if isinstance(started, str):
        moment = datetime.fromisoformat(started).astimezone(zone)
        started = moment.strftime("%d/%m/%Y %H:%M")
    seconds = row.get("duration_s")
    duration = (
        f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
        if isinstance(seconds, int)
        else None
    )
    return {**row, "started_at": started, "duration_s": duration}


def register(app: typer.Typer) -> None:
    app.command("insights")(insights_command)
