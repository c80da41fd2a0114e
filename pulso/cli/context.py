"""What every command needs: validated settings and an up-to-date database.

A command that reads only the database (`pulso growth`) never builds the settings: the
database URL comes from the one rule Settings itself uses (settings/database.py), and the
validated configuration (pydantic, every platform's registry entry) is loaded by the first
command that asks for it.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from collectors.errors import register_secret
from importers.cells import parse_day
from pulso.cli.errors import BadOption, InvalidInput
from settings.database import database_password
from settings.database import database_url as _database_url
from storage.db import make_engine
from storage.revision import known_current

if TYPE_CHECKING:
    from settings.defaults import ReadingConfig
    from settings.model import Settings


@cache
def settings() -> Settings:
    from settings.load import load_settings

    loaded = load_settings()
    for secret in loaded.secrets.all_values():
        register_secret(secret)
    return loaded


@cache
def database_url() -> str:
    """The database the settings would name, without building them; its password (given
    apart) is registered for redaction, as `settings()` registers every secret."""
    password = database_password(os.environ)
    if password is not None:
        register_secret(password)
    return _database_url(os.environ)


@cache
def reading_config() -> ReadingConfig:
    """The configuration as the reading commands see it (time zone, language, peers, IVA):
    the validated Config when there is a file to read, else Config()'s defaults without
    building Settings (settings/defaults.py), its secrets registered as `settings()` does."""
    from settings.defaults import DefaultConfig, without_file

    if not without_file(os.environ):
        return settings().config
    from settings.secret_env import secret_values

    for secret in secret_values(os.environ):
        register_secret(secret)
    return DefaultConfig()


def reset() -> None:
    """Forget cached settings (tests change the environment between commands)."""
    settings.cache_clear()
    database_url.cache_clear()
    reading_config.cache_clear()


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def open_database(url: str | None = None, *, quiet: bool = False) -> Engine:
    """The engine, upgraded to the current schema first (and saying so) when needed."""
    engine = make_engine(url or database_url())
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
