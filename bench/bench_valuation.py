"""Valuing a year of clip logs: the indexed rate lookup against a naive scan of every rate row.

Default: 1,000,000 clips against 1,000 rate rows (target: under 5 s on one core). The naive
scan (each clip checks every rate row) is timed on a sample in the same run and reported as
time per clip, so the ratio compares like with like. `--quick` for CI-size runs.

    .venv/bin/python bench/bench_valuation.py [--quick] [--clips N]

Then `pulso valuate` end to end, as the office runs it: the same clips and rates stored in a
SQLite database, the command run as a subprocess (`python -m pulso valuate --format json`),
wall time, CPU time and peak RSS of that process (os.wait4's rusage, taken by a small
interpreter that starts it: a child of the bench would inherit the bench's own peak) against the previous way of
reading clips run the same way: ORM entities loaded per clip into a list, then the same dict
of each outlet's rates, the whole valuation held and dumped (`--orm-valuate`, patching in
`orm_clip_items` and `held_json` below); now the clips stream. Target: 1,000,000 clips under
10 s and 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import record_target  # noqa: E402
from valuation.free_press import CoverageItem, item_value, value_coverage  # noqa: E402
from valuation.rate_cards import MEASURE_UNITS, Rate, RateIndex, validate_rates  # noqa: E402

START, END = date(2025, 1, 1), date(2026, 12, 31)
OUTLETS = 250  # x 4 rate rows each = 1,000 rows
PROGRAMS = ("emision central", "matinal", "fin de semana")


def make_rates() -> list[Rate]:
    rates = []
    for n in range(OUTLETS):
        outlet = f"medio {n}"
        for year in (2025, 2026):
            rates.append(_rate(f"r{len(rates)}", outlet, "", year, 1_000_000 + n * 1_000))
        for program in PROGRAMS[:2]:
            rates.append(_rate(f"r{len(rates)}", outlet, program, 2026, 2_000_000 + n * 1_000))
    return rates


def _rate(ref: str, outlet: str, program: str, year: int, price: int) -> Rate:
    return Rate(
        ref=ref,
        outlet=outlet,
        outlet_key=outlet,
        medium="tv",
        unit="minute" if program else "second",
        price_cop=Decimal(price if program else price // 60),
        valid_from=date(year, 1, 1),
        valid_to=date(year, 12, 31),
        program=program or None,
        program_key=program,
    )


def make_clips(count: int, seed: int = 7) -> list[CoverageItem]:
    rng = random.Random(seed)
    days = [START + timedelta(days=d) for d in range((END - START).days + 1)]
    clips = []
    for n in range(count):
        outlet = f"medio {rng.randrange(OUTLETS + 10)}"  # 10 outlets have no rate card
        program = rng.choice(PROGRAMS)
        clips.append(
            CoverageItem(
                outlet=outlet,
                outlet_key=outlet,
                aired_on=rng.choice(days),
                title=f"nota {n}",
                program=program,
                program_key=program,
                seconds=rng.randrange(10, 600),
            )
        )
    return clips


def naive_value(clips: list[CoverageItem], rates: list[Rate]) -> int:
    """The baseline: scan every rate row for every clip, applying the same rule."""
    total = 0
    for clip in clips:
        best: Rate | None = None
        for rate in rates:
            if (
                rate.outlet_key == clip.outlet_key
                and rate.program_key in (clip.program_key, "")
                and rate.unit in MEASURE_UNITS[clip.measure]
                and rate.in_force(clip.aired_on)
                and (best is None or _better(rate, best))
            ):
                best = rate
        if best is not None:
            total += item_value(clip, best)
    return total


def _better(rate: Rate, best: Rate) -> bool:
    return (rate.program_key != "", rate.valid_from) > (best.program_key != "", best.valid_from)


def timed(action):  # type: ignore[no-untyped-def]
    """Result, wall seconds and CPU seconds: on a shared machine CPU time is the one-core cost."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def seed_database(folder: Path, clips: list[CoverageItem], rates: list[Rate]) -> None:
    """The clips and rate rows stored as `pulso import` would leave them."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from storage.db import make_engine
    from storage.migrate import upgrade
    from storage.models import Clip, Outlet, RateCard

    engine = make_engine(f"sqlite:///{folder / 'pulso.db'}")
    upgrade(engine)
    now = datetime.now(UTC)
    keys = {r.outlet_key for r in rates} | {c.outlet_key for c in clips}
    outlets = {key: n + 1 for n, key in enumerate(sorted(keys))}
    with engine.begin() as connection:
        connection.execute(
            insert(Outlet), [{"id": i, "name": k, "name_key": k} for k, i in outlets.items()]
        )
        connection.execute(insert(RateCard), [_card(r, outlets, now) for r in rates])
        for first in range(0, len(clips), 50_000):
            chunk = clips[first : first + 50_000]
            rows = [_clip(first + n, c, outlets, now) for n, c in enumerate(chunk)]
            connection.execute(insert(Clip), rows)
    engine.dispose()


def _card(rate: Rate, outlets: dict[str, int], now: object) -> dict[str, object]:
    return {
        "outlet_id": outlets[rate.outlet_key],
        "program": rate.program,
        "program_key": rate.program_key,
        "medium": rate.medium,
        "unit": rate.unit,
        "price_cop": rate.price_cop,
        "valid_from": rate.valid_from,
        "valid_to": rate.valid_to,
        "imported_at": now,
    }


def _clip(n: int, clip: CoverageItem, outlets: dict[str, int], now: object) -> dict[str, object]:
    return {
        "clip_key": f"{n:064d}",
        "outlet_id": outlets[clip.outlet_key],
        "program": clip.program,
        "program_key": clip.program_key or "",
        "aired_on": clip.aired_on,
        "title": clip.title,
        "duration_s": clip.seconds,
        "column_cm": clip.column_cm,
        "source_row": n,
        "imported_at": now,
    }


def orm_clip_items(session: Any, start: date, end: date) -> list[CoverageItem]:
    """The baseline: `clip_items` (storage/coverage_reads.py) as it was, loading ORM entities."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from storage.models import Clip, Outlet

    # The command now reads through a plain connection: the baseline loads its entities through
    # an ORM session on it, as the command did.
    orm = session if isinstance(session, Session) else Session(bind=session)
    query = (
        select(Clip, Outlet)
        .join(Outlet, Clip.outlet_id == Outlet.id)
        .where(Clip.aired_on.between(start, end))
        .order_by(Clip.aired_on, Outlet.name, Clip.program_key, Clip.id)
    )
    return [
        CoverageItem(
            outlet=outlet.name,
            outlet_key=outlet.name_key,
            aired_on=clip.aired_on,
            title=clip.title,
            program=clip.program,
            program_key=clip.program_key,
            seconds=clip.duration_s,
            column_cm=Decimal(clip.column_cm) if clip.column_cm is not None else None,
        )
        for clip, outlet in orm.execute(query)
    ]


