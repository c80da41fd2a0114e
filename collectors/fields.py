"""Pure helpers for reading platform payloads: required fields, counts, timestamps.

A required field that is absent means the platform changed the payload's shape: that is a
`BadPayload` naming the field, never a silent zero. An optional count that is absent is None.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from collectors.errors import BadPayload

_MISSING = object()


def dig(payload: Any, path: str, default: Any = None) -> Any:
    """The value at a dotted path ('data.user.follower_count'), or `default`."""
    current = payload
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return default
        current = current[part]
    return current


def require(payload: Any, path: str, where: str) -> Any:
    """The value at `path`; BadPayload naming the field when the payload lacks it."""
    value = dig(payload, path, _MISSING)
    if value is _MISSING or value is None:
        raise BadPayload(f"{where}: the payload has no '{path}'; the API may have changed")
    return value


def require_list(payload: Any, path: str, where: str) -> list[Any]:
    value = require(payload, path, where)
    if not isinstance(value, list):
        raise BadPayload(f"{where}: '{path}' should be a list, got {type(value).__name__}")
    return value


def as_count(value: Any) -> int | None:
    """A count from an int or a digit string (YouTube sends strings); None if absent or odd."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def count_at(payload: Any, path: str) -> int | None:
    return as_count(dig(payload, path))


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 ('...Z', '...+0000', '.000Z') or Unix seconds, as an aware UTC datetime."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-3] != ":":
        text = text[:-2] + ":" + text[-2:]  # Graph's '+0000' -> '+00:00'
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
