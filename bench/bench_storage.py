"""Storage benchmarks: growth over 7,300,000 snapshots, and importing 100,000 backfill rows.

Growth: 2,000 accounts x 10 years of daily snapshots (target < 100 ms on SQLite and PostgreSQL).
Pulso's query seeks the (account_id, day) unique index a few times per account; the baseline is
the plain SQL a competent engineer writes first: a GROUP BY for each account's first and last
day in the range, joined back to the snapshots on the same unique index. PostgreSQL runs in a
database of its own (`pulso_bench_<pid>`), created and dropped here, on the server of --postgres.
Import: Pulso's batched upsert (one SELECT for what exists, one executemany INSERT) against the
rejected per-row ORM upsert (SELECT, then INSERT or UPDATE, for every row).

    python bench/bench_storage.py [--quick] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_seconds, ms, print_rows, record_target, timed  # noqa: E402
from collectors.records import FollowerFigure  # noqa: E402
from storage.db import make_engine, session_factory, transaction  # noqa: E402
from storage.followers import upsert_imported_followers  # noqa: E402
from storage.growth import growth  # noqa: E402
from storage.keys import handle_key  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Account, FollowerSnapshot  # noqa: E402

PLATFORMS = ("facebook", "instagram", "twitter", "youtube", "tiktok")


def fill(engine: Engine, accounts: int, days: int) -> None:
    """Accounts through the ORM table, then every snapshot in one set-based INSERT ... SELECT
    (7.3M rows through Python would take longer than the benchmark)."""
    now = datetime.now(UTC)
    with transaction(engine) as session:
        session.execute(
            insert(Account),
            [
                {
                    "platform": PLATFORMS[i % 5],
                    "handle": f"cuenta{i}",
                    "handle_key": f"cuenta{i}",
                    "own": True,
                    "created_at": now,
                }
                for i in range(accounts)
            ],
        )
    if engine.dialect.name == "sqlite":
        days_sql = (
            "WITH RECURSIVE n(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM n WHERE d < :last) "
            "SELECT a.id, date('2016-01-01', '+' || n.d || ' days'), 1000 + n.d * 7 + a.id, "
            "'imported', :now FROM accounts a, n ORDER BY a.id, n.d"
        )
        stamp: object = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    else:
        days_sql = (
            "SELECT a.id, DATE '2016-01-01' + n.d, 1000 + n.d * 7 + a.id, 'imported', :now "
            "FROM accounts a, generate_series(0, :last) AS n(d) ORDER BY a.id, n.d"
        )
        stamp = now
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO follower_snapshots (account_id, day, followers, source, collected_at) "
                + days_sql
            ),
            {"last": days - 1, "now": stamp},
        )


BASELINE_GROWTH = text(
    "WITH ends AS ("
    " SELECT account_id, MIN(day) AS first_day, MAX(day) AS last_day FROM follower_snapshots"
    " WHERE followers IS NOT NULL AND day BETWEEN :from_ AND :to GROUP BY account_id)"
    " SELECT e.account_id, s.followers, l.followers FROM ends e"
    " JOIN follower_snapshots s ON s.account_id = e.account_id AND s.day = e.first_day"
    " JOIN follower_snapshots l ON l.account_id = e.account_id AND l.day = e.last_day"
)


def baseline_growth(engine: Engine, from_: date, to: date) -> dict[int, tuple[int, int]]:
    """The plain GROUP BY: first and last known figure in the range, per account."""
    with engine.connect() as connection:
        rows = connection.execute(BASELINE_GROWTH, {"from_": from_, "to": to})
        return {account_id: (first, last) for account_id, first, last in rows}


def bench_growth(engine: Engine, label: str, accounts: int, days: int) -> list[list[str]]:
    fill(engine, accounts, days)
    # What a deployment's autovacuum does after a bulk import (PostgreSQL vacuums a table once
    # its inserts pass 1,000 + 20 % of its rows): statistics, and the visibility map that
    # lets the growth query read its points from the index alone. SQLite: statistics only.
    statement = (
        "VACUUM ANALYZE follower_snapshots" if engine.dialect.name != "sqlite" else "ANALYZE"
    )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(statement))
    first, last = date(2016, 1, 1), date(2016, 1, 1) + timedelta(days=days - 1)
    ranges = [  # the whole history, a middle stretch, the last month: all inside the data
        (first, last),
        (first + timedelta(days=days * 2 // 5), first + timedelta(days=days * 3 // 5)),
        (last - timedelta(days=29), last),
    ]
    rows, worst = [], (0.0, 0.0)
    for from_, to in ranges:

        def ours(from_: date = from_, to: date = to) -> object:
            with session_factory(engine)() as session:
                return growth(session, from_=from_, to=to)

        def naive(from_: date = from_, to: date = to) -> object:
            return baseline_growth(engine, from_, to)

        assert len(ours()) == accounts  # type: ignore[arg-type]
        fast, slow = median_seconds(ours), median_seconds(naive, repeat=3)
        worst = max(worst, (fast, slow))
        rows.append(
            [
                label,
                f"{accounts}x{days}",
                f"{from_}..{to}",
                ms(fast),
                _cpu_ms(engine, ours),
                ms(slow),
                f"{slow / fast:.1f}x",
            ]
        )
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[label]
    record_target(  # the slowest of the three ranges, against the GROUP BY on that range
        f"growth 7.3M snapshots, {name}",
        worst[0] * 1000,
        100,
        "ms",
        "GROUP BY first/last day (median)",
        worst[1] * 1000,
        full_size=accounts * days >= 7_300_000,
    )
    return rows


def _cpu_ms(engine: Engine, action: Callable[[], object], repeat: int = 10) -> str:
    """Mean CPU time of `action`: this process's (SQLite runs in it) plus, on PostgreSQL, the
    server process answering it when it runs on this machine (its /proc entry): on a shared
    machine wall time is mostly waiting for a core, CPU time is what the query costs."""
    backend = None
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        if not Path(f"/proc/{pid}/stat").exists():
            return "-"  # a server elsewhere: its CPU is not ours to read
        backend = Path(f"/proc/{pid}/stat")
    tick = os.sysconf("SC_CLK_TCK")

    def server() -> float:  # the pooled connection is the one whose pid we read
        if backend is None:
            return 0.0
        fields = backend.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    # The server's CPU is counted in clock ticks (10 ms): the mean over `repeat` calls.
    cpu, served = time.process_time(), server()
    for _ in range(repeat):
        action()
    return ms((time.process_time() - cpu + server() - served) / repeat)


def naive_import(engine: Engine, figures: list[FollowerFigure]) -> None:
    """Per-row ORM upsert: one SELECT per account and per snapshot."""
    with transaction(engine) as session:
        for figure in figures:
            account = session.scalars(
                select(Account).where(
                    Account.platform == figure.platform,
                    Account.handle_key == handle_key(figure.handle),
                )
            ).one_or_none()
            if account is None:
                account = Account(
                    platform=figure.platform,
                    handle=figure.handle,
                    handle_key=handle_key(figure.handle),
                    own=True,
                    created_at=datetime.now(UTC),
                )
                session.add(account)
                session.flush()
            snapshot = session.scalars(
                select(FollowerSnapshot).where(
                    FollowerSnapshot.account_id == account.id, FollowerSnapshot.day == figure.day
                )
            ).one_or_none()
            if snapshot is None:
                session.add(
                    FollowerSnapshot(
                        account_id=account.id,
                        day=figure.day,
                        followers=figure.followers,
                        source="imported",
                        collected_at=datetime.now(UTC),
                    )
                )
                session.flush()
            elif snapshot.followers != figure.followers:
                snapshot.followers = figure.followers


def figures(count: int) -> list[FollowerFigure]:
    per_account = 1000
    return [
        FollowerFigure(
            PLATFORMS[(i // per_account) % 5],
            f"cuenta{i // per_account}",
            date(2020, 1, 1) + timedelta(days=i % per_account),
            5000 + i,
        )
        for i in range(count)
    ]


def bench_import(make: callable, label: str, rows: int, naive_rows: int) -> list[list[str]]:  # type: ignore[valid-type]
    def ours(engine: Engine, data: list[FollowerFigure]) -> None:
        with transaction(engine) as session:
            upsert_imported_followers(session, data)

    sample = figures(naive_rows)
    engine = make()
    ours_sample, _ = timed(lambda: ours(engine, sample))
    engine = make()
    naive_sample, _ = timed(lambda: naive_import(engine, sample))
    engine = make()
    full = figures(rows)
    ours_full, _ = timed(lambda: ours(engine, full))
    again, _ = timed(lambda: ours(engine, full))
    return [
        [
            label,
            f"{naive_rows:,}",
            f"{ours_sample:.2f} s",
            f"{naive_sample:.2f} s",
            f"{naive_sample / ours_sample:.1f}x",
        ],
        [label, f"{rows:,} (Pulso only)", f"{ours_full:.2f} s", "-", f"re-import: {again:.2f} s"],
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--quick", action="store_true", help="200 accounts x 1 year, 10,000 import rows"
    )
    parser.add_argument("--postgres", default=os.environ.get("PULSO_BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    accounts, days = (200, 365) if args.quick else (2000, 3650)
    rows, naive_rows = (10_000, 2_000) if args.quick else (100_000, 10_000)
    workdir = Path(tempfile.mkdtemp(prefix="pulso-bench-"))
    counter = iter(range(1000))

    def sqlite_engine() -> Engine:
        engine = make_engine(f"sqlite:///{workdir / f'bench{next(counter)}.db'}")
        upgrade(engine)
        return engine

    server = make_engine(args.postgres, isolation_level="AUTOCOMMIT") if args.postgres else None
    own_db = f"pulso_bench_{os.getpid()}"

    def postgres_engine() -> Engine:
        # A database of our own: other sessions may use the server's databases meanwhile.
        assert server is not None
        with server.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {own_db} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {own_db}"))
        engine = make_engine(server.url.set(database=own_db).render_as_string(False))
        upgrade(engine)
        return engine

    makers = [("sqlite", sqlite_engine)] + (
        [("postgresql", postgres_engine)] if args.postgres else []
    )
    growth_rows, import_rows = [], []
    print(f"load average: {os.getloadavg()} (cpus: {os.cpu_count()})")
    try:
        for label, make in makers:
            growth_rows += bench_growth(make(), label, accounts, days)
            import_rows += bench_import(make, label, rows, naive_rows)
    finally:
        if server is not None:
            with server.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {own_db} WITH (FORCE)"))
    print_rows(
        "Growth, all accounts (index: uq_follower_snapshots_account_id_day)",
        [
            "db",
            "accounts x days",
            "range",
            "Pulso (median wall)",
            "Pulso CPU (mean)",
            "baseline: GROUP BY",
            "ratio",
        ],
        growth_rows,
    )
    print_rows(
        "Backfill import",
        ["db", "rows", "Pulso batched upsert", "naive per-row ORM", "ratio"],
        import_rows,
    )


if __name__ == "__main__":
    main()
