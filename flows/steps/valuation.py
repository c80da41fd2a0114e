"""Steps for free-press valuation: import rate cards and clip logs, value a period.

Shared by the CLI, the flows and the reports; plain functions over an engine.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from flows.steps.followers import ImportSummary, record_batch
from storage import coverage_reads
from storage.coverage_reads import load_rates, stream_days, value_days
from storage.db import transaction
from valuation.estimates import Estimate, monitored_share, per_broadcast
from valuation.free_press import UnvaluedItem, Valuation, ValuedItem


@dataclass(frozen=True, slots=True)
class RatesImport:
    summary: ImportSummary
    removed: int  # stored rows superseded under --replace


def import_rates(engine: Engine, path: Path, *, replace: bool = False) -> RatesImport:
    """Validate the file and its periods against the stored ones, then write it all or nothing.

    `replace`: the file is the whole card for each outlet, program and unit it lists; stored
    rows of those cards that the file no longer has are removed (how a period's start moves).
    """
    from importers.rates import conflicts_with_stored, read_rate_card  # imports only
    from storage.rates import remove_superseded, upsert_rates  # the ORM: writing only

    table, rates, rows = read_rate_card(path)
    with transaction(engine) as session:
        stored = [
            dataclasses.replace(rate, ref=f"stored rate #{rate_id} from {rate.ref}")
            for rate_id, rate in load_rates(session)
        ]
        table.reject_if(conflicts_with_stored(str(path), rates, rows, stored, replace=replace))
        removed = remove_superseded(session, rates) if replace else 0
        counts = upsert_rates(session, rates, source_file=str(path), rows=rows)
        session.add(record_batch("rates", path, len(rates), counts))
    return RatesImport(ImportSummary(file=str(path), rows=len(rates), counts=counts), removed)


def import_clips(engine: Engine, path: Path) -> ImportSummary:
    """Validate the whole log, then add the clips not stored yet in one transaction."""
    from importers.clips import read_clip_file  # the reader: not for `pulso valuate`
    from storage.clips import upsert_clips  # the ORM: writing only

    clips = read_clip_file(path)
    with transaction(engine) as session:
        counts = upsert_clips(session, clips, source_file=str(path))
        session.add(record_batch("clips", path, len(clips), counts))
    return ImportSummary(file=str(path), rows=len(clips), counts=counts)


def stored_period(engine: Engine) -> tuple[date | None, date | None]:
    """First and last day with a clip or a dated mention: the default period to value."""
    with engine.connect() as connection:
        return coverage_reads.stored_period(connection)


def value_period(
    engine: Engine, start: date, end: date, *, iva_rate: Decimal, tz: ZoneInfo
) -> Valuation:
    """Value every clip and web mention of [start, end]; `tz` is the configured zone."""
    with engine.connect() as connection:  # Core reads: no ORM session to build
        return value_days(connection, start, end, iva_rate=iva_rate, tz=tz)


def stream_period(
    engine: Engine,
    start: date,
    end: date,
    *,
    iva_rate: Decimal,
    tz: ZoneInfo,
    valued: Callable[[ValuedItem], None],
    unvalued: Callable[[UnvaluedItem], None],
) -> Valuation:
    """`value_period` for outputs written item by item (`pulso valuate --format json|csv`):
    the items go to `valued`/`unvalued` as they are read; memory stays flat however many."""
    with engine.connect() as connection:  # Core reads: no ORM session to build
        return stream_days(
            connection, start, end, iva_rate=iva_rate, tz=tz, valued=valued, unvalued=unvalued
        )


def estimates(
    valuation: Valuation, *, broadcasts: int | None = None, share_pct: Decimal | None = None
) -> list[Estimate]:
    """The projections asked for, apart from the measured total (ValueError when impossible)."""
    found = []
    if broadcasts is not None:
        found.append(per_broadcast(valuation, broadcasts))
    if share_pct is not None:
        found.append(monitored_share(valuation, share_pct))
    return found
