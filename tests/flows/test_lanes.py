"""Per-platform limits: many sources at once, never more than a platform's slots."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flows.steps.lanes import Lanes, dispatch


@dataclass(frozen=True)
class Item:
    key: str
    kind: str


def test_a_kind_gets_no_more_than_its_slots_while_others_start() -> None:
    items = [Item(f"facebook:{i}", "facebook") for i in range(3)] + [Item("news:a", "news")]
    lanes = Lanes(items, {"facebook": 1, "news": 2})
    first = lanes.next_batch()
    assert [i.key for i in first] == ["facebook:0", "news:a"]
    lanes.release("facebook")
    assert [i.key for i in lanes.next_batch()] == ["facebook:1"]


def test_a_total_limit_caps_every_kind_together() -> None:
    items = [Item(f"news:{i}", "news") for i in range(5)] + [Item("twitter:x", "twitter")]
    lanes = Lanes(items, {"news": 4, "twitter": 1}, total=3)
    assert len(lanes.next_batch()) == 3


def test_dispatch_runs_everything_and_respects_limits_under_threads() -> None:
    items = [Item(f"{kind}:{i}", kind) for kind in ("facebook", "news") for i in range(6)]
    running = {"facebook": 0, "news": 0}
    peak = {"facebook": 0, "news": 0}
    lock = threading.Lock()

    def work(item: Item) -> str:
        with lock:
            running[item.kind] += 1
            peak[item.kind] = max(peak[item.kind], running[item.kind])
        time.sleep(0.02)
        with lock:
            running[item.kind] -= 1
        return item.key

    with ThreadPoolExecutor(max_workers=8) as pool:
        done = dispatch(items, lambda item: pool.submit(work, item), {"facebook": 2, "news": 3})
        keys = sorted(future.result() for _item, future in done)
    assert keys == sorted(i.key for i in items)
    assert peak == {"facebook": 2, "news": 3}
