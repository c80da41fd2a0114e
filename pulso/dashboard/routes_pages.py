"""HTML pages: growth, compare, reports (mentions and free press in routes_news.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import URL

from pulso.dashboard import (
    archive,
    compare,
    downloads,
    exports,
    growth_view,
    params,
    queries,
    reports_files,
)
from pulso.dashboard.chart import MODES
from pulso.dashboard.i18n import words
from pulso.dashboard.security import REPORT_CSP
from pulso.dashboard.selection import Selection, apply, selection
from pulso.dashboard.state import Board, board
from reports.i18n import label
from settings.model import PLATFORM_NAMES
from storage.growth import Growth

router = APIRouter(include_in_schema=False)
NAV = ("growth", "compare", "reach", "mentions", "valuation", "campaigns", "share", "reports")


def relative(url: URL) -> str:
    """Path and query only: a link built from the Host header could point anywhere (and the
    growth page is memoised, so it would point there for everyone)."""
    return url.path + (f"?{url.query}" if url.query else "")


def render(request: Request, state: Board, lang: str, page: str, **context: Any) -> Response:
    other = "en" if lang == "es" else "es"
    context.update(
        w=words(lang),
        lang=lang,
        page=page,
        nav=NAV,
        switch_url=relative(request.url.include_query_params(lang=other)),
        organization=state.settings.config.organization,
    )
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, f"{page}.html", context)


def _lang(state: Board, value: str | None) -> str:
    return params.lang(value, state.lang)


@router.get("/")
def home(lang: str | None = None) -> RedirectResponse:
    return RedirectResponse("/growth" + (f"?lang={lang}" if lang in ("es", "en") else ""))


def _growth_items(
    state: Board, chosen: Selection, span: params.Range
) -> tuple[list[Growth], list[tuple[str, str]]]:
    items = apply(queries.growth(state, start=span.start, end=span.end), chosen)
    return items, [(g.platform, g.account) for g in items]


@dataclass(frozen=True)
class GrowthQuery:
    """The growth page's parameters, validated (shared by the page and its downloads)."""

    state: Board
    lang: str
    chosen: Selection
    span: params.Range
    view: str = growth_view.DEFAULT_MODE


async def growth_query(
    platform: list[str] = Query(default=[]),
    account: list[str] = Query(default=[]),
    range_: str | None = Query(None, alias="range"),
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    lang: str | None = None,
    view: str | None = None,
    state: Board = Depends(board),
) -> GrowthQuery:
    return GrowthQuery(
        state,
        _lang(state, lang),
        selection(platform, account),
        params.resolve_range(range_, from_, to, state.today()),
        growth_view.mode(view),
    )


@router.get("/growth")
async def growth_page(request: Request, q: GrowthQuery = Depends(growth_query)) -> Response:
    # The whole page is memoised per query string: figures change once a night.
    body = await q.state.cache.get_or_compute_async(
        ("growth-page", q.lang, q.span, q.chosen, request.url.query),
        lambda: bytes(_growth_html(request, q).body),
    )
    return Response(body, media_type="text/html; charset=utf-8")


def _growth_html(request: Request, q: GrowthQuery) -> Response:
    items, _ = _growth_items(q.state, q.chosen, q.span)
    preset_urls = {
        p: relative(request.url.remove_query_params(["from", "to"]).include_query_params(range=p))
        for p in params.PRESETS
        if p != "custom"
    }
    view_urls = {v: relative(request.url.include_query_params(view=v)) for v in MODES}
    own, peers = growth_view.split(items)
    query = request.url.query
    known = growth_view.known_accounts(q.state)  # the filters, the colours and both charts
    paint = growth_view.account_styles(q.state, known)
    return render(
        request,
        q.state,
        q.lang,
        "growth",
        items=own,
        peers=peers,
        charts=growth_view.charts(q.state, own, q.span, q.lang, q.view, paint),
        peer_charts=growth_view.charts(q.state, peers, q.span, q.lang, q.view, paint),
        view=q.view,
        view_urls=view_urls,
        names=growth_view.names(q.state),
        styles=paint,
        span=q.span,
        chosen=q.chosen,
        platforms=PLATFORM_NAMES,
        accounts=known,
        presets=params.PRESETS,
        preset_urls=preset_urls,
        csv_url=f"/growth.csv?{query}",
        xlsx_url=f"/growth.xlsx?{query}",
    )


