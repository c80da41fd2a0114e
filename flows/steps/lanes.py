"""Per-platform concurrency: run many sources at once, never too many on one platform.

Platforms throttle per app and per page, so each kind of source (facebook, news, ...) gets
its own number of slots; a source starts as soon as its kind has a free slot, whatever the
other kinds are doing. Works with any executor whose futures take done-callbacks
(concurrent.futures, Prefect's task runners), so the CLI and the flows share it.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol, TypeVar

from flows.steps.sources import Source
from settings.model import CollectionConfig

# One source of truth for the defaults: `[collection] limits` in settings.
DEFAULT_LIMITS: Mapping[str, int] = CollectionConfig().limits


class Doneable(Protocol):
    def add_done_callback(self, fn: Callable[..., object], /) -> None: ...


F = TypeVar("F", bound=Doneable)


class Lanes:
    """Sources waiting per kind, and how many of each kind are running (thread-safe)."""

    def __init__(
        self,
        sources: Iterable[Source],
        limits: Mapping[str, int],
        default: int = 2,
        total: int | None = None,
    ):
        self._waiting: dict[str, deque[Source]] = {}
        for source in sources:
            self._waiting.setdefault(source.kind, deque()).append(source)
        self._limits = {kind: max(1, limits.get(kind, default)) for kind in self._waiting}
        self._running = dict.fromkeys(self._waiting, 0)
        self._total = total
        self._changed = threading.Condition()

    def _take_ready(self) -> list[Source]:
        ready: list[Source] = []
        free = (self._total or 1 << 30) - sum(self._running.values())
        for kind, queue in self._waiting.items():
            while queue and self._running[kind] < self._limits[kind] and len(ready) < free:
                ready.append(queue.popleft())
                self._running[kind] += 1
        return ready

    def next_batch(self) -> list[Source]:
        """Sources that may start now; blocks until one may, [] when none are left waiting."""
        with self._changed:
            while True:
                ready = self._take_ready()
                if ready or not any(self._waiting.values()):
                    return ready
                self._changed.wait()

    def release(self, kind: str) -> None:
        with self._changed:
            self._running[kind] -= 1
            self._changed.notify_all()


def dispatch(
    sources: Iterable[Source],
    submit: Callable[[Source], F],
    limits: Mapping[str, int] = DEFAULT_LIMITS,
    total: int | None = None,
) -> list[tuple[Source, F]]:
    """Submit every source, holding each kind (and all together) to its limit."""
    lanes = Lanes(sources, limits, total=total)
    submitted: list[tuple[Source, F]] = []
    while batch := lanes.next_batch():
        for source in batch:
            future = submit(source)
            future.add_done_callback(lambda _f, kind=source.kind: lanes.release(kind))
            submitted.append((source, future))
    return submitted
