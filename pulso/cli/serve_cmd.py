"""`pulso serve`: run the scheduled deployments (nightly collection, weekly report)."""

from __future__ import annotations

import sys

import typer

from pulso.cli.context import configured, open_database
from pulso.cli.errors import EXIT_FAILURE


def serve_command() -> None:
    """Register and serve the nightly and weekly flows on their schedules (needs a Prefect API)."""
    loaded = configured()  # before importing Prefect: a missing config answers at once
    from flows.deploy import NoPrefectApi, require_api, serve_all

    try:
        url = require_api()
    except NoPrefectApi as error:
        sys.stderr.write(f"pulso serve: {error}\n")
        raise typer.Exit(EXIT_FAILURE) from None
    open_database(loaded.database_url).dispose()
    schedule = loaded.config.schedule
    typer.echo(
        f"serving on {url}: nightly '{schedule.nightly_cron}', weekly '{schedule.weekly_cron}' "
        f"({loaded.config.timezone}); Ctrl+C to stop"
    )
    serve_all(loaded)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
