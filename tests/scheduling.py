"""The order of the collected tests under pytest-xdist: the slow ones first, spread over workers.

`make test` runs `--dist worksteal`: each worker is first sent a contiguous share of the
collection, and an idle worker later steals from the tail of another's queue, never the test a
worker holds next. Two minute-long tests side by side (the two live tests, say) then run one
after the other on one worker while the other idles, and a long test collected late starts
late and ends the run alone. So the tests marked `slow` are dealt round-robin to the start of
each worker's share, where they start at once and cannot be stolen into one queue. A module
whose slow tests share a fixture wider than one test (the demo's two runs) moves whole, so
that fixture is still built once. Which tests run, and how, is unchanged: only their order.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

WIDE_SCOPES = {"class", "module", "package"}


def shares(total: int, workers: int) -> list[int]:
    """The sizes of the contiguous shares worksteal first sends `workers` idle workers."""
    sizes: list[int] = []
    for worker in range(workers):
        sizes.append((total - sum(sizes)) // (workers - worker))
    return sizes


def _path(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def _shares_a_wide_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info is not None else ()
    return any(found and found[-1].scope in WIDE_SCOPES for found in definitions)


def slow_units(items: Sequence[pytest.Item]) -> list[list[pytest.Item]]:
    """The slow tests, each alone, or their whole module when it shares a wider fixture."""
    by_module: dict[str, list[pytest.Item]] = {}
    for item in items:
        if item.get_closest_marker("slow"):
            by_module.setdefault(_path(item), []).append(item)
    units: list[list[pytest.Item]] = []
    for path, slow in by_module.items():
        if any(_shares_a_wide_fixture(item) for item in slow):
            units.append([item for item in items if _path(item) == path])
        else:
            units.extend([item] for item in slow)
    return units


def slow_first(items: Sequence[pytest.Item], workers: int) -> list[pytest.Item]:
    """`items` reordered so each worker's first share starts with its part of the slow tests."""
    units = slow_units(items)
    if workers < 2 or not units:
        return list(items)
    heads: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for number, unit in enumerate(units):
        heads[number % workers].extend(unit)
    moved = {id(item) for head in heads for item in head}
    rest = [item for item in items if id(item) not in moved]
    ordered: list[pytest.Item] = []
    for worker, size in enumerate(shares(len(items), workers)):
        fill = max(0, size - len(heads[worker])) if worker < workers - 1 else len(rest)
        ordered += heads[worker] + rest[:fill]
        rest = rest[fill:]
    return ordered
