"""Free press for the dashboard, through the shared steps and answers (memoised)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flows.steps.valuation import estimates, stored_period, stream_period, value_period
from pulso.dashboard import params
from pulso.dashboard.state import Board
from pulso.dashboard.weeks import WeekRow, by_week_and_outlet, iso_week
from reports.answers.valuation import valuation_json
from valuation.estimates import Estimate
from valuation.free_press import UnvaluedItem, Valuation, ValuedItem

_SHARE = re.compile(r"^\d{1,3}([.,]\d{1,4})?\s*%?$")


def share(value: str | None) -> Decimal | None:
    text = params.text(value, "monitored_share")
    if text is None:
        return None
    if not _SHARE.match(text):
        raise params.BadParam(
            f"monitored_share: {text!r} is not a percentage (e.g. 70)",
            f"monitored_share: {text!r} no es un porcentaje (p. ej. 70)",
        )
    return Decimal(text.rstrip("%").strip().replace(",", "."))


def period(board: Board, from_: str | None, to: str | None) -> tuple[date, date]:
    """As `pulso valuate`: a missing end of the period falls back to the stored data, then today."""
    start, end = params.day(from_, "from"), params.day(to, "to")
    if start is None or end is None:
        first, last = board.cache.get_or_compute(
            ("stored_period",), lambda: stored_period(board.engine)
        )
        today = board.today()
        start, end = start or first or end or today, end or last or today
    params.ordered(start, end)
    return start, end


def valuation(board: Board, start: date, end: date) -> Valuation:
    iva_rate = board.settings.config.valuation.iva_rate
    return board.cache.get_or_compute(
        ("valuation", start, end, iva_rate),
        lambda: value_period(
            board.engine, start, end, iva_rate=iva_rate, tz=board.settings.config.tz
        ),
    )


def valuation_answer(
    board: Board, start: date, end: date, broadcasts: int | None, share_pct: Decimal | None
) -> dict[str, Any]:
    """Exactly `pulso valuate --format json` for the same period and projections."""
    valued = valuation(board, start, end)
    try:
        found: list[Estimate] = estimates(valued, broadcasts=broadcasts, share_pct=share_pct)
    except ValueError as error:
        raise params.BadParam(str(error)) from None
    return valuation_json(valued, found)


def value_by_week(valued: Valuation) -> list[WeekRow]:
    items: list[tuple[date, str, int | None]] = [
        (v.item.aired_on, v.item.outlet, v.value_cop) for v in valued.items
    ]
    items += [(u.item.aired_on, u.item.outlet, None) for u in valued.unvalued]
    return by_week_and_outlet(items)


UNVALUED_SHOWN = 100  # the page lists the first unvalued items; `pulso valuate` lists them all


@dataclass(frozen=True)
class FreePressPage:
    """The free-press page's figures from one streaming pass: the totals and counts of
    `pulso valuate` (valuation/free_press.Tally, the same rule and sums), value and count per
    week and outlet, and the first unvalued items; no list of every valued item is kept."""

    valued: Valuation  # totals, subtotals and counts (its `items` are empty)
    rows: list[WeekRow]
    unvalued: list[UnvaluedItem]
    unvalued_count: int


def free_press_page(board: Board, start: date, end: date) -> FreePressPage:
    iva_rate = board.settings.config.valuation.iva_rate

    def compute() -> FreePressPage:
        counts: dict[tuple[str, str], int] = {}
        values: dict[tuple[str, str], int | None] = {}
        weeks: dict[date, str] = {}
        shown: list[UnvaluedItem] = []

        def key(day: date, outlet: str) -> tuple[str, str]:
            week = weeks.get(day)
            if week is None:
                week = weeks[day] = iso_week(day)
            return week, outlet

        def on_valued(found: ValuedItem) -> None:
            at = key(found.item.aired_on, found.item.outlet)
            counts[at] = counts.get(at, 0) + 1
            values[at] = (values.get(at) or 0) + found.value_cop

        def on_unvalued(found: UnvaluedItem) -> None:
            at = key(found.item.aired_on, found.item.outlet)
            counts[at] = counts.get(at, 0) + 1
            values.setdefault(at, None)
            if len(shown) < UNVALUED_SHOWN:
                shown.append(found)

        valued = stream_period(
            board.engine,
            start,
            end,
            iva_rate=iva_rate,
            tz=board.settings.config.tz,
            valued=on_valued,
            unvalued=on_unvalued,
        )
        rows = [WeekRow(k[0], k[1], counts[k], values[k]) for k in sorted(counts)]
        return FreePressPage(valued, rows, shown, valued.counts.unvalued)

    return board.cache.get_or_compute(("free-press-page", start, end, iva_rate), compute)
