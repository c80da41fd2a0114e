"""Dashboard under load, uncached: growth page and API, 50 accounts × 5 years, 20 clients, SQLite.

Usage: .venv/bin/python bench/bench_dashboard.py [--quick] [--seconds N] [--clients N]

The server runs in its own process (uvicorn, as `pulso dashboard` runs it) with its cache OFF,
and every request asks for a different date range (drawn from a seeded generator), as users who
pick their own dates do: nothing is answered from memory. A Python asyncio load generator keeps
N clients busy. The baseline, measured in the same run on the same database, is the dashboard as it was before issue 17, kept below as
`previous_*` and patched into the same server: `follower_series` rebuilding and re-hashing its
statement and parsing 3,000 dates per request through an ORM session, the account list computed
as everyone's growth, a function call per chart coordinate, and the growth statement rebuilt
per call; a static file from the same server
is printed as the floor. The current code is measured in one process and as `pulso dashboard`
serves it (2 uvicorn worker processes: one Python process answers one request at a time);
the goal (p95 < 200 ms) is checked on the latter.
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
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 21)
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


def urls(count: int) -> list[str]:
    """Growth pages and API calls alternating, each with its own range."""
    made = []
    for n, (start, end) in enumerate(date_ranges(count)):
        path = "/growth" if n % 2 == 0 else "/api/growth"
        made.append(f"{path}?from={start.isoformat()}&to={end.isoformat()}")
    return made


def previous_follower_series(engine: Any, accounts: Any, start: date, end: date) -> Any:
    """The baseline: `pulso.dashboard.series.follower_series` as it was before issue 17."""
    from sqlalchemy import Date, literal, select, true, union_all
    from sqlalchemy.orm import Session

    from pulso.dashboard.series import Series, sample_days
    from storage.models import Account, FollowerSnapshot

    days = sample_days(start, end)
    sample = union_all(*(select(literal(d, Date).label("d")) for d in days)).cte("sample")
    followers = (
        select(FollowerSnapshot.followers)
        .where(
            FollowerSnapshot.account_id == Account.id,
            FollowerSnapshot.followers.is_not(None),
            FollowerSnapshot.day <= sample.c.d,
        )
        .order_by(FollowerSnapshot.day.desc())
        .limit(1)
        .scalar_subquery()
    )
    with Session(engine) as session:
        rows = session.execute(select(Account.id, Account.platform, Account.handle)).all()
        ids = {(platform, handle): id_ for id_, platform, handle in rows}
        wanted = [ids[a] for a in accounts if a in ids]
        points: dict[int, dict[date, int | None]] = {i: {} for i in wanted}
        if wanted:
            query = (
                select(Account.id, sample.c.d, followers)
                .select_from(Account)
                .join(sample, true())
                .where(Account.id.in_(wanted))
            )
            for account_id, day, value in session.execute(query):
                points[account_id][day] = value
    return [
        Series(a[0], a[1], tuple((d, points[ids[a]].get(d)) for d in days))
        for a in accounts
        if a in ids
    ]


def previous_accounts(board: Any) -> list[tuple[str, str]]:
    """The baseline's account list: everyone's growth, computed to learn their names."""
    from pulso.dashboard import queries

    return [(g.platform, g.account) for g in queries.growth(board)]


def previous_line(index: int, item: Any, days: tuple[date, date], y: Any, lang: str) -> Any:
    """The baseline's chart line: one `_scale` call per coordinate."""
    from pulso.dashboard import chart

    first, last = days[0].toordinal(), days[1].toordinal()
    coords = []
    for day, value in item.points:
        if value is None:
            continue
        px = chart._scale(first, last, chart.LEFT, chart.WIDTH - chart.RIGHT, day.toordinal())
        py = chart._scale(y[0], y[1], chart.HEIGHT - chart.BOTTOM, chart.TOP, value)
        coords.append(f"{px:.1f},{py:.1f}")
    label = f"{chart.platform_name(item.platform, lang)} · {item.account}"
    return chart.Line(label, chart.COLORS[index % len(chart.COLORS)], " ".join(coords))


def previous_growth(
    session: Any,
    *,
    platform: str | None = None,
    account: str | None = None,
    from_: date | None = None,
    to: date | None = None,
) -> Any:
    """The baseline's `storage.growth.growth`: its statement rebuilt and re-hashed per call."""
    from sqlalchemy import and_, func, select
    from sqlalchemy.orm import aliased

    from storage.growth import Growth, Point, _snapshot_id
    from storage.keys import handle_key
    from storage.models import Account, FollowerSnapshot

    day = FollowerSnapshot.day
    upper = [day <= to] if to else []
    start_id: Any = _snapshot_id(Account.id, *upper, latest=False)
    if from_ is not None:
        start_id = func.coalesce(
            _snapshot_id(Account.id, day <= from_, latest=True),
            _snapshot_id(Account.id, day > from_, *upper, latest=False),
        )
    end_id = _snapshot_id(Account.id, *upper, latest=True)
    start, end = aliased(FollowerSnapshot), aliased(FollowerSnapshot)
    query = (
        select(Account.platform, Account.handle, Account.own, start.day, start.followers)
        .add_columns(end.day, end.followers)
        .select_from(Account)
        .outerjoin(start, and_(start.id == start_id))
        .outerjoin(end, and_(end.id == end_id))
        .order_by(Account.platform, Account.handle_key)
    )
    if platform:
        query = query.where(Account.platform == platform)
    if account:
        query = query.where(Account.handle_key == handle_key(account))
    return [
        Growth(
            r[0],
            r[1],
            r[2],
            Point(r[3], r[4]) if r[3] is not None else None,
            Point(r[5], r[6]) if r[5] is not None else None,
        )
        for r in session.execute(query)
    ]


