"""`listed` (free_press_counts) from the kept days: a page of `pulso valuate`'s items, each
list's items read on their own.

`listed` reads every item of the days holding a page and values each one (Tally) to learn which
list it is in: about half the clips it reads and values belong to the other list. While the
kept days are usable they say, per day, outlet, program and measure, whether a rate is in
force: the database sorts, skips and returns only the page's clips of each list
(storage.free_press_items), and web mentions, which have no day index to read a part's from,
are read once for both lists and sorted between them by their day and outlet. The same Tally
as `pulso valuate`'s values the items kept, so the values, rates and reasons are its own.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pulso.dashboard.free_press_counts import CountedValue, Part, day_plan, shares
from storage import free_press_items
from valuation.free_press import CoverageItem, Tally, UnvaluedItem, ValuedItem
from valuation.rate_cards import RateIndex


def kept_listed(
    session: Session,
    rates: RateIndex,
    counted: CountedValue,
    tz: ZoneInfo,
    *,
    offset: int,
    limit: int,
) -> tuple[list[ValuedItem], list[UnvaluedItem]]:
    """`listed(session, rates, counted, tz, offset=offset, limit=limit)` when `counted` is the
    kept days' (`kept_value`, read while `free_press_days.usable`)."""
    start, end = counted.valued.start, counted.valued.end
    wanted = shares(counted, offset, limit)
    found: dict[Part, list[CoverageItem]] = {}
    for rated in (True, False):
        share = wanted.get((True, rated))
        if share is not None:
            found[(True, rated)] = _clips(session, counted, rated, *share)
    web = {rated: share for (clips, rated), share in wanted.items() if not clips}
    if web:
        found |= {(False, rated): items for rated, items in _mentions(session, counted, tz, web)}
    tally = Tally(rates)
    valued: list[ValuedItem] = []
    unvalued: list[UnvaluedItem] = []
    for part in wanted:  # ORDER's order
        for result in tally.value(found[part], start=start, end=end):
            if isinstance(result, ValuedItem):
                valued.append(result)
            else:
                unvalued.append(result)
    return valued, unvalued


def _clips(
    session: Session, counted: CountedValue, rated: bool, skip: int, take: int
) -> list[CoverageItem]:
    if skip <= 2 * take and session.get_bind().dialect.name == "sqlite":
        # Sorted and skipped by the database from the period's start: SQLite walks the clips
        # in day order and sorts each day's, stopping at the page's end, which costs less than
        # finding the days first while the items skipped are few. PostgreSQL would sort the
        # whole period's.
        first, last = counted.valued.start, counted.valued.end
    else:
        plan = day_plan(counted.per_day((True, rated)), skip, take)
        first, last, skip = plan.first, plan.last, plan.skip
    return free_press_items.clips(session, first, last, valued=rated, skip=skip, take=take)


def _mentions(
    session: Session, counted: CountedValue, tz: ZoneInfo, wanted: dict[bool, tuple[int, int]]
) -> list[tuple[bool, list[CoverageItem]]]:
    """The web mentions of each wanted list ((skip, take) by valued?), from one read of the
    days holding them."""
    plans = {
        rated: day_plan(counted.per_day((False, rated)), *share) for rated, share in wanted.items()
    }
    first = min(plan.first for plan in plans.values())
    last = max(plan.last for plan in plans.values())
    days = free_press_items.mention_days(session, first, last)
    everyone = {outlet for _, outlet in days}
    outlets = {outlet for (_, outlet), (rated, _) in days.items() if rated in plans}
    # Without an index on the day, mentions are found by outlet (an index) or by reading them
    # all: by outlet only while that leaves most of them out.
    few = sorted(outlets) if 2 * len(outlets) <= len(everyone) else None
    kept: dict[bool, list[CoverageItem]] = {rated: [] for rated in plans}
    skipped = dict.fromkeys(plans, 0)
    counts = {key: items for key, (_, items) in days.items()}
    for item, outlet_id in free_press_items.mentions(session, first, last, tz, few, counts):
        rated = days.get((item.aired_on, outlet_id), (None, 0))[0]
        plan = None if rated is None else plans.get(rated)
        if rated is None or plan is None or not plan.first <= item.aired_on <= plan.last:
            continue
        if skipped[rated] < plan.skip:
            skipped[rated] += 1
        elif len(kept[rated]) < plan.take:
            kept[rated].append(item)
    return list(kept.items())
