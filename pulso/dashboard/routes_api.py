"""JSON API: the same answers as the CLI's `--format json` for the same arguments."""

from __future__ import annotations

from typing import Any, cast

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from flows.steps.activity import activity_report, default_period
from pulso.dashboard import coverage, mentions, params, queries
from pulso.dashboard.state import Board, board
from reports.answers.activity import BY_CHOICES, WEB, By, TooManyPeriods, activity_answer
from reports.answers.growth import growth_answer
from reports.answers.mentions import mentions_json
from settings.model import PLATFORM_NAMES

router = APIRouter(prefix="/api", tags=["api"])

_POINT = {
    "type": "object",
    "properties": {
        "date": {"type": ["string", "null"], "format": "date"},
        "followers": {"type": ["integer", "null"]},
    },
}
GROWTH_ITEM: dict[str, Any] = {
    "type": "object",
    "required": ["platform", "account", "start", "end", "change", "change_pct"],
    "properties": {
        "platform": {"type": "string"},
        "account": {"type": "string"},
        "start": _POINT,
        "end": _POINT,
        "change": {"type": ["integer", "null"]},
        "change_pct": {"type": ["number", "null"]},
    },
}
GROWTH_SCHEMA = {"oneOf": [GROWTH_ITEM, {"type": "array", "items": GROWTH_ITEM}]}
ERROR = {
    "application/json": {"schema": {"type": "object", "properties": {"detail": {"type": "string"}}}}
}


