"""The Graph API as Facebook and Instagram declare it: the Meta credentials, `[api]` keys,
the one shared client, and the token check (one Meta token serves both platforms)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collectors.errors import register_secret
from collectors.metrics import DEFAULT_METRICS
from collectors.platform import Credential, Option, Setup, TokenCheck, TokenStatus

if TYPE_CHECKING:  # the client (httpx) is imported when it is built: reading this costs nothing
    from collectors.graph.api import GraphApi
    from collectors.graph.insights import InsightsConfig

DEFAULT_VERSION = "v25.0"
DEFAULT_BASE_URL = "https://graph.facebook.com"

CREDENTIALS = (
    Credential("meta_access_token", "PULSO_META_ACCESS_TOKEN"),
    Credential("meta_app_id", "PULSO_META_APP_ID", secret=False),
    Credential("meta_app_secret", "PULSO_META_APP_SECRET"),
)
OPTIONS = (
    Option("graph_version", str, DEFAULT_VERSION),
    Option("graph_base_url", str, DEFAULT_BASE_URL),
)
MISSING = "no Meta token: set PULSO_META_ACCESS_TOKEN"


def graph(setup: Setup) -> GraphApi | None:
    """The run's one Graph client (built on first use), or None without a Meta token."""
    token = setup.token("meta_access_token")
    if token is None:
        return None

    def build() -> GraphApi:
        from collectors.graph.api import GraphApi

        api = GraphApi(
            setup.policy,
            token=token,
            version=setup.options["graph_version"],
            base_url=setup.options["graph_base_url"],
            app_secret=setup.app_credential("meta_app_secret"),
            transport=setup.transport,
        )
        setup.clients.on_close(api.close)
        return api

    return setup.clients.once("graph", build)


def insights(setup: Setup) -> InsightsConfig:
    """`[insights]` for the Graph collectors: metric names per kind, from config or defaults."""
    from collectors.graph.insights import InsightsConfig

    given = setup.insights
    metrics = {kind: tuple(given.get(kind, default)) for kind, default in DEFAULT_METRICS.items()}
    return InsightsConfig(
        enabled=bool(given.get("enabled", True)),
        metrics=metrics,
        live_days=int(given.get("live_days", 30)),
        zone=str(given.get("zone", "America/Bogota")),
    )


def _debug_params(setup: Setup) -> dict[str, str]:
    params = {"input_token": setup.credentials.get("meta_access_token") or "replay"}
    app_id, app_secret = (
        setup.app_credential("meta_app_id"),
        setup.app_credential("meta_app_secret"),
    )
    if app_id and app_secret:
        # An app token inspects any token of the app; without one the token inspects itself.
        app_token = f"{app_id}|{app_secret}"
        register_secret(app_token)
        from collectors.graph.api import appsecret_proof

        params["access_token"] = app_token
        params["appsecret_proof"] = appsecret_proof(app_token, app_secret)
    return params


def check_token(setup: Setup) -> TokenStatus | None:
    """Meta's debug_token: validity, expiry and scopes of the token."""
    from collectors.graph.parse import parse_debug_token

    api = graph(setup)
    if api is None:
        return None
    info = parse_debug_token(api.get("debug_token", _debug_params(setup), what="meta debug_token"))
    if not info.valid:
        return TokenStatus("", info.expires_at, info.problem or "token is not valid")
    return TokenStatus(f"scopes: {', '.join(info.scopes) or '?'}", info.expires_at)


TOKEN_CHECK = TokenCheck("meta", "set PULSO_META_ACCESS_TOKEN", check_token)
