"""A nightly run in its own process, for the kill-and-rerun test: `python -m ... BASE [stall]`."""

from __future__ import annotations

import sys

import flows.nightly
from flows.steps.collection import Plan
from tests.flows.fakes import HttpSource


def main(base: str, stall: bool) -> None:
    sources = [
        HttpSource("facebook", "AlcaldiaDeCali", base),
        HttpSource("twitter", "AlcaldiaDeCali", base, stall=stall),
        HttpSource("youtube", "AlcaldiaDeCali", base),
    ]
    flows.nightly.plan_sources = lambda *_a, **_k: Plan(list(sources))  # type: ignore[assignment]
    state = flows.nightly.nightly(return_state=True)
    print(state.name)


if __name__ == "__main__":
    main(sys.argv[1], len(sys.argv) > 2 and sys.argv[2] == "stall")
