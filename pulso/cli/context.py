"""What every command needs: validated settings and an up-to-date database."""

from __future__ import annotations

import sys
from datetime import date
from functools import cache

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from collectors.errors import register_secret
from importers.cells import parse_day
from pulso.cli.errors import BadOption, InvalidInput
from settings import Settings, load_settings
from storage.db import make_engine
from storage.revision import known_current


@cache
def settings() -> Settings:
    loaded = load_settings()
    for secret in loaded.secrets.all_values():
        register_secret(secret)
    return loaded


def reset() -> None:
    """Forget cached settings (tests change the environment between commands)."""
    settings.cache_clear()


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def open_database(url: str | None = None, *, quiet: bool = False) -> Engine:
    """The engine, upgraded to the current schema first (and saying so) when needed."""
    engine = make_engine(url or settings().database_url)
    if known_current(engine):
        return engine
    from storage.migrate import needs_upgrade, upgrade  # Alembic: only when it may have work

    if needs_upgrade(engine):
        before, after = upgrade(engine)
        if not quiet:
            sys.stderr.write(
                f"database {safe_url(str(engine.url))} upgraded from {before or 'empty'} to {after}\n"
            )
    return engine


def option_date(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as error:
        raise BadOption(f"{flag}: {error}") from None


def configured() -> Settings:
    """Settings for a command that needs the office's accounts or outlets: pulso.toml must exist.

    Commands that work from the database alone (growth, valuate, mentions, import, dashboard)
    use `settings()` and run on defaults without a file.
    """
    loaded = settings()
    if not loaded.config_found:
        raise InvalidInput(
            f"no pulso.toml at {loaded.config_path.absolute()}; `pulso init` writes one"
        )
    return loaded
