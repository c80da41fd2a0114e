"""HTML pages for news coverage: mentions by week and outlet, and free press (AVE)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from pulso.dashboard import coverage, downloads, mention_tables, mentions, params
from pulso.dashboard.bars import bar_figure
from pulso.dashboard.chart import BarChart, bar_chart
from pulso.dashboard.i18n import words
from pulso.dashboard.routes_pages import relative, render
from pulso.dashboard.state import Board, board
from pulso.dashboard.valuation_rows import unvalued_rows_html, week_rows_html
from pulso.dashboard.weeks import WeekRow, continuous, week_end, week_start
from reports.answers.mentions import COLUMNS as MENTION_COLUMNS
from reports.answers.mentions import CSV_COLUMNS as MENTION_CSV_COLUMNS
from reports.answers.valuation import counts_line
from reports.formatting import fmt_date, fmt_int, fmt_money
from reports.i18n import label
from valuation.notes import ave_note

router = APIRouter(include_in_schema=False)
DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class ValuationView:
    lang: str
    start: date
    end: date
    shown: coverage.FreePressPage
    page: int


def valuation_view(
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    page: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> ValuationView:
    if from_ is None and to is None:
        start, end = default_period(state.today())
    else:
        start, end = coverage.period(state, from_, to)
    number = params.page_number(page)
    shown = coverage.free_press_page(state, start, end)
    return ValuationView(params.lang(lang, state.lang), start, end, shown, number)


def default_period(today: date) -> tuple[date, date]:
    """The page opens on the last 12 weeks (this one included): what a Monday looks at."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=DEFAULT_WEEKS - 1), today


def _week_chart(
    totals: list[tuple[str, int]],
    start: date,
    end: date,
    lang: str,
    *,
    money: bool,
    unit: tuple[str, str] = ("", ""),
) -> BarChart | None:
    """One bar per week of the period, zeros included; the hover names the week's dates."""
    filled = continuous(totals, start, end)
    labels, axis = [], []
    one, many = unit
    for week, value in filled:
        dates, short = _week_names(week, lang)
        shown = (
            fmt_money(value, lang)
            if money
            else f"{fmt_int(value, lang)} {one if value == 1 else many}"
        )
        labels.append(f"{dates}: {shown}")
        axis.append(short)
    return bar_chart(filled, labels, axis=axis, lang=lang, money=money)


@lru_cache(maxsize=4096)
def _week_names(week: str, lang: str) -> tuple[str, str]:
    """A week's dates as its bar's hover names them, and its short name under the axis: the
    same for every chart, kept (a five-year chart names 260 weeks on every request)."""
    monday = week_start(week)
    dates = words(lang)["week_of"].format(
        start=fmt_date(monday, lang), end=fmt_date(week_end(monday), lang)
    )
    return dates, _short_day(monday, lang)


def _chart_svg(chart: BarChart | None, lang: str) -> Markup | None:
    """The chart's SVG as the `_bars.html` macro draws it, built in one string (bar_figure)."""
    return None if chart is None else bar_figure(chart, words(lang)["value"])


def _short_day(day: date, lang: str) -> str:
    return f"{day.day:02d}/{day.month:02d}" if lang == "es" else f"{day.month:02d}-{day.day:02d}"


