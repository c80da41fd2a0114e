"""Pure helpers for reading platform payloads: required fields, counts, timestamps.

A required field that is absent means the platform changed the payload's shape: that is a
`BadPayload` naming the field, never a silent zero. A count that is present must be a whole
number >= 0 (`count`, `optional_count`): "muchos", {}, -3, true or 12.5 fail the source
loudly instead of being stored as unknown with status ok. Only what a platform documents as
hidden or unavailable becomes None, and the parser says so in the record's note.
"""

from __future__ import annotations

import json
import re
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
    """Lenient: for figures that are not counts (expiry instants, `expires_in`)."""
    return as_count(dig(payload, path))


_DIGITS = re.compile(r"[0-9]+")
_SHOWN = 40


def shown(value: Any) -> str:
    """What came, as JSON and truncated: an error names it without quoting a whole payload."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except ValueError:
        text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def whole_number(value: Any, path: str, where: str, *, digit_strings: bool = False) -> int:
    """A present count: an int >= 0 (or "14800" where the platform sends strings).

    Booleans are not counts (JSON `true` is an int in Python) and neither is 12.0: no
    platform documents fractional counts, so one means the payload is not what we read.
    """
    if type(value) is int and value >= 0:
        return value
    if digit_strings and isinstance(value, str) and _DIGITS.fullmatch(value):
        return int(value)
    raise BadPayload(f"{where}: {path}: expected a whole number >= 0, got {shown(value)}")


def count(payload: Any, path: str, where: str, *, digit_strings: bool = False) -> int:
    """A count the request asked for: missing, null or malformed is BadPayload."""
    value = dig(payload, path, _MISSING)
    if value is _MISSING:
        raise BadPayload(f"{where}: {path}: missing from the answer; the API may have changed")
    return whole_number(value, path, where, digit_strings=digit_strings)


def optional_count(
    payload: Any, path: str, where: str, *, digit_strings: bool = False
) -> int | None:
    """A count the platform documents as sometimes absent: None when absent, else strict."""
    value = dig(payload, path, _MISSING)
    if value is _MISSING:
        return None
    return whole_number(value, path, where, digit_strings=digit_strings)


def joined(*notes: str | None) -> str | None:
    """A record's note: what was documented-unavailable, in one line; None when nothing."""
    present = [note for note in notes if note]
    return "; ".join(present) if present else None


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
