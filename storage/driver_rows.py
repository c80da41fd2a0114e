"""A query's rows as the database driver returns them, for the few reads where SQLAlchemy's
Row objects and per-value processing cost more than the work done with each row (`pulso
valuate` over a million clips, the dashboard's counted free press)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select

from storage.core import connection_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Processor = Callable[[Any], Any] | None
_cursors = itertools.count()


@contextmanager
def driver_rows(
    session: Session | Connection, query: Select[Any], batch: int
) -> Iterator[tuple[list[Processor], Iterator[Sequence[Any]]]]:
    """`query`'s rows, `batch` at a time, with the conversion SQLAlchemy would apply to each
    column (None: the value as it is; on SQLite, ISO text to a date and REAL to a Decimal of the
    column's scale), for the caller to apply where, and as rarely as, it needs to.
    Server-side on PostgreSQL, so memory stays flat."""
    connection = connection_of(session)
    dialect = connection.dialect
    # The dates are the only bound values: rendered as literals, the statement needs no
    # driver-specific parameter style.
    sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    driver = connection.connection.dbapi_connection
    assert driver is not None
    if dialect.name == "postgresql":
        cursor = driver.cursor(name=f"pulso_rows_{next(_cursors)}")
    else:
        cursor = driver.cursor()
    try:
        cursor.execute(sql)
        processors: list[Processor] = [
            column.type.dialect_impl(dialect).result_processor(dialect, described[1])
            for column, described in zip(query.selected_columns, cursor.description, strict=True)
        ]
        yield processors, iter(lambda: list(cursor.fetchmany(batch)), [])
    finally:
        cursor.close()
