"""The platforms' clients for one run: each platform's `Setup`, built from settings.

What a platform needs (credentials, `[api]` keys, its accounts) is handed over as plain values;
how its client is built lives in the platform's package (collectors/<name>/platform.py). A
platform without credentials builds nothing: its accounts are skipped with the reason. With
`--replay DIR` every client reads recorded answers instead of the network, through the same
policy, and placeholder credentials stand in for the real ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from collectors.base import Target
from collectors.http import HttpPolicy
from collectors.platform import Clients, Platform, Setup
from collectors.replay import ReplayAdapter, ReplayStore, ReplayTransport
from flows.steps.http_policy import http_policy
from settings import AccountConfig, Settings


def target_for(account: AccountConfig) -> Target:
    return Target(
        platform=account.platform,
        handle=account.handle,
        platform_id=account.id,
        own=account.own,
        collect_posts=account.collect_posts,
    )


@dataclass
class ClientFactory:
    """Each platform's `Setup` for one run, sharing clients built once; `close()` releases them."""

    settings: Settings
    replay: ReplayStore | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    # Units a platform's sources recorded since an instant (YouTube's quota), by platform name.
    spent_since: Callable[[str, datetime], int] = lambda _platform, _since: 0
    policy: HttpPolicy = field(init=False)
    clients: Clients = field(default_factory=Clients)

    def __post_init__(self) -> None:
        self.policy = http_policy(self.settings.config)

    def setup(self, platform: Platform) -> Setup:
        settings = self.settings
        accounts = [a for a in settings.config.accounts if a.platform == platform.name]
        return Setup(
            policy=self.policy,
            clients=self.clients,
            credentials=settings.secrets.credentials(),
            options=settings.config.api.options(),
            accounts=tuple(target_for(account) for account in accounts),
            data_dir=settings.data_dir,
            now=self.now,
            transport=ReplayTransport(self.replay) if self.replay else None,
            adapter=ReplayAdapter(self.replay) if self.replay else None,
            spent_since=lambda since: self.spent_since(platform.name, since),
            insights={
                **settings.config.insights.model_dump(),
                "zone": settings.config.timezone,
            },
        )

    def close(self) -> None:
        self.clients.close()
