"""Alembic migrations run from code: `pulso db upgrade` and the automatic upgrade on start."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.schema import SchemaItem

from collectors.redact import registered_secrets

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine, secrets: Iterable[str] = ()) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    # Revision 0003 replaces these values wherever they rest in stored answers.
    config.attributes["secrets"] = tuple(secrets)
    return config


def for_dialect(
    dialect: str,
) -> Callable[[SchemaItem, str | None, str, bool, SchemaItem | None], bool]:
    """Alembic's `include_object` for one database: leaves out of the comparison a model
    object declared with `.ddl_if(dialect=...)` for another (Alembic does not read `ddl_if`)."""

    def include(
        item: SchemaItem, name: str | None, kind: str, reflected: bool, other: SchemaItem | None
    ) -> bool:
        # `_ddl_if` is where SQLAlchemy keeps `.ddl_if(...)`; a reflected object has none.
        only = getattr(item, "_ddl_if", None)
        return reflected or only is None or only.dialect in (None, dialect)

    return include


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision(engine)


def upgrade(
    engine: Engine, *, secrets: Iterable[str] | None = None
) -> tuple[str | None, str | None]:
    """Upgrade to head; returns (revision before, revision after).

    `secrets`: credential values to scrub from stored data; by default those the process
    registered (the CLI and the flows register the configured ones before upgrading).
    """
    before = current_revision(engine)
    values = registered_secrets() if secrets is None else secrets
    command.upgrade(alembic_config(engine, values), "head")
    return before, current_revision(engine)