def _download_name(span: params.Range, ext: str) -> str:
    return f"pulso-crecimiento-{span.start.isoformat()}-{span.end.isoformat()}.{ext}"


@router.get("/growth.csv")
def growth_csv(q: GrowthQuery = Depends(growth_query)) -> Response:
    items, _ = _growth_items(q.state, q.chosen, q.span)
    disposition = f'attachment; filename="{_download_name(q.span, "csv")}"'
    return Response(
        exports.growth_csv(items, q.lang),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": disposition},
    )


@router.get("/growth.xlsx")
def growth_xlsx(q: GrowthQuery = Depends(growth_query)) -> Response:
    items, _ = _growth_items(q.state, q.chosen, q.span)
    disposition = f'attachment; filename="{_download_name(q.span, "xlsx")}"'
    return Response(
        exports.growth_xlsx(items, q.lang),
        media_type=exports.XLSX_TYPE,
        headers={"content-disposition": disposition},
    )


@dataclass(frozen=True)
class CompareView:
    lang: str
    chosen: Selection
    span: compare.Periods
    rows: list[compare.Compared]


async def compare_view(
    platform: list[str] = Query(default=[]),
    account: list[str] = Query(default=[]),
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    period: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> CompareView:
    chosen = selection(platform, account)
    first, last = params.day(from_, "from"), params.day(to, "to")
    kind = compare.kind(params.text(period, "period"), bool(first or last))
    start, end = compare.choose(kind, first, last, state.today())
    params.ordered(start, end)
    span = compare.periods(start, end, kind)
    current = await queries.growth_async(
        state, platform=None, account=None, start=span.start, end=span.end
    )
    previous = await queries.growth_async(
        state, platform=None, account=None, start=span.prev_start, end=span.prev_end
    )
    prior: list[Growth] = []
    if span.before_start and span.before_end:
        prior = await queries.growth_async(
            state, platform=None, account=None, start=span.before_start, end=span.before_end
        )
    rows = compare.pair(apply(current, chosen), apply(previous, chosen), apply(prior, chosen))
    return CompareView(_lang(state, lang), chosen, span, rows)


@router.get("/compare")
def compare_page(
    request: Request, view: CompareView = Depends(compare_view), state: Board = Depends(board)
) -> Response:
    query = request.url.query
    kind_urls = {
        k: relative(request.url.remove_query_params(["from", "to"]).include_query_params(period=k))
        for k in compare.KINDS
        if k != "custom"
    }
    return render(
        request,
        state,
        view.lang,
        "compare",
        rows=view.rows,
        kinds=compare.KINDS,
        kind_urls=kind_urls,
        names=growth_view.names(state),
        span=view.span,
        chosen=view.chosen,
        platforms=PLATFORM_NAMES,
        csv_url=f"/compare.csv?{query}",
        xlsx_url=f"/compare.xlsx?{query}",
    )


@router.get("/compare.{fmt}")
def compare_download(fmt: str, view: CompareView = Depends(compare_view)) -> Response:
    rows = [downloads.compare_row(row) for row in view.rows]
    name = f"pulso-comparacion-{view.span.start.isoformat()}-{view.span.end.isoformat()}"
    title = label("compare_sheet", view.lang)
    return downloads.download(
        rows, downloads.COMPARE_COLUMNS, fmt, lang=view.lang, name=name, title=title
    )


@router.get("/reports")
def reports_page(
    request: Request, lang: str | None = None, state: Board = Depends(board)
) -> Response:
    chosen = _lang(state, lang)
    return render(
        request,
        state,
        chosen,
        "reports",
        cards=archive.cards(state),
        period_cards=archive.period_cards(state),
        week_dates=archive.week_dates,
    )


@router.get("/reports/{week}/{name}")
def report_file(
    week: str, name: str, download: bool = False, state: Board = Depends(board)
) -> Response:
    path = reports_files.resolve_report(state.reports_root, week, name)
    if path is None:
        raise HTTPException(404, "no such report file")
    media_type = reports_files.MEDIA_TYPES[path.suffix]
    inline = path.suffix in (".html", ".png", ".svg", ".pdf") and not download
    return FileResponse(
        path,
        media_type=media_type,
        filename=f"{week}-{name}",
        content_disposition_type="inline" if inline else "attachment",
        headers={"content-security-policy": REPORT_CSP},
    )
