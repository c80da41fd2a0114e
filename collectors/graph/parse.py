"""Graph API payloads both Facebook and Instagram read: paging cursors and token inspection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from collectors.fields import as_count, dig, require, text_or_none


def next_after(payload: Any) -> str | None:
    """The `after` cursor of `paging.next`; None on the last page (no `next`)."""
    next_url = dig(payload, "paging.next")
    if not isinstance(next_url, str):
        return None
    after = parse_qs(urlsplit(next_url).query).get("after")
    return after[0] if after else text_or_none(dig(payload, "paging.cursors.after"))


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """`/debug_token`: whether the Meta token works and when it (or its data access) expires."""

    valid: bool
    expires_at: datetime | None  # None: never expires (Page and system-user tokens)
    data_access_expires_at: datetime | None
    scopes: tuple[str, ...]
    problem: str | None


def _epoch(value: Any) -> datetime | None:
    seconds = as_count(value)
    return datetime.fromtimestamp(seconds, UTC) if seconds else None


def parse_debug_token(payload: Any) -> TokenInfo:
    data = require(payload, "data", "meta debug_token")
    return TokenInfo(
        valid=dig(data, "is_valid") is True,
        # Meta sends expires_at = 0 for tokens that do not expire.
        expires_at=_epoch(dig(data, "expires_at")),
        data_access_expires_at=_epoch(dig(data, "data_access_expires_at")),
        scopes=tuple(str(s) for s in dig(data, "scopes") or []),
        problem=text_or_none(dig(data, "error.message")),
    )
