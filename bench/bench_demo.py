"""`pulso demo` wall and CPU time: a first run with nothing cached, a new folder, a re-run.

Baseline, measured in the same run: `pulso --help` in a fresh process (interpreter start and
imports), so the ratio shows what the pipeline itself costs on this machine. This replaces the
60 s bound the demo test used to assert: speed is measured here, behaviour is tested there.

Three demo runs, each a fresh `pulso demo` process running the nightly and weekly flows
through the demo's own temporary Prefect server:
- nothing cached: an empty user cache (XDG_CACHE_HOME), so Prefect migrates a new database;
  this is a machine's very first demo when `make install`'s one-time step did not run;
- make install's step (once per install, not a demo): `python -m pulso.demo.prefect_server`
  migrates Prefect's empty database into another empty cache, as `make install` does; its
  cost is printed so that moving the migration there is counted, not hidden;
- fresh folder: a new folder with that cache (Prefect's migrated, empty database, kept per
  Prefect version): a machine's first demo after `make install`, and every later demo into a
  new folder;
- re-run: the same folder again (best of two; one with --quick).
Targets (issue 17): under 20 s into a fresh folder, under 10 s re-run, on an idle 2-core
machine. CPU is user + system time of the demo and its Prefect server: it varies far less
than wall time with the machine's load, which is printed with the figures.

    .venv/bin/python bench/bench_demo.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import print_rows, record_target  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def python(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one Python process (its Prefect server's CPU included)."""
    cpu, started = children_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"python {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return wall, children_cpu() - cpu


def pulso(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    return python(["-m", "pulso", *args], cwd, env)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def met(seconds: float, bound: float) -> str:
    return f"< {bound:.0f} s: {'yes' if seconds < bound else 'NO'}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="one re-run instead of two")
    reruns = 1 if parser.parse_args().quick else 2
    work = Path(tempfile.mkdtemp(prefix="pulso-bench-demo-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PULSO_"))}
    env["PULSO_DATA_DIR"] = str(work / "data")
    env["XDG_CACHE_HOME"] = str(work / "cache")  # empty: the first demo finds nothing cached
    first, fresh = work / "pulso-demo", work / "pulso-demo-2"
    print(f"load average before (1, 5, 15 min): {load()}; {os.cpu_count()} CPUs")
    help_s, help_cpu = pulso(["--help"], work, env)
    cold = pulso(["demo", "--out", str(first)], work, env)
    env["XDG_CACHE_HOME"] = str(work / "installed")  # empty too, until make install's step
    install = python(["-m", "pulso.demo.prefect_server"], work, env)
    new = pulso(["demo", "--out", str(fresh)], work, env)
    again = min(pulso(["demo", "--out", str(fresh)], work, env) for _ in range(reruns))
    print(f"load average after: {load()}")

    def row(name: str, run: tuple[float, float], bound: float) -> list[str]:
        wall, cpu = run
        return [name, f"{wall:.1f}", f"{wall / help_s:.1f}", f"{cpu:.1f}", met(wall, bound)]

    print_rows(
        "pulso demo (offline, bundled data)",
        ["run", "seconds", "× pulso --help", "CPU s", "target"],
        [
            ["pulso --help (baseline)", f"{help_s:.1f}", "1.0", f"{help_cpu:.1f}", "-"],
            row("demo, nothing cached", cold, 20),
            [
                "make install's Prefect template (once)",
                f"{install[0]:.1f}",
                f"{install[0] / help_s:.1f}",
                f"{install[1]:.1f}",
                "-",
            ],
            row("demo, fresh folder (first after make install)", new, 20),
            row("demo, re-run (best)", again, 10),
        ],
    )
    for name, (wall, _), bound in (("nothing cached", cold, 20), ("re-run", again, 10)):
        record_target(f"pulso demo, {name}", wall, bound, "s", "pulso --help", help_s)


if __name__ == "__main__":
    main()
