"""Grouping dated items by ISO week and by outlet (pure), for the mentions and free-press pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class WeekRow:
    week: str
    outlet: str
    count: int
    value: int | None  # pesos before IVA; None where nothing was valued


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def by_week_and_outlet(items: Iterable[tuple[date, str, int | None]]) -> list[WeekRow]:
    """(day, outlet, value or None) -> one row per week and outlet, weeks in order."""
    counts: dict[tuple[str, str], int] = {}
    values: dict[tuple[str, str], int | None] = {}
    for day, outlet, value in items:
        key = (iso_week(day), outlet)
        counts[key] = counts.get(key, 0) + 1
        if value is not None:
            values[key] = (values.get(key) or 0) + value
        else:
            values.setdefault(key, None)
    return [WeekRow(k[0], k[1], counts[k], values[k]) for k in sorted(counts)]


def week_totals(rows: Iterable[WeekRow], *, money: bool) -> list[tuple[str, int]]:
    """Per week: the summed value (money) or the summed count."""
    totals: dict[str, int] = {}
    for row in rows:
        amount = (row.value or 0) if money else row.count
        totals[row.week] = totals.get(row.week, 0) + amount
    return sorted(totals.items())
