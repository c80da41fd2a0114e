"""Whether a database changed since something was read from it: one marker per engine.

The dashboard's per-process views of stored figures (the growth chart's follower index, the
free-press page's kept press) are never stale: before every read they compare this marker with
the one they loaded under, and start over when it moved.
- SQLite: `PRAGMA data_version` on a connection of its own, which changes whenever another
  connection commits (the value is per connection, so it is always asked on that one);
- PostgreSQL: the server's current snapshot (`pg_current_snapshot()`: the oldest running
  transaction, the next one, those in progress), which changes whenever any transaction that
  writes begins or ends, anywhere on the server;
- anything else (an in-memory SQLite, another database): no marker, and no view (`PerEngine`
  gives None): the statements as before.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine
from sqlalchemy.pool import StaticPool

T = TypeVar("T")


class ChangeMarker:
    """One engine's change marker; holds the engine weakly (its view lives as long as it)."""

    def __init__(self, engine: Engine) -> None:
        self._engine_ref = weakref.ref(engine)
        self._own: Any = None  # SQLite: the connection that asks for data_version

    @property
    def engine(self) -> Engine:
        engine = self._engine_ref()
        if engine is None:  # views are only reachable through PerEngine, keyed by the engine
            raise RuntimeError("the engine of this view is gone")
        return engine

    def read(self) -> object:
        engine = self.engine
        if engine.dialect.name == "postgresql":
            with engine.connect() as connection:
                return connection.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar()
        if self._own is None:
            # Out of the pool for good: the value only means something on one connection.
            raw = engine.raw_connection()
            raw.detach()
            self._own = raw
        cursor = self._own.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return cursor.fetchone()[0]
        finally:
            cursor.close()


def has_marker(engine: Engine) -> bool:
    if engine.dialect.name == "postgresql":
        return True
    database = engine.url.database or ""
    # An in-memory or shared-connection SQLite has no second connection to ask.
    return (
        engine.dialect.name == "sqlite"
        and database not in ("", ":memory:")
        and "mode=memory" not in database
        and not isinstance(engine.pool, StaticPool)
    )


class PerEngine(Generic[T]):
    """One view per engine with a change marker, made on first use, dropped with the engine."""

    def __init__(self, make: Callable[[Engine], T]) -> None:
        self._make = make
        self._views: weakref.WeakKeyDictionary[Engine, T] = weakref.WeakKeyDictionary()
        self._guard = threading.Lock()

    def get(self, engine: Engine) -> T | None:
        if not has_marker(engine):
            return None
        with self._guard:
            found = self._views.get(engine)
            if found is None:
                found = self._views[engine] = self._make(engine)
            return found
