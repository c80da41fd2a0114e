"""HTML pages for news coverage: mentions by week and outlet, and free press (AVE)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from pulso.cli.valuate_cmd import counts_line
from pulso.dashboard import coverage, mentions, params
from pulso.dashboard.chart import bar_chart
from pulso.dashboard.routes_pages import render
from pulso.dashboard.state import Board, board
from pulso.dashboard.weeks import week_totals
from reports.formatting import fmt_int, fmt_money
from valuation.notes import ave_note

router = APIRouter(include_in_schema=False)


@router.get("/valuation")
def valuation_page(
    request: Request,
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> Response:
    chosen = params.lang(lang, state.lang)
    start, end = coverage.period(state, from_, to)
    valued = coverage.valuation(state, start, end)
    rows = coverage.value_by_week(valued)
    totals = week_totals(rows, money=True)
    chart = bar_chart(totals, [f"{week}: {fmt_money(v, chosen)}" for week, v in totals])
    return render(
        request,
        state,
        chosen,
        "valuation",
        start=start,
        end=end,
        valued=valued,
        rows=rows,
        chart=chart,
        counts=counts_line(valued, chosen),
        note=ave_note(chosen),
    )


MAX_LISTED = 500


@router.get("/mentions")
def mentions_page(
    request: Request,
    range_: str | None = Query(None, alias="range"),
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    outlet: str | None = None,
    q: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> Response:
    chosen = params.lang(lang, state.lang)
    span = params.resolve_range(range_, from_, to, state.today(), default="last4w")
    found = mentions.rows(state, span.start, span.end, params.text(outlet, "outlet"))
    weekly = mentions.by_week(found)
    totals = week_totals(weekly, money=False)
    listed = mentions.search(found, params.text(q, "q"))
    return render(
        request,
        state,
        chosen,
        "mentions",
        span=span,
        presets=params.PRESETS,
        outlet=outlet or "",
        q=q or "",
        weekly=weekly,
        chart=bar_chart(totals, [f"{week}: {fmt_int(n, chosen)}" for week, n in totals]),
        listed=listed[:MAX_LISTED],
        matches=len(listed),
        total=len(found),
        safe_url=mentions.safe_url,
    )
