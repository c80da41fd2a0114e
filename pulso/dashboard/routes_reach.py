"""The Alcance page, its downloads and /api/reach: `pulso insights` in the browser and as
JSON, with the daily figures, the most viewed posts and the period's live broadcasts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from flows.steps.insights import ReachDetail, default_period
from pulso.dashboard import downloads, params, reach
from pulso.dashboard.growth_view import account_styles, names
from pulso.dashboard.mentions import safe_url
from pulso.dashboard.routes_pages import relative, render
from pulso.dashboard.selection import Selection, selection
from pulso.dashboard.state import Board, board
from reports.answers.reach import (
    DAY_COLUMNS,
    LIVE_COLUMNS,
    TOP_COLUMNS,
    day_row,
    reach_json,
    views_label,
)
from reports.formatting import fmt_duration, local_time, missing
from reports.i18n import label, sheet_name
from reports.tables import Col
from settings.model import PLATFORM_NAMES
from storage.insights import Broadcast, DayReach, PostViews

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])


@dataclass(frozen=True)
class ReachView:
    state: Board
    lang: str
    chosen: Selection
    span: params.Range
    found: ReachDetail


def reach_view(
    platform: list[str] = Query(default=[]),
    account: list[str] = Query(default=[]),
    range_: str | None = Query(None, alias="range"),
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> ReachView:
    chosen = selection(platform, account)
    span = reach.span(state, range_, from_, to)
    found = reach.detail(state, span.start, span.end, chosen)
    return ReachView(state, params.lang(lang, state.lang), chosen, span, found)


@router.get("/reach")
def reach_page(request: Request, view: ReachView = Depends(reach_view)) -> Response:
    state, lang, found = view.state, view.lang, view.found
    query = request.url.query
    preset_urls = {
        p: relative(request.url.remove_query_params(["from", "to"]).include_query_params(range=p))
        for p in params.PRESETS
        if p != "custom"
    }
    tz = state.settings.config.tz
    days = sorted(found.days, key=lambda d: d.day, reverse=True)
    return render(
        request,
        state,
        lang,
        "reach",
        span=view.span,
        chosen=view.chosen,
        presets=params.PRESETS,
        preset_urls=preset_urls,
        platforms=PLATFORM_NAMES,
        accounts=found.choices,
        names=names(state),
        styles=account_styles(state),
        rows=found.accounts,
        charts=reach.charts(state, found, view.span.start, view.span.end, lang),
        days=days[: reach.MAX_DAYS_LISTED],
        days_total=len(days),
        top_posts=[post_cells(p, tz) for p in found.top_posts],
        lives=[live_cells(v, tz) for v in found.lives],
        labels={key: label(key, lang) for key in LABELS},
        duration=fmt_duration,
        safe_url=safe_url,
        missing=missing(lang),
        views_label=views_label,
        zone=tz.key,
        csv_urls={t: f"/reach.csv?{_with_table(query, t)}" for t in TABLES},
        xlsx_urls={t: f"/reach.xlsx?{_with_table(query, t)}" for t in TABLES},
    )


LABELS = (
    "reach_title",
    "reach_note",
    "reach_none",
    "lives_title",
    "lives_none",
    "views",
    "impressions",
    "days_measured",
    "post_views",
    "live_title",
    "started_at",
    "duration_s",
    "total_views",
    "peak_viewers",
    "published",
    "text",
    "date",
    "reason",
)


def _with_table(query: str, table: str) -> str:
    kept = "&".join(p for p in query.split("&") if p and not p.startswith("table="))
    return f"{kept}&table={table}" if kept else f"table={table}"


def day_cells(item: DayReach) -> dict[str, Any]:
    """The JSON row with its day kept a date (the table formats it in the office's way)."""
    return {**day_row(item), "day": item.day}


def post_cells(item: PostViews, tz: ZoneInfo) -> dict[str, Any]:
    """For people: the time in the office's zone; X's figure named impressions."""
    return {
        "published_at": local_time(item.published_at, tz),
        "platform": item.platform,
        "account": item.account,
        "text": item.text,
        "views": item.views,
        "views_label": views_label(item.platform),
        "url": item.url,
    }


def live_cells(item: Broadcast, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "platform": item.platform,
        "account": item.account,
        "title": item.title,
        "started_at": local_time(item.started_at, tz),
        "duration_s": item.duration_s,
        "total_views": item.total_views,
        "peak_viewers": item.peak_viewers,
        "note": item.note,  # why a figure is missing (Meta gives no peak for a broadcast)
    }


# The answer's columns, with the start as a time in the office's zone and Meta's note.
LIVE_CELLS = (
    *(Col(c.key, "datetime", label=c.label) if c.key == "started_at" else c for c in LIVE_COLUMNS),
    Col("note", label="reason"),
)
TABLES: dict[str, tuple[Sequence[Col], str]] = {
    "days": (DAY_COLUMNS, "reach"),
    "posts": (TOP_COLUMNS, "top_posts"),
    "lives": (LIVE_CELLS, "live_videos"),
}


def _rows(table: str, view: ReachView) -> list[Mapping[str, Any]]:
    tz, lang = view.state.settings.config.tz, view.lang
    if table == "days":
        return [day_cells(d) for d in view.found.days]
    if table == "posts":
        return [
            {**cells, "views_label": label(str(cells["views_label"]), lang)}
            for cells in (post_cells(p, tz) for p in view.found.top_posts)
        ]
    return [
        {**cells, "duration_s": _duration(cells["duration_s"], lang)}
        for cells in (live_cells(v, tz) for v in view.found.lives)
    ]


def _duration(seconds: int | None, lang: str) -> str:
    # '2 h 3 min 5 s' as the reports write it; an unknown one "sin datos", not a blank cell.
    return missing(lang) if seconds is None else fmt_duration(seconds, lang)


@router.get("/reach.{fmt}")
def reach_download(
    fmt: str,
    table: str | None = None,
    view: ReachView = Depends(reach_view),
) -> Response:
    """One of the page's tables (`table`: days, posts or lives) in CSV or XLSX."""
    chosen = params.text(table, "table") or "days"
    if chosen not in TABLES:
        known = ", ".join(TABLES)
        raise params.BadParam(
            f"table: unknown table {chosen!r} (expected one of {known})",
            f"{params.field('table')}: tabla desconocida {chosen!r} (una de {known})",
        )
    columns, sheet = TABLES[chosen]
    span = view.span
    name = f"pulso-alcance-{chosen}-{span.start.isoformat()}-{span.end.isoformat()}"
    title = sheet_name(sheet, view.lang)
    return downloads.download(
        _rows(chosen, view), columns, fmt, lang=view.lang, name=name, title=title
    )


@api.get(
    "/reach",
    summary="Reach, views and live broadcasts, as `pulso insights --format json`, in full",
    description=(
        "Per own account over [from, to] (Bogotá days; default: the 7 days to yesterday): "
        "reach and views added over the days measured, post views (X: impressions), then "
        "`days` (each day measured: reach, views, and the platform's note when a figure was "
        "refused), `top_posts` (the 20 most viewed posts published in the period) and "
        "`live_videos`. null: not measured, never 0. `platform` and `account` "
        "(platform:handle) may repeat to choose accounts."
    ),
    responses={400: {"description": "Invalid parameter (message in `detail`)"}},
)
def api_reach(
    platform: list[str] = Query(default=[], description=", ".join(PLATFORM_NAMES)),
    account: list[str] = Query(default=[], description="platform:handle"),
    from_: str | None = Query(None, alias="from", description="YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = Query(None, description="YYYY-MM-DD or DD/MM/YYYY, inclusive"),
    state: Board = Depends(board),
) -> JSONResponse:
    chosen = selection(platform, account)
    start, end = default_period(params.day(from_, "from"), params.day(to, "to"), state.today())
    params.ordered(start, end)
    found = reach.detail(state, start, end, chosen)
    return JSONResponse(
        reach_json(
            start, end, found.accounts, found.lives, days=found.days, top_posts=found.top_posts
        )
    )
