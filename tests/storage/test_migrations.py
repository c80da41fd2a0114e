"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from storage.db import make_engine
from storage.migrate import current_revision, for_dialect, head_revision, needs_upgrade, upgrade
from storage.models import Base


def test_upgrade_from_empty_reaches_head_with_every_table(any_engine: Engine) -> None:
    assert current_revision(any_engine) == head_revision(any_engine)
    tables = set(inspect(any_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_models_and_migrations_agree(any_engine: Engine) -> None:
    with any_engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": for_dialect(connection.dialect.name)},
        )
        assert compare_metadata(context, Base.metadata) == []


def test_empty_database_needs_upgrade_and_upgrade_is_repeatable(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert needs_upgrade(engine)
    assert upgrade(engine) == (None, head_revision(engine))
    assert upgrade(engine) == (head_revision(engine), head_revision(engine))
    assert not needs_upgrade(engine)


def test_sqlite_runs_with_wal_and_foreign_keys(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_each_database_has_its_own_clip_index(any_engine: Engine) -> None:
    # SQLite: the covering index a valuation walks; PostgreSQL: the air date alone, since a
    # B-tree entry over ~2.7 kB (a long title) would make the import fail there.
    names = {index["name"] for index in inspect(any_engine).get_indexes("clips")}
    if any_engine.dialect.name == "sqlite":
        assert "ix_clips_valuation" in names and "ix_clips_aired_on" not in names
    else:
        assert "ix_clips_aired_on" in names and "ix_clips_valuation" not in names
