"""Dashboard under load, uncached: growth, mentions and free-press pages and their API calls.

Usage: .venv/bin/python bench/bench_dashboard.py [--quick] [--seconds N] [--clients N] [--no-baseline]

50 accounts × 5 years of daily follower figures, 50,000 news mentions and 20,000 clips over
the same years, SQLite. The server runs in its own process (uvicorn, as `pulso dashboard` runs
it) with its cache OFF, and every request asks for a different date range (2 weeks to 5 years,
drawn from a seeded generator), as users who pick their own dates do: nothing is answered from
memory. A Python asyncio load generator keeps N clients busy on kept-alive connections.

Baseline, measured in the same run on the same database and server: the dashboard's own code
as it was before this work (commit BASELINE of this repository, unpacked by `git archive` and
served the same way, one process), not a rewrite of it. This code is measured in one process
and with 2 uvicorn worker processes (`pulso dashboard --workers 2`); a static file from the same
server is printed as the floor. The 1-minute load average is printed before and after each run:
the machine is shared, so compare ratios within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import record_target  # noqa: E402

TODAY = date(2026, 11, 21)
# The dashboard before issue 17's second pass (this branch's start): the baseline's code.
BASELINE = "dee1ef2c05f7d7b4b2db26ebb97a2bc84026b978"
MENTIONS, CLIPS = 50_000, 20_000
WARM_UP_S = 3.0
FIRST = TODAY - timedelta(days=5 * 365)


def date_ranges(count: int, seed: int = 17) -> list[tuple[date, date]]:
    """`count` different (from, to) ranges inside the seeded history, 2 weeks to 5 years long."""
    draw, ranges = random.Random(seed), set()
    while len(ranges) < count:
        length = draw.randrange(14, (TODAY - FIRST).days)
        start = FIRST + timedelta(days=draw.randrange((TODAY - FIRST).days - length + 1))
        ranges.add((start, start + timedelta(days=length)))
    return sorted(ranges, key=lambda _: draw.random())


# Each page with its API call, measured apart: a slow page queued before a fast one would
# charge the fast one with its wait.
GROUPS = (
    ("/growth", "/api/growth"),
    ("/mentions", "/api/mentions"),
    ("/valuation", "/api/valuation"),
)


def urls(count: int, paths: tuple[str, ...]) -> list[str]:
    """The group's page and API call in turn, each request with its own range."""
    return [
        f"{paths[n % len(paths)]}?from={start.isoformat()}&to={end.isoformat()}"
        for n, (start, end) in enumerate(date_ranges(count))
    ]


def make_app(database: str, ttl: float) -> Any:
    """The dashboard of whichever tree is first on sys.path (this one, or the baseline's)."""
    from pulso.dashboard import create_app
    from settings import load_settings
    from storage.db import make_engine

    settings = load_settings({"PULSO_DATA_DIR": str(Path(database).parent)})
    return create_app(
        settings, make_engine(f"sqlite:///{database}"), today=lambda: TODAY, cache_ttl_s=ttl
    )


def app_from_environment() -> Any:
    """What each worker process builds (`pulso dashboard --workers N` does the same)."""
    return make_app(os.environ["BENCH_DB"], float(os.environ["BENCH_TTL"]))


def serve(database: str, port: int, ttl: float, workers: int, tree: str) -> None:
    """One uvicorn server: `workers` 1 is one process, more as `pulso dashboard --workers N`
    serves; `tree` is the source tree whose code answers (the baseline's, or this one)."""
    sys.path.insert(0, tree)
    import uvicorn

    options: dict[str, Any] = {"host": "127.0.0.1", "port": port, "log_level": "warning"}
    if workers > 1:
        os.environ |= {"BENCH_DB": database, "BENCH_TTL": str(ttl)}
        factory = "bench.bench_dashboard:app_from_environment"
        try:  # as `pulso dashboard --workers N` serves (each worker its own listening socket)
            from pulso.dashboard.workers import serve as serve_workers
        except ImportError:  # a tree from before it: uvicorn's shared socket
            uvicorn.run(factory, factory=True, workers=workers, access_log=False, **options)
            return
        serve_workers(factory, workers, "127.0.0.1", port)
        return
    uvicorn.run(make_app(database, ttl), access_log=False, **options)


