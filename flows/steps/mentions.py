"""The `pulso mentions` answer read from storage: what the CLI and the dashboard list.

Apart from flows.steps.news (collecting) so that reading mentions never loads the crawler.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from storage.mention_reads import mention_rows

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session


def _local(value: datetime | None, tz: ZoneInfo) -> datetime | None:
    return value.astimezone(tz) if value else None


def mentions_rows(
    session: Session | Connection,
    from_: date | None,
    to: date | None,
    outlet: str | None,
    *,
    tz: ZoneInfo,
    newest_first: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The `pulso mentions` rows: the contract's keys, then where it matched and the story;
    days and times in `tz` (the configured zone); `limit`/`offset` page through them in SQL."""
    return [
        {
            "outlet": row.outlet,
            "medium": row.medium,
            "url": row.url,
            "title": row.title,
            "published_at": _local(row.published_at, tz),
            "matched_terms": row.matched_terms,
            "in_title": row.in_title,
            "in_body": row.in_body,
            "snippet": row.snippet,
            "story_id": row.story_id,
        }
        for row in mention_rows(
            session,
            from_=from_,
            to=to,
            outlet=outlet,
            tz=tz,
            newest_first=newest_first,
            limit=limit,
            offset=offset,
        )
    ]
