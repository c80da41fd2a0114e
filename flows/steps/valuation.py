"""Steps for free-press valuation: import rate cards and clip logs, value a period.

Shared by the CLI, the flows and the reports; plain functions over an engine.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select

from flows.steps.followers import ImportSummary, record_batch
from importers.clips import read_clip_file
from importers.rates import conflicts_with_stored, read_rate_card
from storage.clips import coverage_items, upsert_clips
from storage.db import session_factory, transaction
from storage.models import Article, Mention
from storage.models import Clip as ClipRow
from storage.rates import load_rates, rate_index, remove_superseded, upsert_rates
from valuation.estimates import Estimate, monitored_share, per_broadcast
from valuation.free_press import (
    DEFAULT_IVA_RATE,
    CoverageItem,
    Valuation,
    ValuedItem,
    value_coverage,
)

BOGOTA = ZoneInfo("America/Bogota")


@dataclass(frozen=True, slots=True)
class RatesImport:
    summary: ImportSummary
    removed: int  # stored rows superseded under --replace


def import_rates(engine: Engine, path: Path, *, replace: bool = False) -> RatesImport:
    """Validate the file and its periods against the stored ones, then write it all or nothing.

    `replace`: the file is the whole card for each outlet, program and unit it lists; stored
    rows of those cards that the file no longer has are removed (how a period's start moves).
    """
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
    clips = read_clip_file(path)
    with transaction(engine) as session:
        counts = upsert_clips(session, clips, source_file=str(path))
        session.add(record_batch("clips", path, len(clips), counts))
    return ImportSummary(file=str(path), rows=len(clips), counts=counts)


def stored_period(engine: Engine) -> tuple[date | None, date | None]:
    """First and last day with a clip or a dated mention: the default period to value."""
    with session_factory(engine)() as session:
        clips = session.execute(select(func.min(ClipRow.aired_on), func.max(ClipRow.aired_on)))
        first, last = clips.one()
        mentions = session.execute(
            select(func.min(Article.published_day), func.max(Article.published_day)).join(
                Mention, Mention.article_id == Article.id
            )
        ).one()
    days_first = [d for d in (first, mentions[0]) if d is not None]
    days_last = [d for d in (last, mentions[1]) if d is not None]
    return (min(days_first) if days_first else None, max(days_last) if days_last else None)


def value_period(
    engine: Engine,
    start: date,
    end: date,
    *,
    iva_rate: Decimal = DEFAULT_IVA_RATE,
    tz: ZoneInfo = BOGOTA,
) -> Valuation:
    """Value every clip and web mention of [start, end] against the stored rate cards."""
    with session_factory(engine)() as session:
        index = rate_index(session)
        items = coverage_items(session, start, end, tz)
    return value_coverage(items, index, start=start, end=end, iva_rate=iva_rate)


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


def valuation_json(valuation: Valuation, found: list[Estimate] | None = None) -> dict[str, Any]:
    """The contract's JSON shape (design.md, Interface v1): money as integer pesos.

    Additive: each item's `rate_row` names the rate-card row that priced it, and `estimates`
    appears only when projections were asked for.
    """
    data: dict[str, Any] = {
        "from": valuation.start.isoformat(),
        "to": valuation.end.isoformat(),
        "currency": "COP",
        "iva_rate": float(valuation.iva_rate),
        "total_before_iva": valuation.total_before_iva,
        "iva": valuation.iva,
        "total_with_iva": valuation.total_with_iva,
        "items": [_item_json(v) for v in valuation.items],
        "unvalued": [{**_identity(u.item), "reason": u.reason} for u in valuation.unvalued],
    }
    if found:
        data["estimates"] = [estimate_json(e) for e in found]
    return data


def _identity(item: CoverageItem) -> dict[str, Any]:
    return {
        "outlet": item.outlet,
        "program": item.program,
        "aired_on": item.aired_on.isoformat(),
        "title": item.title,
    }


def _item_json(valued: ValuedItem) -> dict[str, Any]:
    item, rate = valued.item, valued.rate
    return {
        **_identity(item),
        "seconds": item.seconds,
        "column_cm": _number(item.column_cm),
        "unit": rate.unit,
        "rate": _number(rate.price_cop),  # whole pesos: the importer accepts no cents
        "rate_row": rate.ref,
        "value_before_iva": valued.value_cop,
    }


def _number(value: Decimal | None) -> int | float | None:
    # Column-centimetres are a measure, not money: 35.5 is a fine JSON number.
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def estimate_json(estimate: Estimate) -> dict[str, Any]:
    """An estimate, labelled as such, with the measured figures it extrapolates from."""
    data: dict[str, Any] = {
        "kind": estimate.kind,
        "label": "estimate, not measured; not included in total_before_iva",
        "value_before_iva": estimate.value_cop,
        "basis_before_iva": estimate.basis_cop,
    }
    if estimate.kind == "broadcasts":
        data |= {"broadcasts_measured": estimate.measured, "broadcasts": estimate.factor}
    else:
        data["monitored_share_pct"] = _number(Decimal(estimate.measured))
    return data
