"""What Pulso knows about one platform, declared once: `Platform`, and what its builders get.

Each platform package declares `PLATFORM = Platform(...)` in `collectors/<name>/platform.py`,
and collectors/registry.py lists them. Settings reads the declarations as data (names,
credentials and their environment variables, `[api]` keys); flows hand a `Setup` of plain
values to `Platform.collector` and to the token check, so collectors never import settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the HTTP stack is imported when a client is built, not to read the registry
    import httpx
    from requests.adapters import BaseAdapter

    from collectors.base import Collector, Target
    from collectors.http import HttpPolicy

REPLAY_SECRET = "replay-placeholder"  # noqa: S105 - not a credential: replay needs none
Built = TypeVar("Built")


@dataclass(frozen=True, slots=True)
class Credential:
    """One value read from the environment, e.g. `meta_access_token` <- PULSO_META_ACCESS_TOKEN."""

    name: str
    env: str
    secret: bool = True  # False: an identifier (app id, client key), not kept as SecretStr


@dataclass(frozen=True, slots=True)
class Option:
    """One key of pulso.toml's `[api]` section; `default` None makes it optional text."""

    name: str
    kind: type
    default: Any
    minimum: int | None = None


@dataclass
class Clients:
    """Clients built once per run and shared by platforms (Facebook and Instagram: one Graph)."""

    built: dict[str, Any] = field(default_factory=dict)
    closers: list[Callable[[], None]] = field(default_factory=list)

    def once(self, key: str, build: Callable[[], Built]) -> Built:
        if key not in self.built:
            self.built[key] = build()
        built: Built = self.built[key]
        return built

    def on_close(self, close: Callable[[], None]) -> None:
        self.closers.append(close)

    def close(self) -> None:
        for close in self.closers:
            close()
        self.closers.clear()


@dataclass(frozen=True)
class Setup:
    """What a platform's builders get from the run: plain values, never Settings."""

    policy: HttpPolicy
    clients: Clients
    credentials: Mapping[str, str]  # the credentials set in the environment
    options: Mapping[str, Any]  # `[api]`
    accounts: tuple[Target, ...]  # this platform's configured accounts, in config order
    data_dir: Path
    now: datetime
    # Recorded answers instead of the network (`--replay`): credentials are not needed.
    transport: httpx.BaseTransport | None = None
    adapter: BaseAdapter | None = None
    # `[insights]` as plain values (metric names per kind, enabled, live_days, zone).
    insights: Mapping[str, Any] = field(default_factory=dict)
    # Units recorded by this platform's sources since an instant (YouTube's daily quota).
    spent_since: Callable[[datetime], int] = lambda _since: 0

    @property
    def replay(self) -> bool:
        return self.transport is not None

    def token(self, name: str) -> str | None:
        """A credential that calls carry; replay stands a placeholder in for a missing one."""
        return self.credentials.get(name) or (REPLAY_SECRET if self.replay else None)

    def app_credential(self, name: str) -> str | None:
        """A credential only the real platform checks (app secret, client key): not on replay."""
        return None if self.replay else self.credentials.get(name)


@dataclass(frozen=True, slots=True)
class TokenStatus:
    """What a platform says about its credential: valid until `expires_at`, or a `problem`."""

    detail: str
    expires_at: datetime | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class TokenCheck:
    """One row of `pulso tokens check`; `run` answers None when the credential is not set."""

    name: str  # "meta" checks the one token Facebook and Instagram share
    missing: str
    run: Callable[[Setup], TokenStatus | None]


def no_skip(target: Target, setup: Setup) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class PostExport:
    """A post export people download from the platform's own tools (`pulso import posts`).

    `columns` maps Pulso's names (post_id, account, account_id, title, text, published_at,
    url, media_type, reactions, comments, shares, views, saves, quotes) to the headers the
    export writes. A header is this export's when it has one of `signature` and one of
    `alternatives` (compared case- and accent-insensitively). Meta's export is declared by
    Facebook and Instagram alike: which one a row is comes from its permalink's host."""

    name: str
    label: str
    columns: Mapping[str, tuple[str, ...]]
    signature: tuple[str, ...]
    alternatives: tuple[str, ...] = ()
    required: tuple[str, ...] = ("post_id", "published_at")
    # How its slashed dates read when no date in the file says (a day above 12): DD/MM or MM/DD.
    day_first: bool = True
    # Rows that are totals, not posts (their post_id cell), skipped.
    summary_rows: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PaidReads:
    """Posts are bought per read: a backfill asks before more than `[api] <pages_option>` pages."""

    pages_option: str
    reachable_pages: int  # the most the API serves back in time (X: the newest 3,200 posts)
    page_size: int
    price_per_post_usd: float


def no_post_url(handle: str, post_id: str) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class Platform:
    """Everything flows, settings, the CLI and the demo need to know about one platform."""

    name: str
    label: str  # how the office calls it in reports and pages
    credentials: tuple[Credential, ...]
    missing_credential: str  # why its accounts are skipped when the credentials are absent
    collector: Callable[[Setup], Collector | None]  # None: credentials missing
    options: tuple[Option, ...] = ()
    concurrency: int = 1  # default `[collection] limits` for this platform
    # Why an account is not collected although credentials exist (peers the API cannot read).
    skip: Callable[[Target, Setup], str | None] = no_skip
    token_check: TokenCheck | None = None
    # Posts are paid per read: ask only for those newer than the newest stored (`since_id`).
    newer_posts_only: bool = False
    # Other names an office spreadsheet uses for it ("fb", "x").
    aliases: tuple[str, ...] = ()
    # A post's interactions: these stored metrics summed (storage.interactions, README).
    interactions: tuple[str, ...] = ("reactions", "comments", "shares")
    # The stored metric that holds impressions / views, where the platform gives them.
    impressions: str | None = None
    views: str | None = None
    # The same rule in words (Spanish, English) for the reports' note on interactions.
    interaction_words: tuple[str, str] = ("", "")
    # History from before Pulso: the exports people have, the hosts of its post links, a post's
    # link from handle and id, `[api]` values a backfill reads with (the date, not the page
    # limit, ends it), and the price of paid reads (asked before spending).
    exports: tuple[PostExport, ...] = ()
    hosts: tuple[str, ...] = ()
    post_url: Callable[[str, str], str | None] = no_post_url
    backfill_options: Mapping[str, Any] = field(default_factory=dict)
    paid_reads: PaidReads | None = None
