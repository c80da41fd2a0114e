"""A small time-bounded memo for query results.

Figures change once a night; many people opening the same page within a minute should not
each re-run the same queries. Entries expire after `ttl_s`; the oldest go first past `size`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import anyio

T = TypeVar("T")


class TtlCache:
    def __init__(self, ttl_s: float = 60.0, size: int = 256) -> None:
        self.ttl_s, self.size = ttl_s, size
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def _fresh(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            found = self._items.get(key)
            if found is not None and time.monotonic() - found[0] < self.ttl_s:
                self._items.move_to_end(key)
                return True, found[1]
        return False, None

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self.ttl_s <= 0:
            return compute()
        hit, value = self._fresh(key)
        if hit:
            return cast(T, value)  # stored by this method under the same key
        now = time.monotonic()
        value = compute()
        with self._lock:
            self._items[key] = (now, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    async def get_or_compute_async(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A hit answers on the event loop; a miss computes in a worker thread (it queries)."""
        if self.ttl_s > 0:
            hit, value = self._fresh(key)
            if hit:
                return cast(T, value)
        return await anyio.to_thread.run_sync(self.get_or_compute, key, compute)
