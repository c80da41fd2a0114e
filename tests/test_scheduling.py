"""The slow tests are dealt to the start of each xdist worker's first share, nothing lost."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

import pytest

from tests.scheduling import shares, slow_first


@dataclass
class Item:
    nodeid: str
    slow: bool = False
    scope: str = "function"  # the widest fixture the test uses
    _fixtureinfo: Any = field(init=False)

    def __post_init__(self) -> None:
        self._fixtureinfo = SimpleNamespace(
            name2fixturedefs={"fixture": [SimpleNamespace(scope=self.scope)]}
        )

    def get_closest_marker(self, name: str) -> object | None:
        return object() if name == "slow" and self.slow else None


def order(items: list[Item], workers: int) -> list[str]:
    return [item.nodeid for item in slow_first(cast(list[pytest.Item], items), workers)]


def test_shares_are_the_contiguous_split_worksteal_sends() -> None:
    assert shares(10, 2) == [5, 5] and shares(11, 2) == [5, 6] and shares(7, 3) == [2, 2, 3]


def test_slow_tests_head_each_share_and_a_module_sharing_a_fixture_moves_whole() -> None:
    items = [
        Item("a.py::fast1"),
        Item("a.py::long1", slow=True),
        Item("a.py::long2", slow=True),
        Item("b.py::fast", scope="module"),
        Item("b.py::long", slow=True, scope="module"),
        *(Item(f"c.py::fast{n}") for n in range(5)),
    ]
    ordered = order(items, 2)
    assert sorted(ordered) == sorted(item.nodeid for item in items)
    first, second = ordered[:5], ordered[5:]
    assert first[:2] == ["a.py::long1", "b.py::fast"] and first[2] == "b.py::long"
    assert second[0] == "a.py::long2"
    # The rest keep their order.
    rest = [
        n for n in ordered if n not in {"a.py::long1", "a.py::long2", "b.py::fast", "b.py::long"}
    ]
    assert rest == ["a.py::fast1", *(f"c.py::fast{n}" for n in range(5))]


def test_one_process_keeps_the_collected_order() -> None:
    items = [Item("a.py::fast"), Item("a.py::long", slow=True)]
    assert order(items, 0) == order(items, 1) == ["a.py::fast", "a.py::long"]