@router.get("/valuation")
def valuation_page(
    request: Request, view: ValuationView = Depends(valuation_view), state: Board = Depends(board)
) -> Response:
    shown = view.shown
    pages = max(1, -(-shown.row_count // mentions.PAGE_SIZE))
    number = min(view.page, pages)
    listed = shown.rows_at((number - 1) * mentions.PAGE_SIZE, mentions.PAGE_SIZE)
    first = (number - 1) * mentions.PAGE_SIZE + 1 if listed else 0
    query = request.url.query
    return render(
        request,
        state,
        view.lang,
        "valuation",
        start=view.start,
        end=view.end,
        valued=view.shown.valued,
        rows_html=week_rows_html(listed, view.lang, words(view.lang)["no_data"]),
        row_count=shown.row_count,
        first=first,
        last=first + len(listed) - 1 if listed else 0,
        pages=pages,
        prev_url=_page_url(request, number - 1) if number > 1 else None,
        next_url=_page_url(request, number + 1) if number < pages else None,
        unvalued=view.shown.unvalued,
        unvalued_html=unvalued_rows_html(view.shown.unvalued, view.lang),
        unvalued_count=view.shown.unvalued_count,
        chart=_chart_svg(
            _week_chart(shown.totals, view.start, view.end, view.lang, money=True), view.lang
        ),
        counts=counts_line(view.shown.valued, view.lang),
        note=ave_note(view.lang),
        csv_url=f"/valuation.csv?{query}",
        xlsx_url=f"/valuation.xlsx?{query}",
    )


@router.get("/valuation.{fmt}")
def valuation_download(fmt: str, view: ValuationView = Depends(valuation_view)) -> Response:
    rows = [vars_of(row) for row in view.shown.rows()]
    name = f"pulso-free-press-{view.start.isoformat()}-{view.end.isoformat()}"
    return downloads.download(
        rows, downloads.WEEK_VALUE_COLUMNS, fmt, lang=view.lang, name=name, title="Free press"
    )


def vars_of(row: WeekRow) -> dict[str, Any]:
    return {"week": row.week, "outlet": row.outlet, "count": row.count, "value": row.value}


@dataclass(frozen=True)
class MentionsView:
    lang: str
    span: params.Range
    outlet: str
    q: str
    page: int
    weeks_page: int = 1  # of the week × outlet table


async def mentions_view(
    range_: str | None = Query(None, alias="range"),
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    outlet: str | None = None,
    q: str | None = None,
    page: str | None = None,
    weeks_page: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> MentionsView:
    # Async: it only reads the query string, and a sync dependency costs a worker thread hop.
    span = params.resolve_range(range_, from_, to, state.today(), default="last4w")
    chosen_outlet, query = params.text(outlet, "outlet"), params.text(q, "q")
    number = params.page_number(page)
    return MentionsView(
        params.lang(lang, state.lang),
        span,
        chosen_outlet or "",
        query or "",
        number,
        params.page_number(weeks_page, "weeks_page"),
    )


def _page_url(request: Request, number: int) -> str:
    return relative(request.url.include_query_params(page=number))


@router.get("/mentions")
def mentions_page(
    request: Request, view: MentionsView = Depends(mentions_view), state: Board = Depends(board)
) -> Response:
    # The search narrows everything the page counts, not only the list.
    shown = mentions.page(
        state,
        view.span.start,
        view.span.end,
        view.outlet or None,
        view.q or None,
        view.page,
        view.weeks_page,
    )
    weeks = shown.weeks
    w = words(view.lang)
    unit = (w["mention_one"], w["mention_many"])
    query = request.url.query

    def weeks_url(number: int) -> str:
        return relative(request.url.include_query_params(weeks_page=number))

    return render(
        request,
        state,
        view.lang,
        "mentions",
        span=view.span,
        presets=params.PRESETS,
        outlet=view.outlet,
        q=view.q,
        weekly=weeks.listed,
        weeks=weeks,
        weeks_prev_url=weeks_url(weeks.page - 1) if weeks.page > 1 else None,
        weeks_next_url=weeks_url(weeks.page + 1) if weeks.page < weeks.pages else None,
        bar_figure=bar_figure,  # the macro of _bars.html, built in Python
        chart=_week_chart(
            shown.totals, view.span.start, view.span.end, view.lang, money=False, unit=unit
        ),
        weekly_rows=mention_tables.week_rows(weeks.listed, view.lang, w["no_data"]),
        listed_rows=mention_tables.list_rows(
            shown.listed, view.lang, w["no_data"], mentions.safe_url
        ),
        shown=shown,
        prev_url=_page_url(request, shown.page - 1) if shown.page > 1 else None,
        next_url=_page_url(request, shown.page + 1) if shown.page < shown.pages else None,
        matches=shown.matches,
        total=shown.total,
        csv_url=f"/mentions.csv?{query}",
        xlsx_url=f"/mentions.xlsx?{query}",
        spikes=mentions.spike_lines(state, view.span.start, view.span.end, view.lang),
        spikes_title=label("spikes_period", view.lang),
    )


@router.get("/mentions.{fmt}")
def mentions_download(
    fmt: str, view: MentionsView = Depends(mentions_view), state: Board = Depends(board)
) -> Response:
    """The searched list as its table, in CSV (for people: reports.csv_export) or XLSX."""
    name = f"pulso-menciones-{view.span.start.isoformat()}-{view.span.end.isoformat()}"
    title = label("mentions_sheet", view.lang)
    found = mentions.rows(state, view.span.start, view.span.end, view.outlet or None)
    return downloads.download(
        mentions.search(found, view.q or None),
        MENTION_CSV_COLUMNS,
        fmt,
        lang=view.lang,
        name=name,
        title=title,
        xlsx_columns=MENTION_COLUMNS,
    )
