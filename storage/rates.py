"""Rate cards: idempotent upserts keyed on (outlet, program, unit, valid_from), and loading."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.followers import UpsertCounts
from storage.models import Outlet, RateCard
from storage.outlets import ensure_outlet
from valuation.rate_cards import Rate


def remove_superseded(session: Session, rates: Sequence[Rate]) -> int:
    """Delete stored rows of the listed (outlet, program, unit) cards that `rates` no longer has."""
    groups = {(r.outlet_key, r.program_key, r.unit) for r in rates}
    keep = {(r.outlet_key, r.program_key, r.unit, r.valid_from) for r in rates}
    stored = session.execute(
        select(RateCard, Outlet.name_key).join(Outlet, RateCard.outlet_id == Outlet.id)
    )
    doomed = [
        card
        for card, outlet_key in stored
        if (outlet_key, card.program_key, card.unit) in groups
        and (outlet_key, card.program_key, card.unit, card.valid_from) not in keep
    ]
    for card in doomed:
        session.delete(card)
    session.flush()
    if doomed:
        _rates_changed(session)
    return len(doomed)


def _changes(card: RateCard, rate: Rate) -> dict[str, object]:
    wanted = {
        "price_cop": rate.price_cop,
        "valid_to": rate.valid_to,
        "medium": rate.medium,
        "program": rate.program,
    }
    return {name: value for name, value in wanted.items() if getattr(card, name) != value}


def upsert_rates(
    session: Session, rates: Sequence[Rate], *, source_file: str, rows: Mapping[str, int]
) -> UpsertCounts:
    """Add new rows; a row with the same key and another price or end date replaces it.

    `rows` gives each rate's spreadsheet row by ref, kept so breakdowns can name it.
    """
    added = replaced = unchanged = 0
    now = datetime.now(UTC)
    for rate in rates:
        outlet = ensure_outlet(session, name=rate.outlet, medium=rate.medium)
        card = session.scalars(
            select(RateCard).where(
                RateCard.outlet_id == outlet.id,
                RateCard.program_key == rate.program_key,
                RateCard.unit == rate.unit,
                RateCard.valid_from == rate.valid_from,
            )
        ).one_or_none()
        row = rows[rate.ref]
        if card is None:
            session.add(_new_card(outlet.id, rate, Path(source_file).name, row, now))
            added += 1
            continue
        changes = _changes(card, rate)
        if changes:
            for name, value in changes.items():
                setattr(card, name, value)
            card.source_file, card.source_row, card.imported_at = Path(source_file).name, row, now
            replaced += 1
        else:
            unchanged += 1
    session.flush()
    if added or replaced:
        _rates_changed(session)
    return UpsertCounts(added=added, replaced=replaced, unchanged=unchanged)


def _rates_changed(session: Session) -> None:
    """The free press the dashboard sums is valued again in this same transaction."""
    from storage.free_press_days import rates_changed  # it loads rates through this module

    rates_changed(session)


def _new_card(outlet_id: int, rate: Rate, file: str, row: int, now: datetime) -> RateCard:
    return RateCard(
        outlet_id=outlet_id,
        program=rate.program,
        program_key=rate.program_key,
        medium=rate.medium,
        unit=rate.unit,
        price_cop=rate.price_cop,
        valid_from=rate.valid_from,
        valid_to=rate.valid_to,
        source_file=file,
        source_row=row,
        imported_at=now,
    )
