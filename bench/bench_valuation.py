"""Valuing a year of clip logs: the indexed rate lookup against a naive scan of every rate row.

Default: 1,000,000 clips against 1,000 rate rows (target: under 5 s on one core). The naive
scan (each clip checks every rate row) is timed on a sample in the same run and reported as
time per clip, so the ratio compares like with like. `--quick` for CI-size runs.

    .venv/bin/python bench/bench_valuation.py [--quick] [--clips N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 clips")
    parser.add_argument("--clips", type=int, default=None)
    args = parser.parse_args()
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
    return 0 if target_ok else 1


if __name__ == "__main__":
    sys.exit(main())
