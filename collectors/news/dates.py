"""Publication times from the many ways pages and feeds write them.

A time without a zone is local time of the outlet (America/Bogota by default): Colombian
outlets routinely print "2026-11-20T07:30:00" meaning Cali time. Date-only values are
midnight of that day in the same zone. Latin American CMSs also write day-first dates
("10/05/2022 05:22 pm" is 10 May) and unpadded ISO parts ("2022-05-6T12:00:00Z").
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

BOGOTA = ZoneInfo("America/Bogota")

_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
_UNPADDED = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])")
_DAY_FIRST = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?\s?m\.?)?)?$",
    re.IGNORECASE,
)


def _pad(value: str) -> str:
    return _UNPADDED.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", value)


def _day_first(value: str) -> datetime | None:
    """dd/mm/yyyy with an optional hh:mm[:ss] and a.m./p.m., as Spanish-language pages write it."""
    found = _DAY_FIRST.match(value)
    if not found:
        return None
    day, month, year, hour, minute, second, half = found.groups()
    hour_n = int(hour or 0)
    if half and hour_n > 12:
        return None
    if half:
        hour_n = hour_n % 12 + (12 if half.lower().startswith("p") else 0)
    try:
        return datetime(int(year), int(month), int(day), hour_n, int(minute or 0), int(second or 0))  # noqa: DTZ001 - zone added by the caller
    except ValueError:
        return None


def _iso(value: str) -> datetime | None:
    value = _pad(value.strip())
    text = value.replace(" ", "T", 1) if "T" not in value else value.strip()
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
    parsed = _iso(value) if value[:4].isdigit() else _day_first(value) or _rfc822(value)
    if parsed is None:
        parsed = _rfc822(value) if value[:4].isdigit() else _iso(value)
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)