def make_app(database: str, ttl: float, variant: str) -> Any:
    from flows.steps import followers
    from pulso.dashboard import chart, create_app, queries

    if variant == "previous":  # the dashboard as it was before issue 17, on the same server
        followers.growth = previous_growth
        queries.follower_series = previous_follower_series
        queries.accounts = previous_accounts
        chart._line = previous_line
    from settings import load_settings
    from storage.db import make_engine

    settings = load_settings({"PULSO_DATA_DIR": str(Path(database).parent)})
    return create_app(
        settings, make_engine(f"sqlite:///{database}"), today=lambda: TODAY, cache_ttl_s=ttl
    )


def app_from_environment() -> Any:
    """What each worker process builds (`pulso dashboard --workers N` does the same)."""
    return make_app(os.environ["BENCH_DB"], float(os.environ["BENCH_TTL"]), "current")


def serve(database: str, port: int, ttl: float, variant: str) -> None:
    """`variant`: "previous" or "current" in one process; "workers" as `pulso dashboard`
    serves by default (2 uvicorn worker processes)."""
    import uvicorn

    options: dict[str, Any] = {"host": "127.0.0.1", "port": port, "log_level": "warning"}
    if variant == "workers":
        os.environ |= {"BENCH_DB": database, "BENCH_TTL": str(ttl)}
        factory = "bench.bench_dashboard:app_from_environment"
        uvicorn.run(factory, factory=True, workers=2, access_log=False, **options)
        return
    uvicorn.run(make_app(database, ttl, variant), access_log=False, **options)


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


def start_server(
    database: Path, ttl: float, variant: str = "current"
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, __file__, "--serve", str(database), str(port), str(ttl), variant]
    process = subprocess.Popen(command, cwd=ROOT)
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
    if failed:
        raise SystemExit(f"{len(failed)} requests failed, e.g. {failed[0]}")
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
        f"{name:<40} {len(values):>8} {len(values) / seconds:>7.0f} {p50:>8.1f} {p95:>8.1f} "
        f"{p99:>8.1f} {shown}"
    )


def scenario(
    database: Path, variant: str, targets: list[str], clients: int, seconds: float
) -> dict[str, list[float]]:
    process, base = start_server(database, ttl=0.0, variant=variant)
    try:
        # Warm-up, not measured: each server process loads its templates and statements on
        # its first requests (two workers pay it twice); ranges apart from the measured ones.
        spare = clients * 20 if len(targets) > clients * 40 else 0
        asyncio.run(load(base, targets[-spare:] if spare else targets, clients, WARM_UP_S))
        return asyncio.run(load(base, targets[: len(targets) - spare], clients, seconds))
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 accounts, 5 s runs (CI)")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--serve", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), float(args.serve[2]), args.serve[3])
        return
    accounts, seconds = (10, 5.0) if args.quick else (50, 20.0)
    seconds = args.seconds or seconds
    print(f"load average before: {os.getloadavg()} (cpus: {os.cpu_count()})")
    targets = urls(20_000)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        began = time.perf_counter()
        snapshots = build(database, accounts, 5)
        print(
            f"seeded {accounts} accounts × 5 years = {snapshots} snapshots "
            f"in {time.perf_counter() - began:.1f} s"
        )
        static = scenario(database, "current", ["/static/pulso.css"], args.clients, 3.0)
        previous = scenario(database, "previous", targets, args.clients, seconds)
        current = scenario(database, "current", targets, args.clients, seconds)
        workers = scenario(database, "workers", targets, args.clients, seconds)
    print(f"load average after: {os.getloadavg()}")
    print(
        f"\n{args.clients} concurrent clients, {seconds:.0f} s each, cache off, a different "
        f"date range per request, SQLite (ratio = baseline p95 / now p95)"
    )
    print(
        f"{'scenario':<40} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'ratio':>6}"
    )
    print(row("floor: static file", static["/static/pulso.css"], 3.0, None))
    worst = 0.0
    for path in ("/growth", "/api/growth"):
        before, after = pct(previous[path], 95), pct(current[path], 95)
        print(row(f"{path} baseline: previous code", previous[path], seconds, None))
        print(row(f"{path} now, 1 process", current[path], seconds, before / after))
        served = pct(workers[path], 95)
        print(
            row(f"{path} now, 2 workers (pulso dashboard)", workers[path], seconds, before / served)
        )
        worst = max(worst, served)
    verdict = "OK" if worst < 200 else "OVER"
    print(f"\ngoal p95 < 200 ms uncached under load: {verdict} (worst p95 {worst:.1f} ms)")


if __name__ == "__main__":
    main()
