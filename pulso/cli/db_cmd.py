"""`pulso db upgrade`: bring the database schema to the current version."""

from __future__ import annotations

import typer

from pulso.cli.context import safe_url, settings
from storage.db import make_engine
from storage.migrate import upgrade

db_app = typer.Typer(help="Database maintenance.")


@db_app.command("upgrade")
def upgrade_command() -> None:
    """Create or upgrade the database schema (every other command also does this by itself)."""
    engine = make_engine(settings().database_url)
    before, after = upgrade(engine)
    where = safe_url(str(engine.url))
    if before == after:
        typer.echo(f"{where}: already at {after}")
    else:
        typer.echo(f"{where}: upgraded from {before or 'empty'} to {after}")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