@router.get(
    "/growth",
    summary="Follower growth, as `pulso growth --format json`",
    description=(
        "One object when both platform and account are given and match one account, "
        "otherwise a list. start = the last snapshot on or before `from` (else the first after "
        "it), end = the last on or before `to`; change_pct is rounded to 2 decimals."
    ),
    responses={
        200: {
            "description": "Growth per account",
            "content": {"application/json": {"schema": GROWTH_SCHEMA}},
        },
        400: {"description": "Invalid parameter (message in `detail`)", "content": ERROR},
        404: {"description": "No such account", "content": ERROR},
    },
)
async def api_growth(
    platform: str | None = Query(None, description=", ".join(PLATFORM_NAMES)),
    account: str | None = Query(None, description="account handle (with or without @)"),
    from_: str | None = Query(None, alias="from", description="YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = Query(None, description="YYYY-MM-DD or DD/MM/YYYY"),
    state: Board = Depends(board),
) -> JSONResponse:
    chosen = params.platform(platform)
    handle = params.text(account, "account")
    start, end = params.day(from_, "from"), params.day(to, "to")
    params.ordered(start, end)
    items = await queries.growth_async(state, platform=chosen, account=handle, start=start, end=end)
    if handle and not items:
        where = f" on {chosen}" if chosen else ""
        raise HTTPException(404, f"account: no account {handle!r}{where}")
    return JSONResponse(growth_answer(items, one=bool(chosen and handle)))


@router.get(
    "/valuation",
    summary="Free-press value (AVE), as `pulso valuate --format json`, its items a page at a time",
    description=(
        "Clips and web mentions of the period valued at the outlet's rate in force on the air "
        "date, before IVA; money in whole pesos. Without from/to the stored data's first and "
        "last days are used. `estimates` appears only when broadcasts or monitored_share is given. "
        "The totals are the whole period's; `items` then `unvalued` hold at most `limit` items "
        f"(default {coverage.API_LIMIT:,}, at most {coverage.API_MAX_LIMIT:,}) from `offset` of "
        "the CLI's valued items followed by its unvalued ones; the `X-Total-Count` header gives "
        "how many the two lists hold in all and `Link` (rel=next) the next page while there is one."
    ),
    responses={400: {"description": "Invalid parameter (message in `detail`)", "content": ERROR}},
)
def api_valuation(
    request: Request,
    from_: str | None = Query(None, alias="from", description="YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = Query(None, description="YYYY-MM-DD or DD/MM/YYYY, inclusive"),
    broadcasts: int | None = Query(None, ge=1, le=100_000, description="estimate: × broadcasts"),
    monitored_share: str | None = Query(None, description="estimate: ÷ this % monitored"),
    limit: int = Query(
        coverage.API_LIMIT, ge=1, le=coverage.API_MAX_LIMIT, description="items per page"
    ),
    offset: int = Query(0, ge=0, le=100_000_000, description="items to skip"),
    state: Board = Depends(board),
) -> Response:
    start, end = coverage.period(state, from_, to)
    share_pct = coverage.share(monitored_share)
    body, total = coverage.valuation_answer(
        state, start, end, broadcasts, share_pct, limit=limit, offset=offset
    )
    # The bytes JSONResponse would write for the answer, written once.
    headers = _paging(request, total, limit, offset)
    return Response(body, headers=headers, media_type=JSONResponse.media_type)


@router.get(
    "/mentions",
    summary="News mentions, as `pulso mentions --format json`, a page at a time",
    description=(
        "One item per news article that mentions the office (Bogotá days, inclusive), in the "
        "CLI's order (oldest first). At most `limit` items (default "
        f"{mentions.API_LIMIT:,}, at most {mentions.API_MAX_LIMIT:,}) from `offset`; the "
        "`X-Total-Count` header gives how many the period has in all and `Link` (rel=next) the "
        "next page while there is one."
    ),
    responses={400: {"description": "Invalid parameter (message in `detail`)", "content": ERROR}},
)
def api_mentions(
    request: Request,
    from_: str | None = Query(None, alias="from", description="YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = Query(None, description="YYYY-MM-DD or DD/MM/YYYY, inclusive"),
    outlet: str | None = Query(None, description="outlet name (case/accent-insensitive)"),
    limit: int = Query(
        mentions.API_LIMIT, ge=1, le=mentions.API_MAX_LIMIT, description="items per page"
    ),
    offset: int = Query(0, ge=0, le=100_000_000, description="items to skip"),
    state: Board = Depends(board),
) -> JSONResponse:
    start, end = params.day(from_, "from"), params.day(to, "to")
    params.ordered(start, end)
    found, total = mentions.api_rows(
        state, start, end, params.text(outlet, "outlet"), limit, offset
    )
    return JSONResponse(mentions_json(found), headers=_paging(request, total, limit, offset))


def _paging(request: Request, total: int, limit: int, offset: int) -> dict[str, str]:
    """How many items in all, and the next page's address while there is one."""
    headers = {"x-total-count": str(total)}
    if offset + limit < total:
        following = request.url.include_query_params(offset=offset + limit, limit=limit)
        headers["link"] = f'<{following.path}?{following.query}>; rel="next"'
    return headers


def _activity_platform(value: str | None) -> str | None:
    if value is not None and value.strip().lower() == WEB:
        return WEB
    return params.platform(value)


def _by(value: str | None) -> By | None:
    value = params.text(value, "by")
    if value is not None and value not in BY_CHOICES:
        choices = ", ".join(BY_CHOICES)
        raise params.BadParam(
            f"by: must be one of {choices} (got {value!r})",
            f"{params.field('by')}: debe ser una de {choices} ({value!r})",
        )
    return cast(By, value) if value else None


@router.get(
    "/activity",
    summary="Publishing activity, as `pulso activity --format json`",
    description=(
        "Per own account (and own portal, platform `web`): posts published in [from, to] "
        "(Bogotá days), interactions as last measured up to `to`, impressions and views where "
        "the platform gives them (null otherwise), engagement rate = interactions ÷ followers "
        "at `to` × 100. `by` (day, week, month) adds `periods`. Without dates: the year to date."
    ),
    responses={
        400: {"description": "Invalid parameter (message in `detail`)", "content": ERROR},
        404: {"description": "No such account", "content": ERROR},
    },
)
def api_activity(
    platform: str | None = Query(None, description=", ".join((*PLATFORM_NAMES, WEB))),
    account: str | None = Query(None, description="account handle, or the portal's name"),
    from_: str | None = Query(None, alias="from", description="YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = Query(None, description="YYYY-MM-DD or DD/MM/YYYY, inclusive"),
    by: str | None = Query(None, description="day, week or month"),
    state: Board = Depends(board),
) -> JSONResponse:
    chosen, periods = _activity_platform(platform), _by(by)
    handle = params.text(account, "account")
    start, end = params.day(from_, "from"), params.day(to, "to")
    tz = state.settings.config.tz
    start, end = default_period(start, end, tz, today=state.today())
    params.ordered(start, end)
    try:
        items = activity_report(
            state.engine, from_=start, to=end, tz=tz, platform=chosen, account=handle, by=periods
        )
    except TooManyPeriods as error:
        raise params.BadParam(f"by: {error}") from None
    if handle and not items:
        where = f" on {chosen}" if chosen else ""
        raise HTTPException(404, f"account: no own account {handle!r}{where}")
    answer = activity_answer(items, one=bool(chosen and handle), by=periods is not None)
    return JSONResponse(answer)
