"""Free press valued per day, kept exact beside the clips, mentions and rates (issue 17).

The free-press page and /api/valuation valued every clip and web mention of the period on each
request (~0.35 s of CPU over five years). `free_press_days` holds, per local day, outlet,
program, measure and kind (clip or web mention), the items' count, seconds, column-centimetres
and value in whole pesos at the rate in force, each item valued on its own as
valuation/free_press.py values it (round-half-up per item) and then summed: a period's totals
are sums of these rows, to the peso. `free_press_months` sums them per month (a period's totals
come from its whole months and the days at its ends) and `free_press_weeks` per ISO week and
outlet (the page's week × outlet cells of its whole weeks, one row each); both are summed
again from the day rows of the months and weeks a write touched.

Every outlet is kept, the office's own portal too: readers keep press outlets at read time, so
whose portal that is can change without touching the rows. The transactions that store clips
(storage.clips.upsert_clips), mentions (storage.news.store_harvest) and rates
(storage.rates.upsert_rates, remove_superseded) keep the rows exact. Readers use them only while
`free_press_days_state` still describes what they were made from (the zone of undated mentions'
days, the clips and mentions tables' counts and highest ids, a digest of the rate cards);
otherwise they value the items as before, and the next stored clips, mentions or rates rebuild
the days.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, bindparam, case, delete, func, insert, select
from sqlalchemy.orm import Session

from storage.coverage_counts import ClipKey, MentionKey, all_counts
from storage.coverage_reads import load_rates
from storage.days import local_day
from storage.driver_rows import driver_rows
from storage.mention_weeks import full_weeks, zone_name
from storage.models import (
    Clip,
    FreePressDay,
    FreePressDaysState,
    FreePressMonth,
    FreePressWeek,
    Mention,
    Outlet,
)
from storage.outlets import is_press
from valuation.free_press import CoverageItem, item_value
from valuation.rate_cards import Rate, RateIndex
from valuation.units import Measure

STATE_ID = 1
LOCK_KEY = 17_2013  # PostgreSQL advisory lock of the kept days' writers
# The zone a writer that knows none keeps undated mentions' days in until a harvest (which
# knows the configured one) rebuilds them in its own: readers in another zone do not use them.
DEFAULT_ZONE = "America/Bogota"
_CHUNK = 900  # under SQLite's bound-parameter limit for IN (...) lists
# (day, outlet id, program key, measure, clip?) -> [rate card id, items, seconds, cm × 100, value]
DayKey = tuple[date, int, str, str, bool]
DaySums = dict[DayKey, list[Any]]


def digest(rates: Sequence[tuple[int, Rate]]) -> str:
    """What of the rate cards a kept value depends on (ids, outlets, programs, units, prices,
    validity), as one hash: any change to a rate card changes it."""
    parts = sorted(
        (
            card_id,
            rate.outlet_key,
            rate.program_key,
            rate.unit,
            rate.price_cop.as_integer_ratio(),
            rate.valid_from.isoformat(),
            rate.valid_to.isoformat() if rate.valid_to else "",
        )
        for card_id, rate in rates
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class _Pricer:
    """Values counted items as free_press.Tally does: the rate of the index's timeline of the
    item's (outlet, program, measure), bisected on the day; each distinct item priced once."""

    def __init__(self, rates: Sequence[tuple[int, Rate]], outlet_keys: dict[int, str]) -> None:
        self.index = RateIndex(rate for _, rate in rates)
        self.ids = [card_id for card_id, _ in rates]
        self.outlet_keys = outlet_keys
        self.sums: DaySums = {}

    def add(
        self,
        day: date,
        outlet_id: int,
        program_key: str,
        seconds: int | None,
        cm: Decimal | None,
        clip: bool,
        count: int,
    ) -> None:
        measure: Measure = "time" if seconds is not None else "item" if cm is None else "space"
        outlet_key = self.outlet_keys[outlet_id]
        starts, priced = self.index.timeline(outlet_key, program_key, measure)
        found = priced[bisect_right(starts, day) - 1]
        key = (day, outlet_id, program_key, measure, clip)
        sums = self.sums.get(key)
        if sums is None:
            card = self.ids[found.position] if found is not None else None
            sums = self.sums[key] = [card, 0, 0, 0, 0]
        sums[1] += count
        if seconds is not None:
            sums[2] += count * seconds
        if cm is not None:
            sums[3] += count * int(cm * 100)
        if found is not None:
            item = CoverageItem("", outlet_key, day, "", None, program_key, seconds, cm)
            sums[4] += count * item_value(item, found.rate)


