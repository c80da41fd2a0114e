"""Column types shared by the models (storage/models.py) and the Core views (storage/core.py).

Apart from the models so that a Core read path gets the same bind and result processing
without importing the ORM.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps stored as UTC and read back timezone-aware on every database.

    SQLite keeps no offset: an aware Bogotá time stored as-is would come back five hours off.
    Converting at this one boundary keeps every repository function free of that concern.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value  # already UTC by this codebase's convention
        return (
            value.astimezone(UTC).replace(tzinfo=None)
            if dialect.name == "sqlite"
            else value.astimezone(UTC)
        )

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
