"""Run every benchmark (bench_*.py) in turn; pass --quick for CI-sized runs.

At the end, one table of issue 17's targets: each bench records the figures it printed
(bench/common.py `record_target`, into a file this script names in $PULSO_BENCH_TARGETS), and
a target no bench recorded is listed with the reason. PostgreSQL's growth target is measured
when $PULSO_BENCH_POSTGRES_URL names a server (bench_storage.py creates its own database there).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import TARGETS_ENV, print_rows  # noqa: E402

# Issue 17's targets, in its order: (what each bench records as `target`, who measures it).
TARGETS: tuple[tuple[str, str], ...] = (
    ("pulso --help, p95", "bench_cli.py"),
    ("pulso growth, p95", "bench_cli.py"),
    ("/growth page, p95", "bench_dashboard.py"),
    ("/api/growth, p95", "bench_dashboard.py"),
    ("/mentions page, p95", "bench_dashboard.py"),
    ("/api/mentions, p95", "bench_dashboard.py"),
    ("/valuation (free press) page, p95", "bench_dashboard.py"),
    ("/api/valuation, p95", "bench_dashboard.py"),
    ("pulso valuate 1M clips, wall", "bench_valuation.py"),
    ("pulso valuate 1M clips, peak memory", "bench_valuation.py"),
    ("pulso demo, nothing cached", "bench_demo.py"),
    ("pulso demo, re-run", "bench_demo.py"),
    ("growth 7.3M snapshots, SQLite", "bench_storage.py"),
    ("growth 7.3M snapshots, PostgreSQL", "bench_storage.py"),
    ("make test", ""),
)
WHY_MISSING = {
    "growth 7.3M snapshots, PostgreSQL": "not run: set PULSO_BENCH_POSTGRES_URL",
    "make test": "not run here: time `make test` (CI runs it; target < 5 min)",
}
HEADER = ("target", "measured", "limit", "met", "baseline", "baseline figure", "ratio", "load")


def amount(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    digits = {"ms": 1, "s": 2, "MB": 0}.get(unit, 2)
    return f"{value:,.{digits}f} {unit}"


def summary_rows(
    records: Iterable[Mapping[str, Any]], failed: Sequence[str] = ()
) -> list[list[str]]:
    """One row per target: issue 17's in order, then any other recorded one. A target recorded
    twice shows its last figure. ratio = baseline figure / measured (above 1: better than the
    baseline by that factor); met is judged only on a full-size run."""
    latest = {record["target"]: record for record in records}
    names = [name for name, _ in TARGETS] + [n for n in latest if n not in dict(TARGETS)]
    rows = []
    for name in names:
        record = latest.get(name)
        if record is None:
            bench = dict(TARGETS).get(name, "")
            reason = f"not run: {bench} failed" if bench in failed else None
            reason = reason or WHY_MISSING.get(name) or f"not recorded by {bench}"
            rows.append([name, reason, "-", "-", "-", "-", "-", "-"])
            continue
        unit, measured, base = record["unit"], record["measured"], record["baseline_value"]
        if not record.get("full_size", True):
            met = "- (smaller run)"
        else:
            met = "yes" if measured < record["limit"] else "NO"
        ratio = f"{base / measured:.2f}x" if base is not None and measured > 0 else "-"
        rows.append(
            [
                name,
                amount(measured, unit),
                f"< {record['limit']:g} {unit}",
                met,
                record["baseline"],
                amount(base, unit),
                ratio,
                f"{record['load']:.2f}",
            ]
        )
    return rows


def read_records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main() -> int:
    failed = []
    with tempfile.TemporaryDirectory(prefix="pulso-bench-") as folder:
        targets = Path(folder) / "targets.jsonl"
        env = os.environ | {TARGETS_ENV: str(targets)}
        print(f"load average at the start: {os.getloadavg()} (cpus: {os.cpu_count()})")
        for script in sorted(HERE.glob("bench_*.py")):
            print(f"\n# {script.name}", flush=True)
            done = subprocess.run([sys.executable, str(script), *sys.argv[1:]], env=env)
            if done.returncode != 0:
                failed.append(script.name)
        records = read_records(targets)
    print_rows(
        "Issue 17 targets (ratio = baseline figure / measured; load = 1-min load average "
        "when the figure was recorded)",
        HEADER,
        summary_rows(records, failed),
    )
    print(f"load average at the end: {os.getloadavg()}")
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
