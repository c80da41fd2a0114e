"""Publication times from the many ways pages and feeds write them.

A time without a zone is local time of the outlet (America/Bogota by default): Colombian
outlets routinely print "2026-11-20T07:30:00" meaning Cali time. Date-only values are
midnight of that day in the same zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

BOGOTA = ZoneInfo("America/Bogota")

_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


def _iso(value: str) -> datetime | None:
    text = value.strip().replace(" ", "T", 1) if "T" not in value else value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = _COMPACT_OFFSET.sub(r"\1:\2", text) if re.search(r"T.*[+-]\d{4}$", text) else text
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.combine(date.fromisoformat(value.strip()[:10]), time())
    except ValueError:
        return None


def _rfc822(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    # email.utils marks "-0000" (zone unknown) as naive, which is what we want here.
    return parsed


def parse_datetime(value: str | None, tz: tzinfo = BOGOTA) -> datetime | None:
    """An aware datetime, or None when `value` is missing or unreadable (never a guess)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    parsed = _iso(value) if value[:4].isdigit() else _rfc822(value)
    if parsed is None:
        parsed = _rfc822(value) if value[:4].isdigit() else _iso(value)
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)