def _value(
    session: Session,
    clips: Iterable[tuple[ClipKey, int]],
    mentions: Iterable[tuple[MentionKey, int]],
    outlet_keys: dict[int, str] | None = None,
) -> DaySums:
    rates = load_rates(session)
    if outlet_keys is None:
        outlet_keys = dict(session.execute(select(Outlet.id, Outlet.name_key)).tuples().all())
    pricer = _Pricer(rates, outlet_keys)
    for (day, outlet_id, program_key, seconds, cm), count in clips:
        pricer.add(day, outlet_id, program_key, seconds, cm, True, count)
    for (day, outlet_id), count in mentions:
        pricer.add(day, outlet_id, "", None, None, False, count)
    return pricer.sums


def _insert(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _add(session: Session, sums: DaySums, *, derive: bool = True) -> None:
    if not sums:
        return
    statement = _insert(session)(FreePressDay)
    table = FreePressDay.__table__.c
    statement = statement.on_conflict_do_update(
        index_elements=["day", "outlet_id", "program_key", "measure", "clip"],
        set_={
            name: table[name] + statement.excluded[name]
            for name in ("items", "seconds", "cm_cents", "value")
        },
    )
    rows = [
        {
            "day": day,
            "outlet_id": outlet_id,
            "program_key": program_key,
            "measure": measure,
            "clip": clip,
            "week": day - timedelta(days=day.weekday()),
            "month": day.replace(day=1),
            "rate_card_id": card,
            "items": items,
            "seconds": seconds,
            "cm_cents": cm_cents,
            "value": value,
        }
        for (day, outlet_id, program_key, measure, clip), (
            card,
            items,
            seconds,
            cm_cents,
            value,
        ) in sorted(sums.items())
    ]
    for start in range(0, len(rows), 2_000):
        session.execute(statement, rows[start : start + 2_000])
    if derive:
        _derive(session, {key[0].replace(day=1) for key in sums}, {r["week"] for r in rows})


def _derive(session: Session, months: set[date] | None, weeks: set[date] | None) -> None:
    """Sum the day rows of these months and weeks (None: all) into their own rows again."""
    d, m, w = FreePressDay, FreePressMonth, FreePressWeek
    if months is None or weeks is None:
        session.execute(delete(m))
        session.execute(delete(w))
        month_lists: list[list[date] | None] = [None]
        week_lists: list[list[date] | None] = [None]
    else:
        ordered_months, ordered_weeks = sorted(months), sorted(weeks)
        month_lists = [ordered_months[n : n + _CHUNK] for n in range(0, len(months), _CHUNK)]
        week_lists = [ordered_weeks[n : n + _CHUNK] for n in range(0, len(weeks), _CHUNK)]
    for chunk in month_lists:
        summed = select(
            d.month,
            d.outlet_id,
            d.program_key,
            d.measure,
            d.clip,
            func.coalesce(d.rate_card_id, 0),
            func.sum(d.items),
            func.sum(d.seconds),
            func.sum(d.cm_cents),
            func.sum(d.value),
            func.count(),
        ).group_by(d.month, d.outlet_id, d.program_key, d.measure, d.clip, d.rate_card_id)
        if chunk is not None:
            session.execute(delete(m).where(m.month.in_(chunk)))
            summed = summed.where(d.month.in_(chunk))
        columns: tuple[str, ...] = ("month", "outlet_id", "program_key", "measure", "clip")
        columns += ("rate_card_id", "items", "seconds", "cm_cents", "value", "days")
        session.execute(insert(m).from_select(columns, summed))
    for chunk in week_lists:
        summed = _week_cells_of_days()
        if chunk is not None:
            session.execute(delete(w).where(w.week.in_(chunk)))
            summed = summed.where(d.week.in_(chunk))
        columns = ("week", "outlet_id", "items", "valued", "value")
        session.execute(insert(w).from_select(columns, summed))


@cache
def _live_counts() -> Select[Any]:
    """Built once: every dashboard request checks the state with it."""
    return select(
        select(func.count()).select_from(Clip).scalar_subquery(),
        select(func.coalesce(func.max(Clip.id), 0)).scalar_subquery(),
        select(func.count()).select_from(Mention).scalar_subquery(),
        select(func.coalesce(func.max(Mention.id), 0)).scalar_subquery(),
    )


def _live(session: Session) -> tuple[int, int, int, int]:
    counts = session.execute(_live_counts()).one()
    return int(counts[0]), int(counts[1]), int(counts[2]), int(counts[3])


def rebuild(session: Session, tz: tzinfo) -> None:
    """Value every stored clip and web mention again into the days (after a write that bypassed
    storage, a rate change, or another zone); a bare offset leaves no state (readers value the
    items themselves)."""
    _locked(session)
    session.execute(delete(FreePressDay))
    session.execute(delete(FreePressMonth))
    session.execute(delete(FreePressWeek))
    session.execute(delete(FreePressDaysState))
    zone = zone_name(tz)
    if zone is None:
        return
    counts = all_counts(session, tz)
    keys = {id_: key for id_, (_, key) in counts.outlets.items()}
    sums = _value(session, counts.clips.items(), counts.mentions.items(), keys)
    _add(session, sums, derive=False)
    _derive(session, None, None)
    clips, clip_last, mentions, mention_last = _live(session)
    session.add(
        FreePressDaysState(
            id=STATE_ID,
            zone=zone,
            clips=clips,
            clip_last=clip_last,
            mentions=mentions,
            mention_last=mention_last,
            rates=digest(load_rates(session)),
        )
    )
    session.flush()


def _locked(session: Session) -> FreePressDaysState | None:
    """The state, its writers taking turns: on PostgreSQL a transaction lock (held to its end)
    even when there is no state row yet, so each writer's counts see every other one's
    committed rows and its own, and two rebuilds never add their days up."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(LOCK_KEY)))
    return session.scalars(
        select(FreePressDaysState).where(FreePressDaysState.id == STATE_ID).with_for_update()
    ).one_or_none()


def stored_clips(session: Session, keys: Sequence[str]) -> None:
    """Keep the days exact for the clips this transaction just inserted (their clip keys, read
    back as stored: the column's scale is the value's); without a state, build them."""
    state = _locked(session)
    if state is None:
        rebuild(session, ZoneInfo(DEFAULT_ZONE))
        return
    clips, clip_last, mentions, mention_last = _live(session)
    fresh = (
        state.clips + len(keys) == clips
        and clip_last >= state.clip_last
        and (state.mentions, state.mention_last) == (mentions, mention_last)
        and state.rates == digest(load_rates(session))
    )
    if not fresh:
        rebuild(session, ZoneInfo(state.zone))
        return
    counted: Counter[ClipKey] = Counter()
    columns = (Clip.aired_on, Clip.outlet_id, Clip.program_key, Clip.duration_s, Clip.column_cm)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        counted.update(session.execute(select(*columns).where(Clip.clip_key.in_(chunk))).tuples())
    _add(session, _value(session, counted.items(), ()))
    state.clips, state.clip_last = clips, clip_last
    session.flush()


def stored_mentions(
    session: Session, added: Sequence[tuple[int, int, date | None, datetime]], tz: tzinfo
) -> None:
    """Keep the days exact for mentions this transaction just stored (flushed: with their ids),
    given as (mention id, outlet id, publication day or None, fetch instant)."""
    zone = zone_name(tz)
    state = _locked(session)
    clips, clip_last, mentions, mention_last = _live(session)
    fresh = (
        state is not None
        and zone is not None
        and state.zone == zone
        and (state.clips, state.clip_last) == (clips, clip_last)
        and state.mentions + len(added) == mentions
        and max([state.mention_last, *(mention_id for mention_id, _, _, _ in added)])
        == mention_last
        and state.rates == digest(load_rates(session))
    )
    if not fresh:
        if zone is not None or state is not None:
            rebuild(session, tz)
        return
    assert state is not None
    counted: Counter[MentionKey] = Counter()
    for _, outlet_id, day, fetched in added:
        counted[(day if day is not None else local_day(fetched, tz), outlet_id)] += 1
    _add(session, _value(session, (), counted.items()))
    state.mentions, state.mention_last = mentions, mention_last
    session.flush()


def rates_changed(session: Session) -> None:
    """After rate cards were written: the days are valued again when they were kept under other
    rates (a rate card's change can move any day of its outlet), or built when never built."""
    state = _locked(session)
    if state is None or state.rates != digest(load_rates(session)):
        rebuild(session, ZoneInfo(state.zone if state is not None else DEFAULT_ZONE))


def usable(session: Session, tz: tzinfo, rates: Sequence[tuple[int, Rate]]) -> bool:
    """Whether the kept days value exactly the stored items under `rates`, in `tz`'s days."""
    found = session.get(FreePressDaysState, STATE_ID)
    if found is None:
        return False
    live = _live(session)
    kept = (found.clips, found.clip_last, found.mentions, found.mention_last)
    return found.zone == zone_name(tz) and kept == live and found.rates == digest(rates)


# Readers: press outlets' kept free press of [start, end], summed in SQL from whole months (or
# whole weeks) and the days at the period's ends.

Sums = tuple[int, int, int, int, int]  # items, seconds, cm × 100, value, day rows


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _months(start: date, end: date) -> tuple[date, date] | None:
    """The first days of the first and last whole months inside [start, end]; None if none."""
    try:
        first = start if start.day == 1 else _next_month(start)
        if (end + timedelta(days=1)).day == 1:  # the period ends with end's month
            last = end.replace(day=1)
        else:
            last = (end.replace(day=1) - timedelta(days=1)).replace(day=1)
    except OverflowError:  # the calendar's ends: summed from the days
        return None
    return (first, last) if first <= last else None


def _edges(start: date, end: date, first: date, after: date) -> list[Any]:
    """Conditions for the days of [start, end] before `first` and from `after`: two ranges,
    each read from the day index (an OR of them would read every day)."""
    return [
        and_(FreePressDay.day >= start, FreePressDay.day < first),
        and_(FreePressDay.day >= after, FreePressDay.day <= end),
    ]


@cache
def _day_totals() -> Select[Any]:
    """`totals`' sums of the day rows from `low` to `high` (bound on each call: a request
    sums up to three spans, and building and keying a statement costs more than reading one)."""
    d = FreePressDay
    return (
        select(
            d.rate_card_id,
            d.measure,
            d.clip,
            func.sum(d.items),
            func.sum(d.seconds),
            func.sum(d.cm_cents),
            func.sum(d.value),
            func.count(),
        )
        .join(Outlet, Outlet.id == d.outlet_id)
        .where(is_press(), d.day >= bindparam("low"), d.day <= bindparam("high"))
        .group_by(d.rate_card_id, d.measure, d.clip)
    )


@cache
def _month_totals() -> Select[Any]:
    """`totals`' sums of the month rows from `low` to `high` (their first days)."""
    m = FreePressMonth
    return (
        select(
            m.rate_card_id,
            m.measure,
            m.clip,
            func.sum(m.items),
            func.sum(m.seconds),
            func.sum(m.cm_cents),
            func.sum(m.value),
            func.sum(m.days),
        )
        .join(Outlet, Outlet.id == m.outlet_id)
        .where(is_press(), m.month >= bindparam("low"), m.month <= bindparam("high"))
        .group_by(m.rate_card_id, m.measure, m.clip)
    )


def totals(session: Session, start: date, end: date) -> dict[tuple[int | None, str, bool], Sums]:
    """Per (rate card or None, measure, clip?): items, seconds, cm × 100, value, day rows."""
    found: dict[tuple[int | None, str, bool], list[int]] = {}
    months = _months(start, end)
    queries: list[tuple[Select[Any], date, date]] = []
    if months is None:
        queries.append((_day_totals(), start, end))
    else:
        # The whole months' rows, and the days before and after them (none when the period
        # starts or ends with a month).
        first, last = months
        if start < first:
            queries.append((_day_totals(), start, first - timedelta(days=1)))
        after = _next_month(last)
        if after <= end:
            queries.append((_day_totals(), after, end))
        queries.append((_month_totals(), first, last))
    connection = session.connection()
    for query, low, high in queries:
        for card, measure, clip, *sums in connection.execute(query, {"low": low, "high": high}):
            key = (card or None, measure, bool(clip))
            kept = found.setdefault(key, [0, 0, 0, 0, 0])
            for n, value in enumerate(sums):
                kept[n] += int(value)
    return {key: (a, b, c, e, f) for key, (a, b, c, e, f) in found.items()}


def _week_cells_of_days() -> Select[Any]:
    """(week, outlet id, items, valued items, value) summed from the day rows: what a
    `free_press_weeks` row holds, so its rebuild and a partial week's read agree."""
    d = FreePressDay
    valued = d.rate_card_id.is_not(None)
    return select(
        d.week,
        d.outlet_id,
        func.sum(d.items),
        func.sum(case((valued, d.items), else_=0)),
        func.sum(case((valued, d.value), else_=0)),
    ).group_by(d.week, d.outlet_id)


def week_cells(
    session: Session, start: date, end: date, outlets: dict[int, str]
) -> list[tuple[date, str, int, int | None]]:
    """(Monday, outlet name, items, value of the valued ones or None when none is) of the
    `outlets` (press outlets' names by id). Thousands of rows over five years: read as the
    driver returns them, each Monday converted once."""
    d, w = FreePressDay, FreePressWeek
    weeks = full_weeks(start, end)
    day_cells = _week_cells_of_days()
    queries: list[Select[Any]] = []
    if weeks is None:
        queries.append(day_cells.where(d.day >= start, d.day <= end))
    else:
        # The whole weeks' rows, and the days of the partial weeks at the ends: no cell is in both.
        first, last = weeks
        edges = _edges(start, end, first, last + timedelta(days=7))
        queries += [day_cells.where(edge) for edge in edges]
        queries.append(
            select(w.week, w.outlet_id, w.items, w.valued, w.value).where(
                w.week >= first, w.week <= last
            )
        )
    found: list[tuple[date, str, int, int | None]] = []
    mondays: dict[Any, date] = {}
    for query in queries:
        with driver_rows(session, query, 5_000) as (processors, batches):
            to_day = processors[0]
            for rows in batches:
                for week, outlet_id, items, count, value in rows:
                    name = outlets.get(outlet_id)
                    if name is None:  # the office's own portal
                        continue
                    monday = mondays.get(week)
                    if monday is None:
                        monday = mondays[week] = to_day(week) if to_day else week
                    found.append((monday, name, int(items), int(value) if count else None))
    return found


def week_sums(session: Session, start: date, end: date) -> list[tuple[date, int, int]]:
    """Per Monday, in order: how many (week, press outlet) cells `week_cells` gives that week
    and their summed value (0 when none is valued); from whole weeks and the edges' days."""
    d, w = FreePressDay, FreePressWeek
    weeks = full_weeks(start, end)
    day_sums = (
        select(d.week, func.count(d.outlet_id.distinct()), func.sum(d.value))
        .join(Outlet, Outlet.id == d.outlet_id)
        .where(is_press())
        .group_by(d.week)
    )
    queries: list[Select[Any]] = []
    if weeks is None:
        queries.append(day_sums.where(d.day >= start, d.day <= end))
    else:
        first, last = weeks
        queries += [day_sums.where(e) for e in _edges(start, end, first, last + timedelta(days=7))]
        queries.append(
            select(w.week, func.count(), func.sum(w.value))
            .join(Outlet, Outlet.id == w.outlet_id)
            .where(is_press(), w.week >= first, w.week <= last)
            .group_by(w.week)
        )
    found: dict[date, list[int]] = {}
    connection = session.connection()
    for query in queries:
        for monday, cells, value in connection.execute(query):
            kept = found.setdefault(monday, [0, 0])
            kept[0] += int(cells)
            kept[1] += int(value or 0)
    return [(monday, cells, value) for monday, (cells, value) in sorted(found.items())]


@cache
def _day_counts(clip: bool, valued: bool) -> Select[Any]:
    d = FreePressDay
    rated = d.rate_card_id.is_not(None) if valued else d.rate_card_id.is_(None)
    return (
        select(d.day, func.sum(d.items))
        .join(Outlet, Outlet.id == d.outlet_id)
        .where(is_press(), d.day >= bindparam("start"), d.day <= bindparam("end"))
        .where(d.clip == clip, rated)
        .group_by(d.day)
        .order_by(d.day)
        .execution_options(yield_per=200)
    )


def day_counts(
    session: Session, start: date, end: date, clip: bool, valued: bool
) -> Iterator[tuple[date, int]]:
    """Items of one kind (clips or web mentions), valued or not, per day, in day order: read
    as the caller goes (a page needs the days up to its items)."""
    # Core rows (not the ORM's): a page of /api/valuation walks up to every day of five years.
    rows = session.connection().execute(_day_counts(clip, valued), {"start": start, "end": end})
    for day, items in rows:
        yield day, int(items)
