"""TikTok as Pulso knows it: the Display API for the office's own account, with tokens that
rotate on every refresh (kept in an owner-only file)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from collectors.platform import (
    REPLAY_SECRET,
    Credential,
    Option,
    Platform,
    Setup,
    TokenCheck,
    TokenStatus,
)
from collectors.tiktok.rules import TikTokRules

if TYPE_CHECKING:  # the HTTP stack is imported when a client is built, not to read the registry
    from collectors.base import Collector, Target
    from collectors.http import HttpSession
    from collectors.tiktok.parse import TokenState
    from collectors.tiktok.tokens import TikTokAuth, TokenFile

# The Research API (the one that reads other accounts) is not offered to a Colombian city
# government; the Display API reads only the account that logged in.
PEER_LIMITATION = (
    "TikTok's Display API reads only the office's own logged-in account; no peer counts"
)
MISSING = (
    "no TikTok token: set PULSO_TIKTOK_ACCESS_TOKEN or PULSO_TIKTOK_REFRESH_TOKEN "
    "(with PULSO_TIKTOK_CLIENT_KEY and PULSO_TIKTOK_CLIENT_SECRET)"
)


def token_path(setup: Setup) -> Path:
    configured = setup.options["tiktok_token_file"]
    return Path(configured) if configured else setup.data_dir / "tiktok-token.json"


def initial_state(setup: Setup) -> tuple[TokenState | None, TokenFile | None]:
    """The stored rotation if it started from the configured token, else the environment's."""
    from collectors.tiktok.parse import TokenState

    if setup.replay:
        return TokenState(REPLAY_SECRET, None, None, None), None
    from collectors.tiktok.tokens import TokenFile, seed_of

    access = setup.credentials.get("tiktok_access_token")
    refresh = setup.credentials.get("tiktok_refresh_token")
    store = TokenFile(token_path(setup), seed=seed_of(refresh or access))
    stored = store.load()
    if stored is not None:
        return stored, store
    if not access and not refresh:
        return None, store
    # Without a stored state the access token's age is unknown: mark it as due so a
    # refresh (when possible) makes its expiry known.
    due = datetime.now(UTC) - timedelta(seconds=1) if refresh else None
    return TokenState(access or "", refresh, due, None), store


def session_and_auth(setup: Setup) -> tuple[HttpSession, TikTokAuth] | None:
    state, store = initial_state(setup)
    if state is None:
        return None

    def build() -> tuple[HttpSession, TikTokAuth]:
        from collectors.http import HttpSession
        from collectors.tiktok.tokens import TikTokAuth

        session = HttpSession(
            setup.policy,
            rules=TikTokRules(),
            base_url=setup.options["tiktok_base_url"].rstrip("/"),
            transport=setup.transport,
        )
        setup.clients.on_close(session.close)
        auth = TikTokAuth(
            session,
            initial=state,
            store=store,
            client_key=setup.app_credential("tiktok_client_key"),
            client_secret=setup.app_credential("tiktok_client_secret"),
        )
        return session, auth

    return setup.clients.once("tiktok", build)


def collector(setup: Setup) -> Collector | None:
    from collectors.tiktok.client import TikTokCollector

    built = session_and_auth(setup)
    return None if built is None else TikTokCollector(*built, max_pages=setup.options["max_pages"])


def skip(target: Target, setup: Setup) -> str | None:
    return None if target.own else PEER_LIMITATION


def check_token(setup: Setup) -> TokenStatus | None:
    """One user-info read; the refresh token's expiry is what a person must renew."""
    built = session_and_auth(setup)
    if built is None:
        return None
    session, auth = built
    from collectors.tiktok.client import TikTokCollector

    TikTokCollector(session, auth).user_info("token check")
    access = auth.state.access_expires_at
    detail = f"access token until {access:%Y-%m-%d %H:%M} UTC" if access else "access token works"
    return TokenStatus(detail, auth.state.refresh_expires_at)


PLATFORM = Platform(
    name="tiktok",
    label="TikTok",
    credentials=(
        Credential("tiktok_access_token", "PULSO_TIKTOK_ACCESS_TOKEN"),
        Credential("tiktok_refresh_token", "PULSO_TIKTOK_REFRESH_TOKEN"),
        Credential("tiktok_client_key", "PULSO_TIKTOK_CLIENT_KEY", secret=False),
        Credential("tiktok_client_secret", "PULSO_TIKTOK_CLIENT_SECRET"),
    ),
    missing_credential=MISSING,
    collector=collector,
    options=(
        Option("tiktok_base_url", str, "https://open.tiktokapis.com"),
        # Where the rotated tokens are kept (owner-only file); default: the data directory.
        Option("tiktok_token_file", str, None),
    ),
    skip=skip,
    token_check=TokenCheck("tiktok", "set PULSO_TIKTOK_REFRESH_TOKEN", check_token),
    aliases=("tik tok",),
    views="views",
    interaction_words=("me gusta + comentarios + compartidos", "likes + comments + shares"),
)
