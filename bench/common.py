"""Small helpers every benchmark shares: timing, medians, a printed table, a target's record."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_seconds(action: Callable[[], Any], repeat: int = 5) -> float:
    return statistics.median(timed(action)[0] for _ in range(repeat))


def print_rows(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    print(f"\n## {title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# bench/run.py names a file here; each bench appends its issue-17 targets' figures to it, and
# run.py prints them as one summary table at the end of `make bench`.
TARGETS_ENV = "PULSO_BENCH_TARGETS"


def record_target(
    target: str,
    measured: float,
    limit: float,
    unit: str,
    baseline: str,
    baseline_value: float | None,
    *,
    full_size: bool = True,
) -> None:
    """One target's figure, its limit and its baseline's figure (same unit, same run) as a
    JSON line in the file $PULSO_BENCH_TARGETS names; run on its own, a bench records nothing.
    `full_size` is False when the run is smaller than the target's size (--quick): the figure
    is then shown, but not judged against the target."""
    path = os.environ.get(TARGETS_ENV)
    if not path:
        return
    record = {
        "target": target,
        "measured": measured,
        "limit": limit,
        "unit": unit,
        "baseline": baseline,
        "baseline_value": baseline_value,
        "full_size": full_size,
        "load": os.getloadavg()[0],
        "bench": os.path.basename(sys.argv[0]),
    }
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")
