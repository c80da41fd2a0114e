"""Plain records that collectors and importers return and storage persists.

Stdlib only, so every layer can use them. Units are in the names (`duration_s`, `price_cop`);
a count the source did not give is `None`, never 0. Timestamps are timezone-aware.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

# A platform's name as collectors/registry.py declares it ("facebook", ...).
Platform = str

Medium = Literal["tv", "radio", "print", "web"]
MEDIA: tuple[Medium, ...] = ("tv", "radio", "print", "web")


@dataclass(frozen=True, slots=True)
class AccountStats:
    """One account's public counts at `fetched_at`."""

    platform: Platform
    handle: str
    fetched_at: datetime
    platform_id: str | None = None
    display_name: str | None = None
    followers: int | None = None
    following: int | None = None
    posts_count: int | None = None
    views_total: int | None = None
    likes_total: int | None = None
    # Why a count is None although the platform answered (a documented hidden count).
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PostStats:
    """One post (tweet, video, reel...) and its interaction counts at `fetched_at`.

    Which counts are its interactions is the platform's rule (storage.interactions)."""

    platform: Platform
    account_handle: str
    post_id: str
    fetched_at: datetime
    published_at: datetime | None = None
    url: str | None = None
    text: str | None = None
    media_type: str | None = None
    reactions: int | None = None
    comments: int | None = None
    shares: int | None = None
    views: int | None = None
    saves: int | None = None
    extra: dict[str, int | None] = field(default_factory=dict)
    # Why a metric is None although the platform answered (likes hidden, views refused).
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FollowerFigure:
    """A historical follower count from the office's spreadsheets (backfill)."""

    platform: Platform
    handle: str
    day: date
    followers: int


@dataclass(frozen=True, slots=True)
class Article:
    """A news item fetched from an outlet and parsed from its page."""

    outlet: str
    url: str
    canonical_url: str
    fetched_at: datetime
    title: str | None = None
    published_at: datetime | None = None
    author: str | None = None
    section: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Clip:
    """One TV/radio/print item from a clip log: airtime in seconds or print space in cm."""

    outlet: str
    aired_on: date
    title: str
    program: str | None = None
    duration_s: int | None = None
    column_cm: Decimal | None = None
