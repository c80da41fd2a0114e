"""Start-up of the commands people type, each in a fresh process, as they run it.

`pulso --help`, `pulso growth --format json`, `pulso mentions`, `pulso valuate`, `pulso activity`
and `pulso share` through the installed console script, on a small SQLite database (the demo's
bundled history, rate card and clip log: a few accounts and a few hundred rows), several
rounds, median and p95 wall time, and the median CPU time (user + system of the process) as a
multiple of the baseline's: wall time follows the machine's load, that ratio survives it.

Pulso's modules are byte-compiled first, as `pip install` does for an installed copy: an
editable install run with PYTHONDONTWRITEBYTECODE set would otherwise compile every Pulso
module from source on every run, which no user's installed `pulso` does.

Baseline, measured in the same run and the same rounds: `python -c "import sqlalchemy"`, the
floor for any command that touches the database: the interpreter starting and importing the
database library every such command needs. Target: every command under 0.5 s.

`--baseline-tree DIR` (an unpacked copy of another checkout, e.g. main's) runs each command
from that tree too, in the same rounds, and prints this tree's CPU time as a multiple of
that tree's.

    .venv/bin/python bench/bench_cli.py [--quick] [--baseline-tree DIR]
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import print_rows, record_target, timed  # noqa: E402

TARGET_S = 0.5
BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "pulso" / "demo"
PACKAGES = (
    "pulso",
    "settings",
    "collectors",
    "valuation",
    "flows",
    "storage",
    "reports",
    "importers",
)
SMALL_DATABASE = [
    ["db", "upgrade"],
    ["import", "followers", str(DEMO / "history.csv")],
    ["import", "rates", str(DEMO / "rates.csv")],
    ["import", "clips", str(DEMO / "clips_2020.csv")],
]
COMMANDS = {
    'python -c "import sqlalchemy" (baseline)': [sys.executable, "-c", "import sqlalchemy"],
    "pulso --help": [str(BIN / "pulso"), "--help"],
    "pulso growth --format json": [str(BIN / "pulso"), "growth", "--format", "json"],
    "pulso mentions --format json": [str(BIN / "pulso"), "mentions", "--format", "json"],
    "pulso valuate --format json": [str(BIN / "pulso"), "valuate", "--format", "json"],
    "pulso activity --format json": [str(BIN / "pulso"), "activity", "--format", "json"],
    "pulso share --format json": [str(BIN / "pulso"), "share", "--format", "json"],
}


def run(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """Run `argv`; its CPU time (user + system, children of this process) in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PULSO_"))}
    env["PULSO_DATA_DIR"] = str(work / "data")
    env["PULSO_DATABASE_URL"] = f"sqlite:///{work / 'small.db'}"
    env["COLUMNS"] = "100"
    return env


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def from_tree(tree: Path, argv: list[str]) -> list[str]:
    """`argv` (a `pulso` command line) run from `tree`'s code instead of the installed one."""
    run = f"import sys; sys.path.insert(0, {str(tree)!r}); from pulso.cli.app import main; sys.exit(main())"
    return [sys.executable, "-c", run, *argv[1:]]


def with_tree(tree: Path) -> dict[str, list[str]]:
    """Every command, then each again from `tree` (compiled as an installed copy would be)."""
    for package in PACKAGES:
        compileall.compile_dir(tree / package, quiet=1)
    commands = dict(COMMANDS)
    for name, argv in COMMANDS.items():
        if not name.endswith("(baseline)"):
            commands[f"{name} [baseline tree]"] = from_tree(tree.resolve(), argv)
    return commands


def print_tree_ratios(cpu: dict[str, list[float]]) -> None:
    rows = []
    for name in COMMANDS:
        if name.endswith("(baseline)"):
            continue
        this, other = (
            statistics.median(cpu[name]),
            statistics.median(cpu[f"{name} [baseline tree]"]),
        )
        rows.append([name, f"{this:.3f}", f"{other:.3f}", f"{this / other:.2f}"])
    print_rows(
        "CPU time, this tree ÷ the baseline tree (medians)",
        ["command", "CPU s (this)", "CPU s (baseline tree)", "ratio"],
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 15")
    parser.add_argument("--baseline-tree", type=Path, help="another checkout, run beside this one")
    parsed = parser.parse_args()
    rounds = 3 if parsed.quick else 15
    commands = with_tree(parsed.baseline_tree) if parsed.baseline_tree else dict(COMMANDS)
    for package in PACKAGES:  # what an installed copy has: no module compiled per run
        compileall.compile_dir(ROOT / package, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="pulso-bench-cli-"))
    env = environment(work)
    for args in SMALL_DATABASE:
        run([str(BIN / "pulso"), *args], env, work)
    print(f"load average before (1, 5, 15 min): {load()}; {os.cpu_count()} CPUs")
    samples: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):  # interleaved: each round meets the same machine load
        for name, argv in commands.items():
            wall, used = timed(lambda argv=argv: run(argv, env, work))
            samples[name].append(wall)
            cpu[name].append(used)
    print(f"load average after: {load()}")
    base = statistics.median(next(iter(samples.values())))
    base_cpu = statistics.median(next(iter(cpu.values())))
    rows = []
    for name, times in samples.items():
        median = statistics.median(times)
        verdict = "-" if name.endswith("(baseline)") else ("yes" if p95(times) < TARGET_S else "NO")
        used = statistics.median(cpu[name])
        rows.append(
            [
                name,
                f"{median:.3f}",
                f"{p95(times):.3f}",
                f"{median / base:.1f}",
                f"{used:.3f}",
                f"{used / base_cpu:.2f}",
                verdict,
            ]
        )
    print_rows(
        f"CLI start-up, fresh process each, {rounds} rounds, small SQLite database",
        [
            "command",
            "median s",
            "p95 s",
            "× baseline",
            "CPU s",
            "CPU × baseline",
            f"p95 < {TARGET_S} s",
        ],
        rows,
    )
    if parsed.baseline_tree:
        print_tree_ratios(cpu)
    floor = p95(next(iter(samples.values())))
    for name in ("pulso --help", "pulso growth"):
        argv = next(a for a in COMMANDS if a.startswith(name))
        record_target(f"{name}, p95", p95(samples[argv]), TARGET_S, "s", "import sqlalchemy", floor)


if __name__ == "__main__":
    main()
