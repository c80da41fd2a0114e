"""Steps for follower figures: backfill import and growth queries (shared by CLI and flows)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from storage.db import transaction
from storage.growth import Growth, growth

if TYPE_CHECKING:  # the ORM side (imports): `pulso growth` reads through Core alone
    from storage.followers import UpsertCounts
    from storage.models import ImportBatch


@dataclass(frozen=True, slots=True)
class ImportSummary:
    file: str
    rows: int
    counts: UpsertCounts


def record_batch(session_kind: str, path: Path, rows: int, counts: UpsertCounts) -> ImportBatch:
    from storage.models import ImportBatch

    return ImportBatch(
        kind=session_kind,
        file_name=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        rows=rows,
        added=counts.added,
        replaced=counts.replaced,
        unchanged=counts.unchanged,
        imported_at=datetime.now(UTC),
    )


def import_followers(engine: Engine, path: Path) -> ImportSummary:
    """Validate the whole file, then write it in one transaction (or raise ImportRejected)."""
    from importers.followers import read_follower_file  # the reader: not for `pulso growth`
    from storage.followers import upsert_imported_followers

    figures = read_follower_file(path)
    with transaction(engine) as session:
        counts = upsert_imported_followers(session, figures)
        session.add(record_batch("followers", path, len(figures), counts))
    return ImportSummary(file=str(path), rows=len(figures), counts=counts)


def growth_report(
    engine: Engine,
    *,
    platform: str | None = None,
    account: str | None = None,
    from_: date | None = None,
    to: date | None = None,
) -> list[Growth]:
    with engine.connect() as connection:
        return growth(connection, platform=platform, account=account, from_=from_, to=to)
