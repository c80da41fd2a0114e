"""TikTok token state: read, refresh before expiry, and keep the rotated refresh token.

Access tokens last about two hours and every refresh returns a new refresh token (the old one
stops working), so the newest must be stored before it is used: in the file the operator
configured, written atomically with owner-only permissions. Tokens never go to logs or the
database; the file is the one place they rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from collectors.errors import AuthError, register_secret
from collectors.http import HttpSession
from collectors.tiktok.parse import TokenState, parse_token

OAUTH_PATH = "/v2/oauth/token/"
REFRESH_MARGIN = timedelta(minutes=10)
RELOGIN = "log in again with TikTok Login Kit and set PULSO_TIKTOK_REFRESH_TOKEN"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _when(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def seed_of(token: str | None) -> str | None:
    """A fingerprint of the token a rotation chain started from (never the token itself)."""
    return hashlib.sha256(token.encode()).hexdigest() if token else None


class TokenFile:
    """The operator-configured file holding the current TikTok token state.

    `seed` fingerprints the token the operator put in the environment. When the operator
    logs in again and sets a new token, the stored chain (started from the old one) is
    ignored and a new chain starts from the new token.
    """

    def __init__(self, path: Path, seed: str | None = None) -> None:
        self.path, self.seed = path, seed

    def load(self) -> TokenState | None:
        if not self.path.is_file():
            return None
        data = json.loads(self.path.read_text(encoding="utf-8"))
        if self.seed and data.get("seed") != self.seed:
            return None
        state = TokenState(
            access_token=data["access_token"],
            refresh_token=data.get("refresh_token"),
            access_expires_at=_when(data.get("access_expires_at")),
            refresh_expires_at=_when(data.get("refresh_expires_at")),
            open_id=data.get("open_id"),
            scope=data.get("scope"),
        )
        register_secret(state.access_token)
        register_secret(state.refresh_token)
        return state

    def save(self, state: TokenState) -> None:
        data = {
            "access_token": state.access_token,
            "refresh_token": state.refresh_token,
            "access_expires_at": _iso(state.access_expires_at),
            "refresh_expires_at": _iso(state.refresh_expires_at),
            "open_id": state.open_id,
            "scope": state.scope,
            "seed": self.seed,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        # A leftover temporary file keeps its old mode through O_CREAT: set it explicitly.
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(temporary, self.path)


class TikTokAuth:
    """Hands out a valid access token, refreshing (and storing the rotation) when due."""

    def __init__(
        self,
        session: HttpSession,
        *,
        initial: TokenState,
        store: TokenFile | None,
        client_key: str | None,
        client_secret: str | None,
    ) -> None:
        self.session, self.store, self.state = session, store, initial
        self.client_key, self.client_secret = client_key, client_secret
        self._lock = threading.Lock()
        register_secret(client_secret)

    def needs_refresh(self, now: datetime) -> bool:
        expires = self.state.access_expires_at
        # An access token of unknown age (fresh from the environment) is refreshed once so
        # its expiry becomes known; without refresh credentials it is used as it is.
        return expires is None or expires - REFRESH_MARGIN <= now

    def can_refresh(self) -> bool:
        return bool(self.state.refresh_token and self.client_key and self.client_secret)

    def token(self, now: datetime | None = None) -> str:
        now = now or datetime.now(UTC)
        with self._lock:
            if self.needs_refresh(now) and self.can_refresh():
                self.refresh(now)
            elif self.state.access_expires_at and self.state.access_expires_at <= now:
                expired = f"{self.state.access_expires_at:%Y-%m-%d %H:%M}"
                raise AuthError(
                    f"tiktok: the access token expired at {expired} UTC and no refresh "
                    "credentials are set; set PULSO_TIKTOK_CLIENT_KEY, "
                    "PULSO_TIKTOK_CLIENT_SECRET and PULSO_TIKTOK_REFRESH_TOKEN"
                )
            return self.state.access_token

    def refresh(self, now: datetime) -> TokenState:
        expires = self.state.refresh_expires_at
        if expires is not None and expires <= now:
            raise AuthError(f"tiktok: the refresh token expired on {expires:%Y-%m-%d}; {RELOGIN}")
        form = {
            "client_key": self.client_key or "",
            "client_secret": self.client_secret or "",
            "grant_type": "refresh_token",
            "refresh_token": self.state.refresh_token or "",
        }
        payload = self.session.post_json(OAUTH_PATH, data=form, what="tiktok token refresh")
        state = parse_token(payload, now)
        register_secret(state.access_token)
        register_secret(state.refresh_token)
        # Store before use: the old refresh token is already dead.
        if self.store is not None:
            self.store.save(state)
        self.state = state
        return state
