"""Building the platform clients for one run from settings (credentials, base URLs, replay).

A platform without credentials is not built: its accounts are skipped with the reason. With
`--replay DIR` every client reads recorded answers instead of the network, through the same
policy, and placeholder credentials stand in for the real ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr
from requests.adapters import BaseAdapter

from collectors.graph.api import GraphApi
from collectors.http import HttpPolicy, HttpSession
from collectors.replay import ReplayAdapter, ReplayStore, ReplayTransport
from collectors.tiktok.parse import TokenState
from collectors.tiktok.rules import TikTokRules
from collectors.tiktok.tokens import TikTokAuth, TokenFile, seed_of
from collectors.twitter.client import make_client
from collectors.youtube.client import QuotaMeter, YouTubeApi
from collectors.youtube.rules import PACIFIC
from flows.steps.http_policy import http_policy
from settings import Settings

REPLAY_SECRET = "replay-placeholder"  # noqa: S105 - not a credential: replay needs none


def secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value else None


def pacific_day_start(now: datetime) -> datetime:
    """YouTube's quota day starts at midnight Pacific time."""
    local = now.astimezone(PACIFIC)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def tiktok_token_path(settings: Settings) -> Path:
    configured = settings.config.api.tiktok_token_file
    return Path(configured) if configured else settings.data_dir / "tiktok-token.json"


@dataclass
class ClientFactory:
    """Lazily built clients for one run; `close()` releases them."""

    settings: Settings
    replay: ReplayStore | None = None
    policy: HttpPolicy = field(init=False)
    _built: dict[str, Any] = field(default_factory=dict)
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.policy = http_policy(self.settings.config)

    @property
    def transport(self) -> httpx.BaseTransport | None:
        return ReplayTransport(self.replay) if self.replay else None

    @property
    def adapter(self) -> BaseAdapter | None:
        return ReplayAdapter(self.replay) if self.replay else None

    def _credential(self, value: SecretStr | None) -> str | None:
        return secret(value) or (REPLAY_SECRET if self.replay else None)

    def _once(self, name: str, build: Callable[[], Any]) -> Any:
        if name not in self._built:
            self._built[name] = build()
        return self._built[name]

    def graph(self) -> GraphApi | None:
        token = self._credential(self.settings.secrets.meta_access_token)
        if token is None:
            return None
        api = self.settings.config.api

        def build() -> GraphApi:
            graph = GraphApi(
                self.policy,
                token=token,
                version=api.graph_version,
                base_url=api.graph_base_url,
                app_secret=None if self.replay else secret(self.settings.secrets.meta_app_secret),
                transport=self.transport,
            )
            self._closers.append(graph.close)
            return graph

        return self._once("graph", build)

    def twitter(self) -> Any | None:
        token = self._credential(self.settings.secrets.x_bearer_token)
        if token is None:
            return None
        base = self.settings.config.api.x_base_url
        return self._once(
            "twitter",
            lambda: make_client(self.policy, bearer_token=token, base_url=base, inner=self.adapter),
        )

    def youtube(self, spent_today: Callable[[], int]) -> YouTubeApi | None:
        key = self._credential(self.settings.secrets.youtube_api_key)
        if key is None:
            return None
        api = self.settings.config.api

        def build() -> YouTubeApi:
            meter = QuotaMeter(api.youtube_daily_quota, spent=spent_today())
            client = YouTubeApi(
                self.policy,
                api_key=key,
                quota=meter,
                base_url=api.youtube_base_url,
                transport=self.transport,
            )
            self._closers.append(client.close)
            return client

        return self._once("youtube", build)

    def tiktok(self) -> tuple[HttpSession, TikTokAuth] | None:
        state, store = self._tiktok_state()
        if state is None:
            return None
        secrets = self.settings.secrets

        def build() -> tuple[HttpSession, TikTokAuth]:
            session = HttpSession(
                self.policy,
                rules=TikTokRules(),
                base_url=self.settings.config.api.tiktok_base_url.rstrip("/"),
                transport=self.transport,
            )
            self._closers.append(session.close)
            auth = TikTokAuth(
                session,
                initial=state,
                store=store,
                client_key=None if self.replay else secrets.tiktok_client_key,
                client_secret=None if self.replay else secret(secrets.tiktok_client_secret),
            )
            return session, auth

        return self._once("tiktok", build)

    def _tiktok_state(self) -> tuple[TokenState | None, TokenFile | None]:
        if self.replay:
            return TokenState(REPLAY_SECRET, None, None, None), None
        secrets = self.settings.secrets
        access, refresh = secret(secrets.tiktok_access_token), secret(secrets.tiktok_refresh_token)
        store = TokenFile(tiktok_token_path(self.settings), seed=seed_of(refresh or access))
        stored = store.load()
        if stored is not None:
            return stored, store
        if not access and not refresh:
            return None, store
        # Without a stored state the access token's age is unknown: mark it as due so a
        # refresh (when possible) makes its expiry known.
        due = datetime.now(UTC) - timedelta(seconds=1) if refresh else None
        return TokenState(access or "", refresh, due, None), store

    def close(self) -> None:
        for closer in self._closers:
            closer()
        self._closers.clear()
