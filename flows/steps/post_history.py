"""History from before Pulso: `pulso import posts` (exports) — shared by the CLI and flows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from collectors.records import Platform
from flows.steps.followers import record_batch
from importers.posts import Defaults, KnownAccount, as_of_moment, read_post_file
from storage.db import transaction
from storage.followers import UpsertCounts
from storage.post_history import store_imported_posts


@dataclass(frozen=True, slots=True)
class PostImportSummary:
    file: str
    format: str
    rows: int
    skipped: int
    day: date
    counts: UpsertCounts


def import_posts(
    engine: Engine,
    path: Path,
    *,
    zone: ZoneInfo,
    known: Sequence[KnownAccount] = (),
    platform: Platform | None = None,
    account: str | None = None,
    as_of: date | None = None,
    now: datetime | None = None,
) -> PostImportSummary:
    """Validate the whole file, then write posts and one snapshot of their counts dated `as_of`
    (the export's day; default today in `zone`) in one transaction, or raise ImportRejected."""
    moment = now or datetime.now(UTC)
    day = as_of or moment.astimezone(zone).date()
    fetched_at = min(moment, as_of_moment(day, zone))
    defaults = Defaults(
        platform=platform,
        account=account,
        known=tuple(known),
    )
    parsed = read_post_file(path, zone=zone, defaults=defaults, fetched_at=fetched_at)
    with transaction(engine) as session:
        counts = store_imported_posts(session, parsed.posts, day=day)
        session.add(record_batch("posts", path, len(parsed.posts), counts))
    return PostImportSummary(
        file=str(path),
        format=parsed.format,
        rows=len(parsed.posts),
        skipped=parsed.skipped,
        day=day,
        counts=counts,
    )