def orm_valuate() -> None:
    """`pulso valuate --format json` as it was before issue 17: clips loaded as ORM entities
    into a list, the whole valuation held, the whole answer dumped at once."""
    import runpy

    import pulso.cli.valuate_cmd as command
    import storage.coverage_reads
    from pulso.cli.output import print_json
    from reports.answers import valuation as answer

    def held_json(start: date, end: date, iva_rate: Decimal, tz: Any, *estimated: Any) -> None:
        valuation = command.value_period(
            command.open_database(), start, end, iva_rate=iva_rate, tz=tz
        )
        print_json(answer.valuation_json(valuation, command._estimates(valuation, *estimated)))

    storage.coverage_reads.iter_clip_items = lambda session, start, end: iter(
        orm_clip_items(session, start, end)
    )
    command._print_json = held_json
    sys.argv = ["pulso", "valuate", "--format", "json"]
    runpy.run_module("pulso", run_name="__main__")


# Linux copies the parent's peak RSS into a child at exec (and vfork shares the parent's
# memory until then), so a child of this process, which holds a million clips, would report
# this process's peak as its own. The command is started by a small interpreter instead,
# which reports the command's wall time, CPU time and peak RSS on its stderr.
_MEASURE = """
import json, os, subprocess, sys, time
began = time.perf_counter()
process = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(process.pid, 0)
sys.stderr.write(json.dumps([time.perf_counter() - began, usage.ru_utime + usage.ru_stime,
                             usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)]))
"""


def run_measured(
    command: list[str], env: dict[str, str]
) -> tuple[float, float, float, dict[str, Any]]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of that one process, and
    its JSON answer: on a shared machine the CPU time is what the command costs."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        measurer = [sys.executable, "-c", _MEASURE, *command]
        subprocess.run(measurer, env=env, stdout=out, stderr=err, cwd=ROOT, check=True)
        err.seek(0)
        wall, cpu, peak_mb, code = json.loads(err.read().decode().splitlines()[-1])
        if code != 0:
            raise SystemExit(f"{command} failed ({code})")
        out.seek(0)
        return wall, cpu, peak_mb, json.loads(out.read())


