"""Gaps in the follower history: where figures are missing, the chart's line is broken.

The chart samples each account's last known figure on or before a few dozen days. Each sampled
figure is drawn on the day it was taken (not on the sample day, which would repeat a stale figure
across days nobody measured), and the line is broken between two figures much further apart
than the account's own rhythm around them: daily collection that stopped for a week, or the
months before a backfill. Monthly figures imported from old reports stay one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from operator import sub

from sqlalchemy import Engine, select

from pulso.dashboard.series import Sampled, Series, as_of_query, sample_days
from storage.keys import handle_key
from storage.models import Account

MIN_GAP_DAYS = 2  # a single missing day in daily figures is already a gap
RHYTHM_FACTOR = 1.5


def taken_days(
    engine: Engine, accounts: Sequence[tuple[str, str]], days: Sequence[date]
) -> dict[tuple[str, str], list[date | None]]:
    """(platform, handle key) -> the day of the figure each sample day shows (one index seek
    per point, like the figures themselves)."""
    with engine.connect() as connection:
        rows = connection.execute(select(Account.id, Account.platform, Account.handle_key)).all()
        wanted = {(p, handle_key(h)) for p, h in accounts}
        ids = {id_: (p, key) for id_, p, key in rows if (p, key) in wanted}
        found: dict[tuple[str, str], list[date | None]] = {k: [None] * len(days) for k in wanted}
        if ids:
            values = {f"d{i}": d for i, d in enumerate(days)} | {"ids": list(ids)}
            for account_id, index, day in connection.execute(as_of_query(len(days), "day"), values):
                found[ids[account_id]][index] = day
    return found


def taken_figures(
    item: Series, taken: Sequence[date | None], start: date
) -> list[tuple[date, int]]:
    """The distinct figures the samples show, on the day each was taken (one before the period,
    its starting figure as growth reports it, is drawn on the period's first day)."""
    seen: list[tuple[date, int]] = []
    for (_, value), when in zip(item.points, taken, strict=True):
        if value is None or when is None or (seen and seen[-1][0] >= max(when, start)):
            continue
        seen.append((max(when, start), value))
    return seen


def breaks(days: Sequence[date], spacing_days: float) -> set[int]:
    """Indexes i where the line must not join days[i - 1] to days[i] (pure)."""
    return breaks_of_ordinals([d.toordinal() for d in days], spacing_days)


def breaks_of_ordinals(ordinals: Sequence[int], spacing_days: float) -> set[int]:
    """`breaks`, the days given as ordinals."""
    steps = list(map(sub, ordinals[1:], ordinals))
    found: set[int] = set()
    last = len(steps) - 1
    # Every step's neighbours are steps, so a step no more than RHYTHM_FACTOR times the
    # smallest cannot exceed RHYTHM_FACTOR times its neighbours: evenly spread figures (most
    # accounts on most periods) are a line without the loop below.
    if last < 1 or max(steps) <= RHYTHM_FACTOR * min(steps):
        return found
    for i, step in enumerate(steps):
        if step < MIN_GAP_DAYS:
            continue
        # The steps on either side (one at the ends), without a list per step: 3,000 a page.
        before, after = steps[i - 1] if i else steps[1], steps[i + 1] if i < last else steps[i - 1]
        # Sampling alone can put two figures up to (sample spacing + the account's cadence)
        # apart, a cadence read from the neighbours (a week of slack per week: months differ).
        cadence = min(before, after)
        if step >= spacing_days + cadence + cadence // 7 and step > RHYTHM_FACTOR * max(
            before, after
        ):
            found.add(i + 1)
    return found


def with_gaps(item: Series, taken: Sequence[date | None], start: date) -> Series:
    """The series on its figures' own days, with a None point wherever the line breaks."""
    figures = taken_figures(item, taken, start)
    sample = [d for d, _ in item.points]
    spacing = (sample[-1] - sample[0]).days / max(len(sample) - 1, 1)
    cut = breaks([d for d, _ in figures], spacing)
    points: list[tuple[date, int | None]] = []
    for i, (day, value) in enumerate(figures):
        if i in cut:
            points.append((day, None))
        points.append((day, value))
    return Series(item.platform, item.account, tuple(points))


def gapped(engine: Engine, series: Sequence[Series], start: date, end: date) -> list[Series]:
    """Every series with its gaps (the same sample days as pulso.dashboard.series)."""
    days = sample_days(start, end)
    taken = taken_days(engine, [(s.platform, s.account) for s in series], days)
    out = []
    for item in series:
        when = taken.get((item.platform, handle_key(item.account)))
        if when is None or len(when) != len(item.points):
            out.append(item)
        else:
            out.append(with_gaps(item, when, start))
    return out


def with_all_gaps(found: Sampled, start: date) -> list[Series]:
    """`gapped` for series read with their days (`series.sampled`): no second statement."""
    return [
        with_gaps(item, when, start) for item, when in zip(found.series, found.taken, strict=True)
    ]
