"""Free press valued per day, kept exact beside the clips, mentions and rates (issue 17).

The free-press page and /api/valuation valued every clip and web mention of the period on each
request (~0.35 s of CPU over five years). `free_press_days` holds, per local day, outlet,
program, measure and kind (clip or web mention), the items' count, seconds, column-centimetres
and value in whole pesos at the rate in force, each item valued on its own as
valuation/free_press.py values it (round-half-up per item) and then summed: a period's totals
are sums of these rows, to the peso.

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
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from storage.coverage_counts import ClipKey, MentionKey, all_counts
from storage.days import local_day
from storage.mention_weeks import zone_name
from storage.models import Clip, FreePressDay, FreePressDaysState, Mention, Outlet
from storage.outlets import is_press
from storage.rates import load_rates
from valuation.free_press import CoverageItem, item_value
from valuation.rate_cards import Rate, RateIndex
from valuation.units import Measure

STATE_ID = 1
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
        self, day: date, outlet_id: int, program_key: str, seconds: int | None,
        cm: Decimal | None, clip: bool, count: int,
    ) -> None:  # fmt: skip
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


def _add(session: Session, sums: DaySums) -> None:
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


def _live(session: Session) -> tuple[int, int, int, int]:
    counts = session.execute(
        select(
            select(func.count()).select_from(Clip).scalar_subquery(),
            select(func.coalesce(func.max(Clip.id), 0)).scalar_subquery(),
            select(func.count()).select_from(Mention).scalar_subquery(),
            select(func.coalesce(func.max(Mention.id), 0)).scalar_subquery(),
        )
    ).one()
    return int(counts[0]), int(counts[1]), int(counts[2]), int(counts[3])


def rebuild(session: Session, tz: tzinfo) -> None:
    """Value every stored clip and web mention again into the days (after a write that bypassed
    storage, a rate change, or another zone); a bare offset leaves no state (readers value the
    items themselves)."""
    session.execute(delete(FreePressDay))
    session.execute(delete(FreePressDaysState))
    zone = zone_name(tz)
    if zone is None:
        return
    counts = all_counts(session, tz)
    keys = {id_: key for id_, (_, key) in counts.outlets.items()}
    _add(session, _value(session, counts.clips.items(), counts.mentions.items(), keys))
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
    # Locked first: transactions storing at once (PostgreSQL) take turns here, so each one's
    # counts below see every other one's committed rows and its own.
    return session.scalars(
        select(FreePressDaysState).where(FreePressDaysState.id == STATE_ID).with_for_update()
    ).one_or_none()


def stored_clips(session: Session, keys: Sequence[str]) -> None:
    """Keep the days exact for the clips this transaction just inserted (their clip keys, read
    back as stored: the column's scale is the value's); without a state nothing is kept."""
    state = _locked(session)
    if state is None:
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
    rates (a rate card's change can move any day of its outlet)."""
    state = _locked(session)
    if state is not None and state.rates != digest(load_rates(session)):
        rebuild(session, ZoneInfo(state.zone))


def usable(session: Session, tz: tzinfo, rates: Sequence[tuple[int, Rate]]) -> bool:
    """Whether the kept days value exactly the stored items under `rates`, in `tz`'s days."""
    found = session.get(FreePressDaysState, STATE_ID)
    if found is None:
        return False
    live = _live(session)
    kept = (found.clips, found.clip_last, found.mentions, found.mention_last)
    return found.zone == zone_name(tz) and kept == live and found.rates == digest(rates)


# Readers: press outlets' kept days of [start, end], summed in SQL.


def _press(query: Any, start: date, end: date) -> Any:
    return query.join(Outlet, Outlet.id == FreePressDay.outlet_id).where(
        is_press(), FreePressDay.day >= start, FreePressDay.day <= end
    )


def totals(session: Session, start: date, end: date) -> list[tuple[int | None, str, bool, Any]]:
    """Per (rate card, measure, kind): (card, measure, clip?, (items, seconds, cm × 100,
    value, rows))."""
    d = FreePressDay
    query = _press(
        select(
            d.rate_card_id,
            d.measure,
            d.clip,
            func.sum(d.items),
            func.sum(d.seconds),
            func.sum(d.cm_cents),
            func.sum(d.value),
            func.count(),
        ),
        start,
        end,
    ).group_by(d.rate_card_id, d.measure, d.clip)
    return [
        (card, measure, bool(clip), tuple(int(n) for n in sums))
        for card, measure, clip, *sums in session.connection().execute(query)
    ]


def week_cells(session: Session, start: date, end: date) -> list[tuple[date, str, int, int | None]]:
    """(Monday, outlet name, items, value of the valued ones or None when none is)."""
    d = FreePressDay
    valued = func.sum(case((d.rate_card_id.is_not(None), d.value)))
    query = _press(select(d.week, Outlet.name, func.sum(d.items), valued), start, end).group_by(
        d.week, Outlet.name
    )
    return [
        (week, name, int(items), int(value) if value is not None else None)
        for week, name, items, value in session.connection().execute(query)
    ]


def day_counts(session: Session, start: date, end: date, clip: bool, valued: bool) -> Counter[date]:
    """Items of one kind (clips or web mentions), valued or not, per day."""
    d = FreePressDay
    rated = d.rate_card_id.is_not(None) if valued else d.rate_card_id.is_(None)
    query = _press(select(d.day, func.sum(d.items)), start, end).where(d.clip == clip, rated)
    found: Counter[date] = Counter()
    for day, items in session.execute(query.group_by(d.day)).tuples():
        found[day] += int(items)
    return found
