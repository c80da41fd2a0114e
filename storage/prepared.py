"""Statements defined once, compiled once per dialect and run on the driver's cursor (issue 17).

The dashboard's mentions page read six small statements through SQLAlchemy on every request:
building each select (its joins and conditions), computing its cache key and wrapping every row
cost several times what the database spent answering them. A `Prepared` holds one statement,
built once with bound parameters where a request's values go; it is compiled once per dialect
(SQLAlchemy's own compiler: the same SQL Core would send) and run on the DBAPI cursor with the
columns' own bind and result conversions, so its rows hold exactly the values Core reads.
A statement whose compiled form is only final at execution (expanding IN lists, literal-rendered
parameters) runs through Core instead.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.elements import BindParameter

Convert = Callable[[Any], Any]


@dataclass
class _Compiled:
    sql: str
    positional: bool
    # (name, value given with the statement or None when the caller gives it, bind conversion)
    binds: tuple[tuple[str, Any, Convert | None], ...]
    # The columns read through a conversion, known at the first execution: some drivers'
    # conversions depend on the type the database says a column has (its cursor description).
    converted: tuple[tuple[int, Convert], ...] | None = None

    def parameters(self, values: dict[str, Any]) -> Sequence[Any] | dict[str, Any]:
        converted = []
        for name, given, convert in self.binds:
            value = values[name] if name in values else given
            converted.append(convert(value) if convert is not None else value)
        if self.positional:
            return converted
        return {name: value for (name, _, _), value in zip(self.binds, converted, strict=True)}


class Prepared:
    """`statement` (a select, or a union of selects), run as `rows(connection, **values)`."""

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._compiled: weakref.WeakKeyDictionary[Dialect, _Compiled | None]
        self._compiled = weakref.WeakKeyDictionary()

    def rows(self, connection: Connection, **values: Any) -> list[tuple[Any, ...]]:
        dialect = connection.dialect
        try:
            compiled = self._compiled[dialect]
        except KeyError:
            compiled = self._compiled[dialect] = _compile(self.statement, dialect)
        if compiled is None:
            return [tuple(row) for row in connection.execute(self.statement, values)]
        cursor = connection.connection.cursor()
        try:
            cursor.execute(compiled.sql, compiled.parameters(values))
            found = cast(list[tuple[Any, ...]], cursor.fetchall())  # the drivers give tuples
            if compiled.converted is None:
                compiled.converted = _converters(self.statement, dialect, cursor.description)
        finally:
            cursor.close()
        converters = compiled.converted
        if not converters:
            return found
        converted = []
        for row in found:
            values_read = list(row)
            for index, convert in converters:
                values_read[index] = convert(values_read[index])
            converted.append(tuple(values_read))
        return converted


def _compile(statement: ClauseElement, dialect: Dialect) -> _Compiled | None:
    compiled: Any = statement.compile(dialect=dialect)
    if compiled.literal_execute_params or compiled.post_compile_params:
        return None  # its SQL depends on the values: Core renders it per execution
    names: list[str] = list(compiled.positiontup) if compiled.positional else list(compiled.binds)
    binds = []
    for name in names:
        bind: BindParameter[Any] = compiled.binds[name]
        given = bind.effective_value if not bind.required else None
        binds.append((name, given, bind.type.dialect_impl(dialect).bind_processor(dialect)))
    return _Compiled(compiled.string, bool(compiled.positional), tuple(binds))


def _converters(
    statement: Any, dialect: Dialect, description: Sequence[Sequence[Any]]
) -> tuple[tuple[int, Convert], ...]:
    """Each column's conversion as Core applies it, given the type the driver described."""
    found = []
    for index, (column, described) in enumerate(
        zip(statement.selected_columns, description, strict=True)
    ):
        convert = column.type.dialect_impl(dialect).result_processor(dialect, described[1])
        if convert is not None:
            found.append((index, convert))
    return tuple(found)
