"""Threads API payloads -> records (a platform that exists only in the tests). Pure."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from collectors.errors import BadPayload
from collectors.fields import count, dig, require, require_list, text_or_none
from collectors.records import AccountStats

PROFILE_FIELDS = "id,username,name"
FOLLOWERS_METRIC = "followers_count"


def followers(payload: Any, where: str) -> int:
    """`/{user-id}/threads_insights?metric=followers_count`: `total_value.value`."""
    for metric in require_list(payload, "data", where):
        if dig(metric, "name") == FOLLOWERS_METRIC:
            return count(metric, "total_value.value", f"{where}: {FOLLOWERS_METRIC}")
    raise BadPayload(f"{where}: data: no '{FOLLOWERS_METRIC}' metric in the answer")


def parse_account(profile: Any, insights: Any, handle: str, fetched_at: datetime) -> AccountStats:
    where = f"threads:{handle}"
    return AccountStats(
        platform="threads",
        handle=handle,
        fetched_at=fetched_at,
        platform_id=str(require(profile, "id", f"{where} profile")),
        display_name=text_or_none(dig(profile, "name")),
        followers=followers(insights, f"{where} insights"),
    )
