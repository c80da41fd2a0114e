"""HTML pages for news coverage: mentions by week and outlet, and free press (AVE)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from pulso.dashboard import coverage, downloads, mentions, params
from pulso.dashboard.chart import bar_chart
from pulso.dashboard.routes_pages import render
from pulso.dashboard.state import Board, board
from pulso.dashboard.weeks import WeekRow, week_totals
from reports.answers.mentions import COLUMNS as MENTION_COLUMNS
from reports.answers.mentions import CSV_COLUMNS as MENTION_CSV_COLUMNS
from reports.answers.valuation import counts_line
from reports.formatting import fmt_int, fmt_money
from reports.i18n import label
from valuation.free_press import Valuation
from valuation.notes import ave_note

router = APIRouter(include_in_schema=False)
MAX_LISTED = 500


@dataclass(frozen=True)
class ValuationView:
    lang: str
    start: date
    end: date
    valued: Valuation
    rows: list[WeekRow]


def valuation_view(
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> ValuationView:
    start, end = coverage.period(state, from_, to)
    valued = coverage.valuation(state, start, end)
    return ValuationView(
        params.lang(lang, state.lang), start, end, valued, coverage.value_by_week(valued)
    )


@router.get("/valuation")
def valuation_page(
    request: Request, view: ValuationView = Depends(valuation_view), state: Board = Depends(board)
) -> Response:
    totals = week_totals(view.rows, money=True)
    labels = [f"{week}: {fmt_money(v, view.lang)}" for week, v in totals]
    query = request.url.query
    return render(
        request,
        state,
        view.lang,
        "valuation",
        start=view.start,
        end=view.end,
        valued=view.valued,
        rows=view.rows,
        chart=bar_chart(totals, labels),
        counts=counts_line(view.valued, view.lang),
        note=ave_note(view.lang),
        csv_url=f"/valuation.csv?{query}",
        xlsx_url=f"/valuation.xlsx?{query}",
    )


@router.get("/valuation.{fmt}")
def valuation_download(fmt: str, view: ValuationView = Depends(valuation_view)) -> Response:
    rows = [vars_of(row) for row in view.rows]
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
    found: list[dict[str, Any]]
    listed: list[dict[str, Any]]


def mentions_view(
    range_: str | None = Query(None, alias="range"),
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    outlet: str | None = None,
    q: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> MentionsView:
    span = params.resolve_range(range_, from_, to, state.today(), default="last4w")
    chosen_outlet, query = params.text(outlet, "outlet"), params.text(q, "q")
    found = mentions.rows(state, span.start, span.end, chosen_outlet)
    listed = mentions.search(found, query)
    return MentionsView(
        params.lang(lang, state.lang), span, chosen_outlet or "", query or "", found, listed
    )


@router.get("/mentions")
def mentions_page(
    request: Request, view: MentionsView = Depends(mentions_view), state: Board = Depends(board)
) -> Response:
    weekly = mentions.by_week(view.found)
    totals = week_totals(weekly, money=False)
    query = request.url.query
    return render(
        request,
        state,
        view.lang,
        "mentions",
        span=view.span,
        presets=params.PRESETS,
        outlet=view.outlet,
        q=view.q,
        weekly=weekly,
        chart=bar_chart(totals, [f"{week}: {fmt_int(n, view.lang)}" for week, n in totals]),
        listed=view.listed[:MAX_LISTED],
        matches=len(view.listed),
        total=len(view.found),
        safe_url=mentions.safe_url,
        csv_url=f"/mentions.csv?{query}",
        xlsx_url=f"/mentions.xlsx?{query}",
        spikes=mentions.spike_lines(state, view.span.start, view.span.end, view.lang),
        spikes_title=label("spikes_period", view.lang),
    )


@router.get("/mentions.{fmt}")
def mentions_download(fmt: str, view: MentionsView = Depends(mentions_view)) -> Response:
    """The searched list as its table, in CSV (for people: reports.csv_export) or XLSX."""
    name = f"pulso-menciones-{view.span.start.isoformat()}-{view.span.end.isoformat()}"
    title = label("mentions_sheet", view.lang)
    return downloads.download(
        view.listed,
        MENTION_CSV_COLUMNS,
        fmt,
        lang=view.lang,
        name=name,
        title=title,
        xlsx_columns=MENTION_COLUMNS,
    )