def end_to_end(count: int, rates: list[Rate], clips: list[CoverageItem]) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        seed_database(Path(folder), clips, rates)
        print(f"\nstored {count:,} clips in SQLite in {time.perf_counter() - began:.1f} s")
        (Path(folder) / "pulso.toml").write_text('timezone = "America/Bogota"\n')
        env = os.environ | {"PULSO_DATA_DIR": folder, "PULSO_CONFIG": f"{folder}/pulso.toml"}
        base = [sys.executable, str(Path(__file__).resolve()), "--orm-valuate"]
        now = [sys.executable, "-m", "pulso", "valuate", "--format", "json"]
        b_wall, b_cpu, b_mb, b_answer = run_measured(base, env)
        n_wall, n_cpu, n_mb, n_answer = run_measured(now, env)
    assert b_answer == n_answer, "the baseline and `pulso valuate` disagree"
    print(f"load average: {os.getloadavg()}")
    head = f"{'pulso valuate, end to end':<40}{'wall s':>9}{'cpu s':>8}{'peak MB':>9}"
    print(f"{head}{'ratio (cpu)':>13}")
    name = "baseline: ORM entities + rate dict"
    print(f"{name:<40}{b_wall:>9.2f}{b_cpu:>8.2f}{b_mb:>9.0f}{1.0:>12.1f}x")
    name = "now: driver rows, rate timeline"
    print(f"{name:<40}{n_wall:>9.2f}{n_cpu:>8.2f}{n_mb:>9.0f}{b_cpu / n_cpu:>12.1f}x")
    base, full = "ORM entities + rate dict", count >= 1_000_000
    record_target("pulso valuate 1M clips, wall", n_wall, 10, "s", base, b_wall, full_size=full)
    record_target(
        "pulso valuate 1M clips, peak memory", n_mb, 500, "MB", base, b_mb, full_size=full
    )
    if count < 1_000_000:
        print("target (1,000,000 clips < 10 s, < 500 MB): not checked at this size")
        return True
    ok = n_wall < 10 and n_mb < 500
    print(f"target (1,000,000 clips < 10 s, < 500 MB): {'met' if ok else 'NOT met'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 clips")
    parser.add_argument("--clips", type=int, default=None)
    parser.add_argument("--orm-valuate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.orm_valuate:
        orm_valuate()
        return 0
    print(f"load average: {os.getloadavg()} (cpus: {os.cpu_count()})")
    count = args.clips or (100_000 if args.quick else 1_000_000)
    rates = make_rates()
    assert not validate_rates(rates)
    clips = make_clips(count)
    sample = clips[: min(2_000, count)]

    index, build_wall, build_cpu = timed(lambda: RateIndex(rates))
    result, value_wall, value_cpu = timed(
        lambda: value_coverage(clips, index, start=START, end=END)
    )
    naive_total, naive_wall, naive_cpu = timed(lambda: naive_value(sample, rates))
    check = value_coverage(sample, index, start=START, end=END)
    assert naive_total == check.total_before_iva, "index and naive scan disagree"

    indexed_cpu, indexed_wall = build_cpu + value_cpu, build_wall + value_wall
    per_clip_naive, per_clip_indexed = naive_cpu / len(sample), indexed_cpu / count
    print(f"{len(rates):,} rate rows, {count:,} clips ({len(result.unvalued):,} unvalued)")
    print(f"{'method':<26}{'clips':>11}{'wall s':>9}{'cpu s':>8}{'µs/clip':>9}{'ratio':>8}")
    rows = [
        ("naive scan (baseline)", len(sample), naive_wall, naive_cpu, per_clip_naive, 1.0),
        (
            "indexed (build + value)",
            count,
            indexed_wall,
            indexed_cpu,
            per_clip_indexed,
            per_clip_naive / per_clip_indexed,
        ),
    ]
    for name, clips_n, wall, cpu, per_clip, ratio in rows:
        print(
            f"{name:<26}{clips_n:>11,}{wall:>9.2f}{cpu:>8.2f}{per_clip * 1e6:>9.2f}{ratio:>7.1f}x"
        )
    print(f"naive scan for all {count:,} clips: ~{per_clip_naive * count:,.0f} s of CPU")
    target_ok = count < 1_000_000 or indexed_cpu < 5
    print(
        f"target (1,000,000 clips < 5 s on one core, CPU time): {'met' if target_ok else 'NOT met'}"
    )
    stored = clips if not args.quick else clips[:20_000]
    e2e_ok = end_to_end(len(stored), rates, stored)
    return 0 if target_ok and e2e_ok else 1


if __name__ == "__main__":
    sys.exit(main())
