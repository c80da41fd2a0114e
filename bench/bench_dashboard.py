"""Dashboard under load: growth page and API, 50 accounts × 5 years, 20 clients, SQLite.

Usage: .venv/bin/python bench/bench_dashboard.py [--quick] [--seconds N] [--clients N]

The server runs in its own process (uvicorn, as `pulso dashboard` runs it); a Python asyncio
load generator keeps N clients busy. Figures are reported against a baseline measured in the
same run (a static file from the same server), and the goal (p95 < 200 ms) is checked.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 21)
GROWTH_PAGES = [
    "/growth?range=year",
    "/growth?range=last4w",
    "/growth?range=quarter",
    "/growth?range=since2020",
    "/growth?from=2022-01-01&to=2024-12-31",
    "/growth?platform=facebook&platform=twitter&range=year&lang=en",
]
API_CALLS = [
    "/api/growth",
    "/api/growth?from=2022-01-01",
    "/api/growth?platform=youtube&from=2024-01-01&to=2024-12-31",
    "/api/growth?platform=facebook&account=Cuenta00&from=2023-06-01",
    "/api/growth?from=01/01/2026&to=21/11/2026",
]


def serve(database: str, port: int, ttl: float) -> None:
    import uvicorn

    from pulso.dashboard import create_app
    from settings import load_settings
    from storage.db import make_engine

    settings = load_settings({"PULSO_DATA_DIR": str(Path(database).parent)})
    app = create_app(
        settings, make_engine(f"sqlite:///{database}"), today=lambda: TODAY, cache_ttl_s=ttl
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def build(database: Path, accounts: int, years: int) -> int:
    from storage.db import make_engine
    from storage.migrate import upgrade
    from tests.dashboard.seed import seed

    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    days = years * 365 + 1
    count = seed(engine, accounts, TODAY - timedelta(days=days - 1), days)
    engine.dispose()
    return count


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(database: Path, ttl: float) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, __file__, "--serve", str(database), str(port), str(ttl)]
    process = subprocess.Popen(command, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
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
            i += 1
            began = time.perf_counter()
            status = await fetch(reader, writer, url)
            latencies[url.split("?")[0]].append(time.perf_counter() - began)
            if status != 200:
                failed.append(f"{url}: {status}")
        writer.close()

    await asyncio.gather(*(worker(n) for n in range(clients)))
    if failed:
        raise SystemExit(f"{len(failed)} requests failed, e.g. {failed[0]}")
    return latencies


def pct(values: list[float], q: int) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000
        if len(values) > 1
        else values[0] * 1000
    )


def row(name: str, values: list[float], seconds: float, baseline: float) -> str:
    p50, p95, p99 = pct(values, 50), pct(values, 95), pct(values, 99)
    return (
        f"{name:<34} {len(values):>7} {len(values) / seconds:>7.0f} {p50:>8.1f} {p95:>8.1f} "
        f"{p99:>8.1f} {p95 / baseline:>8.1f}"
    )


def cold(base: str, urls: list[str]) -> list[float]:
    """One client, no cache: what a first visitor waits for."""
    times = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for url in urls * 2:
            began = time.perf_counter()
            client.get(url).raise_for_status()
            times.append(time.perf_counter() - began)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 accounts, 5 s runs (CI)")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--serve", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), float(args.serve[2]))
        return
    accounts, seconds = (10, 5.0) if args.quick else (50, 30.0)
    seconds = args.seconds or seconds
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        began = time.perf_counter()
        snapshots = build(database, accounts, 5)
        print(
            f"seeded {accounts} accounts × 5 years = {snapshots} snapshots in {time.perf_counter() - began:.1f} s"
        )
        process, base = start_server(database, ttl=60.0)
        try:
            base_lat = asyncio.run(
                load(base, ["/static/pulso.css"], args.clients, min(seconds, 5.0))
            )
            mixed = asyncio.run(load(base, GROWTH_PAGES + API_CALLS, args.clients, seconds))
        finally:
            process.terminate()
            process.wait()
        process, base = start_server(database, ttl=0.0)
        try:
            cold_pages, cold_api = cold(base, GROWTH_PAGES), cold(base, API_CALLS)
        finally:
            process.terminate()
            process.wait()
    baseline = pct(base_lat["/static/pulso.css"], 95)
    print(
        f"\n{args.clients} concurrent clients, {seconds:.0f} s, SQLite (ratio = p95 / baseline p95)"
    )
    print(
        f"{'scenario':<34} {'requests':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'ratio':>8}"
    )
    print(row("baseline: static file", base_lat["/static/pulso.css"], min(seconds, 5.0), baseline))
    print(row(f"growth page ({accounts} accounts)", mixed["/growth"], seconds, baseline))
    print(row(f"/api/growth ({accounts} accounts)", mixed["/api/growth"], seconds, baseline))
    print(row("cold page, 1 client, no cache", cold_pages, sum(cold_pages), baseline))
    print(row("cold API, 1 client, no cache", cold_api, sum(cold_api), baseline))
    worst = max(pct(mixed["/growth"], 95), pct(mixed["/api/growth"], 95))
    verdict = "OK" if worst < 200 else "OVER"
    print(
        f"\ngoal p95 < 200 ms under load: {verdict} (worst p95 {worst:.1f} ms; cpus: {os.cpu_count()})"
    )


if __name__ == "__main__":
    main()
