"""This year against last year over the same dates, per account (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pulso.dashboard.params import same_day_last_year
from storage.growth import Growth


@dataclass(frozen=True, slots=True)
class Periods:
    start: date
    end: date
    prev_start: date
    prev_end: date


@dataclass(frozen=True, slots=True)
class Compared:
    platform: str
    account: str
    current: Growth | None
    previous: Growth | None

    @property
    def difference(self) -> int | None:
        """How many more (or fewer) new followers than over the same dates last year."""
        if self.current is None or self.previous is None:
            return None
        if self.current.change is None or self.previous.change is None:
            return None
        return self.current.change - self.previous.change


def periods(start: date, end: date) -> Periods:
    return Periods(start, end, same_day_last_year(start), same_day_last_year(end))


def pair(current: Sequence[Growth], previous: Sequence[Growth]) -> list[Compared]:
    """Accounts from either period, in the current period's order, then last year's extras."""
    before = {(g.platform, g.account): g for g in previous}
    now = {(g.platform, g.account): g for g in current}
    keys = list(now) + [k for k in before if k not in now]
    return [Compared(k[0], k[1], now.get(k), before.get(k)) for k in keys]
