"""The Alcance page's figures: the shared reach step, memoised, and its charts.

Reach and views are stored per day measured. A chart of a long period adds them per week or
per month (a dot per bucket, not thousands); a bucket or day without any figure breaks the line
instead of drawing 0, and a refused figure ("sin datos") is never a point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from flows.steps.insights import ReachDetail, reach_detail
from pulso.dashboard import params
from pulso.dashboard.chart import Chart, line_chart
from pulso.dashboard.growth_view import account_styles, names
from pulso.dashboard.selection import Selection
from pulso.dashboard.series import Series
from pulso.dashboard.state import Board
from storage.insights import DayReach

TOP_POSTS = 20
MAX_DAYS_LISTED = 500
Grain = Literal["day", "week", "month"]
Metric = Literal["reach", "views"]
UNITS = {
    "reach": {"es": "personas alcanzadas", "en": "people reached"},
    "views": {"es": "reproducciones", "en": "views"},
}


def span(state: Board, range_: str | None, from_: str | None, to: str | None) -> params.Range:
    """As the mentions page: a preset or custom dates, the last 4 weeks by default."""
    return params.resolve_range(range_, from_, to, state.today(), default="last4w")


def detail(state: Board, start: date, end: date, chosen: Selection) -> ReachDetail:
    return state.cache.get_or_compute(
        ("reach", start, end, chosen),
        lambda: reach_detail(
            state.engine,
            start=start,
            end=end,
            zone=state.settings.config.tz,
            keep=chosen.keeps_account,
            top=TOP_POSTS,
        ),
    )


def grain(start: date, end: date) -> Grain:
    """Days up to about four months, then weeks up to two years, then months."""
    days = (end - start).days
    return "day" if days <= 120 else "week" if days <= 731 else "month"


def bucket(day: date, chosen: Grain) -> date:
    if chosen == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if chosen == "month" else day


def _next(start: date, chosen: Grain) -> date | None:
    """The bucket after `start` (None past the calendar's end)."""
    try:
        if chosen == "month":
            return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start + timedelta(days=7 if chosen == "week" else 1)
    except OverflowError:
        return None


def series(days: Sequence[DayReach], metric: Metric, chosen: Grain, start: date) -> list[Series]:
    """One series per account with a figure: buckets added over the days measured, a None
    point between buckets that are not consecutive (the line breaks there). Pure."""
    sums: dict[tuple[str, str], dict[date, int | None]] = {}
    for row in days:
        value = row.reach if metric == "reach" else row.views
        found = sums.setdefault((row.platform, row.account), {})
        key = bucket(row.day, chosen)
        before = found.get(key)
        found[key] = before if value is None else (before or 0) + value
    out = []
    for (platform, account), buckets in sums.items():
        points: list[tuple[date, int | None]] = []
        previous: date | None = None
        for key in sorted(buckets):
            if previous is not None and _next(previous, chosen) != key:
                points.append((max(key, start), None))
            points.append((max(key, start), buckets[key]))
            previous = key
        if any(v is not None for _, v in points):
            out.append(Series(platform, account, tuple(points)))
    return out


@dataclass(frozen=True, slots=True)
class Charts:
    grain: Grain
    reach: Chart | None
    views: Chart | None


def charts(state: Board, found: ReachDetail, start: date, end: date, lang: str) -> Charts:
    chosen = grain(start, end)
    paint, named = account_styles(state), names(state)

    def draw(metric: Metric) -> Chart | None:
        return line_chart(
            series(found.days, metric, chosen, start),
            start,
            end,
            lang,
            styles=paint,
            names=named,
            unit=UNITS[metric][lang if lang in ("es", "en") else "es"],
        )

    return Charts(chosen, draw("reach"), draw("views"))
