"""Race-free get-or-create: insert the row unless its unique key is stored, then read it.

Two collections at once (a manual `pulso collect` during the night's) each find no row for a
new account, and the second insert used to fail with a UNIQUE violation. `INSERT ... ON CONFLICT
DO NOTHING` lets the database settle it: whoever comes second inserts nothing (on PostgreSQL it
first waits for the other transaction), and both then read the one row. SQLite and PostgreSQL
spell it the same way through their dialects' `insert`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import DeclarativeBase, Session

Row = TypeVar("Row", bound=DeclarativeBase)


def _dialect_insert(dialect: str) -> Any:
    # The dialects' modules load on the first write: commands that only read skip them.
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    from sqlalchemy.dialects import sqlite

    return sqlite.insert


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"get-or-create is written for SQLite and PostgreSQL: {dialect}")
    return _dialect_insert(dialect)


def insert_missing(
    session: Session, model: type[Row], rows: Sequence[Mapping[str, Any]], key: Sequence[str]
) -> None:
    """Insert the rows whose `key` columns (a unique constraint) are not stored yet."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect not in ("postgresql", "sqlite"):
        raise NotImplementedError(
            f"get-or-create is written for SQLite and PostgreSQL, not {dialect}"
        )
    insert = _dialect_insert(dialect)
    session.execute(insert(model).on_conflict_do_nothing(index_elements=list(key)), list(rows))


def ensure_row(session: Session, model: type[Row], key: Mapping[str, Any], **defaults: Any) -> Row:
    """The row with `key`, created with `defaults` when missing (by this or another session)."""
    insert_missing(session, model, [{**key, **defaults}], list(key))
    return session.scalars(select(model).filter_by(**key)).one()


def insert_new(session: Session, model: type[Row], values: Mapping[str, Any]) -> Any:
    """Insert one row unless it clashes with a stored one on any unique key; its id, or None."""
    statement = _insert(session)(model).values(dict(values)).on_conflict_do_nothing()
    return session.execute(statement.returning(model.id)).scalar_one_or_none()  # type: ignore[attr-defined]
