"""The dashboard application: `create_app(settings, engine)` wires state, safety and routes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from pulso.dashboard import (
    routes_api,
    routes_campaigns,
    routes_coverage,
    routes_pages,
    routes_reach,
)
from pulso.dashboard.cache import TtlCache
from pulso.dashboard.chart import dots_markup
from pulso.dashboard.chart_markup import legend, line_paths
from pulso.dashboard.growth_table import growth_rows
from pulso.dashboard.i18n import words
from pulso.dashboard.names import account_name, style_of
from pulso.dashboard.params import BadParam, dmy, field
from pulso.dashboard.routes_pages import NAV, relative
from pulso.dashboard.security import BasicLogin, SecurityHeaders
from pulso.dashboard.selection import account_choices
from pulso.dashboard.state import Board, bogota_today
from pulso.dashboard.weeks import week_label
from reports import formatting
from reports.i18n import medium_name, platform_name
from reports.messages import unvalued_reason
from settings import Settings
from storage.keys import handle_key

HERE = Path(__file__).parent


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        fint=formatting.fmt_int,
        fsigned=formatting.fmt_signed,
        fpct=formatting.fmt_pct,
        fmoney=formatting.fmt_money,
        fdate=formatting.fmt_date,
        fdatetime=formatting.fmt_datetime,
        hkey=handle_key,
        fplatform=platform_name,  # the shared display names: "X (Twitter)", "Televisión"
        fmedium=lambda medium, lang: medium_name(medium, lang) or "",
        # Why an item was not valued, in the page's language (the report's words).
        freason=lambda item, lang: (
            unvalued_reason(item.code, item.params, lang) if item.code else item.reason
        ),
        fname=lambda handle, platform, names=None: account_name(platform, handle, names),
        fstyle=lambda found, platform, handle: style_of(found, platform, handle),
        finput=_input_date,
        fweek=week_label,
        fsize=_size,
        fdots=dots_markup,  # a chart line's dots, built in Python (pulso.dashboard.chart)
        # What fifty accounts made slow loops, built in Python: a growth table's rows, a
        # chart's lines and legend, the account filters' checkboxes.
        fgrowth_rows=growth_rows,
        flines=line_paths,
        flegend=legend,
        faccount_choices=account_choices,
    )
    return Jinja2Templates(env=env)


def _input_date(value: date | None, lang: str) -> str:
    """A date field's text: dd/mm/aaaa in Spanish whatever the browser's language."""
    return "" if value is None else (dmy(value) if lang == "es" else value.isoformat())


def _size(count: int, lang: str) -> str:
    if count >= 1_000_000:
        return f"{formatting.fmt_decimal(count / 1_000_000, lang, 1)} MB"
    if count >= 1_000:
        return f"{formatting.fmt_decimal(count / 1_000, lang, 0)} kB"
    return f"{formatting.fmt_int(count, lang)} B"


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang")
    state: Board = request.app.state.board
    return lang if lang in ("es", "en") else state.lang


def _error(request: Request, status: int, message: str) -> Response:
    """JSON for the API, a small page for people; the message is escaped by the template."""
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    chosen = _lang(request)
    templates: Jinja2Templates = request.app.state.templates
    other = "en" if chosen == "es" else "es"
    context = {
        "w": words(chosen),
        "lang": chosen,
        "message": message,
        "status": status,
        "page": "error",
        "nav": NAV,
        "switch_url": relative(request.url.include_query_params(lang=other)),
        "organization": request.app.state.board.settings.config.organization,
        "back_url": f"{request.url.path if status == 400 else '/growth'}?lang={chosen}",
    }
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def _spanish(status: int, detail: str) -> str:
    """The HTTP errors a page can meet, in Spanish (the API keeps the English `detail`)."""
    if detail.startswith("outlet: no outlet "):
        return f"{field('outlet')}: no hay un medio llamado {detail.removeprefix('outlet: no outlet ')}"
    if detail == "no such report file":
        return "Ese archivo de informe no existe."
    return {404: "Página no encontrada.", 405: "Método no permitido."}.get(
        status, f"Error {status}."
    )


def _install_errors(app: FastAPI) -> None:
    async def bad_param(request: Request, error: Exception) -> Response:
        # The API speaks English to scripts, as the CLI does; pages speak the reader's language.
        assert isinstance(error, BadParam)
        return _error(
            request, 400, str(error) if _is_api(request) else error.message(_lang(request))
        )

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "query")
        if not _is_api(request) and _lang(request) == "es":
            return _error(request, 400, f"{field(where)}: valor no válido")
        return _error(request, 400, f"{where}: {first.get('msg', 'invalid value')}")

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        message = str(error.detail)
        if not _is_api(request) and _lang(request) == "es":
            message = _spanish(error.status_code, message)
        return _error(request, error.status_code, message)

    app.add_exception_handler(BadParam, bad_param)
    app.add_exception_handler(RequestValidationError, invalid)
    # Starlette's own 404 (no such route) too, not only the handlers' HTTPException.
    app.add_exception_handler(StarletteHTTPException, http_error)


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    require_login: bool = False,
    today: Callable[[], date] | None = None,
    cache_ttl_s: float = 60.0,
) -> FastAPI:
    """Read-only dashboard over `engine`; with `require_login` a password hash must be set."""
    app = FastAPI(
        title="Pulso",
        version="1",
        description="Read-only figures of the Alcaldía de Cali's communications office.",
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline, not CSP-safe
        redoc_url=None,
    )
    app.state.board = Board(
        settings, engine, today or bogota_today(settings), TtlCache(cache_ttl_s)
    )
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_coverage.router)
    app.include_router(routes_campaigns.router)
    app.include_router(routes_campaigns.api)
    app.include_router(routes_reach.router)
    app.include_router(routes_reach.api)
    _install_errors(app)
    if require_login:
        secret = settings.secrets.dashboard_password_hash
        if secret is None:
            raise ValueError(
                "a login is required off localhost: set PULSO_DASHBOARD_PASSWORD_HASH "
                "(make one with `pulso dashboard --hash-password`)"
            )
        app.add_middleware(BasicLogin, password_hash=secret.get_secret_value())
    app.add_middleware(SecurityHeaders)
    return app
