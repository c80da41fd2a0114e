"""Free press for the dashboard, through the shared steps and answers (memoised)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from flows.steps.valuation import estimates, stored_period, value_period
from pulso.dashboard import params
from pulso.dashboard.free_press_counts import (
    CountedValue,
    first_unvalued,
    kept_value,
    listed,
    value_counts,
    valued_from_totals,
    week_rows,
)
from pulso.dashboard.free_press_listed import kept_listed
from pulso.dashboard.kept_press import KeptPress, kept_press
from pulso.dashboard.state import Board
from pulso.dashboard.weeks import (
    WeekRow,
    by_week_and_outlet,
    iso_week,
    week_end,
    week_totals,
    weeks_holding,
)
from reports.answers.valuation import ItemJsonText, valuation_json_text
from storage import free_press_days
from storage.coverage_counts import coverage_counts
from storage.coverage_reads import read_rates
from storage.db import session_factory
from valuation.estimates import Estimate
from valuation.free_press import UnvaluedItem, Valuation
from valuation.rate_cards import RateIndex

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


def _counted(
    session: Session, start: date, end: date, iva_rate: Decimal, tz: ZoneInfo, *, weeks: bool
) -> tuple[RateIndex, CountedValue, bool]:
    """The period's sums: from the kept days while they describe the stored items and rates
    (storage.free_press_days), else from the period's items counted (storage.coverage_counts);
    the same figures either way; and whether they were kept (then `weeks` says whether the
    week × outlet rows were read; counted, they always are)."""
    rated = read_rates(session)
    rates = RateIndex(rate for _, rate in rated)
    if free_press_days.usable(session, tz, rated):
        return rates, kept_value(session, rated, rates, start, end, iva_rate, weeks=weeks), True
    counts = coverage_counts(session, start, end, tz)
    return rates, value_counts(counts, rates, start, end, iva_rate), False


API_LIMIT = 1_000  # /api/valuation's default page of items; at most API_MAX_LIMIT a request
API_MAX_LIMIT = 10_000


def valuation_answer(
    board: Board,
    start: date,
    end: date,
    broadcasts: int | None,
    share_pct: Decimal | None,
    *,
    limit: int = API_LIMIT,
    offset: int = 0,
) -> tuple[bytes, int]:
    """`pulso valuate --format json` for the same period and projections, its lists paged:
    `limit` items from `offset` of its valued items followed by its unvalued ones (the totals
    are the whole period's), as the bytes JSONResponse writes for `valuation_json`'s answer;
    and how many items the two lists hold in all. The items are written from templates
    (ItemJsonText), each list's items read on their own while the kept days are usable."""
    iva_rate, tz = board.settings.config.valuation.iva_rate, board.settings.config.tz

    def compute() -> tuple[Valuation, str, str, int]:
        with session_factory(board.engine)() as session:
            rates, counted, kept = _counted(session, start, end, iva_rate, tz, weeks=False)
            pick = kept_listed if kept else listed
            valued, unvalued = pick(session, rates, counted, tz, offset=offset, limit=limit)
        whole = counted.valued
        total = whole.counts.clips + whole.counts.mentions + whole.counts.unvalued
        text = ItemJsonText(None)
        items = ",".join([text(v) for v in valued])
        return whole, items, ",".join([text.unvalued(u) for u in unvalued]), total

    key = ("valuation-api", start, end, iva_rate, limit, offset)
    whole, items, unvalued, total = board.cache.get_or_compute(key, compute)
    try:
        found: list[Estimate] = estimates(whole, broadcasts=broadcasts, share_pct=share_pct)
    except ValueError as error:
        raise params.BadParam(str(error)) from None
    return valuation_json_text(whole, items, unvalued, found).encode(), total


def value_by_week(valued: Valuation) -> list[WeekRow]:
    items: list[tuple[date, str, int | None]] = [
        (v.item.aired_on, v.item.outlet, v.value_cop) for v in valued.items
    ]
    items += [(u.item.aired_on, u.item.outlet, None) for u in valued.unvalued]
    return by_week_and_outlet(items)


UNVALUED_SHOWN = 100  # the page lists the first unvalued items; `pulso valuate` lists them all


Rows = Callable[[int, int], list[WeekRow]]  # (offset, limit) -> that slice of the rows


@dataclass(frozen=True)
class FreePressPage:
    """The free-press page's figures: the totals and counts of `pulso valuate` (the same rule
    and running sums, free_press.Tally), value per week, the week × outlet rows (how many, and
    a page of them read when asked), and the first unvalued items; each distinct item is
    valued once and counted (free_press_counts)."""

    valued: Valuation  # totals, subtotals and counts (its `items` are empty)
    totals: list[tuple[str, int]]  # (ISO week, summed value), in week order
    row_count: int
    rows_at: Rows = field(compare=False)  # compare rows() instead
    unvalued: list[UnvaluedItem] = field(default_factory=list)
    unvalued_count: int = 0

    def rows(self) -> list[WeekRow]:
        """Every week × outlet row (the downloads)."""
        return self.rows_at(0, self.row_count)


def free_press_page(board: Board, start: date, end: date) -> FreePressPage:
    iva_rate, tz = board.settings.config.valuation.iva_rate, board.settings.config.tz

    def compute() -> FreePressPage:
        kept = kept_press(board.engine, tz)
        if kept is None:
            return _read_page(board, start, end, iva_rate, tz)
        return _kept_page(board, kept, start, end, iva_rate, tz)

    return board.cache.get_or_compute(("free-press-page", start, end, iva_rate), compute)


def _kept_page(
    board: Board, kept: KeptPress, start: date, end: date, iva_rate: Decimal, tz: ZoneInfo
) -> FreePressPage:
    """The page's figures from the kept press in memory: what `_read_page` reads from the
    kept days, summed the same way (pulso.dashboard.kept_press)."""
    totals = kept.totals(start, end)
    valued, _ = valued_from_totals(totals, kept.rated, kept.index, start, end, iva_rate)
    shown = kept.first_unvalued(board.engine, start, end, tz, UNVALUED_SHOWN)
    sums = kept.week_sums(start, end)
    return FreePressPage(
        valued,
        [(kept.iso_week(monday), value) for monday, _, value in sums],
        sum(cells for _, cells, _ in sums),
        lambda offset, limit: kept.rows_at(start, end, sums, offset, limit),
        shown,
        valued.counts.unvalued,
    )


def _read_page(
    board: Board, start: date, end: date, iva_rate: Decimal, tz: ZoneInfo
) -> FreePressPage:
    """The page's figures read from the database: the kept days while usable, else counted."""
    with session_factory(board.engine)() as session:
        rates, counted, kept = _counted(session, start, end, iva_rate, tz, weeks=False)
        shown = first_unvalued(session, rates, counted, tz, UNVALUED_SHOWN)
        sums = free_press_days.week_sums(session, start, end) if kept else []
    valued = counted.valued
    if not kept:
        rows = counted.rows
        return FreePressPage(
            valued,
            week_totals(rows, money=True),
            len(rows),
            lambda offset, limit: rows[offset : offset + limit],
            shown,
            valued.counts.unvalued,
        )
    totals = [(iso_week(monday), value) for monday, _, value in sums]
    row_count = sum(cells for _, cells, _ in sums)
    return FreePressPage(
        valued,
        totals,
        row_count,
        lambda offset, limit: _kept_rows(board, start, end, sums, offset, limit),
        shown,
        valued.counts.unvalued,
    )


def _kept_rows(
    board: Board,
    start: date,
    end: date,
    sums: list[tuple[date, int, int]],
    offset: int,
    limit: int,
) -> list[WeekRow]:
    """Rows `offset` to `offset + limit` of the period's kept week × outlet rows: only the
    weeks holding them are read (`sums`: cells per Monday, in order)."""
    weeks, skip = weeks_holding(sums, offset, limit)
    if not weeks:
        return []
    with session_factory(board.engine)() as session:
        found = week_rows(session, max(start, weeks[0]), min(end, week_end(weeks[-1])))
    return found[skip : skip + limit]
