"""Grouping dated items by ISO week and by outlet (pure), for the mentions and free-press pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from markupsafe import escape

from reports.formatting import fmt_date

MAX_FILLED_WEEKS = 530  # ten years of weekly bars


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


def week_start(code: str) -> date:
    """'2026-W47' -> its Monday."""
    year, week = code.split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def weeks_between(start: date, end: date) -> list[str]:
    """Every ISO week touching start..end, in order: a chart's axis has no holes."""
    if end < start:
        return []
    monday = start - timedelta(days=start.weekday())
    count = (end - monday).days // 7 + 1
    # Counted on from the first week (a date and its isocalendar per week cost the most of a
    # five-year chart's axis): an ISO year has the weeks of its 28 December's.
    year, week, _ = monday.isocalendar()
    last = date(year, 12, 28).isocalendar()[1]
    found = []
    for _ in range(count):
        if week > last:
            year, week = year + 1, 1
            last = date(year, 12, 28).isocalendar()[1]
        found.append(f"{year}-W{week:02d}")
        week += 1
    return found


def continuous(totals: Iterable[tuple[str, int]], start: date, end: date) -> list[tuple[str, int]]:
    """Week totals with a zero for every week of the period that has none."""
    found = dict(totals)
    if (end - start).days > MAX_FILLED_WEEKS * 7:
        # Decades asked for (up to 9999-12-31): fill only between the weeks that have data.
        if not found:
            return []
        start, end = week_start(min(found)), week_start(max(found))
    weeks = weeks_between(start, end)
    extra = sorted(set(found) - set(weeks))  # items dated outside the period stay visible
    return sorted([(w, found.get(w, 0)) for w in weeks] + [(w, found[w]) for w in extra])


def week_end(monday: date) -> date:
    """Its Sunday (the calendar's last week ends on 31/12/9999, a Friday)."""
    return monday + timedelta(days=6) if monday <= date.max - timedelta(days=6) else date.max


@lru_cache(maxsize=4096)
def week_label(code: str, lang: str) -> str:
    """'2026-W47' as its dates, '16/11/2026 – 22/11/2026': the office does not read ISO weeks.
    Kept per week: the same on every page, and the week × outlet tables name one per row."""
    try:
        monday = week_start(code)
    except ValueError:
        return code
    return f"{fmt_date(monday, lang)} – {fmt_date(week_end(monday), lang)}"


@lru_cache(maxsize=4096)
def week_cell(code: str, lang: str) -> str:
    """A week × outlet table's week cell after its `<td `, escaped: `data-week="2026-W47">`
    and the week's label; the same on every page (the mentions and free-press tables)."""
    return f'data-week="{escape(code)}">{escape(week_label(code, lang))}'


def weeks_holding(
    sums: Iterable[tuple[date, int, object]], offset: int, limit: int
) -> tuple[list[date], int]:
    """The Mondays whose week × outlet rows hold rows `offset` to `offset + limit` of a period
    (`sums`: each week's Monday and row count, in order), and how many of the first one's rows
    come before them: only those weeks need reading."""
    weeks: list[date] = []
    running, skip = 0, 0
    for monday, cells, _ in sums:
        if running + cells > offset and running < offset + limit:
            if not weeks:
                skip = offset - running
            weeks.append(monday)
        running += cells
    return weeks, skip
