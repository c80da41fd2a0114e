"""The Campañas and Cuota de voz pages, /api/campaigns and /api/share: `pulso campaigns` and
`pulso share` in the browser and as JSON."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from pulso.dashboard import campaigns, params
from pulso.dashboard.routes_pages import render
from pulso.dashboard.state import Board, board
from reports.answers.campaigns import campaign_json
from reports.answers.share import share_json

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])

CAMPAIGN_ITEM = {
    "type": "object",
    "required": [
        "name",
        "from",
        "to",
        "posts",
        "interactions",
        "reach",
        "mentions",
        "free_press_before_iva",
    ],
    "properties": {
        "name": {"type": "string"},
        "from": {"type": ["string", "null"], "format": "date"},
        "to": {"type": ["string", "null"], "format": "date"},
        "posts": {"type": "integer"},
        "interactions": {"type": ["integer", "null"]},
        "reach": {"type": ["integer", "null"]},
        "mentions": {"type": "integer"},
        "free_press_before_iva": {"type": ["integer", "null"]},
    },
}


@router.get("/campaigns")
def campaigns_page(
    request: Request,
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> Response:
    start, end = campaigns.period(state, from_, to)
    chosen = params.lang(lang, state.lang)
    return render(
        request,
        state,
        chosen,
        "campaigns",
        start=start,
        end=end,
        rows=campaigns.figures(state, start, end),
        configured=bool(state.settings.config.campaigns),
    )


@api.get(
    "/campaigns",
    summary="Campaigns, as `pulso campaigns --format json`",
    description=(
        "Per [[campaigns]] entry, over the days of the period it ran: own posts carrying its "
        "hashtags or terms, their interactions and reach, news mentions with its terms and "
        "their free press before IVA (whole pesos). null: not measured."
    ),
    responses={
        200: {
            "content": {"application/json": {"schema": {"type": "array", "items": CAMPAIGN_ITEM}}}
        },
        400: {"description": "Invalid parameter (message in `detail`)"},
    },
)
def api_campaigns(
    from_: str | None = Query(None, alias="from", description="YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = Query(None, description="YYYY-MM-DD or DD/MM/YYYY, inclusive"),
    state: Board = Depends(board),
) -> JSONResponse:
    start, end = campaigns.period(state, from_, to)
    return JSONResponse([campaign_json(item) for item in campaigns.figures(state, start, end)])


@router.get("/share")
def share_page(
    request: Request,
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    lang: str | None = None,
    state: Board = Depends(board),
) -> Response:
    start, end = campaigns.share_period(state, from_, to)
    return render(
        request,
        state,
        params.lang(lang, state.lang),
        "share",
        start=start,
        end=end,
        rows=campaigns.share(state, start, end),
        peers=[peer.name for peer in state.settings.config.peers],
    )


@api.get(
    "/share",
    summary="Share of voice, as `pulso share --format json`",
    description=(
        "Per outlet and ISO week: the office's mentions, each [[peers]] entry's mentions and "
        "share_pct = own ÷ (own + peers') × 100 (null when nobody was mentioned)."
    ),
    responses={400: {"description": "Invalid parameter (message in `detail`)"}},
)
def api_share(
    from_: str | None = Query(None, alias="from", description="YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = Query(None, description="YYYY-MM-DD or DD/MM/YYYY, inclusive"),
    state: Board = Depends(board),
) -> JSONResponse:
    start, end = campaigns.share_period(state, from_, to)
    return JSONResponse(share_json(campaigns.share(state, start, end)))
