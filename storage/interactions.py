"""What a post's interactions, impressions and views are, per platform: one definition.

Each platform declares which stored metrics are its interactions (collectors/<platform>/
platform.py: Facebook reactions + comments + shares, Instagram likes + comments, X likes +
replies + reposts + quotes, YouTube likes + comments, TikTok likes + comments + shares) and
which stored metric holds impressions or views, where it gives them. The sum counts the known
parts and is None (NULL in SQL) when none is known: a hidden count is never a zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, null

from collectors import registry

Reach = Literal["impressions", "views"]


def interaction_fields(platform: str) -> tuple[str, ...]:
    found = registry.BY_NAME.get(platform)
    return found.interactions if found is not None else ()


def reach_field(platform: str, kind: Reach) -> str | None:
    found = registry.BY_NAME.get(platform)
    return getattr(found, kind) if found is not None else None


def interactions(platform: str, metrics: Mapping[str, int | None]) -> int | None:
    """One post's interactions from its metrics by name (missing names count as unknown)."""
    known = [metrics.get(name) for name in interaction_fields(platform)]
    values = [value for value in known if value is not None]
    return sum(values) if values else None


def reach(platform: str, kind: Reach, metrics: Mapping[str, int | None]) -> int | None:
    name = reach_field(platform, kind)
    return metrics.get(name) if name else None


def _sum_sql(columns: list[Any]) -> ColumnElement[Any]:
    if not columns:
        return null()
    # Unknown parts count as nothing; all unknown is NULL (the sum above is NULL then too).
    known = [case((c.is_(None), 0), else_=c) for c in columns]
    summed: ColumnElement[Any] = known[0]
    for part in known[1:]:
        summed = summed + part
    all_null = and_(*(c.is_(None) for c in columns))
    return case((all_null, null()), else_=summed)


def interactions_sql(platform: Any, snapshot: Any) -> ColumnElement[Any]:
    """The same rule in SQL: `snapshot` is PostMetricSnapshot or an alias of it."""
    whens = {
        p.name: _sum_sql([getattr(snapshot, name) for name in p.interactions])
        for p in registry.PLATFORMS
    }
    return case(whens, value=platform, else_=null())


def reach_sql(platform: Any, snapshot: Any, kind: Reach) -> ColumnElement[Any]:
    whens = {
        p.name: getattr(snapshot, field) if (field := getattr(p, kind)) else null()
        for p in registry.PLATFORMS
    }
    return case(whens, value=platform, else_=null())


def gives(platform: str, kind: Reach | Literal["interactions"]) -> bool:
    """Whether the platform gives this measure at all (else it is NULL, never 0)."""
    if kind == "interactions":
        return bool(interaction_fields(platform))
    return reach_field(platform, kind) is not None
