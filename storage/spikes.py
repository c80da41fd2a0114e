"""Coverage spikes that were alerted: one row per (key, day), so an alert goes out once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Date, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Spike
from storage.prepared import Prepared


def claim_spike(
    session: Session,
    *,
    key: str,
    day: date,
    count: int,
    mean: float,
    sd: float,
    stories: list[dict[str, Any]] | None = None,
    now: datetime | None = None,
) -> bool:
    """Record the spike; False when (key, day) is already recorded (it was alerted before).

    The unique constraint decides, so two runs of the same night cannot both alert.
    """
    if session.scalars(select(Spike.id).where(Spike.key == key, Spike.day == day)).first():
        return False
    row = Spike(
        key=key,
        day=day,
        count=count,
        mean=mean,
        sd=sd,
        stories=stories,
        alerted_at=now or datetime.now(UTC),
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def spikes_between(session: Session, start: date, end: date) -> list[Spike]:
    """Spikes of days `start`..`end` (inclusive), by day then key."""
    return list(
        session.scalars(
            select(Spike).where(Spike.day.between(start, end)).order_by(Spike.day, Spike.key)
        )
    )


@dataclass(frozen=True, slots=True)
class SpikeFigures:
    """What a spike's one-line summary reads (reports.spikes.SpikeLike), without its stories."""

    key: str
    day: date
    count: int
    mean: float
    sd: float


# The mentions page reads it on every request (nearly always finding none): built once.
_FIGURES_BETWEEN = Prepared(
    select(Spike.key, Spike.day, Spike.count, Spike.mean, Spike.sd)
    .where(Spike.day.between(bindparam("start", type_=Date), bindparam("end", type_=Date)))
    .order_by(Spike.day, Spike.key)
)


def spike_figures_between(connection: Connection, start: date, end: date) -> list[SpikeFigures]:
    """`spikes_between`'s spikes as their figures, in the same order."""
    return [SpikeFigures(*row) for row in _FIGURES_BETWEEN.rows(connection, start=start, end=end)]
