"""What every social collector looks like, and the one pagination loop they share.

A collector takes a `Target` (one configured account) and returns `Collected`: the account's
counts, its recent posts and notes for the run record (what was deliberately not collected).
Collectors do network I/O only through collectors/http.py and parse with pure functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from collectors.capture import RawAnswer
from collectors.records import (
    AccountStats,
    InsightValue,
    LiveVideo,
    Platform,
    PostStats,
    Thumbnail,
)

Item = TypeVar("Item")
Cursor = TypeVar("Cursor")


@dataclass(frozen=True, slots=True)
class Target:
    """One configured account, as a collector needs it."""

    platform: Platform
    handle: str
    platform_id: str | None = None
    own: bool = True
    collect_posts: bool = True
    # X: the newest post already stored, so only newer (paid) posts are read.
    since_id: str | None = None
    # Backfill (`pulso backfill posts --since D`): read posts back to this instant, not older.
    posts_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class Collected:
    """A collector's answer for one account."""

    account: AccountStats
    posts: tuple[PostStats, ...] = ()
    notes: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    # Reach, views and other insights metrics (account per day, posts per night), if any.
    insights: tuple[InsightValue, ...] = ()
    lives: tuple[LiveVideo, ...] = ()
    # What the platform answered, kept so records can be re-parsed when parsing improves.
    raw: tuple[RawAnswer, ...] = ()
    # Own posts' pictures fetched this run (flows/steps/thumbnails.py), stored with the posts.
    thumbnails: tuple[Thumbnail, ...] = ()


class Collector(Protocol):
    """One platform's collector; `collect` raises a CollectorError on failure."""

    platform: str

    def collect(self, target: Target, fetched_at: datetime) -> Collected: ...


@dataclass(frozen=True, slots=True)
class Page(Generic[Item, Cursor]):
    """One page of results and the cursor of the next one (None at the end)."""

    items: list[Item]
    next_cursor: Cursor | None


@dataclass(frozen=True, slots=True)
class Paged(Generic[Item]):
    items: list[Item]
    pages: int
    truncated: bool  # more pages existed beyond the configured limit

    def note(self, what: str) -> tuple[str, ...]:
        if not self.truncated:
            return ()
        return (f"{what}: stopped after {self.pages} page(s) (limit); older items not read",)


def paginate(
    fetch: Callable[[Cursor | None], Page[Item, Cursor]],
    *,
    max_pages: int,
    max_items: int | None = None,
    stop: Callable[[list[Item]], bool] | None = None,
) -> Paged[Item]:
    """Follow cursors until the end, `max_pages` pages or `max_items` items, or until `stop`
    says a page reached far enough back (a backfill's date)."""
    items: list[Item] = []
    cursor: Cursor | None = None
    pages = 0
    while pages < max_pages:
        page = fetch(cursor)
        pages += 1
        items.extend(page.items)
        cursor = page.next_cursor
        if cursor is None or not page.items:
            return Paged(_cap(items, max_items), pages, truncated=False)
        if max_items is not None and len(items) >= max_items:
            return Paged(_cap(items, max_items), pages, truncated=False)
        if stop is not None and stop(page.items):
            return Paged(items, pages, truncated=False)
    return Paged(items, pages, truncated=cursor is not None)


def reached(since: datetime | None) -> Callable[[list[PostStats]], bool] | None:
    """A `paginate` stop for newest-first posts: the page holds one published before `since`."""
    if since is None:
        return None
    return lambda posts: any(p.published_at is not None and p.published_at < since for p in posts)


def not_before(posts: list[PostStats], since: datetime | None) -> list[PostStats]:
    """The posts published at or after `since` (all of them without a bound)."""
    if since is None:
        return posts
    return [p for p in posts if p.published_at is None or p.published_at >= since]


def _cap(items: list[Item], max_items: int | None) -> list[Item]:
    return items if max_items is None else items[:max_items]
