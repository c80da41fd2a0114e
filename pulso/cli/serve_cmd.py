"""`pulso serve`: run the scheduled deployments (nightly collection, weekly report)."""

from __future__ import annotations

import sys

import typer

from pulso.cli.context import configured, open_database
from pulso.cli.errors import EXIT_FAILURE
from settings import Settings


def prefect_ready(command: str) -> tuple[Settings, str]:
    """The config, the database and a Prefect API that answers; else one line and exit 1.

    The config is checked before Prefect is imported, so a missing one answers at once.
    """
    loaded = configured()
    from flows.deploy import NoPrefectApi, require_api

    try:
        url = require_api()
    except NoPrefectApi as error:
        sys.stderr.write(f"pulso {command}: {error}\n")
        raise typer.Exit(EXIT_FAILURE) from None
    open_database(loaded.database_url).dispose()
    return loaded, url


def serve_command() -> None:
    """Register and serve the nightly and weekly flows on their schedules (needs a Prefect API)."""
    loaded, url = prefect_ready("serve")
    from flows.deploy import serve_all

    schedule = loaded.config.schedule
    typer.echo(
        f"serving on {url}: nightly '{schedule.nightly_cron}', weekly '{schedule.weekly_cron}' "
        f"({loaded.config.timezone}); Ctrl+C to stop"
    )
    serve_all(loaded)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