def baseline_tree(folder: Path, commit: str = BASELINE) -> Path | None:
    """The dashboard as it was before this work (BASELINE, a commit of this repository),
    unpacked beside the database; None when this checkout does not have that commit."""
    tree = folder / "baseline"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=False
    )
    if archive.returncode != 0:
        print(f"baseline commit {commit[:10]} not in this checkout: no baseline measured")
        return None
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def seed_coverage(engine: Any, mentions: int, clips: int) -> None:
    """News mentions and TV/radio/print clips spread over the same five years: 30 outlets,
    one rate card each (the shapes of bench_period.py's seeds, over the dashboard's dates)."""
    from sqlalchemy import insert

    from storage import models as m
    from storage.db import transaction

    draw = random.Random(17)
    now = datetime(2026, 11, 21, 12, tzinfo=UTC)
    span = (TODAY - FIRST).days + 1
    media = ("tv", "radio", "print", "web")
    units = {"tv": "minute", "radio": "second", "print": "column_cm", "web": "item"}

    def day() -> date:
        return FIRST + timedelta(days=draw.randrange(span))

    with transaction(engine) as session:
        session.execute(
            insert(m.Outlet),
            [
                {"name": f"Medio {n}", "name_key": f"medio {n}", "medium": media[n % 4]}
                for n in range(30)
            ],
        )
        stories = max(1, mentions // 3)
        session.execute(
            insert(m.Story), [{"title": f"historia {n}", "created_at": now} for n in range(stories)]
        )
        days = [day() for _ in range(mentions)]
        session.execute(
            insert(m.Article),
            [
                {
                    "outlet_id": draw.randrange(1, 31),
                    "canonical_url": f"https://n.example.org/{n}",
                    "url": f"https://n.example.org/{n}",
                    "title": f"La Alcaldía de Cali anuncia la obra {n}",
                    "title_key": f"la alcaldia de cali anuncia la obra {n}",
                    "published_at": datetime.combine(d, datetime.min.time(), UTC)
                    + timedelta(hours=17),
                    "published_day": d,
                    "story_id": draw.randrange(1, stories + 1),
                    "fetched_at": now,
                }
                for n, d in enumerate(days)
            ],
        )
        session.execute(
            insert(m.Mention),
            [
                {
                    "article_id": n + 1,
                    "matched_terms": ["Alcaldía de Cali"],
                    "in_title": True,
                    "snippet": "La Alcaldía de Cali anunció…",
                    "matched_at": now,
                }
                for n in range(mentions)
            ],
        )
        session.execute(
            insert(m.RateCard),
            [
                {
                    "outlet_id": n + 1,
                    "program_key": "",
                    "medium": media[n % 4],
                    "unit": units[media[n % 4]],
                    "price_cop": Decimal(100_000 + n * 1_000),
                    "valid_from": FIRST,
                    "imported_at": now,
                }
                for n in range(28)  # two outlets without a rate: their clips are unvalued
            ],
        )
        session.execute(
            insert(m.Clip),
            [
                {
                    "clip_key": f"c{n}",
                    "outlet_id": draw.randrange(1, 31),
                    "program_key": "",
                    "aired_on": day(),
                    "title": f"corte {n}",
                    "duration_s": draw.randrange(20, 400),
                    "imported_at": now,
                }
                for n in range(clips)
            ],
        )
        # Seeded past storage: the weekly mention counts the nightly flow keeps, made once.
        if hasattr(m, "MentionWeek"):
            from zoneinfo import ZoneInfo

            from storage.mention_weeks import rebuild

            rebuild(session, ZoneInfo("America/Bogota"))
        # And the free press kept per day (the clip import, harvest and rate import keep it).
        if hasattr(m, "FreePressDay"):
            from zoneinfo import ZoneInfo

            from storage import free_press_days

            free_press_days.rebuild(session, ZoneInfo("America/Bogota"))


def build(database: Path, accounts: int, years: int, mentions: int, clips: int) -> int:
    from storage.db import make_engine
    from storage.migrate import upgrade
    from tests.dashboard.seed import seed

    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    days = years * 365 + 1
    count = seed(engine, accounts, TODAY - timedelta(days=days - 1), days)
    seed_coverage(engine, mentions, clips)
    engine.dispose()
    return count


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(database: Path, workers: int, tree: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, __file__, "--serve", str(database), str(port), "0", str(workers)]
    process = subprocess.Popen([*command, str(tree)], cwd=tree)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90  # worker processes start slowly on a loaded machine
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/static/pulso.css", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the dashboard did not start")


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    """One GET on a kept-alive connection; a bare HTTP/1.1 client keeps the load generator's
    own CPU use small (the server and the clients share the same cores)."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    return status


async def load(base: str, urls: list[str], clients: int, seconds: float) -> dict[str, list[float]]:
    """`clients` workers request `urls` round-robin for `seconds`; latencies per kind of URL."""
    latencies: dict[str, list[float]] = defaultdict(list)
    failed: list[str] = []
    stop = time.monotonic() + seconds
    host, port = base.removeprefix("http://").split(":")

    async def worker(offset: int) -> None:
        reader, writer = await asyncio.open_connection(host, int(port), limit=2**22)
        i = offset
        while time.monotonic() < stop:
            url = urls[i % len(urls)]
            i += clients  # each client walks its own share: no range is asked twice
            began = time.perf_counter()
            status = await fetch(reader, writer, url)
            latencies[url.split("?")[0]].append(time.perf_counter() - began)
            if status != 200:
                failed.append(f"{url}: {status}")
        writer.close()

    await asyncio.gather(*(worker(n) for n in range(clients)))
    if failed:  # counted, not fatal: the baseline may fail under load (its pool runs dry)
        print(f"{len(failed)} requests failed, e.g. {failed[0]}", flush=True)
        latencies["failed"] = [0.0] * len(failed)
    return latencies


def pct(values: list[float], q: int) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000
        if len(values) > 1
        else values[0] * 1000
    )


def row(name: str, values: list[float], seconds: float, ratio: float | None) -> str:
    p50, p95, p99 = pct(values, 50), pct(values, 95), pct(values, 99)
    shown = f"{ratio:>6.1f}" if ratio is not None else f"{'':>6}"
    return (
        f"{name:<38} {len(values):>8} {len(values) / seconds:>7.0f} {p50:>8.1f} {p95:>8.1f} "
        f"{p99:>8.1f} {shown}"
    )


def server_cpu(pid: int) -> float:
    """User + system seconds of the server process and its worker processes (Linux /proc)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # itself, or its child
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def scenario(
    database: Path, workers: int, tree: Path, targets: list[str], clients: int, seconds: float
) -> tuple[dict[str, list[float]], tuple[float, float]]:
    """Latencies per path, and the 1-minute load average before and after the measured run."""
    process, base = start_server(database, workers, tree)
    try:
        # Cold start: the first page a fresh process serves (it loads its templates, and the
        # growth chart's follower index its figures), reported apart, not in the percentiles.
        cold = targets[-2] if len(targets) > 1 else targets[0]  # the group's page (even index)
        began = time.perf_counter()
        first = httpx.get(base + cold, timeout=120)
        print(
            f"cold: {cold.split('?')[0]} first request, {workers} process(es), "
            f"{'this code' if tree == ROOT else 'baseline'}: "
            f"{(time.perf_counter() - began) * 1000:.0f} ms (status {first.status_code})",
            flush=True,
        )
        # Warm-up, not measured: each server process loads its templates and statements on
        # its first requests (two workers pay it twice); ranges apart from the measured ones.
        spare = clients * 20 if len(targets) > clients * 40 else 0
        asyncio.run(load(base, targets[-spare:] if spare else targets, clients, WARM_UP_S))
        before, cpu = os.getloadavg()[0], server_cpu(process.pid)
        measured = asyncio.run(load(base, targets[: len(targets) - spare], clients, seconds))
        served = sum(len(v) for k, v in measured.items() if k != "failed")
        if served and len(targets) > 1:
            # CPU per request: what a loaded machine distorts least (queueing is not in it).
            used = (server_cpu(process.pid) - cpu) * 1000 / served
            kinds = " + ".join(sorted({t.split("?")[0] for t in targets}))
            who = "this code" if tree == ROOT else "baseline"
            print(
                f"server CPU (user+sys, all its processes): {used:.1f} ms per request "
                f"({kinds}, {workers} process(es), {who})",
                flush=True,
            )
        return measured, (before, os.getloadavg()[0])
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small database, 5 s runs (CI)")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--no-baseline", action="store_true", help="measure this code only")
    parser.add_argument(
        "--baseline",
        default=BASELINE,
        help="commit whose dashboard is the baseline (default: before the growth work)",
    )
    parser.add_argument(
        "--only",
        nargs="*",
        help="pages to measure, e.g. /growth /mentions (a page and its API call), or one call "
        "alone, e.g. /api/growth (its server CPU per request then printed apart)",
    )
    parser.add_argument(
        "--baseline-tree",
        type=Path,
        default=None,
        help="a folder holding the baseline's code already unpacked (instead of --baseline)",
    )
    parser.add_argument("--serve", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        database, port, ttl, workers, tree = args.serve
        serve(database, int(port), float(ttl), int(workers), tree)
        return
    accounts, mentions, clips, seconds = (
        (10, 5_000, 2_000, 5.0) if args.quick else (50, MENTIONS, CLIPS, 20.0)
    )
    seconds = args.seconds or seconds
    print(f"load average before: {os.getloadavg()} (cpus: {os.cpu_count()})")
    runs: dict[str, tuple[dict[str, list[float]], tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        began = time.perf_counter()
        snapshots = build(database, accounts, 5, mentions, clips)
        print(
            f"seeded {accounts} accounts × 5 years = {snapshots} snapshots, {mentions} mentions, "
            f"{clips} clips in {time.perf_counter() - began:.1f} s"
        )
        static = scenario(database, 1, ROOT, ["/static/pulso.css"], args.clients, 3.0)[0]
        tree = args.baseline_tree
        if tree is None and not args.no_baseline:
            tree = baseline_tree(Path(folder), args.baseline)
        for paths in GROUPS:
            chosen: tuple[str, ...] = paths
            if args.only and paths[0] not in args.only:
                chosen = tuple(p for p in paths if p in args.only)
                if not chosen:
                    continue
            targets = urls(20_000, chosen)
            # Back to back, so that the baseline and this code meet the same machine load.
            if tree is not None:
                runs[f"{paths[0]} baseline"] = scenario(
                    database, 1, tree, targets, args.clients, seconds
                )
            for workers in (1, 2):
                runs[f"{paths[0]} {workers}"] = scenario(
                    database, workers, ROOT, targets, args.clients, seconds
                )
    print(f"load average after: {os.getloadavg()}")
    report(runs, static, args.clients, seconds)
    record_pages(runs, full_size=not args.quick)


def report(
    runs: dict[str, tuple[dict[str, list[float]], tuple[float, float]]],
    static: dict[str, list[float]],
    clients: int,
    seconds: float,
) -> None:
    print(
        f"\n{clients} concurrent clients, {seconds:.0f} s each, cache off, a different date range "
        f"per request, SQLite (ratio = baseline p95 / this p95; load = 1-min load average "
        f"before → after the run)"
    )
    print(
        f"{'scenario':<38} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'ratio':>6}  load"
    )
    print(row("floor: static file", static["/static/pulso.css"], 3.0, None))
    worst: dict[int, float] = {}
    for paths in GROUPS:
        base = runs.get(f"{paths[0]} baseline")
        for path in paths:
            for name in ("baseline", 1, 2):
                found = runs.get(f"{paths[0]} {name}")
                if found is None or path not in found[0]:  # not asked for (--only)
                    continue
                latencies, (before, after) = found
                kind = "baseline (before)" if name == "baseline" else f"now, {name} process(es)"
                ratio = (
                    pct(base[0][path], 95) / pct(latencies[path], 95)
                    if base and name != "baseline"
                    else None
                )
                line = row(f"{path} {kind}", latencies[path], seconds, ratio)
                failed = len(latencies.get("failed", []))
                note = f"  ({failed} failed in this run)" if failed and path == paths[0] else ""
                print(f"{line}  {before:.1f} → {after:.1f}{note}")
                if isinstance(name, int):
                    worst[name] = max(worst.get(name, 0.0), pct(latencies[path], 95))
    for workers, value in worst.items():
        verdict = "OK" if value < 200 else "OVER"
        print(f"goal p95 < 200 ms, {workers} process(es): {verdict} (worst p95 {value:.1f} ms)")


def record_pages(
    runs: dict[str, tuple[dict[str, list[float]], tuple[float, float]]], full_size: bool
) -> None:
    """Each page's p95 as `pulso dashboard` serves it (2 workers) for bench/run.py's summary."""
    names = {"/valuation": "/valuation (free press) page", "/api/valuation": "/api/valuation"}
    for paths in GROUPS:
        now, base = runs.get(f"{paths[0]} 2"), runs.get(f"{paths[0]} baseline")
        if now is None:  # a page left out with --only
            continue
        for path in paths:
            if path not in now[0]:
                continue
            name = names.get(path) or (path if path.startswith("/api") else f"{path} page")
            before = pct(base[0][path], 95) if base else None
            measured = pct(now[0][path], 95)
            base_name = "dashboard at BASELINE"
            record_target(
                f"{name}, p95", measured, 200, "ms", base_name, before, full_size=full_size
            )


if __name__ == "__main__":
    main()
